//! A labelled filter dropdown, for lists whose filters live in the URL.

use leptos::prelude::*;

/// A labelled filter dropdown.
#[component]
pub fn FilterSelect(
    label: &'static str,
    value: Signal<String>,
    options: Signal<Vec<(String, String)>>,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="filter">
            <span class="visually-hidden">{label}</span>
            <select aria-label=label on:change=move |ev| on_change.run(event_target_value(&ev))>
                {move || {
                    let current = value.get();
                    options.get().into_iter().map(|(v, l)| {
                        let selected = v == current;
                        view! { <option value=v selected=selected>{l}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}
