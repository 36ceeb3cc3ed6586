//! The names hosts rely on (`nhs_login_help::contract`) as JSON, for the embed entry, the
//! standalone page's script and `scripts/package.mjs`.

use nhs_login_help::config::HeadingLevel;
use nhs_login_help::contract::{attribute, data, event, param, Attribute, Event};
use nhs_login_help::contract::{ARTICLE_LINK, FEEDBACK_QUEUE_KEY, MOUNT_ID, NEEDS_WASM, TAG, VERSION};
use nhs_login_help::lookup::PAGE_TITLE_SUFFIX;
use serde_json::{json, Value};

/// `heading-level` → `headingLevel`: the key JavaScript refers to a name by.
fn key(name: &str) -> String {
    let mut parts = name.split('-');
    let first = parts.next().unwrap_or_default().to_string();
    parts.fold(first, |key, part| key + &part[..1].to_ascii_uppercase() + &part[1..])
}

/// Every attribute, by a key the JavaScript refers to it by (its name is only here, from Rust).
fn attributes() -> Value {
    let described =
        |a: Attribute| json!({ "name": a.name, "default": a.default, "allowed": a.allowed, "expected": a.expected });
    Value::Object(attribute::ALL.into_iter().map(|a| (key(a.name), described(a))).collect())
}

/// Every event, by its name after the tag's prefix (`shown`): the fields by name only, since the
/// entry sends what the first paint and the wasm give it, and their types go to the declarations
/// (`crate::declarations`), not into the entry's bytes.
fn events() -> Value {
    let prefix = [TAG, ":"].concat();
    let described = |event: Event| {
        let fields: Vec<&str> = event.fields.iter().map(|field| field.name).collect();
        json!({ "name": event.name, "fields": fields, "cancelable": event.cancelable })
    };
    Value::Object(
        event::ALL
            .into_iter()
            .map(|event| (event.name.strip_prefix(&prefix).unwrap_or(event.name).to_string(), described(event)))
            .collect(),
    )
}

/// The values `data-heading-level` accepts on the standalone page's mount.
fn page_heading_levels() -> Vec<String> {
    (0..=9).map(|level: u8| level.to_string()).filter(|level| HeadingLevel::from_attribute(level).is_some()).collect()
}

pub fn contract_json() -> Value {
    json!({
        "version": VERSION,
        "tag": TAG,
        "params": {
            "error": param::ERROR,
            "description": param::DESCRIPTION,
            "section": param::SECTION,
            "article": param::ARTICLE,
            "gallery": param::GALLERY,
        },
        "attributes": attributes(),
        "page": { "headingLevel": HeadingLevel::PAGE.get().to_string(), "headingLevels": page_heading_levels() },
        "events": events(),
        "data": {
            "article": data::ARTICLE,
            "expander": data::EXPANDER,
            "firstPaint": data::FIRST_PAINT,
            "headingLevel": data::HEADING_LEVEL,
            "feedbackUrl": data::FEEDBACK_URL,
        },
        "mountId": MOUNT_ID,
        "titleSuffix": PAGE_TITLE_SUFFIX,
        "needsWasm": NEEDS_WASM,
        "articleLink": ARTICLE_LINK,
        "feedbackQueueKey": FEEDBACK_QUEUE_KEY,
    })
}
