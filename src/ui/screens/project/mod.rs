//! A project's page: its facts, milestones and tasks. Milestones and tasks can be added,
//! edited, completed, reordered and deleted here.

pub mod budget;
pub mod conversations;
pub mod feedback;
pub mod goals;
pub mod people;
pub mod plan;
pub mod risks;
pub mod timeline;
pub mod update;

use crate::model::command::Direction;
use crate::model::draft::{MilestoneDraft, ProjectDraft};
use crate::model::{Command, IdSource, MilestoneId, ProjectId, Stage, TaskId, TaskStatus};
use crate::model::{PlanCommand, ProjectCommand};
use crate::ui::components::delete_project::DeleteProject;
use crate::ui::components::dialog::{Confirm, Modal};
use crate::ui::components::empty::EmptyState;
use crate::ui::components::form::{
    dispatch_on_submit, use_draft, DraftCheck, DraftInput, DraftSelect, Field, FormActions,
};
use crate::ui::components::keyed::{key, Row};
use crate::ui::components::project_form::ProjectForm;
use crate::ui::components::stage_gate::StageGate;
use crate::ui::components::task_dialog::TaskDialog;
use crate::ui::router::{ProjectTab, Route};
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;
use plan::PlanTab;
use timeline::TimelineTab;

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

#[component]
pub fn ProjectScreen(id: ProjectId, tab: ProjectTab) -> impl IntoView {
    let app = use_app();
    let exists = Memo::new(move |_| app.with(|ws| ws.project(id).is_some()).unwrap_or(false));
    move || {
        if exists.get() {
            view! { <ProjectPage id tab /> }.into_any()
        } else {
            view! {
                <div class="page">
                    <EmptyState title="Project not found" message="This project does not exist in this workspace. It may have been deleted, or the link comes from another workspace.">
                        <a class="button primary" href="#/projects">"Back to projects"</a>
                    </EmptyState>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn ProjectPage(id: ProjectId, tab: ProjectTab) -> impl IntoView {
    // On a phone the tab strip scrolls: bring the current tab into view.
    let tabs_nav = NodeRef::<leptos::html::Nav>::new();
    Effect::new(move |_| {
        let Some(nav) = tabs_nav.get() else { return };
        let current = nav
            .query_selector("[aria-current=page]")
            .ok()
            .flatten()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(current) = current {
            nav.set_scroll_left(current.offset_left() - nav.offset_left() - 16);
        }
    });
    let app = use_app();
    let project = Memo::new(move |_| app.with(|ws| ws.project(id).cloned()).flatten());
    let owner = Memo::new(move |_| {
        app.with(|ws| ws.member_name(project.with(|p| p.as_ref().and_then(|p| p.owner))))
            .unwrap_or_default()
    });
    let milestones = Memo::new(move |_| {
        let today = today();
        app.with(|ws| {
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
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let tasks = Memo::new(move |_| {
        let today = today();
        app.with(|ws| {
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
                    due: t.due_date.map(|d| d.format("%d %b").to_string()),
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
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });

    // Tasks chosen for a bulk action, and the last one clicked (for Shift-click ranges).
    let selected = RwSignal::new(Vec::<TaskId>::new());
    let last_clicked = RwSignal::new(None::<TaskId>);
    let members = crate::ui::components::project_form::member_options();
    let editing = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let closing = RwSignal::new(None::<bool>);
    let milestone_form = RwSignal::new(None::<Option<MilestoneId>>);
    let task_form = RwSignal::new(None::<Option<TaskId>>);
    let confirm_delete_task = RwSignal::new(None::<TaskId>);
    let confirm_delete_milestone = RwSignal::new(None::<MilestoneId>);

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
        <div class="page">
            <nav class="breadcrumbs" aria-label="Breadcrumb">
                <a href="#/projects">"Projects"</a>
                <span aria-hidden="true">" / "</span>
                <span aria-current="page">{move || project.with(|p| p.as_ref().map(|p| p.name.clone()))}</span>
            </nav>
            <header class="page-head">
                <div>
                    <h1>{move || project.with(|p| p.as_ref().map(|p| p.name.clone()))}</h1>
                    <p class="tags">
                        <span class="tag">{move || project.with(|p| p.as_ref().map(|p| p.kind.label()))}</span>
                        <span class="tag">{move || project.with(|p| p.as_ref().map(|p| p.stage.label()))}</span>
                        <span class=move || project.with(|p| p.as_ref().map(|p| format!("status status-{}", p.status.key())))>
                            {move || project.with(|p| p.as_ref().map(|p| p.status.label()))}
                        </span>
                    </p>
                </div>
                <div class="head-actions">
                    {move || project.with(|p| p.as_ref().is_some_and(|p| p.status.is_open())).then(|| view! {
                        <button class="button" on:click=move |_| closing.set(Some(true))>"Mark won"</button>
                        <button class="button" on:click=move |_| closing.set(Some(false))>"Mark lost"</button>
                    })}
                    <button class="button" on:click=move |_| editing.set(true)>"Edit project"</button>
                    <button class="button" title="Download this project with its plan, people and log as a file a teammate can merge" on:click=move |_| {
                        if let Err(why) = app.outside_scenario() {
                            app.notify_error(why);
                            return;
                        }
                        let file = app.with(|ws| {
                            let shared = crate::engine::share::project_file(ws, id)?;
                            let who = app.me.get_untracked().and_then(|m| app.with(|ws| ws.member(m).map(|m| m.name.clone())).flatten());
                            let name = crate::engine::share::file_name(&shared.projects[0], who.as_deref(), crate::ui::state::today());
                            Some((name, crate::format::write(&shared, crate::ui::state::now())))
                        }).flatten();
                        if let Some((name, text)) = file {
                            crate::ui::components::download::offer(&name, "application/json", &text, "A teammate merges it on their Data page.");
                        }
                    }>"Share project"</button>
                    <button class="button" data-testid="ics-project" title="This project's milestones and open tasks with due dates, for your calendar" on:click=move |_| {
                        if let Err(why) = app.outside_scenario() {
                            app.notify_error(why);
                            return;
                        }
                        let file = app.with(|ws| ws.project(id).map(|p| (
                            crate::engine::exports::file_name(&p.name, "dates", crate::ui::state::today(), "ics"),
                            crate::engine::exports::calendar(ws, crate::engine::exports::CalendarScope::Project(id), crate::ui::state::now()),
                        ))).flatten();
                        if let Some((name, text)) = file {
                            crate::ui::components::download::offer(&name, "text/calendar;charset=utf-8", &text, "Open it with your calendar to add the dates.");
                        }
                    }>"Calendar (.ics)"</button>
                    <button class="button danger-text" on:click=move |_| deleting.set(true)>"Delete"</button>
                </div>
            </header>
            <nav class="tabs" aria-label="Project views" node_ref=tabs_nav>
                {ProjectTab::ALL.iter().map(|t| view! {
                    <a href=Route::Project(id, *t).href() aria-current=(*t == tab).then_some("page")>{t.label()}</a>
                }).collect_view()}
            </nav>
            {match tab {
                ProjectTab::Plan => view! { <PlanTab id /> }.into_any(),
                ProjectTab::Timeline => view! { <TimelineTab id /> }.into_any(),
                ProjectTab::Risks => view! { <risks::RisksTab id /> }.into_any(),
                ProjectTab::Goals => view! { <goals::GoalsTab id /> }.into_any(),
                ProjectTab::Budget => view! { <budget::BudgetTab id /> }.into_any(),
                ProjectTab::People => view! { <people::PeopleTab id /> }.into_any(),
                ProjectTab::Conversations => view! { <conversations::ConversationsTab id /> }.into_any(),
                ProjectTab::Feedback => view! { <feedback::FeedbackTab id /> }.into_any(),
                ProjectTab::Update => view! { <update::UpdateTab id /> }.into_any(),
                ProjectTab::History => view! { <crate::ui::components::change_list::ChangeList project=Some(id) /> }.into_any(),
                ProjectTab::Overview => view! {
            <dl class="facts">
                {fact("Client", p(|p| if p.client.is_empty() { "—".into() } else { p.client.clone() }))}
                {fact("Owner", owner.into())}
                {fact("Value", p(|p| p.value.display()))}
                {fact("Probability", p(|p| format!("{} %", p.probability)))}
                {fact("Weighted value", p(|p| crate::model::Money::new(p.weighted_minor(), p.value.currency.clone()).display()))}
                {fact("Start date", p(|p| crate::model::day(p.start_date).to_string()))}
                {fact("Target date", days_left)}
            </dl>
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

            <section class="section">
                <header class="section-head">
                    <h2>"Milestones"</h2>
                    <button class="button" on:click=move |_| milestone_form.set(Some(None))>"Add milestone"</button>
                </header>
                {move || milestones.with(|m| m.is_empty()).then(|| view! {
                    <p class="muted">"No milestones yet. Add one for the exit of each sales stage."</p>
                })}
                <ol class="milestones">
                    <For each=move || milestones.get() key=key let:m>
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
                                <button class="button small" aria-label=format!("Edit milestone {}", m.name) on:click=move |_| milestone_form.set(Some(Some(m.id)))>"Edit"</button>
                                <button class="button small danger-text" aria-label=format!("Delete milestone {}", m.name) on:click=move |_| confirm_delete_milestone.set(Some(m.id))>"Delete"</button>
                            </div>
                        </li>
                    </For>
                </ol>
            </section>

            <section class="section">
                <header class="section-head">
                    <h2>"Tasks"</h2>
                    <button class="button primary" on:click=move |_| task_form.set(Some(None))>"Add task"</button>
                </header>
                {move || tasks.with(|t| t.is_empty()).then(|| view! {
                    <p class="muted">"No tasks yet. Add what has to happen, who does it and by when."</p>
                })}
                {move || (!selected.with(Vec::is_empty)).then(|| view! { <BulkBar project=id selected /> })}
                {move || (!tasks.with(|t| t.is_empty())).then(|| view! {
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
                                <For each=move || tasks.get() key=key let:t>
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
                                        <th scope="row" class="task-title">{t.title.clone()}</th>
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
                                            <button class="button small" aria-label=format!("Edit task {}", t.title) on:click=move |_| task_form.set(Some(Some(t.id)))>"Edit"</button>
                                            <button class="button small danger-text" aria-label=format!("Delete task {}", t.title) on:click=move |_| confirm_delete_task.set(Some(t.id))>"Delete"</button>
                                        </td>
                                    </tr>
                                </For>
                            </tbody>
                        </table>
                    </div>
                })}
            </section>
                }.into_any(),
            }}

            {move || editing.get().then(|| {
                let draft = project.with_untracked(|p| p.as_ref().map(ProjectDraft::from_project))?;
                Some(view! {
                    <Modal title="Edit project".to_string() on_close=Callback::new(move |_| editing.set(false)) wide=true>
                        <ProjectForm
                            initial=draft
                            submit_label="Save changes"
                            on_cancel=Callback::new(move |_| editing.set(false))
                            on_save=Callback::new(move |(input, _): (crate::model::draft::ProjectInput, Option<crate::ui::components::project_form::PlaybookChoice>)| {
                                if app.dispatch(ProjectCommand::UpdateProject { id, input }).is_ok() {
                                    editing.set(false);
                                    app.notify("Project saved.");
                                }
                            })
                        />
                    </Modal>
                })
            })}
            {move || deleting.get().then(|| view! { <DeleteProject id on_done=Callback::new(move |_| deleting.set(false)) /> })}
            {move || closing.get().map(|won| view! { <crate::ui::components::outcome::CloseDialog id won on_done=Callback::new(move |_| closing.set(None)) /> })}
            {move || milestone_form.get().map(|editing| view! { <MilestoneDialog project=id editing on_done=Callback::new(move |_| milestone_form.set(None)) /> })}
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
        </div>
    }
}

/// Adds a milestone, or edits one when `editing` names it.
#[component]
fn MilestoneDialog(
    project: ProjectId,
    editing: Option<MilestoneId>,
    on_done: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let initial = editing
        .and_then(|mid| {
            app.with(|ws| {
                ws.milestones
                    .iter()
                    .find(|m| m.id == mid)
                    .map(MilestoneDraft::from_milestone)
            })
            .flatten()
        })
        .unwrap_or_else(MilestoneDraft::blank);
    let (draft, ctl) = use_draft(initial, MilestoneDraft::check);
    let stage_options = Signal::derive(|| {
        let mut o = vec![(String::new(), "No stage".to_string())];
        o.extend(
            Stage::ALL
                .iter()
                .map(|s| (s.key().to_string(), s.label().to_string())),
        );
        o
    });
    let submit = dispatch_on_submit(
        draft,
        ctl,
        MilestoneDraft::check,
        move |input| match editing {
            Some(id) => PlanCommand::UpdateMilestone { id, input },
            None => PlanCommand::AddMilestone {
                id: RandomIds.next(),
                project,
                input,
            },
        },
        on_done,
    );
    view! {
        <Modal title=(if editing.is_some() { "Edit milestone" } else { "Add milestone" }).to_string() on_close=on_done>
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label="Milestone" error=ctl.error("name") wide=true>
                    <DraftInput draft ctl field="name" get=|d: &MilestoneDraft| d.name.clone() set=|d, v| d.name = v autofocus=true placeholder="e.g. Proposal delivered and presented" />
                </Field>
                <Field label="Stage" error=ctl.error("stage")>
                    <DraftSelect draft field="stage" options=stage_options get=|d: &MilestoneDraft| d.stage.map(|s| s.key().to_string()).unwrap_or_default() set=|d, v| d.stage = Stage::from_key(&v) />
                </Field>
                <Field label="Due date" error=ctl.error("due_date")>
                    <DraftInput draft ctl field="due_date" kind="date" get=|d: &MilestoneDraft| d.due_date.clone() set=|d, v| d.due_date = v />
                </Field>
                <DraftCheck draft field="with_client" label="Agreed with the client (mutual action plan)" wide=true
                    hint="Shown in the client's status update; everything else stays internal."
                    get=|d: &MilestoneDraft| d.with_client set=|d, on| d.with_client = on />
                <FormActions submit_label=if editing.is_some() { "Save milestone" } else { "Add milestone" } on_cancel=on_done />
            </form>
        </Modal>
    }
}

/// What can be done to several chosen tasks at once, each as one undoable step.
#[component]
fn BulkBar(project: ProjectId, selected: RwSignal<Vec<TaskId>>) -> impl IntoView {
    let app = use_app();
    let members = crate::ui::components::project_form::member_options();
    let owner = RwSignal::new(String::new());
    let shift = RwSignal::new(String::from("5"));
    let error = RwSignal::new(None::<String>);
    let count = move || selected.with(Vec::len);
    // Sends one command per chosen task as a single change.
    let run = move |make: &dyn Fn(&crate::model::Task) -> Option<PlanCommand>, done: &str| {
        let commands: Vec<Command> = app
            .with(|ws| {
                selected.with_untracked(|ids| {
                    ids.iter()
                        .filter_map(|id| {
                            ws.tasks
                                .get(id.0)
                                .filter(|t| crate::model::InProject::is_live_in(*t, project))
                        })
                        .filter_map(make)
                        .map(Command::from)
                        .collect()
                })
            })
            .unwrap_or_default();
        let n = commands.len();
        if n == 0 {
            error.set(Some(
                "None of the chosen tasks can take that change.".into(),
            ));
            return;
        }
        match app.dispatch(Command::Batch(commands)) {
            Ok(()) => {
                error.set(None);
                app.notify(format!(
                    "{done} {n} task{}. Undo takes it back in one step.",
                    if n == 1 { "" } else { "s" }
                ));
                selected.set(Vec::new());
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let assign = move |_| {
        let to = crate::model::MemberId::parse(&owner.get_untracked());
        run(
            &|t| {
                Some(PlanCommand::AssignTask {
                    id: t.id,
                    owner: to,
                })
            },
            "Assigned",
        );
    };
    let reschedule = move |_| {
        let Ok(days) = shift.get_untracked().trim().parse::<i64>() else {
            error.set(Some(
                "Move due dates by a whole number of working days, such as 5 or -2.".into(),
            ));
            return;
        };
        if days.abs() > i64::from(crate::model::limits::MAX_DURATION_DAYS) {
            error.set(Some(format!(
                "Move due dates by at most {} working days.",
                crate::model::limits::MAX_DURATION_DAYS
            )));
            return;
        }
        let cal = app.with(crate::engine::plan::calendar).unwrap_or_default();
        run(
            &|t| {
                let due = t.due_date?;
                let mut input = crate::model::draft::TaskInput::of(t);
                input.due_date = Some(cal.add(cal.on_or_before(due), days));
                Some(PlanCommand::UpdateTask { id: t.id, input })
            },
            "Rescheduled",
        );
    };
    let complete = move |_| {
        run(
            &|t| {
                (!t.is_done()).then_some(PlanCommand::SetTaskStatus {
                    id: t.id,
                    status: TaskStatus::Done,
                })
            },
            "Completed",
        )
    };
    let delete = move |_| run(&|t| Some(PlanCommand::DeleteTask(t.id)), "Deleted");
    view! {
        <div class="bulk-bar" role="region" aria-label="Chosen tasks" data-testid="bulk-bar">
            <strong>{move || format!("{} chosen", count())}</strong>
            <label class="inline-field">
                <span>"Assign to"</span>
                <select aria-label="Assign chosen tasks to" on:change=move |ev| owner.set(event_target_value(&ev))>
                    {move || members.get().into_iter().map(|(value, name)| view! { <option value=value.clone() selected=move || owner.get() == value>{name}</option> }).collect_view()}
                </select>
                <button class="button small" on:click=assign>"Assign"</button>
            </label>
            <label class="inline-field">
                <span>"Move due dates by"</span>
                <input type="text" inputmode="numeric" class="narrow" aria-label="Working days to move due dates by" prop:value=move || shift.get() on:input=move |ev| shift.set(event_target_value(&ev)) />
                <span>"working days"</span>
                <button class="button small" on:click=reschedule>"Move"</button>
            </label>
            <button class="button small" on:click=complete>"Mark done"</button>
            <button class="button small danger-text" on:click=delete>"Delete"</button>
            <button class="button small" on:click=move |_| selected.set(Vec::new())>"Clear"</button>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}
