//! TOML front matter (Hugo, Zola), read by the `postview-toml` crate (the only one that knows
//! the `toml` crate: key order, datetimes as text, errors with a place).
//!
//! Natively it is linked in (this crate's `toml` feature, on by default). The browser build
//! leaves it out, to keep the first download small, and [`provide_parser`]s one that fetches
//! `postview-toml` as a second WebAssembly module the first time a post has TOML front matter
//! (`src/browser/formats.rs`): until it is in, the front matter is [`Provided::Loading`] and a
//! warning says so; the live preview renders again when it arrives. A provided parser wins over
//! the linked one. [`guard::check`] runs first either way.

use std::cell::RefCell;

use super::guard::{self, ParseError};
use super::value::Value;

/// What a provided TOML parser answers.
pub enum Provided {
    /// The text read: its value, or why it is not TOML.
    Parsed(Result<Value, ParseError>),
    /// The parser is not in yet; the text can be read once it is.
    Loading,
    /// The parser cannot be had (it failed to load), and why.
    Unavailable(String),
}

/// A TOML parser from outside this crate: TOML text (already through [`guard::check`]) in.
pub type ProvidedParser = Box<dyn Fn(&str) -> Provided>;

thread_local! {
    static PROVIDED: RefCell<Option<ProvidedParser>> = const { RefCell::new(None) };
}

/// Makes `parser` this thread's TOML parser, in place of the linked one (if any).
pub fn provide_parser(parser: ProvidedParser) {
    PROVIDED.with(|provided| *provided.borrow_mut() = Some(parser));
}

/// Parses TOML text into a [`Value`] (always a map: a TOML document is a table).
pub fn parse(text: &str) -> Result<Value, ParseError> {
    guard::check(text)?;
    let answer = PROVIDED.with(|provided| provided.borrow().as_ref().map(|parser| parser(text)));
    match answer.unwrap_or_else(|| linked(text)) {
        Provided::Parsed(result) => result,
        Provided::Loading => Err(ParseError::not_read_yet(
            "TOML front matter is not read yet: postview's TOML parser is still loading (`loadFormats()` waits for it); its keys show once it is in".into(),
        )),
        Provided::Unavailable(why) => Err(ParseError::refusal(
            format!("TOML front matter is not read: postview's TOML parser is not available ({why}); its keys are not shown"),
            0,
        )),
    }
}

#[cfg(feature = "toml")]
fn linked(text: &str) -> Provided {
    Provided::Parsed(
        postview_toml::parse(text).map(from_toml).map_err(|error| ParseError::invalid(error.message, error.offset)),
    )
}

#[cfg(not(feature = "toml"))]
fn linked(_text: &str) -> Provided {
    Provided::Unavailable("this build of postview has no TOML parser: its `toml` feature is off".into())
}

#[cfg(feature = "toml")]
fn from_toml(value: postview_toml::Value) -> Value {
    use super::value::Map;
    match value {
        postview_toml::Value::Bool(b) => Value::Bool(b),
        postview_toml::Value::Number(n) => Value::Number(n),
        postview_toml::Value::String(s) => Value::String(s),
        postview_toml::Value::List(items) => Value::List(items.into_iter().map(from_toml).collect()),
        postview_toml::Value::Map(entries) => {
            Value::Map(Map(entries.into_iter().map(|(key, value)| (key, from_toml(value))).collect()))
        }
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    #[test]
    fn the_linked_parser_keeps_the_authors_order_and_datetimes_become_text() {
        let value = parse("title = \"你好\"\ndate = 2024-11-22T23:14:24+08:00\nb = 1\na = 2.5\n").unwrap();
        let Value::Map(map) = value else { panic!("{value:?}") };
        let keys: Vec<&str> = map.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["title", "date", "b", "a"]);
        assert_eq!(map.get("date"), Some(&Value::String("2024-11-22T23:14:24+08:00".into())));
        assert_eq!(map.get("a"), Some(&Value::Number(2.5)));
    }
}
