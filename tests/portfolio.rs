//! A project's money (budget, spend, return, ROI, cost of sale) and goals, as `metrics.md`
//! defines them, and the commands that set them.

mod common;
use common::{context, sample, today};
use pursuit::engine::health::{health, HealthStatus};
use pursuit::engine::portfolio::{
    cost_of_sale, goal_progress, portfolio_money, project_money, roi,
};
use pursuit::model::command::{perform, Direction};
use pursuit::model::draft::{CostDraft, GoalDraft, ProjectDraft};
use pursuit::model::*;

fn cx() -> pursuit::model::command::Context {
    context("2026-11-22T10:00:00Z".parse().unwrap(), None, 1)
}

fn project(ws: &Workspace, prefix: &str) -> ProjectId {
    ws.projects
        .iter()
        .find(|p| p.name.starts_with(prefix))
        .unwrap()
        .id
}

#[test]
fn roi_and_cost_of_sale_follow_the_definitions() {
    // (return, spent, ROI)
    let cases: &[(i64, i64, Option<f64>)] = &[
        (
            48_000_000,
            604_000,
            Some((48_000_000.0 - 604_000.0) / 604_000.0),
        ),
        (100, 100, Some(0.0)),
        (0, 500, Some(-1.0)),
        (1_000, 0, None), // nothing spent: no ROI
        (0, 0, None),
    ];
    for (ret, spent, expected) in cases {
        assert_eq!(roi(*ret, *spent), *expected, "return {ret}, spent {spent}");
    }
    // (spent, won value, cost of sale)
    let cases: &[(i64, i64, Option<f64>)] = &[
        (604_000, 48_000_000, Some(604_000.0 / 48_000_000.0)),
        (0, 1_000, Some(0.0)),
        (500, 0, None), // nothing won: no cost of sale
    ];
    for (spent, won, expected) in cases {
        assert_eq!(
            cost_of_sale(*spent, *won),
            *expected,
            "spent {spent}, won {won}"
        );
    }
}

#[test]
fn a_project_returns_its_value_when_open_or_won_and_nothing_when_lost() {
    let mut ws = sample();
    let id = project(&ws, "Helios");
    let p = ws.project(id).unwrap().clone();
    let m = project_money(&ws, &p);
    assert_eq!(m.spent, 184_000 + 420_000);
    assert_eq!(m.budget, Some(1_500_000));
    assert_eq!(m.expected_return, p.value.minor);
    assert!(!m.won && m.cost_of_sale.is_none());
    assert_eq!(m.left(), Some(1_500_000 - 604_000));
    for (status, ret, cost_of_sale) in [
        (ProjectStatus::Won, p.value.minor, true),
        (ProjectStatus::Lost, 0, false),
        (ProjectStatus::Cancelled, 0, false),
        (ProjectStatus::OnHold, p.value.minor, false),
    ] {
        ws.projects.iter_mut().find(|x| x.id == id).unwrap().status = status;
        let m = project_money(&ws, ws.project(id).unwrap());
        assert_eq!(m.expected_return, ret, "{status:?}");
        assert_eq!(m.cost_of_sale.is_some(), cost_of_sale, "{status:?}");
        assert_eq!(m.roi, roi(ret, 604_000), "{status:?}");
    }
}

#[test]
fn portfolio_sums_leave_other_currencies_apart() {
    let mut ws = sample();
    let live: Vec<Project> = ws.live_projects().cloned().collect();
    assert!(!live.is_empty());
    let all = portfolio_money(&ws, &live);
    assert_eq!(all.other_currency, 0);
    assert_eq!(
        all.spent,
        ws.costs
            .iter()
            .filter(|c| c.is_live())
            .map(|c| c.amount.minor)
            .sum::<i64>()
    );
    let id = project(&ws, "Helios");
    ws.projects
        .iter_mut()
        .find(|p| p.id == id)
        .unwrap()
        .value
        .currency = Currency::parse("USD").unwrap();
    let live: Vec<Project> = ws.live_projects().cloned().collect();
    let mixed = portfolio_money(&ws, &live);
    assert_eq!(mixed.other_currency, 1);
    assert_eq!(mixed.spent, all.spent - 604_000);
}

#[test]
fn a_cost_entry_changes_spend_and_can_tip_health_over_budget() {
    let mut ws = sample();
    let id = project(&ws, "Helios");
    let before = health(&ws, ws.project(id).unwrap(), today()).unwrap();
    assert!(!before
        .reasons
        .iter()
        .any(|r| r.text.contains("over budget")));
    let mut draft = CostDraft::blank(today(), None);
    draft.amount = "12,000".into();
    draft.category = CostCategory::People;
    draft.note = "Bid team, two weeks".into();
    let input = draft.check(&Currency::default()).unwrap();
    let cost = CostId(uuid::Uuid::from_u128(9_001));
    perform(
        &mut ws,
        Command::SaveCost {
            id: cost,
            project: id,
            input,
        },
        &cx(),
    )
    .unwrap();
    let m = project_money(&ws, ws.project(id).unwrap());
    assert_eq!(m.spent, 604_000 + 1_200_000);
    let after = health(&ws, ws.project(id).unwrap(), today()).unwrap();
    assert!(after.status >= HealthStatus::AtRisk);
    assert!(
        after
            .reasons
            .iter()
            .any(|r| r.text.contains("costs 20 % over budget")),
        "{:?}",
        after.reasons
    );
    // Deleting it puts spend back.
    perform(&mut ws, Command::DeleteCost(cost), &cx()).unwrap();
    assert_eq!(project_money(&ws, ws.project(id).unwrap()).spent, 604_000);
}

#[test]
fn cost_and_budget_forms_refuse_bad_amounts_with_the_field_named() {
    let eur = Currency::default();
    let cases: &[(&str, &str)] = &[
        ("", "Enter what was spent."),
        ("0", "A cost is more than zero."),
        ("-5", "A cost is more than zero."),
        ("12.345", "EUR takes at most 2 decimal places."),
        ("lots", "Enter an amount such as 25000 or 25,000.50."),
        ("999999999999999", "That amount is too large"),
    ];
    for (typed, message) in cases {
        let mut d = CostDraft::blank(today(), None);
        d.amount = (*typed).into();
        let errors = d.check(&eur).unwrap_err();
        assert!(
            errors.get("amount").is_some_and(|m| m.starts_with(message)),
            "{typed:?}: {errors:?}"
        );
    }
    let mut d = CostDraft::blank(today(), None);
    d.amount = "10".into();
    d.date = "1850-01-01".into();
    assert!(d.check(&eur).unwrap_err().get("date").is_some());

    let mut p = ProjectDraft::blank(&eur, None, today());
    p.name = "X".into();
    p.budget = "-1".into();
    assert_eq!(
        p.check().unwrap_err().get("budget"),
        Some("The budget can't be negative.")
    );
    p.budget = "25,000".into();
    assert_eq!(p.check().unwrap().budget, Some(Money::new(2_500_000, eur)));
    p.budget = " ".into();
    assert_eq!(p.check().unwrap().budget, None);
}

#[test]
fn goals_are_added_measured_reordered_and_deleted() {
    let mut ws = sample();
    let id = project(&ws, "Helios");
    assert!(ws.goals_of(id).is_empty());
    let add = |ws: &mut Workspace, n: u128, metric: &str, measure: GoalMeasure, target: &str| {
        let mut d = GoalDraft::blank();
        d.metric = metric.into();
        d.measure = measure;
        d.target = target.into();
        d.current = "3".into();
        let input = d.check().unwrap();
        let gid = GoalId(uuid::Uuid::from_u128(n));
        perform(
            ws,
            Command::SaveGoal {
                id: gid,
                project: id,
                input,
            },
            &cx(),
        )
        .unwrap();
        gid
    };
    let typed = add(
        &mut ws,
        7_001,
        "Warehouses signed",
        GoalMeasure::Manual,
        "14",
    );
    let counted = add(
        &mut ws,
        7_002,
        "Stages passed",
        GoalMeasure::Milestones,
        "6",
    );
    let won = add(
        &mut ws,
        7_003,
        "Contract value",
        GoalMeasure::WonValue,
        "480000",
    );
    let order = |ws: &Workspace| ws.goals_of(id).iter().map(|g| g.id).collect::<Vec<_>>();
    assert_eq!(order(&ws), [typed, counted, won]);

    let progress =
        |ws: &Workspace, g: GoalId| goal_progress(ws, ws.goals.iter().find(|x| x.id == g).unwrap());
    assert_eq!(progress(&ws, typed).current, 3.0);
    let done = ws
        .milestones_of(id)
        .iter()
        .filter(|m| m.completed_on.is_some())
        .count();
    assert!(done > 0, "the sample deal has milestones done");
    assert_eq!(progress(&ws, counted).current, done as f64);
    assert_eq!(progress(&ws, won).current, 0.0, "not won yet");
    ws.projects.iter_mut().find(|p| p.id == id).unwrap().status = ProjectStatus::Won;
    assert_eq!(progress(&ws, won).ratio, 1.0);

    perform(
        &mut ws,
        Command::MoveGoal {
            id: won,
            direction: Direction::Up,
        },
        &cx(),
    )
    .unwrap();
    assert_eq!(order(&ws), [typed, won, counted]);
    perform(
        &mut ws,
        Command::MoveGoal {
            id: typed,
            direction: Direction::Up,
        },
        &cx(),
    )
    .unwrap();
    assert_eq!(order(&ws), [typed, won, counted], "the first stays first");
    perform(&mut ws, Command::DeleteGoal(won), &cx()).unwrap();
    assert_eq!(order(&ws), [typed, counted]);
    assert_eq!(pursuit::engine::validate::validate(&ws), vec![]);
}

#[test]
fn the_goal_form_refuses_what_it_cannot_measure() {
    type Edit = fn(&mut GoalDraft);
    let cases: &[(Edit, &str)] = &[
        (|d| d.metric = " ".into(), "metric"),
        (|d| d.target = "0".into(), "target"),
        (|d| d.target = "-3".into(), "target"),
        (|d| d.target = "NaN".into(), "target"),
        (|d| d.target = "1e13".into(), "target"),
        (|d| d.current = "x".into(), "current"),
    ];
    for (edit, field) in cases {
        let mut d = GoalDraft::blank();
        d.metric = "Warehouses signed".into();
        d.target = "14".into();
        edit(&mut d);
        let errors = d.check().unwrap_err();
        assert!(errors.get(field).is_some(), "{field}: {errors:?}");
    }
    // A counted goal ignores the typed figure.
    let mut d = GoalDraft::blank();
    d.metric = "Stages".into();
    d.target = "6".into();
    d.measure = GoalMeasure::Milestones;
    d.current = "junk".into();
    assert_eq!(d.check().unwrap().current, 0.0);
}
