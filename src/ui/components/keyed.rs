//! The one key convention for keyed lists.
//!
//! A keyed `<For>` draws a row once per key and never again while the key stays the same, so
//! a key of the id alone keeps an edited row's old values on screen. Every keyed list in the
//! app uses [`key`]: the row's id and a fingerprint of everything the row shows. An edited
//! row gets a new key and is redrawn; an unchanged row keeps its key and its DOM (focus,
//! scroll, open menus). `tests/architecture.rs` fails on a list keyed any other way.
//!
//! Every keyed list is a [`Rows`]: Leptos' `<For>` with each row's drawing boxed, so the
//! app holds one copy of the keyed-list code instead of one per list (each `<For>` compiled
//! its own: 18 copies, 66 KB of code before optimisation).

use leptos::prelude::*;
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

/// One row of a keyed list: its key, and how to draw it.
struct Drawn {
    key: u64,
    draw: Box<dyn FnOnce() -> AnyView + Send>,
}

/// A keyed list, written like `<For>`: `<Rows each=move || rows.get() key=key let:row>`.
/// Its rows are drawn once per key (see [`key`]); the key function's answer is folded into
/// one fingerprint.
#[component]
pub fn Rows<IF, I, T, KF, K, EF, N>(each: IF, key: KF, children: EF) -> impl IntoView
where
    IF: Fn() -> I + Send + 'static,
    I: IntoIterator<Item = T>,
    T: Send + 'static,
    KF: Fn(&T) -> K + Send + 'static,
    K: Hash,
    EF: Fn(T) -> N + Send + Clone + 'static,
    N: IntoView + 'static,
{
    let rows = move || {
        each()
            .into_iter()
            .map(|row| {
                let draw = children.clone();
                Drawn {
                    key: fingerprint(&key(&row)),
                    draw: Box::new(move || draw(row).into_any()),
                }
            })
            .collect()
    };
    keyed_rows(Box::new(rows))
}

/// The one `For` every list shares.
fn keyed_rows(each: Box<dyn Fn() -> Vec<Drawn> + Send>) -> AnyView {
    For(ForProps {
        each,
        key: |row: &Drawn| row.key,
        children: |row: Drawn| (row.draw)(),
    })
    .into_any()
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
