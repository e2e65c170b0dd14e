//! Every kind of record in a workspace, handled alike: merging, undoing and the change
//! history all work on records by kind and id, whatever their type.

use crate::model::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// Declares [`Kind`] and its words from one table: each kind's collection in the file
/// format, its label in the merge preview and its singular in sentences.
macro_rules! kinds {
    ($($kind:ident => $collection:literal, $label:literal, $singular:literal;)*) => {
        /// The kinds of entity a merge reports on, in the order the preview lists them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Kind {
            $($kind,)*
        }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$kind,)*];

            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$kind => $label,)*
                }
            }

            /// The workspace collection records of this kind live in, as named in the file
            /// format (empty for the workspace's own record).
            pub fn collection(self) -> &'static str {
                match self {
                    $(Self::$kind => $collection,)*
                }
            }

            pub fn singular(self) -> &'static str {
                match self {
                    $(Self::$kind => $singular,)*
                }
            }
        }
    };
}

kinds! {
    Workspace => "", "Workspace name and settings", "workspace settings";
    Member => "members", "Members", "member";
    Project => "projects", "Projects", "project";
    Milestone => "milestones", "Milestones", "milestone";
    Task => "tasks", "Tasks", "task";
    Risk => "risks", "Risks", "risk";
    Stakeholder => "stakeholders", "People", "person";
    Communication => "communications", "Conversations", "conversation";
    Feedback => "feedback", "Feedback", "feedback";
    Cost => "costs", "Costs", "cost";
    Goal => "goals", "Project goals", "project goal";
    Template => "templates", "Templates", "template";
    Quota => "quotas", "Quotas", "quota";
    Decision => "decisions", "Decisions", "decision";
    Review => "reviews", "Portfolio reviews", "portfolio review";
    Competitor => "competitors", "Competitors", "competitor";
    History => "history", "History entries", "history entry";
}

/// A record that merges, undoes and shows in the history the same way whatever its type.
pub(crate) trait Entity: Clone + PartialEq + Serialize + DeserializeOwned + Stamped {
    const KIND: Kind;
    fn uuid(&self) -> Uuid;
    fn stamp_mut(&mut self) -> &mut Stamp;
    fn title(&self) -> String;
    fn project(&self) -> Option<ProjectId> {
        None
    }
}

/// Implements [`Entity`] for a record type; `in_project` for records that belong to a project.
macro_rules! entity {
    ($t:ty, $kind:ident, |$s:ident| $title:expr $(, $in_project:ident)?) => {
        impl Entity for $t {
            const KIND: Kind = Kind::$kind;
            fn uuid(&self) -> Uuid {
                self.id.0
            }
            fn stamp_mut(&mut self) -> &mut Stamp {
                &mut self.stamp
            }
            fn title(&self) -> String {
                let $s = self;
                $title
            }
            $(
                /// Records marked `in_project` belong to their project.
                fn project(&self) -> Option<ProjectId> {
                    let _ = stringify!($in_project);
                    Some(self.project_id)
                }
            )?
        }
    };
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

entity!(Member, Member, |m| m.name.clone());
entity!(Project, Project, |p| p.name.clone());
entity!(Milestone, Milestone, |m| m.name.clone(), in_project);
entity!(Task, Task, |t| t.title.clone(), in_project);
entity!(Risk, Risk, |r| short(&r.description), in_project);
entity!(Stakeholder, Stakeholder, |s| s.name.clone(), in_project);
entity!(
    Communication,
    Communication,
    |c| format!("{} {}", c.date, short(&c.summary)),
    in_project
);
entity!(
    Feedback,
    Feedback,
    |f| format!("{} {}", f.date, short(&f.text)),
    in_project
);
entity!(Cost, Cost, |c| short(&c.description), in_project);
entity!(ProjectGoal, Goal, |g| g.metric.clone(), in_project);
entity!(Competitor, Competitor, |c| c.name.clone(), in_project);
entity!(Template, Template, |t| t.name.clone());
entity!(Quota, Quota, |q| format!("Quota from {}", q.period.start));
entity!(
    Decision,
    Decision,
    |d| format!("{} on {}", d.verdict.label(), d.date),
    in_project
);
entity!(Review, Review, |r| format!(
    "Portfolio review of {}",
    r.date
));

impl Entity for ChangeRecord {
    const KIND: Kind = Kind::History;
    fn uuid(&self) -> Uuid {
        self.id.0
    }
    fn stamp_mut(&mut self) -> &mut Stamp {
        &mut self.stamp
    }
    fn title(&self) -> String {
        self.summary.clone()
    }
    fn project(&self) -> Option<ProjectId> {
        self.project_id
    }
}

fn nil_workspace() -> WorkspaceId {
    WorkspaceId(Uuid::nil())
}

fn nil_stamp() -> Stamp {
    Stamp::new(chrono::DateTime::<chrono::Utc>::MIN_UTC, None)
}

/// The workspace's own record: its name and settings.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct WorkspaceRecord {
    #[serde(skip, default = "nil_workspace")]
    pub id: WorkspaceId,
    #[serde(skip, default = "nil_stamp")]
    pub stamp: Stamp,
    pub name: String,
    pub settings: Settings,
}

impl Stamped for WorkspaceRecord {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
}

impl Entity for WorkspaceRecord {
    const KIND: Kind = Kind::Workspace;
    fn uuid(&self) -> Uuid {
        self.id.0
    }
    fn stamp_mut(&mut self) -> &mut Stamp {
        &mut self.stamp
    }
    fn title(&self) -> String {
        self.name.clone()
    }
}

pub(crate) fn record(ws: &Workspace) -> WorkspaceRecord {
    WorkspaceRecord {
        id: ws.id,
        stamp: ws.stamp.clone(),
        name: ws.name.clone(),
        settings: ws.settings.clone(),
    }
}

/// An entity's content without its stamp, for comparing what people see.
pub(crate) fn content<T: Serialize>(e: &T) -> Value {
    let mut v = crate::json::to_tree(e);
    if let Value::Object(map) = &mut v {
        map.remove("stamp");
    }
    v
}

/// One field that differs between the two versions, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDiff {
    pub field: String,
    pub mine: String,
    pub theirs: String,
}

/// Renders a field's value for the conflict view.
fn show(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.is_empty() => "—".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "—".into(),
        Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join(", "),
        Value::Object(map) => {
            if let (Some(Value::Number(minor)), Some(Value::String(cur))) =
                (map.get("minor"), map.get("currency"))
            {
                if let (Some(minor), Some(cur)) = (minor.as_i64(), Currency::parse(cur)) {
                    return Money::new(minor, cur).display();
                }
            }
            map.iter()
                .map(|(k, v)| format!("{}: {}", k.replace('_', " "), show(v)))
                .collect::<Vec<_>>()
                .join("; ")
        }
    }
}

/// The fields in which two versions of a record differ, named and shown as the conflict
/// view and the history show them.
pub(crate) fn field_diffs<T: Entity>(mine: &T, theirs: &T) -> Vec<FieldDiff> {
    let (m, t) = (content(mine), content(theirs));
    let mut out = Vec::new();
    let (ms, ts) = (mine.stamp(), theirs.stamp());
    if ms.is_deleted() != ts.is_deleted() {
        let state = |s: &Stamp| if s.is_deleted() { "deleted" } else { "kept" };
        out.push(FieldDiff {
            field: "Deleted".into(),
            mine: state(ms).into(),
            theirs: state(ts).into(),
        });
    }
    if let (Value::Object(m), Value::Object(t)) = (&m, &t) {
        let mut keys: Vec<&String> = m.keys().chain(t.keys()).collect();
        crate::sorting::sort(&mut keys);
        keys.dedup();
        for k in keys {
            let (a, b) = (
                m.get(k).unwrap_or(&Value::Null),
                t.get(k).unwrap_or(&Value::Null),
            );
            if a != b {
                let mut name = k.replace('_', " ");
                if let Some(first) = name.get(0..1) {
                    name = first.to_uppercase() + &name[1..];
                }
                out.push(FieldDiff {
                    field: name,
                    mine: show(a),
                    theirs: show(b),
                });
            }
        }
    }
    out
}

/// The project a record belongs to, read from its value: a project is its own, a project
/// record names its `project_id`; `None` for a workspace-level record.
pub fn project_of(kind: Kind, id: Uuid, value: &Value) -> Option<ProjectId> {
    match kind {
        Kind::Project => Some(ProjectId(id)),
        _ => value
            .get("project_id")?
            .as_str()?
            .parse()
            .ok()
            .map(ProjectId),
    }
}

/// The workspace's own record as it travels: its name and settings, and beside them its id
/// and stamp.
fn workspace_value(ws: &Workspace) -> Value {
    let mut own = crate::json::to_tree(&record(ws));
    if let Value::Object(map) = &mut own {
        map.insert("id".into(), Value::String(ws.id.0.to_string()));
        map.insert("stamp".into(), crate::json::to_tree(&ws.stamp));
    }
    own
}

/// A record as it is now in the workspace, by kind and id, as a history change holds it;
/// `None` when the workspace has no such record.
pub fn record_value(ws: &Workspace, kind: Kind, id: Uuid) -> Option<Value> {
    macro_rules! by_kind {
        ($($field:ident: $t:ty => $k:ident),*) => {
            match kind {
                $(Kind::$k => {
                    let list = &ws.$field;
                    return crate::model::records::List::position_of(list, id, |e: &$t| e.uuid())
                        .map(|i| crate::json::to_tree(&list[i]));
                })*
                _ => {}
            }
        };
    }
    crate::project_records!(by_kind);
    crate::workspace_records!(by_kind);
    match kind {
        Kind::Workspace => (ws.id.0 == id).then(|| crate::json::to_tree(&record(ws))),
        Kind::Project => ws.projects.get(id).map(crate::json::to_tree),
        _ => None,
    }
}

/// One record as [`all_records`] gives it; `None` when the workspace has no such record.
pub fn one_record(ws: &Workspace, kind: Kind, id: Uuid) -> Option<Value> {
    match kind {
        Kind::Workspace => (ws.id.0 == id).then(|| workspace_value(ws)),
        _ => record_value(ws, kind, id),
    }
}

/// Every record of a workspace (the workspace's own record, each member, project, task, …,
/// history entries included), by kind and id, as a [`Value`] tree: what a replica sends
/// when it first meets a server.
pub fn all_records(ws: &Workspace) -> Vec<(Kind, Uuid, Value)> {
    let mut out = vec![(Kind::Workspace, ws.id.0, workspace_value(ws))];
    macro_rules! each {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(out.extend(ws.$field.iter().map(|e| (Kind::$k, e.uuid(), crate::json::to_tree(e))));)*
        };
    }
    crate::workspace_records!(each);
    out.extend(
        ws.projects
            .iter()
            .map(|p| (Kind::Project, p.uuid(), crate::json::to_tree(p))),
    );
    crate::project_records!(each);
    out.extend(
        ws.history
            .iter()
            .map(|h| (Kind::History, h.uuid(), crate::json::to_tree(h))),
    );
    out
}

/// Why a record from elsewhere could not be put in place.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PutError {
    #[error("its fields are not those of a {kind}: {reason}")]
    Shape { kind: &'static str, reason: String },
    #[error("its id {0} is not the id inside it")]
    Id(Uuid),
    #[error("it belongs to another workspace")]
    OtherWorkspace,
}

/// Puts a record from elsewhere (another replica) in place as it is, stamp included: added
/// when new, replaced when its id is known. Says the project it belongs to (`None` for a
/// workspace-level record). Nothing changes when it does not read as its kind.
pub fn put_record(
    ws: &mut Workspace,
    kind: Kind,
    id: Uuid,
    value: &Value,
) -> Result<Option<ProjectId>, PutError> {
    fn put<T: Entity>(
        items: &mut impl crate::model::records::List<T>,
        id: Uuid,
        value: &Value,
    ) -> Result<Option<ProjectId>, PutError> {
        let record: T = crate::json::from_tree(value).map_err(|e| PutError::Shape {
            kind: T::KIND.singular(),
            reason: e.to_string(),
        })?;
        if record.uuid() != id {
            return Err(PutError::Id(id));
        }
        let project = record
            .project()
            .or_else(|| (T::KIND == Kind::Project).then_some(ProjectId(record.uuid())));
        match items.position_of(id, T::uuid) {
            // A record never moves to another project (lists are indexed by project).
            Some(i) if items[i].project() != record.project() => {
                return Err(PutError::Shape {
                    kind: T::KIND.singular(),
                    reason: "a record can't move to another project".into(),
                })
            }
            Some(i) => items[i] = record,
            None => items.push(record),
        }
        Ok(project)
    }
    macro_rules! by_kind {
        ($($field:ident: $t:ty => $k:ident),*) => {
            match kind {
                $(Kind::$k => return put(&mut ws.$field, id, value),)*
                _ => {}
            }
        };
    }
    crate::project_records!(by_kind);
    crate::workspace_records!(by_kind);
    match kind {
        Kind::Project => put(&mut ws.projects, id, value),
        Kind::History => put(&mut ws.history, id, value),
        _ => {
            if id != ws.id.0 {
                return Err(PutError::OtherWorkspace);
            }
            let rec: WorkspaceRecord =
                crate::json::from_tree(value).map_err(|e| PutError::Shape {
                    kind: Kind::Workspace.singular(),
                    reason: e.to_string(),
                })?;
            if let Some(stamp) = value.get("stamp") {
                ws.stamp = crate::json::from_tree(stamp).map_err(|e| PutError::Shape {
                    kind: Kind::Workspace.singular(),
                    reason: e.to_string(),
                })?;
            }
            ws.name = rec.name;
            ws.settings = rec.settings;
            Ok(None)
        }
    }
}
