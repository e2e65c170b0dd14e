//! The sample workspace offered on first run: a small sales team with a services deal worked
//! stage by stage, an upsell campaign, a lead-generation campaign and a few more deals.
//! Dates are laid around `today` so the sample always looks current.

use crate::model::*;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use ProjectKind::*;
use ProjectStatus::*;
use TaskStatus::*;

struct Builder<'a> {
    ws: Workspace,
    ids: &'a mut dyn IdSource,
    now: DateTime<Utc>,
    today: NaiveDate,
}

impl Builder<'_> {
    fn stamp(&self) -> Stamp {
        Stamp::new(self.now, None)
    }

    fn day(&self, offset: i64) -> NaiveDate {
        self.today + Duration::days(offset)
    }

    fn member(&mut self, name: &str, role: &str, email: &str, hours: u32) -> MemberId {
        let id: MemberId = self.ids.fresh();
        let stamp = self.stamp();
        self.ws.members.push(Member {
            id,
            stamp,
            name: name.into(),
            role: role.into(),
            email: email.into(),
            weekly_capacity_hours: hours,
            skills: Vec::new(),
            time_off: Vec::new(),
        });
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn project(
        &mut self,
        name: &str,
        kind: ProjectKind,
        client: &str,
        owner: MemberId,
        stage: Stage,
        status: ProjectStatus,
        value_major: i64,
        dates: (i64, i64),
        description: &str,
    ) -> ProjectId {
        let id: ProjectId = self.ids.fresh();
        let currency = self.ws.settings.currency.clone();
        let closed = status.is_closed();
        let project = Project {
            kind,
            client: client.into(),
            owner: Some(owner),
            stage,
            status,
            probability: match status {
                ProjectStatus::Won => 100,
                ProjectStatus::Lost | ProjectStatus::Cancelled => 0,
                _ => stage.default_probability(),
            },
            close_date: closed.then(|| self.day(dates.1.min(0))),
            description: description.into(),
            // Most deals moved into their stage in the last fortnight.
            stage_entered_on: Some(self.day(dates.0.max(-12))),
            ..Project::new(
                id,
                self.stamp(),
                name.into(),
                Money::new(value_major * 100, currency),
                self.day(dates.0),
                self.day(dates.1),
            )
        };
        self.ws.projects.push(project);
        id
    }

    fn milestone(
        &mut self,
        project: ProjectId,
        name: &str,
        stage: Stage,
        due: i64,
        done: bool,
    ) -> MilestoneId {
        let id: MilestoneId = self.ids.fresh();
        let order = self
            .ws
            .milestones
            .iter()
            .filter(|m| m.project_id == project)
            .count() as i64;
        let stamp = self.stamp();
        let due_date = self.day(due);
        self.ws.milestones.push(Milestone {
            reminders: Vec::new(),
            snoozed_until: None,
            id,
            stamp,
            project_id: project,
            name: name.into(),
            stage: Some(stage),
            due_date: Some(due_date),
            completed_on: done.then_some(due_date),
            order,
            with_client: false,
            skipped: None,
        });
        id
    }

    /// Marks milestones and tasks as agreed with the client, tasks with their client owner.
    fn with_client(
        &mut self,
        milestones: &[MilestoneId],
        tasks: &[(TaskId, Option<StakeholderId>)],
    ) {
        for m in self.ws.milestones.iter_mut() {
            m.with_client |= milestones.contains(&m.id);
        }
        for t in self.ws.tasks.iter_mut() {
            if let Some((_, who)) = tasks.iter().find(|(id, _)| *id == t.id) {
                t.with_client = true;
                t.client_owner = *who;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn task(
        &mut self,
        project: ProjectId,
        milestone: Option<MilestoneId>,
        title: &str,
        owner: MemberId,
        due: i64,
        hours: f64,
        status: TaskStatus,
        after: &[TaskId],
    ) -> TaskId {
        let id: TaskId = self.ids.fresh();
        let order = self
            .ws
            .tasks
            .iter()
            .filter(|t| t.project_id == project)
            .count() as i64;
        let stamp = self.stamp();
        let due_date = self.day(due);
        self.ws.tasks.push(Task {
            reminders: Vec::new(),
            recurrence: None,
            snoozed_until: None,
            id,
            stamp,
            project_id: project,
            milestone_id: milestone,
            title: title.into(),
            owner: Some(owner),
            due_date: Some(due_date),
            estimate_hours: hours,
            duration_days: ((hours / 6.0).ceil() as u32).max(1),
            status,
            depends_on: after
                .iter()
                .map(|t| Dependency {
                    task: *t,
                    lag_days: 0,
                })
                .collect(),
            start_date: None,
            completed_on: (status == TaskStatus::Done).then_some(due_date),
            order,
            with_client: false,
            client_owner: None,
        });
        id
    }
}

/// Builds the sample workspace.
pub fn sample_workspace(now: DateTime<Utc>, today: NaiveDate, ids: &mut dyn IdSource) -> Workspace {
    let ws_id: WorkspaceId = ids.fresh();
    let mut b = Builder {
        ws: Workspace::new(ws_id, "Northwind Sales".into(), now),
        ids,
        now,
        today,
    };

    let playbooks = crate::model::playbooks::builtin(b.ids, now);
    let b2b = playbooks[0].id;
    b.ws.templates.extend(playbooks);

    let t = team(&mut b);
    let (deal, milestones) = helios(&mut b, t, b2b);
    let tasks = helios_tasks(&mut b, t, deal, milestones);
    workload_pressure(&mut b, t, deal, milestones[3]);
    let ops = helios_people(&mut b, t, deal, milestones, tasks);
    helios_log(&mut b, t, deal, ops);
    quotas(&mut b, t);
    short_playbook(&mut b);
    let upsell = upsell(&mut b, t);
    upsell_budget(&mut b, upsell);
    let leads = leads(&mut b, t, upsell);
    arcadia(&mut b, t);
    let (baltic, proposed) = more_deals(&mut b, t);
    intake(&mut b, proposed, deal, upsell);
    governance(&mut b, t, [deal, baltic, leads]);
    competitors(&mut b, deal, kestrel_rival());
    b.ws
}

/// The lost Kestrel deal's winner, as its outcome names it.
fn kestrel_rival() -> &'static str {
    "SentinelSOC"
}

/// Who else bids for Helios: the incumbent, still a threat, and a specialist already out.
fn competitors(b: &mut Builder, deal: ProjectId, rival: &str) {
    let stamp = b.stamp();
    for (name, strengths, weaknesses, threat, status, notes) in [
        (
            "Northstar IT",
            "Runs Helios's service desk today; offers a steep renewal discount.",
            "No cloud migration practice; two outages this year.",
            4,
            CompetitorStatus::Active,
            "Their renewal discount ends in March.",
        ),
        (
            rival,
            "Security operations specialist.",
            "Does not run service desks.",
            2,
            CompetitorStatus::Eliminated,
            "Dropped out after the first workshop.",
        ),
    ] {
        let id: CompetitorId = b.ids.fresh();
        b.ws.competitors.push(Competitor {
            id,
            stamp: stamp.clone(),
            project_id: deal,
            name: name.into(),
            strengths: strengths.into(),
            weaknesses: weaknesses.into(),
            threat,
            status,
            notes: notes.into(),
        });
    }
}

/// The team of five who sell, demo, market and look after customers.
#[derive(Clone, Copy)]
struct Team {
    maya: MemberId,
    jonas: MemberId,
    priya: MemberId,
    leo: MemberId,
    sofia: MemberId,
}

fn team(b: &mut Builder) -> Team {
    let maya = b.member(
        "Maya Okafor",
        "Sales director",
        "maya.okafor@northwind.example",
        40,
    );
    let jonas = b.member(
        "Jonas Berg",
        "Account executive",
        "jonas.berg@northwind.example",
        40,
    );
    let priya = b.member(
        "Priya Raman",
        "Solutions engineer",
        "priya.raman@northwind.example",
        36,
    );
    let leo = b.member(
        "Leo Martin",
        "Marketing manager",
        "leo.martin@northwind.example",
        40,
    );
    let sofia = b.member(
        "Sofia Lindqvist",
        "Customer success manager",
        "sofia.lindqvist@northwind.example",
        40,
    );

    Team {
        maya,
        jonas,
        priya,
        leo,
        sofia,
    }
}

/// The flagship deal, worked stage by stage: Helios Logistics and its five milestones.
fn helios(b: &mut Builder, t: Team, b2b: TemplateId) -> (ProjectId, [MilestoneId; 5]) {
    let Team { jonas, .. } = t;
    // The flagship deal, worked stage by stage.
    let deal = b.project(
        "Helios Logistics — managed IT services",
        Deal,
        "Helios Logistics",
        jonas,
        Stage::Proposal,
        Active,
        480_000,
        (-60, 45),
        "Win a three-year managed IT services contract covering Helios's 14 warehouses: \
         service desk, network operations and a cloud migration of their WMS.",
    );
    if let Some(p) = b.ws.projects.iter_mut().find(|p| p.id == deal) {
        p.template_id = Some(b2b);
        p.criteria_met = vec!["Pricing approved internally".into()];
    }
    let m1 = b.milestone(
        deal,
        "Qualified: budget and sponsor confirmed",
        Stage::Qualified,
        -45,
        true,
    );
    let m2 = b.milestone(
        deal,
        "Discovery: current estate assessed",
        Stage::Discovery,
        -20,
        true,
    );
    let m3 = b.milestone(
        deal,
        "Proposal delivered and presented",
        Stage::Proposal,
        7,
        false,
    );
    let m4 = b.milestone(
        deal,
        "Negotiation: terms agreed",
        Stage::Negotiation,
        30,
        false,
    );
    let m5 = b.milestone(deal, "Contract signed", Stage::Closed, 45, false);
    (deal, [m1, m2, m3, m4, m5])
}

/// Helios's plan; gives the tasks agreed with the client.
fn helios_tasks(b: &mut Builder, t: Team, deal: ProjectId, ms: [MilestoneId; 5]) -> [TaskId; 4] {
    let [m1, m2, m3, m4, m5] = ms;
    let Team {
        maya, jonas, priya, ..
    } = t;
    let t1 = b.task(
        deal,
        Some(m1),
        "Confirm budget range with CFO",
        jonas,
        -47,
        2.0,
        Done,
        &[],
    );
    b.task(
        deal,
        Some(m1),
        "Identify executive sponsor",
        jonas,
        -46,
        1.0,
        Done,
        &[t1],
    );
    let t3 = b.task(
        deal,
        Some(m2),
        "Run discovery workshops at two warehouses",
        priya,
        -25,
        16.0,
        Done,
        &[],
    );
    let t4 = b.task(
        deal,
        Some(m2),
        "Document current network and WMS estate",
        priya,
        -21,
        12.0,
        Done,
        &[t3],
    );
    let t5 = b.task(
        deal,
        Some(m3),
        "Draft solution design",
        priya,
        2,
        20.0,
        InProgress,
        &[t4],
    );
    let t6 = b.task(
        deal,
        Some(m3),
        "Build pricing model and margin review",
        maya,
        4,
        8.0,
        Todo,
        &[t5],
    );
    let t7 = b.task(
        deal,
        Some(m3),
        "Write and review proposal document",
        jonas,
        6,
        12.0,
        Todo,
        &[t5, t6],
    );
    let t8 = b.task(
        deal,
        Some(m3),
        "Present proposal to buying committee",
        jonas,
        7,
        3.0,
        Todo,
        &[t7],
    );
    let t9 = b.task(
        deal,
        Some(m4),
        "Security and compliance questionnaire",
        priya,
        14,
        6.0,
        Blocked,
        &[t8],
    );
    let t10 = b.task(
        deal,
        Some(m4),
        "Negotiate SLA credits and term",
        maya,
        25,
        6.0,
        Todo,
        &[t8],
    );
    let legal = b.task(
        deal,
        Some(m5),
        "Legal review of master services agreement",
        jonas,
        40,
        4.0,
        Todo,
        &[t9, t10],
    );
    [t3, t8, t9, legal]
}

/// Priya's due-diligence pack, Sofia's week away and the team's skills.
fn workload_pressure(b: &mut Builder, t: Team, deal: ProjectId, m4: MilestoneId) {
    let Team { priya, sofia, .. } = t;
    // Priya's technical due-diligence pack fills the next two weeks past her 36 hours: the
    // Workload screen flags both weeks and offers to hand work to someone with room.
    let pack = b.task(
        deal,
        Some(m4),
        "Technical due-diligence pack",
        priya,
        20,
        100.0,
        Todo,
        &[],
    );
    let next_week =
        b.today + Duration::days(i64::from(7 - b.today.weekday().num_days_from_monday()));
    if let Some(t) = b.ws.tasks.iter_mut().find(|t| t.id == pack) {
        t.duration_days = 10;
        t.start_date = Some(next_week);
        t.due_date = next_week.checked_add_signed(Duration::days(11));
    }
    // Sofia is away for a week in seven weeks' time.
    if let Some(m) = b.ws.members.iter_mut().find(|m| m.id == sofia) {
        m.time_off = vec![TimeOff {
            from: next_week + Duration::days(42),
            to: next_week + Duration::days(46),
        }];
        m.skills = vec!["Customer success".into(), "Renewals".into()];
    }
    if let Some(m) = b.ws.members.iter_mut().find(|m| m.id == priya) {
        m.skills = vec!["Solution design".into(), "Security questionnaires".into()];
    }
}

/// Helios's risks and people, and the mutual action plan agreed with them; gives the
/// champion.
fn helios_people(
    b: &mut Builder,
    t: Team,
    deal: ProjectId,
    ms: [MilestoneId; 5],
    tasks: [TaskId; 4],
) -> StakeholderId {
    let Team { jonas, priya, .. } = t;
    let [_, m2, m3, _, m5] = ms;
    let [t3, t8, t9, legal] = tasks;
    let stamp = b.stamp();
    // What the deal tracks along the way.
    let risk_a: RiskId = b.ids.fresh();
    let risk_b: RiskId = b.ids.fresh();
    b.ws.risks.extend([
        Risk {
            snoozed_until: None,
            id: risk_a,
            stamp: stamp.clone(),
            project_id: deal,
            description: "Incumbent provider offers a steep renewal discount".into(),
            category: "Competition".into(),
            probability: 3,
            impact: 5,
            owner: Some(jonas),
            mitigation: "Quantify the cost of staying: outages and the delayed WMS migration"
                .into(),
            contingency: "Offer a phased start with the service desk only".into(),
            status: RiskStatus::Open,
            // The review it was given has passed: the deal is at risk until it is reviewed.
            next_review: Some(b.day(-2)),
        },
        Risk {
            snoozed_until: None,
            id: risk_b,
            stamp: stamp.clone(),
            project_id: deal,
            description: "Security questionnaire blocked on missing ISO certificate copy".into(),
            category: "Compliance".into(),
            probability: 2,
            impact: 3,
            owner: Some(priya),
            mitigation: "Request the certificate from our compliance team this week".into(),
            contingency: String::new(),
            status: RiskStatus::Mitigating,
            next_review: Some(b.day(-3)),
        },
    ]);
    let cfo: StakeholderId = b.ids.fresh();
    let ops: StakeholderId = b.ids.fresh();
    b.ws.stakeholders.extend([
        Stakeholder {
            email: String::new(),
            snoozed_until: None,
            id: cfo,
            stamp: stamp.clone(),
            project_id: deal,
            name: "Anna Keller".into(),
            organisation: "Helios Logistics".into(),
            title: "CFO".into(),
            internal: false,
            buying_role: Some(BuyingRole::DecisionMaker),
            influence: Level::High,
            stance: Stance::Neutral,
            channel: "Video call".into(),
            cadence: Some(Cadence::Fortnightly),
            last_contact: Some(b.day(-9)),
        },
        Stakeholder {
            email: String::new(),
            snoozed_until: None,
            id: ops,
            stamp: stamp.clone(),
            project_id: deal,
            name: "Tomasz Nowak".into(),
            organisation: "Helios Logistics".into(),
            title: "Head of IT operations".into(),
            internal: false,
            buying_role: Some(BuyingRole::Champion),
            influence: Level::Medium,
            stance: Stance::Supporter,
            channel: "Phone".into(),
            cadence: Some(Cadence::Weekly),
            last_contact: Some(b.day(-3)),
        },
    ]);
    // The mutual action plan agreed with Helios: what its update shows the client, each step
    // with the client's owner.
    b.with_client(
        &[m2, m3, m5],
        &[
            (t3, Some(ops)),
            (t8, Some(cfo)),
            (t9, Some(ops)),
            (legal, None),
        ],
    );
    let (procurement, architect): (StakeholderId, StakeholderId) = (b.ids.fresh(), b.ids.fresh());
    let procurement_contact = b.day(-40);
    b.ws.stakeholders.extend([
        Stakeholder {
            email: String::new(),
            snoozed_until: None,
            id: procurement,
            stamp: stamp.clone(),
            project_id: deal,
            name: "Jan Berg".into(),
            organisation: "Helios Logistics".into(),
            title: "Procurement lead".into(),
            internal: false,
            buying_role: Some(BuyingRole::LegalProcurement),
            influence: Level::Medium,
            stance: Stance::Sceptic,
            channel: "Email".into(),
            cadence: Some(Cadence::Monthly),
            last_contact: Some(procurement_contact),
        },
        Stakeholder {
            email: String::new(),
            snoozed_until: None,
            id: architect,
            stamp: stamp.clone(),
            project_id: deal,
            name: "Lena Fischer".into(),
            organisation: "Our team".into(),
            title: "Solution architect".into(),
            internal: true,
            buying_role: None,
            influence: Level::Medium,
            stance: Stance::Supporter,
            channel: "Slack".into(),
            cadence: None,
            last_contact: None,
        },
    ]);
    ops
}

/// Helios's conversation, feedback, costs and budget.
fn helios_log(b: &mut Builder, t: Team, deal: ProjectId, ops: StakeholderId) {
    let Team { jonas, .. } = t;
    let stamp = b.stamp();
    let comm: CommunicationId = b.ids.fresh();
    let (comm_date, next_date) = (b.day(-3), b.day(4));
    b.ws.communications.push(Communication {
        id: comm,
        stamp: stamp.clone(),
        project_id: deal,
        date: comm_date,
        channel: "Phone".into(),
        stakeholders: vec![ops],
        summary:
            "Walked through the draft solution; Tomasz wants WMS cut-over outside peak season."
                .into(),
        next_step: "Send the cut-over calendar with the proposal".into(),
        next_step_date: Some(next_date),
    });
    let feedback: FeedbackId = b.ids.fresh();
    b.ws.feedback.push(Feedback {
        id: feedback,
        stamp: stamp.clone(),
        project_id: deal,
        date: b.day(-20),
        source: FeedbackSource::Client,
        rating: 4,
        text: "Discovery workshops were thorough; keep the proposal short.".into(),
        action: "Proposal limited to 12 pages with an executive summary".into(),
    });
    for (day, source, rating, text) in [
        (
            -12,
            FeedbackSource::Team,
            3,
            "Pricing workshop ran long; we had no answer on multi-year discounts.",
        ),
        (
            -5,
            FeedbackSource::Client,
            2,
            "Draft proposal is too generic about the WMS integration.",
        ),
    ] {
        let id: FeedbackId = b.ids.fresh();
        let date = b.day(day);
        b.ws.feedback.push(Feedback {
            id,
            stamp: stamp.clone(),
            project_id: deal,
            date,
            source,
            rating,
            text: text.into(),
            action: String::new(),
        });
    }
    let cost: CostId = b.ids.fresh();
    let currency = b.ws.settings.currency.clone();
    b.ws.costs.push(Cost {
        id: cost,
        stamp: stamp.clone(),
        project_id: deal,
        date: b.day(-25),
        category: CostCategory::Travel,
        description: "Site visits to two warehouses".into(),
        amount: Money::new(184_000, currency.clone()),
        spent_by: Some(jonas),
    });
    let cost: CostId = b.ids.fresh();
    b.ws.costs.push(Cost {
        id: cost,
        stamp: stamp.clone(),
        project_id: deal,
        date: b.day(-9),
        category: CostCategory::People,
        description: "Solutions engineer: WMS integration workshop".into(),
        amount: Money::new(420_000, currency),
        spent_by: None,
    });
    if let Some(p) = b.ws.projects.iter_mut().find(|p| p.id == deal) {
        p.budget = Some(Money::new(1_500_000, p.value.currency.clone()));
    }
}

/// This quarter's team quota and Jonas's share of it.
fn quotas(b: &mut Builder, t: Team) {
    let Team { jonas, .. } = t;
    let stamp = b.stamp();
    let quota: QuotaId = b.ids.fresh();
    let quarter_start =
        NaiveDate::from_ymd_opt(b.today.year(), ((b.today.month() - 1) / 3) * 3 + 1, 1)
            .expect("valid quarter");
    b.ws.quotas.push(Quota {
        id: quota,
        stamp: stamp.clone(),
        member_id: None,
        period: Period {
            kind: PeriodKind::Quarter,
            start: quarter_start,
        },
        metric: QuotaMetric::RevenueWon,
        target: 90_000_000,
        manual_actual: None,
    });
    // Jonas's own share of it, for his numbers on the dashboard.
    b.ws.quotas.push(Quota {
        id: b.ids.fresh(),
        stamp: stamp.clone(),
        member_id: Some(jonas),
        period: Period {
            kind: PeriodKind::Quarter,
            start: quarter_start,
        },
        metric: QuotaMetric::RevenueWon,
        target: 40_000_000,
        manual_actual: None,
    });
}

/// A playbook of the team's own beside the built-in ones.
fn short_playbook(b: &mut Builder) {
    let stamp = b.stamp();
    let template: TemplateId = b.ids.fresh();
    b.ws.templates.push(Template {
        id: template,
        stamp,
        name: "Services deal (short)".into(),
        description: "A compact playbook for services deals under EUR 250k.".into(),
        stages: vec![
            TemplateStage {
                stage: Stage::Qualified,
                milestone: "Budget and sponsor confirmed".into(),
                exit_criteria: vec![
                    "Budget confirmed".into(),
                    "Decision maker identified".into(),
                ],
                probability: 20,
                typical_days: None,
                milestone_with_client: false,
                tasks: vec![TemplateTask {
                    key: "budget".into(),
                    title: "Confirm budget".into(),
                    duration_days: 2,
                    owner_role: "Account executive".into(),
                    depends_on: vec![],
                    with_client: false,
                }],
            },
            TemplateStage {
                stage: Stage::Proposal,
                milestone: "Proposal presented".into(),
                exit_criteria: vec!["Success criteria agreed with the client".into()],
                probability: 60,
                typical_days: None,
                milestone_with_client: true,
                tasks: vec![TemplateTask {
                    key: "proposal".into(),
                    title: "Write proposal".into(),
                    duration_days: 5,
                    owner_role: "Account executive".into(),
                    depends_on: vec!["budget".into()],
                    with_client: false,
                }],
            },
        ],
    });
}

/// The upsell campaign and its plan.
fn upsell(b: &mut Builder, t: Team) -> ProjectId {
    let Team {
        maya, leo, sofia, ..
    } = t;
    // Upsell campaign with a measurable goal.
    let upsell = b.project(
        "Analytics add-on upsell",
        Campaign,
        "Existing customers",
        sofia,
        Stage::Discovery,
        Active,
        350_000,
        (-30, 335),
        "Convert 30% of current customers to the new analytics feature within a year.",
    );
    let u1 = b.milestone(
        upsell,
        "Target list and offer ready",
        Stage::Qualified,
        -10,
        true,
    );
    let u2 = b.milestone(
        upsell,
        "First 20 customers demoed",
        Stage::Discovery,
        40,
        false,
    );
    let u3 = b.milestone(
        upsell,
        "10% of customers converted",
        Stage::Proposal,
        120,
        false,
    );
    let u4 = b.milestone(
        upsell,
        "30% of customers converted",
        Stage::Closed,
        335,
        false,
    );
    let ut1 = b.task(
        upsell,
        Some(u1),
        "Segment customers by usage",
        sofia,
        -15,
        6.0,
        Done,
        &[],
    );
    b.task(
        upsell,
        Some(u1),
        "Price the add-on bundle",
        maya,
        -12,
        4.0,
        Done,
        &[ut1],
    );
    let ut3 = b.task(
        upsell,
        Some(u2),
        "Book demos with top-20 accounts",
        sofia,
        10,
        10.0,
        InProgress,
        &[],
    );
    b.task(
        upsell,
        Some(u2),
        "Record a 5-minute product demo video",
        leo,
        12,
        8.0,
        Todo,
        &[],
    );
    b.task(
        upsell,
        Some(u3),
        "Run renewal-time offer emails",
        leo,
        60,
        12.0,
        Todo,
        &[ut3],
    );
    b.task(
        upsell,
        Some(u4),
        "Quarterly conversion review",
        sofia,
        300,
        3.0,
        Todo,
        &[],
    );
    upsell
}

/// The upsell's goal, budget and the costs that overrun it.
fn upsell_budget(b: &mut Builder, upsell: ProjectId) {
    let goal_id: GoalId = b.ids.fresh();
    let goal_stamp = b.stamp();
    b.ws.goals.push(ProjectGoal {
        id: goal_id,
        stamp: goal_stamp.clone(),
        project_id: upsell,
        metric: "Customers converted to analytics".into(),
        target: 30.0,
        current: 4.0,
        unit: "%".into(),
        measure: GoalMeasure::Manual,
        order: 0,
    });
    // The campaign spent past its budget on events: the health check flags it.
    let currency = b.ws.settings.currency.clone();
    if let Some(p) = b.ws.projects.iter_mut().find(|p| p.id == upsell) {
        p.budget = Some(Money::new(800_000, currency.clone()));
    }
    for (day, category, description, minor) in [
        (
            -40,
            CostCategory::Marketing,
            "Customer webinar series: platform and ads",
            520_000,
        ),
        (
            -12,
            CostCategory::Tools,
            "Analytics demo environment, three months",
            410_000,
        ),
    ] {
        let id: CostId = b.ids.fresh();
        b.ws.costs.push(Cost {
            id,
            stamp: goal_stamp.clone(),
            project_id: upsell,
            date: b.day(day),
            category,
            description: description.into(),
            amount: Money::new(minor, currency.clone()),
            spent_by: None,
        });
    }
}

/// The lead-generation campaign, and the next steps agreed on both campaigns.
fn leads(b: &mut Builder, t: Team, upsell: ProjectId) -> ProjectId {
    let Team { jonas, leo, .. } = t;
    // Lead generation.
    let leads = b.project(
        "Q1 lead generation — logistics sector",
        Campaign,
        "",
        leo,
        Stage::Prospect,
        Active,
        120_000,
        (-5, 100),
        "Generate 60 qualified leads among mid-size logistics firms through a webinar series and outbound.",
    );
    let l1 = b.milestone(leads, "Webinar series launched", Stage::Prospect, 30, false);
    let l2 = b.milestone(
        leads,
        "60 qualified leads handed to sales",
        Stage::Qualified,
        100,
        false,
    );
    let lt1 = b.task(
        leads,
        Some(l1),
        "Write webinar landing page",
        leo,
        10,
        6.0,
        InProgress,
        &[],
    );
    b.task(
        leads,
        Some(l1),
        "Invite 400 logistics contacts",
        leo,
        18,
        8.0,
        Todo,
        &[lt1],
    );
    b.task(
        leads,
        Some(l2),
        "Qualify inbound leads weekly",
        jonas,
        90,
        20.0,
        Todo,
        &[],
    );

    // Next steps agreed on the campaigns.
    for (project, summary, step, days) in [
        (
            upsell,
            "Reviewed the first wave of demos with the product team.",
            "Send the pricing sheet to the top-20 accounts",
            5,
        ),
        (
            leads,
            "Agreed the webinar agenda with the guest speaker.",
            "Publish the landing page",
            8,
        ),
    ] {
        let id: CommunicationId = b.ids.fresh();
        let stamp = b.stamp();
        let (date, next) = (b.day(-2), b.day(days));
        b.ws.communications.push(Communication {
            id,
            stamp,
            project_id: project,
            date,
            channel: "Meeting".into(),
            stakeholders: Vec::new(),
            summary: summary.into(),
            next_step: step.into(),
            next_step_date: Some(next),
        });
    }
    leads
}

/// A renewal stuck in negotiation with a decision maker not heard from for weeks.
fn arcadia(b: &mut Builder, t: Team) {
    let Team { maya, .. } = t;
    // A few more deals across the pipeline.
    let p = b.project(
        "Arcadia Health — service desk renewal",
        Deal,
        "Arcadia Health",
        maya,
        Stage::Negotiation,
        Active,
        210_000,
        (-90, 20),
        "Renew and extend the service desk contract to two new clinics.",
    );
    // Stuck in negotiation for five weeks, and the COO has not heard from us for weeks: the
    // health check notices both.
    let entered = b.day(-35);
    if let Some(arcadia) = b.ws.projects.iter_mut().find(|x| x.id == p) {
        arcadia.stage_entered_on = Some(entered);
    }
    let (coo, it_lead): (StakeholderId, StakeholderId) = (b.ids.fresh(), b.ids.fresh());
    let (coo_contact, it_contact) = (b.day(-24), b.day(-6));
    let stamp = b.stamp();
    b.ws.stakeholders.extend([
        Stakeholder {
            email: String::new(),
            snoozed_until: None,
            id: coo,
            stamp: stamp.clone(),
            project_id: p,
            name: "Peter Lind".into(),
            organisation: "Arcadia Health".into(),
            title: "COO".into(),
            internal: false,
            buying_role: Some(BuyingRole::DecisionMaker),
            influence: Level::High,
            stance: Stance::Positive,
            channel: "Phone".into(),
            cadence: Some(Cadence::Weekly),
            last_contact: Some(coo_contact),
        },
        Stakeholder {
            email: String::new(),
            snoozed_until: None,
            id: it_lead,
            stamp,
            project_id: p,
            name: "Sara Holm".into(),
            organisation: "Arcadia Health".into(),
            title: "Service desk manager".into(),
            internal: false,
            buying_role: Some(BuyingRole::User),
            influence: Level::Medium,
            stance: Stance::Supporter,
            channel: "Teams".into(),
            cadence: Some(Cadence::Fortnightly),
            last_contact: Some(it_contact),
        },
    ]);
    b.milestone(p, "Renewal terms agreed", Stage::Negotiation, 10, false);
    b.task(
        p,
        None,
        "Send revised renewal quote",
        maya,
        -2,
        2.0,
        Todo,
        &[],
    );
}

/// A deal on hold, one won, one lost and two proposals; gives the one on hold and the
/// proposals.
fn more_deals(b: &mut Builder, t: Team) -> (ProjectId, [ProjectId; 2]) {
    let Team {
        maya, jonas, leo, ..
    } = t;
    let p = b.project(
        "Baltic Freight — network refresh",
        Deal,
        "Baltic Freight",
        jonas,
        Stage::Qualified,
        OnHold,
        95_000,
        (-40, 75),
        "Replace end-of-life switches across three depots; paused until their budget round.",
    );
    b.milestone(p, "Budget round decision", Stage::Qualified, 35, false);
    let orion = b.project(
        "Orion Retail — cloud migration",
        Deal,
        "Orion Retail",
        jonas,
        Stage::Closed,
        Won,
        320_000,
        (-150, -12),
        "Migrate Orion's e-commerce platform to managed cloud.",
    );
    let kestrel = b.project(
        "Kestrel Bank — SOC services",
        Deal,
        "Kestrel Bank",
        maya,
        Stage::Negotiation,
        Lost,
        560_000,
        (-200, -30),
        "Security operations centre as a service.",
    );
    for (id, reason, note) in [
        (
            orion,
            "Solution fit",
            "Our migration runbook convinced their CTO.",
        ),
        (
            kestrel,
            "Lost to a competitor",
            "A specialist SOC provider undercut us by 20 %.",
        ),
    ] {
        if let Some(p) = b.ws.projects.iter_mut().find(|p| p.id == id) {
            p.outcome = Some(Outcome {
                reason: reason.into(),
                note: note.into(),
            });
        }
    }
    let pilot = b.project(
        "Partner channel pilot",
        Initiative,
        "",
        maya,
        Stage::Prospect,
        Proposed,
        150_000,
        (14, 180),
        "Pilot reselling through two regional partners.",
    );
    let webinars = b.project(
        "Cold-chain webinar series",
        Campaign,
        "",
        leo,
        Stage::Prospect,
        Proposed,
        90_000,
        (21, 140),
        "Four webinars on cold-chain monitoring for food and pharma logistics prospects.",
    );
    (p, [pilot, webinars])
}

/// Intake answers and scores for the portfolio's ranking.
fn intake(b: &mut Builder, proposed: [ProjectId; 2], deal: ProjectId, upsell: ProjectId) {
    let [pilot, webinars] = proposed;
    // Intake answers and scores (revenue, fit, resources, risk, customer value), so the
    // portfolio can rank what to take on.
    for (id, rationale, focus, sponsor, people, weeks, scores) in [
        (
            pilot,
            "Partners reach mid-size logistics firms our direct team cannot cover.",
            "New channels",
            "Maya Okafor",
            2,
            16,
            [3, 4, 3, 4, 3],
        ),
        (
            webinars,
            "Food and pharma prospects ask about cold-chain monitoring on every first call.",
            "Logistics vertical",
            "Leo Martin",
            3,
            10,
            [2, 4, 2, 2, 4],
        ),
        (
            deal,
            "Largest open deal; anchors the logistics vertical.",
            "Logistics vertical",
            "Jonas Berg",
            4,
            12,
            [4, 5, 4, 3, 4],
        ),
        (
            upsell,
            "Existing customers already use the data platform.",
            "Customer growth",
            "Sofia Lindqvist",
            2,
            8,
            [4, 4, 2, 2, 4],
        ),
    ] {
        let keys = ["revenue", "fit", "resources", "risk", "customer"];
        if let Some(p) = b.ws.projects.iter_mut().find(|p| p.id == id) {
            p.rationale = rationale.into();
            p.focus_area = focus.into();
            p.sponsor = sponsor.into();
            p.people_needed = people;
            p.weeks_needed = weeks;
            p.scores = keys
                .iter()
                .zip(scores)
                .map(|(k, v)| (k.to_string(), v))
                .collect();
        }
    }
}

/// Last month's portfolio review, and the decisions in the governance log.
fn governance(b: &mut Builder, t: Team, decided: [ProjectId; 3]) {
    let [deal, baltic, leads] = decided;
    let Team {
        maya, jonas, sofia, ..
    } = t;
    // Last month's portfolio review, and the decisions in the governance log.
    let review: ReviewId = b.ids.fresh();
    let stamp = b.stamp();
    b.ws.reviews.push(Review {
        id: review,
        stamp: stamp.clone(),
        date: b.day(-21),
        attendees: vec![maya, jonas, sofia],
        notes: "Quarterly review: logistics vertical first; partner pilot to be scored next time."
            .into(),
    });
    for (project, day, verdict, reason, in_review) in [
        (
            deal,
            -58,
            Verdict::Approve,
            "Strategic logistics account; budget EUR 15,000 for the bid.",
            false,
        ),
        (
            baltic,
            -21,
            Verdict::Hold,
            "Client's budget round moved to Q1; revisit then.",
            true,
        ),
        (
            leads,
            -21,
            Verdict::Approve,
            "Fills the Q1 pipeline gap in logistics.",
            true,
        ),
    ] {
        let id: DecisionId = b.ids.fresh();
        let date = b.day(day);
        b.ws.decisions.push(Decision {
            id,
            stamp: stamp.clone(),
            project_id: project,
            date,
            verdict,
            reason: reason.into(),
            decided_by: Some(maya),
            review: in_review.then_some(review),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::validate::validate;

    #[test]
    fn sample_is_valid_and_realistic() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let now = today.and_hms_opt(9, 0, 0).unwrap().and_utc();
        let ws = sample_workspace(now, today, &mut SequentialIds::default());
        assert_eq!(validate(&ws), vec![]);
        assert!((4..=6).contains(&ws.members.len()));
        assert!(ws.projects.iter().any(|p| p.description.contains("30%")));
        assert!(
            ws.milestones
                .iter()
                .filter(|m| m.project_id == ws.projects[0].id)
                .count()
                >= 5
        );
    }
}
