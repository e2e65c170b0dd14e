//! Forecast, attainment of goals and quotas, and win/loss — every number defined once in
//! `shared/design/metrics.md`, computed from the workspace and `today`.
//!
//! Amounts are summed in the workspace currency only; projects in another currency are
//! counted in `other_currency` rather than silently added at the wrong rate.

use crate::engine::calendar::Calendar;
use crate::engine::periods::{contains, end_of, period_of, working_days_left};
use crate::engine::plan::governing_template;
use crate::model::common::group_thousands;
use crate::model::limits::{add_minor, sum_minor};
use crate::model::*;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The forecast category a project falls in: set by hand, else from its probability.
pub fn category(p: &Project) -> ForecastCategory {
    p.forecast_category.unwrap_or(match p.probability {
        80.. => ForecastCategory::Commit,
        50..=79 => ForecastCategory::BestCase,
        _ => ForecastCategory::Pipeline,
    })
}

/// The day that places a project in a period: its close date when closed, else its target.
pub fn period_day(p: &Project) -> NaiveDate {
    if p.status.is_closed() {
        p.close_date.unwrap_or(p.target_date)
    } else {
        p.target_date
    }
}

/// Half away from zero, in minor units.
fn weighted(p: &Project) -> i64 {
    p.weighted_minor()
}

/// A period's forecast.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Forecast {
    pub won: i64,
    pub weighted_pipeline: i64,
    pub expected: i64,
    pub commit: i64,
    pub best_case: i64,
    /// Σ value of open projects targeted in the period, by category.
    pub open_by_category: BTreeMap<&'static str, i64>,
    /// The team's revenue target for the period, if set.
    pub target: Option<i64>,
    /// Open value still to come in the period ÷ (target − won), as a ratio; `None` when there
    /// is no target or the target is met.
    pub coverage: Option<f64>,
    pub target_met: bool,
    /// Open projects whose target date moved out of this period into a later one.
    pub slipped: Vec<ProjectId>,
    /// Projects in the period left out because their currency differs.
    pub other_currency: usize,
}

/// The target of a metric in a period: the team's (`member` None) or one member's quota.
pub fn quota_target(
    ws: &Workspace,
    period: Period,
    member: Option<MemberId>,
    metric: &QuotaMetric,
) -> Option<i64> {
    ws.quotas
        .iter()
        .filter(|q| {
            q.is_live() && q.member_id == member && q.period == period && &q.metric == metric
        })
        .map(|q| q.target)
        .next_back()
}

/// The team's target for a metric in a period.
pub fn team_target(ws: &Workspace, period: Period, metric: &QuotaMetric) -> Option<i64> {
    quota_target(ws, period, None, metric)
}

/// The forecast of one period for the team.
pub fn forecast(ws: &Workspace, period: Period, today: NaiveDate) -> Forecast {
    forecast_of(ws, period, today, None)
}

/// The revenue quota of one member for a period, if set.
pub fn member_target(ws: &Workspace, period: Period, member: MemberId) -> Option<i64> {
    quota_target(ws, period, Some(member), &QuotaMetric::RevenueWon)
}

/// The forecast of one period for the team (`owner` None) or for the projects one member
/// owns, against their own revenue quota.
pub fn forecast_of(
    ws: &Workspace,
    period: Period,
    today: NaiveDate,
    owner: Option<MemberId>,
) -> Forecast {
    let mut f = Forecast::default();
    let currency = &ws.settings.currency;
    let projects: Vec<&Project> = ws
        .live_projects()
        .filter(|p| contains(period, period_day(p)))
        .filter(|p| owner.is_none() || p.owner == owner)
        .collect();
    for p in &projects {
        if &p.value.currency != currency {
            if p.status.is_open() || p.status == ProjectStatus::Won {
                f.other_currency += 1;
            }
            continue;
        }
        if p.status == ProjectStatus::Won {
            f.won = add_minor(f.won, p.value.minor);
        } else if p.status.is_open() {
            f.weighted_pipeline = add_minor(f.weighted_pipeline, weighted(p));
            let key = match category(p) {
                ForecastCategory::Commit => "commit",
                ForecastCategory::BestCase => "best_case",
                ForecastCategory::Pipeline => "pipeline",
            };
            let open = f.open_by_category.entry(key).or_default();
            *open = add_minor(*open, p.value.minor);
        }
    }
    f.expected = add_minor(f.won, f.weighted_pipeline);
    f.commit = add_minor(
        f.won,
        f.open_by_category.get("commit").copied().unwrap_or(0),
    );
    f.best_case = add_minor(
        f.commit,
        f.open_by_category.get("best_case").copied().unwrap_or(0),
    );
    f.target = quota_target(ws, period, owner, &QuotaMetric::RevenueWon);
    if let Some(target) = f.target {
        f.target_met = f.won >= target;
        if !f.target_met {
            let rest = projects
                .iter()
                .filter(|p| {
                    p.status.is_open() && &p.value.currency == currency && p.target_date >= today
                })
                .map(|p| p.value.minor);
            let rest = sum_minor(rest);
            f.coverage = Some(rest as f64 / target.saturating_sub(f.won) as f64);
        }
    }
    f.slipped = ws
        .live_projects()
        .filter(|p| owner.is_none() || p.owner == owner)
        .filter(|p| p.status.is_open() && p.target_date >= end_of(period))
        .filter(|p| p.target_history.iter().any(|d| contains(period, *d)))
        .map(|p| p.id)
        .collect();
    f
}

/// How far a period's expected revenue (won + weighted pipeline) falls short of its target
/// (`docs/metrics.md`, gap to target).
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    /// target − expected, never below 0.
    pub money: i64,
    /// The typical won deal: the average value of every won deal in the workspace currency.
    pub typical_deal: Option<i64>,
    /// ⌈money ÷ typical deal⌉: more deals of the usual size it would take (0 when none).
    pub deals: Option<i64>,
}

/// The average value of the won deals in the workspace currency, if any.
pub fn typical_deal(ws: &Workspace) -> Option<i64> {
    let won: Vec<i64> = ws
        .live_projects()
        .filter(|p| p.status == ProjectStatus::Won && p.value.currency == ws.settings.currency)
        .map(|p| p.value.minor)
        .filter(|v| *v > 0)
        .collect();
    average_minor(&won)
}

/// The average of amounts in minor units, rounded half up; `None` for none.
fn average_minor(amounts: &[i64]) -> Option<i64> {
    let n = amounts.len() as i64;
    (n > 0).then(|| sum_minor(amounts.iter().copied()).saturating_add(n / 2) / n)
}

/// The gap of a forecast to its target; `None` without a target.
pub fn gap(ws: &Workspace, f: &Forecast) -> Option<Gap> {
    let target = f.target?;
    let money = target.saturating_sub(f.expected).max(0);
    let typical = typical_deal(ws);
    Some(Gap {
        money,
        typical_deal: typical,
        deals: typical.map(|t| {
            let t = i128::from(t);
            ((i128::from(money) + t - 1) / t) as i64
        }),
    })
}

/// One person's numbers for a period: their revenue quota, what they won, their commit
/// and best case, the gap of their expected revenue to the quota and their coverage.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnerNumbers {
    pub member: MemberId,
    pub forecast: Forecast,
    pub gap: Option<Gap>,
}

/// Every live member who owns a project in the period or has a quota for it, by name.
pub fn by_owner(ws: &Workspace, period: Period, today: NaiveDate) -> Vec<OwnerNumbers> {
    let mut members: Vec<&Member> = ws
        .live_members()
        .filter(|m| {
            member_target(ws, period, m.id).is_some()
                || ws.live_projects().any(|p| {
                    p.owner == Some(m.id)
                        && contains(period, period_day(p))
                        && (p.status.is_open() || p.status == ProjectStatus::Won)
                })
        })
        .collect();
    crate::sorting::sort_by_key(&mut members, |m| m.name.to_lowercase());
    members
        .into_iter()
        .map(|m| {
            let f = forecast_of(ws, period, today, Some(m.id));
            OwnerNumbers {
                member: m.id,
                gap: gap(ws, &f),
                forecast: f,
            }
        })
        .collect()
}

/// Progress against one quota.
#[derive(Clone, Debug, PartialEq)]
pub struct Attainment {
    pub quota: QuotaId,
    pub member: Option<MemberId>,
    pub metric: QuotaMetric,
    pub target: i64,
    pub actual: i64,
    /// actual ÷ target (0 when the target is 0).
    pub ratio: f64,
    /// What is still needed per week (5 working days) over the working days left; `None` when
    /// the target is met or the period is over.
    pub pace_per_week: Option<f64>,
}

fn won_in(
    ws: &Workspace,
    period: Period,
    member: Option<MemberId>,
) -> impl Iterator<Item = &Project> {
    ws.live_projects()
        .filter(move |p| p.status == ProjectStatus::Won && contains(period, period_day(p)))
        .filter(move |p| member.is_none() || p.owner == member)
}

/// The actual of a metric in a period, for the team or one member.
pub fn actual(
    ws: &Workspace,
    period: Period,
    member: Option<MemberId>,
    metric: &QuotaMetric,
    manual: Option<i64>,
) -> i64 {
    match metric {
        QuotaMetric::RevenueWon => sum_minor(
            won_in(ws, period, member)
                .filter(|p| p.value.currency == ws.settings.currency)
                .map(|p| p.value.minor),
        ),
        QuotaMetric::DealsWon => won_in(ws, period, member).count() as i64,
        QuotaMetric::NewClients => {
            // A client is new when none of its projects was won before this period.
            let mut clients: Vec<String> = won_in(ws, period, member)
                .map(|p| p.client.trim().to_lowercase())
                .filter(|c| !c.is_empty())
                .filter(|c| {
                    !ws.live_projects().any(|q| {
                        q.status == ProjectStatus::Won
                            && period_day(q) < period.start
                            && q.client.trim().to_lowercase() == *c
                    })
                })
                .collect();
            crate::sorting::sort(&mut clients);
            clients.dedup();
            clients.len() as i64
        }
        QuotaMetric::Custom(_) => manual.unwrap_or(0),
    }
}

/// Attainment of every quota set for `period`.
pub fn attainment(
    ws: &Workspace,
    period: Period,
    today: NaiveDate,
    cal: &Calendar,
) -> Vec<Attainment> {
    let left = working_days_left(period, today, cal);
    ws.quotas
        .iter()
        .filter(|q| q.is_live() && q.period == period)
        .map(|q| {
            let actual = actual(ws, period, q.member_id, &q.metric, q.manual_actual);
            let missing = q.target.saturating_sub(actual);
            Attainment {
                quota: q.id,
                member: q.member_id,
                metric: q.metric.clone(),
                target: q.target,
                actual,
                ratio: if q.target > 0 {
                    actual as f64 / q.target as f64
                } else {
                    0.0
                },
                pace_per_week: (missing > 0 && left > 0)
                    .then(|| missing as f64 / left as f64 * 5.0),
            }
        })
        .collect()
}

/// Closed-deal results over a set of projects.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    pub won: usize,
    pub lost: usize,
    pub won_value: i64,
    pub lost_value: i64,
    /// Won and lost deals with no value (0).
    pub won_without_value: usize,
    pub lost_without_value: usize,
}

impl Results {
    fn add(&mut self, p: &Project) {
        let no_value = usize::from(p.value.minor <= 0);
        match p.status {
            ProjectStatus::Won => {
                self.won += 1;
                self.won_value = add_minor(self.won_value, p.value.minor);
                self.won_without_value += no_value;
            }
            ProjectStatus::Lost => {
                self.lost += 1;
                self.lost_value = add_minor(self.lost_value, p.value.minor);
                self.lost_without_value += no_value;
            }
            _ => {}
        }
    }

    /// Won ÷ (won + lost); `None` with no closed deals.
    pub fn win_rate(&self) -> Option<f64> {
        let n = self.won + self.lost;
        (n > 0).then(|| self.won as f64 / n as f64)
    }

    /// The value-weighted win rate; `None` when a closed deal has no value (`docs/metrics.md`,
    /// win/loss): a lost deal without one would count as losing nothing (a CRM export
    /// that drops the value of lost deals reads 100 %), a won one as winning nothing.
    pub fn value_win_rate(&self) -> Option<f64> {
        if self.won_without_value + self.lost_without_value > 0 {
            return None;
        }
        let v = self.won_value.saturating_add(self.lost_value);
        (v > 0).then(|| self.won_value as f64 / v as f64)
    }

    /// Why [`Self::value_win_rate`] is left out, when closed deals have no value:
    /// "Value win rate not shown: 2,473 of 2,473 lost deals have no value".
    pub fn value_rate_note(&self) -> Option<String> {
        let part = |missing: usize, of: usize, kind: &str| {
            (missing > 0).then(|| {
                format!(
                    "{} of {} {kind}",
                    group_thousands(missing as u64),
                    group_thousands(of as u64)
                )
            })
        };
        let parts: Vec<String> = [
            part(self.won_without_value, self.won, "won"),
            part(self.lost_without_value, self.lost, "lost"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let verb = match self.won_without_value + self.lost_without_value {
            0 => return None,
            1 => "has",
            _ => "have",
        };
        Some(format!(
            "Value win rate not shown: {} deals {verb} no value",
            parts.join(" and ")
        ))
    }
}

/// What a loss without a reason is called.
pub const NO_REASON: &str = "No reason recorded";

/// The reason spreadsheet imports wrote on every closed deal before they left it empty: it
/// says nothing about why a deal was lost.
const OLD_IMPORT_REASON: &str = "Imported";

/// Why a lost deal was lost, as win/loss groups it.
fn loss_reason(p: &Project) -> String {
    p.outcome
        .as_ref()
        .map(|o| o.reason.trim())
        .filter(|r| !r.is_empty() && *r != OLD_IMPORT_REASON)
        .unwrap_or(NO_REASON)
        .to_string()
}

/// What wins and losses have in common.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WinLoss {
    pub overall: Results,
    pub by_owner: BTreeMap<String, Results>,
    pub by_kind: BTreeMap<String, Results>,
    pub by_template: BTreeMap<String, Results>,
    pub by_stage: BTreeMap<String, Results>,
    /// Loss reasons, most frequent first.
    pub loss_reasons: Vec<(String, usize)>,
    /// Mean close − start in calendar days.
    pub cycle_won: Option<f64>,
    pub cycle_lost: Option<f64>,
    /// For template-based deals: milestone name → (share completed in won, share in lost).
    pub milestones: Vec<(String, Option<f64>, Option<f64>)>,
}

fn mean(values: &[i64]) -> Option<f64> {
    (!values.is_empty())
        .then(|| values.iter().map(|v| *v as f64).sum::<f64>() / values.len() as f64)
}

/// Win/loss over every closed (won or lost) project, optionally only those closed in `period`.
pub fn win_loss(ws: &Workspace, period: Option<Period>) -> WinLoss {
    let mut w = WinLoss::default();
    let closed: Vec<&Project> = ws
        .live_projects()
        .filter(|p| matches!(p.status, ProjectStatus::Won | ProjectStatus::Lost))
        .filter(|p| period.is_none_or(|per| contains(per, period_day(p))))
        .collect();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let (mut won_cycles, mut lost_cycles) = (Vec::new(), Vec::new());
    // milestone name → (completed in won, seen in won, completed in lost, seen in lost)
    let mut practice: BTreeMap<String, (usize, usize, usize, usize)> = BTreeMap::new();
    // Group milestones once: looking them up per project would be quadratic.
    let mut milestones: std::collections::HashMap<ProjectId, Vec<&Milestone>> =
        std::collections::HashMap::new();
    for m in ws.milestones.iter().filter(|m| m.is_live()) {
        milestones.entry(m.project_id).or_default().push(m);
    }
    for p in &closed {
        w.overall.add(p);
        w.by_owner
            .entry(ws.member_name(p.owner))
            .or_default()
            .add(p);
        w.by_kind
            .entry(p.kind.label().to_string())
            .or_default()
            .add(p);
        let template = p
            .template_id
            .and_then(|_| governing_template(ws, p))
            .map(|t| t.name.clone());
        w.by_template
            .entry(template.clone().unwrap_or_else(|| "No template".into()))
            .or_default()
            .add(p);
        w.by_stage
            .entry(p.stage.label().to_string())
            .or_default()
            .add(p);
        let cycle = (period_day(p) - p.start_date).num_days();
        if p.status == ProjectStatus::Won {
            won_cycles.push(cycle);
        } else {
            lost_cycles.push(cycle);
            *reasons.entry(loss_reason(p)).or_default() += 1;
        }
        if template.is_some() {
            for m in milestones.get(&p.id).into_iter().flatten() {
                let e = practice.entry(m.name.clone()).or_default();
                let done = usize::from(m.completed_on.is_some());
                if p.status == ProjectStatus::Won {
                    e.0 += done;
                    e.1 += 1;
                } else {
                    e.2 += done;
                    e.3 += 1;
                }
            }
        }
    }
    let mut reasons: Vec<(String, usize)> = reasons.into_iter().collect();
    crate::sorting::sort_by(&mut reasons, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    w.loss_reasons = reasons;
    w.cycle_won = mean(&won_cycles);
    w.cycle_lost = mean(&lost_cycles);
    let share = |done: usize, seen: usize| (seen > 0).then(|| done as f64 / seen as f64);
    w.milestones = practice
        .into_iter()
        .map(|(name, (wd, ws_, ld, ls))| (name, share(wd, ws_), share(ld, ls)))
        .collect();
    w
}

/// The headline numbers of a period for the dashboard.
#[derive(Clone, Debug, PartialEq)]
pub struct Kpis {
    pub won: i64,
    pub target: Option<i64>,
    pub expected: i64,
    pub win_rate: Option<f64>,
    pub average_deal: Option<i64>,
    pub cycle_days: Option<f64>,
    pub open_pipeline: i64,
}

pub fn kpis(ws: &Workspace, period: Period, today: NaiveDate) -> Kpis {
    let f = forecast(ws, period, today);
    let wl = win_loss(ws, Some(period));
    let won: Vec<i64> = won_in(ws, period, None)
        .filter(|p| p.value.currency == ws.settings.currency)
        .map(|p| p.value.minor)
        .collect();
    let average = average_minor(&won);
    Kpis {
        won: f.won,
        target: f.target,
        expected: f.expected,
        win_rate: wl.overall.win_rate(),
        average_deal: average,
        cycle_days: wl.cycle_won,
        open_pipeline: sum_minor(
            ws.live_projects()
                .filter(|p| p.status.is_open() && p.value.currency == ws.settings.currency)
                .map(|p| p.value.minor),
        ),
    }
}

/// The current period of a kind.
pub fn current(ws: &Workspace, kind: PeriodKind, today: NaiveDate) -> Period {
    period_of(kind, today, ws.settings.fiscal_year_start_month)
}
