fn main() {
    pursuit::ui::panic::install();
    // The workspace's records are read from IndexedDB into memory before the app starts,
    // so every read after that is synchronous (see `storage::idb`).
    wasm_bindgen_futures::spawn_local(async {
        let started = pursuit::ui::state::clock_ms();
        pursuit::storage::idb::start().await;
        pursuit::ui::state::measure("pursuit:records-read", started);
        pursuit::ui::mount();
    });
}
