//! Merge benchmark: two copies of a 2,000-project workspace (40,000 tasks) that differ in
//! 10 % of their entities — 5 % changed on their side only, 5 % on both sides (conflicts).
//! Prints preview and apply times; asserts nothing.
//!
//!     cargo run --release --example merge_bench

use chrono::{Duration, NaiveDate};
use pursuit::engine::merge::{apply, preview, Choices};
use pursuit::model::ReplicaId;
use std::time::Instant;
use workspaces::benchmark_workspace;

#[path = "../tests/support/workspaces.rs"]
mod workspaces;

fn median(mut xs: Vec<f64>) -> f64 {
    pursuit::sorting::sort_by(&mut xs, |a, b| a.partial_cmp(b).unwrap());
    xs[xs.len() / 2]
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let base = benchmark_workspace(2_000, today);
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    let later = base.stamp.updated_at + Duration::hours(1);
    let (me, them) = (ReplicaId(1), ReplicaId(2));
    let mut edited = 0;
    for (i, (m, t)) in mine
        .tasks
        .iter_mut()
        .zip(theirs.tasks.iter_mut())
        .enumerate()
    {
        match i % 20 {
            0 => {
                t.title.push_str(" (theirs)");
                t.stamp.updated_at = later;
                t.stamp.versions.bump(them);
                edited += 1;
            }
            1 => {
                m.title.push_str(" (mine)");
                m.stamp.versions.bump(me);
                t.title.push_str(" (theirs)");
                t.stamp.updated_at = later;
                t.stamp.versions.bump(them);
                edited += 1;
            }
            _ => {}
        }
    }
    for (i, (m, t)) in mine
        .projects
        .iter_mut()
        .zip(theirs.projects.iter_mut())
        .enumerate()
    {
        if i % 10 == 0 {
            t.probability = t.probability.saturating_add(5).min(100);
            t.stamp.versions.bump(them);
            edited += 1;
            let _ = m;
        }
    }
    let entities = base.projects.len() + base.tasks.len() + base.milestones.len();
    println!(
        "2 × {} projects, {} tasks, {} milestones; {edited} entities differ",
        base.projects.len(),
        base.tasks.len(),
        base.milestones.len()
    );
    let runs = 7;
    let mut p_times = Vec::new();
    let mut a_times = Vec::new();
    let mut conflicts = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let p = preview(&mine, &theirs);
        p_times.push(start.elapsed().as_secs_f64() * 1000.0);
        conflicts = p.conflicts.len();
        let start = Instant::now();
        let merged = apply(&mine, &theirs, &Choices::new());
        a_times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(merged.tasks.len(), base.tasks.len());
    }
    println!("entities compared: {entities}; conflicts: {conflicts}");
    println!("preview: {:.1} ms (median of {runs})", median(p_times));
    println!("apply:   {:.1} ms (median of {runs})", median(a_times));
}
