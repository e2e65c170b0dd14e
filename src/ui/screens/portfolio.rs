//! The Portfolio: every open project's health, worst first, with the reasons in plain words
//! and the corrective action for each.

use crate::engine::health::{health_of_all, HealthStatus, Reason};
use crate::model::ProjectId;
use crate::ui::router::{ProjectTab, Route};
use crate::ui::state::{today, use_app};
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

#[component]
pub fn PortfolioScreen() -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| {
        let today = today();
        app.with(|ws| {
            let mut all = health_of_all(ws, today);
            let mut rows: Vec<Row> = ws
                .live_projects()
                .filter_map(|p| {
                    let h = all.remove(&p.id)?;
                    Some(Row {
                        id: p.id,
                        name: p.name.clone(),
                        owner: ws.member_name(p.owner),
                        stage: p.stage.label(),
                        target: p.target_date.format("%d %b %Y").to_string(),
                        status: h.status,
                        reasons: h.reasons,
                    })
                })
                .collect();
            rows.sort_by(|a, b| b.status.cmp(&a.status).then(a.name.cmp(&b.name)));
            rows
        })
        .unwrap_or_default()
    });
    let count = move |s: HealthStatus| rows.with(|r| r.iter().filter(|x| x.status == s).count());
    view! {
        <div class="page">
            <header class="page-head">
                <div>
                    <h1>"Portfolio"</h1>
                    <p class="muted">"Health of every open project, worst first: what is wrong and what to do about it."</p>
                </div>
                <a class="button" href=Route::Risks.href()>"All risks"</a>
            </header>
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
                        {rows.get().into_iter().map(|r| view! {
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
        </div>
    }
}
