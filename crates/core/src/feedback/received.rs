//! An answer as a receiver reads it off the network: whether each field is one the widget could
//! have written, and the comment shaped again as the widget shapes it, because the page that sent
//! it may be old or hostile. One source of these rules for the widget and every receiver.

use super::submission::{comment_as_sent, Submission, MAX_COMMENT_CHARS};
use crate::reference::ErrorReference;
use std::fmt;

/// Longest article id taken: far above any real one, a bound on what one answer can carry.
const MAX_ARTICLE_CHARS: usize = 100;

/// Longest widget version taken (`0.1.0`, `1.12.3-beta.2+build.7`).
const MAX_VERSION_CHARS: usize = 32;

/// Longest host name a URL may have (the DNS limit), for an origin's host.
const MAX_HOST_CHARS: usize = 253;

/// A field of a received answer whose value the widget would never write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid {
    /// The field's name in the JSON, e.g. `timestamp`.
    pub field: &'static str,
    /// What the field must be, for the person reading the error: "a UUID in lower case …".
    pub expected: &'static str,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` must be {}", self.field, self.expected)
    }
}

impl std::error::Error for Invalid {}

impl Submission {
    /// Checks each field against what the widget writes, in the order of the JSON, and names the
    /// first that is wrong. Every answer [`Submission::new`] makes from what the browser gives
    /// passes (the property tests below hold the two together).
    pub fn check(&self) -> Result<(), Invalid> {
        let comment_fits =
            self.comment.as_deref().is_none_or(|comment| comment.chars().nth(MAX_COMMENT_CHARS).is_none());
        let rules = [
            ("id", is_uuid(&self.id), "a UUID in lower case, such as 5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a"),
            (
                "article",
                is_article_id(&self.article),
                "an article id: lower-case words joined by hyphens, at most 100 characters",
            ),
            (
                "reference",
                self.reference.as_deref().is_none_or(is_canonical_reference),
                "null or an error reference as the widget writes it: CID and 4 or 5 digits, such as CID7023",
            ),
            ("comment", comment_fits, "null or at most 500 characters"),
            (
                "version",
                is_version(&self.version),
                "a version such as 0.1.0: at most 32 letters, digits, dots, hyphens and plus signs",
            ),
            (
                "origin",
                is_origin(&self.origin),
                "an origin in lower case: http:// or https://, a host and an optional port, no path",
            ),
            (
                "timestamp",
                is_timestamp(&self.timestamp),
                "a UTC time as Date.prototype.toISOString writes it, such as 2026-11-25T09:30:00.000Z",
            ),
        ];
        match rules.into_iter().find(|(_, ok, _)| !ok) {
            Some((field, _, expected)) => Err(Invalid { field, expected }),
            None => Ok(()),
        }
    }

    /// The answer as a receiver keeps it: checked by [`Submission::check`], then its comment
    /// without control characters (line breaks and tabs stay) and shaped again as the widget
    /// shapes it (scrubbed of personal details, trimmed, cut, `None` when blank). The answer may
    /// come from an old widget with a weaker scrubber, or from no widget at all.
    pub fn received(self) -> Result<Self, Invalid> {
        self.check()?;
        let comment = self.comment.as_deref().and_then(|comment| {
            let visible: String = comment.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect();
            comment_as_sent(&visible).0
        });
        Ok(Self { comment, ..self })
    }
}

/// A UUID as `crypto.randomUUID` writes one: 8-4-4-4-12 hexadecimal digits in lower case. One
/// spelling per id, so the receiver's unique key sees a retry as the same answer.
pub fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.bytes().enumerate().all(|(at, byte)| match at {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte),
        })
}

/// An article id as the content compiler allows one (lower-case words of letters and digits
/// joined by single hyphens, `build/compile.rs`), at most [`MAX_ARTICLE_CHARS`] long. Any such id,
/// not only the articles this build knows: a receiver older than the widget must not refuse
/// answers about newer articles, since the widget drops a refused answer for good.
pub fn is_article_id(text: &str) -> bool {
    text.len() <= MAX_ARTICLE_CHARS
        && text
            .split('-')
            .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// An error reference in the canonical form the widget sends (`CID7023`, not `cid 7023`).
pub fn is_canonical_reference(text: &str) -> bool {
    ErrorReference::parse(text).is_some_and(|reference| reference.as_str() == text)
}

/// A version as Cargo writes one: letters, digits, `.`, `-` and `+`, at most
/// [`MAX_VERSION_CHARS`].
pub fn is_version(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= MAX_VERSION_CHARS
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+'))
}

/// An origin as `location.origin` serialises one for an http or https page: the scheme, a host in
/// lower case (a name of letters, digits, `-` and `_` in dot-separated labels, IPv4, or IPv6 in
/// brackets) and an optional port without leading zeros; nothing after it, not even `/`.
/// Receivers check configured partner origins with it too.
pub fn is_origin(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")) else {
        return false;
    };
    let (host, port) = match rest.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((address, after)) => {
                let valid = !address.is_empty()
                    && address.len() <= 45
                    && address
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || matches!(b, b':' | b'.'));
                (valid.then_some(address), after)
            }
            None => (None, ""),
        },
        None => {
            let end = rest.find(':').unwrap_or(rest.len());
            let name = &rest[..end];
            let valid = name.len() <= MAX_HOST_CHARS
                && name.split('.').all(|label| {
                    !label.is_empty()
                        && label
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_'))
                });
            (valid.then_some(name), &rest[end..])
        }
    };
    let port_ok = match port.strip_prefix(':') {
        Some(digits) => {
            (1..=5).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !digits.starts_with('0')
                && digits.parse::<u32>().is_ok_and(|port| port <= 65_535)
        }
        None => port.is_empty(),
    };
    host.is_some() && port_ok
}

/// A UTC time exactly as `Date.prototype.toISOString` writes it for the years 0–9999:
/// `YYYY-MM-DDTHH:MM:SS.sssZ`, a real date and time of day. This fixed form also sorts as text in
/// time order, which lets a receiver store and compare it as written.
pub fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let shape = b"0000-00-00T00:00:00.000Z";
    if bytes.len() != shape.len()
        || !bytes.iter().zip(shape).all(|(byte, want)| if *want == b'0' { byte.is_ascii_digit() } else { byte == want })
    {
        return false;
    }
    let number =
        |from: usize, to: usize| bytes[from..to].iter().fold(0u32, |n, digit| n * 10 + u32::from(digit - b'0'));
    let (year, month, day) = (number(0, 4), number(5, 7), number(8, 10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    (1..=days).contains(&day) && number(11, 13) <= 23 && number(14, 16) <= 59 && number(17, 19) <= 59
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::submission::tests::{stamp, submission};
    use super::super::submission::{uuid_from_random, AnsweredIn, Stamp};
    use super::*;
    use crate::content::ARTICLES;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn invalid_field(answer: Submission) -> Option<&'static str> {
        answer.check().err().map(|invalid| invalid.field)
    }

    #[test]
    fn the_widgets_own_answer_passes_and_is_kept_as_sent() {
        let (answer, _) = submission("The GP link failed, call 07700 900123");
        assert_eq!(answer.check(), Ok(()));
        assert_eq!(answer.clone().received(), Ok(answer));
    }

    #[test]
    fn every_article_and_code_of_this_build_is_well_formed() {
        for article in ARTICLES {
            assert!(is_article_id(article.id), "{}", article.id);
            for code in article.codes {
                assert!(is_canonical_reference(code), "{code}");
            }
        }
    }

    #[test]
    fn each_malformed_field_is_named() {
        let (good, _) = submission("fine");
        let with = |change: fn(&mut Submission)| {
            let mut answer = good.clone();
            change(&mut answer);
            invalid_field(answer)
        };
        assert_eq!(with(|a| a.id = "5A5A5A5A-5A5A-4A5A-9A5A-5A5A5A5A5A5A".into()), Some("id"));
        assert_eq!(with(|a| a.id = "not-a-uuid".into()), Some("id"));
        assert_eq!(with(|a| a.article = "Cannot connect".into()), Some("article"));
        assert_eq!(with(|a| a.article = "<script>".into()), Some("article"));
        assert_eq!(with(|a| a.reference = Some("cid 7023".into())), Some("reference"));
        assert_eq!(with(|a| a.reference = Some("CID70230".into())), None, "5 digits are a reference");
        assert_eq!(with(|a| a.reference = Some("CID702".into())), Some("reference"));
        assert_eq!(with(|a| a.comment = Some("é".repeat(501))), Some("comment"));
        assert_eq!(with(|a| a.comment = Some("é".repeat(500))), None);
        assert_eq!(with(|a| a.version = String::new()), Some("version"));
        assert_eq!(with(|a| a.version = "1.0 '; drop table".into()), Some("version"));
        assert_eq!(with(|a| a.origin = "https://partner.example/page".into()), Some("origin"));
        assert_eq!(with(|a| a.timestamp = "2026-02-29T09:30:00.000Z".into()), Some("timestamp"));
        assert_eq!(with(|a| a.timestamp = "2026-11-25 09:30:00".into()), Some("timestamp"));
        // The first wrong field in the JSON's order is the one named.
        assert_eq!(
            with(|a| {
                a.timestamp.clear();
                a.article.clear();
            }),
            Some("article")
        );
    }

    #[test]
    fn origins_are_as_location_origin_writes_them() {
        for origin in [
            "https://partner.example",
            "http://127.0.0.1:8080",
            "https://xn--bcher-kva.example",
            "http://[::1]:3000",
            "https://a_b.example:65535",
        ] {
            assert!(is_origin(origin), "{origin}");
        }
        for origin in [
            "https://partner.example/",
            "https://Partner.example",
            "ftp://partner.example",
            "https://",
            "https://a..b",
            "https://partner.example:0",
            "https://partner.example:080",
            "https://partner.example:65536",
            "https://partner.example:",
            "null",
            "https://[::1",
            "https://[]",
            "https://user@partner.example",
            "https://partner.example?x",
            " https://partner.example",
        ] {
            assert!(!is_origin(origin), "{origin}");
        }
    }

    #[test]
    fn timestamps_are_real_utc_times_in_one_form() {
        for at in [
            "2026-11-25T09:30:00.000Z",
            "2024-02-29T23:59:59.999Z",
            "2000-02-29T00:00:00.000Z",
            "0000-01-01T00:00:00.000Z",
        ] {
            assert!(is_timestamp(at), "{at}");
        }
        for at in [
            "2026-11-25T09:30:00Z",
            "2026-11-25T09:30:00.000+00:00",
            "2026-11-25t09:30:00.000z",
            "1900-02-29T00:00:00.000Z",
            "2026-13-01T00:00:00.000Z",
            "2026-04-31T00:00:00.000Z",
            "2026-00-10T00:00:00.000Z",
            "2026-11-25T24:00:00.000Z",
            "2026-11-25T09:60:00.000Z",
            "2026-11-25T09:30:60.000Z",
            "+275760-09-13T00:00:00.000Z",
            "２026-11-25T09:30:00.000Z",
        ] {
            assert!(!is_timestamp(at), "{at}");
        }
    }

    #[test]
    fn the_comment_is_scrubbed_again_and_loses_its_control_characters() {
        let (mut answer, _) = submission("");
        answer.comment = Some("  call me on 07700 900123\u{0}\r\n<b>now</b>\u{1b}[31m\u{85}\tok  ".into());
        let kept = answer.received().unwrap();
        assert_eq!(kept.comment.as_deref(), Some("call me on [removed]\n<b>now</b>[31m\tok"));
        let (mut blank, _) = submission("");
        blank.comment = Some(" \u{0}\u{7} ".into());
        assert_eq!(blank.received().unwrap().comment, None);
    }

    #[test]
    fn json_with_a_field_missing_or_unknown_is_refused() {
        let (answer, _) = submission("hi");
        let json = serde_json::to_value(&answer).unwrap();
        let read = |value: &Value| serde_json::from_value::<Submission>(value.clone()).map_err(|e| e.to_string());
        assert_eq!(read(&json), Ok(answer));
        for field in ["id", "article", "reference", "helpful", "comment", "version", "origin", "timestamp"] {
            let mut missing = json.clone();
            missing.as_object_mut().unwrap().remove(field);
            assert_eq!(read(&missing), Err(format!("missing field `{field}`")), "{field}");
        }
        let mut extra = json.clone();
        extra["layout"] = json!("inline");
        assert!(read(&extra).unwrap_err().starts_with("unknown field `layout`"));
        // The placement is new: answers from widgets before it (still queued) have none.
        let mut older = json.clone();
        older.as_object_mut().unwrap().remove("placement");
        assert_eq!(read(&older).map(|answer| answer.placement), Ok(None));
        let mut elsewhere = json.clone();
        elsewhere["placement"] = json!("sidebar");
        assert!(read(&elsewhere).unwrap_err().starts_with("unknown variant `sidebar`"), "{:?}", read(&elsewhere));
        let mut wrong = json;
        wrong["helpful"] = json!("yes");
        assert!(read(&wrong).is_err());
    }

    /// Origins as a browser writes them, for the property tests.
    fn origin() -> impl Strategy<Value = String> {
        ("https?", "[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?(\\.[a-z0-9]{1,10}){0,3}", proptest::option::of(1u16..)).prop_map(
            |(scheme, host, port)| format!("{scheme}://{host}{}", port.map(|p| format!(":{p}")).unwrap_or_default()),
        )
    }

    /// Times as `toISOString` writes them, from a day count and milliseconds.
    fn timestamp() -> impl Strategy<Value = String> {
        (2000u32..2100, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, 0u32..60, 0u32..1000)
            .prop_map(|(y, mo, d, h, mi, s, ms)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z"))
    }

    proptest! {
        #[test]
        fn every_answer_the_widget_makes_is_received(
            random in any::<[u8; 16]>(),
            origin in origin(),
            timestamp in timestamp(),
            article in 0..ARTICLES.len(),
            with_reference in any::<bool>(),
            helpful in any::<bool>(),
            comment in any::<String>(),
            placement in proptest::sample::select(AnsweredIn::ALL.to_vec()),
        ) {
            let article = &ARTICLES[article];
            let reference = article.own_code().filter(|_| with_reference).and_then(ErrorReference::parse);
            let stamp = Stamp { id: uuid_from_random(random), origin, timestamp };
            let (answer, _) = Submission::new(stamp, article.id, placement, reference.as_ref(), helpful, &comment);
            prop_assert_eq!(answer.check(), Ok(()));
            let json = serde_json::to_string(&answer).unwrap();
            let read: Submission = serde_json::from_str(&json).unwrap();
            prop_assert!(read.received().is_ok());
        }

        #[test]
        fn anything_received_is_refused_or_kept_safely(
            id in any::<String>(),
            article in any::<String>(),
            reference in proptest::option::of(any::<String>()),
            comment in proptest::option::of(any::<String>()),
            version in any::<String>(),
            origin in any::<String>(),
            timestamp in any::<String>(),
        ) {
            let answer = Submission { id, article, placement: None, reference, helpful: true, comment, version, origin, timestamp };
            if let Ok(kept) = answer.received() {
                prop_assert_eq!(kept.check(), Ok(()));
                if let Some(comment) = &kept.comment {
                    prop_assert!(comment.chars().count() <= MAX_COMMENT_CHARS);
                    prop_assert!(!comment.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t')), "{:?}", comment);
                    prop_assert_eq!(comment.trim(), comment.as_str());
                    prop_assert!(!comment.is_empty());
                }
            }
        }

        #[test]
        fn a_valid_answer_with_any_one_field_replaced_is_refused_or_named(
            field in 0usize..7,
            value in any::<String>(),
        ) {
            let (mut answer, _) = Submission::new(stamp(), "cannot-connect-to-gp-system", AnsweredIn::Page, None, false, "");
            let slot = match field {
                0 => &mut answer.id,
                1 => &mut answer.article,
                2 => answer.reference.insert(String::new()),
                3 => answer.comment.insert(String::new()),
                4 => &mut answer.version,
                5 => &mut answer.origin,
                _ => &mut answer.timestamp,
            };
            *slot = value;
            let names = ["id", "article", "reference", "comment", "version", "origin", "timestamp"];
            if let Err(invalid) = answer.check() {
                prop_assert_eq!(invalid.field, names[field]);
            }
        }
    }
}
