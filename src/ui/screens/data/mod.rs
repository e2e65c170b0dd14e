//! The Data screen: export, import (validated, confirmed, never partial), and storage use.

pub mod merge;
pub mod scoring;
pub mod spreadsheet;

use crate::format;
use crate::model::common::plural;
use crate::model::limits;
use crate::storage::{self, idb::workspace_store};
use crate::ui::components::dialog::Confirm;
use crate::ui::components::layout::workspace_file;
use crate::ui::router::{navigate, Route};
use crate::ui::state::{now, use_app, Action};
use leptos::prelude::*;

/// Downloads one CSV table of the workspace.
fn download_table(what: &'static str) {
    use crate::engine::exports;
    let app = use_app();
    let Some((name, text)) = app.with_real(|ws| {
        let text = match what {
            "projects" => exports::projects_csv(ws),
            "tasks" => exports::tasks_csv(ws),
            "milestones" => exports::milestones_csv(ws),
            _ => exports::risks_csv(ws),
        };
        (
            exports::file_name(&ws.name, what, crate::ui::state::today(), "csv"),
            text,
        )
    }) else {
        return;
    };
    crate::ui::components::download::offer(&name, "text/csv;charset=utf-8", &text, "");
}

/// Downloads the calendar of the person this browser belongs to.
fn download_my_calendar() {
    use crate::engine::exports;
    let app = use_app();
    let Some(me) = app.me.get_untracked() else {
        return;
    };
    let Some((name, text)) = app.with_real(|ws| {
        (
            exports::file_name(
                &ws.member_name(Some(me)),
                "dates",
                crate::ui::state::today(),
                "ics",
            ),
            exports::calendar(ws, exports::CalendarScope::Mine(me), now()),
        )
    }) else {
        return;
    };
    crate::ui::components::download::offer(
        &name,
        "text/calendar;charset=utf-8",
        &text,
        "Open it with your calendar to add the dates.",
    );
}

#[component]
pub fn DataScreen() -> impl IntoView {
    let app = use_app();
    let summary = move || {
        app.with_real(|ws| ws.summary().describe())
            .unwrap_or_default()
    };
    let confirm_reset = RwSignal::new(false);
    let reset = move |_| match storage::clear_workspace(workspace_store().as_ref()) {
        Ok(()) => {
            confirm_reset.set(false);
            let _ = app.run(Action::Reset);
            navigate(&Route::Dashboard);
        }
        Err(e) => app.notify_error(format!("Could not clear the stored workspace: {e}")),
    };
    view! {
        <div class="page">
            <header class="page-head">
                <div>
                    <h1>"Data"</h1>
                    <p class="muted">"Your workspace lives in this browser. Share it with teammates as a file."</p>
                </div>
            </header>
            {move || app.scenario_label().map(|(name, _)| view! {
                <section class="card" data-testid="data-in-scenario">
                    <h2>"A scenario is open"</h2>
                    <p>{format!("You are looking at scenario “{name}”. Exports, imports, merges, storage and settings are about your real workspace, so they wait until the scenario is closed; it is kept and you can reopen it.")}</p>
                    <div class="button-row">
                        <button class="button primary" on:click=move |_| app.close_scenario()>"Close the scenario"</button>
                        <a class="button" href=Route::Scenarios.href()>"Compare and apply"</a>
                    </div>
                </section>
            })}
            <div class="cards" hidden=move || app.open_scenario_id().is_some()>
                <ExportCard />
                <section class="card">
                    <h2>"Import"</h2>
                    <p>"Open a Pursuit file. It is checked first; nothing changes unless every check passes and you confirm."</p>
                    <crate::ui::components::import_panel::ImportPanel />
                </section>
                <section class="card wide" data-testid="csv-card">
                    <h2>"Import from a spreadsheet (CSV)"</h2>
                    <p>"Bring deals in from a CRM export or a spreadsheet. You choose which column is which and see every row's fate before anything changes; the import adds to this workspace as one step you can undo."</p>
                    <spreadsheet::SpreadsheetImport />
                </section>
                <section class="card">
                    <h2>"Merge a teammate's file"</h2>
                    <p>"Bring in what a teammate changed without losing your own work. You see what the file brings, and choose where you both changed the same thing, before anything changes."</p>
                    <merge::MergePanel />
                </section>
                <StorageCard />
                <SettingsCard />
                <HealthSettingsCard />
                <scoring::ScoringSettingsCard />
                <section class="card danger-zone">
                    <h2>"Start over"</h2>
                    <p>"Remove the workspace from this browser and return to the first-run screen. Files you exported are not affected."</p>
                    <button class="button danger" on:click=move |_| confirm_reset.set(true)>"Remove workspace from this browser"</button>
                </section>
            </div>
            {move || confirm_reset.get().then(|| view! {
                <Confirm
                    title="Remove the workspace?".to_string()
                    message=format!("This deletes {} from this browser. Download a copy first if you may need it.", summary())
                    confirm_label="Remove".to_string()
                    danger=true
                    on_confirm=Callback::new(reset)
                    on_cancel=Callback::new(move |_| confirm_reset.set(false))
                />
            })}
        </div>
    }
}

/// The workspace as a file, and its tables and dates for spreadsheets and calendars.
#[component]
fn ExportCard() -> impl IntoView {
    let app = use_app();
    let seal = crate::ui::components::seal::SealChoice::new();
    let export = move |_| {
        if seal.busy.get_untracked().is_some() {
            return;
        }
        let Some((id, name, text)) = workspace_file() else {
            return;
        };
        crate::ui::components::seal::offer_file(seal, name, text, "", move |started| {
            if started {
                crate::storage::web::mark_exported(id);
            }
        });
    };
    let summary = move || {
        app.with_real(|ws| ws.summary().describe())
            .unwrap_or_default()
    };
    // Measured once when the screen opens (estimated from a sample beyond 300 projects, see
    // `format::file_size`): doing it on every change would make each edit slow while this
    // screen is shown.
    let export_size = app.with_real_untracked(|ws| format::file_size(ws, now()));
    view! {
    <section class="card">
        <h2>"Export"</h2>
        <p>{summary}</p>
        <p class="muted" data-testid="export-size">{match export_size {
            Some((bytes, true)) => format!("The file is readable JSON, about {} KB.", crate::model::common::group_thousands((bytes / 1000) as u64)),
            Some((bytes, false)) => format!("The file is readable JSON, about {} MB.", crate::model::common::group_thousands(((bytes + 500_000) / 1_000_000) as u64)),
            None => "The file is readable JSON.".to_string(),
        }}</p>
        <crate::ui::components::seal::SealFields choice=seal />
        <button class="button primary" on:click=export data-testid="export" disabled=move || seal.busy.get().is_some()>
            {move || if seal.sealing() { "Download sealed workspace (.pursuit)" } else { "Download workspace (.json)" }}
        </button>
        <h3 class="subhead">"For spreadsheets and calendars"</h3>
        <p class="muted">"CSV opens in Excel, Numbers or Sheets with accents intact; the projects table imports back here. The calendar file adds your dated tasks and milestones to Outlook, Google or Apple Calendar, and importing a newer one updates them."</p>
        <div class="button-row">
            {[("projects", "Projects (.csv)"), ("tasks", "Tasks (.csv)"), ("milestones", "Milestones (.csv)"), ("risks", "Risks (.csv)")].into_iter().map(|(what, label)| view! {
                <button class="button" data-testid=format!("csv-{what}") on:click=move |_| download_table(what)>{label}</button>
            }).collect_view()}
            <button class="button" data-testid="ics-mine" disabled=move || app.me.get().is_none()
                title=move || if app.me.get().is_none() { "Choose who you are (Team screen) to export your dates" } else { "Your open tasks and your projects' milestones" }
                on:click=move |_| download_my_calendar()>"My dates (.ics)"</button>
        </div>
    </section>
    }
}

/// What the workspace uses of the browser's storage, and what the history and undo keep.
#[component]
fn StorageCard() -> impl IntoView {
    let app = use_app();
    // Re-measured whenever the save status changes (after every save).
    let usage = Memo::new(move |_| {
        app.saving.status.track();
        storage::usage(workspace_store().as_ref()).ok()
    });
    view! {
    <section class="card">
        <h2>"Browser storage"</h2>
        {move || match usage.get() {
            Some(u) => {
                let part = |k: &str| u.get(k).copied().unwrap_or(0);
                let (projects, workspace, backups) = (part("projects"), part("workspace"), part("backups"));
                let total = projects + workspace + backups;
                let undo = storage::web::undo_units();
                let place = if storage::idb::current().is_some() {
                    "this browser's database (IndexedDB)"
                } else {
                    "this browser's local storage"
                };
                let quota = workspace_store().quota();
                let pct = quota.map(|q| total as f64 / q.max(1) as f64 * 100.0);
                let project_count = app.with_real(|ws| ws.projects.len()).unwrap_or(0);
                view! {
                    <p data-testid="storage-usage">
                        {match (quota, pct) {
                            (Some(q), Some(pct)) => format!(
                                "The workspace uses {} in {place}, of about {} it allows Pursuit ({}).",
                                storage::size(total),
                                storage::size(q),
                                if pct < 0.1 { "under 0.1 %".to_string() } else { format!("{pct:.1} %") },
                            ),
                            _ => format!("The workspace uses {} in {place}.", storage::size(total)),
                        }}
                    </p>
                    {pct.map(|pct| view! {
                        <div class="meter" role="img" aria-label=format!("{pct:.1} percent of storage used")>
                            <span style=format!("width: {:.1}%", pct.clamp(0.5, 100.0))></span>
                        </div>
                    })}
                    <table class="usage" data-testid="storage-breakdown">
                        <caption class="visually-hidden">"What uses the space"</caption>
                        <tbody>
                            <tr><th scope="row">{format!("Projects ({}), with their tasks, risks, people and change history", crate::model::common::group_thousands(project_count as u64))}</th><td class="num">{storage::size(projects)}</td></tr>
                            <tr><th scope="row">"Team: settings, members, playbooks, goals and quotas"</th><td class="num">{storage::size(workspace)}</td></tr>
                            <tr><th scope="row">"Undo steps (kept in local storage)"</th><td class="num">{if undo == 0 { "none".to_string() } else { storage::size(undo) }}</td></tr>
                            {(backups > 0).then(|| view! {
                                <tr><th scope="row">"Backups of unreadable data"</th><td class="num">{storage::size(backups)}</td></tr>
                            })}
                        </tbody>
                    </table>
                    {(backups > 0).then(|| view! {
                        <button class="button" data-testid="delete-backups" on:click=move |_| {
                            match storage::delete_backups(workspace_store().as_ref()) {
                                Ok(n) => app.notify(format!("Deleted {} of unreadable data.", plural(n, "backup", "backups"))),
                                Err(e) => app.notify_error(format!("Could not delete the backups: {e}")),
                            }
                            app.saving.status.update(|_| {});
                        }>"Delete backups"</button>
                    })}
                }.into_any()
            }
            None => view! { <p>"This browser does not let Pursuit read its storage."</p> }.into_any(),
        }}
        <p class="muted" data-testid="retention">{format!(
            "So the history never crowds out your work: it keeps the newest {} changes of each project and {} of the team's settings, and undo keeps the last {} steps (up to {} KB across reloads). Older entries go first.",
            limits::HISTORY_PER_PROJECT, limits::HISTORY_WORKSPACE, limits::UNDO_STEPS, limits::STORED_UNDO_BYTES / 1024
        )}</p>

    </section>
    }
}

/// Workspace settings: currency, fiscal year and the holidays the scheduler skips.
#[component]
fn SettingsCard() -> impl IntoView {
    let app = use_app();
    let initial = app.with_real(|ws| ws.settings.clone()).unwrap_or_default();
    let currency = RwSignal::new(initial.currency.code().to_string());
    let fiscal = RwSignal::new(initial.fiscal_year_start_month.to_string());
    let holidays = RwSignal::new(
        initial
            .holidays
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let always_seal = RwSignal::new(initial.always_seal);
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(code) = crate::model::Currency::parse(&currency.get_untracked()) else {
            error.set(Some("Use a three-letter currency code such as EUR.".into()));
            return;
        };
        let Some(month) = fiscal
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m))
        else {
            error.set(Some(
                "The fiscal year starts in a month from 1 to 12.".into(),
            ));
            return;
        };
        let mut days = Vec::new();
        for line in holidays
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            match crate::dates::parse_day(line) {
                Some(d) => days.push(d),
                None => {
                    error.set(Some(format!(
                        "“{line}” is not a date; write one date per line as YYYY-MM-DD."
                    )));
                    return;
                }
            }
        }
        crate::sorting::sort(&mut days);
        days.dedup();
        let Some(mut settings) = app.with_real(|ws| ws.settings.clone()) else {
            return;
        };
        settings.currency = code;
        settings.fiscal_year_start_month = month;
        settings.holidays = days;
        settings.always_seal = always_seal.get_untracked();
        if app
            .dispatch(crate::model::WorkspaceCommand::UpdateSettings(settings))
            .is_ok()
        {
            error.set(None);
            app.notify("Settings saved; plans are rescheduled around the holidays.");
        }
    };
    view! {
        <section class="card">
            <h2>"Settings"</h2>
            <form class="settings-form" on:submit=save>
                <label class="field"><span class="field-label">"Currency"</span>
                    <input type="text" prop:value=move || currency.get() on:input=move |ev| currency.set(event_target_value(&ev)) /></label>
                <label class="field"><span class="field-label">"Fiscal year starts in month (1–12)"</span>
                    <input type="text" inputmode="numeric" prop:value=move || fiscal.get() on:input=move |ev| fiscal.set(event_target_value(&ev)) /></label>
                <label class="field"><span class="field-label">"Holidays (one date per line, YYYY-MM-DD)"</span>
                    <textarea rows="4" name="holidays" prop:value=move || holidays.get() on:input=move |ev| holidays.set(event_target_value(&ev))></textarea></label>
                <label class="check-label">
                    <input type="checkbox" data-testid="always-seal" prop:checked=move || always_seal.get() on:change=move |ev| always_seal.set(event_target_checked(&ev)) />
                    " Always protect files that leave the browser with a passphrase"
                </label>
                <p class="field-hint">"Exports, shared projects and scenario files are then sealed; nobody on the team can download them unprotected. Spreadsheet (.csv), calendar (.ics) and status-update files stay readable: they are made for other apps. Live sync (“Sync with your team” on the Team screen) is not sealed: it sends the workspace to your team's own server."</p>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <button type="submit" class="button primary">"Save settings"</button>
            </form>
        </section>
    }
}

/// A health threshold's field: label, unit, the value as typed, the largest allowed.
type Threshold = (&'static str, &'static str, RwSignal<String>, u32);

fn threshold_fields(initial: &crate::model::HealthThresholds) -> Vec<Threshold> {
    use crate::model::limits::MAX_THRESHOLD_DAYS;
    vec![
        (
            "Milestone overdue, off track after",
            "days",
            RwSignal::new(initial.milestone_overdue_days.to_string()),
            MAX_THRESHOLD_DAYS,
        ),
        (
            "Critical path late, off track after",
            "working days",
            RwSignal::new(initial.critical_late_days.to_string()),
            MAX_THRESHOLD_DAYS,
        ),
        (
            "High risk from score",
            "1–25",
            RwSignal::new(initial.high_risk_score.to_string()),
            25,
        ),
        (
            "Costs at risk above",
            "% of budget",
            RwSignal::new(initial.budget_percent.to_string()),
            1000,
        ),
        (
            "Stage too long above",
            "% of typical",
            RwSignal::new(initial.stage_age_percent.to_string()),
            1000,
        ),
        (
            "New deals need no next step for",
            "days",
            RwSignal::new(initial.next_step_grace_days.to_string()),
            MAX_THRESHOLD_DAYS,
        ),
        (
            "A flagged deal slips out of its period with a chance of",
            "%",
            RwSignal::new(initial.flagged_slip_percent.to_string()),
            100,
        ),
    ]
}

/// The thresholds as typed, or what is wrong with the first field that is not a number in
/// range.
fn read_thresholds(
    numbers: &[Threshold],
    stages: &[(crate::model::Stage, RwSignal<String>)],
) -> Result<crate::model::HealthThresholds, String> {
    use crate::model::limits::MAX_THRESHOLD_DAYS;
    use crate::model::HealthThresholds;
    let mut values = Vec::new();
    for (label, unit, value, max) in numbers {
        match value.get_untracked().trim().parse::<u32>() {
            Ok(v) if v <= *max => values.push(v),
            _ => {
                return Err(format!(
                    "“{label}” takes a whole number of {unit} up to {max}."
                ))
            }
        }
    }
    let mut limits = HealthThresholds {
        milestone_overdue_days: values[0],
        critical_late_days: values[1],
        high_risk_score: values[2] as u8,
        budget_percent: values[3],
        stage_age_percent: values[4],
        typical_stage_days: Default::default(),
        next_step_grace_days: values[5],
        flagged_slip_percent: values[6],
    };
    for (stage, value) in stages {
        match value.get_untracked().trim().parse::<u32>() {
            Ok(v) if v <= MAX_THRESHOLD_DAYS => {
                limits.typical_stage_days.insert(*stage, v);
            }
            _ => {
                return Err(format!(
                "Typical days in {} are a whole number up to {MAX_THRESHOLD_DAYS} (0 turns the check off).",
                stage.label()
            ))
            }
        }
    }
    match limits.problems().into_iter().next() {
        Some(problem) => Err(problem),
        None => Ok(limits),
    }
}

/// The lines the health check draws, adjustable per workspace.
#[component]
fn HealthSettingsCard() -> impl IntoView {
    use crate::model::Stage;
    let app = use_app();
    let initial = app
        .with(|ws| ws.settings.health.clone())
        .unwrap_or_default();
    let numbers = threshold_fields(&initial);
    let stages: Vec<(Stage, RwSignal<String>)> = Stage::ALL
        .iter()
        .filter(|s| **s != Stage::Closed)
        .map(|s| {
            (
                *s,
                RwSignal::new(initial.typical_days(*s).unwrap_or(0).to_string()),
            )
        })
        .collect();
    let error = RwSignal::new(None::<String>);
    let read = {
        let (numbers, stages) = (numbers.clone(), stages.clone());
        move || read_thresholds(&numbers, &stages)
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let limits = match read() {
            Ok(l) => l,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let Some(mut settings) = app.with_real(|ws| ws.settings.clone()) else {
            return;
        };
        settings.health = limits;
        match app.dispatch(crate::model::WorkspaceCommand::UpdateSettings(settings)) {
            Ok(_) => {
                error.set(None);
                app.notify("Health thresholds saved; every project's health is re-checked.");
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <section class="card">
            <h2>"Health thresholds"</h2>
            <p class="muted">"Where a project turns at risk or off track. The defaults follow common sales practice."</p>
            <form class="settings-form thresholds" on:submit=save data-testid="health-settings">
                <div class="threshold-grid">
                    {numbers.into_iter().map(|(label, unit, value, _)| view! {
                        <label class="field"><span class="field-label">{label}</span>
                            <span class="with-unit">
                                <input type="text" inputmode="numeric" name=label prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                                <span class="unit">{unit}</span>
                            </span>
                        </label>
                    }).collect_view()}
                </div>
                <fieldset class="stage-days">
                    <legend class="field-label">"Typical days in each stage"</legend>
                    {stages.into_iter().map(|(stage, value)| view! {
                        <label class="field"><span class="field-label">{stage.label()}</span>
                            <input type="text" inputmode="numeric" name=format!("typical-{}", stage.key()) prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                        </label>
                    }).collect_view()}
                </fieldset>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <button type="submit" class="button primary">"Save thresholds"</button>
            </form>
        </section>
    }
}
