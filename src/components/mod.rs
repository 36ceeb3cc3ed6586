//! Thin Leptos components that render what [`crate::lookup`] decided. They hold no logic of their
//! own beyond layout, and never render text as HTML.
//!
//! An element whose attributes and text are all literals is written with its text as a block,
//! `<label for="…">{"Search the help"}</label>`: Leptos builds a wholly literal element from an
//! HTML string through `innerHTML`, which a page enforcing Trusted Types refuses. With the block
//! it builds it node by node (`tests/e2e/trusted-types.test.mjs` renders every component under
//! Trusted Types).

mod article;
mod feedback;
mod not_found;
mod problems;
mod topics;

use article::ArticleView;
use not_found::NotFound;
pub use problems::{ContentProblems, PROBLEMS_HEADING};
use topics::{ArticleLink, SearchText, TopicList};

use crate::config::{HeadingLevel, Placement};
use crate::content::{Article, LinkTarget};
use crate::events::{LinkKind, WidgetEvent};
use crate::lookup::Help;
use crate::reference::ErrorReference;
use leptos::prelude::*;

/// Ids of what the widget's landmarks are named by (`aria-labelledby`): unique within a widget,
/// which has a shadow root of its own on a host page (or the whole standalone page). Each
/// landmark is named by its own heading or label and then the host's label, so two widgets on
/// one page name theirs apart: the feedback by its article too, the topics and the search when
/// the host labels them.
mod landmark {
    /// A hidden span holding the host's label (empty without one).
    pub const LABEL: &str = "nhs-login-help-label";
    /// The article's title.
    pub const TITLE: &str = "nhs-login-help-title";
    /// "Was this helpful?".
    pub const FEEDBACK: &str = "nhs-login-help-feedback";
    /// The topics' heading.
    pub const TOPICS: &str = "nhs-login-help-topics";
    /// The search field's label.
    pub const SEARCH: &str = "nhs-login-help-search-label";

    // Each name whole, so nothing is joined at run time (checked against the ids below).
    /// The feedback question: its heading, the article's title, the host's label.
    pub const FEEDBACK_NAMED_BY: &str = "nhs-login-help-feedback nhs-login-help-title nhs-login-help-label";
    /// The topics: their heading, the host's label.
    pub const TOPICS_NAMED_BY: &str = "nhs-login-help-topics nhs-login-help-label";
    /// The search: its field's label, the host's label.
    pub const SEARCH_NAMED_BY: &str = "nhs-login-help-search-label nhs-login-help-label";

    #[cfg(all(test, not(target_arch = "wasm32")))]
    #[test]
    fn each_landmark_is_named_by_its_own_ids_then_the_hosts_label() {
        assert_eq!(FEEDBACK_NAMED_BY, [FEEDBACK, TITLE, LABEL].join(" "));
        assert_eq!(TOPICS_NAMED_BY, [TOPICS, LABEL].join(" "));
        assert_eq!(SEARCH_NAMED_BY, [SEARCH, LABEL].join(" "));
    }
}

/// What the page around the widget does for it, each part optional: hears its events, opens an
/// article in place of following a link, sends feedback.
#[derive(Clone, Copy, Default)]
pub struct HostHooks {
    /// Called for every event the host page receives; `false` when the host cancelled it (an
    /// app that handles a followed link itself), so the widget does not follow the link.
    pub notify: Option<Callback<WidgetEvent, bool>>,
    /// Called instead of following a topic link, where following it would leave the host's page.
    pub open_article: Option<Callback<&'static Article>>,
    /// Sends an answer to "Was this helpful?" to the host's feedback endpoint.
    pub send_feedback: Option<Callback<Answer>>,
}

/// A person's answer to "Was this helpful?", as the form hands it to the host to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub article: &'static str,
    pub reference: Option<ErrorReference>,
    pub helpful: bool,
    /// What they typed, not yet scrubbed: the host scrubs it as it builds the submission.
    pub comment: String,
}

impl HostHooks {
    /// The hooks of the widget being rendered (none outside a [`Widget`]).
    fn current() -> Self {
        use_context::<HostHooks>().unwrap_or_default()
    }

    /// Tells the host; `false` when it cancelled the event.
    fn notify(self, event: WidgetEvent) -> bool {
        self.notify.is_none_or(|notify| notify.run(event))
    }

    /// Tells the host a link was followed, and stops the click where the host cancelled that.
    fn link_followed(self, event: &WidgetEvent, click: &web_sys::MouseEvent) {
        if !self.notify(event.clone()) {
            click.prevent_default();
        }
    }
}

/// The widget as mounted on a page: shows `help` and follows it when it changes (the person went
/// back or forward, or the host changed a setting), announcing new help through a polite live
/// region. Nothing is announced for the first help, which the page load itself presents.
#[component]
pub fn Widget(
    /// What to show; the host page sets it again when its URL changes.
    help: Signal<Help>,
    /// Heading level, variant and link targets; the host may change them at any time.
    placement: Signal<Placement>,
    /// What the host does for the widget; none by default.
    #[prop(optional)]
    hooks: HostHooks,
) -> impl IntoView {
    provide_context(hooks);
    provide_context(SearchText(RwSignal::new(String::new())));
    let announcement = Memo::new(move |previous: Option<&Option<&'static str>>| {
        let heading = help.with(Help::heading);
        previous.map(|_| heading)
    });
    Effect::new(move |_| {
        hooks.notify(help.with(WidgetEvent::shown));
    });
    let class = move || placement.with(|p| p.variant.root_class());
    view! {
        <div class=class>
            <div class="nhsuk-u-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                {move || announcement.get()}
            </div>
            {move || view! { <HelpView help=help.get() placement=placement.get() /> }}
        </div>
    }
}

/// Whatever [`Help`] says to show, under a top heading at the placement's level, after the host's
/// label that its landmarks are named by; [`Widget`] gives it the `.nhs-login-help` root that the
/// styles hang from.
#[component]
pub fn HelpView(
    /// What to show.
    help: Help,
    placement: Placement,
) -> impl IntoView {
    let Placement { level, variant, links, feedback_url, label } = placement;
    let help = match help {
        // The gallery is a page of its own (`gallery.html`, written by the build with no wasm),
        // where the standalone page's script sends `?gallery`; should the wasm meet that address,
        // it lists every article, by topic.
        Help::Topics | Help::Gallery => {
            view! { <TopicList level=level with_intro=true variant contact=links.contact_link(None) /> }.into_any()
        }
        Help::Article { article, reference, section } => {
            let feedback = feedback_url.is_some();
            // Every state offers a way to contact NHS login: an article whose own text has no
            // contact link is followed by the widget's.
            let has_contact = article.link_targets().contains(&&LinkTarget::Contact);
            let way_out = (!has_contact).then(|| contact_us(links.contact_link(reference.as_ref())));
            view! {
                <ArticleView article reference section level variant links feedback />
                {way_out}
            }
            .into_any()
        }
        Help::NotFound { echo, reference, suggestions } => {
            view! { <NotFound echo reference suggestions level variant links /> }.into_any()
        }
    };
    view! {
        <span id=landmark::LABEL hidden>{label}</span>
        {help}
    }
}

/// "If you still need help, contact us.", the way out of every fallback; following it is an
/// event the host hears.
fn contact_us(href: String) -> impl IntoView {
    let hooks = HostHooks::current();
    let event = WidgetEvent::Link { kind: LinkKind::Contact, href: href.clone() };
    let followed = move |click| hooks.link_followed(&event, &click);
    view! { <p class="nhsuk-body">"If you still need help, " <a class="nhsuk-link" href=href on:click=followed>"contact us"</a> "."</p> }
}

/// A heading whose level is chosen at run time, so components fit any page outline.
#[component]
pub fn Heading(
    /// `h1` to `h6`.
    level: HeadingLevel,
    /// The NHS.UK class that sets its size, independent of its level.
    class: &'static str,
    /// An id, for a heading that names a landmark.
    #[prop(optional)]
    id: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let children = children();
    match level.get() {
        1 => view! { <h1 class=class id=id>{children}</h1> }.into_any(),
        2 => view! { <h2 class=class id=id>{children}</h2> }.into_any(),
        3 => view! { <h3 class=class id=id>{children}</h3> }.into_any(),
        4 => view! { <h4 class=class id=id>{children}</h4> }.into_any(),
        5 => view! { <h5 class=class id=id>{children}</h5> }.into_any(),
        _ => view! { <h6 class=class id=id>{children}</h6> }.into_any(),
    }
}
