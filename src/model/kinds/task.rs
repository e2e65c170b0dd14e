//! Tasks: the work of a plan, with owners, dates, effort and dependencies.
//! Everything about the kind is here: the record, the form as typed and the input it
//! checks into (the command saves that input), its limits, and its place in the
//! declaration (`project_records!`).

use crate::model::common::{group_thousands, Stamp};
use crate::model::draft::{date_text, parse_date, required_text, FieldErrors};
use crate::model::ids::*;
use crate::model::limits::{self};
use crate::model::ranges::{Check, Limited};
use crate::model::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The state of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Todo,
    InProgress,
    Blocked,
    Done,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 4] = [Self::Todo, Self::InProgress, Self::Blocked, Self::Done];

    pub fn label(self) -> &'static str {
        match self {
            Self::Todo => "To do",
            Self::InProgress => "In progress",
            Self::Blocked => "Blocked",
            Self::Done => "Done",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Todo => "todo",
            Self::InProgress => "in_progress",
            Self::Blocked => "blocked",
            Self::Done => "done",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A finish-to-start dependency: this task starts `lag_days` working days after `task` ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dependency {
    pub task: TaskId,
    #[serde(default)]
    pub lag_days: i32,
}

/// A piece of work with an owner and a deadline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    pub stamp: Stamp,
    pub project_id: ProjectId,
    #[serde(default)]
    pub milestone_id: Option<MilestoneId>,
    pub title: String,
    #[serde(default)]
    pub owner: Option<MemberId>,
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// Effort in hours; spread over the task's working days for workload.
    #[serde(default)]
    pub estimate_hours: f64,
    /// Length in working days, used by the scheduler.
    #[serde(default = "one_day")]
    pub duration_days: u32,
    pub status: TaskStatus,
    #[serde(default)]
    pub depends_on: Vec<Dependency>,
    /// A start the team fixed by moving the task on the timeline ("not before this day");
    /// otherwise the task starts as soon as its predecessors allow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    /// Position within the project's task list; lower comes first.
    pub order: i64,
    /// Agreed with the client: a step of the mutual action plan the client's update shows.
    #[serde(default, skip_serializing_if = "is_false")]
    pub with_client: bool,
    /// Who on the client's side owns the step (one of the project's people), for the
    /// mutual action plan; our owner stays in `owner`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_owner: Option<crate::model::StakeholderId>,
    /// Out of the Today list until this day (snoozed there); `None` when not snoozed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<NaiveDate>,
    /// Recurring work: the rule its occurrences follow. The task is due on its current
    /// occurrence; ticking it off moves it to the next ([`crate::model::recurrence`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence: Option<crate::model::recurrence::Recurrence>,
    /// When to remind its owner, counted back from 09:00 on the due day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reminders: Vec<crate::model::reminder::Reminder>,
}

fn one_day() -> u32 {
    1
}

stamped!(Task);

impl Task {
    pub fn is_done(&self) -> bool {
        self.status == TaskStatus::Done
    }
}

impl Limited for Task {
    const NOUN: &'static str = "task";
    fn name(&self) -> std::borrow::Cow<'_, str> {
        self.title.as_str().into()
    }
    fn limits(&self, c: &mut dyn Check) {
        c.opt_date(
            format_args!("snoozed_until"),
            "snoozed until",
            self.snoozed_until,
        );
        use crate::model::limits::*;
        use crate::model::ranges::quoted;
        let hours = self.estimate_hours;
        if !hours.is_finite() || hours < 0.0 {
            c.broken(format_args!("estimate_hours"), &|_| {
                format!("task {} has a negative estimate", quoted(&self.title))
            });
        }
        c.text(format_args!("title"), "title", &self.title, NAME_CHARS);
        c.opt_date(format_args!("due_date"), "due date", self.due_date);
        c.opt_date(format_args!("start_date"), "fixed start", self.start_date);
        c.opt_date(
            format_args!("completed_on"),
            "completion date",
            self.completed_on,
        );
        c.plan(self.duration_days, self.depends_on.len());
        if hours.is_finite() && hours > MAX_ESTIMATE_HOURS {
            c.broken(format_args!("estimate_hours"), &|which| {
                format!(
                    "{which}: the estimate is {hours} hours; at most {} are allowed",
                    crate::model::common::group_thousands(MAX_ESTIMATE_HOURS as u64)
                )
            });
        }
        let lag = i64::from(MAX_LAG_DAYS);
        for (j, d) in self.depends_on.iter().enumerate() {
            let at = format_args!("depends_on[{j}].lag_days");
            c.whole(at, "lag", d.lag_days.into(), -lag, lag, " working days");
        }
        c.order(format_args!("order"), self.order);
        if let Some(problem) = self.recurrence.as_ref().and_then(|r| r.problem()) {
            c.broken(format_args!("recurrence"), &|which| {
                format!("{which}: it {problem}")
            });
        }
        if let Some(r) = &self.recurrence {
            c.date(
                format_args!("recurrence.start"),
                "first occurrence",
                r.start,
            );
            c.opt_date(format_args!("recurrence.until"), "last occurrence", r.until);
        }
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
    pub repeat: crate::model::recurrence::RepeatDraft,
    /// Reminders ticked, in minutes before the due time.
    pub reminders: Vec<crate::model::reminder::Reminder>,
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
    /// The rule it repeats by, if it recurs.
    pub recurrence: Option<crate::model::recurrence::Recurrence>,
    pub reminders: Vec<crate::model::reminder::Reminder>,
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
            recurrence: t.recurrence.clone(),
            reminders: t.reminders.clone(),
        }
    }
}

/// Recurring tasks made in one click, without the form.
impl TaskInput {
    /// A recurring task in one click, without a form: `title`, owned by `owner`, first due on
    /// `first`, then every `interval` of `frequency` (on `first`'s weekday when weekly).
    pub fn recurring(
        title: String,
        owner: Option<crate::model::MemberId>,
        first: NaiveDate,
        frequency: crate::model::recurrence::Frequency,
        interval: u32,
    ) -> Self {
        Self {
            title,
            owner,
            milestone_id: None,
            due_date: Some(first),
            estimate_hours: 0.5,
            duration_days: 1,
            status: crate::model::TaskStatus::Todo,
            with_client: false,
            client_owner: None,
            reminders: Vec::new(),
            recurrence: Some(crate::model::recurrence::Recurrence {
                start: first,
                frequency,
                interval,
                weekdays: if frequency == crate::model::recurrence::Frequency::Weekly {
                    vec![chrono::Datelike::weekday(&first)]
                } else {
                    Vec::new()
                },
                month_day: None,
                until: None,
                count: None,
                skip_holidays: false,
                done: 0,
            }),
        }
    }

    /// The weekly status update as a recurring task: due a week from today, then weekly.
    pub fn weekly_update(
        project: &str,
        owner: Option<crate::model::MemberId>,
        today: NaiveDate,
    ) -> Self {
        let first = crate::model::limits::add_days(today, 7);
        Self::recurring(
            format!("Send the weekly status update for {project}"),
            owner,
            first,
            crate::model::recurrence::Frequency::Weekly,
            1,
        )
    }

    /// A person's contact cadence as a recurring task: due when the cadence next falls due
    /// (today when it is already past), then at the cadence (weekly, every two weeks, monthly).
    pub fn cadence(
        person: &crate::model::Stakeholder,
        owner: Option<crate::model::MemberId>,
        today: NaiveDate,
    ) -> Option<Self> {
        let cadence = person.cadence?;
        let due = person
            .last_contact
            .map(|d| crate::model::limits::add_days(d, cadence.days()))
            .unwrap_or(today)
            .max(today);
        let (frequency, interval) = match cadence {
            crate::model::Cadence::Weekly => (crate::model::recurrence::Frequency::Weekly, 1),
            crate::model::Cadence::Fortnightly => (crate::model::recurrence::Frequency::Weekly, 2),
            crate::model::Cadence::Monthly => (crate::model::recurrence::Frequency::Monthly, 1),
        };
        Some(Self::recurring(
            format!("Contact {}", person.name),
            owner,
            due,
            frequency,
            interval,
        ))
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
            repeat: crate::model::recurrence::RepeatDraft::none(),
            reminders: Vec::new(),
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
            repeat: crate::model::recurrence::RepeatDraft::of(t.recurrence.as_ref()),
            reminders: t.reminders.clone(),
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
        let recurrence = self.repeat.check(&mut errors, due_date);
        // A recurring task is due on its rule's first date on or after the one typed.
        let due_date = match (&recurrence, self.repeat.series) {
            (Some(r), true) => r.dates(1).first().copied().or(due_date),
            _ => due_date,
        };
        crate::model::reminder::check(&mut errors, &self.reminders, due_date, "task");
        errors.into_result(|| TaskInput {
            reminders: self.reminders.clone(),
            recurrence,
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
