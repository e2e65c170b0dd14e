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

/// The file name of a shared project, by project and by who shared it:
/// `pursuit-project-helios-logistics-jonas-berg-2026-11-22.json`.
pub fn file_name(project: &Project, who: Option<&str>, day: chrono::NaiveDate) -> String {
    named("pursuit-project", &project.name, who, day, "json")
}

/// The file name of a workspace export, by workspace and by who exported it, so a manager
/// merging five teammates' files can tell them apart:
/// `pursuit-northwind-sales-jonas-berg-2026-11-22.json`.
pub fn workspace_file_name(workspace: &str, who: Option<&str>, day: chrono::NaiveDate) -> String {
    named("pursuit", workspace, who, day, "json")
}

/// The name of a scenario downloaded as a workspace file: "pursuit-scenario-q4-push-nora-2026-11-27.json".
pub fn scenario_file_name(scenario: &str, who: Option<&str>, day: chrono::NaiveDate) -> String {
    named("pursuit-scenario", scenario, who, day, "json")
}

/// `prefix-what-who-day.extension`, with `what` and `who` as slugs and left out when they
/// have no letters or digits.
pub(crate) fn named(
    prefix: &str,
    what: &str,
    who: Option<&str>,
    day: chrono::NaiveDate,
    extension: &str,
) -> String {
    use crate::model::common::slug;
    // A name with no letters or digits adds nothing (slug would fall back to a default).
    let has_words = |s: &&str| s.chars().any(char::is_alphanumeric);
    let mut parts = vec![prefix.to_string()];
    parts.extend(
        [Some(what), who]
            .into_iter()
            .flatten()
            .filter(has_words)
            .map(slug),
    );
    format!("{}-{day}.{extension}", parts.join("-"))
}

#[cfg(test)]
mod file_name_tests {
    use super::*;

    #[test]
    fn files_are_named_by_workspace_or_project_person_and_day() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        // (workspace, who, expected)
        let cases = [
            (
                "Northwind Sales",
                Some("Jonas Berg"),
                "pursuit-northwind-sales-jonas-berg-2026-11-27.json",
            ),
            (
                "Northwind Sales",
                None,
                "pursuit-northwind-sales-2026-11-27.json",
            ),
            (
                "Åsa & Co.",
                Some("Zoë"),
                "pursuit-åsa-co-zoë-2026-11-27.json",
            ),
            ("", Some(""), "pursuit-2026-11-27.json"),
        ];
        for (workspace, who, expected) in cases {
            assert_eq!(workspace_file_name(workspace, who, day), expected);
        }
        let mut p = Project::new(
            crate::model::ProjectId(uuid::Uuid::from_u128(1)),
            crate::model::Stamp::new("2026-11-27T09:00:00Z".parse().unwrap(), None),
            "Helios Logistics".into(),
            crate::model::Money::new(0, crate::model::Currency::default()),
            day,
            day,
        );
        assert_eq!(
            file_name(&p, Some("Maya Okafor"), day),
            "pursuit-project-helios-logistics-maya-okafor-2026-11-27.json"
        );
        p.name = "Orion".into();
        assert_eq!(
            file_name(&p, None, day),
            "pursuit-project-orion-2026-11-27.json"
        );
    }
}
