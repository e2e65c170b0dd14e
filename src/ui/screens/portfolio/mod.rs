//! The Portfolio: every open project's health, worst first, with the reasons in plain words
//! and the corrective action for each; and budget against spend against return for every
//! proposed, open and won project, with totals.

pub mod governance;
pub mod intake;

use crate::engine::health::{HealthStatus, Reason};
use crate::engine::portfolio::{portfolio_money, project_money};
use crate::model::common::plural;
use crate::model::ProjectId;
use crate::ui::components::figures::{money, percent};
use crate::ui::components::filter_select::FilterSelect;
use crate::ui::router::{replace_route, use_route, ListQuery, ProjectTab, Route};
use crate::ui::state::use_app;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
struct Row {
    id: ProjectId,
    name: String,
    owner: String,
    stage: &'static str,
    target: String,
    status: HealthStatus,
    reasons: Vec<Reason>,
}

#[derive(Clone, PartialEq)]
struct MoneyRow {
    id: ProjectId,
    name: String,
    status: &'static str,
    budget: String,
    spent: String,
    used: String,
    over: bool,
    ret: String,
    roi: String,
    sort: i64,
}

/// How many rows a portfolio list draws before "Show more".
pub const PAGE: usize = 50;

/// "Show more (N not shown)" under a list of `total` rows that draws `shown`.
pub fn more_button(total: usize, shown: RwSignal<usize>) -> Option<impl IntoView> {
    (total > shown.get()).then(|| {
        view! {
            <button class="button show-more" on:click=move |_| shown.update(|n| *n += PAGE)>
                {format!("Show more ({} not shown)", total - shown.get_untracked())}
            </button>
        }
    })
}

/// Whether a project passes the portfolio's filters (owner, kind, focus area, status).
pub fn keep(p: &crate::model::Project, q: &ListQuery) -> bool {
    (q.status.is_empty() || p.status.key() == q.status)
        && (q.kind.is_empty() || p.kind.key() == q.kind)
        && (q.focus.is_empty() || p.focus_area.trim().eq_ignore_ascii_case(q.focus.trim()))
        && match q.owner.as_str() {
            "" => true,
            "none" => p.owner.is_none(),
            id => p.owner.map(|o| o.to_text()).as_deref() == Some(id),
        }
}

#[component]
pub fn PortfolioScreen() -> impl IntoView {
    let app = use_app();
    let route = use_route();
    let query = Memo::new(move |_| match route.get() {
        Route::Portfolio(q) => q,
        _ => ListQuery::default(),
    });
    let rows = Memo::new(move |_| {
        let q = query.get();
        let all = app.healths();
        app.with(|ws| health_rows(ws, &q, &all)).unwrap_or_default()
    });
    let health_shown = RwSignal::new(PAGE);
    let money_shown = RwSignal::new(PAGE);
    let count = move |s: HealthStatus| rows.with(|r| r.iter().filter(|x| x.status == s).count());
    let money_rows = Memo::new(move |_| {
        let q = query.get();
        app.with(|ws| money_table(ws, &q))
    });
    view! {
        <div class="page">
            <header class="page-head">
                <div>
                    <h1>"Portfolio"</h1>
                    <p class="muted">"What to take on, how the open projects are doing, and whether the money comes back."</p>
                </div>
                <div class="head-actions">
                    <a class="button" href=Route::Workload.href()>"Team workload"</a>
                    <a class="button" href=Route::Risks.href()>"All risks"</a>
                </div>
            </header>
            <PortfolioToolbar query />
            <intake::Ranking query=Signal::from(query) />
            <h2 class="section-title">"Health of open projects"</h2>
            <div class="kpis health-counts" data-testid="health-counts">
                {[HealthStatus::OffTrack, HealthStatus::AtRisk, HealthStatus::OnTrack].into_iter().map(|s| view! {
                    <div class=format!("kpi health-{}", s.key())><span>{s.label()}</span><strong>{move || count(s)}</strong><small>"open projects"</small></div>
                }).collect_view()}
            </div>
            {move || if rows.with(|r| r.is_empty()) {
                view! { <p class="empty-state">"No open projects. Health is shown for active and on-hold projects."</p> }.into_any()
            } else {
                view! {
                    <ul class="health-list" data-testid="health-list">
                        {rows.with(|r| r.iter().take(health_shown.get()).cloned().collect::<Vec<_>>()).into_iter().map(|r| view! {
                            <li class=format!("card health-card health-{}", r.status.key())>
                                <div class="health-head">
                                    <a href=Route::Project(r.id, ProjectTab::Overview).href()><strong>{r.name.clone()}</strong></a>
                                    <span class=format!("badge health-badge health-{}", r.status.key())>{r.status.label()}</span>
                                </div>
                                <p class="muted">{format!("{} · {} · target {}", r.owner, r.stage, r.target)}</p>
                                <crate::ui::components::health_card::ReasonList project=r.id reasons=r.reasons />
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {move || more_button(rows.with(Vec::len), health_shown)}
            {move || money_rows.get().map(|(rows, t, currency)| view! {
                <section class="section" data-testid="portfolio-money">
                    <header class="section-head">
                        <div>
                            <h2>"Budget, spend and return"</h2>
                            <p class="muted">"Proposed, open and won projects. Return is the value won, or expected if won; ROI = (return − spend) ÷ spend."</p>
                        </div>
                    </header>
                    <div class="kpis">
                        <div class="kpi"><span>"Budgets"</span><strong>{money(t.budget, &currency)}</strong></div>
                        <div class="kpi"><span>"Spent"</span><strong>{money(t.spent, &currency)}</strong></div>
                        <div class="kpi"><span>"Return"</span><strong>{money(t.expected_return, &currency)}</strong><small>{format!("{} won", money(t.won_return, &currency))}</small></div>
                        <div class="kpi"><span>"ROI"</span><strong>{percent(t.roi())}</strong><small>{format!("cost of sale {}", percent(t.cost_of_sale()))}</small></div>
                    </div>
                    {(t.other_currency > 0).then(|| view! { <p class="muted">{format!("{} in other currencies {} listed but not in the totals.", plural(t.other_currency, "project", "projects"), if t.other_currency == 1 { "is" } else { "are" })}</p> })}
                    <div class="table-wrap">
                        <table class="data-table stack">
                            <thead><tr>
                                <th scope="col">"Project"</th><th scope="col">"Status"</th><th scope="col" class="numeric">"Budget"</th>
                                <th scope="col" class="numeric">"Spent"</th><th scope="col" class="numeric">"Of budget"</th>
                                <th scope="col" class="numeric">"Return"</th><th scope="col" class="numeric">"ROI"</th>
                            </tr></thead>
                            <tbody>
                                {rows.iter().take(money_shown.get()).cloned().collect::<Vec<_>>().into_iter().map(|r| view! {
                                    <tr>
                                        <th scope="row"><a href=Route::Project(r.id, ProjectTab::Budget).href()>{r.name}</a></th>
                                        <td data-label="Status">{r.status}</td>
                                        <td data-label="Budget" class="numeric">{r.budget}</td>
                                        <td data-label="Spent" class="numeric">{r.spent}</td>
                                        <td data-label="Of budget" class="numeric" class:overdue=r.over>{r.used}</td>
                                        <td data-label="Return" class="numeric">{r.ret}</td>
                                        <td data-label="ROI" class="numeric">{r.roi}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {more_button(rows.len(), money_shown)}
                </section>
            })}
            <governance::Governance />
        </div>
    }
}

/// The filters, kept in the route.
#[component]
fn PortfolioToolbar(query: Memo<ListQuery>) -> impl IntoView {
    let app = use_app();
    let set_query = move |f: &dyn Fn(&mut ListQuery)| {
        let mut q = query.get_untracked();
        f(&mut q);
        replace_route(&Route::Portfolio(q));
    };
    view! {
    <div class="toolbar" role="group" aria-label="Filter the portfolio" data-testid="portfolio-filters">
        <FilterSelect label="Owner" value=Signal::derive(move || query.with(|q| q.owner.clone()))
            options=Signal::derive(move || {
                let mut o = vec![(String::new(), "All owners".to_string()), ("none".into(), "Unassigned".into())];
                app.with(|ws| o.extend(ws.live_members().map(|m| (m.id.to_text(), m.name.clone()))));
                o
            })
            on_change=Callback::new(move |v: String| set_query(&|q| q.owner = v.clone())) />
        <FilterSelect label="Kind" value=Signal::derive(move || query.with(|q| q.kind.clone()))
            options=Signal::derive(|| {
                let mut o = vec![(String::new(), "All kinds".to_string())];
                o.extend(crate::model::ProjectKind::ALL.iter().map(|k| (k.key().to_string(), k.label().to_string())));
                o
            })
            on_change=Callback::new(move |v: String| set_query(&|q| q.kind = v.clone())) />
        <FilterSelect label="Focus area" value=Signal::derive(move || query.with(|q| q.focus.clone()))
            options=Signal::derive(move || {
                let mut areas: Vec<String> = app.with(|ws| ws.live_projects().map(|p| p.focus_area.trim().to_string()).filter(|a| !a.is_empty()).collect()).unwrap_or_default();
                crate::sorting::sort(&mut areas);
                areas.dedup();
                let mut o = vec![(String::new(), "All focus areas".to_string())];
                o.extend(areas.into_iter().map(|a| (a.clone(), a)));
                o
            })
            on_change=Callback::new(move |v: String| set_query(&|q| q.focus = v.clone())) />
        <FilterSelect label="Status" value=Signal::derive(move || query.with(|q| q.status.clone()))
            options=Signal::derive(|| {
                let mut o = vec![(String::new(), "All statuses".to_string())];
                o.extend(crate::model::ProjectStatus::ALL.iter().map(|s| (s.key().to_string(), s.label().to_string())));
                o
            })
            on_change=Callback::new(move |v: String| set_query(&|q| q.status = v.clone())) />
        {move || (query.get() != ListQuery::default()).then(|| view! {
            <button class="button subtle" on:click=move |_| replace_route(&Route::Portfolio(ListQuery::default()))>"Clear filters"</button>
        })}
    </div>
    }
}

/// Open projects the filters keep, worst health first.
fn health_rows(
    ws: &crate::model::Workspace,
    q: &ListQuery,
    all: &std::collections::HashMap<ProjectId, crate::engine::health::Health>,
) -> Vec<Row> {
    let mut rows: Vec<Row> = ws
        .live_projects()
        .filter(|p| keep(p, q))
        .filter_map(|p| {
            let h = all.get(&p.id)?;
            Some(Row {
                id: p.id,
                name: p.name.clone(),
                owner: ws.member_name(p.owner),
                stage: p.stage.label(),
                target: crate::model::day(p.target_date).to_string(),
                status: h.status,
                reasons: h.reasons.clone(),
            })
        })
        .collect();
    crate::sorting::sort_by(&mut rows, |a, b| {
        b.status.cmp(&a.status).then(a.name.cmp(&b.name))
    });
    rows
}

/// Budget, spend and return of every project that is not lost or cancelled, biggest
/// spend first, with the portfolio's totals in the workspace's currency.
fn money_table(
    ws: &crate::model::Workspace,
    q: &ListQuery,
) -> (
    Vec<MoneyRow>,
    crate::engine::portfolio::PortfolioMoney,
    crate::model::Currency,
) {
    let projects: Vec<_> = ws
        .live_projects()
        .filter(|p| keep(p, q))
        .filter(|p| {
            !matches!(
                p.status,
                crate::model::ProjectStatus::Lost | crate::model::ProjectStatus::Cancelled
            )
        })
        .collect();
    let totals = portfolio_money(ws, projects.iter().copied());
    let mut rows: Vec<MoneyRow> = projects
        .iter()
        .map(|p| {
            let m = project_money(ws, p);
            let over = m.over_budget(ws.settings.health.budget_percent);
            MoneyRow {
                id: p.id,
                name: p.name.clone(),
                status: p.status.label(),
                budget: m
                    .budget
                    .map(|b| money(b, &m.currency))
                    .unwrap_or_else(|| "—".into()),
                spent: money(m.spent, &m.currency),
                used: percent(m.used()),
                over,
                ret: money(m.expected_return, &m.currency),
                roi: percent(m.roi),
                sort: m.spent,
            }
        })
        .collect();
    crate::sorting::sort_by(&mut rows, |a, b| {
        b.sort.cmp(&a.sort).then(a.name.cmp(&b.name))
    });
    (rows, totals, ws.settings.currency.clone())
}
