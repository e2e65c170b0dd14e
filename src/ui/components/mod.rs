//! Pieces shared by several screens.

pub mod change_list;
pub mod chart;
pub mod conflict;
pub mod conversation_dialog;
pub mod decision_log;
pub mod delete_project;
pub mod dialog;
pub mod download;
pub mod empty;
pub mod figures;
pub mod file;
pub mod filter_select;
pub mod form;
pub mod health;
pub mod health_card;
pub mod import_panel;
pub mod keyed;
pub mod layout;
pub mod outcome;
pub mod project_form;
pub mod repeat_fields;
pub mod setup;
pub mod stage_gate;
pub mod sync_panel;
pub mod target_chance;
pub mod task_dialog;
