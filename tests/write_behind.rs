//! The mirror IndexedDB is written through (`storage::behind`): what is changed in memory
//! reaches the durable side exactly, whatever writes fail on the way.

mod common;
use proptest::prelude::*;
use pursuit::model::command::Touched;
use pursuit::storage::behind::{Batch, WriteBehind};
use pursuit::storage::{self, KeyValue, Loaded, MemoryStore, StoreError};
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};

/// A write-behind store whose durable side is a map the test commits to, or refuses.
#[derive(Default)]
struct Behind {
    mirror: RefCell<WriteBehind>,
    durable: RefCell<BTreeMap<String, String>>,
    on_the_way: RefCell<VecDeque<Batch>>,
}

impl Behind {
    fn send(&self) {
        if let Some(batch) = self.mirror.borrow_mut().take_batch() {
            self.on_the_way.borrow_mut().push_back(batch);
        }
    }

    /// The oldest batch on the way lands (IndexedDB commits transactions in order).
    fn land(&self) {
        let Some(batch) = self.on_the_way.borrow_mut().pop_front() else {
            return;
        };
        let mut durable = self.durable.borrow_mut();
        for (k, v) in &batch.writes {
            match v {
                Some(v) => durable.insert(k.clone(), v.clone()),
                None => durable.remove(k),
            };
        }
        self.mirror.borrow_mut().committed(&batch);
    }

    /// The oldest batch on the way is refused (quota, a closed database).
    fn refuse(&self) {
        if let Some(batch) = self.on_the_way.borrow_mut().pop_front() {
            self.mirror.borrow_mut().failed(&batch);
        }
    }

    fn settle(&self) {
        while !self.on_the_way.borrow().is_empty() {
            self.land();
        }
        self.send();
        while !self.on_the_way.borrow().is_empty() {
            self.land();
        }
    }

    fn durable_store(&self) -> MemoryStore {
        let kv = MemoryStore::default();
        for (k, v) in self.durable.borrow().iter() {
            kv.set(k, v).unwrap();
        }
        kv
    }
}

impl KeyValue for Behind {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.mirror.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.mirror.borrow_mut().set(key, value);
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.mirror.borrow_mut().remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.mirror.borrow().keys())
    }
    fn unsaved(&self) -> bool {
        self.mirror.borrow().unsaved()
    }
}

#[test]
fn a_refused_write_stays_dirty_and_is_sent_again() {
    let s = Behind::default();
    s.set("a", "1").unwrap();
    assert!(s.unsaved());
    s.send();
    s.refuse();
    assert!(s.unsaved(), "a refused write is not forgotten");
    assert!(s.durable.borrow().is_empty());
    s.send();
    s.land();
    assert!(!s.unsaved());
    assert_eq!(s.durable.borrow().get("a").map(String::as_str), Some("1"));
}

#[test]
fn a_key_changed_while_its_write_is_on_the_way_stays_dirty_for_the_newer_value() {
    let s = Behind::default();
    s.set("a", "old").unwrap();
    s.send();
    s.set("a", "new").unwrap();
    s.send();
    assert_eq!(s.on_the_way.borrow().len(), 2);
    s.land();
    assert!(s.unsaved(), "the newer value is still on the way");
    s.land();
    assert!(!s.unsaved());
    assert_eq!(s.durable.borrow().get("a").map(String::as_str), Some("new"));
}

#[test]
fn a_batch_on_the_way_is_not_sent_twice() {
    let s = Behind::default();
    s.set("a", "1").unwrap();
    s.set("b", "2").unwrap();
    s.send();
    s.send();
    assert_eq!(s.on_the_way.borrow().len(), 1);
    assert_eq!(s.on_the_way.borrow()[0].writes.len(), 2);
}

#[test]
fn removing_writes_a_delete_and_units_follow_the_contents() {
    let mut m = WriteBehind::new(BTreeMap::from([("k".to_string(), "value".to_string())]));
    assert_eq!(m.units(), 1 + 5);
    assert!(!m.unsaved());
    m.remove("k");
    assert_eq!(m.units(), 0);
    let batch = m.take_batch().expect("a delete to send");
    assert_eq!(batch.writes, vec![("k".to_string(), None)]);
    m.committed(&batch);
    assert!(!m.unsaved());
    // Writing what is already there, with nothing pending, sends nothing.
    let mut m = WriteBehind::new(BTreeMap::from([("k".to_string(), "v".to_string())]));
    m.set("k", "v");
    assert!(m.take_batch().is_none());
}

#[test]
fn a_refresh_takes_another_tabs_records_but_keeps_this_tabs_unwritten_ones() {
    let mut m = WriteBehind::new(BTreeMap::from([
        ("mine".to_string(), "old".to_string()),
        ("theirs".to_string(), "old".to_string()),
        ("gone".to_string(), "x".to_string()),
    ]));
    m.set("mine", "edited here");
    m.remove("gone");
    m.refresh(BTreeMap::from([
        ("mine".to_string(), "old".to_string()),
        ("theirs".to_string(), "edited there".to_string()),
        ("gone".to_string(), "x".to_string()),
        ("new".to_string(), "added there".to_string()),
    ]));
    assert_eq!(m.get("mine").map(String::as_str), Some("edited here"));
    assert_eq!(m.get("theirs").map(String::as_str), Some("edited there"));
    assert_eq!(m.get("new").map(String::as_str), Some("added there"));
    assert_eq!(m.get("gone"), None, "this tab's unwritten delete stands");
    assert_eq!(m.units(), 4 + 11 + 6 + 12 + 3 + 11);
}

#[test]
fn a_workspace_saved_through_the_mirror_reads_back_from_the_durable_side() {
    let ws = common::fixture();
    assert!(!ws.projects.is_empty());
    let s = Behind::default();
    let at = common::at(60);
    storage::replace(&s, &ws, at).unwrap();
    // The first transaction is refused (a full disk); the next flush sends it all again.
    s.send();
    s.refuse();
    assert!(s.durable.borrow().is_empty());
    let mut edited = ws.clone();
    edited.projects[0].name = "Renamed while the disk was full".into();
    let touched = Touched {
        workspace: false,
        projects: [edited.projects[0].id].into(),
    };
    storage::save(&s, &edited, &touched, at).unwrap();
    s.settle();
    assert!(!s.unsaved());
    let Loaded::Workspace { workspace, .. } = storage::load(&s.durable_store()).unwrap() else {
        panic!("the durable side holds the workspace");
    };
    let name = |w: &pursuit::model::Workspace| {
        w.projects
            .iter()
            .find(|p| p.id == edited.projects[0].id)
            .map(|p| p.name.clone())
    };
    assert_eq!(
        name(&workspace),
        Some("Renamed while the disk was full".into())
    );
    assert_eq!(workspace.projects.len(), ws.projects.len());
}

#[derive(Debug, Clone)]
enum Op {
    Set(u8, u8),
    Remove(u8),
    Send,
    Land,
    Refuse,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..6, any::<u8>()).prop_map(|(k, v)| Op::Set(k, v)),
        1 => (0u8..6).prop_map(Op::Remove),
        2 => Just(Op::Send),
        2 => Just(Op::Land),
        1 => Just(Op::Refuse),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever writes land or are refused along the way, once the last ones land the
    /// durable side holds exactly what memory holds, and nothing is left unsaved.
    #[test]
    fn once_everything_lands_the_durable_side_equals_memory(ops in prop::collection::vec(op(), 1..60)) {
        let s = Behind::default();
        for op in ops {
            match op {
                Op::Set(k, v) => s.set(&format!("k{k}"), &v.to_string()).unwrap(),
                Op::Remove(k) => s.remove(&format!("k{k}")).unwrap(),
                Op::Send => s.send(),
                Op::Land => s.land(),
                Op::Refuse => s.refuse(),
            }
        }
        s.settle();
        prop_assert!(!s.unsaved());
        let memory: BTreeMap<String, String> = s
            .keys()
            .unwrap()
            .into_iter()
            .map(|k| {
                let v = s.get(&k).unwrap().unwrap();
                (k, v)
            })
            .collect();
        prop_assert_eq!(&*s.durable.borrow(), &memory);
    }
}
