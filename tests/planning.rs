//! Planning a deal from a playbook (`docs/metrics.md`, planning from a playbook): stages
//! spread from the start to the target by typical length, tasks due inside their stage,
//! the target too close said once and compressed by the documented rule, roles given to
//! the deal's team — and the one schedule every screen reads agreeing with it.

mod common;
use common::{d, sample};
use pursuit::engine::calendar::Calendar;
use pursuit::engine::plan::{
    calendar, default_roles, plan_from_template, project_schedule, typical_stage_days, PlanFor,
    TemplatePlan,
};
use pursuit::engine::timeline;
use pursuit::model::command::perform;
use pursuit::model::ProjectCommand;
use pursuit::model::ProjectDraft;
use pursuit::model::*;

/// Monday 23 November 2026: the plan's first working day in these tests.
const MONDAY: &str = "2026-11-23";

fn b2b(ws: &Workspace) -> Template {
    ws.templates
        .iter()
        .find(|t| t.name == "Complex B2B deal")
        .expect("the sample has the built-in playbook")
        .clone()
}

fn member(ws: &Workspace, name: &str) -> MemberId {
    ws.members.iter().find(|m| m.name == name).unwrap().id
}

fn plan(ws: &Workspace, target: &str, owner: Option<MemberId>) -> TemplatePlan {
    let t = b2b(ws);
    let project = ProjectId(uuid::Uuid::from_u128(4242));
    let plan_for = PlanFor::new(ws, &t, project, (d(MONDAY), d(target)), owner);
    plan_from_template(
        ws,
        &t,
        &plan_for,
        d(MONDAY),
        &mut SequentialIds::starting_at(50_000),
        &Stamp::new(common::at(0), None),
    )
    .unwrap()
}

/// Creates the planned deal in the workspace, as the New project dialog does.
fn create(ws: &mut Workspace, target: &str) -> ProjectId {
    let owner = member(ws, "Jonas Berg");
    let p = plan(ws, target, Some(owner));
    let id = ProjectId(uuid::Uuid::from_u128(4242));
    let mut draft = ProjectDraft::blank(&ws.settings.currency, Some(owner), d(MONDAY));
    draft.name = "Polaris Shipping".into();
    draft.start_date = MONDAY.into();
    draft.target_date = target.into();
    let input = draft.check().unwrap();
    let template = b2b(ws).id;
    perform(
        ws,
        ProjectCommand::CreatePlannedProject {
            id,
            input,
            template,
            milestones: p.milestones,
            tasks: p.tasks,
        },
        &common::context(common::at(1), None, 1),
    )
    .unwrap();
    id
}

/// The Complex B2B playbook's stages need 5, 3, 5, 8, 7 and 2 working days: 30 in all.
const NEEDED: i64 = 30;

#[test]
fn stages_spread_from_the_start_to_the_target_by_typical_length() {
    let ws = sample();
    let p = plan(&ws, "2027-03-31", None);
    let cal = calendar(&ws);
    assert_eq!(p.needed, NEEDED);
    assert_eq!((p.short_by, p.late_by, p.compressed), (0, 0, false));
    assert_eq!(p.begins, d(MONDAY));
    assert_eq!(p.available, cal.between(d(MONDAY), d("2027-03-31")) + 1);
    assert_eq!(p.stages.len(), 6);
    // Back to back, from the start to the target.
    assert_eq!(p.stages[0].1, d(MONDAY));
    assert_eq!(p.stages.last().unwrap().2, d("2027-03-31"));
    for pair in p.stages.windows(2) {
        assert_eq!(cal.add(pair[0].2, 1), pair[1].1, "{:?}", pair);
    }
    // Each stage gets what it needs plus its share of the spare time by typical length.
    let t = b2b(&ws);
    let needs = [5, 3, 5, 8, 7, 2];
    let weights: Vec<i64> = t
        .stages
        .iter()
        .zip(needs)
        .map(|(s, n)| typical_stage_days(&ws, s).map_or(n, i64::from))
        .collect();
    let spare = p.available - NEEDED;
    let total: i64 = weights.iter().sum();
    for (k, (stage, from, to)) in p.stages.iter().enumerate() {
        let length = cal.between(*from, *to) + 1;
        let share = spare as f64 * weights[k] as f64 / total as f64;
        assert!(
            (length - needs[k]) as f64 - share <= 1.0 && share - ((length - needs[k]) as f64) < 1.0,
            "{stage:?}: {length} days for a need of {} and a share of {share:.1}",
            needs[k]
        );
    }
    // Not crammed before the target: the first milestone falls in the first fifth.
    let first = p.milestones[0].due_date.unwrap();
    assert!(cal.between(d(MONDAY), first) * 5 < p.available, "{first}");
    // Milestones are due at their stage's end; tasks inside their stage.
    for (m, (_, from, to)) in p.milestones.iter().zip(&p.stages) {
        assert_eq!(m.due_date, Some(*to));
        let tasks: Vec<&Task> = p
            .tasks
            .iter()
            .filter(|t| t.milestone_id == Some(m.id))
            .collect();
        assert!(!tasks.is_empty());
        for t in tasks {
            let due = t.due_date.unwrap();
            assert!(*from <= due && due <= *to, "{} due {due}", t.title);
        }
    }
}

#[test]
fn the_task_list_plan_and_timeline_read_one_schedule() {
    let mut ws = sample();
    let id = create(&mut ws, "2027-03-31");
    let s = project_schedule(&ws, ws.project(id).unwrap(), d(MONDAY)).unwrap();
    let tasks = ws.tasks_of(id);
    assert_eq!(tasks.len(), 15);
    for t in &tasks {
        let slot = s.slot(t.id).unwrap();
        // The bar the timeline draws ends on the due date the task list shows.
        assert_eq!(Some(slot.planned_finish), t.due_date, "{}", t.title);
        // Room everywhere: nothing is critical.
        assert!(
            slot.slack > 0 && !slot.critical,
            "{}: {}",
            t.title,
            slot.slack
        );
    }
    assert_eq!(s.late_by, 0);
}

#[test]
fn an_exact_fit_has_a_critical_path_of_zero_slack() {
    let mut ws = sample();
    let cal = calendar(&ws);
    let target = cal.add(d(MONDAY), NEEDED - 1).to_string();
    let p = plan(&ws, &target, None);
    assert_eq!((p.available, p.short_by), (NEEDED, 0));
    let id = create(&mut ws, &target);
    let s = project_schedule(&ws, ws.project(id).unwrap(), d(MONDAY)).unwrap();
    let critical: Vec<_> = s.slots.iter().filter(|x| x.critical).collect();
    assert!(!critical.is_empty());
    for slot in &s.slots {
        assert!(slot.slack >= 0);
        assert_eq!(slot.critical, slot.slack == 0);
    }
    // The chain from research to handover is critical; pricing (2 days beside a 4-day
    // design) is not.
    let title = |t: &str| {
        ws.tasks_of(id)
            .iter()
            .find(|x| x.title.starts_with(t))
            .unwrap()
            .id
    };
    assert!(s.slot(title("Research")).unwrap().critical);
    assert!(s.slot(title("Hand over")).unwrap().critical);
    assert_eq!(s.slot(title("Build pricing")).unwrap().slack, 2);
}

#[test]
fn a_target_too_close_is_said_once() {
    let ws = sample();
    let cal: Calendar = calendar(&ws);
    // (working days available, shortened to fit?, late by). At one day a task the stages'
    // chains are 2, 2, 2, 3, 2 and 2 days: 13, ten more than three.
    let cases: &[(i64, bool, i64)] = &[(NEEDED, false, 0), (20, true, 0), (3, true, 10)];
    for (available, compressed, late_by) in cases {
        let target = cal.add(d(MONDAY), available - 1).to_string();
        let p = plan(&ws, &target, None);
        assert_eq!(p.available, *available);
        assert_eq!(p.short_by, (NEEDED - available).max(0), "{target}");
        assert_eq!(p.compressed, *compressed);
        assert_eq!(p.late_by, *late_by, "{target}");
        let (warn, text) = p.summary();
        assert_eq!(warn, *compressed);
        if *compressed {
            assert!(
                text.contains(&format!("{} working days too close", NEEDED - available)),
                "{text}"
            );
        }
        let last_due = p.tasks.iter().filter_map(|t| t.due_date).max().unwrap();
        if *late_by == 0 {
            assert!(last_due <= d(&target), "{last_due} after {target}");
        } else {
            assert!(text.contains("Even at one day a task"), "{text}");
            assert!(p.tasks.iter().all(|t| t.duration_days == 1));
            assert_eq!(cal.between(d(&target), last_due), *late_by);
        }
    }
}

/// A target `short_by` working days too close (the day itself, or the working day before
/// it when it is a day off): the tasks named are shortened to the days given and every
/// other keeps the playbook's; the project's schedule ends on that day, and the chain from
/// research to handover is critical with no slack.
fn check_fits(target: &str, short_by: i64, shortened: &[(&str, u32)]) {
    let mut ws = sample();
    let cal = calendar(&ws);
    let ends = cal.on_or_before(d(target));
    let p = plan(&ws, target, None);
    assert_eq!((p.short_by, p.late_by), (short_by, 0), "{target}");
    let template = b2b(&ws);
    for (t, o) in p
        .tasks
        .iter()
        .zip(template.stages.iter().flat_map(|s| &s.tasks))
    {
        let days = shortened
            .iter()
            .find(|(title, _)| t.title.starts_with(title))
            .map_or(o.duration_days, |(_, days)| *days);
        assert_eq!(t.duration_days, days, "{target}: {}", t.title);
        // The work is the same: its estimate keeps the playbook's days.
        assert_eq!(t.estimate_hours, f64::from(o.duration_days) * 6.0);
    }
    assert_eq!(p.tasks.iter().filter_map(|t| t.due_date).max(), Some(ends));
    let id = create(&mut ws, target);
    let s = project_schedule(&ws, ws.project(id).unwrap(), d(MONDAY)).unwrap();
    assert_eq!((s.finish, s.late_by), (ends, 0), "{target}");
    for title in [
        "Research",
        "Reach the first",
        "Present",
        "Legal review",
        "Hand over",
    ] {
        let slot = slot_of(&ws, &s, id, title);
        assert!(slot.critical && slot.slack == 0, "{target}: {title}");
    }
    assert!(s.slots.iter().all(|x| x.critical == (x.slack == 0)));
}

#[test]
fn a_target_too_close_loses_only_the_days_missing() {
    // Working days from Monday 23 November 2026, weekends off: the 20th is Friday 18
    // December, the 25th Friday 25 December, the 28th to 30th Wednesday 30 December to
    // Friday 1 January.
    check_fits("2027-01-01", 0, &[]);
    check_fits("2027-01-03", 0, &[]); // a Sunday: the plan ends on the Friday before
    check_fits("2026-12-31", 1, &[("Negotiate", 3)]);
    check_fits(
        "2026-12-30",
        2,
        &[("Draft the solution", 3), ("Negotiate", 3)],
    );
    check_fits(
        "2026-12-27", // a Sunday: 25 working days to Friday 25 December
        5,
        &[
            ("Run discovery", 2),
            ("Draft the solution", 3),
            ("Write the proposal", 2),
            ("Answer security", 2),
            ("Negotiate", 3),
            ("Legal review", 2),
        ],
    );
    // Ten short: each task keeps two thirds of its days, rounded down; the next larger
    // share would lengthen the two 4-day tasks, and the first of them takes the one day
    // that is left.
    check_fits(
        "2026-12-18",
        10,
        &[
            ("Research", 1),
            ("Reach the first", 2),
            ("Identify", 1),
            ("Run discovery", 2),
            ("Write up", 1),
            ("Draft the solution", 3),
            ("Build pricing", 1),
            ("Write the proposal", 2),
            ("Answer security", 2),
            ("Negotiate", 2),
            ("Legal review", 2),
        ],
    );
}

#[test]
fn roles_fall_to_the_deal_team_then_to_the_owner() {
    let mut ws = sample();
    let t = b2b(&ws);
    let jonas = member(&ws, "Jonas Berg");
    let priya = member(&ws, "Priya Raman");
    let maya = member(&ws, "Maya Okafor");
    let roles = default_roles(&ws, &t, Some(jonas));
    assert_eq!(
        roles,
        vec![
            ("Account executive".to_string(), Some(jonas)),
            ("Solutions engineer".to_string(), Some(priya)),
            ("Sales director".to_string(), Some(maya)),
        ]
    );
    let p = plan(&ws, "2027-03-31", Some(jonas));
    assert!(!p.tasks.is_empty());
    assert!(
        p.tasks.iter().all(|t| t.owner.is_some()),
        "no task unassigned"
    );
    let workshop = p
        .tasks
        .iter()
        .find(|t| t.title.starts_with("Run discovery"))
        .unwrap();
    assert_eq!(workshop.owner, Some(priya));
    // Nobody with a role: the deal owner takes it.
    for m in ws.members.iter_mut() {
        m.role = String::new();
    }
    let p = plan(&ws, "2027-03-31", Some(jonas));
    assert!(p.tasks.iter().all(|t| t.owner == Some(jonas)));
    // A role someone chose by hand wins.
    let mut plan_for = PlanFor::new(
        &ws,
        &t,
        ProjectId(uuid::Uuid::from_u128(1)),
        (d(MONDAY), d("2027-03-31")),
        Some(jonas),
    );
    plan_for.roles = vec![("solutions ENGINEER".into(), Some(maya))];
    let p = plan_from_template(
        &ws,
        &t,
        &plan_for,
        d(MONDAY),
        &mut SequentialIds::starting_at(9),
        &Stamp::new(common::at(0), None),
    )
    .unwrap();
    let workshop = p
        .tasks
        .iter()
        .find(|t| t.title.starts_with("Run discovery"))
        .unwrap();
    assert_eq!(workshop.owner, Some(maya));
}

/// The playbook's tasks by title prefix, as the created project's schedule has them.
fn slot_of<'a>(
    ws: &Workspace,
    s: &'a pursuit::engine::schedule::Schedule,
    project: ProjectId,
    title: &str,
) -> &'a pursuit::engine::schedule::Slot {
    let id = ws
        .tasks_of(project)
        .iter()
        .find(|t| t.title.starts_with(title))
        .unwrap_or_else(|| panic!("no task “{title}”"))
        .id;
    s.slot(id).unwrap()
}

/// One working day short (29 of 30): one day comes out of one task, the plan ends on the
/// target, and the chain from research to handover is critical. The rounded-down share
/// (29/30 of each task) took a day out of eleven tasks and ended 8 working days early.
#[test]
fn a_target_one_day_too_close_loses_one_day_and_ends_on_it() {
    let mut ws = sample();
    let target = "2026-12-31"; // Thursday: the 29th working day from Monday 23 November
    let p = plan(&ws, target, None);
    assert_eq!(
        (p.needed, p.available, p.short_by, p.late_by),
        (30, 29, 1, 0)
    );
    let original = b2b(&ws);
    let full = original.stages.iter().flat_map(|s| &s.tasks);
    let shortened: Vec<(String, u32, u32)> = p
        .tasks
        .iter()
        .zip(full)
        .filter(|(t, o)| t.duration_days != o.duration_days)
        .map(|(t, o)| (t.title.clone(), o.duration_days, t.duration_days))
        .collect();
    assert_eq!(
        shortened,
        vec![("Negotiate commercial terms".to_string(), 4, 3)]
    );
    let id = create(&mut ws, target);
    let s = project_schedule(&ws, ws.project(id).unwrap(), d(MONDAY)).unwrap();
    assert_eq!((s.finish, s.target, s.late_by), (d(target), d(target), 0));
    // (task, planned start, planned finish, critical)
    let expected = [
        ("Research", "2026-11-23", "2026-11-24", true),
        ("Reach the first", "2026-11-25", "2026-11-27", true),
        ("Qualification call", "2026-11-30", "2026-11-30", true),
        ("Identify", "2026-12-01", "2026-12-02", true),
        ("Run discovery", "2026-12-03", "2026-12-07", true),
        ("Write up", "2026-12-08", "2026-12-09", true),
        ("Draft the solution", "2026-12-10", "2026-12-15", true),
        ("Build pricing", "2026-12-14", "2026-12-15", false),
        ("Write the proposal", "2026-12-16", "2026-12-18", true),
        ("Present", "2026-12-21", "2026-12-21", true),
        ("Answer security", "2026-12-22", "2026-12-24", true),
        (
            "Negotiate commercial terms",
            "2026-12-22",
            "2026-12-24",
            true,
        ),
        ("Legal review", "2026-12-25", "2026-12-29", true),
        ("Collect signatures", "2026-12-30", "2026-12-30", true),
        ("Hand over", "2026-12-31", "2026-12-31", true),
    ];
    for (title, start, finish, critical) in expected {
        let slot = slot_of(&ws, &s, id, title);
        assert_eq!(
            (slot.planned_start, slot.planned_finish, slot.critical),
            (d(start), d(finish), critical),
            "{title}"
        );
    }
}

/// The B2B playbook in `ws` with its tasks' working days replaced, in playbook order.
fn with_days(ws: &mut Workspace, days: &[u32]) {
    let t = ws
        .templates
        .iter_mut()
        .find(|t| t.name == "Complex B2B deal")
        .unwrap();
    for (task, n) in t.stages.iter_mut().flat_map(|s| &mut s.tasks).zip(days) {
        task.duration_days = *n;
    }
}

/// A checkpoint that opens a stage is reached the day the stage before ends, as the
/// project's schedule has it: it adds no day to the playbook's need, and a plan with room
/// for exactly the rest ends on its target with nothing shortened.
#[test]
fn a_checkpoint_opening_a_stage_takes_no_day() {
    let mut ws = sample();
    // Research … Qualification call (now a checkpoint) … Hand over.
    let mut days = vec![2, 3, 0, 2, 3, 2, 4, 2, 3, 1, 3, 4, 3, 1, 1];
    with_days(&mut ws, &days);
    let target = "2026-12-31"; // the 29th working day
    let p = plan(&ws, target, None);
    assert_eq!((p.needed, p.available, p.short_by), (29, 29, 0));
    let id = create(&mut ws, target);
    let s = project_schedule(&ws, ws.project(id).unwrap(), d(MONDAY)).unwrap();
    assert_eq!((s.finish, s.late_by), (d(target), 0));
    let call = slot_of(&ws, &s, id, "Qualification call");
    assert_eq!(
        call.planned_finish,
        d("2026-11-27"),
        "the day outreach ends"
    );
    assert!(call.critical && slot_of(&ws, &s, id, "Hand over").critical);
    // Only checkpoints in a stage after the first: it needs no day at all.
    days[3] = 0;
    with_days(&mut ws, &days);
    assert_eq!(plan(&ws, target, None).needed, 27);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// A plan that fits ends on or before the target; one that had to be shortened ends on
    /// it (never after, never before), on a critical task; only a plan at one day a task
    /// ends after it. No task grows, none goes below a day, checkpoints (0 days, which may
    /// open or close a stage) stay checkpoints.
    #[test]
    fn a_shortened_plan_ends_on_the_target(
        days in proptest::collection::vec(0u32..9, 15),
        working in 0i64..45,
        off in 0u64..3,
    ) {
        let mut ws = sample();
        with_days(&mut ws, &days);
        let cal = calendar(&ws);
        let target = cal.add(d(MONDAY), working).checked_add_days(chrono::Days::new(off)).unwrap();
        let ends = cal.on_or_before(target);
        let p = plan(&ws, &target.to_string(), None);
        for (t, full) in p.tasks.iter().zip(&days) {
            proptest::prop_assert!(t.duration_days <= *full && (t.duration_days == 0) == (*full == 0));
            if p.short_by == 0 {
                proptest::prop_assert_eq!(t.duration_days, *full);
            }
            if p.late_by > 0 && *full > 0 {
                proptest::prop_assert_eq!(t.duration_days, 1);
            }
        }
        let id = create(&mut ws, &target.to_string());
        let s = project_schedule(&ws, ws.project(id).unwrap(), d(MONDAY)).unwrap();
        proptest::prop_assert_eq!(s.late_by, p.late_by);
        if p.short_by == 0 {
            proptest::prop_assert!(s.finish <= ends);
        } else if p.late_by == 0 {
            proptest::prop_assert_eq!(s.finish, ends);
            proptest::prop_assert!(s.slots.iter().any(|x| x.critical && x.early_finish == ends));
        }
    }

    /// Any start, target, today and task lengths plan without panicking.
    #[test]
    fn any_dates_and_lengths_plan(
        days in proptest::collection::vec(proptest::prop_oneof![0u32..3000, proptest::num::u32::ANY], 15),
        dates in proptest::collection::vec(-80_000i64..80_000, 3),
    ) {
        let mut ws = sample();
        with_days(&mut ws, &days);
        let day = |k: i64| d("2050-01-01").checked_add_signed(chrono::Duration::days(k)).unwrap();
        let t = b2b(&ws);
        let project = ProjectId(uuid::Uuid::from_u128(4242));
        let plan_for = PlanFor::new(&ws, &t, project, (day(dates[0]), day(dates[1])), None);
        let mut ids = SequentialIds::starting_at(50_000);
        let p = plan_from_template(&ws, &t, &plan_for, day(dates[2]), &mut ids, &Stamp::new(common::at(0), None)).unwrap();
        proptest::prop_assert_eq!(p.tasks.len(), 15);
        let _ = p.summary();
    }
}

/// The timeline of a project running the whole documented range names the months of its
/// own dates when it is drawn coarser, not those of the margins drawn around them.
#[test]
fn the_timeline_note_names_the_months_of_the_plans_dates() {
    let mut ws = sample();
    let id = ws
        .live_projects()
        .find(|p| !ws.tasks_of(p.id).is_empty())
        .unwrap()
        .id;
    let p = ws.projects.get_mut(id.0).unwrap();
    p.start_date = d("1900-01-01");
    p.target_date = d("2199-12-31");
    let p = ws.project(id).unwrap();
    let s = project_schedule(&ws, p, common::today()).unwrap();
    let span = timeline::span(&s, p.start_date, common::today());
    assert_eq!((span.first, span.last), (d("1900-01-01"), d("2199-12-31")));
    assert_eq!(
        (span.drawn_first, span.drawn_last),
        (d("1899-12-29"), d("2200-01-07")),
        "the margins drawn around them"
    );
    assert_eq!(
        span.coarse_note(),
        "This plan runs from Jan 1900 to Dec 2199; it is drawn at a coarser scale to fit."
    );
}

/// Who does what on a new deal (`docs/metrics.md`): the deal owner takes the deal-owner
/// roles whoever else holds that title; a role goes to a teammate only when their role is
/// exactly it; the rest is the owner's. A team of three: the owner (a sales rep), another
/// account executive, a sales director with no engineer on the team.
#[test]
fn the_deal_owner_holds_the_deal_and_roles_go_only_to_matching_roles() {
    let mut ws = sample();
    let t = b2b(&ws);
    let keep = ["Jonas Berg", "Maya Okafor", "Leo Martin"];
    ws.members.retain(|m| keep.contains(&m.name.as_str()));
    let role_of = |name: &str| match name {
        "Jonas Berg" => "Sales rep",
        "Leo Martin" => "Account executive",
        _ => "Sales director",
    };
    for m in ws.members.iter_mut() {
        m.role = role_of(&m.name).into();
    }
    let (owner, other_ae, director) = (
        member(&ws, "Jonas Berg"),
        member(&ws, "Leo Martin"),
        member(&ws, "Maya Okafor"),
    );
    // (role, who takes it)
    let expected = [
        ("Account executive", owner),
        ("Solutions engineer", owner),
        ("Sales director", director),
    ];
    let roles = default_roles(&ws, &t, Some(owner));
    assert!(!roles.is_empty());
    for (role, who) in expected {
        let got = roles.iter().find(|(r, _)| r == role).map(|(_, m)| *m);
        assert_eq!(got, Some(Some(who)), "{role}");
    }
    let p = plan(&ws, "2027-03-31", Some(owner));
    assert!(!p.tasks.is_empty());
    let owner_of = |title: &str| {
        p.tasks
            .iter()
            .find(|t| t.title.starts_with(title))
            .unwrap()
            .owner
    };
    assert_eq!(owner_of("Collect signatures"), Some(owner));
    assert_eq!(
        owner_of("Run discovery"),
        Some(owner),
        "no engineer: the owner"
    );
    assert_eq!(owner_of("Build pricing"), Some(director));
    assert!(
        p.tasks.iter().all(|t| t.owner != Some(other_ae)),
        "the other rep's deal is not theirs"
    );
}

/// A move passing several stages lists each one's open exit criteria by stage, and the open
/// milestones of the stages before the new one with their open tasks.
#[test]
fn a_move_lists_every_passed_stages_criteria_and_open_milestones() {
    use pursuit::engine::plan::passing;
    let ws = sample();
    let p = ws
        .live_projects()
        .find(|p| p.name.starts_with("Helios"))
        .unwrap();
    assert_eq!(p.stage, Stage::Proposal);
    let one = passing(&ws, p, Stage::Negotiation);
    assert_eq!(one.criteria, ["Proposal presented to the decision maker"]);
    assert_eq!(
        one.milestones,
        [("Proposal delivered and presented".to_string(), 4)]
    );
    let two = passing(&ws, p, Stage::Closed);
    assert!(!two.criteria.is_empty());
    assert!(two
        .criteria
        .iter()
        .any(|c| c == "Proposal: Proposal presented to the decision maker"));
    assert!(two.criteria.iter().any(|c| c.starts_with("Negotiation: ")));
    let names: Vec<&str> = two.milestones.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Proposal delivered and presented",
            "Negotiation: terms agreed"
        ]
    );
    // Backward or staying: nothing passed.
    assert_eq!(passing(&ws, p, Stage::Proposal), Default::default());
}
