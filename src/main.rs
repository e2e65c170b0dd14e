fn main() {
    pursuit::ui::panic::install();
    // The workspace's records are read from IndexedDB into memory before the app starts,
    // so every read after that is synchronous (see `storage::idb`).
    // With a trusted index (`storage::index`) only it is read first: the app mounts with
    // the projects table and reads the records after.
    wasm_bindgen_futures::spawn_local(async {
        use pursuit::{storage::idb, ui::state};
        let started = state::clock_ms();
        // A failure simulated on request (see `ui::mount`) comes with the records read, so
        // its recovery page offers them.
        let simulated = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .is_some_and(|q| q.contains("simulate-failure"));
        let preview = match simulated {
            false => idb::open_index().await,
            true => None,
        };
        if let Some(preview) = preview {
            state::measure("pursuit:index-read", started);
            state::preview_first(preview);
        } else {
            // Without IndexedDB (refused, or not in this browser) the records are
            // localStorage's (`idb::workspace_store`).
            let _ = idb::read_records().await;
            state::measure("pursuit:records-read", started);
        }
        pursuit::ui::mount();
    });
}
