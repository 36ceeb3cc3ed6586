//! "Was this helpful?" at the end of an article, when the host collects feedback: Yes or No,
//! after No an optional comment, then a thank-you that takes the focus. The host sends it.

use super::{landmark, Answer, Heading, HostHooks};
use crate::config::HeadingLevel;
use crate::feedback::{scrub, MAX_COMMENT_CHARS};
use crate::reference::ErrorReference;
use leptos::prelude::*;
use std::time::Duration;

/// How long typing must pause before the characters left are announced, so a screen reader is
/// not interrupted at every key.
const COUNT_ANNOUNCE_DELAY: Duration = Duration::from_millis(1000);

/// Where the person is in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Asking,
    Commenting,
    /// Sent; `removed` says whether personal details were taken out of the comment.
    Thanked {
        removed: bool,
    },
}

/// The question, the comment box and the thank-you for one article.
#[component]
pub fn FeedbackForm(
    article: &'static str,
    reference: Option<ErrorReference>,
    /// Level of the form's heading: a section of the article.
    level: HeadingLevel,
) -> impl IntoView {
    let hooks = HostHooks::current();
    let stage = RwSignal::new(Stage::Asking);
    let comment = RwSignal::new(String::new());
    // The button pressed goes away with each stage, so focus moves on with the person: to the
    // comment box after No, to the thank-you once sent. By the next frame the stage has rendered.
    let thanks = NodeRef::<leptos::html::P>::new();
    let comment_box = NodeRef::<leptos::html::Textarea>::new();
    let go_to = move |next: Stage| {
        stage.set(next);
        request_animation_frame(move || {
            let _ = match next {
                Stage::Commenting => comment_box.get_untracked().map(|el| el.focus()),
                Stage::Thanked { .. } => thanks.get_untracked().map(|el| el.focus()),
                Stage::Asking => None,
            };
        });
    };
    let send = move |helpful: bool| {
        let text = comment.get_untracked();
        let removed = scrub(&text).removed;
        if let Some(send) = hooks.send_feedback {
            send.run(Answer { article, reference: reference.clone(), helpful, comment: text });
        }
        go_to(Stage::Thanked { removed });
    };
    let body = move || match stage.get() {
        Stage::Asking => {
            let yes = send.clone();
            question(move || yes(true), move || go_to(Stage::Commenting)).into_any()
        }
        Stage::Commenting => {
            let no = send.clone();
            comment_form(comment, comment_box, move || no(false)).into_any()
        }
        Stage::Thanked { removed } => thank_you(removed, thanks).into_any(),
    };
    view! {
        <section
            class="nhs-login-help__feedback"
            aria-labelledby=landmark::FEEDBACK_NAMED_BY
        >
            <Heading level class="nhsuk-heading-s" id=landmark::FEEDBACK>"Was this helpful?"</Heading>
            {body}
        </section>
    }
}

/// Yes and No.
fn question(yes: impl Fn() + 'static, no: impl Fn() + 'static) -> impl IntoView {
    view! {
        <div class="nhs-login-help__feedback-buttons">
            <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| yes()>"Yes"</button>
            <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| no()>"No"</button>
        </div>
    }
}

/// After No: the optional comment, with the characters left (announced once typing pauses).
fn comment_form(
    comment: RwSignal<String>,
    comment_box: NodeRef<leptos::html::Textarea>,
    send: impl Fn() + 'static,
) -> impl IntoView {
    let announced = RwSignal::new(String::new());
    let left = move || MAX_COMMENT_CHARS.saturating_sub(comment.with(|c| c.chars().count()));
    let left_text = move || match left() {
        1 => "You have 1 character remaining".to_string(),
        n => format!("You have {n} characters remaining"),
    };
    let typed = move |_| {
        let now = left_text();
        set_timeout(
            move || {
                if left_text() == now {
                    announced.set(now);
                }
            },
            COUNT_ANNOUNCE_DELAY,
        );
    };
    view! {
        <form class="nhs-login-help__feedback-form" on:submit=move |event| { event.prevent_default(); send() }>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="nhs-login-help-comment">{"What was missing or unclear? (optional)"}</label>
                <div class="nhsuk-hint" id="nhs-login-help-comment-hint">
                    {"Do not include personal details, such as your name, NHS number, email address or phone number. We cannot reply to comments."}
                </div>
                <textarea
                    class="nhsuk-textarea"
                    id="nhs-login-help-comment"
                    rows="4"
                    maxlength=MAX_COMMENT_CHARS.to_string()
                    aria-describedby="nhs-login-help-comment-hint nhs-login-help-comment-count"
                    bind:value=comment
                    on:input=typed
                    node_ref=comment_box
                ></textarea>
                <div class="nhsuk-hint nhs-login-help__counter" id="nhs-login-help-comment-count">{left_text}</div>
                <div class="nhsuk-u-visually-hidden" aria-live="polite">{move || announced.get()}</div>
            </div>
            <button type="submit" class="nhsuk-button">{"Send feedback"}</button>
        </form>
    }
}

/// Sent: the thank-you, which takes the focus, and whether personal details were taken out.
fn thank_you(removed: bool, thanks: NodeRef<leptos::html::P>) -> impl IntoView {
    view! {
        <p class="nhsuk-body nhs-login-help__thanks" tabindex="-1" node_ref=thanks>"Thank you for your feedback."</p>
        {removed.then(|| view! {
            <p class="nhsuk-body">
                "We removed what looked like personal details (an email address, phone number or NHS number) from your comment before sending it."
            </p>
        })}
    }
}
