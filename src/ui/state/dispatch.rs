//! Making an edit: the command's change worked out as a value (from a copy of just what the
//! command can reach), checked against the limits every value must meet, committed, noted
//! in the history and kept as an undo step.

use super::{measure, AppState, Step};
use crate::engine::history::{describe, diff, Description};
use crate::engine::validate::new_problems;
use crate::model::command::{apply, Change, CommandError, Context, Touched};
use crate::model::{ChangeRecord, Command, IdSource, Stamp, Workspace};
use crate::ui::RandomIds;
use leptos::prelude::*;

impl AppState {
    /// Makes an edit, marks what it touched for saving and schedules the save. A refused
    /// edit changes nothing, so nothing redraws; only the refusal is shown.
    pub fn dispatch(&self, command: impl Into<Command>) -> Result<(), CommandError> {
        let command = command.into();
        let started = super::clock_ms();
        let cx = self.context();
        // In a scenario the edit goes to its sandbox and is kept as one of its steps; the
        // real workspace, its saving and its undo steps are not touched.
        let scenario = self.in_scenario();
        let target = if scenario { self.sandbox } else { self.ws };
        let checked = target
            .with_untracked(|ws| {
                let ws = ws.as_ref().ok_or(CommandError::NotFound("workspace"))?;
                let change = apply(ws, command.clone(), &cx)?;
                // One set of limits for typed and imported values: an edit that would leave
                // a value out of its documented range is refused.
                match new_problems(&change.before, &change.after, &change.touched)
                    .into_iter()
                    .next()
                {
                    Some(problem) => Err(CommandError::Invalid(capitalised(&problem.message))),
                    None => Ok(change),
                }
            })
            .inspect_err(|e| self.notify_error(e.to_string()))?;
        crate::ui::focus::keep_focus();
        if scenario {
            let step = self.commit_to(target, &command, checked, &cx, false).1;
            if !step.changes.is_empty() {
                self.scenario_step(crate::engine::scenario::Step {
                    label: step.label,
                    changes: step.changes,
                });
            }
            measure("pursuit:dispatch", started);
            return Ok(());
        }
        let (touched, step) = self.commit_to(self.ws, &command, checked, &cx, true);
        if !step.changes.is_empty() {
            self.push_step(step);
        }
        self.mark(touched);
        measure("pursuit:dispatch", started);
        Ok(())
    }

    /// Commits a checked change to `target` and (when `noted`) notes it in the history;
    /// gives what to save and the undo step.
    fn commit_to(
        &self,
        target: RwSignal<Option<Workspace>>,
        command: &Command,
        change: Change,
        cx: &Context,
        noted: bool,
    ) -> (Touched, Step) {
        let changes = diff(&change.before, &change.after, &change.touched);
        let said = describe(command, &change.before, &change.after, &changes);
        let mut touched = change.touched.clone();
        target.update(|ws| {
            if let Some(ws) = ws {
                ws.commit(&change);
                if noted && !changes.is_empty() {
                    note(ws, &said, cx, &mut touched);
                }
            }
        });
        let step = Step {
            label: said.summary,
            changes,
            swap: None,
            size: 0,
        };
        (touched, step)
    }
}

/// Adds a history entry for a change, stamped like the change itself.
pub(super) fn note(ws: &mut Workspace, said: &Description, cx: &Context, touched: &mut Touched) {
    let id: crate::model::ChangeId = RandomIds.next();
    ws.history.push(ChangeRecord {
        id,
        stamp: Stamp::created(cx.now, cx.editor()),
        project_id: said.project,
        summary: said.summary.clone(),
        details: said.details.clone(),
    });
    match said.project {
        Some(p) => {
            touched.projects.insert(p);
        }
        None => touched.workspace = true,
    }
    // Bounded by a documented rule (model::limits): older entries of a full project go.
    crate::engine::history::prune_after_note(ws, said.project);
}

/// "task “x”: …" → "Task “x”: …", for a message shown on its own.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
