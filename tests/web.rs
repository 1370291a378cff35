//! Browser tests (wasm-pack test --headless --chrome): the JavaScript boundary returns typed
//! objects, `mount` follows a real textarea, and rendered HTML becomes the expected elements.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Document, Element, Event, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const POST: &str =
    "---\ntitle: 测试文章\ndate: 2024-11-22 23:14:24\ntags: 线下活动\n---\n\n## 第一节\n\n正文**加粗**。\n";

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| Reflect::get(&v, &key.into()).unwrap())
}

/// A textarea and a preview element in the page, removed again when dropped.
struct Page {
    editor: HtmlTextAreaElement,
    preview: HtmlElement,
}

impl Page {
    fn new(source: &str) -> Page {
        let doc = document();
        let editor: HtmlTextAreaElement = doc.create_element("textarea").unwrap().dyn_into().unwrap();
        editor.set_value(source);
        let preview: HtmlElement = doc.create_element("section").unwrap().dyn_into().unwrap();
        let body = doc.body().unwrap();
        body.append_child(&editor).unwrap();
        body.append_child(&preview).unwrap();
        Page { editor, preview }
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.preview.query_selector(selector).unwrap()
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.editor.remove();
        self.preview.remove();
    }
}

/// Resolves after the browser has run its next animation frame (and the one after).
async fn next_frames() {
    for _ in 0..2 {
        next_frame().await;
    }
}

/// Resolves on the browser's next animation frame.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn render_returns_a_plain_object_with_camel_case_fields() {
    let rendered = postview::wasm::render_post(POST, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&rendered, "meta.title").as_string().as_deref(), Some("测试文章"));
    assert_eq!(get(&rendered, "meta.date.iso").as_string().as_deref(), Some("2024-11-22T23:14:24"));
    let tags: Array = get(&rendered, "meta.tags").dyn_into().unwrap();
    assert_eq!(tags.to_vec(), vec![JsValue::from_str("线下活动")]);
    assert!(get(&rendered, "headerHtml").as_string().unwrap().contains("<h1"));
    assert_eq!(get(&rendered, "frontMatter.format").as_string().as_deref(), Some("yaml"));
    assert_eq!(get(&rendered, "frontMatter.data.tags").as_string().as_deref(), Some("线下活动"));
    let diagnostics: Array = get(&rendered, "diagnostics").dyn_into().unwrap();
    assert_eq!(diagnostics.length(), 0);
}

#[wasm_bindgen_test]
fn blocks_cross_with_the_html_keys_and_lines_the_core_gives_them() {
    // Characters of one, two, three and four UTF-8 bytes (the last two UTF-16 units) in blocks
    // before others, so each block's place in the body's JavaScript string is tested.
    let source = "---\ntitle: t\n---\n\n# é 中文 😀\n\n- a😀\n- b\n\n😀😀 text `x`\n\n> 引用\n\n| a | b |\n|---|---|\n| 😀 | 中 |\n";
    let core = postview::render(source, &Default::default());
    let rendered = postview::wasm::render_post(source, JsValue::UNDEFINED).unwrap();
    let blocks: Array = get(&rendered, "blocks").dyn_into().unwrap();
    assert_eq!(blocks.length() as usize, core.blocks.len());
    assert!(core.blocks.len() >= 5);
    for (js, block) in blocks.iter().zip(&core.blocks) {
        assert_eq!(get(&js, "html").as_string().as_deref(), Some(block.html.as_str()));
        assert_eq!(get(&js, "key").as_f64(), Some(f64::from(block.key)));
        assert_eq!(get(&js, "startLine").as_f64(), Some(block.start_line as f64));
        assert_eq!(get(&js, "endLine").as_f64(), Some(block.end_line as f64));
    }
    assert_eq!(get(&rendered, "html").as_string().as_deref(), Some(core.html.as_str()));
}

#[wasm_bindgen_test]
fn bad_front_matter_is_a_diagnostic_inside_a_successful_result() {
    let rendered =
        postview::wasm::render_post("---\ntitle: [unclosed\n---\n\nbody text\n", JsValue::UNDEFINED).unwrap();
    let diagnostic = get(&rendered, "diagnostics").dyn_into::<Array>().unwrap().get(0);
    assert_eq!(get(&diagnostic, "severity").as_string().as_deref(), Some("error"));
    assert!(get(&diagnostic, "line").as_f64().unwrap() >= 2.0);
    assert!(get(&rendered, "html").as_string().unwrap().contains("body text"));
}

#[wasm_bindgen_test]
fn unknown_options_are_a_thrown_error() {
    let options = js_sys::JSON::parse(r#"{"rawHTML": "trust"}"#).unwrap();
    assert!(postview::wasm::render_post("x", options).is_err());
    let options = js_sys::JSON::parse(r#"{"rawHtml": "trust", "flavor": "commonmark"}"#).unwrap();
    let html = get(&postview::wasm::render_post("<b>x</b>", options).unwrap(), "html");
    assert_eq!(html.as_string().as_deref(), Some("<p><b>x</b></p>\n"));
}

#[wasm_bindgen_test]
fn rendered_html_becomes_the_expected_elements() {
    let page = Page::new(POST);
    let _previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap();
    assert_eq!(page.find("header h1").unwrap().text_content().as_deref(), Some("测试文章"));
    let time = page.find("header time").unwrap();
    assert_eq!(time.get_attribute("datetime").as_deref(), Some("2024-11-22T23:14:24"));
    assert_eq!(page.find("header .post-tags li").unwrap().text_content().as_deref(), Some("线下活动"));
    assert_eq!(page.find("h2").unwrap().id(), "第一节");
    assert_eq!(page.find(".postview-body strong").unwrap().text_content().as_deref(), Some("加粗"));
    assert!(!page.preview.text_content().unwrap().contains("title:"));
}

#[wasm_bindgen_test]
async fn mount_follows_input_events_on_the_next_frame() {
    let page = Page::new(POST);
    let _previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap();
    page.editor.set_value("---\ntitle: 改过的标题\n---\n\n新的正文\n");
    page.editor.dispatch_event(&Event::new("input").unwrap()).unwrap();
    next_frames().await;
    assert_eq!(page.find("header h1").unwrap().text_content().as_deref(), Some("改过的标题"));
    assert!(page.find(".postview-body").unwrap().text_content().unwrap().contains("新的正文"));
}

/// Puts `source` in the page's editor as an input event, without waiting.
fn edit(page: &Page, source: &str) {
    page.editor.set_value(source);
    page.editor.dispatch_event(&Event::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
fn an_edit_to_a_short_post_shows_before_the_next_frame() {
    let page = Page::new(POST);
    let _previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap();
    edit(&page, "---\ntitle: 改过的标题\n---\n\n新的正文\n");
    assert_eq!(page.find("header h1").unwrap().text_content().as_deref(), Some("改过的标题"));
    assert!(page.find(".postview-body").unwrap().text_content().unwrap().contains("新的正文"));
}

#[wasm_bindgen_test]
async fn edits_after_one_shown_at_once_are_shown_together_on_the_next_frame() {
    let page = Page::new(POST);
    let _previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap();
    let heading = || page.find(".postview-body h1").and_then(|h| h.text_content());
    edit(&page, "# 一\n");
    assert_eq!(heading().as_deref(), Some("一"), "the first edit since the frame, at once");
    edit(&page, "# 一二\n");
    edit(&page, "# 一二三\n");
    assert_eq!(heading().as_deref(), Some("一"), "the next edits wait for the frame");
    next_frames().await;
    assert_eq!(heading().as_deref(), Some("一二三"));
}

/// A post whose body HTML is more than the preview puts in per frame.
fn long_post() -> String {
    (0..600).map(|i| format!("第{i}段：{}\n\n", "长长的句子，".repeat(12))).collect()
}

#[wasm_bindgen_test]
async fn while_a_long_body_is_shown_over_several_frames_an_edit_waits_for_the_frame() {
    let page = Page::new(POST);
    let _previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap();
    let body = || page.find(".postview-body").unwrap().text_content().unwrap();
    let long = long_post();
    edit(&page, &long);
    if !body().contains("第0段") {
        next_frame().await;
    }
    assert!(body().contains("第0段") && !body().contains("第599段"), "the first part is shown");
    edit(&page, &long.replace("第0段", "第零段"));
    assert!(body().contains("第0段"), "the edit waits for the frame");
    for _ in 0..200 {
        if body().contains("第599段") && body().contains("第零段") {
            break;
        }
        next_frame().await;
    }
    assert!(body().contains("第零段") && body().contains("第599段") && !body().contains("第0段"));
}

/// Types `source` into the page's editor as an input event, and waits for the frames after it.
async fn type_into(page: &Page, source: &str) {
    page.editor.set_value(source);
    page.editor.dispatch_event(&Event::new("input").unwrap()).unwrap();
    next_frames().await;
}

#[wasm_bindgen_test]
async fn a_dropped_handle_keeps_the_preview_live() {
    let page = Page::new(POST);
    drop(postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap());
    type_into(&page, "# 还在更新\n").await;
    assert_eq!(page.find(".postview-body h1").unwrap().text_content().as_deref(), Some("还在更新"));
}

#[wasm_bindgen_test]
async fn after_destroy_typing_no_longer_renders() {
    let page = Page::new(POST);
    postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap().destroy();
    type_into(&page, "# 不再更新\n").await;
    assert_eq!(page.preview.child_element_count(), 0);
}

#[wasm_bindgen_test]
fn update_renders_at_once_and_destroy_empties_the_preview() {
    let page = Page::new("");
    let previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap();
    previewer.update("# 标题");
    assert_eq!(page.editor.value(), "# 标题");
    assert_eq!(page.find("h1").unwrap().text_content().as_deref(), Some("标题"));
    previewer.destroy();
    assert_eq!(page.preview.child_element_count(), 0);
}

/// About `kilobytes` KB of numbered sections, and how many there are.
fn numbered_sections(kilobytes: usize) -> (String, usize) {
    let mut text = String::new();
    let mut sections = 0;
    while text.len() < kilobytes << 10 {
        sections += 1;
        text += &format!("## 第 {sections} 节\n\n{}\n\n- 一项\n- 两项\n\n", "一段正文。".repeat(20));
    }
    (text, sections)
}

/// The text of the preview's last heading.
fn last_heading(page: &Page) -> Option<String> {
    let headings = page.preview.query_selector_all(".postview-body h2").unwrap();
    headings.item(headings.length().checked_sub(1)?)?.text_content()
}

#[wasm_bindgen_test]
async fn a_huge_update_is_shown_from_the_top_in_stages_and_rendered_is_all_of_it() {
    let page = Page::new("");
    let previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap();
    let (source, sections) = numbered_sections(1024);
    previewer.update(&source);
    let first = last_heading(&page).expect("the post's beginning is shown at once");
    assert_ne!(first, format!("第 {sections} 节"), "all of a 1 MB update was shown in its first task");
    next_frames().await;
    let later = last_heading(&page).unwrap();
    assert!(later != first, "the next frames showed no more than {first}");
    // rendered() is the whole post's render, whatever the preview shows yet.
    let toc = js_sys::Array::from(&get(&previewer.rendered().unwrap(), "toc"));
    assert_eq!(toc.length() as usize, sections);
    for _ in 0..200 {
        if last_heading(&page) == Some(format!("第 {sections} 节")) {
            return;
        }
        next_frame().await;
    }
    panic!("the preview never showed the last section; it ends at {:?}", last_heading(&page));
}

#[wasm_bindgen_test]
fn a_front_matter_error_is_listed_in_the_preview_with_its_place() {
    let page = Page::new("---\ntitle: x\nbroken: [\n---\n\n正文还在\n");
    let _previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap();
    let item = page.find(".postview-diagnostics .diagnostic-error").unwrap();
    assert!(item.text_content().unwrap().starts_with("Line "));
    assert!(page.find(".postview-body").unwrap().text_content().unwrap().contains("正文还在"));
}

#[wasm_bindgen_test]
fn raw_html_is_sanitized_by_default_in_the_browser() {
    let source = "<details open><summary>更多</summary><b onclick=\"alert(1)\">粗</b></details>\n\n<img src=x onerror=alert(1)><script>alert(1)</script><a href=\"javascript:alert(1)\">x</a>\n";
    let html = get(&postview::wasm::render_post(source, JsValue::UNDEFINED).unwrap(), "html").as_string().unwrap();
    assert!(html.contains("<details open=\"\"><summary>更多</summary><b>粗</b></details>"), "{html}");
    for bad in ["onclick", "onerror", "<script", "javascript:"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(html.contains("loading=\"lazy\""), "{html}");
}

#[wasm_bindgen_test]
fn raw_html_can_still_be_shown_as_text() {
    let options = js_sys::JSON::parse(r#"{"rawHtml": "escape"}"#).unwrap();
    let html = get(&postview::wasm::render_post("<b>x</b>", options).unwrap(), "html").as_string().unwrap();
    assert_eq!(html, "<p>&lt;b&gt;x&lt;/b&gt;</p>\n");
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// The window's `pagehide`, as leaving or switching away from the tab sends it.
fn hide_page() {
    web_sys::window().unwrap().dispatch_event(&Event::new("pagehide").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn without_the_draft_option_mount_touches_no_storage() {
    local_storage().clear().unwrap();
    let page = Page::new(POST);
    let previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap();
    type_into(&page, "# 不存草稿\n").await;
    hide_page();
    assert_eq!(local_storage().length().unwrap(), 0);
    previewer.destroy();
}

#[wasm_bindgen_test]
async fn a_draft_is_stored_under_its_key_and_restored_by_the_next_mount() {
    let options = js_sys::JSON::parse(r#"{"draft": {"key": "web-test:draft"}}"#).unwrap();
    let first = Page::new(POST);
    let previewer = postview::wasm::mount(first.editor.clone(), first.preview.clone(), options.clone()).unwrap();
    type_into(&first, "# 草稿\n").await;
    hide_page();
    let stamp = js_sys::JSON::parse(&local_storage().get_item("web-test:draft").unwrap().unwrap()).unwrap();
    assert_eq!(get(&stamp, "revision").as_f64(), Some(1.0));
    assert!(get(&stamp, "text").is_undefined(), "the text is stored apart from its stamp");
    assert_eq!(local_storage().get_item("web-test:draft:text").unwrap().as_deref(), Some("# 草稿\n"));
    previewer.destroy();
    drop(first);

    let second = Page::new(POST);
    let previewer = postview::wasm::mount(second.editor.clone(), second.preview.clone(), options).unwrap();
    assert_eq!(second.editor.value(), "# 草稿\n");
    assert_eq!(second.find(".postview-body h1").unwrap().text_content().as_deref(), Some("草稿"));
    previewer.destroy();
    local_storage().remove_item("web-test:draft").unwrap();
    local_storage().remove_item("web-test:draft:text").unwrap();
}

#[wasm_bindgen_test]
fn a_draft_stored_with_its_text_inside_its_stamp_by_an_earlier_version_is_still_restored() {
    let stored = r##"{"text": "# 早先存的\n", "savedAt": 0, "tab": "another", "revision": 2}"##;
    local_storage().set_item("web-test:earlier", stored).unwrap();
    let page = Page::new(POST);
    let options = js_sys::JSON::parse(r#"{"draft": {"key": "web-test:earlier"}}"#).unwrap();
    let previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), options).unwrap();
    assert_eq!(page.editor.value(), "# 早先存的\n");
    previewer.destroy();
    local_storage().remove_item("web-test:earlier").unwrap();
}

#[wasm_bindgen_test]
fn unknown_mount_options_are_a_thrown_error_naming_every_option() {
    let page = Page::new(POST);
    let options = js_sys::JSON::parse(r#"{"drafts": true}"#).unwrap();
    let error = postview::wasm::mount(page.editor.clone(), page.preview.clone(), options).err().unwrap();
    let message = get(&JsValue::from(error), "message").as_string().unwrap();
    assert!(message.contains("unknown option `drafts`"), "{message}");
    assert!(message.contains("draft, files, status, alert"), "{message}");
    let options = js_sys::JSON::parse(r#"{"draft": {"kee": "x"}}"#).unwrap();
    let error = postview::wasm::mount(page.editor.clone(), page.preview.clone(), options).err().unwrap();
    let message = get(&JsValue::from(error), "message").as_string().unwrap();
    assert!(message.contains("unknown option `draft.kee`"), "{message}");
}

#[wasm_bindgen_test]
fn mounting_without_restore_keeps_the_editor_text_and_stores_it_over_the_draft() {
    let stored = r##"{"text": "# 旧的\n", "savedAt": 0, "tab": "another", "revision": 3}"##;
    local_storage().set_item("web-test:restore", stored).unwrap();
    let page = Page::new("# 编辑器里更新的\n");
    let options = js_sys::JSON::parse(r#"{"draft": {"key": "web-test:restore", "restore": false}}"#).unwrap();
    let previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), options).unwrap();
    assert_eq!(page.editor.value(), "# 编辑器里更新的\n");
    let stamp = js_sys::JSON::parse(&local_storage().get_item("web-test:restore").unwrap().unwrap()).unwrap();
    assert_eq!(get(&stamp, "revision").as_f64(), Some(4.0));
    assert!(get(&stamp, "text").is_undefined(), "the earlier version's text in the stamp is gone");
    assert_eq!(local_storage().get_item("web-test:restore:text").unwrap().as_deref(), Some("# 编辑器里更新的\n"));
    previewer.destroy();
    local_storage().remove_item("web-test:restore").unwrap();
    local_storage().remove_item("web-test:restore:text").unwrap();
}

#[wasm_bindgen_test]
fn nesting_ten_thousand_times_deeper_than_a_real_post_renders_without_overflowing_the_stack() {
    let source = format!("{}深处\n", "> ".repeat(100_000));
    let html = get(&postview::wasm::render_post(&source, JsValue::UNDEFINED).unwrap(), "html").as_string().unwrap();
    assert_eq!(html.matches("<blockquote>").count(), 100_000);
    assert!(html.contains("深处"));
}

#[wasm_bindgen_test]
fn render_returns_stats_and_toc_and_reads_the_cjk_emphasis_option() {
    let rendered = postview::wasm::render_post("# 标题\n\n**真，**她 says hi\n", JsValue::UNDEFINED).unwrap();
    assert!(get(&rendered, "html").as_string().unwrap().contains("<strong>真，</strong>她"));
    assert_eq!(get(&rendered, "stats.words").as_f64(), Some(6.0));
    assert_eq!(get(&rendered, "stats.cjkCharacters").as_f64(), Some(4.0));
    assert_eq!(get(&rendered, "stats.readingMinutes").as_f64(), Some(1.0));
    let entry = get(&rendered, "toc").dyn_into::<Array>().unwrap().get(0);
    assert_eq!(get(&entry, "id").as_string().as_deref(), Some("标题"));
    assert_eq!(get(&entry, "text").as_string().as_deref(), Some("标题"));
    assert_eq!(get(&entry, "level").as_f64(), Some(1.0));
    assert_eq!(get(&entry, "line").as_f64(), Some(1.0));
    let off = js_sys::JSON::parse(r#"{"cjkFriendlyEmphasis": false}"#).unwrap();
    let html = get(&postview::wasm::render_post("**真，**她\n", off).unwrap(), "html");
    assert_eq!(html.as_string().as_deref(), Some("<p>**真，**她</p>\n"));
}

#[wasm_bindgen_test]
fn mount_lists_the_headings_in_the_toc_element_and_destroy_takes_the_list_away() {
    let page = Page::new(POST);
    let nav = document().create_element("nav").unwrap();
    document().body().unwrap().append_child(&nav).unwrap();
    let options = js_sys::Object::new();
    Reflect::set(&options, &"toc".into(), &nav).unwrap();
    let previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), options.into()).unwrap();
    let link = nav.query_selector("ol.postview-toc > li > a").unwrap().unwrap();
    assert_eq!(link.text_content().as_deref(), Some("第一节"));
    assert_eq!(link.get_attribute("href").as_deref(), Some("#第一节"));
    previewer.update("# 换了\n");
    assert_eq!(nav.query_selector("a").unwrap().unwrap().text_content().as_deref(), Some("换了"));
    previewer.destroy();
    assert!(nav.query_selector("ol").unwrap().is_none());
    nav.remove();
}
