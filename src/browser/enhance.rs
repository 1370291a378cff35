//! Code, math and diagrams enhanced in the preview, by libraries loaded only when a post needs
//! them (the lazy parts in `pkg/lazy/`, imported by enhance.js): fenced code gets a language
//! label and a "Copy code" button at once, and is highlighted once highlight.js is in; TeX
//! (`span.math`) becomes MathML by Temml; ```` ```mermaid ```` blocks become Mermaid diagrams.
//!
//! Only blocks just put in the preview are looked at (patch.rs hands each parsed block here),
//! so a block that did not change is never enhanced again, and a changed block, being new
//! nodes, is enhanced afresh. [`enhance_inserted`] (JavaScript's `enhance(element)`) does the
//! same for HTML a page put in itself from `render()`, marking what it enhanced so that a
//! second call on the same element leaves it alone.

use std::cell::RefCell;

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

use super::crash::Listener;
use super::later;

#[wasm_bindgen(module = "/src/browser/enhance.js")]
extern "C" {
    /// Loads the lazy part `name` once, then hands it `elements`; failures go to the console.
    #[wasm_bindgen(js_name = enhance)]
    fn enhance_with(name: &str, elements: &Array);
}

/// The class of the copy button on each code block.
const COPY_BUTTON: &str = "postview-copy";
/// The class a copy button has for a moment after its code was copied.
const COPIED: &str = "postview-copied";
/// The language of ```` ```mermaid ```` blocks, drawn as diagrams rather than highlighted.
const DIAGRAM_LANGUAGE: &str = "mermaid";

/// The attribute `enhance(element)` puts on each `<pre>` and math span it enhanced.
const ENHANCED: &str = "data-postview-enhanced";

thread_local! {
    /// The copy-button listeners `enhance(element)` added, one per element still in a document.
    static COPY_LISTENERS: RefCell<Vec<(Element, Listener)>> = const { RefCell::new(Vec::new()) };
}

/// Which elements [`Enhancements::collect`] takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A block just parsed into the live preview: everything in it is new.
    Fresh,
    /// HTML a page inserted itself, maybe enhanced before: what carries [`ENHANCED`] is left
    /// alone, and the rest is marked with it.
    Inserted,
}

/// Elements of newly inserted blocks waiting for their lazy part.
#[derive(Default)]
pub struct Enhancements {
    code: Vec<Element>,
    math: Vec<Element>,
    diagrams: Vec<Element>,
}

impl Enhancements {
    /// Finds what to enhance in one freshly parsed block (`container` holds only its nodes),
    /// and gives each code block its label and copy button now.
    pub fn collect(&mut self, container: &Element, document: &Document, scope: Scope) -> Result<(), JsValue> {
        let unmarked = match scope {
            Scope::Fresh => String::new(),
            Scope::Inserted => format!(":not([{ENHANCED}])"),
        };
        for code in select(container, &format!("pre{unmarked} > code"))? {
            let Some(pre) = code.parent_element() else { continue };
            if scope == Scope::Inserted {
                pre.set_attribute(ENHANCED, "")?;
            }
            let language = language_of(&code);
            if language.as_deref() == Some(DIAGRAM_LANGUAGE) {
                self.diagrams.push(pre);
                continue;
            }
            pre.insert_before(&code_bar(language.as_deref(), document)?.into(), Some(&code))?;
            if language.is_some() {
                self.code.push(code);
            }
        }
        for span in select(container, &format!("span.math{unmarked}"))? {
            if scope == Scope::Inserted {
                span.set_attribute(ENHANCED, "")?;
            }
            self.math.push(span);
        }
        Ok(())
    }

    /// Asks for each lazy part these elements need (loaded once, on first need).
    pub fn start(self) {
        for (name, elements) in [("highlight", self.code), ("math", self.math), ("diagram", self.diagrams)] {
            if !elements.is_empty() {
                enhance_with(name, &elements.into_iter().collect());
            }
        }
    }
}

/// Enhances the code, math and diagrams in `element`, HTML a page inserted itself (from
/// `render()`): code labels and Copy code buttons at once, the rest as the lazy parts load.
pub fn enhance_inserted(element: &Element) -> Result<(), JsValue> {
    let document = element.owner_document().ok_or("the element is not in a document")?;
    let mut found = Enhancements::default();
    found.collect(element, &document, Scope::Inserted)?;
    found.start();
    COPY_LISTENERS.with_borrow_mut(|listeners| {
        listeners.retain(|(listening, _)| listening.is_connected());
        if !listeners.iter().any(|(listening, _)| listening == element) {
            listeners.push((element.clone(), listen_for_copies(element)));
        }
    });
    Ok(())
}

/// The first `language-…` class of a `<code>`, as the core writes a fence's info string.
fn language_of(code: &Element) -> Option<String> {
    let classes = code.class_list();
    (0..classes.length())
        .filter_map(|i| classes.item(i))
        .find_map(|class| class.strip_prefix("language-").filter(|l| !l.is_empty()).map(str::to_string))
}

/// `<span class="postview-code-bar"><span class="postview-code-language">rust</span><button>`:
/// the language (text, never HTML: it is the author's) and the copy button.
fn code_bar(language: Option<&str>, document: &Document) -> Result<Element, JsValue> {
    let bar = document.create_element("span")?;
    bar.set_class_name("postview-code-bar");
    if let Some(language) = language {
        let label = document.create_element("span")?;
        label.set_class_name("postview-code-language");
        label.set_text_content(Some(language));
        bar.append_child(&label)?;
    }
    let button = document.create_element("button")?;
    button.set_attribute("type", "button")?;
    button.set_class_name(COPY_BUTTON);
    button.set_text_content(Some("Copy code"));
    bar.append_child(&button)?;
    Ok(bar)
}

/// Copies a code block's text when its copy button is clicked (one listener for the preview).
pub fn listen_for_copies(preview: &Element) -> Listener {
    Listener::new(preview, "click", |event| {
        let Some(target) = event.target().and_then(element_of) else { return };
        let Ok(Some(button)) = target.closest(&format!("button.{COPY_BUTTON}")) else { return };
        if let Err(error) = copy_code_of(&button) {
            web_sys::console::error_2(&"postview could not copy the code:".into(), &error);
        }
    })
}

/// Writes the text of `button`'s code block to the clipboard; once written, the button shows
/// it (the class [`COPIED`], for two seconds). The callbacks are the browser's own functions,
/// never WebAssembly (see later.rs).
fn copy_code_of(button: &Element) -> Result<(), JsValue> {
    let code = button.closest("pre")?.and_then(|pre| pre.query_selector("code").ok().flatten());
    let text = code.and_then(|code| code.text_content()).unwrap_or_default();
    let clipboard = web_sys::window().ok_or("no window")?.navigator().clipboard();
    let written = clipboard.write_text(&text);
    let classes = button.class_list();
    let bound = |method: &str| -> Result<Function, JsValue> {
        let function: Function = Reflect::get(&classes, &method.into())?.dyn_into()?;
        Ok(function.bind1(&classes, &COPIED.into()).unchecked_into())
    };
    let console = Reflect::get(&js_sys::global(), &"console".into())?;
    let error: Function = Reflect::get(&console, &"error".into())?.dyn_into()?;
    let failed: Function = error.bind1(&console, &"postview could not copy the code:".into()).unchecked_into();
    let then: Function = Reflect::get(&written, &"then".into())?.dyn_into()?;
    then.call2(&written, &bound("add")?.into(), &failed.into())?;
    later::call_later(&bound("remove")?, 2000)?.detach();
    Ok(())
}

/// The elements under `container` that `selector` matches. (`querySelectorAll` finds elements
/// only; an iframe's are no `instanceof Element` here, so they are not checked that way.)
fn select(container: &Element, selector: &str) -> Result<Vec<Element>, JsValue> {
    let found = container.query_selector_all(selector)?;
    Ok((0..found.length()).filter_map(|i| found.item(i)).map(JsCast::unchecked_into).collect())
}

/// Whether `value` is an element, of this document or another's (an iframe's element is no
/// `instanceof Element` here: its node type says what it is).
pub fn is_element(value: &JsValue) -> bool {
    Reflect::get(value, &"nodeType".into()).ok().and_then(|t| t.as_f64())
        == Some(f64::from(web_sys::Node::ELEMENT_NODE))
}

/// `target` as an element if it is one (see [`is_element`]).
fn element_of(target: web_sys::EventTarget) -> Option<Element> {
    is_element(&target).then(|| target.unchecked_into())
}
