//! The index: one small row per project with what the projects table shows, written with
//! the project's record, so the table can be drawn before the records are read.
//!
//! A project's record holds everything it owns (tasks, risks, history…) and is most of
//! what opening reads and decodes; its row holds only the table's fields. Rows live beside
//! the records of their generation (`pursuit:row:<id>`, `pursuit:g<n>:row:<id>`) and are
//! written by the same save, so in IndexedDB, where a save is one transaction, a row and
//! its record land together or not at all.
//!
//! The rows are trusted only whole. Every save first removes the generation's index mark
//! (`pursuit:rows`, `pursuit:g<n>:rows`), writes its records and rows, then writes the
//! mark again with the number of projects; so a save cut short anywhere leaves no mark.
//! [`trusted`] answers with rows only when the mark is there, the rows are as many as it
//! says, each under its own project's key, and every row reads;
//! anything else (a workspace stored before the index existed, a damaged row, a save cut
//! short) opens the slow way, from the records, and [`rebuild`] writes the index again. Once the records are read, [`differs`] checks every row against its
//! project, so a row changed behind Pursuit's back is corrected (and the rows rewritten)
//! the moment the records are in.

use super::{KeyValue, StoreError};
use crate::model::{
    ForecastCategory, MemberId, Money, Project, ProjectId, ProjectKind, ProjectStatus, Stage,
    Stamp, Stamped, Workspace,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// What the projects table shows of one project, kept beside its record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexRow {
    pub id: ProjectId,
    pub name: String,
    #[serde(default)]
    pub client: String,
    #[serde(default)]
    pub owner: Option<MemberId>,
    pub stage: Stage,
    pub status: ProjectStatus,
    pub kind: ProjectKind,
    pub value: Money,
    pub target_date: NaiveDate,
    /// A deleted project keeps its record (for merges and undo) and so its row.
    #[serde(default)]
    pub deleted: bool,
    /// Its win probability, for the pipeline's weighted totals. `None` in a row written
    /// before rows carried it: the pipeline then waits for the records, and [`differs`]
    /// has the row written again once they are read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<u8>,
    /// The day it was won, lost or cancelled (in rows that carry the probability).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_date: Option<NaiveDate>,
    /// Its start date, for the sales cycle. `None` in a row written before rows carried
    /// what the dashboard reads (this, the category and the target history): screens drawn
    /// from the index then wait for the records, which write the row again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
    /// The forecast category set by hand, if any (the forecast's commit and best case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast_category: Option<ForecastCategory>,
    /// The target dates it had before (the dashboard's slipped deals).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_history: Vec<NaiveDate>,
}

impl IndexRow {
    pub fn of(p: &Project) -> Self {
        IndexRow {
            id: p.id,
            name: p.name.clone(),
            client: p.client.clone(),
            owner: p.owner,
            stage: p.stage,
            status: p.status,
            kind: p.kind,
            value: p.value.clone(),
            target_date: p.target_date,
            deleted: !p.is_live(),
            probability: Some(p.probability),
            close_date: p.close_date,
            start_date: Some(p.start_date),
            forecast_category: p.forecast_category,
            target_history: p.target_history.clone(),
        }
    }

    /// Whether the row carries every field [`IndexRow::project`] needs (rows written
    /// before rows carried the probability and the start date do not).
    fn carries_project(&self) -> bool {
        self.probability.is_some() && self.start_date.is_some()
    }

    /// The project as far as its row knows it: its table, pipeline and forecast fields,
    /// `None` when the row does not [carry](IndexRow::carries_project) them. It owns
    /// nothing; only for a screen that reads nothing else.
    fn project(&self) -> Option<Project> {
        Some(Project {
            client: self.client.clone(),
            owner: self.owner,
            stage: self.stage,
            status: self.status,
            kind: self.kind,
            probability: self.probability?,
            close_date: self.close_date,
            forecast_category: self.forecast_category,
            target_history: self.target_history.clone(),
            ..Project::new(
                self.id,
                Stamp::new(chrono::DateTime::UNIX_EPOCH, None),
                self.name.clone(),
                self.value.clone(),
                self.start_date?,
                self.target_date,
            )
        })
    }

    /// The row as stored: plain JSON (a row is too small for compression to pay).
    pub fn stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "null".into())
    }
}

/// The prefix of a generation's rows; the project id follows.
pub fn row_prefix(generation: u64) -> String {
    if generation == 0 {
        "pursuit:row:".into()
    } else {
        format!("pursuit:g{generation}:row:")
    }
}

pub fn row_key(generation: u64, id: ProjectId) -> String {
    format!("{}{id}", row_prefix(generation))
}

/// The key of a generation's index mark: present, holding the number of projects, only
/// when the last save of the generation finished.
pub fn mark_key(generation: u64) -> String {
    if generation == 0 {
        "pursuit:rows".into()
    } else {
        format!("pursuit:g{generation}:rows")
    }
}

/// Why the stored rows can't be trusted; the workspace then opens from its records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Untrusted {
    /// No mark: a workspace stored before the index, or a save that was cut short.
    None,
    /// Not as many rows as the mark says, or a row under another project's key.
    Mismatch { records: usize, rows: usize },
    /// A row that does not read.
    Damaged(String),
    /// The workspace record does not read, or is of an older schema.
    Team,
}

/// What the first screen needs before the project records are read: the team's part of
/// the workspace (members for the owners' names, settings) and every project's row.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub team: Workspace,
    pub rows: Vec<IndexRow>,
}

impl Preview {
    /// Whether every row carries what [`Preview::projects_only`] needs (rows written before
    /// they carried the probability and the start date do not).
    pub fn carries_projects(&self) -> bool {
        self.rows.iter().all(IndexRow::carries_project)
    }

    /// The team and every live project as its row knows it, for the pipeline and the
    /// dashboard's figures, which read no more of a project than its row holds (health and
    /// tasks come with the records). `None` unless the rows
    /// [carry](Preview::carries_projects) it.
    pub fn projects_only(&self) -> Option<Workspace> {
        if !self.carries_projects() {
            return None;
        }
        let mut ws = self.team.clone();
        ws.projects = Default::default();
        for row in self.rows.iter().filter(|r| !r.deleted) {
            ws.projects.push(row.project()?);
        }
        Some(ws)
    }
}

/// The preview of a generation from its stored workspace record, index mark and rows,
/// when all of them can be trusted.
pub fn preview(
    generation: u64,
    workspace_record: &str,
    mark: Option<&str>,
    rows: &[(String, String)],
) -> Result<Preview, Untrusted> {
    let rows = trusted(generation, mark, rows)?;
    let team = super::team_part(workspace_record).ok_or(Untrusted::Team)?;
    Ok(Preview { team, rows })
}

/// The rows of a generation, when they can be trusted: `mark` is the generation's index
/// mark and `rows` its row keys and texts. The records themselves are not listed (on a
/// large workspace listing their keys costs more than reading every row, since the browser
/// walks the records' data to do it): a row without its record, which no save of Pursuit
/// leaves behind a mark, is found by [`differs`] once the records are read.
pub fn trusted(
    generation: u64,
    mark: Option<&str>,
    rows: &[(String, String)],
) -> Result<Vec<IndexRow>, Untrusted> {
    let Some(count) = mark.and_then(|m| m.trim().parse::<usize>().ok()) else {
        return Err(Untrusted::None);
    };
    let mismatch = Untrusted::Mismatch {
        records: count,
        rows: rows.len(),
    };
    if rows.len() != count {
        return Err(mismatch);
    }
    let prefix = row_prefix(generation);
    let mut out = Vec::with_capacity(rows.len());
    let mut ids = HashSet::with_capacity(rows.len());
    for (key, text) in rows {
        let id = key.strip_prefix(&prefix).ok_or_else(|| mismatch.clone())?;
        let row: IndexRow = serde_json::from_str(text)
            .map_err(|e| Untrusted::Damaged(format!("row {key}: {e}")))?;
        if row.id.to_string() != id || !ids.insert(row.id) {
            return Err(mismatch);
        }
        out.push(row);
    }
    Ok(out)
}

/// Whether the rows differ from the projects they stand for (checked once the records are
/// read; `true` means the index must be written again).
pub fn differs(ws: &Workspace, rows: &[IndexRow]) -> bool {
    rows.len() != ws.projects.len()
        || rows.iter().any(|r| {
            ws.projects
                .get(r.id.0)
                .is_none_or(|p| IndexRow::of(p) != *r)
        })
}

/// Writes the current generation's index from the workspace: a row for every project and
/// none for anything else. Returns how many rows were written.
pub fn rebuild(kv: &dyn KeyValue, ws: &Workspace) -> Result<usize, StoreError> {
    let generation = super::generation(kv)?;
    let prefix = row_prefix(generation);
    let wanted: HashSet<String> = ws
        .projects
        .iter()
        .map(|p| row_key(generation, p.id))
        .collect();
    for key in kv.keys()? {
        if key.starts_with(&prefix) && !wanted.contains(&key) {
            kv.remove(&key)?;
        }
    }
    kv.remove(&mark_key(generation))?;
    for p in &ws.projects {
        kv.set(&row_key(generation, p.id), &IndexRow::of(p).stored())?;
    }
    kv.set(&mark_key(generation), &ws.projects.len().to_string())?;
    Ok(ws.projects.len())
}

/// Reads the current generation's rows from a store that holds everything (the native
/// tests, and a browser whose records are in localStorage).
pub fn read(kv: &dyn KeyValue) -> Result<Result<Vec<IndexRow>, Untrusted>, StoreError> {
    let generation = super::generation(kv)?;
    let prefix = row_prefix(generation);
    let mut rows = Vec::new();
    for key in kv.keys()?.into_iter().filter(|k| k.starts_with(&prefix)) {
        if let Some(text) = kv.get(&key)? {
            rows.push((key, text));
        }
    }
    let mark = kv.get(&mark_key(generation))?;
    Ok(trusted(generation, mark.as_deref(), &rows))
}

/// Whether a key is an index row (of any generation).
pub fn is_row_key(key: &str) -> bool {
    key.starts_with("pursuit:row:") || (key.starts_with("pursuit:g") && key.contains(":row:"))
}
