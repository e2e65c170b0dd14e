//! One file per screen; a screen with tabs or panels is a folder (`project/`, `data/`)
//! whose parts only it uses. Screens never import each other; shared pieces live in
//! `ui/components`.

pub mod dashboard;
pub mod data;
pub mod goals;
pub mod history;
pub mod pipeline;
pub mod portfolio;
pub mod project;
pub mod projects;
pub mod scenarios;
pub mod team;
pub mod templates;
pub mod today;
pub mod welcome;
pub mod win_loss;
pub mod workload;
