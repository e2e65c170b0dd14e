//! A project's Plan tab: every task's earliest and latest dates, slack and the critical path,
//! and editing finish-to-start dependencies (a cycle is refused, naming its tasks).

use crate::engine::plan::{open_work_start_needed, project_schedule};
use crate::model::common::plural;
use crate::model::PlanCommand;
use crate::model::{ProjectId, TaskId};
use crate::ui::state::{today, use_app};
use chrono::NaiveDate;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
struct PlanRow {
    id: TaskId,
    title: String,
    done: bool,
    duration: u32,
    after: Vec<(TaskId, String, i32)>,
    early: (NaiveDate, NaiveDate),
    late: (NaiveDate, NaiveDate),
    slack: i64,
    critical: bool,
}

#[derive(Clone, PartialEq)]
struct PlanView {
    rows: Vec<PlanRow>,
    finish: NaiveDate,
    target: NaiveDate,
    late_by: i64,
    start_needed: NaiveDate,
}

fn span((from, to): (NaiveDate, NaiveDate)) -> String {
    crate::ui::components::figures::date_span(from, to)
}

#[component]
pub fn PlanTab(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let plan = Memo::new(move |_| app.with(|ws| plan_view(ws, id, today())).flatten());
    view! {
        {move || match plan.get() {
            None => view! { <p class="muted">"This project has no tasks to plan yet."</p> }.into_any(),
            Some(Err(e)) => view! { <p class="banner error">{format!("The plan can't be scheduled: {e}. Fix the dependencies below.")}</p> }.into_any(),
            Some(Ok(p)) => {
                let cal_note = if p.late_by > 0 {
                    format!("The critical path finishes {} after the target.", plural(p.late_by as usize, "working day", "working days"))
                } else {
                    "The plan meets the target date.".to_string()
                };
                view! {
                    <div class="plan-summary" class:late={p.late_by > 0} data-testid="plan-summary">
                        <div><span class="muted">"Projected finish"</span><strong>{crate::model::day(p.finish).to_string()}</strong></div>
                        <div><span class="muted">"Target"</span><strong>{crate::model::day(p.target).to_string()}</strong></div>
                        <div><span class="muted">"Open work must start by"</span><strong>{crate::model::day(p.start_needed).to_string()}</strong></div>
                        <p>{cal_note}</p>
                    </div>
                    <div class="table-wrap">
                        <table class="data-table plan-table stack">
                            <thead>
                                <tr>
                                    <th scope="col">"Task"</th>
                                    <th scope="col" class="numeric">"Days"</th>
                                    <th scope="col">"Waits for"</th>
                                    <th scope="col">"Earliest"</th>
                                    <th scope="col">"Latest"</th>
                                    <th scope="col" class="numeric">"Slack"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {p.rows.into_iter().map(|r| {
                                    let task = r.id;
                                    view! {
                                        <tr class:critical=r.critical class:done=r.done>
                                            <th scope="row">
                                                {r.title.clone()}
                                                {r.critical.then(|| view! { <span class="badge critical-badge">"Critical"</span> })}
                                            </th>
                                            <td data-label="Days" class="numeric">{r.duration}</td>
                                            <td data-label="Waits for">
                                                <ul class="deps">
                                                    {r.after.into_iter().map(|(on, title, lag)| view! {
                                                        <li>
                                                            {if lag == 0 { title.clone() } else { format!("{title} (+{lag} d)") }}
                                                            <button
                                                                class="icon-button small"
                                                                aria-label=format!("Remove dependency of {} on {}", r.title, title)
                                                                on:click=move |_| { let _ = app.dispatch(PlanCommand::RemoveDependency { task, on }); }
                                                            >"×"</button>
                                                        </li>
                                                    }).collect_view()}
                                                </ul>
                                            </td>
                                            <td data-label="Earliest">{span(r.early)}</td>
                                            <td data-label="Latest">{span(r.late)}</td>
                                            <td data-label="Slack" class="numeric" class:overdue={r.slack < 0}>{format!("{} d", r.slack)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }
        }}
        <DependencyForm id />
    }
}

/// The project's schedule as the plan table shows it (an error when dependencies circle).
fn plan_view(
    ws: &crate::model::Workspace,
    id: ProjectId,
    today: chrono::NaiveDate,
) -> Option<Result<PlanView, crate::engine::schedule::ScheduleError>> {
    let project = ws.project(id)?;
    let tasks = ws.tasks_of(id);
    Some(project_schedule(ws, project, today).map(|s| {
        PlanView {
            rows: tasks
                .iter()
                .filter_map(|t| {
                    let slot = s.slot(t.id)?;
                    Some(PlanRow {
                        id: t.id,
                        title: t.title.clone(),
                        done: t.is_done(),
                        duration: t.duration_days,
                        after: t
                            .depends_on
                            .iter()
                            .filter_map(|d| {
                                tasks
                                    .iter()
                                    .find(|x| x.id == d.task)
                                    .map(|x| (x.id, x.title.clone(), d.lag_days))
                            })
                            .collect(),
                        early: (slot.early_start, slot.early_finish),
                        late: (slot.late_start, slot.late_finish),
                        slack: slot.slack,
                        critical: slot.critical,
                    })
                })
                .collect(),
            finish: s.finish,
            target: s.target,
            late_by: s.late_by,
            start_needed: open_work_start_needed(ws, id, &s).unwrap_or(s.start_needed),
        }
    }))
}

/// Makes one task wait for another, with a lag; says why when refused.
#[component]
fn DependencyForm(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let task_options = Memo::new(move |_| {
        app.with(|ws| {
            ws.tasks_of(id)
                .iter()
                .map(|t| (t.id, t.title.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let chosen_task = RwSignal::new(None::<TaskId>);
    let chosen_on = RwSignal::new(None::<TaskId>);
    let lag = RwSignal::new(String::from("0"));
    let refusal = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(task), Some(on)) = (chosen_task.get_untracked(), chosen_on.get_untracked())
        else {
            refusal.set(Some("Choose a task and the task it waits for.".into()));
            return;
        };
        let Ok(lag_days) = lag.get_untracked().trim().parse::<i32>() else {
            refusal.set(Some(
                "Lag is a whole number of working days, such as 0 or 2.".into(),
            ));
            return;
        };
        match app.dispatch(PlanCommand::AddDependency { task, on, lag_days }) {
            Ok(()) => {
                refusal.set(None);
                app.notify("Dependency added; the plan is rescheduled.");
            }
            Err(e) => {
                app.notices.current.set(None);
                refusal.set(Some(e.to_string()));
            }
        }
    };
    let select = move |label: &'static str, value: RwSignal<Option<TaskId>>| {
        view! {
            <label class="field">
                <span class="field-label">{label}</span>
                <select aria-label=label on:change=move |ev| value.set(TaskId::parse(&event_target_value(&ev)))>
                    <option value="">"Choose a task"</option>
                    {move || task_options.get().into_iter().map(|(tid, title)| view! {
                        <option value=tid.to_text() selected=move || value.get() == Some(tid)>{title}</option>
                    }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
    <section class="card dependency-form">
        <h2>"Add a dependency"</h2>
        <p class="muted">"Finish-to-start: the task starts after the one it waits for has finished, plus any lag in working days."</p>
        <form class="dep-grid" on:submit=add>
            {select("Task", chosen_task)}
            {select("Waits for", chosen_on)}
            <label class="field lag">
                <span class="field-label">"Lag (working days)"</span>
                <input type="text" inputmode="numeric" prop:value=move || lag.get() on:input=move |ev| lag.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="button primary">"Add dependency"</button>
        </form>
        {move || refusal.get().map(|r| view! { <p class="dep-refusal" role="alert" data-testid="dependency-refusal">{r}</p> })}
    </section>
    }
}
