//! Modal dialogs: a frame with a title that closes on Escape, and a confirmation built on it.

use leptos::prelude::*;

/// A modal dialog. The parent decides whether it is shown; `on_close` is called on Escape,
/// on the backdrop and on the close button.
#[component]
pub fn Modal(
    title: String,
    on_close: Callback<()>,
    children: Children,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    let title_id = format!("dialog-{}", title.len());
    let title_id_h = title_id.clone();
    let frame = NodeRef::<leptos::html::Div>::new();
    // The control that opened the dialog gets focus back when it closes.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    on_cleanup(move || {
        let back = opener
            .try_get_value()
            .flatten()
            .filter(|el| el.is_connected())
            .or_else(|| element_by_id("main"));
        if let Some(el) = back {
            let _ = el.focus();
        }
    });
    // Keyboard focus moves into the dialog (its autofocus field, or the dialog itself), so
    // Escape and Tab work at once however it was opened.
    Effect::new(move |_| {
        let Some(el) = frame.get() else { return };
        if opener.with_value(Option::is_none) {
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            opener.set_value(active);
        }
        let target = el
            .query_selector("[autofocus]")
            .ok()
            .flatten()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        let _ = match target {
            Some(field) => field.focus(),
            None => el.focus(),
        };
    });
    view! {
        <div class="backdrop" on:click=move |_| on_close.run(())>
            <div
                node_ref=frame
                tabindex="-1"
                class="dialog"
                class:wide=wide
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_id.clone()
                on:click=|ev| ev.stop_propagation()
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        on_close.run(());
                    } else if ev.key() == "Tab" {
                        // Focus stays in the dialog while it is open.
                        if let Some(el) = frame.get_untracked() {
                            trap_tab(&el, &ev);
                        }
                    }
                }
            >
                <header class="dialog-head">
                    <h2 id=title_id_h>{title}</h2>
                    <button type="button" class="icon-button" aria-label="Close" on:click=move |_| on_close.run(())>
                        "×"
                    </button>
                </header>
                {children()}
            </div>
        </div>
    }
}

fn element_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
}

/// Tab from the last focusable control goes to the first, Shift+Tab from the first (or the
/// dialog itself) to the last.
fn trap_tab(frame: &web_sys::HtmlElement, ev: &web_sys::KeyboardEvent) {
    const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
        select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";
    let Ok(list) = frame.query_selector_all(FOCUSABLE) else {
        return;
    };
    let items: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(n).ok())
        .filter(|e| e.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let is = |e: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == wasm_bindgen::JsCast::unchecked_ref::<web_sys::Element>(e))
    };
    let on_frame = active
        .as_ref()
        .is_some_and(|a| a == wasm_bindgen::JsCast::unchecked_ref::<web_sys::Element>(frame));
    if ev.shift_key() && (is(first) || on_frame) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && is(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// Asks before a destructive change.
#[component]
pub fn Confirm(
    title: String,
    message: String,
    confirm_label: String,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    #[prop(optional)] danger: bool,
) -> impl IntoView {
    view! {
        <Modal title=title on_close=on_cancel>
            <p class="dialog-body">{message}</p>
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
                <button
                    type="button"
                    class="button"
                    class:danger=danger
                    class:primary=!danger
                    autofocus=true
                    on:click=move |_| on_confirm.run(())
                >
                    {confirm_label}
                </button>
            </div>
        </Modal>
    }
}

/// Asks before deleting the record `pending` names, then dispatches `command` for it.
#[component]
pub fn ConfirmDelete<Id: Copy + Send + Sync + 'static, C: Into<crate::model::Command> + 'static>(
    pending: RwSignal<Option<Id>>,
    title: &'static str,
    message: &'static str,
    confirm_label: &'static str,
    command: fn(Id) -> C,
) -> impl IntoView {
    let app = crate::ui::state::use_app();
    move || {
        pending.get().map(|id| {
            view! {
                <Confirm
                    title=title.to_string()
                    message=message.to_string()
                    confirm_label=confirm_label.to_string()
                    danger=true
                    on_cancel=Callback::new(move |_| pending.set(None))
                    on_confirm=Callback::new(move |_| {
                        let _ = app.dispatch(command(id));
                        pending.set(None);
                    })
                />
            }
        })
    }
}

/// A row's Edit and Delete (or Remove) buttons, each named for the row ("Edit risk …",
/// "Remove Anna Keller"): `what` is what the row is called.
#[component]
pub fn EditDelete(
    what: String,
    on_edit: Callback<()>,
    on_delete: Callback<()>,
    /// "Remove" instead of "Delete" (a person or member leaves; their history stays).
    #[prop(optional)]
    remove: bool,
) -> impl IntoView {
    let word = if remove { "Remove" } else { "Delete" };
    view! {
        <button class="button small" aria-label=format!("Edit {what}") on:click=move |_| on_edit.run(())>"Edit"</button>
        <button class="button small danger-text" aria-label=format!("{word} {what}") on:click=move |_| on_delete.run(())>{word}</button>
    }
}
