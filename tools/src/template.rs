//! Folds the renders of one state of the widget into one template, so the first paint can show
//! that state at any placement, with any host links and any given text, from one copy of its
//! markup. Nothing here knows the markup: the holes are found by comparing what the components
//! render.
//!
//! - Placement: the state is rendered at every placement (heading level and variant) and the
//!   renders are compared token by token; where they differ (a heading's tag, a class) the
//!   template has a hole filled from a table of values per placement.
//! - Options (the feedback question, an expander opened by a deep link, near-miss suggestions):
//!   the state is rendered with and without each; what the option inserts becomes an insert
//!   shown only with it.
//! - Values the page supplies (the contact and settings addresses, the text it was given): the
//!   renders use a sentinel character for each, which marks the hole.
//!
//! Every template is checked against the renders it came from, at every placement with each
//! option and with the feedback question and each expander together; a template that cannot
//! reproduce them fails the build.

use serde_json::{json, Value};

/// A value the page supplies, and the sentinel that stands for it in the renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hole {
    /// The contact link (the host's contact address, with the reference when there is one).
    Contact,
    /// The settings address.
    Settings,
    /// What the person gave, as the fallback echoes it (`echo_text`).
    Echo,
    /// The host's label, which the landmarks' names carry (empty without one).
    Label,
}

impl Hole {
    pub const ALL: [Hole; 4] = [Hole::Contact, Hole::Settings, Hole::Echo, Hole::Label];

    /// A private-use character that no help text contains.
    pub fn sentinel(self) -> char {
        match self {
            Hole::Contact => '\u{E000}',
            Hole::Settings => '\u{E001}',
            Hole::Echo => '\u{E002}',
            Hole::Label => '\u{E003}',
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Hole::Contact => "contact",
            Hole::Settings => "settings",
            Hole::Echo => "echo",
            Hole::Label => "label",
        }
    }

    fn in_text(text: &str) -> Option<Hole> {
        Hole::ALL.into_iter().find(|hole| text.contains(hole.sentinel()))
    }
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// Markup as it is.
    Text(String),
    /// Markup that depends on the placement: `values[i][placement]`.
    Placement(usize),
    /// A value the page supplies, escaped as HTML.
    Value(Hole),
    /// Markup shown only with `option`: `inserts[i]`.
    Optional { option: String, insert: usize },
}

/// One state's template: for each group of placements whose renders have the same shape, the
/// segments that make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    shapes: Vec<(Vec<usize>, Vec<Segment>)>,
}

/// The templates of many states, sharing the placement values and inserts.
pub struct Templates {
    placements: usize,
    values: Vec<Vec<String>>,
    inserts: Vec<Vec<Segment>>,
}

/// A token of a render, or where an option's insertion starts and ends.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Markup(String),
    Open(String),
    Close,
}

impl Templates {
    /// Templates for renders at `placements` placements, numbered from 0.
    pub fn new(placements: usize) -> Self {
        Self { placements, values: Vec::new(), inserts: Vec::new() }
    }

    /// Folds one state into a template. `render(placement, options)` is the state's markup at a
    /// placement with the options given switched on; `values` are what the holes stand for in
    /// those renders (sentinels, so the check can compare), and `combined` lists sets of options
    /// that can be on together, checked as well.
    pub fn fold(
        &mut self,
        render: impl Fn(usize, &[&str]) -> String,
        options: &[String],
        values: impl Fn(Hole) -> String,
        combined: &[Vec<&str>],
    ) -> Result<Template, String> {
        let sequences: Vec<Vec<Token>> =
            (0..self.placements).map(|at| with_insertions(&render, at, options)).collect::<Result<_, _>>()?;
        let mut groups: Vec<(Vec<usize>, &Vec<Token>)> = Vec::new();
        for (at, sequence) in sequences.iter().enumerate() {
            match groups.iter_mut().find(|(_, first)| same_shape(first, sequence)) {
                Some((members, _)) => members.push(at),
                None => groups.push((vec![at], sequence)),
            }
        }
        let mut shapes = Vec::new();
        for (members, _) in groups {
            let columns: Vec<Vec<&Token>> = (0..sequences[members[0]].len())
                .map(|i| members.iter().map(|&at| &sequences[at][i]).collect())
                .collect();
            let (segments, rest) = self.segments(&members, &columns)?;
            if !rest.is_empty() {
                return Err("an option's insertion ends where none began".into());
            }
            shapes.push((members, segments));
        }
        let template = Template { shapes };
        let mut checks: Vec<Vec<&str>> = vec![Vec::new()];
        checks.extend(options.iter().map(|option| vec![option.as_str()]));
        checks.extend(combined.iter().cloned());
        for at in 0..self.placements {
            for on in &checks {
                let filled = self.fill(&template, at, on, &values);
                let rendered = render(at, on);
                if filled.as_deref() != Some(rendered.as_str()) {
                    return Err(format!(
                        "the template does not reproduce the render at placement {at} with {on:?}:\n  render:   {rendered}\n  template: {}",
                        filled.unwrap_or_default()
                    ));
                }
            }
        }
        Ok(template)
    }

    /// The segments for zipped `columns` (one token per member placement) up to the end of an
    /// option's insertion, and the columns after it.
    fn segments<'a, 'b>(
        &mut self,
        members: &[usize],
        columns: &'b [Vec<&'a Token>],
    ) -> Result<(Vec<Segment>, &'b [Vec<&'a Token>]), String> {
        let mut segments: Vec<Segment> = Vec::new();
        let mut rest = columns;
        while let Some((column, after)) = rest.split_first() {
            rest = after;
            match column[0] {
                Token::Close => return Ok((merged(segments), rest)),
                Token::Open(option) => {
                    let (inner, after) = self.segments(members, rest)?;
                    rest = after;
                    let insert = self.intern_insert(inner);
                    segments.push(Segment::Optional { option: option.clone(), insert });
                }
                Token::Markup(first) => {
                    let texts: Vec<&str> = column
                        .iter()
                        .map(|token| match token {
                            Token::Markup(text) => text.as_str(),
                            _ => unreachable!("groups have the same shape"),
                        })
                        .collect();
                    if texts.iter().all(|text| text == first) {
                        segments.extend(value_segments(first)?);
                    } else if let Some(hole) = texts.iter().find_map(|text| Hole::in_text(text)) {
                        return Err(format!("the {} value changes with the placement", hole.name()));
                    } else {
                        let mut per_placement = vec![String::new(); self.placements];
                        for (&at, text) in members.iter().zip(texts) {
                            per_placement[at] = text.to_string();
                        }
                        segments.push(Segment::Placement(intern(&mut self.values, per_placement)));
                    }
                }
            }
        }
        Ok((merged(segments), rest))
    }

    fn intern_insert(&mut self, insert: Vec<Segment>) -> usize {
        intern(&mut self.inserts, insert)
    }

    /// The markup `template` gives at `placement` with `options` on and `values` in its holes,
    /// as the embed entry fills it (but without escaping: the checks fill in sentinels).
    pub fn fill(
        &self,
        template: &Template,
        placement: usize,
        options: &[&str],
        values: &impl Fn(Hole) -> String,
    ) -> Option<String> {
        let (_, segments) = template.shapes.iter().find(|(members, _)| members.contains(&placement))?;
        let mut out = String::new();
        self.fill_segments(segments, placement, options, values, &mut out);
        Some(out)
    }

    fn fill_segments(
        &self,
        segments: &[Segment],
        placement: usize,
        options: &[&str],
        values: &impl Fn(Hole) -> String,
        out: &mut String,
    ) {
        for segment in segments {
            match segment {
                Segment::Text(text) => out.push_str(text),
                Segment::Placement(at) => out.push_str(&self.values[*at][placement]),
                Segment::Value(hole) => out.push_str(&values(*hole)),
                Segment::Optional { option, insert } => {
                    if options.contains(&option.as_str()) {
                        self.fill_segments(&self.inserts[*insert], placement, options, values, out);
                    }
                }
            }
        }
    }

    /// The shared tables as JSON: `values[i][placement]` and `inserts[i]`.
    pub fn tables_json(&self) -> (Value, Value) {
        (json!(self.values), Value::Array(self.inserts.iter().map(|f| segments_json(f)).collect()))
    }
}

impl Template {
    /// `[{ placements: [...], segments: [...] }]`, without `placements` where one shape serves
    /// them all; a segment is a string (markup), a number (a placement value), `{ v: name }` (a
    /// value) or `{ o: option, f: insert }`.
    pub fn to_json(&self) -> Value {
        let every = self.shapes.len() == 1;
        Value::Array(
            self.shapes
                .iter()
                .map(|(members, segments)| {
                    let shape = json!({ "segments": segments_json(segments) });
                    if every {
                        shape
                    } else {
                        json!({ "placements": members, "segments": shape["segments"] })
                    }
                })
                .collect(),
        )
    }
}

fn segments_json(segments: &[Segment]) -> Value {
    Value::Array(
        segments
            .iter()
            .map(|segment| match segment {
                Segment::Text(text) => json!(text),
                Segment::Placement(at) => json!(at),
                Segment::Value(hole) => json!({ "v": hole.name() }),
                Segment::Optional { option, insert } => json!({ "o": option, "f": insert }),
            })
            .collect(),
    )
}

/// The index of `item` in `table`, adding it if it is new.
fn intern<T: PartialEq>(table: &mut Vec<T>, item: T) -> usize {
    table.iter().position(|known| *known == item).unwrap_or_else(|| {
        table.push(item);
        table.len() - 1
    })
}

/// Adjacent markup joined into one segment.
fn merged(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for segment in segments {
        match (out.last_mut(), segment) {
            (Some(Segment::Text(last)), Segment::Text(text)) => last.push_str(&text),
            (_, segment) => out.push(segment),
        }
    }
    out
}

/// A token that is the same at every placement: markup, or a value hole. A hole is a whole
/// token: a quoted attribute value (`"…"`) or the sentinel character in text.
fn value_segments(token: &str) -> Result<Vec<Segment>, String> {
    let Some(hole) = Hole::in_text(token) else { return Ok(vec![Segment::Text(token.to_string())]) };
    if token.chars().count() == 1 {
        return Ok(vec![Segment::Value(hole)]);
    }
    match token.strip_prefix('"').and_then(|inner| inner.strip_suffix('"')) {
        Some(_) => Ok(vec![Segment::Text("\"".into()), Segment::Value(hole), Segment::Text("\"".into())]),
        None => Err(format!("the {} value is part of a larger token: {token}", hole.name())),
    }
}

/// The render at `placement` with no option, as tokens, with each option's insertion marked
/// where it goes.
fn with_insertions(
    render: &impl Fn(usize, &[&str]) -> String,
    placement: usize,
    options: &[String],
) -> Result<Vec<Token>, String> {
    let base = tokens(&render(placement, &[]));
    let mut inserted: Vec<(usize, &str, Vec<String>)> = Vec::new();
    for option in options {
        let with = tokens(&render(placement, &[option.as_str()]));
        let (at, tokens) = insertion(&base, &with)
            .ok_or_else(|| format!("{option:?} does not only add markup at placement {placement}"))?;
        inserted.push((at, option, tokens));
    }
    let mut sequence = Vec::with_capacity(base.len());
    for at in 0..=base.len() {
        for (_, option, tokens) in inserted.iter().filter(|(position, ..)| *position == at) {
            sequence.push(Token::Open(option.to_string()));
            sequence.extend(tokens.iter().cloned().map(Token::Markup));
            sequence.push(Token::Close);
        }
        if let Some(token) = base.get(at) {
            sequence.push(Token::Markup(token.clone()));
        }
    }
    Ok(sequence)
}

/// Where `with` is `base` with tokens inserted, and those tokens; where the place is ambiguous,
/// the insertion is whole elements if it can be, so inserts read as markup.
fn insertion(base: &[String], with: &[String]) -> Option<(usize, Vec<String>)> {
    let added = with.len().checked_sub(base.len()).filter(|&n| n > 0)?;
    let prefix = base.iter().zip(with).take_while(|(a, b)| a == b).count();
    let suffix = base.iter().rev().zip(with.iter().rev()).take_while(|(a, b)| a == b).count();
    let lowest = base.len().saturating_sub(suffix);
    if lowest > prefix {
        return None;
    }
    let starts_a_tag = |at: usize| base.get(at).is_some_and(|token| token == "<");
    let whole = |at: usize| starts_a_tag(at) && with[at + added - 1] == ">";
    let at = (lowest..=prefix).find(|&at| whole(at)).or_else(|| (lowest..=prefix).find(|&at| starts_a_tag(at)));
    let at = at.unwrap_or(prefix);
    Some((at, with[at..at + added].to_vec()))
}

fn same_shape(a: &[Token], b: &[Token]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|pair| match pair {
            (Token::Markup(_), Token::Markup(_)) => true,
            (a, b) => a == b,
        })
}

/// HTML as tokens: a quoted attribute value inside a tag, a run of ASCII letters and digits, or
/// any other single character.
fn tokens(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_tag = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let len = if in_tag && c == '"' {
            rest[1..].find('"').map_or(rest.len(), |end| end + 2)
        } else if c.is_ascii_alphanumeric() {
            rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len())
        } else {
            in_tag = match c {
                '<' => true,
                '>' => false,
                _ => in_tag,
            };
            c.len_utf8()
        };
        out.push(rest[..len].to_string());
        rest = &rest[len..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_attribute_values_whole() {
        assert_eq!(
            tokens(r#"<h2 class="a b">Hi "x"</h2>"#),
            ["<", "h2", " ", "class", "=", "\"a b\"", ">", "Hi", " ", "\"", "x", "\"", "<", "/", "h2", ">"]
        );
    }

    #[test]
    fn an_insertion_goes_before_a_tag() {
        let base = tokens("<a><b></b></a>");
        let with = tokens("<a><b></b><c></c></a>");
        let (at, inserted) = insertion(&base, &with).expect("an insertion");
        assert_eq!(inserted.concat(), "<c></c>");
        assert_eq!(base[..at].concat(), "<a><b></b>");
        assert_eq!(insertion(&base, &tokens("<a><x></x></a>")), None, "a change is not an insertion");
    }

    /// A tiny "component": a heading at a level, an optional note, and a link.
    fn render(placement: usize, options: &[&str]) -> String {
        let level = placement + 1;
        let note = if options.contains(&"note") {
            format!("<p><h{}>Note</h{}></p>", level + 1, level + 1)
        } else {
            String::new()
        };
        format!(
            r#"<div><h{level} class="t">Title</h{level}>{note}<a href="{}">Contact</a> <bdi>{}</bdi></div>"#,
            Hole::Contact.sentinel(),
            Hole::Echo.sentinel()
        )
    }

    fn sentinels(hole: Hole) -> String {
        hole.sentinel().to_string()
    }

    #[test]
    fn placements_options_and_values_become_holes() {
        let mut templates = Templates::new(3);
        let template = templates.fold(render, &["note".to_string()], sentinels, &[]).expect("a template");
        let filled = |placement, options: &[&str]| {
            let values = |hole: Hole| match hole {
                Hole::Contact => "/contact".to_string(),
                _ => "CID9".to_string(),
            };
            templates.fill(&template, placement, options, &values).expect("a shape")
        };
        assert_eq!(
            filled(1, &[]),
            r#"<div><h2 class="t">Title</h2><a href="/contact">Contact</a> <bdi>CID9</bdi></div>"#
        );
        assert_eq!(
            filled(2, &["note"]),
            r#"<div><h3 class="t">Title</h3><p><h4>Note</h4></p><a href="/contact">Contact</a> <bdi>CID9</bdi></div>"#
        );
        let (values, inserts) = templates.tables_json();
        assert_eq!(values, json!([["h1", "h2", "h3"], ["h2", "h3", "h4"]]));
        assert_eq!(inserts, json!([["<p><", 1, ">Note</", 1, "></p>"]]));
    }

    #[test]
    fn a_template_that_cannot_reproduce_a_render_fails() {
        let mut templates = Templates::new(2);
        let changing = |placement: usize, _: &[&str]| format!("<p>{}</p>", "x".repeat(placement + 1));
        assert!(templates.fold(changing, &[], sentinels, &[]).is_ok(), "one hole per differing token");
        let not_inserted = |placement: usize, options: &[&str]| {
            if options.is_empty() {
                format!("<p>{placement}</p>")
            } else {
                "<q></q>".to_string()
            }
        };
        assert!(templates.fold(not_inserted, &["x".to_string()], sentinels, &[]).is_err());
    }
}
