//! The one module that touches the host page: reads its URL and settings, mounts the widget, and
//! follows the URL when it changes without a page load (back, forward, fragment links).

use crate::components::Widget;
use crate::config::{HeadingLevel, Request};
use crate::links::LinkTargets;
use crate::lookup::Help;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Id of the element the standalone page mounts into; its static children are the fallback
/// shown before (or instead of) the widget.
const MOUNT_ID: &str = "nhs-login-help";

/// Attribute on the mount element that sets the top heading level (1–6; default 1).
const HEADING_LEVEL_ATTRIBUTE: &str = "data-heading-level";

/// Mounts the widget for the current page URL into `#nhs-login-help` (or the body), replacing
/// the fallback content, and keeps it for the life of the page.
pub fn mount_standalone() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let parent = document
        .get_element_by_id(MOUNT_ID)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body());
    let Some(parent) = parent else { return };
    let level = parent
        .get_attribute(HEADING_LEVEL_ATTRIBUTE)
        .and_then(|value| HeadingLevel::from_attribute(&value))
        .unwrap_or(HeadingLevel::PAGE);

    let help = RwSignal::new(help_for_url(&document));
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

    parent.set_text_content(None);
    leptos::mount::mount_to(parent, move || view! { <Widget help=help.into() level links=LinkTargets::default() /> })
        .forget();
}

/// What the URL asks for; also names the document after it.
fn help_for_url(document: &web_sys::Document) -> Help {
    let location = document.location();
    let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    let hash = location.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    let help = Help::for_request(Request::from_url(&search, &hash));
    document.set_title(&help.page_title());
    help
}
