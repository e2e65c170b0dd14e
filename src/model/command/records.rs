//! Commands on the records a project keeps beside its plan: risks, people, conversations,
//! feedback, costs and goals. Saving adds a record or replaces the one with its id; deleting
//! leaves a tombstone. Each kind says once what saving it checks and builds
//! ([`Register`]); one generic save and one generic delete do the rest.

use super::{check_owner, elsewhere, find_live, next_order, reorder, taken, upsert};
use super::{CommandError, Context, Direction, Touched};
use crate::model::ids::*;
use crate::model::records::Records;
use crate::model::{Communication, Cost, Feedback, ProjectGoal, Risk, Stakeholder};
use crate::model::{
    CommunicationInput, CostInput, FeedbackInput, GoalInput, RiskInput, StakeholderInput,
};
use crate::model::{Competitor, CompetitorInput};
use crate::model::{InProject, Money, Stamp, Stamped, Workspace};

#[derive(Clone, Debug, PartialEq)]
pub enum RecordCommand {
    /// Adds a risk to a project's register, or updates it when `id` exists.
    SaveRisk {
        id: RiskId,
        project: ProjectId,
        input: RiskInput,
    },
    DeleteRisk(RiskId),
    /// Adds a person to a project's buying committee or team, or updates them.
    SaveStakeholder {
        id: StakeholderId,
        project: ProjectId,
        input: StakeholderInput,
    },
    DeleteStakeholder(StakeholderId),
    /// Logs a conversation (or corrects a logged one). Everyone involved counts as contacted
    /// on its date, so their last contact moves forward, never back.
    SaveCommunication {
        id: CommunicationId,
        project: ProjectId,
        input: CommunicationInput,
    },
    DeleteCommunication(CommunicationId),
    /// Records feedback from the client or the team, or updates it (e.g. the action taken).
    SaveFeedback {
        id: FeedbackId,
        project: ProjectId,
        input: FeedbackInput,
    },
    DeleteFeedback(FeedbackId),
    /// Adds a cost entry to a project, or updates it when `id` exists.
    SaveCost {
        id: CostId,
        project: ProjectId,
        input: CostInput,
    },
    DeleteCost(CostId),
    /// Adds a measurable goal to a project (last in its order), or updates it.
    SaveGoal {
        id: GoalId,
        project: ProjectId,
        input: GoalInput,
    },
    MoveGoal {
        id: GoalId,
        direction: Direction,
    },
    DeleteGoal(GoalId),
    /// Adds a competitor to a deal, or updates it when `id` exists.
    SaveCompetitor {
        id: CompetitorId,
        project: ProjectId,
        input: crate::model::CompetitorInput,
    },
    DeleteCompetitor(CompetitorId),
}

use RecordCommand::*;

/// Where a register's records live and what a refusal calls one ("That risk no longer
/// exists"); declared for every register by `kept!`.
pub(crate) trait Kept: InProject + Sized {
    const WHAT: &'static str;
    fn list(ws: &Workspace) -> &Records<Self>;
    fn list_mut(ws: &mut Workspace) -> &mut Records<Self>;
    fn stamp_mut(&mut self) -> &mut Stamp;
}

macro_rules! kept {
    ($($t:ty => $field:ident, $what:literal);* $(;)?) => {
        $(impl Kept for $t {
            const WHAT: &'static str = $what;
            fn list(ws: &Workspace) -> &Records<Self> {
                &ws.$field
            }
            fn list_mut(ws: &mut Workspace) -> &mut Records<Self> {
                &mut ws.$field
            }
            fn stamp_mut(&mut self) -> &mut Stamp {
                &mut self.stamp
            }
        })*
    };
}

kept! {
    Risk => risks, "risk";
    Stakeholder => stakeholders, "stakeholder";
    Communication => communications, "conversation";
    Feedback => feedback, "feedback";
    Cost => costs, "cost";
    ProjectGoal => goals, "goal";
    Competitor => competitors, "competitor";
}

/// A kind of record a project keeps in a register: how its input becomes a record.
pub(crate) trait Register: Kept {
    type Input;
    /// Checks `input` against the workspace, makes what saving it changes elsewhere, and
    /// builds the record (stamped afresh; [`save`] keeps an existing record's stamp).
    fn build(
        ws: &mut Workspace,
        id: uuid::Uuid,
        project: ProjectId,
        input: Self::Input,
        cx: &Context,
    ) -> Result<Self, CommandError>;
}

/// The commands' kinds, each with its register: `save` and `delete` variants and its type.
macro_rules! registers {
    ($m:ident) => {
        $m! {
            SaveRisk DeleteRisk Risk,
            SaveStakeholder DeleteStakeholder Stakeholder,
            SaveCommunication DeleteCommunication Communication,
            SaveFeedback DeleteFeedback Feedback,
            SaveCost DeleteCost Cost,
            SaveGoal DeleteGoal ProjectGoal,
            SaveCompetitor DeleteCompetitor Competitor
        }
    };
}

pub(super) fn scope(ws: &Workspace, command: &RecordCommand) -> Touched {
    macro_rules! arms {
        ($($save:ident $delete:ident $t:ty),*) => {
            match command {
                $($save { project, .. } => Touched::project(*project),
                $delete(id) => super::of(<$t>::list(ws), id.0),)*
                MoveGoal { id, .. } => super::of(&ws.goals, id.0),
            }
        };
    }
    registers!(arms)
}

/// Saving a record updates it in its own project; its id under another project is taken
/// (the command only sees its own project's part).
pub(super) fn checks(ws: &Workspace, command: &RecordCommand) -> Result<(), CommandError> {
    macro_rules! arms {
        ($($save:ident $delete:ident $t:ty),*) => {
            match command {
                $($save { id, project, .. } => taken(elsewhere(<$t>::list(ws), id.0, *project)),)*
                _ => Ok(()),
            }
        };
    }
    registers!(arms)
}

pub(super) fn run(
    ws: &mut Workspace,
    command: RecordCommand,
    cx: &Context,
) -> Result<Touched, CommandError> {
    macro_rules! arms {
        ($($save:ident $delete:ident $t:ty),*) => {
            match command {
                $($save { id, project, input } => save::<$t>(ws, id.0, project, input, cx),
                $delete(id) => delete::<$t>(ws, id.0, cx),)*
                MoveGoal { id, direction } => move_goal(ws, id, direction, cx),
            }
        };
    }
    registers!(arms)
}

/// Adds a record to a project, or replaces the one with its id (keeping its creation stamp).
fn save<R: Register>(
    ws: &mut Workspace,
    id: uuid::Uuid,
    project: ProjectId,
    input: R::Input,
    cx: &Context,
) -> Result<Touched, CommandError> {
    ws.project(project)
        .ok_or(CommandError::NotFound("project"))?;
    let mut record = R::build(ws, id, project, input, cx)?;
    upsert(
        R::list_mut(ws),
        |r| r.record_id() == id,
        cx,
        |stamp| {
            *record.stamp_mut() = stamp;
            record
        },
    );
    Ok(Touched::project(project))
}

fn delete<R: Register>(
    ws: &mut Workspace,
    id: uuid::Uuid,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let r = find_live(R::list_mut(ws), |r| r.record_id() == id, R::WHAT)?;
    r.stamp_mut().delete(cx.now, cx.editor());
    Ok(Touched::project(r.project_id()))
}

fn move_goal(
    ws: &mut Workspace,
    id: GoalId,
    direction: Direction,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let project = find_live(&mut ws.goals, |g| g.id == id, "goal")?.project_id;
    let order: Vec<GoalId> = ws.goals_of(project).iter().map(|g| g.id).collect();
    for (position, gid) in reorder(&order, id, direction) {
        if let Some(g) = ws.goals.iter_mut().find(|g| g.id == gid) {
            g.order = position;
            g.stamp.touch(cx.now, cx.editor());
        }
    }
    Ok(Touched::project(project))
}

fn fresh(cx: &Context) -> Stamp {
    Stamp::created(cx.now, cx.editor())
}

impl Register for Risk {
    type Input = RiskInput;
    fn build(
        ws: &mut Workspace,
        id: uuid::Uuid,
        project: ProjectId,
        input: RiskInput,
        cx: &Context,
    ) -> Result<Self, CommandError> {
        check_owner(ws, input.owner)?;
        Ok(Risk {
            // Saving the form keeps a line of Today snoozed.
            snoozed_until: ws.risks.get(id).and_then(|r| r.snoozed_until),
            id: RiskId(id),
            stamp: fresh(cx),
            project_id: project,
            description: input.description,
            category: input.category,
            probability: input.probability,
            impact: input.impact,
            owner: input.owner,
            mitigation: input.mitigation,
            contingency: input.contingency,
            status: input.status,
            next_review: input.next_review,
        })
    }
}

impl Register for Stakeholder {
    type Input = StakeholderInput;
    fn build(
        ws: &mut Workspace,
        id: uuid::Uuid,
        project: ProjectId,
        input: StakeholderInput,
        cx: &Context,
    ) -> Result<Self, CommandError> {
        Ok(Stakeholder {
            // Saving the form keeps a line of Today snoozed.
            snoozed_until: ws.stakeholders.get(id).and_then(|s| s.snoozed_until),
            id: StakeholderId(id),
            stamp: fresh(cx),
            project_id: project,
            name: input.name,
            organisation: input.organisation,
            title: input.title,
            internal: input.internal,
            buying_role: input.buying_role,
            influence: input.influence,
            stance: input.stance,
            channel: input.channel,
            email: input.email,
            cadence: input.cadence,
            last_contact: input.last_contact,
        })
    }
}

impl Register for Communication {
    type Input = CommunicationInput;
    /// Everyone involved (live people of the project) counts as contacted on its date.
    fn build(
        ws: &mut Workspace,
        id: uuid::Uuid,
        project: ProjectId,
        input: CommunicationInput,
        cx: &Context,
    ) -> Result<Self, CommandError> {
        let known = |sid: &StakeholderId| {
            ws.stakeholders
                .iter()
                .any(|s| s.id == *sid && s.project_id == project && s.is_live())
        };
        if !input.stakeholders.iter().all(known) {
            return Err(CommandError::NotFound("stakeholder"));
        }
        for s in ws
            .stakeholders
            .iter_mut()
            .filter(|s| input.stakeholders.contains(&s.id))
        {
            if s.last_contact.is_none_or(|d| d < input.date) {
                s.last_contact = Some(input.date);
                s.stamp.touch(cx.now, cx.editor());
            }
        }
        Ok(Communication {
            id: CommunicationId(id),
            stamp: fresh(cx),
            project_id: project,
            date: input.date,
            channel: input.channel,
            stakeholders: input.stakeholders,
            summary: input.summary,
            next_step: input.next_step,
            next_step_date: input.next_step_date,
        })
    }
}

impl Register for Feedback {
    type Input = FeedbackInput;
    fn build(
        _: &mut Workspace,
        id: uuid::Uuid,
        project: ProjectId,
        input: FeedbackInput,
        cx: &Context,
    ) -> Result<Self, CommandError> {
        Ok(Feedback {
            id: FeedbackId(id),
            stamp: fresh(cx),
            project_id: project,
            date: input.date,
            source: input.source,
            rating: input.rating,
            text: input.text,
            action: input.action,
        })
    }
}

impl Register for Cost {
    type Input = CostInput;
    /// A cost is in its project's currency.
    fn build(
        ws: &mut Workspace,
        id: uuid::Uuid,
        project: ProjectId,
        input: CostInput,
        cx: &Context,
    ) -> Result<Self, CommandError> {
        let currency = ws
            .project(project)
            .ok_or(CommandError::NotFound("project"))?
            .value
            .currency
            .clone();
        check_owner(ws, input.spent_by)?;
        Ok(Cost {
            id: CostId(id),
            stamp: fresh(cx),
            project_id: project,
            date: input.date,
            category: input.category,
            description: input.note,
            amount: Money::new(input.amount_minor, currency),
            spent_by: input.spent_by,
        })
    }
}

impl Register for ProjectGoal {
    type Input = GoalInput;
    /// A new goal comes last in its project's order; an edited one keeps its place.
    fn build(
        ws: &mut Workspace,
        id: uuid::Uuid,
        project: ProjectId,
        input: GoalInput,
        cx: &Context,
    ) -> Result<Self, CommandError> {
        let order = match ws.goals.get(id) {
            Some(g) => g.order,
            None => next_order(ws.goals.of(project).map(|g| &g.order)),
        };
        Ok(ProjectGoal {
            id: GoalId(id),
            stamp: fresh(cx),
            project_id: project,
            metric: input.metric,
            target: input.target,
            current: input.current,
            unit: input.unit,
            measure: input.measure,
            order,
        })
    }
}

impl Register for Competitor {
    type Input = CompetitorInput;
    fn build(
        _: &mut Workspace,
        id: uuid::Uuid,
        project: ProjectId,
        input: CompetitorInput,
        cx: &Context,
    ) -> Result<Self, CommandError> {
        let input = input.check().map_err(|e| {
            CommandError::Invalid(
                e.fields()
                    .map(|f| e.get(f).unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })?;
        Ok(Competitor {
            id: CompetitorId(id),
            stamp: Stamp::created(cx.now, cx.editor()),
            project_id: project,
            name: input.name,
            strengths: input.strengths,
            weaknesses: input.weaknesses,
            threat: input.threat,
            status: input.status,
            notes: input.notes,
        })
    }
}
