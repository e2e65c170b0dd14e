//! The file format: the golden fixture of every released version keeps loading, exports read
//! back unchanged, and every kind of bad file is refused with a message that says where.

use pursuit::format::{self, ReadError, SCHEMA_VERSION};
use pursuit::model::{CostCategory, GoalMeasure, Workspace};
use serde_json::{json, Value};

#[path = "support/workspaces.rs"]
mod workspaces;

const V1: &str = include_str!("fixtures/workspace-v1.json");
const V2: &str = include_str!("fixtures/workspace-v2.json");
const V3: &str = include_str!("fixtures/workspace-v3.json");

fn fixture() -> Value {
    serde_json::from_str(V1).unwrap()
}

#[test]
fn golden_v1_fixture_loads() {
    let ws = format::read(V1).expect("the released v1 file must keep loading");
    assert_eq!(ws.name, "Northwind Sales");
    assert_eq!(ws.members.len(), 5);
    assert_eq!(ws.projects.len(), 8);
    assert!(ws.tasks.len() >= 20);
    // Every entity kind is present in the fixture, so a format change can't slip past it.
    assert!(!ws.risks.is_empty() && !ws.stakeholders.is_empty() && !ws.communications.is_empty());
    assert!(!ws.feedback.is_empty() && !ws.costs.is_empty() && !ws.goals.is_empty());
    assert!(!ws.templates.is_empty() && !ws.quotas.is_empty());
}

#[test]
fn golden_v2_fixture_loads_with_budgets_costs_and_goals() {
    let ws = format::read(V2).expect("the released v2 file must keep loading");
    assert_eq!(ws.projects.len(), 9);
    assert!(!ws.decisions.is_empty() && !ws.reviews.is_empty());
    assert!(ws.projects.iter().filter(|p| !p.scores.is_empty()).count() >= 2);
    assert_eq!(ws.settings.criteria.len(), 5);
    assert!(ws.costs.len() >= 4 && !ws.goals.is_empty());
    assert!(ws.projects.iter().filter(|p| p.budget.is_some()).count() >= 2);
    assert!(ws.costs.iter().any(|c| c.spent_by.is_some()));
    let v: Value = serde_json::from_str(V2).unwrap();
    assert_eq!(v["schema_version"], 2);
}

#[test]
fn golden_v3_fixture_loads_with_a_competitor() {
    let ws = format::read(V3).expect("the released v3 file must keep loading");
    assert_eq!(ws.competitors.len(), 1);
    let c = &ws.competitors[0];
    assert_eq!((c.name.as_str(), c.threat), ("Northstar IT", 4));
    assert_eq!(c.status, pursuit::model::CompetitorStatus::Active);
    assert_eq!(
        ws.project(c.project_id).map(|p| p.name.as_str()),
        Some("Helios Logistics — managed IT services")
    );
}

/// A version-2 file meets version 3 with no competitors and nothing else changed.
#[test]
fn a_v2_file_is_migrated_to_v3() {
    let v2 = format::read(V2).unwrap();
    assert!(v2.competitors.is_empty());
    let mut v3 = format::read(V3).unwrap();
    v3.competitors = Default::default();
    assert_eq!(v2, v3);
}

/// Version 1 files meet version 2 through `migrate::v1_to_v2`: free-text cost categories
/// become the five categories, goals get their order.
#[test]
fn a_v1_file_is_migrated_to_v2() {
    let v1: Value = serde_json::from_str(V1).unwrap();
    assert_eq!(v1["workspace"]["costs"][0]["category"], "Travel");
    let ws = format::read(V1).unwrap();
    assert!(!ws.costs.is_empty());
    assert_eq!(ws.costs[0].category, CostCategory::Travel);
    assert_eq!(ws.costs[0].description, "Site visits to two warehouses");
    assert!(!ws.goals.is_empty());
    assert_eq!(ws.goals[0].order, 0);
    assert_eq!(ws.goals[0].measure, GoalMeasure::Manual);
}

#[test]
fn export_reads_back_identically() {
    let ws = format::read(V1).unwrap();
    let written = format::write(&ws, "2026-11-23T10:00:00Z".parse().unwrap());
    let again: Workspace = format::read(&written).unwrap();
    assert_eq!(again, ws);
    let envelope: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(envelope["format"], "pursuit-workspace");
    assert_eq!(envelope["schema_version"], SCHEMA_VERSION);
}

/// A current file is read straight into the model in one pass; the result must be what the
/// careful path (JSON tree, migrations, typed read) gives, field for field.
#[test]
fn the_one_pass_read_equals_the_tree_read() {
    let sample = format::write(
        &format::read(V2).unwrap(),
        "2026-11-23T10:00:00Z".parse().unwrap(),
    );
    for text in [V2, sample.as_str()] {
        let fast = format::read(text).unwrap();
        let careful = format::read_value(serde_json::from_str(text).unwrap()).unwrap();
        assert!(!fast.projects.is_empty() && !fast.tasks.is_empty());
        assert_eq!(fast, careful);
    }
}

/// Applies `edit` to the fixture and checks that reading fails with every `expected` text
/// somewhere in the messages.
fn check(what: &str, edit: impl FnOnce(&mut Value), expected: &[&str]) {
    let mut value = fixture();
    edit(&mut value);
    let text = serde_json::to_string_pretty(&value).unwrap();
    let error = format::read(&text).expect_err(what);
    let lines = error.lines().join("\n");
    for needle in expected {
        assert!(
            lines.contains(needle),
            "{what}: expected {needle:?} in:\n{lines}"
        );
    }
}

fn project_index(v: &Value, name_start: &str) -> usize {
    v["workspace"]["projects"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p["name"].as_str().unwrap().starts_with(name_start))
        .unwrap()
}

#[test]
fn not_json_says_line_and_column() {
    let error = format::read("{\n  \"format\": \"pursuit-workspace\",\n  oops\n}").unwrap_err();
    match &error {
        ReadError::NotJson { line, column, .. } => assert_eq!((*line, *column), (3, 3)),
        other => panic!("expected NotJson, got {other:?}"),
    }
    assert!(error.to_string().contains("line 3, column 3"));
}

#[test]
fn envelope_problems() {
    check(
        "other format",
        |v| v["format"] = json!("trello-board"),
        &["not a Pursuit workspace file", "trello-board"],
    );
    check(
        "no format",
        |v| v.as_object_mut().unwrap().retain(|k, _| k != "format"),
        &["not a Pursuit workspace file"],
    );
    check(
        "array at top",
        |v| *v = json!([1, 2]),
        &["no object at the top level"],
    );
    check(
        "newer version",
        |v| v["schema_version"] = json!(SCHEMA_VERSION + 1),
        &[
            "newer version of Pursuit",
            "schema version 4",
            "up to version 3",
        ],
    );
    check(
        "version zero",
        |v| v["schema_version"] = json!(0),
        &["schema_version"],
    );
    check(
        "no workspace",
        |v| v.as_object_mut().unwrap().retain(|k, _| k != "workspace"),
        &["no \"workspace\" field"],
    );
}

#[test]
fn shape_problems_have_a_path() {
    check(
        "probability as text",
        |v| v["workspace"]["projects"][0]["probability"] = json!("likely"),
        &["workspace.projects[0].probability"],
    );
    check(
        "bad status",
        |v| v["workspace"]["tasks"][2]["status"] = json!("finished"),
        &["workspace.tasks[2].status", "finished"],
    );
    check(
        "bad date",
        |v| v["workspace"]["projects"][1]["target_date"] = json!("next week"),
        &["workspace.projects[1].target_date"],
    );
}

#[test]
fn each_invalid_value_is_reported_with_its_place() {
    check(
        "probability 140",
        |v| v["workspace"]["projects"][0]["probability"] = json!(140),
        &["projects[0].probability", "140"],
    );
    check(
        "negative value",
        |v| v["workspace"]["projects"][0]["value"]["minor"] = json!(-500),
        &["projects[0].value.minor", "negative"],
    );
    check(
        "end before start",
        |v| {
            let i = project_index(v, "Helios");
            v["workspace"]["projects"][i]["target_date"] = json!("2020-01-01");
        },
        &["target_date", "before it starts"],
    );
    check(
        "unknown owner",
        |v| v["workspace"]["projects"][0]["owner"] = json!("11111111-1111-4111-8111-111111111111"),
        &["projects[0].owner", "not in the workspace"],
    );
    check(
        "unknown milestone",
        |v| {
            v["workspace"]["tasks"][0]["milestone_id"] =
                json!("22222222-2222-4222-8222-222222222222")
        },
        &["tasks[0].milestone_id", "not in the workspace"],
    );
    check(
        "missing dependency",
        |v| {
            v["workspace"]["tasks"][0]["depends_on"] =
                json!([{ "task": "33333333-3333-4333-8333-333333333333", "lag_days": 0 }])
        },
        &["tasks[0].depends_on[0]", "missing"],
    );
    check(
        "duplicate id",
        |v| {
            let id = v["workspace"]["tasks"][0]["id"].clone();
            v["workspace"]["tasks"][1]["id"] = id;
        },
        &["tasks[1].id", "duplicate id", "tasks[0] already uses it"],
    );
    check(
        "cycle",
        |v| {
            // tasks[1] already depends on tasks[0]; make tasks[0] depend on tasks[1].
            let id = v["workspace"]["tasks"][1]["id"].clone();
            v["workspace"]["tasks"][0]["depends_on"] = json!([{ "task": id, "lag_days": 0 }]);
        },
        &[
            "dependency cycle",
            "Confirm budget range with CFO",
            "Identify executive sponsor",
        ],
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let mut v = fixture();
    v["workspace"]["projects"][0]["probability"] = json!(140);
    v["workspace"]["projects"][1]["value"]["minor"] = json!(-1);
    v["workspace"]["projects"][2]["name"] = json!("");
    v["workspace"]["risks"][0]["impact"] = json!(9);
    let error = format::read(&v.to_string()).unwrap_err();
    match error {
        ReadError::Invalid(problems) => assert_eq!(problems.len(), 4, "{problems:#?}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn versions_history_and_new_settings_round_trip() {
    use pursuit::model::command::{perform as apply, Context};
    use pursuit::model::*;
    let mut ws = format::read(V1).unwrap();
    assert!(
        ws.history.is_empty(),
        "version 1 files without a history read as empty"
    );
    assert_eq!(ws.settings.health, HealthThresholds::default());
    let cx = Context {
        now: "2026-11-23T10:00:00Z".parse().unwrap(),
        today: "2026-11-23".parse().unwrap(),
        actor: None,
        replica: ReplicaId(0xabc),
    };
    let mut settings = ws.settings.clone();
    settings.health.high_risk_score = 16;
    apply(&mut ws, WorkspaceCommand::UpdateSettings(settings), &cx).unwrap();
    ws.history.push(ChangeRecord {
        id: ChangeId(uuid::Uuid::from_u128(5)),
        stamp: Stamp::created(cx.now, cx.editor()),
        project_id: None,
        summary: "edited workspace settings".into(),
        details: vec!["High risk score: 15 → 16".into()],
    });
    let written = format::write(&ws, cx.now);
    assert!(
        written.contains("\"0000000000000abc\": 1"),
        "versions are written by replica"
    );
    let again = format::read(&written).unwrap();
    assert_eq!(again, ws);
}

#[test]
fn type_errors_name_the_record_the_value_and_what_is_allowed() {
    let name = |v: &Value, i: usize| {
        v["workspace"]["projects"][i]["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let v = fixture();
    let first = name(&v, 0);
    check(
        "impossible date",
        |v| v["workspace"]["projects"][0]["target_date"] = json!("2026-02-30"),
        &[
            &format!("project “{first}”, target date"),
            "“2026-02-30” is not allowed",
            "YYYY-MM-DD",
            "1900-01-01",
        ],
    );
    check(
        "decimal where a whole number goes",
        |v| v["workspace"]["projects"][0]["value"]["minor"] = json!(12.5),
        &[
            &format!("project “{first}”, minor"),
            "12.5 is not allowed",
            "a whole number",
        ],
    );
    check(
        "unknown status",
        |v| v["workspace"]["tasks"][2]["status"] = json!("finished"),
        &["task “", "“finished” is not allowed", "use one of"],
    );
    let error = {
        let mut v = fixture();
        v["workspace"]["projects"][0]["value"]["minor"] = json!(12.5);
        format::read(&v.to_string()).unwrap_err().to_string()
    };
    assert!(
        !error.contains("expected i64") && !error.contains("input is out of range"),
        "{error}"
    );
}

#[test]
fn values_beyond_the_documented_limits_are_refused_with_the_limit() {
    check(
        "huge lag",
        |v| v["workspace"]["tasks"][1]["depends_on"][0]["lag_days"] = json!(2_000_000_000),
        &["tasks[1].depends_on[0].lag_days", "2,000,000,000", "2,500"],
    );
    check(
        "huge duration",
        |v| v["workspace"]["tasks"][0]["duration_days"] = json!(4_000_000_000u64),
        &["tasks[0].duration_days", "4,000,000,000"],
    );
    check(
        "year 9999",
        |v| v["workspace"]["projects"][0]["target_date"] = json!("9999-12-31"),
        &["projects[0].target_date", "2199-12-31"],
    );
    check(
        "100 KB name",
        |v| v["workspace"]["projects"][0]["client"] = json!("x".repeat(100_000)),
        &["projects[0].client", "100,000 characters", "200"],
    );
    check(
        "9e16 value",
        |v| v["workspace"]["projects"][0]["value"]["minor"] = json!(9_000_000_000_000_000_000i64),
        &["projects[0].value.minor", "largest amount"],
    );
}

/// The next-step grace period and a playbook stage's typical days, from a file, meet the
/// documented day limit.
#[test]
fn grace_period_and_typical_stage_days_from_a_file_are_checked() {
    check(
        "a grace period of 5,000 days",
        |v| v["workspace"]["settings"]["health"]["next_step_grace_days"] = json!(5_000),
        &["settings.health.next_step_grace_days", "5,000", "3,650"],
    );
    check(
        "a stage typically 9,999 days long",
        |v| v["workspace"]["templates"][0]["stages"][0]["typical_days"] = json!(9_999),
        &["templates[0].stages[0].typical_days", "9,999", "3,650"],
    );
}

/// A member's skills and time off from a file meet the same limits as the member form.
#[test]
fn member_time_off_and_skills_from_a_file_are_checked() {
    check(
        "time off ending before it starts",
        |v| {
            v["workspace"]["members"][0]["time_off"] =
                json!([{ "from": "2026-12-10", "to": "2026-12-01" }])
        },
        &[
            "members[0].time_off[0]",
            "time off ends (2026-12-01) before it starts (2026-12-10)",
        ],
    );
    check(
        "time off outside the accepted dates",
        |v| {
            v["workspace"]["members"][0]["time_off"] =
                json!([{ "from": "1850-01-01", "to": "1850-01-02" }])
        },
        &[
            "members[0].time_off[0].from",
            "outside the dates Pursuit accepts",
        ],
    );
    check(
        "too many periods of time off",
        |v| {
            let day = json!({ "from": "2026-12-01", "to": "2026-12-01" });
            v["workspace"]["members"][0]["time_off"] = Value::Array(vec![day; 201]);
        },
        &["members[0].time_off", "200"],
    );
    check(
        "a skill that is too long",
        |v| v["workspace"]["members"][0]["skills"] = json!(["x".repeat(201)]),
        &["members[0].skills[0]"],
    );
}

#[test]
fn the_data_screen_says_how_big_the_file_is() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let now = today.and_hms_opt(9, 30, 0).unwrap().and_utc();
    // Small: written and measured.
    let small = workspaces::benchmark_workspace(40, today);
    assert_eq!(
        format::file_size(&small, now),
        (format::write(&small, now).len(), true)
    );
    // Large: estimated from a sample, within 2 % of the file.
    for n in [301, 1_000, 2_500] {
        let ws = workspaces::benchmark_workspace(n, today);
        let real = format::write(&ws, now).len();
        let (estimate, exact) = format::file_size(&ws, now);
        assert!(!exact, "{n}");
        let off = (estimate as f64 - real as f64).abs() / real as f64;
        assert!(
            off < 0.02,
            "{n} projects: estimated {estimate}, file {real} ({off:.3})"
        );
    }
}

/// A problem reads record and field first, in words, and the path last, in parentheses, for
/// whoever edits the file by hand.
#[test]
fn problems_lead_with_the_record_and_field_and_end_with_the_path() {
    let v = fixture();
    let project = v["workspace"]["projects"][0]["name"]
        .as_str()
        .unwrap()
        .to_string();
    let task = v["workspace"]["tasks"][0]["title"]
        .as_str()
        .unwrap()
        .to_string();
    let lines = |edit: &dyn Fn(&mut Value)| {
        let mut v = fixture();
        edit(&mut v);
        format::read(&v.to_string()).unwrap_err().lines()
    };
    // (what, the edit, how the line starts, how it ends)
    type Case<'a> = (&'a str, Box<dyn Fn(&mut Value)>, String, &'a str);
    let cases: Vec<Case> = vec![
        (
            "a target far in the future",
            Box::new(|v| v["workspace"]["projects"][0]["target_date"] = json!("9999-12-31")),
            format!("Project “{project}”: Target date — "),
            "(projects[0].target_date)",
        ),
        (
            "a task of four billion days",
            Box::new(|v| v["workspace"]["tasks"][0]["duration_days"] = json!(4_000_000_000u64)),
            format!("Task “{task}”: Duration days — "),
            "(tasks[0].duration_days)",
        ),
        (
            "a milestone from nowhere",
            Box::new(|v| {
                v["workspace"]["tasks"][0]["milestone_id"] =
                    json!("00000000-0000-4000-8000-000000000999")
            }),
            format!("Task “{task}”: Milestone — "),
            "(tasks[0].milestone_id)",
        ),
        (
            "a currency of two letters",
            Box::new(|v| v["workspace"]["settings"]["currency"] = json!("EU")),
            "Workspace settings: Currency — ".to_string(),
            "(settings.currency)",
        ),
    ];
    assert!(!cases.is_empty());
    for (what, edit, starts, ends) in &cases {
        let all = lines(edit.as_ref());
        assert!(!all.is_empty(), "{what}");
        assert!(
            all.iter()
                .any(|l| l.starts_with(starts.as_str()) && l.ends_with(ends)),
            "{what}: no line starts {starts:?} and ends {ends:?} in {all:#?}"
        );
        assert!(
            all.iter()
                .all(|l| !l.starts_with("projects[") && !l.starts_with("tasks[")),
            "{what}: a line starts with a path: {all:#?}"
        );
    }
}
