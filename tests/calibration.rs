//! Learning win probabilities from closed deals (engine::calibration): the rates by stage
//! against hand counts, the scopes, and adopting them into a playbook as one change.

mod common;

use common::{at, context, sample};
use pursuit::engine::calibration::{adopted, calibrate, Scope, ENOUGH_DEALS};
use pursuit::model::command::apply;
use pursuit::model::WorkspaceCommand;
use pursuit::model::{Money, Project, ProjectId, ProjectStatus, Stage, Workspace};

/// The sample with its projects replaced by closed deals: `(last stage, won)` each.
fn with_closed(deals: &[(Stage, bool)]) -> Workspace {
    let mut ws = sample();
    let template = ws.templates[0].id;
    let owner = ws.members[0].id;
    ws.projects.retain(|_| false);
    for (i, (stage, won)) in deals.iter().enumerate() {
        let mut p = Project::new(
            ProjectId(uuid::Uuid::from_u128(0xCA11_0000 + i as u128)),
            ws.stamp.clone(),
            format!("Deal {i}"),
            Money::new(100_000, ws.settings.currency.clone()),
            common::d("2026-01-01"),
            common::d("2026-03-01"),
        );
        p.stage = if *won { Stage::Closed } else { *stage };
        p.status = if *won {
            ProjectStatus::Won
        } else {
            ProjectStatus::Lost
        };
        p.template_id = Some(template);
        p.owner = Some(owner);
        ws.projects.push(p);
    }
    ws
}

#[test]
fn rates_are_won_over_deals_that_reached_the_stage() {
    // 6 won; lost: 4 at prospect, 2 at discovery, 1 at negotiation.
    let mut deals = vec![(Stage::Closed, true); 6];
    deals.extend([(Stage::Prospect, false); 4]);
    deals.extend([(Stage::Discovery, false); 2]);
    deals.push((Stage::Negotiation, false));
    let ws = with_closed(&deals);
    let rates = calibrate(&ws, Scope::default());
    assert_eq!(rates.len(), 5);
    let expect = [
        (Stage::Prospect, 13, 6),
        (Stage::Qualified, 9, 6),
        (Stage::Discovery, 9, 6),
        (Stage::Proposal, 7, 6),
        (Stage::Negotiation, 7, 6),
    ];
    for (rate, (stage, reached, won)) in rates.iter().zip(expect) {
        assert_eq!((rate.stage, rate.reached, rate.won), (stage, reached, won));
        let percent = (won as f64 / reached as f64 * 100.0).round() as u8;
        assert_eq!(rate.learned, Some(percent), "{stage:?}");
        assert_eq!(rate.enough(), reached >= ENOUGH_DEALS);
    }
    // Cancelled deals count in neither.
    let mut with_cancelled = ws.clone();
    let first = with_cancelled.projects[0].id;
    with_cancelled.projects.get_mut(first.0).unwrap().status = ProjectStatus::Cancelled;
    assert_eq!(calibrate(&with_cancelled, Scope::default())[0].reached, 12);
}

#[test]
fn no_closed_deals_learn_nothing_and_scopes_filter() {
    let ws = with_closed(&[]);
    let rates = calibrate(&ws, Scope::default());
    assert!(!rates.is_empty());
    assert!(rates.iter().all(|r| r.learned.is_none() && r.reached == 0));
    let ws = with_closed(&[(Stage::Closed, true), (Stage::Prospect, false)]);
    let other = ws.members[1].id;
    let scoped = calibrate(
        &ws,
        Scope {
            owner: Some(other),
            template: None,
        },
    );
    assert!(
        scoped.iter().all(|r| r.reached == 0),
        "nobody else owns these deals"
    );
    let template = ws.templates[0].id;
    let by_playbook = calibrate(
        &ws,
        Scope {
            owner: None,
            template: Some(template),
        },
    );
    assert_eq!(by_playbook[0].reached, 2);
    assert_eq!(
        by_playbook[0].assumed,
        ws.templates[0]
            .stages
            .iter()
            .find(|s| s.stage == Stage::Prospect)
            .map_or(10, |s| s.probability)
    );
}

#[test]
fn adopting_changes_only_stages_backed_by_enough_deals_as_one_change() {
    let mut deals = vec![(Stage::Closed, true); 3];
    deals.extend([(Stage::Prospect, false); 9]);
    let ws = with_closed(&deals);
    let template = ws.templates[0].id;
    let rates = calibrate(
        &ws,
        Scope {
            owner: None,
            template: Some(template),
        },
    );
    assert!(
        rates[0].enough() && !rates[1].enough(),
        "12 reached prospect, 3 the rest"
    );
    let updated = adopted(&ws, template, &rates).expect("the prospect rate differs");
    let prospect = |t: &pursuit::model::Template| {
        t.stages
            .iter()
            .find(|s| s.stage == Stage::Prospect)
            .map(|s| s.probability)
    };
    assert_eq!(prospect(&updated), Some(25));
    for (before, after) in ws.templates[0].stages.iter().zip(&updated.stages) {
        if before.stage != Stage::Prospect {
            assert_eq!(
                before.probability, after.probability,
                "{:?} has too few deals",
                before.stage
            );
        }
    }
    let change = apply(
        &ws,
        WorkspaceCommand::SaveTemplate(updated),
        &context(at(5), None, 1),
    )
    .unwrap();
    let mut after = ws.clone();
    after.commit(&change);
    assert_eq!(prospect(&after.templates[0]), Some(25));
    // Adopting again changes nothing.
    assert_eq!(
        adopted(
            &after,
            template,
            &calibrate(
                &after,
                Scope {
                    owner: None,
                    template: Some(template)
                }
            )
        ),
        None
    );
}

#[test]
fn a_loss_at_the_closed_stage_is_placed_by_its_stage_log_or_counted_as_unplaced() {
    use pursuit::engine::calibration::{lost_in, unplaced_losses};
    use pursuit::model::StageEntry;
    // Two wins; one loss in Discovery by its stage; two closed at "Closed": one whose log
    // says it was last in Qualified, one that says nothing (a spreadsheet import).
    let mut ws = with_closed(&[
        (Stage::Closed, true),
        (Stage::Closed, true),
        (Stage::Discovery, false),
        (Stage::Closed, false),
        (Stage::Closed, false),
    ]);
    let logged = ProjectId(uuid::Uuid::from_u128(0xCA11_0003));
    let p = ws.projects.get_mut(logged.0).unwrap();
    p.stage_log = vec![
        StageEntry {
            stage: Stage::Prospect,
            on: common::d("2026-01-01"),
        },
        StageEntry {
            stage: Stage::Qualified,
            on: common::d("2026-01-20"),
        },
        StageEntry {
            stage: Stage::Closed,
            on: common::d("2026-02-10"),
        },
    ];
    assert_eq!(
        lost_in(ws.projects.get(logged.0).unwrap()),
        Some(Stage::Qualified)
    );
    assert_eq!(unplaced_losses(&ws, Scope::default()), 1);
    let rates = calibrate(&ws, Scope::default());
    assert!(!rates.is_empty());
    let reached = |s: Stage| rates.iter().find(|r| r.stage == s).unwrap().reached;
    // Prospect and Qualified: all five; Discovery: wins, the Discovery loss, the unplaced one;
    // Proposal and Negotiation: wins and the unplaced one.
    assert_eq!(
        [
            Stage::Prospect,
            Stage::Qualified,
            Stage::Discovery,
            Stage::Proposal,
            Stage::Negotiation
        ]
        .map(reached),
        [5, 5, 4, 3, 3]
    );
}
