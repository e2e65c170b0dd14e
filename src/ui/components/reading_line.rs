//! The line under a screen's heading while the workspace's records are read after the
//! index (the projects table, the pipeline and the dashboard are drawn meanwhile), or why they could not
//! be, with a way to try again.

use crate::model::common::{group_thousands, plural};
use crate::storage::StoreError;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The line under a heading while the records are read after the index, or why they could
/// not be, with a way to try again.
#[component]
pub fn ReadingLine() -> impl IntoView {
    let app = use_app();
    let failed = app.opening.failed;
    view! {
        <p class="reading-line muted" role=move || if failed.with(Option::is_some) { "alert" } else { "status" }>
            {move || match failed.get() {
                Some(error) => failed_line(&error),
                None => reading_line(app.opening.progress.get()),
            }}
            {move || failed.with(Option::is_some).then(|| view! {
                " " <button class="button small" on:click=|_| reload()>"Reload"</button>
            })}
        </p>
    }
}

/// What a screen drawn from the index says in place of a part that needs the records
/// (`what`: "Health", "Your tasks…"): that it will show once they are read, or that it can't
/// be shown when they could not be.
#[component]
pub fn NeedsRecords(what: &'static str) -> impl IntoView {
    let failed = use_app().opening.failed;
    view! {
        <p class="muted needs-records" role="status">{move || if failed.with(Option::is_some) {
            format!("{what} can't be shown: the projects' details could not be read.")
        } else {
            format!("{what} will show once every project's details are read.")
        }}</p>
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// What the page says when the records could not be read after the index was.
pub fn failed_line(error: &StoreError) -> String {
    let why = match error {
        StoreError::Other(answer) => {
            format!("the browser answered “{}”", answer.trim_end_matches('.'))
        }
        StoreError::Unavailable => "the browser no longer lets this site read its storage".into(),
        StoreError::QuotaExceeded => "the browser's storage for this site is full".into(),
    };
    format!(
        "The projects' details could not be read: {why}. Every project is still stored, unchanged; reload the page to try again."
    )
}

/// What the page says while the records are read after the index.
pub fn reading_line((read, total): (usize, usize)) -> String {
    if read == 0 {
        return format!(
            "Reading the details of {}. Tasks, health and every screen but Projects, Pipeline and Dashboard follow once all are read.",
            plural(total, "project", "projects")
        );
    }
    format!(
        "Reading the projects' details: {} of {}. Tasks, health and every screen but Projects, Pipeline and Dashboard follow once all are read.",
        group_thousands(read as u64),
        group_thousands(total as u64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_say_how_far_the_reading_is_or_why_it_stopped() {
        assert_eq!(
            failed_line(&StoreError::Other("UnknownError: The disk could not be read.".into())),
            "The projects' details could not be read: the browser answered “UnknownError: The disk could not be read”. Every project is still stored, unchanged; reload the page to try again."
        );
        assert_eq!(
            reading_line((0, 10000)),
            "Reading the details of 10,000 projects. Tasks, health and every screen but Projects, Pipeline and Dashboard follow once all are read."
        );
        assert_eq!(
            reading_line((3400, 10000)),
            "Reading the projects' details: 3,400 of 10,000. Tasks, health and every screen but Projects, Pipeline and Dashboard follow once all are read."
        );
    }
}
