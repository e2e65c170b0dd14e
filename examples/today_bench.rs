//! Times engine::today natively on the benchmark workspace (10,000 projects × 20 tasks):
//! the whole team's lines and one member's, median of 5. Prints; asserts nothing.
//!   cargo run --release --example today_bench

use chrono::NaiveDate;
use pursuit::engine::today::{today, Who};
use std::time::Instant;
use workspaces::benchmark_workspace;

#[path = "../tests/support/workspaces.rs"]
mod workspaces;

fn main() {
    let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
    let ws = benchmark_workspace(10_000, day);
    let me = ws.members.first().map(|m| m.id);
    for (name, who) in [
        ("whole team", Who::Team),
        ("one member", me.map_or(Who::Team, Who::Member)),
    ] {
        let mut times = Vec::new();
        let mut lines = 0;
        for _ in 0..5 {
            let started = Instant::now();
            lines = today(&ws, day, who).lines.len();
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        pursuit::sorting::sort_by(&mut times, |a, b| a.total_cmp(b));
        println!(
            "Today at 10,000 projects, {name}: {lines} lines in {:.1} ms (median of 5)",
            times[2]
        );
    }
}
