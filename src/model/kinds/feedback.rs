//! Feedback from the client or the team, rated 1–5, with the action taken.
//! Everything about the kind is here: the record, the form as typed and the input it
//! checks into (the command saves that input), its limits, and its place in the
//! declaration (`project_records!`).

use crate::model::common::Stamp;
use crate::model::draft::{parse_date, score_1_to_5, FieldErrors};
use crate::model::ids::*;
use crate::model::limits::TEXT_CHARS;
use crate::model::ranges::{Check, Limited};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

choices!(
    /// Who gave a piece of feedback.
    FeedbackSource {
        Client => "client", "Client";
        Team => "team", "Team";
    }
);

/// Feedback from the client or the team, rated 1–5, with the action taken.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub id: FeedbackId,
    pub stamp: Stamp,
    pub project_id: ProjectId,
    pub date: NaiveDate,
    pub source: FeedbackSource,
    pub rating: u8,
    pub text: String,
    #[serde(default)]
    pub action: String,
}

/// The feedback form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackDraft {
    pub date: String,
    pub source: FeedbackSource,
    pub rating: String,
    pub text: String,
    pub action: String,
}

/// A valid feedback entry.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackInput {
    pub date: NaiveDate,
    pub source: FeedbackSource,
    pub rating: u8,
    pub text: String,
    pub action: String,
}

impl FeedbackDraft {
    pub fn blank(today: NaiveDate) -> Self {
        Self {
            date: today.to_string(),
            source: FeedbackSource::Client,
            rating: "3".into(),
            text: String::new(),
            action: String::new(),
        }
    }

    pub fn from_feedback(f: &Feedback) -> Self {
        Self {
            date: f.date.to_string(),
            source: f.source,
            rating: f.rating.to_string(),
            text: f.text.clone(),
            action: f.action.clone(),
        }
    }

    pub fn check(&self) -> Result<FeedbackInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let date = parse_date(&mut errors, "date", &self.date, true);
        let rating = score_1_to_5(&mut errors, "rating", &self.rating, "rating");
        let text = self.text.trim().to_string();
        if text.is_empty() {
            errors.add("text", "Write down the feedback.");
        }
        errors.into_result(|| FeedbackInput {
            date: date.unwrap_or_default(),
            source: self.source,
            rating,
            text,
            action: self.action.trim().to_string(),
        })
    }
}

stamped!(Feedback);

impl Limited for Feedback {
    const NOUN: &'static str = "feedback";
    fn name(&self) -> Cow<'_, str> {
        self.date.to_string().into()
    }
    fn limits(&self, c: &mut dyn Check) {
        c.date(format_args!("date"), "date", self.date);
        c.text(format_args!("text"), "text", &self.text, TEXT_CHARS);
        c.score(format_args!("rating"), "the rating", self.rating);
        c.text(
            format_args!("action"),
            "action taken",
            &self.action,
            TEXT_CHARS,
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
    fn feedback_is_rated_one_to_five() {
        let mut f = FeedbackDraft::blank(d("2026-11-22"));
        f.text = "Demo was too generic".into();
        f.rating = "6".into();
        assert!(f.check().unwrap_err().get("rating").is_some());
        f.rating = "2".into();
        assert_eq!(f.check().unwrap().rating, 2);
    }
}
