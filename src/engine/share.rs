//! Sharing one project: a workspace file holding just that project, everything it owns
//! (tombstones included, so deletions travel) and what it refers to (its members and its
//! template). Merging the file into another workspace adds or updates only that project.

use crate::model::*;
use std::collections::BTreeSet;

/// The file's contents for sharing `project`, or `None` when it does not exist.
pub fn project_file(ws: &Workspace, project: ProjectId) -> Option<Workspace> {
    let p = ws.project(project)?.clone();
    let mut out = Workspace::new(ws.id, ws.name.clone(), ws.stamp.created_at);
    out.stamp = ws.stamp.clone();
    out.settings = ws.settings.clone();
    fn owned<T: InProject + Clone>(items: &Records<T>, project: ProjectId) -> Records<T> {
        items.of(project).cloned().collect()
    }
    macro_rules! take {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(out.$field = owned(&ws.$field, project);)*
        };
    }
    crate::project_records!(take);
    let people: BTreeSet<MemberId> = p
        .owner
        .into_iter()
        .chain(out.tasks.iter().filter_map(|t| t.owner))
        .chain(out.risks.iter().filter_map(|r| r.owner))
        .collect();
    out.members = ws
        .members
        .iter()
        .filter(|m| people.contains(&m.id))
        .cloned()
        .collect();
    out.templates = ws
        .templates
        .iter()
        .filter(|t| Some(t.id) == p.template_id)
        .cloned()
        .collect();
    out.projects = vec![p].into();
    Some(out)
}

/// A file name for the shared project: `pursuit-project-helios-logistics-2026-11-22.json`.
pub fn file_name(project: &Project, day: chrono::NaiveDate) -> String {
    format!(
        "pursuit-project-{}-{day}.json",
        crate::model::common::slug(&project.name)
    )
}
