//! Risks on a project: what could go wrong, how likely and how bad, and what is done about it.
//! Everything about the kind is here: the record, the form as typed and the input it
//! checks into (the command saves that input), its limits, and its place in the
//! declaration (`project_records!`).

use crate::model::common::Stamp;
use crate::model::draft::{date_text, parse_date, score_1_to_5, FieldErrors};
use crate::model::ids::*;
use crate::model::limits::{NAME_CHARS, TEXT_CHARS};
use crate::model::ranges::{Check, Limited};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

choices!(
    /// Where a risk stands.
    RiskStatus {
        Open => "open", "Open";
        Mitigating => "mitigating", "Mitigating";
        Occurred => "occurred", "Occurred";
        Closed => "closed", "Closed";
    }
);

/// An entry of a project's risk register. Probability and impact are scored 1–5.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    pub id: RiskId,
    pub stamp: Stamp,
    pub project_id: ProjectId,
    pub description: String,
    #[serde(default)]
    pub category: String,
    pub probability: u8,
    pub impact: u8,
    #[serde(default)]
    pub owner: Option<MemberId>,
    #[serde(default)]
    pub mitigation: String,
    #[serde(default)]
    pub contingency: String,
    pub status: RiskStatus,
    #[serde(default)]
    pub next_review: Option<NaiveDate>,
    /// Out of the Today list until this day (snoozed there); `None` when not snoozed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<NaiveDate>,
}

impl Risk {
    /// Probability × impact, 1–25 (see `metrics.md`).
    pub fn score(&self) -> u8 {
        self.probability.saturating_mul(self.impact)
    }

    /// "high" (≥ 15), "medium" (8–14) or "low" (≤ 7).
    pub fn level(&self) -> &'static str {
        match self.score() {
            15.. => "high",
            8..=14 => "medium",
            _ => "low",
        }
    }
}

/// The risk form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskDraft {
    pub description: String,
    pub category: String,
    pub probability: String,
    pub impact: String,
    pub owner: Option<MemberId>,
    pub mitigation: String,
    pub contingency: String,
    pub status: crate::model::RiskStatus,
    pub next_review: String,
}

/// A valid risk entry.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskInput {
    pub description: String,
    pub category: String,
    pub probability: u8,
    pub impact: u8,
    pub owner: Option<MemberId>,
    pub mitigation: String,
    pub contingency: String,
    pub status: crate::model::RiskStatus,
    pub next_review: Option<NaiveDate>,
}

impl RiskDraft {
    pub fn blank(owner: Option<MemberId>) -> Self {
        Self {
            description: String::new(),
            category: String::new(),
            probability: "3".into(),
            impact: "3".into(),
            owner,
            mitigation: String::new(),
            contingency: String::new(),
            status: crate::model::RiskStatus::Open,
            next_review: String::new(),
        }
    }

    pub fn from_risk(r: &crate::model::Risk) -> Self {
        Self {
            description: r.description.clone(),
            category: r.category.clone(),
            probability: r.probability.to_string(),
            impact: r.impact.to_string(),
            owner: r.owner,
            mitigation: r.mitigation.clone(),
            contingency: r.contingency.clone(),
            status: r.status,
            next_review: date_text(r.next_review),
        }
    }

    pub fn check(&self) -> Result<RiskInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let description = self.description.trim().to_string();
        if description.is_empty() {
            errors.add("description", "Describe the risk.");
        }
        let probability =
            score_1_to_5(&mut errors, "probability", &self.probability, "probability");
        let impact = score_1_to_5(&mut errors, "impact", &self.impact, "impact");
        let next_review = parse_date(&mut errors, "next_review", &self.next_review, false);
        errors.into_result(|| RiskInput {
            description,
            category: self.category.trim().to_string(),
            probability,
            impact,
            owner: self.owner,
            mitigation: self.mitigation.trim().to_string(),
            contingency: self.contingency.trim().to_string(),
            status: self.status,
            next_review,
        })
    }
}

stamped!(Risk);

impl Limited for Risk {
    const NOUN: &'static str = "risk";
    fn name(&self) -> Cow<'_, str> {
        self.description.as_str().into()
    }
    fn limits(&self, c: &mut dyn Check) {
        c.opt_date(
            format_args!("snoozed_until"),
            "snoozed until",
            self.snoozed_until,
        );
        c.score(
            format_args!("probability"),
            "the risk's probability",
            self.probability,
        );
        c.score(format_args!("impact"), "the risk's impact", self.impact);
        c.text(
            format_args!("description"),
            "description",
            &self.description,
            TEXT_CHARS,
        );
        c.text(
            format_args!("category"),
            "category",
            &self.category,
            NAME_CHARS,
        );
        c.text(
            format_args!("mitigation"),
            "mitigation",
            &self.mitigation,
            TEXT_CHARS,
        );
        c.text(
            format_args!("contingency"),
            "contingency",
            &self.contingency,
            TEXT_CHARS,
        );
        c.opt_date(format_args!("next_review"), "next review", self.next_review);
    }
}
