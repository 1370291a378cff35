//! Hexo tag plugins (`{% youtube abc %}`, `{% asset_img a.png 说明 %}`, `{% note info %}` …
//! `{% endnote %}`), shown as labelled placeholders instead of raw braces.
//!
//! A tag is a line of a paragraph (or of a list item, or of a definition list) that is
//! nothing but `{% name arguments %}`, the name starting with an ASCII letter. Hexo runs its
//! tags itself; a preview cannot, so each becomes `<span class="hexo-tag">Hexo tag: youtube
//! abc</span>` (the text as written, escaped), and a paired tag's content between its two
//! placeholders renders as the Markdown it is. Anything else stays as typed: `{%` in a code
//! span, a code block, raw HTML or the middle of a sentence.
//!
//! Tags whose content is code, not Markdown (`{% codeblock lang:js %}` … `{% endcodeblock %}`,
//! `{% code %}` … `{% endcode %}`, `{% raw %}` … `{% endraw %}`), written at the start of the
//! line, are read before the body is parsed ([`rewrite_code_tags`]): both tag lines become
//! fences of tildes of the same length, so the content is one code block whose offsets are
//! the body's, and it is shown in a box labelled with the opening tag (`lang:js` becomes the
//! code's `language-js` class, as a fence's info string would).

use std::collections::HashMap;
use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;

/// An opening code tag whose lines were turned into fences, by the offset of its `{%`.
pub type CodeTags = HashMap<usize, CodeTag>;

/// What a code tag's box says: the opening tag as written, and the language it names.
pub struct CodeTag {
    text: String,
    language: Option<String>,
}

/// `text` with each paired code tag's two lines turned into tilde fences of the same byte
/// length, and the tags so turned; `None` when there is nothing to turn. The opening tag must be
/// a tag line of its own at the start of a line; its content is not Markdown, so the closing
/// tag is the first line after it that is `{% endcodeblock %}` (or `endcode`, `endraw`), as
/// Hexo reads it, whatever the content would have been as Markdown.
pub fn rewrite_code_tags(text: &str, options: Options) -> (Option<String>, CodeTags) {
    let mut tags = CodeTags::new();
    if !text.contains("{%") || !(text.contains("endcode") || text.contains("endraw")) {
        return (None, tags);
    }
    let mut rewritten = text.to_string();
    // Closing names not found after some opening tag: not found after any later one either.
    let mut missing: Vec<&str> = Vec::new();
    let mut done = 0;
    for open in tag_lines(text, options) {
        let Some(end_name) = code_tag_end(open.name(text)) else { continue };
        if open.range.start < done || !starts_its_line(text, open.range.start) || missing.contains(&end_name) {
            continue;
        }
        let Some(close) = closing_line(text, open.range.end, end_name) else {
            missing.push(end_name);
            continue;
        };
        let (open_len, close_len) = (open.range.len(), close.range.len());
        let fence = open_len.min(close_len);
        // A line of as many tildes inside would end the fence early: such a tag stays as lines.
        let tildes = "~".repeat(fence);
        if text[open.range.end..close.range.start].lines().any(|line| line.trim_start().starts_with(&tildes)) {
            continue;
        }
        done = close.range.end;
        rewritten.replace_range(open.range.clone(), &format!("{}{}", "~".repeat(fence), " ".repeat(open_len - fence)));
        rewritten.replace_range(close.range.clone(), &"~".repeat(close_len));
        let inner = open.inner(text);
        let language = inner.split_whitespace().find_map(|word| word.strip_prefix("lang:")).map(str::to_string);
        tags.insert(open.range.start, CodeTag { text: inner.to_string(), language });
    }
    match tags.is_empty() {
        true => (None, tags),
        false => (Some(rewritten), tags),
    }
}

/// The first line after `from` that is the tag `{% end_name %}` alone.
fn closing_line(text: &str, from: usize, end_name: &str) -> Option<TagLine> {
    let mut at = from;
    while let Some(newline) = text[at..].find(['\n', '\r']) {
        at += newline + 1;
        if let Some(line) = TagLine::at(text, at).filter(|line| line.inner(text) == end_name) {
            return Some(line);
        }
    }
    None
}

/// The closing tag's name for a tag whose content is code.
fn code_tag_end(name: &str) -> Option<&'static str> {
    match name {
        "codeblock" => Some("endcodeblock"),
        "code" => Some("endcode"),
        "raw" => Some("endraw"),
        _ => None,
    }
}

fn starts_its_line(text: &str, offset: usize) -> bool {
    offset == 0 || matches!(text.as_bytes()[offset - 1], b'\n' | b'\r')
}

/// Every tag line of `text` as pulldown-cmark parses it, in order.
fn tag_lines(text: &str, options: Options) -> Vec<TagLine> {
    let mut lines = Vec::new();
    let mut line_start = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let at_line_start = std::mem::replace(&mut line_start, starts_a_line(&event));
        if let (true, Event::Text(_)) = (at_line_start, &event) {
            lines.extend(TagLine::at(text, range.start));
        }
    }
    lines
}

/// Whether the next text event, if it comes straight after `event`, starts a line of text.
fn starts_a_line(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Start(Tag::Paragraph | Tag::Item | Tag::DefinitionListTitle | Tag::DefinitionListDefinition)
            | Event::SoftBreak
            | Event::HardBreak
    )
}

/// A line that is only a tag: the byte range from its `{%` to the end of its `%}`.
struct TagLine {
    range: Range<usize>,
}

impl TagLine {
    /// The tag line starting at `offset`, if the line from there is one.
    fn at(text: &str, offset: usize) -> Option<TagLine> {
        let rest = &text[offset..];
        // Most lines are not tags: say so before looking for the line's end.
        if !rest.starts_with("{%") {
            return None;
        }
        let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
        let tag = line.trim_end();
        let inner = tag.strip_prefix("{%")?.strip_suffix("%}")?;
        let name = inner.split_whitespace().next()?;
        let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        (is_name && !inner.contains("%}")).then(|| TagLine { range: offset..offset + tag.len() })
    }

    /// What is between `{%` and `%}`, trimmed.
    fn inner<'t>(&self, text: &'t str) -> &'t str {
        text[self.range.start + 2..self.range.end - 2].trim()
    }

    fn name<'t>(&self, text: &'t str) -> &'t str {
        self.inner(text).split_whitespace().next().unwrap_or("")
    }
}

/// Writes tag lines as placeholders and the code tags of [`rewrite_code_tags`] as labelled
/// code blocks. `text` is the body as parsed (after [`rewrite_code_tags`]).
pub struct HexoTags<'a, I: Iterator> {
    inner: Peekable<I>,
    text: &'a str,
    code_tags: CodeTags,
    line_start: bool,
    in_code_tag: bool,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> HexoTags<'a, I> {
    pub fn new(inner: I, text: &'a str, code_tags: CodeTags) -> Self {
        HexoTags { inner: inner.peekable(), text, code_tags, line_start: false, in_code_tag: false }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for HexoTags<'a, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (event, range) = self.inner.next()?;
        let at_line_start = std::mem::replace(&mut self.line_start, starts_a_line(&event));
        let tag_line = match (&event, at_line_start) {
            (Event::Text(_), true) => TagLine::at(self.text, range.start),
            _ => None,
        };
        if let Some(tag) = tag_line {
            // The rest of the tag's line (emphasis, code…) goes with it. Reading ahead after
            // a text event stays inside its block, whose end comes after it at the latest.
            let inside = |(_, r): &(Event<'a>, Range<usize>)| r.start >= tag.range.start && r.end <= tag.range.end;
            while self.inner.next_if(inside).is_some() {}
            return Some((Event::InlineHtml(placeholder(tag.inner(self.text)).into()), tag.range));
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) if self.code_tags.contains_key(&range.start) => {
                self.in_code_tag = true;
                Event::InlineHtml(code_tag_start(&self.code_tags[&range.start]).into())
            }
            Event::End(TagEnd::CodeBlock) if self.in_code_tag => {
                self.in_code_tag = false;
                Event::InlineHtml(CowStr::Borrowed("</code></pre></div>\n"))
            }
            event => event,
        };
        Some((event, range))
    }
}

/// `<span class="hexo-tag">Hexo tag: youtube abc</span>`
fn placeholder(tag: &str) -> String {
    let mut html = String::from("<span class=\"hexo-tag\">Hexo tag: ");
    push_escaped(&mut html, tag);
    html.push_str("</span>");
    html
}

/// The box around a code tag's content, its label, and the code's opening tags.
fn code_tag_start(tag: &CodeTag) -> String {
    let mut html = String::from("<div class=\"hexo-tag-block\"><p class=\"hexo-tag-title\">Hexo tag: ");
    push_escaped(&mut html, &tag.text);
    html.push_str("</p><pre><code");
    if let Some(language) = &tag.language {
        html.push_str(" class=\"language-");
        push_escaped(&mut html, language);
        html.push('"');
    }
    html.push('>');
    html
}

fn push_escaped(html: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = escape_html(&mut *html, text);
}
