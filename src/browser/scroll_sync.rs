//! Editor and preview scrolled together, both ways, anchored on the source lines where blocks
//! start (not on percentages): the block at the top of one pane is brought to the top of the
//! other, with the same fraction of it scrolled past.
//!
//! Preview positions are measured when needed (two elements a scroll), so images that load
//! late and change heights need nothing special. A textarea's positions come from a hidden
//! mirror of it (same font, width and wrapping), one div per block, kept in the document and
//! updated only where the text changed; its positions are cached until the text, the blocks or
//! the window size change. An
//! editor adapter is positioned in lines instead (its `topLine()` and `scrollToLine()`): a
//! block's position there is simply its first line.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::crash::{self, Listener};
use super::editor::Editor;
use super::guard::Frame;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

use super::patch::LINE_ATTRIBUTE;

/// The styles a textarea's wrapping depends on, copied to its mirror.
const MIRRORED: &[&str] = &[
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "line-height",
    "letter-spacing",
    "word-spacing",
    "tab-size",
    "padding-top",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "text-indent",
    "word-break",
];

/// Both panes, the block lines, and what is cached about the editor.
pub struct ScrollSync {
    editor: Editor,
    preview: HtmlElement,
    /// First editor line of every block, in order.
    lines: Vec<usize>,
    /// The preview element found for a block's line, kept until the next render: a follow
    /// measures a dozen blocks (a binary search), and finding one is a scan of the preview
    /// (`[data-line="…"]` has no index), so the scroll events of one gesture share their finds.
    /// Emptied whenever the body changes.
    anchors: RefCell<HashMap<usize, Element>>,
    /// The position of each of `lines` in the editor ([`Editor::top`]'s units), once measured.
    editor_ys: Option<Vec<f64>>,
    /// A textarea's hidden copy, made at its first measurement.
    mirror: Option<Mirror>,
    /// A scroll position this module set and whose scroll event must not be echoed back.
    expected_editor: Option<f64>,
    expected_preview: Option<f64>,
    /// A follow tried again on the next frame: a chunk out of view is laid out at an estimated
    /// height, so the preview may not reach a block until the chunks near it have been drawn.
    retry: Option<Frame>,
}

/// How many frames a follow is tried again while the preview cannot reach its target.
const RETRIES: u8 = 4;

/// Which pane scrolled.
#[derive(Clone, Copy)]
enum Pane {
    Editor,
    Preview,
}

impl ScrollSync {
    pub fn new(editor: Editor, preview: HtmlElement) -> Rc<RefCell<ScrollSync>> {
        Rc::new(RefCell::new(ScrollSync {
            editor,
            preview,
            lines: vec![],
            anchors: RefCell::default(),
            editor_ys: None,
            mirror: None,
            expected_editor: None,
            expected_preview: None,
            retry: None,
        }))
    }

    /// The preview's body changed: elements found for lines may be gone or renumbered.
    pub fn body_changed(&self) {
        self.anchors.borrow_mut().clear();
    }

    /// The blocks' first lines after a render; the editor's cached positions are stale.
    pub fn set_lines(&mut self, lines: Vec<usize>) {
        self.lines = lines;
        self.editor_ys = None;
    }

    /// Follows scrolling in the preview, and drops the cached positions when the window
    /// resizes. The editor's scrolls come through [`editor_scrolled`] (the previewer listens
    /// to the editor, whatever kind it is).
    pub fn listen(sync: &Rc<RefCell<ScrollSync>>) -> Vec<Listener> {
        let preview = sync.borrow().preview.clone();
        let on_scroll = {
            let sync = Rc::clone(sync);
            Listener::new(&preview, "scroll", move |_| follow(&sync, Pane::Preview, RETRIES))
        };
        let mut listeners = vec![on_scroll];
        if let Some(window) = web_sys::window() {
            let sync = Rc::clone(sync);
            listeners.push(Listener::new(&window, "resize", move |_| {
                if let Ok(mut s) = sync.try_borrow_mut() {
                    s.editor_ys = None;
                }
            }));
        }
        listeners
    }

    /// Brings the other pane to where `pane` now is, unless `pane` moved because we moved it.
    /// Says whether the other pane fell short of where it should be.
    fn follow(&mut self, pane: Pane) -> bool {
        let (expected, top, tolerance) = match pane {
            Pane::Editor => {
                let Ok(top) = self.editor.top() else { return false };
                (self.expected_editor.take(), top, self.editor_tolerance())
            }
            Pane::Preview => (self.expected_preview.take(), f64::from(self.preview.scroll_top()), PIXELS_ALIKE),
        };
        if expected.is_some_and(|y| (y - top).abs() < tolerance) || self.lines.is_empty() {
            return false;
        }
        let short = match pane {
            Pane::Editor => self.editor_to_preview(top),
            Pane::Preview => self.preview_to_editor(top).map(|()| false),
        };
        short.unwrap_or(false)
    }

    fn editor_to_preview(&mut self, top: f64) -> Result<bool, JsValue> {
        let ys = self.editor_ys()?;
        let (block, fraction) = place(&ys, top);
        let (Some(here), next) = (self.preview_y(block)?, self.preview_y(block + 1)?) else { return Ok(false) };
        let target = (here + fraction * (next.unwrap_or(here) - here)).round();
        self.preview.set_scroll_top(target as i32);
        let reached = f64::from(self.preview.scroll_top());
        self.expected_preview = Some(reached);
        Ok(reached + 1.0 < target)
    }

    fn preview_to_editor(&mut self, top: f64) -> Result<(), JsValue> {
        // A binary search: a few blocks measured, not all of them, on every scroll event.
        let y_of = |block: usize| self.preview_y(block).ok().flatten().unwrap_or(f64::MAX);
        let block = partition_point(self.lines.len(), |block| y_of(block) <= top).saturating_sub(1);
        let (here, next) = (y_of(block), y_of(block + 1));
        let fraction =
            if next > here && next < f64::MAX && top > here { ((top - here) / (next - here)).min(1.0) } else { 0.0 };
        let ys = self.editor_ys()?;
        let editor_here = ys[block];
        let editor_next = ys.get(block + 1).copied().unwrap_or(editor_here);
        let reached = self.editor.scroll_to(editor_here + fraction * (editor_next - editor_here))?;
        self.expected_editor = Some(reached);
        Ok(())
    }

    /// The y, in the preview's scrolled content, of block `index`'s first element.
    fn preview_y(&self, index: usize) -> Result<Option<f64>, JsValue> {
        let Some(&line) = self.lines.get(index) else { return Ok(None) };
        let Some(element) = self.anchor(line)? else { return Ok(None) };
        let origin = self.preview.get_bounding_client_rect().top() - f64::from(self.preview.scroll_top());
        Ok(Some(element.get_bounding_client_rect().top() - origin))
    }

    /// The preview's first element of the block starting on `line`, if it is shown.
    fn anchor(&self, line: usize) -> Result<Option<Element>, JsValue> {
        if let Some(element) = self.anchors.borrow().get(&line).filter(|element| element.is_connected()) {
            return Ok(Some(element.clone()));
        }
        let found = self.preview.query_selector(&format!("[{LINE_ATTRIBUTE}=\"{line}\"]"))?;
        if let Some(element) = &found {
            self.anchors.borrow_mut().insert(line, element.clone());
        }
        Ok(found)
    }

    /// Where each block's first line is in the editor, measured once per text: the y in a
    /// textarea's scrolled content, the line itself in an adapter.
    fn editor_ys(&mut self) -> Result<Vec<f64>, JsValue> {
        if let Some(ys) = &self.editor_ys {
            return Ok(ys.clone());
        }
        let ys = match &self.editor {
            Editor::TextArea(textarea, _) => {
                let mirror = match &mut self.mirror {
                    Some(mirror) => mirror,
                    None => self.mirror.insert(Mirror::new(textarea)?),
                };
                mirror.measure(textarea, &self.lines)?
            }
            Editor::Adapter(_) => self.lines.iter().map(|&line| line as f64).collect(),
        };
        self.editor_ys = Some(ys.clone());
        Ok(ys)
    }

    /// How close to where we scrolled the editor a scroll event must be to be our own echo.
    fn editor_tolerance(&self) -> f64 {
        match self.editor {
            Editor::TextArea(_, _) => PIXELS_ALIKE,
            Editor::Adapter(_) => LINES_ALIKE,
        }
    }
}

/// The editor scrolled: brings the preview along.
pub fn editor_scrolled(sync: &Rc<RefCell<ScrollSync>>) {
    follow(sync, Pane::Editor, RETRIES);
}

/// Scroll positions this close (pixels) are the same: a scroll we set, echoed back.
const PIXELS_ALIKE: f64 = 2.0;
/// The same in an adapter's lines (an editor may settle a little off the line it was sent to).
const LINES_ALIKE: f64 = 0.25;

/// Follows a scroll of `pane`, and tries again on the next frames while the other pane falls
/// short; a new scroll replaces the retry.
fn follow(sync: &Rc<RefCell<ScrollSync>>, pane: Pane, retries: u8) {
    let Ok(mut s) = sync.try_borrow_mut() else { return };
    s.retry = None;
    if s.follow(pane) && retries > 0 {
        let weak = Rc::downgrade(sync);
        s.retry = Some(Frame::next(move || {
            if let Some(sync) = weak.upgrade() {
                follow(&sync, pane, retries - 1);
            }
        }));
    }
}

/// Where `top` falls among ascending `ys`: the index of the last y at or above it (0 before
/// the first), and how far it is from there to the next, from 0 to 1.
fn place(ys: &[f64], top: f64) -> (usize, f64) {
    let index = ys.partition_point(|&y| y <= top).saturating_sub(1);
    let here = ys.get(index).copied().unwrap_or(0.0);
    let next = ys.get(index + 1).copied().unwrap_or(here);
    let fraction = if next > here && top > here { ((top - here) / (next - here)).min(1.0) } else { 0.0 };
    (index, fraction)
}

/// The first index in `0..len` for which `is_before` is false (it must be true, then false).
fn partition_point(len: usize, is_before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let middle = low + (high - low) / 2;
        if is_before(middle) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}

/// A hidden copy of a textarea's text, laid out as the textarea lays it out: one `<div>` per
/// block, holding the block's lines up to the next block's first line (block starts are line
/// starts, so each wraps on its own just as in the textarea; the newline ending a div makes no
/// line of its own). It stays in the document between measurements so that after an edit only
/// the divs whose text changed are laid out again: building the whole mirror anew cost the first
/// scroll after every edit ~100 ms at 100 KB and ~200 ms at 256 KB here.
struct Mirror {
    element: HtmlElement,
    /// The text before the first block, then each block's, with the div that holds it.
    segments: Vec<(String, Element)>,
}

impl Mirror {
    fn new(editor: &HtmlTextAreaElement) -> Result<Mirror, JsValue> {
        let document = editor.owner_document().ok_or("no document")?;
        let element: HtmlElement = document.create_element("div")?.unchecked_into();
        element.set_class_name("postview-scroll-mirror");
        element.set_attribute("aria-hidden", "true")?;
        let style = element.style();
        for (name, value) in [
            ("position", "absolute"),
            ("visibility", "hidden"),
            ("top", "0"),
            ("left", "-99999px"),
            ("box-sizing", "content-box"),
            ("white-space", "pre-wrap"),
            ("overflow-wrap", "break-word"),
            // Nothing inside changes the page's layout, and the page's never reaches in.
            ("contain", "layout style"),
        ] {
            style.set_property(name, value)?;
        }
        document.body().ok_or("no body")?.append_child(&element)?;
        crash::remove_on_crash(&element);
        Ok(Mirror { element, segments: vec![] })
    }

    /// The y (in the textarea's scrolled content, padding included, as `scrollTop` counts) of
    /// the start of each of `lines` in `editor`'s text.
    fn measure(&mut self, editor: &HtmlTextAreaElement, lines: &[usize]) -> Result<Vec<f64>, JsValue> {
        self.copy_style(editor)?;
        let text = editor.value();
        self.show(segments(&text, lines))?;
        let origin = self.element.get_bounding_client_rect().top();
        let mut ys: Vec<f64> =
            self.segments[1..].iter().map(|(_, div)| div.get_bounding_client_rect().top() - origin).collect();
        // Blocks past the end of the text (never, unless the text changed under us) sit at the end.
        let last = ys.last().copied().unwrap_or(0.0);
        ys.resize(lines.len(), last);
        Ok(ys)
    }

    /// The textarea's font, padding and inner width, which its wrapping depends on (unchanged
    /// values lay nothing out again).
    fn copy_style(&self, editor: &HtmlTextAreaElement) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let style = window.get_computed_style(editor)?.ok_or("no style")?;
        let mirror_style = self.element.style();
        for name in MIRRORED {
            mirror_style.set_property(name, &style.get_property_value(name)?)?;
        }
        let padding =
            |side: &str| style.get_property_value(side).ok().and_then(|v| v.trim_end_matches("px").parse::<f64>().ok());
        let width = f64::from(editor.client_width())
            - padding("padding-left").unwrap_or(0.0)
            - padding("padding-right").unwrap_or(0.0);
        mirror_style.set_property("width", &format!("{width}px"))
    }

    /// Makes the divs hold `wanted`, touching only those between the unchanged ones at both ends.
    fn show(&mut self, wanted: Vec<&str>) -> Result<(), JsValue> {
        let same = |(old, new): (&(String, Element), &&str)| old.0 == **new;
        let head = self.segments.iter().zip(&wanted).take_while(|&pair| same(pair)).count();
        let most_tail = self.segments.len().min(wanted.len()) - head;
        let tail = self.segments.iter().rev().zip(wanted.iter().rev()).take(most_tail).take_while(|&p| same(p)).count();
        let old_end = self.segments.len() - tail;
        let document = self.element.owner_document().ok_or("no document")?;
        let before = self.segments.get(old_end).map(|(_, div)| div.clone());
        let mut changed = Vec::with_capacity(wanted.len() - tail - head);
        let mut reusable = self.segments.drain(head..old_end);
        for text in &wanted[head..wanted.len() - tail] {
            let div = match reusable.next() {
                Some((_, div)) => div,
                None => {
                    let div = document.create_element("div")?;
                    self.element.insert_before(&div, before.as_ref().map(|d| d.as_ref()))?;
                    div
                }
            };
            div.set_text_content(Some(text));
            changed.push((text.to_string(), div));
        }
        for (_, div) in reusable {
            div.remove();
        }
        self.segments.splice(head..head, changed);
        Ok(())
    }
}

impl Drop for Mirror {
    fn drop(&mut self) {
        self.element.remove();
    }
}

/// `text` cut where each of `lines` (1-based, ascending) starts: the text before the first,
/// then each line's up to the next one's.
fn segments<'t>(text: &'t str, lines: &[usize]) -> Vec<&'t str> {
    let mut starts = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1));
    let (mut line, mut from) = (1, 0);
    let mut cut = Vec::with_capacity(lines.len() + 1);
    for &wanted in lines {
        let Some(start) = starts.by_ref().nth(wanted.saturating_sub(line)) else { break };
        line = wanted + 1;
        cut.push(&text[from..start]);
        from = start;
    }
    cut.push(&text[from..]);
    cut
}
