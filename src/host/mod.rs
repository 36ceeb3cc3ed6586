//! The one module that touches the host page: the standalone page's mount, and the
//! `<nhs-login-help>` element's Rust half (the element class itself is `embed/nhs-login-help.js`).

mod element;
mod standalone;

pub use element::EmbeddedHelp;
pub use standalone::mount_standalone;

/// The page's URL as `(search, hash)`, empty where the browser will not say.
fn page_url() -> (String, String) {
    let location = web_sys::window().map(|window| window.location());
    let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    let hash = location.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    (search, hash)
}
