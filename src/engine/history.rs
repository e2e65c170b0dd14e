//! Undo, redo and the change history, on records by kind and id.
//!
//! [`diff`] lists the records a change touched as they were before and after it; [`revert`]
//! puts them back (undo) or forward again (redo) as a *new* edit — stamped now, its version
//! counted — so an undo travels to other tabs and teammates like any change. [`describe`]
//! words a change for the history.

use crate::engine::records::{field_diffs, record, Entity, Kind, WorkspaceRecord};
use crate::json::{from_tree, to_tree};
use crate::model::command::{Context, Touched};
use crate::model::*;
use crate::model::{PlanCommand, ProjectCommand, RecordCommand};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

/// One record as it was before and after a change; `None` when it did not exist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub kind: Kind,
    pub id: Uuid,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

fn diff_list<T: Entity>(
    before: &[T],
    after: &[T],
    relevant: impl Fn(&T) -> bool,
    out: &mut Vec<Change>,
) {
    let old: HashMap<Uuid, &T> = before
        .iter()
        .filter(|e| relevant(e))
        .map(|e| (e.uuid(), e))
        .collect();
    for e in after.iter().filter(|e| relevant(e)) {
        match old.get(&e.uuid()) {
            Some(prev) if *prev == e => {}
            prev => out.push(Change {
                kind: T::KIND,
                id: e.uuid(),
                before: prev.map(|p| to_tree(*p)),
                after: Some(to_tree(e)),
            }),
        }
    }
}

/// The records a change touched, before and after. Only the parts `touched` names are
/// compared, so this stays cheap in a large workspace. History entries are not included.
pub fn diff(before: &Workspace, after: &Workspace, touched: &Touched) -> Vec<Change> {
    let mut out = Vec::new();
    let in_scope = |p: ProjectId| touched.has(p);
    if touched.workspace {
        let (b, a) = (record(before), record(after));
        if b != a {
            out.push(Change {
                kind: Kind::Workspace,
                id: after.id.0,
                before: Some(to_tree(&b)),
                after: Some(to_tree(&a)),
            });
        }
        macro_rules! all {
            ($($field:ident: $t:ty => $k:ident),*) => {
                $(diff_list(&before.$field, &after.$field, |_| true, &mut out);)*
            };
        }
        crate::workspace_records!(all);
    }
    if !touched.projects.is_empty() {
        diff_list(
            &before.projects,
            &after.projects,
            |p| in_scope(p.id),
            &mut out,
        );
        macro_rules! owned {
            ($($field:ident: $t:ty => $k:ident),*) => {
                $(diff_list(&before.$field, &after.$field, |e| in_scope(e.project_id), &mut out);)*
            };
        }
        crate::project_records!(owned);
    }
    out
}

/// [`restore`] into the collection of `kind`, for every kind in the declarations
/// (`project_records!`, `workspace_records!`).
fn restore_any(
    ws: &mut Workspace,
    kind: Kind,
    id: Uuid,
    target: Option<&Value>,
    cx: &Context,
) -> Option<Option<ProjectId>> {
    macro_rules! by_kind {
        ($($field:ident: $t:ty => $k:ident),*) => {
            match kind {
                $(Kind::$k => return restore(&mut ws.$field, id, target, cx),)*
                _ => {}
            }
        };
    }
    crate::project_records!(by_kind);
    crate::workspace_records!(by_kind);
    None
}

/// Puts one record to `target` (or tombstones it when `target` is `None`) as a new edit.
fn restore<T: Entity>(
    items: &mut impl crate::model::records::List<T>,
    id: Uuid,
    target: Option<&Value>,
    cx: &Context,
) -> Option<Option<ProjectId>> {
    let at = items.iter().position(|e| e.uuid() == id);
    match (target, at) {
        (None, Some(i)) => {
            let e = &mut items[i];
            if e.is_live() {
                e.stamp_mut().delete(cx.now, cx.editor());
            }
            Some(e.project())
        }
        (None, None) => None,
        (Some(value), at) => {
            let mut wanted: T = from_tree(value).ok()?;
            let deleted = wanted.stamp().is_deleted();
            let mut stamp = at
                .map(|i| items[i].stamp().clone())
                .unwrap_or_else(|| wanted.stamp().clone());
            stamp.touch(cx.now, cx.editor());
            stamp.deleted_at = deleted.then_some(cx.now);
            *wanted.stamp_mut() = stamp;
            let project = wanted.project();
            match at {
                Some(i) => items[i] = wanted,
                None => items.push(wanted),
            }
            Some(project)
        }
    }
}

pub use crate::engine::records::record_value;

/// Which way to replay a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// Undo: back to how the records were before.
    Back,
    /// Redo: forward to how they were after.
    Forward,
}

/// The part of a workspace (see [`Workspace::part`]) that replaying `changes` reaches:
/// the projects of their records, and the workspace-level data when one is not a project's.
pub fn reach(changes: &[Change]) -> Touched {
    let mut touched = Touched::default();
    for c in changes {
        if c.kind == Kind::History {
            continue;
        }
        let project = [&c.after, &c.before]
            .into_iter()
            .flatten()
            .find_map(|v| crate::engine::records::project_of(c.kind, c.id, v));
        match project {
            Some(p) => {
                touched.projects.insert(p);
            }
            None => touched.workspace = true,
        }
    }
    touched
}

/// Replays `changes` backward (undo) or forward (redo) as a new edit, and says what it
/// touched.
pub fn revert(ws: &mut Workspace, changes: &[Change], way: Way, cx: &Context) -> Touched {
    let mut touched = Touched::default();
    for c in changes {
        let target = match way {
            Way::Back => c.before.as_ref(),
            Way::Forward => c.after.as_ref(),
        };
        let owner: Option<Option<ProjectId>> = match c.kind {
            Kind::Workspace => {
                if let Some(rec) = target.and_then(|v| from_tree::<WorkspaceRecord>(v).ok()) {
                    ws.name = rec.name;
                    ws.settings = rec.settings;
                    ws.stamp.touch(cx.now, cx.editor());
                }
                Some(None)
            }
            Kind::Project => {
                restore(&mut ws.projects, c.id, target, cx).map(|_| Some(ProjectId(c.id)))
            }
            Kind::History => None,
            kind => restore_any(ws, kind, c.id, target, cx),
        };
        match owner {
            Some(Some(p)) => {
                touched.projects.insert(p);
            }
            Some(None) => touched.workspace = true,
            None => {}
        }
    }
    touched
}

pub(crate) fn title_of(c: &Change) -> String {
    let v = c.after.as_ref().or(c.before.as_ref());
    let field = |name: &str| {
        v.and_then(|v| v.get(name))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    field("name")
        .or_else(|| field("title"))
        .or_else(|| field("description"))
        .or_else(|| field("summary"))
        .or_else(|| field("text"))
        .or_else(|| field("metric"))
        .unwrap_or_default()
}

fn deleted(v: &Option<Value>) -> bool {
    v.as_ref()
        .and_then(|v| v.pointer("/stamp/deleted_at"))
        .is_some_and(|d| !d.is_null())
}

/// "added task “Send quote”", "deleted risk “Budget freeze”", "edited project “Acme”".
fn verb(c: &Change) -> String {
    let what = if c.kind == Kind::Workspace {
        "workspace settings".to_string()
    } else {
        format!("{} “{}”", c.kind.singular(), title_of(c))
    };
    let action = match (&c.before, deleted(&c.before), deleted(&c.after)) {
        (None, _, _) => "added",
        (Some(_), false, true) => "deleted",
        (Some(_), true, false) => "restored",
        _ => "edited",
    };
    format!("{action} {what}")
}

/// Field changes of an edited record, "Value: EUR 120,000 → EUR 135,000".
fn details_of<T: Entity>(c: &Change) -> Vec<String> {
    let (Some(b), Some(a)) = (&c.before, &c.after) else {
        return Vec::new();
    };
    let (Ok(b), Ok(a)) = (from_tree::<T>(b), from_tree::<T>(a)) else {
        return Vec::new();
    };
    field_diffs(&b, &a)
        .into_iter()
        .filter(|f| !matches!(f.field.as_str(), "Order" | "Deleted"))
        .map(|f| format!("{}: {} → {}", f.field, f.mine, f.theirs))
        .collect()
}

fn details(c: &Change) -> Vec<String> {
    // Every declared kind of record (`project_records!`, `workspace_records!`).
    macro_rules! by_kind {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(if c.kind == Kind::$k {
                return details_of::<$t>(c);
            })*
        };
    }
    crate::project_records!(by_kind);
    crate::workspace_records!(by_kind);
    match c.kind {
        Kind::Workspace => details_of::<WorkspaceRecord>(c),
        Kind::Project => details_of::<Project>(c),
        _ => Vec::new(),
    }
}

/// A change in words, with the project it was about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description {
    pub project: Option<ProjectId>,
    pub summary: String,
    pub details: Vec<String>,
}

/// Words a command's changes for the history.
/// "snoozed task “Send proposal” until 10 Dec 2026", "rescheduled …", "ticked off …".
fn follow_up(command: &crate::model::command::FollowUpCommand, after: &Workspace) -> String {
    use crate::model::command::FollowUpCommand::*;
    use crate::model::day;
    let (Snooze { subject, .. } | Reschedule { subject, .. } | Done(subject)) = command;
    let what = format!("{} “{}”", subject.noun(), subject.name_in(after));
    match command {
        Snooze { until: Some(d), .. } => format!("snoozed {what} until {}", day(*d)),
        Snooze { until: None, .. } => format!("brought back {what} to Today"),
        Reschedule { to, .. } => format!("rescheduled {what} to {}", day(*to)),
        Done(_) => format!("ticked off {what}"),
    }
}

pub fn describe(
    command: &Command,
    before: &Workspace,
    after: &Workspace,
    changes: &[Change],
) -> Description {
    let name = |id: ProjectId| {
        after
            .projects
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let project_of_change = |c: &Change| -> Option<ProjectId> {
        if c.kind == Kind::Project {
            return Some(ProjectId(c.id));
        }
        c.after
            .as_ref()
            .or(c.before.as_ref())
            .and_then(|v| v.get("project_id"))
            .and_then(|v| from_tree(v).ok())
    };
    // An import touches many projects: its one entry belongs to the workspace.
    let project = match command {
        Command::Project(ProjectCommand::ImportProjects { .. }) => None,
        _ => changes.iter().find_map(project_of_change),
    };
    let task_title = |id: TaskId| {
        after
            .tasks
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.title.clone())
            .unwrap_or_default()
    };
    let special = match command {
        Command::Project(ProjectCommand::ChangeStage { id, to, .. }) => {
            before.projects.iter().find(|p| p.id == *id).map(|p| {
                format!(
                    "moved {} from {} to {}",
                    p.name,
                    p.stage.label(),
                    to.label()
                )
            })
        }
        Command::Project(ProjectCommand::CloseProject { id, won, outcome }) => Some(format!(
            "marked {} as {} ({})",
            name(*id),
            if *won { "won" } else { "lost" },
            outcome.reason
        )),
        Command::Plan(PlanCommand::SetTaskStatus { id, status }) => Some(format!(
            "marked task “{}” as {}",
            task_title(*id),
            status.label().to_lowercase()
        )),
        Command::Plan(PlanCommand::SetMilestoneDone { id, done }) => {
            after.milestones.iter().find(|m| m.id == *id).map(|m| {
                format!(
                    "{} milestone “{}”",
                    if *done { "reached" } else { "reopened" },
                    m.name
                )
            })
        }
        Command::Record(RecordCommand::SaveCommunication { .. }) => changes
            .iter()
            .find(|c| c.kind == Kind::Communication)
            .map(|c| format!("logged a conversation: {}", title_of(c))),
        Command::Project(ProjectCommand::ImportProjects { members, projects }) => {
            let new = projects
                .iter()
                .filter(|p| before.projects.get(p.id.0).is_none())
                .count();
            let mut text = format!(
                "imported {} from a spreadsheet ({new} new, {} updated)",
                crate::model::common::plural(projects.len(), "project", "projects"),
                projects.len() - new
            );
            if !members.is_empty() {
                text.push_str(&format!(
                    " and added {}",
                    crate::model::common::plural(members.len(), "member", "members")
                ));
            }
            Some(text)
        }
        Command::FollowUp(c) => Some(follow_up(c, after)),
        _ => None,
    };
    let main = changes
        .iter()
        .find(|c| {
            c.kind != Kind::Stakeholder
                || !matches!(
                    command,
                    Command::Record(RecordCommand::SaveCommunication { .. })
                )
        })
        .or(changes.first());
    let mut summary =
        special.unwrap_or_else(|| main.map(verb).unwrap_or_else(|| "changed nothing".into()));
    if let Some(p) = project.filter(|_| main.is_some_and(|c| c.kind != Kind::Project)) {
        let n = name(p);
        if !n.is_empty() && !summary.contains(&n) {
            summary = format!("{summary} on {n}");
        }
    }
    let others = changes.len().saturating_sub(1);
    // A conversation's people and an import's projects are counted in the summary itself.
    if others > 0
        && !matches!(
            command,
            Command::Record(RecordCommand::SaveCommunication { .. })
                | Command::Project(ProjectCommand::ImportProjects { .. })
        )
    {
        summary = format!(
            "{summary} (and {others} related {})",
            if others == 1 { "change" } else { "changes" }
        );
    }
    let details = main
        .map(details)
        .unwrap_or_default()
        .into_iter()
        .take(8)
        .collect();
    Description {
        project,
        summary,
        details,
    }
}

/// [`prune`] after one entry was noted for `project` (or the workspace): counts only that
/// group, without hashing, so a note costs nothing extra until the group is full.
pub fn prune_after_note(ws: &mut Workspace, project: Option<ProjectId>) -> usize {
    use crate::model::limits::{HISTORY_PER_PROJECT, HISTORY_WORKSPACE};
    let limit = if project.is_some() {
        HISTORY_PER_PROJECT
    } else {
        HISTORY_WORKSPACE
    };
    if ws
        .history
        .iter()
        .filter(|h| h.project_id == project)
        .count()
        <= limit
    {
        return 0;
    }
    prune(ws)
}

/// Keeps the change history bounded: the newest [`HISTORY_PER_PROJECT`] entries of each
/// project and the newest [`HISTORY_WORKSPACE`] of the workspace itself; older entries are
/// dropped. "Newest" orders by creation time, then id, so every copy of a workspace keeps
/// the same entries and merging pruned copies gives the pruned merge. Returns how many
/// entries were dropped.
///
/// [`HISTORY_PER_PROJECT`]: crate::model::limits::HISTORY_PER_PROJECT
/// [`HISTORY_WORKSPACE`]: crate::model::limits::HISTORY_WORKSPACE
pub fn prune(ws: &mut Workspace) -> usize {
    use crate::model::limits::{HISTORY_PER_PROJECT, HISTORY_WORKSPACE};
    let limit = |p: Option<ProjectId>| {
        if p.is_some() {
            HISTORY_PER_PROJECT
        } else {
            HISTORY_WORKSPACE
        }
    };
    let mut counts: HashMap<Option<ProjectId>, usize> = HashMap::new();
    for h in &ws.history {
        *counts.entry(h.project_id).or_default() += 1;
    }
    if counts.iter().all(|(p, n)| *n <= limit(*p)) {
        return 0;
    }
    // The oldest entries of each over-full group go.
    let mut order: Vec<(chrono::DateTime<chrono::Utc>, uuid::Uuid, Option<ProjectId>)> = ws
        .history
        .iter()
        .filter(|h| counts[&h.project_id] > limit(h.project_id))
        .map(|h| (h.stamp.created_at, h.id.0, h.project_id))
        .collect();
    crate::sorting::sort(&mut order);
    let mut drop: std::collections::HashSet<uuid::Uuid> = std::collections::HashSet::new();
    for (_, id, p) in order {
        let n = counts.get_mut(&p).expect("counted");
        if *n > limit(p) {
            *n -= 1;
            drop.insert(id);
        }
    }
    let before = ws.history.len();
    ws.history.retain(|h| !drop.contains(&h.id.0));
    before - ws.history.len()
}
