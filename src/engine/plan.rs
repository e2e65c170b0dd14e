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

/// Milestones and tasks for a new project, dated backwards from its target.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplatePlan {
    pub milestones: Vec<Milestone>,
    pub tasks: Vec<Task>,
    /// The latest day work must start to meet the target.
    pub start_needed: NaiveDate,
    /// Working days the plan is already late: the needed start is this many working days
    /// before today (0 when there is still time).
    pub late_by: i64,
}

/// Lays out a template's milestones and tasks for `project`, scheduled backwards from
/// `target`: each task is due on its latest finish, each milestone on its last task's.
pub fn plan_from_template(
    template: &Template,
    project: ProjectId,
    target: NaiveDate,
    cal: &Calendar,
    today: NaiveDate,
    ids: &mut dyn IdSource,
    stamp: &Stamp,
) -> Result<TemplatePlan, ScheduleError> {
    let mut milestones = Vec::new();
    let mut tasks: Vec<Task> = Vec::new();
    let mut by_key: HashMap<&str, TaskId> = HashMap::new();
    for stage in &template.stages {
        for t in &stage.tasks {
            by_key.insert(t.key.as_str(), ids.fresh());
        }
    }
    for (order, stage) in template.stages.iter().enumerate() {
        let milestone: MilestoneId = ids.fresh();
        milestones.push(Milestone {
            id: milestone,
            stamp: stamp.clone(),
            project_id: project,
            name: stage.milestone.clone(),
            stage: Some(stage.stage),
            due_date: None,
            completed_on: None,
            order: order as i64,
        });
        for t in &stage.tasks {
            tasks.push(Task {
                id: by_key[t.key.as_str()],
                stamp: stamp.clone(),
                project_id: project,
                milestone_id: Some(milestone),
                title: t.title.clone(),
                owner: None,
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
            });
        }
    }
    let plan: Vec<PlanTask> = tasks.iter().map(plan_task).collect();
    let s = schedule(&plan, cal, today, target)?;
    for task in &mut tasks {
        task.due_date = s.slot(task.id).map(|slot| slot.late_finish);
    }
    for m in &mut milestones {
        m.due_date = tasks
            .iter()
            .filter(|t| t.milestone_id == Some(m.id))
            .filter_map(|t| t.due_date)
            .max()
            .or(Some(s.target));
    }
    let late_by = if s.start_needed < today {
        cal.between(s.start_needed, cal.on_or_after(today))
    } else {
        0
    };
    Ok(TemplatePlan {
        milestones,
        tasks,
        start_needed: s.start_needed,
        late_by,
    })
}

fn plan_task(t: &Task) -> PlanTask {
    PlanTask {
        id: t.id,
        duration: t.duration_days,
        depends_on: t.depends_on.iter().map(|d| (d.task, d.lag_days)).collect(),
        pin: t.start_date.map(Pin::StartNoEarlier),
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
    live.sort_unstable();
    let plan = tasks
        .iter()
        .map(|t| {
            let mut p = plan_task(t);
            p.depends_on
                .retain(|(d, _)| live.binary_search(&d.0.as_u128()).is_ok());
            p.pin = match (t.is_done(), t.completed_on) {
                (true, Some(done)) => Some(Pin::FinishedOn(done)),
                (true, None) => p.pin,
                (false, _) => Some(Pin::StartNoEarlier(
                    t.start_date.map_or(today, |s| s.max(today)),
                )),
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

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn builtin_templates_are_valid() {
        let mut ids = SequentialIds::default();
        for t in playbooks::builtin(&mut ids, "2026-11-22T09:00:00Z".parse().unwrap()) {
            assert_eq!(
                crate::model::template::problems(&t),
                Vec::<String>::new(),
                "{}",
                t.name
            );
        }
    }

    #[test]
    fn template_plan_is_dated_backwards_from_the_target() {
        let mut ids = SequentialIds::default();
        let now = "2026-11-22T09:00:00Z".parse().unwrap();
        let t = playbooks::complex_b2b_deal(&mut ids, now);
        let cal = Calendar::default();
        let project = ProjectId(uuid::Uuid::from_u128(1));
        let plan = plan_from_template(
            &t,
            project,
            d("2027-03-31"),
            &cal,
            d("2026-11-23"),
            &mut ids,
            &Stamp::new(now, None),
        )
        .unwrap();
        assert_eq!(plan.milestones.len(), 6);
        assert_eq!(plan.tasks.len(), 15);
        let last = plan.tasks.iter().filter_map(|t| t.due_date).max().unwrap();
        assert_eq!(last, d("2027-03-31"));
        assert_eq!(plan.late_by, 0);
        // The critical chain is 30 working days long, so work must start 29 working days before the target.
        assert_eq!(plan.start_needed, cal.add(d("2027-03-31"), -29));

        let late = plan_from_template(
            &t,
            project,
            d("2026-12-01"),
            &cal,
            d("2026-11-23"),
            &mut ids,
            &Stamp::new(now, None),
        )
        .unwrap();
        assert!(late.start_needed < d("2026-11-23"));
        assert_eq!(
            late.late_by,
            cal.between(late.start_needed, d("2026-11-23"))
        );
        assert!(late.late_by > 0);
    }

    #[test]
    fn template_problems_name_cycles_and_unknown_keys() {
        let mut ids = SequentialIds::default();
        let mut t = playbooks::lead_generation(&mut ids, "2026-11-22T09:00:00Z".parse().unwrap());
        t.stages[0].tasks[0].depends_on = vec!["handoff".into(), "nope".into()];
        let problems = crate::model::template::problems(&t).join("\n");
        assert!(problems.contains("“nope”"), "{problems}");
        assert!(problems.contains("in a circle"), "{problems}");
    }
}
