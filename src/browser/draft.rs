//! Drafts: the editor's text kept in localStorage as the author types (off the keystroke path, on
//! a short timer), restored on the next visit, never silently written over by or over another
//! tab's, and a persistent warning whenever it cannot be kept.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BeforeUnloadEvent, Event, Storage, StorageEvent, VisibilityState};

use super::crash::Listener;
use super::draft_store::{self, Stamp, StorageProblem, StoredDraft};
use super::editor::{Editor, EditorError, Subscription};
use super::later::{dispatch_later, Later};
use super::notices::{Notices, Topic, ACTION};

/// Quiet time after the last keystroke before the draft is stored.
const SAVE_AFTER_QUIET_MS: f64 = 400.0;
/// Typing without pause still stores the draft this often.
const SAVE_AT_LEAST_EVERY_MS: f64 = 2000.0;

/// The event the save timer sends the alert area (through the DOM: see `later`).
const SAVE_DUE: &str = "postview:draft-save-due";

const LOAD_THEIRS: &str = "load-other-tab";
const KEEP_MINE: &str = "keep-mine";

/// `draft` in `mount`'s options.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct DraftOptions {
    /// The localStorage key; one key is one draft (its text is stored under `<key>:text`).
    /// Default: `postview:draft`.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub key: String,
    /// Put the stored draft in the editor when it differs from the editor's text. Default: true.
    /// False keeps the editor's text and stores it over a stored draft that differs (with none
    /// stored, the text is stored once the author edits it): for mounting again over text the
    /// author is still editing (after a crash, or on another editor), which is newer than any
    /// stored draft.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub restore: bool,
}

impl DraftOptions {
    /// The names JavaScript may use (checked at the boundary, as for `RenderOptions::KEYS`).
    pub const KEYS: &'static [&'static str] = &["key", "restore"];
}

impl Default for DraftOptions {
    fn default() -> Self {
        DraftOptions { key: "postview:draft".into(), restore: true }
    }
}

/// Keeps one editor's draft until [`Drafts::destroy`], whether or not the handle is kept.
pub struct Drafts {
    state: Rc<RefCell<State>>,
}

struct State {
    editor: Editor,
    storage: Result<Storage, StorageProblem>,
    key: String,
    tab: String,
    notices: Notices,
    /// The revision this tab's text builds on: the last one it stored or loaded.
    base_revision: u32,
    /// Edits made since the text was last stored.
    unstored: bool,
    /// When the oldest unstored edit was made (`Date.now()`), for the at-least-every limit.
    unstored_since: Option<f64>,
    save_timer: Option<Later>,
    /// The last save failed, and the warning says so.
    failed: bool,
    /// Another tab's newer draft, waiting for the author to choose between it and this tab's.
    conflict: Option<StoredDraft>,
    /// True while this module itself replaces the editor's text: that is not an edit.
    replacing: bool,
    listeners: Vec<Listener>,
    /// The editor's changes (the textarea's `input` events, or the adapter's reports).
    edits: Option<Subscription>,
}

impl Drafts {
    /// Restores the draft under the key into `editor` (when there is one and it differs), then
    /// keeps storing the editor's text as it changes. Fails when an adapter's `listen` does.
    pub fn start(editor: Editor, options: DraftOptions, notices: Notices) -> Result<Drafts, EditorError> {
        let mut state = State {
            editor,
            storage: draft_store::local_storage(),
            key: options.key.clone(),
            tab: new_tab_id(),
            notices,
            base_revision: 0,
            unstored: false,
            unstored_since: None,
            save_timer: None,
            failed: false,
            conflict: None,
            replacing: false,
            listeners: vec![],
            edits: None,
        };
        state.restore(options.restore);
        let state = Rc::new(RefCell::new(state));
        let edits = {
            let (editor, state) = (state.borrow().editor.clone(), Rc::clone(&state));
            editor.listen_for_changes(move || on_edit(&state))?
        };
        let listeners = listen(&state);
        let mut s = state.borrow_mut();
        s.listeners = listeners;
        s.edits = Some(edits);
        drop(s);
        Ok(Drafts { state })
    }

    /// Stores what is not stored yet, then stops.
    pub fn destroy(self) {
        let (listeners, edits) = {
            let mut state = self.state.borrow_mut();
            state.store_now();
            state.save_timer = None;
            (std::mem::take(&mut state.listeners), state.edits.take())
        };
        drop(listeners);
        drop(edits);
    }
}

/// The window, document and alert listeners (the editor's changes are heard apart, in
/// `Drafts::start`). Each holds the state (a cycle on purpose, as in the previewer); `destroy`
/// drops them.
fn listen(state: &Rc<RefCell<State>>) -> Vec<Listener> {
    let alert = state.borrow().notices.alert().clone();
    let Some(window) = web_sys::window() else { return vec![] };
    let document = window.document();
    let on = |target: &web_sys::EventTarget, name: &'static str, handle: fn(&Rc<RefCell<State>>, &Event)| {
        let state = Rc::clone(state);
        Listener::new(target, name, move |event| handle(&state, event))
    };
    let mut listeners = vec![
        on(&alert, SAVE_DUE, |state, _| state.borrow_mut().store_now()),
        on(&window, "storage", on_storage),
        on(&window, "pagehide", |state, _| state.borrow_mut().store_now()),
        on(&window, "beforeunload", on_before_unload),
        on(&alert, "click", on_alert_click),
    ];
    if let Some(document) = document {
        listeners.push(on(&document, "visibilitychange", on_visibility_change));
    }
    listeners
}

/// An edit: the draft is stored once the author pauses.
fn on_edit(state: &Rc<RefCell<State>>) {
    let mut s = state.borrow_mut();
    if s.replacing {
        return;
    }
    s.unstored = true;
    let now = js_sys::Date::now();
    let since = *s.unstored_since.get_or_insert(now);
    let delay = SAVE_AFTER_QUIET_MS.min(SAVE_AT_LEAST_EVERY_MS - (now - since)).max(0.0);
    // Replacing the timer cancels the previous one: a burst of keystrokes is one save.
    s.save_timer = dispatch_later(s.notices.alert(), SAVE_DUE, delay as i32).ok();
}

/// Another tab stored something: adopt its newer draft, or ask when this tab has edits of its own.
fn on_storage(state: &Rc<RefCell<State>>, event: &Event) {
    let Some(event) = event.dyn_ref::<StorageEvent>() else { return };
    let theirs = {
        let s = state.borrow();
        if event.key().as_deref() != Some(s.key.as_str()) || !s.is_our_storage(event) {
            return;
        }
        let stamp = match event.new_value().as_deref().and_then(draft_store::parse_stamp) {
            Some(stamp) if s.is_newer_from_another_tab(&stamp) => stamp,
            _ => return,
        };
        // Its text was stored before its stamp: it is there now.
        match s.storage.as_ref().ok().map(|storage| draft_store::with_text(storage, &s.key, stamp)) {
            Some(Ok(Some(theirs))) => theirs,
            _ => return,
        }
    };
    let has_own_edits = state.borrow().unstored;
    if has_own_edits {
        state.borrow_mut().hold_conflict(theirs);
    } else {
        load(state, theirs, "Loaded the newer draft from another tab");
    }
}

fn on_before_unload(state: &Rc<RefCell<State>>, event: &Event) {
    let mut s = state.borrow_mut();
    s.store_now();
    if s.unstored {
        // Both: preventDefault is the standard, returnValue what older Chromium reads.
        event.prevent_default();
        if let Some(event) = event.dyn_ref::<BeforeUnloadEvent>() {
            event.set_return_value("Your latest edits are not stored yet.");
        }
    }
}

fn on_visibility_change(state: &Rc<RefCell<State>>, _: &Event) {
    let hidden =
        web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.visibility_state() == VisibilityState::Hidden);
    if hidden {
        state.borrow_mut().store_now();
    }
}

/// The conflict notice's two buttons.
fn on_alert_click(state: &Rc<RefCell<State>>, event: &Event) {
    let action =
        event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|t| t.get_attribute(ACTION));
    let Some(theirs) = (match action.as_deref() {
        Some(LOAD_THEIRS) | Some(KEEP_MINE) => state.borrow_mut().conflict.take(),
        _ => None,
    }) else {
        return;
    };
    if action.as_deref() == Some(LOAD_THEIRS) {
        state.borrow().notices.clear(Topic::Conflict);
        load(state, theirs, "Loaded the other tab's version");
    } else {
        let mut s = state.borrow_mut();
        s.base_revision = theirs.stamp.revision;
        s.notices.clear(Topic::Conflict);
        s.unstored = true;
        s.store_now();
    }
}

/// Puts another tab's draft in the editor, and tells the previewer (a change reported with the
/// state released: the previewer and this module both hear it; this module ignores it).
fn load(state: &Rc<RefCell<State>>, theirs: StoredDraft, said: &str) {
    let editor = {
        let mut s = state.borrow_mut();
        s.base_revision = theirs.stamp.revision;
        s.unstored = false;
        s.unstored_since = None;
        s.save_timer = None;
        s.replacing = true;
        s.notices.say(said);
        s.editor.clone()
    };
    match editor.set_text_value(&theirs.text) {
        Ok(()) => editor.report_change(),
        Err(message) => cannot_use_editor(&message),
    }
    state.borrow_mut().replacing = false;
}

impl State {
    /// On mount: the stored draft replaces the editor's initial text when they differ, or, when
    /// not `replace`, the editor's text is stored over it. With none stored, nothing is stored
    /// until an edit (a page that mounts again on another editor leaves the sample unstored).
    fn restore(&mut self, replace: bool) {
        let storage = match &self.storage {
            Ok(storage) => storage,
            Err(problem) => return self.warn_cannot_keep(problem.clone()),
        };
        let stored = match draft_store::read(storage, &self.key) {
            Ok(stored) => stored,
            Err(problem) => return self.warn_cannot_keep(problem),
        };
        self.base_revision = stored.as_ref().map_or(0, |draft| draft.stamp.revision);
        let text = match self.editor.text_value() {
            Ok(text) => text,
            Err(message) => return cannot_use_editor(&message),
        };
        match stored {
            Some(draft) if draft.text == text => {}
            Some(draft) if replace => match self.editor.set_text_value(&draft.text) {
                Ok(()) => self.notices.say(&format!("Restored your draft from {}", local_time(draft.stamp.saved_at))),
                Err(message) => cannot_use_editor(&message),
            },
            None => {}
            Some(_) => {
                self.unstored = true;
                self.store_now();
            }
        }
    }

    /// Stores the editor's text now, if it has edits not stored yet and no conflict waits.
    fn store_now(&mut self) {
        self.save_timer = None;
        if !self.unstored || self.conflict.is_some() {
            return;
        }
        let storage = match &self.storage {
            Ok(storage) => storage.clone(),
            Err(problem) => return self.warn_cannot_keep(problem.clone()),
        };
        // The storage event may not have arrived yet: never write over a newer draft unseen.
        if let Ok(Some(stamp)) = draft_store::read_stamp(&storage, &self.key) {
            if self.is_newer_from_another_tab(&stamp) {
                if let Ok(Some(theirs)) = draft_store::with_text(&storage, &self.key, stamp) {
                    return self.hold_conflict(theirs);
                }
            }
        }
        // The text stays a JavaScript string: a long post is not copied into the module and back.
        let text = match self.editor.text_value() {
            Ok(text) => text,
            // Still unstored: leaving the page asks first.
            Err(message) => return cannot_use_editor(&message),
        };
        let stamp = Stamp::new(js_sys::Date::now(), self.tab.clone(), self.base_revision + 1);
        match draft_store::write(&storage, &self.key, &stamp, &text) {
            Ok(()) => self.stored(stamp.revision),
            Err(problem) => self.warn_cannot_keep(problem),
        }
    }

    fn stored(&mut self, revision: u32) {
        self.base_revision = revision;
        self.unstored = false;
        self.unstored_since = None;
        if std::mem::take(&mut self.failed) {
            self.notices.clear(Topic::Storage);
        }
    }

    fn warn_cannot_keep(&mut self, problem: StorageProblem) {
        self.failed = true;
        self.unstored_since = None;
        let warning =
            format!("Your draft could not be saved in this browser ({}): save it as a file.", problem.reason());
        self.notices.warn(Topic::Storage, &warning);
    }

    fn hold_conflict(&mut self, theirs: StoredDraft) {
        self.save_timer = None;
        self.conflict = Some(theirs);
        self.notices.ask(
            Topic::Conflict,
            "This draft was changed in another tab while you were editing it here. Nothing is saved over either version until you choose.",
            &[(LOAD_THEIRS, "Load the other tab's version"), (KEEP_MINE, "Keep mine")],
        );
    }

    fn is_newer_from_another_tab(&self, stamp: &Stamp) -> bool {
        stamp.tab != self.tab && stamp.revision > self.base_revision
    }

    /// A `storage` event also fires for sessionStorage; only localStorage holds drafts.
    fn is_our_storage(&self, event: &StorageEvent) -> bool {
        match (&self.storage, event.storage_area()) {
            (Ok(ours), Some(area)) => JsValue::from(ours.clone()) == JsValue::from(area),
            _ => false,
        }
    }
}

/// An editor adapter failed to give or take the text: nothing is stored or replaced; the
/// console says why (the previewer reports the adapter's failures on the preview as it renders).
fn cannot_use_editor(message: &str) {
    web_sys::console::error_2(&"postview could not keep the draft:".into(), &message.into());
}

/// An id for this mount, different in every tab.
fn new_tab_id() -> String {
    let random = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
    format!("{random:x}-{:x}", js_sys::Date::now() as u64)
}

fn local_time(millis: f64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    String::from(date.to_locale_string("default", &JsValue::UNDEFINED))
}
