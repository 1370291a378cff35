//! Incremental rendering: after every edit, `Incremental::render` gives exactly what a fresh
//! `render_with` of the same text gives, whether it re-rendered a window of blocks or the whole
//! post; and it re-renders only a window when nothing global is in the way. Native only
//! (proptest).
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::PathBuf;

use proptest::prelude::*;

use postview::{render_with, Fallback, Flavor, Incremental, RawHtml, RenderOptions, RenderPath, Rendered, Sanitizer};

/// Hands HTML back marked as sanitized (so unsanitized HTML in a result would show), and
/// refuses HTML that holds `拒绝`.
struct MarkingSanitizer;

impl Sanitizer for MarkingSanitizer {
    fn sanitize(&self, html: &str) -> Result<String, String> {
        match html.contains("拒绝") {
            true => Err("refused".to_string()),
            false => Ok(format!("<!--sanitized-->{html}")),
        }
    }
}

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/incremental").join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The mixed post's body repeated until the post has about `sections` times as many blocks.
fn long_post(sections: usize) -> String {
    let mixed = fixture("mixed.md");
    let (front_matter, body) = mixed.split_at(mixed.find("\n---\n").unwrap() + 5);
    format!("{front_matter}{}", format!("{body}\n\n").repeat(sections))
}

/// The real post the project was given, when it is beside the checkout; the mixed post else.
fn sample_post() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/sample-posts/000_a252e6e3002c8102.txt");
    fs::read_to_string(path).unwrap_or_else(|_| fixture("mixed.md"))
}

/// The fields of two renders, one by one, so that a failure says which differs.
#[track_caller]
fn assert_same(got: &Rendered, want: &Rendered, source: &str) {
    let at = got.blocks.iter().zip(&want.blocks).position(|(g, w)| g != w);
    if let Some(at) = at {
        panic!("block {at} differs in\n{source:?}\ngot  {:?}\nwant {:?}", got.blocks[at], want.blocks[at]);
    }
    assert_eq!(got.blocks.len(), want.blocks.len(), "block count in\n{source:?}");
    assert_eq!(got.html, want.html, "html in\n{source:?}");
    assert_eq!(got.toc, want.toc, "toc in\n{source:?}");
    assert_eq!(got.diagnostics, want.diagnostics, "diagnostics in\n{source:?}");
    assert_eq!(got.stats, want.stats, "stats in\n{source:?}");
    assert_eq!(got.excerpt, want.excerpt, "excerpt in\n{source:?}");
    assert_eq!(got, want, "in\n{source:?}");
}

/// Renders `source` incrementally, checks it against a fresh render, and says how it was made.
#[track_caller]
fn render_and_check(incremental: &mut Incremental, source: &str, options: &RenderOptions) -> RenderPath {
    let sanitizer: Option<&dyn Sanitizer> = Some(&MarkingSanitizer);
    let got = incremental.render(source, sanitizer).clone();
    assert_same(&got, &render_with(source, options, sanitizer), source);
    incremental.path()
}

/// `text` with `new` in place of bytes `range`.
fn edited(text: &str, range: std::ops::Range<usize>, new: &str) -> String {
    format!("{}{new}{}", &text[..range.start], &text[range.end..])
}

/// Where `needle` is in `text`.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in the text"))
}

/// `text` rendered, then `new` typed at `offset` one character at a time; the path of the
/// last render.
fn type_into(text: &str, offset: usize, new: &str) -> RenderPath {
    let options = RenderOptions::default();
    let mut incremental = Incremental::new(options.clone());
    render_and_check(&mut incremental, text, &options);
    let mut text = text.to_string();
    let mut offset = offset;
    let mut path = incremental.path();
    for c in new.chars() {
        text.insert(offset, c);
        offset += c.len_utf8();
        path = render_and_check(&mut incremental, &text, &options);
    }
    path
}

/// The path of rendering `before`, then `after`.
fn path_of_edit(before: &str, after: &str) -> RenderPath {
    let options = RenderOptions::default();
    let mut incremental = Incremental::new(options.clone());
    render_and_check(&mut incremental, before, &options);
    render_and_check(&mut incremental, after, &options)
}

#[test]
fn a_paragraph_edit_in_a_long_post_re_renders_only_the_blocks_around_it() {
    let post = long_post(40);
    let middle = post.len() / 2;
    let offset = middle + at(&post[middle..], "本周六");
    match type_into(&post, offset, "明天，") {
        RenderPath::Window { removed, inserted, .. } => assert!(removed <= 4 && inserted <= 4, "{removed} {inserted}"),
        path => panic!("rendered whole: {path:?}"),
    }
}

#[test]
fn typing_a_new_paragraph_line_by_line_keeps_to_a_window() {
    let post = long_post(10);
    let offset = at(&post, "## 我和 PyCon 的故事");
    assert!(matches!(type_into(&post, offset, "新的一段，\n写了两行。\n\n"), RenderPath::Window { .. }));
}

#[test]
fn a_heading_edit_that_changes_no_later_id_keeps_to_a_window() {
    let post = long_post(10);
    // The last of the ten `什么是 PyCon？` headings (`什么是-pycon-9`): no later heading is one.
    let offset = post.rfind("什么是 PyCon").unwrap() + "什么是".len();
    assert!(matches!(type_into(&post, offset, "新"), RenderPath::Window { .. }));
}

#[test]
fn the_first_render_is_whole() {
    let mut incremental = Incremental::new(RenderOptions::default());
    incremental.render("# 标题\n", None);
    assert_eq!(incremental.path(), RenderPath::Whole(Fallback::First));
}

#[test]
fn a_sanitizer_given_or_taken_away_renders_whole() {
    let mut incremental = Incremental::new(RenderOptions::default());
    incremental.render("<b>粗</b>\n", None);
    incremental.render("<b>粗</b>\n", Some(&MarkingSanitizer));
    assert_eq!(incremental.path(), RenderPath::Whole(Fallback::First));
}

#[test]
fn a_byte_order_mark_that_comes_or_goes_renders_whole() {
    let post = fixture("mixed.md");
    assert_eq!(path_of_edit(&post, &format!("\u{feff}{post}")), RenderPath::Whole(Fallback::ByteOrderMark));
}

#[test]
fn a_front_matter_edit_that_leaves_the_body_as_it_was_keeps_the_body() {
    let post = fixture("mixed.md");
    let longer_title = edited(&post, at(&post, "游记")..at(&post, "游记"), "秋季");
    assert_eq!(path_of_edit(&post, &longer_title), RenderPath::BodyKept);
    let one_more_line = edited(&post, at(&post, "tags:")..at(&post, "tags:"), "updated: 2024-11-23\n");
    assert_eq!(path_of_edit(&post, &one_more_line), RenderPath::BodyKept);
    assert_eq!(path_of_edit(&post, &post), RenderPath::BodyKept);
}

#[test]
fn an_edit_that_moves_where_the_body_starts_renders_whole() {
    let unclosed = "---\ntitle: 新\n\n正文一。\n\n正文二。\n\n正文三。\n";
    let closed_later = edited(unclosed, at(unclosed, "正文三")..at(unclosed, "正文三"), "---\n");
    assert_eq!(path_of_edit(unclosed, &closed_later), RenderPath::Whole(Fallback::FrontMatter));
    let setext = "标题\n---\n\n正文第一段。\n\n正文第二段。\n";
    let hexo_front_matter = edited(setext, 0..0, "title: ");
    assert_eq!(path_of_edit(setext, &hexo_front_matter), RenderPath::Whole(Fallback::FrontMatter));
    let post = fixture("mixed.md");
    let across = edited(&post, at(&post, "date:")..at(&post, "大家好"), "");
    assert_eq!(path_of_edit(&post, &across), RenderPath::Whole(Fallback::FrontMatter));
}

#[test]
fn front_matter_typed_above_a_body_keeps_the_body() {
    let no_front_matter = "标题\n\n正文第一段。\n\n正文第二段。\n";
    let front_matter = edited(no_front_matter, 0..0, "title: 新\n---\n");
    assert_eq!(path_of_edit(no_front_matter, &front_matter), RenderPath::BodyKept);
}

#[test]
fn typing_in_the_body_keeps_the_front_matter_and_its_diagnostics() {
    let post = "---\ntitle: 新\ndate: 明天\ntags: [a, b]\n---\n\n正文第一段。\n\n正文第二段。\n";
    assert!(matches!(type_into(post, at(post, "第二段"), "又一"), RenderPath::Window { .. }));
}

#[test]
fn a_line_break_typed_after_a_closing_fence_that_ends_the_post_moves_the_body_start() {
    // The fence's line has no line break yet: the one typed becomes part of the front matter.
    let post = "---\ntitle: 新\n---";
    type_into(post, post.len(), "\n\n正文。");
}

#[test]
fn a_post_with_reference_definitions_or_footnotes_renders_whole() {
    let post = long_post(3);
    let offset = at(&post, "本周六");
    assert_eq!(type_into(&post, offset, "见[a]。\n\n[a]: /x\n\n"), RenderPath::Whole(Fallback::ReferenceDefinitions));
    let with_definition = format!("{post}\n[a]: /x\n");
    assert_eq!(type_into(&with_definition, offset, "改"), RenderPath::Whole(Fallback::ReferenceDefinitions));
    assert_eq!(type_into(&post, offset, "注[^1]"), RenderPath::Whole(Fallback::Footnotes));
    let with_note = format!("{post}\n[^1]: 注\n");
    assert_eq!(type_into(&with_note, offset, "改"), RenderPath::Whole(Fallback::Footnotes));
}

#[test]
fn a_post_with_hexo_code_tags_renders_whole() {
    let post = format!("{}\n{{% codeblock lang:js %}}\nlet a;\n{{% endcodeblock %}}\n", long_post(3));
    let offset = at(&post, "本周六");
    assert_eq!(type_into(&post, offset, "改"), RenderPath::Whole(Fallback::HexoCodeTags));
}

#[test]
fn raw_html_that_is_refused_now_or_was_refused_renders_whole() {
    let post = long_post(3);
    let offset = at(&post, "原始 HTML");
    assert_eq!(type_into(&post, offset, "拒绝"), RenderPath::Whole(Fallback::RawHtml));
    let refused = edited(&post, offset..offset, "拒绝");
    let fixed = edited(&refused, offset..offset + "拒绝".len(), "");
    assert_eq!(path_of_edit(&refused, &fixed), RenderPath::Whole(Fallback::RawHtml));
}

#[test]
fn a_post_that_becomes_too_complex_to_sanitize_renders_whole() {
    // Two pieces of raw HTML each, as many as may be sanitized in all.
    let pairs = postview::MAX_RAW_HTML_PIECES / 4;
    let post = format!("{}\n\n正文。\n\n{}\n", "<i>斜</i>".repeat(pairs), "<i>斜</i>".repeat(pairs));
    let offset = at(&post, "正文");
    assert!(matches!(type_into(&post, offset, "改"), RenderPath::Window { .. }));
    assert_eq!(type_into(&post, offset, "<b>粗</b>"), RenderPath::Whole(Fallback::RawHtml));
}

#[test]
fn a_heading_renamed_so_that_a_later_id_changes_renders_whole() {
    let post = format!("# 同名\n\n一段。\n\n{}# 同名\n\n一段。\n", "正文。\n\n".repeat(20));
    let offset = at(&post, "同名");
    assert_eq!(type_into(&post, offset, "不"), RenderPath::Whole(Fallback::HeadingIds));
}

#[test]
fn a_fence_opened_and_never_closed_renders_whole() {
    let post = long_post(3);
    let offset = at(&post, "## 什么是 PyCon");
    let fenced = edited(&post, offset..offset, "~~~\n");
    assert_eq!(path_of_edit(&post, &fenced), RenderPath::Whole(Fallback::Unsettled));
}

#[test]
fn an_edit_that_changes_the_block_before_it_grows_the_window() {
    // A setext underline typed under a paragraph, and a `: ` line under a term.
    let post = long_post(3);
    let offset = at(&post, "PyCon 全球各地都有");
    let underlined = type_into(&post, offset, "标题\n===\n\n");
    assert!(matches!(underlined, RenderPath::Window { .. }), "{underlined:?}");
    let offset = at(&post, "{% youtube");
    assert!(matches!(type_into(&post, offset, ": 定义\n\n"), RenderPath::Window { .. }));
}

/// Renders `source` in stages of about `step` bytes from `start`, checking each stage against a
/// fresh render of its text; the paths of every render.
fn render_in_stages(start: &str, source: &str, step: usize) -> Vec<RenderPath> {
    let options = RenderOptions::default();
    let sanitizer: Option<&dyn Sanitizer> = Some(&MarkingSanitizer);
    let mut incremental = Incremental::new(options.clone());
    let mut paths = vec![];
    if !start.is_empty() {
        render_and_check(&mut incremental, start, &options);
    }
    for _ in 0..source.len() {
        let all = incremental.render_toward(source, step, sanitizer);
        let text = incremental.source().expect("a render was made").to_string();
        assert_same(incremental.rendered().unwrap(), &render_with(&text, &options, sanitizer), &text);
        paths.push(incremental.path());
        assert_eq!(all, text == source);
        if all {
            return paths;
        }
    }
    panic!("the stages never reached the source");
}

#[test]
fn a_long_post_pasted_whole_is_rendered_in_stages_each_a_window_the_size_of_a_step() {
    let post = long_post(40);
    let paths = render_in_stages("", &post, 4096);
    assert!(paths.len() >= post.len() / 8192, "{} stages for {} bytes", paths.len(), post.len());
    assert_eq!(paths[0], RenderPath::Whole(Fallback::First));
    for path in &paths[1..] {
        match path {
            // Only the old blocks at the stage's start are rendered again.
            RenderPath::Window { removed, .. } => assert!(*removed <= 4, "{path:?}"),
            path => panic!("a stage was rendered whole: {path:?}"),
        }
    }
}

/// `sections` sections of Chinese text, each under a heading of its own.
fn numbered_sections(sections: usize) -> String {
    (1..=sections)
        .map(|n| format!("## 第 {n} 节\n\n这一节的正文，有**粗体**和`代码`。\n\n- 一项\n- 两项\n\n"))
        .collect()
}

#[test]
fn a_long_paste_between_paragraphs_is_staged_with_the_text_after_it_shown_throughout() {
    let post = long_post(3);
    let at = at(&post, "PyCon 全球各地都有");
    let paste = numbered_sections(300);
    let paths = render_in_stages(&post, &edited(&post, at..at, &paste), 4096);
    // A stage takes a step and at most another to the next blank line.
    assert!(paths.len() >= paste.len() / 8192, "{} stages for {} bytes", paths.len(), paste.len());
    assert!(paths.iter().all(|path| matches!(path, RenderPath::Window { .. })), "{paths:?}");
}

#[test]
fn a_stage_that_renames_a_later_heading_ends_the_stages() {
    // The post's own sections come again in the paste: the headings after it change ids.
    let post = long_post(3);
    let at = at(&post, "PyCon 全球各地都有");
    let paste = &long_post(30)[post.find("\n---\n").unwrap() + 5..];
    let paths = render_in_stages(&post, &edited(&post, at..at, paste), 4096);
    assert_eq!(paths, vec![RenderPath::Whole(Fallback::HeadingIds); 2]);
}

#[test]
fn a_long_post_with_reference_definitions_is_staged_up_to_them_and_the_rest_comes_in_one_go() {
    let post = format!("{}[链接]: https://example.com\n\n{}", long_post(20), numbered_sections(300));
    let paths = render_in_stages("", &post, 4096);
    assert!(paths.len() > 3, "{paths:?}");
    assert_eq!(paths.last(), Some(&RenderPath::Whole(Fallback::ReferenceDefinitions)));
    let middle = &paths[1..paths.len() - 1];
    assert!(middle.iter().all(|path| matches!(path, RenderPath::Window { .. })), "{paths:?}");
    // Definitions at the top: no stages.
    let post = format!("[链接]: https://example.com\n\n{}", numbered_sections(300));
    assert_eq!(render_in_stages("", &post, 4096), vec![RenderPath::Whole(Fallback::First)]);
}

/// Lines and pieces that change how the text around them is read.
const TRICKY: &[&str] = &[
    "```\n",
    "~~~\n",
    "---\n",
    "===\n",
    "> ",
    "- ",
    "1. ",
    "2) ",
    "    ",
    "[a]: /x\n",
    "[a]",
    "[^1]",
    "[^1]: 注\n",
    "# 同名\n",
    "## 什么是 PyCon？\n",
    "<div>\n",
    "</div>\n",
    "<!--",
    "-->",
    "<script>\n",
    "$$\n",
    "$",
    "<!-- more -->\n",
    "\n",
    "\n\n",
    "\r\n",
    ": ",
    "|-|-|\n",
    "| a | b |\n",
    "> [!TIP]\n",
    "{% note %}\n",
    "{% endnote %}\n",
    "{% codeblock %}\n",
    "{% endcodeblock %}\n",
    "拒绝",
    "**",
    "中文",
    "<b>",
    "[链接](javascript:x)",
    "title: 新\n",
    "+++\n",
    "\u{feff}",
];

/// One edit of a script: at a place given as a fraction of the text, insert a tricky piece or
/// delete some characters.
#[derive(Debug, Clone)]
enum ScriptEdit {
    Insert(f64, usize),
    Delete(f64, usize),
}

fn script_edit() -> impl Strategy<Value = ScriptEdit> {
    prop_oneof![
        3 => (0.0..1.0f64, 0..TRICKY.len()).prop_map(|(at, piece)| ScriptEdit::Insert(at, piece)),
        1 => (0.0..1.0f64, 1..40usize).prop_map(|(at, len)| ScriptEdit::Delete(at, len)),
    ]
}

/// The character boundary nearest before the fraction `at` of `text`.
fn boundary(text: &str, at: f64) -> usize {
    let mut offset = (text.len() as f64 * at) as usize;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn apply(text: &str, edit: &ScriptEdit) -> String {
    match *edit {
        ScriptEdit::Insert(at, piece) => edited(text, boundary(text, at)..boundary(text, at), TRICKY[piece]),
        ScriptEdit::Delete(at, len) => {
            let start = boundary(text, at);
            let end = text[start..].char_indices().nth(len).map_or(text.len(), |(i, _)| start + i);
            edited(text, start..end, "")
        }
    }
}

fn options(which: usize) -> RenderOptions {
    match which {
        0 => RenderOptions::default(),
        1 => RenderOptions { raw_html: RawHtml::Trust, ..RenderOptions::default() },
        2 => RenderOptions { raw_html: RawHtml::Escape, ..RenderOptions::default() },
        _ => RenderOptions { flavor: Flavor::CommonMark, ..RenderOptions::default() },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn random_edit_scripts_render_as_a_fresh_render_would(
        post in 0..3usize,
        which in 0..4usize,
        script in prop::collection::vec(script_edit(), 1..14),
    ) {
        let mut text = match post {
            0 => fixture("mixed.md"),
            1 => sample_post(),
            _ => long_post(3),
        };
        let options = options(which);
        let mut incremental = Incremental::new(options.clone());
        render_and_check(&mut incremental, &text, &options);
        for edit in &script {
            text = apply(&text, edit);
            render_and_check(&mut incremental, &text, &options);
        }
    }
}
