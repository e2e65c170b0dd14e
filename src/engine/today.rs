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

/// Today as a screen draws it: every group's count, each group's first lines (as many as
/// asked for, in order) and every snoozed line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// Lines per group, in [`Section::ALL`]'s order (snoozed lines not counted).
    pub counts: [usize; 7],
    pub lines: Vec<Line>,
    pub snoozed: Vec<Line>,
}

impl Page {
    pub fn count(&self, section: Section) -> usize {
        self.counts[section as usize]
    }
}

/// Every line of Today for `who` on `today`, by section, then date, then project and title.
pub fn today(ws: &Workspace, today: NaiveDate, who: Who) -> Today {
    let page = page(ws, today, who, |_| usize::MAX);
    Today {
        lines: page.lines,
        snoozed: page.snoozed,
    }
}

/// Today with at most `shown(section)` lines of each group put in words: a team's Today at
/// 10,000 projects holds tens of thousands of lines, and only the first are drawn.
pub fn page(ws: &Workspace, today: NaiveDate, who: Who, shown: impl Fn(Section) -> usize) -> Page {
    let mut groups: [Vec<Entry>; 7] = Default::default();
    let mut snoozed = Vec::new();
    visit(ws, today, who, &mut |e| {
        if e.snoozed_until.is_some_and(|d| d > today) {
            snoozed.push(e);
        } else {
            groups[e.section as usize].push(e);
        }
    });
    let mut page = Page::default();
    for (i, group) in groups.into_iter().enumerate() {
        page.counts[i] = group.len();
        let first = first(group, shown(Section::ALL[i]));
        page.lines.extend(first.iter().map(|e| e.describe(today)));
    }
    page.snoozed = first(snoozed, usize::MAX)
        .iter()
        .map(|e| e.describe(today))
        .collect();
    page
}

/// How many lines Today holds for `who` (what the navigation shows): the rules alone, no line
/// put in words or sorted.
pub fn count(ws: &Workspace, today: NaiveDate, who: Who) -> usize {
    let mut n = 0;
    visit(ws, today, who, &mut |e| {
        n += usize::from(e.snoozed_until.is_none_or(|d| d <= today));
    });
    n
}

/// The first `n` entries in line order. Keeping the few smallest is one comparison per
/// entry once full; sorting them all is for when all are asked for.
fn first(mut entries: Vec<Entry<'_>>, n: usize) -> Vec<Entry<'_>> {
    if n >= entries.len() {
        crate::sorting::sort_by(&mut entries, Entry::order);
        return entries;
    }
    let mut kept: Vec<Entry> = Vec::with_capacity(n + 1);
    for e in entries {
        if kept.len() == n && kept.last().is_none_or(|last| e.order(last).is_ge()) {
            continue;
        }
        let at = kept.partition_point(|k| k.order(&e).is_lt());
        kept.insert(at, e);
        kept.truncate(n);
    }
    kept
}

/// What put a record on Today, kept until the line is put in words.
#[derive(Clone, Copy)]
enum Cause<'a> {
    Task(&'a Task),
    Person(&'a Stakeholder),
    Risk(&'a Risk),
    /// The milestone, how many tasks are late for it, and the first of them.
    Milestone(usize, &'a Task),
    Target,
}

/// A line before it is put in words: what it is about and why, borrowed from the workspace.
#[derive(Clone, Copy)]
struct Entry<'a> {
    section: Section,
    subject: Subject,
    project: &'a Project,
    title: &'a str,
    date: Option<NaiveDate>,
    owner: Option<MemberId>,
    next: Next,
    snoozed_until: Option<NaiveDate>,
    cause: Cause<'a>,
}

impl Entry<'_> {
    /// Line order: section, date, project, title, and the record's id so that no two tie.
    fn order(&self, other: &Self) -> std::cmp::Ordering {
        (
            self.section,
            self.date,
            &self.project.name,
            self.title,
            self.subject,
        )
            .cmp(&(
                other.section,
                other.date,
                &other.project.name,
                other.title,
                other.subject,
            ))
    }

    fn describe(&self, today: NaiveDate) -> Line {
        Line {
            section: self.section,
            subject: self.subject,
            project: self.project.id,
            project_name: self.project.name.clone(),
            title: self.title.to_string(),
            why: self.why(today),
            date: self.date,
            owner: self.owner,
            next: self.next,
            snoozed_until: self.snoozed_until,
        }
    }

    /// Why the line is there, in words.
    fn why(&self, today: NaiveDate) -> String {
        match self.cause {
            Cause::Task(t) => task_why(t, today),
            Cause::Person(s) => person_why(s, today),
            Cause::Risk(r) => {
                let review = self.date.unwrap_or(today);
                let when = match (today - review).num_days() {
                    0 => "today".to_string(),
                    d => format!("{}, {}", day(review), ago(d)),
                };
                format!(
                    "Review due {when}; {} risk, scored {}",
                    r.level(),
                    r.score()
                )
            }
            Cause::Milestone(late, first) => milestone_why(self.date, late, first, today),
            Cause::Target => {
                let p = self.project;
                let days = (today - p.target_date).num_days();
                format!(
                    "Target date {} passed {}; still open in {}",
                    day(p.target_date),
                    ago(days),
                    p.stage.label()
                )
            }
        }
    }
}

/// Calls `out` with every entry of Today for `who`, snoozed ones included, in no order.
fn visit<'a>(ws: &'a Workspace, today: NaiveDate, who: Who, out: &mut dyn FnMut(Entry<'a>)) {
    let week_end =
        crate::model::limits::add_days(crate::engine::workload::week_start(ws, today), 6);
    for p in ws.live_projects().filter(|p| p.status.is_open()) {
        tasks(ws, p, today, week_end, who, out);
        people(ws, p, today, who, out);
        risks(ws, p, today, who, out);
        milestones(ws, p, today, who, out);
        if p.target_date < today && who.owns(p.owner) {
            out(Entry {
                section: Section::PastTarget,
                subject: Subject::Project(p.id),
                project: p,
                title: &p.name,
                date: Some(p.target_date),
                owner: p.owner,
                next: Next::Reschedule,
                snoozed_until: p.snoozed_until,
                cause: Cause::Target,
            });
        }
    }
}

/// Open tasks with a due date up to the end of this week.
fn tasks<'a>(
    ws: &'a Workspace,
    p: &'a Project,
    today: NaiveDate,
    week_end: NaiveDate,
    who: Who,
    out: &mut dyn FnMut(Entry<'a>),
) {
    for t in ws.tasks.of(p.id) {
        let Some(due) = t.due_date else { continue };
        if !t.is_live() || t.is_done() || due > week_end || !who.owns(t.owner) {
            continue;
        }
        let section = match (due - today).num_days() {
            d if d < 0 => Section::Overdue,
            0 => Section::DueToday,
            _ => Section::ThisWeek,
        };
        out(Entry {
            section,
            subject: Subject::Task(t.id),
            project: p,
            title: &t.title,
            date: Some(due),
            owner: t.owner,
            next: Next::DoneOrReschedule,
            snoozed_until: t.snoozed_until,
            cause: Cause::Task(t),
        });
    }
}

fn task_why(t: &Task, today: NaiveDate) -> String {
    let due = t.due_date.unwrap_or(today);
    let why = match (due - today).num_days() {
        d if d < 0 => format!("Was due {}, {}", day(due), ago(-d)),
        0 => "Due today".to_string(),
        d => format!("Due {}, {}", weekday(due), ahead(d)),
    };
    match t.status {
        TaskStatus::Blocked => format!("{why}; blocked"),
        _ => why,
    }
}

/// People with a cadence who have not heard from us within it ([`crate::engine::people::contact_gap`]).
fn people<'a>(
    ws: &'a Workspace,
    p: &'a Project,
    today: NaiveDate,
    who: Who,
    out: &mut dyn FnMut(Entry<'a>),
) {
    if !who.owns(p.owner) {
        return;
    }
    for s in ws.stakeholders.of(p.id).filter(|s| s.is_live()) {
        if !crate::engine::people::contact_due(s, today) {
            continue;
        }
        out(Entry {
            section: Section::Cadence,
            subject: Subject::Stakeholder(s.id),
            project: p,
            title: &s.name,
            date: s.last_contact,
            owner: p.owner,
            next: Next::Log,
            snoozed_until: s.snoozed_until,
            cause: Cause::Person(s),
        });
    }
}

fn person_why(s: &Stakeholder, today: NaiveDate) -> String {
    let Some(gap) = crate::engine::people::contact_gap(s, today) else {
        return String::new();
    };
    let cadence = gap.cadence.label().to_lowercase();
    match (s.last_contact, gap.days) {
        (Some(last), Some(days)) => format!(
            "Last contact {} ({}); {cadence} cadence",
            day(last),
            ago(days)
        ),
        _ => format!("Never contacted; {cadence} cadence"),
    }
}

/// Risks not closed whose next review is today or earlier; each is the risk owner's (the
/// project owner's when it has none).
fn risks<'a>(
    ws: &'a Workspace,
    p: &'a Project,
    today: NaiveDate,
    who: Who,
    out: &mut dyn FnMut(Entry<'a>),
) {
    for r in ws.risks.of(p.id) {
        let Some(review) = r.next_review else {
            continue;
        };
        let owner = r.owner.or(p.owner);
        if !r.is_live() || r.status == RiskStatus::Closed || review > today || !who.owns(owner) {
            continue;
        }
        out(Entry {
            section: Section::Review,
            subject: Subject::Risk(r.id),
            project: p,
            title: &r.description,
            date: Some(review),
            owner,
            next: Next::Reschedule,
            snoozed_until: r.snoozed_until,
            cause: Cause::Risk(r),
        });
    }
}

/// Open milestones due within [`MILESTONE_DAYS`] (or already overdue) with open tasks that
/// are late for them: overdue, or due after the milestone itself.
fn milestones<'a>(
    ws: &'a Workspace,
    p: &'a Project,
    today: NaiveDate,
    who: Who,
    out: &mut dyn FnMut(Entry<'a>),
) {
    if !who.owns(p.owner) {
        return;
    }
    let horizon = crate::model::limits::add_days(today, MILESTONE_DAYS);
    for m in ws.milestones.of(p.id) {
        let Some(due) = m.due_date else { continue };
        if !m.is_live() || m.completed_on.is_some() || due > horizon {
            continue;
        }
        let mut late = ws
            .tasks
            .of(p.id)
            .filter(|t| t.is_live() && !t.is_done() && t.milestone_id == Some(m.id))
            .filter(|t| t.due_date.is_some_and(|d| d < today || d > due));
        let Some(first) = late.next() else { continue };
        out(Entry {
            section: Section::Milestones,
            subject: Subject::Milestone(m.id),
            project: p,
            title: &m.name,
            date: Some(due),
            owner: p.owner,
            next: Next::DoneOrReschedule,
            snoozed_until: m.snoozed_until,
            cause: Cause::Milestone(1 + late.count(), first),
        });
    }
}

fn milestone_why(due: Option<NaiveDate>, late: usize, first: &Task, today: NaiveDate) -> String {
    let due = due.unwrap_or(today);
    let when = match (due - today).num_days() {
        d if d < 0 => format!("Was due {}, {}", day(due), ago(-d)),
        0 => "Due today".to_string(),
        d => format!("Due {}, {}", day(due), ahead(d)),
    };
    let first_due = first
        .due_date
        .map(|d| day(d).to_string())
        .unwrap_or_default();
    let tasks = match late {
        1 => format!("“{}” (due {first_due}) is late for it", first.title),
        n => format!(
            "{n} open tasks are late for it, first “{}” (due {first_due})",
            first.title
        ),
    };
    format!("{when}; {tasks}")
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
