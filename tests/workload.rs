//! Workload against capacity (`metrics.md`): estimates spread evenly over working days,
//! summed per owner and week; time off cuts capacity, not load.

mod common;
use chrono::NaiveDate;
use common::{d, sample};
use pursuit::engine::workload::{approval_effect, week_start, workload};
use pursuit::model::command::{perform, Context};
use pursuit::model::PlanCommand;
use pursuit::model::*;

/// A workspace with one member (40 h a week) and one active project, on Monday 30 Nov 2026.
fn one_member(capacity: u32) -> (Workspace, MemberId, ProjectId) {
    let now = "2026-11-30T09:00:00Z".parse().unwrap();
    let mut ws = Workspace::new(WorkspaceId(uuid::Uuid::from_u128(1)), "W".into(), now);
    let m = MemberId(uuid::Uuid::from_u128(2));
    ws.members.push(Member {
        id: m,
        stamp: Stamp::new(now, None),
        name: "Ana".into(),
        role: String::new(),
        email: String::new(),
        weekly_capacity_hours: capacity,
        skills: Vec::new(),
        time_off: Vec::new(),
    });
    let p = ProjectId(uuid::Uuid::from_u128(3));
    ws.projects.push(Project::new(
        p,
        Stamp::new(now, None),
        "Deal".into(),
        Money::new(0, Currency::default()),
        d("2026-11-01"),
        d("2027-06-30"),
    ));
    (ws, m, p)
}

fn task(
    ws: &mut Workspace,
    n: u128,
    project: ProjectId,
    owner: MemberId,
    start: &str,
    days: u32,
    hours: f64,
) {
    let stamp = Stamp::new("2026-11-30T09:00:00Z".parse().unwrap(), None);
    ws.tasks.push(Task {
        snoozed_until: None,
        recurrence: None,
        reminders: Vec::new(),
        id: TaskId(uuid::Uuid::from_u128(n)),
        stamp,
        project_id: project,
        milestone_id: None,
        title: format!("Task {n}"),
        owner: Some(owner),
        due_date: None,
        estimate_hours: hours,
        duration_days: days,
        status: TaskStatus::Todo,
        depends_on: Vec::new(),
        start_date: Some(d(start)),
        completed_on: None,
        order: n as i64,
        with_client: false,
        client_owner: None,
    });
}

const MONDAY: &str = "2026-11-30";

#[test]
fn estimates_spread_evenly_over_working_days() {
    // (start, working days, hours, expected hours per week for three weeks)
    let cases: &[(&str, u32, f64, [f64; 3])] = &[
        (MONDAY, 5, 40.0, [40.0, 0.0, 0.0]),
        (MONDAY, 10, 40.0, [20.0, 20.0, 0.0]),
        // Starting Thursday: two days this week, three the next (weekends skipped).
        ("2026-12-03", 5, 50.0, [20.0, 30.0, 0.0]),
        // A checkpoint (no duration) puts its hours on its day.
        ("2026-12-08", 0, 3.0, [0.0, 3.0, 0.0]),
        // No estimate: no load.
        (MONDAY, 5, 0.0, [0.0, 0.0, 0.0]),
        // Running past the horizon: only the weeks shown carry their share.
        ("2026-12-14", 10, 100.0, [0.0, 0.0, 50.0]),
        // Starting after it: nothing.
        ("2026-12-21", 3, 9.0, [0.0, 0.0, 0.0]),
    ];
    for (start, days, hours, expected) in cases {
        let (mut ws, m, p) = one_member(40);
        task(&mut ws, 10, p, m, start, *days, *hours);
        let load = workload(&ws, d(MONDAY), 3);
        assert_eq!(load.members.len(), 1);
        assert_eq!(load.weeks.len(), 3);
        let got: Vec<f64> = (0..3).map(|w| load.cell(m, w).unwrap().planned).collect();
        for (g, e) in got.iter().zip(expected) {
            assert!(
                (g - e).abs() < 1e-9,
                "{start} {days}d {hours}h: {got:?} ≠ {expected:?}"
            );
        }
    }
}

#[test]
fn a_recurring_task_asks_for_its_hours_in_each_week_of_an_occurrence() {
    use pursuit::model::recurrence::{Frequency, Recurrence};
    let (mut ws, m, p) = one_member(40);
    // Every Wednesday from 2 Dec, three times in all, 2 hours each; the week of 7 Dec has
    // a holiday on its Wednesday, which the rule skips.
    task(&mut ws, 10, p, m, "2026-12-02", 1, 2.0);
    ws.settings.holidays = vec![d("2026-12-09")];
    let t = ws.tasks.iter_mut().next().unwrap();
    t.due_date = Some(d("2026-12-02"));
    t.recurrence = Some(Recurrence {
        start: d("2026-12-02"),
        frequency: Frequency::Weekly,
        interval: 1,
        weekdays: Vec::new(),
        month_day: None,
        until: None,
        count: Some(3),
        skip_holidays: true,
        done: 0,
    });
    let load = workload(&ws, d(MONDAY), 4);
    let got: Vec<f64> = (0..4).map(|w| load.cell(m, w).unwrap().planned).collect();
    assert!(!got.is_empty());
    assert_eq!(
        got,
        [2.0, 0.0, 2.0, 0.0],
        "30 Nov, (9 Dec a holiday), 16 Dec; the count ends it"
    );
}

#[test]
fn a_holiday_is_not_a_working_day_of_the_task() {
    let (mut ws, m, p) = one_member(40);
    ws.settings.holidays = vec![d("2026-12-01")];
    // Five working days from Monday skip Tuesday's holiday: four this week, one the next.
    task(&mut ws, 10, p, m, MONDAY, 5, 50.0);
    let load = workload(&ws, d(MONDAY), 2);
    let got: Vec<f64> = (0..2).map(|w| load.cell(m, w).unwrap().planned).collect();
    assert_eq!(got, vec![40.0, 10.0]);
    // Capacity loses the holiday too: four working days of five.
    assert_eq!(load.cell(m, 0).unwrap().capacity, 32.0);
    assert_eq!(load.cell(m, 1).unwrap().capacity, 40.0);
}

#[test]
fn time_off_cuts_capacity_and_zero_capacity_is_over_with_any_load() {
    let (mut ws, m, p) = one_member(40);
    // Away the whole first week, and two days of the second.
    ws.members[0].time_off = vec![
        TimeOff {
            from: d("2026-11-30"),
            to: d("2026-12-04"),
        },
        TimeOff {
            from: d("2026-12-07"),
            to: d("2026-12-08"),
        },
    ];
    // A task wholly inside the time off still counts where it is planned.
    task(&mut ws, 10, p, m, MONDAY, 5, 10.0);
    let load = workload(&ws, d(MONDAY), 3);
    let cells: Vec<_> = (0..3).map(|w| load.cell(m, w).unwrap().clone()).collect();
    assert_eq!(cells[0].capacity, 0.0);
    assert_eq!(cells[1].capacity, 24.0);
    assert_eq!(cells[2].capacity, 40.0);
    assert_eq!(cells[0].planned, 10.0);
    assert!(cells[0].over(), "load on a week with no capacity is over");
    assert_eq!(cells[0].utilisation(), None);
    assert!(!cells[2].over());

    let (mut ws, m, p) = one_member(0);
    task(&mut ws, 10, p, m, MONDAY, 5, 1.0);
    let load = workload(&ws, d(MONDAY), 1);
    assert!(load.cell(m, 0).unwrap().over());
}

#[test]
fn only_open_work_of_open_projects_counts() {
    let (mut ws, m, p) = one_member(40);
    task(&mut ws, 10, p, m, MONDAY, 5, 10.0);
    task(&mut ws, 11, p, m, MONDAY, 5, 7.0);
    ws.tasks[1].status = TaskStatus::Done;
    ws.tasks[1].completed_on = Some(d(MONDAY));
    assert_eq!(
        workload(&ws, d(MONDAY), 1).cell(m, 0).unwrap().planned,
        10.0
    );
    for status in [
        ProjectStatus::Proposed,
        ProjectStatus::Won,
        ProjectStatus::Cancelled,
    ] {
        ws.projects[0].status = status;
        assert_eq!(
            workload(&ws, d(MONDAY), 1).cell(m, 0).unwrap().planned,
            0.0,
            "{status:?}"
        );
    }
}

#[test]
fn weeks_start_on_the_workspace_week_start() {
    let (mut ws, _, _) = one_member(40);
    assert_eq!(week_start(&ws, d("2026-12-03")), d("2026-11-30"));
    ws.settings.week_start = chrono::Weekday::Sun;
    assert_eq!(week_start(&ws, d("2026-12-03")), d("2026-11-29"));
    assert_eq!(week_start(&ws, d("2026-11-29")), d("2026-11-29"));
}

#[test]
fn the_sample_has_a_member_over_capacity_in_two_weeks_and_work_can_move() {
    let mut ws = sample();
    let today = common::today();
    let load = workload(&ws, today, 12);
    assert!(!load.members.is_empty());
    let over: Vec<(MemberId, usize)> = load
        .members
        .iter()
        .map(|(m, cells)| (*m, cells.iter().filter(|c| c.over()).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(over.len(), 1, "{over:?}");
    assert_eq!(over[0].1, 2);
    let (priya, _) = over[0];
    // Reassign the biggest task of her first over week to the member with most room.
    let week = (0..12)
        .find(|w| load.cell(priya, *w).unwrap().over())
        .unwrap();
    let cell = load.cell(priya, week).unwrap();
    assert!(!cell.tasks.is_empty());
    let big = cell
        .tasks
        .iter()
        .max_by(|a, b| a.hours.total_cmp(&b.hours))
        .unwrap()
        .task;
    let (to, _) = load
        .members
        .iter()
        .filter(|(m, _)| *m != priya)
        .max_by(|a, b| a.1[week].room().total_cmp(&b.1[week].room()))
        .unwrap();
    let cx = Context {
        now: "2026-11-22T10:00:00Z".parse().unwrap(),
        today,
        actor: None,
        replica: ReplicaId(1),
    };
    perform(
        &mut ws,
        PlanCommand::AssignTask {
            id: big,
            owner: Some(*to),
        },
        &cx,
    )
    .unwrap();
    let after = workload(&ws, today, 12);
    assert!(!after.cell(priya, week).unwrap().over());
    assert!(perform(
        &mut ws,
        PlanCommand::AssignTask {
            id: big,
            owner: Some(MemberId(uuid::Uuid::from_u128(999)))
        },
        &cx
    )
    .is_err());
}

#[test]
fn approving_a_proposal_shows_what_it_asks_of_the_team() {
    let ws = sample();
    let pilot = ws
        .projects
        .iter()
        .find(|p| p.name.starts_with("Partner channel"))
        .unwrap();
    let effect = approval_effect(&ws, pilot, common::today()).unwrap();
    assert_eq!(effect.weeks, 16);
    assert!(effect.hours_needed > 0.0 && effect.hours_free > 0.0);
    let mut none = pilot.clone();
    none.people_needed = 0;
    assert!(approval_effect(&ws, &none, common::today()).is_none());
    let _: NaiveDate = common::today();
}

#[test]
fn two_projects_needing_one_person_in_an_over_week_overlap() {
    use pursuit::engine::workload::people_overlaps;
    let (mut ws, m, p) = one_member(40);
    let mut other = ws.projects[0].clone();
    other.id = ProjectId(uuid::Uuid::from_u128(4));
    other.name = "Other".into();
    ws.projects.push(other);
    let q = ProjectId(uuid::Uuid::from_u128(4));
    task(&mut ws, 10, p, m, MONDAY, 5, 30.0);
    task(&mut ws, 11, q, m, MONDAY, 5, 20.0);
    let found = people_overlaps(&ws, d(MONDAY), 2);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].projects.len(), 2);
    assert_eq!(found[0].week, d(MONDAY));
    // Under capacity, or over with one project only: no overlap.
    ws.tasks[1].estimate_hours = 5.0;
    assert!(people_overlaps(&ws, d(MONDAY), 2).is_empty());
    ws.tasks[1].estimate_hours = 0.0;
    ws.tasks[0].estimate_hours = 90.0;
    assert!(people_overlaps(&ws, d(MONDAY), 2).is_empty());
}
