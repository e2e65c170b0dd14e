//! One file per screen.

pub mod dashboard;
pub mod data;
pub mod data_merge;
pub mod goals;
pub mod history;
pub mod pipeline;
pub mod portfolio;
pub mod project;
pub mod project_conversations;
pub mod project_feedback;
pub mod project_people;
pub mod project_plan;
pub mod project_risks;
pub mod project_timeline;
pub mod project_update;
pub mod projects;
pub mod team;
pub mod templates;
pub mod welcome;
pub mod win_loss;
