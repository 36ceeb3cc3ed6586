//! The fallback when we have no help for what the person was given: says so plainly, echoes it
//! back as text only, and offers the topics and a contact link.

use super::{contact_us, ArticleLink, Heading, TopicList};
use crate::config::{HeadingLevel, Variant};
use crate::content::Article;
use crate::links::LinkTargets;
use crate::lookup::NOT_FOUND_HEADING;
use crate::reference::ErrorReference;
use leptos::prelude::*;

/// "We could not find that help", with the input shown inside `<bdi>` so right-to-left text
/// cannot reorder the sentence around it, and the closest known references for a near miss.
#[component]
pub fn NotFound(
    /// Safe, shortened text of what was given (see [`crate::reference::echo_text`]).
    echo: String,
    /// Set only for a well-formed reference: then the contact link carries it.
    reference: Option<ErrorReference>,
    /// Articles whose code is one typo away from what was given.
    suggestions: Vec<&'static Article>,
    level: HeadingLevel,
    variant: Variant,
    links: LinkTargets,
) -> impl IntoView {
    let what = if echo.is_empty() {
        view! { "We do not have a help article for that reference." }.into_any()
    } else {
        view! { "We do not have a help article for " <bdi class="nhs-login-help__given">{echo}</bdi> "." }.into_any()
    };
    let contact = links.contact_link(reference.as_ref());
    let did_you_mean = match suggestions.as_slice() {
        [] => None,
        [article] => Some(
            view! { <p class="nhsuk-body nhs-login-help__suggestion">"Did you mean " <ArticleLink article /> "?"</p> }
                .into_any(),
        ),
        several => {
            let items = several.iter().map(|&article| view! { <li><ArticleLink article /></li> }).collect_view();
            Some(
                view! {
                    <p class="nhsuk-body nhs-login-help__suggestion">"Did you mean one of these?"</p>
                    <ul class="nhsuk-list nhsuk-list--bullet">{items}</ul>
                }
                .into_any(),
            )
        }
    };
    view! {
        <div class="nhs-login-help__not-found">
            <Heading level class=variant.title_class()>{NOT_FOUND_HEADING}</Heading>
            <p class="nhsuk-body">{what}</p>
            {did_you_mean}
            <p class="nhsuk-body">{"Check the reference you were given, or search or choose from the help topics below."}</p>
            {contact_us(contact.clone())}
            <TopicList level=level.below() with_intro=false variant contact />
        </div>
    }
}
