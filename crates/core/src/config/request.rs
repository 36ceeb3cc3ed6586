//! What the host page's URL asks for: an error reference, one article, the gallery, or nothing,
//! and the expander a deep link names. Pure string handling with no DOM, so every odd URL can be
//! tested natively. The query is read as the URL standard reads it, with `form_urlencoded`.

use crate::contract::param;
use crate::reference::ErrorReference;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

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
    /// Reads the standalone page's URL: query string (`?…`) and hash (`#…`), in this order of
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
    /// a reference in the hash, and finally a malformed value of `param`.
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
        match (hash_reference(hash), given) {
            (Some(from_hash), _) => from_hash,
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
/// hash (`#CID7023/wrong-details`). Whether the article has it is for the lookup to decide.
pub fn requested_section(search: &str, hash: &str) -> Option<String> {
    let query = search.strip_prefix('?').unwrap_or(search);
    let from_query = query_value(query, param::SECTION).filter(|section| !section.trim().is_empty());
    from_query.or_else(|| {
        let hash = percent_decode(hash.strip_prefix('#').unwrap_or(hash));
        let (reference, section) = hash.split_once('/')?;
        let is_reference = reference.get(..3).is_some_and(|prefix| prefix.eq_ignore_ascii_case("CID"));
        (is_reference && !section.is_empty()).then(|| section.to_string())
    })
}

/// A hash counts only when it looks like an attempt at a reference (`#CID…`), because host
/// pages use hashes for their own anchors (`#main-content`).
fn hash_reference(hash: &str) -> Option<Request> {
    let hash = percent_decode(hash.strip_prefix('#').unwrap_or(hash));
    let candidate = hash.split('/').next().unwrap_or_default();
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
pub(super) fn form_encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

/// Percent-decodes leniently: a broken escape (`%E0%A4%A`, `%zz`) is kept as written and bytes
/// that are not UTF-8 become U+FFFD, so hostile input still yields text we can show.
pub fn percent_decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub fn reference(code: &str) -> Request {
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
    fn falls_back_to_the_hash() {
        assert_eq!(Request::from_url("", "#CID2014"), reference("CID2014"));
        assert_eq!(Request::from_url("?error=", "#cid%207023"), reference("CID7023"));
        assert_eq!(Request::from_url("", "#CID7023/wrong-details"), reference("CID7023"));
        assert_eq!(Request::from_url("", "#CIDX"), Request::Unrecognised("CIDX".into()));
    }

    #[test]
    fn ignores_hashes_that_are_page_anchors() {
        assert_eq!(Request::from_url("", "#main-content"), Request::Nothing);
        assert_eq!(Request::from_url("", "#7023"), Request::Nothing);
    }

    #[test]
    fn a_query_reference_beats_the_hash() {
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
    fn a_deep_link_names_its_section_in_the_query_or_the_hash() {
        assert_eq!(requested_section("?error=CID7023&section=wrong-details", "").as_deref(), Some("wrong-details"));
        assert_eq!(requested_section("", "#CID7023/wrong-details").as_deref(), Some("wrong-details"));
        assert_eq!(requested_section("", "#cid%207023/already-set-up").as_deref(), Some("already-set-up"));
        assert_eq!(requested_section("?section=a", "#CID7023/b").as_deref(), Some("a"), "the query wins");
        assert_eq!(requested_section("?section=", "#main/content"), None, "host anchors are not sections");
        assert_eq!(requested_section("", "#CID7023/"), None);
        assert_eq!(requested_section("", ""), None);
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
        fn encoded_references_survive_the_round_trip(digits in "[0-9]{4,5}") {
            let url = format!("?error=%43%49%44%20{digits}");
            prop_assert_eq!(Request::from_url(&url, ""), reference(&format!("CID{digits}")));
        }
    }
}
