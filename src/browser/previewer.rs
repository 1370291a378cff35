//! `Previewer`: one editor bound to one preview element, re-rendered once per animation frame
//! however fast the author types.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo_events::EventListener;
use gloo_render::{request_animation_frame, AnimationFrame};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

use super::{diagnostics_list, image_fallback};
use crate::{render, RenderOptions, Rendered};

/// A live preview of an editor. Dropping it (or [`Previewer::destroy`]) stops listening.
pub struct Previewer {
    state: Rc<RefCell<State>>,
    _listeners: [EventListener; 3],
}

struct State {
    editor: HtmlTextAreaElement,
    options: RenderOptions,
    preview: HtmlElement,
    parts: Parts,
    /// The frame a render is waiting for; typing more before it comes adds nothing.
    frame: Option<AnimationFrame>,
    last: Option<Rendered>,
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
        let state = Rc::new(RefCell::new(State { editor, options, preview, parts, frame: None, last: None }));
        let listeners = {
            let s = state.borrow();
            let weak = Rc::downgrade(&state);
            let on_input = EventListener::new(&s.editor, "input", move |_| schedule(&weak));
            let editor = s.editor.clone();
            let on_click = EventListener::new(&s.parts.diagnostics, "click", move |event| {
                if let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                    diagnostics_list::go_to_clicked_place(&target, &editor);
                }
            });
            [on_input, on_click, image_fallback::listen(&s.preview)]
        };
        state.borrow_mut().render_now();
        Ok(Previewer { state, _listeners: listeners })
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

    /// Stops listening and empties the preview.
    pub fn destroy(self) {
        let state = self.state.borrow();
        state.preview.set_text_content(None);
    }
}

/// Asks for a render on the next frame, unless one is already on its way.
fn schedule(weak: &Weak<RefCell<State>>) {
    let Some(state) = weak.upgrade() else { return };
    let mut s = state.borrow_mut();
    if s.frame.is_some() {
        return;
    }
    let weak = weak.clone();
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
        let rendered = render(&source, &self.options);
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
