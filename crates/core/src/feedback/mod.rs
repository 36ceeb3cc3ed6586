//! "Was this helpful?": the answer the widget sends, scrubbed of personal data, and the queue
//! that keeps it until it is delivered. No DOM, so the parts that protect people's privacy and
//! the parts that must neither lose nor repeat an answer are tested natively; `host::feedback`
//! only asks the browser for the id, origin and time, persists the queue and sends.
//!
//! - [`scrub`] takes email addresses, UK phone numbers and NHS numbers out of a comment.
//! - [`Submission`] is one answer, a serde type the endpoint receives as JSON; receivers read it
//!   back with the same type, check it with [`Submission::check`] and keep
//!   [`Submission::received`] (the rules of `received`, shared with `crates/receiver`).
//! - [`Queue`] holds answers not yet delivered; [`outcome`] says what a response means for one.
//! - [`Store`] keeps the queue in storage, or in the page's memory where storage is refused.
//! - [`to_json`] and [`from_json`] write and read their JSON: the browser's own in the wasm.

mod json;
mod queue;
mod received;
mod scrub;
mod store;
mod submission;

pub use json::{from_json, to_json};
pub use queue::{outcome, retry_after_ms, Outcome, Queue, Queued};
pub use received::{is_article_id, is_canonical_reference, is_origin, is_timestamp, is_uuid, is_version, Invalid};
pub use scrub::{scrub, Scrubbed};
pub use store::{Refused, Storage, Store};
pub use submission::{uuid_from_random, AnsweredIn, Stamp, Submission, MAX_COMMENT_CHARS};
