//! Fuzz target: the whole render path (front matter, Markdown, the raw-HTML policy) on any
//! bytes, under every option set. A panic, a hang or a stack overflow is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postview::{render_with, Flavor, RawHtml, RenderOptions, Sanitizer};

/// Stands in for DOMPurify (which needs a browser): refuses some HTML, so that both the
/// sanitized and the refused paths run.
struct PickySanitizer;

impl Sanitizer for PickySanitizer {
    fn sanitize(&self, html: &str) -> Result<String, String> {
        if html.len() % 3 == 0 {
            Err("refused".to_string())
        } else {
            Ok(html.to_string())
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options; the rest is the post (lossy, as JavaScript would
    // hand over a string with invalid UTF-8 replaced).
    let Some((&choice, rest)) = data.split_first() else { return };
    let flavor = if choice & 1 == 0 { Flavor::Post } else { Flavor::CommonMark };
    let raw_html = [RawHtml::Escape, RawHtml::Sanitize, RawHtml::Trust][usize::from(choice >> 1) % 3];
    let cjk_friendly_emphasis = [None, Some(false), Some(true)][usize::from(choice >> 3) % 3];
    let source = String::from_utf8_lossy(rest);
    let rendered =
        render_with(&source, &RenderOptions { flavor, raw_html, cjk_friendly_emphasis }, Some(&PickySanitizer));
    for diagnostic in &rendered.diagnostics {
        assert!(diagnostic.line >= 1 && diagnostic.column >= 1);
    }
});
