//! A project's Budget tab: budget against spend (the health check flags spend above its
//! line), the return the project brings or is expected to bring, ROI and cost of sale
//! (`engine::portfolio`), and the cost entries — added, edited and deleted here.

use crate::engine::portfolio::project_money;
use crate::model::CostDraft;
use crate::model::RecordCommand;
use crate::model::{CostCategory, CostId, Currency, IdSource, MemberId, ProjectId};
use crate::ui::components::dialog::{ConfirmDelete, Modal};
use crate::ui::components::figures::{money, percent};
use crate::ui::components::form::{
    dispatch_on_submit, use_draft, DraftInput, DraftSelect, Field, FormActions,
};
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::components::project_form::member_options;
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;

#[derive(Clone, PartialEq, Hash)]
struct CostRow {
    id: CostId,
    date: String,
    category: &'static str,
    note: String,
    who: String,
    amount: String,
}

impl Row for CostRow {
    type Id = CostId;
    fn id(&self) -> CostId {
        self.id
    }
}

#[component]
pub fn BudgetTab(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let figures = Memo::new(move |_| {
        app.with(|ws| {
            let p = ws.project(id)?;
            let threshold = ws.settings.health.budget_percent;
            Some((project_money(ws, p), threshold, p.status.label()))
        })
        .flatten()
    });
    let rows = Memo::new(move |_| {
        app.with(|ws| {
            let mut rows: Vec<(chrono::NaiveDate, CostRow)> = ws
                .costs
                .of(id)
                .filter(|c| c.stamp.deleted_at.is_none())
                .map(|c| {
                    (
                        c.date,
                        CostRow {
                            id: c.id,
                            date: crate::model::day(c.date).to_string(),
                            category: c.category.label(),
                            note: c.description.clone(),
                            who: c
                                .spent_by
                                .map(|m| ws.member_name(Some(m)))
                                .unwrap_or_else(|| "—".into()),
                            amount: c.amount.display(),
                        },
                    )
                })
                .collect();
            crate::sorting::sort_by(&mut rows, |a, b| {
                b.0.cmp(&a.0).then(a.1.note.cmp(&b.1.note))
            });
            rows.into_iter().map(|(_, r)| r).collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let empty = Memo::new(move |_| rows.with(Vec::is_empty));
    let editing = RwSignal::new(None::<Option<CostId>>);
    let deleting = RwSignal::new(None::<CostId>);
    view! {
        {move || figures.get().map(|(m, threshold, status)| {
            let c = m.currency.clone();
            let used = m.used();
            let over = m.over_budget(threshold);
            let bar = used.map(|u| (u * 100.0).clamp(0.0, 100.0));
            let return_label = if m.won { "Won value" } else if m.expected_return == 0 { "Return" } else { "Expected return" };
            let roi_label = if m.won { "ROI" } else { "Expected ROI" };
            view! {
                <section class="card budget-card" data-testid="budget-summary">
                    <div class="kpis">
                        <div class="kpi"><span>"Budget"</span><strong>{m.budget.map(|b| money(b, &c)).unwrap_or_else(|| "None set".into())}</strong><small>"edit the project to change it"</small></div>
                        <div class="kpi" class:overdue=over data-testid="spent"><span>"Spent"</span><strong>{money(m.spent, &c)}</strong><small>{match used { Some(u) => format!("{} of budget", percent(Some(u))), None => "no budget to compare".into() }}</small></div>
                        <div class="kpi" class:overdue=m.left().is_some_and(|l| l < 0)>
                            <span>{if m.left().is_some_and(|l| l < 0) { "Over budget by" } else { "Left" }}</span>
                            <strong>{m.left().map(|l| money(l.saturating_abs(), &c)).unwrap_or_else(|| "—".into())}</strong>
                            <small>{if over { "past the health line".to_string() } else { format!("health flags spend above {threshold} %") }}</small>
                        </div>
                        <div class="kpi"><span>{return_label}</span><strong>{money(m.expected_return, &c)}</strong><small>{status}</small></div>
                        <div class="kpi" data-testid="roi"><span>{roi_label}</span><strong>{percent(m.roi)}</strong><small>"(return − spend) ÷ spend"</small></div>
                        <div class="kpi"><span>"Cost of sale"</span><strong>{percent(m.cost_of_sale)}</strong><small>{if m.won { "spend ÷ won value" } else { "once won" }}</small></div>
                    </div>
                    {bar.map(|w| view! {
                        <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{w:.0}") aria-label="Share of budget spent">
                            <span class:over=over style=format!("width: {w:.1}%")></span>
                        </div>
                    })}
                </section>
            }
        })}
        <section class="section">
            <header class="section-head">
                <h2>"Costs"</h2>
                <button class="button primary" on:click=move |_| editing.set(Some(None))>"Add cost"</button>
            </header>
            {move || {
                if empty.get() {
                    return view! { <p class="muted">"No costs yet. Log what winning this deal costs — people's time, travel, events, tools — to see it against the budget."</p> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table class="data-table stack" data-testid="costs">
                            <thead><tr>
                                <th scope="col">"Date"</th><th scope="col">"Category"</th><th scope="col">"Note"</th>
                                <th scope="col">"Who"</th><th scope="col" class="numeric">"Amount"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>
                                <Rows each=move || rows.get() key=key let:r>
                                    {
                                        let cid = r.id;
                                        let name = if r.note.is_empty() { r.category.to_string() } else { r.note.clone() };
                                        view! {
                                            <tr>
                                                <th scope="row">{r.date.clone()}</th>
                                                <td data-label="Category">{r.category}</td>
                                                <td data-label="Note">{r.note.clone()}</td>
                                                <td data-label="Who">{r.who.clone()}</td>
                                                <td data-label="Amount" class="numeric">{r.amount.clone()}</td>
                                                <td class="row-actions">
                                                    <crate::ui::components::dialog::EditDelete what=format!("cost {name}") on_edit=Callback::new(move |_| editing.set(Some(Some(cid)))) on_delete=Callback::new(move |_| deleting.set(Some(cid))) />
                                                </td>
                                            </tr>
                                        }
                                    }
                                </Rows>
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        {move || editing.get().map(|cost| view! { <CostDialog project=id cost on_done=Callback::new(move |_| editing.set(None)) /> })}
        <ConfirmDelete pending=deleting title="Delete cost?" confirm_label="Delete cost" command=RecordCommand::DeleteCost
            message="The cost no longer counts against the budget. Undo (Ctrl+Z) brings it back." />
    }
}

#[component]
fn CostDialog(project: ProjectId, cost: Option<CostId>, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let currency: Currency = app
        .with(|ws| ws.project(project).map(|p| p.value.currency.clone()))
        .flatten()
        .unwrap_or_default();
    let initial = cost
        .and_then(|cid| {
            app.with(|ws| ws.costs.get(cid.0).map(CostDraft::from_cost))
                .flatten()
        })
        .unwrap_or_else(|| CostDraft::blank(today(), app.me.get_untracked()));
    let for_check = currency.clone();
    let check = move |d: &CostDraft| d.check(&for_check);
    let (draft, ctl) = use_draft(initial, check.clone());
    let categories = Signal::derive(|| {
        CostCategory::ALL
            .iter()
            .map(|c| (c.key().to_string(), c.label().to_string()))
            .collect()
    });
    let id: CostId = cost.unwrap_or_else(|| RandomIds.next());
    let submit = dispatch_on_submit(
        draft,
        ctl,
        check,
        move |input| RecordCommand::SaveCost { id, project, input },
        on_done,
    );
    view! {
        <Modal title=(if cost.is_some() { "Edit cost" } else { "Add cost" }).to_string() on_close=on_done wide=true>
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label=format!("Amount ({})", currency.code()) error=ctl.error("amount")>
                    <DraftInput draft ctl field="amount" get=|d: &CostDraft| d.amount.clone() set=|d, v| d.amount = v autofocus=true inputmode="decimal" placeholder="1,200" />
                </Field>
                <Field label="Date" error=ctl.error("date")>
                    <DraftInput draft ctl field="date" kind="date" get=|d: &CostDraft| d.date.clone() set=|d, v| d.date = v />
                </Field>
                <Field label="Category" error=ctl.error("category")>
                    <DraftSelect draft field="category" options=categories get=|d: &CostDraft| d.category.key().to_string() set=|d, v| if let Some(c) = CostCategory::from_key(&v) { d.category = c } />
                </Field>
                <Field label="Who spent it" error=ctl.error("spent_by")>
                    <DraftSelect draft field="spent_by" options=member_options() get=|d: &CostDraft| d.spent_by.map(|o| o.to_text()).unwrap_or_default() set=|d, v| d.spent_by = MemberId::parse(&v) />
                </Field>
                <Field label="Note" error=ctl.error("note") wide=true>
                    <DraftInput draft ctl field="note" get=|d: &CostDraft| d.note.clone() set=|d, v| d.note = v placeholder="e.g. Site visits to two warehouses" />
                </Field>
                <FormActions submit_label=if cost.is_some() { "Save cost" } else { "Add cost" } on_cancel=on_done />
            </form>
        </Modal>
    }
}
