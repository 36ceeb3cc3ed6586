//! Instant search over the articles, for people with no reference or one we do not know. The
//! words were indexed by the build ([`crate::content::SearchIndex`]); here we only compare.
//!
//! A query word matches an article word exactly, as its start when it has three letters or more
//! (people are still typing: `con` finds "connect"), or, in words of five letters or more, with one typo (a letter missing,
//! extra, wrong or two swapped). Little words (`my`, `the`, `to`) are ignored unless they are all
//! there is. The results are the articles that match the most query words — every word, when any
//! article has them all — those matching in their code or title first, then by how well they
//! match, then in topic-list order.

use crate::content::{Article, SearchIndex, ARTICLES};
use crate::words::words;

/// Queries longer than this are cut: no article needs more words to be found, and it bounds the
/// work a pasted megabyte can cause.
const MAX_QUERY_WORDS: usize = 12;

/// Shortest word that a typo is forgiven in; shorter words have too many near neighbours.
const TYPO_MIN_LEN: usize = 5;

/// Shortest word that may match as the start of a longer one: one or two letters start too many.
const PREFIX_MIN_LEN: usize = 3;

/// How well one query word matched one article word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    Typo = 1,
    Prefix = 2,
    Exact = 3,
}

/// Words too common to tell articles apart.
const LITTLE_WORDS: [&str; 24] = [
    "a", "an", "and", "are", "do", "for", "have", "how", "i", "im", "in", "is", "it", "me", "my", "of", "on", "or",
    "the", "to", "was", "what", "why", "with",
];

/// The articles that match `query`, best first; empty when no word of it matches.
pub fn search(query: &str) -> Vec<&'static Article> {
    let mut query: Vec<String> = words(query).into_iter().take(MAX_QUERY_WORDS).collect();
    if query.iter().any(|word| !LITTLE_WORDS.contains(&word.as_str())) {
        query.retain(|word| !LITTLE_WORDS.contains(&word.as_str()));
    }
    let mut ranked: Vec<(Rank, usize, &'static Article)> = ARTICLES
        .iter()
        .enumerate()
        .map(|(order, article)| (rank(&article.search, &query), order, article))
        .filter(|(rank, _, _)| rank.matched > 0)
        .collect();
    let most = ranked.iter().map(|(rank, _, _)| rank.matched).max().unwrap_or_default();
    ranked.retain(|(rank, _, _)| rank.matched == most);
    // The order index makes every key distinct, so a stable sort would buy nothing but bytes.
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, article)| article).collect()
}

/// Compared field by field: query words matched, those found in the code or title, then the
/// total score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    matched: usize,
    in_heading: usize,
    score: u32,
}

/// How an article ranks for the query words.
fn rank(index: &SearchIndex, query: &[String]) -> Rank {
    let mut rank = Rank { matched: 0, in_heading: 0, score: 0 };
    for word in query {
        let field = |words: &str, weight: u32| best_fit(word, words).map(|fit| weight * fit as u32);
        let heading = field(index.codes, 100).max(field(index.title, 100));
        let other = field(index.summaries, 10).max(field(index.body, 1));
        if let Some(score) = heading.max(other) {
            rank.matched += 1;
            rank.score += score;
            rank.in_heading += usize::from(heading.is_some());
        }
    }
    rank
}

/// The best fit of `query` against any of `words` (separated by single spaces).
fn best_fit(query: &str, words: &str) -> Option<Fit> {
    let len = query.chars().count();
    let (prefix_allowed, typo_forgiven) = (len >= PREFIX_MIN_LEN, len >= TYPO_MIN_LEN);
    let mut best = None;
    for word in words.split(' ') {
        let fit = if word == query {
            return Some(Fit::Exact);
        } else if prefix_allowed && word.starts_with(query) {
            Some(Fit::Prefix)
        } else if typo_forgiven && one_typo_apart(query, word) {
            Some(Fit::Typo)
        } else {
            None
        };
        best = best.max(fit);
    }
    best
}

/// Whether `a` and `b` differ by at most one edit: a letter inserted, deleted or replaced, or two
/// neighbouring letters swapped. Compares bytes when both are ASCII (almost always), so the
/// search allocates nothing per word.
pub fn one_typo_apart(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return within_one_edit(a.as_bytes(), b.as_bytes());
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    within_one_edit(&a, &b)
}

fn within_one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let start = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if start == long.len() {
        return true;
    }
    if short.len() == long.len() {
        let swapped = start + 1 < short.len()
            && short[start] == long[start + 1]
            && short[start + 1] == long[start]
            && short[start + 2..] == long[start + 2..];
        swapped || short[start + 1..] == long[start + 1..]
    } else {
        short[start..] == long[start + 1..]
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn first(query: &str) -> Option<&'static str> {
        search(query).first().map(|article| article.id)
    }

    #[test]
    fn every_code_finds_its_article_first_in_every_way_it_is_written() {
        for article in ARTICLES {
            for code in article.codes {
                let digits = &code[3..];
                for query in [code.to_string(), code.to_lowercase(), digits.to_string(), format!("CID {digits}")] {
                    assert_eq!(first(&query), Some(article.id), "{query:?}");
                }
            }
        }
    }

    #[test]
    fn key_words_find_their_article_first_even_misspelt() {
        let table = [
            ("alredy have an account", "account-already-exists"),
            ("problme with nhs number", "nhs-number-problem"),
            ("disbaled", "login-disabled"),
            ("cannot use my nhs login", "cannot-use-login"),
            ("cancle link expierd", "phone-cancel-link-expired"),
            ("link alreday used", "phone-cancel-link-used"),
            ("surgrey system", "cannot-connect-to-gp-system"),
            ("conect login to gp", "cannot-connect-login-to-gp"),
            ("securty code email", "security-code-email"),
            ("nhsmial", "nhsmail-login"),
            ("aplying", "applying-for-nhs-login"),
        ];
        for (query, id) in table {
            assert_eq!(
                first(query),
                Some(id),
                "{query:?} found {:?}",
                search(query).iter().map(|a| a.id).collect::<Vec<_>>()
            );
        }
        let tested: Vec<_> = table.iter().map(|(_, id)| *id).collect();
        assert!(ARTICLES.iter().all(|article| tested.contains(&article.id)), "one row per article");
    }

    #[test]
    fn case_accents_and_punctuation_are_ignored() {
        assert_eq!(search("GP SURGERY’S"), search("gp surgerys"));
        assert_eq!(search("Gmaíl!"), search("gmail"));
        assert_eq!(first("Gmaíl"), Some("security-code-email"));
    }

    #[test]
    fn title_matches_rank_above_body_matches() {
        let found: Vec<_> = search("email").iter().map(|a| a.id).collect();
        assert_eq!(found.first(), Some(&"security-code-email"), "the only title with “email”");
        assert!(found.len() > 1, "other articles mention it in their text: {found:?}");
    }

    #[test]
    fn articles_with_every_word_beat_those_with_some() {
        let all = search("outlook hotmail");
        assert_eq!(all.iter().map(|a| a.id).collect::<Vec<_>>(), ["security-code-email"]);
        assert_eq!(search("gmail zzzzqqq"), search("gmail"), "a word nothing has does not hide the rest");
        assert_eq!(search("how do I fix my gmail"), search("fix gmail"), "little words are ignored");
        assert!(!search("my").is_empty(), "unless they are all there is");
    }

    #[test]
    fn nonsense_finds_nothing() {
        assert!(search("xylophone").is_empty());
        assert!(search("").is_empty());
        assert!(search(" ?! ").is_empty());
    }

    #[test]
    fn a_typo_is_forgiven_only_in_words_of_five_letters_or_more() {
        assert_eq!(first("nhsmial"), Some("nhsmail-login"));
        assert!(search("gmial").iter().any(|a| a.id == "security-code-email"), "5 letters: forgiven");
        assert!(search("gpx").is_empty(), "3 letters: not forgiven");
        assert!(search("b").is_empty() && search("zz").is_empty(), "one or two letters match only whole words");
        let started: Vec<_> = search("con").iter().take(2).map(|a| a.id).collect();
        assert_eq!(
            started,
            ["cannot-connect-to-gp-system", "cannot-connect-login-to-gp"],
            "three letters start a word"
        );
    }

    #[test]
    fn one_typo_apart_covers_each_kind_of_edit() {
        for (a, b) in [
            ("surgery", "surgry"),
            ("surgery", "surgerey"),
            ("surgery", "surgary"),
            ("surgery", "sugrery"),
            ("gp", "gp"),
        ] {
            assert!(one_typo_apart(a, b), "{a} {b}");
            assert!(one_typo_apart(b, a), "{b} {a}");
        }
        for (a, b) in [("surgery", "srgry"), ("surgery", "ysrgerus"), ("surgery", "sugreyr"), ("ab", "abcd")] {
            assert!(!one_typo_apart(a, b), "{a} {b}");
        }
    }

    proptest! {
        #[test]
        fn no_query_panics(query in "\\PC{0,200}") {
            let _ = search(&query);
        }

        #[test]
        fn typo_distance_is_symmetric(a in "[a-e]{0,7}", b in "[a-e]{0,7}") {
            prop_assert_eq!(one_typo_apart(&a, &b), one_typo_apart(&b, &a));
        }
    }
}
