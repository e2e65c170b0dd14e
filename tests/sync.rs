//! Two replicas replicating through a server (sync::replicate, pure): what one sends the other
//! takes in as the same records; edits made apart meet as a CouchDB conflict that the merge
//! settles alike on both sides, and replication then stops, with one winner everywhere.
//! The documents are handed from one book to the other as the server would hand them
//! (`_bulk_get?revs=true` returns what `_bulk_docs` took); the real server is tested
//! end to end.

mod common;

use common::*;
use pursuit::engine::merge;
use pursuit::engine::records::all_records;
use pursuit::model::{Editor, ReplicaId, Task, TaskId, Workspace};
use pursuit::sync::replicate::{apply, checked, take_in, Book, Outgoing};
use serde_json::Value;
use std::collections::BTreeSet;

fn docs(sent: &[Outgoing]) -> Vec<Value> {
    sent.iter().map(|o| o.doc.clone()).collect()
}

/// One replica: its workspace and its book.
struct Replica {
    ws: Workspace,
    book: Book,
}

impl Replica {
    /// Sends what changed here; the server took it.
    fn push(&mut self) -> Vec<Value> {
        let out = self.book.outgoing(&self.ws, &BTreeSet::new());
        self.book.sent(&out);
        docs(&out)
    }

    /// Takes in what the other sent, as the app does; says how many records had a field
    /// changed on both sides.
    fn pull(&mut self, docs: &[Value]) -> usize {
        let pulled = checked(&self.ws, take_in(self.book.clone(), &self.ws, docs, at(30)));
        assert!(pulled.aside.is_empty(), "{:?}", pulled.aside);
        apply(&mut self.ws, &pulled.theirs);
        self.book = pulled.book;
        pulled.decided.len()
    }
}

fn pair() -> (Replica, Replica) {
    let mut a = Replica {
        ws: sample(),
        book: Book::default(),
    };
    let first = a.push();
    assert_eq!(first.len(), all_records(&a.ws).len());
    assert!(!first.is_empty());
    assert!(a.push().is_empty(), "nothing changed: nothing to send");
    // A teammate joining from an empty browser gets the team's workspace.
    let empty = Workspace::new(a.ws.id, String::new(), a.ws.stamp.created_at);
    let pulled = take_in(Book::default(), &empty, &first, at(1));
    assert!(pulled.aside.is_empty());
    assert_eq!(pulled.theirs, a.ws);
    assert!(
        pulled.merged_here.is_empty(),
        "nothing merged: nothing to send back"
    );
    let mut b = Replica {
        ws: pulled.theirs,
        book: pulled.book,
    };
    let back = b.push();
    assert!(
        back.is_empty(),
        "what came down is not sent back up: {:?}",
        back.iter().map(|d| d["_id"].clone()).collect::<Vec<_>>()
    );
    (a, b)
}

fn editor(replica: u64) -> Editor {
    Editor {
        member: None,
        replica: ReplicaId(replica),
    }
}

#[test]
fn an_edit_travels_and_nothing_is_sent_twice() {
    let (mut a, mut b) = pair();
    let id = a.ws.tasks.iter().next().unwrap().id;
    let task = a.ws.tasks.iter_mut().find(|t| t.id == id).unwrap();
    task.title = "Confirm the budget with the CFO".into();
    task.stamp.touch(at(10), editor(1));
    let sent = a.push();
    assert_eq!(sent.len(), 1);
    assert_eq!(b.pull(&sent), 0);
    assert_eq!(b.ws, a.ws);
    assert!(b.push().is_empty());
    assert!(a.push().is_empty());
}

#[test]
fn the_same_edit_sent_from_two_tabs_is_one_revision() {
    let (mut a, _) = pair();
    // A second tab of the same browser holds the same workspace and book.
    let mut tab = Replica {
        ws: a.ws.clone(),
        book: a.book.clone(),
    };
    let task = a.ws.tasks.iter_mut().next().unwrap();
    task.title = "Confirm the budget with the CFO".into();
    task.stamp.touch(at(10), editor(1));
    tab.ws = a.ws.clone();
    let (first, second) = (a.push(), tab.push());
    assert_eq!(first.len(), 1);
    // Revisions are made from what they hold: the server gets the same revision twice,
    // which it keeps once, rather than a conflict between two tabs.
    assert_eq!(first, second);
    // A different edit after the same parent is a different revision.
    let task = tab.ws.tasks.iter_mut().next().unwrap();
    task.title = "Confirm the budget with the board".into();
    task.stamp.touch(at(11), editor(1));
    let other = tab.push();
    assert_eq!(other.len(), 1);
    assert_ne!(other[0]["_rev"], first[0]["_rev"]);
}

/// Both replicas edit the first task apart: `mine` on A at 09:10, `theirs` on B at 09:12.
fn apart(
    mine: impl FnOnce(&mut Task),
    theirs: impl FnOnce(&mut Task),
) -> (Replica, Replica, TaskId) {
    let (mut a, mut b) = pair();
    let id = a.ws.tasks.iter().next().unwrap().id;
    for (side, edit, minute, replica) in [
        (&mut a, Box::new(mine) as Box<dyn FnOnce(&mut Task)>, 10, 1),
        (&mut b, Box::new(theirs), 12, 2),
    ] {
        let task = side.ws.tasks.iter_mut().find(|t| t.id == id).unwrap();
        edit(task);
        task.stamp.touch(at(minute), editor(replica));
    }
    (a, b, id)
}

/// Exchanges until neither side has anything to send; fails if that takes more than four
/// rounds (a settled conflict must not start a new one).
fn settle(a: &mut Replica, b: &mut Replica) {
    for _ in 0..4 {
        let (from_a, from_b) = (a.push(), b.push());
        if from_a.is_empty() && from_b.is_empty() {
            return;
        }
        a.pull(&from_b);
        b.pull(&from_a);
    }
    panic!("replication does not stop");
}

#[test]
fn edits_made_apart_settle_alike_and_replication_stops() {
    let (mut a, mut b, id) = apart(
        |t| t.title = "Confirm the budget with the CFO".into(),
        |t| t.estimate_hours = 9.0,
    );
    let (from_a, from_b) = (a.push(), b.push());
    assert_eq!((from_a.len(), from_b.len()), (1, 1));
    // Each side merges the other's edit field by field (no conflict left to choose: the
    // fields differ), by the same rule.
    assert_eq!(a.pull(&from_b), 0);
    assert_eq!(b.pull(&from_a), 0);
    assert_eq!(a.ws, b.ws);
    settle(&mut a, &mut b);
    assert_eq!(a.ws, b.ws);
    let key = pursuit::sync::docs::doc_id(pursuit::engine::records::Kind::Task, id.0);
    let (ta, tb) = (&a.book.docs[&key].tree, &b.book.docs[&key].tree);
    assert_eq!(ta.winner(), tb.winner());
    assert!(ta.conflicts().is_empty() && tb.conflicts().is_empty());
    for side in [&a, &b] {
        let task = side.ws.tasks.iter().find(|t| t.id == id).unwrap();
        assert_eq!(task.title, "Confirm the budget with the CFO");
        assert_eq!(task.estimate_hours, 9.0);
    }
}

#[test]
fn a_deletion_travels_and_a_stranger_document_is_kept_aside() {
    let (mut a, mut b) = pair();
    let id = a.ws.tasks.iter().next().unwrap().id;
    let task = a.ws.tasks.iter_mut().find(|t| t.id == id).unwrap();
    task.stamp.delete(at(10), editor(1));
    let sent = a.push();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["_deleted"], Value::Bool(true));
    b.pull(&sent);
    assert!(b
        .ws
        .tasks
        .iter()
        .find(|t| t.id == id)
        .unwrap()
        .stamp
        .is_deleted());
    let before = b.ws.clone();
    let stranger = serde_json::json!({"_id": "invoice:1", "_rev": "1-a", "total": 5});
    let pulled = take_in(b.book.clone(), &b.ws, &[stranger], at(20));
    assert_eq!(pulled.aside.len(), 1);
    assert_eq!(pulled.aside[0].doc_id, "invoice:1");
    assert_eq!(
        merge::apply(&b.ws, &pulled.theirs, &Default::default()),
        before
    );
}

#[test]
fn a_server_address_is_https_or_this_machine_and_never_holds_a_password() {
    let ok = pursuit::sync::replicate::server(" https://couch.example.com/ ", "sales-team", "ana")
        .unwrap();
    assert_eq!(ok.url, "https://couch.example.com");
    assert_eq!(ok.db_url(), "https://couch.example.com/sales-team");
    assert!(pursuit::sync::replicate::server("http://127.0.0.1:5984", "team", "ana").is_ok());
    let field = |url: &str, db: &str, user: &str| {
        pursuit::sync::replicate::server(url, db, user)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        field("https://ana:secret@couch.example.com", "team", "ana"),
        ["url"]
    );
    assert_eq!(field("http://couch.example.com", "team", "ana"), ["url"]);
    assert_eq!(field("couch.example.com", "team", "ana"), ["url"]);
    assert_eq!(field("https://couch.example.com", "Team", "ana"), ["db"]);
    assert_eq!(field("https://couch.example.com", "team", " "), ["user"]);
    let said = pursuit::sync::replicate::server("https://a:b@x.org", "team", "ana").unwrap_err();
    assert!(said[0].1.contains("Leave the user name and password out"));
    assert_eq!(
        pursuit::sync::replicate::encode_component("a/b c"),
        "a%2Fb%20c"
    );
}

#[test]
fn a_number_written_back_by_the_server_is_the_same_record() {
    use pursuit::sync::replicate::fingerprint;
    let ours = serde_json::json!({"estimate_hours": 6.0, "title": "x"});
    let back = serde_json::json!({"title": "x", "estimate_hours": 6});
    assert_eq!(fingerprint(&ours), fingerprint(&back));
    assert_ne!(
        fingerprint(&ours),
        fingerprint(&serde_json::json!({"estimate_hours": 6.5, "title": "x"}))
    );
    assert_ne!(
        fingerprint(&serde_json::json!({"a": "1"})),
        fingerprint(&serde_json::json!({"a": 1}))
    );
}

#[test]
fn the_same_field_edited_apart_keeps_the_later_edit_and_says_so() {
    let (mut a, mut b, id) = apart(
        |t| t.title = "Ana's title".into(),
        |t| t.title = "Ben's title".into(),
    );
    let (from_a, from_b) = (a.push(), b.push());
    let pulled = take_in(a.book.clone(), &a.ws, &from_b, at(20));
    let key = pursuit::sync::docs::doc_id(pursuit::engine::records::Kind::Task, id.0);
    let decided: Vec<_> = pulled.decided.iter().filter(|d| d.doc_id == key).collect();
    assert_eq!(decided.len(), 1);
    assert_eq!(decided[0].fields, ["title"]);
    a.pull(&from_b);
    b.pull(&from_a);
    settle(&mut a, &mut b);
    for side in [&a, &b] {
        assert_eq!(
            side.ws.tasks.iter().find(|t| t.id == id).unwrap().title,
            "Ben's title"
        );
    }
}

#[test]
fn a_conflict_is_shown_with_both_versions_and_the_choice_reaches_everyone() {
    use pursuit::engine::merge::Choice;
    use pursuit::sync::conflicts::{conflict, resolve};
    let (mut a, mut b, id) = apart(
        |t| {
            t.title = "Ana's title".into();
            t.estimate_hours = 3.0;
        },
        |t| t.title = "Ben's title".into(),
    );
    let (from_a, from_b) = (a.push(), b.push());
    let pulled = checked(&a.ws, take_in(a.book.clone(), &a.ws, &from_b, at(20)));
    assert_eq!(pulled.decided.len(), 1);
    let task_project = a.ws.tasks.iter().find(|t| t.id == id).unwrap().project_id;
    assert!(
        pulled.merged_here.projects.contains(&task_project),
        "the merge goes back up"
    );
    let decided = pulled.decided[0].clone();
    a.pull(&from_b);
    b.pull(&from_a);
    settle(&mut a, &mut b);
    // The view shows the one field both changed (Ana's own estimate merged without asking),
    // with Ben's later title preselected as the one kept.
    let shown = conflict(&a.ws, &decided).expect("a conflict to show");
    let fields: Vec<_> = shown.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["Title"]);
    assert_eq!(shown.fields[0].mine, "Ana's title");
    assert_eq!(shown.fields[0].theirs, "Ben's title");
    assert_eq!(shown.default, Choice::Theirs);
    assert_eq!(
        resolve(&a.ws, &decided, Choice::Theirs, at(40), editor(1)),
        None,
        "already kept"
    );
    // Ana keeps hers: one new edit, which reaches Ben as the next revision.
    let (kind, record_id, chosen) =
        resolve(&a.ws, &decided, Choice::Mine, at(40), editor(1)).unwrap();
    pursuit::engine::records::put_record(&mut a.ws, kind, record_id, &chosen).unwrap();
    let sent = a.push();
    assert_eq!(sent.len(), 1);
    assert_eq!(b.pull(&sent), 0, "a choice is not a new conflict");
    settle(&mut a, &mut b);
    for side in [&a, &b] {
        let task = side.ws.tasks.iter().find(|t| t.id == id).unwrap();
        assert_eq!(
            (task.title.as_str(), task.estimate_hours),
            ("Ana's title", 3.0)
        );
    }
    assert_eq!(
        conflict(&a.ws, &decided).map(|c| c.default),
        Some(Choice::Mine)
    );
}

#[test]
fn a_record_out_of_range_from_another_client_is_kept_aside_and_the_rest_applied() {
    let (mut a, b) = pair();
    let project = a.ws.projects.iter().next().unwrap().clone();
    let task_id = a.ws.tasks.iter().next().unwrap().id;
    let task = a.ws.tasks.iter_mut().find(|t| t.id == task_id).unwrap();
    task.title = "A fine edit".into();
    task.stamp.touch(at(10), editor(1));
    let mut docs = a.push();
    assert_eq!(docs.len(), 1);
    // Another client writes the project with a probability of 140 %.
    let key = pursuit::sync::docs::doc_id(pursuit::engine::records::Kind::Project, project.id.0);
    let tree = &a.book.docs[&key].tree;
    let winner = tree.winner().unwrap().rev;
    let mut bad = serde_json::to_value(&project).unwrap();
    bad["probability"] = serde_json::json!(140);
    bad["_id"] = serde_json::json!(key);
    bad["type"] = serde_json::json!("project");
    bad["schema"] = serde_json::json!(3);
    bad["_rev"] = serde_json::json!(format!("{}-badbad", winner.pos + 1));
    bad["_revisions"] =
        serde_json::json!({"start": winner.pos + 1, "ids": ["badbad", winner.hash]});
    docs.push(bad);
    let pulled =
        pursuit::sync::replicate::checked(&b.ws, take_in(b.book.clone(), &b.ws, &docs, at(20)));
    assert_eq!(pulled.aside.len(), 1);
    assert_eq!(pulled.aside[0].doc_id, key);
    assert!(
        pulled.aside[0].reason.contains("probability"),
        "{}",
        pulled.aside[0].reason
    );
    let merged = merge::apply(&b.ws, &pulled.theirs, &Default::default());
    assert_eq!(
        merged.projects.get(project.id.0).unwrap().probability,
        project.probability
    );
    assert_eq!(
        merged.tasks.iter().find(|t| t.id == task_id).unwrap().title,
        "A fine edit"
    );
}

#[test]
fn a_checkpoint_the_server_lost_starts_the_pull_over() {
    use pursuit::sync::replicate::Seq;
    let mut book = Book::started("s1".into());
    assert_eq!(book.checkpoint_id().as_deref(), Some("pursuit-s1"));
    assert_eq!(
        book.checkpoint(None),
        None,
        "nothing taken in: nothing to record"
    );
    book.head.pulled = Some(Seq(serde_json::json!("12-g1AAAA")));
    let doc = book.checkpoint(Some("0-3")).unwrap();
    assert_eq!(
        doc["last_seq"], "12-g1AAAA",
        "the sequence goes back as it came"
    );
    assert_eq!(doc["_rev"], "0-3");
    // A server that never held it (the user may only read): the sequence kept here is used.
    book.resume(false);
    assert!(book.head.pulled.is_some());
    // It held it: resume where this browser stopped.
    book.resume(true);
    assert!(book.head.pulled.is_some());
    // It held it and no longer does: the database was recreated; start over.
    book.resume(false);
    assert_eq!(book.head.pulled, None);
}

#[test]
fn what_an_edit_touched_is_all_a_push_looks_at() {
    use pursuit::model::command::Touched;
    let (mut a, _) = pair();
    let task = a.ws.tasks.iter_mut().next().unwrap();
    task.title = "Confirm the budget with the CFO".into();
    task.stamp.touch(at(10), editor(1));
    let project = task.project_id;
    let held = BTreeSet::new();
    let everything = a.book.outgoing(&a.ws, &held);
    assert_eq!(everything.len(), 1);
    let touched = Touched {
        workspace: false,
        projects: [project].into(),
    };
    assert_eq!(a.book.outgoing_in(&a.ws, Some(&touched), &held), everything);
    assert_eq!(a.book.outgoing_in(&a.ws, None, &held), everything);
    // Another project's scope does not see it.
    let other = a.ws.projects.iter().find(|p| p.id != project).unwrap().id;
    let elsewhere = Touched {
        workspace: true,
        projects: [other].into(),
    };
    assert!(a
        .book
        .outgoing_in(&a.ws, Some(&elsewhere), &held)
        .is_empty());
}

#[test]
fn a_record_another_client_spells_differently_is_not_sent_back() {
    let (mut a, mut b) = pair();
    let task = a.ws.tasks.iter_mut().next().unwrap();
    task.title = "Confirm the budget with the CFO".into();
    task.stamp.touch(at(10), editor(1));
    let sent = a.push();
    assert_eq!(sent.len(), 1);
    // JavaScript's toISOString writes whole seconds with milliseconds.
    let theirs = sent[0].to_string().replace(":00Z\"", ":00.000Z\"");
    assert_ne!(theirs, sent[0].to_string());
    b.pull(&[serde_json::from_str(&theirs).unwrap()]);
    assert_eq!(b.ws, a.ws);
    assert!(
        b.push().is_empty(),
        "the same record, spelt another way, is not an edit"
    );
}

#[test]
fn the_book_is_stored_by_the_entries_that_changed() {
    use pursuit::sync::replicate::Entry;
    let (mut a, _) = pair();
    // Everything was just sent: every entry waits to be stored, once.
    let first = a.book.take_changed();
    assert_eq!(first.len(), all_records(&a.ws).len());
    assert!(a.book.take_changed().is_empty());
    let task = a.ws.tasks.iter_mut().next().unwrap();
    task.title = "Confirm the budget with the CFO".into();
    task.stamp.touch(at(10), editor(1));
    a.push();
    let changed = a.book.take_changed();
    assert_eq!(changed.len(), 1);
    // Read back from its head and entries, the book is the same.
    let mut stored: std::collections::BTreeMap<String, String> =
        first.into_iter().map(|(id, e)| (id, e.unwrap())).collect();
    stored.extend(changed.into_iter().map(|(id, e)| (id, e.unwrap())));
    let docs = stored
        .into_iter()
        .map(|(id, e)| (id, serde_json::from_str::<Entry>(&e).unwrap()))
        .collect();
    assert_eq!(Book::from_parts(a.book.head.clone(), docs), a.book);
}
