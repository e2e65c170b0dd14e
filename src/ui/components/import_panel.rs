//! Choosing a workspace file, checking it and replacing the workspace after a confirmation (Data screen and first run).

use crate::ui::components::dialog::Confirm;
use crate::ui::components::file::{pick_into, Picking};
use crate::ui::components::layout::NotKept;
use crate::ui::router::{navigate, Route};
use crate::ui::state::{use_app, Replaced};
use leptos::prelude::*;

/// Choose a file, read and validate it, and replace the workspace after confirmation.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let app = use_app();
    let state = RwSignal::new(Picking::Idle);
    let on_change = pick_into(state);
    // Set when the browser refused to store an import already on screen.
    let not_kept = RwSignal::new(None::<(String, String)>);
    let replace =
        move |_| {
            if let Picking::Ready { workspace, file } = state.get_untracked() {
                let name = workspace.name.clone();
                state.set(Picking::Idle);
                not_kept.set(None);
                app.replace_kept(*workspace, format!("imported {file}"), move |outcome| {
                    match outcome {
                        Replaced::Kept => {
                            state.set(Picking::Idle);
                            app.notify(format!("Imported “{name}” from {file}."));
                            navigate(&Route::Projects(Default::default()));
                        }
                        Replaced::Refused(reason) => state.set(Picking::Failed {
                            file,
                            lines: vec![format!("“{name}” was not imported. {reason}")],
                        }),
                        Replaced::NotKept(reason) => {
                            state.set(Picking::Idle);
                            not_kept.set(Some((
                                format!("The import of “{name}” from {file}"),
                                reason,
                            )));
                        }
                    }
                });
            }
        };
    view! {
        <div class="import-panel">
            {move || not_kept.get().map(|(what, reason)| view! { <NotKept what reason /> })}
            <crate::ui::components::file::FilePick label="Workspace file (.json)" testid="import-file" on_change />
            {move || match state.get() {
                Picking::Idle => ().into_any(),
                Picking::Reading(file) => crate::ui::components::file::reading(&file),
                Picking::Sealed { file, bytes } => view! {
                    <crate::ui::components::seal::UnsealForm file bytes state />
                }.into_any(),
                Picking::Failed { file, lines } => view! {
                    <crate::ui::components::file::FileProblems file lines verb="imported" testid="import-errors" />
                }.into_any(),
                Picking::Ready { file, workspace } => {
                    let incoming = workspace.summary().describe();
                    let current = app.with_real(|ws| (ws.name.clone(), ws.summary().describe()));
                    // Replacing warns; opening into an empty browser has nothing to replace.
                    let (title, message, confirm_label, danger) = match current {
                        Some((name, current)) => ("Replace the workspace?", format!(
                            "This replaces the workspace “{name}” in this browser ({current}) with “{}” from {file} ({incoming}). Download a copy of the current workspace first if you may need it.",
                            workspace.name
                        ), "Replace workspace", true),
                        None => ("Open this workspace?", format!("Open “{}” from {file} ({incoming}) in this browser.", workspace.name), "Open workspace", false),
                    };
                    view! {
                        <Confirm
                            title=title.to_string()
                            message
                            confirm_label=confirm_label.to_string()
                            danger=danger
                            on_confirm=Callback::new(replace)
                            on_cancel=Callback::new(move |_| state.set(Picking::Idle))
                        />
                    }.into_any()
                }
            }}
        </div>
    }
}
