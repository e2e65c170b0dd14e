//! Today, on the worked example of `docs/metrics.md` ("Today"): a fixture built through
//! `Command`s as a person would, kept as `tests/fixtures/today.json` (the end-to-end test
//! imports the same file), read on Thursday 3 Dec 2026. Then snoozing, rescheduling and
//! ticking off, and what each refuses.
//! `UPDATE_FIXTURES=1 cargo test --test today` writes the fixture again after a change.

use chrono::NaiveDate;
use pursuit::engine::today::{today, Section, Who};
use pursuit::model::command::{perform, Context, FollowUpCommand};
use pursuit::model::follow_up::Subject;
use pursuit::model::*;
use uuid::Uuid;

#[path = "support/workspaces.rs"]
mod workspaces;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-12-03";
const FIXTURE: &str = "tests/fixtures/today.json";
const MAYA: MemberId = MemberId(Uuid::from_u128(0x11));
const LEO: MemberId = MemberId(Uuid::from_u128(0x12));

struct Build {
    ws: Workspace,
    n: u128,
}

impl Build {
    fn next(&mut self) -> Uuid {
        self.n += 1;
        Uuid::from_u128(self.n)
    }

    fn on(&mut self, day: &str, command: impl Into<Command>) {
        let cx = Context {
            now: format!("{day}T09:00:00Z").parse().unwrap(),
            today: d(day),
            actor: Some(MAYA),
            replica: ReplicaId(1),
        };
        perform(&mut self.ws, command.into(), &cx).expect("the command applies");
    }

    fn member(&mut self, id: MemberId, name: &str) {
        let input = MemberInput {
            name: name.into(),
            role: "Account executive".into(),
            email: format!("{}@example.com", name.to_lowercase()),
            weekly_capacity_hours: 40,
            skills: Vec::new(),
            time_off: Vec::new(),
        };
        self.on("2026-09-01", TeamCommand::AddMember { id, input });
    }

    fn project(
        &mut self,
        name: &str,
        owner: MemberId,
        stage: Stage,
        start: &str,
        target: &str,
    ) -> ProjectId {
        let id = ProjectId(self.next());
        let input = ProjectInput {
            name: name.into(),
            kind: ProjectKind::Deal,
            client: name.split(' ').next().unwrap_or_default().into(),
            owner: Some(owner),
            stage,
            status: ProjectStatus::Active,
            value: Money::new(5_000_000, Currency::default()),
            probability: stage.default_probability(),
            start_date: d(start),
            target_date: d(target),
            description: String::new(),
            budget: None,
            rationale: String::new(),
            focus_area: String::new(),
            sponsor: String::new(),
            people_needed: 0,
            weeks_needed: 0,
            reference: String::new(),
        };
        self.on(start, ProjectCommand::CreateProject { id, input });
        id
    }

    fn milestone(&mut self, project: ProjectId, name: &str, due: &str) -> MilestoneId {
        let id = MilestoneId(self.next());
        let input = MilestoneInput {
            reminders: Vec::new(),
            name: name.into(),
            stage: None,
            due_date: Some(d(due)),
            with_client: false,
        };
        self.on(
            "2026-11-02",
            PlanCommand::AddMilestone { id, project, input },
        );
        id
    }

    fn task(
        &mut self,
        project: ProjectId,
        title: &str,
        owner: MemberId,
        due: &str,
        milestone: Option<MilestoneId>,
    ) -> TaskId {
        let id = TaskId(self.next());
        let input = TaskInput {
            reminders: Vec::new(),
            recurrence: None,
            title: title.into(),
            owner: Some(owner),
            milestone_id: milestone,
            due_date: Some(d(due)),
            estimate_hours: 2.0,
            duration_days: 1,
            status: TaskStatus::Todo,
            with_client: false,
            client_owner: None,
        };
        self.on("2026-11-02", PlanCommand::AddTask { id, project, input });
        id
    }

    fn person(&mut self, project: ProjectId, name: &str, cadence: Cadence, last: &str) {
        let id = StakeholderId(self.next());
        let input = StakeholderInput {
            email: String::new(),
            name: name.into(),
            organisation: "Acme".into(),
            title: String::new(),
            internal: false,
            buying_role: Some(BuyingRole::DecisionMaker),
            influence: Level::High,
            stance: Stance::Neutral,
            channel: "Phone".into(),
            cadence: Some(cadence),
            last_contact: Some(d(last)),
        };
        self.on(last, RecordCommand::SaveStakeholder { id, project, input });
    }

    fn risk(
        &mut self,
        project: ProjectId,
        description: &str,
        status: RiskStatus,
        review: &str,
    ) -> RiskId {
        let id = RiskId(self.next());
        let input = RiskInput {
            description: description.into(),
            category: "Commercial".into(),
            probability: 3,
            impact: 5,
            owner: None,
            mitigation: "Lead with total cost".into(),
            contingency: String::new(),
            status,
            next_review: Some(d(review)),
        };
        self.on("2026-11-02", RecordCommand::SaveRisk { id, project, input });
        id
    }
}

/// The worked example of `docs/metrics.md`.
fn fixture() -> Workspace {
    let now = "2026-09-01T09:00:00Z".parse().unwrap();
    let mut b = Build {
        ws: Workspace::new(WorkspaceId(Uuid::from_u128(1)), "Today example".into(), now),
        n: 0x100,
    };
    b.member(MAYA, "Maya");
    b.member(LEO, "Leo");
    let acme = b.project(
        "Acme renewal",
        MAYA,
        Stage::Proposal,
        "2026-11-01",
        "2027-02-26",
    );
    let proposal = b.milestone(acme, "Proposal accepted", "2026-12-10");
    b.milestone(acme, "Contract signed", "2027-01-15");
    b.task(acme, "Send proposal", MAYA, "2026-12-01", Some(proposal));
    b.task(acme, "Book demo room", MAYA, "2026-12-03", None);
    b.task(acme, "Prepare pricing", MAYA, "2026-12-05", None);
    b.task(acme, "Draft contract", MAYA, "2026-12-10", None);
    b.task(acme, "Call legal", LEO, "2026-12-02", None);
    let done = b.task(acme, "Kick-off", MAYA, "2026-11-20", None);
    b.on(
        "2026-11-20",
        PlanCommand::SetTaskStatus {
            id: done,
            status: TaskStatus::Done,
        },
    );
    let later = b.task(acme, "Chase references", MAYA, "2026-11-30", None);
    b.on(
        "2026-12-01",
        FollowUpCommand::Snooze {
            subject: Subject::Task(later),
            until: Some(d("2026-12-07")),
        },
    );
    b.person(acme, "Anna Keller", Cadence::Weekly, "2026-11-20");
    b.person(acme, "Ben Ott", Cadence::Fortnightly, "2026-11-25");
    b.risk(acme, "Incumbent discount", RiskStatus::Open, "2026-12-01");
    b.risk(acme, "Budget freeze", RiskStatus::Closed, "2026-11-01");
    b.project(
        "Globex pilot",
        MAYA,
        Stage::Negotiation,
        "2026-09-01",
        "2026-11-30",
    );
    b.project(
        "Initech expansion",
        LEO,
        Stage::Discovery,
        "2026-09-15",
        "2026-11-15",
    );
    let won = b.project(
        "Umbrella rollout",
        MAYA,
        Stage::Negotiation,
        "2026-09-01",
        "2026-11-20",
    );
    b.task(won, "Send invoice", MAYA, "2026-11-25", None);
    b.on(
        "2026-11-20",
        ProjectCommand::CloseProject {
            id: won,
            won: true,
            outcome: Outcome {
                reason: "Price".into(),
                note: String::new(),
            },
        },
    );
    b.ws
}

fn lines(ws: &Workspace, who: Who) -> Vec<(Section, String, String)> {
    today(ws, d(TODAY), who)
        .lines
        .into_iter()
        .map(|l| (l.section, l.title, l.why))
        .collect()
}

#[test]
fn the_fixture_file_is_the_worked_example() {
    let ws = fixture();
    let written = pursuit::format::write(&ws, "2026-12-03T08:00:00Z".parse().unwrap());
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(FIXTURE, &written).unwrap();
    }
    let stored = std::fs::read_to_string(FIXTURE)
        .expect("tests/fixtures/today.json (UPDATE_FIXTURES=1 writes it)");
    assert_eq!(
        pursuit::format::read(&stored).unwrap(),
        ws,
        "the fixture file is out of date: UPDATE_FIXTURES=1 cargo test --test today"
    );
}

#[test]
fn mayas_today_is_the_worked_example() {
    use Section::*;
    let got = lines(&fixture(), Who::Member(MAYA));
    assert!(!got.is_empty());
    let want = [
        (Overdue, "Send proposal", "Was due 01 Dec 2026, 2 days ago"),
        (DueToday, "Book demo room", "Due today"),
        (
            ThisWeek,
            "Prepare pricing",
            "Due Sat 05 Dec 2026, in 2 days",
        ),
        (
            Cadence,
            "Anna Keller",
            "Last contact 20 Nov 2026 (13 days ago); weekly cadence",
        ),
        (
            Review,
            "Incumbent discount",
            "Review due 01 Dec 2026, 2 days ago; high risk, scored 15",
        ),
        (
            Milestones,
            "Proposal accepted",
            "Due 10 Dec 2026, in 7 days; “Send proposal” (due 01 Dec 2026) is late for it",
        ),
        (
            PastTarget,
            "Globex pilot",
            "Target date 30 Nov 2026 passed 3 days ago; still open in Negotiation",
        ),
    ];
    let want: Vec<(Section, String, String)> = want
        .iter()
        .map(|(s, t, w)| (*s, t.to_string(), w.to_string()))
        .collect();
    assert_eq!(got, want);
    let snoozed = today(&fixture(), d(TODAY), Who::Member(MAYA)).snoozed;
    assert_eq!(snoozed.len(), 1);
    assert_eq!(
        (snoozed[0].title.as_str(), snoozed[0].snoozed_until),
        ("Chase references", Some(d("2026-12-07")))
    );
}

#[test]
fn the_team_sees_everyones_lines_and_leo_his_own() {
    let team: Vec<String> = lines(&fixture(), Who::Team)
        .into_iter()
        .map(|l| l.1)
        .collect();
    assert_eq!(team.len(), 9, "{team:?}");
    assert!(
        team.contains(&"Call legal".to_string()) && team.contains(&"Initech expansion".to_string())
    );
    let leo: Vec<String> = lines(&fixture(), Who::Member(LEO))
        .into_iter()
        .map(|l| l.1)
        .collect();
    assert_eq!(leo, ["Call legal", "Initech expansion"]);
}

#[test]
fn a_snoozed_line_comes_back_on_its_day() {
    let ws = fixture();
    let on = |day: &str| {
        today(&ws, d(day), Who::Member(MAYA))
            .lines
            .iter()
            .any(|l| l.title == "Chase references")
    };
    assert!(!on("2026-12-06"));
    assert!(on("2026-12-07"));
}

fn act(ws: &mut Workspace, command: FollowUpCommand) -> Result<(), String> {
    let cx = Context {
        now: format!("{TODAY}T10:00:00Z").parse().unwrap(),
        today: d(TODAY),
        actor: Some(MAYA),
        replica: ReplicaId(1),
    };
    perform(ws, Command::from(command), &cx)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn subject_of(ws: &Workspace, title: &str) -> Subject {
    today(ws, d(TODAY), Who::Team)
        .lines
        .into_iter()
        .find(|l| l.title == title)
        .expect("the line is there")
        .subject
}

#[test]
fn done_snooze_and_reschedule_each_clear_their_line() {
    let mut ws = fixture();
    let before = lines(&ws, Who::Member(MAYA)).len();
    let (demo, anna, risk) = (
        subject_of(&ws, "Book demo room"),
        subject_of(&ws, "Anna Keller"),
        subject_of(&ws, "Incumbent discount"),
    );
    act(&mut ws, FollowUpCommand::Done(demo)).unwrap();
    act(
        &mut ws,
        FollowUpCommand::Snooze {
            subject: anna,
            until: Some(d("2026-12-10")),
        },
    )
    .unwrap();
    act(
        &mut ws,
        FollowUpCommand::Reschedule {
            subject: risk,
            to: d("2026-12-17"),
        },
    )
    .unwrap();
    let globex = subject_of(&ws, "Globex pilot");
    act(
        &mut ws,
        FollowUpCommand::Reschedule {
            subject: globex,
            to: d("2027-01-29"),
        },
    )
    .unwrap();
    let after: Vec<String> = lines(&ws, Who::Member(MAYA))
        .into_iter()
        .map(|l| l.1)
        .collect();
    assert_eq!(after.len(), before - 4, "{after:?}");
    let p = ws
        .projects
        .iter()
        .find(|p| p.name == "Globex pilot")
        .unwrap();
    assert_eq!(
        (p.target_date, p.target_history.clone()),
        (d("2027-01-29"), vec![d("2026-11-30")])
    );
    let t = ws
        .tasks
        .iter()
        .find(|t| t.title == "Book demo room")
        .unwrap();
    assert_eq!(
        (t.status, t.completed_on),
        (TaskStatus::Done, Some(d(TODAY)))
    );
}

#[test]
fn follow_ups_refuse_what_they_cannot_do_and_name_the_record() {
    let mut ws = fixture();
    let task = subject_of(&ws, "Send proposal");
    let untouched = ws.clone();
    assert_eq!(
        act(
            &mut ws,
            FollowUpCommand::Snooze {
                subject: task,
                until: Some(d(TODAY))
            }
        )
        .unwrap_err(),
        "Can't change the task “Send proposal”: snooze until a day after today."
    );
    let far = act(
        &mut ws,
        FollowUpCommand::Snooze {
            subject: task,
            until: Some(d("2027-12-04")),
        },
    )
    .unwrap_err();
    assert!(far.contains("at most 365 days"), "{far}");
    let past = act(
        &mut ws,
        FollowUpCommand::Reschedule {
            subject: task,
            to: d("2026-12-02"),
        },
    )
    .unwrap_err();
    assert_eq!(
        past,
        "Can't change the task “Send proposal”: reschedule to today (03 Dec 2026) or later."
    );
    let anna = subject_of(&ws, "Anna Keller");
    let person = act(&mut ws, FollowUpCommand::Done(anna)).unwrap_err();
    assert!(person.contains("only a task or a milestone"), "{person}");
    let globex = subject_of(&ws, "Globex pilot");
    let early = act(
        &mut ws,
        FollowUpCommand::Reschedule {
            subject: globex,
            to: d("2026-08-01"),
        },
    );
    assert!(early.is_err());
    assert_eq!(ws, untouched, "a refused follow-up changes nothing");
}

/// What a screen draws (each group's first lines) and what the navigation counts are the
/// full list's: the same first lines of each group, in the same order, and its length —
/// on the worked example and on a generated workspace with long groups, at several cuts.
#[test]
fn the_drawn_page_and_the_count_agree_with_every_line() {
    use pursuit::engine::today::{count, page};
    let day = d(TODAY);
    let big = workspaces::benchmark_workspace(60, day);
    for ws in [fixture(), big] {
        let me = ws.members.first().map(|m| m.id);
        for who in [Who::Team, me.map_or(Who::Team, Who::Member)] {
            let all = today(&ws, day, who);
            assert!(!all.lines.is_empty());
            assert_eq!(count(&ws, day, who), all.lines.len());
            for cut in [0, 1, 3, 50, usize::MAX] {
                let drawn = page(&ws, day, who, |_| cut);
                assert_eq!(drawn.snoozed, all.snoozed);
                for section in Section::ALL {
                    let every: Vec<_> = all.lines.iter().filter(|l| l.section == section).collect();
                    let first: Vec<_> = drawn
                        .lines
                        .iter()
                        .filter(|l| l.section == section)
                        .collect();
                    assert_eq!(drawn.count(section), every.len());
                    assert_eq!(
                        first,
                        every.into_iter().take(cut).collect::<Vec<_>>(),
                        "{section:?} cut at {cut}"
                    );
                }
            }
        }
    }
}
