//! The table of contents (`Rendered.toc`) and the word count and reading time (`Rendered.stats`).

use std::collections::HashSet;

use postview::{render, RenderOptions, Stats, TocEntry};

fn toc(source: &str) -> Vec<TocEntry> {
    render(source, &RenderOptions::default()).toc
}

fn stats(source: &str) -> Stats {
    render(source, &RenderOptions::default()).stats
}

fn entry(level: u8, id: &str, text: &str, line: usize) -> TocEntry {
    TocEntry { level, id: id.into(), text: text.into(), line }
}

#[test]
fn the_toc_lists_every_heading_with_its_level_id_text_and_editor_line() {
    let post = "---\ntitle: 第一次参加 PyCon\n---\n\n# 什么是 PyCon？\n\n正文。\n\n## 收获 *远大于* `付出`\n\n> ### 引用里的标题\n\n设置\n----\n";
    assert_eq!(
        toc(post),
        [
            entry(1, "什么是-pycon", "什么是 PyCon？", 5),
            entry(2, "收获-远大于-付出", "收获 远大于 付出", 9),
            entry(3, "引用里的标题", "引用里的标题", 11),
            entry(2, "设置", "设置", 13),
        ]
    );
}

#[test]
fn toc_ids_are_the_ids_in_the_html() {
    let post = "# 你好\n\n# 你好\n\n## [链接](https://example.com) 与图片 ![图](a.png)\n";
    let rendered = render(post, &RenderOptions::default());
    for entry in &rendered.toc {
        assert!(rendered.html.contains(&format!(" id=\"{}\"", entry.id)), "{} in {}", entry.id, rendered.html);
    }
    assert_eq!(rendered.toc[1].id, "你好-1");
    assert_eq!(rendered.toc[2].text, "链接 与图片 ");
}

#[test]
fn ids_never_collide_with_headings_whose_text_ends_in_a_suffix() {
    let ids: Vec<String> = toc("# a\n# a-1\n# a\n# a\n# a-2\n").into_iter().map(|e| e.id).collect();
    assert_eq!(ids, ["a", "a-1", "a-2", "a-3", "a-2-1"]);
}

#[test]
fn headings_without_letters_get_section_ids_that_stay_unique() {
    let ids: Vec<String> = toc("#\n# ？！\n# …\n# Section\n# 🎉\n").into_iter().map(|e| e.id).collect();
    assert_eq!(ids, ["section", "section-1", "section-2", "section-3", "section-4"]);
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
}

#[test]
fn the_commonmark_flavor_has_no_toc() {
    assert!(render("# 标题\n", &RenderOptions::commonmark()).toc.is_empty());
}

#[test]
fn a_post_without_headings_has_an_empty_toc() {
    assert!(toc("只有正文。\n").is_empty());
    assert!(toc("").is_empty());
}

#[test]
fn words_count_cjk_characters_one_by_one_and_latin_words_by_spaces() {
    let counted =
        stats("---\ntitle: 不算的标题 not counted\n---\n\n# 标题 Title\n\n我们在 **PyCon** 2024 见面，*好吗*？\n");
    // 标题 我们在 见面 好吗 (9 CJK) + Title, PyCon, 2024 (3 words).
    assert_eq!(counted, Stats { words: 9 + 3, cjk_characters: 9, reading_minutes: 1 });
}

#[test]
fn code_blocks_alt_text_and_raw_html_are_not_counted_but_inline_code_and_links_are() {
    let counted = stats(
        "```rust\nfn main() { println!(\"不算\"); }\n```\n\n    indented code\n\n![替代文字 alt](a.png)\n\n<div class=\"x\">\n\n用 `cargo test` 跑 [测试 suite](https://example.com)。\n",
    );
    // 用 跑 测 试 (4 CJK) + cargo, test, suite (3 words).
    assert_eq!(counted, Stats { words: 7, cjk_characters: 4, reading_minutes: 1 });
}

#[test]
fn words_split_by_markup_inside_them_count_once() {
    assert_eq!(stats("foo**bar** AT&amp;T e-mail\n").words, 3);
    assert_eq!(stats("- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n").words, 6);
}

#[test]
fn reading_time_grows_with_the_body() {
    assert_eq!(stats("").reading_minutes, 0);
    assert_eq!(stats(&"汉".repeat(900)).reading_minutes, 3);
    assert_eq!(stats(&"word ".repeat(1000)).reading_minutes, 5);
    assert_eq!(stats(&"汉".repeat(900)).words, 900);
}
