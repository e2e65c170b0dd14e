//! Commands on a project's plan: its milestones, its tasks and what they wait for.

use super::{check_owner, find_live, next_order, reorder, set_task_status, taken};
use super::{CommandError, Context, Direction, Touched};
use crate::model::ids::*;
use crate::model::{Dependency, Milestone, Task, TaskStatus};
use crate::model::{InProject, Stamp, Stamped, Workspace};
use crate::model::{MilestoneInput, TaskInput};
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq)]
pub enum PlanCommand {
    AddMilestone {
        id: MilestoneId,
        project: ProjectId,
        input: MilestoneInput,
    },
    UpdateMilestone {
        id: MilestoneId,
        input: MilestoneInput,
    },
    SetMilestoneDone {
        id: MilestoneId,
        done: bool,
    },
    MoveMilestone {
        id: MilestoneId,
        direction: Direction,
    },
    /// Deletes a milestone; its tasks stay, without a milestone.
    DeleteMilestone(MilestoneId),
    AddTask {
        id: TaskId,
        project: ProjectId,
        input: TaskInput,
    },
    UpdateTask {
        id: TaskId,
        input: TaskInput,
    },
    SetTaskStatus {
        id: TaskId,
        status: TaskStatus,
    },
    /// Hands a task to another member (or to nobody).
    AssignTask {
        id: TaskId,
        owner: Option<MemberId>,
    },
    MoveTask {
        id: TaskId,
        direction: Direction,
    },
    /// Deletes a task and removes it from other tasks' dependencies.
    DeleteTask(TaskId),
    /// Makes `task` wait for `on` (finish-to-start) with a lag in working days; refused when
    /// it would close a cycle, naming the tasks that form it.
    AddDependency {
        task: TaskId,
        on: TaskId,
        lag_days: i32,
    },
    RemoveDependency {
        task: TaskId,
        on: TaskId,
    },
    /// Fixes the earliest start of a task (moving it on the timeline), or frees it.
    SetTaskStart {
        id: TaskId,
        start: Option<NaiveDate>,
    },
}

use PlanCommand::*;

pub(super) fn scope(ws: &Workspace, command: &PlanCommand) -> Touched {
    let of = |items: &crate::model::records::Records<_>, id: uuid::Uuid| super::of(items, id);
    let task = |id: TaskId| super::of(&ws.tasks, id.0);
    match command {
        AddMilestone { project, .. } | AddTask { project, .. } => Touched::project(*project),
        UpdateMilestone { id, .. }
        | SetMilestoneDone { id, .. }
        | MoveMilestone { id, .. }
        | DeleteMilestone(id) => of(&ws.milestones, id.0),
        UpdateTask { id, .. }
        | SetTaskStatus { id, .. }
        | AssignTask { id, .. }
        | MoveTask { id, .. }
        | SetTaskStart { id, .. } => task(*id),
        DeleteTask(id) => {
            // It also leaves the dependencies of the tasks that waited for it.
            let mut t = task(*id);
            for waiting in ws
                .tasks
                .iter()
                .filter(|w| w.depends_on.iter().any(|d| d.task == *id))
            {
                t.projects.insert(waiting.project_id);
            }
            t
        }
        AddDependency { task: a, on: b, .. } | RemoveDependency { task: a, on: b } => {
            let mut t = task(*a);
            t.merge(task(*b));
            t
        }
    }
}

pub(super) fn checks(ws: &Workspace, command: &PlanCommand) -> Result<(), CommandError> {
    match command {
        AddMilestone { id, .. } => taken(ws.milestones.get(id.0).is_some()),
        AddTask { id, .. } => taken(ws.tasks.get(id.0).is_some()),
        _ => Ok(()),
    }
}

pub(super) fn run(
    ws: &mut Workspace,
    command: PlanCommand,
    cx: &Context,
) -> Result<Touched, CommandError> {
    match command {
        AddMilestone { id, project, input } => add_milestone(ws, id, project, input, cx),
        AddTask { id, project, input } => add_task(ws, id, project, input, cx),
        AddDependency { task, on, lag_days } => add_dependency(ws, task, on, lag_days, cx),
        MoveMilestone { id, direction } => {
            let project = find_live(&mut ws.milestones, |m| m.id == id, "milestone")?.project_id;
            let order: Vec<uuid::Uuid> = ws.milestones_of(project).iter().map(|m| m.id.0).collect();
            renumber(&mut ws.milestones, &order, id.0, direction, cx);
            Ok(Touched::project(project))
        }
        MoveTask { id, direction } => {
            let project = find_live(&mut ws.tasks, |t| t.id == id, "task")?.project_id;
            let order: Vec<uuid::Uuid> = ws.tasks_of(project).iter().map(|t| t.id.0).collect();
            renumber(&mut ws.tasks, &order, id.0, direction, cx);
            Ok(Touched::project(project))
        }
        DeleteMilestone(id) => {
            let m = find_live(&mut ws.milestones, |m| m.id == id, "milestone")?;
            m.stamp.delete(cx.now, cx.editor());
            let project = m.project_id;
            for t in ws
                .tasks
                .iter_mut()
                .filter(|t| t.milestone_id == Some(id) && t.is_live())
            {
                t.milestone_id = None;
                t.stamp.touch(cx.now, cx.editor());
            }
            Ok(Touched::project(project))
        }
        DeleteTask(id) => {
            let task = find_live(&mut ws.tasks, |t| t.id == id, "task")?;
            task.stamp.delete(cx.now, cx.editor());
            let project = task.project_id;
            for t in ws
                .tasks
                .iter_mut()
                .filter(|t| t.depends_on.iter().any(|d| d.task == id))
            {
                t.depends_on.retain(|d| d.task != id);
                t.stamp.touch(cx.now, cx.editor());
            }
            Ok(Touched::project(project))
        }
        UpdateTask { id, input } => {
            check_owner(ws, input.owner)?;
            let project = find_live(&mut ws.tasks, |t| t.id == id, "task")?.project_id;
            check_task_refs(ws, project, &input)?;
            let holidays = ws.settings.holidays.clone();
            edit_task(ws, id, cx, |t| fill_task(t, input, cx.today, &holidays))
        }
        AssignTask { id, owner } => {
            check_owner(ws, owner)?;
            edit_task(ws, id, cx, |t| t.owner = owner)
        }
        SetTaskStatus { id, status } => {
            let holidays = ws.settings.holidays.clone();
            edit_task(ws, id, cx, |t| {
                set_task_status(t, status, cx.today, Some(&holidays))
            })
        }
        RemoveDependency { task, on } => {
            edit_task(ws, task, cx, |t| t.depends_on.retain(|d| d.task != on))
        }
        SetTaskStart { id, start } => edit_task(ws, id, cx, |t| t.start_date = start),
        UpdateMilestone { id, input } => edit_milestone(ws, id, cx, |m| {
            m.name = input.name;
            m.stage = input.stage;
            m.due_date = input.due_date;
            m.with_client = input.with_client;
            m.reminders = input.reminders;
        }),
        SetMilestoneDone { id, done } => edit_milestone(ws, id, cx, |m| {
            m.completed_on = done.then_some(cx.today);
            // Ticked or unticked by hand, it is reached or open, no longer skipped.
            m.skipped = None;
        }),
    }
}

/// Changes a live task in place and stamps it.
fn edit_task(
    ws: &mut Workspace,
    id: TaskId,
    cx: &Context,
    edit: impl FnOnce(&mut Task),
) -> Result<Touched, CommandError> {
    let t = find_live(&mut ws.tasks, |t| t.id == id, "task")?;
    edit(t);
    t.stamp.touch(cx.now, cx.editor());
    Ok(Touched::project(t.project_id))
}

/// Changes a live milestone in place and stamps it.
fn edit_milestone(
    ws: &mut Workspace,
    id: MilestoneId,
    cx: &Context,
    edit: impl FnOnce(&mut Milestone),
) -> Result<Touched, CommandError> {
    let m = find_live(&mut ws.milestones, |m| m.id == id, "milestone")?;
    edit(m);
    m.stamp.touch(cx.now, cx.editor());
    Ok(Touched::project(m.project_id))
}

/// An ordered record of a project's plan.
trait Ordered: InProject {
    fn set_order(&mut self, order: i64) -> &mut Stamp;
}

impl Ordered for Milestone {
    fn set_order(&mut self, order: i64) -> &mut Stamp {
        self.order = order;
        &mut self.stamp
    }
}

impl Ordered for Task {
    fn set_order(&mut self, order: i64) -> &mut Stamp {
        self.order = order;
        &mut self.stamp
    }
}

/// Moves `id` one place in `order` and renumbers the records that moved.
fn renumber<T: Ordered>(
    items: &mut crate::model::records::Records<T>,
    order: &[uuid::Uuid],
    id: uuid::Uuid,
    direction: Direction,
    cx: &Context,
) {
    for (position, moved) in reorder(order, id, direction) {
        if let Some(x) = items.get_mut(moved) {
            x.set_order(position).touch(cx.now, cx.editor());
        }
    }
}

fn add_milestone(
    ws: &mut Workspace,
    id: MilestoneId,
    project: ProjectId,
    input: MilestoneInput,
    cx: &Context,
) -> Result<Touched, CommandError> {
    ws.project(project)
        .ok_or(CommandError::NotFound("project"))?;
    if ws.milestones.iter().any(|m| m.id == id) {
        return Err(CommandError::DuplicateId);
    }
    let order = next_order(ws.milestones.of(project).map(|m| &m.order));
    ws.milestones.push(Milestone {
        reminders: input.reminders,
        snoozed_until: None,
        id,
        stamp: Stamp::created(cx.now, cx.editor()),
        project_id: project,
        name: input.name,
        stage: input.stage,
        due_date: input.due_date,
        completed_on: None,
        order,
        with_client: input.with_client,
        skipped: None,
    });
    Ok(Touched::project(project))
}

fn add_task(
    ws: &mut Workspace,
    id: TaskId,
    project: ProjectId,
    input: TaskInput,
    cx: &Context,
) -> Result<Touched, CommandError> {
    ws.project(project)
        .ok_or(CommandError::NotFound("project"))?;
    if ws.tasks.iter().any(|t| t.id == id) {
        return Err(CommandError::DuplicateId);
    }
    check_owner(ws, input.owner)?;
    check_task_refs(ws, project, &input)?;
    let order = next_order(ws.tasks.of(project).map(|t| &t.order));
    let mut task = Task {
        reminders: Vec::new(),
        recurrence: None,
        snoozed_until: None,
        id,
        stamp: Stamp::created(cx.now, cx.editor()),
        project_id: project,
        milestone_id: None,
        title: String::new(),
        owner: None,
        due_date: None,
        estimate_hours: 0.0,
        duration_days: 1,
        status: TaskStatus::Todo,
        depends_on: Vec::new(),
        start_date: None,
        completed_on: None,
        order,
        with_client: false,
        client_owner: None,
    };
    let holidays = ws.settings.holidays.clone();
    fill_task(&mut task, input, cx.today, &holidays);
    ws.tasks.push(task);
    Ok(Touched::project(project))
}

fn add_dependency(
    ws: &mut Workspace,
    task: TaskId,
    on: TaskId,
    lag_days: i32,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let (project, on_project) = (project_of(ws, task)?, project_of(ws, on)?);
    if project != on_project {
        return Err(CommandError::Invalid(
            "A task can only wait for a task of the same project.".into(),
        ));
    }
    if let Some(cycle) = crate::model::graph::cycle_if_added(ws, task, on) {
        let names: Vec<String> = cycle
            .iter()
            .map(|id| {
                ws.tasks
                    .get(id.0)
                    .map(|t| format!("“{}”", t.title))
                    .unwrap_or_default()
            })
            .collect();
        return Err(CommandError::Invalid(format!(
            "That would make tasks wait for each other in a circle: {} → {}.",
            names.join(" → "),
            names[0]
        )));
    }
    edit_task(ws, task, cx, |t| {
        match t.depends_on.iter_mut().find(|d| d.task == on) {
            Some(d) => d.lag_days = lag_days,
            None => t.depends_on.push(Dependency { task: on, lag_days }),
        }
    })
}

fn project_of(ws: &Workspace, task: TaskId) -> Result<ProjectId, CommandError> {
    ws.tasks
        .iter()
        .find(|t| t.id == task && t.is_live())
        .map(|t| t.project_id)
        .ok_or(CommandError::NotFound("task"))
}

/// A task's milestone and client-side owner are live records of its own project.
fn check_task_refs(
    ws: &Workspace,
    project: ProjectId,
    input: &TaskInput,
) -> Result<(), CommandError> {
    let milestone = input.milestone_id.map(|m| m.0);
    check_in_project(&ws.milestones, project, milestone, "milestone")?;
    let owner = input.client_owner.map(|s| s.0);
    check_in_project(&ws.stakeholders, project, owner, "stakeholder")
}

/// A reference a task makes within its project (its milestone, its client-side owner) is to
/// a live record of that project: `what` names the kind in the refusal.
fn check_in_project<T: InProject>(
    items: &crate::model::records::Records<T>,
    project: ProjectId,
    id: Option<uuid::Uuid>,
    what: &'static str,
) -> Result<(), CommandError> {
    match id {
        Some(id)
            if !items
                .iter()
                .any(|x| x.record_id() == id && x.is_live_in(project)) =>
        {
            Err(CommandError::NotFound(what))
        }
        _ => Ok(()),
    }
}

fn fill_task(t: &mut Task, input: TaskInput, today: NaiveDate, holidays: &[NaiveDate]) {
    t.title = input.title;
    t.owner = input.owner;
    t.milestone_id = input.milestone_id;
    t.due_date = input.due_date;
    t.estimate_hours = input.estimate_hours;
    t.duration_days = input.duration_days;
    t.with_client = input.with_client;
    t.client_owner = input.client_owner;
    t.recurrence = input.recurrence;
    t.reminders = input.reminders;
    set_task_status(t, input.status, today, Some(holidays));
}
