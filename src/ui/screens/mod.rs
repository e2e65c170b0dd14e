//! One file per screen.

pub mod data;
pub mod project;
pub mod projects;
pub mod team;
pub mod welcome;
