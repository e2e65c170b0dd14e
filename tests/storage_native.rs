//! The storage layout, tested natively against an in-memory store with a browser-like quota.

use pursuit::model::command::{apply, Context, Touched};
use pursuit::model::draft::TaskDraft;
use pursuit::model::*;
use pursuit::storage::{self, codec, KeyValue, Loaded, MemoryStore, StoreError, WORKSPACE_KEY};

const V1: &str = include_str!("fixtures/workspace-v1.json");

fn sample() -> Workspace {
    pursuit::format::read(V1).unwrap()
}

fn cx() -> Context {
    Context {
        now: "2026-11-22T10:00:00Z".parse().unwrap(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        actor: None,
        replica: ReplicaId(1),
    }
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
    ws.projects.sort_by_key(|p| p.id);
    ws.milestones.sort_by_key(|m| m.id);
    ws.tasks.sort_by_key(|t| t.id);
    ws.risks.sort_by_key(|r| r.id);
    ws.stakeholders.sort_by_key(|s| s.id);
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
        Command::AddTask {
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
        .find(|k| k.starts_with(storage::PROJECT_PREFIX))
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
    let head = codec::decode(&kv.get(WORKSPACE_KEY).unwrap().unwrap()).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&head).unwrap();
    value["schema_version"] = serde_json::json!(7);
    kv.set(WORKSPACE_KEY, &codec::encode(&value.to_string()))
        .unwrap();
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
    let gone = smaller.projects.pop().unwrap().id;
    storage::replace(&kv, &smaller, cx().now).unwrap();
    assert!(!loaded(&kv).projects.iter().any(|p| p.id == gone));
}

#[test]
fn two_thousand_projects_fit_in_a_browser_quota() {
    // 2,000 projects × 20 tasks with realistic text must fit in Chromium's ~5.2M units.
    let ws = pursuit::sample::benchmark_workspace(2000, cx().today);
    assert_eq!(pursuit::engine::validate::validate(&ws), vec![]);
    let kv = MemoryStore::with_quota(5_200_000);
    let report = storage::replace(&kv, &ws, cx().now).expect("2,000 projects fit");
    assert!(
        report.units < 4_000_000,
        "{} units leaves too little headroom",
        report.units
    );
}
