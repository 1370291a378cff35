//! postview: a Markdown post previewer.
//!
//! A post is front matter (YAML between `---` lines, TOML between `+++` lines, JSON, or Hexo's
//! fenceless YAML and `;;;` JSON: see [`front_matter::split`]) and a Markdown body. [`render`]
//! splits it, reads the metadata, renders the body to HTML that is safe to insert into a page,
//! and reports every problem as a [`Diagnostic`] with a line and column, while the rest still
//! renders.
//!
//! ```
//! use postview::{render, RenderOptions};
//!
//! let post = "---\ntitle: 你好\ntags: 线下活动\n---\n\n## 第一节\n\nHello **world**.\n";
//! let rendered = render(post, &RenderOptions::default());
//! assert_eq!(rendered.meta.title.as_deref(), Some("你好"));
//! assert_eq!(rendered.meta.tags, ["线下活动"]);
//! assert!(rendered.html.contains("<h2 id=\"第一节\">第一节</h2>"));
//! assert!(rendered.diagnostics.is_empty());
//! ```
//!
//! The crate is three layers: this pure core (no browser APIs, tested natively), the live
//! previewer in `browser` (web-sys, wasm32 only) and the `#[wasm_bindgen]` edge in `wasm`.

mod bytes;
pub mod diagnostic;
mod excerpt;
pub mod front_matter;
mod header;
mod incremental;
mod inline_attributes;
pub mod markdown;
mod meta_table;
pub mod options;
mod render;
mod sanitize;
pub mod stats;
pub mod toc;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use diagnostic::{Diagnostic, Position, Severity};
pub use excerpt::{Excerpt, ExcerptSource};
pub use front_matter::meta::{PostDate, PostMeta};
pub use front_matter::value::{Map, Value};
pub use front_matter::{FrontMatter, FrontMatterFormat, SourceRange};
pub use incremental::{Fallback, Incremental, RenderPath};
pub use options::{Flavor, RawHtml, RenderOptions};
pub use render::{render, render_with, Block, Rendered};
pub use sanitize::{Sanitizer, MAX_RAW_HTML_PIECES, MAX_SANITIZED_HTML_BYTES};
pub use stats::Stats;
pub use toc::TocEntry;
