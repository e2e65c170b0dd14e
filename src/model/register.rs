//! What a project tracks along the way: risks, stakeholders, communication, feedback, costs
//! and its own measurable goals.

use crate::model::common::{InProject, Money, Stamp, Stamped};
use crate::model::ids::{
    CommunicationId, CostId, FeedbackId, GoalId, MemberId, ProjectId, RiskId, StakeholderId,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A closed list of choices with a stable key (as stored) and a label (as shown).
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $key:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant,)*];

            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)*
                }
            }

            pub fn key(self) -> &'static str {
                match self {
                    $(Self::$variant => $key,)*
                }
            }

            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.key() == key)
            }
        }
    };
}

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

choices!(
    /// Who gave a piece of feedback.
    FeedbackSource {
        Client => "client", "Client";
        Team => "team", "Team";
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

choices!(
    /// What money was spent on.
    CostCategory {
        People => "people", "People";
        Travel => "travel", "Travel";
        Marketing => "marketing", "Marketing";
        Tools => "tools", "Tools";
        Other => "other", "Other";
    }
);

/// Money spent on winning a project, compared with its budget. In the project's currency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cost {
    pub id: CostId,
    pub stamp: Stamp,
    pub project_id: ProjectId,
    pub date: NaiveDate,
    pub category: CostCategory,
    /// A note on what the money bought (may be empty).
    #[serde(default)]
    pub description: String,
    pub amount: Money,
    /// Who spent it, when known.
    #[serde(default)]
    pub spent_by: Option<MemberId>,
}

choices!(
    /// Where a goal's progress comes from.
    GoalMeasure {
        Manual => "manual", "Entered by hand";
        Milestones => "milestones", "Milestones done";
        WonValue => "won_value", "Won value";
    }
);

/// A measurable goal of a project (a success criterion), e.g. "30 % of customers converted".
/// Its progress is typed in (`current`), or counted from the project's milestones done, or
/// read from the value won (see `engine::portfolio::goal_progress`).
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
    #[serde(default)]
    pub measure: GoalMeasure,
    /// Position among the project's goals, smallest first.
    #[serde(default)]
    pub order: i64,
}

// `choices!` writes the enum, so the default is spelled here rather than derived.
#[allow(clippy::derivable_impls)]
impl Default for GoalMeasure {
    fn default() -> Self {
        Self::Manual
    }
}

macro_rules! stamped {
    ($($t:ty),*) => {
        $(impl Stamped for $t {
            fn stamp(&self) -> &Stamp {
                &self.stamp
            }
        }

        impl InProject for $t {
            fn project_id(&self) -> ProjectId {
                self.project_id
            }

            fn record_id(&self) -> uuid::Uuid {
                self.id.0
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

mod limits {
    use super::*;
    use crate::model::limits::{MAX_GOAL_NUMBER, MAX_RECORDS_PER_PROJECT};
    use crate::model::limits::{NAME_CHARS, TEXT_CHARS};
    use crate::model::ranges::{Check, Limited};
    use std::borrow::Cow;

    impl Limited for Risk {
        const NOUN: &'static str = "risk";
        fn name(&self) -> Cow<'_, str> {
            self.description.as_str().into()
        }
        fn limits(&self, c: &mut dyn Check) {
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

    impl Limited for Stakeholder {
        const NOUN: &'static str = "person";
        fn name(&self) -> Cow<'_, str> {
            self.name.as_str().into()
        }
        fn limits(&self, c: &mut dyn Check) {
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
            c.opt_date(
                format_args!("last_contact"),
                "last contact",
                self.last_contact,
            );
        }
    }

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

    impl Limited for Cost {
        const NOUN: &'static str = "cost";
        fn name(&self) -> Cow<'_, str> {
            self.description.as_str().into()
        }
        fn limits(&self, c: &mut dyn Check) {
            c.date(format_args!("date"), "date", self.date);
            c.text(
                format_args!("description"),
                "description",
                &self.description,
                TEXT_CHARS,
            );
            c.money(format_args!("amount"), "amount", &"the cost", &self.amount);
        }
    }

    impl Limited for ProjectGoal {
        const NOUN: &'static str = "goal";
        fn name(&self) -> Cow<'_, str> {
            self.metric.as_str().into()
        }
        fn limits(&self, c: &mut dyn Check) {
            c.text(format_args!("metric"), "metric", &self.metric, NAME_CHARS);
            c.text(format_args!("unit"), "unit", &self.unit, NAME_CHARS);
            c.order(format_args!("order"), self.order);
            if !self.target.is_finite() || !self.current.is_finite() {
                c.broken(format_args!("target"), &|_| {
                    "the goal's numbers must be finite".into()
                });
            }
            for (field, v) in [("target", self.target), ("current", self.current)] {
                if v.is_finite() && v.abs() > MAX_GOAL_NUMBER {
                    c.broken(format_args!("{field}"), &|which| {
                        format!(
                            "{which}: the {field} {v} is larger than Pursuit accepts (at most {} either way)",
                            crate::model::common::group_thousands(MAX_GOAL_NUMBER as u64)
                        )
                    });
                }
            }
        }
    }
}
