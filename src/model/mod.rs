//! The domain of Pursuit as plain data. Read this module as the product's specification:
//! a [`Workspace`] holds a sales team's members, projects and everything the projects track;
//! [`command`] lists every change a person can make and [`draft`] the rules forms enforce.
//!
//! Nothing here touches the browser, the clock or a random number generator: time and new
//! ids are passed in, so every rule can be tested natively.

#[macro_use]
pub mod kinds;
pub mod command;
pub mod common;
pub mod draft;
pub mod follow_up;
pub mod graph;
pub mod history;
pub mod ids;
pub mod intake;
pub mod limits;
pub mod playbooks;
pub mod ranges;
pub mod records;
pub mod recurrence;
pub mod reminder;
pub mod workspace;

pub use command::{
    Command, PlanCommand, PortfolioCommand, ProjectCommand, RecordCommand, TeamCommand,
    WorkspaceCommand,
};
pub use common::{
    day, weekday, Currency, Editor, InProject, Money, Order, ReplicaId, Stamp, Stamped, Versions,
};
pub use history::ChangeRecord;
pub use ids::*;
pub use intake::{default_criteria, Criterion};
pub use kinds::*;
pub use records::Records;
pub use workspace::{HealthThresholds, Settings, Summary, Workspace};
