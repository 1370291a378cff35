//! The post's length and reading time, shown under its header ("1 234 words · 5 min read").

use web_sys::{Document, Element};

use crate::Stats;

/// The element that shows the stats, empty and hidden until the first [`show`].
pub fn create(document: &Document) -> Result<Element, wasm_bindgen::JsValue> {
    let line = document.create_element("p")?;
    line.set_class_name("postview-stats");
    line.set_attribute("hidden", "")?;
    Ok(line)
}

/// Shows `stats` in `line` as text; hides it for a body without words. A line that already
/// says so is not touched (a new text node above the body is a layout of the post on every
/// keystroke that does not change the count).
pub fn show(line: &Element, stats: &Stats) {
    if line.has_attribute("hidden") != (stats.words == 0) {
        let _ = line.toggle_attribute_with_force("hidden", stats.words == 0);
    }
    let text = describe(stats);
    if line.text_content().as_deref() != Some(text.as_str()) {
        line.set_text_content(Some(&text));
    }
}

fn describe(stats: &Stats) -> String {
    let words = if stats.words == 1 { "1 word".to_string() } else { format!("{} words", stats.words) };
    format!("{words} · {} min read", stats.reading_minutes)
}
