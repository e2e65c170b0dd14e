//! The communication log: dated conversations with who took part, what was said and the next step.
//! Everything about the kind is here: the record, the form as typed and the input it
//! checks into (the command saves that input), its limits, and its place in the
//! declaration (`project_records!`).

use crate::model::common::Stamp;
use crate::model::draft::{date_text, parse_date, FieldErrors};
use crate::model::ids::*;
use crate::model::limits::{MAX_RECORDS_PER_PROJECT, NAME_CHARS, TEXT_CHARS};
use crate::model::ranges::{Check, Limited};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One dated entry of a project's communication log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Communication {
    pub id: CommunicationId,
    pub stamp: Stamp,
    pub project_id: ProjectId,
    pub date: NaiveDate,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub stakeholders: Vec<StakeholderId>,
    pub summary: String,
    #[serde(default)]
    pub next_step: String,
    #[serde(default)]
    pub next_step_date: Option<NaiveDate>,
}

/// The "log a conversation" form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct CommunicationDraft {
    pub date: String,
    pub channel: String,
    pub stakeholders: Vec<StakeholderId>,
    pub summary: String,
    pub next_step: String,
    pub next_step_date: String,
}

/// A valid communication log entry.
#[derive(Clone, Debug, PartialEq)]
pub struct CommunicationInput {
    pub date: NaiveDate,
    pub channel: String,
    pub stakeholders: Vec<StakeholderId>,
    pub summary: String,
    pub next_step: String,
    pub next_step_date: Option<NaiveDate>,
}

impl CommunicationDraft {
    pub fn blank(today: NaiveDate) -> Self {
        Self {
            date: today.to_string(),
            channel: "Call".into(),
            stakeholders: Vec::new(),
            summary: String::new(),
            next_step: String::new(),
            next_step_date: String::new(),
        }
    }

    pub fn from_communication(c: &Communication) -> Self {
        Self {
            date: c.date.to_string(),
            channel: c.channel.clone(),
            stakeholders: c.stakeholders.clone(),
            summary: c.summary.clone(),
            next_step: c.next_step.clone(),
            next_step_date: date_text(c.next_step_date),
        }
    }

    pub fn check(&self, today: NaiveDate) -> Result<CommunicationInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let date = parse_date(&mut errors, "date", &self.date, true);
        if date.is_some_and(|d| d > today) {
            errors.add(
                "date",
                "Log conversations that happened; plan future ones as a next step.",
            );
        }
        let summary = self.summary.trim().to_string();
        if summary.is_empty() {
            errors.add("summary", "Write what was discussed.");
        }
        let next_step = self.next_step.trim().to_string();
        let next_step_date = parse_date(&mut errors, "next_step_date", &self.next_step_date, false);
        if !next_step.is_empty()
            && next_step_date.is_none()
            && errors.get("next_step_date").is_none()
        {
            errors.add("next_step_date", "Give the next step a date.");
        }
        if next_step.is_empty() && next_step_date.is_some() {
            errors.add("next_step", "Say what the next step is.");
        }
        if let (Some(d), Some(n)) = (date, next_step_date) {
            if n < d {
                errors.add(
                    "next_step_date",
                    "The next step comes on or after the conversation.",
                );
            }
        }
        errors.into_result(|| CommunicationInput {
            date: date.unwrap_or(today),
            channel: self.channel.trim().to_string(),
            stakeholders: self.stakeholders.clone(),
            summary,
            next_step,
            next_step_date,
        })
    }
}

stamped!(Communication);

impl Limited for Communication {
    const NOUN: &'static str = "conversation";
    fn name(&self) -> Cow<'_, str> {
        self.date.to_string().into()
    }
    fn limits(&self, c: &mut dyn Check) {
        c.date(format_args!("date"), "date", self.date);
        c.text(
            format_args!("channel"),
            "channel",
            &self.channel,
            NAME_CHARS,
        );
        c.text(
            format_args!("summary"),
            "summary",
            &self.summary,
            TEXT_CHARS,
        );
        c.text(
            format_args!("next_step"),
            "next step",
            &self.next_step,
            TEXT_CHARS,
        );
        let next = self.next_step_date;
        c.opt_date(format_args!("next_step_date"), "next step date", next);
        let n = self.stakeholders.len();
        c.count(
            format_args!("stakeholders"),
            "participants",
            n,
            MAX_RECORDS_PER_PROJECT,
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
    fn a_conversation_needs_a_summary_and_a_dated_next_step() {
        let today = d("2026-11-22");
        let mut c = CommunicationDraft::blank(today);
        assert_eq!(
            c.check(today).unwrap_err().get("summary"),
            Some("Write what was discussed.")
        );
        c.summary = "Walked through the proposal".into();
        c.next_step = "Send revised pricing".into();
        assert_eq!(
            c.check(today).unwrap_err().get("next_step_date"),
            Some("Give the next step a date.")
        );
        c.next_step_date = "2026-11-20".into();
        assert!(c.check(today).is_err(), "next step before the conversation");
        c.next_step_date = "2026-11-25".into();
        c.date = "2026-11-30".into();
        assert!(c.check(today).unwrap_err().get("date").is_some(), "future");
        c.date = "2026-11-21".into();
        let ok = c.check(today).unwrap();
        assert_eq!(ok.next_step_date, Some(d("2026-11-25")));
        c.next_step.clear();
        assert!(c.check(today).unwrap_err().get("next_step").is_some());
    }
}
