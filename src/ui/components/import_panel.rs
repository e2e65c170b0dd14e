//! Choosing a workspace file, checking it and replacing the workspace after a confirmation (Data screen and first run).

use crate::model::Workspace;
use crate::ui::components::dialog::Confirm;
use crate::ui::router::{navigate, Route};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// What reading the chosen file gave.
#[derive(Clone)]
enum ImportState {
    Idle,
    Reading(String),
    Failed {
        file: String,
        lines: Vec<String>,
    },
    Ready {
        file: String,
        workspace: Box<Workspace>,
    },
}

/// Choose a file, read and validate it, and replace the workspace after confirmation.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let app = use_app();
    let state = RwSignal::new(ImportState::Idle);
    let on_change = move |ev: leptos::ev::Event| {
        let picked = crate::ui::components::file::read_picked(&ev, move |(file, result)| {
            state.set(match result {
                Ok(ws) => ImportState::Ready {
                    file,
                    workspace: Box::new(ws),
                },
                Err(lines) => ImportState::Failed { file, lines },
            })
        });
        if let Some(name) = picked {
            state.set(ImportState::Reading(name));
        }
    };
    let replace = move |_| {
        if let ImportState::Ready { workspace, file } = state.get_untracked() {
            let name = workspace.name.clone();
            match app.replace_with_undo(*workspace, format!("imported {file}")) {
                Ok(()) => {
                    state.set(ImportState::Idle);
                    app.notify(format!("Imported “{name}” from {file}."));
                    navigate(&Route::Projects(Default::default()));
                }
                Err(reason) => state.set(ImportState::Failed {
                    file,
                    lines: vec![format!("“{name}” was not imported. {reason}")],
                }),
            }
        }
    };
    view! {
        <div class="import-panel">
            <crate::ui::components::file::FilePick label="Workspace file (.json)" testid="import-file" on_change />
            {move || match state.get() {
                ImportState::Idle => ().into_any(),
                ImportState::Reading(file) => crate::ui::components::file::reading(&file),
                ImportState::Failed { file, lines } => view! {
                    <crate::ui::components::file::FileProblems file lines verb="imported" testid="import-errors" />
                }.into_any(),
                ImportState::Ready { file, workspace } => {
                    let incoming = workspace.summary().describe();
                    let message = match app.with(|ws| (ws.name.clone(), ws.summary().describe())) {
                        Some((name, current)) => format!(
                            "This replaces the workspace “{name}” in this browser ({current}) with “{}” from {file} ({incoming}). Download a copy of the current workspace first if you may need it.",
                            workspace.name
                        ),
                        None => format!("Open “{}” from {file} ({incoming}).", workspace.name),
                    };
                    view! {
                        <Confirm
                            title="Replace the workspace?".to_string()
                            message
                            confirm_label="Replace workspace".to_string()
                            danger=true
                            on_confirm=Callback::new(replace)
                            on_cancel=Callback::new(move |_| state.set(ImportState::Idle))
                        />
                    }.into_any()
                }
            }}
        </div>
    }
}
