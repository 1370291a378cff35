//! YAML front matter: the only file that knows serde_yaml.
//!
//! serde_yaml refuses alias bombs and stops at 128 levels of nesting, but deep *flow* nesting
//! (`[[[[…`) is slow in it, so text that could stall the preview is refused before it is parsed.

use super::value::{Map, Value};

/// Front matter larger than this is not parsed. Real posts have a few hundred bytes of it.
pub const MAX_LEN: usize = 256 * 1024;
/// Deeper `[`/`{` nesting than this is not parsed. Real posts nest two or three levels.
pub const MAX_FLOW_DEPTH: usize = 64;

/// Why some YAML could not be read, and where (a byte offset into the YAML text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub offset: usize,
}

/// Parses YAML text into a [`Value`].
pub fn parse(text: &str) -> Result<Value, YamlError> {
    guard(text)?;
    let value: serde_yaml::Value = serde_yaml::from_str(text)
        .map_err(|error| YamlError { message: describe(&error), offset: error.location().map_or(0, |l| l.index()) })?;
    Ok(convert(value))
}

fn guard(text: &str) -> Result<(), YamlError> {
    if text.len() > MAX_LEN {
        return Err(YamlError {
            message: format!(
                "front matter is {} KB, more than the {} KB this previewer reads; move long content into the body",
                text.len() / 1024,
                MAX_LEN / 1024
            ),
            offset: 0,
        });
    }
    match deepest_flow_nesting(text) {
        Some(offset) => Err(YamlError {
            message: format!(
                "brackets nest more than {MAX_FLOW_DEPTH} levels deep here; front matter this deep is not read"
            ),
            offset,
        }),
        None => Ok(()),
    }
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

/// serde_yaml's message without its own "at line … column …": ours points into the editor.
fn describe(error: &serde_yaml::Error) -> String {
    let message = error.to_string();
    match message.find(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
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
