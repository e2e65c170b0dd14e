//! The Dashboard: this period's numbers against target, the forecast by period, pipeline by
//! stage, wins and losses by month, my tasks due this week and the milestones of the next 14 days.

use crate::engine::forecast::{forecast, kpis, period_day};
use crate::engine::periods::{contains, label, next, period_of, previous};
use crate::model::common::plural;
use crate::model::{Money, PeriodKind, ProjectStatus, Stage};
use crate::ui::components::chart::{BarChart, Group};
use crate::ui::components::empty::EmptyState;
use crate::ui::components::figures::percent;
use crate::ui::components::keyed::{key, Row};
use crate::ui::router::{ProjectTab, Route};
use crate::ui::state::{today, use_app};
use chrono::{Datelike, Duration};
use leptos::prelude::*;

/// One row of the forecast table, formatted.
#[derive(Clone, PartialEq)]
struct ForecastRow {
    period: String,
    won: String,
    weighted: String,
    expected: String,
    commit: String,
    best_case: String,
    target: String,
    vs_target: String,
    coverage: String,
    slipped: Vec<(crate::model::ProjectId, String, String)>,
    other_currency: usize,
}

/// Major units for charts: "1.2M", "250k", "900".
fn short_amount(v: f64) -> String {
    if v.abs() >= 1_000_000.0 {
        format!("{:.1}M", v / 1_000_000.0)
    } else if v.abs() >= 1_000.0 {
        format!("{:.0}k", v / 1_000.0)
    } else {
        format!("{v:.0}")
    }
}

/// A forecast's coverage as shown: "2.4×", `met` once the target is reached, "—" without one.
fn coverage(f: &crate::engine::forecast::Forecast, met: &str) -> String {
    if f.target_met {
        met.into()
    } else {
        f.coverage
            .map(|c| format!("{c:.1}×"))
            .unwrap_or_else(|| "—".into())
    }
}

fn count(v: f64) -> String {
    format!("{v:.0}")
}

#[component]
pub fn DashboardScreen() -> impl IntoView {
    let app = use_app();
    let kind = RwSignal::new(PeriodKind::Quarter);
    let has_projects = Memo::new(move |_| {
        app.with(|ws| ws.live_projects().next().is_some())
            .unwrap_or(false)
    });
    let data = Memo::new(move |_| {
        let kind = kind.get();
        let today = today();
        app.with(|ws| {
            let fy = ws.settings.fiscal_year_start_month;
            let currency = ws.settings.currency.clone();
            let period = period_of(kind, today, fy);
            let k = kpis(ws, period, today);
            let scale = 10_f64.powi(currency.minor_digits() as i32);
            let periods = [
                previous(previous(period)),
                previous(period),
                period,
                next(period),
            ];
            let forecasts: Vec<_> = periods.iter().map(|p| forecast(ws, *p, today)).collect();
            let table: Vec<ForecastRow> = periods
                .iter()
                .zip(&forecasts)
                .map(|(p, f)| {
                    let money = |m: i64| Money::new(m, currency.clone()).display();
                    ForecastRow {
                        period: label(*p, fy),
                        won: money(f.won),
                        weighted: money(f.weighted_pipeline),
                        expected: money(f.expected),
                        commit: money(f.commit),
                        best_case: money(f.best_case),
                        target: f.target.map(money).unwrap_or_else(|| "—".into()),
                        vs_target: f
                            .target
                            .map(|t| {
                                format!(
                                    "{:+.0} %",
                                    if t > 0 {
                                        (f.expected - t) as f64 / t as f64 * 100.0
                                    } else {
                                        0.0
                                    }
                                )
                            })
                            .unwrap_or_else(|| "—".into()),
                        coverage: coverage(f, "target met"),
                        slipped: f
                            .slipped
                            .iter()
                            .filter_map(|id| ws.project(*id))
                            .map(|p| {
                                (
                                    p.id,
                                    p.name.clone(),
                                    p.target_date.format("%d %b %Y").to_string(),
                                )
                            })
                            .collect(),
                        other_currency: f.other_currency,
                    }
                })
                .collect();
            let forecast_groups: Vec<Group> = periods
                .iter()
                .zip(&forecasts)
                .map(|(p, f)| Group {
                    label: label(*p, fy),
                    values: vec![f.won as f64 / scale, f.weighted_pipeline as f64 / scale],
                    target: f.target.map(|t| t as f64 / scale),
                })
                .collect();
            let stage_groups: Vec<Group> = Stage::ALL
                .iter()
                .filter(|s| **s != Stage::Closed)
                .map(|s| {
                    let open = ws.live_projects().filter(|p| {
                        p.status.is_open() && p.stage == *s && p.value.currency == currency
                    });
                    let (value, weighted) = open.fold((0i64, 0i64), |(v, w), p| {
                        (
                            v.saturating_add(p.value.minor),
                            w.saturating_add(p.weighted_minor()),
                        )
                    });
                    Group {
                        label: s.label().to_string(),
                        values: vec![value as f64 / scale, weighted as f64 / scale],
                        target: None,
                    }
                })
                .collect();
            let month = period_of(PeriodKind::Month, today, fy);
            let mut months = vec![month];
            for _ in 0..5 {
                months.insert(0, previous(months[0]));
            }
            let won_lost: Vec<Group> = months
                .iter()
                .map(|m| {
                    let closed = ws.live_projects().filter(|p| contains(*m, period_day(p)));
                    let (won, lost) = closed.fold((0, 0), |(w, l), p| match p.status {
                        ProjectStatus::Won => (w + 1, l),
                        ProjectStatus::Lost => (w, l + 1),
                        _ => (w, l),
                    });
                    Group {
                        label: m.start.format("%b").to_string(),
                        values: vec![won as f64, lost as f64],
                        target: None,
                    }
                })
                .collect();
            let me = app.me.get();
            let week_end = {
                let start = ws.settings.week_start;
                let mut d = today;
                while (d + Duration::days(1)).weekday() != start {
                    d += Duration::days(1);
                }
                d
            };
            // Only the shown items are formatted; the lists keep their full length for
            // "and N more".
            let my_tasks: (Vec<AgendaTask>, usize) = me
                .map(|me| {
                    let mut tasks: Vec<_> = ws
                        .tasks
                        .iter()
                        .filter(|t| {
                            t.stamp.deleted_at.is_none() && t.owner == Some(me) && !t.is_done()
                        })
                        .filter(|t| t.due_date.is_some_and(|d| d <= week_end))
                        .filter_map(|t| ws.project(t.project_id).map(|p| (t, p)))
                        .collect();
                    crate::sorting::sort_by_key(&mut tasks, |(t, _)| t.due_date);
                    let all = tasks.len();
                    let shown = tasks
                        .into_iter()
                        .take(AGENDA_SHOWN)
                        .map(|(t, p)| {
                            let due = t.due_date.expect("filtered");
                            (
                                t.title.clone(),
                                p.name.clone(),
                                due.format("%a %d %b").to_string(),
                                due < today,
                                p.id,
                            )
                        })
                        .collect();
                    (shown, all)
                })
                .unwrap_or_default();
            let mut milestones: Vec<_> = ws
                .milestones
                .iter()
                .filter(|m| m.stamp.deleted_at.is_none() && m.completed_on.is_none())
                .filter(|m| {
                    m.due_date
                        .is_some_and(|d| d >= today && d <= today + Duration::days(14))
                })
                .filter_map(|m| {
                    ws.project(m.project_id)
                        .filter(|p| p.status.is_open())
                        .map(|p| (m, p))
                })
                .collect();
            crate::sorting::sort_by_key(&mut milestones, |(m, _)| m.due_date);
            let all_milestones = milestones.len();
            let milestones: Vec<(String, String, String, crate::model::ProjectId)> = milestones
                .into_iter()
                .take(AGENDA_SHOWN)
                .map(|(m, p)| {
                    (
                        m.name.clone(),
                        p.name.clone(),
                        m.due_date
                            .map(|d| d.format("%a %d %b").to_string())
                            .unwrap_or_default(),
                        p.id,
                    )
                })
                .collect();
            let milestones = (milestones, all_milestones);
            (
                label(period, fy),
                k,
                currency,
                forecast_groups,
                stage_groups,
                won_lost,
                me.is_some(),
                my_tasks,
                milestones,
                table,
            )
        })
    });
    view! {
        <div class="page">
            <header class="page-head">
                <div>
                    <h1>"Dashboard"</h1>
                    <p class="muted">{move || data.with(|d| d.as_ref().map(|d| format!("{} · amounts in {}", d.0, d.2))).unwrap_or_default()}</p>
                </div>
                <div class="head-actions">
                    <div class="segmented" role="group" aria-label="Period">
                        {[(PeriodKind::Month, "Month"), (PeriodKind::Quarter, "Quarter"), (PeriodKind::FiscalYear, "Fiscal year")].into_iter().map(|(k, l)| view! {
                            <button aria-pressed=move || (kind.get() == k).to_string() on:click=move |_| kind.set(k)>{l}</button>
                        }).collect_view()}
                    </div>
                    <a class="button" href="#/goals">"Goals and quotas"</a>
                    <a class="button" href="#/win-loss">"Win/loss"</a>
                </div>
            </header>
            <crate::ui::components::setup::SetupChecklist />
            {move || if !has_projects.get() {
                view! {
                    <EmptyState title="Nothing to show yet" message="The dashboard fills in as soon as the workspace has projects.">
                        <a class="button primary" href="#/projects">"Create a project"</a>
                    </EmptyState>
                }.into_any()
            } else {
                let Some((_, k, currency, forecast_groups, stage_groups, won_lost, has_me, my_tasks, milestones, table)) = data.get() else { return ().into_any() };
                let slipped: Vec<(String, crate::model::ProjectId, String, String)> = table.iter().flat_map(|r| r.slipped.iter().map(|(id, n, d)| (r.period.clone(), *id, n.clone(), d.clone()))).collect();
                let other_currency: usize = table.iter().map(|r| r.other_currency).max().unwrap_or(0);
                let money = |m: i64| Money::new(m, currency.clone()).display();
                let attainment = k.target.map(|t| if t > 0 { format!("{:.0} % of {}", k.won as f64 / t as f64 * 100.0, money(t)) } else { "no target".into() });
                view! {
                    <div class="kpis" data-testid="kpis">
                        <div class="kpi" data-testid="kpi-won"><span>"Won this period"</span><strong>{money(k.won)}</strong><small>{attainment.unwrap_or_else(|| "No revenue target set".into())}</small></div>
                        <div class="kpi"><span>"Weighted forecast"</span><strong>{money(k.expected)}</strong><small>"won + open value × probability"</small></div>
                        <div class="kpi"><span>"Win rate"</span><strong>{percent(k.win_rate)}</strong><small>"won ÷ (won + lost) this period"</small></div>
                        <div class="kpi"><span>"Average deal size"</span><strong>{k.average_deal.map(money).unwrap_or_else(|| "—".into())}</strong><small>"of deals won this period"</small></div>
                        <div class="kpi"><span>"Average sales cycle"</span><strong>{k.cycle_days.map(|d| format!("{d:.0} days")).unwrap_or_else(|| "—".into())}</strong><small>"start to close, won deals"</small></div>
                        <div class="kpi"><span>"Open pipeline"</span><strong>{money(k.open_pipeline)}</strong><small>"active and on hold"</small></div>
                    </div>
                    <PeopleNumbers kind=kind />
                    <crate::ui::components::target_chance::TargetChance kind=kind />
                    <AtRiskList />
                    <section class="card forecast-card">
                        <h2 id="forecast-by-period">"Forecast by period"</h2>
                        // Wider than a small window: it scrolls, so the keyboard can reach it.
                        <div class="table-wrap flat" tabindex="0" role="region" aria-labelledby="forecast-by-period">
                            <table class="data-table" data-testid="forecast-table">
                                <thead><tr>
                                    <th scope="col">"Period"</th><th scope="col" class="numeric">"Won"</th><th scope="col" class="numeric">"Weighted pipeline"</th>
                                    <th scope="col" class="numeric">"Expected"</th><th scope="col" class="numeric">"Commit"</th><th scope="col" class="numeric">"Best case"</th>
                                    <th scope="col" class="numeric">"Target"</th><th scope="col" class="numeric">"Expected vs target"</th><th scope="col" class="numeric">"Coverage"</th>
                                </tr></thead>
                                <tbody>
                                    {table.into_iter().map(|r| view! {
                                        <tr>
                                            <th scope="row">{r.period}</th><td class="numeric">{r.won}</td><td class="numeric">{r.weighted}</td><td class="numeric">{r.expected}</td>
                                            <td class="numeric">{r.commit}</td><td class="numeric">{r.best_case}</td><td class="numeric">{r.target}</td>
                                            <td class="numeric">{r.vs_target}</td><td class="numeric">{r.coverage}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <p class="muted small-print">"Commit = won + deals at ≥ 80 % (or set to commit); best case adds 50–79 %. Coverage = open value still to come in the period ÷ what is left of the target."
                            {(other_currency > 0).then(|| format!(" {} in other currencies {} not included.", plural(other_currency, "project", "projects"), if other_currency == 1 { "is" } else { "are" }))}</p>
                        {(!slipped.is_empty()).then(|| view! {
                            <h3>"Slipped deals"</h3>
                            <ul class="agenda" data-testid="slipped">
                                {slipped.iter().take(AGENDA_SHOWN).cloned().map(|(period, id, name, date)| view! {
                                    <li><a href=Route::Project(id, ProjectTab::Overview).href()>{name}</a><span class="muted">{format!("moved out of {period}; now targeted {date}")}</span></li>
                                }).collect_view()}
                            </ul>
                            {more_than_shown(slipped.len())}
                        })}
                    </section>
                    <div class="chart-grid">
                        <section class="card">
                            <h2>"Forecast against target"</h2>
                            <BarChart title="Won and weighted pipeline against target, by period".to_string() x_label="Period" y_label="Value" stacked=true
                                series=vec![("Won", "won"), ("Weighted pipeline", "weighted")] groups=forecast_groups format=short_amount />
                        </section>
                        <section class="card">
                            <h2>"Pipeline by stage"</h2>
                            <BarChart title="Open pipeline value and weighted value by stage".to_string() x_label="Stage" y_label="Value"
                                series=vec![("Value", "value"), ("Weighted", "weighted")] groups=stage_groups format=short_amount />
                        </section>
                        <section class="card">
                            <h2>"Won and lost per month"</h2>
                            <BarChart title="Deals won and lost in each of the last six months".to_string() x_label="Month" y_label="Deals"
                                series=vec![("Won", "won"), ("Lost", "lost")] groups=won_lost format=count />
                        </section>
                        <section class="card">
                            <h2>"My tasks due this week"</h2>
                            {if !has_me {
                                view! { <p class="muted">"Choose who you are on the " <a href="#/team">"Team"</a> " page to see your tasks."</p> }.into_any()
                            } else if my_tasks.0.is_empty() {
                                view! { <p class="muted">"Nothing due this week. "</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="agenda" data-testid="my-tasks">
                                        {my_tasks.0.into_iter().map(|(title, project, due, overdue, pid)| view! {
                                            <li class:overdue=overdue>
                                                <strong>{title}</strong>
                                                <a href=Route::Project(pid, ProjectTab::Overview).href()>{project}</a>
                                                <span class="muted">{if overdue { format!("was due {due}") } else { format!("due {due}") }}</span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                    {more_than_shown(my_tasks.1)}
                                }.into_any()
                            }}
                            <h2 class="subhead">"Milestones in the next 14 days"</h2>
                            {if milestones.0.is_empty() {
                                view! { <p class="muted">"No milestones due in the next two weeks."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="agenda" data-testid="upcoming-milestones">
                                        {milestones.0.into_iter().map(|(name, project, due, pid)| view! {
                                            <li><strong>{name}</strong><a href=Route::Project(pid, ProjectTab::Overview).href()>{project}</a><span class="muted">{due}</span></li>
                                        }).collect_view()}
                                    </ul>
                                    {more_than_shown(milestones.1)}
                                }.into_any()
                            }}
                        </section>
                    </div>
                }.into_any()
            }}
        </div>
    }
}

/// One of my tasks on the dashboard: title, project, due day, overdue, project id.
type AgendaTask = (String, String, String, bool, crate::model::ProjectId);

/// How many tasks, milestones or slipped deals each of the dashboard's lists shows (tasks and
/// milestones soonest due first, slipped deals period by period); a large team's fortnight
/// holds thousands, which would bury the page.
const AGENDA_SHOWN: usize = 10;

/// "and 1,234 more" under a list cut at [`AGENDA_SHOWN`].
fn more_than_shown(all: usize) -> impl IntoView {
    (all > AGENDA_SHOWN).then(|| {
        view! {
            <p class="muted small-print" data-testid="agenda-more">{format!(
                "and {} more",
                crate::model::common::group_thousands((all - AGENDA_SHOWN) as u64)
            )}</p>
        }
    })
}

/// How many at-risk projects the dashboard lists before pointing to the portfolio.
const AT_RISK_SHOWN: usize = 6;

/// Open projects off track or at risk, worst first, with their main reason.
/// One row of the per-person table, as shown.
#[derive(Clone, PartialEq, Hash)]
struct PersonRow {
    member: crate::model::MemberId,
    name: String,
    quota: String,
    won: String,
    commit: String,
    best_case: String,
    gap: String,
    coverage: String,
}

impl Row for PersonRow {
    type Id = crate::model::MemberId;
    fn id(&self) -> crate::model::MemberId {
        self.member
    }
}

/// The gap to the period's target (team or one person) in money and in typical deals, and
/// each person's numbers, with a filter for one person ("my numbers").
#[component]
fn PeopleNumbers(kind: RwSignal<PeriodKind>) -> impl IntoView {
    use crate::engine::forecast::{by_owner, forecast_of, gap, Forecast, Gap};
    let app = use_app();
    // None: the team; Some: one person.
    let who = RwSignal::new(app.me.get_untracked());
    let data = Memo::new(move |_| {
        let (kind, who, today) = (kind.get(), who.get(), today());
        app.with(|ws| {
            let period = period_of(kind, today, ws.settings.fiscal_year_start_month);
            let money = |m: i64| Money::new(m, ws.settings.currency.clone()).display();
            let gap_text = |f: &Forecast, g: &Option<Gap>| -> (String, String) {
                match (f.target, g) {
                    (Some(_), Some(g)) if g.money == 0 => (
                        "none".into(),
                        "the weighted forecast meets the target".into(),
                    ),
                    (Some(_), Some(g)) => (
                        money(g.money),
                        match (g.deals, g.typical_deal) {
                            (Some(n), Some(t)) => format!(
                                "≈ {n} more deal{} of the typical {}",
                                if n == 1 { "" } else { "s" },
                                money(t)
                            ),
                            _ => "no won deals yet to size a typical deal".into(),
                        },
                    ),
                    _ => ("—".into(), "no revenue target set".into()),
                }
            };
            let team = forecast_of(ws, period, today, who);
            let team_gap = gap(ws, &team);
            let headline = gap_text(&team, &team_gap);
            let rows: Vec<PersonRow> = by_owner(ws, period, today)
                .into_iter()
                .filter(|r| who.is_none_or(|w| w == r.member))
                .map(|r| {
                    let f = &r.forecast;
                    PersonRow {
                        member: r.member,
                        name: ws.member_name(Some(r.member)),
                        quota: f.target.map(money).unwrap_or_else(|| "—".into()),
                        won: money(f.won),
                        commit: money(f.commit),
                        best_case: money(f.best_case),
                        gap: gap_text(f, &r.gap).0,
                        coverage: coverage(f, "quota met"),
                    }
                })
                .collect();
            let members = ws.member_names();
            (headline, rows, members)
        })
    });
    let me = app.me;
    move || {
        data.get().map(|((gap_money, gap_note), rows, members)| view! {
        <section class="card people-numbers" data-testid="people-numbers">
            <header class="section-head">
                <h2>{move || if who.get().is_some() { "Gap to quota" } else { "Gap to target" }}</h2>
                <label class="filter">
                    <span class="field-label">"Whose numbers"</span>
                    <select aria-label="Whose numbers" on:change=move |ev| who.set(crate::model::MemberId::parse(&event_target_value(&ev)))>
                        <option value="" selected=move || who.get().is_none()>"The whole team"</option>
                        {members.into_iter().map(|(id, name)| {
                            let label = if me.get_untracked() == Some(id) { format!("My numbers ({name})") } else { name };
                            view! { <option value=id.to_text() selected=move || who.get() == Some(id)>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </header>
            <p class="gap-line" data-testid="gap"><strong>{gap_money}</strong>" "<span class="muted">{gap_note}</span></p>
            {if rows.is_empty() {
                view! { <p class="muted">"Nobody owns a deal in this period yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap flat">
                        <table class="data-table stack" data-testid="owner-table">
                            <thead><tr>
                                <th scope="col">"Owner"</th><th scope="col" class="numeric">"Quota"</th><th scope="col" class="numeric">"Won"</th>
                                <th scope="col" class="numeric">"Commit"</th><th scope="col" class="numeric">"Best case"</th>
                                <th scope="col" class="numeric">"Gap"</th><th scope="col" class="numeric">"Coverage"</th>
                            </tr></thead>
                            <tbody>
                                <For each=move || rows.clone() key=key let:r>
                                    <tr>
                                        <th scope="row">{r.name}</th>
                                        <td data-label="Quota" class="numeric">{r.quota}</td>
                                        <td data-label="Won" class="numeric">{r.won}</td>
                                        <td data-label="Commit" class="numeric">{r.commit}</td>
                                        <td data-label="Best case" class="numeric">{r.best_case}</td>
                                        <td data-label="Gap" class="numeric">{r.gap}</td>
                                        <td data-label="Coverage" class="numeric">{r.coverage}</td>
                                    </tr>
                                </For>
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <p class="muted small-print">"Gap = target − (won + weighted pipeline). A typical deal is the average won deal. Each person's quota is their revenue quota on Goals and quotas."</p>
        </section>
    })
    }
}

#[component]
fn AtRiskList() -> impl IntoView {
    use crate::engine::health::HealthStatus;
    let app = use_app();
    let list = Memo::new(move |_| {
        let all = app.healths();
        app.with(|ws| {
            let mut list: Vec<_> = ws
                .live_projects()
                .filter_map(|p| {
                    let h = all.get(&p.id)?;
                    (h.status != HealthStatus::OnTrack).then(|| {
                        let first = h
                            .reasons
                            .first()
                            .map(|r| r.text.clone())
                            .unwrap_or_default();
                        let more = h.reasons.len().saturating_sub(1);
                        (h.status, p.name.clone(), p.id, first, more)
                    })
                })
                .collect();
            crate::sorting::sort_by(&mut list, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            list
        })
        .unwrap_or_default()
    });
    view! {
        <section class="card at-risk-card" data-testid="at-risk">
            <header class="section-head">
                <h2>{move || format!("At risk ({})", list.with(Vec::len))}</h2>
                <a class="button small" href=Route::Portfolio(Default::default()).href()>"Portfolio health"</a>
            </header>
            {move || if list.with(Vec::is_empty) {
                view! { <p class="muted">"Every open project is on track."</p> }.into_any()
            } else {
                view! {
                    <ul class="agenda">
                        {list.get().into_iter().take(AT_RISK_SHOWN).map(|(status, name, id, first, more)| view! {
                            <li>
                                <crate::ui::components::health::HealthBadge status why=String::new() />
                                <a href=Route::Project(id, ProjectTab::Overview).href()>{name}</a>
                                <span class="muted">{if more > 0 { format!("{first} (+{more} more)") } else { first }}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                    {(list.with(Vec::len) > AT_RISK_SHOWN).then(|| view! {
                        <p class="muted"><a href=Route::Portfolio(Default::default()).href()>{format!("{} more in the portfolio", list.with(Vec::len) - AT_RISK_SHOWN)}</a></p>
                    })}
                }.into_any()
            }}
        </section>
    }
}
