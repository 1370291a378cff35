//! Links within the post (`#fn:1`, `#fnref:1`, `#a-heading`) when the preview is in a shadow
//! root (as in `<post-preview>`): the browser looks a fragment up in the document only, so such
//! a click would scroll nowhere. postview scrolls to the element inside the preview instead. In
//! the document itself the browser's own fragment navigation is left alone.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Node};

use super::crash::Listener;

/// Scrolls to the target of a clicked `#…` link inside `preview` when `preview` is not in the
/// document tree.
pub fn listen(preview: &HtmlElement) -> Listener {
    let within = preview.clone();
    Listener::new(preview, "click", move |event| {
        if within.get_root_node().node_type() == Node::DOCUMENT_NODE {
            return;
        }
        let Some(link) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("a[href^='#']").ok().flatten())
        else {
            return;
        };
        let Some(fragment) = link.get_attribute("href").and_then(|href| href.strip_prefix('#').map(str::to_string))
        else {
            return;
        };
        if let Some(target) = element_with_id(&within, &fragment) {
            event.prevent_default();
            target.scroll_into_view_with_bool(true);
        }
    })
}

/// The element of `preview` whose id is `fragment`, percent-decoded or as written (the order a
/// browser tries), compared as strings: no selector to escape.
fn element_with_id(preview: &HtmlElement, fragment: &str) -> Option<Element> {
    let decoded = js_sys::decode_uri_component(fragment).ok().and_then(|d| d.as_string());
    let elements = preview.query_selector_all("[id]").ok()?;
    let with_ids: Vec<Element> = (0..elements.length()).filter_map(|i| elements.item(i)?.dyn_into().ok()).collect();
    for id in [decoded.as_deref(), Some(fragment)].into_iter().flatten() {
        if let Some(element) = with_ids.iter().find(|element| element.id() == id) {
            return Some(element.clone());
        }
    }
    None
}
