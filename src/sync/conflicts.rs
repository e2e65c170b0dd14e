//! A record edited here and by a teammate in the same fields while apart: replication
//! keeps the later edit's values at once (every replica decides alike), and the person
//! then sees both versions in the conflict view the file merge uses and chooses. A choice
//! other than what was kept becomes one new edit of the record, which goes to every
//! replica as the next revision.

use crate::engine::history::record_value;
use crate::engine::merge::{preview, Choice, Conflict};
use crate::engine::records::{project_of, put_record, Kind};
use crate::model::{Editor, Stamp, Workspace};
use crate::sync::docs::parse_doc_id;
use crate::sync::replicate::Decided;
use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

/// The record as it is now with the fields both sides changed taken from `from` (its
/// stamp too, so the version says who made it and when).
fn with_fields_of(now: &Value, from: &Value, fields: &[String], stamp_too: bool) -> Value {
    let mut out = now.clone();
    if let Value::Object(map) = &mut out {
        for field in fields
            .iter()
            .chain(stamp_too.then(|| "stamp".to_string()).iter())
        {
            match from.get(field) {
                Some(v) => map.insert(field.clone(), v.clone()),
                None => map.remove(field),
            };
        }
    }
    out
}

/// The record's kind, id and value here now; `None` once it is gone.
fn current(ws: &Workspace, d: &Decided) -> Option<(Kind, Uuid, Value)> {
    let (kind, id) = parse_doc_id(&d.doc_id)?;
    Some((kind, id, record_value(ws, kind, id)?))
}

/// Both versions side by side, as the file merge's conflict view shows them: only the
/// fields both sides changed differ between them; the one kept so far is preselected.
/// `None` when the record is gone or both versions now read the same.
pub fn conflict(ws: &Workspace, d: &Decided) -> Option<Conflict> {
    let (kind, id, now) = current(ws, d)?;
    let mut sides = [ws.shell(), ws.shell()];
    for (side, from) in sides.iter_mut().zip([&d.mine, &d.theirs]) {
        put_record(side, kind, id, &with_fields_of(&now, from, &d.fields, true)).ok()?;
    }
    let mut conflict = preview(&sides[0], &sides[1]).conflicts.into_iter().next()?;
    conflict.project = project_of(kind, id, &now)
        .and_then(|p| ws.projects.iter().find(|x| x.id == p))
        .map(|p| p.name.clone());
    conflict.default = kept(&now, d);
    Some(conflict)
}

/// Which version's values the record holds now in the fields both sides changed.
fn kept(now: &Value, d: &Decided) -> Choice {
    let holds = |from: &Value| d.fields.iter().all(|f| now.get(f) == from.get(f));
    if holds(&d.mine) && !holds(&d.theirs) {
        Choice::Mine
    } else {
        Choice::Theirs
    }
}

/// The edit that carries out `choice`: the record as it is now with the fields both sides
/// changed set to the chosen version's values, stamped as an edit made `at` by `editor`
/// (newer than both, so every replica takes it). `None` when the record is gone or already
/// holds the chosen values (nothing to write).
pub fn resolve(
    ws: &Workspace,
    d: &Decided,
    choice: Choice,
    at: DateTime<Utc>,
    editor: Editor,
) -> Option<(Kind, Uuid, Value)> {
    let (kind, id, now) = current(ws, d)?;
    let from = match choice {
        Choice::Mine => &d.mine,
        Choice::Theirs => &d.theirs,
    };
    if d.fields.iter().all(|f| now.get(f) == from.get(f)) {
        return None;
    }
    let mut chosen = with_fields_of(&now, from, &d.fields, false);
    let mut stamp: Stamp = crate::json::from_tree(now.get("stamp")?).ok()?;
    stamp.touch(at, editor);
    if let Value::Object(map) = &mut chosen {
        map.insert("stamp".into(), crate::json::to_tree(&stamp));
    }
    Some((kind, id, chosen))
}
