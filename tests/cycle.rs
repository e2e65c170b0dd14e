//! Cycle time by stage (engine::cycle): the stage log each move writes, the median from the
//! team's wins, and the open deals it flags as likely to slip — alone and in the health check.

mod common;

use chrono::NaiveDate;
use common::{at, context, d, sample, today};
use pursuit::engine::cycle::{cycles, likely_slip, ENOUGH_WON};
use pursuit::engine::health::{health, Finding, HealthStatus};
use pursuit::model::command::apply;
use pursuit::model::ProjectCommand;
use pursuit::model::ProjectDraft;
use pursuit::model::*;

fn id(n: u128) -> ProjectId {
    ProjectId(uuid::Uuid::from_u128(n))
}

/// A won deal that entered `stage` `days` before it closed on `closed`.
fn won(n: u128, stage: Stage, days: i64, closed: &str) -> Project {
    let closed = d(closed);
    let entered = closed - chrono::Duration::days(days);
    let mut p = Project::new(
        id(n),
        Stamp::new(at(0), None),
        format!("Won {n}"),
        Money::new(100_000, Currency::parse("EUR").unwrap()),
        entered,
        closed,
    );
    p.stage = Stage::Closed;
    p.status = ProjectStatus::Won;
    p.close_date = Some(closed);
    p.stage_log = vec![StageEntry { stage, on: entered }];
    p
}

/// An open deal in `stage` since `entered`, targeted on `target`.
fn open(stage: Stage, entered: &str, target: &str) -> Project {
    let mut p = Project::new(
        id(999),
        Stamp::new(at(0), None),
        "Open deal".into(),
        Money::new(100_000, Currency::parse("EUR").unwrap()),
        d("2026-09-01"),
        d(target),
    );
    p.stage = stage;
    p.stage_entered_on = Some(d(entered));
    p
}

/// The worked example of docs/metrics.md: six wins 30–90 days after entering Negotiation.
fn example() -> Workspace {
    let mut ws = Workspace::new(WorkspaceId(uuid::Uuid::from_u128(1)), "Cycle".into(), at(0));
    for (n, days) in [30, 45, 50, 60, 70, 90].into_iter().enumerate() {
        ws.projects
            .push(won(n as u128 + 10, Stage::Negotiation, days, "2026-10-01"));
    }
    ws
}

#[test]
fn the_median_is_the_lower_middle_of_the_wins() {
    let c = cycles(&example());
    assert_eq!(c.len(), 5, "prospect to negotiation");
    let negotiation = c.iter().find(|c| c.stage == Stage::Negotiation).unwrap();
    assert_eq!((negotiation.median_days, negotiation.won), (Some(50), 6));
    let proposal = c.iter().find(|c| c.stage == Stage::Proposal).unwrap();
    assert_eq!((proposal.median_days, proposal.won), (None, 0));
}

#[test]
fn the_worked_example_flags_the_deal_that_cannot_make_it() {
    let c = cycles(&example());
    let today = d("2026-12-05");
    let late = likely_slip(
        &open(Stage::Negotiation, "2026-12-01", "2027-01-10"),
        &c,
        today,
    )
    .expect("1 Dec + 50 days = 20 Jan, after 10 Jan");
    assert_eq!(
        (late.expected, late.days_late, late.median_days),
        (d("2027-01-20"), 10, 50)
    );
    assert!(likely_slip(
        &open(Stage::Negotiation, "2026-12-01", "2027-01-25"),
        &c,
        today
    )
    .is_none());
    // Another stage has no wins behind it: nothing is said.
    assert!(likely_slip(
        &open(Stage::Proposal, "2026-12-01", "2027-01-10"),
        &c,
        today
    )
    .is_none());
    // Long past the typical time: expected today, so a target ahead is not flagged.
    assert!(likely_slip(
        &open(Stage::Negotiation, "2026-01-01", "2027-01-10"),
        &c,
        today
    )
    .is_none());
}

#[test]
fn fewer_wins_than_enough_flag_nothing() {
    let mut ws = Workspace::new(WorkspaceId(uuid::Uuid::from_u128(1)), "Few".into(), at(0));
    for n in 0..ENOUGH_WON - 1 {
        ws.projects
            .push(won(n as u128 + 10, Stage::Negotiation, 90, "2026-10-01"));
    }
    let c = cycles(&ws);
    assert_eq!(
        c.iter()
            .find(|c| c.stage == Stage::Negotiation)
            .unwrap()
            .won,
        ENOUGH_WON - 1
    );
    assert!(likely_slip(
        &open(Stage::Negotiation, "2026-12-01", "2027-01-10"),
        &c,
        d("2026-12-05")
    )
    .is_none());
}

#[test]
fn the_health_check_rates_a_likely_slip_at_risk_with_its_figures() {
    let mut ws = example();
    ws.projects
        .push(open(Stage::Negotiation, "2026-12-01", "2027-01-10"));
    let p = ws.projects.get(id(999).0).unwrap().clone();
    let h = health(&ws, &p, d("2026-12-05")).expect("open");
    let reason = h
        .reasons
        .iter()
        .find(|r| matches!(r.finding, Finding::LikelySlip(_)))
        .expect("flagged");
    assert_eq!(reason.status, HealthStatus::AtRisk);
    assert_eq!(
        reason.text,
        "likely to close about 20 Jan 2027 — 10 days after its target: won deals closed a median 50 days after entering Negotiation (6 deals)"
    );
    assert!(
        reason.clears.contains("20 Jan 2027 or later"),
        "{}",
        reason.clears
    );
    // Once the target has passed, that finding speaks instead.
    let h = health(&ws, &p, d("2027-01-15")).unwrap();
    assert!(h
        .reasons
        .iter()
        .all(|r| !matches!(r.finding, Finding::LikelySlip(_))));
    assert!(h
        .reasons
        .iter()
        .any(|r| matches!(r.finding, Finding::TargetPassed { .. })));
}

#[test]
fn creating_and_moving_a_deal_write_its_stage_log() {
    let ws0 = sample();
    let cx = context(at(1), None, 2);
    let mut draft = ProjectDraft::blank(&ws0.settings.currency, None, today());
    draft.name = "Logged".into();
    let new = id(0xabc);
    let mut ws = ws0.clone();
    let change = apply(
        &ws,
        ProjectCommand::CreateProject {
            id: new,
            input: draft.check().unwrap(),
        },
        &cx,
    )
    .unwrap();
    ws.commit(&change);
    let p = ws.projects.get(new.0).unwrap();
    assert_eq!(
        p.stage_log,
        vec![StageEntry {
            stage: p.stage,
            on: p.start_date
        }]
    );
    let change = apply(
        &ws,
        ProjectCommand::ChangeStage {
            id: new,
            to: Stage::Qualified,
            unmet: Vec::new(),
            reason: None,
            probability: 20,
            close_passed: None,
        },
        &cx,
    )
    .unwrap();
    ws.commit(&change);
    let log = &ws.projects.get(new.0).unwrap().stage_log;
    assert_eq!(log.len(), 2);
    assert_eq!(
        log[1],
        StageEntry {
            stage: Stage::Qualified,
            on: today()
        }
    );
}

#[test]
fn a_full_log_keeps_where_the_deal_started() {
    let mut p = open(Stage::Prospect, "2026-01-01", "2027-01-10");
    for i in 0..limits::STAGE_LOG_ENTRIES + 10 {
        let stage = if i % 2 == 0 {
            Stage::Prospect
        } else {
            Stage::Qualified
        };
        p.log_stage(stage, d("2026-01-01") + chrono::Duration::days(i as i64));
    }
    assert_eq!(p.stage_log.len(), limits::STAGE_LOG_ENTRIES);
    assert_eq!(p.stage_log[0].on, d("2026-01-01"));
    assert_eq!(
        p.stage_log.last().unwrap().on,
        d("2026-01-01") + chrono::Duration::days(limits::STAGE_LOG_ENTRIES as i64 + 9)
    );
}

#[test]
fn a_log_past_its_limit_is_refused_by_validation_naming_the_field() {
    let mut ws = example();
    let mut p = open(Stage::Prospect, "2026-01-01", "2027-01-10");
    p.stage_log = vec![
        StageEntry {
            stage: Stage::Prospect,
            on: d("2026-01-01")
        };
        limits::STAGE_LOG_ENTRIES + 1
    ];
    ws.projects.push(p);
    let problems = pursuit::engine::validate::validate(&ws);
    assert!(!problems.is_empty());
    assert!(
        problems
            .iter()
            .any(|p| p.path.ends_with(".stage_log") && p.message.contains("at most 100")),
        "{problems:?}"
    );
}

#[test]
fn wins_moved_before_the_log_existed_are_read_from_the_history() {
    let mut ws = Workspace::new(WorkspaceId(uuid::Uuid::from_u128(1)), "Old".into(), at(0));
    for (n, days) in [30, 45, 50, 60, 70, 90].into_iter().enumerate() {
        let mut p = won(n as u128 + 10, Stage::Negotiation, days, "2026-10-01");
        let entered = p.stage_log[0].on;
        p.stage_log.clear();
        let note = |summary: String, day: NaiveDate| ChangeRecord {
            id: ChangeId(uuid::Uuid::from_u128(
                1000 + n as u128 * 2 + summary.len() as u128,
            )),
            stamp: Stamp::new(day.and_hms_opt(10, 0, 0).unwrap().and_utc(), None),
            project_id: Some(p.id),
            summary,
            details: Vec::new(),
        };
        ws.history.push(note(
            format!("moved {} from Proposal to Negotiation", p.name),
            entered,
        ));
        // An undo of a move is not a move into the stage.
        ws.history.push(note(
            format!("undid: moved {} from Negotiation to Proposal", p.name),
            entered - chrono::Duration::days(200),
        ));
        ws.projects.push(p);
    }
    let c = cycles(&ws);
    let negotiation = c.iter().find(|c| c.stage == Stage::Negotiation).unwrap();
    assert_eq!((negotiation.median_days, negotiation.won), (Some(50), 6));
    let proposal = c.iter().find(|c| c.stage == Stage::Proposal).unwrap();
    assert_eq!(
        proposal.won, 0,
        "the undo note says nothing about entering Proposal"
    );
}
