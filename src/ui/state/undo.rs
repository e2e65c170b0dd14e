//! Undo and redo: each change is a step holding the records it touched before and after;
//! stepping back or forward is a new edit, so it reaches other tabs and teammates. The
//! steps are stored (within limits) so they survive a reload.

use super::dispatch::note;
use super::{AppState, SaveStatus};
use crate::engine::history::{diff, revert, Change, Description, Way};
use crate::model::command::Touched;
use crate::model::limits::{STORED_UNDO_BYTES, STORED_UNDO_STEP_BYTES, UNDO_STEPS};
use crate::model::Workspace;
use crate::storage::{self, web::BrowserStorage, KeyValue};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What became of a replace (an import or a merge).
#[derive(Clone, Debug, PartialEq)]
pub enum Replaced {
    /// On screen and in the browser's storage.
    Kept,
    /// Refused before anything changed, with the reason.
    Refused(String),
    /// On screen, but the browser refused to store it: a reload brings back the workspace
    /// it replaced. Saving tries again with the next change.
    NotKept(String),
}

/// The newest steps that fit the storage limits, oldest first.
fn storable(steps: &[Step]) -> Vec<Step> {
    let mut total = 0;
    let mut out: Vec<Step> = steps
        .iter()
        .rev()
        .take_while(|s| {
            total += s.size;
            s.size <= STORED_UNDO_STEP_BYTES && total <= STORED_UNDO_BYTES
        })
        .cloned()
        .collect();
    out.reverse();
    out
}

/// One change that can be undone: the records it touched before and after, or (for opening
/// another workspace) both whole workspaces.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub label: String,
    #[serde(default)]
    pub changes: Vec<Change>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swap: Option<Box<(Workspace, Workspace)>>,
    /// Its stored size in bytes, measured once when it is made (0 when read back).
    #[serde(skip)]
    pub size: usize,
}

/// The undo and redo stacks as stored, for one workspace.
#[derive(Default, Serialize, Deserialize)]
struct StoredSteps {
    /// The schema the records in the steps were written in (1 when missing: steps stored
    /// before this field existed).
    #[serde(default = "first_schema")]
    schema_version: u64,
    workspace: Option<crate::model::WorkspaceId>,
    undo: Vec<Step>,
    redo: Vec<Step>,
}

fn first_schema() -> u64 {
    1
}

impl StoredSteps {
    /// Steps stored by an older version: their records go through the file format's
    /// migrations, like a stored workspace.
    pub(super) fn migrated(mut self) -> Self {
        let from = self.schema_version;
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            migrate_changes(&mut step.changes, from);
        }
        self.schema_version = crate::format::SCHEMA_VERSION;
        self
    }
}

/// Records kept in the browser beside the workspace (undo steps, scenarios) written in schema
/// `from`, brought to the current one through the file format's migrations.
pub(super) fn migrate_changes(changes: &mut [Change], from: u64) {
    for change in changes {
        for value in [&mut change.before, &mut change.after]
            .into_iter()
            .flatten()
        {
            *value = crate::format::migrate::record_to_current(
                change.kind.collection(),
                std::mem::take(value),
                from,
            );
        }
    }
}

impl AppState {
    pub(super) fn push_step(&self, mut step: Step) {
        step.size = serde_json::to_string(&step).map_or(usize::MAX, |t| t.len());
        self.undo.update_value(|u| {
            u.push(step);
            if u.len() > UNDO_STEPS {
                u.remove(0);
            }
        });
        self.redo.set_value(Vec::new());
        self.steps_changed();
    }

    pub(super) fn steps_changed(&self) {
        let label = |s: &Vec<Step>| s.last().map(|s| s.label.clone());
        let next = self
            .scenario_next_steps()
            .unwrap_or_else(|| (self.undo.with_value(label), self.redo.with_value(label)));
        self.next_steps.set(next);
        self.steps_dirty.set_value(true);
    }

    /// Undoes the last change (a new edit that puts the records back); in a scenario, the
    /// scenario's last edit.
    pub fn undo(&self) {
        if self.in_scenario() {
            self.scenario_replay(Way::Back);
        } else {
            self.replay(Way::Back);
        }
    }

    /// Redoes the last undone change (in a scenario, the scenario's).
    pub fn redo(&self) {
        if self.in_scenario() {
            self.scenario_replay(Way::Forward);
        } else {
            self.replay(Way::Forward);
        }
    }

    pub(super) fn replay(&self, way: Way) {
        let (from, to) = match way {
            Way::Back => (self.undo, self.redo),
            Way::Forward => (self.redo, self.undo),
        };
        let Some(step) = from.try_update_value(|s| s.pop()).flatten() else {
            return;
        };
        let verb = if way == Way::Back { "undid" } else { "redid" };
        if let Some(swap) = &step.swap {
            let target = if way == Way::Back { &swap.0 } else { &swap.1 };
            if let Err(reason) = self.store_whole(target.clone()) {
                self.notify_error(format!("Could not {}: {reason}", &verb[..verb.len() - 1]));
                from.update_value(|s| s.push(step));
                return;
            }
        } else {
            let cx = self.context();
            let mut touched = Touched::default();
            self.ws.update(|ws| {
                if let Some(ws) = ws {
                    touched = revert(ws, &step.changes, way, &cx);
                    let said = Description {
                        project: touched.projects.iter().next().copied(),
                        summary: format!("{verb}: {}", step.label),
                        details: Vec::new(),
                    };
                    note(ws, &said, &cx, &mut touched);
                }
            });
            self.mark(touched);
        }
        self.notify(format!(
            "{}: {}",
            if way == Way::Back { "Undone" } else { "Redone" },
            step.label
        ));
        to.update_value(|s| s.push(step));
        self.steps_changed();
    }

    /// Replaces the workspace with an imported or merged one, as one step that can be
    /// undone. All or nothing: when the new workspace can't be stored, nothing changes and
    /// the reason is returned.
    pub fn replace_with_undo(&self, next: Workspace, label: String) -> Result<(), String> {
        self.outside_scenario()?;
        let Some(current) = self.ws.get_untracked() else {
            return self.replace(next);
        };
        let step = if current.id == next.id {
            let mut everything = crate::model::command::Touched::everything(&current);
            everything.merge(crate::model::command::Touched::everything(&next));
            // Not noted in the shared history: a merge only brings other people's changes,
            // which carry their own entries, so teammates who merge each other's files
            // end up with identical workspaces.
            let changes = diff(&current, &next, &everything);
            Step {
                label,
                changes,
                swap: None,
                size: 0,
            }
        } else {
            Step {
                label,
                changes: Vec::new(),
                swap: Some(Box::new((current, next.clone()))),
                size: 0,
            }
        };
        self.store_whole(next)?;
        self.push_step(step);
        Ok(())
    }

    /// Replaces the workspace as [`AppState::replace_with_undo`] does, and answers `done`
    /// once the browser has kept it or refused to. IndexedDB can refuse a commit after the
    /// browser reported room, so "imported" or "merged" is said only after the write.
    pub fn replace_kept(
        &self,
        next: Workspace,
        label: String,
        done: impl FnOnce(Replaced) + 'static,
    ) {
        if let Err(reason) = self.replace_with_undo(next, label) {
            return done(Replaced::Refused(reason));
        }
        if let SaveStatus::Failed(e) = self.save_status.get_untracked() {
            return done(Replaced::NotKept(e.to_string()));
        }
        crate::storage::idb::when_settled(move |outcome| {
            done(match outcome {
                Ok(()) => Replaced::Kept,
                Err(e) => Replaced::NotKept(e.to_string()),
            })
        });
    }

    pub(super) fn load_steps(&self) {
        let Ok(Some(text)) = BrowserStorage::open().get(storage::UNDO_KEY) else {
            return;
        };
        // Damaged or unknown stored steps are ignored: the workspace is what matters.
        let stored: Option<StoredSteps> = storage::codec::decode(&text)
            .ok()
            .and_then(|json| serde_json::from_str(&json).ok())
            .map(StoredSteps::migrated);
        let current = self.ws.with_untracked(|ws| ws.as_ref().map(|w| w.id));
        if let Some(stored) = stored.filter(|s| s.workspace == current) {
            self.undo.set_value(stored.undo);
            self.redo.set_value(stored.redo);
            self.steps_changed();
            self.steps_dirty.set_value(false);
        }
    }

    /// Stores the undo and redo steps; when they do not fit, the oldest go first.
    pub(super) fn store_steps(&self) {
        if !self.steps_dirty.get_value() {
            return;
        }
        let workspace = self.ws.with_untracked(|ws| ws.as_ref().map(|w| w.id));
        let undo = self.undo.with_value(|u| storable(u));
        let redo = self.redo.with_value(|r| storable(r));
        let mut keep = undo.len();
        loop {
            let steps = StoredSteps {
                schema_version: crate::format::SCHEMA_VERSION,
                workspace,
                undo: undo[undo.len() - keep..].to_vec(),
                redo: redo.clone(),
            };
            let text = storage::codec::encode(&serde_json::to_string(&steps).unwrap_or_default());
            let kv = BrowserStorage::open();
            if kv.set(storage::UNDO_KEY, &text).is_ok() {
                break;
            }
            if keep == 0 {
                // Not even the redo steps fit; undo still works until the page closes.
                let _ = kv.remove(storage::UNDO_KEY);
                break;
            }
            keep /= 2;
        }
        self.steps_dirty.set_value(false);
    }
}
