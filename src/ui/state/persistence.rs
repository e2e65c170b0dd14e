//! What the browser stores: loading at start, saving after each change (debounced, and at
//! once when the page is hidden), replacing the whole workspace all or nothing, and warning
//! before the tab closes with something unsaved.

use super::{measure, now, AppState, Recovery, SaveStatus};
use crate::model::command::Touched;
use crate::model::Workspace;
use crate::storage::{
    self, idb::workspace_store, web::BrowserStorage, KeyValue, Loaded, ReplaceError, SaveReport,
    StoreError,
};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::time::Duration;

/// How long after the last change the workspace is written.
const SAVE_DELAY: Duration = Duration::from_millis(400);

impl AppState {
    pub(super) fn load(&self) {
        let kv = workspace_store();
        let started = super::clock_ms();
        // Shown first, checked right after: checking every value of a large workspace takes
        // about a third of reading it, and the problems it finds are only ever reported.
        self.take_loaded(storage::load_unchecked(kv.as_ref()));
        measure("pursuit:load", started);
    }

    /// Shows what was read from storage: the workspace (its index compared at once, its
    /// values checked right after the first frame), the recovery notice for data that can't
    /// be read, or the storage's refusal.
    pub(super) fn take_loaded(&self, loaded: Result<Loaded, StoreError>) {
        let kv = workspace_store();
        match loaded {
            Ok(Loaded::Empty) => {}
            Ok(Loaded::Workspace { workspace, .. }) => {
                self.ws.set(Some(*workspace));
                // At once, while the workspace in memory is exactly what is stored.
                self.check_index();
                let state = *self;
                request_animation_frame(move || {
                    set_timeout(move || state.check_loaded(), Duration::ZERO);
                });
            }
            Ok(Loaded::Unreadable { reason, raw }) => {
                let backup_key = storage::keep_backup(kv.as_ref(), &raw, now()).ok();
                self.notices.recovery.set(Some(Recovery {
                    reason,
                    raw,
                    backup_key,
                }));
                self.saving.status.set(SaveStatus::Paused);
            }
            Err(error) => {
                // Storage refused even to be read: run in memory and say so on the first save.
                self.saving.status.set(SaveStatus::Failed(error));
            }
        }
    }

    /// The index the projects table is drawn from at the next opening (`storage::index`):
    /// written again when it is missing or says anything the records do not. Run right
    /// after the records are read, before any edit, so the rows are made from exactly the
    /// stored records; not when another tab saved meanwhile (its rows are newer than the
    /// records read here; the next opening checks again).
    fn check_index(&self) {
        let shown = self.opening.shown.get_value();
        self.opening.shown.set_value(None);
        if self.saving.status.get_untracked() == SaveStatus::Paused
            || self.opening.missed.get_value()
        {
            return;
        }
        let kv = workspace_store();
        let _ = self.ws.with_untracked(|ws| {
            let ws = ws.as_ref()?;
            let stale = match shown.as_deref().map(|p| p.rows.as_slice()) {
                Some(rows) => storage::index::differs(ws, rows),
                None => !matches!(storage::index::read(kv.as_ref()), Ok(Ok(rows)) if !storage::index::differs(ws, &rows)),
            };
            stale.then(|| storage::index::rebuild(kv.as_ref(), ws))
        });
    }

    /// Problems in the stored workspace (shown in a banner, never silently fixed).
    fn check_loaded(&self) {
        let problems = self
            .ws
            .with_untracked(|ws| ws.as_ref().map(crate::engine::validate::validate))
            .unwrap_or_default();
        if !problems.is_empty() {
            self.notices
                .load_problems
                .set(problems.iter().map(|p| p.to_string()).collect());
        }
    }

    pub(super) fn flush_when_hidden(&self) {
        let state = *self;
        let handle = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                state.flush();
            }
        });
        let handle2 = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
        // Leaving while something could not be saved: ask the browser to warn. The banner
        // with its download button stays on the page behind the browser's question.
        let handle3 = window_event_listener(leptos::ev::beforeunload, move |ev| {
            state.flush();
            let on_its_way = storage::idb::current().is_some_and(|s| s.unsaved());
            let unsaved = (matches!(state.saving.status.get_untracked(), SaveStatus::Failed(_))
                || on_its_way)
                && state.ws.with_untracked(Option::is_some);
            if unsaved {
                ev.prevent_default();
                ev.set_return_value("Your latest changes are not saved in this browser.");
            }
        });
        // The listeners live as long as the page.
        std::mem::forget(handle);
        std::mem::forget(handle2);
        std::mem::forget(handle3);
    }

    /// Starts afresh with `ws` ([`super::Action::Open`]: first run, sample, open a file)
    /// with nothing to undo. All or nothing: see [`AppState::store_whole`].
    pub(super) fn open(&self, ws: Workspace) -> Result<(), String> {
        self.store_whole(Box::new(ws))
            .map_err(|(reason, _)| reason)?;
        self.clear_steps();
        Ok(())
    }

    /// Stores `ws` as the whole workspace, then shows it, and gives back the one it
    /// replaced. When it can't be stored (too big for what is left of the browser's
    /// storage, or a write failed) nothing changes, in storage or on screen, and the reason
    /// is returned with `ws`. When this browser keeps no data at all, the workspace is shown
    /// and kept in memory, and the header says it is not saved.
    pub(super) fn store_whole(
        &self,
        mut ws: Box<Workspace>,
    ) -> Result<Option<Box<Workspace>>, (String, Box<Workspace>)> {
        if let Err(reason) = self.outside_scenario() {
            return Err((reason, ws));
        }
        crate::engine::history::prune(&mut ws);
        let kv = workspace_store();
        let at = now();
        let status = match storage::replace(kv.as_ref(), &ws, at) {
            Ok(_) => {
                self.saving.replace_pending.set_value(false);
                self.written(kv.as_ref(), at, super::clock_ms())
            }
            Err(ReplaceError::Store(StoreError::Unavailable)) => {
                self.saving.replace_pending.set_value(true);
                SaveStatus::Failed(StoreError::Unavailable)
            }
            Err(e) => return Err((e.to_string(), ws)),
        };
        self.saving.pending.set_value(Touched::default());
        let replaced = self
            .ws
            .try_update(|shown| shown.replace(*ws))
            .flatten()
            .map(Box::new);
        self.rebase_scenario();
        self.notices.recovery.set(None);
        self.notices.load_problems.set(Vec::new());
        self.saving.status.set(status);
        Ok(replaced)
    }

    /// The status after the store took a save: saved, or — for a store that writes behind
    /// (IndexedDB) — still "Saving…" until the browser confirms the write, so "Saved" never
    /// shows for work a closing tab could still lose.
    fn written(&self, kv: &dyn KeyValue, at: DateTime<Utc>, started: f64) -> SaveStatus {
        if kv.unsaved() {
            self.saving.save_started.set_value(Some(started));
            SaveStatus::Pending
        } else {
            self.after_write(at);
            measure("pursuit:save", started);
            SaveStatus::Saved(Some(at))
        }
    }

    /// Notes a successful write for the other tabs.
    pub(super) fn after_write(&self, at: DateTime<Utc>) {
        let mark = format!("{}:{}", String::from(self.replica), at.timestamp_millis());
        if write_mark(&mark) {
            self.saving.seen_mark.set_value(Some(mark));
        }
    }

    pub(super) fn mark(&self, touched: Touched) {
        self.sync_soon(Some(&touched));
        self.saving.pending.update_value(|p| p.merge(touched));
        if self.saving.status.get_untracked() != SaveStatus::Paused {
            if !matches!(self.saving.status.get_untracked(), SaveStatus::Failed(_)) {
                self.saving.status.set(SaveStatus::Pending);
            }
            self.schedule_save();
        }
    }

    pub(super) fn schedule_save(&self) {
        let generation = self.saving.generation.with_value(|g| g + 1);
        self.saving.generation.set_value(generation);
        let state = *self;
        set_timeout(
            move || {
                if state.saving.generation.get_value() == generation {
                    state.flush();
                }
            },
            SAVE_DELAY,
        );
    }

    /// Writes pending changes now. A failure keeps them pending and says so.
    /// Saves what is pending now; answers once it is stored, `false` when it was not (saving
    /// paused or failed, or deferred behind another tab's save).
    pub(super) async fn save_now(&self) -> bool {
        self.flush();
        let waiting = !self.saving.pending.with_value(Touched::is_empty)
            || self.saving.replace_pending.get_value();
        if waiting || self.saving.status.get_untracked() == SaveStatus::Paused {
            return false;
        }
        let mut answer = None;
        let promise = js_sys::Promise::new(&mut |resolve, _| answer = Some(resolve));
        if let Some(answer) = answer {
            storage::idb::when_settled(move |outcome| {
                let _ = answer.call1(
                    &wasm_bindgen::JsValue::NULL,
                    &wasm_bindgen::JsValue::from_bool(outcome.is_ok()),
                );
            });
        }
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }

    pub fn flush(&self) {
        if self.saving.status.get_untracked() == SaveStatus::Paused {
            return;
        }
        let touched = self.saving.pending.get_value();
        let replace = self.saving.replace_pending.get_value();
        if touched.is_empty() && !replace {
            // Nothing new, but a write the store refused is sent again.
            if let Some(store) = storage::idb::current().filter(|s| s.unsaved()) {
                leptos::task::spawn_local(async move {
                    let _ = store.write_now().await;
                });
            }
            return;
        }
        // Another tab saved since this one last looked: take its changes in first, so this
        // save never overwrites a newer change. This save runs once they are in (after
        // IndexedDB's records are re-read).
        let mark = read_mark();
        if !replace && mark != self.saving.seen_mark.get_value() {
            self.reconcile_then(move |state| {
                state.saving.seen_mark.set_value(mark);
                state.flush();
            });
            return;
        }
        let started = super::clock_ms();
        let kv = workspace_store();
        let at = now();
        let result: Result<SaveReport, StoreError> = self.ws.with_untracked(|ws| match ws {
            Some(ws) if replace => storage::replace(kv.as_ref(), ws, at).map_err(|e| match e {
                ReplaceError::TooBig { .. } => StoreError::QuotaExceeded,
                ReplaceError::Store(e) => e,
            }),
            Some(ws) => storage::save(kv.as_ref(), ws, &touched, at),
            None => Ok(SaveReport::default()),
        });
        match result {
            Ok(_) => {
                self.saving.pending.set_value(Touched::default());
                self.saving.replace_pending.set_value(false);
                let status = self.written(kv.as_ref(), at, started);
                self.saving.status.set(status);
                self.store_steps();
            }
            Err(error) => self.saving.status.set(SaveStatus::Failed(error)),
        }
    }

    /// Follows the writes a store makes behind the app's back (IndexedDB confirms each
    /// save later): a refused write says "not saved" and keeps the work on screen (the store
    /// keeps it to send again); the next confirmed write clears that.
    pub(super) fn follow_writes(&self) {
        let state = *self;
        storage::idb::on_written(move |outcome| match outcome {
            Ok(()) => {
                let waiting = matches!(
                    state.saving.status.get_untracked(),
                    SaveStatus::Pending
                        | SaveStatus::Failed(StoreError::QuotaExceeded | StoreError::Other(_))
                );
                let all_written = state.saving.pending.with_value(Touched::is_empty)
                    && !state.saving.replace_pending.get_value()
                    && storage::idb::current().is_some_and(|s| !s.unsaved());
                if waiting && all_written {
                    let at = now();
                    state.after_write(at);
                    if let Some(started) = state.saving.save_started.get_value() {
                        measure("pursuit:save", started);
                    }
                    state.saving.save_started.set_value(None);
                    state.saving.status.set(SaveStatus::Saved(Some(at)));
                }
            }
            Err(error) => state.saving.status.set(SaveStatus::Failed(error)),
        });
    }

    /// Resumes saving after the person decided what to do with unreadable stored data.
    pub fn resume_saving(&self) {
        if self.saving.status.get_untracked() == SaveStatus::Paused {
            self.saving.status.set(SaveStatus::Saved(None));
        }
    }
}

pub(super) fn read_mark() -> Option<String> {
    BrowserStorage::open()
        .get(storage::SAVE_MARK_KEY)
        .ok()
        .flatten()
}

fn write_mark(mark: &str) -> bool {
    BrowserStorage::open()
        .set(storage::SAVE_MARK_KEY, mark)
        .is_ok()
}
