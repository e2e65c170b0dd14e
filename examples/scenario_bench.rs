//! What-if benchmark: building a sandbox, comparing it with reality (forecast, chance,
//! workload and health, both sides) and preparing an apply, at 10, 2,000 and 4,000 projects
//! of 20 tasks. Prints figures with the ratio to 10 projects; asserts nothing.
//!
//!     cargo run --release --example scenario_bench

use chrono::{NaiveDate, TimeZone, Utc};
use pursuit::engine::history::diff;
use pursuit::engine::scenario::{check, compare, prepare, sandbox, Step};
use pursuit::model::command::{apply, Context};
use pursuit::model::ProjectCommand;
use pursuit::model::ProjectDraft;
use pursuit::model::{PeriodKind, ReplicaId};
use std::time::Instant;
use workspaces::benchmark_workspace;

#[path = "../tests/support/workspaces.rs"]
mod workspaces;

fn median(mut xs: Vec<f64>) -> f64 {
    pursuit::sorting::sort_by(&mut xs, |a, b| a.partial_cmp(b).unwrap());
    xs[xs.len() / 2]
}

fn time(runs: usize, f: &mut dyn FnMut()) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    )
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let cx = Context {
        now: Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap(),
        today,
        actor: None,
        replica: ReplicaId(9),
    };
    println!("| projects | sandbox built (ms) | compared (ms) | apply prepared (ms) |");
    println!("|---:|---:|---:|---:|");
    let mut base: Option<(f64, f64, f64)> = None;
    for n in [10, 2_000, 4_000] {
        let real = benchmark_workspace(n, today);
        // Ten edits: probabilities of ten open deals raised.
        let mut sb = real.clone();
        let deals: Vec<_> = real
            .live_projects()
            .filter(|p| p.status.is_open())
            .take(10)
            .cloned()
            .collect();
        let steps: Vec<Step> = deals
            .iter()
            .map(|p| {
                let mut draft = ProjectDraft::from_project(p);
                draft.probability = "95".into();
                let change = apply(
                    &sb,
                    ProjectCommand::UpdateProject {
                        id: p.id,
                        input: draft.check().unwrap(),
                    },
                    &cx,
                )
                .unwrap();
                let changes = diff(&change.before, &change.after, &change.touched);
                sb.commit(&change);
                Step {
                    label: p.name.clone(),
                    changes,
                }
            })
            .collect();
        let chosen = vec![true; steps.len()];
        let built = time(5, &mut || {
            std::hint::black_box(sandbox(&real, &steps, &cx));
        });
        let compared = time(3, &mut || {
            std::hint::black_box(compare(&real, &sb, PeriodKind::Quarter, today, 4));
        });
        let prepared = time(5, &mut || {
            std::hint::black_box(check(&real, &steps, &chosen));
            std::hint::black_box(prepare(&real, &steps, &chosen, &cx).unwrap());
        });
        let (b0, c0, p0) = *base.get_or_insert((built, compared, prepared));
        println!(
            "| {n} | {built:.1} ({:.0}×) | {compared:.1} ({:.0}×) | {prepared:.1} ({:.0}×) |",
            built / b0,
            compared / c0,
            prepared / p0
        );
    }
}
