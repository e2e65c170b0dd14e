//! A project's money — budget, spend, return, ROI and cost of sale — and its goals'
//! progress, and the same summed over a portfolio. Definitions follow `metrics.md`:
//!
//! - **spend** = the project's live cost entries in its currency;
//! - **return** = the value won for a won project, the expected value for a proposed, active
//!   or on-hold one, nothing for a lost or cancelled one;
//! - **ROI** = (return − spend) ÷ spend, undefined while nothing is spent. For a won project
//!   it is the ROI of `metrics.md` (won value − costs) ÷ costs; for an open one it is the
//!   expected ROI if the deal is won at its value;
//! - **cost of sale** = spend ÷ won value, for won projects with a value.
//!
//! Example: a deal won at EUR 480,000 that cost EUR 6,040 to win has ROI
//! (480,000 − 6,040) ÷ 6,040 ≈ 78.5 (7,847 %) and cost of sale 6,040 ÷ 480,000 ≈ 1.26 %.

use crate::model::limits::sum_minor;
use crate::model::*;
use chrono::NaiveDate;

/// The money side of one project, in its currency (minor units).
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectMoney {
    pub currency: Currency,
    pub budget: Option<i64>,
    pub spent: i64,
    /// Won value for a won project, expected value for an open one, 0 for lost or cancelled.
    pub expected_return: i64,
    /// Whether the return is already won (rather than expected).
    pub won: bool,
    pub roi: Option<f64>,
    pub cost_of_sale: Option<f64>,
}

impl ProjectMoney {
    /// Spend as a share of the budget (1.0 = all of it), when there is a budget above zero.
    pub fn used(&self) -> Option<f64> {
        self.budget
            .filter(|b| *b > 0)
            .map(|b| self.spent as f64 / b as f64)
    }

    /// Whether spend is above `percent` of a budget above zero — the health check's
    /// over-budget line (exact, in integers).
    pub fn over_budget(&self, percent: u32) -> bool {
        self.budget.filter(|b| *b > 0).is_some_and(|budget| {
            i128::from(self.spent) * 100 > i128::from(budget) * i128::from(percent)
        })
    }

    /// Budget left (negative when over), when there is a budget.
    pub fn left(&self) -> Option<i64> {
        self.budget.map(|b| b.saturating_sub(self.spent))
    }
}

/// The project's live costs in its own currency, summed (saturating at the documented range).
pub fn spent(ws: &Workspace, project: &Project) -> i64 {
    sum_minor(
        ws.costs
            .of(project.id)
            .filter(|c| c.is_live() && c.amount.currency == project.value.currency)
            .map(|c| c.amount.minor),
    )
}

/// ROI = (return − spend) ÷ spend; `None` when nothing is spent.
pub fn roi(expected_return: i64, spent: i64) -> Option<f64> {
    (spent > 0).then(|| (expected_return as f64 - spent as f64) / spent as f64)
}

/// Cost of sale = spend ÷ won value; `None` without a won value above zero.
pub fn cost_of_sale(spent: i64, won_value: i64) -> Option<f64> {
    (won_value > 0).then(|| spent as f64 / won_value as f64)
}

pub fn project_money(ws: &Workspace, project: &Project) -> ProjectMoney {
    let spent = spent(ws, project);
    let won = project.status == ProjectStatus::Won;
    let expected_return = match project.status {
        ProjectStatus::Lost | ProjectStatus::Cancelled => 0,
        _ => project.value.minor.max(0),
    };
    ProjectMoney {
        currency: project.value.currency.clone(),
        budget: project
            .budget
            .as_ref()
            .filter(|b| b.currency == project.value.currency)
            .map(|b| b.minor),
        spent,
        expected_return,
        won,
        roi: roi(expected_return, spent),
        cost_of_sale: if won {
            cost_of_sale(spent, project.value.minor)
        } else {
            None
        },
    }
}

/// Budget, spend and return summed over projects in the workspace's currency; projects in
/// other currencies are counted apart, not converted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PortfolioMoney {
    pub budget: i64,
    pub spent: i64,
    pub expected_return: i64,
    pub won_return: i64,
    pub won_spent: i64,
    /// Projects left out of the sums because their currency differs.
    pub other_currency: usize,
}

impl PortfolioMoney {
    pub fn roi(&self) -> Option<f64> {
        roi(self.expected_return, self.spent)
    }

    /// Cost of sale over the won projects.
    pub fn cost_of_sale(&self) -> Option<f64> {
        cost_of_sale(self.won_spent, self.won_return)
    }
}

pub fn portfolio_money<'a>(
    ws: &Workspace,
    projects: impl IntoIterator<Item = &'a Project>,
) -> PortfolioMoney {
    let mut out = PortfolioMoney::default();
    for p in projects {
        if p.value.currency != ws.settings.currency {
            out.other_currency += 1;
            continue;
        }
        let m = project_money(ws, p);
        out.budget = out.budget.saturating_add(m.budget.unwrap_or(0));
        out.spent = out.spent.saturating_add(m.spent);
        out.expected_return = out.expected_return.saturating_add(m.expected_return);
        if m.won {
            out.won_return = out.won_return.saturating_add(m.expected_return);
            out.won_spent = out.won_spent.saturating_add(m.spent);
        }
    }
    out
}

/// Where a goal stands: its current figure and target, by its measure.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalProgress {
    pub current: f64,
    pub target: f64,
    /// current ÷ target, 0 when the target is not above zero.
    pub ratio: f64,
}

/// A goal's progress: typed in, counted from the project's milestones done, or the value
/// won (in major units of the project's currency; nothing before the project is won).
pub fn goal_progress(ws: &Workspace, goal: &ProjectGoal) -> GoalProgress {
    let current = match goal.measure {
        GoalMeasure::Manual => goal.current,
        GoalMeasure::Milestones => ws
            .milestones_of(goal.project_id)
            .iter()
            .filter(|m| m.completed_on.is_some() && m.skipped.is_none())
            .count() as f64,
        GoalMeasure::WonValue => ws
            .project(goal.project_id)
            .filter(|p| p.status == ProjectStatus::Won)
            .map_or(0.0, |p| {
                p.value.minor as f64 / 10_f64.powi(p.value.currency.minor_digits() as i32)
            }),
    };
    let ratio = if goal.target > 0.0 && current.is_finite() {
        current / goal.target
    } else {
        0.0
    };
    GoalProgress {
        current,
        target: goal.target,
        ratio,
    }
}

/// The portfolio score (0–100) of a project on the workspace's criteria (`metrics.md`):
/// Σ (weightᵢ × scoreᵢ) ÷ Σ (weightᵢ × 5) × 100, where an inverse criterion's score counts
/// as 6 − score. `None` until every criterion with a weight is scored, or when no criterion
/// has a weight.
pub fn score(project: &Project, criteria: &[Criterion]) -> Option<u8> {
    let mut got: u64 = 0;
    let mut best: u64 = 0;
    for c in criteria.iter().filter(|c| c.weight > 0) {
        let s = *project.scores.get(&c.key)?;
        if !(1..=5).contains(&s) {
            return None;
        }
        let counted = if c.inverse { 6 - s } else { s };
        got += u64::from(c.weight) * u64::from(counted);
        best += u64::from(c.weight) * 5;
    }
    (best > 0).then(|| ((got * 100 + best / 2) / best) as u8)
}

/// The weighted criteria a project has no valid score on yet, in the criteria's order: what
/// stands between it and a portfolio score. Empty once it can be scored (`metrics.md`: a
/// score needs every weighted criterion, since a score over fewer would rank it against
/// the others on different grounds).
pub fn unscored<'c>(
    scores: &std::collections::BTreeMap<String, u8>,
    criteria: &'c [Criterion],
) -> Vec<&'c Criterion> {
    criteria
        .iter()
        .filter(|c| c.weight > 0)
        .filter(|c| !scores.get(&c.key).is_some_and(|s| (1..=5).contains(s)))
        .collect()
}

/// What a proposal needs, as people say it: "1 person × 2 weeks"; `None` when neither is set.
pub fn needs_text(people: u32, weeks: u32) -> Option<String> {
    use crate::model::common::plural;
    (people > 0 || weeks > 0).then(|| {
        format!(
            "{} × {}",
            plural(people as usize, "person", "people"),
            plural(weeks as usize, "week", "weeks")
        )
    })
}

/// How a project's score reads where it is listed: "72", or "not scored: 3 of 5 criteria"
/// when some are missing, or "no weighted criteria" when nothing can score.
pub fn score_text(project: &Project, criteria: &[Criterion]) -> String {
    if let Some(s) = score(project, criteria) {
        return s.to_string();
    }
    let weighted = criteria.iter().filter(|c| c.weight > 0).count();
    if weighted == 0 {
        return "no weighted criteria".into();
    }
    let done = weighted - unscored(&project.scores, criteria).len();
    format!("not scored: {done} of {weighted} criteria")
}

/// Proposed and open projects ranked by score, best first; unscored ones last, by name.
pub fn ranking(ws: &Workspace) -> Vec<(ProjectId, Option<u8>)> {
    let mut out: Vec<(ProjectId, Option<u8>, &str)> = ws
        .live_projects()
        .filter(|p| p.status == ProjectStatus::Proposed || p.status.is_open())
        .map(|p| (p.id, score(p, &ws.settings.criteria), p.name.as_str()))
        .collect();
    crate::sorting::sort_by(&mut out, |a, b| b.1.cmp(&a.1).then(a.2.cmp(b.2)));
    out.into_iter().map(|(id, s, _)| (id, s)).collect()
}

/// Proposed or open projects for one client whose dates overlap another's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlap {
    pub client: String,
    /// At least two, by start date.
    pub projects: Vec<ProjectId>,
}

/// Per client (compared without case or surrounding spaces), the proposed and open projects
/// whose period (start to target date) overlaps another's for that client. One entry per
/// client, so a big account reads as one line, not every pair.
pub fn client_overlaps(ws: &Workspace) -> Vec<Overlap> {
    let mut by_client: std::collections::BTreeMap<String, Vec<&Project>> = Default::default();
    for p in ws
        .live_projects()
        .filter(|p| p.status == ProjectStatus::Proposed || p.status.is_open())
        .filter(|p| !p.client.trim().is_empty())
    {
        by_client
            .entry(p.client.trim().to_lowercase())
            .or_default()
            .push(p);
    }
    let mut out = Vec::new();
    for list in by_client.values_mut() {
        crate::sorting::sort_by_key(list, |p| (p.start_date, p.id));
        // Sweep by start date: a project overlaps when it starts before the latest target
        // seen so far.
        let mut overlapping: Vec<ProjectId> = Vec::new();
        let mut reach: Option<(NaiveDate, ProjectId)> = None;
        for p in list.iter() {
            if let Some((end, first)) = reach {
                if p.start_date <= end {
                    if !overlapping.contains(&first) {
                        overlapping.push(first);
                    }
                    overlapping.push(p.id);
                }
            }
            reach = match reach {
                Some((end, id)) if end >= p.target_date => Some((end, id)),
                _ => Some((p.target_date, p.id)),
            };
        }
        if overlapping.len() >= 2 {
            out.push(Overlap {
                client: list[0].client.trim().to_string(),
                projects: overlapping,
            });
        }
    }
    out
}
