//! A log of portfolio decisions — date, project, verdict, reason, who decided — used by the
//! Portfolio screen (all decisions) and a project's overview (its governance log).

use crate::model::{ReviewId, Verdict};
use crate::ui::router::{ProjectTab, Route};
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
pub struct LogRow {
    pub id: crate::model::DecisionId,
    pub project: crate::model::ProjectId,
    pub project_name: String,
    pub date: chrono::NaiveDate,
    pub verdict: Verdict,
    pub reason: String,
    pub who: String,
    pub review: Option<ReviewId>,
}

/// Every live decision, newest first (for one project when `project` is given).
pub fn decision_log(
    ws: &crate::model::Workspace,
    project: Option<crate::model::ProjectId>,
) -> Vec<LogRow> {
    let decisions: Box<dyn Iterator<Item = &crate::model::Decision>> = match project {
        Some(p) => Box::new(ws.decisions.of(p)),
        None => Box::new(ws.decisions.iter()),
    };
    let mut rows: Vec<LogRow> = decisions
        .filter(|d| d.stamp.deleted_at.is_none())
        .filter_map(|d| {
            let p = ws.projects.get(d.project_id.0)?;
            Some(LogRow {
                id: d.id,
                project: d.project_id,
                project_name: p.name.clone(),
                date: d.date,
                verdict: d.verdict,
                reason: d.reason.clone(),
                who: d
                    .decided_by
                    .map(|m| ws.member_name(Some(m)))
                    .unwrap_or_else(|| "—".into()),
                review: d.review,
            })
        })
        .collect();
    crate::sorting::sort_by(&mut rows, |a, b| {
        b.date
            .cmp(&a.date)
            .then(a.project_name.cmp(&b.project_name))
    });
    rows
}

/// A table of decisions.
#[component]
pub fn DecisionTable(rows: Vec<LogRow>, #[prop(optional)] with_project: bool) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="data-table stack decision-log">
                <thead><tr>
                    <th scope="col">"Date"</th>{with_project.then(|| view! { <th scope="col">"Project"</th> })}
                    <th scope="col">"Decision"</th><th scope="col">"Reason"</th><th scope="col">"Decided by"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            <th scope="row">{crate::model::day(r.date).to_string()}</th>
                            {with_project.then(|| view! { <td data-label="Project"><a href=Route::Project(r.project, ProjectTab::Overview).href()>{r.project_name.clone()}</a></td> })}
                            <td data-label="Decision"><span class=format!("badge verdict-{}", r.verdict.key())>{r.verdict.label()}</span></td>
                            <td data-label="Reason">{r.reason.clone()}</td>
                            <td data-label="Decided by">{r.who.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
