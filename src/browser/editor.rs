//! The editor a previewer follows: a `<textarea>`, or an adapter for any other editor
//! (CodeMirror, Monaco, a CMS's own). An adapter only reports (the text, the line at its top,
//! the caret's line, that something changed) and obeys (scroll to a line, put the caret
//! somewhere); what to render, when, and where to scroll is decided here in Rust.

use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::HtmlTextAreaElement;

use super::caret;
use super::crash::Listener;
use super::guard;

#[wasm_bindgen]
extern "C" {
    /// The JavaScript object an embedder passes as `editor` (`EditorAdapter` in postview.d.ts).
    #[derive(Clone)]
    pub type EditorAdapter;

    #[wasm_bindgen(method, structural, catch)]
    fn text(this: &EditorAdapter) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, structural, catch, js_name = topLine)]
    fn top_line(this: &EditorAdapter) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, structural, catch, js_name = scrollToLine)]
    fn scroll_to_line(this: &EditorAdapter, line: f64) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, structural, catch)]
    fn listen(this: &EditorAdapter, notify: &Function) -> Result<JsValue, JsValue>;
}

/// The methods an adapter must have; the others (`caretLine`, `setText`, `setCaret`) are optional.
const REQUIRED: &[&str] = &["text", "topLine", "scrollToLine", "listen"];

/// What an editor reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorEvent {
    /// The text changed (an edit).
    Change,
    /// The caret moved without an edit.
    Caret,
    /// The editor scrolled.
    Scroll,
}

impl EditorEvent {
    fn from_name(name: &str) -> Option<EditorEvent> {
        match name {
            "change" => Some(EditorEvent::Change),
            "caret" => Some(EditorEvent::Caret),
            "scroll" => Some(EditorEvent::Scroll),
            _ => None,
        }
    }
}

/// A `<textarea>` or an adapter.
#[derive(Clone)]
pub enum Editor {
    TextArea(HtmlTextAreaElement),
    Adapter(EditorAdapter),
}

/// What went wrong talking to an adapter, said for `postview:error`.
pub type EditorError = String;

impl Editor {
    /// `value` as an editor: a `<textarea>`, or an object with the adapter's methods.
    pub fn from_js(value: JsValue) -> Result<Editor, String> {
        if let Some(textarea) = value.dyn_ref::<HtmlTextAreaElement>() {
            return Ok(Editor::TextArea(textarea.clone()));
        }
        if !value.is_object() || value.is_instance_of::<web_sys::Element>() {
            return Err("`editor` must be a <textarea> or an editor adapter (an object with text, \
                        topLine, scrollToLine and listen)"
                .into());
        }
        if let Some(missing) = REQUIRED.iter().find(|name| method(&value, name).is_none()) {
            return Err(format!("the editor adapter has no `{missing}` method"));
        }
        Ok(Editor::Adapter(value.unchecked_into()))
    }

    /// The `<textarea>`, when the editor is one.
    pub fn textarea(&self) -> Option<&HtmlTextAreaElement> {
        match self {
            Editor::TextArea(textarea) => Some(textarea),
            Editor::Adapter(_) => None,
        }
    }

    /// The editor's whole text.
    pub fn text(&self) -> Result<String, EditorError> {
        match self {
            Editor::TextArea(textarea) => Ok(textarea.value()),
            Editor::Adapter(adapter) => {
                let text = adapter.text().map_err(|e| failed("text", &e))?;
                text.as_string()
                    .ok_or_else(|| "the editor adapter's text() returned something else than a string".into())
            }
        }
    }

    /// Puts `text` in the editor; an adapter without `setText` is left as it is (the embedder
    /// keeps its editor's text itself).
    pub fn set_text(&self, text: &str) -> Result<(), EditorError> {
        match self {
            Editor::TextArea(textarea) => {
                textarea.set_value(text);
                Ok(())
            }
            Editor::Adapter(adapter) => call_optional(adapter, "setText", &[text.into()]).map(drop),
        }
    }

    /// The 1-based line the caret is on (`source` is the editor's text, when at hand); `None`
    /// when the adapter does not say.
    pub fn caret_line(&self, source: Option<&str>) -> Option<usize> {
        match self {
            Editor::TextArea(textarea) => match source {
                Some(source) => Some(caret::line(textarea, source)),
                None => Some(caret::line(textarea, &textarea.value())),
            },
            Editor::Adapter(adapter) => {
                let line = call_optional(adapter, "caretLine", &[]).ok()??.as_f64()?;
                (line.is_finite() && line >= 1.0).then_some(line as usize)
            }
        }
    }

    /// Puts the caret at 1-based `line` and `column` (characters), which is UTF-16 `offset` in
    /// the text, and focuses the editor.
    pub fn go_to(&self, line: usize, column: usize, offset: u32) -> Result<(), EditorError> {
        match self {
            Editor::TextArea(textarea) => {
                let _ = textarea.focus();
                let _ = textarea.set_selection_range(offset, offset);
                Ok(())
            }
            Editor::Adapter(adapter) => {
                call_optional(adapter, "setCaret", &[(line as f64).into(), (column as f64).into()]).map(drop)
            }
        }
    }

    /// The editor's scroll position: pixels for a `<textarea>`, the 1-based line at its top
    /// (with the fraction of it scrolled past) for an adapter.
    pub fn top(&self) -> Result<f64, EditorError> {
        match self {
            Editor::TextArea(textarea) => Ok(f64::from(textarea.scroll_top())),
            Editor::Adapter(adapter) => {
                let line = adapter.top_line().map_err(|e| failed("topLine", &e))?;
                line.as_f64()
                    .filter(|line| line.is_finite())
                    .ok_or_else(|| "the editor adapter's topLine() returned something else than a number".into())
            }
        }
    }

    /// Scrolls to `top`, in the units of [`Editor::top`]; returns where the editor got to.
    pub fn scroll_to(&self, top: f64) -> Result<f64, EditorError> {
        match self {
            Editor::TextArea(textarea) => textarea.set_scroll_top(top.round() as i32),
            Editor::Adapter(adapter) => {
                adapter.scroll_to_line(top).map_err(|e| failed("scrollToLine", &e))?;
            }
        }
        self.top()
    }

    /// Calls `on` with every change, caret move and scroll of the editor until the returned
    /// subscription is dropped. An adapter's `notify` goes through the door (guard.rs), so after
    /// a crash it does nothing.
    pub fn listen(&self, on: impl Fn(EditorEvent) + 'static) -> Result<Subscription, EditorError> {
        let on = std::rc::Rc::new(on);
        match self {
            Editor::TextArea(textarea) => {
                let listener = |kind: &'static str, event: EditorEvent| {
                    let on = std::rc::Rc::clone(&on);
                    Listener::new(textarea, kind, move |_| on(event))
                };
                Ok(Subscription::Listeners(vec![
                    listener("input", EditorEvent::Change),
                    // The caret moves without an edit on keys and clicks.
                    listener("keyup", EditorEvent::Caret),
                    listener("mouseup", EditorEvent::Caret),
                    listener("scroll", EditorEvent::Scroll),
                ]))
            }
            Editor::Adapter(adapter) => {
                let notify = Closure::<dyn Fn(JsValue)>::new(move |what: JsValue| {
                    // Anything else than a known name is taken as a change: rendering once more
                    // is harmless, missing an edit is not.
                    let event = what.as_string().and_then(|name| EditorEvent::from_name(&name));
                    on(event.unwrap_or(EditorEvent::Change));
                });
                let guarded = guard::guarded(notify.as_ref().unchecked_ref());
                let stop = adapter.listen(&guarded).map_err(|e| failed("listen", &e))?;
                Ok(Subscription::Adapter { stop: stop.dyn_into().ok(), _notify: notify })
            }
        }
    }
}

/// An editor's reports, until dropped.
pub enum Subscription {
    Listeners(Vec<Listener>),
    Adapter {
        /// What the adapter's `listen` returned: called on drop to stop reporting.
        stop: Option<Function>,
        _notify: Closure<dyn Fn(JsValue)>,
    },
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Subscription::Adapter { stop: Some(stop), .. } = self {
            let _ = stop.call0(&JsValue::UNDEFINED);
        }
    }
}

/// `object[name]` when it is a function.
fn method(object: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(object, &name.into()).ok()?.dyn_into().ok()
}

/// Calls the adapter's optional method `name`: `Ok(None)` when it has none.
fn call_optional(adapter: &EditorAdapter, name: &str, args: &[JsValue]) -> Result<Option<JsValue>, EditorError> {
    let Some(function) = method(adapter, name) else { return Ok(None) };
    let args: js_sys::Array = args.iter().collect();
    function.apply(adapter, &args).map(Some).map_err(|e| failed(name, &e))
}

fn failed(method: &str, error: &JsValue) -> EditorError {
    let why = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "an exception".into());
    format!("the editor adapter's {method}() failed: {why}")
}
