//! GitHub alerts: a blockquote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
//! `[!WARNING]` or `[!CAUTION]` becomes a labelled box, as GitHub draws it.
//!
//! ```markdown
//! > [!WARNING]
//! > 周六下午会场换到了二楼。
//! ```
//!
//! pulldown-cmark (with `ENABLE_GFM`) reads such a blockquote as `Tag::BlockQuote(Some(kind))`,
//! and its own writer gives a bare `<blockquote class="markdown-alert-warning">` with no title.
//! This writes GitHub's markup instead: `<div class="markdown-alert markdown-alert-warning"
//! role="note"><p class="markdown-alert-title">Warning</p>…</div>`. The kind is one of five
//! fixed words, so nothing the author wrote reaches an attribute.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Tag, TagEnd};

/// Passes events through, writing alert blockquotes as GitHub's alert boxes.
pub struct Alerts<I> {
    inner: I,
}

impl<I> Alerts<I> {
    pub fn new(inner: I) -> Self {
        Alerts { inner }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Alerts<I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        Some(match self.inner.next()? {
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::InlineHtml(open_tag(kind).into()),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::InlineHtml(CowStr::Borrowed("</div>\n")),
            event => event,
        })
    }
}

/// The box's opening tag and its title.
fn open_tag(kind: BlockQuoteKind) -> String {
    let (class, title) = match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    };
    format!(
        "<div class=\"markdown-alert markdown-alert-{class}\" role=\"note\"><p class=\"markdown-alert-title\">{title}</p>\n"
    )
}
