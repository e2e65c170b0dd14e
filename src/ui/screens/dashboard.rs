//! The Dashboard: this period's numbers against target, the forecast by period, pipeline by
//! stage, wins and losses by month, my tasks due this week and the milestones of the next 14 days.

use crate::dates::Written;
use crate::engine::dashboard::{
    coverage, dashboard, kind_name, Bars, Chart, Figure, Fix, Note, PeriodRow, Slipped,
};
use crate::engine::periods::period_of;
use crate::model::common::plural;
use crate::model::{Money, PeriodKind};
use crate::ui::components::chart::{BarChart, Group};
use crate::ui::components::empty::EmptyState;
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::components::reading_line::{NeedsRecords, ReadingLine};
use crate::ui::router::{ProjectTab, Route};
use crate::ui::state::{today, use_app};
use chrono::{Datelike, Duration};
use leptos::prelude::*;

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

fn count(v: f64) -> String {
    format!("{v:.0}")
}

fn groups(bars: Vec<Bars>) -> Vec<Group> {
    bars.into_iter()
        .map(|b| Group {
            label: b.label,
            values: b.values,
            target: b.target,
        })
        .collect()
}

/// The link or button a note's fix is drawn as; `Show` switches the period shown.
fn fix_view(fix: Option<Fix>, kind: RwSignal<PeriodKind>) -> impl IntoView {
    fix.map(|f| match f {
        Fix::Goals => view! { <a href=Route::Goals.href()>"Goals and quotas"</a> }.into_any(),
        Fix::Projects => view! { <a href="#/projects">"Projects"</a> }.into_any(),
        Fix::Team => view! { <a href="#/team">"Team"</a> }.into_any(),
        Fix::Show(k) => view! {
            <button class="link-button" on:click=move |_| kind.set(k)>{format!("Show the {}", kind_name(k))}</button>
        }
        .into_any(),
    })
}

/// A note under (or in place of) a chart or table: why it is empty and what would fill it.
fn note_view(
    note: Option<Note>,
    kind: RwSignal<PeriodKind>,
    testid: &'static str,
) -> impl IntoView {
    note.map(|n| {
        view! {
            <p class="muted empty-why" data-testid=testid>{n.text}" "{fix_view(n.fix, kind)}</p>
        }
    })
}

/// A chart, or why it has nothing to draw in its place.
fn chart_view(
    chart: Chart,
    kind: RwSignal<PeriodKind>,
    testid: &'static str,
    draw: impl FnOnce(Vec<Group>) -> AnyView,
) -> impl IntoView {
    let bars = groups(chart.bars);
    view! {
        {chart.drawn.then(|| draw(bars))}
        {note_view(chart.note, kind, testid)}
    }
}

fn figure_view(f: Figure, kind: RwSignal<PeriodKind>) -> impl IntoView {
    let testid = match f.name {
        "Won this period" => "kpi-won",
        "Weighted forecast" => "kpi-expected",
        "Win rate" => "kpi-win-rate",
        "Average deal size" => "kpi-average-deal",
        "Average sales cycle" => "kpi-cycle",
        _ => "kpi-pipeline",
    };
    view! {
        <div class="kpi" data-testid=testid data-explained=f.explained.to_string()>
            <span>{f.name}</span><strong>{f.value}</strong>
            <small>{f.line}" "{fix_view(f.fix, kind)}</small>
        </div>
    }
}

#[component]
pub fn DashboardScreen() -> impl IntoView {
    let app = use_app();
    let kind = RwSignal::new(PeriodKind::Quarter);
    // While the records are read the figures, forecast and charts come from the index
    // (`AppState::with_projects`); what needs tasks or health says it follows.
    let has_projects = Memo::new(move |_| {
        app.with_projects(|ws| ws.live_projects().next().is_some())
            .unwrap_or(false)
    });
    let data = Memo::new(move |_| app.with_projects(|ws| dashboard(ws, kind.get(), today())));
    view! {
        <div class="page">
            <header class="page-head">
                <div>
                    <h1>"Dashboard"</h1>
                    <p class="muted">{move || data.with(|d| d.as_ref().map(|d| format!("{} · amounts in {}", d.period, d.currency))).unwrap_or_default()}</p>
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
            {move || app.is_opening().then(|| view! { <ReadingLine /> })}
            <crate::ui::components::setup::SetupChecklist />
            {move || if !has_projects.get() {
                view! {
                    <EmptyState title="Nothing to show yet" message="The dashboard fills in as soon as the workspace has projects.">
                        <a class="button primary" href="#/projects">"Create a project"</a>
                    </EmptyState>
                }.into_any()
            } else {
                let Some(d) = data.get() else { return ().into_any() };
                view! {
                    <div class="kpis" data-testid="kpis">
                        {d.figures.into_iter().map(|f| figure_view(f, kind)).collect_view()}
                    </div>
                    <PeopleNumbers kind=kind why=d.people_note />
                    <crate::ui::components::target_chance::TargetChance kind=kind />
                    <AtRiskList />
                    <ForecastTable rows=d.rows note=d.rows_note slipped=d.slipped other_currency=d.other_currency kind=kind />
                    <div class="chart-grid">
                        <section class="card">
                            <h2>"Forecast against target"</h2>
                            {chart_view(d.forecast, kind, "forecast-chart-why", |g| view! {
                                <BarChart title="Won and weighted pipeline against target, by period".to_string() x_label="Period" y_label="Value" stacked=true
                                    series=vec![("Won", "won"), ("Weighted pipeline", "weighted")] groups=g format=short_amount />
                            }.into_any())}
                        </section>
                        <section class="card">
                            <h2>"Pipeline by stage"</h2>
                            {chart_view(d.stages, kind, "stage-chart-why", |g| view! {
                                <BarChart title="Open pipeline value and weighted value by stage".to_string() x_label="Stage" y_label="Value"
                                    series=vec![("Value", "value"), ("Weighted", "weighted")] groups=g format=short_amount />
                            }.into_any())}
                        </section>
                        <section class="card">
                            <h2>"Won and lost per month"</h2>
                            {chart_view(d.won_lost, kind, "won-lost-why", |g| view! {
                                <BarChart title="Deals won and lost in each of the last six months".to_string() x_label="Month" y_label="Deals"
                                    series=vec![("Won", "won"), ("Lost", "lost")] groups=g format=count />
                            }.into_any())}
                        </section>
                        <Agenda />
                    </div>
                }.into_any()
            }}
        </div>
    }
}

/// The forecast by period from the current one on, the deals that slipped out of recent
/// periods, and what the table leaves out.
#[component]
fn ForecastTable(
    rows: Vec<PeriodRow>,
    note: Option<Note>,
    slipped: Vec<Slipped>,
    other_currency: usize,
    kind: RwSignal<PeriodKind>,
) -> impl IntoView {
    let slipped_count = slipped.len();
    view! {
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
                        {rows.into_iter().map(|r| view! {
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
            {note_view(note, kind, "forecast-table-why")}
            {(!slipped.is_empty()).then(|| view! {
                <h3>"Slipped deals"</h3>
                <ul class="agenda" data-testid="slipped">
                    {slipped.into_iter().take(AGENDA_SHOWN).map(|s| view! {
                        <li><a href=Route::Project(s.id, ProjectTab::Overview).href()>{s.name}</a><span class="muted">{format!("moved out of {}; now targeted {}", s.period, s.now)}</span></li>
                    }).collect_view()}
                </ul>
                {more_than_shown(slipped_count)}
            })}
        </section>
    }
}

/// My tasks due this week and the milestones of the next 14 days.
#[component]
fn Agenda() -> impl IntoView {
    let app = use_app();
    let data = Memo::new(move |_| {
        let me = app.me.get();
        app.with(|ws| {
            (
                me.is_some(),
                my_tasks(ws, me, today()),
                upcoming(ws, today()),
            )
        })
    });
    move || {
        if app.is_opening() {
            return Some(view! {
                <section class="card">
                    <h2>"My tasks due this week"</h2>
                    <NeedsRecords what="Your tasks due this week and the milestones of the next 14 days" />
                </section>
            }.into_any());
        }
        let (has_me, my_tasks, milestones) = data.get()?;
        Some(view! {
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
        }.into_any())
    }
}

/// The member's open tasks due by the end of this week, soonest first: the shown ones
/// formatted, and how many there are in all.
fn my_tasks(
    ws: &crate::model::Workspace,
    me: Option<crate::model::MemberId>,
    today: chrono::NaiveDate,
) -> (Vec<AgendaTask>, usize) {
    let Some(me) = me else {
        return Default::default();
    };
    let week_end = {
        let start = ws.settings.week_start;
        let mut d = today;
        while (d + Duration::days(1)).weekday() != start {
            d += Duration::days(1);
        }
        d
    };
    let mut tasks: Vec<_> = ws
        .tasks
        .iter()
        .filter(|t| t.stamp.deleted_at.is_none() && t.owner == Some(me) && !t.is_done())
        .filter_map(|t| Some((t, t.due_date.filter(|d| *d <= week_end)?)))
        .filter_map(|(t, due)| ws.project(t.project_id).map(|p| (t, p, due)))
        .collect();
    crate::sorting::sort_by_key(&mut tasks, |(_, _, due)| *due);
    let all = tasks.len();
    let shown = tasks
        .into_iter()
        .take(AGENDA_SHOWN)
        .map(|(t, p, due)| {
            (
                t.title.clone(),
                p.name.clone(),
                due.written("%a %d %b").to_string(),
                due < today,
                p.id,
            )
        })
        .collect();
    (shown, all)
}

/// Open projects' open milestones due in the next 14 days, soonest first.
fn upcoming(
    ws: &crate::model::Workspace,
    today: chrono::NaiveDate,
) -> (
    Vec<(String, String, String, crate::model::ProjectId)>,
    usize,
) {
    let horizon = today + Duration::days(14);
    let mut milestones: Vec<_> = ws
        .milestones
        .iter()
        .filter(|m| m.stamp.deleted_at.is_none() && m.completed_on.is_none())
        .filter_map(|m| Some((m, m.due_date.filter(|d| *d >= today && *d <= horizon)?)))
        .filter_map(|(m, due)| {
            ws.project(m.project_id)
                .filter(|p| p.status.is_open())
                .map(|p| (m, p, due))
        })
        .collect();
    crate::sorting::sort_by_key(&mut milestones, |(_, _, due)| *due);
    let all = milestones.len();
    let shown = milestones
        .into_iter()
        .take(AGENDA_SHOWN)
        .map(|(m, p, due)| {
            (
                m.name.clone(),
                p.name.clone(),
                due.written("%a %d %b").to_string(),
                p.id,
            )
        })
        .collect();
    (shown, all)
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
fn PeopleNumbers(kind: RwSignal<PeriodKind>, why: Note) -> impl IntoView {
    use crate::engine::forecast::{by_owner, forecast_of, gap, Forecast, Gap};
    let app = use_app();
    // None: the team; Some: one person.
    let who = RwSignal::new(app.me.get_untracked());
    let data = Memo::new(move |_| {
        let (kind, who, today) = (kind.get(), who.get(), today());
        app.with_projects(|ws| {
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
                match who.get_untracked() {
                    None => note_view(Some(why.clone()), kind, "people-why").into_any(),
                    Some(_) => view! { <p class="muted" data-testid="people-why">"No deal of theirs closes in this period, and they have no quota for it."</p> }.into_any(),
                }
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
                                <Rows each=move || rows.clone() key=key let:r>
                                    <tr>
                                        <th scope="row">{r.name}</th>
                                        <td data-label="Quota" class="numeric">{r.quota}</td>
                                        <td data-label="Won" class="numeric">{r.won}</td>
                                        <td data-label="Commit" class="numeric">{r.commit}</td>
                                        <td data-label="Best case" class="numeric">{r.best_case}</td>
                                        <td data-label="Gap" class="numeric">{r.gap}</td>
                                        <td data-label="Coverage" class="numeric">{r.coverage}</td>
                                    </tr>
                                </Rows>
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
                <h2>{move || if app.is_opening() { "At risk".to_string() } else { format!("At risk ({})", list.with(Vec::len)) }}</h2>
                <a class="button small" href=Route::Portfolio(Default::default()).href()>"Portfolio health"</a>
            </header>
            {move || if app.is_opening() {
                view! { <NeedsRecords what="Health" /> }.into_any()
            } else if list.with(Vec::is_empty) {
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
