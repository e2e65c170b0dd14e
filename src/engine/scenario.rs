//! What-if scenarios: edits made on a sandbox copy of the workspace, kept apart from it,
//! compared with it, and applied — all or the chosen ones — as one change.
//!
//! A scenario holds its edits as steps of records before and after (the same [`Change`]s
//! undo keeps), not as a copy of the workspace: the sandbox is the workspace with the steps
//! replayed on it ([`sandbox`]), so it follows what teammates change meanwhile and costs
//! only what it changed to keep. A step applies when every record it changes is, in the
//! workspace, still as the step found it ([`check`]); one that would overwrite a later edit
//! is refused, never merged silently.

use crate::engine::forecast::{current, forecast};
use crate::engine::health::{health_of_all, HealthStatus};
use crate::engine::history::{record_value, revert, Change, Way};
use crate::engine::records::Kind;
use crate::engine::simulation::{question_for_period, simulate_with, TRIALS};
use crate::engine::workload::workload;
use crate::model::command::{Change as Edit, Context, Touched};
use crate::model::PeriodKind;
use crate::model::{MemberId, ProjectId, Workspace};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

/// A named what-if, kept in the browser that made it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    /// The edits made in it, oldest first.
    pub steps: Vec<Step>,
    /// Edits undone in it, for redo (newest last).
    #[serde(default)]
    pub undone: Vec<Step>,
}

/// One edit made in a scenario: what it did in words and the records it changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub label: String,
    pub changes: Vec<Change>,
}

/// The longest scenario name.
pub const NAME_CHARS: usize = 80;

impl Scenario {
    /// A scenario with no edits yet. The name is trimmed and must not be empty or longer
    /// than [`NAME_CHARS`].
    pub fn new(id: Uuid, name: &str, now: DateTime<Utc>) -> Result<Self, String> {
        Ok(Self {
            id,
            name: checked_name(name)?,
            created_at: now,
            steps: Vec::new(),
            undone: Vec::new(),
        })
    }
}

/// A scenario name as typed, trimmed, or why it can't be one.
pub fn checked_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 {
        Err("Scenario name: give the scenario a name, e.g. “Q4 push”.".into())
    } else if chars > NAME_CHARS {
        Err(format!(
            "Scenario name: at most {NAME_CHARS} characters (this one has {chars})."
        ))
    } else {
        Ok(name.to_string())
    }
}

/// The workspace as the scenario has it: the real one with the steps replayed.
pub fn sandbox(real: &Workspace, steps: &[Step], cx: &Context) -> Workspace {
    let mut ws = real.clone();
    for step in steps {
        revert(&mut ws, &step.changes, Way::Forward, cx);
    }
    ws
}

/// What a record says, stamps aside (whether it is deleted kept): two versions of a record
/// that differ only in who touched it last say the same.
fn content(value: Option<&Value>) -> Option<Value> {
    let mut value = value?.clone();
    if let Some(object) = value.as_object_mut() {
        let deleted = object
            .get("stamp")
            .and_then(|s| s.get("deleted_at"))
            .is_some_and(|d| !d.is_null());
        object.remove("stamp");
        object.insert("deleted".into(), Value::Bool(deleted));
    }
    Some(value)
}

/// "project “Acme”", or the kind alone for a record without a title.
fn title(change: &Change) -> String {
    match crate::engine::history::title_of(change) {
        t if t.is_empty() => change.kind.singular().to_string(),
        t => format!("{} “{t}”", change.kind.singular()),
    }
}

/// For each step, why it could not be applied after the chosen steps before it (`None`
/// when it can): a record it changes was changed in the workspace since, or was first
/// changed by an earlier step that is not chosen.
pub fn check(real: &Workspace, steps: &[Step], chosen: &[bool]) -> Vec<Option<String>> {
    // Each record as it would be after the chosen steps so far, and which step last
    // changed it in the scenario.
    let mut now: HashMap<(Kind, Uuid), Option<Value>> = HashMap::new();
    let mut last_step: HashMap<(Kind, Uuid), usize> = HashMap::new();
    let mut out = Vec::with_capacity(steps.len());
    for (i, step) in steps.iter().enumerate() {
        let take = chosen.get(i).copied().unwrap_or(false);
        let mut problem = None;
        for c in &step.changes {
            let key = (c.kind, c.id);
            let is = now
                .get(&key)
                .cloned()
                .unwrap_or_else(|| content(record_value(real, c.kind, c.id).as_ref()));
            if is != content(c.before.as_ref()) {
                problem = Some(match last_step.get(&key) {
                    Some(&j) if !chosen.get(j).copied().unwrap_or(false) => format!(
                        "builds on “{}” ({} changes it first): choose that change too.",
                        steps[j].label,
                        title(c)
                    ),
                    _ => format!(
                        "the {} was changed in the workspace after this scenario changed it; applying would overwrite that.",
                        title(c)
                    ),
                });
                break;
            }
        }
        for c in &step.changes {
            let key = (c.kind, c.id);
            last_step.insert(key, i);
            if take && problem.is_none() {
                now.insert(key, content(c.after.as_ref()));
            }
        }
        out.push(problem);
    }
    out
}

/// The chosen steps as one change to the real workspace, or why they can't be applied.
pub fn prepare(
    real: &Workspace,
    steps: &[Step],
    chosen: &[bool],
    cx: &Context,
) -> Result<Edit, String> {
    let problems = check(real, steps, chosen);
    let picked: Vec<usize> = (0..steps.len())
        .filter(|&i| chosen.get(i).copied().unwrap_or(false))
        .collect();
    if picked.is_empty() {
        return Err("Choose at least one change to apply.".into());
    }
    if let Some(&i) = picked.iter().find(|&&i| problems[i].is_some()) {
        let why = problems[i].as_deref().unwrap_or_default();
        return Err(format!("Can't apply “{}”: {why}", steps[i].label));
    }
    // Only the part the chosen steps reach is copied, as for any edit.
    let mut reach = Touched::default();
    for &i in &picked {
        reach.merge(crate::engine::history::reach(&steps[i].changes));
    }
    let mut after = real.part(&reach);
    let mut touched = Touched::default();
    for &i in &picked {
        touched.merge(revert(&mut after, &steps[i].changes, Way::Forward, cx));
    }
    debug_assert!(reach.covers(&touched), "a step reached past its records");
    Ok(Edit {
        before: real.part(&touched),
        after: after.part(&touched),
        touched,
    })
}

/// A number compared.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// Minor units of the workspace currency.
    Money(i64),
    /// 0–1.
    Share(f64),
    Count(usize),
    /// Planned and capacity hours.
    Hours {
        planned: f64,
        capacity: f64,
    },
}

impl Measure {
    fn same(&self, other: &Measure) -> bool {
        match (self, other) {
            (Measure::Share(a), Measure::Share(b)) => (a - b).abs() < 0.0005,
            (
                Measure::Hours {
                    planned: a,
                    capacity: c,
                },
                Measure::Hours {
                    planned: b,
                    capacity: d,
                },
            ) => (a - b).abs() < 0.05 && (c - d).abs() < 0.05,
            _ => self == other,
        }
    }
}

/// One line of the comparison: reality and the scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub label: String,
    pub real: Option<Measure>,
    pub scenario: Option<Measure>,
}

impl Line {
    pub fn changed(&self) -> bool {
        match (&self.real, &self.scenario) {
            (Some(a), Some(b)) => !a.same(b),
            (None, None) => false,
            _ => true,
        }
    }
}

/// A project whose health differs between reality and the scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct HealthLine {
    pub project: ProjectId,
    pub name: String,
    /// `None`: closed, not in the workspace, or not yet planned.
    pub real: Option<HealthStatus>,
    pub scenario: Option<HealthStatus>,
}

/// Reality and the scenario side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The period the forecast lines are of, in words ("Q4 2026").
    pub period: String,
    pub forecast: Vec<Line>,
    /// Each live member's planned hours against capacity over the next `weeks` weeks.
    pub workload: Vec<Line>,
    pub weeks: usize,
    /// Only the projects whose health differs.
    pub health: Vec<HealthLine>,
}

impl Comparison {
    /// How many lines differ, over all parts.
    pub fn differences(&self) -> usize {
        self.forecast
            .iter()
            .chain(&self.workload)
            .filter(|l| l.changed())
            .count()
            + self.health.len()
    }
}

/// Every open project's health, worked out once per side and used by every line.
type Healths = HashMap<ProjectId, crate::engine::health::Health>;

fn forecast_lines(
    ws: &Workspace,
    kind: PeriodKind,
    today: NaiveDate,
    healths: &Healths,
) -> Vec<(String, Option<Measure>)> {
    let period = current(ws, kind, today);
    let f = forecast(ws, period, today);
    let flagged = |p: &crate::model::Project| {
        healths
            .get(&p.id)
            .is_some_and(|h| h.status != HealthStatus::OnTrack)
    };
    // The same question and seed as the dashboard's card, so the numbers agree; without the
    // deciding deals, which the comparison does not show.
    let chance = question_for_period(ws, period, None, today, &flagged)
        .map(|(q, seed)| simulate_with(&q, TRIALS, seed, false));
    let open = ws
        .live_projects()
        .filter(|p| p.status.is_open())
        .filter(|p| {
            crate::engine::periods::contains(period, crate::engine::forecast::period_day(p))
        })
        .count();
    let flagged = healths
        .values()
        .filter(|h| h.status != HealthStatus::OnTrack)
        .count();
    vec![
        ("Won".into(), Some(Measure::Money(f.won))),
        (
            "Expected (won + weighted)".into(),
            Some(Measure::Money(f.expected)),
        ),
        (
            "Weighted pipeline".into(),
            Some(Measure::Money(f.weighted_pipeline)),
        ),
        ("Commit".into(), Some(Measure::Money(f.commit))),
        ("Best case".into(), Some(Measure::Money(f.best_case))),
        ("Target".into(), f.target.map(Measure::Money)),
        (
            "Chance of hitting the target".into(),
            chance.as_ref().map(|a| Measure::Share(a.chance)),
        ),
        (
            "Likely won (P50)".into(),
            chance.as_ref().map(|a| Measure::Money(a.p50)),
        ),
        (
            "Open deals closing in the period".into(),
            Some(Measure::Count(open)),
        ),
        (
            "Projects at risk or off track".into(),
            Some(Measure::Count(flagged)),
        ),
    ]
}

fn workload_lines(
    ws: &Workspace,
    today: NaiveDate,
    weeks: usize,
) -> Vec<(MemberId, String, Measure)> {
    let load = workload(ws, today, weeks);
    load.members
        .iter()
        .map(|(m, cells)| {
            let (planned, capacity) = cells.iter().fold((0.0, 0.0), |(p, c), cell| {
                (p + cell.planned, c + cell.capacity)
            });
            let name = ws
                .members
                .iter()
                .find(|x| x.id == *m)
                .map_or_else(|| "Someone".to_string(), |x| x.name.clone());
            (*m, name, Measure::Hours { planned, capacity })
        })
        .collect()
}

/// The forecast of the current period of `kind`, the chance of hitting its target, each
/// member's workload and the projects' health, in reality and in the scenario.
pub fn compare(
    real: &Workspace,
    scenario: &Workspace,
    kind: PeriodKind,
    today: NaiveDate,
    weeks: usize,
) -> Comparison {
    let period = current(real, kind, today);
    let (hr, hs) = (health_of_all(real, today), health_of_all(scenario, today));
    let forecast = forecast_lines(real, kind, today, &hr)
        .into_iter()
        .zip(forecast_lines(scenario, kind, today, &hs))
        .map(|((label, r), (_, s))| Line {
            label,
            real: r,
            scenario: s,
        })
        .collect();
    let (before, after) = (
        workload_lines(real, today, weeks),
        workload_lines(scenario, today, weeks),
    );
    let mut workload: Vec<Line> = before
        .iter()
        .map(|(m, name, r)| Line {
            label: name.clone(),
            real: Some(*r),
            scenario: after.iter().find(|(n, ..)| n == m).map(|(.., s)| *s),
        })
        .collect();
    workload.extend(
        after
            .iter()
            .filter(|(m, ..)| !before.iter().any(|(n, ..)| n == m))
            .map(|(_, name, s)| Line {
                label: name.clone(),
                real: None,
                scenario: Some(*s),
            }),
    );
    let mut health: Vec<HealthLine> = scenario
        .live_projects()
        .chain(real.live_projects())
        .filter_map(|p| {
            let (r, s) = (
                hr.get(&p.id).map(|h| h.status),
                hs.get(&p.id).map(|h| h.status),
            );
            (r != s).then(|| HealthLine {
                project: p.id,
                name: p.name.clone(),
                real: r,
                scenario: s,
            })
        })
        .collect();
    crate::sorting::sort_by(&mut health, |a, b| {
        a.name.cmp(&b.name).then(a.project.0.cmp(&b.project.0))
    });
    health.dedup_by_key(|h| h.project);
    Comparison {
        period: crate::engine::periods::label(period, real.settings.fiscal_year_start_month),
        forecast,
        workload,
        weeks,
        health,
    }
}
