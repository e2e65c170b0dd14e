//! Records as CouchDB documents (sync::docs): every record of every declared kind goes
//! out as one document and comes back as the same record; documents that are not Pursuit
//! records, name another kind, or come from a newer Pursuit are refused by name.

mod common;

use common::*;
use pursuit::engine::records::{all_records, put_record, Kind};
use pursuit::engine::revs::Rev;
use pursuit::model::Workspace;
use pursuit::sync::docs::{doc_id, from_doc, parse_doc_id, to_doc, DocError};
use serde_json::json;

#[test]
fn every_record_round_trips_through_its_document() {
    // The newest golden file holds a record of every declared kind.
    let mut ws = pursuit::format::read(include_str!("fixtures/workspace-v3.json")).unwrap();
    ws.history.push(pursuit::model::ChangeRecord {
        id: pursuit::model::ChangeId(uuid::Uuid::from_u128(7)),
        stamp: pursuit::model::Stamp::new(at(5), None),
        project_id: ws.projects.iter().next().map(|p| p.id),
        summary: "changed the stage".into(),
        details: vec!["Stage: Discovery → Proposal".into()],
    });
    let records = all_records(&ws);
    assert!(!records.is_empty());
    let kinds: std::collections::BTreeSet<Kind> = records.iter().map(|r| r.0).collect();
    for kind in Kind::ALL {
        assert!(kinds.contains(kind), "{kind:?}");
    }
    let mut rebuilt = Workspace::new(ws.id, String::new(), ws.stamp.created_at);
    for (kind, id, record) in &records {
        let doc = to_doc(
            *kind,
            *id,
            record,
            Some(&Rev::parse("1-abc").unwrap()),
            false,
        );
        assert_eq!(doc["_id"], json!(doc_id(*kind, *id)));
        let incoming = from_doc(&doc).unwrap();
        assert_eq!((incoming.kind, incoming.id), (*kind, *id));
        assert_eq!(incoming.rev, Some(Rev::parse("1-abc").unwrap()));
        put_record(&mut rebuilt, incoming.kind, incoming.id, &incoming.record).unwrap();
    }
    let (a, b) = (
        serde_json::to_value(&rebuilt).unwrap(),
        serde_json::to_value(&ws).unwrap(),
    );
    for (k, v) in b.as_object().unwrap() {
        assert_eq!(a.get(k), Some(v), "{k}");
    }
    assert_eq!(rebuilt, ws);
}

#[test]
fn documents_that_are_not_ours_are_refused_by_name() {
    assert_eq!(parse_doc_id("task:not-a-uuid"), None);
    assert_eq!(
        parse_doc_id("spaceship:0b6f2d4c-6a63-4c1e-9f4e-3c1c4c7d3a10"),
        None
    );
    let id = "0b6f2d4c-6a63-4c1e-9f4e-3c1c4c7d3a10";
    assert!(matches!(
        from_doc(&json!({"_id": "_design/app"})),
        Err(DocError::NotOurs { .. })
    ));
    assert!(matches!(
        from_doc(&json!({"_id": 7})),
        Err(DocError::NoId(_))
    ));
    let wrong = from_doc(&json!({"_id": format!("task:{id}"), "type": "risk"})).unwrap_err();
    assert_eq!(
        wrong.to_string(),
        format!("document “task:{id}” says it is a risk but its _id says task")
    );
    let newer =
        from_doc(&json!({"_id": format!("task:{id}"), "type": "task", "schema": 99})).unwrap_err();
    assert!(newer.to_string().contains("newer Pursuit"), "{newer}");
    let bad_rev =
        from_doc(&json!({"_id": format!("task:{id}"), "type": "task", "_rev": "x"})).unwrap_err();
    assert!(matches!(bad_rev, DocError::BadRev { .. }));
    // A tombstone keeps its body and says it is deleted.
    let gone = from_doc(&json!({"_id": format!("task:{id}"), "type": "task", "schema": 3, "_deleted": true, "title": "x"})).unwrap();
    assert!(gone.deleted);
    assert_eq!(gone.record["title"], json!("x"));
}

#[test]
fn a_record_of_the_wrong_shape_or_workspace_changes_nothing() {
    let ws = sample();
    let mut copy = ws.clone();
    let task = ws.tasks.iter().next().unwrap();
    let mut value = serde_json::to_value(task).unwrap();
    value["estimate_hours"] = json!("many");
    assert!(put_record(&mut copy, Kind::Task, task.id.0, &value).is_err());
    let other = uuid::Uuid::from_u128(42);
    assert!(put_record(
        &mut copy,
        Kind::Task,
        other,
        &serde_json::to_value(task).unwrap()
    )
    .is_err());
    assert!(put_record(
        &mut copy,
        Kind::Workspace,
        other,
        &json!({"name": "x", "settings": ws.settings})
    )
    .is_err());
    assert_eq!(copy, ws);
}
