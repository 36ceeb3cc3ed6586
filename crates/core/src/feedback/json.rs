//! JSON text for the answers and the queue. In the browser, the browser's own `JSON` reads and
//! writes it (through serde-wasm-bindgen), so the wasm carries no JSON parser or printer of its
//! own; natively (the build, the tests, a server), serde_json. Both write the same text for these
//! types: fields in declaration order, `null` for `None`, integers as integers, and the same
//! escapes (a test in `tests/web.rs` reads a line today's widget wrote, in the browser).

use serde::de::DeserializeOwned;
use serde::Serialize;

/// `value` as JSON text; `None` only if it cannot be written (no type here fails).
#[cfg(target_arch = "wasm32")]
pub fn to_json<T: Serialize>(value: &T) -> Option<String> {
    let value = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

/// The value `text` holds, or `None` when it is not JSON of that shape.
#[cfg(target_arch = "wasm32")]
pub fn from_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
}

/// `value` as JSON text; `None` only if it cannot be written (no type here fails).
#[cfg(not(target_arch = "wasm32"))]
pub fn to_json<T: Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// The value `text` holds, or `None` when it is not JSON of that shape.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}
