//! Checks beyond syntax: what plain-English guides for public services ask writers to avoid, and
//! each article's reading level. They are warnings, never errors: the core crate's build script
//! prints them with the file and line (cargo's `warning:` lines, in `trunk serve` and `trunk build`
//! too) and the gallery shows them beside the article. Pure functions of the compiled articles and
//! their source text, so the native tests (`crates/content/tests/lint.rs`) feed them articles
//! directly.

use crate::compile::{plain_text, Article, Block, Inline, Part};

/// Words and phrases the NHS content guide (A to Z of NHS health writing) and the GOV.UK style
/// guide (A to Z, "words to avoid", plain English) ask writers not to use, each with what to write
/// instead. Matched as whole words, ignoring case.
pub const AVOID: &[(&str, &str)] = &[
    ("click", "write “select”: not everyone uses a mouse (GOV.UK style guide)"),
    ("clicks", "write “selects”: not everyone uses a mouse (GOV.UK style guide)"),
    ("clicked", "write “selected”: not everyone uses a mouse (GOV.UK style guide)"),
    ("clicking", "write “selecting”: not everyone uses a mouse (GOV.UK style guide)"),
    ("e.g.", "write “for example” or “such as” (GOV.UK style guide, NHS content guide)"),
    ("eg", "write “for example” or “such as” (GOV.UK style guide, NHS content guide)"),
    ("i.e.", "write “that is”, or rewrite the sentence (GOV.UK style guide, NHS content guide)"),
    ("ie", "write “that is”, or rewrite the sentence (GOV.UK style guide, NHS content guide)"),
    ("etc.", "list every item, or introduce a short list with “such as” (GOV.UK style guide)"),
    ("etc", "list every item, or introduce a short list with “such as” (GOV.UK style guide)"),
    ("&", "write “and”: screen readers do not all read “&” as “and” (NHS content guide)"),
    ("utilise", "write “use” (GOV.UK words to avoid)"),
    ("utilize", "write “use” (GOV.UK words to avoid)"),
    ("facilitate", "say what is being done (GOV.UK words to avoid)"),
    ("purchase", "write “buy” (GOV.UK plain English)"),
    ("assist", "write “help” (GOV.UK plain English)"),
    ("approximately", "write “about” (GOV.UK plain English)"),
    ("obtain", "write “get” (plain English: the short, everyday word)"),
    ("to login", "“log in” is the verb, “login” the noun (as in NHS login): write “to log in”"),
];

/// Link text that does not say where the link goes (WCAG 2.4.4, GOV.UK style guide: links).
pub const VAGUE_LINKS: &[&str] =
    &["here", "click here", "this link", "link", "more", "read more", "find out more", "this page", "click"];

/// Sentences longer than this are hard to follow (GOV.UK: "keep sentences to 25 words or fewer").
pub const LONGEST_SENTENCE: usize = 25;

/// Articles whose Flesch reading ease is below this read as "fairly difficult" or harder.
pub const EASIEST_SCORE: f64 = 60.0;

/// The formula says little about a few sentences: shorter articles are scored but never warned.
pub const SCORED_WORDS: usize = 100;

/// Names written with capitals in a heading that is otherwise in sentence case. A heading may use
/// each word of these phrases capitalised, where the whole phrase appears in it.
pub const PROPER_NOUNS: &[&str] = &[
    "NHS login",
    "NHS App",
    "NHS England",
    "NHS Digital Customer Portal",
    "NHS CIS2 Authentication",
    "CIS2 Authentication",
    "NHS.net Connect",
    "NHSmail",
    "Care Identity",
    "National Service Desk",
    "Registration Authority",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "Gmail",
    "Google",
    "Microsoft",
    "Outlook",
    "Hotmail",
    // Microsoft's Live mail, beside Outlook and Hotmail.
    "Live",
    "Yahoo",
    "Apple",
    "Android",
    "European",
    "British",
    "Coronavirus",
    "I",
];

/// Which check a warning comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A word or phrase the style guides ask writers to avoid.
    Word,
    /// A sentence over [`LONGEST_SENTENCE`] words.
    LongSentence,
    /// A title, sub-heading or expander summary not in sentence case.
    SentenceCase,
    /// Link text that does not say where it goes.
    LinkText,
    /// Flesch reading ease below [`EASIEST_SCORE`].
    ReadingLevel,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::Word => "word",
            Rule::LongSentence => "long-sentence",
            Rule::SentenceCase => "sentence-case",
            Rule::LinkText => "link-text",
            Rule::ReadingLevel => "reading-level",
        }
    }
}

/// One thing a content designer may want to change, at a line of an article's file.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub file: String,
    pub line: usize,
    pub rule: Rule,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {} ({})", self.file, self.line, self.message, self.rule.name())
    }
}

/// An article's reading level by the Flesch formulas, over its body text (paragraphs, list items
/// and insets, expanders included; not its title, headings or summaries).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
}

impl Reading {
    /// Flesch reading ease: 206.835 − 1.015 × words per sentence − 84.6 × syllables per word.
    /// Higher is easier; 60 to 70 is plain English, 70 to 80 fairly easy.
    pub fn ease(&self) -> f64 {
        let (w, s, y) = (self.words.max(1) as f64, self.sentences.max(1) as f64, self.syllables as f64);
        206.835 - 1.015 * (w / s) - 84.6 * (y / w)
    }

    /// Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59,
    /// a US school grade (add 5 for a reading age).
    pub fn grade(&self) -> f64 {
        let (w, s, y) = (self.words.max(1) as f64, self.sentences.max(1) as f64, self.syllables as f64);
        0.39 * (w / s) + 11.8 * (y / w) - 15.59
    }
}

/// What the checks found in one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub id: String,
    pub reading: Reading,
    pub warnings: Vec<Warning>,
}

/// Checks every article; `sources` are the `(file, text)` pairs the articles were compiled from,
/// to find the line of each warning.
pub fn lint(articles: &[Article], sources: &[(String, String)]) -> Vec<Report> {
    articles
        .iter()
        .map(|article| {
            let source = sources.iter().find(|(file, _)| *file == article.file).map_or("", |(_, text)| text.as_str());
            lint_article(article, source)
        })
        .collect()
}

/// Checks one article against its source text.
pub fn lint_article(article: &Article, source: &str) -> Report {
    let mut texts = Texts::default();
    texts.heading(&article.title);
    for part in &article.parts {
        match part {
            Part::Block(block) => texts.block(block),
            Part::Expander(expander) => {
                texts.heading(&expander.summary);
                expander.body.iter().for_each(|block| texts.block(block));
            }
        }
    }

    let mut warnings = Vec::new();
    let mut warn = |near: &str, rule: Rule, message: String| {
        warnings.push(Warning { file: article.file.clone(), line: line_of(source, near), rule, message });
    };
    for heading in &texts.headings {
        if let Some(word) = not_sentence_case(heading) {
            warn(
                heading,
                Rule::SentenceCase,
                format!("“{heading}” is not in sentence case: “{word}” (only names take capitals)"),
            );
        }
    }
    for text in texts.headings.iter().chain(&texts.body).chain(texts.links.iter().map(|(text, _)| text)) {
        for (found, advice) in avoided(text) {
            warn(text, Rule::Word, format!("“{found}”: {advice}"));
        }
    }
    for (text, paragraph) in &texts.links {
        if is_vague_link(text) {
            warn(
                paragraph,
                Rule::LinkText,
                format!("link text “{text}” does not say where it goes: use words that describe the page"),
            );
        }
    }
    let mut reading = Reading { words: 0, sentences: 0, syllables: 0 };
    for text in &texts.body {
        for sentence in sentences(text) {
            let words = words(sentence);
            if words.len() > LONGEST_SENTENCE {
                warn(
                    sentence,
                    Rule::LongSentence,
                    format!("a sentence of {} words (keep to {LONGEST_SENTENCE} or fewer): “{sentence}”", words.len()),
                );
            }
            reading.sentences += 1;
            reading.words += words.len();
            reading.syllables += words.iter().map(|word| syllables(word)).sum::<usize>();
        }
    }
    if reading.words >= SCORED_WORDS && reading.ease() < EASIEST_SCORE {
        warnings.push(Warning {
            file: article.file.clone(),
            line: 1,
            rule: Rule::ReadingLevel,
            message: format!(
                "Flesch reading ease {:.0} (aim for {EASIEST_SCORE:.0} or more), Flesch–Kincaid grade {:.1}: use shorter sentences and words",
                reading.ease(),
                reading.grade()
            ),
        });
    }
    warnings.sort_by_key(|warning| warning.line);
    Report { id: article.id.clone(), reading, warnings }
}

/// An article's text, sorted by how it is checked.
#[derive(Default)]
struct Texts {
    /// Title, sub-headings and expander summaries.
    headings: Vec<String>,
    /// Paragraphs and list items, one string each.
    body: Vec<String>,
    /// Each link's text and the text of the paragraph it is in.
    links: Vec<(String, String)>,
}

impl Texts {
    fn heading(&mut self, text: &str) {
        self.headings.push(text.to_string());
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(inlines) => self.headings.push(plain_text(inlines)),
            Block::Paragraph(inlines) => self.inlines(inlines),
            Block::Inset(blocks) => blocks.iter().for_each(|block| self.block(block)),
            Block::List { items, .. } => items.iter().flatten().for_each(|block| self.block(block)),
        }
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        let text = plain_text(inlines);
        for inline in inlines {
            if let Inline::Link { text: link, .. } = inline {
                self.links.push((link.clone(), text.clone()));
            }
        }
        self.body.push(text);
    }
}

/// The avoided words and phrases in `text`, each once, with the advice for it.
pub fn avoided(text: &str) -> Vec<(String, &'static str)> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for (word, advice) in AVOID {
        if contains_word(&lower, word) && !found.iter().any(|(_, a)| a == advice) {
            found.push((word.to_string(), *advice));
        }
    }
    found
}

/// True when `needle` is in `haystack` with no letter or digit either side of it.
fn contains_word(haystack: &str, needle: &str) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        // "etc" is not "etc." cut short: a dot after a word is the end of a sentence.
        !alnum(before) && !alnum(after)
    })
}

/// The first word that makes `heading` not sentence case: a first word without a capital, or a
/// capitalised word after it that is not part of a name in [`PROPER_NOUNS`]. Acronyms and codes
/// (`GP`, `CID7023`) are fine anywhere.
pub fn not_sentence_case(heading: &str) -> Option<String> {
    let mut masked = heading.to_string();
    for name in PROPER_NOUNS {
        let mut from = 0;
        while let Some(at) = masked[from..].find(name).map(|at| at + from) {
            let end = at + name.len();
            let bounded = !masked[..at].chars().next_back().is_some_and(char::is_alphanumeric)
                && !masked[end..].chars().next().is_some_and(char::is_alphanumeric);
            if bounded {
                masked.replace_range(at..end, &"_".repeat(name.len()));
            }
            from = end;
        }
    }
    let mut words = masked.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '’' || c == '\''));
    let words: Vec<&str> = words.by_ref().filter(|word| !word.is_empty()).collect();
    let original = |masked_word: &str| -> String {
        let at = masked_word.as_ptr() as usize - masked.as_ptr() as usize;
        heading[at..at + masked_word.len()].to_string()
    };
    let first = words.first()?;
    if first.chars().next().is_some_and(char::is_lowercase) && !first.chars().skip(1).any(char::is_uppercase) {
        return Some(original(first));
    }
    words[1..]
        .iter()
        .find(|word| {
            // An acronym or a code is all capitals and digits, also as a possessive or a plural
            // (`GP’s`, `GPs`).
            let core = word.trim_end_matches("’s").trim_end_matches("'s");
            let core = match core.strip_suffix('s') {
                Some(acronym) if acronym.len() >= 2 && !acronym.chars().any(char::is_lowercase) => acronym,
                _ => core,
            };
            let mut chars = core.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
        })
        .map(|word| original(word))
}

/// True for link text such as "here" or "click here" that only makes sense with what is around it.
pub fn is_vague_link(text: &str) -> bool {
    let words: Vec<String> = words(text).iter().map(|word| word.to_lowercase()).collect();
    VAGUE_LINKS.contains(&words.join(" ").as_str())
}

/// The sentences of a paragraph or list item: split after `.`, `!` or `?` followed by a space
/// and a capital letter (so "e.g. your GP" and "NHS.net" stay whole). A list item without a full
/// stop is one sentence.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let ends = matches!(c, '.' | '!' | '?')
            && chars.get(i + 1).is_some_and(|&(_, next)| next == ' ')
            && chars.get(i + 2).is_some_and(|&(_, next)| next.is_uppercase());
        if ends {
            found.push(text[start..=at].trim());
            start = at + 1;
        }
    }
    found.push(text[start..].trim());
    found.retain(|sentence| !words(sentence).is_empty());
    found
}

/// The words of some text: runs of letters, digits, apostrophes and hyphens that hold a letter or
/// a digit ("GP’s", "COVID-19", "CID7023"); punctuation and symbols alone are not words.
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | '@')))
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .collect()
}

/// Syllables in a word, by rule, as readability tools count them: an acronym (`NHS`, `GP`) is
/// said letter by letter, one per letter; a word with digits (`CID7023`, `111`) counts one per
/// run of letters and one per run of digits; any other word counts its groups of vowels (a, e,
/// i, o, u and y), less a silent final "e" (not "-le" after a consonant, as in "possible") and
/// an "-ed" that adds no syllable (not after "t" or "d", as in "wanted"), and at least one.
pub fn syllables(word: &str) -> usize {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphanumeric()).collect();
    if letters.iter().any(char::is_ascii_digit) {
        let mut runs = 0;
        let mut previous: Option<bool> = None;
        for c in &letters {
            let digit = c.is_ascii_digit();
            if previous != Some(digit) {
                runs += 1;
            }
            previous = Some(digit);
        }
        return runs;
    }
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return letters.len();
    }
    let lower: Vec<char> = letters.iter().flat_map(|c| c.to_lowercase()).collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'é');
    let mut groups = 0;
    let mut in_group = false;
    for &c in &lower {
        if vowel(c) && !in_group {
            groups += 1;
        }
        in_group = vowel(c);
    }
    let n = lower.len();
    let ends = |suffix: &str| lower.iter().rev().take(suffix.len()).rev().copied().eq(suffix.chars());
    let before = |suffix: &str| (n > suffix.len()).then(|| lower[n - suffix.len() - 1]);
    // A final "e" is silent (not in "-le" after a consonant, nor "-ee"); so is the vowel of "-ed"
    // after any consonant but "t" and "d", and of "-es" after one that takes no extra syllable.
    let silent = (ends("e") && !ends("ee") && !(ends("le") && before("le").is_some_and(|c| !vowel(c))))
        || (ends("ed") && before("ed").is_some_and(|c| !vowel(c) && !matches!(c, 't' | 'd')))
        || (ends("es") && before("es").is_some_and(|c| !vowel(c) && !matches!(c, 's' | 'x' | 'z' | 'c' | 'g' | 'h')));
    if groups > 1 && silent {
        groups -= 1;
    }
    groups.max(1)
}

/// The line of `source` where `text` starts: the first line holding its first words (compared
/// as words, so typographic quotes and dashes in the compiled text still match the file's), or
/// fewer of them for text that wraps; line 1 when nothing matches.
pub fn line_of(source: &str, text: &str) -> usize {
    let key = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let wanted = key(text);
    let lines: Vec<Vec<String>> = source.lines().map(key).collect();
    for take in [6, 3, 1] {
        let needle = &wanted[..take.min(wanted.len())];
        if needle.is_empty() {
            break;
        }
        if let Some(at) = lines.iter().position(|line| line.windows(needle.len()).any(|window| window == needle)) {
            return at + 1;
        }
    }
    1
}

/// Writes the reports as a Rust module of `static` data using the types in the core's `content.rs`
/// (`content::style`), for the gallery.
pub fn generate(reports: &[Report]) -> String {
    let mut out =
        String::from("// @generated by crates/core/build.rs from content/articles/*.md (crates/content/src/lint.rs). Do not edit.\n\n");
    out.push_str("/// What the style checks found in each article, in the order of `ARTICLES`.\npub static REPORTS: &[Report] = &[\n");
    for report in reports {
        let Reading { words, sentences, .. } = report.reading;
        out.push_str(&format!(
            "    Report {{ article: {:?}, words: {words}, sentences: {sentences}, ease: {:?}, grade: {:?}, warnings: &[\n",
            report.id,
            report.reading.ease(),
            report.reading.grade()
        ));
        for warning in &report.warnings {
            out.push_str(&format!(
                "        Warning {{ file: {:?}, line: {}, rule: {:?}, message: {:?} }},\n",
                warning.file,
                warning.line,
                warning.rule.name(),
                warning.message
            ));
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n");
    out
}
