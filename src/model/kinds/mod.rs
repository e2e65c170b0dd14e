//! Record kinds that live in one file each: the record, its input, its limits and how
//! saving it builds the record (see `docs/architecture.md`, adding a kind).

pub mod competitor;
