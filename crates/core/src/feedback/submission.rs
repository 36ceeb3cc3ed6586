//! One answer to "Was this helpful?", as the feedback endpoint receives it: a serde type, whose
//! JSON is written once ([`super::to_json`]), for the queue to keep and send as it is.

use super::scrub::{scrub, Scrubbed};
use crate::contract::VERSION;
use crate::reference::ErrorReference;
use serde::{Deserialize, Serialize};

/// Longest comment sent, in characters: room to say what went wrong, and a bound on what one
/// answer can carry.
pub const MAX_COMMENT_CHARS: usize = 500;

/// One answer, with the fields in the order the endpoint's JSON has them. The widget only writes
/// it (the queue keeps the JSON as written); receivers read it back with the same type, which
/// takes exactly these fields, every one present (`null` where there is none), and
/// [`Submission::received`] checks their values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// A random (version 4) UUID, so the endpoint can drop an answer that a retry delivers twice.
    pub id: String,
    /// The id of the article the person was reading.
    pub article: String,
    /// How the help was shown where they answered. Absent from answers that widgets before
    /// 0.1.0's `placement` sent (they may still wait in a queue): `None`, never written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<AnsweredIn>,
    /// The error reference that brought them there, if any. Present as `null` when there is none:
    /// `deserialize_with` keeps serde from reading a missing field as `None`.
    #[serde(deserialize_with = "Option::deserialize")]
    pub reference: Option<String>,
    pub helpful: bool,
    /// Their words, already scrubbed and shortened; `None` when they wrote nothing.
    #[serde(deserialize_with = "Option::deserialize")]
    pub comment: Option<String>,
    /// The widget's [`VERSION`], so feedback can be tied to the text people saw.
    pub version: String,
    /// The host page's origin (`https://partner.example`): which partner, never which page.
    pub origin: String,
    /// When they answered, in ISO 8601 UTC as `Date.prototype.toISOString` writes it.
    pub timestamp: String,
}

/// How the help was shown where a person answered: the standalone help page, or an element on a
/// host page as the page's help (`variant="page"`) or as an inline panel beside a form
/// (`variant="inline"`). Content designers filter answers by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnsweredIn {
    Standalone,
    Page,
    Inline,
}

impl AnsweredIn {
    pub const ALL: [AnsweredIn; 3] = [AnsweredIn::Standalone, AnsweredIn::Page, AnsweredIn::Inline];

    /// The value in the answer's JSON.
    pub fn name(self) -> &'static str {
        match self {
            AnsweredIn::Standalone => "standalone",
            AnsweredIn::Page => "page",
            AnsweredIn::Inline => "inline",
        }
    }

    /// An element's, from its variant.
    pub fn element(variant: crate::config::Variant) -> Self {
        match variant {
            crate::config::Variant::Page => AnsweredIn::Page,
            crate::config::Variant::Inline => AnsweredIn::Inline,
        }
    }
}

/// What the browser says about an answer as it is given: its id (`crypto.randomUUID`), the page's
/// origin (`location.origin`) and the time (`Date.prototype.toISOString`). The platform's own
/// answers, so this module needs no clock, no randomness and no URL parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub id: String,
    pub origin: String,
    pub timestamp: String,
}

impl Submission {
    /// The answer a person gave, ready to send: the comment is scrubbed, trimmed, cut to
    /// [`MAX_COMMENT_CHARS`] characters after scrubbing (so a number across the cut is still
    /// removed whole) and `None` when blank. The flag says whether [`scrub`] removed anything, so
    /// the widget can tell the person.
    pub fn new(
        stamp: Stamp,
        article: &str,
        placement: AnsweredIn,
        reference: Option<&ErrorReference>,
        helpful: bool,
        comment: &str,
    ) -> (Self, bool) {
        let (comment, removed) = comment_as_sent(comment);
        let Stamp { id, origin, timestamp } = stamp;
        let submission = Self {
            id,
            article: article.to_string(),
            placement: Some(placement),
            reference: reference.map(|reference| reference.as_str().to_string()),
            helpful,
            comment,
            version: VERSION.to_string(),
            origin,
            timestamp,
        };
        (submission, removed)
    }
}

/// A comment as an answer carries it: scrubbed, trimmed, cut to [`MAX_COMMENT_CHARS`] characters
/// after scrubbing (so a number across the cut is still removed whole) and `None` when blank; and
/// whether [`scrub`] removed anything. Receivers shape a received comment again with it.
pub(super) fn comment_as_sent(comment: &str) -> (Option<String>, bool) {
    let Scrubbed { text, removed } = scrub(comment);
    let text = text.trim();
    let kept = match text.char_indices().nth(MAX_COMMENT_CHARS) {
        Some((cut, _)) => text[..cut].trim_end(),
        None => text,
    };
    ((!kept.is_empty()).then(|| kept.to_string()), removed)
}

/// A version 4 UUID from 16 random bytes (`crypto.getRandomValues`), for the pages where
/// `crypto.randomUUID` is missing: it exists only in secure contexts (https and localhost).
pub fn uuid_from_random(random: [u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut bytes = random;
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // the RFC 9562 variant
    let mut id = String::with_capacity(36);
    for (index, byte) in bytes.into_iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            id.push('-');
        }
        id.push(char::from(HEX[usize::from(byte >> 4)]));
        id.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    id
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    pub fn stamp() -> Stamp {
        Stamp {
            id: "5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a".into(),
            origin: "https://partner.example".into(),
            timestamp: "2026-11-25T09:30:00.000Z".into(),
        }
    }

    pub fn submission(comment: &str) -> (Submission, bool) {
        let reference = ErrorReference::parse("CID7023");
        Submission::new(stamp(), "cannot-connect-to-gp-system", AnsweredIn::Inline, reference.as_ref(), false, comment)
    }

    #[test]
    fn a_submission_carries_the_answer_and_where_and_when_it_was_given() {
        let (answer, removed) = submission("  The GP link failed, call 07700 900123  ");
        assert!(removed);
        assert_eq!(
            answer,
            Submission {
                id: "5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a".into(),
                article: "cannot-connect-to-gp-system".into(),
                placement: Some(AnsweredIn::Inline),
                reference: Some("CID7023".into()),
                helpful: false,
                comment: Some("The GP link failed, call [removed]".into()),
                version: VERSION.into(),
                origin: "https://partner.example".into(),
                timestamp: "2026-11-25T09:30:00.000Z".into(),
            }
        );
        assert_eq!(
            serde_json::to_string(&answer).unwrap(),
            format!(
                "{{\"id\":\"5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a\",\"article\":\"cannot-connect-to-gp-system\",\
                 \"placement\":\"inline\",\"reference\":\"CID7023\",\"helpful\":false,\"comment\":\"The GP link failed, call [removed]\",\
                 \"version\":\"{VERSION}\",\"origin\":\"https://partner.example\",\
                 \"timestamp\":\"2026-11-25T09:30:00.000Z\"}}"
            )
        );
    }

    #[test]
    fn a_blank_comment_and_no_reference_are_null() {
        let (answer, removed) = Submission::new(stamp(), "topics", AnsweredIn::Standalone, None, true, " \n\t ");
        assert!(!removed);
        assert_eq!((answer.comment.as_deref(), answer.reference.as_deref()), (None, None));
        let json: Value = serde_json::to_value(&answer).unwrap();
        assert_eq!(
            (&json["reference"], &json["helpful"], &json["comment"]),
            (&Value::Null, &json!(true), &Value::Null)
        );
    }

    #[test]
    fn a_long_comment_is_cut_to_500_characters_after_scrubbing() {
        let (answer, _) = submission(&"é".repeat(600));
        assert_eq!(answer.comment.as_deref().map(|c| c.chars().count()), Some(MAX_COMMENT_CHARS));
        // The number straddles the 500th character: it is removed whole, then the text is cut.
        let comment = format!("{}07700 900123", "x".repeat(495));
        let (answer, removed) = submission(&comment);
        assert!(removed);
        assert_eq!(answer.comment, Some(format!("{}[remo", "x".repeat(495))));
    }

    #[test]
    fn json_strings_are_escaped_and_fit_on_one_line() {
        let (answer, _) = submission("say \"hi\" \\ back\nnext\tline \u{0} \u{1f} \u{7f} 😀 é");
        let json = serde_json::to_string(&answer).unwrap();
        assert!(json.contains(r#""comment":"say \"hi\" \\ back\nnext\tline \u0000 \u001f"#), "{json}");
        assert!(!json.contains(['\n', '\t', '\u{0}']));
        let read: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(read["comment"], json!(answer.comment));
    }

    #[test]
    fn fallback_ids_are_version_4_uuids() {
        assert_eq!(uuid_from_random([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_from_random([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let id = uuid_from_random(core::array::from_fn(|i| i as u8 * 17));
        assert_eq!(id, "00112233-4455-4677-8899-aabbccddeeff");
    }

    proptest! {
        #[test]
        fn any_comment_makes_json_that_reads_back(comment in any::<String>(), helpful in any::<bool>()) {
            let (answer, _) = Submission::new(stamp(), "a\"b", AnsweredIn::Page, None, helpful, &comment);
            let json = serde_json::to_string(&answer).unwrap();
            prop_assert!(!json.contains(['\n', '\r', '\t']));
            let read: Value = serde_json::from_str(&json).unwrap();
            let names = ["id", "article", "reference", "helpful", "comment", "version", "origin", "timestamp"];
            let at: Vec<Option<usize>> = names.iter().map(|name| json.find(&format!("\"{name}\":"))).collect();
            prop_assert!(at.iter().all(Option::is_some) && at.is_sorted(), "{}", json);
            prop_assert_eq!(&read["article"], &json!("a\"b"));
            prop_assert_eq!(&read["helpful"], &json!(helpful));
            prop_assert_eq!(&read["comment"], &json!(answer.comment));
            prop_assert_eq!(serde_json::from_str::<Submission>(&json).unwrap(), answer);
        }
    }
}
