//! A hand-computed workspace: every forecast, attainment and win/loss number is asserted.
//! Today is Sunday 22 Nov 2026 and the fiscal year starts in April, so the current quarter is
//! Q3 FY 2026–27 (1 Oct – 31 Dec 2026).

use chrono::NaiveDate;
use pursuit::engine::calendar::Calendar;
use pursuit::engine::forecast::{
    attainment, by_owner, forecast, forecast_of, gap, kpis, typical_deal, win_loss,
};
use pursuit::engine::periods::{label, period_of};
use pursuit::model::*;

fn d(s: &str) -> NaiveDate {
    pursuit::dates::parse_day(s).unwrap()
}

const EUR: i64 = 100; // minor units per euro

struct Fixture {
    ws: Workspace,
    ana: MemberId,
    ben: MemberId,
    n: u128,
}

impl Fixture {
    fn new() -> Self {
        let now = "2026-11-22T09:00:00Z".parse().unwrap();
        let mut ws = Workspace::new(
            WorkspaceId(uuid::Uuid::from_u128(1)),
            "Forecast test".into(),
            now,
        );
        ws.settings.fiscal_year_start_month = 4;
        let mut f = Fixture {
            ws,
            ana: MemberId(uuid::Uuid::from_u128(2)),
            ben: MemberId(uuid::Uuid::from_u128(3)),
            n: 100,
        };
        for (id, name) in [(f.ana, "Ana"), (f.ben, "Ben")] {
            f.ws.members.push(Member {
                id,
                stamp: Stamp::new(now, None),
                name: name.into(),
                role: String::new(),
                email: String::new(),
                weekly_capacity_hours: 40,
                skills: Vec::new(),
                time_off: Vec::new(),
            });
        }
        f
    }

    #[allow(clippy::too_many_arguments)]
    fn project(
        &mut self,
        name: &str,
        owner: MemberId,
        status: ProjectStatus,
        euros: i64,
        probability: u8,
        start: &str,
        day: &str,
        client: &str,
    ) -> ProjectId {
        self.n += 1;
        let id = ProjectId(uuid::Uuid::from_u128(self.n));
        let closed = status.is_closed();
        self.ws.projects.push(Project {
            client: client.into(),
            owner: Some(owner),
            stage: if closed {
                Stage::Closed
            } else {
                Stage::Proposal
            },
            status,
            probability,
            probability_manual: true,
            close_date: closed.then(|| d(day)),
            ..Project::new(
                id,
                Stamp::new("2026-11-22T09:00:00Z".parse().unwrap(), None),
                name.into(),
                Money::new(euros * EUR, Currency::parse("EUR").unwrap()),
                d(start),
                d(day),
            )
        });
        id
    }

    fn lost_because(&mut self, id: ProjectId, reason: &str) {
        let p = self.ws.projects.iter_mut().find(|p| p.id == id).unwrap();
        p.outcome = Some(Outcome {
            reason: reason.into(),
            note: String::new(),
        });
    }

    fn quota(
        &mut self,
        member: Option<MemberId>,
        metric: QuotaMetric,
        target: i64,
        manual: Option<i64>,
    ) {
        self.n += 1;
        self.ws.quotas.push(Quota {
            id: QuotaId(uuid::Uuid::from_u128(self.n)),
            stamp: Stamp::new("2026-11-22T09:00:00Z".parse().unwrap(), None),
            member_id: member,
            period: Period {
                kind: PeriodKind::Quarter,
                start: d("2026-10-01"),
            },
            metric,
            target,
            manual_actual: manual,
        });
    }
}

fn fixture() -> Fixture {
    use ProjectStatus::*;
    let mut f = Fixture::new();
    let (ana, ben) = (f.ana, f.ben);
    f.project(
        "A",
        ana,
        Won,
        100_000,
        100,
        "2026-07-15",
        "2026-10-15",
        "Acme",
    );
    f.project(
        "B",
        ben,
        Won,
        50_000,
        100,
        "2026-09-11",
        "2026-11-10",
        "Beta",
    );
    let c = f.project(
        "C",
        ana,
        Lost,
        80_000,
        0,
        "2026-08-07",
        "2026-11-05",
        "Gamma",
    );
    let dd = f.project(
        "D",
        ben,
        Lost,
        20_000,
        0,
        "2026-09-20",
        "2026-10-20",
        "Delta",
    );
    let e = f.project(
        "E",
        ben,
        Lost,
        30_000,
        0,
        "2026-10-16",
        "2026-11-15",
        "Epsilon",
    );
    f.lost_because(c, "Price");
    f.lost_because(dd, "Price");
    f.lost_because(e, "Timing");
    f.project(
        "F",
        ana,
        Active,
        200_000,
        80,
        "2026-09-01",
        "2026-12-15",
        "Zeta",
    );
    f.project(
        "G",
        ben,
        Active,
        100_000,
        60,
        "2026-09-01",
        "2026-12-20",
        "Eta",
    );
    f.project(
        "H",
        ana,
        OnHold,
        40_000,
        25,
        "2026-09-01",
        "2026-11-30",
        "Theta",
    );
    f.project(
        "I",
        ben,
        Active,
        10_000,
        45,
        "2026-09-01",
        "2026-10-30",
        "Iota",
    );
    let j = f.project(
        "J",
        ana,
        Active,
        70_000,
        50,
        "2026-09-01",
        "2027-01-15",
        "Kappa",
    );
    f.ws.projects
        .iter_mut()
        .find(|p| p.id == j)
        .unwrap()
        .target_history = vec![d("2026-12-10")];
    f.project(
        "K",
        ana,
        Proposed,
        500_000,
        30,
        "2026-11-01",
        "2026-12-01",
        "Lambda",
    );
    f.project(
        "L",
        ben,
        Cancelled,
        60_000,
        0,
        "2026-09-01",
        "2026-11-01",
        "Mu",
    );
    f.project(
        "M",
        ana,
        Won,
        90_000,
        100,
        "2026-04-01",
        "2026-07-10",
        "Acme",
    );
    let n = f.project(
        "N",
        ben,
        Active,
        99_000,
        70,
        "2026-09-01",
        "2026-12-05",
        "Nu",
    );
    f.ws.projects
        .iter_mut()
        .find(|p| p.id == n)
        .unwrap()
        .value
        .currency = Currency::parse("USD").unwrap();
    f.project(
        "O",
        ana,
        Active,
        0,
        0,
        "2026-11-01",
        "2026-12-10",
        "Omicron",
    );
    f.quota(None, QuotaMetric::RevenueWon, 400_000 * EUR, None);
    f.quota(Some(ben), QuotaMetric::DealsWon, 3, None);
    f.quota(None, QuotaMetric::NewClients, 2, None);
    f.quota(
        None,
        QuotaMetric::Custom("Webinars held".into()),
        6,
        Some(4),
    );
    f
}

fn q3() -> Period {
    period_of(PeriodKind::Quarter, d("2026-11-22"), 4)
}

#[test]
fn the_fixture_is_valid_and_the_period_is_q3() {
    let f = fixture();
    assert_eq!(pursuit::engine::validate::validate(&f.ws), vec![]);
    assert_eq!(f.ws.projects.len(), 15);
    assert_eq!(q3().start, d("2026-10-01"));
    assert_eq!(label(q3(), 4), "Q3 FY 2026–27");
}

#[test]
fn forecast_of_the_quarter() {
    let f = fixture();
    let fc = forecast(&f.ws, q3(), d("2026-11-22"));
    assert_eq!(fc.won, 150_000 * EUR);
    assert_eq!(fc.weighted_pipeline, 234_500 * EUR);
    assert_eq!(fc.expected, 384_500 * EUR);
    assert_eq!(fc.open_by_category.get("commit"), Some(&(200_000 * EUR)));
    assert_eq!(fc.open_by_category.get("best_case"), Some(&(100_000 * EUR)));
    assert_eq!(fc.open_by_category.get("pipeline"), Some(&(50_000 * EUR)));
    assert_eq!(fc.commit, 350_000 * EUR);
    assert_eq!(fc.best_case, 450_000 * EUR);
    assert_eq!(fc.target, Some(400_000 * EUR));
    assert!(!fc.target_met);
    // Open value still to come (F, G, H, O; I's target has passed) ÷ (400k − 150k).
    assert!((fc.coverage.unwrap() - 340.0 / 250.0).abs() < 1e-9);
    let j = f.ws.projects.iter().find(|p| p.name == "J").unwrap().id;
    assert_eq!(fc.slipped, vec![j]);
    assert_eq!(fc.other_currency, 1);
}

#[test]
fn forecast_of_the_fiscal_year_and_a_met_target() {
    let mut f = fixture();
    let fy = period_of(PeriodKind::FiscalYear, d("2026-11-22"), 4);
    let fc = forecast(&f.ws, fy, d("2026-11-22"));
    assert_eq!(fc.won, 240_000 * EUR); // A, B and M (won in Q2)
    assert_eq!(fc.target, None);
    f.ws.quotas[0].target = 100_000 * EUR;
    let fc = forecast(&f.ws, q3(), d("2026-11-22"));
    assert!(fc.target_met);
    assert_eq!(fc.coverage, None);
}

#[test]
fn attainment_of_each_quota() {
    let f = fixture();
    let a = attainment(&f.ws, q3(), d("2026-11-22"), &Calendar::default());
    let by = |m: &QuotaMetric| a.iter().find(|x| &x.metric == m).unwrap().clone();
    let revenue = by(&QuotaMetric::RevenueWon);
    assert_eq!(
        (revenue.actual, revenue.target),
        (150_000 * EUR, 400_000 * EUR)
    );
    assert!((revenue.ratio - 0.375).abs() < 1e-9);
    // 29 working days left (23–30 Nov: 6, December: 23); pace per week = missing ÷ 29 × 5.
    assert!((revenue.pace_per_week.unwrap() - 250_000.0 * EUR as f64 / 29.0 * 5.0).abs() < 1e-6);
    let deals = by(&QuotaMetric::DealsWon);
    assert_eq!(
        (deals.member, deals.actual, deals.target),
        (Some(f.ben), 1, 3)
    );
    assert_eq!(
        by(&QuotaMetric::NewClients).actual,
        1,
        "Acme was already won in Q2; Beta is new"
    );
    let custom = by(&QuotaMetric::Custom("Webinars held".into()));
    assert_eq!((custom.actual, custom.target), (4, 6));
}

#[test]
fn win_loss_of_the_quarter_and_overall() {
    let f = fixture();
    let w = win_loss(&f.ws, Some(q3()));
    assert_eq!((w.overall.won, w.overall.lost), (2, 3));
    assert_eq!(w.overall.win_rate(), Some(0.4));
    assert!((w.overall.value_win_rate().unwrap() - 150.0 / 280.0).abs() < 1e-9);
    assert_eq!(w.by_owner["Ana"].win_rate(), Some(0.5));
    assert!((w.by_owner["Ben"].win_rate().unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(
        w.loss_reasons,
        vec![("Price".to_string(), 2), ("Timing".to_string(), 1)]
    );
    assert_eq!(w.cycle_won, Some(76.0));
    assert_eq!(w.cycle_lost, Some(50.0));
    assert_eq!(w.by_kind["Deal"].won, 2);
    assert_eq!(w.by_stage["Closed"].lost, 3);

    let all = win_loss(&f.ws, None);
    assert_eq!(
        (all.overall.won, all.overall.lost),
        (3, 3),
        "cancelled deals count in neither"
    );
}

/// Lost deals without a value (a CRM export that drops them) would count as losing
/// nothing: the value win rate is left out and the count says why; losses without a reason
/// (or with the "Imported" placeholder older imports wrote) are named as such.
#[test]
fn win_loss_says_what_lost_deals_without_a_value_or_reason_leave_out() {
    let mut f = fixture();
    let q = q3();
    let set = |f: &mut Fixture, name: &str, euros: i64, reason: Option<&str>| {
        let p = f.ws.projects.iter_mut().find(|p| p.name == name).unwrap();
        p.value.minor = euros * EUR;
        p.outcome = reason.map(|r| Outcome {
            reason: r.into(),
            note: String::new(),
        });
    };
    set(&mut f, "C", 0, Some("Imported"));
    set(&mut f, "D", 0, None);
    let w = win_loss(&f.ws, Some(q));
    assert_eq!(
        w.overall.value_win_rate(),
        None,
        "2 of 3 lost have no value"
    );
    assert_eq!(
        w.overall.value_rate_note().as_deref(),
        Some("Value win rate not shown: 2 of 3 lost deals have no value")
    );
    assert_eq!(
        w.loss_reasons,
        vec![
            ("No reason recorded".to_string(), 2),
            ("Timing".to_string(), 1)
        ]
    );
    // One lost deal without a value is enough to leave the rate out; so is a won one.
    set(&mut f, "C", 80_000, Some("Price"));
    let w = win_loss(&f.ws, Some(q));
    assert_eq!(w.overall.value_win_rate(), None);
    assert_eq!(
        w.overall.value_rate_note().as_deref(),
        Some("Value win rate not shown: 1 of 3 lost deals has no value")
    );
    f.ws.projects
        .iter_mut()
        .find(|p| p.name == "A")
        .unwrap()
        .value
        .minor = 0;
    assert_eq!(
        win_loss(&f.ws, Some(q))
            .overall
            .value_rate_note()
            .as_deref(),
        Some("Value win rate not shown: 1 of 2 won and 1 of 3 lost deals have no value")
    );
    // Every closed deal with a value: the rate is back, with nothing to say.
    f.ws.projects
        .iter_mut()
        .find(|p| p.name == "A")
        .unwrap()
        .value
        .minor = 100_000 * EUR;
    set(&mut f, "D", 20_000, Some("Price"));
    let w = win_loss(&f.ws, Some(q));
    assert!((w.overall.value_win_rate().unwrap() - 150.0 / 280.0).abs() < 1e-9);
    assert_eq!(w.overall.value_rate_note(), None);
}

#[test]
fn dashboard_kpis() {
    let f = fixture();
    let k = kpis(&f.ws, q3(), d("2026-11-22"));
    assert_eq!(k.won, 150_000 * EUR);
    assert_eq!(k.average_deal, Some(75_000 * EUR));
    assert_eq!(k.win_rate, Some(0.4));
    assert_eq!(k.cycle_days, Some(76.0));
    // Open pipeline: F, G, H, I, J and O (N is in USD).
    assert_eq!(
        k.open_pipeline,
        (200_000 + 100_000 + 40_000 + 10_000 + 70_000) * EUR
    );
}

#[test]
fn gap_to_target_in_money_and_typical_deals() {
    let f = fixture();
    let fc = forecast(&f.ws, q3(), d("2026-11-22"));
    let g = gap(&f.ws, &fc).expect("the team has a revenue target");
    // 400k target − 384.5k expected.
    assert_eq!(g.money, 15_500 * EUR);
    // Won deals A 100k, B 50k and M 90k (M in an earlier quarter): 80k typical.
    assert_eq!(typical_deal(&f.ws), Some(80_000 * EUR));
    assert_eq!(g.deals, Some(1));
    // No target, no gap; a met target is a gap of 0 and no deals.
    let mut met = fc.clone();
    met.expected = 500_000 * EUR;
    assert_eq!(gap(&f.ws, &met).unwrap().money, 0);
    assert_eq!(gap(&f.ws, &met).unwrap().deals, Some(0));
    met.target = None;
    assert_eq!(gap(&f.ws, &met), None);
}

#[test]
fn each_persons_numbers_against_their_own_quota() {
    let mut f = fixture();
    let (ana, ben) = (f.ana, f.ben);
    f.quota(Some(ben), QuotaMetric::RevenueWon, 150_000 * EUR, None);
    let today = d("2026-11-22");
    let rows = by_owner(&f.ws, q3(), today);
    assert_eq!(
        rows.iter().map(|r| r.member).collect::<Vec<_>>(),
        vec![ana, ben]
    );
    let row = |m| rows.iter().find(|r| r.member == m).unwrap();
    // Ana: A won 100k; F 200k at 80 % and H 40k at 25 % open; no revenue quota.
    assert_eq!(row(ana).forecast.won, 100_000 * EUR);
    assert_eq!(row(ana).forecast.expected, 270_000 * EUR);
    assert_eq!(row(ana).forecast.commit, 300_000 * EUR);
    assert_eq!(row(ana).forecast.target, None);
    assert_eq!(row(ana).gap, None);
    // Ben: B won 50k; G 100k at 60 % (best case) and I 10k at 45 %; N is in USD.
    let b = &row(ben).forecast;
    assert_eq!(
        (b.won, b.commit, b.best_case),
        (50_000 * EUR, 50_000 * EUR, 150_000 * EUR)
    );
    assert_eq!(b.expected, 114_500 * EUR);
    assert_eq!(b.target, Some(150_000 * EUR));
    assert_eq!(b.other_currency, 1);
    let g = row(ben).gap.clone().unwrap();
    assert_eq!((g.money, g.deals), (35_500 * EUR, Some(1)));
    // Everyone's won adds up to the team's.
    let team = forecast(&f.ws, q3(), today);
    assert_eq!(rows.iter().map(|r| r.forecast.won).sum::<i64>(), team.won);
    assert_eq!(forecast_of(&f.ws, q3(), today, None), team);
}
