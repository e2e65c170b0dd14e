//! What a project tracks along the way: risks, stakeholders, communication, feedback, costs
//! and its own measurable goals. Screens for these arrive in later releases; the data, its
//! validation and its place in the file format exist from version 1.

use crate::model::common::{Money, Stamp, Stamped};
use crate::model::ids::{
    CommunicationId, CostId, FeedbackId, GoalId, MemberId, ProjectId, RiskId, StakeholderId,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    Open,
    Mitigating,
    Occurred,
    Closed,
}

impl RiskStatus {
    pub const ALL: [RiskStatus; 4] = [Self::Open, Self::Mitigating, Self::Occurred, Self::Closed];

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Mitigating => "Mitigating",
            Self::Occurred => "Occurred",
            Self::Closed => "Closed",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Mitigating => "mitigating",
            Self::Occurred => "occurred",
            Self::Closed => "closed",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuyingRole {
    DecisionMaker,
    Champion,
    Influencer,
    EconomicBuyer,
    TechnicalEvaluator,
    User,
    Blocker,
    LegalProcurement,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Low,
    Medium,
    High,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Supporter,
    Positive,
    Neutral,
    Sceptic,
    Opponent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Weekly,
    Fortnightly,
    Monthly,
}

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
    #[serde(default)]
    pub cadence: Option<Cadence>,
    #[serde(default)]
    pub last_contact: Option<NaiveDate>,
}

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackSource {
    Client,
    Team,
}

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

/// Money spent on winning a project, compared with its budget.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    pub id: CostId,
    pub stamp: Stamp,
    pub project_id: ProjectId,
    pub date: NaiveDate,
    #[serde(default)]
    pub category: String,
    pub description: String,
    pub amount: Money,
}

/// A measurable goal of a project (a success criterion), e.g. "30 % of customers converted".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectGoal {
    pub id: GoalId,
    pub stamp: Stamp,
    pub project_id: ProjectId,
    pub metric: String,
    pub target: f64,
    #[serde(default)]
    pub current: f64,
    #[serde(default)]
    pub unit: String,
}

macro_rules! stamped {
    ($($t:ty),*) => {
        $(impl Stamped for $t {
            fn stamp(&self) -> &Stamp {
                &self.stamp
            }
        })*
    };
}

stamped!(
    Risk,
    Stakeholder,
    Communication,
    Feedback,
    Cost,
    ProjectGoal
);
