//! Every error the receiver answers with, as one enum that becomes an RFC 9457 problem body
//! (`application/problem+json`): a stable `type`, a short `title`, a `detail` a person can act on
//! and, where one field or header is at fault, its name. Never a stack trace or a database error.

use crate::widget::Invalid;
use axum::http::header::{ALLOW, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Why a request was refused or failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No such path (or the explorer, while no token is configured).
    NotFound,
    /// The path exists, but not for this method; `allow` lists the methods that work.
    MethodNotAllowed { allow: &'static str },
    /// The body is not declared as `application/json` (UTF-8); `got` is what was declared.
    UnsupportedMediaType { got: Option<String> },
    /// The body is over the size limit, in bytes.
    TooLarge { limit: usize },
    /// The body is not UTF-8 text.
    NotUtf8,
    /// The body is not one JSON value: `detail` says where it stops being JSON.
    NotJson { detail: String },
    /// The JSON is not an answer: a field missing, unknown, repeated or of the wrong type.
    WrongShape { field: Option<String>, detail: String },
    /// A field has a value the widget would never write.
    InvalidField(Invalid),
    /// A browser sent it from an origin this service does not accept feedback from.
    OriginNotAllowed { origin: String },
    /// The answer's `origin` is not the page the browser says sent it.
    OriginMismatch,
    /// This client sent too many requests; it may try again after this many seconds.
    TooManyRequests { retry_after_secs: u64 },
    /// The explorer needs its token: as `Authorization: Bearer`, or a session from signing in.
    Unauthorized,
    /// The request took longer than the receiver allows.
    Timeout,
    /// The database does not answer; the request may be repeated later.
    Unavailable,
    /// Something failed that should not have; the details are in the log, never in the answer.
    Internal,
}

/// The problem body (RFC 9457), with `field` and `header` as extension members.
#[derive(Serialize)]
struct Body<'a> {
    r#type: String,
    title: &'a str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    header: Option<&'a str>,
}

/// How long a client should wait before trying again after the database failed to answer.
const UNAVAILABLE_RETRY_SECS: u64 = 5;

impl Problem {
    pub fn status(&self) -> StatusCode {
        match self {
            Problem::NotFound => StatusCode::NOT_FOUND,
            Problem::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Problem::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Problem::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Problem::NotUtf8 | Problem::NotJson { .. } => StatusCode::BAD_REQUEST,
            Problem::WrongShape { .. } | Problem::InvalidField(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Problem::OriginNotAllowed { .. } | Problem::OriginMismatch => StatusCode::FORBIDDEN,
            Problem::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Problem::Unauthorized => StatusCode::UNAUTHORIZED,
            Problem::Timeout => StatusCode::REQUEST_TIMEOUT,
            Problem::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Problem::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem's `type`: a URN per kind, stable for clients to match on.
    fn slug(&self) -> &'static str {
        match self {
            Problem::NotFound => "not-found",
            Problem::MethodNotAllowed { .. } => "method-not-allowed",
            Problem::UnsupportedMediaType { .. } => "unsupported-media-type",
            Problem::TooLarge { .. } => "body-too-large",
            Problem::NotUtf8 => "not-utf-8",
            Problem::NotJson { .. } => "not-json",
            Problem::WrongShape { .. } => "wrong-shape",
            Problem::InvalidField(_) => "invalid-field",
            Problem::OriginNotAllowed { .. } => "origin-not-allowed",
            Problem::OriginMismatch => "origin-mismatch",
            Problem::TooManyRequests { .. } => "too-many-requests",
            Problem::Unauthorized => "unauthorized",
            Problem::Timeout => "timeout",
            Problem::Unavailable => "unavailable",
            Problem::Internal => "internal",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            Problem::NotFound => "Not found",
            Problem::MethodNotAllowed { .. } => "Method not allowed",
            Problem::UnsupportedMediaType { .. } => "The body must be JSON",
            Problem::TooLarge { .. } => "The body is too large",
            Problem::NotUtf8 => "The body is not UTF-8",
            Problem::NotJson { .. } => "The body is not valid JSON",
            Problem::WrongShape { .. } => "The JSON is not an answer",
            Problem::InvalidField(_) => "A field is not as the widget writes it",
            Problem::OriginNotAllowed { .. } => "This origin may not send feedback here",
            Problem::OriginMismatch => "The answer's origin is not the sending page's",
            Problem::TooManyRequests { .. } => "Too many requests",
            Problem::Unauthorized => "Sign in to the feedback explorer",
            Problem::Timeout => "The request took too long",
            Problem::Unavailable => "The database is not answering",
            Problem::Internal => "Something went wrong",
        }
    }

    fn detail(&self) -> String {
        match self {
            Problem::NotFound => "There is nothing at this address.".into(),
            Problem::MethodNotAllowed { allow } => format!("Use {allow}."),
            Problem::UnsupportedMediaType { got: Some(got) } => {
                format!("Content-Type is {got:?}; send application/json (UTF-8).")
            }
            Problem::UnsupportedMediaType { got: None } => "Content-Type is missing; send application/json.".into(),
            Problem::TooLarge { limit } => format!("An answer is at most {limit} bytes."),
            Problem::NotUtf8 => "Send the JSON as UTF-8.".into(),
            Problem::NotJson { detail } | Problem::WrongShape { detail, .. } => detail.clone(),
            Problem::InvalidField(invalid) => format!("{invalid}."),
            Problem::OriginNotAllowed { origin } => format!("{origin} is not one of this service's partner origins."),
            Problem::OriginMismatch => "The `origin` field must be the Origin the browser sent.".into(),
            Problem::TooManyRequests { retry_after_secs } => format!("Try again in {retry_after_secs} s."),
            Problem::Unauthorized => {
                "Send Authorization: Bearer <token>, or sign in at /explorer with the explorer token.".into()
            }
            Problem::Timeout => "Try again.".into(),
            Problem::Unavailable => format!("Nothing was stored; try again in {UNAVAILABLE_RETRY_SECS} s."),
            Problem::Internal => "Nothing was stored; try again later.".into(),
        }
    }

    fn field(&self) -> Option<&str> {
        match self {
            Problem::WrongShape { field, .. } => field.as_deref(),
            Problem::InvalidField(invalid) => Some(invalid.field),
            Problem::OriginMismatch => Some("origin"),
            _ => None,
        }
    }

    fn header(&self) -> Option<&'static str> {
        match self {
            Problem::UnsupportedMediaType { .. } => Some("Content-Type"),
            Problem::OriginNotAllowed { .. } | Problem::OriginMismatch => Some("Origin"),
            Problem::Unauthorized => Some("Authorization"),
            _ => None,
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = Body {
            r#type: format!("urn:nhs-login-help:receiver:{}", self.slug()),
            title: self.title(),
            status: status.as_u16(),
            detail: self.detail(),
            field: self.field(),
            header: self.header(),
        };
        let json = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (status, [("content-type", "application/problem+json")], json).into_response();
        let headers = response.headers_mut();
        match self {
            Problem::MethodNotAllowed { allow } => {
                headers.insert(ALLOW, HeaderValue::from_static(allow));
            }
            Problem::TooManyRequests { retry_after_secs } => {
                headers.insert(RETRY_AFTER, HeaderValue::from(retry_after_secs));
            }
            Problem::Unavailable => {
                headers.insert(RETRY_AFTER, HeaderValue::from(UNAVAILABLE_RETRY_SECS));
            }
            Problem::Unauthorized => {
                headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"feedback explorer\""));
            }
            _ => {}
        }
        response
    }
}

impl From<sqlx::Error> for Problem {
    /// A database that cannot be reached (or is restarting) is worth retrying; anything else is a
    /// bug, logged here so the answer can stay free of details.
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::Tls(_) => {
                tracing::warn!(%error, "database unavailable");
                Problem::Unavailable
            }
            sqlx::Error::Database(db) if is_transient(db.code().as_deref()) => {
                tracing::warn!(%error, "database unavailable");
                Problem::Unavailable
            }
            _ => {
                tracing::error!(%error, "database error");
                Problem::Internal
            }
        }
    }
}

/// Database error codes that mean "not now" rather than "never": SQLite busy or locked, and
/// PostgreSQL's shutting down, cannot connect, too many connections and statement timeouts.
fn is_transient(code: Option<&str>) -> bool {
    matches!(code, Some("5" | "6" | "261" | "262" | "517" | "57P01" | "57P02" | "57P03" | "53300" | "57014"))
        || code.is_some_and(|code| code.starts_with("08"))
}
