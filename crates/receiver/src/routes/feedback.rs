//! `POST /feedback`: one answer, read with the widget's own type and rules, scrubbed again and
//! stored once per id. Every refusal is a 4xx problem naming what is wrong, and stores nothing.

use super::AppState;
use crate::db::Stored;
use crate::problem::Problem;
use crate::widget::Submission;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::header::{CONTENT_TYPE, ORIGIN};
use axum::http::{HeaderMap, StatusCode};

/// Longest field name or serde message echoed in a problem: a name comes from the client.
const MAX_ECHOED_CHARS: usize = 200;

/// Stores an answer: 201 when it is new, 200 when an answer with its id is already stored (a
/// retry, or another tab's copy), so the widget takes it out of its queue either way.
pub async fn receive(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, Problem> {
    let sender = sending_origin(&headers, &state.config.allowed_origins)?;
    check_content_type(&headers)?;
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Problem::TooLarge { limit: crate::layers::MAX_ANSWER_BYTES },
        _ => Problem::NotJson { detail: "The body could not be read to its end.".into() },
    })?;
    let answer = read_answer(&body)?;
    if sender.is_some_and(|sender| sender != answer.origin) {
        return Err(Problem::OriginMismatch);
    }
    let stored = state.db.insert(&answer).await?;
    tracing::debug!(id = %answer.id, ?stored, "answer");
    Ok(match stored {
        Stored::New => StatusCode::CREATED,
        Stored::AlreadyThere => StatusCode::OK,
    })
}

/// The browser's `Origin`, when there is one: it must be a partner origin. Requests without one
/// (a server, a script) are let through to the other checks.
fn sending_origin<'a>(headers: &'a HeaderMap, allowed: &[String]) -> Result<Option<&'a str>, Problem> {
    let Some(value) = headers.get(ORIGIN) else { return Ok(None) };
    let origin = value.to_str().unwrap_or_default();
    if allowed.iter().any(|allowed| allowed == origin) {
        Ok(Some(origin))
    } else {
        Err(Problem::OriginNotAllowed { origin: echo(&String::from_utf8_lossy(value.as_bytes())) })
    }
}

/// `Content-Type: application/json`, with no charset or `charset=utf-8`.
fn check_content_type(headers: &HeaderMap) -> Result<(), Problem> {
    let Some(value) = headers.get(CONTENT_TYPE) else {
        return Err(Problem::UnsupportedMediaType { got: None });
    };
    let text = String::from_utf8_lossy(value.as_bytes());
    let mut parts = text.split(';');
    let essence = parts.next().unwrap_or_default().trim();
    let utf8 = parts.all(|parameter| match parameter.split_once('=') {
        Some((name, value)) if name.trim().eq_ignore_ascii_case("charset") => {
            value.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
        }
        _ => true,
    });
    if essence.eq_ignore_ascii_case("application/json") && utf8 {
        Ok(())
    } else {
        Err(Problem::UnsupportedMediaType { got: Some(echo(&text)) })
    }
}

/// Reads one answer from a body: UTF-8, one JSON object with exactly the widget's fields, each
/// with a value the widget could have written; the comment shaped again by the widget's rules.
pub fn read_answer(body: &[u8]) -> Result<Submission, Problem> {
    let text = std::str::from_utf8(body).map_err(|_| Problem::NotUtf8)?;
    // serde would also take a struct written as an array of its values; the widget sends an object.
    if !text.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{') {
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => Problem::WrongShape {
                field: None,
                detail: "The body must be a JSON object: the answer's fields.".into(),
            },
            Err(error) => Problem::NotJson { detail: echo(&error.to_string()) },
        });
    }
    let mut json = serde_json::Deserializer::from_slice(body);
    let answer: Submission = serde_path_to_error::deserialize(&mut json).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let detail = echo(&inner.to_string());
                Problem::WrongShape { field: field_named(&path, &detail), detail }
            }
            _ => Problem::NotJson { detail: echo(&inner.to_string()) },
        }
    })?;
    json.end().map_err(|error| Problem::NotJson { detail: echo(&error.to_string()) })?;
    answer.received().map_err(Problem::InvalidField)
}

/// The field a serde error is about: its path where serde knows it (a value of the wrong type),
/// else the name in a "missing / unknown / duplicate field" message.
fn field_named(path: &str, message: &str) -> Option<String> {
    if !path.is_empty() && path != "." {
        return Some(path.to_string());
    }
    ["missing field `", "unknown field `", "duplicate field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next())
        .map(str::to_string)
}

/// Text from the client, cut short for a problem body.
fn echo(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHOED_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn answer() -> Value {
        json!({
            "id": "5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a",
            "article": "cannot-connect-to-gp-system",
            "reference": "CID7023",
            "helpful": false,
            "comment": "It failed",
            "version": "0.1.0",
            "origin": "https://partner.example",
            "timestamp": "2026-11-25T09:30:00.000Z",
        })
    }

    fn field_of(body: &[u8]) -> Option<String> {
        match read_answer(body) {
            Err(Problem::WrongShape { field, .. }) => field,
            Err(Problem::InvalidField(invalid)) => Some(invalid.field.to_string()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_kind_of_wrong_body_is_told_apart_and_names_its_field() {
        assert!(read_answer(answer().to_string().as_bytes()).is_ok());
        assert_eq!(read_answer(b"\xff\xfe{}"), Err(Problem::NotUtf8));
        assert!(matches!(read_answer(b"{\"id\":"), Err(Problem::NotJson { .. })));
        assert!(matches!(read_answer(format!("{} {{}}", answer()).as_bytes()), Err(Problem::NotJson { .. })));
        let mut missing = answer();
        missing.as_object_mut().unwrap().remove("reference");
        assert_eq!(field_of(missing.to_string().as_bytes()).as_deref(), Some("reference"));
        let mut unknown = answer();
        unknown["layout"] = json!("inline");
        assert_eq!(field_of(unknown.to_string().as_bytes()).as_deref(), Some("layout"));
        let mut placed = answer();
        placed["placement"] = json!("inline");
        assert!(read_answer(placed.to_string().as_bytes()).is_ok(), "the placement the widget sends");
        placed["placement"] = json!("sidebar");
        assert_eq!(field_of(placed.to_string().as_bytes()).as_deref(), Some("placement"));
        let mut wrong_type = answer();
        wrong_type["helpful"] = json!("yes");
        assert_eq!(field_of(wrong_type.to_string().as_bytes()).as_deref(), Some("helpful"));
        let duplicate = answer().to_string().replacen('{', "{\"id\":\"x\",", 1);
        assert_eq!(field_of(duplicate.as_bytes()).as_deref(), Some("id"));
        let mut malformed = answer();
        malformed["timestamp"] = json!("yesterday");
        assert_eq!(field_of(malformed.to_string().as_bytes()).as_deref(), Some("timestamp"));
        assert!(matches!(read_answer(b"[]"), Err(Problem::WrongShape { field: None, .. })));
        let values: Vec<Value> = answer().as_object().unwrap().values().cloned().collect();
        let as_array = serde_json::to_string(&values).unwrap();
        assert!(matches!(read_answer(as_array.as_bytes()), Err(Problem::WrongShape { field: None, .. })), "{as_array}");
    }

    #[test]
    fn json_content_types_are_recognised() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_TYPE, value.parse().unwrap());
            check_content_type(&headers).is_ok()
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=UTF-8"));
        assert!(with("application/json;charset=\"utf-8\""));
        assert!(!with("application/json; charset=latin1"));
        assert!(!with("text/plain"));
        assert!(!with("application/jsonx"));
        assert!(check_content_type(&HeaderMap::new()).is_err());
    }

    proptest! {
        #[test]
        fn no_body_panics_and_what_is_read_passes_the_widgets_rules(body in proptest::collection::vec(any::<u8>(), 0..400)) {
            if let Ok(answer) = read_answer(&body) {
                prop_assert_eq!(answer.check(), Ok(()));
            }
        }

        #[test]
        fn any_string_in_any_field_is_refused_with_that_field_or_kept_safely(field in 0usize..8, value in any::<String>()) {
            let names = ["id", "article", "reference", "helpful", "comment", "version", "origin", "timestamp"];
            let mut body = answer();
            body[names[field]] = json!(value);
            match read_answer(body.to_string().as_bytes()) {
                Ok(answer) => prop_assert_eq!(answer.check(), Ok(())),
                Err(Problem::WrongShape { field: Some(named), .. }) => prop_assert_eq!(named, names[field]),
                Err(Problem::InvalidField(invalid)) => prop_assert_eq!(invalid.field, names[field]),
                Err(other) => prop_assert!(false, "{:?}", other),
            }
        }
    }
}
