//! Project health: on track, at risk or off track, with the reasons in plain words, the data
//! each rests on, and a corrective action that can become a dated task (rules in `metrics.md`,
//! lines drawn by the workspace's [`HealthThresholds`]).

use crate::dates::Written;
use crate::engine::calendar::Calendar;
use crate::engine::people::{contact_gap, ContactGap};
use crate::engine::plan::{calendar, project_schedule_on};
use crate::engine::schedule::Schedule;
use crate::model::*;
use chrono::NaiveDate;

/// How a project is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HealthStatus {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl HealthStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::OnTrack => "On track",
            Self::AtRisk => "At risk",
            Self::OffTrack => "Off track",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::OnTrack => "on_track",
            Self::AtRisk => "at_risk",
            Self::OffTrack => "off_track",
        }
    }
}

/// What the health check found, with the figures it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    TargetPassed {
        days: i64,
    },
    MilestonesOverdue {
        count: usize,
        oldest_days: i64,
    },
    TasksOverdue {
        count: usize,
    },
    CriticalPathLate {
        working_days: i64,
    },
    HighRisks {
        count: usize,
        min_score: u8,
        /// What those risks lack, together: only these are named.
        missing: RiskGaps,
    },
    OutOfCadence(ContactGap),
    NoNextStep {
        /// The date of the last agreed next step, if there ever was one.
        last: Option<NaiveDate>,
    },
    OverBudget {
        spent_minor: i64,
        budget_minor: i64,
        percent_over: i64,
    },
    StageTooLong {
        stage: Stage,
        days: i64,
        typical: u32,
    },
    /// At the pace of the team's past wins from its stage, it closes after its target.
    LikelySlip(crate::engine::cycle::LikelySlip),
}

use crate::engine::cycle::{cycles, likely_slip, StageCycle};
use crate::model::common::plural;

/// What high risks lack to be in hand (`docs/metrics.md`): a mitigation, an owner, a
/// review date today or later. A reason names only what is missing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RiskGaps {
    pub mitigation: bool,
    pub owner: bool,
    pub review: bool,
}

impl RiskGaps {
    /// "a review date ahead"; "an owner or a review date ahead" (joined with `last`).
    pub fn words(&self, last: &str) -> String {
        let parts: Vec<&str> = [
            (self.mitigation, "a mitigation"),
            (self.owner, "an owner"),
            (self.review, "a review date ahead"),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| w)
        .collect();
        match parts.as_slice() {
            [] => "a mitigation, an owner and a review date ahead".into(),
            [one] => (*one).to_string(),
            [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
        }
    }
}

impl Finding {
    /// The finding in plain words.
    pub fn text(&self) -> String {
        match self {
            Self::TargetPassed { days } => format!("target date passed {days} days ago"),
            Self::MilestonesOverdue { count, oldest_days } => format!(
                "{} overdue (the oldest by {oldest_days} days)",
                plural(*count, "milestone", "milestones")
            ),
            Self::TasksOverdue { count } => {
                format!("{} overdue", plural(*count, "task", "tasks"))
            }
            Self::CriticalPathLate { working_days } => {
                format!("critical path {working_days} working days late")
            }
            Self::HighRisks {
                count,
                min_score,
                missing,
            } => format!(
                "{} scored {min_score} or more without {}",
                plural(*count, "open risk", "open risks"),
                // One risk lacks all of these; of several, each lacks some.
                missing.words(if *count == 1 { "and" } else { "or" })
            ),
            Self::OutOfCadence(gap) => gap.text(),
            Self::NoNextStep { .. } => "no dated next step (agreed or planned)".into(),
            Self::OverBudget { percent_over, .. } => {
                format!("costs {percent_over} % over budget")
            }
            Self::StageTooLong {
                stage,
                days,
                typical,
            } => format!(
                "in stage {} for {days} days (typical: {typical})",
                stage.label()
            ),
            Self::LikelySlip(s) => format!(
                "likely to close about {} — {} after its target: won deals closed a median {} days after entering {} ({} deals)",
                s.expected.written("%-d %b %Y"),
                plural(s.days_late.max(0) as usize, "day", "days"),
                s.median_days,
                s.stage.label(),
                s.won
            ),
        }
    }

    /// What clears it: doing exactly this makes the reason go away on the next check.
    pub fn clears(&self, limits: &HealthThresholds) -> String {
        match self {
            Self::TargetPassed { .. } => {
                "It clears when the target date is today or later, or the deal is closed.".into()
            }
            Self::MilestonesOverdue { .. } => {
                "It clears when each overdue milestone is done or due today or later.".into()
            }
            Self::TasksOverdue { .. } => {
                "It clears when each overdue task is done or due today or later.".into()
            }
            Self::CriticalPathLate { .. } => {
                "It clears when the plan finishes by the target date.".into()
            }
            Self::HighRisks { missing, .. } => format!(
                "It clears when each of them has {}, or is closed.",
                missing
                    .words("and")
                    .replace("a review date ahead", "a review date today or later")
            ),
            Self::OutOfCadence(gap) => {
                format!("It clears when a conversation with {} is logged.", gap.name)
            }
            Self::NoNextStep { .. } => "It clears when a conversation logs a next step dated \
                 today or later, or an open task of the plan is due today or later."
                .into(),
            Self::OverBudget { .. } => format!(
                "It clears when costs are within {} % of the budget.",
                limits.budget_percent
            ),
            Self::StageTooLong { .. } => "It clears when the deal moves to another stage.".into(),
            Self::LikelySlip(s) => format!(
                "It clears when the target date is {} or later, the deal moves to a stage won deals close from sooner, or it closes.",
                s.expected.written("%-d %b %Y")
            ),
        }
    }

    /// What to do about it, and in how many working days.
    fn remedy(&self, status: HealthStatus, project: &Project) -> (String, String, i64) {
        let client = if project.client.trim().is_empty() {
            "the client".to_string()
        } else {
            project.client.trim().to_string()
        };
        let (action, task, days): (&str, String, i64) = match self {
            Self::TargetPassed { .. } => (
                "Agree a new target date with the client, or close the deal as won or lost.",
                format!("Agree a new target date with {client}"),
                2,
            ),
            Self::MilestonesOverdue { .. } if status == HealthStatus::OffTrack => (
                "Re-plan the remaining milestones with the team and tell the client what changes.",
                "Re-plan the overdue milestones and tell the client".into(),
                3,
            ),
            Self::MilestonesOverdue { .. } => (
                "Finish or re-date the overdue milestones this week.",
                "Finish or re-date the overdue milestones".into(),
                3,
            ),
            Self::TasksOverdue { count } => (
                "Ask the owners for new dates or hand the tasks to someone with capacity.",
                format!(
                    "Get new dates or new owners for {} ",
                    plural(*count, "overdue task", "overdue tasks")
                )
                .trim_end()
                .to_string(),
                1,
            ),
            Self::CriticalPathLate { working_days } if status == HealthStatus::OffTrack => (
                "Cut or shorten critical tasks, add people, or move the target.",
                format!("Recover {working_days} working days on the critical path"),
                2,
            ),
            Self::CriticalPathLate { working_days } => (
                "Start the critical tasks now and shorten the longest of them.",
                format!("Recover {working_days} working days on the critical path"),
                2,
            ),
            Self::HighRisks { missing, .. } => (
                "Give each of them what it lacks; review it on its review date.",
                format!("Give each high risk {}", missing.words("and")),
                3,
            ),
            Self::OutOfCadence(gap) => (
                "Book a call with them this week and log the agreed next step.",
                format!("Call {} and log the agreed next step", gap.name),
                2,
            ),
            Self::NoNextStep { .. } => (
                "Agree a dated next step with the client and log it.",
                format!("Agree a dated next step with {client}"),
                2,
            ),
            Self::OverBudget { .. } => (
                "Agree a new budget with the sales director, or cut the costs still to come.",
                "Agree a new budget or cut costs with the sales director".into(),
                5,
            ),
            Self::StageTooLong { stage, .. } => (
                "Find out what blocks the next stage and move the deal on, or back to re-qualify it.",
                format!("Unblock {} or re-qualify the deal", stage.label()),
                3,
            ),
            Self::LikelySlip(_) => (
                "Check the close date with the client: move the target to a date the deal can make, or agree what gets it through this stage faster.",
                format!("Confirm a realistic close date with {client}"),
                2,
            ),
        };
        (action.to_string(), task, days)
    }
}

/// A corrective action as a task: what, who, by when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub owner: Option<MemberId>,
    pub due: NaiveDate,
}

/// One reason, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub status: HealthStatus,
    pub finding: Finding,
    pub text: String,
    pub action: String,
    /// What makes the reason go away ([`Finding::clears`]).
    pub clears: String,
    pub fix: Fix,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Health {
    pub status: HealthStatus,
    pub reasons: Vec<Reason>,
}

/// The health of an open project with the workspace's thresholds and the project's
/// schedule; `None` for closed or proposed projects.
pub fn health(ws: &Workspace, project: &Project, today: NaiveDate) -> Option<Health> {
    health_with(ws, project, today, &cycles(ws))
}

/// [`health`] with the team's cycle times worked out once for many projects.
pub fn health_with(
    ws: &Workspace,
    project: &Project,
    today: NaiveDate,
    cycles: &[StageCycle],
) -> Option<Health> {
    if !project.status.is_open() {
        return None;
    }
    let cal = calendar(ws);
    let schedule = project_schedule_on(ws, project, today, &cal).ok();
    assess_learned(
        ws,
        project,
        schedule.as_ref(),
        today,
        &ws.settings.health,
        &cal,
        cycles,
    )
}

/// The health of every open project, in one pass over the workspace. Looking a project's
/// records up one project at a time would scan every task for every project; this groups
/// them first, so a 2,000-project workspace takes one sweep.
pub fn health_of_all(
    ws: &Workspace,
    today: NaiveDate,
) -> std::collections::HashMap<ProjectId, Health> {
    // Each project's records come through the collections' index, so checking every
    // project costs what they hold together.
    let cycles = cycles(ws);
    ws.live_projects()
        .filter(|p| p.status.is_open())
        .filter_map(|p| health_with(ws, p, today, &cycles).map(|h| (p.id, h)))
        .collect()
}

/// The health check itself, without learned cycle times ([`assess_learned`] with none).
/// Without a schedule (no plan, or a plan that can't be laid out) it works on due dates
/// alone.
pub fn assess(
    ws: &Workspace,
    project: &Project,
    schedule: Option<&Schedule>,
    today: NaiveDate,
    limits: &HealthThresholds,
    cal: &Calendar,
) -> Option<Health> {
    assess_learned(ws, project, schedule, today, limits, cal, &[])
}

/// The health check with the team's cycle times by stage ([`crate::engine::cycle`]).
pub fn assess_learned(
    ws: &Workspace,
    project: &Project,
    schedule: Option<&Schedule>,
    today: NaiveDate,
    limits: &HealthThresholds,
    cal: &Calendar,
    cycles: &[StageCycle],
) -> Option<Health> {
    if !project.status.is_open() {
        return None;
    }
    use HealthStatus::*;
    let findings = [
        target_passed(project, today),
        milestones_overdue(ws, project, today, limits),
        tasks_overdue(ws, project, today),
        schedule.and_then(|s| critical_path_late(s, limits)),
        high_risks(ws, project, today, limits),
        key_contact_gap(ws, project.id, today).map(|gap| (AtRisk, Finding::OutOfCadence(gap))),
        no_next_step(ws, project, today, limits),
        over_budget(ws, project, limits),
        stage_too_long(project, today, limits),
        // A target already passed says more than a projected slip past it.
        (project.target_date >= today)
            .then(|| likely_slip(project, cycles, today))
            .flatten()
            .map(|slip| (AtRisk, Finding::LikelySlip(slip))),
    ];
    let mut reasons: Vec<Reason> = findings
        .into_iter()
        .flatten()
        .map(|(status, finding)| {
            let (action, title, days) = finding.remedy(status, project);
            Reason {
                status,
                text: finding.text(),
                action,
                clears: finding.clears(limits),
                fix: Fix {
                    title,
                    owner: project.owner,
                    due: cal.add(today, days),
                },
                finding,
            }
        })
        .collect();
    crate::sorting::sort_by_key(&mut reasons, |r| std::cmp::Reverse(r.status));
    let status = reasons.first().map_or(OnTrack, |r| r.status);
    Some(Health { status, reasons })
}

type Found = Option<(HealthStatus, Finding)>;

fn target_passed(project: &Project, today: NaiveDate) -> Found {
    let days = (today - project.target_date).num_days();
    (project.target_date < today)
        .then_some((HealthStatus::OffTrack, Finding::TargetPassed { days }))
}

fn milestones_overdue(
    ws: &Workspace,
    project: &Project,
    today: NaiveDate,
    limits: &HealthThresholds,
) -> Found {
    let overdue: Vec<i64> = ws
        .milestones_of(project.id)
        .iter()
        .filter(|m| m.completed_on.is_none())
        .filter_map(|m| m.due_date.filter(|d| *d < today))
        .map(|d| (today - d).num_days())
        .collect();
    let oldest_days = *overdue.iter().max()?;
    let status = if oldest_days > i64::from(limits.milestone_overdue_days) {
        HealthStatus::OffTrack
    } else {
        HealthStatus::AtRisk
    };
    let count = overdue.len();
    Some((status, Finding::MilestonesOverdue { count, oldest_days }))
}

fn tasks_overdue(ws: &Workspace, project: &Project, today: NaiveDate) -> Found {
    let count = ws
        .tasks_of(project.id)
        .iter()
        .filter(|t| !t.is_done() && t.due_date.is_some_and(|d| d < today))
        .count();
    (count > 0).then_some((HealthStatus::AtRisk, Finding::TasksOverdue { count }))
}

fn critical_path_late(s: &Schedule, limits: &HealthThresholds) -> Found {
    if s.late_by <= 0 {
        return None;
    }
    let status = if s.late_by > i64::from(limits.critical_late_days) {
        HealthStatus::OffTrack
    } else {
        HealthStatus::AtRisk
    };
    let working_days = s.late_by;
    Some((status, Finding::CriticalPathLate { working_days }))
}

/// Open high risks not in hand. A high risk is in hand once it has a mitigation, an owner
/// and a review date not yet passed: exactly what the advice asks for.
fn high_risks(
    ws: &Workspace,
    project: &Project,
    today: NaiveDate,
    limits: &HealthThresholds,
) -> Found {
    let min_score = limits.high_risk_score;
    let in_hand = |r: &Risk| {
        !r.mitigation.trim().is_empty()
            && r.owner.is_some()
            && r.next_review.is_some_and(|d| d >= today)
    };
    let big_risks: Vec<&Risk> = ws
        .risks
        .of(project.id)
        .filter(|r| r.is_live())
        .filter(|r| r.status != RiskStatus::Closed && r.score() >= min_score && !in_hand(r))
        .collect();
    if big_risks.is_empty() {
        return None;
    }
    let missing = RiskGaps {
        mitigation: big_risks.iter().any(|r| r.mitigation.trim().is_empty()),
        owner: big_risks.iter().any(|r| r.owner.is_none()),
        review: big_risks
            .iter()
            .any(|r| r.next_review.is_none_or(|d| d < today)),
    };
    let count = big_risks.len();
    let finding = Finding::HighRisks {
        count,
        min_score,
        missing,
    };
    Some((HealthStatus::AtRisk, finding))
}

/// A next step is one agreed in a conversation or an open task of the plan, dated today or
/// later. A deal younger than the grace period is still being set up.
fn no_next_step(
    ws: &Workspace,
    project: &Project,
    today: NaiveDate,
    limits: &HealthThresholds,
) -> Found {
    let agreed = ws
        .communications
        .of(project.id)
        .filter(|c| c.is_live() && !c.next_step.trim().is_empty())
        .filter_map(|c| c.next_step_date);
    let planned = ws
        .tasks
        .of(project.id)
        .filter(|t| t.is_live() && !t.is_done())
        .filter_map(|t| t.due_date);
    let last = agreed.chain(planned).max();
    let new_deal = (today - project.start_date).num_days() < i64::from(limits.next_step_grace_days);
    (last.is_none_or(|d| d < today) && !new_deal)
        .then_some((HealthStatus::AtRisk, Finding::NoNextStep { last }))
}

/// Spend past the budget, as the project's money defines them (engine::portfolio).
fn over_budget(ws: &Workspace, project: &Project, limits: &HealthThresholds) -> Found {
    let money = crate::engine::portfolio::project_money(ws, project);
    let budget = money
        .budget
        .filter(|_| money.over_budget(limits.budget_percent))?;
    let spent = money.spent;
    let finding = Finding::OverBudget {
        spent_minor: spent,
        budget_minor: budget,
        percent_over: ((i128::from(spent) - i128::from(budget)) * 100 / i128::from(budget)) as i64,
    };
    Some((HealthStatus::AtRisk, finding))
}

fn stage_too_long(project: &Project, today: NaiveDate, limits: &HealthThresholds) -> Found {
    let typical = limits.typical_days(project.stage)?;
    let days = project.days_in_stage(today);
    let too_long =
        days.saturating_mul(100) > i64::from(typical) * i64::from(limits.stage_age_percent);
    let stage = project.stage;
    too_long.then_some((
        HealthStatus::AtRisk,
        Finding::StageTooLong {
            stage,
            days,
            typical,
        },
    ))
}

/// The decision maker most out of cadence or, when the project has no decision maker, the
/// high-influence external stakeholder most out of cadence.
fn key_contact_gap(ws: &Workspace, project: ProjectId, today: NaiveDate) -> Option<ContactGap> {
    let people: Vec<&Stakeholder> = ws
        .stakeholders
        .iter()
        .filter(|s| s.is_live() && s.project_id == project)
        .collect();
    let deciders: Vec<&&Stakeholder> = people
        .iter()
        .filter(|s| s.buying_role == Some(BuyingRole::DecisionMaker))
        .collect();
    let key: Vec<&&Stakeholder> = if deciders.is_empty() {
        people
            .iter()
            .filter(|s| !s.internal && s.influence == Level::High)
            .collect()
    } else {
        deciders
    };
    key.into_iter()
        .filter_map(|s| contact_gap(s, today))
        .max_by_key(|g| (g.overdue_days(), std::cmp::Reverse(g.name.clone())))
}

/// The task that carries out a fix, if someone made it: the open one, else the one done
/// last. A done fix whose reason still holds is shown with what still clears it.
pub fn fix_planned<'a>(ws: &'a Workspace, project: ProjectId, fix: &Fix) -> Option<&'a Task> {
    let tasks = ws.tasks_of(project);
    let mine = || tasks.iter().filter(|t| t.title == fix.title);
    mine()
        .find(|t| !t.is_done())
        .or_else(|| mine().max_by_key(|t| t.completed_on))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_workspace;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse_day(s).unwrap()
    }

    fn ws() -> Workspace {
        sample_workspace(
            "2026-11-22T09:00:00Z".parse().unwrap(),
            d("2026-11-22"),
            &mut SequentialIds::default(),
        )
    }

    fn project<'a>(ws: &'a Workspace, name: &str) -> &'a Project {
        ws.projects
            .iter()
            .find(|p| p.name.starts_with(name))
            .unwrap()
    }

    #[test]
    fn health_of_all_agrees_with_one_at_a_time() {
        let ws = ws();
        for day in ["2026-11-22", "2026-12-14", "2027-02-01"] {
            let all = health_of_all(&ws, d(day));
            for p in ws.live_projects() {
                assert_eq!(
                    all.get(&p.id),
                    health(&ws, p, d(day)).as_ref(),
                    "{} on {day}",
                    p.name
                );
            }
        }
    }

    #[test]
    fn closed_and_proposed_projects_have_no_health() {
        let ws = ws();
        assert_eq!(health(&ws, project(&ws, "Orion"), d("2026-11-22")), None);
        assert_eq!(health(&ws, project(&ws, "Partner"), d("2026-11-22")), None);
    }

    #[test]
    fn reasons_follow_the_rules() {
        let mut ws = ws();
        let today = d("2026-11-22");
        // Helios: a next step agreed and its decision maker contacted 9 days ago on a
        // fortnightly cadence, but the incumbent's discount is a risk scored 3 × 5 = 15.
        let h = health(&ws, project(&ws, "Helios"), today).unwrap();
        assert_eq!(h.status, HealthStatus::AtRisk, "{h:?}");
        assert_eq!(h.reasons.len(), 1, "{h:?}");
        assert_eq!(
            h.reasons[0].text,
            "1 open risk scored 15 or more without a review date ahead"
        );

        // Arcadia: a task overdue and no next step (its one task is past due).
        let h = health(&ws, project(&ws, "Arcadia"), today).unwrap();
        assert_eq!(h.status, HealthStatus::AtRisk);
        let texts: Vec<&str> = h.reasons.iter().map(|r| r.text.as_str()).collect();
        assert!(
            texts.contains(&"1 overdue task") || texts.iter().any(|t| t.contains("overdue")),
            "{texts:?}"
        );
        assert!(
            texts.contains(&"no dated next step (agreed or planned)"),
            "{texts:?}"
        );

        // Three weeks later Helios's decision maker is out of cadence and a milestone is overdue.
        let later = d("2026-12-14");
        let h = health(&ws, project(&ws, "Helios"), later).unwrap();
        let texts = h
            .reasons
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join("; ");
        assert!(
            texts.contains(
                "decision maker Anna Keller not contacted for 31 days (cadence: fortnightly)"
            ),
            "{texts}"
        );
        assert!(
            texts.contains("1 milestone overdue (the oldest by 15 days)"),
            "{texts}"
        );
        assert_eq!(
            h.status,
            HealthStatus::OffTrack,
            "a milestone overdue by more than 14 days"
        );
        assert!(!h.reasons.is_empty());
        assert!(h.reasons.iter().all(|r| !r.action.is_empty()));

        // A high risk and costs over budget.
        let id = project(&ws, "Helios").id;
        ws.risks[1].impact = 5;
        ws.risks[1].probability = 4;
        // With the workshop's 4,200 the deal's costs come to 17,000 of a 15,000 budget.
        ws.costs[0].amount.minor = 1_280_000;
        let h = health(&ws, ws.project(id).unwrap(), today).unwrap();
        let texts = h
            .reasons
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join("; ");
        assert!(texts.contains("2 open risks scored 15 or more"), "{texts}");
        assert!(texts.contains("costs 13 % over budget"), "{texts}");

        // The target passing makes any project off track.
        let h = health(&ws, ws.project(id).unwrap(), d("2027-02-01")).unwrap();
        assert_eq!(h.status, HealthStatus::OffTrack);
        assert!(h.reasons[0].text.starts_with("target date passed"));
    }
}
