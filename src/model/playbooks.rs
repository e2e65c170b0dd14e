//! The built-in sales playbooks every workspace starts with. They are ordinary templates:
//! teams edit, duplicate or delete them like their own.

use crate::model::common::Stamp;
use crate::model::ids::IdSource;
use crate::model::Stage;
use crate::model::{Template, TemplateStage, TemplateTask};
use chrono::{DateTime, Utc};

/// (key, title, working days, owner role, keys it waits for)
type TaskSpec = (
    &'static str,
    &'static str,
    u32,
    &'static str,
    &'static [&'static str],
);

fn stage(
    stage: Stage,
    milestone: &str,
    probability: u8,
    criteria: &[&str],
    tasks: &[TaskSpec],
) -> TemplateStage {
    TemplateStage {
        stage,
        milestone: milestone.into(),
        exit_criteria: criteria.iter().map(|c| c.to_string()).collect(),
        probability,
        typical_days: None,
        tasks: tasks
            .iter()
            .map(|(key, title, days, role, after)| TemplateTask {
                key: key.to_string(),
                title: title.to_string(),
                duration_days: *days,
                owner_role: role.to_string(),
                depends_on: after.iter().map(|a| a.to_string()).collect(),
                with_client: false,
            })
            .collect(),
        milestone_with_client: false,
    }
}

const AE: &str = "Account executive";
const SE: &str = "Solutions engineer";
const MGR: &str = "Sales director";
const MKT: &str = "Marketing manager";
const CSM: &str = "Customer success manager";

/// Marks the steps done with the buyer and the milestones the buyer sees: the mutual
/// action plan that the client's update shows. Everything else stays internal.
fn with_client(mut t: Template, tasks: &[&str], milestones: &[Stage]) -> Template {
    for stage in &mut t.stages {
        stage.milestone_with_client = milestones.contains(&stage.stage);
        for task in &mut stage.tasks {
            task.with_client = tasks.contains(&task.key.as_str());
        }
    }
    t
}

/// The complex B2B deal: prospect → qualified → discovery → solution & proposal →
/// negotiation → closed. The discovery workshops, the proposal's presentation, the
/// security review, the legal review and the signature are done with the buyer.
pub fn complex_b2b_deal(ids: &mut dyn IdSource, now: DateTime<Utc>) -> Template {
    let t = Template {
        id: ids.fresh(),
        stamp: Stamp::new(now, None),
        name: "Complex B2B deal".into(),
        description: "Multi-stakeholder deals with a buying committee, a formal proposal and negotiated terms.".into(),
        stages: vec![
            stage(Stage::Prospect, "First meeting held", 10, &["Pain or opportunity confirmed", "Account fits our ideal customer profile"], &[
                ("research", "Research the account and its priorities", 2, AE, &[]),
                ("outreach", "Reach the first contact and book a meeting", 3, AE, &["research"]),
            ]),
            stage(Stage::Qualified, "Deal qualified", 20, &["Budget confirmed", "Decision maker identified", "Timeline to decision known"], &[
                ("qualify", "Qualification call: budget, authority, need, timing", 1, AE, &["outreach"]),
                ("sponsor", "Identify the executive sponsor", 2, AE, &["qualify"]),
            ]),
            stage(Stage::Discovery, "Discovery complete", 40, &["Success criteria agreed with the client", "Current situation documented"], &[
                ("workshop", "Run discovery workshops", 3, SE, &["sponsor"]),
                ("findings", "Write up findings and success criteria", 2, SE, &["workshop"]),
            ]),
            stage(Stage::Proposal, "Proposal presented", 60, &["Proposal presented to the decision maker", "Pricing approved internally"], &[
                ("design", "Draft the solution design", 4, SE, &["findings"]),
                ("pricing", "Build pricing and get margin approval", 2, MGR, &["findings"]),
                ("proposal", "Write the proposal", 3, AE, &["design", "pricing"]),
                ("present", "Present the proposal to the buying committee", 1, AE, &["proposal"]),
            ]),
            stage(Stage::Negotiation, "Terms agreed", 80, &["Legal review complete", "Commercial terms agreed"], &[
                ("security", "Answer security and procurement questionnaires", 3, SE, &["present"]),
                ("terms", "Negotiate commercial terms", 4, MGR, &["present"]),
                ("legal", "Legal review of the contract", 3, AE, &["terms", "security"]),
            ]),
            stage(Stage::Closed, "Contract signed", 100, &[], &[
                ("sign", "Collect signatures", 1, AE, &["legal"]),
                ("handover", "Hand over to delivery and customer success", 1, AE, &["sign"]),
            ]),
        ],
    };
    with_client(
        t,
        &["workshop", "present", "security", "legal", "sign"],
        &[Stage::Discovery, Stage::Proposal, Stage::Closed],
    )
}

/// An expansion or upsell campaign across existing customers.
pub fn upsell_campaign(ids: &mut dyn IdSource, now: DateTime<Utc>) -> Template {
    Template {
        id: ids.fresh(),
        stamp: Stamp::new(now, None),
        name: "Expansion / upsell campaign".into(),
        description: "Convert existing customers to a new product or tier, account by account."
            .into(),
        stages: vec![
            stage(
                Stage::Prospect,
                "Target list ready",
                10,
                &["Target accounts selected", "Offer and pricing approved"],
                &[
                    ("segment", "Segment customers by usage and fit", 3, CSM, &[]),
                    (
                        "offer",
                        "Define the offer and pricing",
                        2,
                        MGR,
                        &["segment"],
                    ),
                ],
            ),
            stage(
                Stage::Qualified,
                "Campaign launched",
                30,
                &["Messaging approved", "Demo ready"],
                &[
                    (
                        "content",
                        "Write emails and the one-pager",
                        4,
                        MKT,
                        &["offer"],
                    ),
                    ("demo", "Record the product demo", 2, MKT, &["offer"]),
                    (
                        "launch",
                        "Launch the first wave",
                        1,
                        MKT,
                        &["content", "demo"],
                    ),
                ],
            ),
            stage(
                Stage::Proposal,
                "First conversions",
                60,
                &["Ten accounts in conversation"],
                &[
                    (
                        "calls",
                        "Run demo calls with interested accounts",
                        10,
                        CSM,
                        &["launch"],
                    ),
                    (
                        "review",
                        "Review conversion and adjust the offer",
                        1,
                        MGR,
                        &["calls"],
                    ),
                ],
            ),
            stage(
                Stage::Closed,
                "Conversion goal reached",
                100,
                &[],
                &[("report", "Report results and lessons", 1, CSM, &["review"])],
            ),
        ],
    }
}

/// A lead-generation campaign that hands qualified leads to sales.
pub fn lead_generation(ids: &mut dyn IdSource, now: DateTime<Utc>) -> Template {
    Template {
        id: ids.fresh(),
        stamp: Stamp::new(now, None),
        name: "Lead-generation campaign".into(),
        description:
            "Webinars, content and outbound that produce qualified leads for the sales team.".into(),
        stages: vec![
            stage(
                Stage::Prospect,
                "Campaign planned",
                10,
                &[
                    "Audience and goal agreed",
                    "Lead qualification rules agreed with sales",
                ],
                &[
                    ("audience", "Define the audience and lead goal", 2, MKT, &[]),
                    (
                        "rules",
                        "Agree qualification rules with sales",
                        1,
                        AE,
                        &["audience"],
                    ),
                ],
            ),
            stage(
                Stage::Qualified,
                "Campaign live",
                40,
                &["Landing page live", "Invitations sent"],
                &[
                    ("page", "Build the landing page", 3, MKT, &["audience"]),
                    ("invite", "Send invitations", 2, MKT, &["page", "rules"]),
                    ("event", "Run the webinar", 1, MKT, &["invite"]),
                ],
            ),
            stage(
                Stage::Closed,
                "Leads handed to sales",
                100,
                &[],
                &[(
                    "handoff",
                    "Qualify and hand leads to sales",
                    5,
                    AE,
                    &["event"],
                )],
            ),
        ],
    }
}

/// All built-in playbooks, in the order they are offered.
pub fn builtin(ids: &mut dyn IdSource, now: DateTime<Utc>) -> Vec<Template> {
    vec![
        complex_b2b_deal(ids, now),
        upsell_campaign(ids, now),
        lead_generation(ids, now),
    ]
}
