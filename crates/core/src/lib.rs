//! The widget's pure core: everything it decides, with no DOM and no Leptos, so it compiles and
//! tests natively in seconds and a server can stand on it (the feedback receiver does).
//!
//! From the content up: [`content`] (the articles, compiled at build time by `crates/content`,
//! which shares [`content_facts`] with it),
//! [`contract`] (the names hosts rely on), [`words`], [`reference`], [`config`] (what a page or an
//! element asks for), [`lookup`] (the help for it), [`search`], [`links`], [`events`] (what the
//! host hears) and [`feedback`] (answers to "Was this helpful?", scrubbed and queued).

pub mod config;
pub mod content;
pub mod content_facts;
pub mod contract;
pub mod events;
pub mod feedback;
pub mod links;
pub mod lookup;
pub mod reference;
pub mod search;
pub mod words;
