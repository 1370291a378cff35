//! The post's excerpt, as the generators choose it: what a list of posts shows before "read
//! more".
//!
//! 1. The author's own, from the front matter: `excerpt` (Hexo, Jekyll) or `summary` (Hugo),
//!    as text.
//! 2. Otherwise the body's blocks before the first `<!-- more -->` / `<!--more-->` marker
//!    (Hexo, Hugo, Zola), as HTML, exactly as they show in the preview.
//! 3. Otherwise `description` (what Hexo themes show in its place), as text.
//! 4. Otherwise none: postview does not cut an automatic summary.

use pulldown_cmark_escape::escape_html;
use serde::Serialize;

use crate::front_matter::meta::PostMeta;
use crate::render::Block;

/// A post's excerpt and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Excerpt {
    /// Safe HTML: the blocks before the marker, or the front matter's text in a `<p>`, escaped.
    pub html: String,
    pub source: ExcerptSource,
}

/// Which rule gave the excerpt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ExcerptSource {
    /// The front matter's `excerpt` or `summary`.
    FrontMatter,
    /// The blocks before the `<!-- more -->` marker.
    MoreMarker,
    /// The front matter's `description`.
    Description,
}

/// The excerpt of a post with metadata `meta` whose body is `blocks`, the first marker being
/// block `more`.
pub fn choose(meta: &PostMeta, blocks: &[Block], more: Option<usize>) -> Option<Excerpt> {
    if let Some(text) = &meta.excerpt {
        return Some(Excerpt { html: paragraph(text), source: ExcerptSource::FrontMatter });
    }
    if let Some(more) = more {
        let html = blocks.iter().take(more).map(|block| block.html.as_str()).collect();
        return Some(Excerpt { html, source: ExcerptSource::MoreMarker });
    }
    let description = meta.description.as_ref()?;
    Some(Excerpt { html: paragraph(description), source: ExcerptSource::Description })
}

fn paragraph(text: &str) -> String {
    let mut html = String::from("<p>");
    // Writing into a String cannot fail.
    let _ = escape_html(&mut html, text);
    html.push_str("</p>\n");
    html
}
