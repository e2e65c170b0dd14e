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

/// The known answer: `fixtures/sealed-v1.pursuit` was sealed by Node's OpenSSL from
/// `sealed-v1.plain.json` (passphrase "Café au lait, dreimal täglich", salt 00…0f, nonce
/// a0…ab). The browser's WebCrypto, driven by `storage::seal`, makes the same bytes — with
/// the passphrase typed in decomposed form too (NFC) — and opens them again.
#[wasm_bindgen_test]
async fn sealing_makes_the_known_answer_and_opens_it() {
    use pursuit::storage::seal;
    const SEALED: &[u8] = include_bytes!("fixtures/sealed-v1.pursuit");
    const PLAIN: &[u8] = include_bytes!("fixtures/sealed-v1.plain.json");
    let salt: [u8; 16] = std::array::from_fn(|i| i as u8);
    let nonce: [u8; 12] = std::array::from_fn(|i| 0xa0 + i as u8);
    for passphrase in [
        "Café au lait, dreimal täglich",
        "Cafe\u{301} au lait, dreimal ta\u{308}glich",
    ] {
        let file = seal::seal(PLAIN, passphrase, salt, nonce).await.unwrap();
        assert_eq!(file.to_vec(), SEALED);
    }
    assert_eq!(
        seal::open(SEALED, "Café au lait, dreimal täglich")
            .await
            .unwrap(),
        PLAIN
    );
}

/// A wrong passphrase, a flipped byte in the header or the body, and a truncated file are
/// each refused, and nothing of the plain text comes out.
#[wasm_bindgen_test]
async fn a_wrong_passphrase_or_a_changed_byte_opens_nothing() {
    use pursuit::format::sealed::SealError;
    use pursuit::storage::seal;
    const SEALED: &[u8] = include_bytes!("fixtures/sealed-v1.pursuit");
    let pass = "Café au lait, dreimal täglich";
    assert_eq!(
        seal::open(SEALED, "Cafe au lait, dreimal taglich").await,
        Err(SealError::Wrong)
    );
    let line = SEALED.iter().position(|&b| b == b'\n').unwrap();
    // In the header, inside the salt's hex digits: still a valid header, a different key.
    let mut header = SEALED.to_vec();
    let salt_at = SEALED.windows(8).position(|w| w == b"\"salt\":\"").unwrap() + 8 + 4;
    assert!(salt_at < line);
    header[salt_at] = if header[salt_at] == b'1' { b'2' } else { b'1' };
    assert_eq!(seal::open(&header, pass).await, Err(SealError::Wrong));
    let mut body = SEALED.to_vec();
    body[line + 500] ^= 0x40;
    assert_eq!(seal::open(&body, pass).await, Err(SealError::Wrong));
    let cut = &SEALED[..SEALED.len() - 1];
    assert_eq!(seal::open(cut, pass).await, Err(SealError::Wrong));
}
