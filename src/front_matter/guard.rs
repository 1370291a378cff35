//! What every front matter parser checks before it parses: text that could stall the preview
//! (too long, nested too deep, too many brackets) is refused with a diagnostic instead.
//!
//! serde_yaml is slow on deep flow nesting (`[[[[…`) and the TOML parser recurses on it, so
//! nesting is measured here first. The depth check skips quoted text, which a quote in a plain
//! scalar (`[a'b, [[[[…`) can fake, so the number of brackets is capped as well, whatever quotes
//! surround them.

use crate::diagnostic::Severity;

/// Front matter larger than this is not parsed. Real posts have a few hundred bytes of it.
pub const MAX_LEN: usize = 256 * 1024;
/// Deeper `[`/`{` nesting than this is not parsed. Real posts nest two or three levels.
pub const MAX_FLOW_DEPTH: usize = 64;
/// More `[` and `{` than this, quoted or not, are not parsed: the cost of parsing grows with the
/// depth they could nest to (about a second at 1024 levels in a debug build).
pub const MAX_FLOW_BRACKETS: usize = 1024;

/// Why some front matter could not be read, and where (a byte offset into its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub offset: usize,
    /// True when the text was refused before parsing (too long, too deep), not found invalid.
    pub refused: bool,
    /// `Error`, unless the text is merely not read yet (its parser is still loading): `Warning`.
    pub severity: Severity,
}

impl ParseError {
    /// Text found invalid by its parser.
    pub fn invalid(message: String, offset: usize) -> ParseError {
        ParseError { message, offset, refused: false, severity: Severity::Error }
    }

    /// Text refused before parsing.
    pub fn refusal(message: String, offset: usize) -> ParseError {
        ParseError { message, offset, refused: true, severity: Severity::Error }
    }

    /// Text not read yet, and why (a warning: it will be read once its parser is in).
    pub fn not_read_yet(message: String) -> ParseError {
        ParseError { message, offset: 0, refused: true, severity: Severity::Warning }
    }
}

/// Refuses text too long or nested too deep to parse quickly, in any format.
pub fn check(text: &str) -> Result<(), ParseError> {
    if text.len() > MAX_LEN {
        return Err(ParseError::refusal(
            format!(
                "front matter is {} KB, more than the {} KB this previewer reads; move long content into the body",
                text.len() / 1024,
                MAX_LEN / 1024
            ),
            0,
        ));
    }
    if let Some(offset) = deepest_flow_nesting(text) {
        return Err(ParseError::refusal(
            format!("brackets nest more than {MAX_FLOW_DEPTH} levels deep here; front matter this deep is not read"),
            offset,
        ));
    }
    if let Some((offset, _)) = text.match_indices(['[', '{']).nth(MAX_FLOW_BRACKETS) {
        return Err(ParseError::refusal(
            format!(
                "front matter has more than {MAX_FLOW_BRACKETS} `[` and `{{`; front matter with this many is not read"
            ),
            offset,
        ));
    }
    Ok(())
}

/// The offset of the first `[` or `{` nested deeper than [`MAX_FLOW_DEPTH`], skipping quoted text.
fn deepest_flow_nesting(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(at);
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            (None, '\n') => quote = None,
            _ => {}
        }
    }
    None
}
