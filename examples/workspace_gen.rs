//! Generates workspace files: `sample` (the first-run sample at a fixed date, used for the
//! golden fixture) or `<N>` projects with 20 tasks each and realistic text, for benchmarks.
//!
//!     cargo run --release --example workspace_gen -- 2000 > /tmp/ws-2000.json
//!     cargo run --release --example workspace_gen -- plan-200 > /tmp/plan-200.json
//!     cargo run --release --example workspace_gen -- stored-5000 > /tmp/stored-5000.json
//!
//! `stored-<N>` prints what the app would keep in the browser for that workspace (a JSON
//! object of keys and values), for benchmarks at sizes whose file is over the import limit;
//! `stored-scored-<N>` the same with every project scored.

use chrono::NaiveDate;
use pursuit::model::SequentialIds;
use pursuit::sample::sample_workspace;
use workspaces::{benchmark_workspace, big_plan_workspace};

#[path = "../tests/support/workspaces.rs"]
mod workspaces;

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_else(|| "sample".into());
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let now = today.and_hms_opt(9, 30, 0).unwrap().and_utc();
    if let Some(n) = arg.strip_prefix("stored-") {
        // `stored-scored-<N>`: every project also has intake answers and scores.
        let (scored, n) = match n.strip_prefix("scored-") {
            Some(n) => (true, n),
            None => (false, n),
        };
        let mut ws = benchmark_workspace(n.parse().expect("a number of projects"), today);
        if scored {
            let keys: Vec<String> = ws.settings.criteria.iter().map(|c| c.key.clone()).collect();
            for (i, p) in ws.projects.iter_mut().enumerate() {
                p.scores = keys
                    .iter()
                    .enumerate()
                    .map(|(k, key)| (key.clone(), ((i + k) % 5 + 1) as u8))
                    .collect();
                p.focus_area =
                    ["Logistics vertical", "Customer growth", "New channels"][i % 3].into();
                p.people_needed = (i % 4 + 1) as u32;
                p.weeks_needed = (i % 12 + 2) as u32;
            }
        }
        // As IndexedDB keeps it: small records as plain JSON (see `KeyValue::compact`).
        let kv = pursuit::storage::MemoryStore::plain();
        pursuit::storage::replace(&kv, &ws, now).expect("an unlimited store takes it");
        print!(
            "{}",
            serde_json::to_string(&*kv.items.borrow()).expect("strings")
        );
        return;
    }
    let ws = if arg == "sample" {
        sample_workspace(now, today, &mut SequentialIds::default())
    } else if let Some(n) = arg.strip_prefix("plan-") {
        big_plan_workspace(n.parse().expect("a number of tasks"), today)
    } else {
        benchmark_workspace(arg.parse().expect("a number of projects"), today)
    };
    print!("{}", pursuit::format::write(&ws, now));
}
