//! The door every callback from the browser goes through (guard.js): after a panic or a trap it
//! stays shut, so no listener, frame or promise ever calls into a dead instance; a trap through it
//! (which Rust's panic hook never sees) is reported as a crash. The exports an embedder calls
//! (`render()`, `mount()`…) do their work through it too, with [`call`]. And animation frames
//! and promise continuations that go through it: postview runs no future of its own
//! (`spawn_local`'s executor would call into the instance outside the door).

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/browser/guard.js")]
extern "C" {
    #[wasm_bindgen(js_name = createDoor)]
    fn create_door(on_crash: &JsValue) -> JsValue;
    fn shut(door: &JsValue);
    fn through(door: &JsValue, callback: &Function) -> Function;
    /// Throws instead of calling when the door is shut, and rethrows what `callback` threw.
    #[wasm_bindgen(js_name = callThrough)]
    fn call_through(door: &JsValue, callback: &mut dyn FnMut());
    #[wasm_bindgen(js_name = whenSettled)]
    fn when_settled_through(door: &JsValue, promise: &Promise, callback: JsValue);
}

thread_local! {
    /// This instance's door; what crosses it when a callback throws is `super::crash::on_trap`.
    static DOOR: JsValue = create_door(&Closure::<dyn Fn(String)>::new(super::crash::on_trap).into_js_value());
}

/// `callback`, as the browser should call it: only while this instance is alive.
pub fn guarded(callback: &Function) -> Function {
    DOOR.with(|door| through(door, callback))
}

/// Shuts the door: called by the panic hook, before the instance traps.
pub fn shut_door() {
    let _ = DOOR.try_with(shut);
}

/// Runs `work` now, through the door: the body of every export an embedder calls. A trap in it
/// (an abort, running out of memory) then stops this instance as a panic does (every mounted
/// preview told, a fresh instance on the next call) instead of leaving it half-updated for the
/// next call; the embedder still gets the `WebAssembly.RuntimeError`. The JavaScript frame in
/// between costs a call, not a copy: `work` is a closure on this stack.
pub fn call<T>(work: impl FnOnce() -> T) -> T {
    let mut work = Some(work);
    let mut result = None;
    DOOR.with(|door| call_through(door, &mut || result = work.take().map(|work| work())));
    // `callThrough` either ran `work` or threw, unwinding past this frame: never `None`.
    result.unwrap_or_else(|| std::process::abort())
}

/// Calls `callback` once `promise` settles, with `Ok(value)` or `Err(reason)`, through the door:
/// never after a crash. (A promise that never settles keeps its callback: one small leak.)
pub fn when_settled(promise: &Promise, callback: impl FnOnce(Result<JsValue, JsValue>) + 'static) {
    let callback = Closure::once_into_js(move |fulfilled: bool, value: JsValue| {
        callback(if fulfilled { Ok(value) } else { Err(value) })
    });
    DOOR.with(|door| when_settled_through(door, promise, callback));
}

/// A callback on the next animation frame, through the door; dropping it cancels it.
pub struct Frame {
    handle: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Frame {
    pub fn next(callback: impl FnOnce() + 'static) -> Frame {
        let mut callback = Some(callback);
        let closure = Closure::<dyn FnMut()>::new(move || {
            if let Some(callback) = callback.take() {
                callback();
            }
        });
        let handle = web_sys::window()
            .and_then(|window| window.request_animation_frame(&guarded(closure.as_ref().unchecked_ref())).ok())
            .unwrap_or(0);
        Frame { handle, _callback: closure }
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.cancel_animation_frame(self.handle);
        }
    }
}
