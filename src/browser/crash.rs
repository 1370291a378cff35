//! Surviving a panic or a trap. With `panic = "abort"` a panic traps the WebAssembly instance and
//! leaves it unusable, so the panic hook cleans up while it still can (a trap without a panic,
//! such as running out of memory, is caught at the door every callback goes through, guard.rs,
//! and cleaned up the same way): it removes every event listener this
//! instance added (so nothing calls into the dead instance again), shows what happened in each
//! mounted preview, fires `postview:crash` (and `postview:error`) there, and asks wasm-bindgen
//! to create a fresh instance on the next call. The page then mounts again; the draft lives in the editor, outside
//! the module, and is never touched.

use std::cell::RefCell;
use std::panic::PanicHookInfo;

use super::{events, guard};

use js_sys::Function;
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, AddEventListenerOptions, Event, EventListenerOptions, EventTarget, HtmlElement};

/// The event a preview receives when the module crashed; `detail` is the panic message.
pub const CRASH_EVENT: &str = "postview:crash";

thread_local! {
    /// Its signal is on every listener this instance adds; a crash aborts it, removing them all.
    static LIFELINE: Option<AbortController> = AbortController::new().ok();
    /// The previews mounted now, told when the module crashes.
    static MOUNTED: RefCell<Vec<HtmlElement>> = const { RefCell::new(Vec::new()) };
}

/// Sets the panic hook (once per instance: a re-created instance starts here again).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(on_panic));
}

/// Remembers a mounted preview, to tell it about a crash.
pub fn watch(preview: &HtmlElement) {
    MOUNTED.with_borrow_mut(|mounted| mounted.push(preview.clone()));
}

/// Forgets a preview that was unmounted.
pub fn unwatch(preview: &HtmlElement) {
    MOUNTED.with_borrow_mut(|mounted| mounted.retain(|p| p != preview));
}

/// Removes `element` from its document when this instance crashes (no destructor of ours runs
/// then): the removal is the element's own `remove`, called by the browser as the crash aborts
/// the lifeline, so nothing calls into the dead instance for it.
pub fn remove_on_crash(element: &web_sys::Element) {
    let Ok(remove) = js_sys::Reflect::get(element, &"remove".into()) else { return };
    let Some(remove) = remove.dyn_ref::<Function>() else { return };
    let _ = LIFELINE.try_with(|lifeline| {
        if let Some(lifeline) = lifeline {
            let _ = lifeline.signal().add_event_listener_with_callback("abort", &remove.bind0(element));
        }
    });
}

fn on_panic(info: &PanicHookInfo) {
    console_error_panic_hook::hook(info);
    // The trap that follows the hook is this crash, not another.
    guard::shut_door();
    stop(&panic_message(info));
}

/// A trap or an exception that unwound through a callback (guard.js saw it; no panic hook ran):
/// the instance may be half-updated, so it is given up exactly as after a panic.
pub(super) fn on_trap(message: String) {
    web_sys::console::error_2(
        &"postview stopped: a trap or exception unwound through it:".into(),
        &message.as_str().into(),
    );
    stop(&message);
}

/// Gives up this instance: a fresh one on the next call, no listener of this one left, and every
/// mounted preview told. It runs in an instance that traps or trapped: it takes nothing that may
/// be borrowed already, and gives up quietly on any failure.
fn stop(message: &str) {
    wasm_bindgen::handler::schedule_reinit();
    let _ = LIFELINE.try_with(|lifeline| lifeline.as_ref().map(AbortController::abort));
    let _ = MOUNTED.try_with(|mounted| {
        if let Ok(mounted) = mounted.try_borrow() {
            mounted.iter().for_each(|preview| announce(preview, message));
        }
    });
}

fn panic_message(info: &PanicHookInfo) -> String {
    let payload = info.payload();
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown error");
    match info.location() {
        Some(place) => format!("{text} ({}:{})", place.file(), place.line()),
        None => text.to_string(),
    }
}

/// Replaces the preview's contents with a notice (text, never HTML) and fires [`CRASH_EVENT`].
fn announce(preview: &HtmlElement, message: &str) {
    if let Some(document) = preview.owner_document() {
        if let Ok(notice) = document.create_element("p") {
            notice.set_class_name("postview-crash");
            let _ = notice.set_attribute("role", "alert");
            notice.set_text_content(Some(&format!(
                "The preview stopped because of a bug in postview ({message}). Your text is safe in the editor; \
                 the preview restarts when the page mounts it again."
            )));
            preview.set_text_content(None);
            let _ = preview.append_child(&notice);
        }
    }
    events::dispatch(preview, CRASH_EVENT, &JsValue::from_str(message));
    // The same as `postview:error`, for embedders that listen only to that (plain JS objects:
    // nothing this instance may no longer do).
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"kind".into(), &"crash".into());
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
    events::dispatch(preview, events::ERROR_EVENT, &detail);
}

/// An event listener that lives until it is dropped, or until a crash removes it with all the
/// others (gloo's `EventListener` has no abort signal, hence this one).
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    /// What the browser calls: `_callback` through the door (guard.rs).
    guarded: Function,
    _callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Listens for `kind` events on `target` as they bubble.
    pub fn new(target: &EventTarget, kind: &'static str, callback: impl FnMut(&Event) + 'static) -> Listener {
        Listener::add(target, kind, false, callback)
    }

    /// Listens on the way down, for events that do not bubble (an image's `error`).
    pub fn capturing(target: &EventTarget, kind: &'static str, callback: impl FnMut(&Event) + 'static) -> Listener {
        Listener::add(target, kind, true, callback)
    }

    fn add(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        mut callback: impl FnMut(&Event) + 'static,
    ) -> Listener {
        let callback = Closure::<dyn FnMut(Event)>::new(move |event: Event| callback(&event));
        let options = AddEventListenerOptions::new();
        options.set_capture(capture);
        LIFELINE.with(|lifeline| {
            if let Some(lifeline) = lifeline {
                options.set_signal(&lifeline.signal());
            }
        });
        let guarded = guard::guarded(callback.as_ref().unchecked_ref());
        let _ = target.add_event_listener_with_callback_and_add_event_listener_options(kind, &guarded, &options);
        Listener { target: target.clone(), kind, capture, guarded, _callback: callback }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let options = EventListenerOptions::new();
        options.set_capture(self.capture);
        let _ = self.target.remove_event_listener_with_callback_and_event_listener_options(
            self.kind,
            &self.guarded,
            &options,
        );
    }
}
