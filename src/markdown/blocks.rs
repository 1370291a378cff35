//! Top-level blocks: where each depth-0 block of a body starts in the HTML and in the source,
//! noted while pulldown-cmark's writer runs, so a preview can replace one block at a time.

use std::cell::Cell;
use std::fmt;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::stats::WordTally;

/// One top-level block of a rendered body: its bytes in the HTML and in the Markdown source,
/// and what it adds to the body's totals (so a body re-rendered in part can total them again).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlockSpan {
    pub html: Range<usize>,
    pub source: Range<usize>,
    /// How many pieces of raw HTML the block's source holds (which a sanitizer must see).
    pub raw_html: usize,
    /// The length of the block's HTML before sanitizing, when it holds raw HTML (else 0).
    pub raw_html_bytes: usize,
    /// The block's words.
    pub words: WordTally,
    /// Whether the block is an excerpt marker (`<!-- more -->`).
    pub marker: bool,
}

/// A `fmt::Write` into a String that also publishes how long the String is, so the event
/// iterator feeding the writer can note where each block's HTML starts.
pub struct CountingWriter<'a> {
    pub out: &'a mut String,
    pub written: &'a Cell<usize>,
}

impl fmt::Write for CountingWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.out.push_str(s);
        self.written.set(self.out.len());
        Ok(())
    }
}

/// Passes events through, noting each top-level block. It must be the innermost adapter:
/// pulldown-cmark's writer asks for an event only once it has written every earlier one, and
/// the adapters above read ahead only inside a block (a heading's text, an image's alt text),
/// so when a depth-0 event comes out of here, `written` is exactly where its HTML will start.
/// `words` is the word count of every event before the one coming out (kept by the caller):
/// each block's start notes it, and [`close`] turns those notes into each block's own words.
pub struct BlockTracker<'c, I> {
    inner: I,
    depth: usize,
    /// Where the current block's last direct child ended in the source.
    last_child_end: usize,
    written: &'c Cell<usize>,
    words: &'c Cell<WordTally>,
    spans: &'c mut Vec<BlockSpan>,
}

impl<'c, I> BlockTracker<'c, I> {
    pub fn new(inner: I, written: &'c Cell<usize>, words: &'c Cell<WordTally>, spans: &'c mut Vec<BlockSpan>) -> Self {
        BlockTracker { inner, depth: 0, last_child_end: 0, written, words, spans }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for BlockTracker<'_, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (event, range) = self.inner.next()?;
        if self.depth == 0 && !matches!(event, Event::End(_)) {
            let start = self.written.get();
            self.spans.push(BlockSpan {
                html: start..start,
                source: range.clone(),
                // The words before the block, for now.
                words: self.words.get(),
                marker: matches!(event, Event::Start(Tag::MetadataBlock(_))),
                ..BlockSpan::default()
            });
        }
        match &event {
            Event::Start(_) => self.depth += 1,
            Event::End(end) => {
                self.depth = self.depth.saturating_sub(1);
                match (self.depth, end) {
                    (1, _) => self.last_child_end = range.end,
                    // pulldown-cmark's range of a definition list can run on over the next
                    // paragraph; the list ends where its last term or definition does.
                    (0, TagEnd::DefinitionList) => {
                        if let Some(span) = self.spans.last_mut() {
                            span.source.end = span.source.end.min(self.last_child_end.max(span.source.start));
                        }
                    }
                    _ => {}
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                if let Some(span) = self.spans.last_mut() {
                    span.raw_html += 1;
                }
            }
            _ => {}
        }
        Some((event, range))
    }
}

/// Closes the spans once the whole body is written, its words being `words`: each block's HTML
/// runs up to the next one's start, the last to the end, and anything written before the first
/// block belongs to it, so the blocks' HTML put together is the body's HTML exactly; each block's
/// words are those counted from its start to the next block's.
pub fn close(spans: &mut Vec<BlockSpan>, html_len: usize, words: WordTally) {
    if spans.is_empty() && html_len > 0 {
        spans.push(BlockSpan { html: 0..0, source: 0..0, ..BlockSpan::default() });
    }
    if let Some(first) = spans.first_mut() {
        first.html.start = 0;
    }
    let (mut end, mut words_after) = (html_len, words);
    for span in spans.iter_mut().rev() {
        span.html.end = end;
        end = span.html.start;
        let words_before = span.words;
        span.words = words_after - words_before;
        words_after = words_before;
        span.raw_html_bytes = if span.raw_html > 0 { span.html.len() } else { 0 };
    }
}
