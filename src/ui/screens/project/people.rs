//! A project's people: the buying committee and our own team, with buying role, influence,
//! stance and contact cadence. An influence × stance grid shows where support is missing;
//! people out of their cadence and a deal without a known decision maker are flagged.

use crate::engine::people::{contact_gap, missing_decision_maker};
use crate::model::RecordCommand;
use crate::model::StakeholderDraft;
use crate::model::{
    BuyingRole, Cadence, IdSource, InProject, Level, ProjectId, Stakeholder, StakeholderId, Stance,
};
use crate::ui::components::conversation_dialog::ConversationDialog;
use crate::ui::components::dialog::{ConfirmDelete, Modal};
use crate::ui::components::form::{
    dispatch_on_submit, use_draft, DraftInput, DraftSelect, Field, FormActions,
};
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;

#[derive(Clone, PartialEq, Hash)]
struct PersonRow {
    id: StakeholderId,
    name: String,
    title: String,
    organisation: String,
    internal: bool,
    role: Option<BuyingRole>,
    influence: Level,
    stance: Stance,
    channel: String,
    cadence: Option<Cadence>,
    last_contact: Option<String>,
    /// "not contacted for 24 days (cadence: weekly)" when out of cadence.
    gap: Option<String>,
}

impl Row for PersonRow {
    type Id = StakeholderId;
    fn id(&self) -> StakeholderId {
        self.id
    }
}

fn row(s: &Stakeholder, today: chrono::NaiveDate) -> PersonRow {
    PersonRow {
        id: s.id,
        name: s.name.clone(),
        title: s.title.clone(),
        organisation: s.organisation.clone(),
        internal: s.internal,
        role: s.buying_role,
        influence: s.influence,
        stance: s.stance,
        channel: s.channel.clone(),
        cadence: s.cadence,
        last_contact: s.last_contact.map(|d| crate::model::day(d).to_string()),
        gap: contact_gap(s, today).map(|g| match g.days {
            Some(days) => format!("Out of cadence: {days} days"),
            None => "Never contacted".into(),
        }),
    }
}

/// `(value, label)` options for an optional choice, with "—" for none.
fn choice_options<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    none: Option<&'static str>,
) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        none.map(|n| (String::new(), n.to_string()))
            .into_iter()
            .chain(
                all.iter()
                    .map(|v| (key(*v).to_string(), label(*v).to_string())),
            )
            .collect()
    })
}

#[component]
pub fn PeopleTab(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| {
        let today = today();
        app.with(|ws| {
            let mut rows: Vec<PersonRow> = ws
                .stakeholders
                .iter()
                .filter(|s| s.is_live_in(id))
                .map(|s| row(s, today))
                .collect();
            crate::sorting::sort_by(&mut rows, |a, b| {
                a.internal
                    .cmp(&b.internal)
                    .then(b.influence.cmp(&a.influence))
                    .then(a.name.cmp(&b.name))
            });
            rows
        })
        .unwrap_or_default()
    });
    // Whether the list is empty, apart from the list: the view that switches on it is not
    // redrawn by an edit, so the keyed rows below keep their DOM and an edit redraws its row.
    let empty = Memo::new(move |_| rows.with(Vec::is_empty));
    let no_decider = Memo::new(move |_| {
        app.with(|ws| {
            ws.project(id)
                .is_some_and(|p| missing_decision_maker(ws, p))
        })
        .unwrap_or(false)
    });
    let editing = RwSignal::new(None::<Option<StakeholderId>>);
    let deleting = RwSignal::new(None::<StakeholderId>);
    let logging = RwSignal::new(None::<StakeholderId>);
    let out_of_cadence = move || rows.with(|r| r.iter().filter(|p| p.gap.is_some()).count());

    view! {
        {move || no_decider.get().then(|| view! {
            <div class="banner warning" role="status" data-testid="no-decision-maker">
                <strong>"No decision maker known."</strong>
                " Who signs this deal? Add them, or give someone the Decision maker role."
            </div>
        })}
        <div class="people-layout">
            <section class="card grid-card">
                <h2>"Influence × stance"</h2>
                <p class="muted">"Work on the top right: people with influence who are not for us yet."</p>
                <div class="stance-grid" role="table" tabindex="0" aria-label="Stakeholders by influence and stance" data-testid="stance-grid">
                    <div role="row" class="stance-row stance-head">
                        <span role="columnheader" class="stance-corner">"Influence ↓ / stance →"</span>
                        {Stance::ALL.iter().map(|s| view! { <span role="columnheader">{s.label()}</span> }).collect_view()}
                    </div>
                    {[Level::High, Level::Medium, Level::Low].into_iter().map(|level| view! {
                        <div role="row" class="stance-row">
                            <span role="rowheader" class="stance-level">{level.label()}</span>
                            {Stance::ALL.iter().map(|stance| {
                                let stance = *stance;
                                let people = move || rows.with(|r| r.iter().filter(|p| p.influence == level && p.stance == stance).cloned().collect::<Vec<_>>());
                                let hot = level == Level::High && stance >= Stance::Neutral;
                                view! {
                                    <div role="cell" class="stance-cell" class:hot=hot>
                                        {move || people().into_iter().map(|p| {
                                            let pid = p.id;
                                            view! {
                                                <button class="person-chip" class:internal=p.internal class:late=p.gap.is_some()
                                                    title=p.gap.clone().unwrap_or_default()
                                                    on:click=move |_| editing.set(Some(Some(pid)))>
                                                    {p.name.clone()}
                                                </button>
                                            }
                                        }).collect_view()}
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }).collect_view()}
                </div>
            </section>
            <section class="section">
                <header class="section-head">
                    <h2>"People"</h2>
                    <div class="head-actions">
                        {move || (out_of_cadence() > 0).then(|| view! { <span class="flag">{format!("{} out of cadence", out_of_cadence())}</span> })}
                        <button class="button primary" on:click=move |_| editing.set(Some(None))>"Add person"</button>
                    </div>
                </header>
                {move || if empty.get() {
                    view! { <p class="muted">"Nobody yet. Add the buying committee — decision maker, champion, economic buyer — and our own people on the deal."</p> }.into_any()
                } else {
                    view! {
                        <div class="table-wrap">
                            <table class="data-table stack people-table" data-testid="people">
                                <thead><tr>
                                    <th scope="col">"Name"</th><th scope="col">"Role"</th><th scope="col">"Influence"</th>
                                    <th scope="col">"Stance"</th><th scope="col">"Cadence"</th><th scope="col">"Last contact"</th>
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr></thead>
                                <tbody>
                                    <Rows each=move || rows.get() key=key let:p>
                                        <tr>
                                            <th scope="row">
                                                {p.name.clone()}
                                                <span class="kind">{[p.title.clone(), p.organisation.clone(), if p.internal { "our side".into() } else { String::new() }].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</span>
                                            </th>
                                            <td data-label="Role">{p.role.map(|r| r.label()).unwrap_or("—")}</td>
                                            <td data-label="Influence">{p.influence.label()}</td>
                                            <td data-label="Stance"><span class=format!("stance stance-{}", p.stance.key())>{p.stance.label()}</span></td>
                                            <td data-label="Cadence">{p.cadence.map(|c| c.label()).unwrap_or("—")}{(!p.channel.is_empty()).then(|| view! { <span class="kind">{p.channel.clone()}</span> })}</td>
                                            <td data-label="Last contact" class:overdue=p.gap.is_some()>
                                                {p.last_contact.clone().unwrap_or_else(|| "—".into())}
                                                {p.gap.clone().map(|g| view! { <span class="flag">{g}</span> })}
                                            </td>
                                            <td class="row-actions">
                                                <button class="button small" aria-label=format!("Log contact with {}", p.name) on:click=move |_| logging.set(Some(p.id))>"Log contact"</button>
                                                {p.cadence.is_some().then(|| view! {
                                                    <button class="button small" aria-label=format!("Make contacting {} a recurring task", p.name) on:click=move |_| cadence_task(id, p.id)>"Recurring task"</button>
                                                })}
                                                <crate::ui::components::dialog::EditDelete what=p.name.clone() on_edit=Callback::new(move |_| editing.set(Some(Some(p.id)))) on_delete=Callback::new(move |_| deleting.set(Some(p.id))) remove=true />
                                            </td>
                                        </tr>
                                    </Rows>
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }}
            </section>
        </div>
        {move || editing.get().map(|person| view! { <PersonDialog project=id person on_done=Callback::new(move |_| editing.set(None)) /> })}
        {move || logging.get().map(|who| view! { <ConversationDialog project=id entry=None with=vec![who] on_done=Callback::new(move |_| logging.set(None)) /> })}
        <ConfirmDelete pending=deleting title="Remove this person?" confirm_label="Remove" command=RecordCommand::DeleteStakeholder
            message="They leave the project's people. Conversations that mention them stay in the log. Undo (Ctrl+Z) brings them back." />
    }
}

/// A person's cadence as a recurring task of the project, in one click.
fn cadence_task(project: ProjectId, person: StakeholderId) {
    let app = use_app();
    let today = today();
    let Some(input) = app
        .with(|ws| {
            let owner = app
                .me
                .get_untracked()
                .or(ws.project(project).and_then(|p| p.owner));
            ws.stakeholders
                .get(person.0)
                .and_then(|s| crate::model::TaskInput::cadence(s, owner, today))
        })
        .flatten()
    else {
        return;
    };
    let said = format!(
        "Added “{}”, first due {}, then at their cadence. Today lists it when it is due.",
        input.title,
        input
            .due_date
            .map(|d| crate::model::day(d).to_string())
            .unwrap_or_default()
    );
    let id: crate::model::TaskId = RandomIds.next();
    match app.dispatch(crate::model::PlanCommand::AddTask { id, project, input }) {
        Ok(()) => app.notify(said),
        Err(e) => app.notify_error(e.to_string()),
    }
}

#[component]
fn PersonDialog(
    project: ProjectId,
    person: Option<StakeholderId>,
    on_done: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let initial = app
        .with(|ws| {
            person
                .and_then(|sid| ws.stakeholders.iter().find(|s| s.id == sid))
                .map(StakeholderDraft::from_stakeholder)
                .unwrap_or_else(|| {
                    StakeholderDraft::blank(
                        &ws.project(project)
                            .map(|p| p.client.clone())
                            .unwrap_or_default(),
                    )
                })
        })
        .unwrap_or_else(|| StakeholderDraft::blank(""));
    let today = today();
    let check = move |d: &StakeholderDraft| d.check(today);
    let (draft, ctl) = use_draft(initial, check);
    let id: StakeholderId = person.unwrap_or_else(|| RandomIds.next());
    let submit = dispatch_on_submit(
        draft,
        ctl,
        check,
        move |input| RecordCommand::SaveStakeholder { id, project, input },
        on_done,
    );
    let roles = choice_options(
        BuyingRole::ALL,
        BuyingRole::key,
        BuyingRole::label,
        Some("—"),
    );
    let levels = choice_options(Level::ALL, Level::key, Level::label, None);
    let stances = choice_options(Stance::ALL, Stance::key, Stance::label, None);
    let cadences = choice_options(
        Cadence::ALL,
        Cadence::key,
        Cadence::label,
        Some("No fixed cadence"),
    );
    view! {
        <Modal title=(if person.is_some() { "Edit person" } else { "Add person" }).to_string() on_close=on_done wide=true>
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label="Name" error=ctl.error("name")>
                    <DraftInput draft ctl field="name" get=|d: &StakeholderDraft| d.name.clone() set=|d, v| d.name = v autofocus=true placeholder="e.g. Anna Keller" />
                </Field>
                <Field label="Job title" error=ctl.error("title")>
                    <DraftInput draft ctl field="title" get=|d: &StakeholderDraft| d.title.clone() set=|d, v| d.title = v placeholder="e.g. COO" />
                </Field>
                <Field label="Organisation" error=ctl.error("organisation")>
                    <DraftInput draft ctl field="organisation" get=|d: &StakeholderDraft| d.organisation.clone() set=|d, v| d.organisation = v />
                </Field>
                <div class="field">
                    <label class="check-label">
                        <input type="checkbox" name="internal" prop:checked=move || draft.with(|d| d.internal)
                            on:change=move |ev| draft.update(|d| d.internal = event_target_checked(&ev)) />
                        " On our side (internal)"
                    </label>
                </div>
                <Field label="Buying role" error=ctl.error("buying_role")>
                    <DraftSelect draft field="buying_role" options=roles get=|d: &StakeholderDraft| d.buying_role.map(|r| r.key().to_string()).unwrap_or_default() set=|d, v| d.buying_role = BuyingRole::from_key(&v) />
                </Field>
                <Field label="Influence" error=ctl.error("influence")>
                    <DraftSelect draft field="influence" options=levels get=|d: &StakeholderDraft| d.influence.key().to_string() set=|d, v| if let Some(l) = Level::from_key(&v) { d.influence = l } />
                </Field>
                <Field label="Stance" error=ctl.error("stance")>
                    <DraftSelect draft field="stance" options=stances get=|d: &StakeholderDraft| d.stance.key().to_string() set=|d, v| if let Some(s) = Stance::from_key(&v) { d.stance = s } />
                </Field>
                <Field label="Preferred channel" error=ctl.error("channel")>
                    <DraftInput draft ctl field="channel" get=|d: &StakeholderDraft| d.channel.clone() set=|d, v| d.channel = v placeholder="Phone, email, Teams…" />
                </Field>
                <Field label="Email" error=ctl.error("email")>
                    <DraftInput draft ctl field="email" kind="email" get=|d: &StakeholderDraft| d.email.clone() set=|d, v| d.email = v placeholder="anna@client.example" />
                </Field>
                <Field label="Contact cadence" error=ctl.error("cadence")>
                    <DraftSelect draft field="cadence" options=cadences get=|d: &StakeholderDraft| d.cadence.map(|c| c.key().to_string()).unwrap_or_default() set=|d, v| d.cadence = Cadence::from_key(&v) />
                </Field>
                <Field label="Last contact" error=ctl.error("last_contact") hint="Logging a conversation updates this.">
                    <DraftInput draft ctl field="last_contact" kind="date" get=|d: &StakeholderDraft| d.last_contact.clone() set=|d, v| d.last_contact = v />
                </Field>
                <FormActions submit_label=if person.is_some() { "Save person" } else { "Add person" } on_cancel=on_done />
            </form>
        </Modal>
    }
}
