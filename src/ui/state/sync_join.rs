//! Joining a team database. An empty workspace here becomes the team's (its records come
//! down with the first pull). A workspace with work in it is not mixed in silently: the
//! person chooses between merging it into the team's, through the merge preview (the
//! team's workspace is read first, then this one is merged into it and put in place as one
//! undoable replace), and keeping it apart (nothing is sent).

use super::sync::BATCH;
use super::AppState;
use crate::model::{Workspace, WorkspaceId};
use crate::storage::couch;
use crate::sync::replicate::{apply, checked, take_in, Book, Server};
use chrono::{DateTime, Utc};

/// What connecting came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Joining {
    /// Connected; the first sync runs.
    Syncing,
    /// The database holds the team's workspace (named `team`) and this browser holds work of
    /// its own: merge it in, or keep it apart.
    Choose { team: String },
}

impl AppState {
    /// Whether this workspace can sync with the database as it is: it is the one there, the
    /// database is empty, or this one is empty (it becomes the team's); otherwise the
    /// person chooses.
    pub(super) async fn join(&self, server: &Server) -> Result<Joining, String> {
        let theirs = couch::workspace_ids(server)
            .await
            .map_err(|e| e.to_string())?;
        let Some(remote) = theirs.first().copied() else {
            return Ok(Joining::Syncing);
        };
        let (here, empty) = self
            .with_real_untracked(|ws| (ws.id.0, ws.projects.is_empty() && ws.members.is_empty()))
            .unwrap_or((uuid::Uuid::nil(), true));
        if here == remote {
            return Ok(Joining::Syncing);
        }
        if !empty {
            let doc = couch::document(
                server,
                &crate::sync::docs::doc_id(crate::engine::records::Kind::Workspace, remote),
            )
            .await
            .ok()
            .flatten();
            let team = doc
                .and_then(|d| d["name"].as_str().map(str::to_string))
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| "the team's workspace".into());
            return Ok(Joining::Choose { team });
        }
        // Dated at the dawn of time, so every record that comes down is newer than this
        // placeholder (its name and settings never win over the team's).
        let fresh = Workspace::new(WorkspaceId(remote), String::new(), DateTime::<Utc>::MIN_UTC);
        self.run(super::Action::Open(Box::new(fresh)))
            .map(|_| Joining::Syncing)
            .map_err(|e| e.to_string())
    }

    /// The team's whole workspace, read from the database into memory (nothing here
    /// changes), for the merge preview; `progress` hears how many documents came.
    pub async fn team_workspace(
        &self,
        server: &Server,
        progress: impl Fn(usize),
    ) -> Result<Workspace, String> {
        let ids = couch::workspace_ids(server)
            .await
            .map_err(|e| e.to_string())?;
        let remote = ids
            .first()
            .copied()
            .ok_or("The database holds no workspace.")?;
        let mut team = Workspace::new(WorkspaceId(remote), String::new(), DateTime::<Utc>::MIN_UTC);
        let (mut book, mut since, mut done) = (Book::default(), None, 0);
        loop {
            let (changes, last) = couch::changes(server, since.as_ref(), BATCH, None)
                .await
                .map_err(|e| e.to_string())?;
            let wanted: Vec<(String, String)> = changes
                .iter()
                .flat_map(|c| c.revs.iter().map(move |r| (c.id.clone(), r.clone())))
                .collect();
            let docs = couch::bulk_get(server, &wanted)
                .await
                .map_err(|e| e.to_string())?;
            let pulled = checked(&team, take_in(book, &team, &docs, super::now()));
            apply(&mut team, &pulled.theirs);
            book = pulled.book;
            done += changes.len();
            progress(done);
            since = last.or(since);
            if changes.len() < BATCH {
                return Ok(team);
            }
        }
    }

    /// Puts this browser's workspace, merged into the team's (it holds the team's id), in
    /// place as one undoable replace, then connects as a teammate once it is kept: what it
    /// brought goes up with the first round. Refused or not kept, nothing is connected.
    pub fn join_merged(&self, merged: Workspace, server: Server) {
        let app = *self;
        let label = format!("merged into the team's workspace on “{}”", server.db);
        self.replace_kept(merged, label, move |outcome| match outcome {
            super::Replaced::Kept => {
                app.notify(
                    "Your workspace joined the team's: what it brought goes to your teammates now.",
                );
                leptos::task::spawn_local(async move { app.start_connected(server).await });
            }
            super::Replaced::Refused(why) | super::Replaced::NotKept(why) => {
                app.notify_error(format!(
                    "Your workspace was not merged into the team's, and nothing was sent: {why}"
                ))
            }
        });
    }
}
