//! The workspace: everything one sales team shares, as flat id-keyed collections.

use crate::model::common::{Currency, Stamp, Stamped};
use crate::model::history::ChangeRecord;
use crate::model::ids::*;
use crate::model::intake::{default_criteria, Criterion};
use crate::model::kinds::competitor::Competitor;
use crate::model::records::Records;
use crate::model::Member;
use crate::model::Quota;
use crate::model::Template;
use crate::model::{Communication, Cost, Feedback, ProjectGoal, Risk, Stakeholder};
use crate::model::{Decision, Review};
use crate::model::{Milestone, Task};
use crate::model::{Project, Stage};
use chrono::{DateTime, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The one list of the records a project owns: each workspace collection with its record
/// type and its kind (`engine::records::Kind`). Every path that handles records of all
/// kinds — storage, merge, share, undo and history, deletion, validation — expands it, so
/// a new kind of project record is one line here (and its type with `project_id`).
///
/// `project_records!(m)` calls `m!(field: Type => Kind, …)`; extra tokens before the list
/// are passed through: `project_records!(m, x)` calls `m!(x; field: Type => Kind, …)`.
#[macro_export]
macro_rules! project_records {
    ($m:ident $(, $($arg:tt)*)?) => {
        $m! {$($($arg)*;)? milestones: Milestone => Milestone, tasks: Task => Task, risks: Risk => Risk,
            stakeholders: Stakeholder => Stakeholder, communications: Communication => Communication,
            feedback: Feedback => Feedback, costs: Cost => Cost, goals: ProjectGoal => Goal,
            decisions: Decision => Decision, competitors: Competitor => Competitor}
    };
}

/// The workspace's own records (not owned by a project), like [`project_records`].
#[macro_export]
macro_rules! workspace_records {
    ($m:ident $(, $($arg:tt)*)?) => {
        $m! {$($($arg)*;)? members: Member => Member, templates: Template => Template, quotas: Quota => Quota,
            reviews: Review => Review}
    };
}

/// Workspace-wide settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The currency new projects start in and totals are shown in.
    pub currency: Currency,
    /// The first day of the week in calendars and weekly views.
    pub week_start: Weekday,
    /// The month (1–12) the fiscal year starts in.
    pub fiscal_year_start_month: u32,
    /// Days nobody works, skipped by the scheduler.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// Where the health check draws its lines (see `metrics.md`).
    #[serde(default)]
    pub health: HealthThresholds,
    /// What proposed and active projects are scored by (see `metrics.md`, portfolio score).
    #[serde(default = "default_criteria")]
    pub criteria: Vec<Criterion>,
    /// Every file that leaves the browser (export, shared project, scenario file) is sealed
    /// under a passphrase (`format::sealed`); written only when set.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub always_seal: bool,
}

/// The lines the health check draws. Each is adjustable in settings; the defaults are the
/// ones in `metrics.md`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HealthThresholds {
    /// A milestone overdue by more than this many days puts a project off track.
    pub milestone_overdue_days: u32,
    /// A critical path later than this many working days puts a project off track.
    pub critical_late_days: u32,
    /// An open risk scored at least this (1–25) puts a project at risk.
    pub high_risk_score: u8,
    /// Costs above this percentage of the budget put a project at risk.
    pub budget_percent: u32,
    /// A stage lasting more than this percentage of its typical length puts a project at risk.
    pub stage_age_percent: u32,
    /// The typical number of days a deal spends in each open stage.
    pub typical_stage_days: BTreeMap<Stage, u32>,
    /// A deal whose start date is fewer than this many days ago is not yet asked for a
    /// next step: its team is still setting it up.
    #[serde(default = "default_grace_days")]
    pub next_step_grace_days: u32,
    /// The chance (0–100 %) that a deal the health check flags (at risk or off track) slips
    /// out of its period, used by the chance of hitting the target (`engine::simulation`).
    #[serde(default = "default_slip_percent")]
    pub flagged_slip_percent: u32,
}

fn default_slip_percent() -> u32 {
    25
}

fn default_grace_days() -> u32 {
    14
}

impl Default for HealthThresholds {
    fn default() -> Self {
        Self {
            milestone_overdue_days: 14,
            critical_late_days: 10,
            high_risk_score: 15,
            budget_percent: 110,
            stage_age_percent: 150,
            typical_stage_days: BTreeMap::from([
                (Stage::Prospect, 14),
                (Stage::Qualified, 14),
                (Stage::Discovery, 21),
                (Stage::Proposal, 14),
                (Stage::Negotiation, 20),
            ]),
            next_step_grace_days: default_grace_days(),
            flagged_slip_percent: default_slip_percent(),
        }
    }
}

impl HealthThresholds {
    /// The typical length of a stage in days, if one is set (never for Closed).
    pub fn typical_days(&self, stage: Stage) -> Option<u32> {
        self.typical_stage_days
            .get(&stage)
            .copied()
            .filter(|d| *d > 0)
    }

    /// Every problem with the thresholds, in words fit for the settings form.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !(1..=25).contains(&self.high_risk_score) {
            out.push("A high risk score is between 1 and 25.".into());
        }
        if self.budget_percent < 100 {
            out.push("The budget line is 100 % or more.".into());
        }
        if self.stage_age_percent < 100 {
            out.push("The stage age line is 100 % or more of the typical length.".into());
        }
        if self.flagged_slip_percent > 100 {
            out.push("The chance a flagged deal slips is a percentage from 0 to 100.".into());
        }
        out
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            currency: Currency::default(),
            week_start: Weekday::Mon,
            fiscal_year_start_month: 1,
            holidays: Vec::new(),
            health: HealthThresholds::default(),
            criteria: default_criteria(),
            always_seal: false,
        }
    }
}

/// Everything a team shares. Collections are flat and point to their parents by id, which
/// keeps merging, lookups and keyed rendering simple. Deleted entities stay as tombstones;
/// use the `live_*` helpers to see what a person should see.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub stamp: Stamp,
    pub name: String,
    pub settings: Settings,
    #[serde(default)]
    pub members: Vec<Member>,
    #[serde(default)]
    pub projects: Records<Project>,
    #[serde(default)]
    pub milestones: Records<Milestone>,
    #[serde(default)]
    pub tasks: Records<Task>,
    #[serde(default)]
    pub risks: Records<Risk>,
    #[serde(default)]
    pub stakeholders: Records<Stakeholder>,
    #[serde(default)]
    pub communications: Records<Communication>,
    #[serde(default)]
    pub feedback: Records<Feedback>,
    #[serde(default)]
    pub costs: Records<Cost>,
    #[serde(default)]
    pub goals: Records<ProjectGoal>,
    #[serde(default)]
    pub templates: Vec<Template>,
    #[serde(default)]
    pub quotas: Vec<Quota>,
    #[serde(default)]
    pub decisions: Records<Decision>,
    /// Who else is bidding for each deal.
    #[serde(default)]
    pub competitors: Records<Competitor>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Every change people made, oldest first.
    #[serde(default)]
    pub history: Vec<ChangeRecord>,
}

/// Counts of live entities, used to say what an import would replace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub members: usize,
    pub projects: usize,
    pub milestones: usize,
    pub tasks: usize,
    pub other_records: usize,
}

impl Summary {
    /// "3 members, 12 projects, 40 milestones, 210 tasks and 35 other records".
    pub fn describe(&self) -> String {
        let part =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "{}, {}, {}, {} and {}",
            part(self.members, "member", "members"),
            part(self.projects, "project", "projects"),
            part(self.milestones, "milestone", "milestones"),
            part(self.tasks, "task", "tasks"),
            part(self.other_records, "other record", "other records"),
        )
    }
}

fn live<T: Stamped>(items: &[T]) -> impl Iterator<Item = &T> {
    items.iter().filter(|i| i.is_live())
}

impl Workspace {
    /// The team's part of the workspace: its id, name, settings and team records (every
    /// kind in `workspace_records!`) and the history not tied to a project, with no projects
    /// and nothing they own. Storage keeps it as the head record; the file-size estimate
    /// starts from it.
    pub fn team_part(&self) -> Workspace {
        let mut part = Workspace {
            stamp: self.stamp.clone(),
            settings: self.settings.clone(),
            history: self
                .history
                .iter()
                .filter(|h| h.project_id.is_none())
                .cloned()
                .collect(),
            ..Workspace::new(self.id, self.name.clone(), self.stamp.created_at)
        };
        macro_rules! copy {
            ($($f:ident: $t:ty => $k:ident),*) => {
                $(part.$f = self.$f.clone();)*
            };
        }
        crate::workspace_records!(copy);
        part
    }

    /// An empty workspace.
    pub fn new(id: WorkspaceId, name: String, now: DateTime<Utc>) -> Self {
        Self {
            id,
            stamp: Stamp::new(now, None),
            name,
            settings: Settings::default(),
            members: Vec::new(),
            projects: Records::new(),
            milestones: Records::new(),
            tasks: Records::new(),
            risks: Records::new(),
            stakeholders: Records::new(),
            communications: Records::new(),
            feedback: Records::new(),
            costs: Records::new(),
            goals: Records::new(),
            templates: Vec::new(),
            quotas: Vec::new(),
            decisions: Records::new(),
            competitors: Records::new(),
            reviews: Vec::new(),
            history: Vec::new(),
        }
    }

    pub fn live_members(&self) -> impl Iterator<Item = &Member> {
        live(&self.members)
    }

    /// Each live member's id and name, for choosing one.
    pub fn member_names(&self) -> Vec<(MemberId, String)> {
        self.live_members()
            .map(|m| (m.id, m.name.clone()))
            .collect()
    }

    /// A copy of the part of the workspace a change can reach (see `command::scope`): its
    /// name, settings and workspace-level records (members, templates, quotas: few, and
    /// used to name things), and the records of the projects in `scope`. The history is
    /// left out. Copying this instead of the whole workspace keeps an edit's cost to what
    /// it touches: each project's records are found through the collections' index.
    pub fn part(&self, scope: &Touched) -> Workspace {
        let mut out = self.shell();
        out.projects = scope
            .projects
            .iter()
            .filter_map(|p| self.projects.get(p.0))
            .cloned()
            .collect();
        macro_rules! copy {
            ($($f:ident: $t:ty => $k:ident),*) => {
                $(out.$f = self.$f.clone();)*
            };
        }
        crate::workspace_records!(copy);
        macro_rules! take {
            ($($f:ident: $t:ty => $k:ident),*) => {
                $(out.$f = scope.projects.iter().flat_map(|p| self.$f.of(*p)).cloned().collect();)*
            };
        }
        crate::project_records!(take);
        out
    }

    /// The workspace-level data (id, name, stamp, settings) without any record: what a
    /// workspace built record by record (a part, a merge) starts from.
    pub fn shell(&self) -> Workspace {
        let mut out = Workspace::new(self.id, self.name.clone(), self.stamp.created_at);
        out.stamp = self.stamp.clone();
        out.settings = self.settings.clone();
        out
    }

    /// Makes the scope's part of the workspace equal to `part` (taken with
    /// [`Workspace::part`], possibly changed since): the workspace-level data as in `part`,
    /// and in each collection the records of the scope's projects as in `part` — replaced in
    /// place (so the order of records is kept), added when new, removed when `part` lacks
    /// them. Applying a change and undoing a refused one both come down to this.
    pub fn restore_part(&mut self, part: &Workspace, scope: &Touched) {
        self.stamp = part.stamp.clone();
        self.name = part.name.clone();
        self.settings = part.settings.clone();
        macro_rules! copy {
            ($($f:ident: $t:ty => $k:ident),*) => {
                $(self.$f = part.$f.clone();)*
            };
        }
        crate::workspace_records!(copy);
        for &project in &scope.projects {
            let own: Vec<Project> = part.projects.of(project).cloned().collect();
            self.projects.set_project(project, &own);
            macro_rules! put {
                ($($f:ident: $t:ty => $k:ident),*) => {
                    $(self.$f.set_project(project, &part.$f.of(project).cloned().collect::<Vec<_>>());)*
                };
            }
            crate::project_records!(put);
        }
    }

    pub fn live_projects(&self) -> impl Iterator<Item = &Project> {
        live(&self.projects)
    }

    pub fn live_templates(&self) -> impl Iterator<Item = &Template> {
        live(&self.templates)
    }

    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.live_members().find(|m| m.id == id)
    }

    /// The member's name, or a plain word when the id is unknown or the member was removed.
    pub fn member_name(&self, id: Option<MemberId>) -> String {
        match id {
            None => "Unassigned".into(),
            Some(id) => match self.members.iter().find(|m| m.id == id) {
                Some(m) if m.is_live() => m.name.clone(),
                Some(m) => format!("{} (removed)", m.name),
                None => "Unknown member".into(),
            },
        }
    }

    pub fn project(&self, id: ProjectId) -> Option<&Project> {
        self.projects.get(id.0).filter(|p| p.is_live())
    }

    /// A project's live milestones in their order.
    pub fn milestones_of(&self, project: ProjectId) -> Vec<&Milestone> {
        let mut out: Vec<_> = self
            .milestones
            .of(project)
            .filter(|m| m.is_live())
            .collect();
        crate::sorting::sort_by_key(&mut out, |m| (m.order, m.id.0.as_u128()));
        out
    }

    /// A project's live goals in their order.
    pub fn goals_of(&self, project: ProjectId) -> Vec<&ProjectGoal> {
        let mut out: Vec<_> = self.goals.of(project).filter(|g| g.is_live()).collect();
        crate::sorting::sort_by_key(&mut out, |g| (g.order, g.id));
        out
    }

    /// A project's live tasks in their order.
    pub fn tasks_of(&self, project: ProjectId) -> Vec<&Task> {
        let mut out: Vec<_> = self.tasks.of(project).filter(|t| t.is_live()).collect();
        crate::sorting::sort_by_key(&mut out, |t| (t.order, t.id.0.as_u128()));
        out
    }

    /// Whether a member owns any live project or open task (asked before removing them).
    pub fn work_owned_by(&self, member: MemberId) -> (usize, usize) {
        let projects = self
            .live_projects()
            .filter(|p| p.owner == Some(member))
            .count();
        let tasks = live(&self.tasks)
            .filter(|t| t.owner == Some(member) && !t.is_done())
            .count();
        (projects, tasks)
    }

    /// Live records of every declared kind but projects, milestones, tasks and members.
    fn other_records(&self) -> usize {
        let mut n = 0;
        macro_rules! count {
            ($($field:ident: $t:ty => $k:ident),*) => {
                $(n += live(&self.$field).count();)*
            };
        }
        crate::project_records!(count);
        crate::workspace_records!(count);
        n - live(&self.milestones).count() - live(&self.tasks).count() - live(&self.members).count()
    }

    pub fn summary(&self) -> Summary {
        Summary {
            members: live(&self.members).count(),
            projects: live(&self.projects).count(),
            milestones: live(&self.milestones).count(),
            tasks: live(&self.tasks).count(),
            other_records: self.other_records(),
        }
    }
}

/// Which parts of the workspace a change touched: the workspace-level records (settings,
/// members, templates, quotas) and/or particular projects with everything they own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    pub workspace: bool,
    pub projects: std::collections::BTreeSet<ProjectId>,
}

impl Touched {
    /// Everything: the workspace-level records and every project.
    pub fn everything(ws: &Workspace) -> Self {
        Self {
            workspace: true,
            projects: ws.projects.iter().map(|p| p.id).collect(),
        }
    }

    pub fn workspace() -> Self {
        Self {
            workspace: true,
            projects: std::collections::BTreeSet::new(),
        }
    }

    pub fn project(id: ProjectId) -> Self {
        Self {
            workspace: false,
            projects: std::collections::BTreeSet::from([id]),
        }
    }

    pub fn merge(&mut self, other: Touched) {
        self.workspace |= other.workspace;
        self.projects.extend(other.projects);
    }

    pub fn is_empty(&self) -> bool {
        !self.workspace && self.projects.is_empty()
    }

    /// Whether `project` is among the touched projects. Checked for every record on an
    /// edit's path, so the usual case of one project is a plain comparison.
    #[inline]
    pub fn has(&self, project: ProjectId) -> bool {
        match self.projects.len() {
            0 => false,
            1 => self.projects.first() == Some(&project),
            _ => self.projects.contains(&project),
        }
    }

    /// Whether everything `other` names is within this scope.
    pub fn covers(&self, other: &Touched) -> bool {
        (self.workspace || !other.workspace) && other.projects.is_subset(&self.projects)
    }
}
