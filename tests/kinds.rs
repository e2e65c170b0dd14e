//! Every kind of record in the one declaration (`project_records!`, `workspace_records!`)
//! is carried by every path: export and import, storage, merge, share, undo and history.
//! A kind added to the declaration is checked here without editing this file.

use pursuit::engine::history::{diff, revert, Way};
use pursuit::engine::merge::{apply as merge, Choices};
use pursuit::model::command::{perform as apply, Context};
use pursuit::model::ProjectCommand;
use pursuit::model::*;
use pursuit::storage::{self, Loaded, MemoryStore};
use pursuit::{project_records, workspace_records};

fn sample() -> Workspace {
    // The newest golden file: it holds a record of every kind.
    pursuit::format::read(include_str!("fixtures/workspace-v3.json")).unwrap()
}

fn cx() -> Context {
    Context {
        now: "2026-11-23T10:00:00Z".parse().unwrap(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        actor: None,
        replica: ReplicaId(7),
    }
}

/// Asserts that `after` holds the same records of every declared kind as `before`.
fn same_records(what: &str, before: &Workspace, after: &Workspace) {
    macro_rules! check {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(
                assert!(!before.$field.is_empty(), "the sample has {}", stringify!($field));
                let mut a: Vec<_> = before.$field.iter().map(|x| x.id).collect();
                let mut b: Vec<_> = after.$field.iter().map(|x| x.id).collect();
                pursuit::sorting::sort(&mut a);
                pursuit::sorting::sort(&mut b);
                assert_eq!(a, b, "{what} carries every {}", stringify!($field));
            )*
        };
    }
    project_records!(check);
    workspace_records!(check);
}

#[test]
fn export_and_import_carry_every_kind() {
    let ws = sample();
    let again = pursuit::format::read(&pursuit::format::write(&ws, cx().now)).unwrap();
    same_records("export and import", &ws, &again);
}

#[test]
fn storage_carries_every_kind() {
    let ws = sample();
    let kv = MemoryStore::default();
    storage::replace(&kv, &ws, cx().now).unwrap();
    let Loaded::Workspace { workspace, .. } = storage::load(&kv).unwrap() else {
        panic!("stored workspace reads back")
    };
    same_records("storage", &ws, &workspace);
}

#[test]
fn merge_carries_every_kind() {
    let ws = sample();
    let mut empty = Workspace::new(ws.id, ws.name.clone(), cx().now);
    empty.settings = ws.settings.clone();
    let merged = merge(&empty, &ws, &Choices::new());
    same_records("a merge into an empty copy", &ws, &merged);
}

/// For each kind, a project that has records of it is shared, deleted (the history notes
/// every record of the kind) and the deletion undone (they all come back).
#[test]
fn share_undo_and_history_carry_every_project_kind() {
    let start = sample();
    macro_rules! check {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $({
                let kind = stringify!($field);
                let p = start.$field.first().unwrap_or_else(|| panic!("the sample has {kind}")).project_id;
                let owned: Vec<_> = start.$field.iter().filter(|x| x.project_id == p).map(|x| x.id).collect();
                let shared = pursuit::engine::share::project_file(&start, p).unwrap();
                assert!(owned.iter().all(|id| shared.$field.iter().any(|x| x.id == *id)), "share carries {kind}");
                let mut ws = start.clone();
                let touched = apply(&mut ws, ProjectCommand::DeleteProject(p), &cx()).unwrap();
                let changes = diff(&start, &ws, &touched);
                assert!(changes.iter().any(|c| c.kind == pursuit::engine::records::Kind::$k), "history notes the deleted {kind}");
                revert(&mut ws, &changes, Way::Back, &cx());
                for x in start.$field.iter().filter(|x| x.project_id == p && x.is_live()) {
                    assert!(ws.$field.iter().any(|y| y.id == x.id && y.is_live()), "undo brings back {kind}");
                }
            })*
        };
    }
    project_records!(check);
}

/// A collection added to the workspace but not to the declaration would be dropped by
/// every path above: the workspace's fields are exactly the declared ones and the few
/// handled by name.
#[test]
fn every_collection_of_the_workspace_is_declared() {
    let value = serde_json::to_value(sample()).unwrap();
    let mut fields: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    pursuit::sorting::sort(&mut fields);
    let mut declared: Vec<String> = ["id", "stamp", "name", "settings", "projects", "history"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    macro_rules! names {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(declared.push(stringify!($field).to_string());)*
        };
    }
    project_records!(names);
    workspace_records!(names);
    pursuit::sorting::sort(&mut declared);
    assert_eq!(fields, declared);
}
