//! Sends answers to "Was this helpful?" so that none is lost: each is queued in localStorage
//! before it is sent and taken out only when the endpoint has it (or refuses it for good), and
//! whatever is left is sent again when a page with the widget next loads or the browser comes
//! back online. Where storage is refused the queue lives in the page's memory, and answers are
//! retried for as long as the page stays open. The rules are in [`crate::feedback`]; this module
//! does the I/O.

use crate::components::Answer;
use crate::contract::FEEDBACK_QUEUE_KEY;
use crate::feedback::{
    outcome, retry_after_ms, uuid_from_random, AnsweredIn, Outcome, Queue, Queued, Refused, Stamp, Storage, Store,
    Submission,
};
use crate::links::checked_url;
use gloo_net::http::Request;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::time::Duration;
use web_sys::{AbortController, ReferrerPolicy, RequestCredentials};

/// How long one attempt may take before it is abandoned and the answer waits for the next.
const TIMEOUT: Duration = Duration::from_secs(5);

thread_local! {
    /// Answers being sent from this page right now, so a retry does not send one twice at once.
    static SENDING: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static STARTED: Cell<bool> = const { Cell::new(false) };
    static STORE: RefCell<Store> = RefCell::new(Store::default());
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

/// Builds the submission for `answer`, given `placement` (scrubbed, stamped by the browser),
/// queues it and sends it.
pub fn submit(endpoint: &str, placement: AnsweredIn, answer: Answer) {
    let (submission, _) =
        Submission::new(stamp(), answer.article, placement, answer.reference.as_ref(), answer.helpful, &answer.comment);
    let entry = Queued::new(&submission, endpoint, now_ms());
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
    entries.into_iter().for_each(send);
}

fn send(entry: Queued) {
    let id = entry.id.clone();
    // Storage is shared with every script on the host's site: send only where a widget could have.
    if checked_url(&entry.endpoint).is_none() {
        with_queue(|queue| queue.remove(&id));
        return;
    }
    if SENDING.with_borrow(|sending| sending.contains(&id)) {
        return;
    }
    SENDING.with_borrow_mut(|sending| sending.push(id.clone()));
    leptos::task::spawn_local(async move {
        let (status, asked) = post(&entry).await.unzip();
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
                if let Some(wait) = with_queue(|queue| queue.record_failure(&id, now_ms(), asked.flatten())) {
                    set_timeout(|| send_queued(false), Duration::from_millis(wait));
                }
            }
        }
        SENDING.with_borrow_mut(|sending| sending.retain(|sent| *sent != id));
    });
}

/// One attempt through gloo-net: the submission's JSON, no cookies, no referrer (the payload
/// carries the origin, nothing more of the page), abandoned after [`TIMEOUT`]. The response's
/// status and how long its `Retry-After` asks to wait (seconds, or a date the browser reads; an
/// endpoint on another origin must expose the header); `None` when there was no response.
async fn post(entry: &Queued) -> Option<(u16, Option<u64>)> {
    let controller = AbortController::new().ok()?;
    let abort = controller.clone();
    let timer = set_timeout_with_handle(move || abort.abort(), TIMEOUT).ok();
    let request = Request::post(&entry.endpoint)
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .abort_signal(Some(&controller.signal()))
        .header("Content-Type", "application/json")
        .body(entry.body.as_str());
    let answered = match request {
        Ok(request) => request.send().await.ok().map(|response| (response.status(), asked_wait(&response))),
        Err(_) => None,
    };
    if let Some(timer) = timer {
        timer.clear();
    }
    answered
}

/// The wait a response's `Retry-After` asks for, in ms: seconds, or an HTTP date.
fn asked_wait(response: &gloo_net::http::Response) -> Option<u64> {
    let value = response.headers().get("retry-after")?;
    retry_after_ms(&value).or_else(|| {
        let at = js_sys::Date::parse(&value);
        (at.is_finite()).then(|| (at - js_sys::Date::now()).max(0.0) as u64)
    })
}

/// Runs `change` on the queue: the stored one, or where the page has no usable storage (a WebView
/// or private mode that refuses it, a full quota) the one in this page's memory.
fn with_queue<T>(change: impl FnOnce(&mut Queue) -> T) -> T {
    let storage = web_sys::window().and_then(|window| window.local_storage().ok().flatten()).map(LocalStorage);
    STORE.with_borrow_mut(|store| store.change(storage.as_ref(), change))
}

/// The page's `localStorage`, where the queue is kept under the contract's key.
struct LocalStorage(web_sys::Storage);

impl Storage for LocalStorage {
    fn read(&self) -> Result<Option<String>, Refused> {
        self.0.get_item(FEEDBACK_QUEUE_KEY).map_err(|_| Refused)
    }

    fn write(&self, stored: Option<&str>) -> Result<(), Refused> {
        match stored {
            Some(stored) => self.0.set_item(FEEDBACK_QUEUE_KEY, stored),
            None => self.0.remove_item(FEEDBACK_QUEUE_KEY),
        }
        .map_err(|_| Refused)
    }
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The answer's id, the page's origin and the time, from the browser.
fn stamp() -> Stamp {
    let origin = web_sys::window().and_then(|window| window.location().origin().ok());
    Stamp {
        id: random_uuid(),
        origin: origin.unwrap_or_else(|| "null".to_string()),
        timestamp: String::from(js_sys::Date::new_0().to_iso_string()),
    }
}

/// `crypto.randomUUID()`, which only secure contexts have; elsewhere a UUID from
/// `crypto.getRandomValues` (or, on the unlikely page without it, `Math.random`), so ids still
/// differ.
fn random_uuid() -> String {
    let crypto = web_sys::window().and_then(|window| window.crypto().ok());
    if let Some(crypto) =
        crypto.as_ref().filter(|crypto| js_sys::Reflect::has(crypto, &"randomUUID".into()) == Ok(true))
    {
        return crypto.random_uuid();
    }
    let mut bytes = [0u8; 16];
    if crypto.is_none_or(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_err()) {
        bytes.iter_mut().for_each(|byte| *byte = (js_sys::Math::random() * 256.0) as u8);
    }
    uuid_from_random(bytes)
}
