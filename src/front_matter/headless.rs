//! Hexo's front matter without its opening fence: `key: value` lines, then a `---` line.
//!
//! Hexo takes whatever comes before the first `---` line as YAML, when it parses as a mapping.
//! postview is stricter, because `Text` then `---` is a Markdown setext heading and a paragraph
//! then `---` a heading too. The text before the first `---` line counts as front matter only
//! when, line by line:
//!
//! - the first line is a `key:` line: at the start of the line a plain key (not starting with a
//!   space, `-`, `#`, `?`, `:`, `,`, `[`, `]`, `{`, `}`, `&`, `*`, `!`, `|`, `>`, `%`, `@` or a
//!   backquote) or a quoted one, then `:` followed by a space, a tab or the end of the line
//!   (`https://…` is not one);
//! - every later line is a `key:` line, an indented line (nested keys, list items, folded
//!   text) or a `- item` line (a list under the key above);
//! - no line is blank, and the `---` line is exactly three dashes (spaces after them allowed);
//!
//! and then (checked by the caller, in `front_matter::read`) the text parses as a YAML mapping,
//! or fails only on a repeated key (reported), or is refused as too big or too deep (reported).
//! Anything else is Markdown: `Title\n---` stays a heading.

/// Where the `---` line is: the byte offset it starts at and the offset after it.
pub struct Candidate {
    pub content_end: usize,
    pub block_end: usize,
}

/// The front matter Hexo would read before the first `---` line of `text`, if it is shaped like
/// one (see the module docs).
pub fn find(text: &str) -> Option<Candidate> {
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.strip_suffix('\n').map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
        if n > 0 && bare.trim_end_matches([' ', '\t']) == "---" {
            return Some(Candidate { content_end: offset, block_end: offset + line.len() });
        }
        let shaped = is_key_line(bare) || (n > 0 && (bare.starts_with([' ', '\t']) || is_list_item(bare)));
        if !shaped || bare.trim().is_empty() {
            return None;
        }
        offset += line.len();
    }
    None
}

/// `key: value`, `key:`, `"quoted key": value` at the start of the line.
fn is_key_line(line: &str) -> bool {
    let key_end = match line.chars().next() {
        Some(quote @ ('"' | '\'')) => match line[1..].find(quote) {
            Some(close) => close + 2,
            None => return false,
        },
        Some(c) if !c.is_whitespace() && !"-#?:,[]{}&*!|>%@`".contains(c) => {
            match line.match_indices(':').find(|(at, _)| ends_key(&line[at + 1..])) {
                Some((at, _)) => at,
                None => return false,
            }
        }
        _ => return false,
    };
    line[key_end..].strip_prefix(':').is_some_and(ends_key)
}

/// What may follow a key's colon: a space, a tab or the end of the line.
fn ends_key(after_colon: &str) -> bool {
    after_colon.is_empty() || after_colon.starts_with([' ', '\t'])
}

/// `- item` or a lone `-` (a list under the key above, written at the key's indentation).
fn is_list_item(line: &str) -> bool {
    line == "-" || line.starts_with("- ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_are_told_from_text() {
        for key in ["title: 你好", "tags:", "date: 2024-11-22 23:14:24", "\"a b\": c", "中文键: 值", "a#b: c"] {
            assert!(is_key_line(key), "{key}");
        }
        for text in ["Title", "https://example.org", "# 标题: 副标题", "- a: b", " a: b", "a:b", "\"open: x", ""] {
            assert!(!is_key_line(text), "{text}");
        }
    }

    #[test]
    fn only_key_lines_then_dashes_are_a_candidate() {
        assert!(find("title: 你好\ntags:\n- 随笔\n  - 嵌套\n---\n正文\n").is_some());
        assert!(find("Title\n---\n").is_none());
        assert!(find("title: a\nplain text\n---\n").is_none());
        assert!(find("title: a\n\n---\n").is_none());
        assert!(find("title: a\n").is_none());
        assert!(find("---\ntitle: a\n---\n").is_none());
        assert!(find("- a: b\n---\n").is_none());
    }
}
