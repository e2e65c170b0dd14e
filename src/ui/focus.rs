//! Where keyboard focus goes after an edit. An edit can redraw or move the control that made
//! it (a row's "Move up" button moves with its row; a deleted row's buttons are gone), and a
//! browser then drops focus to `<body>`, sending a keyboard user back to the top of the page.
//! `keep_focus` is called before an edit: on the next frame, if focus fell to the body, it
//! goes to the control with the same accessible name (the moved or redrawn one), else to the
//! page's main region — never to the body.

use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Document, HtmlElement};

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// What names the focused control: its id, accessible label or test id.
fn identity(el: &web_sys::Element) -> Option<(&'static str, String)> {
    ["id", "aria-label", "data-testid"]
        .into_iter()
        .find_map(|attr| el.get_attribute(attr).map(|v| (attr, v)))
}

fn lost(doc: &Document) -> bool {
    match doc.active_element() {
        None => true,
        Some(el) => doc.body().is_some_and(|b| el.is_same_node(Some(&b))) || !el.is_connected(),
    }
}

fn find(doc: &Document, attr: &str, value: &str) -> Option<HtmlElement> {
    let all = doc.query_selector_all(&format!("[{attr}]")).ok()?;
    (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .find(|el| el.get_attribute(attr).as_deref() == Some(value))
}

/// Keeps keyboard focus off `<body>` across the edit about to be made.
pub fn keep_focus() {
    let Some(doc) = document() else { return };
    let Some(active) = doc.active_element() else {
        return;
    };
    if doc.body().is_some_and(|b| active.is_same_node(Some(&b))) {
        return;
    }
    let named = identity(&active);
    let restore = Closure::once_into_js(move || {
        let Some(doc) = document() else { return };
        if !lost(&doc) {
            return;
        }
        let again = named.and_then(|(attr, value)| find(&doc, attr, &value));
        let target = again.or_else(|| {
            doc.get_element_by_id("main")
                .and_then(|m| m.dyn_into::<HtmlElement>().ok())
        });
        if let Some(el) = target {
            let _ = el.focus();
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(restore.unchecked_ref());
    }
}

/// Moves focus to the first element matching `selector` once the screen that holds it has
/// been drawn (a navigation draws it on a later tick); tries for about half a second.
pub fn focus_when_drawn(selector: &'static str) {
    fn attempt(selector: &'static str, left: u32) {
        let found = document()
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        match found {
            Some(el) => {
                let _ = el.focus();
            }
            None if left > 0 => leptos::prelude::set_timeout(
                move || attempt(selector, left - 1),
                std::time::Duration::from_millis(50),
            ),
            None => {}
        }
    }
    leptos::prelude::set_timeout(
        move || attempt(selector, 10),
        std::time::Duration::from_millis(0),
    );
}
