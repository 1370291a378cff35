//! The `#[wasm_bindgen]` edge: `render` and `mount` for JavaScript, and nothing else.
//!
//! Results cross as plain JavaScript objects (serde-wasm-bindgen), typed by the TypeScript
//! declarations tsify writes into `postview.d.ts`. Bad options are a thrown `Error`; problems in
//! the post are diagnostics inside a successful result.

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, HtmlTextAreaElement};

use crate::browser::Previewer as LivePreviewer;
use crate::RenderOptions;

#[wasm_bindgen(typescript_custom_section)]
const VALUE_TYPE: &'static str = r#"
/** A front matter value: what YAML can say, as plain JavaScript data. */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
"#;

#[wasm_bindgen(start)]
fn start() {
    crate::browser::crash::install_panic_hook();
}

/// Panics on purpose, to test crash recovery: every mounted preview shows a notice and fires
/// `postview:crash`, and the next call runs in a fresh instance. Not for anything else.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTesting)]
pub fn panic_for_testing() {
    panic!("a panic asked for by __panicForTesting");
}

/// Renders a post: its body as safe HTML, its header, front matter, metadata and diagnostics.
#[wasm_bindgen(js_name = render, unchecked_return_type = "Rendered")]
pub fn render_post(
    source: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    let options = options_from(options)?;
    to_js(&crate::browser::with_sanitizer(|s| crate::render_with(source, &options, Some(s))))
}

/// A live preview: renders `editor` into `preview` now and on the frame after every edit.
#[wasm_bindgen]
pub struct Previewer(LivePreviewer);

#[wasm_bindgen]
impl Previewer {
    /// Replaces the editor's text and renders it at once.
    pub fn update(&self, source: &str) {
        self.0.update(source);
    }

    /// The latest render, as `render` returns it.
    #[wasm_bindgen(unchecked_return_type = "Rendered | undefined")]
    pub fn rendered(&self) -> Result<JsValue, JsError> {
        self.0.last().map_or(Ok(JsValue::UNDEFINED), |rendered| to_js(&rendered))
    }

    /// Stops listening to the editor and empties the preview.
    pub fn destroy(self) {
        self.0.destroy();
    }
}

/// Mounts a live previewer of `editor` (a `<textarea>`) into `preview`.
#[wasm_bindgen]
pub fn mount(
    editor: HtmlTextAreaElement,
    preview: HtmlElement,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions")] options: JsValue,
) -> Result<Previewer, JsError> {
    let options = options_from(options)?;
    LivePreviewer::mount(editor, preview, options)
        .map(Previewer)
        .map_err(|error| JsError::new(&error.as_string().unwrap_or_else(|| "could not mount the previewer".into())))
}

fn options_from(options: JsValue) -> Result<RenderOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(RenderOptions::default());
    }
    let invalid = |why: String| JsError::new(&format!("invalid postview options: {why}"));
    let keys: BTreeMap<String, IgnoredAny> =
        serde_wasm_bindgen::from_value(options.clone()).map_err(|e| invalid(e.to_string()))?;
    if let Some(unknown) = keys.keys().find(|key| !RenderOptions::KEYS.contains(&key.as_str())) {
        return Err(invalid(format!("unknown option `{unknown}`; the options are {}", RenderOptions::KEYS.join(", "))));
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| invalid(e.to_string()))
}

fn to_js(value: &impl Serialize) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(|error| JsError::new(&error.to_string()))
}
