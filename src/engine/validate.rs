//! Validation of a whole workspace: every problem, each with where it is and what is wrong.
//!
//! Used before an import replaces anything and when stored data is loaded. One bad record
//! never hides the others.

use crate::model::common::group_thousands;
use crate::model::graph::find_cycles;
use crate::model::limits;
use crate::model::ranges::Limited;
use crate::model::*;
use chrono::NaiveDate;

use std::fmt;
use std::hash::Hash;

/// One problem in a workspace: a path such as `projects[3].probability` and a message in
/// words a sales manager understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    /// The record and field in words ("Project “Acme renewal”: Start date"), where the
    /// path names one; filled in by [`validate`] and [`validate_touched`].
    pub place: Option<String>,
}

/// Record and field first, for the person reading; the path last, for whoever edits the
/// file by hand: `Project “Acme”: Start date — the start date … (projects[0].start_date)`.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{place} — {} ({})", self.message, self.path),
            None => write!(f, "{} ({})", self.message, self.path),
        }
    }
}

struct Report(Vec<Problem>);

impl Report {
    fn add(&mut self, path: String, message: String) {
        self.0.push(Problem {
            path,
            message,
            place: None,
        });
    }

    /// The problems, each with its record and field in words.
    fn placed(mut self, ws: &Workspace) -> Vec<Problem> {
        for p in &mut self.0 {
            p.place = place(ws, &p.path);
        }
        self.0
    }
}

/// Where a path points, in words: the record by its kind and name (or position, when it has
/// no name) and the field by its label. `None` for a path that names no field.
pub fn place(ws: &Workspace, path: &str) -> Option<String> {
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let (collection, index) = match head.split_once('[') {
        Some((c, i)) => (c, i.trim_end_matches(']').parse::<usize>().ok()),
        None => (head, None),
    };
    let (record, field) = match index {
        Some(i) => (record_title(ws, collection, i)?, rest),
        None if collection == "settings" => ("Workspace settings".to_string(), rest),
        None => ("Workspace".to_string(), head),
    };
    Some(match field_label(field) {
        Some(label) => format!("{record}: {label}"),
        None => record,
    })
}

/// "Task “Send the proposal”" for `tasks`, 3; "Task 4" when it has no title.
fn record_title(ws: &Workspace, collection: &str, i: usize) -> Option<String> {
    use crate::engine::records::Entity;
    fn named<T: Entity>(items: &[T], i: usize) -> Option<String> {
        let item = items.get(i)?;
        let singular = T::KIND.singular();
        let mut kind: String = singular
            .chars()
            .take(1)
            .flat_map(char::to_uppercase)
            .collect();
        kind.push_str(&singular[singular.chars().next().map_or(0, char::len_utf8)..]);
        let title = item.title();
        Some(if title.trim().is_empty() {
            format!("{kind} {}", i + 1)
        } else {
            format!("{kind} {}", quoted(&title))
        })
    }
    macro_rules! find {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(if collection == stringify!($field) {
                return named(&ws.$field, i);
            })*
        };
    }
    if collection == "projects" {
        return named(&ws.projects, i);
    }
    crate::project_records!(find);
    crate::workspace_records!(find);
    if collection == "history" {
        return named(&ws.history, i);
    }
    None
}

/// A path's field as its form labels it: `start_date` → "Start date", `value.minor` →
/// "Value", `depends_on[0].lag_days` → "Depends on", `milestone_id` → "Milestone".
fn field_label(path: &str) -> Option<String> {
    let first = path.split('.').next()?.split('[').next()?;
    let words = first.strip_suffix("_id").unwrap_or(first).replace('_', " ");
    let mut chars = words.chars();
    let head = chars.next()?;
    Some(head.to_uppercase().chain(chars).collect())
}

fn duplicates<T, K: Eq + Hash + fmt::Display + Copy>(
    report: &mut Report,
    collection: &str,
    items: &[T],
    id: impl Fn(&T) -> K,
) {
    let mut seen: IdMap<K, usize> = IdMap::default();
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

use crate::model::ranges::quoted;

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

    duplicates(&mut r, "projects", &ws.projects, |p| p.id);
    macro_rules! unique {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(duplicates(&mut r, stringify!($field), &ws.$field, |x| x.id);)*
        };
    }
    crate::workspace_records!(unique);
    crate::project_records!(unique);

    let to = Targets::of(ws);
    project_problems(&mut r, ws, &to);
    plan_problems(&mut r, ws, &to);
    register_problems(&mut r, ws, &to);
    template_problems(&mut r, ws);
    ranges(ws, None, &mut r);
    r.placed(ws)
}

/// The workspace's members and projects: names, owners, templates, dates in order.
fn project_problems(r: &mut Report, ws: &Workspace, to: &Targets) {
    for (i, m) in ws.members.iter().enumerate() {
        required(
            r,
            format_args!("members[{i}].name"),
            &m.name,
            "member's name",
        );
    }

    for (i, p) in ws.projects.iter().enumerate() {
        let at = At("projects", i);
        required(r, format_args!("{at}.name"), &p.name, "project name");
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
        to.member(r, format_args!("{at}.owner"), p.owner);
        if let Some(t) = p.template_id {
            if !to.templates.contains(&t) {
                r.add(
                    format!("{at}.template_id"),
                    format!("refers to template {t}, which is not in the workspace"),
                );
            }
        }
    }
}

/// The plan: milestones, tasks, what tasks refer to and wait for, and dependency cycles.
fn plan_problems(r: &mut Report, ws: &Workspace, to: &Targets) {
    for (i, m) in ws.milestones.iter().enumerate() {
        let at = At("milestones", i);
        to.project(r, format_args!("{at}.project_id"), m.project_id);
        required(r, format_args!("{at}.name"), &m.name, "milestone name");
    }

    for (i, t) in ws.tasks.iter().enumerate() {
        let at = At("tasks", i);
        to.project(r, format_args!("{at}.project_id"), t.project_id);
        required(r, format_args!("{at}.title"), &t.title, "task title");
        to.member(r, format_args!("{at}.owner"), t.owner);
        let refers =
            |r: &mut Report, field: &str, what: &str, id: String, of: Option<&ProjectId>| {
                let problem = match of {
                    None => format!("refers to {what} {id}, which is not in the workspace"),
                    Some(pid) if *pid != t.project_id => {
                        format!("refers to a {what} of another project")
                    }
                    Some(_) => return,
                };
                r.add(
                    format!("{at}.{field}"),
                    format!("task {} {problem}", quoted(&t.title)),
                );
            };
        if let Some(mid) = t.milestone_id {
            refers(
                r,
                "milestone_id",
                "milestone",
                mid.to_string(),
                to.milestone_project.get(&mid),
            );
        }
        if let Some(sid) = t.client_owner {
            let of = to.stakeholder_project.get(&sid);
            refers(r, "client_owner", "client owner", sid.to_string(), of);
        }
        if t.is_live() {
            for (j, d) in t.depends_on.iter().enumerate() {
                if !to.live_tasks.contains(&d.task) {
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
    let titles: IdMap<TaskId, &str> = ws.tasks.iter().map(|t| (t.id, t.title.as_str())).collect();
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
}

/// A project's registers, decisions, reviews and quotas: what they belong and refer to.
fn register_problems(r: &mut Report, ws: &Workspace, to: &Targets) {
    for (i, x) in ws.risks.iter().enumerate() {
        let at = At("risks", i);
        to.project(r, format_args!("{at}.project_id"), x.project_id);
        required(
            r,
            format_args!("{at}.description"),
            &x.description,
            "risk description",
        );
        to.member(r, format_args!("{at}.owner"), x.owner);
    }
    for (i, x) in ws.stakeholders.iter().enumerate() {
        to.project(
            r,
            format_args!("stakeholders[{i}].project_id"),
            x.project_id,
        );
        required(
            r,
            format_args!("stakeholders[{i}].name"),
            &x.name,
            "stakeholder's name",
        );
    }
    for (i, x) in ws.communications.iter().enumerate() {
        to.project(
            r,
            format_args!("communications[{i}].project_id"),
            x.project_id,
        );
        for (j, s) in x.stakeholders.iter().enumerate() {
            if !to.stakeholder_project.contains_key(s) {
                r.add(
                    format!("communications[{i}].stakeholders[{j}]"),
                    format!("refers to stakeholder {s}, who is not in the workspace"),
                );
            }
        }
    }
    for (i, x) in ws.feedback.iter().enumerate() {
        to.project(r, format_args!("feedback[{i}].project_id"), x.project_id);
    }
    for (i, x) in ws.costs.iter().enumerate() {
        to.project(r, format_args!("costs[{i}].project_id"), x.project_id);
        to.member(r, format_args!("costs[{i}].spent_by"), x.spent_by);
    }
    for (i, x) in ws.decisions.iter().enumerate() {
        to.project(r, format_args!("decisions[{i}].project_id"), x.project_id);
        to.member(r, format_args!("decisions[{i}].decided_by"), x.decided_by);
        if x.review.is_some_and(|v| !to.reviews.contains(&v)) {
            r.add(
                format!("decisions[{i}].review"),
                "a decision points to a portfolio review that is not in the file".into(),
            );
        }
    }
    for (i, x) in ws.reviews.iter().enumerate() {
        for (j, m) in x.attendees.iter().enumerate() {
            to.member(r, format_args!("reviews[{i}].attendees[{j}]"), Some(*m));
        }
    }
    for (i, x) in ws.goals.iter().enumerate() {
        to.project(r, format_args!("goals[{i}].project_id"), x.project_id);
        required(
            r,
            format_args!("goals[{i}].metric"),
            &x.metric,
            "goal's metric",
        );
    }
    for (i, q) in ws.quotas.iter().enumerate() {
        to.member(r, format_args!("quotas[{i}].member_id"), q.member_id);
    }
}

/// Playbooks: a name each, task keys used once, dependencies on keys they have.
fn template_problems(r: &mut Report, ws: &Workspace) {
    for (i, t) in ws.templates.iter().enumerate() {
        let at = At("templates", i);
        required(r, format_args!("{at}.name"), &t.name, "template name");
        let keys: Vec<&str> = t
            .stages
            .iter()
            .flat_map(|s| s.tasks.iter().map(|t| t.key.as_str()))
            .collect();
        let mut seen = IdSet::default();
        for (s, stage) in t.stages.iter().enumerate() {
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
}

/// What references in a workspace may point to. Removed members stay as tombstones, so
/// references to them remain valid.
struct Targets {
    members: IdSet<MemberId>,
    projects: IdSet<ProjectId>,
    templates: IdSet<TemplateId>,
    milestone_project: IdMap<MilestoneId, ProjectId>,
    live_tasks: IdSet<TaskId>,
    stakeholder_project: IdMap<StakeholderId, ProjectId>,
    reviews: IdSet<ReviewId>,
}

impl Targets {
    fn of(ws: &Workspace) -> Self {
        Self {
            members: ws.members.iter().map(|m| m.id).collect(),
            projects: ws.projects.iter().map(|p| p.id).collect(),
            templates: ws.templates.iter().map(|t| t.id).collect(),
            milestone_project: ws.milestones.iter().map(|m| (m.id, m.project_id)).collect(),
            live_tasks: ws
                .tasks
                .iter()
                .filter(|t| t.is_live())
                .map(|t| t.id)
                .collect(),
            stakeholder_project: ws
                .stakeholders
                .iter()
                .map(|s| (s.id, s.project_id))
                .collect(),
            reviews: ws.reviews.iter().map(|x| x.id).collect(),
        }
    }

    fn member(&self, r: &mut Report, path: fmt::Arguments<'_>, id: Option<MemberId>) {
        if let Some(id) = id {
            if !self.members.contains(&id) {
                r.add(
                    path.to_string(),
                    format!("refers to member {id}, who is not in the workspace"),
                );
            }
        }
    }

    fn project(&self, r: &mut Report, path: fmt::Arguments<'_>, id: ProjectId) {
        if !self.projects.contains(&id) {
            r.add(
                path.to_string(),
                format!("belongs to project {id}, which is not in the workspace"),
            );
        }
    }
}

/// A name a record must have.
fn required(r: &mut Report, path: fmt::Arguments<'_>, value: &str, what: &str) {
    if value.trim().is_empty() {
        r.add(path.to_string(), format!("the {what} is empty"));
    }
}

/// Checks the documented ranges (`model::limits`) of the records a change touched: the
/// touched projects and what they own, and the workspace-level records when the workspace
/// was touched. The app runs this after every edit and refuses one that leaves a value out
/// of range, so typed and imported values meet the same limits.
pub fn validate_touched(ws: &Workspace, touched: &crate::model::command::Touched) -> Vec<Problem> {
    let mut r = Report(Vec::new());
    ranges(ws, Some(touched), &mut r);
    r.placed(ws)
}

/// Says where a value is, in words: `task “Call the client”`.
/// How a message names a record ("task “Send the proposal” in project “Helios”"), written
/// only when a message needs it: checking 2,000 valid projects names none.
struct Label<'a> {
    kind: &'a str,
    name: &'a str,
    project: Option<&'a str>,
}

impl fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, quoted(self.name))?;
        match self.project {
            Some(project) => write!(f, " in project {}", quoted(project)),
            None => Ok(()),
        }
    }
}

fn record<'a>(kind: &'a str, name: &'a str) -> Label<'a> {
    Label {
        kind,
        name,
        project: None,
    }
}

/// A record's place in the workspace ("tasks[12]"), written only with a problem.
struct At(&'static str, usize);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

struct Ranges<'a>(&'a mut Report);

impl Ranges<'_> {
    fn text(
        &mut self,
        path: fmt::Arguments<'_>,
        record: &dyn fmt::Display,
        field: &str,
        value: &str,
        max: usize,
    ) {
        let n = value.chars().count();
        if n > max {
            self.0.add(
                path.to_string(),
                format!(
                    "{record}: the {field} is {} characters long; at most {} are allowed",
                    group_thousands(n as u64),
                    group_thousands(max as u64)
                ),
            );
        }
    }

    fn texts(
        &mut self,
        path: fmt::Arguments<'_>,
        record: &dyn fmt::Display,
        field: &str,
        values: &[String],
        max: usize,
    ) {
        for (i, v) in values.iter().enumerate() {
            self.text(format_args!("{path}[{i}]"), record, field, v, max);
        }
    }

    fn date(
        &mut self,
        path: fmt::Arguments<'_>,
        record: &dyn fmt::Display,
        field: &str,
        d: NaiveDate,
    ) {
        if !limits::date_in_range(d) {
            self.0.add(
                path.to_string(),
                format!(
                    "{record}: the {field} {d} is outside the dates Pursuit accepts ({} to {})",
                    limits::EARLIEST_DATE,
                    limits::LATEST_DATE
                ),
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn whole(
        &mut self,
        path: fmt::Arguments<'_>,
        record: &dyn fmt::Display,
        field: &str,
        v: i64,
        min: i64,
        max: i64,
        unit: &str,
    ) {
        if !(min..=max).contains(&v) {
            self.0.add(
                path.to_string(),
                format!(
                    "{record}: the {field} is {}{unit}; allowed are {} to {}{unit}",
                    signed(v),
                    signed(min),
                    signed(max)
                ),
            );
        }
    }

    fn amount(
        &mut self,
        path: fmt::Arguments<'_>,
        record: &dyn fmt::Display,
        field: &str,
        m: &Money,
    ) {
        if m.minor > limits::MAX_AMOUNT_MINOR {
            self.0.add(
                format!("{path}.minor"),
                format!(
                    "{record}: the {field} {} is more than the largest amount Pursuit accepts ({})",
                    m.display(),
                    Money::new(limits::MAX_AMOUNT_MINOR, m.currency.clone()).display()
                ),
            );
        }
    }

    /// A planned piece of work (a task, or a template's task): its length and how many
    /// tasks it waits for.
    fn plan(
        &mut self,
        at: &dyn fmt::Display,
        record: &dyn fmt::Display,
        duration: u32,
        predecessors: usize,
    ) {
        self.whole(
            format_args!("{at}.duration_days"),
            record,
            "duration",
            duration.into(),
            0,
            limits::MAX_DURATION_DAYS.into(),
            " working days",
        );
        self.count(
            format_args!("{at}.depends_on"),
            record,
            "predecessors",
            predecessors,
            limits::MAX_DEPENDENCIES,
        );
    }

    fn count(
        &mut self,
        path: fmt::Arguments<'_>,
        record: &dyn fmt::Display,
        what: &str,
        n: usize,
        max: usize,
    ) {
        if n > max {
            self.0.add(
                path.to_string(),
                format!(
                    "{record} has {} {what}; at most {} are allowed",
                    group_thousands(n as u64),
                    group_thousands(max as u64)
                ),
            );
        }
    }
}

/// A whole number with thousands separators and a real minus sign.
fn signed(v: i64) -> String {
    let digits = group_thousands(v.unsigned_abs());
    if v < 0 {
        format!("\u{2212}{digits}")
    } else {
        digits
    }
}

fn money(r: &mut Report, path: fmt::Arguments<'_>, m: &Money, what: &dyn fmt::Display) {
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
}

fn score(r: &mut Report, path: fmt::Arguments<'_>, value: u8, what: &str) {
    if !(1..=5).contains(&value) {
        r.add(
            path.to_string(),
            format!("{what} is {value}; it is scored from 1 to 5"),
        );
    }
}

/// One record's limits (`model::limits::Limited`) checked into the report: paths within
/// the record are put after its place (`tasks[3].`), messages name it by its label.
struct InRecord<'a, 'r>(&'a mut Ranges<'r>, At, &'a dyn fmt::Display);

impl crate::model::ranges::Check for InRecord<'_, '_> {
    fn text(&mut self, at: fmt::Arguments<'_>, field: &str, value: &str, max: usize) {
        let place = &self.1;
        self.0
            .text(format_args!("{place}.{at}"), self.2, field, value, max);
    }
    fn date(&mut self, at: fmt::Arguments<'_>, field: &str, value: NaiveDate) {
        let place = &self.1;
        self.0
            .date(format_args!("{place}.{at}"), self.2, field, value);
    }
    fn whole(
        &mut self,
        at: fmt::Arguments<'_>,
        field: &str,
        value: i64,
        min: i64,
        max: i64,
        unit: &str,
    ) {
        let place = &self.1;
        let path = format_args!("{place}.{at}");
        self.0.whole(path, self.2, field, value, min, max, unit);
    }
    fn count(&mut self, at: fmt::Arguments<'_>, what: &str, n: usize, max: usize) {
        let place = &self.1;
        self.0
            .count(format_args!("{place}.{at}"), self.2, what, n, max);
    }
    fn money(&mut self, at: fmt::Arguments<'_>, field: &str, what: &dyn fmt::Display, m: &Money) {
        let place = &self.1;
        money(self.0 .0, format_args!("{place}.{at}"), m, what);
        self.0
            .amount(format_args!("{place}.{at}"), self.2, field, m);
    }
    fn score(&mut self, at: fmt::Arguments<'_>, what: &str, value: u8) {
        let place = &self.1;
        score(self.0 .0, format_args!("{place}.{at}"), value, what);
    }
    fn broken(&mut self, at: fmt::Arguments<'_>, message: &dyn Fn(&dyn fmt::Display) -> String) {
        let place = &self.1;
        self.0 .0.add(format!("{place}.{at}"), message(self.2));
    }
}

fn ranges(ws: &Workspace, scope: Option<&crate::model::command::Touched>, r: &mut Report) {
    use limits::*;
    let mut c = Ranges(r);
    let whole_workspace = scope.is_none_or(|t| t.workspace);
    let in_scope = |p: ProjectId| scope.is_none_or(|t| t.has(p));
    let project_names: IdMap<ProjectId, &str> = ws
        .projects
        .iter()
        .filter(|p| in_scope(p.id))
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    fn in_project<'a>(
        names: &IdMap<ProjectId, &'a str>,
        kind: &'a str,
        name: &'a str,
        p: ProjectId,
    ) -> Label<'a> {
        Label {
            kind,
            name,
            project: Some(names.get(&p).copied().unwrap_or("?")),
        }
    }

    if whole_workspace {
        settings_ranges(&mut c, ws);
        workspace_ranges(&mut c, ws, scope);
    }

    let mut per_project: IdMap<(ProjectId, crate::engine::records::Kind), usize> = IdMap::default();
    // Every declared kind of project record (`project_records!`).
    macro_rules! tally {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(for x in ws.$field.iter().filter(|x| in_scope(x.project_id)) {
                *per_project
                    .entry((x.project_id, crate::engine::records::Kind::$k))
                    .or_default() += 1;
            })*
        };
    }
    crate::project_records!(tally);
    let mut counted: Vec<_> = per_project.into_iter().collect();
    crate::sorting::sort(&mut counted);
    for ((p, kind), n) in counted {
        if n > MAX_RECORDS_PER_PROJECT {
            let name = project_names.get(&p).copied().unwrap_or("?");
            c.count(
                format_args!("{}", kind.collection()),
                &record("project", name),
                &kind.label().to_lowercase(),
                n,
                MAX_RECORDS_PER_PROJECT,
            );
        }
    }

    for (i, p) in ws
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| in_scope(p.id))
    {
        p.limits(&mut InRecord(
            &mut c,
            At("projects", i),
            &record("project", &p.name),
        ));
    }
    // Every declared kind of project record (`project_records!`), by its own limits.
    macro_rules! each {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(for (i, x) in ws.$field.iter().enumerate().filter(|(_, x)| in_scope(x.project_id)) {
                let name = x.name();
                let which = in_project(&project_names, <$t>::NOUN, &name, x.project_id);
                x.limits(&mut InRecord(&mut c, At(stringify!($field), i), &which));
            })*
        };
    }
    crate::project_records!(each);
    // History entries are written by the app; only files can bring long ones.
    for (i, h) in ws.history.iter().enumerate().filter(|_| scope.is_none()) {
        if h.project_id.is_none_or(&in_scope) && (h.project_id.is_some() || whole_workspace) {
            c.text(
                format_args!("history[{i}].summary"),
                &"a history entry",
                "summary",
                &h.summary,
                TEXT_CHARS,
            );
        }
    }
}

/// The workspace's name and settings: holidays, health thresholds, scoring criteria.
fn settings_ranges(c: &mut Ranges, ws: &Workspace) {
    use limits::*;
    c.text(
        format_args!("name"),
        &"the workspace",
        "name",
        &ws.name,
        NAME_CHARS,
    );
    let s = &ws.settings;
    c.count(
        format_args!("settings.holidays"),
        &"the workspace calendar",
        "holidays",
        s.holidays.len(),
        MAX_HOLIDAYS,
    );
    for (i, d) in s.holidays.iter().enumerate() {
        c.date(
            format_args!("settings.holidays[{i}]"),
            &"the workspace calendar",
            "holiday",
            *d,
        );
    }
    let h = &s.health;
    let at = "the health thresholds";
    let days = i64::from(MAX_THRESHOLD_DAYS);
    let percent = i64::from(MAX_THRESHOLD_PERCENT);
    c.whole(
        format_args!("settings.health.milestone_overdue_days"),
        &at,
        "overdue milestone threshold",
        h.milestone_overdue_days.into(),
        0,
        days,
        " days",
    );
    c.whole(
        format_args!("settings.health.critical_late_days"),
        &at,
        "late critical path threshold",
        h.critical_late_days.into(),
        0,
        days,
        " working days",
    );
    c.whole(
        format_args!("settings.health.budget_percent"),
        &at,
        "budget threshold",
        h.budget_percent.into(),
        0,
        percent,
        " %",
    );
    c.whole(
        format_args!("settings.health.stage_age_percent"),
        &at,
        "stage age threshold",
        h.stage_age_percent.into(),
        0,
        percent,
        " %",
    );
    c.whole(
        format_args!("settings.health.next_step_grace_days"),
        &at,
        "next-step grace period",
        h.next_step_grace_days.into(),
        0,
        days,
        " days",
    );
    c.whole(
        format_args!("settings.health.flagged_slip_percent"),
        &at,
        "chance a flagged deal slips",
        h.flagged_slip_percent.into(),
        0,
        100,
        " %",
    );
    for (stage, d) in &h.typical_stage_days {
        c.whole(
            format_args!("settings.health.typical_stage_days.{}", stage.key()),
            &at,
            &format!("typical days in {}", stage.label()),
            (*d).into(),
            0,
            days,
            " days",
        );
    }
    for problem in crate::model::intake::problems(&s.criteria) {
        c.0.add(
            "settings.criteria".into(),
            format!("the scoring criteria: {problem}"),
        );
    }
}

/// The workspace's own records: counts, reviews, members, templates and quotas.
fn workspace_ranges(
    c: &mut Ranges,
    ws: &Workspace,
    scope: Option<&crate::model::command::Touched>,
) {
    use limits::*;
    c.count(
        format_args!("members"),
        &"the workspace",
        "members",
        ws.members.len(),
        MAX_WORKSPACE_RECORDS,
    );
    c.count(
        format_args!("templates"),
        &"the workspace",
        "templates",
        ws.templates.len(),
        MAX_WORKSPACE_RECORDS,
    );
    c.count(
        format_args!("quotas"),
        &"the workspace",
        "quotas",
        ws.quotas.len(),
        MAX_WORKSPACE_RECORDS,
    );
    c.count(
        format_args!("reviews"),
        &"the workspace",
        "portfolio reviews",
        ws.reviews.len(),
        MAX_WORKSPACE_RECORDS,
    );
    for (i, x) in ws.reviews.iter().enumerate() {
        let at = At("reviews", i);
        let which = format!("the portfolio review of {}", x.date);
        c.date(format_args!("{at}.date"), &which, "date", x.date);
        c.text(
            format_args!("{at}.notes"),
            &which,
            "notes",
            &x.notes,
            TEXT_CHARS,
        );
        c.count(
            format_args!("{at}.attendees"),
            &which,
            "attendees",
            x.attendees.len(),
            MAX_WORKSPACE_RECORDS,
        );
    }
    if scope.is_none() {
        // Counted over the whole workspace; creating a project checks it itself.
        c.count(
            format_args!("projects"),
            &"the workspace",
            "projects",
            ws.projects.len(),
            MAX_PROJECTS,
        );
    }
    for (i, m) in ws.members.iter().enumerate() {
        let who = record(Member::NOUN, &m.name);
        m.limits(&mut InRecord(c, At("members", i), &who));
    }
    for (i, t) in ws.templates.iter().enumerate() {
        template_ranges(c, At("templates", i), t);
    }
    for (i, q) in ws.quotas.iter().enumerate() {
        let at = At("quotas", i);
        let which = format!("the quota from {}", q.period.start);
        c.date(
            format_args!("{at}.period.start"),
            &which,
            "start",
            q.period.start,
        );
        c.whole(
            format_args!("{at}.target"),
            &which,
            "target",
            q.target,
            0,
            MAX_QUOTA_TARGET,
            "",
        );
        if let Some(actual) = q.manual_actual {
            c.whole(
                format_args!("{at}.manual_actual"),
                &which,
                "actual",
                actual,
                0,
                MAX_QUOTA_TARGET,
                "",
            );
        }
    }
}

/// A playbook: its stages, their exit criteria and tasks.
fn template_ranges(c: &mut Ranges, at: At, t: &Template) {
    use limits::*;
    let which = record("template", &t.name);
    c.text(
        format_args!("{at}.name"),
        &which,
        "name",
        &t.name,
        NAME_CHARS,
    );
    c.text(
        format_args!("{at}.description"),
        &which,
        "description",
        &t.description,
        TEXT_CHARS,
    );
    c.count(
        format_args!("{at}.stages"),
        &which,
        "stages",
        t.stages.len(),
        MAX_TEMPLATE_ITEMS,
    );
    for (s, stage) in t.stages.iter().enumerate() {
        let sat = format!("{at}.stages[{s}]");
        if let Some(typical) = stage.typical_days {
            c.whole(
                format_args!("{sat}.typical_days"),
                &which,
                "typical days in the stage",
                typical.into(),
                0,
                i64::from(MAX_THRESHOLD_DAYS),
                " days",
            );
        }
        if stage.probability > 100 {
            c.0.add(
                format!("{sat}.probability"),
                format!("{which}: probability {} % is above 100", stage.probability),
            );
        }
        c.text(
            format_args!("{sat}.milestone"),
            &which,
            "milestone name",
            &stage.milestone,
            NAME_CHARS,
        );
        c.count(
            format_args!("{sat}.exit_criteria"),
            &which,
            "exit criteria in a stage",
            stage.exit_criteria.len(),
            MAX_TEMPLATE_ITEMS,
        );
        c.texts(
            format_args!("{sat}.exit_criteria"),
            &which,
            "exit criterion",
            &stage.exit_criteria,
            TEXT_CHARS,
        );
        c.count(
            format_args!("{sat}.tasks"),
            &which,
            "tasks in a stage",
            stage.tasks.len(),
            MAX_TEMPLATE_ITEMS,
        );
        for (k, task) in stage.tasks.iter().enumerate() {
            let tat = format!("{sat}.tasks[{k}]");
            let what = format!("{which}, task {}", quoted(&task.title));
            c.text(
                format_args!("{tat}.title"),
                &what,
                "title",
                &task.title,
                NAME_CHARS,
            );
            c.text(
                format_args!("{tat}.key"),
                &what,
                "key",
                &task.key,
                NAME_CHARS,
            );
            c.text(
                format_args!("{tat}.owner_role"),
                &what,
                "owner role",
                &task.owner_role,
                NAME_CHARS,
            );
            c.plan(&tat, &what, task.duration_days, task.depends_on.len());
        }
    }
}

/// The range problems a change introduced: those in the touched records after it that were
/// not there before it. Problems a record already had (stored before a limit existed) do
/// not block an unrelated edit; an edit that adds one is refused.
pub fn new_problems(
    before: &Workspace,
    after: &Workspace,
    touched: &crate::model::command::Touched,
) -> Vec<Problem> {
    let old: IdSet<String> = validate_touched(before, touched)
        .into_iter()
        .map(|p| p.message)
        .collect();
    validate_touched(after, touched)
        .into_iter()
        .filter(|p| !old.contains(&p.message))
        .collect()
}
