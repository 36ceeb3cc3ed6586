//! "Was this helpful?": the answer the widget sends, scrubbed of personal data, and the queue
//! that keeps it until it is delivered. Pure text and arithmetic with no DOM, so the parts that
//! protect people's privacy and the parts that must neither lose nor repeat an answer are tested
//! natively; the host module only fetches, reads the clock and random bytes, and persists the
//! queue in `localStorage`.
//!
//! - [`scrub`] takes email addresses, UK phone numbers and NHS numbers out of a comment before it
//!   leaves the page: people write them into free text ("my number is 07700 900123, please call").
//! - [`Submission`] is one answer as JSON.
//! - [`Queue`] holds answers not yet delivered, with backoff, limits and a storable text form;
//!   [`outcome`] says what a response means for an answer in it.

use std::ops::Range;

use crate::reference::ErrorReference;

/// The widget's version, sent with each answer so feedback can be tied to the text people saw.
pub const WIDGET_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What replaces each email address, phone number or NHS number in a comment.
pub const REMOVED: &str = "[removed]";

/// Longest comment sent, in characters: room to say what went wrong, and a bound on what one
/// answer can carry.
pub const MAX_COMMENT_CHARS: usize = 500;

/// Most answers kept waiting for delivery; the oldest is dropped to make room. A person answers a
/// handful of times at most, so reaching this means the endpoint has been unreachable for long.
pub const MAX_QUEUED: usize = 50;

/// How long an undelivered answer is kept: after a week it no longer says much about the help as
/// it is now, and a person's words should not sit in their browser indefinitely.
pub const MAX_AGE_MS: u64 = 7 * MS_PER_DAY;

/// The wait after the first failed attempt; each further failure doubles it.
const FIRST_BACKOFF_MS: u64 = 30_000;

/// The longest wait between attempts, reached after the eighth failure (30 s × 2⁷ would be 64 min).
const MAX_BACKOFF_MS: u64 = 60 * 60 * 1000;

const MS_PER_DAY: u64 = 24 * 60 * 60 * 1000;

/// National UK phone numbers (with their leading `0`) have 10 or 11 digits.
const PHONE_DIGITS: Range<usize> = 10..12;

/// Most separator characters between two groups of a phone number's digits (`) - ` is three).
const MAX_SEPARATORS: usize = 3;

/// A comment with the personal data taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scrubbed {
    /// The comment with each email address, phone number and NHS number replaced by [`REMOVED`];
    /// every other character kept exactly as written.
    pub text: String,
    /// Whether anything was removed, so the widget can tell the person why their words changed.
    pub removed: bool,
}

/// Takes out of free text what would identify a person:
///
/// - email addresses: a local part of letters, digits and `._%+-`, an `@`, and a domain with a
///   dot after its first label. Letters of any script count, as in internationalised addresses,
///   so words written against an address without a space go with it; dots and hyphens at the
///   end belong to the sentence;
/// - UK phone numbers: `0`, `+44` or `0044` (with or without the `0` people keep after `+44`,
///   bare or as `(0)`), then 10 or 11 digits in national form in groups separated by spaces,
///   hyphens, dots or parentheses: `07700 900123`, `+44 (0)20 7946 0000`, `(01632) 960 001`. The
///   first group is the area code; later groups have at least three digits, so dates such as
///   `01.02.2026` are not phone numbers;
/// - NHS numbers: ten digits, together or grouped 3-3-4 by spaces or hyphens, whose modulus-11
///   check digit is right. Ten digits with a wrong check digit are kept (they are far more likely
///   an order number or a timestamp), unless they are a phone number.
///
/// Numbers must not touch other digits: `19434765919` is kept, as one eleven-digit number. Each
/// piece becomes [`REMOVED`]. Scanning is linear in the length of the text and never panics.
pub fn scrub(comment: &str) -> Scrubbed {
    let (text, emails) = replace_each(comment, email_at);
    let (text, numbers) = replace_each(&text, number_at);
    Scrubbed { text, removed: emails || numbers }
}

/// Copies `text`, replacing with [`REMOVED`] each match that `find_at(text, at, floor)` reports
/// when tried at each byte `at` in turn. A match may start before `at`, but not before `floor`,
/// the end of the text already copied; matches start and end on character boundaries.
fn replace_each(text: &str, find_at: fn(&str, usize, usize) -> Option<Range<usize>>) -> (String, bool) {
    let mut scrubbed = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    let mut removed = false;
    while at < text.len() {
        match find_at(text, at, copied) {
            Some(found) => {
                scrubbed.push_str(&text[copied..found.start]);
                scrubbed.push_str(REMOVED);
                removed = true;
                copied = found.end;
                at = found.end;
            }
            None => at += 1,
        }
    }
    scrubbed.push_str(&text[copied..]);
    (scrubbed, removed)
}

fn is_local_part_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-')
}

/// The email address around the `@` at `at`, if there is one. The local part cannot reach back
/// past another `@` nor the domain forward past one, so each character is looked at at most
/// twice over the whole text.
fn email_at(text: &str, at: usize, floor: usize) -> Option<Range<usize>> {
    if text.as_bytes()[at] != b'@' {
        return None;
    }
    let before = &text[floor..at];
    let local_len: usize = before.chars().rev().take_while(|c| is_local_part_char(*c)).map(char::len_utf8).sum();
    let local = &before[before.len() - local_len..];
    let after = &text[at + 1..];
    let run = after.find(|c| !is_domain_char(c)).unwrap_or(after.len());
    let domain = after[..run].trim_end_matches(['.', '-']);
    let first_label_ends = domain.find('.')?;
    let address = local.chars().any(char::is_alphanumeric) && first_label_ends > 0;
    address.then(|| at - local_len..at + 1 + domain.len())
}

/// A phone number or NHS number starting at `at`. One starting with a digit must not have a digit
/// just before it; a `+` starts a number whatever comes before.
fn number_at(text: &str, at: usize, floor: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    if at > 0 && bytes[at].is_ascii_digit() && bytes[at - 1].is_ascii_digit() {
        return None;
    }
    phone_number_at(bytes, at, floor).or_else(|| nhs_number_at(bytes, at))
}

fn is_phone_separator(b: u8) -> bool {
    matches!(b, b' ' | b'-' | b'.' | b'(' | b')')
}

/// How many separators start at `from`, or `None` when there are too many to join two groups.
fn separators(bytes: &[u8], from: usize) -> Option<usize> {
    let count = bytes[from..].iter().take(MAX_SEPARATORS + 1).take_while(|b| is_phone_separator(**b)).count();
    (count <= MAX_SEPARATORS).then_some(count)
}

/// How many digits start at `from`, counting no further than one more than `limit`.
fn digits(bytes: &[u8], from: usize, limit: usize) -> usize {
    bytes.get(from..).map_or(0, |rest| rest.iter().take(limit + 1).take_while(|b| b.is_ascii_digit()).count())
}

/// The longest UK phone number starting at `at` (`0`, `+44` or `0044`), with a `(` just before
/// it when the number closes one, as in `(01632) 960 001`. Looks at no more than a few dozen bytes.
fn phone_number_at(bytes: &[u8], at: usize, floor: usize) -> Option<Range<usize>> {
    let rest = &bytes[at..];
    // `next` is where the national number's digits after its leading `0` start; that `0` is
    // written in `07700 900123` and `+44 020…`, and only implied in `+44 20…`.
    let mut next = if rest.starts_with(b"+44") || rest.starts_with(b"0044") {
        let prefix = if rest[0] == b'+' { 3 } else { 4 };
        let mut next = at + prefix + separators(bytes, at + prefix)?;
        if bytes.get(next) == Some(&b'0') {
            next += 1;
            if digits(bytes, next, 0) == 0 {
                next += separators(bytes, next)?;
            }
        }
        next
    } else if rest.first() == Some(&b'0') {
        at + 1
    } else {
        return None;
    };
    if !matches!(bytes.get(next), Some(b'1'..=b'9')) {
        return None;
    }
    let mut national = 1;
    let mut shortest_group = 1;
    let mut end = None;
    loop {
        let group = digits(bytes, next, PHONE_DIGITS.end);
        if group < shortest_group || national + group >= PHONE_DIGITS.end {
            break;
        }
        national += group;
        next += group;
        if PHONE_DIGITS.contains(&national) {
            end = Some(next);
        }
        shortest_group = 3;
        match separators(bytes, next) {
            Some(count) => next += count,
            None => break,
        }
    }
    let end = end?;
    let opens_bracket = at > floor && bytes[at - 1] == b'(' && bytes[at..end].contains(&b')');
    Some(if opens_bracket { at - 1 } else { at }..end)
}

/// An NHS number starting at `at`: ten digits together or grouped 3-3-4 by a space or hyphen,
/// followed by no further digit, with the right check digit.
fn nhs_number_at(bytes: &[u8], at: usize) -> Option<Range<usize>> {
    let end = if digits(bytes, at, 10) == 10 {
        at + 10
    } else {
        let mut next = at;
        for (index, length) in [3, 3, 4].into_iter().enumerate() {
            if index > 0 {
                if !matches!(bytes.get(next), Some(b' ' | b'-')) {
                    return None;
                }
                next += 1;
            }
            if digits(bytes, next, length) != length {
                return None;
            }
            next += length;
        }
        next
    };
    let mut number = [0; 10];
    for (digit, byte) in number.iter_mut().zip(bytes[at..end].iter().filter(|b| b.is_ascii_digit())) {
        *digit = byte - b'0';
    }
    let (first_nine, check) = number.split_at(9);
    (nhs_check_digit(first_nine) == Some(check[0])).then_some(at..end)
}

/// The modulus-11 check digit for an NHS number's first nine digits (weights 10 down to 2;
/// 11 − the remainder, where 11 means 0), or `None` when that gives 10: no NHS number starts
/// with those nine digits.
fn nhs_check_digit(first_nine: &[u8]) -> Option<u8> {
    let sum: u32 = first_nine.iter().zip((2..=10).rev()).map(|(digit, weight)| u32::from(*digit) * weight).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        check => u8::try_from(check).ok(),
    }
}

/// One answer to "Was this helpful?", as sent to the feedback endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// A random UUID, so the endpoint can drop an answer that a retry delivers twice.
    pub id: String,
    /// The id of the article the person was reading.
    pub article: String,
    /// The error reference that brought them there, if any.
    pub reference: Option<String>,
    pub helpful: bool,
    /// Their words, already scrubbed and shortened; `None` when they wrote nothing.
    pub comment: Option<String>,
    /// [`WIDGET_VERSION`].
    pub version: String,
    /// The host page's origin (`https://partner.example`): which partner, never which page.
    pub origin: String,
    /// When they answered, as [`utc_timestamp`] writes it.
    pub timestamp: String,
}

impl Submission {
    /// The answer a person gave, ready to send: `random` (16 bytes from `crypto.getRandomValues`)
    /// becomes the id; the page address is cut to its origin ([`page_origin`]); the comment is
    /// scrubbed, trimmed, cut to [`MAX_COMMENT_CHARS`] characters after scrubbing (so a number
    /// across the cut is still removed whole) and `None` when blank. The flag says whether
    /// [`scrub`] removed anything, so the widget can tell the person.
    pub fn new(
        random: [u8; 16],
        now_ms: u64,
        page: &str,
        article: &str,
        reference: Option<&ErrorReference>,
        helpful: bool,
        comment: &str,
    ) -> (Self, bool) {
        let scrubbed = scrub(comment);
        let text = scrubbed.text.trim();
        let kept = match text.char_indices().nth(MAX_COMMENT_CHARS) {
            Some((cut, _)) => text[..cut].trim_end(),
            None => text,
        };
        let submission = Self {
            id: submission_id(random),
            article: article.to_string(),
            reference: reference.map(|reference| reference.to_string()),
            helpful,
            comment: (!kept.is_empty()).then(|| kept.to_string()),
            version: WIDGET_VERSION.to_string(),
            origin: page_origin(page),
            timestamp: utc_timestamp(now_ms),
        };
        (submission, scrubbed.removed)
    }

    /// The JSON body: one object with `id`, `article`, `reference` (or `null`), `helpful`,
    /// `comment` (or `null`), `version`, `origin` and `timestamp`, with no raw line break or tab
    /// anywhere, so a body fits on one line of the [`Queue`]'s stored form.
    pub fn to_json(&self) -> String {
        let mut json = String::with_capacity(256 + self.comment.as_ref().map_or(0, String::len));
        let text_fields = [
            ("id", Some(&self.id)),
            ("article", Some(&self.article)),
            ("reference", self.reference.as_ref()),
            ("comment", self.comment.as_ref()),
            ("version", Some(&self.version)),
            ("origin", Some(&self.origin)),
            ("timestamp", Some(&self.timestamp)),
        ];
        for (name, value) in text_fields {
            json.push(if json.is_empty() { '{' } else { ',' });
            push_json_string(&mut json, name);
            json.push(':');
            match value {
                Some(value) => push_json_string(&mut json, value),
                None => json.push_str("null"),
            }
            if name == "reference" {
                json.push_str(if self.helpful { ",\"helpful\":true" } else { ",\"helpful\":false" });
            }
        }
        json.push('}');
        json
    }
}

/// Appends `text` as a JSON string. Quotes and backslashes are escaped, control characters are
/// written as `\uXXXX`, and so are U+2028 and U+2029: JSON allows them raw, but JavaScript before
/// ES2019 and many log viewers take them for line breaks. Everything else stays UTF-8. Public for
/// the build's own JSON (`examples/`), which must escape the same way.
pub fn push_json_string(json: &mut String, text: &str) {
    json.push('"');
    for c in text.chars() {
        match c {
            '"' => json.push_str("\\\""),
            '\\' => json.push_str("\\\\"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                json.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    json.push(hex_digit(u32::from(c) >> shift));
                }
            }
            c => json.push(c),
        }
    }
    json.push('"');
}

/// The lower-case hex digit for the low four bits of `value`.
fn hex_digit(value: u32) -> char {
    char::from(b"0123456789abcdef"[(value & 0xf) as usize])
}

/// A version 4 (random) UUID, `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`, from 16 random bytes: the
/// caller supplies `crypto.getRandomValues` output, so this module needs no source of randomness.
pub fn submission_id(random: [u8; 16]) -> String {
    let mut bytes = random;
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // the RFC 9562 variant
    let mut id = String::with_capacity(36);
    for (index, byte) in bytes.into_iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            id.push('-');
        }
        id.push(hex_digit(u32::from(byte) >> 4));
        id.push(hex_digit(u32::from(byte)));
    }
    id
}

/// The origin of a page address (`https://partner.example:8443`), lower-cased, without the path,
/// query or fragment (which can carry a person's details) or any `user:password@`. `null`, as
/// browsers write an opaque origin, when the address has none.
pub fn page_origin(page: &str) -> String {
    let Some((scheme, rest)) = page.trim().split_once("://") else {
        return "null".to_string();
    };
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || host.is_empty() {
        return "null".to_string();
    }
    format!("{}://{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase())
}

/// Milliseconds since 1970-01-01T00:00:00Z (`Date.now()`) in ISO 8601, UTC, to the millisecond:
/// `2026-11-25T09:30:00.000Z`, the form `Date.prototype.toISOString` writes up to the year 9999.
pub fn utc_timestamp(ms: u64) -> String {
    let (year, month, day) = civil_from_days(ms / MS_PER_DAY);
    let of_day = ms % MS_PER_DAY;
    let (hours, minutes, seconds, millis) =
        (of_day / 3_600_000, of_day / 60_000 % 60, of_day / 1000 % 60, of_day % 1000);
    format!("{year:04}-{month:02}-{day:02}T{hours:02}:{minutes:02}:{seconds:02}.{millis:03}Z")
}

/// The proleptic Gregorian (year, month, day) of a day counted from 1970-01-01, after Howard
/// Hinnant's `civil_from_days`: count from 0000-03-01 so that the leap day ends each 4-, 100- and
/// 400-year cycle, find the day within its 400-year era, then its year and month within the era.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let from_march_0000 = days + 719_468;
    let era = from_march_0000 / 146_097;
    let day_of_era = from_march_0000 % 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    (era * 400 + year_of_era + u64::from(month <= 2), month, day)
}

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

/// An answer waiting to be delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    /// The [`Submission`]'s id: how the queue tells answers apart.
    pub submission_id: String,
    /// Where to send it: the endpoint of the widget that took the answer. The queue is shared by
    /// every widget on the host's origin, and the page that retries may not be configured alike.
    pub endpoint: String,
    /// The JSON to send, exactly as [`Submission::to_json`] wrote it.
    pub body: String,
    /// When the person answered; the entry expires [`MAX_AGE_MS`] later.
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
            submission_id: submission.id.clone(),
            endpoint: endpoint.to_string(),
            body: submission.to_json(),
            created_ms: now_ms,
            attempts: 0,
            next_attempt_ms: now_ms,
        }
    }

    /// Whether the entry can be written as one line and read back: an id of letters, digits and
    /// hyphens (a UUID), an endpoint with no space or control character, and a body that is a
    /// JSON object on one line.
    fn is_storable(&self) -> bool {
        !self.submission_id.is_empty()
            && self.submission_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !self.endpoint.is_empty()
            && !self.endpoint.contains(|c: char| c.is_whitespace() || c.is_control())
            && self.body.starts_with('{')
            && self.body.ends_with('}')
            && !self.body.contains('\n')
    }
}

/// The version tag that starts each stored line; lines with any other tag are ignored.
const LINE_FORMAT: &str = "1";

/// The answers waiting to be delivered, oldest first, at most [`MAX_QUEUED`], each id once.
///
/// Stored form ([`Queue::serialize`], [`Queue::parse`]): one entry per line, lines separated by
/// `\n`, each seven fields separated by tabs:
///
/// ```text
/// 1 <TAB> submission id <TAB> endpoint <TAB> created ms <TAB> attempts <TAB> next attempt ms <TAB> JSON body
/// ```
///
/// `1` is the format version and the numbers are decimal. The body comes last and is the rest of
/// the line; it never holds a raw line break because [`Submission::to_json`] escapes them.
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
        for entry in stored.split('\n').filter_map(parse_line) {
            queue.push(entry);
        }
        queue
    }

    /// The stored form, which [`Queue::parse`] reads back to an equal queue.
    pub fn serialize(&self) -> String {
        let lines: Vec<String> = self
            .entries
            .iter()
            .map(|entry| {
                format!(
                    "{LINE_FORMAT}\t{}\t{}\t{}\t{}\t{}\t{}",
                    entry.submission_id,
                    entry.endpoint,
                    entry.created_ms,
                    entry.attempts,
                    entry.next_attempt_ms,
                    entry.body
                )
            })
            .collect();
        lines.join("\n")
    }

    /// The waiting answers, oldest first.
    pub fn entries(&self) -> &[Queued] {
        &self.entries
    }

    /// Adds an answer at the end, dropping the oldest when the queue is full. Returns `false`,
    /// leaving the queue as it was, when the id is already queued (the one there keeps its
    /// backoff) or the entry could not be stored.
    pub fn push(&mut self, entry: Queued) -> bool {
        if !entry.is_storable() || self.entries.iter().any(|queued| queued.submission_id == entry.submission_id) {
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

    /// Notes a failed attempt at `now_ms`: the answer waits [`backoff_ms`] of its attempts so far.
    pub fn record_failure(&mut self, submission_id: &str, now_ms: u64) {
        if let Some(entry) = self.entries.iter_mut().find(|entry| entry.submission_id == submission_id) {
            entry.attempts = entry.attempts.saturating_add(1);
            entry.next_attempt_ms = now_ms.saturating_add(backoff_ms(entry.attempts));
        }
    }

    /// Drops answers more than [`MAX_AGE_MS`] old at `now_ms`, and those dated more than that in
    /// the future (written while the computer's clock was wrong), which would otherwise never go.
    pub fn expire(&mut self, now_ms: u64) {
        self.entries.retain(|entry| entry.created_ms.abs_diff(now_ms) <= MAX_AGE_MS);
    }

    /// Takes an answer out: delivered, or refused for good.
    pub fn remove(&mut self, submission_id: &str) {
        self.entries.retain(|entry| entry.submission_id != submission_id);
    }
}

/// One stored line as an entry, or `None` when it is not one; [`Queue::push`] checks the rest.
fn parse_line(line: &str) -> Option<Queued> {
    let mut fields = line.splitn(7, '\t');
    if fields.next()? != LINE_FORMAT {
        return None;
    }
    let submission_id = fields.next()?.to_string();
    let endpoint = fields.next()?.to_string();
    let created_ms = fields.next()?.parse().ok()?;
    let attempts = fields.next()?.parse().ok()?;
    let next_attempt_ms = fields.next()?.parse().ok()?;
    let body = fields.next()?.to_string();
    Some(Queued { submission_id, endpoint, body, created_ms, attempts, next_attempt_ms })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn scrubbed(comment: &str) -> String {
        scrub(comment).text
    }

    #[test]
    fn email_addresses_are_removed() {
        for (comment, expected) in [
            ("write to jo.bloggs+nhs@example.co.uk please", "write to [removed] please"),
            ("J_O%x-y@sub-domain.example.org.", "[removed]."),
            ("<jo@example.com>, (jo2@example.com)", "<[removed]>, ([removed])"),
            ("mailto:Jo.Bloggs@EXAMPLE.COM?subject=help", "mailto:[removed]?subject=help"),
            ("jo@bücher.de!", "[removed]!"),
            ("a@b@example.com", "a@[removed]"),
            ("jo@example.com-", "[removed]-"),
        ] {
            let result = scrub(comment);
            assert_eq!(result.text, expected, "{comment:?}");
            assert!(result.removed, "{comment:?}");
        }
    }

    #[test]
    fn what_only_looks_a_little_like_an_email_address_is_kept() {
        for comment in
            ["jo@localhost", "@example.com", "jo@", "jo@.example.com", "...@example.com", "1 @ 2", "a @b.com"]
        {
            let result = scrub(comment);
            assert_eq!(result.text, comment);
            assert!(!result.removed, "{comment:?}");
        }
    }

    #[test]
    fn uk_phone_numbers_are_removed_in_every_usual_format() {
        for number in [
            "07700 900123",
            "07700900123",
            "07700-900-123",
            "07700.900.123",
            "+44 7700 900123",
            "+447700900123",
            "0044 7700 900123",
            "+44 (0)7700 900123",
            "+44 (0) 20 7946 0000",
            "+44 020 7946 0000",
            "(+44) 20 7946 0000",
            "020 7946 0000",
            "0207 946 0000",
            "(020) 7946 0000",
            "(01632) 960 001",
            "01632 960001",
            "01632 96000",
            "0161 496 0000",
            "0800 123 4567",
            "0300 123 1234",
            "0123456789",
        ] {
            let comment = format!("ring me on {number} after 6");
            let result = scrub(&comment);
            assert_eq!(result.text, "ring me on [removed] after 6", "{number:?}");
            assert!(result.removed, "{number:?}");
        }
    }

    #[test]
    fn phone_numbers_next_to_each_other_are_each_removed() {
        assert_eq!(scrubbed("07700 900123 07700 900456"), "[removed] [removed]");
        assert_eq!(scrubbed("call 07700 900123, or 020 7946 0000."), "call [removed], or [removed].");
        assert_eq!(scrubbed("(07700 900123)"), "([removed])");
        assert_eq!(scrubbed("tel:+447700900123;"), "tel:[removed];");
        assert_eq!(scrubbed("07700 900123 4"), "[removed] 4");
        assert_eq!(scrubbed("123+447700900123"), "123[removed]");
    }

    #[test]
    fn valid_nhs_numbers_are_removed() {
        for number in [
            "943 476 5919",
            "9434765919",
            "943-476-5919",
            "943-476 5919",
            "401-023-2137",
            "4010232137",
            // Nine digits whose weighted sum leaves no remainder: 11 − 0 is 11, so the check is 0.
            "828 836 0750",
            "8288360750",
        ] {
            let comment = format!("My NHS number is {number}.");
            let result = scrub(&comment);
            assert_eq!(result.text, "My NHS number is [removed].", "{number:?}");
            assert!(result.removed, "{number:?}");
        }
    }

    #[test]
    fn nhs_check_digit_follows_the_modulus_11_rule() {
        let digits = |text: &str| text.bytes().map(|b| b - b'0').collect::<Vec<u8>>();
        assert_eq!(nhs_check_digit(&digits("943476591")), Some(9));
        assert_eq!(nhs_check_digit(&digits("401023213")), Some(7));
        assert_eq!(nhs_check_digit(&digits("828836075")), Some(0));
        assert_eq!(nhs_check_digit(&digits("848475135")), None);
        assert_eq!(nhs_check_digit(&digits("123456789")), None);
    }

    #[test]
    fn ten_digits_with_a_wrong_check_digit_are_kept() {
        let mut kept =
            vec!["1234567890".to_string(), "943 476 5918".into(), "943-476-5910".into(), "4010232138".into()];
        // 11 − the remainder is 10 for these nine digits: no tenth digit makes a valid number.
        kept.extend((0..10).map(|check| format!("848 475 135{check}")));
        for number in kept {
            let comment = format!("order {number} arrived");
            let result = scrub(&comment);
            assert_eq!(result.text, comment);
            assert!(!result.removed, "{number:?}");
        }
    }

    #[test]
    fn numbers_touching_other_digits_or_oddly_grouped_are_kept() {
        for comment in ["19434765919", "94347659191", "943 4765 919", "9434 765 919", "943  476 5919", "943_476_5919"] {
            assert_eq!(scrubbed(comment), comment);
        }
        assert_eq!(scrubbed("9434765919 1"), "[removed] 1");
        assert_eq!(scrubbed("ref9434765919"), "ref[removed]");
    }

    #[test]
    fn dates_times_short_numbers_and_references_are_kept() {
        for comment in [
            "25/11/2026",
            "2026-11-25",
            "01.02.2026",
            "at 10:45 on 01.02.2026",
            "01-02-2026 10 30",
            "09:30",
            "9.30am",
            "CID7023",
            "cid 7023, CID-7023 and CID12345",
            "call 111 or 999",
            "0800 1111",
            "version 0.1.0",
            "£0.99",
            "1,234,567,890",
            "12345678901",
            "waited 3-4 days, 20 minutes on hold",
            "+44",
            "0044",
            "00 1234 5678 90",
            "+44 0 0",
        ] {
            let result = scrub(comment);
            assert_eq!(result.text, comment);
            assert!(!result.removed, "{comment:?}");
        }
    }

    #[test]
    fn text_around_what_is_removed_is_kept_exactly() {
        for (comment, expected) in [
            ("📞07700 900123📞", "📞[removed]📞"),
            ("مرحبا 943 476 5919 שלום", "مرحبا [removed] שלום"),
            ("é943 476 5919é", "é[removed]é"),
            ("\u{202E}jo@example.com\u{202C}", "\u{202E}[removed]\u{202C}"),
            ("café jo@example.com 😀 ok", "café [removed] 😀 ok"),
            ("  two  spaces\tand a tab\n07700 900123\n", "  two  spaces\tand a tab\n[removed]\n"),
            ("jö@bücher.de", "[removed]"),
            ("メールはjo@example.jpまで。", "[removed]。"),
            ("", ""),
        ] {
            assert_eq!(scrubbed(comment), expected, "{comment:?}");
        }
    }

    #[test]
    fn a_megabyte_comment_is_scrubbed_in_one_pass() {
        let chunk = "é 07700 900123 jo@example.com 943 476 5919 @@@ 0 0 0 ";
        let comment = chunk.repeat((1 << 20) / chunk.len());
        let result = scrub(&comment);
        assert!(result.removed);
        assert_eq!(result.text, "é [removed] [removed] [removed] @@@ 0 0 0 ".repeat((1 << 20) / chunk.len()));
        for hostile in ["@".repeat(1 << 20), "0".repeat(1 << 20), "a".repeat(1 << 20) + "@", "0 ".repeat(1 << 19)] {
            assert!(!scrub(&hostile).removed);
        }
    }

    fn submission(comment: &str) -> (Submission, bool) {
        let reference = ErrorReference::parse("CID7023");
        Submission::new(
            [0x5a; 16],
            1_795_599_000_000,
            "https://partner.example/login/error?error=CID7023#top",
            "cannot-connect-to-gp-system",
            reference.as_ref(),
            false,
            comment,
        )
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
                reference: Some("CID7023".into()),
                helpful: false,
                comment: Some("The GP link failed, call [removed]".into()),
                version: WIDGET_VERSION.into(),
                origin: "https://partner.example".into(),
                timestamp: "2026-11-25T09:30:00.000Z".into(),
            }
        );
        assert_eq!(
            answer.to_json(),
            format!(
                "{{\"id\":\"5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a\",\"article\":\"cannot-connect-to-gp-system\",\
                 \"reference\":\"CID7023\",\"helpful\":false,\"comment\":\"The GP link failed, call [removed]\",\
                 \"version\":\"{WIDGET_VERSION}\",\"origin\":\"https://partner.example\",\
                 \"timestamp\":\"2026-11-25T09:30:00.000Z\"}}"
            )
        );
    }

    #[test]
    fn a_blank_comment_and_no_reference_are_null() {
        let (answer, removed) = Submission::new([0; 16], 0, "https://a.example", "topics", None, true, " \n\t ");
        assert!(!removed);
        assert_eq!((answer.comment.as_deref(), answer.reference.as_deref()), (None, None));
        let json = answer.to_json();
        assert!(json.contains("\"reference\":null,\"helpful\":true,\"comment\":null,"), "{json}");
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
    fn json_strings_are_escaped() {
        let (answer, _) = submission("say \"hi\" \\ back\nnext\tline \u{0} \u{1f} \u{7f} \u{2028}\u{2029} 😀 é");
        let json = answer.to_json();
        assert!(json
            .contains(r#""comment":"say \"hi\" \\ back\u000anext\u0009line \u0000 \u001f \u007f \u2028\u2029 😀 é""#));
        assert!(!json.contains(['\n', '\t', '\u{0}', '\u{2028}']));
        assert_eq!(field(&json, "comment"), Json::Text(answer.comment.clone().unwrap()));
    }

    #[test]
    fn submission_ids_are_version_4_uuids() {
        assert_eq!(submission_id([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(submission_id([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let id = submission_id(core::array::from_fn(|i| i as u8 * 17));
        assert_eq!(id, "00112233-4455-4677-8899-aabbccddeeff");
    }

    #[test]
    fn page_origin_keeps_only_the_origin() {
        for (page, origin) in [
            ("https://partner.example", "https://partner.example"),
            ("https://partner.example/login?email=jo@example.com#x", "https://partner.example"),
            ("HTTPS://Partner.Example:8443/", "https://partner.example:8443"),
            ("https://jo:secret@partner.example/", "https://partner.example"),
            ("http://127.0.0.1:8080?x", "http://127.0.0.1:8080"),
            ("null", "null"),
            ("", "null"),
            ("file:///home/jo/page.html", "null"),
            ("://partner.example", "null"),
            ("1http://partner.example", "null"),
        ] {
            assert_eq!(page_origin(page), origin, "{page:?}");
        }
    }

    #[test]
    fn timestamps_are_iso_8601_utc_including_leap_days() {
        for (ms, expected) in [
            (0, "1970-01-01T00:00:00.000Z"),
            (94_694_399_000, "1972-12-31T23:59:59.000Z"),
            (951_827_696_789, "2000-02-29T12:34:56.789Z"),
            (1_704_067_199_999, "2023-12-31T23:59:59.999Z"),
            (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
            (1_795_599_000_000, "2026-11-25T09:30:00.000Z"),
            (4_107_456_000_000, "2100-02-28T00:00:00.000Z"),
            (4_107_456_000_000 + MS_PER_DAY, "2100-03-01T00:00:00.000Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        ] {
            assert_eq!(utc_timestamp(ms), expected, "{ms}");
        }
        utc_timestamp(u64::MAX);
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

    const ENDPOINT: &str = "https://feedback.example/v1";

    fn queued(id: &str, created_ms: u64) -> Queued {
        Queued {
            submission_id: id.to_string(),
            endpoint: ENDPOINT.to_string(),
            body: format!("{{\"id\":\"{id}\"}}"),
            created_ms,
            attempts: 0,
            next_attempt_ms: created_ms,
        }
    }

    fn ids(queue: &Queue) -> Vec<&str> {
        queue.entries().iter().map(|entry| entry.submission_id.as_str()).collect()
    }

    #[test]
    fn a_new_answer_is_queued_due_at_once() {
        let (answer, _) = submission("thanks");
        let entry = Queued::new(&answer, ENDPOINT, 1000);
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
    fn entries_that_could_not_be_read_back_are_refused() {
        let mut queue = Queue::default();
        let mut tabbed = queued("a", 1);
        tabbed.submission_id = "a\tb".into();
        let mut broken = queued("b", 1);
        broken.body = "{\n}".into();
        let mut not_json = queued("c", 1);
        not_json.body = "hello".into();
        let mut spaced = queued("d", 1);
        spaced.endpoint = "https://feedback.example/a b".into();
        let mut nowhere = queued("e", 1);
        nowhere.endpoint.clear();
        for entry in [tabbed, broken, not_json, spaced, nowhere, queued("", 1)] {
            assert!(!queue.push(entry));
        }
        assert_eq!(queue, Queue::default());
    }

    #[test]
    fn failures_back_off_and_due_waits_for_them() {
        let mut queue = Queue::default();
        queue.push(queued("a", 0));
        queue.push(queued("b", 0));
        queue.record_failure("a", 1000);
        queue.record_failure("unknown", 1000);
        let due: Vec<&str> = queue.due(1000).iter().map(|entry| entry.submission_id.as_str()).collect();
        assert_eq!(due, ["b"]);
        assert_eq!(queue.entries()[0].attempts, 1);
        assert_eq!(queue.entries()[0].next_attempt_ms, 31_000);
        assert_eq!(queue.due(31_000).len(), 2);
        queue.record_failure("a", 31_000);
        assert_eq!(queue.entries()[0].next_attempt_ms, 91_000);
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
    fn the_stored_form_is_one_tab_separated_line_per_entry() {
        let mut queue = Queue::default();
        queue.push(Queued { attempts: 2, next_attempt_ms: 90_000, ..queued("a-1", 5) });
        queue.push(queued("b", 6));
        assert_eq!(
            queue.serialize(),
            "1\ta-1\thttps://feedback.example/v1\t5\t2\t90000\t{\"id\":\"a-1\"}\n\
             1\tb\thttps://feedback.example/v1\t6\t0\t6\t{\"id\":\"b\"}"
        );
    }

    #[test]
    fn garbage_in_storage_is_ignored_line_by_line() {
        let stored = [
            "1\tgood\t/feedback\t5\t0\t5\t{\"a\":\"tab\there\"}",
            "",
            "2\tnewer-format\t/feedback\t5\t0\t5\t{}",
            "1\tshort\t/feedback\t5\t0",
            "1\tno-endpoint\t5\t0\t5\t{}",
            "1\tnot-a-number\t/feedback\tfive\t0\t5\t{}",
            "1\tnegative\t/feedback\t-5\t0\t5\t{}",
            "1\tcut-off\t/feedback\t5\t0\t5\t{\"id\":",
            "1\tgood\t/feedback\t9\t9\t9\t{}",
            "{\"id\":\"raw json\"}",
            "\u{0}\u{FFFD}😀",
            "1\tlast\t/feedback\t7\t1\t8\t{}\r",
            "1\tlast-ok\t/feedback\t7\t1\t8\t{}",
        ]
        .join("\n");
        let queue = Queue::parse(&stored);
        assert_eq!(ids(&queue), ["good", "last-ok"]);
        assert_eq!(queue.entries()[0].body, "{\"a\":\"tab\there\"}");
        assert_eq!(Queue::parse(""), Queue::default());
    }

    /// A JSON value as the tests read it back.
    #[derive(Debug, PartialEq)]
    enum Json {
        Text(String),
        Bool(bool),
        Null,
    }

    /// Reads a flat JSON object (string, boolean and null values) strictly, panicking on anything
    /// a JSON parser would refuse, so the tests check that the output parses and what it says.
    fn parse_object(json: &str) -> Vec<(String, Json)> {
        let mut chars = json.chars().peekable();
        assert_eq!(chars.next(), Some('{'), "{json}");
        let mut fields = Vec::new();
        loop {
            let name = read_string(&mut chars);
            assert_eq!(chars.next(), Some(':'), "{json}");
            let value = if chars.peek() == Some(&'"') {
                Json::Text(read_string(&mut chars))
            } else {
                let mut word = String::new();
                while let Some(c) = chars.next_if(char::is_ascii_lowercase) {
                    word.push(c);
                }
                match word.as_str() {
                    "true" => Json::Bool(true),
                    "false" => Json::Bool(false),
                    "null" => Json::Null,
                    _ => panic!("not a value: {word:?} in {json}"),
                }
            };
            fields.push((name, value));
            match chars.next() {
                Some(',') => continue,
                Some('}') => break,
                other => panic!("expected , or }} but found {other:?} in {json}"),
            }
        }
        assert_eq!(chars.next(), None, "{json}");
        fields
    }

    fn read_string(chars: &mut std::iter::Peekable<std::str::Chars>) -> String {
        assert_eq!(chars.next(), Some('"'));
        let mut text = String::new();
        loop {
            match chars.next().expect("unterminated string") {
                '"' => return text,
                '\\' => match chars.next().expect("unterminated escape") {
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        let code = u32::from_str_radix(&hex, 16).expect("four hex digits");
                        text.push(char::from_u32(code).expect("not a surrogate"));
                    }
                    escaped => text.push(match escaped {
                        '"' | '\\' | '/' => escaped,
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        _ => panic!("bad escape \\{escaped}"),
                    }),
                },
                c => {
                    assert!(c >= ' ', "raw control character {c:?} in a JSON string");
                    text.push(c);
                }
            }
        }
    }

    fn field(json: &str, name: &str) -> Json {
        parse_object(json).into_iter().find(|(key, _)| key == name).expect("field present").1
    }

    /// Comments dense with things that look like personal data, and the characters around them.
    fn comment_like() -> impl Strategy<Value = String> {
        let part = prop_oneof![
            Just("07700 900123".to_string()),
            Just("+44 (0)20 7946 0000".to_string()),
            Just("943 476 5919".to_string()),
            Just("jo.bloggs@example.co.uk".to_string()),
            "[0-9]{1,11}",
            "[ ()+.@-]{1,3}",
            "[a-z.]{1,4}",
            "\\PC{1,2}",
        ];
        prop::collection::vec(part, 0..24).prop_map(|parts| parts.concat())
    }

    /// Entries with ids from a small set, so that duplicates happen.
    fn entries() -> impl Strategy<Value = Vec<Queued>> {
        let fields = ("[a-f0-9-]{1,3}", "(https://[a-z]{1,5}\\.example)?/[a-z]{0,3}", "\\{[^\n]{0,20}\\}");
        let numbers = (any::<u64>(), any::<u32>(), any::<u64>());
        let entry =
            (fields, numbers).prop_map(|((submission_id, endpoint, body), (created_ms, attempts, next_attempt_ms))| {
                Queued { submission_id, endpoint, body, created_ms, attempts, next_attempt_ms }
            });
        prop::collection::vec(entry, 0..120)
    }

    proptest! {
        #[test]
        fn scrubbing_never_panics_and_at_most_doubles_the_length(comment in any::<String>()) {
            let result = scrub(&comment);
            // The shortest thing removed (`a@b.c`) is 5 bytes and becomes 9.
            prop_assert!(result.text.len() <= comment.len() * 9 / 5);
            if !result.removed {
                prop_assert_eq!(result.text, comment);
            }
        }

        #[test]
        fn scrubbing_is_idempotent(comment in comment_like()) {
            let once = scrub(&comment);
            let twice = scrub(&once.text);
            prop_assert_eq!(&twice.text, &once.text);
            prop_assert!(!twice.removed);
        }

        #[test]
        fn personal_data_between_words_is_always_removed(
            before in "\\PC{0,20}",
            after in "\\PC{0,20}",
            personal in prop_oneof![
                Just("07700 900123"), Just("+44 7700 900123"), Just("(01632) 960 001"), Just("0800 123 4567"),
                Just("943 476 5919"), Just("401-023-2137"), Just("8288360750"), Just("jo+x@example.org"),
            ],
        ) {
            let result = scrub(&format!("{before} and {personal} and {after}"));
            prop_assert!(result.removed);
            prop_assert!(result.text.contains(" and [removed] and "), "{}", result.text);
        }

        #[test]
        fn any_comment_makes_json_that_reads_back(comment in any::<String>(), helpful in any::<bool>()) {
            let (answer, _) = Submission::new([7; 16], 0, "https://a.example", "a\"b", None, helpful, &comment);
            let json = answer.to_json();
            prop_assert!(!json.contains(['\n', '\r', '\t']));
            let fields = parse_object(&json);
            let names: Vec<&str> = fields.iter().map(|(name, _)| name.as_str()).collect();
            prop_assert_eq!(names, ["id", "article", "reference", "helpful", "comment", "version", "origin", "timestamp"]);
            prop_assert_eq!(&fields[1].1, &Json::Text("a\"b".into()));
            prop_assert_eq!(&fields[3].1, &Json::Bool(helpful));
            let comment = answer.comment.map_or(Json::Null, Json::Text);
            prop_assert_eq!(&fields[4].1, &comment);
        }

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
        fn any_stored_text_parses_to_a_queue_within_limits(stored in any::<String>(), lines in "(1\t[a-c]\t/[a-c]?\t[0-9]\t[0-9]\t[0-9]\t\\{\\}\n){0,80}") {
            for text in [stored, lines] {
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
