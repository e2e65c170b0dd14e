//! A list of changes — who changed what and when — for the workspace or one project,
//! filterable by member and date; used by the History screen and a project's History tab.

use crate::dates::Written;
use crate::model::{MemberId, ProjectId};
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::router::{ProjectTab, Route};
use crate::ui::state::use_app;
use chrono::NaiveDate;
use leptos::prelude::*;

#[derive(Clone, PartialEq, Hash)]
struct Entry {
    id: crate::model::ChangeId,
    when: String,
    day: NaiveDate,
    who: String,
    by: Option<MemberId>,
    summary: String,
    details: Vec<String>,
    project: Option<(ProjectId, String)>,
}

impl Row for Entry {
    type Id = crate::model::ChangeId;
    fn id(&self) -> crate::model::ChangeId {
        self.id
    }
}

/// How many entries are drawn before "Show more".
const PAGE: usize = 100;

/// The history of one project, or of the whole workspace.
#[component]
pub fn ChangeList(project: Option<ProjectId>) -> impl IntoView {
    let app = use_app();
    let member = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let shown = RwSignal::new(PAGE);
    let entries = Memo::new(move |_| {
        app.with(|ws| {
            ws.history
                .iter()
                .rev()
                .filter(|h| h.stamp.deleted_at.is_none())
                .filter(|h| project.is_none_or(|p| h.project_id == Some(p)))
                .map(|h| {
                    let local = h.stamp.created_at.with_timezone(&chrono::Local);
                    Entry {
                        id: h.id,
                        when: local.written("%a %d %b %Y, %H:%M").to_string(),
                        day: local.date_naive(),
                        who: match h.stamp.updated_by {
                            Some(_) => ws.member_name(h.stamp.updated_by),
                            None => "Someone".into(),
                        },
                        by: h.stamp.updated_by,
                        summary: h.summary.clone(),
                        details: h.details.clone(),
                        project: h.project_id.and_then(|p| {
                            ws.projects
                                .iter()
                                .find(|x| x.id == p)
                                .map(|x| (p, x.name.clone()))
                        }),
                    }
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let members = Memo::new(move |_| {
        app.with(|ws| {
            ws.live_members()
                .map(|m| (m.id.to_text(), m.name.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let filtered = Memo::new(move |_| {
        let who = MemberId::parse(&member.get());
        let from = from.get().parse::<NaiveDate>().ok();
        let to = to.get().parse::<NaiveDate>().ok();
        entries.with(|e| {
            e.iter()
                .filter(|x| who.is_none() || x.by == who)
                .filter(|x| from.is_none_or(|f| x.day >= f))
                .filter(|x| to.is_none_or(|t| x.day <= t))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let page = move || {
        let n = shown.get();
        filtered.with(|f| f.iter().take(n).cloned().collect::<Vec<_>>())
    };
    view! {
        <section class="section history">
            <div class="filters">
                <label class="field"><span class="field-label">"Member"</span>
                    <select name="member" on:change=move |ev| member.set(event_target_value(&ev))>
                        <option value="">"Everyone"</option>
                        {move || members.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field"><span class="field-label">"From"</span>
                    <input type="date" name="from" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev)) /></label>
                <label class="field"><span class="field-label">"To"</span>
                    <input type="date" name="to" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev)) /></label>
            </div>
            {move || if filtered.with(Vec::is_empty) {
                view! { <p class="muted">"No changes here yet. Every edit from now on is listed with who made it and when."</p> }.into_any()
            } else {
                view! {
                    <ol class="history-list" data-testid="history">
                        <Rows each=page key=key let:e>
                            <li class="history-entry">
                                <div class="log-head">
                                    <strong>{e.who.clone()}</strong>
                                    " "
                                    <span>{e.summary.clone()}</span>
                                </div>
                                <p class="muted small-print">
                                    {e.when.clone()}
                                    {(project.is_none()).then(|| e.project.clone().map(|(pid, name)| view! {
                                        " · " <a href=Route::Project(pid, ProjectTab::History).href()>{name}</a>
                                    }))}
                                </p>
                                {(!e.details.is_empty()).then(|| view! {
                                    <ul class="history-details">{e.details.iter().map(|d| view! { <li>{d.clone()}</li> }).collect_view()}</ul>
                                })}
                            </li>
                        </Rows>
                    </ol>
                    {move || (filtered.with(Vec::len) > shown.get()).then(|| view! {
                        <button class="button" on:click=move |_| shown.update(|n| *n += PAGE)>{format!("Show more ({} left)", filtered.with(Vec::len) - shown.get())}</button>
                    })}
                }.into_any()
            }}
        </section>
    }
}
