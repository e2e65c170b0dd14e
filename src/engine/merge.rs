//! Merging a teammate's copy of the workspace into mine, entity by entity.
//!
//! Entities are matched by id. Each carries a version vector ([`Versions`]) counting the
//! edits every copy made, so the merge knows whether an entity changed on their side only
//! (take theirs), on my side only (keep mine) or on both (a conflict the person resolves).
//! Deletions are tombstones and merge like edits: a deletion wins over an edit made before it
//! and is a conflict with an edit made after it. Every conflict has a default answer — the
//! later change, ties broken by member id and then by content — so everyone who merges the
//! same files gets the same result, in either direction.
//!
//! [`preview`] says what a merge would do without changing anything; [`apply`] returns the
//! merged workspace for the person's choices. Both are pure.

pub use crate::engine::records::FieldDiff;
pub use crate::engine::records::Kind;
use crate::engine::records::{field_diffs, record, Entity};
use crate::model::*;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// What their file does to one entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Only in their file.
    New,
    /// Changed on their side only: theirs is taken.
    Changed,
    /// Deleted on their side (after any edit of mine): the deletion is taken.
    Deleted,
    /// Changed on both sides: the person chooses.
    Conflict,
    /// Nothing new from them (the same, or mine is newer).
    Unchanged,
}

/// Which side a conflict takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Choice {
    Mine,
    Theirs,
}

/// Identifies an entity across both files.
pub type Key = (Kind, Uuid);

/// Counts per kind of entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub changed: usize,
    pub deleted: usize,
    pub conflicts: usize,
    pub unchanged: usize,
}

impl Counts {
    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::New => self.new += 1,
            Outcome::Changed => self.changed += 1,
            Outcome::Deleted => self.deleted += 1,
            Outcome::Conflict => self.conflicts += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }

    /// Whether the file brings anything.
    pub fn brings_anything(&self) -> bool {
        self.new + self.changed + self.deleted + self.conflicts > 0
    }
}

/// One side of a conflict: when, by whom, and whether it is a deletion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    pub at: DateTime<Utc>,
    pub by: Option<MemberId>,
    pub deleted: bool,
}

/// An entity changed on both sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub key: Key,
    /// The entity's name (mine, or theirs if mine has none).
    pub title: String,
    /// The project it belongs to, for context.
    pub project: Option<String>,
    pub mine: Side,
    pub theirs: Side,
    pub fields: Vec<FieldDiff>,
    /// The answer when the person does not choose: the later change.
    pub default: Choice,
}

/// What merging their file would do, before anything changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub counts: BTreeMap<Kind, Counts>,
    pub conflicts: Vec<Conflict>,
    /// False when their file is another workspace (e.g. a shared project): its workspace name
    /// and settings are then left alone.
    pub same_workspace: bool,
}

impl Preview {
    /// Totals over every kind.
    pub fn total(&self) -> Counts {
        let mut t = Counts::default();
        for c in self.counts.values() {
            t.new += c.new;
            t.changed += c.changed;
            t.deleted += c.deleted;
            t.conflicts += c.conflicts;
            t.unchanged += c.unchanged;
        }
        t
    }
}

/// The person's answers, by conflict; a conflict without an answer takes its default.
pub type Choices = HashMap<Key, Choice>;

/// The later change wins; ties go to the larger member id, then to the larger content, so
/// the answer is the same whichever file is "mine".
fn later<T: Entity>(mine: &T, theirs: &T) -> Choice {
    let rank = |e: &T| {
        let s = e.stamp();
        (
            s.deleted_at.map_or(s.updated_at, |d| d.max(s.updated_at)),
            s.updated_by,
            serde_json::to_string(e).unwrap_or_default(),
        )
    };
    if rank(theirs) > rank(mine) {
        Choice::Theirs
    } else {
        Choice::Mine
    }
}

/// How one entity present on both sides merges: the outcome, and for automatic outcomes the
/// side taken.
fn decide<T: Entity>(mine: &T, theirs: &T) -> (Outcome, Option<Choice>) {
    if mine == theirs {
        return (Outcome::Unchanged, Some(Choice::Mine));
    }
    let (ms, ts) = (mine.stamp(), theirs.stamp());
    let same_content = ms.is_deleted() == ts.is_deleted() && {
        let mut restamped = theirs.clone();
        *restamped.stamp_mut() = ms.clone();
        restamped == *mine
    };
    match ms.versions.compare(&ts.versions) {
        Order::Newer => (Outcome::Unchanged, Some(Choice::Mine)),
        Order::Older if ts.is_deleted() && !ms.is_deleted() => {
            (Outcome::Deleted, Some(Choice::Theirs))
        }
        Order::Older if same_content => (Outcome::Unchanged, Some(Choice::Theirs)),
        Order::Older => (Outcome::Changed, Some(Choice::Theirs)),
        Order::Same | Order::Concurrent if same_content => {
            (Outcome::Unchanged, Some(later(mine, theirs)))
        }
        Order::Same | Order::Concurrent => match (ms.deleted_at, ts.deleted_at) {
            // A deletion wins over an edit made before it.
            (None, Some(gone)) if gone >= ms.updated_at => (Outcome::Deleted, Some(Choice::Theirs)),
            (Some(gone), None) if gone >= ts.updated_at => (Outcome::Unchanged, Some(Choice::Mine)),
            _ => (Outcome::Conflict, None),
        },
    }
}

/// Walks one collection: reports to `seen` and, when `out` is given, builds the merged list.
fn merge_list<T: Entity, L: crate::model::records::List<T>>(
    mine: &[T],
    theirs: &[T],
    choices: &Choices,
    projects: &HashMap<ProjectId, String>,
    seen: &mut Preview,
    out: Option<&mut L>,
) {
    let theirs_by_id: HashMap<Uuid, &T> = theirs.iter().map(|t| (t.uuid(), t)).collect();
    let mine_ids: std::collections::HashSet<Uuid> = mine.iter().map(Entity::uuid).collect();
    let mut merged: Vec<T> = Vec::with_capacity(mine.len().max(theirs.len()));
    let counts = seen.counts.entry(T::KIND).or_default();
    let mut conflicts = Vec::new();
    for m in mine {
        let Some(t) = theirs_by_id.get(&m.uuid()).copied() else {
            merged.push(m.clone());
            continue;
        };
        let (outcome, auto) = decide(m, t);
        counts.add(outcome);
        let choice = auto.unwrap_or_else(|| {
            let default = later(m, t);
            let key = (T::KIND, m.uuid());
            conflicts.push(Conflict {
                key,
                title: if m.title().is_empty() {
                    t.title()
                } else {
                    m.title()
                },
                project: m.project().and_then(|p| projects.get(&p).cloned()),
                mine: side(m.stamp()),
                theirs: side(t.stamp()),
                fields: field_diffs(m, t),
                default,
            });
            choices.get(&key).copied().unwrap_or(default)
        });
        let mut taken = match choice {
            Choice::Mine => m.clone(),
            Choice::Theirs => t.clone(),
        };
        let joined = m.stamp().versions.join(&t.stamp().versions);
        taken.stamp_mut().versions = joined;
        merged.push(taken);
    }
    for t in theirs.iter().filter(|t| !mine_ids.contains(&t.uuid())) {
        // A tombstone of something I never had brings nothing to see, but travels on.
        if !t.stamp().is_deleted() {
            counts.add(Outcome::New);
        }
        merged.push(t.clone());
    }
    seen.conflicts.extend(conflicts);
    if let Some(out) = out {
        crate::sorting::sort_by_key(&mut merged, Entity::uuid);
        *out = merged.into_iter().collect();
    }
}

fn side(s: &Stamp) -> Side {
    Side {
        at: s.deleted_at.unwrap_or(s.updated_at).max(s.updated_at),
        by: s.updated_by,
        deleted: s.is_deleted(),
    }
}

/// Runs the merge: always fills a preview; builds the result when asked.
fn run(
    mine: &Workspace,
    theirs: &Workspace,
    choices: &Choices,
    build: bool,
) -> (Preview, Option<Workspace>) {
    let mut preview = Preview {
        same_workspace: mine.id == theirs.id,
        ..Preview::default()
    };
    let projects: HashMap<ProjectId, String> = mine
        .projects
        .iter()
        .chain(&theirs.projects)
        .map(|p| (p.id, p.name.clone()))
        .collect();
    // Every collection of the result is built below.
    let mut result = build.then(|| mine.shell());
    macro_rules! list {
        ($field:ident) => {
            merge_list(
                &mine.$field,
                &theirs.$field,
                choices,
                &projects,
                &mut preview,
                result.as_mut().map(|r| &mut r.$field),
            )
        };
    }
    if preview.same_workspace {
        let mut merged = vec![record(mine)];
        merge_list(
            &[record(mine)],
            &[record(theirs)],
            choices,
            &projects,
            &mut preview,
            Some(&mut merged),
        );
        if let (Some(r), Some(rec)) = (result.as_mut(), merged.pop()) {
            r.name = rec.name;
            r.settings = rec.settings;
            r.stamp = rec.stamp;
        }
    }
    macro_rules! lists {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(list!($field);)*
        };
    }
    crate::workspace_records!(lists);
    list!(projects);
    crate::project_records!(lists);
    list!(history);
    if let Some(r) = result.as_mut() {
        crate::engine::history::prune(r);
    }
    preview.counts.retain(|_, c| *c != Counts::default());
    (preview, result)
}

/// What merging `theirs` into `mine` would do.
pub fn preview(mine: &Workspace, theirs: &Workspace) -> Preview {
    run(mine, theirs, &Choices::new(), false).0
}

/// The merged workspace, with each conflict resolved by `choices` (or its default).
pub fn apply(mine: &Workspace, theirs: &Workspace, choices: &Choices) -> Workspace {
    run(mine, theirs, choices, true)
        .1
        .expect("a result was asked for")
}

/// Every choice set to one side ("take all theirs" / "keep all mine").
pub fn all(preview: &Preview, choice: Choice) -> Choices {
    preview.conflicts.iter().map(|c| (c.key, choice)).collect()
}

/// A project kept over a teammate's deletion keeps what it owns.
///
/// Deleting a project also deletes its milestones, tasks, conversations and the rest, so a
/// merge in which the person keeps their edited project (a conflict decided "mine") would
/// bring the project back empty. This puts back, from `mine`, every record of such a
/// project that the merge left deleted but `mine` still had: a new edit by `editor`,
/// stamped `now`, so the restored records also win when the teammate merges this file.
/// Returns how many records of each kind came back, and the projects touched.
pub fn keep_children(
    result: &mut Workspace,
    mine: &Workspace,
    theirs: &Workspace,
    now: DateTime<Utc>,
    editor: Editor,
) -> (BTreeMap<Kind, usize>, crate::model::command::Touched) {
    let deleted_by_them: std::collections::HashSet<ProjectId> = theirs
        .projects
        .iter()
        .filter(|p| !p.is_live())
        .map(|p| p.id)
        .collect();
    let kept: std::collections::HashSet<ProjectId> = result
        .projects
        .iter()
        .filter(|p| p.is_live() && deleted_by_them.contains(&p.id))
        .map(|p| p.id)
        .collect();
    let mut restored = BTreeMap::new();
    let mut touched = crate::model::command::Touched::default();
    if kept.is_empty() {
        return (restored, touched);
    }
    fn restore<T: Entity + InProject>(
        result: &mut [T],
        mine: &[T],
        kept: &std::collections::HashSet<ProjectId>,
        now: DateTime<Utc>,
        editor: Editor,
        restored: &mut BTreeMap<Kind, usize>,
        touched: &mut crate::model::command::Touched,
    ) {
        let live_mine: HashMap<Uuid, &T> = mine
            .iter()
            .filter(|m| m.is_live() && kept.contains(&InProject::project_id(*m)))
            .map(|m| (m.uuid(), m))
            .collect();
        for r in result.iter_mut().filter(|r| !r.is_live()) {
            if let Some(m) = live_mine.get(&r.uuid()) {
                let versions = r.stamp().versions.join(&m.stamp().versions);
                *r = (*m).clone();
                r.stamp_mut().versions = versions;
                r.stamp_mut().touch(now, editor);
                *restored.entry(T::KIND).or_default() += 1;
                touched.projects.insert(InProject::project_id(r));
            }
        }
    }
    macro_rules! each {
        ($($field:ident: $t:ty => $k:ident),*) => {
            $(restore(&mut result.$field, &mine.$field, &kept, now, editor, &mut restored, &mut touched);)*
        };
    }
    crate::project_records!(each);
    (restored, touched)
}

/// What a pairing matches: a person or a playbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairKind {
    Member,
    Template,
}

/// A person or playbook in their file that is, by all signs, one already here under another
/// id (two workspaces started separately): proposed to be treated as the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pairing {
    pub kind: PairKind,
    pub theirs: uuid::Uuid,
    /// Their name for it.
    pub name: String,
    /// The one here it is proposed to be (`None`: nothing matched; kept as new).
    pub proposed: Option<uuid::Uuid>,
    /// Why: "same e-mail", "same name".
    pub why: &'static str,
}

/// Members of their file matched to members here by e-mail, then by name; playbooks by
/// name (letter case and surrounding spaces aside). Only records not already here by id,
/// matched to records not in their file, are proposed.
pub fn pairings(mine: &Workspace, theirs: &Workspace) -> Vec<Pairing> {
    let same = |a: &str, b: &str| !a.trim().is_empty() && a.trim().eq_ignore_ascii_case(b.trim());
    let mut out = Vec::new();
    let free = |id: uuid::Uuid| {
        !theirs.members.iter().any(|m| m.id.0 == id)
            && !theirs.templates.iter().any(|t| t.id.0 == id)
    };
    for m in theirs
        .live_members()
        .filter(|m| mine.member(m.id).is_none())
    {
        let here: Vec<&Member> = mine.live_members().filter(|x| free(x.id.0)).collect();
        let (proposed, why) = match here.iter().find(|x| same(&x.email, &m.email)) {
            Some(x) => (Some(x.id.0), "same e-mail"),
            None => match here.iter().find(|x| same(&x.name, &m.name)) {
                Some(x) => (Some(x.id.0), "same name"),
                None => (None, "no match"),
            },
        };
        out.push(Pairing {
            kind: PairKind::Member,
            theirs: m.id.0,
            name: m.name.clone(),
            proposed,
            why,
        });
    }
    for t in theirs
        .live_templates()
        .filter(|t| !mine.templates.iter().any(|x| x.id == t.id))
    {
        let proposed = mine
            .live_templates()
            .filter(|x| free(x.id.0))
            .find(|x| same(&x.name, &t.name))
            .map(|x| x.id.0);
        out.push(Pairing {
            kind: PairKind::Template,
            theirs: t.id.0,
            name: t.name.clone(),
            why: if proposed.is_some() {
                "same name"
            } else {
                "no match"
            },
            proposed,
        });
    }
    out
}

/// Their file with each paired id replaced by the id here, in every record that refers to
/// it (owners, authors, attendees, projects' playbooks …): ids are unique, so every place
/// the old one is written is a reference to it. Pairs whose target is already in their file
/// are skipped rather than creating two records with one id.
pub fn remap(theirs: &Workspace, pairs: &[(uuid::Uuid, uuid::Uuid)]) -> Workspace {
    let taken = |id: uuid::Uuid| {
        theirs.members.iter().any(|m| m.id.0 == id) || theirs.templates.iter().any(|t| t.id.0 == id)
    };
    let pairs: Vec<&(uuid::Uuid, uuid::Uuid)> = pairs
        .iter()
        .filter(|(from, to)| from != to && !taken(*to))
        .collect();
    if pairs.is_empty() {
        return theirs.clone();
    }
    let Ok(mut text) = serde_json::to_string(theirs) else {
        return theirs.clone();
    };
    for (from, to) in pairs {
        text = text.replace(&format!("\"{from}\""), &format!("\"{to}\""));
    }
    serde_json::from_str(&text).unwrap_or_else(|_| theirs.clone())
}
