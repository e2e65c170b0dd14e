//! Form drafts: what a person has typed, and the rules that turn it into valid input.
//!
//! A draft keeps text exactly as typed so a form can show it back; `check` returns either
//! the typed input a command accepts or every problem, keyed by field, in words fit to show
//! next to that field. Nothing is saved until `check` succeeds.

use crate::model::common::{Currency, Money};
use crate::model::ids::{MemberId, MilestoneId};
use crate::model::member::Member;
use crate::model::plan::{Milestone, Task, TaskStatus};
use crate::model::project::{Project, ProjectKind, ProjectStatus, Stage};
use chrono::NaiveDate;

/// Problems with a form, each tied to the field it belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    /// The first message for a field, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|(f, _)| *f)
    }

    fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

fn required_text(errors: &mut FieldErrors, field: &'static str, text: &str, what: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        errors.add(field, format!("Enter a {what}."));
    } else if trimmed.chars().count() > 200 {
        errors.add(field, format!("Keep the {what} under 200 characters."));
    }
    trimmed.to_string()
}

fn parse_date(
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
    required: bool,
) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        if required {
            errors.add(field, "Choose a date.");
        }
        return None;
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            errors.add(field, "Enter a date as YYYY-MM-DD.");
            None
        }
    }
}

/// Formats an optional date for a date input.
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
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
}

/// A valid project, ready for `Command::CreateProject` or `Command::UpdateProject`.
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
        if description.chars().count() > 5000 {
            errors.add(
                "description",
                "Keep the description under 5,000 characters.",
            );
        }
        errors.into_result(|| ProjectInput {
            name,
            kind: self.kind,
            client: self.client.trim().to_string(),
            owner: self.owner,
            stage: self.stage,
            status: self.status,
            value: Money::new(value, currency),
            probability,
            start_date: start.expect("checked"),
            target_date: target.expect("checked"),
            description,
        })
    }
}

/// The task form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskDraft {
    pub title: String,
    pub owner: Option<MemberId>,
    pub milestone_id: Option<MilestoneId>,
    pub due_date: String,
    pub estimate_hours: String,
    pub duration_days: String,
    pub status: TaskStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TaskInput {
    pub title: String,
    pub owner: Option<MemberId>,
    pub milestone_id: Option<MilestoneId>,
    pub due_date: Option<NaiveDate>,
    pub estimate_hours: f64,
    pub duration_days: u32,
    pub status: TaskStatus,
}

impl TaskDraft {
    pub fn blank(owner: Option<MemberId>, milestone_id: Option<MilestoneId>) -> Self {
        Self {
            title: String::new(),
            owner,
            milestone_id,
            due_date: String::new(),
            estimate_hours: String::new(),
            duration_days: "1".into(),
            status: TaskStatus::Todo,
        }
    }

    pub fn from_task(t: &Task) -> Self {
        Self {
            title: t.title.clone(),
            owner: t.owner,
            milestone_id: t.milestone_id,
            due_date: date_text(t.due_date),
            estimate_hours: if t.estimate_hours == 0.0 {
                String::new()
            } else {
                t.estimate_hours.to_string()
            },
            duration_days: t.duration_days.to_string(),
            status: t.status,
        }
    }

    pub fn check(&self) -> Result<TaskInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = required_text(&mut errors, "title", &self.title, "task title");
        let due_date = parse_date(&mut errors, "due_date", &self.due_date, false);
        let estimate = self.estimate_hours.trim();
        let estimate_hours = if estimate.is_empty() {
            0.0
        } else {
            match estimate.parse::<f64>() {
                Ok(h) if h.is_finite() && (0.0..=10_000.0).contains(&h) => h,
                Ok(h) if h < 0.0 => {
                    errors.add("estimate_hours", "The estimate can't be negative.");
                    0.0
                }
                _ => {
                    errors.add(
                        "estimate_hours",
                        "Enter hours as a number, such as 4 or 1.5.",
                    );
                    0.0
                }
            }
        };
        let duration_days = match self.duration_days.trim().parse::<i64>() {
            Ok(d) if (1..=250).contains(&d) => d as u32,
            _ => {
                errors.add("duration_days", "Duration is 1 to 250 working days.");
                1
            }
        };
        errors.into_result(|| TaskInput {
            title,
            duration_days,
            owner: self.owner,
            milestone_id: self.milestone_id,
            due_date,
            estimate_hours,
            status: self.status,
        })
    }
}

/// The milestone form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneDraft {
    pub name: String,
    pub stage: Option<Stage>,
    pub due_date: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneInput {
    pub name: String,
    pub stage: Option<Stage>,
    pub due_date: Option<NaiveDate>,
}

impl MilestoneDraft {
    pub fn blank() -> Self {
        Self {
            name: String::new(),
            stage: None,
            due_date: String::new(),
        }
    }

    pub fn from_milestone(m: &Milestone) -> Self {
        Self {
            name: m.name.clone(),
            stage: m.stage,
            due_date: date_text(m.due_date),
        }
    }

    pub fn check(&self) -> Result<MilestoneInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&mut errors, "name", &self.name, "milestone name");
        let due_date = parse_date(&mut errors, "due_date", &self.due_date, false);
        errors.into_result(|| MilestoneInput {
            name,
            stage: self.stage,
            due_date,
        })
    }
}

/// The member form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberDraft {
    pub name: String,
    pub role: String,
    pub email: String,
    pub weekly_capacity_hours: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MemberInput {
    pub name: String,
    pub role: String,
    pub email: String,
    pub weekly_capacity_hours: u32,
}

impl MemberDraft {
    pub fn blank() -> Self {
        Self {
            name: String::new(),
            role: String::new(),
            email: String::new(),
            weekly_capacity_hours: "40".into(),
        }
    }

    pub fn from_member(m: &Member) -> Self {
        Self {
            name: m.name.clone(),
            role: m.role.clone(),
            email: m.email.clone(),
            weekly_capacity_hours: m.weekly_capacity_hours.to_string(),
        }
    }

    pub fn check(&self) -> Result<MemberInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&mut errors, "name", &self.name, "name");
        let email = self.email.trim().to_string();
        let plausible = email.contains('@') && !email.starts_with('@') && !email.ends_with('@');
        if !email.is_empty() && !plausible {
            errors.add(
                "email",
                "Enter an email address such as ana@example.com, or leave it empty.",
            );
        }
        let capacity = match self.weekly_capacity_hours.trim().parse::<i64>() {
            Ok(h) if (0..=80).contains(&h) => h as u32,
            Ok(_) => {
                errors.add(
                    "weekly_capacity_hours",
                    "Weekly capacity is between 0 and 80 hours.",
                );
                0
            }
            Err(_) => {
                errors.add(
                    "weekly_capacity_hours",
                    "Enter whole hours per week, such as 40.",
                );
                0
            }
        };
        errors.into_result(|| MemberInput {
            name,
            role: self.role.trim().to_string(),
            email,
            weekly_capacity_hours: capacity,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn valid() -> ProjectDraft {
        let mut d = ProjectDraft::blank(&Currency::default(), None, day("2026-11-22"));
        d.name = "Acme ERP rollout".into();
        d.value = "120,000".into();
        d
    }

    /// One table of (change to a valid draft, field expected to complain).
    #[test]
    fn project_form_rejects_each_bad_field_with_a_message() {
        type Edit = fn(&mut ProjectDraft);
        let cases: &[(&str, Edit, &str)] = &[
            ("empty name", |d| d.name = "   ".into(), "name"),
            (
                "probability 140",
                |d| d.probability = "140".into(),
                "probability",
            ),
            (
                "probability text",
                |d| d.probability = "likely".into(),
                "probability",
            ),
            ("negative value", |d| d.value = "-5".into(), "value"),
            ("value text", |d| d.value = "lots".into(), "value"),
            (
                "target before start",
                |d| d.target_date = "2026-11-01".into(),
                "target_date",
            ),
            ("missing start", |d| d.start_date = "".into(), "start_date"),
            ("bad currency", |d| d.currency = "EURO".into(), "currency"),
        ];
        for (what, edit, field) in cases {
            let mut draft = valid();
            edit(&mut draft);
            let errors = draft.check().expect_err(what);
            assert!(
                errors.get(field).is_some(),
                "{what}: expected a message on {field}, got {errors:?}"
            );
            assert_eq!(
                errors.fields().count(),
                1,
                "{what}: only {field} should complain: {errors:?}"
            );
        }
    }

    #[test]
    fn valid_project_draft_becomes_input() {
        let input = valid().check().unwrap();
        assert_eq!(input.value.minor, 12_000_000);
        assert_eq!(input.probability, 10);
        assert_eq!(input.name, "Acme ERP rollout");
    }

    #[test]
    fn task_and_member_forms_validate() {
        let mut task = TaskDraft::blank(None, None);
        assert!(task.check().unwrap_err().get("title").is_some());
        task.title = "Send proposal".into();
        task.estimate_hours = "-2".into();
        assert!(task.check().unwrap_err().get("estimate_hours").is_some());
        task.estimate_hours = "1.5".into();
        assert_eq!(task.check().unwrap().estimate_hours, 1.5);

        let mut member = MemberDraft::blank();
        member.name = "Ana".into();
        member.weekly_capacity_hours = "120".into();
        assert!(member
            .check()
            .unwrap_err()
            .get("weekly_capacity_hours")
            .is_some());
        member.weekly_capacity_hours = "32".into();
        member.email = "nope".into();
        assert!(member.check().unwrap_err().get("email").is_some());
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
    pub status: crate::model::register::RiskStatus,
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
    pub status: crate::model::register::RiskStatus,
    pub next_review: Option<NaiveDate>,
}

fn score_1_to_5(errors: &mut FieldErrors, field: &'static str, text: &str, what: &str) -> u8 {
    match text.trim().parse::<u8>() {
        Ok(v) if (1..=5).contains(&v) => v,
        _ => {
            errors.add(field, format!("Score the {what} from 1 (low) to 5 (high)."));
            1
        }
    }
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
            status: crate::model::register::RiskStatus::Open,
            next_review: String::new(),
        }
    }

    pub fn from_risk(r: &crate::model::register::Risk) -> Self {
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
