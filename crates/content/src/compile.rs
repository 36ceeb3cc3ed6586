//! Turns the article files in `content/articles/` into checked data and then into Rust source.
//! Shared by the core crate's build script (which writes the generated module) and the native
//! tests (which feed it broken articles), so a malformed article fails the build with its file
//! and line.

use crate::content_facts::{is_code_digits, Topic, SETTINGS_URL};
use crate::words;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeSet, HashMap};
use std::fmt;

/// Front-matter keys an article may use; anything else is a typo that would be silently ignored.
const KEYS: [&str; 5] = ["id", "codes", "title", "topic", "links"];

/// The only relative route content may link to: the help centre's contact form.
const CONTACT_ROUTE: &str = "/contact";

/// A problem found in an article, reported as `file:line: what is wrong; how to fix it` like a
/// compiler would. The problems one mistake causes further on in its file are folded under it as
/// its follow-ons (see [`fold`]): they go away once it is fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Problems this one causes in the same file, in the order they were found.
    pub follow_ons: Vec<ContentError>,
    kind: Kind,
}

impl ContentError {
    /// With `hint`, how to fix it.
    fn fix(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }

    /// Of `kind`, for folding.
    fn of(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)?;
        if !self.hint.is_empty() {
            write!(f, "; {}", self.hint)?;
        }
        Ok(())
    }
}

/// What a problem is about, as far as [`fold`] needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Other,
    /// A front-matter line that is not a known key (a misspelt key, a missing colon).
    UnknownKey,
    /// A known key whose value was refused: the key then counts as missing.
    BadValue(&'static str),
    /// A key the article must have.
    Missing(&'static str),
    /// A malformed code in `codes`.
    BadCode,
    /// A `/contact?error=` link naming a code the article does not have.
    ContactCode,
    /// Any other refused link.
    BadLink,
    /// `links` names a kind of link the body does not have (or no longer has: it was refused).
    UnusedLink,
    /// A heading whose `{#id .expander}` is broken, so no expander opens there.
    BrokenExpander,
    /// A `---` line with no expander open.
    StrayRule,
}

/// Folds each problem of one file under the one that caused it, so one mistake reads as one
/// problem, with the others it causes beneath it:
/// - a key found missing, under the refused value of that key (`title:` empty, an unknown topic),
///   else under the first unknown key (a misspelt `titel:`);
/// - a contact link naming a code the article does not have, under the first malformed code or
///   unknown key (the code it names was meant to be the article's);
/// - `links` naming a link the body does not have, under the first refused link (that link);
/// - a stray `---`, under a broken expander heading above it (the expander it was to close).
///
/// Follow-ons of follow-ons go under the first problem too. The roots are in line order.
fn fold(errors: Vec<ContentError>) -> Vec<ContentError> {
    let first = |wanted: &dyn Fn(&ContentError) -> bool| errors.iter().position(wanted);
    let causes: Vec<Option<usize>> = errors
        .iter()
        .map(|error| match error.kind {
            Kind::Missing(key) => {
                first(&|e| e.kind == Kind::BadValue(key)).or_else(|| first(&|e| e.kind == Kind::UnknownKey))
            }
            Kind::ContactCode => first(&|e| matches!(e.kind, Kind::BadCode | Kind::UnknownKey)),
            Kind::UnusedLink => first(&|e| matches!(e.kind, Kind::ContactCode | Kind::BadLink)),
            Kind::StrayRule => first(&|e| e.kind == Kind::BrokenExpander && e.line < error.line),
            _ => None,
        })
        .collect();
    // No cycles: a problem that causes others is never of a kind that is caused by them.
    let root = |mut at: usize| {
        while let Some(cause) = causes[at] {
            at = cause;
        }
        at
    };
    let roots: Vec<usize> = (0..errors.len()).map(root).collect();
    let (mut folded, follow_ons): (Vec<_>, Vec<_>) =
        errors.into_iter().enumerate().partition(|(at, _)| roots[*at] == *at);
    for (at, error) in follow_ons {
        if let Some((_, cause)) = folded.iter_mut().find(|(root, _)| *root == roots[at]) {
            cause.follow_ons.push(error);
        }
    }
    folded.sort_by_key(|(_, error)| error.line);
    folded.into_iter().map(|(_, error)| error).collect()
}

/// Where a link goes; contact and settings are resolved at run time so hosts can override them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    Contact,
    Settings,
    External(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(String),
    Link { target: LinkTarget, text: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    Heading(Vec<Inline>),
    List { ordered: bool, items: Vec<Vec<Block>> },
    Inset(Vec<Block>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expander {
    pub id: String,
    pub summary: String,
    pub body: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Block(Block),
    Expander(Expander),
}

/// One validated article, still in owned form so tests can inspect it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub file: String,
    pub id: String,
    pub codes: Vec<String>,
    pub title: String,
    pub topic: Topic,
    pub parts: Vec<Part>,
    /// Lines of the `id` and `codes` keys, for errors found across articles.
    pub id_line: usize,
    pub codes_line: usize,
}

/// Parses and validates every article, then checks what must hold across them (unique ids and
/// codes). Returns every error found, not just the first, so an author fixes them in one go: in
/// the order of the files, each file's in line order, with follow-ons folded under their cause.
pub fn compile(sources: &[(String, String)]) -> Result<Vec<Article>, Vec<ContentError>> {
    let mut errors = Vec::new();
    let mut articles = Vec::new();
    for (file, text) in sources {
        match parse_article(file, text) {
            Ok(article) => articles.push(article),
            Err(mut found) => errors.append(&mut found),
        }
    }
    let mut ids: HashMap<&str, &str> = HashMap::new();
    let mut codes: HashMap<&str, &str> = HashMap::new();
    for article in &articles {
        if let Some(other) = ids.insert(&article.id, &article.file) {
            errors.push(
                err(&article.file, article.id_line, format!("duplicate article id `{}` (also in {other})", article.id))
                    .fix("give one of them another id, and its file the same name"),
            );
        }
        // The widget lower-cases only ASCII (see src/words.rs), so only such words can be found.
        if let Some(word) = search_index(article).iter().flatten().find(|word| !word.is_ascii()) {
            errors.push(
                err(&article.file, 1, format!("the word `{word}` cannot be searched for"))
                    .fix("write it in the Latin alphabet (accents are fine)"),
            );
        }
        for code in &article.codes {
            if let Some(other) = codes.insert(code, &article.file) {
                errors.push(
                    err(&article.file, article.codes_line, format!("duplicate code `{code}` (also in {other})"))
                        .fix("a code belongs to one article: remove it from one of them"),
                );
            }
        }
    }
    if errors.is_empty() {
        articles.sort_by(|a, b| (a.topic, a.codes.first(), &a.id).cmp(&(b.topic, b.codes.first(), &b.id)));
        Ok(articles)
    } else {
        let order = |error: &ContentError| sources.iter().position(|(file, _)| *file == error.file);
        errors.sort_by_key(|error| (order(error), error.line));
        Err(errors)
    }
}

/// A problem at `file:line`, still without its hint.
fn err(file: &str, line: usize, message: impl Into<String>) -> ContentError {
    ContentError {
        file: file.to_string(),
        line,
        message: message.into(),
        hint: String::new(),
        follow_ons: Vec::new(),
        kind: Kind::Other,
    }
}

/// True for `CID` followed by 4 or 5 digits, the form NHS login uses for error references.
pub fn is_code(text: &str) -> bool {
    text.strip_prefix("CID").is_some_and(is_code_digits)
}

/// The topics as the front matter names them, for an author who named none or a wrong one.
fn topic_keys() -> String {
    Topic::ALL.map(Topic::key).join(", ")
}

/// Lower-case words joined by single hyphens: safe in URLs, element ids and file names.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('-')
            .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

struct FrontMatter {
    id: Option<String>,
    codes: Vec<String>,
    id_line: usize,
    codes_line: usize,
    title: Option<String>,
    topic: Option<Topic>,
    links: BTreeSet<String>,
}

fn parse_article(file: &str, text: &str) -> Result<Article, Vec<ContentError>> {
    let mut errors = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err(vec![err(file, 1, "the article does not start with its front matter").fix(
            "make the first line `---`, then the `id:`, `codes:`, `title:`, `topic:` and `links:` lines, then `---`",
        )]);
    }
    let Some(end) = lines.iter().skip(1).position(|l| l.trim_end() == "---").map(|i| i + 1) else {
        return Err(vec![err(file, 1, "the front matter is not closed by a `---` line")
            .fix("add a `---` line after the last front-matter line")]);
    };
    let front = parse_front_matter(file, &lines[1..end], &mut errors);

    let stem = file.rsplit('/').next().unwrap_or(file).trim_end_matches(".md");
    let id = match front.id {
        Some(id) if !is_slug(&id) => {
            errors.push(
                err(file, 1, format!("id `{id}` is not lower-case words joined by hyphens"))
                    .fix(format!("use lower-case letters, digits and hyphens, as the file name does: `{stem}`")),
            );
            id
        }
        Some(id) if id != stem => {
            errors.push(
                err(file, 1, format!("id `{id}` does not match the file name `{stem}.md`"))
                    .fix("make them the same: rename the file, or change the id if it was never published"),
            );
            id
        }
        Some(id) => id,
        None => {
            errors.push(
                err(file, 1, "missing `id`")
                    .fix(format!("add `id: {stem}` to the front matter"))
                    .of(Kind::Missing("id")),
            );
            String::new()
        }
    };
    let title = front.title.unwrap_or_else(|| {
        errors.push(
            err(file, 1, "missing `title`").fix("add a `title:` line to the front matter").of(Kind::Missing("title")),
        );
        String::new()
    });
    let topic = front.topic.unwrap_or_else(|| {
        errors.push(
            err(file, 1, "missing `topic`")
                .fix(format!("add a `topic:` line with one of {}", topic_keys()))
                .of(Kind::Missing("topic")),
        );
        Topic::ALL[0]
    });

    let body_start: usize = text.split_inclusive('\n').take(end + 1).map(str::len).sum();
    let mut body = BodyParser::new(file, &text[body_start..], end + 2, &front.codes);
    let parts = body.parse();
    errors.append(&mut body.errors);
    if parts.is_empty() {
        errors.push(err(file, end + 1, "the article has no body").fix("write its text after the `---` line"));
    }
    for kind in body.used_links.difference(&front.links) {
        errors.push(
            err(file, 1, format!("the body links to {kind} but `links` does not list it"))
                .fix(format!("add {kind} to the `links:` line"))
                .of(Kind::Missing("links")),
        );
    }
    for kind in front.links.difference(&body.used_links) {
        errors.push(
            err(file, 1, format!("`links` lists {kind} but the body never links to it"))
                .fix(format!("remove {kind} from the `links:` line, or link to it"))
                .of(Kind::UnusedLink),
        );
    }

    if errors.is_empty() {
        Ok(Article {
            file: file.to_string(),
            id,
            codes: front.codes,
            title,
            topic,
            parts,
            id_line: front.id_line,
            codes_line: front.codes_line,
        })
    } else {
        Err(fold(errors))
    }
}

fn parse_front_matter(file: &str, lines: &[&str], errors: &mut Vec<ContentError>) -> FrontMatter {
    let mut front = FrontMatter {
        id: None,
        codes: Vec::new(),
        id_line: 1,
        codes_line: 1,
        title: None,
        topic: None,
        links: BTreeSet::new(),
    };
    let mut seen = BTreeSet::new();
    for (i, raw) in lines.iter().enumerate() {
        let line = i + 2;
        if raw.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = raw.split_once(':') else {
            errors.push(
                err(file, line, format!("`{}` is not a `key: value` line", raw.trim()))
                    .fix("write front-matter lines as `key: value`, such as `topic: gp`")
                    .of(Kind::UnknownKey),
            );
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if !KEYS.contains(&key) {
            errors.push(
                err(file, line, format!("unknown front-matter key `{key}`"))
                    .fix(format!("use one of {} (is it misspelt?)", KEYS.join(", ")))
                    .of(Kind::UnknownKey),
            );
            continue;
        }
        if !seen.insert(key) {
            errors.push(err(file, line, format!("`{key}` is given twice")).fix(format!("keep one `{key}:` line")));
            continue;
        }
        let list = || value.split(',').map(str::trim).filter(|v| !v.is_empty());
        match key {
            "id" => {
                front.id = Some(value.to_string());
                front.id_line = line;
            }
            "title" if value.is_empty() => errors.push(
                err(file, line, "`title` is empty").fix("write the title after `title:`").of(Kind::BadValue("title")),
            ),
            "title" => front.title = Some(smart_text(value)),
            "codes" => {
                front.codes_line = line;
                for code in list() {
                    if !is_code(code) {
                        errors.push(
                            err(file, line, format!("malformed code `{code}`"))
                                .fix("write `CID` and 4 or 5 digits, such as `CID7023`, with commas between codes")
                                .of(Kind::BadCode),
                        );
                    } else if front.codes.iter().any(|c| c == code) {
                        errors.push(err(file, line, format!("duplicate code `{code}`")).fix("list each code once"));
                    } else {
                        front.codes.push(code.to_string());
                    }
                }
            }
            "topic" => match Topic::ALL.into_iter().find(|topic| topic.key() == value) {
                Some(topic) => front.topic = Some(topic),
                None => {
                    errors.push(
                        err(file, line, format!("unknown topic `{value}`"))
                            .fix(format!("use one of {}", topic_keys()))
                            .of(Kind::BadValue("topic")),
                    );
                }
            },
            _ => {
                for kind in list() {
                    if kind == "contact" || kind == "settings" {
                        front.links.insert(kind.to_string());
                    } else {
                        errors.push(
                            err(file, line, format!("unknown link `{kind}`"))
                                .fix("use contact, settings or both, with a comma between")
                                .of(Kind::BadValue("links")),
                        );
                    }
                }
            }
        }
    }
    front
}

/// Walks the markdown events of an article body, keeping a stack of open containers.
struct BodyParser<'a> {
    file: &'a str,
    text: &'a str,
    first_line: usize,
    codes: &'a [String],
    errors: Vec<ContentError>,
    used_links: BTreeSet<String>,
    expander_ids: BTreeSet<String>,
}

/// A container being filled while its markdown events stream past.
enum Open {
    Paragraph(Vec<Inline>),
    Heading { expander: Option<String>, inlines: Vec<Inline>, line: usize },
    List { ordered: bool, items: Vec<Vec<Block>> },
    Item(Vec<Block>, Vec<Inline>),
    Inset(Vec<Block>),
    Strong(String),
    Link { target: Option<LinkTarget>, text: String },
}

/// Puts a finished block where it belongs: in the list item or inset still open, else in the open
/// expander, else in the article.
fn place(block: Block, stack: &mut [Open], expander: &mut Option<(Expander, usize)>, parts: &mut Vec<Part>) {
    match stack.last_mut() {
        Some(Open::Item(blocks, loose)) => {
            if !loose.is_empty() {
                blocks.push(Block::Paragraph(std::mem::take(loose)));
            }
            blocks.push(block);
        }
        Some(Open::Inset(blocks)) => blocks.push(block),
        _ => match expander {
            Some((open, _)) => open.body.push(block),
            None => parts.push(Part::Block(block)),
        },
    }
}

impl<'a> BodyParser<'a> {
    fn new(file: &'a str, text: &'a str, first_line: usize, codes: &'a [String]) -> Self {
        Self {
            file,
            text,
            first_line,
            codes,
            errors: Vec::new(),
            used_links: BTreeSet::new(),
            expander_ids: BTreeSet::new(),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.first_line + self.text[..offset.min(self.text.len())].matches('\n').count()
    }

    fn error(&mut self, offset: usize, message: impl Into<String>, hint: impl Into<String>) {
        self.error_of(Kind::Other, offset, message, hint);
    }

    fn error_of(&mut self, kind: Kind, offset: usize, message: impl Into<String>, hint: impl Into<String>) {
        let line = self.line_of(offset);
        self.errors.push(err(self.file, line, message).fix(hint).of(kind));
    }

    fn parse(&mut self) -> Vec<Part> {
        let options = Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_SMART_PUNCTUATION;
        let mut parts = Vec::new();
        let mut expander: Option<(Expander, usize)> = None;
        let mut stack: Vec<Open> = Vec::new();

        for (event, range) in Parser::new_ext(self.text, options).into_offset_iter() {
            let at = range.start;
            match event {
                Event::Start(Tag::Paragraph) => stack.push(Open::Paragraph(Vec::new())),
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let heading = self.open_heading(at, level, id, classes, attrs, &stack);
                    stack.push(heading);
                }
                Event::Start(Tag::List(start)) => {
                    stack.push(Open::List { ordered: start.is_some(), items: Vec::new() })
                }
                Event::Start(Tag::Item) => stack.push(Open::Item(Vec::new(), Vec::new())),
                Event::Start(Tag::BlockQuote(_)) => stack.push(Open::Inset(Vec::new())),
                Event::Start(Tag::Strong) => stack.push(Open::Strong(String::new())),
                Event::Start(Tag::Link { dest_url, .. }) => {
                    let target = self.link_target(at, &dest_url);
                    stack.push(Open::Link { target, text: String::new() });
                }
                Event::Text(text) => self.push_text(&mut stack, at, &text),
                Event::SoftBreak => self.push_text(&mut stack, at, " "),
                Event::HardBreak => self.error(
                    at,
                    "line breaks are not allowed",
                    "use a list or separate paragraphs (a line that ends in two spaces or `\\` makes a break)",
                ),
                Event::Rule => match expander.take() {
                    Some((done, line)) => self.finish_expander(done, line, &mut parts),
                    None => self.error_of(
                        Kind::StrayRule,
                        at,
                        "a `---` line, but no expander is open",
                        "`---` only ends an expander: remove it, or check the expander heading above it",
                    ),
                },
                Event::End(end) => {
                    let closed = stack.pop();
                    if let Some(block) = self.close(at, end, closed, &mut stack, &mut expander, &mut parts) {
                        place(block, &mut stack, &mut expander, &mut parts);
                    }
                }
                Event::Start(other) => {
                    let (what, hint) = describe(&other);
                    self.error(at, format!("unsupported markdown: {what}"), hint);
                    stack.push(Open::Paragraph(Vec::new()));
                }
                // Block HTML is reported once, at its `Start(HtmlBlock)`.
                Event::Html(_) => {}
                Event::InlineHtml(_) => self.error(
                    at,
                    "HTML is not allowed in articles",
                    "remove the tag and write markdown: **bold**, [links](https://…)",
                ),
                Event::Code(_) => self.error(
                    at,
                    "inline code is not allowed in articles",
                    "remove the backticks (use **bold** for the names of buttons and settings)",
                ),
                _ => self.error(at, "unsupported markdown", OTHER_MARKDOWN),
            }
        }
        if let Some((done, line)) = expander.take() {
            self.finish_expander(done, line, &mut parts);
        }
        parts
    }

    /// Opens a heading, checking it is a `##` of its own and, for an expander, its
    /// `{#id .expander}`.
    fn open_heading(
        &mut self,
        at: usize,
        level: HeadingLevel,
        id: Option<CowStr>,
        classes: Vec<CowStr>,
        attrs: Vec<(CowStr, Option<CowStr>)>,
        stack: &[Open],
    ) -> Open {
        if !self.text[at..].starts_with('#') {
            self.error(
                at,
                "a line of text with a `---` or `===` line right under it has become a heading",
                "put a blank line between the text and the `---`",
            );
        } else if !stack.is_empty() || level != HeadingLevel::H2 {
            self.error(
                at,
                "only `##` headings are allowed",
                "use `##` for sub-headings and expanders, with nothing before them on the line",
            );
        }
        let is_expander = classes.iter().any(|c| c.as_ref() == "expander");
        if classes.iter().any(|c| c.as_ref() != "expander") || !attrs.is_empty() {
            self.error(
                at,
                "unsupported heading attributes",
                "only an expander's heading takes attributes, exactly `{#some-id .expander}`",
            );
        }
        let expander_id = match (is_expander, id) {
            (true, Some(id)) if is_slug(&id) => Some(id.to_string()),
            (true, Some(id)) => {
                self.error(
                    at,
                    format!("expander id `{id}` is not lower-case words joined by hyphens"),
                    "use lower-case letters, digits and hyphens, such as `{#wrong-details .expander}`",
                );
                Some(id.to_string())
            }
            (true, None) => {
                self.error(at, "an expander has no id", "write its heading as `## Summary {#some-id .expander}`");
                Some(String::new())
            }
            (false, Some(_)) => {
                self.error(
                    at,
                    "a heading has an id but is not an expander",
                    "add `.expander` after the id, or remove the id",
                );
                None
            }
            (false, None) => None,
        };
        let line = self.line_of(at);
        Open::Heading { expander: expander_id, inlines: Vec::new(), line }
    }

    /// Closes the container `end` ends (`closed`, taken off the stack): the block it makes, if it
    /// makes one; an expander heading opens the expander instead, and any heading ends the last.
    fn close(
        &mut self,
        at: usize,
        end: TagEnd,
        closed: Option<Open>,
        stack: &mut [Open],
        expander: &mut Option<(Expander, usize)>,
        parts: &mut Vec<Part>,
    ) -> Option<Block> {
        match (end, closed) {
            (TagEnd::Paragraph, Some(Open::Paragraph(inlines))) => Some(Block::Paragraph(inlines)),
            (TagEnd::Heading(_), Some(Open::Heading { expander: Some(id), inlines, line })) => {
                if let Some((done, line)) = expander.take() {
                    self.finish_expander(done, line, parts);
                }
                let summary = plain_text(&inlines);
                if summary.is_empty() || inlines.iter().any(|i| !matches!(i, Inline::Text(_))) {
                    self.error(
                        at,
                        "an expander summary is empty or not plain text",
                        "write the summary as plain words, without bold or links",
                    );
                }
                *expander = Some((Expander { id, summary, body: Vec::new() }, line));
                None
            }
            (TagEnd::Heading(_), Some(Open::Heading { expander: None, inlines, .. })) => {
                if let Some((done, line)) = expander.take() {
                    self.finish_expander(done, line, parts);
                }
                if inlines.is_empty() {
                    self.error(at, "empty heading", "write the heading's text after `##`, or remove it");
                }
                let text = plain_text(&inlines);
                if text.contains("{#") || text.contains(".expander") {
                    self.error_of(
                        Kind::BrokenExpander,
                        at,
                        format!("the heading `{text}` has a broken `{{#id .expander}}`"),
                        "write it as `## Summary {#some-id .expander}`, with both braces",
                    );
                }
                Some(Block::Heading(inlines))
            }
            (TagEnd::List(_), Some(Open::List { ordered, items })) => Some(Block::List { ordered, items }),
            (TagEnd::Item, Some(Open::Item(mut blocks, loose))) => {
                if !loose.is_empty() {
                    blocks.push(Block::Paragraph(loose));
                }
                if let Some(Open::List { items, .. }) = stack.last_mut() {
                    items.push(blocks);
                }
                None
            }
            (TagEnd::BlockQuote(_), Some(Open::Inset(blocks))) => Some(Block::Inset(blocks)),
            (TagEnd::Strong, Some(Open::Strong(text))) => {
                self.push_inline(stack, at, Inline::Strong(text));
                None
            }
            (TagEnd::Link, Some(Open::Link { target, text })) => {
                if text.trim().is_empty() {
                    self.error(
                        at,
                        "a link has no text",
                        "write the words to select between the brackets: `[contact us](/contact)`",
                    );
                }
                if let Some(target) = target {
                    self.push_inline(stack, at, Inline::Link { target, text });
                }
                None
            }
            _ => None,
        }
    }

    fn finish_expander(&mut self, expander: Expander, line: usize, parts: &mut Vec<Part>) {
        if expander.body.is_empty() {
            self.errors.push(
                err(self.file, line, format!("expander `{}` is empty", expander.id))
                    .fix("write its text under its heading, or remove it"),
            );
        }
        if !expander.id.is_empty() && !self.expander_ids.insert(expander.id.clone()) {
            self.errors.push(
                err(self.file, line, format!("duplicate expander id `{}`", expander.id))
                    .fix("give each expander of the article its own id"),
            );
        }
        parts.push(Part::Expander(expander));
    }

    fn push_text(&mut self, stack: &mut [Open], at: usize, text: &str) {
        match stack.last_mut() {
            Some(Open::Strong(buffer) | Open::Link { text: buffer, .. }) => buffer.push_str(text),
            _ => self.push_inline(stack, at, Inline::Text(text.to_string())),
        }
    }

    fn push_inline(&mut self, stack: &mut [Open], at: usize, inline: Inline) {
        let inlines = match stack.last_mut() {
            Some(Open::Paragraph(inlines) | Open::Heading { inlines, .. } | Open::Item(_, inlines)) => inlines,
            _ => {
                self.error(at, "links and bold text cannot be nested", "make the link and the bold text separate");
                return;
            }
        };
        match (inlines.last_mut(), inline) {
            (Some(Inline::Text(previous)), Inline::Text(more)) => previous.push_str(&more),
            (_, inline) => inlines.push(inline),
        }
    }

    fn link_target(&mut self, at: usize, href: &str) -> Option<LinkTarget> {
        let target = if href == SETTINGS_URL {
            LinkTarget::Settings
        } else if href == CONTACT_ROUTE {
            LinkTarget::Contact
        } else if let Some(code) = href.strip_prefix(CONTACT_ROUTE).and_then(|rest| rest.strip_prefix("?error=")) {
            if !self.codes.iter().any(|c| c == code) {
                let hint = if self.codes.is_empty() {
                    "link to `/contact` alone: the article has no codes".to_string()
                } else {
                    format!("name one of the article's codes ({}), or link to `/contact` alone", self.codes.join(", "))
                };
                self.error_of(
                    Kind::ContactCode,
                    at,
                    format!("contact link names `{code}`, which is not one of this article's codes"),
                    hint,
                );
                return None;
            }
            LinkTarget::Contact
        } else if href.starts_with("https://")
            && href.len() > 8
            && !href.contains(|c: char| c.is_whitespace() || c == '"' || c == '<')
        {
            LinkTarget::External(href.to_string())
        } else {
            self.error_of(
                Kind::BadLink,
                at,
                format!("link `{href}` is neither https:// nor the relative route `{CONTACT_ROUTE}`"),
                format!("link to an `https://` address, or to `{CONTACT_ROUTE}` for the contact form"),
            );
            return None;
        };
        match target {
            LinkTarget::Contact => self.used_links.insert("contact".into()),
            LinkTarget::Settings => self.used_links.insert("settings".into()),
            LinkTarget::External(_) => false,
        };
        Some(target)
    }
}

/// Gives a front-matter value the same typographic quotes and dashes as the markdown body.
fn smart_text(text: &str) -> String {
    Parser::new_ext(text, Options::ENABLE_SMART_PUNCTUATION)
        .filter_map(|event| match event {
            Event::Text(text) => Some(text.into_string()),
            _ => None,
        })
        .collect()
}

/// How to fix markdown the widget does not show: what the other markdown may be instead.
const OTHER_MARKDOWN: &str = "use paragraphs, lists, **bold**, links, `>` insets and `##` headings";

/// Markdown the widget does not show: what it is, and what to write instead.
fn describe(tag: &Tag<'_>) -> (&'static str, &'static str) {
    match tag {
        Tag::Emphasis => ("italics", "use **bold** for the names of buttons and settings, else plain text"),
        Tag::Image { .. } => ("images", "describe in words what the image showed"),
        Tag::CodeBlock(_) => ("a code block", "is a line indented by 4 spaces or more? remove the indent"),
        Tag::HtmlBlock => ("HTML", "write it in markdown; an expander is `## Summary {#some-id .expander}`"),
        _ => ("this element", OTHER_MARKDOWN),
    }
}

/// The words of some inline content without markup, for expander summaries and search.
pub fn plain_text(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) | Inline::Strong(text) | Inline::Link { text, .. } => text.as_str(),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// What the build does when the articles have problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnProblems {
    /// Fail, printing them: a release build, so no broken article is ever published.
    Fail,
    /// Succeed, printing them as warnings and writing them for the page to show in place of the
    /// help (`content::PROBLEMS`): a development build, such as `trunk serve`'s.
    ShowInPage,
}

/// What to do with problems in a build of cargo's `profile`: the `PROFILE` cargo gives build
/// scripts, `release` for `--release` (so `trunk build --release`, CI's) and every profile that
/// inherits from it, `debug` for the rest (`trunk serve`, `trunk build`, `cargo test`). Anything
/// else fails, so an unexpected value errs on the side of the release build.
pub fn on_problems(profile: &str) -> OnProblems {
    if profile == "debug" {
        OnProblems::ShowInPage
    } else {
        OnProblems::Fail
    }
}

/// The problems as a terminal shows them, one line each, every follow-on indented under its cause
/// and without a hint of its own (fixing the cause fixes it).
pub fn report_lines(problems: &[ContentError]) -> Vec<String> {
    problems
        .iter()
        .flat_map(|problem| {
            std::iter::once(problem.to_string()).chain(problem.follow_ons.iter().map(|follow_on| {
                format!("  which also causes {}:{}: {}", follow_on.file, follow_on.line, follow_on.message)
            }))
        })
        .collect()
}

/// The problems as a Rust module for the core's `content.rs`: `PROBLEMS`, a constant (so a build without
/// problems compiles the page that lists them out of the wasm altogether).
pub fn generate_problems(problems: &[ContentError]) -> String {
    fn problem_code(problem: &ContentError) -> String {
        let follow_ons: Vec<String> = problem.follow_ons.iter().map(problem_code).collect();
        format!(
            "ContentProblem {{ file: {:?}, line: {}, message: {:?}, hint: {:?}, follow_ons: &[{}] }}",
            problem.file,
            problem.line,
            problem.message,
            problem.hint,
            follow_ons.join(", ")
        )
    }
    let mut out = String::from("// @generated by crates/core/build.rs from content/articles/*.md. Do not edit.\n\n");
    out.push_str("/// The problems a development build found in the articles; empty when there are none.\n");
    out.push_str("pub const PROBLEMS: &[ContentProblem] = &[\n");
    for problem in problems {
        out.push_str(&format!("    {},\n", problem_code(problem)));
    }
    out.push_str("];\n");
    out
}

/// Writes the articles as a Rust module of `static` data using the types in the core's `content.rs`.
pub fn generate(articles: &[Article]) -> String {
    let mut out = String::from("// @generated by crates/core/build.rs from content/articles/*.md. Do not edit.\n\n");
    out.push_str("/// Every article, in the order the topic list and the gallery show them.\npub static ARTICLES: &[Article] = &[\n");
    for article in articles {
        // A topic's `Debug` is its variant's name, which the generated code then names.
        out.push_str(&format!(
            "    Article {{ id: {:?}, codes: &{:?}, title: {:?}, topic: Topic::{:?}, parts: &[\n",
            article.id, article.codes, article.title, article.topic
        ));
        for part in &article.parts {
            match part {
                Part::Block(block) => out.push_str(&format!("        Part::Block({}),\n", block_code(block))),
                Part::Expander(e) => out.push_str(&format!(
                    "        Part::Expander(Expander {{ id: {:?}, summary: {:?}, body: &[{}] }}),\n",
                    e.id,
                    e.summary,
                    blocks_code(&e.body)
                )),
            }
        }
        let [codes, title, summaries, body] = search_index(article).map(|words| words.join(" "));
        out.push_str(&format!(
            "    ], search: SearchIndex {{ codes: {codes:?}, title: {title:?}, summaries: {summaries:?}, body: {body:?} }} }},\n"
        ));
    }
    out.push_str("];\n");
    out
}

/// The article's words for search, each field sorted and without repeats: codes (`cid7023` and
/// `7023`), title, expander summaries, and the body text including the expanders'.
pub fn search_index(article: &Article) -> [Vec<String>; 4] {
    let sorted = |texts: Vec<String>| -> Vec<String> {
        let set: BTreeSet<String> = texts.iter().flat_map(|text| words::words(text)).collect();
        set.into_iter().collect()
    };
    let codes = article.codes.iter().flat_map(|code| [code.clone(), code[3..].to_string()]).collect();
    let mut summaries = Vec::new();
    let mut body = Vec::new();
    for part in &article.parts {
        match part {
            Part::Block(block) => block_texts(block, &mut body),
            Part::Expander(expander) => {
                summaries.push(expander.summary.clone());
                expander.body.iter().for_each(|block| block_texts(block, &mut body));
            }
        }
    }
    [sorted(codes), sorted(vec![article.title.clone()]), sorted(summaries), sorted(body)]
}

fn block_texts(block: &Block, texts: &mut Vec<String>) {
    match block {
        Block::Paragraph(inlines) | Block::Heading(inlines) => texts.push(plain_text(inlines)),
        Block::Inset(blocks) => blocks.iter().for_each(|block| block_texts(block, texts)),
        Block::List { items, .. } => items.iter().flatten().for_each(|block| block_texts(block, texts)),
    }
}

fn blocks_code(blocks: &[Block]) -> String {
    blocks.iter().map(block_code).collect::<Vec<_>>().join(", ")
}

fn block_code(block: &Block) -> String {
    match block {
        Block::Paragraph(inlines) => format!("Block::Paragraph(&[{}])", inlines_code(inlines)),
        Block::Heading(inlines) => format!("Block::Heading(&[{}])", inlines_code(inlines)),
        Block::Inset(blocks) => format!("Block::Inset(&[{}])", blocks_code(blocks)),
        Block::List { ordered, items } => {
            let items: Vec<String> = items.iter().map(|item| format!("&[{}]", blocks_code(item))).collect();
            format!("Block::List {{ ordered: {ordered}, items: &[{}] }}", items.join(", "))
        }
    }
}

fn inlines_code(inlines: &[Inline]) -> String {
    let code: Vec<String> = inlines
        .iter()
        .map(|inline| match inline {
            Inline::Text(text) => format!("Inline::Text({text:?})"),
            Inline::Strong(text) => format!("Inline::Strong({text:?})"),
            Inline::Link { target, text } => {
                let target = match target {
                    LinkTarget::Contact => "LinkTarget::Contact".to_string(),
                    LinkTarget::Settings => "LinkTarget::Settings".to_string(),
                    LinkTarget::External(href) => format!("LinkTarget::External({href:?})"),
                };
                format!("Inline::Link {{ target: {target}, text: {text:?} }}")
            }
        })
        .collect();
    code.join(", ")
}
