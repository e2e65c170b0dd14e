//! Sales projects: deals, campaigns and initiatives, each with a goal, a value and a target date.

use crate::model::common::{group_thousands, Currency, Money, Stamp};
use crate::model::draft::{
    count, count_text, date_text, optional_text, parse_date, required_text, FieldErrors,
};
use crate::model::ids::*;
use crate::model::limits::{self};
use crate::model::ranges::{Check, Limited};
use crate::model::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What kind of sales work a project is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectKind {
    /// One opportunity with one client.
    Deal,
    /// A campaign across many accounts (upsell, lead generation).
    Campaign,
    /// An internal initiative that should produce revenue later.
    Initiative,
}

impl ProjectKind {
    pub const ALL: [ProjectKind; 3] = [Self::Deal, Self::Campaign, Self::Initiative];

    pub fn label(self) -> &'static str {
        match self {
            Self::Deal => "Deal",
            Self::Campaign => "Campaign",
            Self::Initiative => "Initiative",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Deal => "deal",
            Self::Campaign => "campaign",
            Self::Initiative => "initiative",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// The day a project entered a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageEntry {
    pub stage: Stage,
    pub on: NaiveDate,
}

/// Where a project stands in the sales process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Prospect,
    Qualified,
    Discovery,
    Proposal,
    Negotiation,
    Closed,
}

impl Stage {
    pub const ALL: [Stage; 6] = [
        Self::Prospect,
        Self::Qualified,
        Self::Discovery,
        Self::Proposal,
        Self::Negotiation,
        Self::Closed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Prospect => "Prospect",
            Self::Qualified => "Qualified",
            Self::Discovery => "Discovery",
            Self::Proposal => "Proposal",
            Self::Negotiation => "Negotiation",
            Self::Closed => "Closed",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Prospect => "prospect",
            Self::Qualified => "qualified",
            Self::Discovery => "discovery",
            Self::Proposal => "proposal",
            Self::Negotiation => "negotiation",
            Self::Closed => "closed",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The win probability a stage suggests when no template says otherwise.
    /// The stage after this one, if any.
    pub fn next(self) -> Option<Stage> {
        Self::ALL.get(self as usize + 1).copied()
    }

    pub fn default_probability(self) -> u8 {
        match self {
            Self::Prospect => 10,
            Self::Qualified => 20,
            Self::Discovery => 40,
            Self::Proposal => 60,
            Self::Negotiation => 80,
            Self::Closed => 100,
        }
    }
}

/// The life-cycle status of a project, independent of its stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    /// Portfolio intake: not yet pipeline.
    Proposed,
    Active,
    OnHold,
    Won,
    Lost,
    Cancelled,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 6] = [
        Self::Proposed,
        Self::Active,
        Self::OnHold,
        Self::Won,
        Self::Lost,
        Self::Cancelled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Proposed => "Proposed",
            Self::Active => "Active",
            Self::OnHold => "On hold",
            Self::Won => "Won",
            Self::Lost => "Lost",
            Self::Cancelled => "Cancelled",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Active => "active",
            Self::OnHold => "on_hold",
            Self::Won => "won",
            Self::Lost => "lost",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Open projects are pipeline: active or on hold (see `metrics.md`).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Active | Self::OnHold)
    }

    /// Closed projects: won, lost or cancelled.
    pub fn is_closed(self) -> bool {
        matches!(self, Self::Won | Self::Lost | Self::Cancelled)
    }
}

/// A forecast category set by hand; without one it follows the probability (see `metrics.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastCategory {
    Commit,
    BestCase,
    Pipeline,
}

impl ForecastCategory {
    pub const ALL: [ForecastCategory; 3] = [Self::Commit, Self::BestCase, Self::Pipeline];

    pub fn label(self) -> &'static str {
        match self {
            Self::Commit => "Commit",
            Self::BestCase => "Best case",
            Self::Pipeline => "Pipeline",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Commit => "commit",
            Self::BestCase => "best_case",
            Self::Pipeline => "pipeline",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// Why a project was won or lost, asked when it closes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

/// A stage move made although exit criteria were unmet, with the reason given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateOverride {
    pub from: Stage,
    pub to: Stage,
    pub unmet: Vec<String>,
    pub reason: String,
    pub at: chrono::DateTime<chrono::Utc>,
    #[serde(default)]
    pub by: Option<MemberId>,
}

/// A sales project. Its milestones, tasks, risks and the rest live in the workspace's flat
/// collections and point back here by `project_id`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: ProjectId,
    pub stamp: Stamp,
    pub name: String,
    pub kind: ProjectKind,
    /// The client organisation (empty for internal initiatives).
    #[serde(default)]
    pub client: String,
    #[serde(default)]
    pub owner: Option<MemberId>,
    pub stage: Stage,
    pub status: ProjectStatus,
    /// Expected revenue when won.
    pub value: Money,
    /// Win probability in whole percent, 0–100.
    pub probability: u8,
    /// True when a person set the probability, so stage changes no longer overwrite it.
    #[serde(default)]
    pub probability_manual: bool,
    pub start_date: NaiveDate,
    pub target_date: NaiveDate,
    /// The day the project was won, lost or cancelled.
    #[serde(default)]
    pub close_date: Option<NaiveDate>,
    /// The end goal, in the team's words.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub template_id: Option<TemplateId>,
    #[serde(default)]
    pub forecast_category: Option<ForecastCategory>,
    /// Earlier target dates, oldest first, so a slipped deal can be recognised.
    #[serde(default)]
    pub target_history: Vec<NaiveDate>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// Budget for the cost of the sale, compared with cost entries.
    #[serde(default)]
    pub budget: Option<Money>,
    /// Exit criteria the team has ticked off, by their text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria_met: Vec<String>,
    /// The day the project entered its current stage (its start date when never moved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_entered_on: Option<NaiveDate>,
    /// The stages it entered and when, oldest first: the stage it was created in (on its
    /// start date), then every move made in Pursuit. Learned cycle times rest on it
    /// (`engine::cycle`). At most [`crate::model::limits::STAGE_LOG_ENTRIES`]; the first is kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stage_log: Vec<StageEntry>,
    /// Stage moves made past unmet criteria, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gate_overrides: Vec<GateOverride>,
    /// Intake: why the project is worth doing.
    #[serde(default)]
    pub rationale: String,
    /// Intake: the strategic focus area it serves.
    #[serde(default)]
    pub focus_area: String,
    /// Intake: who sponsors it.
    #[serde(default)]
    pub sponsor: String,
    /// Intake: how many people it needs, for how many weeks.
    #[serde(default)]
    pub people_needed: u32,
    #[serde(default)]
    pub weeks_needed: u32,
    /// Its score (1–5) on each of the workspace's criteria, by criterion key.
    #[serde(default)]
    pub scores: std::collections::BTreeMap<String, u8>,
    /// Its id in another system (the CRM it was imported from), so importing the next
    /// export of that system updates this project instead of adding it again.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
    /// Out of the Today list until this day (snoozed there); `None` when not snoozed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<NaiveDate>,
}

impl Stamped for Project {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
}

/// A project is filed under itself, so the workspace's list of projects is indexed like
/// the records they own ([`crate::model::Records`]).
impl crate::model::common::InProject for Project {
    fn project_id(&self) -> ProjectId {
        self.id
    }

    fn record_id(&self) -> uuid::Uuid {
        self.id.0
    }
}

impl Project {
    /// A new active deal in the prospect stage with nothing else set: the one place the
    /// defaults of a project are written. Callers set what they know with struct update
    /// syntax (`Project { stage, ..Project::new(…) }`).
    pub fn new(
        id: ProjectId,
        stamp: Stamp,
        name: String,
        value: Money,
        start_date: NaiveDate,
        target_date: NaiveDate,
    ) -> Self {
        Self {
            snoozed_until: None,
            id,
            stamp,
            name,
            kind: ProjectKind::Deal,
            client: String::new(),
            owner: None,
            stage: Stage::Prospect,
            status: ProjectStatus::Active,
            value,
            probability: 0,
            probability_manual: false,
            start_date,
            target_date,
            close_date: None,
            description: String::new(),
            template_id: None,
            forecast_category: None,
            target_history: Vec::new(),
            outcome: None,
            budget: None,
            criteria_met: Vec::new(),
            stage_entered_on: None,
            stage_log: Vec::new(),
            gate_overrides: Vec::new(),
            rationale: String::new(),
            focus_area: String::new(),
            sponsor: String::new(),
            people_needed: 0,
            weeks_needed: 0,
            scores: std::collections::BTreeMap::new(),
            reference: String::new(),
        }
    }

    /// Notes that the project entered `stage` on `on`. When the log is full the second
    /// entry goes, so where it started stays known.
    pub fn log_stage(&mut self, stage: Stage, on: NaiveDate) {
        if self.stage_log.len() >= crate::model::limits::STAGE_LOG_ENTRIES {
            self.stage_log.remove(1.min(self.stage_log.len() - 1));
        }
        self.stage_log.push(StageEntry { stage, on });
    }

    /// Days spent in the current stage as of `today`.
    pub fn days_in_stage(&self, today: NaiveDate) -> i64 {
        (today - self.stage_entered_on.unwrap_or(self.start_date)).num_days()
    }

    /// Value × probability ÷ 100, in minor units, rounded half away from zero.
    pub fn weighted_minor(&self) -> i64 {
        let product = self.value.minor as i128 * self.probability as i128;
        let rounded = if product >= 0 {
            (product + 50) / 100
        } else {
            (product - 50) / 100
        };
        rounded.clamp(i64::MIN.into(), i64::MAX.into()) as i64
    }
}

impl Limited for Project {
    const NOUN: &'static str = "project";
    fn name(&self) -> std::borrow::Cow<'_, str> {
        self.name.as_str().into()
    }
    fn limits(&self, c: &mut dyn Check) {
        c.opt_date(
            format_args!("snoozed_until"),
            "snoozed until",
            self.snoozed_until,
        );
        use crate::model::limits::*;
        use crate::model::ranges::quoted;
        c.text(format_args!("name"), "name", &self.name, NAME_CHARS);
        c.text(format_args!("client"), "client", &self.client, NAME_CHARS);
        c.text(
            format_args!("description"),
            "description",
            &self.description,
            TEXT_CHARS,
        );
        if self.probability > 100 {
            c.broken(format_args!("probability"), &|_| {
                format!(
                    "project {} has probability {} %; it must be between 0 and 100",
                    quoted(&self.name),
                    self.probability
                )
            });
        }
        let name = quoted(&self.name);
        c.money(
            format_args!("value"),
            "value",
            &format_args!("the value of project {name}"),
            &self.value,
        );
        c.text(
            format_args!("rationale"),
            "reason",
            &self.rationale,
            TEXT_CHARS,
        );
        c.text(
            format_args!("focus_area"),
            "focus area",
            &self.focus_area,
            NAME_CHARS,
        );
        c.text(
            format_args!("sponsor"),
            "sponsor",
            &self.sponsor,
            NAME_CHARS,
        );
        c.text(
            format_args!("reference"),
            "reference",
            &self.reference,
            NAME_CHARS,
        );
        let (people, weeks) = (MAX_PEOPLE_NEEDED.into(), MAX_WEEKS_NEEDED.into());
        let needed = i64::from(self.people_needed);
        c.whole(
            format_args!("people_needed"),
            "people needed",
            needed,
            0,
            people,
            "",
        );
        let needed = i64::from(self.weeks_needed);
        c.whole(
            format_args!("weeks_needed"),
            "weeks needed",
            needed,
            0,
            weeks,
            "",
        );
        for (key, v) in &self.scores {
            let field = format!("score on “{key}”");
            c.whole(format_args!("scores.{key}"), &field, (*v).into(), 1, 5, "");
        }
        if let Some(b) = &self.budget {
            let what = format_args!("the budget of project {name}");
            c.money(format_args!("budget"), "budget", &what, b);
        }
        self.date_limits(c);
        self.log_limits(c);
    }
}

impl Project {
    fn date_limits(&self, c: &mut dyn Check) {
        c.date(format_args!("start_date"), "start date", self.start_date);
        c.date(format_args!("target_date"), "target date", self.target_date);
        c.opt_date(format_args!("close_date"), "close date", self.close_date);
        let entered = self.stage_entered_on;
        c.opt_date(
            format_args!("stage_entered_on"),
            "day it entered its stage",
            entered,
        );
        let entries = crate::model::limits::STAGE_LOG_ENTRIES;
        c.count(
            format_args!("stage_log"),
            "stage log entries",
            self.stage_log.len(),
            entries,
        );
        for (j, e) in self.stage_log.iter().enumerate() {
            c.date(
                format_args!("stage_log[{j}].on"),
                "day it entered a stage",
                e.on,
            );
        }
        for (j, d) in self.target_history.iter().enumerate() {
            c.date(
                format_args!("target_history[{j}]"),
                "earlier target date",
                *d,
            );
        }
    }

    /// Its closing, its ticked criteria and the gates it passed with criteria open.
    fn log_limits(&self, c: &mut dyn Check) {
        use crate::model::limits::{NAME_CHARS, TEXT_CHARS};
        if let Some(o) = &self.outcome {
            c.text(
                format_args!("outcome.reason"),
                "reason it closed",
                &o.reason,
                NAME_CHARS,
            );
            c.text(
                format_args!("outcome.note"),
                "closing note",
                &o.note,
                TEXT_CHARS,
            );
        }
        let met = &self.criteria_met;
        c.texts(
            format_args!("criteria_met"),
            "exit criterion",
            met,
            TEXT_CHARS,
        );
        for (j, g) in self.gate_overrides.iter().enumerate() {
            let why = "reason for skipping a stage gate";
            c.text(
                format_args!("gate_overrides[{j}].reason"),
                why,
                &g.reason,
                TEXT_CHARS,
            );
            let unmet = format_args!("gate_overrides[{j}].unmet");
            c.texts(unmet, "unmet criterion", &g.unmet, TEXT_CHARS);
        }
    }
}

/// The project form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectDraft {
    pub name: String,
    pub kind: ProjectKind,
    pub client: String,
    pub owner: Option<MemberId>,
    pub stage: Stage,
    pub status: ProjectStatus,
    pub value: String,
    pub currency: String,
    pub probability: String,
    pub start_date: String,
    pub target_date: String,
    pub description: String,
    /// The budget for the cost of the sale, in the project's currency; empty for none.
    pub budget: String,
    /// Intake: why, which focus area, who sponsors it, people and weeks it needs.
    pub rationale: String,
    pub focus_area: String,
    pub sponsor: String,
    pub people_needed: String,
    pub weeks_needed: String,
    /// Its id in another system (CRM); empty for none.
    pub reference: String,
}

/// A valid project, ready for `ProjectCommand::CreateProject` or `ProjectCommand::UpdateProject`.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectInput {
    pub name: String,
    pub kind: ProjectKind,
    pub client: String,
    pub owner: Option<MemberId>,
    pub stage: Stage,
    pub status: ProjectStatus,
    pub value: Money,
    pub probability: u8,
    pub start_date: NaiveDate,
    pub target_date: NaiveDate,
    pub description: String,
    pub budget: Option<Money>,
    pub rationale: String,
    pub focus_area: String,
    pub sponsor: String,
    pub people_needed: u32,
    pub weeks_needed: u32,
    pub reference: String,
}

impl ProjectDraft {
    /// A new deal starting today and targeted three months out.
    pub fn blank(currency: &Currency, owner: Option<MemberId>, today: NaiveDate) -> Self {
        Self {
            name: String::new(),
            kind: ProjectKind::Deal,
            client: String::new(),
            owner,
            stage: Stage::Prospect,
            status: ProjectStatus::Active,
            value: String::new(),
            currency: currency.code().into(),
            probability: Stage::Prospect.default_probability().to_string(),
            start_date: date_text(Some(today)),
            target_date: date_text(today.checked_add_months(chrono::Months::new(3))),
            description: String::new(),
            budget: String::new(),
            rationale: String::new(),
            focus_area: String::new(),
            sponsor: String::new(),
            people_needed: String::new(),
            weeks_needed: String::new(),
            reference: String::new(),
        }
    }

    pub fn from_project(p: &Project) -> Self {
        Self {
            name: p.name.clone(),
            kind: p.kind,
            client: p.client.clone(),
            owner: p.owner,
            stage: p.stage,
            status: p.status,
            value: p.value.major_text(),
            currency: p.value.currency.code().into(),
            probability: p.probability.to_string(),
            start_date: date_text(Some(p.start_date)),
            target_date: date_text(Some(p.target_date)),
            description: p.description.clone(),
            budget: p
                .budget
                .as_ref()
                .map(|b| b.major_text())
                .unwrap_or_default(),
            rationale: p.rationale.clone(),
            focus_area: p.focus_area.clone(),
            sponsor: p.sponsor.clone(),
            people_needed: count_text(p.people_needed),
            weeks_needed: count_text(p.weeks_needed),
            reference: p.reference.clone(),
        }
    }

    pub fn check(&self) -> Result<ProjectInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&mut errors, "name", &self.name, "project name");
        let currency = Currency::parse(&self.currency);
        if currency.is_none() {
            errors.add(
                "currency",
                "Use a three-letter currency code such as EUR or USD.",
            );
        }
        let currency = currency.unwrap_or_default();
        let value = match Money::parse_major(&self.value, &currency) {
            Ok(v) if v < 0 => {
                errors.add("value", "The value can't be negative.");
                0
            }
            Ok(v) => v,
            Err(message) => {
                errors.add("value", message);
                0
            }
        };
        let probability = match self
            .probability
            .trim()
            .trim_end_matches('%')
            .trim()
            .parse::<i64>()
        {
            Ok(p) if (0..=100).contains(&p) => p as u8,
            Ok(_) => {
                errors.add("probability", "Probability is a percentage from 0 to 100.");
                0
            }
            Err(_) => {
                errors.add("probability", "Enter a whole percentage from 0 to 100.");
                0
            }
        };
        let start = parse_date(&mut errors, "start_date", &self.start_date, true);
        let target = parse_date(&mut errors, "target_date", &self.target_date, true);
        if let (Some(s), Some(t)) = (start, target) {
            if t < s {
                errors.add(
                    "target_date",
                    "The target date can't be before the start date.",
                );
            }
        }
        let description = self.description.trim().to_string();
        if description.chars().count() > limits::TEXT_CHARS {
            errors.add(
                "description",
                format!(
                    "Keep the description under {} characters.",
                    group_thousands(limits::TEXT_CHARS as u64)
                ),
            );
        }
        let client = optional_text(
            &mut errors,
            "client",
            &self.client,
            "client's name",
            limits::NAME_CHARS,
        );
        let budget = if self.budget.trim().is_empty() {
            None
        } else {
            match Money::parse_major(&self.budget, &currency) {
                Ok(v) if v < 0 => {
                    errors.add("budget", "The budget can't be negative.");
                    None
                }
                Ok(v) => Some(Money::new(v, currency.clone())),
                Err(message) => {
                    errors.add("budget", message);
                    None
                }
            }
        };
        let rationale = optional_text(
            &mut errors,
            "rationale",
            &self.rationale,
            "reason",
            limits::TEXT_CHARS,
        );
        let focus_area = optional_text(
            &mut errors,
            "focus_area",
            &self.focus_area,
            "focus area",
            limits::NAME_CHARS,
        );
        let sponsor = optional_text(
            &mut errors,
            "sponsor",
            &self.sponsor,
            "sponsor's name",
            limits::NAME_CHARS,
        );
        let reference = optional_text(
            &mut errors,
            "reference",
            &self.reference,
            "reference",
            limits::NAME_CHARS,
        );
        let people_needed = count(
            &mut errors,
            "people_needed",
            &self.people_needed,
            "people",
            limits::MAX_PEOPLE_NEEDED,
        );
        let weeks_needed = count(
            &mut errors,
            "weeks_needed",
            &self.weeks_needed,
            "weeks",
            limits::MAX_WEEKS_NEEDED,
        );
        errors.into_result(|| ProjectInput {
            reference,
            rationale,
            focus_area,
            sponsor,
            people_needed,
            weeks_needed,
            name,
            kind: self.kind,
            client,
            owner: self.owner,
            stage: self.stage,
            status: self.status,
            budget,
            value: Money::new(value, currency),
            probability,
            start_date: start.expect("checked"),
            target_date: target.expect("checked"),
            description,
        })
    }
}
