//! Acting on a line of Today in one step: snooze it, reschedule it, tick it off. Each is
//! a change like any other: one undo step, one history note, merged and synced.

use super::{find_live, set_task_status, CommandError, Context, Touched};
use crate::model::follow_up::{check_snooze, Subject};
use crate::model::ranges::quoted;
use crate::model::{day, Workspace};
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq)]
pub enum FollowUpCommand {
    /// Keeps the record's line out of Today until `until`, a day after today and at most
    /// [`crate::model::limits::SNOOZE_MAX_DAYS`] ahead; `None` brings it back now.
    Snooze {
        subject: Subject,
        until: Option<NaiveDate>,
    },
    /// Moves the date the line is about, to today or later: a task's or milestone's due
    /// date, a risk's next review, a project's target date (the old one joins its target
    /// history). The line's snooze is lifted: it is dealt with. (A person's next contact
    /// follows their cadence: log the conversation, or snooze the line.)
    Reschedule { subject: Subject, to: NaiveDate },
    /// Ticks it off: a task done, a milestone reached. A risk is dealt with by setting its
    /// next review, a person by logging the conversation, a project by moving its target or
    /// closing it.
    Done(Subject),
}

use FollowUpCommand::*;

pub(super) fn scope(ws: &Workspace, command: &FollowUpCommand) -> Touched {
    let (Snooze { subject, .. } | Reschedule { subject, .. } | Done(subject)) = command;
    match *subject {
        Subject::Task(id) => super::of(&ws.tasks, id.0),
        Subject::Milestone(id) => super::of(&ws.milestones, id.0),
        Subject::Risk(id) => super::of(&ws.risks, id.0),
        Subject::Stakeholder(id) => super::of(&ws.stakeholders, id.0),
        Subject::Project(id) => Touched::project(id),
    }
}

/// Runs `$body` on the live record `$subject` names (bound to `$r`: every kind a line can
/// be about has `snoozed_until` and `stamp`), then stamps it; answers its project.
macro_rules! on_subject {
    ($ws:expr, $subject:expr, $cx:expr, |$r:ident| $body:expr) => {
        match $subject {
            Subject::Task(id) => {
                let $r = find_live(&mut $ws.tasks, |x| x.id == id, "task")?;
                $body?;
                $r.stamp.touch($cx.now, $cx.editor());
                Ok(Touched::project($r.project_id))
            }
            Subject::Milestone(id) => {
                let $r = find_live(&mut $ws.milestones, |x| x.id == id, "milestone")?;
                $body?;
                $r.stamp.touch($cx.now, $cx.editor());
                Ok(Touched::project($r.project_id))
            }
            Subject::Risk(id) => {
                let $r = find_live(&mut $ws.risks, |x| x.id == id, "risk")?;
                $body?;
                $r.stamp.touch($cx.now, $cx.editor());
                Ok(Touched::project($r.project_id))
            }
            Subject::Stakeholder(id) => {
                let $r = find_live(&mut $ws.stakeholders, |x| x.id == id, "person")?;
                $body?;
                $r.stamp.touch($cx.now, $cx.editor());
                Ok(Touched::project($r.project_id))
            }
            Subject::Project(id) => {
                let $r = find_live(&mut $ws.projects, |x| x.id == id, "project")?;
                $body?;
                $r.stamp.touch($cx.now, $cx.editor());
                Ok(Touched::project($r.id))
            }
        }
    };
}

pub(super) fn run(
    ws: &mut Workspace,
    command: FollowUpCommand,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let name = subject_of(&command).name_in(ws);
    let refuse = |why: String| {
        let noun = subject_of(&command).noun();
        CommandError::Invalid(format!("Can't change the {noun} {}: {why}", quoted(&name)))
    };
    match command {
        Snooze { subject, until } => {
            if let Some(day) = until {
                check_snooze(day, cx.today).map_err(|why| refuse(lower_first(&why)))?;
            }
            on_subject!(ws, subject, cx, |r| {
                r.snoozed_until = until;
                Ok::<(), CommandError>(())
            })
        }
        Reschedule { subject, to } => {
            if to < cx.today {
                return Err(refuse(format!(
                    "reschedule to today ({}) or later.",
                    day(cx.today)
                )));
            }
            reschedule(ws, subject, to, cx, &refuse)
        }
        Done(subject) => {
            if !matches!(subject, Subject::Task(_) | Subject::Milestone(_)) {
                return Err(refuse(
                    "only a task or a milestone is ticked off; reschedule this one or open it."
                        .into(),
                ));
            }
            let touched = on_subject!(ws, subject, cx, |r| {
                r.snoozed_until = None;
                Ok::<(), CommandError>(())
            })?;
            tick(ws, subject, cx);
            Ok(touched)
        }
    }
}

/// Moves the date a line is about and lifts its snooze.
fn reschedule(
    ws: &mut Workspace,
    subject: Subject,
    to: NaiveDate,
    cx: &Context,
    refuse: &dyn Fn(String) -> CommandError,
) -> Result<Touched, CommandError> {
    if let Subject::Stakeholder(_) = subject {
        return Err(refuse(
            "a person's next contact follows their cadence: log the conversation, or snooze the line to a day.".into(),
        ));
    }
    if let Subject::Project(id) = subject {
        let start = ws.projects.get(id.0).map(|p| p.start_date);
        if start.is_some_and(|s| to < s) {
            let s = start.unwrap_or(to);
            return Err(refuse(format!(
                "the target date can't be before its start ({}).",
                day(s)
            )));
        }
    }
    on_subject!(ws, subject, cx, |r| {
        r.snoozed_until = None;
        Ok::<(), CommandError>(())
    })?;
    match subject {
        Subject::Task(id) => set(&mut ws.tasks, id.0, |t| t.due_date = Some(to)),
        Subject::Milestone(id) => set(&mut ws.milestones, id.0, |m| m.due_date = Some(to)),
        Subject::Risk(id) => set(&mut ws.risks, id.0, |r| r.next_review = Some(to)),
        Subject::Stakeholder(_) => {}
        Subject::Project(id) => set(&mut ws.projects, id.0, |p| {
            if p.target_date != to {
                p.target_history.push(p.target_date);
                p.target_date = to;
            }
        }),
    }
    Ok(scope(ws, &Reschedule { subject, to }))
}

/// Ticks a task done or a milestone reached (already stamped by the caller).
fn tick(ws: &mut Workspace, subject: Subject, cx: &Context) {
    let holidays = ws.settings.holidays.clone();
    match subject {
        Subject::Task(id) => set(&mut ws.tasks, id.0, |t| {
            set_task_status(t, crate::model::TaskStatus::Done, cx.today, Some(&holidays))
        }),
        Subject::Milestone(id) => set(&mut ws.milestones, id.0, |m| {
            m.completed_on = Some(cx.today);
            m.skipped = None;
        }),
        _ => {}
    }
}

/// Changes the record with `id` in place (found and stamped already).
fn set<T: crate::model::InProject>(
    items: &mut crate::model::Records<T>,
    id: uuid::Uuid,
    change: impl FnOnce(&mut T),
) {
    if let Some(r) = items.iter_mut().find(|r| r.record_id() == id) {
        change(r);
    }
}

fn subject_of(command: &FollowUpCommand) -> Subject {
    let (Snooze { subject, .. } | Reschedule { subject, .. } | Done(subject)) = command;
    *subject
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}
