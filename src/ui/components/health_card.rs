//! A project's health with its reasons and one-click fixes (project page and portfolio).

use crate::dates::Written;
use crate::engine::health::{fix_planned, health, Fix, Reason};
use crate::model::PlanCommand;
use crate::model::TaskInput;
use crate::model::{IdSource, ProjectId, TaskId, TaskStatus};
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;

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
pub fn ReasonList(project: ProjectId, reasons: Vec<Reason>) -> impl IntoView {
    let app = use_app();
    let add = move |fix: Fix| {
        let id: TaskId = RandomIds.next();
        let input = TaskInput {
            reminders: Vec::new(),
            recurrence: None,
            title: fix.title.clone(),
            owner: fix.owner,
            milestone_id: None,
            due_date: Some(fix.due),
            estimate_hours: 1.0,
            duration_days: 1,
            status: TaskStatus::Todo,
            with_client: false,
            client_owner: None,
        };
        if app
            .dispatch(PlanCommand::AddTask { id, project, input })
            .is_ok()
        {
            app.notify(format!(
                "Task added: “{}”, due {}.",
                fix.title,
                fix.due.written("%a %d %b")
            ));
        }
    };
    view! {
        <ul class="reasons-list">
            {reasons.into_iter().map(|r| {
                let fix = r.fix.clone();
                // The fix's task, open or done: (done, due or done day).
                let planned = {
                    let fix = fix.clone();
                    Memo::new(move |_| {
                        app.with(|ws| fix_planned(ws, project, &fix).map(|t| (t.is_done(), if t.is_done() { t.completed_on } else { t.due_date })))
                            .flatten()
                    })
                };
                let owner = app.shown().with_untracked(|ws| ws.as_ref().map(|ws| ws.member_name(fix.owner))).unwrap_or_default();
                view! {
                    <li class=format!("reason reason-{}", r.status.key())>
                        <div>
                            <strong>{r.text}</strong>
                            <span class="muted">{format!(" — {}", r.action)}</span>
                            <span class="clears">{r.clears}</span>
                        </div>
                        {move || match planned.get() {
                            Some((false, due)) => view! {
                                <span class="planned">{format!("✓ Task planned{}", due.map(|d| format!(", due {}", d.written("%d %b"))).unwrap_or_default())}</span>
                            }.into_any(),
                            Some((true, done)) => view! {
                                <span class="planned still" data-testid="fix-done-still">{format!("Task done{} — the reason still holds", done.map(|d| format!(" {}", d.written("%d %b"))).unwrap_or_default())}</span>
                            }.into_any(),
                            None => {
                                let fix = fix.clone();
                                let shown = format!("Make it a task · due {}", fix.due.written("%a %d %b"));
                                // The name starts with the words on the button (WCAG 2.5.3).
                                let label = format!("{shown}: {} ({owner})", fix.title);
                                view! {
                                    <button class="button small fix-button" title=label.clone() aria-label=label
                                        on:click=move |_| add(fix.clone())>
                                        {shown}
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
