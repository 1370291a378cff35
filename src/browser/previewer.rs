//! `Previewer`: one editor bound to one preview element, re-rendered once per animation frame
//! however fast the author types. The editor is a `<textarea>` or an adapter (editor.rs); the
//! preview fires `postview:render` and `postview:error` for the embedder (events.rs).
//!
//! When: a textarea's edit is rendered in its `input` event, at once, when the text is short or
//! the last render was quick ([`RENDER_AT_ONCE_LENGTH`], [`RENDER_AT_ONCE_MS`]) and nothing was
//! rendered since the last frame; every other
//! change waits for the next animation frame, where all the changes since are rendered once.
//! Rendering at once does the work while the browser waits for its next frame anyway, instead
//! of inside that frame before its layout and paint: the edit is painted up to a render's time
//! sooner. A slow render (a long post) stays on the frame, so that fast typing is rendered once
//! a frame, not once a keystroke. An adapter's changes wait for the frame (its editor may report
//! in the middle of its own update, and its text is read on the frame after), unless it says its
//! text is ready when it reports (`textReadyOnChange`, as CodeMirror's is): then as a textarea's.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

use super::crash::{self, Listener};
use super::editor::{Editor, EditorEvent, Subscription};
use super::events::{self, ErrorKind, Timings};
use super::guard::Frame;
use super::patch::PatchedBody;
use super::sanitized_blocks::SanitizedBlocks;
use super::scroll_sync::{self, ScrollSync};
use super::toc_panel::TocPanel;
use super::{diagnostics_list, enhance, formats, image_fallback, in_page_links, reading_stats, sanitizer};
use crate::{Incremental, RenderOptions, RenderPath, Rendered};

/// A textarea's edit is rendered in its `input` event when the last render (and putting it in
/// the preview) took at most this long: half a 60 Hz frame, so that even two renders between
/// frames (one at once, one on the frame for keystrokes that came meanwhile) leave the frame
/// time for layout and paint.
pub const RENDER_AT_ONCE_MS: f64 = 8.0;

/// A text this short (UTF-16 code units) is rendered at once whatever the last render took:
/// a fraction of a millisecond here, a few on a slow phone (and the first renders, while the
/// browser still compiles the WebAssembly, are slow for a reason that passes).
pub const RENDER_AT_ONCE_LENGTH: u32 = 8 * 1024;

/// A change that puts more text than this (UTF-8 bytes) in the post — a huge paste, a long file
/// opened, a long draft mounted — is rendered in stages, one a frame (`Incremental::render_toward`,
/// the step growing to a sixteenth of the text already in): the post's beginning is shown at once
/// and the page keeps answering while the rest comes, instead of rendering all of it in one task.
/// Measured on the page (idle machine, paste to CodeMirror): 4 MB, longest task 442–534 ->
/// 157–221 ms and the first blocks shown after 444–538 -> 171–244 ms, all of it shown after
/// 3.2–3.3 -> 3.8–3.9 s; 1 MB 277–290 -> 127–128 ms, first blocks 282–298 -> 148–150 ms, all
/// 0.92–1.08 -> 1.12–1.17 s. The first stage is about what the body shows in a frame
/// ([`HTML_PER_FRAME`](super::patch::HTML_PER_FRAME) of HTML).
pub const STAGE_BYTES: usize = 64 * 1024;

/// A live preview of an editor. It keeps following the editor until [`Previewer::destroy`],
/// whether or not the handle is kept: a page that drops (or a JS garbage collector that frees)
/// the handle must not silently freeze its preview.
pub struct Previewer {
    state: Rc<RefCell<State>>,
    preview: HtmlElement,
}

struct State {
    editor: Editor,
    options: RenderOptions,
    preview: HtmlElement,
    parts: Parts,
    /// The next frame's work: a render, or more of a long body; asking again adds nothing.
    frame: Option<Frame>,
    /// The editor changed since the last render.
    stale: bool,
    /// How long the last render took, from the text to the preview showing all of it (ms).
    last_cost_ms: f64,
    /// This state, for the frames it asks for itself (a long body shown over several frames).
    this: Weak<RefCell<State>>,
    /// The latest render, and what the next one re-renders only in part.
    renderer: Incremental,
    sanitized: SanitizedBlocks,
    scroll: Rc<RefCell<ScrollSync>>,
    /// The table of contents, when the page gave an element for it.
    toc: Option<TocPanel>,
    /// The timings of the render being shown, while its body takes more than one frame.
    showing: Option<Timings>,
    /// The text a change too big for one render is on its way to, while it comes in stages.
    pending: Option<String>,
    /// The stages' timings so far, added to the last one's in its `postview:render`.
    staged: Option<Timings>,
    /// Events to fire once no borrow of this state is held (see [`deliver`]).
    outbox: Vec<(&'static str, JsValue)>,
    /// The editor's and preview's listeners. They hold the state (a cycle on purpose: it keeps
    /// the preview live); `destroy` drops them, which breaks the cycle.
    listeners: Vec<Listener>,
    editor_reports: Option<Subscription>,
}

/// The elements mount puts inside the preview.
struct Parts {
    diagnostics: Element,
    header: Element,
    stats: Element,
    body: PatchedBody,
}

impl Previewer {
    /// Takes over `preview`, renders `editor`'s text into it now, and again on the frame after
    /// every change; lists the headings in `toc` when given.
    pub fn mount(
        editor: Editor,
        preview: HtmlElement,
        options: RenderOptions,
        toc: Option<HtmlElement>,
    ) -> Result<Previewer, JsValue> {
        let parts = Parts::create(&preview)?;
        let toc = toc.map(|element| TocPanel::new(&element, preview.clone())).transpose()?;
        let scroll = ScrollSync::new(editor.clone(), preview.clone());
        let state = Rc::new_cyclic(|this| {
            RefCell::new(State {
                editor,
                renderer: Incremental::new(options.clone()),
                options,
                preview,
                parts,
                frame: None,
                stale: false,
                last_cost_ms: f64::INFINITY,
                this: this.clone(),
                sanitized: SanitizedBlocks::default(),
                scroll: Rc::clone(&scroll),
                toc,
                showing: None,
                pending: None,
                staged: None,
                outbox: vec![],
                listeners: vec![],
                editor_reports: None,
            })
        });
        let editor = state.borrow().editor.clone();
        let editor_reports = {
            let (strong, scroll) = (Rc::clone(&state), Rc::clone(&scroll));
            editor.listen(move |event| match event {
                EditorEvent::Change => on_change(&strong),
                // An edit highlights the caret's block in render_now.
                EditorEvent::Caret => on_caret_moved(&strong),
                EditorEvent::Scroll => scroll_sync::editor_scrolled(&scroll),
            })?
        };
        let listeners = {
            let s = state.borrow();
            // A parser that was loading (TOML's) arrived: the front matter can be read now.
            let strong = Rc::clone(&state);
            let on_formats = Listener::new(&s.preview, formats::FORMATS_LOADED, move |_| schedule(&strong));
            let editor = s.editor.clone();
            let preview = s.preview.clone();
            let on_click = Listener::new(&s.parts.diagnostics, "click", move |event| {
                let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
                if let Err(message) = diagnostics_list::go_to_clicked_place(&target, &editor) {
                    events::fire_error(&preview, ErrorKind::Editor, &message);
                }
            });
            let mut listeners = vec![
                on_formats,
                on_click,
                image_fallback::listen(&s.preview),
                enhance::listen_for_copies(&s.preview),
                in_page_links::listen(&s.preview),
            ];
            listeners.extend(ScrollSync::listen(&scroll));
            listeners
        };
        {
            let mut s = state.borrow_mut();
            s.listeners = listeners;
            s.editor_reports = Some(editor_reports);
            crash::watch(&s.preview);
            s.render_now();
        }
        deliver(&state);
        let preview = state.borrow().preview.clone();
        Ok(Previewer { state, preview })
    }

    /// Replaces the editor's text with `source` (an adapter without `setText` keeps its own)
    /// and renders `source` at once.
    pub fn update(&self, source: &str) {
        let Ok(mut state) = self.state.try_borrow_mut() else {
            let message = "update() was called while postview was rendering (from an editor adapter's method?)";
            events::fire_error(&self.preview, ErrorKind::Input, message);
            return;
        };
        if let Err(message) = state.editor.set_text(source) {
            state.report_error(ErrorKind::Editor, &message);
        }
        state.render(source.to_string());
        drop(state);
        deliver(&self.state);
    }

    /// Says on the preview that `update` was given something it cannot render.
    pub fn refuse(&self, message: &str) {
        events::fire_error(&self.preview, ErrorKind::Input, message);
    }

    /// The result of the latest render (of all of the text, even while a huge change is
    /// being shown in stages: the rest is rendered now).
    pub fn last(&self) -> Option<Rendered> {
        let mut state = self.state.borrow_mut();
        if let Some(source) = state.pending.take() {
            state.render_unstaged(source);
        }
        let last = state.renderer.rendered().cloned();
        drop(state);
        deliver(&self.state);
        last
    }

    /// Stops listening, cancels a pending frame and empties the preview.
    pub fn destroy(self) {
        let mut state = self.state.borrow_mut();
        let listeners = std::mem::take(&mut state.listeners);
        let editor_reports = state.editor_reports.take();
        state.frame = None;
        state.preview.set_text_content(None);
        if let Some(toc) = state.toc.take() {
            toc.destroy();
        }
        crash::unwatch(&state.preview);
        drop(state);
        drop(listeners);
        drop(editor_reports);
    }
}

/// Fires the events the last work queued, with no borrow held (a listener may call back in).
fn deliver(state: &Rc<RefCell<State>>) {
    let (preview, outbox) = {
        let Ok(mut s) = state.try_borrow_mut() else { return };
        (s.preview.clone(), std::mem::take(&mut s.outbox))
    };
    for (name, detail) in outbox {
        events::dispatch(&preview, name, &detail);
    }
}

/// Asks for a render on the next frame, unless one is already on its way.
fn schedule(state: &Rc<RefCell<State>>) {
    let Ok(mut s) = state.try_borrow_mut() else {
        // Reported by an adapter while we were calling it: render on the next frame anyway.
        let state = Rc::clone(state);
        std::mem::forget(Frame::next(move || schedule(&state)));
        return;
    };
    s.stale = true;
    s.request_frame();
}

/// The editor's text changed: renders it at once when that is quick (see the module's doc),
/// else on the next frame.
fn on_change(state: &Rc<RefCell<State>>) {
    let at_once = match state.try_borrow_mut() {
        Ok(mut s) if s.renders_at_once() => {
            s.render_now();
            // Keystrokes before the next frame wait for it and are rendered there, together.
            s.request_frame();
            true
        }
        _ => false,
    };
    if at_once {
        deliver(state);
    } else {
        schedule(state);
    }
}

/// Highlights the block the caret is in, unless a render is on its way (it will).
fn on_caret_moved(state: &Rc<RefCell<State>>) {
    let Ok(mut s) = state.try_borrow_mut() else { return };
    if !s.stale {
        s.highlight_caret_block(None);
    }
}

impl State {
    /// Whether an edit is rendered now rather than on the next frame: a textarea's, short or
    /// after a quick render, with no frame of ours pending (none rendered since the last frame,
    /// and no long body being shown).
    fn renders_at_once(&self) -> bool {
        if !self.editor.text_ready_on_change() {
            return false;
        }
        // An adapter's text is about as long as the last one rendered (UTF-8 bytes are at least
        // as many as UTF-16 units).
        let short = match self.editor.textarea() {
            Some(textarea) => textarea.text_length() <= RENDER_AT_ONCE_LENGTH,
            None => self.renderer.source().is_some_and(|text| text.len() <= RENDER_AT_ONCE_LENGTH as usize),
        };
        self.frame.is_none() && (short || self.last_cost_ms <= RENDER_AT_ONCE_MS)
    }

    fn request_frame(&mut self) {
        if self.frame.is_some() {
            return;
        }
        let this = self.this.clone();
        self.frame = Some(Frame::next(move || {
            if let Some(state) = this.upgrade() {
                {
                    let mut s = state.borrow_mut();
                    s.frame = None;
                    if s.stale {
                        s.render_now();
                    } else if s.showing.is_some() {
                        s.show_more();
                    } else if let Some(source) = s.pending.take() {
                        s.render(source);
                    }
                }
                deliver(&state);
            }
        }));
    }

    /// Renders the editor's text now.
    fn render_now(&mut self) {
        self.stale = false;
        match self.editor.text() {
            Ok(source) => self.render(source),
            Err(message) => self.report_error(ErrorKind::Editor, &message),
        }
    }

    /// Renders `source` and shows it, or when the change is huge its next stage (the rest on
    /// the next frames); `postview:render` goes out once all of `source` is shown.
    fn render(&mut self, source: String) {
        // Later stages are longer (a sixteenth of what is in): each stage costs a few passes over
        // the whole text besides its own render, so a long text comes in tens of stages, not
        // hundreds.
        let step = STAGE_BYTES.max(self.renderer.source().map_or(0, str::len) / 16);
        self.render_toward(source, step);
    }

    /// Renders all of `source` now and shows it.
    fn render_unstaged(&mut self, source: String) {
        self.render_toward(source, usize::MAX);
    }

    /// Renders `source`, or its next stage when the change puts more than `step` bytes in, and
    /// shows it.
    fn render_toward(&mut self, source: String, step: usize) {
        self.stale = false;
        let started = events::now();
        let header = self.renderer.rendered().map(|last| last.header_html.clone());
        // Out of the state while it is shown, which needs the state.
        let mut renderer = std::mem::replace(&mut self.renderer, Incremental::new(self.options.clone()));
        let sanitized = &mut self.sanitized;
        let mut all = true;
        sanitizer::with_sanitizer(|dompurify| {
            let path = sanitized.render(dompurify, |s| {
                all = renderer.render_toward(&source, step, Some(s));
                renderer.path()
            });
            // A render in part asked only about its window's blocks; the others are still shown.
            sanitized.keep_earlier(!matches!(path, RenderPath::Whole(_)));
        });
        // A stage holds part of the change: the rest is left for the next frames.
        self.pending = (!all).then_some(source);
        if let (Some(rendered), Some(text)) = (renderer.rendered(), renderer.source()) {
            self.show(rendered, text, header.as_ref(), started);
        }
        self.renderer = renderer;
    }

    /// Shows `rendered`, the render of `source` that began at `started`; `header` is the
    /// header's HTML shown until now.
    fn show(&mut self, rendered: &Rendered, source: &str, header: Option<&String>, started: f64) {
        let rendered_at = events::now();
        if header != Some(&rendered.header_html) {
            self.parts.header.set_inner_html(&rendered.header_html);
        }
        let whole = self.show_body(rendered);
        reading_stats::show(&self.parts.stats, &rendered.stats);
        if let Some(Err(error)) = self.toc.as_mut().map(|toc| toc.show(&rendered.toc)) {
            web_sys::console::error_2(&"postview could not update the table of contents:".into(), &error);
        }
        if let Ok(mut scroll) = self.scroll.try_borrow_mut() {
            scroll.set_lines(rendered.blocks.iter().map(|block| block.start_line).collect());
        }
        diagnostics_list::show(&self.parts.diagnostics, &rendered.diagnostics, source);
        formats::notify_when_loaded(&self.preview);
        // A stage's text is not the editor's: the caret's block is marked once all of it is in.
        if self.pending.is_none() {
            self.highlight_caret_block(Some(source));
        }
        let timings = Timings { render_ms: rendered_at - started, patch_ms: events::now() - rendered_at, frames: 1 };
        let staged = self.pending.is_some();
        self.last_cost_ms = if whole && !staged { timings.render_ms + timings.patch_ms } else { f64::INFINITY };
        self.showing = None;
        if whole {
            self.shown(rendered, timings);
        } else {
            self.showing = Some(timings);
        }
    }

    /// All of `rendered` is in the preview: `postview:render` goes out, unless it was a stage
    /// (then the next one comes on the next frame).
    fn shown(&mut self, rendered: &Rendered, timings: Timings) {
        let timings = match self.staged.take() {
            Some(before) => Timings {
                render_ms: before.render_ms + timings.render_ms,
                patch_ms: before.patch_ms + timings.patch_ms,
                frames: before.frames + timings.frames,
            },
            None => timings,
        };
        if self.pending.is_some() {
            self.staged = Some(timings);
            self.request_frame();
            return;
        }
        if timings.frames > 1 {
            // The preview could not follow the editor past what was in (a paste scrolls the
            // editor to its end): now it can.
            scroll_sync::editor_scrolled(&self.scroll);
        }
        self.outbox.push((events::RENDER_EVENT, events::render_detail(rendered, timings)));
    }

    /// Queues `postview:error`.
    fn report_error(&mut self, kind: ErrorKind, message: &str) {
        self.outbox.push((events::ERROR_EVENT, events::error_detail(kind, message)));
    }

    /// Marks the block the caret is in; `source` is the editor's text when at hand.
    fn highlight_caret_block(&mut self, source: Option<&str>) {
        if let Some(line) = self.editor.caret_line(source) {
            self.parts.body.highlight_line(line);
        }
    }

    /// Puts in the blocks that changed (images elsewhere are never re-created), as many as fit
    /// in a frame; the rest come on the next frames, so a huge paste never freezes the page.
    /// True when the whole body is shown.
    fn show_body(&mut self, rendered: &Rendered) -> bool {
        let shown = self.parts.body.show(&rendered.blocks);
        if let Ok(scroll) = self.scroll.try_borrow() {
            scroll.body_changed();
        }
        match shown {
            Ok(done) => {
                if !done {
                    self.request_frame();
                }
                done
            }
            Err(error) => {
                let why = error.as_string().or_else(|| error.dyn_ref::<js_sys::Error>().map(|e| e.message().into()));
                let message = format!("could not update the preview: {}", why.unwrap_or_else(|| "an exception".into()));
                self.report_error(ErrorKind::Preview, &message);
                true
            }
        }
    }

    /// The next part of a body too long to show in one frame. The caret's block is marked
    /// again once all of it is in (not every frame: that copies the whole text out each time).
    fn show_more(&mut self) {
        let renderer = std::mem::replace(&mut self.renderer, Incremental::new(self.options.clone()));
        if let Some(rendered) = renderer.rendered() {
            let started = events::now();
            let whole = self.show_body(rendered);
            if let Some(timings) = self.showing.as_mut() {
                timings.patch_ms += events::now() - started;
                timings.frames += 1;
            }
            if whole && self.pending.is_none() {
                self.highlight_caret_block(None);
            }
            if whole {
                if let Some(timings) = self.showing.take() {
                    self.shown(rendered, timings);
                }
            }
        }
        self.renderer = renderer;
    }
}

impl Parts {
    fn create(preview: &HtmlElement) -> Result<Parts, JsValue> {
        let document = preview.owner_document().ok_or("the preview element is not in a document")?;
        preview.set_text_content(None);
        let diagnostics = document.create_element("ul")?;
        diagnostics.set_class_name("postview-diagnostics");
        diagnostics.set_attribute("aria-label", "Problems")?;
        diagnostics.set_attribute("hidden", "")?;
        let article = document.create_element("article")?;
        article.set_class_name("postview-post");
        let header = document.create_element("div")?;
        header.set_class_name("postview-header");
        let body = document.create_element("div")?;
        body.set_class_name("postview-body");
        let stats = reading_stats::create(&document)?;
        article.append_child(&header)?;
        article.append_child(&stats)?;
        article.append_child(&body)?;
        preview.append_child(&diagnostics)?;
        preview.append_child(&article)?;
        Ok(Parts { diagnostics, header, stats, body: PatchedBody::new(body)? })
    }
}
