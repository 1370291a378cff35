//! JSON front matter: Hugo's leading `{ … }` object and Hexo's members before a `;;;` line.
//!
//! JSON is read with the YAML parser postview already ships (serde_yaml): a JSON object is a
//! YAML flow mapping, with the same errors, places and duplicate-key check, and no second parser
//! in the download (serde_json would add about 28 KB gzipped). YAML is the more lenient of the
//! two: a trailing comma or an unquoted key that JSON would refuse is read. The one thing of
//! JSON's that YAML lacks, a UTF-16 surrogate pair escape (`"\ud83d\ude00"`), is rewritten to
//! YAML's `\U0001f600` first (positions after it on its line then shift by two).

use super::guard::ParseError;
use super::value::Value;
use super::yaml;

/// How the JSON is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A whole object, `{ … }` (Hugo).
    Object,
    /// Members without their braces, `"title": "…", "date": "…"`, as Hexo writes them before
    /// `;;;` (Hexo reads them inside `{` and `}`). A whole object is taken as well.
    Members,
}

/// Parses JSON front matter text into a [`Value`].
pub fn parse(text: &str, shape: Shape) -> Result<Value, ParseError> {
    let wrapped = shape == Shape::Members && !text.trim_start().starts_with('{');
    let json = if wrapped { format!("{{{text}\n}}") } else { text.to_string() };
    yaml::parse(&surrogate_pairs_to_yaml(&json)).map_err(|mut error| {
        if wrapped {
            error.offset = error.offset.saturating_sub(1).min(text.len());
        }
        if let Some(key) =
            error.message.split_once("duplicate entry with key \"").and_then(|(_, k)| k.strip_suffix('"'))
        {
            error.offset = second_member(text, error.offset, key).unwrap_or(error.offset);
        }
        error
    })
}

/// serde_yaml places a duplicate key at the start of its object; the author wants the member
/// that repeats it: the second `"key":` from `object` on.
fn second_member(text: &str, object: usize, key: &str) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    let mut members = text
        .get(object..)?
        .match_indices(&quoted)
        .filter(|(at, _)| text[object + at + quoted.len()..].trim_start().starts_with(':'));
    members.nth(1).map(|(at, _)| object + at)
}

/// Where the object that opens `text` ends: the byte offset just after its matching `}`, or
/// `None` when it never closes. Braces inside strings do not count.
pub fn object_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match (in_string, c) {
            (true, _) if escaped => escaped = false,
            (true, '\\') => escaped = true,
            (true, '"') => in_string = false,
            (true, _) => {}
            (false, '"') => in_string = true,
            (false, '{' | '[') => depth += 1,
            (false, '}' | ']') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(at + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// `\ud83d\ude00` (a UTF-16 surrogate pair, which JSON allows and YAML refuses) as `\U0001f600`.
fn surrogate_pairs_to_yaml(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(at) = rest.find("\\u") {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let high = escape.get(2..6).and_then(|h| u32::from_str_radix(h, 16).ok());
        let low = escape
            .get(6..8)
            .filter(|u| *u == "\\u")
            .and_then(|_| escape.get(8..12))
            .and_then(|l| u32::from_str_radix(l, 16).ok());
        match (high, low) {
            (Some(high @ 0xd800..=0xdbff), Some(low @ 0xdc00..=0xdfff)) => {
                let code = 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00);
                out.push_str(&format!("\\U{code:08x}"));
                rest = &escape[12..];
            }
            _ => {
                out.push_str("\\u");
                rest = &escape[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_ends_at_its_matching_brace_and_braces_in_strings_do_not_count() {
        let text = "{\n  \"title\": \"a } b\",\n  \"tags\": [\"{\"]\n}\n正文 }\n";
        assert_eq!(object_end(text), Some(text.find("}\n正文").unwrap() + 1));
        assert_eq!(object_end("{\"a\": {\"b\": 1}"), None);
        assert_eq!(object_end("{\"a\": \"\\\"}\"}"), Some(12));
    }

    #[test]
    fn surrogate_pair_escapes_are_read_as_the_character_they_make() {
        let Value::Map(map) = parse(r#"{"t": "笑\ud83d\ude00\u00e9"}"#, Shape::Object).unwrap() else { panic!() };
        assert_eq!(map.get("t"), Some(&Value::String("笑😀é".into())));
    }

    #[test]
    fn members_without_braces_are_read_inside_braces_and_errors_point_into_them() {
        let Value::Map(map) = parse("\"title\": \"你好\",\n\"draft\": true\n", Shape::Members).unwrap() else {
            panic!()
        };
        assert_eq!(map.get("draft"), Some(&Value::Bool(true)));
        let error = parse("\"title\": \"你好\"\n\"draft\": true\n", Shape::Members).unwrap_err();
        assert_eq!(error.offset, "\"title\": \"你好\"\n".len());
    }
}
