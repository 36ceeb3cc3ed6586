//! The NHS login help widget: shows the help for an NHS login error reference, from articles
//! compiled into the wasm so it works even when nothing else can be fetched.
//!
//! Layers, from the content up: [`content`] (generated article data), the pure core
//! ([`contract`], the names hosts rely on; [`words`], [`reference`], [`config`], [`lookup`],
//! [`search`], [`links`], [`events`], [`feedback`]), the Leptos [`components`] (which the build
//! also renders to HTML natively, for the first paint), and [`host`], the one module that touches
//! the host page.

pub mod components;
pub mod config;
pub mod content;
pub mod contract;
pub mod events;
pub mod feedback;
pub mod links;
pub mod lookup;
pub mod reference;
pub mod search;
pub mod words;

#[cfg(target_arch = "wasm32")]
pub mod host;
