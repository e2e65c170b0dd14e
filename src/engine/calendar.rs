//! Working-day arithmetic: weekends and the workspace's holidays are not worked.
//!
//! A task of `n` working days that starts on day `s` finishes on the `n`-th working day
//! counted from `s` (inclusive); zero-length tasks are milestones that start and finish on
//! the same working day.
//!
//! Every function is total: dates outside the documented range (`model::limits`) are
//! moved into it and results saturate at its ends, so no stored or typed value can make
//! the arithmetic overflow.

use crate::model::limits::{clamp_date, EARLIEST_DATE, LATEST_DATE};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// More working days than the documented date range holds; moves are clamped to it.
const SPAN: i64 = 100_000;

/// Which days are worked. Arithmetic is O(log holidays), not O(days): a plan spanning years
/// schedules as fast as one spanning weeks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// Holidays that fall on weekdays, sorted and unique (weekend holidays change nothing).
    holidays: Vec<NaiveDate>,
    /// The positions of the first and last working days of the documented range.
    first: i64,
    last: i64,
}

impl Default for Calendar {
    fn default() -> Self {
        Self::new([])
    }
}

/// A Monday long before any sales plan: the earliest date allowed.
fn epoch() -> NaiveDate {
    EARLIEST_DATE
}

/// Weekdays in [epoch, day], for a day in the documented range.
fn weekdays_through(day: NaiveDate) -> i64 {
    let k = (clamp_date(day) - epoch()).num_days();
    5 * k.div_euclid(7) + (k.rem_euclid(7) + 1).min(5)
}

/// The weekday whose `weekdays_through` is `count`, clamped to the documented range.
fn weekday_numbered(count: i64) -> NaiveDate {
    let c = count.clamp(-SPAN, 2 * SPAN) - 1;
    clamp_date(epoch() + Duration::days(7 * c.div_euclid(5) + c.rem_euclid(5)))
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        let mut holidays: Vec<NaiveDate> = holidays
            .into_iter()
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
            .collect();
        crate::sorting::sort(&mut holidays);
        holidays.dedup();
        let mut cal = Self {
            holidays,
            first: 0,
            last: 0,
        };
        cal.first = cal.working_through(cal.on_or_after(EARLIEST_DATE));
        cal.last = cal.working_through(cal.on_or_before(LATEST_DATE));
        cal
    }

    /// The position of a working day: its number counting working days from the start of
    /// the documented range. Moving `n` working days is adding `n` to a position, so a
    /// scheduler counts in positions and turns them into dates once, with [`Self::day_at`].
    /// This is the position of the day itself if worked, else of the next working day.
    pub fn position_on_or_after(&self, day: NaiveDate) -> i64 {
        let through = self.working_through(day);
        let position = if self.is_working_day(clamp_date(day)) {
            through
        } else {
            through + 1
        };
        position.clamp(self.first, self.last)
    }

    /// The position of the day itself if worked, else of the previous working day.
    pub fn position_on_or_before(&self, day: NaiveDate) -> i64 {
        self.working_through(day).clamp(self.first, self.last)
    }

    /// A position moved into the documented range.
    pub fn clamp_position(&self, position: i64) -> i64 {
        position.clamp(self.first, self.last)
    }

    /// The working day at a position (saturating at the ends of the documented range).
    pub fn day_at(&self, position: i64) -> NaiveDate {
        self.working_numbered(position.clamp(self.first, self.last))
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
            && self.holidays.binary_search(&day).is_err()
    }

    /// Working days in [epoch, day].
    fn working_through(&self, day: NaiveDate) -> i64 {
        let day = clamp_date(day);
        weekdays_through(day) - self.holidays.partition_point(|h| *h <= day) as i64
    }

    /// The working day numbered `n` by `working_through`.
    fn working_numbered(&self, n: i64) -> NaiveDate {
        let mut skipped = 0;
        loop {
            let day = weekday_numbered(n + skipped);
            let holidays = self.holidays.partition_point(|h| *h <= day) as i64;
            if holidays == skipped {
                return self.on_or_before(day);
            }
            skipped = holidays;
        }
    }

    /// The day itself if worked, else the next working day (within the documented range;
    /// the last day of the range when none is left).
    pub fn on_or_after(&self, day: NaiveDate) -> NaiveDate {
        let mut day = clamp_date(day);
        while !self.is_working_day(day) {
            match day.succ_opt().filter(|d| *d <= LATEST_DATE) {
                Some(next) => day = next,
                None => return day,
            }
        }
        day
    }

    /// The day itself if worked, else the previous working day (within the documented
    /// range; the first day of the range when none is left).
    pub fn on_or_before(&self, day: NaiveDate) -> NaiveDate {
        let mut day = clamp_date(day);
        while !self.is_working_day(day) {
            match day.pred_opt().filter(|d| *d >= EARLIEST_DATE) {
                Some(previous) => day = previous,
                None => return day,
            }
        }
        day
    }

    /// Moves `n` working days from a working day (backwards when `n` is negative). From a
    /// day off, moves count from the previous working day. Saturates at the ends of the
    /// documented date range.
    pub fn add(&self, day: NaiveDate, n: i64) -> NaiveDate {
        if n == 0 {
            return day;
        }
        self.working_numbered(self.working_through(day) + n.clamp(-SPAN, SPAN))
    }

    /// Working days from `from` to `to`: positive when `to` is later, counting each working
    /// day after `from` up to and including `to`.
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        self.working_through(to) - self.working_through(from)
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
        crate::dates::parse_day(s).unwrap()
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

    /// The counting definitions, one day at a time.
    fn naive_add(cal: &Calendar, day: NaiveDate, n: i64) -> NaiveDate {
        let step = if n >= 0 { 1 } else { -1 };
        let (mut day, mut left) = (day, n.abs());
        while left > 0 {
            day += Duration::days(step);
            if cal.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    fn naive_between(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> i64 {
        let (a, b, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut n = 0;
        let mut day = a;
        while day < b {
            day += Duration::days(1);
            n += i64::from(cal.is_working_day(day));
        }
        n * sign
    }

    proptest::proptest! {
        /// Any date chrono can hold and any move: no panic, and the answer is in the
        /// documented range.
        #[test]
        fn arithmetic_is_total(day in -100_000_000i64..100_000_000, other in -100_000_000i64..100_000_000, n in proptest::num::i64::ANY, duration in proptest::num::u32::ANY) {
            use crate::model::limits::{EARLIEST_DATE, LATEST_DATE};
            let at = |k: i64| d("2000-01-01").checked_add_signed(Duration::days(k / 1_000)).unwrap_or(NaiveDate::MAX);
            let cal = Calendar::new([d("2026-12-25")]);
            let (a, b) = (at(day), at(other));
            for out in [cal.add(a, n), cal.on_or_after(a), cal.on_or_before(a), cal.finish(a, duration), cal.start_for(a, duration)] {
                proptest::prop_assert!((EARLIEST_DATE..=LATEST_DATE).contains(&out));
            }
            let _ = cal.between(a, b);
        }

        #[test]
        fn positions_agree_with_dates(start in 0i64..3000, n in -400i64..400, hol in proptest::collection::vec(0i64..3000, 0..40)) {
            let base = d("2024-01-01");
            let cal = Calendar::new(hol.iter().map(|h| base + Duration::days(*h)));
            let any = base + Duration::days(start);
            let after = cal.position_on_or_after(any);
            let before = cal.position_on_or_before(any);
            proptest::prop_assert_eq!(cal.day_at(after), cal.on_or_after(any));
            proptest::prop_assert_eq!(cal.day_at(before), cal.on_or_before(any));
            // Moving n working days is adding n to a position.
            let day = cal.on_or_after(any);
            proptest::prop_assert_eq!(cal.day_at(after + n), cal.add(day, n));
            proptest::prop_assert_eq!(cal.position_on_or_after(cal.add(day, n)) - after, n);
        }

        #[test]
        fn fast_arithmetic_matches_counting(start in 0i64..3000, n in -400i64..400, span in 0i64..900, hol in proptest::collection::vec(0i64..3000, 0..40)) {
            let base = d("2024-01-01");
            let cal = Calendar::new(hol.iter().map(|h| base + Duration::days(*h)));
            let day = cal.on_or_after(base + Duration::days(start));
            proptest::prop_assert_eq!(cal.add(day, n), naive_add(&cal, day, n));
            let other = base + Duration::days(start + span - 450);
            proptest::prop_assert_eq!(cal.between(day, other), naive_between(&cal, day, other));
            proptest::prop_assert_eq!(cal.between(other, day), naive_between(&cal, other, day));
        }
    }
}
