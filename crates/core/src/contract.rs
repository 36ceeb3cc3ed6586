//! The names a host page relies on, in one place: the element's tag and attributes, its events and
//! their fields, the URL parameters, the standalone page's mount and data attributes, and the
//! version. The Rust code uses these constants; the build writes them as JSON
//! (`cargo run -p nhs-login-help-tools --bin prerender`) into the embed entry, the standalone
//! page's script and `scripts/package.mjs`, so no name is typed in JavaScript.

/// The widget's version, from Cargo.toml: what `el.version` says and feedback carries.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The custom element's tag, also the prefix of its events and its console messages.
pub const TAG: &str = "nhs-login-help";

/// Query parameters of the page URL the widget reads.
pub mod param {
    /// The reference NHS login sends.
    pub const ERROR: &str = "error";
    /// The OAuth/OIDC description that may carry the reference when `error` holds an OAuth code.
    pub const DESCRIPTION: &str = "error_description";
    /// A deep link to one expander.
    pub const SECTION: &str = "section";
    /// One article by its id (standalone page).
    pub const ARTICLE: &str = "article";
    /// Every article, for content designers (standalone page).
    pub const GALLERY: &str = "gallery";
}

/// One attribute of `<nhs-login-help>`: what hosts may set, what it means when left out, the
/// values it allows (any, where empty; matched trimmed and in any ASCII case) and the words of the
/// console warning for a value it ignores. What it does is in [`described`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute {
    pub name: &'static str,
    pub default: Option<&'static str>,
    pub allowed: &'static [&'static str],
    pub expected: &'static str,
}

/// What a link attribute accepts (see [`crate::links::checked_url`]).
const ADDRESS: &str = "an https:// address or a path on this site";

pub mod attribute {
    use super::{Attribute, ADDRESS};
    use crate::links;

    pub const ERROR: Attribute = Attribute { name: "error", default: None, allowed: &[], expected: "a reference" };
    pub const ARTICLE: Attribute =
        Attribute { name: "article", default: None, allowed: &[], expected: "an article id" };
    pub const PARAM: Attribute = Attribute {
        name: "param",
        default: Some(super::param::ERROR),
        allowed: &[],
        expected: "a query parameter name",
    };
    pub const VARIANT: Attribute =
        Attribute { name: "variant", default: Some("page"), allowed: &["page", "inline"], expected: "page or inline" };
    pub const HEADING_LEVEL: Attribute = Attribute {
        name: "heading-level",
        default: Some("2"),
        allowed: &["2", "3", "4", "5", "6"],
        expected: "2 to 6",
    };
    pub const CONTACT_URL: Attribute =
        Attribute { name: "contact-url", default: Some(links::CONTACT_URL), allowed: &[], expected: ADDRESS };
    pub const SETTINGS_URL: Attribute =
        Attribute { name: "settings-url", default: Some(links::SETTINGS_URL), allowed: &[], expected: ADDRESS };
    pub const FEEDBACK_URL: Attribute =
        Attribute { name: "feedback-url", default: None, allowed: &[], expected: ADDRESS };
    pub const HISTORY: Attribute = Attribute { name: "history", default: None, allowed: &["push"], expected: "push" };
    pub const LABEL: Attribute = Attribute { name: "label", default: None, allowed: &[], expected: "a few words" };

    /// Every attribute the element reads; changing any of them updates the widget.
    pub const ALL: [Attribute; 10] =
        [ERROR, ARTICLE, PARAM, VARIANT, HEADING_LEVEL, CONTACT_URL, SETTINGS_URL, FEEDBACK_URL, HISTORY, LABEL];
}

/// One event the element sends: its DOM name and the fields of its `detail`, in order. Every
/// event bubbles and leaves the shadow root; only `cancelable` ones can be stopped by the host.
/// What it tells is in [`described`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub name: &'static str,
    pub fields: &'static [Field],
    pub cancelable: bool,
}

/// One field of an event's `detail`: its name and the values it takes, from which the build
/// writes the TypeScript declarations (`tools/src/declarations.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub value: FieldValue,
}

/// What one field of a `detail` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue {
    /// Always a string.
    Text,
    /// A string, or `null`.
    TextOrNull,
    /// `true` or `false`.
    Flag,
    /// One of these strings.
    OneOf(&'static [&'static str]),
}

const fn field(name: &'static str, value: FieldValue) -> Field {
    Field { name, value }
}

pub mod event {
    use super::FieldValue::{Flag, OneOf, Text, TextOrNull};
    use super::{field, Event};

    pub const SHOWN: Event = Event {
        name: "nhs-login-help:shown",
        fields: &[field("reference", TextOrNull), field("article", TextOrNull)],
        cancelable: false,
    };
    pub const TOGGLE: Event = Event {
        name: "nhs-login-help:toggle",
        fields: &[field("article", Text), field("expander", Text), field("open", Flag)],
        cancelable: false,
    };
    pub const LINK: Event = Event {
        name: "nhs-login-help:link",
        fields: &[field("kind", OneOf(&["contact", "settings"])), field("href", Text)],
        cancelable: true,
    };
    pub const ERROR: Event = Event {
        name: "nhs-login-help:error",
        fields: &[field("kind", OneOf(&["load"])), field("message", Text)],
        cancelable: false,
    };

    pub const ALL: [Event; 4] = [SHOWN, TOGGLE, LINK, ERROR];
}

/// What each attribute, event and field of the API means, in Markdown: the one description the
/// declarations, the Custom Elements Manifest and the docs' tables are written from. Native only:
/// the wasm needs the names, never these words.
#[cfg(not(target_arch = "wasm32"))]
pub mod described {
    use super::{attribute, event, Attribute, Event};

    /// Every attribute, in the order of [`attribute::ALL`], with what it does.
    pub const ATTRIBUTES: [(Attribute, &str); 10] = [
        (attribute::ERROR, "A reference to show (`CID7023`, `cid 7023`); overrides the page URL."),
        (
            attribute::ARTICLE,
            "An article id, for help that has no code (`nhsmail-login`, `security-code-email`, \
             `applying-for-nhs-login`: the file names in `content/articles/`); overrides the page URL.",
        ),
        (
            attribute::PARAM,
            "The query parameter of the page URL to read the reference from, when neither `error` nor \
             `article` is set. With `error`, a `CID` token in `error_description` and a `#CID…` hash \
             count too.",
        ),
        (
            attribute::VARIANT,
            "`page`: the help is the page's main content. `inline`: a compact panel beside a portal's own \
             form: body-size text at every width, a small title, no page intro.",
        ),
        (
            attribute::HEADING_LEVEL,
            "The level of the widget's top heading, so it fits under the page's own headings (`2` under the \
             page's `h1`).",
        ),
        (
            attribute::CONTACT_URL,
            "Where \"Contact us\" goes; `?error=<reference>` is added. `https://` only, or a path on the \
             host's site (`/help/contact`); `http://` only on `localhost` and `127.0.0.1`, for development.",
        ),
        (attribute::SETTINGS_URL, "Where \"Login and security settings\" goes; the same rule as `contact-url`."),
        (
            attribute::FEEDBACK_URL,
            "Where answers to \"Was this helpful?\" are sent; without it the question is not asked. The \
             same rule as `contact-url`.",
        ),
        (
            attribute::HISTORY,
            "`push`: choosing an article from the list or the search adds a history entry with the \
             reference in the page URL (the page's other parameters are kept), so the back button returns \
             to the list. Without it, the article opens in place and the URL is left alone.",
        ),
        (
            attribute::LABEL,
            "A few words that tell this help from other help on the same page (`Staff login`). The \
             element's landmarks carry them in their names: the topics (`navigation`), the search \
             (`search`) and the feedback question (`region`). Each feedback question is already named by \
             its article; give every element that shows the topics or the search a `label` of its own \
             when a page has more than one, so a screen reader's list of landmarks tells them apart.",
        ),
    ];

    /// One event: what it tells, and what each field of its `detail` holds, in order.
    pub struct Described {
        pub event: Event,
        pub description: &'static str,
        pub fields: &'static [(&'static str, &'static str)],
    }

    /// Every event, in the order of [`event::ALL`].
    pub const EVENTS: [Described; 4] = [
        Described {
            event: event::SHOWN,
            description: "The widget showed help: on load and after every change (not again when the wasm takes \
                          over the same help). On load it is sent once the page has been parsed and a frame has \
                          passed, so a listener added by any script in the page or on `DOMContentLoaded` hears it.",
            fields: &[
                ("reference", "The well-formed reference shown (`CID7023`), or `null`."),
                ("article", "The article's id, or `null` for the topics and the fallback."),
            ],
        },
        Described {
            event: event::TOGGLE,
            description: "The person opened or closed an expander.",
            fields: &[
                ("article", "The article's id."),
                ("expander", "The expander's stable id (`wrong-details`)."),
                ("open", "Whether it is now open."),
            ],
        },
        Described {
            event: event::LINK,
            description: "The person followed a \"Contact us\" or account settings link. `preventDefault()` stops \
                          the link, for an app that opens its own screen.",
            fields: &[
                ("kind", "Which link: `contact` (\"Contact us\") or `settings` (the account settings)."),
                ("href", "Where the link goes, as in the markup."),
            ],
        },
        Described {
            event: event::ERROR,
            description: "Something the person reached for could not work: the help on show stays, with its links \
                          and the way to contact NHS login, and the next time the person reaches for it the \
                          element tries again.",
            fields: &[
                (
                    "kind",
                    "What failed: `load`, the widget's code did not load (offline, blocked, or a file that failed \
                 its integrity check).",
                ),
                ("message", "What the browser said, for the host's logs."),
            ],
        },
    ];
}

/// Data attributes in the widget's markup and on the standalone page's mount element.
pub mod data {
    /// On an article: its id.
    pub const ARTICLE: &str = "data-article";
    /// On an expander: its stable id.
    pub const EXPANDER: &str = "data-expander";
    /// On the standalone mount while it holds the first paint rather than the widget.
    pub const FIRST_PAINT: &str = "data-first-paint";
    /// On the standalone mount: the top heading level (1–6; default 1).
    pub const HEADING_LEVEL: &str = "data-heading-level";
    /// On the standalone mount: where answers to "Was this helpful?" go.
    pub const FEEDBACK_URL: &str = "data-feedback-url";
}

/// Id of the element the standalone page mounts into; its static children are the fallback.
pub const MOUNT_ID: &str = "nhs-login-help-standalone";

/// What in the widget's markup needs the wasm to work: the search field and the feedback buttons
/// and form. A person reaching for one (pointer down, focus, a key) is the intent on which the
/// first paint loads the wasm; what they typed meanwhile is kept.
pub const NEEDS_WASM: &str = "input, textarea, button, form";

/// A link to another article (the topics, the results, the suggestions). On the standalone page
/// it is an ordinary link to the page itself; in an element it opens the article in place, which
/// needs the wasm, so there it is an intent too.
pub const ARTICLE_LINK: &str = "a[href^='?']";

/// The browser storage key of the feedback queue: a page with answers waiting loads the wasm to
/// send them.
pub const FEEDBACK_QUEUE_KEY: &str = "nhs-login-help:feedback-queue";

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_event_is_namespaced_by_the_tag() {
        for event in event::ALL {
            assert!(event.name.starts_with(&[TAG, ":"].concat()), "{}", event.name);
        }
    }

    #[test]
    fn the_allowed_values_are_the_ones_the_settings_read() {
        use crate::config::{ElementSettings, HeadingLevel, Variant};
        let variants = [Variant::Page, Variant::Inline].map(Variant::name);
        assert_eq!(attribute::VARIANT.allowed, variants);
        let levels: Vec<String> = (1..=6)
            .map(|level: u8| level.to_string())
            .filter(|level| {
                let (settings, _) =
                    ElementSettings::read(|name| (name == attribute::HEADING_LEVEL.name).then(|| level.clone()));
                HeadingLevel::from_attribute(level).is_some_and(|read| read == settings.placement.level)
            })
            .collect();
        assert_eq!(attribute::HEADING_LEVEL.allowed, levels);
        for value in attribute::HISTORY.allowed {
            let (settings, warnings) =
                ElementSettings::read(|name| (name == attribute::HISTORY.name).then(|| value.to_string()));
            assert!(settings.push_history && warnings.is_empty());
        }
    }

    #[test]
    fn attribute_names_are_unique() {
        let mut names: Vec<_> = attribute::ALL.iter().map(|a| a.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), attribute::ALL.len());
    }
}
