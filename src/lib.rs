//! The NHS login help widget: shows the help for an NHS login error reference, from articles
//! compiled into the wasm so it works even when nothing else can be fetched.
//!
//! Layers, from the content up: the pure core (`nhs_login_help_core`, `crates/core`: the
//! articles, the contract, references, settings, lookup, search, links, events, feedback; its
//! modules are re-exported here under the same names), the Leptos [`components`] (which the build
//! also renders to HTML natively, for the first paint), and [`host`], the one module that touches
//! the host page.

pub use nhs_login_help_core::{config, content, contract, events, feedback, links, lookup, reference, search, words};

pub mod components;

#[cfg(target_arch = "wasm32")]
pub mod host;
