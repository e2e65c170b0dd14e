//! Saving the workspace in the browser, and reading it back, without ever losing work.
//!
//! The workspace is stored as one record for its workspace-level data (settings, members,
//! templates, quotas) and one record per project holding the project and everything it owns.
//! An edit rewrites only the records it touched, so the cost of a save does not grow with
//! the size of the workspace. Each record is compressed (see [`codec`]).
//!
//! The logic is written against [`KeyValue`] so it is tested natively with an in-memory
//! store; [`idb::IdbStore`] keeps the records in the browser's IndexedDB (through an
//! in-memory mirror, [`behind`]) and [`web::BrowserStorage`] is the thin adapter over
//! localStorage, for the small per-browser keys and for browsers without IndexedDB.

pub mod behind;
pub mod book_store;
pub mod codec;
pub mod couch;
pub mod idb;
pub mod index;
pub mod seal;
pub mod web;

use crate::dates::Written;
use crate::engine::validate::{validate, Problem};
use crate::format::{FORMAT, SCHEMA_VERSION};
use crate::model::command::Touched;
use crate::model::*;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Key of the workspace-level record of generation 0 (the layout before generations).
pub const WORKSPACE_KEY: &str = "pursuit:workspace";
/// Prefix of the per-project records of generation 0; the project id follows.
pub const PROJECT_PREFIX: &str = "pursuit:project:";
/// Which generation of records is the workspace. Replacing the workspace (import, open a
/// file, restore) writes a whole new generation beside the current one and then switches
/// this one key, so a replace that does not fit leaves the old workspace exactly as it was.
/// Absent: generation 0.
pub const HEAD_KEY: &str = "pursuit:head";
/// Prefix of backups of stored data that could not be read.
pub const BACKUP_PREFIX: &str = "pursuit:backup:";
/// Which member "I am" in this browser; never part of the shared file.
pub const ME_KEY: &str = "pursuit:me";
/// The undo and redo steps, so they survive a reload (never part of the shared file).
pub const UNDO_KEY: &str = "pursuit:undo";
/// The what-if scenarios made in this browser, for one workspace, and which one is open.
/// Never part of the shared file: a scenario leaves the browser only when applied.
pub const SCENARIOS_KEY: &str = "pursuit:scenarios";
/// Changed by every save, so a tab can tell that another tab wrote since it last looked.
pub const SAVE_MARK_KEY: &str = "pursuit:save-mark";
/// This browser's replica id (see `model::ReplicaId`).
pub const REPLICA_KEY: &str = "pursuit:replica";
/// The column mappings of spreadsheet imports made in this browser, by the file's column
/// names, so the next export of the same CRM maps itself. Never part of the shared file.
pub const CSV_MAPPINGS_KEY: &str = "pursuit:csv-mappings";
/// The colour theme chosen in this browser: `light` or `dark` as plain text (boot.js reads
/// it before the app starts); absent follows the system. Never part of the shared file.
pub const THEME_KEY: &str = "pursuit:theme";

/// The workspace record's key in a generation.
pub fn workspace_key(generation: u64) -> String {
    if generation == 0 {
        WORKSPACE_KEY.into()
    } else {
        format!("pursuit:g{generation}:workspace")
    }
}

/// The prefix of a generation's project records.
pub fn project_prefix(generation: u64) -> String {
    if generation == 0 {
        PROJECT_PREFIX.into()
    } else {
        format!("pursuit:g{generation}:project:")
    }
}

/// The generation a workspace or project record key belongs to; `None` for other keys.
pub fn generation_of(key: &str) -> Option<u64> {
    if key == WORKSPACE_KEY
        || key.starts_with(PROJECT_PREFIX)
        || key.starts_with("pursuit:row:")
        || key == "pursuit:rows"
    {
        return Some(0);
    }
    let rest = key.strip_prefix("pursuit:g")?;
    let (n, tail) = rest.split_once(':')?;
    let ours = matches!(tail, "workspace" | "rows");
    (ours || tail.starts_with("project:") || tail.starts_with("row:"))
        .then(|| n.parse().ok())
        .flatten()
}

/// Whether a key holds workspace data (a record of any generation, or the head).
pub fn is_workspace_key(key: &str) -> bool {
    key == HEAD_KEY || generation_of(key).is_some()
}

/// The current generation, from the head key.
pub fn generation(kv: &dyn KeyValue) -> Result<u64, StoreError> {
    Ok(kv
        .get(HEAD_KEY)?
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0))
}

/// Why the browser refused to store or read something.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("The browser's storage for this site is full.")]
    QuotaExceeded,
    #[error("The browser does not allow this site to store data (private mode or site settings).")]
    Unavailable,
    #[error("The browser refused to store data: {0}")]
    Other(String),
}

/// A string key-value store with localStorage's semantics.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    /// How many UTF-16 units the store holds in all, when known.
    fn quota(&self) -> Option<usize> {
        None
    }
    /// Whether something written is not yet confirmed by the durable side (a store that
    /// writes behind, like [`idb::IdbStore`]); a synchronous store never has.
    fn unsaved(&self) -> bool {
        false
    }
    /// Whether every record is kept compressed ([`codec::encode`]): a store that counts
    /// characters against a small quota (localStorage) must; IndexedDB keeps records under
    /// [`PLAIN_BELOW`] as plain JSON (see [`stored_form`]).
    fn compact(&self) -> bool {
        true
    }
}

/// In a store that is not [`KeyValue::compact`], records whose JSON is shorter than this
/// are kept as it is. Compressing one costs a fixed ~25 µs natively (the compressor's
/// tables are cleared) for a few hundred bytes saved: a deal imported from a CRM is
/// ~720 bytes of JSON, which deflate took to ~380, and 8,800 of them took 230 ms of a save
/// natively and most of a second in the browser. Larger records (a project with its
/// plan, often 10 KB and more) shrink 5–12 times and are still compressed.
pub const PLAIN_BELOW: usize = 2048;

/// A record's JSON as `kv` keeps it.
fn stored_form(kv: &dyn KeyValue, json: String) -> String {
    if kv.compact() || json.len() >= PLAIN_BELOW {
        codec::encode(&json)
    } else {
        json
    }
}

/// The workspace-level record.
#[derive(Serialize, Deserialize)]
struct WorkspaceRecord {
    format: String,
    schema_version: u64,
    saved_at: DateTime<Utc>,
    /// The workspace with its project-owned collections left empty.
    workspace: Workspace,
}

/// One project and everything it owns: read as [`ProjectRecord`], written from borrowed
/// records as `ProjectRecordOut`. Both have a field for every kind in `project_records!`.
macro_rules! define_project_records {
    ($($field:ident: $t:ty => $k:ident),*) => {
        #[derive(Deserialize, Default)]
        struct ProjectRecord {
            project: Option<Project>,
            $(#[serde(default)] $field: Vec<$t>,)*
            #[serde(default)]
            history: Vec<ChangeRecord>,
        }

        #[derive(Serialize, Default)]
        struct ProjectRecordOut<'a> {
            project: Option<&'a Project>,
            $($field: Vec<&'a $t>,)*
            #[serde(skip_serializing_if = "Vec::is_empty")]
            history: Vec<&'a ChangeRecord>,
        }
    };
}
crate::project_records!(define_project_records);

fn project_key(generation: u64, id: ProjectId) -> String {
    format!("{}{id}", project_prefix(generation))
}

fn workspace_record(kv: &dyn KeyValue, ws: &Workspace, now: DateTime<Utc>) -> String {
    let shell = ws.team_part();
    let record = WorkspaceRecord {
        format: FORMAT.into(),
        schema_version: SCHEMA_VERSION,
        saved_at: now,
        workspace: shell,
    };
    stored_form(kv, to_json(&record))
}

/// Records serialize to JSON whatever they hold (strings, integers, dates, finite floats);
/// a float that is not finite becomes `null` rather than failing.
fn to_json<T: Serialize>(record: &T) -> String {
    serde_json::to_string(record).unwrap_or_else(|_| "null".into())
}

/// The records of the projects in `wanted`, gathered in one pass over the workspace (so
/// writing every project costs what the workspace holds, not projects × records).
fn gather<'a>(
    ws: &'a Workspace,
    wanted: &std::collections::BTreeSet<ProjectId>,
) -> HashMap<ProjectId, ProjectRecordOut<'a>> {
    let mut out: HashMap<ProjectId, ProjectRecordOut<'a>> = wanted
        .iter()
        .filter_map(|p| ws.projects.get(p.0))
        .map(|p| {
            (
                p.id,
                ProjectRecordOut {
                    project: Some(p),
                    ..Default::default()
                },
            )
        })
        .collect();
    // Each project's records through the collections' index: a save costs what it writes.
    macro_rules! gather {
        ($($field:ident: $t:ty => $k:ident),*) => {
            for (p, r) in out.iter_mut() {
                $(r.$field.extend(ws.$field.of(*p));)*
            }
        };
    }
    crate::project_records!(gather);
    for h in &ws.history {
        if let Some(r) = h.project_id.and_then(|p| out.get_mut(&p)) {
            r.history.push(h);
        }
    }
    out
}

/// What a save wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    pub records: usize,
    pub units: usize,
}

/// Writes the records a change touched into the current generation. On error, nothing
/// already in memory is lost: the caller keeps `touched` and passes it again on the next
/// attempt.
pub fn save(
    kv: &dyn KeyValue,
    ws: &Workspace,
    touched: &Touched,
    now: DateTime<Utc>,
) -> Result<SaveReport, StoreError> {
    let generation = generation(kv)?;
    let mut report = SaveReport::default();
    // The index is complete only once the whole save is in (see `index`).
    let mark = index::mark_key(generation);
    let marked = kv.get(&mark)?;
    kv.remove(&mark)?;
    let mut wrote = false;
    let outcome = records(kv, ws, touched, generation, now)
        .into_iter()
        .try_for_each(|(key, value)| {
            match value {
                Some(value) => {
                    kv.set(&key, &value)?;
                    report.records += usize::from(!index::is_row_key(&key));
                    report.units += codec::storage_units(&value);
                }
                None => kv.remove(&key)?,
            }
            wrote = true;
            Ok(())
        })
        .and_then(|()| kv.set(&mark, &ws.projects.len().to_string()));
    if let (Err(_), false, Some(marked)) = (&outcome, wrote, marked) {
        // Refused before anything was written: the stored data is exactly as it was.
        let _ = kv.set(&mark, &marked);
    }
    outcome.map(|()| report)
}

/// The records a change touched, by key, encoded, each project's followed by its index row
/// ([`index`]); `None` for a project no longer there.
fn records(
    kv: &dyn KeyValue,
    ws: &Workspace,
    touched: &Touched,
    generation: u64,
    now: DateTime<Utc>,
) -> Vec<(String, Option<String>)> {
    records_iter(kv, ws, touched, generation, now).collect()
}

/// [`records`], encoded one at a time as they are asked for.
fn records_iter<'a>(
    kv: &'a dyn KeyValue,
    ws: &'a Workspace,
    touched: &'a Touched,
    generation: u64,
    now: DateTime<Utc>,
) -> impl Iterator<Item = (String, Option<String>)> + 'a {
    let head = touched.workspace.then(|| {
        (
            workspace_key(generation),
            Some(workspace_record(kv, ws, now)),
        )
    });
    let mut gathered = gather(ws, &touched.projects);
    head.into_iter()
        .chain(touched.projects.iter().flat_map(move |id| {
            let record = gathered.remove(id);
            let row = record
                .as_ref()
                .and_then(|r| r.project)
                .map(|p| index::IndexRow::of(p).stored());
            let value = record.map(|record| stored_form(kv, to_json(&record)));
            [
                (project_key(generation, *id), value),
                (index::row_key(generation, *id), row),
            ]
        }))
}

/// Why a workspace could not replace the stored one. The stored workspace is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReplaceError {
    #[error(
        "It needs {} of browser storage and only {} are free (this browser keeps about {} for Pursuit, and the current workspace stays until the new one is written). Nothing was changed. To make room, delete old backups on the Data screen (Storage) or clear other sites' data in the browser's settings, then try again.",
        size(*.needed), size(*.free), size(*.quota)
    )]
    TooBig {
        needed: usize,
        free: usize,
        quota: usize,
    },
    #[error("{0} Nothing was changed.")]
    Store(StoreError),
}

impl From<StoreError> for ReplaceError {
    fn from(e: StoreError) -> Self {
        ReplaceError::Store(e)
    }
}

/// Storage units as a size people know: localStorage counts UTF-16 units of two bytes.
pub fn size(units: usize) -> String {
    let bytes = units as f64 * 2.0;
    if bytes >= 1_000_000_000.0 {
        format!("{:.1} GB", bytes / 1_000_000_000.0)
    } else if bytes >= 1_000_000.0 {
        format!("{:.1} MB", bytes / 1_000_000.0)
    } else {
        format!("{:.0} KB", (bytes / 1_000.0).ceil())
    }
}

/// Replaces all stored data with `ws`, all or nothing: the new workspace is written as a new
/// generation beside the current one, then the head switches to it in one write, then the
/// old generation is removed. When it does not fit (checked first, so a huge file is refused
/// before anything is written) or a write fails, what was written of the new generation is
/// removed and the stored workspace is exactly as before.
pub fn replace(
    kv: &dyn KeyValue,
    ws: &Workspace,
    now: DateTime<Utc>,
) -> Result<SaveReport, ReplaceError> {
    let current = generation(kv)?;
    // Leftovers of a replace that was interrupted (the tab closed mid-way) are not the
    // workspace: make room by removing them first.
    for key in kv.keys()? {
        if generation_of(&key).is_some_and(|g| g != current) {
            kv.remove(&key)?;
        }
    }
    let next = current + 1;
    let room = match kv.quota() {
        Some(quota) => Some((quota, quota.saturating_sub(used_units(kv)?))),
        None => None,
    };
    // Encoded one project at a time: a workspace far too big is refused as soon as what is
    // encoded passes the free room, with the whole size estimated from the share done,
    // instead of compressing every record of a 100,000-project file first.
    let all = Touched::everything(ws);
    let total = all.projects.len() + 1;
    let mut records = Vec::with_capacity(total);
    let mut needed = 0usize;
    for (key, value) in records_iter(kv, ws, &all, next, now) {
        needed += codec::storage_units(&key) + value.as_deref().map_or(0, codec::storage_units);
        records.push((key, value));
        if let Some((quota, free)) = room {
            if needed > free {
                let estimate = needed.saturating_mul(total) / records.len().max(1);
                return Err(ReplaceError::TooBig {
                    needed: estimate.max(needed),
                    free,
                    quota,
                });
            }
        }
    }
    let mut report = SaveReport::default();
    let mut written = Vec::with_capacity(records.len());
    let outcome = records.iter().try_for_each(|(key, value)| {
        if let Some(value) = value {
            kv.set(key, value)?;
            written.push(key.clone());
            report.records += usize::from(!index::is_row_key(key));
            report.units += codec::storage_units(value);
        }
        Ok::<(), StoreError>(())
    });
    let outcome = outcome
        .and_then(|()| kv.set(&index::mark_key(next), &ws.projects.len().to_string()))
        .and_then(|()| kv.set(HEAD_KEY, &next.to_string()));
    if let Err(error) = outcome {
        for key in &written {
            let _ = kv.remove(key);
        }
        return Err(match (error, kv.quota()) {
            (StoreError::QuotaExceeded, Some(quota)) => ReplaceError::TooBig {
                needed,
                free: quota.saturating_sub(used_units(kv).unwrap_or(quota)),
                quota,
            },
            (other, _) => ReplaceError::Store(other),
        });
    }
    // The switch is made; the old generation is no longer the workspace. A failure to
    // remove it only leaves space used until the next replace tidies it.
    for key in kv.keys().unwrap_or_default() {
        if generation_of(&key).is_some_and(|g| g != next) {
            let _ = kv.remove(&key);
        }
    }
    Ok(report)
}

/// UTF-16 units used by every key and value in the store (ours and any other's).
fn used_units(kv: &dyn KeyValue) -> Result<usize, StoreError> {
    let mut used = 0;
    for key in kv.keys()? {
        used +=
            codec::storage_units(&key) + kv.get(&key)?.as_deref().map_or(0, codec::storage_units);
    }
    Ok(used)
}

/// What was found in storage at start-up.
#[derive(Debug)]
pub enum Loaded {
    /// Nothing stored yet: first run.
    Empty,
    /// The workspace, with any problems validation found in it (shown, never silently fixed).
    Workspace {
        workspace: Box<Workspace>,
        problems: Vec<Problem>,
        units: usize,
    },
    /// Stored data exists but can't be read. Nothing was changed; `raw` holds every stored
    /// record's text, to keep and offer for download.
    Unreadable { reason: String, raw: String },
}

/// Reads the stored workspace: the current generation's records. A workspace stored by an
/// older version of Pursuit goes through the file format's migrations
/// (`format::migrate::to_current`) like an old file.
pub fn load(kv: &dyn KeyValue) -> Result<Loaded, StoreError> {
    load_with(kv, false, true)
}

/// [`load`] without checking the workspace against the documented limits: `problems` comes
/// back empty, for a caller that shows the workspace first and validates it right after
/// (checking 2,000 projects takes about a third of reading them), or that has no use for
/// the problems (another tab's save, merged in).
pub fn load_unchecked(kv: &dyn KeyValue) -> Result<Loaded, StoreError> {
    load_with(kv, false, false)
}

/// [`load`], reading through the migration path even when the stored schema is current.
/// The app never needs this; the tests use it so that path is proven while there is only
/// one schema version.
pub fn load_via_migrations(kv: &dyn KeyValue) -> Result<Loaded, StoreError> {
    load_with(kv, true, true)
}

fn load_with(kv: &dyn KeyValue, migrate_always: bool, check: bool) -> Result<Loaded, StoreError> {
    match begin_with(kv, migrate_always, check)? {
        Begun::Done(loaded) => Ok(loaded),
        Begun::Reading(mut opening) => {
            opening.step(usize::MAX);
            opening.finish(kv)
        }
    }
}

/// How opening the stored workspace begins: at once with an answer (nothing stored, data
/// that can't be read), or with the project records still to decode.
pub enum Begun {
    Done(Loaded),
    Reading(Box<Opening>),
}

/// The stored workspace being read record by record, so a caller can decode it in slices
/// between frames ([`Opening::step`]) and keep the page drawing; [`load`] runs it in one go.
pub struct Opening {
    keys: Vec<String>,
    record: Option<serde_json::Value>,
    version: u64,
    check: bool,
    units: usize,
    texts: Vec<(String, String)>,
    typed: Option<Workspace>,
    decoded: Vec<(Project, ProjectRecord)>,
    failed: Option<String>,
}

/// [`load`], begun: the workspace record is read and checked, the project records are
/// gathered; decoding them is left to [`Opening::step`].
pub fn begin(kv: &dyn KeyValue) -> Result<Begun, StoreError> {
    begin_with(kv, false, false)
}

fn begin_with(kv: &dyn KeyValue, migrate_always: bool, check: bool) -> Result<Begun, StoreError> {
    let keys = kv.keys()?;
    let generation = generation(kv)?;
    let prefix = project_prefix(generation);
    let mut project_keys: Vec<&String> = keys.iter().filter(|k| k.starts_with(&prefix)).collect();
    crate::sorting::sort(&mut project_keys);
    let done = |loaded: Result<Loaded, StoreError>| loaded.map(Begun::Done);
    let Some(head) = kv.get(&workspace_key(generation))? else {
        if project_keys.is_empty() && !keys.iter().any(|k| generation_of(k).is_some()) {
            return Ok(Begun::Done(Loaded::Empty));
        }
        let reason = "the workspace record is missing but project records exist";
        return done(unreadable(kv, &keys, reason.into()));
    };
    let mut units = codec::storage_units(&head);
    let record: serde_json::Value = match decode_record(&head) {
        Ok(r) => r,
        Err(reason) => {
            return done(unreadable(
                kv,
                &keys,
                format!("the workspace record: {reason}"),
            ))
        }
    };
    let version = match stored_version(&record) {
        Ok(v) => v,
        Err(reason) => return done(unreadable(kv, &keys, reason)),
    };
    let mut texts = Vec::with_capacity(project_keys.len());
    for key in project_keys {
        let Some(text) = kv.get(key)? else { continue };
        units += codec::storage_units(&text);
        texts.push((key.clone(), text));
    }
    let mut opening = Opening {
        keys,
        record: Some(record),
        version,
        check,
        units,
        decoded: Vec::with_capacity(texts.len()),
        texts,
        typed: None,
        failed: None,
    };
    if version == SCHEMA_VERSION && !migrate_always {
        opening.start_typed();
    }
    Ok(Begun::Reading(Box::new(opening)))
}

/// The team's part of the workspace (settings, members…) from its stored record, when the
/// record reads and is of the current schema; for the first screen, before the projects.
pub(crate) fn team_part(stored: &str) -> Option<Workspace> {
    let record: serde_json::Value = decode_record(stored).ok()?;
    if stored_version(&record).ok()? != SCHEMA_VERSION {
        return None;
    }
    crate::json::from_tree::<WorkspaceRecord>(&record)
        .ok()
        .map(|r| r.workspace)
}

/// The stored schema version, when Pursuit can read it.
fn stored_version(record: &serde_json::Value) -> Result<u64, String> {
    if record.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err("the workspace record is not a Pursuit workspace".into());
    }
    match record.get("schema_version").and_then(|v| v.as_u64()) {
        Some(v) if v > SCHEMA_VERSION => Err(format!(
            "it was saved by a newer version of Pursuit (schema version {v}; this app reads up to {SCHEMA_VERSION})"
        )),
        Some(v) if v >= 1 => Ok(v),
        _ => Err("the workspace record has no schema version".into()),
    }
}

impl Opening {
    /// How many project records there are, and how many are decoded.
    pub fn progress(&self) -> (usize, usize) {
        (self.decoded.len(), self.texts.len())
    }

    /// Whether every record is decoded (or one failed, which ends the reading).
    pub fn done(&self) -> bool {
        self.failed.is_some() || self.typed.is_none() || self.decoded.len() == self.texts.len()
    }

    fn start_typed(&mut self) {
        let Some(record) = self.record.take() else {
            return;
        };
        match crate::json::from_tree::<WorkspaceRecord>(&record) {
            Ok(r) => self.typed = Some(r.workspace),
            Err(e) => {
                self.failed = Some(format!(
                    "the workspace record: its data can't be read ({e})"
                ))
            }
        }
    }

    /// Decodes up to `n` more project records (records of an older schema are read whole
    /// by [`Opening::finish`]).
    pub fn step(&mut self, n: usize) {
        if self.typed.is_none() || self.failed.is_some() {
            return;
        }
        let from = self.decoded.len();
        let to = from.saturating_add(n).min(self.texts.len());
        for (key, text) in &self.texts[from..to] {
            let mut rec: ProjectRecord = match decode_record(text) {
                Ok(rec) => rec,
                Err(r) => {
                    self.failed = Some(format!("record {key}: {r}"));
                    return;
                }
            };
            let Some(project) = rec.project.take() else {
                self.failed = Some(format!("record {key} holds no project"));
                return;
            };
            self.decoded.push((project, rec));
        }
    }

    /// The workspace, once every record is decoded (or why it can't be read).
    pub fn finish(mut self, kv: &dyn KeyValue) -> Result<Loaded, StoreError> {
        self.step(usize::MAX);
        let assembled = match (self.failed.take(), self.typed.take(), self.record.take()) {
            (Some(reason), _, _) => Err(reason),
            (None, Some(ws), _) => Ok(assemble_typed(ws, std::mem::take(&mut self.decoded))),
            (None, None, Some(record)) => assemble_migrated(record, &self.texts, self.version),
            (None, None, None) => Err("the workspace record can't be read".into()),
        };
        let mut ws = match assembled {
            Ok(ws) => ws,
            Err(reason) => return unreadable(kv, &self.keys, reason),
        };
        crate::sorting::sort_by_key(&mut ws.history, |h| (h.stamp.created_at, h.id));
        let problems = if self.check {
            validate(&ws)
        } else {
            Vec::new()
        };
        Ok(Loaded::Workspace {
            workspace: Box::new(ws),
            problems,
            units: self.units,
        })
    }
}

/// Puts decoded records of the current schema into the team's part of the workspace.
fn assemble_typed(mut ws: Workspace, records: Vec<(Project, ProjectRecord)>) -> Workspace {
    // Room for every record first: the lists then grow once, not by doubling.
    ws.projects.reserve(records.len());
    macro_rules! reserve {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(ws.$field.reserve(records.iter().map(|(_, r)| r.$field.len()).sum());)*
        };
    }
    crate::project_records!(reserve);
    ws.history
        .reserve(records.iter().map(|(_, r)| r.history.len()).sum());
    for (project, rec) in records {
        ws.projects.push(project);
        macro_rules! extend {
            ($($field:ident: $t:ty => $k:ident),*) => {
                $(ws.$field.extend(rec.$field);)*
            };
        }
        crate::project_records!(extend);
        ws.history.extend(rec.history);
    }
    ws
}

/// Reads records of an older schema: puts the workspace together as the JSON of that
/// version, runs the file format's migrations on it, then reads it into the model.
fn assemble_migrated(
    record: serde_json::Value,
    texts: &[(String, String)],
    version: u64,
) -> Result<Workspace, String> {
    use serde_json::Value;
    let mut workspace = match record {
        Value::Object(mut r) => r.remove("workspace").unwrap_or(Value::Null),
        _ => Value::Null,
    };
    let Value::Object(ws) = &mut workspace else {
        return Err("the workspace record holds no workspace".into());
    };
    for (key, text) in texts {
        let Value::Object(rec) =
            decode_record::<Value>(text).map_err(|r| format!("record {key}: {r}"))?
        else {
            return Err(format!("record {key} holds no project"));
        };
        for (field, value) in rec {
            let collection = if field == "project" {
                "projects".to_string()
            } else {
                field
            };
            let list = ws
                .entry(collection)
                .or_insert_with(|| Value::Array(Vec::new()));
            match (list, value) {
                (Value::Array(list), Value::Array(items)) => list.extend(items),
                (Value::Array(list), item @ Value::Object(_)) => list.push(item),
                _ => return Err(format!("record {key} has an unexpected shape")),
            }
        }
    }
    let current = crate::format::migrate::to_current(workspace, version);
    crate::json::from_tree(&current)
        .map_err(|e| format!("the stored workspace can't be read after migrating it ({e})"))
}

fn decode_record<T: for<'de> Deserialize<'de>>(stored: &str) -> Result<T, String> {
    let json = codec::decode(stored).map_err(|e| e.to_string())?;
    serde_json::from_str(&json).map_err(|e| format!("its data can't be read ({e})"))
}

fn unreadable(kv: &dyn KeyValue, keys: &[String], reason: String) -> Result<Loaded, StoreError> {
    let mut raw = BTreeMap::new();
    for key in keys.iter().filter(|k| is_workspace_key(k)) {
        if let Some(v) = kv.get(key)? {
            raw.insert(key.clone(), v);
        }
    }
    let raw = serde_json::to_string_pretty(&raw).expect("strings serialize");
    Ok(Loaded::Unreadable { reason, raw })
}

/// Reads a download of stored records (a JSON object of storage key → stored text, as the
/// recovery page and the unreadable-data notice offer) as a workspace. `None` when the text
/// is not such a download; otherwise the workspace, validated, or why it can't be read.
pub fn read_dump(text: &str) -> Option<Result<Workspace, Vec<String>>> {
    let items: BTreeMap<String, String> = serde_json::from_str(text).ok()?;
    if !items.keys().any(|k| is_workspace_key(k)) {
        return None;
    }
    let kv = MemoryStore::default();
    for (k, v) in items.iter().filter(|(k, _)| is_workspace_key(k)) {
        kv.set(k, v).ok()?;
    }
    Some(match load(&kv) {
        Ok(Loaded::Workspace {
            workspace,
            problems,
            ..
        }) if problems.is_empty() => Ok(*workspace),
        Ok(Loaded::Workspace { problems, .. }) => {
            Err(problems.iter().map(|p| p.to_string()).collect())
        }
        Ok(Loaded::Unreadable { reason, .. }) => Err(vec![format!(
            "This is Pursuit's stored data, but it can't be read: {reason}."
        )]),
        Ok(Loaded::Empty) | Err(_) => Err(vec!["This stored data holds no workspace.".into()]),
    })
}

/// Keeps unreadable stored text under a new backup key, never overwriting an older backup.
pub fn keep_backup(kv: &dyn KeyValue, raw: &str, now: DateTime<Utc>) -> Result<String, StoreError> {
    let existing = kv.keys()?;
    for key in existing.iter().filter(|k| k.starts_with(BACKUP_PREFIX)) {
        if kv.get(key)?.as_deref() == Some(raw) {
            return Ok(key.clone());
        }
    }
    let mut key = format!("{BACKUP_PREFIX}{}", now.written("%Y%m%dT%H%M%S%.3fZ"));
    while existing.contains(&key) {
        key.push('+');
    }
    kv.set(&key, raw)?;
    Ok(key)
}

/// Removes every backup of unreadable stored data; returns how many there were.
pub fn delete_backups(kv: &dyn KeyValue) -> Result<usize, StoreError> {
    let mut n = 0;
    for key in kv.keys()? {
        if key.starts_with(BACKUP_PREFIX) {
            kv.remove(&key)?;
            n += 1;
        }
    }
    Ok(n)
}

/// Removes the workspace records (not backups, not "me") once the person chose to start over.
pub fn clear_workspace(kv: &dyn KeyValue) -> Result<(), StoreError> {
    for key in kv.keys()? {
        if is_workspace_key(&key) {
            kv.remove(&key)?;
        }
    }
    Ok(())
}

/// Storage units of every Pursuit record by what it holds: `projects` (one record per
/// project and what it owns, its change history included), `workspace` (settings,
/// members, templates, quotas and the rest, the head and anything else of Pursuit's) and
/// `backups` (of unreadable data).
pub fn usage(kv: &dyn KeyValue) -> Result<HashMap<&'static str, usize>, StoreError> {
    let mut out = HashMap::from([
        ("workspace", 0usize),
        ("projects", 0usize),
        ("backups", 0usize),
    ]);
    for key in kv.keys()? {
        let bucket = if key.starts_with(BACKUP_PREFIX) {
            "backups"
        } else if generation_of(&key).is_some()
            && (key.contains(":project:") || index::is_row_key(&key))
        {
            "projects"
        } else if key.starts_with("pursuit:") {
            "workspace"
        } else {
            continue;
        };
        if let Some(v) = kv.get(&key)? {
            *out.get_mut(bucket).expect("bucket") +=
                codec::storage_units(&v) + codec::storage_units(&key);
        }
    }
    Ok(out)
}

/// An in-memory store with a character quota, for tests and benchmarks.
#[derive(Default)]
pub struct MemoryStore {
    pub items: std::cell::RefCell<BTreeMap<String, String>>,
    /// Maximum total UTF-16 units, like a browser's quota; `None` for unlimited.
    pub quota: Option<usize>,
    /// Keeps small records as plain JSON, as IndexedDB does (see [`KeyValue::compact`]).
    pub plain: bool,
    used: std::cell::Cell<usize>,
}

impl MemoryStore {
    /// A store that refuses writes beyond `units` UTF-16 code units in all.
    pub fn with_quota(units: usize) -> Self {
        Self {
            quota: Some(units),
            ..Default::default()
        }
    }

    /// An unlimited store that keeps small records as plain JSON, as IndexedDB does.
    pub fn plain() -> Self {
        Self {
            plain: true,
            ..Default::default()
        }
    }

    /// UTF-16 units used by keys and values.
    pub fn used(&self) -> usize {
        self.used.get()
    }
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.items.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let units = |k: &str, v: &str| codec::storage_units(k) + codec::storage_units(v);
        let replaced = self
            .items
            .borrow()
            .get(key)
            .map_or(0, |old| units(key, old));
        let after = self.used.get() - replaced + units(key, value);
        if self.quota.is_some_and(|quota| after > quota) {
            return Err(StoreError::QuotaExceeded);
        }
        self.used.set(after);
        self.items.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        if let Some(old) = self.items.borrow_mut().remove(key) {
            self.used
                .set(self.used.get() - codec::storage_units(key) - codec::storage_units(&old));
        }
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.items.borrow().keys().cloned().collect())
    }

    fn quota(&self) -> Option<usize> {
        self.quota
    }

    fn compact(&self) -> bool {
        !self.plain
    }
}
