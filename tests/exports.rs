//! Plans out to spreadsheets and calendars: the projects table imports back as the same
//! projects, cells a spreadsheet would run are defused, and the calendar is valid RFC 5545
//! (folded, escaped, stable UIDs). The calendar is also parsed by ical.js in the e2e tests.

mod common;

use common::{at, context, sample, today};
use pursuit::engine::exports::{self, CalendarScope};
use pursuit::engine::spreadsheet::{self, guess, preview};
use pursuit::engine::validate::validate;
use pursuit::model::command::apply;
use pursuit::model::{Currency, SequentialIds, Workspace, WorkspaceId};

fn empty() -> Workspace {
    Workspace::new(WorkspaceId(uuid::Uuid::nil()), "Empty".into(), at(0))
}

/// What a project is, as the projects table carries it.
fn carried(ws: &Workspace) -> Vec<String> {
    let mut all: Vec<String> = ws
        .live_projects()
        .map(|p| {
            format!(
                "{}|{}|{}|{:?}|{:?}|{:?}|{}|{}|{}|{}|{:?}|{}",
                p.name,
                p.client,
                p.reference,
                p.owner.map(|o| ws.member_name(Some(o))),
                p.stage,
                p.status,
                p.value.display(),
                p.probability,
                p.start_date,
                p.target_date,
                p.close_date,
                p.description
            )
        })
        .collect();
    pursuit::sorting::sort(&mut all);
    all
}

#[test]
fn the_projects_table_imports_back_as_the_same_projects() {
    let mut ws = sample();
    // A reference, a formula-like name and a multi-line description must all survive.
    let first = ws.projects[0].id;
    let p = ws.projects.get_mut(first.0).unwrap();
    p.reference = "OPP-1".into();
    p.name = "=Acme, \"quoted\" deal".into();
    p.description = "Line one\nline two; with, punctuation".into();
    // No owner stays no owner (not a member called "Unassigned").
    let second = ws.projects[1].id;
    ws.projects.get_mut(second.0).unwrap().owner = None;
    let text = exports::projects_csv(&ws);
    assert!(text.starts_with('\u{FEFF}'), "a byte-order mark first");
    assert!(text.contains("\r\n"), "CRLF line ends");
    let sheet = spreadsheet::read(text.as_bytes()).unwrap();
    assert_eq!(sheet.rows.len(), ws.live_projects().count());
    let mapping = guess(&sheet, &Currency::default());
    let target = empty();
    let plan = preview(
        &target,
        &sheet,
        &mapping,
        today(),
        &mut SequentialIds::starting_at(70_000),
    );
    assert_eq!(plan.skipped(), 0, "{:?}", plan.rows);
    let command = plan.command().unwrap();
    let change = apply(&target, command, &context(at(5), None, 1)).unwrap();
    let mut back = target.clone();
    back.commit(&change);
    assert_eq!(validate(&back), vec![]);
    // The formula guard is the one change: a leading apostrophe the reader keeps.
    let mut expected = carried(&ws);
    for line in expected.iter_mut() {
        if line.starts_with('=') {
            *line = format!("'{line}");
        }
    }
    assert!(!expected.is_empty());
    assert_eq!(carried(&back), expected);
}

#[test]
fn cells_a_spreadsheet_would_run_are_defused_and_numbers_are_not() {
    let mut ws = sample();
    let first = ws.projects[0].id;
    let p = ws.projects.get_mut(first.0).unwrap();
    p.name = "=HYPERLINK(\"http://evil\",\"x\")".into();
    p.client = "+cmd".into();
    p.description = "@SUM(1)".into();
    p.reference = "-2+3".into();
    let text = exports::projects_csv(&ws);
    let sheet = spreadsheet::read(text.as_bytes()).unwrap();
    let row = sheet
        .rows
        .iter()
        .find(|r| r.cells[0].contains("HYPERLINK"))
        .unwrap();
    for cell in &row.cells {
        assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
    }
    assert_eq!(row.cells[0], "'=HYPERLINK(\"http://evil\",\"x\")");
    // Money is a plain number in major units with its currency beside it.
    let value = &row.cells[sheet.columns.iter().position(|c| c == "value").unwrap()];
    assert!(value.parse::<f64>().is_ok(), "{value}");
}

#[test]
fn tasks_milestones_and_risks_tables_have_a_row_per_live_record() {
    let ws = sample();
    for (text, count) in [
        (
            exports::tasks_csv(&ws),
            ws.tasks
                .iter()
                .filter(|t| t.stamp.deleted_at.is_none())
                .count(),
        ),
        (
            exports::milestones_csv(&ws),
            ws.milestones
                .iter()
                .filter(|m| m.stamp.deleted_at.is_none())
                .count(),
        ),
        (
            exports::risks_csv(&ws),
            ws.risks
                .iter()
                .filter(|r| r.stamp.deleted_at.is_none())
                .count(),
        ),
    ] {
        assert!(count > 0);
        let sheet = spreadsheet::read(text.as_bytes()).unwrap();
        assert!(sheet.has_header);
        assert_eq!(sheet.rows.len(), count);
        assert!(sheet
            .rows
            .iter()
            .all(|r| r.cells.len() == sheet.columns.len()));
    }
}

#[test]
fn the_calendar_is_folded_escaped_and_keeps_its_uids() {
    let mut ws = sample();
    let project = ws.projects[0].id;
    let task = ws
        .tasks
        .iter()
        .find(|t| {
            t.project_id == project
                && t.due_date.is_some()
                && t.status != pursuit::model::TaskStatus::Done
        })
        .unwrap()
        .id;
    let t = ws.tasks.get_mut(task.0).unwrap();
    t.title = format!("Call; the CFO, then\\notes — {}", "long ".repeat(30));
    let ics = exports::calendar(&ws, CalendarScope::Project(project), at(0));
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n'));
    }
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("SUMMARY:Call\\; the CFO\\, then\\\\notes — long"));
    assert!(unfolded.contains(&format!("UID:{task}@pursuit")));
    let events = unfolded.matches("BEGIN:VEVENT").count();
    assert!(events > 0);
    assert_eq!(events, unfolded.matches("END:VEVENT").count());
    // The same data exported later has the same UIDs: calendars update instead of adding.
    let later =
        exports::calendar(&ws, CalendarScope::Project(project), at(600)).replace("\r\n ", "");
    let uids = |s: &str| {
        s.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&unfolded), uids(&later));
}

#[test]
fn my_calendar_holds_only_my_open_tasks_and_my_projects_milestones() {
    let ws = sample();
    let me = ws.tasks.iter().find_map(|t| t.owner).unwrap();
    let ics = exports::calendar(&ws, CalendarScope::Mine(me), at(0)).replace("\r\n ", "");
    let mine_open = ws
        .tasks
        .iter()
        .filter(|t| {
            t.owner == Some(me)
                && t.due_date.is_some()
                && t.status != pursuit::model::TaskStatus::Done
        })
        .filter(|t| ws.project(t.project_id).is_some_and(|p| p.status.is_open()))
        .count();
    assert!(mine_open > 0);
    for t in ws.tasks.iter().filter(|t| t.owner != Some(me)) {
        assert!(
            !ics.contains(&format!("UID:{}@pursuit", t.id)),
            "{}",
            t.title
        );
    }
    let task_events = ws
        .tasks
        .iter()
        .filter(|t| ics.contains(&format!("UID:{}@pursuit", t.id)))
        .count();
    assert_eq!(task_events, mine_open);
}

#[test]
fn export_files_are_named_like_the_workspace_files() {
    let day = common::d("2026-11-27");
    assert_eq!(
        exports::file_name("Northwind Sales", "projects", day, "csv"),
        "pursuit-northwind-sales-projects-2026-11-27.csv"
    );
    assert_eq!(
        exports::file_name("Jonas Berg", "dates", day, "ics"),
        "pursuit-jonas-berg-dates-2026-11-27.ics"
    );
    // A name with no letters or digits adds nothing.
    assert_eq!(
        exports::file_name("—", "risks", day, "csv"),
        "pursuit-risks-2026-11-27.csv"
    );
}
