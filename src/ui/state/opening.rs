//! Opening a stored workspace index first: the projects table, the pipeline and the
//! dashboard's figures are drawn from the index (`storage::index`) while the project records are read and decoded in
//! slices between frames; everything else waits for the records.
//!
//! While the records are read the workspace is not there (`AppState::with` answers
//! `None`), so nothing can be changed and nothing saved: an edit waits until every record
//! is in memory, and a save can never write a project without its tasks. Sync, reminders
//! and other tabs' saves start once the workspace is there.

use super::{clock_ms, measure, AppState};
use crate::model::Workspace;
use crate::storage::{self, idb, index::Preview, Begun, Opening as Reading, StoreError};
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

/// How long one slice of decoding may run before the page gets a frame.
const SLICE_MS: f64 = 40.0;
/// How often the reading line moves: each move lays out the page again, table and all.
const PROGRESS_MS: f64 = 250.0;

#[derive(Clone, Copy)]
pub struct Opening {
    /// The index the projects table is drawn from while the records are read; `None` once
    /// they are (or when the workspace opened from its records at once).
    pub preview: RwSignal<Option<Arc<Preview>>>,
    /// Project records decoded, of all.
    pub progress: RwSignal<(usize, usize)>,
    /// The preview that was shown, kept until the records are compared with it.
    pub(super) shown: StoredValue<Option<Arc<Preview>>>,
    /// Another tab saved while this one was reading.
    pub(super) missed: StoredValue<bool>,
    /// Why the records could not be read after the index was: the table stays drawn from
    /// the index and nothing can be changed (the records are all still stored).
    pub failed: RwSignal<Option<StoreError>>,
    /// The projects as the index has them, made once when the pipeline first asks
    /// (`Preview::projects_only`), with the preview they were made from.
    projects: StoredValue<Option<ProjectsOnly>>,
}

/// A preview, and the projects made from it (`None` when its rows can't make them).
type ProjectsOnly = (Arc<Preview>, Option<Arc<Workspace>>);

impl Opening {
    pub(super) fn new() -> Self {
        Self {
            preview: RwSignal::new(None),
            progress: RwSignal::new((0, 0)),
            shown: StoredValue::new(None),
            missed: StoredValue::new(false),
            failed: RwSignal::new(None),
            projects: StoredValue::new(None),
        }
    }
}

thread_local! {
    static WAITING: RefCell<Option<Preview>> = const { RefCell::new(None) };
}

/// Hands the app the index read before it mounts (see `idb::open_index`).
pub fn preview_first(preview: Preview) {
    WAITING.with(|w| *w.borrow_mut() = Some(preview));
}

impl AppState {
    /// Whether the table is drawn from the index while the records are read.
    pub fn is_opening(&self) -> bool {
        self.opening.preview.with(Option::is_some)
    }

    /// Reads the workspace for a screen that shows no more of a project than its index row
    /// holds (the pipeline, the dashboard's figures): the workspace, or while its records
    /// are read the team and the projects as the index has them. `None` when neither is
    /// there, or while the records are read after an index written before rows carried
    /// the probability and the start date. Tracked.
    pub fn with_projects<R>(&self, f: impl FnOnce(&Workspace) -> R) -> Option<R> {
        if self.shown().with(Option::is_some) {
            return self.with(f);
        }
        let preview = self.opening.preview.get()?;
        let cached = self.opening.projects.with_value(|c| {
            c.as_ref()
                .filter(|(p, _)| Arc::ptr_eq(p, &preview))
                .map(|(_, ws)| ws.clone())
        });
        let ws = cached.unwrap_or_else(|| {
            let ws = preview.projects_only().map(Arc::new);
            self.opening
                .projects
                .set_value(Some((preview.clone(), ws.clone())));
            ws
        });
        ws.map(|ws| f(&ws))
    }

    /// Reads the team's part of the workspace (its name, members, settings, templates): the
    /// workspace, or while its records are read the team part the index came with. Tracked.
    pub fn with_team<R>(&self, f: impl FnOnce(&Workspace) -> R) -> Option<R> {
        if self.shown().with(Option::is_some) {
            return self.with(f);
        }
        self.opening
            .preview
            .with(|p| p.as_ref().map(|p| f(&p.team)))
    }

    /// Whether the screens that read only projects and the team (the pipeline, the
    /// dashboard's figures) can be drawn while the records are read (see
    /// [`AppState::with_projects`]); tracked.
    pub fn projects_from_index(&self) -> bool {
        self.opening
            .preview
            .with(|p| p.as_ref().is_some_and(|p| p.carries_projects()))
    }

    /// Starts with the index when the page read one: the records are read, then decoded
    /// in slices. `false` when there is none (the workspace is read as before).
    pub(super) fn open_from_index(&self) -> bool {
        let Some(preview) = WAITING.with(|w| w.borrow_mut().take()) else {
            return false;
        };
        let preview = Arc::new(preview);
        self.opening.shown.set_value(Some(preview.clone()));
        self.opening.progress.set((0, preview.rows.len()));
        self.opening.preview.set(Some(preview));
        let state = *self;
        leptos::task::spawn_local(async move {
            let started = clock_ms();
            // The database answered the index a moment ago: a refusal now is not a browser
            // without IndexedDB, so the records are not looked for anywhere else.
            match idb::read_records().await {
                Ok(()) => {
                    measure("pursuit:records-read", started);
                    state.decode_records();
                }
                Err(error) => state.opening.failed.set(Some(error)),
            }
        });
        true
    }

    fn decode_records(&self) {
        let kv = idb::workspace_store();
        match storage::begin(kv.as_ref()) {
            Ok(Begun::Reading(reading)) => self.decode_slice(reading, clock_ms(), clock_ms()),
            Ok(Begun::Done(loaded)) => self.opened(Ok(loaded)),
            Err(error) => self.opened(Err(error)),
        }
    }

    /// Decodes records for up to [`SLICE_MS`], then lets the page draw a frame.
    fn decode_slice(&self, mut reading: Box<Reading>, started: f64, mut shown: f64) {
        let slice = clock_ms();
        while !reading.done() && clock_ms() - slice < SLICE_MS {
            reading.step(16);
        }
        if clock_ms() - shown >= PROGRESS_MS {
            self.opening.progress.set(reading.progress());
            shown = clock_ms();
        }
        if reading.done() {
            let kv = idb::workspace_store();
            self.opened(reading.finish(kv.as_ref()));
            measure("pursuit:decoded", started);
            return;
        }
        // A task of its own: the browser draws and takes input between slices.
        let state = *self;
        set_timeout(
            move || state.decode_slice(reading, started, shown),
            Duration::ZERO,
        );
    }

    /// Every record is read: the workspace replaces the index, and what waited for it
    /// starts.
    fn opened(&self, loaded: Result<storage::Loaded, StoreError>) {
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(error) => return self.opening.failed.set(Some(error)),
        };
        self.take_loaded(Ok(loaded));
        self.opening.preview.set(None);
        self.opening.projects.set_value(None);
        super::record("pursuit:opened-at", clock_ms());
        if self.opening.missed.get_value() {
            self.reconcile_then(|state| state.opening.missed.set_value(false));
        }
        self.start_services();
    }
}
