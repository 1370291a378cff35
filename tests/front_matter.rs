//! Pins how a post is split into front matter and body, and where front matter problems are reported.

use postview::{render, Diagnostic, FrontMatter, RenderOptions, Rendered, Severity, Value};

fn post(source: &str) -> Rendered {
    render(source, &RenderOptions::default())
}

#[track_caller]
fn front_matter(rendered: &Rendered) -> &FrontMatter {
    rendered.front_matter.as_ref().expect("the post should have front matter")
}

/// The one diagnostic of a render, which must be an error.
#[track_caller]
fn the_error(rendered: &Rendered) -> &Diagnostic {
    assert_eq!(rendered.diagnostics.len(), 1, "diagnostics: {:#?}", rendered.diagnostics);
    let diagnostic = &rendered.diagnostics[0];
    assert_eq!(diagnostic.severity, Severity::Error, "{diagnostic:#?}");
    diagnostic
}

fn line_and_column(diagnostic: &Diagnostic) -> (usize, usize) {
    (diagnostic.line, diagnostic.column)
}

/// `source.slice(range.start, range.end)` as JavaScript would take it.
fn js_slice(source: &str, front_matter: &FrontMatter) -> String {
    let units: Vec<u16> = source.encode_utf16().collect();
    String::from_utf16(&units[front_matter.range.start..front_matter.range.end]).unwrap()
}

#[track_caller]
fn assert_invalid_yaml_at(source: &str, line: usize, column: usize) {
    let rendered = post(source);
    let error = the_error(&rendered);
    assert!(error.message.starts_with("front matter is not valid YAML"), "{}", error.message);
    assert_eq!(line_and_column(error), (line, column), "{}\nin:\n{source}", error.message);
    assert_eq!(front_matter(&rendered).data, Value::Null);
    assert_eq!(rendered.html, "<p>正文照常显示。</p>\n", "the body should still render");
}

#[test]
fn yaml_between_dashes_is_front_matter() {
    let source = "---\ntitle: 你好\ndate: 2024-11-22\n---\n\n正文\n";
    let rendered = post(source);
    let front_matter = front_matter(&rendered);
    assert_eq!(front_matter.raw, "title: 你好\ndate: 2024-11-22\n");
    assert!(front_matter.closed);
    assert_eq!((front_matter.start_line, front_matter.end_line), (1, 4));
    assert_eq!((front_matter.range.start, front_matter.range.end), (0, 35));
    assert_eq!(js_slice(source, front_matter), "---\ntitle: 你好\ndate: 2024-11-22\n---\n");
    let Value::Map(data) = &front_matter.data else { panic!("{:?}", front_matter.data) };
    assert_eq!(data.get("title"), Some(&Value::String("你好".into())));
    assert_eq!(rendered.html, "<p>正文</p>\n");
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
}

#[test]
fn three_dots_close_front_matter_like_dashes() {
    let source = "---\ntitle: 你好\n...\n正文\n";
    let rendered = post(source);
    let front_matter = front_matter(&rendered);
    assert!(front_matter.closed);
    assert_eq!(front_matter.raw, "title: 你好\n");
    assert_eq!(js_slice(source, front_matter), "---\ntitle: 你好\n...\n");
    assert_eq!(front_matter.end_line, 3);
    assert_eq!(rendered.meta.title.as_deref(), Some("你好"));
    assert_eq!(rendered.html, "<p>正文</p>\n");
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
}

#[test]
fn a_post_without_front_matter_is_all_body() {
    let rendered = post("# 标题\n\ntitle: 不是元数据\n");
    assert_eq!(rendered.front_matter, None);
    assert_eq!(rendered.meta.title, None);
    assert_eq!(rendered.html, "<h1 id=\"标题\">标题</h1>\n<p>title: 不是元数据</p>\n");
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
}

#[test]
fn dashes_then_a_blank_line_never_closed_are_a_thematic_break() {
    let rendered = post("---\n\n正文\n");
    assert_eq!(rendered.front_matter, None);
    assert_eq!(rendered.html, "<hr />\n<p>正文</p>\n");
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
}

#[test]
fn unterminated_front_matter_is_an_error_at_the_first_line_and_the_body_still_renders() {
    let rendered = post("---\ntitle: 草稿\ntags: 随笔\n\n## 正文\n\n第一段。\n");
    let error = the_error(&rendered);
    assert_eq!(line_and_column(error), (1, 1));
    assert!(error.message.contains("never closed"), "{}", error.message);
    let front_matter = front_matter(&rendered);
    assert!(!front_matter.closed);
    assert_eq!(front_matter.raw, "title: 草稿\ntags: 随笔\n");
    assert_eq!((front_matter.start_line, front_matter.end_line), (1, 3));
    assert_eq!(rendered.meta.title.as_deref(), Some("草稿"));
    assert_eq!(rendered.html, "<h2 id=\"正文\">正文</h2>\n<p>第一段。</p>\n");
    for front_matter_text in ["---", "title", "草稿", "tags", "随笔"] {
        assert!(!rendered.html.contains(front_matter_text), "{front_matter_text} leaked into {}", rendered.html);
    }
}

#[test]
fn crlf_line_endings_are_read_like_lf() {
    let source = "---\r\ntitle: 你好\r\ntags: [生活, 读书]\r\n---\r\n\r\n# 标题\r\n";
    let rendered = post(source);
    let front_matter = front_matter(&rendered);
    assert!(front_matter.closed);
    assert_eq!(front_matter.raw, "title: 你好\r\ntags: [生活, 读书]\r\n");
    assert_eq!(front_matter.end_line, 4);
    assert_eq!(js_slice(source, front_matter), "---\r\ntitle: 你好\r\ntags: [生活, 读书]\r\n---\r\n");
    assert_eq!(rendered.meta.title.as_deref(), Some("你好"));
    assert_eq!(rendered.meta.tags, ["生活", "读书"]);
    assert_eq!(rendered.html, "<h1 id=\"标题\">标题</h1>\n");
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
}

#[test]
fn crlf_line_endings_do_not_shift_error_positions() {
    let rendered = post("---\r\ntitle: ok\r\n  bad: x\r\n---\r\n");
    assert_eq!(line_and_column(the_error(&rendered)), (3, 6));
}

#[test]
fn a_byte_order_mark_is_counted_in_the_range_but_not_in_positions() {
    let source = "\u{feff}---\ntitle: 你好\n  bad: x\n---\n正文\n";
    let rendered = post(source);
    let front_matter = front_matter(&rendered);
    // The range is in the caller's UTF-16 string, which holds the mark before the block.
    assert_eq!((front_matter.range.start, front_matter.range.end), (1, 1 + 4 + 10 + 9 + 4));
    assert_eq!(js_slice(source, front_matter), "---\ntitle: 你好\n  bad: x\n---\n");
    assert_eq!((front_matter.start_line, front_matter.end_line), (1, 4));
    assert_eq!(line_and_column(the_error(&rendered)), (3, 6));
    assert_eq!(rendered.html, "<p>正文</p>\n");
}

#[test]
fn a_byte_order_mark_before_a_body_is_not_a_column() {
    let rendered = post("\u{feff}[链接](javascript:alert(1))\n");
    assert_eq!(rendered.front_matter, None);
    assert_eq!(rendered.diagnostics.len(), 1, "{:#?}", rendered.diagnostics);
    assert_eq!(line_and_column(&rendered.diagnostics[0]), (1, 1));
}

#[test]
fn a_byte_order_mark_does_not_hide_front_matter() {
    let rendered = post("\u{feff}---\ntitle: 你好\n---\n正文\n");
    assert_eq!(rendered.meta.title.as_deref(), Some("你好"));
    assert_eq!(rendered.html, "<p>正文</p>\n");
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
}

#[test]
fn the_range_counts_utf16_units_not_bytes() {
    let source = "---\ntitle: 😀 你好\n---\n";
    let front_matter = front_matter(&post(source)).clone();
    // "title: " (7) + the emoji (2) + " 你好" (3) + "\n" (1), between fences of 4 units each.
    assert_eq!((front_matter.range.start, front_matter.range.end), (0, 4 + 13 + 4));
    assert_eq!(js_slice(source, &front_matter), source);
}

#[test]
fn dashes_inside_a_fenced_code_block_stay_in_the_body() {
    let rendered = post("---\ntitle: a\n---\n\n```yaml\n---\nkey: value\n---\n```\n");
    assert_eq!(front_matter(&rendered).raw, "title: a\n");
    assert_eq!(rendered.html, "<pre><code class=\"language-yaml\">---\nkey: value\n---\n</code></pre>\n");
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
}

#[test]
fn a_key_indented_by_mistake_is_reported_at_its_colon() {
    assert_invalid_yaml_at("---\ntitle: 旧书市集\n  tags: 随笔\n---\n\n正文照常显示。\n", 3, 7);
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    assert_invalid_yaml_at("---\ntitle: ok\nsubtitle: \"还没写完\ndate: 2024-11-22\n---\n\n正文照常显示。\n", 3, 11);
}

#[test]
fn a_tab_used_for_indentation_is_reported_at_the_tab() {
    assert_invalid_yaml_at("---\ntitle: ok\n\ttags: 随笔\n---\n\n正文照常显示。\n", 3, 1);
}

#[test]
fn an_unclosed_flow_list_is_reported_at_its_bracket() {
    assert_invalid_yaml_at("---\ntitle: ok\ntags: [生活, 读书\n---\n\n正文照常显示。\n", 3, 7);
}

#[test]
fn error_columns_count_characters_not_bytes() {
    // The second colon is the seventh character and the nineteenth byte.
    assert_invalid_yaml_at("---\n标题: 冒号: 太多\n---\n\n正文照常显示。\n", 2, 7);
}

#[test]
fn a_control_character_is_reported_where_it_is() {
    assert_invalid_yaml_at("---\ntitle: ok\nsubtitle: a\u{1}b\n---\n\n正文照常显示。\n", 3, 12);
}

#[test]
fn deep_flow_nesting_is_refused_quickly() {
    let source = format!("---\ntitle: a\ntags: {}\n---\n\n正文照常显示。\n", "[".repeat(100_000));
    let rendered = post(&source);
    let error = the_error(&rendered);
    assert!(error.message.contains("nest"), "{}", error.message);
    assert_eq!(line_and_column(error), (3, 7 + 64));
    assert_eq!(rendered.html, "<p>正文照常显示。</p>\n");
}

#[test]
fn deep_flow_nesting_behind_a_quote_in_a_plain_scalar_is_refused_quickly() {
    // `a'b` is plain text to YAML, not the start of a quoted string that would hide the brackets.
    let source = format!("---\ntags: [a'b, {}\n---\n\n正文照常显示。\n", "[".repeat(100_000));
    let rendered = post(&source);
    assert!(the_error(&rendered).message.contains("1024"), "{}", the_error(&rendered).message);
    assert_eq!(rendered.html, "<p>正文照常显示。</p>\n");
}

#[test]
fn oversized_front_matter_is_refused_quickly() {
    let source = format!("---\ntitle: a\nnotes: \"{}\"\n---\n\n正文照常显示。\n", "字".repeat(100_000));
    assert!(source.len() > 256 * 1024);
    let rendered = post(&source);
    let error = the_error(&rendered);
    assert!(error.message.contains("256 KB"), "{}", error.message);
    assert_eq!(line_and_column(error), (2, 1));
    assert_eq!(rendered.meta.title, None);
    assert_eq!(rendered.html, "<p>正文照常显示。</p>\n");
}

#[test]
fn an_alias_bomb_is_refused_before_it_is_expanded() {
    // Nine levels of nine aliases each: 387 million strings if expanded.
    let mut yaml = format!("title: lol\na: &a [{}]\n", ["\"lol\""; 9].join(","));
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"].into_iter().zip("abcdefgh".chars()) {
        yaml.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{previous}"); 9].join(",")));
    }
    let source = format!("---\n{yaml}---\n\n正文照常显示。\n");
    let rendered = post(&source);
    let error = the_error(&rendered);
    assert!(error.message.contains("more than 16 aliases"), "{}", error.message);
    // The seventeenth alias: the eighth on the line of `c`.
    assert_eq!(line_and_column(error), (5, 29));
    assert_eq!(front_matter(&rendered).data, Value::Null);
    assert_eq!(rendered.html, "<p>正文照常显示。</p>\n");
}

#[test]
fn a_few_aliases_and_stars_inside_text_are_read() {
    let source = "---\ntitle: 5 * 3 = *15\nbase: &base [Rust, 随笔]\ntags: *base\n---\n\n正文。\n";
    let rendered = post(source);
    assert!(rendered.diagnostics.is_empty(), "{:?}", rendered.diagnostics);
    assert_eq!(rendered.meta.title.as_deref(), Some("5 * 3 = *15"));
    assert_eq!(rendered.meta.tags, ["Rust", "随笔"]);
}
