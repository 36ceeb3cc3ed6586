//! Build-time tools of the NHS login help widget, native only. The widget's own Leptos components
//! render every state to HTML here (the one renderer), and the build turns those renders into the
//! first paint that the embed entry and the standalone page show before, or instead of, the wasm.
//!
//! - [`render`]: a state of the widget as HTML, exactly as the components render it.
//! - [`template`]: renders of one state at every placement and with every option, folded into one
//!   template whose holes the entry fills (placement values, host links, the given text).
//! - [`first_paint`]: every state a page can show without interaction, as templates (JSON).
//! - [`contract`]: the names hosts rely on, as JSON for the JavaScript side.
//! - [`declarations`]: the element's typed API for the package (`.d.ts`, `custom-elements.json`,
//!   the JSX libraries' declarations).
//! - [`api_tables`]: the partners' tables of attributes and events, in the docs.
//! - [`gallery`]: the content designers' gallery page, every article in frames as partners show
//!   it, with the build's style checks beside it.
//! - [`page`]: the shell of every whole page the tools write.
//! - [`decide`]: what the Rust core decides a page shows, as JSON, to hold the entry's copy of the
//!   rules to it.

pub mod api_tables;
pub mod contract;
pub mod decide;
pub mod declarations;
pub mod first_paint;
pub mod gallery;
pub mod page;
pub mod render;
pub mod template;
