//! What the host page's URL asks for: an error reference, one article, the gallery, or nothing.
//! Pure string handling with no DOM, so every odd URL can be tested natively.

use crate::contract::{attribute, param, Attribute, TAG};
use crate::links::{checked_url, LinkTargets};
use crate::reference::{shown_text, ErrorReference};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// The level of a component's top heading, so the widget fits the host page's outline: `h1` on
/// the standalone page, lower when embedded under the host's own heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingLevel(u8);

impl HeadingLevel {
    /// The standalone page's level: the article is the page's main heading.
    pub const PAGE: HeadingLevel = HeadingLevel(1);

    /// A level from 1 to 6; anything else is clamped into that range.
    pub fn new(level: u8) -> Self {
        Self(level.clamp(1, 6))
    }

    /// Reads a host's setting: exactly `1` to `6`, or `None` so the caller keeps its default.
    pub fn from_attribute(value: &str) -> Option<Self> {
        match value.trim() {
            level @ ("1" | "2" | "3" | "4" | "5" | "6") => level.parse().ok().map(Self),
            _ => None,
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// The level for headings under this one (an `h6` stays `h6`).
    pub fn below(self) -> Self {
        Self::new(self.0 + 1)
    }
}

/// What the page was asked to show, before looking anything up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// No reference anywhere: show the list of help topics.
    Nothing,
    /// `?gallery`: every article one after another, for content designers.
    Gallery,
    /// `?article=<id>`: one article by its stable id (for help that has no code).
    Article(String),
    /// A well-formed reference, whether or not we have an article for it.
    Reference(ErrorReference),
    /// Something was given as a reference but is not one; kept raw so it can be shown as text.
    Unrecognised(String),
}

impl Request {
    /// Reads the standalone page's URL: query string (`?…`) and fragment (`#…`), in this order of
    /// trust: `?gallery`, `?article=`, then the reference as [`Request::from_parameter`] reads it.
    pub fn from_url(search: &str, hash: &str) -> Self {
        let query = search.strip_prefix('?').unwrap_or(search);
        if query_value(query, param::GALLERY).is_some() {
            return Request::Gallery;
        }
        if let Some(id) = query_value(query, param::ARTICLE) {
            return Request::Article(id);
        }
        Request::from_parameter(search, hash, param::ERROR)
    }

    /// Reads a reference from a host page's URL, where only `param` is ours: a well-formed value
    /// of `param`, a `CID` token in `error_description` (when `param` is NHS login's own `error`),
    /// a reference in the fragment, and finally a malformed value of `param`.
    pub fn from_parameter(search: &str, hash: &str, name: &str) -> Self {
        let query = search.strip_prefix('?').unwrap_or(search);
        let given = query_value(query, name).filter(|value| !value.trim().is_empty());
        if let Some(reference) = given.as_deref().and_then(ErrorReference::parse) {
            return Request::Reference(reference);
        }
        if name == param::ERROR {
            if let Some(reference) = query_value(query, param::DESCRIPTION).and_then(|d| ErrorReference::find_in(&d)) {
                return Request::Reference(reference);
            }
        }
        match (fragment_reference(hash), given) {
            (Some(from_fragment), _) => from_fragment,
            (None, Some(raw)) => Request::Unrecognised(raw),
            (None, None) => Request::Nothing,
        }
    }

    /// A reference given directly (an element's `error` attribute, `el.show()`); blank is nothing.
    pub fn from_reference_text(text: &str) -> Self {
        if text.trim().is_empty() {
            return Request::Nothing;
        }
        match ErrorReference::parse(text) {
            Some(reference) => Request::Reference(reference),
            None => Request::Unrecognised(text.to_string()),
        }
    }
}

/// The expander a deep link asks to open: `?section=<id>`, or the part after `/` in a reference
/// fragment (`#CID7023/wrong-details`). Whether the article has it is for the lookup to decide.
pub fn requested_section(search: &str, hash: &str) -> Option<String> {
    let query = search.strip_prefix('?').unwrap_or(search);
    let from_query = query_value(query, param::SECTION).filter(|section| !section.trim().is_empty());
    from_query.or_else(|| {
        let fragment = percent_decode(hash.strip_prefix('#').unwrap_or(hash));
        let (reference, section) = fragment.split_once('/')?;
        let is_reference = reference.get(..3).is_some_and(|prefix| prefix.eq_ignore_ascii_case("CID"));
        (is_reference && !section.is_empty()).then(|| section.to_string())
    })
}

/// How the widget sits on its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Variant {
    /// The help is the page's main content: large type, a page-sized title.
    #[default]
    Page,
    /// A compact panel beside a portal's own form: body-sized type and a small title.
    Inline,
}

impl Variant {
    /// Reads a host's setting: `page` or `inline` in any case, or `None` so the caller keeps the
    /// default.
    pub fn from_attribute(value: &str) -> Option<Self> {
        [Variant::Page, Variant::Inline].into_iter().find(|variant| value.trim().eq_ignore_ascii_case(variant.name()))
    }

    /// The attribute value that asks for it.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Page => "page",
            Variant::Inline => "inline",
        }
    }

    /// The class of the widget's root element, which the styles hang from.
    pub fn root_class(self) -> &'static str {
        match self {
            Variant::Page => "nhs-login-help",
            Variant::Inline => "nhs-login-help nhs-login-help--inline",
        }
    }

    /// The class of a view's top heading: page-sized on a page, small in a compact panel.
    pub fn title_class(self) -> &'static str {
        match self {
            Variant::Page => "nhsuk-heading-l",
            Variant::Inline => "nhsuk-heading-s",
        }
    }
}

/// How the host placed the widget: everything about its look and links that is not the help itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Level of the top heading.
    pub level: HeadingLevel,
    pub variant: Variant,
    /// Where contact and settings links go.
    pub links: LinkTargets,
    /// Where answers to "Was this helpful?" are sent; without it the question is not asked.
    pub feedback_url: Option<String>,
}

impl Placement {
    /// The standalone page: the help is the whole page, under an `h1`.
    pub fn standalone() -> Self {
        Self { level: HeadingLevel::PAGE, variant: Variant::Page, links: LinkTargets::default(), feedback_url: None }
    }

    /// The standalone page with its mount element's settings: `data-heading-level` (1 to 6) and
    /// `data-feedback-url` (a link setting); a value it cannot use is left out.
    pub fn for_page(heading_level: Option<&str>, feedback_url: Option<&str>) -> Self {
        let level = heading_level.and_then(HeadingLevel::from_attribute).unwrap_or(HeadingLevel::PAGE);
        Self { level, feedback_url: feedback_url.and_then(checked_url), ..Self::standalone() }
    }
}

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

/// The heading level of an embedded widget: under the host page's own `h1`.
const ELEMENT_LEVEL: HeadingLevel = HeadingLevel(2);

impl ElementSettings {
    /// Reads the settings through `attribute` (name → value); returns them with one warning per
    /// value that was ignored.
    pub fn read(attribute: impl Fn(&str) -> Option<String>) -> (Self, Vec<String>) {
        let mut reader = AttributeReader { attribute, warnings: Vec::new() };
        let level = reader
            .parse(attribute::HEADING_LEVEL, |v| HeadingLevel::from_attribute(v).filter(|level| level.get() >= 2))
            .unwrap_or(ELEMENT_LEVEL);
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
        let given = |name: &str| (reader.attribute)(name).filter(|value| !value.trim().is_empty());
        let source = match (given(attribute::ERROR.name), given(attribute::ARTICLE.name)) {
            (Some(reference), _) => Source::Reference(reference),
            (None, Some(id)) => Source::Article(id.trim().to_string()),
            (None, None) => Source::Url { param },
        };
        (Self { source, placement: Placement { level, variant, links, feedback_url }, push_history }, reader.warnings)
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
                let key = form_decode(pair.split_once('=').map_or(*pair, |(key, _)| key));
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
            self.warnings.push(format!("{TAG}: ignored {name}=\"{}\"; expected {expected}", shown_text(&value)));
        }
        parsed
    }
}

/// A fragment counts only when it looks like an attempt at a reference (`#CID…`), because host
/// pages use fragments for their own anchors (`#main-content`).
fn fragment_reference(hash: &str) -> Option<Request> {
    let fragment = percent_decode(hash.strip_prefix('#').unwrap_or(hash));
    let candidate = fragment.split('/').next().unwrap_or_default();
    if !candidate.get(..3).is_some_and(|prefix| prefix.eq_ignore_ascii_case("CID")) {
        return None;
    }
    Some(match ErrorReference::parse(candidate) {
        Some(reference) => Request::Reference(reference),
        None => Request::Unrecognised(candidate.to_string()),
    })
}

/// The decoded value of the first `name` parameter in a query string (without its `?`), as
/// `application/x-www-form-urlencoded` defines it (and `URLSearchParams` reads it); a key with no
/// `=` has the empty value.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == name).map(|(_, value)| value.into_owned())
}

/// What a parameter name a host chose may hold unescaped: letters, digits and `-._~`.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes all but unreserved characters, for a parameter name a host chose.
fn form_encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

fn form_decode(text: &str) -> String {
    percent_decode(&text.replace('+', " "))
}

/// Percent-decodes leniently: a broken escape (`%E0%A4%A`, `%zz`) is kept as written and bytes
/// that are not UTF-8 become U+FFFD, so hostile input still yields text we can show.
pub fn percent_decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(code: &str) -> Request {
        Request::Reference(ErrorReference::parse(code).unwrap())
    }

    #[test]
    fn reads_the_error_parameter() {
        assert_eq!(Request::from_url("?error=CID7023", ""), reference("CID7023"));
        assert_eq!(Request::from_url("?error=cid%207023", ""), reference("CID7023"));
        assert_eq!(Request::from_url("?error=cid+7023", ""), reference("CID7023"));
        assert_eq!(Request::from_url("?foo=1&error=CID-2014&bar", ""), reference("CID2014"));
        assert_eq!(Request::from_url("error=7029", ""), reference("CID7029"));
    }

    #[test]
    fn the_first_error_parameter_wins() {
        assert_eq!(Request::from_url("?error=CID2011&error=CID2012", ""), reference("CID2011"));
        let thousand = vec!["error=CID3003"; 1000].join("&");
        assert_eq!(Request::from_url(&thousand, ""), reference("CID3003"));
    }

    #[test]
    fn falls_back_to_a_code_in_the_oauth_description() {
        let url = "?error=access_denied&error_description=Unable+to+connect+(CID3002)";
        assert_eq!(Request::from_url(url, ""), reference("CID3002"));
        assert_eq!(Request::from_url("?error_description=see%20CID-7029", ""), reference("CID7029"));
    }

    #[test]
    fn falls_back_to_the_fragment() {
        assert_eq!(Request::from_url("", "#CID2014"), reference("CID2014"));
        assert_eq!(Request::from_url("?error=", "#cid%207023"), reference("CID7023"));
        assert_eq!(Request::from_url("", "#CID7023/wrong-details"), reference("CID7023"));
        assert_eq!(Request::from_url("", "#CIDX"), Request::Unrecognised("CIDX".into()));
    }

    #[test]
    fn ignores_fragments_that_are_page_anchors() {
        assert_eq!(Request::from_url("", "#main-content"), Request::Nothing);
        assert_eq!(Request::from_url("", "#7023"), Request::Nothing);
    }

    #[test]
    fn a_query_reference_beats_the_fragment() {
        assert_eq!(Request::from_url("?error=CID2011", "#CID2012"), reference("CID2011"));
        assert_eq!(Request::from_url("?error=oops", "#CID2012"), reference("CID2012"));
    }

    #[test]
    fn keeps_a_malformed_reference_as_text() {
        let url = "?error=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E";
        assert_eq!(Request::from_url(url, ""), Request::Unrecognised("<img src=x onerror=alert(1)>".into()));
        assert_eq!(Request::from_url("?error=%E0%A4%A", ""), Request::Unrecognised("\u{FFFD}%A".into()));
    }

    #[test]
    fn no_reference_means_nothing() {
        assert_eq!(Request::from_url("", ""), Request::Nothing);
        assert_eq!(Request::from_url("?error=", ""), Request::Nothing);
        assert_eq!(Request::from_url("?error=%20%20", ""), Request::Nothing);
        assert_eq!(Request::from_url("?errors=CID7023", ""), Request::Nothing);
    }

    #[test]
    fn gallery_and_article_requests() {
        assert_eq!(Request::from_url("?gallery", ""), Request::Gallery);
        assert_eq!(Request::from_url("?article=nhsmail-login", ""), Request::Article("nhsmail-login".into()));
        assert_eq!(Request::from_url("?error=CID7023&gallery", ""), Request::Gallery);
    }

    #[test]
    fn a_deep_link_names_its_section_in_the_query_or_the_fragment() {
        assert_eq!(requested_section("?error=CID7023&section=wrong-details", "").as_deref(), Some("wrong-details"));
        assert_eq!(requested_section("", "#CID7023/wrong-details").as_deref(), Some("wrong-details"));
        assert_eq!(requested_section("", "#cid%207023/already-set-up").as_deref(), Some("already-set-up"));
        assert_eq!(requested_section("?section=a", "#CID7023/b").as_deref(), Some("a"), "the query wins");
        assert_eq!(requested_section("?section=", "#main/content"), None, "host anchors are not sections");
        assert_eq!(requested_section("", "#CID7023/"), None);
        assert_eq!(requested_section("", ""), None);
    }

    #[test]
    fn heading_levels_stay_between_1_and_6() {
        assert_eq!(HeadingLevel::new(0).get(), 1);
        assert_eq!(HeadingLevel::new(9).get(), 6);
        assert_eq!(HeadingLevel::PAGE.below().get(), 2);
        assert_eq!(HeadingLevel::new(6).below().get(), 6);
    }

    #[test]
    fn a_heading_level_setting_is_1_to_6_or_ignored() {
        assert_eq!(HeadingLevel::from_attribute(" 2 "), Some(HeadingLevel::new(2)));
        for bad in ["0", "7", "", "h2", "2.5", "-1", "99999999999"] {
            assert_eq!(HeadingLevel::from_attribute(bad), None, "{bad:?}");
        }
    }

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

    #[test]
    fn percent_decoding_is_lenient() {
        assert_eq!(percent_decode("a%20b%zz%"), "a b%zz%");
        assert_eq!(percent_decode("%F0%9F%98%80"), "😀");
        assert_eq!(percent_decode("%ff"), "\u{FFFD}");
    }

    proptest! {
        #[test]
        fn no_url_panics(search in "\\PC*", hash in "\\PC*") {
            let _ = Request::from_url(&search, &hash);
            let _ = Request::from_parameter(&search, &hash, "e");
        }

        #[test]
        fn no_attribute_panics(value in "\\PC*") {
            let (settings, _) = ElementSettings::read(|_| Some(value.clone()));
            let _ = settings.request(&value, &value);
        }

        #[test]
        fn encoded_references_survive_the_round_trip(digits in "[0-9]{4,5}") {
            let url = format!("?error=%43%49%44%20{digits}");
            prop_assert_eq!(Request::from_url(&url, ""), reference(&format!("CID{digits}")));
        }
    }
}
