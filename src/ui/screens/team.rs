//! The Team screen: members with their roles and weekly capacity, who "I am" and which
//! colours in this browser, and removing a member with their work handed to someone else.

use crate::dates::Written;
use crate::model::common::plural;
use crate::model::MemberDraft;
use crate::model::TeamCommand;
use crate::model::{IdSource, MemberId};
use crate::ui::components::dialog::Modal;
use crate::ui::components::empty::EmptyState;
use crate::ui::components::form::{
    submitted, use_draft, DraftInput, DraftTextarea, Field, FormActions,
};
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::router::Route;
use crate::ui::state::use_app;
use crate::ui::theme::Theme;
use crate::ui::RandomIds;
use leptos::prelude::*;

#[derive(Clone, PartialEq, Hash)]
struct MemberRow {
    id: MemberId,
    name: String,
    role: String,
    email: String,
    capacity: u32,
    projects: usize,
    tasks: usize,
    skills: String,
    /// The next (or current) time off, as words.
    away: Option<String>,
    /// Their revenue quota this quarter ("EUR 300,000"), or "none set".
    quota: String,
}

impl Row for MemberRow {
    type Id = MemberId;
    fn id(&self) -> MemberId {
        self.id
    }
}

#[component]
pub fn TeamScreen() -> impl IntoView {
    let app = use_app();
    let members = Memo::new(move |_| {
        app.with(|ws| member_rows(ws, crate::ui::state::today()))
            .unwrap_or_default()
    });
    // Whether the list is empty, apart from the list: the view that switches on it is not
    // redrawn by an edit, so the keyed rows below keep their DOM and an edit redraws its row.
    let no_members = Memo::new(move |_| members.with(Vec::is_empty));
    let quarter_name = Memo::new(move |_| {
        app.with(|ws| {
            let fy = ws.settings.fiscal_year_start_month;
            let q = crate::engine::periods::period_of(
                crate::model::PeriodKind::Quarter,
                crate::ui::state::today(),
                fy,
            );
            crate::engine::periods::label(q, fy)
        })
        .unwrap_or_default()
    });
    let form = RwSignal::new(None::<Option<MemberId>>);
    let removing = RwSignal::new(None::<MemberId>);
    view! {
        <div class="page">
            <header class="page-head">
                <div>
                    <h1>"Team"</h1>
                    <p class="muted">{move || format!("{} · {}", plural(members.with(|m| m.len()), "member", "members"), plural(members.with(|m| m.iter().map(|r| r.capacity as usize).sum::<usize>()), "hour a week", "hours a week"))}{move || format!(" · quotas for {}", quarter_name.get())}</p>
                </div>
                <div class="head-actions">
                    <a class="button" href=crate::ui::router::Route::Workload.href()>"Workload"</a>
                    <button class="button primary" on:click=move |_| form.set(Some(None))>"Add member"</button>
                </div>
            </header>
            <crate::ui::components::setup::SetupChecklist />
            <MeCard members />
            <crate::ui::components::sync_panel::SyncPanel />
            {move || if no_members.get() {
                view! {
                    <EmptyState title="No team members yet" message="Add the people who own projects and tasks, with their weekly capacity.">
                        <button class="button primary" on:click=move |_| form.set(Some(None))>"Add the first member"</button>
                    </EmptyState>
                }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="data-table stack team-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Name"</th>
                                    <th scope="col">"Role"</th>
                                    <th scope="col">"Email"</th>
                                    <th scope="col">"Skills"</th>
                                    <th scope="col" class="numeric">"Capacity"</th>
                                    <th scope="col" class="numeric">"Owns"</th>
                                    <th scope="col" class="numeric"><abbr title=move || format!("Revenue quota, {}", quarter_name.get())>"Quota"</abbr></th>
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                <Rows each=move || members.get() key=key let:m>
                                    <tr>
                                        <th scope="row">
                                            {m.name.clone()}
                                            {move || (app.me.get() == Some(m.id)).then(|| view! { <span class="tag">"You"</span> })}
                                        </th>
                                        <td data-label="Role">{m.role.clone()}</td>
                                        <td data-label="Email" class="muted">{email_with_break(&m.email)}</td>
                                        <td data-label="Skills">{if m.skills.is_empty() { "—".to_string() } else { m.skills.clone() }}</td>
                                        <td data-label="Capacity" class="numeric">{format!("{} h/week", m.capacity)}{m.away.clone().map(|a| view! { <span class="kind">{a}</span> })}</td>
                                        <td data-label="Owns" class="numeric">{format!("{}, {}", plural(m.projects, "project", "projects"), plural(m.tasks, "open task", "open tasks"))}</td>
                                        <td data-label="Quota this quarter" class="numeric">
                                            {m.quota.clone()}
                                            <a class="kind" href=Route::Goals.href() aria-label=format!("Set the quota of {}", m.name)>"Set"</a>
                                        </td>
                                        <td class="row-actions">
                                            <crate::ui::components::dialog::EditDelete what=m.name.clone() on_edit=Callback::new(move |_| form.set(Some(Some(m.id)))) on_delete=Callback::new(move |_| removing.set(Some(m.id))) remove=true />
                                        </td>
                                    </tr>
                                </Rows>
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {move || form.get().map(|editing| view! { <MemberDialog editing on_done=Callback::new(move |_| form.set(None)) /> })}
            {move || removing.get().map(|id| view! { <RemoveMember id on_done=Callback::new(move |_| removing.set(None)) /> })}
        </div>
    }
}

/// The team as the table lists it, by name, with this quarter's revenue quota.
fn member_rows(ws: &crate::model::Workspace, today: chrono::NaiveDate) -> Vec<MemberRow> {
    let quarter = crate::engine::periods::period_of(
        crate::model::PeriodKind::Quarter,
        today,
        ws.settings.fiscal_year_start_month,
    );
    let mut rows: Vec<MemberRow> = ws
        .live_members()
        .map(|m| {
            let (projects, tasks) = ws.work_owned_by(m.id);
            MemberRow {
                id: m.id,
                name: m.name.clone(),
                role: m.role.clone(),
                email: m.email.clone(),
                capacity: m.weekly_capacity_hours,
                projects,
                tasks,
                skills: m.skills.join(", "),
                quota: crate::engine::forecast::member_target(ws, quarter, m.id)
                    .map(|t| {
                        crate::model::common::Money::new(t, ws.settings.currency.clone()).display()
                    })
                    .unwrap_or_else(|| "—".into()),
                away: m
                    .time_off
                    .iter()
                    .filter(|t| t.to >= today)
                    .min_by_key(|t| t.from)
                    .map(|t| {
                        if t.from == t.to {
                            format!("away {}", t.from.written("%d %b"))
                        } else {
                            format!(
                                "away {} – {}",
                                t.from.written("%d %b"),
                                t.to.written("%d %b")
                            )
                        }
                    }),
            }
        })
        .collect();
    crate::sorting::sort_by_key(&mut rows, |r| r.name.to_lowercase());
    rows
}

/// Who I am in this browser, and the theme: both kept in this browser only.
#[component]
fn MeCard(members: Memo<Vec<MemberRow>>) -> impl IntoView {
    let app = use_app();
    view! {
    <section class="card me-card">
        <h2>"You in this browser"</h2>
        <p class="muted">"Your changes are stamped with your name. Both choices are remembered in this browser only, not in shared files."</p>
        <div class="browser-choices">
            <label class="field">
                <span class="field-label">"I am"</span>
                <select
                    data-testid="i-am"
                    on:change=move |ev| app.set_me(MemberId::parse(&event_target_value(&ev)))
                >
                    <option value="" selected=move || app.me.get().is_none()>"Nobody chosen"</option>
                    {move || members.get().into_iter().map(|m| {
                        let selected = app.me.get() == Some(m.id);
                        view! { <option value=m.id.to_text() selected=selected>{m.name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <ThemeChoice />
        </div>
    </section>
    }
}

#[component]
fn MemberDialog(editing: Option<MemberId>, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let initial = editing
        .and_then(|id| {
            app.with(|ws| ws.member(id).map(MemberDraft::from_member))
                .flatten()
        })
        .unwrap_or_else(MemberDraft::blank);
    let (draft, ctl) = use_draft(initial, MemberDraft::check);
    let submit = move |ev| {
        let Some(input) = submitted(ev, draft, ctl, MemberDraft::check) else {
            return;
        };
        let first = app
            .with(|ws| ws.live_members().count() == 0)
            .unwrap_or(false);
        let (command, new_id) = match editing {
            Some(id) => (TeamCommand::UpdateMember { id, input }, None),
            None => {
                let id: MemberId = RandomIds.next();
                (TeamCommand::AddMember { id, input }, Some(id))
            }
        };
        if app.dispatch(command).is_ok() {
            // The first member added to a new workspace is almost always the person adding it.
            if let (true, Some(id), None) = (first, new_id, app.me.get_untracked()) {
                app.set_me(Some(id));
            }
            on_done.run(());
        }
    };
    view! {
        <Modal title=(if editing.is_some() { "Edit member" } else { "Add member" }).to_string() on_close=on_done>
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label="Name" error=ctl.error("name") wide=true>
                    <DraftInput draft ctl field="name" get=|d: &MemberDraft| d.name.clone() set=|d, v| d.name = v autofocus=true />
                </Field>
                <Field label="Role" error=ctl.error("role")>
                    <DraftInput draft ctl field="role" get=|d: &MemberDraft| d.role.clone() set=|d, v| d.role = v placeholder="Account executive" />
                </Field>
                <Field label="Weekly capacity (hours)" error=ctl.error("weekly_capacity_hours")>
                    <DraftInput draft ctl field="weekly_capacity_hours" get=|d: &MemberDraft| d.weekly_capacity_hours.clone() set=|d, v| d.weekly_capacity_hours = v inputmode="numeric" />
                </Field>
                <Field label="Email" error=ctl.error("email") wide=true>
                    <DraftInput draft ctl field="email" kind="email" get=|d: &MemberDraft| d.email.clone() set=|d, v| d.email = v />
                </Field>
                <Field label="Skills" error=ctl.error("skills") wide=true hint="Separated by commas">
                    <DraftInput draft ctl field="skills" get=|d: &MemberDraft| d.skills.clone() set=|d, v| d.skills = v placeholder="Pricing, security questionnaires" />
                </Field>
                <Field label="Time off" error=ctl.error("time_off") wide=true hint="One day or range a line, e.g. 2026-12-21 to 2027-01-01">
                    <DraftTextarea draft ctl field="time_off" get=|d: &MemberDraft| d.time_off.clone() set=|d, v| d.time_off = v rows=2 />
                </Field>
                <p class="field-hint wide" data-testid="member-quota">
                    {editing.and_then(|id| app.with(|ws| {
                        let fy = ws.settings.fiscal_year_start_month;
                        let q = crate::engine::periods::period_of(crate::model::PeriodKind::Quarter, crate::ui::state::today(), fy);
                        let quota = crate::engine::forecast::member_target(ws, q, id)
                            .map(|t| crate::model::common::Money::new(t, ws.settings.currency.clone()).display())
                            .unwrap_or_else(|| "none set".into());
                        format!("Revenue quota, {}: {quota}. ", crate::engine::periods::label(q, fy))
                    })).unwrap_or_default()}
                    "Quotas for each person and the team are set in "
                    <a href=Route::Goals.href()>"Goals and quotas"</a>
                    "."
                </p>
                <FormActions submit_label=if editing.is_some() { "Save member" } else { "Add member" } on_cancel=on_done />
            </form>
        </Modal>
    }
}

/// Removes a member; if they own work, asks who takes it over.
#[component]
fn RemoveMember(id: MemberId, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let (name, projects, tasks) = app
        .with(|ws| {
            let (p, t) = ws.work_owned_by(id);
            (ws.member_name(Some(id)), p, t)
        })
        .unwrap_or_default();
    let others: Vec<(MemberId, String)> = app
        .with(|ws| {
            ws.live_members()
                .filter(|m| m.id != id)
                .map(|m| (m.id, m.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let heir = RwSignal::new(others.first().map(|(id, _)| *id));
    let owns_work = projects + tasks > 0;
    let remove = move |_| {
        let reassign_to = if owns_work {
            heir.get_untracked()
        } else {
            None
        };
        if app
            .dispatch(TeamCommand::RemoveMember { id, reassign_to })
            .is_ok()
        {
            if app.me.get_untracked() == Some(id) {
                app.set_me(None);
            }
            app.notify(format!("{name} was removed from the team."));
            on_done.run(());
        }
    };
    view! {
        <Modal title=format!("Remove {}?", name_for_title(&app, id)) on_close=on_done>
            <div class="dialog-body">
                {if owns_work {
                    view! {
                        <p>{format!("They own {} and {}. Who should take them over?", plural(projects, "project", "projects"), plural(tasks, "open task", "open tasks"))}</p>
                        <label class="field">
                            <span class="field-label">"Give their work to"</span>
                            <select aria-label="Give their work to" on:change=move |ev| heir.set(MemberId::parse(&event_target_value(&ev)))>
                                {others.iter().enumerate().map(|(i, (id, n))| view! { <option value=id.to_text() selected=i == 0>{n.clone()}</option> }).collect_view()}
                                <option value="">"Nobody (leave unassigned)"</option>
                            </select>
                        </label>
                    }.into_any()
                } else {
                    view! { <p>"They own no projects or open tasks. Their past changes keep their name."</p> }.into_any()
                }}
            </div>
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| on_done.run(())>"Cancel"</button>
                <button type="button" class="button danger" on:click=remove>"Remove member"</button>
            </div>
        </Modal>
    }
}

fn name_for_title(app: &crate::ui::state::AppState, id: MemberId) -> String {
    app.with(|ws| ws.member_name(Some(id))).unwrap_or_default()
}

/// Light, dark, or as the system is, for this browser.
#[component]
fn ThemeChoice() -> impl IntoView {
    let app = use_app();
    let chosen = RwSignal::new(Theme::stored());
    view! {
        <label class="field">
            <span class="field-label">"Colours"</span>
            <select
                data-testid="theme"
                on:change=move |ev| {
                    let theme = Theme::parse(&event_target_value(&ev));
                    chosen.set(theme);
                    if !theme.choose() {
                        app.notify_error("This browser would not remember the colours; they last until you close the tab.");
                    }
                }
            >
                {Theme::ALL.into_iter().map(|t| view! {
                    <option value=t.key().unwrap_or("system") selected=move || chosen.get() == t>{t.label()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// An address that may wrap after its `@` (and nowhere inside its two halves): the table
/// keeps "sofia.lindqvist@" and "northwind.example" whole instead of breaking anywhere.
fn email_with_break(email: &str) -> impl IntoView {
    match email.split_once('@') {
        Some((name, domain)) => {
            view! { {format!("{name}@")}<wbr />{domain.to_string()} }.into_any()
        }
        None => email.to_string().into_any(),
    }
}
