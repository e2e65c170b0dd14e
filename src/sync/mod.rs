//! Replicating a workspace through a CouchDB-protocol server, the pure part (see
//! `docs/sync.md`): records as documents ([`docs`]) and what to send and take in
//! ([`replicate`]), over the revision rules of `engine::revs`. Above the engines and the
//! file format, below the network adapter (`storage::couch`) and the app (`ui/state/sync.rs`);
//! no I/O, no clock, no randomness (`tests/architecture.rs`).

pub mod conflicts;
pub mod docs;
pub mod replicate;
