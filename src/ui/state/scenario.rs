//! What-if scenarios in the app: while one is open every screen shows and edits its sandbox
//! ([`AppState::shown`]) and the real workspace is left alone — nothing is saved to it,
//! exported or sent to other tabs. Undo and redo step through the scenario's own edits.
//! Scenarios are kept in this browser under their own key, beside the workspace, never in
//! it; [`AppState::apply_scenario`] brings the chosen edits into the workspace as one
//! change that Undo takes back.

use super::undo::migrate_changes;
use super::AppState;
use crate::engine::history::{revert, Description, Way};
use crate::engine::scenario::{checked_name, prepare, sandbox, Scenario, Step};
use crate::engine::validate::new_problems;
use crate::model::{Workspace, WorkspaceId};
use crate::storage::{self, web::BrowserStorage, KeyValue};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What is stored under [`storage::SCENARIOS_KEY`].
#[derive(Serialize, Deserialize)]
struct Stored {
    /// The schema the records in the steps are written in.
    schema_version: u64,
    workspace: WorkspaceId,
    #[serde(default)]
    open: Option<Uuid>,
    scenarios: Vec<Scenario>,
}

impl AppState {
    /// The workspace the screens show and edit: the open scenario's sandbox, or the real one.
    pub fn shown(&self) -> RwSignal<Option<Workspace>> {
        if self.scenarios.open.with(Option::is_some) {
            self.scenarios.sandbox
        } else {
            self.ws
        }
    }

    /// The open scenario's id, tracked (changes only on open and close).
    pub fn open_scenario_id(&self) -> Option<Uuid> {
        self.scenarios.open.get()
    }

    /// The open scenario's name and how many changes it holds, tracked — for what shows only
    /// that (the banner), without copying its steps.
    pub fn scenario_label(&self) -> Option<(String, usize)> {
        let id = self.scenarios.open.get()?;
        self.scenarios.all.with(|all| {
            all.iter()
                .find(|s| s.id == id)
                .map(|s| (s.name.clone(), s.steps.len()))
        })
    }

    /// Whether a scenario is open (untracked: for event handlers and the change path).
    pub fn in_scenario(&self) -> bool {
        self.scenarios.open.with_untracked(Option::is_some)
    }

    /// The open scenario, tracked.
    pub fn scenario(&self) -> Option<Scenario> {
        let id = self.scenarios.open.get()?;
        self.scenarios
            .all
            .with(|all| all.iter().find(|s| s.id == id).cloned())
    }

    /// Reads the scenarios this browser keeps for the workspace, and reopens the one that
    /// was open. Damaged or unknown stored scenarios are left where they are, unread.
    pub(super) fn load_scenarios(&self) {
        let current = self.ws.with_untracked(|ws| ws.as_ref().map(|w| w.id));
        let stored: Option<Stored> = BrowserStorage::open()
            .get(storage::SCENARIOS_KEY)
            .ok()
            .flatten()
            .and_then(|text| storage::codec::decode(&text).ok())
            .and_then(|json| serde_json::from_str(&json).ok());
        let Some(mut stored) = stored.filter(|s| Some(s.workspace) == current) else {
            self.scenarios.all.set(Vec::new());
            self.close_quietly();
            return;
        };
        for scenario in &mut stored.scenarios {
            for step in scenario.steps.iter_mut().chain(scenario.undone.iter_mut()) {
                migrate_changes(&mut step.changes, stored.schema_version);
            }
        }
        self.scenarios.all.set(stored.scenarios);
        match stored.open {
            Some(id) => self.show(id),
            None => self.close_quietly(),
        }
    }

    /// Writes the scenarios; when the browser refuses, says so (they last while the tab is
    /// open; the workspace is not affected).
    fn store_scenarios(&self) {
        let Some(workspace) = self.ws.with_untracked(|ws| ws.as_ref().map(|w| w.id)) else {
            return;
        };
        let stored = self.scenarios.all.with_untracked(|scenarios| Stored {
            schema_version: crate::format::SCHEMA_VERSION,
            workspace,
            open: self.scenarios.open.get_untracked(),
            scenarios: scenarios.clone(),
        });
        let kv = BrowserStorage::open();
        let written = if stored.scenarios.is_empty() {
            kv.remove(storage::SCENARIOS_KEY)
        } else {
            let json = serde_json::to_string(&stored).unwrap_or_default();
            kv.set(storage::SCENARIOS_KEY, &storage::codec::encode(&json))
        };
        if let Err(error) = written {
            self.notify_error(format!(
                "The scenarios could not be kept in this browser ({error}); they last until this tab closes. Your workspace is not affected."
            ));
        }
    }

    /// Starts a scenario from the workspace as it is, and opens it.
    pub fn new_scenario(&self, name: &str) -> Result<(), String> {
        let scenario = Scenario::new(Uuid::new_v4(), name, super::now())?;
        let id = scenario.id;
        self.scenarios.all.update(|all| all.push(scenario));
        self.show(id);
        self.store_scenarios();
        Ok(())
    }

    /// Opens a kept scenario: every screen shows its sandbox until it is closed.
    pub fn open_scenario(&self, id: Uuid) {
        self.show(id);
        self.store_scenarios();
    }

    /// Back to the real workspace; the scenario is kept.
    pub fn close_scenario(&self) {
        self.close_quietly();
        self.store_scenarios();
    }

    pub fn rename_scenario(&self, id: Uuid, name: &str) -> Result<(), String> {
        let name = checked_name(name)?;
        self.scenarios.all.update(|all| {
            if let Some(s) = all.iter_mut().find(|s| s.id == id) {
                s.name = name;
            }
        });
        self.store_scenarios();
        Ok(())
    }

    /// Throws a scenario away (closing it if open).
    pub fn discard_scenario(&self, id: Uuid) {
        if self.scenarios.open.get_untracked() == Some(id) {
            self.close_quietly();
        }
        self.scenarios.all.update(|all| all.retain(|s| s.id != id));
        self.store_scenarios();
    }

    fn show(&self, id: Uuid) {
        let steps = self
            .scenarios
            .all
            .with_untracked(|all| all.iter().find(|s| s.id == id).map(|s| s.steps.clone()));
        let Some(steps) = steps else {
            self.close_quietly();
            return;
        };
        let cx = self.context();
        let built = self
            .ws
            .with_untracked(|ws| ws.as_ref().map(|ws| sandbox(ws, &steps, &cx)));
        self.scenarios.sandbox.set(built);
        self.scenarios.open.set(Some(id));
        self.steps_changed();
    }

    fn close_quietly(&self) {
        if self.scenarios.open.get_untracked().is_some() {
            self.scenarios.open.set(None);
            self.scenarios.sandbox.set(None);
            self.steps_changed();
        }
    }

    /// The real workspace changed under an open scenario (another tab saved, a file was
    /// opened): the sandbox is built again on it, so the scenario shows today's reality plus
    /// its own edits. Another workspace brings its own scenarios.
    pub(super) fn rebase_scenario(&self) {
        let same = self.ws.with_untracked(|ws| ws.as_ref().map(|w| w.id))
            == self
                .scenarios
                .sandbox
                .with_untracked(|s| s.as_ref().map(|w| w.id));
        match self.scenarios.open.get_untracked() {
            Some(id) if same => self.show(id),
            _ => self.load_scenarios(),
        }
    }

    /// Keeps an edit made in the open scenario.
    pub(super) fn scenario_step(&self, step: Step) {
        let Some(id) = self.scenarios.open.get_untracked() else {
            return;
        };
        self.scenarios.all.update(|all| {
            if let Some(s) = all.iter_mut().find(|s| s.id == id) {
                s.steps.push(step);
                s.undone.clear();
            }
        });
        self.steps_changed();
        self.store_scenarios();
    }

    /// Undo (`Back`) or redo (`Forward`) in the open scenario.
    pub(super) fn scenario_replay(&self, way: Way) {
        let Some(id) = self.scenarios.open.get_untracked() else {
            return;
        };
        let mut moved = None;
        self.scenarios.all.update(|all| {
            if let Some(s) = all.iter_mut().find(|s| s.id == id) {
                let (from, to) = match way {
                    Way::Back => (&mut s.steps, &mut s.undone),
                    Way::Forward => (&mut s.undone, &mut s.steps),
                };
                if let Some(step) = from.pop() {
                    moved = Some(step.clone());
                    to.push(step);
                }
            }
        });
        let Some(step) = moved else {
            return;
        };
        let cx = self.context();
        self.scenarios.sandbox.update(|ws| {
            if let Some(ws) = ws {
                revert(ws, &step.changes, way, &cx);
            }
        });
        self.notify(format!(
            "{} in the scenario: {}",
            if way == Way::Back { "Undone" } else { "Redone" },
            step.label
        ));
        self.steps_changed();
        self.store_scenarios();
    }

    /// Brings the chosen edits of the open scenario into the workspace as one change (one
    /// undo step, one history entry). All or nothing: an edit that would overwrite a later
    /// change to the workspace, or leave a value out of its range, refuses the lot. The
    /// applied edits leave the scenario; once it has none left it is closed and removed.
    pub(super) fn apply_scenario(&self, chosen: &[bool]) -> Result<String, String> {
        let scenario = self.scenario_untracked().ok_or("No scenario is open.")?;
        let cx = self.context();
        let change = self
            .ws
            .with_untracked(|ws| {
                let ws = ws.as_ref().ok_or("There is no workspace.")?;
                prepare(ws, &scenario.steps, chosen, &cx)
            })
            .and_then(|change| {
                match new_problems(&change.before, &change.after, &change.touched)
                    .into_iter()
                    .next()
                {
                    Some(problem) => Err(format!("Can't apply: {}", problem.message)),
                    None => Ok(change),
                }
            })?;
        let labels: Vec<String> = scenario
            .steps
            .iter()
            .zip(chosen)
            .filter(|(_, c)| **c)
            .map(|(s, _)| s.label.clone())
            .collect();
        let count = labels.len();
        let said = Description {
            project: match change.touched.projects.len() {
                1 if !change.touched.workspace => change.touched.projects.first().copied(),
                _ => None,
            },
            summary: format!(
                "applied scenario “{}” ({})",
                scenario.name,
                crate::model::common::plural(count, "change", "changes")
            ),
            details: labels,
        };
        let changes = crate::engine::history::diff(&change.before, &change.after, &change.touched);
        let step = super::Step::of(said.summary.clone(), changes);
        self.land(Some(step), |ws| {
            ws.commit(&change);
            (change.touched.clone(), Some(said))
        });
        // The applied edits are now the workspace's; what is left stays a scenario.
        let left: Vec<Step> = scenario
            .steps
            .into_iter()
            .zip(chosen.iter().chain(std::iter::repeat(&false)))
            .filter(|(_, c)| !**c)
            .map(|(s, _)| s)
            .collect();
        if left.is_empty() {
            self.discard_scenario(scenario.id);
        } else {
            self.scenarios.all.update(|all| {
                if let Some(s) = all.iter_mut().find(|s| s.id == scenario.id) {
                    s.steps = left;
                    s.undone.clear();
                }
            });
            self.show(scenario.id);
            self.store_scenarios();
        }
        Ok(format!(
            "Applied {} from “{}” to the workspace. Undo takes {} back.",
            crate::model::common::plural(count, "change", "changes"),
            scenario.name,
            if count == 1 { "it" } else { "them" }
        ))
    }

    /// Refuses what works on the whole real workspace (open a file, import, merge) or sends
    /// it out (share, calendar) while a scenario is open, so nobody replaces their workspace
    /// or hands a sandbox to a teammate thinking it is real.
    pub fn outside_scenario(&self) -> Result<(), String> {
        match self.scenario_untracked() {
            Some(s) => Err(format!(
                "Scenario “{}” is open: close it first (Close scenario, at the top). Files and exports carry your real workspace, never a scenario.",
                s.name
            )),
            None => Ok(()),
        }
    }

    fn scenario_untracked(&self) -> Option<Scenario> {
        let id = self.scenarios.open.get_untracked()?;
        self.scenarios
            .all
            .with_untracked(|all| all.iter().find(|s| s.id == id).cloned())
    }

    /// What Undo and Redo would do in the open scenario.
    pub(super) fn scenario_next_steps(&self) -> Option<(Option<String>, Option<String>)> {
        let s = self.scenario_untracked()?;
        let label = |steps: &Vec<Step>| steps.last().map(|s| format!("{} (scenario)", s.label));
        Some((label(&s.steps), label(&s.undone)))
    }
}
