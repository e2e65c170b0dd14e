//! The Workload screen: each member's planned hours against capacity for the next 12 weeks,
//! over-allocation highlighted with the projects causing it; choosing a week lists its tasks
//! and hands one to a teammate with room in one (undoable) step. The grid is a table, so a
//! screen reader reads it as one.

use crate::dates::Written;
use crate::engine::workload::{workload, Cell, Workload};
use crate::model::PlanCommand;
use crate::model::{MemberId, TaskId};
use crate::ui::router::{ProjectTab, Route};
use crate::ui::state::{today, use_app};
use leptos::prelude::*;

/// How many weeks the screen shows.
const WEEKS: usize = 12;

#[derive(Clone, PartialEq)]
struct TaskRow {
    id: TaskId,
    title: String,
    project: crate::model::ProjectId,
    project_name: String,
    hours: f64,
}

fn hours(h: f64) -> String {
    format!("{h:.0}")
}

#[component]
pub fn WorkloadScreen() -> impl IntoView {
    let app = use_app();
    let load = Memo::new(move |_| app.with(|ws| workload(ws, today(), WEEKS)));
    let names = Memo::new(move |_| {
        app.with(|ws| {
            ws.live_members()
                .map(|m| (m.id, (m.name.clone(), m.skills.join(", "))))
                .collect::<std::collections::HashMap<_, _>>()
        })
        .unwrap_or_default()
    });
    let picked = RwSignal::new(None::<(MemberId, usize)>);
    view! {
        <div class="page">
            <nav class="breadcrumbs" aria-label="Breadcrumb"><a href=Route::Team.href()>"Team"</a><span aria-hidden="true">" / "</span><span>"Workload"</span></nav>
            <header class="page-head">
                <div>
                    <h1>"Workload"</h1>
                    <p class="muted">"Planned hours against capacity, week by week: each open task's estimate spread over its working days. Time off lowers capacity. Choose a week to see its tasks and hand work to someone with room."</p>
                </div>
            </header>
            {move || load.get().map(|l| {
                let team = l.team();
                let weeks = l.weeks.clone();
                view! {
                    <div class="table-wrap workload-wrap">
                        <table class="data-table workload" data-testid="workload">
                            <caption class="visually-hidden">"Planned hours / capacity per member and week"</caption>
                            <thead><tr>
                                <th scope="col">"Member"</th>
                                {weeks.iter().map(|w| view! { <th scope="col" class="numeric">{w.written("%d %b").to_string()}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {l.members.into_iter().map(|(m, cells)| {
                                    let (name, skills) = names.with(|n| n.get(&m).cloned()).unwrap_or_default();
                                    view! {
                                        <tr>
                                            <th scope="row">{name.clone()}{(!skills.is_empty()).then(|| view! { <span class="kind">{skills}</span> })}</th>
                                            {cells.into_iter().enumerate().map(|(w, c)| {
                                                let over = c.over();
                                                let away = c.capacity == 0.0;
                                                // Read aloud as "Maya, week of 30 Nov: 12/40 hours, over capacity";
                                                // the visible figures are part of the name (WCAG 2.5.3).
                                                let before = format!("{name}, week of {}: ", weeks[w].written("%d %b"));
                                                let after = format!(" hours{}", if over { ", over capacity" } else { "" });
                                                view! {
                                                    <td class="numeric load-cell" class:over=over class:away=away class:idle=c.planned == 0.0>
                                                        <button class="cell-button" aria-pressed=move || (picked.get() == Some((m, w))).to_string()
                                                            on:click=move |_| picked.update(|p| *p = if *p == Some((m, w)) { None } else { Some((m, w)) })>
                                                            <span class="visually-hidden">{before}</span>
                                                            {format!("{}/{}", hours(c.planned), hours(c.capacity))}
                                                            <span class="visually-hidden">{after}</span>
                                                        </button>
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                            <tfoot><tr>
                                <th scope="row">"Team"</th>
                                {team.into_iter().map(|(p, c)| {
                                    let over = p > c;
                                    let text = if c > 0.0 { format!("{:.0} %", p / c * 100.0) } else { "—".to_string() };
                                    view! { <td class="numeric" class:over=over>{text}</td> }
                                }).collect_view()}
                            </tr></tfoot>
                        </table>
                    </div>
                }
            })}
            {move || picked.get().map(|(m, w)| view! { <WeekPanel load member=m week=w on_close=Callback::new(move |_| picked.set(None)) /> })}
        </div>
    }
}

/// One member's week: its tasks, and who has room to take one.
#[component]
fn WeekPanel(
    load: Memo<Option<Workload>>,
    member: MemberId,
    week: usize,
    on_close: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    // The screen's workload, not a second computation of it.
    let data = Memo::new(move |_| {
        let l = load.get()?;
        app.with(|ws| {
            let cell: Cell = l.cell(member, week)?.clone();
            let start = *l.weeks.get(week)?;
            let mut tasks: Vec<TaskRow> = cell
                .tasks
                .iter()
                .filter_map(|t| {
                    let task = ws.tasks.get(t.task.0)?;
                    Some(TaskRow {
                        id: t.task,
                        title: task.title.clone(),
                        project: t.project,
                        project_name: ws
                            .project(t.project)
                            .map(|p| p.name.clone())
                            .unwrap_or_default(),
                        hours: t.hours,
                    })
                })
                .collect();
            crate::sorting::sort_by(&mut tasks, |a, b| b.hours.total_cmp(&a.hours));
            // Teammates by room that week, most first.
            let mut room: Vec<(MemberId, String, f64)> = l
                .members
                .iter()
                .filter(|(m, _)| *m != member)
                .map(|(m, cells)| (*m, ws.member_name(Some(*m)), cells[week].room()))
                .collect();
            crate::sorting::sort_by(&mut room, |a, b| b.2.total_cmp(&a.2));
            Some((ws.member_name(Some(member)), start, cell, tasks, room))
        })
        .flatten()
    });
    let choice = RwSignal::new(std::collections::HashMap::<TaskId, MemberId>::new());
    view! {
        {move || data.get().map(|(name, start, cell, tasks, room)| {
            let title = format!("{name}, week of {}", crate::model::day(start));
            let heading = title.clone();
            view! {
                <section class="card week-panel" data-testid="week-panel" aria-label=heading>
                    <header class="section-head">
                        <div>
                            <h2>{title}</h2>
                            <p class="muted">{format!("{} of {} hours planned{}", hours(cell.planned), hours(cell.capacity), if cell.over() { format!(" — {} over", hours(cell.planned - cell.capacity)) } else { String::new() })}</p>
                        </div>
                        <button class="button" on:click=move |_| on_close.run(())>"Close"</button>
                    </header>
                    {if tasks.is_empty() {
                        view! { <p class="muted">"Nothing planned this week."</p> }.into_any()
                    } else {
                        view! {
                            <table class="data-table stack">
                                <thead><tr><th scope="col">"Task"</th><th scope="col">"Project"</th><th scope="col" class="numeric">"Hours this week"</th><th scope="col">"Hand to"</th></tr></thead>
                                <tbody>
                                    {tasks.into_iter().map(|t| {
                                        let id = t.id;
                                        let first = room.first().map(|r| r.0);
                                        let label = format!("Hand “{}” to", t.title);
                                        let button_label = format!("Reassign {}", t.title);
                                        let options = room.clone();
                                        let short = room.first().filter(|r| r.2 + 1e-9 < t.hours).map(|r| format!(
                                            "Nobody has {} h free this week; {} has the most ({} h).", hours(t.hours), r.1, hours(r.2)
                                        ));
                                        view! {
                                            <tr>
                                                <th scope="row">{t.title.clone()}</th>
                                                <td data-label="Project"><a href=Route::Project(t.project, ProjectTab::Overview).href()>{t.project_name.clone()}</a></td>
                                                <td data-label="Hours this week" class="numeric">{hours(t.hours)}</td>
                                                <td data-label="Hand to" class="reassign">
                                                    <select aria-label=label on:change=move |ev| {
                                                        if let Some(m) = MemberId::parse(&event_target_value(&ev)) {
                                                            choice.update(|c| { c.insert(id, m); });
                                                        }
                                                    }>
                                                        {options.into_iter().map(|(m, n, r)| view! { <option value=m.to_text()>{format!("{n} ({} h free)", hours(r))}</option> }).collect_view()}
                                                    </select>
                                                    <button class="button small" aria-label=button_label on:click=move |_| {
                                                        let to = choice.with_untracked(|c| c.get(&id).copied()).or(first);
                                                        if let Some(to) = to {
                                                            if app.dispatch(PlanCommand::AssignTask { id, owner: Some(to) }).is_ok() {
                                                                app.notify("Task handed over. Undo (Ctrl+Z) takes it back.");
                                                            }
                                                        }
                                                    }>"Reassign"</button>
                                                    {short.map(|s| view! { <p class="field-hint">{s}</p> })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                </section>
            }
        })}
    }
}
