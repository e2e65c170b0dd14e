//! Costs: money spent on winning a project, compared with its budget.
//! Everything about the kind is here: the record, the form as typed and the input it
//! checks into (the command saves that input), its limits, and its place in the
//! declaration (`project_records!`).

use crate::model::common::{Currency, Money, Stamp};
use crate::model::draft::{date_text, optional_text, parse_date, FieldErrors};
use crate::model::ids::*;
use crate::model::limits::{self, TEXT_CHARS};
use crate::model::ranges::{Check, Limited};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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

/// The cost form as typed. The amount is in the project's currency.
#[derive(Clone, Debug, PartialEq)]
pub struct CostDraft {
    pub date: String,
    pub category: CostCategory,
    pub amount: String,
    pub note: String,
    pub spent_by: Option<MemberId>,
}

/// A valid cost entry, for `RecordCommand::SaveCost`.
#[derive(Clone, Debug, PartialEq)]
pub struct CostInput {
    pub date: NaiveDate,
    pub category: CostCategory,
    pub amount_minor: i64,
    pub note: String,
    pub spent_by: Option<MemberId>,
}

impl CostDraft {
    pub fn blank(today: NaiveDate, spent_by: Option<MemberId>) -> Self {
        Self {
            date: date_text(Some(today)),
            category: CostCategory::Other,
            amount: String::new(),
            note: String::new(),
            spent_by,
        }
    }

    pub fn from_cost(c: &Cost) -> Self {
        Self {
            date: date_text(Some(c.date)),
            category: c.category,
            amount: c.amount.major_text(),
            note: c.description.clone(),
            spent_by: c.spent_by,
        }
    }

    /// Checks the form; the amount is read in `currency` (the project's).
    pub fn check(&self, currency: &Currency) -> Result<CostInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let date = parse_date(&mut errors, "date", &self.date, true);
        let amount_minor = if self.amount.trim().is_empty() {
            errors.add("amount", "Enter what was spent.");
            0
        } else {
            match Money::parse_major(&self.amount, currency) {
                Ok(v) if v <= 0 => {
                    errors.add("amount", "A cost is more than zero.");
                    0
                }
                Ok(v) => v,
                Err(message) => {
                    errors.add("amount", message);
                    0
                }
            }
        };
        let note = optional_text(&mut errors, "note", &self.note, "note", limits::TEXT_CHARS);
        errors.into_result(|| CostInput {
            date: date.expect("checked"),
            category: self.category,
            amount_minor,
            note,
            spent_by: self.spent_by,
        })
    }
}

stamped!(Cost);

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
