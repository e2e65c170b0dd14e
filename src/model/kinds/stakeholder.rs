//! People on either side of a deal: the buying committee and our own people, their role, influence, stance and how often they should hear from us.
//! Everything about the kind is here: the record, the form as typed and the input it
//! checks into (the command saves that input), its limits, and its place in the
//! declaration (`project_records!`).

use crate::model::common::Stamp;
use crate::model::draft::{date_text, optional_text, parse_date, required_text, FieldErrors};
use crate::model::ids::*;
use crate::model::limits::{self, NAME_CHARS};
use crate::model::ranges::{Check, Limited};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

choices!(
    /// What a person does in the buying decision.
    BuyingRole {
        DecisionMaker => "decision_maker", "Decision maker";
        Champion => "champion", "Champion";
        Influencer => "influencer", "Influencer";
        EconomicBuyer => "economic_buyer", "Economic buyer";
        TechnicalEvaluator => "technical_evaluator", "Technical evaluator";
        User => "user", "User";
        Blocker => "blocker", "Blocker";
        LegalProcurement => "legal_procurement", "Legal / procurement";
    }
);

choices!(
    /// How much a person can sway the decision.
    Level {
        Low => "low", "Low";
        Medium => "medium", "Medium";
        High => "high", "High";
    }
);

choices!(
    /// How a person feels about the deal, from for to against.
    Stance {
        Supporter => "supporter", "Supporter";
        Positive => "positive", "Positive";
        Neutral => "neutral", "Neutral";
        Sceptic => "sceptic", "Sceptic";
        Opponent => "opponent", "Opponent";
    }
);

choices!(
    /// How often a person should hear from us.
    Cadence {
        Weekly => "weekly", "Weekly";
        Fortnightly => "fortnightly", "Fortnightly";
        Monthly => "monthly", "Monthly";
    }
);

impl Cadence {
    pub fn days(self) -> i64 {
        match self {
            Self::Weekly => 7,
            Self::Fortnightly => 14,
            Self::Monthly => 31,
        }
    }
}

/// A person on either side of the deal: the buying committee and our own people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stakeholder {
    pub id: StakeholderId,
    pub stamp: Stamp,
    pub project_id: ProjectId,
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub internal: bool,
    #[serde(default)]
    pub buying_role: Option<BuyingRole>,
    pub influence: Level,
    pub stance: Stance,
    #[serde(default)]
    pub channel: String,
    /// Where a status update reaches them ("Send by e-mail"); empty when not known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default)]
    pub cadence: Option<Cadence>,
    #[serde(default)]
    pub last_contact: Option<NaiveDate>,
    /// Out of the Today list until this day (snoozed there); `None` when not snoozed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<NaiveDate>,
}

/// The stakeholder form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct StakeholderDraft {
    pub name: String,
    pub organisation: String,
    pub title: String,
    pub internal: bool,
    pub buying_role: Option<BuyingRole>,
    pub influence: Level,
    pub stance: Stance,
    pub channel: String,
    pub email: String,
    pub cadence: Option<Cadence>,
    pub last_contact: String,
}

/// A valid stakeholder.
#[derive(Clone, Debug, PartialEq)]
pub struct StakeholderInput {
    pub name: String,
    pub organisation: String,
    pub title: String,
    pub internal: bool,
    pub buying_role: Option<BuyingRole>,
    pub influence: Level,
    pub stance: Stance,
    pub channel: String,
    pub email: String,
    pub cadence: Option<Cadence>,
    pub last_contact: Option<NaiveDate>,
}

impl StakeholderDraft {
    /// A blank form; external people at the client by default.
    pub fn blank(organisation: &str) -> Self {
        Self {
            name: String::new(),
            organisation: organisation.to_string(),
            title: String::new(),
            internal: false,
            buying_role: None,
            influence: Level::Medium,
            stance: Stance::Neutral,
            channel: String::new(),
            email: String::new(),
            cadence: Some(Cadence::Fortnightly),
            last_contact: String::new(),
        }
    }

    pub fn from_stakeholder(s: &Stakeholder) -> Self {
        Self {
            name: s.name.clone(),
            organisation: s.organisation.clone(),
            title: s.title.clone(),
            internal: s.internal,
            buying_role: s.buying_role,
            influence: s.influence,
            stance: s.stance,
            channel: s.channel.clone(),
            email: s.email.clone(),
            cadence: s.cadence,
            last_contact: date_text(s.last_contact),
        }
    }

    /// `today` bounds the last contact: a contact can't be in the future.
    pub fn check(&self, today: NaiveDate) -> Result<StakeholderInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&mut errors, "name", &self.name, "name");
        let last_contact = parse_date(&mut errors, "last_contact", &self.last_contact, false);
        if last_contact.is_some_and(|d| d > today) {
            errors.add(
                "last_contact",
                "The last contact can't be in the future; log planned calls as a next step.",
            );
        }
        let organisation = optional_text(
            &mut errors,
            "organisation",
            &self.organisation,
            "organisation",
            limits::NAME_CHARS,
        );
        let title = optional_text(
            &mut errors,
            "title",
            &self.title,
            "job title",
            limits::NAME_CHARS,
        );
        let channel = optional_text(
            &mut errors,
            "channel",
            &self.channel,
            "channel",
            limits::NAME_CHARS,
        );
        let email = crate::model::draft::email_text(&mut errors, "email", &self.email);
        errors.into_result(|| StakeholderInput {
            name,
            organisation,
            title,
            internal: self.internal,
            buying_role: self.buying_role,
            influence: self.influence,
            stance: self.stance,
            channel,
            email,
            cadence: self.cadence,
            last_contact,
        })
    }
}

stamped!(Stakeholder);

impl Limited for Stakeholder {
    const NOUN: &'static str = "person";
    fn name(&self) -> Cow<'_, str> {
        self.name.as_str().into()
    }
    fn limits(&self, c: &mut dyn Check) {
        c.opt_date(
            format_args!("snoozed_until"),
            "snoozed until",
            self.snoozed_until,
        );
        c.text(format_args!("name"), "name", &self.name, NAME_CHARS);
        let organisation = &self.organisation;
        c.text(
            format_args!("organisation"),
            "organisation",
            organisation,
            NAME_CHARS,
        );
        c.text(format_args!("title"), "job title", &self.title, NAME_CHARS);
        c.text(
            format_args!("channel"),
            "channel",
            &self.channel,
            NAME_CHARS,
        );
        c.text(
            format_args!("email"),
            "e-mail address",
            &self.email,
            limits::EMAIL_CHARS,
        );
        if !self.email.is_empty() && !crate::model::draft::plausible_email(&self.email) {
            c.broken(format_args!("email"), &|which| {
                format!("{which}: the e-mail address is not one address such as ana@example.com")
            });
        }
        c.opt_date(
            format_args!("last_contact"),
            "last contact",
            self.last_contact,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_stakeholder_needs_a_name_and_a_past_contact() {
        let mut s = StakeholderDraft::blank("Acme");
        let e = s.check(d("2026-11-22")).unwrap_err();
        assert_eq!(e.get("name"), Some("Enter a name."));
        s.name = "  Anna Keller ".into();
        s.last_contact = "2026-11-23".into();
        assert!(s
            .check(d("2026-11-22"))
            .unwrap_err()
            .get("last_contact")
            .is_some());
        s.last_contact = "2026-11-22".into();
        let ok = s.check(d("2026-11-22")).unwrap();
        assert_eq!(ok.name, "Anna Keller");
        assert_eq!(ok.organisation, "Acme");
        assert_eq!(ok.last_contact, Some(d("2026-11-22")));
    }
}
