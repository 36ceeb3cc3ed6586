//! A `<nhs-login-help>` element's settings, read from its attributes: where its reference comes
//! from and how it is placed. Every attribute is optional; a bad value falls back to its default,
//! with a warning for the host's developers.

use super::placement::{HeadingLevel, Placement, Variant};
use super::request::{form_encode, requested_section, Request};
use crate::contract::{attribute, param, Attribute, TAG};
use crate::links::{checked_url, LinkTargets};
use crate::reference::echo_text;

/// Where an element takes its reference from, in the order the attributes are trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The `error` attribute: overrides the URL.
    Reference(String),
    /// The `article` attribute: help that has no code.
    Article(String),
    /// The host page's URL, reading this query parameter.
    Url { param: String },
}

/// A `<nhs-login-help>` element's settings, read from its attributes. Every attribute is
/// optional and a bad value falls back to its default, with a warning for the host's developers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElementSettings {
    pub source: Source,
    pub placement: Placement,
    /// `history="push"`: choosing an article from the list adds an entry to the host page's
    /// history (with the reference in the URL), so the back button returns to the list.
    pub push_history: bool,
}

impl ElementSettings {
    /// Reads the settings through `attribute` (name → value); returns them with one warning per
    /// value that was ignored.
    pub fn read(attribute: impl Fn(&str) -> Option<String>) -> (Self, Vec<String>) {
        let mut reader = AttributeReader { attribute, warnings: Vec::new() };
        let level = reader
            .parse(attribute::HEADING_LEVEL, |v| HeadingLevel::from_attribute(v).filter(|level| level.get() >= 2))
            .unwrap_or(HeadingLevel::ELEMENT);
        let variant = reader.parse(attribute::VARIANT, Variant::from_attribute).unwrap_or_default();
        let defaults = LinkTargets::default();
        let links = LinkTargets {
            contact: reader.parse(attribute::CONTACT_URL, checked_url).unwrap_or(defaults.contact),
            settings: reader.parse(attribute::SETTINGS_URL, checked_url).unwrap_or(defaults.settings),
        };
        let feedback_url = reader.parse(attribute::FEEDBACK_URL, checked_url);
        let param = reader
            .parse(attribute::PARAM, |v| Some(v.trim().to_string()).filter(|v| !v.is_empty()))
            .unwrap_or_else(|| param::ERROR.to_string());
        let push_history = reader
            .parse(attribute::HISTORY, |v| {
                attribute::HISTORY.allowed.iter().any(|a| v.trim().eq_ignore_ascii_case(a)).then_some(true)
            })
            .unwrap_or(false);
        // Any words will do; they are echoed as text, made safe and short like other text given.
        let label = (reader.attribute)(attribute::LABEL.name).map(|v| echo_text(&v)).filter(|v| !v.is_empty());
        let given = |name: &str| (reader.attribute)(name).filter(|value| !value.trim().is_empty());
        let source = match (given(attribute::ERROR.name), given(attribute::ARTICLE.name)) {
            (Some(reference), _) => Source::Reference(reference),
            (None, Some(id)) => Source::Article(id.trim().to_string()),
            (None, None) => Source::Url { param },
        };
        (
            Self { source, placement: Placement { level, variant, links, feedback_url, label }, push_history },
            reader.warnings,
        )
    }

    /// What the element shows when the host page's URL is `search` and `hash`.
    pub fn request(&self, search: &str, hash: &str) -> Request {
        match &self.source {
            Source::Reference(text) => Request::from_reference_text(text),
            Source::Article(id) => Request::Article(id.clone()),
            Source::Url { param } => Request::from_parameter(search, hash, param),
        }
    }

    /// The expander a deep link in the host page's URL asks to open, for elements that read it.
    pub fn section(&self, search: &str, hash: &str) -> Option<String> {
        self.reads_url().then(|| requested_section(search, hash)).flatten()
    }

    /// The host page's query string with `code` as the element's reference and no section, for a
    /// history entry when the person chose an article (see [`ElementSettings::push_history`]);
    /// the host's own parameters stay as they were.
    pub fn search_for(&self, search: &str, code: &str) -> Option<String> {
        let Source::Url { param: own } = &self.source else { return None };
        let query = search.strip_prefix('?').unwrap_or(search);
        let mut pairs: Vec<String> = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .filter(|pair| {
                let key = form_urlencoded::parse(pair.as_bytes()).next().map(|(key, _)| key).unwrap_or_default();
                key != *own && key != param::SECTION
            })
            .map(str::to_string)
            .collect();
        pairs.push(format!("{}={code}", form_encode(own)));
        Some(format!("?{}", pairs.join("&")))
    }

    /// Whether the element follows the host page's URL.
    pub fn reads_url(&self) -> bool {
        matches!(self.source, Source::Url { .. })
    }
}

/// Reads attributes, noting each value it had to ignore.
struct AttributeReader<F> {
    attribute: F,
    warnings: Vec<String>,
}

impl<F: Fn(&str) -> Option<String>> AttributeReader<F> {
    /// The parsed value of `attribute`; `None` when it is absent or does not parse (then with a
    /// warning).
    fn parse<T>(&mut self, attribute: Attribute, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
        let value = (self.attribute)(attribute.name)?;
        let parsed = parse(&value);
        if parsed.is_none() {
            let Attribute { name, expected, .. } = attribute;
            self.warnings.push(format!("{TAG}: ignored {name}=\"{}\"; expected {expected}", echo_text(&value)));
        }
        parsed
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::request::tests::reference;
    use super::*;
    use proptest::prelude::*;

    fn element(attributes: &[(&str, &str)]) -> (ElementSettings, Vec<String>) {
        ElementSettings::read(|name| attributes.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn an_element_without_attributes_reads_the_error_parameter_under_an_h2() {
        let (settings, warnings) = element(&[]);
        assert!(warnings.is_empty());
        assert_eq!(settings.source, Source::Url { param: "error".into() });
        assert_eq!(settings.placement, Placement { level: HeadingLevel::new(2), ..Placement::standalone() });
        assert_eq!(settings.request("?error=CID7023", ""), reference("CID7023"));
        assert_eq!(
            settings.request("?gallery&article=nhsmail-login", ""),
            Request::Nothing,
            "the host's query is its own"
        );
    }

    #[test]
    fn the_error_attribute_beats_the_article_attribute_and_the_url() {
        let (settings, _) = element(&[("error", "cid 2014"), ("article", "nhsmail-login")]);
        assert_eq!(settings.request("?error=CID7023", "#CID1111"), reference("CID2014"));
        let (settings, _) = element(&[("error", " "), ("article", " nhsmail-login ")]);
        assert_eq!(settings.request("?error=CID7023", ""), Request::Article("nhsmail-login".into()));
        assert!(!settings.reads_url());
        let (settings, _) = element(&[("error", "<b>x</b>")]);
        assert_eq!(settings.request("", ""), Request::Unrecognised("<b>x</b>".into()));
    }

    #[test]
    fn an_element_can_read_another_parameter() {
        let (settings, _) = element(&[("param", "nhs_error")]);
        assert_eq!(settings.request("?error=CID7023&nhs_error=CID3002", ""), reference("CID3002"));
        assert_eq!(settings.request("?error_description=CID3002", "#CID1111"), reference("CID1111"));
        assert_eq!(settings.request("?nhs_error=oops", ""), Request::Unrecognised("oops".into()));
    }

    #[test]
    fn a_chosen_article_replaces_only_the_elements_own_parameters() {
        let (settings, _) = element(&[("param", "nhs error")]);
        let search = settings.search_for("?lang=cy&nhs+error=CID9999&section=x&b", "CID7023");
        assert_eq!(search.as_deref(), Some("?lang=cy&b&nhs%20error=CID7023"));
        assert_eq!(settings.request(search.as_deref().unwrap_or_default(), ""), reference("CID7023"));
        let percent_encoded = settings.search_for("?nhs%20error=CID9999&=x&sect%69on=y", "CID7023");
        assert_eq!(percent_encoded.as_deref(), Some("?=x&nhs%20error=CID7023"), "keys are compared decoded");
        let (fixed, _) = element(&[("error", "CID1111")]);
        assert_eq!(fixed.search_for("", "CID7023"), None, "an element with its own reference has no URL to change");
    }

    #[test]
    fn good_attribute_values_are_used() {
        let (settings, warnings) = element(&[
            ("variant", "INLINE"),
            ("heading-level", "4"),
            ("contact-url", "/help/contact"),
            ("settings-url", "https://example.org/account"),
            ("history", "push"),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(settings.push_history);
        assert_eq!(settings.placement.variant, Variant::Inline);
        assert_eq!(settings.placement.level, HeadingLevel::new(4));
        assert_eq!(settings.placement.links.contact, "/help/contact");
        assert_eq!(settings.placement.links.settings, "https://example.org/account");
    }

    #[test]
    fn bad_attribute_values_fall_back_to_the_defaults_with_a_warning_each() {
        let (settings, warnings) = element(&[
            ("variant", "fullscreen"),
            ("heading-level", "1"),
            ("contact-url", "javascript:alert(1)"),
            ("settings-url", "http://example.org/"),
            ("param", "  "),
            ("history", "replace"),
        ]);
        assert_eq!(settings, element(&[]).0);
        assert_eq!(warnings.len(), 6, "{warnings:?}");
        assert!(warnings[2].contains("contact-url=\"javascript:alert(1)\""), "{}", warnings[2]);
        let (_, warnings) = element(&[("contact-url", &"x".repeat(100_000))]);
        assert!(warnings[0].chars().count() < 200, "a huge value is not echoed in full");
    }

    proptest! {
        #[test]
        fn no_attribute_panics(value in "\\PC*") {
            let (settings, _) = ElementSettings::read(|_| Some(value.clone()));
            let _ = settings.request(&value, &value);
        }
    }
}
