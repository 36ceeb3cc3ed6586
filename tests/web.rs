//! Component tests in headless Chromium (wasm-bindgen-test): each mounts the widget into a fresh
//! element, looks at what a person would see, and acts the way they would.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use nhs_login_help::components::{HostHooks, Widget};
use nhs_login_help::config::{HeadingLevel, Placement, Request, Variant};
use nhs_login_help::events::{LinkKind, WidgetEvent};
use nhs_login_help::lookup::Help;
use std::sync::{Arc, Mutex};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlDetailsElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The widget mounted for a URL, as a page mounts it, unmounted when dropped.
struct Mounted {
    root: HtmlElement,
    _handle: Box<dyn std::any::Any>,
}

impl Mounted {
    fn for_url(search: &str, hash: &str) -> Self {
        Self::with(Help::for_request(Request::from_url(search, hash)), Placement::standalone(), HostHooks::default())
    }

    fn with(help: Help, placement: Placement, hooks: HostHooks) -> Self {
        let document = web_sys::window().unwrap().document().unwrap();
        let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&root).unwrap();
        let (help, placement) = (Signal::stored(help), Signal::stored(placement));
        let handle = leptos::mount::mount_to(root.clone(), move || view! { <Widget help placement hooks /> });
        Self { root, _handle: Box::new(handle) }
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into()).collect()
    }

    fn texts(&self, selector: &str) -> Vec<String> {
        self.all(selector).iter().map(|e| e.text_content().unwrap_or_default().trim().to_string()).collect()
    }

    fn hrefs(&self, selector: &str) -> Vec<String> {
        self.all(selector).iter().map(|e| e.get_attribute("href").unwrap_or_default()).collect()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

#[wasm_bindgen_test]
fn cid7023_shows_its_heading_and_two_closed_expanders() {
    let widget = Mounted::for_url("?error=cid%207023", "");
    assert_eq!(widget.texts("h1"), ["Unable to connect to your GP surgery’s system"]);
    assert_eq!(widget.texts(".nhs-login-help__reference strong"), ["CID7023"]);
    assert_eq!(
        widget.texts("details.nhsuk-expander > summary.nhsuk-details__summary > .nhsuk-details__summary-text"),
        ["You have already set up an NHS login", "We have the wrong details for you"]
    );
    for details in widget.all("details") {
        assert!(!details.unchecked_into::<HtmlDetailsElement>().open(), "expanders start closed");
    }
}

#[wasm_bindgen_test]
fn cid7023_links_carry_the_reference_and_go_to_settings() {
    let widget = Mounted::for_url("?error=CID7023", "");
    let links: Vec<(String, String)> =
        widget.all("a").iter().map(|a| (a.text_content().unwrap(), a.get_attribute("href").unwrap())).collect();
    assert_eq!(
        links,
        [
            ("Login and security settings".to_string(), "https://settings.login.nhs.uk/".to_string()),
            ("Contact us".to_string(), "https://help.login.nhs.uk/contact?error=CID7023".to_string()),
        ]
    );
}

#[wasm_bindgen_test]
fn clicking_a_summary_opens_and_closes_its_expander() {
    let widget = Mounted::for_url("?error=CID7023", "");
    let details: HtmlDetailsElement =
        widget.all("#cannot-connect-to-gp-system--wrong-details")[0].clone().unchecked_into();
    let summary: HtmlElement = details.query_selector("summary").unwrap().unwrap().unchecked_into();
    summary.click();
    assert!(details.open(), "opens on click");
    assert!(widget
        .texts("#cannot-connect-to-gp-system--wrong-details li")
        .contains(&"you have changed GP surgery".to_string()));
    summary.click();
    assert!(!details.open(), "closes on a second click");
}

#[wasm_bindgen_test]
fn cid3002_offers_settings_and_contact() {
    let widget = Mounted::for_url("", "#CID3002");
    assert_eq!(
        widget.hrefs("a"),
        ["https://settings.login.nhs.uk/", "https://help.login.nhs.uk/contact?error=CID3002"]
    );
    assert!(widget.all("details").is_empty());
}

#[wasm_bindgen_test]
fn a_code_in_the_oauth_description_is_found() {
    let widget = Mounted::for_url("?error=access_denied&error_description=Sorry+(CID2014)", "");
    assert_eq!(widget.texts("h1"), ["You cannot use your NHS login"]);
    assert_eq!(widget.texts("h2"), ["What happens next"], "sub-headings sit one level below the title");
}

#[wasm_bindgen_test]
fn injected_markup_is_shown_as_text_and_never_rendered() {
    let widget = Mounted::for_url("?error=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "");
    assert_eq!(widget.texts("h1"), ["Sorry, we could not find that help"]);
    assert_eq!(widget.texts(".nhs-login-help__given"), ["<img src=x onerror=alert(1)>"]);
    assert!(widget.all("img").is_empty(), "no element was created from the input");
    assert!(widget.hrefs("a").contains(&"https://help.login.nhs.uk/contact".to_string()), "generic contact link");
}

#[wasm_bindgen_test]
fn an_unknown_well_formed_reference_is_carried_by_the_contact_link() {
    let widget = Mounted::for_url("?error=CID9999", "");
    assert_eq!(widget.texts(".nhs-login-help__given"), ["CID9999"]);
    assert!(widget.hrefs("a").contains(&"https://help.login.nhs.uk/contact?error=CID9999".to_string()));
    assert_eq!(widget.all(".nhs-login-help__topics a").len(), 11, "the topics follow");
}

#[wasm_bindgen_test]
fn no_reference_lists_every_article_by_topic() {
    let widget = Mounted::for_url("", "");
    assert_eq!(widget.texts("h1"), ["Error messages and support"]);
    assert_eq!(
        widget.texts("h2"),
        [
            "Your account and email",
            "Connecting to your GP surgery",
            "Phone number and security codes",
            "Health and care staff login (NHSmail / CIS2)",
            "Applying and proving who you are",
        ]
    );
    let hrefs = widget.hrefs("nav a");
    assert_eq!(hrefs.len(), 11);
    assert!(hrefs.contains(&"?error=CID7023".to_string()));
    assert!(hrefs.contains(&"?article=nhsmail-login".to_string()));
}

#[wasm_bindgen_test]
fn the_gallery_address_met_by_the_wasm_lists_every_article() {
    // The gallery is a page of its own (gallery.html, no wasm); the standalone page's script
    // sends `?gallery` there, and the wasm, should it meet the address, lists every article.
    let widget = Mounted::for_url("?gallery", "");
    assert_eq!(widget.hrefs("nav a").len(), 11);
    assert!(widget.all("article").is_empty());
}

#[wasm_bindgen_test]
fn an_article_by_id_uses_the_heading_level_it_is_given() {
    let help = Help::for_request(Request::Article("nhsmail-login".into()));
    let placement = Placement { level: HeadingLevel::new(3), ..Placement::standalone() };
    let widget = Mounted::with(help, placement, HostHooks::default());
    assert_eq!(widget.texts("h3"), ["Problems logging in with NHSmail"]);
    assert!(widget.all("h1, h2").is_empty());
    assert_eq!(widget.texts("h4").len(), 4, "The issue, Possible causes, What to do, Contact support");
    assert!(widget.all(".nhs-login-help__reference").is_empty(), "no code, so no reference line");
    assert!(widget.all("article a").is_empty(), "the staff login help itself points to the National Service Desk");
    assert_eq!(
        widget.hrefs(".nhs-login-help > p a"),
        ["https://help.login.nhs.uk/contact"],
        "and the widget still offers a way to contact NHS login"
    );
}

#[wasm_bindgen_test]
async fn a_changed_reference_is_shown_and_announced_politely() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let help = RwSignal::new(Help::for_request(Request::from_url("?error=CID7023", "")));
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <Widget help=help.into() placement=Signal::stored(Placement::standalone()) /> }
    });
    let text = |selector: &str| root.query_selector(selector).unwrap().unwrap().text_content().unwrap();
    let region = root.query_selector("[role=status]").unwrap().unwrap();
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(text("[role=status]").trim(), "", "the first help is not announced: the page load presents it");

    help.set(Help::for_request(Request::from_url("?error=CID2011", "")));
    leptos::task::tick().await;
    assert_eq!(text("h1"), "There may be a problem with your NHS number");
    assert_eq!(text("[role=status]").trim(), "There may be a problem with your NHS number");
    assert!(root.query_selector("[role=status]").unwrap().unwrap().is_same_node(Some(&region)), "the same live region");
    root.remove();
}

/// Events the widget sent to its host, in order.
#[derive(Clone, Default)]
struct Heard(Arc<Mutex<Vec<WidgetEvent>>>);

impl Heard {
    fn hooks(&self) -> HostHooks {
        let heard = self.clone();
        HostHooks {
            notify: Some(Callback::new(move |event| {
                heard.0.lock().unwrap().push(event);
                true
            })),
            ..HostHooks::default()
        }
    }

    fn take(&self) -> Vec<WidgetEvent> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

fn click(element: &Element) {
    element.unchecked_ref::<HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn the_host_hears_what_was_shown_opened_and_followed() {
    let heard = Heard::default();
    let help = Help::for_request(Request::from_url("?error=CID7023", ""));
    let widget = Mounted::with(help, Placement::standalone(), heard.hooks());
    leptos::task::tick().await;
    let reference = nhs_login_help::reference::ErrorReference::parse("CID7023");
    assert_eq!(heard.take(), [WidgetEvent::Shown { reference, article: Some("cannot-connect-to-gp-system") }]);

    click(&widget.all("#cannot-connect-to-gp-system--wrong-details summary")[0]);
    // The browser fires `toggle` asynchronously.
    toggle_events_fired().await;
    let toggled = WidgetEvent::Toggle { article: "cannot-connect-to-gp-system", expander: "wrong-details", open: true };
    assert_eq!(heard.take(), [toggled]);

    // The test page must not follow the link; the widget itself lets it through.
    let stay = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| event.prevent_default());
    widget.root.add_event_listener_with_callback("click", stay.as_ref().unchecked_ref()).unwrap();
    let contact = widget.all("a[href^='https://help.login.nhs.uk/contact']");
    contact[0].dispatch_event(&synthetic_click()).unwrap();
    let href = "https://help.login.nhs.uk/contact?error=CID7023".to_string();
    assert_eq!(heard.take(), [WidgetEvent::Link { kind: LinkKind::Contact, href }]);
}

#[wasm_bindgen_test]
fn a_link_the_host_cancels_is_not_followed() {
    // An app that opens its own settings screen cancels the settings link's event.
    let hooks = HostHooks {
        notify: Some(Callback::new(|event| !matches!(event, WidgetEvent::Link { kind: LinkKind::Settings, .. }))),
        ..HostHooks::default()
    };
    let help = Help::for_request(Request::from_url("?error=CID7023", ""));
    let widget = Mounted::with(help, Placement::standalone(), hooks);
    // Last in line (after the widget's delegated handlers): notes whether each click had been
    // stopped, then stops it anyway so the test page stays.
    let stopped = Arc::new(Mutex::new(Vec::new()));
    let note = {
        let stopped = stopped.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            stopped.lock().unwrap().push(event.default_prevented());
            event.prevent_default();
        })
    };
    let window = web_sys::window().unwrap();
    window.add_event_listener_with_callback("click", note.as_ref().unchecked_ref()).unwrap();
    widget.all("a[href='https://settings.login.nhs.uk/']")[0].dispatch_event(&synthetic_click()).unwrap();
    widget.all("a[href^='https://help.login.nhs.uk/contact']")[0].dispatch_event(&synthetic_click()).unwrap();
    window.remove_event_listener_with_callback("click", note.as_ref().unchecked_ref()).unwrap();
    assert_eq!(*stopped.lock().unwrap(), [true, false], "the settings link is stopped, the contact link is not");
}

#[wasm_bindgen_test]
fn the_inline_variant_is_compact_and_keeps_the_heading_level() {
    let help = Help::for_request(Request::Article("nhsmail-login".into()));
    let placement = Placement { level: HeadingLevel::new(3), variant: Variant::Inline, ..Placement::standalone() };
    let widget = Mounted::with(help, placement, HostHooks::default());
    assert_eq!(widget.all(".nhs-login-help.nhs-login-help--inline").len(), 1);
    assert_eq!(widget.all("h3.nhsuk-heading-s").len(), 1, "a small title, at the level the host asked for");
    let topics = Mounted::with(
        Help::Topics,
        Placement { variant: Variant::Inline, ..Placement::standalone() },
        HostHooks::default(),
    );
    assert!(topics.all(".nhsuk-body-l").is_empty(), "no page intro in a panel");
}

#[wasm_bindgen_test]
async fn a_topic_link_opens_its_article_in_place_when_the_host_asks() {
    let chosen = Arc::new(Mutex::new(Vec::new()));
    let hooks = {
        let chosen = chosen.clone();
        HostHooks {
            notify: None,
            open_article: Some(Callback::new(move |article: &'static nhs_login_help::content::Article| {
                chosen.lock().unwrap().push(article.id)
            })),
            send_feedback: None,
        }
    };
    let widget = Mounted::with(Help::Topics, Placement::standalone(), hooks);
    let link = widget.all("a[href='?error=CID7023']");
    let click = synthetic_click();
    link[0].dispatch_event(&click).unwrap();
    assert!(click.default_prevented(), "the host page does not navigate");
    assert_eq!(*chosen.lock().unwrap(), ["cannot-connect-to-gp-system"]);
}

/// A click as a browser dispatches it: bubbling and cancelable.
fn synthetic_click() -> web_sys::MouseEvent {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap()
}

/// Waits long enough for the browser's queued `toggle` events and the next animation frame.
async fn toggle_events_fired() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Types `text` into the search field as a person would: the value changes and `input` fires.
async fn type_search(widget: &Mounted, text: &str) {
    let input: web_sys::HtmlInputElement = widget.all("input[type=search]")[0].clone().unchecked_into();
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn the_search_filters_the_topics_as_the_person_types() {
    let widget = Mounted::for_url("", "");
    let label = widget.all("label[for=nhs-login-help-search]");
    assert_eq!(widget.texts("label[for=nhs-login-help-search]"), ["Search the help"], "a labelled field");
    assert_eq!(label.len(), 1);
    assert_eq!(widget.texts(".nhs-login-help__result-count"), [""], "nothing to announce before typing");
    assert_eq!(widget.all("nav a").len(), 11, "every article, by topic");

    type_search(&widget, "nhsmial").await;
    assert_eq!(widget.texts(".nhs-login-help__result-count"), ["1 article matches “nhsmial”."]);
    assert_eq!(widget.texts(".nhs-login-help__results a"), ["Problems logging in with NHSmail"]);
    assert!(widget.all("nav").is_empty(), "results replace the topics");

    type_search(&widget, "7023").await;
    assert_eq!(widget.texts(".nhs-login-help__results a")[0], "CID7023: Unable to connect to your GP surgery’s system");

    type_search(&widget, "<b>xylophone</b>").await;
    assert_eq!(widget.texts(".nhs-login-help__result-count"), ["No articles match “<b>xylophone</b>”."]);
    assert!(widget.all("b").is_empty(), "the query is shown as text");
    assert_eq!(widget.hrefs(".nhs-login-help__topics a"), ["https://help.login.nhs.uk/contact"]);

    type_search(&widget, " ").await;
    assert_eq!(widget.all("nav a").len(), 11, "a blank search shows the topics again");
}

#[wasm_bindgen_test]
fn a_near_miss_suggests_the_reference_it_was_probably_meant_to_be() {
    let widget = Mounted::for_url("?error=CID7032", "");
    assert_eq!(
        widget.texts(".nhs-login-help__suggestion"),
        ["Did you mean CID7023: Unable to connect to your GP surgery’s system?"]
    );
    assert_eq!(widget.hrefs(".nhs-login-help__suggestion a"), ["?error=CID7023"]);
    let several = Mounted::for_url("?error=CID%20702", "");
    assert_eq!(several.texts(".nhs-login-help__suggestion"), ["Did you mean one of these?"]);
    assert_eq!(several.hrefs(".nhs-login-help__suggestion + ul a"), ["?error=CID7023", "?error=CID7029"]);
    assert!(Mounted::for_url("?error=CID9999", "").all(".nhs-login-help__suggestion").is_empty());
}

#[wasm_bindgen_test]
async fn a_deep_link_opens_its_expander() {
    // Scrolling it into view and focusing its summary is the host page's part (the first paint,
    // or the wasm following a link), checked in the browser suite.
    let help = Help::for_request(Request::from_url("?error=CID7023", "")).with_section(Some("wrong-details"));
    let widget = Mounted::with(help, Placement::standalone(), HostHooks::default());
    leptos::task::tick().await;
    let open: Vec<_> = widget.all("details[open]").iter().map(|d| d.get_attribute("data-expander").unwrap()).collect();
    assert_eq!(open, ["wrong-details"], "only the linked expander is open");
}

#[wasm_bindgen_test]
async fn feedback_is_asked_only_when_the_host_collects_it_and_a_no_takes_a_comment() {
    let help = || Help::for_request(Request::from_url("?error=CID7023", ""));
    assert!(
        Mounted::for_url("?error=CID7023", "").all(".nhs-login-help__feedback").is_empty(),
        "no feedback-url, no question"
    );

    let answers = Arc::new(Mutex::new(Vec::new()));
    let hooks = {
        let answers = answers.clone();
        HostHooks {
            send_feedback: Some(Callback::new(move |answer| answers.lock().unwrap().push(answer))),
            ..HostHooks::default()
        }
    };
    let placement = Placement { feedback_url: Some("https://feedback.example/".into()), ..Placement::standalone() };
    let widget = Mounted::with(help(), placement, hooks);
    assert_eq!(widget.texts(".nhs-login-help__feedback h2"), ["Was this helpful?"]);
    assert_eq!(widget.texts(".nhs-login-help__feedback button"), ["Yes", "No"]);

    click(&widget.all(".nhs-login-help__feedback button")[1]);
    leptos::task::tick().await;
    assert_eq!(widget.texts("label[for=nhs-login-help-comment]"), ["What was missing or unclear? (optional)"]);
    assert_eq!(widget.texts(".nhs-login-help__counter"), ["You have 500 characters remaining"]);
    toggle_events_fired().await;
    let focused = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(focused.id(), "nhs-login-help-comment", "focus moves to the comment box after No");
    let textarea: web_sys::HtmlTextAreaElement = widget.all("textarea")[0].clone().unchecked_into();
    assert_eq!(textarea.max_length(), 500);
    textarea.set_value("Call me on 07700 900123");
    textarea.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
    assert_eq!(widget.texts(".nhs-login-help__counter"), ["You have 477 characters remaining"]);

    click(&widget.all("form button[type=submit]")[0]);
    leptos::task::tick().await;
    let sent = answers.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].article, sent[0].helpful, sent[0].comment.as_str()),
        ("cannot-connect-to-gp-system", false, "Call me on 07700 900123")
    );
    assert_eq!(sent[0].reference.as_ref().map(|r| r.as_str()), Some("CID7023"));
    assert_eq!(widget.texts(".nhs-login-help__thanks"), ["Thank you for your feedback."]);
    assert!(widget
        .texts(".nhs-login-help__feedback p")
        .iter()
        .any(|p| p.starts_with("We removed what looked like personal details")));
    toggle_events_fired().await;
    let focused = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(focused.class_name(), "nhsuk-body nhs-login-help__thanks", "the thank-you takes the focus");
}

/// The first paint as the entry shows it: `html` in a fresh element on the page.
fn first_paint(html: &str) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    element.set_inner_html(html);
    document.body().unwrap().append_child(&element).unwrap();
    element
}

/// The markup `help` renders as (the build prerenders the same markup for the first paint; the
/// browser suite checks that they are the same for every state).
fn rendered(help: Help, placement: Placement) -> String {
    let widget = Mounted::with(help, placement, HostHooks::default());
    widget.root.inner_html()
}

#[wasm_bindgen_test]
fn taking_over_from_the_first_paint_keeps_the_open_expander_and_the_focus() {
    let help = Help::for_request(Request::from_url("?error=CID7023", ""));
    let painted = first_paint(&rendered(help.clone(), Placement::standalone()));
    let summaries = painted.query_selector_all("summary").unwrap();
    let second: HtmlElement = summaries.item(1).unwrap().unchecked_into();
    second.click();
    second.focus().unwrap();

    let widget = Mounted::with(help, Placement::standalone(), HostHooks::default());
    let handover = nhs_login_help::host::Handover::read(&painted);
    painted.remove();
    handover.apply(&widget.root);

    let open: Vec<bool> =
        widget.all("details").into_iter().map(|d| d.unchecked_into::<HtmlDetailsElement>().open()).collect();
    assert_eq!(open, [false, true]);
    let focused = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(focused, widget.all("summary")[1]);
}

#[wasm_bindgen_test]
async fn taking_over_the_topics_keeps_what_was_typed_and_searches_it() {
    let painted = first_paint(&rendered(Help::Topics, Placement::standalone()));
    let typed: web_sys::HtmlInputElement =
        painted.query_selector("input[type=search]").unwrap().unwrap().unchecked_into();
    typed.focus().unwrap();
    typed.set_value("nhsmial");

    let widget = Mounted::with(Help::Topics, Placement::standalone(), HostHooks::default());
    let handover = nhs_login_help::host::Handover::read(&painted);
    painted.remove();
    handover.apply(&widget.root);
    leptos::task::tick().await;

    let input: web_sys::HtmlInputElement = widget.all("input[type=search]")[0].clone().unchecked_into();
    assert_eq!(input.value(), "nhsmial");
    let focused = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(focused, widget.all("input[type=search]")[0], "the search field keeps the focus");
    assert_eq!(
        widget.texts(".nhs-login-help__results a"),
        ["Problems logging in with NHSmail"],
        "and what was typed is searched"
    );
}

/// The stored queue as the widget wrote it before the browser's `JSON` replaced serde_json in
/// the wasm (serde_json's text; `crates/core/src/feedback/queue.rs` checks the same natively).
const WRITTEN_BEFORE: &str = include_str!("vectors/queue-written-before.jsonl");

#[wasm_bindgen_test]
fn a_queue_an_earlier_widget_wrote_is_read_and_written_back_the_same_by_the_browsers_json() {
    use nhs_login_help::feedback::{to_json, Queue, Submission};
    let queue = Queue::parse(WRITTEN_BEFORE);
    let [first, second] = queue.entries() else { panic!("two entries in {WRITTEN_BEFORE}") };
    assert_eq!((first.attempts, first.created_ms, first.next_attempt_ms), (2, 1_764_667_800_000, 1_764_667_890_000));
    assert_eq!((second.id.as_str(), second.attempts), ("9d8e7f60-1a2b-4c3d-8e4f-a5b6c7d8e9f0", 0));
    assert_eq!(queue.serialize(), WRITTEN_BEFORE.trim_end(), "written back byte for byte");
    // New answers' bodies are the text serde_json wrote for them, `null`s included.
    let with_comment = Submission {
        id: first.id.clone(),
        article: "cannot-connect-to-gp-system".into(),
        placement: None,
        reference: Some("CID7023".into()),
        helpful: false,
        comment: Some("The steps said \"settings\" – where?\nI tried twice. é ✓ \u{7}".into()),
        version: "0.1.0".into(),
        origin: "https://partner.example".into(),
        timestamp: "2026-12-02T09:30:00.000Z".into(),
    };
    assert_eq!(to_json(&with_comment).as_deref(), Some(first.body.as_str()));
    let without = Submission {
        id: second.id.clone(),
        article: "nhsmail-login".into(),
        placement: None,
        reference: None,
        helpful: true,
        comment: None,
        version: "0.1.0".into(),
        origin: "https://portal.example".into(),
        timestamp: "2026-12-02T09:31:00.000Z".into(),
    };
    assert_eq!(to_json(&without).as_deref(), Some(second.body.as_str()));
}
