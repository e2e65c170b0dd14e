//! The index that lets the projects table be drawn before the records are read
//! (`storage::index`): written with every save, trusted only whole, never trusted after a
//! save cut short, rebuilt from the records when it can't be; and opening in slices gives
//! the one-go answer.

mod common;
use pursuit::model::command::{perform as apply, Context, Touched};
use pursuit::model::*;
use pursuit::storage::index::{self, IndexRow, Untrusted};
use pursuit::storage::{self, Begun, KeyValue, Loaded, MemoryStore, StoreError};
use std::cell::Cell;

const STORED_V1: &str = include_str!("fixtures/stored-v1.json");
const STORED_UNINDEXED: &str = include_str!("fixtures/stored-unindexed.json");

fn cx() -> Context {
    common::context(common::at(60), None, 1)
}

fn loaded(kv: &dyn KeyValue) -> Workspace {
    match storage::load(kv).unwrap() {
        Loaded::Workspace { workspace, .. } => *workspace,
        other => panic!("expected a workspace, got {other:?}"),
    }
}

fn stored(ws: &Workspace) -> MemoryStore {
    let kv = MemoryStore::default();
    storage::replace(&kv, ws, cx().now).unwrap();
    kv
}

fn rows(kv: &dyn KeyValue) -> Result<Vec<IndexRow>, Untrusted> {
    index::read(kv).unwrap()
}

/// A store that refuses every write after the first `left` (a tab closed mid-save, in a
/// store that is not transactional).
struct CutAfter {
    inner: MemoryStore,
    left: Cell<usize>,
}

impl CutAfter {
    fn spend(&self) -> Result<(), StoreError> {
        match self.left.get() {
            0 => Err(StoreError::Other("cut".into())),
            n => {
                self.left.set(n - 1);
                Ok(())
            }
        }
    }
}

impl KeyValue for CutAfter {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.spend()?;
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.spend()?;
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.inner.keys()
    }
}

fn renamed(ws: &mut Workspace, i: usize, name: &str) -> Touched {
    let id = ws.projects[i].id;
    let mut draft = ProjectDraft::from_project(ws.project(id).unwrap());
    draft.name = name.into();
    let input = draft.check().unwrap();
    apply(ws, ProjectCommand::UpdateProject { id, input }, &cx()).unwrap()
}

#[test]
fn a_stored_workspace_has_a_trusted_row_for_every_project() {
    let ws = common::fixture();
    assert!(!ws.projects.is_empty());
    let kv = stored(&ws);
    let rows = rows(&kv).expect("trusted");
    assert_eq!(rows.len(), ws.projects.len());
    for p in ws.projects.iter() {
        assert!(rows.contains(&IndexRow::of(p)), "{}", p.name);
    }
    assert!(!index::differs(&loaded(&kv), &rows));
}

#[test]
fn an_edit_writes_its_row_with_its_record_and_counts_one_record() {
    let mut ws = common::fixture();
    let kv = stored(&ws);
    let touched = renamed(&mut ws, 0, "Helios renewal — phase two");
    let report = storage::save(&kv, &ws, &touched, cx().now).unwrap();
    assert_eq!(report.records, 1, "the row is not counted as a record");
    let rows = rows(&kv).expect("trusted");
    assert!(rows.iter().any(|r| r.name == "Helios renewal — phase two"));
    assert!(!index::differs(&loaded(&kv), &rows));
}

#[test]
fn a_deleted_project_keeps_a_row_marked_deleted_or_none_at_all() {
    let mut ws = common::fixture();
    let kv = stored(&ws);
    let id = ws.projects[1].id;
    let touched = apply(&mut ws, ProjectCommand::DeleteProject(id), &cx()).unwrap();
    storage::save(&kv, &ws, &touched, cx().now).unwrap();
    let rows = rows(&kv).expect("trusted");
    assert!(rows.iter().all(|r| r.id != id || r.deleted));
    assert!(!index::differs(&loaded(&kv), &rows));
}

/// A save cut short after any number of writes: the rows are either not trusted (the
/// workspace opens from its records) or exactly what the records say.
#[test]
fn a_save_cut_short_anywhere_never_leaves_rows_that_are_trusted_and_wrong() {
    let mut ws = common::fixture();
    let mut touched = renamed(&mut ws, 0, "Cut short");
    let second = renamed(&mut ws, 2, "Also cut short");
    touched.projects.extend(second.projects);
    let full = MemoryStore::default();
    storage::replace(&full, &common::fixture(), cx().now).unwrap();
    let writes = 2 + 2 * touched.projects.len();
    let mut untrusted = 0;
    for cut in 0..=writes {
        let kv = CutAfter {
            inner: MemoryStore::default(),
            left: Cell::new(usize::MAX),
        };
        for (k, v) in full.items.borrow().iter() {
            kv.inner.set(k, v).unwrap();
        }
        kv.left.set(cut);
        let saved = storage::save(&kv, &ws, &touched, cx().now);
        assert_eq!(saved.is_ok(), cut >= writes, "cut after {cut} writes");
        match rows(&kv.inner) {
            Err(_) => untrusted += 1,
            Ok(rows) => assert!(
                !index::differs(&loaded(&kv.inner), &rows),
                "cut after {cut} writes: trusted rows that differ from the records"
            ),
        }
    }
    assert!(untrusted > 0 && untrusted < writes + 1);
}

/// Golden fixtures of the layout before the index: generation 0 as the first release wrote
/// it, and a later generation as the release before the index wrote it.
#[test]
fn a_workspace_stored_before_the_index_opens_and_gets_one() {
    for fixture in [STORED_V1, STORED_UNINDEXED] {
        let items: std::collections::BTreeMap<String, String> =
            serde_json::from_str(fixture).unwrap();
        assert!(!items.is_empty());
        assert!(items.keys().all(|k| !index::is_row_key(k)));
        let kv = MemoryStore::default();
        for (k, v) in &items {
            kv.set(k, v).unwrap();
        }
        assert_eq!(rows(&kv), Err(Untrusted::None));
        let ws = loaded(&kv);
        assert!(!ws.projects.is_empty());
        assert_eq!(index::rebuild(&kv, &ws).unwrap(), ws.projects.len());
        let rows = rows(&kv).expect("trusted once rebuilt");
        assert!(!index::differs(&ws, &rows));
        // The records themselves are untouched.
        for (k, v) in &items {
            assert_eq!(kv.get(k).unwrap().as_ref(), Some(v), "{k}");
        }
    }
}

#[test]
fn a_damaged_missing_or_extra_row_is_not_trusted() {
    let ws = common::fixture();
    let generation = |kv: &MemoryStore| storage::generation(kv).unwrap();
    let some_row = |kv: &MemoryStore| {
        let prefix = index::row_prefix(generation(kv));
        kv.keys()
            .unwrap()
            .into_iter()
            .find(|k| k.starts_with(&prefix))
            .unwrap()
    };

    let kv = stored(&ws);
    kv.set(&some_row(&kv), "{\"id\": 7").unwrap();
    assert!(matches!(rows(&kv), Err(Untrusted::Damaged(_))));

    let kv = stored(&ws);
    kv.remove(&some_row(&kv)).unwrap();
    assert!(matches!(rows(&kv), Err(Untrusted::Mismatch { .. })));

    let kv = stored(&ws);
    let stray = index::row_key(generation(&kv), ProjectId(uuid::Uuid::from_u128(9)));
    kv.set(&stray, &IndexRow::of(&ws.projects[0]).stored())
        .unwrap();
    assert!(matches!(rows(&kv), Err(Untrusted::Mismatch { .. })));

    let kv = stored(&ws);
    kv.set(&index::mark_key(generation(&kv)), "3").unwrap();
    assert!(matches!(rows(&kv), Err(Untrusted::Mismatch { .. })));

    // A row whose id is another project's.
    let kv = stored(&ws);
    let key = some_row(&kv);
    let other = ws
        .projects
        .iter()
        .find(|p| !key.ends_with(&p.id.to_string()))
        .unwrap();
    kv.set(&key, &IndexRow::of(other).stored()).unwrap();
    assert!(matches!(rows(&kv), Err(Untrusted::Mismatch { .. })));
}

#[test]
fn a_row_changed_behind_pursuits_back_is_found_once_the_records_are_read() {
    let ws = common::fixture();
    let kv = stored(&ws);
    let mut row = IndexRow::of(&ws.projects[0]);
    row.name = "Not what the record says".into();
    kv.set(
        &index::row_key(storage::generation(&kv).unwrap(), row.id),
        &row.stored(),
    )
    .unwrap();
    let trusted = rows(&kv).expect("it reads");
    let ws = loaded(&kv);
    assert!(index::differs(&ws, &trusted));
    index::rebuild(&kv, &ws).unwrap();
    assert!(!index::differs(&ws, &rows(&kv).unwrap()));
}

#[test]
fn replacing_the_workspace_leaves_no_rows_of_the_old_generation() {
    let ws = common::fixture();
    let kv = stored(&ws);
    storage::replace(&kv, &common::sample(), cx().now).unwrap();
    let generation = storage::generation(&kv).unwrap();
    let keys = kv.keys().unwrap();
    let row_keys: Vec<_> = keys.iter().filter(|k| index::is_row_key(k)).collect();
    assert!(!row_keys.is_empty());
    assert!(row_keys
        .iter()
        .all(|k| k.starts_with(&index::row_prefix(generation))));
    assert!(rows(&kv).is_ok());
    storage::clear_workspace(&kv).unwrap();
    assert!(kv.keys().unwrap().iter().all(|k| !index::is_row_key(k)));
}

/// Opening in slices of any size gives what opening in one go gives.
#[test]
fn opening_in_slices_gives_the_one_go_answer() {
    let ws = common::fixture();
    let kv = stored(&ws);
    let whole = loaded(&kv);
    for slice in [1, 2, 7, usize::MAX] {
        let Begun::Reading(mut opening) = storage::begin(&kv).unwrap() else {
            panic!("records to read")
        };
        let (_, total) = opening.progress();
        assert_eq!(total, ws.projects.len());
        let mut steps = 0;
        while !opening.done() {
            opening.step(slice);
            steps += 1;
        }
        assert_eq!(steps, total.div_ceil(slice.min(total)));
        match opening.finish(&kv).unwrap() {
            Loaded::Workspace { workspace, .. } => assert_eq!(*workspace, whole),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn opening_in_slices_reports_a_damaged_record_like_opening_in_one_go() {
    let kv = stored(&common::fixture());
    let prefix = storage::project_prefix(storage::generation(&kv).unwrap());
    let key = kv
        .keys()
        .unwrap()
        .into_iter()
        .filter(|k| k.starts_with(&prefix))
        .nth(2)
        .unwrap();
    kv.set(&key, "z99:garbage").unwrap();
    let reason = |loaded: Loaded| match loaded {
        Loaded::Unreadable { reason, .. } => reason,
        other => panic!("{other:?}"),
    };
    let one_go = reason(storage::load_unchecked(&kv).unwrap());
    let Begun::Reading(mut opening) = storage::begin(&kv).unwrap() else {
        panic!("records to read")
    };
    while !opening.done() {
        opening.step(1);
    }
    assert_eq!(reason(opening.finish(&kv).unwrap()), one_go);
    assert!(one_go.contains(&key));
}

#[test]
fn nothing_stored_begins_as_a_first_run() {
    assert!(matches!(
        storage::begin(&MemoryStore::default()).unwrap(),
        Begun::Done(Loaded::Empty)
    ));
}

/// The preview the browser reads before the records: the team's record and the rows.
fn preview(kv: &dyn KeyValue) -> index::Preview {
    let generation = storage::generation(kv).unwrap();
    let prefix = index::row_prefix(generation);
    let rows: Vec<(String, String)> = kv
        .keys()
        .unwrap()
        .into_iter()
        .filter(|k| k.starts_with(&prefix))
        .map(|k| {
            let text = kv.get(&k).unwrap().unwrap();
            (k, text)
        })
        .collect();
    let team = kv
        .get(&storage::workspace_key(generation))
        .unwrap()
        .unwrap();
    let mark = kv.get(&index::mark_key(generation)).unwrap();
    index::preview(generation, &team, mark.as_deref(), &rows).expect("trusted")
}

/// The pipeline drawn from the index while the records are read is the pipeline of the
/// records, health aside: the same lanes, cards and totals under every filter.
#[test]
fn the_pipeline_drawn_from_the_index_is_the_pipeline_of_the_records() {
    use pursuit::ui::router::ListQuery;
    use pursuit::ui::screens::pipeline::board;
    let mut ws = common::sample();
    let gone = ws.projects[1].id;
    apply(&mut ws, ProjectCommand::DeleteProject(gone), &cx()).unwrap();
    let kv = stored(&ws);
    let ws = loaded(&kv);
    let from_index = preview(&kv)
        .projects_only()
        .expect("rows carry the probability");
    let owner = ws.projects.iter().find_map(|p| p.owner).unwrap();
    let template = ws.live_templates().next().unwrap().id;
    let queries = [
        ListQuery::default(),
        ListQuery {
            owner: owner.to_text(),
            ..Default::default()
        },
        ListQuery {
            kind: "deal".into(),
            period: "year".into(),
            ..Default::default()
        },
        ListQuery {
            search: ws.projects[0].client[..3].to_string(),
            ..Default::default()
        },
        ListQuery {
            template: template.to_text(),
            period: "quarter".into(),
            ..Default::default()
        },
    ];
    let none = Default::default();
    for q in &queries {
        let expected = board(&ws, q, common::today(), &none);
        assert!(
            expected.iter().any(|l| !l.cards.is_empty()),
            "{q:?} shows cards"
        );
        assert_eq!(
            board(&from_index, q, common::today(), &none),
            expected,
            "{q:?}"
        );
    }
    let all = board(&ws, &ListQuery::default(), common::today(), &none);
    let cards = all.iter().flat_map(|l| &l.cards);
    assert!(
        cards.clone().all(|c| c.id != gone),
        "a deleted project is not on the board"
    );
    assert!(
        all.iter().any(|l| l.weighted != 0),
        "weighted totals are compared"
    );
}

/// The dashboard's figures, forecast table, slipped deals, charts and each person's
/// numbers, drawn from the rows while the records are read, are those of the records:
/// the rows carry every project field they read (start date, forecast category, target
/// history besides the pipeline's).
#[test]
fn the_dashboard_drawn_from_the_index_is_the_dashboard_of_the_records() {
    use pursuit::engine::dashboard::dashboard;
    use pursuit::engine::forecast::by_owner;
    use pursuit::engine::periods::period_of;
    let mut ws = common::sample();
    let today = common::today();
    let open: Vec<usize> = (0..ws.projects.len())
        .filter(|i| ws.projects[*i].status.is_open())
        .collect();
    assert!(open.len() >= 2, "the sample has open deals");
    ws.projects[open[0]].forecast_category = Some(ForecastCategory::Commit);
    let slipping = &mut ws.projects[open[1]];
    slipping.target_history = vec![today - chrono::Duration::days(10)];
    slipping.target_date = today + chrono::Duration::days(400);
    let kv = stored(&ws);
    let ws = loaded(&kv);
    let from_index = preview(&kv)
        .projects_only()
        .expect("rows carry the dashboard's fields");
    for kind in [
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::FiscalYear,
    ] {
        let expected = dashboard(&ws, kind, today);
        assert!(!expected.figures.is_empty() && !expected.rows.is_empty());
        assert_eq!(dashboard(&from_index, kind, today), expected, "{kind:?}");
        let period = period_of(kind, today, ws.settings.fiscal_year_start_month);
        let people = by_owner(&ws, period, today);
        assert!(!people.is_empty(), "the sample's members own deals");
        assert_eq!(by_owner(&from_index, period, today), people, "{kind:?}");
    }
    let quarter = dashboard(&ws, PeriodKind::Quarter, today);
    assert!(
        quarter
            .slipped
            .iter()
            .any(|s| s.id == ws.projects[open[1]].id),
        "slipped deals are compared"
    );
    assert!(
        quarter.rows.iter().any(|r| r.commit != r.won),
        "a commit category is compared"
    );
}

/// A row written before rows carried the probability still draws the projects table,
/// but not the pipeline; once the records are read it is written again, with it.
#[test]
fn a_row_without_the_probability_waits_for_the_records_and_is_written_again() {
    let ws = common::sample();
    let kv = stored(&ws);
    let generation = storage::generation(&kv).unwrap();
    let p = &ws.projects[0];
    let key = index::row_key(generation, p.id);
    let mut old: serde_json::Value = serde_json::from_str(&kv.get(&key).unwrap().unwrap()).unwrap();
    assert!(old["probability"].is_u64(), "a row carries the probability");
    assert!(old["start_date"].is_string(), "and the start date");
    for field in ["probability", "close_date", "start_date"] {
        old.as_object_mut().unwrap().remove(field);
    }
    kv.set(&key, &old.to_string()).unwrap();
    let before = preview(&kv);
    assert_eq!(before.rows.len(), ws.projects.len());
    assert!(
        before.projects_only().is_none(),
        "the pipeline waits for the records"
    );
    let ws = loaded(&kv);
    assert!(index::differs(&ws, &before.rows));
    index::rebuild(&kv, &ws).unwrap();
    assert!(preview(&kv).projects_only().is_some());
}
