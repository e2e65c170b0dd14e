//! Portfolio intake: how a proposed project is scored against the workspace's own criteria,
//! and the decisions taken on it (approve, put on hold, reject) — each with a reason, a
//! date and who decided, kept as a governance log — possibly in a portfolio review.

use crate::model::common::{InProject, Stamp, Stamped};
use crate::model::ids::{DecisionId, MemberId, ProjectId, ReviewId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One scoring criterion: a weight and a 1–5 scale with a meaning for each level. Where
/// more is worse (resources needed, risk) it is `inverse`: a 5 counts as 1 (see
/// `metrics.md`, portfolio score).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// Stable key scores are stored under (kept when the name changes).
    pub key: String,
    pub name: String,
    /// Relative weight, 0–100.
    pub weight: u32,
    #[serde(default)]
    pub inverse: bool,
    /// What a score of 1, 2, 3, 4 and 5 means.
    pub levels: [String; 5],
}

fn criterion(key: &str, name: &str, weight: u32, inverse: bool, levels: [&str; 5]) -> Criterion {
    Criterion {
        key: key.into(),
        name: name.into(),
        weight,
        inverse,
        levels: levels.map(String::from),
    }
}

/// The criteria a new workspace scores by.
pub fn default_criteria() -> Vec<Criterion> {
    vec![
        criterion(
            "revenue",
            "Revenue potential",
            30,
            false,
            ["Under 25k", "25k–100k", "100k–250k", "250k–1M", "Over 1M"],
        ),
        criterion(
            "fit",
            "Strategic fit",
            25,
            false,
            [
                "Off strategy",
                "Adjacent",
                "Supports a focus area",
                "Core to a focus area",
                "Defines the strategy",
            ],
        ),
        criterion(
            "resources",
            "Resource requirements",
            20,
            true,
            [
                "One person, days",
                "One person, weeks",
                "A small team, weeks",
                "A team, months",
                "Several teams, months",
            ],
        ),
        criterion(
            "risk",
            "Risk",
            15,
            true,
            ["Very low", "Low", "Moderate", "High", "Very high"],
        ),
        criterion(
            "customer",
            "Customer value",
            10,
            false,
            [
                "None visible",
                "Nice to have",
                "Solves a known pain",
                "Strong demand",
                "Customers asking now",
            ],
        ),
    ]
}

/// What is wrong with a set of criteria, in words for the settings form; empty when fine.
pub fn problems(criteria: &[Criterion]) -> Vec<String> {
    use crate::model::limits::{MAX_CRITERIA, MAX_CRITERION_WEIGHT, NAME_CHARS};
    let mut out = Vec::new();
    if criteria.len() > MAX_CRITERIA {
        out.push(format!("Score by at most {MAX_CRITERIA} criteria."));
    }
    if criteria.iter().map(|c| u64::from(c.weight)).sum::<u64>() == 0 {
        out.push("At least one criterion needs a weight above zero.".into());
    }
    let mut keys = std::collections::BTreeSet::new();
    for (i, c) in criteria.iter().enumerate() {
        let n = i + 1;
        if c.name.trim().is_empty() {
            out.push(format!("Criterion {n} needs a name."));
        }
        if c.key.trim().is_empty() || !keys.insert(c.key.as_str()) {
            out.push(format!("Criterion {n} (“{}”) needs its own key.", c.name));
        }
        if c.weight > MAX_CRITERION_WEIGHT {
            out.push(format!(
                "The weight of “{}” is {}; weights go from 0 to {MAX_CRITERION_WEIGHT}.",
                c.name, c.weight
            ));
        }
        if std::iter::once(&c.name)
            .chain(&c.levels)
            .any(|t| t.chars().count() > NAME_CHARS)
        {
            out.push(format!(
                "Keep the name and level meanings of “{}” under {NAME_CHARS} characters.",
                c.name
            ));
        }
    }
    out
}

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

impl Stamped for Decision {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
}

impl InProject for Decision {
    fn project_id(&self) -> ProjectId {
        self.project_id
    }

    fn record_id(&self) -> uuid::Uuid {
        self.id.0
    }
}

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

impl crate::model::ranges::Limited for Decision {
    const NOUN: &'static str = "decision";
    fn name(&self) -> std::borrow::Cow<'_, str> {
        self.verdict.label().into()
    }
    fn limits(&self, c: &mut dyn crate::model::ranges::Check) {
        c.date(format_args!("date"), "date", self.date);
        let max = crate::model::limits::TEXT_CHARS;
        c.text(format_args!("reason"), "reason", &self.reason, max);
    }
}
