//! Raw HTML under the `sanitize` policy: each top-level block that holds raw HTML is handed to
//! a well-kept sanitizer (DOMPurify in the browser); blocks without raw HTML never are.

use crate::inline_attributes;
use crate::markdown::{self, BlockSpan, Body, UniqueIds};
use crate::options::{RawHtml, RenderOptions};

/// Something that turns HTML into HTML holding only an allowlist of harmless tags and
/// attributes, or says why it could not.
pub trait Sanitizer {
    fn sanitize(&self, html: &str) -> Result<String, String>;
}

/// More pieces of raw HTML than this are not sanitized but shown as text: sanitizing is work
/// for the browser's parser on the main thread, and no real post comes near it.
pub const MAX_RAW_HTML_PIECES: usize = 10_000;

/// A body whose blocks with raw HTML hold more HTML than this (in bytes) is not sanitized either,
/// however few pieces of raw HTML there are: the sanitizer parses each such block whole, and its
/// time grows with the length (a 1.5 MB body took over a second to sanitize and insert here).
pub const MAX_SANITIZED_HTML_BYTES: usize = 1 << 20;

/// Renders a body under `options.raw_html`. A body whose raw HTML cannot be sanitized is
/// rendered with it shown as text, and `refusal` says why: unsanitized HTML never comes out.
/// `ids` are the ids of the headings before `markdown` (none for a whole body).
pub(crate) fn render_body(
    markdown: &str,
    options: &RenderOptions,
    sanitizer: Option<&dyn Sanitizer>,
    ids: impl Fn() -> UniqueIds,
) -> Refusable {
    let sanitizer = match (options.raw_html, sanitizer) {
        (RawHtml::Trust, _) => return Refusable::fine(markdown::render_after(markdown, options, true, ids())),
        (RawHtml::Escape, _) | (RawHtml::Sanitize, None) => {
            return Refusable::fine(markdown::render_after(markdown, options, false, ids()))
        }
        (RawHtml::Sanitize, Some(sanitizer)) => sanitizer,
    };
    let body = markdown::render_after(markdown, options, true, ids());
    if body.raw_html.count == 0 {
        return Refusable::fine(body);
    }
    let first_offset = body.raw_html.first_offset;
    let to_sanitize = body.blocks.iter().map(|b| b.raw_html_bytes).sum();
    let why = match too_complex(body.raw_html.count, to_sanitize) {
        Some(why) => format!("this post is too complex to preview safely ({why})"),
        None => match sanitize_blocks(body, sanitizer) {
            Ok(body) => return Refusable::fine(body),
            Err(error) => format!("the raw HTML could not be sanitized ({error})"),
        },
    };
    let refusal = Some((first_offset, format!("{why}; its raw HTML is shown as text")));
    Refusable { body: markdown::render_after(markdown, options, false, ids()), refusal }
}

/// Why sanitizing a body with `pieces` pieces of raw HTML in blocks of `to_sanitize` bytes of
/// HTML would take too long, if it would.
pub(crate) fn too_complex(pieces: usize, to_sanitize: usize) -> Option<String> {
    if pieces > MAX_RAW_HTML_PIECES {
        return Some(format!("{pieces} pieces of raw HTML, more than the {MAX_RAW_HTML_PIECES} that can be sanitized"));
    }
    (to_sanitize > MAX_SANITIZED_HTML_BYTES).then(|| {
        format!(
            "{} KB of HTML in blocks with raw HTML, more than the {} KB that can be sanitized",
            to_sanitize >> 10,
            MAX_SANITIZED_HTML_BYTES >> 10
        )
    })
}

/// The body with each block that holds raw HTML replaced by its sanitized HTML. Block by
/// block, not the whole body at once: a sanitizer's output is balanced markup, so a block's
/// raw HTML can never reach into its neighbours, the blocks stay the blocks the preview patches,
/// and a sanitizer that remembers blocks it has seen (the browser's) redoes only edited ones.
fn sanitize_blocks(body: Body, sanitizer: &dyn Sanitizer) -> Result<Body, String> {
    let mut html = String::with_capacity(body.html.len());
    let mut blocks = Vec::with_capacity(body.blocks.len());
    for block in body.blocks {
        let start = html.len();
        let block_html = &body.html[block.html.clone()];
        if block.raw_html > 0 {
            // The sanitizer would drop `on…` and `style` attributes too, but its parser would
            // first report each one under a strict Content-Security-Policy.
            html.push_str(&sanitizer.sanitize(&inline_attributes::strip(block_html))?);
        } else {
            html.push_str(block_html);
        }
        blocks.push(BlockSpan { html: start..html.len(), ..block });
    }
    Ok(Body { html, blocks, ..body })
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
