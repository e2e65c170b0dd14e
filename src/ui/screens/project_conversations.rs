//! A project's communication log: dated conversations with the channel, who took part, what
//! was said and the agreed next step. Logging one moves its people's last contact forward.

use crate::engine::status_update::UPDATE_CHANNEL;
use crate::model::draft::CommunicationDraft;
use crate::model::{Command, CommunicationId, IdSource, InProject, ProjectId, StakeholderId};
use crate::ui::components::dialog::{ConfirmDelete, Modal};
use crate::ui::components::form::{
    submitted, use_draft, DraftInput, DraftTextarea, Field, FormActions,
};
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;

/// The channels offered when logging; a logged entry may carry any other text.
const CHANNELS: [&str; 7] = [
    "Call",
    "Meeting",
    "Video call",
    "Email",
    "Message",
    "Event",
    UPDATE_CHANNEL,
];

#[derive(Clone, PartialEq)]
struct Entry {
    id: CommunicationId,
    date: String,
    channel: String,
    people: String,
    summary: String,
    next_step: Option<String>,
    next_step_due: bool,
}

#[component]
pub fn ConversationsTab(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let entries = Memo::new(move |_| {
        let today = today();
        app.with(|ws| {
            let mut list: Vec<_> = ws
                .communications
                .iter()
                .filter(|c| c.is_live_in(id))
                .collect();
            list.sort_by(|a, b| {
                b.date
                    .cmp(&a.date)
                    .then(b.stamp.created_at.cmp(&a.stamp.created_at))
            });
            list.into_iter()
                .map(|c| Entry {
                    id: c.id,
                    date: c.date.format("%a %d %b %Y").to_string(),
                    channel: if c.channel.is_empty() {
                        "Conversation".into()
                    } else {
                        c.channel.clone()
                    },
                    people: c
                        .stakeholders
                        .iter()
                        .filter_map(|sid| ws.stakeholders.iter().find(|s| s.id == *sid))
                        .map(|s| s.name.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                    summary: c.summary.clone(),
                    next_step: (!c.next_step.is_empty()).then(|| match c.next_step_date {
                        Some(d) => format!("{} — by {}", c.next_step, d.format("%d %b %Y")),
                        None => c.next_step.clone(),
                    }),
                    next_step_due: c.next_step_date.is_some_and(|d| d >= today),
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let next_step = Memo::new(move |_| {
        let today = today();
        app.with(|ws| {
            ws.communications
                .iter()
                .filter(|c| c.is_live_in(id) && !c.next_step.is_empty())
                .filter_map(|c| {
                    c.next_step_date
                        .filter(|d| *d >= today)
                        .map(|d| (d, c.next_step.clone()))
                })
                .min()
        })
        .flatten()
    });
    let editing = RwSignal::new(None::<Option<CommunicationId>>);
    let deleting = RwSignal::new(None::<CommunicationId>);
    view! {
        <section class="section">
            <header class="section-head">
                <h2>"Conversations"</h2>
                <button class="button primary" on:click=move |_| editing.set(Some(None))>"Log a conversation"</button>
            </header>
            {move || match next_step.get() {
                Some((date, step)) => view! {
                    <p class="next-step" data-testid="next-step"><strong>"Next step: "</strong>{step}{format!(" — by {}", date.format("%a %d %b"))}</p>
                }.into_any(),
                None => view! {
                    <p class="banner warning" data-testid="next-step">"No next step agreed. Log the conversation where you agree one, with its date."</p>
                }.into_any(),
            }}
            {move || if entries.with(|e| e.is_empty()) {
                view! { <p class="muted">"Nothing logged yet. Log calls, meetings and emails with the client so the whole team knows where things stand."</p> }.into_any()
            } else {
                view! {
                    <ol class="log" data-testid="conversations">
                        <For each=move || entries.get() key=|e| (e.id, e.date.clone(), e.summary.clone(), e.next_step.clone(), e.people.clone(), e.channel.clone()) let:e>
                            <li class="log-entry card">
                                <div class="log-head">
                                    <strong>{e.channel.clone()}</strong>
                                    <span class="muted">{e.date.clone()}</span>
                                    {(!e.people.is_empty()).then(|| view! { <span class="muted">{format!("with {}", e.people)}</span> })}
                                    <span class="row-actions">
                                        <button class="button small" aria-label=format!("Edit conversation of {}", e.date) on:click=move |_| editing.set(Some(Some(e.id)))>"Edit"</button>
                                        <button class="button small danger-text" aria-label=format!("Delete conversation of {}", e.date) on:click=move |_| deleting.set(Some(e.id))>"Delete"</button>
                                    </span>
                                </div>
                                <p>{e.summary.clone()}</p>
                                {e.next_step.clone().map(|s| view! { <p class="log-next" class:past=!e.next_step_due><span class="field-label">"Next step"</span>" "{s}</p> })}
                            </li>
                        </For>
                    </ol>
                }.into_any()
            }}
        </section>
        {move || editing.get().map(|entry| view! { <ConversationDialog project=id entry with=Vec::new() on_done=Callback::new(move |_| editing.set(None)) /> })}
        <ConfirmDelete pending=deleting title="Delete this entry?" confirm_label="Delete" command=Command::DeleteCommunication
            message="The conversation leaves the log. People's last contact stays as it is." />
    }
}

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
        match app.dispatch(Command::SaveCommunication { id, project, input }) {
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
