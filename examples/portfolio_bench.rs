//! Portfolio engines at scale (native release, median of 5): scoring and ranking, workload
//! for 12 weeks, people overlaps and budget sums over 5,000 projects, 100,000 tasks and 50
//! members, against the floor of one pass over the tasks in the same run. Prints figures;
//! asserts nothing.
//!
//!     cargo run --release --example portfolio_bench

use pursuit::engine::portfolio::{portfolio_money, ranking};
use pursuit::engine::workload::{people_overlaps, workload};
use pursuit::model::*;
use std::time::Instant;

#[path = "../tests/support/workspaces.rs"]
mod workspaces;

fn median(mut v: Vec<f64>) -> f64 {
    pursuit::sorting::sort_by(&mut v, |a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn time(f: &mut dyn FnMut()) -> f64 {
    let runs: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    median(runs)
}

fn main() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let mut ws = workspaces::benchmark_workspace(5_000, today);
    // 50 members, work spread over all of them, every project scored.
    let template = ws.members[0].clone();
    let mut ids = SequentialIds::starting_at(9_000_000);
    while ws.members.len() < 50 {
        let mut m = template.clone();
        m.id = ids.next();
        m.name = format!("Member {}", ws.members.len() + 1);
        ws.members.push(m);
    }
    let members: Vec<MemberId> = ws.members.iter().map(|m| m.id).collect();
    for (i, t) in ws.tasks.iter_mut().enumerate() {
        t.owner = Some(members[i % members.len()]);
    }
    let keys: Vec<String> = ws.settings.criteria.iter().map(|c| c.key.clone()).collect();
    for (i, p) in ws.projects.iter_mut().enumerate() {
        p.scores = keys
            .iter()
            .enumerate()
            .map(|(k, key)| (key.clone(), ((i + k) % 5 + 1) as u8))
            .collect();
    }
    println!(
        "{} projects, {} tasks, {} members",
        ws.projects.len(),
        ws.tasks.len(),
        ws.members.len()
    );
    let mut sink = 0.0;
    let floor = time(&mut || sink += ws.tasks.iter().map(|t| t.estimate_hours).sum::<f64>());
    let score = time(&mut || sink += ranking(&ws).len() as f64);
    let load = time(&mut || sink += workload(&ws, today, 12).weeks.len() as f64);
    let schedules = time(&mut || {
        for p in ws.projects.iter() {
            sink += pursuit::engine::plan::project_schedule(&ws, p, today)
                .map_or(0, |s| s.slots.len()) as f64;
        }
    });
    let overlaps = time(&mut || sink += people_overlaps(&ws, today, 12).len() as f64);
    let money = time(&mut || sink += portfolio_money(&ws, ws.projects.iter()).spent as f64);
    println!("{:<28} {:>9}  {:>8}", "step", "ms", "÷ floor");
    for (name, ms) in [
        ("floor: sum task estimates", floor),
        ("score and rank", score),
        ("workload, 12 weeks", load),
        ("  of which schedules", schedules),
        ("people overlaps", overlaps),
        ("budget, spend, return", money),
    ] {
        println!("{name:<28} {ms:>9.2}  {:>8.0}", ms / floor.max(1e-6));
    }
    if sink < 0.0 {
        println!("{sink}");
    }
}
