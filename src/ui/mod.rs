//! The Leptos app. Screens live in `screens/` (one file each), shared pieces in
//! `components/`, the one store in `state`, routing in `router`.

pub mod app;
pub mod components;
pub mod focus;
pub mod panic;
pub mod router;
pub mod screens;
pub mod state;
pub mod theme;

/// Random v4 ids for what people create (drawn from the browser's crypto source). The model
/// never makes ids itself: they come in with each command, so tests use `SequentialIds`.
pub struct RandomIds;

impl crate::model::IdSource for RandomIds {
    fn next_uuid(&mut self) -> uuid::Uuid {
        uuid::Uuid::new_v4()
    }
}

/// Mounts the app into the page's body.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
    // index.html paints a static splash while the code loads; the app replaces it.
    if let Some(splash) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot-splash"))
    {
        splash.remove();
    }
    // Support and tests: `?simulate-failure` in the address shows what a person sees if
    // Pursuit fails (the recovery page), with their stored data untouched.
    let asked = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains("simulate-failure"));
    if asked {
        panic!("a failure simulated on request (?simulate-failure in the address)");
    }
}
