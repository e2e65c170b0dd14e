//! The app's one source of truth: the workspace in a signal, provided by context, changed
//! only through [`AppState::dispatch`], and saved by a debounced writer that never drops a
//! change it could not save.

use crate::engine::history::{describe, diff, revert, Change, Description, Way};
use crate::engine::validate::new_problems;
use crate::model::command::{apply, scope, CommandError, Context, Touched};
use crate::model::{ChangeRecord, Command, IdSource, MemberId, Stamp, Workspace};
use crate::storage::{
    self, web::BrowserStorage, KeyValue, Loaded, ReplaceError, SaveReport, StoreError,
};
use crate::ui::RandomIds;
use chrono::{DateTime, Local, NaiveDate, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How long after the last change the workspace is written.
const SAVE_DELAY: Duration = Duration::from_millis(400);

/// Where saving stands, shown in the header.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Nothing to save.
    Saved(Option<DateTime<Utc>>),
    /// Changes are waiting for the debounce.
    Pending,
    /// The last write failed; the changes are kept in memory and retried on the next change.
    Failed(StoreError),
    /// Saving is paused because stored data could not be read and the person has not yet
    /// said what to do with it.
    Paused,
}

/// How many steps can be undone.
const UNDO_LIMIT: usize = 150;
/// Steps larger than this (a big merge or import) stay in memory only, so storing the undo
/// history after each edit stays cheap; the stored history then starts after them.
const STORED_STEP_LIMIT: usize = 256 * 1024;
/// At most this much undo history is stored.
const STORED_STEPS_LIMIT: usize = 1024 * 1024;

/// The newest steps that fit the storage limits, oldest first.
fn storable(steps: &[Step]) -> Vec<Step> {
    let mut total = 0;
    let mut out: Vec<Step> = steps
        .iter()
        .rev()
        .take_while(|s| {
            total += s.size;
            s.size <= STORED_STEP_LIMIT && total <= STORED_STEPS_LIMIT
        })
        .cloned()
        .collect();
    out.reverse();
    out
}

/// One change that can be undone: the records it touched before and after, or (for opening
/// another workspace) both whole workspaces.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub label: String,
    #[serde(default)]
    pub changes: Vec<Change>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swap: Option<Box<(Workspace, Workspace)>>,
    /// Its stored size in bytes, measured once when it is made (0 when read back).
    #[serde(skip)]
    pub size: usize,
}

/// The undo and redo stacks as stored, for one workspace.
#[derive(Default, Serialize, Deserialize)]
struct StoredSteps {
    /// The schema the records in the steps were written in (1 when missing: steps stored
    /// before this field existed).
    #[serde(default = "first_schema")]
    schema_version: u64,
    workspace: Option<crate::model::WorkspaceId>,
    undo: Vec<Step>,
    redo: Vec<Step>,
}

fn first_schema() -> u64 {
    1
}

impl StoredSteps {
    /// Steps stored by an older version: their records go through the file format's
    /// migrations, like a stored workspace.
    fn migrated(mut self) -> Self {
        let from = self.schema_version;
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            for change in &mut step.changes {
                for value in [&mut change.before, &mut change.after]
                    .into_iter()
                    .flatten()
                {
                    *value = crate::format::migrate::record_to_current(
                        change.kind.collection(),
                        std::mem::take(value),
                        from,
                    );
                }
            }
        }
        self.schema_version = crate::format::SCHEMA_VERSION;
        self
    }
}

/// Stored data that could not be read at start-up.
#[derive(Clone, Debug, PartialEq)]
pub struct Recovery {
    pub reason: String,
    /// Every stored record's raw text, as a JSON object keyed by storage key.
    pub raw: String,
    /// The backup key the raw text was copied to, if the copy succeeded.
    pub backup_key: Option<String>,
}

/// The app state shared by every screen.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The workspace; `None` before the first run chose how to start.
    pub ws: RwSignal<Option<Workspace>>,
    /// Which member "I am" in this browser.
    pub me: RwSignal<Option<MemberId>>,
    /// This browser's copy of the workspace, counted in every entity's versions.
    pub replica: crate::model::ReplicaId,
    pub save_status: RwSignal<SaveStatus>,
    pub recovery: RwSignal<Option<Recovery>>,
    /// Problems found in the stored workspace at load (shown, never silently fixed).
    pub load_problems: RwSignal<Vec<String>>,
    /// A short message confirming the last action, or explaining why it was refused.
    pub notice: RwSignal<Option<Notice>>,
    /// Records changed since the last successful save.
    pending: StoredValue<Touched>,
    /// The stored records must be replaced wholesale (after an import) on the next save.
    replace_pending: StoredValue<bool>,
    /// Bumped on every change; a scheduled save only runs if no newer change came after it.
    generation: StoredValue<u64>,
    /// The save mark this tab last wrote or read (see [`storage::SAVE_MARK_KEY`]).
    seen_mark: StoredValue<Option<String>>,
    /// A reconciliation with another tab's saves is scheduled.
    sync_scheduled: StoredValue<bool>,
    undo: StoredValue<Vec<Step>>,
    redo: StoredValue<Vec<Step>>,
    /// What Undo and Redo would do next, for the buttons.
    pub next_steps: RwSignal<(Option<String>, Option<String>)>,
    /// The stacks changed since they were last stored.
    steps_dirty: StoredValue<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

impl AppState {
    /// Loads the stored workspace and wires saving to the page's lifecycle.
    pub fn start() -> Self {
        let state = Self {
            ws: RwSignal::new(None),
            me: RwSignal::new(storage::web::load_me()),
            replica: storage::web::replica(),
            save_status: RwSignal::new(SaveStatus::Saved(None)),
            recovery: RwSignal::new(None),
            load_problems: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            pending: StoredValue::new(Touched::default()),
            replace_pending: StoredValue::new(false),
            generation: StoredValue::new(0),
            seen_mark: StoredValue::new(None),
            sync_scheduled: StoredValue::new(false),
            undo: StoredValue::new(Vec::new()),
            redo: StoredValue::new(Vec::new()),
            next_steps: RwSignal::new((None, None)),
            steps_dirty: StoredValue::new(false),
        };
        state.load();
        state.load_steps();
        state.seen_mark.set_value(read_mark());
        state.flush_when_hidden();
        state.follow_other_tabs();
        state
    }

    fn load(&self) {
        let kv = BrowserStorage::open();
        let started = js_sys::Date::now();
        match storage::load(&kv) {
            Ok(Loaded::Empty) => {}
            Ok(Loaded::Workspace {
                workspace,
                problems,
                ..
            }) => {
                self.load_problems
                    .set(problems.iter().map(|p| p.to_string()).collect());
                self.ws.set(Some(*workspace));
            }
            Ok(Loaded::Unreadable { reason, raw }) => {
                let backup_key = storage::keep_backup(&kv, &raw, now()).ok();
                self.recovery.set(Some(Recovery {
                    reason,
                    raw,
                    backup_key,
                }));
                self.save_status.set(SaveStatus::Paused);
            }
            Err(error) => {
                // Storage refused even to be read: run in memory and say so on the first save.
                self.save_status.set(SaveStatus::Failed(error));
            }
        }
        measure("pursuit:load", started);
    }

    fn flush_when_hidden(&self) {
        let state = *self;
        let handle = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                state.flush();
            }
        });
        let handle2 = window_event_listener(leptos::ev::pagehide, move |_| state.flush());
        // Leaving while something could not be saved: ask the browser to warn. The banner
        // with its download button stays on the page behind the browser's question.
        let handle3 = window_event_listener(leptos::ev::beforeunload, move |ev| {
            state.flush();
            let unsaved = matches!(state.save_status.get_untracked(), SaveStatus::Failed(_))
                && state.ws.with_untracked(Option::is_some);
            if unsaved {
                ev.prevent_default();
                ev.set_return_value("Your latest changes are not saved in this browser.");
            }
        });
        // The listeners live as long as the page.
        std::mem::forget(handle);
        std::mem::forget(handle2);
        std::mem::forget(handle3);
    }

    /// Another tab of this browser saved: bring its changes in, record by record, without
    /// dropping this tab's own unsaved changes.
    fn follow_other_tabs(&self) {
        let state = *self;
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            let Some(key) = ev.key() else { return };
            let ours = storage::is_workspace_key(&key) || key == storage::SAVE_MARK_KEY;
            if !ours || state.sync_scheduled.get_value() {
                return;
            }
            state.sync_scheduled.set_value(true);
            // A save writes several keys; reconcile once they are all written.
            set_timeout(
                move || {
                    state.sync_scheduled.set_value(false);
                    state.reconcile();
                },
                Duration::from_millis(60),
            );
        });
        std::mem::forget(handle);
    }

    /// Merges what is stored (written by another tab) into the workspace in memory. Each
    /// entity keeps the newer change; this tab's pending changes stay pending.
    fn reconcile(&self) {
        if self.save_status.get_untracked() == SaveStatus::Paused {
            return;
        }
        let mark = read_mark();
        let Ok(Loaded::Workspace { workspace, .. }) = storage::load(&BrowserStorage::open()) else {
            return;
        };
        self.seen_mark.set_value(mark);
        let stored = *workspace;
        let current = self.ws.get_untracked();
        match current {
            Some(mine) if mine.id == stored.id => {
                let merged = crate::engine::merge::apply(&mine, &stored, &Default::default());
                if merged != mine {
                    self.ws.set(Some(merged));
                }
            }
            _ => {
                // The other tab opened or imported another workspace: follow it.
                self.pending.set_value(Touched::default());
                self.ws.set(Some(stored));
                self.notify("The workspace was replaced in another tab; this tab now shows it.");
            }
        }
    }

    /// Who makes changes in this tab: the chosen member and this browser's copy.
    pub fn editor(&self) -> crate::model::Editor {
        self.context().editor()
    }

    fn context(&self) -> Context {
        Context {
            now: now(),
            today: today(),
            actor: self.me.get_untracked(),
            replica: self.replica,
        }
    }

    /// Applies a change, marks what it touched for saving and schedules the save.
    pub fn dispatch(&self, command: Command) -> Result<(), CommandError> {
        let started = js_sys::Date::now();
        let cx = self.context();
        let mut result = Err(CommandError::NotFound("workspace"));
        self.ws.update(|ws| {
            if let Some(ws) = ws {
                // A copy of just what the command can reach, to diff, undo and check it:
                // an edit costs what it touches, not the size of the workspace.
                let reach = scope(ws, &command).unwrap_or_else(|| storage::everything(ws));
                let before = ws.part(&reach);
                let checked = apply(ws, command.clone(), &cx).and_then(|touched| {
                    debug_assert!(reach.covers(&touched), "{command:?} reached past its scope");
                    // One set of limits for typed and imported values: an edit that leaves a
                    // value out of its documented range is refused and undone here.
                    match new_problems(&before, ws, &touched).into_iter().next() {
                        Some(problem) => {
                            ws.restore_part(&before, &reach);
                            Err(CommandError::Invalid(capitalised(&problem.message)))
                        }
                        None => Ok(touched),
                    }
                });
                result = checked.map(|mut touched| {
                    let changes = diff(&before, ws, &touched);
                    let said = describe(&command, &before, ws, &changes);
                    if !changes.is_empty() {
                        note(ws, &said, &cx, &mut touched);
                    }
                    let step = Step {
                        label: said.summary,
                        changes,
                        swap: None,
                        size: 0,
                    };
                    (touched, step)
                });
            }
        });
        let (touched, step) = result.inspect_err(|e| self.notify_error(e.to_string()))?;
        if !step.changes.is_empty() {
            self.push_step(step);
        }
        self.mark(touched);
        measure("pursuit:dispatch", started);
        Ok(())
    }

    fn push_step(&self, mut step: Step) {
        step.size = serde_json::to_string(&step).map_or(usize::MAX, |t| t.len());
        self.undo.update_value(|u| {
            u.push(step);
            if u.len() > UNDO_LIMIT {
                u.remove(0);
            }
        });
        self.redo.set_value(Vec::new());
        self.steps_changed();
    }

    fn steps_changed(&self) {
        let label = |s: &Vec<Step>| s.last().map(|s| s.label.clone());
        self.next_steps
            .set((self.undo.with_value(label), self.redo.with_value(label)));
        self.steps_dirty.set_value(true);
    }

    /// Undoes the last change (a new edit that puts the records back).
    pub fn undo(&self) {
        self.replay(Way::Back);
    }

    /// Redoes the last undone change.
    pub fn redo(&self) {
        self.replay(Way::Forward);
    }

    fn replay(&self, way: Way) {
        let (from, to) = match way {
            Way::Back => (self.undo, self.redo),
            Way::Forward => (self.redo, self.undo),
        };
        let Some(step) = from.try_update_value(|s| s.pop()).flatten() else {
            return;
        };
        let verb = if way == Way::Back { "undid" } else { "redid" };
        if let Some(swap) = &step.swap {
            let target = if way == Way::Back { &swap.0 } else { &swap.1 };
            if let Err(reason) = self.store_whole(target.clone()) {
                self.notify_error(format!("Could not {}: {reason}", &verb[..verb.len() - 1]));
                from.update_value(|s| s.push(step));
                return;
            }
        } else {
            let cx = self.context();
            let mut touched = Touched::default();
            self.ws.update(|ws| {
                if let Some(ws) = ws {
                    touched = revert(ws, &step.changes, way, &cx);
                    let said = Description {
                        project: touched.projects.iter().next().copied(),
                        summary: format!("{verb}: {}", step.label),
                        details: Vec::new(),
                    };
                    note(ws, &said, &cx, &mut touched);
                }
            });
            self.mark(touched);
        }
        self.notify(format!(
            "{}: {}",
            if way == Way::Back { "Undone" } else { "Redone" },
            step.label
        ));
        to.update_value(|s| s.push(step));
        self.steps_changed();
    }

    /// Replaces the workspace with an imported or merged one, as one step that can be
    /// undone. All or nothing: when the new workspace can't be stored, nothing changes and
    /// the reason is returned.
    pub fn replace_with_undo(&self, next: Workspace, label: String) -> Result<(), String> {
        let Some(current) = self.ws.get_untracked() else {
            return self.replace(next);
        };
        let step = if current.id == next.id {
            let mut everything = storage::everything(&current);
            everything.merge(storage::everything(&next));
            // Not noted in the shared history: a merge only brings other people's changes,
            // which carry their own entries, so teammates who merge each other's files
            // end up with identical workspaces.
            let changes = diff(&current, &next, &everything);
            Step {
                label,
                changes,
                swap: None,
                size: 0,
            }
        } else {
            Step {
                label,
                changes: Vec::new(),
                swap: Some(Box::new((current, next.clone()))),
                size: 0,
            }
        };
        self.store_whole(next)?;
        self.push_step(step);
        Ok(())
    }

    fn load_steps(&self) {
        let Ok(Some(text)) = BrowserStorage::open().get(storage::UNDO_KEY) else {
            return;
        };
        // Damaged or unknown stored steps are ignored: the workspace is what matters.
        let stored: Option<StoredSteps> = storage::codec::decode(&text)
            .ok()
            .and_then(|json| serde_json::from_str(&json).ok())
            .map(StoredSteps::migrated);
        let current = self.ws.with_untracked(|ws| ws.as_ref().map(|w| w.id));
        if let Some(stored) = stored.filter(|s| s.workspace == current) {
            self.undo.set_value(stored.undo);
            self.redo.set_value(stored.redo);
            self.steps_changed();
            self.steps_dirty.set_value(false);
        }
    }

    /// Stores the undo and redo steps; when they do not fit, the oldest go first.
    fn store_steps(&self) {
        if !self.steps_dirty.get_value() {
            return;
        }
        let workspace = self.ws.with_untracked(|ws| ws.as_ref().map(|w| w.id));
        let undo = self.undo.with_value(|u| storable(u));
        let redo = self.redo.with_value(|r| storable(r));
        let mut keep = undo.len();
        loop {
            let steps = StoredSteps {
                schema_version: crate::format::SCHEMA_VERSION,
                workspace,
                undo: undo[undo.len() - keep..].to_vec(),
                redo: redo.clone(),
            };
            let text = storage::codec::encode(&serde_json::to_string(&steps).unwrap_or_default());
            let kv = BrowserStorage::open();
            if kv.set(storage::UNDO_KEY, &text).is_ok() {
                break;
            }
            if keep == 0 {
                // Not even the redo steps fit; undo still works until the page closes.
                let _ = kv.remove(storage::UNDO_KEY);
                break;
            }
            keep /= 2;
        }
        self.steps_dirty.set_value(false);
    }

    /// Replaces the whole workspace (first run, sample, open a file) with an empty undo
    /// history. All or nothing: see [`AppState::store_whole`].
    pub fn replace(&self, ws: Workspace) -> Result<(), String> {
        self.store_whole(ws)?;
        self.undo.set_value(Vec::new());
        self.redo.set_value(Vec::new());
        self.steps_changed();
        Ok(())
    }

    /// Stores `ws` as the whole workspace, then shows it. When it can't be stored (too big
    /// for what is left of the browser's storage, or a write failed) nothing changes, in
    /// storage or on screen, and the reason is returned. When this browser keeps no data at
    /// all, the workspace is shown and kept in memory, and the header says it is not saved.
    fn store_whole(&self, mut ws: Workspace) -> Result<(), String> {
        crate::engine::history::prune(&mut ws);
        let kv = BrowserStorage::open();
        let at = now();
        let status = match storage::replace(&kv, &ws, at) {
            Ok(_) => {
                self.after_write(at);
                self.replace_pending.set_value(false);
                SaveStatus::Saved(Some(at))
            }
            Err(ReplaceError::Store(StoreError::Unavailable)) => {
                self.replace_pending.set_value(true);
                SaveStatus::Failed(StoreError::Unavailable)
            }
            Err(e) => return Err(e.to_string()),
        };
        self.pending.set_value(Touched::default());
        self.ws.set(Some(ws));
        self.recovery.set(None);
        self.load_problems.set(Vec::new());
        self.save_status.set(status);
        Ok(())
    }

    /// Notes a successful write for the other tabs.
    fn after_write(&self, at: DateTime<Utc>) {
        let mark = format!("{}:{}", String::from(self.replica), at.timestamp_millis());
        if write_mark(&mark) {
            self.seen_mark.set_value(Some(mark));
        }
    }

    fn mark(&self, touched: Touched) {
        self.pending.update_value(|p| p.merge(touched));
        if self.save_status.get_untracked() != SaveStatus::Paused {
            if !matches!(self.save_status.get_untracked(), SaveStatus::Failed(_)) {
                self.save_status.set(SaveStatus::Pending);
            }
            self.schedule_save();
        }
    }

    fn schedule_save(&self) {
        let generation = self.generation.with_value(|g| g + 1);
        self.generation.set_value(generation);
        let state = *self;
        set_timeout(
            move || {
                if state.generation.get_value() == generation {
                    state.flush();
                }
            },
            SAVE_DELAY,
        );
    }

    /// Writes pending changes now. A failure keeps them pending and says so.
    pub fn flush(&self) {
        if self.save_status.get_untracked() == SaveStatus::Paused {
            return;
        }
        let touched = self.pending.get_value();
        let replace = self.replace_pending.get_value();
        if touched.is_empty() && !replace {
            return;
        }
        // Another tab saved since this one last looked: take its changes in first, so this
        // save never overwrites a newer change.
        if !replace && read_mark() != self.seen_mark.get_value() {
            self.reconcile();
        }
        let started = js_sys::Date::now();
        let kv = BrowserStorage::open();
        let at = now();
        let result: Result<SaveReport, StoreError> = self.ws.with_untracked(|ws| match ws {
            Some(ws) if replace => storage::replace(&kv, ws, at).map_err(|e| match e {
                ReplaceError::TooBig { .. } => StoreError::QuotaExceeded,
                ReplaceError::Store(e) => e,
            }),
            Some(ws) => storage::save(&kv, ws, &touched, at),
            None => Ok(SaveReport::default()),
        });
        match result {
            Ok(_) => {
                self.after_write(at);
                self.pending.set_value(Touched::default());
                self.replace_pending.set_value(false);
                self.save_status.set(SaveStatus::Saved(Some(at)));
                self.store_steps();
                measure("pursuit:save", started);
            }
            Err(error) => self.save_status.set(SaveStatus::Failed(error)),
        }
    }

    /// Resumes saving after the person decided what to do with unreadable stored data.
    pub fn resume_saving(&self) {
        if self.save_status.get_untracked() == SaveStatus::Paused {
            self.save_status.set(SaveStatus::Saved(None));
        }
    }

    pub fn notify(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            error: false,
        }));
    }

    pub fn notify_error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            error: true,
        }));
    }

    pub fn set_me(&self, me: Option<MemberId>) {
        self.me.set(me);
        if storage::web::store_me(me).is_err() {
            self.notify_error("This browser would not remember who you are; the choice lasts until you close the tab.");
        }
    }

    /// Reads the workspace; `None` before the first run.
    pub fn with<R>(&self, f: impl FnOnce(&Workspace) -> R) -> Option<R> {
        self.ws.with(|ws| ws.as_ref().map(f))
    }
}

/// Appends a duration (ms) to `window.__pursuitTimings[name]`, read by the benchmark script.
/// Adds a history entry for a change, stamped like the change itself.
fn note(ws: &mut Workspace, said: &Description, cx: &Context, touched: &mut Touched) {
    let id: crate::model::ChangeId = RandomIds.next();
    ws.history.push(ChangeRecord {
        id,
        stamp: Stamp::created(cx.now, cx.editor()),
        project_id: said.project,
        summary: said.summary.clone(),
        details: said.details.clone(),
    });
    match said.project {
        Some(p) => {
            touched.projects.insert(p);
        }
        None => touched.workspace = true,
    }
    // Bounded by a documented rule (model::limits): older entries of a full project go.
    crate::engine::history::prune(ws);
}

/// "task “x”: …" → "Task “x”: …", for a message shown on its own.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn read_mark() -> Option<String> {
    BrowserStorage::open()
        .get(storage::SAVE_MARK_KEY)
        .ok()
        .flatten()
}

fn write_mark(mark: &str) -> bool {
    BrowserStorage::open()
        .set(storage::SAVE_MARK_KEY, mark)
        .is_ok()
}

fn measure(name: &str, started_ms: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let elapsed = js_sys::Date::now() - started_ms;
    let get_or_insert =
        |target: &wasm_bindgen::JsValue, key: &str, make: &dyn Fn() -> wasm_bindgen::JsValue| {
            js_sys::Reflect::get(target, &key.into())
                .ok()
                .filter(|v| v.is_object())
                .unwrap_or_else(|| {
                    let fresh = make();
                    let _ = js_sys::Reflect::set(target, &key.into(), &fresh);
                    fresh
                })
        };
    let timings = get_or_insert(&window, "__pursuitTimings", &|| {
        js_sys::Object::new().into()
    });
    let list = get_or_insert(&timings, name, &|| js_sys::Array::new().into());
    // Array::from would copy the list (JS `Array.from`); cast it instead.
    wasm_bindgen::JsCast::unchecked_into::<js_sys::Array>(list).push(&elapsed.into());
}

pub fn provide_app_state() -> AppState {
    let state = AppState::start();
    provide_context(state);
    state
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
