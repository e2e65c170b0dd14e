//! Cycle time learned from the team's own wins (`docs/metrics.md`, cycle time by stage): how
//! long won deals took from entering each stage to closing, from the stage log of each
//! project (or, for deals moved before there was one, the stage moves in the history), and
//! which open deals will probably miss their target date at that pace.

use crate::model::{Project, ProjectId, ProjectStatus, Stage, StageEntry, Workspace};
use chrono::{Duration, NaiveDate};
use std::collections::HashMap;

/// Won deals a stage's cycle time needs before it is used to flag a deal.
pub const ENOUGH_WON: usize = 5;

/// How long won deals took to close after entering one stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StageCycle {
    pub stage: Stage,
    /// The median of the days from entering the stage to the close date (the lower middle
    /// one for an even count); `None` when no won deal logged entering it.
    pub median_days: Option<i64>,
    /// Won deals whose stage log says when they entered it.
    pub won: usize,
}

impl StageCycle {
    pub fn enough(&self) -> bool {
        self.won >= ENOUGH_WON
    }
}

/// The day a project first entered `stage`, by its stage log.
pub fn entered(p: &Project, stage: Stage) -> Option<NaiveDate> {
    p.stage_log.iter().find(|e| e.stage == stage).map(|e| e.on)
}

/// The stage a history note says a project moved to, for the notes a stage move writes
/// ("moved Acme renewal from Discovery to Proposal").
fn moved_to(summary: &str) -> Option<Stage> {
    let rest = summary.strip_prefix("moved ")?;
    let (before, to) = rest.rsplit_once(" to ")?;
    before.rsplit_once(" from ")?;
    Stage::ALL.into_iter().find(|s| s.label() == to)
}

/// Stage entries read from the change history, for projects moved before they kept a stage
/// log: each project's moves, oldest first.
fn logged_in_history(ws: &Workspace) -> HashMap<ProjectId, Vec<StageEntry>> {
    let mut out: HashMap<ProjectId, Vec<StageEntry>> = HashMap::new();
    for note in &ws.history {
        let (Some(project), Some(stage)) = (note.project_id, moved_to(&note.summary)) else {
            continue;
        };
        out.entry(project).or_default().push(StageEntry {
            stage,
            on: note.stamp.created_at.date_naive(),
        });
    }
    for entries in out.values_mut() {
        crate::sorting::sort_by_key(entries, |e| e.on);
    }
    out
}

/// Every open stage (prospect to negotiation), in order, with the won deals' cycle from it.
/// A won deal without a stage log (moved before projects kept one) is read from the stage
/// moves its history notes record.
pub fn cycles(ws: &Workspace) -> Vec<StageCycle> {
    let won: Vec<(&Project, NaiveDate)> = ws
        .live_projects()
        .filter(|p| p.status == ProjectStatus::Won)
        .filter_map(|p| p.close_date.map(|c| (p, c)))
        .collect();
    let history = if won.iter().any(|(p, _)| p.stage_log.is_empty()) {
        logged_in_history(ws)
    } else {
        HashMap::new()
    };
    let entered = |p: &Project, stage: Stage| {
        entered(p, stage).or_else(|| {
            history
                .get(&p.id)
                .and_then(|log| log.iter().find(|e| e.stage == stage))
                .map(|e| e.on)
        })
    };
    Stage::ALL
        .into_iter()
        .filter(|s| *s != Stage::Closed)
        .map(|stage| {
            let mut days: Vec<i64> = won
                .iter()
                .filter_map(|(p, closed)| entered(p, stage).map(|e| (*closed - e).num_days()))
                .filter(|d| *d >= 0)
                .collect();
            crate::sorting::sort(&mut days);
            StageCycle {
                stage,
                median_days: (!days.is_empty()).then(|| days[(days.len() - 1) / 2]),
                won: days.len(),
            }
        })
        .collect()
}

/// An open deal that will probably close after its target date at the pace of past wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LikelySlip {
    pub stage: Stage,
    pub median_days: i64,
    pub won: usize,
    /// When it would close at that pace: the day it entered its stage plus the median, or
    /// today when that is already past.
    pub expected: NaiveDate,
    /// Days from its target date to `expected`.
    pub days_late: i64,
}

/// Whether `p` (open) will probably miss its target date: the day it entered its current
/// stage (or its start date) plus the median days won deals took from that stage to close is
/// after its target date. Only stages with [`ENOUGH_WON`] won deals behind them count.
pub fn likely_slip(p: &Project, cycles: &[StageCycle], today: NaiveDate) -> Option<LikelySlip> {
    if !p.status.is_open() {
        return None;
    }
    let c = cycles.iter().find(|c| c.stage == p.stage && c.enough())?;
    let median = c.median_days?;
    let since = p.stage_entered_on.unwrap_or(p.start_date);
    let expected = since
        .checked_add_signed(Duration::try_days(median)?)?
        .max(today);
    (expected > p.target_date).then(|| LikelySlip {
        stage: p.stage,
        median_days: median,
        won: c.won,
        expected,
        days_late: (expected - p.target_date).num_days(),
    })
}
