//! The build-time article compiler (`build/compile.rs`), fed broken articles: each mistake an
//! author can make must fail the build with the file and line that caused it.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../build/compile.rs"]
#[allow(dead_code)]
mod compile;

use compile::{compile, Block, Inline, LinkTarget, Part};

const GOOD: &str = "---
id: sample
codes: CID1234
title: A sample article
topic: gp
links: contact
---

Intro with **Bold** and [Contact us](/contact?error=CID1234).

## Why it happens {#why .expander}

- one
- two

---

Closing words.
";

fn errors_for(text: &str) -> Vec<String> {
    errors_in(&[("content/articles/sample.md", text)])
}

fn errors_in(files: &[(&str, &str)]) -> Vec<String> {
    let sources: Vec<(String, String)> = files.iter().map(|(f, t)| (f.to_string(), t.to_string())).collect();
    match compile(&sources) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

fn assert_error(text: &str, expected: &str) {
    let errors = errors_for(text);
    assert!(errors.iter().any(|e| e == expected), "expected `{expected}`, got {errors:#?}");
}

#[test]
fn a_good_article_compiles_to_blocks_and_expanders() {
    let sources = vec![("content/articles/sample.md".to_string(), GOOD.to_string())];
    let articles = compile(&sources).expect("compiles");
    let article = &articles[0];
    assert_eq!(
        (article.id.as_str(), article.codes.as_slice(), article.title.as_str()),
        ("sample", &["CID1234".to_string()][..], "A sample article")
    );
    assert_eq!(article.parts.len(), 3);
    let Part::Block(Block::Paragraph(intro)) = &article.parts[0] else { panic!("{:?}", article.parts[0]) };
    assert_eq!(
        intro,
        &[
            Inline::Text("Intro with ".into()),
            Inline::Strong("Bold".into()),
            Inline::Text(" and ".into()),
            Inline::Link { target: LinkTarget::Contact, text: "Contact us".into() },
            Inline::Text(".".into()),
        ]
    );
    let Part::Expander(why) = &article.parts[1] else { panic!("{:?}", article.parts[1]) };
    assert_eq!((why.id.as_str(), why.summary.as_str()), ("why", "Why it happens"));
    assert!(matches!(&why.body[..], [Block::List { ordered: false, items }] if items.len() == 2));
    assert!(matches!(&article.parts[2], Part::Block(Block::Paragraph(_))), "`---` ends the expander");
}

#[test]
fn straight_quotes_become_typographic_in_titles_and_text() {
    let text =
        GOOD.replace("A sample article", "Your GP surgery's system").replace("Closing words.", "You'll see 'this'.");
    let sources = vec![("content/articles/sample.md".to_string(), text)];
    let article = &compile(&sources).expect("compiles")[0];
    assert_eq!(article.title, "Your GP surgery’s system");
    assert_eq!(article.parts[2], Part::Block(Block::Paragraph(vec![Inline::Text("You’ll see ‘this’.".into())])));
}

#[test]
fn missing_title_names_the_file() {
    assert_error(&GOOD.replace("title: A sample article\n", ""), "content/articles/sample.md:1: missing `title`");
}

#[test]
fn empty_title_names_the_line() {
    assert_error(&GOOD.replace("title: A sample article", "title:"), "content/articles/sample.md:4: `title` is empty");
}

#[test]
fn malformed_codes_are_rejected() {
    for code in ["CID123", "CID123456", "cid1234", "7023", "CID12a4"] {
        assert_error(
            &GOOD.replace("codes: CID1234", &format!("codes: {code}")),
            &format!("content/articles/sample.md:3: malformed code `{code}`: expected `CID` and 4 or 5 digits"),
        );
    }
}

#[test]
fn a_code_used_by_two_articles_is_rejected() {
    let other = GOOD.replace("id: sample", "id: other");
    let errors = errors_in(&[("content/articles/sample.md", GOOD), ("content/articles/other.md", &other)]);
    assert!(
        errors.contains(
            &"content/articles/other.md:3: duplicate code `CID1234` (also in content/articles/sample.md)".to_string()
        ),
        "{errors:#?}"
    );
}

#[test]
fn duplicates_across_articles_name_the_line_of_their_key() {
    let reordered = GOOD.replace("id: sample\ncodes: CID1234\n", "codes: CID1234\nid: sample\n");
    let errors = errors_in(&[("content/articles/other/sample.md", GOOD), ("content/articles/sample.md", &reordered)]);
    assert!(
        errors.contains(
            &"content/articles/sample.md:3: duplicate article id `sample` (also in content/articles/other/sample.md)"
                .to_string()
        ),
        "{errors:#?}"
    );
    assert!(
        errors.contains(
            &"content/articles/sample.md:2: duplicate code `CID1234` (also in content/articles/other/sample.md)"
                .to_string()
        ),
        "{errors:#?}"
    );
}

#[test]
fn a_code_listed_twice_is_rejected() {
    assert_error(
        &GOOD.replace("codes: CID1234", "codes: CID1234, CID1234"),
        "content/articles/sample.md:3: duplicate code `CID1234`",
    );
}

#[test]
fn an_empty_expander_is_rejected_at_its_heading() {
    let text = GOOD.replace("- one\n- two\n", "");
    assert_error(&text, "content/articles/sample.md:11: expander `why` is empty");
}

#[test]
fn an_expander_needs_an_id() {
    assert_error(
        &GOOD.replace("{#why .expander}", "{.expander}"),
        "content/articles/sample.md:11: an expander needs an id: `## Summary {#some-id .expander}`",
    );
}

#[test]
fn expander_ids_are_unique_within_an_article() {
    let text = GOOD.replace("---\n\nClosing", "## Again {#why .expander}\n\nMore.\n\n---\n\nClosing");
    assert_error(&text, "content/articles/sample.md:16: duplicate expander id `why`");
}

#[test]
fn links_must_be_https_or_the_contact_route() {
    for href in ["http://example.org/", "javascript:alert(1)", "/somewhere", "mailto:x@example.org", "//evil.example/"]
    {
        let text = GOOD.replace("Closing words.", &format!("[Elsewhere]({href})"));
        assert_error(
            &text,
            &format!("content/articles/sample.md:18: link `{href}` must be https:// or the relative route `/contact`"),
        );
    }
}

#[test]
fn a_contact_link_must_name_the_articles_own_code() {
    assert_error(
        &GOOD.replace("/contact?error=CID1234", "/contact?error=CID9999"),
        "content/articles/sample.md:9: contact link names `CID9999`, which is not one of this article's codes",
    );
}

#[test]
fn declared_links_must_match_the_body() {
    assert_error(
        &GOOD.replace("links: contact", "links: contact, settings"),
        "content/articles/sample.md:1: `links` lists settings but the body never links to it",
    );
    assert_error(
        &GOOD.replace("links: contact", "links:"),
        "content/articles/sample.md:1: the body links to contact but `links` does not list it",
    );
    assert_error(
        &GOOD.replace("links: contact", "links: contact, phone"),
        "content/articles/sample.md:6: unknown link `phone` (known: contact, settings)",
    );
}

#[test]
fn unknown_front_matter_keys_are_rejected() {
    assert_error(
        &GOOD.replace("topic: gp", "topic: gp\nsumary: typo"),
        "content/articles/sample.md:6: unknown front-matter key `sumary` (known: id, codes, title, topic, links)",
    );
}

#[test]
fn unknown_topics_are_rejected() {
    assert_error(
        &GOOD.replace("topic: gp", "topic: gardening"),
        "content/articles/sample.md:5: unknown topic `gardening` (known: account, gp, phone-security, staff, applying)",
    );
}

#[test]
fn the_id_must_match_the_file_name() {
    assert_error(
        &GOOD.replace("id: sample", "id: another"),
        "content/articles/sample.md:1: id `another` must match the file name `sample.md`",
    );
    assert_error(
        &GOOD.replace("id: sample", "id: Not_A_Slug"),
        "content/articles/sample.md:1: id `Not_A_Slug` must be lower-case words joined by hyphens",
    );
}

#[test]
fn line_breaks_faking_a_list_are_rejected() {
    let text = GOOD.replace("Closing words.", "First line  \nSecond line");
    assert_error(
        &text,
        "content/articles/sample.md:18: line breaks are not allowed: use a list or separate paragraphs",
    );
}

#[test]
fn html_and_other_markdown_are_rejected() {
    assert_error(
        &GOOD.replace("Closing words.", "<details>open</details>"),
        "content/articles/sample.md:18: unsupported markdown: HTML",
    );
    assert_error(&GOOD.replace("Closing words.", "Some *italic* text"), "content/articles/sample.md:18: unsupported markdown: italics (use **bold** for the names of buttons and settings)");
    assert_error(
        &GOOD.replace("Closing words.", "### Too deep"),
        "content/articles/sample.md:18: use `##` for sub-headings and expanders; other heading levels are not allowed",
    );
    assert_error(
        &GOOD.replace("Closing words.", "![x](https://example.org/x.png)"),
        "content/articles/sample.md:18: unsupported markdown: images",
    );
}

#[test]
fn a_stray_rule_is_rejected() {
    assert_error(
        &GOOD.replace("Closing words.", "Closing words.\n\n---\n\nMore."),
        "content/articles/sample.md:20: `---` only ends an expander, and no expander is open",
    );
}

#[test]
fn front_matter_is_required() {
    assert_error("Just text\n", "content/articles/sample.md:1: an article starts with a `---` front-matter block");
    assert_error("---\nid: sample\n", "content/articles/sample.md:1: front matter is not closed by a `---` line");
}

#[test]
fn every_error_is_reported_at_once() {
    let text = GOOD.replace("title: A sample article\n", "").replace("topic: gp", "topic: nope");
    assert_eq!(errors_for(&text).len(), 3, "missing title, unknown topic, missing topic: {:#?}", errors_for(&text));
}

#[test]
fn words_search_cannot_find_are_refused_and_accents_are_fine() {
    assert_error(
        &GOOD.replace("Closing words.", "Closing words in Ελληνικά."),
        "content/articles/sample.md:1: the word `Ελληνικά` cannot be searched for: write it in the Latin alphabet (accents are fine)",
    );
    assert!(errors_for(&GOOD.replace("Closing words.", "Closing words, Médecin Straße.")).is_empty());
}
