//! The front matter parsers the browser build fetches on first need rather than in the first
//! download: TOML's (the `postview-toml` crate as a second WebAssembly module in `pkg/lazy/toml/`,
//! loaded by formats.js). [`provide`] makes it the core's TOML parser: until it is in, a TOML
//! front matter is [`Provided::Loading`] (a warning; the body renders), and the live preview
//! renders again when it arrives ([`notify_when_loaded`]); if it cannot be loaded, the front
//! matter is [`Provided::Unavailable`] with the reason (an error; the body still renders).

use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::EventTarget;

use crate::front_matter::guard::ParseError;
use crate::front_matter::toml::{self, Provided};
use crate::front_matter::value::{Map, Value};

#[wasm_bindgen(module = "/src/browser/formats.js")]
extern "C" {
    #[wasm_bindgen(js_name = tomlState)]
    fn toml_state() -> String;
    #[wasm_bindgen(js_name = tomlFailure)]
    fn toml_failure() -> String;
    #[wasm_bindgen(js_name = loadToml)]
    fn load_toml(input: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = parseToml)]
    fn parse_toml(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = notifyWhenTomlSettles)]
    fn notify_when_toml_settles(target: &EventTarget, event_type: &str);
}

/// The event the preview element gets when a parser it waited for arrived (or failed).
pub const FORMATS_LOADED: &str = "postview:formats-loaded";

/// Makes the lazily loaded TOML parser the core's (the browser build, without the `toml` feature).
#[cfg_attr(feature = "toml", allow(dead_code))]
pub fn provide() {
    toml::provide_parser(Box::new(parse));
}

/// Loads the lazily loaded parsers now; `toml` is where the TOML parser's wasm is (undefined:
/// beside its module). Resolves when they are in, rejects with why one could not be loaded.
pub fn load(toml: &JsValue) -> Promise {
    if cfg!(feature = "toml") {
        return Promise::resolve(&JsValue::UNDEFINED);
    }
    load_toml(toml)
}

/// Has `target` get a [`FORMATS_LOADED`] event once a parser now loading is in or failed.
pub fn notify_when_loaded(target: &EventTarget) {
    if toml_state() == "loading" {
        notify_when_toml_settles(target, FORMATS_LOADED);
    }
}

fn parse(text: &str) -> Provided {
    match toml_state().as_str() {
        "ready" => answer(&parse_toml(text)),
        "failed" => Provided::Unavailable(toml_failure()),
        _ => {
            // Said in the console and in diagnostics if it fails; nothing to do with it here.
            let _ = load_toml(&JsValue::UNDEFINED);
            Provided::Loading
        }
    }
}

/// The parser's `{ value }`, `{ message, offset }` or `{ unavailable }`.
fn answer(result: &JsValue) -> Provided {
    let field = |key: &str| Reflect::get(result, &key.into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(why) = field("unavailable").as_string() {
        return Provided::Unavailable(why);
    }
    let value = field("value");
    if !value.is_undefined() {
        return Provided::Parsed(Ok(value_of(&value)));
    }
    let message = field("message").as_string().unwrap_or_else(|| "the TOML parser gave no answer".into());
    let offset = field("offset").as_f64().map_or(0, |offset| offset as usize);
    Provided::Parsed(Err(ParseError::invalid(message, offset)))
}

/// A value as the TOML module gives it: text, numbers, booleans, arrays, and `Map`s for tables
/// (they keep the author's key order). Nesting is bounded by the guard the core ran first.
fn value_of(js: &JsValue) -> Value {
    if let Some(text) = js.as_string() {
        Value::String(text)
    } else if let Some(number) = js.as_f64() {
        Value::Number(number)
    } else if let Some(flag) = js.as_bool() {
        Value::Bool(flag)
    } else if let Some(items) = js.dyn_ref::<Array>() {
        Value::List(items.iter().map(|item| value_of(&item)).collect())
    } else if let Some(map) = js.dyn_ref::<js_sys::Map>() {
        let mut entries = Vec::with_capacity(map.size() as usize);
        map.for_each(&mut |value, key| entries.push((key.as_string().unwrap_or_default(), value_of(&value))));
        Value::Map(Map(entries))
    } else {
        Value::Null
    }
}
