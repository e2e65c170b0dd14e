//! Logging a conversation, from the Conversations and People tabs.

use crate::engine::status_update::UPDATE_CHANNEL;
use crate::model::CommunicationDraft;
use crate::model::RecordCommand;
use crate::model::{CommunicationId, IdSource, InProject, ProjectId, StakeholderId};
use crate::ui::components::dialog::Modal;
use crate::ui::components::form::{
    submitted, use_draft, DraftInput, DraftTextarea, Field, FormActions,
};
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;

/// The channels offered when logging; a logged entry may carry any other text.
pub const CHANNELS: [&str; 7] = [
    "Call",
    "Meeting",
    "Video call",
    "Email",
    "Message",
    "Event",
    UPDATE_CHANNEL,
];

/// Logs a conversation (or edits `entry`), with `with` ticked as taking part.
#[component]
pub fn ConversationDialog(
    project: ProjectId,
    entry: Option<CommunicationId>,
    with: Vec<StakeholderId>,
    on_done: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let today = today();
    let initial = entry
        .and_then(|cid| {
            app.with(|ws| {
                ws.communications
                    .iter()
                    .find(|c| c.id == cid)
                    .map(CommunicationDraft::from_communication)
            })
            .flatten()
        })
        .unwrap_or_else(|| CommunicationDraft {
            stakeholders: with,
            ..CommunicationDraft::blank(today)
        });
    let check = move |d: &CommunicationDraft| d.check(today);
    let (draft, ctl) = use_draft(initial, check);
    let people = Memo::new(move |_| {
        app.with(|ws| {
            ws.stakeholders
                .iter()
                .filter(|s| s.is_live_in(project))
                .map(|s| (s.id, s.name.clone(), s.buying_role.map(|r| r.label())))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let error = RwSignal::new(None::<String>);
    let submit = move |ev| {
        let Some(input) = submitted(ev, draft, ctl, check) else {
            return;
        };
        let id: CommunicationId = entry.unwrap_or_else(|| RandomIds.next());
        match app.dispatch(RecordCommand::SaveCommunication { id, project, input }) {
            Ok(_) => on_done.run(()),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <Modal title=(if entry.is_some() { "Edit conversation" } else { "Log a conversation" }).to_string() on_close=on_done wide=true>
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label="Date" error=ctl.error("date")>
                    <DraftInput draft ctl field="date" kind="date" get=|d: &CommunicationDraft| d.date.clone() set=|d, v| d.date = v />
                </Field>
                <div class="field">
                    <label>
                        <span class="field-label">"Channel"</span>
                        <select name="channel" on:change=move |ev| draft.update(|d| d.channel = event_target_value(&ev))>
                            {move || {
                                let current = draft.with(|d| d.channel.clone());
                                let mut options: Vec<String> = CHANNELS.iter().map(|c| c.to_string()).collect();
                                if !current.is_empty() && !options.contains(&current) {
                                    options.push(current.clone());
                                }
                                options.into_iter().map(|c| view! { <option value=c.clone() selected=c == current>{c.clone()}</option> }).collect_view()
                            }}
                        </select>
                    </label>
                </div>
                <fieldset class="wide people-pick">
                    <legend class="field-label">"Who took part"</legend>
                    {move || {
                        let list = people.get();
                        if list.is_empty() {
                            return view! { <p class="muted">"Add the project's people on the People tab to tick them here."</p> }.into_any();
                        }
                        list.into_iter().map(|(sid, name, role)| view! {
                            <label class="check-label">
                                <input type="checkbox" name="stakeholder"
                                    prop:checked=move || draft.with(|d| d.stakeholders.contains(&sid))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        draft.update(|d| {
                                            d.stakeholders.retain(|s| *s != sid);
                                            if on { d.stakeholders.push(sid); }
                                        });
                                    } />
                                {format!(" {name}")}
                                {role.map(|r| view! { <span class="kind">{r}</span> })}
                            </label>
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <Field label="What was discussed" error=ctl.error("summary") wide=true>
                    <DraftTextarea draft ctl field="summary" get=|d: &CommunicationDraft| d.summary.clone() set=|d, v| d.summary = v placeholder="Decisions, objections, what changed" />
                </Field>
                <Field label="Agreed next step" error=ctl.error("next_step")>
                    <DraftInput draft ctl field="next_step" get=|d: &CommunicationDraft| d.next_step.clone() set=|d, v| d.next_step = v placeholder="e.g. Send revised pricing" />
                </Field>
                <Field label="Next step by" error=ctl.error("next_step_date")>
                    <DraftInput draft ctl field="next_step_date" kind="date" get=|d: &CommunicationDraft| d.next_step_date.clone() set=|d, v| d.next_step_date = v />
                </Field>
                {move || error.get().map(|e| view! { <p class="field-error wide" role="alert">{e}</p> })}
                <FormActions submit_label=if entry.is_some() { "Save" } else { "Log conversation" } on_cancel=on_done />
            </form>
        </Modal>
    }
}
