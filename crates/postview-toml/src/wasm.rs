//! The lazily loaded module's one export: `parse(text)` as plain JavaScript data, for postview's
//! main module (src/browser/formats.rs reads it back).
//!
//! `{ value }` when the text is TOML, `{ message, offset }` when it is not (a byte offset into
//! the text). Maps are JavaScript `Map`s, which keep the author's key order (an object would put
//! keys like `"1"` first).

use js_sys::{Array, Map, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::Value;

/// Parses TOML text: `{ value }` or `{ message, offset }`.
#[wasm_bindgen]
pub fn parse(text: &str) -> JsValue {
    let result = Object::new();
    let set = |key: &str, value: JsValue| {
        // Setting a property of a plain new object cannot fail.
        let _ = Reflect::set(&result, &key.into(), &value);
    };
    match crate::parse(text) {
        Ok(value) => set("value", to_js(value)),
        Err(error) => {
            set("message", error.message.into());
            set("offset", (error.offset as f64).into());
        }
    }
    result.into()
}

fn to_js(value: Value) -> JsValue {
    match value {
        Value::Bool(b) => b.into(),
        Value::Number(n) => n.into(),
        Value::String(s) => s.into(),
        Value::List(items) => items.into_iter().map(to_js).collect::<Array>().into(),
        Value::Map(entries) => {
            let map = Map::new();
            for (key, value) in entries {
                map.set(&key.into(), &to_js(value));
            }
            map.into()
        }
    }
}
