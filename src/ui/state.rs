//! The app's one source of truth: the workspace in a signal, provided by context, changed
//! only through [`AppState::dispatch`], and saved by a debounced writer that never drops a
//! change it could not save.

use crate::model::command::{apply, CommandError, Context, Touched};
use crate::model::{Command, MemberId, Workspace};
use crate::storage::{self, web::BrowserStorage, Loaded, SaveReport, StoreError};
use chrono::{DateTime, Local, NaiveDate, Utc};
use leptos::prelude::*;
use std::time::Duration;

/// How long after the last change the workspace is written.
const SAVE_DELAY: Duration = Duration::from_millis(400);

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

/// The app state shared by every screen.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The workspace; `None` before the first run chose how to start.
    pub ws: RwSignal<Option<Workspace>>,
    /// Which member "I am" in this browser.
    pub me: RwSignal<Option<MemberId>>,
    /// This browser's copy of the workspace, counted in every entity's versions.
    pub replica: crate::model::ReplicaId,
    pub save_status: RwSignal<SaveStatus>,
    pub recovery: RwSignal<Option<Recovery>>,
    /// Problems found in the stored workspace at load (shown, never silently fixed).
    pub load_problems: RwSignal<Vec<String>>,
    /// A short message confirming the last action, or explaining why it was refused.
    pub notice: RwSignal<Option<Notice>>,
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
}

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
            save_status: RwSignal::new(SaveStatus::Saved(None)),
            recovery: RwSignal::new(None),
            load_problems: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            pending: StoredValue::new(Touched::default()),
            replace_pending: StoredValue::new(false),
            generation: StoredValue::new(0),
            seen_mark: StoredValue::new(None),
            sync_scheduled: StoredValue::new(false),
        };
        state.load();
        state.seen_mark.set_value(read_mark());
        state.flush_when_hidden();
        state.follow_other_tabs();
        state
    }

    fn load(&self) {
        let kv = BrowserStorage::open();
        let started = js_sys::Date::now();
        match storage::load(&kv) {
            Ok(Loaded::Empty) => {}
            Ok(Loaded::Workspace {
                workspace,
                problems,
                ..
            }) => {
                self.load_problems
                    .set(problems.iter().map(|p| p.to_string()).collect());
                self.ws.set(Some(*workspace));
            }
            Ok(Loaded::Unreadable { reason, raw }) => {
                let backup_key = storage::keep_backup(&kv, &raw, now()).ok();
                self.recovery.set(Some(Recovery {
                    reason,
                    raw,
                    backup_key,
                }));
                self.save_status.set(SaveStatus::Paused);
            }
            Err(error) => {
                // Storage refused even to be read: run in memory and say so on the first save.
                self.save_status.set(SaveStatus::Failed(error));
            }
        }
        measure("pursuit:load", started);
    }

    fn flush_when_hidden(&self) {
        let state = *self;
        let handle = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                state.flush();
            }
        });
        let handle2 = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
        // The listeners live as long as the page.
        std::mem::forget(handle);
        std::mem::forget(handle2);
    }

    /// Another tab of this browser saved: bring its changes in, record by record, without
    /// dropping this tab's own unsaved changes.
    fn follow_other_tabs(&self) {
        let state = *self;
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            let Some(key) = ev.key() else { return };
            let ours = key.starts_with(storage::PROJECT_PREFIX)
                || key == storage::WORKSPACE_KEY
                || key == storage::SAVE_MARK_KEY;
            if !ours || state.sync_scheduled.get_value() {
                return;
            }
            state.sync_scheduled.set_value(true);
            // A save writes several keys; reconcile once they are all written.
            set_timeout(
                move || {
                    state.sync_scheduled.set_value(false);
                    state.reconcile();
                },
                Duration::from_millis(60),
            );
        });
        std::mem::forget(handle);
    }

    /// Merges what is stored (written by another tab) into the workspace in memory. Each
    /// entity keeps the newer change; this tab's pending changes stay pending.
    fn reconcile(&self) {
        if self.save_status.get_untracked() == SaveStatus::Paused {
            return;
        }
        let mark = read_mark();
        let Ok(Loaded::Workspace { workspace, .. }) = storage::load(&BrowserStorage::open()) else {
            return;
        };
        self.seen_mark.set_value(mark);
        let stored = *workspace;
        let current = self.ws.get_untracked();
        match current {
            Some(mine) if mine.id == stored.id => {
                let merged = crate::engine::merge::apply(&mine, &stored, &Default::default());
                if merged != mine {
                    self.ws.set(Some(merged));
                }
            }
            _ => {
                // The other tab opened or imported another workspace: follow it.
                self.pending.set_value(Touched::default());
                self.ws.set(Some(stored));
                self.notify("The workspace was replaced in another tab; this tab now shows it.");
            }
        }
    }

    fn context(&self) -> Context {
        Context {
            now: now(),
            today: today(),
            actor: self.me.get_untracked(),
            replica: self.replica,
        }
    }

    /// Applies a change, marks what it touched for saving and schedules the save.
    pub fn dispatch(&self, command: Command) -> Result<(), CommandError> {
        let cx = self.context();
        let mut result = Err(CommandError::NotFound("workspace"));
        self.ws.update(|ws| {
            if let Some(ws) = ws {
                result = apply(ws, command, &cx);
            }
        });
        let touched = result.inspect_err(|e| self.notify_error(e.to_string()))?;
        self.mark(touched);
        Ok(())
    }

    /// Replaces the whole workspace (first run, sample, import) and saves all of it,
    /// removing stored records the new workspace does not have.
    pub fn replace(&self, ws: Workspace) {
        self.ws.set(Some(ws));
        self.recovery.set(None);
        self.load_problems.set(Vec::new());
        self.replace_pending.set_value(true);
        self.save_status.set(SaveStatus::Pending);
        self.flush();
    }

    fn mark(&self, touched: Touched) {
        self.pending.update_value(|p| p.merge(touched));
        if self.save_status.get_untracked() != SaveStatus::Paused {
            if !matches!(self.save_status.get_untracked(), SaveStatus::Failed(_)) {
                self.save_status.set(SaveStatus::Pending);
            }
            self.schedule_save();
        }
    }

    fn schedule_save(&self) {
        let generation = self.generation.with_value(|g| g + 1);
        self.generation.set_value(generation);
        let state = *self;
        set_timeout(
            move || {
                if state.generation.get_value() == generation {
                    state.flush();
                }
            },
            SAVE_DELAY,
        );
    }

    /// Writes pending changes now. A failure keeps them pending and says so.
    pub fn flush(&self) {
        if self.save_status.get_untracked() == SaveStatus::Paused {
            return;
        }
        let touched = self.pending.get_value();
        let replace = self.replace_pending.get_value();
        if touched.is_empty() && !replace {
            return;
        }
        // Another tab saved since this one last looked: take its changes in first, so this
        // save never overwrites a newer change.
        if !replace && read_mark() != self.seen_mark.get_value() {
            self.reconcile();
        }
        let started = js_sys::Date::now();
        let kv = BrowserStorage::open();
        let at = now();
        let result: Result<SaveReport, StoreError> = self.ws.with_untracked(|ws| match ws {
            Some(ws) if replace => storage::replace(&kv, ws, at),
            Some(ws) => storage::save(&kv, ws, &touched, at),
            None => Ok(SaveReport::default()),
        });
        match result {
            Ok(_) => {
                let mark = format!("{}:{}", String::from(self.replica), at.timestamp_millis());
                if write_mark(&mark) {
                    self.seen_mark.set_value(Some(mark));
                }
                self.pending.set_value(Touched::default());
                self.replace_pending.set_value(false);
                self.save_status.set(SaveStatus::Saved(Some(at)));
                measure("pursuit:save", started);
            }
            Err(error) => self.save_status.set(SaveStatus::Failed(error)),
        }
    }

    /// Resumes saving after the person decided what to do with unreadable stored data.
    pub fn resume_saving(&self) {
        if self.save_status.get_untracked() == SaveStatus::Paused {
            self.save_status.set(SaveStatus::Saved(None));
        }
    }

    pub fn notify(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            error: false,
        }));
    }

    pub fn notify_error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
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

    /// Reads the workspace; `None` before the first run.
    pub fn with<R>(&self, f: impl FnOnce(&Workspace) -> R) -> Option<R> {
        self.ws.with(|ws| ws.as_ref().map(f))
    }
}

/// Appends a duration (ms) to `window.__pursuitTimings[name]`, read by the benchmark script.
fn read_mark() -> Option<String> {
    use gloo_storage::Storage;
    gloo_storage::LocalStorage::raw()
        .get_item(storage::SAVE_MARK_KEY)
        .ok()
        .flatten()
}

fn write_mark(mark: &str) -> bool {
    use gloo_storage::Storage;
    gloo_storage::LocalStorage::raw()
        .set_item(storage::SAVE_MARK_KEY, mark)
        .is_ok()
}

fn measure(name: &str, started_ms: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let elapsed = js_sys::Date::now() - started_ms;
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
