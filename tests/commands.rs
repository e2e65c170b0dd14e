//! Every change goes through `apply`: it stamps, keeps tombstones, reports what it touched,
//! and leaves the workspace unchanged when it refuses.

mod common;
use proptest::prelude::*;
use pursuit::model::command::{scope, CommandError, Context, Direction, Touched};
use pursuit::model::*;
use pursuit::model::{MemberDraft, ProjectDraft, TaskDraft};
use pursuit::model::{PlanCommand, ProjectCommand, RecordCommand, TeamCommand, WorkspaceCommand};

/// Every command in these tests runs through the app's path: the change is worked out as a
/// value from the workspace, which it leaves alone; it reaches only inside the command's
/// scope; its parts diff, describe and check exactly like the whole workspace would; its
/// inverse undoes it; a refused command changes nothing.
fn apply(
    ws: &mut Workspace,
    command: impl Into<Command>,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let command = command.into();
    use pursuit::engine::history::{describe, diff};
    use pursuit::engine::validate::new_problems;
    let reach = scope(ws, &command).unwrap_or_else(|| Touched::everything(ws));
    let whole = ws.clone();
    let result = pursuit::model::command::apply(ws, command.clone(), cx);
    assert_eq!(*ws, whole, "working out {command:?} changed the workspace");
    let change = result?;
    let touched = change.touched.clone();
    assert!(
        reach.covers(&touched),
        "{command:?} reached past its scope: {touched:?} ⊄ {reach:?}"
    );
    assert_eq!(change.before, whole.part(&touched), "{command:?}");
    ws.commit(&change);
    assert_eq!(change.after, ws.part(&touched), "{command:?}");
    let changes = diff(&change.before, &change.after, &touched);
    assert_eq!(changes, diff(&whole, ws, &touched), "{command:?}");
    assert_eq!(
        describe(&command, &change.before, &change.after, &changes),
        describe(&command, &whole, ws, &changes),
        "{command:?} reads the same from the parts"
    );
    assert_eq!(
        new_problems(&change.before, &change.after, &touched),
        new_problems(&whole, ws, &touched),
        "{command:?}"
    );
    let mut undone = ws.clone();
    undone.commit(&change.inverse());
    assert_eq!(undone, whole, "the inverse change undoes {command:?}");
    Ok(touched)
}

use common::{sample, today};

fn member(ws: &Workspace, first: &str) -> MemberId {
    ws.members
        .iter()
        .find(|m| m.name.starts_with(first))
        .unwrap()
        .id
}

fn cx(actor: Option<MemberId>) -> Context {
    common::context("2026-11-23T10:00:00Z".parse().unwrap(), actor, 1)
}

fn helios(ws: &Workspace) -> ProjectId {
    ws.projects
        .iter()
        .find(|p| p.name.starts_with("Helios"))
        .unwrap()
        .id
}

#[test]
fn a_change_is_stamped_with_time_and_actor() {
    let mut ws = sample();
    let me = member(&ws, "Priya");
    let id = helios(&ws);
    let mut draft = ProjectDraft::from_project(ws.project(id).unwrap());
    draft.probability = "70".into();
    let touched = apply(
        &mut ws,
        ProjectCommand::UpdateProject {
            id,
            input: draft.check().unwrap(),
        },
        &cx(Some(me)),
    )
    .unwrap();
    assert!(!touched.workspace && touched.projects.contains(&id));
    let p = ws.project(id).unwrap();
    assert_eq!(p.probability, 70);
    assert!(
        p.probability_manual,
        "70 differs from the proposal stage's default"
    );
    assert_eq!(p.stamp.updated_by, Some(me));
    assert_eq!(p.stamp.updated_at, cx(None).now);
}

#[test]
fn moving_the_target_date_keeps_history_and_closing_sets_close_date() {
    let mut ws = sample();
    let id = helios(&ws);
    let old = ws.project(id).unwrap().target_date;
    let mut draft = ProjectDraft::from_project(ws.project(id).unwrap());
    draft.target_date = "2027-06-30".into();
    draft.status = ProjectStatus::Won;
    apply(
        &mut ws,
        ProjectCommand::UpdateProject {
            id,
            input: draft.check().unwrap(),
        },
        &cx(None),
    )
    .unwrap();
    let p = ws.project(id).unwrap();
    assert_eq!(p.target_history, vec![old]);
    assert_eq!(p.close_date, Some(today()));
}

#[test]
fn deleting_a_project_tombstones_everything_it_owns() {
    let mut ws = sample();
    let id = helios(&ws);
    let before = ws.tasks.len();
    apply(&mut ws, ProjectCommand::DeleteProject(id), &cx(None)).unwrap();
    assert!(ws.project(id).is_none());
    assert_eq!(ws.tasks.len(), before, "tombstones stay for merging");
    assert!(ws.tasks_of(id).is_empty() && ws.milestones_of(id).is_empty());
    let risks: Vec<_> = ws.risks.iter().filter(|r| r.project_id == id).collect();
    let people: Vec<_> = ws
        .stakeholders
        .iter()
        .filter(|s| s.project_id == id)
        .collect();
    assert!(
        !risks.is_empty() && !people.is_empty(),
        "the project had risks and people"
    );
    assert!(risks.iter().all(|r| !r.is_live()));
    assert!(people.iter().all(|s| !s.is_live()));
    assert_eq!(pursuit::engine::validate::validate(&ws), vec![]);
}

#[test]
fn refused_changes_leave_the_workspace_unchanged() {
    let mut ws = sample();
    let original = ws.clone();
    let ghost = ProjectId(uuid::Uuid::from_u128(999));
    let mut task = TaskDraft::blank(None, None);
    task.title = "x".into();
    let cases: Vec<Command> = vec![
        ProjectCommand::DeleteProject(ghost).into(),
        PlanCommand::AddTask {
            id: TaskId(uuid::Uuid::from_u128(1000)),
            project: ghost,
            input: task.check().unwrap(),
        }
        .into(),
        PlanCommand::SetTaskStatus {
            id: TaskId(uuid::Uuid::from_u128(1001)),
            status: TaskStatus::Done,
        }
        .into(),
        WorkspaceCommand::RenameWorkspace("   ".into()).into(),
        TeamCommand::RemoveMember {
            id: member(&ws, "Jonas"),
            reassign_to: Some(member(&ws, "Jonas")),
        }
        .into(),
    ];
    for command in cases {
        let label = format!("{command:?}");
        assert!(
            apply(&mut ws, command, &cx(None)).is_err(),
            "{label} should be refused"
        );
        assert_eq!(ws, original, "{label} changed the workspace");
    }
}

#[test]
fn removing_a_member_hands_over_their_open_work() {
    let mut ws = sample();
    let jonas = member(&ws, "Jonas");
    let maya = member(&ws, "Maya");
    let (projects, tasks) = ws.work_owned_by(jonas);
    assert!(projects > 0 && tasks > 0);
    let maya_before = ws.work_owned_by(maya);
    let touched = apply(
        &mut ws,
        TeamCommand::RemoveMember {
            id: jonas,
            reassign_to: Some(maya),
        },
        &cx(None),
    )
    .unwrap();
    assert!(touched.workspace && !touched.projects.is_empty());
    assert!(ws.member(jonas).is_none());
    assert_eq!(ws.work_owned_by(jonas), (0, 0));
    assert_eq!(
        ws.work_owned_by(maya),
        (maya_before.0 + projects, maya_before.1 + tasks)
    );
    // Done tasks keep their historic owner, whose name stays readable.
    assert_eq!(ws.member_name(Some(jonas)), "Jonas Berg (removed)");
}

#[test]
fn completing_a_task_records_the_day_and_reopening_clears_it() {
    let mut ws = sample();
    let id = ws
        .tasks
        .iter()
        .find(|t| t.status == TaskStatus::Todo)
        .unwrap()
        .id;
    apply(
        &mut ws,
        PlanCommand::SetTaskStatus {
            id,
            status: TaskStatus::Done,
        },
        &cx(None),
    )
    .unwrap();
    assert_eq!(
        ws.tasks.iter().find(|t| t.id == id).unwrap().completed_on,
        Some(today())
    );
    apply(
        &mut ws,
        PlanCommand::SetTaskStatus {
            id,
            status: TaskStatus::InProgress,
        },
        &cx(None),
    )
    .unwrap();
    assert_eq!(
        ws.tasks.iter().find(|t| t.id == id).unwrap().completed_on,
        None
    );
}

#[test]
fn deleting_a_task_releases_tasks_that_depended_on_it() {
    let mut ws = sample();
    let blocker = ws
        .tasks
        .iter()
        .find(|t| !t.depends_on.is_empty())
        .unwrap()
        .depends_on[0]
        .task;
    apply(&mut ws, PlanCommand::DeleteTask(blocker), &cx(None)).unwrap();
    assert!(ws
        .tasks
        .iter()
        .all(|t| t.depends_on.iter().all(|d| d.task != blocker)));
    assert_eq!(pursuit::engine::validate::validate(&ws), vec![]);
}

#[test]
fn members_can_be_added_and_edited() {
    let mut ws = sample();
    let mut draft = MemberDraft::blank();
    draft.name = "Noor Haddad".into();
    let id = MemberId(uuid::Uuid::from_u128(5000));
    apply(
        &mut ws,
        TeamCommand::AddMember {
            id,
            input: draft.check().unwrap(),
        },
        &cx(None),
    )
    .unwrap();
    assert!(apply(
        &mut ws,
        TeamCommand::AddMember {
            id,
            input: draft.check().unwrap()
        },
        &cx(None)
    )
    .is_err());
    draft.weekly_capacity_hours = "24".into();
    apply(
        &mut ws,
        TeamCommand::UpdateMember {
            id,
            input: draft.check().unwrap(),
        },
        &cx(None),
    )
    .unwrap();
    assert_eq!(ws.member(id).unwrap().weekly_capacity_hours, 24);
}

proptest! {
    /// However tasks are moved, the order stays a permutation of the same tasks.
    #[test]
    fn moving_tasks_keeps_every_task_once(moves in proptest::collection::vec((0usize..11, any::<bool>()), 0..40)) {
        let mut ws = sample();
        let project = helios(&ws);
        let mut expected: Vec<TaskId> = ws.tasks_of(project).iter().map(|t| t.id).collect();
        for (index, up) in moves {
            let id = ws.tasks_of(project)[index].id;
            let direction = if up { Direction::Up } else { Direction::Down };
            apply(&mut ws, PlanCommand::MoveTask { id, direction }, &cx(None)).unwrap();
            let other = if up { index.checked_sub(1) } else { Some(index + 1).filter(|i| *i < expected.len()) };
            if let Some(other) = other {
                expected.swap(index, other);
            }
        }
        let actual: Vec<TaskId> = ws.tasks_of(project).iter().map(|t| t.id).collect();
        prop_assert_eq!(actual, expected);
    }
}

fn task_named(ws: &Workspace, title: &str) -> TaskId {
    ws.tasks
        .iter()
        .find(|t| t.title.starts_with(title))
        .unwrap()
        .id
}

#[test]
fn a_dependency_that_closes_a_cycle_is_refused_by_name() {
    let mut ws = sample();
    let first = task_named(&ws, "Run discovery workshops");
    let last = task_named(&ws, "Legal review");
    let before = ws.clone();
    let error = apply(
        &mut ws,
        PlanCommand::AddDependency {
            task: first,
            on: last,
            lag_days: 0,
        },
        &cx(None),
    )
    .unwrap_err();
    let text = error.to_string();
    assert!(text.contains("in a circle"), "{text}");
    assert!(
        text.contains("Run discovery workshops at two warehouses")
            && text.contains("Legal review of master services agreement"),
        "{text}"
    );
    assert_eq!(ws, before);

    // A safe one is added, and adding it again only updates the lag.
    let draft = task_named(&ws, "Draft solution design");
    let sponsor = task_named(&ws, "Identify executive sponsor");
    apply(
        &mut ws,
        PlanCommand::AddDependency {
            task: draft,
            on: sponsor,
            lag_days: 1,
        },
        &cx(None),
    )
    .unwrap();
    apply(
        &mut ws,
        PlanCommand::AddDependency {
            task: draft,
            on: sponsor,
            lag_days: 3,
        },
        &cx(None),
    )
    .unwrap();
    let deps: Vec<_> = ws
        .tasks
        .iter()
        .find(|t| t.id == draft)
        .unwrap()
        .depends_on
        .iter()
        .filter(|d| d.task == sponsor)
        .cloned()
        .collect();
    assert_eq!(
        deps,
        vec![Dependency {
            task: sponsor,
            lag_days: 3
        }]
    );
    apply(
        &mut ws,
        PlanCommand::RemoveDependency {
            task: draft,
            on: sponsor,
        },
        &cx(None),
    )
    .unwrap();
    assert!(ws
        .tasks
        .iter()
        .find(|t| t.id == draft)
        .unwrap()
        .depends_on
        .iter()
        .all(|d| d.task != sponsor));
}

#[test]
fn stage_gates_block_forward_moves_until_met_or_explained() {
    let mut ws = sample();
    let id = helios(&ws);
    let me = member(&ws, "Maya");
    let (_, open) = pursuit::engine::plan::open_criteria(&ws, ws.project(id).unwrap());
    assert_eq!(
        open,
        vec!["Proposal presented to the decision maker".to_string()]
    );
    let change = |reason: Option<&str>| ProjectCommand::ChangeStage {
        id,
        to: Stage::Negotiation,
        unmet: open.clone(),
        reason: reason.map(String::from),
        probability: 80,
        close_passed: None,
    };
    assert!(apply(&mut ws, change(None), &cx(Some(me))).is_err());
    assert!(apply(&mut ws, change(Some("   ")), &cx(Some(me))).is_err());
    assert_eq!(ws.project(id).unwrap().stage, Stage::Proposal);
    apply(
        &mut ws,
        change(Some("CFO asked to start legal in parallel")),
        &cx(Some(me)),
    )
    .unwrap();
    let p = ws.project(id).unwrap();
    assert_eq!(p.stage, Stage::Negotiation);
    assert_eq!(
        p.probability, 80,
        "probability follows the stage when not set by hand"
    );
    assert_eq!(p.gate_overrides.len(), 1);
    assert_eq!(p.gate_overrides[0].by, Some(me));
    assert_eq!(p.gate_overrides[0].unmet, open);
}

#[test]
fn a_hand_set_probability_survives_stage_moves() {
    let mut ws = sample();
    let id = helios(&ws);
    let mut draft = ProjectDraft::from_project(ws.project(id).unwrap());
    draft.probability = "35".into();
    apply(
        &mut ws,
        ProjectCommand::UpdateProject {
            id,
            input: draft.check().unwrap(),
        },
        &cx(None),
    )
    .unwrap();
    let change = ProjectCommand::ChangeStage {
        id,
        to: Stage::Qualified,
        unmet: vec![],
        reason: None,
        probability: 20,
        close_passed: None,
    };
    apply(&mut ws, change, &cx(None)).unwrap();
    assert_eq!(ws.project(id).unwrap().probability, 35);
}

#[test]
fn planned_projects_get_the_template_plan_and_invalid_templates_are_refused() {
    let mut ws = sample();
    let template = ws
        .templates
        .iter()
        .find(|t| t.name == "Complex B2B deal")
        .unwrap()
        .clone();
    let id = ProjectId(uuid::Uuid::from_u128(4242));
    let mut draft = ProjectDraft::blank(&ws.settings.currency, None, today());
    draft.name = "Polaris Shipping".into();
    draft.target_date = "2027-04-30".into();
    let input = draft.check().unwrap();
    let stamp = Stamp::new(cx(None).now, None);
    let plan_for = pursuit::engine::plan::PlanFor::new(
        &ws,
        &template,
        id,
        (input.start_date, input.target_date),
        input.owner,
    );
    let plan = pursuit::engine::plan::plan_from_template(
        &ws,
        &template,
        &plan_for,
        today(),
        &mut SequentialIds::starting_at(10_000),
        &stamp,
    )
    .unwrap();
    apply(
        &mut ws,
        ProjectCommand::CreatePlannedProject {
            id,
            input,
            template: template.id,
            milestones: plan.milestones,
            tasks: plan.tasks,
        },
        &cx(None),
    )
    .unwrap();
    assert_eq!(ws.project(id).unwrap().template_id, Some(template.id));
    assert_eq!(ws.milestones_of(id).len(), 6);
    assert_eq!(ws.tasks_of(id).len(), 15);
    assert_eq!(pursuit::engine::validate::validate(&ws), vec![]);

    let mut broken = template.clone();
    broken.stages[0].tasks[0].depends_on = vec!["handover".into()];
    let error = apply(&mut ws, WorkspaceCommand::SaveTemplate(broken), &cx(None)).unwrap_err();
    assert!(error.to_string().contains("in a circle"), "{error}");
}

#[test]
fn closing_a_project_needs_a_reason_and_records_it() {
    let mut ws = sample();
    let id = helios(&ws);
    let outcome = |reason: &str| Outcome {
        reason: reason.into(),
        note: "Incumbent matched".into(),
    };
    assert!(apply(
        &mut ws,
        ProjectCommand::CloseProject {
            id,
            won: false,
            outcome: outcome(" ")
        },
        &cx(None)
    )
    .is_err());
    apply(
        &mut ws,
        ProjectCommand::CloseProject {
            id,
            won: false,
            outcome: outcome("Price"),
        },
        &cx(None),
    )
    .unwrap();
    let p = ws.project(id).unwrap();
    assert_eq!(
        (p.status, p.stage, p.probability, p.close_date),
        (ProjectStatus::Lost, Stage::Proposal, 0, Some(today())),
        "a lost deal keeps the stage it reached"
    );
    assert_eq!(p.outcome.as_ref().unwrap().reason, "Price");
    let w = pursuit::engine::forecast::win_loss(&ws, None);
    assert!(w.loss_reasons.iter().any(|(r, n)| r == "Price" && *n == 1));
    // Helios follows the B2B playbook: its milestones count in the practice table.
    assert!(w
        .milestones
        .iter()
        .any(|(name, _, lost)| name.starts_with("Qualified") && *lost == Some(1.0)));
}

#[test]
fn quotas_and_forecast_categories_are_set_by_commands() {
    let mut ws = sample();
    let id = helios(&ws);
    apply(
        &mut ws,
        ProjectCommand::SetForecastCategory {
            id,
            category: Some(ForecastCategory::Commit),
        },
        &cx(None),
    )
    .unwrap();
    assert_eq!(
        pursuit::engine::forecast::category(ws.project(id).unwrap()),
        ForecastCategory::Commit
    );
    apply(
        &mut ws,
        ProjectCommand::SetForecastCategory { id, category: None },
        &cx(None),
    )
    .unwrap();
    assert_eq!(
        pursuit::engine::forecast::category(ws.project(id).unwrap()),
        ForecastCategory::BestCase,
        "60 % is best case"
    );

    let mut quota = ws.quotas[0].clone();
    quota.id = QuotaId(uuid::Uuid::from_u128(777));
    quota.target = -1;
    assert!(apply(&mut ws, TeamCommand::SaveQuota(quota.clone()), &cx(None)).is_err());
    quota.target = 5;
    quota.metric = QuotaMetric::DealsWon;
    quota.member_id = Some(MemberId(uuid::Uuid::from_u128(12345)));
    assert!(
        apply(&mut ws, TeamCommand::SaveQuota(quota.clone()), &cx(None)).is_err(),
        "unknown member"
    );
    quota.member_id = Some(member(&ws, "Jonas"));
    let before = ws.quotas.iter().filter(|q| q.is_live()).count();
    assert!(before > 0);
    apply(&mut ws, TeamCommand::SaveQuota(quota.clone()), &cx(None)).unwrap();
    assert_eq!(ws.quotas.iter().filter(|q| q.is_live()).count(), before + 1);
    apply(&mut ws, TeamCommand::DeleteQuota(quota.id), &cx(None)).unwrap();
    assert_eq!(ws.quotas.iter().filter(|q| q.is_live()).count(), before);
}

#[test]
fn risks_are_added_edited_and_deleted_with_scores_validated() {
    let mut ws = sample();
    let project = helios(&ws);
    let mut draft = RiskDraft::blank(None);
    draft.probability = "6".into();
    assert!(draft.check().unwrap_err().get("probability").is_some());
    assert!(draft.check().unwrap_err().get("description").is_some());
    draft.probability = "4".into();
    draft.impact = "5".into();
    draft.description = "CFO leaves before signature".into();
    let id = RiskId(uuid::Uuid::from_u128(9090));
    apply(
        &mut ws,
        RecordCommand::SaveRisk {
            id,
            project,
            input: draft.check().unwrap(),
        },
        &cx(None),
    )
    .unwrap();
    let risk = ws.risks.iter().find(|r| r.id == id).unwrap();
    assert_eq!((risk.score(), risk.level()), (20, "high"));
    draft.impact = "2".into();
    apply(
        &mut ws,
        RecordCommand::SaveRisk {
            id,
            project,
            input: draft.check().unwrap(),
        },
        &cx(None),
    )
    .unwrap();
    assert_eq!(
        ws.risks.iter().filter(|r| r.id == id).count(),
        1,
        "saving again updates in place"
    );
    assert_eq!(
        ws.risks.iter().find(|r| r.id == id).unwrap().level(),
        "medium"
    );
    apply(&mut ws, RecordCommand::DeleteRisk(id), &cx(None)).unwrap();
    assert!(!ws.risks.iter().find(|r| r.id == id).unwrap().is_live());
}

/// Costs and goals go through the app's path like every record: scoped to their project,
/// diffed from the part, undone by the inverse change.
#[test]
fn costs_and_goals_take_the_change_path() {
    use pursuit::model::{CostDraft, GoalDraft};
    let mut ws = sample();
    let id = helios(&ws);
    let mut cost = CostDraft::blank(today(), Some(member(&ws, "Jonas")));
    cost.amount = "350".into();
    let input = cost.check(&Currency::default()).unwrap();
    let cost_id = CostId(uuid::Uuid::from_u128(8_100));
    let touched = apply(
        &mut ws,
        RecordCommand::SaveCost {
            id: cost_id,
            project: id,
            input,
        },
        &cx(None),
    )
    .unwrap();
    assert_eq!(touched.projects.iter().copied().collect::<Vec<_>>(), [id]);
    let mut goal = GoalDraft::blank();
    goal.metric = "Sites live".into();
    goal.target = "14".into();
    let input = goal.check().unwrap();
    let first = GoalId(uuid::Uuid::from_u128(8_200));
    let second = GoalId(uuid::Uuid::from_u128(8_201));
    apply(
        &mut ws,
        RecordCommand::SaveGoal {
            id: first,
            project: id,
            input: input.clone(),
        },
        &cx(None),
    )
    .unwrap();
    apply(
        &mut ws,
        RecordCommand::SaveGoal {
            id: second,
            project: id,
            input,
        },
        &cx(None),
    )
    .unwrap();
    apply(
        &mut ws,
        RecordCommand::MoveGoal {
            id: second,
            direction: Direction::Up,
        },
        &cx(None),
    )
    .unwrap();
    assert_eq!(ws.goals_of(id)[0].id, second);
    apply(&mut ws, RecordCommand::DeleteGoal(first), &cx(None)).unwrap();
    apply(&mut ws, RecordCommand::DeleteCost(cost_id), &cx(None)).unwrap();
    assert_eq!(
        apply(&mut ws, RecordCommand::DeleteCost(cost_id), &cx(None)),
        Err(CommandError::NotFound("cost"))
    );
    // A goal id taken by another project's goal is refused.
    let other = ws.projects.iter().find(|p| p.id != id).unwrap().id;
    let mut g = GoalDraft::blank();
    g.metric = "x".into();
    g.target = "1".into();
    assert_eq!(
        apply(
            &mut ws,
            RecordCommand::SaveGoal {
                id: second,
                project: other,
                input: g.check().unwrap()
            },
            &cx(None)
        ),
        Err(CommandError::DuplicateId)
    );
}

#[test]
fn a_batch_is_one_change_all_or_nothing() {
    let mut ws = sample();
    let project = helios(&ws);
    let ids: Vec<TaskId> = ws.tasks_of(project).iter().map(|t| t.id).collect();
    assert!(ids.len() >= 10, "the sample deal has ten tasks to assign");
    let leo = member(&ws, "Leo");
    let batch = Command::Batch(
        ids.iter()
            .map(|id| {
                PlanCommand::AssignTask {
                    id: *id,
                    owner: Some(leo),
                }
                .into()
            })
            .collect(),
    );
    let change = pursuit::model::command::apply(&ws, batch, &cx(None)).unwrap();
    assert!(change.touched.has(project));
    ws.commit(&change);
    assert!(ws.tasks_of(project).iter().all(|t| t.owner == Some(leo)));
    // One inverse takes all of it back.
    ws.commit(&change.inverse());
    assert!(ws.tasks_of(project).iter().any(|t| t.owner != Some(leo)));

    // One bad command refuses the whole batch and changes nothing.
    let before = ws.clone();
    let mut commands: Vec<Command> = ids
        .iter()
        .map(|id| {
            PlanCommand::SetTaskStatus {
                id: *id,
                status: TaskStatus::Done,
            }
            .into()
        })
        .collect();
    commands.push(
        PlanCommand::AssignTask {
            id: ids[0],
            owner: Some(MemberId(uuid::Uuid::from_u128(999_999))),
        }
        .into(),
    );
    assert!(apply(&mut ws, Command::Batch(commands), &cx(None)).is_err());
    assert_eq!(ws, before);
    assert!(apply(&mut ws, Command::Batch(Vec::new()), &cx(None)).is_err());
}

/// Moving a deal ahead can close what the passed stages left open — their milestones and
/// those milestones' open tasks — as done or as skipped with a reason, in the one step the
/// move is (whose inverse `apply` checks undoes all of it). Done tasks and later stages'
/// work stay as they were; a skip without a reason is refused and changes nothing.
#[test]
fn moving_ahead_closes_the_passed_stages_open_work_in_one_step() {
    use pursuit::model::command::Closing;
    let base = sample();
    let id = helios(&base);
    let today = cx(None).today;
    let move_with = |close_passed| ProjectCommand::ChangeStage {
        id,
        to: Stage::Negotiation,
        unmet: vec!["Proposal presented to the decision maker".into()],
        reason: Some("Committee met early".into()),
        probability: 80,
        close_passed,
    };
    let passed: Vec<MilestoneId> = base
        .milestones_of(id)
        .iter()
        .filter(|m| m.completed_on.is_none() && m.stage.is_some_and(|s| s < Stage::Negotiation))
        .map(|m| m.id)
        .collect();
    assert!(
        !passed.is_empty(),
        "Helios has the proposal's milestone open"
    );
    let open_under = |ws: &Workspace| -> Vec<TaskId> {
        ws.tasks_of(id)
            .iter()
            .filter(|t| !t.is_done() && t.milestone_id.is_some_and(|m| passed.contains(&m)))
            .map(|t| t.id)
            .collect()
    };
    let open_tasks = open_under(&base);
    assert!(!open_tasks.is_empty());
    let later: Vec<(TaskId, TaskStatus)> = base
        .tasks_of(id)
        .iter()
        .filter(|t| !t.milestone_id.is_some_and(|m| passed.contains(&m)))
        .map(|t| (t.id, t.status))
        .collect();
    assert!(!later.is_empty());

    // (how, the reason kept on each milestone)
    let cases = [
        (Closing::Done, None),
        (
            Closing::Skipped("  Scope agreed on the first call  ".into()),
            Some("Scope agreed on the first call"),
        ),
    ];
    for (closing, kept) in cases {
        let mut ws = base.clone();
        apply(&mut ws, move_with(Some(closing.clone())), &cx(None)).unwrap();
        for m in &passed {
            let m = ws.milestones.get(m.0).unwrap();
            assert_eq!(m.completed_on, Some(today), "{closing:?}");
            assert_eq!(m.skipped.as_deref(), kept, "{closing:?}");
        }
        assert!(open_under(&ws).is_empty(), "{closing:?}");
        for (t, status) in &later {
            assert_eq!(
                ws.tasks.get(t.0).unwrap().status,
                *status,
                "{closing:?}: later work is left"
            );
        }
    }
    // Left open when asked, and a skip needs its reason.
    let mut ws = base.clone();
    apply(&mut ws, move_with(None), &cx(None)).unwrap();
    assert_eq!(open_under(&ws), open_tasks);
    let mut ws = base.clone();
    assert!(apply(
        &mut ws,
        move_with(Some(Closing::Skipped("  ".into()))),
        &cx(None)
    )
    .is_err());
    assert_eq!(ws, base);
}
