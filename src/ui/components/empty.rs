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
