//! Reading a Pursuit file the person picked.

use crate::format;
use crate::model::common::plural;
use crate::model::limits::MAX_FILE_BYTES;
use crate::model::Workspace;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// What reading a picked file gave: the workspace or every problem, or a sealed file's
/// bytes (opened with its passphrase by `seal::UnsealForm`).
pub enum Read {
    Plain(Result<Box<Workspace>, Vec<String>>),
    Sealed(Arc<Vec<u8>>),
}

/// Reads and checks the file chosen in a file input's change event, then calls `done` with
/// its name and what it holds. The input is cleared so the same file can be picked again.
/// Returns the file's name, or `None` when nothing was chosen.
pub fn read_picked(
    ev: &leptos::ev::Event,
    done: impl FnOnce(String, Read) + 'static,
) -> Option<String> {
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
        leptos::task::spawn_local(async move { done(name, Read::Plain(Err(vec![line]))) });
        return Some(shown);
    }
    leptos::task::spawn_local(async move {
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        let started = crate::ui::state::clock_ms();
        let Ok(buffer) = buffer else {
            let line = "The browser could not read this file.".to_string();
            return done(name, Read::Plain(Err(vec![line])));
        };
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        if crate::format::sealed::is_sealed(&bytes) {
            return done(name, Read::Sealed(Arc::new(bytes)));
        }
        let read = read_text(&bytes).map(Box::new);
        crate::ui::state::measure("pursuit:read-file", started);
        done(name, Read::Plain(read));
    });
    Some(shown)
}

/// A plain file's text (UTF-8, a byte-order mark dropped, as the browser's own reading
/// does), read and checked: an export, or the stored data a recovery page or an unreadable
/// store offered for download.
fn read_text(bytes: &[u8]) -> Result<Workspace, Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    crate::storage::read_dump(&text).unwrap_or_else(|| format::read(&text).map_err(|e| e.lines()))
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
    /// A sealed file waiting for its passphrase.
    Sealed {
        file: String,
        bytes: Arc<Vec<u8>>,
    },
}

/// The file input's change handler: reads and checks the picked file into `state`.
pub fn pick_into(state: RwSignal<Picking>) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    move |ev| {
        let picked = read_picked(&ev, move |file, read| {
            state.set(match read {
                Read::Plain(Ok(workspace)) => Picking::Ready { file, workspace },
                Read::Plain(Err(lines)) => Picking::Failed { file, lines },
                Read::Sealed(bytes) => Picking::Sealed { file, bytes },
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
            <input type="file" accept=accept.unwrap_or(".json,.pursuit,application/json") data-testid=testid on:change=on_change />
        </label>
    }
}

/// Said while a picked file is read.
pub fn reading(file: &str) -> AnyView {
    view! { <p class="muted">{format!("Reading {file}…")}</p> }.into_any()
}
