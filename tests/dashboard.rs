//! The dashboard's words: every empty or zero figure says why and what would change it, and
//! the forecast by period starts at the current period (`engine::dashboard`).

mod common;

use common::{at, d};
use pursuit::engine::dashboard::{dashboard, Dashboard, Fix};
use pursuit::model::*;

/// A workspace of one rep (Lena) and her open deals: (name, value in euros, target date).
fn workspace(fiscal_start: u32, deals: &[(&str, i64, &str, ProjectStatus)]) -> Workspace {
    let mut ws = Workspace::new(WorkspaceId(uuid::Uuid::from_u128(1)), "Team".into(), at(0));
    ws.settings.fiscal_year_start_month = fiscal_start;
    let lena = MemberId(uuid::Uuid::from_u128(2));
    ws.members.push(Member {
        id: lena,
        stamp: Stamp::new(at(0), None),
        name: "Lena Vogel".into(),
        role: "Account executive".into(),
        email: String::new(),
        weekly_capacity_hours: 40,
        skills: Vec::new(),
        time_off: Vec::new(),
    });
    for (i, (name, euros, day, status)) in deals.iter().enumerate() {
        let mut p = Project::new(
            ProjectId(uuid::Uuid::from_u128(10 + i as u128)),
            Stamp::new(at(0), None),
            (*name).into(),
            Money::new(euros * 100, Currency::parse("EUR").unwrap()),
            d("2026-11-01"),
            d(day),
        );
        p.owner = Some(lena);
        p.status = *status;
        p.probability = 20;
        if status.is_closed() {
            p.stage = Stage::Closed;
            p.close_date = Some(d(day));
        }
        ws.projects.push(p);
    }
    ws
}

const TODAY: &str = "2026-12-03";

fn figure<'a>(dash: &'a Dashboard, name: &str) -> &'a pursuit::engine::dashboard::Figure {
    dash.figures.iter().find(|f| f.name == name).unwrap()
}

/// The law: a figure shown as zero or "—" says why.
fn every_empty_figure_is_explained(dash: &Dashboard) {
    assert!(!dash.figures.is_empty());
    for f in &dash.figures {
        let empty = f.value == "—" || f.value.ends_with(" 0") || f.value == "0";
        if empty {
            assert!(f.explained, "{} is {} without a why", f.name, f.value);
            assert!(!f.line.is_empty());
        }
    }
}

#[test]
fn one_deal_next_quarter_is_named_where_the_quarter_is_empty() {
    let ws = workspace(1, &[("Acme", 120_000, "2027-02-15", ProjectStatus::Active)]);
    let dash = dashboard(&ws, PeriodKind::Quarter, d(TODAY));
    every_empty_figure_is_explained(&dash);
    let expected = figure(&dash, "Weighted forecast");
    assert_eq!(expected.value, "EUR 0");
    assert_eq!(
        expected.line,
        "No open deal closes in Q4 FY 2026. Acme closes in Q1 FY 2027: see it in the forecast by period."
    );
    assert_eq!(figure(&dash, "Open pipeline").value, "EUR 120,000");
    assert!(!figure(&dash, "Open pipeline").explained);
    assert_eq!(figure(&dash, "Won this period").fix, Some(Fix::Goals));
    assert_eq!(
        figure(&dash, "Win rate").line,
        "No deal won or lost in Q4 FY 2026 yet."
    );
    // The table starts at the current period.
    let periods: Vec<&str> = dash.rows.iter().map(|r| r.period.as_str()).collect();
    assert_eq!(
        periods,
        ["Q4 FY 2026", "Q1 FY 2027", "Q2 FY 2027", "Q3 FY 2027"]
    );
    assert_eq!(dash.rows[1].weighted, "EUR 24,000");
    assert_eq!(dash.rows_note.as_ref().unwrap().fix, Some(Fix::Goals));
    // The forecast chart draws the next quarter, and says it has no target line.
    assert!(dash.forecast.drawn);
    let why = dash.forecast.note.as_ref().unwrap();
    assert_eq!(
        why.text,
        "No target line: no revenue target is set for Q4 FY 2026 to Q3 FY 2027."
    );
    // Nothing closed in six months: the chart gives way to why.
    assert!(!dash.won_lost.drawn);
    assert_eq!(
        dash.won_lost.note.as_ref().unwrap().text,
        "No deal won or lost since Jul 2026: a deal marked won or lost shows here in the month it closed."
    );
    assert!(dash.stages.drawn);
    assert!(dash.people_note.text.contains("Acme closes in Q1 FY 2027"));
}

#[test]
fn a_wider_period_that_holds_the_deal_is_offered() {
    // The fiscal year starts in April: the deal is in this fiscal year's last quarter.
    let ws = workspace(4, &[("Acme", 120_000, "2027-02-15", ProjectStatus::Active)]);
    let dash = dashboard(&ws, PeriodKind::Quarter, d(TODAY));
    let expected = figure(&dash, "Weighted forecast");
    assert_eq!(
        expected.line,
        "No open deal closes in Q3 FY 2026–27. Acme closes in Q4 FY 2026–27: show the fiscal year, or see Q4 FY 2026–27 in the forecast by period."
    );
    assert_eq!(expected.fix, Some(Fix::Show(PeriodKind::FiscalYear)));
    // By month, the quarter is the smallest period that holds it (Jan–Mar 2027 is Q4).
    let ws = workspace(4, &[("Acme", 120_000, "2027-01-15", ProjectStatus::Active)]);
    let by_month = dashboard(&ws, PeriodKind::Month, d("2026-12-03"));
    assert_eq!(
        figure(&by_month, "Weighted forecast").fix,
        Some(Fix::Show(PeriodKind::FiscalYear))
    );
    let ws = workspace(4, &[("Acme", 120_000, "2026-12-20", ProjectStatus::Active)]);
    let by_month = dashboard(&ws, PeriodKind::Month, d("2026-11-03"));
    assert_eq!(
        figure(&by_month, "Weighted forecast").fix,
        Some(Fix::Show(PeriodKind::Quarter))
    );
    // In the fiscal year it counts, and nothing needs a why but the win rate and the rest.
    let fiscal = dashboard(&ws, PeriodKind::FiscalYear, d("2026-11-03"));
    assert!(!figure(&fiscal, "Weighted forecast").explained);
    every_empty_figure_is_explained(&fiscal);
}

#[test]
fn an_overdue_deal_is_named_with_its_passed_date() {
    let ws = workspace(1, &[("Bolt", 50_000, "2026-09-10", ProjectStatus::Active)]);
    let dash = dashboard(&ws, PeriodKind::Quarter, d(TODAY));
    every_empty_figure_is_explained(&dash);
    assert_eq!(
        figure(&dash, "Weighted forecast").line,
        "No open deal closes in Q4 FY 2026. Bolt’s target date (10 Sep 2026) has passed: give it a new one, or mark it won or lost."
    );
    assert!(!dash.forecast.drawn);
    assert!(dash
        .forecast
        .note
        .as_ref()
        .unwrap()
        .text
        .contains("Bolt’s target date"));
}

#[test]
fn closed_deals_only_say_there_is_no_open_pipeline() {
    let ws = workspace(
        1,
        &[
            ("Won one", 40_000, "2026-10-20", ProjectStatus::Won),
            ("Lost one", 10_000, "2026-11-20", ProjectStatus::Lost),
        ],
    );
    let dash = dashboard(&ws, PeriodKind::Quarter, d(TODAY));
    every_empty_figure_is_explained(&dash);
    assert_eq!(figure(&dash, "Won this period").value, "EUR 40,000");
    assert_eq!(figure(&dash, "Win rate").value, "50 %");
    let pipeline = figure(&dash, "Open pipeline");
    assert_eq!(pipeline.value, "EUR 0");
    assert_eq!(pipeline.fix, Some(Fix::Projects));
    assert!(!dash.stages.drawn);
    assert!(dash.won_lost.drawn);
    assert!(dash.won_lost.note.is_none());
}

#[test]
fn the_sample_workspace_explains_each_empty_figure_in_every_period_kind() {
    let ws = common::sample();
    for kind in [
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::FiscalYear,
    ] {
        let dash = dashboard(&ws, kind, common::today());
        every_empty_figure_is_explained(&dash);
        assert_eq!(dash.rows.len(), 4);
        assert_eq!(
            dash.rows[0].period,
            pursuit::engine::periods::label(
                pursuit::engine::periods::period_of(
                    kind,
                    common::today(),
                    ws.settings.fiscal_year_start_month
                ),
                ws.settings.fiscal_year_start_month
            )
        );
    }
}
