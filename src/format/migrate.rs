//! Schema migrations: one function per released version, each taking the workspace data of
//! version N to version N + 1. Reading an old file runs them in order.
//!
//! Version 1 is the first release, so there is nothing to migrate yet. When version 2 ships,
//! add `fn v1_to_v2(data: Value) -> Value`, list it in `STEPS`, and keep the golden fixture
//! `tests/fixtures/workspace-v1.json` loading.

use serde_json::Value;

type Step = fn(Value) -> Value;

/// `STEPS[i]` migrates version `i + 1` to version `i + 2`.
const STEPS: &[Step] = &[];

/// Runs every migration from `version` to the current schema.
pub fn to_current(mut data: Value, version: u64) -> Value {
    for step in STEPS.iter().skip(version.saturating_sub(1) as usize) {
        data = step(data);
    }
    data
}

/// Migrates one record of a collection (`"tasks"`, `"projects"` …; `""` for the workspace's
/// own name and settings) from `version` to the current schema, by running the same steps
/// on a workspace that holds just that record. Used for undo steps kept across an upgrade.
pub fn record_to_current(collection: &str, record: Value, version: u64) -> Value {
    if version >= crate::format::SCHEMA_VERSION {
        return record;
    }
    let wrapped = if collection.is_empty() {
        record
    } else {
        serde_json::json!({ collection: [record] })
    };
    let migrated = to_current(wrapped, version);
    if collection.is_empty() {
        return migrated;
    }
    match migrated {
        Value::Object(mut ws) => match ws.remove(collection) {
            Some(Value::Array(mut items)) if items.len() == 1 => items.remove(0),
            _ => Value::Null,
        },
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn there_is_one_step_per_version_after_the_first() {
        assert_eq!(super::STEPS.len() as u64, crate::format::SCHEMA_VERSION - 1);
    }
}
