//! Reading a Pursuit file the person picked.

use crate::format;
use crate::model::common::plural;
use crate::model::limits::MAX_FILE_BYTES;
use crate::model::Workspace;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What reading a picked file gave: the file name and the workspace, or every problem.
pub type Picked = (String, Result<Workspace, Vec<String>>);

/// Reads and checks the file chosen in a file input's change event, then calls `done`. The
/// input is cleared so the same file can be picked again. Returns the file's name, or `None`
/// when nothing was chosen.
pub fn read_picked(ev: &leptos::ev::Event, done: impl FnOnce(Picked) + 'static) -> Option<String> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0))?;
    let name = file.name();
    input.set_value("");
    let shown = name.clone();
    let size = file.size();
    if size > MAX_FILE_BYTES as f64 {
        // Refused before reading: a huge file would freeze the page while it is parsed.
        let line = format!(
            "This file is {:.1} MB; Pursuit reads workspace files of up to {} MB.",
            size / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        );
        leptos::task::spawn_local(async move { done((name, Err(vec![line]))) });
        return Some(shown);
    }
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        let started = crate::ui::state::clock_ms();
        let result = match text.ok().and_then(|t| t.as_string()) {
            None => Err(vec!["The browser could not read this file.".into()]),
            // The stored data a recovery page or an unreadable store offered for download
            // opens like an export.
            Some(text) => crate::storage::read_dump(&text)
                .unwrap_or_else(|| format::read(&text).map_err(|e| e.lines())),
        };
        crate::ui::state::measure("pursuit:read-file", started);
        done((name, result));
    });
    Some(shown)
}

/// Where reading a picked workspace file stands: the import and merge panels share it.
#[derive(Clone)]
pub enum Picking {
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

/// The file input's change handler: reads and checks the picked file into `state`.
pub fn pick_into(state: RwSignal<Picking>) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    move |ev| {
        let picked = read_picked(&ev, move |(file, result)| {
            state.set(match result {
                Ok(ws) => Picking::Ready {
                    file,
                    workspace: Box::new(ws),
                },
                Err(lines) => Picking::Failed { file, lines },
            })
        });
        if let Some(name) = picked {
            state.set(Picking::Reading(name));
        }
    }
}

/// Why a picked file was refused: every problem, and that nothing changed.
#[component]
pub fn FileProblems(
    file: String,
    lines: Vec<String>,
    /// "imported" or "merged".
    verb: &'static str,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <div class="import-errors" role="alert" data-testid=testid>
            <p>
                <strong>{format!("{file} was not {verb}. ")}</strong>
                "Your workspace is unchanged. "
                {format!("{}:", plural(lines.len(), "problem", "problems"))}
            </p>
            <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
        </div>
    }
}

/// The file input of the import and merge panels.
#[component]
pub fn FilePick(
    label: &'static str,
    testid: &'static str,
    on_change: impl Fn(leptos::ev::Event) + 'static,
    /// Which files the picker offers (a workspace file when not given).
    #[prop(optional)]
    accept: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="file-pick">
            <span class="field-label">{label}</span>
            <input type="file" accept=accept.unwrap_or(".json,application/json") data-testid=testid on:change=on_change />
        </label>
    }
}

/// Said while a picked file is read.
pub fn reading(file: &str) -> AnyView {
    view! { <p class="muted">{format!("Reading {file}…")}</p> }.into_any()
}
