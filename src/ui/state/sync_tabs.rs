//! Sync with several tabs open: one tab of the browser syncs (the one holding the Web Lock
//! `pursuit.sync`), so a change made in any tab reaches the server once. The other tabs
//! get the team's changes through the workspace that tab stores (as any save of another
//! tab), show where sync stands from what it shares in storage, and hand their own edits
//! to it the same way. When the syncing tab closes, the lock passes to another tab.

use super::sync::{SyncStatus, SERVER_KEY};
use super::AppState;
use crate::storage::{web::BrowserStorage, KeyValue};
use crate::sync::replicate::{Aside, Decided, Server};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

/// Where the syncing tab says where sync stands, for the other tabs (and for itself after a
/// reload: documents kept aside stay kept aside).
const SHARED_KEY: &str = "pursuit.sync.shared";
/// The Web Lock the syncing tab holds for as long as it is open.
const LOCK: &str = "pursuit.sync";

/// What the syncing tab shares.
#[derive(Serialize, Deserialize, Default)]
struct Shared {
    status: Option<SyncStatus>,
    #[serde(default)]
    aside: Vec<Aside>,
    #[serde(default)]
    decided: Vec<Decided>,
}

/// Asks for the Web Lock `name` and, once this tab holds it, runs `granted` and keeps it
/// for the life of the page; another tab gets it when this one closes. Without Web Locks
/// (an old browser), runs `granted` at once.
pub(super) fn hold_lock(name: &str, granted: impl FnOnce() + 'static) {
    let mut granted = Some(granted);
    let mut run = move || {
        if let Some(g) = granted.take() {
            g();
        }
    };
    let locks = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()).ok())
        .filter(|l| !l.is_undefined());
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &"request".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    match (locks, request) {
        (Some(locks), Some(request)) => {
            let callback = wasm_bindgen::closure::Closure::once_into_js(move |_lock: JsValue| {
                run();
                // Held for the life of the page.
                JsValue::from(js_sys::Promise::new(&mut |_, _| {}))
            });
            let _ = request.call2(&locks, &name.into(), &callback);
        }
        _ => run(),
    }
}

impl AppState {
    /// Asks for the sync lock; once this tab holds it (at once when no other tab does), it
    /// is the one that syncs. A browser without Web Locks syncs in every tab (revisions
    /// are made from what they hold, so the same edit sent twice is one revision).
    pub(super) fn lead_when_free(&self) {
        self.read_shared(true, false);
        self.follow_sync_of_other_tabs();
        self.share_sync_state();
        let state = *self;
        hold_lock(LOCK, move || {
            state.sync.leader.set_value(true);
            state.sync_when_online();
            state.start_sync();
        });
    }

    /// The syncing tab writes where sync stands whenever it changes.
    fn share_sync_state(&self) {
        let state = *self;
        Effect::new(move |_| {
            state.sync.status.track();
            state.sync.aside.track();
            state.sync.decided.track();
            if state.sync.leader.get_value() {
                state.share_sync_now();
            }
        });
    }

    /// Writes where sync stands for the other tabs (any tab, once conflicts were settled
    /// in it: the syncing tab then drops them too).
    pub(super) fn share_sync_now(&self) {
        let shared = Shared {
            status: Some(self.sync.status.get_untracked()),
            aside: self.sync.aside.get_untracked(),
            decided: self.sync.decided.get_untracked(),
        };
        let _ = BrowserStorage::open().set(
            SHARED_KEY,
            &serde_json::to_string(&shared).unwrap_or_default(),
        );
    }

    /// Takes in what the syncing tab shared (at start too: a tab opened beside the syncing
    /// one says where it stands at once; a tab that becomes the syncing one soon says its
    /// own). The syncing tab itself takes only the conflicts still waiting (another tab may
    /// have settled them).
    fn read_shared(&self, at_start: bool, leader: bool) {
        let Some(shared) = BrowserStorage::open()
            .get(SHARED_KEY)
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<Shared>(&t).ok())
        else {
            return;
        };
        if leader {
            self.sync.decided.set(shared.decided);
            return;
        }
        // At start, with no server set up in this browser, an old state means nothing.
        let connected = self.sync.server.with_untracked(Option::is_some);
        if let Some(status) = shared.status.filter(|_| connected || !at_start) {
            self.sync.status.set(status);
        }
        self.sync.aside.set(shared.aside);
        self.sync.decided.set(shared.decided);
    }

    /// Another tab connected, disconnected or shared where sync stands.
    fn follow_sync_of_other_tabs(&self) {
        let state = *self;
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            let Some(key) = ev.key() else { return };
            let leader = state.sync.leader.get_value();
            if key == SHARED_KEY {
                state.read_shared(false, leader);
            } else if key == SERVER_KEY {
                let server = ev
                    .new_value()
                    .and_then(|t| serde_json::from_str::<Server>(&t).ok());
                state.server_changed_elsewhere(server);
            }
        });
        std::mem::forget(handle);
    }

    fn server_changed_elsewhere(&self, server: Option<Server>) {
        let leader = self.sync.leader.get_value();
        match server {
            None => self.stop_sync(),
            Some(server) => {
                self.sync.server.set(Some(server));
                self.forget_book();
                if leader {
                    self.start_sync();
                } else {
                    self.sync
                        .status
                        .set(SyncStatus::Working { done: 0, total: 0 });
                }
            }
        }
    }
}
