//! Scheduling benchmark: 5,000 tasks with 10,000 finish-to-start dependencies, forward and
//! backward passes, slack and critical path. Prints figures; asserts nothing.
//!
//!     cargo run --release --example schedule_bench

use chrono::NaiveDate;
use pursuit::engine::calendar::Calendar;
use pursuit::engine::schedule::{schedule, PlanTask};
use pursuit::model::TaskId;
use std::time::Instant;

fn main() {
    let (tasks, deps) = (5_000usize, 10_000usize);
    // A deterministic pseudo-random acyclic network: each task depends on earlier tasks only.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let id = |i: usize| TaskId(uuid::Uuid::from_u128(i as u128 + 1));
    let mut plan: Vec<PlanTask> = (0..tasks)
        .map(|i| PlanTask {
            id: id(i),
            duration: 1 + (next() % 5) as u32,
            depends_on: Vec::new(),
            pin: None,
            deadline: None,
        })
        .collect();
    let mut added = 0;
    while added < deps {
        let to = 1 + (next() as usize % (tasks - 1));
        // Mostly near predecessors, as real plans are chains with some cross links.
        let back = 1 + (next() as usize % to.min(40));
        let from = to - back;
        if plan[to].depends_on.iter().all(|(d, _)| *d != id(from)) {
            plan[to].depends_on.push((id(from), (next() % 3) as i32));
            added += 1;
        }
    }
    let holidays = [
        NaiveDate::from_ymd_opt(2026, 12, 25).unwrap(),
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
    ];
    let cal = Calendar::new(holidays);
    let start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let target = NaiveDate::from_ymd_opt(2029, 12, 31).unwrap();
    let t = Instant::now();
    let mut acc = 0i64;
    for i in 0..30_000 {
        let d = cal.add(start, (i % 2000) as i64);
        acc += cal.between(start, d);
    }
    println!(
        "  calendar: 30,000 add + between in {:.2} ms ({acc})",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..7 {
        let t = Instant::now();
        last = Some(schedule(&plan, &cal, start, target).expect("acyclic"));
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    pursuit::sorting::sort_by(&mut times, |a, b| a.partial_cmp(b).unwrap());
    let s = last.unwrap();
    println!("schedule: {tasks} tasks, {deps} dependencies");
    println!(
        "  median {:.2} ms, best {:.2} ms, worst {:.2} ms (7 runs, release build)",
        times[3], times[0], times[6]
    );
    println!(
        "  finish {}, critical tasks {}, late by {} working days",
        s.finish,
        s.slots.iter().filter(|x| x.critical).count(),
        s.late_by
    );
}
