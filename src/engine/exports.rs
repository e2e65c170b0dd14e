//! Plans out to the tools a team already uses: spreadsheets (CSV) and calendars (ICS).
//!
//! CSV tables follow RFC 4180 (CRLF line ends, quotes doubled by the `csv` crate) and start
//! with a UTF-8 byte-order mark, so spreadsheet programs open accents correctly. Money is a
//! plain number in major units with a currency column; dates are ISO. A text cell that a
//! spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or carriage return)
//! is prefixed with `'`, as OWASP's CSV-injection advice says; numbers are written as
//! numbers. The projects table's headers are the words the spreadsheet import recognises, so
//! an exported table imports back as the same projects.
//!
//! The calendar (RFC 5545) has one all-day event per milestone or task with a due date. Its
//! UID is the record's id, so importing a newer export into a calendar updates the events
//! instead of adding them again.

use crate::dates::Written;
use crate::model::common::{InProject, Stamped};
use crate::model::{MemberId, Money, ProjectId, TaskStatus, Workspace};
use chrono::{DateTime, NaiveDate, Utc};

/// The byte-order mark that tells spreadsheet programs the file is UTF-8.
const BOM: &str = "\u{FEFF}";

/// One cell: text (escaped against formula injection) or a number (as written).
enum Cell {
    Text(String),
    Number(String),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(n: impl ToString) -> Cell {
    Cell::Number(n.to_string())
}

fn date(d: Option<NaiveDate>) -> Cell {
    Cell::Number(d.map(|d| d.to_string()).unwrap_or_default())
}

/// An amount in major units as a plain number: `4800.00`, `-12.50`, `5000` (JPY).
fn amount(m: &Money) -> Cell {
    let places = m.currency.minor_digits();
    if places == 0 {
        return number(m.minor);
    }
    let scale = 10_u64.pow(places);
    let sign = if m.minor < 0 { "-" } else { "" };
    let abs = m.minor.unsigned_abs();
    number(format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = places as usize
    ))
}

/// A text cell as a spreadsheet will not run it.
fn defused(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Writes a table: BOM, header row, rows, CRLF line ends.
fn table(headers: &[&str], rows: impl Iterator<Item = Vec<Cell>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a cell that somehow did would leave the table short,
    // never panic.
    let _ = writer.write_record(headers);
    for row in rows {
        let cells: Vec<String> = row
            .into_iter()
            .map(|c| match c {
                Cell::Text(s) => defused(&s),
                Cell::Number(s) => s,
            })
            .collect();
        let _ = writer.write_record(&cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// The live records of live projects (a deleted project's records are not exported).
fn in_live_projects<'a, T: Stamped + InProject + 'a>(
    ws: &'a Workspace,
    records: impl Iterator<Item = &'a T> + 'a,
) -> impl Iterator<Item = &'a T> + 'a {
    records.filter(|r| r.is_live() && ws.project(r.project_id()).is_some_and(|p| p.is_live()))
}

/// The owner's name, empty when there is none (not "Unassigned", which an import would take
/// for a person).
fn owner_name(ws: &Workspace, owner: Option<MemberId>) -> String {
    owner.map(|o| ws.member_name(Some(o))).unwrap_or_default()
}

fn project_name(ws: &Workspace, id: ProjectId) -> String {
    ws.project(id).map(|p| p.name.clone()).unwrap_or_default()
}

/// Every live project, one row each.
pub fn projects_csv(ws: &Workspace) -> String {
    let headers = [
        "name",
        "client",
        "reference",
        "owner",
        "stage",
        "value",
        "currency",
        "probability",
        "start date",
        "target date",
        "close date",
        "kind",
        "status",
        "description",
    ];
    table(
        &headers,
        ws.live_projects().map(|p| {
            vec![
                text(&p.name),
                text(&p.client),
                text(&p.reference),
                text(owner_name(ws, p.owner)),
                text(p.stage.label()),
                amount(&p.value),
                text(p.value.currency.code()),
                number(p.probability),
                date(Some(p.start_date)),
                date(Some(p.target_date)),
                date(p.close_date),
                text(p.kind.label()),
                text(p.status.label()),
                text(&p.description),
            ]
        }),
    )
}

/// Every live task of a live project, one row each.
pub fn tasks_csv(ws: &Workspace) -> String {
    let headers = [
        "project",
        "task",
        "milestone",
        "owner",
        "status",
        "due date",
        "completed on",
        "estimate hours",
        "duration days",
    ];
    let milestone = |id| {
        ws.milestones
            .get(id)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    table(
        &headers,
        in_live_projects(ws, ws.tasks.iter()).map(|t| {
            vec![
                text(project_name(ws, t.project_id)),
                text(&t.title),
                text(t.milestone_id.map(|m| milestone(m.0)).unwrap_or_default()),
                text(owner_name(ws, t.owner)),
                text(t.status.label()),
                date(t.due_date),
                date(t.completed_on),
                number(t.estimate_hours),
                number(t.duration_days),
            ]
        }),
    )
}

/// Every live milestone of a live project, one row each.
pub fn milestones_csv(ws: &Workspace) -> String {
    let headers = ["project", "milestone", "stage", "due date", "completed on"];
    table(
        &headers,
        in_live_projects(ws, ws.milestones.iter()).map(|m| {
            vec![
                text(project_name(ws, m.project_id)),
                text(&m.name),
                text(m.stage.map(|s| s.label()).unwrap_or_default()),
                date(m.due_date),
                date(m.completed_on),
            ]
        }),
    )
}

/// Every live risk of a live project, one row each.
pub fn risks_csv(ws: &Workspace) -> String {
    let headers = [
        "project",
        "risk",
        "category",
        "probability",
        "impact",
        "score",
        "level",
        "owner",
        "status",
        "mitigation",
        "contingency",
        "next review",
    ];
    table(
        &headers,
        in_live_projects(ws, ws.risks.iter()).map(|r| {
            vec![
                text(project_name(ws, r.project_id)),
                text(&r.description),
                text(&r.category),
                number(r.probability),
                number(r.impact),
                number(r.score()),
                text(r.level()),
                text(owner_name(ws, r.owner)),
                text(r.status.label()),
                text(&r.mitigation),
                text(&r.contingency),
                date(r.next_review),
            ]
        }),
    )
}

/// Which dated items a calendar holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarScope {
    /// One project's milestones and tasks.
    Project(ProjectId),
    /// Tasks owned by this member and milestones of the projects they own, across the
    /// workspace's open projects.
    Mine(MemberId),
}

/// An iCalendar file of the scope's milestones and open tasks that have a due date.
/// `now` stamps the events (DTSTAMP).
pub fn calendar(ws: &Workspace, scope: CalendarScope, now: DateTime<Utc>) -> String {
    let stamp = now.written("%Y%m%dT%H%M%SZ").to_string();
    let in_scope_project = |id: ProjectId| match scope {
        CalendarScope::Project(p) => p == id,
        CalendarScope::Mine(_) => ws
            .project(id)
            .is_some_and(|p| p.is_live() && p.status.is_open()),
    };
    let mut out = String::new();
    let mut line = |s: String| fold(&s, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Pursuit//Sales plans//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line(format!(
        "X-WR-CALNAME:{}",
        escape(&match scope {
            CalendarScope::Project(p) => project_name(ws, p),
            CalendarScope::Mine(m) => format!("{} — {}", ws.member_name(Some(m)), ws.name),
        })
    ));
    let mut event =
        |uid: String, day: NaiveDate, summary: String, description: String, extra: Vec<String>| {
            line("BEGIN:VEVENT".into());
            line(format!("UID:{uid}@pursuit"));
            line(format!("DTSTAMP:{stamp}"));
            line(format!("DTSTART;VALUE=DATE:{}", day.written("%Y%m%d")));
            if let Some(next) = day.succ_opt() {
                line(format!("DTEND;VALUE=DATE:{}", next.written("%Y%m%d")));
            }
            line(format!("SUMMARY:{}", escape(&summary)));
            if !description.is_empty() {
                line(format!("DESCRIPTION:{}", escape(&description)));
            }
            line("TRANSP:TRANSPARENT".into());
            for e in extra {
                line(e);
            }
            line("END:VEVENT".into());
        };
    for m in ws.milestones.iter().filter(|m| m.is_live()) {
        let mine = match scope {
            CalendarScope::Mine(me) => ws
                .project(m.project_id)
                .is_some_and(|p| p.owner == Some(me)),
            CalendarScope::Project(_) => true,
        };
        let (Some(day), true, true) = (m.due_date, mine, in_scope_project(m.project_id)) else {
            continue;
        };
        let done = m
            .completed_on
            .map(|d| format!(" (reached {d})"))
            .unwrap_or_default();
        event(
            m.id.to_text(),
            day,
            format!("Milestone: {}{done}", m.name),
            format!("Project: {}", project_name(ws, m.project_id)),
            alarms(&m.name, &m.reminders),
        );
    }
    for t in ws.tasks.iter().filter(|t| t.is_live()) {
        let mine = match scope {
            CalendarScope::Mine(me) => t.owner == Some(me),
            CalendarScope::Project(_) => true,
        };
        let open = t.status != TaskStatus::Done;
        let (Some(day), true, true, true) =
            (t.due_date, mine, open, in_scope_project(t.project_id))
        else {
            continue;
        };
        let owner = owner_name(ws, t.owner);
        let mut description = format!("Project: {}", project_name(ws, t.project_id));
        if !owner.is_empty() {
            description.push_str(&format!("\nOwner: {owner}"));
        }
        let mut extra = t
            .recurrence
            .as_ref()
            .map(|r| repeat_lines(r, &ws.settings.holidays))
            .unwrap_or_default();
        extra.extend(alarms(&t.title, &t.reminders));
        event(t.id.to_text(), day, t.title.clone(), description, extra);
    }
    line("END:VCALENDAR".into());
    out
}

/// Each reminder as an alarm, so the person's calendar app reminds them when Pursuit is
/// closed (relative to the all-day event's start: midnight).
fn alarms(title: &str, reminders: &[crate::model::reminder::Reminder]) -> Vec<String> {
    reminders
        .iter()
        .flat_map(|r| {
            [
                "BEGIN:VALARM".to_string(),
                "ACTION:DISPLAY".to_string(),
                format!("DESCRIPTION:{}", escape(&format!("Reminder: {title}"))),
                format!("TRIGGER:{}", r.trigger()),
                "END:VALARM".to_string(),
            ]
        })
        .collect()
}

/// A recurring task's event as one series: its rule from the current occurrence on (the
/// count left), and the holidays it skips as EXDATEs.
fn repeat_lines(
    rule: &crate::model::recurrence::Recurrence,
    holidays: &[NaiveDate],
) -> Vec<String> {
    let mut rest = rule.clone();
    rest.count = rule.count.map(|c| c.saturating_sub(rule.done).max(1));
    let mut out = vec![format!("RRULE:{}", rest.rrule())];
    if rule.skip_holidays {
        let skipped: Vec<String> = rule
            .dates(crate::model::limits::MAX_RECUR_COUNT as usize)
            .into_iter()
            .filter(|d| holidays.contains(d))
            .map(|d| d.written("%Y%m%d").to_string())
            .collect();
        if !skipped.is_empty() {
            out.push(format!("EXDATE;VALUE=DATE:{}", skipped.join(",")));
        }
    }
    out
}

/// Escapes text for an iCalendar value: backslash, semicolon, comma and line breaks.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (never inside a character), CRLF ended.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            // The continuation's leading space counts toward its 75 octets.
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

/// The file name of an export: `pursuit-northwind-sales-projects-2026-11-27.csv`.
pub fn file_name(of: &str, what: &str, day: NaiveDate, extension: &str) -> String {
    crate::engine::share::named("pursuit", of, Some(what), day, extension)
}
