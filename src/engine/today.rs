//! Today: what a person should act on now, each line with why it is there. For one member
//! (what they own) or the whole team; over open projects (active or on hold). The rules are
//! defined once in `docs/metrics.md` ("Today") with a worked example that
//! `tests/today.rs` checks.

use crate::model::follow_up::Subject;
use crate::model::*;
use chrono::NaiveDate;

/// Whose Today: one member's (what they own) or the whole team's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Who {
    Member(MemberId),
    Team,
}

impl Who {
    fn owns(self, owner: Option<MemberId>) -> bool {
        match self {
            Who::Team => true,
            Who::Member(m) => owner == Some(m),
        }
    }
}

/// Whose Today an address asks for (`?owner=`): "team", a member's id, or (empty) mine —
/// the whole team's when this browser has not said who it is.
pub fn whose(owner: &str, me: Option<MemberId>) -> Who {
    match (owner, me) {
        ("team", _) => Who::Team,
        ("", Some(me)) => Who::Member(me),
        ("", None) => Who::Team,
        (id, _) => MemberId::parse(id).map_or(Who::Team, Who::Member),
    }
}

/// The groups of Today, in the order they are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Overdue,
    DueToday,
    ThisWeek,
    Cadence,
    Review,
    Milestones,
    PastTarget,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Self::Overdue,
        Self::DueToday,
        Self::ThisWeek,
        Self::Cadence,
        Self::Review,
        Self::Milestones,
        Self::PastTarget,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Overdue => "Overdue",
            Self::DueToday => "Due today",
            Self::ThisWeek => "Due this week",
            Self::Cadence => "People to contact",
            Self::Review => "Risks to review",
            Self::Milestones => "Milestones at risk",
            Self::PastTarget => "Deals past their target date",
        }
    }
}

/// What a line offers besides Snooze and Open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Next {
    /// Tick it off (a task, a milestone), or move its date.
    DoneOrReschedule,
    /// Move its date (a risk's review, a deal's target).
    Reschedule,
    /// Log the conversation (a person past their cadence).
    Log,
}

/// One line of Today.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Line {
    pub section: Section,
    pub subject: Subject,
    pub project: ProjectId,
    pub project_name: String,
    /// The task's title, the person's name, the risk, the milestone, the deal.
    pub title: String,
    /// Why it is here, in words.
    pub why: String,
    /// The day it is about (due, last contact, review, target); `None` for a person never contacted.
    pub date: Option<NaiveDate>,
    pub owner: Option<MemberId>,
    pub next: Next,
    /// Snoozed until this day (only lines in [`Today::snoozed`]).
    pub snoozed_until: Option<NaiveDate>,
}

/// Today's lines, and those snoozed past today (shown apart, to bring back).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Today {
    pub lines: Vec<Line>,
    pub snoozed: Vec<Line>,
}

/// How far ahead a milestone is watched: due within this many days of today.
pub const MILESTONE_DAYS: i64 = 14;

/// Every line of Today for `who` on `today`, by section, then date, then project and title.
pub fn today(ws: &Workspace, today: NaiveDate, who: Who) -> Today {
    let mut all = Vec::new();
    let week_end =
        crate::model::limits::add_days(crate::engine::workload::week_start(ws, today), 6);
    for p in ws.live_projects().filter(|p| p.status.is_open()) {
        tasks(ws, p, today, week_end, who, &mut all);
        people(ws, p, today, who, &mut all);
        risks(ws, p, today, who, &mut all);
        milestones(ws, p, today, who, &mut all);
        if p.target_date < today && who.owns(p.owner) {
            let days = (today - p.target_date).num_days();
            all.push(line(
                Section::PastTarget,
                Subject::Project(p.id),
                p,
                &p.name,
                format!(
                    "Target date {} passed {}; still open in {}",
                    day(p.target_date),
                    ago(days),
                    p.stage.label()
                ),
                Some(p.target_date),
                p.owner,
                Next::Reschedule,
                p.snoozed_until,
            ));
        }
    }
    crate::sorting::sort_by(&mut all, |a, b| {
        (a.section, a.date, &a.project_name, &a.title).cmp(&(
            b.section,
            b.date,
            &b.project_name,
            &b.title,
        ))
    });
    let (snoozed, lines) = all
        .into_iter()
        .partition(|l| l.snoozed_until.is_some_and(|d| d > today));
    Today { lines, snoozed }
}

#[allow(clippy::too_many_arguments)]
fn line(
    section: Section,
    subject: Subject,
    p: &Project,
    title: &str,
    why: String,
    date: Option<NaiveDate>,
    owner: Option<MemberId>,
    next: Next,
    snoozed_until: Option<NaiveDate>,
) -> Line {
    Line {
        section,
        subject,
        project: p.id,
        project_name: p.name.clone(),
        title: title.to_string(),
        why,
        date,
        owner,
        next,
        snoozed_until,
    }
}

/// Open tasks with a due date up to the end of this week.
fn tasks(
    ws: &Workspace,
    p: &Project,
    today: NaiveDate,
    week_end: NaiveDate,
    who: Who,
    out: &mut Vec<Line>,
) {
    for t in ws.tasks.of(p.id) {
        let Some(due) = t.due_date else { continue };
        if !t.is_live() || t.is_done() || due > week_end || !who.owns(t.owner) {
            continue;
        }
        let (section, why) = match (due - today).num_days() {
            d if d < 0 => (
                Section::Overdue,
                format!("Was due {}, {}", day(due), ago(-d)),
            ),
            0 => (Section::DueToday, "Due today".to_string()),
            d => (
                Section::ThisWeek,
                format!("Due {}, {}", weekday(due), ahead(d)),
            ),
        };
        let why = match t.status {
            TaskStatus::Blocked => format!("{why}; blocked"),
            _ => why,
        };
        out.push(line(
            section,
            Subject::Task(t.id),
            p,
            &t.title,
            why,
            Some(due),
            t.owner,
            Next::DoneOrReschedule,
            t.snoozed_until,
        ));
    }
}

/// People with a cadence who have not heard from us within it ([`crate::engine::people::contact_gap`]).
fn people(ws: &Workspace, p: &Project, today: NaiveDate, who: Who, out: &mut Vec<Line>) {
    if !who.owns(p.owner) {
        return;
    }
    for s in ws.stakeholders.of(p.id).filter(|s| s.is_live()) {
        let Some(gap) = crate::engine::people::contact_gap(s, today) else {
            continue;
        };
        let cadence = gap.cadence.label().to_lowercase();
        let why = match (s.last_contact, gap.days) {
            (Some(last), Some(days)) => format!(
                "Last contact {} ({}); {cadence} cadence",
                day(last),
                ago(days)
            ),
            _ => format!("Never contacted; {cadence} cadence"),
        };
        out.push(line(
            Section::Cadence,
            Subject::Stakeholder(s.id),
            p,
            &s.name,
            why,
            s.last_contact,
            p.owner,
            Next::Log,
            s.snoozed_until,
        ));
    }
}

/// Risks not closed whose next review is today or earlier; each is the risk owner's (the
/// project owner's when it has none).
fn risks(ws: &Workspace, p: &Project, today: NaiveDate, who: Who, out: &mut Vec<Line>) {
    for r in ws.risks.of(p.id) {
        let Some(review) = r.next_review else {
            continue;
        };
        let owner = r.owner.or(p.owner);
        if !r.is_live() || r.status == RiskStatus::Closed || review > today || !who.owns(owner) {
            continue;
        }
        let when = match (today - review).num_days() {
            0 => "today".to_string(),
            d => format!("{}, {}", day(review), ago(d)),
        };
        out.push(line(
            Section::Review,
            Subject::Risk(r.id),
            p,
            &r.description,
            format!(
                "Review due {when}; {} risk, scored {}",
                r.level(),
                r.score()
            ),
            Some(review),
            owner,
            Next::Reschedule,
            r.snoozed_until,
        ));
    }
}

/// Open milestones due within [`MILESTONE_DAYS`] (or already overdue) with open tasks that
/// are late for them: overdue, or due after the milestone itself.
fn milestones(ws: &Workspace, p: &Project, today: NaiveDate, who: Who, out: &mut Vec<Line>) {
    if !who.owns(p.owner) {
        return;
    }
    let horizon = crate::model::limits::add_days(today, MILESTONE_DAYS);
    for m in ws.milestones.of(p.id) {
        let Some(due) = m.due_date else { continue };
        if !m.is_live() || m.completed_on.is_some() || due > horizon {
            continue;
        }
        let late: Vec<&Task> = ws
            .tasks
            .of(p.id)
            .filter(|t| t.is_live() && !t.is_done() && t.milestone_id == Some(m.id))
            .filter(|t| t.due_date.is_some_and(|d| d < today || d > due))
            .collect();
        let Some(first) = late.first() else { continue };
        let when = match (due - today).num_days() {
            d if d < 0 => format!("Was due {}, {}", day(due), ago(-d)),
            0 => "Due today".to_string(),
            d => format!("Due {}, {}", day(due), ahead(d)),
        };
        let first_due = first
            .due_date
            .map(|d| day(d).to_string())
            .unwrap_or_default();
        let tasks = match late.len() {
            1 => format!("“{}” (due {first_due}) is late for it", first.title),
            n => format!(
                "{n} open tasks are late for it, first “{}” (due {first_due})",
                first.title
            ),
        };
        out.push(line(
            Section::Milestones,
            Subject::Milestone(m.id),
            p,
            &m.name,
            format!("{when}; {tasks}"),
            Some(due),
            p.owner,
            Next::DoneOrReschedule,
            m.snoozed_until,
        ));
    }
}

/// "yesterday", "3 days ago" (`days` ≥ 1).
fn ago(days: i64) -> String {
    match days {
        1 => "yesterday".into(),
        d => format!(
            "{} days ago",
            crate::model::common::group_thousands(d.unsigned_abs())
        ),
    }
}

/// "tomorrow", "in 3 days" (`days` ≥ 1).
fn ahead(days: i64) -> String {
    match days {
        1 => "tomorrow".into(),
        d => format!("in {d} days"),
    }
}

/// How many lines Today holds for `who` (what the navigation shows).
pub fn count(ws: &Workspace, today: NaiveDate, who: Who) -> usize {
    self::today(ws, today, who).lines.len()
}
