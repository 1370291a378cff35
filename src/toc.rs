//! The table of contents: every heading of the body with its level, id, text and editor line.

use serde::Serialize;

use crate::diagnostic::LineIndex;

/// One heading of the body, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TocEntry {
    /// 1 for `#`, 6 for `######`.
    pub level: u8,
    /// The heading's `id` in the body HTML (unique in the post).
    pub id: String,
    /// The heading's text, as plain text (markup and images left out).
    pub text: String,
    /// The editor line (1-based, front matter counted) the heading starts on.
    pub line: usize,
}

/// A heading as the Markdown renderer found it: where it starts in the body, and what it got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundHeading {
    /// Byte offset in the body.
    pub offset: usize,
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The table of contents of a body that starts at byte `body_start` of the text `index` covers.
pub fn entries(headings: Vec<FoundHeading>, body_start: usize, index: &LineIndex) -> Vec<TocEntry> {
    headings
        .into_iter()
        .map(|h| TocEntry { level: h.level, id: h.id, text: h.text, line: index.line(body_start + h.offset) })
        .collect()
}
