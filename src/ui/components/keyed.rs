//! The one key convention for keyed lists.
//!
//! A keyed `<For>` draws a row once per key and never again while the key stays the same, so
//! a key of the id alone keeps an edited row's old values on screen. Every keyed list in the
//! app uses [`key`]: the row's id and a fingerprint of everything the row shows. An edited
//! row gets a new key and is redrawn; an unchanged row keeps its key and its DOM (focus,
//! scroll, open menus). `tests/architecture.rs` fails on a `<For>` keyed any other way.

use std::hash::{Hash, Hasher};

/// A row as a keyed list shows it: plain, hashable data made by a pure view function.
/// Everything the row draws must be a field, so that it takes part in the fingerprint.
pub trait Row: Hash {
    /// What tells rows apart within one list.
    type Id: Hash + Eq + Clone + 'static;
    fn id(&self) -> Self::Id;
}

/// The key of a row: its id and a fingerprint of its content. The id keeps two rows that
/// happen to show the same values apart; the fingerprint changes whenever the row does.
pub fn key<R: Row>(row: &R) -> (R::Id, u64) {
    (row.id(), fingerprint(row))
}

/// A hash of everything a value holds: equal values, equal fingerprints; any change, with
/// overwhelming likelihood, a different one.
pub fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Hash)]
    struct R {
        id: u32,
        text: &'static str,
    }

    impl Row for R {
        type Id = u32;
        fn id(&self) -> u32 {
            self.id
        }
    }

    #[test]
    fn an_edited_row_changes_key_and_an_unchanged_one_keeps_it() {
        let before = R {
            id: 1,
            text: "4 of 30",
        };
        let same = R {
            id: 1,
            text: "4 of 30",
        };
        let edited = R {
            id: 1,
            text: "4 of 37",
        };
        assert_eq!(key(&before), key(&same));
        assert_ne!(key(&before), key(&edited));
        assert_eq!(key(&before).0, key(&edited).0);
    }
}
