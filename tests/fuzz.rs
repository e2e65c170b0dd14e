//! Hostile input never panics: arbitrary bytes as a file or as stored data, files shaped
//! like the format with hostile values anywhere, and commands with any values. Whatever gets
//! through is run through every engine — as stored data that fails validation would be.
//!
//! `PURSUIT_FUZZ_CASES` sets the cases per target (256 by default, so `cargo test` stays
//! quick). The long run recorded in the README:
//! `PURSUIT_FUZZ_CASES=1000000 cargo test --profile fuzz --test fuzz` (overflow checks on).

mod common;
use chrono::TimeDelta;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use pursuit::engine::{forecast, health, history, merge, plan, status_update, validate};
use pursuit::model::command::{perform as apply, Context};
use pursuit::model::limits;
use pursuit::model::PlanCommand;
use pursuit::model::TaskDraft;
use pursuit::model::*;
use pursuit::storage::{self, codec, KeyValue, MemoryStore};
use serde_json::Value;

fn cases() -> u32 {
    std::env::var("PURSUIT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

use common::{sample as base, today};

/// Every engine over a workspace that may be invalid. Returns nothing: it must not panic.
fn run_engines(ws: &Workspace, other: &Workspace) {
    let _ = validate::validate(ws);
    for day in [today(), limits::EARLIEST_DATE, limits::LATEST_DATE] {
        for p in ws.projects.iter().take(12) {
            let _ = plan::project_schedule(ws, p, day);
            let _ = health::health(ws, p, day);
            for options in [
                status_update::UpdateOptions::internal(),
                status_update::UpdateOptions::client(),
            ] {
                let update = status_update::status_update(ws, p, day, day, "asks", &options);
                let _ = update.to_markdown();
            }
        }
        let _ = health::health_of_all(ws, day);
        for kind in [
            PeriodKind::Month,
            PeriodKind::Quarter,
            PeriodKind::FiscalYear,
        ] {
            let period = forecast::current(ws, kind, day);
            let _ = forecast::kpis(ws, period, day);
            let _ = forecast::attainment(ws, period, day, &plan::calendar(ws));
        }
        let _ = forecast::win_loss(ws, None);
    }
    let preview = merge::preview(other, ws);
    let merged = merge::apply(other, ws, &merge::all(&preview, merge::Choice::Theirs));
    let _ = merge::apply(ws, other, &merge::Choices::new());
    let mut pruned = merged;
    history::prune(&mut pruned);
    let kv = MemoryStore::default();
    if storage::replace(&kv, ws, "2026-11-22T10:00:00Z".parse().unwrap()).is_ok() {
        let _ = storage::load(&kv);
    }
    let _ = pursuit::format::write(ws, "2026-11-22T10:00:00Z".parse().unwrap());
}

/// Values that break naive code: extremes, wrong types, impossible dates, long text.
fn hostile() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        Just(Value::from(i64::MAX)),
        Just(Value::from(i64::MIN)),
        Just(Value::from(u32::MAX)),
        Just(Value::from(2_000_000_000)),
        Just(Value::from(-2_000_000_000)),
        Just(Value::from(255)),
        Just(Value::from(0)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        Just(Value::from(1e308)),
        Just(Value::from(1.5)),
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        Just(Value::from("+262000-12-31")),
        Just(Value::from("-262000-01-01")),
        Just(Value::from("0001-01-01")),
        Just(Value::from("9999-12-31")),
        Just(Value::from("2026-02-30")),
        Just(Value::from("")),
        Just(Value::from("x".repeat(5_000))),
        ".{0,40}".prop_map(Value::from),
        Just(Value::Array(vec![])),
        Just(serde_json::json!({})),
        Just(serde_json::json!({"minor": i64::MAX, "currency": "EUR"})),
        Just(
            serde_json::json!([{"task": "00000000-0000-4000-8000-000000000001", "lag_days": i32::MAX}])
        ),
    ]
}

/// JSON pointers to every value in a document.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                pointers(
                    child,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn arbitrary_bytes_never_panic_any_reader() {
    runner()
        .run(&proptest::collection::vec(any::<u8>(), 0..600), |bytes| {
            let text = String::from_utf8_lossy(&bytes);
            let _ = pursuit::format::read(&text);
            let _ = codec::decode(&text);
            let _ = storage::read_dump(&text);
            let kv = MemoryStore::default();
            let key = storage::workspace_key(0);
            kv.set(&key, &text).unwrap();
            let _ = storage::load(&kv);
            kv.set(&key, &format!("z{}:{text}", bytes.len())).unwrap();
            let _ = storage::load(&kv);
            Ok(())
        })
        .unwrap();
}

#[test]
fn files_shaped_like_the_format_never_panic_reading_or_any_engine() {
    let ws = base();
    let other = ws.clone();
    let file: Value = serde_json::from_str(&pursuit::format::write(
        &ws,
        "2026-11-22T10:00:00Z".parse().unwrap(),
    ))
    .unwrap();
    let mut paths = Vec::new();
    pointers(&file, String::new(), &mut paths);
    let paths: Vec<String> = paths
        .into_iter()
        .filter(|p| p.starts_with("/workspace/"))
        .collect();
    assert!(!paths.is_empty());
    let n = paths.len();
    runner()
        .run(
            &proptest::collection::vec((0..n, hostile()), 1..6),
            |edits| {
                let mut doc = file.clone();
                for (i, value) in edits {
                    if let Some(slot) = doc.pointer_mut(&paths[i]) {
                        *slot = value;
                    }
                }
                let text = doc.to_string();
                let _ = pursuit::format::read(&text);
                if let Ok(ws) = pursuit::format::read_value(doc) {
                    run_engines(&ws, &other);
                }
                Ok(())
            },
        )
        .unwrap();
}

#[derive(Debug, Clone)]
enum Hostile {
    Lag(i32),
    Duration(u32),
    Start(i64),
    Estimate(f64),
    Status(usize),
}

fn hostile_command() -> impl Strategy<Value = Hostile> {
    prop_oneof![
        any::<i32>().prop_map(Hostile::Lag),
        any::<u32>().prop_map(Hostile::Duration),
        (-100_000_000i64..100_000_000).prop_map(Hostile::Start),
        any::<f64>().prop_map(Hostile::Estimate),
        (0usize..4).prop_map(Hostile::Status),
    ]
}

#[test]
fn commands_with_any_values_never_panic_any_engine() {
    let start = base();
    let other = start.clone();
    runner()
        .run(
            &proptest::collection::vec((hostile_command(), 0usize..40, 0usize..40), 1..5),
            |ops| {
                let mut ws = start.clone();
                let cx = Context {
                    now: "2026-11-22T10:00:00Z".parse().unwrap(),
                    today: today(),
                    actor: None,
                    replica: ReplicaId(9),
                };
                for (op, a, b) in ops {
                    let live: Vec<&Task> = ws.tasks.iter().filter(|t| t.is_live()).collect();
                    let (ta, tb) = (live[a % live.len()].clone(), live[b % live.len()].clone());
                    let command = match op {
                        Hostile::Lag(lag) => PlanCommand::AddDependency {
                            task: ta.id,
                            on: tb.id,
                            lag_days: lag,
                        },
                        Hostile::Start(days) => PlanCommand::SetTaskStart {
                            id: ta.id,
                            start: today().checked_add_signed(TimeDelta::days(days)),
                        },
                        Hostile::Duration(d) => {
                            let Ok(mut input) = TaskDraft::from_task(&ta).check() else {
                                continue;
                            };
                            input.duration_days = d;
                            PlanCommand::UpdateTask { id: ta.id, input }
                        }
                        Hostile::Estimate(h) => {
                            let Ok(mut input) = TaskDraft::from_task(&ta).check() else {
                                continue;
                            };
                            input.estimate_hours = h;
                            PlanCommand::UpdateTask { id: ta.id, input }
                        }
                        Hostile::Status(s) => PlanCommand::SetTaskStatus {
                            id: ta.id,
                            status: TaskStatus::ALL[s],
                        },
                    };
                    let before = ws.clone();
                    if let Ok(touched) = apply(&mut ws, command, &cx) {
                        // The app refuses what leaves a value out of range; engines must survive
                        // both the refused and the accepted state.
                        run_engines(&ws, &other);
                        if !validate::new_problems(&before, &ws, &touched).is_empty() {
                            ws = before;
                        }
                    }
                }
                run_engines(&ws, &other);
                Ok(())
            },
        )
        .unwrap();
}
