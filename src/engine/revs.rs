//! CouchDB revision trees, as a replicating client keeps them: every revision of a document
//! a replica has seen, linked to its parent, so two replicas that edited apart can tell
//! which revisions the other lacks (`_revs_diff`), which leaf wins and which leaves are
//! conflicts. The rules are CouchDB's, so Pursuit, CouchDB and PouchDB pick the same
//! winner whatever order revisions arrive in:
//!
//! 1. a leaf that is not deleted beats a deleted one;
//! 2. then the leaf with the longer history (the higher position, the `N` of `N-hash`);
//! 3. then the higher hash, compared as text.
//!
//! Pure data: nothing here talks to a server (see `docs/sync.md`).

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// One revision: its position in the document's history (1 for the first) and its hash.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rev {
    pub pos: u64,
    pub hash: String,
}

/// A revision string that is not `N-hash`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a document revision (expected a number, a dash and a hash, e.g. 3-a1b2)")]
pub struct RevError(pub String);

/// The longest hash accepted from a server: CouchDB writes 32 hex digits; other clients may
/// write other text, but never a page of it.
pub const MAX_HASH_CHARS: usize = 64;

impl Rev {
    pub fn parse(text: &str) -> Result<Rev, RevError> {
        let bad = || RevError(text.chars().take(80).collect());
        let (pos, hash) = text.split_once('-').ok_or_else(bad)?;
        let pos: u64 = pos.parse().map_err(|_| bad())?;
        Rev::new(pos, hash).ok_or_else(bad)
    }

    /// A revision at `pos` with `hash`, when both are ones a document can have.
    pub fn new(pos: u64, hash: &str) -> Option<Rev> {
        let fits = pos >= 1
            && !hash.is_empty()
            && hash.len() <= MAX_HASH_CHARS
            && hash.chars().all(|c| c.is_ascii_alphanumeric());
        fits.then(|| Rev {
            pos,
            hash: hash.to_string(),
        })
    }

    /// The revision after this one, with a new hash.
    pub fn child(&self, hash: &str) -> Option<Rev> {
        Rev::new(self.pos.checked_add(1)?, hash)
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash)
    }
}

impl Serialize for Rev {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rev {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Rev::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A document's history as CouchDB sends it with `revs=true` (`_revisions`): the newest
/// revision's position and the hashes from the newest back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisions {
    pub start: u64,
    pub ids: Vec<String>,
}

impl Revisions {
    /// The revisions, newest first; an error when a position would fall below 1 or a hash
    /// is not one a document can have.
    pub fn path(&self) -> Result<Vec<Rev>, RevError> {
        let bad = || RevError(format!("{}-{}", self.start, self.ids.join(",")));
        if self.ids.is_empty() || (self.ids.len() as u64) > self.start {
            return Err(bad());
        }
        self.ids
            .iter()
            .enumerate()
            .map(|(i, hash)| Rev::new(self.start - i as u64, hash).ok_or_else(bad))
            .collect()
    }

    /// The history of `path` (newest first), as it is sent.
    pub fn of(path: &[Rev]) -> Option<Revisions> {
        let start = path.first()?.pos;
        Some(Revisions {
            start,
            ids: path.iter().map(|r| r.hash.clone()).collect(),
        })
    }
}

/// What the tree knows of one revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Node {
    /// `None` for the first revision, or when the history before it was not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<Rev>,
    /// Whether this revision deletes the document (meaningful for a leaf).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
}

/// Every revision of one document this replica has seen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevTree {
    nodes: BTreeMap<Rev, Node>,
}

/// A leaf of the tree: an end of one line of edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    pub rev: Rev,
    pub deleted: bool,
}

impl Leaf {
    /// The order of rule 1–3 above: the greatest leaf wins.
    fn rank(&self) -> (bool, u64, &str) {
        (!self.deleted, self.rev.pos, &self.rev.hash)
    }
}

impl RevTree {
    /// Adds a line of history, newest first (`path[0]` is the revision itself and
    /// `deleted` says whether it deletes the document). Revisions already known are kept;
    /// a parent learnt later is filled in.
    pub fn insert(&mut self, path: &[Rev], deleted: bool) {
        for (i, rev) in path.iter().enumerate() {
            let parent = path.get(i + 1).cloned();
            let node = self.nodes.entry(rev.clone()).or_insert(Node {
                parent: None,
                deleted: false,
            });
            if node.parent.is_none() {
                node.parent = parent;
            }
            if i == 0 {
                node.deleted = deleted;
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn contains(&self, rev: &Rev) -> bool {
        self.nodes.contains_key(rev)
    }

    /// The revisions no other revision builds on.
    pub fn leaves(&self) -> Vec<Leaf> {
        let parents: BTreeSet<&Rev> = self
            .nodes
            .values()
            .filter_map(|n| n.parent.as_ref())
            .collect();
        self.nodes
            .iter()
            .filter(|(rev, _)| !parents.contains(rev))
            .map(|(rev, node)| Leaf {
                rev: rev.clone(),
                deleted: node.deleted,
            })
            .collect()
    }

    /// The leaf every replica shows (rules 1–3); `None` for an empty tree.
    pub fn winner(&self) -> Option<Leaf> {
        self.leaves()
            .into_iter()
            .max_by(|a, b| a.rank().cmp(&b.rank()))
    }

    /// The leaves that lost but are not deleted: the edits a person must still decide on.
    pub fn conflicts(&self) -> Vec<Rev> {
        let Some(winner) = self.winner() else {
            return Vec::new();
        };
        self.leaves()
            .into_iter()
            .filter(|l| !l.deleted && l.rev != winner.rev)
            .map(|l| l.rev)
            .collect()
    }

    /// Whether the document is deleted (its winner is a deletion).
    pub fn deleted(&self) -> bool {
        self.winner().is_some_and(|w| w.deleted)
    }

    /// `rev` and its known ancestors, newest first.
    pub fn path_to(&self, rev: &Rev) -> Vec<Rev> {
        let mut out = Vec::new();
        let mut at = Some(rev.clone());
        while let Some(r) = at {
            let Some(node) = self.nodes.get(&r) else {
                break;
            };
            at = node.parent.clone();
            out.push(r);
        }
        out
    }

    /// Of `revs`, those this tree does not hold (the answer to `_revs_diff`).
    pub fn missing<'a>(&self, revs: impl IntoIterator<Item = &'a Rev>) -> Vec<Rev> {
        revs.into_iter()
            .filter(|r| !self.contains(r))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(text: &str) -> Rev {
        Rev::parse(text).unwrap()
    }

    fn path(texts: &[&str]) -> Vec<Rev> {
        texts.iter().map(|t| rev(t)).collect()
    }

    #[test]
    fn revisions_read_and_write_as_couchdb_spells_them() {
        assert_eq!(rev("12-a1b2").to_string(), "12-a1b2");
        for bad in ["", "a-b", "0-abc", "3-", "-abc", "3-ab cd", "3-ab-cd"] {
            assert!(Rev::parse(bad).is_err(), "{bad}");
        }
        let long = format!("1-{}", "a".repeat(MAX_HASH_CHARS + 1));
        assert!(Rev::parse(&long).is_err());
        let r = Revisions {
            start: 3,
            ids: vec!["c".into(), "b".into(), "a".into()],
        };
        assert_eq!(r.path().unwrap(), path(&["3-c", "2-b", "1-a"]));
        assert_eq!(Revisions::of(&r.path().unwrap()), Some(r));
        let too_long = Revisions {
            start: 1,
            ids: vec!["b".into(), "a".into()],
        };
        assert!(too_long.path().is_err());
    }

    #[test]
    fn live_beats_deleted_then_longer_then_higher_hash() {
        let mut t = RevTree::default();
        t.insert(&path(&["2-aaa", "1-x"]), false);
        t.insert(&path(&["2-bbb", "1-x"]), false);
        assert_eq!(t.winner().unwrap().rev, rev("2-bbb"));
        assert_eq!(t.conflicts(), vec![rev("2-aaa")]);
        t.insert(&path(&["3-000", "2-aaa", "1-x"]), false);
        assert_eq!(t.winner().unwrap().rev, rev("3-000"), "longer wins");
        t.insert(&path(&["4-zzz", "3-000", "2-aaa", "1-x"]), true);
        assert_eq!(t.winner().unwrap().rev, rev("2-bbb"), "live beats deleted");
        assert!(t.conflicts().is_empty());
        assert!(!t.deleted());
        t.insert(&path(&["3-del", "2-bbb", "1-x"]), true);
        assert!(t.deleted(), "every leaf deleted: the document is");
        assert_eq!(t.winner().unwrap().rev, rev("4-zzz"));
    }

    #[test]
    fn missing_names_what_the_tree_lacks_and_paths_walk_back() {
        let mut t = RevTree::default();
        t.insert(&path(&["3-c", "2-b", "1-a"]), false);
        let asked = path(&["3-c", "4-d", "2-z"]);
        assert_eq!(t.missing(&asked), path(&["4-d", "2-z"]));
        assert_eq!(t.path_to(&rev("3-c")), path(&["3-c", "2-b", "1-a"]));
        // A history sent without its start still links once the start arrives.
        let mut stemmed = RevTree::default();
        stemmed.insert(&path(&["3-c"]), false);
        stemmed.insert(&path(&["3-c", "2-b", "1-a"]), false);
        assert_eq!(stemmed, t);
    }
}
