//! Workspaces generated for benchmarks and capacity tests: many deals with realistic text
//! and scattered ids, or one deal with a very large plan. Shared by the native tests and the
//! benchmark examples (`#[path]`-included), never part of the app.
#![allow(dead_code)]

use chrono::{Duration, NaiveDate};
use pursuit::model::*;
use pursuit::sample::sample_workspace;
use uuid::Uuid;

/// Deterministic ids that look like the app's random ones: a seeded xorshift generator laid
/// into v4 UUIDs. Benchmarks use it, because sizes and compression measured on sequential
/// ids (long runs of zeros, shared prefixes) flatter what real workspaces store.
pub struct ScatteredIds {
    state: u64,
}

impl ScatteredIds {
    /// A generator for `seed` (any value: the one that would give the all-zero state, the
    /// generator's fixed point, is moved off it).
    pub fn seeded(seed: u64) -> Self {
        const MIX: u64 = 0x9E37_79B9_7F4A_7C15;
        let state = seed ^ MIX;
        Self {
            state: if state == 0 { MIX } else { state },
        }
    }

    fn next_u64(&mut self) -> u64 {
        // xorshift64* (Vigna): full period over non-zero states, good low bits.
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

impl IdSource for ScatteredIds {
    fn next_uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

const CLIENTS: [&str; 12] = [
    "Helios Logistics",
    "Arcadia Health",
    "Baltic Freight",
    "Orion Retail",
    "Kestrel Bank",
    "Nordlicht Energie",
    "Cobalt Mining Group",
    "Verde Foods",
    "Summit Insurance",
    "Atlas Manufacturing",
    "Lumen Telecom",
    "Brightwater Utilities",
];
const OFFERS: [&str; 6] = [
    "managed IT services",
    "cloud migration",
    "network refresh",
    "service desk renewal",
    "security operations",
    "data platform",
];
const TASKS: [&str; 10] = [
    "Confirm budget range with the finance lead",
    "Identify the executive sponsor and decision process",
    "Run a discovery workshop with operations",
    "Document the current estate and pain points",
    "Draft the solution design and assumptions",
    "Build the pricing model and margin review",
    "Write and review the proposal document",
    "Present the proposal to the buying committee",
    "Answer the security and compliance questionnaire",
    "Negotiate terms, SLA credits and contract length",
];

/// A workspace whose one project has `tasks` chained tasks in parallel lanes, for checking
/// that the timeline stays readable with a large plan.
pub fn big_plan_workspace(tasks: usize, today: NaiveDate) -> Workspace {
    let mut ws = benchmark_workspace(1, today);
    let project = ws.projects[0].id;
    let milestones: Vec<MilestoneId> = ws.milestones.iter().map(|m| m.id).collect();
    let members: Vec<MemberId> = ws.members.iter().map(|m| m.id).collect();
    let stamp = ws.tasks[0].stamp.clone();
    ws.tasks.clear();
    let mut ids = SequentialIds::starting_at(1_000_000);
    let lanes = 8;
    let mut previous: Vec<Option<TaskId>> = vec![None; lanes];
    for t in 0..tasks {
        let id: TaskId = ids.next();
        let lane = t % lanes;
        ws.tasks.push(Task {
            reminders: Vec::new(),
            recurrence: None,
            snoozed_until: None,
            id,
            stamp: stamp.clone(),
            project_id: project,
            milestone_id: Some(milestones[(t * milestones.len()) / tasks]),
            title: format!("{} ({})", TASKS[t % TASKS.len()], t + 1),
            owner: Some(members[lane % members.len()]),
            due_date: None,
            estimate_hours: 6.0,
            duration_days: 1 + (t % 3) as u32,
            status: TaskStatus::Todo,
            depends_on: previous[lane]
                .map(|p| {
                    vec![Dependency {
                        task: p,
                        lag_days: 0,
                    }]
                })
                .unwrap_or_default(),
            start_date: None,
            completed_on: None,
            order: t as i64,
            with_client: false,
            client_owner: None,
        });
        previous[lane] = Some(id);
    }
    ws.projects[0].target_date = today + Duration::days(200);
    ws
}

/// A large workspace for benchmarks and capacity tests: `projects` deals with six milestones
/// and 20 chained tasks each, with realistic text.
pub fn benchmark_workspace(projects: usize, today: NaiveDate) -> Workspace {
    let now = today.and_hms_opt(9, 30, 0).unwrap().and_utc();
    // Random-looking ids, as the app makes: sequential ones compress far better than real
    // data and would flatter every size this workspace is used to measure.
    let mut ids = ScatteredIds::seeded(projects as u64);
    let mut ws = sample_workspace(now, today, &mut ids);
    ws.projects.clear();
    macro_rules! clear {
        ($($f:ident: $t:ty => $k:ident),*) => {
            $(ws.$f.clear();)*
        };
    }
    pursuit::project_records!(clear);
    ws.reviews.clear();
    let members: Vec<MemberId> = ws.members.iter().map(|m| m.id).collect();
    let stamp = Stamp::new(now, Some(members[0]));
    for i in 0..projects {
        let client = CLIENTS[i % CLIENTS.len()];
        let offer = OFFERS[(i / CLIENTS.len()) % OFFERS.len()];
        let stage = Stage::ALL[i % 5];
        let pid: ProjectId = ids.next();
        let start = today - Duration::days((i % 120) as i64);
        ws.projects.push(Project {
            client: client.into(),
            owner: Some(members[i % members.len()]),
            stage,
            probability: stage.default_probability(),
            description: format!(
                "Win a multi-year {offer} contract with {client}: replace the incumbent, consolidate three \
                 suppliers into one and deliver measurable savings within the first year of service."
            ),
            ..Project::new(
                pid,
                stamp.clone(),
                format!("{client} — {offer} #{i}"),
                Money::new(((i % 50) as i64 + 5) * 1_000_000, ws.settings.currency.clone()),
                start,
                start + Duration::days(120),
            )
        });
        let mut milestones = Vec::new();
        for (m, s) in Stage::ALL.iter().enumerate() {
            let id: MilestoneId = ids.next();
            milestones.push(id);
            ws.milestones.push(Milestone {
                reminders: Vec::new(),
                snoozed_until: None,
                id,
                stamp: stamp.clone(),
                project_id: pid,
                name: format!("{} gate passed", s.label()),
                stage: Some(*s),
                due_date: Some(start + Duration::days(20 * (m as i64 + 1))),
                completed_on: None,
                order: m as i64,
                with_client: false,
                skipped: None,
            });
        }
        let mut previous: Option<TaskId> = None;
        for t in 0..20 {
            let id: TaskId = ids.next();
            ws.tasks.push(Task {
                reminders: Vec::new(),
                recurrence: None,
                snoozed_until: None,
                id,
                stamp: stamp.clone(),
                project_id: pid,
                milestone_id: Some(milestones[t / 4]),
                title: TASKS[t % TASKS.len()].into(),
                owner: Some(members[(i + t) % members.len()]),
                due_date: Some(start + Duration::days(5 * t as i64 + 5)),
                estimate_hours: 4.0 + (t % 4) as f64,
                duration_days: 2,
                status: if t < 6 {
                    TaskStatus::Done
                } else {
                    TaskStatus::Todo
                },
                depends_on: previous
                    .map(|p| {
                        vec![Dependency {
                            task: p,
                            lag_days: 0,
                        }]
                    })
                    .unwrap_or_default(),
                start_date: None,
                completed_on: (t < 6).then_some(start + Duration::days(5 * t as i64 + 4)),
                order: t as i64,
                with_client: false,
                client_owner: None,
            });
            previous = Some(id);
        }
    }
    ws
}
