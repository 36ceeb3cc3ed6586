// Turns the article files in `content/articles/` into checked data and then into Rust source.
// Shared by `build.rs` (which writes the generated module) and the native tests (which feed it
// broken articles), so a malformed article fails the build with its file and line.

#[path = "../src/words.rs"]
mod words;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeSet, HashMap};
use std::fmt;

/// Front-matter keys an article may use; anything else is a typo that would be silently ignored.
const KEYS: [&str; 5] = ["id", "codes", "title", "topic", "links"];

/// Topics in the order the widget lists them, each with the enum variant the runtime uses.
pub const TOPICS: [(&str, &str); 5] = [
    ("account", "Account"),
    ("gp", "GpSurgery"),
    ("phone-security", "PhoneAndSecurity"),
    ("staff", "StaffLogin"),
    ("applying", "Applying"),
];

/// The only relative route content may link to: the help centre's contact form.
const CONTACT_ROUTE: &str = "/contact";

/// The account settings site, which hosts may replace with their own address.
const SETTINGS_URL: &str = "https://settings.login.nhs.uk/";

/// A problem found in an article, reported as `file:line: message` like a compiler would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
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
    pub topic: usize,
    pub parts: Vec<Part>,
    /// Lines of the `id` and `codes` keys, for errors found across articles.
    pub id_line: usize,
    pub codes_line: usize,
}

/// Parses and validates every article, then checks what must hold across them (unique ids and
/// codes). Returns every error found, not just the first, so an author fixes them in one go.
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
            errors.push(err(
                &article.file,
                article.id_line,
                format!("duplicate article id `{}` (also in {other})", article.id),
            ));
        }
        // The widget lower-cases only ASCII (see src/words.rs), so only such words can be found.
        if let Some(word) = search_index(article).iter().flatten().find(|word| !word.is_ascii()) {
            errors.push(err(
                &article.file,
                1,
                format!("the word `{word}` cannot be searched for: write it in the Latin alphabet (accents are fine)"),
            ));
        }
        for code in &article.codes {
            if let Some(other) = codes.insert(code, &article.file) {
                errors.push(err(
                    &article.file,
                    article.codes_line,
                    format!("duplicate code `{code}` (also in {other})"),
                ));
            }
        }
    }
    if errors.is_empty() {
        articles.sort_by(|a, b| (a.topic, a.codes.first(), &a.id).cmp(&(b.topic, b.codes.first(), &b.id)));
        Ok(articles)
    } else {
        Err(errors)
    }
}

fn err(file: &str, line: usize, message: impl Into<String>) -> ContentError {
    ContentError { file: file.to_string(), line, message: message.into() }
}

/// True for `CID` followed by 4 or 5 digits, the form NHS login uses for error references.
pub fn is_code(text: &str) -> bool {
    let digits = text.strip_prefix("CID").unwrap_or("");
    (4..=5).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
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
    topic: Option<usize>,
    links: BTreeSet<String>,
}

fn parse_article(file: &str, text: &str) -> Result<Article, Vec<ContentError>> {
    let mut errors = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err(vec![err(file, 1, "an article starts with a `---` front-matter block")]);
    }
    let Some(end) = lines.iter().skip(1).position(|l| l.trim_end() == "---").map(|i| i + 1) else {
        return Err(vec![err(file, 1, "front matter is not closed by a `---` line")]);
    };
    let front = parse_front_matter(file, &lines[1..end], &mut errors);

    let stem = file.rsplit('/').next().unwrap_or(file).trim_end_matches(".md");
    let id = match front.id {
        Some(id) if !is_slug(&id) => {
            errors.push(err(file, 1, format!("id `{id}` must be lower-case words joined by hyphens")));
            id
        }
        Some(id) if id != stem => {
            errors.push(err(file, 1, format!("id `{id}` must match the file name `{stem}.md`")));
            id
        }
        Some(id) => id,
        None => {
            errors.push(err(file, 1, "missing `id`"));
            String::new()
        }
    };
    let title = front.title.unwrap_or_else(|| {
        errors.push(err(file, 1, "missing `title`"));
        String::new()
    });
    let topic = front.topic.unwrap_or_else(|| {
        errors.push(err(file, 1, "missing `topic`"));
        0
    });

    let body_start: usize = text.split_inclusive('\n').take(end + 1).map(str::len).sum();
    let mut body = BodyParser::new(file, &text[body_start..], end + 2, &front.codes);
    let parts = body.parse();
    errors.append(&mut body.errors);
    if parts.is_empty() {
        errors.push(err(file, end + 1, "the article has no body"));
    }
    for kind in body.used_links.difference(&front.links) {
        errors.push(err(file, 1, format!("the body links to {kind} but `links` does not list it")));
    }
    for kind in front.links.difference(&body.used_links) {
        errors.push(err(file, 1, format!("`links` lists {kind} but the body never links to it")));
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
        Err(errors)
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
            errors.push(err(file, line, format!("expected `key: value`, found `{}`", raw.trim())));
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if !KEYS.contains(&key) {
            errors.push(err(file, line, format!("unknown front-matter key `{key}` (known: {})", KEYS.join(", "))));
            continue;
        }
        if !seen.insert(key) {
            errors.push(err(file, line, format!("`{key}` is given twice")));
            continue;
        }
        let list = || value.split(',').map(str::trim).filter(|v| !v.is_empty());
        match key {
            "id" => {
                front.id = Some(value.to_string());
                front.id_line = line;
            }
            "title" if value.is_empty() => errors.push(err(file, line, "`title` is empty")),
            "title" => front.title = Some(smart_text(value)),
            "codes" => {
                front.codes_line = line;
                for code in list() {
                    if !is_code(code) {
                        errors.push(err(
                            file,
                            line,
                            format!("malformed code `{code}`: expected `CID` and 4 or 5 digits"),
                        ));
                    } else if front.codes.iter().any(|c| c == code) {
                        errors.push(err(file, line, format!("duplicate code `{code}`")));
                    } else {
                        front.codes.push(code.to_string());
                    }
                }
            }
            "topic" => match TOPICS.iter().position(|(name, _)| *name == value) {
                Some(index) => front.topic = Some(index),
                None => {
                    let known: Vec<_> = TOPICS.iter().map(|(name, _)| *name).collect();
                    errors.push(err(file, line, format!("unknown topic `{value}` (known: {})", known.join(", "))));
                }
            },
            _ => {
                for kind in list() {
                    if kind == "contact" || kind == "settings" {
                        front.links.insert(kind.to_string());
                    } else {
                        errors.push(err(file, line, format!("unknown link `{kind}` (known: contact, settings)")));
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

    fn error(&mut self, offset: usize, message: impl Into<String>) {
        let line = self.line_of(offset);
        self.errors.push(err(self.file, line, message));
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
                    if !stack.is_empty() || level != HeadingLevel::H2 {
                        self.error(at, "use `##` for sub-headings and expanders; other heading levels are not allowed");
                    }
                    let is_expander = classes.iter().any(|c| c.as_ref() == "expander");
                    if classes.iter().any(|c| c.as_ref() != "expander") || !attrs.is_empty() {
                        self.error(at, "the only heading attributes allowed are `{#id .expander}`");
                    }
                    let expander_id = match (is_expander, id) {
                        (true, Some(id)) if is_slug(&id) => Some(id.to_string()),
                        (true, Some(id)) => {
                            self.error(at, format!("expander id `{id}` must be lower-case words joined by hyphens"));
                            Some(id.to_string())
                        }
                        (true, None) => {
                            self.error(at, "an expander needs an id: `## Summary {#some-id .expander}`");
                            Some(String::new())
                        }
                        (false, Some(_)) => {
                            self.error(at, "only expanders take an id; add `.expander` or remove the id");
                            None
                        }
                        (false, None) => None,
                    };
                    let line = self.line_of(at);
                    stack.push(Open::Heading { expander: expander_id, inlines: Vec::new(), line });
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
                Event::HardBreak => self.error(at, "line breaks are not allowed: use a list or separate paragraphs"),
                Event::Rule => match expander.take() {
                    Some((done, line)) => self.finish_expander(done, line, &mut parts),
                    None => self.error(at, "`---` only ends an expander, and no expander is open"),
                },
                Event::End(end) => {
                    let closed = stack.pop();
                    let block = match (end, closed) {
                        (TagEnd::Paragraph, Some(Open::Paragraph(inlines))) => Some(Block::Paragraph(inlines)),
                        (TagEnd::Heading(_), Some(Open::Heading { expander: Some(id), inlines, line })) => {
                            if let Some((done, line)) = expander.take() {
                                self.finish_expander(done, line, &mut parts);
                            }
                            let summary = plain_text(&inlines);
                            if summary.is_empty() || inlines.iter().any(|i| !matches!(i, Inline::Text(_))) {
                                self.error(at, "an expander summary is plain, non-empty text");
                            }
                            expander = Some((Expander { id, summary, body: Vec::new() }, line));
                            None
                        }
                        (TagEnd::Heading(_), Some(Open::Heading { expander: None, inlines, .. })) => {
                            if let Some((done, line)) = expander.take() {
                                self.finish_expander(done, line, &mut parts);
                            }
                            if inlines.is_empty() {
                                self.error(at, "empty heading");
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
                            self.push_inline(&mut stack, at, Inline::Strong(text));
                            None
                        }
                        (TagEnd::Link, Some(Open::Link { target, text })) => {
                            if text.trim().is_empty() {
                                self.error(at, "a link needs text");
                            }
                            if let Some(target) = target {
                                self.push_inline(&mut stack, at, Inline::Link { target, text });
                            }
                            None
                        }
                        _ => None,
                    };
                    if let Some(block) = block {
                        match stack.last_mut() {
                            Some(Open::Item(blocks, loose)) => {
                                if !loose.is_empty() {
                                    blocks.push(Block::Paragraph(std::mem::take(loose)));
                                }
                                blocks.push(block);
                            }
                            Some(Open::Inset(blocks)) => blocks.push(block),
                            _ => match &mut expander {
                                Some((open, _)) => open.body.push(block),
                                None => parts.push(Part::Block(block)),
                            },
                        }
                    }
                }
                Event::Start(other) => {
                    self.error(at, format!("unsupported markdown: {}", describe(&other)));
                    stack.push(Open::Paragraph(Vec::new()));
                }
                // Block HTML is reported once, at its `Start(HtmlBlock)`.
                Event::Html(_) => {}
                Event::InlineHtml(_) => self.error(at, "HTML is not allowed in articles"),
                Event::Code(_) => self.error(at, "inline code is not allowed in articles"),
                _ => self.error(at, "unsupported markdown"),
            }
        }
        if let Some((done, line)) = expander.take() {
            self.finish_expander(done, line, &mut parts);
        }
        parts
    }

    fn finish_expander(&mut self, expander: Expander, line: usize, parts: &mut Vec<Part>) {
        if expander.body.is_empty() {
            self.errors.push(err(self.file, line, format!("expander `{}` is empty", expander.id)));
        }
        if !expander.id.is_empty() && !self.expander_ids.insert(expander.id.clone()) {
            self.errors.push(err(self.file, line, format!("duplicate expander id `{}`", expander.id)));
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
                self.error(at, "links and bold text cannot be nested");
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
                self.error(at, format!("contact link names `{code}`, which is not one of this article's codes"));
                return None;
            }
            LinkTarget::Contact
        } else if href.starts_with("https://")
            && href.len() > 8
            && !href.contains(|c: char| c.is_whitespace() || c == '"' || c == '<')
        {
            LinkTarget::External(href.to_string())
        } else {
            self.error(at, format!("link `{href}` must be https:// or the relative route `{CONTACT_ROUTE}`"));
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

fn describe(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::Emphasis => "italics (use **bold** for the names of buttons and settings)",
        Tag::Image { .. } => "images",
        Tag::CodeBlock(_) => "code blocks (is a line indented by 4 spaces?)",
        Tag::HtmlBlock => "HTML",
        _ => "this element",
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

/// Writes the articles as a Rust module of `static` data using the types in `src/content.rs`.
pub fn generate(articles: &[Article]) -> String {
    let mut out = String::from("// @generated by build.rs from content/articles/*.md. Do not edit.\n\n");
    out.push_str("/// Every article, in the order the topic list and the gallery show them.\npub static ARTICLES: &[Article] = &[\n");
    for article in articles {
        out.push_str(&format!(
            "    Article {{ id: {:?}, codes: &{:?}, title: {:?}, topic: Topic::{}, parts: &[\n",
            article.id, article.codes, article.title, TOPICS[article.topic].1
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
