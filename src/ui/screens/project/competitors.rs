//! Who else is bidding for a deal: each competitor's strengths and weaknesses, how much of a
//! threat they are (1–5) and whether they are still in it, added and edited here.

use crate::model::{
    CompetitorId, CompetitorInput, CompetitorStatus, IdSource, InProject, ProjectId, RecordCommand,
    Workspace,
};
use crate::ui::components::dialog::{ConfirmDelete, Modal};
use crate::ui::components::form::{
    dispatch_on_submit, use_draft, DraftInput, DraftSelect, DraftTextarea, Field, FormActions,
};
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::state::use_app;
use crate::ui::RandomIds;
use leptos::prelude::*;

/// One competitor as the table shows it.
#[derive(Clone, PartialEq, Hash)]
struct CompetitorRow {
    id: CompetitorId,
    name: String,
    threat: u8,
    status: CompetitorStatus,
    strengths: String,
    weaknesses: String,
    notes: String,
}

impl Row for CompetitorRow {
    type Id = CompetitorId;
    fn id(&self) -> CompetitorId {
        self.id
    }
}

/// The project's competitors: those still in it first, the biggest threat first.
fn competitor_rows(ws: &Workspace, project: ProjectId) -> Vec<CompetitorRow> {
    let mut rows: Vec<CompetitorRow> = ws
        .competitors
        .iter()
        .filter(|c| c.is_live_in(project))
        .map(|c| CompetitorRow {
            id: c.id,
            name: c.name.clone(),
            threat: c.threat,
            status: c.status,
            strengths: c.strengths.clone(),
            weaknesses: c.weaknesses.clone(),
            notes: c.notes.clone(),
        })
        .collect();
    crate::sorting::sort_by(&mut rows, |a, b| {
        let out = |r: &CompetitorRow| r.status != CompetitorStatus::Active;
        out(a)
            .cmp(&out(b))
            .then(b.threat.cmp(&a.threat))
            .then(a.name.cmp(&b.name))
    });
    rows
}

fn or_dash(text: &str) -> String {
    if text.is_empty() {
        "—".into()
    } else {
        text.to_string()
    }
}

#[component]
pub fn CompetitorsTab(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| app.with(|ws| competitor_rows(ws, id)).unwrap_or_default());
    // Whether the list is empty, apart from the list: the view that switches on it is not
    // redrawn by an edit, so the keyed rows below keep their DOM and an edit redraws its row.
    let empty = Memo::new(move |_| rows.with(Vec::is_empty));
    let editing = RwSignal::new(None::<Option<CompetitorId>>);
    let deleting = RwSignal::new(None::<CompetitorId>);
    view! {
        <section class="section">
            <header class="section-head">
                <div>
                    <h2>"Competitors"</h2>
                    <p class="muted">"Who else is bidding, what they are good and bad at, and how much of a threat they are. A lost deal can name the one it was lost to."</p>
                </div>
                <button class="button primary" on:click=move |_| editing.set(Some(None))>"Add competitor"</button>
            </header>
            {move || if empty.get() {
                view! { <p class="muted">"No competitors noted yet. Add the vendors the client is also talking to."</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table stack competitors-table" data-testid="competitors">
                            <thead><tr>
                                <th scope="col">"Competitor"</th><th scope="col">"Threat"</th><th scope="col">"Status"</th>
                                <th scope="col">"Strengths"</th><th scope="col">"Weaknesses"</th><th scope="col">"Notes"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>
                                <Rows each=move || rows.get() key=key let:c>
                                    <tr class:done=c.status != CompetitorStatus::Active>
                                        <th scope="row">{c.name.clone()}</th>
                                        <td data-label="Threat"><span class=format!("threat threat-{}", c.threat)>{format!("{} of 5", c.threat)}</span></td>
                                        <td data-label="Status">{c.status.label()}</td>
                                        <td data-label="Strengths">{or_dash(&c.strengths)}</td>
                                        <td data-label="Weaknesses">{or_dash(&c.weaknesses)}</td>
                                        <td data-label="Notes" class="muted">{or_dash(&c.notes)}</td>
                                        <td class="row-actions">
                                            <crate::ui::components::dialog::EditDelete what=format!("competitor {}", c.name) on_edit=Callback::new(move |_| editing.set(Some(Some(c.id)))) on_delete=Callback::new(move |_| deleting.set(Some(c.id))) />
                                        </td>
                                    </tr>
                                </Rows>
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        {move || editing.get().map(|entry| view! { <CompetitorDialog project=id entry on_done=Callback::new(move |_| editing.set(None)) /> })}
        <ConfirmDelete pending=deleting title="Delete this competitor?" confirm_label="Delete" command=RecordCommand::DeleteCompetitor
            message="It leaves the deal's list of competitors." />
    }
}

#[component]
fn CompetitorDialog(
    project: ProjectId,
    entry: Option<CompetitorId>,
    on_done: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let initial = entry
        .and_then(|cid| {
            app.with(|ws| ws.competitors.get(cid.0).map(CompetitorInput::of))
                .flatten()
        })
        .unwrap_or_else(CompetitorInput::blank);
    let (draft, ctl) = use_draft(initial, CompetitorInput::check);
    let threats = Signal::derive(|| {
        crate::model::kinds::competitor::THREAT_LEVELS
            .map(|v| {
                let word = ["low", "some", "medium", "high", "very high"][usize::from(v) - 1];
                (v.to_string(), format!("{v} — {word}"))
            })
            .collect()
    });
    let statuses = Signal::derive(|| {
        CompetitorStatus::ALL
            .iter()
            .map(|s| (s.key().to_string(), s.label().to_string()))
            .collect()
    });
    let id: CompetitorId = entry.unwrap_or_else(|| RandomIds.next());
    let submit = dispatch_on_submit(
        draft,
        ctl,
        CompetitorInput::check,
        move |input| RecordCommand::SaveCompetitor { id, project, input },
        on_done,
    );
    view! {
        <Modal title=(if entry.is_some() { "Edit competitor" } else { "Add competitor" }).to_string() on_close=on_done wide=true>
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label="Competitor" error=ctl.error("name")>
                    <DraftInput draft ctl field="name" get=|d: &CompetitorInput| d.name.clone() set=|d, v| d.name = v autofocus=true placeholder="e.g. Northstar IT" />
                </Field>
                <Field label="Threat" error=ctl.error("threat")>
                    <DraftSelect draft field="threat" options=threats get=|d: &CompetitorInput| d.threat.to_string() set=|d, v| if let Ok(t) = v.parse() { d.threat = t } />
                </Field>
                <Field label="Status" error=ctl.error("status")>
                    <DraftSelect draft field="status" options=statuses get=|d: &CompetitorInput| d.status.key().to_string() set=|d, v| if let Some(s) = CompetitorStatus::from_key(&v) { d.status = s } />
                </Field>
                <Field label="Strengths" error=ctl.error("strengths") wide=true>
                    <DraftTextarea draft ctl field="strengths" get=|d: &CompetitorInput| d.strengths.clone() set=|d, v| d.strengths = v rows=2 placeholder="Where they are stronger than us" />
                </Field>
                <Field label="Weaknesses" error=ctl.error("weaknesses") wide=true>
                    <DraftTextarea draft ctl field="weaknesses" get=|d: &CompetitorInput| d.weaknesses.clone() set=|d, v| d.weaknesses = v rows=2 placeholder="Where we win against them" />
                </Field>
                <Field label="Notes" error=ctl.error("notes") wide=true>
                    <DraftTextarea draft ctl field="notes" get=|d: &CompetitorInput| d.notes.clone() set=|d, v| d.notes = v rows=2 />
                </Field>
                <FormActions submit_label=if entry.is_some() { "Save competitor" } else { "Add competitor" } on_cancel=on_done />
            </form>
        </Modal>
    }
}
