//! The build-time article compiler (`crates/content/src/compile.rs`), fed broken articles: each
//! mistake an author can make must fail the build with the file and line that caused it.

use nhs_login_help_content::compile::{self, compile, Block, ContentError, Inline, LinkTarget, Part};

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

/// Every problem as the build prints it, `file:line: what; how to fix it`, follow-ons included.
fn errors_in(files: &[(&str, &str)]) -> Vec<String> {
    problems_in(files)
        .iter()
        .flat_map(|problem| std::iter::once(problem).chain(&problem.follow_ons))
        .map(ToString::to_string)
        .collect()
}

fn problems_in(files: &[(&str, &str)]) -> Vec<ContentError> {
    let sources: Vec<(String, String)> = files.iter().map(|(f, t)| (f.to_string(), t.to_string())).collect();
    compile(&sources).err().unwrap_or_default()
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
    assert_error(
        &GOOD.replace("title: A sample article\n", ""),
        "content/articles/sample.md:1: missing `title`; add a `title:` line to the front matter",
    );
}

#[test]
fn empty_title_names_the_line() {
    assert_error(
        &GOOD.replace("title: A sample article", "title:"),
        "content/articles/sample.md:4: `title` is empty; write the title after `title:`",
    );
}

#[test]
fn malformed_codes_are_rejected() {
    for code in ["CID123", "CID123456", "cid1234", "7023", "CID12a4"] {
        assert_error(
            &GOOD.replace("codes: CID1234", &format!("codes: {code}")),
            &format!("content/articles/sample.md:3: malformed code `{code}`; write `CID` and 4 or 5 digits, such as `CID7023`, with commas between codes"),
        );
    }
}

#[test]
fn a_code_used_by_two_articles_is_rejected() {
    let other = GOOD.replace("id: sample", "id: other");
    let errors = errors_in(&[("content/articles/sample.md", GOOD), ("content/articles/other.md", &other)]);
    assert!(
        errors.contains(
            &"content/articles/other.md:3: duplicate code `CID1234` (also in content/articles/sample.md); a code belongs to one article: remove it from one of them".to_string()
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
            &"content/articles/sample.md:3: duplicate article id `sample` (also in content/articles/other/sample.md); give one of them another id, and its file the same name"
                .to_string()
        ),
        "{errors:#?}"
    );
    assert!(
        errors.contains(
            &"content/articles/sample.md:2: duplicate code `CID1234` (also in content/articles/other/sample.md); a code belongs to one article: remove it from one of them"
                .to_string()
        ),
        "{errors:#?}"
    );
}

#[test]
fn a_code_listed_twice_is_rejected() {
    assert_error(
        &GOOD.replace("codes: CID1234", "codes: CID1234, CID1234"),
        "content/articles/sample.md:3: duplicate code `CID1234`; list each code once",
    );
}

#[test]
fn an_empty_expander_is_rejected_at_its_heading() {
    let text = GOOD.replace("- one\n- two\n", "");
    assert_error(
        &text,
        "content/articles/sample.md:11: expander `why` is empty; write its text under its heading, or remove it",
    );
}

#[test]
fn an_expander_needs_an_id() {
    assert_error(
        &GOOD.replace("{#why .expander}", "{.expander}"),
        "content/articles/sample.md:11: an expander has no id; write its heading as `## Summary {#some-id .expander}`",
    );
}

#[test]
fn expander_ids_are_unique_within_an_article() {
    let text = GOOD.replace("---\n\nClosing", "## Again {#why .expander}\n\nMore.\n\n---\n\nClosing");
    assert_error(
        &text,
        "content/articles/sample.md:16: duplicate expander id `why`; give each expander of the article its own id",
    );
}

#[test]
fn links_must_be_https_or_the_contact_route() {
    for href in ["http://example.org/", "javascript:alert(1)", "/somewhere", "mailto:x@example.org", "//evil.example/"]
    {
        let text = GOOD.replace("Closing words.", &format!("[Elsewhere]({href})"));
        assert_error(
            &text,
            &format!("content/articles/sample.md:18: link `{href}` is neither https:// nor the relative route `/contact`; link to an `https://` address, or to `/contact` for the contact form"),
        );
    }
}

#[test]
fn a_contact_link_must_name_the_articles_own_code() {
    assert_error(
        &GOOD.replace("/contact?error=CID1234", "/contact?error=CID9999"),
        "content/articles/sample.md:9: contact link names `CID9999`, which is not one of this article's codes; name one of the article's codes (CID1234), or link to `/contact` alone",
    );
}

#[test]
fn declared_links_must_match_the_body() {
    assert_error(
        &GOOD.replace("links: contact", "links: contact, settings"),
        "content/articles/sample.md:1: `links` lists settings but the body never links to it; remove settings from the `links:` line, or link to it",
    );
    assert_error(
        &GOOD.replace("links: contact", "links:"),
        "content/articles/sample.md:1: the body links to contact but `links` does not list it; add contact to the `links:` line",
    );
    assert_error(
        &GOOD.replace("links: contact", "links: contact, phone"),
        "content/articles/sample.md:6: unknown link `phone`; use contact, settings or both, with a comma between",
    );
}

#[test]
fn unknown_front_matter_keys_are_rejected() {
    assert_error(
        &GOOD.replace("topic: gp", "topic: gp\nsumary: typo"),
        "content/articles/sample.md:6: unknown front-matter key `sumary`; use one of id, codes, title, topic, links (is it misspelt?)",
    );
}

#[test]
fn unknown_topics_are_rejected() {
    assert_error(
        &GOOD.replace("topic: gp", "topic: gardening"),
        "content/articles/sample.md:5: unknown topic `gardening`; use one of account, gp, phone-security, staff, applying",
    );
}

#[test]
fn the_id_must_match_the_file_name() {
    assert_error(
        &GOOD.replace("id: sample", "id: another"),
        "content/articles/sample.md:1: id `another` does not match the file name `sample.md`; make them the same: rename the file, or change the id if it was never published",
    );
    assert_error(
        &GOOD.replace("id: sample", "id: Not_A_Slug"),
        "content/articles/sample.md:1: id `Not_A_Slug` is not lower-case words joined by hyphens; use lower-case letters, digits and hyphens, as the file name does: `sample`",
    );
}

#[test]
fn line_breaks_faking_a_list_are_rejected() {
    let text = GOOD.replace("Closing words.", "First line  \nSecond line");
    assert_error(
        &text,
        "content/articles/sample.md:18: line breaks are not allowed; use a list or separate paragraphs (a line that ends in two spaces or `\\` makes a break)",
    );
}

#[test]
fn html_and_other_markdown_are_rejected() {
    assert_error(
        &GOOD.replace("Closing words.", "<details>open</details>"),
        "content/articles/sample.md:18: unsupported markdown: HTML; write it in markdown; an expander is `## Summary {#some-id .expander}`",
    );
    assert_error(&GOOD.replace("Closing words.", "Some *italic* text"), "content/articles/sample.md:18: unsupported markdown: italics; use **bold** for the names of buttons and settings, else plain text");
    assert_error(
        &GOOD.replace("Closing words.", "### Too deep"),
        "content/articles/sample.md:18: only `##` headings are allowed; use `##` for sub-headings and expanders, with nothing before them on the line",
    );
    assert_error(
        &GOOD.replace("Closing words.", "![x](https://example.org/x.png)"),
        "content/articles/sample.md:18: unsupported markdown: images; describe in words what the image showed",
    );
}

#[test]
fn a_stray_rule_is_rejected() {
    assert_error(
        &GOOD.replace("Closing words.", "Closing words.\n\n---\n\nMore."),
        "content/articles/sample.md:20: a `---` line, but no expander is open; `---` only ends an expander: remove it, or check the expander heading above it",
    );
}

#[test]
fn front_matter_is_required() {
    assert_error(
        "Just text\n",
        "content/articles/sample.md:1: the article does not start with its front matter; make the first line `---`, then the `id:`, `codes:`, `title:`, `topic:` and `links:` lines, then `---`",
    );
    assert_error(
        "---\nid: sample\n",
        "content/articles/sample.md:1: the front matter is not closed by a `---` line; add a `---` line after the last front-matter line",
    );
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
        "content/articles/sample.md:1: the word `Ελληνικά` cannot be searched for; write it in the Latin alphabet (accents are fine)",
    );
    assert!(errors_for(&GOOD.replace("Closing words.", "Closing words, Médecin Straße.")).is_empty());
}

// One mistake, one problem: what it causes further on in its file is folded under it.

/// The typo the browser suite makes (`tests/e2e/content-problems.test.mjs`), in the real article.
fn cannot_use_login_with(code: &str) -> Vec<ContentError> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../content/articles/cannot-use-login.md"))
            .expect("the article");
    assert!(text.contains("codes: CID2014\n"), "the article still has the code the test breaks");
    problems_in(&[("content/articles/cannot-use-login.md", &text.replace("codes: CID2014", &format!("codes: {code}")))])
}

#[test]
fn a_malformed_code_is_one_problem_with_the_contact_link_and_links_line_it_breaks_under_it() {
    let problems = cannot_use_login_with("CID20X4");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let lines = compile::report_lines(&problems);
    assert_eq!(
        lines,
        [
            "content/articles/cannot-use-login.md:3: malformed code `CID20X4`; write `CID` and 4 or 5 digits, such as `CID7023`, with commas between codes",
            "  which also causes content/articles/cannot-use-login.md:15: contact link names `CID2014`, which is not one of this article's codes",
            "  which also causes content/articles/cannot-use-login.md:1: `links` lists contact but the body never links to it",
        ]
    );
}

#[test]
fn a_contact_link_with_the_wrong_code_is_a_problem_of_its_own_when_the_codes_are_fine() {
    let problems = problems_in(&[("content/articles/sample.md", &GOOD.replace("error=CID1234", "error=CID1243"))]);
    let located: Vec<_> = problems.iter().map(|p| (p.line, p.follow_ons.len())).collect();
    assert_eq!(located, [(9, 1)], "with `links` listing contact under it: {problems:#?}");
}

#[test]
fn a_misspelt_key_is_one_problem_with_what_its_absence_causes_under_it() {
    // `code:` for `codes:`: the contact link's code is unknown, so `links: contact` has no link.
    let problems = problems_in(&[("content/articles/sample.md", &GOOD.replace("codes: CID1234", "code: CID1234"))]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].message, "unknown front-matter key `code`");
    let follow_ons: Vec<_> = problems[0].follow_ons.iter().map(|p| (p.line, p.message.as_str())).collect();
    assert_eq!(
        follow_ons,
        [
            (9, "contact link names `CID1234`, which is not one of this article's codes"),
            (1, "`links` lists contact but the body never links to it"),
        ]
    );
    // `titel:` for `title:`: the title is missing because of it.
    let problems = problems_in(&[("content/articles/sample.md", &GOOD.replace("title:", "titel:"))]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!((problems[0].line, problems[0].follow_ons[0].message.as_str()), (4, "missing `title`"));
}

#[test]
fn a_refused_value_carries_the_missing_key_it_leaves() {
    let problems = problems_in(&[("content/articles/sample.md", &GOOD.replace("topic: gp", "topic: gardening"))]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!((problems[0].line, problems[0].follow_ons[0].message.as_str()), (5, "missing `topic`"));
    let problems = problems_in(&[("content/articles/sample.md", &GOOD.replace("links: contact", "links: contcat"))]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].follow_ons[0].message, "the body links to contact but `links` does not list it");
}

#[test]
fn an_expander_heading_with_a_broken_id_is_one_problem_with_the_stray_rule_under_it() {
    // Without its closing brace the heading is plain text: no expander opens, so the `---` that
    // was to close it has nothing to close.
    let problems = problems_in(&[("content/articles/sample.md", &GOOD.replace("{#why .expander}", "{#why .expander"))]);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(
        problems[0].to_string(),
        "content/articles/sample.md:11: the heading `Why it happens {#why .expander` has a broken `{#id .expander}`; write it as `## Summary {#some-id .expander}`, with both braces"
    );
    let follow_ons: Vec<_> = problems[0].follow_ons.iter().map(|p| p.line).collect();
    assert_eq!(follow_ons, [16], "the `---`: {problems:#?}");
}

#[test]
fn text_right_above_a_rule_becomes_a_heading_and_says_so() {
    let text = GOOD.replace("- two\n\n---", "- two\n\nLast words.\n---");
    assert_error(
        &text,
        "content/articles/sample.md:16: a line of text with a `---` or `===` line right under it has become a heading; put a blank line between the text and the `---`",
    );
}

#[test]
fn unrelated_problems_stay_apart_in_the_order_of_the_files_and_lines() {
    let b = GOOD
        .replace("id: sample", "id: b")
        .replace("CID1234", "CID2222")
        .replace("Closing words.", "Some *italic* text");
    let c = GOOD.replace("id: sample", "id: c").replace("CID1234", "CID3333");
    let c = c.replace("title: A sample article\n", "").replace("topic: gp", "topic: nope");
    // d compiles, but repeats a's code: found once every article has compiled, placed with d.
    let d = GOOD.replace("id: sample", "id: d");
    let problems = problems_in(&[
        ("content/articles/a.md", &GOOD.replace("id: sample", "id: a")),
        ("content/articles/b.md", &b),
        ("content/articles/c.md", &c),
        ("content/articles/d.md", &d),
    ]);
    let located: Vec<_> = problems.iter().map(|p| (p.file.as_str(), p.line, p.follow_ons.len())).collect();
    assert_eq!(
        located,
        [
            ("content/articles/b.md", 18, 0),
            // The missing title is a problem of its own; the missing topic follows from line 4's.
            ("content/articles/c.md", 1, 0),
            ("content/articles/c.md", 4, 1),
            ("content/articles/d.md", 3, 0),
        ]
    );
}

#[test]
fn every_problem_says_how_to_fix_it() {
    let broken = [
        GOOD.replace("title: A sample article\n", "").replace("topic: gp", "topic: nope"),
        GOOD.replace("codes: CID1234", "codes: CID12, CID1234, CID1234\nlinks: settings\nsumary: x\nno colon"),
        GOOD.replace("id: sample", "id: Bad_Id"),
        GOOD.replace("id: sample\n", "").replace("title: A sample article", "title:"),
        GOOD.replace("{#why .expander}", "{#Why .expander .wide}"),
        GOOD.replace("{#why .expander}", "{.expander}"),
        GOOD.replace("## Why it happens {#why .expander}", "## {#why .expander}\n\n## Twice {#twice}\n\n##"),
        GOOD.replace(
            "Closing words.",
            "*i* `code` <b>x</b> [](https://example.org/) [x](http://example.org/) ![i](https://example.org/i.png)\n\n    indented\n\n### Deep\n\n<div>\nblock\n</div>\n\nA  \nbreak\n\n---\n\n- **[nested](https://example.org/)**",
        ),
        GOOD.replace("- one\n- two\n", ""),
        GOOD.replace("---\n\nClosing", "## Why it happens {#why .expander}\n\nMore.\n\n---\n\nClosing"),
        "---\nid: sample\n---\n".to_string(),
        "No front matter\n".to_string(),
        "---\nid: sample\n".to_string(),
        GOOD.replace("Closing words.", "Ελληνικά"),
    ];
    let mut seen = 0;
    for text in &broken {
        for problem in problems_in(&[("content/articles/sample.md", text)]) {
            for problem in std::iter::once(&problem).chain(&problem.follow_ons) {
                assert!(!problem.hint.is_empty(), "no hint: {problem}");
                seen += 1;
            }
        }
    }
    let other = GOOD.replace("id: sample", "id: other");
    for problem in problems_in(&[("content/articles/other/sample.md", GOOD), ("content/articles/sample.md", &other)]) {
        assert!(!problem.hint.is_empty(), "no hint: {problem}");
        seen += 1;
    }
    assert!(seen >= 40, "only {seen} problems made");
}

// What a build does with them: a release build fails, a development build shows them.

#[test]
fn a_release_build_fails_on_problems_and_only_a_debug_build_shows_them_in_the_page() {
    use compile::{on_problems, OnProblems};
    // `trunk build --release` passes `--release` to cargo, which gives build scripts `PROFILE=release`.
    assert_eq!(on_problems("release"), OnProblems::Fail);
    assert_eq!(on_problems("debug"), OnProblems::ShowInPage);
    // Anything cargo might say that is not plainly a debug build fails, as release does.
    for profile in ["", "Release", "bench", "custom"] {
        assert_eq!(on_problems(profile), OnProblems::Fail, "{profile}");
    }
}

#[test]
fn the_problems_are_written_as_a_constant_the_page_lists() {
    let problems = cannot_use_login_with("CID20X4");
    let code = compile::generate_problems(&problems);
    assert!(code.contains("pub const PROBLEMS: &[ContentProblem] = &[\n    ContentProblem { file: \"content/articles/cannot-use-login.md\", line: 3, message: \"malformed code `CID20X4`\", hint: "), "{code}");
    assert!(
        code.contains("follow_ons: &[ContentProblem { file: \"content/articles/cannot-use-login.md\", line: 15, "),
        "{code}"
    );
    assert!(compile::generate_problems(&[]).ends_with("pub const PROBLEMS: &[ContentProblem] = &[\n];\n"));
    // Quotes and backslashes in what an article says stay inside the string literal.
    let problems = problems_in(&[("content/articles/sample.md", &GOOD.replace("codes: CID1234", "codes: CID\"\\x"))]);
    let code = compile::generate_problems(&problems);
    assert!(code.contains(r#"message: "malformed code `CID\"\\x`""#), "{code}");
}
