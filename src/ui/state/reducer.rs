//! The one way the workspace changes: [`AppState::run`] takes an [`Action`] (an edit, undo,
//! redo, opening or importing a workspace, a merge, applying a scenario, another tab's save,
//! a reset) and every path that changes the workspace in place ends in one step,
//! [`AppState::land`]: change, note in the history, save what it touched, keep the undo step.

use super::{measure, AppState, Step};
use crate::engine::history::{describe, diff, Description};
use crate::engine::validate::new_problems;
use crate::model::command::{apply, Change, CommandError, Context, Touched};
use crate::model::{ChangeRecord, Command, IdSource, Stamp, Workspace};
use crate::ui::RandomIds;
use leptos::prelude::*;

/// Everything that changes the workspace.
// Edits are by far the most frequent action and hold their command inline; boxing it would
// cost an allocation per keystroke-sized edit to save bytes on a value that lives for one call.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Action {
    /// An edit to the shown workspace: the open scenario's sandbox, else the real one.
    Edit(Command),
    /// Takes the last change back (in a scenario, the scenario's last edit).
    Undo,
    /// Makes the last undone change again.
    Redo,
    /// Starts afresh with a workspace (first run, the sample, a file opened on the welcome
    /// screen): nothing to undo before it.
    Open(Box<Workspace>),
    /// Puts an imported or merged workspace in place of this one, as one step Undo takes
    /// back; `label` names it there ("imported team.json").
    Replace {
        workspace: Box<Workspace>,
        label: String,
    },
    /// Brings the chosen edits of the open scenario (by position) into the workspace.
    ApplyScenario(Vec<bool>),
    /// Another tab of this browser saved: what it stored, merged record by record.
    TabSync(Box<Workspace>),
    /// The stored workspace was cleared: back to the first-run choice.
    Reset,
    /// Records that came down from the team's server ([`crate::sync::replicate::take_in`],
    /// already merged with this browser's edits field by field), put in place; not an undo step (they are teammates' edits,
    /// with their own history entries).
    SyncIn(Box<Workspace>),
    /// Records chosen in the sync conflict view ([`crate::sync::conflicts::resolve`]), put
    /// in place as one edit: noted in the history, undone in one step, sent to the team.
    Choose(Box<Workspace>),
}

impl AppState {
    /// Runs an action; says what it did (for the notice, when it has something to say) or
    /// why it changed nothing.
    pub fn run(&self, action: Action) -> Result<String, CommandError> {
        let refused = |reason: String| CommandError::Invalid(reason);
        match action {
            Action::Edit(command) => self.edit(command).map(|()| String::new()),
            Action::Undo => Ok(self.step_back_or_forward(crate::engine::history::Way::Back)),
            Action::Redo => Ok(self.step_back_or_forward(crate::engine::history::Way::Forward)),
            Action::Open(ws) => self.open(*ws).map(|()| String::new()).map_err(refused),
            Action::Replace { workspace, label } => self
                .replace_with_undo(workspace, label)
                .map(|()| String::new())
                .map_err(refused),
            Action::ApplyScenario(chosen) => self.apply_scenario(&chosen).map_err(refused),
            Action::TabSync(stored) => {
                self.take_in(*stored);
                // In the tab that syncs, another tab's edits go up from here.
                self.sync_soon(None);
                Ok(String::new())
            }
            Action::Reset => {
                self.forget();
                Ok(String::new())
            }
            Action::Choose(chosen) => {
                self.choose(*chosen);
                Ok(String::new())
            }
            Action::SyncIn(theirs) => {
                let touched = crate::sync::replicate::touched(&theirs);
                self.land(None, |ws| {
                    crate::sync::replicate::apply(ws, &theirs);
                    (touched, None)
                });
                Ok(String::new())
            }
        }
    }

    /// Makes an edit ([`Action::Edit`]). A refused edit changes nothing, so nothing
    /// redraws; only the refusal is shown.
    pub fn dispatch(&self, command: impl Into<Command>) -> Result<(), CommandError> {
        self.run(Action::Edit(command.into())).map(drop)
    }

    fn edit(&self, command: Command) -> Result<(), CommandError> {
        let started = super::clock_ms();
        let cx = self.context();
        // In a scenario the edit goes to its sandbox and is kept as one of its steps; the
        // real workspace, its saving and its undo steps are not touched.
        let scenario = self.in_scenario();
        let target = if scenario {
            self.scenarios.sandbox
        } else {
            self.ws
        };
        let checked = target
            .with_untracked(|ws| {
                let ws = ws.as_ref().ok_or(CommandError::NotFound("workspace"))?;
                checked(ws, &command, &cx)
            })
            .inspect_err(|e| self.notify_error(e.to_string()))?;
        crate::ui::focus::keep_focus();
        let changes = diff(&checked.before, &checked.after, &checked.touched);
        let said = describe(&command, &checked.before, &checked.after, &changes);
        let step = Step::of(said.summary.clone(), changes);
        if scenario {
            target.update(|ws| {
                if let Some(ws) = ws {
                    ws.commit(&checked);
                }
            });
            if !step.changes.is_empty() {
                self.scenario_step(crate::engine::scenario::Step {
                    label: step.label,
                    changes: step.changes,
                });
            }
        } else {
            let noted = (!step.changes.is_empty()).then_some(said);
            self.land(Some(step), |ws| {
                ws.commit(&checked);
                (checked.touched.clone(), noted)
            });
        }
        measure("pursuit:dispatch", started);
        Ok(())
    }

    /// The step every in-place change of the real workspace ends with: `change` changes it
    /// and says what it touched and how to note it in the history (if at all); the note is
    /// added, what it touched is marked for saving, and `step` (when it holds anything)
    /// becomes the next Undo.
    pub(super) fn land(
        &self,
        step: Option<Step>,
        change: impl FnOnce(&mut Workspace) -> (Touched, Option<Description>),
    ) {
        let cx = self.context();
        let mut touched = Touched::default();
        self.ws.update(|ws| {
            if let Some(ws) = ws {
                let noted;
                (touched, noted) = change(ws);
                if let Some(said) = &noted {
                    note(ws, said, &cx, &mut touched);
                }
            }
        });
        if let Some(step) = step.filter(|s| !s.changes.is_empty()) {
            self.push_step(step);
        }
        self.mark(touched);
    }

    /// Puts chosen records in place as one undoable, noted edit ([`Action::Choose`]).
    fn choose(&self, chosen: Workspace) {
        let touched = crate::sync::replicate::touched(&chosen);
        let Some(changes) = self.ws.with_untracked(|ws| {
            let before = ws.as_ref()?.part(&touched);
            let mut after = before.clone();
            crate::sync::replicate::apply(&mut after, &chosen);
            Some(diff(&before, &after, &touched))
        }) else {
            return;
        };
        let summary = format!(
            "Chose between a teammate's edit and mine ({})",
            crate::model::common::plural(
                crate::engine::records::all_records(&chosen).len(),
                "record",
                "records"
            )
        );
        let said = Description {
            project: None,
            summary: summary.clone(),
            details: Vec::new(),
        };
        self.land(Some(Step::of(summary, changes)), |ws| {
            crate::sync::replicate::apply(ws, &chosen);
            (touched, Some(said))
        });
    }

    /// The workspace is gone from storage: back to the first-run choice.
    fn forget(&self) {
        self.saving.pending.set_value(Touched::default());
        self.ws.set(None);
        self.clear_steps();
        self.notices.recovery.set(None);
        self.resume_saving();
    }
}

/// A command's change, refused when it would leave a value out of its documented range (one
/// set of limits for typed and imported values).
fn checked(ws: &Workspace, command: &Command, cx: &Context) -> Result<Change, CommandError> {
    let change = apply(ws, command.clone(), cx)?;
    match new_problems(&change.before, &change.after, &change.touched)
        .into_iter()
        .next()
    {
        Some(problem) => Err(CommandError::Invalid(capitalised(&problem.message))),
        None => Ok(change),
    }
}

/// Adds a history entry for a change, stamped like the change itself.
fn note(ws: &mut Workspace, said: &Description, cx: &Context, touched: &mut Touched) {
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
