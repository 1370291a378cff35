//! YAML front matter: the only file that knows serde_yaml.
//!
//! serde_yaml refuses alias bombs and stops at 128 levels of nesting, but deep *flow* nesting
//! (`[[[[…`) is slow in it, so [`guard::check`] runs first, and more than a few aliases are
//! refused too (serde_yaml refuses a bomb itself, but only after tens of milliseconds).

use super::guard::{self, ParseError};
use super::value::{Map, Value};

/// More aliases (`*name`) than this are not parsed. k aliases can expand a document about
/// 3^(k/3) times (three to a level, each level naming the one before): at 16, a few hundred.
pub const MAX_ALIASES: usize = 16;

/// Parses YAML text into a [`Value`].
pub fn parse(text: &str) -> Result<Value, ParseError> {
    guard(text)?;
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|error| describe(text, &error))?;
    Ok(convert(value))
}

fn guard(text: &str) -> Result<(), ParseError> {
    guard::check(text)?;
    if let Some(offset) = aliases(text).nth(MAX_ALIASES) {
        return Err(ParseError::refusal(
            format!(
                "front matter uses more than {MAX_ALIASES} aliases (`*name`); front matter with this many is not read"
            ),
            offset,
        ));
    }
    Ok(())
}

/// The offsets of the aliases (`*name` where a value starts: after `: `, `- `, `[`, `{` or `,`),
/// skipping quoted text. A `*` inside a plain scalar (`a * b`) is not one.
fn aliases(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut quote = None;
    let mut value_starts = true;
    text.char_indices().filter_map(move |(at, c)| {
        let alias = quote.is_none() && value_starts && c == '*';
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '\n') | (None, '\n') => {
                quote = None;
                value_starts = true;
            }
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, ' ' | '\t') => {}
            (None, '[' | '{' | ',') => value_starts = true,
            (None, ':' | '-') => value_starts = text[at + 1..].starts_with([' ', '\t', '\n']),
            (None, _) => value_starts = false,
        }
        alias.then_some(at)
    })
}

/// serde_yaml's message without its own "at line … column …" and "at position …" (ours point
/// into the editor), and the place it is about: where the problem is or, when the text just ran
/// out (an unclosed quote or bracket), where the unclosed thing opened.
fn describe(text: &str, error: &serde_yaml::Error) -> ParseError {
    let full = error.to_string();
    let mut message = String::new();
    let mut marks = Vec::new();
    let mut rest = full.as_str();
    while let Some(at) = rest.find(" at ") {
        message.push_str(&rest[..at]);
        rest = &rest[at + " at ".len()..];
        match mark(text, rest) {
            Some((offset, length)) => {
                marks.push(offset);
                rest = &rest[length..];
            }
            None => message.push_str(" at "),
        }
    }
    message.push_str(rest);
    let mut offset = error.location().map_or(0, |l| l.index());
    if offset == 0 {
        // Reader errors (control characters) give their place only in the message.
        offset = marks.first().copied().unwrap_or(0);
    }
    let ran_out = text.get(offset..).is_some_and(|rest| rest.trim().is_empty());
    if let ([_, .., context], true) = (marks.as_slice(), ran_out) {
        offset = *context;
    }
    if let Some(key) = message.split_once("duplicate entry with key \"").and_then(|(_, key)| key.strip_suffix('"')) {
        offset = second_key_offset(text, offset, key).unwrap_or(offset);
    }
    ParseError::invalid(message, offset)
}

/// serde_yaml places a duplicate key at the start of its mapping; the author wants the line
/// that repeats it. Finds the second `key:` at the mapping's indentation, for block mappings.
fn second_key_offset(text: &str, mapping: usize, key: &str) -> Option<usize> {
    let line_start = text.get(..mapping)?.rfind('\n').map_or(0, |at| at + 1);
    let indent = text[line_start..mapping].chars().count();
    let mut offset = line_start;
    let mut seen = 0;
    for (n, line) in text[line_start..].split_inclusive('\n').enumerate() {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let content = if n == 0 { &line[mapping - line_start..] } else { line.get(indent..).unwrap_or("") };
        if n > 0 && !line.trim().is_empty() && spaces < indent {
            return None;
        }
        let unquoted = content.strip_prefix(['"', '\'']).unwrap_or(content);
        let is_key = (n == 0 || spaces == indent)
            && unquoted
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start_matches(['"', '\'', ' ']).starts_with(':'));
        if is_key {
            seen += 1;
            if seen == 2 {
                return Some(offset + line.len() - content.len());
            }
        }
        offset += line.len();
    }
    None
}

/// Reads `line L column C` or `position P` at the start of `message`: the byte offset it means
/// in `text`, and how much of `message` it took.
fn mark(text: &str, message: &str) -> Option<(usize, usize)> {
    fn number(s: &str) -> Option<(usize, &str)> {
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        Some((s[..end].parse().ok()?, &s[end..]))
    }
    if let Some(rest) = message.strip_prefix("position ") {
        let (position, after) = number(rest)?;
        return Some((position.min(text.len()), message.len() - after.len()));
    }
    let (line, rest) = number(message.strip_prefix("line ")?)?;
    let (column, after) = number(rest.strip_prefix(" column ")?)?;
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let within: usize = text[line_start..].chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
    Some((line_start + within, message.len() - after.len()))
}

fn convert(value: serde_yaml::Value) -> Value {
    match value {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => Value::List(items.into_iter().map(convert).collect()),
        serde_yaml::Value::Mapping(mapping) => {
            Value::Map(Map(mapping.into_iter().map(|(key, value)| (key_text(key), convert(value))).collect()))
        }
        serde_yaml::Value::Tagged(tagged) => convert(tagged.value),
    }
}

/// Keys become text: `2024: x` and `true: x` are keys "2024" and "true".
fn key_text(key: serde_yaml::Value) -> String {
    match convert(key) {
        Value::Null => String::new(),
        value => value.as_scalar_text().unwrap_or_else(|| format!("{value:?}")),
    }
}
