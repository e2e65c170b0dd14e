//! Empty states: what a screen says when there is nothing to show yet.

use leptos::prelude::*;

/// A calm message with an optional action, for empty lists and sections still to come.
#[component]
pub fn EmptyState(
    title: &'static str,
    #[prop(into)] message: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <section class="empty-state">
            <h2>{title}</h2>
            <p>{message}</p>
            {children.map(|c| view! { <div class="empty-actions">{c()}</div> })}
        </section>
    }
}

/// The honest state of a section that a coming release fills.
#[component]
pub fn ComingNext(section: &'static str, what: &'static str) -> impl IntoView {
    view! {
        <div class="page">
            <header class="page-head">
                <h1>{section}</h1>
            </header>
            <section class="empty-state coming">
                <p class="badge">"Coming next"</p>
                <h2>{format!("{section} is not built yet")}</h2>
                <p>{what}</p>
                <p class="muted">"Your projects, tasks and team are already kept; this view will read them when it arrives."</p>
                <a class="button" href="#/projects">"Go to projects"</a>
            </section>
        </div>
    }
}
