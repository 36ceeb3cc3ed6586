//! Takes email addresses, UK phone numbers and NHS numbers out of a comment before it leaves the
//! page: people write them into free text ("my number is 07700 900123, please call"). Hand-written
//! on purpose: no crate finds these three for less, and each rule is tested here.

use std::ops::Range;

/// What replaces each email address, phone number or NHS number in a comment.
pub const REMOVED: &str = "[removed]";

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
    }
}
