//! The health check, one fixture per reason, their combinations and every threshold at its
//! boundary. Each fixture is built through `Command`s, as a person would in the app.
//! Today is Sunday 22 Nov 2026 unless a test says otherwise.

use chrono::NaiveDate;
use pursuit::engine::calendar::Calendar;
use pursuit::engine::health::{assess, health, Finding, HealthStatus, RiskGaps};
use pursuit::model::{PlanCommand, ProjectCommand, RecordCommand, TeamCommand};

const ALL_MISSING: RiskGaps = RiskGaps {
    mitigation: true,
    owner: true,
    review: true,
};
use pursuit::engine::schedule::Schedule;
use pursuit::model::command::{perform as apply, Context};
use pursuit::model::*;
use uuid::Uuid;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-11-22";

struct Fixture {
    ws: Workspace,
    project: ProjectId,
    owner: MemberId,
    n: u128,
}

impl Fixture {
    /// A healthy deal: in Discovery since 1 Nov, target in February, a next step agreed.
    fn new() -> Self {
        let now = "2026-11-01T09:00:00Z".parse().unwrap();
        let ws = Workspace::new(WorkspaceId(Uuid::from_u128(1)), "Health".into(), now);
        let mut f = Fixture {
            ws,
            project: ProjectId(Uuid::from_u128(2)),
            owner: MemberId(Uuid::from_u128(3)),
            n: 100,
        };
        f.run_on(
            "2026-11-01",
            TeamCommand::AddMember {
                id: f.owner,
                input: MemberInput {
                    name: "Maya".into(),
                    role: "Account executive".into(),
                    email: String::new(),
                    weekly_capacity_hours: 40,
                    skills: Vec::new(),
                    time_off: Vec::new(),
                },
            },
        );
        f.run_on(
            "2026-11-01",
            ProjectCommand::CreateProject {
                id: f.project,
                input: ProjectInput {
                    name: "Acme renewal".into(),
                    kind: ProjectKind::Deal,
                    client: "Acme".into(),
                    owner: Some(f.owner),
                    stage: Stage::Discovery,
                    status: ProjectStatus::Active,
                    value: Money::new(12_000_000, Currency::default()),
                    probability: Stage::Discovery.default_probability(),
                    start_date: d("2026-11-01"),
                    target_date: d("2027-02-26"),
                    description: String::new(),
                    budget: None,
                    rationale: String::new(),
                    focus_area: String::new(),
                    sponsor: String::new(),
                    people_needed: 0,
                    weeks_needed: 0,
                    reference: String::new(),
                },
            },
        );
        f.log_call("2026-11-20", &[], Some("2026-11-27"));
        f
    }

    fn next(&mut self) -> Uuid {
        self.n += 1;
        Uuid::from_u128(self.n)
    }

    fn run_on(&mut self, day: &str, command: impl Into<Command>) {
        let command = command.into();
        let cx = Context {
            now: format!("{day}T10:00:00Z").parse().unwrap(),
            today: d(day),
            actor: Some(self.owner),
            replica: ReplicaId(1),
        };
        apply(&mut self.ws, command, &cx).expect("command applies");
    }

    fn log_call(&mut self, day: &str, with: &[StakeholderId], next: Option<&str>) {
        let id = CommunicationId(self.next());
        let project = self.project;
        self.run_on(
            day,
            RecordCommand::SaveCommunication {
                id,
                project,
                input: CommunicationInput {
                    date: d(day),
                    channel: "Call".into(),
                    stakeholders: with.to_vec(),
                    summary: "Weekly call".into(),
                    next_step: if next.is_some() {
                        "Demo".into()
                    } else {
                        String::new()
                    },
                    next_step_date: next.map(d),
                },
            },
        );
    }

    fn milestone(&mut self, due: &str, done: bool) {
        let id = MilestoneId(self.next());
        let project = self.project;
        let input = MilestoneInput {
            reminders: Vec::new(),
            name: format!("Milestone due {due}"),
            stage: None,
            due_date: Some(d(due)),
            with_client: false,
        };
        self.run_on(
            "2026-11-01",
            PlanCommand::AddMilestone { id, project, input },
        );
        if done {
            self.run_on("2026-11-02", PlanCommand::SetMilestoneDone { id, done });
        }
    }

    fn task(&mut self, title: &str, due: Option<&str>, days: u32) -> TaskId {
        let id = TaskId(self.next());
        let project = self.project;
        let input = TaskInput {
            reminders: Vec::new(),
            recurrence: None,
            title: title.into(),
            owner: Some(self.owner),
            milestone_id: None,
            due_date: due.map(d),
            estimate_hours: 4.0,
            duration_days: days,
            status: TaskStatus::Todo,
            with_client: false,
            client_owner: None,
        };
        self.run_on("2026-11-01", PlanCommand::AddTask { id, project, input });
        id
    }

    fn risk(&mut self, probability: u8, impact: u8, status: RiskStatus) {
        let id = RiskId(self.next());
        let project = self.project;
        let input = RiskInput {
            description: format!("Risk {probability}×{impact}"),
            category: String::new(),
            probability,
            impact,
            owner: None,
            mitigation: String::new(),
            contingency: String::new(),
            status,
            next_review: None,
        };
        self.run_on("2026-11-01", RecordCommand::SaveRisk { id, project, input });
    }

    fn person(
        &mut self,
        name: &str,
        role: Option<BuyingRole>,
        influence: Level,
        last: Option<&str>,
    ) -> StakeholderId {
        let id = StakeholderId(self.next());
        let project = self.project;
        let input = StakeholderInput {
            email: String::new(),
            name: name.into(),
            organisation: "Acme".into(),
            title: String::new(),
            internal: false,
            buying_role: role,
            influence,
            stance: Stance::Neutral,
            channel: "Phone".into(),
            cadence: Some(Cadence::Weekly),
            last_contact: last.map(d),
        };
        self.run_on(
            "2026-11-01",
            RecordCommand::SaveStakeholder { id, project, input },
        );
        id
    }

    fn project_mut(&mut self) -> &mut Project {
        let id = self.project;
        self.ws.projects.iter_mut().find(|p| p.id == id).unwrap()
    }

    fn findings_on(&self, day: &str) -> (HealthStatus, Vec<Finding>) {
        let p = self.ws.project(self.project).unwrap();
        let h = health(&self.ws, p, d(day)).expect("an open project has health");
        (h.status, h.reasons.into_iter().map(|r| r.finding).collect())
    }

    fn findings(&self) -> (HealthStatus, Vec<Finding>) {
        self.findings_on(TODAY)
    }

    fn texts(&self) -> Vec<String> {
        let p = self.ws.project(self.project).unwrap();
        health(&self.ws, p, d(TODAY))
            .unwrap()
            .reasons
            .into_iter()
            .map(|r| r.text)
            .collect()
    }
}

#[test]
fn a_healthy_project_with_no_plan_at_all_is_on_track() {
    let f = Fixture::new();
    assert_eq!(f.findings(), (HealthStatus::OnTrack, vec![]));
    // Without a schedule the check runs on due dates alone.
    let p = f.ws.project(f.project).unwrap();
    let h = assess(
        &f.ws,
        p,
        None,
        d(TODAY),
        &Default::default(),
        &Calendar::new([]),
    )
    .unwrap();
    assert_eq!(h.status, HealthStatus::OnTrack);
}

#[test]
fn closed_proposed_and_deleted_projects_have_no_health() {
    for status in [
        ProjectStatus::Won,
        ProjectStatus::Lost,
        ProjectStatus::Cancelled,
        ProjectStatus::Proposed,
    ] {
        let mut f = Fixture::new();
        f.project_mut().status = status;
        let p = f.ws.projects[0].clone();
        assert_eq!(health(&f.ws, &p, d(TODAY)), None, "{status:?}");
    }
    let mut f = Fixture::new();
    f.project_mut().status = ProjectStatus::OnHold;
    assert!(
        health(&f.ws, &f.ws.projects[0].clone(), d(TODAY)).is_some(),
        "on hold is open"
    );
}

#[test]
fn target_passed() {
    let f = Fixture::new();
    let (status, findings) = f.findings_on("2027-03-01");
    assert_eq!(status, HealthStatus::OffTrack);
    assert_eq!(findings[0], Finding::TargetPassed { days: 3 });
    // The target day itself has not passed.
    let (_, findings) = f.findings_on("2027-02-26");
    assert!(!findings
        .iter()
        .any(|f| matches!(f, Finding::TargetPassed { .. })));
}

#[test]
fn overdue_milestones_at_the_off_track_boundary() {
    let mut f = Fixture::new();
    f.milestone("2026-11-08", false); // 14 days overdue: at risk
    f.milestone("2026-11-15", false);
    f.milestone("2026-10-01", true); // done: ignored
    f.milestone("2026-12-01", false); // not due yet
    assert_eq!(
        f.findings(),
        (
            HealthStatus::AtRisk,
            vec![Finding::MilestonesOverdue {
                count: 2,
                oldest_days: 14
            }]
        )
    );
    assert_eq!(f.texts(), ["2 milestones overdue (the oldest by 14 days)"]);
    // One more day and the oldest is past the 14-day line.
    let (status, _) = f.findings_on("2026-11-23");
    assert_eq!(status, HealthStatus::OffTrack);
    // A looser line in settings keeps it at risk.
    f.ws.settings.health.milestone_overdue_days = 20;
    assert_eq!(f.findings_on("2026-11-23").0, HealthStatus::AtRisk);
}

#[test]
fn overdue_tasks() {
    let mut f = Fixture::new();
    f.task("Send the quote", Some("2026-11-21"), 1);
    f.task("Due today", Some(TODAY), 1);
    let done = f.task("Done late", Some("2026-11-02"), 1);
    f.run_on(
        "2026-11-03",
        PlanCommand::SetTaskStatus {
            id: done,
            status: TaskStatus::Done,
        },
    );
    assert_eq!(
        f.findings(),
        (
            HealthStatus::AtRisk,
            vec![Finding::TasksOverdue { count: 1 }]
        )
    );
    assert_eq!(f.texts(), ["1 task overdue"]);
}

/// A chain of tasks `days` working days long that must finish by the target.
fn chain(f: &mut Fixture, days: u32) {
    f.task("The whole job", None, days);
}

#[test]
fn critical_path_lateness_at_its_boundaries() {
    // From Monday 23 Nov to the target (Fri 26 Feb) there are 70 working days.
    let mut f = Fixture::new();
    chain(&mut f, 70);
    assert_eq!(f.findings().0, HealthStatus::OnTrack, "{:?}", f.findings());

    let mut f = Fixture::new();
    chain(&mut f, 71);
    assert_eq!(
        f.findings(),
        (
            HealthStatus::AtRisk,
            vec![Finding::CriticalPathLate { working_days: 1 }]
        )
    );

    let mut f = Fixture::new();
    chain(&mut f, 80);
    assert_eq!(
        f.findings().0,
        HealthStatus::AtRisk,
        "10 days late is the limit"
    );
    let mut f = Fixture::new();
    chain(&mut f, 81);
    assert_eq!(
        f.findings(),
        (
            HealthStatus::OffTrack,
            vec![Finding::CriticalPathLate { working_days: 11 }]
        )
    );
    assert_eq!(f.texts(), ["critical path 11 working days late"]);
}

#[test]
fn a_schedule_is_used_when_given() {
    let f = Fixture::new();
    let p = f.ws.project(f.project).unwrap();
    let late = Schedule {
        slots: vec![],
        finish: d("2027-03-05"),
        target: d("2027-02-26"),
        start_needed: d("2026-11-20"),
        late_by: 5,
    };
    let h = assess(
        &f.ws,
        p,
        Some(&late),
        d(TODAY),
        &Default::default(),
        &Calendar::new([]),
    )
    .unwrap();
    assert_eq!(
        h.reasons[0].finding,
        Finding::CriticalPathLate { working_days: 5 }
    );
}

#[test]
fn high_risks_at_the_score_boundary() {
    let mut f = Fixture::new();
    f.risk(5, 3, RiskStatus::Open); // 15
    f.risk(5, 4, RiskStatus::Mitigating); // 20, still open
    f.risk(5, 5, RiskStatus::Closed); // closed: ignored
    f.risk(2, 5, RiskStatus::Open); // 10
    assert_eq!(
        f.findings(),
        (
            HealthStatus::AtRisk,
            vec![Finding::HighRisks {
                count: 2,
                min_score: 15,
                missing: ALL_MISSING,
            }]
        )
    );
    assert_eq!(
        f.texts(),
        ["2 open risks scored 15 or more without a mitigation, an owner or a review date ahead"]
    );
    f.ws.settings.health.high_risk_score = 16;
    assert_eq!(
        f.findings().1,
        vec![Finding::HighRisks {
            count: 1,
            min_score: 16,
            missing: ALL_MISSING,
        }]
    );
    f.ws.settings.health.high_risk_score = 21;
    assert_eq!(f.findings().0, HealthStatus::OnTrack);
}

#[test]
fn decision_maker_out_of_cadence_and_a_call_clears_it() {
    let mut f = Fixture::new();
    let anna = f.person(
        "Anna Keller",
        Some(BuyingRole::DecisionMaker),
        Level::High,
        Some("2026-10-29"),
    );
    f.person("Tom Ruiz", Some(BuyingRole::Champion), Level::High, None);
    assert_eq!(
        f.texts(),
        ["decision maker Anna Keller not contacted for 24 days (cadence: weekly)"]
    );
    // Exactly at the cadence is fine.
    f.log_call("2026-11-15", &[anna], Some("2026-11-27"));
    assert_eq!(f.findings().0, HealthStatus::OnTrack, "{:?}", f.texts());
    assert_eq!(
        f.ws.stakeholders
            .iter()
            .find(|s| s.id == anna)
            .unwrap()
            .last_contact,
        Some(d("2026-11-15"))
    );
    // Logging an older call never moves the last contact back.
    f.log_call("2026-11-02", &[anna], None);
    assert_eq!(
        f.ws.stakeholders
            .iter()
            .find(|s| s.id == anna)
            .unwrap()
            .last_contact,
        Some(d("2026-11-15"))
    );
}

#[test]
fn without_a_decision_maker_the_least_contacted_key_stakeholder_counts() {
    let mut f = Fixture::new();
    f.person(
        "Tom Ruiz",
        Some(BuyingRole::Champion),
        Level::High,
        Some("2026-11-01"),
    );
    f.person("Lea Wong", None, Level::High, None);
    f.person("Low Influence", None, Level::Low, None);
    assert_eq!(
        f.texts(),
        ["key stakeholder Lea Wong never contacted (cadence: weekly)"]
    );
}

#[test]
fn no_next_step() {
    let mut f = Fixture::new();
    // The agreed next step (27 Nov) passes.
    let (_, findings) = f.findings_on("2026-11-28");
    assert_eq!(
        findings,
        vec![Finding::NoNextStep {
            last: Some(d("2026-11-27"))
        }]
    );
    // A project that never had one.
    f.ws.communications.clear();
    assert_eq!(f.findings().1, vec![Finding::NoNextStep { last: None }]);
    // A logged call with a next step today is fine.
    f.log_call(TODAY, &[], Some(TODAY));
    assert_eq!(f.findings().0, HealthStatus::OnTrack);
}

#[test]
fn costs_over_budget_at_the_boundary() {
    let mut f = Fixture::new();
    let eur = Currency::default();
    f.project_mut().budget = Some(Money::new(1_000_000, eur.clone()));
    let cost = |minor: i64, n: u128| Cost {
        id: CostId(Uuid::from_u128(n)),
        stamp: Stamp::new("2026-11-10T10:00:00Z".parse().unwrap(), None),
        project_id: ProjectId(Uuid::from_u128(2)),
        date: d("2026-11-10"),
        category: CostCategory::Travel,
        description: "Workshop".into(),
        amount: Money::new(minor, eur.clone()),
        spent_by: None,
    };
    f.ws.costs.push(cost(1_100_000, 900)); // exactly 110 %: fine
    assert_eq!(f.findings().0, HealthStatus::OnTrack);
    f.ws.costs.push(cost(200_000, 901)); // 130 %
    assert_eq!(
        f.findings().1,
        vec![Finding::OverBudget {
            spent_minor: 1_300_000,
            budget_minor: 1_000_000,
            percent_over: 30
        }]
    );
    assert_eq!(f.texts(), ["costs 30 % over budget"]);
    f.ws.settings.health.budget_percent = 130;
    assert_eq!(f.findings().0, HealthStatus::OnTrack);
}

#[test]
fn stage_age_counts_from_the_last_stage_move() {
    let mut f = Fixture::new();
    // Discovery is typically 21 days; 1.5 × 21 = 31.5, so day 32 is too long.
    let (_, findings) = f.findings_on("2026-12-02"); // 31 days
    assert!(
        findings
            .iter()
            .all(|x| !matches!(x, Finding::StageTooLong { .. })),
        "{findings:?}"
    );
    f.log_call("2026-12-03", &[], Some("2026-12-10"));
    let (status, findings) = f.findings_on("2026-12-03");
    assert_eq!(status, HealthStatus::AtRisk);
    assert_eq!(
        findings,
        vec![Finding::StageTooLong {
            stage: Stage::Discovery,
            days: 32,
            typical: 21
        }]
    );
    // Moving on resets the clock.
    let id = f.project;
    f.run_on(
        "2026-12-03",
        ProjectCommand::ChangeStage {
            id,
            to: Stage::Proposal,
            unmet: vec![],
            reason: None,
            probability: 50,
            close_passed: None,
        },
    );
    assert_eq!(f.ws.projects[0].stage_entered_on, Some(d("2026-12-03")));
    assert_eq!(f.findings_on("2026-12-03"), (HealthStatus::OnTrack, vec![]));
    // A typical length of 0 switches the rule off for a stage.
    f.ws.settings
        .health
        .typical_stage_days
        .insert(Stage::Proposal, 0);
    let (_, findings) = f.findings_on("2027-02-01");
    assert!(
        findings
            .iter()
            .all(|x| !matches!(x, Finding::StageTooLong { .. })),
        "{findings:?}"
    );
}

#[test]
fn combinations_are_worst_first_and_every_reason_has_a_dated_fix() {
    let mut f = Fixture::new();
    f.milestone("2026-11-01", false); // 21 days: off track
    f.task("Overdue", Some("2026-11-20"), 1);
    f.risk(5, 5, RiskStatus::Open);
    f.person(
        "Anna Keller",
        Some(BuyingRole::DecisionMaker),
        Level::High,
        None,
    );
    let p = f.ws.project(f.project).unwrap();
    let h = health(&f.ws, p, d(TODAY)).unwrap();
    assert_eq!(h.status, HealthStatus::OffTrack);
    assert_eq!(h.reasons[0].status, HealthStatus::OffTrack);
    assert_eq!(h.reasons.len(), 4, "{:?}", h.reasons);
    assert!(h.reasons[1..]
        .iter()
        .all(|r| r.status == HealthStatus::AtRisk));
    for r in &h.reasons {
        assert!(!r.action.is_empty() && !r.fix.title.is_empty());
        assert_eq!(r.fix.owner, Some(f.owner));
        // Fixes land on working days within a week, never today (a Sunday).
        assert!(
            r.fix.due > d(TODAY) && r.fix.due <= d("2026-11-30"),
            "{:?}",
            r.fix
        );
    }
    let call = h
        .reasons
        .iter()
        .find(|r| matches!(r.finding, Finding::OutOfCadence(_)))
        .unwrap();
    assert_eq!(
        call.fix.title,
        "Call Anna Keller and log the agreed next step"
    );
    assert_eq!(
        call.fix.due,
        d("2026-11-24"),
        "two working days after the weekend"
    );
}

#[test]
fn a_fix_added_as_a_task_is_recognised() {
    let mut f = Fixture::new();
    f.task("Overdue", Some("2026-11-20"), 1);
    let p = f.ws.project(f.project).unwrap().clone();
    let fix = health(&f.ws, &p, d(TODAY)).unwrap().reasons[0].fix.clone();
    assert!(pursuit::engine::health::fix_planned(&f.ws, p.id, &fix).is_none());
    f.task(&fix.title.clone(), Some("2026-11-23"), 1);
    assert!(pursuit::engine::health::fix_planned(&f.ws, p.id, &fix).is_some());
}

/// What a finding is, without its figures.
fn kind(f: &Finding) -> std::mem::Discriminant<Finding> {
    std::mem::discriminant(f)
}

impl Fixture {
    fn update_project(&mut self, day: &str, change: impl FnOnce(&mut ProjectDraft)) {
        let id = self.project;
        let mut draft = ProjectDraft::from_project(self.ws.project(id).unwrap());
        change(&mut draft);
        let input = draft.check().expect("the edited project is valid");
        self.run_on(day, ProjectCommand::UpdateProject { id, input });
    }

    fn reasons_on(&self, day: &str) -> Vec<pursuit::engine::health::Reason> {
        let p = self.ws.project(self.project).unwrap();
        health(&self.ws, p, d(day)).unwrap().reasons
    }
}

/// Every reason says what clears it, and doing exactly that — through the commands the
/// app's forms send — makes it go away: (rule, day checked, raise it, follow the advice).
#[test]
fn every_reason_clears_by_doing_what_it_says() {
    type Step = fn(&mut Fixture);
    let cases: Vec<(&str, &str, Step, Step)> = vec![
        (
            "target passed → a new target date",
            TODAY,
            |f| f.update_project("2026-11-01", |p| p.target_date = "2026-11-20".into()),
            |f| f.update_project(TODAY, |p| p.target_date = "2027-01-29".into()),
        ),
        (
            "milestone overdue → done",
            TODAY,
            |f| f.milestone("2026-11-13", false),
            |f| {
                let id = f.ws.milestones[0].id;
                f.run_on(TODAY, PlanCommand::SetMilestoneDone { id, done: true });
            },
        ),
        (
            "task overdue → a new date from its owner",
            TODAY,
            |f| {
                f.task("Send the deck", Some("2026-11-18"), 1);
            },
            |f| {
                let t = f.ws.tasks[0].clone();
                let mut draft = TaskDraft::from_task(&t);
                draft.due_date = "2026-11-25".into();
                let input = draft.check().unwrap();
                f.run_on(TODAY, PlanCommand::UpdateTask { id: t.id, input });
            },
        ),
        (
            "critical path late → the plan finishes by the target",
            TODAY,
            |f| chain(f, 75),
            |f| {
                let t = f.ws.tasks[0].clone();
                let mut draft = TaskDraft::from_task(&t);
                draft.duration_days = "60".into();
                let input = draft.check().unwrap();
                f.run_on(TODAY, PlanCommand::UpdateTask { id: t.id, input });
            },
        ),
        (
            "high risk → a mitigation, an owner and a review date ahead",
            TODAY,
            |f| f.risk(5, 3, RiskStatus::Open),
            |f| {
                let r = f.ws.risks[0].clone();
                let mut draft = RiskDraft::from_risk(&r);
                draft.mitigation = "Reference call with a customer who switched".into();
                draft.owner = Some(f.owner);
                draft.next_review = "2026-11-30".into();
                let input = draft.check().unwrap();
                let project = f.project;
                f.run_on(
                    TODAY,
                    RecordCommand::SaveRisk {
                        id: r.id,
                        project,
                        input,
                    },
                );
            },
        ),
        (
            "decision maker out of cadence → a call with them logged",
            TODAY,
            |f| {
                f.person(
                    "Anna",
                    Some(BuyingRole::DecisionMaker),
                    Level::High,
                    Some("2026-10-29"),
                );
            },
            |f| {
                let anna = f.ws.stakeholders[0].id;
                f.log_call(TODAY, &[anna], Some("2026-11-27"));
            },
        ),
        (
            "no next step → one agreed, dated and logged",
            "2026-11-30",
            |_| {},
            |f| f.log_call("2026-11-30", &[], Some("2026-12-03")),
        ),
        (
            "over budget → a new budget agreed",
            TODAY,
            |f| {
                f.update_project("2026-11-01", |p| p.budget = "10,000".into());
                let project = f.project;
                let id = CostId(f.next());
                let input = CostDraft {
                    date: "2026-11-10".into(),
                    category: CostCategory::Travel,
                    note: "Workshop".into(),
                    amount: "13,000".into(),
                    spent_by: None,
                }
                .check(&Currency::default())
                .unwrap();
                f.run_on("2026-11-10", RecordCommand::SaveCost { id, project, input });
            },
            |f| f.update_project(TODAY, |p| p.budget = "12,000".into()),
        ),
        (
            "stage too long → moved to another stage",
            "2026-12-10",
            |f| f.log_call("2026-12-08", &[], Some("2026-12-15")),
            |f| {
                let id = f.project;
                f.run_on(
                    "2026-12-10",
                    ProjectCommand::ChangeStage {
                        id,
                        to: Stage::Proposal,
                        unmet: Vec::new(),
                        reason: None,
                        probability: Stage::Proposal.default_probability(),
                        close_passed: None,
                    },
                );
            },
        ),
    ];
    let mut seen = std::collections::HashSet::new();
    for (rule, day, raise, follow) in cases {
        let mut f = Fixture::new();
        raise(&mut f);
        let before = f.reasons_on(day);
        assert_eq!(
            before.len(),
            1,
            "{rule}: {:?}",
            before.iter().map(|r| &r.text).collect::<Vec<_>>()
        );
        let reason = &before[0];
        assert!(
            reason.clears.starts_with("It clears when"),
            "{rule}: {}",
            reason.clears
        );
        assert!(!reason.action.is_empty(), "{rule}");
        seen.insert(kind(&reason.finding));
        follow(&mut f);
        let after = f.reasons_on(day);
        assert!(
            after
                .iter()
                .all(|r| kind(&r.finding) != kind(&reason.finding)),
            "{rule}: still {:?}",
            after.iter().map(|r| &r.text).collect::<Vec<_>>()
        );
    }
    // One case per rule.
    assert_eq!(seen.len(), 9);
}

#[test]
fn a_new_deal_has_a_grace_period_before_it_needs_a_next_step() {
    let mut f = Fixture::new();
    // Created and started today, no conversation, no plan.
    let id = ProjectId(Uuid::from_u128(77));
    let mut draft = ProjectDraft::from_project(f.ws.project(f.project).unwrap());
    draft.name = "Brand new".into();
    draft.start_date = TODAY.into();
    let input = draft.check().unwrap();
    f.run_on(TODAY, ProjectCommand::CreateProject { id, input });
    f.project = id;
    assert_eq!(f.findings().0, HealthStatus::OnTrack, "{:?}", f.texts());
    // 14 days later (the default grace) it needs one.
    let grace = f.ws.settings.health.next_step_grace_days;
    assert_eq!(grace, 14);
    assert!(f.findings_on("2026-12-05").1.is_empty(), "day 13");
    assert!(matches!(
        f.findings_on("2026-12-06").1.as_slice(),
        [Finding::NoNextStep { last: None }]
    ));
    // The grace is the workspace's to set.
    f.ws.settings.health.next_step_grace_days = 30;
    assert!(f.findings_on("2026-12-06").1.is_empty());
    // An open task of the plan due ahead is a next step too.
    f.ws.settings.health.next_step_grace_days = 0;
    f.task("Discovery call", Some("2026-11-26"), 1);
    assert!(f.findings().1.is_empty(), "{:?}", f.texts());
}

/// A high risk's reason names only what it lacks: with an owner and a mitigation but no
/// review date ahead, it is the review date.
#[test]
fn a_high_risk_reason_names_only_what_is_missing() {
    // (owner, mitigation, review date, what the reason says it is without)
    let cases: &[(bool, bool, Option<&str>, &str)] = &[
        (true, true, None, "a review date ahead"),
        (true, true, Some("2026-11-20"), "a review date ahead"),
        (false, true, Some("2026-12-20"), "an owner"),
        (true, false, Some("2026-12-20"), "a mitigation"),
        (
            false,
            false,
            None,
            "a mitigation, an owner and a review date ahead",
        ),
    ];
    assert!(!cases.is_empty());
    for (owner, mitigation, review, without) in cases {
        let mut f = Fixture::new();
        let id = RiskId(f.next());
        let project = f.project;
        let input = RiskInput {
            description: "Incumbent offers a steep discount".into(),
            category: String::new(),
            probability: 3,
            impact: 5,
            owner: owner.then_some(f.owner),
            mitigation: if *mitigation {
                "Price-match clause".into()
            } else {
                String::new()
            },
            contingency: String::new(),
            status: RiskStatus::Open,
            next_review: review.map(d),
        };
        f.run_on("2026-11-01", RecordCommand::SaveRisk { id, project, input });
        let texts = f.texts();
        let expected = format!("1 open risk scored 15 or more without {without}");
        assert!(texts.contains(&expected), "{texts:?} has no {expected:?}");
    }
}
