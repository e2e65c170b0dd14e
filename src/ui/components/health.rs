//! A project's health as a small badge, with its reasons in the tooltip.

use crate::engine::health::{Health, HealthStatus};
use leptos::prelude::*;

/// A project's status and its reasons joined for a tooltip.
pub fn health_summary(h: &Health) -> (HealthStatus, String) {
    let why = h
        .reasons
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    (h.status, why)
}

#[component]
pub fn HealthBadge(status: HealthStatus, #[prop(into)] why: String) -> impl IntoView {
    let title = if why.is_empty() {
        status.label().to_string()
    } else {
        format!("{}: {why}", status.label())
    };
    view! {
        <span class=format!("badge health-badge health-{}", status.key()) title=title.clone() aria-label=title>
            {status.label()}
        </span>
    }
}
