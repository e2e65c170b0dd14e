//! What a project's timeline covers: the days its chart spans and the words that name them.

use crate::dates::Written;
use crate::engine::schedule::Schedule;
use crate::model::limits::clamp_date;
use chrono::{Days, NaiveDate};

/// The days a project's timeline shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The earliest and latest of the plan's dates, the project's start, its target and
    /// today, moved into the documented range (dates stored before it existed are drawn
    /// at its ends, so no date arithmetic on them can overflow).
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// What the chart draws: three days before `first` and a week after `last`, so no bar,
    /// the today line or the target line sits on an edge.
    pub drawn_first: NaiveDate,
    pub drawn_last: NaiveDate,
}

/// The span of a project's timeline from its schedule, its start date and today.
pub fn span(s: &Schedule, start: NaiveDate, today: NaiveDate) -> Span {
    let first = s
        .slots
        .iter()
        .map(|x| x.early_start.min(x.planned_start))
        .chain([today, start])
        .min()
        .map_or(today, clamp_date);
    let last = s
        .slots
        .iter()
        .map(|x| x.early_finish.max(x.planned_finish))
        .chain([s.target, today])
        .max()
        .map_or(today, clamp_date);
    Span {
        first,
        last,
        drawn_first: first.checked_sub_days(Days::new(3)).unwrap_or(first),
        drawn_last: last.checked_add_days(Days::new(7)).unwrap_or(last),
    }
}

impl Span {
    /// Said when the chart is drawn at a coarser scale than chosen, to fit. It names the
    /// months of the dates themselves: the margins are drawing room, and around a plan
    /// that starts on 1 January 1900 they reach into December 1899.
    pub fn coarse_note(&self) -> String {
        format!(
            "This plan runs from {} to {}; it is drawn at a coarser scale to fit.",
            self.first.written("%b %Y"),
            self.last.written("%b %Y")
        )
    }
}
