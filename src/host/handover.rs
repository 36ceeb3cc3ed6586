//! The wasm taking over from the standalone page's first paint (the article's static markup that
//! `embed/first-paint.js` showed; on such a page the wasm loads when the URL changes without a
//! page load). The widget renders the same markup, so all the person can lose in the swap is what
//! they did meanwhile: the expanders they opened and where their focus was. This carries both
//! over. (An `<nhs-login-help>` element with a first paint keeps it: the embed entry sends its
//! events itself and never loads the wasm for it.)

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDetailsElement, HtmlElement};

/// What takes focus in an article, in document order; the same markup has the same list.
const FOCUSABLE: &str = "a[href], summary";

/// What the person did with the first paint.
pub struct Handover {
    /// The `data-expander` ids of the open expanders.
    open: Vec<String>,
    /// The focused element's place in [`FOCUSABLE`] order.
    focus: Option<u32>,
}

impl Handover {
    /// Reads the open expanders and the focus in `first_paint`.
    pub fn read(first_paint: &Element) -> Self {
        let open = elements(first_paint, "details[open]")
            .into_iter()
            .filter_map(|details| details.get_attribute("data-expander"))
            .collect();
        let focused = first_paint.query_selector(":focus").ok().flatten();
        let focus = focused.and_then(|focused| {
            let focusable = elements(first_paint, FOCUSABLE);
            focusable.iter().position(|element| *element == focused).map(|at| at as u32)
        });
        Self { open, focus }
    }

    /// Opens the same expanders in `widget` and moves the focus to the same element.
    pub fn apply(&self, widget: &Element) {
        for details in elements(widget, "details[data-expander]") {
            let id = details.get_attribute("data-expander").unwrap_or_default();
            if self.open.contains(&id) {
                if let Ok(details) = details.dyn_into::<HtmlDetailsElement>() {
                    details.set_open(true);
                }
            }
        }
        let target = self.focus.and_then(|at| elements(widget, FOCUSABLE).into_iter().nth(at as usize));
        if let Some(target) = target.and_then(|element| element.dyn_into::<HtmlElement>().ok()) {
            let _ = target.focus();
        }
    }
}

/// The elements under `root` that match `selector`, in document order.
fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}
