//! The events a mounted preview fires for its embedder: `postview:render` once the preview shows
//! a render whole (what was found in the post, and how long it took), and `postview:error` when
//! something could not be rendered (bad input to `update`, an editor adapter that failed, the
//! preview that could not be patched, a crash); and, on a `<textarea>` editor, `postview:open`
//! before an opened file's text replaces its own (cancelable: the embedder puts it in). All
//! bubble. Fire them with no borrow of the previewer held: a listener may call back into it.

use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

use crate::front_matter::FrontMatterFormat;
use crate::{Diagnostic, PostMeta, Rendered, Stats};

/// Fired on the preview once it shows a render whole.
pub const RENDER_EVENT: &str = "postview:render";
/// Fired on the preview when a render failed; the last good render stays shown.
pub const ERROR_EVENT: &str = "postview:error";
/// Fired on a `<textarea>` editor before an opened file's text replaces its own; cancelable.
pub const OPEN_EVENT: &str = "postview:open";

/// How long a render took, in milliseconds.
#[derive(Clone, Copy, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timings {
    /// Rendering the text (front matter, Markdown, sanitizing) in WebAssembly.
    pub render_ms: f64,
    /// Putting it in the preview (header, changed blocks, lists), over every frame it took.
    pub patch_ms: f64,
    /// How many animation frames the preview took to show all of it (1 unless the body was
    /// too long for one).
    pub frames: u32,
}

/// `postview:render`'s `detail` (`RenderEventDetail` in postview.d.ts).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RenderDetail<'a> {
    meta: &'a PostMeta,
    front_matter_format: Option<FrontMatterFormat>,
    diagnostics: &'a [Diagnostic],
    stats: &'a Stats,
    timings: Timings,
}

/// What kind of failure `postview:error` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    /// `update` was given something else than a string.
    Input,
    /// The editor adapter threw or answered something unusable.
    Editor,
    /// The preview could not be patched.
    Preview,
    /// postview crashed (a panic or a trap); `postview:crash` fires too.
    Crash,
}

/// `postview:open`'s `detail` (`OpenEventDetail` in postview.d.ts): the file's name and text.
#[derive(Serialize)]
pub struct OpenDetail<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    kind: ErrorKind,
    message: &'a str,
}

/// `postview:render`'s detail for `rendered`.
pub fn render_detail(rendered: &Rendered, timings: Timings) -> JsValue {
    to_js(&RenderDetail {
        meta: &rendered.meta,
        front_matter_format: rendered.front_matter.as_ref().map(|f| f.format),
        diagnostics: &rendered.diagnostics,
        stats: &rendered.stats,
        timings,
    })
}

/// `postview:error`'s detail; the message goes to the console too.
pub fn error_detail(kind: ErrorKind, message: &str) -> JsValue {
    web_sys::console::error_2(&"postview:".into(), &message.into());
    to_js(&ErrorDetail { kind, message })
}

/// Fires `postview:error` on `preview` now (no previewer borrowed).
pub fn fire_error(preview: &HtmlElement, kind: ErrorKind, message: &str) {
    dispatch(preview, ERROR_EVENT, &error_detail(kind, message));
}

fn to_js(detail: &impl Serialize) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    detail.serialize(&serializer).unwrap_or(JsValue::NULL)
}

/// Dispatches a bubbling `CustomEvent` named `name` with `detail` on `target`.
pub fn dispatch(target: &HtmlElement, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// Fires `postview:open` with `detail` on `textarea`; false when a listener canceled it (and
/// took the file's text over).
pub fn fire_open(textarea: &HtmlElement, detail: &OpenDetail) -> bool {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_detail(&to_js(detail));
    match CustomEvent::new_with_event_init_dict(OPEN_EVENT, &init) {
        Ok(event) => textarea.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

thread_local! {
    /// The page's `performance`, found once: `web_sys::window()` searches the global scope on
    /// every call, and timings are taken several times a keystroke.
    static PERFORMANCE: Option<web_sys::Performance> = web_sys::window().and_then(|w| w.performance());
}

/// Milliseconds since the page started, for timings.
pub fn now() -> f64 {
    PERFORMANCE.with(|performance| performance.as_ref().map_or(0.0, web_sys::Performance::now))
}
