//! One render of a post: front matter, header, body and diagnostics in one [`Rendered`].

use serde::Serialize;

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::front_matter::{self, meta::PostMeta, FrontMatter};
use crate::options::RenderOptions;
use crate::{header, markdown};

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

/// Renders a whole post. Never fails: whatever is wrong becomes a diagnostic.
pub fn render(source: &str, options: &RenderOptions) -> Rendered {
    let has_bom = source.starts_with('\u{feff}');
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    let index = LineIndex::new(text);
    let read = front_matter::read(text, &index);
    let mut front_matter = read.front_matter;
    if let (true, Some(front_matter)) = (has_bom, front_matter.as_mut()) {
        // The range is in the caller's string, which still holds the mark.
        front_matter.range.end += 1;
    }
    let mut blocked = Vec::new();
    let body = &text[read.body_start..];
    let html = markdown::render(body, options, &mut blocked);
    let mut diagnostics = read.diagnostics;
    diagnostics.extend(blocked.into_iter().map(|b| {
        Diagnostic::warning(
            format!("the link to `{}` was removed: only http, https, mailto and relative links are allowed", b.url),
            index.position(read.body_start + b.offset),
        )
    }));
    diagnostics.sort_by_key(|d| (d.line, d.column));
    Rendered { header_html: header::render(&read.meta), html, front_matter, meta: read.meta, diagnostics }
}
