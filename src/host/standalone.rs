//! The standalone page (`trunk serve`, the help centre): reads the page URL, mounts the widget
//! into the page's mount element and follows the URL when it changes without a page load.

use super::handover::Handover;
use super::{feedback, focus_heading_in, page_url, push_history};
use crate::components::{article_href, HostHooks, Widget};
use crate::config::{requested_section, HeadingLevel, Placement, Request};
use crate::links::checked_url;
use crate::lookup::Help;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Id of the element the standalone page mounts into; its static children are the fallback
/// shown before (or instead of) the widget. A page without it (a partner's page that loads the
/// embed script) is left alone.
const MOUNT_ID: &str = "nhs-login-help-standalone";

/// Attribute on the mount element while it holds the first paint rather than the widget; its
/// value is the page URL's query string the first paint was made for.
const FIRST_PAINT_ATTRIBUTE: &str = "data-first-paint";

/// Attribute on the mount element that sets the top heading level (1–6; default 1).
const HEADING_LEVEL_ATTRIBUTE: &str = "data-heading-level";

/// Attribute on the mount element with the address answers to "Was this helpful?" go to; the
/// question is asked only when it is set (an `https://` address or a path on the site).
const FEEDBACK_URL_ATTRIBUTE: &str = "data-feedback-url";

/// Mounts the widget for the current page URL into the mount element, replacing the fallback
/// content, and keeps it for the life of the page.
pub fn mount_standalone() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let Some(parent) = document.get_element_by_id(MOUNT_ID).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let level = parent
        .get_attribute(HEADING_LEVEL_ATTRIBUTE)
        .and_then(|value| HeadingLevel::from_attribute(&value))
        .unwrap_or(HeadingLevel::PAGE);
    let feedback_url = parent.get_attribute(FEEDBACK_URL_ATTRIBUTE).and_then(|url| checked_url(&url));
    let placement = Placement { level, feedback_url: feedback_url.clone(), ..Placement::standalone() };

    // The first paint (embed/first-paint.js) hands over what the person did with it. The wasm
    // loads on a painted page when the URL changes (back, forward, a fragment), so the widget
    // starts from the help the page showed and then follows the URL like any change: the new help
    // is rendered and announced.
    let painted = parent.get_attribute(FIRST_PAINT_ATTRIBUTE);
    let handover = painted.is_some().then(|| Handover::read(&parent));
    let now = help_for_url(&document);
    let first = painted.map_or_else(|| now.clone(), |search| Help::for_request(Request::from_url(&search, "")));
    let help = RwSignal::new(first);
    // A fragment link fires both events; only a real change re-renders and is announced.
    for event in ["popstate", "hashchange"] {
        let document = document.clone();
        window_event_listener_untyped(event, move |_| {
            let next = help_for_url(&document);
            if help.with_untracked(|shown| *shown != next) {
                help.set(next);
            }
        });
    }

    let _ = parent.remove_attribute(FIRST_PAINT_ATTRIBUTE);
    parent.set_text_content(None);
    let root = parent.clone();
    let mounted = parent.clone();
    leptos::mount::mount_to(parent, move || {
        // Choosing an article from the topics or a search is a new page in the history, so the
        // back button returns to the list (with the search text, which the widget keeps).
        let open_article = Callback::new(move |article| {
            push_history(&article_href(article, None));
            help.set(help_for_url(&document));
            focus_heading_in(root.clone().into());
        });
        let send_feedback = feedback_url.clone().map(|url| Callback::new(move |answer| feedback::submit(&url, answer)));
        let hooks = HostHooks { notify: None, open_article: Some(open_article), send_feedback };
        view! { <Widget help=help.into() placement=Signal::stored(placement) hooks /> }
    })
    .forget();
    if let Some(handover) = handover {
        handover.apply(&mounted);
    }
    if help.with_untracked(|shown| *shown != now) {
        help.set(now);
    }
    // After mounting, which starts the async executor that sending needs.
    feedback::start();
}

/// What the URL asks for; also names the document after it.
fn help_for_url(document: &web_sys::Document) -> Help {
    let (search, hash) = page_url();
    let help =
        Help::for_request(Request::from_url(&search, &hash)).with_section(requested_section(&search, &hash).as_deref());
    document.set_title(&help.page_title());
    help
}
