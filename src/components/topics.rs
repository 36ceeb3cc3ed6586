//! The help topics with instant search, for people with no reference or one we do not know:
//! every article grouped by topic, filtered as they type.

use super::{contact_us, landmark, Heading, HostHooks};
use crate::config::{HeadingLevel, Variant};
use crate::content::{Article, Topic, ARTICLES};
use crate::lookup::TOPICS_HEADING;
use crate::reference::echo_text;
use crate::search::search;
use leptos::prelude::*;

/// The page intro from the help centre, shown above the topics when they are the whole page.
const INTRO: &str =
    "Help with issues accessing the service, what it means if you see an error reference and what you can do.";

/// What the person typed in the search field. One per widget, kept while they open an article
/// and come back, so the back button returns them to their results.
#[derive(Clone, Copy)]
pub struct SearchText(pub RwSignal<String>);

/// The list of help topics, each linking to its articles, under a search field that filters them.
#[component]
pub fn TopicList(
    /// Level of the list's own heading; topic headings go one level below.
    level: HeadingLevel,
    /// Whether the list is the whole page (heading and intro) or follows other content.
    with_intro: bool,
    variant: Variant,
    /// The contact link: offered when a search finds nothing, and at the end when the list is the
    /// whole page, so a person who does not find their problem has somewhere to go.
    contact: String,
) -> impl IntoView {
    let query = use_context::<SearchText>().map_or_else(|| RwSignal::new(String::new()), |text| text.0);
    let (title, intro) = if with_intro { (TOPICS_HEADING, Some(INTRO)) } else { ("Help topics", None) };
    let results = Memo::new(move |_| query.with(|q| (!q.trim().is_empty()).then(|| search(q))));
    // Nothing until a search has run (not even an empty text, which the build's HTML would
    // write as a space).
    let count = move || {
        let echo = query.with(|q| echo_text(q));
        results.with(|results| {
            Some(match results.as_deref()? {
                [] => format!("No articles match “{echo}”."),
                [_] => format!("1 article matches “{echo}”."),
                found => format!("{} articles match “{echo}”.", found.len()),
            })
        })
    };
    // As the whole page, the list ends with the contact link, which then also follows an empty
    // search; after the fallback's own contact link, an empty search offers it again.
    let way_out = with_intro.then(|| contact_us(contact.clone()));
    let body = move || match results.get() {
        None => topic_groups(level).into_any(),
        Some(found) if found.is_empty() => no_results((!with_intro).then(|| contact.clone())).into_any(),
        Some(found) => {
            let items = found.into_iter().map(|article| view! { <li><ArticleLink article /></li> }).collect_view();
            view! { <ul class="nhsuk-list nhs-login-help__results">{items}</ul> }.into_any()
        }
    };
    view! {
        <div class="nhs-login-help__topics">
            <Heading level class=if with_intro { variant.title_class() } else { "nhsuk-heading-m" } id=landmark::TOPICS>
                {title}
            </Heading>
            {intro.filter(|_| variant == Variant::Page).map(|intro| view! { <p class="nhsuk-body-l">{intro}</p> })}
            <div
                class="nhsuk-form-group nhs-login-help__search"
                role="search"
                aria-labelledby=landmark::SEARCH_NAMED_BY
            >
                <label class="nhsuk-label" for="nhs-login-help-search" id=landmark::SEARCH>
                    {"Search the help"}
                </label>
                <div class="nhsuk-hint" id="nhs-login-help-search-hint">{"A reference such as CID7023, or a few words"}</div>
                <input
                    class="nhsuk-input"
                    id="nhs-login-help-search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    maxlength="200"
                    aria-describedby="nhs-login-help-search-hint"
                    bind:value=query
                />
            </div>
            <p class="nhsuk-body nhs-login-help__result-count" role="status" aria-live="polite">{count}</p>
            {body}
            {way_out}
        </div>
    }
}

/// Every article, grouped under its topic's heading.
fn topic_groups(level: HeadingLevel) -> impl IntoView {
    let groups = Topic::ALL
        .iter()
        .map(|&topic| {
            let items = ARTICLES
                .iter()
                .filter(|article| article.topic == topic)
                .map(|article| view! { <li><ArticleLink article /></li> })
                .collect_view();
            view! {
                <Heading level=level.below() class="nhsuk-heading-s">{topic.title()}</Heading>
                <ul class="nhsuk-list nhs-login-help__topic-list">{items}</ul>
            }
        })
        .collect_view();
    view! { <nav aria-labelledby=landmark::TOPICS_NAMED_BY>{groups}</nav> }
}

/// What an empty search says: nothing matched, and where to go instead.
fn no_results(contact: Option<String>) -> impl IntoView {
    view! {
        <p class="nhsuk-body">"Check the spelling, try other words or a reference such as CID7023."</p>
        {contact.map(contact_us)}
    }
}

/// A link to one article, as the help centre lists them ("CID2011: There may be a problem with
/// your NHS number"). Where the host asks, choosing it opens the article in place.
#[component]
pub fn ArticleLink(article: &'static Article) -> impl IntoView {
    let hooks = HostHooks::current();
    let chosen = move |event: web_sys::MouseEvent| {
        let new_tab = event.ctrl_key() || event.meta_key() || event.shift_key() || event.button() != 0;
        if let Some(open) = hooks.open_article.filter(|_| !new_tab) {
            event.prevent_default();
            open.run(article);
        }
    };
    view! { <a class="nhsuk-link" href=article.href(None) on:click=chosen>{link_text(article)}</a> }
}

/// "CID2011: There may be a problem with your NHS number", as the help centre headed them.
fn link_text(article: &Article) -> String {
    match article.own_code() {
        Some(code) => format!("{code}: {}", article.title),
        None => article.title.to_string(),
    }
}
