//! The Rust half of `<nhs-login-help>`: one [`EmbeddedHelp`] per connected element, created and
//! freed by the element class in `embed/nhs-login-help.js`. It reads the element's attributes,
//! mounts the widget into the element's shadow root and sends the widget's events to the host
//! page as DOM events that bubble out of the shadow root.

use super::{feedback, focus_heading_in, page_url, push_history};
use crate::components::{HostHooks, Widget};
use crate::config::{ElementSettings, Placement};
use crate::content::Article;
use crate::events::WidgetEvent;
use crate::lookup::Help;
use leptos::prelude::*;
use std::sync::{Arc, Mutex, MutexGuard};
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// One mounted element. Freeing it (`free()` from JavaScript) unmounts the widget and drops its
/// state.
#[wasm_bindgen]
pub struct EmbeddedHelp {
    element: HtmlElement,
    settings: Arc<Mutex<ElementSettings>>,
    help: ArcRwSignal<Help>,
    placement: ArcRwSignal<Placement>,
    _mounted: Box<dyn std::any::Any>,
}

#[wasm_bindgen]
impl EmbeddedHelp {
    /// Mounts the widget for `element` into `container` (inside the element's shadow root).
    #[wasm_bindgen(constructor)]
    pub fn new(element: HtmlElement, container: HtmlElement) -> EmbeddedHelp {
        let settings = read_settings(&element);
        let help = ArcRwSignal::new(help_for_url(&settings));
        let placement = ArcRwSignal::new(settings.placement.clone());
        let settings = Arc::new(Mutex::new(settings));
        let mounted = {
            let (element, help, placement, settings) =
                (element.clone(), help.clone(), placement.clone(), settings.clone());
            let root: web_sys::Element = container.clone().into();
            leptos::mount::mount_to(container, move || {
                let chosen = help.clone();
                let endpoint = settings.clone();
                let open_article = Callback::new(move |article: &'static Article| {
                    // The lock is released before pushState: the host's navigation listener calls
                    // back into `url_changed`, which takes it again.
                    let pushed_url = {
                        let settings = lock(&settings);
                        let code = article.codes.first().filter(|_| settings.push_history);
                        code.and_then(|code| settings.search_for(&page_url().0, code))
                    };
                    let path = web_sys::window().and_then(|window| window.location().pathname().ok());
                    let next = match (pushed_url, path) {
                        (Some(search), Some(path)) => {
                            push_history(&format!("{path}{search}"));
                            help_for_url(&lock(&settings))
                        }
                        _ => Help::for_article(article),
                    };
                    chosen.set(next);
                    focus_heading_in(root.clone());
                });
                let send_feedback = Callback::new(move |answer| {
                    let url = lock(&endpoint).placement.feedback_url.clone();
                    if let Some(url) = url {
                        feedback::submit(&url, answer);
                    }
                });
                let hooks = HostHooks {
                    notify: Some(Callback::new(move |event: WidgetEvent| dispatch(&element, &event))),
                    open_article: Some(open_article),
                    send_feedback: Some(send_feedback),
                };
                view! { <Widget help=help.clone().into() placement=placement.clone().into() hooks /> }
            })
        };
        // After mounting, which starts the async executor that sending needs.
        feedback::start();
        Self { element, settings, help, placement, _mounted: Box::new(mounted) }
    }

    /// Re-reads the element's attributes after one changed.
    pub fn refresh(&self) {
        let settings = read_settings(&self.element);
        set_if_changed(&self.placement, settings.placement.clone());
        *lock(&self.settings) = settings;
        self.show_for_url();
    }

    /// Follows the host page's URL after a navigation (`pushState`, back, forward, a fragment).
    #[wasm_bindgen(js_name = urlChanged)]
    pub fn url_changed(&self) {
        if lock(&self.settings).reads_url() {
            self.show_for_url();
        }
    }

    fn show_for_url(&self) {
        let next = help_for_url(&lock(&self.settings));
        set_if_changed(&self.help, next);
    }
}

/// The element's settings; a panic cannot poison them (the wasm aborts on panic), but a
/// poisoned lock would still hold usable settings.
fn lock(settings: &Mutex<ElementSettings>) -> MutexGuard<'_, ElementSettings> {
    settings.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What the element shows for its settings and the host page's URL now.
fn help_for_url(settings: &ElementSettings) -> Help {
    let (search, hash) = page_url();
    Help::for_request(settings.request(&search, &hash)).with_section(settings.section(&search, &hash).as_deref())
}

/// Sets `signal` only for a real change, so an unrelated attribute or URL change neither
/// re-renders nor re-announces the help.
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: &ArcRwSignal<T>, next: T) {
    if signal.with_untracked(|current| *current != next) {
        signal.set(next);
    }
}

/// The element's settings; every ignored value is reported on the console for the host's developers.
fn read_settings(element: &HtmlElement) -> ElementSettings {
    let (settings, warnings) = ElementSettings::read(|name| element.get_attribute(name));
    for warning in warnings {
        web_sys::console::warn_1(&warning.into());
    }
    settings
}

/// Sends `event` from the element: it bubbles and crosses the shadow boundary, with its fields
/// in `detail`. A `link` event can be cancelled (an app opening its own screen instead): `false`
/// then.
fn dispatch(element: &HtmlElement, event: &WidgetEvent) -> bool {
    let detail = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&detail, &key.into(), &value);
    };
    let text = |value: Option<&str>| value.map_or(JsValue::NULL, JsValue::from);
    match event {
        WidgetEvent::Shown { reference, article } => {
            set("reference", text(reference.as_ref().map(|r| r.as_str())));
            set("article", text(*article));
        }
        WidgetEvent::Toggle { article, expander, open } => {
            set("article", JsValue::from(*article));
            set("expander", JsValue::from(*expander));
            set("open", JsValue::from(*open));
        }
        WidgetEvent::Link { kind, href } => {
            set("kind", JsValue::from(kind.as_str()));
            set("href", JsValue::from(href.as_str()));
        }
    }
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(matches!(event, WidgetEvent::Link { .. }));
    init.set_detail(&detail);
    match web_sys::CustomEvent::new_with_event_init_dict(event.name(), &init) {
        Ok(event) => element.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}
