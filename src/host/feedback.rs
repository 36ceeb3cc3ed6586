//! Sends answers to "Was this helpful?" so that none is lost: each is queued in localStorage
//! before it is sent and taken out only when the endpoint has it (or refuses it for good), and
//! whatever is left is sent again when a page with the widget next loads or the browser comes
//! back online. The rules are in [`crate::feedback`]; this module does the I/O.

use crate::components::Answer;
use crate::contract::FEEDBACK_QUEUE_KEY;
use crate::feedback::{backoff_ms, outcome, Outcome, Queue, Queued, Submission};
use crate::links::checked_url;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Headers, ReferrerPolicy, RequestCredentials, RequestInit, Response};

/// How long one attempt may take before it is abandoned and the answer waits for the next.
const TIMEOUT: Duration = Duration::from_secs(5);

thread_local! {
    /// Answers being sent from this page right now, so a retry does not send one twice at once.
    static SENDING: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Sends whatever earlier pages left queued, and again whenever the browser comes back online.
/// Called whenever a widget has mounted (sending needs the executor mounting starts); only the
/// first call on a page does anything.
pub fn start() {
    if STARTED.with(|started| started.replace(true)) {
        return;
    }
    send_queued(true);
    // Kept for the life of the page: dropping the handle leaves the listener in place.
    let _ = window_event_listener_untyped("online", |_| send_queued(true));
}

/// Builds the submission for `answer` (scrubbed, with a random id), queues it and sends it.
pub fn submit(endpoint: &str, answer: Answer) {
    let now = now_ms();
    let page = web_sys::window().and_then(|window| window.location().href().ok()).unwrap_or_default();
    let (submission, _) = Submission::new(
        random_bytes(),
        now,
        &page,
        answer.article,
        answer.reference.as_ref(),
        answer.helpful,
        &answer.comment,
    );
    let entry = Queued::new(&submission, endpoint, now);
    with_queue(|queue| queue.push(entry.clone()));
    send(entry);
}

/// Sends the queued answers: all of them when a page loads or the browser comes back online (a
/// new page is backoff enough), otherwise those whose backoff has passed.
fn send_queued(all: bool) {
    let now = now_ms();
    let entries = with_queue(|queue| {
        queue.expire(now);
        let due: Vec<Queued> =
            if all { queue.entries().to_vec() } else { queue.due(now).into_iter().cloned().collect() };
        due
    });
    entries.into_iter().flatten().for_each(send);
}

fn send(entry: Queued) {
    let id = entry.submission_id.clone();
    // Storage is shared with every script on the host's site: send only where a widget could have.
    if checked_url(&entry.endpoint).is_none() {
        with_queue(|queue| queue.remove(&id));
        return;
    }
    if !SENDING.with(|sending| sending.borrow_mut().insert(id.clone())) {
        return;
    }
    leptos::task::spawn_local(async move {
        let status = post(&entry).await;
        match outcome(status) {
            Outcome::Delivered => {
                with_queue(|queue| queue.remove(&id));
            }
            Outcome::Drop => {
                let status = status.unwrap_or_default();
                web_sys::console::warn_1(
                    &format!("nhs-login-help: feedback refused ({status}); not sent again").into(),
                );
                with_queue(|queue| queue.remove(&id));
            }
            Outcome::Retry => {
                let attempts = with_queue(|queue| {
                    queue.record_failure(&id, now_ms());
                    queue.entries().iter().find(|queued| queued.submission_id == id).map(|queued| queued.attempts)
                });
                if let Some(Some(attempts)) = attempts {
                    set_timeout(|| send_queued(false), Duration::from_millis(backoff_ms(attempts)));
                }
            }
        }
        SENDING.with(|sending| sending.borrow_mut().remove(&id));
    });
}

/// One attempt: the JSON body, no cookies, no referrer (the payload carries the origin, nothing
/// more of the page), abandoned after [`TIMEOUT`]. `None` when there was no response.
async fn post(entry: &Queued) -> Option<u16> {
    let controller = AbortController::new().ok()?;
    let abort = controller.clone();
    let timer = set_timeout_with_handle(move || abort.abort(), TIMEOUT).ok();
    let status = fetch(entry, &controller.signal()).await;
    if let Some(timer) = timer {
        timer.clear();
    }
    status
}

/// The browser's own `fetch`, called directly: an HTTP client crate would only wrap it.
async fn fetch(entry: &Queued, signal: &AbortSignal) -> Option<u16> {
    let headers = Headers::new().ok()?;
    headers.set("Content-Type", "application/json").ok()?;
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&entry.body));
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    init.set_signal(Some(signal));
    let sent = web_sys::window()?.fetch_with_str_and_init(&entry.endpoint, &init);
    let response = JsFuture::from(sent).await.ok()?;
    response.dyn_into::<Response>().ok().map(|response| response.status())
}

/// Runs `change` on the stored queue and stores the result. `None` when the page has no usable
/// storage (private browsing, a sandboxed frame, a full quota): then the answer is sent once and
/// not retried, and the widget carries on.
fn with_queue<T>(change: impl FnOnce(&mut Queue) -> T) -> Option<T> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let mut queue = Queue::parse(&storage.get_item(FEEDBACK_QUEUE_KEY).ok()?.unwrap_or_default());
    let result = change(&mut queue);
    let stored = if queue.entries().is_empty() {
        storage.remove_item(FEEDBACK_QUEUE_KEY)
    } else {
        storage.set_item(FEEDBACK_QUEUE_KEY, &queue.serialize())
    };
    stored.ok().map(|()| result)
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// 16 bytes from the browser's cryptographic random source, for the submission id; from
/// `Math.random` in the unlikely page without one, so ids still differ.
fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        bytes.iter_mut().for_each(|byte| *byte = (js_sys::Math::random() * 256.0) as u8);
    }
    bytes
}
