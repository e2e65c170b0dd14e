//! Replicating the workspace through a CouchDB-protocol server, the pure part: what this
//! browser knows of each document on the server (its revision tree and which body it last
//! sent or took in), which documents to send up after local edits, and how documents
//! that came down become records. Network, storage and timing are the adapter's
//! (`docs/sync.md`); this module only turns values into values.
//!
//! Records carry their own version vectors (`Stamp::versions`), so a document conflict is
//! resolved by the file merge's rule (`engine::merge`): what came down is merged into the
//! workspace like a teammate's file, a field both sides changed is shown in the conflict
//! view, and the merged record goes up as one new revision on the winning branch with the
//! losing leaves deleted, so every replica, PouchDB included, ends with the same winner.

use crate::engine::records::{all_records, project_of, put_record, Kind};
use crate::engine::revs::{Rev, RevTree, Revisions};
use crate::model::{Stamp, Workspace};
use crate::sync::docs::{doc_id, from_doc, to_doc, DocError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A position in the server's changes feed, kept exactly as the server sent it: CouchDB 1
/// and PouchDB send numbers, CouchDB 2 and 3 opaque strings ("12-g1AAAA…"). Never parsed
/// or compared, only sent back as `since`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seq(pub Value);

impl Seq {
    /// The text for a `since=` query parameter.
    pub fn as_param(&self) -> String {
        match &self.0 {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// What this browser knows of one document on the server.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub tree: RevTree,
    /// A fingerprint of the record as the server's winning revision holds it (what was last
    /// sent or taken in): a record whose fingerprint differs was edited here since.
    pub synced: u64,
    /// The newest body this browser sent or took in, and the one before it: the bases a
    /// three-way merge compares both sides' edits with (the one the incoming revision
    /// descends from is used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Based>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior: Option<Based>,
}

/// A revision's body, kept as a merge base.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Based {
    pub rev: Rev,
    pub body: Value,
}

impl Entry {
    fn remember(&mut self, rev: Rev, body: Value) {
        self.prior = self.base.take();
        self.base = Some(Based { rev, body });
    }

    /// The kept body `path` (a revision and its ancestors) descends from.
    fn base_of(&self, path: &[Rev]) -> Option<&Value> {
        [&self.base, &self.prior]
            .into_iter()
            .flatten()
            .find(|b| path.contains(&b.rev))
            .map(|b| &b.body)
    }
}

/// Everything this browser keeps about replicating one workspace with one database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Book {
    pub docs: BTreeMap<String, Entry>,
    /// Where the replication stands (stored beside the entries).
    #[serde(flatten)]
    pub head: BookHead,
    /// Documents whose entry changed since the book was last stored (so storing it writes
    /// what changed, not every entry).
    #[serde(skip)]
    pub changed: std::collections::BTreeSet<String>,
}

/// The book without its entries: what is stored beside them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BookHead {
    /// How far down the server's changes this browser has taken in.
    #[serde(default)]
    pub pulled: Option<Seq>,
    /// Names this browser's checkpoint on the server (`_local/pursuit-<session>`).
    #[serde(default)]
    pub session: Option<String>,
    /// The server has held that checkpoint.
    #[serde(default)]
    pub checkpointed: bool,
}

impl Book {
    /// A book read back from its head and its entries.
    pub fn from_parts(head: BookHead, docs: BTreeMap<String, Entry>) -> Book {
        Book {
            docs,
            head,
            changed: Default::default(),
        }
    }

    /// The entries changed since the last call, each as JSON (`None`: gone), to store.
    pub fn take_changed(&mut self) -> Vec<(String, Option<String>)> {
        std::mem::take(&mut self.changed)
            .into_iter()
            .map(|id| {
                let entry = self
                    .docs
                    .get(&id)
                    .and_then(|e| serde_json::to_string(e).ok());
                (id, entry)
            })
            .collect()
    }

    /// Marks every entry as changed (to store the whole book afresh).
    pub fn mark_all_changed(&mut self) {
        self.changed = self.docs.keys().cloned().collect();
    }

    /// A book for a new replication, its checkpoint named by `session`.
    pub fn started(session: String) -> Book {
        Book {
            head: BookHead {
                session: Some(session),
                ..BookHead::default()
            },
            ..Book::default()
        }
    }

    /// The id of this browser's checkpoint document on the server (under `_local/`).
    pub fn checkpoint_id(&self) -> Option<String> {
        self.head.session.as_ref().map(|s| format!("pursuit-{s}"))
    }

    /// The checkpoint to write once changes were taken in, over the server's current one
    /// (its `_rev`, when it has one).
    pub fn checkpoint(&self, rev: Option<&str>) -> Option<Value> {
        let mut doc = serde_json::json!({
            "session_id": self.head.session.as_ref()?,
            "last_seq": self.head.pulled.as_ref()?.0,
            "replicator": "pursuit",
        });
        if let (Some(rev), Value::Object(map)) = (rev, &mut doc) {
            map.insert("_rev".into(), rev.into());
        }
        Some(doc)
    }

    /// What the server's checkpoint says when sync starts: when the server held this
    /// browser's checkpoint and no longer does, the database was recreated or restored and
    /// the sequence kept here means nothing there any more, so the pull starts over from
    /// the beginning (revisions already known are not fetched again). When the server never
    /// held one (a user who may only read can't write it), the sequence kept here is used.
    pub fn resume(&mut self, found: bool) {
        if self.head.checkpointed && !found {
            self.head.pulled = None;
        }
        self.head.checkpointed = found;
    }
}

/// Feeds a JSON value to `sink` in a canonical form: keys in order, every number as the
/// double it stands for, so the same record read back from the server (`6` for `6.0`)
/// feeds the same bytes.
fn canonical(v: &Value, sink: &mut dyn FnMut(&[u8])) {
    match v {
        Value::Null => sink(b"n"),
        Value::Bool(b) => sink(if *b { b"t" } else { b"f" }),
        Value::Number(n) => {
            sink(b"#");
            sink(&n.as_f64().unwrap_or(f64::NAN).to_bits().to_le_bytes());
        }
        Value::String(s) => {
            sink(b"\"");
            sink(s.as_bytes());
            sink(b"\"");
        }
        Value::Array(items) => {
            sink(b"[");
            items.iter().for_each(|i| canonical(i, sink));
            sink(b"]");
        }
        Value::Object(map) => {
            sink(b"{");
            let keys: std::collections::BTreeSet<&String> = map.keys().collect();
            for k in keys {
                sink(k.as_bytes());
                sink(b":");
                canonical(&map[k], sink);
            }
            sink(b"}");
        }
    }
}

/// A fingerprint of a record's JSON (64-bit FNV-1a over its canonical form): equal records
/// give equal fingerprints on every replica.
pub fn fingerprint(record: &Value) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    canonical(record, &mut |bytes| {
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    });
    h
}

/// A new revision's hash, made as CouchDB makes its own: from what the revision holds (its
/// parent, whether it deletes, the record; 128-bit FNV-1a as 32 hex digits). Two tabs or
/// two replicas that send the same edit after the same parent make the same revision, so
/// the server keeps one, not a conflict.
pub fn rev_hash(parent: Option<&Rev>, deleted: bool, record: &Value) -> String {
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013B;
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h = (h ^ u128::from(*b)).wrapping_mul(PRIME);
        }
    };
    feed(parent.map(|p| p.to_string()).unwrap_or_default().as_bytes());
    feed(if deleted { b"|deleted|" } else { b"|live|" });
    canonical(record, &mut feed);
    format!("{h:032x}")
}

/// A document ready for `_bulk_docs` with `new_edits: false`, and what sending it adds to
/// the book once the server took it.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub doc: Value,
    pub path: Vec<Rev>,
    pub deleted: bool,
    /// The record's fingerprint once sent (`None` for the deletion of a losing leaf, which
    /// leaves the winner's body as it is).
    pub synced: Option<u64>,
}

impl Book {
    /// The documents to send so the server holds every record as it is here: a new revision
    /// for each record edited here since it was last synced (or never sent), and a deleting
    /// revision for each live losing leaf of a document in conflict (its winner goes up as
    /// the merged record). Documents in `held` (a conflict waiting for someone's choice)
    /// stay back.
    pub fn outgoing(
        &self,
        ws: &Workspace,
        held: &std::collections::BTreeSet<String>,
    ) -> Vec<Outgoing> {
        let mut out = Vec::new();
        for (kind, id, record) in all_records(ws) {
            let key = doc_id(kind, id);
            if held.contains(&key) {
                continue;
            }
            let entry = self.docs.get(&key);
            let print = fingerprint(&record);
            let conflicts = entry.map(|e| e.tree.conflicts()).unwrap_or_default();
            if entry.is_some_and(|e| e.synced == print) && conflicts.is_empty() {
                continue;
            }
            let deleted = record
                .get("stamp")
                .and_then(|s| s.get("deleted_at"))
                .is_some_and(|d| !d.is_null());
            // The record differs from the winner's body: it goes up as the next revision on
            // the winning branch. When it is the winner's body (a conflict the merge settled
            // in the winner's favour), only the losing leaves are deleted, so two replicas
            // that settled alike do not start a new conflict.
            if entry.is_none_or(|e| e.synced != print) {
                let parent = entry.and_then(|e| e.tree.winner()).map(|w| w.rev);
                if let Some(path) = next_path(entry, parent.as_ref(), deleted, &record) {
                    out.push(outgoing(kind, id, &record, path, deleted, Some(print)));
                }
            }
            for leaf in conflicts {
                if let Some(path) = next_path(entry, Some(&leaf), true, &record) {
                    out.push(outgoing(kind, id, &record, path, true, None));
                }
            }
        }
        out
    }

    /// [`Book::outgoing`] over the records an edit could have changed since the last push:
    /// the projects in `scope` (everything when `None`), the workspace-level records, and
    /// the history entries never sent. An edit then costs what it touched, not a pass over
    /// every record of a large workspace.
    pub fn outgoing_in(
        &self,
        ws: &Workspace,
        scope: Option<&crate::model::command::Touched>,
        held: &std::collections::BTreeSet<String>,
    ) -> Vec<Outgoing> {
        let Some(scope) = scope else {
            return self.outgoing(ws, held);
        };
        let mut part = ws.part(scope);
        part.history = ws
            .history
            .iter()
            .filter(|h| !self.docs.contains_key(&doc_id(Kind::History, h.id.0)))
            .cloned()
            .collect();
        self.outgoing(&part, held)
    }

    /// The server took `sent`: its revisions join the trees, and the records count as
    /// synced as sent.
    pub fn sent(&mut self, sent: &[Outgoing]) {
        for o in sent {
            let key = o.doc["_id"].as_str().unwrap_or_default().to_string();
            self.changed.insert(key.clone());
            let entry = self.docs.entry(key).or_default();
            entry.tree.insert(&o.path, o.deleted);
            if let (Some(print), Some(rev), Ok(sent)) = (o.synced, o.path.first(), from_doc(&o.doc))
            {
                entry.synced = print;
                entry.remember(rev.clone(), sent.record);
            }
        }
    }
}

/// The path of a new revision after `parent` (a first revision without one).
fn next_path(
    entry: Option<&Entry>,
    parent: Option<&Rev>,
    deleted: bool,
    record: &Value,
) -> Option<Vec<Rev>> {
    let hash = rev_hash(parent, deleted, record);
    match parent {
        None => Some(vec![Rev::new(1, &hash)?]),
        Some(parent) => {
            let mut path = vec![parent.child(&hash)?];
            path.extend(entry.map(|e| e.tree.path_to(parent)).unwrap_or_default());
            Some(path)
        }
    }
}

fn outgoing(
    kind: Kind,
    id: uuid::Uuid,
    record: &Value,
    path: Vec<Rev>,
    deleted: bool,
    synced: Option<u64>,
) -> Outgoing {
    let mut doc = to_doc(kind, id, record, path.first(), deleted);
    if let (Value::Object(map), Some(revisions)) = (&mut doc, Revisions::of(&path)) {
        map.insert("_revisions".into(), crate::json::to_tree(&revisions));
    }
    Outgoing {
        doc,
        path,
        deleted,
        synced,
    }
}

/// A record both sides changed in the same fields: the later edit's values were kept until
/// someone chooses ([`crate::sync::conflicts`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decided {
    pub doc_id: String,
    /// The fields (record keys) both sides changed.
    pub fields: Vec<String>,
    /// The record as it was here, and as it came down, before they were merged.
    pub mine: Value,
    pub theirs: Value,
}

/// A document from the server that could not be taken in, with why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Aside {
    pub doc_id: String,
    pub reason: String,
}

/// What a batch of documents from the server brings: the records as they are to be here
/// (each already merged with this browser's edits), as a workspace of their own to put in
/// place with [`apply`], the book as it will be once they are, and the documents kept aside.
#[derive(Clone, Debug, PartialEq)]
pub struct Pulled {
    pub theirs: Workspace,
    pub book: Book,
    pub aside: Vec<Aside>,
    /// Records edited on both sides in the same fields, settled by the later edit.
    pub decided: Vec<Decided>,
    /// Where a record taken in is not the body that came (it was merged with edits made
    /// here): what has to go back up. The rest is as the server has it.
    pub merged_here: crate::model::command::Touched,
}

/// Takes in documents fetched with their history (`_bulk_get?revs=true` or `open_revs`):
/// each revision joins its tree; a document whose winner is a revision that came in
/// brings that body as a record of `theirs`. A document that is not a Pursuit record, or
/// whose record does not read as its kind, is kept aside and changes nothing.
pub fn take_in(mut book: Book, ws: &Workspace, docs: &[Value], now: DateTime<Utc>) -> Pulled {
    let mut theirs = ws.shell();
    let mut aside = Vec::new();
    // Records whose winning revision came in this batch: a losing leaf of theirs that came
    // in too waits for the next round, so the winner's body is the one merged.
    let mut won = std::collections::HashSet::new();
    let mut decided = Vec::new();
    let mut merged_here = crate::model::command::Touched::default();
    for doc in docs {
        let name = doc["_id"].as_str().unwrap_or("?").to_string();
        let keep_aside = |aside: &mut Vec<Aside>, reason: String| {
            aside.push(Aside {
                doc_id: name.clone(),
                reason,
            })
        };
        let incoming = match from_doc(doc) {
            Ok(i) => i,
            Err(e) => {
                keep_aside(&mut aside, e.to_string());
                continue;
            }
        };
        let path = match history(doc, incoming.rev.as_ref()) {
            Ok(p) => p,
            Err(e) => {
                keep_aside(&mut aside, e.to_string());
                continue;
            }
        };
        let record = match bodiless_tombstone(&incoming, ws, now) {
            Some(record) => record,
            None => incoming.record.clone(),
        };
        // Read first on a shell of its own, so a document that does not read as its kind
        // changes nothing; then written back as this app writes it (another client may
        // write a time as "…:00.000Z" or leave out a default), so the record is not sent
        // back up as an edit for its spelling.
        let mut alone = ws.shell();
        if let Err(e) = put_record(&mut alone, incoming.kind, incoming.id, &record) {
            keep_aside(&mut aside, format!("document “{name}”: {e}"));
            continue;
        }
        let record = crate::engine::records::one_record(&alone, incoming.kind, incoming.id)
            .unwrap_or(record);
        book.changed.insert(name.clone());
        let entry = book.docs.entry(name.clone()).or_default();
        let base = entry.base_of(&path).cloned();
        entry.tree.insert(&path, incoming.deleted);
        let rev = path.first();
        let winner = entry.tree.winner().map(|w| w.rev);
        let won_here = winner.as_ref() == rev;
        let live_loser = rev.is_some_and(|r| entry.tree.conflicts().contains(r));
        if won_here {
            entry.synced = fingerprint(&record);
            if let Some(rev) = rev {
                entry.remember(rev.clone(), record.clone());
            }
            won.insert(incoming.id);
        } else if !live_loser || won.contains(&incoming.id) {
            continue;
        }
        // The record here and the incoming one, both edited since the body the incoming
        // revision descends from, merge field by field; without a known base, every field
        // that differs counts as changed on both sides (the later edit's value is kept).
        let local = crate::engine::history::record_value(ws, incoming.kind, incoming.id);
        let merged = match &local {
            None => record,
            Some(local) if *local == record => record,
            Some(local) => {
                let unknown = Value::Object(Default::default());
                let (merged, both) = three_way(base.as_ref().unwrap_or(&unknown), local, &record);
                if !both.is_empty() && base.is_some() {
                    decided.push(Decided {
                        doc_id: name,
                        fields: both,
                        mine: local.clone(),
                        theirs: record.clone(),
                    });
                }
                if merged != record {
                    match project_of(incoming.kind, incoming.id, &merged) {
                        Some(p) => merged_here.projects.insert(p),
                        None => std::mem::replace(&mut merged_here.workspace, true),
                    };
                }
                merged
            }
        };
        let _ = put_record(&mut theirs, incoming.kind, incoming.id, &merged);
    }
    Pulled {
        theirs,
        book,
        aside,
        decided,
        merged_here,
    }
}

/// A deletion written by another client without the record's body (`{"_id", "_rev",
/// "_deleted": true}`): the record here, marked deleted at `now`. `None` when the document
/// has a body, or when this browser never had the record (nothing to delete).
fn bodiless_tombstone(
    incoming: &crate::sync::docs::Incoming,
    ws: &Workspace,
    now: DateTime<Utc>,
) -> Option<Value> {
    let empty = incoming.record.as_object().is_none_or(|m| m.is_empty());
    if !(incoming.deleted && empty) {
        return None;
    }
    let mut record = crate::engine::history::record_value(ws, incoming.kind, incoming.id)?;
    let stamp = record.get_mut("stamp")?.as_object_mut()?;
    if stamp.get("deleted_at").is_none_or(Value::is_null) {
        stamp.insert("deleted_at".into(), crate::json::to_tree(&now));
    }
    Some(record)
}

/// The revision path a fetched document carries: its `_revisions`, or its `_rev` alone.
fn history(doc: &Value, rev: Option<&Rev>) -> Result<Vec<Rev>, DocError> {
    let id = || doc["_id"].as_str().unwrap_or("?").to_string();
    match doc.get("_revisions") {
        Some(r) => {
            let revisions: Revisions = crate::json::from_tree(r)
                .map_err(|reason| DocError::BadRev { id: id(), reason })?;
            revisions.path().map_err(|e| DocError::BadRev {
                id: id(),
                reason: e.to_string(),
            })
        }
        None => rev
            .cloned()
            .map(|r| vec![r])
            .ok_or_else(|| DocError::BadRev {
                id: id(),
                reason: "it has no _rev".into(),
            }),
    }
}

/// Where a team's database lives: the server's address and the database's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Server {
    /// `https://host[:port][/path]`, without a trailing slash (plain `http` only for this
    /// machine).
    pub url: String,
    pub db: String,
    /// The user name the session must be for.
    pub user: String,
}

impl Server {
    /// The database's address.
    pub fn db_url(&self) -> String {
        format!("{}/{}", self.url, encode_component(&self.db))
    }
}

/// Checks what a person typed to connect: a server address (https, or http on this
/// machine; never with a user name or password in it), a database name as CouchDB allows
/// them, and a user name. Each problem names the field and what is allowed.
pub fn server(url: &str, db: &str, user: &str) -> Result<Server, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let url = url.trim().trim_end_matches('/');
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let local = ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|h| host == *h || host.starts_with(&format!("{h}:")));
    if host.contains('@') {
        problems.push(("url", "Leave the user name and password out of the address: type them in their own fields (an address with them in it would be kept in plain text).".to_string()));
    } else if host.is_empty() || !(scheme == "https" || (scheme == "http" && local)) {
        problems.push(("url", "Give the server's address starting with https:// (http:// only for a server on this computer), e.g. https://couch.example.com.".to_string()));
    } else if url.contains(['?', '#', ' ']) {
        problems.push((
            "url",
            "The address can't hold a query (?), a fragment (#) or spaces.".to_string(),
        ));
    }
    let db = db.trim();
    let db_ok = db.len() <= 238
        && db.starts_with(|c: char| c.is_ascii_lowercase())
        && db
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c));
    if !db_ok {
        problems.push(("db", "Name the database as CouchDB allows: a lowercase letter first, then lowercase letters, digits and _ $ ( ) + - /, at most 238 characters (e.g. sales-team).".to_string()));
    }
    let user = user.trim();
    if user.is_empty() || user.chars().count() > 200 {
        problems.push((
            "user",
            "Give the user name the server knows you by (at most 200 characters).".to_string(),
        ));
    }
    if problems.is_empty() {
        Ok(Server {
            url: url.to_string(),
            db: db.to_string(),
            user: user.to_string(),
        })
    } else {
        Err(problems)
    }
}

/// Percent-encodes a path segment (a database name, a document id).
pub fn encode_component(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What merging `theirs` (from [`take_in`]) touches, for saving: the projects its records
/// belong to, and the workspace-level records.
pub fn touched(theirs: &Workspace) -> crate::model::command::Touched {
    let mut touched = crate::model::command::Touched {
        workspace: true,
        ..Default::default()
    };
    for (kind, id, record) in all_records(theirs) {
        if let Some(p) = crate::engine::records::project_of(kind, id, &record) {
            touched.projects.insert(p);
        }
    }
    touched
}

/// A record both sides edited since the body they last shared (`base`): each field changed
/// on one side only keeps that change; a field both changed differently keeps the later
/// edit's value (the merge's default) and is named, so the person can see what was
/// decided. The stamp joins both sides' versions, so the merged record is newer than
/// either, and every replica that merges the same three bodies gets the same record.
pub fn three_way(base: &Value, mine: &Value, theirs: &Value) -> (Value, Vec<String>) {
    let (Some(b), Some(m), Some(t)) = (base.as_object(), mine.as_object(), theirs.as_object())
    else {
        return (theirs.clone(), Vec::new());
    };
    let stamp = |v: &serde_json::Map<String, Value>| -> Option<Stamp> {
        crate::json::from_tree(v.get("stamp")?).ok()
    };
    let (Some(ms), Some(ts)) = (stamp(m), stamp(t)) else {
        return (theirs.clone(), Vec::new());
    };
    let theirs_later = (
        ts.updated_at,
        ts.updated_by,
        serde_json::to_string(t).unwrap_or_default(),
    ) > (
        ms.updated_at,
        ms.updated_by,
        serde_json::to_string(m).unwrap_or_default(),
    );
    let mut out = serde_json::Map::new();
    let mut both = Vec::new();
    let keys: std::collections::BTreeSet<&String> = m.keys().chain(t.keys()).collect();
    for key in keys.into_iter().filter(|k| *k != "stamp") {
        let (bv, mv, tv) = (b.get(key), m.get(key), t.get(key));
        let value = if mv == tv || tv == bv {
            mv
        } else if mv == bv {
            tv
        } else {
            both.push(key.clone());
            if theirs_later {
                tv
            } else {
                mv
            }
        };
        if let Some(v) = value {
            out.insert(key.clone(), v.clone());
        }
    }
    let later = if theirs_later { &ts } else { &ms };
    let mut joined = later.clone();
    joined.versions = ms.versions.join(&ts.versions);
    joined.created_at = ms.created_at.min(ts.created_at);
    out.insert("stamp".into(), crate::json::to_tree(&joined));
    (Value::Object(out), both)
}

/// Keeps aside every record of `pulled` that would leave a value out of its documented
/// range once merged (the same limits typed and imported values meet): written by
/// another client, it is named with its problem and not applied, while the rest of the
/// batch is. Cheap when the batch is clean (one check); record by record otherwise.
pub fn checked(ws: &Workspace, mut pulled: Pulled) -> Pulled {
    if introduces_problems(ws, &pulled.theirs).is_none() {
        return pulled;
    }
    let mut clean = ws.shell();
    for (kind, id, record) in all_records(&pulled.theirs) {
        let mut single = ws.shell();
        if put_record(&mut single, kind, id, &record).is_err() {
            continue;
        }
        match introduces_problems(ws, &single) {
            Some(problem) => pulled.aside.push(Aside {
                doc_id: doc_id(kind, id),
                reason: format!("document “{}”: {problem}", doc_id(kind, id)),
            }),
            None => {
                let _ = put_record(&mut clean, kind, id, &record);
            }
        }
    }
    pulled.theirs = clean;
    pulled
}

/// Puts the records of `theirs` (from [`take_in`], already merged) in place.
pub fn apply(ws: &mut Workspace, theirs: &Workspace) {
    for (kind, id, record) in all_records(theirs) {
        let _ = put_record(ws, kind, id, &record);
    }
}

/// The first range problem putting `theirs` in place would bring, if any.
fn introduces_problems(ws: &Workspace, theirs: &Workspace) -> Option<String> {
    let scope = touched(theirs);
    let before = ws.part(&scope);
    let mut after = before.clone();
    apply(&mut after, theirs);
    crate::engine::validate::new_problems(&before, &after, &scope)
        .into_iter()
        .next()
        .map(|p| p.message)
}
