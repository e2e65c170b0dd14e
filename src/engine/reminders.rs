//! Which reminders fall due in a span of time: a member's open tasks (and the open
//! milestones of the projects they own) of open projects with a due date and reminders ([`crate::model::reminder`]). Each has a key of its own (the
//! task, the occurrence's due day and the offset), so a tab that shows it can note it
//! shown and no tab shows it twice; the next occurrence of a recurring task is a new key.

use crate::model::*;
use chrono::NaiveDateTime;

/// A reminder to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alert {
    pub key: String,
    pub at: NaiveDateTime,
    pub project: ProjectId,
    /// "Reminder: Send proposal".
    pub title: String,
    /// "Due today · Acme renewal".
    pub body: String,
}

/// The reminders of `me`'s work that fire after `from` and at or before `to` (local time),
/// oldest first.
pub fn due(ws: &Workspace, me: MemberId, from: NaiveDateTime, to: NaiveDateTime) -> Vec<Alert> {
    let mut out = Vec::new();
    for p in ws.live_projects().filter(|p| p.status.is_open()) {
        let tasks = ws
            .tasks
            .of(p.id)
            .filter(|t| t.is_live() && !t.is_done() && t.owner == Some(me))
            .map(|t| (t.id.0, &t.title, t.due_date, &t.reminders));
        // A milestone reminds the project's owner.
        let milestones = ws
            .milestones
            .of(p.id)
            .filter(|m| m.is_live() && m.completed_on.is_none() && p.owner == Some(me))
            .map(|m| (m.id.0, &m.name, m.due_date, &m.reminders));
        for (id, title, due, reminders) in tasks.chain(milestones) {
            let Some(due) = due else { continue };
            for r in reminders {
                let at = r.fires_at(due);
                if at <= from || at > to {
                    continue;
                }
                let when = match (due - at.date()).num_days() {
                    0 => "Due today".to_string(),
                    1 => "Due tomorrow".to_string(),
                    n => format!("Due {} (in {n} days)", weekday(due)),
                };
                out.push(Alert {
                    key: format!("{id}:{due}:{}", r.before_minutes),
                    at,
                    project: p.id,
                    title: format!("Reminder: {title}"),
                    body: format!("{when} · {}", p.name),
                });
            }
        }
    }
    crate::sorting::sort_by(&mut out, |a, b| (a.at, &a.key).cmp(&(b.at, &b.key)));
    out
}
