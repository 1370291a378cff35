//! Top-level blocks (`Rendered::blocks`): they put together make the body's HTML exactly, and
//! each knows the editor lines it was written on, front matter counted.

#[path = "support/hostile.rs"]
mod hostile;

use std::cell::RefCell;
use std::{fs, path::PathBuf};

use postview::{render, render_with, Flavor, RawHtml, RenderOptions, Rendered, Sanitizer};

fn fixtures() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/posts");
    let mut posts: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .map(|path| (path.display().to_string(), fs::read_to_string(&path).unwrap()))
        .collect();
    posts.sort();
    assert!(posts.len() >= 10, "fixtures in {}", dir.display());
    posts
}

fn every_option_set() -> Vec<RenderOptions> {
    let mut sets = vec![];
    for flavor in [Flavor::Post, Flavor::CommonMark] {
        for raw_html in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Trust] {
            sets.push(RenderOptions { flavor, raw_html, ..RenderOptions::default() });
        }
    }
    sets
}

#[track_caller]
fn assert_blocks_make_the_body(name: &str, rendered: &Rendered) {
    let joined: String = rendered.blocks.iter().map(|b| b.html.as_str()).collect();
    assert!(joined == rendered.html, "{name}: the blocks' HTML is not the body's HTML");
    let mut previous_end = 0;
    for block in &rendered.blocks {
        assert!(block.start_line <= block.end_line, "{name}: {block:?}");
        assert!(block.start_line >= previous_end, "{name}: blocks out of order at {block:?}");
        previous_end = block.end_line;
    }
}

#[test]
fn blocks_put_together_are_the_body_html_for_every_fixture_and_option_set() {
    for (name, source) in fixtures() {
        for options in every_option_set() {
            assert_blocks_make_the_body(&name, &render(&source, &options));
        }
    }
}

#[test]
fn blocks_put_together_are_the_body_html_for_every_hostile_input() {
    for input in hostile::all() {
        assert_blocks_make_the_body(input.name, &render(&input.source, &RenderOptions::default()));
    }
}

#[test]
fn block_lines_are_editor_lines_with_the_front_matter_counted() {
    let source = "---\ntitle: 标题\n---\n\n## 第一节\n\n第一段，\n还是第一段。\n\n- 一\n- 二\n\n---\n";
    let rendered = render(source, &RenderOptions::default());
    let lines: Vec<(usize, usize)> = rendered.blocks.iter().map(|b| (b.start_line, b.end_line)).collect();
    assert_eq!(lines, [(5, 5), (7, 8), (10, 11), (13, 13)]);
    assert!(rendered.blocks[0].html.starts_with("<h2"));
    assert!(rendered.blocks[3].html.contains("<hr"));
}

#[test]
fn a_byte_order_mark_does_not_shift_block_lines() {
    let rendered = render("\u{feff}# 一\n\n二\n", &RenderOptions::default());
    let lines: Vec<usize> = rendered.blocks.iter().map(|b| b.start_line).collect();
    assert_eq!(lines, [1, 3]);
}

#[test]
fn footnote_definitions_are_blocks_of_their_own() {
    let rendered = render("正文[^1]。\n\n[^1]: 脚注。\n", &RenderOptions::default());
    assert_eq!(rendered.blocks.len(), 2);
    assert!(rendered.blocks[1].html.contains("footnote-definition"), "{:?}", rendered.blocks);
    assert_eq!(rendered.blocks[1].start_line, 3);
}

#[test]
fn equal_html_gets_equal_keys_and_an_edit_changes_only_its_block() {
    let before = render("# 一\n\n二\n\n三\n", &RenderOptions::default());
    let after = render("# 一\n\n二二\n\n三\n", &RenderOptions::default());
    let keys = |r: &Rendered| r.blocks.iter().map(|b| b.key).collect::<Vec<_>>();
    let (old, new) = (keys(&before), keys(&after));
    assert_eq!(old[0], new[0]);
    assert_ne!(old[1], new[1]);
    assert_eq!(old[2], new[2]);
}

/// Records what it is asked to sanitize, and wraps it so the result shows it was sanitized.
#[derive(Default)]
struct RecordingSanitizer {
    seen: RefCell<Vec<String>>,
}

impl Sanitizer for RecordingSanitizer {
    fn sanitize(&self, html: &str) -> Result<String, String> {
        self.seen.borrow_mut().push(html.to_string());
        Ok(format!("<div class=\"sanitized\">{html}</div>"))
    }
}

#[test]
fn only_blocks_holding_raw_html_are_sanitized_and_each_on_its_own() {
    let sanitizer = RecordingSanitizer::default();
    let source =
        "第一段。\n\n<details><summary>更多</summary>\n\n中间段落。\n\n</details>\n\n有 <b>粗体</b> 的一段。\n";
    let rendered = render_with(source, &RenderOptions::default(), Some(&sanitizer));
    let seen = sanitizer.seen.borrow();
    assert_eq!(*seen, ["<details><summary>更多</summary>\n", "</details>\n", "<p>有 <b>粗体</b> 的一段。</p>\n"]);
    assert_blocks_make_the_body("raw html", &rendered);
    assert_eq!(rendered.blocks[0].html, "<p>第一段。</p>\n");
    assert_eq!(rendered.blocks[2].html, "<p>中间段落。</p>\n");
    assert!(rendered.blocks[1].html.starts_with("<div class=\"sanitized\">"));
}

#[test]
fn a_definition_list_block_ends_with_its_last_definition() {
    let rendered = render("术语\n: 定义\n\n下一段。\n", &RenderOptions::default());
    let lines: Vec<(usize, usize)> = rendered.blocks.iter().map(|b| (b.start_line, b.end_line)).collect();
    assert_eq!(lines, [(1, 2), (4, 4)]);
    assert!(rendered.blocks[0].html.starts_with("<dl>"));
}

#[test]
fn a_hexo_code_tag_with_blank_lines_inside_is_one_block_on_its_own_lines() {
    let source = "前文。\n\n{% codeblock %}\na\n\n# b\n{% endcodeblock %}\n\n后文。\n";
    let rendered = render(source, &RenderOptions::default());
    let lines: Vec<(usize, usize)> = rendered.blocks.iter().map(|b| (b.start_line, b.end_line)).collect();
    assert_eq!(lines, [(1, 1), (3, 7), (9, 9)]);
    assert!(rendered.blocks[1].html.starts_with("<div class=\"hexo-tag-block\">"));
}

#[test]
fn an_alert_is_one_block() {
    let rendered = render("> [!NOTE]\n> 一\n>\n> 二\n\n三\n", &RenderOptions::default());
    assert_eq!(rendered.blocks.len(), 2);
    assert!(rendered.blocks[0].html.starts_with("<div class=\"markdown-alert markdown-alert-note\""));
    assert!(rendered.blocks[0].html.ends_with("</div>\n"));
}

#[test]
fn removing_a_reference_renumbers_footnotes_in_blocks_that_were_not_edited() {
    let before = render("一[^b]\n\n二[^a]\n\n[^a]: 甲\n\n[^b]: 乙\n", &RenderOptions::default());
    let after = render("一\n\n二[^a]\n\n[^a]: 甲\n\n[^b]: 乙\n", &RenderOptions::default());
    assert_blocks_make_the_body("before", &before);
    assert_blocks_make_the_body("after", &after);
    assert!(before.blocks[1].html.contains(">2</a>"), "{:?}", before.blocks[1]);
    assert!(after.blocks[1].html.contains(">1</a>"), "{:?}", after.blocks[1]);
    assert!(after.blocks[3].html.contains(">2</sup>") && !after.blocks[3].html.contains("footnote-backref"));
}
