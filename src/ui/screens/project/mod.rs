//! A project's page: its facts, milestones and tasks. Milestones and tasks can be added,
//! edited, completed, reordered and deleted here.

pub mod budget;
pub mod competitors;
pub mod conversations;
pub mod feedback;
pub mod goals;
pub mod overview;
pub mod people;
pub mod plan;
pub mod risks;
pub mod timeline;
pub mod update;

use crate::model::{Command, IdSource, MilestoneId, ProjectId, Stage, TaskId, TaskStatus};
use crate::model::{MilestoneDraft, ProjectDraft};
use crate::model::{PlanCommand, ProjectCommand};
use crate::ui::components::delete_project::DeleteProject;
use crate::ui::components::dialog::Modal;
use crate::ui::components::empty::EmptyState;
use crate::ui::components::form::{
    dispatch_on_submit, use_draft, DraftCheck, DraftInput, DraftSelect, Field, FormActions,
};
use crate::ui::components::project_form::ProjectForm;
use crate::ui::router::{ProjectTab, Route};
use crate::ui::state::use_app;
use crate::ui::RandomIds;
use leptos::prelude::*;
use plan::PlanTab;
use timeline::TimelineTab;

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
    let editing = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let sharing = RwSignal::new(false);
    let closing = RwSignal::new(None::<bool>);
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
                        match app.outside_scenario() {
                            Ok(()) => sharing.set(true),
                            Err(why) => app.notify_error(why),
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
                ProjectTab::Competitors => view! { <competitors::CompetitorsTab id /> }.into_any(),
                ProjectTab::Conversations => view! { <conversations::ConversationsTab id /> }.into_any(),
                ProjectTab::Feedback => view! { <feedback::FeedbackTab id /> }.into_any(),
                ProjectTab::Update => view! { <update::UpdateTab id /> }.into_any(),
                ProjectTab::History => view! { <crate::ui::components::change_list::ChangeList project=Some(id) /> }.into_any(),
                ProjectTab::Overview => view! { <overview::OverviewTab id /> }.into_any(),
            }}

            {move || editing.get().then(|| {
                let draft = project.with_untracked(|p| p.as_ref().map(ProjectDraft::from_project))?;
                Some(view! {
                    <Modal title="Edit project".to_string() on_close=Callback::new(move |_| editing.set(false)) wide=true>
                        <ProjectForm
                            initial=draft
                            submit_label="Save changes"
                            on_cancel=Callback::new(move |_| editing.set(false))
                            on_save=Callback::new(move |(input, _): (crate::model::ProjectInput, Option<crate::ui::components::project_form::PlaybookChoice>)| {
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
            {move || sharing.get().then(|| view! { <ShareDialog id on_close=Callback::new(move |_| sharing.set(false)) /> })}
            {move || closing.get().map(|won| view! { <crate::ui::components::outcome::CloseDialog id won on_done=Callback::new(move |_| closing.set(None)) /> })}
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
        <Modal title=(if editing.is_some() { "Edit milestone" } else { "Add milestone" }).to_string() on_close=on_done wide=true>
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
                <crate::ui::components::reminder_fields::ReminderFields draft error=ctl.error("reminders")
                    get=|d: &MilestoneDraft| d.reminders.clone() set=|d, r| d.reminders = r />
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
                let mut input = crate::model::TaskInput::of(t);
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

/// "Share project": this project with its plan, people and log as a file a teammate merges,
/// sealed under a passphrase if the person (or the team) wants.
#[component]
fn ShareDialog(id: ProjectId, on_close: Callback<()>) -> impl IntoView {
    let app = use_app();
    let name = app
        .with(|ws| ws.project(id).map(|p| p.name.clone()))
        .flatten()
        .unwrap_or_default();
    let make = Callback::new(move |_| {
        let me = app.me.get_untracked();
        app.with(|ws| {
            let shared = crate::engine::share::project_file(ws, id)?;
            let who = me.and_then(|m| ws.member(m)).map(|m| m.name.clone());
            let name = crate::engine::share::file_name(
                &shared.projects[0],
                who.as_deref(),
                crate::ui::state::today(),
            );
            Some((name, crate::format::write(&shared, crate::ui::state::now())))
        })
        .flatten()
    });
    view! {
        <crate::ui::components::seal::FileOutDialog
            title=format!("Share “{name}”")
            about="The file holds this project with its plan, people, conversations and log, and the teammates it names. A teammate merges it on their Data page.".to_string()
            done="A teammate merges it on their Data page."
            make
            on_close
        />
    }
}
