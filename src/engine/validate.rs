//! Validation of a whole workspace: every problem, each with where it is and what is wrong.
//!
//! Used before an import replaces anything and when stored data is loaded. One bad record
//! never hides the others.

use crate::engine::cycles::find_cycles;
use crate::model::*;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::Hash;

/// One problem in a workspace: a path such as `projects[3].probability` and a message in
/// words a sales manager understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

struct Report(Vec<Problem>);

impl Report {
    fn add(&mut self, path: String, message: String) {
        self.0.push(Problem { path, message });
    }
}

fn duplicates<T, K: Eq + Hash + fmt::Display + Copy>(
    report: &mut Report,
    collection: &str,
    items: &[T],
    id: impl Fn(&T) -> K,
) {
    let mut seen: HashMap<K, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let key = id(item);
        if let Some(first) = seen.insert(key, i) {
            seen.insert(key, first);
            report.add(
                format!("{collection}[{i}].id"),
                format!("duplicate id {key}: {collection}[{first}] already uses it"),
            );
        }
    }
}

fn quoted(name: &str) -> String {
    let short: String = name.chars().take(60).collect();
    format!("\u{201c}{short}\u{201d}")
}

/// Checks a workspace and returns every problem found (empty when it is valid).
pub fn validate(ws: &Workspace) -> Vec<Problem> {
    let mut r = Report(Vec::new());

    if ws.name.trim().is_empty() {
        r.add("name".into(), "the workspace has no name".into());
    }
    if !ws.settings.currency.is_valid() {
        r.add(
            "settings.currency".into(),
            format!(
                "{:?} is not a three-letter currency code",
                ws.settings.currency.code()
            ),
        );
    }
    if !(1..=12).contains(&ws.settings.fiscal_year_start_month) {
        r.add(
            "settings.fiscal_year_start_month".into(),
            format!(
                "month {} does not exist; use 1 to 12",
                ws.settings.fiscal_year_start_month
            ),
        );
    }

    duplicates(&mut r, "members", &ws.members, |m| m.id);
    duplicates(&mut r, "projects", &ws.projects, |p| p.id);
    duplicates(&mut r, "milestones", &ws.milestones, |m| m.id);
    duplicates(&mut r, "tasks", &ws.tasks, |t| t.id);
    duplicates(&mut r, "risks", &ws.risks, |x| x.id);
    duplicates(&mut r, "stakeholders", &ws.stakeholders, |x| x.id);
    duplicates(&mut r, "communications", &ws.communications, |x| x.id);
    duplicates(&mut r, "feedback", &ws.feedback, |x| x.id);
    duplicates(&mut r, "costs", &ws.costs, |x| x.id);
    duplicates(&mut r, "goals", &ws.goals, |x| x.id);
    duplicates(&mut r, "templates", &ws.templates, |x| x.id);
    duplicates(&mut r, "quotas", &ws.quotas, |x| x.id);

    // Removed members stay as tombstones, so references to them remain valid.
    let members: HashSet<MemberId> = ws.members.iter().map(|m| m.id).collect();
    let projects: HashSet<ProjectId> = ws.projects.iter().map(|p| p.id).collect();
    let templates: HashSet<TemplateId> = ws.templates.iter().map(|t| t.id).collect();
    let milestone_project: HashMap<MilestoneId, ProjectId> =
        ws.milestones.iter().map(|m| (m.id, m.project_id)).collect();
    let task_ids: HashSet<TaskId> = ws
        .tasks
        .iter()
        .filter(|t| t.is_live())
        .map(|t| t.id)
        .collect();
    let stakeholders: HashSet<StakeholderId> = ws.stakeholders.iter().map(|s| s.id).collect();

    let member_ref = |r: &mut Report, path: String, id: Option<MemberId>| {
        if let Some(id) = id {
            if !members.contains(&id) {
                r.add(
                    path,
                    format!("refers to member {id}, who is not in the workspace"),
                );
            }
        }
    };
    let project_ref = |r: &mut Report, path: String, id: ProjectId| {
        if !projects.contains(&id) {
            r.add(
                path,
                format!("belongs to project {id}, which is not in the workspace"),
            );
        }
    };
    let money = |r: &mut Report, path: String, m: &Money, what: &str| {
        if m.minor < 0 {
            r.add(
                format!("{path}.minor"),
                format!(
                    "{what} is negative ({}); amounts can't be below zero",
                    m.display()
                ),
            );
        }
        if !m.currency.is_valid() {
            r.add(
                format!("{path}.currency"),
                format!(
                    "{:?} is not a three-letter currency code",
                    m.currency.code()
                ),
            );
        }
    };
    let text = |r: &mut Report, path: String, value: &str, what: &str| {
        if value.trim().is_empty() {
            r.add(path, format!("the {what} is empty"));
        }
    };
    let score = |r: &mut Report, path: String, value: u8, what: &str| {
        if !(1..=5).contains(&value) {
            r.add(path, format!("{what} is {value}; it is scored from 1 to 5"));
        }
    };

    for (i, m) in ws.members.iter().enumerate() {
        text(
            &mut r,
            format!("members[{i}].name"),
            &m.name,
            "member's name",
        );
        if m.weekly_capacity_hours > 168 {
            r.add(
                format!("members[{i}].weekly_capacity_hours"),
                format!(
                    "{} hours a week is more than a week has",
                    m.weekly_capacity_hours
                ),
            );
        }
    }

    for (i, p) in ws.projects.iter().enumerate() {
        let at = format!("projects[{i}]");
        text(&mut r, format!("{at}.name"), &p.name, "project name");
        if p.probability > 100 {
            r.add(
                format!("{at}.probability"),
                format!(
                    "project {} has probability {} %; it must be between 0 and 100",
                    quoted(&p.name),
                    p.probability
                ),
            );
        }
        money(
            &mut r,
            format!("{at}.value"),
            &p.value,
            &format!("the value of project {}", quoted(&p.name)),
        );
        if let Some(budget) = &p.budget {
            money(
                &mut r,
                format!("{at}.budget"),
                budget,
                &format!("the budget of project {}", quoted(&p.name)),
            );
        }
        if p.target_date < p.start_date {
            r.add(
                format!("{at}.target_date"),
                format!(
                    "project {} ends ({}) before it starts ({})",
                    quoted(&p.name),
                    p.target_date,
                    p.start_date
                ),
            );
        }
        member_ref(&mut r, format!("{at}.owner"), p.owner);
        if let Some(t) = p.template_id {
            if !templates.contains(&t) {
                r.add(
                    format!("{at}.template_id"),
                    format!("refers to template {t}, which is not in the workspace"),
                );
            }
        }
    }

    for (i, m) in ws.milestones.iter().enumerate() {
        let at = format!("milestones[{i}]");
        project_ref(&mut r, format!("{at}.project_id"), m.project_id);
        text(&mut r, format!("{at}.name"), &m.name, "milestone name");
    }

    for (i, t) in ws.tasks.iter().enumerate() {
        let at = format!("tasks[{i}]");
        project_ref(&mut r, format!("{at}.project_id"), t.project_id);
        text(&mut r, format!("{at}.title"), &t.title, "task title");
        member_ref(&mut r, format!("{at}.owner"), t.owner);
        if let Some(mid) = t.milestone_id {
            match milestone_project.get(&mid) {
                None => r.add(
                    format!("{at}.milestone_id"),
                    format!(
                        "task {} refers to milestone {mid}, which is not in the workspace",
                        quoted(&t.title)
                    ),
                ),
                Some(pid) if *pid != t.project_id => r.add(
                    format!("{at}.milestone_id"),
                    format!(
                        "task {} refers to a milestone of another project",
                        quoted(&t.title)
                    ),
                ),
                _ => {}
            }
        }
        if !t.estimate_hours.is_finite() || t.estimate_hours < 0.0 {
            r.add(
                format!("{at}.estimate_hours"),
                format!("task {} has a negative estimate", quoted(&t.title)),
            );
        }
        if t.is_live() {
            for (j, d) in t.depends_on.iter().enumerate() {
                if !task_ids.contains(&d.task) {
                    r.add(
                        format!("{at}.depends_on[{j}]"),
                        format!(
                            "task {} depends on task {}, which is missing",
                            quoted(&t.title),
                            d.task
                        ),
                    );
                }
            }
        }
    }
    let titles: HashMap<TaskId, &str> = ws.tasks.iter().map(|t| (t.id, t.title.as_str())).collect();
    for cycle in find_cycles(&ws.tasks) {
        let names: Vec<String> = cycle
            .iter()
            .map(|id| quoted(titles.get(id).copied().unwrap_or("?")))
            .collect();
        let first = ws.tasks.iter().position(|t| t.id == cycle[0]).unwrap_or(0);
        r.add(
            format!("tasks[{first}].depends_on"),
            format!("dependency cycle: {} → {}", names.join(" → "), names[0]),
        );
    }

    for (i, x) in ws.risks.iter().enumerate() {
        let at = format!("risks[{i}]");
        project_ref(&mut r, format!("{at}.project_id"), x.project_id);
        text(
            &mut r,
            format!("{at}.description"),
            &x.description,
            "risk description",
        );
        score(
            &mut r,
            format!("{at}.probability"),
            x.probability,
            "the risk's probability",
        );
        score(
            &mut r,
            format!("{at}.impact"),
            x.impact,
            "the risk's impact",
        );
        member_ref(&mut r, format!("{at}.owner"), x.owner);
    }
    for (i, x) in ws.stakeholders.iter().enumerate() {
        project_ref(
            &mut r,
            format!("stakeholders[{i}].project_id"),
            x.project_id,
        );
        text(
            &mut r,
            format!("stakeholders[{i}].name"),
            &x.name,
            "stakeholder's name",
        );
    }
    for (i, x) in ws.communications.iter().enumerate() {
        project_ref(
            &mut r,
            format!("communications[{i}].project_id"),
            x.project_id,
        );
        for (j, s) in x.stakeholders.iter().enumerate() {
            if !stakeholders.contains(s) {
                r.add(
                    format!("communications[{i}].stakeholders[{j}]"),
                    format!("refers to stakeholder {s}, who is not in the workspace"),
                );
            }
        }
    }
    for (i, x) in ws.feedback.iter().enumerate() {
        project_ref(&mut r, format!("feedback[{i}].project_id"), x.project_id);
        score(
            &mut r,
            format!("feedback[{i}].rating"),
            x.rating,
            "the rating",
        );
    }
    for (i, x) in ws.costs.iter().enumerate() {
        project_ref(&mut r, format!("costs[{i}].project_id"), x.project_id);
        money(&mut r, format!("costs[{i}].amount"), &x.amount, "the cost");
    }
    for (i, x) in ws.goals.iter().enumerate() {
        project_ref(&mut r, format!("goals[{i}].project_id"), x.project_id);
        text(
            &mut r,
            format!("goals[{i}].metric"),
            &x.metric,
            "goal's metric",
        );
        if !x.target.is_finite() || !x.current.is_finite() {
            r.add(
                format!("goals[{i}].target"),
                "the goal's numbers must be finite".into(),
            );
        }
    }
    for (i, t) in ws.templates.iter().enumerate() {
        let at = format!("templates[{i}]");
        text(&mut r, format!("{at}.name"), &t.name, "template name");
        let keys: Vec<&str> = t
            .stages
            .iter()
            .flat_map(|s| s.tasks.iter().map(|t| t.key.as_str()))
            .collect();
        let mut seen = HashSet::new();
        for (s, stage) in t.stages.iter().enumerate() {
            if stage.probability > 100 {
                r.add(
                    format!("{at}.stages[{s}].probability"),
                    format!("probability {} % is above 100", stage.probability),
                );
            }
            for (k, task) in stage.tasks.iter().enumerate() {
                let tat = format!("{at}.stages[{s}].tasks[{k}]");
                if !seen.insert(task.key.as_str()) {
                    r.add(
                        format!("{tat}.key"),
                        format!("task key {:?} is used twice", task.key),
                    );
                }
                for dep in &task.depends_on {
                    if !keys.contains(&dep.as_str()) {
                        r.add(
                            format!("{tat}.depends_on"),
                            format!("depends on {dep:?}, which the template does not have"),
                        );
                    }
                }
            }
        }
    }
    for (i, q) in ws.quotas.iter().enumerate() {
        member_ref(&mut r, format!("quotas[{i}].member_id"), q.member_id);
        if q.target < 0 {
            r.add(
                format!("quotas[{i}].target"),
                "the target is negative".into(),
            );
        }
    }
    r.0
}
