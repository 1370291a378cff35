//! `Previewer`: one editor bound to one preview element, re-rendered once per animation frame
//! however fast the author types.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

use super::crash::{self, Listener};
use super::guard::Frame;
use super::patch::PatchedBody;
use super::sanitized_blocks::SanitizedBlocks;
use super::scroll_sync::ScrollSync;
use super::toc_panel::TocPanel;
use super::{caret, diagnostics_list, enhance, formats, image_fallback, reading_stats, sanitizer};
use crate::{render_with, RenderOptions, Rendered};

/// A live preview of an editor. It keeps following the editor until [`Previewer::destroy`],
/// whether or not the handle is kept: a page that drops (or a JS garbage collector that frees)
/// the handle must not silently freeze its preview.
pub struct Previewer {
    state: Rc<RefCell<State>>,
}

struct State {
    editor: HtmlTextAreaElement,
    options: RenderOptions,
    preview: HtmlElement,
    parts: Parts,
    /// The next frame's work: a render, or more of a long body; asking again adds nothing.
    frame: Option<Frame>,
    /// The editor changed since the last render.
    stale: bool,
    /// This state, for the frames it asks for itself (a long body shown over several frames).
    this: Weak<RefCell<State>>,
    last: Option<Rendered>,
    sanitized: SanitizedBlocks,
    scroll: Rc<RefCell<ScrollSync>>,
    /// The table of contents, when the page gave an element for it.
    toc: Option<TocPanel>,
    /// The editor's and preview's listeners. They hold the state (a cycle on purpose: it keeps
    /// the preview live); `destroy` drops them, which breaks the cycle.
    listeners: Vec<Listener>,
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
        editor: HtmlTextAreaElement,
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
                options,
                preview,
                parts,
                frame: None,
                stale: false,
                this: this.clone(),
                last: None,
                sanitized: SanitizedBlocks::default(),
                scroll: Rc::clone(&scroll),
                toc,
                listeners: vec![],
            })
        });
        let listeners = {
            let s = state.borrow();
            let strong = Rc::clone(&state);
            let on_input = Listener::new(&s.editor, "input", move |_| schedule(&strong));
            // A parser that was loading (TOML's) arrived: the front matter can be read now.
            let strong = Rc::clone(&state);
            let on_formats = Listener::new(&s.preview, formats::FORMATS_LOADED, move |_| schedule(&strong));
            let editor = s.editor.clone();
            let on_click = Listener::new(&s.parts.diagnostics, "click", move |event| {
                if let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                    diagnostics_list::go_to_clicked_place(&target, &editor);
                }
            });
            let mut listeners = vec![
                on_input,
                on_formats,
                on_click,
                image_fallback::listen(&s.preview),
                enhance::listen_for_copies(&s.preview),
            ];
            // The caret moves without an edit on keys and clicks; an edit highlights in render_now.
            for moved in ["keyup", "mouseup"] {
                let strong = Rc::clone(&state);
                listeners.push(Listener::new(&s.editor, moved, move |_| on_caret_moved(&strong)));
            }
            listeners.extend(ScrollSync::listen(&scroll));
            listeners
        };
        state.borrow_mut().listeners = listeners;
        crash::watch(&state.borrow().preview);
        state.borrow_mut().render_now();
        Ok(Previewer { state })
    }

    /// Replaces the editor's text with `source` and renders it at once.
    pub fn update(&self, source: &str) {
        let mut state = self.state.borrow_mut();
        state.editor.set_value(source);
        state.render_now();
    }

    /// The result of the latest render.
    pub fn last(&self) -> Option<Rendered> {
        self.state.borrow().last.clone()
    }

    /// Stops listening, cancels a pending frame and empties the preview.
    pub fn destroy(self) {
        let mut state = self.state.borrow_mut();
        let listeners = std::mem::take(&mut state.listeners);
        state.frame = None;
        state.preview.set_text_content(None);
        if let Some(toc) = state.toc.take() {
            toc.destroy();
        }
        crash::unwatch(&state.preview);
        drop(state);
        drop(listeners);
    }
}

/// Asks for a render on the next frame, unless one is already on its way.
fn schedule(state: &Rc<RefCell<State>>) {
    let mut s = state.borrow_mut();
    s.stale = true;
    s.request_frame();
}

/// Highlights the block the caret is in, unless a render is on its way (it will).
fn on_caret_moved(state: &Rc<RefCell<State>>) {
    let Ok(mut s) = state.try_borrow_mut() else { return };
    if s.frame.is_none() {
        let source = s.editor.value();
        s.highlight_caret_block(&source);
    }
}

impl State {
    fn request_frame(&mut self) {
        if self.frame.is_some() {
            return;
        }
        let this = self.this.clone();
        self.frame = Some(Frame::next(move || {
            if let Some(state) = this.upgrade() {
                let mut s = state.borrow_mut();
                s.frame = None;
                if s.stale {
                    s.render_now();
                } else {
                    s.show_more();
                }
            }
        }));
    }

    fn render_now(&mut self) {
        self.stale = false;
        let source = self.editor.value();
        let options = &self.options;
        let sanitized = &mut self.sanitized;
        let rendered = sanitizer::with_sanitizer(|dompurify| {
            sanitized.render(dompurify, |s| render_with(&source, options, Some(s)))
        });
        let last = self.last.as_ref();
        if last.map(|l| &l.header_html) != Some(&rendered.header_html) {
            self.parts.header.set_inner_html(&rendered.header_html);
        }
        self.show_body(&rendered);
        reading_stats::show(&self.parts.stats, &rendered.stats);
        if let Some(Err(error)) = self.toc.as_mut().map(|toc| toc.show(&rendered.toc)) {
            web_sys::console::error_2(&"postview could not update the table of contents:".into(), &error);
        }
        if let Ok(mut scroll) = self.scroll.try_borrow_mut() {
            scroll.set_lines(rendered.blocks.iter().map(|block| block.start_line).collect());
        }
        diagnostics_list::show(&self.parts.diagnostics, &rendered.diagnostics, &source);
        formats::notify_when_loaded(&self.preview);
        self.highlight_caret_block(&source);
        self.last = Some(rendered);
    }

    /// Marks the block the caret is in, in the editor's text `source`.
    fn highlight_caret_block(&mut self, source: &str) {
        let line = caret::line(&self.editor, source);
        self.parts.body.highlight_line(line);
    }

    /// Puts in the blocks that changed (images elsewhere are never re-created), as many as fit
    /// in a frame; the rest come on the next frames, so a huge paste never freezes the page.
    /// True when the whole body is shown.
    fn show_body(&mut self, rendered: &Rendered) -> bool {
        match self.parts.body.show(&rendered.blocks) {
            Ok(done) => {
                if !done {
                    self.request_frame();
                }
                done
            }
            Err(error) => {
                web_sys::console::error_2(&"postview could not update the preview:".into(), &error);
                true
            }
        }
    }

    /// The next part of a body too long to show in one frame. The caret's block is marked
    /// again once all of it is in (not every frame: that copies the whole text out each time).
    fn show_more(&mut self) {
        if let Some(rendered) = self.last.take() {
            if self.show_body(&rendered) {
                let source = self.editor.value();
                self.highlight_caret_block(&source);
            }
            self.last = Some(rendered);
        }
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
