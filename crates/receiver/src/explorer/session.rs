//! Who may see the explorer: a script with `Authorization: Bearer <token>`, or a person who signed
//! in once with the token and holds a session cookie. The cookie is signed with the token itself
//! (HMAC-SHA-256 over its expiry), so any receiver sharing the token accepts it: no session store,
//! and changing the token signs everyone out.

use axum::http::header::{AUTHORIZATION, COOKIE, HOST};
use axum::http::{HeaderMap, HeaderValue};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::time::{SystemTime, UNIX_EPOCH};
use subtle::ConstantTimeEq;

/// The session cookie's name.
pub const COOKIE_NAME: &str = "explorer_session";

/// How long a sign-in lasts: a working day.
pub const LIFETIME_SECS: u64 = 8 * 60 * 60;

/// What the signature covers besides the expiry, so the token's MAC means nothing elsewhere.
const CONTEXT: &[u8] = b"nhs-login-help-receiver explorer session v1\0";

/// Seconds since 1970, the clock sessions expire by.
pub fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|elapsed| elapsed.as_secs()).unwrap_or_default()
}

fn signature(token: &str, expires: u64) -> Option<Hmac<Sha256>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(token.as_bytes()).ok()?;
    mac.update(CONTEXT);
    mac.update(expires.to_string().as_bytes());
    Some(mac)
}

/// A session that expires [`LIFETIME_SECS`] after `now`: `v1.<expiry>.<signature in hex>`.
pub fn issue(token: &str, now: u64) -> String {
    let expires = now + LIFETIME_SECS;
    let hex: String = signature(token, expires)
        .map(|mac| mac.finalize().into_bytes().iter().map(|byte| format!("{byte:02x}")).collect())
        .unwrap_or_default();
    format!("v1.{expires}.{hex}")
}

/// Whether `value` is a session [`issue`] made with this token that has not expired at `now`.
pub fn verify(token: &str, value: &str, now: u64) -> bool {
    let mut parts = value.split('.');
    let (Some("v1"), Some(expires), Some(hex), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let Ok(expires) = expires.parse::<u64>() else { return false };
    if expires <= now || hex.len() != 64 {
        return false;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|at| hex.get(at..at + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect();
    match (bytes, signature(token, expires)) {
        (Some(bytes), Some(mac)) => mac.verify_slice(&bytes).is_ok(),
        _ => false,
    }
}

/// Whether `given` is the token, compared in constant time.
pub fn token_matches(token: &str, given: &str) -> bool {
    token.as_bytes().ct_eq(given.as_bytes()).into()
}

/// Whether the request carries the token as `Authorization: Bearer`, or a valid session cookie.
pub fn is_signed_in(token: &str, headers: &HeaderMap) -> bool {
    let bearer = headers
        .get_all(AUTHORIZATION)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")))
        .any(|given| token_matches(token, given.trim()));
    bearer || session_cookie(headers).is_some_and(|value| verify(token, value, now_secs()))
}

/// The session cookie's value, if the request has one.
fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value)
}

/// Whether the browser reached this receiver by a loopback name, where cookies cannot be
/// `Secure` (plain http on this machine); everywhere else they are.
fn is_loopback(headers: &HeaderMap) -> bool {
    let host = headers.get(HOST).and_then(|value| value.to_str().ok()).unwrap_or_default();
    let name = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    matches!(name, "localhost" | "127.0.0.1" | "::1")
}

/// `Set-Cookie` for a session: only for the explorer's paths, never to scripts (HttpOnly), never
/// on a request from another site (SameSite=Strict), over https only except on loopback.
pub fn set_cookie(value: &str, headers: &HeaderMap) -> HeaderValue {
    cookie(value, LIFETIME_SECS, headers)
}

/// `Set-Cookie` that ends the session.
pub fn clear_cookie(headers: &HeaderMap) -> HeaderValue {
    cookie("", 0, headers)
}

fn cookie(value: &str, max_age: u64, headers: &HeaderMap) -> HeaderValue {
    let secure = if is_loopback(headers) { "" } else { "; Secure" };
    let cookie = format!("{COOKIE_NAME}={value}; Path=/explorer; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}");
    // The value is ours (hex, digits and dots), so this never falls back.
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static("explorer_session=; Max-Age=0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef-token";

    #[test]
    fn a_session_holds_until_it_expires_and_only_for_its_token() {
        let session = issue(TOKEN, 1_000);
        assert!(verify(TOKEN, &session, 1_000));
        assert!(verify(TOKEN, &session, 1_000 + LIFETIME_SECS - 1));
        assert!(!verify(TOKEN, &session, 1_000 + LIFETIME_SECS), "expired");
        assert!(!verify("another-token-0123456", &session, 1_000), "another token");
        let later = session.replace(&format!(".{}.", 1_000 + LIFETIME_SECS), &format!(".{}.", 9_000 + LIFETIME_SECS));
        assert!(!verify(TOKEN, &later, 1_000), "an expiry moved on");
        for forged in ["", "v1", "v1..", "v2.99999999999.00", &session.replace('a', "b"), &format!("{session}.x")] {
            assert!(!verify(TOKEN, forged, 1_000), "{forged}");
        }
    }

    #[test]
    fn bearer_and_cookie_both_sign_in() {
        let mut headers = HeaderMap::new();
        assert!(!is_signed_in(TOKEN, &headers));
        headers.insert(AUTHORIZATION, format!("Bearer {TOKEN}").parse().unwrap());
        assert!(is_signed_in(TOKEN, &headers));
        headers.insert(AUTHORIZATION, "Bearer wrong".parse().unwrap());
        assert!(!is_signed_in(TOKEN, &headers));
        headers.insert(COOKIE, format!("other=1; {COOKIE_NAME}={}", issue(TOKEN, now_secs())).parse().unwrap());
        assert!(is_signed_in(TOKEN, &headers));
    }

    #[test]
    fn the_cookie_is_http_only_strict_and_secure_off_loopback() {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, "127.0.0.1:8787".parse().unwrap());
        let local = set_cookie("v", &headers);
        assert_eq!(local, "explorer_session=v; Path=/explorer; Max-Age=28800; HttpOnly; SameSite=Strict");
        headers.insert(HOST, "feedback.service.example".parse().unwrap());
        assert!(set_cookie("v", &headers).to_str().unwrap().ends_with("; Secure"));
        assert!(clear_cookie(&headers).to_str().unwrap().contains("Max-Age=0"));
    }
}
