//! HTML normalisation for spec comparisons, after the CommonMark spec's test/normalize.py:
//! whitespace collapsed outside `<pre>` and dropped around block tags, attributes sorted,
//! character references decoded and the four special characters re-escaped, so that two
//! renderings that differ only in insignificant ways compare equal.

const BLOCK_TAGS: &[&str] = &[
    "article",
    "header",
    "aside",
    "hgroup",
    "blockquote",
    "hr",
    "iframe",
    "body",
    "li",
    "map",
    "button",
    "object",
    "canvas",
    "ol",
    "caption",
    "output",
    "col",
    "p",
    "colgroup",
    "pre",
    "dd",
    "progress",
    "div",
    "section",
    "dl",
    "table",
    "td",
    "dt",
    "tbody",
    "embed",
    "textarea",
    "fieldset",
    "tfoot",
    "figcaption",
    "th",
    "figure",
    "thead",
    "footer",
    "tr",
    "form",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "video",
    "script",
    "style",
];

#[derive(PartialEq, Clone, Copy)]
enum Last {
    Nothing,
    StartTag,
    EndTag,
    Other,
}

struct Normaliser {
    output: String,
    last: Last,
    last_tag: String,
    in_pre: bool,
}

/// `html` in normal form.
pub fn normalize(html: &str) -> String {
    let mut n = Normaliser { output: String::new(), last: Last::Nothing, last_tag: String::new(), in_pre: false };
    let mut rest = html;
    while !rest.is_empty() {
        let (token_len, handled) = n.markup(rest);
        if handled {
            rest = &rest[token_len..];
            continue;
        }
        // Text runs to the next `<` that could start markup (at least one character).
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let end = rest[first..].find('<').map_or(rest.len(), |i| i + first);
        n.text(&rest[..end]);
        rest = &rest[end..];
    }
    n.output
}

impl Normaliser {
    /// Handles the markup `rest` starts with, if any; returns its length and whether it was markup.
    fn markup(&mut self, rest: &str) -> (usize, bool) {
        let verbatim = [("<!--", "-->"), ("<?", ">"), ("<!", ">")];
        for (open, close) in verbatim {
            if let Some(after) = rest.strip_prefix(open) {
                let Some(end) = after.find(close) else { return (0, false) };
                let len = open.len() + end + close.len();
                self.output.push_str(&rest[..len]);
                self.last = Last::Other;
                return (len, true);
            }
        }
        let closing = rest.starts_with("</");
        let name_start = if closing { 2 } else { 1 };
        if !rest.starts_with('<') || !rest[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return (0, false);
        }
        let Some(tag) = Tag::parse(rest, name_start) else { return (0, false) };
        if closing {
            self.end_tag(&tag.name);
        } else {
            self.start_tag(&tag);
        }
        (tag.len, true)
    }

    fn text(&mut self, raw: &str) {
        let mut data = decode_references(raw);
        let after_tag = matches!(self.last, Last::StartTag | Last::EndTag);
        if after_tag && self.last_tag == "br" {
            data = data.trim_start_matches('\n').to_string();
        }
        if !self.in_pre {
            data = collapse_whitespace(&data);
        }
        if after_tag && is_block(&self.last_tag) && !self.in_pre {
            data = match self.last {
                Last::StartTag => data.trim_start().to_string(),
                _ => data.trim().to_string(),
            };
        }
        self.output.push_str(&escape(&data));
        self.last = Last::Other;
    }

    fn start_tag(&mut self, tag: &Tag) {
        if tag.name == "pre" {
            self.in_pre = true;
        }
        if is_block(&tag.name) {
            self.trim_output_end();
        }
        self.output.push('<');
        self.output.push_str(&tag.name);
        let mut attributes = tag.attributes.clone();
        attributes.sort();
        for (name, value) in attributes {
            self.output.push(' ');
            self.output.push_str(&name);
            if let Some(value) = value {
                self.output.push_str(&format!("=\"{}\"", escape(&value)));
            }
        }
        self.output.push('>');
        self.last_tag = tag.name.clone();
        self.last = if tag.self_closing { Last::EndTag } else { Last::StartTag };
    }

    fn end_tag(&mut self, name: &str) {
        if name == "pre" {
            self.in_pre = false;
        } else if is_block(name) {
            self.trim_output_end();
        }
        self.output.push_str(&format!("</{name}>"));
        self.last_tag = name.to_string();
        self.last = Last::EndTag;
    }

    fn trim_output_end(&mut self) {
        let kept = self.output.trim_end().len();
        self.output.truncate(kept);
    }
}

/// A start or end tag: its lower-cased name, attributes, and length in the source.
struct Tag {
    name: String,
    attributes: Vec<(String, Option<String>)>,
    self_closing: bool,
    len: usize,
}

impl Tag {
    fn parse(source: &str, name_start: usize) -> Option<Tag> {
        let bytes = source.as_bytes();
        let mut i = name_start;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
            i += 1;
        }
        let name = source[name_start..i].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len()
                && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/' && bytes.get(i + 1) != Some(&b'>'))
            {
                i += 1;
            }
            match bytes.get(i)? {
                b'>' => return Some(Tag { name, attributes, self_closing: false, len: i + 1 }),
                b'/' => return Some(Tag { name, attributes, self_closing: true, len: i + 2 }),
                _ => {}
            }
            let start = i;
            while i < bytes.len() && !b" \t\n\r\x0c=>/".contains(&bytes[i]) {
                i += 1;
            }
            let attribute = source[start..i].to_ascii_lowercase();
            let value = if bytes.get(i) == Some(&b'=') {
                i += 1;
                let (value, end) = attribute_value(source, i)?;
                i = end;
                Some(decode_references(value))
            } else {
                None
            };
            attributes.push((attribute, value));
        }
    }
}

/// The value starting at `start` (quoted or not) and the index just after it.
fn attribute_value(source: &str, start: usize) -> Option<(&str, usize)> {
    let bytes = source.as_bytes();
    match bytes.get(start)? {
        quote @ (b'"' | b'\'') => {
            let end = start + 1 + source[start + 1..].find(*quote as char)?;
            Some((&source[start + 1..end], end + 1))
        }
        _ => {
            let end =
                source[start..].find(|c: char| c.is_ascii_whitespace() || c == '>').map_or(source.len(), |e| start + e);
            Some((&source[start..end], end))
        }
    }
}

/// Every run of whitespace as one space, as normalize.py's `re.sub(r'\s+', ' ', data)` does.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.ends_with(' ') || out.is_empty() {
            out.push(' ');
        }
    }
    out
}

fn is_block(tag: &str) -> bool {
    BLOCK_TAGS.contains(&tag)
}

/// Decodes the character references both renderers use for special characters; any other
/// reference is left as written (on both sides alike).
fn decode_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| Some((reference(&rest[1..end])?, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    let numeric = |digits: &str, radix| u32::from_str_radix(digits, radix).ok().and_then(char::from_u32);
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => numeric(&hex[1..], 16),
            Some(decimal) => numeric(decimal, 10),
            None => None,
        },
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn insignificant_differences_disappear() {
        assert_eq!(normalize("<p>a\n  b</p>\n<ul>\n<li>x</li>\n</ul>\n"), normalize("<p>a b</p><ul><li>x</li></ul>"));
        assert_eq!(normalize(r#"<a title="t" href="u">x</a>"#), normalize(r#"<a href="u" title="t">x</a>"#));
        assert_eq!(normalize("<p>&quot;&#34;</p>"), normalize("<p>\"\"</p>"));
        assert_eq!(normalize("<br />\nx"), normalize("<br>x"));
        assert_eq!(normalize("中文 <em>强调</em>\n"), "中文 <em>强调</em> ");
    }

    #[test]
    fn significant_differences_stay() {
        assert_ne!(normalize("<p>a b</p>"), normalize("<p>ab</p>"));
        assert_ne!(normalize("<pre><code>a\n  b</code></pre>"), normalize("<pre><code>a b</code></pre>"));
        assert_ne!(normalize("<em>x</em>"), normalize("<strong>x</strong>"));
        assert_ne!(normalize(r#"<a href="u">x</a>"#), normalize(r#"<a href="v">x</a>"#));
    }
}
