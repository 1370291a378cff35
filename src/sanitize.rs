//! Raw HTML under the `sanitize` policy: handed, with the body around it, to a well-kept
//! sanitizer (DOMPurify in the browser), and only when the body holds raw HTML at all.

use crate::markdown::{self, Body};
use crate::options::{RawHtml, RenderOptions};

/// Something that turns HTML into HTML holding only an allowlist of harmless tags and
/// attributes, or says why it could not.
pub trait Sanitizer {
    fn sanitize(&self, html: &str) -> Result<String, String>;
}

/// More pieces of raw HTML than this are not sanitized but shown as text: sanitizing is work
/// for the browser's parser on the main thread, and no real post comes near it.
pub const MAX_RAW_HTML_PIECES: usize = 10_000;

/// A body whose HTML is longer than this (in bytes) is not sanitized either, however few pieces
/// of raw HTML it holds: the sanitizer parses the whole body, and its time grows with the length.
pub const MAX_SANITIZED_HTML_BYTES: usize = 1 << 20;

/// Renders a body under `options.raw_html`. A body whose raw HTML cannot be sanitized is
/// rendered with it shown as text, and `refusal` says why: unsanitized HTML never comes out.
pub(crate) fn render_body(markdown: &str, options: &RenderOptions, sanitizer: Option<&dyn Sanitizer>) -> Refusable {
    let sanitizer = match (options.raw_html, sanitizer) {
        (RawHtml::Trust, _) => return Refusable::fine(markdown::render(markdown, options, true)),
        (RawHtml::Escape, _) | (RawHtml::Sanitize, None) => {
            return Refusable::fine(markdown::render(markdown, options, false))
        }
        (RawHtml::Sanitize, Some(sanitizer)) => sanitizer,
    };
    let body = markdown::render(markdown, options, true);
    if body.raw_html.count == 0 {
        return Refusable::fine(body);
    }
    let why = match too_complex(&body) {
        Some(why) => format!("this post is too complex to preview safely ({why})"),
        None => match sanitizer.sanitize(&body.html) {
            Ok(html) => return Refusable::fine(Body { html, ..body }),
            Err(error) => format!("the raw HTML could not be sanitized ({error})"),
        },
    };
    let refusal = Some((body.raw_html.first_offset, format!("{why}; its raw HTML is shown as text")));
    Refusable { body: markdown::render(markdown, options, false), refusal }
}

/// Why sanitizing `body` would take too long, if it would.
fn too_complex(body: &Body) -> Option<String> {
    if body.raw_html.count > MAX_RAW_HTML_PIECES {
        return Some(format!(
            "{} pieces of raw HTML, more than the {MAX_RAW_HTML_PIECES} that can be sanitized",
            body.raw_html.count
        ));
    }
    (body.html.len() > MAX_SANITIZED_HTML_BYTES).then(|| {
        format!(
            "{} KB of HTML with raw HTML in it, more than the {} KB that can be sanitized",
            body.html.len() >> 10,
            MAX_SANITIZED_HTML_BYTES >> 10
        )
    })
}

/// A body, and why its raw HTML had to be shown as text (at a byte offset), if it had to.
pub(crate) struct Refusable {
    pub body: Body,
    pub refusal: Option<(usize, String)>,
}

impl Refusable {
    fn fine(body: Body) -> Self {
        Refusable { body, refusal: None }
    }
}
