//! The risk register, for one project (its Risks tab) or for every open project (the
//! portfolio's Risks screen): a 5×5 heat map (impact up, probability across) whose cells
//! filter the list, risks with score, owner, mitigation and review date (flagged when the
//! review is overdue), and adding, editing and deleting risks.

use crate::model::common::plural;
use crate::model::RecordCommand;
use crate::model::RiskDraft;
use crate::model::{IdSource, MemberId, ProjectId, RiskId, RiskStatus};
use crate::ui::components::dialog::{ConfirmDelete, Modal};
use crate::ui::components::form::{
    dispatch_on_submit, use_draft, DraftInput, DraftSelect, Field, FormActions,
};
use crate::ui::components::project_form::member_options;
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
struct RiskRow {
    id: RiskId,
    project: ProjectId,
    project_name: String,
    description: String,
    category: String,
    probability: u8,
    impact: u8,
    score: u8,
    level: &'static str,
    owner: String,
    mitigation: String,
    status: RiskStatus,
    review: Option<String>,
    review_overdue: bool,
}

/// A project's Risks tab.
#[component]
pub fn RisksTab(id: ProjectId) -> impl IntoView {
    view! { <RiskRegister scope=Some(id) /> }
}

/// Every open project's risks in one register.
#[component]
pub fn RisksScreen() -> impl IntoView {
    view! {
        <div class="page">
            <header class="page-head">
                <div>
                    <h1>"Risks across the portfolio"</h1>
                    <p class="muted">"Every risk of every open project, highest score first. Add risks from a project's Risks tab."</p>
                </div>
                <a class="button" href=crate::ui::router::Route::Portfolio(Default::default()).href()>"Back to health"</a>
            </header>
            <RiskRegister scope=None />
        </div>
    }
}

#[component]
fn RiskRegister(scope: Option<ProjectId>) -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| {
        let today = today();
        app.with(|ws| {
            let mut rows: Vec<RiskRow> = ws
                .risks
                .iter()
                .filter(|r| r.stamp.deleted_at.is_none())
                .filter(|r| match scope {
                    Some(id) => r.project_id == id,
                    None => ws.project(r.project_id).is_some_and(|p| p.status.is_open()),
                })
                .map(|r| RiskRow {
                    id: r.id,
                    project: r.project_id,
                    project_name: ws
                        .project(r.project_id)
                        .map(|p| p.name.clone())
                        .unwrap_or_default(),
                    description: r.description.clone(),
                    category: r.category.clone(),
                    probability: r.probability,
                    impact: r.impact,
                    score: r.score(),
                    level: r.level(),
                    owner: ws.member_name(r.owner),
                    mitigation: r.mitigation.clone(),
                    status: r.status,
                    review: r.next_review.map(|d| crate::model::day(d).to_string()),
                    review_overdue: r.status != RiskStatus::Closed
                        && r.next_review.is_some_and(|d| d < today),
                })
                .collect();
            crate::sorting::sort_by(&mut rows, |a, b| {
                b.score
                    .cmp(&a.score)
                    .then(a.description.cmp(&b.description))
            });
            rows
        })
        .unwrap_or_default()
    });
    // The heat-map cell that filters the list: (probability, impact).
    let cell = RwSignal::new(None::<(u8, u8)>);
    // The dialog: (project, None) adds a risk, (project, Some(risk)) edits one.
    let editing = RwSignal::new(None::<(ProjectId, Option<RiskId>)>);
    let deleting = RwSignal::new(None::<RiskId>);
    let shown = move || {
        rows.get()
            .into_iter()
            .filter(|r| {
                cell.get()
                    .is_none_or(|(p, i)| r.probability == p && r.impact == i)
            })
            .collect::<Vec<_>>()
    };
    view! {
        // The portfolio's register has a column more (the project): the map goes above it so
        // the table has the page's full width.
        <div class="risk-layout" class:register=scope.is_none()>
            <section class="card heatmap-card">
                <h2>"Heat map"</h2>
                <p class="muted">"Open risks by probability and impact. Choose a cell to filter the list."</p>
                <div class="heatmap" role="group" aria-label="Risk heat map">
                    <span class="axis-y">"Impact ↑"</span>
                    {(1..=5u8).rev().map(|impact| view! {
                        <div class="heat-row">
                            <span class="heat-label">{impact}</span>
                            {(1..=5u8).map(|probability| {
                                let n = move || rows.with(|r| r.iter().filter(|x| x.status != RiskStatus::Closed && x.probability == probability && x.impact == impact).count());
                                let score = probability * impact;
                                let level = if score >= 15 { "high" } else if score >= 8 { "medium" } else { "low" };
                                view! {
                                    <button
                                        class=format!("heat-cell {level}")
                                        class:selected=move || cell.get() == Some((probability, impact))
                                        aria-pressed=move || (cell.get() == Some((probability, impact))).to_string()
                                        aria-label=move || format!("Probability {probability}, impact {impact}: {}", plural(n(), "risk", "risks"))
                                        on:click=move |_| cell.update(|c| *c = if *c == Some((probability, impact)) { None } else { Some((probability, impact)) })
                                    >
                                        {move || { let n = n(); if n == 0 { String::new() } else { n.to_string() } }}
                                    </button>
                                }
                            }).collect_view()}
                        </div>
                    }).collect_view()}
                    <div class="heat-row heat-foot"><span class="heat-label"></span>{(1..=5).map(|p| view! { <span class="heat-label">{p}</span> }).collect_view()}</div>
                    <span class="axis-x">"Probability →"</span>
                </div>
            </section>
            <section class="section risk-list">
                <header class="section-head">
                    <h2>{move || match cell.get() { Some((p, i)) => format!("Risks at probability {p}, impact {i}"), None => "Risk register".to_string() }}</h2>
                    <div class="head-actions">
                        {move || cell.get().map(|_| view! { <button class="button subtle" on:click=move |_| cell.set(None)>"Show all"</button> })}
                        {scope.is_some().then(|| view! { <button class="button primary" on:click=move |_| editing.set(scope.map(|p| (p, None)))>"Add risk"</button> })}
                    </div>
                </header>
                {move || {
                    let list = shown();
                    if list.is_empty() {
                        return view! { <p class="muted">"No risks here. Add what could stop this deal, and how you will prevent it."</p> }.into_any();
                    }
                    view! {
                        <div class="table-wrap">
                            <table class="data-table stack compact risk-table" data-testid="risks">
                                <thead><tr>
                                    <th scope="col">"Risk"</th>{scope.is_none().then(|| view! { <th scope="col">"Project"</th> })}<th scope="col" class="numeric">"Score"</th><th scope="col">"Owner"</th>
                                    <th scope="col">"Mitigation"</th><th scope="col">"Status"</th><th scope="col">"Next review"</th>
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|r| {
                                        let (rid, pid) = (r.id, r.project);
                                        let project_link = scope.is_none().then(|| view! {
                                            <td data-label="Project"><a href=crate::ui::router::Route::Project(pid, crate::ui::router::ProjectTab::Risks).href()>{r.project_name.clone()}</a></td>
                                        });
                                        view! {
                                            <tr>
                                                <th scope="row">{r.description.clone()}<span class="kind">{r.category.clone()}</span></th>
                                                {project_link}
                                                <td data-label="Score" class="numeric"><span class=format!("score {}", r.level)>{format!("{} ({}×{})", r.score, r.probability, r.impact)}</span></td>
                                                <td data-label="Owner">{r.owner.clone()}</td>
                                                <td data-label="Mitigation" class="muted">{r.mitigation.clone()}</td>
                                                <td data-label="Status">{r.status.label()}</td>
                                                <td data-label="Next review" class:overdue=r.review_overdue>
                                                    {r.review.clone().unwrap_or_else(|| "—".into())}
                                                    {r.review_overdue.then(|| view! { <span class="flag">"Review overdue"</span> })}
                                                </td>
                                                <td class="row-actions">
                                                    <crate::ui::components::dialog::EditDelete what=format!("risk {}", r.description) on_edit=Callback::new(move |_| editing.set(Some((pid, Some(rid))))) on_delete=Callback::new(move |_| deleting.set(Some(rid))) />
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
        </div>
        {move || editing.get().map(|(project, risk)| view! { <RiskDialog project risk on_done=Callback::new(move |_| editing.set(None)) /> })}
        <ConfirmDelete pending=deleting title="Delete risk?" confirm_label="Delete risk" command=RecordCommand::DeleteRisk
            message="The risk leaves the register. Undo (Ctrl+Z) brings it back." />
    }
}

#[component]
fn RiskDialog(project: ProjectId, risk: Option<RiskId>, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let initial = risk
        .and_then(|rid| {
            app.with(|ws| {
                ws.risks
                    .iter()
                    .find(|r| r.id == rid)
                    .map(RiskDraft::from_risk)
            })
            .flatten()
        })
        .unwrap_or_else(|| RiskDraft::blank(app.me.get_untracked()));
    let (draft, ctl) = use_draft(initial, RiskDraft::check);
    let scores = Signal::derive(|| (1..=5).map(|v| (v.to_string(), v.to_string())).collect());
    let statuses = Signal::derive(|| {
        RiskStatus::ALL
            .iter()
            .map(|s| (s.key().to_string(), s.label().to_string()))
            .collect()
    });
    let id: RiskId = risk.unwrap_or_else(|| RandomIds.next());
    let submit = dispatch_on_submit(
        draft,
        ctl,
        RiskDraft::check,
        move |input| RecordCommand::SaveRisk { id, project, input },
        on_done,
    );
    view! {
        <Modal title=(if risk.is_some() { "Edit risk" } else { "Add risk" }).to_string() on_close=on_done wide=true>
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label="Risk" error=ctl.error("description") wide=true>
                    <DraftInput draft ctl field="description" get=|d: &RiskDraft| d.description.clone() set=|d, v| d.description = v autofocus=true placeholder="e.g. Incumbent offers a steep renewal discount" />
                </Field>
                <Field label="Category" error=ctl.error("category")>
                    <DraftInput draft ctl field="category" get=|d: &RiskDraft| d.category.clone() set=|d, v| d.category = v placeholder="Competition, budget, legal…" />
                </Field>
                <Field label="Owner" error=ctl.error("owner")>
                    <DraftSelect draft field="owner" options=member_options() get=|d: &RiskDraft| d.owner.map(|o| o.to_text()).unwrap_or_default() set=|d, v| d.owner = MemberId::parse(&v) />
                </Field>
                <Field label="Probability (1–5)" error=ctl.error("probability")>
                    <DraftSelect draft field="probability" options=scores get=|d: &RiskDraft| d.probability.clone() set=|d, v| d.probability = v />
                </Field>
                <Field label="Impact (1–5)" error=ctl.error("impact")>
                    <DraftSelect draft field="impact" options=scores get=|d: &RiskDraft| d.impact.clone() set=|d, v| d.impact = v />
                </Field>
                <Field label="Mitigation" error=ctl.error("mitigation") wide=true>
                    <DraftInput draft ctl field="mitigation" get=|d: &RiskDraft| d.mitigation.clone() set=|d, v| d.mitigation = v placeholder="What we do now to make it less likely or less harmful" />
                </Field>
                <Field label="Contingency plan" error=ctl.error("contingency") wide=true>
                    <DraftInput draft ctl field="contingency" get=|d: &RiskDraft| d.contingency.clone() set=|d, v| d.contingency = v placeholder="What we do if it happens" />
                </Field>
                <Field label="Status" error=ctl.error("status")>
                    <DraftSelect draft field="status" options=statuses get=|d: &RiskDraft| d.status.key().to_string() set=|d, v| if let Some(s) = RiskStatus::from_key(&v) { d.status = s } />
                </Field>
                <Field label="Next review" error=ctl.error("next_review")>
                    <DraftInput draft ctl field="next_review" kind="date" get=|d: &RiskDraft| d.next_review.clone() set=|d, v| d.next_review = v />
                </Field>
                <p class="field-hint wide" data-testid="risk-in-hand">{move || {
                    let line = app.with(|ws| ws.settings.health.high_risk_score).unwrap_or(15);
                    format!("A risk scored {line} or more (probability × impact) is in hand once it has an owner, a mitigation and a next review today or later; until then the project's health says which of these it lacks.")
                }}</p>
                <FormActions submit_label=if risk.is_some() { "Save risk" } else { "Add risk" } on_cancel=on_done />
            </form>
        </Modal>
    }
}
