//! Sync's pure work for a first sync of 2,000 projects × 20 tasks into an empty browser, as
//! the app does it batch by batch (take in, check, apply, the book's changed entries to
//! store), the size of what is stored, and one teammate's edit taken in afterwards.
//! Prints; asserts nothing. The end-to-end comparison with PouchDB is `scripts/bench-sync`.
//!
//!     cargo run --release --example sync_bench

use chrono::NaiveDate;
use pursuit::sync::replicate::{apply, checked, take_in, Book};
use std::collections::BTreeSet;
use std::time::Instant;
use workspaces::benchmark_workspace;

#[path = "../tests/support/workspaces.rs"]
mod workspaces;

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let team = benchmark_workspace(2_000, today);
    let started = Instant::now();
    let out = Book::default().outgoing(&team, &BTreeSet::new());
    println!(
        "outgoing: {} documents in {:?}",
        out.len(),
        started.elapsed()
    );
    let docs: Vec<serde_json::Value> = out.iter().map(|o| o.doc.clone()).collect();
    let now = team.stamp.updated_at;
    let mut ws = pursuit::model::Workspace::new(
        team.id,
        String::new(),
        chrono::DateTime::<chrono::Utc>::MIN_UTC,
    );
    let mut book = Book::default();
    let zero = std::time::Duration::ZERO;
    let (mut taking, mut checking, mut applying, mut keeping) = (zero, zero, zero, zero);
    let mut stored = 0;
    for batch in docs.chunks(200) {
        let t = Instant::now();
        let pulled = take_in(std::mem::take(&mut book), &ws, batch, now);
        taking += t.elapsed();
        let t = Instant::now();
        let pulled = checked(&ws, pulled);
        checking += t.elapsed();
        let t = Instant::now();
        apply(&mut ws, &pulled.theirs);
        applying += t.elapsed();
        book = pulled.book;
        // The app stores the entries a batch changed (storage::book_store), as JSON.
        let t = Instant::now();
        stored += book
            .take_changed()
            .iter()
            .map(|(id, e)| id.len() + e.as_ref().map_or(0, String::len))
            .sum::<usize>();
        keeping += t.elapsed();
    }
    let total: std::time::Duration = taking + checking + applying + keeping;
    println!("take_in {taking:?} · checked {checking:?} · apply {applying:?} · keep the book {keeping:?} · total {total:?}");
    println!("book: {stored} bytes of entries written over the sync");
    assert_eq!(pursuit::engine::records::all_records(&ws).len(), docs.len());
    // A teammate's edit of one task, taken in.
    let mut edited = out
        .iter()
        .find(|o| o.doc["type"] == "task")
        .unwrap()
        .clone();
    edited.doc["title"] = serde_json::json!("Confirm the budget with the CFO");
    let t = Instant::now();
    let pulled = take_in(std::mem::take(&mut book), &ws, &[edited.doc], now);
    let took = t.elapsed();
    let t = Instant::now();
    let pulled = checked(&ws, pulled);
    let check = t.elapsed();
    let t = Instant::now();
    apply(&mut ws, &pulled.theirs);
    println!(
        "one edit: take_in {took:?} · checked {check:?} · apply {:?}",
        t.elapsed()
    );
}
