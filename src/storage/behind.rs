//! The in-memory side of a store whose durable side answers later (IndexedDB).
//!
//! Reads and writes happen here, synchronously, so the storage logic above ([`super::save`],
//! [`super::replace`], [`super::load`]) is the same for every store. Each change is kept
//! *dirty* until the durable side confirms it: a batch of every dirty key is taken when the
//! caller flushes, written in one transaction, and only a confirmed write clears its keys.
//! A failed write leaves them dirty, so the next flush sends them again — nothing the person
//! changed is dropped because one write failed. A key changed again while its write is on
//! the way stays dirty for the newer value.

use super::codec;
use std::collections::BTreeMap;

/// The mirror of the durable store and what of it is not yet written.
#[derive(Debug, Default)]
pub struct WriteBehind {
    items: BTreeMap<String, String>,
    /// Keys changed in memory and not yet confirmed written, each with its change number.
    dirty: BTreeMap<String, u64>,
    /// Keys of batches on the way, with the change number each batch carries.
    in_flight: BTreeMap<String, u64>,
    changes: u64,
    units: usize,
}

/// One transaction's worth of writes: each key with its value, `None` to delete it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    pub writes: Vec<(String, Option<String>)>,
    changes: Vec<(String, u64)>,
}

fn units(key: &str, value: &str) -> usize {
    codec::storage_units(key) + codec::storage_units(value)
}

impl WriteBehind {
    /// A mirror of what the durable side holds, with nothing dirty.
    pub fn new(items: BTreeMap<String, String>) -> Self {
        let units = items.iter().map(|(k, v)| units(k, v)).sum();
        Self {
            items,
            units,
            ..Default::default()
        }
    }

    pub fn get(&self, key: &str) -> Option<&String> {
        self.items.get(key)
    }

    pub fn keys(&self) -> Vec<String> {
        self.items.keys().cloned().collect()
    }

    /// UTF-16 units of every key and value held.
    pub fn units(&self) -> usize {
        self.units
    }

    pub fn set(&mut self, key: &str, value: &str) {
        if self.items.get(key).is_some_and(|old| old == value) && !self.dirty.contains_key(key) {
            return;
        }
        if let Some(old) = self.items.insert(key.to_string(), value.to_string()) {
            self.units -= units(key, &old);
        }
        self.units += units(key, value);
        self.touch(key);
    }

    pub fn remove(&mut self, key: &str) {
        match self.items.remove(key) {
            Some(old) => {
                self.units -= units(key, &old);
                self.touch(key);
            }
            None if self.dirty.contains_key(key) => self.touch(key),
            None => {}
        }
    }

    fn touch(&mut self, key: &str) {
        self.changes += 1;
        self.dirty.insert(key.to_string(), self.changes);
    }

    /// Whether something changed in memory is not yet confirmed written.
    pub fn unsaved(&self) -> bool {
        !self.dirty.is_empty()
    }

    /// The writes not yet sent: every dirty key whose newest change is not already on the
    /// way. `None` when there is nothing to send.
    pub fn take_batch(&mut self) -> Option<Batch> {
        let changes: Vec<(String, u64)> = self
            .dirty
            .iter()
            .filter(|(k, n)| self.in_flight.get(*k) != Some(n))
            .map(|(k, n)| (k.clone(), *n))
            .collect();
        if changes.is_empty() {
            return None;
        }
        for (k, n) in &changes {
            self.in_flight.insert(k.clone(), *n);
        }
        let writes = changes
            .iter()
            .map(|(k, _)| (k.clone(), self.items.get(k).cloned()))
            .collect();
        Some(Batch { writes, changes })
    }

    /// The durable side confirmed `batch`: its keys are clean unless changed since.
    pub fn committed(&mut self, batch: &Batch) {
        for (k, n) in &batch.changes {
            if self.dirty.get(k) == Some(n) {
                self.dirty.remove(k);
            }
            if self.in_flight.get(k) == Some(n) {
                self.in_flight.remove(k);
            }
        }
    }

    /// The durable side refused `batch`: its keys stay dirty, to be sent again.
    pub fn failed(&mut self, batch: &Batch) {
        for (k, n) in &batch.changes {
            if self.in_flight.get(k) == Some(n) {
                self.in_flight.remove(k);
            }
        }
    }

    /// Takes in what the durable side holds now (another tab wrote to it); keys changed
    /// here and not yet written keep this side's value.
    pub fn refresh(&mut self, durable: BTreeMap<String, String>) {
        let mut items = durable;
        for key in self.dirty.keys() {
            match self.items.get(key) {
                Some(v) => items.insert(key.clone(), v.clone()),
                None => items.remove(key),
            };
        }
        self.units = items.iter().map(|(k, v)| units(k, v)).sum();
        self.items = items;
    }
}
