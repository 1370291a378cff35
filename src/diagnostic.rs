//! Diagnostics: what went wrong in a post, where (in the editor's lines), and how bad it is.

use serde::Serialize;

/// How serious a [`Diagnostic`] is. Errors mean part of the post could not be understood;
/// warnings mean it was understood but probably not as the author meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a post.
///
/// `line` and `column` are 1-based and count the editor's lines and characters (Unicode scalar
/// values), from the very start of the source including its front matter, so they point at the
/// place the author sees. A byte order mark is not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, position: Position) -> Self {
        Self::new(Severity::Error, message, position)
    }

    pub fn warning(message: impl Into<String>, position: Position) -> Self {
        Self::new(Severity::Warning, message, position)
    }

    pub fn new(severity: Severity, message: impl Into<String>, position: Position) -> Self {
        let message = message.into();
        Diagnostic { severity, message, line: position.line, column: position.column }
    }
}

/// A 1-based line and column in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Turns byte offsets into the source into [`Position`]s.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// How many lines come before `text` (0 unless it is a part of a longer text).
    lines_before: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        Self::starting_at(text, 1)
    }

    /// An index of `text` that is part of a longer text and starts a line there, line
    /// `first_line`: lines count from it, columns are the longer text's.
    pub fn starting_at(text: &'a str, first_line: usize) -> Self {
        let line_starts = crate::bytes::line_starts(text.as_bytes());
        LineIndex { text, line_starts, lines_before: first_line.saturating_sub(1) }
    }

    /// The text the index is of.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The position of the byte at `offset` (clamped to the text, rounded down to a character).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let line_start = self.line_starts[line - self.lines_before - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        Position { line, column }
    }

    /// The 1-based line of the byte at `offset`: `position(offset).line`, without counting the
    /// characters before it on its line (blocks and headings need only their line).
    pub fn line(&self, offset: usize) -> usize {
        self.lines_before + self.line_starts.partition_point(|&start| start <= offset.min(self.text.len()))
    }
}

/// The JavaScript string index (UTF-16 code units) of a 1-based `line` and `column`
/// (characters) in `source`, as a [`Diagnostic`] gives them; a leading byte order mark, which
/// positions do not count, is counted here because it is in the string. Clamped to the text.
pub fn utf16_offset(source: &str, line: usize, column: usize) -> usize {
    let bom = source.strip_prefix('\u{feff}').map_or(0, |_| 1);
    let text = &source[bom * '\u{feff}'.len_utf8()..];
    let mut lines = text.split_inclusive('\n');
    let before: usize = lines.by_ref().take(line.saturating_sub(1)).flat_map(str::chars).map(char::len_utf16).sum();
    let within: usize = lines.next().unwrap_or("").chars().take(column.saturating_sub(1)).map(char::len_utf16).sum();
    bom + before + within
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_what_javascript_counts() {
        let source = "\u{feff}---\n标题: 😀x\n";
        // BOM (1) + "---\n" (4) + "标题: " (4) + the emoji (2).
        assert_eq!(utf16_offset(source, 2, 6), 11);
        assert_eq!(utf16_offset(source, 1, 1), 1);
        // Past the end: the end of the text.
        assert_eq!(utf16_offset(source, 9, 9), 1 + 4 + 8);
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let index = LineIndex::new("标题\n中文x");
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position("标题\n中文".len()), Position { line: 2, column: 3 });
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_are_clamped() {
        let index = LineIndex::new("中");
        assert_eq!(index.position(1), Position { line: 1, column: 1 });
        assert_eq!(index.position(99), Position { line: 1, column: 2 });
    }

    #[test]
    fn an_index_of_a_part_counts_lines_from_where_the_part_starts() {
        let text = "前言\n\n标题\n中文x\r\nlast";
        let (whole, part) = (LineIndex::new(text), LineIndex::starting_at(&text["前言\n\n".len()..], 3));
        for offset in 0..text.len() - "前言\n\n".len() {
            assert_eq!(part.position(offset), whole.position(offset + "前言\n\n".len()), "at {offset}");
        }
    }

    #[test]
    fn a_line_alone_is_the_line_of_the_position() {
        let text = "标题\n\n中文x\r\nlast";
        let index = LineIndex::new(text);
        for offset in 0..text.len() + 3 {
            assert_eq!(index.line(offset), index.position(offset).line, "at {offset}");
        }
    }
}
