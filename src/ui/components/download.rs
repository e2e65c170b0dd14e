//! Saving text as a file the person downloads.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `filename`. Returns false if the browser refused.
pub fn download(filename: &str, mime: &str, text: &str) -> bool {
    download_parts(filename, mime, &js_sys::Array::of1(&text.into()))
}

/// Offers the Blob parts `parts` (strings, byte arrays) as one file named `filename`.
pub fn download_parts(filename: &str, mime: &str, parts: &js_sys::Array) -> bool {
    let run = || -> Option<()> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = web_sys::window()?.document()?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(filename);
        document.body()?.append_child(&a).ok()?;
        a.click();
        a.remove();
        // Give the download a moment to start before releasing the URL.
        let release = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 10_000)
            .ok()?;
        Some(())
    };
    run().is_some()
}

/// Offers a file and tells the person: `done` when the download started (the file's name
/// is put in front), an error when the browser refused. Returns whether it started.
pub fn offer(filename: &str, mime: &str, text: &str, done: &str) -> bool {
    let app = crate::ui::state::use_app();
    offer_parts(app, filename, mime, &js_sys::Array::of1(&text.into()), done)
}

/// [`offer`] for a file given as Blob parts; `app` is passed in so that it can be called
/// from a task that has no reactive owner (after sealing).
pub fn offer_parts(
    app: crate::ui::state::AppState,
    filename: &str,
    mime: &str,
    parts: &js_sys::Array,
    done: &str,
) -> bool {
    let started = download_parts(filename, mime, parts);
    if started {
        app.notify(format!(
            "Downloaded {filename}.{}",
            if done.is_empty() {
                String::new()
            } else {
                format!(" {done}")
            }
        ));
    } else {
        app.notify_error("The browser did not start the download.");
    }
    started
}
