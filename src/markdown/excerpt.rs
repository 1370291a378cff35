//! The excerpt marker: a top-level `<!-- more -->` (Hexo, Zola; any spaces inside, or none; any
//! case, as Hexo reads it) or `<!--more-->` (Hugo) on a line of its own ends the post's excerpt.
//!
//! It is postview's own markup, not the author's raw HTML: it is turned into a visible marker
//! element whatever the raw-HTML policy (escape, sanitize, trust), is never counted as raw HTML
//! and never reaches the sanitizer. The marker block comes out of [`Markers`] as pulldown-cmark's
//! metadata-block tag, which postview never enables otherwise, and `PreviewEvents` writes it as
//! [`MARKER_HTML`]. A marker inside a list or a quote, or with other text on its line, is an
//! ordinary HTML comment.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{Event, MetadataBlockKind, Tag, TagEnd};

/// What the marker becomes in the preview: a separator with a name and visible text.
pub const MARKER_HTML: &str =
    "<div class=\"postview-more\" role=\"separator\" aria-label=\"End of the excerpt\">End of the excerpt</div>\n";

/// The tag that carries a marker from [`Markers`] to the writer.
pub const MARKER_TAG: MetadataBlockKind = MetadataBlockKind::PlusesStyle;

/// Whether one line of an HTML block is the excerpt marker.
pub fn is_marker(line: &str) -> bool {
    line.trim()
        .strip_prefix("<!--")
        .and_then(|rest| rest.strip_suffix("-->"))
        .is_some_and(|inside| inside.trim().eq_ignore_ascii_case("more"))
}

/// Turns each top-level HTML block that is only the marker into a marker tag pair. It must sit
/// inside the block tracker (it reads ahead only within a block), so the marker is its own
/// top-level block, without raw HTML, which the tracker notes as a marker.
pub struct Markers<'a, I> {
    inner: I,
    depth: usize,
    pending: VecDeque<(Event<'a>, Range<usize>)>,
}

impl<'a, I> Markers<'a, I> {
    pub fn new(inner: I) -> Self {
        Markers { inner, depth: 0, pending: VecDeque::new() }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Markers<'a, I> {
    /// After a top-level `Start(HtmlBlock)`: the marker pair if the block is the marker alone,
    /// or the block's first events as they were.
    fn read_html_block(&mut self, start: Range<usize>) -> (Event<'a>, Range<usize>) {
        let line = self.inner.next();
        let is_marker_line = matches!(&line, Some((Event::Html(text), _)) if is_marker(text));
        let end = if is_marker_line { self.inner.next() } else { None };
        if let (true, Some((Event::End(TagEnd::HtmlBlock), end_range))) = (is_marker_line, &end) {
            self.pending.push_back((Event::End(TagEnd::MetadataBlock(MARKER_TAG)), end_range.clone()));
            return (Event::Start(Tag::MetadataBlock(MARKER_TAG)), start);
        }
        self.pending.extend(line.into_iter().chain(end));
        (Event::Start(Tag::HtmlBlock), start)
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Markers<'a, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (event, range) = match self.pending.pop_front() {
            Some(pending) => pending,
            None => match self.inner.next()? {
                (Event::Start(Tag::HtmlBlock), range) if self.depth == 0 => self.read_html_block(range),
                other => other,
            },
        };
        match event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Some((event, range))
    }
}
