//! Front matter: found by [`split`], checked by [`guard`], parsed by [`yaml`], [`toml`] or
//! [`json`], normalised by [`meta`].

pub mod date;
pub mod guard;
pub mod headless;
pub mod json;
pub mod meta;
pub mod split;
pub mod toml;
pub mod value;
pub mod yaml;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, LineIndex, Position};
use meta::PostMeta;
use value::Value;

/// The front matter formats postview reads (see [`split`] for how each is told apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum FrontMatterFormat {
    /// YAML between `---` lines (Hexo, Jekyll, Astro), or after `---yaml`.
    Yaml,
    /// Hexo's YAML without the opening `---`: `key: value` lines, then a `---` line.
    HexoYaml,
    /// TOML between `+++` lines (Hugo, Zola), or after `---toml`.
    Toml,
    /// A JSON object at the very start (Hugo), or after `---json`.
    Json,
    /// Hexo's JSON: `"key": value` members (no braces needed) before a `;;;` line, optionally
    /// after an opening `;;;` line.
    HexoJson,
    /// A fence naming a language postview does not read (`---coffee`): the block is kept out of
    /// the body, and a diagnostic says it was not read.
    Unknown,
}

impl FrontMatterFormat {
    /// A short name for the post header.
    pub fn label(self) -> &'static str {
        match self {
            FrontMatterFormat::Yaml => "YAML",
            FrontMatterFormat::HexoYaml => "YAML (Hexo, no opening ---)",
            FrontMatterFormat::Toml => "TOML",
            FrontMatterFormat::Json => "JSON",
            FrontMatterFormat::HexoJson => "JSON (Hexo)",
            FrontMatterFormat::Unknown => "unknown format",
        }
    }
}

/// The front matter of a post, as written and as parsed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FrontMatter {
    pub format: FrontMatterFormat,
    /// The text between the fences (for Hugo's JSON, the whole object; for Hexo's fenceless
    /// YAML, the lines before its `---`).
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
#[derive(Debug, Clone)]
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
pub fn read(text: &str) -> Read {
    let split = split::split(text);
    let Some(fenced) = split.front_matter else {
        return Read::none();
    };
    // Every position given here is inside the block: its lines are all the index needs (an
    // index of the whole post cost a live preview a pass over it on every keystroke).
    let index = LineIndex::new(&text[..fenced.block.end]);
    let raw = &text[fenced.content.clone()];
    let content_start = fenced.content.start;
    let parsed = parse(fenced.format, raw, text);
    if fenced.format == FrontMatterFormat::HexoYaml && !is_hexo_front_matter(&parsed) {
        return Read::none();
    }
    let mut diagnostics = Vec::new();
    if !fenced.closed {
        let assumed_end = index.position(fenced.content.end.saturating_sub(1)).line;
        let close = match text.starts_with('{') {
            true => "close its `{` with a matching `}`".to_string(),
            false => format!("add a `{}` line after it", closing_line(text)),
        };
        diagnostics.push(Diagnostic::error(
            format!("the front matter opened here is never closed: {close} (for now it is taken to end at line {assumed_end})"),
            Position { line: 1, column: 1 },
        ));
    }
    let data = match parsed {
        Ok(data) => data,
        Err(error) => {
            // An unknown language is named on the opening line, after `---`.
            let at = if fenced.format == FrontMatterFormat::Unknown { 3 } else { content_start + error.offset };
            diagnostics.push(Diagnostic::new(error.severity, error.message, index.position(at)));
            Value::Null
        }
    };
    let locate = |key: &str| index.position(content_start + key_offset(raw, key));
    let (meta, meta_diagnostics) = meta::normalise(&data, &locate);
    diagnostics.extend(meta_diagnostics);
    let front_matter = FrontMatter {
        format: fenced.format,
        raw: raw.to_string(),
        range: SourceRange { start: 0, end: crate::bytes::utf16_len(&text[..fenced.block.end]) },
        start_line: 1,
        end_line: index.position(fenced.block.end.saturating_sub(1)).line,
        closed: fenced.closed,
        data,
    };
    Read { front_matter: Some(front_matter), meta, diagnostics, body_start: split.body_start }
}

/// The front matter text parsed in its format; errors carry messages that name the format.
fn parse(format: FrontMatterFormat, raw: &str, text: &str) -> Result<Value, guard::ParseError> {
    let (result, name) = match format {
        FrontMatterFormat::Yaml | FrontMatterFormat::HexoYaml => (yaml::parse(raw), "YAML"),
        FrontMatterFormat::Toml => (toml::parse(raw), "TOML"),
        FrontMatterFormat::Json => (json::parse(raw, json::Shape::Object), "JSON"),
        FrontMatterFormat::HexoJson => (json::parse(raw, json::Shape::Members), "JSON"),
        FrontMatterFormat::Unknown => {
            let language = text.lines().next().unwrap_or("").trim_start_matches('-').trim();
            let message = format!(
                "front matter in `{language}` is not read: postview reads YAML (`---`), TOML (`+++`, `---toml`) and JSON (`{{`, `;;;`, `---json`); its keys are not shown"
            );
            return Err(guard::ParseError::refusal(message, 0));
        }
    };
    result.map_err(|mut error| {
        if !error.refused {
            error.message = format!("front matter is not valid {name}: {}", error.message);
        }
        error
    })
}

/// Hexo's fenceless YAML counts when it is a mapping, or fails only on a repeated key, or was
/// refused unread (too big, too deep): see [`headless`].
fn is_hexo_front_matter(parsed: &Result<Value, guard::ParseError>) -> bool {
    match parsed {
        Ok(value) => matches!(value, Value::Map(_)),
        Err(error) => error.refused || error.message.contains("duplicate entry"),
    }
}

/// The line that closes the front matter `text` opens with.
fn closing_line(text: &str) -> &'static str {
    match text.get(..3) {
        Some("+++") => "+++",
        Some(";;;") => ";;;",
        _ => "---",
    }
}

/// The byte offset of the line where top-level `key` is given in `raw` (`key:` in YAML and
/// JSON, `key =` or `[key]` in TOML, the key quoted or not; an unindented one first), or 0.
fn key_offset(raw: &str, key: &str) -> usize {
    let gives_key = |line: &str| {
        let table = line.strip_prefix('[').and_then(|rest| rest.strip_prefix(key));
        let unquoted = line.trim_start_matches(['"', '\'']);
        table.is_some_and(|rest| rest.starts_with(']'))
            || unquoted
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start_matches(['"', '\'', ' ', '\t']).starts_with([':', '=']))
    };
    let lines = || {
        raw.split_inclusive('\n').scan(0, |offset, line| {
            let at = *offset;
            *offset += line.len();
            Some((at, line))
        })
    };
    let unindented = lines().find(|(_, line)| gives_key(line));
    let indented = || lines().find(|(_, line)| gives_key(line.trim_start()));
    unindented.or_else(indented).map_or(0, |(at, _)| at)
}
