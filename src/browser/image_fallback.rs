//! A visible placeholder, showing the alt text, for every preview image that fails to load
//! (expired signed URLs, hotlink protection, a refused `javascript:` source).

use super::crash::Listener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlImageElement};

/// Class on an image that failed; the stylesheet hides it and shows the placeholder after it.
const BROKEN: &str = "image-broken";

/// Listens for image errors under `preview`. `error` does not bubble, so it is caught on its
/// way down (capture phase).
pub fn listen(preview: &HtmlElement) -> Listener {
    Listener::capturing(preview, "error", |event| {
        if let Some(image) = event.target().and_then(|t| t.dyn_into::<HtmlImageElement>().ok()) {
            show_placeholder(&image);
        }
    })
}

/// Images whose source was refused have an empty `src`, which fires no error: mark them now.
pub fn mark_missing_sources(container: &Element) {
    let Ok(images) = container.query_selector_all("img[src='']") else { return };
    for i in 0..images.length() {
        if let Some(image) = images.item(i).and_then(|n| n.dyn_into::<HtmlImageElement>().ok()) {
            show_placeholder(&image);
        }
    }
}

fn show_placeholder(image: &HtmlImageElement) {
    if image.class_list().contains(BROKEN) {
        return;
    }
    let _ = image.class_list().add_1(BROKEN);
    let Some(document) = image.owner_document() else { return };
    let Ok(placeholder) = document.create_element("span") else { return };
    placeholder.set_class_name("image-placeholder");
    let _ = placeholder.set_attribute("role", "img");
    let alt = image.alt();
    let label = if alt.is_empty() { "image could not be loaded".to_string() } else { alt };
    let _ = placeholder.set_attribute("aria-label", &label);
    // Text, never HTML: the alt text is the author's.
    placeholder.set_text_content(Some(&label));
    let _ = image.insert_adjacent_element("afterend", &placeholder);
}
