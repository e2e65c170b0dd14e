//! Where in a file a type error is, found without a path-tracking deserializer.
//!
//! serde's messages say what is wrong ("invalid type: string \"likely\", expected u8") but not
//! where. Tracking the path while reading (the `serde_path_to_error` crate) compiles a third
//! copy of every record's reader into the download (177 KB before optimisation); this module
//! asks the reader that is already there instead, and only after reading failed:
//!
//! - the workspace's own fields are tried with its lists emptied, then each list's records one
//!   by one with their own type (named once, in the record declarations), which finds the record;
//! - inside the record, a key whose removal changes the error is where the error is (reading
//!   stops at the first wrong value, before it looks for missing fields), so the search walks
//!   down key by key;
//! - "missing field `x`" is placed on the object without an `x` that, given one, reads
//!   differently (unknown keys are ignored by every record, so only an object that wants `x`
//!   changes); the last such object in reading order is taken, since one read earlier that takes
//!   an optional `x` would change the error too.

use crate::model::Workspace;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// One step of a path into the workspace's JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A type error and where it is, from the workspace object down.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub steps: Vec<Step>,
    /// serde's own message.
    pub message: String,
}

/// Reads a value as one record type; the error message if it cannot.
type Probe = fn(&Value) -> Option<String>;

fn probe<T: DeserializeOwned>(value: &Value) -> Option<String> {
    crate::json::from_tree::<T>(value).err()
}

/// The record type of a list in the workspace, from the record declarations.
fn list_probe(key: &str) -> Option<Probe> {
    use crate::model::*;
    macro_rules! find {
        ($($f:ident: $t:ty => $k:ident),*) => {
            $(if key == stringify!($f) {
                return Some(probe::<$t>);
            })*
        };
    }
    crate::project_records!(find);
    crate::workspace_records!(find);
    match key {
        "projects" => Some(probe::<Project>),
        "history" => Some(probe::<ChangeRecord>),
        _ => None,
    }
}

/// Where reading `workspace` (the migrated JSON of a workspace) as a [`Workspace`] fails;
/// `None` when it reads.
pub fn locate(workspace: &Value) -> Option<Located> {
    let Value::Object(fields) = workspace else {
        return within(workspace, probe::<Workspace>);
    };
    let skeleton: serde_json::Map<String, Value> = fields
        .iter()
        .map(|(k, v)| {
            let kept = match (v, list_probe(k)) {
                (Value::Array(_), Some(_)) => Value::Array(Vec::new()),
                _ => v.clone(),
            };
            (k.clone(), kept)
        })
        .collect();
    if let Some(found) = within(&Value::Object(skeleton), probe::<Workspace>) {
        return Some(found);
    }
    for (key, value) in fields {
        let (Value::Array(items), Some(probe)) = (value, list_probe(key)) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            if let Some(mut found) = within(item, probe) {
                found
                    .steps
                    .splice(0..0, [Step::Key(key.clone()), Step::Index(i)]);
                return Some(found);
            }
        }
    }
    // Every part reads on its own: the whole does not (no such type error is known).
    probe::<Workspace>(workspace).map(|message| Located {
        steps: Vec::new(),
        message,
    })
}

/// The place of `probe`'s error inside `root`, or `None` when `root` reads.
fn within(root: &Value, probe: Probe) -> Option<Located> {
    let message = probe(root)?;
    let changes = |trial: &Value| probe(trial).as_deref() != Some(message.as_str());
    let mut steps = Vec::new();
    if let Some(field) = missing_field(&message) {
        let mut objects = Vec::new();
        collect_objects(root, &mut Vec::new(), &mut objects);
        // Innermost and last first: an object read before the one missing `x` that takes an
        // optional `x` would also change the error when given `x: null`.
        steps = objects
            .into_iter()
            .rev()
            .filter(
                |path| matches!(get(root, path), Some(Value::Object(m)) if !m.contains_key(field)),
            )
            .find(|path| {
                let mut trial = root.clone();
                if let Some(Value::Object(map)) = get_mut(&mut trial, path) {
                    map.insert(field.to_string(), Value::Null);
                }
                changes(&trial)
            })
            .unwrap_or_default();
    } else {
        loop {
            let children: Vec<Step> = match get(root, &steps) {
                Some(Value::Object(map)) => map.keys().cloned().map(Step::Key).collect(),
                Some(Value::Array(items)) => (0..items.len()).map(Step::Index).collect(),
                _ => Vec::new(),
            };
            let culprit = children.into_iter().find(|child| {
                let mut trial = root.clone();
                match (get_mut(&mut trial, &steps), child) {
                    (Some(Value::Object(map)), Step::Key(k)) => {
                        map.remove(k);
                    }
                    (Some(Value::Array(items)), Step::Index(i)) => {
                        items.remove(*i);
                    }
                    _ => return false,
                }
                changes(&trial)
            });
            match culprit {
                Some(child) => steps.push(child),
                None => break,
            }
        }
    }
    Some(Located { steps, message })
}

/// `x` of serde's "missing field `x`".
fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    Some(&rest[..rest.find('`')?])
}

/// The paths of every object in `value`, outermost first (pre-order).
fn collect_objects(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        Value::Object(map) => {
            out.push(at.clone());
            for (k, v) in map {
                at.push(Step::Key(k.clone()));
                collect_objects(v, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                at.push(Step::Index(i));
                collect_objects(v, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// The value at `steps` inside `value`.
pub fn get<'v>(value: &'v Value, steps: &[Step]) -> Option<&'v Value> {
    steps.iter().try_fold(value, |v, step| match (v, step) {
        (Value::Object(map), Step::Key(k)) => map.get(k),
        (Value::Array(items), Step::Index(i)) => items.get(*i),
        _ => None,
    })
}

fn get_mut<'v>(value: &'v mut Value, steps: &[Step]) -> Option<&'v mut Value> {
    steps.iter().try_fold(value, |v, step| match (v, step) {
        (Value::Object(map), Step::Key(k)) => map.get_mut(k),
        (Value::Array(items), Step::Index(i)) => items.get_mut(*i),
        _ => None,
    })
}

/// `projects[3].value.minor`; empty for the workspace itself.
pub fn path_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        let ws = crate::sample::sample_workspace(
            "2026-11-27T09:00:00Z".parse().expect("a time"),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date"),
            &mut crate::model::SequentialIds::default(),
        );
        crate::json::to_tree(&ws)
    }

    fn path_of(edit: impl FnOnce(&mut Value)) -> (String, String) {
        let mut v = sample();
        edit(&mut v);
        let found = locate(&v).expect("the edit breaks reading");
        (path_text(&found.steps), found.message)
    }

    #[test]
    fn a_readable_workspace_has_no_place() {
        assert_eq!(locate(&sample()), None);
    }

    #[test]
    fn finds_a_wrong_value_in_a_record() {
        let (path, message) = path_of(|v| v["projects"][1]["probability"] = json!("likely"));
        assert_eq!(path, "projects[1].probability");
        assert!(message.contains("likely"), "{message}");
    }

    #[test]
    fn finds_a_wrong_value_nested_in_a_record() {
        let (path, _) = path_of(|v| v["projects"][0]["value"]["minor"] = json!("lots"));
        assert_eq!(path, "projects[0].value.minor");
    }

    #[test]
    fn finds_a_wrong_value_in_a_list_inside_a_record() {
        let (path, _) = path_of(|v| v["tasks"][0]["depends_on"] = json!([{ "task": 5 }]));
        assert!(path.starts_with("tasks[0].depends_on[0]"), "{path}");
    }

    #[test]
    fn finds_a_wrong_workspace_setting() {
        let (path, _) = path_of(|v| v["settings"]["fiscal_year_start_month"] = json!("May"));
        assert_eq!(path, "settings.fiscal_year_start_month");
    }

    #[test]
    fn places_a_missing_field_on_the_object_that_needs_it() {
        let (path, message) = path_of(|v| {
            v["projects"][0]["value"]
                .as_object_mut()
                .expect("money is an object")
                .remove("currency");
        });
        assert_eq!(path, "projects[0].value");
        assert_eq!(message, "missing field `currency`");
        let (path, message) = path_of(|v| {
            v["tasks"][2]
                .as_object_mut()
                .expect("a task is an object")
                .remove("title");
        });
        assert_eq!(
            (path.as_str(), message.as_str()),
            ("tasks[2]", "missing field `title`")
        );
    }

    #[test]
    fn a_list_that_is_not_a_list_is_named() {
        let (path, _) = path_of(|v| v["tasks"] = json!(5));
        assert_eq!(path, "tasks");
    }

    #[test]
    fn the_first_wrong_record_is_named() {
        let (path, _) = path_of(|v| {
            v["risks"][1]["impact"] = json!("high");
            v["risks"][0]["impact"] = json!("low");
        });
        assert_eq!(path, "risks[0].impact");
    }
}
