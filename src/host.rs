//! The one module that touches the host page: reads its URL and mounts the widget.

use crate::components::HelpView;
use crate::config::{HeadingLevel, Request};
use crate::links::LinkTargets;
use crate::lookup::Help;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Id of the element the standalone page mounts into; its static children are the fallback
/// shown before (or instead of) the widget.
const MOUNT_ID: &str = "nhs-login-help";

/// Mounts the widget for the current page URL into `#nhs-login-help` (or the body), replacing
/// the fallback content, and keeps it for the life of the page.
pub fn mount_standalone() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let location = document.location();
    let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    let hash = location.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    let help = Help::for_request(Request::from_url(&search, &hash));
    document.set_title(&help.page_title());

    let parent = document
        .get_element_by_id(MOUNT_ID)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        .or_else(|| document.body());
    let Some(parent) = parent else { return };
    parent.set_text_content(None);
    leptos::mount::mount_to(
        parent,
        move || view! { <HelpView help level=HeadingLevel::PAGE links=LinkTargets::default() /> },
    )
    .forget();
}
