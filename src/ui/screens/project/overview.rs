//! A project's overview: its facts, forecast category, outcome, health, stage gate, intake
//! answers and decisions, then its milestones and tasks, which can be added, edited,
//! completed, reordered, chosen for a bulk action and deleted here.

use super::{BulkBar, MilestoneDialog};
use crate::dates::Written;
use crate::model::command::Direction;
use crate::model::{MilestoneId, PlanCommand, ProjectCommand, ProjectId, Stage, TaskId};
use crate::model::{TaskStatus, Workspace};
use crate::ui::components::dialog::Confirm;
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::components::stage_gate::StageGate;
use crate::ui::components::task_dialog::TaskDialog;
use crate::ui::state::{today, use_app};
use chrono::NaiveDate;
use leptos::prelude::*;

/// One milestone as shown.
#[derive(Clone, PartialEq, Hash)]
struct MilestoneRow {
    id: MilestoneId,
    name: String,
    stage: Option<&'static str>,
    due: Option<String>,
    done: bool,
    overdue: bool,
    tasks_done: usize,
    tasks: usize,
    /// "skipped: moved on without a formal discovery".
    skipped: Option<String>,
}

/// One task as shown.
#[derive(Clone, PartialEq, Hash)]
struct TaskRow {
    id: TaskId,
    title: String,
    owner: String,
    owner_id: Option<crate::model::MemberId>,
    milestone: Option<String>,
    due: Option<String>,
    overdue: bool,
    /// When the project's schedule has it (the dates the timeline draws).
    planned: Option<String>,
    critical: bool,
    estimate: String,
    status: TaskStatus,
    /// A recurring task's rule in words ("Every week on Mon").
    repeats: Option<String>,
}

impl Row for MilestoneRow {
    type Id = MilestoneId;
    fn id(&self) -> MilestoneId {
        self.id
    }
}

impl Row for TaskRow {
    type Id = TaskId;
    fn id(&self) -> TaskId {
        self.id
    }
}

/// The project's milestones in their order, as the list shows them.
fn milestone_rows(ws: &Workspace, id: ProjectId, today: NaiveDate) -> Vec<MilestoneRow> {
    let tasks = ws.tasks_of(id);
    ws.milestones_of(id)
        .into_iter()
        .map(|m| {
            let own: Vec<_> = tasks
                .iter()
                .filter(|t| t.milestone_id == Some(m.id))
                .collect();
            MilestoneRow {
                id: m.id,
                name: m.name.clone(),
                stage: m.stage.map(Stage::label),
                due: m.due_date.map(|d| crate::model::day(d).to_string()),
                done: m.completed_on.is_some(),
                overdue: m.completed_on.is_none() && m.due_date.is_some_and(|d| d < today),
                tasks_done: own.iter().filter(|t| t.is_done()).count(),
                tasks: own.len(),
                skipped: m.skipped.as_ref().map(|why| format!("skipped: {why}")),
            }
        })
        .collect()
}

/// The project's tasks in their order, with the dates the schedule plans for them.
fn task_rows(ws: &Workspace, id: ProjectId, today: NaiveDate) -> Vec<TaskRow> {
    let milestones = ws.milestones_of(id);
    let schedule = ws
        .project(id)
        .and_then(|p| crate::engine::plan::project_schedule(ws, p, today).ok());
    let slot = |t: TaskId| schedule.as_ref().and_then(|s| s.slot(t));
    ws.tasks_of(id)
        .into_iter()
        .map(|t| TaskRow {
            id: t.id,
            title: t.title.clone(),
            owner: ws.member_name(t.owner),
            owner_id: t.owner,
            milestone: t.milestone_id.and_then(|m| {
                milestones
                    .iter()
                    .find(|x| x.id == m)
                    .map(|x| x.name.clone())
            }),
            due: t.due_date.map(|d| d.written("%d %b").to_string()),
            overdue: !t.is_done() && t.due_date.is_some_and(|d| d < today),
            planned: slot(t.id).filter(|_| !t.is_done()).map(|s| {
                crate::ui::components::figures::date_span(s.planned_start, s.planned_finish)
            }),
            critical: !t.is_done() && slot(t.id).is_some_and(|s| s.critical),
            estimate: if t.estimate_hours > 0.0 {
                format!("{} h", t.estimate_hours)
            } else {
                String::new()
            },
            status: t.status,
            repeats: t.recurrence.as_ref().map(|r| r.describe()),
        })
        .collect()
}

#[component]
pub fn OverviewTab(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let project = Memo::new(move |_| app.with(|ws| ws.project(id).cloned()).flatten());
    let owner = Memo::new(move |_| {
        app.with(|ws| ws.member_name(project.with(|p| p.as_ref().and_then(|p| p.owner))))
            .unwrap_or_default()
    });
    let fact = move |label: &'static str, value: Signal<String>| {
        view! {
            <div class="fact">
                <dt>{label}</dt>
                <dd>{move || value.get()}</dd>
            </div>
        }
    };
    let p = move |f: fn(&crate::model::Project) -> String| {
        Signal::derive(move || project.with(|p| p.as_ref().map(f).unwrap_or_default()))
    };
    let days_left = Signal::derive(move || {
        project.with(|p| {
            p.as_ref()
                .map(|p| {
                    let days = (p.target_date - today()).num_days();
                    let date = crate::model::day(p.target_date);
                    match days {
                        _ if p.status.is_closed() => date.to_string(),
                        0 => format!("{date} · today"),
                        d if d > 0 => format!("{date} · in {d} days"),
                        d => format!("{date} · {} days ago", -d),
                    }
                })
                .unwrap_or_default()
        })
    });

    view! {
            <dl class="facts">
                {fact("Client", p(|p| if p.client.is_empty() { "—".into() } else { p.client.clone() }))}
                {fact("Owner", owner.into())}
                {fact("Value", p(|p| p.value.display()))}
                {fact("Probability", p(|p| format!("{} %", p.probability)))}
                {fact("Weighted value", p(|p| crate::model::Money::new(p.weighted_minor(), p.value.currency.clone()).display()))}
                {fact("Start date", p(|p| crate::model::day(p.start_date).to_string()))}
                {fact("Target date", days_left)}
            </dl>
            {move || {
                let threats = app.with(|ws| crate::engine::competitors::active_threats(ws, id)).unwrap_or_default();
                (!threats.is_empty()).then(|| view! {
                    <p class="competition" data-testid="competition">
                        <span class="field-label">"Competing"</span>" "{threats.join(" · ")}" "
                        <a href=crate::ui::router::Route::Project(id, crate::ui::router::ProjectTab::Competitors).href()>"Competitors"</a>
                    </p>
                })
            }}
            {move || project.with(|p| p.as_ref().filter(|p| p.status.is_open()).map(|p| (p.forecast_category, crate::engine::forecast::category(p)))).map(|(set, effective)| view! {
                <label class="category-pick">
                    <span class="field-label">"Forecast category"</span>
                    <select aria-label="Forecast category" on:change=move |ev| {
                        let category = crate::model::ForecastCategory::from_key(&event_target_value(&ev));
                        let _ = app.dispatch(ProjectCommand::SetForecastCategory { id, category });
                    }>
                        <option value="" selected=set.is_none()>{format!("From probability ({})", effective.label())}</option>
                        {crate::model::ForecastCategory::ALL.iter().map(|c| view! { <option value=c.key() selected=set == Some(*c)>{c.label()}</option> }).collect_view()}
                    </select>
                </label>
            })}
            {move || project.with(|p| p.as_ref().and_then(|p| p.outcome.clone().map(|o| (p.status, o)))).map(|(status, o)| view! {
                <p class="outcome" data-testid="outcome">
                    <strong>{format!("{}: {}", status.label(), if o.reason.trim().is_empty() { crate::engine::forecast::NO_REASON } else { o.reason.as_str() })}</strong>
                    {(!o.note.is_empty()).then(|| format!(" — {}", o.note))}
                </p>
            })}
            <crate::ui::components::health_card::HealthCard id />
            <StageGate id />
            {move || project.with(|p| p.as_ref().filter(|p| !p.description.is_empty()).map(|p| view! { <p class="description">{p.description.clone()}</p> }))}
            {move || project.with(|p| p.as_ref().filter(|p| !p.reference.is_empty()).map(|p| view! { <p class="muted" data-testid="reference">{format!("Reference in your CRM: {}", p.reference)}</p> }))}
            {move || {
                use crate::engine::portfolio::{needs_text, score, score_text};
                let intake = app.with(|ws| ws.project(id).map(|p| (
                    p.rationale.clone(), p.focus_area.clone(), p.sponsor.clone(), needs_text(p.people_needed, p.weeks_needed),
                    score(p, &ws.settings.criteria).map(|s| format!("{s} / 100")).unwrap_or_else(|| score_text(p, &ws.settings.criteria)),
                    score(p, &ws.settings.criteria).is_some(),
                ))).flatten()?;
                let (why, focus, sponsor, needs, score, scored) = intake;
                let any = !why.is_empty() || !focus.is_empty() || !sponsor.is_empty() || needs.is_some() || scored;
                any.then(|| view! {
                    <dl class="intake-summary" data-testid="intake">
                        {(!why.is_empty()).then(|| view! { <div><dt>"Why"</dt><dd>{why}</dd></div> })}
                        {(!focus.is_empty()).then(|| view! { <div><dt>"Focus area"</dt><dd>{focus}</dd></div> })}
                        {(!sponsor.is_empty()).then(|| view! { <div><dt>"Sponsor"</dt><dd>{sponsor}</dd></div> })}
                        {needs.map(|n| view! { <div><dt>"Needs"</dt><dd>{n}</dd></div> })}
                        <div><dt>"Portfolio score"</dt><dd>{score}</dd></div>
                    </dl>
                })
            }}
            {move || {
                let rows = app.with(|ws| crate::ui::components::decision_log::decision_log(ws, Some(id))).unwrap_or_default();
                (!rows.is_empty()).then(|| view! {
                    <section class="section" data-testid="governance-log">
                        <h2>"Decisions"</h2>
                        <crate::ui::components::decision_log::DecisionTable rows />
                    </section>
                })
            }}
        <MilestoneList id />
        <TaskTable id />
    }
}

#[component]
fn MilestoneList(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let milestones = Memo::new(move |_| {
        app.with(|ws| milestone_rows(ws, id, today()))
            .unwrap_or_default()
    });
    // Whether the list is empty, apart from the list: the view that switches on it is not
    // redrawn by an edit, so the keyed rows below keep their DOM and an edit redraws its row.
    let no_milestones = Memo::new(move |_| milestones.with(Vec::is_empty));
    let milestone_form = RwSignal::new(None::<Option<MilestoneId>>);
    let confirm_delete_milestone = RwSignal::new(None::<MilestoneId>);
    view! {
            <section class="section">
                <header class="section-head">
                    <h2>"Milestones"</h2>
                    <button class="button" on:click=move |_| milestone_form.set(Some(None))>"Add milestone"</button>
                </header>
                {move || no_milestones.get().then(|| view! {
                    <p class="muted">"No milestones yet. Add one for the exit of each sales stage."</p>
                })}
                <ol class="milestones">
                    <Rows each=move || milestones.get() key=key let:m>
                        <li class="milestone" class:done=m.done class:overdue=m.overdue>
                            <label class="check">
                                <input
                                    type="checkbox"
                                    checked=m.done
                                    aria-label=format!("Milestone reached: {}", m.name)
                                    on:change=move |ev| { let _ = app.dispatch(PlanCommand::SetMilestoneDone { id: m.id, done: event_target_checked(&ev) }); }
                                />
                            </label>
                            <div class="milestone-body">
                                <strong>{m.name.clone()}</strong>
                                <span class="muted">
                                    {[m.stage.map(str::to_string), m.skipped.clone(), m.due.clone().map(|d| format!("due {d}")), Some(format!("{}/{} tasks done", m.tasks_done, m.tasks))]
                                        .into_iter().flatten().collect::<Vec<_>>().join(" · ")}
                                </span>
                                {m.overdue.then(|| view! { <span class="flag">"Overdue"</span> })}
                            </div>
                            <div class="row-actions">
                                <button class="icon-button" aria-label=format!("Move {} up", m.name) on:click=move |_| { let _ = app.dispatch(PlanCommand::MoveMilestone { id: m.id, direction: Direction::Up }); }>"↑"</button>
                                <button class="icon-button" aria-label=format!("Move {} down", m.name) on:click=move |_| { let _ = app.dispatch(PlanCommand::MoveMilestone { id: m.id, direction: Direction::Down }); }>"↓"</button>
                                <crate::ui::components::dialog::EditDelete what=format!("milestone {}", m.name) on_edit=Callback::new(move |_| milestone_form.set(Some(Some(m.id)))) on_delete=Callback::new(move |_| confirm_delete_milestone.set(Some(m.id))) />
                            </div>
                        </li>
                    </Rows>
                </ol>
            </section>
            {move || milestone_form.get().map(|editing| view! { <MilestoneDialog project=id editing on_done=Callback::new(move |_| milestone_form.set(None)) /> })}
            {move || confirm_delete_milestone.get().map(|mid| {
                let name = app.with(|ws| ws.milestones.iter().find(|m| m.id == mid).map(|m| m.name.clone())).flatten().unwrap_or_default();
                view! {
                    <Confirm
                        title="Delete milestone?".to_string()
                        message=format!("“{name}” will be deleted. Its tasks stay, without a milestone.")
                        confirm_label="Delete milestone".to_string()
                        danger=true
                        on_cancel=Callback::new(move |_| confirm_delete_milestone.set(None))
                        on_confirm=Callback::new(move |_| {
                            let _ = app.dispatch(PlanCommand::DeleteMilestone(mid));
                            confirm_delete_milestone.set(None);
                        })
                    />
                }
            })}
    }
}

#[component]
fn TaskTable(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let tasks = Memo::new(move |_| {
        app.with(|ws| task_rows(ws, id, today()))
            .unwrap_or_default()
    });
    // Whether the list is empty, apart from the list: the view that switches on it is not
    // redrawn by an edit, so the keyed rows below keep their DOM and an edit redraws its row.
    let no_tasks = Memo::new(move |_| tasks.with(Vec::is_empty));
    // Tasks chosen for a bulk action, and the last one clicked (for Shift-click ranges).
    let selected = RwSignal::new(Vec::<TaskId>::new());
    let last_clicked = RwSignal::new(None::<TaskId>);
    let members = crate::ui::components::project_form::member_options();
    let task_form = RwSignal::new(None::<Option<TaskId>>);
    let confirm_delete_task = RwSignal::new(None::<TaskId>);
    view! {
            <section class="section">
                <header class="section-head">
                    <h2>"Tasks"</h2>
                    <button class="button primary" on:click=move |_| task_form.set(Some(None))>"Add task"</button>
                </header>
                {move || no_tasks.get().then(|| view! {
                    <p class="muted">"No tasks yet. Add what has to happen, who does it and by when."</p>
                })}
                {move || (!selected.with(Vec::is_empty)).then(|| view! { <BulkBar project=id selected /> })}
                {move || (!no_tasks.get()).then(|| view! {
                    <div class="table-wrap">
                        <table class="data-table tasks-table stack">
                            <thead>
                                <tr>
                                    <th scope="col" class="check-cell select-cell">
                                        <input type="checkbox" aria-label="Select all tasks"
                                            prop:checked=move || { let n = selected.with(Vec::len); n > 0 && n == tasks.with(Vec::len) }
                                            on:change=move |ev| {
                                                if event_target_checked(&ev) {
                                                    selected.set(tasks.with_untracked(|t| t.iter().map(|t| t.id).collect()));
                                                } else {
                                                    selected.set(Vec::new());
                                                }
                                            } />
                                    </th>
                                    <th scope="col"><span class="visually-hidden">"Done"</span></th>
                                    <th scope="col">"Task"</th>
                                    <th scope="col">"Owner"</th>
                                    <th scope="col">"Milestone"</th>
                                    <th scope="col">"Planned"</th>
                                    <th scope="col">"Due"</th>
                                    <th scope="col" class="numeric">"Estimate"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                <Rows each=move || tasks.get() key=key let:t>
                                    <TaskLine t tasks selected last_clicked members task_form confirm_delete_task />
                                </Rows>
                            </tbody>
                        </table>
                    </div>
                })}
            </section>
            {move || task_form.get().map(|editing| view! { <TaskDialog project=id editing on_done=Callback::new(move |_| task_form.set(None)) /> })}
            {move || confirm_delete_task.get().map(|tid| {
                let title = app.with(|ws| ws.tasks.iter().find(|t| t.id == tid).map(|t| t.title.clone())).flatten().unwrap_or_default();
                view! {
                    <Confirm
                        title="Delete task?".to_string()
                        message=format!("“{title}” will be deleted, and tasks that waited for it no longer will.")
                        confirm_label="Delete task".to_string()
                        danger=true
                        on_cancel=Callback::new(move |_| confirm_delete_task.set(None))
                        on_confirm=Callback::new(move |_| {
                            let _ = app.dispatch(PlanCommand::DeleteTask(tid));
                            confirm_delete_task.set(None);
                        })
                    />
                }
            })}
    }
}

/// One task's row: choose it, tick it done, hand it over, set its status, move, edit or
/// delete it.
#[component]
fn TaskLine(
    t: TaskRow,
    tasks: Memo<Vec<TaskRow>>,
    selected: RwSignal<Vec<TaskId>>,
    last_clicked: RwSignal<Option<TaskId>>,
    members: Signal<Vec<(String, String)>>,
    task_form: RwSignal<Option<Option<TaskId>>>,
    confirm_delete_task: RwSignal<Option<TaskId>>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <tr class="with-check" class:done=t.status == TaskStatus::Done class:chosen=move || selected.with(|s| s.contains(&t.id))>
            <td class="check-cell select-cell">
                <label class="check-pair">
                <input
                    type="checkbox"
                    aria-label=format!("Select {}", t.title)
                    prop:checked=move || selected.with(|s| s.contains(&t.id))
                    on:click=move |ev| {
                        let on = event_target_checked(&ev);
                        let range = if ev.shift_key() { last_clicked.get_untracked() } else { None };
                        let ids: Vec<TaskId> = match range {
                            // Shift-click: everything between the last click and this one.
                            Some(from) => tasks.with_untracked(|rows| {
                                let at = |id| rows.iter().position(|r| r.id == id);
                                match (at(from), at(t.id)) {
                                    (Some(a), Some(b)) => rows[a.min(b)..=a.max(b)].iter().map(|r| r.id).collect(),
                                    _ => vec![t.id],
                                }
                            }),
                            None => vec![t.id],
                        };
                        selected.update(|s| {
                            s.retain(|x| !ids.contains(x));
                            if on {
                                s.extend(ids);
                            }
                        });
                        last_clicked.set(Some(t.id));
                    }
                />
                <span class="stack-label" aria-hidden="true">"Select"</span>
                </label>
            </td>
            <td class="check-cell">
                <label class="check-pair">
                <input
                    type="checkbox"
                    checked=t.status == TaskStatus::Done
                    aria-label=format!("Done: {}", t.title)
                    on:change=move |ev| {
                        let status = if event_target_checked(&ev) { TaskStatus::Done } else { TaskStatus::Todo };
                        let _ = app.dispatch(PlanCommand::SetTaskStatus { id: t.id, status });
                    }
                />
                <span class="stack-label" aria-hidden="true">"Done"</span>
                </label>
            </td>
            <th scope="row" class="task-title">{t.title.clone()}
                {t.repeats.clone().map(|r| view! { <span class="repeats" data-testid="repeats"><span aria-hidden="true">"↻ "</span>{r}</span> })}
            </th>
            <td data-label="Owner">
                <select class="inline-owner" aria-label=format!("Owner of {}", t.title) on:change=move |ev| {
                    let owner = crate::model::MemberId::parse(&event_target_value(&ev));
                    let _ = app.dispatch(PlanCommand::AssignTask { id: t.id, owner });
                }>
                    {move || members.get().into_iter().map(|(value, name)| {
                        let chosen = t.owner_id.map(|o| o.to_text()).unwrap_or_default() == value;
                        view! { <option value=value selected=chosen>{name}</option> }
                    }).collect_view()}
                </select>
            </td>
            <td data-label="Milestone" class="muted">{t.milestone.clone().unwrap_or_else(|| "—".into())}</td>
            <td data-label="Planned">
                <span class="muted">{t.planned.clone().unwrap_or_else(|| "—".into())}</span>
                {t.critical.then(|| view! { <span class="badge critical-badge">"Critical"</span> })}
            </td>
            <td data-label="Due" class:overdue=t.overdue>{t.due.clone().unwrap_or_else(|| "—".into())}</td>
            <td data-label="Estimate" class="numeric">{t.estimate.clone()}</td>
            <td data-label="Status">
                <select
                    aria-label=format!("Status of {}", t.title)
                    class=format!("task-status task-{}", t.status.key())
                    on:change=move |ev| {
                        if let Some(status) = TaskStatus::from_key(&event_target_value(&ev)) {
                            let _ = app.dispatch(PlanCommand::SetTaskStatus { id: t.id, status });
                        }
                    }
                >
                    {TaskStatus::ALL.iter().map(|s| view! {
                        <option value=s.key() selected=*s == t.status>{s.label()}</option>
                    }).collect_view()}
                </select>
            </td>
            <td class="row-actions">
                <button class="icon-button" aria-label=format!("Move {} up", t.title) on:click=move |_| { let _ = app.dispatch(PlanCommand::MoveTask { id: t.id, direction: Direction::Up }); }>"↑"</button>
                <button class="icon-button" aria-label=format!("Move {} down", t.title) on:click=move |_| { let _ = app.dispatch(PlanCommand::MoveTask { id: t.id, direction: Direction::Down }); }>"↓"</button>
                <crate::ui::components::dialog::EditDelete what=format!("task {}", t.title) on_edit=Callback::new(move |_| task_form.set(Some(Some(t.id)))) on_delete=Callback::new(move |_| confirm_delete_task.set(Some(t.id))) />
            </td>
        </tr>
    }
}
