//! The documented range of every value a person or a file can set.
//!
//! One set of limits, enforced the same way whether a value is typed in a form, arrives in
//! an imported or merged file, or is read back from storage: validation
//! (`engine::validate`) refuses anything outside them with a message naming the field, the
//! record, the value and what is allowed. The engines never panic on values outside them
//! either (stored data from before a limit existed is shown with its problems, not
//! refused): date arithmetic saturates at [`EARLIEST_DATE`] and [`LATEST_DATE`] and money
//! sums saturate. `docs/limits.md` lists the same numbers; a test reads both.

use chrono::NaiveDate;

/// The earliest date any field may hold.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};
/// The latest date any field may hold.
pub const LATEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// Characters in a name or title (project, client, task, person, template …).
pub const NAME_CHARS: usize = 200;
/// Characters in a long text (description, summary, note, mitigation …).
pub const TEXT_CHARS: usize = 5_000;
/// Characters in an e-mail address.
pub const EMAIL_CHARS: usize = 254;

/// A task's length in working days (0 makes it a checkpoint; about ten years at most).
pub const MAX_DURATION_DAYS: u32 = 2_500;
/// A dependency's lag in working days, either way.
pub const MAX_LAG_DAYS: i32 = 2_500;
/// A task's effort estimate in hours.
pub const MAX_ESTIMATE_HOURS: f64 = 10_000.0;
/// A member's weekly capacity in hours.
pub const MAX_WEEKLY_HOURS: u32 = 168;
/// Any amount of money, in minor units (cents): 100 billion in a two-decimal currency.
/// A hundred thousand such amounts still sum without overflowing.
pub const MAX_AMOUNT_MINOR: i64 = 10_000_000_000_000;
/// A quota's target (money in minor units, or a count), like any amount.
pub const MAX_QUOTA_TARGET: i64 = MAX_AMOUNT_MINOR;
/// The size of a project goal's target and current numbers, either way.
pub const MAX_GOAL_NUMBER: f64 = 1_000_000_000_000.0;
/// A position in a list (milestones, tasks), either way.
pub const MAX_ORDER: i64 = 1_000_000_000;
/// Scoring criteria in a workspace.
pub const MAX_CRITERIA: usize = 20;
/// The largest weight of one scoring criterion.
pub const MAX_CRITERION_WEIGHT: u32 = 100;
/// People and weeks a proposal may say it needs.
pub const MAX_PEOPLE_NEEDED: u32 = 1_000;
pub const MAX_WEEKS_NEEDED: u32 = 520;
/// Periods of time off one member may list.
pub const MAX_TIME_OFF: usize = 200;
/// Days in a health threshold (overdue milestone, typical stage length).
pub const MAX_THRESHOLD_DAYS: u32 = 3_650;
/// A health threshold in percent (budget, stage age).
pub const MAX_THRESHOLD_PERCENT: u32 = 10_000;

/// Holidays in the workspace calendar.
pub const MAX_HOLIDAYS: usize = 1_000;
/// Predecessors of one task.
pub const MAX_DEPENDENCIES: usize = 100;
/// Entries in a project's stage log (`Project::stage_log`).
pub const STAGE_LOG_ENTRIES: usize = 100;
/// Projects in a workspace, deleted ones included.
pub const MAX_PROJECTS: usize = 20_000;
/// Records of one kind (tasks, risks, people …) in one project, deleted ones included.
pub const MAX_RECORDS_PER_PROJECT: usize = 5_000;
/// Members, templates or quotas in a workspace.
pub const MAX_WORKSPACE_RECORDS: usize = 5_000;
/// Stages, exit criteria or tasks in one template stage.
pub const MAX_TEMPLATE_ITEMS: usize = 200;
/// Size of a file Pursuit reads (import, merge), in bytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Size of a spreadsheet (CSV) Pursuit imports, in bytes: far above a CRM export of tens of
/// thousands of deals (the 8,800-deal sample is 0.6 MB), well below what would freeze the page.
pub const MAX_CSV_BYTES: usize = 10 * 1024 * 1024;

/// History entries kept per project; older ones are dropped (see `engine::history::prune`).
pub const HISTORY_PER_PROJECT: usize = 200;
/// History entries kept for the workspace itself (team, templates, settings).
pub const HISTORY_WORKSPACE: usize = 500;
/// Undo steps kept in memory.
pub const UNDO_STEPS: usize = 150;
/// Undo history stored across reloads, in bytes of JSON.
pub const STORED_UNDO_BYTES: usize = 1024 * 1024;
/// One undo step larger than this stays in memory only.
pub const STORED_UNDO_STEP_BYTES: usize = 256 * 1024;

/// The furthest a Today line can be snoozed, in days from today: further off, a follow-up
/// is not a follow-up; reschedule it or close it.
pub const SNOOZE_MAX_DAYS: i64 = 365;

/// The longest `mailto:` link Pursuit opens, in characters: what mail apps and browsers
/// reliably take. A longer update is put on the clipboard instead.
pub const MAILTO_CHARS: usize = 2000;

/// A recurring task repeats every 1 to this many days, weeks or months.
pub const MAX_RECUR_INTERVAL: u32 = 99;
/// A recurring task with a count has 1 to this many occurrences.
pub const MAX_RECUR_COUNT: u32 = 999;

/// Reminders a task or milestone can carry.
pub const MAX_REMINDERS: usize = 3;
/// How far ahead of its due time a reminder may fire, in days.
pub const MAX_REMINDER_DAYS: u32 = 30;

/// Every limit by name with its value as written in `docs/limits.md`.
pub fn documented() -> Vec<(&'static str, String)> {
    vec![
        ("EARLIEST_DATE", EARLIEST_DATE.to_string()),
        ("LATEST_DATE", LATEST_DATE.to_string()),
        ("NAME_CHARS", NAME_CHARS.to_string()),
        ("TEXT_CHARS", TEXT_CHARS.to_string()),
        ("EMAIL_CHARS", EMAIL_CHARS.to_string()),
        ("MAX_DURATION_DAYS", MAX_DURATION_DAYS.to_string()),
        ("MAX_LAG_DAYS", MAX_LAG_DAYS.to_string()),
        ("MAX_ESTIMATE_HOURS", MAX_ESTIMATE_HOURS.to_string()),
        ("MAX_WEEKLY_HOURS", MAX_WEEKLY_HOURS.to_string()),
        ("MAX_AMOUNT_MINOR", MAX_AMOUNT_MINOR.to_string()),
        ("MAX_QUOTA_TARGET", MAX_QUOTA_TARGET.to_string()),
        ("MAX_GOAL_NUMBER", MAX_GOAL_NUMBER.to_string()),
        ("MAX_ORDER", MAX_ORDER.to_string()),
        ("MAX_CRITERIA", MAX_CRITERIA.to_string()),
        ("MAX_CRITERION_WEIGHT", MAX_CRITERION_WEIGHT.to_string()),
        ("MAX_PEOPLE_NEEDED", MAX_PEOPLE_NEEDED.to_string()),
        ("MAX_WEEKS_NEEDED", MAX_WEEKS_NEEDED.to_string()),
        ("MAX_TIME_OFF", MAX_TIME_OFF.to_string()),
        ("MAX_THRESHOLD_DAYS", MAX_THRESHOLD_DAYS.to_string()),
        ("MAX_THRESHOLD_PERCENT", MAX_THRESHOLD_PERCENT.to_string()),
        ("MAX_HOLIDAYS", MAX_HOLIDAYS.to_string()),
        ("MAX_DEPENDENCIES", MAX_DEPENDENCIES.to_string()),
        ("MAX_PROJECTS", MAX_PROJECTS.to_string()),
        (
            "MAX_RECORDS_PER_PROJECT",
            MAX_RECORDS_PER_PROJECT.to_string(),
        ),
        ("MAX_WORKSPACE_RECORDS", MAX_WORKSPACE_RECORDS.to_string()),
        ("MAX_TEMPLATE_ITEMS", MAX_TEMPLATE_ITEMS.to_string()),
        ("MAX_FILE_BYTES", MAX_FILE_BYTES.to_string()),
        ("MAX_CSV_BYTES", MAX_CSV_BYTES.to_string()),
        ("HISTORY_PER_PROJECT", HISTORY_PER_PROJECT.to_string()),
        ("HISTORY_WORKSPACE", HISTORY_WORKSPACE.to_string()),
        ("UNDO_STEPS", UNDO_STEPS.to_string()),
        ("SNOOZE_MAX_DAYS", SNOOZE_MAX_DAYS.to_string()),
        ("MAILTO_CHARS", MAILTO_CHARS.to_string()),
        ("MAX_RECUR_INTERVAL", MAX_RECUR_INTERVAL.to_string()),
        ("MAX_RECUR_COUNT", MAX_RECUR_COUNT.to_string()),
        ("MAX_REMINDERS", MAX_REMINDERS.to_string()),
        ("MAX_REMINDER_DAYS", MAX_REMINDER_DAYS.to_string()),
        ("STORED_UNDO_BYTES", STORED_UNDO_BYTES.to_string()),
        ("STORED_UNDO_STEP_BYTES", STORED_UNDO_STEP_BYTES.to_string()),
    ]
}

/// Whether a date lies in the documented range.
pub fn date_in_range(d: NaiveDate) -> bool {
    (EARLIEST_DATE..=LATEST_DATE).contains(&d)
}

/// Moves a date into the documented range (for arithmetic on data that failed validation).
pub fn clamp_date(d: NaiveDate) -> NaiveDate {
    d.clamp(EARLIEST_DATE, LATEST_DATE)
}

/// A date `days` later (earlier when negative), stopping at the documented range.
pub fn add_days(d: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        d.checked_add_days(chrono::Days::new(days.unsigned_abs()))
    } else {
        d.checked_sub_days(chrono::Days::new(days.unsigned_abs()))
    };
    clamp_date(moved.unwrap_or(if days >= 0 {
        LATEST_DATE
    } else {
        EARLIEST_DATE
    }))
}

/// Adds amounts of money without overflowing: the sum stops at the largest `i64`.
pub fn add_minor(a: i64, b: i64) -> i64 {
    a.saturating_add(b)
}

/// Sums amounts of money without overflowing.
pub fn sum_minor(amounts: impl IntoIterator<Item = i64>) -> i64 {
    amounts.into_iter().fold(0, add_minor)
}
