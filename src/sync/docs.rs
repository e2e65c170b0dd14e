//! Records as CouchDB documents, for replication through a CouchDB-protocol server (see
//! `docs/sync.md`). Every record of every declared kind is one document:
//!
//! ```json
//! { "_id": "task:0b6f…", "_rev": "3-9c1e…", "type": "task", "schema": 3,
//!   "id": "0b6f…", "stamp": { … }, "project_id": "…", "title": "…", … }
//! ```
//!
//! `type` names the kind of record (distinct from a project's `kind`, deal or campaign);
//! `schema` the file-format version the record is written in, so an older record is
//! migrated like a file and a newer one is refused, never half-read. A record deleted in
//! Pursuit is a `_deleted` tombstone that keeps its body (its stamp says when and who).

use crate::engine::records::Kind;
use crate::engine::revs::Rev;
use serde_json::{Map, Value};
use uuid::Uuid;

/// The document field naming the kind of record.
pub const TYPE: &str = "type";
/// The document field naming the schema version of the record.
pub const SCHEMA: &str = "schema";

/// Why a document is not a Pursuit record. Each message names the document and what is
/// wrong with it, for the notice that keeps it aside.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocError {
    #[error("document “{0}” has no text _id")]
    NoId(String),
    #[error("document “{id}” is not a Pursuit record: its _id should be a kind and an id, as in task:0b6f…")]
    NotOurs { id: String },
    #[error("document “{id}” says it is a {said} but its _id says {kind}")]
    TypeMismatch {
        id: String,
        said: String,
        kind: String,
    },
    #[error("document “{id}” was written by a newer Pursuit (schema {schema}; this one reads up to {newest}): update Pursuit to read it")]
    Newer {
        id: String,
        schema: u64,
        newest: u64,
    },
    #[error("document “{id}” has a revision Pursuit can't read: {reason}")]
    BadRev { id: String, reason: String },
}

/// A document's `_id`: the kind's key, a colon and the record's id.
pub fn doc_id(kind: Kind, id: Uuid) -> String {
    format!("{}:{id}", key(kind))
}

/// The kind and record id a document `_id` names, when it names one.
pub fn parse_doc_id(doc_id: &str) -> Option<(Kind, Uuid)> {
    let (kind, id) = doc_id.split_once(':')?;
    let kind = Kind::ALL.iter().copied().find(|k| key(*k) == kind)?;
    let id = crate::model::ids::parse_uuid(id).ok()?;
    Some((kind, id))
}

/// The kind's key as documents write it ("task", "stakeholder", "workspace").
pub fn key(kind: Kind) -> String {
    match crate::json::to_tree(&kind) {
        Value::String(k) => k,
        _ => String::new(),
    }
}

/// A record as the document that carries it; `rev` is the revision it replaces (`None` for
/// a new document), `deleted` makes it a tombstone.
pub fn to_doc(kind: Kind, id: Uuid, record: &Value, rev: Option<&Rev>, deleted: bool) -> Value {
    let mut doc = Map::new();
    doc.insert("_id".into(), Value::String(doc_id(kind, id)));
    if let Some(rev) = rev {
        doc.insert("_rev".into(), Value::String(rev.to_string()));
    }
    if deleted {
        doc.insert("_deleted".into(), Value::Bool(true));
    }
    doc.insert(TYPE.into(), Value::String(key(kind)));
    doc.insert(SCHEMA.into(), Value::from(crate::format::SCHEMA_VERSION));
    if let Value::Object(fields) = record {
        for (name, value) in fields {
            if !name.starts_with('_') && name != TYPE && name != SCHEMA {
                doc.insert(name.clone(), value.clone());
            }
        }
    }
    Value::Object(doc)
}

/// A record read from a document, brought to the current schema.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub kind: Kind,
    pub id: Uuid,
    pub rev: Option<Rev>,
    pub deleted: bool,
    /// The record's own fields (without `_id`, `_rev`, `type` and `schema`).
    pub record: Value,
}

/// Reads a document as a record: its kind and id from `_id` (and `type`, which must agree),
/// its schema migrated to the current one. Checking the record's values is the caller's
/// (the same validation as an imported file).
pub fn from_doc(doc: &Value) -> Result<Incoming, DocError> {
    let id = doc
        .get("_id")
        .and_then(Value::as_str)
        .ok_or_else(|| DocError::NoId(doc.to_string().chars().take(60).collect()))?;
    let (kind, uuid) = parse_doc_id(id).ok_or_else(|| DocError::NotOurs { id: id.into() })?;
    let said = doc.get(TYPE).and_then(Value::as_str).unwrap_or_default();
    if said != key(kind) {
        return Err(DocError::TypeMismatch {
            id: id.into(),
            said: said.into(),
            kind: key(kind),
        });
    }
    let schema = doc.get(SCHEMA).and_then(Value::as_u64).unwrap_or(1);
    let newest = crate::format::SCHEMA_VERSION;
    if schema > newest {
        return Err(DocError::Newer {
            id: id.into(),
            schema,
            newest,
        });
    }
    let rev = match doc.get("_rev").and_then(Value::as_str) {
        Some(text) => Some(Rev::parse(text).map_err(|e| DocError::BadRev {
            id: id.into(),
            reason: e.to_string(),
        })?),
        None => None,
    };
    let deleted = doc.get("_deleted").and_then(Value::as_bool) == Some(true);
    let mut record = Map::new();
    if let Value::Object(fields) = doc {
        for (name, value) in fields {
            if !name.starts_with('_') && name != TYPE && name != SCHEMA {
                record.insert(name.clone(), value.clone());
            }
        }
    }
    let record =
        crate::format::migrate::record_to_current(kind.collection(), Value::Object(record), schema);
    Ok(Incoming {
        kind,
        id: uuid,
        rev,
        deleted,
        record,
    })
}
