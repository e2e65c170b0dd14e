//! docs/limits.md and `model::limits` say the same: every limit in the code is in the table
//! with the same value, and the table names no limit the code lacks.

use std::collections::BTreeMap;

#[test]
fn the_documented_limits_are_the_enforced_ones() {
    let doc = include_str!("../docs/limits.md");
    let table: BTreeMap<String, String> = doc
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((name.to_string(), cells.get(2)?.to_string()))
        })
        .collect();
    let code: BTreeMap<String, String> = pursuit::model::limits::documented()
        .into_iter()
        .chain(pursuit::format::sealed::documented())
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    assert!(!code.is_empty() && !table.is_empty());
    assert_eq!(
        table, code,
        "docs/limits.md and src/model/limits.rs disagree"
    );
}

#[test]
fn the_form_and_the_file_refuse_the_same_lag() {
    use pursuit::model::limits::MAX_LAG_DAYS;
    // Typed: the command is applied, then the edit is checked like a file (as the app does).
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let ws = pursuit::sample::sample_workspace(
        "2026-11-22T09:00:00Z".parse().unwrap(),
        today,
        &mut pursuit::model::SequentialIds::default(),
    );
    use pursuit::model::InProject;
    let before = ws.clone();
    let mut live = ws
        .tasks
        .iter()
        .filter(|t| t.is_live_in(ws.tasks[0].project_id) && t.depends_on.is_empty());
    let (a, b) = (live.next().unwrap().id, live.next().unwrap().id);
    let cx = pursuit::model::command::Context {
        now: "2026-11-22T10:00:00Z".parse().unwrap(),
        today,
        actor: None,
        replica: pursuit::model::ReplicaId(1),
    };
    for (lag, refused) in [
        (MAX_LAG_DAYS, false),
        (MAX_LAG_DAYS + 1, true),
        (100_000_000, true),
        (-MAX_LAG_DAYS - 1, true),
    ] {
        let mut w = before.clone();
        let touched = pursuit::model::command::perform(
            &mut w,
            pursuit::model::PlanCommand::AddDependency {
                task: b,
                on: a,
                lag_days: lag,
            },
            &cx,
        )
        .unwrap();
        let problems = pursuit::engine::validate::new_problems(&before, &w, &touched);
        assert_eq!(!problems.is_empty(), refused, "lag {lag}: {problems:?}");
        if refused {
            assert!(
                problems[0].message.contains("lag") && problems[0].message.contains("2,500"),
                "{}",
                problems[0].message
            );
            // The file path refuses the same value.
            let file = pursuit::format::write(&w, cx.now);
            assert!(pursuit::format::read(&file).is_err());
        }
    }
}
