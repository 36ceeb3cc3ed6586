//! A state of the widget as HTML: the `Widget` component rendered natively with Leptos's own HTML
//! rendering, the markup the wasm builds in the browser for the same help and placement.

use leptos::prelude::*;
use nhs_login_help::components::{ContentProblems, Widget};
use nhs_login_help::config::Placement;
use nhs_login_help::content::ContentProblem;
use nhs_login_help::lookup::Help;

/// The widget's markup for `help` at `placement`, without the comments Leptos writes to mark
/// where dynamic content goes (a browser ignores them, and the wasm does not need them: it
/// renders afresh rather than hydrating).
pub fn widget_html(help: Help, placement: Placement) -> String {
    let owner = Owner::new();
    let html = owner.with(|| {
        let (help, placement) = (Signal::stored(help), Signal::stored(placement));
        view! { <Widget help placement /> }.to_html()
    });
    without_comments(&html)
}

/// The "Content problems" page a development build shows in place of the help, as the wasm
/// renders it (see `nhs_login_help::components::ContentProblems`).
pub fn problems_html(problems: &'static [ContentProblem]) -> String {
    let owner = Owner::new();
    let html = owner.with(|| view! { <ContentProblems problems /> }.to_html());
    without_comments(&html)
}

/// `html` without its comments. Leptos escapes `<` in text and attribute values, so `<!` only
/// ever starts a comment here.
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!") {
        out.push_str(&rest[..start]);
        let comment = &rest[start..];
        let end = if comment.starts_with("<!--") {
            comment.find("-->").map(|at| at + 3)
        } else {
            comment.find('>').map(|at| at + 1)
        };
        let end = end.unwrap_or_else(|| panic!("an unterminated comment in {html}"));
        rest = &comment[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nhs_login_help::config::{HeadingLevel, Request, Variant};
    use nhs_login_help::contract::data;

    #[test]
    fn comments_go_and_everything_else_stays() {
        assert_eq!(without_comments("<p>a<!>b<!---->c</p><!-- x -->"), "<p>abc</p>");
    }

    #[test]
    fn an_article_renders_with_its_heading_reference_and_data_attributes() {
        let help = Help::for_request(Request::from_url("?error=CID7023", ""));
        let placement = Placement { level: HeadingLevel::new(3), variant: Variant::Inline, ..Placement::standalone() };
        let html = widget_html(help, placement);
        assert!(html.starts_with(r#"<div class="nhs-login-help nhs-login-help--inline">"#), "{html}");
        assert!(html.contains(
            r#"<h3 id="nhs-login-help-title" class="nhsuk-heading-s">Unable to connect to your GP surgery’s system</h3>"#
        ), "{html}");
        assert!(html.contains("Error reference: <strong>CID7023</strong>"));
        assert!(html.contains(&format!(r#"{}="cannot-connect-to-gp-system""#, data::ARTICLE)));
        assert!(html.contains(&format!(r#"{}="wrong-details""#, data::EXPANDER)));
        assert!(!html.contains("<!"), "{html}");
    }

    #[test]
    fn content_problems_are_text_one_line_each_with_follow_ons_under_their_cause() {
        static FOLLOW_ONS: [ContentProblem; 1] = [ContentProblem {
            file: "content/articles/a.md",
            line: 15,
            message: "contact link names `CID2014`",
            hint: "name one of the article's codes",
            follow_ons: &[],
        }];
        static PROBLEMS: [ContentProblem; 2] = [
            ContentProblem {
                file: "content/articles/a.md",
                line: 3,
                message: "malformed code `<script>alert(1)</script>`",
                hint: "write `CID` & 4 or 5 digits",
                follow_ons: &FOLLOW_ONS,
            },
            ContentProblem {
                file: "content/articles/b.md",
                line: 9,
                message: "empty heading",
                hint: "write it",
                follow_ons: &[],
            },
        ];
        let html = problems_html(&PROBLEMS);
        assert!(html.contains("<h1 class=\"nhsuk-heading-l\">Content problems</h1>"), "{html}");
        assert!(html.contains("The help articles have 2 problems"), "{html}");
        assert!(!html.contains("<script"), "markup in a message is text: {html}");
        assert!(
            html.contains(
                "<li><strong>content/articles/a.md, line 3</strong>: malformed code `&lt;script&gt;alert(1)&lt;/script&gt;`. To fix it: write `CID` &amp; 4 or 5 digits"
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "<ul class=\"nhsuk-list nhsuk-list--bullet\"><li>line 15: contact link names `CID2014`</li></ul></li>"
            ),
            "{html}"
        );
        assert!(
            html.contains(
                "<li><strong>content/articles/b.md, line 9</strong>: empty heading. To fix it: write it</li>"
            ),
            "{html}"
        );
    }

    #[test]
    fn the_topics_end_with_a_contact_link() {
        let html = widget_html(Help::Topics, Placement::standalone());
        let contact = html.rfind("https://help.login.nhs.uk/contact").expect("a contact link");
        assert!(contact > html.rfind("</nav>").expect("the topic list"), "after the topics: {html}");
    }
}
