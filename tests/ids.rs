//! Ids are read by a quick path with the `uuid` crate's parser behind it
//! (`model::ids::read_uuid`). The law: for any text, reading it as an id gives the crate's
//! answer, value and error alike.

use proptest::prelude::*;
use pursuit::model::{ids::parse_uuid, TaskId};
use uuid::Uuid;

#[path = "support/workspaces.rs"]
mod workspaces;
use workspaces::ScatteredIds;

/// Reads `text` (as a JSON string) as a task id and as the crate's `Uuid`; errors compared
/// by their message, which carries the position too.
fn both(text: &str) -> (Result<Uuid, String>, Result<Uuid, String>) {
    let json = serde_json::to_string(text).unwrap();
    let ours = serde_json::from_str::<TaskId>(&json)
        .map(|id| id.0)
        .map_err(|e| e.to_string());
    let theirs = serde_json::from_str::<Uuid>(&json).map_err(|e| e.to_string());
    (ours, theirs)
}

#[test]
fn what_pursuit_writes_reads_back() {
    let mut ids = ScatteredIds::seeded(7);
    let written: Vec<Uuid> = (0..200)
        .map(|_| pursuit::model::IdSource::next_uuid(&mut ids))
        .collect();
    assert!(!written.is_empty());
    for id in written {
        let text = id.to_string();
        assert_eq!(parse_uuid(&text), Ok(id));
        assert_eq!(parse_uuid(&text.to_uppercase()), Ok(id));
        let (ours, theirs) = both(&text);
        assert_eq!(ours, Ok(id));
        assert_eq!(ours, theirs);
    }
}

#[test]
fn anything_else_is_the_crates_answer() {
    let cases = [
        "67e55044-10b1-426f-9247-bb680e5fe0c8",
        "67E55044-10B1-426F-9247-BB680E5FE0C8",
        "67e5504410b1426f9247bb680e5fe0c8",
        "{67e55044-10b1-426f-9247-bb680e5fe0c8}",
        "urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8",
        "67e55044-10b1-426f-9247-bb680e5fe0c",
        "67e55044-10b1-426f-9247-bb680e5fe0c8a",
        "67e55044_10b1-426f-9247-bb680e5fe0c8",
        "67e5504-410b1-426f-9247-bb680e5fe0c8",
        "67e55044-10b1-426f-9247-bb680e5fe0cg",
        "g7e55044-10b1-426f-9247-bb680e5fe0c8",
        "67e55044-10b1-426f-9247-bb680e5fe0é",
        "",
        "not an id",
    ];
    for text in cases {
        let (ours, theirs) = both(text);
        assert_eq!(ours, theirs, "{text:?}");
        assert_eq!(parse_uuid(text).ok(), text.parse::<Uuid>().ok(), "{text:?}");
    }
}

#[test]
fn other_json_is_refused_as_before() {
    for json in ["null", "12", "true", "{}", "[]"] {
        assert!(serde_json::from_str::<TaskId>(json).is_err(), "{json}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn any_id_shaped_text_reads_as_the_crate_reads_it(
        text in "[0-9a-fA-Fg_-]{8}[-_ ][0-9a-fA-F]{4}-[0-9a-fA-FxX]{4}-?[0-9a-fA-F]{4}-[0-9a-fA-F]{11,13}"
    ) {
        let (ours, theirs) = both(&text);
        prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn any_text_reads_as_the_crate_reads_it(text in "\\PC{0,40}") {
        let (ours, theirs) = both(&text);
        prop_assert_eq!(ours, theirs);
    }
}

#[test]
fn scattered_ids_are_distinct_v4_and_repeatable() {
    let take = |seed| {
        let mut ids = ScatteredIds::seeded(seed);
        (0..50_000)
            .map(|_| pursuit::model::IdSource::next_uuid(&mut ids))
            .collect::<Vec<_>>()
    };
    let ids = take(1);
    assert!(!ids.is_empty());
    assert!(ids.iter().all(|u| u.get_version_num() == 4));
    let distinct: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len());
    assert_eq!(ids, take(1));
    assert_ne!(ids[0], take(2)[0]);
    // The seed that lands on the fixed point still gives ids, not zeros.
    let mut stuck = ScatteredIds::seeded(0x9E37_79B9_7F4A_7C15);
    assert_ne!(
        pursuit::model::IdSource::next_uuid(&mut stuck),
        pursuit::model::IdSource::next_uuid(&mut stuck)
    );
}
