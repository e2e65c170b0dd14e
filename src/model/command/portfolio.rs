//! Commands of portfolio management: scoring projects, deciding on them and the reviews
//! where decisions are made.

use super::project::{lay_out_plan, plan_ids_free};
use super::{find_live, taken, upsert, CommandError, Context, Touched};
use crate::model::ids::*;
use crate::model::ProjectStatus;
use crate::model::{Decision, Review, Stamp, Stamped, Verdict, Workspace};
use crate::model::{DecisionInput, ReviewInput};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq)]
pub enum PortfolioCommand {
    /// Sets a project's scores (1–5) on the workspace's criteria, by criterion key.
    ScoreProject {
        id: ProjectId,
        scores: BTreeMap<String, u8>,
    },
    /// A portfolio decision on a project: approve (it becomes active), put on hold, or
    /// reject (it is cancelled), with a reason, kept in its governance log.
    DecideProject {
        id: DecisionId,
        project: ProjectId,
        input: DecisionInput,
    },
    /// Records a portfolio review (or updates it).
    SaveReview {
        id: ReviewId,
        input: ReviewInput,
    },
    DeleteReview(ReviewId),
}

use PortfolioCommand::*;

pub(super) fn scope(command: &PortfolioCommand) -> Touched {
    match command {
        ScoreProject { id, .. } => Touched::project(*id),
        DecideProject { project, .. } => Touched::project(*project),
        SaveReview { .. } | DeleteReview(_) => Touched::workspace(),
    }
}

pub(super) fn checks(ws: &Workspace, command: &PortfolioCommand) -> Result<(), CommandError> {
    match command {
        DecideProject { id, input, .. } => {
            taken(ws.decisions.get(id.0).is_some())?;
            match &input.playbook {
                Some(plan) => plan_ids_free(ws, &plan.milestones, &plan.tasks),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

pub(super) fn run(
    ws: &mut Workspace,
    command: PortfolioCommand,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let (now, by) = (cx.now, cx.editor());
    match command {
        ScoreProject { id, scores } => score(ws, id, scores, cx),
        DecideProject { id, project, input } => decide(ws, id, project, input, cx),
        SaveReview { id, input } => {
            if input.attendees.iter().any(|m| ws.member(*m).is_none()) {
                return Err(CommandError::NotFound("member"));
            }
            upsert(
                &mut ws.reviews,
                |r| r.id == id,
                cx,
                |stamp| Review {
                    id,
                    stamp,
                    date: input.date,
                    attendees: input.attendees,
                    notes: input.notes,
                },
            );
            ws.stamp.touch(now, by);
            Ok(Touched::workspace())
        }
        DeleteReview(id) => {
            find_live(&mut ws.reviews, |r| r.id == id, "portfolio review")?
                .stamp
                .delete(now, by);
            Ok(Touched::workspace())
        }
    }
}

fn score(
    ws: &mut Workspace,
    id: ProjectId,
    scores: BTreeMap<String, u8>,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let known: BTreeSet<&str> = ws
        .settings
        .criteria
        .iter()
        .map(|c| c.key.as_str())
        .collect();
    if let Some((key, _)) = scores.iter().find(|(k, _)| !known.contains(k.as_str())) {
        return Err(CommandError::Invalid(format!(
            "There is no scoring criterion “{key}”; the criteria are set in Data → Scoring criteria."
        )));
    }
    if let Some((key, v)) = scores.iter().find(|(_, v)| !(1..=5).contains(*v)) {
        return Err(CommandError::Invalid(format!(
            "The score for “{key}” is {v}; scores go from 1 to 5."
        )));
    }
    let p = find_live(&mut ws.projects, |p| p.id == id, "project")?;
    p.scores = scores;
    p.stamp.touch(cx.now, cx.editor());
    Ok(Touched::project(id))
}

fn decide(
    ws: &mut Workspace,
    id: DecisionId,
    project: ProjectId,
    input: DecisionInput,
    cx: &Context,
) -> Result<Touched, CommandError> {
    if let Some(review) = input.review {
        if !ws.reviews.iter().any(|r| r.id == review && r.is_live()) {
            return Err(CommandError::NotFound("portfolio review"));
        }
    }
    let p = find_live(&mut ws.projects, |p| p.id == project, "project")?;
    let status = match input.verdict {
        Verdict::Approve => ProjectStatus::Active,
        Verdict::Hold => ProjectStatus::OnHold,
        Verdict::Reject => ProjectStatus::Cancelled,
    };
    if p.status != status {
        if status == ProjectStatus::Cancelled {
            p.close_date = Some(input.date);
        } else if !p.status.is_closed() || status.is_open() {
            p.close_date = None;
        }
        p.status = status;
    }
    p.stamp.touch(cx.now, cx.editor());
    if let Some(plan) = input.playbook {
        if input.verdict != Verdict::Approve {
            return Err(CommandError::Invalid(
                "Only an approval lays out a playbook.".into(),
            ));
        }
        if !ws
            .templates
            .iter()
            .any(|t| t.id == plan.template && t.is_live())
        {
            return Err(CommandError::NotFound("template"));
        }
        lay_out_plan(ws, project, plan.template, plan.milestones, plan.tasks)?;
    }
    ws.decisions.push(Decision {
        id,
        stamp: Stamp::created(cx.now, cx.editor()),
        project_id: project,
        date: input.date,
        verdict: input.verdict,
        reason: input.reason,
        decided_by: cx.actor,
        review: input.review,
    });
    Ok(Touched::project(project))
}
