//! Competitors on a deal: who else is bidding, what they are good and bad at, how much of a
//! threat they are and whether they are still in it. Everything about the kind is here:
//! the record, what a person types (the form and the command take the same
//! [`CompetitorInput`]), its limits, and how saving it builds the record. The declaration
//! (`project_records!`) carries it through files, merge, share, undo, history and storage.

use crate::model::common::Stamp;
use crate::model::draft::{optional_text, required_text, FieldErrors};
use crate::model::ids::{CompetitorId, ProjectId};
use crate::model::limits::{NAME_CHARS, TEXT_CHARS};
use crate::model::ranges::{Check, Limited};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

choices!(
    /// Whether a competitor is still in the running.
    CompetitorStatus {
        Active => "active", "Active";
        Eliminated => "eliminated", "Eliminated";
        Won => "won", "Won the deal";
    }
);

/// How much of a threat a competitor is, from 1 (hardly) to 5 (likely to win it).
pub const THREAT_LEVELS: std::ops::RangeInclusive<u8> = 1..=5;

/// Another vendor bidding for the same deal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Competitor {
    pub id: CompetitorId,
    pub stamp: Stamp,
    pub project_id: ProjectId,
    pub name: String,
    #[serde(default)]
    pub strengths: String,
    #[serde(default)]
    pub weaknesses: String,
    /// 1–5 ([`THREAT_LEVELS`]).
    pub threat: u8,
    pub status: CompetitorStatus,
    #[serde(default)]
    pub notes: String,
}

/// What a person sets of a competitor: the form edits it and the command saves it.
#[derive(Clone, Debug, PartialEq)]
pub struct CompetitorInput {
    pub name: String,
    pub strengths: String,
    pub weaknesses: String,
    pub threat: u8,
    pub status: CompetitorStatus,
    pub notes: String,
}

impl CompetitorInput {
    pub fn blank() -> Self {
        Self {
            name: String::new(),
            strengths: String::new(),
            weaknesses: String::new(),
            threat: 3,
            status: CompetitorStatus::Active,
            notes: String::new(),
        }
    }

    pub fn of(c: &Competitor) -> Self {
        Self {
            name: c.name.clone(),
            strengths: c.strengths.clone(),
            weaknesses: c.weaknesses.clone(),
            threat: c.threat,
            status: c.status,
            notes: c.notes.clone(),
        }
    }

    /// The input as saved (texts trimmed), or what each field needs.
    pub fn check(&self) -> Result<CompetitorInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&mut errors, "name", &self.name, "competitor's name");
        let text = |errors: &mut FieldErrors, field, value: &str, what| {
            optional_text(errors, field, value, what, TEXT_CHARS)
        };
        let strengths = text(&mut errors, "strengths", &self.strengths, "strengths");
        let weaknesses = text(&mut errors, "weaknesses", &self.weaknesses, "weaknesses");
        let notes = text(&mut errors, "notes", &self.notes, "notes");
        if !THREAT_LEVELS.contains(&self.threat) {
            errors.add("threat", "Choose a threat level from 1 (low) to 5 (high).");
        }
        errors.into_result(|| CompetitorInput {
            name,
            strengths,
            weaknesses,
            threat: self.threat,
            status: self.status,
            notes,
        })
    }
}

stamped!(Competitor);

impl Limited for Competitor {
    const NOUN: &'static str = "competitor";
    fn name(&self) -> Cow<'_, str> {
        self.name.as_str().into()
    }
    fn limits(&self, c: &mut dyn Check) {
        c.text(format_args!("name"), "name", &self.name, NAME_CHARS);
        c.text(
            format_args!("strengths"),
            "strengths",
            &self.strengths,
            TEXT_CHARS,
        );
        c.text(
            format_args!("weaknesses"),
            "weaknesses",
            &self.weaknesses,
            TEXT_CHARS,
        );
        c.text(format_args!("notes"), "notes", &self.notes, TEXT_CHARS);
        let (low, high) = (*THREAT_LEVELS.start(), *THREAT_LEVELS.end());
        let threat = i64::from(self.threat);
        c.whole(
            format_args!("threat"),
            "threat",
            threat,
            low.into(),
            high.into(),
            "",
        );
    }
}
