//! Follow-ups: what the Today list asks a person to act on, and the limits of putting one
//! off. A line of Today is about one record — a task, a milestone, a risk, a person or the
//! project itself ([`Subject`]); snoozing it sets that record's `snoozed_until`, so the line
//! stays away until that day and comes back by itself. Snoozing, rescheduling and ticking
//! off are commands like any other ([`crate::model::command::FollowUpCommand`]): undoable,
//! noted in the history, merged and synced.

use crate::model::ids::*;
use crate::model::limits::SNOOZE_MAX_DAYS;
use chrono::NaiveDate;

/// The record a follow-up is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Task(TaskId),
    Milestone(MilestoneId),
    Risk(RiskId),
    /// A person past their contact cadence.
    Stakeholder(StakeholderId),
    /// A deal still open after its target date.
    Project(ProjectId),
}

impl Subject {
    /// What the record is called in messages ("task", "person", …).
    pub fn noun(self) -> &'static str {
        match self {
            Self::Task(_) => "task",
            Self::Milestone(_) => "milestone",
            Self::Risk(_) => "risk",
            Self::Stakeholder(_) => "person",
            Self::Project(_) => "project",
        }
    }

    /// What the record is called: a task's title, a person's name, a risk's description.
    pub fn name_in(self, ws: &crate::model::Workspace) -> String {
        let name = match self {
            Self::Task(id) => ws.tasks.get(id.0).map(|t| t.title.clone()),
            Self::Milestone(id) => ws.milestones.get(id.0).map(|m| m.name.clone()),
            Self::Risk(id) => ws.risks.get(id.0).map(|r| r.description.clone()),
            Self::Stakeholder(id) => ws.stakeholders.get(id.0).map(|s| s.name.clone()),
            Self::Project(id) => ws.projects.get(id.0).map(|p| p.name.clone()),
        };
        name.unwrap_or_default()
    }
}

/// Checks a snooze date: after today and at most [`SNOOZE_MAX_DAYS`] ahead. The message
/// names what is allowed.
pub fn check_snooze(until: NaiveDate, today: NaiveDate) -> Result<(), String> {
    let days = (until - today).num_days();
    if days < 1 {
        return Err("Snooze until a day after today.".into());
    }
    if days > SNOOZE_MAX_DAYS {
        return Err(format!(
            "Snooze for at most {SNOOZE_MAX_DAYS} days (until {}); reschedule it instead.",
            crate::model::day(crate::model::limits::add_days(today, SNOOZE_MAX_DAYS))
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_snooze_is_after_today_and_within_a_year() {
        let today = d("2026-12-04");
        assert!(check_snooze(d("2026-12-05"), today).is_ok());
        assert!(check_snooze(d("2027-12-04"), today).is_ok());
        assert_eq!(
            check_snooze(today, today).unwrap_err(),
            "Snooze until a day after today."
        );
        assert!(check_snooze(d("2027-12-05"), today)
            .unwrap_err()
            .contains("at most 365 days"));
    }
}
