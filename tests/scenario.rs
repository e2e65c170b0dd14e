//! What-if scenarios (engine::scenario): steps replayed into a sandbox, checked against the
//! real workspace before they apply, applied as one change, and compared with reality.

mod common;

use common::{at, context, sample, today};
use pursuit::engine::history::diff;
use pursuit::engine::scenario::{check, checked_name, compare, prepare, sandbox, Measure, Step};
use pursuit::model::command::{apply, Context};
use pursuit::model::ProjectCommand;
use pursuit::model::ProjectDraft;
use pursuit::model::*;

/// Makes `command` in `ws` (a sandbox) the way the app does, and gives the scenario step.
fn edit(ws: &mut Workspace, command: impl Into<Command>, cx: &Context) -> Step {
    let command = command.into();
    let change = apply(ws, command, cx).expect("the edit is accepted");
    let changes = diff(&change.before, &change.after, &change.touched);
    ws.commit(&change);
    Step {
        label: format!("edit {}", changes.len()),
        changes,
    }
}

/// The first open deal of the sample targeted in the current quarter, with a value.
fn open_deal(ws: &Workspace) -> Project {
    let deals: Vec<&Project> = ws
        .live_projects()
        .filter(|p| p.status.is_open() && p.value.minor > 0)
        .collect();
    assert!(!deals.is_empty(), "the sample has open deals");
    deals[0].clone()
}

fn with_probability(p: &Project, probability: u8) -> Command {
    let mut draft = ProjectDraft::from_project(p);
    draft.probability = probability.to_string();
    ProjectCommand::UpdateProject {
        id: p.id,
        input: draft.check().expect("valid"),
    }
    .into()
}

fn renamed(p: &Project, name: &str) -> Command {
    let mut draft = ProjectDraft::from_project(p);
    draft.name = name.to_string();
    ProjectCommand::UpdateProject {
        id: p.id,
        input: draft.check().expect("valid"),
    }
    .into()
}

#[test]
fn the_sandbox_replays_the_steps_and_leaves_the_workspace_alone() {
    let real = sample();
    let cx = context(at(1), None, 2);
    let deal = open_deal(&real);
    let mut sb = real.clone();
    let first = edit(&mut sb, with_probability(&deal, 95), &cx);
    let now = sb.projects.get(deal.id.0).unwrap().clone();
    let steps = vec![first, edit(&mut sb, renamed(&now, "Acme — bigger"), &cx)];
    let rebuilt = sandbox(&real, &steps, &context(at(2), None, 2));
    let p = rebuilt.projects.get(deal.id.0).unwrap();
    assert_eq!((p.probability, p.name.as_str()), (95, "Acme — bigger"));
    let untouched = real.projects.get(deal.id.0).unwrap();
    assert_eq!(untouched, &deal, "the real workspace is not changed");
}

#[test]
fn applying_brings_exactly_the_chosen_steps() {
    let real = sample();
    let cx = context(at(1), None, 2);
    let deals: Vec<Project> = real
        .live_projects()
        .filter(|p| p.status.is_open())
        .take(2)
        .cloned()
        .collect();
    assert_eq!(deals.len(), 2);
    let mut sb = real.clone();
    let steps = vec![
        edit(&mut sb, with_probability(&deals[0], 90), &cx),
        edit(&mut sb, with_probability(&deals[1], 10), &cx),
    ];
    let change = prepare(&real, &steps, &[false, true], &context(at(3), None, 1)).unwrap();
    let mut applied = real.clone();
    applied.commit(&change);
    let prob = |ws: &Workspace, p: &Project| ws.projects.get(p.id.0).unwrap().probability;
    assert_eq!(prob(&applied, &deals[0]), deals[0].probability, "left out");
    assert_eq!(prob(&applied, &deals[1]), 10, "chosen");
    assert_eq!(change.touched.projects.len(), 1);
    assert!(prepare(&real, &steps, &[false, false], &cx).is_err());
}

#[test]
fn a_step_that_would_overwrite_a_later_edit_is_refused() {
    let real = sample();
    let cx = context(at(1), None, 2);
    let deal = open_deal(&real);
    let mut sb = real.clone();
    let steps = vec![edit(&mut sb, with_probability(&deal, 90), &cx)];
    assert_eq!(check(&real, &steps, &[true]), vec![None]);

    // Meanwhile a teammate changes the same deal in the workspace.
    let mut moved = real.clone();
    edit(
        &mut moved,
        renamed(&deal, "Renamed by a teammate"),
        &context(at(2), None, 7),
    );
    let problems = check(&moved, &steps, &[true]);
    let problem = problems[0].as_deref().expect("a conflict is found");
    assert!(problem.contains("changed in the workspace"), "{problem}");
    let refused = prepare(&moved, &steps, &[true], &cx).unwrap_err();
    assert!(refused.starts_with("Can't apply “edit"), "{refused}");

    // A change elsewhere, or one that only touched the stamp, is no conflict.
    let mut elsewhere = real.clone();
    let other = elsewhere
        .live_projects()
        .find(|p| p.id != deal.id)
        .cloned()
        .unwrap();
    edit(
        &mut elsewhere,
        renamed(&other, "Other"),
        &context(at(2), None, 7),
    );
    assert_eq!(check(&elsewhere, &steps, &[true]), vec![None]);
}

#[test]
fn a_step_building_on_one_left_out_names_it() {
    let real = sample();
    let cx = context(at(1), None, 2);
    let deal = open_deal(&real);
    let mut sb = real.clone();
    let first = edit(&mut sb, with_probability(&deal, 90), &cx);
    let now = sb.projects.get(deal.id.0).unwrap().clone();
    let steps = vec![first, edit(&mut sb, renamed(&now, "Both"), &cx)];
    assert_eq!(check(&real, &steps, &[true, true]), vec![None, None]);
    let problems = check(&real, &steps, &[false, true]);
    let problem = problems[1].as_deref().expect("depends on step 1");
    assert!(problem.contains("builds on “edit"), "{problem}");
    // Both chosen: applied together, the deal ends as the scenario has it.
    let change = prepare(&real, &steps, &[true, true], &cx).unwrap();
    let mut applied = real.clone();
    applied.commit(&change);
    let p = applied.projects.get(deal.id.0).unwrap();
    assert_eq!((p.probability, p.name.as_str()), (90, "Both"));
}

#[test]
fn a_deal_added_in_the_scenario_is_added_when_applied() {
    let real = sample();
    let cx = context(at(1), None, 2);
    let mut draft = ProjectDraft::blank(&real.settings.currency, None, today());
    draft.name = "Maybe: Globex expansion".into();
    draft.value = "80000".into();
    draft.probability = "40".into();
    let id = ProjectId(uuid::Uuid::from_u128(0xfeed));
    let mut sb = real.clone();
    let steps = vec![edit(
        &mut sb,
        ProjectCommand::CreateProject {
            id,
            input: draft.check().unwrap(),
        },
        &cx,
    )];
    assert!(real.projects.get(id.0).is_none());
    let change = prepare(&real, &steps, &[true], &cx).unwrap();
    let mut applied = real.clone();
    applied.commit(&change);
    assert_eq!(
        applied.projects.get(id.0).unwrap().name,
        "Maybe: Globex expansion"
    );
    // Added meanwhile in the workspace too (same id): a conflict, not a duplicate.
    assert!(check(&applied, &steps, &[true])[0].is_some());
}

#[test]
fn the_comparison_shows_what_moved() {
    let real = sample();
    let cx = context(at(1), None, 2);
    let same = compare(&real, &real, PeriodKind::Quarter, today(), 4);
    assert!(!same.forecast.is_empty() && !same.workload.is_empty());
    assert_eq!(same.differences(), 0, "a workspace equals itself");

    // Every open deal of the quarter certain: won + weighted rises to the sum of values.
    let period = pursuit::engine::forecast::current(&real, PeriodKind::Quarter, today());
    let in_quarter: Vec<Project> = real
        .live_projects()
        .filter(|p| p.status.is_open())
        .filter(|p| {
            pursuit::engine::periods::contains(period, pursuit::engine::forecast::period_day(p))
        })
        .cloned()
        .collect();
    assert!(!in_quarter.is_empty(), "the sample has deals this quarter");
    let mut sb = real.clone();
    for p in &in_quarter {
        edit(&mut sb, with_probability(p, 100), &cx);
    }
    let moved = compare(&real, &sb, PeriodKind::Quarter, today(), 4);
    let line = |label: &str| {
        moved
            .forecast
            .iter()
            .find(|l| l.label == label)
            .cloned()
            .unwrap_or_else(|| panic!("{label} is compared"))
    };
    let weighted = line("Weighted pipeline");
    assert!(weighted.changed());
    let open: i64 = in_quarter
        .iter()
        .filter(|p| p.value.currency == real.settings.currency)
        .map(|p| p.value.minor)
        .sum();
    assert_eq!(weighted.scenario, Some(Measure::Money(open)));
    assert!(!line("Won").changed(), "nothing was closed");
    assert!(moved.differences() > 0);
}

#[test]
fn scenario_names_are_checked() {
    assert_eq!(checked_name("  Q4 push ").unwrap(), "Q4 push");
    assert!(checked_name("   ")
        .unwrap_err()
        .starts_with("Scenario name:"));
    assert!(checked_name(&"x".repeat(81))
        .unwrap_err()
        .contains("at most 80"));
}

/// The worked example of docs/metrics.md ("What-if comparison"), number for number.
#[test]
fn the_worked_example_in_the_metrics_notes_holds() {
    let real = sample();
    let cx = context(at(1), None, 2);
    let arcadia = real
        .live_projects()
        .find(|p| p.name == "Arcadia Health — service desk renewal")
        .cloned()
        .expect("in the sample");
    assert_eq!((arcadia.value.minor, arcadia.probability), (21_000_000, 80));
    let mut draft = ProjectDraft::from_project(&arcadia);
    draft.value = "800000".into();
    let mut sb = real.clone();
    edit(
        &mut sb,
        ProjectCommand::UpdateProject {
            id: arcadia.id,
            input: draft.check().unwrap(),
        },
        &cx,
    );
    let c = compare(&real, &sb, PeriodKind::Quarter, today(), 4);
    let get = |label: &str| {
        let line = c.forecast.iter().find(|l| l.label == label).unwrap();
        (line.real.unwrap(), line.scenario.unwrap())
    };
    let money = |a: i64, b: i64| (Measure::Money(a * 100), Measure::Money(b * 100));
    assert_eq!(get("Target"), money(900_000, 900_000));
    assert_eq!(get("Won"), money(320_000, 320_000));
    assert_eq!(get("Weighted pipeline"), money(168_000, 640_000));
    assert_eq!(get("Expected (won + weighted)"), money(488_000, 960_000));
    assert_eq!(get("Commit"), money(530_000, 1_120_000));
    assert_eq!(get("Best case"), money(530_000, 1_120_000));
    assert_eq!(
        get("Open deals closing in the period"),
        (Measure::Count(1), Measure::Count(1))
    );
    match get("Chance of hitting the target") {
        (Measure::Share(before), Measure::Share(after)) => {
            assert_eq!(before, 0.0);
            // Won and not slipped: 0.8 × (1 − 0.25) = 0.6 exactly; 10,000 trials within 0.02.
            assert!((after - 0.6).abs() < 0.02, "{after}");
            // The very number the dashboard's card shows for the scenario.
            let period = pursuit::engine::forecast::current(&sb, PeriodKind::Quarter, today());
            let card = pursuit::engine::simulation::for_period(&sb, period, None, today()).unwrap();
            assert_eq!(after, card.chance);
            assert_eq!(get("Likely won (P50)").1, Measure::Money(card.p50));
        }
        other => panic!("{other:?}"),
    }
}

use proptest::prelude::*;

/// Strips what only says who touched a record when (stamps), as the conflict check does.
fn content(ws: &Workspace) -> Vec<(String, u8, i64, NaiveDate)> {
    let mut out: Vec<_> = ws
        .live_projects()
        .map(|p| (p.name.clone(), p.probability, p.value.minor, p.target_date))
        .collect();
    pursuit::sorting::sort(&mut out);
    out
}

use chrono::NaiveDate;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Laws: on an unchanged workspace every step applies; applying them all gives the
    /// sandbox; applying none of them is refused; a step left out is never applied.
    #[test]
    fn applying_every_step_gives_the_sandbox(
        edits in prop::collection::vec((0usize..6, 0u8..=100, 1u32..400, 0i64..90), 1..8),
        left_out in 0usize..8,
    ) {
        let real = sample();
        let cx = context(at(1), None, 2);
        let deals: Vec<ProjectId> = real
            .live_projects()
            .filter(|p| p.status.is_open())
            .map(|p| p.id)
            .collect();
        prop_assert!(!deals.is_empty());
        let mut sb = real.clone();
        let mut steps = Vec::new();
        for (which, probability, thousands, days) in edits {
            let p = sb.projects.get(deals[which % deals.len()].0).unwrap().clone();
            let mut draft = ProjectDraft::from_project(&p);
            draft.probability = probability.to_string();
            draft.value = (thousands * 1000).to_string();
            draft.target_date = (p.start_date + chrono::Duration::days(30 + days)).to_string();
            steps.push(edit(&mut sb, ProjectCommand::UpdateProject { id: p.id, input: draft.check().unwrap() }, &cx));
        }
        let all = vec![true; steps.len()];
        prop_assert!(check(&real, &steps, &all).iter().all(Option::is_none));
        let change = prepare(&real, &steps, &all, &cx).unwrap();
        let mut applied = real.clone();
        applied.commit(&change);
        prop_assert_eq!(content(&applied), content(&sb));
        prop_assert_eq!(content(&sandbox(&real, &steps, &cx)), content(&sb));
        prop_assert!(prepare(&real, &steps, &vec![false; steps.len()], &cx).is_err());

        // Leaving one step out: the rest apply when none of them builds on it, and give the
        // sandbox of the rest.
        let mut chosen = all.clone();
        let out = left_out % steps.len();
        chosen[out] = false;
        let problems = check(&real, &steps, &chosen);
        if steps.len() == 1 {
            prop_assert!(prepare(&real, &steps, &chosen, &cx).is_err(), "nothing chosen");
        } else if problems.iter().all(Option::is_none) {
            let change = prepare(&real, &steps, &chosen, &cx).unwrap();
            let mut partial = real.clone();
            partial.commit(&change);
            let rest: Vec<Step> = steps.iter().zip(&chosen).filter(|(_, c)| **c).map(|(s, _)| s.clone()).collect();
            prop_assert_eq!(content(&partial), content(&sandbox(&real, &rest, &cx)));
        } else {
            // Only a later step touching the same deal can depend on the one left out.
            let first_bad = problems.iter().position(Option::is_some).unwrap();
            prop_assert!(first_bad > out);
            prop_assert!(problems[first_bad].as_deref().unwrap().contains("builds on"));
        }
    }
}
