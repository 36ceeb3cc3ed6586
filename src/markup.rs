//! An article as static HTML, exactly the elements, classes and link targets the widget renders
//! (without Leptos's comment markers). Built natively, never in the browser: the build turns it
//! into the first paint, which shows an article without the wasm (`examples/first_paint.rs`),
//! and the benchmark into the static pages it compares the widget with
//! (`examples/static_pages.rs`).

use crate::config::{HeadingLevel, Variant};
use crate::content::{Article, Block, Expander, Inline, Part};
use crate::links::LinkTargets;
use crate::reference::ErrorReference;

/// The widget as it first shows `article`: its root, its (empty) live region and the article with
/// every expander closed. A placement with "Was this helpful?" renders more than this, so callers
/// keep to placements without a feedback address.
pub fn widget_html(
    article: &Article,
    reference: Option<&ErrorReference>,
    level: HeadingLevel,
    variant: Variant,
    links: &LinkTargets,
) -> String {
    let render = Render { links, reference, subheading: level.below() };
    let mut out = String::new();
    out.push_str(&format!(r#"<div class="{}">"#, variant.root_class()));
    out.push_str(r#"<div class="nhsuk-u-visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>"#);
    out.push_str(&format!(r#"<article class="nhs-login-help__article" data-article="{}">"#, escape(article.id)));
    let h = level.get();
    out.push_str(&format!(r#"<h{h} class="{}">{}</h{h}>"#, variant.title_class(), escape(article.title)));
    if let Some(reference) = reference {
        out.push_str(&format!(
            r#"<p class="nhs-login-help__reference">Error reference: <strong>{}</strong></p>"#,
            escape(reference.as_str())
        ));
    }
    for part in article.parts {
        match part {
            Part::Block(block) => render.block(block, &mut out),
            Part::Expander(expander) => render.expander(article.id, expander, &mut out),
        }
    }
    out.push_str("</article></div>");
    out
}

/// What rendering an article needs, as in `src/components/article.rs`.
struct Render<'a> {
    links: &'a LinkTargets,
    reference: Option<&'a ErrorReference>,
    subheading: HeadingLevel,
}

impl Render<'_> {
    /// A closed NHS.UK expander.
    fn expander(&self, article: &str, expander: &Expander, out: &mut String) {
        let id = escape(expander.id);
        out.push_str(&format!(
            r#"<details class="nhsuk-details nhsuk-expander" id="{}--{id}" data-expander="{id}">"#,
            escape(article)
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
pub fn escape(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Placement;
    use crate::content::ARTICLES;
    use crate::lookup::{article_by_id, Help};

    fn page_html(article: &'static Article) -> String {
        let Help::Article { reference, .. } = Help::for_article(article) else { unreachable!("an article") };
        let placement = Placement::standalone();
        widget_html(article, reference.as_ref(), placement.level, placement.variant, &placement.links)
    }

    #[test]
    fn escapes_the_characters_that_start_or_end_markup() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape("GP surgery’s"), "GP surgery’s");
    }

    #[test]
    fn every_article_renders_its_title_reference_and_closed_expanders() {
        for article in ARTICLES {
            let html = page_html(article);
            assert!(
                html.starts_with(r#"<div class="nhs-login-help"><div class="nhsuk-u-visually-hidden" role="status""#)
            );
            assert!(
                html.contains(&format!(r#"<h1 class="nhsuk-heading-l">{}</h1>"#, escape(article.title))),
                "{}",
                article.id
            );
            if let Some(code) = article.codes.first() {
                assert!(html.contains(&format!("Error reference: <strong>{code}</strong>")), "{}", article.id);
            }
            assert_eq!(html.matches("<details ").count(), article.expanders().count(), "{}", article.id);
            assert!(!html.contains(" open"), "{}: expanders start closed", article.id);
            assert!(html.ends_with("</article></div>"));
        }
    }

    #[test]
    fn headings_and_classes_follow_the_placement() {
        let article = article_by_id("cannot-use-login").expect("the article exists");
        let html = widget_html(article, None, HeadingLevel::new(3), Variant::Inline, &LinkTargets::default());
        assert!(html.starts_with(r#"<div class="nhs-login-help nhs-login-help--inline">"#));
        assert!(html.contains(r#"<h3 class="nhsuk-heading-s">"#));
        assert!(!html.contains("<h1") && !html.contains("<h2"));
        assert!(!html.contains("Error reference"), "no reference, no caption");
    }

    #[test]
    fn contact_links_carry_the_reference_shown() {
        let article = ARTICLES
            .iter()
            .find(|a| a.codes.len() > 1 && article_has_contact_link(a))
            .or_else(|| ARTICLES.iter().find(|a| !a.codes.is_empty() && article_has_contact_link(a)))
            .expect("an article with a code and a contact link");
        let code = article.codes.last().expect("a code");
        let reference = ErrorReference::parse(code).expect("a code parses");
        let links = LinkTargets::default();
        let html = widget_html(article, Some(&reference), HeadingLevel::new(2), Variant::Page, &links);
        assert!(html.contains(&format!("<strong>{code}</strong>")));
        let contact = links.href(&crate::content::LinkTarget::Contact, Some(&reference));
        assert!(contact.contains(*code), "{contact}");
        assert!(html.contains(&format!(r#"href="{}""#, escape(&contact))), "{html}");
    }

    fn article_has_contact_link(article: &Article) -> bool {
        article.link_targets().contains(&&crate::content::LinkTarget::Contact)
    }
}
