//! A project's communication log: dated conversations with the channel, who took part, what
//! was said and the agreed next step. Logging one moves its people's last contact forward.

use crate::dates::Written;
use crate::model::RecordCommand;
use crate::model::{CommunicationId, InProject, ProjectId};
use crate::ui::components::dialog::ConfirmDelete;
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::state::{today, use_app};
use leptos::prelude::*;

#[derive(Clone, PartialEq, Hash)]
struct Entry {
    id: CommunicationId,
    date: String,
    channel: String,
    people: String,
    summary: String,
    next_step: Option<String>,
    next_step_due: bool,
}

impl Row for Entry {
    type Id = CommunicationId;
    fn id(&self) -> CommunicationId {
        self.id
    }
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
            crate::sorting::sort_by(&mut list, |a, b| {
                b.date
                    .cmp(&a.date)
                    .then(b.stamp.created_at.cmp(&a.stamp.created_at))
            });
            list.into_iter()
                .map(|c| Entry {
                    id: c.id,
                    date: crate::model::weekday(c.date).to_string(),
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
                        Some(d) => format!("{} — by {}", c.next_step, crate::model::day(d)),
                        None => c.next_step.clone(),
                    }),
                    next_step_due: c.next_step_date.is_some_and(|d| d >= today),
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    // Whether the list is empty, apart from the list: the view that switches on it is not
    // redrawn by an edit, so the keyed rows below keep their DOM and an edit redraws its row.
    let no_entries = Memo::new(move |_| entries.with(Vec::is_empty));
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
                    <p class="next-step" data-testid="next-step"><strong>"Next step: "</strong>{step}{format!(" — by {}", date.written("%a %d %b"))}</p>
                }.into_any(),
                None => view! {
                    <p class="banner warning" data-testid="next-step">"No next step agreed. Log the conversation where you agree one, with its date."</p>
                }.into_any(),
            }}
            {move || if no_entries.get() {
                view! { <p class="muted">"Nothing logged yet. Log calls, meetings and emails with the client so the whole team knows where things stand."</p> }.into_any()
            } else {
                view! {
                    <ol class="log" data-testid="conversations">
                        <Rows each=move || entries.get() key=key let:e>
                            <li class="log-entry card">
                                <div class="log-head">
                                    <strong>{e.channel.clone()}</strong>
                                    <span class="muted">{e.date.clone()}</span>
                                    {(!e.people.is_empty()).then(|| view! { <span class="muted">{format!("with {}", e.people)}</span> })}
                                    <span class="row-actions">
                                        <crate::ui::components::dialog::EditDelete what=format!("conversation of {}", e.date) on_edit=Callback::new(move |_| editing.set(Some(Some(e.id)))) on_delete=Callback::new(move |_| deleting.set(Some(e.id))) />
                                    </span>
                                </div>
                                <p>{e.summary.clone()}</p>
                                {e.next_step.clone().map(|s| view! { <p class="log-next" class:past=!e.next_step_due><span class="field-label">"Next step"</span>" "{s}</p> })}
                            </li>
                        </Rows>
                    </ol>
                }.into_any()
            }}
        </section>
        {move || editing.get().map(|entry| view! { <crate::ui::components::conversation_dialog::ConversationDialog project=id entry with=Vec::new() on_done=Callback::new(move |_| editing.set(None)) /> })}
        <ConfirmDelete pending=deleting title="Delete this entry?" confirm_label="Delete" command=RecordCommand::DeleteCommunication
            message="The conversation leaves the log. People's last contact stays as it is." />
    }
}
