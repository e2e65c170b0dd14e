//! Each record kind states the documented ranges of its fields (`model::limits`) once,
//! beside the record, as [`Limited`]; whatever checks them implements [`Check`]: the
//! validation of files and edits in `engine::validate` does.

use crate::model::common::Money;
use crate::model::limits::*;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::fmt;

/// What states a record's ranges to: validation of files and edits (`engine::validate`)
/// reports each value outside them. `at` is the field's path within the record (`name`,
/// `stage_log[3].on`), written only when a value is out of range.
pub trait Check {
    /// A text of at most `max` characters.
    fn text(&mut self, at: fmt::Arguments<'_>, field: &str, value: &str, max: usize);
    /// A date within [`EARLIEST_DATE`] and [`LATEST_DATE`].
    fn date(&mut self, at: fmt::Arguments<'_>, field: &str, value: NaiveDate);
    /// A whole number from `min` to `max`, shown with `unit` (" days").
    #[allow(clippy::too_many_arguments)]
    fn whole(
        &mut self,
        at: fmt::Arguments<'_>,
        field: &str,
        value: i64,
        min: i64,
        max: i64,
        unit: &str,
    );
    /// At most `max` items of a list the record holds.
    fn count(&mut self, at: fmt::Arguments<'_>, what: &str, n: usize, max: usize);
    /// An amount: not negative (`what` names it then: "the cost"), in a valid currency and
    /// at most [`MAX_AMOUNT_MINOR`].
    fn money(&mut self, at: fmt::Arguments<'_>, field: &str, what: &dyn fmt::Display, m: &Money);
    /// A score from 1 to 5 (`what`: "the risk's probability").
    fn score(&mut self, at: fmt::Arguments<'_>, what: &str, value: u8);
    /// A rule of the record's own, broken: `message` words it given the record's label.
    fn broken(&mut self, at: fmt::Arguments<'_>, message: &dyn Fn(&dyn fmt::Display) -> String);

    fn opt_date(&mut self, at: fmt::Arguments<'_>, field: &str, value: Option<NaiveDate>) {
        if let Some(d) = value {
            self.date(at, field, d);
        }
    }

    /// Each text of a list, at most `max` characters.
    fn texts(&mut self, at: fmt::Arguments<'_>, field: &str, values: &[String], max: usize) {
        for (i, v) in values.iter().enumerate() {
            self.text(format_args!("{at}[{i}]"), field, v, max);
        }
    }

    /// A position in an ordered list.
    fn order(&mut self, at: fmt::Arguments<'_>, value: i64) {
        self.whole(at, "position", value, -MAX_ORDER, MAX_ORDER, "");
    }

    /// A planned piece of work (a task, or a playbook's task): its length and how many
    /// tasks it waits for.
    fn plan(&mut self, duration: u32, predecessors: usize) {
        self.whole(
            format_args!("duration_days"),
            "duration",
            duration.into(),
            0,
            MAX_DURATION_DAYS.into(),
            " working days",
        );
        self.count(
            format_args!("depends_on"),
            "predecessors",
            predecessors,
            MAX_DEPENDENCIES,
        );
    }
}

/// A kind of record with documented ranges, stated once beside the record.
pub trait Limited {
    /// What a message calls a record of this kind ("task", "person").
    const NOUN: &'static str;
    /// The record's name in a message: its title, or what stands for one (a date).
    fn name(&self) -> Cow<'_, str>;
    /// States the range of each of its fields.
    fn limits(&self, c: &mut dyn Check);
}

/// A name as messages quote it: “…”, its first 60 characters.
pub fn quoted(name: &str) -> String {
    let short: String = name.chars().take(60).collect();
    format!("\u{201c}{short}\u{201d}")
}
