//! Learning win probabilities from the team's own closed deals (`docs/metrics.md`,
//! calibration).
//!
//! A closed deal **reached** a stage when its last stage is that stage or a later one: a won
//! deal reached every stage, a lost one keeps the stage it was lost in (or, closed at the
//! Closed stage, the last open stage its stage log records; with neither it counts as lost at
//! every stage, and [`unplaced_losses`] says how many do). The **learned**
//! probability of a stage is won ÷ (won + lost) among the closed deals that reached it;
//! cancelled deals count in neither. Shown beside the probability the playbook assumes, with
//! the counts, so a rate learned from three deals reads as the guess it is.

use crate::model::common::Stamped;
use crate::model::{MemberId, Project, ProjectStatus, Stage, TemplateId, Workspace};

/// Deals a learned rate needs before it is offered for adoption.
pub const ENOUGH_DEALS: usize = 10;

/// One stage's learned rate.
#[derive(Clone, Debug, PartialEq)]
pub struct StageRate {
    pub stage: Stage,
    /// Closed deals (won or lost) that reached the stage.
    pub reached: usize,
    pub won: usize,
    /// won ÷ reached, in whole percent; `None` when no closed deal reached it.
    pub learned: Option<u8>,
    /// What the playbook assumes (or the stage's default without one).
    pub assumed: u8,
}

impl StageRate {
    /// Whether enough deals back the learned rate to adopt it.
    pub fn enough(&self) -> bool {
        self.reached >= ENOUGH_DEALS
    }
}

/// Which closed deals to learn from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Only deals planned from this playbook (and its probabilities as the assumption).
    pub template: Option<TemplateId>,
    /// Only deals this member owns.
    pub owner: Option<MemberId>,
}

/// The open stage a lost deal was lost in: its stage, or — when it was closed at the Closed
/// stage (a spreadsheet import without the stage, say) — the last open stage its stage log
/// records; `None` when nothing says.
pub fn lost_in(p: &Project) -> Option<Stage> {
    if p.stage != Stage::Closed {
        return Some(p.stage);
    }
    p.stage_log
        .iter()
        .rev()
        .map(|e| e.stage)
        .find(|s| *s != Stage::Closed)
}

fn closed_in_scope(ws: &Workspace, scope: Scope) -> impl Iterator<Item = &Project> {
    ws.live_projects()
        .filter(|p| matches!(p.status, ProjectStatus::Won | ProjectStatus::Lost))
        .filter(move |p| scope.template.is_none() || p.template_id == scope.template)
        .filter(move |p| scope.owner.is_none() || p.owner == scope.owner)
}

/// Lost deals in scope that do not say which stage they were lost in ([`lost_in`] is
/// `None`): they count as lost at every stage, which the card says.
pub fn unplaced_losses(ws: &Workspace, scope: Scope) -> usize {
    closed_in_scope(ws, scope)
        .filter(|p| p.status == ProjectStatus::Lost && lost_in(p).is_none())
        .count()
}

/// The learned rate of every open stage (prospect to negotiation), in order.
pub fn calibrate(ws: &Workspace, scope: Scope) -> Vec<StageRate> {
    let template = scope
        .template
        .and_then(|id| ws.templates.iter().find(|t| t.id == id && t.is_live()));
    let closed: Vec<(Stage, bool)> = closed_in_scope(ws, scope)
        .map(|p| match p.status {
            ProjectStatus::Won => (Stage::Closed, true),
            _ => (lost_in(p).unwrap_or(Stage::Closed), false),
        })
        .collect();
    Stage::ALL
        .into_iter()
        .filter(|s| *s != Stage::Closed)
        .map(|stage| {
            let reached: Vec<bool> = closed
                .iter()
                .filter(|(last, won)| *won || *last >= stage)
                .map(|(_, won)| *won)
                .collect();
            let won = reached.iter().filter(|w| **w).count();
            let assumed = template
                .and_then(|t| t.stages.iter().find(|s| s.stage == stage))
                .map_or(stage.default_probability(), |s| s.probability);
            StageRate {
                stage,
                reached: reached.len(),
                won,
                learned: (!reached.is_empty()).then(|| {
                    // Whole percent, halves up; never above 100 since won ≤ reached.
                    ((won * 200 + reached.len()) / (reached.len() * 2)) as u8
                }),
                assumed,
            }
        })
        .collect()
}

/// The playbook with each stage's probability replaced by its learned rate where enough deals
/// back it (`WorkspaceCommand::SaveTemplate` of it is the one undoable change "adopt" makes). `None`
/// when the playbook is missing or nothing would change.
pub fn adopted(
    ws: &Workspace,
    template: TemplateId,
    rates: &[StageRate],
) -> Option<crate::model::Template> {
    let mut t = ws
        .templates
        .iter()
        .find(|t| t.id == template && t.is_live())?
        .clone();
    let mut changed = false;
    for stage in t.stages.iter_mut() {
        let learned = rates
            .iter()
            .find(|r| r.stage == stage.stage && r.enough())
            .and_then(|r| r.learned);
        if let Some(p) = learned.filter(|p| *p != stage.probability) {
            stage.probability = p;
            changed = true;
        }
    }
    changed.then_some(t)
}
