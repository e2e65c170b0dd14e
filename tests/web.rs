//! The storage adapter in a real browser (headless Chromium): localStorage round trips,
//! a full quota reported as such with nothing stored damaged, and corrupt data kept.
#![cfg(target_arch = "wasm32")]

use pursuit::model::command::Touched;
use pursuit::storage::{self, web::BrowserStorage, KeyValue, Loaded, StoreError};
use wasm_bindgen_test::*;

#[path = "support/workspaces.rs"]
mod workspaces;

wasm_bindgen_test_configure!(run_in_browser);

const V1: &str = include_str!("fixtures/workspace-v1.json");

fn clean() -> BrowserStorage {
    let kv = BrowserStorage::open();
    for key in kv.keys().unwrap() {
        kv.remove(&key).unwrap();
    }
    kv
}

fn now() -> chrono::DateTime<chrono::Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

#[wasm_bindgen_test]
fn workspace_round_trips_through_local_storage() {
    let kv = clean();
    let ws = pursuit::format::read(V1).unwrap();
    storage::replace(&kv, &ws, now()).unwrap();
    match storage::load(&kv).unwrap() {
        Loaded::Workspace {
            workspace,
            problems,
            ..
        } => {
            assert!(problems.is_empty());
            assert_eq!(workspace.projects.len(), ws.projects.len());
            assert_eq!(workspace.tasks.len(), ws.tasks.len());
        }
        other => panic!("expected a workspace, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_stored_data_is_unchanged() {
    let kv = clean();
    let ws = pursuit::format::read(V1).unwrap();
    storage::replace(&kv, &ws, now()).unwrap();
    let before: Vec<(String, Option<String>)> = kv
        .keys()
        .unwrap()
        .into_iter()
        .map(|k| (k.clone(), kv.get(&k).unwrap()))
        .collect();

    // Fill the rest of the origin's quota.
    let chunk = "x".repeat(256 * 1024);
    let mut i = 0;
    while kv.set(&format!("filler:{i}"), &chunk).is_ok() {
        i += 1;
    }
    let mut size = 4096;
    while size > 0 {
        if kv.set(&format!("filler:s{i}"), &"y".repeat(size)).is_err() {
            size /= 2;
        }
        i += 1;
    }

    let mut bigger = ws.clone();
    bigger.projects[0].description = "A much longer description. ".repeat(2000);
    let touched = Touched {
        workspace: false,
        projects: [bigger.projects[0].id].into(),
    };
    assert_eq!(
        storage::save(&kv, &bigger, &touched, now()),
        Err(StoreError::QuotaExceeded)
    );

    for (key, value) in before {
        assert_eq!(kv.get(&key).unwrap(), value, "{key} changed");
    }
    clean();
}

#[wasm_bindgen_test]
fn corrupt_data_is_reported_kept_and_backed_up() {
    let kv = clean();
    kv.set(storage::WORKSPACE_KEY, "not ours at all").unwrap();
    let Loaded::Unreadable { reason, raw } = storage::load(&kv).unwrap() else {
        panic!("expected unreadable")
    };
    assert!(reason.contains("workspace record"), "{reason}");
    let key = storage::keep_backup(&kv, &raw, now()).unwrap();
    assert_eq!(
        kv.get(storage::WORKSPACE_KEY).unwrap().as_deref(),
        Some("not ours at all")
    );
    assert!(kv.get(&key).unwrap().unwrap().contains("not ours at all"));
    clean();
}

#[wasm_bindgen_test]
fn a_replace_that_does_not_fit_changes_nothing_stored() {
    let kv = clean();
    let ws = pursuit::format::read(V1).unwrap();
    storage::replace(&kv, &ws, now()).unwrap();
    let ours = |kv: &BrowserStorage| -> Vec<(String, Option<String>)> {
        let mut keys: Vec<String> = kv
            .keys()
            .unwrap()
            .into_iter()
            .filter(|k| k.starts_with("pursuit:"))
            .collect();
        keys.sort();
        keys.into_iter()
            .map(|k| (k.clone(), kv.get(&k).unwrap()))
            .collect()
    };
    let before = ours(&kv);
    assert!(!before.is_empty());
    // Leave about 100,000 units free: far less than 1,500 projects need.
    let chunk = "x".repeat(256 * 1024);
    let mut i = 0;
    while kv.set(&format!("filler:{i}"), &chunk).is_ok() {
        i += 1;
    }
    let _ = kv.remove("filler:0");
    let big = workspaces::benchmark_workspace(
        1_500,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    );
    assert!(storage::replace(&kv, &big, now()).is_err());
    assert_eq!(
        ours(&kv),
        before,
        "the stored workspace is exactly as before"
    );
    clean();
}

/// The records' store in IndexedDB: a workspace written through the mirror is read back by
/// a fresh connection, as the next visit would; a delete reaches the database too.
#[wasm_bindgen_test]
async fn workspace_round_trips_through_indexed_db() {
    use pursuit::storage::idb::IdbStore;
    let store = IdbStore::open().await.expect("IndexedDB opens in Chromium");
    for key in store.keys().unwrap() {
        store.remove(&key).unwrap();
    }
    let ws = pursuit::format::read(V1).unwrap();
    assert!(!ws.projects.is_empty());
    storage::replace(&store, &ws, now()).unwrap();
    assert!(store.unsaved(), "written in memory, not yet confirmed");
    store.write_now().await.unwrap();
    assert!(!store.unsaved());
    assert!(
        store.quota().is_some_and(|q| q > 0),
        "the browser's estimate is read"
    );

    let next_visit = IdbStore::open().await.unwrap();
    match storage::load(&next_visit).unwrap() {
        Loaded::Workspace {
            workspace,
            problems,
            ..
        } => {
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(workspace.projects.len(), ws.projects.len());
            assert_eq!(workspace.tasks.len(), ws.tasks.len());
        }
        other => panic!("expected a workspace, got {other:?}"),
    }

    storage::clear_workspace(&store).unwrap();
    store.write_now().await.unwrap();
    let after_clear = IdbStore::open().await.unwrap();
    assert!(matches!(
        storage::load(&after_clear).unwrap(),
        Loaded::Empty
    ));
}
