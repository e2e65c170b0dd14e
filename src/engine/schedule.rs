//! The scheduler: forward pass from the start, backward pass from the target date, slack and
//! the critical path, in working days. Linear in tasks plus dependencies.

use crate::engine::calendar::Calendar;
use crate::model::graph::cycles_in;
use crate::model::TaskId;
use chrono::NaiveDate;
use std::collections::VecDeque;

/// A task as the scheduler sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanTask {
    pub id: TaskId,
    /// Working days. Zero makes the task a checkpoint (a milestone): it takes no time, is
    /// reached on the day its last predecessor finishes, and its successors start the next
    /// working day, as they would after that predecessor.
    pub duration: u32,
    /// Finish-to-start predecessors with their lag in working days.
    pub depends_on: Vec<(TaskId, i32)>,
    /// Where the task may sit at the earliest, besides its predecessors.
    pub pin: Option<Pin>,
    /// The day it is due, if it has one: it must finish by then, like by the target.
    pub deadline: Option<NaiveDate>,
}

/// A fixed point in a task's plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pin {
    /// Not before this day ("not before today" for open work): the task starts on this
    /// day's working day or later.
    StartNoEarlier(NaiveDate),
    /// A start the person fixed (by moving the task on the timeline): like
    /// `StartNoEarlier`, and the plan shows the task there rather than by its due date.
    StartOn(NaiveDate),
    /// A done task's finish: it sits where it ended (no earlier than the start that
    /// finishes on this day's working day).
    FinishedOn(NaiveDate),
}

/// One task's dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slot {
    pub id: TaskId,
    pub early_start: NaiveDate,
    pub early_finish: NaiveDate,
    pub late_start: NaiveDate,
    pub late_finish: NaiveDate,
    /// Working days the task can slip without missing its due date, a later task's or the
    /// target; negative when the plan already misses one of them.
    pub slack: i64,
    /// No slack left (or less than none): any slip misses a date. A done task is never
    /// critical.
    pub critical: bool,
    /// When the plan has it: a task with a due date ends as late as its dates allow (on its
    /// due date, unless a later task needs it sooner); one without, one whose start was
    /// fixed, or one that can no longer make its dates starts as soon as it can.
    /// What a timeline draws and a task list shows.
    pub planned_start: NaiveDate,
    pub planned_finish: NaiveDate,
}

/// A dated plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// One slot per input task, in input order.
    pub slots: Vec<Slot>,
    /// When the last task finishes, scheduling forward.
    pub finish: NaiveDate,
    /// The target date (moved to a working day).
    pub target: NaiveDate,
    /// The latest day work must start to meet the target.
    pub start_needed: NaiveDate,
    /// Working days the forward plan finishes after the target (0 when it fits).
    pub late_by: i64,
}

impl Schedule {
    pub fn slot(&self, id: TaskId) -> Option<&Slot> {
        self.slots.iter().find(|s| s.id == id)
    }
}

/// Why a plan can't be scheduled.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the dependencies form a cycle")]
    Cycle(Vec<TaskId>),
    #[error("a task depends on a task that is not in the plan")]
    UnknownTask { task: TaskId, missing: TaskId },
}

/// The tasks wired by their dependencies: predecessors and successors of each task as
/// ranges of two flat lists, and an order in which every task follows its predecessors.
struct Network {
    order: Vec<usize>,
    predecessors: Edges,
    successors: Edges,
}

/// Adjacency in one flat list: the neighbours of `i` are `to[start[i]..start[i + 1]]`.
struct Edges {
    start: Vec<usize>,
    to: Vec<(usize, i32)>,
}

impl Edges {
    fn of(&self, i: usize) -> &[(usize, i32)] {
        &self.to[self.start[i]..self.start[i + 1]]
    }
}

impl Network {
    /// Links the tasks; an unknown predecessor or a cycle is an error. A plan is small and
    /// scheduled often (every project, on every screen that shows dates), so the ids are
    /// looked up in a sorted list rather than hashed, and edges live in two flat lists.
    fn new(tasks: &[PlanTask]) -> Result<Self, ScheduleError> {
        let n = tasks.len();
        let mut index: Vec<(u128, usize)> = tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.0.as_u128(), i))
            .collect();
        crate::sorting::sort(&mut index);
        let find = |id: &TaskId| {
            index
                .binary_search_by_key(&id.0.as_u128(), |(k, _)| *k)
                .ok()
                .map(|at| index[at].1)
        };
        let mut predecessors = Edges {
            start: Vec::with_capacity(n + 1),
            to: Vec::new(),
        };
        let mut outgoing = vec![0usize; n + 1];
        for t in tasks {
            predecessors.start.push(predecessors.to.len());
            for (dep, lag) in &t.depends_on {
                let p = find(dep).ok_or(ScheduleError::UnknownTask {
                    task: t.id,
                    missing: *dep,
                })?;
                predecessors.to.push((p, *lag));
                outgoing[p + 1] += 1;
            }
        }
        predecessors.start.push(predecessors.to.len());
        for i in 0..n {
            outgoing[i + 1] += outgoing[i];
        }
        let mut successors = Edges {
            start: outgoing.clone(),
            to: vec![(0, 0); predecessors.to.len()],
        };
        let mut next = outgoing;
        for i in 0..n {
            for &(p, lag) in predecessors.of(i) {
                successors.to[next[p]] = (i, lag);
                next[p] += 1;
            }
        }
        let order = topological(&successors, &predecessors).ok_or_else(|| {
            let edges: Vec<Vec<usize>> = (0..n)
                .map(|i| predecessors.of(i).iter().map(|(p, _)| *p).collect())
                .collect();
            let cycle = cycles_in(&edges).into_iter().next().unwrap_or_default();
            ScheduleError::Cycle(cycle.into_iter().map(|i| tasks[i].id).collect())
        })?;
        Ok(Self {
            order,
            predecessors,
            successors,
        })
    }

    /// Early start and finish of every task from `start`, as calendar positions (working
    /// days are counted, not walked; dates come once at the end).
    fn forward(&self, tasks: &[PlanTask], cal: &Calendar, start: i64) -> (Vec<i64>, Vec<i64>) {
        let n = tasks.len();
        let mut es = vec![start; n];
        let mut ef = vec![start; n];
        // Most pins are the same (open work starts today at the earliest).
        let mut last_pin: Option<(Pin, i64)> = None;
        for &i in &self.order {
            let mut day = start;
            if let Some(pin) = tasks[i].pin {
                let at = match last_pin {
                    Some((p, at)) if p == pin => at,
                    _ => match pin {
                        Pin::StartNoEarlier(d) | Pin::StartOn(d) => cal.position_on_or_after(d),
                        Pin::FinishedOn(d) => cal.position_on_or_before(d),
                    },
                };
                last_pin = Some((pin, at));
                day = day.max(match pin {
                    Pin::StartNoEarlier(_) | Pin::StartOn(_) => at,
                    Pin::FinishedOn(_) => at - length(&tasks[i]),
                });
            }
            for &(p, lag) in self.predecessors.of(i) {
                day = day.max(ef[p] + gap(&tasks[i]) + i64::from(lag));
            }
            es[i] = cal.clamp_position(day);
            ef[i] = cal.clamp_position(es[i] + length(&tasks[i]));
        }
        (es, ef)
    }
}

/// Working days from a task's first to its last day (a checkpoint's are the same day).
fn length(task: &PlanTask) -> i64 {
    i64::from(task.duration.max(1)) - 1
}

/// Early start and finish of each task (in input order), scheduling forward from `start`
/// only: what a workload needs, at half the work of a full [`schedule`], on the same rules.
/// They are calendar positions ([`Calendar::day_at`] makes them dates), so a caller that
/// counts working days between them needs no date arithmetic.
pub fn early_positions(
    tasks: &[PlanTask],
    cal: &Calendar,
    start: NaiveDate,
) -> Result<Vec<(i64, i64)>, ScheduleError> {
    let (es, ef) = Network::new(tasks)?.forward(tasks, cal, cal.position_on_or_after(start));
    Ok(es.into_iter().zip(ef).collect())
}

/// Schedules `tasks` forward from `start` and backward from `target`.
pub fn schedule(
    tasks: &[PlanTask],
    cal: &Calendar,
    start: NaiveDate,
    target: NaiveDate,
) -> Result<Schedule, ScheduleError> {
    let network = Network::new(tasks)?;
    let start = cal.position_on_or_after(start);
    let target = cal.position_on_or_before(target);
    let n = tasks.len();
    let (es, ef) = network.forward(tasks, cal, start);
    let mut lf = vec![target; n];
    let mut ls = vec![target; n];
    for &i in network.order.iter().rev() {
        let mut day = match tasks[i].deadline {
            Some(due) => target.min(cal.position_on_or_before(due)),
            None => target,
        };
        for &(s, lag) in network.successors.of(i) {
            day = day.min(ls[s] - (gap(&tasks[s]) + i64::from(lag)));
        }
        lf[i] = cal.clamp_position(day);
        ls[i] = cal.clamp_position(lf[i] - length(&tasks[i]));
    }
    let slack: Vec<i64> = (0..n).map(|i| ls[i] - es[i]).collect();
    let finish = ef.iter().copied().max().unwrap_or(start);
    Ok(Schedule {
        slots: (0..n)
            .map(|i| {
                let done = matches!(tasks[i].pin, Some(Pin::FinishedOn(_)));
                let fixed = matches!(tasks[i].pin, Some(Pin::StartOn(_)));
                let (early, late) = (
                    (cal.day_at(es[i]), cal.day_at(ef[i])),
                    (cal.day_at(ls[i]), cal.day_at(lf[i])),
                );
                // A dated open task that can still make its dates sits at its latest,
                // unless someone fixed where it starts.
                let planned = if tasks[i].deadline.is_some() && !done && !fixed && slack[i] >= 0 {
                    late
                } else {
                    early
                };
                Slot {
                    id: tasks[i].id,
                    early_start: early.0,
                    early_finish: early.1,
                    late_start: late.0,
                    late_finish: late.1,
                    slack: slack[i],
                    critical: slack[i] <= 0 && !done,
                    planned_start: planned.0,
                    planned_finish: planned.1,
                }
            })
            .collect(),
        finish: cal.day_at(finish),
        target: cal.day_at(target),
        start_needed: cal.day_at(ls.iter().copied().min().unwrap_or(target)),
        late_by: (finish - target).max(0),
    })
}

/// Working days between a predecessor's finish and the start of `task`: the next day for
/// work, the same day for a checkpoint (reached when the predecessor finishes).
fn gap(task: &PlanTask) -> i64 {
    if task.duration == 0 {
        0
    } else {
        1
    }
}

/// Kahn's algorithm; `None` when there is a cycle.
fn topological(successors: &Edges, predecessors: &Edges) -> Option<Vec<usize>> {
    let n = predecessors.start.len() - 1;
    let mut waiting: Vec<usize> = (0..n).map(|i| predecessors.of(i).len()).collect();
    let mut ready: VecDeque<usize> = (0..n).filter(|i| waiting[*i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop_front() {
        order.push(i);
        for &(s, _) in successors.of(i) {
            waiting[s] -= 1;
            if waiting[s] == 0 {
                ready.push_back(s);
            }
        }
    }
    (order.len() == n).then_some(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn d(s: &str) -> NaiveDate {
        crate::dates::parse_day(s).unwrap()
    }

    fn id(n: u128) -> TaskId {
        TaskId(uuid::Uuid::from_u128(n))
    }

    fn task(n: u128, duration: u32, deps: &[u128]) -> PlanTask {
        PlanTask {
            id: id(n),
            duration,
            depends_on: deps.iter().map(|d| (id(*d), 0)).collect(),
            pin: None,
            deadline: None,
        }
    }

    /// The textbook network (A3; B4 after A; C2 after A; D5 after B; E3 after C; F2 after D, E):
    /// critical path A–B–D–F, 14 working days; C and E have 4 days of slack.
    #[test]
    fn textbook_network() {
        let tasks = vec![
            task(1, 3, &[]),
            task(2, 4, &[1]),
            task(3, 2, &[1]),
            task(4, 5, &[2]),
            task(5, 3, &[3]),
            task(6, 2, &[4, 5]),
        ];
        let cal = Calendar::default();
        let start = d("2026-11-23"); // a Monday
        let target = cal.add(start, 13); // exactly 14 working days
        let s = schedule(&tasks, &cal, start, target).unwrap();
        let day = |n: i64| cal.add(start, n);
        // (task, ES, EF, LS, LF, slack) in working-day offsets from the start.
        let expected = [
            (1, 0, 2, 0, 2, 0),
            (2, 3, 6, 3, 6, 0),
            (3, 3, 4, 7, 8, 4),
            (4, 7, 11, 7, 11, 0),
            (5, 5, 7, 9, 11, 4),
            (6, 12, 13, 12, 13, 0),
        ];
        for (n, es, ef, ls, lf, slack) in expected {
            let slot = s.slot(id(n)).unwrap();
            assert_eq!(
                (
                    slot.early_start,
                    slot.early_finish,
                    slot.late_start,
                    slot.late_finish,
                    slot.slack
                ),
                (day(es), day(ef), day(ls), day(lf), slack),
                "task {n}"
            );
            assert_eq!(slot.critical, slack == 0, "task {n}");
        }
        assert_eq!(s.finish, target);
        assert_eq!(s.late_by, 0);
        assert_eq!(s.start_needed, start);
    }

    /// A checkpoint (duration 0) takes no time: it sits on the day its predecessor
    /// finishes, its successor starts the next working day, and it can be critical.
    #[test]
    fn zero_day_checkpoint_is_a_milestone_on_its_date() {
        let cal = Calendar::default();
        let start = d("2026-11-23"); // Monday
        let tasks = vec![task(1, 3, &[]), task(2, 0, &[1]), task(3, 2, &[2])];
        let target = d("2026-11-27"); // Friday: 3 + 0 + 2 working days exactly
        let s = schedule(&tasks, &cal, start, target).unwrap();
        let a = s.slot(id(1)).unwrap();
        let m = s.slot(id(2)).unwrap();
        let b = s.slot(id(3)).unwrap();
        assert_eq!(
            (a.early_start, a.early_finish),
            (d("2026-11-23"), d("2026-11-25"))
        );
        assert_eq!(
            (m.early_start, m.early_finish),
            (d("2026-11-25"), d("2026-11-25"))
        );
        assert_eq!(
            (m.late_start, m.late_finish),
            (d("2026-11-25"), d("2026-11-25"))
        );
        assert_eq!(
            (b.early_start, b.early_finish),
            (d("2026-11-26"), d("2026-11-27"))
        );
        assert_eq!(s.finish, target);
        assert_eq!(s.late_by, 0);
        assert!(a.slack == 0 && m.slack == 0 && b.slack == 0 && m.critical);
        // The same plan with a one-day task in the middle is a day longer.
        let longer = vec![task(1, 3, &[]), task(2, 1, &[1]), task(3, 2, &[2])];
        assert_eq!(schedule(&longer, &cal, start, target).unwrap().late_by, 1);
    }

    #[test]
    fn lag_pins_and_lateness() {
        let cal = Calendar::default();
        let start = d("2026-11-23");
        let mut b = task(2, 1, &[]);
        b.depends_on = vec![(id(1), 2)];
        let tasks = vec![task(1, 2, &[]), b];
        let s = schedule(&tasks, &cal, start, d("2026-11-25")).unwrap();
        // A: Mon–Tue; lag 2 → B on Fri.
        assert_eq!(s.slot(id(2)).unwrap().early_start, d("2026-11-27"));
        assert_eq!(s.late_by, 2);
        assert!(s.slots.iter().all(|x| x.slack == -2 && x.critical));

        let mut pinned = tasks.clone();
        pinned[0].pin = Some(Pin::StartNoEarlier(d("2026-11-28"))); // a Saturday → Monday
        let s = schedule(&pinned, &cal, start, d("2026-12-31")).unwrap();
        assert_eq!(s.slot(id(1)).unwrap().early_start, d("2026-11-30"));
        assert_eq!(s.slot(id(2)).unwrap().early_start, d("2026-12-04"));
    }

    #[test]
    fn cycles_and_unknown_tasks_are_errors() {
        let cal = Calendar::default();
        let tasks = vec![
            task(1, 1, &[3]),
            task(2, 1, &[1]),
            task(3, 1, &[2]),
            task(4, 1, &[]),
        ];
        match schedule(&tasks, &cal, d("2026-11-23"), d("2026-12-31")) {
            Err(ScheduleError::Cycle(members)) => {
                let mut members = members;
                crate::sorting::sort(&mut members);
                assert_eq!(members, vec![id(1), id(2), id(3)]);
            }
            other => panic!("expected a cycle, got {other:?}"),
        }
        let tasks = vec![task(1, 1, &[9])];
        assert_eq!(
            schedule(&tasks, &cal, d("2026-11-23"), d("2026-12-31")),
            Err(ScheduleError::UnknownTask {
                task: id(1),
                missing: id(9)
            })
        );
    }

    /// Random acyclic plans: each task may depend on earlier ones only.
    fn plans() -> impl Strategy<Value = Vec<PlanTask>> {
        proptest::collection::vec(
            (
                1u32..6,
                proptest::collection::vec((any::<prop::sample::Index>(), 0i32..3), 0..3),
            ),
            1..40,
        )
        .prop_map(|specs| {
            specs
                .iter()
                .enumerate()
                .map(|(i, (duration, deps))| PlanTask {
                    id: id(i as u128 + 1),
                    duration: *duration,
                    depends_on: if i == 0 {
                        Vec::new()
                    } else {
                        let mut seen = Vec::new();
                        for (pick, lag) in deps {
                            let p = id(pick.index(i) as u128 + 1);
                            if !seen.iter().any(|(x, _)| *x == p) {
                                seen.push((p, *lag));
                            }
                        }
                        seen
                    },
                    pin: None,
                    deadline: None,
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn schedules_respect_dependencies_and_the_target(tasks in plans(), extra in 0i64..10) {
            let cal = Calendar::new([d("2026-12-25"), d("2027-01-01")]);
            let start = d("2026-11-23");
            let forward = schedule(&tasks, &cal, start, start).unwrap();
            let target = cal.add(forward.finish, extra);
            let s = schedule(&tasks, &cal, start, target).unwrap();
            for t in &tasks {
                let slot = s.slot(t.id).unwrap();
                prop_assert!(slot.early_start <= slot.early_finish && slot.late_finish <= target);
                prop_assert!(slot.late_start >= slot.early_start, "a fitting plan has no negative slack");
                for (p, lag) in &t.depends_on {
                    let pred = s.slot(*p).unwrap();
                    prop_assert!(slot.early_start >= cal.add(pred.early_finish, 1 + i64::from(*lag)));
                    prop_assert!(slot.late_start >= cal.add(pred.late_finish, 1 + i64::from(*lag)));
                }
            }
            prop_assert_eq!(s.late_by, 0);
            // With the target at the forward finish, the critical path has zero slack and
            // reaches the finish.
            let exact = schedule(&tasks, &cal, start, forward.finish).unwrap();
            for slot in exact.slots.iter().filter(|x| x.critical) {
                prop_assert_eq!(slot.slack, 0);
            }
            prop_assert!(exact.slots.iter().any(|x| x.critical && x.early_finish == exact.finish));
        }

        #[test]
        fn early_dates_are_the_schedules_forward_pass(tasks in plans(), extra in 0i64..10) {
            prop_assert!(!tasks.is_empty());
            let cal = Calendar::new([d("2026-12-25"), d("2027-01-01")]);
            let start = d("2026-11-21");
            let s = schedule(&tasks, &cal, start, cal.add(start, extra)).unwrap();
            let early = early_positions(&tasks, &cal, start).unwrap();
            prop_assert_eq!(early.len(), tasks.len());
            for (slot, (es, ef)) in s.slots.iter().zip(early) {
                prop_assert_eq!((slot.early_start, slot.early_finish), (cal.day_at(es), cal.day_at(ef)));
            }
        }

        #[test]
        fn a_back_edge_is_always_a_cycle(tasks in plans(), a in any::<prop::sample::Index>()) {
            // Make the first task depend on a task that (transitively or directly) may depend on it.
            let mut tasks = tasks;
            let n = tasks.len();
            let target = tasks[a.index(n)].id;
            tasks[0].depends_on.push((target, 0));
            // The first task depends on `target`; a cycle exists iff `target` reaches the first task.
            let reaches_first = {
                let by_id: HashMap<TaskId, &PlanTask> = tasks.iter().map(|t| (t.id, t)).collect();
                let mut stack = vec![target];
                let mut seen = std::collections::HashSet::new();
                let mut found = false;
                while let Some(t) = stack.pop() {
                    if t == tasks[0].id { found = true; break; }
                    if seen.insert(t) { stack.extend(by_id[&t].depends_on.iter().map(|(p, _)| *p)); }
                }
                found
            };
            let result = schedule(&tasks, &Calendar::default(), d("2026-11-23"), d("2027-06-30"));
            prop_assert_eq!(matches!(result, Err(ScheduleError::Cycle(_))), reaches_first);
        }
    }
}
