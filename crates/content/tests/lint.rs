//! The build's style checks (`crates/content/src/lint.rs`): warnings that never fail the build,
//! for words the style guides ask writers to avoid, long sentences, headings not in sentence case,
//! link text that does not say where it goes, and each article's reading level.

use nhs_login_help_content::compile;
use nhs_login_help_content::lint::{line_of, lint, not_sentence_case, sentences, syllables, Rule, Warning};

/// An article with `body` after its front matter, which starts on line 8.
fn article(title: &str, body: &str) -> String {
    format!("---\nid: sample\ncodes: CID1234\ntitle: {title}\ntopic: gp\nlinks:\n---\n\n{body}")
}

fn warnings_for(text: &str) -> Vec<Warning> {
    let sources = vec![("content/articles/sample.md".to_string(), text.to_string())];
    let articles = compile::compile(&sources).expect("the article compiles: warnings never stop the build");
    lint(&articles, &sources).remove(0).warnings
}

fn rules(warnings: &[Warning]) -> Vec<Rule> {
    warnings.iter().map(|warning| warning.rule).collect()
}

#[test]
fn a_plain_article_has_no_warnings() {
    let text = article(
        "You cannot log in",
        "We could not find your account.\n\n## Why this happens {#why .expander}\n\nYou may have used a different email address.\n\n- Check your email\n- Try again\n\n[Go to your NHS account settings](https://settings.example/)\n",
    );
    assert_eq!(warnings_for(&text), []);
}

#[test]
fn a_click_here_link_warns_at_its_line_and_the_build_still_succeeds() {
    let text = article(
        "You cannot log in",
        "We could not find your account.\n\nTo try again, [click here](https://example.org/).\n",
    );
    let warnings = warnings_for(&text);
    let link = warnings.iter().find(|w| w.rule == Rule::LinkText).expect("a link-text warning");
    assert_eq!(link.line, 11);
    assert_eq!(
        link.to_string(),
        "content/articles/sample.md:11: link text “click here” does not say where it goes: use words that describe the page (link-text)"
    );
    // "click" is also a word to avoid.
    assert!(warnings.iter().any(|w| w.rule == Rule::Word && w.message.starts_with("“click”")), "{warnings:#?}");
}

#[test]
fn vague_link_texts_warn_and_descriptive_ones_do_not() {
    for vague in ["here", "Here", "this link", "more", "Read more", "find out more."] {
        let text = article("You cannot log in", &format!("See [{vague}](https://example.org/).\n"));
        assert_eq!(rules(&warnings_for(&text)), [Rule::LinkText], "{vague}");
    }
    let text = article("You cannot log in", "Read [how to change your email address](https://example.org/) first.\n");
    assert_eq!(warnings_for(&text), []);
}

#[test]
fn words_to_avoid_warn_with_what_to_write_instead() {
    for (sentence, word) in [
        ("Click the button to continue.", "click"),
        ("Bring a document, e.g. a passport.", "e.g."),
        ("Use the same address, i.e. the one you gave.", "i.e."),
        ("Bring a passport, a licence etc.", "etc."),
        ("Check your email & phone number.", "&"),
        ("You can obtain a code from your GP.", "obtain"),
        ("You may need to login again.", "to login"),
        ("We utilise your details.", "utilise"),
    ] {
        let warnings = warnings_for(&article("You cannot log in", &format!("{sentence}\n")));
        assert_eq!(rules(&warnings), [Rule::Word], "{sentence}: {warnings:#?}");
        assert!(warnings[0].message.starts_with(&format!("“{word}”: ")), "{sentence}: {}", warnings[0].message);
    }
    // Parts of other words, and A&E, are not the words to avoid.
    let text = article("You cannot log in", "Go to A&E. Your clicker is not a sign. The etcher obtained nothing.\n");
    assert_eq!(warnings_for(&text), []);
}

#[test]
fn sentences_over_25_words_warn_at_their_line() {
    let long = "If you have been through every one of the steps above but you still cannot log in to the service, you should contact the team that runs it for more help.";
    let text = article("You cannot log in", &format!("A short one.\n\n{long}\n"));
    let warnings = warnings_for(&text);
    assert_eq!(rules(&warnings), [Rule::LongSentence]);
    assert_eq!(warnings[0].line, 11);
    assert!(warnings[0].message.starts_with("a sentence of 31 words"), "{}", warnings[0].message);
    assert_eq!(
        sentences("One. Two, e.g. three. NHS.net is fine? Yes"),
        ["One.", "Two, e.g. three.", "NHS.net is fine?", "Yes"]
    );
}

#[test]
fn headings_in_title_case_warn_and_names_keep_their_capitals() {
    assert_eq!(not_sentence_case("Problems Logging In"), Some("Logging".into()));
    assert_eq!(not_sentence_case("problems logging in"), Some("problems".into()));
    for fine in [
        "Problems logging in with NHSmail",
        "Your NHSmail account is not bound to your Care Identity profile",
        "Contact the National Service Desk",
        "CID7023: you cannot use your GP’s system",
        "Ask GPs for help",
        "If you are using Gmail",
        "Use NHS login with the NHS App",
        "iPhone settings",
    ] {
        assert_eq!(not_sentence_case(fine), None, "{fine}");
    }
    // A title, a sub-heading and an expander summary are all checked.
    let text = article(
        "Problems Logging In",
        "Intro.\n\n## What Happens Next\n\nText.\n\n## You Already Have An Account {#already .expander}\n\nText.\n",
    );
    let warnings = warnings_for(&text);
    assert_eq!(rules(&warnings), [Rule::SentenceCase; 3], "{warnings:#?}");
    assert_eq!(warnings.iter().map(|w| w.line).collect::<Vec<_>>(), [4, 11, 15]);
}

#[test]
fn syllables_are_counted_by_vowel_groups_with_acronyms_letter_by_letter() {
    for (word, count) in [
        ("cat", 1),
        ("email", 2),
        ("make", 1),
        ("possible", 3),
        ("wanted", 2),
        ("used", 1),
        ("organisation", 5),
        ("NHS", 3),
        ("GP", 2),
        ("CID7023", 2),
        ("you’ve", 1),
        ("registration", 4),
    ] {
        assert_eq!(syllables(word), count, "{word}");
    }
}

#[test]
fn the_reading_level_is_flesch_reading_ease_and_a_hard_article_warns() {
    let easy = "You can log in. We sent you a code. Type the code in the box.";
    let sources = vec![("content/articles/sample.md".to_string(), article("You cannot log in", &format!("{easy}\n")))];
    let articles = compile::compile(&sources).expect("compiles");
    let report = lint(&articles, &sources).remove(0);
    assert_eq!((report.reading.words, report.reading.sentences), (15, 3));
    assert!(report.reading.ease() > 90.0, "{}", report.reading.ease());
    assert_eq!(report.warnings, []);

    let hard = "Authentication necessitates registration of organisational credentials. Administrative verification facilitates authorisation.";
    let warnings = warnings_for(&article("You cannot log in", &format!("{}\n", [hard; 10].join(" "))));
    assert!(rules(&warnings).contains(&Rule::ReadingLevel), "{warnings:#?}");
}

#[test]
fn the_line_is_found_by_words_whatever_the_quotes_and_dashes() {
    let source = "---\ntitle: Your GP's system\n---\n\nTry again -- this works.\n";
    assert_eq!(line_of(source, "Your GP’s system"), 2);
    assert_eq!(line_of(source, "Try again – this works."), 5);
    assert_eq!(line_of(source, "Nothing like it"), 1);
}

#[test]
fn every_seed_article_is_checked_and_scored() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/articles");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the articles")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let sources: Vec<(String, String)> = names
        .iter()
        .map(|name| {
            (format!("content/articles/{name}"), std::fs::read_to_string(format!("{dir}/{name}")).expect("readable"))
        })
        .collect();
    let articles = compile::compile(&sources).expect("the seed articles compile");
    let reports = lint(&articles, &sources);
    assert_eq!(reports.len(), articles.len());
    for report in &reports {
        assert!(report.reading.words > 0 && report.reading.sentences > 0, "{}", report.id);
        println!(
            "{}: ease {:.0}, grade {:.1}, {} words, {} sentences, {} warnings",
            report.id,
            report.reading.ease(),
            report.reading.grade(),
            report.reading.words,
            report.reading.sentences,
            report.warnings.len()
        );
    }
}
