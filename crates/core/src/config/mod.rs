//! What the host asks of the widget: the page URL's request ([`Request`]), how the widget is
//! placed ([`Placement`]: heading level, variant, links) and an element's attributes
//! ([`ElementSettings`]). Pure string handling with no DOM, tested natively.

mod element;
mod placement;
mod request;

pub use element::{ElementSettings, Source};
pub use placement::{HeadingLevel, Placement, Variant};
pub use request::{requested_section, Request};
