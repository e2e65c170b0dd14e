//! Team members: who owns projects and tasks, and how many hours a week they have.

use crate::model::common::{Stamp, Stamped};
use crate::model::ids::MemberId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Days a member is away (first and last day included); the weeks they touch have less
/// capacity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOff {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl TimeOff {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
    pub stamp: Stamp,
    pub name: String,
    /// Free text such as "Account executive" or "Solutions engineer".
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    /// Hours a week this person can give to sales projects.
    pub weekly_capacity_hours: u32,
    /// What they are good at ("pricing", "security questionnaires" …), to pick who takes work.
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub time_off: Vec<TimeOff>,
}

impl Member {
    /// Whether the member is away on `day`.
    pub fn is_away(&self, day: NaiveDate) -> bool {
        self.time_off.iter().any(|t| t.covers(day))
    }
}

impl Stamped for Member {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
}
