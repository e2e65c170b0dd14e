//! JSON trees (`serde_json::Value`) to and from typed values, through the text writer and
//! reader the app already has.
//!
//! `serde_json::to_value` / `from_value` are a second serializer and a second deserializer of
//! every record type (each record's reader and writer compiled again for the tree), for uses
//! that are small or rare: the before/after of a change in the history, a record compared in a
//! merge, a file of an older version after its migration. Going through text costs those a few
//! microseconds a record and keeps one reader and one writer per type in the download.
//! `clippy.toml` points code here. Pure: the model's neighbours (engines) use it.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// The JSON tree of `value` (`Null` if it cannot be written, which the model's types never do).
pub fn to_tree<T: Serialize>(value: &T) -> Value {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// A typed value read from a JSON tree. The error's message has no line and column (the text
/// is made here, so they mean nothing to anyone).
pub fn from_tree<T: DeserializeOwned>(tree: &Value) -> Result<T, String> {
    serde_json::from_str(&tree.to_string()).map_err(|e| strip_position(&e.to_string()))
}

/// serde_json appends " at line L column C"; the path already says where, so drop it.
pub fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_goes_to_a_tree_and_back() {
        let ws = crate::sample::sample_workspace(
            "2026-11-27T09:00:00Z".parse().expect("a time"),
            chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date"),
            &mut crate::model::SequentialIds::default(),
        );
        assert!(!ws.tasks.is_empty());
        let task = ws.tasks.iter().next().expect("a task");
        let tree = to_tree(task);
        assert_eq!(tree["title"], Value::String(task.title.clone()));
        assert_eq!(from_tree::<crate::model::Task>(&tree).as_ref(), Ok(task));
    }

    #[test]
    fn an_error_names_the_problem_without_a_position() {
        let message = from_tree::<u8>(&Value::from(300)).expect_err("300 is not a u8");
        assert_eq!(message, "invalid value: integer `300`, expected u8");
    }
}
