//! The wasm taking over from a first paint (the markup the build prerendered from the same
//! components, which `embed/nhs-login-help.js` or the standalone page's script showed while the
//! wasm was not needed). The widget renders the same markup, so all the person can lose in the
//! swap is what they did meanwhile: the expanders they opened, where their focus was, and what
//! they typed in the search field. This carries all three over, in the same task as the swap, so
//! nothing is painted in between.

use crate::contract::data;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlDetailsElement, HtmlElement, HtmlInputElement};

/// What takes focus in the widget, in document order; the same markup has the same list.
const FOCUSABLE: &str = "a[href], summary, input, button, textarea";

/// The search field.
const SEARCH: &str = "input[type=search]";

/// What the person did with the first paint.
#[wasm_bindgen]
pub struct Handover {
    /// The `data-expander` ids of the open expanders.
    open: Vec<String>,
    /// The focused element's place in [`FOCUSABLE`] order.
    focus: Option<u32>,
    /// What they typed in the search field, and where the caret was.
    search: Option<(String, Option<u32>, Option<u32>)>,
}

#[wasm_bindgen]
impl Handover {
    /// Reads the open expanders, the focus and the search text in `first_paint`.
    pub fn read(first_paint: &Element) -> Self {
        let open = elements(first_paint, "details[open]")
            .into_iter()
            .filter_map(|details| details.get_attribute(data::EXPANDER))
            .collect();
        let focused = focused_in(first_paint);
        let focus = focused.and_then(|focused| {
            let focusable = elements(first_paint, FOCUSABLE);
            focusable.iter().position(|element| *element == focused).map(|at| at as u32)
        });
        let search = search_field(first_paint)
            .map(|input| (input.value(), input.selection_start().ok().flatten(), input.selection_end().ok().flatten()));
        Self { open, focus, search }
    }

    /// Opens the same expanders in `widget`, puts back the search text (which the widget then
    /// searches) and moves the focus to the same element, without scrolling: the person's finger
    /// may be on its way to a button elsewhere on screen (a touch's click comes after its release).
    pub fn apply(&self, widget: &Element) {
        for details in elements(widget, "details") {
            let id = details.get_attribute(data::EXPANDER).unwrap_or_default();
            if let Ok(details) = details.dyn_into::<HtmlDetailsElement>() {
                details.set_open(self.open.contains(&id));
            }
        }
        if let (Some((text, start, end)), Some(input)) = (&self.search, search_field(widget)) {
            if !text.is_empty() {
                input.set_value(text);
                if let Ok(typed) = web_sys::Event::new("input") {
                    let _ = input.dispatch_event(&typed);
                }
            }
            let _ = input.set_selection_range(start.unwrap_or(0), end.unwrap_or(0));
        }
        let target = self.focus.and_then(|at| elements(widget, FOCUSABLE).into_iter().nth(at as usize));
        if let Some(target) = target.and_then(|element| element.dyn_into::<HtmlElement>().ok()) {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = target.focus_with_options(&options);
        }
    }
}

/// The focused element, if it is inside `root` (which may be in a shadow root).
fn focused_in(root: &Element) -> Option<Element> {
    let top = root.get_root_node();
    let focused = match top.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => top.dyn_ref::<web_sys::Document>()?.active_element(),
    }?;
    root.contains(Some(&focused)).then_some(focused)
}

fn search_field(root: &Element) -> Option<HtmlInputElement> {
    root.query_selector(SEARCH).ok().flatten()?.dyn_into().ok()
}

/// The elements under `root` that match `selector`, in document order.
fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}
