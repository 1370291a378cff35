//! Timers that call back through the DOM, never straight into WebAssembly: the timer dispatches
//! an event (or calls a browser function) bound in advance. A crash removes every listener this
//! instance added (see `crash`), so a timer set before a crash never calls into a dead instance.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, EventTarget, Window};

/// A pending timer; dropping it cancels it, unless it was [`Later::detach`]ed.
pub struct Later {
    window: Window,
    handle: Option<i32>,
}

impl Later {
    /// Lets the timer run whatever happens to this handle.
    pub fn detach(mut self) {
        self.handle = None;
    }
}

impl Drop for Later {
    fn drop(&mut self) {
        if let Some(handle) = self.handle {
            self.window.clear_timeout_with_handle(handle);
        }
    }
}

/// Dispatches a fresh `event_name` event on `target` after `millis`.
pub fn dispatch_later(target: &EventTarget, event_name: &str, millis: i32) -> Result<Later, JsValue> {
    let dispatch: Function = Reflect::get(target, &"dispatchEvent".into())?.dyn_into()?;
    let event: JsValue = Event::new(event_name)?.into();
    call_later(&dispatch.bind1(target, &event).unchecked_into(), millis)
}

/// Calls `function` (already bound to its arguments) after `millis`.
pub fn call_later(function: &Function, millis: i32) -> Result<Later, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let handle = window.set_timeout_with_callback_and_timeout_and_arguments_0(function, millis)?;
    Ok(Later { window, handle: Some(handle) })
}
