//! Property tests: `render` takes any string without panicking, under every option set and
//! with a sanitizer that may refuse, and what it returns keeps its promises. Native only.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use postview::{render_with, ExcerptSource, Flavor, RawHtml, RenderOptions, Sanitizer};

/// Refuses HTML that holds an `x`; otherwise hands it back. It stands in for DOMPurify (which
/// needs a browser) so that both the sanitized and the refused paths are exercised.
struct PickySanitizer;

impl Sanitizer for PickySanitizer {
    fn sanitize(&self, html: &str) -> Result<String, String> {
        if html.contains('x') {
            Err("refused".to_string())
        } else {
            Ok(html.to_string())
        }
    }
}

/// Strings made of what Markdown and front matter are built from, so that generated inputs
/// reach deep into both parsers rather than staying plain paragraphs.
fn posty_string() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "---\n",
        "+++\n",
        "\n",
        "\r\n",
        "\r",
        "\t",
        " ",
        "  ",
        "#",
        "> ",
        "- ",
        "1. ",
        "* ",
        "_",
        "**",
        "`",
        "```",
        "~~~",
        "[",
        "]",
        "(",
        ")",
        "![",
        "<",
        ">",
        "&",
        "&amp;",
        "&#",
        ";",
        "|",
        "|---|",
        ":",
        "[^1]",
        "[^1]: ",
        "title: ",
        "tags: ",
        ";;;\n",
        "---toml\n",
        "---json\n",
        "---coffee\n",
        "{\"",
        "\": ",
        " = ",
        "[a]\n",
        "a.b",
        "<!-- more -->\n",
        "<!--more-->",
        "lastmod: ",
        "draft: ",
        "cover:\n  image: ",
        "2024-11-22T23:14:24+08:00",
        "date: 2024-11-22 23:14:24",
        "- [x] ",
        "> [!NOTE]\n",
        "[!TIP]",
        ": ",
        "$",
        "$$",
        "5",
        "[^A]",
        "{% ",
        " %}",
        "{% youtube a %}\n",
        "{% codeblock lang:js %}\n",
        "{% endcodeblock %}\n",
        "\\",
        "\"",
        "'",
        "{",
        "}",
        "&a ",
        "*a",
        "!",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "<script>",
        "javascript:",
        "http://a.b/",
        "中文",
        "😀",
        "\u{feff}",
        "\0",
        "x",
        "a",
        "0",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|pieces| pieces.concat())
}

fn options() -> impl Strategy<Value = RenderOptions> {
    let flavor = prop::sample::select(vec![Flavor::Post, Flavor::CommonMark]);
    let raw_html = prop::sample::select(vec![RawHtml::Escape, RawHtml::Sanitize, RawHtml::Trust]);
    let cjk_friendly_emphasis = prop::sample::select(vec![None, Some(false), Some(true)]);
    (flavor, raw_html, cjk_friendly_emphasis).prop_map(|(flavor, raw_html, cjk_friendly_emphasis)| RenderOptions {
        flavor,
        raw_html,
        cjk_friendly_emphasis,
    })
}

/// What every render promises, whatever the input.
fn check_render(source: &str, options: &RenderOptions) -> Result<(), TestCaseError> {
    let rendered = render_with(source, options, Some(&PickySanitizer));
    let lines = source.split('\n').count().max(source.split('\r').count());
    for diagnostic in &rendered.diagnostics {
        prop_assert!(diagnostic.line >= 1 && diagnostic.line <= lines, "{diagnostic:?}");
        prop_assert!(diagnostic.column >= 1, "{diagnostic:?}");
    }
    if let Some(front_matter) = &rendered.front_matter {
        let utf16_len = source.encode_utf16().count();
        prop_assert!(front_matter.range.start <= front_matter.range.end && front_matter.range.end <= utf16_len);
    }
    // Escaped, or refused by the sanitizer: the author's tags are text.
    let refused = rendered.diagnostics.iter().any(|d| d.message.contains("could not be sanitized"));
    if options.raw_html == RawHtml::Escape || refused {
        prop_assert!(!rendered.html.contains("<script"), "{}", rendered.html);
        prop_assert!(!rendered.html.contains("<div>"), "{}", rendered.html);
    }
    prop_assert!(!rendered.header_html.contains("<script"));
    let joined: String = rendered.blocks.iter().map(|b| b.html.as_str()).collect();
    prop_assert_eq!(&joined, &rendered.html);
    if let Some(excerpt) = rendered.excerpt.as_ref().filter(|e| e.source == ExcerptSource::MoreMarker) {
        prop_assert!(rendered.html.starts_with(&excerpt.html), "{:?}", excerpt);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn any_string_renders_without_panicking(source in any::<String>(), options in options()) {
        check_render(&source, &options)?;
    }

    #[test]
    fn any_mix_of_markdown_and_front_matter_renders_without_panicking(
        source in posty_string(),
        options in options(),
    ) {
        check_render(&source, &options)?;
    }
}
