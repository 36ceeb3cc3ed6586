//! Prints, as JSON, the first paint of every article: the widget's markup for each reference and
//! article id it answers, for the standalone page (`page`) and for an `<nhs-login-help>` element
//! with default attributes (`element`). `scripts/package.mjs` (Trunk's post-build hook) puts it in
//! the embed entry and the standalone page's first-paint module, which show it at once while the
//! wasm loads: `cargo run --example first_paint`.
//!
//! Each placement is `{ "codes": { code: i }, "articles": { id: i }, "help": [{ "html", "title" }] }`:
//! `help[i]` is what the widget first renders for that code or id (`?error=` or `?article=` on the
//! page, the `error` or `article` attribute or the page URL on an element).

use nhs_login_help::config::{HeadingLevel, Placement, Variant};
use nhs_login_help::content::{Article, ARTICLES};
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
        placement_json(page.level, page.variant, &page.links),
        placement_json(element, Variant::Page, &LinkTargets::default())
    );
}

/// Every code's and every article's first paint at one placement.
fn placement_json(level: HeadingLevel, variant: Variant, links: &LinkTargets) -> String {
    let mut help: Vec<String> = Vec::new();
    let mut codes = Vec::new();
    let mut articles = Vec::new();
    for article in ARTICLES {
        let mut add = |reference: Option<&ErrorReference>| {
            let html = widget_html(article, reference, level, variant, links);
            let title = shown(article, reference).page_title();
            help.push(format!("{{\"html\": {}, \"title\": {}}}", json(&html), json(&title)));
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

/// `text` as a JSON string.
fn json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_json_string(&mut out, text);
    out
}
