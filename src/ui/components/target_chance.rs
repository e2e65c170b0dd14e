//! The dashboard's "Chance of hitting the target": the simulation of the period's open deals
//! (engine::simulation), its P10 / P50 / P90, a histogram with a table twin, and the deals
//! that decide the period.

use crate::engine::health::HealthStatus;
use crate::engine::periods::{label, period_of};
use crate::engine::simulation::{question_for_period, Answer, Run, TRIALS};
use crate::model::common::group_thousands;
use crate::model::{MemberId, Money, PeriodKind, ProjectId, Workspace};
use crate::ui::router::{ProjectTab, Route};
use crate::ui::state::{today, use_app, AppState};
use leptos::prelude::*;

/// Deals listed as deciding the period.
const DECIDERS: usize = 5;

#[derive(Clone, PartialEq)]
struct Shown {
    target: String,
    chance: String,
    percentiles: [String; 3],
    /// (label of the bar, trials, share of the tallest bar).
    bars: Vec<(String, u32, f64)>,
    deciders: Vec<(crate::model::ProjectId, String, String, String)>,
    slip: u32,
    /// Open deals simulated.
    deals: usize,
}

/// Where a run being worked out reports to; a newer run (the period, person or workspace
/// changed) or leaving the dashboard stops it.
#[derive(Clone, Copy)]
struct Slice {
    epoch: u64,
    started: f64,
    /// Time spent running trials so far, without the frames in between.
    worked: f64,
    running: StoredValue<u64>,
    shown: RwSignal<Option<Result<Shown, String>>>,
    progress: RwSignal<u32>,
    app: AppState,
}

/// Runs trials for up to 40 ms (under the 50 ms at which a task starts to delay input
/// noticeably), then either shows the answer or comes back after the browser has drawn and
/// handled input.
fn work_out(mut run: Run<ProjectId>, mut at: Slice) {
    if at.running.try_get_value() != Some(at.epoch) {
        return;
    }
    let slice_started = crate::ui::state::clock_ms();
    let done = loop {
        if run.step(250) {
            break true;
        }
        if crate::ui::state::clock_ms() - slice_started > 40.0 {
            break false;
        }
    };
    at.worked += crate::ui::state::clock_ms() - slice_started;
    if !done {
        let (ran, all) = run.progress();
        at.progress.try_set(ran * 100 / all.max(1));
        at.shown.try_set(None);
        set_timeout(move || work_out(run, at), std::time::Duration::ZERO);
        return;
    }
    let answer = run.answer();
    // Read by the benchmark (tests/e2e/bench/chance.js): the run from first slice to answer,
    // and the time its slices took.
    crate::ui::state::measure("pursuit:chance", at.started);
    crate::ui::state::record("pursuit:chance-work", at.worked);
    if let Some(result) = untrack(|| at.app.with(|ws| shown_of(ws, &answer))) {
        at.shown.try_set(Some(Ok(result)));
    }
}

fn shown_of(ws: &Workspace, answer: &Answer<ProjectId>) -> Shown {
    let money = |m: i64| Money::new(m, ws.settings.currency.clone()).compact();
    let tallest = answer
        .histogram
        .iter()
        .map(|b| b.trials)
        .max()
        .unwrap_or(1)
        .max(1);
    Shown {
        target: Money::new(answer.target, ws.settings.currency.clone()).display(),
        chance: whole_percent(answer.chance),
        percentiles: [money(answer.p10), money(answer.p50), money(answer.p90)],
        bars: answer
            .histogram
            .iter()
            .map(|b| {
                (
                    format!("{}–{}", money(b.from), money(b.to)),
                    b.trials,
                    f64::from(b.trials) / f64::from(tallest),
                )
            })
            .collect(),
        deciders: answer
            .deciders
            .iter()
            .take(DECIDERS)
            .filter(|d| d.swing() > 0.0)
            .map(|d| {
                let name = ws
                    .project(d.key)
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                (
                    d.key,
                    name,
                    whole_percent(d.if_won),
                    whole_percent(d.if_lost),
                )
            })
            .collect(),
        slip: ws.settings.health.flagged_slip_percent,
        deals: answer.deciders.len(),
    }
}

fn whole_percent(share: f64) -> String {
    format!("{:.0} %", (share * 100.0).round())
}

#[component]
pub fn TargetChance(kind: RwSignal<PeriodKind>) -> impl IntoView {
    let app = use_app();
    // None: the team against its target; Some: one member's deals against their own quota.
    let who = RwSignal::new(None::<MemberId>);
    let members = Memo::new(move |_| app.with_team(|ws| ws.member_names()).unwrap_or_default());
    let period_name = Memo::new(move |_| {
        let kind = kind.get();
        app.with_team(|ws| {
            let fy = ws.settings.fiscal_year_start_month;
            label(period_of(kind, today(), fy), fy)
        })
        .unwrap_or_default()
    });
    // Ok: the simulation shown; Err: why there is nothing to simulate; None while its trials
    // are being worked out. The trials run in slices between frames (`Run`), so the
    // dashboard paints at once and stays responsive on a large workspace (10,000 trials of
    // 2,500 open deals take most of a second). An effect drives it because the work is spread
    // over time; what it writes is only the finished answer.
    let shown = RwSignal::new(None::<Result<Shown, String>>);
    let progress = RwSignal::new(0u32);
    let running = StoredValue::new(0u64);
    Effect::new(move |_| {
        let (kind, today, who) = (kind.get(), today(), who.get());
        // The health check's verdicts the screens share (the same as `for_period` works out).
        let healths = app.healths();
        let flagged = |p: &crate::model::Project| {
            healths
                .get(&p.id)
                .is_some_and(|h| h.status != HealthStatus::OnTrack)
        };
        let run = app.with(|ws| {
            let fy = ws.settings.fiscal_year_start_month;
            let period = period_of(kind, today, fy);
            let question = question_for_period(ws, period, who, today, &flagged);
            question.map(|(q, seed)| Run::new(q, TRIALS, seed, true)).ok_or_else(|| {
                let whose = match who {
                    Some(m) => format!("{} has", ws.member_name(Some(m))),
                    None => "The team has".into(),
                };
                format!(
                    "{whose} no revenue target for {}: set one in Goals and quotas to see the chance of reaching it.",
                    label(period, fy)
                )
            })
        });
        let epoch = running.get_value() + 1;
        running.set_value(epoch);
        match run {
            Some(Ok(run)) => work_out(
                run,
                Slice {
                    epoch,
                    started: crate::ui::state::clock_ms(),
                    worked: 0.0,
                    running,
                    shown,
                    progress,
                    app,
                },
            ),
            Some(Err(message)) => shown.set(Some(Err(message))),
            None => shown.set(None),
        }
    });
    let pick = move |ev: leptos::ev::Event| who.set(MemberId::parse(&event_target_value(&ev)));
    let body = move || {
        if app.is_opening() {
            // The trials let deals at risk slip, and health needs the records.
            return view! {
                <crate::ui::components::reading_line::NeedsRecords what="The chance" />
            }
            .into_any();
        }
        let Some(s) = shown.get() else {
            return view! {
                <p class="muted" data-testid="chance-working" role="status">{move || format!("Working out the chance… {} %", progress.get())}</p>
            }.into_any();
        };
        {
            let s = match s {
                Ok(s) => s,
                Err(message) => {
                    return view! { <p class="muted" data-testid="no-target">{message}</p> }
                        .into_any()
                }
            };
            let bar_width = 100.0 / s.bars.len().max(1) as f64;
            view! {
                <p class="chance-figure"><strong data-testid="chance">{s.chance.clone()}</strong>
                    <span class="muted" data-testid="chance-basis">{format!(
                        " of {} simulated outcomes of {} reach {}",
                        group_thousands(u64::from(TRIALS)),
                        crate::model::common::plural(s.deals, "open deal", "open deals"),
                        s.target
                    )}</span>
                </p>
                <p data-testid="percentiles">{format!("Won value: P10 {} · P50 {} · P90 {}", s.percentiles[0], s.percentiles[1], s.percentiles[2])}</p>
                <svg class="histogram" viewBox="0 0 100 40" preserveAspectRatio="none" role="img"
                    aria-label=format!("Histogram of won value in {} simulated outcomes; the table below has the figures", group_thousands(u64::from(TRIALS)))>
                    {s.bars.iter().enumerate().map(|(i, (_, _, share))| {
                        let h = 38.0 * share;
                        view! { <rect x=format!("{:.2}", i as f64 * bar_width + 0.3) y=format!("{:.2}", 40.0 - h) width=format!("{:.2}", bar_width - 0.6) height=format!("{h:.2}") /> }
                    }).collect_view()}
                </svg>
                <details>
                    <summary>"The histogram as a table"</summary>
                    <table class="data-table" data-testid="histogram-table">
                        <caption class="visually-hidden">{format!("Won value in {} simulated outcomes", group_thousands(u64::from(TRIALS)))}</caption>
                        <thead><tr><th scope="col">"Won value"</th><th scope="col" class="numeric">"Outcomes"</th></tr></thead>
                        <tbody>{s.bars.iter().map(|(range, trials, _)| view! { <tr><th scope="row">{range.clone()}</th><td class="numeric">{group_thousands(u64::from(*trials))}</td></tr> }).collect_view()}</tbody>
                    </table>
                </details>
                {s.deciders.is_empty().then(|| view! {
                    <p class="muted" data-testid="no-deciders">"No single deal changes the chance: the period's open deals decide nothing on their own (the target is out of reach even if all are won, or met whatever happens)."</p>
                })}
                {(!s.deciders.is_empty()).then(|| view! {
                    <h3 id="deciders-title">"Deals that decide it"</h3>
                    <table class="data-table" data-testid="deciders" aria-labelledby="deciders-title">
                        <thead><tr><th scope="col">"Deal"</th><th scope="col" class="numeric">"If won"</th><th scope="col" class="numeric">"If lost"</th></tr></thead>
                        <tbody>{s.deciders.iter().map(|(id, name, won, lost)| view! {
                            <tr><th scope="row"><a href=Route::Project(*id, ProjectTab::Overview).href()>{name.clone()}</a></th><td class="numeric">{won.clone()}</td><td class="numeric">{lost.clone()}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                })}
                <p class="muted small-print">{format!(
                    "Each open deal of the period counts with its probability; deals flagged at risk or off track also slip out of the period with a chance of {} % (Data → Health thresholds). Money won counts in every outcome.",
                    s.slip
                )}</p>
            }.into_any()
        }
    };
    view! {
        <section class="card target-chance" data-testid="target-chance" aria-labelledby="target-chance-title">
            <div class="card-head">
                <h2 id="target-chance-title">{move || format!("Chance of hitting the target, {}", period_name.get())}</h2>
                <label class="inline-select">
                    <span class="visually-hidden">"Whose target"</span>
                    <select data-testid="chance-who" on:change=pick>
                        <option value="" selected=move || who.get().is_none()>"The team"</option>
                        {move || members.get().into_iter().map(|(id, name)| view! {
                            <option value=id.to_text() selected=move || who.get() == Some(id)>{name}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            {body}
        </section>
    }
}
