//! Applying an edit: a copy of just what the command can reach, the command itself, the
//! limits every value must meet, the undo step and the history note.

use super::{measure, AppState, Step};
use crate::engine::history::{describe, diff, Description};
use crate::engine::validate::new_problems;
use crate::model::command::{apply, scope, CommandError, Context, Touched};
use crate::model::{ChangeRecord, Command, IdSource, Stamp, Workspace};
use crate::storage;
use crate::ui::RandomIds;
use leptos::prelude::*;

impl AppState {
    /// Applies a change, marks what it touched for saving and schedules the save.
    pub fn dispatch(&self, command: Command) -> Result<(), CommandError> {
        let started = js_sys::Date::now();
        let cx = self.context();
        let mut result = Err(CommandError::NotFound("workspace"));
        // Only an applied change tells the screens; a refused one changes nothing, so
        // nothing redraws and only the refusal is shown.
        self.ws.maybe_update(|ws| {
            if let Some(ws) = ws {
                // A copy of just what the command can reach, to diff, undo and check it:
                // an edit costs what it touches, not the size of the workspace.
                let reach = scope(ws, &command).unwrap_or_else(|| storage::everything(ws));
                let before = ws.part(&reach);
                let checked = apply(ws, command.clone(), &cx).and_then(|touched| {
                    debug_assert!(reach.covers(&touched), "{command:?} reached past its scope");
                    // The touched part after the change: checked, diffed and described
                    // without walking the rest of the workspace again.
                    let after = ws.part(&touched);
                    // One set of limits for typed and imported values: an edit that leaves a
                    // value out of its documented range is refused and undone here.
                    match new_problems(&before, &after, &touched).into_iter().next() {
                        Some(problem) => {
                            ws.restore_part(&before, &reach);
                            Err(CommandError::Invalid(capitalised(&problem.message)))
                        }
                        None => Ok((touched, after)),
                    }
                });
                result = checked.map(|(mut touched, after)| {
                    let changes = diff(&before, &after, &touched);
                    let said = describe(&command, &before, &after, &changes);
                    if !changes.is_empty() {
                        note(ws, &said, &cx, &mut touched);
                    }
                    let step = Step {
                        label: said.summary,
                        changes,
                        swap: None,
                        size: 0,
                    };
                    (touched, step)
                });
            }
            result.is_ok()
        });
        let (touched, step) = result.inspect_err(|e| self.notify_error(e.to_string()))?;
        if !step.changes.is_empty() {
            self.push_step(step);
        }
        self.mark(touched);
        measure("pursuit:dispatch", started);
        Ok(())
    }
}

/// Appends a duration (ms) to `window.__pursuitTimings[name]`, read by the benchmark script.
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
