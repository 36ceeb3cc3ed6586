//! The standalone page (`trunk serve`, the help centre): reads the page URL, mounts the widget
//! into the page's mount element and follows the URL when it changes without a page load.

use super::handover::Handover;
use super::{feedback, focus_heading_in, focus_section_in, page_url, push_history};
use crate::components::{ContentProblems, HostHooks, Widget, PROBLEMS_HEADING};
use crate::config::{requested_section, Placement, Request};
use crate::content::{Article, PROBLEMS};
use crate::contract::{data, MOUNT_ID};
use crate::feedback::AnsweredIn;
use crate::lookup::{Help, PAGE_TITLE_SUFFIX};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Mounts the widget for the current page URL into the mount element, replacing the fallback
/// content, and keeps it for the life of the page.
pub fn mount_standalone() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let Some(parent) = document.get_element_by_id(MOUNT_ID).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    // A development build with mistakes in the articles shows them, whatever the URL asks for
    // (the first paint does the same). `PROBLEMS` is a constant, empty in a release build.
    if !PROBLEMS.is_empty() {
        document.set_title(&[PROBLEMS_HEADING, PAGE_TITLE_SUFFIX].concat());
        let _ = parent.remove_attribute(data::FIRST_PAINT);
        parent.set_text_content(None);
        leptos::mount::mount_to(parent, || view! { <ContentProblems problems=PROBLEMS /> }).forget();
        return;
    }
    let placement = Placement::for_page(
        parent.get_attribute(data::HEADING_LEVEL).as_deref(),
        parent.get_attribute(data::FEEDBACK_URL).as_deref(),
    );
    let feedback_url = placement.feedback_url.clone();

    // The first paint (embed/first-paint.js) showed the help for the URL it names in
    // `data-first-paint` and hands over what the person did with it. The widget starts from that
    // help and then follows the URL like any change: new help is rendered and announced.
    let painted = parent.get_attribute(data::FIRST_PAINT);
    let handover = painted.is_some().then(|| Handover::read(&parent));
    let now = help_for_url(&document);
    let first = painted.as_ref().map_or_else(
        || now.clone(),
        |url| {
            let (search, hash) = url.split_once('#').map_or((url.as_str(), ""), |(search, hash)| (search, hash));
            Help::for_request(Request::from_url(search, hash)).with_section(requested_section(search, hash).as_deref())
        },
    );
    if painted.is_none() {
        focus_section_in(parent.clone().into(), &first);
    }
    let help = RwSignal::new(first);
    // A link to a hash fires both events; only a real change re-renders and is announced.
    let followed = parent.clone();
    let follow = move |next: Help| {
        if help.with_untracked(|shown| *shown != next) {
            focus_section_in(followed.clone().into(), &next);
            help.set(next);
        }
    };
    for event in ["popstate", "hashchange"] {
        let (document, follow) = (document.clone(), follow.clone());
        window_event_listener_untyped(event, move |_| follow(help_for_url(&document)));
    }

    let _ = parent.remove_attribute(data::FIRST_PAINT);
    parent.set_text_content(None);
    let root = parent.clone();
    let mounted = parent.clone();
    leptos::mount::mount_to(parent, move || {
        // Choosing an article from the topics or a search is a new page in the history, so the
        // back button returns to the list (with the search text, which the widget keeps).
        let open_article = Callback::new(move |article: &'static Article| {
            push_history(&article.href(None));
            help.set(help_for_url(&document));
            focus_heading_in(root.clone().into());
        });
        let send_feedback = feedback_url
            .clone()
            .map(|url| Callback::new(move |answer| feedback::submit(&url, AnsweredIn::Standalone, answer)));
        let hooks = HostHooks { notify: None, open_article: Some(open_article), send_feedback };
        view! { <Widget help=help.into() placement=Signal::stored(placement) hooks /> }
    })
    .forget();
    if let Some(handover) = handover {
        handover.apply(&mounted);
    }
    follow(now);
    // After mounting, which starts the async executor that sending needs.
    feedback::start();
}

/// What the URL asks for; also names the document after it.
fn help_for_url(document: &web_sys::Document) -> Help {
    let (search, hash) = page_url();
    let help =
        Help::for_request(Request::from_url(&search, &hash)).with_section(requested_section(&search, &hash).as_deref());
    document.set_title(&help.page_title());
    help
}
