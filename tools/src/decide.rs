//! What the Rust core decides a page shows, as JSON, for the test vectors and random inputs that
//! hold the embed entry's copy of the rules (`embed/rules.js`) to the same answers.
//!
//! Input: `{ "page": { search, hash, headingLevel, feedbackUrl } }` (the standalone page and its
//! mount's data attributes) or `{ "element": { attributes: { name: value }, search, hash } }`.
//! Output: `{ help, placement, warnings }`, shaped as `embed/rules.js` returns them; with
//! [`decide_and_render`], also `html`, what the components render for it (the markup the first
//! paint must reproduce; `null` for the gallery, which has no first paint).

use crate::render::widget_html;
use nhs_login_help::config::{requested_section, ElementSettings, Placement, Request};
use nhs_login_help::lookup::Help;
use serde_json::{json, Value};

pub fn decide(input: &Value) -> Result<Value, String> {
    let (help, placement, warnings) = decided(input)?;
    Ok(answer_json(&help, &placement, &warnings))
}

/// [`decide`], with the widget's markup for what it decided.
pub fn decide_and_render(input: &Value) -> Result<Value, String> {
    let (help, placement, warnings) = decided(input)?;
    let mut out = answer_json(&help, &placement, &warnings);
    out["html"] = match help {
        Help::Gallery => Value::Null,
        help => Value::String(widget_html(help, placement)),
    };
    Ok(out)
}

fn decided(input: &Value) -> Result<(Help, Placement, Vec<String>), String> {
    let text = |value: &Value, key: &str| value[key].as_str().map(str::to_string);
    if let Some(page) = input.get("page") {
        let (search, hash) = (text(page, "search").unwrap_or_default(), text(page, "hash").unwrap_or_default());
        let placement =
            Placement::for_page(text(page, "headingLevel").as_deref(), text(page, "feedbackUrl").as_deref());
        let help = Help::for_request(Request::from_url(&search, &hash))
            .with_section(requested_section(&search, &hash).as_deref());
        return Ok((help, placement, Vec::new()));
    }
    let element = input.get("element").ok_or("neither page nor element")?;
    let (search, hash) = (text(element, "search").unwrap_or_default(), text(element, "hash").unwrap_or_default());
    let attributes = &element["attributes"];
    let (settings, warnings) = ElementSettings::read(|name| text(attributes, name));
    let help =
        Help::for_request(settings.request(&search, &hash)).with_section(settings.section(&search, &hash).as_deref());
    Ok((help, settings.placement, warnings))
}

fn answer_json(help: &Help, placement: &Placement, warnings: &[String]) -> Value {
    json!({ "help": help_json(help), "placement": placement_json(placement), "warnings": warnings })
}

fn help_json(help: &Help) -> Value {
    match help {
        Help::Topics => json!({ "kind": "topics" }),
        Help::Gallery => json!({ "kind": "gallery" }),
        Help::Article { article, reference, section } => json!({
            "kind": "article",
            "article": article.id,
            "reference": reference.as_ref().map(|r| r.as_str()),
            "section": section,
        }),
        Help::NotFound { echo, reference, suggestions } => json!({
            "kind": "not-found",
            "echo": echo,
            "reference": reference.as_ref().map(|r| r.as_str()),
            "suggestions": suggestions.iter().map(|article| article.id).collect::<Vec<_>>(),
        }),
    }
}

fn placement_json(placement: &Placement) -> Value {
    json!({
        "level": placement.level.get(),
        "variant": placement.variant.name(),
        "contact": placement.links.contact,
        "settings": placement.links.settings,
        "feedback": placement.feedback_url,
        "label": placement.label,
    })
}
