//! Helpers shared by the native tests: the day they run on, the sample workspace (generated
//! or the golden version-1 file) and the context a change is made in.
#![allow(dead_code)] // each test file uses some of them

use chrono::{DateTime, Duration, NaiveDate, Utc};
use pursuit::model::command::Context;
use pursuit::model::{MemberId, ReplicaId, SequentialIds, Workspace};

/// A date written `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The day the tests run on: Sunday 22 November 2026.
pub fn today() -> NaiveDate {
    d("2026-11-22")
}

/// `minutes` after 09:00 UTC on [`today`].
pub fn at(minutes: i64) -> DateTime<Utc> {
    "2026-11-22T09:00:00Z".parse::<DateTime<Utc>>().unwrap() + Duration::minutes(minutes)
}

/// The first-run sample, generated with sequential ids on [`today`].
pub fn sample() -> Workspace {
    pursuit::sample::sample_workspace(at(0), today(), &mut SequentialIds::default())
}

/// The golden version-1 file, read.
pub fn fixture() -> Workspace {
    pursuit::format::read(include_str!("../fixtures/workspace-v1.json")).unwrap()
}

/// A change made at `now` by `actor` in the copy of the workspace `replica`, on [`today`].
pub fn context(now: DateTime<Utc>, actor: Option<MemberId>, replica: u64) -> Context {
    Context {
        now,
        today: today(),
        actor,
        replica: ReplicaId(replica),
    }
}
