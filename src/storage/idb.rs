//! The browser's IndexedDB as the [`KeyValue`] store of the workspace's records.
//!
//! localStorage holds about 5.2 million characters per site, and a workspace of 10,000
//! projects needs about 12.8 million even compressed (README, Performance), so the records
//! (the head, each generation's workspace and project records, and backups of unreadable
//! data) live in IndexedDB, whose allowance is a share of the disk. Everything small and
//! per-browser (who I am, the theme, undo steps, scenarios, the save mark other tabs
//! listen to) stays in localStorage.
//!
//! IndexedDB answers asynchronously; the storage logic is synchronous. So the store reads
//! everything once, before the app starts, into a [`WriteBehind`] mirror; reads come from
//! the mirror, and the writes of one task (one save, one replace) go to the database in
//! one transaction, all or nothing, scheduled right after the task. A write the database
//! refuses stays dirty in the mirror and is sent again with the next flush; the listener
//! set with [`on_written`] hears every outcome so the app can say "not saved" and keep
//! the work on screen. A browser without IndexedDB (or one that refuses to open it) keeps
//! the records in localStorage as before.

use super::behind::{Batch, WriteBehind};
use super::web::{classify, BrowserStorage};
use super::{KeyValue, StoreError, BACKUP_PREFIX};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB_NAME: &str = "pursuit";
/// 2 since the index (`storage::index`): opening version 2 makes every tab still running
/// an older Pursuit close its connection (it says to reload), so no writer that does not
/// keep the index can change the records after a newer Pursuit has opened them.
const DB_VERSION: u32 = 2;
const RECORDS: &str = "records";

/// Which keys live in IndexedDB: the workspace's records and the backups of unreadable data.
pub fn is_record_key(key: &str) -> bool {
    super::is_workspace_key(key) || key.starts_with(BACKUP_PREFIX)
}

type Listener = Rc<dyn Fn(Result<(), StoreError>)>;
type Waiter = Box<dyn FnOnce(Result<(), StoreError>)>;

struct Inner {
    db: IdbDatabase,
    mirror: RefCell<WriteBehind>,
    scheduled: Cell<bool>,
    /// UTF-16 units the records may use in all, from the browser's estimate.
    quota: Cell<Option<usize>>,
}

/// The records in IndexedDB, read and written through an in-memory mirror.
#[derive(Clone)]
pub struct IdbStore(Rc<Inner>);

thread_local! {
    static STORE: RefCell<Option<IdbStore>> = const { RefCell::new(None) };
    static LISTENER: RefCell<Option<Listener>> = const { RefCell::new(None) };
    static WAITERS: RefCell<Vec<Waiter>> = const { RefCell::new(Vec::new()) };
    /// The database opened by [`open_index`], until [`read_records`] reads it.
    static OPENED: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// The store of the workspace's records: IndexedDB once [`read_records`] opened it, else
/// localStorage.
pub fn workspace_store() -> Box<dyn KeyValue> {
    match current() {
        Some(store) => Box::new(store),
        None => Box::new(BrowserStorage::open()),
    }
}

/// The IndexedDB store, when the records live there.
pub fn current() -> Option<IdbStore> {
    STORE.with(|s| s.borrow().clone())
}

/// Hears the outcome of every write to IndexedDB.
pub fn on_written(listener: impl Fn(Result<(), StoreError>) + 'static) {
    LISTENER.with(|l| *l.borrow_mut() = Some(Rc::new(listener)));
}

/// Calls `done` once everything written so far is in the database (at once when nothing is
/// waiting, or when the records live in localStorage, which writes as it goes), or with the
/// error of the first write the database refuses. A replace announces itself only then:
/// IndexedDB can refuse a commit after the browser reported room for it.
pub fn when_settled(done: impl FnOnce(Result<(), StoreError>) + 'static) {
    if current().is_some_and(|s| s.unsaved()) {
        WAITERS.with(|w| w.borrow_mut().push(Box::new(done)));
    } else {
        done(Ok(()));
    }
}

fn tell(outcome: Result<(), StoreError>) {
    if let Some(listener) = LISTENER.with(|l| l.borrow().clone()) {
        listener(outcome.clone());
    }
    // A refusal answers every waiter; a success only those whose writes are all in.
    let settled = outcome.is_err() || !current().is_some_and(|s| s.unsaved());
    if settled {
        let waiters = WAITERS.with(|w| std::mem::take(&mut *w.borrow_mut()));
        for done in waiters {
            done(outcome.clone());
        }
    }
}

/// Opens IndexedDB and reads only what the projects table needs: the current generation's
/// index and workspace record (see `storage::index`). `None` when there is no trusted
/// index (or no IndexedDB): then the app opens from the records ([`read_records`]).
/// [`read_records`] reads the rest.
pub async fn open_index() -> Option<super::index::Preview> {
    let db = open_db().await.ok()?;
    OPENED.with(|o| *o.borrow_mut() = Some(db.clone()));
    read_preview(&db).await.ok().flatten()
}

/// Whether the records are still being read after the index (the app is drawn from the
/// index meanwhile): they are in IndexedDB, not yet in memory.
pub fn records_pending() -> bool {
    OPENED.with(|o| o.borrow().is_some())
}

/// Reads every record into memory and makes IndexedDB the workspace's store (the database
/// [`open_index`] opened, or a new connection). Records an earlier version kept in
/// localStorage move over (see [`adopt_local`]). On an error nothing is made the store,
/// and [`workspace_store`] answers localStorage.
pub async fn read_records() -> Result<(), StoreError> {
    let opened = OPENED.with(|o| o.borrow().clone());
    let opening = match opened {
        Some(db) => IdbStore::from_db(Ok(db)).await,
        None => IdbStore::open().await,
    };
    OPENED.with(|o| o.borrow_mut().take());
    let store = opening?;
    adopt_local(&store).await;
    STORE.with(|s| *s.borrow_mut() = Some(store));
    Ok(())
}

/// The current generation's preview, from two reads: the head, then the generation's
/// rows, index mark and workspace record. (Not the list of every key: the browser walks
/// all the records' data to list their keys, which at 10,000 projects took longer than
/// reading the rows.)
async fn read_preview(db: &IdbDatabase) -> Result<Option<super::index::Preview>, StoreError> {
    use super::index;
    let tx = db.transaction_with_str(RECORDS).map_err(|e| classify(&e))?;
    let records = tx.object_store(RECORDS).map_err(|e| classify(&e))?;
    let head = records
        .get(&JsValue::from_str(super::HEAD_KEY))
        .map_err(|e| classify(&e))?;
    let head = answer(&head).await?.as_string();
    let generation = head.and_then(|h| h.trim().parse().ok()).unwrap_or(0u64);
    let prefix = index::row_prefix(generation);
    let range = web_sys::IdbKeyRange::bound(
        &JsValue::from_str(&prefix),
        &JsValue::from_str(&format!("{prefix}\u{ffff}")),
    )
    .map_err(|e| classify(&e))?;
    let tx = db.transaction_with_str(RECORDS).map_err(|e| classify(&e))?;
    let records = tx.object_store(RECORDS).map_err(|e| classify(&e))?;
    let row_keys = records
        .get_all_keys_with_key(&range)
        .map_err(|e| classify(&e))?;
    let rows = records.get_all_with_key(&range).map_err(|e| classify(&e))?;
    let mark = records
        .get(&JsValue::from_str(&index::mark_key(generation)))
        .map_err(|e| classify(&e))?;
    let team = records
        .get(&JsValue::from_str(&super::workspace_key(generation)))
        .map_err(|e| classify(&e))?;
    let rows: Vec<(String, String)> = strings(answer(&row_keys).await?)
        .zip(strings(answer(&rows).await?))
        .collect();
    let mark = answer(&mark).await?.as_string();
    let Some(team) = answer(&team).await?.as_string() else {
        return Ok(None);
    };
    Ok(index::preview(generation, &team, mark.as_deref(), &rows).ok())
}

/// A request's result, once it has one.
async fn answer(request: &IdbRequest) -> Result<JsValue, StoreError> {
    request_done(request).await.map_err(|e| classify(&e))?;
    request.result().map_err(|e| classify(&e))
}

/// The text items of an array result (anything else is not ours and is skipped).
fn strings(list: JsValue) -> impl Iterator<Item = String> {
    list.unchecked_into::<js_sys::Array>()
        .iter()
        .filter_map(|v| v.as_string())
        .collect::<Vec<_>>()
        .into_iter()
}

/// Moves the records localStorage holds (written by a version of Pursuit before IndexedDB)
/// into IndexedDB, then removes them from localStorage once the move is written. When
/// IndexedDB already holds a workspace, localStorage's records are not the workspace but
/// may be someone's work (a tab of the older version kept saving): they are kept as one
/// backup (the same form as the unreadable-data download, restorable from the Data
/// screen), never dropped.
async fn adopt_local(store: &IdbStore) {
    let local = BrowserStorage::open();
    let Ok(keys) = local.keys() else { return };
    let ours: Vec<String> = keys.into_iter().filter(|k| is_record_key(k)).collect();
    if ours.is_empty() {
        return;
    }
    let has_workspace = store
        .0
        .mirror
        .borrow()
        .keys()
        .iter()
        .any(|k| super::is_workspace_key(k));
    let mut aside = BTreeMap::new();
    for key in &ours {
        let Ok(Some(value)) = local.get(key) else {
            continue;
        };
        if has_workspace && super::is_workspace_key(key) {
            aside.insert(key.clone(), value);
        } else {
            store.0.mirror.borrow_mut().set(key, &value);
        }
    }
    if !aside.is_empty() {
        let raw = serde_json::to_string_pretty(&aside).expect("strings serialize");
        let _ = super::keep_backup(store, &raw, chrono::Utc::now());
    }
    if store.write_now().await.is_ok() {
        for key in &ours {
            let _ = local.remove(key);
        }
    }
}

/// Opens the records' database (creating it the first time). A newer Pursuit opening a
/// newer version of it waits until every older connection closes: this one steps aside,
/// and the app says so at its next save.
async fn open_db() -> Result<IdbDatabase, StoreError> {
    let db = open_database(DB_NAME, DB_VERSION, RECORDS).await?;
    let closing = db.clone();
    let step_aside = Closure::<dyn FnMut()>::new(move || {
        closing.close();
        tell(Err(StoreError::Other(
            "Pursuit was updated in another tab; reload this tab to keep saving.".into(),
        )));
    });
    db.set_onversionchange(Some(step_aside.as_ref().unchecked_ref()));
    // Lives as long as the connection, which is the page's.
    step_aside.forget();
    Ok(db)
}

/// Opens (creating the first time) the database `name` at `version` with its one object
/// store `store`.
pub(super) async fn open_database(
    name: &str,
    version: u32,
    store: &'static str,
) -> Result<IdbDatabase, StoreError> {
    let factory = web_sys::window()
        .ok_or(StoreError::Unavailable)?
        .indexed_db()
        .map_err(|e| classify(&e))?
        .ok_or(StoreError::Unavailable)?;
    let request = factory
        .open_with_u32(name, version)
        .map_err(|e| classify(&e))?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let db = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db.filter(|db| !db.object_store_names().contains(store)) {
            let _ = db.create_object_store(store);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let opened = request_done(&request).await;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    opened.map_err(|e| classify(&e))?;
    request
        .result()
        .and_then(|r| r.dyn_into())
        .map_err(|e| classify(&e))
}

pub(super) fn request_done(request: &IdbRequest) -> JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise)
}

pub(super) fn transaction_done(tx: &IdbTransaction) -> JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    JsFuture::from(promise)
}

pub(super) fn failure(tx: &IdbTransaction, fallback: &JsValue) -> StoreError {
    match tx.error() {
        Some(e) => classify(&e.into()),
        None => classify(fallback),
    }
}

impl IdbStore {
    /// Opens the database (creating it the first time) and reads every record into memory.
    pub async fn open() -> Result<Self, StoreError> {
        Self::from_db(open_db().await).await
    }

    /// Reads every record of an opened database into memory.
    async fn from_db(db: Result<IdbDatabase, StoreError>) -> Result<Self, StoreError> {
        let db = db?;
        let items = read_all(&db).await?;
        let store = Self(Rc::new(Inner {
            db,
            mirror: RefCell::new(WriteBehind::new(items)),
            scheduled: Cell::new(false),
            quota: Cell::new(None),
        }));
        // The room left matters only to a replace's up-front check; asking the browser can
        // take a while, so the app does not wait for it to start.
        let asking = store.clone();
        wasm_bindgen_futures::spawn_local(async move { asking.estimate().await });
        Ok(store)
    }

    /// Re-reads the browser's estimate of the room left for this site.
    async fn estimate(&self) {
        let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else {
            return;
        };
        let Ok(promise) = manager.estimate() else {
            return;
        };
        let Ok(estimate) = JsFuture::from(promise).await else {
            return;
        };
        let field = |name: &str| {
            js_sys::Reflect::get(&estimate, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_f64())
        };
        if let (Some(quota), Some(usage)) = (field("quota"), field("usage")) {
            // Strings are kept as two bytes a character; the records' own share of `usage`
            // is counted back in, since the storage logic measures its own records.
            let free_units = ((quota - usage).max(0.0) / 2.0) as usize;
            let ours = self.0.mirror.borrow().units();
            self.0.quota.set(Some(free_units.saturating_add(ours)));
        }
    }

    /// Re-reads the records another tab may have written; this tab's unwritten changes
    /// keep their values.
    pub async fn refresh(&self) -> Result<(), StoreError> {
        let items = read_all(&self.0.db).await?;
        self.0.mirror.borrow_mut().refresh(items);
        Ok(())
    }

    /// Sends what is not yet written, in one transaction, and waits for the outcome.
    pub async fn write_now(&self) -> Result<(), StoreError> {
        self.0.scheduled.set(false);
        let Some(batch) = self.0.mirror.borrow_mut().take_batch() else {
            return Ok(());
        };
        let outcome = write(&self.0.db, &batch).await;
        match &outcome {
            Ok(()) => self.0.mirror.borrow_mut().committed(&batch),
            Err(_) => self.0.mirror.borrow_mut().failed(&batch),
        }
        // The room left changes with every write (ours, and other sites' on the same disk).
        self.estimate().await;
        tell(outcome.clone());
        outcome
    }

    /// Schedules [`IdbStore::write_now`] right after the current task, once however many
    /// records the task writes.
    fn schedule(&self) {
        if self.0.scheduled.replace(true) {
            return;
        }
        let store = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = store.write_now().await;
        });
    }
}

async fn write(db: &IdbDatabase, batch: &Batch) -> Result<(), StoreError> {
    let tx = db
        .transaction_with_str_and_mode(RECORDS, IdbTransactionMode::Readwrite)
        .map_err(|e| classify(&e))?;
    let records = tx.object_store(RECORDS).map_err(|e| classify(&e))?;
    let done = transaction_done(&tx);
    for (key, value) in &batch.writes {
        let key = JsValue::from_str(key);
        let queued = match value {
            Some(value) => records.put_with_key(&JsValue::from_str(value), &key),
            None => records.delete(&key),
        };
        if let Err(e) = queued {
            // A put refused because the transaction already ended: the transaction's own
            // error (a full disk, say) is the cause worth telling.
            let _ = tx.abort();
            let _ = done.await;
            return Err(failure(&tx, &e));
        }
    }
    done.await.map(|_| ()).map_err(|e| failure(&tx, &e))
}

async fn read_all(db: &IdbDatabase) -> Result<BTreeMap<String, String>, StoreError> {
    let tx = db.transaction_with_str(RECORDS).map_err(|e| classify(&e))?;
    let records = tx.object_store(RECORDS).map_err(|e| classify(&e))?;
    let keys = records.get_all_keys().map_err(|e| classify(&e))?;
    let values = records.get_all().map_err(|e| classify(&e))?;
    request_done(&keys).await.map_err(|e| classify(&e))?;
    request_done(&values).await.map_err(|e| classify(&e))?;
    let keys: js_sys::Array = keys.result().map_err(|e| classify(&e))?.unchecked_into();
    let values: js_sys::Array = values.result().map_err(|e| classify(&e))?.unchecked_into();
    // Both lists come in key order; a value that is not text is not ours and is skipped.
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect())
}

impl KeyValue for IdbStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.0.mirror.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.mirror.borrow_mut().set(key, value);
        self.schedule();
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.0.mirror.borrow_mut().remove(key);
        self.schedule();
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.0.mirror.borrow().keys())
    }

    fn quota(&self) -> Option<usize> {
        self.0.quota.get()
    }

    fn unsaved(&self) -> bool {
        self.0.mirror.borrow().unsaved()
    }

    fn compact(&self) -> bool {
        false
    }
}
