fn main() {
    pursuit::ui::panic::install();
    // The workspace's records are read from IndexedDB into memory before the app starts,
    // so every read after that is synchronous (see `storage::idb`).
    wasm_bindgen_futures::spawn_local(async {
        pursuit::storage::idb::start().await;
        pursuit::ui::mount();
    });
}
