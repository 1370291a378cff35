//! TOML front matter (Hugo, Zola) for postview: the only crate that knows the `toml` crate.
//!
//! Parsed with `toml`'s spanned document tree (no serde, no writer), so keys come back in the
//! order the author wrote them (sorted by where they start) and errors come with a place. TOML
//! datetimes become their text (`2024-11-22T23:14:24+08:00`), which postview reads like any
//! other date.
//!
//! Natively, postview links this crate in (its `toml` feature, on by default). In the browser it
//! is a second WebAssembly module (`pkg/lazy/toml/`, built by `make build`), fetched the first
//! time a post has TOML front matter, so the first download stays without it: [`parse`] is then
//! exported to JavaScript as plain data (`wasm.rs`). Callers run postview's size and nesting
//! guard first; `toml` also stops recursing at 80 levels of dotted keys or tables by itself.

use toml::de::{DeTable, DeValue};
use toml::Spanned;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// A TOML value, as postview keeps front matter (TOML has no null).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    /// Key/value pairs in the author's order.
    Map(Vec<(String, Value)>),
}

/// Why the text is not TOML, and where: a byte offset into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub offset: usize,
}

/// Parses TOML text into a [`Value::Map`] (a TOML document is a table).
pub fn parse(text: &str) -> Result<Value, Error> {
    let table = DeTable::parse(text).map_err(|error| Error {
        message: error.message().trim_end().to_string(),
        offset: error.span().map_or(0, |span| span.start),
    })?;
    Ok(Value::Map(convert_table(table.into_inner())))
}

fn convert_table(table: DeTable<'_>) -> Vec<(String, Value)> {
    let mut entries: Vec<(usize, String, Value)> = table
        .into_iter()
        .map(|(key, value)| (key.span().start, key.into_inner().into_owned(), convert(value)))
        .collect();
    entries.sort_by_key(|(at, _, _)| *at);
    entries.into_iter().map(|(_, key, value)| (key, value)).collect()
}

fn convert(value: Spanned<DeValue<'_>>) -> Value {
    match value.into_inner() {
        DeValue::String(s) => Value::String(s.into_owned()),
        DeValue::Integer(n) => {
            let number = i64::from_str_radix(n.as_str(), n.radix()).map_or(f64::NAN, |n| n as f64);
            Value::Number(number)
        }
        DeValue::Float(f) => Value::Number(float(f.as_str())),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(datetime) => Value::String(datetime.to_string()),
        DeValue::Array(items) => Value::List(items.into_iter().map(convert).collect()),
        DeValue::Table(table) => Value::Map(convert_table(table)),
    }
}

/// TOML's float text (`inf`, `-nan` included) as a number.
fn float(text: &str) -> f64 {
    match text.trim_start_matches(['+', '-']) {
        "nan" => f64::NAN,
        _ => text.parse().unwrap_or(f64::NAN),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Vec<(String, Value)> {
        match parse(text) {
            Ok(Value::Map(entries)) => entries,
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    fn get<'a>(entries: &'a [(String, Value)], key: &str) -> Option<&'a Value> {
        entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    #[test]
    fn keys_keep_the_authors_order_and_datetimes_become_text() {
        let map = entries("title = \"你好\"\ndate = 2024-11-22T23:14:24+08:00\nb = 1\na = 2.5\n");
        let keys: Vec<&str> = map.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["title", "date", "b", "a"]);
        assert_eq!(get(&map, "date"), Some(&Value::String("2024-11-22T23:14:24+08:00".into())));
        assert_eq!(get(&map, "b"), Some(&Value::Number(1.0)));
        assert_eq!(get(&map, "a"), Some(&Value::Number(2.5)));
    }

    #[test]
    fn integers_in_every_radix_and_special_floats_are_numbers() {
        let map = entries("h = 0xff\nu = 1_000\ni = -inf\n");
        assert_eq!(get(&map, "h"), Some(&Value::Number(255.0)));
        assert_eq!(get(&map, "u"), Some(&Value::Number(1000.0)));
        assert_eq!(get(&map, "i"), Some(&Value::Number(f64::NEG_INFINITY)));
    }

    #[test]
    fn an_error_says_where_in_the_text() {
        let error = parse("title = \"ok\"\ndate = = 1\n").unwrap_err();
        assert_eq!(&"title = \"ok\"\ndate = = 1\n"[error.offset..][..1], "=");
        assert!(!error.message.is_empty());
    }
}
