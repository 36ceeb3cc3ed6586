//! The help topics: every article grouped by topic, for people with no reference or one we do
//! not know.

use super::Heading;
use crate::config::HeadingLevel;
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
) -> impl IntoView {
    let (title, intro) = if with_intro { (TOPICS_HEADING, Some(INTRO)) } else { ("Help topics", None) };
    let groups = Topic::ALL
        .iter()
        .map(|&topic| {
            let items = ARTICLES
                .iter()
                .filter(|article| article.topic == topic)
                .map(|article| view! { <li><a class="nhsuk-link" href=article_href(article)>{link_text(article)}</a></li> })
                .collect_view();
            view! {
                <Heading level=level.below() class="nhsuk-heading-s">{topic.title()}</Heading>
                <ul class="nhsuk-list nhs-login-help__topic-list">{items}</ul>
            }
        })
        .collect_view();
    view! {
        <nav class="nhs-login-help__topics" aria-label="Help topics">
            <Heading level class=if with_intro { "nhsuk-heading-l" } else { "nhsuk-heading-m" }>{title}</Heading>
            {intro.map(|intro| view! { <p class="nhsuk-body-l">{intro}</p> })}
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
