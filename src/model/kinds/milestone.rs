//! Milestones: the checkpoints of a project, usually the exit of one sales stage.
//! Everything about the kind is here: the record, the form as typed and the input it
//! checks into (the command saves that input), its limits, and its place in the
//! declaration (`project_records!`).

use crate::model::common::Stamp;
use crate::model::draft::{date_text, parse_date, required_text, FieldErrors};
use crate::model::ids::*;
use crate::model::ranges::{Check, Limited};
use crate::model::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A checkpoint of a project, usually the exit of one sales stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: MilestoneId,
    pub stamp: Stamp,
    pub project_id: ProjectId,
    pub name: String,
    #[serde(default)]
    pub stage: Option<Stage>,
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// Set when the milestone was reached.
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    /// Position among the project's milestones; lower comes first.
    pub order: i64,
    /// Agreed with the client: part of the mutual action plan the client's update shows.
    /// Everything else stays internal.
    #[serde(default, skip_serializing_if = "is_false")]
    pub with_client: bool,
    /// Closed without being reached, with the reason (a deal moved past its stage). Its
    /// `completed_on` is set too, so every engine counts it closed; only a milestone
    /// reached counts as done toward a goal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// Out of the Today list until this day (snoozed there); `None` when not snoozed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<NaiveDate>,
    /// When to remind the project's owner, counted back from 09:00 on the due day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reminders: Vec<crate::model::reminder::Reminder>,
}

/// For `skip_serializing_if`: a flag that is off is left out of files and storage.
pub fn is_false(b: &bool) -> bool {
    !*b
}

stamped!(Milestone);

impl Limited for Milestone {
    const NOUN: &'static str = "milestone";
    fn name(&self) -> std::borrow::Cow<'_, str> {
        self.name.as_str().into()
    }
    fn limits(&self, c: &mut dyn Check) {
        if let Some(problem) = crate::model::reminder::problem(&self.reminders) {
            c.broken(format_args!("reminders"), &|which| {
                format!("{which}: it {problem}")
            });
        }
        c.opt_date(
            format_args!("snoozed_until"),
            "snoozed until",
            self.snoozed_until,
        );
        use crate::model::limits::{NAME_CHARS, TEXT_CHARS};
        c.text(format_args!("name"), "name", &self.name, NAME_CHARS);
        c.opt_date(format_args!("due_date"), "due date", self.due_date);
        c.opt_date(
            format_args!("completed_on"),
            "completion date",
            self.completed_on,
        );
        if let Some(why) = &self.skipped {
            c.text(
                format_args!("skipped"),
                "reason it was skipped",
                why,
                TEXT_CHARS,
            );
        }
        c.order(format_args!("order"), self.order);
    }
}

/// The milestone form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneDraft {
    pub name: String,
    pub stage: Option<Stage>,
    pub due_date: String,
    pub with_client: bool,
    pub reminders: Vec<crate::model::reminder::Reminder>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneInput {
    pub name: String,
    pub stage: Option<Stage>,
    pub due_date: Option<NaiveDate>,
    /// Agreed with the client (shown in the client's update).
    pub with_client: bool,
    pub reminders: Vec<crate::model::reminder::Reminder>,
}

impl MilestoneDraft {
    pub fn blank() -> Self {
        Self {
            name: String::new(),
            stage: None,
            due_date: String::new(),
            with_client: false,
            reminders: Vec::new(),
        }
    }

    pub fn from_milestone(m: &Milestone) -> Self {
        Self {
            name: m.name.clone(),
            stage: m.stage,
            due_date: date_text(m.due_date),
            with_client: m.with_client,
            reminders: m.reminders.clone(),
        }
    }

    pub fn check(&self) -> Result<MilestoneInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&mut errors, "name", &self.name, "milestone name");
        let due_date = parse_date(&mut errors, "due_date", &self.due_date, false);
        crate::model::reminder::check(&mut errors, &self.reminders, due_date, "milestone");
        errors.into_result(|| MilestoneInput {
            reminders: self.reminders.clone(),
            name,
            stage: self.stage,
            due_date,
            with_client: self.with_client,
        })
    }
}
