//! `Previewer`: one editor bound to one preview element, re-rendered once per animation frame
//! however fast the author types.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

use super::crash::{self, Listener};
use super::{diagnostics_list, image_fallback, sanitizer};
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
    /// The frame a render is waiting for; typing more before it comes adds nothing.
    frame: Option<AnimationFrame>,
    last: Option<Rendered>,
    /// The editor's and preview's listeners. They hold the state (a cycle on purpose: it keeps
    /// the preview live); `destroy` drops them, which breaks the cycle.
    listeners: Vec<Listener>,
}

/// The elements mount puts inside the preview.
struct Parts {
    diagnostics: Element,
    header: Element,
    body: Element,
}

impl Previewer {
    /// Takes over `preview`, renders `editor`'s text into it now, and again on the frame after
    /// every change.
    pub fn mount(
        editor: HtmlTextAreaElement,
        preview: HtmlElement,
        options: RenderOptions,
    ) -> Result<Previewer, JsValue> {
        let parts = Parts::create(&preview)?;
        let state = Rc::new(RefCell::new(State {
            editor,
            options,
            preview,
            parts,
            frame: None,
            last: None,
            listeners: vec![],
        }));
        let listeners = {
            let s = state.borrow();
            let strong = Rc::clone(&state);
            let on_input = Listener::new(&s.editor, "input", move |_| schedule(&strong));
            let editor = s.editor.clone();
            let on_click = Listener::new(&s.parts.diagnostics, "click", move |event| {
                if let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                    diagnostics_list::go_to_clicked_place(&target, &editor);
                }
            });
            vec![on_input, on_click, image_fallback::listen(&s.preview)]
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
        crash::unwatch(&state.preview);
        drop(state);
        drop(listeners);
    }
}

/// Asks for a render on the next frame, unless one is already on its way.
fn schedule(state: &Rc<RefCell<State>>) {
    let mut s = state.borrow_mut();
    if s.frame.is_some() {
        return;
    }
    let weak: Weak<RefCell<State>> = Rc::downgrade(state);
    s.frame = Some(request_animation_frame(move |_| {
        if let Some(state) = weak.upgrade() {
            let mut s = state.borrow_mut();
            s.frame = None;
            s.render_now();
        }
    }));
}

impl State {
    fn render_now(&mut self) {
        let source = self.editor.value();
        let rendered = sanitizer::with_sanitizer(|s| render_with(&source, &self.options, Some(s)));
        let last = self.last.as_ref();
        if last.map(|l| &l.header_html) != Some(&rendered.header_html) {
            self.parts.header.set_inner_html(&rendered.header_html);
        }
        // Only when it changed: an edit to the front matter alone leaves the body's images be.
        if last.map(|l| &l.html) != Some(&rendered.html) {
            self.parts.body.set_inner_html(&rendered.html);
            image_fallback::mark_missing_sources(&self.parts.body);
        }
        diagnostics_list::show(&self.parts.diagnostics, &rendered.diagnostics, &source);
        self.last = Some(rendered);
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
        article.append_child(&header)?;
        article.append_child(&body)?;
        preview.append_child(&diagnostics)?;
        preview.append_child(&article)?;
        Ok(Parts { diagnostics, header, body })
    }
}
