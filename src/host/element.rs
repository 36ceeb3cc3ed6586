//! The Rust half of `<nhs-login-help>`: one [`EmbeddedHelp`] per element the wasm renders, created
//! and freed by the element class in `embed/nhs-login-help.js`. It reads the element's
//! attributes, mounts the widget into the element's shadow root and asks the element class to
//! send the widget's events, which it alone dispatches (for the first paint and the wasm alike).

use super::{feedback, focus_heading_in, focus_section_in, page_url, push_history};
use crate::components::{HostHooks, Widget};
use crate::config::{ElementSettings, Placement};
use crate::content::Article;
use crate::events::{Field, WidgetEvent};
use crate::feedback::AnsweredIn;
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
    root: web_sys::Element,
    settings: Arc<Mutex<ElementSettings>>,
    help: ArcRwSignal<Help>,
    placement: ArcRwSignal<Placement>,
    _mounted: Box<dyn std::any::Any>,
}

#[wasm_bindgen]
impl EmbeddedHelp {
    /// Mounts the widget for `element` into `container` (inside the element's shadow root);
    /// `emit(name, detail)` sends an event from the element and says whether the host let it
    /// through. `taking_over`: the first paint shows this help already, so a deep-linked
    /// expander is not focused again (the element class carries over what the person did).
    #[wasm_bindgen(constructor)]
    pub fn new(
        element: HtmlElement,
        container: HtmlElement,
        emit: js_sys::Function,
        taking_over: bool,
    ) -> EmbeddedHelp {
        // Taking over, the element class has already warned of the values it ignores.
        let settings = read_settings(&element, !taking_over);
        let help = ArcRwSignal::new(help_for_url(&settings));
        let root: web_sys::Element = container.clone().into();
        if !taking_over {
            focus_section_in(root.clone(), &help.get_untracked());
        }
        let placement = ArcRwSignal::new(settings.placement.clone());
        let settings = Arc::new(Mutex::new(settings));
        let mounted = {
            let (help, placement, settings, root) = (help.clone(), placement.clone(), settings.clone(), root.clone());
            leptos::mount::mount_to(container, move || {
                let chosen = help.clone();
                let endpoint = settings.clone();
                let open_article = Callback::new(move |article: &'static Article| {
                    // The lock is released before pushState: the host's navigation listener calls
                    // back into `url_changed`, which takes it again.
                    let pushed_url = {
                        let settings = lock(&settings);
                        let code = article.own_code().filter(|_| settings.push_history);
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
                    let placement = lock(&endpoint).placement.clone();
                    if let Some(url) = placement.feedback_url {
                        feedback::submit(&url, AnsweredIn::element(placement.variant), answer);
                    }
                });
                let hooks = HostHooks {
                    notify: Some(Callback::new(move |event: WidgetEvent| ask_to_send(&emit, &event))),
                    open_article: Some(open_article),
                    send_feedback: Some(send_feedback),
                };
                view! { <Widget help=help.clone().into() placement=placement.clone().into() hooks /> }
            })
        };
        // After mounting, which starts the async executor that sending needs.
        feedback::start();
        Self { element, root, settings, help, placement, _mounted: Box::new(mounted) }
    }

    /// Re-reads the element's attributes after one changed.
    pub fn refresh(&self) {
        let settings = read_settings(&self.element, true);
        set_if_changed(&self.placement, settings.placement.clone());
        *lock(&self.settings) = settings;
        self.show_for_url();
    }

    /// Follows the host page's URL after a navigation (`pushState`, back, forward, a change of hash).
    #[wasm_bindgen(js_name = urlChanged)]
    pub fn url_changed(&self) {
        if lock(&self.settings).reads_url() {
            self.show_for_url();
        }
    }

    fn show_for_url(&self) {
        let next = help_for_url(&lock(&self.settings));
        if self.help.with_untracked(|current| *current != next) {
            focus_section_in(self.root.clone(), &next);
            self.help.set(next);
        }
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

/// The element's settings; with `warn`, every ignored value is reported on the console for the
/// host's developers.
fn read_settings(element: &HtmlElement, warn: bool) -> ElementSettings {
    let (settings, warnings) = ElementSettings::read(|name| element.get_attribute(name));
    for warning in warnings.into_iter().filter(|_| warn) {
        web_sys::console::warn_1(&warning.into());
    }
    settings
}

/// Asks the element class to send `event` (`emit(name, detail)`), with its fields in `detail`
/// as the contract names them; `false` when the host cancelled it (an app opening its own screen
/// instead of following a link).
fn ask_to_send(emit: &js_sys::Function, event: &WidgetEvent) -> bool {
    let detail = js_sys::Object::new();
    for (name, value) in event.detail() {
        let value = match value {
            Field::Text(text) => text.map_or(JsValue::NULL, JsValue::from),
            Field::Flag(flag) => JsValue::from(flag),
        };
        let _ = js_sys::Reflect::set(&detail, &name.into(), &value);
    }
    emit.call2(&JsValue::NULL, &event.name().into(), &detail)
        .map_or(true, |let_through| let_through.as_bool() != Some(false))
}
