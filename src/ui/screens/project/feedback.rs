//! A project's feedback from the client and the team: rated 1–5 with the action taken, the
//! rating trend, and entries still waiting for an action flagged.

use crate::dates::Written;
use crate::engine::feedback::{feedback_trend, Direction, RECENT};
use crate::model::FeedbackDraft;
use crate::model::RecordCommand;
use crate::model::{FeedbackId, FeedbackSource, IdSource, InProject, ProjectId};
use crate::ui::components::chart::{BarChart, Group};
use crate::ui::components::dialog::{ConfirmDelete, Modal};
use crate::ui::components::form::{
    dispatch_on_submit, use_draft, DraftInput, DraftSelect, DraftTextarea, Field, FormActions,
};
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;

#[derive(Clone, PartialEq, Hash)]
struct Item {
    id: FeedbackId,
    date: chrono::NaiveDate,
    source: FeedbackSource,
    rating: u8,
    text: String,
    action: String,
}

impl Row for Item {
    type Id = FeedbackId;
    fn id(&self) -> FeedbackId {
        self.id
    }
}

fn rating_text(v: f64) -> String {
    format!("{v:.0}")
}

#[component]
pub fn FeedbackTab(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let items = Memo::new(move |_| {
        app.with(|ws| {
            let mut list: Vec<Item> = ws
                .feedback
                .iter()
                .filter(|f| f.is_live_in(id))
                .map(|f| Item {
                    id: f.id,
                    date: f.date,
                    source: f.source,
                    rating: f.rating,
                    text: f.text.clone(),
                    action: f.action.clone(),
                })
                .collect();
            crate::sorting::sort_by(&mut list, |a, b| {
                b.date.cmp(&a.date).then(a.text.cmp(&b.text))
            });
            list
        })
        .unwrap_or_default()
    });
    // Whether the list is empty, apart from the list: the view that switches on it is not
    // redrawn by an edit, so the keyed rows below keep their DOM and an edit redraws its row.
    let no_items = Memo::new(move |_| items.with(Vec::is_empty));
    let trend = Memo::new(move |_| {
        app.with(|ws| {
            let entries: Vec<_> = ws.feedback.iter().filter(|f| f.is_live_in(id)).collect();
            feedback_trend(&entries)
        })
    });
    let editing = RwSignal::new(None::<Option<FeedbackId>>);
    let deleting = RwSignal::new(None::<FeedbackId>);
    let groups = move || {
        let mut list = items.get();
        list.reverse();
        list.into_iter()
            .map(|i| Group {
                label: i.date.written("%d %b").to_string(),
                values: match i.source {
                    FeedbackSource::Client => vec![f64::from(i.rating), 0.0],
                    FeedbackSource::Team => vec![0.0, f64::from(i.rating)],
                },
                target: None,
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="feedback-layout">
            <section class="card" data-testid="feedback-trend">
                <h2>"Trend"</h2>
                {move || trend.get().map(|t| {
                    let arrow = match t.direction { Direction::Improving => "↑", Direction::Worsening => "↓", Direction::Steady => "→", Direction::Unknown => "" };
                    view! {
                        <div class="kpis compact">
                            <div class="kpi"><span>"Average rating"</span><strong>{t.average.map(|a| format!("{a:.1} / 5")).unwrap_or_else(|| "—".into())}</strong><small>{format!("{} entries", t.count)}</small></div>
                            <div class=format!("kpi trend-{}", t.direction.label().to_lowercase().replace(' ', "-"))>
                                <span>"Direction"</span><strong>{format!("{arrow} {}", t.direction.label())}</strong>
                                <small>{match (t.recent, t.previous) { (Some(r), Some(p)) if t.count > RECENT => format!("last {RECENT}: {r:.1} vs {p:.1} before"), (Some(r), Some(p)) => format!("latest {r:.1} vs {p:.1} earlier"), _ => String::new() }}</small>
                            </div>
                            <div class="kpi" class:warn={t.without_action > 0}><span>"Without action"</span><strong>{t.without_action}</strong><small>"entries to act on"</small></div>
                        </div>
                    }
                })}
                {move || (items.with(|i| i.len()) >= 2).then(|| view! {
                    <BarChart title="Feedback ratings over time".to_string() x_label="Date" y_label="Rating" stacked=true
                        series=vec![("Client", "won"), ("Team", "weighted")] groups=groups() format=rating_text />
                })}
            </section>
            <section class="section">
                <header class="section-head">
                    <h2>"Feedback"</h2>
                    <button class="button primary" on:click=move |_| editing.set(Some(None))>"Add feedback"</button>
                </header>
                {move || if no_items.get() {
                    view! { <p class="muted">"No feedback yet. Write down what the client and the team say after demos, workshops and proposals — and what you do about it."</p> }.into_any()
                } else {
                    view! {
                        <ul class="feedback-list" data-testid="feedback">
                            <Rows each=move || items.get() key=key let:i>
                                <li class="card feedback-entry" class:open=i.action.is_empty()>
                                    <div class="log-head">
                                        <span class="stars" aria-label=format!("Rated {} of 5", i.rating)>{"★".repeat(i.rating as usize)}<span class="dim">{"★".repeat(5 - i.rating as usize)}</span></span>
                                        <strong>{i.source.label()}</strong>
                                        <span class="muted">{crate::model::day(i.date).to_string()}</span>
                                        <span class="row-actions">
                                            <button class="button small" aria-label=format!("{} feedback of {}", if i.action.is_empty() { "Add action to" } else { "Edit" }, i.date) on:click=move |_| editing.set(Some(Some(i.id)))>{if i.action.is_empty() { "Add action" } else { "Edit" }}</button>
                                            <button class="button small danger-text" aria-label=format!("Delete feedback of {}", i.date) on:click=move |_| deleting.set(Some(i.id))>"Delete"</button>
                                        </span>
                                    </div>
                                    <p>{i.text.clone()}</p>
                                    {if i.action.is_empty() {
                                        view! { <p><span class="flag">"No action yet"</span></p> }.into_any()
                                    } else {
                                        view! { <p class="log-next"><span class="field-label">"Action"</span>" "{i.action.clone()}</p> }.into_any()
                                    }}
                                </li>
                            </Rows>
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
        {move || editing.get().map(|entry| view! { <FeedbackDialog project=id entry on_done=Callback::new(move |_| editing.set(None)) /> })}
        <ConfirmDelete pending=deleting title="Delete this feedback?" confirm_label="Delete" command=RecordCommand::DeleteFeedback
            message="It leaves the project's feedback and its trend." />
    }
}

#[component]
fn FeedbackDialog(
    project: ProjectId,
    entry: Option<FeedbackId>,
    on_done: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let initial = entry
        .and_then(|fid| {
            app.with(|ws| {
                ws.feedback
                    .iter()
                    .find(|f| f.id == fid)
                    .map(FeedbackDraft::from_feedback)
            })
            .flatten()
        })
        .unwrap_or_else(|| FeedbackDraft::blank(today()));
    let (draft, ctl) = use_draft(initial, FeedbackDraft::check);
    let ratings = Signal::derive(|| {
        (1..=5)
            .map(|v| {
                (
                    v.to_string(),
                    format!(
                        "{v} — {}",
                        ["very poor", "poor", "fair", "good", "excellent"][v - 1]
                    ),
                )
            })
            .collect()
    });
    let sources = Signal::derive(|| {
        FeedbackSource::ALL
            .iter()
            .map(|s| (s.key().to_string(), s.label().to_string()))
            .collect()
    });
    let id: FeedbackId = entry.unwrap_or_else(|| RandomIds.next());
    let submit = dispatch_on_submit(
        draft,
        ctl,
        FeedbackDraft::check,
        move |input| RecordCommand::SaveFeedback { id, project, input },
        on_done,
    );
    view! {
        <Modal title=(if entry.is_some() { "Edit feedback" } else { "Add feedback" }).to_string() on_close=on_done wide=true>
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label="Date" error=ctl.error("date")>
                    <DraftInput draft ctl field="date" kind="date" get=|d: &FeedbackDraft| d.date.clone() set=|d, v| d.date = v />
                </Field>
                <Field label="From" error=ctl.error("source")>
                    <DraftSelect draft field="source" options=sources get=|d: &FeedbackDraft| d.source.key().to_string() set=|d, v| if let Some(s) = FeedbackSource::from_key(&v) { d.source = s } />
                </Field>
                <Field label="Rating" error=ctl.error("rating")>
                    <DraftSelect draft field="rating" options=ratings get=|d: &FeedbackDraft| d.rating.clone() set=|d, v| d.rating = v />
                </Field>
                <Field label="Feedback" error=ctl.error("text") wide=true>
                    <DraftTextarea draft ctl field="text" get=|d: &FeedbackDraft| d.text.clone() set=|d, v| d.text = v placeholder="What they said, in their words" />
                </Field>
                <Field label="Action taken" error=ctl.error("action") wide=true hint="Leave empty until you act on it; open feedback is flagged.">
                    <DraftTextarea draft ctl field="action" get=|d: &FeedbackDraft| d.action.clone() set=|d, v| d.action = v placeholder="What we changed or will do" rows=2 />
                </Field>
                <FormActions submit_label=if entry.is_some() { "Save feedback" } else { "Add feedback" } on_cancel=on_done />
            </form>
        </Modal>
    }
}
