//! The browser's localStorage as a [`KeyValue`] store.
//!
//! Acquiring the storage goes through web-sys because gloo-storage panics when a browser
//! disables storage; reads and writes of single values go through the raw `Storage` so the
//! stored text is exactly ours, and errors are classified into [`StoreError`] so every
//! browser's "quota exceeded" is recognised.

use super::{KeyValue, StoreError};
use wasm_bindgen::{JsCast, JsValue};

/// UTF-16 units the stored undo steps take in localStorage (0 when there are none).
pub fn undo_units() -> usize {
    BrowserStorage::open()
        .get(super::UNDO_KEY)
        .ok()
        .flatten()
        .map_or(0, |v| {
            super::codec::storage_units(&v) + super::codec::storage_units(super::UNDO_KEY)
        })
}

/// localStorage's allowance per site in UTF-16 units (Chromium: 5 MiB of characters).
pub const QUOTA_UNITS: usize = 5_242_880;

/// localStorage of the current window.
pub struct BrowserStorage {
    storage: Option<web_sys::Storage>,
}

impl BrowserStorage {
    /// Opens localStorage; a browser that refuses gives a store whose every call fails
    /// with [`StoreError::Unavailable`].
    pub fn open() -> Self {
        let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
        Self { storage }
    }

    fn storage(&self) -> Result<&web_sys::Storage, StoreError> {
        self.storage.as_ref().ok_or(StoreError::Unavailable)
    }
}

/// Maps a DOMException to our error. Chromium and Safari throw `QuotaExceededError` (code 22),
/// older Firefox `NS_ERROR_DOM_QUOTA_REACHED` (code 1014); Safari's private mode used to throw
/// quota errors on every write, which we report the same way.
pub fn classify(error: &JsValue) -> StoreError {
    if let Some(e) = error.dyn_ref::<web_sys::DomException>() {
        let name = e.name();
        return match (name.as_str(), e.code()) {
            ("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED", _) | (_, 22 | 1014) => {
                StoreError::QuotaExceeded
            }
            ("SecurityError", _) => StoreError::Unavailable,
            _ => StoreError::Other(format!("{name}: {}", e.message())),
        };
    }
    StoreError::Other(error.as_string().unwrap_or_else(|| format!("{error:?}")))
}

impl KeyValue for BrowserStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage()?.get_item(key).map_err(|e| classify(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage()?
            .set_item(key, value)
            .map_err(|e| classify(&e))
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage()?.remove_item(key).map_err(|e| classify(&e))
    }

    fn quota(&self) -> Option<usize> {
        // Chromium, Firefox and Safari keep about five million UTF-16 units per site; a
        // write beyond it fails anyway, this only lets a replace be refused up front.
        Some(QUOTA_UNITS)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let s = self.storage()?;
        let n = s.length().map_err(|e| classify(&e))?;
        let mut keys = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = s.key(i).map_err(|e| classify(&e))? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}

/// Reads which member "I am" in this browser.
pub fn load_me() -> Option<crate::model::MemberId> {
    use gloo_storage::Storage;
    BrowserStorage::open().storage.as_ref()?;
    gloo_storage::LocalStorage::get::<crate::model::MemberId>(super::ME_KEY).ok()
}

/// This browser's replica id: read from storage, or made up once and remembered. When
/// storage is unavailable the id lasts for the page's life.
pub fn replica() -> crate::model::ReplicaId {
    use gloo_storage::Storage;
    let available = BrowserStorage::open().storage.is_some();
    if available {
        if let Ok(id) =
            gloo_storage::LocalStorage::get::<crate::model::ReplicaId>(super::REPLICA_KEY)
        {
            return id;
        }
    }
    let mut bytes = [0u8; 8];
    // uuid's v4 generator draws on the browser's crypto source.
    bytes.copy_from_slice(&uuid::Uuid::new_v4().as_bytes()[..8]);
    let id = crate::model::ReplicaId(u64::from_le_bytes(bytes));
    if available {
        let _ = gloo_storage::LocalStorage::set(super::REPLICA_KEY, id);
    }
    id
}

/// Remembers which member "I am" in this browser (or forgets it).
pub fn store_me(me: Option<crate::model::MemberId>) -> Result<(), StoreError> {
    use gloo_storage::Storage;
    BrowserStorage::open().storage()?;
    match me {
        Some(id) => gloo_storage::LocalStorage::set(super::ME_KEY, id)
            .map_err(|e| StoreError::Other(e.to_string())),
        None => {
            gloo_storage::LocalStorage::delete(super::ME_KEY);
            Ok(())
        }
    }
}

/// The theme chosen in this browser (`"light"`, `"dark"`), if any and if storage answers.
pub fn load_theme() -> Option<String> {
    BrowserStorage::open().get(super::THEME_KEY).ok().flatten()
}

/// Remembers the theme chosen in this browser; `None` follows the system again.
pub fn store_theme(theme: Option<&str>) -> Result<(), StoreError> {
    let store = BrowserStorage::open();
    match theme {
        Some(t) => store.set(super::THEME_KEY, t),
        None => store.remove(super::THEME_KEY),
    }
}

/// Column mappings kept: the most recent imports' files.
const KEPT_MAPPINGS: usize = 20;

/// The mapping last used for a spreadsheet with exactly these column names, if any.
pub fn load_csv_mapping(columns: &[String]) -> Option<crate::engine::spreadsheet::Mapping> {
    let text = BrowserStorage::open().get(super::CSV_MAPPINGS_KEY).ok()??;
    let kept: Vec<(Vec<String>, crate::engine::spreadsheet::Mapping)> =
        serde_json::from_str(&text).ok()?;
    kept.into_iter().find(|(c, _)| c == columns).map(|(_, m)| m)
}

/// Remembers the mapping used for a spreadsheet with these column names (newest first; the
/// oldest beyond [`KEPT_MAPPINGS`] are dropped). A refused write only means it is not kept.
pub fn store_csv_mapping(columns: &[String], mapping: &crate::engine::spreadsheet::Mapping) {
    let store = BrowserStorage::open();
    let mut kept: Vec<(Vec<String>, crate::engine::spreadsheet::Mapping)> = store
        .get(super::CSV_MAPPINGS_KEY)
        .ok()
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    kept.retain(|(c, _)| c != columns);
    kept.insert(0, (columns.to_vec(), mapping.clone()));
    kept.truncate(KEPT_MAPPINGS);
    if let Ok(text) = serde_json::to_string(&kept) {
        let _ = store.set(super::CSV_MAPPINGS_KEY, &text);
    }
}

/// This browser's notes about the first-run checklist of a workspace: "open" once it was
/// started empty here, "dismissed" when put away. None: never shown (a sample, an import).
pub fn setup_state(ws: crate::model::WorkspaceId) -> Option<String> {
    use gloo_storage::Storage;
    BrowserStorage::open().storage.as_ref()?;
    gloo_storage::LocalStorage::get::<String>(format!("pursuit:setup:{ws}")).ok()
}

pub fn set_setup_state(ws: crate::model::WorkspaceId, state: &str) {
    use gloo_storage::Storage;
    // Only a note for the checklist: where the browser keeps nothing, it is shown less.
    let _ = gloo_storage::LocalStorage::set(format!("pursuit:setup:{ws}"), state);
}

/// Whether the workspace was downloaded from this browser (the checklist's last step:
/// nothing lives in one browser only).
pub fn was_exported(ws: crate::model::WorkspaceId) -> bool {
    use gloo_storage::Storage;
    BrowserStorage::open().storage.is_some()
        && gloo_storage::LocalStorage::get::<bool>(format!("pursuit:exported:{ws}"))
            .unwrap_or(false)
}

pub fn mark_exported(ws: crate::model::WorkspaceId) {
    use gloo_storage::Storage;
    let _ = gloo_storage::LocalStorage::set(format!("pursuit:exported:{ws}"), true);
}
