//! What the host page's URL asks for: an error reference, one article, the gallery, or nothing.
//! Pure string handling with no DOM, so every odd URL can be tested natively.

use crate::reference::ErrorReference;

/// The query parameter NHS login sends the reference in.
pub const ERROR_PARAM: &str = "error";

/// The OAuth/OIDC description that may carry the reference when `error` holds an OAuth error code.
const DESCRIPTION_PARAM: &str = "error_description";

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
    /// Reads the page URL's query string (`?…`) and fragment (`#…`), in this order of trust:
    /// `?gallery`, `?article=`, a well-formed `error`, a `CID` token in `error_description`, a
    /// reference in the fragment, and finally a malformed `error` value.
    pub fn from_url(search: &str, hash: &str) -> Self {
        let query = search.strip_prefix('?').unwrap_or(search);
        if query_value(query, "gallery").is_some() {
            return Request::Gallery;
        }
        if let Some(id) = query_value(query, "article") {
            return Request::Article(id);
        }
        let error = query_value(query, ERROR_PARAM).filter(|value| !value.trim().is_empty());
        if let Some(reference) = error.as_deref().and_then(ErrorReference::parse) {
            return Request::Reference(reference);
        }
        if let Some(reference) = query_value(query, DESCRIPTION_PARAM).and_then(|d| ErrorReference::find_in(&d)) {
            return Request::Reference(reference);
        }
        match (fragment_reference(hash), error) {
            (Some(from_fragment), _) => from_fragment,
            (None, Some(raw)) => Request::Unrecognised(raw),
            (None, None) => Request::Nothing,
        }
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
/// `application/x-www-form-urlencoded` defines it; a key with no `=` has the empty value.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (form_decode(key) == name).then(|| form_decode(value))
    })
}

fn form_decode(text: &str) -> String {
    percent_decode(&text.replace('+', " "))
}

/// Percent-decodes leniently: a broken escape (`%E0%A4%A`, `%zz`) is kept as written and bytes
/// that are not UTF-8 become U+FFFD, so hostile input still yields text we can show.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match (bytes[i], bytes.get(i + 1..i + 3)) {
            (b'%', Some(&[high, low])) => hex_value(high).zip(hex_value(low)).map(|(h, l)| (h << 4) | l),
            _ => None,
        };
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                i += 3;
            }
            None => {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

fn hex_value(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|value| value as u8)
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
        }

        #[test]
        fn encoded_references_survive_the_round_trip(digits in "[0-9]{4,5}") {
            let url = format!("?error=%43%49%44%20{digits}");
            prop_assert_eq!(Request::from_url(&url, ""), reference(&format!("CID{digits}")));
        }
    }
}
