//! The add/edit task dialog, opened from the project page and the timeline.

use crate::model::PlanCommand;
use crate::model::TaskDraft;
use crate::model::{IdSource, MilestoneId, ProjectId, TaskId, TaskStatus};
use crate::ui::components::dialog::Modal;
use crate::ui::components::form::{
    dispatch_on_submit, use_draft, DraftCheck, DraftInput, DraftSelect, Field, FormActions,
};
use crate::ui::components::project_form::member_options;
use crate::ui::state::use_app;
use crate::ui::RandomIds;
use leptos::prelude::*;

/// Adds a task, or edits one when `editing` names it.
#[component]
pub fn TaskDialog(
    project: ProjectId,
    editing: Option<TaskId>,
    on_done: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let initial = editing
        .and_then(|tid| {
            app.with(|ws| {
                ws.tasks
                    .iter()
                    .find(|t| t.id == tid)
                    .map(TaskDraft::from_task)
            })
            .flatten()
        })
        .unwrap_or_else(|| TaskDraft::blank(app.me.get_untracked(), None));
    let (draft, ctl) = use_draft(initial, TaskDraft::check);
    let milestone_options = Signal::derive(move || {
        let mut o = vec![(String::new(), "No milestone".to_string())];
        app.with(|ws| {
            o.extend(
                ws.milestones_of(project)
                    .iter()
                    .map(|m| (m.id.to_text(), m.name.clone())),
            )
        });
        o
    });
    // The client's side of the project: who can own a step of the mutual action plan.
    let client_people = Signal::derive(move || {
        let mut o = vec![(String::new(), "Nobody named".to_string())];
        app.with(|ws| {
            o.extend(
                ws.stakeholders
                    .of(project)
                    .filter(|s| crate::model::common::Stamped::is_live(*s) && !s.internal)
                    .map(|s| (s.id.to_text(), s.name.clone())),
            )
        });
        o
    });
    let status_options = Signal::derive(|| {
        TaskStatus::ALL
            .iter()
            .map(|s| (s.key().to_string(), s.label().to_string()))
            .collect()
    });
    let submit = dispatch_on_submit(
        draft,
        ctl,
        TaskDraft::check,
        move |input| match editing {
            Some(id) => PlanCommand::UpdateTask { id, input },
            None => PlanCommand::AddTask {
                id: RandomIds.next(),
                project,
                input,
            },
        },
        on_done,
    );
    view! {
        <Modal title=(if editing.is_some() { "Edit task" } else { "Add task" }).to_string() on_close=on_done wide=true>
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label="Task" error=ctl.error("title") wide=true>
                    <DraftInput draft ctl field="title" get=|d: &TaskDraft| d.title.clone() set=|d, v| d.title = v autofocus=true placeholder="e.g. Send the revised proposal" />
                </Field>
                <Field label="Owner" error=ctl.error("owner")>
                    <DraftSelect draft field="owner" options=member_options() get=|d: &TaskDraft| d.owner.map(|o| o.to_text()).unwrap_or_default() set=|d, v| d.owner = crate::model::MemberId::parse(&v) />
                </Field>
                <Field label="Milestone" error=ctl.error("milestone_id")>
                    <DraftSelect draft field="milestone" options=milestone_options get=|d: &TaskDraft| d.milestone_id.map(|m| m.to_text()).unwrap_or_default() set=|d, v| d.milestone_id = MilestoneId::parse(&v) />
                </Field>
                <Field label="Due date" error=ctl.error("due_date")>
                    <DraftInput draft ctl field="due_date" kind="date" get=|d: &TaskDraft| d.due_date.clone() set=|d, v| d.due_date = v />
                </Field>
                <Field label="Duration (working days)" error=ctl.error("duration_days")>
                    <DraftInput draft ctl field="duration_days" get=|d: &TaskDraft| d.duration_days.clone() set=|d, v| d.duration_days = v inputmode="numeric" />
                </Field>
                <Field label="Estimate (hours)" error=ctl.error("estimate_hours")>
                    <DraftInput draft ctl field="estimate_hours" get=|d: &TaskDraft| d.estimate_hours.clone() set=|d, v| d.estimate_hours = v inputmode="decimal" placeholder="4" />
                </Field>
                <Field label="Status" error=ctl.error("status")>
                    <DraftSelect draft field="status" options=status_options get=|d: &TaskDraft| d.status.key().to_string() set=|d, v| if let Some(s) = TaskStatus::from_key(&v) { d.status = s } />
                </Field>
                <DraftCheck draft field="with_client" label="Agreed with the client (mutual action plan)" wide=true
                    hint="Shown in the client's status update; everything else stays internal."
                    get=|d: &TaskDraft| d.with_client set=|d, on| d.with_client = on />
                {move || draft.with(|d| d.with_client).then(|| view! {
                    <Field label="Client owner" error=ctl.error("client_owner")>
                        <DraftSelect draft field="client_owner" options=client_people get=|d: &TaskDraft| d.client_owner.map(|s| s.to_text()).unwrap_or_default() set=|d, v| d.client_owner = crate::model::StakeholderId::parse(&v) />
                    </Field>
                })}
                <crate::ui::components::repeat_fields::RepeatFields draft ctl />
                <crate::ui::components::reminder_fields::ReminderFields draft error=ctl.error("reminders")
                    get=|d: &TaskDraft| d.reminders.clone() set=|d, r| d.reminders = r />
                <FormActions submit_label=if editing.is_some() { "Save task" } else { "Add task" } on_cancel=on_done />
            </form>
        </Modal>
    }
}
