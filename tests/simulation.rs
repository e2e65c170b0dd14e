//! The chance of hitting a target (engine::simulation): the simulation against exact answers
//! worked out by adding up every outcome, and the laws it must keep.

use proptest::prelude::*;
use pursuit::engine::simulation::{
    exact_chance, percentile, seed_of, simulate, simulate_with, Deal, Question, Run,
};

/// 10,000 trials estimate a chance with a standard error of at most 0.005; four of them.
const TOLERANCE: f64 = 0.02;
const TRIALS: u32 = 10_000;

fn deal(key: u32, value: i64, win: f64) -> Deal<u32> {
    Deal {
        key,
        value,
        win,
        slip: 0.0,
    }
}

fn question(won: i64, deals: Vec<Deal<u32>>, target: i64) -> Question<u32> {
    Question { won, deals, target }
}

#[test]
fn small_portfolios_agree_with_the_exact_answer() {
    let ten: Vec<Deal<u32>> = (0..10)
        .map(|i| deal(i, 10_000 + 7_000 * i as i64, 0.05 + 0.09 * i as f64))
        .collect();
    let cases = [
        ("one deal", question(0, vec![deal(1, 100, 0.3)], 100), 0.3),
        (
            "two deals, either will do",
            question(0, vec![deal(1, 100, 0.5), deal(2, 100, 0.4)], 100),
            0.7,
        ),
        (
            "two deals, both needed",
            question(0, vec![deal(1, 100, 0.5), deal(2, 100, 0.4)], 200),
            0.2,
        ),
        (
            "money already won counts",
            question(150, vec![deal(1, 100, 0.25)], 200),
            0.25,
        ),
        (
            "all at 0 %",
            question(50, vec![deal(1, 100, 0.0), deal(2, 100, 0.0)], 100),
            0.0,
        ),
        (
            "all at 100 %",
            question(0, vec![deal(1, 100, 1.0), deal(2, 100, 1.0)], 200),
            1.0,
        ),
        ("target 0", question(0, vec![deal(1, 100, 0.1)], 0), 1.0),
        ("empty period, target met", question(300, vec![], 200), 1.0),
        (
            "empty period, target missed",
            question(100, vec![], 200),
            0.0,
        ),
        (
            "slips out of the period",
            question(
                0,
                vec![Deal {
                    key: 1,
                    value: 100,
                    win: 0.8,
                    slip: 0.5,
                }],
                100,
            ),
            0.4,
        ),
    ];
    for (what, q, expected) in cases {
        assert!(
            (exact_chance(&q) - expected).abs() < 1e-9,
            "{what}: exact {}",
            exact_chance(&q)
        );
        let answer = simulate(&q, TRIALS, seed_of(&q, 1));
        assert!(
            (answer.chance - expected).abs() <= TOLERANCE,
            "{what}: {} vs {expected}",
            answer.chance
        );
    }
    let q = question(20_000, ten, 180_000);
    let exact = exact_chance(&q);
    assert!(
        exact > 0.05 && exact < 0.95,
        "a target that is neither sure nor hopeless: {exact}"
    );
    let answer = simulate(&q, TRIALS, seed_of(&q, 1));
    assert!(
        (answer.chance - exact).abs() <= TOLERANCE,
        "ten deals: {} vs {exact}",
        answer.chance
    );
    assert_eq!(answer.deciders.len(), 10);
    // A deal's "if won" is the chance with it certain; "if lost" with it gone.
    for d in &answer.deciders {
        let mut sure = q.clone();
        sure.deals[d.key as usize].win = 1.0;
        let mut gone = q.clone();
        gone.deals[d.key as usize].win = 0.0;
        assert!(
            (d.if_won - exact_chance(&sure)).abs() <= TOLERANCE,
            "deal {} if won",
            d.key
        );
        assert!(
            (d.if_lost - exact_chance(&gone)).abs() <= TOLERANCE,
            "deal {} if lost",
            d.key
        );
    }
}

#[test]
fn percentiles_are_nearest_rank() {
    let sorted: Vec<i64> = (1..=10).collect();
    assert_eq!(percentile(&sorted, 10), 1);
    assert_eq!(percentile(&sorted, 50), 5);
    assert_eq!(percentile(&sorted, 90), 9);
    assert_eq!(percentile(&sorted, 100), 10);
    assert_eq!(percentile(&[], 50), 0);
    // One deal of 100 at 30 %: 70 % of trials win nothing, so P10 and P50 are 0, P90 is 100.
    let q = question(0, vec![deal(1, 100, 0.3)], 100);
    let a = simulate(&q, TRIALS, 7);
    assert_eq!((a.p10, a.p50, a.p90), (0, 0, 100));
    let in_bars: u32 = a.histogram.iter().map(|b| b.trials).sum();
    assert!(!a.histogram.is_empty());
    assert_eq!(in_bars, TRIALS);
}

#[test]
fn the_same_data_gives_the_same_numbers() {
    let q = question(
        0,
        (0..30)
            .map(|i| deal(i, 1_000 * (i as i64 + 1), 0.5))
            .collect(),
        200_000,
    );
    assert_eq!(
        simulate(&q, 2_000, seed_of(&q, 9)),
        simulate(&q, 2_000, seed_of(&q, 9))
    );
    let mut changed = q.clone();
    changed.deals[3].win = 0.6;
    assert_ne!(seed_of(&q, 9), seed_of(&changed, 9));
}

fn portfolio() -> impl Strategy<Value = Question<u32>> {
    (
        0i64..50_000,
        proptest::collection::vec((0i64..100_000, 0.0f64..=1.0, 0.0f64..=1.0), 0..25),
        0i64..600_000,
    )
        .prop_map(|(won, deals, target)| Question {
            won,
            deals: deals
                .into_iter()
                .enumerate()
                .map(|(i, (value, win, slip))| Deal {
                    key: i as u32,
                    value,
                    win,
                    slip,
                })
                .collect(),
            target,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The app works the chance out a slice of trials at a time; however it is sliced, the
    /// answer is the one run all at once gives.
    #[test]
    fn a_run_in_slices_answers_as_one_run(q in portfolio(), seed in any::<u64>(), slices in proptest::collection::vec(0u32..300, 1..8), deciders in any::<bool>()) {
        let whole = simulate_with(&q, 700, seed, deciders);
        let mut run = Run::new(q.clone(), 700, seed, deciders);
        let mut ran = 0;
        for more in slices {
            let done = run.step(more);
            ran = (ran + more).min(700);
            prop_assert_eq!(run.progress(), (ran, 700));
            prop_assert_eq!(done, ran == 700);
        }
        prop_assert_eq!(run.answer(), whole);
    }

    #[test]
    fn percentiles_are_ordered_and_bounded(q in portfolio(), seed in any::<u64>()) {
        let a = simulate(&q, 500, seed);
        let most = q.won + q.deals.iter().map(|d| d.value).sum::<i64>();
        prop_assert!(q.won <= a.p10 && a.p10 <= a.p50 && a.p50 <= a.p90 && a.p90 <= most);
        prop_assert!((0.0..=1.0).contains(&a.chance));
        for d in &a.deciders {
            prop_assert!(d.if_won >= d.if_lost);
        }
        prop_assert!(a.deciders.windows(2).all(|w| w[0].swing() >= w[1].swing()));
    }

    /// Raising one deal's probability never lowers the chance: with the same draws, it can
    /// only turn losses into wins.
    #[test]
    fn raising_a_probability_never_lowers_the_chance(q in portfolio(), which in any::<prop::sample::Index>(), more in 0.0f64..=1.0, seed in any::<u64>()) {
        prop_assume!(!q.deals.is_empty());
        let i = which.index(q.deals.len());
        let mut higher = q.clone();
        higher.deals[i].win = (q.deals[i].win + more).min(1.0);
        prop_assert!(simulate(&higher, 500, seed).chance >= simulate(&q, 500, seed).chance);
    }
}

/// The worked example of docs/metrics.md, exactly and simulated.
#[test]
fn the_worked_example_in_the_metrics_notes() {
    let q = Question {
        won: 150_000,
        deals: vec![
            Deal {
                key: 0u32,
                value: 100_000,
                win: 0.6,
                slip: 0.0,
            },
            Deal {
                key: 1,
                value: 100_000,
                win: 0.5,
                slip: 0.2,
            },
        ],
        target: 250_000,
    };
    assert!((exact_chance(&q) - 0.76).abs() < 1e-9);
    let a = simulate(&q, TRIALS, seed_of(&q, 0));
    assert!((a.chance - 0.76).abs() <= TOLERANCE, "{}", a.chance);
    assert_eq!((a.p10, a.p50, a.p90), (150_000, 250_000, 350_000));
    assert_eq!(a.deciders[0].key, 0, "A decides it");
    assert!(
        (a.deciders[0].if_won - 1.0).abs() < 1e-9
            && (a.deciders[0].if_lost - 0.4).abs() <= TOLERANCE
    );
    assert!(
        (a.deciders[1].if_won - 1.0).abs() < 1e-9
            && (a.deciders[1].if_lost - 0.6).abs() <= TOLERANCE
    );
}

/// The app's question for a period: the sample's quarter has a team target.
#[test]
fn the_sample_quarter_has_a_chance_that_moves_with_its_deals() {
    use pursuit::engine::simulation::for_period;
    use pursuit::model::{Period, PeriodKind};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut ws = pursuit::sample::sample_workspace(
        today.and_hms_opt(9, 0, 0).unwrap().and_utc(),
        today,
        &mut pursuit::model::SequentialIds::default(),
    );
    let quarter = Period {
        kind: PeriodKind::Quarter,
        start: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
    };
    let answer = for_period(&ws, quarter, None, today).expect("the sample has a quarterly target");
    assert!(!answer.deciders.is_empty());
    assert!((0.0..=1.0).contains(&answer.chance));
    assert_eq!(
        answer,
        for_period(&ws, quarter, None, today).unwrap(),
        "the same data, the same numbers"
    );
    // Every open deal of the quarter at 100 %, none slipping: the chance can only rise.
    let before = answer.chance;
    for p in ws.projects.iter_mut() {
        if p.status.is_open() {
            p.probability = 100;
        }
    }
    ws.settings.health.flagged_slip_percent = 0;
    let after = for_period(&ws, quarter, None, today).unwrap();
    assert!(after.chance >= before, "{} < {before}", after.chance);
    // A period without a target has no chance to show.
    let next_year = Period {
        kind: PeriodKind::Quarter,
        start: chrono::NaiveDate::from_ymd_opt(2027, 10, 1).unwrap(),
    };
    assert_eq!(for_period(&ws, next_year, None, today), None);
}

#[test]
fn leaving_out_the_deciders_changes_no_number() {
    let deals: Vec<Deal<u32>> = (0..40)
        .map(|i| deal(i, 5_000 + 1_000 * i64::from(i), 0.1 + 0.02 * f64::from(i)))
        .collect();
    let q = question(20_000, deals, 300_000);
    let full = simulate(&q, TRIALS, 7);
    let lean = pursuit::engine::simulation::simulate_with(&q, TRIALS, 7, false);
    assert!(!full.deciders.is_empty());
    assert!(lean.deciders.is_empty());
    assert_eq!(
        (full.chance, full.p10, full.p50, full.p90, &full.histogram),
        (lean.chance, lean.p10, lean.p50, lean.p90, &lean.histogram)
    );
}
