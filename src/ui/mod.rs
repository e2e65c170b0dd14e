//! The Leptos app. Screens live in `screens/` (one file each), shared pieces in
//! `components/`, the one store in `state`, routing in `router`.

pub mod app;
pub mod components;
pub mod panic;
pub mod router;
pub mod screens;
pub mod state;

/// Mounts the app into the page's body.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
