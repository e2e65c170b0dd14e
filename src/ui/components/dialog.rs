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
    // Keyboard focus moves into the dialog (its autofocus field, or the dialog itself), so
    // Escape and Tab work at once however it was opened.
    Effect::new(move |_| {
        let Some(el) = frame.get() else { return };
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
pub fn ConfirmDelete<Id: Copy + Send + Sync + 'static>(
    pending: RwSignal<Option<Id>>,
    title: &'static str,
    message: &'static str,
    confirm_label: &'static str,
    command: fn(Id) -> crate::model::Command,
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
