//! Browser tests of the patched preview (wasm-pack test --headless --chrome -- --test patch):
//! after any edit, the preview shows exactly what a fresh full render shows, and blocks the edit
//! did not touch keep their very DOM nodes.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A realistic post: the Chinese fixture, plus what a blogger also writes (a table, footnotes,
/// a code fence, raw HTML, reference links, lists, a refused image, an alert, a definition list,
/// Hexo tags, math).
fn realistic_post() -> String {
    let mut post = include_str!("fixtures/posts/hexo-chinese-post.md").to_string();
    post.push_str(include_str!("fixtures/posts/patch-extras.md"));
    post
}

const PIXEL: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

/// A textarea and a preview element in the page, mounted; removed again when dropped.
struct Page {
    editor: HtmlTextAreaElement,
    preview: HtmlElement,
    previewer: postview::wasm::Previewer,
}

impl Page {
    fn new(source: &str) -> Page {
        let document = web_sys::window().unwrap().document().unwrap();
        let editor: HtmlTextAreaElement = document.create_element("textarea").unwrap().dyn_into().unwrap();
        editor.set_value(source);
        let preview: HtmlElement = document.create_element("section").unwrap().dyn_into().unwrap();
        document.body().unwrap().append_child(&editor).unwrap();
        document.body().unwrap().append_child(&preview).unwrap();
        let previewer = postview::wasm::mount(editor.clone(), preview.clone(), JsValue::UNDEFINED).unwrap();
        Page { editor, preview, previewer }
    }

    fn body(&self) -> Element {
        self.preview.query_selector(".postview-body").unwrap().unwrap()
    }

    /// The body's children, which must all be chunks.
    fn chunks(&self) -> Vec<Element> {
        let body = self.body();
        let chunks = body.query_selector_all(":scope > .postview-chunk").unwrap();
        assert_eq!(chunks.length(), body.child_nodes().length(), "the body holds something else than chunks");
        (0..chunks.length()).map(|i| chunks.item(i).unwrap().dyn_into().unwrap()).collect()
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.editor.remove();
        self.preview.remove();
    }
}

/// `html` with what only the live preview adds taken out: `data-line`, the caret's block, code
/// blocks' language and copy button, and the placeholders of images that failed to load (they
/// fail at their own pace, in one element and not the other).
fn normalised(container: &Element) -> String {
    let copy: Element = container.clone_node_with_deep(true).unwrap().dyn_into().unwrap();
    let added = "[data-line], .image-placeholder, .image-broken, .postview-caret-block, .postview-code-bar";
    let all = copy.query_selector_all(added).unwrap();
    for i in 0..all.length() {
        let element: Element = all.item(i).unwrap().dyn_into().unwrap();
        if element.class_list().contains("image-placeholder") || element.class_list().contains("postview-code-bar") {
            element.remove();
            continue;
        }
        element.remove_attribute("data-line").unwrap();
        element.class_list().remove_2("image-broken", "postview-caret-block").unwrap();
        if element.class_name().is_empty() {
            element.remove_attribute("class").unwrap();
        }
    }
    copy.inner_html()
}

/// The preview body's content with its chunks unwrapped, normalised.
fn patched_content(page: &Page) -> String {
    page.chunks().iter().map(normalised).collect()
}

/// The `data-line` of every top-level element of the body, in order.
fn top_level_lines(page: &Page) -> Vec<Option<String>> {
    let elements = page.body().query_selector_all(":scope > .postview-chunk > *").unwrap();
    (0..elements.length())
        .map(|i| elements.item(i).unwrap().unchecked_into::<Element>().get_attribute("data-line"))
        .collect()
}

/// `source` rendered afresh (`render`, the whole body's HTML at once) into a detached element.
fn fresh_content(source: &str) -> String {
    let rendered = postview::wasm::render_post(source, JsValue::UNDEFINED).unwrap();
    let html = js_sys::Reflect::get(&rendered, &"html".into()).unwrap().as_string().unwrap();
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("div").unwrap();
    element.set_inner_html(&html);
    normalised(&element)
}

/// Deterministic pseudo-random numbers (xorshift64*), so a failing script can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const CHARACTERS: &[&str] = &["字", "a", " ", "\n", "*", "`", "#", "-", ">", "|", "[", "]", "！", "_", "<", "~"];

fn whole_lines() -> Vec<String> {
    vec![
        "## 新的小节\n".into(),
        "# 同名标题\n".into(),
        "- 列表项\n".into(),
        "1. 第一步\n".into(),
        "   - 缩进的子项\n".into(),
        format!("![新图片]({PIXEL})\n"),
        "![被拒绝的图](javascript:alert(1))\n".into(),
        "```\n".into(),
        "```rust\nfn main() {}\n```\n".into(),
        "[书单]: https://example.org/books\n".into(),
        "见[书单]和[^注]。\n".into(),
        "[^注]: 新加的脚注。\n".into(),
        "> 一段引用\n".into(),
        "<details><summary>展开</summary>\n".into(),
        "</details>\n".into(),
        "<img src=\"x\" onerror=\"alert(1)\">\n".into(),
        "| 列一 | 列二 |\n|---|:-:|\n| 甲 | 乙 |\n".into(),
        "***\n".into(),
        "\n".into(),
        "---\n".into(),
        "普通的一段文字，有**加粗**和`代码`。\n".into(),
        "> [!NOTE]\n> 提示框\n".into(),
        "术语\n: 定义\n".into(),
        "{% youtube abc %}\n".into(),
        "{% codeblock lang:js %}\n".into(),
        "{% endcodeblock %}\n".into(),
        "价格$5，会员$3，公式 $x^2$\n".into(),
        "见[^新]和[^note]。\n".into(),
        "[^新]: 另一个脚注。\n".into(),
    ]
}

/// Byte offsets of the character boundaries in `text`, end included.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices().map(|(at, _)| at).chain([text.len()]).collect()
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1)).filter(|&at| at < text.len()).collect()
}

/// One random edit of the kinds an author makes, applied to `source`.
fn edit(source: &mut String, random: &mut Random, lines: &[String]) {
    let cuts = boundaries(source);
    let starts = line_starts(source);
    match random.below(8) {
        0 | 1 => {
            let at = cuts[random.below(cuts.len())];
            source.insert_str(at, random.pick(CHARACTERS));
        }
        2 => {
            let from = random.below(cuts.len());
            let to = (from + 1 + random.below(3)).min(cuts.len() - 1);
            source.replace_range(cuts[from]..cuts[to], "");
        }
        3 | 4 => {
            let at = starts.get(random.below(starts.len())).copied().unwrap_or(0);
            source.insert_str(at, &lines[random.below(lines.len())]);
        }
        5 => {
            if let Some(&at) = starts.get(random.below(starts.len())) {
                let end = source[at..].find('\n').map_or(source.len(), |n| at + n + 1);
                source.replace_range(at..end, "");
            }
        }
        6 => {
            // The front matter: a new title, another tag, or a broken line.
            let change = random.pick(&["title: 改过的标题\n", "tags: [生活, 记录]\n", "date: 不是日期\n", "bad: [\n"]);
            match source.starts_with("---\n") {
                true => source.insert_str(4, change),
                false => source.insert_str(0, &format!("---\n{change}---\n\n")),
            }
        }
        _ => {
            // A character in the middle of a line of text: the commonest edit of all.
            if let Some(&at) = starts.get(random.below(starts.len())) {
                let line_end = source[at..].find('\n').map_or(source.len(), |n| at + n);
                let inside = boundaries(&source[at..line_end]);
                source.insert(at + inside[random.below(inside.len())], '文');
            }
        }
    }
}

#[track_caller]
fn assert_same_as_a_fresh_render(page: &Page, source: &str, step: &str) {
    let (patched, fresh) = (patched_content(page), fresh_content(source));
    if patched != fresh {
        let at = patched.bytes().zip(fresh.bytes()).take_while(|(a, b)| a == b).count();
        let around = |s: &str| s.get(at.saturating_sub(200)..(at + 200).min(s.len())).unwrap_or(s).to_string();
        panic!(
            "{step}: the patched preview differs from a fresh render at byte {at}\n--- patched ---\n{}\n--- fresh ---\n{}\n--- source ---\n{source}",
            around(&patched),
            around(&fresh)
        );
    }
    let fresh_page = Page::new(source);
    assert_eq!(top_level_lines(page), top_level_lines(&fresh_page), "{step}: data-line differs from a fresh mount");
    let unmarked = page.body().query_selector_all("img[src='']:not(.image-broken)").unwrap().length();
    assert_eq!(unmarked, 0, "{step}: a refused image has no placeholder");
}

/// The realistic post without its footnotes and reference links, and the lines to insert
/// without them: a post whose every edit is rendered in part, where it can be.
fn local_post_and_lines() -> (String, Vec<String>) {
    let global = |line: &str| line.contains("]:") || line.contains("[^") || line.contains("codeblock");
    let post = realistic_post().lines().filter(|line| !global(line)).map(|line| format!("{line}\n")).collect();
    (post, whole_lines().into_iter().filter(|line| !global(line)).collect())
}

#[wasm_bindgen_test]
fn random_edits_leave_the_preview_as_a_fresh_render_would() {
    replay_random_edits(&realistic_post(), &whole_lines(), &[1, 2, 3, 4]);
}

#[wasm_bindgen_test]
fn random_edits_rendered_in_part_leave_the_preview_as_a_fresh_render_would() {
    let (post, lines) = local_post_and_lines();
    replay_random_edits(&post, &lines, &[5, 6]);
}

/// 100 random edits of `post` for each seed, each followed by a check against a fresh render.
fn replay_random_edits(post: &str, lines: &[String], seeds: &[u64]) {
    for &seed in seeds {
        let mut source = post.to_string();
        let page = Page::new(&source);
        assert_same_as_a_fresh_render(&page, &source, &format!("seed {seed}, mounted"));
        let mut random = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for step in 0..100 {
            edit(&mut source, &mut random, lines);
            page.previewer.update(&source);
            assert_same_as_a_fresh_render(&page, &source, &format!("seed {seed}, edit {step}"));
        }
    }
}

#[wasm_bindgen_test]
fn an_image_in_a_block_not_edited_stays_the_same_element() {
    let source = format!("第一段。\n\n![图]({PIXEL})\n\n最后一段。\n");
    let page = Page::new(&source);
    let image = page.body().query_selector("img").unwrap().unwrap();
    let source = source.replace("最后一段", "最后一段，改过了");
    page.previewer.update(&source);
    page.previewer.update(&format!("新的开头。\n\n{}", source.replace("第一段", "第一段也改了")));
    let after = page.body().query_selector("img").unwrap().unwrap();
    assert!(js_sys::Object::is(&image, &after), "the image was re-created");
    assert_eq!(after.closest("p").unwrap().unwrap().get_attribute("data-line").as_deref(), Some("5"));
}

#[wasm_bindgen_test]
fn blocks_carry_their_first_editor_line() {
    let page = Page::new("---\ntitle: 标题\n---\n\n# 一\n\n第二\n段落\n\n- 甲\n- 乙\n");
    let lines: Vec<Option<String>> = ["h1", "p", "ul"]
        .iter()
        .map(|selector| page.body().query_selector(selector).unwrap().unwrap().get_attribute("data-line"))
        .collect();
    assert_eq!(lines, [Some("5".into()), Some("7".into()), Some("10".into())]);
}

#[wasm_bindgen_test]
fn a_long_post_is_split_into_chunks_that_stay_balanced_as_it_grows() {
    let paragraphs = |n: usize| (0..n).map(|i| format!("第 {i} 段。\n\n")).collect::<String>();
    let page = Page::new(&paragraphs(300));
    let chunk_sizes = |page: &Page| page.chunks().iter().map(Element::child_element_count).collect::<Vec<_>>();
    assert!(chunk_sizes(&page).iter().all(|&n| n <= 128), "{:?}", chunk_sizes(&page));
    assert!(chunk_sizes(&page).len() >= 3);
    // Typing at the end, one paragraph at a time, keeps chunks from growing without end.
    for n in 301..=500 {
        page.previewer.update(&paragraphs(n));
    }
    assert!(chunk_sizes(&page).iter().all(|&n| (1..=128).contains(&n)), "{:?}", chunk_sizes(&page));
    assert_eq!(chunk_sizes(&page).iter().sum::<u32>(), 500);
    assert_eq!(patched_content(&page), fresh_content(&paragraphs(500)));
}

/// Counts what it is asked, and hands HTML back as it came.
#[derive(Default)]
struct CountingSanitizer {
    asked: std::cell::RefCell<Vec<String>>,
}

impl postview::Sanitizer for CountingSanitizer {
    fn sanitize(&self, html: &str) -> Result<String, String> {
        self.asked.borrow_mut().push(html.to_string());
        Ok(html.to_string())
    }
}

#[wasm_bindgen_test]
fn after_an_edit_only_the_edited_block_is_sanitized_again() {
    let (counting, mut blocks) = (CountingSanitizer::default(), postview::browser::SanitizedBlocks::default());
    let options = postview::RenderOptions::default();
    let mut render = |source: &str| blocks.render(&counting, |s| postview::render_with(source, &options, Some(s)));
    let first = render("<b>一</b>\n\n<i>二</i>\n\n三\n");
    assert_eq!(counting.asked.borrow().len(), 2);
    let second = render("<b>一</b>\n\n<i>二二</i>\n\n三三\n");
    assert_eq!(counting.asked.borrow()[2..], ["<p><i>二二</i></p>\n"]);
    assert_eq!(first.blocks[0], second.blocks[0]);
}

#[wasm_bindgen_test]
fn blocks_a_render_in_part_did_not_ask_about_are_not_sanitized_again_by_the_next_whole_render() {
    let (counting, mut blocks) = (CountingSanitizer::default(), postview::browser::SanitizedBlocks::default());
    let mut incremental = postview::Incremental::new(postview::RenderOptions::default());
    let mut render = |source: &str| {
        let path = blocks.render(&counting, |s| {
            incremental.render(source, Some(s));
            incremental.path()
        });
        blocks.keep_earlier(!matches!(path, postview::RenderPath::Whole(_)));
        path
    };
    let post = "<b>一</b>\n\n二\n\n三\n\n四\n\n<i>五</i>\n";
    render(post);
    assert!(matches!(render(&post.replace("三", "三三")), postview::RenderPath::Window { .. }));
    // A footnote: the whole post is rendered again, and its raw HTML blocks are remembered.
    assert!(matches!(render(&post.replace("三", "三[^1]")), postview::RenderPath::Whole(_)));
    assert_eq!(counting.asked.borrow().len(), 2);
}

#[wasm_bindgen_test]
fn the_block_the_caret_is_in_is_highlighted_and_follows_the_caret() {
    let page = Page::new("# 标题\n\n第一段，\n第一段的第二行。\n\n- 列表\n");
    let highlighted = |page: &Page| {
        let all = page.body().query_selector_all(".postview-caret-block").unwrap();
        (0..all.length()).map(|i| all.item(i).unwrap().node_name()).collect::<Vec<_>>()
    };
    // On the paragraph's second line, as a click would put it.
    let second_line = "# 标题\n\n第一段，\n第一".encode_utf16().count() as u32;
    page.editor.set_selection_range(second_line, second_line).unwrap();
    page.editor.dispatch_event(&web_sys::Event::new("mouseup").unwrap()).unwrap();
    assert_eq!(highlighted(&page), ["P"]);
    page.editor.set_selection_range(0, 0).unwrap();
    page.editor.dispatch_event(&web_sys::Event::new("keyup").unwrap()).unwrap();
    assert_eq!(highlighted(&page), ["H1"]);
}

#[wasm_bindgen_test]
fn a_front_matter_edit_recreates_no_body_element_and_renumbers_its_lines() {
    let page = Page::new("---\ntitle: 一\n---\n\n正文第一段。\n\n## 小节\n");
    let before = page.body().query_selector("h2").unwrap().unwrap();
    page.previewer.update("---\ntitle: 二\ntags: [新]\n---\n\n正文第一段。\n\n## 小节\n");
    let after = page.body().query_selector("h2").unwrap().unwrap();
    assert!(js_sys::Object::is(&before, &after), "the heading was re-created");
    assert_eq!(after.get_attribute("data-line").as_deref(), Some("8"));
}

#[wasm_bindgen_test]
fn renaming_a_heading_that_renames_a_later_ones_id_keeps_the_image_between() {
    let source = format!("# 同名\n\n![图]({PIXEL})\n\n# 同名\n");
    let page = Page::new(&source);
    let image = page.body().query_selector("img").unwrap().unwrap();
    let renamed = source.replacen("# 同名", "# 改名", 1);
    page.previewer.update(&renamed);
    assert_eq!(page.body().query_selector("h1:last-of-type").unwrap().unwrap().id(), "同名");
    let after = page.body().query_selector("img").unwrap().unwrap();
    assert!(js_sys::Object::is(&image, &after), "the image between the two headings was re-created");
    assert_eq!(patched_content(&page), fresh_content(&renamed));
}

/// Resolves after the browser has run its next animation frame.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// The number of `h2` in the page's preview.
fn sections_shown(page: &Page) -> u32 {
    page.body().query_selector_all("h2").unwrap().length()
}

/// Waits, frame by frame, until `page` shows `sections` sections; returns how many frames that took.
async fn frames_until_shown(page: &Page, sections: u32) -> u32 {
    let mut frames = 0;
    while sections_shown(page) < sections {
        next_frame().await;
        frames += 1;
        assert!(frames < 1_000, "the paste never finished showing ({} sections)", sections_shown(page));
    }
    frames
}

#[wasm_bindgen_test]
async fn a_huge_paste_is_shown_over_several_frames_and_ends_as_a_fresh_render() {
    let page = Page::new("开头。\n");
    // About 1 MB of HTML: many frames' worth (patch.rs puts in 64 KB of new HTML a frame).
    let paste: String =
        (0..8_000).map(|i| format!("## 第 {i} 节\n\n这是第 {i} 段，有**加粗**和`代码`。\n\n")).collect();
    let source = format!("开头。\n\n{paste}");
    page.previewer.update(&source);
    let first = sections_shown(&page);
    assert!(first > 0 && first < 8_000, "the first frame showed {first} of 8000 sections");
    assert!(frames_until_shown(&page, 8_000).await >= 2);
    assert_eq!(patched_content(&page), fresh_content(&source));
    let fresh_page = Page::new(&source);
    frames_until_shown(&fresh_page, 8_000).await;
    assert_eq!(top_level_lines(&page), top_level_lines(&fresh_page), "data-line differs from a fresh mount");
}
