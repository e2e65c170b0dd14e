//! The project form, used to create a project and to edit one.

use crate::model::draft::{ProjectDraft, ProjectInput};
use crate::model::{MemberId, ProjectKind, ProjectStatus, Stage};
use crate::ui::components::form::{
    submitted, use_draft, DraftInput, DraftSelect, Field, FormActions,
};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Options for an owner picker: every live member, plus "Unassigned".
pub fn member_options() -> Signal<Vec<(String, String)>> {
    let app = use_app();
    Signal::derive(move || {
        let mut options = vec![(String::new(), "Unassigned".to_string())];
        app.with(|ws| options.extend(ws.live_members().map(|m| (m.id.to_text(), m.name.clone()))));
        options
    })
}

fn fixed<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (key(*v).to_string(), label(*v).to_string()))
        .collect()
}

#[component]
pub fn ProjectForm(
    initial: ProjectDraft,
    submit_label: &'static str,
    on_save: Callback<ProjectInput>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let (draft, ctl) = use_draft(initial, ProjectDraft::check);
    let submit = move |ev| {
        if let Some(input) = submitted(ev, draft, ctl, ProjectDraft::check) {
            on_save.run(input);
        }
    };
    view! {
        <form class="form-grid" on:submit=submit novalidate=true>
            <Field label="Project name" error=ctl.error("name") wide=true>
                <DraftInput draft ctl field="name" get=|d: &ProjectDraft| d.name.clone() set=|d, v| d.name = v autofocus=true placeholder="e.g. Helios Logistics — managed IT services" />
            </Field>
            <Field label="Kind" error=ctl.error("kind")>
                <DraftSelect draft field="kind" options=Signal::derive(|| fixed(&ProjectKind::ALL, ProjectKind::key, ProjectKind::label))
                    get=|d: &ProjectDraft| d.kind.key().to_string()
                    set=|d, v| if let Some(k) = ProjectKind::from_key(&v) { d.kind = k } />
            </Field>
            <Field label="Client" error=ctl.error("client")>
                <DraftInput draft ctl field="client" get=|d: &ProjectDraft| d.client.clone() set=|d, v| d.client = v placeholder="Organisation" />
            </Field>
            <Field label="Owner" error=ctl.error("owner")>
                <DraftSelect draft field="owner" options=member_options()
                    get=|d: &ProjectDraft| d.owner.map(|o| o.to_text()).unwrap_or_default()
                    set=|d, v| d.owner = MemberId::parse(&v) />
            </Field>
            <Field label="Stage" error=ctl.error("stage")>
                <DraftSelect draft field="stage" options=Signal::derive(|| fixed(&Stage::ALL, Stage::key, Stage::label))
                    get=|d: &ProjectDraft| d.stage.key().to_string()
                    set=|d, v| if let Some(s) = Stage::from_key(&v) {
                        // The probability follows the stage unless someone typed their own.
                        if d.probability.trim() == d.stage.default_probability().to_string() {
                            d.probability = s.default_probability().to_string();
                        }
                        d.stage = s;
                    } />
            </Field>
            <Field label="Status" error=ctl.error("status")>
                <DraftSelect draft field="status" options=Signal::derive(|| fixed(&ProjectStatus::ALL, ProjectStatus::key, ProjectStatus::label))
                    get=|d: &ProjectDraft| d.status.key().to_string()
                    set=|d, v| if let Some(s) = ProjectStatus::from_key(&v) { d.status = s } />
            </Field>
            <Field label="Value" error=ctl.error("value") hint="Expected revenue when won">
                <DraftInput draft ctl field="value" get=|d: &ProjectDraft| d.value.clone() set=|d, v| d.value = v inputmode="decimal" placeholder="250,000" />
            </Field>
            <Field label="Currency" error=ctl.error("currency")>
                <DraftInput draft ctl field="currency" get=|d: &ProjectDraft| d.currency.clone() set=|d, v| d.currency = v placeholder="EUR" />
            </Field>
            <Field label="Probability (%)" error=ctl.error("probability")>
                <DraftInput draft ctl field="probability" get=|d: &ProjectDraft| d.probability.clone() set=|d, v| d.probability = v inputmode="numeric" />
            </Field>
            <Field label="Start date" error=ctl.error("start_date")>
                <DraftInput draft ctl field="start_date" kind="date" get=|d: &ProjectDraft| d.start_date.clone() set=|d, v| d.start_date = v />
            </Field>
            <Field label="Target date" error=ctl.error("target_date")>
                <DraftInput draft ctl field="target_date" kind="date" get=|d: &ProjectDraft| d.target_date.clone() set=|d, v| d.target_date = v />
            </Field>
            <Field label="Goal and description" error=ctl.error("description") wide=true>
                <textarea
                    name="description"
                    rows="3"
                    prop:value=move || draft.with(|d| d.description.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| d.description = v);
                    }
                ></textarea>
            </Field>
            <FormActions submit_label on_cancel />
        </form>
    }
}
