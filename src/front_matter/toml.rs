//! TOML front matter (Hugo, Zola): the only file that knows the `toml` crate.
//!
//! Parsed with `toml`'s spanned document tree (no serde, no writer), so keys come back in the
//! order the author wrote them (sorted by where they start) and errors come with a place. TOML
//! datetimes become their text (`2024-11-22T23:14:24+08:00`), which [`super::date`] reads like
//! any other date. [`guard::check`] runs first; `toml` also stops recursing at 80 levels of
//! dotted keys or tables by itself.

use ::toml::de::{DeTable, DeValue};
use ::toml::Spanned;

use super::guard::{self, ParseError};
use super::value::{Map, Value};

/// Parses TOML text into a [`Value`] (always a map: a TOML document is a table).
pub fn parse(text: &str) -> Result<Value, ParseError> {
    guard::check(text)?;
    let table = DeTable::parse(text).map_err(|error| ParseError {
        message: error.message().trim_end().to_string(),
        offset: error.span().map_or(0, |span| span.start),
        refused: false,
    })?;
    Ok(Value::Map(convert_table(table.into_inner())))
}

fn convert_table(table: DeTable<'_>) -> Map {
    let mut entries: Vec<(usize, String, Value)> = table
        .into_iter()
        .map(|(key, value)| (key.span().start, key.into_inner().into_owned(), convert(value)))
        .collect();
    entries.sort_by_key(|(at, _, _)| *at);
    Map(entries.into_iter().map(|(_, key, value)| (key, value)).collect())
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

    #[test]
    fn keys_keep_the_authors_order_and_datetimes_become_text() {
        let value = parse("title = \"你好\"\ndate = 2024-11-22T23:14:24+08:00\nb = 1\na = 2.5\n").unwrap();
        let Value::Map(map) = value else { panic!("{value:?}") };
        let keys: Vec<&str> = map.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["title", "date", "b", "a"]);
        assert_eq!(map.get("date"), Some(&Value::String("2024-11-22T23:14:24+08:00".into())));
        assert_eq!(map.get("b"), Some(&Value::Number(1.0)));
        assert_eq!(map.get("a"), Some(&Value::Number(2.5)));
    }

    #[test]
    fn integers_in_every_radix_and_special_floats_are_numbers() {
        let Value::Map(map) = parse("h = 0xff\nu = 1_000\ni = -inf\n").unwrap() else { panic!() };
        assert_eq!(map.get("h"), Some(&Value::Number(255.0)));
        assert_eq!(map.get("u"), Some(&Value::Number(1000.0)));
        assert_eq!(map.get("i"), Some(&Value::Number(f64::NEG_INFINITY)));
    }
}
