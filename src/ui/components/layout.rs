//! The frame around every screen: navigation, the save indicator and the banners that must
//! stay visible until dealt with (unreadable storage, failed saves).

use crate::dates::Written;
use crate::format;
use crate::storage::StoreError;
use crate::ui::components::download::download;
use crate::ui::router::{use_route, SECTIONS};
use crate::ui::state::{now, use_app, Action, SaveStatus};
use leptos::prelude::*;

/// Today's count beside its link: my lines (the team's when this browser has not said who
/// it is). Worked out a moment after the workspace changes, not inside the edit: at 10,000
/// projects it reads every task.
#[component]
fn TodayCount() -> impl IntoView {
    let app = use_app();
    let count = RwSignal::new(0usize);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        app.with(|_| ());
        let me = app.me.get();
        let mine = generation.get_value() + 1;
        generation.set_value(mine);
        set_timeout(
            move || {
                if generation.get_value() == mine {
                    let who = crate::engine::today::whose("", me);
                    let today = crate::ui::state::today();
                    count.set(
                        untrack(|| app.with(|ws| crate::engine::today::count(ws, today, who)))
                            .unwrap_or(0),
                    );
                }
            },
            std::time::Duration::from_millis(150),
        );
    });
    move || {
        let n = count.get();
        (n > 0).then(|| {
            view! {
                <span class="nav-count" data-testid="today-count">
                    {n}
                    <span class="visually-hidden">{if n == 1 { " thing to do" } else { " things to do" }}</span>
                </span>
            }
        })
    }
}

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let app = use_app();
    let route = use_route();
    let workspace_name = move || app.with_team(|ws| ws.name.clone()).unwrap_or_default();
    let me_name = move || {
        app.with_team(|ws| match app.me.get() {
            Some(id) if ws.member(id).is_some() => ws.member_name(Some(id)),
            _ => "Choose who you are".to_string(),
        })
        .unwrap_or_default()
    };
    view! {
        <div class="shell">
            // Routes live in the address's #fragment, so the link moves focus itself
            // rather than navigating to "#main" (which would be a route).
            <a class="skip-link" href="#main" on:click=move |ev| {
                ev.prevent_default();
                let main = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("main"))
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
                if let Some(main) = main {
                    let _ = main.focus();
                }
            }>"Skip to content"</a>
            <nav class="sidebar" aria-label="Main">
                <div class="brand">
                    <span class="logo" aria-hidden="true">"P"</span>
                    <span class="brand-text">
                        <strong>"Pursuit"</strong>
                        <small>{workspace_name}</small>
                    </span>
                </div>
                <ul>
                    {SECTIONS
                        .iter()
                        .map(|(name, href)| {
                            let name = *name;
                            view! {
                                <li>
                                    <a
                                        href=*href
                                        aria-current=move || (route.with(|r| r.section()) == name).then_some("page")
                                    >
                                        {name}
                                        {(name == "Today").then(|| view! { <TodayCount /> })}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <div class="sidebar-foot">
                    <UndoButtons />
                    <SaveIndicator />
                    <a class="me" href="#/team" title="Who am I in this browser">
                        <span class="muted">"You: "</span>
                        {me_name}
                    </a>
                </div>
            </nav>
            <div class="main-column">
                <ScenarioBanner />
                <UpdateBanner />
                <SaveBanner />
                <LoadProblems />
                <NoticeBar />
                <main id="main" tabindex="-1">{children()}</main>
            </div>
        </div>
    }
}

/// Undo and redo, as buttons and as Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (⌘ on a Mac). Inside a
/// text field the keys stay the field's own undo.
#[component]
fn UndoButtons() -> impl IntoView {
    let app = use_app();
    let run = move |action: Action| {
        let _ = app.run(action);
    };
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el.has_attribute("contenteditable")
            });
        if typing {
            return;
        }
        match ev.key().as_str() {
            "z" | "Z" if ev.shift_key() => {
                ev.prevent_default();
                run(Action::Redo);
            }
            "z" | "Z" => {
                ev.prevent_default();
                run(Action::Undo);
            }
            "y" | "Y" => {
                ev.prevent_default();
                run(Action::Redo);
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
    let undo_label = move || app.steps.next.with(|s| s.0.clone());
    let redo_label = move || app.steps.next.with(|s| s.1.clone());
    view! {
        <div class="undo-buttons" role="group" aria-label="Undo and redo">
            <button type="button" class="undo-button" data-testid="undo"
                disabled=move || undo_label().is_none()
                title=move || undo_label().map(|l| format!("Undo: {l} (Ctrl+Z)")).unwrap_or_else(|| "Nothing to undo".into())
                aria-label=move || undo_label().map(|l| format!("Undo: {l}")).unwrap_or_else(|| "Undo".into())
                on:click=move |_| run(Action::Undo)><span aria-hidden="true">"↶"</span><span class="undo-word">" Undo"</span></button>
            <button type="button" class="undo-button" data-testid="redo"
                disabled=move || redo_label().is_none()
                title=move || redo_label().map(|l| format!("Redo: {l} (Ctrl+Shift+Z)")).unwrap_or_else(|| "Nothing to redo".into())
                aria-label=move || redo_label().map(|l| format!("Redo: {l}")).unwrap_or_else(|| "Redo".into())
                on:click=move |_| run(Action::Redo)><span aria-hidden="true">"↷"</span><span class="undo-word">" Redo"</span></button>
        </div>
    }
}

/// On every screen while a scenario is open: whose sandbox this is, and the way back.
#[component]
fn ScenarioBanner() -> impl IntoView {
    let app = use_app();
    let route = use_route();
    // On the What-if screen itself the comparison is below; the banner keeps the way out.
    let elsewhere = move || route.with(|r| *r != crate::ui::router::Route::Scenarios);
    move || {
        app.scenario_label().map(|(name, count)| {
            view! {
                <div class="banner scenario" role="status" data-testid="scenario-banner">
                    <div>
                        <strong>{format!("Scenario: {name}")}</strong>
                        {format!(" · {}", crate::model::common::plural(count, "change", "changes"))}
                        <span class="scenario-note">" · what you change here stays in the scenario until you apply it; your workspace is untouched."</span>
                    </div>
                    <div class="banner-actions">
                        {move || elsewhere().then(|| view! {
                            <a class="button primary" href=crate::ui::router::Route::Scenarios.href() data-testid="scenario-compare">"Compare and apply"</a>
                        })}
                        <button class="button" data-testid="scenario-close" on:click=move |_| {
                            app.close_scenario();
                            app.notify("Back to your workspace. The scenario is kept under What-if.");
                        }>"Close scenario"</button>
                    </div>
                </div>
            }
        })
    }
}

/// A small, always-present line saying whether the work is saved.
#[component]
fn SaveIndicator() -> impl IntoView {
    let app = use_app();
    let text = move || match app.saving.status.get() {
        SaveStatus::Saved(Some(at)) => {
            format!(
                "Saved {}",
                at.with_timezone(&chrono::Local).written("%H:%M:%S")
            )
        }
        SaveStatus::Saved(None) => "All changes saved".into(),
        SaveStatus::Pending => "Saving…".into(),
        SaveStatus::Failed(_) => "Not saved".into(),
        SaveStatus::Paused => "Saving paused".into(),
    };
    let bad = move || {
        matches!(
            app.saving.status.get(),
            SaveStatus::Failed(_) | SaveStatus::Paused
        )
    };
    let sync = move || app.sync_words();
    let sync_bad = move || {
        matches!(
            app.sync.status.get(),
            crate::ui::state::SyncStatus::SignIn | crate::ui::state::SyncStatus::Problem(_)
        )
    };
    view! {
        <p class="save-indicator" class:bad=bad role="status" data-testid="save-status">
            {text}
        </p>
        {move || (!sync().is_empty()).then(|| view! {
            <p class="save-indicator sync-indicator" class:bad=sync_bad role="status" data-testid="sync-status">{sync}</p>
        })}
    }
}

/// Says that a replace (import or merge) is on screen but was not kept by the browser, why,
/// and offers the download that keeps it.
#[component]
pub fn NotKept(
    /// "The import of “Big import” from big.json".
    what: String,
    reason: String,
) -> impl IntoView {
    view! {
        <div class="callout warning" role="alert" data-testid="not-kept">
            <p><strong>{format!("{what} is on screen but not kept in this browser.")}</strong></p>
            <p>{format!("The browser refused to store it: {reason} Until it is stored, a reload brings back the workspace you had before.")}</p>
            <p>"Download it now to keep it. Then free some space in this browser (Data → Storage); Pursuit tries to store it again with your next change and when you leave the page."</p>
            <button class="button primary" on:click=move |_| { export_workspace(); }>"Download it"</button>
        </div>
    }
}

/// The real workspace (not a scenario) as a file: its id, the file's name and its text.
pub fn workspace_file() -> Option<(crate::model::WorkspaceId, String, String)> {
    let app = use_app();
    let me = app.me.get_untracked();
    app.with_real(|ws| {
        let who = me.and_then(|m| ws.member(m)).map(|m| m.name.as_str());
        (
            ws.id,
            crate::engine::share::workspace_file_name(&ws.name, who, crate::ui::state::today()),
            format::write(ws, now()),
        )
    })
}

/// Downloads the workspace as a JSON file at once (the way out when the browser would not
/// keep it); returns the file name when the download started. A team that seals every file
/// is taken to the export instead, to choose a passphrase.
pub fn export_workspace() -> Option<String> {
    let app = use_app();
    if crate::ui::components::seal::always_seal() {
        crate::ui::router::navigate(&crate::ui::router::Route::Data);
        app.notify_error("Your team seals every file that leaves the browser: choose a passphrase under Export, then download.");
        return None;
    }
    let (id, name, text) = workspace_file()?;
    if download(&name, "application/json", &text) {
        crate::storage::web::mark_exported(id);
        Some(name)
    } else {
        app.notify_error("The browser did not start the download.");
        None
    }
}

/// "A new version is ready — reload": shown when a newer build has installed beside the
/// one this tab runs (public/boot.js says so). Reloading saves first.
#[component]
fn UpdateBanner() -> impl IntoView {
    let app = use_app();
    let already = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"pursuitUpdateReady".into()).ok())
        .is_some_and(|v| v.is_truthy());
    let ready = RwSignal::new(already);
    let handle = window_event_listener_untyped("pursuit-update-ready", move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    let reload = move |_| {
        app.flush();
        if let Some(w) = web_sys::window() {
            if let Ok(event) = web_sys::Event::new("pursuit-update-apply") {
                let _ = w.dispatch_event(&event);
            }
        }
    };
    move || {
        ready.get().then(|| view! {
            <div class="banner info" role="status" data-testid="update-ready">
                <div><strong>"A new version of Pursuit is ready. "</strong>"Reload to use it; your work is saved first."</div>
                <div class="banner-actions">
                    <button class="button primary" on:click=reload>"Reload"</button>
                </div>
            </div>
        })
    }
}

/// Shown while changes could not be written: they are in memory only.
#[component]
fn SaveBanner() -> impl IntoView {
    let app = use_app();
    move || match app.saving.status.get() {
        SaveStatus::Failed(error) => Some(view! {
            <div class="banner error" role="alert" data-testid="save-error">
                {if error == StoreError::Unavailable {
                    view! {
                        <div>
                            <strong>"This browser is not keeping data for Pursuit: download a copy before closing. "</strong>
                            "Site data is blocked (private mode or the browser's settings), so your work lives in this tab only. Everything works; nothing is stored."
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <div>
                            <strong>"Your latest changes are not saved in this browser. "</strong>
                            {error.to_string()}
                            " They are still here while this tab stays open; download a copy to keep them safe. Pursuit tries again with your next change."
                        </div>
                    }.into_any()
                }}
                <div class="banner-actions">
                    <button class="button primary" on:click=move |_| { export_workspace(); }>"Download a copy"</button>
                    {(error != StoreError::Unavailable).then(|| view! {
                        <button class="button" on:click=move |_| app.flush()>"Try again"</button>
                    })}
                </div>
            </div>
        }),
        _ => None,
    }
}

#[component]
fn LoadProblems() -> impl IntoView {
    let app = use_app();
    move || {
        let problems = app.notices.load_problems.get();
        (!problems.is_empty()).then(|| {
            view! {
                <details class="banner warning">
                    <summary>
                        {format!(
                            "The saved workspace has {}; it opened anyway. Fix them or import a corrected file.",
                            crate::model::common::plural(problems.len(), "problem", "problems"),
                        )}
                    </summary>
                    <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </details>
            }
        })
    }
}

#[component]
fn NoticeBar() -> impl IntoView {
    let app = use_app();
    move || {
        app.notices.current.get().map(|notice| {
            view! {
                <div class="notice" class:error=notice.error role="status">
                    <span>{notice.text}</span>
                    <button class="icon-button" aria-label="Dismiss" on:click=move |_| app.notices.current.set(None)>
                        "×"
                    </button>
                </div>
            }
        })
    }
}
