//! Pins the excerpt marker (`<!-- more -->`, `<!--more-->`) and `Rendered::excerpt`: the marker
//! is postview's own element under every raw-HTML policy, never the author's raw HTML, and the
//! excerpt follows the generators' rule (front matter `excerpt`/`summary`, else the blocks
//! before the marker, else `description`, else none).

use std::cell::RefCell;

use postview::{render, render_with, ExcerptSource, Flavor, RawHtml, RenderOptions, Rendered, Sanitizer};

const MARKER: &str =
    "<div class=\"postview-more\" role=\"separator\" aria-label=\"End of the excerpt\">End of the excerpt</div>\n";

/// Refuses everything, and remembers what it was asked.
#[derive(Default)]
struct RefusingSanitizer {
    asked: RefCell<Vec<String>>,
}

impl Sanitizer for RefusingSanitizer {
    fn sanitize(&self, html: &str) -> Result<String, String> {
        self.asked.borrow_mut().push(html.to_string());
        Err("no DOM here".into())
    }
}

fn with(raw_html: RawHtml, source: &str) -> Rendered {
    render(source, &RenderOptions { flavor: Flavor::Post, raw_html, ..RenderOptions::default() })
}

#[track_caller]
fn assert_blocks_make_the_body(rendered: &Rendered) {
    let joined: String = rendered.blocks.iter().map(|b| b.html.as_str()).collect();
    assert_eq!(joined, rendered.html);
}

const POST: &str = "---\ntitle: 摘要\n---\n\n第一段。\n\n<!-- more -->\n\n第二段。\n";

#[test]
fn the_more_marker_becomes_a_named_separator_under_every_raw_html_policy() {
    for raw_html in [RawHtml::Escape, RawHtml::Sanitize, RawHtml::Trust] {
        let rendered = with(raw_html, POST);
        assert_eq!(rendered.html, format!("<p>第一段。</p>\n{MARKER}<p>第二段。</p>\n"), "{raw_html:?}");
        assert_eq!(rendered.blocks[1].html, MARKER);
        assert_eq!((rendered.blocks[1].start_line, rendered.blocks[1].end_line), (7, 7));
        assert_blocks_make_the_body(&rendered);
        assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
    }
}

#[test]
fn the_more_marker_is_never_handed_to_the_sanitizer_nor_counted_as_raw_html() {
    let sanitizer = RefusingSanitizer::default();
    let rendered = render_with(POST, &RenderOptions::default(), Some(&sanitizer));
    assert!(sanitizer.asked.borrow().is_empty(), "{:?}", sanitizer.asked.borrow());
    assert!(rendered.diagnostics.is_empty(), "a refusal would warn: {:#?}", rendered.diagnostics);
    assert!(rendered.html.contains(MARKER));
}

#[test]
fn hugos_marker_without_spaces_and_hexos_in_any_case_work_too() {
    for marker in ["<!--more-->", "<!-- MORE -->", "<!--   More\t-->"] {
        let rendered = with(RawHtml::Escape, &format!("摘要。\n\n{marker}\n\n全文。\n"));
        assert_eq!(rendered.html, format!("<p>摘要。</p>\n{MARKER}<p>全文。</p>\n"), "{marker}");
    }
}

#[test]
fn a_marker_right_after_a_paragraph_line_still_ends_the_excerpt() {
    let rendered = with(RawHtml::Escape, "摘要。\n<!-- more -->\n全文。\n");
    let excerpt = rendered.excerpt.expect("an excerpt");
    assert_eq!(excerpt.source, ExcerptSource::MoreMarker);
    assert_eq!(excerpt.html, "<p>摘要。</p>\n");
}

#[test]
fn a_marker_inside_a_list_or_with_text_on_its_line_is_an_ordinary_comment() {
    let in_list = with(RawHtml::Trust, "- 一\n\n  <!-- more -->\n");
    assert!(!in_list.html.contains("postview-more"), "{}", in_list.html);
    assert!(in_list.html.contains("<!-- more -->"), "{}", in_list.html);
    let with_text = with(RawHtml::Escape, "<!-- more --> 还有字\n");
    assert!(!with_text.html.contains("postview-more"), "{}", with_text.html);
    assert_eq!(with_text.excerpt, None);
}

#[test]
fn plain_commonmark_leaves_the_comment_alone() {
    let rendered = render("a\n\n<!-- more -->\n", &RenderOptions::commonmark());
    assert_eq!(rendered.html, "<p>a</p>\n<!-- more -->\n");
    assert_eq!(rendered.excerpt, None);
}

#[test]
fn the_excerpt_is_the_blocks_before_the_first_marker() {
    let rendered = with(RawHtml::Escape, "# 标题\n\n第一段。\n\n<!-- more -->\n\n第二段。\n\n<!-- more -->\n");
    let excerpt = rendered.excerpt.clone().expect("an excerpt");
    assert_eq!(excerpt.source, ExcerptSource::MoreMarker);
    assert_eq!(excerpt.html, "<h1 id=\"标题\">标题</h1>\n<p>第一段。</p>\n");
    assert_eq!(rendered.html.matches("postview-more").count(), 2, "every marker is shown");
}

#[test]
fn the_front_matter_excerpt_or_summary_comes_before_the_marker_and_is_escaped() {
    for key in ["excerpt", "summary"] {
        let rendered =
            with(RawHtml::Trust, &format!("---\n{key}: <b>手写</b> & 摘要\n---\n\n第一段。\n\n<!-- more -->\n"));
        let excerpt = rendered.excerpt.expect("an excerpt");
        assert_eq!(excerpt.source, ExcerptSource::FrontMatter, "{key}");
        assert_eq!(excerpt.html, "<p>&lt;b&gt;手写&lt;/b&gt; &amp; 摘要</p>\n", "{key}");
    }
}

#[test]
fn without_a_marker_the_description_is_the_excerpt_and_without_one_there_is_none() {
    let described = with(RawHtml::Escape, "---\ndescription: 一句话介绍\n---\n\n正文。\n");
    let excerpt = described.excerpt.expect("an excerpt");
    assert_eq!((excerpt.source, excerpt.html.as_str()), (ExcerptSource::Description, "<p>一句话介绍</p>\n"));
    assert_eq!(with(RawHtml::Escape, "正文。\n").excerpt, None);
}
