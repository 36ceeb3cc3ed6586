//! The explorer's HTML, rendered on the server with maud: every value is escaped as text by
//! construction (a comment's `<script>` shows as those characters), no script is sent, and the
//! markup follows NHS.UK's patterns (header, error summary, form groups, summary list, details).

use super::chart::{chart, Bar};
use super::filter::{date_text, Filter, FilterError};
use crate::db::Answer;
use crate::widget::{AnsweredIn, Article};
use maud::{html, Markup, DOCTYPE};

/// One article's part of the page.
pub struct ArticleView<'a> {
    pub id: &'a str,
    /// The article in this receiver's build of the widget, `None` for an id it does not know.
    pub known: Option<&'static Article>,
    pub answers: i64,
    pub helpful: i64,
    /// How many of its answers have a comment (more than may be shown).
    pub commented: i64,
    pub bars: Vec<Bar>,
    /// The newest comments, newest first.
    pub comments: Vec<&'a Answer>,
}

/// Everything the explorer page shows.
pub struct ExplorerView<'a> {
    pub filter: &'a Filter,
    pub errors: &'a [FilterError],
    /// The article filter's choices: id and label.
    pub article_choices: Vec<(String, String)>,
    pub origin_choices: Vec<String>,
    pub articles: Vec<ArticleView<'a>>,
    pub gallery_url: Option<&'a str>,
    /// How many comments per article the page shows at most.
    pub comments_shown: i64,
}

/// The page around `main`: header (with sign-out when signed in), skip link, styles.
fn layout(title: &str, signed_in: bool, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – Feedback explorer – NHS login help" }
                link rel="stylesheet" href="/explorer/explorer.css";
                link rel="icon" href="data:,";
            }
            body {
                a.skip-link href="#main-content" { "Skip to main content" }
                header.header {
                    div.width-container.header__container {
                        a.header__link href="/explorer" {
                            span.header__logo { "NHS" }
                            span.header__service { "login help: feedback explorer" }
                        }
                        @if signed_in {
                            form.header__sign-out method="post" action="/explorer/sign-out" {
                                button.button.button--secondary type="submit" { "Sign out" }
                            }
                        }
                    }
                }
                div.width-container {
                    main.main #main-content { (main) }
                }
            }
        }
    }
}

/// NHS.UK's error summary: what is wrong, each linking to its field.
fn error_summary(errors: &[(&str, &str)]) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.error-summary role="alert" aria-labelledby="error-summary-title" {
                h2.error-summary__title #error-summary-title { "There is a problem" }
                ul.error-summary__list {
                    @for (field, message) in errors {
                        li { a href=(format!("#{field}")) { (message) } }
                    }
                }
            }
        }
    }
}

/// The sign-in page: one field for the token. `wrong` when a token was given and is not right.
pub fn sign_in(wrong: bool) -> Markup {
    let error = "The token is not right: check it with your service’s operator";
    let errors = if wrong { vec![("token", error)] } else { Vec::new() };
    let main = html! {
        (error_summary(&errors))
        h1 { "Sign in to the feedback explorer" }
        p { "The explorer shows what people said about the help: answers to “Was this helpful?” and their comments." }
        form method="post" action="/explorer/sign-in" novalidate {
            div.form-group.form-group--error[wrong] {
                label.label for="token" { "Explorer token" }
                div.hint #token-hint { "Your service’s operator has it. You stay signed in for 8 hours on this browser." }
                @if wrong {
                    p.error-message #token-error { span.visually-hidden { "Error: " } (error) }
                }
                input.input.input--error[wrong] #token name="token" type="password" autocomplete="off" spellcheck="false"
                    aria-describedby=(if wrong { "token-hint token-error" } else { "token-hint" });
            }
            button.button type="submit" { "Sign in" }
        }
    };
    layout(if wrong { "Error: Sign in" } else { "Sign in" }, false, main)
}

/// `25 November 2026, 09:30 UTC` from `2026-11-25T09:30:00.000Z`; the text as stored if it is not
/// in that form.
pub fn when(timestamp: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let part = |from: usize, to: usize| timestamp.get(from..to).and_then(|text| text.parse::<usize>().ok());
    match (part(0, 4), part(5, 7), part(8, 10), timestamp.get(11..16)) {
        (Some(year), Some(month @ 1..=12), Some(day), Some(time)) => {
            format!("{day} {} {year}, {time} UTC", MONTHS[month - 1])
        }
        _ => timestamp.to_string(),
    }
}

/// `7 of 9 (78%)`.
fn share(part: i64, whole: i64) -> String {
    if whole == 0 {
        return "none".into();
    }
    format!("{part} of {whole} ({}%)", (part * 100 + whole / 2) / whole)
}

/// The filter in words, for the results heading.
fn described(filter: &Filter, choices: &[(String, String)]) -> String {
    let article = match &filter.article {
        Some(id) => choices.iter().find(|(choice, _)| choice == id).map_or(id.clone(), |(_, label)| label.clone()),
        None => "all articles".into(),
    };
    let dates = match (filter.from, filter.to) {
        (Some(from), Some(to)) => format!(", answered {} to {} (UTC)", date_text(from), date_text(to)),
        (Some(from), None) => format!(", answered from {} (UTC)", date_text(from)),
        (None, Some(to)) => format!(", answered up to {} (UTC)", date_text(to)),
        (None, None) => String::new(),
    };
    let origin = filter.origin.as_ref().map_or("all partner origins".to_string(), Clone::clone);
    let shown = match filter.placement.as_deref() {
        Some(placement) => format!(", shown as {}", placement_label(placement).to_lowercase()),
        None => String::new(),
    };
    format!("{article}{dates}, from {origin}{shown}")
}

/// How each placement reads in the filter.
fn placement_label(placement: &str) -> &'static str {
    match placement {
        "standalone" => "The help page",
        "page" => "A partner page's help",
        _ => "An inline panel",
    }
}

/// The explorer: the filter form, the totals, the CSV link and each article's figures, chart and
/// comments.
pub fn explorer(view: &ExplorerView) -> Markup {
    let answers: i64 = view.articles.iter().map(|article| article.answers).sum();
    let helpful: i64 = view.articles.iter().map(|article| article.helpful).sum();
    let query = view.filter.query_string();
    let csv =
        if query.is_empty() { "/explorer/feedback.csv".to_string() } else { format!("/explorer/feedback.csv?{query}") };
    let error_for = |field: &str| view.errors.iter().find(|error| error.field == field).map(|error| error.message);
    let errors: Vec<(&str, &str)> = view.errors.iter().map(|error| (error.field, error.message)).collect();
    let main = html! {
        (error_summary(&errors))
        h1 { "Feedback explorer" }
        form.filters method="get" action="/explorer" aria-labelledby="filters-title" {
            h2 #filters-title { "Filter answers" }
            div.filters__fields {
                (select("article", "Article", "All articles", &view.article_choices, view.filter.article.as_deref(), error_for("article")))
                fieldset.fieldset {
                    legend.fieldset__legend { "Date answered (UTC)" }
                    div.date-range {
                        (date_input("from", "From", view.filter.from.map(date_text), error_for("from")))
                        (date_input("to", "To", view.filter.to.map(date_text), error_for("to")))
                    }
                }
                @let origins: Vec<(String, String)> = view.origin_choices.iter().map(|origin| (origin.clone(), origin.clone())).collect();
                (select("origin", "Partner origin", "All partner origins", &origins, view.filter.origin.as_deref(), error_for("origin")))
                @let placements: Vec<(String, String)> = AnsweredIn::ALL.iter().map(|placement| (placement.name().to_string(), placement_label(placement.name()).to_string())).collect();
                (select("placement", "Shown as", "Shown any way", &placements, view.filter.placement.as_deref(), error_for("placement")))
            }
            div.filters__actions {
                button.button type="submit" { "Show answers" }
                @if !view.filter.is_empty() { a.filters__clear href="/explorer" { "Clear filters" } }
            }
        }
        section.results aria-labelledby="results-title" {
            h2 #results-title { (answers) " answers" @if answers > 0 { ", " (share(helpful, answers)) " helpful" } }
            p.results__filter { "Showing " (described(view.filter, &view.article_choices)) "." }
            @if answers == 0 {
                p { "No answers match this filter." }
            } @else {
                p { a.download href=(csv) download { "Download these " (answers) " answers as CSV" } }
                ul.contents aria-label="Articles with answers" {
                    @for article in &view.articles {
                        li { a href=(format!("#article-{}", article.id)) { (title_of(article)) } " (" (article.answers) ")" }
                    }
                }
            }
        }
        @for (index, article) in view.articles.iter().enumerate() {
            (article_section(article, index, view))
        }
    };
    layout(if view.errors.is_empty() { "Feedback explorer" } else { "Error: Feedback explorer" }, true, main)
}

fn title_of(article: &ArticleView) -> String {
    article.known.map_or_else(|| format!("Unknown article “{}”", article.id), |known| known.title.to_string())
}

fn article_section(article: &ArticleView, index: usize, view: &ExplorerView) -> Markup {
    let id = format!("article-{}", article.id);
    let title = title_of(article);
    html! {
        section.article #(id) aria-labelledby=(format!("{id}-title")) {
            h2 #(format!("{id}-title")) { (title) }
            dl.summary-list {
                div.summary-list__row { dt { "Article id" } dd { code { (article.id) } } }
                div.summary-list__row {
                    dt { "Error codes" }
                    dd {
                        @match article.known {
                            Some(known) if !known.codes.is_empty() => { (known.codes.join(", ")) }
                            Some(_) => { "None (topic help)" }
                            None => { "Not known to this receiver’s version of the widget" }
                        }
                    }
                }
                div.summary-list__row { dt { "Answers" } dd { (article.answers) } }
                div.summary-list__row { dt { "Helpful" } dd { (share(article.helpful, article.answers)) } }
                div.summary-list__row { dt { "Not helpful" } dd { (share(article.answers - article.helpful, article.answers)) } }
            }
            @if let (Some(gallery), Some(_)) = (view.gallery_url, article.known) {
                p { a href=(format!("{gallery}#{}", article.id)) { "See “" (title) "” in the gallery" } }
            }
            (chart(&article.bars, &format!("chart-{index}")))
            h3 { "Comments, newest first" }
            @if article.comments.is_empty() {
                p { "No comments." }
            } @else {
                @if article.commented > article.comments.len() as i64 {
                    p { "The newest " (view.comments_shown) " of " (article.commented) " comments. The CSV has them all." }
                }
                ol.comments {
                    @for answer in &article.comments {
                        li.comment {
                            p.comment__text { (answer.comment.as_deref().unwrap_or_default()) }
                            p.comment__meta {
                                strong { (if answer.helpful { "Helpful" } else { "Not helpful" }) }
                                " · " (when(&answer.answered_at))
                                @if let Some(reference) = &answer.reference { " · " (reference) }
                                " · " (answer.origin)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A select with an "all" choice first, and its error.
fn select(
    name: &str,
    label: &str,
    all: &str,
    choices: &[(String, String)],
    chosen: Option<&str>,
    error: Option<&str>,
) -> Markup {
    html! {
        div.form-group.form-group--error[error.is_some()] {
            label.label for=(name) { (label) }
            @if let Some(error) = error {
                p.error-message #(format!("{name}-error")) { span.visually-hidden { "Error: " } (error) }
            }
            select.select #(name) name=(name) aria-describedby=[error.map(|_| format!("{name}-error"))] {
                option value="" selected[chosen.is_none()] { (all) }
                @for (value, text) in choices {
                    option value=(value) selected[chosen == Some(value.as_str())] { (text) }
                }
            }
        }
    }
}

/// A date field (`YYYY-MM-DD`) and its error.
fn date_input(name: &str, label: &str, value: Option<String>, error: Option<&str>) -> Markup {
    html! {
        div.form-group.form-group--error[error.is_some()] {
            label.label for=(name) { (label) }
            @if let Some(error) = error {
                p.error-message #(format!("{name}-error")) { span.visually-hidden { "Error: " } (error) }
            }
            input.input.input--date #(name) name=(name) type="date" value=[value] placeholder="2026-11-25"
                aria-describedby=[error.map(|_| format!("{name}-error"))];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_people_write_them() {
        assert_eq!(when("2026-11-25T09:30:00.000Z"), "25 November 2026, 09:30 UTC");
        assert_eq!(when("garbage"), "garbage");
        assert_eq!(share(7, 9), "7 of 9 (78%)");
    }

    #[test]
    fn a_comment_is_text_never_markup() {
        let answer = Answer {
            id: "5a5a5a5a-5a5a-4a5a-9a5a-5a5a5a5a5a5a".into(),
            article: "nhsmail-login".into(),
            reference: None,
            helpful: false,
            comment: Some("<script>alert(1)</script><img src=x onerror=alert(2)> & \"quotes\"".into()),
            version: "0.1.0".into(),
            origin: "https://partner.example".into(),
            answered_at: "2026-11-25T09:30:00.000Z".into(),
            received_at: "2026-11-25T09:30:01.000Z".into(),
            placement: Some("inline".into()),
        };
        let filter = Filter::default();
        let view = ExplorerView {
            filter: &filter,
            errors: &[],
            article_choices: vec![],
            origin_choices: vec!["https://partner.example".into()],
            articles: vec![ArticleView {
                id: "nhsmail-login",
                known: None,
                answers: 1,
                helpful: 0,
                commented: 1,
                bars: vec![],
                comments: vec![&answer],
            }],
            gallery_url: None,
            comments_shown: 100,
        };
        let html = explorer(&view).into_string();
        assert!(
            html.contains(
                "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot;"
            ),
            "{html}"
        );
        assert!(!html.contains("<script") && !html.contains("<img"));
    }
}
