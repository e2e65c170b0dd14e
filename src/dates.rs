//! Dates and times written the few ways Pursuit writes them, without chrono's formatter.
//!
//! chrono's `format("%d %b")` parses its pattern at run time into items and then runs a
//! general formatter over them (every specifier, locales, time zones): 9 KB of code before
//! optimisation (measured) for the dozen patterns the app writes. [`Written::written`] takes the same
//! patterns and writes them directly. It knows the specifiers Pursuit uses — `%Y %m %d %-d
//! %b %a %H %M %S %.f %.3f %%` — and writes anything else as it stands; the tests check
//! every pattern the code uses against chrono's own output. `clippy.toml` points new code
//! here.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use std::fmt;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A date or instant with the pattern to write it in; written by `Display`.
#[derive(Clone, Copy, Debug)]
pub struct Formatted<'a> {
    at: NaiveDateTime,
    pattern: &'a str,
}

/// Writing a date or a time in one of Pursuit's patterns.
pub trait Written {
    /// The value written in `pattern` (a strftime pattern, see the module's note). A date
    /// is written as at midnight.
    fn written<'a>(&self, pattern: &'a str) -> Formatted<'a>;
}

impl Written for NaiveDate {
    fn written<'a>(&self, pattern: &'a str) -> Formatted<'a> {
        Formatted {
            at: self.and_time(NaiveTime::MIN),
            pattern,
        }
    }
}

impl Written for NaiveDateTime {
    fn written<'a>(&self, pattern: &'a str) -> Formatted<'a> {
        Formatted { at: *self, pattern }
    }
}

/// In the instant's own time zone, as chrono writes it.
impl<Tz: TimeZone> Written for DateTime<Tz> {
    fn written<'a>(&self, pattern: &'a str) -> Formatted<'a> {
        Formatted {
            at: self.naive_local(),
            pattern,
        }
    }
}

impl fmt::Display for Formatted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.pattern;
        while let Some(at) = rest.find('%') {
            f.write_str(&rest[..at])?;
            let spec = &rest[at + 1..];
            let used = self.specifier(spec, f)?;
            rest = &spec[used..];
        }
        f.write_str(rest)
    }
}

impl Formatted<'_> {
    /// Writes the specifier at the start of `spec` (the text after a `%`) and says how many
    /// bytes of it were used.
    fn specifier(&self, spec: &str, f: &mut fmt::Formatter<'_>) -> Result<usize, fmt::Error> {
        let at = self.at;
        // chrono writes a leap second (nanoseconds from 1,000,000,000) as second 60.
        let leap = at.nanosecond() / 1_000_000_000;
        let nano = at.nanosecond() % 1_000_000_000;
        let used = match spec.as_bytes() {
            [b'Y', ..] => year(at.year(), f).map(|_| 1)?,
            [b'm', ..] => write!(f, "{:02}", at.month()).map(|_| 1)?,
            [b'd', ..] => write!(f, "{:02}", at.day()).map(|_| 1)?,
            [b'-', b'd', ..] => write!(f, "{}", at.day()).map(|_| 2)?,
            [b'b', ..] => f.write_str(MONTHS[at.month0() as usize]).map(|_| 1)?,
            [b'a', ..] => {
                let day = at.weekday().num_days_from_monday() as usize;
                f.write_str(WEEKDAYS[day]).map(|_| 1)?
            }
            [b'H', ..] => write!(f, "{:02}", at.hour()).map(|_| 1)?,
            [b'M', ..] => write!(f, "{:02}", at.minute()).map(|_| 1)?,
            [b'S', ..] => write!(f, "{:02}", at.second() + leap).map(|_| 1)?,
            [b'.', b'3', b'f', ..] => write!(f, ".{:03}", nano / 1_000_000).map(|_| 3)?,
            [b'.', b'f', ..] => fraction(nano, f).map(|_| 2)?,
            [b'%', ..] => f.write_str("%").map(|_| 1)?,
            // Not a specifier Pursuit uses: written as it stands.
            _ => f.write_str("%").map(|_| 0)?,
        };
        Ok(used)
    }
}

/// Four digits for years 0–9999, a sign and the digits beyond (as chrono's `%Y`).
fn year(year: i32, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if (0..=9999).contains(&year) {
        write!(f, "{year:04}")
    } else {
        write!(f, "{year:+05}")
    }
}

/// chrono's `%.f`: nothing for a whole second, else 3, 6 or 9 digits, as few as exact.
fn fraction(nano: u32, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if nano == 0 {
        Ok(())
    } else if nano.is_multiple_of(1_000_000) {
        write!(f, ".{:03}", nano / 1_000_000)
    } else if nano.is_multiple_of(1_000) {
        write!(f, ".{:06}", nano / 1_000)
    } else {
        write!(f, ".{nano:09}")
    }
}

/// A day written `YYYY-MM-DD` (as a date field gives it, and as files and imports carry it),
/// read by chrono's own reader of that form, the one the model's dates are read with, so the
/// download carries no second copy of chrono's pattern parser. Text without whitespace reads
/// as `parse_from_str(text, "%Y-%m-%d")` reads it (property-tested); text with whitespace
/// anywhere is refused (callers trim first), where chrono's two readers disagree.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    if text.contains(char::is_whitespace) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every pattern the app writes (`every_pattern_in_the_code_is_one_the_tests_check`).
    const PATTERNS: [&str; 18] = [
        "%-d %b %Y",
        "%H:%M",
        "%H:%M:%S",
        "%Y",
        "%Y%m%d",
        "%Y%m%dT%H%M%S%.3fZ",
        "%Y%m%dT%H%M%SZ",
        "%Y-%m-%d",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%a %d %b %Y",
        "%a %d %b %Y, %H:%M",
        "%a %d %b",
        "%a",
        "%b %Y",
        "%b",
        "%d %b %H:%M",
        "%d %b %Y",
        "%d %b",
    ];

    /// What chrono writes, if it can (it refuses to write a time of day for a date).
    #[allow(clippy::disallowed_methods)]
    fn chrono_date(day: NaiveDate, pattern: &str) -> Option<String> {
        use std::fmt::Write as _;
        let mut out = String::new();
        write!(out, "{}", day.format(pattern)).ok().map(|_| out)
    }

    #[allow(clippy::disallowed_methods)]
    fn chrono_time(at: NaiveDateTime, pattern: &str) -> String {
        at.format(pattern).to_string()
    }

    #[test]
    fn every_pattern_in_the_code_is_one_the_tests_check() {
        let mut used = Vec::new();
        collect_patterns(std::path::Path::new("src"), &mut used);
        assert!(used.len() > 40, "the code writes dates in ~50 places");
        for pattern in used {
            assert!(
                PATTERNS.contains(&pattern.as_str()),
                "{pattern:?} is written somewhere but not checked against chrono here"
            );
        }
    }

    fn collect_patterns(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect_patterns(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("dates.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for piece in text.split(".written(\"").skip(1) {
                    out.push(piece.split('"').next().unwrap().to_string());
                }
            }
        }
    }

    #[test]
    fn a_leap_second_and_years_beyond_four_digits_are_written_as_chrono_writes_them() {
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
            .unwrap();
        let far = NaiveDate::from_ymd_opt(12345, 1, 2).unwrap();
        let before = NaiveDate::from_ymd_opt(-44, 3, 15).unwrap();
        for pattern in PATTERNS {
            assert_eq!(
                leap.written(pattern).to_string(),
                chrono_time(leap, pattern)
            );
            for day in [far, before] {
                let at = day.and_hms_opt(7, 5, 3).unwrap();
                assert_eq!(at.written(pattern).to_string(), chrono_time(at, pattern));
            }
        }
        assert_eq!(far.written("%Y").to_string(), "+12345");
        assert_eq!(before.written("%d %b %Y").to_string(), "15 Mar -0044");
    }

    #[test]
    fn an_unknown_specifier_is_written_as_it_stands() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(day.written("%q %d%").to_string(), "%q 03%");
    }

    #[allow(clippy::disallowed_methods)]
    fn chrono_day(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    #[test]
    fn days_are_read_as_chrono_reads_them_by_pattern() {
        let cases = [
            "2026-12-03",
            "2026-1-5",
            "+2026-12-03",
            "-0044-03-15",
            "12345-01-02",
            "+12345-01-02",
            "2026-02-30",
            "2026-12",
            "",
            "2026/12/03",
            "02026-12-03",
            "2026-012-03",
            "2026-12-003",
            "20261203",
        ];
        assert!(parse_day("2026-12-03").is_some());
        for text in cases {
            assert_eq!(parse_day(text), chrono_day(text), "{text:?}");
        }
        for text in [" 2026-12-03", "2026-12-03 ", "2026 -12-03", "2026-\t12-03"] {
            assert_eq!(parse_day(text), None, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_read_as_a_day_as_chrono_reads_it_by_pattern(
            text in "[0-9 +-]{0,14}|[ ]?[+-]?[0-9]{1,6}[ ]?-[ ]?[0-9]{1,3}[ ]?-[ ]?[0-9]{1,3}[ ]?"
        ) {
            let expected = if text.contains(' ') { None } else { chrono_day(&text) };
            prop_assert_eq!(parse_day(&text), expected);
        }

        #[test]
        fn every_pattern_writes_what_chrono_writes(
            days in -800_000i32..3_600_000,
            seconds in 0u32..86_400,
            nano in prop_oneof![
                Just(0u32),
                (0u32..1_000).prop_map(|ms| ms * 1_000_000),
                (0u32..1_000_000).prop_map(|us| us * 1_000),
                0u32..1_000_000_000,
            ],
            pattern in proptest::sample::select(PATTERNS.to_vec()),
        ) {
            let day = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds, nano).unwrap();
            let at = day.and_time(time);
            prop_assert_eq!(at.written(pattern).to_string(), chrono_time(at, pattern));
            prop_assert_eq!(
                at.and_utc().written(pattern).to_string(),
                at.written(pattern).to_string()
            );
            if let Some(by_day) = chrono_date(day, pattern) {
                prop_assert_eq!(day.written(pattern).to_string(), by_day);
            }
        }
    }
}
