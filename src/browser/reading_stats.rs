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

/// Shows `stats` in `line` as text; hides it for a body without words.
pub fn show(line: &Element, stats: &Stats) {
    let _ = line.toggle_attribute_with_force("hidden", stats.words == 0);
    line.set_text_content(Some(&describe(stats)));
}

fn describe(stats: &Stats) -> String {
    let words = if stats.words == 1 { "1 word".to_string() } else { format!("{} words", stats.words) };
    format!("{words} · {} min read", stats.reading_minutes)
}
