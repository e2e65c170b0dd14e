//! A project's Goals tab: its measurable success criteria in order, each with its progress
//! — typed in, counted from milestones done, or the value won — added, edited, moved and
//! deleted here.

use crate::engine::portfolio::goal_progress;
use crate::model::command::Direction;
use crate::model::GoalDraft;
use crate::model::RecordCommand;
use crate::model::{Command, GoalId, GoalMeasure, IdSource, ProjectId};
use crate::ui::components::dialog::{ConfirmDelete, Modal};
use crate::ui::components::form::{
    dispatch_on_submit, use_draft, DraftInput, DraftSelect, Field, FormActions,
};
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::state::use_app;
use crate::ui::RandomIds;
use leptos::prelude::*;

/// One goal as its row shows it.
#[derive(Clone, PartialEq, Hash)]
struct GoalRow {
    id: GoalId,
    metric: String,
    measure: GoalMeasure,
    /// "4 of 30 customers".
    said: String,
    /// Progress as a whole percentage (may pass 100).
    percent: i64,
    met: bool,
    first: bool,
    last: bool,
}

impl Row for GoalRow {
    type Id = GoalId;
    fn id(&self) -> GoalId {
        self.id
    }
}

/// "14", "2.5", "480,000": a goal's figure as people write it.
fn figure(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        crate::model::common::group_thousands(v.abs() as u64)
    } else {
        format!("{v:.2}")
    }
}

/// The project's goals in order, with their progress. Pure, so it is tested natively.
fn goal_rows(ws: &crate::model::Workspace, id: ProjectId) -> Vec<GoalRow> {
    let goals = ws.goals_of(id);
    let n = goals.len();
    goals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let p = goal_progress(ws, g);
            let unit = if g.unit.is_empty() {
                String::new()
            } else {
                format!(" {}", g.unit)
            };
            GoalRow {
                id: g.id,
                metric: g.metric.clone(),
                measure: g.measure,
                said: format!("{} of {}{unit}", figure(p.current), figure(p.target)),
                percent: (p.ratio * 100.0).round().clamp(-1e9, 1e9) as i64,
                met: p.ratio >= 1.0,
                first: i == 0,
                last: i + 1 == n,
            }
        })
        .collect()
}

#[component]
pub fn GoalsTab(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| app.with(|ws| goal_rows(ws, id)).unwrap_or_default());
    let empty = Memo::new(move |_| rows.with(Vec::is_empty));
    let editing = RwSignal::new(None::<Option<GoalId>>);
    let deleting = RwSignal::new(None::<GoalId>);
    let dispatch = move |c: Command| {
        let _ = app.dispatch(c);
    };
    view! {
        <section class="section">
            <header class="section-head">
                <div>
                    <h2>"Goals"</h2>
                    <p class="muted">"What success means for this project, measured: typed in, counted from milestones done, or the value won."</p>
                </div>
                <button class="button primary" on:click=move |_| editing.set(Some(None))>"Add goal"</button>
            </header>
            {move || if empty.get() {
                view! { <p class="muted">"No goals yet. Add one such as “14 warehouses signed” or “EUR 480,000 won”."</p> }.into_any()
            } else {
                view! {
                    <ol class="goal-list" data-testid="goals">
                        <Rows each=move || rows.get() key=key let:g>
                            {
                                let gid = g.id;
                                let met = g.met;
                                let width = g.percent.clamp(0, 100);
                                let said = g.said.clone();
                                let (up, down) = (g.metric.clone(), g.metric.clone());
                                view! {
                                    <li class="card goal">
                                        <div class="goal-head">
                                            <strong>{g.metric.clone()}</strong>
                                            <span class="kind">{g.measure.label()}</span>
                                        </div>
                                        <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=width.to_string() aria-label=format!("{}: {said}", g.metric)>
                                            <span class:met=met style=format!("width: {width}%")></span>
                                        </div>
                                        <div class="goal-foot">
                                            <span>{format!("{said} ({} %)", g.percent)}</span>
                                            <span class="row-actions">
                                                <button class="icon-button" aria-label=format!("Move {up} up") disabled=g.first on:click=move |_| dispatch(RecordCommand::MoveGoal { id: gid, direction: Direction::Up }.into())>"↑"</button>
                                                <button class="icon-button" aria-label=format!("Move {down} down") disabled=g.last on:click=move |_| dispatch(RecordCommand::MoveGoal { id: gid, direction: Direction::Down }.into())>"↓"</button>
                                                <crate::ui::components::dialog::EditDelete what=format!("goal {}", g.metric) on_edit=Callback::new(move |_| editing.set(Some(Some(gid)))) on_delete=Callback::new(move |_| deleting.set(Some(gid))) />
                                            </span>
                                        </div>
                                    </li>
                                }
                            }
                        </Rows>
                    </ol>
                }.into_any()
            }}
        </section>
        {move || editing.get().map(|goal| view! { <GoalDialog project=id goal on_done=Callback::new(move |_| editing.set(None)) /> })}
        <ConfirmDelete pending=deleting title="Delete goal?" confirm_label="Delete goal" command=RecordCommand::DeleteGoal
            message="The goal leaves the project. Undo (Ctrl+Z) brings it back." />
    }
}

#[component]
fn GoalDialog(project: ProjectId, goal: Option<GoalId>, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let initial = goal
        .and_then(|gid| {
            app.with(|ws| ws.goals.get(gid.0).map(GoalDraft::from_goal))
                .flatten()
        })
        .unwrap_or_else(GoalDraft::blank);
    let (draft, ctl) = use_draft(initial, GoalDraft::check);
    let measures = Signal::derive(|| {
        GoalMeasure::ALL
            .iter()
            .map(|m| (m.key().to_string(), m.label().to_string()))
            .collect()
    });
    let id: GoalId = goal.unwrap_or_else(|| RandomIds.next());
    let submit = dispatch_on_submit(
        draft,
        ctl,
        GoalDraft::check,
        move |input| RecordCommand::SaveGoal { id, project, input },
        on_done,
    );
    let manual = move || draft.with(|d| d.measure == GoalMeasure::Manual);
    view! {
        <Modal title=(if goal.is_some() { "Edit goal" } else { "Add goal" }).to_string() on_close=on_done wide=true>
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label="Goal" error=ctl.error("metric") wide=true>
                    <DraftInput draft ctl field="metric" get=|d: &GoalDraft| d.metric.clone() set=|d, v| d.metric = v autofocus=true placeholder="e.g. Warehouses signed" />
                </Field>
                <Field label="Measured by" error=ctl.error("measure")>
                    <DraftSelect draft field="measure" options=measures get=|d: &GoalDraft| d.measure.key().to_string() set=|d, v| if let Some(m) = GoalMeasure::from_key(&v) { d.measure = m } />
                </Field>
                <Field label="Target" error=ctl.error("target")>
                    <DraftInput draft ctl field="target" get=|d: &GoalDraft| d.target.clone() set=|d, v| d.target = v inputmode="decimal" placeholder="14" />
                </Field>
                <Field label="Unit" error=ctl.error("unit")>
                    <DraftInput draft ctl field="unit" get=|d: &GoalDraft| d.unit.clone() set=|d, v| d.unit = v placeholder="%, sites, EUR …" />
                </Field>
                <Show when=manual>
                    <Field label="Current figure" error=ctl.error("current")>
                        <DraftInput draft ctl field="current" get=|d: &GoalDraft| d.current.clone() set=|d, v| d.current = v inputmode="decimal" />
                    </Field>
                </Show>
                <FormActions submit_label=if goal.is_some() { "Save goal" } else { "Add goal" } on_cancel=on_done />
            </form>
        </Modal>
    }
}
