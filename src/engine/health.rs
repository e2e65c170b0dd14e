//! Project health: on track, at risk or off track, with the reasons in plain words and a
//! corrective action for each (rules and thresholds from `metrics.md`).

use crate::engine::plan::project_schedule;
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

/// One reason, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub status: HealthStatus,
    pub text: String,
    pub action: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Health {
    pub status: HealthStatus,
    pub reasons: Vec<Reason>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The health of an open project; `None` for closed or proposed projects.
pub fn health(ws: &Workspace, project: &Project, today: NaiveDate) -> Option<Health> {
    if !project.status.is_open() {
        return None;
    }
    let mut reasons = Vec::new();
    let mut add = |status: HealthStatus, text: String, action: &str| {
        reasons.push(Reason {
            status,
            text,
            action: action.into(),
        })
    };
    use HealthStatus::*;

    if project.target_date < today {
        add(
            OffTrack,
            format!(
                "target date passed {} days ago",
                (today - project.target_date).num_days()
            ),
            "Agree a new target date with the client, or close the deal as won or lost.",
        );
    }
    let milestones = ws.milestones_of(project.id);
    let overdue: Vec<i64> = milestones
        .iter()
        .filter(|m| m.completed_on.is_none())
        .filter_map(|m| {
            m.due_date
                .filter(|d| *d < today)
                .map(|d| (today - d).num_days())
        })
        .collect();
    if let Some(worst) = overdue.iter().max() {
        let text = format!(
            "{} overdue (the oldest by {worst} days)",
            plural(overdue.len(), "milestone", "milestones")
        );
        if *worst > 14 {
            add(
                OffTrack,
                text,
                "Re-plan the remaining milestones with the team and tell the client what changes.",
            );
        } else {
            add(
                AtRisk,
                text,
                "Finish or re-date the overdue milestones this week.",
            );
        }
    }
    let late_tasks = ws
        .tasks_of(project.id)
        .iter()
        .filter(|t| !t.is_done() && t.due_date.is_some_and(|d| d < today))
        .count();
    if late_tasks > 0 {
        add(
            AtRisk,
            format!("{} overdue", plural(late_tasks, "task", "tasks")),
            "Ask the owners for new dates or hand the tasks to someone with capacity.",
        );
    }
    if let Ok(s) = project_schedule(ws, project, today) {
        if s.late_by > 10 {
            add(
                OffTrack,
                format!("critical path {} working days late", s.late_by),
                "Cut or shorten critical tasks, add people, or move the target.",
            );
        } else if s.late_by > 0 {
            add(
                AtRisk,
                format!("critical path {} working days late", s.late_by),
                "Start the critical tasks now and shorten the longest of them.",
            );
        }
    }
    let big_risks = ws
        .risks
        .iter()
        .filter(|r| {
            r.is_live()
                && r.project_id == project.id
                && r.status != RiskStatus::Closed
                && r.score() >= 15
        })
        .count();
    if big_risks > 0 {
        add(
            AtRisk,
            format!(
                "{} scored 15 or more",
                plural(big_risks, "open risk", "open risks")
            ),
            "Put a mitigation with an owner and a review date on each high risk.",
        );
    }
    let stakeholders: Vec<&Stakeholder> = ws
        .stakeholders
        .iter()
        .filter(|s| s.is_live() && s.project_id == project.id)
        .collect();
    let key = stakeholders
        .iter()
        .find(|s| s.buying_role == Some(BuyingRole::DecisionMaker))
        .or_else(|| {
            stakeholders
                .iter()
                .filter(|s| s.influence == Level::High)
                .min_by_key(|s| s.last_contact)
        });
    if let Some(s) = key {
        if let Some(cadence) = s.cadence {
            let since = s.last_contact.map(|d| (today - d).num_days());
            if since.is_none_or(|d| d > cadence.days()) {
                let who = if s.buying_role == Some(BuyingRole::DecisionMaker) {
                    "decision maker"
                } else {
                    "key stakeholder"
                };
                let cadence_word = match cadence {
                    Cadence::Weekly => "weekly",
                    Cadence::Fortnightly => "fortnightly",
                    Cadence::Monthly => "monthly",
                };
                let text = match since {
                    Some(days) => format!(
                        "{who} {} not contacted for {days} days (cadence: {cadence_word})",
                        s.name
                    ),
                    None => format!("{who} {} never contacted (cadence: {cadence_word})", s.name),
                };
                add(
                    AtRisk,
                    text,
                    "Book a call with them this week and log the agreed next step.",
                );
            }
        }
    }
    let next_step = ws
        .communications
        .iter()
        .filter(|c| c.is_live() && c.project_id == project.id && !c.next_step.trim().is_empty())
        .filter_map(|c| c.next_step_date)
        .max();
    if next_step.is_none_or(|d| d < today) {
        add(
            AtRisk,
            "no next step agreed".into(),
            "Agree a dated next step with the client and log it.",
        );
    }
    if let Some(budget) = project.budget.as_ref().filter(|b| b.minor > 0) {
        let spent: i64 = ws
            .costs
            .iter()
            .filter(|c| {
                c.is_live() && c.project_id == project.id && c.amount.currency == budget.currency
            })
            .map(|c| c.amount.minor)
            .sum();
        if spent * 100 > budget.minor * 110 {
            add(
                AtRisk,
                format!("costs at {} % of budget", spent * 100 / budget.minor),
                "Review the cost of sale with the sales director before spending more.",
            );
        }
    }
    let status = reasons.iter().map(|r| r.status).max().unwrap_or(OnTrack);
    reasons.sort_by_key(|r| std::cmp::Reverse(r.status));
    Some(Health { status, reasons })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_workspace;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
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
        assert_eq!(h.reasons[0].text, "1 open risk scored 15 or more");

        // Arcadia: a task overdue and no next step.
        let h = health(&ws, project(&ws, "Arcadia"), today).unwrap();
        assert_eq!(h.status, HealthStatus::AtRisk);
        let texts: Vec<&str> = h.reasons.iter().map(|r| r.text.as_str()).collect();
        assert!(
            texts.contains(&"1 overdue task") || texts.iter().any(|t| t.contains("overdue")),
            "{texts:?}"
        );
        assert!(texts.contains(&"no next step agreed"), "{texts:?}");

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
        assert!(h.reasons.iter().all(|r| !r.action.is_empty()));

        // A high risk and costs over budget.
        let id = project(&ws, "Helios").id;
        ws.risks[1].impact = 5;
        ws.risks[1].probability = 4;
        ws.costs[0].amount.minor = 1_700_000;
        let h = health(&ws, ws.project(id).unwrap(), today).unwrap();
        let texts = h
            .reasons
            .iter()
            .map(|r| r.text.clone())
            .collect::<Vec<_>>()
            .join("; ");
        assert!(texts.contains("2 open risks scored 15 or more"), "{texts}");
        assert!(texts.contains("costs at 113 % of budget"), "{texts}");

        // The target passing makes any project off track.
        let h = health(&ws, ws.project(id).unwrap(), d("2027-02-01")).unwrap();
        assert_eq!(h.status, HealthStatus::OffTrack);
        assert!(h.reasons[0].text.starts_with("target date passed"));
    }
}
