//! The partners' tables of attributes and events (`docs/partners/api.md`), written from the
//! contract's descriptions (`nhs_login_help::contract::described`), the same source as the
//! TypeScript declarations and the Custom Elements Manifest. Each table sits between two comment
//! markers in the doc; a test fails when the committed one is stale, and
//! `cargo run -p nhs-login-help-tools --bin api-tables -- --write` writes them.

use nhs_login_help::contract::described::{ATTRIBUTES, EVENTS};
use nhs_login_help::contract::FieldValue;

/// The doc the tables live in, from the repository's root.
pub const DOC: &str = "docs/partners/api.md";

/// One generated table: its marker's name and its Markdown.
pub fn tables() -> [(&'static str, String); 2] {
    [("attributes", attributes()), ("events", events())]
}

fn attributes() -> String {
    let mut out = String::from("| attribute | default | values | what it does |\n|---|---|---|---|\n");
    for (attribute, description) in ATTRIBUTES {
        let default = attribute.default.map_or_else(|| "—".to_string(), |default| format!("`{default}`"));
        let values = if attribute.allowed.is_empty() {
            "any".to_string()
        } else {
            attribute.allowed.iter().map(|value| format!("`{value}`")).collect::<Vec<_>>().join(", ")
        };
        out.push_str(&format!("| `{}` | {default} | {values} | {} |\n", attribute.name, cell(description)));
    }
    out
}

fn events() -> String {
    let mut out = String::from("| event | `detail` | cancelable | when |\n|---|---|---|---|\n");
    for described in &EVENTS {
        let event = described.event;
        let detail: Vec<String> = event
            .fields
            .iter()
            .zip(described.fields)
            .map(|(field, (_, what))| format!("`{}` ({}): {}", field.name, kind(field.value), cell(what)))
            .collect();
        let cancelable = if event.cancelable { "yes" } else { "no" };
        out.push_str(&format!(
            "| `{}` | {} | {cancelable} | {} |\n",
            event.name,
            detail.join("<br>"),
            cell(described.description)
        ));
    }
    out
}

/// What a field holds, in words a partner reads.
fn kind(value: FieldValue) -> String {
    match value {
        FieldValue::Text => "string".into(),
        FieldValue::TextOrNull => "string or `null`".into(),
        FieldValue::Flag => "boolean".into(),
        FieldValue::OneOf(values) => {
            values.iter().map(|value| format!("`\"{value}\"`")).collect::<Vec<_>>().join(" or ")
        }
    }
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// `doc` with each table between its markers replaced by the generated one; an error names a
/// marker the doc lacks.
pub fn with_tables(doc: &str) -> Result<String, String> {
    let mut out = doc.to_string();
    for (name, table) in tables() {
        let (start, end) = (format!("<!-- {name}: generated from the contract -->\n"), format!("<!-- /{name} -->"));
        let from = out.find(&start).ok_or_else(|| format!("{DOC} has no `{}` marker", start.trim()))? + start.len();
        let to = out[from..].find(&end).ok_or_else(|| format!("{DOC} has no `{end}` marker"))? + from;
        out.replace_range(from..to, &table);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_tables_are_the_contracts() {
        let committed = std::fs::read_to_string(format!("{}/../{DOC}", env!("CARGO_MANIFEST_DIR"))).expect("the doc");
        let generated = with_tables(&committed).expect("the doc has both markers");
        assert!(
            generated == committed,
            "{DOC} is stale: run `cargo run -p nhs-login-help-tools --bin api-tables -- --write`"
        );
    }

    #[test]
    fn every_attribute_and_event_has_a_row() {
        let [(_, attributes), (_, events)] = tables();
        assert!(attributes.contains("| `heading-level` | `2` | `2`, `3`, `4`, `5`, `6` |"), "{attributes}");
        assert!(attributes.contains("| `error` | — | any |"), "{attributes}");
        assert!(events.contains("`kind` (`\"contact\"` or `\"settings\"`)"), "{events}");
        assert_eq!(attributes.lines().count(), 2 + ATTRIBUTES.len());
        assert_eq!(events.lines().count(), 2 + EVENTS.len());
    }
}
