//! One render of a post: front matter, header, body and diagnostics in one [`Rendered`].

use serde::Serialize;

use std::ops::Range;

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::excerpt::{self, Excerpt};
use crate::front_matter::{self, meta::PostMeta, FrontMatter, Read};
use crate::header;
use crate::markdown::{BlockSpan, BlockedUrl, Body, UniqueIds};
use crate::options::{Flavor, RenderOptions};
use crate::sanitize::{self, Sanitizer};
use crate::stats::Stats;
use crate::toc::{self, TocEntry};

/// Everything a render gives: safe HTML to show, and the data behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rendered {
    /// The body as HTML (the front matter is never part of it).
    pub html: String,
    /// The body's top-level blocks in order; their `html` put together is `html` exactly.
    pub blocks: Vec<Block>,
    /// The post's `<header>` (title, date, tags, categories) as HTML; empty without front matter.
    pub header_html: String,
    /// The front matter as written and parsed, if the post has one.
    pub front_matter: Option<FrontMatter>,
    /// Normalised metadata.
    pub meta: PostMeta,
    /// The excerpt: the front matter's own, or the blocks before `<!-- more -->` (see `excerpt`).
    pub excerpt: Option<Excerpt>,
    /// Problems found, in source order; the post renders regardless.
    pub diagnostics: Vec<Diagnostic>,
    /// Words and reading time of the body.
    pub stats: Stats,
    /// Every heading of the body, in order (`post` flavor; empty in `commonmark`).
    pub toc: Vec<TocEntry>,
}

/// One top-level block of the body (a paragraph, a heading, a list, a table, a footnote
/// definition…), with the editor lines it was written on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Block {
    pub html: String,
    /// A hash of `html`: blocks with equal HTML have equal keys. Unequal HTML almost always has
    /// unequal keys; compare `html` too where a collision would matter. Not a cryptographic
    /// hash: an author can make two blocks collide on purpose.
    pub key: u32,
    /// The first and last editor lines (1-based, front matter counted) of the block's source.
    pub start_line: usize,
    pub end_line: usize,
}

impl Block {
    /// The block whose HTML is `html` and whose source is `source`, bytes into the text of `index`.
    fn new(html: &str, source: Range<usize>, index: &LineIndex) -> Block {
        let start_line = index.line(source.start);
        // A list's range runs on over the blank lines after it; they are not its lines.
        let end = source.start + index.text().get(source.clone()).map_or(0, |s| s.trim_end().len());
        // The source range ends after the block's last character, often its newline.
        let end_line = index.line(end.saturating_sub(1).max(source.start));
        Block { html: html.to_string(), key: key_of(html), start_line, end_line }
    }
}

/// A block's key: a hash of its HTML, eight bytes at a time (multiply and rotate, as FxHash
/// does), then mixed (MurmurHash3's finaliser) so every bit of the HTML reaches the 32 bits
/// kept. Not SipHash: a key is a quick first comparison, never trusted alone, so it needs no
/// defence against chosen collisions, and SipHash over every block was a noticeable share of
/// a render.
fn key_of(html: &str) -> u32 {
    const MULTIPLIER: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    let mut chunks = html.as_bytes().chunks_exact(8);
    let mut hash = (html.len() as u64).wrapping_mul(MULTIPLIER);
    for chunk in chunks.by_ref() {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        hash = mix(hash, u64::from_le_bytes(word));
    }
    let mut last = [0; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    hash = mix(hash, u64::from_le_bytes(last));
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^= hash >> 33;
    hash as u32
}

/// Renders a whole post. Never fails: whatever is wrong becomes a diagnostic. Without a
/// [`Sanitizer`], the `sanitize` raw-HTML policy shows raw HTML as text; see [`render_with`].
pub fn render(source: &str, options: &RenderOptions) -> Rendered {
    render_with(source, options, None)
}

/// [`render`], with a sanitizer for raw HTML under the `sanitize` policy.
pub fn render_with(source: &str, options: &RenderOptions, sanitizer: Option<&dyn Sanitizer>) -> Rendered {
    render_traced(source, options, sanitizer).0
}

/// What an incremental render must know of a whole render's body beyond [`Rendered`].
pub(crate) struct Trace {
    /// The front matter as read (its `body_start`: where the body starts in the text, after a
    /// byte order mark), kept so that an edit in the body need not parse it again.
    pub front_matter: Read,
    /// The body's blocks, their source ranges in the body (their HTML ranges are those of the
    /// render that made them, which need not be this one: read `Rendered.blocks` for HTML).
    pub spans: Vec<BlockSpan>,
    /// The warnings about refused links, in the body's order.
    pub blocked: Vec<Diagnostic>,
    /// Why the raw HTML could not be sanitized and is shown as text, if it could not.
    pub refused: Option<Diagnostic>,
}

/// [`render_with`], and its [`Trace`].
pub(crate) fn render_traced(
    source: &str,
    options: &RenderOptions,
    sanitizer: Option<&dyn Sanitizer>,
) -> (Rendered, Trace) {
    let text = without_bom(source);
    let index = LineIndex::new(text);
    let read = read_front_matter(text, options);
    let body_start = read.body_start;
    let rendered_body = sanitize::render_body(&text[body_start..], options, sanitizer, UniqueIds::default);
    let body = rendered_body.body;
    let blocked = blocked_links(&body, &index, body_start);
    let refused = rendered_body
        .refusal
        .map(|(offset, message)| Diagnostic::warning(message, index.position(body_start + offset)));
    let parts = BodyParts {
        blocks: blocks_of(&body, &index, body_start),
        toc: toc::entries(body.headings, body_start, &index),
        html: body.html,
        more: body.more,
        stats: body.stats,
    };
    let trace = Trace { front_matter: read.clone(), spans: body.blocks, refused, blocked };
    (assemble(source, read, parts, &trace.blocked, trace.refused.clone()), trace)
}

/// The text of a source, without a byte order mark.
pub(crate) fn without_bom(source: &str) -> &str {
    source.strip_prefix('\u{feff}').unwrap_or(source)
}

/// The front matter of `text` (the source without a byte order mark) as `options` read it.
pub(crate) fn read_front_matter(text: &str, options: &RenderOptions) -> Read {
    // Front matter is a post extra: plain CommonMark reads a leading `---` as a thematic break.
    match options.flavor {
        Flavor::Post => front_matter::read(text),
        Flavor::CommonMark => Read::none(),
    }
}

/// A body's blocks as [`Block`]s, its offsets `base` bytes into the text of `index`.
pub(crate) fn blocks_of(body: &Body, index: &LineIndex, base: usize) -> Vec<Block> {
    let at = |range: &Range<usize>| base + range.start..base + range.end;
    body.blocks.iter().map(|b| Block::new(&body.html[b.html.clone()], at(&b.source), index)).collect()
}

/// A warning for each link a body refused, its offsets `base` bytes into the text of `index`.
pub(crate) fn blocked_links(body: &Body, index: &LineIndex, base: usize) -> Vec<Diagnostic> {
    let warn = |b: &BlockedUrl| {
        Diagnostic::warning(
            format!("the link to `{}` was removed: only http, https, mailto and relative links are allowed", b.url),
            index.position(base + b.offset),
        )
    };
    body.blocked.iter().map(warn).collect()
}

/// The body as a [`Rendered`] shows it.
pub(crate) struct BodyParts {
    pub html: String,
    pub blocks: Vec<Block>,
    pub toc: Vec<TocEntry>,
    /// The index of the first excerpt marker in `blocks`.
    pub more: Option<usize>,
    pub stats: Stats,
}

/// A [`Rendered`] of the front matter `read` from `source` and of a body; `blocked` and
/// `refused` are the body's diagnostics.
pub(crate) fn assemble(
    source: &str,
    read: Read,
    body: BodyParts,
    blocked: &[Diagnostic],
    refused: Option<Diagnostic>,
) -> Rendered {
    let mut front_matter = read.front_matter;
    if let (true, Some(front_matter)) = (source.starts_with('\u{feff}'), front_matter.as_mut()) {
        // The range is in the caller's string, which still holds the mark before the block.
        front_matter.range.start += 1;
        front_matter.range.end += 1;
    }
    let mut diagnostics = read.diagnostics;
    diagnostics.extend(blocked.iter().cloned().chain(refused));
    diagnostics.sort_by_key(|d| (d.line, d.column));
    Rendered {
        header_html: header::render(&read.meta, front_matter.as_ref().map(|f| f.format)),
        excerpt: excerpt::choose(&read.meta, &body.blocks, body.more),
        stats: body.stats,
        toc: body.toc,
        html: body.html,
        blocks: body.blocks,
        front_matter,
        meta: read.meta,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::key_of;

    #[test]
    fn keys_differ_for_html_that_differs_in_any_byte_or_in_length() {
        let html = "<p>plain text, and more than eight bytes</p>\n";
        let mut keys = vec![key_of(html), key_of(""), key_of(&html[..html.len() - 1]), key_of(&format!("{html}\0"))];
        for at in 0..html.len() {
            let mut bytes = html.as_bytes().to_vec();
            bytes[at] ^= 1;
            keys.push(key_of(std::str::from_utf8(&bytes).unwrap()));
        }
        let count = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), count);
        assert_eq!(key_of(html), key_of(&String::from(html)));
    }
}
