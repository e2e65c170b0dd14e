//! The Projects screen: every sales project in a table with search, filters and sort (all kept
//! in the URL), and creating, editing and deleting projects.

use crate::engine::health::{Health, HealthStatus};
use crate::model::common::{group_thousands, plural};
use crate::model::ProjectCommand;
use crate::model::{IdSource, MemberId, ProjectId, ProjectKind, ProjectStatus, Workspace};
use crate::model::{ProjectDraft, ProjectInput};
use crate::storage::index::{IndexRow, Preview};
use crate::ui::components::dialog::Modal;
use crate::ui::components::empty::EmptyState;
use crate::ui::components::filter_select::FilterSelect;
use crate::ui::components::health::{health_summary, HealthBadge};
use crate::ui::components::keyed::{self, key, Rows};
use crate::ui::components::project_form::{PlaybookChoice, ProjectForm};
use crate::ui::components::reading_line::ReadingLine;
use crate::ui::router::{navigate, replace_route, use_route, ListQuery, ProjectTab, Route};
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::cmp::Ordering;

/// How many rows are drawn before "Show more".
const PAGE: usize = 100;

/// One table row, already formatted.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Row {
    pub id: ProjectId,
    pub name: String,
    pub client: String,
    pub owner: String,
    pub owner_id: Option<MemberId>,
    pub stage: &'static str,
    pub stage_order: usize,
    pub status: ProjectStatus,
    pub kind: ProjectKind,
    pub value: String,
    pub value_minor: i64,
    pub target: NaiveDate,
    pub overdue: bool,
    pub health: Option<(HealthStatus, String)>,
    /// Drawn from the index while the records are read: health comes after.
    pub pending: bool,
    /// Name and client in lower case, made once for sorting and search (not once a
    /// comparison: sorting 2,000 rows compares ~22,000 times).
    name_key: String,
    client_key: String,
}

impl keyed::Row for Row {
    type Id = ProjectId;
    fn id(&self) -> ProjectId {
        self.id
    }
}

impl Row {
    /// The row of a project's index entry; `team` names the owner.
    fn of(team: &Workspace, p: &IndexRow, today: NaiveDate, health: Option<&Health>) -> Self {
        Row {
            id: p.id,
            name: p.name.clone(),
            client: p.client.clone(),
            owner: team.member_name(p.owner),
            owner_id: p.owner,
            stage: p.stage.label(),
            stage_order: p.stage as usize,
            status: p.status,
            kind: p.kind,
            value: p.value.display(),
            value_minor: p.value.minor,
            target: p.target_date,
            overdue: p.status.is_open() && p.target_date < today,
            health: health.map(health_summary),
            pending: false,
            name_key: p.name.to_lowercase(),
            client_key: p.client.to_lowercase(),
        }
    }
}

/// Filters and sorts projects for the table. Pure, so it is tested natively.
pub fn rows(
    ws: &Workspace,
    q: &ListQuery,
    today: NaiveDate,
    healths: &std::collections::HashMap<ProjectId, Health>,
) -> Vec<Row> {
    let all = ws
        .live_projects()
        .map(|p| Row::of(ws, &IndexRow::of(p), today, healths.get(&p.id)));
    pick(all, q)
}

/// [`rows`] from the index, while the records are read (no health yet).
pub fn preview_rows(preview: &Preview, q: &ListQuery, today: NaiveDate) -> Vec<Row> {
    let all = preview.rows.iter().filter(|r| !r.deleted).map(|r| Row {
        pending: true,
        ..Row::of(&preview.team, r, today, None)
    });
    pick(all, q)
}

fn pick(all: impl Iterator<Item = Row>, q: &ListQuery) -> Vec<Row> {
    let needle = q.search.trim().to_lowercase();
    let owner = MemberId::parse(&q.owner);
    let mut rows: Vec<Row> = all
        .filter(|r| q.status.is_empty() || r.status.key() == q.status)
        .filter(|r| q.kind.is_empty() || r.kind.key() == q.kind)
        .filter(|r| match (q.owner.as_str(), owner) {
            ("", _) => true,
            ("none", _) => r.owner_id.is_none(),
            (_, Some(o)) => r.owner_id == Some(o),
            _ => false,
        })
        .filter(|r| {
            needle.is_empty()
                || r.name_key.contains(&needle)
                || r.client_key.contains(&needle)
                || r.owner.to_lowercase().contains(&needle)
        })
        .collect();
    let by_name = |a: &Row, b: &Row| a.name_key.cmp(&b.name_key);
    let compare = |a: &Row, b: &Row| -> Ordering {
        let primary = match q.sort.as_str() {
            "client" => a.client_key.cmp(&b.client_key),
            "owner" => a.owner.cmp(&b.owner),
            "stage" => a.stage_order.cmp(&b.stage_order),
            "value" => a.value_minor.cmp(&b.value_minor),
            "target" => a.target.cmp(&b.target),
            "status" => a.status.label().cmp(b.status.label()),
            _ => Ordering::Equal,
        };
        primary.then_with(|| by_name(a, b))
    };
    crate::sorting::sort_by(&mut rows, |a, b| {
        if q.descending {
            compare(b, a)
        } else {
            compare(a, b)
        }
    });
    rows
}

const COLUMNS: [(&str, &str); 7] = [
    ("name", "Project"),
    ("client", "Client"),
    ("owner", "Owner"),
    ("stage", "Stage"),
    ("value", "Value"),
    ("target", "Target date"),
    ("status", "Status"),
];

#[component]
pub fn ProjectsScreen() -> impl IntoView {
    let app = use_app();
    let route = use_route();
    let query = Memo::new(move |_| match route.get() {
        Route::Projects(q) => q,
        _ => ListQuery::default(),
    });
    let preview = app.opening.preview;
    let all_rows = Memo::new(move |_| {
        let q = query.get();
        if let Some(rows) = preview.with(|p| p.as_ref().map(|p| preview_rows(p, &q, today()))) {
            return rows;
        }
        let healths = app.healths();
        app.with(|ws| rows(ws, &q, today(), &healths))
            .unwrap_or_default()
    });
    // Whether the list is empty, apart from the list: the view that switches on it is not
    // redrawn by an edit, so the keyed rows below keep their DOM and an edit redraws its row.
    let none_match = Memo::new(move |_| all_rows.with(Vec::is_empty));
    let total = Memo::new(move |_| {
        let indexed = preview.with(|p| {
            p.as_ref()
                .map(|p| p.rows.iter().filter(|r| !r.deleted).count())
        });
        indexed
            .or_else(|| app.with(|ws| ws.live_projects().count()))
            .unwrap_or(0)
    });
    let reading = move || app.is_opening();
    let limit = RwSignal::new(PAGE);
    let shown = Memo::new(move |_| {
        all_rows.with(|r| r.iter().take(limit.get()).cloned().collect::<Vec<_>>())
    });
    let set_query = move |f: &dyn Fn(&mut ListQuery)| {
        let mut q = query.get_untracked();
        f(&mut q);
        replace_route(&Route::Projects(q));
    };
    let creating = RwSignal::new(false);
    let editing = RwSignal::new(None::<ProjectId>);
    let deleting = RwSignal::new(None::<ProjectId>);

    let sort_header = move |key: &'static str, label: &'static str| {
        let active = move || query.with(|q| q.sort == key || (q.sort.is_empty() && key == "name"));
        let aria = move || match (active(), query.with(|q| q.descending)) {
            (true, true) => "descending",
            (true, false) => "ascending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria class:numeric=key == "value">
                <button
                    class="sort"
                    on:click=move |_| {
                        let again = active();
                        set_query(&|q| {
                            q.descending = again && !q.descending;
                            q.sort = if key == "name" { String::new() } else { key.to_string() };
                        })
                    }
                >
                    {label}
                    <span class="sort-mark" aria-hidden="true">
                        {move || match aria() {
                            "ascending" => "▲",
                            "descending" => "▼",
                            _ => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };

    view! {
        <div class="page">
            <header class="page-head">
                <div>
                    <h1>"Projects"</h1>
                    <p class="muted">
                        {move || {
                            let n = all_rows.with(|r| r.len());
                            let t = total.get();
                            if n == t { plural(t, "project", "projects") } else { format!("{} of {}", group_thousands(n as u64), plural(t, "project", "projects")) }
                        }}
                    </p>
                </div>
                <button class="button primary" disabled=reading on:click=move |_| creating.set(true)>"New project"</button>
            </header>
            {move || reading().then(|| view! { <ReadingLine /> })}
            <crate::ui::components::setup::SetupChecklist />
            <ProjectsToolbar query />
            {move || {
                if total.get() == 0 {
                    return view! {
                        <EmptyState title="No projects yet" message="A project is a deal, a campaign or an initiative with a goal and a target date.">
                            <button class="button primary" on:click=move |_| creating.set(true)>"Create your first project"</button>
                        </EmptyState>
                    }.into_any();
                }
                if none_match.get() {
                    return view! { <EmptyState title="No matching projects" message="No project matches the search and filters. Clear them to see every project." /> }.into_any();
                }
                view! {
                    <div class="table-wrap">
                        <table class="data-table projects-table stack">
                            <thead>
                                <tr>
                                    {COLUMNS.iter().map(|(k, l)| sort_header(k, l)).collect_view()}
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                <Rows each=move || shown.get() key=key let:row>
                                    <ProjectRow row editing deleting />
                                </Rows>
                            </tbody>
                        </table>
                    </div>
                    {move || (all_rows.with(|r| r.len()) > limit.get()).then(|| view! {
                        <button class="button show-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                            {move || format!("Show more ({} not shown)", all_rows.with(|r| r.len()) - limit.get())}
                        </button>
                    })}
                }.into_any()
            }}
            {move || creating.get().then(|| view! { <NewProjectDialog creating /> })}
            {move || editing.get().map(|id| view! { <EditProjectDialog id editing /> })}
            {move || deleting.get().map(|id| view! { <crate::ui::components::delete_project::DeleteProject id on_done=Callback::new(move |_| deleting.set(None)) /> })}
        </div>
    }
}

/// The list's search and filters, kept in the route.
#[component]
fn ProjectsToolbar(query: Memo<ListQuery>) -> impl IntoView {
    let app = use_app();
    let set_query = move |f: &dyn Fn(&mut ListQuery)| {
        let mut q = query.get_untracked();
        f(&mut q);
        replace_route(&Route::Projects(q));
    };
    let owner_options = move || {
        let mut options = vec![
            (String::new(), "All owners".to_string()),
            ("none".into(), "Unassigned".into()),
        ];
        app.with_team(|ws| {
            options.extend(ws.live_members().map(|m| (m.id.to_text(), m.name.clone())))
        });
        options
    };
    view! {
    <div class="toolbar" role="search">
        <label class="search">
            <span class="visually-hidden">"Search projects"</span>
            <input
                type="search"
                placeholder="Search name, client or owner"
                prop:value=move || query.with(|q| q.search.clone())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    set_query(&|q| q.search = v.clone());
                }
            />
        </label>
        <FilterSelect
            label="Status"
            value=Signal::derive(move || query.with(|q| q.status.clone()))
            options=Signal::derive(|| {
                let mut o = vec![(String::new(), "All statuses".to_string())];
                o.extend(ProjectStatus::ALL.iter().map(|s| (s.key().to_string(), s.label().to_string())));
                o
            })
            on_change=Callback::new(move |v: String| set_query(&|q| q.status = v.clone()))
        />
        <FilterSelect
            label="Owner"
            value=Signal::derive(move || query.with(|q| q.owner.clone()))
            options=Signal::derive(owner_options)
            on_change=Callback::new(move |v: String| set_query(&|q| q.owner = v.clone()))
        />
        <FilterSelect
            label="Kind"
            value=Signal::derive(move || query.with(|q| q.kind.clone()))
            options=Signal::derive(|| {
                let mut o = vec![(String::new(), "All kinds".to_string())];
                o.extend(ProjectKind::ALL.iter().map(|k| (k.key().to_string(), k.label().to_string())));
                o
            })
            on_change=Callback::new(move |v: String| set_query(&|q| q.kind = v.clone()))
        />
        {move || (query.get() != ListQuery { sort: query.with(|q| q.sort.clone()), descending: query.with(|q| q.descending), ..Default::default() })
            .then(|| view! {
                <button class="button subtle" on:click=move |_| set_query(&|q| {
                    q.search.clear();
                    q.status.clear();
                    q.owner.clear();
                    q.kind.clear();
                })>"Clear filters"</button>
            })}
    </div>
    }
}

/// A new project, planned from a playbook when one is chosen; opens it once created.
#[component]
fn NewProjectDialog(creating: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let draft = app
        .with(|ws| ProjectDraft::blank(&ws.settings.currency, app.me.get_untracked(), today()))
        .expect("workspace");
    view! {
        <Modal title="New project".to_string() on_close=Callback::new(move |_| creating.set(false)) wide=true>
            <ProjectForm
                initial=draft
                submit_label="Create project"
                on_cancel=Callback::new(move |_| creating.set(false))
                playbooks=true
                on_save=Callback::new(move |(input, choice): (ProjectInput, Option<PlaybookChoice>)| {
                    let id: ProjectId = RandomIds.next();
                    if create_project(app, id, input, choice) {
                        creating.set(false);
                        app.notify("Project created.");
                        navigate(&Route::Project(id, ProjectTab::Overview));
                    }
                })
            />
        </Modal>
    }
}

#[component]
fn EditProjectDialog(id: ProjectId, editing: RwSignal<Option<ProjectId>>) -> impl IntoView {
    let app = use_app();
    let draft = app
        .with(|ws| ws.project(id).map(ProjectDraft::from_project))
        .flatten();
    draft.map(|draft| view! {
        <Modal title="Edit project".to_string() on_close=Callback::new(move |_| editing.set(None)) wide=true>
            <ProjectForm
                initial=draft
                submit_label="Save changes"
                on_cancel=Callback::new(move |_| editing.set(None))
                on_save=Callback::new(move |(input, _): (ProjectInput, Option<PlaybookChoice>)| {
                    if app.dispatch(ProjectCommand::UpdateProject { id, input }).is_ok() {
                        editing.set(None);
                        app.notify("Project saved.");
                    }
                })
            />
        </Modal>
    })
}

/// Creates a project, laying out its plan from a playbook when one was chosen.
fn create_project(
    app: crate::ui::state::AppState,
    id: ProjectId,
    input: ProjectInput,
    choice: Option<PlaybookChoice>,
) -> bool {
    let Some(choice) = choice else {
        return app
            .dispatch(ProjectCommand::CreateProject { id, input })
            .is_ok();
    };
    let plan_for = crate::engine::plan::PlanFor {
        project: id,
        start: input.start_date,
        target: input.target_date,
        owner: input.owner,
        roles: choice.roles,
    };
    let plan = app
        .with(|ws| {
            let t = ws.templates.iter().find(|t| t.id == choice.template)?;
            let stamp = crate::model::Stamp::new(crate::ui::state::now(), app.me.get_untracked());
            crate::engine::plan::plan_from_template(
                ws,
                t,
                &plan_for,
                today(),
                &mut RandomIds,
                &stamp,
            )
            .ok()
        })
        .flatten();
    match plan {
        Some(plan) => app
            .dispatch(ProjectCommand::CreatePlannedProject {
                id,
                input,
                template: choice.template,
                milestones: plan.milestones,
                tasks: plan.tasks,
            })
            .is_ok(),
        None => {
            app.notify_error(
                "That playbook could not be planned; check its dependencies on the Templates page.",
            );
            false
        }
    }
}

#[component]
fn ProjectRow(
    row: Row,
    editing: RwSignal<Option<ProjectId>>,
    deleting: RwSignal<Option<ProjectId>>,
) -> impl IntoView {
    let id = row.id;
    view! {
        <tr>
            <th scope="row">
                <a href=Route::Project(id, ProjectTab::Overview).href()>{row.name.clone()}</a>
                <span class="kind">{row.kind.label()}</span>
            </th>
            <td data-label="Client">{row.client.clone()}</td>
            <td data-label="Owner">{row.owner.clone()}</td>
            <td data-label="Stage">{row.stage}</td>
            <td data-label="Value" class="numeric">{row.value.clone()}</td>
            <td data-label="Target date" class:overdue=row.overdue>
                {crate::model::day(row.target).to_string()}
                {row.overdue.then(|| view! { <span class="flag">"Past target"</span> })}
            </td>
            <td data-label="Status">
                <span class=format!("status status-{}", row.status.key())>{row.status.label()}</span>
                {row.health.clone().map(|(status, why)| view! { <HealthBadge status why /> })}
                {row.pending.then(|| view! { <span class="health-pending muted">"Health…"</span> })}
            </td>
            <td class="row-actions">
                <button class="button small" disabled=row.pending on:click=move |_| editing.set(Some(id)) aria-label=format!("Edit {}", row.name)>"Edit"</button>
                <button class="button small danger-text" disabled=row.pending on:click=move |_| deleting.set(Some(id)) aria-label=format!("Delete {}", row.name)>"Delete"</button>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SequentialIds;
    use crate::sample::sample_workspace;

    fn ws() -> (Workspace, NaiveDate) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let now = today.and_hms_opt(9, 0, 0).unwrap().and_utc();
        (
            sample_workspace(now, today, &mut SequentialIds::default()),
            today,
        )
    }

    fn jonas(ws: &Workspace) -> MemberId {
        let jonas = ws.members.iter().find(|m| m.name.starts_with("Jonas"));
        jonas.unwrap().id
    }

    #[test]
    fn search_filters_and_sorts() {
        let (ws, today) = ws();
        let q = |f: &dyn Fn(&mut ListQuery)| {
            let mut q = ListQuery::default();
            f(&mut q);
            rows(
                &ws,
                &q,
                today,
                &crate::engine::health::health_of_all(&ws, today),
            )
        };
        assert_eq!(q(&|_| {}).len(), 9);
        assert_eq!(q(&|q| q.search = "HELIOS".into()).len(), 1);
        assert_eq!(q(&|q| q.status = "won".into()).len(), 1);
        assert_eq!(q(&|q| q.kind = "campaign".into()).len(), 3);
        let by_value = q(&|q| {
            q.sort = "value".into();
            q.descending = true;
        });
        assert!(by_value
            .windows(2)
            .all(|w| w[0].value_minor >= w[1].value_minor));
        let names = q(&|_| {});
        assert!(names
            .windows(2)
            .all(|w| w[0].name.to_lowercase() <= w[1].name.to_lowercase()));
        let jonas = jonas(&ws);
        assert_eq!(q(&|q| q.owner = jonas.to_text()).len(), 3);
    }

    /// The table drawn from the index while the records are read has the rows the records
    /// give, in the same order, for every filter and sort; only health waits.
    #[test]
    fn the_index_draws_the_rows_the_records_give() {
        let (mut ws, today) = ws();
        // A deleted project has a row in the index but none in the table.
        let gone = ws.projects[2].id;
        ws.projects.get_mut(gone.0).unwrap().stamp.deleted_at =
            Some(today.and_hms_opt(8, 0, 0).unwrap().and_utc());
        let preview = Preview {
            team: ws.team_part(),
            rows: ws.projects.iter().map(IndexRow::of).collect(),
        };
        let healths = crate::engine::health::health_of_all(&ws, today);
        let jonas = jonas(&ws);
        let queries: [&dyn Fn(&mut ListQuery); 7] = [
            &|_| {},
            &|q| q.search = "HELIOS".into(),
            &|q| q.status = "won".into(),
            &|q| q.kind = "campaign".into(),
            &|q| q.owner = "none".into(),
            &|q| q.owner = jonas.to_text(),
            &|q| {
                q.sort = "value".into();
                q.descending = true;
            },
        ];
        let mut seen = 0;
        for (i, f) in queries.iter().enumerate() {
            let mut q = ListQuery::default();
            f(&mut q);
            let from_records = rows(&ws, &q, today, &healths);
            let from_index = preview_rows(&preview, &q, today);
            assert!(from_index.iter().all(|r| r.pending && r.health.is_none()));
            let strip = |r: &Row| Row {
                health: None,
                pending: false,
                ..r.clone()
            };
            assert_eq!(
                from_index.iter().map(strip).collect::<Vec<_>>(),
                from_records.iter().map(strip).collect::<Vec<_>>(),
                "query {i}"
            );
            assert!(from_index.iter().all(|r| r.id != gone));
            seen += from_index.len();
        }
        assert!(seen > 0);
    }
}
