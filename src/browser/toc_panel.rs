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
use web_sys::{Document, Element, HtmlElement};

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
    /// The parts of a long list, in order (none when the list is short).
    parts: Vec<Element>,
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
        Ok(TocPanel { list, shown: vec![], parts: vec![], _click: click })
    }

    /// Shows `toc`, unless it is what the panel shows already. In a long list only the parts
    /// whose entries changed are made again: a heading typed or renamed redraws its part, and
    /// a post growing at its end (a huge paste shown in stages) adds parts without redrawing
    /// the ones before (a 4 MB post's 3 262 entries took 40–60 ms to build every time).
    pub fn show(&mut self, toc: &[TocEntry]) -> Result<(), JsValue> {
        if self.shown == toc {
            return Ok(());
        }
        let document = self.list.owner_document().ok_or("the toc is not in a document")?;
        if toc.len() <= ENTRIES_PER_PART || self.parts.is_empty() {
            self.show_all(&document, toc)?;
        } else {
            let old: Vec<&[TocEntry]> = self.shown.chunks(ENTRIES_PER_PART).collect();
            for (index, entries) in toc.chunks(ENTRIES_PER_PART).enumerate() {
                if old.get(index) == Some(&entries) {
                    continue;
                }
                let part = part(&document, entries)?;
                match self.parts.get_mut(index) {
                    Some(shown) => {
                        shown.replace_with_with_node_1(&part)?;
                        *shown = part;
                    }
                    None => {
                        self.list.append_child(&part)?;
                        self.parts.push(part);
                    }
                }
            }
            for extra in self.parts.drain(toc.len().div_ceil(ENTRIES_PER_PART)..) {
                extra.remove();
            }
        }
        self.shown = toc.to_vec();
        Ok(())
    }

    /// Makes the whole list again: one part per [`ENTRIES_PER_PART`] entries when it is long.
    fn show_all(&mut self, document: &Document, toc: &[TocEntry]) -> Result<(), JsValue> {
        let fragment = document.create_document_fragment();
        self.parts.clear();
        if toc.len() > ENTRIES_PER_PART {
            for entries in toc.chunks(ENTRIES_PER_PART) {
                let part = part(document, entries)?;
                fragment.append_child(&part)?;
                self.parts.push(part);
            }
        } else {
            for entry in toc {
                fragment.append_child(&item(document, entry, false)?.into())?;
            }
        }
        self.list.set_text_content(None);
        self.list.append_child(&fragment)?;
        Ok(())
    }

    /// Removes the list from the page.
    pub fn destroy(self) {
        self.list.remove();
    }
}

/// A part of a long list: `<li class="postview-toc-part" role="none"><ol role="none">` holding
/// `entries`. Both are left out of the accessibility tree, so that each entry (an explicit
/// `listitem`) is an item of the one list.
fn part(document: &Document, entries: &[TocEntry]) -> Result<Element, JsValue> {
    let part = document.create_element("li")?;
    part.set_class_name("postview-toc-part");
    part.set_attribute("role", "none")?;
    let items = document.create_element("ol")?;
    items.set_attribute("role", "none")?;
    for entry in entries {
        items.append_child(&item(document, entry, true)?.into())?;
    }
    part.append_child(&items)?;
    Ok(part)
}

/// `<li class="toc-level-N"><a href="#id" data-heading-id="id">text</a></li>`, built as nodes;
/// `role="listitem"` in a part (its parent is no list to assistive technology).
fn item(document: &Document, entry: &TocEntry, in_part: bool) -> Result<Element, JsValue> {
    let item = document.create_element("li")?;
    item.set_class_name(&format!("toc-level-{}", entry.level));
    if in_part {
        item.set_attribute("role", "listitem")?;
    }
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
