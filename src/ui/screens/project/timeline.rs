//! A project's Timeline tab: an SVG Gantt chart of the schedule — bars grouped by milestone or
//! owner, milestone diamonds, dependency arrows, the critical path, today and the target.
//! A bar moves by drag or by the arrow keys, which fixes the task's start and reschedules
//! everything after it; the same data is listed in a table for screen readers.

use crate::dates::Written;
use crate::engine::plan::{calendar, project_schedule};
use crate::engine::schedule::Schedule;
use crate::model::common::plural;
use crate::model::limits::clamp_date;
use crate::model::PlanCommand;
use crate::model::{ProjectId, TaskId, Workspace};
use crate::ui::state::{today, use_app};
use chrono::{Days, NaiveDate};
use leptos::prelude::*;

const LABEL_W: f64 = 210.0;
const ROW_H: f64 = 28.0;
const HEAD_H: f64 = 34.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Milestone,
    Owner,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Zoom {
    Week,
    Month,
}

impl Zoom {
    fn px_per_day(self) -> f64 {
        match self {
            Zoom::Week => 26.0,
            Zoom::Month => 7.0,
        }
    }
}

/// The widest the chart is drawn; a longer plan is shown at a coarser scale.
const MAX_WIDTH_PX: f64 = 12_000.0;
/// Ticks on the scale are at least this far apart.
const TICK_SPACING_PX: f64 = 56.0;

/// Pixels per day: the zoom's, or less when the plan would be wider than the cap.
fn fitted_px(zoom: Zoom, first: NaiveDate, last: NaiveDate) -> f64 {
    let span = (last - first).num_days().max(1) as f64;
    zoom.px_per_day().min(MAX_WIDTH_PX / span)
}

/// The unit of the scale's ticks: the finest that leaves room for its labels.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Scale {
    Weeks,
    Months,
    Years,
    Decades,
}

impl Scale {
    fn fitting(px_per_day: f64) -> Scale {
        [
            (Scale::Weeks, 7.0),
            (Scale::Months, 31.0),
            (Scale::Years, 366.0),
        ]
        .into_iter()
        .find(|(_, days)| days * px_per_day >= TICK_SPACING_PX)
        .map_or(Scale::Decades, |(s, _)| s)
    }

    /// The ticks between two days: Mondays, firsts of months, new years or decades. At most
    /// one per `TICK_SPACING_PX`, so a chart of any span draws a bounded number of them.
    fn ticks(self, first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
        use chrono::Datelike;
        let start = match self {
            Scale::Weeks => {
                let back = first.weekday().num_days_from_monday();
                first.checked_add_days(Days::new(u64::from(7 - back) % 7))
            }
            Scale::Months => {
                NaiveDate::from_ymd_opt(first.year(), first.month(), 1).and_then(|d| {
                    if d < first {
                        d.checked_add_months(chrono::Months::new(1))
                    } else {
                        Some(d)
                    }
                })
            }
            Scale::Years => NaiveDate::from_ymd_opt(first.year() + 1, 1, 1),
            Scale::Decades => NaiveDate::from_ymd_opt((first.year() / 10 + 1) * 10, 1, 1),
        };
        let step = |d: NaiveDate| match self {
            Scale::Weeks => d.checked_add_days(Days::new(7)),
            Scale::Months => d.checked_add_months(chrono::Months::new(1)),
            Scale::Years => d.checked_add_months(chrono::Months::new(12)),
            Scale::Decades => d.checked_add_months(chrono::Months::new(120)),
        };
        std::iter::successors(start, |d| step(*d))
            .take_while(|d| *d <= last)
            .take(1_000)
            .collect()
    }

    fn label(self, d: NaiveDate) -> String {
        match self {
            Scale::Weeks => d.written("%d %b").to_string(),
            Scale::Months => d.written("%b %Y").to_string(),
            Scale::Years | Scale::Decades => d.written("%Y").to_string(),
        }
    }
}

#[derive(Clone, PartialEq)]
struct Bar {
    id: TaskId,
    title: String,
    /// When the plan has it (its planned dates, as the task list shows them).
    start: NaiveDate,
    finish: NaiveDate,
    /// The earliest it could start, when that is before `start`: drawn as its slack.
    earliest: NaiveDate,
    critical: bool,
    done: bool,
    /// A task of zero working days: drawn as a diamond on its date.
    checkpoint: bool,
    preds: Vec<TaskId>,
    /// A recurring task's later occurrences, drawn as markers on its row (not a bar each).
    repeats: Vec<NaiveDate>,
}

#[derive(Clone, PartialEq)]
enum Row {
    Group {
        name: String,
        diamond: Option<NaiveDate>,
    },
    Task(Bar),
}

#[derive(Clone, PartialEq)]
struct Chart {
    rows: Vec<Row>,
    /// The days drawn, margins included.
    first: NaiveDate,
    last: NaiveDate,
    coarse_note: String,
    target: NaiveDate,
    finish: NaiveDate,
    late_by: i64,
}

#[component]
pub fn TimelineTab(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let group = RwSignal::new(Group::Milestone);
    let zoom = RwSignal::new(Zoom::Week);
    let editing = RwSignal::new(None::<TaskId>);
    let chart = Memo::new(move |_| {
        let grouping = group.get();
        app.with(|ws| chart(ws, id, grouping, today())).flatten()
    });
    // Open with today in view: the chart starts at the project's start, often months back.
    let wrap = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let zoom = zoom.get();
        let span = chart.with(|c| c.as_ref().map(|c| (c.first, c.last)));
        if let (Some(el), Some((first, last))) = (wrap.get(), span) {
            let px = fitted_px(zoom, first, last);
            let today_x = (today() - first).num_days() as f64 * px;
            // Two weeks of the past before today, or a quarter of the view on a phone, so
            // the work ahead is what shows.
            let lead = (14.0 * px).min(f64::from(el.client_width()) / 4.0);
            el.set_scroll_left((today_x - lead).max(0.0) as i32);
        }
    });
    // Dragging: the bar, where the pointer went down, and how far it has moved (px).
    let drag = RwSignal::new(None::<(TaskId, f64, f64)>);
    let move_task = Callback::new(move |(task, start, days): (TaskId, NaiveDate, i64)| {
        if days == 0 {
            return;
        }
        let cal = app.with(calendar).unwrap_or_default();
        let new_start = if days > 0 {
            cal.add(cal.on_or_after(start), days)
        } else {
            cal.add(cal.on_or_before(start), days)
        };
        if app
            .dispatch(PlanCommand::SetTaskStart {
                id: task,
                start: Some(new_start),
            })
            .is_ok()
        {
            let effect = chart.with_untracked(|c| c.as_ref().map(|c| (c.finish, c.late_by)));
            if let Some((finish, late)) = effect {
                app.notify(if late > 0 {
                    format!(
                        "Moved. The plan now finishes {} — {} after the target.",
                        crate::model::day(finish),
                        plural(late as usize, "working day", "working days")
                    )
                } else {
                    format!(
                        "Moved. The plan finishes {} and still meets the target.",
                        crate::model::day(finish)
                    )
                });
            }
        }
    });

    view! {
        <div class="timeline-toolbar">
            <div class="segmented" role="group" aria-label="Group bars by">
                <button aria-pressed=move || (group.get() == Group::Milestone).to_string() on:click=move |_| group.set(Group::Milestone)>"By milestone"</button>
                <button aria-pressed=move || (group.get() == Group::Owner).to_string() on:click=move |_| group.set(Group::Owner)>"By owner"</button>
            </div>
            <div class="segmented" role="group" aria-label="Zoom">
                <button aria-pressed=move || (zoom.get() == Zoom::Week).to_string() on:click=move |_| zoom.set(Zoom::Week)>"Weeks"</button>
                <button aria-pressed=move || (zoom.get() == Zoom::Month).to_string() on:click=move |_| zoom.set(Zoom::Month)>"Months"</button>
            </div>
            <p class="legend">
                <span class="swatch critical"></span>"Critical (no slack)"
                <span class="swatch normal"></span>"Other tasks"
                <span class="swatch slack"></span>"Could start from"
                <span class="swatch repeat"></span>"Repeats"
                <span class="swatch today"></span>"Today"
                <span class="swatch target"></span>"Target"
            </p>
        </div>
        <p class="muted timeline-help">"Drag a bar, or focus it and press ← or →, to move a task; Enter opens it."</p>
        {move || {
            let Some(c) = chart.get() else {
                return view! { <p class="muted">"Add tasks to see them on the timeline."</p> }.into_any();
            };
            draw(c, zoom.get(), wrap, drag, editing, move_task)
        }}
        {move || editing.get().map(|task| view! {
            <crate::ui::components::task_dialog::TaskDialog project=id editing=Some(task) on_done=Callback::new(move |_| editing.set(None)) />
        })}
    }
}

/// The timeline of a chart at a zoom: labels, ticks, group bands, bars, dependency arrows,
/// today and the target, and the same as a table.
fn draw(
    c: Chart,
    zoom: Zoom,
    wrap: NodeRef<leptos::html::Div>,
    drag: RwSignal<Option<(TaskId, f64, f64)>>,
    editing: RwSignal<Option<TaskId>>,
    move_task: Callback<(TaskId, NaiveDate, i64)>,
) -> AnyView {
    // A plan spanning years is drawn at a coarser scale, never wider than the cap.
    let px = fitted_px(zoom, c.first, c.last);
    let coarser = px < zoom.px_per_day();
    let x = move |d: NaiveDate| (clamp_date(d) - c.first).num_days() as f64 * px;
    let width = x(c.last) + 20.0;
    let height = HEAD_H + c.rows.len() as f64 * ROW_H + 10.0;
    let row_of = |id: TaskId| {
        c.rows
            .iter()
            .position(|r| matches!(r, Row::Task(b) if b.id == id))
    };
    let y = |row: usize| HEAD_H + row as f64 * ROW_H;
    let scale = Scale::fitting(px);
    let ticks = scale.ticks(c.first, c.last);
    let arrows: Vec<(f64, f64, f64, f64, bool)> = c
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            Row::Task(b) => Some((i, b)),
            _ => None,
        })
        .flat_map(|(i, b)| {
            b.preds
                .iter()
                .filter_map(|p| {
                    let pi = row_of(*p)?;
                    let Row::Task(pb) = &c.rows[pi] else {
                        return None;
                    };
                    Some((
                        x(pb.finish) + px,
                        y(pi) + ROW_H / 2.0,
                        x(b.start),
                        y(i) + ROW_H / 2.0,
                        pb.critical && b.critical,
                    ))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let title = format!(
        "Timeline: {} tasks; projected finish {}, target {}{}",
        c.rows.iter().filter(|r| matches!(r, Row::Task(_))).count(),
        crate::model::day(c.finish),
        crate::model::day(c.target),
        if c.late_by > 0 {
            format!(", {} working days late", c.late_by)
        } else {
            String::new()
        }
    );
    let today_x = x(today());
    let target_x = x(c.target) + px;
    let note = coarser.then(|| c.coarse_note.clone());
    view! {
        {note.map(|n| view! { <p class="muted timeline-note" data-testid="timeline-coarse">{n}</p> })}
        <div class="timeline-wrap">
          <div class="timeline-grid">
            <svg class="timeline-labels" width=LABEL_W height=height aria-hidden="true">
                {c.rows.iter().enumerate().map(|(i, r)| match r {
                    Row::Group { name, .. } => view! {
                        <g>
                            <rect x="0" y=y(i) width=LABEL_W height=ROW_H class="group-band" />
                            <text x="8" y=y(i) + 18.0 class="group-label">{truncate(name, 28)}</text>
                        </g>
                    }.into_any(),
                    Row::Task(b) => view! { <text x="16" y=y(i) + 18.0 class="task-label">{truncate(&b.title, 28)}</text> }.into_any(),
                }).collect_view()}
            </svg>
            <div class="timeline-scroll" node_ref=wrap>
            <svg class="timeline" role="group" aria-labelledby="timeline-title" width=width height=height viewBox=format!("0 0 {width} {height}") data-testid="timeline">
                <title id="timeline-title">{title}</title>
                <defs>
                    <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L8,4 L0,8 z" class="arrow-head" />
                    </marker>
                </defs>
                {ticks.into_iter().map(|t| view! {
                    <g class="tick">
                        <line x1=x(t) x2=x(t) y1=HEAD_H - 6.0 y2=height />
                        <text x=x(t) + 3.0 y=HEAD_H - 12.0>{scale.label(t)}</text>
                    </g>
                }).collect_view()}
                {c.rows.iter().enumerate().map(|(i, r)| match r {
                    Row::Group { name, diamond } => view! {
                        <g class="group-row">
                            <rect x="0" y=y(i) width=width height=ROW_H class="group-band" />
                            {diamond.map(|d| {
                                let cx = x(d) + px / 2.0;
                                let cy = y(i) + ROW_H / 2.0;
                                view! {
                                    <path class="diamond" d=format!("M{cx},{} L{},{cy} L{cx},{} L{},{cy} z", cy - 7.0, cx + 7.0, cy + 7.0, cx - 7.0)>
                                        <title>{format!("{name}: due {}", crate::model::day(d))}</title>
                                    </path>
                                }
                            })}
                        </g>
                    }.into_any(),
                    Row::Task(b) => view! { <TaskBar b=b.clone() row=i px first=c.first drag editing move_task /> }.into_any(),
                }).collect_view()}
                {arrows.into_iter().map(|(x1, y1, x2, y2, critical)| {
                    let mid = x1 + 6.0;
                    view! { <path class="dep-arrow" class:critical=critical d=format!("M{x1},{y1} L{mid},{y1} L{mid},{y2} L{x2},{y2}") marker-end="url(#arrow)" /> }
                }).collect_view()}
                <line class="today-line" x1=today_x x2=today_x y1=HEAD_H - 4.0 y2=height />
                <line class="target-line" x1=target_x x2=target_x y1=HEAD_H - 4.0 y2=height />
            </svg>
            </div>
          </div>
        </div>
        <details class="timeline-table">
            <summary>"Timeline as a table"</summary>
            <table class="data-table">
                <thead><tr><th scope="col">"Task"</th><th scope="col">"Start"</th><th scope="col">"Finish"</th><th scope="col">"Critical"</th></tr></thead>
                <tbody>
                    {c.rows.iter().filter_map(|r| match r { Row::Task(b) => Some(b.clone()), _ => None }).map(|b| view! {
                        <tr><th scope="row">{b.title}</th><td>{crate::model::day(b.start).to_string()}</td><td>{crate::model::day(b.finish).to_string()}</td><td>{if b.critical { "Yes" } else { "No" }}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }.into_any()
}

/// A task's bar on the timeline: dragged or moved with the arrow keys by working days,
/// opened with Enter or a click.
#[component]
fn TaskBar(
    b: Bar,
    row: usize,
    px: f64,
    first: NaiveDate,
    drag: RwSignal<Option<(TaskId, f64, f64)>>,
    editing: RwSignal<Option<TaskId>>,
    move_task: Callback<(TaskId, NaiveDate, i64)>,
) -> impl IntoView {
    let x = move |d: NaiveDate| (clamp_date(d) - first).num_days() as f64 * px;
    let y = |row: usize| HEAD_H + row as f64 * ROW_H;
    let i = row;
    let move_task = move |id, start, days| move_task.run((id, start, days));
    let (id, start) = (b.id, b.start);
    let checkpoint = b.checkpoint;
    // A checkpoint is a 14 px diamond centred on its day.
    let bx = if checkpoint {
        x(b.start) + px / 2.0 - 7.0
    } else {
        x(b.start)
    };
    let bw = if checkpoint {
        14.0
    } else {
        ((b.finish - b.start).num_days() + 1) as f64 * px
    };
    let offset = move || drag.with(|d| d.filter(|d| d.0 == id).map_or(0.0, |d| d.2));
    let label = if checkpoint {
        format!(
            "{}: checkpoint on {}{}. Arrow keys move it by a working day.",
            b.title,
            b.start.written("%d %b"),
            if b.critical { ", critical" } else { "" }
        )
    } else {
        format!(
            "{}: {} to {}{}. Arrow keys move it by a working day.",
            b.title,
            b.start.written("%d %b"),
            b.finish.written("%d %b"),
            if b.critical { ", critical" } else { "" }
        )
    };
    let slack_line = (b.earliest < b.start && !b.done).then(|| {
            let (x1, x2, cy) = (x(b.earliest), bx, y(i) + ROW_H / 2.0);
            view! {
                <line class="slack-line" x1=x1 x2=x2 y1=cy y2=cy>
                    <title>{format!("{} could start from {}", b.title, b.earliest.written("%d %b"))}</title>
                </line>
            }
        });
    let cy = y(i) + ROW_H / 2.0;
    let repeats = b
        .repeats
        .iter()
        .map(|d| {
            let title = format!("{}: again on {}", b.title, d.written("%a %d %b"));
            view! {
                <circle class="occurrence" cx=x(*d) + px / 2.0 cy=cy r="4"><title>{title}</title></circle>
            }
        })
        .collect_view();
    view! {
        <g class="task-row">
            {slack_line}
            {repeats}
            <rect
                class="bar"
                class:critical=b.critical
                class:done=b.done
                class:checkpoint=checkpoint
                x=move || bx + offset()
                y=if checkpoint { y(i) + ROW_H / 2.0 - 7.0 } else { y(i) + 6.0 }
                width=bw.max(4.0)
                height=if checkpoint { 14.0 } else { ROW_H - 12.0 }
                rx="4"
                tabindex="0"
                role="button"
                aria-label=label
                data-task=id.to_text()
                on:keydown=move |ev| match ev.key().as_str() {
                    "ArrowRight" => { ev.prevent_default(); move_task(id, start, 1) }
                    "ArrowLeft" => { ev.prevent_default(); move_task(id, start, -1) }
                    "Enter" | " " => { ev.prevent_default(); editing.set(Some(id)) }
                    _ => {}
                }
                on:pointerdown=move |ev| {
                    if let Some(target) = ev.target() {
                        use wasm_bindgen::JsCast;
                        if let Ok(el) = target.dyn_into::<web_sys::Element>() {
                            let _ = el.set_pointer_capture(ev.pointer_id());
                        }
                    }
                    drag.set(Some((id, ev.client_x() as f64, 0.0)));
                }
                on:pointermove=move |ev| {
                    drag.update(|d| if let Some(d) = d.as_mut().filter(|d| d.0 == id) { d.2 = ev.client_x() as f64 - d.1 });
                }
                on:pointerup=move |_| {
                    let moved = drag.get_untracked().filter(|d| d.0 == id).map_or(0.0, |d| d.2);
                    drag.set(None);
                    let days = (moved / px).round() as i64;
                    if moved.abs() < 3.0 {
                        editing.set(Some(id));
                    } else {
                        move_task(id, start, days);
                    }
                }
            >
                <title>{label.clone()}</title>
            </rect>
        </g>
    }
}

/// The bars of the project's schedule, grouped as chosen, with the span drawn.
fn chart(ws: &Workspace, id: ProjectId, grouping: Group, today: NaiveDate) -> Option<Chart> {
    let project = ws.project(id)?;
    let s = project_schedule(ws, project, today).ok()?;
    let tasks = ws.tasks_of(id);
    let holidays = &ws.settings.holidays;
    let bar = |t: &crate::model::Task| bar(&s, t, holidays);
    let rows = match grouping {
        Group::Milestone => rows_by_milestone(ws, id, &tasks, &bar),
        Group::Owner => rows_by_owner(ws, &tasks, &bar),
    };
    let span = crate::engine::timeline::span(&s, project.start_date, today);
    Some(Chart {
        rows,
        first: span.drawn_first,
        last: span.drawn_last,
        coarse_note: span.coarse_note(),
        target: s.target,
        finish: s.finish,
        late_by: s.late_by,
    })
}

/// A task's bar as the schedule plans it (none for a task the schedule left out).
fn bar(s: &Schedule, t: &crate::model::Task, holidays: &[NaiveDate]) -> Option<Bar> {
    let slot = s.slot(t.id)?;
    // Later occurrences within the plan's span, at most a year's worth of weekly ones.
    let repeats = match (&t.recurrence, t.due_date, t.is_done()) {
        (Some(rule), Some(due), false) => {
            let mut days = rule.occurrences_after(due, s.finish.max(s.target), holidays);
            days.truncate(60);
            days
        }
        _ => Vec::new(),
    };
    Some(Bar {
        id: t.id,
        title: t.title.clone(),
        start: slot.planned_start,
        finish: slot.planned_finish,
        earliest: slot.early_start,
        critical: slot.critical,
        done: t.is_done(),
        checkpoint: t.duration_days == 0,
        preds: t.depends_on.iter().map(|d| d.task).collect(),
        repeats,
    })
}

/// Each milestone's tasks under it, then the tasks without one.
fn rows_by_milestone(
    ws: &Workspace,
    id: ProjectId,
    tasks: &[&crate::model::Task],
    bar: &dyn Fn(&crate::model::Task) -> Option<Bar>,
) -> Vec<Row> {
    let mut rows = Vec::new();
    for m in ws.milestones_of(id) {
        rows.push(Row::Group {
            name: m.name.clone(),
            diamond: m.due_date,
        });
        rows.extend(
            tasks
                .iter()
                .filter(|t| t.milestone_id == Some(m.id))
                .filter_map(|t| bar(t))
                .map(Row::Task),
        );
    }
    let loose: Vec<Row> = tasks
        .iter()
        .filter(|t| {
            t.milestone_id
                .is_none_or(|m| !ws.milestones_of(id).iter().any(|x| x.id == m))
        })
        .filter_map(|t| bar(t))
        .map(Row::Task)
        .collect();
    if !loose.is_empty() {
        rows.push(Row::Group {
            name: "No milestone".into(),
            diamond: None,
        });
        rows.extend(loose);
    }
    rows
}

/// Each owner's tasks under their name, owners by name.
fn rows_by_owner(
    ws: &Workspace,
    tasks: &[&crate::model::Task],
    bar: &dyn Fn(&crate::model::Task) -> Option<Bar>,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut owners: Vec<Option<crate::model::MemberId>> = tasks.iter().map(|t| t.owner).collect();
    crate::sorting::sort_by_key(&mut owners, |o| ws.member_name(*o));
    owners.dedup();
    for owner in owners {
        rows.push(Row::Group {
            name: ws.member_name(owner),
            diamond: None,
        });
        rows.extend(
            tasks
                .iter()
                .filter(|t| t.owner == owner)
                .filter_map(|t| bar(t))
                .map(Row::Task),
        );
    }
    rows
}

fn truncate(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(n - 1).collect::<String>())
    }
}
