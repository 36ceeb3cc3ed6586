//! "Content problems": what a development build (`trunk serve`) shows on the standalone page in
//! place of the help while an article has a mistake, so the content designer sees it where they
//! were looking. One line per problem, in the order of the files: the file and line, what is
//! wrong and how to fix it, with the problems it causes further on folded under it. A release
//! build fails instead (see `crates/core/build.rs`), so no patient ever sees this.

use crate::content::ContentProblem;
use leptos::prelude::*;

/// The heading of the page, and its title.
pub const PROBLEMS_HEADING: &str = "Content problems";

/// Every problem, as text only (a message may quote what the article says, markup included).
#[component]
pub fn ContentProblems(
    /// What the build found ([`crate::content::PROBLEMS`]).
    problems: &'static [ContentProblem],
) -> impl IntoView {
    let count = match problems.len() {
        1 => "a problem".to_string(),
        n => format!("{n} problems"),
    };
    let items = problems.iter().map(|problem| view! { <li><ProblemLine problem /></li> }).collect_view();
    view! {
        <div class="nhs-login-help nhs-login-help__problems">
            <h1 class="nhsuk-heading-l">{PROBLEMS_HEADING}</h1>
            <p class="nhsuk-body">
                {format!("The help articles have {count}, so this page cannot show the help. ")}
                {"Fix the file and save it: the help comes back by itself."}
            </p>
            <ol class="nhsuk-list nhsuk-list--number">{items}</ol>
            <p class="nhsuk-body">{"A development build shows this page; a release build fails instead."}</p>
        </div>
    }
}

/// `file, line N: what is wrong. To fix it: how`, and the problems it causes, by line.
#[component]
fn ProblemLine(problem: &'static ContentProblem) -> impl IntoView {
    let follow_ons = (!problem.follow_ons.is_empty()).then(|| {
        let lines = problem
            .follow_ons
            .iter()
            .map(|follow_on| view! { <li>{format!("line {}: {}", follow_on.line, follow_on.message)}</li> })
            .collect_view();
        view! {
            <p class="nhsuk-body">{"It also causes these, which go once it is fixed:"}</p>
            <ul class="nhsuk-list nhsuk-list--bullet">{lines}</ul>
        }
    });
    view! {
        <strong>{format!("{}, line {}", problem.file, problem.line)}</strong>
        {format!(": {}. To fix it: {}", problem.message, problem.hint)}
        {follow_ons}
    }
}
