//! Event-handler (`on…`) and `style` attributes, and `<style>` elements, taken out of raw HTML
//! before a sanitizer parses it. DOMPurify removes them anyway; but under a Content-Security-Policy without
//! `'unsafe-inline'` (the page's, and a careful CMS's) the browser reports every such attribute
//! as a violation the moment its parser meets it, in any document, an inert one included: a
//! hostile post filled the console, and a CMS's report endpoint, on every keystroke. Nothing
//! here is a safety measure (the sanitizer is): it only spares the parser what it would report.
//!
//! Tags are read as the HTML standard's tokenizer reads them in its data state (comments, raw
//! text elements, quoted and unquoted values, `/` between attributes, a missing space after a
//! quoted value); where this reading and the browser's could differ, the text is left as it is,
//! which at worst leaves a report behind, never a change to what the post shows.

use std::borrow::Cow;

/// Elements whose content is text up to their own end tag (outside SVG and MathML). A
/// `DOMParser` document, which DOMPurify parses in, runs no script, so `<noscript>` is not one.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// `html` without `on…` and `style` attributes in its start tags and without `<style>` elements
/// (outside SVG and MathML); borrowed when it has none.
pub fn strip(html: &str) -> Cow<'_, str> {
    let mut reader = Reader { html, bytes: html.as_bytes(), out: String::new(), copied: 0, foreign: 0 };
    reader.read();
    match reader.copied {
        0 => Cow::Borrowed(html),
        copied => {
            reader.out.push_str(&html[copied..]);
            Cow::Owned(reader.out)
        }
    }
}

struct Reader<'a> {
    html: &'a str,
    bytes: &'a [u8],
    /// What is kept of `html[..copied]` (nothing is copied until something is taken out).
    out: String,
    copied: usize,
    /// How many `<svg>` and `<math>` elements are open (roughly: their content is foreign).
    foreign: usize,
}

impl<'a> Reader<'a> {
    fn read(&mut self) {
        let mut at = 0;
        while let Some(offset) = self.bytes[at..].iter().position(|&b| b == b'<') {
            let lt = at + offset;
            at = match self.bytes.get(lt + 1) {
                Some(b'!') => self.markup_declaration(lt),
                Some(b'?') => self.until_after(lt, b">"),
                Some(b'/') => self.end_tag(lt),
                Some(c) if c.is_ascii_alphabetic() => self.start_tag(lt),
                _ => lt + 1,
            };
        }
    }

    /// After a comment, a CDATA section or a doctype-like declaration starting at `lt`.
    fn markup_declaration(&self, lt: usize) -> usize {
        let rest = &self.bytes[lt..];
        if rest.starts_with(b"<!--") {
            let body = lt + 4;
            // `<!-->` and `<!--->` are whole (empty) comments.
            return match &self.bytes[body..] {
                [b'>', ..] => body + 1,
                [b'-', b'>', ..] => body + 2,
                _ => self.comment_end(body),
            };
        }
        if self.foreign > 0 && rest.starts_with(b"<![CDATA[") {
            return self.until_after(lt + 9, b"]]>");
        }
        self.until_after(lt, b">")
    }

    /// After a comment's `-->` or `--!>` (or at the end).
    fn comment_end(&self, body: usize) -> usize {
        let end = |pattern: &[u8]| find(self.bytes, body, pattern).map(|at| at + pattern.len());
        match (end(b"-->"), end(b"--!>")) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => self.bytes.len(),
        }
    }

    fn until_after(&self, from: usize, pattern: &[u8]) -> usize {
        find(self.bytes, from, pattern).map_or(self.bytes.len(), |at| at + pattern.len())
    }

    fn end_tag(&mut self, lt: usize) -> usize {
        match self.bytes.get(lt + 2) {
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, after_name) = self.tag_name(lt + 2);
                if is_foreign_root(name) {
                    self.foreign = self.foreign.saturating_sub(1);
                }
                // An end tag's attributes are read (a quoted `>` does not end it) and dropped by
                // the parser, so none is ever reported: keep them.
                self.attributes(after_name, false).map_or(self.bytes.len(), |(end, _)| end)
            }
            Some(b'>') => lt + 3,
            _ => self.until_after(lt, b">"),
        }
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let (name, after_name) = self.tag_name(lt + 1);
        // Where the output stood before this tag's attributes were read.
        let before_tag = (self.out.len(), self.copied);
        // A tag cut off by the end of the text is dropped by the parser: nothing to report.
        let Some((after_tag, self_closing)) = self.attributes(after_name, true) else { return self.bytes.len() };
        if is_foreign_root(name) && !self_closing {
            self.foreign += 1;
        }
        if name.eq_ignore_ascii_case("plaintext") && self.foreign == 0 {
            return self.bytes.len();
        }
        match RAW_TEXT.iter().find(|raw| raw.eq_ignore_ascii_case(name)) {
            // A `<style>` element is reported whole (and dropped whole by the sanitizer).
            Some(&"style") if self.foreign == 0 => {
                let end = self.raw_text_end(after_tag, "style");
                let end = self.until_after(end, b">");
                // Whole, with whatever was taken out of its own tag already.
                self.out.truncate(before_tag.0);
                self.copied = before_tag.1;
                self.take_out(lt, end);
                end
            }
            Some(raw) if self.foreign == 0 => self.raw_text_end(after_tag, raw),
            _ => after_tag,
        }
    }

    /// The tag name starting at `from`, as written (compare it ignoring ASCII case), and where it
    /// ends.
    fn tag_name(&self, from: usize) -> (&'a str, usize) {
        let end = (from..self.bytes.len()).find(|&i| is_space(self.bytes[i]) || matches!(self.bytes[i], b'/' | b'>'));
        let end = end.unwrap_or(self.bytes.len());
        (&self.html[from..end], end)
    }

    /// Where the text of a raw text element `name` ends: at its end tag, or at the end.
    fn raw_text_end(&self, from: usize, name: &str) -> usize {
        let mut at = from;
        while let Some(lt) = find(self.bytes, at, b"</") {
            let after = lt + 2 + name.len();
            let named = self.html.get(lt + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name));
            if named && self.bytes.get(after).is_none_or(|&b| is_space(b) || matches!(b, b'/' | b'>')) {
                return lt;
            }
            at = lt + 2;
        }
        self.bytes.len()
    }

    /// Reads the attributes from `at` to the tag's `>`, taking out the inline ones when `strip`;
    /// returns where the tag ends and whether it closes itself (`/>`, the slash not part of a
    /// value), or None if the text ends first.
    fn attributes(&mut self, mut at: usize, strip: bool) -> Option<(usize, bool)> {
        loop {
            let before = at;
            let mut slash = false;
            while self.bytes.get(at).is_some_and(|&b| is_space(b) || b == b'/') {
                slash = self.bytes[at] == b'/';
                at += 1;
            }
            match self.bytes.get(at)? {
                b'>' => return Some((at + 1, slash)),
                _ => {
                    let name_end = self.attribute_name_end(at);
                    let end = self.attribute_value_end(name_end)?;
                    if strip && is_inline(&self.html[at..name_end]) {
                        self.take_out(before, end);
                    }
                    at = end;
                }
            }
        }
    }

    /// An attribute name may start with `=` (a parse error the standard reads as a name).
    fn attribute_name_end(&self, start: usize) -> usize {
        let mut at = start + 1;
        while self.bytes.get(at).is_some_and(|&b| !is_space(b) && !matches!(b, b'/' | b'>' | b'=')) {
            at += 1;
        }
        at
    }

    /// Where an attribute whose name ends at `name_end` ends, its value included if it has one;
    /// None if the text ends inside a quoted value or before the tag's end.
    fn attribute_value_end(&self, name_end: usize) -> Option<usize> {
        let mut at = name_end;
        while self.bytes.get(at).is_some_and(|&b| is_space(b)) {
            at += 1;
        }
        if self.bytes.get(at) != Some(&b'=') {
            return Some(name_end);
        }
        at += 1;
        while self.bytes.get(at).is_some_and(|&b| is_space(b)) {
            at += 1;
        }
        match *self.bytes.get(at)? {
            quote @ (b'"' | b'\'') => find(self.bytes, at + 1, &[quote]).map(|close| close + 1),
            b'>' => Some(at),
            _ => Some((at..self.bytes.len()).find(|&i| is_space(self.bytes[i]) || self.bytes[i] == b'>')?),
        }
    }

    fn take_out(&mut self, start: usize, end: usize) {
        self.out.push_str(&self.html[self.copied..start]);
        self.copied = end;
    }
}

/// Whether a tag name (as written) opens or closes foreign content: SVG or MathML.
fn is_foreign_root(name: &str) -> bool {
    name.eq_ignore_ascii_case("svg") || name.eq_ignore_ascii_case("math")
}

/// Whether an attribute (by its name as written) is one a strict policy reports.
fn is_inline(name: &str) -> bool {
    let starts_with_on = name.get(..2).is_some_and(|on| on.eq_ignore_ascii_case("on"));
    starts_with_on || name.eq_ignore_ascii_case("style")
}

/// HTML's whitespace between attributes: tab, line feed, form feed, carriage return, space.
fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn find(bytes: &[u8], from: usize, pattern: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(pattern.len()).position(|window| window == pattern).map(|at| from + at)
}

#[cfg(test)]
mod tests {
    use super::strip;

    #[test]
    fn event_handlers_and_styles_are_taken_out_of_start_tags() {
        assert_eq!(strip(r#"<img src="a.png" onerror="alert(1)">"#), r#"<img src="a.png">"#);
        assert_eq!(strip("<b ONCLICK=go style='color:red' title=t>x</b>"), "<b title=t>x</b>");
        assert_eq!(strip("<p onmouseover = \"x\"\n class=c>"), "<p\n class=c>");
        assert_eq!(strip("<svg/onload=alert(1)>"), "<svg>");
        assert_eq!(strip(r#"<a title="x"onclick="y">"#), r#"<a title="x">"#);
        assert_eq!(strip("<div =onclick style>"), "<div =onclick>");
    }

    #[test]
    fn a_quoted_value_holding_an_attribute_lookalike_is_kept_whole() {
        let html = r#"<a title='" onclick="alert(1)' href=/x>"#;
        assert_eq!(strip(html), html);
        assert_eq!(strip(r#"<a title="> onclick=x">"#), r#"<a title="> onclick=x">"#);
    }

    #[test]
    fn text_comments_and_raw_text_are_left_alone() {
        for html in [
            "a < b onclick=x > c",
            "<!-- <b onclick=x> -->",
            "<!-- a -- <b onclick=x> -->",
            "<!DOCTYPE html onclick=x>",
            "<textarea><b onclick=x></textarea>",
            "<title><b onclick=x></TITLE>",
            "<plaintext><b onclick=x></plaintext><b onclick=y>",
            "</b onclick=x>",
            "<b onclick=\"never closed>",
            "<b onclick=x",
        ] {
            assert_eq!(strip(html), html, "{html}");
        }
    }

    #[test]
    fn a_comment_ends_where_the_parser_ends_it() {
        assert_eq!(strip("<!--> <b onclick=x>"), "<!--> <b>");
        assert_eq!(strip("<!---> <b onclick=x>"), "<!---> <b>");
        assert_eq!(strip("<!-- a --!> <b onclick=x>"), "<!-- a --!> <b>");
    }

    #[test]
    fn a_raw_text_element_ends_at_its_own_end_tag_only() {
        assert_eq!(
            strip("<title></titles><b onclick=x></title><i onclick=y>"),
            "<title></titles><b onclick=x></title><i>"
        );
        assert_eq!(strip("<script>\"</script>\"<b onclick=x>"), "<script>\"</script>\"<b>");
    }

    #[test]
    fn style_elements_are_taken_out_whole() {
        assert_eq!(strip("a<STYLE media=x><b onclick=y></style >b"), "ab");
        assert_eq!(strip("a<style>p { color: red }</styles></style>b"), "ab");
        assert_eq!(strip("a<style>never closed"), "a");
        // Its own inline attributes are taken out with it (this slipped past once and panicked).
        assert_eq!(strip("a<style on>p { color: red }</style>b"), "ab");
        assert_eq!(strip("a<style onload=x media=y style=z>never closed"), "a");
    }

    #[test]
    fn svg_content_is_markup_and_its_cdata_is_text() {
        assert_eq!(strip("<svg><style><a onclick=x></a></style></svg>"), "<svg><style><a></a></style></svg>");
        assert_eq!(
            strip("<svg><![CDATA[<b onclick=x>]]><i onclick=y></svg>"),
            "<svg><![CDATA[<b onclick=x>]]><i></svg>"
        );
        // A closed svg: the style after it is the page's, taken out whole.
        assert_eq!(strip("<svg/><style><b onclick=x></style>"), "<svg/>");
        // The slash is the value's: this svg is open, and its style is markup.
        assert_eq!(strip("<svg id=x/><style><b onclick=y></style>"), "<svg id=x/><style><b></style>");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_text_only_loses_whole_pieces_and_never_panics(html in "([<>/=!\"' \n-]|on|style|svg|CDATA\\[|]]|t|é|字){0,60}") {
            let stripped = strip(&html);
            // Only taken out, never added or changed: what is left is a subsequence.
            let mut rest = html.chars();
            proptest::prop_assert!(stripped.chars().all(|c| rest.any(|d| d == c)), "{:?} -> {:?}", html, stripped);
        }
    }

    #[test]
    fn html_without_inline_attributes_is_borrowed() {
        assert!(matches!(strip("<p class=a>text</p>"), std::borrow::Cow::Borrowed(_)));
        assert!(matches!(strip("no tags at all"), std::borrow::Cow::Borrowed(_)));
    }
}
