//! The window: the old top-level blocks around an edit, re-rendered from the new text and
//! checked against the old render at both ends.
//!
//! The window runs from the start of the line of a block that ends before the edit (so the
//! line before the window and everything above it are as they were) to the start of the line of
//! the block after a block that starts after the edit (so everything from the window's end on
//! is as it was, moved). It is rendered alone, as a body of its own. That equals the whole
//! body's render in between when both ends fall where blocks fell before: the window's first
//! block is the old first block, and its last block the old last block (unchanged text, the
//! same HTML, at the same place). Otherwise the edit reached past an end — a setext underline
//! or a `: ` line under the first block, a fence, HTML block or list opened or closed by the
//! edit swallowing the last — and the window grows by a block on that side, a few times, before
//! the whole body is rendered instead.

use std::ops::Range;

use super::edit::Edit;
use super::Fallback;
use crate::markdown::{BlockSpan, Body, UniqueIds};
use crate::render::Block;
use crate::sanitize::{self, Sanitizer};
use crate::RenderOptions;

/// How many times a window may grow before the whole body is rendered.
const MAX_GROWTH: usize = 4;

/// Old blocks `blocks`, bytes `old` of the old body, rendered again from `new` of the new one.
pub struct Window {
    pub blocks: Range<usize>,
    pub old: Range<usize>,
    pub new: Range<usize>,
    pub body: Body,
}

/// What the window is taken from: the old body, its blocks and their render, and the new body.
pub struct Bodies<'a> {
    pub old: &'a str,
    pub spans: &'a [BlockSpan],
    pub blocks: &'a [Block],
    pub new: &'a str,
    pub options: &'a RenderOptions,
    pub sanitizer: Option<&'a dyn Sanitizer>,
}

impl Bodies<'_> {
    /// The smallest window around `edit` (in body offsets) whose render fits at both ends;
    /// `ids` gives the ids of the headings before a window that starts at block `first`.
    pub fn window(&self, edit: Edit, ids: impl Fn(usize) -> UniqueIds) -> Result<Window, Fallback> {
        let (mut first, mut end) = self.around(edit);
        for _ in 0..=MAX_GROWTH {
            let (Some(start), Some(stop)) = (self.line_start(first), self.line_end(end)) else {
                return Err(Fallback::Unsettled);
            };
            if stop < edit.old_end {
                return Err(Fallback::Unsettled);
            }
            let new = start..super::edit::shifted(stop, edit.growth());
            let text = &self.new[new.clone()];
            if let Some(global) = super::global_syntax(text) {
                return Err(global);
            }
            let rendered = sanitize::render_body(text, self.options, self.sanitizer, || ids(first));
            if rendered.refusal.is_some() {
                return Err(Fallback::RawHtml);
            }
            let body = rendered.body;
            let first_fits = first == 0 || self.same(&body, 0, first, start as isize);
            let last = body.blocks.len().wrapping_sub(1);
            let last_fits = end == self.spans.len() || self.same(&body, last, end - 1, start as isize - edit.growth());
            if first_fits && last_fits {
                return Ok(Window { blocks: first..end, old: start..stop, new, body });
            }
            first -= usize::from(!first_fits);
            end += usize::from(!last_fits);
        }
        Err(Fallback::Unsettled)
    }

    /// The blocks around the edit: from the block before the first one the edit reaches (or
    /// comes right after), to the block after the first one that starts on a line after it.
    fn around(&self, edit: Edit) -> (usize, usize) {
        let reached = self.spans.partition_point(|s| s.source.end < edit.start);
        let mut after = self.spans.partition_point(|s| s.source.start <= edit.old_end);
        while after < self.spans.len() && self.line_start(after).is_none_or(|start| start <= edit.old_end) {
            after += 1;
        }
        (reached.saturating_sub(1), (after + 1).min(self.spans.len()))
    }

    /// Where the line of block `index` starts (the body's start for the first block), if only
    /// spaces come before the block on its line.
    fn line_start(&self, index: usize) -> Option<usize> {
        if index == 0 {
            return Some(0);
        }
        let start = self.spans.get(index)?.source.start;
        let before = self.old.get(..start)?;
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        before[line_start..].bytes().all(|b| b == b' ' || b == b'\t').then_some(line_start)
    }

    /// Where a window that ends before block `index` ends: that block's line, or the body's end.
    fn line_end(&self, index: usize) -> Option<usize> {
        match index == self.spans.len() {
            true => Some(self.old.len()),
            false => self.line_start(index).filter(|&at| at > 0),
        }
    }

    /// Whether block `index` of the window's `body` is old block `old`, its HTML and its place
    /// (the window's offsets being `offset` bytes from the old body's).
    fn same(&self, body: &Body, index: usize, old: usize, offset: isize) -> bool {
        let Some(new) = body.blocks.get(index) else { return false };
        let source = &self.spans[old].source;
        let moved = |at: usize| at as isize - offset;
        new.source.start as isize == moved(source.start)
            && new.source.end as isize == moved(source.end)
            && body.html[new.html.clone()] == self.blocks[old].html
    }
}
