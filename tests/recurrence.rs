//! Recurrence rules against RFC 5545's own examples (section 3.8.5.3, all-day) and the
//! edges the issue names: weekly on weekdays, monthly by day and by "second Tuesday",
//! until and count, month ends (31 Jan + 1 month) and a daylight-saving change.

use chrono::{NaiveDate, Weekday};
use pursuit::model::recurrence::{Frequency, MonthDay, Recurrence};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rule(start: &str, frequency: Frequency) -> Recurrence {
    Recurrence {
        start: d(start),
        frequency,
        interval: 1,
        weekdays: Vec::new(),
        month_day: None,
        until: None,
        count: None,
        skip_holidays: false,
        done: 0,
    }
}

fn days(dates: &[NaiveDate]) -> Vec<String> {
    dates.iter().map(|d| d.to_string()).collect()
}

fn expect(r: &Recurrence, want: &[&str]) {
    let got = days(&r.dates(100));
    assert!(!got.is_empty());
    assert_eq!(got, want, "{}", r.rrule());
}

#[test]
fn daily_for_10_occurrences() {
    // DTSTART:19970902 RRULE:FREQ=DAILY;COUNT=10
    let r = Recurrence {
        count: Some(10),
        ..rule("1997-09-02", Frequency::Daily)
    };
    let got = r.dates(100);
    assert_eq!(got.len(), 10);
    assert_eq!((got[0], got[9]), (d("1997-09-02"), d("1997-09-11")));
    assert_eq!(r.rrule(), "FREQ=DAILY;INTERVAL=1;COUNT=10");
}

#[test]
fn every_10_days_5_occurrences() {
    // RRULE:FREQ=DAILY;INTERVAL=10;COUNT=5
    let r = Recurrence {
        interval: 10,
        count: Some(5),
        ..rule("1997-09-02", Frequency::Daily)
    };
    expect(
        &r,
        &[
            "1997-09-02",
            "1997-09-12",
            "1997-09-22",
            "1997-10-02",
            "1997-10-12",
        ],
    );
}

#[test]
fn weekly_on_tuesday_and_thursday_until() {
    // RRULE:FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH. The RFC's events are at
    // 09:00, so midnight on 7 Oct leaves that day out; all-day, UNTIL (inclusive) is 6 Oct.
    let r = Recurrence {
        weekdays: vec![Weekday::Tue, Weekday::Thu],
        until: Some(d("1997-10-06")),
        ..rule("1997-09-02", Frequency::Weekly)
    };
    expect(
        &r,
        &[
            "1997-09-02",
            "1997-09-04",
            "1997-09-09",
            "1997-09-11",
            "1997-09-16",
            "1997-09-18",
            "1997-09-23",
            "1997-09-25",
            "1997-09-30",
            "1997-10-02",
        ],
    );
}

#[test]
fn every_other_week_on_monday_wednesday_friday() {
    // DTSTART:19970901 RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR
    // (events at 09:00: all-day, the last day is 23 Dec).
    let r = Recurrence {
        interval: 2,
        weekdays: vec![Weekday::Mon, Weekday::Wed, Weekday::Fri],
        until: Some(d("1997-12-23")),
        ..rule("1997-09-01", Frequency::Weekly)
    };
    expect(
        &r,
        &[
            "1997-09-01",
            "1997-09-03",
            "1997-09-05",
            "1997-09-15",
            "1997-09-17",
            "1997-09-19",
            "1997-09-29",
            "1997-10-01",
            "1997-10-03",
            "1997-10-13",
            "1997-10-15",
            "1997-10-17",
            "1997-10-27",
            "1997-10-29",
            "1997-10-31",
            "1997-11-10",
            "1997-11-12",
            "1997-11-14",
            "1997-11-24",
            "1997-11-26",
            "1997-11-28",
            "1997-12-08",
            "1997-12-10",
            "1997-12-12",
            "1997-12-22",
        ],
    );
    assert_eq!(
        r.rrule(),
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;UNTIL=19971223"
    );
}

#[test]
fn monthly_on_the_first_friday_for_10_occurrences() {
    // DTSTART:19970905 RRULE:FREQ=MONTHLY;COUNT=10;BYDAY=1FR
    let r = Recurrence {
        month_day: Some(MonthDay::Nth {
            nth: 1,
            weekday: Weekday::Fri,
        }),
        count: Some(10),
        ..rule("1997-09-05", Frequency::Monthly)
    };
    expect(
        &r,
        &[
            "1997-09-05",
            "1997-10-03",
            "1997-11-07",
            "1997-12-05",
            "1998-01-02",
            "1998-02-06",
            "1998-03-06",
            "1998-04-03",
            "1998-05-01",
            "1998-06-05",
        ],
    );
}

#[test]
fn monthly_on_the_second_tuesday_and_the_last_friday() {
    let second = Recurrence {
        month_day: Some(MonthDay::Nth {
            nth: 2,
            weekday: Weekday::Tue,
        }),
        count: Some(4),
        ..rule("2026-01-01", Frequency::Monthly)
    };
    expect(
        &second,
        &["2026-01-13", "2026-02-10", "2026-03-10", "2026-04-14"],
    );
    assert_eq!(second.describe(), "Every month on the second Tue, 4 times");
    let last = Recurrence {
        month_day: Some(MonthDay::Nth {
            nth: -1,
            weekday: Weekday::Fri,
        }),
        count: Some(3),
        ..rule("2026-01-01", Frequency::Monthly)
    };
    expect(&last, &["2026-01-30", "2026-02-27", "2026-03-27"]);
    assert_eq!(last.rrule(), "FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR;COUNT=3");
}

#[test]
fn month_ends_31_january_plus_a_month_skips_the_months_without_a_31st() {
    // RFC 5545: a BYMONTHDAY a month lacks is ignored, as calendars do.
    let r = Recurrence {
        count: Some(4),
        ..rule("2027-01-31", Frequency::Monthly)
    };
    expect(
        &r,
        &["2027-01-31", "2027-03-31", "2027-05-31", "2027-07-31"],
    );
    let last = Recurrence {
        month_day: Some(MonthDay::Day(-1)),
        count: Some(3),
        ..rule("2027-01-31", Frequency::Monthly)
    };
    expect(&last, &["2027-01-31", "2027-02-28", "2027-03-31"]);
}

#[test]
fn a_weekly_rule_keeps_its_weekday_across_a_daylight_saving_change() {
    // Summer time starts in Europe on Sunday 29 March 2026; all-day dates do not move.
    let r = Recurrence {
        count: Some(3),
        ..rule("2026-03-23", Frequency::Weekly)
    };
    expect(&r, &["2026-03-23", "2026-03-30", "2026-04-06"]);
}

#[test]
fn the_next_occurrence_comes_from_the_rule_and_ends_with_it() {
    let r = Recurrence {
        weekdays: vec![Weekday::Mon],
        count: Some(3),
        ..rule("2026-11-30", Frequency::Weekly)
    };
    // Ticked late, on a Thursday: the next is still the rule's Monday.
    assert_eq!(r.after(d("2026-11-30")), Some(d("2026-12-07")));
    assert_eq!(r.after(d("2026-12-07")), Some(d("2026-12-14")));
    assert_eq!(
        r.after(d("2026-12-14")),
        None,
        "three occurrences, then it ends"
    );
}

#[test]
fn ranges_and_a_rule_that_makes_nothing_are_refused_with_the_reason() {
    assert!(rule("2026-12-01", Frequency::Daily).problem().is_none());
    let zero = Recurrence {
        interval: 0,
        ..rule("2026-12-01", Frequency::Daily)
    };
    assert_eq!(zero.problem().unwrap(), "repeats every 1 to 99 days, not 0");
    let many = Recurrence {
        count: Some(1000),
        ..rule("2026-12-01", Frequency::Daily)
    };
    assert_eq!(many.problem().unwrap(), "repeats 1 to 999 times, not 1000");
    let before = Recurrence {
        until: Some(d("2026-11-30")),
        ..rule("2026-12-01", Frequency::Daily)
    };
    assert_eq!(before.problem().unwrap(), "ends before it starts");
    let none = Recurrence {
        until: Some(d("2027-03-01")),
        month_day: Some(MonthDay::Day(31)),
        ..rule("2027-02-01", Frequency::Monthly)
    };
    assert!(none.dates(10).is_empty());
    assert!(
        none.problem().unwrap().contains("makes no occurrence"),
        "{:?}",
        none.problem()
    );
}

mod tasks {
    use super::*;
    use pursuit::model::command::{perform, Context};
    use pursuit::model::*;
    use uuid::Uuid;

    const TASK: TaskId = TaskId(Uuid::from_u128(9));

    fn cx(day: &str) -> Context {
        Context {
            now: format!("{day}T09:00:00Z").parse().unwrap(),
            today: d(day),
            actor: None,
            replica: ReplicaId(1),
        }
    }

    /// A project with a weekly Monday task (three times), the team off on 14 Dec.
    fn workspace(skip_holidays: bool) -> Workspace {
        let mut ws = Workspace::new(
            WorkspaceId(Uuid::from_u128(1)),
            "Recurring".into(),
            "2026-11-01T09:00:00Z".parse().unwrap(),
        );
        ws.settings.holidays = vec![d("2026-12-14")];
        let project = ProjectId(Uuid::from_u128(2));
        let input = ProjectInput {
            name: "Acme".into(),
            kind: ProjectKind::Deal,
            client: "Acme".into(),
            owner: None,
            stage: Stage::Discovery,
            status: ProjectStatus::Active,
            value: Money::new(1_000_000, Currency::default()),
            probability: 40,
            start_date: d("2026-11-01"),
            target_date: d("2027-03-01"),
            description: String::new(),
            budget: None,
            rationale: String::new(),
            focus_area: String::new(),
            sponsor: String::new(),
            people_needed: 0,
            weeks_needed: 0,
            reference: String::new(),
        };
        perform(
            &mut ws,
            Command::from(ProjectCommand::CreateProject { id: project, input }),
            &cx("2026-11-01"),
        )
        .unwrap();
        let mut draft = TaskDraft::blank(None, None);
        draft.title = "Weekly pipeline call".into();
        draft.due_date = "2026-11-30".into();
        draft.repeat.frequency = Some(Frequency::Weekly);
        draft.repeat.weekdays = vec![Weekday::Mon];
        draft.repeat.ends = "count".into();
        draft.repeat.count = "3".into();
        draft.repeat.skip_holidays = skip_holidays;
        let input = draft.check().expect("a valid weekly task");
        perform(
            &mut ws,
            Command::from(PlanCommand::AddTask {
                id: TASK,
                project,
                input,
            }),
            &cx("2026-11-01"),
        )
        .unwrap();
        ws
    }

    fn tick(ws: &mut Workspace, day: &str) -> (Option<NaiveDate>, TaskStatus) {
        perform(
            ws,
            Command::from(PlanCommand::SetTaskStatus {
                id: TASK,
                status: TaskStatus::Done,
            }),
            &cx(day),
        )
        .unwrap();
        let t = ws.tasks.get(TASK.0).unwrap();
        (t.due_date, t.status)
    }

    #[test]
    fn ticking_a_weekly_task_makes_the_next_occurrence_on_the_rules_date() {
        let mut ws = workspace(false);
        // Ticked on Thursday 3 Dec: the next is Monday 7 Dec, from the rule.
        assert_eq!(
            tick(&mut ws, "2026-12-03"),
            (Some(d("2026-12-07")), TaskStatus::Todo)
        );
        assert_eq!(
            tick(&mut ws, "2026-12-07"),
            (Some(d("2026-12-14")), TaskStatus::Todo)
        );
        // The third occurrence was the last: done for good.
        assert_eq!(
            tick(&mut ws, "2026-12-14"),
            (Some(d("2026-12-14")), TaskStatus::Done)
        );
    }

    #[test]
    fn a_rule_that_skips_holidays_steps_over_them_and_the_calendar_says_so() {
        let mut ws = workspace(true);
        assert_eq!(
            tick(&mut ws, "2026-11-30"),
            (Some(d("2026-12-07")), TaskStatus::Todo)
        );
        assert_eq!(
            tick(&mut ws, "2026-12-07"),
            (Some(d("2026-12-07")), TaskStatus::Done),
            "14 Dec is a holiday and the third"
        );
        let mut ws = workspace(true);
        let ics = pursuit::engine::exports::calendar(
            &ws,
            pursuit::engine::exports::CalendarScope::Project(ProjectId(Uuid::from_u128(2))),
            "2026-11-01T09:00:00Z".parse().unwrap(),
        );
        assert!(
            ics.contains("RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;COUNT=3\r\n"),
            "{ics}"
        );
        assert!(ics.contains("EXDATE;VALUE=DATE:20261214\r\n"), "{ics}");
        tick(&mut ws, "2026-11-30");
        let ics = pursuit::engine::exports::calendar(
            &ws,
            pursuit::engine::exports::CalendarScope::Project(ProjectId(Uuid::from_u128(2))),
            "2026-11-01T09:00:00Z".parse().unwrap(),
        );
        assert!(
            ics.contains("DTSTART;VALUE=DATE:20261207\r\nDTEND") && ics.contains("COUNT=2\r\n"),
            "{ics}"
        );
    }

    #[test]
    fn the_form_refuses_a_rule_out_of_range_or_without_a_due_date() {
        let mut draft = TaskDraft::blank(None, None);
        draft.title = "Call".into();
        draft.repeat.frequency = Some(Frequency::Daily);
        let e = draft.check().unwrap_err();
        assert_eq!(
            e.get("due_date"),
            Some("A recurring task needs a due date: its first occurrence.")
        );
        draft.due_date = "2026-12-01".into();
        draft.repeat.interval = "100".into();
        assert_eq!(
            draft.check().unwrap_err().get("repeat_interval"),
            Some("Repeat every 1 to 99.")
        );
        draft.repeat.interval = "1".into();
        draft.repeat.ends = "count".into();
        draft.repeat.count = "0".into();
        assert_eq!(
            draft.check().unwrap_err().get("repeat_count"),
            Some("Repeat 1 to 999 times.")
        );
        draft.repeat.frequency = Some(Frequency::Monthly);
        draft.due_date = "2027-01-31".into();
        draft.repeat.ends = "until".into();
        draft.repeat.until = "2027-02-27".into();
        // 31 Jan itself is an occurrence: the rule is fine; from 1 Feb it would make none.
        assert!(draft.check().is_ok());
        draft.due_date = "2027-02-01".into();
        draft.repeat.monthly = "day".into();
        assert!(draft.check().is_ok(), "day 1 of February");
    }
}

mod reminders {
    use pursuit::engine::reminders::due;
    use pursuit::model::reminder::Reminder;
    use pursuit::model::*;

    #[test]
    fn a_reminder_falls_due_once_in_its_span_and_the_calendar_carries_it_as_an_alarm() {
        let mut ws = pursuit::format::read(include_str!("fixtures/today.json")).unwrap();
        let maya = ws.members.iter().find(|m| m.name == "Maya").unwrap().id;
        let task = ws
            .tasks
            .iter_mut()
            .find(|t| t.title == "Prepare pricing")
            .unwrap();
        task.reminders = vec![
            Reminder { before_minutes: 0 },
            Reminder {
                before_minutes: 24 * 60,
            },
        ];
        let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        // Due Sat 5 Dec: 09:00 on Friday the 4th, then 09:00 on the 5th.
        let friday = due(&ws, maya, at("2026-12-04 08:59"), at("2026-12-04 09:00"));
        assert_eq!(friday.len(), 1);
        assert_eq!(friday[0].title, "Reminder: Prepare pricing");
        assert_eq!(friday[0].body, "Due tomorrow · Acme renewal");
        assert!(
            due(&ws, maya, at("2026-12-04 09:00"), at("2026-12-04 09:01")).is_empty(),
            "once"
        );
        let leo = ws.members.iter().find(|m| m.name == "Leo").unwrap().id;
        assert!(
            due(&ws, leo, at("2026-12-04 08:59"), at("2026-12-05 10:00")).is_empty(),
            "Maya's, not Leo's"
        );
        assert_eq!(
            due(&ws, maya, at("2026-12-04 08:00"), at("2026-12-05 10:00")).len(),
            2
        );
        let ics = acme_calendar(&ws);
        assert!(ics.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder: Prepare pricing\r\nTRIGGER:PT9H\r\nEND:VALARM"), "{ics}");
        assert!(ics.contains("TRIGGER:-PT15H\r\n"), "{ics}");
    }

    /// The fixture's "Acme renewal" project as a calendar file, exported on 3 Dec 2026.
    fn acme_calendar(ws: &Workspace) -> String {
        let project = ws
            .projects
            .iter()
            .find(|p| p.name == "Acme renewal")
            .unwrap()
            .id;
        pursuit::engine::exports::calendar(
            ws,
            pursuit::engine::exports::CalendarScope::Project(project),
            "2026-12-03T09:00:00Z".parse().unwrap(),
        )
    }

    #[test]
    fn a_milestone_reminds_its_projects_owner_and_is_an_alarm_in_the_calendar() {
        let mut ws = pursuit::format::read(include_str!("fixtures/today.json")).unwrap();
        let maya = ws.members.iter().find(|m| m.name == "Maya").unwrap().id;
        let m = ws
            .milestones
            .iter_mut()
            .find(|m| m.name == "Proposal accepted")
            .unwrap();
        m.reminders = vec![Reminder { before_minutes: 0 }];
        let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let alerts = due(&ws, maya, at("2026-12-10 08:00"), at("2026-12-10 09:00"));
        assert_eq!(alerts.len(), 1);
        assert_eq!(
            (alerts[0].title.as_str(), alerts[0].body.as_str()),
            ("Reminder: Proposal accepted", "Due today · Acme renewal")
        );
        let ics = acme_calendar(&ws);
        assert!(
            ics.contains("DESCRIPTION:Reminder: Proposal accepted\r\nTRIGGER:PT9H\r\n"),
            "{ics}"
        );
        let mut draft = MilestoneDraft::blank();
        draft.name = "Signed".into();
        draft.reminders = vec![Reminder { before_minutes: 0 }];
        assert_eq!(
            draft.check().unwrap_err().get("reminders"),
            Some("A reminder needs a due date to count back from.")
        );
    }

    #[test]
    fn the_form_refuses_more_reminders_than_allowed_or_one_without_a_due_date() {
        let mut draft = TaskDraft::blank(None, None);
        draft.title = "Call".into();
        draft.reminders = vec![Reminder { before_minutes: 0 }];
        assert_eq!(
            draft.check().unwrap_err().get("reminders"),
            Some("A reminder needs a due date to count back from.")
        );
        draft.due_date = "2026-12-10".into();
        assert!(draft.check().is_ok());
        draft.reminders = [0, 60, 120, 180]
            .map(|m| Reminder { before_minutes: m })
            .to_vec();
        assert_eq!(
            draft.check().unwrap_err().get("reminders"),
            Some("The task has 4 reminders; at most 3 are allowed.")
        );
    }
}
