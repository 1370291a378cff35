//! Render options, with their documented defaults, and the one place that turns them into
//! pulldown-cmark's `Options`.

use pulldown_cmark::Options;
use serde::Deserialize;

/// How a post is rendered. Every field has a default, so `RenderOptions::default()` (or `{}` from
/// JavaScript) is what the page uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct RenderOptions {
    /// Which Markdown to speak. Default: [`Flavor::Post`].
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub flavor: Flavor,
    /// What to do with raw HTML written in the Markdown. Default: [`RawHtml::Sanitize`].
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub raw_html: RawHtml,
    /// CJK-friendly emphasis (`**真，**她` is bold): the markdown-cjk-friendly amendments to
    /// CommonMark's flanking rules. Default: on in [`Flavor::Post`], off in
    /// [`Flavor::CommonMark`]; given, it overrides either.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cjk_friendly_emphasis: Option<bool>,
}

/// The Markdown dialect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Flavor {
    /// CommonMark plus what posts use: tables (`| a | b |`), strikethrough (`~~gone~~`), task
    /// lists (`- [x] done`), footnotes (`[^1]` … `[^1]: note`), GitHub alerts (`> [!NOTE]`),
    /// definition lists (`术语` then `: 定义`), math (`$E=mc^2$`, `$$…$$`), Hexo tag
    /// placeholders (`{% youtube abc %}`), heading ids, link and image
    /// attributes for a preview (new tab, lazy images, no referrer) and URL filtering (only
    /// http, https, mailto and relative URLs survive).
    #[default]
    Post,
    /// Plain CommonMark 0.31.2, byte for byte what the spec expects: no front matter (a leading
    /// `---` is a thematic break), no extensions, no ids, no URL filtering, raw HTML passed through whatever `raw_html` says. For conformance checks
    /// and trusted text only; never for untrusted authors.
    #[serde(rename = "commonmark")]
    CommonMark,
}

/// The policy for raw HTML (`<b>`, `<div>…</div>`, `<!-- … -->`) inside Markdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum RawHtml {
    /// Show it as text, exactly as typed. Safe for any author.
    Escape,
    /// Keep harmless tags and attributes (an allowlist like GitHub's), drop the rest. Needs a
    /// [`Sanitizer`](crate::Sanitizer): in the browser postview brings DOMPurify; without one
    /// (`render` natively) raw HTML is shown as text, as with `Escape`. Safe for any author.
    #[default]
    Sanitize,
    /// Pass it through untouched. DANGEROUS: an author can run script in the page. Only for a
    /// CMS that owns every word of its content.
    Trust,
}

impl RenderOptions {
    /// The option names JavaScript may pass. Some deserializers only read the fields they know,
    /// so the boundary checks names against this list to reject typos like `rawHTML`.
    pub const KEYS: &'static [&'static str] = &["flavor", "rawHtml", "cjkFriendlyEmphasis"];

    /// Options for checking against the CommonMark spec: plain CommonMark, raw HTML kept.
    pub fn commonmark() -> Self {
        RenderOptions { flavor: Flavor::CommonMark, raw_html: RawHtml::Trust, cjk_friendly_emphasis: None }
    }

    /// pulldown-cmark's parser options for this flavor. Public only for examples/profile.rs,
    /// which compares postview with pulldown-cmark alone; not part of the API.
    #[doc(hidden)]
    pub fn parser_options(&self) -> Options {
        let mut options = self.flavor_options();
        let cjk = self.cjk_friendly_emphasis.unwrap_or(self.flavor == Flavor::Post);
        options.set(Options::ENABLE_CJK_FRIENDLY_EMPHASIS, cjk);
        options
    }

    fn flavor_options(&self) -> Options {
        match self.flavor {
            Flavor::CommonMark => Options::empty(),
            // Never ENABLE_HEADING_ATTRIBUTES: it passes any attribute through (`# T {onclick=…}`).
            Flavor::Post => {
                Options::ENABLE_TABLES
                    | Options::ENABLE_STRIKETHROUGH
                    | Options::ENABLE_TASKLISTS
                    | Options::ENABLE_FOOTNOTES
                    | Options::ENABLE_GFM
                    | Options::ENABLE_DEFINITION_LIST
                    | Options::ENABLE_MATH
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RenderOptions;

    #[test]
    fn the_list_of_option_keys_is_the_list_serde_knows() {
        let error = serde_yaml::from_str::<RenderOptions>("notAnOption: 1").unwrap_err().to_string();
        let expected = error.split("expected ").nth(1).unwrap();
        let serde_keys: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        assert_eq!(serde_keys, RenderOptions::KEYS);
    }

    #[test]
    fn options_use_camel_case_names_and_defaults() {
        let options: RenderOptions = serde_yaml::from_str("rawHtml: trust").unwrap();
        assert_eq!(options.raw_html, super::RawHtml::Trust);
        assert_eq!(options.flavor, super::Flavor::Post);
    }
}
