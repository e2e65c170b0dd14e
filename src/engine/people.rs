//! The people side of a deal: who is out of their contact cadence, and whether the buying
//! committee has a known decision maker.

use crate::model::*;
use chrono::NaiveDate;

/// A stakeholder who has not heard from us within their cadence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactGap {
    pub stakeholder: StakeholderId,
    pub name: String,
    pub decision_maker: bool,
    /// Days since the last contact; `None` when never contacted.
    pub days: Option<i64>,
    pub cadence: Cadence,
}

impl ContactGap {
    /// Days past the cadence (never contacted counts as the most overdue).
    pub fn overdue_days(&self) -> i64 {
        self.days.map_or(i64::MAX, |d| d - self.cadence.days())
    }

    /// "decision maker Anna Keller not contacted for 24 days (cadence: weekly)".
    pub fn text(&self) -> String {
        let who = if self.decision_maker {
            "decision maker"
        } else {
            "key stakeholder"
        };
        let cadence = self.cadence.label().to_lowercase();
        match self.days {
            Some(days) => format!(
                "{who} {} not contacted for {days} days (cadence: {cadence})",
                self.name
            ),
            None => format!("{who} {} never contacted (cadence: {cadence})", self.name),
        }
    }
}

/// Whether a stakeholder with a cadence was last contacted longer ago than it allows (or
/// never).
pub fn contact_due(s: &Stakeholder, today: NaiveDate) -> bool {
    s.cadence.is_some_and(|cadence| {
        s.last_contact
            .is_none_or(|d| (today - d).num_days() > cadence.days())
    })
}

/// The gap when a stakeholder with a cadence was last contacted longer ago than it allows.
pub fn contact_gap(s: &Stakeholder, today: NaiveDate) -> Option<ContactGap> {
    if !contact_due(s, today) {
        return None;
    }
    let cadence = s.cadence?;
    let days = s.last_contact.map(|d| (today - d).num_days());
    Some(ContactGap {
        stakeholder: s.id,
        name: s.name.clone(),
        decision_maker: s.buying_role == Some(BuyingRole::DecisionMaker),
        days,
        cadence,
    })
}

/// Whether a deal's buying committee lacks a known decision maker. Only deals have a buying
/// committee; campaigns and initiatives are never flagged.
pub fn missing_decision_maker(ws: &Workspace, project: &Project) -> bool {
    project.kind == ProjectKind::Deal
        && !ws
            .stakeholders
            .of(project.id)
            .any(|s| s.is_live() && s.buying_role == Some(BuyingRole::DecisionMaker))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(last: Option<&str>, cadence: Option<Cadence>) -> Stakeholder {
        let now = "2026-11-22T09:00:00Z".parse().unwrap();
        Stakeholder {
            email: String::new(),
            snoozed_until: None,
            id: StakeholderId(uuid::Uuid::from_u128(1)),
            stamp: Stamp::new(now, None),
            project_id: ProjectId(uuid::Uuid::from_u128(2)),
            name: "Anna Keller".into(),
            organisation: "Helios".into(),
            title: "COO".into(),
            internal: false,
            buying_role: Some(BuyingRole::DecisionMaker),
            influence: Level::High,
            stance: Stance::Positive,
            channel: "Phone".into(),
            cadence,
            last_contact: last.map(|d| d.parse().unwrap()),
        }
    }

    #[test]
    fn a_contact_is_in_cadence_up_to_the_cadence_day() {
        let today: NaiveDate = "2026-11-22".parse().unwrap();
        let weekly = Some(Cadence::Weekly);
        assert_eq!(
            contact_gap(&person(Some("2026-11-15"), weekly), today),
            None
        );
        let gap = contact_gap(&person(Some("2026-11-14"), weekly), today).unwrap();
        assert_eq!(gap.days, Some(8));
        assert_eq!(gap.overdue_days(), 1);
        assert_eq!(
            gap.text(),
            "decision maker Anna Keller not contacted for 8 days (cadence: weekly)"
        );
        let never = contact_gap(&person(None, weekly), today).unwrap();
        assert_eq!(
            never.text(),
            "decision maker Anna Keller never contacted (cadence: weekly)"
        );
        assert_eq!(contact_gap(&person(None, None), today), None, "no cadence");
    }
}
