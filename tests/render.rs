//! Pins the body and header HTML of posts rendered as `Flavor::Post` (the default).
//!
//! Each fixture is `tests/fixtures/posts/NAME.md`, with its expected body in `NAME.html` and its
//! expected header in `NAME.header.html` (no such file: no header). `POSTVIEW_BLESS=1 cargo test
//! --test render` rewrites the expectations from what renders now; read them before committing.

use std::{env, fs, path::PathBuf};

use postview::{render, RawHtml, RenderOptions, Rendered, Severity};

fn fixture_path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/posts").join(file)
}

fn read_fixture(file: &str) -> String {
    fs::read_to_string(fixture_path(file)).unwrap_or_else(|error| panic!("tests/fixtures/posts/{file}: {error}"))
}

/// Renders `NAME.md` with the default options and checks its body and header.
#[track_caller]
fn assert_fixture(name: &str) -> Rendered {
    let source = read_fixture(&format!("{name}.md"));
    let rendered = render(&source, &RenderOptions::default());
    assert_expected(&source, &rendered.html, &format!("{name}.html"));
    assert_expected(&source, &rendered.header_html, &format!("{name}.header.html"));
    rendered
}

/// Renders `NAME.md` with `options` and checks its body against the file `expected`.
#[track_caller]
fn assert_fixture_with(name: &str, options: &RenderOptions, expected: &str) -> Rendered {
    let source = read_fixture(&format!("{name}.md"));
    let rendered = render(&source, options);
    assert_expected(&source, &rendered.html, expected);
    rendered
}

/// `got` must be the contents of the fixture `file`, or empty when there is no such file. With
/// `POSTVIEW_BLESS=1` the file is rewritten to `got` instead (and removed when `got` is empty).
#[track_caller]
fn assert_expected(source: &str, got: &str, file: &str) {
    let path = fixture_path(file);
    if env::var("POSTVIEW_BLESS").is_ok_and(|bless| bless == "1") {
        let written = if got.is_empty() { fs::remove_file(&path).or(Ok(())) } else { fs::write(&path, got) };
        written.unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    if got != expected {
        panic!(
            "{file} does not match.\n----- input -----\n{source}\n----- got -----\n{got}\n----- expected -----\n\
             {expected}\n-----\n(POSTVIEW_BLESS=1 rewrites expectations; read them before committing)"
        );
    }
}

#[track_caller]
fn assert_no_diagnostics(rendered: &Rendered) {
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
}

/// The 1-based line and column (in characters) where `needle` first appears in `source`.
fn position_of(source: &str, needle: &str) -> (usize, usize) {
    let at = source.find(needle).unwrap_or_else(|| panic!("{needle} is not in the source"));
    let before = &source[..at];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1)
}

#[test]
fn the_sample_hexo_post_renders_with_its_header_and_every_part() {
    let rendered = assert_fixture("hexo-chinese-post");
    assert_no_diagnostics(&rendered);
    let header = &rendered.header_html;
    assert!(header.contains("<h1 class=\"post-title\">周末去了一趟城南的旧书市集</h1>"), "{header}");
    assert!(header.contains("<time datetime=\"2024-11-22T23:14:24\">2024-11-22 23:14:24</time>"), "{header}");
    assert!(header.contains("<li>生活记录</li>"), "{header}");
    let html = &rendered.html;
    for heading in ["市集是什么样子的", "淘到的几本书", "几点小建议"] {
        assert!(html.contains(&format!("<h2 id=\"{heading}\">{heading}</h2>")), "{heading}");
    }
    assert!(html.contains("<strong>最让我惊喜的是</strong>"));
    assert!(html.contains("target=\"_blank\" rel=\"noopener noreferrer\">主办方的活动页</a>"));
    assert_eq!(html.matches("<img src=\"https://").count(), 3);
    assert_eq!(html.matches("loading=\"lazy\" referrerpolicy=\"no-referrer\"").count(), 3);
    assert!(html.contains("alt=\"截图_2024.png\""));
    assert!(html.contains("?token=v2%2F20241122%2Fcn&amp;expire=~3600&amp;"), "the signed query survives");
    assert!(html.contains("<blockquote>\n<p>书是旧的，读它的人是新的。</p>"));
    assert!(html.contains("<hr />"));
    assert!(html.ends_with("<p><code>下次市集预计在明年三月举办，到时候再见！</code></p>\n"));
    for front_matter_text in ["title:", "date:", "tags:", "2024-11-22", "---"] {
        assert!(!html.contains(front_matter_text), "{front_matter_text} leaked into the body");
    }
}

#[test]
fn heading_ids_keep_chinese_readable_and_number_duplicates() {
    let rendered = assert_fixture("chinese-heading-ids");
    assert_no_diagnostics(&rendered);
    let ids: Vec<&str> = rendered.html.split(" id=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
    assert_eq!(
        ids,
        [
            "什么是旧书市集",
            "准备工作",
            "准备工作-1",
            "准备工作-2",
            "rust-与-webassembly-入门",
            "常见问题-faq",
            "代码-与-粗体-标题"
        ]
    );
}

#[test]
fn links_open_in_a_new_tab_except_links_within_the_page() {
    let rendered = assert_fixture("links");
    assert_no_diagnostics(&rendered);
    let html = &rendered.html;
    let new_tab = "target=\"_blank\" rel=\"noopener noreferrer\"";
    assert!(html.contains(&format!("<a href=\"https://example.org/path?a=1&amp;b=2\" {new_tab} title=")));
    assert!(html.contains(&format!("<a href=\"/2024/11/other-post/\" {new_tab}>")));
    assert!(html.contains(&format!("<a href=\"mailto:hello@example.com\" {new_tab}>hello@example.com</a>")));
    assert!(html.contains(&format!("<a href=\"https://market.example.org/events?from=blog&amp;lang=zh\" {new_tab}>")));
    assert!(html.contains("<a href=\"#top\">#top</a>"), "in-page links stay in the page");
    assert_eq!(html.matches("<a href=\"#").count(), 2);
    assert_eq!(html.matches(new_tab).count(), html.matches("<a ").count() - 2);
}

#[test]
fn images_load_lazily_without_a_referrer_and_escape_alt_and_title() {
    let rendered = assert_fixture("images");
    assert_no_diagnostics(&rendered);
    let html = &rendered.html;
    assert_eq!(html.matches("<img ").count(), 5);
    assert_eq!(html.matches(" loading=\"lazy\" referrerpolicy=\"no-referrer\" />").count(), 5);
    assert!(html.contains(" alt=\"引号 &quot;alt&quot; 与 &lt;尖括号&gt; &amp; 符号\""));
    assert!(html.contains(" title=\"标题里的 &quot;引号&quot; &amp; &lt;b&gt;\""));
    assert!(html.contains(" alt=\"粗体 与 代码 的 alt\""), "alt is plain text");
}

#[test]
fn inline_png_images_are_allowed_but_not_as_links() {
    let rendered = assert_fixture("images");
    assert!(rendered.html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"内嵌的 PNG\""));
    let rendered = render("[图](data:image/png;base64,iVBORw0KGgo=)\n", &RenderOptions::default());
    assert_eq!(rendered.html, "<p><a>图</a></p>\n");
    assert_eq!(rendered.diagnostics.len(), 1);
}

#[test]
fn script_and_data_links_are_removed_with_a_warning_at_each_link() {
    let source = read_fixture("unsafe-urls.md");
    let rendered = assert_fixture("unsafe-urls");
    let html = &rendered.html;
    for scheme in ["javascript:", "vbscript:", "data:text", "JaVaScRiPt:", "data:image/svg", "data:image/png"] {
        assert!(!html.to_ascii_lowercase().contains(&scheme.to_ascii_lowercase()), "{scheme} in {html}");
    }
    assert!(html.contains("<a>危险链接</a>"));
    assert!(html.contains("<img src=\"\" alt=\"SVG 图片\""));
    let expected = [
        ("[危险链接]", "javascript:alert(1)"),
        ("[VB 链接]", "vbscript:msgbox(1)"),
        ("[数据链接]", "data:text/html;base64,PHNjcmlwdD4="),
        ("[伪装的链接]", "JaVaScRiPt:alert(1)"),
        ("[引用式]", "javascript:void(0)"),
        ("![SVG 图片]", "data:image/svg+xml;base64,PHN2Zz4="),
        ("[PNG 不能当链接]", "data:image/png;base64,iVBORw0KGgo="),
    ];
    assert_eq!(rendered.diagnostics.len(), expected.len(), "{:#?}", rendered.diagnostics);
    for (diagnostic, (link, url)) in rendered.diagnostics.iter().zip(expected) {
        assert_eq!(diagnostic.severity, Severity::Warning);
        assert_eq!((diagnostic.line, diagnostic.column), position_of(&source, link), "{link}");
        assert!(diagnostic.message.contains(url), "{}", diagnostic.message);
    }
}

#[test]
fn raw_html_is_shown_as_text_by_default() {
    let rendered = assert_fixture("raw-html");
    assert_no_diagnostics(&rendered);
    assert!(!rendered.html.contains("<script"));
    assert!(!rendered.html.contains("<span"));
    assert!(rendered.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let escaped = RenderOptions { raw_html: RawHtml::Escape, ..RenderOptions::default() };
    assert_fixture_with("raw-html", &escaped, "raw-html.html");
}

#[test]
fn raw_html_passes_through_when_trusted() {
    let trusted = RenderOptions { raw_html: RawHtml::Trust, ..RenderOptions::default() };
    let rendered = assert_fixture_with("raw-html", &trusted, "raw-html.trusted.html");
    assert!(rendered.html.contains("<div class=\"note\">\n<b>提示</b>"));
    assert!(rendered.html.contains("<script>alert(1)</script>"));
    assert!(rendered.html.contains("<img src=x onerror=alert(1)>"));
}

#[test]
fn tables_strikethrough_task_lists_and_footnotes_render() {
    let rendered = assert_fixture("extensions");
    assert_no_diagnostics(&rendered);
    let html = &rendered.html;
    assert!(html.contains("<table>"));
    assert!(html.contains("<del>20</del> 15 元"));
    assert!(html.contains("<del>删掉的话</del>"));
    assert_eq!(html.matches("type=\"checkbox\"").count(), 2);
    assert_eq!(html.matches("checked").count(), 1);
    assert_eq!(html.matches("class=\"footnote-definition\"").count(), 2);
    assert!(!html.contains("[^note]"));
    assert!(!html.contains("style="), "alignment must not need inline styles");
}

#[test]
fn escaped_underscores_rules_quotes_and_inline_code_render() {
    let rendered = assert_fixture("inline-and-blocks");
    assert_no_diagnostics(&rendered);
    let html = &rendered.html;
    assert!(html.contains("snake_case_name"));
    assert!(html.contains("*星号*"));
    assert!(html.contains("<strong>真的粗体</strong>") && html.contains("<em>真的斜体</em>"));
    assert_eq!(html.matches("<hr />").count(), 2);
    assert_eq!(html.matches("<blockquote>").count(), 2);
    assert!(html.contains("<code>let x = a_b * c;</code>"));
    assert!(html.contains("<code>&lt;b&gt;不是粗体&lt;/b&gt;</code>"));
    assert!(html.contains("<code>含 ` 反引号</code>"));
}

#[test]
fn the_header_escapes_every_value() {
    let rendered = assert_fixture("header-escaping");
    assert_no_diagnostics(&rendered);
    let header = &rendered.header_html;
    assert!(header.starts_with("<header"));
    assert!(
        header.contains("<h1 class=\"post-title\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;引号&quot;</h1>")
    );
    assert!(header.contains("<time datetime=\"2024-11-22T23:14:24\">"));
    assert!(header.contains("<li>&lt;b&gt;粗体&lt;/b&gt;</li><li>a &amp; b</li>"));
    assert!(header.contains("<li>前端 / &lt;i&gt;Rust&lt;/i&gt;</li><li>随笔</li>"));
    for tag in ["<script", "<b>", "<i>"] {
        assert!(!header.contains(tag), "{tag} in {header}");
    }
}

#[test]
fn a_date_that_does_not_parse_is_shown_as_written_without_a_time_element() {
    let rendered = assert_fixture("unparsed-date");
    assert!(rendered.header_html.contains("<p class=\"post-date\">去年&lt;冬天&gt;</p>"));
    assert!(!rendered.header_html.contains("<time"));
    assert_eq!(rendered.diagnostics.len(), 1);
    assert_eq!(rendered.diagnostics[0].severity, Severity::Warning);
}

#[test]
fn a_post_without_front_matter_has_no_header() {
    let rendered = assert_fixture("no-front-matter");
    assert_no_diagnostics(&rendered);
    assert_eq!(rendered.header_html, "");
    assert!(rendered.html.starts_with("<h1 id=\"没有元数据的文章\">"));
}

#[test]
fn github_alerts_are_labelled_boxes_and_other_quotes_stay_quotes() {
    let rendered = assert_fixture("alerts");
    assert_no_diagnostics(&rendered);
    let html = &rendered.html;
    for (class, title) in
        [("note", "Note"), ("tip", "Tip"), ("important", "Important"), ("warning", "Warning"), ("caution", "Caution")]
    {
        let open = format!(
            "<div class=\"markdown-alert markdown-alert-{class}\" role=\"note\"><p class=\"markdown-alert-title\">{title}</p>"
        );
        assert!(html.contains(&open), "{class}: {html}");
    }
    assert_eq!(html.matches("class=\"markdown-alert ").count(), 8, "lower case and nested alerts count");
    assert_eq!(html.matches("<blockquote>").count(), 2, "a plain quote and `[!NOTE]` followed by text stay quotes");
    assert!(html.contains("<p>[!NOTE] 同一行还有字，不是提示框。</p>"));
    assert!(!html.contains("[!TIP]") && !html.contains("[!WARNING]"));
}

#[test]
fn definition_lists_render_as_dl_and_a_colon_line_after_a_blank_line_still_defines() {
    let rendered = assert_fixture("definition-lists");
    assert_no_diagnostics(&rendered);
    let html = &rendered.html;
    assert_eq!(html.matches("<dl>").count(), 2);
    assert!(html.contains("<dt>摊主</dt>\n<dd>卖书的人。</dd>\n<dd>也常常是最懂书的人。</dd>"));
    assert!(html.contains("<dt><strong>品相</strong></dt>"));
    assert!(html.contains("<p>下面这一段是普通段落，不属于上面的定义。</p>"));
    assert!(html.contains("<dt>一行以冒号和空格开头，即使隔着一个空行，也是上一段的定义：</dt>"));
    assert!(html.contains("<p>时间：10:30 开始，冒号不在行首的都不受影响。</p>"));
}

/// The `id` values in `html`, in order.
fn ids_in(html: &str) -> Vec<&str> {
    html.split(" id=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect()
}

#[test]
fn footnotes_are_numbered_by_first_reference_with_prefixed_ids_and_back_links() {
    let rendered = assert_fixture("footnotes");
    assert_no_diagnostics(&rendered);
    let html = &rendered.html;
    // 地点 is referenced first, then time (also as `Time`, the same note), then price, then code.
    assert!(html.contains("市集<sup class=\"footnote-reference\"><a href=\"#fn:地点\" id=\"fnref:地点\">1</a></sup>"));
    assert!(html.contains("<a href=\"#fn:time\" id=\"fnref:time:2\">2</a>"), "`[^Time]` is note 2 again");
    assert!(html.contains("<a href=\"#fn:地点\" id=\"fnref:地点:2\">1</a>"));
    assert!(html.contains(
        "<div class=\"footnote-definition\" id=\"fn:price\"><sup class=\"footnote-definition-label\">3</sup>"
    ));
    assert!(html.contains(
        "<div class=\"footnote-definition\" id=\"fn:code\"><sup class=\"footnote-definition-label\">4</sup>"
    ));
    assert!(html.contains(
        "<div class=\"footnote-definition\" id=\"fn:never\"><sup class=\"footnote-definition-label\">5</sup>"
    ));
    // The back-link sits in the last paragraph, or in one of its own after a code block.
    assert!(html.contains(
        "<p>下雨天会顺延一周。 <a href=\"#fnref:time\" class=\"footnote-backref\" aria-label=\"Back to reference 2\">↩</a></p>"
    ));
    assert!(html.contains("</code></pre>\n<p><a href=\"#fnref:code\" class=\"footnote-backref\" aria-label=\"Back to reference 4\">↩</a></p>\n</div>"));
    assert_eq!(html.matches("class=\"footnote-backref\"").count(), 4, "a note never referenced has no back-link");
    assert!(html.contains("这句引用了一个不存在的脚注[^missing]。"), "a reference to no definition stays text");
    let ids = ids_in(html);
    assert!(ids.iter().all(|id| id.starts_with("fn:") || id.starts_with("fnref:")), "{ids:?}");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
}

#[test]
fn footnote_ids_are_slugs_that_stay_unique_when_labels_look_alike() {
    let source = "一[^a b]二[^a-b]三[^A B]四[^<x onclick=y>]\n\n[^a b]: 甲\n[^a-b]: 乙\n[^<x onclick=y>]: 丙\n";
    let html = render(source, &RenderOptions::default()).html;
    assert_eq!(
        ids_in(&html),
        ["fnref:a-b", "fnref:a-b-2", "fnref:a-b:2", "fnref:x-onclick-y", "fn:a-b", "fn:a-b-2", "fn:x-onclick-y"]
    );
    assert!(!html.contains("<x"), "{html}");
}

#[test]
fn hexo_tag_lines_are_labelled_placeholders_and_code_tags_show_their_code() {
    let rendered = assert_fixture("hexo-tags");
    assert_no_diagnostics(&rendered);
    let html = &rendered.html;
    assert!(html.contains("<p><span class=\"hexo-tag\">Hexo tag: youtube dQw4w9WgXcQ</span></p>"));
    assert!(html.contains("<span class=\"hexo-tag\">Hexo tag: asset_img 会场.png 会场全景</span>"));
    assert!(html.contains("看这里：\n<span class=\"hexo-tag\">Hexo tag: link 活动页 https://example.org/salon</span>"));
    assert!(html.contains("<span class=\"hexo-tag\">Hexo tag: note info</span>\n这是一个<strong>提示</strong>。\n<span class=\"hexo-tag\">Hexo tag: endnote</span>"));
    // A code tag's content is code: no heading, no HTML, the language from `lang:`.
    assert!(html.contains("<div class=\"hexo-tag-block\"><p class=\"hexo-tag-title\">Hexo tag: codeblock 示例 lang:python</p><pre><code class=\"language-python\"># 注释不是标题\n"));
    assert!(html.contains("print(\"&lt;b&gt;不是粗体&lt;/b&gt;\")\n</code></pre></div>"));
    assert!(html.contains("<p class=\"hexo-tag-title\">Hexo tag: raw</p><pre><code>&lt;div onclick=\"alert(1)\"&gt;"));
    assert!(!html.contains("<h1"), "a code tag's `#` line is not a heading");
    // `{%` anywhere else stays as typed.
    assert!(html.contains("<p>句子中间的 {% youtube abc %} 不是标签行。</p>"));
    assert!(html.contains("<code>{% youtube 代码里的 %}</code>"));
    assert!(html.contains("<pre><code>{% youtube 代码块里的 %}\n</code></pre>"));
    assert!(html.contains("<p>{%不是标签%}</p>") && html.contains("<p>{% 不是标签 %}</p>"));
    assert!(html.contains("<span class=\"hexo-tag\">Hexo tag: codeblock 没有结束的代码块</span>\n这一段照常渲染。"));
}

#[test]
fn math_becomes_spans_of_escaped_tex_and_prices_stay_text() {
    let rendered = assert_fixture("math");
    assert_no_diagnostics(&rendered);
    let html = &rendered.html;
    assert!(html.contains("<span class=\"math math-inline\">E=mc^2</span>"));
    assert!(html.contains("<span class=\"math math-inline\">\\sum_{i=1}^n i</span>"));
    assert!(html.contains("<span class=\"math math-display\">\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n</span>"));
    assert!(html.contains("<span class=\"math math-inline\">a&lt;b&gt;c</span>"));
    for prices in ["<p>售价 $5，会员 $3。</p>", "<p>售价$5，会员$3。</p>", "<p>原价$30，现价$25，省了$5。</p>"]
    {
        assert!(html.contains(prices), "{prices} in {html}");
    }
    assert!(html.contains("<p>从 $5 涨到了 $8\n下一行还有 $10 和 $20。</p>"));
    assert!(html.contains("<code>$不是公式$</code>") && html.contains("转义的美元符号 $5$ 不是公式。"));
    assert_eq!(html.matches("class=\"math ").count(), 4);
}

#[test]
fn prices_without_spaces_would_be_math_by_pulldown_cmarks_rule_alone() {
    // A `$` that closes must not be followed by a digit (pandoc's rule, added here): without
    // it `售价$5，会员$3` is the formula `5，会员`. A closing `$` followed by anything else
    // still closes, which is the rule authors have to know.
    let html = render("售价$5，会员$3。两个$5的东西$x。\n", &RenderOptions::default()).html;
    assert_eq!(html, "<p>售价$5，会员$3。两个<span class=\"math math-inline\">5的东西</span>x。</p>\n");
}

#[test]
fn the_commonmark_flavor_has_no_alerts_definition_lists_math_or_hexo_tags() {
    let source = "> [!NOTE]\n> 提示\n\n术语\n: 定义\n\n$x$\n\n{% youtube abc %}\n";
    let html = render(source, &RenderOptions::commonmark()).html;
    assert_eq!(
        html,
        "<blockquote>\n<p>[!NOTE]\n提示</p>\n</blockquote>\n<p>术语\n: 定义</p>\n<p>$x$</p>\n<p>{% youtube abc %}</p>\n"
    );
}

#[test]
fn a_code_tag_holding_a_line_of_tildes_as_long_as_its_fence_stays_as_tag_lines() {
    let source = "{% code %}\n~~~~~~~~~~~~~~~~~~~~\n{% endcode %}\n\n后文。\n";
    let html = render(source, &RenderOptions::default()).html;
    // The tildes open a fence of their own, as they would without the tags.
    assert_eq!(
        html,
        "<p><span class=\"hexo-tag\">Hexo tag: code</span></p>\n<pre><code>{% endcode %}\n\n后文。\n</code></pre>\n"
    );
}
