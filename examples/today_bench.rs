//! Times engine::today natively on the benchmark workspace (10,000 projects × 20 tasks):
//! every line in words, the page a screen draws (each group's first 50 lines) and the
//! navigation's count, for the whole team and one member; median of 5. Prints; asserts
//! nothing.
//!   cargo run --release --example today_bench

use chrono::NaiveDate;
use pursuit::engine::today::{count, page, today, Who};
use std::time::Instant;
use workspaces::benchmark_workspace;

#[path = "../tests/support/workspaces.rs"]
mod workspaces;

/// Median milliseconds of five runs of `f`, and what the last run returned.
fn time(mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut times = Vec::new();
    let mut out = 0;
    for _ in 0..5 {
        let started = Instant::now();
        out = f();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    pursuit::sorting::sort_by(&mut times, |a, b| a.total_cmp(b));
    (times.get(2).copied().unwrap_or_default(), out)
}

fn main() {
    let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
    let ws = benchmark_workspace(10_000, day);
    let me = ws.members.first().map(|m| m.id);
    for (name, who) in [
        ("whole team", Who::Team),
        ("one member", me.map_or(Who::Team, Who::Member)),
    ] {
        let (all, lines) = time(|| today(&ws, day, who).lines.len());
        let (drawn, shown) = time(|| page(&ws, day, who, |_| 50).lines.len());
        let (counted, _) = time(|| count(&ws, day, who));
        println!("Today at 10,000 projects, {name}: {lines} lines");
        println!("  every line in words: {all:.1} ms");
        println!("  the page drawn ({shown} lines): {drawn:.1} ms");
        println!("  the navigation's count: {counted:.1} ms");
    }
}
