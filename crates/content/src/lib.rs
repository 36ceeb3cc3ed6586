//! The help articles' compiler, run at build time by the core crate's build script: reads
//! `content/articles/*.md`, checks them (a mistake fails a release build with its file, line and
//! fix), and writes them as Rust data for the core crate; with the style checks that warn a
//! content designer. Native only: nothing here reaches the wasm.

pub mod compile;
pub mod lint;

/// The topics, the settings address and the form of a reference, as the widget knows them: the
/// core crate's `content_facts.rs` itself.
#[path = "../../core/src/content_facts.rs"]
pub mod content_facts;

/// The widget's own word splitting, the core crate's `words.rs` itself: the search index the
/// build writes holds exactly the words the search will look for.
#[path = "../../core/src/words.rs"]
pub mod words;
