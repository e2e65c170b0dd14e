//! Team → Sync: connect this workspace to the team's CouchDB server (address, database,
//! user name, password), see where sync stands, and disconnect. The password is sent once
//! to open a session and never kept.

use crate::sync::replicate::server;
use crate::ui::state::{use_app, Joining, SyncStatus};
use leptos::prelude::*;

#[component]
pub fn SyncPanel() -> impl IntoView {
    let app = use_app();
    let connected = move || app.sync.server.get();
    view! {
        <section class="card sync-panel" data-testid="sync-panel" aria-labelledby="sync-title">
            <h2 id="sync-title">"Sync with your team"</h2>
            {move || match connected() {
                Some(s) => view! { <Connected url=s.url db=s.db user=s.user /> }.into_any(),
                None => view! { <ConnectForm /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Connected(url: String, db: String, user: String) -> impl IntoView {
    let app = use_app();
    let status = move || app.sync.status.get();
    let detail = move || {
        match status() {
        SyncStatus::Problem(reason) => Some(reason),
        SyncStatus::SignIn => Some("The server no longer accepts this browser's session (it expired, or was signed out). Your changes are kept here; sign in again to send them.".into()),
        SyncStatus::Offline { .. } => Some("The server can't be reached. Your changes are kept here and go up when it answers.".into()),
        _ => None,
    }
    };
    view! {
        <p>{format!("Syncing this workspace with “{db}” on {url} as {user}.")}</p>
        <p data-testid="sync-state" role="status">{move || status().words()}</p>
        {move || detail().map(|d| view! { <p class="field-error">{d}</p> })}
        {move || (status() == SyncStatus::SignIn).then(|| view! { <SignInAgain /> })}
        {move || {
            let aside = app.sync.aside.get();
            (!aside.is_empty()).then(|| view! {
                <div class="notice error" data-testid="sync-aside">
                    <p>{format!("{} from the server could not be read and {} kept aside:", crate::model::common::plural(aside.len(), "document", "documents"), if aside.len() == 1 { "is" } else { "are" })}</p>
                    <ul>{aside.into_iter().map(|a| view! { <li>{a.reason}</li> }).collect_view()}</ul>
                </div>
            })
        }}
        <SyncConflicts />
        <div class="button-row">
            <button type="button" class="button" on:click=move |_| app.sync_now()>"Sync now"</button>
            <button type="button" class="button danger-text" on:click=move |_| app.disconnect()>"Disconnect"</button>
        </div>
    }
}

#[component]
fn ConnectForm() -> impl IntoView {
    let app = use_app();
    let url = RwSignal::new(String::new());
    let db = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(&'static str, String)>::new());
    let failed = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The database holds the team's workspace and this browser its own: the choice.
    let choosing = RwSignal::new(None::<(crate::sync::replicate::Server, String)>);
    let error_of = move |field: &'static str| {
        errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failed.set(None);
        let checked = server(
            &url.get_untracked(),
            &db.get_untracked(),
            &user.get_untracked(),
        );
        let server = match checked {
            Ok(s) => s,
            Err(e) => return errors.set(e),
        };
        errors.set(Vec::new());
        if password.with_untracked(String::is_empty) {
            return errors.set(vec![(
                "password",
                "Type your password: it opens a session and is not kept.".into(),
            )]);
        }
        let typed = password.get_untracked();
        password.set(String::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            match app.connect(server.clone(), typed).await {
                Err(reason) => failed.set(Some(reason)),
                Ok(Joining::Choose { team }) => choosing.set(Some((server, team))),
                Ok(Joining::Syncing) => {}
            }
            busy.set(false);
        });
    };
    let field = move |name: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      value: RwSignal<String>,
                      hint: &'static str| {
        view! {
            <label class="field">
                <span class="field-label">{label}</span>
                <input type=kind name=name autocomplete=if kind == "password" { "current-password" } else { "off" }
                    aria-invalid=move || error_of(name).is_some().to_string()
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                <span class="field-hint muted">{hint}</span>
                {move || error_of(name).map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            </label>
        }
    };
    view! {
        <p class="muted">"For a team that outgrows passing files: everyone's changes meet on your own CouchDB server (CouchDB 3, Cloudant, or any server that speaks its replication protocol) and appear on every teammate's screen. Work goes on offline and goes up when the server answers. Without a server, nothing leaves this browser."</p>
        <form class="form-grid sync-form" on:submit=submit>
            {field("url", "Server address", "url", url, "e.g. https://couch.example.com")}
            {field("db", "Database", "text", db, "The team's database, e.g. sales-team")}
            {field("user", "User name", "text", user, "")}
            {field("password", "Password", "password", password, "Opens a session; never kept")}
            {move || failed.get().map(|f| view! { <p class="field-error" role="alert" data-testid="sync-failed">{f}</p> })}

            <div class="button-row">
                <button type="submit" class="button primary" disabled=move || busy.get()>{move || if busy.get() { "Connecting…" } else { "Connect" }}</button>
            </div>
        </form>
        {move || choosing.get().map(|(server, team)| view! {
            <JoinChoice server team on_done=Callback::new(move |_| choosing.set(None)) />
        })}
    }
}

/// Records edited here and by a teammate in the same fields: both versions in the conflict
/// view, the later edit preselected (it is what every replica holds until someone chooses).
#[component]
fn SyncConflicts() -> impl IntoView {
    let app = use_app();
    let choices = RwSignal::new(crate::engine::merge::Choices::new());
    let shown = move || {
        let decided = app.sync.decided.get();
        app.with_real(|ws| {
            decided
                .iter()
                .filter_map(|d| crate::sync::conflicts::conflict(ws, d))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    let name_of = move |id: Option<crate::model::MemberId>| -> String {
        app.with_real(|ws| crate::ui::components::conflict::editor_name(id, &[ws]))
            .unwrap_or_default()
    };
    move || {
        let conflicts = shown();
        (!conflicts.is_empty()).then(|| view! {
            <section class="conflicts" data-testid="sync-conflicts" aria-labelledby="sync-conflicts-title">
                <h3 id="sync-conflicts-title">{format!("Changed here and by a teammate ({})", conflicts.len())}</h3>
                <p class="muted">"You both changed the same fields while apart. The later change is on everyone's screen for now; pick the version to keep and it goes to the whole team."</p>
                {conflicts.into_iter().map(|c| view! { <crate::ui::components::conflict::ConflictCard c choices name_of /> }).collect_view()}
                <div class="button-row">
                    <button type="button" class="button primary" on:click=move |_| {
                        app.choose_in_conflicts(&choices.get_untracked());
                        choices.set(Default::default());
                    }>"Keep these versions"</button>
                </div>
            </section>
        })
    }
}

/// The database holds the team's workspace and this browser holds work of its own: merge
/// it into the team's (the team's workspace is read, then the merge preview shows what
/// this one brings), or keep it apart (nothing is sent).
#[component]
fn JoinChoice(
    server: crate::sync::replicate::Server,
    team: String,
    on_done: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let server = StoredValue::new(server);
    let reading = RwSignal::new(None::<usize>);
    let problem = RwSignal::new(None::<String>);
    let team_ws = RwSignal::new(None::<crate::model::Workspace>);
    let mine = move || {
        app.with_real(|ws| (ws.name.clone(), ws.live_projects().count()))
            .unwrap_or_default()
    };
    let db = server.with_value(|s| s.db.clone());
    let merge = move |_| {
        reading.set(Some(0));
        problem.set(None);
        leptos::task::spawn_local(async move {
            let server = server.get_value();
            match app
                .team_workspace(&server, move |n| reading.set(Some(n)))
                .await
            {
                Ok(ws) => team_ws.set(Some(ws)),
                Err(e) => problem.set(Some(e)),
            }
            reading.set(None);
        });
    };
    let kept_apart = move |_| {
        app.notify("Nothing was sent: this workspace stays in this browser only. To share it on its own, connect it to an empty database.");
        on_done.run(());
    };
    view! {
        <div class="callout" role="group" aria-labelledby="join-choice-title" data-testid="join-choice">
            <p id="join-choice-title"><strong>{format!("“{db}” already holds your team's workspace, “{team}”.")}</strong></p>
            <p>{move || { let (name, n) = mine(); format!("This browser holds “{name}” with {}. Merge it into the team's (a preview shows what it brings before anything changes), or keep it apart.", crate::model::common::plural(n, "project", "projects")) }}</p>
            {move || reading.get().map(|n| view! { <p role="status">{format!("Reading the team's workspace… {n} documents")}</p> })}
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            <div class="button-row">
                <button type="button" class="button primary" disabled=move || reading.get().is_some() on:click=merge>"Merge mine into the team's"</button>
                <button type="button" class="button" on:click=kept_apart>"Keep mine apart"</button>
            </div>
            {move || team_ws.get().map(|team| {
                let theirs = app.with_real(|ws| ws.clone()).unwrap_or(team.clone());
                let file = format!("“{}” (this browser's)", theirs.name);
                view! {
                    <crate::ui::screens::data::merge::MergeDialog
                        file
                        theirs
                        into=team
                        on_done=Callback::new(move |_| team_ws.set(None))
                        on_merged=Callback::new(move |merged| {
                            app.join_merged(merged, server.get_value());
                            team_ws.set(None);
                        })
                    />
                }
            })}
        </div>
    }
}

/// The session expired: the password again, and sync goes on.
#[component]
fn SignInAgain() -> impl IntoView {
    let app = use_app();
    let password = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = password.get_untracked();
        if typed.is_empty() {
            return failed.set(Some(
                "Type your password: it opens a session and is not kept.".into(),
            ));
        }
        password.set(String::new());
        leptos::task::spawn_local(async move {
            failed.set(app.sign_in_again(typed).await.err());
        });
    };
    view! {
        <form class="sign-in-again" on:submit=submit data-testid="sign-in-again">
            <label class="field">
                <span class="field-label">"Password"</span>
                <input type="password" name="password" autocomplete="current-password"
                    prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
            </label>
            {move || failed.get().map(|f| view! { <p class="field-error" role="alert">{f}</p> })}
            <div class="button-row"><button type="submit" class="button primary">"Sign in again"</button></div>
        </form>
    }
}
