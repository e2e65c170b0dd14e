//! The Dashboard as numbers and words: what each figure, table row and chart shows for a
//! period, and — where a figure is empty or zero — one line saying why and what would change
//! it ("Acme closes in Q1 FY 2027: show the fiscal year, or see Q1 FY 2027 below"). The screen
//! (`ui/screens/dashboard.rs`) only lays this out.

use crate::dates::Written;
use crate::engine::forecast::{forecast, kpis, period_day, Forecast, Kpis};
use crate::engine::periods::{contains, end_of, label, next, period_of, previous};
use crate::model::common::plural;
use crate::model::*;
use chrono::NaiveDate;

/// What a note suggests doing, drawn by the screen as a link or a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fix {
    /// Set a revenue target or quota on Goals and quotas.
    Goals,
    /// Create a project, or import a pipeline.
    Projects,
    /// Add the team, or say who you are.
    Team,
    /// Show a wider period, where the named deal falls.
    Show(PeriodKind),
}

/// One line saying why a figure is empty or zero, and what would change it.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub text: String,
    pub fix: Option<Fix>,
}

impl Note {
    fn new(text: impl Into<String>, fix: Option<Fix>) -> Note {
        Note {
            text: text.into(),
            fix,
        }
    }
}

/// A headline figure: its name, its value and the line under it — the definition when the
/// figure has something to show, else why it is empty.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub name: &'static str,
    pub value: String,
    pub line: String,
    /// Whether the figure is empty or zero, and `line` says why.
    pub explained: bool,
    /// What would fill it, when there is something to do.
    pub fix: Option<Fix>,
}

/// One row of the forecast by period, formatted.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodRow {
    pub period: String,
    pub won: String,
    pub weighted: String,
    pub expected: String,
    pub commit: String,
    pub best_case: String,
    pub target: String,
    pub vs_target: String,
    pub coverage: String,
}

/// A deal whose target date moved out of a recent period.
#[derive(Clone, Debug, PartialEq)]
pub struct Slipped {
    pub id: ProjectId,
    pub name: String,
    pub period: String,
    pub now: String,
}

/// One group of bars: a label, a value per series, an optional target.
#[derive(Clone, Debug, PartialEq)]
pub struct Bars {
    pub label: String,
    pub values: Vec<f64>,
    pub target: Option<f64>,
}

/// A chart's bars, or — when it would be blank — why, in place of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub bars: Vec<Bars>,
    /// Set when the chart has nothing to draw (or no target line): shown under or instead.
    pub note: Option<Note>,
    /// Whether there is anything to draw.
    pub drawn: bool,
}

/// Everything the dashboard shows for one kind of period.
#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub period: String,
    pub currency: String,
    pub figures: Vec<Figure>,
    /// The current period first, then the next three.
    pub rows: Vec<PeriodRow>,
    /// Said under the table when a period has no target.
    pub rows_note: Option<Note>,
    pub slipped: Vec<Slipped>,
    pub other_currency: usize,
    pub forecast: Chart,
    pub stages: Chart,
    pub won_lost: Chart,
    /// Why the per-person table is empty, when it is.
    pub people_note: Note,
}

/// How many periods the forecast table and chart show, the current one first.
pub const PERIODS_SHOWN: usize = 4;

/// What the dashboard shows for the periods of `kind` around `today`.
pub fn dashboard(ws: &Workspace, kind: PeriodKind, today: NaiveDate) -> Dashboard {
    let fy = ws.settings.fiscal_year_start_month;
    let period = period_of(kind, today, fy);
    let k = kpis(ws, period, today);
    let ahead = periods_from(period, PERIODS_SHOWN);
    let forecasts: Vec<Forecast> = ahead.iter().map(|p| forecast(ws, *p, today)).collect();
    let recent = [previous(previous(period)), previous(period), period];
    Dashboard {
        period: label(period, fy),
        currency: ws.settings.currency.code().to_string(),
        figures: figures(ws, period, today, &k),
        rows: ahead
            .iter()
            .zip(&forecasts)
            .map(|(p, f)| period_row(ws, *p, f))
            .collect(),
        rows_note: forecasts.iter().any(|f| f.target.is_none()).then(|| {
            Note::new(
                "Target “—”: no revenue target set for the period.",
                Some(Fix::Goals),
            )
        }),
        slipped: recent.iter().flat_map(|p| slipped(ws, *p, today)).collect(),
        other_currency: forecasts
            .iter()
            .map(|f| f.other_currency)
            .max()
            .unwrap_or(0),
        forecast: forecast_chart(ws, kind, today, &ahead, &forecasts),
        stages: stage_chart(ws),
        won_lost: won_lost_chart(ws, today),
        people_note: people_note(ws, kind, today),
    }
}

/// `n` periods from `first` on.
fn periods_from(first: Period, n: usize) -> Vec<Period> {
    std::iter::successors(Some(first), |p| Some(next(*p)))
        .take(n)
        .collect()
}

fn money(ws: &Workspace, minor: i64) -> String {
    Money::new(minor, ws.settings.currency.clone()).display()
}

/// Open projects in the workspace currency.
fn open_deals(ws: &Workspace) -> impl Iterator<Item = &Project> {
    ws.live_projects()
        .filter(|p| p.status.is_open() && p.value.currency == ws.settings.currency)
}

fn figures(ws: &Workspace, period: Period, today: NaiveDate, k: &Kpis) -> Vec<Figure> {
    let p = label(period, ws.settings.fiscal_year_start_month);
    let won_any = ws
        .live_projects()
        .any(|d| d.status == ProjectStatus::Won && contains(period, period_day(d)));
    let no_win = format!("No deal won in {p} yet.");
    let figure = |name, value, line: String, why: Option<Option<Fix>>| Figure {
        name,
        value,
        line,
        explained: why.is_some(),
        fix: why.flatten(),
    };
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    vec![
        won_figure(ws, &p, k),
        expected_figure(ws, period, today, k),
        figure(
            "Win rate",
            or_dash(k.win_rate.map(|r| format!("{:.0} %", r * 100.0))),
            match k.win_rate {
                Some(_) => "won ÷ (won + lost) this period".into(),
                None => format!("No deal won or lost in {p} yet."),
            },
            k.win_rate.is_none().then_some(None),
        ),
        figure(
            "Average deal size",
            or_dash(k.average_deal.map(|m| money(ws, m))),
            match k.average_deal {
                Some(_) => "of deals won this period".into(),
                None if won_any => "Deals won this period have no value.".into(),
                None => no_win.clone(),
            },
            k.average_deal.is_none().then_some(None),
        ),
        figure(
            "Average sales cycle",
            or_dash(
                k.cycle_days
                    .map(|d| plural(d.round() as usize, "day", "days")),
            ),
            match k.cycle_days {
                Some(_) => "start to close, won deals".into(),
                None if won_any => "Deals won this period have no close date.".into(),
                None => no_win,
            },
            k.cycle_days.is_none().then_some(None),
        ),
        pipeline_figure(ws, k),
    ]
}

fn won_figure(ws: &Workspace, p: &str, k: &Kpis) -> Figure {
    let of_target = |t: i64| {
        let pct = if t > 0 {
            k.won as f64 / t as f64 * 100.0
        } else {
            0.0
        };
        format!("{pct:.0} % of {}", money(ws, t))
    };
    let (line, why) = match (k.target, k.won) {
        (Some(t), 0) => (format!("{} — no deal won in {p} yet.", of_target(t)), None),
        (Some(t), _) => (of_target(t), None),
        (None, 0) => (
            format!("No deal won in {p} yet, and no revenue target set for it."),
            Some(Fix::Goals),
        ),
        (None, _) => (format!("No revenue target set for {p}."), Some(Fix::Goals)),
    };
    Figure {
        name: "Won this period",
        value: money(ws, k.won),
        explained: k.won == 0 || k.target.is_none(),
        line,
        fix: why,
    }
}

fn expected_figure(ws: &Workspace, period: Period, today: NaiveDate, k: &Kpis) -> Figure {
    let note = (k.expected == 0).then(|| nothing_expected(ws, period, today));
    Figure {
        name: "Weighted forecast",
        value: money(ws, k.expected),
        explained: note.is_some(),
        fix: note.as_ref().and_then(|n| n.fix),
        line: note
            .map(|n| n.text)
            .unwrap_or_else(|| "won + open value × probability".into()),
    }
}

fn pipeline_figure(ws: &Workspace, k: &Kpis) -> Figure {
    let note = (k.open_pipeline == 0).then(|| no_pipeline(ws));
    Figure {
        name: "Open pipeline",
        value: money(ws, k.open_pipeline),
        explained: note.is_some(),
        fix: note.as_ref().and_then(|n| n.fix),
        line: note
            .map(|n| n.text)
            .unwrap_or_else(|| "active and on hold".into()),
    }
}

/// Why no open value is counted at all.
fn no_pipeline(ws: &Workspace) -> Note {
    let other = ws
        .live_projects()
        .filter(|p| p.status.is_open() && p.value.currency != ws.settings.currency)
        .count();
    if other > 0 {
        return Note::new(
            format!(
                "{} in other currencies {} not counted in {}.",
                plural(other, "open deal", "open deals"),
                if other == 1 { "is" } else { "are" },
                ws.settings.currency.code()
            ),
            None,
        );
    }
    if open_deals(ws).next().is_some() {
        return Note::new(
            "The open deals have no value yet: set each deal's value.",
            None,
        );
    }
    Note::new(
        "No open deal: create a project or import your pipeline.",
        Some(Fix::Projects),
    )
}

/// Why the period's won + weighted pipeline is zero, naming the deal that would count.
fn nothing_expected(ws: &Workspace, period: Period, today: NaiveDate) -> Note {
    let p = label(period, ws.settings.fiscal_year_start_month);
    let open: Vec<&Project> = open_deals(ws).collect();
    if open.is_empty() {
        return no_pipeline(ws);
    }
    let inside = open
        .iter()
        .filter(|d| contains(period, d.target_date))
        .count();
    if inside > 0 {
        return Note::new(
            format!(
                "The {} closing in {p} {} a 0 % probability or no value.",
                plural(inside, "open deal", "open deals"),
                if inside == 1 { "has" } else { "have" }
            ),
            None,
        );
    }
    elsewhere(
        ws,
        period,
        today,
        &open,
        &format!("No open deal closes in {p}."),
    )
}

/// Where the open deals fall instead of `period`: the earliest one overdue, else the next one
/// due, with the wider period that shows it.
fn elsewhere(
    ws: &Workspace,
    period: Period,
    today: NaiveDate,
    open: &[&Project],
    lead: &str,
) -> Note {
    let mut sorted = open.to_vec();
    crate::sorting::sort_by_key(&mut sorted, |d| d.target_date);
    let overdue = sorted.iter().find(|d| d.target_date < period.start);
    if let Some(d) = overdue {
        return Note::new(
            format!(
                "{lead} {}’s target date ({}) has passed: give it a new one, or mark it won or lost.",
                d.name,
                crate::model::day(d.target_date)
            ),
            None,
        );
    }
    let Some(first) = sorted.iter().find(|d| d.target_date >= end_of(period)) else {
        return Note::new(lead.to_string(), None);
    };
    falls_in(ws, period, today, first, lead)
}

/// "Acme closes in Q1 FY 2027: show the fiscal year, or see Q1 FY 2027 below."
fn falls_in(ws: &Workspace, period: Period, today: NaiveDate, deal: &Project, lead: &str) -> Note {
    let fy = ws.settings.fiscal_year_start_month;
    let there = period_of(period.kind, deal.target_date, fy);
    let wider = wider_kind(period.kind, today, deal.target_date, fy);
    let shown = periods_from(period, PERIODS_SHOWN).contains(&there);
    let mut text = format!("{lead} {} closes in {}", deal.name, label(there, fy));
    match (wider, shown) {
        (Some(k), true) => text.push_str(&format!(
            ": show the {}, or see {} in the forecast by period.",
            kind_name(k),
            label(there, fy)
        )),
        (Some(k), false) => text.push_str(&format!(": show the {}.", kind_name(k))),
        (None, true) => text.push_str(": see it in the forecast by period."),
        (None, false) => text.push_str(&format!(" ({}).", crate::model::day(deal.target_date))),
    }
    Note::new(text, wider.map(Fix::Show))
}

/// The smallest period kind wider than `kind` whose current period holds `day`.
fn wider_kind(kind: PeriodKind, today: NaiveDate, day: NaiveDate, fy: u32) -> Option<PeriodKind> {
    let wider: &[PeriodKind] = match kind {
        PeriodKind::Month => &[PeriodKind::Quarter, PeriodKind::FiscalYear],
        PeriodKind::Quarter => &[PeriodKind::FiscalYear],
        PeriodKind::FiscalYear => &[],
    };
    wider
        .iter()
        .copied()
        .find(|k| contains(period_of(*k, today, fy), day))
}

/// The name of a period kind in a sentence: "month", "quarter", "fiscal year".
pub fn kind_name(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Month => "month",
        PeriodKind::Quarter => "quarter",
        PeriodKind::FiscalYear => "fiscal year",
    }
}

fn period_row(ws: &Workspace, period: Period, f: &Forecast) -> PeriodRow {
    let m = |v: i64| money(ws, v);
    PeriodRow {
        period: label(period, ws.settings.fiscal_year_start_month),
        won: m(f.won),
        weighted: m(f.weighted_pipeline),
        expected: m(f.expected),
        commit: m(f.commit),
        best_case: m(f.best_case),
        target: f.target.map(m).unwrap_or_else(|| "—".into()),
        vs_target: f
            .target
            .map(|t| {
                let pct = if t > 0 {
                    (f.expected - t) as f64 / t as f64 * 100.0
                } else {
                    0.0
                };
                format!("{pct:+.0} %")
            })
            .unwrap_or_else(|| "—".into()),
        coverage: coverage(f, "target met"),
    }
}

/// A forecast's coverage as shown: "2.4×", `met` once the target is reached, "—" without one.
pub fn coverage(f: &Forecast, met: &str) -> String {
    if f.target_met {
        met.into()
    } else {
        f.coverage
            .map(|c| format!("{c:.1}×"))
            .unwrap_or_else(|| "—".into())
    }
}

fn slipped(ws: &Workspace, period: Period, today: NaiveDate) -> Vec<Slipped> {
    let name = label(period, ws.settings.fiscal_year_start_month);
    forecast(ws, period, today)
        .slipped
        .iter()
        .filter_map(|id| ws.project(*id))
        .map(|p| Slipped {
            id: p.id,
            name: p.name.clone(),
            period: name.clone(),
            now: crate::model::day(p.target_date).to_string(),
        })
        .collect()
}

/// Minor units to major units for a chart.
fn major(ws: &Workspace, minor: i64) -> f64 {
    minor as f64 / 10_f64.powi(ws.settings.currency.minor_digits() as i32)
}

fn forecast_chart(
    ws: &Workspace,
    kind: PeriodKind,
    today: NaiveDate,
    periods: &[Period],
    forecasts: &[Forecast],
) -> Chart {
    let fy = ws.settings.fiscal_year_start_month;
    let bars: Vec<Bars> = periods
        .iter()
        .zip(forecasts)
        .map(|(p, f)| Bars {
            label: label(*p, fy),
            values: vec![major(ws, f.won), major(ws, f.weighted_pipeline)],
            target: f.target.map(|t| major(ws, t)),
        })
        .collect();
    let drawn = bars.iter().any(|b| b.values.iter().any(|v| *v > 0.0));
    let span = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) => format!("{} to {}", label(*a, fy), label(*b, fy)),
        _ => String::new(),
    };
    let note = if !drawn {
        let open: Vec<&Project> = open_deals(ws).collect();
        let last = periods
            .last()
            .copied()
            .unwrap_or(period_of(kind, today, fy));
        let whole = Period {
            kind,
            start: periods.first().map(|p| p.start).unwrap_or(last.start),
        };
        Some(match open.is_empty() {
            true => no_pipeline(ws),
            false => beyond(whole, last, &open, &span),
        })
    } else if bars.iter().all(|b| b.target.is_none()) {
        Some(Note::new(
            format!("No target line: no revenue target is set for {span}."),
            Some(Fix::Goals),
        ))
    } else {
        None
    };
    Chart { bars, note, drawn }
}

/// Why nothing is won or weighted in the shown periods: the deals are overdue or later.
fn beyond(first: Period, last: Period, open: &[&Project], span: &str) -> Note {
    let lead = format!("Nothing won or weighted from {span}.");
    let mut sorted = open.to_vec();
    crate::sorting::sort_by_key(&mut sorted, |d| d.target_date);
    if let Some(d) = sorted.iter().find(|d| d.target_date < first.start) {
        return Note::new(
            format!(
                "{lead} {}’s target date ({}) has passed: give it a new one.",
                d.name,
                crate::model::day(d.target_date)
            ),
            None,
        );
    }
    match sorted.iter().find(|d| d.target_date >= end_of(last)) {
        Some(d) => Note::new(
            format!(
                "{lead} The first open deal, {}, closes on {}.",
                d.name,
                crate::model::day(d.target_date)
            ),
            None,
        ),
        None => Note::new(
            format!("{lead} The open deals in it have a 0 % probability or no value."),
            None,
        ),
    }
}

fn stage_chart(ws: &Workspace) -> Chart {
    let bars: Vec<Bars> = Stage::ALL
        .iter()
        .filter(|s| **s != Stage::Closed)
        .map(|s| {
            let (value, weighted) =
                open_deals(ws)
                    .filter(|p| p.stage == *s)
                    .fold((0i64, 0i64), |(v, w), p| {
                        (
                            v.saturating_add(p.value.minor),
                            w.saturating_add(p.weighted_minor()),
                        )
                    });
            Bars {
                label: s.label().to_string(),
                values: vec![major(ws, value), major(ws, weighted)],
                target: None,
            }
        })
        .collect();
    let drawn = bars.iter().any(|b| b.values.iter().any(|v| *v > 0.0));
    Chart {
        bars,
        note: (!drawn).then(|| no_pipeline(ws)),
        drawn,
    }
}

fn won_lost_chart(ws: &Workspace, today: NaiveDate) -> Chart {
    let fy = ws.settings.fiscal_year_start_month;
    let months = {
        let this = period_of(PeriodKind::Month, today, fy);
        let mut m: Vec<Period> = std::iter::successors(Some(this), |p| Some(previous(*p)))
            .take(6)
            .collect();
        m.reverse();
        m
    };
    let bars: Vec<Bars> = months
        .iter()
        .map(|m| {
            let closed = ws.live_projects().filter(|p| contains(*m, period_day(p)));
            let (won, lost) = closed.fold((0, 0), |(w, l), p| match p.status {
                ProjectStatus::Won => (w + 1, l),
                ProjectStatus::Lost => (w, l + 1),
                _ => (w, l),
            });
            Bars {
                label: m.start.written("%b").to_string(),
                values: vec![won as f64, lost as f64],
                target: None,
            }
        })
        .collect();
    let drawn = bars.iter().any(|b| b.values.iter().any(|v| *v > 0.0));
    let since = months
        .first()
        .map(|m| m.start.written("%b %Y").to_string())
        .unwrap_or_default();
    Chart {
        bars,
        note: (!drawn).then(|| {
            Note::new(
                format!("No deal won or lost since {since}: a deal marked won or lost shows here in the month it closed."),
                None,
            )
        }),
        drawn,
    }
}

/// Why nobody has numbers for the period.
fn people_note(ws: &Workspace, kind: PeriodKind, today: NaiveDate) -> Note {
    let fy = ws.settings.fiscal_year_start_month;
    let period = period_of(kind, today, fy);
    let p = label(period, fy);
    if ws.live_members().next().is_none() {
        return Note::new(
            "No team yet: add the people who own deals on the Team page.",
            Some(Fix::Team),
        );
    }
    let unowned = open_deals(ws)
        .filter(|d| d.owner.is_none() && contains(period, d.target_date))
        .count();
    if unowned > 0 {
        return Note::new(
            format!(
                "{} closing in {p} {} no owner: give {} an owner.",
                plural(unowned, "deal", "deals"),
                if unowned == 1 { "has" } else { "have" },
                if unowned == 1 { "it" } else { "each" }
            ),
            None,
        );
    }
    let owned: Vec<&Project> = open_deals(ws).filter(|d| d.owner.is_some()).collect();
    if owned.is_empty() {
        return Note::new(
            format!("Nobody owns an open deal and nobody has a quota for {p}."),
            Some(Fix::Goals),
        );
    }
    let lead = format!("Nobody owns a deal closing in {p} or has a quota for it.");
    elsewhere(ws, period, today, &owned, &lead)
}
