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
