//! Every state a page can show without interaction, prerendered from the components as templates:
//! each article with each reference it answers (with the feedback question and each expander
//! opened by a deep link as options), the fallback for a reference we have no help for (with each
//! set of near-miss suggestions as an option) and the topics. The embed entry and the standalone
//! page's script fill them in (`embed/paint.js`).

use crate::render::widget_html;
use crate::template::{Hole, Template, Templates};
use nhs_login_help::config::{HeadingLevel, Placement, Variant};
use nhs_login_help::content::{Article, ARTICLES};
use nhs_login_help::links::LinkTargets;
use nhs_login_help::lookup::{near_misses, Help};
use nhs_login_help::reference::ErrorReference;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// The option that asks "Was this helpful?" (the host set a feedback address).
pub const FEEDBACK: &str = "feedback";
/// The prefix of the option that opens one expander (a deep link): `open:<expander id>`.
pub const OPEN: &str = "open:";
/// The prefix of the option that suggests near misses: `suggest:<article ids, space-separated>`.
pub const SUGGEST: &str = "suggest:";

/// Every placement a host can ask for: heading levels 1 to 6 (elements 2 to 6, the standalone
/// page 1 to 6), each as a page and as an inline panel.
pub fn placements() -> Vec<(HeadingLevel, Variant)> {
    (1..=6)
        .flat_map(|level| [Variant::Page, Variant::Inline].map(|variant| (HeadingLevel::new(level), variant)))
        .collect()
}

/// Links whose addresses are the sentinels of their holes.
fn sentinel_links() -> LinkTargets {
    LinkTargets { contact: Hole::Contact.sentinel().to_string(), settings: Hole::Settings.sentinel().to_string() }
}

/// The placement numbered `at`, with sentinel links and label, and with a feedback address when
/// `options` ask for the question.
fn placement(at: usize, options: &[&str]) -> Placement {
    let (level, variant) = placements()[at];
    let feedback_url = options.contains(&FEEDBACK).then(|| "/feedback".to_string());
    let label = Some(Hole::Label.sentinel().to_string());
    Placement { level, variant, links: sentinel_links(), feedback_url, label }
}

/// What the holes stand for in the renders, where the contact link carries `reference`.
fn sentinel_values(reference: Option<&ErrorReference>) -> impl Fn(Hole) -> String + '_ {
    move |hole| match hole {
        Hole::Contact => sentinel_links().contact_link(reference),
        other => other.sentinel().to_string(),
    }
}

/// The key of an article's state: its id and the reference it shows (empty for none).
pub fn article_key(article: &Article, reference: Option<&ErrorReference>) -> String {
    [article.id, "|", reference.map_or("", |r| r.as_str())].concat()
}

/// The first paint as JSON: `{ placements, values, inserts, states, articles }`. `states` maps a
/// state's key (`<article id>|<reference>`, `not-found`, `not-found-blank`, `topics`) to its
/// heading and template; `articles` lists each article's id, codes and expander ids in topic order,
/// for the lookup.
pub fn first_paint_json() -> Result<Value, String> {
    let mut templates = Templates::new(placements().len());
    let mut states = Map::new();
    for article in ARTICLES {
        let Help::Article { reference: own, .. } = Help::for_article(article) else { unreachable!("an article") };
        let mut references = vec![own];
        references.extend(article.codes.iter().map(|code| ErrorReference::parse(code)));
        references.dedup();
        for reference in references {
            let options: Vec<String> = std::iter::once(FEEDBACK.to_string())
                .chain(article.expanders().map(|expander| [OPEN, expander.id].concat()))
                .collect();
            let combined: Vec<Vec<&str>> = options[1..].iter().map(|open| vec![FEEDBACK, open.as_str()]).collect();
            let help = |options: &[&str]| {
                let section = options.iter().find_map(|option| option.strip_prefix(OPEN));
                let section = article.expanders().map(|expander| expander.id).find(|id| Some(*id) == section);
                Help::Article { article, reference: reference.clone(), section }
            };
            let render = |at: usize, options: &[&str]| widget_html(help(options), placement(at, options));
            let template = templates
                .fold(render, &options, sentinel_values(reference.as_ref()), &combined)
                .map_err(|error| format!("{}: {error}", article.id))?;
            states.insert(article_key(article, reference.as_ref()), state_json(&help(&[]), &template));
        }
    }

    let suggestion_sets = suggestion_sets();
    let options: Vec<String> = suggestion_sets.iter().map(|ids| [SUGGEST, &ids.join(" ")].concat()).collect();
    for (key, echo) in [("not-found", Hole::Echo.sentinel().to_string()), ("not-found-blank", String::new())] {
        let help = |options: &[&str]| {
            let wanted = options.iter().find_map(|option| option.strip_prefix(SUGGEST)).unwrap_or_default();
            let suggestions = ARTICLES.iter().filter(|article| wanted.split(' ').any(|id| id == article.id)).collect();
            Help::NotFound { echo: echo.clone(), reference: None, suggestions }
        };
        let render = |at: usize, options: &[&str]| widget_html(help(options), placement(at, options));
        let options = if echo.is_empty() { &[][..] } else { &options[..] };
        let template =
            templates.fold(render, options, sentinel_values(None), &[]).map_err(|error| format!("{key}: {error}"))?;
        states.insert(key.into(), state_json(&help(&[]), &template));
    }

    let render = |at: usize, options: &[&str]| widget_html(Help::Topics, placement(at, options));
    let template =
        templates.fold(render, &[], sentinel_values(None), &[]).map_err(|error| format!("topics: {error}"))?;
    states.insert("topics".into(), state_json(&Help::Topics, &template));

    let (values, inserts) = templates.tables_json();
    let placements: Vec<Value> = placements()
        .into_iter()
        .map(|(level, variant)| json!({ "level": level.get(), "variant": variant.name() }))
        .collect();
    let articles: Vec<Value> = ARTICLES
        .iter()
        .map(|article| {
            let expanders: Vec<&str> = article.expanders().map(|expander| expander.id).collect();
            json!({ "id": article.id, "codes": article.codes, "expanders": expanders })
        })
        .collect();
    Ok(json!({
        "placements": placements,
        "values": values,
        "inserts": inserts,
        "states": states,
        "articles": articles,
    }))
}

/// A state: its top heading (announced when it replaces other help, and the standalone page's
/// title with the contract's suffix) and its template.
fn state_json(help: &Help, template: &Template) -> Value {
    json!({ "heading": help.heading(), "shapes": template.to_json() })
}

/// Every set of near-miss suggestions a reference can get, each as article ids in topic order:
/// found by asking the lookup about every run of digits as long as a code's, one shorter and one
/// longer (a suggestion is one typo away, so no other length has any).
fn suggestion_sets() -> BTreeSet<Vec<&'static str>> {
    let lengths: Vec<usize> = ARTICLES.iter().flat_map(|article| article.codes).map(|code| code.len() - 3).collect();
    let (shortest, longest) = (lengths.iter().min().copied().unwrap_or(1), lengths.iter().max().copied().unwrap_or(0));
    let mut sets = BTreeSet::new();
    for length in shortest.saturating_sub(1).max(1)..=longest + 1 {
        for number in 0..10u64.pow(length as u32) {
            let digits = format!("{number:0length$}");
            let ids: Vec<&str> = near_misses(&digits).iter().map(|article| article.id).collect();
            if !ids.is_empty() {
                sets.insert(ids);
            }
        }
    }
    sets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_miss_sets_include_one_code_and_several() {
        let sets = suggestion_sets();
        assert!(sets.contains(&vec!["cannot-connect-to-gp-system"]), "CID7032");
        assert!(sets.contains(&vec!["cannot-connect-to-gp-system", "cannot-connect-login-to-gp"]), "CID702");
        assert!(sets.iter().all(|set| !set.is_empty()));
    }

    #[test]
    fn every_state_folds_into_a_template_that_reproduces_its_renders() {
        let paint = first_paint_json().expect("every state folds");
        let states = paint["states"].as_object().expect("states");
        assert!(states.contains_key("cannot-connect-to-gp-system|CID7023"));
        assert!(states.contains_key("nhsmail-login|"));
        for key in ["not-found", "not-found-blank", "topics"] {
            assert!(states.contains_key(key), "{key}");
        }
        assert_eq!(paint["placements"].as_array().map(Vec::len), Some(12));
    }
}
