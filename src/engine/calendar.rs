//! Working-day arithmetic: weekends and the workspace's holidays are not worked.
//!
//! A task of `n` working days that starts on day `s` finishes on the `n`-th working day
//! counted from `s` (inclusive); zero-length tasks are milestones that start and finish on
//! the same working day.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::HashSet;

/// Which days are worked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    holidays: HashSet<NaiveDate>,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        Self {
            holidays: holidays.into_iter().collect(),
        }
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&day)
    }

    /// The day itself if worked, else the next working day.
    pub fn on_or_after(&self, mut day: NaiveDate) -> NaiveDate {
        while !self.is_working_day(day) {
            day += Duration::days(1);
        }
        day
    }

    /// The day itself if worked, else the previous working day.
    pub fn on_or_before(&self, mut day: NaiveDate) -> NaiveDate {
        while !self.is_working_day(day) {
            day -= Duration::days(1);
        }
        day
    }

    /// Moves `n` working days from a working day (backwards when `n` is negative).
    pub fn add(&self, day: NaiveDate, n: i64) -> NaiveDate {
        let step = if n >= 0 { 1 } else { -1 };
        let mut day = day;
        let mut left = n.abs();
        while left > 0 {
            day += Duration::days(step);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days from `from` to `to`: positive when `to` is later, counting each working
    /// day after `from` up to and including `to`.
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let (a, b, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut n = 0;
        let mut day = a;
        while day < b {
            day += Duration::days(1);
            if self.is_working_day(day) {
                n += 1;
            }
        }
        n * sign
    }

    /// The finish of a task of `duration` working days starting on working day `start`.
    pub fn finish(&self, start: NaiveDate, duration: u32) -> NaiveDate {
        self.add(start, i64::from(duration.max(1)) - 1)
    }

    /// The start of a task of `duration` working days finishing on working day `finish`.
    pub fn start_for(&self, finish: NaiveDate, duration: u32) -> NaiveDate {
        self.add(finish, -(i64::from(duration.max(1)) - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn working_day_arithmetic_table() {
        let cal = Calendar::new([d("2026-12-25"), d("2027-01-01")]);
        // (from, n, expected)
        let cases = [
            ("2026-11-20", 1, "2026-11-23"),  // Friday + 1 → Monday
            ("2026-11-23", -1, "2026-11-20"), // Monday − 1 → Friday
            ("2026-11-23", 5, "2026-11-30"),  // a week, across a month end
            ("2026-12-24", 1, "2026-12-28"),  // over Christmas and a weekend
            ("2026-12-31", 1, "2027-01-04"),  // over New Year's day and a weekend: year end
            ("2027-01-04", -2, "2026-12-30"),
            ("2028-02-28", 1, "2028-02-29"), // leap day is a Tuesday
            ("2026-11-23", 0, "2026-11-23"),
        ];
        for (from, n, expected) in cases {
            assert_eq!(cal.add(d(from), n), d(expected), "{from} + {n}");
            assert_eq!(
                cal.between(d(from), d(expected)),
                n,
                "between {from} and {expected}"
            );
        }
        assert_eq!(cal.on_or_after(d("2026-11-21")), d("2026-11-23"));
        assert_eq!(cal.on_or_before(d("2026-12-25")), d("2026-12-24"));
        assert_eq!(cal.finish(d("2026-11-19"), 3), d("2026-11-23"));
        assert_eq!(cal.start_for(d("2026-11-23"), 3), d("2026-11-19"));
        assert_eq!(cal.finish(d("2026-11-19"), 0), d("2026-11-19"));
    }
}
