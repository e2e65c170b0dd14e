//! Merging teammates' files: one fixture per preview category, and property tests over random
//! edit sequences on two and three copies of the sample workspace.

mod common;
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use pursuit::engine::merge::{all, apply, preview, Choice, Choices, Kind, Outcome};
use pursuit::model::command::{perform as run, Context};
use pursuit::model::*;
use pursuit::model::{PlanCommand, ProjectCommand};
use pursuit::model::{ProjectDraft, TaskDraft};

use common::{d, sample as base};

fn t0() -> DateTime<Utc> {
    common::at(0)
}

/// A copy of the workspace in one browser, making changes at increasing times.
struct Copy {
    ws: Workspace,
    replica: ReplicaId,
}

impl Copy {
    fn of(ws: &Workspace, replica: u64) -> Self {
        Copy {
            ws: ws.clone(),
            replica: ReplicaId(replica),
        }
    }

    fn edit(&mut self, minute: i64, command: impl Into<Command>) -> bool {
        let command = command.into();
        let cx = Context {
            now: t0() + Duration::minutes(minute),
            today: d("2026-11-22"),
            actor: None,
            replica: self.replica,
        };
        // The app's path: the scope taken first covers what the change reaches, and the
        // part copied diffs like the whole workspace.
        let reach = pursuit::model::command::scope(&self.ws, &command)
            .unwrap_or_else(|| pursuit::model::command::Touched::everything(&self.ws));
        let part = self.ws.part(&reach);
        let whole = self.ws.clone();
        match run(&mut self.ws, command.clone(), &cx) {
            Ok(touched) => {
                assert!(reach.covers(&touched), "{command:?}");
                let diff = pursuit::engine::history::diff;
                assert_eq!(
                    diff(&part, &self.ws, &touched),
                    diff(&whole, &self.ws, &touched)
                );
                true
            }
            Err(_) => false,
        }
    }

    fn rename_task(&mut self, minute: i64, index: usize, title: &str) -> bool {
        let Some(t) = self.ws.tasks.iter().filter(|t| t.is_live()).nth(index) else {
            return false;
        };
        let mut draft = TaskDraft::from_task(t);
        draft.title = title.into();
        let id = t.id;
        let input = draft.check().expect("valid task");
        self.edit(minute, PlanCommand::UpdateTask { id, input })
    }

    fn task_id(&self, index: usize) -> TaskId {
        self.ws
            .tasks
            .iter()
            .filter(|t| t.is_live())
            .nth(index)
            .unwrap()
            .id
    }
}

fn counts(p: &pursuit::engine::merge::Preview, kind: Kind) -> pursuit::engine::merge::Counts {
    p.counts.get(&kind).cloned().unwrap_or_default()
}

fn task(ws: &Workspace, id: TaskId) -> &Task {
    ws.tasks.iter().find(|t| t.id == id).unwrap()
}

#[test]
fn the_same_file_brings_nothing() {
    let ws = base();
    let p = preview(&ws, &ws);
    assert!(p.conflicts.is_empty());
    assert!(!p.total().brings_anything());
    assert_eq!(counts(&p, Kind::Task).unchanged, ws.tasks.len());
}

#[test]
fn changed_on_their_side_only_is_taken() {
    let ws = base();
    let (mine, mut theirs) = (Copy::of(&ws, 1), Copy::of(&ws, 2));
    assert!(theirs.rename_task(5, 0, "Confirm budget range with the CFO"));
    let id = theirs.task_id(0);
    let p = preview(&mine.ws, &theirs.ws);
    assert_eq!(counts(&p, Kind::Task).changed, 1);
    assert_eq!(counts(&p, Kind::Task).unchanged, ws.tasks.len() - 1);
    assert!(p.conflicts.is_empty());
    let merged = apply(&mine.ws, &theirs.ws, &Choices::new());
    assert_eq!(task(&merged, id).title, "Confirm budget range with the CFO");
}

#[test]
fn my_newer_edit_is_kept_and_not_reported() {
    let ws = base();
    let (mut mine, theirs) = (Copy::of(&ws, 1), Copy::of(&ws, 2));
    assert!(mine.rename_task(5, 0, "Mine"));
    let p = preview(&mine.ws, &theirs.ws);
    assert!(!p.total().brings_anything());
    let merged = apply(&mine.ws, &theirs.ws, &Choices::new());
    assert_eq!(task(&merged, mine.task_id(0)).title, "Mine");
}

#[test]
fn changed_on_both_sides_is_a_conflict_shown_field_by_field() {
    let ws = base();
    let (mut mine, mut theirs) = (Copy::of(&ws, 1), Copy::of(&ws, 2));
    let id = mine.task_id(2);
    assert!(mine.rename_task(5, 2, "Mine"));
    assert!(theirs.rename_task(7, 2, "Theirs"));
    let p = preview(&mine.ws, &theirs.ws);
    assert_eq!(counts(&p, Kind::Task).conflicts, 1);
    let c = &p.conflicts[0];
    assert_eq!(c.key, (Kind::Task, id.0));
    assert_eq!(c.title, "Mine");
    assert!(c.project.is_some());
    assert_eq!(c.fields.len(), 1, "{:?}", c.fields);
    assert_eq!(
        (
            c.fields[0].field.as_str(),
            c.fields[0].mine.as_str(),
            c.fields[0].theirs.as_str()
        ),
        ("Title", "Mine", "Theirs")
    );
    assert_eq!(c.theirs.at, t0() + Duration::minutes(7));
    assert_eq!(c.default, Choice::Theirs, "the later change");

    let keep_mine = apply(&mine.ws, &theirs.ws, &all(&p, Choice::Mine));
    assert_eq!(task(&keep_mine, id).title, "Mine");
    let take_theirs = apply(&mine.ws, &theirs.ws, &all(&p, Choice::Theirs));
    assert_eq!(task(&take_theirs, id).title, "Theirs");
    // The resolved version is newer than both, so it travels back without a new conflict.
    let back = preview(&theirs.ws, &keep_mine);
    assert!(back.conflicts.is_empty());
    assert_eq!(counts(&back, Kind::Task).changed, 1);
    assert_eq!(apply(&theirs.ws, &keep_mine, &Choices::new()), keep_mine);
}

#[test]
fn deletions_win_over_older_edits_and_conflict_with_newer_ones() {
    let ws = base();
    // Deleted on their side only.
    let (mine, mut theirs) = (Copy::of(&ws, 1), Copy::of(&ws, 2));
    let id = theirs.task_id(1);
    assert!(theirs.edit(3, PlanCommand::DeleteTask(id)));
    let p = preview(&mine.ws, &theirs.ws);
    assert_eq!(counts(&p, Kind::Task).deleted, 1);
    assert!(task(&apply(&mine.ws, &theirs.ws, &Choices::new()), id)
        .stamp
        .is_deleted());

    // My edit came before their deletion: the deletion wins.
    let mut mine = Copy::of(&ws, 1);
    assert!(mine.rename_task(1, 1, "Edited before the deletion"));
    let p = preview(&mine.ws, &theirs.ws);
    assert_eq!(counts(&p, Kind::Task).deleted, 1);
    assert!(p.conflicts.is_empty());

    // My edit came after their deletion: a conflict, defaulting to my later edit.
    let mut mine = Copy::of(&ws, 1);
    assert!(mine.rename_task(9, 1, "Edited after the deletion"));
    let p = preview(&mine.ws, &theirs.ws);
    assert_eq!(counts(&p, Kind::Task).conflicts, 1);
    let c = &p.conflicts[0];
    assert!(c.theirs.deleted && !c.mine.deleted);
    assert_eq!(c.fields[0].field, "Deleted");
    assert_eq!(c.default, Choice::Mine);
    let merged = apply(&mine.ws, &theirs.ws, &Choices::new());
    assert!(!task(&merged, id).stamp.is_deleted());
    let mut choose = Choices::new();
    choose.insert(c.key, Choice::Theirs);
    assert!(task(&apply(&mine.ws, &theirs.ws, &choose), id)
        .stamp
        .is_deleted());
}

#[test]
fn new_entities_are_added() {
    let ws = base();
    let (mine, mut theirs) = (Copy::of(&ws, 1), Copy::of(&ws, 2));
    let owner = ws.members[0].id;
    let mut draft = ProjectDraft::blank(&ws.settings.currency, Some(owner), d("2026-11-22"));
    draft.name = "Polaris Shipping".into();
    let id = ProjectId(uuid::Uuid::from_u128(77));
    assert!(theirs.edit(
        2,
        ProjectCommand::CreateProject {
            id,
            input: draft.check().unwrap()
        }
    ));
    let p = preview(&mine.ws, &theirs.ws);
    assert_eq!(counts(&p, Kind::Project).new, 1);
    assert!(apply(&mine.ws, &theirs.ws, &Choices::new())
        .project(id)
        .is_some());
}

#[test]
fn a_shared_project_merges_into_another_workspace_without_touching_its_settings() {
    let source = base();
    let helios = source
        .projects
        .iter()
        .find(|p| p.name.starts_with("Helios"))
        .unwrap()
        .id;
    let shared = pursuit::engine::share::project_file(&source, helios).expect("project exists");
    assert_eq!(shared.projects.len(), 1);
    assert!(
        !shared.tasks.is_empty(),
        "the shared project carries its tasks"
    );
    assert!(shared.tasks.iter().all(|t| t.project_id == helios));
    assert!(shared
        .members
        .iter()
        .any(|m| Some(m.id) == shared.projects[0].owner));

    let mut other = Workspace::new(
        WorkspaceId(uuid::Uuid::from_u128(9)),
        "Other team".into(),
        t0(),
    );
    other.settings.fiscal_year_start_month = 4;
    let p = preview(&other, &shared);
    assert!(!p.same_workspace);
    assert_eq!(counts(&p, Kind::Project).new, 1);
    assert!(!p.counts.contains_key(&Kind::Workspace));
    let merged = apply(&other, &shared, &Choices::new());
    assert_eq!(merged.name, "Other team");
    assert_eq!(merged.settings.fiscal_year_start_month, 4);
    assert_eq!(merged.tasks_of(helios).len(), source.tasks_of(helios).len());
    assert!(
        pursuit::engine::validate::validate(&merged).is_empty(),
        "{:?}",
        pursuit::engine::validate::validate(&merged)
    );

    // Shared back into the original workspace, it only updates that project.
    let p = preview(&source, &shared);
    assert!(!p.total().brings_anything());
}

// ---------- Properties ----------

#[derive(Clone, Debug)]
enum Op {
    Rename(usize, u8),
    Status(usize, u8),
    Delete(usize),
    Add(u8),
    Value(usize, u16),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..40usize, 0..4u8).prop_map(|(i, n)| Op::Rename(i, n)),
        2 => (0..40usize, 0..4u8).prop_map(|(i, s)| Op::Status(i, s)),
        1 => (0..40usize).prop_map(Op::Delete),
        1 => (0..4u8).prop_map(Op::Add),
        2 => (0..8usize, 1..500u16).prop_map(|(i, v)| Op::Value(i, v)),
    ]
}

impl Copy {
    fn run(&mut self, minute: i64, op: &Op) {
        match op {
            Op::Rename(i, n) => {
                self.rename_task(minute, *i, &format!("Renamed {n}"));
            }
            Op::Status(i, s) => {
                if let Some(t) = self.ws.tasks.iter().filter(|t| t.is_live()).nth(*i) {
                    let status = [
                        TaskStatus::Todo,
                        TaskStatus::InProgress,
                        TaskStatus::Blocked,
                        TaskStatus::Done,
                    ][*s as usize];
                    let id = t.id;
                    self.edit(minute, PlanCommand::SetTaskStatus { id, status });
                }
            }
            Op::Delete(i) => {
                if let Some(t) = self.ws.tasks.iter().filter(|t| t.is_live()).nth(*i) {
                    let id = t.id;
                    self.edit(minute, PlanCommand::DeleteTask(id));
                }
            }
            Op::Add(n) => {
                let project = self.ws.projects[0].id;
                let mut draft = TaskDraft::blank(None, None);
                draft.title = format!("New {n} by {}", self.replica.0);
                let id = TaskId(uuid::Uuid::from_u128(
                    1_000_000 + minute as u128 * 10 + self.replica.0 as u128,
                ));
                self.edit(
                    minute,
                    PlanCommand::AddTask {
                        id,
                        project,
                        input: draft.check().unwrap(),
                    },
                );
            }
            Op::Value(i, v) => {
                if let Some(p) = self.ws.projects.iter().filter(|p| p.is_live()).nth(*i) {
                    let mut draft = ProjectDraft::from_project(p);
                    draft.value = format!("{}", u32::from(*v) * 1000);
                    if let Ok(input) = draft.check() {
                        let id = p.id;
                        self.edit(minute, ProjectCommand::UpdateProject { id, input });
                    }
                }
            }
        }
    }
}

/// Copies of the sample after each ran its ops (interleaved in time, side by side).
fn diverge(sides: &[Vec<Op>]) -> (Workspace, Vec<Workspace>) {
    let start = base();
    let mut copies: Vec<Copy> = (0..sides.len())
        .map(|i| Copy::of(&start, i as u64 + 1))
        .collect();
    let longest = sides.iter().map(Vec::len).max().unwrap_or(0);
    for step in 0..longest {
        for (i, ops) in sides.iter().enumerate() {
            if let Some(op) = ops.get(step) {
                copies[i].run((step * sides.len() + i) as i64 + 1, op);
            }
        }
    }
    (start, copies.into_iter().map(|c| c.ws).collect())
}

fn none() -> Choices {
    Choices::new()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn merging_is_idempotent_and_commutative(a in prop::collection::vec(op(), 0..12), b in prop::collection::vec(op(), 0..12)) {
        let (_, copies) = diverge(&[a, b]);
        let (a, b) = (&copies[0], &copies[1]);
        let ab = apply(a, b, &none());
        prop_assert_eq!(&apply(&ab, b, &none()), &ab, "merging the same file twice changes nothing");
        prop_assert!(!preview(&ab, b).total().brings_anything());
        prop_assert_eq!(&apply(b, a, &none()), &ab, "either direction gives the same result");
    }

    #[test]
    fn merging_is_associative(a in prop::collection::vec(op(), 0..8), b in prop::collection::vec(op(), 0..8), c in prop::collection::vec(op(), 0..8)) {
        let (_, copies) = diverge(&[a, b, c]);
        let left = apply(&apply(&copies[0], &copies[1], &none()), &copies[2], &none());
        let right = apply(&copies[0], &apply(&copies[1], &copies[2], &none()), &none());
        prop_assert_eq!(left, right);
    }

    #[test]
    fn no_one_sided_edit_is_lost_and_every_two_sided_edit_is_a_conflict(a in prop::collection::vec(op(), 0..12), b in prop::collection::vec(op(), 0..12)) {
        let (start, copies) = diverge(&[a, b]);
        let (a, b) = (&copies[0], &copies[1]);
        let p = preview(a, b);
        for choice in [Choice::Mine, Choice::Theirs] {
            let merged = apply(a, b, &all(&p, choice));
            for t in &start.tasks {
                let (ta, tb) = (task(a, t.id), task(b, t.id));
                let (edited_a, edited_b) = (ta.stamp != t.stamp, tb.stamp != t.stamp);
                let m = task(&merged, t.id);
                let same = |x: &Task, y: &Task| x.title == y.title && x.status == y.status && x.stamp.is_deleted() == y.stamp.is_deleted();
                if edited_a && !edited_b {
                    prop_assert!(same(m, ta), "my edit of {} is kept", t.title);
                }
                if edited_b && !edited_a {
                    prop_assert!(same(m, tb), "their edit of {} is taken", t.title);
                }
                let differ = !same(ta, tb);
                if edited_a && edited_b && differ && !ta.stamp.is_deleted() && !tb.stamp.is_deleted() {
                    prop_assert!(p.conflicts.iter().any(|c| c.key == (Kind::Task, t.id.0)), "both edited {}: a conflict", t.title);
                }
            }
            for t in b.tasks.iter().filter(|t| !start.tasks.iter().any(|s| s.id == t.id)) {
                prop_assert!(merged.tasks.iter().any(|m| m.id == t.id), "their new task is added");
            }
        }
        let outcome_total = p.total();
        prop_assert_eq!(outcome_total.conflicts, p.conflicts.len());
        let _ = Outcome::New;
    }
}

#[test]
fn a_project_kept_over_their_deletion_keeps_what_it_owns() {
    let ws = base();
    let (mut mine, mut theirs) = (Copy::of(&ws, 1), Copy::of(&ws, 2));
    let project = ws
        .projects
        .iter()
        .find(|p| ws.tasks.iter().any(|t| t.project_id == p.id))
        .unwrap()
        .id;
    let owned = |w: &Workspace| {
        w.tasks.iter().filter(|t| t.is_live_in(project)).count()
            + w.milestones
                .iter()
                .filter(|m| m.is_live_in(project))
                .count()
            + w.communications
                .iter()
                .filter(|c| c.is_live_in(project))
                .count()
    };
    let before = owned(&ws);
    assert!(before > 0, "the sample project owns records");
    assert!(theirs.edit(3, ProjectCommand::DeleteProject(project)));
    // I edit the project after their deletion, and keep my version.
    let p = mine.ws.projects.iter().find(|p| p.id == project).unwrap();
    let mut draft = ProjectDraft::from_project(p);
    draft.name = "Kept and edited".into();
    let input = draft.check().unwrap();
    assert!(mine.edit(9, ProjectCommand::UpdateProject { id: project, input }));
    let p = preview(&mine.ws, &theirs.ws);
    assert!(p.conflicts.iter().any(|c| c.key.0 == Kind::Project));
    let mut merged = apply(&mine.ws, &theirs.ws, &all(&p, Choice::Mine));
    assert!(merged
        .projects
        .iter()
        .any(|p| p.id == project && p.is_live()));
    assert_eq!(
        owned(&merged),
        0,
        "the merge alone brings the project back empty"
    );
    let editor = Editor {
        member: None,
        replica: ReplicaId(1),
    };
    let (restored, touched) = pursuit::engine::merge::keep_children(
        &mut merged,
        &mine.ws,
        &theirs.ws,
        t0() + Duration::minutes(10),
        editor,
    );
    assert_eq!(owned(&merged), before, "everything it owned is back");
    let count = |k: Kind| restored.get(&k).copied().unwrap_or(0);
    assert_eq!(
        count(Kind::Task) + count(Kind::Milestone) + count(Kind::Communication),
        before
    );
    assert!(touched.projects.contains(&project));
    // When the teammate merges the result, the project and its records stay.
    let back = apply(&theirs.ws, &merged, &Choices::new());
    assert_eq!(owned(&back), before);
    assert!(back.projects.iter().any(|p| p.id == project && p.is_live()));
}

/// Two workspaces started separately from the same sample: the same five people and the
/// same playbooks under other ids.
fn started_separately() -> (Workspace, Workspace) {
    let mine = base();
    let theirs = pursuit::sample::sample_workspace(
        common::at(30),
        common::today(),
        &mut SequentialIds::starting_at(5_000_000),
    );
    (mine, theirs)
}

#[test]
fn separately_started_workspaces_pair_people_by_email_and_playbooks_by_name() {
    use pursuit::engine::merge::{pairings, remap, PairKind};
    let (mine, mut theirs) = started_separately();
    // One of theirs changed her e-mail: she is still matched, by name.
    theirs.members[0].email = "maya@elsewhere.example".into();
    let pairs = pairings(&mine, &theirs);
    let people: Vec<_> = pairs
        .iter()
        .filter(|p| p.kind == PairKind::Member)
        .collect();
    assert_eq!(people.len(), 5);
    assert!(people.iter().all(|p| p.proposed.is_some()));
    assert_eq!(people.iter().filter(|p| p.why == "same e-mail").count(), 4);
    assert_eq!(people.iter().filter(|p| p.why == "same name").count(), 1);
    let playbooks: Vec<_> = pairs
        .iter()
        .filter(|p| p.kind == PairKind::Template)
        .collect();
    assert_eq!(playbooks.len(), mine.templates.len());
    assert!(playbooks.iter().all(|p| p.proposed.is_some()));

    // Without pairing, every person and playbook would be there twice.
    let merged = apply(&mine, &theirs, &Choices::new());
    assert_eq!(merged.live_members().count(), 10);

    let accepted: Vec<(uuid::Uuid, uuid::Uuid)> = pairs
        .iter()
        .filter_map(|p| p.proposed.map(|m| (p.theirs, m)))
        .collect();
    let mapped = remap(&theirs, &accepted);
    let merged = apply(
        &mine,
        &mapped,
        &pursuit::engine::merge::all(&preview(&mine, &mapped), Choice::Mine),
    );
    assert_eq!(merged.live_members().count(), 5, "one member per person");
    assert_eq!(
        merged.live_templates().count(),
        mine.live_templates().count()
    );
    // Their projects come in, owned by the people here.
    assert_eq!(
        merged.live_projects().count(),
        2 * mine.live_projects().count()
    );
    let ids: Vec<MemberId> = mine.members.iter().map(|m| m.id).collect();
    assert!(merged
        .projects
        .iter()
        .filter_map(|p| p.owner)
        .all(|o| ids.contains(&o)));
    assert!(merged
        .tasks
        .iter()
        .filter_map(|t| t.owner)
        .all(|o| ids.contains(&o)));
    assert_eq!(pursuit::engine::validate::validate(&merged), vec![]);

    // A pairing someone turned down keeps that person as new.
    let mut some = accepted.clone();
    some.remove(0);
    let merged = apply(&mine, &remap(&theirs, &some), &Choices::new());
    assert_eq!(merged.live_members().count(), 6);
}
