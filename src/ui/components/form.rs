//! Form building blocks: a labelled field with its message, inputs bound to a draft, and the
//! bookkeeping of which messages to show (a field's message appears once it was touched or
//! the person tried to save).

use crate::model::draft::FieldErrors;
use leptos::prelude::*;

/// Tracks which fields were touched and whether saving was attempted.
#[derive(Clone, Copy)]
pub struct FormCtl {
    errors: Memo<FieldErrors>,
    touched: RwSignal<Vec<&'static str>>,
    submitted: RwSignal<bool>,
}

impl FormCtl {
    pub fn new(errors: Memo<FieldErrors>) -> Self {
        Self {
            errors,
            touched: RwSignal::new(Vec::new()),
            submitted: RwSignal::new(false),
        }
    }

    /// Marks a field touched. Safe after the form is gone: Chromium fires `blur` on a
    /// focused input when its dialog is removed (Escape), after the form's signals were
    /// disposed, so a disposed form is simply left alone.
    pub fn touch(&self, field: &'static str) {
        if self.touched.try_with_untracked(|t| !t.contains(&field)) == Some(true) {
            self.touched.try_update(|t| t.push(field));
        }
    }

    /// The message to show next to `field`, if any.
    pub fn error(&self, field: &'static str) -> Signal<Option<String>> {
        let ctl = *self;
        Signal::derive(move || {
            let shown = ctl.submitted.get() || ctl.touched.with(|t| t.contains(&field));
            if shown {
                ctl.errors.with(|e| e.get(field).map(str::to_string))
            } else {
                None
            }
        })
    }

    /// Marks the form submitted; true when it has no problems.
    pub fn submit(&self) -> bool {
        self.submitted.set(true);
        self.errors.with_untracked(|e| e.is_empty())
    }
}

/// A draft signal and its form bookkeeping, validated by `check` as the person types.
pub fn use_draft<D, T>(
    initial: D,
    check: impl Fn(&D) -> Result<T, FieldErrors> + Send + Sync + 'static,
) -> (RwSignal<D>, FormCtl)
where
    D: Send + Sync + 'static,
    T: 'static,
{
    let draft = RwSignal::new(initial);
    let errors = Memo::new(move |_| draft.with(|d| check(d).err().unwrap_or_default()));
    (draft, FormCtl::new(errors))
}

/// On submit: shows every message and returns the valid input, if the form has no problem.
pub fn submitted<D: Send + Sync + 'static, T>(
    ev: leptos::ev::SubmitEvent,
    draft: RwSignal<D>,
    ctl: FormCtl,
    check: impl Fn(&D) -> Result<T, FieldErrors>,
) -> Option<T> {
    ev.prevent_default();
    if !ctl.submit() {
        return None;
    }
    draft.with_untracked(|d| check(d)).ok()
}

/// The submit handler of a dialog that saves one record: on a valid draft it dispatches the
/// command made from the input and closes the dialog (a refused command keeps it open, with
/// the refusal shown); otherwise every message appears.
pub fn dispatch_on_submit<D: Send + Sync + 'static, T: 'static, C: Into<crate::model::Command>>(
    draft: RwSignal<D>,
    ctl: FormCtl,
    check: impl Fn(&D) -> Result<T, FieldErrors> + 'static,
    command: impl Fn(T) -> C + 'static,
    on_done: Callback<()>,
) -> impl Fn(leptos::ev::SubmitEvent) + 'static {
    let app = crate::ui::state::use_app();
    move |ev| {
        if let Some(input) = submitted(ev, draft, ctl, &check) {
            if app.dispatch(command(input)).is_ok() {
                on_done.run(());
            }
        }
    }
}

/// Cancel and submit buttons at the foot of a form.
#[component]
pub fn FormActions(submit_label: &'static str, on_cancel: Callback<()>) -> impl IntoView {
    view! {
        <div class="form-actions wide">
            <button type="button" class="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            <button type="submit" class="button primary">{submit_label}</button>
        </div>
    }
}

/// A labelled control with its validation message underneath.
#[component]
pub fn Field(
    #[prop(into)] label: String,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:wide=wide class:invalid=move || error.with(|e| e.is_some())>
            <label>
                <span class="field-label">{label}</span>
                {children()}
            </label>
            {hint.map(|h| view! { <p class="field-hint">{h}</p> })}
            <p class="field-error" role="alert">{move || error.get()}</p>
        </div>
    }
}

/// A text-like input bound to one field of a draft signal.
#[component]
pub fn DraftInput<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    ctl: FormCtl,
    field: &'static str,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] autofocus: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    text_input(
        bound(draft, ctl, field, get, set),
        kind,
        placeholder,
        autofocus,
        inputmode,
    )
}

/// One field of a draft as the controls below use it: its value, how to change it, and the
/// form's bookkeeping. The controls take this rather than the draft, so each is compiled
/// once instead of once per kind of draft.
#[derive(Clone, Copy)]
struct Bound {
    value: Signal<String>,
    write: Callback<String>,
    ctl: FormCtl,
    field: &'static str,
}

/// A draft's field with the form's bookkeeping.
fn bound<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    ctl: FormCtl,
    field: &'static str,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
) -> Bound {
    let (value, write) = read_write(draft, get, set);
    Bound {
        value,
        write,
        ctl,
        field,
    }
}

/// A draft's field as a value and a writer, read and written through `get` and `set`.
fn read_write<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || draft.with(get)),
        Callback::new(move |value| draft.update(|d| set(d, value))),
    )
}

fn text_input(
    b: Bound,
    kind: &'static str,
    placeholder: &'static str,
    autofocus: bool,
    inputmode: Option<&'static str>,
) -> AnyView {
    let error = b.ctl.error(b.field);
    view! {
        <input
            type=kind
            name=b.field
            placeholder=placeholder
            autofocus=autofocus
            inputmode=inputmode
            aria-invalid=move || if error.with(|e| e.is_some()) { "true" } else { "false" }
            prop:value=b.value
            on:input=move |ev| {
                b.write.run(event_target_value(&ev));
                b.ctl.touch(b.field);
            }
            on:blur=move |_| b.ctl.touch(b.field)
        />
    }
    .into_any()
}

/// A `<select>` over a fixed list of `(value, label)` options bound to a draft field.
#[component]
pub fn DraftSelect<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    field: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
) -> impl IntoView {
    let (value, write) = read_write(draft, get, set);
    select(field, options, value, write)
}

fn select(
    field: &'static str,
    options: Signal<Vec<(String, String)>>,
    value: Signal<String>,
    write: Callback<String>,
) -> AnyView {
    view! {
        <select
            name=field
            on:change=move |ev| write.run(event_target_value(&ev))
        >
            {move || {
                let current = value.get();
                options
                    .get()
                    .into_iter()
                    .map(|(value, label)| {
                        let selected = value == current;
                        view! { <option value=value selected=selected>{label}</option> }
                    })
                    .collect_view()
            }}
        </select>
    }
    .into_any()
}

/// A checkbox with its label bound to one flag of a draft signal, with an optional hint.
#[component]
pub fn DraftCheck<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    field: &'static str,
    label: &'static str,
    get: fn(&D) -> bool,
    set: fn(&mut D, bool),
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] wide: bool,
) -> impl IntoView {
    view! {
        <div class="field" class:wide=wide>
            <label class="check-label">
                <input type="checkbox" name=field prop:checked=move || draft.with(get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| set(d, on));
                    } />
                " " {label}
            </label>
            {hint.map(|h| view! { <p class="field-hint">{h}</p> })}
        </div>
    }
}

/// A multi-line text area bound to one field of a draft signal.
#[component]
pub fn DraftTextarea<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    ctl: FormCtl,
    field: &'static str,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
    #[prop(optional)] placeholder: &'static str,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    textarea(bound(draft, ctl, field, get, set), placeholder, rows)
}

fn textarea(b: Bound, placeholder: &'static str, rows: u32) -> AnyView {
    let error = b.ctl.error(b.field);
    view! {
        <textarea
            name=b.field
            rows=rows
            placeholder=placeholder
            aria-invalid=move || if error.with(|e| e.is_some()) { "true" } else { "false" }
            prop:value=b.value
            on:input=move |ev| {
                b.write.run(event_target_value(&ev));
                b.ctl.touch(b.field);
            }
            on:blur=move |_| b.ctl.touch(b.field)
        ></textarea>
    }
    .into_any()
}
