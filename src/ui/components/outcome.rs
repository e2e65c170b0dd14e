//! Asks why a project was won or lost when it closes; the answer feeds the win/loss view.

use crate::model::ProjectCommand;
use crate::model::{Outcome, ProjectId};
use crate::ui::components::dialog::Modal;
use crate::ui::state::use_app;
use leptos::prelude::*;

pub const LOSS_REASONS: [&str; 8] = [
    "Price",
    "Lost to a competitor",
    "No budget",
    "No decision / stalled",
    "Timing",
    "Product or solution fit",
    "Relationship",
    "Other",
];
pub const WIN_REASONS: [&str; 6] = [
    "Value for money",
    "Solution fit",
    "Relationship",
    "Speed of response",
    "Referral",
    "Other",
];

#[component]
pub fn CloseDialog(id: ProjectId, won: bool, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let name = app
        .with(|ws| ws.project(id).map(|p| p.name.clone()))
        .flatten()
        .unwrap_or_default();
    let reason = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // A lost deal can name the competitor it went to ("Lost to Northstar IT").
    let mut reasons: Vec<String> = if won {
        WIN_REASONS.iter().map(|r| r.to_string()).collect()
    } else {
        let rivals = app
            .with(|ws| crate::engine::competitors::loss_reasons(ws, id))
            .unwrap_or_default();
        rivals
            .into_iter()
            .chain(LOSS_REASONS.iter().map(|r| r.to_string()))
            .collect()
    };
    reasons.dedup();
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let outcome = Outcome {
            reason: reason.get_untracked(),
            note: note.get_untracked().trim().to_string(),
        };
        match app.dispatch(ProjectCommand::CloseProject { id, won, outcome }) {
            Ok(()) => {
                app.notify(if won {
                    "Marked won. Congratulations!"
                } else {
                    "Marked lost; the reason is kept for win/loss lessons."
                });
                on_done.run(());
            }
            Err(e) => {
                app.notices.current.set(None);
                error.set(Some(e.to_string()));
            }
        }
    };
    view! {
        <Modal title=format!("{} “{name}”", if won { "Mark won:" } else { "Mark lost:" }) on_close=on_done>
            <form on:submit=close class="dialog-body">
                <label class="field">
                    <span class="field-label">{if won { "Main reason we won" } else { "Main reason we lost" }}</span>
                    <select name="reason" on:change=move |ev| reason.set(event_target_value(&ev))>
                        <option value="">"Choose a reason"</option>
                        {reasons.into_iter().map(|r| view! { <option value=r.clone()>{r.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">"What happened (optional)"</span>
                    <textarea rows="3" name="note" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </label>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_done.run(())>"Cancel"</button>
                    <button type="submit" class="button primary">{if won { "Mark won" } else { "Mark lost" }}</button>
                </div>
            </form>
        </Modal>
    }
}
