//! Incremental rendering: the same [`Rendered`] as [`render_with`](crate::render_with), made on
//! each keystroke from the previous one by rendering again only the top-level blocks around the
//! edit (see `window`), and the whole post only when that could give something else.
//!
//! What is not local in a post, and what is done about it:
//! - The front matter is read again unless the edit is past its closing line (then the last
//!   read is kept, TOML's aside: its lines cannot have changed, and parsing it was a good part
//!   of a short post's keystroke); when the body starts elsewhere than the edit alone explains
//!   (an edit in or next to the front matter that changes where it ends, an unclosed one that a
//!   new `---` closes), the whole post is rendered. An edit in the front matter that leaves the
//!   body's text as it was keeps the body, lines moved.
//! - Link reference definitions and footnotes reach across the post: a post that holds `]:` or
//!   `[^` anywhere, before or after the edit, is rendered whole; so is one with Hexo code tags
//!   (`endcode`, `endraw`: their content is read before Markdown, to the closing tag).
//! - Heading ids are unique across the post: the window's headings get ids unique among the
//!   ids before it, and if the window's ids changed, the later headings' ids are worked out
//!   again; if any of those would change, the whole post is rendered.
//! - Raw HTML under the `sanitize` policy: only the window's blocks are sanitized; if the post
//!   as a whole becomes too complex to sanitize, or was, the whole post is rendered (and refused).
//! - Words, the excerpt marker and refused links are noted per block (or by line) and totalled
//!   again.

mod edit;
mod splice;
mod stage;
mod window;

use crate::front_matter::{FrontMatterFormat, Read};
use crate::markdown::{BlockSpan, UniqueIds};
use crate::render::{self, assemble, BodyParts, Trace};
use crate::stats::WordTally;
use crate::{Block, RawHtml, RenderOptions, Rendered, Sanitizer, Stats};
use edit::{line_growth, shifted, Edit};
use splice::{Patch, Spliced};
use stage::stage;
use window::{Bodies, Window};

/// Renders one post again and again as it is edited, re-rendering only what the edit can
/// reach. Every result equals [`render_with`](crate::render_with) of the same source.
pub struct Incremental {
    options: RenderOptions,
    last: Option<Last>,
    path: RenderPath,
}

/// The latest render and what the next one needs of it.
struct Last {
    source: String,
    rendered: Rendered,
    trace: Trace,
    /// Whether it was given a sanitizer.
    sanitizer: bool,
    /// Why no edit of this post can be rendered in part, if none can.
    global: Option<Fallback>,
}

/// How the latest render was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderPath {
    /// The whole post was rendered, for this reason.
    Whole(Fallback),
    /// The body's text was as before (the front matter may have changed): its render was kept.
    BodyKept,
    /// The blocks `first..first + removed` were rendered again as `inserted` blocks.
    Window { first: usize, removed: usize, inserted: usize },
}

/// Why a post was rendered whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// There was no previous render (or the options or the sanitizer changed).
    First,
    /// The byte order mark came or went.
    ByteOrderMark,
    /// The edit changed where the body starts, or reached both front matter and body.
    FrontMatter,
    /// The post holds `]:`: link reference definitions, which any link may use.
    ReferenceDefinitions,
    /// The post holds `[^`: footnotes, numbered across the post.
    Footnotes,
    /// The post may hold Hexo code tags, whose content is read to their closing tag.
    HexoCodeTags,
    /// Raw HTML that could not be sanitized, now or before, or a post too complex to sanitize.
    RawHtml,
    /// The edit renamed a heading so that a later heading's id would change.
    HeadingIds,
    /// The window's render did not fit the old blocks at its ends, even grown.
    Unsettled,
}

impl Incremental {
    /// A renderer for posts rendered with `options`.
    pub fn new(options: RenderOptions) -> Incremental {
        Incremental { options, last: None, path: RenderPath::Whole(Fallback::First) }
    }

    /// Renders `source`, re-rendering only around what changed since the previous call.
    pub fn render(&mut self, source: &str, sanitizer: Option<&dyn Sanitizer>) -> &Rendered {
        self.render_toward(source, usize::MAX, sanitizer);
        self.rendered().expect("a render was just made")
    }

    /// Renders `source`, or when the change since the latest render puts more than `step` bytes
    /// in, only its next stage (see `stage`): the text with a part of the change in it, which
    /// [`Incremental::source`] then holds. Says whether all of `source` was rendered. No stages
    /// after a render made whole for what the change did to the rest of the post (a later
    /// heading's id, raw HTML, a window that would not settle), nor when the post rendered holds
    /// what makes every render whole (reference definitions…): each stage could be whole too.
    pub fn render_toward(&mut self, source: &str, step: usize, sanitizer: Option<&dyn Sanitizer>) -> bool {
        let last = self.last.take().filter(|last| last.sanitizer == sanitizer.is_some());
        // One look for what changed, used for the stage and the render (a pass over the text).
        let edit = match &last {
            Some(last) => Edit::between(&last.source, source),
            None => Edit { start: 0, old_end: 0, new_end: source.len() },
        };
        let unstageable =
            matches!(self.path, RenderPath::Whole(Fallback::HeadingIds | Fallback::RawHtml | Fallback::Unsettled));
        let stageable = last.as_ref().is_none_or(|last| !unstageable && last.global.is_none());
        match stageable.then(|| stage(source, edit, step)).flatten() {
            Some(stage) => {
                self.render_from(last, &stage, None, sanitizer);
                false
            }
            None => {
                self.render_from(last, source, Some(edit), sanitizer);
                true
            }
        }
    }

    /// The text of the latest render.
    pub fn source(&self) -> Option<&str> {
        self.last.as_ref().map(|last| last.source.as_str())
    }

    /// The latest render.
    pub fn rendered(&self) -> Option<&Rendered> {
        self.last.as_ref().map(|last| &last.rendered)
    }

    /// How the latest render was made.
    pub fn path(&self) -> RenderPath {
        self.path
    }

    /// Renders `source` from `last`, given `edit` between their texts when it is known.
    fn render_from(&mut self, last: Option<Last>, source: &str, edit: Option<Edit>, sanitizer: Option<&dyn Sanitizer>) {
        let plan = match &last {
            Some(last) => plan(last, source, edit, &self.options, sanitizer),
            None => Err(Fallback::First),
        };
        let (next, path) = match (last, plan) {
            (Some(last), Ok(plan)) => {
                let path = plan.path();
                (apply(last, plan, source), path)
            }
            (_, Err(reason)) => (self.whole(source, sanitizer), RenderPath::Whole(reason)),
            (None, Ok(_)) => (self.whole(source, sanitizer), RenderPath::Whole(Fallback::First)),
        };
        self.path = path;
        self.last = Some(next);
    }

    fn whole(&self, source: &str, sanitizer: Option<&dyn Sanitizer>) -> Last {
        let (rendered, trace) = render::render_traced(source, &self.options, sanitizer);
        let text = render::without_bom(source);
        let global = global_syntax(&text[trace.front_matter.body_start..]);
        Last { source: source.to_string(), rendered, trace, sanitizer: sanitizer.is_some(), global }
    }
}

/// Why no edit of a body holding `text` can be rendered in part, if none can.
fn global_syntax(text: &str) -> Option<Fallback> {
    // One pass over the bytes: three substring searches took three (and in WebAssembly each
    // was slower than this whole loop).
    let bytes = text.as_bytes();
    let (mut definitions, mut hexo) = (false, false);
    for (at, &byte) in bytes.iter().enumerate() {
        match byte {
            // A footnote definition holds `]:` too: footnotes are the reason to give.
            b'[' if bytes.get(at + 1) == Some(&b'^') => return Some(Fallback::Footnotes),
            b']' if bytes.get(at + 1) == Some(&b':') => definitions = true,
            b'e' if !hexo => hexo = bytes[at..].starts_with(b"endcode") || bytes[at..].starts_with(b"endraw"),
            _ => {}
        }
    }
    match (definitions, hexo) {
        (true, _) => Some(Fallback::ReferenceDefinitions),
        (false, true) => Some(Fallback::HexoCodeTags),
        (false, false) => None,
    }
}

/// What a render in part will change.
enum Plan {
    /// The body as it was, its lines moved by this much.
    BodyKept {
        read: Box<Read>,
        lines: isize,
    },
    Window(Box<Patch>),
}

impl Plan {
    fn path(&self) -> RenderPath {
        match self {
            Plan::BodyKept { .. } => RenderPath::BodyKept,
            Plan::Window(patch) => patch.path(),
        }
    }
}

/// How `source` can be rendered from `last` (`edit` between their texts, when known), or why
/// it cannot be.
fn plan(
    last: &Last,
    source: &str,
    edit: Option<Edit>,
    options: &RenderOptions,
    sanitizer: Option<&dyn Sanitizer>,
) -> Result<Plan, Fallback> {
    if last.source.starts_with('\u{feff}') != source.starts_with('\u{feff}') {
        return Err(Fallback::ByteOrderMark);
    }
    let (old, new) = (render::without_bom(&last.source), render::without_bom(source));
    // Both texts have the mark or neither: the edit, in the texts without it, is where it was
    // less the mark's length (two texts that start with it share at least that much).
    let edit = match edit {
        Some(edit) => edit.within(source.len() - new.len()),
        None => Edit::between(old, new),
    };
    let read = front_matter_after(&last.trace.front_matter, old, new, edit, options);
    let body_start = last.trace.front_matter.body_start;
    let unchanged = edit.start == edit.old_end && edit.start == edit.new_end;
    if (unchanged || edit.old_end <= body_start) && read.body_start == shifted(body_start, edit.growth()) {
        let lines = line_growth(&old[edit.start..edit.old_end], &new[edit.start..edit.new_end]);
        return Ok(Plan::BodyKept { read: Box::new(read), lines });
    }
    if edit.start < body_start || read.body_start != body_start {
        return Err(Fallback::FrontMatter);
    }
    if let Some(global) = last.global {
        return Err(global);
    }
    if last.trace.refused.is_some() {
        return Err(Fallback::RawHtml);
    }
    let bodies = Bodies {
        old: &old[body_start..],
        spans: &last.trace.spans,
        blocks: &last.rendered.blocks,
        new: &new[body_start..],
        options,
        sanitizer,
    };
    let (blocks, toc) = (&last.rendered.blocks, &last.rendered.toc);
    let window = bodies.window(edit.within(body_start), |first| {
        let before = &toc[..before_block(blocks, first, toc, |entry| entry.line)];
        UniqueIds::after(before.iter().map(|entry| entry.id.clone()))
    })?;
    if sanitizer.is_some() && options.raw_html == RawHtml::Sanitize {
        too_complex(&last.trace.spans, &window)?;
    }
    let first_line = match blocks.get(window.blocks.start) {
        Some(block) if window.blocks.start > 0 => block.start_line,
        _ => old[..body_start].matches('\n').count() + 1,
    };
    let old_window = &old[body_start..][window.old.clone()];
    Patch::new(&last.rendered, &last.trace, window, (old_window, &new[body_start..]), first_line, read)
        .map(|patch| Plan::Window(Box::new(patch)))
}

/// The front matter of `new`, `kept` being that of `old` and `edit` between them: `kept` again
/// when the edit is past a closed front matter whose last line ends with a line break (the
/// lines that decide where it closes, in every format, are then the same: see `front_matter::
/// split`), else read anew. Parsing it on every keystroke in the body was a good part of a
/// short post's render. Not TOML: in the browser its parser comes later (`front_matter::toml`),
/// and the same text then reads otherwise.
fn front_matter_after(kept: &Read, old: &str, new: &str, edit: Edit, options: &RenderOptions) -> Read {
    let settled = kept
        .front_matter
        .as_ref()
        .is_some_and(|front_matter| front_matter.closed && front_matter.format != FrontMatterFormat::Toml);
    match settled && edit.start >= kept.body_start && old[..kept.body_start].ends_with('\n') {
        true => kept.clone(),
        false => render::read_front_matter(new, options),
    }
}

/// How many of `entries` (in line order, lines given by `line`) come before old block `index`
/// of `blocks` (all of them when there is no such block).
fn before_block<T>(blocks: &[Block], index: usize, entries: &[T], line: impl Fn(&T) -> usize) -> usize {
    match blocks.get(index) {
        Some(_) if index == 0 => 0,
        Some(block) => entries.partition_point(|entry| line(entry) < block.start_line),
        None => entries.len(),
    }
}

/// Whether the post with `window` in place of its old blocks could be sanitized.
fn too_complex(spans: &[BlockSpan], window: &Window) -> Result<(), Fallback> {
    let total = |spans: &[BlockSpan]| spans.iter().fold((0, 0), |(p, b), s| (p + s.raw_html, b + s.raw_html_bytes));
    let (all, old, new) = (total(spans), total(&spans[window.blocks.clone()]), total(&window.body.blocks));
    match crate::sanitize::too_complex(all.0 - old.0 + new.0, all.1 - old.1 + new.1) {
        Some(_) => Err(Fallback::RawHtml),
        None => Ok(()),
    }
}

/// The render of `source` from `last` and `plan`.
fn apply(last: Last, plan: Plan, source: &str) -> Last {
    let Last { rendered, mut trace, sanitizer, global, .. } = last;
    let Rendered { html, blocks, toc, .. } = rendered;
    let mut body = Spliced { html, blocks, toc, blocked: std::mem::take(&mut trace.blocked) };
    let read = match plan {
        Plan::BodyKept { read, lines } => {
            body.move_lines((0, 0, 0), lines);
            if let Some(refused) = trace.refused.as_mut() {
                refused.line = shifted(refused.line, lines);
            }
            *read
        }
        Plan::Window(patch) => body.splice(&mut trace.spans, *patch),
    };
    trace.front_matter = read.clone();
    trace.blocked = body.blocked;
    let parts = BodyParts {
        html: body.html,
        blocks: body.blocks,
        toc: body.toc,
        more: trace.spans.iter().position(|span| span.marker),
        stats: Stats::from(trace.spans.iter().fold(WordTally::default(), |tally, span| tally + span.words)),
    };
    let rendered = assemble(source, read, parts, &trace.blocked, trace.refused.clone());
    Last { source: source.to_string(), rendered, trace, sanitizer, global }
}
