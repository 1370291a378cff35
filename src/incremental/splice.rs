//! A re-rendered window put in place of the old blocks: the blocks, their HTML, the headings
//! and the refused links' warnings in it replaced, and everything after it moved.

use std::ops::Range;

use super::edit::shifted;
use super::window::Window;
use super::{before_block, Fallback, RenderPath};
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::front_matter::Read;
use crate::markdown::{slug, BlockSpan, UniqueIds};
use crate::render::{self, Trace};
use crate::toc::{self, TocEntry};
use crate::{Block, Rendered};

/// A window's render as the parts of a [`Rendered`] it replaces.
pub struct Patch {
    read: Read,
    window: Window,
    /// How many bytes and lines longer the window became.
    bytes: isize,
    lines: isize,
    blocks: Vec<Block>,
    toc: Vec<TocEntry>,
    toc_replaced: Range<usize>,
    blocked: Vec<Diagnostic>,
    blocked_replaced: Range<usize>,
}

impl Patch {
    /// The parts for `window` of the new body, given the old window's text and the new body,
    /// the window starting on line `first_line`; `read` is the new front matter.
    pub fn new(
        old: &Rendered,
        trace: &Trace,
        window: Window,
        (old_window, new): (&str, &str),
        first_line: usize,
        read: Read,
    ) -> Result<Patch, Fallback> {
        let text = &new[window.new.clone()];
        let index = LineIndex::starting_at(text, first_line);
        let toc = toc::entries(window.body.headings.clone(), 0, &index);
        let toc_replaced = replaced_range(&old.blocks, &window.blocks, &old.toc, |entry| entry.line);
        if old.toc[toc_replaced.clone()].iter().map(|e| &e.id).ne(toc.iter().map(|e| &e.id)) {
            later_ids_stay(&old.toc, toc_replaced.clone(), &toc)?;
        }
        Ok(Patch {
            read,
            bytes: window.new.len() as isize - window.old.len() as isize,
            lines: super::edit::line_growth(old_window, text),
            blocks: render::blocks_of(&window.body, &index, 0),
            blocked: render::blocked_links(&window.body, &index, 0),
            blocked_replaced: replaced_range(&old.blocks, &window.blocks, &trace.blocked, |d| d.line),
            toc,
            toc_replaced,
            window,
        })
    }

    pub fn path(&self) -> RenderPath {
        RenderPath::Window {
            first: self.window.blocks.start,
            removed: self.window.blocks.len(),
            inserted: self.blocks.len(),
        }
    }
}

/// Which of `entries` (in line order) belong to old blocks `blocks`.
fn replaced_range<T>(old: &[Block], blocks: &Range<usize>, entries: &[T], line: impl Fn(&T) -> usize) -> Range<usize> {
    before_block(old, blocks.start, entries, &line)..before_block(old, blocks.end, entries, &line)
}

/// Whether every heading after `replaced` keeps its id with `toc` in place of `replaced`.
fn later_ids_stay(old: &[TocEntry], replaced: Range<usize>, toc: &[TocEntry]) -> Result<(), Fallback> {
    let before = old[..replaced.start].iter().chain(toc);
    let mut ids = UniqueIds::after(before.map(|entry| entry.id.clone()));
    match old[replaced.end..].iter().all(|entry| ids.unique(slug(&entry.text)) == entry.id) {
        true => Ok(()),
        false => Err(Fallback::HeadingIds),
    }
}

/// The parts of the old render that a patch changes.
pub struct Spliced {
    pub html: String,
    pub blocks: Vec<Block>,
    pub toc: Vec<TocEntry>,
    pub blocked: Vec<Diagnostic>,
}

impl Spliced {
    /// Puts `patch` in (and its blocks' spans in `spans`); returns its front matter.
    pub fn splice(&mut self, spans: &mut Vec<BlockSpan>, patch: Patch) -> Read {
        let Patch { read, window, bytes, lines, blocks, toc, toc_replaced, blocked, blocked_replaced } = patch;
        let first = window.blocks.start;
        let html_start: usize = self.blocks[..first].iter().map(|b| b.html.len()).sum();
        let html_len: usize = self.blocks[window.blocks.clone()].iter().map(|b| b.html.len()).sum();
        self.html.replace_range(html_start..html_start + html_len, &window.body.html);
        let at = window.old.start;
        let inserted = window.body.blocks.len();
        let moved = |span: BlockSpan, start: usize, by: isize| BlockSpan {
            source: shifted(span.source.start + start, by)..shifted(span.source.end + start, by),
            ..span
        };
        spans.splice(window.blocks.clone(), window.body.blocks.into_iter().map(|span| moved(span, at, 0)));
        for span in &mut spans[first + inserted..] {
            *span = moved(std::mem::take(span), 0, bytes);
        }
        let after = (first + blocks.len(), toc_replaced.start + toc.len(), blocked_replaced.start + blocked.len());
        self.blocks.splice(window.blocks, blocks);
        self.toc.splice(toc_replaced, toc);
        self.blocked.splice(blocked_replaced, blocked);
        self.move_lines(after, lines);
        read
    }

    /// Moves the blocks, headings and warnings from these indices on by `lines` lines.
    pub fn move_lines(&mut self, (blocks, toc, blocked): (usize, usize, usize), lines: isize) {
        if lines == 0 {
            return;
        }
        for block in &mut self.blocks[blocks..] {
            block.start_line = shifted(block.start_line, lines);
            block.end_line = shifted(block.end_line, lines);
        }
        for entry in &mut self.toc[toc..] {
            entry.line = shifted(entry.line, lines);
        }
        for diagnostic in &mut self.blocked[blocked..] {
            diagnostic.line = shifted(diagnostic.line, lines);
        }
    }
}
