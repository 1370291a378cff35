//! Splitting a post into its front matter and its body: which fence opens it, which format it
//! is in, where it closes (and what to do when it never does).
//!
//! The first line decides:
//!
//! | first line | format | closed by |
//! | --- | --- | --- |
//! | `---` | YAML (Hexo, Jekyll, Astro) | a `---` or `...` line |
//! | `---yaml`, `---toml`, `---json` | that format | a `---` line |
//! | `---` and another word (`---coffee`) | [`FrontMatterFormat::Unknown`]: kept out of the body, not read | a `---` line |
//! | `+++` | TOML (Hugo, Zola) | a `+++` line |
//! | `;;;` | Hexo's JSON members | a `;;;` line |
//! | `{` alone, or `{"` | a JSON object (Hugo) | its matching `}` (the rest of that line goes with it) |
//! | `"key": …` | Hexo's JSON members without the opening `;;;` | a `;;;` line (without one, see the next row) |
//! | `key: value` | Hexo's YAML without the opening `---` ([`super::headless`]) | a `---` line; see there |
//!
//! When a fenced front matter never closes, the author most likely forgot the closing line: it
//! is taken to end at the first blank line, so the body still renders. A lone fence followed by
//! a blank line and never closed is not front matter (`---` is then a thematic break).

use std::ops::Range;

use super::{headless, json, FrontMatterFormat};

/// Where the front matter sits in the source, in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fenced {
    pub format: FrontMatterFormat,
    /// The whole block, fences included.
    pub block: Range<usize>,
    /// The text between the fences (Hugo's JSON: the whole object).
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

impl Split {
    fn none() -> Split {
        Split { front_matter: None, body_start: 0 }
    }

    fn at(front_matter: Fenced) -> Split {
        let body_start = front_matter.block.end;
        Split { front_matter: Some(front_matter), body_start }
    }
}

/// Splits `text` (without a byte order mark) at the end of its front matter, whatever its
/// format (see the module docs). Hexo's fenceless YAML is only a candidate here: the caller
/// keeps it only when it parses as a mapping.
pub fn split(text: &str) -> Split {
    let first = text.split_inclusive('\n').next().unwrap_or("");
    let opening = trim_line(first).trim_end_matches([' ', '\t']);
    let after_opening = first.len();
    let fenced = |format, closing: fn(&str) -> bool| fenced(text, after_opening, format, closing);
    match opening {
        "---" => fenced(FrontMatterFormat::Yaml, |line| line == "---" || line == "..."),
        "+++" => fenced(FrontMatterFormat::Toml, |line| line == "+++"),
        ";;;" => fenced(FrontMatterFormat::HexoJson, |line| line == ";;;"),
        _ if opening.starts_with("---") && is_language(&opening[3..]) => {
            fenced(language_format(&opening[3..]), |line| line == "---")
        }
        "{" => hugo_json(text),
        _ if opening.starts_with("{\"") => hugo_json(text),
        _ => is_json_member(opening)
            .then(|| hexo_json_without_opening(text))
            .flatten()
            .unwrap_or_else(|| hexo_yaml(text)),
    }
}

/// `"key": …`: a quoted key and a colon, as Hexo's JSON members start.
fn is_json_member(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('"') else { return false };
    let mut escaped = false;
    for (at, c) in rest.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return rest[at + 1..].trim_start().starts_with(':'),
            _ => {}
        }
    }
    false
}

/// Hexo's YAML without its opening fence, when [`headless::find`] sees one.
fn hexo_yaml(text: &str) -> Split {
    match headless::find(text) {
        Some(candidate) => Split::at(Fenced {
            format: FrontMatterFormat::HexoYaml,
            block: 0..candidate.block_end,
            content: 0..candidate.content_end,
            closed: true,
        }),
        None => Split::none(),
    }
}

/// `yaml`, `toml`, `coffee`: a word naming a language after an opening `---`.
fn is_language(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn language_format(language: &str) -> FrontMatterFormat {
    match language.to_ascii_lowercase().as_str() {
        "yaml" | "yml" => FrontMatterFormat::Yaml,
        "toml" => FrontMatterFormat::Toml,
        "json" => FrontMatterFormat::Json,
        _ => FrontMatterFormat::Unknown,
    }
}

/// Front matter between an opening line (ending at `content_start`) and a line `closing`
/// accepts, or up to the first blank line when none does.
fn fenced(text: &str, content_start: usize, format: FrontMatterFormat, closing: fn(&str) -> bool) -> Split {
    let mut first_blank = None;
    for (at, line) in lines_with_offsets(text).skip(1) {
        if closing(trim_line(line).trim_end_matches([' ', '\t'])) {
            let end = at + line.len();
            return Split::at(Fenced { format, block: 0..end, content: content_start..at, closed: true });
        }
        if first_blank.is_none() && trim_line(line).trim().is_empty() {
            first_blank = Some(at);
        }
    }
    unclosed(text, content_start, first_blank, format)
}

fn unclosed(text: &str, content_start: usize, first_blank: Option<usize>, format: FrontMatterFormat) -> Split {
    let content_end = first_blank.unwrap_or(text.len()).max(content_start);
    if content_end == content_start && content_end < text.len() {
        return Split::none();
    }
    Split::at(Fenced { format, block: 0..content_end, content: content_start..content_end, closed: false })
}

/// Hugo's object: from the first `{` to the end of the line of its matching `}`.
fn hugo_json(text: &str) -> Split {
    let format = FrontMatterFormat::Json;
    match json::object_end(text) {
        Some(end) => {
            let line_end = text[end..].find('\n').map_or(text.len(), |at| end + at + 1);
            Split::at(Fenced { format, block: 0..line_end, content: 0..line_end, closed: true })
        }
        None => {
            let first_blank = lines_with_offsets(text).find(|(_, line)| trim_line(line).trim().is_empty());
            unclosed(text, 0, first_blank.map(|(at, _)| at), format)
        }
    }
}

/// Hexo's members before a `;;;` line, if there is one.
fn hexo_json_without_opening(text: &str) -> Option<Split> {
    let (at, line) =
        lines_with_offsets(text).find(|(_, line)| trim_line(line).trim_end_matches([' ', '\t']) == ";;;")?;
    Some(Split::at(Fenced {
        format: FrontMatterFormat::HexoJson,
        block: 0..at + line.len(),
        content: 0..at,
        closed: true,
    }))
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
