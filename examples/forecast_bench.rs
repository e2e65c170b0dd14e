//! Forecast and win/loss benchmark over 5,000 projects. Prints figures; asserts nothing.
//!
//!     cargo run --release --example forecast_bench

use chrono::{Duration, NaiveDate};
use pursuit::engine::calendar::Calendar;
use pursuit::engine::forecast::{attainment, forecast, kpis, win_loss};
use pursuit::engine::periods::period_of;
use pursuit::model::{Outcome, PeriodKind, ProjectStatus};
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
    let mut ws = benchmark_workspace(5_000, today);
    // Close a third of them, won or lost, across the last year; all follow the B2B playbook.
    let template = ws.templates.first().map(|t| t.id);
    for (i, p) in ws.projects.iter_mut().enumerate() {
        p.template_id = template;
        if i % 3 == 0 {
            p.status = if i % 2 == 0 {
                ProjectStatus::Won
            } else {
                ProjectStatus::Lost
            };
            p.close_date = Some(today - Duration::days((i % 360) as i64));
            p.outcome = Some(Outcome {
                reason: ["Price", "Timing", "Lost to a competitor"][i % 3].into(),
                note: String::new(),
            });
        }
    }
    let quarter = period_of(PeriodKind::Quarter, today, 4);
    let cal = Calendar::default();
    let time = |f: &dyn Fn()| {
        median(
            (0..7)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect(),
        )
    };
    println!("5,000 projects (100,000 tasks), release build, median of 7:");
    println!(
        "  forecast(quarter)      {:.2} ms",
        time(&|| {
            std::hint::black_box(forecast(&ws, quarter, today));
        })
    );
    println!(
        "  attainment(quarter)    {:.2} ms",
        time(&|| {
            std::hint::black_box(attainment(&ws, quarter, today, &cal));
        })
    );
    println!(
        "  win_loss(all)          {:.2} ms",
        time(&|| {
            std::hint::black_box(win_loss(&ws, None));
        })
    );
    println!(
        "  dashboard kpis         {:.2} ms",
        time(&|| {
            std::hint::black_box(kpis(&ws, quarter, today));
        })
    );
}
