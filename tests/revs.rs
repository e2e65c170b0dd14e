//! The revision tree's laws: every replica that has seen the same revisions picks the same
//! winner and the same conflicts, whatever order (and however stemmed) they arrived in.

use proptest::prelude::*;
use pursuit::engine::revs::{Rev, RevTree};

/// A random tree: each node builds on an earlier one (or starts a history), with a unique
/// hash and whether it deletes the document.
fn trees() -> impl Strategy<Value = Vec<(Option<usize>, u32, bool)>> {
    prop::collection::vec(
        (
            any::<prop::sample::Index>(),
            any::<u32>(),
            any::<bool>(),
            any::<bool>(),
        ),
        1..24,
    )
    .prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (parent, hash, root, deleted))| {
                let parent = (i > 0 && !root).then(|| parent.index(i));
                (parent, hash, deleted)
            })
            .collect()
    })
}

/// Every node's full path, newest first, with its deleted flag.
fn paths(nodes: &[(Option<usize>, u32, bool)]) -> Vec<(Vec<Rev>, bool)> {
    let mut revs: Vec<Rev> = Vec::new();
    for (i, (parent, hash, _)) in nodes.iter().enumerate() {
        let pos = parent.map_or(1, |p| revs[p].pos + 1);
        revs.push(Rev::new(pos, &format!("{hash:08x}{i:02}")).unwrap());
    }
    nodes
        .iter()
        .enumerate()
        .map(|(i, (_, _, deleted))| {
            let mut path = vec![revs[i].clone()];
            let mut at = nodes[i].0;
            while let Some(p) = at {
                path.push(revs[p].clone());
                at = nodes[p].0;
            }
            (path, *deleted)
        })
        .collect()
}

fn built(paths: &[(Vec<Rev>, bool)]) -> RevTree {
    let mut tree = RevTree::default();
    for (path, deleted) in paths {
        tree.insert(path, *deleted);
    }
    tree
}

proptest! {
    #[test]
    fn the_winner_does_not_depend_on_arrival_order(nodes in trees(), seed in any::<u64>(), stem in 1usize..4) {
        let mut in_order = paths(&nodes);
        prop_assert!(!in_order.is_empty());
        let first = built(&in_order);
        // Another order, and each history first sent stemmed to its newest `stem` revisions.
        let mut shuffled = in_order.clone();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let mut second = RevTree::default();
        for (path, deleted) in &shuffled {
            second.insert(&path[..path.len().min(stem)], *deleted);
        }
        for (path, deleted) in &shuffled {
            second.insert(path, *deleted);
        }
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(first.winner(), second.winner());
        prop_assert_eq!(first.conflicts(), second.conflicts());
        in_order.reverse();
        prop_assert_eq!(first.winner(), built(&in_order).winner());
    }

    #[test]
    fn the_winner_is_the_best_leaf(nodes in trees()) {
        let tree = built(&paths(&nodes));
        let leaves = tree.leaves();
        prop_assert!(!leaves.is_empty());
        let winner = tree.winner().unwrap();
        prop_assert!(leaves.contains(&winner));
        for leaf in &leaves {
            // Live beats deleted, then the longer history, then the higher hash.
            let better = (!leaf.deleted, leaf.rev.pos, &leaf.rev.hash) > (!winner.deleted, winner.rev.pos, &winner.rev.hash);
            prop_assert!(!better, "{:?} beats the winner {:?}", leaf, winner);
        }
        // Conflicts are the live losers; a deleted winner means every leaf is deleted.
        prop_assert_eq!(tree.conflicts().len(), leaves.iter().filter(|l| !l.deleted && l.rev != winner.rev).count());
        prop_assert_eq!(tree.deleted(), leaves.iter().all(|l| l.deleted));
    }
}
