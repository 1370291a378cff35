//! Splitting a post into its front matter and its body: which fence opens it, where it closes.

use std::ops::Range;

/// Where the front matter sits in the source, in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fenced {
    /// The whole block, fences included.
    pub block: Range<usize>,
    /// The text between the fences.
    pub content: Range<usize>,
    /// False when no closing fence was found; `content` then ends at the first blank line.
    pub closed: bool,
}

/// A source split in two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub front_matter: Option<Fenced>,
    /// Where the Markdown body starts.
    pub body_start: usize,
}

/// Splits `text` (without a byte order mark) at the end of its YAML front matter.
///
/// The front matter is a first line `---` and everything up to a line `---` (or YAML's document
/// end, `...`). When no closing line comes, the author most likely forgot it: the front matter is
/// taken to end at the first blank line, so the body still renders. A lone `---` followed by a
/// blank line and never closed is a thematic break, not front matter.
pub fn split(text: &str) -> Split {
    let mut lines = lines_with_offsets(text);
    let no_front_matter = Split { front_matter: None, body_start: 0 };
    match lines.next() {
        Some((_, line)) if is_fence(line) => {}
        _ => return no_front_matter,
    }
    let content_start = lines.clone().next().map_or(text.len(), |(at, _)| at);
    let mut first_blank = None;
    for (at, line) in lines {
        if is_fence(line) || trim_line(line) == "..." {
            let body_start = at + line.len();
            let front_matter = Fenced { block: 0..body_start, content: content_start..at, closed: true };
            return Split { front_matter: Some(front_matter), body_start };
        }
        if first_blank.is_none() && trim_line(line).trim().is_empty() {
            first_blank = Some(at);
        }
    }
    let content_end = first_blank.unwrap_or(text.len());
    if content_end == content_start && content_end < text.len() {
        return no_front_matter;
    }
    let front_matter = Fenced { block: 0..content_end, content: content_start..content_end, closed: false };
    Split { front_matter: Some(front_matter), body_start: content_end }
}

fn is_fence(line: &str) -> bool {
    trim_line(line).trim_end_matches([' ', '\t']) == "---"
}

/// A line without its line ending (`\n` or `\r\n`).
fn trim_line(line: &str) -> &str {
    line.strip_suffix('\n').map_or(line, |l| l.strip_suffix('\r').unwrap_or(l))
}

/// Each line of `text` with its line ending, and the offset it starts at.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> + Clone {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let at = *offset;
        *offset += line.len();
        Some((at, line))
    })
}
