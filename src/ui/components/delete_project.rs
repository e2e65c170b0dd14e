//! Asking before a project is deleted, from the projects list and the project page.

use crate::model::common::plural;
use crate::model::ProjectCommand;
use crate::model::ProjectId;
use crate::ui::components::dialog::Confirm;
use crate::ui::router::{navigate, use_route, Route};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Confirms and deletes a project with everything it owns.
#[component]
pub fn DeleteProject(id: ProjectId, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let message = app
        .with(|ws| {
            let name = ws.project(id).map(|p| p.name.clone()).unwrap_or_default();
            let milestones = ws.milestones_of(id).len();
            let tasks = ws.tasks_of(id).len();
            format!(
                "“{name}” and its {} and {} will be deleted. Undo (Ctrl+Z) brings them back.",
                plural(milestones, "milestone", "milestones"),
                plural(tasks, "task", "tasks")
            )
        })
        .unwrap_or_default();
    view! {
        <Confirm
            title="Delete project?".to_string()
            message
            confirm_label="Delete project".to_string()
            danger=true
            on_cancel=on_done
            on_confirm=Callback::new(move |_| {
                if app.dispatch(ProjectCommand::DeleteProject(id)).is_ok() {
                    app.notify("Project deleted.");
                    if matches!(use_route().get_untracked(), Route::Project(..)) {
                        navigate(&Route::Projects(Default::default()));
                    }
                }
                on_done.run(());
            })
        />
    }
}
