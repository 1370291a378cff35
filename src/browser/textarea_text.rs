//! A textarea's text as last read, both as the JavaScript string and as the module's copy, so
//! that the next read copies into the module only what changed: a keystroke in a 100 KB post
//! copied all of it (its UTF-16 turned into UTF-8, about 0.8 ms) before anything was rendered.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::editor::TextChange;
use crate::bytes;

#[wasm_bindgen(module = "/src/browser/textarea_text.js")]
extern "C" {
    #[wasm_bindgen(js_name = textChange)]
    fn text_change(before: &JsValue, after: &JsValue) -> JsValue;
}

/// The last text read: `None` until the first read.
#[derive(Default)]
pub struct TextAreaText {
    last: RefCell<Option<(JsValue, String)>>,
}

impl TextAreaText {
    /// The text of `value` (the textarea's `value` now), from the last one with what changed
    /// since applied; `None` when `value` is not a string.
    pub fn read(&self, value: JsValue) -> Option<String> {
        let mut last = self.last.borrow_mut();
        let text = match last.take() {
            Some((before, text)) => changed(text, &before, &value)?,
            None => value.as_string()?,
        };
        *last = Some((value, text.clone()));
        Some(text)
    }
}

/// `text`, which is `before`, changed as `after` is.
fn changed(mut text: String, before: &JsValue, after: &JsValue) -> Option<String> {
    let change = text_change(before, after);
    if change.is_null() {
        return Some(text);
    }
    match serde_wasm_bindgen::from_value::<TextChange>(change) {
        Ok(TextChange { from, to, insert }) if from <= to => {
            let range = bytes::byte_offset(&text, from as usize)..bytes::byte_offset(&text, to as usize);
            text.replace_range(range, &insert);
            Some(text)
        }
        // Not what textChange gives: read it all.
        _ => after.as_string(),
    }
}
