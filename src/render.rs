//! One render of a post: front matter, header, body and diagnostics in one [`Rendered`].

use serde::Serialize;

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::front_matter::{self, meta::PostMeta, FrontMatter};
use crate::header;
use crate::options::{Flavor, RenderOptions};
use crate::sanitize::{self, Sanitizer};

/// Everything a render gives: safe HTML to show, and the data behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Rendered {
    /// The body as HTML (the front matter is never part of it).
    pub html: String,
    /// The post's `<header>` (title, date, tags, categories) as HTML; empty without front matter.
    pub header_html: String,
    /// The front matter as written and parsed, if the post has one.
    pub front_matter: Option<FrontMatter>,
    /// Normalised metadata.
    pub meta: PostMeta,
    /// Problems found, in source order; the post renders regardless.
    pub diagnostics: Vec<Diagnostic>,
}

/// Renders a whole post. Never fails: whatever is wrong becomes a diagnostic. Without a
/// [`Sanitizer`], the `sanitize` raw-HTML policy shows raw HTML as text; see [`render_with`].
pub fn render(source: &str, options: &RenderOptions) -> Rendered {
    render_with(source, options, None)
}

/// [`render`], with a sanitizer for raw HTML under the `sanitize` policy.
pub fn render_with(source: &str, options: &RenderOptions, sanitizer: Option<&dyn Sanitizer>) -> Rendered {
    let has_bom = source.starts_with('\u{feff}');
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    let index = LineIndex::new(text);
    // Front matter is a post extra: plain CommonMark reads a leading `---` as a thematic break.
    let read = match options.flavor {
        Flavor::Post => front_matter::read(text, &index),
        Flavor::CommonMark => front_matter::Read::none(),
    };
    let mut front_matter = read.front_matter;
    if let (true, Some(front_matter)) = (has_bom, front_matter.as_mut()) {
        // The range is in the caller's string, which still holds the mark before the block.
        front_matter.range.start += 1;
        front_matter.range.end += 1;
    }
    let body_start = read.body_start;
    let rendered_body = sanitize::render_body(&text[body_start..], options, sanitizer);
    let mut diagnostics = read.diagnostics;
    let body = rendered_body.body;
    diagnostics.extend(body.blocked.into_iter().map(|b| {
        Diagnostic::warning(
            format!("the link to `{}` was removed: only http, https, mailto and relative links are allowed", b.url),
            index.position(body_start + b.offset),
        )
    }));
    if let Some((offset, message)) = rendered_body.refusal {
        diagnostics.push(Diagnostic::warning(message, index.position(body_start + offset)));
    }
    diagnostics.sort_by_key(|d| (d.line, d.column));
    Rendered { header_html: header::render(&read.meta), html: body.html, front_matter, meta: read.meta, diagnostics }
}
