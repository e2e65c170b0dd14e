//! The collection every kind of project record lives in: a plain list (stored and exported as
//! a JSON array, in the order records were added) that also knows where each project's
//! records are. Finding, copying or replacing one project's records then costs what that
//! project holds, not the size of the workspace — an edit on a 5,000-project workspace costs
//! what the same edit costs on ten.
//!
//! Reading is the list's slice (`records.iter()`, `records.len()`, `&records[..]`); records
//! may be edited in place through the slice, but never moved to another project (a
//! record's `project_id` is fixed when it is made). Adding goes through [`Records::push`] and
//! [`Records::extend`]; removing through [`Records::retain`].

use crate::model::common::InProject;
use crate::model::ids::ProjectId;
use crate::model::ids::{IdHasher, IdMap, IdSet};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::{Deref, DerefMut};

/// A list of records of one kind with an index by project.
#[derive(Clone)]
pub struct Records<T> {
    items: Vec<T>,
    /// Positions in `items` of each project's records, in list order.
    by_project: IdMap<ProjectId, Vec<usize>>,
    /// The position of each record by id (the first, should a file repeat an id).
    by_id: IdMap<uuid::Uuid, usize>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            by_project: IdMap::default(),
            by_id: IdMap::default(),
        }
    }
}

impl<T: InProject> Records<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a record.
    pub fn push(&mut self, record: T) {
        self.by_project
            .entry(record.project_id())
            .or_default()
            .push(self.items.len());
        self.by_id
            .entry(record.record_id())
            .or_insert(self.items.len());
        self.items.push(record);
    }

    /// The record with this id (live or deleted), found through the index.
    pub fn get(&self, id: uuid::Uuid) -> Option<&T> {
        self.by_id.get(&id).map(|&i| &self.items[i])
    }

    /// The record with this id, to change in place. The change must keep its id and project
    /// (the index is by both).
    pub fn get_mut(&mut self, id: uuid::Uuid) -> Option<&mut T> {
        self.by_id.get(&id).map(|&i| &mut self.items[i])
    }

    /// Makes room for `more` records.
    pub fn reserve(&mut self, more: usize) {
        self.items.reserve(more);
        self.by_id.reserve(more);
    }

    /// Keeps the records `keep` says yes to, in order.
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.items.retain(keep);
        self.reindex();
    }

    /// A project's records (live and deleted), in list order; costs what the project holds.
    pub fn of(&self, project: ProjectId) -> impl Iterator<Item = &T> + '_ {
        self.by_project
            .get(&project)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.items[i])
    }

    /// Makes a project's records equal to `records` (all of which belong to `project`):
    /// records with an id already here are replaced in place, new ones appended, and records
    /// of the project missing from `records` removed.
    pub fn set_project(&mut self, project: ProjectId, records: &[T])
    where
        T: Clone,
    {
        let here = self.by_project.get(&project).cloned().unwrap_or_default();
        let mut at: IdMap<uuid::Uuid, usize> = here
            .iter()
            .map(|&i| (self.items[i].record_id(), i))
            .collect();
        let mut seen = IdSet::with_capacity_and_hasher(records.len(), IdHasher::default());
        for record in records {
            debug_assert_eq!(
                record.project_id(),
                project,
                "a record set into another project"
            );
            seen.insert(record.record_id());
            match at.get(&record.record_id()) {
                Some(&i) => self.items[i] = record.clone(),
                None => {
                    at.insert(record.record_id(), self.items.len());
                    self.push(record.clone());
                }
            }
        }
        if here
            .iter()
            .any(|&i| !seen.contains(&self.items[i].record_id()))
        {
            self.retain(|r| r.project_id() != project || seen.contains(&r.record_id()));
        }
    }

    /// Removes every record.
    pub fn clear(&mut self) {
        self.items.clear();
        self.by_project.clear();
        self.by_id.clear();
    }

    fn reindex(&mut self) {
        self.by_project.clear();
        self.by_id.clear();
        for (i, record) in self.items.iter().enumerate() {
            self.by_project
                .entry(record.project_id())
                .or_default()
                .push(i);
            self.by_id.entry(record.record_id()).or_insert(i);
        }
    }

    /// The records as a plain list.
    pub fn into_vec(self) -> Vec<T> {
        self.items
    }
}

/// What code that handles every collection alike (a [`Records`] or a plain `Vec` of
/// workspace-level records) needs: the slice, adding one record, and building from records.
pub trait List<T>: DerefMut<Target = [T]> + FromIterator<T> {
    fn push(&mut self, record: T);
    /// Where the record with this id is (`id_of` reads a record's id): through the index
    /// where the list has one, else by looking.
    fn position_of(&self, id: uuid::Uuid, id_of: impl Fn(&T) -> uuid::Uuid) -> Option<usize>;
}

impl<T> List<T> for Vec<T> {
    fn push(&mut self, record: T) {
        Vec::push(self, record)
    }
    fn position_of(&self, id: uuid::Uuid, id_of: impl Fn(&T) -> uuid::Uuid) -> Option<usize> {
        self.iter().position(|e| id_of(e) == id)
    }
}

impl<T: InProject> List<T> for Records<T> {
    fn push(&mut self, record: T) {
        Records::push(self, record)
    }
    fn position_of(&self, id: uuid::Uuid, _: impl Fn(&T) -> uuid::Uuid) -> Option<usize> {
        self.by_id.get(&id).copied()
    }
}

impl<T: InProject> Extend<T> for Records<T> {
    /// Appends records; a run of one project's records (as storage keeps them) looks its
    /// project up once, not once a record.
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let iter = iter.into_iter();
        self.reserve(iter.size_hint().0);
        let mut run: Option<(ProjectId, Vec<usize>)> = None;
        for record in iter {
            let project = record.project_id();
            let positions = match &mut run {
                Some((p, positions)) if *p == project => positions,
                _ => {
                    if let Some((p, positions)) = run.take() {
                        self.by_project.insert(p, positions);
                    }
                    let positions = self.by_project.remove(&project).unwrap_or_default();
                    &mut run.insert((project, positions)).1
                }
            };
            positions.push(self.items.len());
            self.by_id
                .entry(record.record_id())
                .or_insert(self.items.len());
            self.items.push(record);
        }
        if let Some((p, positions)) = run {
            self.by_project.insert(p, positions);
        }
    }
}

impl<T: InProject> From<Vec<T>> for Records<T> {
    fn from(items: Vec<T>) -> Self {
        let mut out = Self {
            items,
            ..Self::default()
        };
        out.reindex();
        out
    }
}

impl<T: InProject> FromIterator<T> for Records<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl<T> Deref for Records<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items
    }
}

/// In-place edits only: the slice cannot add or remove records, and a record's id and
/// project never change, so the index stays right.
impl<T> DerefMut for Records<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.items
    }
}

impl<'a, T> IntoIterator for &'a Records<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut Records<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter_mut()
    }
}

impl<T: PartialEq> PartialEq for Records<T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Records<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.items.fmt(f)
    }
}

impl<T: Serialize> Serialize for Records<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(s)
    }
}

impl<'de, T: InProject + Deserialize<'de>> Deserialize<'de> for Records<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(d).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Risk, RiskId};

    fn risk(project: u128, id: u128) -> Risk {
        let at = "2026-01-01T00:00:00Z".parse().expect("a time");
        Risk {
            snoozed_until: None,
            id: RiskId(uuid::Uuid::from_u128(id)),
            stamp: crate::model::Stamp::new(at, None),
            project_id: ProjectId(uuid::Uuid::from_u128(project)),
            description: "r".into(),
            category: String::new(),
            probability: 1,
            impact: 1,
            owner: None,
            mitigation: String::new(),
            contingency: String::new(),
            status: crate::model::RiskStatus::Open,
            next_review: None,
        }
    }

    fn ids(rs: &Records<Risk>, p: u128) -> Vec<u128> {
        rs.of(ProjectId(uuid::Uuid::from_u128(p)))
            .map(|r| r.id.0.as_u128())
            .collect()
    }

    #[test]
    fn the_index_follows_pushes_removals_and_replacements() {
        let mut rs: Records<Risk> = vec![risk(1, 10), risk(2, 20), risk(1, 11)].into();
        assert_eq!(ids(&rs, 1), [10, 11]);
        rs.push(risk(2, 21));
        assert_eq!(ids(&rs, 2), [20, 21]);
        rs.retain(|r| r.id.0.as_u128() != 10);
        assert_eq!(ids(&rs, 1), [11]);
        assert_eq!(ids(&rs, 2), [20, 21]);
        // Replace 20, drop 21, add 22: only project 2 changes, in place where it can.
        let p2 = ProjectId(uuid::Uuid::from_u128(2));
        let mut changed = risk(2, 20);
        changed.description = "changed".into();
        rs.set_project(p2, &[changed, risk(2, 22)]);
        assert_eq!(ids(&rs, 2), [20, 22]);
        assert_eq!(ids(&rs, 1), [11]);
        assert_eq!(rs[0].description, "changed");
        assert_eq!(rs.len(), 3);
        // Equal to a list built fresh from the same records.
        assert_eq!(rs, Records::from(rs.to_vec()));
        assert!(ids(&rs, 3).is_empty());
        assert_eq!(
            rs.get(uuid::Uuid::from_u128(22)).map(|r| r.id.0.as_u128()),
            Some(22)
        );
        assert!(rs.get(uuid::Uuid::from_u128(21)).is_none());
    }

    proptest::proptest! {
        /// Extending by runs of a project indexes exactly as pushing one by one does,
        /// whatever the runs, repeated ids and records already there.
        #[test]
        fn extend_indexes_as_push_does(
            before in proptest::collection::vec((0u128..4, 0u128..30), 0..12),
            more in proptest::collection::vec((0u128..4, 0u128..30), 1..40),
        ) {
            let start: Records<Risk> = before.iter().map(|&(p, id)| risk(p, id)).collect();
            let mut pushed = start.clone();
            for &(p, id) in &more {
                pushed.push(risk(p, id));
            }
            let mut extended = start;
            extended.extend(more.iter().map(|&(p, id)| risk(p, id)));
            proptest::prop_assert!(!extended.is_empty());
            proptest::prop_assert_eq!(&extended, &pushed);
            for p in 0..5 {
                proptest::prop_assert_eq!(ids(&extended, p), ids(&pushed, p));
            }
            for id in 0..31 {
                let id = uuid::Uuid::from_u128(id);
                proptest::prop_assert_eq!(
                    extended.get(id).map(|r| r.project_id),
                    pushed.get(id).map(|r| r.project_id)
                );
            }
        }
    }
}
