//! One draft in localStorage: the text and who saved it when, as structured data (serde, through
//! the browser's own JSON), and the ways storage can refuse.

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomException, Storage};

/// What is stored under a draft's key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredDraft {
    pub text: String,
    /// Milliseconds since the epoch (`Date.now()`).
    pub saved_at: f64,
    /// The tab that saved it (each mount draws its own id).
    pub tab: String,
    /// Counts up with every save of this key from any tab: a higher one is newer.
    pub revision: u32,
}

/// Why storage refused, in the words the warning uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// QuotaExceededError.
    Full,
    /// SecurityError: storage turned off, or a private mode that refuses it.
    Blocked,
    /// No localStorage here, or some other refusal.
    Unavailable,
}

impl StorageProblem {
    pub fn reason(&self) -> &'static str {
        match self {
            StorageProblem::Full => "storage is full",
            StorageProblem::Blocked => "storage is blocked",
            StorageProblem::Unavailable => "storage is unavailable",
        }
    }

    fn from_error(error: &JsValue) -> StorageProblem {
        match error.dyn_ref::<DomException>().map(|e| e.name()).as_deref() {
            Some("QuotaExceededError") => StorageProblem::Full,
            Some("SecurityError") => StorageProblem::Blocked,
            _ => StorageProblem::Unavailable,
        }
    }
}

/// The window's localStorage, or why it cannot be had.
pub fn local_storage() -> Result<Storage, StorageProblem> {
    let window = web_sys::window().ok_or(StorageProblem::Unavailable)?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StorageProblem::Unavailable),
        Err(error) => Err(StorageProblem::from_error(&error)),
    }
}

/// The draft under `key`; `None` when there is none, or when what is there is not a draft
/// (another program's value under the same key is not ours to show).
pub fn read(storage: &Storage, key: &str) -> Result<Option<StoredDraft>, StorageProblem> {
    let stored = storage.get_item(key).map_err(|e| StorageProblem::from_error(&e))?;
    Ok(stored.as_deref().and_then(parse))
}

/// A stored value (as a `storage` event carries it) read back as a draft.
pub fn parse(stored: &str) -> Option<StoredDraft> {
    let value = js_sys::JSON::parse(stored).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

pub fn write(storage: &Storage, key: &str, draft: &StoredDraft) -> Result<(), StorageProblem> {
    let value = serde_wasm_bindgen::to_value(draft).map_err(|_| StorageProblem::Unavailable)?;
    let json = js_sys::JSON::stringify(&value).map_err(|e| StorageProblem::from_error(&e))?;
    storage.set_item(key, &String::from(json)).map_err(|e| StorageProblem::from_error(&e))
}
