//! Browser tests (wasm-pack test --headless --chrome) of what an embedder uses besides a
//! textarea: `mount({ editor, preview, options })`, an editor adapter driving the previewer,
//! the `postview:render` and `postview:error` events, and `enhance(element)`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, Event, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
/** An editor adapter over a string, recording what postview asks of it. Like CodeMirror's, it
 *  reports its own setText as a change. */
export function fakeAdapter(text) {
  return {
    current: text, top: 1, caret: undefined, fail: false, scrolledTo: [], set: [], stopped: false, notify: null,
    listens: 0,
    reads: 0,
    text() { if (this.fail) throw new Error('the editor is gone'); this.reads += 1; return this.current; },
    /** An author's edit: \`insert\` in place of \`from\`..\`to\` (UTF-16), reported with it when \`withEdit\`. */
    edit(from, to, insert, withEdit) {
      this.current = this.current.slice(0, from) + insert + this.current.slice(to);
      this.notify('change', withEdit ? { from, to, insert } : undefined);
    },
    topLine() { return this.top; },
    scrollToLine(line) { this.scrolledTo.push(line); this.top = line; },
    caretLine() { return this.caret; },
    setText(text) { this.set.push(text); this.current = text; this.notify?.('change'); },
    listen(notify) { this.listens += 1; this.notify = notify; return () => { this.stopped = true; }; },
  };
}

/** The `detail` of every `name` event on `target` from now on. */
export function collect(target, name) {
  const seen = [];
  target.addEventListener(name, (event) => seen.push(event.detail));
  return seen;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = fakeAdapter)]
    fn fake_adapter(text: &str) -> JsValue;
    fn collect(target: &web_sys::EventTarget, name: &str) -> Array;
}

const POST: &str = "---\ntitle: 测试文章\n---\n\n# 第一节\n\n正文第一段。\n";

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| Reflect::get(&v, &key.into()).unwrap())
}

fn set(object: &JsValue, key: &str, value: impl Into<JsValue>) {
    Reflect::set(object, &key.into(), &value.into()).unwrap();
}

/// A preview element in the page (and a textarea, for the tests that use one), removed when dropped.
struct Page {
    editor: HtmlTextAreaElement,
    preview: HtmlElement,
}

impl Page {
    fn new(source: &str) -> Page {
        let editor: HtmlTextAreaElement = document().create_element("textarea").unwrap().dyn_into().unwrap();
        editor.set_value(source);
        let preview: HtmlElement = document().create_element("section").unwrap().dyn_into().unwrap();
        let body = document().body().unwrap();
        body.append_child(&editor).unwrap();
        body.append_child(&preview).unwrap();
        Page { editor, preview }
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.preview.query_selector(selector).unwrap()
    }

    fn text_of(&self, selector: &str) -> Option<String> {
        self.find(selector).and_then(|element| element.text_content())
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.editor.remove();
        self.preview.remove();
    }
}

/// `{ editor, preview, options }`.
fn parts(editor: &JsValue, preview: &HtmlElement, options: JsValue) -> JsValue {
    let parts = Object::new();
    set(&parts, "editor", editor);
    set(&parts, "preview", preview);
    if !options.is_undefined() {
        set(&parts, "options", options);
    }
    parts.into()
}

fn mount(parts: JsValue) -> Result<postview::wasm::Previewer, String> {
    postview::wasm::mount_from_js(parts, JsValue::UNDEFINED, JsValue::UNDEFINED)
        .map_err(|error| get(&JsValue::from(error), "message").as_string().unwrap_or_default())
}

/// Calls the adapter's `notify` as its editor would.
fn report(adapter: &JsValue, what: &str) {
    let notify: js_sys::Function = get(adapter, "notify").dyn_into().unwrap();
    notify.call1(&JsValue::UNDEFINED, &what.into()).unwrap();
}

/// Resolves after the browser has run its next animation frames.
async fn frames(count: usize) {
    for _ in 0..count {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

#[wasm_bindgen_test]
fn the_object_form_mounts_a_textarea_with_its_options() {
    let page = Page::new("<b>粗</b>\n");
    let options = js_sys::JSON::parse(r#"{"rawHtml": "escape"}"#).unwrap();
    let _previewer = mount(parts(&page.editor, &page.preview, options)).unwrap();
    assert_eq!(page.text_of(".postview-body p").as_deref(), Some("<b>粗</b>"));
    assert!(page.find(".postview-body b").is_none());
}

#[wasm_bindgen_test]
fn the_object_form_names_an_unknown_part() {
    let page = Page::new(POST);
    let wrong = parts(&page.editor, &page.preview, JsValue::UNDEFINED);
    set(&wrong, "editer", &page.editor);
    let message = mount(wrong).err().unwrap();
    assert!(message.contains("unknown part `editer`"), "{message}");
    assert!(message.contains("editor, preview, options"), "{message}");
}

#[wasm_bindgen_test]
async fn an_adapter_s_text_renders_now_and_its_changes_on_the_next_frame() {
    let page = Page::new("");
    let adapter = fake_adapter(POST);
    let _previewer = mount(parts(&adapter, &page.preview, JsValue::UNDEFINED)).unwrap();
    assert_eq!(page.text_of("header h1").as_deref(), Some("测试文章"));
    set(&adapter, "current", "# 改过了\n");
    report(&adapter, "change");
    report(&adapter, "change");
    assert_eq!(page.text_of(".postview-body h1").as_deref(), Some("第一节"), "rendered before the frame");
    frames(2).await;
    assert_eq!(page.text_of(".postview-body h1").as_deref(), Some("改过了"));
}

#[wasm_bindgen_test]
fn an_adapter_whose_text_is_ready_on_change_has_a_short_text_rendered_at_once() {
    let page = Page::new("");
    let adapter = fake_adapter(POST);
    set(&adapter, "textReadyOnChange", true);
    let _previewer = mount(parts(&adapter, &page.preview, JsValue::UNDEFINED)).unwrap();
    set(&adapter, "current", "# 马上就改\n");
    report(&adapter, "change");
    assert_eq!(page.text_of(".postview-body h1").as_deref(), Some("马上就改"), "rendered before the frame");
}

/// Makes the adapter's edit `insert` in place of UTF-16 `from`..`to`, reported with it or not.
fn edit(adapter: &JsValue, (from, to, insert): (u32, u32, &str), with_edit: bool) {
    let edit: js_sys::Function = get(adapter, "edit").dyn_into().unwrap();
    let arguments = Array::of4(&from.into(), &to.into(), &insert.into(), &with_edit.into());
    edit.apply(adapter, &arguments).unwrap();
}

/// The body HTML the previewer holds, and the body HTML a full render of the adapter's text gives.
fn held_and_fresh(previewer: &postview::wasm::Previewer, adapter: &JsValue) -> (String, String) {
    let held = get(&previewer.rendered().unwrap(), "html").as_string().unwrap();
    (held, postview::render(&current(adapter), &postview::RenderOptions::default()).html)
}

fn current(adapter: &JsValue) -> String {
    get(adapter, "current").as_string().unwrap()
}

/// Where `needle` starts in the adapter's text, in UTF-16 code units.
fn offset(adapter: &JsValue, needle: &str) -> u32 {
    let text = current(adapter);
    text[..text.find(needle).unwrap()].encode_utf16().count() as u32
}

/// A post with characters of every UTF-8 length and UTF-16 surrogate pairs (😀 is two units).
const MIXED_POST: &str =
    "---\ntitle: 混合 😀\n---\n\n# 第一节 😀\n\nascii, é, 汉字, 😀😀 end.\n\n- 一项\n- two\n\n最后一段。\n";

#[wasm_bindgen_test]
async fn edits_an_adapter_reports_render_as_a_full_render_does_without_reading_its_text_again() {
    let page = Page::new("");
    let adapter = fake_adapter(MIXED_POST);
    let previewer = mount(parts(&adapter, &page.preview, JsValue::UNDEFINED)).unwrap();
    // The first reported edit has postview read the text once more, to keep it.
    let end = offset(&adapter, "end.");
    edit(&adapter, (end, end, "更多 "), true);
    frames(2).await;
    let reads = get(&adapter, "reads");
    let (held, fresh) = held_and_fresh(&previewer, &adapter);
    assert_eq!(held, fresh);
    // Each: where it starts (a needle), how many UTF-16 units it takes out, what it puts in.
    let steps = [
        ("😀 更多", 2, ""),             // a surrogate pair out
        ("---\ntitle", 0, "\n"),        // before the front matter
        ("- two", 5, "- 二\n- 三 😀"),  // a list item replaced by two
        ("最后", 2, "## 标题\n\n最后"), // a heading put in
    ];
    for (needle, taken, insert) in steps {
        let from = offset(&adapter, needle);
        edit(&adapter, (from, from + taken, insert), true);
        frames(2).await;
        let (held, fresh) = held_and_fresh(&previewer, &adapter);
        assert_eq!(held, fresh, "after {needle:?}: {}", current(&adapter));
    }
    // Two edits before one frame: at the very end, then at the very start.
    let end = current(&adapter).encode_utf16().count() as u32;
    edit(&adapter, (end, end, "\n末尾。\n"), true);
    edit(&adapter, (0, 1, ""), true);
    frames(2).await;
    let (held, fresh) = held_and_fresh(&previewer, &adapter);
    assert_eq!(held, fresh);
    assert_eq!(get(&adapter, "reads"), reads, "the text was not read again");
    assert_eq!(page.text_of(".postview-body h2").as_deref(), Some("标题"));
    assert!(current(&adapter).starts_with("---\ntitle") && current(&adapter).ends_with("末尾。\n"));
}

/// `text` with the character at UTF-16 offset `units` (or the one it is inside) changed.
fn changed_at_unit(text: &str, units: usize) -> String {
    let mut counted = 0;
    let (at, c) = text
        .char_indices()
        .find(|&(_, c)| {
            counted += c.len_utf16();
            counted > units
        })
        .unwrap();
    let other = if c == 'x' { "😃" } else { "x" };
    format!("{}{other}{}", &text[..at], &text[at + c.len_utf8()..])
}

#[wasm_bindgen_test]
async fn a_textarea_s_changes_anywhere_render_as_a_full_render_does() {
    // Long enough that what stays the same at either end is compared a slice at a time.
    let mut text = format!("{MIXED_POST}\n{}\n\n结尾。\n", "长的段落，😀。".repeat(300));
    let page = Page::new(&text);
    let previewer = mount(parts(&page.editor, &page.preview, JsValue::UNDEFINED)).unwrap();
    // Each: what is replaced (its first occurrence), and by what. postview keeps the text it
    // last read and applies what changed: a character beyond the Basic Multilingual Plane
    // changed into another that shares its first or its second UTF-16 unit must not be cut in two.
    let steps = [
        ("😀😀", "😀😃"),
        ("😀😃", "😃"),
        ("😃", "\u{1F203}"),
        ("ascii", "ASCII 😀"),
        ("---\ntitle", "\n---\ntitle"),
        ("- two\n", "- 二\n- 三 😀\n"),
        ("最后", "## 标题\n\n最后"),
        ("末", "末"),
        ("结尾", "结束 😀"),
        ("，😀。长", "，😃。长"),
    ];
    for (old, new) in steps {
        if let Some(at) = text.find(old) {
            text.replace_range(at..at + old.len(), new);
        }
        page.editor.set_value(&text);
        page.editor.dispatch_event(&Event::new("input").unwrap()).unwrap();
        frames(2).await;
        let held = get(&previewer.rendered().unwrap(), "html").as_string().unwrap();
        assert_eq!(held, postview::render(&text, &postview::RenderOptions::default()).html, "after {new:?}");
    }
    // One character changed at each place around where the slices compared meet (postview
    // compares 512 units at a time), from the start and from the end.
    let places = (505..520).chain(1017..1032).map(|units| (units, text.clone())).collect::<Vec<_>>();
    for (units, before) in places {
        let changed = changed_at_unit(&before, units);
        let from_end = changed_at_unit(&before, before.encode_utf16().count() - units);
        for changed in [changed, from_end] {
            page.editor.set_value(&changed);
            page.editor.dispatch_event(&Event::new("input").unwrap()).unwrap();
            frames(1).await;
            let held = get(&previewer.rendered().unwrap(), "html").as_string().unwrap();
            assert_eq!(held, postview::render(&changed, &postview::RenderOptions::default()).html, "at {units}");
        }
    }
    // Replaced whole, through the previewer.
    previewer.update("全新的一篇 😀。\n");
    assert_eq!(page.text_of(".postview-body p").as_deref(), Some("全新的一篇 😀。"));
}

#[wasm_bindgen_test]
async fn a_change_without_its_edit_or_with_one_that_does_not_fit_reads_the_adapter_s_text_again() {
    let page = Page::new("");
    let adapter = fake_adapter("# 甲\n");
    let previewer = mount(parts(&adapter, &page.preview, JsValue::UNDEFINED)).unwrap();
    edit(&adapter, (2, 3, "乙"), true);
    frames(2).await;
    edit(&adapter, (2, 3, "丙"), false);
    frames(2).await;
    assert_eq!(page.text_of(".postview-body h1").as_deref(), Some("丙"));
    // Past the end: read again.
    set(&adapter, "current", "# 丁 😀\n");
    report_with(&adapter, "change", (40, 41, "x"));
    frames(2).await;
    assert_eq!(page.text_of(".postview-body h1").as_deref(), Some("丁 😀"));
    // Inside a surrogate pair (😀 is units 4 and 5): read again.
    set(&adapter, "current", "# 戊\n");
    report_with(&adapter, "change", (5, 5, "x"));
    frames(2).await;
    assert_eq!(page.text_of(".postview-body h1").as_deref(), Some("戊"));
    edit(&adapter, (3, 3, "己"), true);
    frames(2).await;
    let (held, fresh) = held_and_fresh(&previewer, &adapter);
    assert_eq!(held, fresh);
    assert_eq!(page.text_of(".postview-body h1").as_deref(), Some("戊己"));
}

/// Reports `what` with an edit that may not be the one made.
fn report_with(adapter: &JsValue, what: &str, (from, to, insert): (u32, u32, &str)) {
    let change = Object::new();
    set(&change, "from", from);
    set(&change, "to", to);
    set(&change, "insert", insert);
    let notify: js_sys::Function = get(adapter, "notify").dyn_into().unwrap();
    notify.call2(&JsValue::UNDEFINED, &what.into(), &change).unwrap();
}

#[wasm_bindgen_test]
fn update_puts_the_text_in_the_adapter_and_destroy_stops_its_reports() {
    let page = Page::new("");
    let adapter = fake_adapter(POST);
    let previewer = mount(parts(&adapter, &page.preview, JsValue::UNDEFINED)).unwrap();
    previewer.update("# 新的\n");
    assert_eq!(page.text_of(".postview-body h1").as_deref(), Some("新的"));
    assert_eq!(Array::from(&get(&adapter, "set")).to_vec(), vec![JsValue::from_str("# 新的\n")]);
    assert_eq!(get(&adapter, "stopped").as_bool(), Some(false));
    previewer.destroy();
    assert_eq!(get(&adapter, "stopped").as_bool(), Some(true));
    assert_eq!(page.preview.child_element_count(), 0);
}

#[wasm_bindgen_test]
fn the_caret_line_an_adapter_reports_marks_its_block() {
    let page = Page::new("");
    let adapter = fake_adapter("# 一\n\n段落二\n\n段落三\n");
    let _previewer = mount(parts(&adapter, &page.preview, JsValue::UNDEFINED)).unwrap();
    set(&adapter, "caret", 5);
    report(&adapter, "caret");
    assert_eq!(page.text_of(".postview-caret-block").as_deref(), Some("段落三"));
    set(&adapter, "caret", 1);
    report(&adapter, "caret");
    assert_eq!(page.text_of(".postview-caret-block").as_deref(), Some("一"));
}

/// Sixty paragraphs, one every two lines: paragraph `n` (from 1) is on line `2n - 1`.
fn paragraphs() -> String {
    (1..=60).map(|n| format!("第 {n} 段。\n\n")).collect()
}

/// A preview that scrolls (200 px high) mounted on an adapter holding [`paragraphs`].
fn mounted_on_paragraphs() -> (Page, JsValue, postview::wasm::Previewer) {
    let page = Page::new("");
    page.preview.style().set_property("display", "block").unwrap();
    page.preview.style().set_property("height", "200px").unwrap();
    page.preview.style().set_property("overflow", "auto").unwrap();
    let adapter = fake_adapter(&paragraphs());
    let previewer = mount(parts(&adapter, &page.preview, JsValue::UNDEFINED)).unwrap();
    (page, adapter, previewer)
}

/// Scrolls the preview to the block with `text`, and says which line the adapter was then
/// scrolled to.
async fn preview_scrolled_to(page: &Page, adapter: &JsValue, text: &str) -> f64 {
    let paragraph = page.preview.query_selector_all("[data-line]").unwrap();
    let paragraph = (0..paragraph.length())
        .filter_map(|i| paragraph.item(i)?.dyn_into::<Element>().ok())
        .find(|element| element.text_content().as_deref() == Some(text))
        .expect("the block is shown");
    let offset = paragraph.get_bounding_client_rect().top() - page.preview.get_bounding_client_rect().top();
    page.preview.set_scroll_top(page.preview.scroll_top() + offset.round() as i32);
    page.preview.dispatch_event(&Event::new("scroll").unwrap()).unwrap();
    frames(2).await;
    let scrolled: Vec<f64> = Array::from(&get(adapter, "scrolledTo")).iter().filter_map(|l| l.as_f64()).collect();
    *scrolled.last().expect("the adapter was scrolled")
}

#[wasm_bindgen_test]
async fn scrolling_the_preview_scrolls_an_adapter_to_the_line_of_the_block_at_its_top() {
    let (page, adapter, _previewer) = mounted_on_paragraphs();
    let line = preview_scrolled_to(&page, &adapter, "第 21 段。").await;
    assert!((line - 41.0).abs() < 1.0, "scrolled to line {line}, the paragraph is on line 41");
}

#[wasm_bindgen_test]
async fn after_lines_are_added_above_the_preview_finds_each_block_where_it_is_now() {
    // The preview keeps the elements it found for lines until the body changes; a paragraph
    // added on top moves every block down two lines, so that each line now starts the block
    // that was before it: an element kept from before would be a block off.
    let (page, adapter, _previewer) = mounted_on_paragraphs();
    preview_scrolled_to(&page, &adapter, "第 21 段。").await;
    page.preview.set_scroll_top(0);
    page.preview.dispatch_event(&Event::new("scroll").unwrap()).unwrap();
    frames(2).await;
    set(&adapter, "current", format!("新的一段。\n\n{}", paragraphs()));
    report(&adapter, "change");
    frames(2).await;
    let line = preview_scrolled_to(&page, &adapter, "第 21 段。").await;
    assert!((line - 43.0).abs() < 1.0, "scrolled to line {line}, the paragraph is on line 43 now");
}

#[wasm_bindgen_test]
async fn an_adapter_scrolled_to_a_line_brings_its_block_to_the_top_of_the_preview() {
    let (page, adapter, _previewer) = mounted_on_paragraphs();
    set(&adapter, "top", 61);
    report(&adapter, "scroll");
    let paragraph = page.find("[data-line=\"61\"]").unwrap();
    let place = paragraph.get_bounding_client_rect().top() - page.preview.get_bounding_client_rect().top();
    assert!(page.preview.scroll_top() > 0);
    assert!(place.abs() < 4.0, "the paragraph on line 61 is {place} px from the preview's top");
}

#[wasm_bindgen_test]
async fn postview_render_carries_metadata_diagnostics_stats_and_timings() {
    let page = Page::new(POST);
    let seen = collect(&page.preview, "postview:render");
    let _previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap();
    assert_eq!(seen.length(), 1);
    let detail = seen.get(0);
    assert_eq!(get(&detail, "meta.title").as_string().as_deref(), Some("测试文章"));
    assert_eq!(get(&detail, "frontMatterFormat").as_string().as_deref(), Some("yaml"));
    assert_eq!(Array::from(&get(&detail, "diagnostics")).length(), 0);
    let rendered = postview::wasm::render_post(POST, JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&detail, "stats.words").as_f64(), get(&rendered, "stats.words").as_f64());
    assert!(get(&detail, "stats.words").as_f64().unwrap() > 0.0);
    for timing in ["timings.renderMs", "timings.patchMs"] {
        let ms = get(&detail, timing).as_f64().unwrap();
        assert!(ms >= 0.0 && ms.is_finite(), "{timing} = {ms}");
    }
    assert_eq!(get(&detail, "timings.frames").as_f64(), Some(1.0));

    let broken = "---\ntitle: [\n---\n\n正文\n";
    page.editor.set_value(broken);
    page.editor.dispatch_event(&Event::new("input").unwrap()).unwrap();
    frames(2).await;
    assert_eq!(seen.length(), 2);
    let diagnostics = get(&seen.get(1), "diagnostics");
    assert_eq!(Array::from(&diagnostics).length(), 1);
    let expected = get(&postview::wasm::render_post(broken, JsValue::UNDEFINED).unwrap(), "diagnostics");
    assert_eq!(js_sys::JSON::stringify(&diagnostics).unwrap(), js_sys::JSON::stringify(&expected).unwrap());
    assert!(get(&seen.get(1), "meta.title").is_undefined());
}

#[wasm_bindgen_test]
fn update_with_something_else_than_text_fires_postview_error_and_keeps_the_preview() {
    let page = Page::new(POST);
    let errors = collect(&page.preview, "postview:error");
    let previewer = postview::wasm::mount(page.editor.clone(), page.preview.clone(), JsValue::UNDEFINED).unwrap();
    previewer.update_from_js(JsValue::from(42));
    assert_eq!(errors.length(), 1);
    assert_eq!(get(&errors.get(0), "kind").as_string().as_deref(), Some("input"));
    assert!(get(&errors.get(0), "message").as_string().unwrap().contains("string"));
    assert_eq!(page.text_of("header h1").as_deref(), Some("测试文章"));
}

#[wasm_bindgen_test]
async fn an_adapter_that_throws_fires_postview_error_and_the_last_render_stays() {
    let page = Page::new("");
    let errors = collect(&page.preview, "postview:error");
    let adapter = fake_adapter(POST);
    let _previewer = mount(parts(&adapter, &page.preview, JsValue::UNDEFINED)).unwrap();
    set(&adapter, "fail", true);
    report(&adapter, "change");
    frames(2).await;
    assert_eq!(errors.length(), 1);
    assert_eq!(get(&errors.get(0), "kind").as_string().as_deref(), Some("editor"));
    let message = get(&errors.get(0), "message").as_string().unwrap();
    assert!(message.contains("text()") && message.contains("the editor is gone"), "{message}");
    assert_eq!(page.text_of("header h1").as_deref(), Some("测试文章"));
}

#[wasm_bindgen_test]
fn drafts_and_files_with_an_adapter_without_set_text_are_refused_naming_the_method() {
    let page = Page::new("");
    for options in [r#"{"draft": true}"#, r#"{"files": {}}"#] {
        let adapter = fake_adapter(POST);
        Reflect::delete_property(adapter.unchecked_ref::<Object>(), &"setText".into()).unwrap();
        let message = mount(parts(&adapter, &page.preview, js_sys::JSON::parse(options).unwrap())).err().unwrap();
        assert!(message.contains("no `setText` method"), "{options}: {message}");
        assert_eq!(page.preview.child_element_count(), 0);
        assert_eq!(get(&adapter, "listens").as_f64(), Some(0.0));
    }
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// The text of the draft stored under `key` (beside its stamp), if any.
fn stored_text(key: &str) -> Option<String> {
    local_storage().get_item(&format!("{key}:text")).unwrap()
}

/// The revision in the stamp of the draft stored under `key`.
fn stored_revision(key: &str) -> Option<f64> {
    let stamp = local_storage().get_item(key).unwrap()?;
    get(&js_sys::JSON::parse(&stamp).unwrap(), "revision").as_f64()
}

#[wasm_bindgen_test]
fn a_stored_draft_is_restored_into_an_adapter_through_set_text_and_its_listen_is_called_once() {
    let key = "embedding-test:restored";
    // As an earlier version stored it: the text inside the stamp.
    let stored = r##"{"text": "# 存着的草稿\n", "savedAt": 0, "tab": "another", "revision": 3}"##;
    local_storage().set_item(key, stored).unwrap();
    let page = Page::new("");
    let adapter = fake_adapter(POST);
    let options = js_sys::JSON::parse(&format!(r#"{{"draft": {{"key": "{key}"}}, "files": {{}}}}"#)).unwrap();
    let previewer = mount(parts(&adapter, &page.preview, options)).unwrap();
    assert_eq!(Array::from(&get(&adapter, "set")).to_vec(), vec![JsValue::from_str("# 存着的草稿\n")]);
    assert_eq!(page.text_of(".postview-body h1").as_deref(), Some("存着的草稿"));
    assert_eq!(get(&adapter, "listens").as_f64(), Some(1.0), "the previewer and the draft share one listen");
    // No alert was given: it goes before the preview.
    let alert = page.preview.previous_element_sibling().unwrap();
    assert_eq!(alert.class_name(), "postview-alert");
    previewer.destroy();
    assert_eq!(get(&adapter, "stopped").as_bool(), Some(true), "stopped once the last one stopped listening");
    assert_eq!(stored_revision(key), Some(3.0), "a restored draft is not stored again");
    alert.remove();
    local_storage().remove_item(key).unwrap();
}

#[wasm_bindgen_test]
fn an_adapter_s_reported_edit_is_stored_as_the_draft_and_update_is_not_an_edit() {
    let key = "embedding-test:edits";
    local_storage().remove_item(key).unwrap();
    local_storage().remove_item(&format!("{key}:text")).unwrap();
    let page = Page::new("");
    let alert: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    let options = Object::new();
    set(&options, "draft", js_sys::JSON::parse(&format!(r#"{{"key": "{key}"}}"#)).unwrap());
    set(&options, "alert", &alert);

    let adapter = fake_adapter(POST);
    let previewer = mount(parts(&adapter, &page.preview, options.clone().into())).unwrap();
    // Its setText reports a change, as CodeMirror's does: not the author's edit.
    previewer.update("# 更新的\n");
    assert_eq!(page.text_of(".postview-body h1").as_deref(), Some("更新的"));
    previewer.destroy();
    assert_eq!(stored_text(key), None);

    let adapter = fake_adapter(POST);
    let previewer = mount(parts(&adapter, &page.preview, options.into())).unwrap();
    set(&adapter, "current", "# 作者改的\n");
    report(&adapter, "change");
    previewer.destroy();
    assert_eq!(stored_text(key).as_deref(), Some("# 作者改的\n"));
    local_storage().remove_item(key).unwrap();
    local_storage().remove_item(&format!("{key}:text")).unwrap();
}

#[wasm_bindgen_test]
fn an_adapter_without_the_methods_postview_needs_is_refused_by_name() {
    let page = Page::new("");
    let adapter = fake_adapter(POST);
    Reflect::delete_property(adapter.unchecked_ref::<Object>(), &"topLine".into()).unwrap();
    let message = mount(parts(&adapter, &page.preview, JsValue::UNDEFINED)).err().unwrap();
    assert!(message.contains("no `topLine` method"), "{message}");
}

#[wasm_bindgen_test]
fn enhance_labels_inserted_code_and_adds_one_copy_button_however_often_it_runs() {
    let rendered = postview::wasm::render_post("```rust\nfn main() {}\n```\n", JsValue::UNDEFINED).unwrap();
    let container = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    container.set_inner_html(&get(&rendered, "html").as_string().unwrap());
    postview::wasm::enhance(container.clone().into()).unwrap();
    postview::wasm::enhance(container.clone().into()).unwrap();
    assert_eq!(container.query_selector_all(".postview-code-bar").unwrap().length(), 1);
    let label = container.query_selector(".postview-code-language").unwrap().unwrap();
    assert_eq!(label.text_content().as_deref(), Some("rust"));
    let button = container.query_selector("button.postview-copy").unwrap().unwrap();
    assert_eq!(button.text_content().as_deref(), Some("Copy code"));
    container.remove();
}

#[wasm_bindgen_test]
fn enhance_refuses_what_is_not_an_element() {
    assert!(postview::wasm::enhance(JsValue::from_str("<pre>")).is_err());
    assert!(postview::wasm::enhance(document().create_text_node("x").into()).is_err());
}
