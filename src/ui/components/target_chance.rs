//! The dashboard's "Chance of hitting the target": the simulation of the period's open deals
//! (engine::simulation), its P10 / P50 / P90, a histogram with a table twin, and the deals
//! that decide the period.

use crate::engine::periods::{label, period_of};
use crate::engine::simulation::{for_period, TRIALS};
use crate::model::common::group_thousands;
use crate::model::{Money, PeriodKind};
use crate::ui::router::{ProjectTab, Route};
use crate::ui::state::{today, use_app};
use leptos::prelude::*;

/// Deals listed as deciding the period.
const DECIDERS: usize = 5;

#[derive(Clone, PartialEq)]
struct Shown {
    period: String,
    target: String,
    chance: String,
    percentiles: [String; 3],
    /// (label of the bar, trials, share of the tallest bar).
    bars: Vec<(String, u32, f64)>,
    deciders: Vec<(crate::model::ProjectId, String, String, String)>,
    slip: u32,
}

fn whole_percent(share: f64) -> String {
    format!("{:.0} %", (share * 100.0).round())
}

#[component]
pub fn TargetChance(kind: RwSignal<PeriodKind>) -> impl IntoView {
    let app = use_app();
    let shown = Memo::new(move |_| {
        let (kind, today) = (kind.get(), today());
        app.with(|ws| {
            let period = period_of(kind, today, ws.settings.fiscal_year_start_month);
            let answer = for_period(ws, period, None, today)?;
            let money = |m: i64| Money::new(m, ws.settings.currency.clone()).compact();
            let tallest = answer
                .histogram
                .iter()
                .map(|b| b.trials)
                .max()
                .unwrap_or(1)
                .max(1);
            Some(Shown {
                period: label(period, ws.settings.fiscal_year_start_month),
                target: Money::new(
                    crate::engine::forecast::forecast(ws, period, today)
                        .target
                        .unwrap_or(0),
                    ws.settings.currency.clone(),
                )
                .display(),
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
            })
        })
        .flatten()
    });
    move || {
        shown.get().map(|s| {
            let bar_width = 100.0 / s.bars.len().max(1) as f64;
            view! {
                <section class="card target-chance" data-testid="target-chance" aria-labelledby="target-chance-title">
                    <h2 id="target-chance-title">{format!("Chance of hitting the target, {}", s.period)}</h2>
                    <p class="chance-figure"><strong data-testid="chance">{s.chance.clone()}</strong>
                        <span class="muted">{format!(" of {} simulated outcomes reach {}", group_thousands(u64::from(TRIALS)), s.target)}</span>
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
                        <table class="data-table">
                            <thead><tr><th scope="col">"Won value"</th><th scope="col" class="numeric">"Outcomes"</th></tr></thead>
                            <tbody>{s.bars.iter().map(|(range, trials, _)| view! { <tr><th scope="row">{range.clone()}</th><td class="numeric">{group_thousands(u64::from(*trials))}</td></tr> }).collect_view()}</tbody>
                        </table>
                    </details>
                    {s.deciders.is_empty().then(|| view! {
                        <p class="muted" data-testid="no-deciders">"No single deal changes the chance: the period's open deals decide nothing on their own (the target is out of reach even if all are won, or met whatever happens)."</p>
                    })}
                    {(!s.deciders.is_empty()).then(|| view! {
                        <h3>"Deals that decide it"</h3>
                        <table class="data-table" data-testid="deciders">
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
                </section>
            }
        })
    }
}
