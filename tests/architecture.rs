//! The layers point one way: the model knows nothing of engines, storage, the UI, the
//! browser, the clock or randomness; engines know nothing of the file format, storage or
//! the UI. Read from the source, so a wrong-way edge fails here, not in review.

use std::path::Path;

/// Lines of code (comments left out) of every `.rs` file under `dir`.
fn code_lines(dir: &Path) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, line) in text.lines().enumerate() {
                    let code = line.trim_start();
                    if !code.starts_with("//") {
                        out.push((path.display().to_string(), i + 1, code.to_string()));
                    }
                }
            }
        }
    }
    out
}

fn forbid(layer: &str, words: &[&str]) {
    let lines = code_lines(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src")
            .join(layer),
    );
    assert!(!lines.is_empty(), "src/{layer} has code");
    let wrong: Vec<String> = lines
        .iter()
        .filter(|(_, _, code)| words.iter().any(|w| code.contains(w)))
        .map(|(file, n, code)| format!("{file}:{n}: {code}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "src/{layer} reaches the wrong way:\n{}",
        wrong.join("\n")
    );
}

/// What no pure layer may use: the layers above the engines, the browser, the clock and
/// randomness.
const IMPURE: &[&str] = &[
    "crate::format",
    "crate::storage",
    "crate::ui",
    "leptos",
    "web_sys",
    "gloo",
    "js_sys",
    "new_v4",
    "Utc::now",
    "Local::now",
    "thread_rng",
];

#[test]
fn the_model_depends_on_nothing_above_it() {
    forbid("model", &[IMPURE, &["crate::engine"]].concat());
}

#[test]
fn engines_depend_only_on_the_model() {
    forbid("engine", IMPURE);
}

/// Sync's documents and replication rules sit above the engines and the file format and
/// below the network adapter: no I/O, no clock, no randomness.
#[test]
fn sync_rules_are_pure() {
    let impure: Vec<&str> = IMPURE
        .iter()
        .copied()
        .filter(|p| *p != "crate::format")
        .collect();
    forbid("sync", &impure);
}

/// A screen never imports another screen: shared pieces live in `ui/components`, and a
/// screen's own tabs and panels sit in its folder (`screens/project/`, `screens/data/`).
#[test]
fn screens_do_not_import_each_other() {
    let lines = code_lines(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui/screens"));
    assert!(!lines.is_empty(), "src/ui/screens has code");
    let wrong: Vec<String> = lines
        .iter()
        .filter(|(file, _, code)| !file.ends_with("screens/mod.rs") && code.contains("screens::"))
        .map(|(file, n, code)| format!("{file}:{n}: {code}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "a screen imports another screen:\n{}",
        wrong.join("\n")
    );
}

/// Every keyed list is a `keyed::Rows` (one shared copy of Leptos' `<For>`) and keys its
/// rows by `keyed::key` (the row's id and a fingerprint of what it shows), so an edited row
/// is redrawn. A key of the id alone, or of a hand-picked few fields, kept old values on
/// screen after an edit (goals, costs).
#[test]
fn every_keyed_list_keys_on_what_the_row_shows() {
    let lines = code_lines(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui"));
    let own: Vec<String> = lines
        .iter()
        .filter(|(_, _, code)| code.contains("<For "))
        .map(|(file, n, code)| format!("{file}:{n}: {code}"))
        .collect();
    assert!(
        own.is_empty(),
        "a list with a <For> of its own instead of keyed::Rows:\n{}",
        own.join("\n")
    );
    let lists: Vec<&(String, usize, String)> = lines
        .iter()
        .filter(|(_, _, code)| code.contains("<Rows "))
        .collect();
    assert!(!lists.is_empty(), "the UI has keyed lists");
    let wrong: Vec<String> = lists
        .iter()
        .filter(|(_, _, code)| !code.contains(" key=key ") && !code.contains(" key=keyed::key "))
        .map(|(file, n, code)| format!("{file}:{n}: {code}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "keyed lists not keyed by keyed::key:\n{}",
        wrong.join("\n")
    );
}

/// The modules of `src/<layer>` each module uses (`crate::<layer>::<name>` in its code, or
/// `super::<name>` from a file of a module's directory).
fn uses(layer: &str) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(layer);
    let module = |file: &str| {
        let rel = Path::new(file).strip_prefix(&root).unwrap().to_path_buf();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .to_string();
        first.trim_end_matches(".rs").to_string()
    };
    let mut edges: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    let prefix = format!("crate::{layer}::");
    for (file, _, code) in code_lines(&root) {
        let from = module(&file);
        for (at, _) in code.match_indices(&prefix) {
            let name: String = code[at + prefix.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != from {
                edges.entry(from.clone()).or_default().insert(name);
            }
        }
    }
    edges
}

#[test]
fn no_two_modules_of_a_layer_use_each_other() {
    for layer in ["model", "engine"] {
        let edges = uses(layer);
        assert!(
            !edges.is_empty(),
            "src/{layer}'s modules use one another somewhere"
        );
        let mut circles = Vec::new();
        for (a, to) in &edges {
            for b in to.iter().filter(|b| a < *b) {
                if edges.get(b).is_some_and(|back| back.contains(a)) {
                    circles.push(format!("{layer}::{a} <-> {layer}::{b}"));
                }
            }
        }
        assert!(circles.is_empty(), "import circles: {circles:?}");
    }
}

/// A keyed list is not drawn inside a view that reads the list itself: such a view is
/// redrawn by every change of the list, taking the whole table and every row with it (an
/// edit from a teammate redrew the task table; 15 ms a change at 2,000 projects). The view
/// around it reads a memo of what it switches on (`empty`, `no_tasks`, …) instead.
#[test]
fn a_keyed_list_is_not_redrawn_by_its_own_rows() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut lists = 0;
    let mut wrong = Vec::new();
    for (file, n, code) in code_lines(&dir) {
        let Some(list) = code
            .strip_prefix("<Rows each=move || ")
            .and_then(|rest| rest.split(['.', ' ']).next())
        else {
            continue;
        };
        lists += 1;
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // The lines that open what encloses the list, nearest first: walking up, a line
        // opens an enclosing block when it opens more than the lines below it closed.
        let net = |l: &str| {
            l.chars()
                .map(|c| match c {
                    '{' | '(' => 1,
                    '}' | ')' => -1,
                    _ => 0,
                })
                .sum::<i32>()
        };
        let mut level = 0;
        for line in lines[..n - 1].iter().rev() {
            level += net(line);
            if level <= 0 {
                continue;
            }
            level = 0;
            if line.contains("move ||") && reads_list(line, list) {
                wrong.push(format!(
                    "{file}:{n}: `{list}` is read by the view around it"
                ));
            }
            if line.contains("view! {")
                && line.trim_start() == "view! {"
                && line.len() - line.trim_start().len() <= 4
            {
                break;
            }
        }
    }
    assert!(lists > 0, "the UI has keyed lists");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Whether a line reads the signal named `list` (`list.with(` or `list.get()`, the name whole).
fn reads_list(line: &str, list: &str) -> bool {
    [".with(", ".get()"].iter().any(|read| {
        let word = format!("{list}{read}");
        line.match_indices(&word).any(|(at, _)| {
            !line[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    })
}
