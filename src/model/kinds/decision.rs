//! Portfolio decisions on a project (approve, put on hold, reject), each with a reason, a
//! date and who decided, kept as its governance log.
//! Everything about the kind is here: the record, the form as typed and the input it
//! checks into (the command saves that input), its limits, and its place in the
//! declaration (`project_records!`).

use crate::model::common::{group_thousands, Stamp};
use crate::model::draft::{date_text, parse_date, FieldErrors};
use crate::model::ids::*;
use crate::model::limits::{self};
use crate::model::ranges::{Check, Limited};
use crate::model::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a portfolio decision does to a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The project becomes active pipeline.
    Approve,
    /// The project is put on hold.
    Hold,
    /// The project is cancelled.
    Reject,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Self::Approve, Self::Hold, Self::Reject];

    pub fn label(self) -> &'static str {
        match self {
            Self::Approve => "Approved",
            Self::Hold => "Put on hold",
            Self::Reject => "Rejected",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Hold => "hold",
            Self::Reject => "reject",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// A decision on a project, kept in its governance log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: DecisionId,
    pub stamp: Stamp,
    pub project_id: ProjectId,
    pub date: NaiveDate,
    pub verdict: Verdict,
    pub reason: String,
    #[serde(default)]
    pub decided_by: Option<MemberId>,
    /// The portfolio review it was taken in, if any.
    #[serde(default)]
    pub review: Option<ReviewId>,
}

stamped!(Decision);

impl Limited for Decision {
    const NOUN: &'static str = "decision";
    fn name(&self) -> std::borrow::Cow<'_, str> {
        self.verdict.label().into()
    }
    fn limits(&self, c: &mut dyn Check) {
        c.date(format_args!("date"), "date", self.date);
        let max = crate::model::limits::TEXT_CHARS;
        c.text(format_args!("reason"), "reason", &self.reason, max);
    }
}

/// The decision form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionDraft {
    pub verdict: crate::model::Verdict,
    pub reason: String,
    pub date: String,
    pub review: Option<crate::model::ReviewId>,
}

/// A valid decision, for `PortfolioCommand::DecideProject`.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionInput {
    pub verdict: crate::model::Verdict,
    pub reason: String,
    pub date: NaiveDate,
    pub review: Option<crate::model::ReviewId>,
    /// On approval, a playbook's plan laid out for the project (worked out by the caller,
    /// like a new project's).
    pub playbook: Option<PlaybookPlan>,
}

/// Milestones and tasks from a playbook, dated for one project.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaybookPlan {
    pub template: crate::model::TemplateId,
    pub milestones: Vec<Milestone>,
    pub tasks: Vec<Task>,
}

impl DecisionDraft {
    pub fn blank(verdict: crate::model::Verdict, today: NaiveDate) -> Self {
        Self {
            verdict,
            reason: String::new(),
            date: date_text(Some(today)),
            review: None,
        }
    }

    pub fn check(&self) -> Result<DecisionInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let reason = self.reason.trim().to_string();
        if reason.is_empty() {
            errors.add("reason", "Say why: the decision log keeps it for the team.");
        } else if reason.chars().count() > limits::TEXT_CHARS {
            errors.add(
                "reason",
                format!(
                    "Keep the reason under {} characters.",
                    group_thousands(limits::TEXT_CHARS as u64)
                ),
            );
        }
        let date = parse_date(&mut errors, "date", &self.date, true);
        errors.into_result(|| DecisionInput {
            verdict: self.verdict,
            reason,
            date: date.expect("checked"),
            review: self.review,
            playbook: None,
        })
    }
}
