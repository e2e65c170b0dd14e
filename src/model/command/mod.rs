//! Every change a person can make to a workspace, and the one function that works it out.
//!
//! Commands are grouped by area, each area in its own file with what it can reach
//! (`scope`), what only the whole workspace can answer (`checks`) and what it does (`run`)
//! side by side: the workspace itself ([`workspace`]), the team ([`team`]), a project
//! ([`project`]), its plan ([`plan`]), its registers ([`records`]) and portfolio
//! management ([`portfolio`]).
//!
//! [`apply`] is pure: it reads the workspace and returns a [`Change`] — the part of the
//! workspace the command touched, as it was and as it becomes — or a refusal. Nothing
//! mutates a workspace but [`Workspace::commit`] of a change (undo commits the change's
//! `before`). A change stamps what it touched with the time and the acting member, keeps
//! deletions as tombstones, and names the projects it touched so storage saves only those.
//! A command costs what it touches: it runs on a copy of just the part of the workspace
//! its [`scope`] can reach.

pub mod follow_up;
pub mod plan;
pub mod portfolio;
pub mod project;
pub mod records;
pub mod team;
pub mod workspace;

pub use crate::model::workspace::Touched;
pub use follow_up::FollowUpCommand;
pub use plan::PlanCommand;
pub use portfolio::PortfolioCommand;
pub use project::{ImportedProject, ProjectCommand};
pub use records::RecordCommand;
pub use team::TeamCommand;
pub use workspace::WorkspaceCommand;

use crate::model::common::{Editor, InProject, ReplicaId, Stamp, Stamped};
use crate::model::ids::*;
use crate::model::records::Records;
use crate::model::workspace::Workspace;
use crate::model::{Task, TaskStatus};
use chrono::{DateTime, NaiveDate, Utc};

/// A change to the workspace. New entities carry ids chosen by the caller, so the caller can
/// navigate to what it just created and tests stay deterministic.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Several commands as one change: all apply or none, one undo step, one history note
    /// (what selecting several tasks and acting on them sends).
    Batch(Vec<Command>),
    Workspace(WorkspaceCommand),
    Team(TeamCommand),
    Project(ProjectCommand),
    Plan(PlanCommand),
    Record(RecordCommand),
    Portfolio(PortfolioCommand),
    /// Acting on a line of Today: snooze, reschedule, tick off.
    FollowUp(FollowUpCommand),
}

macro_rules! areas {
    ($($area:ident($t:ty)),*) => {
        $(impl From<$t> for Command {
            fn from(c: $t) -> Self {
                Command::$area(c)
            }
        })*
    };
}

areas!(
    Workspace(WorkspaceCommand),
    Team(TeamCommand),
    Project(ProjectCommand),
    Plan(PlanCommand),
    Record(RecordCommand),
    Portfolio(PortfolioCommand),
    FollowUp(FollowUpCommand)
);

/// Which way to move an item in an ordered list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// How a stage move closes the passed stages' open milestones and their open tasks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Closing {
    /// Reached: marked done today.
    Done,
    /// Closed without being reached, for this reason (kept on each milestone).
    Skipped(String),
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
pub fn apply(
    ws: &Workspace,
    command: impl Into<Command>,
    cx: &Context,
) -> Result<Change, CommandError> {
    let command = command.into();
    let reach = scope(ws, &command).unwrap_or_else(|| Touched::everything(ws));
    checks(ws, &command)?;
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
    command: impl Into<Command>,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let change = apply(ws, command, cx)?;
    ws.commit(&change);
    Ok(change.touched)
}

/// What a command can change, known before it runs: the projects whose records it may add,
/// replace or remove, and whether it may change workspace-level records (name, settings,
/// members, templates, quotas). A caller keeps a copy of just that part
/// ([`Workspace::part`]) to diff, undo and check the change, instead of copying the whole
/// workspace. `None` when a command may reach into any project (removing a member hands
/// their work over everywhere). A record the command names but the workspace lacks gives an
/// empty scope: the command is then refused and changes nothing.
pub fn scope(ws: &Workspace, command: &Command) -> Option<Touched> {
    Some(match command {
        Command::Batch(commands) => {
            let mut all = Touched::default();
            for c in commands {
                all.merge(scope(ws, c)?);
            }
            all
        }
        Command::Workspace(_) => Touched::workspace(),
        Command::Team(c) => return team::scope(c),
        Command::Project(c) => project::scope(c),
        Command::Plan(c) => plan::scope(ws, c),
        Command::Record(c) => records::scope(ws, c),
        Command::Portfolio(c) => portfolio::scope(c),
        Command::FollowUp(c) => follow_up::scope(ws, c),
    })
}

/// The checks a command's part of the workspace cannot answer: room for another project,
/// and that a new record's id is not taken anywhere in the workspace.
fn checks(ws: &Workspace, command: &Command) -> Result<(), CommandError> {
    match command {
        Command::Batch(commands) => commands.iter().try_for_each(|c| checks(ws, c)),
        Command::Workspace(_) | Command::Team(_) | Command::FollowUp(_) => Ok(()),
        Command::Project(c) => project::checks(ws, c),
        Command::Plan(c) => plan::checks(ws, c),
        Command::Record(c) => records::checks(ws, c),
        Command::Portfolio(c) => portfolio::checks(ws, c),
    }
}

/// Runs a command on (a part of) a workspace. On error the part may be half-changed; the
/// caller drops it.
fn run(ws: &mut Workspace, command: Command, cx: &Context) -> Result<Touched, CommandError> {
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
        Command::Workspace(c) => workspace::run(ws, c, cx),
        Command::Team(c) => team::run(ws, c, cx),
        Command::Project(c) => project::run(ws, c, cx),
        Command::Plan(c) => plan::run(ws, c, cx),
        Command::Record(c) => records::run(ws, c, cx),
        Command::Portfolio(c) => portfolio::run(ws, c, cx),
        Command::FollowUp(c) => follow_up::run(ws, c, cx),
    }
}

/// The scope of a command on the record `id` of `items`: its project (nothing when the
/// workspace lacks it).
fn of<T: InProject>(items: &Records<T>, id: uuid::Uuid) -> Touched {
    items
        .get(id)
        .map_or_else(Touched::default, |x| Touched::project(x.project_id()))
}

/// Refuses an id already taken.
fn taken(hit: bool) -> Result<(), CommandError> {
    if hit {
        Err(CommandError::DuplicateId)
    } else {
        Ok(())
    }
}

/// Whether a record with this id belongs to a project other than `project`.
fn elsewhere<T: InProject>(items: &Records<T>, id: uuid::Uuid, project: ProjectId) -> bool {
    items.get(id).is_some_and(|x| x.project_id() != project)
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

fn check_owner(ws: &Workspace, owner: Option<MemberId>) -> Result<(), CommandError> {
    match owner {
        Some(id) if ws.member(id).is_none() => Err(CommandError::NotFound("member")),
        _ => Ok(()),
    }
}

/// Sets a task's status. A recurring task ticked off with `roll` (the team's holidays)
/// moves to its next occurrence instead, due on the rule's next date (not the day it was
/// ticked), skipping holidays when its rule asks; after its last occurrence it is done.
fn set_task_status(t: &mut Task, status: TaskStatus, today: NaiveDate, roll: Option<&[NaiveDate]>) {
    if let (TaskStatus::Done, Some(holidays)) = (status, roll) {
        if t.status != TaskStatus::Done && next_occurrence(t, holidays) {
            return;
        }
    }
    if status == TaskStatus::Done && t.status != TaskStatus::Done {
        t.completed_on = Some(today);
    } else if status != TaskStatus::Done {
        t.completed_on = None;
    }
    t.status = status;
}

/// Moves a recurring task to its next occurrence; false when it has none (or no rule).
fn next_occurrence(t: &mut Task, holidays: &[NaiveDate]) -> bool {
    let (Some(rule), Some(current)) = (t.recurrence.as_mut(), t.due_date) else {
        return false;
    };
    let Some(next) = rule.next_after(current, holidays) else {
        return false;
    };
    rule.done = rule.done.saturating_add(1);
    t.due_date = Some(next);
    t.status = TaskStatus::Todo;
    t.completed_on = None;
    t.snoozed_until = None;
    true
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
