//! The answers not yet delivered: each is queued in `localStorage` before it is sent and taken out
//! only when the endpoint has it (or refuses it for good), with backoff, limits and a stored form
//! that survives whatever else is in storage. [`outcome`] says what a response means for an answer.

use super::json::{from_json, to_json};
use super::submission::Submission;
use serde::{Deserialize, Serialize};

/// Most answers kept waiting for delivery; the oldest is dropped to make room. A person answers a
/// handful of times at most, so reaching this means the endpoint has been unreachable for long.
pub const MAX_QUEUED: usize = 50;

/// How long an undelivered answer is kept: after a week it no longer says much about the help as
/// it is now, and a person's words should not sit in their browser indefinitely.
pub const MAX_AGE_MS: u64 = 7 * 24 * 60 * 60 * 1000;

/// The wait after the first failed attempt; each further failure doubles it.
const FIRST_BACKOFF_MS: u64 = 30_000;

/// The longest wait between attempts, reached after the eighth failure (30 s × 2⁷ would be 64 min).
const MAX_BACKOFF_MS: u64 = 60 * 60 * 1000;

/// The shortest wait an endpoint's `Retry-After` gets: one that asks for none (or is wrong) must
/// not have the page send as fast as it can.
const MIN_ASKED_MS: u64 = 1000;

/// What a response to sending an answer means for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The endpoint has it: take it out of the queue.
    Delivered,
    /// Try again later: the network, the endpoint or a proxy failed, and may not next time.
    Retry,
    /// The endpoint refused it and will refuse it again: take it out of the queue.
    Drop,
}

/// Reads a response status, or `None` when there was no response (network error, timeout):
/// 2xx is delivered; 408 (timeout) and 429 (too many requests) are worth retrying, any other 4xx
/// is not; 5xx, no response and anything unexpected (1xx, 3xx) are retried.
pub fn outcome(status: Option<u16>) -> Outcome {
    match status {
        Some(200..=299) => Outcome::Delivered,
        Some(408 | 429) => Outcome::Retry,
        Some(400..=499) => Outcome::Drop,
        _ => Outcome::Retry,
    }
}

/// How long to wait after `attempts` failed attempts: none before the first failure, then 30 s,
/// doubling each time (1 min, 2 min, … 32 min) up to an hour from the eighth failure on.
pub fn backoff_ms(attempts: u32) -> u64 {
    match attempts {
        0 => 0,
        // The shift is bounded only so it cannot overflow; the cap applies long before.
        failed => (FIRST_BACKOFF_MS << (failed - 1).min(20)).min(MAX_BACKOFF_MS),
    }
}

/// How long an endpoint asked the widget to wait (`Retry-After` in delta-seconds, as a 429 or 503
/// carries it), in ms; `None` for anything else (a date is the browser's to read). At most
/// [`MAX_BACKOFF_MS`]: an answer is never held longer than its backoff could.
pub fn retry_after_ms(value: &str) -> Option<u64> {
    let seconds = value.trim();
    if seconds.is_empty() || seconds.len() > 10 || !seconds.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    seconds.parse::<u64>().ok().map(|seconds| seconds.saturating_mul(1000).min(MAX_BACKOFF_MS))
}

/// An answer waiting to be delivered, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued {
    /// The [`Submission`]'s id: how the queue tells answers apart.
    pub id: String,
    /// The [`Submission`] as JSON, exactly as it is sent on every attempt. Kept as written rather
    /// than read back into a `Submission`: the widget never needs its fields again, and reading
    /// them would carry a second deserializer into the wasm (4 kB, 1.3 kB brotli).
    pub body: String,
    /// Where to send it: the endpoint of the widget that took the answer. The queue is shared by
    /// every widget on the host's origin, and the page that retries may not be configured alike.
    pub endpoint: String,
    /// When the person answered (ms since 1970); the entry expires [`MAX_AGE_MS`] later.
    pub created_ms: u64,
    /// Failed attempts so far.
    pub attempts: u32,
    /// When it may next be sent.
    pub next_attempt_ms: u64,
}

impl Queued {
    /// A new answer, due at once. The widget queues every answer before its first attempt, so one
    /// cut off by the person closing the tab is sent from the next page that loads the widget.
    pub fn new(submission: &Submission, endpoint: &str, now_ms: u64) -> Self {
        Self {
            id: submission.id.clone(),
            body: to_json(submission).unwrap_or_default(),
            endpoint: endpoint.to_string(),
            created_ms: now_ms,
            attempts: 0,
            next_attempt_ms: now_ms,
        }
    }

    /// Whether the entry is one the widget could have made: an id of letters, digits and hyphens
    /// (a UUID), a body that is a JSON object and an endpoint with no space or control character.
    /// Storage is shared with every script on the host's site, so what is read back is checked
    /// like what is added.
    fn is_valid(&self) -> bool {
        !self.id.is_empty()
            && self.id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && self.body.starts_with('{')
            && self.body.ends_with('}')
            && !self.endpoint.is_empty()
            && !self.endpoint.contains(|c: char| c.is_whitespace() || c.is_control())
    }
}

/// The answers waiting to be delivered, oldest first, at most [`MAX_QUEUED`], each id once.
///
/// Stored form ([`Queue::serialize`], [`Queue::parse`]): one [`Queued`] per line as a JSON object
/// (JSON never writes a raw line break inside one), so a line that cannot be read, such as one cut
/// off or written by another script, costs only itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queue {
    entries: Vec<Queued>,
}

impl Queue {
    /// Reads the stored form. Storage may hold anything (an older or newer widget's format,
    /// another script's data, a cut-off write), so a line that does not read as an entry is
    /// ignored, and the limits that [`Queue::push`] keeps are applied again. Never panics.
    pub fn parse(stored: &str) -> Self {
        let mut queue = Queue::default();
        for entry in stored.lines().filter_map(from_json) {
            queue.push(entry);
        }
        queue
    }

    /// The stored form, which [`Queue::parse`] reads back to an equal queue.
    pub fn serialize(&self) -> String {
        let lines: Vec<String> = self.entries.iter().filter_map(to_json).collect();
        lines.join("\n")
    }

    /// The waiting answers, oldest first.
    pub fn entries(&self) -> &[Queued] {
        &self.entries
    }

    /// Adds an answer at the end, dropping the oldest when the queue is full. Returns `false`,
    /// leaving the queue as it was, when the id is already queued (the one there keeps its
    /// backoff) or the entry is not one the widget could have made.
    pub fn push(&mut self, entry: Queued) -> bool {
        if !entry.is_valid() || self.entries.iter().any(|queued| queued.id == entry.id) {
            return false;
        }
        if self.entries.len() == MAX_QUEUED {
            self.entries.remove(0);
        }
        self.entries.push(entry);
        true
    }

    /// The answers that may be sent at `now_ms`, oldest first.
    pub fn due(&self, now_ms: u64) -> Vec<&Queued> {
        self.entries.iter().filter(|entry| entry.next_attempt_ms <= now_ms).collect()
    }

    /// Notes a failed attempt at `now_ms`: the answer waits [`backoff_ms`] of its attempts so far,
    /// or what the endpoint asked for (`asked_ms`, from its `Retry-After`) where it said. Returns
    /// the wait in ms, `None` when the answer is no longer queued.
    pub fn record_failure(&mut self, id: &str, now_ms: u64, asked_ms: Option<u64>) -> Option<u64> {
        let entry = self.entries.iter_mut().find(|entry| entry.id == id)?;
        entry.attempts = entry.attempts.saturating_add(1);
        let wait =
            asked_ms.map_or_else(|| backoff_ms(entry.attempts), |asked| asked.clamp(MIN_ASKED_MS, MAX_BACKOFF_MS));
        entry.next_attempt_ms = now_ms.saturating_add(wait);
        Some(wait)
    }

    /// Drops answers more than [`MAX_AGE_MS`] old at `now_ms`, and those dated more than that in
    /// the future (written while the computer's clock was wrong), which would otherwise never go.
    pub fn expire(&mut self, now_ms: u64) {
        self.entries.retain(|entry| entry.created_ms.abs_diff(now_ms) <= MAX_AGE_MS);
    }

    /// Takes an answer out: delivered, or refused for good.
    pub fn remove(&mut self, id: &str) {
        self.entries.retain(|entry| entry.id != id);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::submission::tests::submission;
    use super::*;
    use proptest::prelude::*;

    /// The stored queue as the widget wrote it with serde_json, before the browser's `JSON` took
    /// over in the wasm (`tests/web.rs` checks the same text there).
    const WRITTEN_BEFORE: &str = include_str!("../../../../tests/vectors/queue-written-before.jsonl");

    #[test]
    fn a_queue_an_earlier_widget_wrote_is_read_and_written_back_the_same() {
        let queue = Queue::parse(WRITTEN_BEFORE);
        let [first, second] = queue.entries() else { panic!("two entries in {WRITTEN_BEFORE}") };
        assert_eq!((first.attempts, first.next_attempt_ms), (2, 1_764_667_890_000));
        assert_eq!(from_json::<Submission>(&first.body).map(|answer| answer.helpful), Some(false));
        assert_eq!(from_json::<Submission>(&second.body).map(|answer| answer.comment), Some(None));
        assert_eq!(queue.serialize(), WRITTEN_BEFORE.trim_end());
    }

    const ENDPOINT: &str = "https://feedback.example/v1";

    fn queued(id: &str, created_ms: u64) -> Queued {
        let (mut answer, _) = submission("");
        answer.id = id.to_string();
        Queued::new(&answer, ENDPOINT, created_ms)
    }

    fn ids(queue: &Queue) -> Vec<&str> {
        queue.entries().iter().map(|entry| entry.id.as_str()).collect()
    }

    #[test]
    fn responses_decide_what_happens_to_an_answer() {
        for (status, expected) in [
            (Some(200), Outcome::Delivered),
            (Some(204), Outcome::Delivered),
            (Some(299), Outcome::Delivered),
            (None, Outcome::Retry),
            (Some(500), Outcome::Retry),
            (Some(503), Outcome::Retry),
            (Some(408), Outcome::Retry),
            (Some(429), Outcome::Retry),
            (Some(400), Outcome::Drop),
            (Some(403), Outcome::Drop),
            (Some(413), Outcome::Drop),
            (Some(499), Outcome::Drop),
            (Some(101), Outcome::Retry),
            (Some(302), Outcome::Retry),
            (Some(0), Outcome::Retry),
        ] {
            assert_eq!(outcome(status), expected, "{status:?}");
        }
    }

    #[test]
    fn backoff_doubles_from_30_seconds_to_an_hour() {
        let seconds: Vec<u64> = (0..=9).map(|attempts| backoff_ms(attempts) / 1000).collect();
        assert_eq!(seconds, [0, 30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff_ms(u32::MAX), MAX_BACKOFF_MS);
    }

    #[test]
    fn a_new_answer_is_queued_due_at_once() {
        let (answer, _) = submission("thanks");
        let entry = Queued::new(&answer, ENDPOINT, 1000);
        assert_eq!(serde_json::from_str::<Submission>(&entry.body).unwrap(), answer, "the body is the answer");
        let mut queue = Queue::default();
        assert!(queue.push(entry.clone()));
        assert_eq!(queue.due(1000), [&entry]);
        assert_eq!(Queue::parse(&queue.serialize()), queue);
    }

    #[test]
    fn the_queue_keeps_each_id_once_and_the_newest_50() {
        let mut queue = Queue::default();
        assert!(queue.push(queued("a", 1)));
        let mut again = queued("a", 2);
        again.attempts = 3;
        assert!(!queue.push(again));
        assert_eq!(queue.entries(), [queued("a", 1)]);
        for n in 0..60 {
            queue.push(queued(&format!("id{n}"), n));
        }
        assert_eq!(queue.entries().len(), MAX_QUEUED);
        assert_eq!(ids(&queue).first(), Some(&"id10"));
        assert_eq!(ids(&queue).last(), Some(&"id59"));
    }

    #[test]
    fn entries_the_widget_could_not_have_made_are_refused() {
        let mut queue = Queue::default();
        let mut spaced = queued("d", 1);
        spaced.endpoint = "https://feedback.example/a b".into();
        let mut nowhere = queued("e", 1);
        nowhere.endpoint.clear();
        let mut not_json = queued("f", 1);
        not_json.body = "hello".into();
        for entry in [queued("a\tb", 1), queued("a\nb", 1), queued("é", 1), spaced, nowhere, not_json, queued("", 1)] {
            assert!(!queue.push(entry));
        }
        assert_eq!(queue, Queue::default());
    }

    #[test]
    fn failures_back_off_and_due_waits_for_them() {
        let mut queue = Queue::default();
        queue.push(queued("a", 0));
        queue.push(queued("b", 0));
        assert_eq!(queue.record_failure("a", 1000, None), Some(30_000));
        assert_eq!(queue.record_failure("unknown", 1000, None), None);
        let due: Vec<&str> = queue.due(1000).into_iter().map(|entry| entry.id.as_str()).collect();
        assert_eq!(due, ["b"]);
        assert_eq!(queue.entries()[0].next_attempt_ms, 31_000);
        assert_eq!(queue.due(31_000).len(), 2);
        assert_eq!(queue.record_failure("a", 31_000, None), Some(60_000));
        assert_eq!(queue.entries()[0].next_attempt_ms, 91_000);
    }

    #[test]
    fn an_endpoints_retry_after_sets_the_wait_within_bounds() {
        let mut queue = Queue::default();
        queue.push(queued("a", 0));
        assert_eq!(queue.record_failure("a", 1000, Some(2000)), Some(2000), "shorter than the backoff");
        assert_eq!(queue.entries()[0].next_attempt_ms, 3000);
        assert_eq!(queue.record_failure("a", 3000, Some(0)), Some(MIN_ASKED_MS), "never at once");
        assert_eq!(queue.record_failure("a", 4000, Some(u64::MAX)), Some(MAX_BACKOFF_MS), "never longer than an hour");
    }

    #[test]
    fn retry_after_is_read_as_seconds_and_nothing_else() {
        assert_eq!(retry_after_ms("1"), Some(1000));
        assert_eq!(retry_after_ms(" 120 "), Some(120_000));
        assert_eq!(retry_after_ms("0"), Some(0));
        assert_eq!(retry_after_ms("9999999999"), Some(MAX_BACKOFF_MS));
        for other in ["", "-1", "1.5", "+1", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999", "1 2", "١"] {
            assert_eq!(retry_after_ms(other), None, "{other:?}");
        }
    }

    proptest! {
        #[test]
        fn any_retry_after_header_gives_at_most_the_longest_backoff(value in ".{0,40}") {
            prop_assert!(retry_after_ms(&value).is_none_or(|ms| ms <= MAX_BACKOFF_MS));
        }
    }

    #[test]
    fn answers_expire_after_a_week_and_can_be_removed() {
        let week = MAX_AGE_MS;
        let mut queue = Queue::default();
        for (id, created) in [("old", 1), ("edge", 10), ("new", week), ("future", 3 * week)] {
            queue.push(queued(id, created));
        }
        queue.expire(week + 10);
        assert_eq!(ids(&queue), ["edge", "new"]);
        queue.remove("edge");
        queue.remove("unknown");
        assert_eq!(ids(&queue), ["new"]);
    }

    #[test]
    fn the_stored_form_is_one_json_object_per_line() {
        let mut queue = Queue::default();
        queue.push(Queued { attempts: 2, next_attempt_ms: 90_000, ..queued("a-1", 5) });
        queue.push(queued("b", 6));
        let stored = queue.serialize();
        let lines: Vec<serde_json::Value> =
            stored.split('\n').map(|line| serde_json::from_str(line).expect("a JSON object")).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["id"], "a-1");
        assert_eq!(serde_json::from_str::<serde_json::Value>(lines[0]["body"].as_str().unwrap()).unwrap()["id"], "a-1");
        assert_eq!(lines[0]["endpoint"], ENDPOINT);
        assert_eq!(
            (&lines[0]["created_ms"], &lines[0]["attempts"], &lines[0]["next_attempt_ms"]),
            (&5.into(), &2.into(), &90_000.into())
        );
        assert_eq!(lines[1]["id"], "b");
    }

    #[test]
    fn garbage_in_storage_is_ignored_line_by_line() {
        let good = serde_json::to_string(&queued("good", 5)).unwrap();
        let later = serde_json::to_string(&queued("last-ok", 7)).unwrap();
        let stored = [
            good.as_str(),
            "",
            "1\tgood\t/feedback\t5\t0\t5\t{}", // the tab-separated form of earlier versions
            &good.replace("\"attempts\":0", "\"attempts\":-1"),
            &good.replace("\"created_ms\":5", "\"created_ms\":\"five\""),
            &good.replace(",\"endpoint\"", ",\"nothing\""),
            &good[..good.len() - 1],
            &good.replace("5", "9"),
            "{\"id\":\"raw json\"}",
            "\u{0}\u{FFFD}😀",
            "[]",
            &later,
        ]
        .join("\n");
        let queue = Queue::parse(&stored);
        assert_eq!(ids(&queue), ["good", "last-ok"]);
        assert_eq!(queue.entries()[0], queued("good", 5));
        assert_eq!(Queue::parse(""), Queue::default());
    }

    /// Entries with ids from a small set, so that duplicates happen, and any text in them.
    fn entries() -> impl Strategy<Value = Vec<Queued>> {
        let fields = ("[a-f0-9-]{1,3}", "(https://[a-z]{1,5}\\.example)?/[a-z]{0,3}", any::<String>());
        let numbers = (any::<u64>(), any::<u32>(), any::<u64>());
        let entry = (fields, numbers).prop_map(|((id, endpoint, comment), (created_ms, attempts, next_attempt_ms))| {
            let (mut answer, _) = submission("");
            (answer.id, answer.comment) = (id, Some(comment));
            Queued { attempts, next_attempt_ms, ..Queued::new(&answer, &endpoint, created_ms) }
        });
        prop::collection::vec(entry, 0..120)
    }

    proptest! {
        #[test]
        fn the_queue_reads_back_what_it_wrote_and_never_holds_more_than_50(entries in entries()) {
            let mut queue = Queue::default();
            for entry in entries {
                queue.push(entry);
                prop_assert!(queue.entries().len() <= MAX_QUEUED);
            }
            prop_assert_eq!(Queue::parse(&queue.serialize()), queue);
        }

        #[test]
        fn any_stored_text_parses_to_a_queue_within_limits(stored in any::<String>(), lines in prop::collection::vec(entries(), 0..3)) {
            let written: Vec<String> = lines.into_iter().flatten().filter_map(|entry| serde_json::to_string(&entry).ok()).collect();
            for text in [stored, written.join("\n")] {
                let queue = Queue::parse(&text);
                prop_assert!(queue.entries().len() <= MAX_QUEUED);
                prop_assert_eq!(Queue::parse(&queue.serialize()), queue);
            }
        }

        #[test]
        fn backoff_grows_and_is_capped(attempts in any::<u32>()) {
            prop_assert!(backoff_ms(attempts) <= backoff_ms(attempts.saturating_add(1)));
            prop_assert!(backoff_ms(attempts) <= MAX_BACKOFF_MS);
        }
    }
}
