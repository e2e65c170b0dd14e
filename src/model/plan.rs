//! Milestones and tasks: the plan that takes a project from today to its target date.

use crate::model::common::{Stamp, Stamped};
use crate::model::ids::{MemberId, MilestoneId, ProjectId, TaskId};
use crate::model::project::Stage;
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
}

/// For `skip_serializing_if`: a flag that is off is left out of files and storage.
pub fn is_false(b: &bool) -> bool {
    !*b
}

impl Stamped for Milestone {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
}

impl crate::model::common::InProject for Milestone {
    fn project_id(&self) -> ProjectId {
        self.project_id
    }

    fn record_id(&self) -> uuid::Uuid {
        self.id.0
    }
}

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
}

fn one_day() -> u32 {
    1
}

impl Stamped for Task {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
}

impl crate::model::common::InProject for Task {
    fn project_id(&self) -> ProjectId {
        self.project_id
    }

    fn record_id(&self) -> uuid::Uuid {
        self.id.0
    }
}

impl Task {
    pub fn is_done(&self) -> bool {
        self.status == TaskStatus::Done
    }
}

impl crate::model::ranges::Limited for Milestone {
    const NOUN: &'static str = "milestone";
    fn name(&self) -> std::borrow::Cow<'_, str> {
        self.name.as_str().into()
    }
    fn limits(&self, c: &mut dyn crate::model::ranges::Check) {
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

impl crate::model::ranges::Limited for Task {
    const NOUN: &'static str = "task";
    fn name(&self) -> std::borrow::Cow<'_, str> {
        self.title.as_str().into()
    }
    fn limits(&self, c: &mut dyn crate::model::ranges::Check) {
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
    }
}
