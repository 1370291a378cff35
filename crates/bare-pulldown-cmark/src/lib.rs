//! pulldown-cmark alone: a post's Markdown to HTML with the parser options postview uses, by
//! pulldown-cmark's own HTML writer, and nothing else (no front matter, no sanitizing, no source
//! positions, no result object). `make bench` builds it as a WebAssembly module, optimised as
//! postview's is, and times it in the same page as postview and its peers: how far postview's
//! whole pipeline is from the parser it is built on.

use pulldown_cmark::{html, Options, Parser};

/// The options postview parses a post with (`RenderOptions::default().parser_options()`; a test
/// checks they stay the same).
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_GFM)
    .union(Options::ENABLE_DEFINITION_LIST)
    .union(Options::ENABLE_MATH)
    .union(Options::ENABLE_CJK_FRIENDLY_EMPHASIS);

/// The HTML of `markdown`.
pub fn render(markdown: &str) -> String {
    // As postview sizes its output: the HTML of a post is about half again as long.
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 2);
    html::push_html(&mut out, Parser::new_ext(markdown, OPTIONS));
    out
}

/// [`render`] for JavaScript.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = render)]
pub fn render_for_js(markdown: &str) -> String {
    render(markdown)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_options_are_the_ones_postview_parses_a_post_with() {
        assert_eq!(OPTIONS, postview::RenderOptions::default().parser_options());
    }

    #[test]
    fn a_post_becomes_its_html() {
        assert_eq!(render("## 标题\n\n**真，**她"), "<h2>标题</h2>\n<p><strong>真，</strong>她</p>\n");
    }
}
