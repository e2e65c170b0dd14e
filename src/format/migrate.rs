//! Schema migrations: one function per released version, each taking the workspace data of
//! version N to version N + 1. Reading an old file runs them in order.
//!
//! A new version adds `fn vN_to_vN1(data: Value) -> Value`, lists it in `STEPS`, and keeps
//! the golden fixture of every released version (`tests/fixtures/workspace-vN.json`) loading.

use serde_json::{Map, Value};

type Step = fn(Value) -> Value;

/// `STEPS[i]` migrates version `i + 1` to version `i + 2`.
const STEPS: &[Step] = &[v1_to_v2, v2_to_v3];

/// Version 3 (competitors on a deal): the workspace gains a list of competitors, empty in
/// every older file; nothing else changes. A version-2 reader refuses a version-3 file
/// rather than open it and drop its competitors.
fn v2_to_v3(data: Value) -> Value {
    data
}

/// Version 2 (portfolio money and goals): a cost's free-text category becomes one of
/// people, travel, marketing, tools or other — an unknown word becomes "other" and is kept
/// at the front of the cost's note, so nothing typed is lost; goals get their position
/// among their project's goals (the order they were listed in) and are measured by hand.
fn v1_to_v2(mut data: Value) -> Value {
    if let Some(costs) = data.get_mut("costs").and_then(Value::as_array_mut) {
        for cost in costs.iter_mut().filter_map(Value::as_object_mut) {
            let typed = cost
                .get("category")
                .and_then(Value::as_str)
                .unwrap_or("")
                .trim()
                .to_string();
            let (key, known) = cost_category(&typed);
            cost.insert("category".into(), Value::String(key.into()));
            if !known && !typed.is_empty() {
                let note = cost
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let kept = if note.is_empty() {
                    typed.clone()
                } else {
                    format!("{typed}: {note}")
                };
                cost.insert("description".into(), Value::String(kept));
            }
        }
    }
    if let Some(goals) = data.get_mut("goals").and_then(Value::as_array_mut) {
        let mut next: Map<String, Value> = Map::new();
        for goal in goals.iter_mut().filter_map(Value::as_object_mut) {
            let project = goal
                .get("project_id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let order = next.get(&project).and_then(Value::as_i64).unwrap_or(0);
            next.insert(project, Value::from(order + 1));
            goal.entry("order").or_insert(Value::from(order));
            goal.entry("measure").or_insert(Value::from("manual"));
        }
    }
    data
}

/// The category key a version-1 cost's free text maps to, and whether the text was
/// recognised (the words people used for these in version 1).
fn cost_category(text: &str) -> (&'static str, bool) {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&[
        "people",
        "staff",
        "salar",
        "consult",
        "engineer",
        "contractor",
        "labour",
        "labor",
    ]) {
        ("people", true)
    } else if has(&["travel", "flight", "hotel", "mileage", "train", "visit"]) {
        ("travel", true)
    } else if has(&[
        "marketing",
        "event",
        "advert",
        "ads",
        "webinar",
        "campaign",
        "sponsor",
    ]) {
        ("marketing", true)
    } else if has(&[
        "tool",
        "software",
        "licen",
        "subscription",
        "saas",
        "demo environment",
    ]) {
        ("tools", true)
    } else {
        ("other", t == "other" || t.is_empty())
    }
}

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
    use serde_json::json;

    #[test]
    fn there_is_one_step_per_version_after_the_first() {
        assert_eq!(super::STEPS.len() as u64, crate::format::SCHEMA_VERSION - 1);
    }

    #[test]
    fn version_1_cost_categories_become_keys_and_unknown_words_stay_in_the_note() {
        let cases = [
            ("Travel", "Site visits", "travel", "Site visits"),
            ("Consultants", "", "people", ""),
            ("Event booth", "Expo", "marketing", "Expo"),
            ("Software licence", "CRM seats", "tools", "CRM seats"),
            ("", "Lunch", "other", "Lunch"),
            ("Other", "Gifts", "other", "Gifts"),
            ("Catering", "Lunch", "other", "Catering: Lunch"),
            ("Catering", "", "other", "Catering"),
        ];
        for (category, note, key, kept) in cases {
            let v1 = json!({ "costs": [{ "category": category, "description": note }] });
            let v2 = super::v1_to_v2(v1);
            assert_eq!(v2["costs"][0]["category"], key, "{category}");
            assert_eq!(v2["costs"][0]["description"], kept, "{category}");
        }
    }

    #[test]
    fn version_1_goals_are_ordered_within_their_project_as_listed() {
        let v1 = json!({ "goals": [
            { "project_id": "a" }, { "project_id": "b" }, { "project_id": "a" }
        ]});
        let v2 = super::v1_to_v2(v1);
        let orders: Vec<_> = (0..3).map(|i| v2["goals"][i]["order"].as_i64()).collect();
        assert_eq!(orders, [Some(0), Some(0), Some(1)]);
        assert_eq!(v2["goals"][2]["measure"], "manual");
    }
}
