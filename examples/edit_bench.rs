//! Where one edit's time goes, step by step, at 10, 2,000 and 5,000 projects (native release, median
//! of 31): the same steps the app's dispatch and save run. Prints figures; asserts nothing.
//!
//!     cargo run --release --example edit_bench

use pursuit::engine::history::{describe, diff, prune};
use pursuit::engine::validate::new_problems;
use pursuit::model::command::{apply, scope, Context, Touched};
use pursuit::model::PlanCommand;
use pursuit::model::*;
use pursuit::storage::{self, MemoryStore};
use std::time::Instant;

#[path = "../tests/support/workspaces.rs"]
mod workspaces;

fn median(mut v: Vec<f64>) -> f64 {
    pursuit::sorting::sort_by(&mut v, |a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let cx = Context {
        now: "2026-11-22T10:00:00Z".parse().unwrap(),
        today,
        actor: None,
        replica: ReplicaId(1),
    };
    println!(
        "{:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}  (µs)",
        "projects", "scope", "part", "apply+commit", "diff", "checks", "prune", "save"
    );
    for n in [10, 2000, 5000] {
        let ws = workspaces::benchmark_workspace(n, today);
        let kv = MemoryStore::default();
        storage::replace(&kv, &ws, cx.now).unwrap();
        let task = ws.tasks[ws.tasks.len() / 2].clone();
        let mut times: [Vec<f64>; 7] = Default::default();
        let mut ws = ws;
        for i in 0..31 {
            let status = if i % 2 == 0 {
                TaskStatus::Done
            } else {
                TaskStatus::Todo
            };
            let command: pursuit::model::Command = PlanCommand::SetTaskStatus {
                id: task.id,
                status,
            }
            .into();
            let mut t = Instant::now();
            let mut lap = |k: usize, t: &mut Instant| {
                times[k].push(t.elapsed().as_secs_f64() * 1e6);
                *t = Instant::now();
            };
            let reach: Touched = scope(&ws, &command).unwrap();
            lap(0, &mut t);
            let _ = ws.part(&reach);
            lap(1, &mut t);
            let change = apply(&ws, command.clone(), &cx).unwrap();
            ws.commit(&change);
            let touched = change.touched.clone();
            lap(2, &mut t);
            let changes = diff(&change.before, &change.after, &touched);
            let _ = describe(&command, &change.before, &change.after, &changes);
            lap(3, &mut t);
            assert!(new_problems(&change.before, &change.after, &touched).is_empty());
            lap(4, &mut t);
            prune(&mut ws);
            lap(5, &mut t);
            storage::save(&kv, &ws, &touched, cx.now).unwrap();
            lap(6, &mut t);
        }
        let m: Vec<f64> = times.into_iter().map(median).collect();
        println!(
            "{n:>8} {:>8.0} {:>8.0} {:>8.0} {:>8.0} {:>8.0} {:>8.0} {:>8.0}",
            m[0], m[1], m[2], m[3], m[4], m[5], m[6]
        );
    }
}
