//! Plans from templates, and the schedule of a project's tasks.

use crate::engine::calendar::Calendar;
use crate::engine::schedule::{early_positions, schedule, Pin, PlanTask, Schedule, ScheduleError};
use crate::model::*;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The working calendar of a workspace.
pub fn calendar(ws: &Workspace) -> Calendar {
    Calendar::new(ws.settings.holidays.iter().copied())
}

/// Milestones and tasks for a new project, laid out between its start and its target.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplatePlan {
    pub milestones: Vec<Milestone>,
    pub tasks: Vec<Task>,
    /// Each stage's working days: its first and last (the last is its milestone's due date).
    pub stages: Vec<(Stage, NaiveDate, NaiveDate)>,
    /// The first working day of the plan: the project's start, or today when that is later.
    pub begins: NaiveDate,
    /// Working days from `begins` to the target, both counted.
    pub available: i64,
    /// Working days the playbook's stages need at its task durations.
    pub needed: i64,
    /// How many working days too close the target is for the playbook (0 when it fits).
    pub short_by: i64,
    /// Whether task durations were shortened to fit (see [`plan_from_template`]).
    pub compressed: bool,
    /// Working days the plan still ends after the target, even shortened (0 when it fits).
    pub late_by: i64,
}

impl TemplatePlan {
    /// The plan in a sentence, said before it is made; `true` when the target is too close.
    pub fn summary(&self) -> (bool, String) {
        let days = |n: i64| {
            if n == 1 {
                "1 working day".to_string()
            } else {
                format!("{n} working days")
            }
        };
        let tasks = self.tasks.len();
        if self.short_by == 0 {
            let end = self.stages.last().map_or(self.begins, |s| s.2);
            return (
                false,
                format!(
                    "{tasks} tasks in {} stages from {} to {}, each stage given time in \
                     proportion to its typical length.",
                    self.stages.len(),
                    crate::model::day(self.begins),
                    crate::model::day(end)
                ),
            );
        }
        let mut text = format!(
            "The target is {} too close for this playbook: it needs {}, there are {}. ",
            days(self.short_by),
            days(self.needed),
            days(self.available)
        );
        if self.late_by == 0 {
            text.push_str(
                "Tasks are shortened by about the same share, just enough for the plan to end \
                 on the target.",
            );
        } else {
            text.push_str(&format!(
                "Even at one day a task, the plan ends {} after the target.",
                days(self.late_by)
            ));
        }
        (true, text)
    }
}

/// What a plan is laid out for.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFor {
    pub project: ProjectId,
    pub start: NaiveDate,
    pub target: NaiveDate,
    /// The deal owner: takes every task whose role nobody else was given.
    pub owner: Option<MemberId>,
    /// Who takes each playbook role (as the playbook spells it).
    pub roles: Vec<(String, Option<MemberId>)>,
}

impl PlanFor {
    /// A plan for `project` from `start` to `target`, each of the playbook's roles given
    /// to its [`default_owner`].
    pub fn new(
        ws: &Workspace,
        template: &Template,
        project: ProjectId,
        (start, target): (NaiveDate, NaiveDate),
        owner: Option<MemberId>,
    ) -> Self {
        Self {
            project,
            start,
            target,
            owner,
            roles: default_roles(ws, template, owner),
        }
    }
}

/// The playbook roles that own the deal itself: on a deal they are always its owner's,
/// whoever else has that title.
pub const DEAL_OWNER_ROLES: &[&str] = &["account executive", "account manager", "deal owner"];

/// The member a playbook role falls to on a deal by default (`docs/metrics.md`, who does
/// what): the deal owner for the deal-owner roles ([`DEAL_OWNER_ROLES`]) and for a task
/// without a role; else the first teammate (by name) whose role is exactly that role;
/// else the deal owner. Roles compare without case or surrounding spaces.
pub fn default_owner(ws: &Workspace, role: &str, deal_owner: Option<MemberId>) -> Option<MemberId> {
    let role = role.trim().to_lowercase();
    if role.is_empty() || DEAL_OWNER_ROLES.contains(&role.as_str()) {
        return deal_owner;
    }
    let mut members: Vec<&Member> = ws.live_members().collect();
    crate::sorting::sort_by_key(&mut members, |m| m.name.to_lowercase());
    let is = |m: &Member| m.role.trim().to_lowercase() == role;
    if let Some(owner) = deal_owner.and_then(|o| ws.member(o)).filter(|o| is(o)) {
        return Some(owner.id);
    }
    members.iter().find(|m| is(m)).map(|m| m.id).or(deal_owner)
}

/// The roles a playbook's tasks name, each once in the order they first appear, with the
/// member [`default_owner`] gives each.
pub fn default_roles(
    ws: &Workspace,
    template: &Template,
    deal_owner: Option<MemberId>,
) -> Vec<(String, Option<MemberId>)> {
    let mut out: Vec<(String, Option<MemberId>)> = Vec::new();
    for task in template.stages.iter().flat_map(|s| &s.tasks) {
        let role = task.owner_role.trim();
        if !role.is_empty() && !out.iter().any(|(r, _)| r.eq_ignore_ascii_case(role)) {
            out.push((role.to_string(), default_owner(ws, role, deal_owner)));
        }
    }
    out
}

/// The typical length of a playbook stage: the playbook's own, else the workspace's.
pub fn typical_stage_days(ws: &Workspace, stage: &TemplateStage) -> Option<u32> {
    stage
        .typical_days
        .filter(|d| *d > 0)
        .or_else(|| ws.settings.health.typical_days(stage.stage))
}

/// Lays out a playbook for a project (`docs/metrics.md`, planning from a playbook):
///
/// - the plan runs from the project's start (or today, when later) to the target;
/// - each stage gets the working days its own tasks need (their longest chain), and the
///   time left over is shared between the stages in proportion to their typical lengths
///   (the playbook's, else the workspace's; a stage with neither counts what it needs);
/// - every task is due as late as its stage's end (the stage milestone's due date) and the
///   tasks after it allow;
/// - when the target is too close for the playbook, tasks are shortened just enough for the
///   stages to run back to back from the start to the target (see `compress`); if even
///   one day a task does not fit, the plan runs from the start as soon as it can and ends
///   `late_by` working days after the target.
///
/// Tasks fall to the member given their role in `plan.roles`, else to the deal owner.
pub fn plan_from_template(
    ws: &Workspace,
    template: &Template,
    plan: &PlanFor,
    today: NaiveDate,
    ids: &mut dyn IdSource,
    stamp: &Stamp,
) -> Result<TemplatePlan, ScheduleError> {
    let cal = calendar(ws);
    let (mut milestones, mut tasks, stage_of) = draft(template, plan, ids, stamp);
    let begins = cal.position_on_or_after(plan.start.max(today));
    let target = cal.position_on_or_before(plan.target);
    let available = target - begins + 1;
    let mut chains = StageChains::new(&tasks, &stage_of, template.stages.len(), &cal);
    let need = chains.needs()?;
    let needed: i64 = need.iter().sum();
    let short_by = (needed - available).max(0);
    let need_now = if short_by > 0 {
        compress(&mut tasks, &mut chains, available)?
    } else {
        need
    };
    let late_by = (need_now.iter().sum::<i64>() - available).max(0);
    let windows = stage_windows(ws, template, &need_now, begins, available);
    date_tasks(
        &mut tasks,
        &stage_of,
        &windows,
        &cal,
        (begins, target),
        late_by,
    )?;
    let day = |p: i64| cal.day_at(p.max(begins));
    for (m, (_, to)) in milestones.iter_mut().zip(&windows) {
        m.due_date = Some(day(*to));
    }
    Ok(TemplatePlan {
        stages: template
            .stages
            .iter()
            .zip(&windows)
            .map(|(s, (from, to))| (s.stage, day(*from), day(*to)))
            .collect(),
        milestones,
        tasks,
        begins: cal.day_at(begins),
        available: available.max(0),
        needed,
        short_by,
        compressed: short_by > 0,
        late_by,
    })
}

/// The playbook's milestones and tasks for the project, undated, with each task's stage.
fn draft(
    template: &Template,
    plan: &PlanFor,
    ids: &mut dyn IdSource,
    stamp: &Stamp,
) -> (Vec<Milestone>, Vec<Task>, Vec<usize>) {
    let mut by_key: HashMap<&str, TaskId> = HashMap::new();
    for t in template.stages.iter().flat_map(|s| &s.tasks) {
        by_key.insert(t.key.as_str(), ids.fresh());
    }
    let owner_of = |role: &str| -> Option<MemberId> {
        let role = role.trim();
        plan.roles
            .iter()
            .find(|(r, _)| !role.is_empty() && r.trim().eq_ignore_ascii_case(role))
            .map_or(plan.owner, |(_, m)| m.or(plan.owner))
    };
    let (mut milestones, mut tasks, mut stage_of) = (Vec::new(), Vec::new(), Vec::new());
    for (order, stage) in template.stages.iter().enumerate() {
        let milestone: MilestoneId = ids.fresh();
        milestones.push(Milestone {
            reminders: Vec::new(),
            snoozed_until: None,
            id: milestone,
            stamp: stamp.clone(),
            project_id: plan.project,
            name: stage.milestone.clone(),
            stage: Some(stage.stage),
            due_date: None,
            completed_on: None,
            order: order as i64,
            with_client: stage.milestone_with_client,
            skipped: None,
        });
        for t in &stage.tasks {
            stage_of.push(order);
            tasks.push(Task {
                reminders: Vec::new(),
                recurrence: None,
                snoozed_until: None,
                id: by_key[t.key.as_str()],
                stamp: stamp.clone(),
                project_id: plan.project,
                milestone_id: Some(milestone),
                title: t.title.clone(),
                owner: owner_of(&t.owner_role),
                due_date: None,
                estimate_hours: f64::from(t.duration_days) * 6.0,
                duration_days: t.duration_days,
                status: TaskStatus::Todo,
                depends_on: t
                    .depends_on
                    .iter()
                    .filter_map(|k| by_key.get(k.as_str()))
                    .map(|id| Dependency {
                        task: *id,
                        lag_days: 0,
                    })
                    .collect(),
                start_date: None,
                completed_on: None,
                order: tasks.len() as i64,
                with_client: t.with_client,
                client_owner: None,
            });
        }
    }
    (milestones, tasks, stage_of)
}

/// Each stage's first and last working day (positions): its need, plus its share of the
/// time left over by typical length (a stage without one weighs its need), rounded down
/// cumulatively so the stages fill the window back to back.
fn stage_windows(
    ws: &Workspace,
    template: &Template,
    need: &[i64],
    begins: i64,
    available: i64,
) -> Vec<(i64, i64)> {
    let weights: Vec<i64> = template
        .stages
        .iter()
        .zip(need)
        .map(|(s, n)| typical_stage_days(ws, s).map_or(*n, i64::from))
        .collect();
    let spare = (available - need.iter().sum::<i64>()).max(0);
    let total_weight: i64 = weights.iter().sum();
    let stages = need.len();
    let mut windows = Vec::with_capacity(stages);
    let (mut first, mut weight_so_far, mut shared) = (begins, 0i64, 0i64);
    for k in 0..stages {
        weight_so_far += weights[k];
        let share_to_here = if total_weight > 0 {
            spare * weight_so_far / total_weight
        } else {
            spare * (k as i64 + 1) / stages as i64
        };
        let length = need[k] + share_to_here - shared;
        shared = share_to_here;
        windows.push((first, first + length - 1));
        first += length;
    }
    windows
}

/// Each task due by its stage's end, then as late as the tasks after it allow; a plan that
/// can't fit runs as soon as it can.
fn date_tasks(
    tasks: &mut [Task],
    stage_of: &[usize],
    windows: &[(i64, i64)],
    cal: &Calendar,
    (begins, target): (i64, i64),
    late_by: i64,
) -> Result<(), ScheduleError> {
    let plan_tasks: Vec<PlanTask> = tasks
        .iter()
        .zip(stage_of)
        .map(|(t, k)| PlanTask {
            deadline: (late_by == 0).then(|| cal.day_at(windows[*k].1)),
            ..plan_task(t)
        })
        .collect();
    let s = schedule(&plan_tasks, cal, cal.day_at(begins), cal.day_at(target))?;
    for (task, slot) in tasks.iter_mut().zip(&s.slots) {
        task.due_date = Some(if late_by == 0 {
            slot.late_finish
        } else {
            slot.early_finish
        });
    }
    Ok(())
}

/// A playbook's stages as the scheduler sees them, each keeping only the waits inside it
/// (earlier stages are over when it starts): what measures the working days each needs.
/// After the first, a stage's tasks that wait on none of its own wait on a one-day stand-in
/// for the day the stage before ends: a checkpoint there is reached that day, as in the
/// project's schedule, instead of taking a day of its own.
struct StageChains<'c> {
    stages: Vec<Vec<PlanTask>>,
    /// Each task's stage and its place in that stage's list.
    at: Vec<(usize, usize)>,
    cal: &'c Calendar,
}

impl<'c> StageChains<'c> {
    fn new(tasks: &[Task], stage_of: &[usize], stages: usize, cal: &'c Calendar) -> Self {
        let stage_by_id: HashMap<TaskId, usize> = tasks
            .iter()
            .zip(stage_of)
            .map(|(t, k)| (t.id, *k))
            .collect();
        let mut lists: Vec<Vec<PlanTask>> = vec![Vec::new(); stages];
        let mut at = Vec::with_capacity(tasks.len());
        for (t, k) in tasks.iter().zip(stage_of) {
            let mut p = plan_task(t);
            p.depends_on.retain(|(d, _)| stage_by_id.get(d) == Some(k));
            p.deadline = None;
            at.push((*k, lists[*k].len()));
            lists[*k].push(p);
        }
        for list in lists.iter_mut().skip(1).filter(|l| !l.is_empty()) {
            let before = unused_id(list);
            for p in list.iter_mut().filter(|p| p.depends_on.is_empty()) {
                p.depends_on.push((before, 0));
            }
            list.push(PlanTask {
                id: before,
                duration: 1,
                depends_on: Vec::new(),
                pin: None,
                deadline: None,
            });
        }
        Self {
            stages: lists,
            at,
            cal,
        }
    }

    fn days(&self, task: usize) -> u32 {
        let (k, i) = self.at[task];
        self.stages[k][i].duration
    }

    fn set_days(&mut self, task: usize, days: u32) {
        let (k, i) = self.at[task];
        self.stages[k][i].duration = days;
    }

    /// Working days a stage's tasks need: their longest chain (0 without tasks, or with
    /// only checkpoints after the first stage).
    fn need(&self, stage: usize) -> Result<i64, ScheduleError> {
        let own = &self.stages[stage];
        if own.is_empty() {
            return Ok(0);
        }
        let from = self.cal.on_or_after(crate::model::limits::EARLIEST_DATE);
        let dates = early_positions(own, self.cal, from)?;
        // The stand-in for the stage before takes the first day.
        let first = self.cal.position_on_or_after(from) + i64::from(stage > 0);
        Ok(dates.iter().map(|(_, f)| f - first + 1).max().unwrap_or(0))
    }

    fn needs(&self) -> Result<Vec<i64>, ScheduleError> {
        (0..self.stages.len()).map(|k| self.need(k)).collect()
    }

    /// Every task at `share` of its `full` days (see [`kept`]); the stages' needs then.
    fn keep(&mut self, full: &[u32], share: u64) -> Result<Vec<i64>, ScheduleError> {
        for (task, days) in full.iter().enumerate() {
            self.set_days(task, kept(*days, share));
        }
        self.needs()
    }
}

/// Shares of a task's days are counted in steps this fine, so one step adds at most one
/// working day to any task (a duration is below 2³²).
const SHARES: u64 = 1 << 32;

/// A task's working days when it keeps `share` ÷ [`SHARES`] of `days`: rounded down, at
/// least one; a checkpoint stays at none.
fn kept(days: u32, share: u64) -> u32 {
    let part = u128::from(days) * u128::from(share.min(SHARES)) / u128::from(SHARES);
    u32::try_from(part).unwrap_or(days).clamp(days.min(1), days)
}

/// Shortens the tasks of a playbook that needs more than `available` working days, and
/// returns each stage's need after (`docs/metrics.md`, target too close): every task keeps
/// the same share of its days, the largest that fits (rounded down, at least one day); the
/// tasks the next larger share would lengthen then get their day back one at a time until
/// the plan fills the window exactly. A plain available ÷ needed share rounded down takes
/// out up to a day per task on the chain, and the plan ended that many days early.
fn compress(
    tasks: &mut [Task],
    chains: &mut StageChains,
    available: i64,
) -> Result<Vec<i64>, ScheduleError> {
    let full: Vec<u32> = tasks.iter().map(|t| t.duration_days).collect();
    let total = |needs: &[i64]| needs.iter().sum::<i64>();
    let mut needs = chains.keep(&full, 0)?;
    if total(&needs) <= available {
        // Needs grow with the share: at `fits` the plan fits, at `too_long` (all) it does not.
        let (mut fits, mut too_long) = (0u64, SHARES);
        while too_long - fits > 1 {
            let mid = fits + (too_long - fits) / 2;
            if total(&chains.keep(&full, mid)?) <= available {
                fits = mid;
            } else {
                too_long = mid;
            }
        }
        needs = chains.keep(&full, fits)?;
        give_back(chains, &full, fits, &mut needs, available)?;
    }
    for (task, t) in tasks.iter_mut().enumerate() {
        t.duration_days = chains.days(task);
    }
    Ok(needs)
}

/// From the largest share that fits, gives a day back to the tasks the next share would
/// lengthen — the one that lost the largest part of its days first (the shorter; the earlier
/// in the playbook on a tie) — until the plan ends on the target. Each day lengthens the
/// plan by one day at most, and all of them together would not fit, so it lands exactly.
fn give_back(
    chains: &mut StageChains,
    full: &[u32],
    fits: u64,
    needs: &mut [i64],
    available: i64,
) -> Result<(), ScheduleError> {
    let now = |task: usize| u64::from(kept(full[task], fits));
    let mut next: Vec<usize> = (0..full.len())
        .filter(|t| kept(full[*t], fits + 1) > kept(full[*t], fits))
        .collect();
    // Kept share a ÷ b below c ÷ d, compared as a × d < c × b (each factor below 2³²).
    crate::sorting::sort_by(&mut next, |a, b| {
        (now(*a) * u64::from(full[*b]))
            .cmp(&(now(*b) * u64::from(full[*a])))
            .then(a.cmp(b))
    });
    let mut total: i64 = needs.iter().sum();
    for task in next {
        if total >= available {
            break;
        }
        let stage = chains.at[task].0;
        chains.set_days(task, kept(full[task], fits) + 1);
        let need = chains.need(stage)?;
        total += need - needs[stage];
        needs[stage] = need;
    }
    Ok(())
}

/// An id none of `plan`'s tasks has.
fn unused_id(plan: &[PlanTask]) -> TaskId {
    (0..=u128::MAX)
        .rev()
        .map(|n| TaskId(uuid::Uuid::from_u128(n)))
        .find(|id| plan.iter().all(|p| p.id != *id))
        .unwrap_or(TaskId(uuid::Uuid::nil()))
}

fn plan_task(t: &Task) -> PlanTask {
    PlanTask {
        id: t.id,
        duration: t.duration_days,
        depends_on: t.depends_on.iter().map(|d| (d.task, d.lag_days)).collect(),
        pin: t.start_date.map(Pin::StartOn),
        deadline: t.due_date,
    }
}

/// The schedule of a project's live tasks: done tasks sit where they were finished; open
/// work can't start before today or before a start the team fixed.
pub fn project_schedule(
    ws: &Workspace,
    project: &Project,
    today: NaiveDate,
) -> Result<Schedule, ScheduleError> {
    project_schedule_on(ws, project, today, &calendar(ws))
}

/// [`project_schedule`] on a calendar already built, for callers that schedule many
/// projects.
pub fn project_schedule_on(
    ws: &Workspace,
    project: &Project,
    today: NaiveDate,
    cal: &Calendar,
) -> Result<Schedule, ScheduleError> {
    let (_, plan) = project_plan(ws, project, today);
    schedule(&plan, cal, project.start_date, project.target_date)
}

/// The early start and finish of each of a project's live tasks in the schedule
/// [`project_schedule`] gives them, as positions on `cal`, without the backward pass (what
/// a workload needs).
pub fn project_early_positions<'a>(
    ws: &'a Workspace,
    project: &Project,
    today: NaiveDate,
    cal: &Calendar,
) -> Result<Vec<(&'a Task, i64, i64)>, ScheduleError> {
    let (tasks, plan) = project_plan(ws, project, today);
    let positions = early_positions(&plan, cal, project.start_date)?;
    Ok(tasks
        .into_iter()
        .zip(positions)
        .map(|(t, (start, finish))| (t, start, finish))
        .collect())
}

/// A project's live tasks in plan order, and what the scheduler needs of each.
fn project_plan<'a>(
    ws: &'a Workspace,
    project: &Project,
    today: NaiveDate,
) -> (Vec<&'a Task>, Vec<PlanTask>) {
    let tasks = ws.tasks_of(project.id);
    let mut live: Vec<u128> = tasks.iter().map(|t| t.id.0.as_u128()).collect();
    crate::sorting::sort(&mut live);
    let plan = tasks
        .iter()
        .map(|t| {
            let mut p = plan_task(t);
            p.depends_on
                .retain(|(d, _)| live.binary_search(&d.0.as_u128()).is_ok());
            if t.is_done() {
                p.deadline = None;
            }
            p.pin = match (t.is_done(), t.completed_on) {
                (true, Some(done)) => Some(Pin::FinishedOn(done)),
                (true, None) => p.pin,
                (false, _) => Some(match t.start_date {
                    Some(start) => Pin::StartOn(start.max(today)),
                    None => Pin::StartNoEarlier(today),
                }),
            };
            p
        })
        .collect();
    (tasks, plan)
}

/// The latest day the remaining (not done) work must start to meet the target.
pub fn open_work_start_needed(
    ws: &Workspace,
    project: ProjectId,
    s: &Schedule,
) -> Option<NaiveDate> {
    ws.tasks_of(project)
        .iter()
        .filter(|t| !t.is_done())
        .filter_map(|t| s.slot(t.id))
        .map(|slot| slot.late_start)
        .min()
}

/// The template that governs a project's stages: its own, else the workspace's first.
pub fn governing_template<'a>(ws: &'a Workspace, project: &Project) -> Option<&'a Template> {
    let live = || ws.templates.iter().filter(|t| t.is_live());
    project
        .template_id
        .and_then(|id| live().find(|t| t.id == id))
        .or_else(|| live().next())
}

/// The exit criteria of a project's current stage and which of them are still open.
pub fn open_criteria(ws: &Workspace, project: &Project) -> (Vec<String>, Vec<String>) {
    let all: Vec<String> = governing_template(ws, project)
        .and_then(|t| t.stages.iter().find(|s| s.stage == project.stage))
        .map(|s| s.exit_criteria.clone())
        .unwrap_or_default();
    let open = all
        .iter()
        .filter(|c| !project.criteria_met.contains(c))
        .cloned()
        .collect();
    (all, open)
}

/// What moving a project forward to `to` passes: the open exit criteria of every stage from
/// its current one up to `to` (named "Stage: criterion" when it passes several), and the
/// open milestones of the stages before `to` with how many open tasks each has.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Passing {
    pub criteria: Vec<String>,
    pub milestones: Vec<(String, usize)>,
}

pub fn passing(ws: &Workspace, project: &Project, to: Stage) -> Passing {
    let stages: Vec<&TemplateStage> = governing_template(ws, project)
        .map(|t| {
            t.stages
                .iter()
                .filter(|s| s.stage >= project.stage && s.stage < to)
                .collect()
        })
        .unwrap_or_default();
    let several = stages.len() > 1;
    let criteria = stages
        .iter()
        .flat_map(|s| {
            s.exit_criteria
                .iter()
                .filter(|c| s.stage != project.stage || !project.criteria_met.contains(c))
                .map(move |c| {
                    if several {
                        format!("{}: {c}", s.stage.label())
                    } else {
                        c.clone()
                    }
                })
        })
        .collect();
    let tasks = ws.tasks_of(project.id);
    let milestones = ws
        .milestones_of(project.id)
        .into_iter()
        .filter(|m| m.completed_on.is_none() && m.stage.is_some_and(|s| s < to))
        .map(|m| {
            let open = tasks
                .iter()
                .filter(|t| t.milestone_id == Some(m.id) && !t.is_done())
                .count();
            (m.name.clone(), open)
        })
        .collect();
    Passing {
        criteria,
        milestones,
    }
}

/// The probability a stage suggests for a project: its template's, else the stage default.
pub fn stage_probability(ws: &Workspace, project: &Project, stage: Stage) -> u8 {
    governing_template(ws, project)
        .and_then(|t| t.stages.iter().find(|s| s.stage == stage))
        .map_or_else(|| stage.default_probability(), |s| s.probability)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::playbooks;

    #[test]
    fn builtin_templates_are_valid() {
        let mut ids = SequentialIds::default();
        for t in playbooks::builtin(&mut ids, "2026-11-22T09:00:00Z".parse().unwrap()) {
            assert_eq!(
                crate::model::problems(&t),
                Vec::<String>::new(),
                "{}",
                t.name
            );
        }
    }

    #[test]
    fn template_problems_name_cycles_and_unknown_keys() {
        let mut ids = SequentialIds::default();
        let mut t = playbooks::lead_generation(&mut ids, "2026-11-22T09:00:00Z".parse().unwrap());
        t.stages[0].tasks[0].depends_on = vec!["handoff".into(), "nope".into()];
        let problems = crate::model::problems(&t).join("\n");
        assert!(problems.contains("“nope”"), "{problems}");
        assert!(problems.contains("in a circle"), "{problems}");
    }
}
