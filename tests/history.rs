//! Undo, redo and the change history: records go back and forward as new edits, and each
//! change is described in words.

mod common;
use pursuit::engine::history::{describe, diff, revert, Way};
use pursuit::engine::merge::{apply as merge, Choices};
use pursuit::model::command::{perform as apply, Context};
use pursuit::model::ProjectCommand;
use pursuit::model::ProjectDraft;
use pursuit::model::*;

use common::{sample as ws, today};

fn cx(minute: i64, replica: u64) -> Context {
    common::context(common::at(minute), None, replica)
}

fn helios(ws: &Workspace) -> &Project {
    ws.projects
        .iter()
        .find(|p| p.name.starts_with("Helios"))
        .unwrap()
}

/// Applies a command and returns the changes and their description.
fn change(
    ws: &mut Workspace,
    minute: i64,
    command: impl Into<Command>,
) -> (
    Vec<pursuit::engine::history::Change>,
    pursuit::engine::history::Description,
) {
    let command = command.into();
    let before = ws.clone();
    let touched = apply(ws, command.clone(), &cx(minute, 1)).unwrap();
    let changes = diff(&before, ws, &touched);
    let d = describe(&command, &before, ws, &changes);
    (changes, d)
}

#[test]
fn a_value_change_is_described_with_before_and_after() {
    let mut ws = ws();
    let p = helios(&ws).clone();
    let mut draft = ProjectDraft::from_project(&p);
    draft.value = "535,000".into();
    let (changes, d) = change(
        &mut ws,
        1,
        ProjectCommand::UpdateProject {
            id: p.id,
            input: draft.check().unwrap(),
        },
    );
    assert_eq!(changes.len(), 1);
    assert_eq!(d.project, Some(p.id));
    assert_eq!(d.summary, format!("edited project “{}”", p.name));
    assert_eq!(d.details, ["Value: EUR 480,000 → EUR 535,000"]);
}

#[test]
fn a_stage_move_reads_as_one() {
    let mut ws = ws();
    let p = helios(&ws).clone();
    let (_, d) = change(
        &mut ws,
        1,
        ProjectCommand::ChangeStage {
            id: p.id,
            to: Stage::Negotiation,
            unmet: vec![],
            reason: None,
            probability: 80,
            close_passed: None,
        },
    );
    assert_eq!(
        d.summary,
        format!("moved {} from Proposal to Negotiation", p.name)
    );
}

#[test]
fn undo_and_redo_of_a_deletion_and_of_a_creation() {
    let mut ws = ws();
    let p = helios(&ws).clone();
    let tasks = ws.tasks_of(p.id).len();
    let (changes, d) = change(&mut ws, 1, ProjectCommand::DeleteProject(p.id));
    assert!(
        d.summary
            .starts_with(&format!("deleted project “{}”", p.name)),
        "{}",
        d.summary
    );
    assert!(changes.len() > tasks, "the project and everything it owns");
    assert!(ws.project(p.id).is_none());

    let touched = revert(&mut ws, &changes, Way::Back, &cx(2, 1));
    assert!(touched.projects.contains(&p.id));
    let back = ws.project(p.id).expect("undo brings the project back");
    assert_eq!(back.name, p.name);
    assert_eq!(ws.tasks_of(p.id).len(), tasks);
    assert!(
        back.stamp.versions.compare(&p.stamp.versions) == Order::Newer,
        "the undo is a new edit"
    );

    revert(&mut ws, &changes, Way::Forward, &cx(3, 1));
    assert!(ws.project(p.id).is_none(), "redo deletes again");

    // Undoing a creation tombstones what was created.
    let mut draft = ProjectDraft::blank(&ws.settings.currency, None, today());
    draft.name = "Polaris".into();
    let id = ProjectId(uuid::Uuid::from_u128(99));
    let (changes, d) = change(
        &mut ws,
        4,
        ProjectCommand::CreateProject {
            id,
            input: draft.check().unwrap(),
        },
    );
    assert_eq!(d.summary, "added project “Polaris”");
    revert(&mut ws, &changes, Way::Back, &cx(5, 1));
    assert!(ws.project(id).is_none());
}

#[test]
fn an_undo_travels_to_a_teammate_like_any_edit() {
    let base = ws();
    let mut mine = base.clone();
    let teammate = base.clone();
    let p = helios(&base).clone();
    let mut draft = ProjectDraft::from_project(&p);
    draft.value = "1".into();
    let (changes, _) = change(
        &mut mine,
        1,
        ProjectCommand::UpdateProject {
            id: p.id,
            input: draft.check().unwrap(),
        },
    );
    revert(&mut mine, &changes, Way::Back, &cx(2, 1));
    // The teammate never saw the edit; after merging my file they have my undone state.
    let merged = merge(&teammate, &mine, &Choices::new());
    assert_eq!(merged.project(p.id).unwrap().value, p.value);
    // And a teammate who merged the edit before the undo gets the undo too.
    let mut edited = base.clone();
    let (c2, _) = change(
        &mut edited,
        1,
        ProjectCommand::UpdateProject {
            id: p.id,
            input: ProjectDraft::from_project(&p).check().unwrap(),
        },
    );
    let _ = c2;
    let theirs = merge(&base, &mine, &Choices::new());
    assert_eq!(theirs.project(p.id).unwrap().value, p.value);
}

fn entry(project: Option<ProjectId>, minute: i64, n: u128) -> ChangeRecord {
    ChangeRecord {
        id: ChangeId(uuid::Uuid::from_u128(n)),
        stamp: Stamp::new(cx(minute, 1).now, None),
        project_id: project,
        summary: format!("edit {n}"),
        details: Vec::new(),
    }
}

#[test]
fn history_keeps_the_newest_entries_by_a_documented_rule() {
    use pursuit::model::limits::{HISTORY_PER_PROJECT, HISTORY_WORKSPACE};
    let mut w = ws();
    w.history.clear();
    let p = helios(&w).id;
    for i in 0..(HISTORY_PER_PROJECT + 50) {
        w.history.push(entry(Some(p), i as i64, 1_000 + i as u128));
    }
    for i in 0..(HISTORY_WORKSPACE + 7) {
        w.history.push(entry(None, i as i64, 100_000 + i as u128));
    }
    // After a note, only the noted group is counted: a full project is pruned, the
    // workspace's own group is left for its own next note.
    let mut noted = w.clone();
    assert_eq!(
        pursuit::engine::history::prune_after_note(&mut noted, Some(p)),
        57
    );
    let mut quiet = w.clone();
    quiet.history.retain(|h| h.project_id.is_none());
    assert_eq!(
        pursuit::engine::history::prune_after_note(&mut quiet, Some(p)),
        0
    );
    let dropped = pursuit::engine::history::prune(&mut w);
    assert_eq!(dropped, 57);
    let kept: Vec<&ChangeRecord> = w
        .history
        .iter()
        .filter(|h| h.project_id == Some(p))
        .collect();
    assert_eq!(kept.len(), HISTORY_PER_PROJECT);
    assert!(
        kept.iter().all(|h| h.id.0.as_u128() >= 1_050),
        "the oldest went first"
    );
    assert_eq!(
        w.history.iter().filter(|h| h.project_id.is_none()).count(),
        HISTORY_WORKSPACE
    );
    assert_eq!(
        pursuit::engine::history::prune(&mut w),
        0,
        "pruning twice changes nothing"
    );

    // Two copies that each added entries merge to the same bounded history either way.
    let (mut a, mut b) = (w.clone(), w.clone());
    for i in 0..120 {
        a.history
            .push(entry(Some(p), 1_000 + i, 500_000 + i as u128));
        b.history
            .push(entry(Some(p), 1_000 + i, 600_000 + i as u128));
    }
    pursuit::engine::history::prune(&mut a);
    pursuit::engine::history::prune(&mut b);
    let ab = merge(&a, &b, &Choices::new());
    let ba = merge(&b, &a, &Choices::new());
    let count = |w: &Workspace| w.history.iter().filter(|h| h.project_id == Some(p)).count();
    assert_eq!(count(&ab), HISTORY_PER_PROJECT);
    let ids = |w: &Workspace| {
        let mut v: Vec<_> = w.history.iter().map(|h| h.id).collect();
        pursuit::sorting::sort(&mut v);
        v
    };
    assert_eq!(ids(&ab), ids(&ba));
}
