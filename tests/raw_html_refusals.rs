//! When raw HTML cannot be sanitized (too much of it, a sanitizer error, no sanitizer at all) it
//! is shown as text, with a notice saying why: never passed through unsanitized.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/dom_rules.rs"]
mod dom_rules;

use std::cell::Cell;

use postview::{
    render_with, RawHtml, RenderOptions, Rendered, Sanitizer, MAX_RAW_HTML_PIECES, MAX_SANITIZED_HTML_BYTES,
};

const ATTACK: &str = "<img src=x onerror=\"__xss('refused')\">";

/// A "sanitizer" that keeps everything and counts its calls: if a refused body reached it, the
/// attack would come out whole.
#[derive(Default)]
struct KeepsEverything {
    calls: Cell<usize>,
}

impl Sanitizer for KeepsEverything {
    fn sanitize(&self, html: &str) -> Result<String, String> {
        self.calls.set(self.calls.get() + 1);
        Ok(html.to_string())
    }
}

struct Fails;

impl Sanitizer for Fails {
    fn sanitize(&self, _html: &str) -> Result<String, String> {
        Err("DOMPurify threw".to_string())
    }
}

fn sanitize_with(source: &str, sanitizer: Option<&dyn Sanitizer>) -> Rendered {
    render_with(source, &RenderOptions { raw_html: RawHtml::Sanitize, ..RenderOptions::default() }, sanitizer)
}

/// The attack is text on the page, and the HTML keeps the DOM rules.
fn assert_shown_as_text(rendered: &Rendered) {
    assert_eq!(dom_rules::violations(&rendered.html), Vec::<String>::new());
    assert!(!dom_rules::element_names(&rendered.html).contains(&"img".to_string()));
    assert!(rendered.html.contains("&lt;img src=x onerror="), "{}", &rendered.html[..200.min(rendered.html.len())]);
}

fn notice(rendered: &Rendered) -> &str {
    let refusals: Vec<&str> =
        rendered.diagnostics.iter().map(|d| d.message.as_str()).filter(|m| m.contains("shown as text")).collect();
    assert_eq!(refusals.len(), 1, "{:?}", rendered.diagnostics);
    refusals[0]
}

#[test]
fn more_pieces_of_raw_html_than_can_be_sanitized_are_too_complex_to_preview_safely() {
    let source = format!("Intro.\n\n{}\n", ATTACK.repeat(MAX_RAW_HTML_PIECES + 1));
    let sanitizer = KeepsEverything::default();
    let rendered = sanitize_with(&source, Some(&sanitizer));
    assert_eq!(sanitizer.calls.get(), 0, "the sanitizer was asked anyway");
    assert_shown_as_text(&rendered);
    assert!(notice(&rendered).starts_with("this post is too complex to preview safely"), "{}", notice(&rendered));
    assert_eq!((rendered.diagnostics[0].line, rendered.diagnostics[0].column), (3, 1));
}

#[test]
fn raw_html_too_long_to_sanitize_is_too_complex_to_preview_safely() {
    // One HTML block of long lines: few pieces of raw HTML, but more HTML than can be sanitized.
    let line = "<span>一行很长的原始 HTML，让这一块超过可以安全预览的大小。</span>".repeat(10);
    let filler = format!("<div>\n{}</div>\n", format!("{line}\n").repeat(MAX_SANITIZED_HTML_BYTES / line.len() + 1));
    let source = format!("{ATTACK}\n\n{filler}");
    let sanitizer = KeepsEverything::default();
    let rendered = sanitize_with(&source, Some(&sanitizer));
    assert_eq!(sanitizer.calls.get(), 0, "the sanitizer was asked anyway");
    assert_shown_as_text(&rendered);
    assert!(notice(&rendered).contains("too complex to preview safely"), "{}", notice(&rendered));
}

#[test]
fn a_long_post_with_a_little_raw_html_is_still_sanitized() {
    let filler = "A paragraph of ordinary text that makes the post long.\n\n".repeat(MAX_SANITIZED_HTML_BYTES / 50);
    let source = format!("{ATTACK}\n\n{filler}");
    let sanitizer = KeepsEverything::default();
    let rendered = sanitize_with(&source, Some(&sanitizer));
    assert_eq!(sanitizer.calls.get(), 1, "only the block with raw HTML is sanitized");
    assert!(rendered.diagnostics.is_empty(), "{:?}", rendered.diagnostics);
}

#[test]
fn exactly_as_many_pieces_as_the_limit_are_still_sanitized() {
    let source = ATTACK.repeat(MAX_RAW_HTML_PIECES);
    let sanitizer = KeepsEverything::default();
    let rendered = sanitize_with(&source, Some(&sanitizer));
    assert_eq!(sanitizer.calls.get(), 1);
    assert!(rendered.diagnostics.is_empty(), "{:?}", rendered.diagnostics);
}

#[test]
fn a_sanitizer_error_shows_raw_html_as_text_with_the_error() {
    let rendered = sanitize_with(&format!("# Title\n\n{ATTACK}\n"), Some(&Fails));
    assert_shown_as_text(&rendered);
    assert_eq!(
        notice(&rendered),
        "the raw HTML could not be sanitized (DOMPurify threw); its raw HTML is shown as text"
    );
}

#[test]
fn without_a_sanitizer_raw_html_is_shown_as_text() {
    let rendered = sanitize_with(&format!("{ATTACK}\n"), None);
    assert_shown_as_text(&rendered);
}

#[test]
fn a_post_without_raw_html_never_reaches_the_sanitizer() {
    let sanitizer = KeepsEverything::default();
    let rendered = sanitize_with("# Title\n\n[a link](https://example.com) and `<code>`.\n", Some(&sanitizer));
    assert_eq!(sanitizer.calls.get(), 0);
    assert!(rendered.html.contains("<h1"));
}
