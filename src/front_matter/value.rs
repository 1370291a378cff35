//! The parsed front matter as plain data: what every front matter format can say, and what
//! crosses to JavaScript as an ordinary object.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// A front matter value. Maps keep the order the author wrote their keys in.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    Map(Map),
}

/// Key/value pairs in the author's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map(pub Vec<(String, Value)>);

impl Map {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Value {
    /// The value as one line of text, if it is a scalar: what a tag or a title can be made of.
    pub fn as_scalar_text(&self) -> Option<String> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(format_number(*n)),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::List(_) | Value::Map(_) => None,
        }
    }

    /// A short name for the value's kind, for diagnostics.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a true/false value",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::List(_) => "a list",
            Value::Map(_) => "a set of keys",
        }
    }
}

/// Whole numbers print without a fraction: `2024`, not `2024.0`. Others by ryu (shortest form
/// that reads back the same, `1.5e-7` rather than `0.00000015`), which serde_yaml links anyway:
/// `f64`'s own Display would add core's float printer (~17 KB of wasm) for this alone.
fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        ryu::Buffer::new().format(n).to_owned()
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => serializer.serialize_f64(*n),
            Value::String(s) => serializer.serialize_str(s),
            Value::List(items) => items.serialize(serializer),
            Value::Map(map) => map.serialize(serializer),
        }
    }
}

impl Serialize for Map {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::Value;

    #[test]
    fn numbers_print_as_written_whole_ones_without_a_fraction() {
        let text = |n: f64| Value::Number(n).as_scalar_text().unwrap();
        assert_eq!(text(2024.0), "2024");
        assert_eq!(text(-3.0), "-3");
        assert_eq!(text(0.1), "0.1");
        assert_eq!(text(4.25), "4.25");
        assert_eq!(text(1.5e-7), "1.5e-7");
        assert_eq!(text(f64::INFINITY), "inf");
        assert_eq!(text(f64::NAN), "NaN");
    }
}
