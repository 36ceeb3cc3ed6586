//! The help topics: every article grouped by topic, for people with no reference or one we do
//! not know.

use super::{title_class, Heading, HostHooks};
use crate::config::{HeadingLevel, Variant};
use crate::content::{Article, Topic, ARTICLES};
use crate::lookup::TOPICS_HEADING;
use leptos::prelude::*;

/// The page intro from the help centre, shown above the topics when they are the whole page.
const INTRO: &str =
    "Help with issues accessing the service, what it means if you see an error reference and what you can do.";

/// The list of help topics, each linking to its articles.
#[component]
pub fn TopicList(
    /// Level of the list's own heading; topic headings go one level below.
    level: HeadingLevel,
    /// Whether the list is the whole page (heading and intro) or follows other content.
    with_intro: bool,
    variant: Variant,
) -> impl IntoView {
    let hooks = HostHooks::current();
    let (title, intro) = if with_intro { (TOPICS_HEADING, Some(INTRO)) } else { ("Help topics", None) };
    let groups = Topic::ALL
        .iter()
        .map(|&topic| {
            let items = ARTICLES
                .iter()
                .filter(|article| article.topic == topic)
                .map(|article| {
                    let chosen = move |event: web_sys::MouseEvent| {
                        let new_tab = event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0;
                        if let Some(open) = hooks.open_article.filter(|_| !new_tab) {
                            event.prevent_default();
                            open.run(article);
                        }
                    };
                    view! { <li><a class="nhsuk-link" href=article_href(article) on:click=chosen>{link_text(article)}</a></li> }
                })
                .collect_view();
            view! {
                <Heading level=level.below() class="nhsuk-heading-s">{topic.title()}</Heading>
                <ul class="nhsuk-list nhs-login-help__topic-list">{items}</ul>
            }
        })
        .collect_view();
    view! {
        <nav class="nhs-login-help__topics" aria-label="Help topics">
            <Heading level class=if with_intro { title_class(variant) } else { "nhsuk-heading-m" }>{title}</Heading>
            {intro.filter(|_| variant == Variant::Page).map(|intro| view! { <p class="nhsuk-body-l">{intro}</p> })}
            {groups}
        </nav>
    }
}

/// Articles with a code open by reference, as NHS login would send them; the rest by id.
fn article_href(article: &Article) -> String {
    match article.codes.first() {
        Some(code) => format!("?error={code}"),
        None => format!("?article={}", article.id),
    }
}

/// "CID2011: There may be a problem with your NHS number", as the help centre headed them.
fn link_text(article: &Article) -> String {
    match article.codes.first() {
        Some(code) => format!("{code}: {}", article.title),
        None => article.title.to_string(),
    }
}
