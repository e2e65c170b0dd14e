//! Keeping the sync book (`sync::replicate::Book`): in its own IndexedDB database
//! (`storage::book_store`), the entries a batch changed written with the batch, the head
//! beside them naming the workspace and server it is for. A book from before (one
//! compressed text in localStorage) is read once and moved there.

use super::sync::SyncStatus;
use super::AppState;
use crate::model::WorkspaceId;
use crate::storage::{book_store, codec, web::BrowserStorage, KeyValue};
use crate::sync::replicate::{Book, BookHead, Entry, Server};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Where books were kept before they moved to IndexedDB.
const OLD_BOOK_KEY: &str = "pursuit.sync.book";

/// What the head says: the workspace and server the book is for, and the book's own head.
#[derive(Serialize, Deserialize)]
struct StoredHead {
    workspace: WorkspaceId,
    server: Server,
    book: BookHead,
}

/// The book as it was kept in localStorage.
#[derive(Deserialize)]
struct OldBook {
    workspace: WorkspaceId,
    server: Server,
    book: Book,
}

impl AppState {
    /// Stores the book once the records it speaks of are saved, so a book never says a
    /// record was synced that this browser has not kept (after a crash the pull would not
    /// bring it again, or the older record would go up as an edit). When the save can't be
    /// awaited (paused, or behind another tab's save), the book waits for the next time.
    /// Writes run in the order they were asked for.
    pub(super) async fn keep_book(&self) {
        if !self.save_now().await {
            return;
        }
        if let Some(server) = self.sync.server.get_untracked() {
            leptos::task::spawn_local(self.book_write(&server));
        }
    }

    /// Writes the head and the entries changed since the last write (all of them when the
    /// book is new or a write failed); done when the book is stored.
    pub(super) fn book_write(
        &self,
        server: &Server,
    ) -> impl std::future::Future<Output = ()> + 'static {
        let workspace = self.sync.book_for.get_value();
        let afresh = self.sync.afresh.get_value();
        let mut changed = Vec::new();
        let mut head = BookHead::default();
        if workspace.is_some() {
            self.sync.afresh.set_value(false);
            self.sync.book.update_value(|b| {
                if afresh {
                    b.mark_all_changed();
                }
                changed = b.take_changed();
                head = b.head.clone();
            });
        }
        let head = workspace.map(|workspace| {
            let head = StoredHead {
                workspace,
                server: server.clone(),
                book: head,
            };
            serde_json::to_string(&head).unwrap_or_default()
        });
        let state = *self;
        async move {
            let Some(head) = head else { return };
            if book_store::write(head, changed, afresh).await.is_err() {
                // Written whole next time; until then the book in memory is the one used.
                state.sync.afresh.set_value(true);
            }
        }
    }

    /// Forgets the stored book (disconnected).
    pub(super) fn forget_stored_book(&self) {
        let _ = BrowserStorage::open().remove(OLD_BOOK_KEY);
        leptos::task::spawn_local(async move {
            let _ = book_store::clear().await;
        });
    }

    /// The stored book and what it is for; a book kept the old way is moved.
    async fn stored_book(&self) -> Option<(WorkspaceId, Server, Book)> {
        if let Ok(Some((head, entries))) = book_store::load().await {
            let head: StoredHead = serde_json::from_str(&head).ok()?;
            let docs = entries
                .into_iter()
                .filter_map(|(id, e)| Some((id, serde_json::from_str::<Entry>(&e).ok()?)))
                .collect();
            return Some((
                head.workspace,
                head.server,
                Book::from_parts(head.book, docs),
            ));
        }
        let kv = BrowserStorage::open();
        let old: OldBook = kv
            .get(OLD_BOOK_KEY)
            .ok()
            .flatten()
            .and_then(|t| codec::decode(&t).ok())
            .and_then(|json| serde_json::from_str(&json).ok())?;
        let _ = kv.remove(OLD_BOOK_KEY);
        self.sync.afresh.set_value(true);
        Some((old.workspace, old.server, old.book))
    }

    /// Whether the book in memory is for the workspace here, reading the stored one when
    /// not. A browser that has no book yet starts one. A book for another workspace means
    /// the workspace was replaced here or in another tab: sync waits a moment (another
    /// tab's join reaches this tab just after its book), then says what to do.
    pub(super) async fn book_ready(&self) -> bool {
        let Some(here) = self.with_real_untracked(|ws| ws.id) else {
            return false;
        };
        if self.sync.book_for.get_value() == Some(here) {
            return true;
        }
        let server = self.sync.server.get_untracked();
        let stored = self.stored_book().await;
        let book = match stored.filter(|(_, s, _)| Some(s) == server.as_ref()) {
            None => {
                self.sync.afresh.set_value(true);
                Book::started(
                    crate::model::IdSource::next_uuid(&mut crate::ui::RandomIds)
                        .simple()
                        .to_string(),
                )
            }
            Some((workspace, _, book)) if workspace == here => book,
            Some(_) => {
                self.book_for_another_workspace(server.map(|s| s.db).unwrap_or_default());
                return false;
            }
        };
        self.sync.book.set_value(book);
        self.sync.book_for.set_value(Some(here));
        self.sync.checkpoint.set_value(None);
        self.sync.mismatched.set_value(false);
        true
    }

    fn book_for_another_workspace(&self, db: String) {
        if self.sync.mismatched.get_value() {
            self.sync.status.set(SyncStatus::Problem(format!("This browser now holds another workspace than the one synced with “{db}”: to share this one, disconnect and connect it to an empty database; to go back to the team's, disconnect, start over (Data) and join again.")));
            return;
        }
        self.sync.mismatched.set_value(true);
        self.sync
            .status
            .set(SyncStatus::Working { done: 0, total: 0 });
        let state = *self;
        set_timeout(move || state.sync_now(), Duration::from_secs(2));
    }
}
