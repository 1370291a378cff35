//! Markdown body to HTML: pulldown-cmark's events, adjusted for a preview on the way through.

mod alerts;
mod blocks;
pub mod excerpt;
mod footnotes;
mod heading_ids;
mod hexo_tags;
mod math_spans;
mod present;
pub mod url;

use std::cell::Cell;
use std::ops::Range;

use pulldown_cmark::{html, Alignment, CowStr, Event, LinkType, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use crate::options::{Flavor, RenderOptions};
use crate::stats::{Stats, WordCounter, WordTally};
use crate::toc::FoundHeading;
pub use blocks::BlockSpan;
use blocks::{BlockTracker, CountingWriter};
pub use heading_ids::{slug, UniqueIds};
use present::{Maybe, Present};
use url::UrlUse;

/// A URL the preview refused, and where its link starts (a byte offset into the body).
pub struct BlockedUrl {
    pub offset: usize,
    pub url: String,
}

/// A rendered body and what was noticed on the way.
pub struct Body {
    pub html: String,
    /// The top-level blocks, in order; their HTML ranges cover `html` end to end.
    pub blocks: Vec<BlockSpan>,
    pub blocked: Vec<BlockedUrl>,
    /// How many pieces of raw HTML the body holds, and where the first starts (byte offset).
    pub raw_html: RawHtmlSeen,
    /// The index in `blocks` of the first excerpt marker (`<!-- more -->`), if there is one.
    pub more: Option<usize>,
    /// Words and reading time of the body's text.
    pub stats: Stats,
    /// The headings (`post` flavor only: plain CommonMark gives headings no ids).
    pub headings: Vec<FoundHeading>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RawHtmlSeen {
    pub count: usize,
    pub first_offset: usize,
}

/// Renders a Markdown body to HTML. Raw HTML is kept as it is when `keep_raw_html`, and shown as
/// text otherwise.
pub fn render(markdown: &str, options: &RenderOptions, keep_raw_html: bool) -> Body {
    render_after(markdown, options, keep_raw_html, UniqueIds::default())
}

/// [`render`] for a part of a body: its headings get ids unique among `ids`, the ids of the
/// headings before it.
pub fn render_after(markdown: &str, options: &RenderOptions, keep_raw_html: bool, ids: UniqueIds) -> Body {
    let post = options.flavor == Flavor::Post;
    // Read before code tags are rewritten (which only takes characters away).
    let present = Present::scan(markdown);
    let (rewritten, code_tags) = match post && present.hexo_tags {
        true => hexo_tags::rewrite_code_tags(markdown, options.parser_options()),
        false => (None, Default::default()),
    };
    // Byte for byte as long as `markdown`, so every offset is still the body's.
    let markdown = rewritten.as_deref().unwrap_or(markdown);
    let mut html = String::with_capacity(markdown.len() + markdown.len() / 2);
    let mut blocks = Vec::new();
    let mut blocked = Vec::new();
    let mut raw_html = RawHtmlSeen::default();
    let mut words = WordCounter::default();
    let (mut headings, mut heading_offsets) = (Vec::new(), Vec::new());
    let written = Cell::new(0);
    let words_so_far = Cell::new(WordTally::default());
    let parsed = Parser::new_ext(markdown, options.parser_options()).into_offset_iter();
    let parsed = Maybe::new(post && present.comments, parsed, excerpt::Markers::new);
    // What is noted of each event as it was parsed, and its raw HTML policy, in one step.
    let events = BlockTracker::new(parsed, &written, &words_so_far, &mut blocks).map(|(event, range)| {
        if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            if raw_html.count == 0 {
                raw_html.first_offset = range.start;
            }
            raw_html.count += 1;
        }
        if let Event::Start(Tag::Heading { .. }) = event {
            heading_offsets.push(range.start);
        }
        words.observe(&event);
        words_so_far.set(words.tally());
        (apply_raw_html(event, keep_raw_html), range)
    });
    let writer = CountingWriter { out: &mut html, written: &written };
    // Either flavor's events as one type (the post chain `On`, plain CommonMark `Off`), so that
    // pulldown-cmark's HTML writer is compiled once, not once per event type: it is about 16 KB
    // of WebAssembly each time.
    let events = match options.flavor {
        Flavor::CommonMark => Maybe::Off(events.map(|(event, _)| event)),
        Flavor::Post => {
            let events = Maybe::new(present.hexo_tags, events, |e| hexo_tags::HexoTags::new(e, markdown, code_tags));
            let events = Maybe::new(present.dollars, events, |e| math_spans::DollarPrices::new(e, markdown));
            let preview = PreviewEvents { inner: events, blocked: &mut blocked, table: TableCells::default() };
            let rich = Maybe::new(present.footnotes, preview, |p| {
                footnotes::Footnotes::new(p, footnotes::FootnoteIndex::read(markdown, options.parser_options()))
            });
            let rich = Maybe::new(present.alerts, rich, alerts::Alerts::new);
            Maybe::On(heading_ids::HeadingIds::new(rich, &mut headings, ids))
        }
    };
    // Writing into a String cannot fail.
    let _ = html::write_html_fmt(writer, events);
    blocks::close(&mut blocks, html.len(), words.tally());
    for (heading, offset) in headings.iter_mut().zip(heading_offsets) {
        heading.offset = offset;
    }
    let more = blocks.iter().position(|b| b.marker);
    Body { html, blocks, blocked, raw_html, more, stats: words.stats(), headings }
}

/// Raw HTML kept, or turned into text that shows it as typed.
#[inline]
fn apply_raw_html(event: Event<'_>, keep: bool) -> Event<'_> {
    match (keep, event) {
        (true, event) => event,
        (false, Event::Html(text) | Event::InlineHtml(text)) => Event::Text(text),
        // An HTML block shown as text still needs a block around it.
        (false, Event::Start(Tag::HtmlBlock)) => Event::Start(Tag::Paragraph),
        (false, Event::End(TagEnd::HtmlBlock)) => Event::End(TagEnd::Paragraph),
        (_, event) => event,
    }
}

/// Links and images rewritten for a preview: only safe URLs, links that open in a new tab,
/// images that load lazily and send no referrer (so hotlink-protected CDNs serve them).
struct PreviewEvents<'b, I> {
    inner: I,
    blocked: &'b mut Vec<BlockedUrl>,
    table: TableCells,
}

/// Where we are in a table. pulldown-cmark aligns cells with `style="text-align: …"`, which a
/// strict Content-Security-Policy (ours: `style-src 'self'`) blocks; cells get classes instead.
#[derive(Default)]
struct TableCells {
    alignments: Vec<Alignment>,
    in_head: bool,
    index: usize,
}

impl TableCells {
    fn open(&mut self) -> String {
        let tag = if self.in_head { "th" } else { "td" };
        let class = match self.alignments.get(self.index) {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            Some(Alignment::None) | None => "",
        };
        format!("<{tag}{class}>")
    }

    fn close(&mut self) -> &'static str {
        self.index += 1;
        if self.in_head {
            "</th>"
        } else {
            "</td>"
        }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for PreviewEvents<'_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let (event, range) = self.inner.next()?;
        Some(match event {
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                let href = self.checked(full_link_url(link_type, dest_url), UrlUse::Link, range.start);
                Event::InlineHtml(link_open_tag(href.as_deref(), &title).into())
            }
            Event::End(TagEnd::Link) => Event::InlineHtml(CowStr::Borrowed("</a>")),
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let src = self.checked(dest_url.to_string(), UrlUse::Image, range.start);
                let alt = self.image_alt_text();
                Event::InlineHtml(image_tag(src.as_deref(), &alt, &title).into())
            }
            Event::Start(Tag::Table(alignments)) => {
                let unaligned = vec![Alignment::None; alignments.len()];
                self.table = TableCells { alignments, ..TableCells::default() };
                Event::Start(Tag::Table(unaligned))
            }
            Event::Start(Tag::TableHead) => {
                self.table.in_head = true;
                self.table.index = 0;
                event
            }
            Event::End(TagEnd::TableHead) => {
                self.table.in_head = false;
                event
            }
            Event::Start(Tag::TableRow) => {
                self.table.index = 0;
                event
            }
            Event::Start(Tag::TableCell) => Event::InlineHtml(self.table.open().into()),
            Event::Start(Tag::MetadataBlock(excerpt::MARKER_TAG)) => Event::InlineHtml(excerpt::MARKER_HTML.into()),
            Event::End(TagEnd::MetadataBlock(excerpt::MARKER_TAG)) => Event::InlineHtml("".into()),
            Event::End(TagEnd::TableCell) => Event::InlineHtml(self.table.close().into()),
            event => event,
        })
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> PreviewEvents<'_, I> {
    fn checked(&mut self, url: String, usage: UrlUse, offset: usize) -> Option<String> {
        if url::is_safe(&url, usage) {
            return Some(url);
        }
        self.blocked.push(BlockedUrl { offset, url });
        None
    }

    /// The text inside `![…]`, read up to the image's end, as pulldown-cmark's own writer does.
    fn image_alt_text(&mut self) -> String {
        let mut alt = String::new();
        let mut depth = 1;
        for (event, _) in self.inner.by_ref() {
            match event {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                Event::Text(text) | Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                    alt.push_str(&text)
                }
                Event::Html(text) | Event::InlineHtml(text) => alt.push_str(&text),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                _ => {}
            }
        }
        alt
    }
}

/// Email autolinks (`<a@b.c>`) carry the address alone; the link needs its scheme.
fn full_link_url(link_type: LinkType, dest_url: CowStr<'_>) -> String {
    match link_type {
        LinkType::Email => format!("mailto:{dest_url}"),
        _ => dest_url.to_string(),
    }
}

fn link_open_tag(href: Option<&str>, title: &str) -> String {
    // Room for the attributes as written, escaping aside: one allocation for a long signed URL,
    // not one each time the tag outgrows its buffer.
    let mut tag = String::with_capacity(href.map_or(0, str::len) + title.len() + 64);
    tag.push_str("<a");
    if let Some(href) = href {
        push_attribute(&mut tag, "href", href, true);
        // Links within the post (footnotes, headings) stay in the page; others open a new tab
        // so a click never navigates away from the draft.
        if !href.starts_with('#') {
            tag.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
        }
    }
    if !title.is_empty() {
        push_attribute(&mut tag, "title", title, false);
    }
    tag.push('>');
    tag
}

fn image_tag(src: Option<&str>, alt: &str, title: &str) -> String {
    let mut tag = String::with_capacity(src.map_or(0, str::len) + alt.len() + title.len() + 96);
    tag.push_str("<img");
    push_attribute(&mut tag, "src", src.unwrap_or(""), true);
    push_attribute(&mut tag, "alt", alt, false);
    if !title.is_empty() {
        push_attribute(&mut tag, "title", title, false);
    }
    tag.push_str(" loading=\"lazy\" referrerpolicy=\"no-referrer\" />");
    tag
}

/// ` name="value"`, escaped for a double-quoted attribute (URLs also percent-encoded as needed).
fn push_attribute(tag: &mut String, name: &str, value: &str, is_url: bool) {
    tag.push(' ');
    tag.push_str(name);
    tag.push_str("=\"");
    // Writing into a String cannot fail.
    let _ = if is_url { escape_href(&mut *tag, value) } else { escape_html(&mut *tag, value) };
    tag.push('"');
}
