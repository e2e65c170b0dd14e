//! Team members: who owns projects and tasks, and how many hours a week they have.

use crate::model::common::Stamp;
use crate::model::draft::{date_text, required_text, FieldErrors};
use crate::model::ids::*;
use crate::model::limits::{self};
use crate::model::ranges::{Check, Limited};
use crate::model::*;
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

impl Limited for Member {
    const NOUN: &'static str = "member";
    fn name(&self) -> std::borrow::Cow<'_, str> {
        self.name.as_str().into()
    }
    fn limits(&self, c: &mut dyn Check) {
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
    pub time_off: Vec<crate::model::TimeOff>,
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
        let email = crate::model::draft::email_text(&mut errors, "email", &self.email);
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
fn time_off_lines(errors: &mut FieldErrors, text: &str) -> Vec<crate::model::TimeOff> {
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
        let day = |t: &str| crate::dates::parse_day(t).filter(|d| limits::date_in_range(*d));
        match (day(a), day(b)) {
            (Some(from), Some(to)) if from <= to => out.push(crate::model::TimeOff { from, to }),
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
