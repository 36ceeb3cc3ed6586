//! The one module that touches the host page: the standalone page's mount, taking over from a
//! first paint, and the `<nhs-login-help>` element's Rust half (the element class itself, which
//! shows the first paint without the wasm and loads the wasm when the person reaches for what
//! needs it, is `embed/nhs-login-help.js`).

mod element;
mod feedback;
mod handover;
mod standalone;

pub use element::EmbeddedHelp;
pub use handover::Handover;
pub use standalone::mount_standalone;

/// The page's URL as `(search, hash)`, empty where the browser will not say.
fn page_url() -> (String, String) {
    let location = web_sys::window().map(|window| window.location());
    let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    let hash = location.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    (search, hash)
}

/// Moves focus to the widget's top heading once it has rendered, after the person chose an
/// article in place, so keyboard and screen-reader users start reading it where a page load
/// would have put them.
fn focus_heading_in(root: web_sys::Element) {
    use wasm_bindgen::JsCast;
    leptos::prelude::request_animation_frame(move || {
        let heading = root.query_selector("article > :is(h1, h2, h3, h4, h5, h6)").ok().flatten();
        if let Some(heading) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = heading.set_attribute("tabindex", "-1");
            let _ = heading.focus();
        }
    });
}

/// Opens the way to an expander a deep link named, once it has rendered: scrolls its summary into
/// view and focuses it, so a screen reader starts there. Only when the link is followed (a page
/// load does this in the first paint), never when the wasm takes over what is on show.
fn focus_section_in(root: web_sys::Element, help: &crate::lookup::Help) {
    use wasm_bindgen::JsCast;
    let crate::lookup::Help::Article { section: Some(section), .. } = help else { return };
    let selector = ["details[", crate::contract::data::EXPANDER, "='", section, "'] > summary"].concat();
    leptos::prelude::request_animation_frame(move || {
        let summary = root.query_selector(&selector).ok().flatten();
        if let Some(summary) = summary.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
            summary.scroll_into_view();
            let _ = summary.focus();
        }
    });
}

/// Adds an entry to the page's history, as following a link would, without a page load.
fn push_history(url: &str) {
    if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}
