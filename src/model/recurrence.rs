//! Recurring work: the rule a repeating task follows (every N days, weeks on chosen
//! weekdays, or months on a day or on "the second Tuesday"; until a date or for a count),
//! and the dates it makes. The dates follow RFC 5545's RRULE for all-day events: a monthly
//! rule on a day a month lacks (the 31st in April) skips that month, as calendars do, and
//! `count` counts the occurrences the rule makes, before holidays are skipped (an EXDATE).
//!
//! A recurring task is one record that moves from occurrence to occurrence: ticking it off
//! moves its due date to the rule's next date (from the rule, not from the day it was
//! ticked) and counts the occurrence done; after the last one it stays done.

use crate::dates::Written;
use crate::model::limits::{MAX_RECUR_COUNT, MAX_RECUR_INTERVAL};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

choices!(
    /// The unit a rule repeats in.
    Frequency {
        Daily => "daily", "Days";
        Weekly => "weekly", "Weeks";
        Monthly => "monthly", "Months";
    }
);

/// Which day of the month a monthly rule lands on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthDay {
    /// The same day number each month (1–31); `-1` is the last day.
    Day(i8),
    /// The nth weekday of the month (1–4; `-1` is the last): "the second Tuesday".
    Nth { nth: i8, weekday: Weekday },
}

/// The rule a recurring task follows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recurrence {
    /// The first occurrence; the rule's dates count from it.
    pub start: NaiveDate,
    pub frequency: Frequency,
    /// Every this many days, weeks or months (1 to [`MAX_RECUR_INTERVAL`]).
    #[serde(default = "one")]
    pub interval: u32,
    /// Weekly: the weekdays it falls on (none: the start's weekday).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<Weekday>,
    /// Monthly: the day it lands on (none: the start's day of the month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month_day: Option<MonthDay>,
    /// The last day an occurrence may fall on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// How many occurrences there are in all (1 to [`MAX_RECUR_COUNT`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Occurrences on a holiday of the team calendar are left out.
    #[serde(default, skip_serializing_if = "is_false")]
    pub skip_holidays: bool,
    /// Occurrences ticked off so far.
    #[serde(default)]
    pub done: u32,
}

fn one() -> u32 {
    1
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Recurrence {
    /// Every date the rule makes, in order, up to `limit` of them (holidays not skipped).
    pub fn dates(&self, limit: usize) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        self.walk(|d| {
            out.push(d);
            out.len() < limit
        });
        out
    }

    /// The occurrence after `current` (the date it is due now), if the rule makes one.
    pub fn after(&self, current: NaiveDate) -> Option<NaiveDate> {
        let mut next = None;
        self.walk(|d| {
            if d > current {
                next = Some(d);
            }
            next.is_none()
        });
        next
    }

    /// The occurrence after `current`, stepping over `holidays` when the rule skips them.
    pub fn next_after(&self, current: NaiveDate, holidays: &[NaiveDate]) -> Option<NaiveDate> {
        let mut next = self.after(current);
        while let Some(day) = next.filter(|d| self.skip_holidays && holidays.contains(d)) {
            next = self.after(day);
        }
        next
    }

    /// The occurrences after `current` up to and including `until` (holidays skipped when
    /// the rule says so): what a recurring task will ask for beyond its current date.
    pub fn occurrences_after(
        &self,
        current: NaiveDate,
        until: NaiveDate,
        holidays: &[NaiveDate],
    ) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut at = current;
        while let Some(next) = self.next_after(at, holidays).filter(|d| *d <= until) {
            out.push(next);
            at = next;
        }
        out
    }

    /// Visits the rule's dates in order while `visit` answers true; stops at the count, the
    /// end date, or after 1,000 periods in a row without a date (a rule that makes nothing).
    fn walk(&self, mut visit: impl FnMut(NaiveDate) -> bool) {
        let interval = self.interval.clamp(1, MAX_RECUR_INTERVAL);
        let mut made: u32 = 0;
        let mut empty = 0;
        let mut period: u32 = 0;
        while empty < 1000 {
            let found = self.period_dates(period.saturating_mul(interval));
            if found.iter().all(|d| *d < self.start) {
                empty += 1;
            } else {
                empty = 0;
            }
            for d in found.into_iter().filter(|d| *d >= self.start) {
                if self.until.is_some_and(|u| d > u) || self.count.is_some_and(|c| made >= c) {
                    return;
                }
                made += 1;
                if !visit(d) {
                    return;
                }
            }
            period = match period.checked_add(1) {
                Some(p) => p,
                None => return,
            };
        }
    }

    /// The dates of the period `offset` days, weeks or months after the start's.
    fn period_dates(&self, offset: u32) -> Vec<NaiveDate> {
        match self.frequency {
            Frequency::Daily => self
                .start
                .checked_add_days(Days::new(offset.into()))
                .into_iter()
                .collect(),
            Frequency::Weekly => {
                let monday = self.start.week(Weekday::Mon).first_day();
                let Some(week) = monday.checked_add_days(Days::new(u64::from(offset) * 7)) else {
                    return Vec::new();
                };
                let mut days: Vec<u32> = if self.weekdays.is_empty() {
                    vec![self.start.weekday().num_days_from_monday()]
                } else {
                    self.weekdays
                        .iter()
                        .map(|w| w.num_days_from_monday())
                        .collect()
                };
                crate::sorting::sort(&mut days);
                days.dedup();
                days.into_iter()
                    .filter_map(|d| week.checked_add_days(Days::new(d.into())))
                    .collect()
            }
            Frequency::Monthly => {
                let first = self.start.with_day(1).unwrap_or(self.start);
                let Some(month) = first.checked_add_months(Months::new(offset)) else {
                    return Vec::new();
                };
                let rule = self
                    .month_day
                    .unwrap_or(MonthDay::Day(self.start.day() as i8));
                day_in_month(month, rule).into_iter().collect()
            }
        }
    }

    /// The rule as RFC 5545 writes it: `FREQ=MONTHLY;INTERVAL=1;BYDAY=2TU;COUNT=6`.
    pub fn rrule(&self) -> String {
        let mut parts = vec![format!("FREQ={}", self.frequency.key().to_uppercase())];
        parts.push(format!("INTERVAL={}", self.interval.max(1)));
        match self.frequency {
            Frequency::Weekly if !self.weekdays.is_empty() => {
                let days: Vec<&str> = self.weekdays.iter().map(|w| ical_day(*w)).collect();
                parts.push(format!("BYDAY={}", days.join(",")));
            }
            Frequency::Monthly => match self.month_day {
                Some(MonthDay::Day(d)) => parts.push(format!("BYMONTHDAY={d}")),
                Some(MonthDay::Nth { nth, weekday }) => {
                    parts.push(format!("BYDAY={nth}{}", ical_day(weekday)))
                }
                None => {}
            },
            _ => {}
        }
        if let Some(until) = self.until {
            parts.push(format!("UNTIL={}", until.written("%Y%m%d")));
        }
        if let Some(count) = self.count {
            parts.push(format!("COUNT={count}"));
        }
        parts.join(";")
    }

    /// In words: "Every 2 weeks on Mon, Thu until 31 Mar 2027".
    pub fn describe(&self) -> String {
        let unit = match (self.frequency, self.interval) {
            (Frequency::Daily, 1) => "Every day".to_string(),
            (Frequency::Weekly, 1) => "Every week".to_string(),
            (Frequency::Monthly, 1) => "Every month".to_string(),
            (f, n) => format!("Every {n} {}", f.label().to_lowercase()),
        };
        let on = match self.frequency {
            Frequency::Weekly if !self.weekdays.is_empty() => {
                let days: Vec<String> = self.weekdays.iter().map(|w| w.to_string()).collect();
                format!(" on {}", days.join(", "))
            }
            Frequency::Monthly => match self.month_day {
                Some(MonthDay::Day(-1)) => " on the last day".into(),
                Some(MonthDay::Day(d)) => format!(" on day {d}"),
                Some(MonthDay::Nth { nth, weekday }) => {
                    format!(" on the {} {weekday}", ordinal(nth))
                }
                None => String::new(),
            },
            _ => String::new(),
        };
        let end = match (self.until, self.count) {
            (Some(u), _) => format!(" until {}", crate::model::day(u)),
            (None, Some(c)) => format!(", {c} times"),
            (None, None) => String::new(),
        };
        format!("{unit}{on}{end}")
    }

    /// What is wrong with the rule, in words, or nothing: the documented ranges, and a rule
    /// that makes no occurrence at all.
    pub fn problem(&self) -> Option<String> {
        if !(1..=MAX_RECUR_INTERVAL).contains(&self.interval) {
            return Some(format!(
                "repeats every 1 to {MAX_RECUR_INTERVAL} {}, not {}",
                self.frequency.label().to_lowercase(),
                self.interval
            ));
        }
        if let Some(c) = self.count.filter(|c| !(1..=MAX_RECUR_COUNT).contains(c)) {
            return Some(format!("repeats 1 to {MAX_RECUR_COUNT} times, not {c}"));
        }
        if let Some(MonthDay::Day(d)) = self.month_day {
            if d == 0 || !(-1..=31).contains(&d) {
                return Some(format!(
                    "falls on day 1 to 31 of the month (or the last), not {d}"
                ));
            }
        }
        if let Some(MonthDay::Nth { nth, .. }) = self.month_day {
            if nth == 0 || !(-1..=4).contains(&nth) {
                return Some(format!(
                    "falls on the first to fourth (or last) weekday of the month, not {nth}"
                ));
            }
        }
        if self.until.is_some_and(|u| u < self.start) {
            return Some("ends before it starts".into());
        }
        if self.dates(1).is_empty() {
            return Some(format!(
                "{} makes no occurrence; choose another day or a later end",
                self.describe()
            ));
        }
        None
    }
}

/// The day of `month` (its first day) a monthly rule lands on, if the month has it.
fn day_in_month(month: NaiveDate, rule: MonthDay) -> Option<NaiveDate> {
    let next = month.checked_add_months(Months::new(1))?;
    let last = next.pred_opt()?;
    match rule {
        MonthDay::Day(-1) => Some(last),
        MonthDay::Day(d) if d >= 1 => month.with_day(d as u32),
        MonthDay::Day(_) => None,
        MonthDay::Nth { nth, weekday } if nth >= 1 => {
            let first =
                (7 + weekday.num_days_from_monday() - month.weekday().num_days_from_monday()) % 7;
            let d = month.checked_add_days(Days::new(u64::from(first) + 7 * (nth as u64 - 1)))?;
            (d.month() == month.month()).then_some(d)
        }
        MonthDay::Nth { weekday, .. } => {
            let back =
                (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
            last.checked_sub_days(Days::new(back.into()))
        }
    }
}

fn ical_day(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

fn ordinal(n: i8) -> &'static str {
    match n {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        _ => "last",
    }
}

/// The repeat part of the task form as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct RepeatDraft {
    /// `None`: the task does not repeat.
    pub frequency: Option<Frequency>,
    pub interval: String,
    pub weekdays: Vec<Weekday>,
    /// Monthly: "day" (the due date's day), "nth" (its weekday as the nth of the month, or
    /// the last), "last" (the month's last day).
    pub monthly: String,
    /// "never", "until" or "count".
    pub ends: String,
    pub until: String,
    /// Occurrences from this one on.
    pub count: String,
    pub skip_holidays: bool,
    /// Editing a recurring task: the whole series moves with this occurrence ("this and
    /// later"); off, only this occurrence's date changes ("this one").
    pub series: bool,
    /// The rule the task has now, kept for "this one".
    pub current: Option<Recurrence>,
}

impl RepeatDraft {
    pub fn none() -> Self {
        Self {
            frequency: None,
            interval: "1".into(),
            weekdays: Vec::new(),
            monthly: "day".into(),
            ends: "never".into(),
            until: String::new(),
            count: String::new(),
            skip_holidays: false,
            series: true,
            current: None,
        }
    }

    pub fn of(rule: Option<&Recurrence>) -> Self {
        let Some(r) = rule else {
            return Self::none();
        };
        Self {
            frequency: Some(r.frequency),
            interval: r.interval.to_string(),
            weekdays: r.weekdays.clone(),
            monthly: match r.month_day {
                Some(MonthDay::Nth { .. }) => "nth",
                Some(MonthDay::Day(-1)) => "last",
                _ => "day",
            }
            .into(),
            ends: match (r.until, r.count) {
                (Some(_), _) => "until",
                (None, Some(_)) => "count",
                (None, None) => "never",
            }
            .into(),
            until: r.until.map(|d| d.to_string()).unwrap_or_default(),
            count: r
                .count
                .map(|c| c.saturating_sub(r.done).max(1).to_string())
                .unwrap_or_default(),
            skip_holidays: r.skip_holidays,
            series: true,
            current: Some(r.clone()),
        }
    }

    /// The rule the form describes, starting on `due` (the task's due date), or why not
    /// (errors under `repeat`, `repeat_interval`, `repeat_until`, `repeat_count`).
    pub fn check(
        &self,
        errors: &mut crate::model::draft::FieldErrors,
        due: Option<NaiveDate>,
    ) -> Option<Recurrence> {
        let frequency = self.frequency?;
        if let (Some(current), false) = (&self.current, self.series) {
            return Some(current.clone());
        }
        let Some(start) = due else {
            errors.add(
                "due_date",
                "A recurring task needs a due date: its first occurrence.",
            );
            return None;
        };
        let interval = match self.interval.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_RECUR_INTERVAL).contains(&n) => n,
            _ => {
                errors.add(
                    "repeat_interval",
                    format!("Repeat every 1 to {MAX_RECUR_INTERVAL}."),
                );
                1
            }
        };
        let month_day = (frequency == Frequency::Monthly).then(|| match self.monthly.as_str() {
            "last" => MonthDay::Day(-1),
            "nth" => {
                let nth = (start.day0() / 7 + 1) as i8;
                MonthDay::Nth {
                    nth: if nth > 4 { -1 } else { nth },
                    weekday: start.weekday(),
                }
            }
            _ => MonthDay::Day(start.day() as i8),
        });
        let until = (self.ends == "until")
            .then(|| crate::model::draft::parse_date(errors, "repeat_until", &self.until, true))
            .flatten();
        if until.is_some_and(|u| u < start) {
            errors.add(
                "repeat_until",
                "The last occurrence can't be before the first (the due date).",
            );
        }
        let count = (self.ends == "count").then(|| match self.count.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_RECUR_COUNT).contains(&n) => n,
            _ => {
                errors.add(
                    "repeat_count",
                    format!("Repeat 1 to {MAX_RECUR_COUNT} times."),
                );
                1
            }
        });
        let rule = Recurrence {
            start,
            frequency,
            interval,
            weekdays: if frequency == Frequency::Weekly {
                self.weekdays.clone()
            } else {
                Vec::new()
            },
            month_day,
            until,
            count,
            skip_holidays: self.skip_holidays,
            done: 0,
        };
        if let Some(problem) = rule.problem() {
            errors.add("repeat", format!("This rule {problem}."));
        }
        Some(rule)
    }
}
