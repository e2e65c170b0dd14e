//! The app's one source of truth: the workspace in a private signal, provided by context,
//! changed only through [`AppState::run`], and saved by a debounced writer that never drops
//! a change it could not save.
//!
//! One job a file: this one holds the store and its small helpers; [`reducer`] runs every
//! [`Action`] (an edit checked and noted in the history, undo, redo, open, replace, apply a
//! scenario, another tab's save, reset) through one commit step; [`undo`] keeps the undo and redo steps;
//! [`persistence`] loads, saves and replaces what the browser stores; [`tabs`] keeps two
//! tabs of one browser in step.

mod opening;
mod persistence;
mod reducer;
pub mod reminders;
mod scenario;
mod sync;
mod sync_book;
mod sync_join;
mod sync_tabs;
mod tabs;
mod undo;

pub use opening::{preview_first, Opening};
pub use reducer::Action;
pub use sync::{Sync, SyncStatus};
pub use sync_join::Joining;
pub use undo::{Replaced, Step};

use crate::model::command::{Context, Touched};
use crate::model::{MemberId, Workspace};
use crate::storage::{self, StoreError};
use chrono::{DateTime, Local, NaiveDate, Utc};
use leptos::prelude::*;
use persistence::read_mark;

/// Where saving stands, shown in the header.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing to save.
    Saved(Option<DateTime<Utc>>),
    /// Changes are waiting for the debounce.
    Pending,
    /// The last write failed; the changes are kept in memory and retried on the next change.
    Failed(StoreError),
    /// Saving is paused because stored data could not be read and the person has not yet
    /// said what to do with it.
    Paused,
}

/// Stored data that could not be read at start-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    pub reason: String,
    /// Every stored record's raw text, as a JSON object keyed by storage key.
    pub raw: String,
    /// The backup key the raw text was copied to, if the copy succeeded.
    pub backup_key: Option<String>,
}

/// The app state shared by every screen: a `Copy` handle to the workspace and its four
/// companions. The workspace itself is private: it changes only through [`AppState::run`].
#[derive(Clone, Copy)]
pub struct AppState {
    /// The workspace; `None` before the first run chose how to start.
    ws: RwSignal<Option<Workspace>>,
    /// Which member "I am" in this browser.
    pub me: RwSignal<Option<MemberId>>,
    /// This browser's copy of the workspace, counted in every entity's versions.
    pub replica: crate::model::ReplicaId,
    /// Writing to the browser's storage and following other tabs' writes.
    pub saving: Saving,
    /// The undo and redo steps.
    pub steps: Steps,
    /// The what-if scenarios and the one open in this tab.
    pub scenarios: Scenarios,
    /// What the app tells the person: the last action's notice, stored data it could not
    /// read, problems found at load.
    pub notices: Notices,
    /// Live sync through the team's CouchDB server, when one is set up.
    pub sync: Sync,
    pub opening: Opening,
    /// The health of every open project of the shown workspace today, worked out once
    /// for every screen that shows it (projects, pipeline, dashboard, portfolio: 170 ms
    /// at 10,000 projects), and only when one of them reads it.
    healths: Memo<Healths>,
}

/// Saving: where it stands (shown in the header) and what it still has to write.
#[derive(Clone, Copy)]
pub struct Saving {
    pub status: RwSignal<SaveStatus>,
    /// Records changed since the last successful save.
    pending: StoredValue<Touched>,
    /// The stored records must be replaced wholesale (after an import) on the next save.
    replace_pending: StoredValue<bool>,
    /// Bumped on every change; a scheduled save only runs if no newer change came after it.
    generation: StoredValue<u64>,
    /// The save mark this tab last wrote or read (see [`storage::SAVE_MARK_KEY`]).
    seen_mark: StoredValue<Option<String>>,
    /// A reconciliation with another tab's saves is scheduled.
    sync_scheduled: StoredValue<bool>,
    /// When the save now on its way to a write-behind store (IndexedDB) started, so the
    /// time to the browser's confirmation is measured.
    save_started: StoredValue<Option<f64>>,
}

/// The undo and redo stacks.
#[derive(Clone, Copy)]
pub struct Steps {
    undo: StoredValue<Vec<Step>>,
    redo: StoredValue<Vec<Step>>,
    /// What Undo and Redo would do next, for the buttons.
    pub next: RwSignal<(Option<String>, Option<String>)>,
    /// The stacks changed since they were last stored.
    dirty: StoredValue<bool>,
}

/// The what-if scenarios this browser keeps for the workspace.
#[derive(Clone, Copy)]
pub struct Scenarios {
    pub all: RwSignal<Vec<crate::engine::scenario::Scenario>>,
    /// The scenario open in this tab, whose sandbox every screen shows.
    open: RwSignal<Option<uuid::Uuid>>,
    /// The open scenario's workspace: the real one with its edits replayed.
    sandbox: RwSignal<Option<Workspace>>,
}

/// What the app tells the person.
#[derive(Clone, Copy)]
pub struct Notices {
    /// A short message confirming the last action, or explaining why it was refused.
    pub current: RwSignal<Option<Notice>>,
    /// Stored data that could not be read at start-up.
    pub recovery: RwSignal<Option<Recovery>>,
    /// Problems found in the stored workspace at load (shown, never silently fixed).
    pub load_problems: RwSignal<Vec<String>>,
}

/// The health of every open project, by project.
pub type Healths = std::sync::Arc<
    std::collections::HashMap<crate::model::ProjectId, crate::engine::health::Health>,
>;

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

impl AppState {
    /// Loads the stored workspace and wires saving to the page's lifecycle.
    pub fn start() -> Self {
        let state = Self {
            ws: RwSignal::new(None),
            me: RwSignal::new(storage::web::load_me()),
            replica: storage::web::replica(),
            saving: Saving {
                status: RwSignal::new(SaveStatus::Saved(None)),
                pending: StoredValue::new(Touched::default()),
                replace_pending: StoredValue::new(false),
                generation: StoredValue::new(0),
                seen_mark: StoredValue::new(None),
                sync_scheduled: StoredValue::new(false),
                save_started: StoredValue::new(None),
            },
            steps: Steps {
                undo: StoredValue::new(Vec::new()),
                redo: StoredValue::new(Vec::new()),
                next: RwSignal::new((None, None)),
                dirty: StoredValue::new(false),
            },
            scenarios: Scenarios {
                all: RwSignal::new(Vec::new()),
                open: RwSignal::new(None),
                sandbox: RwSignal::new(None),
            },
            notices: Notices {
                current: RwSignal::new(None),
                recovery: RwSignal::new(None),
                load_problems: RwSignal::new(Vec::new()),
            },
            sync: Sync::new(),
            opening: Opening::new(),
            healths: Memo::new(|_| Healths::default()),
        };
        let mut state = state;
        state.healths = Memo::new(move |_| {
            let today = today();
            Healths::new(
                state
                    .with(|ws| crate::engine::health::health_of_all(ws, today))
                    .unwrap_or_default(),
            )
        });
        state.follow_writes();
        let reading = state.open_from_index();
        state.saving.seen_mark.set_value(read_mark());
        state.flush_when_hidden();
        state.follow_other_tabs();
        if !reading {
            state.load();
            state.start_services();
        }
        state
    }

    /// What belongs to the workspace once it is read: its undo steps and scenarios, kept
    /// in this browser, and what works on it in the background: sync (in the one tab that
    /// holds the lock) and reminders.
    fn start_services(&self) {
        self.load_steps();
        self.load_scenarios();
        self.lead_when_free();
        self.remind_when_due();
    }

    /// Who makes changes in this tab: the chosen member and this browser's copy.
    pub fn editor(&self) -> crate::model::Editor {
        self.context().editor()
    }

    fn context(&self) -> Context {
        Context {
            now: now(),
            today: today(),
            actor: self.me.get_untracked(),
            replica: self.replica,
        }
    }

    pub fn notify(&self, text: impl Into<String>) {
        self.notices.current.set(Some(Notice {
            text: text.into(),
            error: false,
        }));
    }

    pub fn notify_error(&self, text: impl Into<String>) {
        self.notices.current.set(Some(Notice {
            text: text.into(),
            error: true,
        }));
    }

    pub fn set_me(&self, me: Option<MemberId>) {
        self.me.set(me);
        if storage::web::store_me(me).is_err() {
            self.notify_error("This browser would not remember who you are; the choice lasts until you close the tab.");
        }
    }

    /// Reads the workspace the screens show (an open scenario's sandbox, else the real
    /// one); `None` before the first run.
    pub fn with<R>(&self, f: impl FnOnce(&Workspace) -> R) -> Option<R> {
        self.shown().with(|ws| ws.as_ref().map(f))
    }

    /// The health of every open project of the shown workspace (see [`Healths`]), tracked.
    pub fn healths(&self) -> Healths {
        self.healths.get()
    }

    /// Whether there is a workspace (tracked): none before the first run chose how to start.
    /// Whether there is a workspace to show (or its index, while its records are read).
    pub fn started(&self) -> bool {
        self.ws.with(Option::is_some) || self.is_opening()
    }

    /// Reads the real workspace, whatever scenario is open (saving, exporting, merging).
    pub fn with_real<R>(&self, f: impl FnOnce(&Workspace) -> R) -> Option<R> {
        self.ws.with(|ws| ws.as_ref().map(f))
    }

    /// [`AppState::with_real`], untracked: for event handlers and what is measured once.
    pub fn with_real_untracked<R>(&self, f: impl FnOnce(&Workspace) -> R) -> Option<R> {
        self.ws.with_untracked(|ws| ws.as_ref().map(f))
    }
}

/// A monotonic clock in milliseconds with sub-millisecond resolution, for timings.
pub fn clock_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Appends a duration (ms) since `started_ms` (from [`clock_ms`]) to
/// `window.__pursuitTimings[name]`, read by the benchmark script.
pub fn measure(name: &str, started_ms: f64) {
    record(name, clock_ms() - started_ms);
}

/// Appends a duration (ms) to `window.__pursuitTimings[name]`.
pub fn record(name: &str, elapsed: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let get_or_insert =
        |target: &wasm_bindgen::JsValue, key: &str, make: &dyn Fn() -> wasm_bindgen::JsValue| {
            js_sys::Reflect::get(target, &key.into())
                .ok()
                .filter(|v| v.is_object())
                .unwrap_or_else(|| {
                    let fresh = make();
                    let _ = js_sys::Reflect::set(target, &key.into(), &fresh);
                    fresh
                })
        };
    let timings = get_or_insert(&window, "__pursuitTimings", &|| {
        js_sys::Object::new().into()
    });
    let list = get_or_insert(&timings, name, &|| js_sys::Array::new().into());
    // Array::from would copy the list (JS `Array.from`); cast it instead.
    wasm_bindgen::JsCast::unchecked_into::<js_sys::Array>(list).push(&elapsed.into());
}

pub fn provide_app_state() -> AppState {
    let state = AppState::start();
    provide_context(state);
    state
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
