//! Prints the compiled articles as JSON for the browser tests, so they check every article the
//! widget carries, with expectations taken from the same content files (never typed twice):
//! `cargo run --example content_manifest > target/content-manifest.json`.

use nhs_login_help::content::{Article, Block, Inline, Part, ARTICLES};
use nhs_login_help::feedback::push_json_string;
use nhs_login_help::links::LinkTargets;
use nhs_login_help::lookup::Help;

fn main() {
    let articles: Vec<String> = ARTICLES.iter().map(article_json).collect();
    println!("[\n{}\n]", articles.join(",\n"));
}

fn article_json(article: &'static Article) -> String {
    let Help::Article { reference, .. } = Help::for_article(article) else { unreachable!("an article") };
    let links = LinkTargets::default();
    let mut texts = Vec::new();
    let mut hrefs = Vec::new();
    let mut expanders = Vec::new();
    for part in article.parts {
        match part {
            Part::Block(block) => collect(block, &mut texts, &mut hrefs, &links, reference.as_ref()),
            Part::Expander(expander) => {
                let mut body = Vec::new();
                let mut body_links = Vec::new();
                for block in expander.body {
                    collect(block, &mut body, &mut body_links, &links, reference.as_ref());
                }
                hrefs.extend(body_links.iter().cloned());
                expanders.push(format!(
                    "{{\"id\": {}, \"summary\": {}, \"texts\": {}, \"links\": {}}}",
                    json(expander.id),
                    json(expander.summary),
                    json_list(&body),
                    links_json(&body_links)
                ));
            }
        }
    }
    let codes: Vec<String> = article.codes.iter().map(|code| code.to_string()).collect();
    format!(
        "  {{\"id\": {}, \"codes\": {}, \"title\": {}, \"topic\": {}, \"texts\": {}, \"expanders\": [{}], \"links\": {}}}",
        json(article.id),
        json_list(&codes),
        json(article.title),
        json(article.topic.title()),
        json_list(&texts),
        expanders.join(", "),
        links_json(&hrefs)
    )
}

/// Each paragraph, heading and list item as plain text, and each link as (text, href).
fn collect(
    block: &'static Block,
    texts: &mut Vec<String>,
    hrefs: &mut Vec<(String, String)>,
    links: &LinkTargets,
    reference: Option<&nhs_login_help::reference::ErrorReference>,
) {
    let inline_text = |inlines: &'static [Inline], texts: &mut Vec<String>, hrefs: &mut Vec<(String, String)>| {
        let mut text = String::new();
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Strong(t) => text.push_str(t),
                Inline::Link { target, text: t } => {
                    text.push_str(t);
                    hrefs.push((t.to_string(), links.href(target, reference)));
                }
            }
        }
        texts.push(text);
    };
    match block {
        Block::Paragraph(inlines) | Block::Heading(inlines) => inline_text(inlines, texts, hrefs),
        Block::Inset(blocks) => blocks.iter().for_each(|b| collect(b, texts, hrefs, links, reference)),
        Block::List { items, .. } => {
            for item in items.iter() {
                for block in item.iter() {
                    match block {
                        Block::Paragraph(inlines) => inline_text(inlines, texts, hrefs),
                        other => collect(other, texts, hrefs, links, reference),
                    }
                }
            }
        }
    }
}

fn links_json(links: &[(String, String)]) -> String {
    let items: Vec<String> =
        links.iter().map(|(text, href)| format!("{{\"text\": {}, \"href\": {}}}", json(text), json(href))).collect();
    format!("[{}]", items.join(", "))
}

fn json_list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| json(s)).collect::<Vec<_>>().join(", "))
}

fn json(text: &str) -> String {
    let mut out = String::new();
    push_json_string(&mut out, text);
    out
}
