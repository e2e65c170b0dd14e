//! Undo and redo: each change is a step holding the records it touched before and after;
//! stepping back or forward is a new edit, so it reaches other tabs and teammates. The
//! steps are stored (within limits) so they survive a reload.

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
/// another workspace) the other workspace, swapped with the one in place on each replay.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub label: String,
    #[serde(default)]
    pub changes: Vec<Change>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<Box<Workspace>>,
    /// Its stored size in bytes, measured once when it is made (0 when read back).
    #[serde(skip)]
    pub size: usize,
}

impl Step {
    pub fn of(label: String, changes: Vec<Change>) -> Self {
        Step {
            label,
            changes,
            other: None,
            size: 0,
        }
    }

    /// Steps that would do nothing (stored by an older version in another shape) are not kept.
    fn does_something(&self) -> bool {
        !self.changes.is_empty() || self.other.is_some()
    }
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
        self.steps.undo.update_value(|u| {
            u.push(step);
            if u.len() > UNDO_STEPS {
                u.remove(0);
            }
        });
        self.steps.redo.set_value(Vec::new());
        self.steps_changed();
    }

    /// Nothing to undo or redo: another workspace was opened, or none is left.
    pub(super) fn clear_steps(&self) {
        self.steps.undo.set_value(Vec::new());
        self.steps.redo.set_value(Vec::new());
        self.steps_changed();
    }

    pub(super) fn steps_changed(&self) {
        let label = |s: &Vec<Step>| s.last().map(|s| s.label.clone());
        let next = self.scenario_next_steps().unwrap_or_else(|| {
            (
                self.steps.undo.with_value(label),
                self.steps.redo.with_value(label),
            )
        });
        self.steps.next.set(next);
        self.steps.dirty.set_value(true);
    }

    /// Undo (`Back`) or redo (`Forward`): in a scenario, of the scenario's edits; else a
    /// new edit that puts the records back (or the other workspace in place). Says nothing:
    /// the notice says what was undone.
    pub(super) fn step_back_or_forward(&self, way: Way) -> String {
        if self.in_scenario() {
            self.scenario_replay(way);
        } else {
            self.replay(way);
        }
        String::new()
    }

    fn replay(&self, way: Way) {
        let (from, to) = match way {
            Way::Back => (self.steps.undo, self.steps.redo),
            Way::Forward => (self.steps.redo, self.steps.undo),
        };
        let Some(mut step) = from.try_update_value(|s| s.pop()).flatten() else {
            return;
        };
        let verb = if way == Way::Back { "undid" } else { "redid" };
        let swapped = step.other.is_some();
        if let Some(other) = step.other.take() {
            match self.store_whole(other) {
                Ok(replaced) => step.other = replaced,
                Err((reason, other)) => {
                    step.other = Some(other);
                    self.notify_error(format!("Could not {}: {reason}", &verb[..verb.len() - 1]));
                    from.update_value(|s| s.push(step));
                    return;
                }
            }
        } else {
            let cx = self.context();
            self.land(None, |ws| {
                let touched = revert(ws, &step.changes, way, &cx);
                let said = Description {
                    project: touched.projects.iter().next().copied(),
                    summary: format!("{verb}: {}", step.label),
                    details: Vec::new(),
                };
                (touched, Some(said))
            });
        }
        self.notify(format!(
            "{}: {}",
            if way == Way::Back { "Undone" } else { "Redone" },
            step.label
        ));
        to.update_value(|s| s.push(step));
        self.steps_changed();
        if swapped {
            // Nothing is left pending to carry the steps to storage with the next save.
            self.store_steps();
        }
    }

    /// Puts an imported or merged workspace in place ([`super::Action::Replace`]), as one
    /// step that can be undone: the records that differ when it is this workspace (a merge,
    /// or a newer copy of it), else the workspace it replaced. All or nothing: when the new
    /// workspace can't be stored, nothing changes and the reason is returned.
    pub(super) fn replace_with_undo(
        &self,
        next: Box<Workspace>,
        label: String,
    ) -> Result<(), String> {
        self.outside_scenario()?;
        let changes = self.ws.with_untracked(|current| {
            let current = current.as_ref()?;
            (current.id == next.id).then(|| {
                let mut everything = Touched::everything(current);
                everything.merge(Touched::everything(&next));
                // Not noted in the shared history: a merge only brings other people's
                // changes, which carry their own entries, so teammates who merge each
                // other's files end up with identical workspaces.
                diff(current, &next, &everything)
            })
        });
        let replaced = self.store_whole(next).map_err(|(reason, _)| reason)?;
        let step = match (changes, replaced) {
            (Some(changes), _) => Step::of(label, changes),
            (None, Some(replaced)) => Step {
                other: Some(replaced),
                ..Step::of(label, Vec::new())
            },
            // Nothing was there before: nothing to go back to.
            (None, None) => return Ok(()),
        };
        self.push_step(step);
        // The workspace was written whole, so no save is pending to store the steps with.
        self.store_steps();
        Ok(())
    }

    /// Replaces the workspace as [`Action::Replace`](super::Action::Replace) does, and
    /// answers `done` once the browser has kept it or refused to. IndexedDB can refuse a
    /// commit after the browser reported room, so "imported" or "merged" is said only
    /// after the write.
    pub fn replace_kept(
        &self,
        workspace: Workspace,
        label: String,
        done: impl FnOnce(Replaced) + 'static,
    ) {
        let action = super::Action::Replace {
            workspace: Box::new(workspace),
            label,
        };
        if let Err(reason) = self.run(action) {
            return done(Replaced::Refused(reason.to_string()));
        }
        if let SaveStatus::Failed(e) = self.saving.status.get_untracked() {
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
            let kept = |steps: Vec<Step>| steps.into_iter().filter(Step::does_something).collect();
            self.steps.undo.set_value(kept(stored.undo));
            self.steps.redo.set_value(kept(stored.redo));
            self.steps_changed();
            self.steps.dirty.set_value(false);
        }
    }

    /// Stores the undo and redo steps; when they do not fit, the oldest go first.
    pub(super) fn store_steps(&self) {
        if !self.steps.dirty.get_value() {
            return;
        }
        let workspace = self.ws.with_untracked(|ws| ws.as_ref().map(|w| w.id));
        let undo = self.steps.undo.with_value(|u| storable(u));
        let redo = self.steps.redo.with_value(|r| storable(r));
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
        self.steps.dirty.set_value(false);
    }
}
