//! Pursuit: sales project management that runs entirely in the browser.
//!
//! - [`model`]: the domain as plain data, and every change as a command.
//! - [`dates`]: dates and times written the few ways the app writes them.
//! - [`engine`]: pure computations over the model (validation today; schedule, forecast and
//!   health as they land).
//! - [`format`]: the versioned JSON file format for export and import.
//! - [`storage`]: saving to and loading from the browser, safely.
//! - [`json`]: JSON trees to and from typed values through the one reader and writer.
//! - [`sample`]: the sample workspace offered on first run.
//! - [`sorting`]: stable sorting compiled once for the whole app.
//! - [`ui`]: the Leptos app.

pub mod dates;
pub mod engine;
pub mod format;
pub mod json;
pub mod model;
pub mod sample;
pub mod sorting;
pub mod storage;
pub mod sync;
pub mod ui;
