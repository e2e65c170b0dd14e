//! Two tabs of one browser on one workspace: a storage listener and a save mark bring
//! another tab's saves in, entity by entity, without dropping this tab's unsaved changes.

use super::persistence::read_mark;
use super::{AppState, SaveStatus};
use crate::model::command::Touched;
use crate::model::Workspace;
use crate::storage::{self, idb::workspace_store, Loaded};
use leptos::prelude::*;
use std::time::Duration;

impl AppState {
    /// Another tab of this browser saved: bring its changes in, record by record, without
    /// dropping this tab's own unsaved changes.
    pub(super) fn follow_other_tabs(&self) {
        let state = *self;
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            let Some(key) = ev.key() else { return };
            let ours = storage::is_workspace_key(&key) || key == storage::SAVE_MARK_KEY;
            if !ours || state.saving.sync_scheduled.get_value() {
                return;
            }
            state.saving.sync_scheduled.set_value(true);
            // A save writes several keys; reconcile once they are all written. Records in
            // IndexedDB are re-read first: the other tab wrote them there.
            set_timeout(
                move || state.reconcile_then(|s| s.saving.sync_scheduled.set_value(false)),
                Duration::from_millis(60),
            );
        });
        std::mem::forget(handle);
    }

    /// [`AppState::reconcile`] on fresh records, then `then`: records in IndexedDB are
    /// re-read first (asynchronously; the other tab wrote them there), records in
    /// localStorage are read as they are, at once.
    pub(super) fn reconcile_then(&self, then: impl FnOnce(AppState) + 'static) {
        let state = *self;
        match storage::idb::current() {
            Some(store) => leptos::task::spawn_local(async move {
                let _ = store.refresh().await;
                state.reconcile();
                then(state);
            }),
            None => {
                state.reconcile();
                then(state);
            }
        }
    }

    /// Merges what is stored (written by another tab) into the workspace in memory. Each
    /// entity keeps the newer change; this tab's pending changes stay pending.
    pub(super) fn reconcile(&self) {
        if self.saving.status.get_untracked() == SaveStatus::Paused {
            return;
        }
        if self.opening.preview.with_untracked(Option::is_some) {
            // Still reading the records: take the other tab's save in once they are read.
            self.opening.missed.set_value(true);
            return;
        }
        let mark = read_mark();
        let Ok(Loaded::Workspace { workspace, .. }) =
            storage::load_unchecked(workspace_store().as_ref())
        else {
            return;
        };
        self.saving.seen_mark.set_value(mark);
        let _ = self.run(super::Action::TabSync(workspace));
    }

    /// Takes in what another tab stored ([`super::Action::TabSync`]): each record keeps the
    /// newer change and this tab's pending changes stay pending; when the other tab opened
    /// another workspace, this one follows it.
    pub(super) fn take_in(&self, stored: Workspace) {
        let merged = self.ws.with_untracked(|mine| {
            let mine = mine.as_ref().filter(|mine| mine.id == stored.id)?;
            let merged = crate::engine::merge::apply(mine, &stored, &Default::default());
            Some((merged != *mine).then_some(merged))
        });
        match merged {
            Some(None) => {}
            Some(Some(merged)) => {
                self.ws.set(Some(merged));
                self.rebase_scenario();
            }
            None => {
                self.saving.pending.set_value(Touched::default());
                self.ws.set(Some(stored));
                self.clear_steps();
                self.rebase_scenario();
                self.notify("The workspace was replaced in another tab; this tab now shows it.");
            }
        }
    }
}
