//! Prints, as JSON, the first paint of every article: the widget's markup for each reference and
//! article id it answers, for the standalone page (`page`) and for an `<nhs-login-help>` element
//! with default attributes (`element`). `scripts/package.mjs` (Trunk's post-build hook) puts it in
//! the embed entry and the standalone page's first-paint module, which show it at once while the
//! wasm loads: `cargo run --example first_paint`.
//!
//! Each placement is `{ "codes": { code: i }, "articles": { id: i }, "help": [{ "html", "title" }] }`:
//! `help[i]` is what the widget first renders for that code or id (`?error=` or `?article=` on the
//! page, the `error` or `article` attribute or the page URL on an element). An element shows its
//! first paint without the wasm, so the element's entries also carry what it tells the host:
//! `shown`, the `nhs-login-help:shown` event's detail, and `links`, the kind (`contact` or
//! `settings`) of each link whose following is an `nhs-login-help:link` event, by its `href`.

use nhs_login_help::config::{HeadingLevel, Placement, Variant};
use nhs_login_help::content::{Article, LinkTarget, ARTICLES};
use nhs_login_help::events::WidgetEvent;
use nhs_login_help::feedback::push_json_string;
use nhs_login_help::links::LinkTargets;
use nhs_login_help::lookup::Help;
use nhs_login_help::markup::widget_html;
use nhs_login_help::reference::ErrorReference;

fn main() {
    let element = HeadingLevel::new(2);
    let page = Placement::standalone();
    println!(
        "{{\n\"page\": {},\n\"element\": {}\n}}",
        placement_json(page.level, page.variant, &page.links, false),
        placement_json(element, Variant::Page, &LinkTargets::default(), true)
    );
}

/// Every code's and every article's first paint at one placement; with `events`, what the widget
/// tells the host about each.
fn placement_json(level: HeadingLevel, variant: Variant, links: &LinkTargets, events: bool) -> String {
    let mut help: Vec<String> = Vec::new();
    let mut codes = Vec::new();
    let mut articles = Vec::new();
    for article in ARTICLES {
        let mut add = |reference: Option<&ErrorReference>| {
            let html = widget_html(article, reference, level, variant, links);
            let shown = shown(article, reference);
            let mut entry = format!("{{\"html\": {}, \"title\": {}", json(&html), json(&shown.page_title()));
            if events {
                entry.push_str(&format!(
                    ", \"shown\": {}, \"links\": {}",
                    shown_json(&shown),
                    links_json(article, reference, links)
                ));
            }
            entry.push('}');
            help.push(entry);
            help.len() - 1
        };
        let Help::Article { reference: own, .. } = Help::for_article(article) else { unreachable!("an article") };
        let by_id = add(own.as_ref());
        articles.push(format!("{}: {by_id}", json(article.id)));
        for code in article.codes {
            let reference = ErrorReference::parse(code).expect("the build checks every code");
            assert_eq!(reference.as_str(), *code, "codes are written in their canonical form");
            let index = if own.as_ref() == Some(&reference) { by_id } else { add(Some(&reference)) };
            codes.push(format!("{}: {index}", json(code)));
        }
    }
    format!(
        "{{\"codes\": {{{}}},\n\"articles\": {{{}}},\n\"help\": [\n{}\n]}}",
        codes.join(", "),
        articles.join(", "),
        help.join(",\n")
    )
}

/// What the widget shows for `article` with `reference`, for its page title.
fn shown(article: &'static Article, reference: Option<&ErrorReference>) -> Help {
    Help::Article { article, reference: reference.cloned(), section: None }
}

/// The `nhs-login-help:shown` detail for `help`, as `src/host/element.rs` sends it.
fn shown_json(help: &Help) -> String {
    let WidgetEvent::Shown { reference, article } = WidgetEvent::shown(help) else { unreachable!("a shown event") };
    let or_null = |text: Option<&str>| text.map_or_else(|| "null".to_string(), json);
    format!("{{\"reference\": {}, \"article\": {}}}", or_null(reference.as_ref().map(|r| r.as_str())), or_null(article))
}

/// `{ href: kind }` for the article's contact and settings links (`src/components/article.rs`
/// sends an `nhs-login-help:link` event for those, not for other links). Fails the build if
/// another link had the same address, which would make the `href` ambiguous.
fn links_json(article: &Article, reference: Option<&ErrorReference>, links: &LinkTargets) -> String {
    let mut kinds: Vec<(String, &str)> = Vec::new();
    let mut others: Vec<String> = Vec::new();
    for target in article.link_targets() {
        let href = links.href(target, reference);
        match target {
            LinkTarget::Contact => kinds.push((href, "contact")),
            LinkTarget::Settings => kinds.push((href, "settings")),
            LinkTarget::External(_) => others.push(href),
        }
    }
    kinds.sort();
    kinds.dedup();
    for (href, _) in &kinds {
        assert!(
            !others.contains(href),
            "{}: an external link to {href} looks like a contact or settings link",
            article.id
        );
    }
    let pairs: Vec<String> = kinds.iter().map(|(href, kind)| format!("{}: {}", json(href), json(kind))).collect();
    format!("{{{}}}", pairs.join(", "))
}

/// `text` as a JSON string.
fn json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_json_string(&mut out, text);
    out
}
