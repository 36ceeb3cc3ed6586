//! Thin Leptos components that render what [`crate::lookup`] decided. They hold no logic of their
//! own beyond layout, and never render text as HTML.

mod article;
mod not_found;
mod topics;

use article::ArticleView;
use not_found::NotFound;
use topics::TopicList;

use crate::config::HeadingLevel;
use crate::content::ARTICLES;
use crate::links::LinkTargets;
use crate::lookup::{Help, GALLERY_HEADING};
use leptos::prelude::*;

/// The widget as mounted on a page: shows `help` and follows it when it changes (the person went
/// back or forward), announcing the new help through a polite live region. Nothing is announced
/// for the first help, which the page load itself presents.
#[component]
pub fn Widget(
    /// What to show; the host page sets it again when its URL changes.
    help: Signal<Help>,
    /// Level of the top heading: 1 on the standalone page.
    level: HeadingLevel,
    /// Where contact and settings links go.
    links: LinkTargets,
) -> impl IntoView {
    let announcement = Memo::new(move |previous: Option<&Option<&'static str>>| {
        let heading = help.with(Help::heading);
        previous.map(|_| heading)
    });
    view! {
        <div class="nhs-login-help">
            <div class="nhsuk-u-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || announcement.get()}
            </div>
            {move || view! { <HelpView help=help.get() level links=links.clone() /> }}
        </div>
    }
}

/// Whatever [`Help`] says to show, under a top heading at `level`; [`Widget`] gives it the
/// `.nhs-login-help` root that the styles hang from.
#[component]
pub fn HelpView(
    /// What to show.
    help: Help,
    /// Level of the top heading: 1 on the standalone page.
    level: HeadingLevel,
    /// Where contact and settings links go.
    links: LinkTargets,
) -> impl IntoView {
    match help {
        Help::Topics => view! { <TopicList level=level with_intro=true /> }.into_any(),
        Help::Article { article, reference } => view! { <ArticleView article reference level links /> }.into_any(),
        Help::NotFound { shown, reference } => view! { <NotFound shown reference level links /> }.into_any(),
        Help::Gallery => view! { <Gallery level links /> }.into_any(),
    }
}

/// Every article one after another, so content designers can review them as a patient sees them.
#[component]
fn Gallery(level: HeadingLevel, links: LinkTargets) -> impl IntoView {
    let articles = ARTICLES
        .iter()
        .map(|article| {
            view! {
                <section class="nhs-login-help__gallery-item">
                    <HelpView help=Help::for_article(article) level=level.below() links=links.clone() />
                </section>
            }
        })
        .collect_view();
    view! {
        <Heading level class="nhsuk-heading-xl">{GALLERY_HEADING}</Heading>
        <p class="nhsuk-body-l">{format!("All {} articles, in the order the help topics list them.", ARTICLES.len())}</p>
        {articles}
    }
}

/// A heading whose level is chosen at run time, so components fit any page outline.
#[component]
pub fn Heading(
    /// `h1` to `h6`.
    level: HeadingLevel,
    /// The NHS.UK class that sets its size, independent of its level.
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let children = children();
    match level.get() {
        1 => view! { <h1 class=class>{children}</h1> }.into_any(),
        2 => view! { <h2 class=class>{children}</h2> }.into_any(),
        3 => view! { <h3 class=class>{children}</h3> }.into_any(),
        4 => view! { <h4 class=class>{children}</h4> }.into_any(),
        5 => view! { <h5 class=class>{children}</h5> }.into_any(),
        _ => view! { <h6 class=class>{children}</h6> }.into_any(),
    }
}
