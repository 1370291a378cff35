//! The caret's block: the editor line the caret is on, and highlighting the preview block
//! written there, so the author sees which part of the preview they are editing.

use web_sys::HtmlTextAreaElement;

use crate::bytes;

/// Class on the top-level elements of the block the caret is in.
pub const CARET_BLOCK: &str = "postview-caret-block";

/// The 1-based editor line of the caret in `editor`, whose text is `source`. The caret is a
/// JavaScript string index (UTF-16 code units); a byte order mark is not counted as a line
/// character, as block lines do not count it.
pub fn line(editor: &HtmlTextAreaElement, source: &str) -> usize {
    let caret = editor.selection_start().ok().flatten().unwrap_or(0) as usize;
    // Eight bytes at a time: this runs on every keystroke and every move of the caret.
    let before = bytes::byte_offset(source, caret);
    1 + bytes::newlines(&source.as_bytes()[..before])
}
