//! One help article: heading, reference, body and closed-by-default expanders, using NHS.UK
//! frontend's markup and classes so it looks and behaves like the help centre.

use super::Heading;
use crate::config::HeadingLevel;
use crate::content::{Article, Block, Expander, Inline, Part};
use crate::links::LinkTargets;
use crate::reference::ErrorReference;
use leptos::prelude::*;

/// What inline links and sub-headings need to render: resolved once per article.
#[derive(Clone)]
struct Render {
    links: LinkTargets,
    reference: Option<ErrorReference>,
    subheading: HeadingLevel,
}

/// A help article, with the contact link carrying `reference`.
#[component]
pub fn ArticleView(
    article: &'static Article,
    /// The person's reference (or the article's own code); shown, and carried by "Contact us".
    reference: Option<ErrorReference>,
    /// Level of the article's title.
    level: HeadingLevel,
    links: LinkTargets,
) -> impl IntoView {
    let caption = reference.as_ref().map(|reference| {
        view! {
            <p class="nhs-login-help__reference">"Error reference: " <strong>{reference.to_string()}</strong></p>
        }
    });
    let render = Render { links, reference, subheading: level.below() };
    let parts = article
        .parts
        .iter()
        .map(|part| match part {
            Part::Block(block) => block_view(block, &render),
            Part::Expander(expander) => expander_view(article.id, expander, &render),
        })
        .collect_view();
    view! {
        <article class="nhs-login-help__article" data-article=article.id>
            <Heading level class="nhsuk-heading-l">{article.title}</Heading>
            {caption}
            {parts}
        </article>
    }
}

/// An NHS.UK expander: a native `<details>`, so it opens by keyboard and is announced without
/// any script of ours. Closed until the person opens it.
/// Its id joins the article's and the expander's, so ids stay unique in the gallery.
fn expander_view(article_id: &'static str, expander: &'static Expander, render: &Render) -> AnyView {
    let body = expander.body.iter().map(|block| block_view(block, render)).collect_view();
    view! {
        <details class="nhsuk-details nhsuk-expander" id=format!("{article_id}--{}", expander.id) data-expander=expander.id>
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">{expander.summary}</span>
            </summary>
            <div class="nhsuk-details__text">{body}</div>
        </details>
    }
    .into_any()
}

fn block_view(block: &'static Block, render: &Render) -> AnyView {
    match block {
        Block::Paragraph(inlines) => view! { <p class="nhsuk-body">{inlines_view(inlines, render)}</p> }.into_any(),
        Block::Heading(inlines) => {
            let text = inlines_view(inlines, render);
            view! { <Heading level=render.subheading class="nhsuk-heading-m">{text}</Heading> }.into_any()
        }
        Block::Inset(blocks) => {
            let blocks = blocks.iter().map(|block| block_view(block, render)).collect_view();
            view! {
                <div class="nhsuk-inset-text">
                    <span class="nhsuk-u-visually-hidden">"Information: "</span>
                    {blocks}
                </div>
            }
            .into_any()
        }
        Block::List { ordered, items } => {
            let items = items.iter().map(|item| view! { <li>{list_item_view(item, render)}</li> }).collect_view();
            if *ordered {
                view! { <ol class="nhsuk-list nhsuk-list--number">{items}</ol> }.into_any()
            } else {
                view! { <ul class="nhsuk-list nhsuk-list--bullet">{items}</ul> }.into_any()
            }
        }
    }
}

/// A list item's leading paragraph renders inline, so tight lists do not gain paragraph margins.
fn list_item_view(blocks: &'static [Block], render: &Render) -> AnyView {
    let (lead, rest) = match blocks.split_first() {
        Some((Block::Paragraph(inlines), rest)) => (Some(inlines_view(inlines, render)), rest),
        _ => (None, blocks),
    };
    let rest = rest.iter().map(|block| block_view(block, render)).collect_view();
    view! { {lead}{rest} }.into_any()
}

fn inlines_view(inlines: &'static [Inline], render: &Render) -> AnyView {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) => text.into_any(),
            Inline::Strong(text) => view! { <strong>{*text}</strong> }.into_any(),
            Inline::Link { target, text } => {
                let href = render.links.href(target, render.reference.as_ref());
                view! { <a class="nhsuk-link" href=href>{*text}</a> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}
