//! One draft in localStorage: who saved it when (a small stamp, structured data through the
//! browser's own JSON) under the draft's key, its text as it is under a key beside it, and the
//! ways storage can refuse.
//!
//! The text is kept apart so that a save, which first checks the stamp for another tab's newer
//! draft, neither reads back nor parses nor re-encodes a text of megabytes: it hands the editor's
//! string to localStorage as it is. A 1 MB post's save took ~60 ms in one task when the text sat
//! inside the JSON (read, parsed, copied through the WebAssembly memory both ways).

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomException, Storage};

#[wasm_bindgen]
extern "C" {
    /// A `Storage` whose `setItem` takes a string as JavaScript holds it (web-sys's takes a
    /// `&str`: a copy into JavaScript of what was copied out of it).
    type ValueStorage;

    /// `getItem`, the string as JavaScript holds it (`null` when there is none).
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_value(this: &ValueStorage, key: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item_value(this: &ValueStorage, key: &str, value: &JsValue) -> Result<(), JsValue>;
}

/// Who stored a draft, and when: what is stored under the draft's key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stamp {
    /// Milliseconds since the epoch (`Date.now()`).
    pub saved_at: f64,
    /// The tab that saved it (each mount draws its own id).
    pub tab: String,
    /// Counts up with every save of this key from any tab: a higher one is newer.
    pub revision: u32,
    /// The text itself, in drafts stored before it was kept apart; still read, never written.
    #[serde(default, skip_serializing)]
    text: Option<String>,
}

impl Stamp {
    pub fn new(saved_at: f64, tab: String, revision: u32) -> Stamp {
        Stamp { saved_at, tab, revision, text: None }
    }
}

/// A stored draft: its stamp and its text, a JavaScript string as storage gave it (not copied
/// into the module: restoring compares it with the editor's and hands it to the editor, both in
/// JavaScript; at 4 MB each copy in is ~25 ms).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDraft {
    pub stamp: Stamp,
    pub text: JsValue,
}

/// Where a draft's text is stored, beside its stamp under `key`.
pub fn text_key(key: &str) -> String {
    format!("{key}:text")
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

/// The stamp under `key`; `None` when there is none, or when what is there is not a draft's
/// (another program's value under the same key is not ours to show).
pub fn read_stamp(storage: &Storage, key: &str) -> Result<Option<Stamp>, StorageProblem> {
    let stored = storage.get_item(key).map_err(|e| StorageProblem::from_error(&e))?;
    Ok(stored.as_deref().and_then(parse_stamp))
}

/// The draft under `key`, text and all.
pub fn read(storage: &Storage, key: &str) -> Result<Option<StoredDraft>, StorageProblem> {
    match read_stamp(storage, key)? {
        Some(stamp) => with_text(storage, key, stamp),
        None => Ok(None),
    }
}

/// A stored stamp (as a `storage` event carries it) read back.
pub fn parse_stamp(stored: &str) -> Option<Stamp> {
    let value = js_sys::JSON::parse(stored).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// The draft `stamp` stands for, its text read from beside it (or from the stamp itself, in a
/// draft stored before the text was kept apart); `None` when the text is missing.
pub fn with_text(storage: &Storage, key: &str, mut stamp: Stamp) -> Result<Option<StoredDraft>, StorageProblem> {
    let text = match stamp.text.take() {
        Some(text) => JsValue::from_str(&text),
        None => storage
            .unchecked_ref::<ValueStorage>()
            .get_item_value(&text_key(key))
            .map_err(|e| StorageProblem::from_error(&e))?,
    };
    Ok(text.is_string().then_some(StoredDraft { stamp, text }))
}

/// Stores `text` (a JavaScript string, handed over as it is) and then its stamp: another tab
/// that hears of the new stamp finds the new text already there.
pub fn write(storage: &Storage, key: &str, stamp: &Stamp, text: &JsValue) -> Result<(), StorageProblem> {
    storage
        .unchecked_ref::<ValueStorage>()
        .set_item_value(&text_key(key), text)
        .map_err(|e| StorageProblem::from_error(&e))?;
    let value = serde_wasm_bindgen::to_value(stamp).map_err(|_| StorageProblem::Unavailable)?;
    let json = js_sys::JSON::stringify(&value).map_err(|e| StorageProblem::from_error(&e))?;
    storage.set_item(key, &String::from(json)).map_err(|e| StorageProblem::from_error(&e))
}
