//! The storage layout, tested natively against an in-memory store with a browser-like quota.

mod common;
use pursuit::model::command::{perform as apply, Context, Touched};
use pursuit::model::PlanCommand;
use pursuit::model::TaskDraft;
use pursuit::model::*;
use pursuit::storage::{self, codec, KeyValue, Loaded, MemoryStore, ReplaceError, StoreError};

const V1: &str = include_str!("fixtures/workspace-v1.json");

use common::fixture as sample;

#[path = "support/workspaces.rs"]
mod workspaces;

fn cx() -> Context {
    common::context(common::at(60), None, 1)
}

fn loaded(kv: &MemoryStore) -> Workspace {
    match storage::load(kv).unwrap() {
        Loaded::Workspace {
            workspace,
            problems,
            ..
        } => {
            assert!(problems.is_empty(), "{problems:?}");
            *workspace
        }
        other => panic!("expected a workspace, got {other:?}"),
    }
}

/// Collections come back grouped by project; compare them as sets.
fn normalized(mut ws: Workspace) -> Workspace {
    pursuit::sorting::sort_by_key(&mut ws.projects, |p| p.id);
    pursuit::sorting::sort_by_key(&mut ws.milestones, |m| m.id);
    pursuit::sorting::sort_by_key(&mut ws.tasks, |t| t.id);
    pursuit::sorting::sort_by_key(&mut ws.risks, |r| r.id);
    pursuit::sorting::sort_by_key(&mut ws.stakeholders, |s| s.id);
    ws
}

#[test]
fn empty_store_is_first_run() {
    assert!(matches!(
        storage::load(&MemoryStore::default()).unwrap(),
        Loaded::Empty
    ));
}

#[test]
fn saved_workspace_loads_back() {
    let kv = MemoryStore::default();
    let ws = sample();
    storage::replace(&kv, &ws, cx().now).unwrap();
    assert_eq!(normalized(loaded(&kv)), normalized(ws));
}

/// The records of projects, each with whether it is kept as plain JSON and its JSON's length.
fn project_forms(kv: &MemoryStore) -> Vec<(bool, usize)> {
    let items = kv.items.borrow();
    let forms: Vec<(bool, usize)> = items
        .iter()
        .filter(|(key, _)| key.contains(":project:"))
        .map(|(_, value)| (value.starts_with('{'), codec::decode(value).unwrap().len()))
        .collect();
    assert!(!forms.is_empty());
    forms
}

/// A store kept as IndexedDB keeps records (small ones as plain JSON, large ones
/// compressed) reads back the same; one that holds compressed records from before reads
/// both forms side by side.
#[test]
fn plain_records_load_back_beside_compressed_ones() {
    let compressed = MemoryStore::default();
    let mut ws = sample();
    storage::replace(&compressed, &ws, cx().now).unwrap();
    assert!(project_forms(&compressed).iter().all(|(plain, _)| !plain));
    let kv = MemoryStore::plain();
    for (key, value) in compressed.items.borrow().iter() {
        kv.set(key, value).unwrap();
    }
    // A project of its own, small: the one record written again, as plain JSON.
    let project = ProjectId(uuid::Uuid::from_u128(79));
    let mut input = ProjectDraft::blank(&Currency::default(), None, cx().now.date_naive());
    input.name = "Harbour renewal".into();
    let command = ProjectCommand::CreateProject {
        id: project,
        input: input.check().unwrap(),
    };
    let touched = apply(&mut ws, command, &cx()).unwrap();
    storage::save(&kv, &ws, &touched, cx().now).unwrap();
    let plain = project_forms(&kv)
        .iter()
        .filter(|(plain, _)| *plain)
        .count();
    assert_eq!(plain, 1);
    assert_eq!(normalized(loaded(&kv)), normalized(ws.clone()));

    let fresh = MemoryStore::plain();
    storage::replace(&fresh, &ws, cx().now).unwrap();
    let forms = project_forms(&fresh);
    assert!(forms.iter().any(|(plain, _)| *plain));
    assert!(forms.iter().any(|(plain, _)| !plain), "{forms:?}");
    for (plain, json) in forms {
        assert_eq!(plain, json < storage::PLAIN_BELOW, "{json} bytes");
    }
    assert_eq!(normalized(loaded(&fresh)), normalized(ws));
}

#[test]
fn one_edit_rewrites_one_record() {
    let kv = MemoryStore::default();
    let mut ws = sample();
    storage::replace(&kv, &ws, cx().now).unwrap();
    let project = ws.projects[0].id;
    let mut draft = TaskDraft::blank(None, None);
    draft.title = "Call the CFO".into();
    let touched = apply(
        &mut ws,
        PlanCommand::AddTask {
            id: TaskId(uuid::Uuid::from_u128(77)),
            project,
            input: draft.check().unwrap(),
        },
        &cx(),
    )
    .unwrap();
    assert_eq!(
        touched,
        Touched {
            workspace: false,
            projects: [project].into()
        }
    );
    let report = storage::save(&kv, &ws, &touched, cx().now).unwrap();
    assert_eq!(report.records, 1);
    assert!(loaded(&kv).tasks.iter().any(|t| t.title == "Call the CFO"));
}

#[test]
fn quota_error_is_reported_and_nothing_stored_is_damaged() {
    let ws = sample();
    let roomy = MemoryStore::default();
    storage::replace(&roomy, &ws, cx().now).unwrap();
    let used = roomy.used();

    // A store with just enough room for the current data.
    let kv = MemoryStore::with_quota(used + 10);
    storage::replace(&kv, &ws, cx().now).unwrap();
    let before = kv.items.borrow().clone();

    let mut bigger = ws.clone();
    bigger.projects[0].description = "x".repeat(50_000);
    let touched = Touched {
        workspace: false,
        projects: [bigger.projects[0].id].into(),
    };
    assert_eq!(
        storage::save(&kv, &bigger, &touched, cx().now),
        Err(StoreError::QuotaExceeded)
    );
    assert_eq!(
        *kv.items.borrow(),
        before,
        "a failed write leaves stored data as it was"
    );
    assert_eq!(normalized(loaded(&kv)), normalized(ws));
}

#[test]
fn corrupt_record_is_unreadable_and_kept() {
    let kv = MemoryStore::default();
    storage::replace(&kv, &sample(), cx().now).unwrap();
    let key = kv
        .keys()
        .unwrap()
        .into_iter()
        .find(|k| k.starts_with(&storage::project_prefix(storage::generation(&kv).unwrap())))
        .unwrap();
    kv.set(&key, "z99:garbage").unwrap();
    let before = kv.items.borrow().clone();
    match storage::load(&kv).unwrap() {
        Loaded::Unreadable { reason, raw } => {
            assert!(reason.contains(&key), "{reason}");
            let raw: std::collections::BTreeMap<String, String> =
                serde_json::from_str(&raw).unwrap();
            assert_eq!(raw.get(&key).map(String::as_str), Some("z99:garbage"));
            assert_eq!(raw.len(), before.len());
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
    assert_eq!(
        *kv.items.borrow(),
        before,
        "loading never changes what is stored"
    );
    let backup = storage::keep_backup(&kv, "{\"raw\":1}", cx().now).unwrap();
    assert!(backup.starts_with(storage::BACKUP_PREFIX));
    // Keeping the same text again reuses the backup instead of piling up copies.
    assert_eq!(
        storage::keep_backup(&kv, "{\"raw\":1}", cx().now).unwrap(),
        backup
    );
}

#[test]
fn newer_schema_in_storage_is_unreadable() {
    let kv = MemoryStore::default();
    storage::replace(&kv, &sample(), cx().now).unwrap();
    let key = storage::workspace_key(storage::generation(&kv).unwrap());
    let head = codec::decode(&kv.get(&key).unwrap().unwrap()).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&head).unwrap();
    value["schema_version"] = serde_json::json!(7);
    kv.set(&key, &codec::encode(&value.to_string())).unwrap();
    match storage::load(&kv).unwrap() {
        Loaded::Unreadable { reason, .. } => assert!(reason.contains("newer version"), "{reason}"),
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

#[test]
fn replace_removes_records_of_projects_no_longer_present() {
    let kv = MemoryStore::default();
    let ws = sample();
    storage::replace(&kv, &ws, cx().now).unwrap();
    let mut smaller = ws.clone();
    let gone = smaller.projects.last().unwrap().id;
    smaller.projects.retain(|p| p.id != gone);
    storage::replace(&kv, &smaller, cx().now).unwrap();
    assert!(!loaded(&kv).projects.iter().any(|p| p.id == gone));
}

#[test]
fn two_thousand_projects_fit_in_a_browser_quota() {
    // 2,000 projects × 20 tasks with realistic text must fit in Chromium's ~5.2M units.
    let ws = workspaces::benchmark_workspace(2000, cx().today);
    assert_eq!(pursuit::engine::validate::validate(&ws), vec![]);
    let kv = MemoryStore::with_quota(5_200_000);
    let report = storage::replace(&kv, &ws, cx().now).expect("2,000 projects fit");
    assert!(
        report.units < 4_000_000,
        "{} units leaves too little headroom",
        report.units
    );
}

/// A store that fails like a full browser but does not say its quota up front, so a replace
/// can only find out by writing.
struct Blind(MemoryStore);

impl KeyValue for Blind {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.0.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.0.keys()
    }
}

#[test]
fn a_replace_that_does_not_fit_is_refused_before_anything_is_written() {
    let kv = MemoryStore::with_quota(300_000);
    let ws = sample();
    storage::replace(&kv, &ws, cx().now).unwrap();
    let before = kv.items.borrow().clone();
    let huge = workspaces::benchmark_workspace(280, cx().today);
    match storage::replace(&kv, &huge, cx().now) {
        Err(ReplaceError::TooBig { needed, free, .. }) => {
            assert!(needed > free, "{needed} > {free}");
            let message = storage::replace(&kv, &huge, cx().now)
                .unwrap_err()
                .to_string();
            assert!(
                message.contains(" KB of browser storage")
                    && message.contains("Nothing was changed"),
                "{message}"
            );
        }
        other => panic!("expected TooBig, got {other:?}"),
    }
    assert_eq!(*kv.items.borrow(), before, "nothing stored changed");
    assert_eq!(normalized(loaded(&kv)), normalized(ws));
}

#[test]
fn a_replace_that_fails_mid_way_leaves_the_old_workspace_intact() {
    let ws = sample();
    let kv = Blind(MemoryStore::with_quota(200_000));
    storage::replace(&kv, &ws, cx().now).unwrap();
    let before = kv.0.items.borrow().clone();
    let big = workspaces::benchmark_workspace(400, cx().today);
    assert_eq!(
        storage::replace(&kv, &big, cx().now),
        Err(ReplaceError::Store(StoreError::QuotaExceeded))
    );
    assert_eq!(
        *kv.0.items.borrow(),
        before,
        "what was written of the new one is gone"
    );
    assert_eq!(normalized(loaded(&kv.0)), normalized(ws.clone()));
    // Edits after the failure still save, into the old workspace.
    let mut edited = ws.clone();
    edited.projects[0].name = "Renamed after a failed import".into();
    let touched = Touched {
        workspace: false,
        projects: [edited.projects[0].id].into(),
    };
    storage::save(&kv, &edited, &touched, cx().now).unwrap();
    assert!(loaded(&kv.0)
        .projects
        .iter()
        .any(|p| p.name == "Renamed after a failed import"));
}

#[test]
fn leftovers_of_an_interrupted_replace_are_ignored_then_tidied() {
    let kv = MemoryStore::default();
    let ws = sample();
    storage::replace(&kv, &ws, cx().now).unwrap();
    let current = storage::generation(&kv).unwrap();
    // A replace that died after writing part of the next generation.
    let next = current + 1;
    kv.set(&storage::workspace_key(next), "z5:garbage").unwrap();
    kv.set(&format!("{}x", storage::project_prefix(next)), "half")
        .unwrap();
    assert_eq!(normalized(loaded(&kv)), normalized(ws.clone()));
    storage::replace(&kv, &ws, cx().now).unwrap();
    assert!(!kv
        .keys()
        .unwrap()
        .iter()
        .any(|k| k.ends_with("x") || kv.get(k).unwrap().as_deref() == Some("z5:garbage")));
    assert_eq!(normalized(loaded(&kv)), normalized(ws));
}

/// The stored layout of schema version 1 (records under `pursuit:workspace` and
/// `pursuit:project:<id>`, no head key), as a browser that ran the first release holds it.
const STORED_V1: &str = include_str!("fixtures/stored-v1.json");

fn store_from_fixture(text: &str) -> MemoryStore {
    let kv = MemoryStore::default();
    let items: std::collections::BTreeMap<String, String> = serde_json::from_str(text).unwrap();
    assert!(!items.is_empty());
    for (k, v) in items {
        kv.set(&k, &v).unwrap();
    }
    kv
}

#[test]
fn stored_data_of_every_schema_version_loads() {
    let kv = store_from_fixture(STORED_V1);
    let typed = normalized(loaded(&kv));
    assert!(!typed.projects.is_empty());
    assert_eq!(typed, normalized(sample()));
    // The migration path (assembled as JSON, migrated, then read) gives the same workspace.
    match storage::load_via_migrations(&kv).unwrap() {
        Loaded::Workspace { workspace, .. } => assert_eq!(normalized(*workspace), typed),
        other => panic!("expected a workspace, got {other:?}"),
    }
    // Saving into it and replacing it work from the old layout.
    storage::replace(&kv, &sample(), cx().now).unwrap();
    assert!(kv.get(storage::WORKSPACE_KEY).unwrap().is_none());
    assert_eq!(normalized(loaded(&kv)), normalized(sample()));
}

#[test]
fn a_damaged_length_prefix_is_unreadable_not_a_crash() {
    let kv = MemoryStore::default();
    storage::replace(&kv, &sample(), cx().now).unwrap();
    let key = storage::workspace_key(storage::generation(&kv).unwrap());
    let stored = kv.get(&key).unwrap().unwrap();
    let rest = stored.split_once(':').unwrap().1.to_string();
    kv.set(&key, &format!("z2147483647:{rest}")).unwrap();
    assert!(matches!(
        storage::load(&kv).unwrap(),
        Loaded::Unreadable { .. }
    ));
}

#[test]
fn a_download_of_stored_data_opens_like_an_export() {
    let kv = MemoryStore::default();
    storage::replace(&kv, &sample(), cx().now).unwrap();
    let dump = serde_json::to_string(&*kv.items.borrow()).unwrap();
    let ws = storage::read_dump(&dump)
        .expect("recognised")
        .expect("readable");
    assert_eq!(normalized(ws), normalized(sample()));
    assert!(storage::read_dump(V1).is_none(), "an export is not a dump");
    assert!(storage::read_dump("{\"pursuit:head\":\"1\"}")
        .unwrap()
        .is_err());
}
