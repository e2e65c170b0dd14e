//! Reminders on dated work. Pursuit's dates are days, so a reminder counts back from
//! [`REMINDER_HOUR`]:00 on the due day, in the person's own time zone: "at the due time" is
//! 09:00 that day, "1 day before" 09:00 the day before, "2 hours before" 07:00. A task or
//! milestone carries at most [`crate::model::limits::MAX_REMINDERS`], each at most
//! [`crate::model::limits::MAX_REMINDER_DAYS`] days ahead.
//!
//! While Pursuit is open, one tab shows a due reminder once (a browser notification if the
//! person allowed them, otherwise a notice in the page). When it is closed the browser
//! cannot remind anyone: the calendar export carries each reminder as a VALARM, so the
//! calendar app the person already uses does.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// The clock time a day's reminders count back from.
pub const REMINDER_HOUR: u32 = 9;

/// A reminder, as minutes before 09:00 on the due day (0: at the due time).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Reminder {
    pub before_minutes: u32,
}

/// The reminders the forms offer, in minutes before the due time.
pub const PRESETS: [(u32, &str); 5] = [
    (0, "At 09:00 on the due day"),
    (120, "2 hours before (07:00)"),
    (24 * 60, "1 day before"),
    (2 * 24 * 60, "2 days before"),
    (7 * 24 * 60, "1 week before"),
];

impl Reminder {
    /// When it fires for something due on `due`.
    pub fn fires_at(self, due: NaiveDate) -> NaiveDateTime {
        let at =
            due.and_time(NaiveTime::from_hms_opt(REMINDER_HOUR, 0, 0).unwrap_or(NaiveTime::MIN));
        at.checked_sub_signed(chrono::Duration::minutes(self.before_minutes.into()))
            .unwrap_or(at)
    }

    /// "1 day before", "at the due time".
    pub fn describe(self) -> String {
        let m = self.before_minutes;
        match (m / (24 * 60), m % (24 * 60)) {
            (0, 0) => "at the due time (09:00)".into(),
            (d, 0) if d.is_multiple_of(7) => plural(d / 7, "week"),
            (d, 0) => plural(d, "day"),
            _ if m.is_multiple_of(60) => plural(m / 60, "hour"),
            _ => plural(m, "minute"),
        }
    }

    /// Its VALARM trigger, relative to the start of the due day (an all-day event starts
    /// at midnight): 09:00 that day is `PT9H`, a day before at 09:00 is `-PT15H`.
    pub fn trigger(self) -> String {
        let offset = i64::from(REMINDER_HOUR) * 60 - i64::from(self.before_minutes);
        let sign = if offset < 0 { "-" } else { "" };
        let m = offset.unsigned_abs();
        let (h, m) = (m / 60, m % 60);
        match m {
            0 => format!("{sign}PT{h}H"),
            _ => format!("{sign}PT{h}H{m}M"),
        }
    }
}

fn plural(n: u32, unit: &str) -> String {
    format!("{n} {unit}{} before", if n == 1 { "" } else { "s" })
}

/// What is wrong with a list of reminders, or nothing (the documented ranges).
pub fn problem(reminders: &[Reminder]) -> Option<String> {
    use crate::model::limits::{MAX_REMINDERS, MAX_REMINDER_DAYS};
    if reminders.len() > MAX_REMINDERS {
        return Some(format!(
            "has {} reminders; at most {MAX_REMINDERS} are allowed",
            reminders.len()
        ));
    }
    reminders
        .iter()
        .find(|r| r.before_minutes > MAX_REMINDER_DAYS * 24 * 60)
        .map(|r| {
            format!(
                "has a reminder {} minutes ahead; at most {MAX_REMINDER_DAYS} days are allowed",
                r.before_minutes
            )
        })
}

/// The form's check of a list of reminders: a due date to count back from, and the limits.
pub fn check(
    errors: &mut crate::model::draft::FieldErrors,
    reminders: &[Reminder],
    due: Option<NaiveDate>,
    noun: &str,
) {
    if !reminders.is_empty() && due.is_none() {
        errors.add(
            "reminders",
            "A reminder needs a due date to count back from.",
        );
    }
    if let Some(p) = problem(reminders) {
        errors.add("reminders", format!("The {noun} {p}."));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminders_count_back_from_nine_on_the_due_day() {
        let due: NaiveDate = "2026-12-03".parse().unwrap();
        let at = |m| Reminder { before_minutes: m }.fires_at(due).to_string();
        assert_eq!(at(0), "2026-12-03 09:00:00");
        assert_eq!(at(120), "2026-12-03 07:00:00");
        assert_eq!(at(24 * 60), "2026-12-02 09:00:00");
        let t = |m| Reminder { before_minutes: m }.trigger();
        assert_eq!(
            (t(0), t(120), t(24 * 60), t(30)),
            (
                "PT9H".into(),
                "PT7H".into(),
                "-PT15H".into(),
                "PT8H30M".into()
            )
        );
        assert_eq!(
            Reminder {
                before_minutes: 7 * 24 * 60
            }
            .describe(),
            "1 week before"
        );
        assert_eq!(
            Reminder {
                before_minutes: 2 * 60
            }
            .describe(),
            "2 hours before"
        );
        assert!(problem(&[Reminder {
            before_minutes: 31 * 24 * 60
        }])
        .unwrap()
        .contains("at most 30 days"));
        assert!(problem(&[Reminder { before_minutes: 0 }; 4])
            .unwrap()
            .contains("at most 3"));
    }
}
