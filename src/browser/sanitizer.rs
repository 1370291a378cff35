//! The browser's [`Sanitizer`]: DOMPurify with postview's allowlist (sanitizer.js), judging
//! URLs with the same Rust filter that judges Markdown links. It runs on the page's DOM, or on
//! the window given to [`sanitize_on`] (jsdom's in Node).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Function;
use wasm_bindgen::prelude::*;

use crate::markdown::url::{self, UrlUse};
use crate::Sanitizer;

// DOMPurify from npm, copied to vendor/ by build.rs, shipped in the package's snippets.
#[wasm_bindgen(module = "/vendor/dompurify.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = default)]
    static DOMPURIFY: JsValue;
}

#[wasm_bindgen(module = "/src/browser/sanitizer.js")]
extern "C" {
    #[wasm_bindgen(js_name = createSanitizer)]
    fn create_sanitizer(
        dompurify: &JsValue,
        window: &JsValue,
        is_safe_url: &Closure<dyn Fn(String, bool) -> bool>,
    ) -> Option<Function>;
}

/// DOMPurify, configured once and kept; `None` where there is no DOM to run it on.
pub struct DomPurify {
    sanitize: Option<Function>,
    /// The window it runs on; `undefined` for the page's.
    window: JsValue,
    // The URL filter JavaScript calls back; it must live as long as the sanitizer.
    _is_safe_url: Closure<dyn Fn(String, bool) -> bool>,
}

impl DomPurify {
    /// DOMPurify on the page's DOM.
    pub fn new() -> Self {
        Self::on(&JsValue::UNDEFINED)
    }

    /// DOMPurify on `window`'s DOM (the page's when `undefined`).
    pub fn on(window: &JsValue) -> Self {
        let is_safe_url = Closure::new(|url: String, is_image: bool| {
            url::is_safe(&url, if is_image { UrlUse::Image } else { UrlUse::Link })
        });
        let sanitize = DOMPURIFY.with(|dompurify| create_sanitizer(dompurify, window, &is_safe_url));
        DomPurify { sanitize, window: window.clone(), _is_safe_url: is_safe_url }
    }
}

impl Default for DomPurify {
    fn default() -> Self {
        Self::new()
    }
}

impl Sanitizer for DomPurify {
    fn sanitize(&self, html: &str) -> Result<String, String> {
        let Some(sanitize) = &self.sanitize else {
            return Err("there is no HTML sanitizer without a DOM".to_string());
        };
        let result = sanitize.call1(&JsValue::NULL, &JsValue::from_str(html)).map_err(|error| {
            error.dyn_ref::<js_sys::Error>().map_or_else(|| format!("{error:?}"), |e| String::from(e.message()))
        })?;
        result.as_string().ok_or_else(|| "the sanitizer returned no text".to_string())
    }
}

thread_local! {
    static SHARED: RefCell<Rc<DomPurify>> = RefCell::new(Rc::new(DomPurify::new()));
}

/// Runs `f` with the one DOMPurify instance (the page's, or the one [`sanitize_on`] set).
pub fn with_sanitizer<R>(f: impl FnOnce(&DomPurify) -> R) -> R {
    let shared = SHARED.with(|shared| Rc::clone(&shared.borrow()));
    f(&shared)
}

/// Traps (an abort, no panic) while the shared sanitizer is borrowed, leaving the instance as a
/// trap in the middle of a render would: its next render would fail on the borrow. For
/// `__trapNowForTesting`, to test that such an instance is replaced; not for anything else.
pub fn trap_while_in_use() {
    SHARED.with(|shared| {
        let _in_use = shared.borrow_mut();
        std::process::abort()
    })
}

/// Sanitizes on `window`'s DOM from now on, for every render and previewer; an error, and
/// nothing changed, when DOMPurify cannot run on it. Nothing to do, and cheap, when it already
/// does (Node's entry calls it before each render: an instance re-created after a panic starts
/// without it).
pub fn sanitize_on(window: &JsValue) -> Result<(), String> {
    if SHARED.with(|shared| shared.borrow().window == *window) {
        return Ok(());
    }
    let dompurify = DomPurify::on(window);
    if dompurify.sanitize.is_none() {
        return Err("DOMPurify cannot run on that window (no DOM)".to_string());
    }
    SHARED.with(|shared| *shared.borrow_mut() = Rc::new(dompurify));
    Ok(())
}
