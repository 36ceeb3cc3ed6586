//! Writes one static HTML page per article, `<out dir>/<id>.html`: the markup the widget renders
//! on the standalone page (same elements, classes and link targets, without Leptos's comment
//! markers), in the same page shell as `index.html` and with the build's own stylesheet. The
//! benchmark (`bash scripts/bench.sh`) times the widget against these pages, which show the same
//! article with no script at all:
//! `cargo run --release --example static_pages -- <out dir> <dist dir>`.
//!
//! The stylesheet is the one `widget-<hash>.css` in `<dist dir>`, linked as `/<name>`: the pages
//! are meant to be served by the same server as the build, with the build at its root.

use nhs_login_help::config::{HeadingLevel, Placement};
use nhs_login_help::content::{Article, Block, Expander, Inline, Part, ARTICLES};
use nhs_login_help::links::LinkTargets;
use nhs_login_help::lookup::Help;
use nhs_login_help::reference::ErrorReference;
use std::path::Path;
use std::{env, fs, process};

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let [out, dist] = args.as_slice() else {
        eprintln!("usage: cargo run --example static_pages -- <out dir> <dist dir>");
        process::exit(2);
    };
    if let Err(error) = write_pages(Path::new(out), Path::new(dist)) {
        eprintln!("error: {error}");
        process::exit(1);
    }
}

/// Writes every article's page into `out`, linking the stylesheet found in `dist`.
fn write_pages(out: &Path, dist: &Path) -> Result<(), String> {
    let stylesheet = format!("/{}", stylesheet_in(dist)?);
    fs::create_dir_all(out).map_err(|error| format!("{}: {error}", out.display()))?;
    for article in ARTICLES {
        let path = out.join(format!("{}.html", article.id));
        fs::write(&path, page(article, &stylesheet)).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    eprintln!("wrote {} static pages to {} (stylesheet {stylesheet})", ARTICLES.len(), out.display());
    Ok(())
}

/// The name of the build's one `widget-<hash>.css`.
fn stylesheet_in(dist: &Path) -> Result<String, String> {
    let entries = fs::read_dir(dist).map_err(|error| format!("{}: {error}", dist.display()))?;
    let mut found: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("widget-") && name.ends_with(".css"))
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(format!("expected one widget-*.css in {}, found {n}", dist.display())),
    }
}

/// A whole page: `index.html`'s shell with the article where the widget would mount it.
fn page(article: &'static Article, stylesheet: &str) -> String {
    // The same help, title and links as the standalone page at `?article=<id>` (or at
    // `?error=<its first code>`, which shows the same reference).
    let help = Help::for_article(article);
    let Help::Article { reference, .. } = &help else { unreachable!("an article") };
    let placement = Placement::standalone();
    let render = Render { links: &placement.links, reference: reference.as_ref(), subheading: placement.level.below() };
    let mut body = String::new();
    render.article(article, placement.level, &mut body);
    format!(
        r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{title}</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="{stylesheet}">
  </head>
  <body class="nhs-login-help-page">
    <div class="nhsuk-width-container">
      <main class="nhsuk-main-wrapper" id="nhs-login-help-standalone">{body}</main>
    </div>
  </body>
</html>
"#,
        title = escape(&help.page_title()),
        stylesheet = escape(stylesheet),
    )
}

/// What rendering an article needs, as in `src/components/article.rs`.
struct Render<'a> {
    links: &'a LinkTargets,
    reference: Option<&'a ErrorReference>,
    subheading: HeadingLevel,
}

impl Render<'_> {
    /// The widget's root, its (empty) live region and the article, as `Widget` and `ArticleView`
    /// render them; no whitespace between tags, as in the DOM Leptos builds.
    fn article(&self, article: &'static Article, level: HeadingLevel, out: &mut String) {
        out.push_str(r#"<div class="nhs-login-help">"#);
        out.push_str(
            r#"<div class="nhsuk-u-visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>"#,
        );
        out.push_str(&format!(r#"<article class="nhs-login-help__article" data-article="{}">"#, escape(article.id)));
        // The page variant's title class (`title_class` in src/components/mod.rs).
        let h = level.get();
        out.push_str(&format!(r#"<h{h} class="nhsuk-heading-l">{}</h{h}>"#, escape(article.title)));
        if let Some(reference) = self.reference {
            out.push_str(&format!(
                r#"<p class="nhs-login-help__reference">Error reference: <strong>{}</strong></p>"#,
                escape(&reference.to_string())
            ));
        }
        for part in article.parts {
            match part {
                Part::Block(block) => self.block(block, out),
                Part::Expander(expander) => self.expander(article.id, expander, out),
            }
        }
        out.push_str("</article></div>");
    }

    /// A closed NHS.UK expander.
    fn expander(&self, article: &str, expander: &Expander, out: &mut String) {
        out.push_str(&format!(
            r#"<details class="nhsuk-details nhsuk-expander" id="{}--{}" data-expander="{}">"#,
            escape(article),
            escape(expander.id),
            escape(expander.id)
        ));
        out.push_str(&format!(
            r#"<summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">{}</span></summary>"#,
            escape(expander.summary)
        ));
        out.push_str(r#"<div class="nhsuk-details__text">"#);
        expander.body.iter().for_each(|block| self.block(block, out));
        out.push_str("</div></details>");
    }

    fn block(&self, block: &Block, out: &mut String) {
        match block {
            Block::Paragraph(inlines) => {
                out.push_str(r#"<p class="nhsuk-body">"#);
                self.inlines(inlines, out);
                out.push_str("</p>");
            }
            Block::Heading(inlines) => {
                let h = self.subheading.get();
                out.push_str(&format!(r#"<h{h} class="nhsuk-heading-m">"#));
                self.inlines(inlines, out);
                out.push_str(&format!("</h{h}>"));
            }
            Block::Inset(blocks) => {
                out.push_str(
                    r#"<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>"#,
                );
                blocks.iter().for_each(|block| self.block(block, out));
                out.push_str("</div>");
            }
            Block::List { ordered, items } => {
                let (tag, class) = if *ordered { ("ol", "nhsuk-list--number") } else { ("ul", "nhsuk-list--bullet") };
                out.push_str(&format!(r#"<{tag} class="nhsuk-list {class}">"#));
                for item in items.iter() {
                    out.push_str("<li>");
                    self.list_item(item, out);
                    out.push_str("</li>");
                }
                out.push_str(&format!("</{tag}>"));
            }
        }
    }

    /// A list item's leading paragraph is inline, as in the widget (no paragraph margins).
    fn list_item(&self, blocks: &[Block], out: &mut String) {
        let rest = match blocks.split_first() {
            Some((Block::Paragraph(inlines), rest)) => {
                self.inlines(inlines, out);
                rest
            }
            _ => blocks,
        };
        rest.iter().for_each(|block| self.block(block, out));
    }

    fn inlines(&self, inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => out.push_str(&escape(text)),
                Inline::Strong(text) => out.push_str(&format!("<strong>{}</strong>", escape(text))),
                Inline::Link { target, text } => out.push_str(&format!(
                    r#"<a class="nhsuk-link" href="{}">{}</a>"#,
                    escape(&self.links.href(target, self.reference)),
                    escape(text)
                )),
            }
        }
    }
}

/// Text and attribute values as HTML: the five characters that could end or start markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
