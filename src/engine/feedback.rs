//! A project's feedback at a glance: the average rating, which way it is heading, and how
//! much feedback still has no action.

use crate::model::Feedback;

/// Which way ratings are heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Improving,
    Steady,
    Worsening,
    /// Fewer than two entries: no trend yet.
    Unknown,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Self::Improving => "Improving",
            Self::Steady => "Steady",
            Self::Worsening => "Worsening",
            Self::Unknown => "Not enough feedback yet",
        }
    }
}

/// How many of the latest entries make up "recent" in the trend.
pub const RECENT: usize = 3;

#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackTrend {
    pub count: usize,
    pub average: Option<f64>,
    /// The average of the latest [`RECENT`] entries.
    pub recent: Option<f64>,
    /// The average of the (up to [`RECENT`]) entries before those.
    pub previous: Option<f64>,
    pub direction: Direction,
    /// Entries nobody has written an action for yet.
    pub without_action: usize,
}

fn mean(ratings: &[u8]) -> Option<f64> {
    (!ratings.is_empty())
        .then(|| ratings.iter().map(|r| f64::from(*r)).sum::<f64>() / ratings.len() as f64)
}

/// The trend of a project's live feedback, in any order. Ratings moving by half a point or
/// more between the previous and the recent entries count as a change.
pub fn feedback_trend(entries: &[&Feedback]) -> FeedbackTrend {
    let mut sorted: Vec<&&Feedback> = entries.iter().collect();
    crate::sorting::sort_by_key(&mut sorted, |f| (f.date, f.stamp.created_at));
    let ratings: Vec<u8> = sorted.iter().map(|f| f.rating).collect();
    let split = ratings.len().saturating_sub(RECENT);
    let recent_part = &ratings[split..];
    let previous_part = &ratings[split.saturating_sub(RECENT)..split];
    let (recent, previous) = if ratings.len() < 2 {
        (mean(&ratings), None)
    } else if previous_part.is_empty() {
        // Two or three entries: compare the last with those before it.
        let (before, last) = ratings.split_at(ratings.len() - 1);
        (mean(last), mean(before))
    } else {
        (mean(recent_part), mean(previous_part))
    };
    let direction = match (recent, previous) {
        (Some(r), Some(p)) if r - p >= 0.5 => Direction::Improving,
        (Some(r), Some(p)) if p - r >= 0.5 => Direction::Worsening,
        (Some(_), Some(_)) => Direction::Steady,
        _ => Direction::Unknown,
    };
    FeedbackTrend {
        count: ratings.len(),
        average: mean(&ratings),
        recent,
        previous,
        direction,
        without_action: entries
            .iter()
            .filter(|f| f.action.trim().is_empty())
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn entry(day: u32, rating: u8, action: &str) -> Feedback {
        let now = "2026-11-22T09:00:00Z".parse().unwrap();
        Feedback {
            id: FeedbackId(uuid::Uuid::from_u128(u128::from(day))),
            stamp: Stamp::new(now, None),
            project_id: ProjectId(uuid::Uuid::from_u128(1)),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            source: FeedbackSource::Client,
            rating,
            text: "…".into(),
            action: action.into(),
        }
    }

    fn trend(entries: &[Feedback]) -> FeedbackTrend {
        feedback_trend(&entries.iter().collect::<Vec<_>>())
    }

    #[test]
    fn no_or_one_entry_has_no_trend() {
        let t = trend(&[]);
        assert_eq!(
            (t.count, t.average, t.direction),
            (0, None, Direction::Unknown)
        );
        let t = trend(&[entry(3, 4, "")]);
        assert_eq!(
            (t.average, t.direction, t.without_action),
            (Some(4.0), Direction::Unknown, 1)
        );
    }

    #[test]
    fn recent_ratings_are_compared_with_the_ones_before() {
        // Out of order on purpose: 2, 2, 3 then 4, 5, 4.
        let t = trend(&[
            entry(20, 4, "ok"),
            entry(1, 2, "ok"),
            entry(5, 2, ""),
            entry(10, 3, "ok"),
            entry(15, 5, "ok"),
            entry(21, 4, ""),
        ]);
        assert_eq!(t.count, 6);
        assert_eq!(t.average, Some(20.0 / 6.0));
        assert_eq!(t.previous, Some(7.0 / 3.0));
        assert_eq!(t.recent, Some(13.0 / 3.0));
        assert_eq!(t.direction, Direction::Improving);
        assert_eq!(t.without_action, 2);
        // Two entries: the last against the first; a drop of exactly 0.5 counts.
        let t = trend(&[entry(1, 4, ""), entry(2, 3, "")]);
        assert_eq!(t.direction, Direction::Worsening);
        let t = trend(&[entry(1, 4, ""), entry(2, 4, ""), entry(3, 4, "")]);
        assert_eq!(t.direction, Direction::Steady);
    }
}
