//! Team workload against capacity, week by week (`metrics.md`, workload): each open task's
//! estimate is spread evenly over its scheduled working days, and summed per owner and
//! week; a member's weekly capacity is cut by a fifth for each weekday of the week that is
//! a holiday or a day they are away. Over-allocated means planned hours above capacity.

use crate::engine::calendar::Calendar;
use crate::engine::plan::{calendar, project_early_positions};
use crate::model::*;
use chrono::{Datelike, Duration, NaiveDate};

/// A task's hours in one week.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskLoad {
    pub task: TaskId,
    pub project: ProjectId,
    pub hours: f64,
}

/// One member's week.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Cell {
    pub planned: f64,
    pub capacity: f64,
    pub tasks: Vec<TaskLoad>,
}

impl Cell {
    /// Planned ÷ capacity; `None` when there is no capacity.
    pub fn utilisation(&self) -> Option<f64> {
        (self.capacity > 0.0).then(|| self.planned / self.capacity)
    }

    /// More planned than the capacity (any planned hours at zero capacity count).
    pub fn over(&self) -> bool {
        self.planned > self.capacity + 1e-9
    }

    pub fn room(&self) -> f64 {
        (self.capacity - self.planned).max(0.0)
    }
}

/// Members × weeks.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    /// The first day of each week.
    pub weeks: Vec<NaiveDate>,
    /// Live members in name order, each with one cell per week.
    pub members: Vec<(MemberId, Vec<Cell>)>,
}

impl Workload {
    pub fn cell(&self, member: MemberId, week: usize) -> Option<&Cell> {
        self.members
            .iter()
            .find(|(m, _)| *m == member)
            .and_then(|(_, cells)| cells.get(week))
    }

    /// Planned and capacity hours of the whole team per week.
    pub fn team(&self) -> Vec<(f64, f64)> {
        (0..self.weeks.len())
            .map(|w| {
                self.members.iter().fold((0.0, 0.0), |(p, c), (_, cells)| {
                    (p + cells[w].planned, c + cells[w].capacity)
                })
            })
            .collect()
    }
}

/// The first day of the week holding `day`, by the workspace's week start.
pub fn week_start(ws: &Workspace, day: NaiveDate) -> NaiveDate {
    let back = (7 + day.weekday().num_days_from_monday()
        - ws.settings.week_start.num_days_from_monday())
        % 7;
    day.checked_sub_signed(Duration::days(back.into()))
        .unwrap_or(day)
}

/// Capacity of a member in the week starting `start`: weekly hours (a five-day week's) ×
/// the share of the five weekdays they work, so a holiday or a day away each take a fifth.
fn capacity(member: &Member, start: NaiveDate, cal: &Calendar) -> f64 {
    let present = (0..7)
        .filter_map(|i| start.checked_add_signed(Duration::days(i)))
        .filter(|d| cal.is_working_day(*d) && !member.is_away(*d))
        .count();
    f64::from(member.weekly_capacity_hours) * present as f64 / 5.0
}

/// The team's workload for `weeks` weeks from the week holding `today` (or, at a weekend,
/// the next working day). Open tasks of active and on-hold projects count, on the days
/// their project's schedule gives them.
pub fn workload(ws: &Workspace, today: NaiveDate, weeks: usize) -> Workload {
    let cal = calendar(ws);
    let first = week_start(ws, cal.on_or_after(today));
    let starts: Vec<NaiveDate> = (0..weeks as i64)
        .filter_map(|w| first.checked_add_signed(Duration::days(7 * w)))
        .collect();
    let end = starts
        .last()
        .and_then(|d| d.checked_add_signed(Duration::days(7)));
    let mut members: Vec<&Member> = ws.live_members().collect();
    crate::sorting::sort_by_key(&mut members, |m| m.name.to_lowercase());
    let mut index: Vec<(u128, usize)> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.0.as_u128(), i))
        .collect();
    crate::sorting::sort(&mut index);
    let mut cells: Vec<Vec<Cell>> = members
        .iter()
        .map(|m| {
            starts
                .iter()
                .map(|s| Cell {
                    capacity: capacity(m, *s, &cal),
                    ..Cell::default()
                })
                .collect()
        })
        .collect();
    // Each week as calendar positions: week w holds the working days in
    // bounds[w]..bounds[w + 1] (none in a week of holidays).
    let bounds: Vec<i64> = starts
        .iter()
        .copied()
        .chain(end)
        .map(|d| cal.position_on_or_after(d))
        .collect();
    for project in ws.live_projects().filter(|p| p.status.is_open()) {
        let Ok(dates) = project_early_positions(ws, project, today, &cal) else {
            continue;
        };
        for (task, start, finish) in dates {
            let (Some(owner), false) = (task.owner, task.is_done()) else {
                continue;
            };
            let Ok(at) = index.binary_search_by_key(&owner.0.as_u128(), |(k, _)| *k) else {
                continue;
            };
            let m = index[at].1;
            // No estimate (or a value only a broken file holds): no load.
            if task.estimate_hours.is_nan() || task.estimate_hours <= 0.0 {
                continue;
            }
            // Its working days (a checkpoint has one: the day it is reached), and the share
            // of them in each week of the horizon.
            let all = (finish - start + 1).max(1) as f64;
            let first_week = bounds.partition_point(|b| *b <= start).saturating_sub(1);
            for w in first_week..starts.len() {
                let (a, b) = (start.max(bounds[w]), finish.min(bounds[w + 1] - 1));
                if bounds[w] > finish {
                    break;
                }
                if a > b {
                    continue;
                }
                let hours = task.estimate_hours * (b - a + 1) as f64 / all;
                let cell = &mut cells[m][w];
                cell.planned += hours;
                cell.tasks.push(TaskLoad {
                    task: task.id,
                    project: project.id,
                    hours,
                });
            }
            // A recurring task asks for its hours again in the week of each later occurrence.
            let (Some(rule), Some(due), Some(last)) = (&task.recurrence, task.due_date, end) else {
                continue;
            };
            let until = last.pred_opt().unwrap_or(last);
            for day in rule.occurrences_after(due, until, &ws.settings.holidays) {
                let w = starts.partition_point(|s| *s <= day).saturating_sub(1);
                let cell = &mut cells[m][w];
                cell.planned += task.estimate_hours;
                cell.tasks.push(TaskLoad {
                    task: task.id,
                    project: project.id,
                    hours: task.estimate_hours,
                });
            }
        }
    }
    Workload {
        weeks: starts,
        members: members.iter().map(|m| m.id).zip(cells).collect(),
    }
}

/// What approving a proposal would ask of the team: its stated people × weeks at each
/// member's average weekly capacity, against the team's free hours over those weeks.
#[derive(Clone, Debug, PartialEq)]
pub struct ApprovalEffect {
    pub hours_needed: f64,
    pub hours_free: f64,
    pub weeks: usize,
}

pub fn approval_effect(
    ws: &Workspace,
    project: &Project,
    today: NaiveDate,
) -> Option<ApprovalEffect> {
    if project.people_needed == 0 || project.weeks_needed == 0 {
        return None;
    }
    let weeks = project
        .weeks_needed
        .min(crate::model::limits::MAX_WEEKS_NEEDED) as usize;
    let load = workload(ws, today, weeks);
    let live: Vec<&Member> = ws.live_members().collect();
    let average = if live.is_empty() {
        0.0
    } else {
        live.iter()
            .map(|m| f64::from(m.weekly_capacity_hours))
            .sum::<f64>()
            / live.len() as f64
    };
    let hours_free = load
        .members
        .iter()
        .flat_map(|(_, cells)| cells.iter().map(Cell::room))
        .sum();
    Some(ApprovalEffect {
        hours_needed: f64::from(project.people_needed) * project.weeks_needed as f64 * average,
        hours_free,
        weeks,
    })
}

/// Two or more projects that need the same member in a week they are over capacity.
#[derive(Clone, Debug, PartialEq)]
pub struct PeopleOverlap {
    pub member: MemberId,
    pub week: NaiveDate,
    pub projects: Vec<ProjectId>,
}

/// Weeks in which a member is over capacity with work from more than one project.
pub fn people_overlaps(ws: &Workspace, today: NaiveDate, weeks: usize) -> Vec<PeopleOverlap> {
    let load = workload(ws, today, weeks);
    let mut out = Vec::new();
    for (member, cells) in &load.members {
        for (w, cell) in cells.iter().enumerate().filter(|(_, c)| c.over()) {
            // In the order they first appear in the week, each once.
            let mut seen = std::collections::HashSet::new();
            let projects: Vec<ProjectId> = cell
                .tasks
                .iter()
                .map(|t| t.project)
                .filter(|p| seen.insert(*p))
                .collect();
            if projects.len() > 1 {
                out.push(PeopleOverlap {
                    member: *member,
                    week: load.weeks[w],
                    projects,
                });
            }
        }
    }
    out
}
