//! Live sync in the app: connecting to the team's CouchDB server, then pulling what
//! teammates changed and pushing what changed here, at start, after each local edit and
//! whenever the server's changes feed says something changed. The replication rules are
//! `sync::replicate`'s, the requests `storage::couch`'s; this file keeps the book, says where
//! sync stands in words and brings what came down in through the reducer
//! ([`super::Action::SyncIn`]). With no server set up, nothing here runs and no request
//! leaves the page's origin.

use super::sync_join::Joining;
use super::{now, AppState};
use crate::dates::Written;
use crate::model::command::Touched;
use crate::model::WorkspaceId;
use crate::storage::couch::{self, NetError};
use crate::storage::{web::BrowserStorage, KeyValue};
use crate::sync::replicate::{checked, take_in, Aside, Book, Decided, Seq, Server};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Where the server's address, database and user name are kept (never the password).
pub(super) const SERVER_KEY: &str = "pursuit.sync.server";
/// Documents asked for or sent in one request.
pub(super) const BATCH: usize = 200;
/// How often a long pull saves what came and keeps its book: often enough that each save
/// is short (a screen switch waits for at most one), rarely enough to cost little.
const KEEP_EVERY_MS: f64 = 500.0;
/// How long the changes feed may hold a request open waiting for a change.
const LONG_POLL_MS: u32 = 20_000;

/// Where sync stands, said beside the save status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SyncStatus {
    /// No server set up.
    Off,
    Working {
        done: usize,
        total: usize,
    },
    Synced(DateTime<Utc>),
    Offline {
        waiting: usize,
    },
    SignIn,
    Problem(String),
}

impl SyncStatus {
    /// In words: "Synced 10:42", "Syncing 120 of 2,300", "Offline, 3 changes waiting".
    pub fn words(&self) -> String {
        use crate::model::common::{group_thousands, plural};
        match self {
            SyncStatus::Off => String::new(),
            SyncStatus::Working { total: 0, .. } => "Syncing…".into(),
            SyncStatus::Working { done, total } => format!(
                "Syncing {} of {}",
                group_thousands(*done as u64),
                group_thousands(*total as u64)
            ),
            SyncStatus::Synced(at) => format!(
                "Synced {}",
                at.with_timezone(&chrono::Local).written("%H:%M")
            ),
            SyncStatus::Offline { waiting: 0 } => "Offline".into(),
            SyncStatus::Offline { waiting } => {
                format!("Offline, {} waiting", plural(*waiting, "change", "changes"))
            }
            SyncStatus::SignIn => "Sign in again".into(),
            SyncStatus::Problem(_) => "Sync stopped".into(),
        }
    }
}

/// The app's sync state.
#[derive(Clone, Copy)]
pub struct Sync {
    pub status: RwSignal<SyncStatus>,
    pub server: RwSignal<Option<Server>>,
    /// Documents from the server that could not be taken in, with why.
    pub aside: RwSignal<Vec<Aside>>,
    /// Records edited here and by a teammate in the same fields: the later edit was kept.
    pub decided: RwSignal<Vec<Decided>>,
    pub(super) book: StoredValue<Book>,
    /// The workspace the book in memory is for.
    pub(super) book_for: StoredValue<Option<WorkspaceId>>,
    /// The revision of this browser's checkpoint on the server: `None` until read this
    /// session, `Some(None)` when the server holds none.
    pub(super) checkpoint: StoredValue<Option<Option<String>>>,
    /// This tab is the one that syncs (it holds the sync lock).
    pub(super) leader: StoredValue<bool>,
    /// The book found was for another workspace once already: say so the next time.
    pub(super) mismatched: StoredValue<bool>,
    /// The stored book is to be written afresh (a new book, or a write that failed).
    pub(super) afresh: StoredValue<bool>,
    running: StoredValue<bool>,
    /// Another run was asked for while one was going.
    again: StoredValue<bool>,
    /// A long poll is waiting on the server.
    polling: StoredValue<bool>,
    /// Bumped on every local edit; a scheduled push runs only if no newer edit came after.
    generation: StoredValue<u64>,
    /// What changed here since the last push (`None`: not known, look at everything).
    dirty: StoredValue<Option<Touched>>,
    /// Changes the long poll brought, for the pull that follows.
    fed: StoredValue<Option<Fed>>,
    /// Records from the server are landing (not edits to send back).
    landing: StoredValue<bool>,
}

/// Changes the feed answered after `since`, up to `last`.
struct Fed {
    since: Option<Seq>,
    changes: Vec<couch::Change>,
    last: Option<Seq>,
}

impl Sync {
    pub fn new() -> Self {
        let server = BrowserStorage::open()
            .get(SERVER_KEY)
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<Server>(&t).ok());
        Sync {
            status: RwSignal::new(SyncStatus::Off),
            server: RwSignal::new(server),
            aside: RwSignal::new(Vec::new()),
            decided: RwSignal::new(Vec::new()),
            book: StoredValue::new(Book::default()),
            book_for: StoredValue::new(None),
            checkpoint: StoredValue::new(None),
            leader: StoredValue::new(false),
            mismatched: StoredValue::new(false),
            afresh: StoredValue::new(false),
            running: StoredValue::new(false),
            again: StoredValue::new(false),
            polling: StoredValue::new(false),
            generation: StoredValue::new(0),
            dirty: StoredValue::new(None),
            fed: StoredValue::new(None),
            landing: StoredValue::new(false),
        }
    }
}

impl Default for Sync {
    fn default() -> Self {
        Self::new()
    }
}

impl AppState {
    /// Connects this workspace to a team database: the password is traded for a session
    /// and forgotten; the session must be the typed user's (a browser may hold another
    /// user's cookie); the database must be there. Then the first sync runs.
    pub async fn connect(&self, server: Server, password: String) -> Result<Joining, String> {
        self.outside_scenario()?;
        open_session(&server, password).await?;
        couch::database(&server).await.map_err(|e| e.to_string())?;
        if let Joining::Choose { team } = self.join(&server).await? {
            return Ok(Joining::Choose { team });
        }
        self.start_connected(server).await;
        Ok(Joining::Syncing)
    }

    /// The server no longer took this browser's session (it expired, or the cookie was
    /// cleared): a new one from the password, then sync goes on where it stopped.
    pub async fn sign_in_again(&self, password: String) -> Result<(), String> {
        let server = self
            .sync
            .server
            .get_untracked()
            .ok_or("No server is set up.")?;
        open_session(&server, password).await?;
        self.sync
            .status
            .set(SyncStatus::Working { done: 0, total: 0 });
        self.sync_now();
        Ok(())
    }

    /// Connected: a new book, the server announced to the other tabs, the first round.
    pub(super) async fn start_connected(&self, server: Server) {
        // The book first: the tab that syncs starts when it sees the server set.
        let session = crate::model::IdSource::next_uuid(&mut crate::ui::RandomIds).simple();
        self.sync.book.set_value(Book::started(session.to_string()));
        self.sync
            .book_for
            .set_value(self.with_real_untracked(|ws| ws.id));
        self.sync.checkpoint.set_value(None);
        self.sync.afresh.set_value(true);
        self.book_write(&server).await;
        let _ = BrowserStorage::open().set(
            SERVER_KEY,
            &serde_json::to_string(&server).unwrap_or_default(),
        );
        self.sync.server.set(Some(server));
        if self.sync.leader.get_value() {
            self.sync_now();
        } else {
            self.sync
                .status
                .set(SyncStatus::Working { done: 0, total: 0 });
        }
    }

    /// Where sync stands in words, beside the save status: a conflict waiting for a choice
    /// is said once everything else went through.
    pub fn sync_words(&self) -> String {
        let conflicts = self.sync.decided.with(Vec::len);
        match self.sync.status.get() {
            SyncStatus::Synced(_) if conflicts > 0 => format!(
                "{} to resolve",
                crate::model::common::plural(conflicts, "conflict", "conflicts")
            ),
            status => status.words(),
        }
    }

    /// Carries out the choices made in the sync conflict view (the preselected version
    /// where none was made): a version other than the one kept becomes one edit, which goes
    /// to the team; every conflict shown is then settled.
    pub fn choose_in_conflicts(&self, choices: &crate::engine::merge::Choices) {
        let decided = self.sync.decided.get_untracked();
        let editor = self.editor();
        let Some(chosen) = self.with_real_untracked(|ws| {
            let mut chosen = ws.shell();
            for d in &decided {
                let Some(shown) = crate::sync::conflicts::conflict(ws, d) else {
                    continue;
                };
                let choice = choices.get(&shown.key).copied().unwrap_or(shown.default);
                if let Some((kind, id, record)) =
                    crate::sync::conflicts::resolve(ws, d, choice, now(), editor)
                {
                    let _ = crate::engine::records::put_record(&mut chosen, kind, id, &record);
                }
            }
            chosen
        }) else {
            return;
        };
        if !crate::engine::records::all_records(&chosen).is_empty() {
            let _ = self.run(super::Action::Choose(Box::new(chosen)));
        }
        self.sync.decided.set(Vec::new());
        self.share_sync_now();
    }

    /// Stops syncing in this browser (the workspace stays as it is; the server is not told).
    pub fn disconnect(&self) {
        if let Some(server) = self.sync.server.get_untracked() {
            leptos::task::spawn_local(async move {
                let _ = couch::sign_out(&server).await;
            });
        }
        let _ = BrowserStorage::open().remove(SERVER_KEY);
        self.stop_sync();
        self.forget_stored_book();
    }

    /// Sync stops here (disconnected in this tab or another).
    pub(super) fn stop_sync(&self) {
        self.sync.server.set(None);
        self.forget_book();
        self.sync.aside.set(Vec::new());
        self.sync.decided.set(Vec::new());
        self.sync.status.set(SyncStatus::Off);
    }

    /// The book in memory no longer holds: the next round reads the stored one.
    pub(super) fn forget_book(&self) {
        self.sync.book.set_value(Book::default());
        self.sync.book_for.set_value(None);
        self.sync.checkpoint.set_value(None);
        self.sync.mismatched.set_value(false);
    }

    /// Starts syncing when a server is set up for this workspace (at load, in the tab
    /// that syncs; or when another tab connected).
    pub(super) fn start_sync(&self) {
        if self.sync.server.with_untracked(Option::is_none) {
            return;
        }
        self.sync_now();
    }

    /// The network came back: what waits goes up at once.
    pub(super) fn sync_when_online(&self) {
        let state = *self;
        let handle = window_event_listener(leptos::ev::online, move |_| state.sync_now());
        // The listener lives as long as the page.
        std::mem::forget(handle);
    }

    /// After a change here (`touched`; `None` when not known, as for another tab's save):
    /// push soon (edits in a row go up together).
    pub(super) fn sync_soon(&self, touched: Option<&Touched>) {
        let idle =
            self.sync.server.with_untracked(Option::is_none) || !self.sync.leader.get_value();
        // Records coming down land as they are on the server: what to push back is said
        // by the pull itself (`Pulled::merged_here`).
        if idle || self.sync.landing.get_value() {
            return;
        }
        self.mark_dirty(touched);
        let generation = self.sync.generation.with_value(|g| g + 1);
        self.sync.generation.set_value(generation);
        let state = *self;
        set_timeout(
            move || {
                if state.sync.generation.get_value() == generation {
                    state.sync_now();
                }
            },
            Duration::from_millis(500),
        );
    }

    /// Adds what changed to what the next push looks at (`None`: everything there is now).
    fn mark_dirty(&self, touched: Option<&Touched>) {
        let touched = touched
            .cloned()
            .or_else(|| self.with_real_untracked(Touched::everything))
            .unwrap_or_default();
        self.sync.dirty.update_value(|dirty| match dirty.as_mut() {
            Some(d) => d.merge(touched),
            None => *dirty = Some(touched),
        });
    }

    /// Pulls then pushes, once (again if asked meanwhile), then follows the server's feed.
    pub fn sync_now(&self) {
        let idle = self.sync.server.with_untracked(Option::is_none) || self.in_scenario();
        if idle || !self.sync.leader.get_value() {
            return;
        }
        if self.sync.running.get_value() {
            self.sync.again.set_value(true);
            return;
        }
        self.sync.running.set_value(true);
        let state = *self;
        leptos::task::spawn_local(async move {
            if !state.book_ready().await {
                state.sync.running.set_value(false);
                return;
            }
            // What this browser holds before anything comes down is what may need to go up.
            if state.sync.dirty.with_value(Option::is_none) {
                state.mark_dirty(None);
            }
            loop {
                state.sync.again.set_value(false);
                let outcome = state.round().await;
                state.after_round(outcome);
                if !state.sync.again.get_value() {
                    break;
                }
            }
            state.sync.running.set_value(false);
            state.follow_feed();
        });
    }

    fn after_round(&self, outcome: Result<(), NetError>) {
        let status = match outcome {
            Ok(()) => SyncStatus::Synced(now()),
            Err(NetError::Offline) => SyncStatus::Offline {
                waiting: self.waiting(),
            },
            Err(NetError::SignIn) => SyncStatus::SignIn,
            Err(e) => SyncStatus::Problem(e.to_string()),
        };
        self.sync.status.set(status);
    }

    /// How many changes wait to go up (history entries travel with them, uncounted).
    fn waiting(&self) -> usize {
        let held = self.held();
        let scope = self.sync.dirty.get_value();
        self.with_real_untracked(|ws| {
            self.sync
                .book
                .with_value(|book| book.outgoing_in(ws, scope.as_ref(), &held))
                .iter()
                .filter(|o| o.doc["type"] != "history")
                .count()
        })
        .unwrap_or(0)
    }

    /// Documents kept aside stay as the server has them: what is here does not go up over
    /// them until someone fixes them at their source.
    fn held(&self) -> std::collections::BTreeSet<String> {
        self.sync
            .aside
            .with_untracked(|a| a.iter().map(|x| x.doc_id.clone()).collect())
    }

    async fn round(&self) -> Result<(), NetError> {
        let server = self.sync.server.get_untracked().ok_or(NetError::Offline)?;
        self.read_checkpoint(&server).await?;
        let before = self.sync.book.with_value(|b| b.head.pulled.clone());
        self.pull(&server).await?;
        if self.sync.book.with_value(|b| b.head.pulled != before) {
            self.write_checkpoint(&server).await?;
        }
        self.push(&server).await
    }

    /// Once a session, this browser's checkpoint on the server: whether it is still there
    /// says whether the sequence kept here still means something ([`Book::resume`]).
    async fn read_checkpoint(&self, server: &Server) -> Result<(), NetError> {
        if self.sync.checkpoint.with_value(Option::is_some) {
            return Ok(());
        }
        let Some(id) = self.sync.book.with_value(Book::checkpoint_id) else {
            return Ok(());
        };
        match couch::local_doc(server, &id).await {
            Ok(doc) => {
                let rev = doc
                    .as_ref()
                    .and_then(|d| d["_rev"].as_str().map(str::to_string));
                self.sync.book.update_value(|b| b.resume(doc.is_some()));
                self.sync.checkpoint.set_value(Some(rev));
                Ok(())
            }
            Err(NetError::Offline) => Err(NetError::Offline),
            // A server that won't show it: the sequence kept here is used.
            Err(_) => Ok(()),
        }
    }

    /// Records on the server how far this browser has taken changes in, as CouchDB's own
    /// replicator does (`_local`, never replicated). A user who may only read may not be
    /// allowed to: then the sequence kept in this browser is enough.
    async fn write_checkpoint(&self, server: &Server) -> Result<(), NetError> {
        let rev = self.sync.checkpoint.get_value().flatten();
        let (Some(id), Some(doc)) = self
            .sync
            .book
            .with_value(|b| (b.checkpoint_id(), b.checkpoint(rev.as_deref())))
        else {
            return Ok(());
        };
        match couch::put_local(server, &id, &doc).await {
            Ok(rev) => {
                self.sync.checkpoint.set_value(Some(rev));
                self.sync.book.update_value(|b| b.head.checkpointed = true);
                self.keep_book().await;
                Ok(())
            }
            Err(NetError::Offline) => Err(NetError::Offline),
            // Refused, or written meanwhile by another session: read it again next round.
            Err(_) => {
                self.sync.checkpoint.set_value(None);
                Ok(())
            }
        }
    }

    /// Takes in every change after the pulled sequence; the book is kept at the end, also
    /// when the connection dropped half-way (what came in stays counted).
    async fn pull(&self, server: &Server) -> Result<(), NetError> {
        let result = self.pull_batches(server).await;
        self.keep_book().await;
        result
    }

    /// The pull, a batch at a time.
    async fn pull_batches(&self, server: &Server) -> Result<(), NetError> {
        let mut done = 0;
        let mut kept_at = super::clock_ms();
        loop {
            let since = self.sync.book.with_value(|b| b.head.pulled.clone());
            // What the long poll just brought from this same point need not be asked again.
            let mut fed = None;
            self.sync.fed.update_value(|f| fed = f.take());
            let (changes, last) = match fed.filter(|f| f.since == since) {
                Some(f) => (f.changes, f.last),
                None => couch::changes(server, since.as_ref(), BATCH, None).await?,
            };
            let wanted: Vec<(String, String)> = self.sync.book.with_value(|book| {
                changes
                    .iter()
                    .flat_map(|c| c.revs.iter().map(move |r| (c.id.clone(), r.clone())))
                    .filter(|(id, rev)| {
                        let known = crate::engine::revs::Rev::parse(rev)
                            .is_ok_and(|r| book.docs.get(id).is_some_and(|e| e.tree.contains(&r)));
                        !known
                    })
                    .collect()
            });
            if !wanted.is_empty() {
                let docs = couch::bulk_get(server, &wanted).await?;
                self.bring_in(&docs);
            }
            done += changes.len();
            self.sync.status.set(SyncStatus::Working { done, total: 0 });
            self.sync
                .book
                .update_value(|b| b.head.pulled = last.clone().or(b.head.pulled.take()));
            if changes.len() < BATCH {
                return Ok(());
            }
            // Kept every half second too, once the records it speaks of are saved: a
            // reload then resumes from there.
            if super::clock_ms() - kept_at > KEEP_EVERY_MS {
                self.keep_book().await;
                kept_at = super::clock_ms();
            }
        }
    }

    /// Documents that came down: merged into the workspace (through the reducer), the
    /// book kept, strangers set aside with why.
    fn bring_in(&self, docs: &[serde_json::Value]) {
        let mut book = Book::default();
        self.sync.book.update_value(|b| book = std::mem::take(b));
        let Some(pulled) =
            self.with_real_untracked(|ws| checked(ws, take_in(book, ws, docs, now())))
        else {
            return;
        };
        if !pulled.aside.is_empty() {
            self.sync.aside.update(|a| a.extend(pulled.aside));
        }
        if !pulled.decided.is_empty() {
            // A record decided again replaces its earlier entry.
            self.sync.decided.update(|list| {
                list.retain(|d| !pulled.decided.iter().any(|n| n.doc_id == d.doc_id));
                list.extend(pulled.decided);
            });
        }
        self.sync.landing.set_value(true);
        let _ = self.run(super::Action::SyncIn(Box::new(pulled.theirs)));
        self.sync.landing.set_value(false);
        if !pulled.merged_here.is_empty() {
            self.sync_soon(Some(&pulled.merged_here));
        }
        self.sync.book.set_value(pulled.book);
    }

    /// Sends every record edited here since it was last synced.
    async fn push(&self, server: &Server) -> Result<(), NetError> {
        let held = self.held();
        // What changes from here on is pushed next time; what was dirty goes up now (and is
        // looked at again in full should this push fail).
        let mut scope = Some(Touched::default());
        self.sync
            .dirty
            .update_value(|d| std::mem::swap(d, &mut scope));
        let out = self
            .with_real_untracked(|ws| {
                self.sync
                    .book
                    .with_value(|book| book.outgoing_in(ws, scope.as_ref(), &held))
            })
            .unwrap_or_default();
        let result = self.send(server, out).await;
        if result.is_err() {
            self.sync.dirty.set_value(None);
        }
        result
    }

    /// Sends documents in batches; counts as sent what the server kept.
    async fn send(
        &self,
        server: &Server,
        out: Vec<crate::sync::replicate::Outgoing>,
    ) -> Result<(), NetError> {
        let total = out.len();
        let mut refused = Vec::new();
        for (i, batch) in out.chunks(BATCH).enumerate() {
            // Only revisions the server lacks go up (another replica may have sent the
            // same one: revisions are made from what they hold).
            let revs: Vec<(String, String)> = batch
                .iter()
                .filter_map(|o| Some((o.doc["_id"].as_str()?.into(), o.path.first()?.to_string())))
                .collect();
            let missing = couch::revs_diff(server, &revs).await?;
            let docs: Vec<serde_json::Value> = batch
                .iter()
                .zip(&revs)
                .filter(|(_, r)| missing.contains(r))
                .map(|(o, _)| o.doc.clone())
                .collect();
            let no = if docs.is_empty() {
                Vec::new()
            } else {
                couch::bulk_docs(server, &docs).await?
            };
            // Only what the server kept counts as sent; what it refused keeps waiting.
            let kept: Vec<_> = batch
                .iter()
                .filter(|o| !no.iter().any(|r| o.doc["_id"] == r.id.as_str()))
                .cloned()
                .collect();
            self.sync.book.update_value(|b| b.sent(&kept));
            self.keep_book().await;
            refused.extend(no);
            self.sync.status.set(SyncStatus::Working {
                done: (i * BATCH + batch.len()).min(total),
                total,
            });
        }
        match refused.first() {
            None => Ok(()),
            Some(first) => Err(NetError::Forbidden(format!(
                "it kept {} of your changes back ({}: {}); they stay here",
                refused.len(),
                first.id,
                first.reason
            ))),
        }
    }

    /// Waits on the server's changes feed and syncs when something changed; after a
    /// failure, tries again a little later.
    fn follow_feed(&self) {
        if self.sync.polling.get_value() || self.sync.server.with_untracked(Option::is_none) {
            return;
        }
        self.sync.polling.set_value(true);
        let state = *self;
        leptos::task::spawn_local(async move {
            let since = state.sync.book.with_value(|b| b.head.pulled.clone());
            let server = state.sync.server.get_untracked();
            let result = match &server {
                Some(server) => {
                    couch::changes(server, since.as_ref(), BATCH, Some(LONG_POLL_MS)).await
                }
                None => Ok((Vec::new(), None)),
            };
            state.sync.polling.set_value(false);
            match result {
                Ok((changes, last)) if !changes.is_empty() => {
                    state.sync.fed.set_value(Some(Fed {
                        since,
                        changes,
                        last,
                    }));
                    state.sync_now()
                }
                Ok(_) => state.follow_feed(),
                Err(e) => {
                    state.after_round(Err(e));
                    set_timeout(move || state.sync_now(), Duration::from_secs(5));
                }
            }
        });
    }
}

/// Trades the password for a session (it goes no further) and checks the session is the
/// typed user's: a browser may hold another user's cookie.
async fn open_session(server: &Server, password: String) -> Result<(), String> {
    couch::sign_in(server, &password)
        .await
        .map_err(|e| e.to_string())?;
    drop(password);
    match couch::session_user(server).await.map_err(|e| e.to_string())? {
        Some(name) if name == server.user => Ok(()),
        other => Err(format!(
            "The server's session is for {} rather than {}: sign out of the server in this browser, then connect again.",
            other.map_or("nobody".to_string(), |n| format!("“{n}”")),
            server.user
        )),
    }
}
