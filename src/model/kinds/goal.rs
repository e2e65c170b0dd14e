//! A project's own measurable goals (success criteria) and where their progress comes from.
//! Everything about the kind is here: the record, the form as typed and the input it
//! checks into (the command saves that input), its limits, and its place in the
//! declaration (`project_records!`).

use crate::model::common::{group_thousands, Stamp};
use crate::model::draft::{optional_text, required_text, FieldErrors};
use crate::model::ids::*;
use crate::model::limits::{self, MAX_GOAL_NUMBER, NAME_CHARS};
use crate::model::ranges::{Check, Limited};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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

/// The goal form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalDraft {
    pub metric: String,
    pub measure: GoalMeasure,
    pub target: String,
    pub current: String,
    pub unit: String,
}

/// A valid goal, for `RecordCommand::SaveGoal`.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalInput {
    pub metric: String,
    pub measure: GoalMeasure,
    pub target: f64,
    pub current: f64,
    pub unit: String,
}

fn goal_number(errors: &mut FieldErrors, field: &'static str, text: &str, what: &str) -> f64 {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '_'))
        .collect();
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=limits::MAX_GOAL_NUMBER).contains(&v) => v,
        _ => {
            errors.add(
                field,
                format!(
                    "Enter the {what} as a number from 0 to {}.",
                    group_thousands(limits::MAX_GOAL_NUMBER as u64)
                ),
            );
            0.0
        }
    }
}

impl GoalDraft {
    pub fn blank() -> Self {
        Self {
            metric: String::new(),
            measure: GoalMeasure::Manual,
            target: String::new(),
            current: "0".into(),
            unit: String::new(),
        }
    }

    pub fn from_goal(g: &ProjectGoal) -> Self {
        Self {
            metric: g.metric.clone(),
            measure: g.measure,
            target: g.target.to_string(),
            current: g.current.to_string(),
            unit: g.unit.clone(),
        }
    }

    pub fn check(&self) -> Result<GoalInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let metric = required_text(&mut errors, "metric", &self.metric, "goal");
        let target = goal_number(&mut errors, "target", &self.target, "target");
        if target == 0.0 && errors.get("target").is_none() {
            errors.add("target", "A target is more than zero.");
        }
        // Only a goal measured by hand takes a typed figure; the others are counted.
        let current = match self.measure {
            GoalMeasure::Manual => {
                goal_number(&mut errors, "current", &self.current, "current figure")
            }
            _ => 0.0,
        };
        let unit = optional_text(&mut errors, "unit", &self.unit, "unit", limits::NAME_CHARS);
        errors.into_result(|| GoalInput {
            metric,
            measure: self.measure,
            target,
            current,
            unit,
        })
    }
}

stamped!(ProjectGoal);

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
