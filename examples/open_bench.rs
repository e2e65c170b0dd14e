//! Where opening a stored workspace goes, natively (release, median of 9): the whole of
//! `storage::load_unchecked`, of it undoing the storage form (unpack + inflate), and the
//! check against the documented limits the app runs right after the first paint. The browser takes longer (wasm, and reading IndexedDB
//! first); the split is what this shows. Prints figures; asserts nothing.
//!
//!     cargo run --release --example open_bench [-- 2000 10000]

use pursuit::storage::{self, codec, KeyValue, MemoryStore};
use std::time::Instant;

#[path = "../tests/support/workspaces.rs"]
mod workspaces;

fn median(mut v: Vec<f64>) -> f64 {
    pursuit::sorting::sort_by(&mut v, |a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn ms(f: &mut dyn FnMut()) -> f64 {
    let started = Instant::now();
    f();
    started.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("a number of projects"))
        .collect();
    let sizes = if sizes.is_empty() { vec![2000] } else { sizes };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let now = today.and_hms_opt(9, 30, 0).unwrap().and_utc();
    println!(
        "{:>8} {:>10} {:>10} {:>10} {:>10} {:>10}  (ms; stored characters, JSON bytes)",
        "projects", "load", "unform", "check", "stored", "json"
    );
    for n in sizes {
        let ws = workspaces::benchmark_workspace(n, today);
        let kv = MemoryStore::default();
        storage::replace(&kv, &ws, now).expect("an unlimited store takes it");
        drop(ws);
        let values: Vec<String> = kv
            .keys()
            .unwrap()
            .iter()
            .filter_map(|k| kv.get(k).unwrap())
            .filter(|v| v.starts_with('z'))
            .collect();
        let stored: usize = values.iter().map(|v| codec::storage_units(v)).sum();
        let json: usize = values.iter().map(|v| codec::decode(v).unwrap().len()).sum();
        let (mut load, mut unform, mut check) = (Vec::new(), Vec::new(), Vec::new());
        let ws = match storage::load_unchecked(&kv).unwrap() {
            storage::Loaded::Workspace { workspace, .. } => workspace,
            _ => unreachable!("a workspace was stored"),
        };
        for _ in 0..9 {
            load.push(ms(&mut || {
                storage::load_unchecked(&kv).unwrap();
            }));
            unform.push(ms(&mut || {
                for v in &values {
                    codec::decode(v).unwrap();
                }
            }));
            check.push(ms(&mut || {
                assert!(pursuit::engine::validate::validate(&ws).is_empty());
            }));
        }
        println!(
            "{n:>8} {:>10.1} {:>10.1} {:>10.1} {stored:>10} {json:>10}",
            median(load),
            median(unform),
            median(check)
        );
    }
}
