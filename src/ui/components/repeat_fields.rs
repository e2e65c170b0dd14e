//! The Repeat part of the task form: how often, on which weekdays or day of the month,
//! until when or how many times, skipping holidays; and, for a task that already recurs,
//! whether a new due date moves only this occurrence or the series from here.

use crate::model::recurrence::Frequency;
use crate::model::TaskDraft;
use crate::ui::components::form::{DraftCheck, DraftInput, DraftSelect, Field, FormCtl};
use chrono::Weekday;
use leptos::prelude::*;

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

#[component]
pub fn RepeatFields(draft: RwSignal<TaskDraft>, ctl: FormCtl) -> impl IntoView {
    let frequency = Memo::new(move |_| draft.with(|d| d.repeat.frequency));
    let recurs_now = draft.with_untracked(|d| d.repeat.current.is_some());
    let options = Signal::derive(|| {
        let mut o = vec![(String::new(), "Does not repeat".to_string())];
        o.extend(Frequency::ALL.iter().map(|f| {
            (
                f.key().to_string(),
                format!("Every … {}", f.label().to_lowercase()),
            )
        }));
        o
    });
    let monthly = Signal::derive(|| {
        vec![
            (
                "day".to_string(),
                "On the due date's day of the month".to_string(),
            ),
            (
                "nth".to_string(),
                "On the due date's weekday (e.g. second Tuesday)".to_string(),
            ),
            (
                "last".to_string(),
                "On the last day of the month".to_string(),
            ),
        ]
    });
    let ends = Signal::derive(|| {
        vec![
            ("never".to_string(), "Never".to_string()),
            ("until".to_string(), "On a date".to_string()),
            ("count".to_string(), "After a number of times".to_string()),
        ]
    });
    view! {
        <fieldset class="repeat-fields wide" data-testid="repeat-fields">
            <legend>"Repeat"</legend>
            <Field label="Repeats" error=ctl.error("repeat")>
                <DraftSelect draft field="repeat" options get=|d: &TaskDraft| d.repeat.frequency.map(|f| f.key().to_string()).unwrap_or_default()
                    set=|d, v| d.repeat.frequency = Frequency::from_key(&v) />
            </Field>
            {move || frequency.get().map(|f| view! {
                <Field label=format!("Every how many {}", f.label().to_lowercase()) error=ctl.error("repeat_interval")>
                    <DraftInput draft ctl field="repeat_interval" get=|d: &TaskDraft| d.repeat.interval.clone() set=|d, v| d.repeat.interval = v inputmode="numeric" />
                </Field>
                {(f == Frequency::Weekly).then(|| view! { <WeekdayChoice draft /> })}
                {(f == Frequency::Monthly).then(|| view! {
                    <Field label="Which day" error=ctl.error("repeat_monthly")>
                        <DraftSelect draft field="repeat_monthly" options=monthly get=|d: &TaskDraft| d.repeat.monthly.clone() set=|d, v| d.repeat.monthly = v />
                    </Field>
                })}
                <Field label="Ends" error=ctl.error("repeat_ends")>
                    <DraftSelect draft field="repeat_ends" options=ends get=|d: &TaskDraft| d.repeat.ends.clone() set=|d, v| d.repeat.ends = v />
                </Field>
                {move || match draft.with(|d| d.repeat.ends.clone()).as_str() {
                    "until" => view! {
                        <Field label="Last occurrence on or before" error=ctl.error("repeat_until")>
                            <DraftInput draft ctl field="repeat_until" kind="date" get=|d: &TaskDraft| d.repeat.until.clone() set=|d, v| d.repeat.until = v />
                        </Field>
                    }.into_any(),
                    "count" => view! {
                        <Field label="Times (from this one on)" error=ctl.error("repeat_count")>
                            <DraftInput draft ctl field="repeat_count" get=|d: &TaskDraft| d.repeat.count.clone() set=|d, v| d.repeat.count = v inputmode="numeric" />
                        </Field>
                    }.into_any(),
                    _ => ().into_any(),
                }}
                <DraftCheck draft field="repeat_skip_holidays" label="Skip the team's holidays" wide=true
                    get=|d: &TaskDraft| d.repeat.skip_holidays set=|d, on| d.repeat.skip_holidays = on />
                {recurs_now.then(|| view! {
                    <DraftCheck draft field="repeat_series" label="Apply to this and later occurrences" wide=true
                        hint="Off: a new due date moves this occurrence only; the rule and the dates after it stay."
                        get=|d: &TaskDraft| d.repeat.series set=|d, on| d.repeat.series = on />
                })}
            })}
        </fieldset>
    }
}

/// The weekdays a weekly rule falls on (none ticked: the due date's weekday).
#[component]
fn WeekdayChoice(draft: RwSignal<TaskDraft>) -> impl IntoView {
    view! {
        <fieldset class="weekday-choice wide">
            <legend>"On"</legend>
            {WEEKDAYS.into_iter().map(|w| view! {
                <label class="check-label">
                    <input type="checkbox" name="repeat_weekday" value=w.to_string()
                        prop:checked=move || draft.with(|d| d.repeat.weekdays.contains(&w))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            draft.update(|d| {
                                d.repeat.weekdays.retain(|x| *x != w);
                                if on {
                                    d.repeat.weekdays.push(w);
                                    crate::sorting::sort_by_key(&mut d.repeat.weekdays, |x| x.num_days_from_monday());
                                }
                            });
                        } />
                    {w.to_string()}
                </label>
            }).collect_view()}
        </fieldset>
    }
}
