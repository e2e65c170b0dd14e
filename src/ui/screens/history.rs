//! The change history: who changed what and when, workspace-wide or for one project,
//! filterable by member and date. Entries travel in exported files and merge like the rest.

use crate::ui::components::change_list::ChangeList;
use leptos::prelude::*;

#[component]
pub fn HistoryScreen() -> impl IntoView {
    view! {
        <div class="page">
            <header class="page-head">
                <div>
                    <h1>"History"</h1>
                    <p class="muted">"Every change, newest first: who made it, when, and what changed. Undo with Ctrl+Z."</p>
                </div>
            </header>
            <ChangeList project=None />
        </div>
    }
}
