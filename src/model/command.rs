//! Every change a person can make to a workspace, and the one function that works it out.
//!
//! [`apply`] is pure: it reads the workspace and returns a [`Change`] — the part of the
//! workspace the command touched, as it was and as it becomes — or a refusal. Nothing
//! mutates a workspace but [`Workspace::commit`] of a change (undo commits the change's
//! `before`). A change stamps what it touched with the time and the acting member, keeps
//! deletions as tombstones, and names the projects it touched so storage saves only those.
//! A command costs what it touches: it runs on a copy of just the part of the workspace
//! its [`scope`] can reach.

use crate::model::common::{Editor, InProject, ReplicaId, Stamp, Stamped};
use crate::model::draft::{MemberInput, MilestoneInput, ProjectInput, TaskInput};
use crate::model::ids::*;
use crate::model::member::Member;
use crate::model::plan::{Dependency, Milestone, Task, TaskStatus};
use crate::model::project::Project;
use crate::model::project::{ProjectStatus, Stage};
use crate::model::template::Template;
use crate::model::workspace::{Settings, Workspace};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeSet;

/// Which way to move an item in an ordered list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// A project as a spreadsheet row gives it: its fields, and for a closed deal the day it
/// closed and its outcome as the file says (not today, as closing one in the app does).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedProject {
    pub id: ProjectId,
    pub input: ProjectInput,
    pub close_date: Option<NaiveDate>,
    pub outcome: Option<crate::model::project::Outcome>,
}

/// A change to the workspace. New entities carry ids chosen by the caller, so the caller can
/// navigate to what it just created and tests stay deterministic.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Several commands as one change: all apply or none, one undo step, one history note
    /// (what selecting several tasks and acting on them sends).
    Batch(Vec<Command>),
    RenameWorkspace(String),
    UpdateSettings(Settings),
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
    /// Adds a risk to a project's register, or updates it when `id` exists.
    SaveRisk {
        id: RiskId,
        project: ProjectId,
        input: crate::model::draft::RiskInput,
    },
    DeleteRisk(RiskId),
    /// Hands a task to another member (or to nobody).
    AssignTask {
        id: TaskId,
        owner: Option<MemberId>,
    },
    /// Sets a project's scores (1–5) on the workspace's criteria, by criterion key.
    ScoreProject {
        id: ProjectId,
        scores: std::collections::BTreeMap<String, u8>,
    },
    /// A portfolio decision on a project: approve (it becomes active), put on hold, or
    /// reject (it is cancelled), with a reason, kept in its governance log.
    DecideProject {
        id: DecisionId,
        project: ProjectId,
        input: crate::model::draft::DecisionInput,
    },
    /// Records a portfolio review (or updates it).
    SaveReview {
        id: ReviewId,
        input: crate::model::draft::ReviewInput,
    },
    DeleteReview(ReviewId),
    /// Adds a cost entry to a project, or updates it when `id` exists.
    SaveCost {
        id: CostId,
        project: ProjectId,
        input: crate::model::draft::CostInput,
    },
    DeleteCost(CostId),
    /// Adds a measurable goal to a project (last in its order), or updates it.
    SaveGoal {
        id: GoalId,
        project: ProjectId,
        input: crate::model::draft::GoalInput,
    },
    MoveGoal {
        id: GoalId,
        direction: Direction,
    },
    DeleteGoal(GoalId),
    /// Adds a person to a project's buying committee or team, or updates them.
    SaveStakeholder {
        id: StakeholderId,
        project: ProjectId,
        input: crate::model::draft::StakeholderInput,
    },
    DeleteStakeholder(StakeholderId),
    /// Logs a conversation (or corrects a logged one). Everyone involved counts as contacted
    /// on its date, so their last contact moves forward, never back.
    SaveCommunication {
        id: CommunicationId,
        project: ProjectId,
        input: crate::model::draft::CommunicationInput,
    },
    DeleteCommunication(CommunicationId),
    /// Records feedback from the client or the team, or updates it (e.g. the action taken).
    SaveFeedback {
        id: FeedbackId,
        project: ProjectId,
        input: crate::model::draft::FeedbackInput,
    },
    DeleteFeedback(FeedbackId),
    /// Sets a project's forecast category by hand, or back to following its probability.
    SetForecastCategory {
        id: ProjectId,
        category: Option<crate::model::project::ForecastCategory>,
    },
    /// Marks a project won or lost with the reason, closing it today.
    CloseProject {
        id: ProjectId,
        won: bool,
        outcome: crate::model::project::Outcome,
    },
    /// Creates or replaces a team or member quota.
    SaveQuota(crate::model::quota::Quota),
    DeleteQuota(QuotaId),
    /// Creates a template or replaces the one with the same id.
    SaveTemplate(Template),
    DeleteTemplate(TemplateId),
    AddMember {
        id: MemberId,
        input: MemberInput,
    },
    UpdateMember {
        id: MemberId,
        input: MemberInput,
    },
    /// Removes a member; what they own goes to `reassign_to` (or becomes unassigned).
    RemoveMember {
        id: MemberId,
        reassign_to: Option<MemberId>,
    },
}

/// When and by whom a change is made.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub actor: Option<MemberId>,
    /// The copy of the workspace making the change.
    pub replica: ReplicaId,
}

impl Context {
    pub fn editor(&self) -> Editor {
        Editor {
            member: self.actor,
            replica: self.replica,
        }
    }
}

/// Which parts of the workspace a change touched: the workspace-level records (settings,
/// members, templates, quotas) and/or particular projects with everything they own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub workspace: bool,
    pub projects: BTreeSet<ProjectId>,
}

impl Touched {
    /// Everything: the workspace-level records and every project.
    pub fn everything(ws: &Workspace) -> Self {
        Self {
            workspace: true,
            projects: ws.projects.iter().map(|p| p.id).collect(),
        }
    }

    fn workspace() -> Self {
        Self {
            workspace: true,
            projects: BTreeSet::new(),
        }
    }

    fn project(id: ProjectId) -> Self {
        Self {
            workspace: false,
            projects: BTreeSet::from([id]),
        }
    }

    pub fn merge(&mut self, other: Touched) {
        self.workspace |= other.workspace;
        self.projects.extend(other.projects);
    }

    pub fn is_empty(&self) -> bool {
        !self.workspace && self.projects.is_empty()
    }
}

/// How a stage move closes the passed stages' open milestones and their open tasks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Closing {
    /// Reached: marked done today.
    Done,
    /// Closed without being reached, for this reason (kept on each milestone).
    Skipped(String),
}

/// Why a change was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("That {0} no longer exists; it may have been deleted.")]
    NotFound(&'static str),
    #[error("An item with that id already exists.")]
    DuplicateId,
    #[error("{0}")]
    Invalid(String),
}

fn find_live<'a, T: Stamped>(
    items: &'a mut [T],
    is: impl Fn(&T) -> bool,
    what: &'static str,
) -> Result<&'a mut T, CommandError> {
    items
        .iter_mut()
        .find(|i| is(i) && i.is_live())
        .ok_or(CommandError::NotFound(what))
}

/// Replaces the item `is` finds (keeping its creation stamp, touched now) or appends a new
/// one stamped now.
fn upsert<T: Stamped>(
    items: &mut impl crate::model::records::List<T>,
    is: impl Fn(&T) -> bool,
    cx: &Context,
    build: impl FnOnce(Stamp) -> T,
) {
    match items.iter().position(is) {
        Some(i) => {
            let mut stamp = items[i].stamp().clone();
            stamp.touch(cx.now, cx.editor());
            // A save brings a tombstoned entry back (e.g. an edit racing a delete).
            stamp.deleted_at = None;
            items[i] = build(stamp);
        }
        None => items.push(build(Stamp::created(cx.now, cx.editor()))),
    }
}

fn next_order<'a>(orders: impl Iterator<Item = &'a i64>) -> i64 {
    orders.max().map_or(0, |o| o + 1)
}

/// What a command can change, known before it runs: the projects whose records it may add,
/// replace or remove, and whether it may change workspace-level records (name, settings,
/// members, templates, quotas). A caller keeps a copy of just that part
/// ([`Workspace::part`]) to diff, undo and check the change, instead of copying the whole
/// workspace. `None` when a command may reach into any project (removing a member hands
/// their work over everywhere). A record the command names but the workspace lacks gives an
/// empty scope: the command is then refused and changes nothing.
pub fn scope(ws: &Workspace, command: &Command) -> Option<Touched> {
    use Command::*;
    fn of<T: crate::model::common::InProject>(
        items: &crate::model::records::Records<T>,
        id: uuid::Uuid,
    ) -> Touched {
        items
            .get(id)
            .map_or_else(Touched::default, |x| Touched::project(x.project_id()))
    }
    let task = |id: TaskId| of(&ws.tasks, id.0);
    Some(match command {
        Batch(commands) => {
            let mut all = Touched::default();
            for c in commands {
                all.merge(scope(ws, c)?);
            }
            all
        }
        RenameWorkspace(_)
        | UpdateSettings(_)
        | SaveQuota(_)
        | DeleteQuota(_)
        | SaveTemplate(_)
        | DeleteTemplate(_)
        | AddMember { .. }
        | UpdateMember { .. }
        | SaveReview { .. }
        | DeleteReview(_) => Touched::workspace(),
        RemoveMember { .. } => return None,
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
        | ScoreProject { id, .. }
        | ChangeStage { id, .. }
        | SetForecastCategory { id, .. }
        | CloseProject { id, .. } => Touched::project(*id),
        AddMilestone { project, .. }
        | AddTask { project, .. }
        | SaveRisk { project, .. }
        | SaveCost { project, .. }
        | DecideProject { project, .. }
        | SaveGoal { project, .. }
        | SaveStakeholder { project, .. }
        | SaveCommunication { project, .. }
        | SaveFeedback { project, .. } => Touched::project(*project),
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
        DeleteRisk(id) => of(&ws.risks, id.0),
        DeleteCost(id) => of(&ws.costs, id.0),
        DeleteGoal(id) | MoveGoal { id, .. } => of(&ws.goals, id.0),
        DeleteStakeholder(id) => of(&ws.stakeholders, id.0),
        DeleteCommunication(id) => of(&ws.communications, id.0),
        DeleteFeedback(id) => of(&ws.feedback, id.0),
    })
}

impl Touched {
    /// Whether `project` is among the touched projects. Checked for every record on an
    /// edit's path, so the usual case of one project is a plain comparison.
    #[inline]
    pub fn has(&self, project: ProjectId) -> bool {
        match self.projects.len() {
            0 => false,
            1 => self.projects.first() == Some(&project),
            _ => self.projects.contains(&project),
        }
    }

    /// Whether everything `other` names is within this scope.
    pub fn covers(&self, other: &Touched) -> bool {
        (self.workspace || !other.workspace) && other.projects.is_subset(&self.projects)
    }
}

/// What a command does, as a value: the part of the workspace it touched (see
/// [`Workspace::part`]) before and after. Diffing, describing, checking, undoing, saving
/// and telling other tabs all read this one value.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub touched: Touched,
    pub before: Workspace,
    pub after: Workspace,
}

impl Change {
    /// The change that takes the workspace back.
    pub fn inverse(&self) -> Change {
        Change {
            touched: self.touched.clone(),
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }
}

impl Workspace {
    /// Makes a change: the touched part becomes the change's `after`.
    pub fn commit(&mut self, change: &Change) {
        self.restore_part(&change.after, &change.touched);
    }
}

/// Works out what `command` would change, without changing anything. A refused command
/// gives the reason.
pub fn apply(ws: &Workspace, command: Command, cx: &Context) -> Result<Change, CommandError> {
    let reach = scope(ws, &command).unwrap_or_else(|| Touched::everything(ws));
    whole_workspace_checks(ws, &command)?;
    let before = ws.part(&reach);
    let mut after = before.clone();
    let touched = run(&mut after, command, cx)?;
    debug_assert!(reach.covers(&touched), "a command reached past its scope");
    let narrow = |part: Workspace| {
        if touched == reach {
            part
        } else {
            part.part(&touched)
        }
    };
    Ok(Change {
        before: narrow(before),
        after: narrow(after),
        touched,
    })
}

/// Applies a command to a workspace in place (working out the change, then committing it)
/// and says what it touched. For callers that do not keep the change.
pub fn perform(
    ws: &mut Workspace,
    command: Command,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let change = apply(ws, command, cx)?;
    ws.commit(&change);
    Ok(change.touched)
}

/// Whether a record with this id belongs to a project other than `project`.
fn elsewhere<T: crate::model::common::InProject>(
    items: &crate::model::records::Records<T>,
    id: uuid::Uuid,
    project: ProjectId,
) -> bool {
    items.get(id).is_some_and(|x| x.project_id() != project)
}

/// The checks a command's part of the workspace cannot answer: room for another project,
/// and that a new record's id is not taken anywhere in the workspace.
fn whole_workspace_checks(ws: &Workspace, command: &Command) -> Result<(), CommandError> {
    let taken = |hit: bool| {
        if hit {
            Err(CommandError::DuplicateId)
        } else {
            Ok(())
        }
    };
    match command {
        Command::Batch(commands) => commands
            .iter()
            .try_for_each(|c| whole_workspace_checks(ws, c)),
        Command::CreateProject { .. } => room_for_a_project(ws),
        Command::ImportProjects { projects, .. } => {
            let new = projects
                .iter()
                .filter(|p| ws.projects.get(p.id.0).is_none())
                .count();
            if ws.projects.len() + new > crate::model::limits::MAX_PROJECTS {
                return Err(CommandError::Invalid(format!(
                    "This import adds {} projects to the {} here; a workspace holds at most {}.",
                    crate::model::common::group_thousands(new as u64),
                    crate::model::common::group_thousands(ws.projects.len() as u64),
                    crate::model::common::group_thousands(
                        crate::model::limits::MAX_PROJECTS as u64
                    )
                )));
            }
            Ok(())
        }
        Command::CreatePlannedProject {
            milestones, tasks, ..
        } => {
            room_for_a_project(ws)?;
            taken(
                milestones
                    .iter()
                    .any(|m| ws.milestones.get(m.id.0).is_some()),
            )?;
            taken(tasks.iter().any(|t| ws.tasks.get(t.id.0).is_some()))
        }
        // Saving a record updates it in its own project; its id under another project is
        // taken (the command only sees its own project's part).
        Command::SaveRisk { id, project, .. } => taken(elsewhere(&ws.risks, id.0, *project)),
        Command::SaveStakeholder { id, project, .. } => {
            taken(elsewhere(&ws.stakeholders, id.0, *project))
        }
        Command::SaveCommunication { id, project, .. } => {
            taken(elsewhere(&ws.communications, id.0, *project))
        }
        Command::SaveFeedback { id, project, .. } => taken(elsewhere(&ws.feedback, id.0, *project)),
        Command::SaveCost { id, project, .. } => taken(elsewhere(&ws.costs, id.0, *project)),
        Command::SaveGoal { id, project, .. } => taken(elsewhere(&ws.goals, id.0, *project)),
        Command::AddMilestone { id, .. } => taken(ws.milestones.get(id.0).is_some()),
        Command::DecideProject { id, input, .. } => {
            taken(ws.decisions.get(id.0).is_some())?;
            match &input.playbook {
                Some(plan) => {
                    taken(
                        plan.milestones
                            .iter()
                            .any(|m| ws.milestones.get(m.id.0).is_some()),
                    )?;
                    taken(plan.tasks.iter().any(|t| ws.tasks.get(t.id.0).is_some()))
                }
                None => Ok(()),
            }
        }
        Command::AddTask { id, .. } => taken(ws.tasks.get(id.0).is_some()),
        _ => Ok(()),
    }
}

/// Runs a command on (a part of) a workspace. On error the part may be half-changed; the
/// caller drops it.
fn run(ws: &mut Workspace, command: Command, cx: &Context) -> Result<Touched, CommandError> {
    let (now, by) = (cx.now, cx.editor());
    match command {
        Command::Batch(commands) => {
            if commands.is_empty() {
                return Err(CommandError::Invalid("Choose at least one item.".into()));
            }
            let mut all = Touched::default();
            for c in commands {
                all.merge(run(ws, c, cx)?);
            }
            Ok(all)
        }
        Command::RenameWorkspace(name) => {
            let name = name.trim();
            if name.is_empty() {
                return Err(CommandError::Invalid("A workspace needs a name.".into()));
            }
            ws.name = name.to_string();
            ws.stamp.touch(now, by);
            Ok(Touched::workspace())
        }
        Command::UpdateSettings(settings) => {
            if !(1..=12).contains(&settings.fiscal_year_start_month)
                || !settings.currency.is_valid()
            {
                return Err(CommandError::Invalid(
                    "Those settings are not valid.".into(),
                ));
            }
            if let Some(problem) = settings
                .health
                .problems()
                .into_iter()
                .chain(crate::model::intake::problems(&settings.criteria))
                .next()
            {
                return Err(CommandError::Invalid(problem));
            }
            ws.settings = settings;
            ws.stamp.touch(now, by);
            Ok(Touched::workspace())
        }
        Command::CreateProject { id, input } => {
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
                    Stamp::created(now, by),
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
        Command::ImportProjects { members, projects } => {
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
                // A spreadsheet row says where a deal is, not when it got there: the stage
                // log keeps only what happened in Pursuit.
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
        Command::UpdateProject { id, input } => {
            check_owner(ws, input.owner)?;
            let project = find_live(&mut ws.projects, |p| p.id == id, "project")?;
            fill_project(project, input, cx.today);
            project.stamp.touch(now, by);
            Ok(Touched::project(id))
        }
        Command::DeleteProject(id) => {
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
        Command::AddMilestone { id, project, input } => {
            ws.project(project)
                .ok_or(CommandError::NotFound("project"))?;
            if ws.milestones.iter().any(|m| m.id == id) {
                return Err(CommandError::DuplicateId);
            }
            let order = next_order(
                ws.milestones
                    .iter()
                    .filter(|m| m.project_id == project)
                    .map(|m| &m.order),
            );
            ws.milestones.push(Milestone {
                id,
                stamp: Stamp::created(now, by),
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
        Command::UpdateMilestone { id, input } => {
            let m = find_live(&mut ws.milestones, |m| m.id == id, "milestone")?;
            m.name = input.name;
            m.stage = input.stage;
            m.due_date = input.due_date;
            m.with_client = input.with_client;
            m.stamp.touch(now, by);
            Ok(Touched::project(m.project_id))
        }
        Command::SetMilestoneDone { id, done } => {
            let m = find_live(&mut ws.milestones, |m| m.id == id, "milestone")?;
            m.completed_on = done.then_some(cx.today);
            // Ticked or unticked by hand, it is reached or open, no longer skipped.
            m.skipped = None;
            m.stamp.touch(now, by);
            Ok(Touched::project(m.project_id))
        }
        Command::MoveMilestone { id, direction } => {
            let project = find_live(&mut ws.milestones, |m| m.id == id, "milestone")?.project_id;
            let order: Vec<MilestoneId> = ws.milestones_of(project).iter().map(|m| m.id).collect();
            let changed = reorder(&order, id, direction);
            for (position, mid) in changed {
                if let Some(m) = ws.milestones.iter_mut().find(|m| m.id == mid) {
                    m.order = position;
                    m.stamp.touch(now, by);
                }
            }
            Ok(Touched::project(project))
        }
        Command::DeleteMilestone(id) => {
            let m = find_live(&mut ws.milestones, |m| m.id == id, "milestone")?;
            m.stamp.delete(now, by);
            let project = m.project_id;
            for t in ws
                .tasks
                .iter_mut()
                .filter(|t| t.milestone_id == Some(id) && t.is_live())
            {
                t.milestone_id = None;
                t.stamp.touch(now, by);
            }
            Ok(Touched::project(project))
        }
        Command::AddTask { id, project, input } => {
            ws.project(project)
                .ok_or(CommandError::NotFound("project"))?;
            if ws.tasks.iter().any(|t| t.id == id) {
                return Err(CommandError::DuplicateId);
            }
            check_owner(ws, input.owner)?;
            check_task_refs(ws, project, &input)?;
            let order = next_order(
                ws.tasks
                    .iter()
                    .filter(|t| t.project_id == project)
                    .map(|t| &t.order),
            );
            let mut task = Task {
                id,
                stamp: Stamp::created(now, by),
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
            fill_task(&mut task, input, cx.today);
            ws.tasks.push(task);
            Ok(Touched::project(project))
        }
        Command::UpdateTask { id, input } => {
            check_owner(ws, input.owner)?;
            let project = find_live(&mut ws.tasks, |t| t.id == id, "task")?.project_id;
            check_task_refs(ws, project, &input)?;
            let task = find_live(&mut ws.tasks, |t| t.id == id, "task")?;
            fill_task(task, input, cx.today);
            task.stamp.touch(now, by);
            Ok(Touched::project(project))
        }
        Command::SetTaskStatus { id, status } => {
            let task = find_live(&mut ws.tasks, |t| t.id == id, "task")?;
            set_task_status(task, status, cx.today);
            task.stamp.touch(now, by);
            Ok(Touched::project(task.project_id))
        }
        Command::MoveTask { id, direction } => {
            let project = find_live(&mut ws.tasks, |t| t.id == id, "task")?.project_id;
            let order: Vec<TaskId> = ws.tasks_of(project).iter().map(|t| t.id).collect();
            for (position, tid) in reorder(&order, id, direction) {
                if let Some(t) = ws.tasks.iter_mut().find(|t| t.id == tid) {
                    t.order = position;
                    t.stamp.touch(now, by);
                }
            }
            Ok(Touched::project(project))
        }
        Command::DeleteTask(id) => {
            let task = find_live(&mut ws.tasks, |t| t.id == id, "task")?;
            task.stamp.delete(now, by);
            let project = task.project_id;
            for t in ws
                .tasks
                .iter_mut()
                .filter(|t| t.depends_on.iter().any(|d| d.task == id))
            {
                t.depends_on.retain(|d| d.task != id);
                t.stamp.touch(now, by);
            }
            Ok(Touched::project(project))
        }
        Command::AddDependency { task, on, lag_days } => {
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
                            .iter()
                            .find(|t| t.id == *id)
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
            let t = find_live(&mut ws.tasks, |t| t.id == task, "task")?;
            match t.depends_on.iter_mut().find(|d| d.task == on) {
                Some(d) => d.lag_days = lag_days,
                None => t.depends_on.push(Dependency { task: on, lag_days }),
            }
            t.stamp.touch(now, by);
            Ok(Touched::project(project))
        }
        Command::RemoveDependency { task, on } => {
            let t = find_live(&mut ws.tasks, |t| t.id == task, "task")?;
            t.depends_on.retain(|d| d.task != on);
            t.stamp.touch(now, by);
            Ok(Touched::project(t.project_id))
        }
        Command::SetTaskStart { id, start } => {
            let t = find_live(&mut ws.tasks, |t| t.id == id, "task")?;
            t.start_date = start;
            t.stamp.touch(now, by);
            Ok(Touched::project(t.project_id))
        }
        Command::CreatePlannedProject {
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
            if milestones.iter().any(|m| m.project_id != id)
                || tasks.iter().any(|t| t.project_id != id)
            {
                return Err(CommandError::Invalid(
                    "The plan belongs to another project.".into(),
                ));
            }
            let touched = run(ws, Command::CreateProject { id, input }, cx)?;
            if let Some(p) = ws.projects.iter_mut().find(|p| p.id == id) {
                p.template_id = Some(template);
            }
            ws.milestones.extend(milestones);
            ws.tasks.extend(tasks);
            Ok(touched)
        }
        Command::SetCriterion { id, criterion, met } => {
            let p = find_live(&mut ws.projects, |p| p.id == id, "project")?;
            p.criteria_met.retain(|c| *c != criterion);
            if met {
                p.criteria_met.push(criterion);
            }
            p.stamp.touch(now, by);
            Ok(Touched::project(id))
        }
        Command::ChangeStage {
            id,
            to,
            unmet,
            reason,
            probability,
            close_passed,
        } => {
            let p = find_live(&mut ws.projects, |p| p.id == id, "project")?;
            let forward = to > p.stage;
            let closing = match close_passed.filter(|_| forward) {
                Some(Closing::Skipped(why)) if why.trim().is_empty() => {
                    return Err(CommandError::Invalid(
                        "Say why the passed milestones are skipped; the reason is kept on each."
                            .into(),
                    ))
                }
                Some(Closing::Skipped(why)) => Some(Some(why.trim().to_string())),
                Some(Closing::Done) => Some(None),
                None => None,
            };
            let reason = reason
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty());
            if forward && !unmet.is_empty() && reason.is_none() {
                return Err(CommandError::Invalid(format!(
                    "{} exit criteria are not met yet: {}. Tick them off, or give a reason to move on anyway.",
                    p.stage.label(),
                    unmet.join("; ")
                )));
            }
            if forward && !unmet.is_empty() {
                p.gate_overrides.push(crate::model::project::GateOverride {
                    from: p.stage,
                    to,
                    unmet,
                    reason: reason.unwrap_or_default(),
                    at: now,
                    by: by.member,
                });
            }
            if p.stage != to {
                p.stage_entered_on = Some(cx.today);
                p.log_stage(to, cx.today);
            }
            p.stage = to;
            if !p.probability_manual {
                p.probability = probability.min(100);
            }
            p.stamp.touch(now, by);
            if let Some(skipped) = closing {
                close_passed_work(ws, id, to, skipped, cx);
            }
            Ok(Touched::project(id))
        }
        Command::SaveRisk { id, project, input } => {
            ws.project(project)
                .ok_or(CommandError::NotFound("project"))?;
            check_owner(ws, input.owner)?;
            upsert(
                &mut ws.risks,
                |r| r.id == id,
                cx,
                |stamp| crate::model::register::Risk {
                    id,
                    stamp,
                    project_id: project,
                    description: input.description,
                    category: input.category,
                    probability: input.probability,
                    impact: input.impact,
                    owner: input.owner,
                    mitigation: input.mitigation,
                    contingency: input.contingency,
                    status: input.status,
                    next_review: input.next_review,
                },
            );
            Ok(Touched::project(project))
        }
        Command::SaveStakeholder { id, project, input } => {
            ws.project(project)
                .ok_or(CommandError::NotFound("project"))?;
            upsert(
                &mut ws.stakeholders,
                |s| s.id == id,
                cx,
                |stamp| crate::model::register::Stakeholder {
                    id,
                    stamp,
                    project_id: project,
                    name: input.name,
                    organisation: input.organisation,
                    title: input.title,
                    internal: input.internal,
                    buying_role: input.buying_role,
                    influence: input.influence,
                    stance: input.stance,
                    channel: input.channel,
                    cadence: input.cadence,
                    last_contact: input.last_contact,
                },
            );
            Ok(Touched::project(project))
        }
        Command::DeleteStakeholder(id) => {
            let s = find_live(&mut ws.stakeholders, |s| s.id == id, "stakeholder")?;
            s.stamp.delete(now, by);
            Ok(Touched::project(s.project_id))
        }
        Command::SaveCommunication { id, project, input } => {
            ws.project(project)
                .ok_or(CommandError::NotFound("project"))?;
            let known = |sid: &StakeholderId| {
                ws.stakeholders
                    .iter()
                    .any(|s| s.id == *sid && s.project_id == project && s.is_live())
            };
            if !input.stakeholders.iter().all(known) {
                return Err(CommandError::NotFound("stakeholder"));
            }
            for s in ws
                .stakeholders
                .iter_mut()
                .filter(|s| input.stakeholders.contains(&s.id))
            {
                if s.last_contact.is_none_or(|d| d < input.date) {
                    s.last_contact = Some(input.date);
                    s.stamp.touch(now, by);
                }
            }
            upsert(
                &mut ws.communications,
                |c| c.id == id,
                cx,
                |stamp| crate::model::register::Communication {
                    id,
                    stamp,
                    project_id: project,
                    date: input.date,
                    channel: input.channel,
                    stakeholders: input.stakeholders,
                    summary: input.summary,
                    next_step: input.next_step,
                    next_step_date: input.next_step_date,
                },
            );
            Ok(Touched::project(project))
        }
        Command::DeleteCommunication(id) => {
            let c = find_live(&mut ws.communications, |c| c.id == id, "conversation")?;
            c.stamp.delete(now, by);
            Ok(Touched::project(c.project_id))
        }
        Command::SaveFeedback { id, project, input } => {
            ws.project(project)
                .ok_or(CommandError::NotFound("project"))?;
            upsert(
                &mut ws.feedback,
                |f| f.id == id,
                cx,
                |stamp| crate::model::register::Feedback {
                    id,
                    stamp,
                    project_id: project,
                    date: input.date,
                    source: input.source,
                    rating: input.rating,
                    text: input.text,
                    action: input.action,
                },
            );
            Ok(Touched::project(project))
        }
        Command::DeleteFeedback(id) => {
            let f = find_live(&mut ws.feedback, |f| f.id == id, "feedback")?;
            f.stamp.delete(now, by);
            Ok(Touched::project(f.project_id))
        }
        Command::DeleteRisk(id) => {
            let r = find_live(&mut ws.risks, |r| r.id == id, "risk")?;
            r.stamp.delete(now, by);
            Ok(Touched::project(r.project_id))
        }
        Command::AssignTask { id, owner } => {
            check_owner(ws, owner)?;
            let t = find_live(&mut ws.tasks, |t| t.id == id, "task")?;
            t.owner = owner;
            t.stamp.touch(now, by);
            Ok(Touched::project(t.project_id))
        }
        Command::ScoreProject { id, scores } => {
            let known: BTreeSet<&str> = ws
                .settings
                .criteria
                .iter()
                .map(|c| c.key.as_str())
                .collect();
            if let Some((key, _)) = scores.iter().find(|(k, _)| !known.contains(k.as_str())) {
                return Err(CommandError::Invalid(format!(
                    "There is no scoring criterion “{key}”; the criteria are set in Data → Scoring criteria."
                )));
            }
            if let Some((key, v)) = scores.iter().find(|(_, v)| !(1..=5).contains(*v)) {
                return Err(CommandError::Invalid(format!(
                    "The score for “{key}” is {v}; scores go from 1 to 5."
                )));
            }
            let p = find_live(&mut ws.projects, |p| p.id == id, "project")?;
            p.scores = scores;
            p.stamp.touch(now, by);
            Ok(Touched::project(id))
        }
        Command::DecideProject { id, project, input } => {
            if let Some(review) = input.review {
                if !ws.reviews.iter().any(|r| r.id == review && r.is_live()) {
                    return Err(CommandError::NotFound("portfolio review"));
                }
            }
            let p = find_live(&mut ws.projects, |p| p.id == project, "project")?;
            let status = match input.verdict {
                crate::model::Verdict::Approve => ProjectStatus::Active,
                crate::model::Verdict::Hold => ProjectStatus::OnHold,
                crate::model::Verdict::Reject => ProjectStatus::Cancelled,
            };
            if p.status != status {
                if status == ProjectStatus::Cancelled {
                    p.close_date = Some(input.date);
                } else if !p.status.is_closed() || status.is_open() {
                    p.close_date = None;
                }
                p.status = status;
            }
            p.stamp.touch(now, by);
            if let Some(plan) = input.playbook {
                if input.verdict != crate::model::Verdict::Approve {
                    return Err(CommandError::Invalid(
                        "Only an approval lays out a playbook.".into(),
                    ));
                }
                if !ws
                    .templates
                    .iter()
                    .any(|t| t.id == plan.template && t.is_live())
                {
                    return Err(CommandError::NotFound("template"));
                }
                if plan.milestones.iter().any(|m| m.project_id != project)
                    || plan.tasks.iter().any(|t| t.project_id != project)
                {
                    return Err(CommandError::Invalid(
                        "The plan belongs to another project.".into(),
                    ));
                }
                if let Some(p) = ws.projects.iter_mut().find(|p| p.id == project) {
                    p.template_id = Some(plan.template);
                }
                ws.milestones.extend(plan.milestones);
                ws.tasks.extend(plan.tasks);
            }
            ws.decisions.push(crate::model::Decision {
                id,
                stamp: Stamp::created(now, by),
                project_id: project,
                date: input.date,
                verdict: input.verdict,
                reason: input.reason,
                decided_by: cx.actor,
                review: input.review,
            });
            Ok(Touched::project(project))
        }
        Command::SaveReview { id, input } => {
            if input.attendees.iter().any(|m| ws.member(*m).is_none()) {
                return Err(CommandError::NotFound("member"));
            }
            upsert(
                &mut ws.reviews,
                |r| r.id == id,
                cx,
                |stamp| crate::model::Review {
                    id,
                    stamp,
                    date: input.date,
                    attendees: input.attendees,
                    notes: input.notes,
                },
            );
            ws.stamp.touch(now, by);
            Ok(Touched::workspace())
        }
        Command::DeleteReview(id) => {
            find_live(&mut ws.reviews, |r| r.id == id, "portfolio review")?
                .stamp
                .delete(now, by);
            Ok(Touched::workspace())
        }
        Command::SaveCost { id, project, input } => {
            let currency = ws
                .project(project)
                .ok_or(CommandError::NotFound("project"))?
                .value
                .currency
                .clone();
            check_owner(ws, input.spent_by)?;
            upsert(
                &mut ws.costs,
                |c| c.id == id,
                cx,
                |stamp| crate::model::register::Cost {
                    id,
                    stamp,
                    project_id: project,
                    date: input.date,
                    category: input.category,
                    description: input.note,
                    amount: crate::model::Money::new(input.amount_minor, currency),
                    spent_by: input.spent_by,
                },
            );
            Ok(Touched::project(project))
        }
        Command::DeleteCost(id) => {
            let c = find_live(&mut ws.costs, |c| c.id == id, "cost")?;
            c.stamp.delete(now, by);
            Ok(Touched::project(c.project_id))
        }
        Command::SaveGoal { id, project, input } => {
            ws.project(project)
                .ok_or(CommandError::NotFound("project"))?;
            let order = match ws.goals.get(id.0) {
                Some(g) => g.order,
                None => next_order(ws.goals.of(project).map(|g| &g.order)),
            };
            upsert(
                &mut ws.goals,
                |g| g.id == id,
                cx,
                |stamp| crate::model::register::ProjectGoal {
                    id,
                    stamp,
                    project_id: project,
                    metric: input.metric,
                    target: input.target,
                    current: input.current,
                    unit: input.unit,
                    measure: input.measure,
                    order,
                },
            );
            Ok(Touched::project(project))
        }
        Command::MoveGoal { id, direction } => {
            let project = find_live(&mut ws.goals, |g| g.id == id, "goal")?.project_id;
            let order: Vec<GoalId> = ws.goals_of(project).iter().map(|g| g.id).collect();
            for (position, gid) in reorder(&order, id, direction) {
                if let Some(g) = ws.goals.iter_mut().find(|g| g.id == gid) {
                    g.order = position;
                    g.stamp.touch(now, by);
                }
            }
            Ok(Touched::project(project))
        }
        Command::DeleteGoal(id) => {
            let g = find_live(&mut ws.goals, |g| g.id == id, "goal")?;
            g.stamp.delete(now, by);
            Ok(Touched::project(g.project_id))
        }
        Command::SetForecastCategory { id, category } => {
            let p = find_live(&mut ws.projects, |p| p.id == id, "project")?;
            p.forecast_category = category;
            p.stamp.touch(now, by);
            Ok(Touched::project(id))
        }
        Command::CloseProject { id, won, outcome } => {
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
            p.stamp.touch(now, by);
            Ok(Touched::project(id))
        }
        Command::SaveQuota(quota) => {
            if quota.target < 0 {
                return Err(CommandError::Invalid("A target can't be negative.".into()));
            }
            check_owner(ws, quota.member_id)?;
            let mut quota = quota;
            match ws.quotas.iter_mut().find(|q| q.id == quota.id) {
                Some(existing) => {
                    quota.stamp = existing.stamp.clone();
                    quota.stamp.touch(now, by);
                    *existing = quota;
                }
                None => {
                    quota.stamp = Stamp::created(now, by);
                    ws.quotas.push(quota);
                }
            }
            Ok(Touched::workspace())
        }
        Command::DeleteQuota(id) => {
            find_live(&mut ws.quotas, |q| q.id == id, "quota")?
                .stamp
                .delete(now, by);
            Ok(Touched::workspace())
        }
        Command::SaveTemplate(template) => {
            let problems = crate::model::template::problems(&template);
            if !problems.is_empty() {
                return Err(CommandError::Invalid(problems.join(" ")));
            }
            let mut template = template;
            match ws.templates.iter_mut().find(|t| t.id == template.id) {
                Some(existing) => {
                    template.stamp = existing.stamp.clone();
                    template.stamp.touch(now, by);
                    template.stamp.deleted_at = None;
                    *existing = template;
                }
                None => {
                    template.stamp = Stamp::created(now, by);
                    ws.templates.push(template);
                }
            }
            Ok(Touched::workspace())
        }
        Command::DeleteTemplate(id) => {
            find_live(&mut ws.templates, |t| t.id == id, "template")?
                .stamp
                .delete(now, by);
            Ok(Touched::workspace())
        }
        Command::AddMember { id, input } => {
            if ws.members.iter().any(|m| m.id == id) {
                return Err(CommandError::DuplicateId);
            }
            ws.members.push(Member {
                id,
                stamp: Stamp::created(now, by),
                name: input.name,
                role: input.role,
                email: input.email,
                weekly_capacity_hours: input.weekly_capacity_hours,
                skills: input.skills,
                time_off: input.time_off,
            });
            Ok(Touched::workspace())
        }
        Command::UpdateMember { id, input } => {
            let m = find_live(&mut ws.members, |m| m.id == id, "member")?;
            m.name = input.name;
            m.role = input.role;
            m.email = input.email;
            m.weekly_capacity_hours = input.weekly_capacity_hours;
            m.skills = input.skills;
            m.time_off = input.time_off;
            m.stamp.touch(now, by);
            Ok(Touched::workspace())
        }
        Command::RemoveMember { id, reassign_to } => {
            if reassign_to == Some(id) {
                return Err(CommandError::Invalid(
                    "Choose someone else to take over the work.".into(),
                ));
            }
            check_owner(ws, reassign_to)?;
            find_live(&mut ws.members, |m| m.id == id, "member")?
                .stamp
                .delete(now, by);
            let mut touched = Touched::workspace();
            for p in ws
                .projects
                .iter_mut()
                .filter(|p| p.is_live() && p.owner == Some(id))
            {
                p.owner = reassign_to;
                p.stamp.touch(now, by);
                touched.projects.insert(p.id);
            }
            for t in ws
                .tasks
                .iter_mut()
                .filter(|t| t.is_live() && t.owner == Some(id) && !t.is_done())
            {
                t.owner = reassign_to;
                t.stamp.touch(now, by);
                touched.projects.insert(t.project_id);
            }
            for r in ws
                .risks
                .iter_mut()
                .filter(|r| r.is_live() && r.owner == Some(id))
            {
                r.owner = reassign_to;
                r.stamp.touch(now, by);
                touched.projects.insert(r.project_id);
            }
            Ok(touched)
        }
    }
}

/// A workspace holds at most `limits::MAX_PROJECTS` projects, deleted ones included.
fn room_for_a_project(ws: &Workspace) -> Result<(), CommandError> {
    if ws.projects.len() >= crate::model::limits::MAX_PROJECTS {
        return Err(CommandError::Invalid(format!(
            "This workspace already has {} projects, the most Pursuit holds.",
            crate::model::common::group_thousands(crate::model::limits::MAX_PROJECTS as u64)
        )));
    }
    Ok(())
}

fn project_of(ws: &Workspace, task: TaskId) -> Result<ProjectId, CommandError> {
    ws.tasks
        .iter()
        .find(|t| t.id == task && t.is_live())
        .map(|t| t.project_id)
        .ok_or(CommandError::NotFound("task"))
}

fn check_owner(ws: &Workspace, owner: Option<MemberId>) -> Result<(), CommandError> {
    match owner {
        Some(id) if ws.member(id).is_none() => Err(CommandError::NotFound("member")),
        _ => Ok(()),
    }
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
fn check_in_project<T: crate::model::common::InProject>(
    items: &[T],
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

fn fill_task(t: &mut Task, input: TaskInput, today: NaiveDate) {
    t.title = input.title;
    t.owner = input.owner;
    t.milestone_id = input.milestone_id;
    t.due_date = input.due_date;
    t.estimate_hours = input.estimate_hours;
    t.duration_days = input.duration_days;
    t.with_client = input.with_client;
    t.client_owner = input.client_owner;
    set_task_status(t, input.status, today);
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
        set_task_status(t, TaskStatus::Done, cx.today);
        t.stamp.touch(now, by);
    }
}

fn set_task_status(t: &mut Task, status: TaskStatus, today: NaiveDate) {
    if status == TaskStatus::Done && t.status != TaskStatus::Done {
        t.completed_on = Some(today);
    } else if status != TaskStatus::Done {
        t.completed_on = None;
    }
    t.status = status;
}

fn tombstone<T>(
    items: &mut [T],
    owned: impl Fn(&T) -> bool,
    now: DateTime<Utc>,
    by: Editor,
    stamp: impl Fn(&mut T) -> &mut Stamp,
) {
    for item in items.iter_mut().filter(|i| owned(i)) {
        let s = stamp(item);
        if !s.is_deleted() {
            s.delete(now, by);
        }
    }
}

/// Moves `id` one place in `order` and returns the new positions of the items that moved.
fn reorder<Id: Copy + PartialEq>(order: &[Id], id: Id, direction: Direction) -> Vec<(i64, Id)> {
    let Some(index) = order.iter().position(|x| *x == id) else {
        return Vec::new();
    };
    let other = match direction {
        Direction::Up if index > 0 => index - 1,
        Direction::Down if index + 1 < order.len() => index + 1,
        _ => return Vec::new(),
    };
    let mut order = order.to_vec();
    order.swap(index, other);
    // Renumber everything so duplicate or sparse orders from merged files settle down.
    order
        .into_iter()
        .enumerate()
        .map(|(i, id)| (i as i64, id))
        .collect()
}
