//! The reminders a task or milestone carries: preset offsets from 09:00 on its due day
//! (`model::reminder::PRESETS`), and what the browser can and cannot do with them.

use crate::model::reminder::{Reminder, PRESETS};
use leptos::prelude::*;

#[component]
pub fn ReminderFields<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    #[prop(into)] error: Signal<Option<String>>,
    get: fn(&D) -> Vec<Reminder>,
    set: fn(&mut D, Vec<Reminder>),
) -> impl IntoView {
    view! {
        <fieldset class="reminder-fields wide" data-testid="reminder-fields">
            <legend>"Remind the owner"</legend>
            <div class="weekday-choice">
                {PRESETS.into_iter().map(|(minutes, label)| {
                    let r = Reminder { before_minutes: minutes };
                    view! {
                        <label class="check-label">
                            <input type="checkbox" name="reminder" value=minutes.to_string()
                                prop:checked=move || draft.with(|d| get(d).contains(&r))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.update(|d| {
                                        let mut list = get(d);
                                        list.retain(|x| *x != r);
                                        if on {
                                            list.push(r);
                                            crate::sorting::sort(&mut list);
                                        }
                                        set(d, list);
                                    });
                                } />
                            {label}
                        </label>
                    }
                }).collect_view()}
            </div>
            <p class="field-hint">"Shown while Pursuit is open in a tab. For when it is closed, export My dates to your calendar: each reminder is an alarm there."</p>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </fieldset>
    }
}
