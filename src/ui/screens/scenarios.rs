//! What-if: start a scenario (a sandbox of the workspace every screen then shows), compare
//! it with reality — forecast, chance of hitting the target, workload, health — and apply
//! the chosen changes as one undoable step, or discard it. Scenarios are kept in this
//! browser, never in the shared file.

use crate::dates::Written;
use crate::engine::scenario::{check, compare, Comparison, Line, Measure, NAME_CHARS};
use crate::model::common::{group_thousands, plural};
use crate::model::{Currency, Money, PeriodKind};
use crate::ui::components::dialog::Confirm;
use crate::ui::router::Route;
use crate::ui::state::{today, use_app, Action};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The weeks of workload compared.
const WEEKS: usize = 4;

fn show(m: Option<Measure>, currency: &Currency) -> String {
    match m {
        None => "—".into(),
        Some(Measure::Money(minor)) => Money::new(minor, currency.clone()).display(),
        Some(Measure::Share(s)) => format!("{:.0} %", (s * 100.0).round()),
        Some(Measure::Count(n)) => group_thousands(n as u64),
        Some(Measure::Hours { planned, capacity }) if capacity > 0.0 => format!(
            "{planned:.0} h of {capacity:.0} h ({:.0} %)",
            planned / capacity * 100.0
        ),
        Some(Measure::Hours { planned, .. }) => format!("{planned:.0} h, no capacity"),
    }
}

fn signed(n: f64, unit: &str) -> String {
    let sign = if n > 0.0 { "+" } else { "−" };
    format!("{sign}{}{unit}", group_thousands(n.abs().round() as u64))
}

/// Scenario minus reality, in words; empty when equal or not comparable.
fn difference(line: &Line, currency: &Currency) -> String {
    if !line.changed() {
        return String::new();
    }
    match (line.real, line.scenario) {
        (Some(Measure::Money(a)), Some(Measure::Money(b))) => {
            let d = b.saturating_sub(a);
            let text = Money::new(d.saturating_abs(), currency.clone()).display();
            format!("{}{text}", if d > 0 { "+" } else { "−" })
        }
        (Some(Measure::Share(a)), Some(Measure::Share(b))) => signed((b - a) * 100.0, " pts"),
        (Some(Measure::Count(a)), Some(Measure::Count(b))) => signed(b as f64 - a as f64, ""),
        (Some(Measure::Hours { planned: a, .. }), Some(Measure::Hours { planned: b, .. })) => {
            signed(b - a, " h")
        }
        (None, Some(_)) => "new".into(),
        (Some(_), None) => "gone".into(),
        _ => String::new(),
    }
}

fn slug(label: &str) -> String {
    crate::model::common::slug(label)
}

#[component]
pub fn ScenariosScreen() -> impl IntoView {
    let app = use_app();
    view! {
        <div class="page">
            <header class="page-head">
                <div>
                    <h1>"What-if"</h1>
                    <p class="muted">"Try moves on a copy before you commit: move close dates, change probabilities, values or stages, add deals that may come, reassign work. Compare the forecast, the chance of hitting the target, workload and health with reality, then apply what you chose as one step you can undo."</p>
                </div>
            </header>
            {move || match app.open_scenario_id() {
                Some(_) => view! { <OpenScenario /> }.into_any(),
                None => view! { <ScenarioList /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn ScenarioList() -> impl IntoView {
    let app = use_app();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match app.new_scenario(&name.get_untracked()) {
            Ok(()) => {
                app.notify("Scenario started: change deals on any screen; your workspace is untouched until you apply.");
                name.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let discarding = RwSignal::new(None::<(uuid::Uuid, String)>);
    view! {
        <div class="cards">
            <section class="card">
                <h2>"Start a scenario"</h2>
                <form class="scenario-form" on:submit=start>
                    <label class="field">
                        <span class="field-label">"Name"</span>
                        <input type="text" data-testid="scenario-name" maxlength=NAME_CHARS.to_string()
                            placeholder="e.g. Q4 push" prop:value=move || name.get()
                            aria-invalid=move || error.get().is_some().then_some("true")
                            on:input=move |ev| name.set(event_target_value(&ev)) />
                    </label>
                    {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                    <button class="button primary" type="submit" data-testid="start-scenario">"Start scenario"</button>
                </form>
                <p class="muted">"Scenarios stay in this browser. They are not in exported files and are not merged; only what you apply reaches the workspace, and a scenario leaves the browser only when you download it."</p>
            </section>
            <section class="card wide">
                <h2>"Kept scenarios"</h2>
                {move || {
                    let all = app.scenarios.all.get();
                    if all.is_empty() {
                        return view! { <p class="muted" data-testid="no-scenarios">"None yet."</p> }.into_any();
                    }
                    view! {
                        <ul class="plain-list scenario-list" data-testid="scenario-list">
                            {all.into_iter().map(|s| {
                                let (id, label) = (s.id, s.name.clone());
                                let named = s.name.clone();
                                view! {
                                    <li>
                                        <div>
                                            <strong>{s.name.clone()}</strong>
                                            <span class="muted">{format!(" · {} · started {}",
                                                plural(s.steps.len(), "change", "changes"),
                                                s.created_at.with_timezone(&chrono::Local).written("%-d %b %Y"))}</span>
                                        </div>
                                        <div class="button-row">
                                            <button class="button" aria-label=format!("Open scenario {label}")
                                                on:click=move |_| app.open_scenario(id)>"Open"</button>
                                            <button class="button danger" aria-label=format!("Discard scenario {named}")
                                                on:click=move |_| discarding.set(Some((id, named.clone())))>"Discard"</button>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
        {move || discarding.get().map(|(id, name)| view! {
            <Confirm
                title="Discard the scenario?".to_string()
                message=format!("“{name}” and its changes are removed from this browser. Your workspace is not affected.")
                confirm_label="Discard".to_string()
                danger=true
                on_confirm=Callback::new(move |_| { app.discard_scenario(id); discarding.set(None); })
                on_cancel=Callback::new(move |_| discarding.set(None))
            />
        })}
    }
}

#[component]
fn OpenScenario() -> impl IntoView {
    let app = use_app();
    let scenario = Memo::new(move |_| app.scenario());
    view! {
        <div class="cards">
            <ScenarioName scenario />
            <ScenarioCompare />
            <ScenarioChanges scenario />
        </div>
    }
}

/// The open scenario's name, which can be changed.
#[component]
fn ScenarioName(scenario: Memo<Option<crate::engine::scenario::Scenario>>) -> impl IntoView {
    let app = use_app();
    let name = RwSignal::new(scenario.get_untracked().map(|s| s.name).unwrap_or_default());
    let name_error = RwSignal::new(None::<String>);
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = scenario.get_untracked() else {
            return;
        };
        match app.rename_scenario(s.id, &name.get_untracked()) {
            Ok(()) => {
                name_error.set(None);
                app.notify("Scenario renamed.");
            }
            Err(e) => name_error.set(Some(e)),
        }
    };
    view! {
    <section class="card wide" data-testid="scenario-open">
        <h2>{move || scenario.get().map(|s| format!("Scenario “{}”", s.name)).unwrap_or_default()}</h2>
        <p>"Make changes on any screen while the banner shows — drag deals on the "
            <a href=Route::Pipeline(Default::default()).href()>"pipeline"</a>", edit a project, reassign tasks, add a deal that may come — then compare here."</p>
        <form class="scenario-form" on:submit=rename>
            <label class="field">
                <span class="field-label">"Scenario name"</span>
                <input type="text" maxlength=NAME_CHARS.to_string() prop:value=move || name.get()
                    aria-invalid=move || name_error.get().is_some().then_some("true")
                    on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <button class="button" type="submit">"Rename"</button>
            {move || name_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </form>
    </section>
    }
}

/// The forecast, workload and health of the scenario beside the workspace's.
#[component]
fn ScenarioCompare() -> impl IntoView {
    let app = use_app();
    let kind = RwSignal::new(PeriodKind::Quarter);
    let currency = Memo::new(move |_| {
        app.with(|ws| ws.settings.currency.clone())
            .unwrap_or_default()
    });
    let comparison = Memo::new(move |_| -> Option<Comparison> {
        let kind = kind.get();
        app.with_real(|real| app.with(|sandbox| compare(real, sandbox, kind, today(), WEEKS)))
            .flatten()
    });
    let lines_table =
        move |caption: String, lines: Vec<Line>, first: &'static str, testid: &'static str| {
            view! { <LinesTable caption lines first testid currency=currency.get() /> }
        };
    view! {
    <section class="card wide" data-testid="scenario-compare-card">
        <div class="card-head">
            <h2>{move || comparison.with(|c| c.as_ref().map(|c| format!("Forecast · {}", c.period))).unwrap_or_else(|| "Forecast".into())}</h2>
            <label class="field inline-field">
                <span class="field-label">"Period"</span>
                <select data-testid="scenario-period" on:change=move |ev| kind.set(match event_target_value(&ev).as_str() {
                    "month" => PeriodKind::Month,
                    "year" => PeriodKind::FiscalYear,
                    _ => PeriodKind::Quarter,
                })>
                    <option value="month">"This month"</option>
                    <option value="quarter" selected>"This quarter"</option>
                    <option value="year">"This fiscal year"</option>
                </select>
            </label>
        </div>
        {move || comparison.get().map(|c| {
            let count = c.differences();
            let tone = if count > 0 { "callout info" } else { "muted" };
            view! {
                <p data-testid="scenario-differences" class=tone>
                    {if count == 0 {
                        "No difference yet: the scenario matches your workspace.".to_string()
                    } else {
                        format!("{} from your workspace, highlighted.", plural(count, "difference", "differences"))
                    }}
                </p>
                {lines_table(format!("Forecast, {}: workspace and scenario", c.period), c.forecast.clone(), "Measure", "compare-forecast")}
                <h3 class="subhead">{format!("Workload · next {WEEKS} weeks")}</h3>
                {if c.workload.is_empty() {
                    view! { <p class="muted">"No members yet."</p> }.into_any()
                } else {
                    lines_table(format!("Workload over the next {WEEKS} weeks: workspace and scenario"), c.workload.clone(), "Member", "compare-workload").into_any()
                }}
                <h3 class="subhead">"Health"</h3>
                {if c.health.is_empty() {
                    view! { <p class="muted" data-testid="compare-health-same">"No project's health changes."</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list" data-testid="compare-health">
                            {c.health.iter().map(|h| view! {
                                <li class="changed">
                                    <a href=Route::Project(h.project, crate::ui::router::ProjectTab::Overview).href()>{h.name.clone()}</a>
                                    {format!(": {} → {}",
                                        h.real.map_or("not checked", |s| s.label()),
                                        h.scenario.map_or("not checked", |s| s.label()))}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            }
        })}
    </section>
    }
}

/// Lines of a comparison: the workspace's figure, the scenario's and the difference.
#[component]
fn LinesTable(
    caption: String,
    lines: Vec<Line>,
    first: &'static str,
    testid: &'static str,
    currency: crate::model::Currency,
) -> impl IntoView {
    view! {
        <div class="table-wrap flat">
            <table class="data-table compare stack" data-testid=testid>
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>
                    <th scope="col">{first}</th>
                    <th scope="col" class="numeric">"Workspace"</th>
                    <th scope="col" class="numeric">"Scenario"</th>
                    <th scope="col" class="numeric">"Difference"</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|line| {
                        let changed = line.changed();
                        view! {
                            <tr class:changed=changed data-testid=format!("cmp-{}", slug(&line.label))>
                                <th scope="row">{line.label.clone()}</th>
                                <td class="numeric" data-label="Workspace">{show(line.real, &currency)}</td>
                                <td class="numeric" data-label="Scenario">{show(line.scenario, &currency)}</td>
                                <td class="numeric diff" data-label=changed.then_some("Difference")>{difference(&line, &currency)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The scenario's changes, each chosen for applying or left out, and what to do with the
/// scenario.
#[component]
fn ScenarioChanges(scenario: Memo<Option<crate::engine::scenario::Scenario>>) -> impl IntoView {
    let app = use_app();
    // Changes left out of the apply, by position.
    let left_out = RwSignal::new(BTreeSet::<usize>::new());
    let chosen = Memo::new(move |_| {
        let n = scenario.with(|s| s.as_ref().map_or(0, |s| s.steps.len()));
        left_out.with(|out| (0..n).map(|i| !out.contains(&i)).collect::<Vec<bool>>())
    });
    let problems = Memo::new(move |_| {
        let chosen = chosen.get();
        scenario
            .with(|s| {
                s.as_ref()
                    .and_then(|s| app.with_real(|real| check(real, &s.steps, &chosen)))
            })
            .unwrap_or_default()
    });
    let apply = move |_| {
        let chosen = chosen.get_untracked();
        match app.run(Action::ApplyScenario(chosen)) {
            Ok(message) => {
                left_out.set(BTreeSet::new());
                app.notify(message);
            }
            Err(e) => app.notify_error(e.to_string()),
        }
    };
    // Only on request: the scenario as a workspace file of its own, clearly named.
    let downloading = RwSignal::new(false);
    let make = Callback::new(move |_| {
        let s = scenario.get_untracked()?;
        let me = app.me.get_untracked();
        app.with(|ws| {
            let who = me.and_then(|m| ws.member(m)).map(|m| m.name.clone());
            (
                crate::engine::share::scenario_file_name(&s.name, who.as_deref(), today()),
                crate::format::write(ws, crate::ui::state::now()),
            )
        })
    });
    let discarding = RwSignal::new(false);
    view! {
    <section class="card wide" data-testid="scenario-changes">
        <h2>"Changes in this scenario"</h2>
        {move || {
            let Some(s) = scenario.get() else { return ().into_any() };
            if s.steps.is_empty() {
                return view! { <p class="muted">"None yet. Changes you make while the scenario is open are listed here."</p> }.into_any();
            }
            let problems = problems.get();
            let chosen = chosen.get();
            view! {
                <ol class="plain-list change-choices">
                    {s.steps.iter().enumerate().map(|(i, step)| {
                        let problem = problems.get(i).cloned().flatten();
                        let on = chosen.get(i).copied().unwrap_or(false);
                        let flagged = problem.is_some();
                        view! {
                            <li class:problem=flagged>
                                <label class="check-label">
                                    <input type="checkbox" prop:checked=on
                                        data-testid=format!("choose-{i}")
                                        on:change=move |ev| {
                                            let checked = event_target_checked(&ev);
                                            left_out.update(|out| { if checked { out.remove(&i); } else { out.insert(i); } });
                                        } />
                                    <span>{step.label.clone()}</span>
                                </label>
                                {problem.map(|p| view! { <p class="field-error">{format!("Can't apply: {p}")}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        <div class="button-row">
            <button class="button primary" data-testid="apply-scenario"
                disabled=move || !chosen.get().iter().any(|c| *c)
                on:click=apply>
                {move || format!("Apply {} to the workspace", plural(chosen.get().iter().filter(|c| **c).count(), "change", "changes"))}
            </button>
            <button class="button" on:click=move |_| app.close_scenario()>"Close, keep for later"</button>
            <button class="button" data-testid="download-scenario" title="The workspace as this scenario has it, as a file" on:click=move |_| downloading.set(true)>"Download as a file"</button>
            <button class="button danger" data-testid="discard-scenario" on:click=move |_| discarding.set(true)>"Discard scenario"</button>
        </div>
    </section>
    {move || downloading.get().then(|| view! {
        <crate::ui::components::seal::FileOutDialog
            title="Download the scenario as a file".to_string()
            about="The file is the workspace as this scenario has it: opened, it replaces a workspace; merged, it brings the scenario's changes in. Only share it as a scenario.".to_string()
            done="Share it only as a scenario."
            make
            on_close=Callback::new(move |_| downloading.set(false))
        />
    })}
    {move || discarding.get().then(|| view! {
        <Confirm
            title="Discard the scenario?".to_string()
            message="Its changes are removed from this browser. Your workspace is not affected.".to_string()
            confirm_label="Discard".to_string()
            danger=true
            on_confirm=Callback::new(move |_| {
                if let Some(s) = scenario.get_untracked() { app.discard_scenario(s.id); }
                discarding.set(false);
                app.notify("Scenario discarded; your workspace is as it was.");
            })
            on_cancel=Callback::new(move |_| discarding.set(false))
        />
    })}
    }
}
