//! One file per screen.

pub mod data;
pub mod project;
pub mod project_plan;
pub mod project_timeline;
pub mod projects;
pub mod team;
pub mod templates;
pub mod welcome;
