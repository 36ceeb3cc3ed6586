//! The help articles as static data, generated at build time from `content/articles/*.md` by
//! `crates/core/build.rs`: the widget carries all of its help and never parses markdown in the browser.

pub use crate::content_facts::Topic;

/// One help article: what a person reads for an error reference or a help topic.
#[derive(Debug, PartialEq, Eq)]
pub struct Article {
    /// Stable id that hosts and deep links use (`?article=<id>`); never changes once published.
    pub id: &'static str,
    /// The error references (`CID` and 4–5 digits) this article explains; empty for topic help.
    pub codes: &'static [&'static str],
    pub title: &'static str,
    pub topic: Topic,
    /// Body blocks and expanders in reading order.
    pub parts: &'static [Part],
    /// The article's words, indexed by the build so searching needs no parsing in the browser.
    pub search: SearchIndex,
}

/// An article's words as [`crate::words::words`] normalises them, each field sorted, without
/// repeats and joined by single spaces, so a search can rank a title match above a body match.
/// One string per field rather than a slice of words saves a pointer and a length per word.
#[derive(Debug, PartialEq, Eq)]
pub struct SearchIndex {
    /// Each code both whole (`cid7023`) and as its digits (`7023`).
    pub codes: &'static str,
    pub title: &'static str,
    /// The expanders' summaries.
    pub summaries: &'static str,
    /// All other text, expander bodies included.
    pub body: &'static str,
}

impl Article {
    /// The reference the article is known by: its first code, which links to it and its contact
    /// link carry when it was opened without one; `None` for topic help.
    pub fn own_code(&self) -> Option<&'static str> {
        self.codes.first().copied()
    }

    /// The article's address on the help page: by its own code, as NHS login would send it, else
    /// by id; with a section, the link opens that expander (a deep link). The one place this rule
    /// is written in Rust; `embed/rules.js` reads links the same way, under the rules' vectors.
    pub fn href(&self, section: Option<&str>) -> String {
        use crate::contract::param;
        let base = match self.own_code() {
            Some(code) => ["?", param::ERROR, "=", code].concat(),
            None => ["?", param::ARTICLE, "=", self.id].concat(),
        };
        match section {
            Some(section) => [&base, "&", param::SECTION, "=", section].concat(),
            None => base,
        }
    }

    /// The expanders in reading order, for hosts and tests that address them by id.
    pub fn expanders(&self) -> impl Iterator<Item = &'static Expander> {
        self.parts.iter().filter_map(|part| match part {
            Part::Expander(expander) => Some(expander),
            Part::Block(_) => None,
        })
    }

    /// The target of every link, in the body and the expanders, in reading order: the build's
    /// first paint must know which links the widget reports to the host.
    pub fn link_targets(&self) -> Vec<&'static LinkTarget> {
        fn walk(blocks: &'static [Block], found: &mut Vec<&'static LinkTarget>) {
            for block in blocks {
                match block {
                    Block::Paragraph(inlines) | Block::Heading(inlines) => {
                        found.extend(inlines.iter().filter_map(|inline| match inline {
                            Inline::Link { target, .. } => Some(target),
                            _ => None,
                        }));
                    }
                    Block::List { items, .. } => items.iter().for_each(|item| walk(item, found)),
                    Block::Inset(inner) => walk(inner, found),
                }
            }
        }
        let mut found = Vec::new();
        for part in self.parts {
            match part {
                Part::Block(block) => walk(std::slice::from_ref(block), &mut found),
                Part::Expander(expander) => walk(expander.body, &mut found),
            }
        }
        found
    }
}

/// A piece of an article: ordinary content, or a closed-by-default expander.
#[derive(Debug, PartialEq, Eq)]
pub enum Part {
    Block(Block),
    Expander(Expander),
}

/// A "possible cause" or "how to" section the person opens when it applies to them.
#[derive(Debug, PartialEq, Eq)]
pub struct Expander {
    /// Stable id, unique within its article, for deep links to one expander.
    pub id: &'static str,
    pub summary: &'static str,
    pub body: &'static [Block],
}

/// Block content, limited to what the help needs so every article renders the same way.
#[derive(Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(&'static [Inline]),
    /// A sub-heading, one level below the article heading.
    Heading(&'static [Inline]),
    /// Each item is itself a list of blocks, so lists can nest.
    List {
        ordered: bool,
        items: &'static [&'static [Block]],
    },
    /// An important note set apart from the text (NHS.UK inset text).
    Inset(&'static [Block]),
}

/// Inline content of a paragraph, heading or list item.
#[derive(Debug, PartialEq, Eq)]
pub enum Inline {
    Text(&'static str),
    /// The name of a button or setting the person looks for.
    Strong(&'static str),
    Link {
        target: LinkTarget,
        text: &'static str,
    },
}

/// Where a link in an article goes; contact and settings are resolved when rendering, so the
/// contact link can carry the person's reference and hosts can point both elsewhere.
#[derive(Debug, PartialEq, Eq)]
pub enum LinkTarget {
    Contact,
    Settings,
    External(&'static str),
}

include!(concat!(env!("OUT_DIR"), "/articles.rs"));

/// A mistake in an article, as a development build (`trunk serve`) found it: the standalone page
/// shows these in place of the help until they are fixed (`components::ContentProblems`). A
/// release build fails instead, so [`PROBLEMS`] is always empty there (see `crates/core/build.rs`).
#[derive(Debug, PartialEq, Eq)]
pub struct ContentProblem {
    /// The article's file, such as `content/articles/cannot-use-login.md`.
    pub file: &'static str,
    pub line: usize,
    /// What is wrong.
    pub message: &'static str,
    /// How to fix it.
    pub hint: &'static str,
    /// The problems this one causes further on in the same file, which go once it is fixed.
    pub follow_ons: &'static [ContentProblem],
}

include!(concat!(env!("OUT_DIR"), "/problems.rs"));

/// What the build's style checks (`crates/content/src/lint.rs`) found in each article: for the gallery the
/// tools write. Native builds only, so none of it reaches the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub mod style {
    /// One article's reading level and warnings. The scores are computed by the build
    /// (`Reading` in `crates/content/src/lint.rs`, which has the formulas), not again here.
    #[derive(Debug)]
    pub struct Report {
        pub article: &'static str,
        /// Counted over the body text (not the title, headings or summaries).
        pub words: usize,
        pub sentences: usize,
        /// Flesch reading ease: higher is easier.
        pub ease: f64,
        /// Flesch–Kincaid grade level: a US school grade; add 5 for a reading age.
        pub grade: f64,
        pub warnings: &'static [Warning],
    }

    /// Something a content designer may want to change, at a line of the article's file.
    #[derive(Debug)]
    pub struct Warning {
        pub file: &'static str,
        pub line: usize,
        /// `word`, `long-sentence`, `sentence-case`, `link-text` or `reading-level`.
        pub rule: &'static str,
        pub message: &'static str,
    }

    impl Report {
        /// The report for an article.
        pub fn of(article: &str) -> Option<&'static Report> {
            REPORTS.iter().find(|report| report.article == article)
        }
    }

    include!(concat!(env!("OUT_DIR"), "/lint.rs"));
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// A development build compiles with problems in the articles (and shows them in the page);
    /// the tests, like a release build, do not pass with them.
    #[test]
    fn the_articles_have_no_problems() {
        assert!(PROBLEMS.is_empty(), "fix the help articles: {PROBLEMS:#?}");
    }

    #[test]
    fn link_targets_are_found_in_list_items_inside_expanders_and_in_the_body_in_reading_order() {
        let article = ARTICLES.iter().find(|a| a.id == "account-already-exists").expect("the article");
        // A settings link in a numbered step of each of the three expanders, then "contact us".
        let targets = article.link_targets();
        assert_eq!(
            targets,
            [&LinkTarget::Settings, &LinkTarget::Settings, &LinkTarget::Settings, &LinkTarget::Contact]
        );
    }
}
