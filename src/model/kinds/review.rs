//! Portfolio review meetings: when, who attended, what was said; decisions point to them.
//! Everything about the kind is here: the record, the form as typed and the input it
//! checks into (the command saves that input), its limits, and its place in the
//! declaration (`workspace_records!`).

use crate::model::common::Stamp;
use crate::model::draft::{date_text, optional_text, parse_date, FieldErrors};
use crate::model::ids::*;
use crate::model::limits::{self};
use crate::model::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A portfolio review meeting: when, who attended, what was said. Its decisions point to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: ReviewId,
    pub stamp: Stamp,
    pub date: NaiveDate,
    #[serde(default)]
    pub attendees: Vec<MemberId>,
    #[serde(default)]
    pub notes: String,
}

impl Stamped for Review {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
}

/// The portfolio review form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewDraft {
    pub date: String,
    pub attendees: Vec<MemberId>,
    pub notes: String,
}

/// A valid portfolio review, for `PortfolioCommand::SaveReview`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewInput {
    pub date: NaiveDate,
    pub attendees: Vec<MemberId>,
    pub notes: String,
}

impl ReviewDraft {
    pub fn blank(today: NaiveDate) -> Self {
        Self {
            date: date_text(Some(today)),
            attendees: Vec::new(),
            notes: String::new(),
        }
    }

    pub fn from_review(r: &crate::model::Review) -> Self {
        Self {
            date: date_text(Some(r.date)),
            attendees: r.attendees.clone(),
            notes: r.notes.clone(),
        }
    }

    pub fn check(&self) -> Result<ReviewInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let date = parse_date(&mut errors, "date", &self.date, true);
        let notes = optional_text(
            &mut errors,
            "notes",
            &self.notes,
            "notes",
            limits::TEXT_CHARS,
        );
        errors.into_result(|| ReviewInput {
            date: date.expect("checked"),
            attendees: self.attendees.clone(),
            notes,
        })
    }
}
