//! Where the sync book lives: an IndexedDB database of its own (`pursuit-sync`), one
//! entry per document beside a head, so each batch of a sync writes the entries it changed
//! rather than the whole book, and a team workspace of 50,000 documents fits (localStorage
//! holds about 5 million characters per site). Apart from the workspace's records, so
//! opening the app does not read it. Values are JSON text; what they mean is
//! `sync::replicate`'s.

use super::idb::{failure, open_database, request_done, transaction_done};
use super::web::classify;
use super::StoreError;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbTransactionMode};

const DB_NAME: &str = "pursuit-sync";
const STORE: &str = "book";
/// The key of the head; entries are under `doc:` and their document's id.
pub const HEAD: &str = "head";
const DOC: &str = "doc:";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

async fn database() -> Result<IdbDatabase, StoreError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = open_database(DB_NAME, 1, STORE).await?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// The stored book: its head and each entry by document id; `None` when there is none.
pub async fn load() -> Result<Option<(String, Vec<(String, String)>)>, StoreError> {
    let db = database().await?;
    let tx = db.transaction_with_str(STORE).map_err(|e| classify(&e))?;
    let store = tx.object_store(STORE).map_err(|e| classify(&e))?;
    let keys = store.get_all_keys().map_err(|e| classify(&e))?;
    let values = store.get_all().map_err(|e| classify(&e))?;
    request_done(&keys).await.map_err(|e| classify(&e))?;
    request_done(&values).await.map_err(|e| classify(&e))?;
    let keys: js_sys::Array = keys.result().map_err(|e| classify(&e))?.unchecked_into();
    let values: js_sys::Array = values.result().map_err(|e| classify(&e))?.unchecked_into();
    let mut head = None;
    let mut entries = Vec::new();
    for (k, v) in keys.iter().zip(values.iter()) {
        let (Some(k), Some(v)) = (k.as_string(), v.as_string()) else {
            continue;
        };
        match k.strip_prefix(DOC) {
            Some(id) => entries.push((id.to_string(), v)),
            None if k == HEAD => head = Some(v),
            None => {}
        }
    }
    Ok(head.map(|h| (h, entries)))
}

/// Writes the head and the changed entries (`None`: remove) in one transaction, all or
/// nothing; with `afresh`, whatever was stored goes first.
pub async fn write(
    head: String,
    entries: Vec<(String, Option<String>)>,
    afresh: bool,
) -> Result<(), StoreError> {
    let db = database().await?;
    let (tx, store) = writing(&db)?;
    let done = transaction_done(&tx);
    let mut queued = if afresh {
        store.clear().map(drop)
    } else {
        Ok(())
    };
    queued = queued.and_then(|()| {
        store
            .put_with_key(&JsValue::from_str(&head), &JsValue::from_str(HEAD))
            .map(drop)
    });
    for (id, entry) in &entries {
        let key = JsValue::from_str(&format!("{DOC}{id}"));
        queued = queued.and_then(|()| match entry {
            Some(entry) => store
                .put_with_key(&JsValue::from_str(entry), &key)
                .map(drop),
            None => store.delete(&key).map(drop),
        });
    }
    if let Err(e) = queued {
        let _ = tx.abort();
        let _ = done.await;
        return Err(failure(&tx, &e));
    }
    done.await.map(drop).map_err(|e| failure(&tx, &e))
}

/// Forgets the stored book.
pub async fn clear() -> Result<(), StoreError> {
    let db = database().await?;
    let (tx, store) = writing(&db)?;
    let done = transaction_done(&tx);
    store.clear().map_err(|e| classify(&e))?;
    done.await.map(drop).map_err(|e| failure(&tx, &e))
}

/// A read-write transaction on the book's store.
fn writing(
    db: &IdbDatabase,
) -> Result<(web_sys::IdbTransaction, web_sys::IdbObjectStore), StoreError> {
    let tx = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .map_err(|e| classify(&e))?;
    let store = tx.object_store(STORE).map_err(|e| classify(&e))?;
    Ok((tx, store))
}
