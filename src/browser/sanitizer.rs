//! The browser's [`Sanitizer`]: DOMPurify with postview's allowlist (sanitizer.js), judging
//! URLs with the same Rust filter that judges Markdown links.

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
    fn create_sanitizer(dompurify: &JsValue, is_safe_url: &Closure<dyn Fn(String, bool) -> bool>) -> Option<Function>;
}

/// DOMPurify, configured once and kept; `None` where there is no DOM to run it on.
pub struct DomPurify {
    sanitize: Option<Function>,
    // The URL filter JavaScript calls back; it must live as long as the sanitizer.
    _is_safe_url: Closure<dyn Fn(String, bool) -> bool>,
}

impl DomPurify {
    pub fn new() -> Self {
        let is_safe_url = Closure::new(|url: String, is_image: bool| {
            url::is_safe(&url, if is_image { UrlUse::Image } else { UrlUse::Link })
        });
        let sanitize = DOMPURIFY.with(|dompurify| create_sanitizer(dompurify, &is_safe_url));
        DomPurify { sanitize, _is_safe_url: is_safe_url }
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
    static SHARED: DomPurify = DomPurify::new();
}

/// Runs `f` with the page's one DOMPurify instance.
pub fn with_sanitizer<R>(f: impl FnOnce(&DomPurify) -> R) -> R {
    SHARED.with(f)
}
