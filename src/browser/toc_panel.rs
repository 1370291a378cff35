//! The table of contents panel: a list of the post's headings in an element the page gives
//! (`mount(…, { toc })`), redrawn when the headings change; clicking an entry scrolls the
//! preview to its heading (and scroll sync brings the editor along).
//!
//! A long list is laid out in parts of [`ENTRIES_PER_PART`] entries, each a `<li role="none">`
//! holding an `<ol role="none">` of `<li role="listitem">` (to assistive technology still one
//! list of every entry), which
//! the stylesheet gives `content-visibility: auto`, as the body's chunks: a 4 MB post's 3 262
//! headings took 470–990 ms of style and layout as one list here, against a few ms in parts.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, Node};

use super::crash::Listener;
use crate::TocEntry;

/// The attribute holding the id of the heading an entry leads to.
const HEADING_ATTRIBUTE: &str = "data-heading-id";

/// Entries per part of a long list; a list no longer than this is not cut.
const ENTRIES_PER_PART: usize = 64;

/// A live table of contents.
pub struct TocPanel {
    list: Element,
    shown: Vec<TocEntry>,
    _click: Listener,
}

impl TocPanel {
    /// Adds an empty list to `container` (what the page put there stays, except a list left by
    /// an instance that crashed, which this one replaces); entries lead to headings in `preview`.
    pub fn new(container: &HtmlElement, preview: HtmlElement) -> Result<TocPanel, JsValue> {
        let document = container.owner_document().ok_or("the toc element is not in a document")?;
        let list = document.create_element("ol")?;
        list.set_class_name("postview-toc");
        match container.query_selector(":scope > ol.postview-toc")? {
            Some(left_over) => container.replace_child(&list, &left_over)?,
            None => container.append_child(&list)?,
        };
        let click = Listener::new(&list, "click", move |event| {
            let Some(link) = event.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| link_of(&t)) else {
                return;
            };
            if let Some(heading) = link.get_attribute(HEADING_ATTRIBUTE).and_then(|id| heading_in(&preview, &id)) {
                event.prevent_default();
                heading.scroll_into_view_with_bool(true);
            }
        });
        Ok(TocPanel { list, shown: vec![], _click: click })
    }

    /// Shows `toc`, unless it is what the panel shows already.
    pub fn show(&mut self, toc: &[TocEntry]) -> Result<(), JsValue> {
        if self.shown == toc {
            return Ok(());
        }
        let document = self.list.owner_document().ok_or("the toc is not in a document")?;
        let fragment = document.create_document_fragment();
        let parted = toc.len() > ENTRIES_PER_PART;
        for entries in toc.chunks(ENTRIES_PER_PART) {
            let items = match parted {
                true => part(&document, &fragment)?,
                false => fragment.clone().into(),
            };
            for entry in entries {
                let item = item(&document, entry)?;
                if parted {
                    // Its parent is no list to assistive technology: it says what it is itself.
                    item.set_attribute("role", "listitem")?;
                }
                items.append_child(&item)?;
            }
        }
        self.list.set_text_content(None);
        self.list.append_child(&fragment)?;
        self.shown = toc.to_vec();
        Ok(())
    }

    /// Removes the list from the page.
    pub fn destroy(self) {
        self.list.remove();
    }
}

/// A new part at the end of `list`: `<li class="postview-toc-part" role="none"><ol role="none">`,
/// whose `ol` is returned. Both are left out of the accessibility tree, so that each entry (an
/// explicit `listitem`) is an item of the one list.
fn part(document: &Document, list: &Node) -> Result<Node, JsValue> {
    let part = document.create_element("li")?;
    part.set_class_name("postview-toc-part");
    part.set_attribute("role", "none")?;
    let items = document.create_element("ol")?;
    items.set_attribute("role", "none")?;
    part.append_child(&items)?;
    list.append_child(&part)?;
    Ok(items.into())
}

/// `<li class="toc-level-N"><a href="#id" data-heading-id="id">text</a></li>`, built as nodes.
fn item(document: &Document, entry: &TocEntry) -> Result<Element, JsValue> {
    let item = document.create_element("li")?;
    item.set_class_name(&format!("toc-level-{}", entry.level));
    let link = document.create_element("a")?;
    link.set_attribute("href", &format!("#{}", entry.id))?;
    link.set_attribute(HEADING_ATTRIBUTE, &entry.id)?;
    let text = entry.text.trim();
    link.set_text_content(Some(if text.is_empty() { "(untitled section)" } else { text }));
    item.append_child(&link)?;
    Ok(item)
}

fn link_of(target: &Element) -> Option<Element> {
    target.closest("a").ok().flatten().filter(|link| link.has_attribute(HEADING_ATTRIBUTE))
}

/// The heading with id `id` in `preview`, compared as strings (no selector to escape).
fn heading_in(preview: &HtmlElement, id: &str) -> Option<Element> {
    let headings = preview.query_selector_all("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]").ok()?;
    (0..headings.length())
        .filter_map(|index| headings.item(index)?.dyn_into::<Element>().ok())
        .find(|heading| heading.id() == id)
}
