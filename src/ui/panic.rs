//! What a person sees if Pursuit fails anyway: a page that keeps their data reachable.
//!
//! The release build aborts on a panic, so nothing of the app runs afterwards. The hook
//! therefore builds the page with plain DOM calls before the abort: a download of every
//! stored record (the workspace as this browser keeps it, importable again as a backup),
//! a reload that starts the app afresh (a change made in the moment before the failure
//! is not saved, since saving runs after it), and a link to the Data screen.

use crate::storage;
use wasm_bindgen::JsCast;

/// Installs the hook: the console message for developers, then the recovery page.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_recovery_page(&info.to_string());
    }));
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Every stored Pursuit record as one JSON object keyed by storage key.
fn stored_records() -> Option<String> {
    let kv = storage::idb::workspace_store();
    let mut raw = std::collections::BTreeMap::new();
    for key in kv.keys().ok()? {
        if storage::is_workspace_key(&key) {
            if let Ok(Some(value)) = kv.get(&key) {
                raw.insert(key, value);
            }
        }
    }
    serde_json::to_string(&raw).ok()
}

fn show_recovery_page(message: &str) {
    let run = || -> Option<()> {
        let window = web_sys::window()?;
        let document = window.document()?;
        let body = document.body()?;
        let location = window.location();
        let path = location.pathname().ok()?;
        let hash = location.hash().unwrap_or_default();
        let stamp = js_sys::Date::now() as u64;
        let download = stored_records()
            .and_then(|text| {
                let parts = js_sys::Array::of1(&text.into());
                let options = web_sys::BlobPropertyBag::new();
                options.set_type("application/json");
                let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
                web_sys::Url::create_object_url_with_blob(&blob).ok()
            })
            .map(|url| format!(
                r#"<a class="button primary" data-testid="recovery-download" href="{url}" download="pursuit-stored-data.json">Download the stored data</a>"#
            ))
            .unwrap_or_else(|| "<p>This browser holds no stored data for Pursuit.</p>".into());
        // Stopped while the records were read after the index: they are all still stored,
        // only not in memory to offer here; a reload reads them again.
        let download = if storage::idb::records_pending() {
            "<p>Your work was still being read when the error came: all of it is still stored in this browser. Reload Pursuit to open it, then download a copy from the Data screen.</p>".into()
        } else {
            download
        };
        body.set_inner_html(&format!(
            r#"<main class="recovery-page" data-testid="recovery-page" role="alert">
<h1>Pursuit stopped because of an error</h1>
<p>Your saved work is still in this browser. Download it to keep a copy, then reload. A change made in the moment before the error was not saved.</p>
<div class="recovery-actions">{download}
<a class="button" data-testid="recovery-reload" href="{path}?reload={stamp}{hash}">Reload Pursuit</a>
<a class="button" data-testid="recovery-data" href="{path}?reload={stamp}#/data">Open the Data screen</a></div>
<details><summary>Details for a bug report</summary><pre>{}</pre></details>
</main>"#,
            escape(message)
        ));
        let _ = body.dyn_ref::<web_sys::HtmlElement>()?.focus();
        Some(())
    };
    let _ = run();
}
