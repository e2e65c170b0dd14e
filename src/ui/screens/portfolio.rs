//! The Portfolio: every open project's health, worst first, with the reasons in plain words
//! and the corrective action for each.

use crate::engine::health::{fix_planned, health, health_of_all, Fix, HealthStatus, Reason};
use crate::model::draft::TaskInput;
use crate::model::{Command, IdSource, ProjectId, TaskId, TaskStatus};
use crate::ui::router::{ProjectTab, Route};
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
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
                                <ReasonList project=r.id reasons=r.reasons />
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

/// The health of one project, for its overview.
#[component]
pub fn HealthCard(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let h = Memo::new(move |_| {
        app.with(|ws| ws.project(id).and_then(|p| health(ws, p, today())))
            .flatten()
    });
    move || {
        h.get().map(|h| view! {
            <section class=format!("card health-card health-{}", h.status.key()) data-testid="project-health">
                <div class="health-head">
                    <h2>"Health"</h2>
                    <span class=format!("badge health-badge health-{}", h.status.key())>{h.status.label()}</span>
                </div>
                {if h.reasons.is_empty() {
                    view! { <p class="muted">"Nothing needs attention."</p> }.into_any()
                } else {
                    view! { <ReasonList project=id reasons=h.reasons /> }.into_any()
                }}
            </section>
        })
    }
}

/// Reasons with their corrective action, each one click away from being a dated task.
#[component]
fn ReasonList(project: ProjectId, reasons: Vec<Reason>) -> impl IntoView {
    let app = use_app();
    let add = move |fix: Fix| {
        let id: TaskId = RandomIds.next();
        let input = TaskInput {
            title: fix.title.clone(),
            owner: fix.owner,
            milestone_id: None,
            due_date: Some(fix.due),
            estimate_hours: 1.0,
            duration_days: 1,
            status: TaskStatus::Todo,
        };
        if app
            .dispatch(Command::AddTask { id, project, input })
            .is_ok()
        {
            app.notify(format!(
                "Task added: “{}”, due {}.",
                fix.title,
                fix.due.format("%a %d %b")
            ));
        }
    };
    view! {
        <ul class="reasons-list">
            {reasons.into_iter().map(|r| {
                let fix = r.fix.clone();
                let planned = {
                    let fix = fix.clone();
                    Memo::new(move |_| app.with(|ws| fix_planned(ws, project, &fix).map(|t| t.due_date)).flatten())
                };
                let owner = app.ws.with_untracked(|ws| ws.as_ref().map(|ws| ws.member_name(fix.owner))).unwrap_or_default();
                view! {
                    <li class=format!("reason reason-{}", r.status.key())>
                        <div>
                            <strong>{r.text}</strong>
                            <span class="muted">{format!(" — {}", r.action)}</span>
                        </div>
                        {move || match planned.get() {
                            Some(due) => view! {
                                <span class="planned">{format!("✓ Task planned{}", due.map(|d| format!(", due {}", d.format("%d %b"))).unwrap_or_default())}</span>
                            }.into_any(),
                            None => {
                                let fix = fix.clone();
                                let label = format!("Make a task: {} ({}, due {})", fix.title, owner, fix.due.format("%a %d %b"));
                                view! {
                                    <button class="button small fix-button" title=label.clone() aria-label=label
                                        on:click=move |_| add(fix.clone())>
                                        {format!("Make it a task · due {}", fix.due.format("%a %d %b"))}
                                    </button>
                                }.into_any()
                            }
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
