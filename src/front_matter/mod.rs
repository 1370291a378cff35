//! Front matter: found by [`split`], parsed by [`yaml`], normalised by [`meta`].

pub mod date;
pub mod meta;
pub mod split;
pub mod value;
pub mod yaml;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, LineIndex, Position};
use meta::PostMeta;
use value::Value;

/// The front matter formats postview reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum FrontMatterFormat {
    /// YAML between `---` lines (Hexo, Jekyll, Astro).
    Yaml,
}

/// The front matter of a post, as written and as parsed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FrontMatter {
    pub format: FrontMatterFormat,
    /// The text between the fences.
    pub raw: String,
    /// The whole block, fences included, in UTF-16 code units of the source (JavaScript string
    /// indices): `source.slice(range.start, range.end)`.
    pub range: SourceRange,
    /// The first and last line of the block (1-based, fences included).
    pub start_line: usize,
    pub end_line: usize,
    /// False when the closing fence is missing (a diagnostic says so).
    pub closed: bool,
    /// The parsed data; `null` when it could not be parsed.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Value"))]
    pub data: Value,
}

/// A half-open range `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SourceRange {
    pub start: usize,
    pub end: usize,
}

/// What reading the front matter of a source gives.
pub struct Read {
    pub front_matter: Option<FrontMatter>,
    pub meta: PostMeta,
    pub diagnostics: Vec<Diagnostic>,
    /// The byte offset where the Markdown body starts.
    pub body_start: usize,
}

impl Read {
    /// No front matter: the whole text is the body.
    pub fn none() -> Read {
        Read { front_matter: None, meta: PostMeta::default(), diagnostics: Vec::new(), body_start: 0 }
    }
}

/// Finds, parses and normalises the front matter at the start of `text` (which has no byte order
/// mark). Problems become diagnostics; nothing here fails.
pub fn read(text: &str, index: &LineIndex) -> Read {
    let split = split::split(text);
    let Some(fenced) = split.front_matter else {
        return Read::none();
    };
    let mut diagnostics = Vec::new();
    let raw = &text[fenced.content.clone()];
    let content_start = fenced.content.start;
    if !fenced.closed {
        let assumed_end = index.position(fenced.content.end.saturating_sub(1)).line;
        diagnostics.push(Diagnostic::error(
            format!("the front matter opened here is never closed: add a `---` line after it (for now it is taken to end at line {assumed_end})"),
            Position { line: 1, column: 1 },
        ));
    }
    let data = match yaml::parse(raw) {
        Ok(data) => data,
        Err(error) => {
            let message = format!("front matter is not valid YAML: {}", error.message);
            diagnostics.push(Diagnostic::error(message, index.position(content_start + error.offset)));
            Value::Null
        }
    };
    let locate = |key: &str| index.position(content_start + key_offset(raw, key));
    let (meta, meta_diagnostics) = meta::normalise(&data, &locate);
    diagnostics.extend(meta_diagnostics);
    let front_matter = FrontMatter {
        format: FrontMatterFormat::Yaml,
        raw: raw.to_string(),
        range: SourceRange { start: 0, end: utf16_len(&text[..fenced.block.end]) },
        start_line: 1,
        end_line: index.position(fenced.block.end.saturating_sub(1)).line,
        closed: fenced.closed,
        data,
    };
    Read { front_matter: Some(front_matter), meta, diagnostics, body_start: split.body_start }
}

/// The byte offset of the line where top-level `key:` is written in `yaml`, or 0.
fn key_offset(yaml: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let unquoted = line.trim_start_matches(['"', '\'']);
        if let Some(rest) = unquoted.strip_prefix(key) {
            if rest.trim_start_matches(['"', '\'']).trim_start().starts_with(':') {
                return offset;
            }
        }
        offset += line.len();
    }
    0
}

pub(crate) fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}
