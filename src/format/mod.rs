//! The Pursuit file format: a versioned JSON envelope around a workspace.
//!
//! ```json
//! { "format": "pursuit-workspace", "schema_version": 1,
//!   "exported_at": "2026-11-22T09:30:00Z", "workspace": { … } }
//! ```
//!
//! Reading goes envelope first (is it JSON, is it ours, is it a version we know), then runs
//! one migration per version up to the current one, then reads the typed workspace and
//! validates it. Any problem is returned; nothing is half-read. See `docs/file-format.md`.

pub mod locate;
pub mod migrate;
pub mod passphrase;
pub mod sealed;

use crate::engine::validate::{validate, Problem};
use crate::model::Workspace;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

/// The `format` value that marks a Pursuit file.
pub const FORMAT: &str = "pursuit-workspace";
/// The schema version this build writes, and the newest it reads.
pub const SCHEMA_VERSION: u64 = 3;

/// Why a file could not be read. Each variant's message is written for the person importing.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum ReadError {
    #[error("This file is not valid JSON (line {line}, column {column}): {message}.")]
    NotJson {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("This is not a Pursuit workspace file: {0}.")]
    NotPursuit(String),
    #[error(
        "This file was written by a newer version of Pursuit (schema version {found}); this app reads up to version {supported}. Open it in an up-to-date Pursuit."
    )]
    NewerVersion { found: u64, supported: u64 },
    #[error("{message} (at {path}).")]
    Shape { path: String, message: String },
    #[error("The file has {} problem(s).", .0.len())]
    Invalid(Vec<Problem>),
}

impl ReadError {
    /// Every problem as a line to show, with where it is.
    pub fn lines(&self) -> Vec<String> {
        match self {
            ReadError::Invalid(problems) => problems.iter().map(|p| p.to_string()).collect(),
            other => vec![other.to_string()],
        }
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    schema_version: u64,
    exported_at: DateTime<Utc>,
    workspace: &'a Workspace,
}

/// Writes a workspace as a readable, indented export file.
pub fn write(ws: &Workspace, exported_at: DateTime<Utc>) -> String {
    let envelope = EnvelopeOut {
        format: FORMAT,
        schema_version: SCHEMA_VERSION,
        exported_at,
        workspace: ws,
    };
    serde_json::to_string_pretty(&envelope).expect("a workspace always serializes")
}

/// How big [`write`]'s file of `ws` is, in bytes, and whether that is exact. Up to 300
/// projects the file is written and measured. Beyond, writing it takes long enough to be
/// felt (most of a second at 10,000 projects), so 100 projects spread over the list are
/// written with the team's records, and the projects' share is scaled to all of them.
pub fn file_size(ws: &Workspace, exported_at: DateTime<Utc>) -> (usize, bool) {
    const SAMPLE: usize = 100;
    let all = ws.projects.len();
    if all <= 3 * SAMPLE {
        return (write(ws, exported_at).len(), true);
    }
    let shell = ws.team_part();
    let base = write(&shell, exported_at).len();
    let picked: std::collections::HashSet<crate::model::ProjectId> = ws
        .projects
        .iter()
        .step_by(all / SAMPLE)
        .map(|p| p.id)
        .collect();
    let mut sample = shell;
    sample.projects = ws
        .projects
        .iter()
        .filter(|p| picked.contains(&p.id))
        .cloned()
        .collect();
    macro_rules! owned {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(sample.$field = picked.iter().flat_map(|p| ws.$field.of(*p).cloned()).collect();)*
        };
    }
    crate::project_records!(owned);
    sample.history.extend(
        ws.history
            .iter()
            .filter(|h| h.project_id.is_some_and(|p| picked.contains(&p)))
            .cloned(),
    );
    let projects = write(&sample, exported_at).len().saturating_sub(base);
    let scaled = (projects as f64 * all as f64 / picked.len().max(1) as f64).round() as usize;
    (base.saturating_add(scaled), false)
}

/// Reads a file's text into a valid workspace, or says everything that is wrong with it.
pub fn read(text: &str) -> Result<Workspace, ReadError> {
    let workspace = match read_current(text) {
        Some(workspace) => workspace,
        None => read_slow(text)?,
    };
    let problems = validate(&workspace);
    if problems.is_empty() {
        Ok(workspace)
    } else {
        Err(ReadError::Invalid(problems))
    }
}

/// A file of the current schema read straight into the model, in one pass over the text
/// (about a quarter of the time of building a JSON tree and reading the model from it).
/// `None` for anything else — an older version to migrate, a file with a mistake — which
/// [`read_slow`] reads again to migrate it or to name the field at fault.
fn read_current(text: &str) -> Option<Workspace> {
    #[derive(serde::Deserialize)]
    struct Current {
        format: String,
        schema_version: u64,
        workspace: Workspace,
    }
    let file: Current = serde_json::from_str(text).ok()?;
    (file.format == FORMAT && file.schema_version == SCHEMA_VERSION).then_some(file.workspace)
}

/// Envelope first, then migrations, then the typed workspace from the JSON tree, so every
/// problem is found and worded with its place.
fn read_slow(text: &str) -> Result<Workspace, ReadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ReadError::NotJson {
        line: e.line(),
        column: e.column(),
        message: crate::json::strip_position(&e.to_string()),
    })?;
    read_value(value)
}

/// Reads an envelope that is already parsed JSON, migrating and typing it without validating.
pub fn read_value(value: Value) -> Result<Workspace, ReadError> {
    let Value::Object(mut envelope) = value else {
        return Err(ReadError::NotPursuit(
            "it holds no object at the top level".into(),
        ));
    };
    match envelope.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(Value::String(f)) => {
            return Err(ReadError::NotPursuit(format!("its format is {f:?}")))
        }
        _ => {
            return Err(ReadError::NotPursuit(
                "it has no \"format\": \"pursuit-workspace\" field".into(),
            ))
        }
    }
    let version = match envelope.get("schema_version") {
        Some(Value::Number(n)) if n.as_u64().is_some_and(|v| v >= 1) => n.as_u64().unwrap_or(0),
        _ => {
            return Err(ReadError::NotPursuit(
                "its schema_version is missing or not a positive whole number".into(),
            ))
        }
    };
    if version > SCHEMA_VERSION {
        return Err(ReadError::NewerVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let data = envelope
        .remove("workspace")
        .ok_or_else(|| ReadError::NotPursuit("it has no \"workspace\" field".into()))?;
    let data = migrate::to_current(data, version);
    crate::json::from_tree(&data).map_err(|message| {
        let located = locate::locate(&data).unwrap_or(locate::Located {
            steps: Vec::new(),
            message,
        });
        let path = match locate::path_text(&located.steps).as_str() {
            "" => "workspace".to_string(),
            inner => format!("workspace.{inner}"),
        };
        let message = shape_message(&data, &located.steps, &located.message);
        ReadError::Shape { path, message }
    })
}

/// Words a type error in a file for people: which record (by its name), which field, the
/// value found and what is allowed there.
fn shape_message(data: &Value, steps: &[locate::Step], serde: &str) -> String {
    use locate::Step;
    // The record: the first array element on the way (e.g. projects[3]).
    let mut record = None;
    for (i, step) in steps.iter().enumerate() {
        if let Step::Index(_) = step {
            let collection = match i.checked_sub(1).map(|j| &steps[j]) {
                Some(Step::Key(key)) => key.as_str(),
                _ => "",
            };
            record = locate::get(data, &steps[..=i]).map(|v| describe_record(collection, v));
            break;
        }
    }
    let value = locate::get(data, steps);
    let field = steps
        .iter()
        .rev()
        .find_map(|s| match s {
            Step::Key(key) => Some(key.replace('_', " ")),
            _ => None,
        })
        .unwrap_or_else(|| "workspace".into());
    let plain = plain_serde_message(serde);
    let found = match value {
        Some(Value::String(s)) => {
            format!("\u{201c}{}\u{201d}", s.chars().take(60).collect::<String>())
        }
        Some(other @ (Value::Number(_) | Value::Bool(_) | Value::Null)) => other.to_string(),
        Some(Value::Array(_)) => "a list".into(),
        Some(Value::Object(_)) => "a group of fields".into(),
        None => String::new(),
    };
    let allowed = allowed_for(&plain, &field);
    let place = match record {
        Some(r) => format!("{r}, {field}"),
        None => field,
    };
    match (plain.starts_with("the field"), found.is_empty(), allowed) {
        (true, _, _) => format!("{place}: {plain}"),
        (false, false, Some(allowed)) => format!("{place}: {found} is not allowed; {allowed}"),
        (false, true, Some(allowed)) => format!("{place}: {allowed}"),
        (false, _, None) => format!("{place}: {plain}"),
    }
}

/// `project “Acme”`, `task “Call”`, or the collection's singular when nothing names it.
fn describe_record(collection: &str, record: &Value) -> String {
    // Every kind's singular comes from the one table of kinds; a goal reads as "goal" here.
    let kind = match collection {
        "goals" => "goal",
        "depends_on" => "dependency",
        "" => "entry",
        c => crate::engine::records::Kind::ALL
            .iter()
            .find(|k| k.collection() == c)
            .map_or("entry", |k| k.singular()),
    };
    let name = [
        "name",
        "title",
        "metric",
        "description",
        "summary",
        "text",
        "date",
    ]
    .iter()
    .find_map(|k| record.get(k).and_then(Value::as_str))
    .map(|n| n.chars().take(60).collect::<String>());
    match name {
        Some(n) => format!("{kind} \u{201c}{n}\u{201d}"),
        None => kind.to_string(),
    }
}

/// What a field allows, from serde's "expected …" and the field's name.
fn allowed_for(plain: &str, field: &str) -> Option<String> {
    let dates = format!(
        "use a calendar date written YYYY-MM-DD between {} and {}",
        crate::model::limits::EARLIEST_DATE,
        crate::model::limits::LATEST_DATE
    );
    if plain.contains("input is out of range")
        || plain.contains("input contains invalid characters")
        || plain.contains("premature end of input")
        || plain.contains("trailing input")
        || plain.contains("NaiveDate")
        || field.ends_with("date")
        || field.ends_with(" on")
        || field == "next review"
        || field == "last contact"
    {
        return Some(dates);
    }
    if let Some(rest) = plain.split("expected one of ").nth(1) {
        return Some(format!("use one of {rest}"));
    }
    for (ty, words) in [
        ("u8", "a whole number from 0 to 255"),
        ("u32", "a whole number of 0 or more"),
        ("u64", "a whole number of 0 or more"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("f64", "a number"),
        ("a string", "text in quotes"),
        ("a boolean", "true or false"),
        ("a sequence", "a list in square brackets"),
        ("struct", "a group of fields in curly braces"),
        ("UUID", "an id such as 0d7e8f0c-3a55-4d59-9a3e-6f8b2d1c0a11"),
    ] {
        let expects = plain.contains(&format!("expected {ty}"))
            || plain.contains(&format!("expected an {ty}"))
            || (ty == "UUID" && plain.contains(ty));
        if expects {
            return Some(format!("use {words}"));
        }
    }
    None
}

/// Rewords serde's messages for people: "missing field `id`" → "the field \"id\" is missing".
fn plain_serde_message(message: &str) -> String {
    let message = crate::json::strip_position(message);
    match message
        .strip_prefix("missing field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        Some(field) => format!("the field \"{field}\" is missing"),
        None => message.replace('`', "\""),
    }
}
