//! The editor a previewer follows: a `<textarea>`, or an adapter for any other editor
//! (CodeMirror, Monaco, a CMS's own). An adapter only reports (the text, the line at its top,
//! the caret's line, that something changed) and obeys (scroll to a line, put the caret
//! somewhere); what to render, when, and where to scroll is decided here in Rust.
//!
//! Everything postview runs on one editor (the previewer, drafts, files) hears its reports
//! through [`Editor::listen`]: a textarea's events, or the adapter's one `listen` subscription
//! shared by all of them (an adapter's `listen` is called once however many listen here).
//!
//! An adapter may report each change with the edit it made (`notify('change', { from, to,
//! insert })`, UTF-16 offsets into the text before it). Once it has, postview keeps the text it
//! last read from the adapter with the reported edits applied, and reads that copy instead of
//! copying the whole text out of the adapter again (at 1 MB, the copy into the module was the
//! largest part of a keystroke's cost that grows with the text). A change reported without its
//! edit, or with one that does not fit the copy, drops the copy: the next read is the adapter's.
//! A textarea reports no edits; its text as last read is kept too, and a read copies into the
//! module only what changed since (`textarea_text`).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Function, Reflect};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::{Event, HtmlTextAreaElement};

use super::caret;
use super::crash::Listener;
use super::guard;
use super::textarea_text::TextAreaText;

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

/// A `<textarea>` (with its text as last read) or an adapter.
#[derive(Clone)]
pub enum Editor {
    TextArea(HtmlTextAreaElement, Rc<TextAreaText>),
    Adapter(Adapter),
}

/// An editor adapter, with the reports everything postview runs on it shares.
#[derive(Clone)]
pub struct Adapter {
    js: EditorAdapter,
    reports: Rc<Reports>,
    /// Its `textReadyOnChange`: `text()` already gives the new text when it reports a change.
    text_ready_on_change: bool,
}

/// One who hears an adapter's reports, and its number (to stop hearing).
type Hearer = (u32, Rc<dyn Fn(EditorEvent)>);

/// The adapter's subscription: what its `listen` returned (called to stop it), and the `notify`
/// it was given.
struct AdapterSubscription {
    stop: Option<Function>,
    _notify: Closure<dyn Fn(JsValue, JsValue)>,
}

/// The edit an adapter may report with a change: `insert` in place of `from`..`to`, UTF-16
/// offsets into the text before it (`TextChange` in postview.d.ts).
#[derive(Deserialize)]
pub struct TextChange {
    pub from: u32,
    pub to: u32,
    pub insert: String,
}

/// One adapter's reports: heard once (its `listen`), passed on to every hearer.
#[derive(Default)]
pub struct Reports {
    hearers: RefCell<Vec<Hearer>>,
    next_id: Cell<u32>,
    /// While anyone hears.
    subscription: RefCell<Option<AdapterSubscription>>,
    /// True while postview itself puts text in the editor: the change the adapter reports then
    /// is not an edit, and whoever put the text in says what it is (see [`Editor::set_text`]).
    quiet: Cell<bool>,
    /// Whether the adapter has reported a change with its edit: then its text is kept in `text`.
    reports_edits: Cell<bool>,
    /// The adapter's text as last read, with the edits it reported since applied; `None` when
    /// not known (not read yet, or a change came without its edit).
    text: RefCell<Option<String>>,
    /// A place in `text` known both as a UTF-16 offset and as a byte offset: the start of the
    /// last edit applied. The next edit is looked for from there, not from the text's start
    /// (typing in the middle of 1 MB: about 2 ms a keystroke, counting from the start).
    place: Cell<(u32, usize)>,
}

impl Reports {
    /// Applies the change the adapter reported (`change`: its edit, or anything else when it
    /// gave none) to the text kept for it.
    fn follow(&self, change: &JsValue) {
        let edit = match change.is_object() {
            true => serde_wasm_bindgen::from_value::<TextChange>(change.clone()).ok(),
            false => None,
        };
        let mut kept = self.text.borrow_mut();
        let Some(edit) = edit else {
            *kept = None;
            return;
        };
        self.reports_edits.set(true);
        let applied = kept.as_mut().is_some_and(|text| match byte_range(text, self.place.get(), edit.from, edit.to) {
            Some(range) => {
                // The text before the edit is as it was: its start is still that place.
                self.place.set((edit.from, range.start));
                text.replace_range(range, &edit.insert);
                true
            }
            None => false,
        });
        if !applied {
            *kept = None;
        }
    }

    /// Passes `event` to every hearer (a copy of the list: a hearer may stop hearing meanwhile).
    fn tell(&self, event: EditorEvent) {
        let hearers: Vec<_> = self.hearers.borrow().iter().map(|(_, hear)| Rc::clone(hear)).collect();
        for hear in hearers {
            hear(event);
        }
    }
}

/// What went wrong talking to an adapter, said for `postview:error`.
pub type EditorError = String;

impl Editor {
    /// `value` as an editor: a `<textarea>`, or an object with the adapter's methods.
    pub fn from_js(value: JsValue) -> Result<Editor, String> {
        if let Some(textarea) = value.dyn_ref::<HtmlTextAreaElement>() {
            return Ok(Editor::TextArea(textarea.clone(), Rc::default()));
        }
        if !value.is_object() || value.is_instance_of::<web_sys::Element>() {
            return Err("`editor` must be a <textarea> or an editor adapter (an object with text, \
                        topLine, scrollToLine and listen)"
                .into());
        }
        if let Some(missing) = REQUIRED.iter().find(|name| method(&value, name).is_none()) {
            return Err(format!("the editor adapter has no `{missing}` method"));
        }
        let text_ready_on_change =
            Reflect::get(&value, &"textReadyOnChange".into()).is_ok_and(|ready| ready.as_bool() == Some(true));
        Ok(Editor::Adapter(Adapter { js: value.unchecked_into(), reports: Rc::default(), text_ready_on_change }))
    }

    /// Whether postview can replace the editor's text, as drafts and files do: a textarea, or an
    /// adapter with `setText`; else why not.
    pub fn check_replaceable(&self) -> Result<(), String> {
        match self {
            Editor::Adapter(adapter) if method(&adapter.js, "setText").is_none() => {
                Err("the editor adapter has no `setText` method, which `draft` and `files` need: they \
                     replace the editor's text (a restored draft, an opened file)"
                    .into())
            }
            _ => Ok(()),
        }
    }

    /// Whether the editor's text can be read as soon as it reports a change (a textarea's can;
    /// an adapter's when it says so), so that a change may be rendered then rather than on the
    /// next frame.
    pub fn text_ready_on_change(&self) -> bool {
        match self {
            Editor::TextArea(_, _) => true,
            Editor::Adapter(adapter) => adapter.text_ready_on_change,
        }
    }

    /// The `<textarea>`, when the editor is one.
    pub fn textarea(&self) -> Option<&HtmlTextAreaElement> {
        match self {
            Editor::TextArea(textarea, _) => Some(textarea),
            Editor::Adapter(_) => None,
        }
    }

    /// The editor's whole text.
    pub fn text(&self) -> Result<String, EditorError> {
        match self {
            Editor::TextArea(textarea, last) => {
                last.read(value_of(textarea)?).ok_or_else(|| EditorError::from("the textarea's value is not a string"))
            }
            Editor::Adapter(adapter) => {
                let reports = &adapter.reports;
                if let Some(text) = reports.text.borrow().as_ref() {
                    return Ok(text.clone());
                }
                let text = adapter.js.text().map_err(|e| failed("text", &e))?;
                let text = text.as_string().ok_or_else(|| {
                    EditorError::from("the editor adapter's text() returned something else than a string")
                })?;
                if reports.reports_edits.get() {
                    *reports.text.borrow_mut() = Some(text.clone());
                    reports.place.set((0, 0));
                }
                Ok(text)
            }
        }
    }

    /// The editor's whole text as the JavaScript string it is, for handing on to other
    /// JavaScript (storage) without a copy into the module and back.
    pub fn text_value(&self) -> Result<JsValue, EditorError> {
        let text = match self {
            Editor::TextArea(textarea, _) => value_of(textarea)?,
            Editor::Adapter(adapter) => adapter.js.text().map_err(|e| failed("text", &e))?,
        };
        match text.is_string() {
            true => Ok(text),
            false => Err("the editor adapter's text() returned something else than a string".into()),
        }
    }

    /// Puts `text` in the editor; an adapter without `setText` is left as it is (the embedder
    /// keeps its editor's text itself). It is not an edit: no one listening here hears of it (a
    /// textarea fires no `input` for it; a change the adapter reports meanwhile is not passed
    /// on). [`Editor::report_change`] tells them when it should count as one.
    pub fn set_text(&self, text: &str) -> Result<(), EditorError> {
        self.set_text_value(&text.into())
    }

    /// [`Editor::set_text`] with a JavaScript string, handed to the editor as it is.
    pub fn set_text_value(&self, text: &JsValue) -> Result<(), EditorError> {
        match self {
            Editor::TextArea(textarea, _) => {
                Reflect::set(textarea, &"value".into(), text).map_err(|e| failed("value", &e))?;
                Ok(())
            }
            Editor::Adapter(adapter) => {
                adapter.reports.quiet.set(true);
                let set = call_optional(&adapter.js, "setText", std::slice::from_ref(text));
                adapter.reports.quiet.set(false);
                // Read again next time (an adapter without `setText` keeps its own text).
                *adapter.reports.text.borrow_mut() = None;
                set.map(drop)
            }
        }
    }

    /// Tells everyone listening to the editor that its text changed, as an edit does: a
    /// textarea's `input` event, or a change passed to the adapter's hearers.
    pub fn report_change(&self) {
        match self {
            Editor::TextArea(textarea, _) => {
                if let Ok(input) = Event::new("input") {
                    let _ = textarea.dispatch_event(&input);
                }
            }
            Editor::Adapter(adapter) => adapter.reports.tell(EditorEvent::Change),
        }
    }

    /// The 1-based line the caret is on (`source` is the editor's text, when at hand); `None`
    /// when the adapter does not say.
    pub fn caret_line(&self, source: Option<&str>) -> Option<usize> {
        match self {
            Editor::TextArea(textarea, _) => match source {
                Some(source) => Some(caret::line(textarea, source)),
                None => Some(caret::line(textarea, &self.text().ok()?)),
            },
            Editor::Adapter(adapter) => {
                let line = call_optional(&adapter.js, "caretLine", &[]).ok()??.as_f64()?;
                (line.is_finite() && line >= 1.0).then_some(line as usize)
            }
        }
    }

    /// Puts the caret at 1-based `line` and `column` (characters), which is UTF-16 `offset` in
    /// the text, and focuses the editor.
    pub fn go_to(&self, line: usize, column: usize, offset: u32) -> Result<(), EditorError> {
        match self {
            Editor::TextArea(textarea, _) => {
                let _ = textarea.focus();
                let _ = textarea.set_selection_range(offset, offset);
                Ok(())
            }
            Editor::Adapter(adapter) => {
                call_optional(&adapter.js, "setCaret", &[(line as f64).into(), (column as f64).into()]).map(drop)
            }
        }
    }

    /// The editor's scroll position: pixels for a `<textarea>`, the 1-based line at its top
    /// (with the fraction of it scrolled past) for an adapter.
    pub fn top(&self) -> Result<f64, EditorError> {
        match self {
            Editor::TextArea(textarea, _) => Ok(f64::from(textarea.scroll_top())),
            Editor::Adapter(adapter) => {
                let line = adapter.js.top_line().map_err(|e| failed("topLine", &e))?;
                line.as_f64()
                    .filter(|line| line.is_finite())
                    .ok_or_else(|| "the editor adapter's topLine() returned something else than a number".into())
            }
        }
    }

    /// Scrolls to `top`, in the units of [`Editor::top`]; returns where the editor got to.
    pub fn scroll_to(&self, top: f64) -> Result<f64, EditorError> {
        match self {
            Editor::TextArea(textarea, _) => textarea.set_scroll_top(top.round() as i32),
            Editor::Adapter(adapter) => {
                adapter.js.scroll_to_line(top).map_err(|e| failed("scrollToLine", &e))?;
            }
        }
        self.top()
    }

    /// Calls `on` with every change, caret move and scroll of the editor until the returned
    /// subscription is dropped. An adapter's `listen` is called by the first to listen here, and
    /// what it returned once the last has stopped; its `notify` goes through the door
    /// (guard.rs), so after a crash it does nothing.
    pub fn listen(&self, on: impl Fn(EditorEvent) + 'static) -> Result<Subscription, EditorError> {
        let on = Rc::new(on);
        match self {
            Editor::TextArea(textarea, _) => {
                let listener = |kind: &'static str, event: EditorEvent| {
                    let on = Rc::clone(&on);
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
                let reports = &adapter.reports;
                if reports.subscription.borrow().is_none() {
                    *reports.subscription.borrow_mut() = Some(subscribe(adapter)?);
                }
                let id = reports.next_id.get();
                reports.next_id.set(id.wrapping_add(1));
                reports.hearers.borrow_mut().push((id, on));
                Ok(Subscription::Adapter { reports: Rc::clone(reports), id })
            }
        }
    }

    /// Calls `on` after every change of the editor's text (not its caret moves or scrolls).
    pub fn listen_for_changes(&self, on: impl Fn() + 'static) -> Result<Subscription, EditorError> {
        match self {
            Editor::TextArea(textarea, _) => {
                Ok(Subscription::Listeners(vec![Listener::new(textarea, "input", move |_| on())]))
            }
            Editor::Adapter(_) => self.listen(move |event| {
                if event == EditorEvent::Change {
                    on();
                }
            }),
        }
    }
}

/// A textarea's `value` as the JavaScript string it is (not copied into the module).
fn value_of(textarea: &HtmlTextAreaElement) -> Result<JsValue, EditorError> {
    Reflect::get(textarea, &"value".into()).map_err(|e| failed("value", &e))
}

/// Calls the adapter's `listen` with a `notify` that passes what it reports to the hearers.
fn subscribe(adapter: &Adapter) -> Result<AdapterSubscription, EditorError> {
    // Weak: the reports hold this closure.
    let reports: Weak<Reports> = Rc::downgrade(&adapter.reports);
    let notify = Closure::<dyn Fn(JsValue, JsValue)>::new(move |what: JsValue, change: JsValue| {
        let Some(reports) = reports.upgrade() else { return };
        // Anything else than a known name is taken as a change: rendering once more is
        // harmless, missing an edit is not.
        let event = what.as_string().and_then(|name| EditorEvent::from_name(&name)).unwrap_or(EditorEvent::Change);
        if event == EditorEvent::Change && !reports.quiet.get() {
            reports.follow(&change);
        }
        if !(event == EditorEvent::Change && reports.quiet.get()) {
            reports.tell(event);
        }
    });
    let guarded = guard::guarded(notify.as_ref().unchecked_ref());
    let stop = adapter.js.listen(&guarded).map_err(|e| failed("listen", &e))?;
    Ok(AdapterSubscription { stop: stop.dyn_into().ok(), _notify: notify })
}

/// The byte range in `text` of UTF-16 offsets `from`..`to`, looked for from `place` (a UTF-16
/// offset and the byte offset of the same place); `None` when either is past the end or inside
/// a character, or `from` is after `to`.
fn byte_range(text: &str, place: (u32, usize), from: u32, to: u32) -> Option<std::ops::Range<usize>> {
    if from > to {
        return None;
    }
    let (mut units, mut at) = match place {
        (units, at) if text.is_char_boundary(at) => (units, at),
        _ => (0, 0),
    };
    // Back to a place at or before `from`.
    for c in text[..at].chars().rev() {
        if units <= from {
            break;
        }
        units -= c.len_utf16() as u32;
        at -= c.len_utf8();
    }
    let mut start = None;
    // The end of the text, as a place, after its characters.
    for (offset, c) in text[at..].char_indices().map(|(offset, c)| (at + offset, c)).chain([(text.len(), '\0')]) {
        if units == from {
            start = Some(offset);
        }
        if units == to {
            return start.map(|start| start..offset);
        }
        if units > to {
            return None;
        }
        units += c.len_utf16() as u32;
    }
    None
}

/// An editor's reports to one hearer, until dropped.
pub enum Subscription {
    Listeners(Vec<Listener>),
    Adapter { reports: Rc<Reports>, id: u32 },
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let Subscription::Adapter { reports, id } = self else { return };
        reports.hearers.borrow_mut().retain(|(hearer, _)| hearer != id);
        if !reports.hearers.borrow().is_empty() {
            return;
        }
        // The last hearer: the adapter stops reporting.
        let subscription = reports.subscription.borrow_mut().take();
        if let Some(AdapterSubscription { stop: Some(stop), .. }) = &subscription {
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
