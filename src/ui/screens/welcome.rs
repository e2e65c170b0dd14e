//! The first-run screen: what Pursuit is, and the ways in.

use crate::model::Workspace;
use crate::sample::sample_workspace;
use crate::storage::StoreError;
use crate::ui::components::dialog::Confirm;
use crate::ui::components::import_panel::ImportPanel;
use crate::ui::router::{navigate, Route};
use crate::ui::state::{now, today, use_app, Action, SaveStatus};
use crate::ui::RandomIds;
use leptos::prelude::*;

/// How the person chose to start.
#[derive(Clone, Copy, PartialEq)]
enum Start {
    Empty,
    Sample,
    /// An empty workspace that takes the team's from its CouchDB server (Team → Sync).
    Join,
}

#[component]
pub fn Welcome() -> impl IntoView {
    let app = use_app();
    // Unreadable stored data that could not be backed up is only replaced after a warning.
    let asking = RwSignal::new(None::<Start>);
    let unprotected = move || {
        app.notices
            .recovery
            .with(|r| r.as_ref().is_some_and(|r| r.backup_key.is_none()))
    };
    let start_empty = move |join: bool| {
        let mut ids = RandomIds;
        let mut ws = Workspace::new(
            crate::model::IdSource::next(&mut ids),
            "My sales team".into(),
            now(),
        );
        // Planning backwards from a playbook is the heart of it: a new workspace starts with
        // the built-in ones (removable; Templates → "Add missing built-ins" brings them back).
        // Joining takes the team's playbooks with its workspace.
        if !join {
            ws.templates = crate::model::playbooks::builtin(&mut ids, now());
        }
        let id = ws.id;
        if let Err(reason) = app.run(Action::Open(Box::new(ws))) {
            app.notify_error(format!("Could not start a workspace: {reason}"));
            return;
        }
        navigate(&Route::Team);
        if join {
            crate::ui::focus::focus_when_drawn("[data-testid=sync-panel] input[name=url]");
            app.notify("Give your team's server, database, user name and password under “Sync with your team”: the team's workspace comes down here.");
            return;
        }
        // A workspace started empty shows the five set-up steps until they are done.
        crate::storage::web::set_setup_state(id, "open");
        app.notify("Your workspace is ready. Add your team, then tell Pursuit which one is you.");
    };
    let load_sample = move || {
        let sample = sample_workspace(now(), today(), &mut RandomIds);
        if let Err(reason) = app.run(Action::Open(Box::new(sample))) {
            app.notify_error(format!("Could not load the sample: {reason}"));
            return;
        }
        navigate(&Route::Projects(Default::default()));
        app.notify("The sample workspace is loaded: a sales team with nine projects to explore.");
    };
    let choose = move |start: Start| {
        if unprotected() {
            asking.set(Some(start));
        } else if start == Start::Empty || start == Start::Join {
            start_empty(start == Start::Join);
        } else {
            load_sample();
        }
    };
    let recovering = move || app.notices.recovery.with(|r| r.is_some());
    view! {
        <main class="welcome" id="main">
            {move || recovering().then(|| view! { <RecoveryNote /> })}
            {move || (app.saving.status.get() == SaveStatus::Failed(StoreError::Unavailable)).then(|| view! {
                <div class="banner error" role="alert" data-testid="storage-blocked">
                    <div>
                        <strong>"This browser is not keeping data for Pursuit. "</strong>
                        "Site data is blocked (private mode or the browser's settings). You can work as usual, but nothing is stored: download a copy from the Data screen before closing the tab."
                    </div>
                </div>
            })}
            <section class="welcome-card">
                <p class="logo big" aria-hidden="true">"P"</p>
                <h1>"Pursuit"</h1>
                <p class="lead">
                    "Run every deal, campaign and pursuit as a project: start from the goal and the target date, plan the milestones of each sales stage backwards, and see which projects need help."
                </p>
                <ul class="welcome-points">
                    <li><strong>"Plans that work backwards"</strong>" — milestones per stage, tasks with owners, deadlines and dependencies."</li>
                    <li><strong>"Your data stays with you"</strong>" — everything is kept in this browser and works offline; no account, and no server unless your team sets one up."</li>
                    <li><strong>"Shared by file or live"</strong>" — export the workspace as JSON for a teammate, or sync it through your team's own CouchDB server."</li>
                </ul>
                <div class="welcome-actions">
                    <button class="button primary large" on:click=move |_| choose(Start::Sample)>"Load the sample workspace"</button>
                    <button class="button large" on:click=move |_| choose(Start::Empty)>"Start an empty workspace"</button>
                    <button class="button large" on:click=move |_| choose(Start::Join)>"Join my team's server"</button>
                </div>
                <details class="welcome-import">
                    <summary>"Or open a workspace file"</summary>
                    <ImportPanel />
                </details>
            </section>
            {move || asking.get().map(|start| view! {
                <Confirm
                    title="Replace the unreadable data?".to_string()
                    message="The stored text that could not be read has no backup copy in this browser. Starting now replaces it for good; download it first if you may need it.".to_string()
                    confirm_label="Replace it".to_string()
                    danger=true
                    on_cancel=Callback::new(move |_| asking.set(None))
                    on_confirm=Callback::new(move |_| {
                        asking.set(None);
                        if start == Start::Sample { load_sample() } else { start_empty(start == Start::Join) }
                    })
                />
            })}
        </main>
    }
}

#[component]
fn RecoveryNote() -> impl IntoView {
    let app = use_app();
    move || {
        app.notices.recovery.get().map(|r| {
            let raw = r.raw.clone();
            view! {
                <div class="banner warning" role="alert" data-testid="recovery">
                    <div>
                        <strong>"Your saved workspace could not be opened. "</strong>
                        {format!("Reason: {}. ", r.reason)}
                        {match r.backup_key {
                            Some(key) => format!("The stored text is kept untouched and copied to “{key}”; download it before you start again."),
                            None => "The stored text is kept untouched; download it before you start again, because starting over replaces it.".to_string(),
                        }}
                    </div>
                    <div class="banner-actions">
                        <button
                            class="button primary"
                            on:click=move |_| {
                                crate::ui::components::download::download("pursuit-unreadable-storage.json", "application/json", &raw);
                            }
                        >
                            "Download stored text"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
