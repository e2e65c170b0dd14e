//! Commands on a project itself: creating it (by hand, from a playbook or a spreadsheet),
//! editing, deleting, its stage and exit criteria, its forecast category and closing it.

use super::{check_owner, find_live, room_for_a_project, set_task_status, taken, tombstone};
use super::{Closing, CommandError, Context, Touched};
use crate::model::ids::*;
use crate::model::Member;
use crate::model::ProjectInput;
use crate::model::ProjectStatus;
use crate::model::{ForecastCategory, GateOverride, Outcome, Project, Stage};
use crate::model::{InProject, Stamp, Stamped, Workspace};
use crate::model::{Milestone, Task, TaskStatus};
use chrono::NaiveDate;

/// A project as a spreadsheet row gives it: its fields, and for a closed deal the day it
/// closed and its outcome as the file says (not today, as closing one in the app does).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedProject {
    pub id: ProjectId,
    pub input: ProjectInput,
    pub close_date: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ProjectCommand {
    CreateProject {
        id: ProjectId,
        input: ProjectInput,
    },
    UpdateProject {
        id: ProjectId,
        input: ProjectInput,
    },
    /// Deletes a project and everything that belongs to it.
    DeleteProject(ProjectId),
    /// Projects brought in from a spreadsheet, created or updated (by id) in one change,
    /// with the members named as their owners that the workspace did not have.
    ImportProjects {
        members: Vec<(MemberId, String)>,
        projects: Vec<ImportedProject>,
    },
    /// Creates a project with a plan laid out from a template (see `engine::plan`).
    CreatePlannedProject {
        id: ProjectId,
        input: ProjectInput,
        template: TemplateId,
        milestones: Vec<Milestone>,
        tasks: Vec<Task>,
    },
    /// Ticks an exit criterion of the project's current stage on or off.
    SetCriterion {
        id: ProjectId,
        criterion: String,
        met: bool,
    },
    /// Moves a project to another stage. `unmet` lists the current stage's open exit
    /// criteria; moving forward past any needs a written `reason`, which is kept.
    ChangeStage {
        id: ProjectId,
        to: Stage,
        unmet: Vec<String>,
        reason: Option<String>,
        probability: u8,
        /// Moving forward: what becomes of the open milestones of the stages passed and
        /// their open tasks (None: they stay open).
        close_passed: Option<Closing>,
    },
    /// Sets a project's forecast category by hand, or back to following its probability.
    SetForecastCategory {
        id: ProjectId,
        category: Option<ForecastCategory>,
    },
    /// Marks a project won or lost with the reason, closing it today.
    CloseProject {
        id: ProjectId,
        won: bool,
        outcome: Outcome,
    },
}

use ProjectCommand::*;

pub(super) fn scope(command: &ProjectCommand) -> Touched {
    match command {
        ImportProjects { members, projects } => {
            let mut all = if members.is_empty() {
                Touched::default()
            } else {
                Touched::workspace()
            };
            for p in projects {
                all.merge(Touched::project(p.id));
            }
            all
        }
        CreateProject { id, .. }
        | UpdateProject { id, .. }
        | DeleteProject(id)
        | CreatePlannedProject { id, .. }
        | SetCriterion { id, .. }
        | ChangeStage { id, .. }
        | SetForecastCategory { id, .. }
        | CloseProject { id, .. } => Touched::project(*id),
    }
}

pub(super) fn checks(ws: &Workspace, command: &ProjectCommand) -> Result<(), CommandError> {
    match command {
        CreateProject { .. } => room_for_a_project(ws),
        ImportProjects { projects, .. } => room_for_imports(ws, projects),
        CreatePlannedProject {
            milestones, tasks, ..
        } => {
            room_for_a_project(ws)?;
            plan_ids_free(ws, milestones, tasks)
        }
        _ => Ok(()),
    }
}

/// The ids of a plan's milestones and tasks are not taken anywhere in the workspace.
pub(super) fn plan_ids_free(
    ws: &Workspace,
    milestones: &[Milestone],
    tasks: &[Task],
) -> Result<(), CommandError> {
    taken(
        milestones
            .iter()
            .any(|m| ws.milestones.get(m.id.0).is_some()),
    )?;
    taken(tasks.iter().any(|t| ws.tasks.get(t.id.0).is_some()))
}

fn room_for_imports(ws: &Workspace, projects: &[ImportedProject]) -> Result<(), CommandError> {
    use crate::model::common::group_thousands;
    use crate::model::limits::MAX_PROJECTS;
    let new = projects
        .iter()
        .filter(|p| ws.projects.get(p.id.0).is_none())
        .count();
    if ws.projects.len() + new > MAX_PROJECTS {
        return Err(CommandError::Invalid(format!(
            "This import adds {} projects to the {} here; a workspace holds at most {}.",
            group_thousands(new as u64),
            group_thousands(ws.projects.len() as u64),
            group_thousands(MAX_PROJECTS as u64)
        )));
    }
    Ok(())
}

pub(super) fn run(
    ws: &mut Workspace,
    command: ProjectCommand,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let (now, by) = (cx.now, cx.editor());
    match command {
        CreateProject { id, input } => create(ws, id, input, cx),
        ImportProjects { members, projects } => import(ws, members, projects, cx),
        UpdateProject { id, input } => {
            check_owner(ws, input.owner)?;
            let project = find_live(&mut ws.projects, |p| p.id == id, "project")?;
            fill_project(project, input, cx.today);
            project.stamp.touch(now, by);
            Ok(Touched::project(id))
        }
        DeleteProject(id) => {
            find_live(&mut ws.projects, |p| p.id == id, "project")?
                .stamp
                .delete(now, by);
            // Everything the project owns goes with it, as tombstones.
            macro_rules! tombstones {
                ($($field:ident: $t:ty => $k:ident),*) => {
                    $(tombstone(&mut ws.$field, |x| x.project_id == id, now, by, |x| &mut x.stamp);)*
                };
            }
            crate::project_records!(tombstones);
            Ok(Touched::project(id))
        }
        CreatePlannedProject {
            id,
            input,
            template,
            milestones,
            tasks,
        } => {
            room_for_a_project(ws)?;
            if !ws.templates.iter().any(|t| t.id == template && t.is_live()) {
                return Err(CommandError::NotFound("template"));
            }
            let touched = create(ws, id, input, cx)?;
            lay_out_plan(ws, id, template, milestones, tasks)?;
            Ok(touched)
        }
        SetCriterion { id, criterion, met } => {
            let p = find_live(&mut ws.projects, |p| p.id == id, "project")?;
            p.criteria_met.retain(|c| *c != criterion);
            if met {
                p.criteria_met.push(criterion);
            }
            p.stamp.touch(now, by);
            Ok(Touched::project(id))
        }
        ChangeStage {
            id,
            to,
            unmet,
            reason,
            probability,
            close_passed,
        } => {
            let move_ = StageMove {
                to,
                unmet,
                reason,
                probability,
                close_passed,
            };
            change_stage(ws, id, move_, cx)
        }
        SetForecastCategory { id, category } => {
            let p = find_live(&mut ws.projects, |p| p.id == id, "project")?;
            p.forecast_category = category;
            p.stamp.touch(now, by);
            Ok(Touched::project(id))
        }
        CloseProject { id, won, outcome } => close(ws, id, won, outcome, cx),
    }
}

fn create(
    ws: &mut Workspace,
    id: ProjectId,
    input: ProjectInput,
    cx: &Context,
) -> Result<Touched, CommandError> {
    if ws.projects.iter().any(|p| p.id == id) {
        return Err(CommandError::DuplicateId);
    }
    room_for_a_project(ws)?;
    check_owner(ws, input.owner)?;
    let mut project = Project {
        kind: input.kind,
        stage: input.stage,
        status: input.status,
        ..Project::new(
            id,
            Stamp::created(cx.now, cx.editor()),
            String::new(),
            input.value.clone(),
            input.start_date,
            input.target_date,
        )
    };
    fill_project(&mut project, input, cx.today);
    ws.projects.push(project);
    Ok(Touched::project(id))
}

/// Puts a plan laid out from `template` into `project` (created, or approved from intake):
/// its milestones and tasks must all be the project's.
pub(super) fn lay_out_plan(
    ws: &mut Workspace,
    project: ProjectId,
    template: TemplateId,
    milestones: Vec<Milestone>,
    tasks: Vec<Task>,
) -> Result<(), CommandError> {
    if milestones.iter().any(|m| m.project_id != project)
        || tasks.iter().any(|t| t.project_id != project)
    {
        return Err(CommandError::Invalid(
            "The plan belongs to another project.".into(),
        ));
    }
    if let Some(p) = ws.projects.iter_mut().find(|p| p.id == project) {
        p.template_id = Some(template);
    }
    ws.milestones.extend(milestones);
    ws.tasks.extend(tasks);
    Ok(())
}

fn import(
    ws: &mut Workspace,
    members: Vec<(MemberId, String)>,
    projects: Vec<ImportedProject>,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let (now, by) = (cx.now, cx.editor());
    let mut touched = if members.is_empty() {
        Touched::default()
    } else {
        Touched::workspace()
    };
    for (id, name) in members {
        if ws.members.iter().any(|m| m.id == id) {
            return Err(CommandError::DuplicateId);
        }
        ws.members.push(Member {
            id,
            stamp: Stamp::created(now, by),
            name,
            role: String::new(),
            email: String::new(),
            weekly_capacity_hours: 40,
            skills: Vec::new(),
            time_off: Vec::new(),
        });
    }
    for imported in projects {
        check_owner(ws, imported.input.owner)?;
        let id = imported.id;
        match ws.projects.get(id.0) {
            Some(p) if !p.is_live() => return Err(CommandError::NotFound("project")),
            Some(_) => {}
            None => ws.projects.push(Project::new(
                id,
                Stamp::created(now, by),
                String::new(),
                imported.input.value.clone(),
                imported.input.start_date,
                imported.input.target_date,
            )),
        }
        let project = ws
            .projects
            .get_mut(id.0)
            .ok_or(CommandError::NotFound("project"))?;
        if !project.name.is_empty() {
            project.stamp.touch(now, by);
        }
        // A spreadsheet row says where a deal is, not when it got there: the stage log
        // keeps only what happened in Pursuit.
        let log = std::mem::take(&mut project.stage_log);
        fill_project(project, imported.input, cx.today);
        project.stage_log = log;
        if project.status.is_closed() {
            project.close_date = imported.close_date.or(project.close_date);
            project.outcome = imported.outcome.or(project.outcome.take());
        }
        touched.merge(Touched::project(id));
    }
    Ok(touched)
}

/// A stage move's fields (see [`ProjectCommand::ChangeStage`]).
struct StageMove {
    to: Stage,
    unmet: Vec<String>,
    reason: Option<String>,
    probability: u8,
    close_passed: Option<Closing>,
}

fn change_stage(
    ws: &mut Workspace,
    id: ProjectId,
    m: StageMove,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let (now, by) = (cx.now, cx.editor());
    let p = find_live(&mut ws.projects, |p| p.id == id, "project")?;
    let forward = m.to > p.stage;
    let closing = match m.close_passed.filter(|_| forward) {
        Some(Closing::Skipped(why)) if why.trim().is_empty() => {
            return Err(CommandError::Invalid(
                "Say why the passed milestones are skipped; the reason is kept on each.".into(),
            ))
        }
        Some(Closing::Skipped(why)) => Some(Some(why.trim().to_string())),
        Some(Closing::Done) => Some(None),
        None => None,
    };
    let reason = m
        .reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if forward && !m.unmet.is_empty() && reason.is_none() {
        return Err(CommandError::Invalid(format!(
            "{} exit criteria are not met yet: {}. Tick them off, or give a reason to move on anyway.",
            p.stage.label(),
            m.unmet.join("; ")
        )));
    }
    if forward && !m.unmet.is_empty() {
        p.gate_overrides.push(GateOverride {
            from: p.stage,
            to: m.to,
            unmet: m.unmet,
            reason: reason.unwrap_or_default(),
            at: now,
            by: by.member,
        });
    }
    if p.stage != m.to {
        p.stage_entered_on = Some(cx.today);
        p.log_stage(m.to, cx.today);
    }
    p.stage = m.to;
    if !p.probability_manual {
        p.probability = m.probability.min(100);
    }
    p.stamp.touch(now, by);
    if let Some(skipped) = closing {
        close_passed_work(ws, id, m.to, skipped, cx);
    }
    Ok(Touched::project(id))
}

fn close(
    ws: &mut Workspace,
    id: ProjectId,
    won: bool,
    outcome: Outcome,
    cx: &Context,
) -> Result<Touched, CommandError> {
    if outcome.reason.trim().is_empty() {
        return Err(CommandError::Invalid(
            "Choose why the project was won or lost.".into(),
        ));
    }
    let p = find_live(&mut ws.projects, |p| p.id == id, "project")?;
    p.status = if won {
        ProjectStatus::Won
    } else {
        ProjectStatus::Lost
    };
    // A lost deal keeps the stage it reached, which win/loss analysis groups by.
    if won {
        p.stage = Stage::Closed;
    }
    p.probability = if won { 100 } else { 0 };
    p.close_date = Some(cx.today);
    p.outcome = Some(outcome);
    p.stamp.touch(cx.now, cx.editor());
    Ok(Touched::project(id))
}

fn fill_project(p: &mut Project, input: ProjectInput, today: NaiveDate) {
    // A new project has no name yet: its first target date is not a move.
    if !p.name.is_empty() && p.target_date != input.target_date {
        p.target_history.push(p.target_date);
    }
    let was_closed = p.status.is_closed();
    if p.name.is_empty() {
        p.log_stage(input.stage, input.start_date);
    } else if p.stage != input.stage {
        p.stage_entered_on = Some(today);
        p.log_stage(input.stage, today);
    }
    p.name = input.name;
    p.kind = input.kind;
    p.client = input.client;
    p.owner = input.owner;
    p.stage = input.stage;
    p.status = input.status;
    p.value = input.value;
    p.probability_manual = input.probability != input.stage.default_probability();
    p.probability = input.probability;
    p.start_date = input.start_date;
    p.target_date = input.target_date;
    p.description = input.description;
    p.budget = input.budget;
    p.rationale = input.rationale;
    p.focus_area = input.focus_area;
    p.sponsor = input.sponsor;
    p.people_needed = input.people_needed;
    p.weeks_needed = input.weeks_needed;
    p.reference = input.reference;
    if p.status.is_closed() && !was_closed {
        p.close_date = Some(today);
    } else if !p.status.is_closed() {
        p.close_date = None;
    }
}

/// Closes the open milestones of the stages before `to` and their open tasks: reached
/// today, or skipped with the reason (`docs/metrics.md`, moving a deal ahead).
fn close_passed_work(
    ws: &mut Workspace,
    project: ProjectId,
    to: Stage,
    skipped: Option<String>,
    cx: &Context,
) {
    let (now, by) = (cx.now, cx.editor());
    let mut closed: Vec<MilestoneId> = Vec::new();
    for m in ws.milestones.iter_mut().filter(|m| {
        m.is_live_in(project) && m.completed_on.is_none() && m.stage.is_some_and(|s| s < to)
    }) {
        m.completed_on = Some(cx.today);
        m.skipped = skipped.clone();
        m.stamp.touch(now, by);
        closed.push(m.id);
    }
    for t in ws.tasks.iter_mut().filter(|t| {
        t.is_live_in(project)
            && t.status != TaskStatus::Done
            && t.milestone_id.is_some_and(|m| closed.contains(&m))
    }) {
        // Closed with its stage: a recurring task ends too.
        set_task_status(t, TaskStatus::Done, cx.today, None);
        t.stamp.touch(now, by);
    }
}
