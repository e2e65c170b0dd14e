//! A project's money (budget, spend, return, ROI, cost of sale) and goals, as `metrics.md`
//! defines them, and the commands that set them.

mod common;
use common::{context, sample, today};
use pursuit::engine::health::{health, HealthStatus};
use pursuit::engine::portfolio::{
    cost_of_sale, goal_progress, portfolio_money, project_money, roi,
};
use pursuit::model::command::{perform, Direction};
use pursuit::model::ProjectDraft;
use pursuit::model::*;
use pursuit::model::{CostDraft, GoalDraft};
use pursuit::model::{PortfolioCommand, RecordCommand, WorkspaceCommand};

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
        RecordCommand::SaveCost {
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
    perform(&mut ws, RecordCommand::DeleteCost(cost), &cx()).unwrap();
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
            RecordCommand::SaveGoal {
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
        RecordCommand::MoveGoal {
            id: won,
            direction: Direction::Up,
        },
        &cx(),
    )
    .unwrap();
    assert_eq!(order(&ws), [typed, won, counted]);
    perform(
        &mut ws,
        RecordCommand::MoveGoal {
            id: typed,
            direction: Direction::Up,
        },
        &cx(),
    )
    .unwrap();
    assert_eq!(order(&ws), [typed, won, counted], "the first stays first");
    perform(&mut ws, RecordCommand::DeleteGoal(won), &cx()).unwrap();
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

/// (key, weight, inverse) of each criterion.
type Spec = [(&'static str, u32, bool)];

fn criteria(spec: &Spec) -> Vec<Criterion> {
    spec.iter()
        .map(|(key, weight, inverse)| Criterion {
            key: (*key).into(),
            name: key.to_uppercase(),
            weight: *weight,
            inverse: *inverse,
            levels: ["1", "2", "3", "4", "5"].map(String::from),
        })
        .collect()
}

#[test]
fn the_portfolio_score_follows_metrics_md() {
    use pursuit::engine::portfolio::score;
    let ws = sample();
    let mut p = ws.projects[0].clone();
    // (criteria, scores, expected score)
    type Case = (
        &'static [(&'static str, u32, bool)],
        &'static [(&'static str, u8)],
        Option<u8>,
    );
    let cases: &[Case] = &[
        // All fives: 100; all ones: 20.
        (
            &[("a", 1, false), ("b", 3, false)],
            &[("a", 5), ("b", 5)],
            Some(100),
        ),
        (
            &[("a", 1, false), ("b", 3, false)],
            &[("a", 1), ("b", 1)],
            Some(20),
        ),
        // Weighted: (1×5 + 3×1) ÷ (4×5) = 40 %.
        (
            &[("a", 1, false), ("b", 3, false)],
            &[("a", 5), ("b", 1)],
            Some(40),
        ),
        // Inverse: a 5 on resources counts as 1.
        (&[("res", 1, true)], &[("res", 5)], Some(20)),
        (&[("res", 1, true)], &[("res", 1)], Some(100)),
        // A criterion with weight 0 needs no score and counts for nothing.
        (&[("a", 2, false), ("z", 0, false)], &[("a", 3)], Some(60)),
        // Unscored: no score yet.
        (&[("a", 1, false), ("b", 1, false)], &[("a", 3)], None),
        // No weight anywhere: no score.
        (&[("a", 0, false)], &[("a", 3)], None),
        // Out-of-range stored score (only a file could hold it): no score.
        (&[("a", 1, false)], &[("a", 9)], None),
        // Rounding: (1×2 + 1×3) ÷ 10 = 50 %; (2×4 + 1×3) ÷ 15 = 73.3 %.
        (
            &[("a", 1, false), ("b", 1, false)],
            &[("a", 2), ("b", 3)],
            Some(50),
        ),
        (
            &[("a", 2, false), ("b", 1, false)],
            &[("a", 4), ("b", 3)],
            Some(73),
        ),
    ];
    for (spec, scores, expected) in cases {
        p.scores = scores.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        assert_eq!(score(&p, &criteria(spec)), *expected, "{spec:?} {scores:?}");
    }
}

/// A project scored on some weighted criteria has no score; the dialog and the ranking say
/// which criteria are missing and how many are done (`docs/metrics.md`).
#[test]
fn a_partial_score_names_the_criteria_still_missing() {
    use pursuit::engine::portfolio::{score_text, unscored};
    let ws = sample();
    let mut p = ws.projects[0].clone();
    type Case = (
        &'static [(&'static str, u32, bool)],
        &'static [(&'static str, u8)],
        &'static [&'static str],
        &'static str,
    );
    let cases: &[Case] = &[
        (
            &[("a", 1, false), ("b", 1, false)],
            &[("a", 3), ("b", 4)],
            &[],
            "70",
        ),
        (
            &[("a", 1, false), ("b", 1, false), ("c", 2, true)],
            &[("a", 3)],
            &["b", "c"],
            "not scored: 1 of 3 criteria",
        ),
        // Weight 0 is never missing; an out-of-range score is.
        (
            &[("a", 1, false), ("z", 0, false), ("b", 1, false)],
            &[("b", 9)],
            &["a", "b"],
            "not scored: 0 of 2 criteria",
        ),
        (&[("a", 0, false)], &[], &[], "no weighted criteria"),
    ];
    for (spec, scores, missing, text) in cases {
        p.scores = scores.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        let criteria = criteria(spec);
        let names: Vec<&str> = unscored(&p.scores, &criteria)
            .iter()
            .map(|c| c.key.as_str())
            .collect();
        assert_eq!(names, *missing, "{spec:?} {scores:?}");
        assert_eq!(score_text(&p, &criteria), *text, "{spec:?} {scores:?}");
    }
}

#[test]
fn criteria_are_refused_when_they_cannot_score() {
    use pursuit::model::intake::problems;
    assert!(problems(&default_criteria()).is_empty());
    let cases: &[(&Spec, &str)] = &[
        (
            &[("a", 0, false), ("b", 0, true)],
            "At least one criterion needs a weight above zero.",
        ),
        (&[], "At least one criterion needs a weight above zero."),
        (&[("a", 101, false)], "weights go from 0 to 100"),
        (&[("a", 1, false), ("a", 2, false)], "needs its own key"),
    ];
    for (spec, message) in cases {
        let found = problems(&criteria(spec));
        assert!(
            !found.is_empty() && found.iter().any(|p| p.contains(message)),
            "{spec:?}: {found:?}"
        );
    }
    // Through the settings command: refused, nothing changes.
    let mut ws = sample();
    let mut settings = ws.settings.clone();
    for c in &mut settings.criteria {
        c.weight = 0;
    }
    let before = ws.clone();
    assert!(perform(&mut ws, WorkspaceCommand::UpdateSettings(settings), &cx()).is_err());
    assert_eq!(ws, before);
}

#[test]
fn the_sample_ranks_its_proposals_and_flags_nothing_it_should_not() {
    use pursuit::engine::portfolio::{client_overlaps, ranking};
    let ws = sample();
    let ranked = ranking(&ws);
    assert!(!ranked.is_empty());
    let scored: Vec<u8> = ranked.iter().filter_map(|(_, s)| *s).collect();
    assert!(scored.len() >= 3, "{ranked:?}");
    assert!(
        scored.windows(2).all(|w| w[0] >= w[1]),
        "best first: {scored:?}"
    );
    // Unscored ones come after every scored one.
    let first_unscored = ranked
        .iter()
        .position(|(_, s)| s.is_none())
        .unwrap_or(ranked.len());
    assert!(ranked[first_unscored..].iter().all(|(_, s)| s.is_none()));
    assert!(client_overlaps(&ws).is_empty());
}

#[test]
fn two_projects_for_one_client_at_the_same_time_overlap() {
    use pursuit::engine::portfolio::client_overlaps;
    let mut ws = sample();
    let helios = project(&ws, "Helios");
    let mut twin = ws.project(helios).unwrap().clone();
    twin.id = ProjectId(uuid::Uuid::from_u128(42_000));
    twin.name = "Helios — second bid".into();
    twin.client = "  helios logistics ".into();
    ws.projects.push(twin.clone());
    let found = client_overlaps(&ws);
    assert_eq!(found.len(), 1);
    let mut pair = found[0].projects.clone();
    pursuit::sorting::sort(&mut pair);
    let mut expected = vec![helios, twin.id];
    pursuit::sorting::sort(&mut expected);
    assert_eq!(pair, expected);
    // Closed: no overlap.
    ws.projects
        .iter_mut()
        .find(|p| p.id == twin.id)
        .unwrap()
        .status = ProjectStatus::Won;
    assert!(client_overlaps(&ws).is_empty());
    // Open again but apart in time: no overlap.
    let later = ws.project(helios).unwrap().target_date + chrono::Duration::days(1);
    let t = ws.projects.iter_mut().find(|p| p.id == twin.id).unwrap();
    t.status = ProjectStatus::Active;
    t.start_date = later;
    t.target_date = later + chrono::Duration::days(30);
    assert!(client_overlaps(&ws).is_empty());
}

#[test]
fn decisions_move_a_proposal_and_are_logged_with_reason_and_who() {
    use pursuit::model::{DecisionDraft, ReviewDraft};
    let mut ws = sample();
    let pilot = project(&ws, "Partner channel pilot");
    let maya = ws
        .members
        .iter()
        .find(|m| m.name.starts_with("Maya"))
        .unwrap()
        .id;
    let cx = context("2026-11-22T10:00:00Z".parse().unwrap(), Some(maya), 1);
    let mut review = ReviewDraft::blank(today());
    review.attendees = vec![maya];
    review.notes = "Year-end review".into();
    let rid = ReviewId(uuid::Uuid::from_u128(61_000));
    perform(
        &mut ws,
        PortfolioCommand::SaveReview {
            id: rid,
            input: review.check().unwrap(),
        },
        &cx,
    )
    .unwrap();

    let mut d = DecisionDraft::blank(Verdict::Approve, today());
    assert_eq!(
        d.check().unwrap_err().get("reason"),
        Some("Say why: the decision log keeps it for the team.")
    );
    // (verdict, status after)
    for (n, (verdict, status)) in [
        (Verdict::Hold, ProjectStatus::OnHold),
        (Verdict::Approve, ProjectStatus::Active),
        (Verdict::Reject, ProjectStatus::Cancelled),
    ]
    .into_iter()
    .enumerate()
    {
        d.verdict = verdict;
        d.reason = format!("reason {n}");
        d.review = Some(rid);
        let id = DecisionId(uuid::Uuid::from_u128(62_000 + n as u128));
        perform(
            &mut ws,
            PortfolioCommand::DecideProject {
                id,
                project: pilot,
                input: d.check().unwrap(),
            },
            &cx,
        )
        .unwrap();
        assert_eq!(
            ws.project(pilot).map(|p| p.status),
            Some(status),
            "{verdict:?}"
        );
    }
    let log: Vec<&Decision> = ws.decisions.of(pilot).collect();
    assert_eq!(log.len(), 3);
    assert!(log
        .iter()
        .all(|x| x.decided_by == Some(maya) && x.review == Some(rid)));
    assert_eq!(ws.project(pilot).unwrap().close_date, Some(today()));
    // A decision naming a review that is not there is refused.
    d.review = Some(ReviewId(uuid::Uuid::from_u128(1)));
    let id = DecisionId(uuid::Uuid::from_u128(63_000));
    assert!(perform(
        &mut ws,
        PortfolioCommand::DecideProject {
            id,
            project: pilot,
            input: d.check().unwrap()
        },
        &cx
    )
    .is_err());
    assert_eq!(pursuit::engine::validate::validate(&ws), vec![]);
}

#[test]
fn scores_are_kept_per_criterion_and_refused_out_of_range() {
    use std::collections::BTreeMap;
    let mut ws = sample();
    let pilot = project(&ws, "Partner channel pilot");
    let scores: BTreeMap<String, u8> = [
        ("revenue", 5),
        ("fit", 5),
        ("resources", 1),
        ("risk", 1),
        ("customer", 5),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    perform(
        &mut ws,
        PortfolioCommand::ScoreProject {
            id: pilot,
            scores: scores.clone(),
        },
        &cx(),
    )
    .unwrap();
    let p = ws.project(pilot).unwrap();
    assert_eq!(
        pursuit::engine::portfolio::score(p, &ws.settings.criteria),
        Some(100)
    );
    for (key, v) in [("revenue", 0u8), ("revenue", 6), ("unknown", 3)] {
        let mut bad = scores.clone();
        bad.insert(key.into(), v);
        let before = ws.clone();
        assert!(
            perform(
                &mut ws,
                PortfolioCommand::ScoreProject {
                    id: pilot,
                    scores: bad
                },
                &cx()
            )
            .is_err(),
            "{key} {v}"
        );
        assert_eq!(ws, before);
    }
}

#[test]
fn overlaps_are_one_line_per_client_and_chains_count() {
    use pursuit::engine::portfolio::client_overlaps;
    let mut ws = sample();
    let helios = project(&ws, "Helios");
    let base = ws.project(helios).unwrap().clone();
    // Three more for the same client: one inside Helios's period, one chained after that
    // one's end but inside Helios's, one well after everything.
    let day = |n: i64| base.start_date + chrono::Duration::days(n);
    for (n, start, end) in [(1u128, 1, 10), (2, 9, 20), (3, 400, 420)] {
        let mut p = base.clone();
        p.id = ProjectId(uuid::Uuid::from_u128(43_000 + n));
        p.name = format!("Helios extra {n}");
        p.start_date = day(start);
        p.target_date = day(end);
        ws.projects.push(p);
    }
    let found = client_overlaps(&ws);
    assert_eq!(found.len(), 1, "one line for the client");
    assert_eq!(found[0].projects.len(), 3, "{:?}", found[0].projects);
    assert!(!found[0]
        .projects
        .contains(&ProjectId(uuid::Uuid::from_u128(43_003))));
}

#[test]
fn approving_can_lay_out_a_playbook_on_the_project() {
    use pursuit::model::{DecisionDraft, PlaybookPlan};
    let mut ws = sample();
    let pilot = project(&ws, "Partner channel pilot");
    assert!(ws.tasks_of(pilot).is_empty());
    let template = ws.templates[0].clone();
    let target = ws.project(pilot).unwrap().target_date;
    let stamp = Stamp::new("2026-11-22T10:00:00Z".parse().unwrap(), None);
    let plan_for = pursuit::engine::plan::PlanFor::new(
        &ws,
        &template,
        pilot,
        (ws.project(pilot).unwrap().start_date, target),
        None,
    );
    let plan = pursuit::engine::plan::plan_from_template(
        &ws,
        &template,
        &plan_for,
        today(),
        &mut SequentialIds::starting_at(70_000),
        &stamp,
    )
    .unwrap();
    assert!(!plan.tasks.is_empty());
    let mut d = DecisionDraft::blank(Verdict::Approve, today());
    d.reason = "Go".into();
    let mut input = d.check().unwrap();
    input.playbook = Some(PlaybookPlan {
        template: template.id,
        milestones: plan.milestones.clone(),
        tasks: plan.tasks.clone(),
    });
    // Only an approval lays out a plan.
    let mut hold = input.clone();
    hold.verdict = Verdict::Hold;
    let before = ws.clone();
    let id = DecisionId(uuid::Uuid::from_u128(64_000));
    assert!(perform(
        &mut ws,
        PortfolioCommand::DecideProject {
            id,
            project: pilot,
            input: hold
        },
        &cx()
    )
    .is_err());
    assert_eq!(ws, before);
    perform(
        &mut ws,
        PortfolioCommand::DecideProject {
            id,
            project: pilot,
            input: input.clone(),
        },
        &cx(),
    )
    .unwrap();
    let p = ws.project(pilot).unwrap();
    assert_eq!(p.status, ProjectStatus::Active);
    assert_eq!(p.template_id, Some(template.id));
    assert_eq!(ws.tasks_of(pilot).len(), plan.tasks.len());
    assert_eq!(ws.milestones_of(pilot).len(), plan.milestones.len());
    // The same plan again would repeat ids: refused.
    let again = DecisionId(uuid::Uuid::from_u128(64_001));
    assert_eq!(
        perform(
            &mut ws,
            PortfolioCommand::DecideProject {
                id: again,
                project: pilot,
                input
            },
            &cx()
        ),
        Err(pursuit::model::command::CommandError::DuplicateId)
    );
    assert_eq!(pursuit::engine::validate::validate(&ws), vec![]);
}
