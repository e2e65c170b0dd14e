//! Engines: pure functions of the model (and, where time matters, of `today`). They never read
//! the clock, touch the browser or generate ids; results and problems are returned as data.

pub mod calendar;
pub mod calibration;
pub mod competitors;
pub mod cycle;
pub mod dashboard;
pub mod exports;
pub mod feedback;
pub mod forecast;
pub mod health;
pub mod history;
pub mod merge;
pub mod people;
pub mod periods;
pub mod plan;
pub mod portfolio;
pub mod records;
pub mod reminders;
pub mod revs;
pub mod scenario;
pub mod schedule;
pub mod share;
pub mod simulation;
pub mod spreadsheet;
pub mod status_update;
pub mod timeline;
pub mod today;
pub mod validate;
pub mod workload;
