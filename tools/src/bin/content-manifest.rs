//! Prints the compiled articles as JSON for the browser tests, so they check every article the
//! widget carries, with expectations taken from the same content files (never typed twice):
//! `cargo run -p nhs-login-help-tools --bin content-manifest > target/content-manifest.json`.
//!
//! Each article: `{ id, codes, href, title, topic, texts, expanders: [{ id, summary, texts, links }],
//! links }`, where `href` is its address on the standalone page (`Article::href`), `texts` are its paragraphs, headings and list items as plain text and `links`
//! its links (`{ text, href }`) with the default addresses, and `warnings` what the build's style
//! checks found in it (`{ line, rule, message }`, see `crates/content/src/lint.rs`).

use nhs_login_help::content::style::Report;
use nhs_login_help::content::{Article, Block, Inline, Part, ARTICLES};
use nhs_login_help::links::LinkTargets;
use nhs_login_help::lookup::Help;
use nhs_login_help::reference::ErrorReference;
use serde_json::{json, Value};

fn main() {
    let articles: Vec<Value> = ARTICLES.iter().map(article_json).collect();
    println!("{}", serde_json::to_string_pretty(&articles).expect("JSON"));
}

/// Paragraphs, headings and list items as plain text, and links as `{ text, href }`.
#[derive(Default)]
struct Collected {
    texts: Vec<String>,
    links: Vec<Value>,
}

impl Collected {
    fn blocks(&mut self, blocks: &[Block], reference: Option<&ErrorReference>) {
        for block in blocks {
            match block {
                Block::Paragraph(inlines) | Block::Heading(inlines) => self.inlines(inlines, reference),
                Block::Inset(inner) => self.blocks(inner, reference),
                Block::List { items, .. } => items.iter().for_each(|item| self.blocks(item, reference)),
            }
        }
    }

    fn inlines(&mut self, inlines: &[Inline], reference: Option<&ErrorReference>) {
        let mut text = String::new();
        for inline in inlines {
            match inline {
                Inline::Text(t) | Inline::Strong(t) => text.push_str(t),
                Inline::Link { target, text: t } => {
                    text.push_str(t);
                    self.links.push(json!({ "text": t, "href": LinkTargets::default().href(target, reference) }));
                }
            }
        }
        self.texts.push(text);
    }
}

fn article_json(article: &'static Article) -> Value {
    let Help::Article { reference, .. } = Help::for_article(article) else { unreachable!("an article") };
    let mut body = Collected::default();
    let mut expanders = Vec::new();
    for part in article.parts {
        match part {
            Part::Block(block) => body.blocks(std::slice::from_ref(block), reference.as_ref()),
            Part::Expander(expander) => {
                let mut inside = Collected::default();
                inside.blocks(expander.body, reference.as_ref());
                body.links.extend(inside.links.iter().cloned());
                expanders.push(json!({
                    "id": expander.id,
                    "summary": expander.summary,
                    "texts": inside.texts,
                    "links": inside.links,
                }));
            }
        }
    }
    json!({
        "id": article.id,
        "codes": article.codes,
        "href": article.href(None),
        "title": article.title,
        "topic": article.topic.title(),
        "texts": body.texts,
        "expanders": expanders,
        "links": body.links,
        "warnings": Report::of(article.id).map_or(&[][..], |report| report.warnings).iter().map(|warning| {
            json!({ "line": warning.line, "rule": warning.rule, "message": warning.message })
        }).collect::<Vec<_>>(),
    })
}
