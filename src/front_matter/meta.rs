//! Post metadata: the front matter keys every blog generator knows (title, date, tags,
//! categories), normalised to one shape, with every other key kept as written.

use serde::Serialize;

use super::date;
use super::value::{Map, Value};
use crate::diagnostic::{Diagnostic, Position};

/// What a post says about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PostMeta {
    pub title: Option<String>,
    pub date: Option<PostDate>,
    /// Always a list: `tags: 线下活动` and `tags: [a, b]` both give a list.
    pub tags: Vec<String>,
    /// Always a list. A nested list (Hexo's `[[Parent, Child]]`) is one category path,
    /// written `Parent / Child`.
    pub categories: Vec<String>,
    /// Every other key, in the author's order.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, Value>"))]
    pub extra: Map,
}

/// A date as written, and its ISO 8601 form when it is a real date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PostDate {
    pub text: String,
    pub iso: Option<String>,
}

/// Reads the metadata out of parsed front matter. `locate` finds where a key is written, so
/// diagnostics point at it.
pub fn normalise(data: &Value, locate: &dyn Fn(&str) -> Position) -> (PostMeta, Vec<Diagnostic>) {
    let mut meta = PostMeta::default();
    let mut diagnostics = Vec::new();
    let Value::Map(map) = data else {
        if *data != Value::Null {
            diagnostics.push(Diagnostic::warning(
                format!("front matter is {}, not `key: value` lines; it was ignored", data.kind()),
                locate(""),
            ));
        }
        return (meta, diagnostics);
    };
    for (key, value) in &map.0 {
        let mut warn = |message: String| diagnostics.push(Diagnostic::warning(message, locate(key)));
        match key.as_str() {
            "title" => meta.title = text_of(key, value, &mut warn),
            "date" => meta.date = date_of(value, &mut warn),
            "tags" => meta.tags = list_of(key, value, &mut warn),
            "categories" => meta.categories = list_of(key, value, &mut warn),
            _ => meta.extra.0.push((key.clone(), value.clone())),
        }
    }
    (meta, diagnostics)
}

fn text_of(key: &str, value: &Value, warn: &mut dyn FnMut(String)) -> Option<String> {
    if *value == Value::Null {
        return None;
    }
    let text = value.as_scalar_text();
    if text.is_none() {
        warn(format!("`{key}` should be text, but it is {}", value.kind()));
    }
    text
}

fn date_of(value: &Value, warn: &mut dyn FnMut(String)) -> Option<PostDate> {
    let text = text_of("date", value, warn)?;
    let iso = date::to_iso(&text);
    if iso.is_none() {
        warn(format!("`date: {text}` is not a date; write it like `2024-11-22` or `2024-11-22 23:14:24`"));
    }
    Some(PostDate { text, iso })
}

/// A scalar or a list of scalars, as a list of non-empty text.
fn list_of(key: &str, value: &Value, warn: &mut dyn FnMut(String)) -> Vec<String> {
    let items = match value {
        Value::Null => return Vec::new(),
        Value::List(items) => items.as_slice(),
        scalar => std::slice::from_ref(scalar),
    };
    let mut list = Vec::new();
    for item in items {
        match item {
            Value::List(path) => {
                list.push(path.iter().filter_map(Value::as_scalar_text).collect::<Vec<_>>().join(" / "))
            }
            Value::Null => {}
            other => match other.as_scalar_text() {
                Some(text) => list.push(text),
                None => warn(format!("`{key}` should be text or a list of text, but it holds {}", other.kind())),
            },
        }
    }
    list.retain(|item| !item.trim().is_empty());
    list
}
