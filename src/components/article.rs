//! One help article: heading, reference, body and closed-by-default expanders, using NHS.UK
//! frontend's markup and classes so it looks and behaves like the help centre.

use super::feedback::FeedbackForm;
use super::{landmark, Heading, HostHooks};
use crate::config::{HeadingLevel, Variant};
use crate::content::{Article, Block, Expander, Inline, LinkTarget, Part};
use crate::events::{LinkKind, WidgetEvent};
use crate::links::LinkTargets;
use crate::reference::ErrorReference;
use leptos::prelude::*;

/// What inline links and sub-headings need to render: resolved once per article.
#[derive(Clone)]
struct Render {
    links: LinkTargets,
    reference: Option<ErrorReference>,
    subheading: HeadingLevel,
    hooks: HostHooks,
}

/// A help article, with the contact link carrying `reference`.
#[component]
pub fn ArticleView(
    article: &'static Article,
    /// The person's reference (or the article's own code); shown, and carried by "Contact us".
    reference: Option<ErrorReference>,
    /// The expander a deep link asked for: it starts open (the host page scrolls it into view and
    /// focuses its summary when the link is followed, not when the wasm takes over from the
    /// first paint).
    section: Option<&'static str>,
    /// Whether to end with "Was this helpful?" (the host collects feedback).
    feedback: bool,
    /// Level of the article's title.
    level: HeadingLevel,
    variant: Variant,
    links: LinkTargets,
) -> impl IntoView {
    let caption = reference.as_ref().map(|reference| {
        view! {
            <p class="nhs-login-help__reference">"Error reference: " <strong>{reference.as_str().to_owned()}</strong></p>
        }
    });
    let feedback =
        feedback.then(|| view! { <FeedbackForm article=article.id reference=reference.clone() level=level.below() /> });
    let render = Render { links, reference, subheading: level.below(), hooks: HostHooks::current() };
    let parts = article
        .parts
        .iter()
        .map(|part| match part {
            Part::Block(block) => block_view(block, &render),
            Part::Expander(expander) => expander_view(article.id, expander, section == Some(expander.id), &render),
        })
        .collect_view();
    view! {
        <article class="nhs-login-help__article" data-article=article.id>
            <Heading level class=variant.title_class() id=landmark::TITLE>{article.title}</Heading>
            {caption}
            {parts}
            {feedback}
        </article>
    }
}

/// An NHS.UK expander: a native `<details>`, so it opens by keyboard and is announced without
/// any script of ours. Closed until the person opens it.
/// Its id joins the article's and the expander's, so ids stay unique on a page of several.
fn expander_view(article: &'static str, expander: &'static Expander, open: bool, render: &Render) -> AnyView {
    let body = expander.body.iter().map(|block| block_view(block, render)).collect_view();
    let hooks = render.hooks;
    let toggled = move |event: web_sys::Event| {
        let open = event_target::<web_sys::HtmlDetailsElement>(&event).open();
        hooks.notify(WidgetEvent::Toggle { article, expander: expander.id, open });
    };
    view! {
        <details
            class="nhsuk-details nhsuk-expander"
            id=[article, "--", expander.id].concat()
            data-expander=expander.id
            open=open
            on:toggle=toggled
        >
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
                    <span class="nhsuk-u-visually-hidden">{"Information: "}</span>
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
                let kind = match target {
                    LinkTarget::Contact => Some(LinkKind::Contact),
                    LinkTarget::Settings => Some(LinkKind::Settings),
                    LinkTarget::External(_) => None,
                };
                let hooks = render.hooks;
                let event = kind.map(|kind| WidgetEvent::Link { kind, href: href.clone() });
                let followed = move |click| {
                    if let Some(event) = &event {
                        hooks.link_followed(event, &click);
                    }
                };
                view! { <a class="nhsuk-link" href=href on:click=followed>{*text}</a> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}
