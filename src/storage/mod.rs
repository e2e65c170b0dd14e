//! Saving the workspace in the browser, and reading it back, without ever losing work.
//!
//! The workspace is stored as one record for its workspace-level data (settings, members,
//! templates, quotas) and one record per project holding the project and everything it owns.
//! An edit rewrites only the records it touched, so the cost of a save does not grow with
//! the size of the workspace. Each record is compressed (see [`codec`]).
//!
//! The logic is written against [`KeyValue`] so it is tested natively with an in-memory
//! store; [`web::BrowserStorage`] is the thin adapter over the browser's localStorage.

pub mod codec;
pub mod web;

use crate::engine::validate::{validate, Problem};
use crate::format::{FORMAT, SCHEMA_VERSION};
use crate::model::command::Touched;
use crate::model::*;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Key of the workspace-level record.
pub const WORKSPACE_KEY: &str = "pursuit:workspace";
/// Prefix of the per-project records; the project id follows.
pub const PROJECT_PREFIX: &str = "pursuit:project:";
/// Prefix of backups of stored data that could not be read.
pub const BACKUP_PREFIX: &str = "pursuit:backup:";
/// Which member "I am" in this browser; never part of the shared file.
pub const ME_KEY: &str = "pursuit:me";
/// The undo and redo steps, so they survive a reload (never part of the shared file).
pub const UNDO_KEY: &str = "pursuit:undo";
/// Changed by every save, so a tab can tell that another tab wrote since it last looked.
pub const SAVE_MARK_KEY: &str = "pursuit:save-mark";
/// This browser's replica id (see `model::ReplicaId`).
pub const REPLICA_KEY: &str = "pursuit:replica";

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

/// One project and everything it owns.
#[derive(Serialize, Deserialize, Default)]
struct ProjectRecord {
    project: Option<Project>,
    #[serde(default)]
    milestones: Vec<Milestone>,
    #[serde(default)]
    tasks: Vec<Task>,
    #[serde(default)]
    risks: Vec<Risk>,
    #[serde(default)]
    stakeholders: Vec<Stakeholder>,
    #[serde(default)]
    communications: Vec<Communication>,
    #[serde(default)]
    feedback: Vec<Feedback>,
    #[serde(default)]
    costs: Vec<Cost>,
    #[serde(default)]
    goals: Vec<ProjectGoal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    history: Vec<ChangeRecord>,
}

fn project_key(id: ProjectId) -> String {
    format!("{PROJECT_PREFIX}{id}")
}

fn workspace_record(ws: &Workspace, now: DateTime<Utc>) -> String {
    let shell = Workspace {
        id: ws.id,
        stamp: ws.stamp.clone(),
        name: ws.name.clone(),
        settings: ws.settings.clone(),
        members: ws.members.clone(),
        templates: ws.templates.clone(),
        quotas: ws.quotas.clone(),
        history: ws
            .history
            .iter()
            .filter(|h| h.project_id.is_none())
            .cloned()
            .collect(),
        ..Workspace::new(ws.id, String::new(), now)
    };
    let record = WorkspaceRecord {
        format: FORMAT.into(),
        schema_version: SCHEMA_VERSION,
        saved_at: now,
        workspace: shell,
    };
    codec::encode(&serde_json::to_string(&record).expect("serializes"))
}

fn owned<T: Clone>(items: &[T], id: ProjectId, project_of: impl Fn(&T) -> ProjectId) -> Vec<T> {
    items
        .iter()
        .filter(|i| project_of(i) == id)
        .cloned()
        .collect()
}

fn project_record(ws: &Workspace, id: ProjectId) -> Option<String> {
    let project = ws.projects.iter().find(|p| p.id == id)?.clone();
    let record = ProjectRecord {
        project: Some(project),
        milestones: owned(&ws.milestones, id, |x| x.project_id),
        tasks: owned(&ws.tasks, id, |x| x.project_id),
        risks: owned(&ws.risks, id, |x| x.project_id),
        stakeholders: owned(&ws.stakeholders, id, |x| x.project_id),
        communications: owned(&ws.communications, id, |x| x.project_id),
        feedback: owned(&ws.feedback, id, |x| x.project_id),
        costs: owned(&ws.costs, id, |x| x.project_id),
        goals: owned(&ws.goals, id, |x| x.project_id),
        history: ws
            .history
            .iter()
            .filter(|h| h.project_id == Some(id))
            .cloned()
            .collect(),
    };
    Some(codec::encode(
        &serde_json::to_string(&record).expect("serializes"),
    ))
}

/// What a save wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    pub records: usize,
    pub units: usize,
}

/// Writes the records a change touched. On error, nothing already in memory is lost: the
/// caller keeps `touched` and passes it again on the next attempt.
pub fn save(
    kv: &dyn KeyValue,
    ws: &Workspace,
    touched: &Touched,
    now: DateTime<Utc>,
) -> Result<SaveReport, StoreError> {
    let mut report = SaveReport::default();
    if touched.workspace {
        let value = workspace_record(ws, now);
        kv.set(WORKSPACE_KEY, &value)?;
        report.records += 1;
        report.units += codec::storage_units(&value);
    }
    for id in &touched.projects {
        match project_record(ws, *id) {
            Some(value) => {
                kv.set(&project_key(*id), &value)?;
                report.records += 1;
                report.units += codec::storage_units(&value);
            }
            None => kv.remove(&project_key(*id))?,
        }
    }
    Ok(report)
}

/// Everything a full save writes: the workspace and every project.
pub fn everything(ws: &Workspace) -> Touched {
    Touched {
        workspace: true,
        projects: ws.projects.iter().map(|p| p.id).collect(),
    }
}

/// Replaces all stored data with `ws`: writes every record, then removes records of projects
/// that `ws` does not have. Writing first means a failure leaves the old records readable.
pub fn replace(
    kv: &dyn KeyValue,
    ws: &Workspace,
    now: DateTime<Utc>,
) -> Result<SaveReport, StoreError> {
    let report = save(kv, ws, &everything(ws), now)?;
    let keep: std::collections::HashSet<String> =
        ws.projects.iter().map(|p| project_key(p.id)).collect();
    for key in kv.keys()? {
        if key.starts_with(PROJECT_PREFIX) && !keep.contains(&key) {
            kv.remove(&key)?;
        }
    }
    Ok(report)
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

/// Reads the stored workspace.
pub fn load(kv: &dyn KeyValue) -> Result<Loaded, StoreError> {
    let keys = kv.keys()?;
    let mut project_keys: Vec<&String> = keys
        .iter()
        .filter(|k| k.starts_with(PROJECT_PREFIX))
        .collect();
    project_keys.sort();
    let Some(head) = kv.get(WORKSPACE_KEY)? else {
        if project_keys.is_empty() {
            return Ok(Loaded::Empty);
        }
        return unreadable(
            kv,
            &keys,
            "the workspace record is missing but project records exist".into(),
        );
    };
    let mut units = codec::storage_units(&head);
    let record: WorkspaceRecord = match decode_record(&head) {
        Ok(r) => r,
        Err(reason) => return unreadable(kv, &keys, format!("the workspace record: {reason}")),
    };
    if record.format != FORMAT {
        return unreadable(
            kv,
            &keys,
            "the workspace record is not a Pursuit workspace".into(),
        );
    }
    if record.schema_version > SCHEMA_VERSION {
        return unreadable(
            kv,
            &keys,
            format!(
                "it was saved by a newer version of Pursuit (schema version {}; this app reads up to {SCHEMA_VERSION})",
                record.schema_version
            ),
        );
    }
    let mut ws = record.workspace;
    for key in project_keys {
        let Some(text) = kv.get(key)? else { continue };
        units += codec::storage_units(&text);
        let rec: ProjectRecord = match decode_record(&text) {
            Ok(r) => r,
            Err(reason) => return unreadable(kv, &keys, format!("record {key}: {reason}")),
        };
        let Some(project) = rec.project else {
            return unreadable(kv, &keys, format!("record {key} holds no project"));
        };
        ws.projects.push(project);
        ws.milestones.extend(rec.milestones);
        ws.tasks.extend(rec.tasks);
        ws.risks.extend(rec.risks);
        ws.stakeholders.extend(rec.stakeholders);
        ws.communications.extend(rec.communications);
        ws.feedback.extend(rec.feedback);
        ws.costs.extend(rec.costs);
        ws.goals.extend(rec.goals);
        ws.history.extend(rec.history);
    }
    ws.history.sort_by_key(|h| (h.stamp.created_at, h.id));
    let problems = validate(&ws);
    Ok(Loaded::Workspace {
        workspace: Box::new(ws),
        problems,
        units,
    })
}

fn decode_record<T: for<'de> Deserialize<'de>>(stored: &str) -> Result<T, String> {
    let json = codec::decode(stored).map_err(|e| e.to_string())?;
    serde_json::from_str(&json).map_err(|e| format!("its data can't be read ({e})"))
}

fn unreadable(kv: &dyn KeyValue, keys: &[String], reason: String) -> Result<Loaded, StoreError> {
    let mut raw = BTreeMap::new();
    for key in keys
        .iter()
        .filter(|k| k.starts_with("pursuit:") && !k.starts_with(BACKUP_PREFIX))
    {
        if let Some(v) = kv.get(key)? {
            raw.insert(key.clone(), v);
        }
    }
    let raw = serde_json::to_string_pretty(&raw).expect("strings serialize");
    Ok(Loaded::Unreadable { reason, raw })
}

/// Keeps unreadable stored text under a new backup key, never overwriting an older backup.
pub fn keep_backup(kv: &dyn KeyValue, raw: &str, now: DateTime<Utc>) -> Result<String, StoreError> {
    let existing = kv.keys()?;
    for key in existing.iter().filter(|k| k.starts_with(BACKUP_PREFIX)) {
        if kv.get(key)?.as_deref() == Some(raw) {
            return Ok(key.clone());
        }
    }
    let mut key = format!("{BACKUP_PREFIX}{}", now.format("%Y%m%dT%H%M%S%.3fZ"));
    while existing.contains(&key) {
        key.push('+');
    }
    kv.set(&key, raw)?;
    Ok(key)
}

/// Removes the workspace records (not backups, not "me") once the person chose to start over.
pub fn clear_workspace(kv: &dyn KeyValue) -> Result<(), StoreError> {
    for key in kv.keys()? {
        if key == WORKSPACE_KEY || key.starts_with(PROJECT_PREFIX) {
            kv.remove(&key)?;
        }
    }
    Ok(())
}

/// Total storage units of every Pursuit record, backups included.
pub fn usage(kv: &dyn KeyValue) -> Result<HashMap<&'static str, usize>, StoreError> {
    let mut out = HashMap::from([("workspace", 0usize), ("backups", 0usize)]);
    for key in kv.keys()? {
        let bucket = if key.starts_with(BACKUP_PREFIX) {
            "backups"
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
}
