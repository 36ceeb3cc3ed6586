//! Error references as people and services write them (`CID7023`, `cid 7023`, `CID-7023`, `7023`)
//! reduced to one canonical form, plus the safe, shortened text shown when a reference is unknown.

use crate::content_facts::is_code_digits;
use std::fmt;

/// Longest input worth trying to read as a reference; anything longer is not one, and checking
/// the length first keeps megabyte-long query strings cheap.
const MAX_REFERENCE_INPUT: usize = 32;

/// Longest unrecognised input echoed back to the person, in characters.
const MAX_ECHO_CHARS: usize = 40;

/// An NHS login error reference in canonical form: `CID` and 4 or 5 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ErrorReference(String);

impl ErrorReference {
    /// Reads a reference the way people type or paste it: any case, surrounding spaces, a space,
    /// hyphen, underscore or colon after `CID`, or the digits alone; invisible characters that
    /// copying can pick up (zero-width, direction marks) are ignored. Anything else is `None`.
    pub fn parse(raw: &str) -> Option<Self> {
        attempted_digits(raw).filter(|digits| is_code_digits(digits)).map(|digits| Self::from_digits(&digits))
    }

    /// `CID` and the digits, joined without the formatting machinery, which this path on every
    /// page load has no need of.
    fn from_digits(digits: &str) -> Self {
        Self(["CID", digits].concat())
    }

    /// Finds the first reference written inside free text such as an OAuth `error_description`
    /// ("… (CID3002)"). Only `CID`-prefixed tokens count: bare numbers in prose are not references.
    pub fn find_in(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(found) = find_ignore_case(&bytes[from..], b"CID") {
            let start = from + found + 3;
            let mut digits_start = start;
            if matches!(bytes.get(digits_start), Some(b' ' | b'-' | b'_' | b':')) {
                digits_start += 1;
            }
            let digits_len = bytes[digits_start..].iter().take_while(|b| b.is_ascii_digit()).count();
            if (4..=5).contains(&digits_len) {
                let digits = &text[digits_start..digits_start + digits_len];
                return Some(Self::from_digits(digits));
            }
            from = start;
        }
        None
    }

    /// The canonical text, e.g. `CID7023`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ErrorReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The digits of something written as a reference, however many there are (`CID 702` gives
/// `702`): the text is `CID`, an optional separator and digits, or digits alone. Used to read a
/// reference and to suggest the closest known ones for a near miss.
pub fn attempted_digits(raw: &str) -> Option<String> {
    if raw.len() > MAX_REFERENCE_INPUT {
        return None;
    }
    let visible: String = raw.chars().filter(|c| !is_invisible(*c)).collect();
    let text = visible.trim();
    let digits = match text.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("CID") => {
            text[3..].trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | ':'))
        }
        _ => text,
    };
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.to_string())
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window.eq_ignore_ascii_case(needle))
}

/// Text that is safe and short enough to echo back when we have no help for what was given:
/// control, bidirectional-override and zero-width characters are dropped (they can disguise what
/// the text says), runs of spaces collapse, and long input ends with an ellipsis. It is always
/// rendered as text, never as HTML.
pub fn echo_text(raw: &str) -> String {
    let mut echo = String::new();
    let mut chars = 0;
    let mut pending_space = false;
    for c in raw.chars().filter(|c| !is_invisible(*c)) {
        if c.is_whitespace() {
            pending_space = chars > 0;
            continue;
        }
        if chars + usize::from(pending_space) >= MAX_ECHO_CHARS {
            echo.push('…');
            return echo;
        }
        if pending_space {
            echo.push(' ');
            chars += 1;
            pending_space = false;
        }
        echo.push(c);
        chars += 1;
    }
    echo
}

fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parsed(raw: &str) -> Option<String> {
        ErrorReference::parse(raw).map(|r| r.to_string())
    }

    #[test]
    fn accepts_the_ways_people_write_a_reference() {
        for raw in
            ["CID7023", "cid7023", "Cid7023", " CID7023 ", "CID 7023", "CID-7023", "cid_7023", "CID: 7023", "7023"]
        {
            assert_eq!(parsed(raw).as_deref(), Some("CID7023"), "{raw:?}");
        }
        assert_eq!(parsed("CID12345").as_deref(), Some("CID12345"));
    }

    #[test]
    fn rejects_what_is_not_a_reference() {
        for raw in [
            "",
            "CID",
            "CID702",
            "CID702301",
            "CIDX7023",
            "CID7O23",
            "70 23",
            "access_denied",
            "<img src=x onerror=alert(1)>",
            "CID٧٠٢٣",
            "ＣＩＤ7023",
            "CID7023 extra",
        ] {
            assert_eq!(parsed(raw), None, "{raw:?}");
        }
    }

    #[test]
    fn a_megabyte_of_digits_is_rejected_without_scanning_it() {
        assert_eq!(parsed(&"7".repeat(1 << 20)), None);
    }

    #[test]
    fn finds_a_reference_inside_a_description() {
        let found = |text: &str| ErrorReference::find_in(text).map(|r| r.to_string());
        assert_eq!(found("Something went wrong (CID3002)").as_deref(), Some("CID3002"));
        assert_eq!(found("reference cid-7023, try later").as_deref(), Some("CID7023"));
        assert_eq!(found("CID12 then CID 2014").as_deref(), Some("CID2014"));
        assert_eq!(found("error 7023 happened"), None);
        assert_eq!(found("CID123456"), None);
        assert_eq!(found("ciCID2011").as_deref(), Some("CID2011"));
    }

    #[test]
    fn echo_text_keeps_ordinary_input_as_it_is() {
        assert_eq!(echo_text("CID70x"), "CID70x");
        assert_eq!(echo_text("<img src=x onerror=alert(1)>"), "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn echo_text_drops_invisible_characters_and_collapses_spaces() {
        assert_eq!(echo_text("  CID\u{202E}70\u{200B}23\u{0007}  \n  x "), "CID7023 x");
    }

    #[test]
    fn echo_text_shortens_long_input() {
        let echo = echo_text(&"é".repeat(100_000));
        assert_eq!(echo.chars().count(), MAX_ECHO_CHARS + 1);
        assert!(echo.ends_with('…'));
    }

    proptest! {
        #[test]
        fn parsing_never_panics_and_is_idempotent(raw in "\\PC*") {
            if let Some(reference) = ErrorReference::parse(&raw) {
                prop_assert_eq!(ErrorReference::parse(reference.as_str()), Some(reference.clone()));
                prop_assert!(reference.as_str().starts_with("CID"));
            }
        }

        #[test]
        fn reference_like_input_normalises_to_one_form(
            prefix in "(CID|cid|Cid|)", sep in "( |-|_|)", digits in "[0-9]{4,5}", pad in " {0,3}"
        ) {
            let sep = if prefix.is_empty() { "" } else { sep.as_str() };
            let raw = format!("{pad}{prefix}{sep}{digits}{pad}");
            prop_assert_eq!(parsed(&raw), Some(format!("CID{digits}")));
        }

        #[test]
        fn finding_never_panics_and_finds_what_parse_accepts(text in "\\PC*") {
            if let Some(reference) = ErrorReference::find_in(&text) {
                prop_assert_eq!(ErrorReference::parse(reference.as_str()), Some(reference));
            }
        }

        #[test]
        fn echo_text_is_short_and_visible(text in "\\PC*") {
            let echo = echo_text(&text);
            prop_assert!(echo.chars().count() <= MAX_ECHO_CHARS + 1);
            prop_assert!(!echo.chars().any(is_invisible));
            prop_assert_eq!(echo.trim(), echo.as_str());
        }
    }
}
