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

impl crate::model::ranges::Limited for Member {
    const NOUN: &'static str = "member";
    fn name(&self) -> std::borrow::Cow<'_, str> {
        self.name.as_str().into()
    }
    fn limits(&self, c: &mut dyn crate::model::ranges::Check) {
        use crate::model::limits::*;
        let hours = self.weekly_capacity_hours;
        if hours > MAX_WEEKLY_HOURS {
            c.broken(format_args!("weekly_capacity_hours"), &|who| {
                format!(
                    "{who}: {hours} hours a week is more than a week has (at most {MAX_WEEKLY_HOURS})"
                )
            });
        }
        c.text(format_args!("name"), "name", &self.name, NAME_CHARS);
        c.text(format_args!("role"), "role", &self.role, NAME_CHARS);
        c.texts(format_args!("skills"), "skill", &self.skills, NAME_CHARS);
        let off = self.time_off.len();
        c.count(
            format_args!("time_off"),
            "periods of time off",
            off,
            MAX_TIME_OFF,
        );
        for (j, t) in self.time_off.iter().enumerate() {
            c.date(format_args!("time_off[{j}].from"), "first day off", t.from);
            c.date(format_args!("time_off[{j}].to"), "last day off", t.to);
            if t.to < t.from {
                c.broken(format_args!("time_off[{j}]"), &|who| {
                    format!(
                        "{who}: time off ends ({}) before it starts ({})",
                        t.to, t.from
                    )
                });
            }
        }
        c.text(
            format_args!("email"),
            "e-mail address",
            &self.email,
            EMAIL_CHARS,
        );
    }
}
