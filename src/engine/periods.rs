//! Sales periods: months, quarters and fiscal years, with the fiscal year starting in the
//! month the workspace's settings name (see `metrics.md`).

use crate::dates::Written;
use crate::engine::calendar::Calendar;
use crate::model::{Period, PeriodKind};
use chrono::{Datelike, Months, NaiveDate};

/// The first of a month; dates at the ends of chrono's range saturate instead of panicking
/// (stored data can hold any date; validation reports it).
fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month.clamp(1, 12), 1).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

fn plus_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

fn minus_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(n))
        .unwrap_or(NaiveDate::MIN)
}

/// The period of `kind` that contains `day`.
pub fn period_of(kind: PeriodKind, day: NaiveDate, fiscal_start_month: u32) -> Period {
    let fy = fiscal_start_month.clamp(1, 12);
    let start = match kind {
        PeriodKind::Month => first_of(day.year(), day.month()),
        PeriodKind::FiscalYear | PeriodKind::Quarter => {
            // Months since the fiscal year began.
            let offset = (day.month() as i32 - fy as i32).rem_euclid(12) as u32;
            let fy_start = minus_months(
                first_of(day.year(), fy),
                if day.month() < fy { 12 } else { 0 },
            );
            if kind == PeriodKind::FiscalYear {
                fy_start
            } else {
                plus_months(fy_start, offset / 3 * 3)
            }
        }
    };
    Period { kind, start }
}

/// The first day after the period.
pub fn end_of(p: Period) -> NaiveDate {
    plus_months(
        p.start,
        match p.kind {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::FiscalYear => 12,
        },
    )
}

pub fn contains(p: Period, day: NaiveDate) -> bool {
    day >= p.start && day < end_of(p)
}

/// The period after `p`, and the one before.
pub fn next(p: Period) -> Period {
    Period {
        kind: p.kind,
        start: end_of(p),
    }
}

pub fn previous(p: Period) -> Period {
    let back = match p.kind {
        PeriodKind::Month => 1,
        PeriodKind::Quarter => 3,
        PeriodKind::FiscalYear => 12,
    };
    Period {
        kind: p.kind,
        start: minus_months(p.start, back),
    }
}

/// "Nov 2026", "Q3 FY 2026", "FY 2026–27" (a fiscal year that starts in January is just the year).
pub fn label(p: Period, fiscal_start_month: u32) -> String {
    let fy = period_of(PeriodKind::FiscalYear, p.start, fiscal_start_month);
    let fy_name = if fy.start.month() == 1 {
        format!("FY {}", fy.start.year())
    } else {
        format!("FY {}–{:02}", fy.start.year(), (fy.start.year() + 1) % 100)
    };
    match p.kind {
        PeriodKind::Month => p.start.written("%b %Y").to_string(),
        PeriodKind::FiscalYear => fy_name,
        PeriodKind::Quarter => {
            let q = (p.start.year() * 12 + p.start.month() as i32
                - fy.start.year() * 12
                - fy.start.month() as i32)
                / 3
                + 1;
            format!("Q{q} {fy_name}")
        }
    }
}

/// Working days from `today` (inclusive) to the period's end; zero when it is over.
pub fn working_days_left(p: Period, today: NaiveDate, cal: &Calendar) -> i64 {
    let end = end_of(p);
    if today >= end {
        return 0;
    }
    let from = today.max(p.start);
    // `between` counts days after `from`; add `from` itself when it is worked.
    cal.between(from, end.pred_opt().unwrap_or(end)) + i64::from(cal.is_working_day(from))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse_day(s).unwrap()
    }

    #[test]
    fn periods_with_a_fiscal_year_starting_in_april() {
        use PeriodKind::*;
        // (kind, day, fiscal start month, expected start, expected label)
        let cases = [
            (Quarter, "2026-11-22", 4, "2026-10-01", "Q3 FY 2026–27"),
            (Quarter, "2027-03-31", 4, "2027-01-01", "Q4 FY 2026–27"),
            (Quarter, "2027-04-01", 4, "2027-04-01", "Q1 FY 2027–28"),
            (FiscalYear, "2027-03-31", 4, "2026-04-01", "FY 2026–27"),
            (FiscalYear, "2026-04-01", 4, "2026-04-01", "FY 2026–27"),
            (Quarter, "2026-12-31", 1, "2026-10-01", "Q4 FY 2026"),
            (FiscalYear, "2026-12-31", 1, "2026-01-01", "FY 2026"),
            (Month, "2028-02-29", 4, "2028-02-01", "Feb 2028"),
            (Quarter, "2028-02-29", 11, "2028-02-01", "Q2 FY 2027–28"),
        ];
        for (kind, day, fy, start, name) in cases {
            let p = period_of(kind, d(day), fy);
            assert_eq!(p.start, d(start), "{kind:?} of {day} (FY from {fy})");
            assert_eq!(label(p, fy), name, "{kind:?} of {day}");
            assert!(contains(p, d(day)));
            assert!(!contains(p, end_of(p)));
            assert_eq!(next(previous(p)), p);
        }
        assert_eq!(
            end_of(period_of(Month, d("2028-02-10"), 1)),
            d("2028-03-01")
        );
    }

    #[test]
    fn working_days_left_in_a_period() {
        let cal = Calendar::default();
        let nov = period_of(PeriodKind::Month, d("2026-11-01"), 1);
        assert_eq!(working_days_left(nov, d("2026-11-23"), &cal), 6); // Mon 23 – Mon 30
        assert_eq!(working_days_left(nov, d("2026-11-22"), &cal), 6); // from a Sunday
        assert_eq!(working_days_left(nov, d("2026-12-01"), &cal), 0);
        assert_eq!(working_days_left(nov, d("2026-10-15"), &cal), 21);
    }
}
