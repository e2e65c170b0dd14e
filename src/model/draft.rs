//! Form drafts: what a person has typed, and the rules that turn it into valid input.
//!
//! A draft keeps text exactly as typed so a form can show it back; `check` returns either
//! the typed input a command accepts or every problem, keyed by field, in words fit to show
//! next to that field. Nothing is saved until `check` succeeds.

use crate::model::common::{group_thousands, Currency, Money};
use crate::model::ids::{MemberId, MilestoneId};
use crate::model::limits;
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

    pub(crate) fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

pub(crate) fn required_text(
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
    what: &str,
) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        errors.add(field, format!("Enter a {what}."));
    } else if trimmed.chars().count() > limits::NAME_CHARS {
        errors.add(
            field,
            format!("Keep the {what} under {} characters.", limits::NAME_CHARS),
        );
    }
    trimmed.to_string()
}

/// Optional text, trimmed; longer than `max` characters is a problem for that field.
pub(crate) fn optional_text(
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
    what: &str,
    max: usize,
) -> String {
    let trimmed = text.trim();
    if trimmed.chars().count() > max {
        errors.add(
            field,
            format!(
                "Keep the {what} under {} characters (it has {}).",
                group_thousands(max as u64),
                group_thousands(trimmed.chars().count() as u64)
            ),
        );
    }
    trimmed.to_string()
}

pub(crate) fn parse_date(
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
        Ok(date) if limits::date_in_range(date) => Some(date),
        Ok(date) => {
            errors.add(
                field,
                format!(
                    "{date} is outside the dates Pursuit accepts ({} to {}).",
                    limits::EARLIEST_DATE,
                    limits::LATEST_DATE
                ),
            );
            None
        }
        Err(_) => {
            errors.add(
                field,
                format!("{text:?} is not a calendar date; enter one as YYYY-MM-DD."),
            );
            None
        }
    }
}

/// A whole number typed in a form (empty is 0), at most `max`.
fn count(errors: &mut FieldErrors, field: &'static str, text: &str, what: &str, max: u32) -> u32 {
    let text = text.trim();
    if text.is_empty() {
        return 0;
    }
    match text.parse::<u32>() {
        Ok(n) if n <= max => n,
        _ => {
            errors.add(
                field,
                format!("Enter the {what} as a whole number from 0 to {max}."),
            );
            0
        }
    }
}

/// A count for a form field: empty for 0.
fn count_text(n: u32) -> String {
    if n == 0 {
        String::new()
    } else {
        n.to_string()
    }
}

pub(crate) fn score_1_to_5(
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
    what: &str,
) -> u8 {
    match text.trim().parse::<u8>() {
        Ok(v) if (1..=5).contains(&v) => v,
        _ => {
            errors.add(field, format!("Score the {what} from 1 (low) to 5 (high)."));
            1
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
    pub with_client: bool,
    pub client_owner: Option<crate::model::StakeholderId>,
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
    /// A step of the mutual action plan (shown in the client's update).
    pub with_client: bool,
    /// Who on the client's side owns it: one of the project's people.
    pub client_owner: Option<crate::model::StakeholderId>,
}

impl TaskInput {
    /// A task's fields as the task form sends them, to change some and save it again.
    pub fn of(t: &Task) -> Self {
        Self {
            title: t.title.clone(),
            owner: t.owner,
            milestone_id: t.milestone_id,
            due_date: t.due_date,
            estimate_hours: t.estimate_hours,
            duration_days: t.duration_days,
            status: t.status,
            with_client: t.with_client,
            client_owner: t.client_owner,
        }
    }
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
            with_client: false,
            client_owner: None,
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
            with_client: t.with_client,
            client_owner: t.client_owner,
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
                Ok(h) if h.is_finite() && (0.0..=limits::MAX_ESTIMATE_HOURS).contains(&h) => h,
                Ok(h) if h < 0.0 => {
                    errors.add("estimate_hours", "The estimate can't be negative.");
                    0.0
                }
                Ok(h) if h.is_finite() => {
                    errors.add(
                        "estimate_hours",
                        format!(
                            "An estimate is at most {} hours.",
                            group_thousands(limits::MAX_ESTIMATE_HOURS as u64)
                        ),
                    );
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
            Ok(d) if (0..=i64::from(limits::MAX_DURATION_DAYS)).contains(&d) => d as u32,
            _ => {
                errors.add(
                    "duration_days",
                    format!(
                        "Duration is 0 (a checkpoint) to {} working days.",
                        group_thousands(limits::MAX_DURATION_DAYS.into())
                    ),
                );
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
            with_client: self.with_client,
            // A client owner only for a step agreed with the client.
            client_owner: self.client_owner.filter(|_| self.with_client),
        })
    }
}

/// The milestone form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneDraft {
    pub name: String,
    pub stage: Option<Stage>,
    pub due_date: String,
    pub with_client: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneInput {
    pub name: String,
    pub stage: Option<Stage>,
    pub due_date: Option<NaiveDate>,
    /// Agreed with the client (shown in the client's update).
    pub with_client: bool,
}

impl MilestoneDraft {
    pub fn blank() -> Self {
        Self {
            name: String::new(),
            stage: None,
            due_date: String::new(),
            with_client: false,
        }
    }

    pub fn from_milestone(m: &Milestone) -> Self {
        Self {
            name: m.name.clone(),
            stage: m.stage,
            due_date: date_text(m.due_date),
            with_client: m.with_client,
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
            with_client: self.with_client,
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
    /// Comma-separated.
    pub skills: String,
    /// One range a line: "2026-12-21 to 2027-01-01" (or a single day).
    pub time_off: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MemberInput {
    pub name: String,
    pub role: String,
    pub email: String,
    pub weekly_capacity_hours: u32,
    pub skills: Vec<String>,
    pub time_off: Vec<crate::model::member::TimeOff>,
}

impl MemberDraft {
    pub fn blank() -> Self {
        Self {
            name: String::new(),
            role: String::new(),
            email: String::new(),
            weekly_capacity_hours: "40".into(),
            skills: String::new(),
            time_off: String::new(),
        }
    }

    pub fn from_member(m: &Member) -> Self {
        Self {
            name: m.name.clone(),
            role: m.role.clone(),
            email: m.email.clone(),
            weekly_capacity_hours: m.weekly_capacity_hours.to_string(),
            skills: m.skills.join(", "),
            time_off: m
                .time_off
                .iter()
                .map(|t| {
                    if t.from == t.to {
                        date_text(Some(t.from))
                    } else {
                        format!("{} to {}", date_text(Some(t.from)), date_text(Some(t.to)))
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
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
            Ok(h) if (0..=i64::from(limits::MAX_WEEKLY_HOURS)).contains(&h) => h as u32,
            Ok(_) => {
                errors.add(
                    "weekly_capacity_hours",
                    format!(
                        "Weekly capacity is between 0 and {} hours.",
                        limits::MAX_WEEKLY_HOURS
                    ),
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
        let skills: Vec<String> = self
            .skills
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if skills
            .iter()
            .any(|s| s.chars().count() > limits::NAME_CHARS)
        {
            errors.add(
                "skills",
                format!("Keep each skill under {} characters.", limits::NAME_CHARS),
            );
        }
        let time_off = time_off_lines(&mut errors, &self.time_off);
        errors.into_result(|| MemberInput {
            name,
            role: self.role.trim().to_string(),
            email,
            weekly_capacity_hours: capacity,
            skills,
            time_off,
        })
    }
}

/// Reads time off typed one range a line ("2026-12-21 to 2027-01-01", or one day).
fn time_off_lines(errors: &mut FieldErrors, text: &str) -> Vec<crate::model::member::TimeOff> {
    let mut out = Vec::new();
    for (n, line) in text
        .lines()
        .map(str::trim)
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
    {
        let (a, b) = match line.split_once(" to ") {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (line, line),
        };
        let day = |t: &str| {
            NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .ok()
                .filter(|d| limits::date_in_range(*d))
        };
        match (day(a), day(b)) {
            (Some(from), Some(to)) if from <= to => {
                out.push(crate::model::member::TimeOff { from, to })
            }
            (Some(_), Some(_)) => {
                errors.add(
                    "time_off",
                    format!("Line {}: the last day comes before the first.", n + 1),
                );
            }
            _ => errors.add(
                "time_off",
                format!(
                    "Line {}: write a day as 2026-12-21, or a range as 2026-12-21 to 2027-01-01.",
                    n + 1
                ),
            ),
        }
    }
    if out.len() > limits::MAX_TIME_OFF {
        errors.add(
            "time_off",
            format!("Keep at most {} periods of time off.", limits::MAX_TIME_OFF),
        );
    }
    out
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

/// The portfolio review form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewDraft {
    pub date: String,
    pub attendees: Vec<MemberId>,
    pub notes: String,
}

/// A valid portfolio review, for `PortfolioCommand::SaveReview`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewInput {
    pub date: NaiveDate,
    pub attendees: Vec<MemberId>,
    pub notes: String,
}

impl ReviewDraft {
    pub fn blank(today: NaiveDate) -> Self {
        Self {
            date: date_text(Some(today)),
            attendees: Vec::new(),
            notes: String::new(),
        }
    }

    pub fn from_review(r: &crate::model::Review) -> Self {
        Self {
            date: date_text(Some(r.date)),
            attendees: r.attendees.clone(),
            notes: r.notes.clone(),
        }
    }

    pub fn check(&self) -> Result<ReviewInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let date = parse_date(&mut errors, "date", &self.date, true);
        let notes = optional_text(
            &mut errors,
            "notes",
            &self.notes,
            "notes",
            limits::TEXT_CHARS,
        );
        errors.into_result(|| ReviewInput {
            date: date.expect("checked"),
            attendees: self.attendees.clone(),
            notes,
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
    fn a_client_longer_than_the_limit_is_a_field_error() {
        let mut draft = valid();
        draft.client = "x".repeat(limits::NAME_CHARS + 1);
        let errors = draft.check().unwrap_err();
        assert!(
            errors.get("client").is_some_and(|m| m.contains("201")),
            "{errors:?}"
        );
        draft.client = "x".repeat(limits::NAME_CHARS);
        assert!(draft.check().is_ok());
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
        member.weekly_capacity_hours = "169".into();
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
