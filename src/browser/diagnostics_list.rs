//! The list of diagnostics shown above the preview; each entry's place is a button that puts
//! the editor's caret there.

use web_sys::{Document, Element};

use super::editor::{Editor, EditorError};
use crate::diagnostic::{Diagnostic, Severity};

/// The place's UTF-16 offset in the text, for a textarea's caret.
const OFFSET: &str = "data-offset";
/// The place as `line:column`, for an editor adapter's `setCaret`.
const PLACE: &str = "data-place";

/// Replaces the contents of `list` with one item per diagnostic, built as text nodes.
pub fn show(list: &Element, diagnostics: &[Diagnostic], source: &str) {
    list.set_text_content(None);
    let _ = list.toggle_attribute_with_force("hidden", diagnostics.is_empty());
    let Some(document) = list.owner_document() else { return };
    for diagnostic in diagnostics {
        if let Some(item) = item(&document, diagnostic, source) {
            let _ = list.append_child(&item);
        }
    }
}

fn item(document: &Document, diagnostic: &Diagnostic, source: &str) -> Option<Element> {
    let item = document.create_element("li").ok()?;
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    item.set_class_name(&format!("diagnostic diagnostic-{severity}"));
    let place = document.create_element("button").ok()?;
    place.set_class_name("diagnostic-place");
    let _ = place.set_attribute("type", "button");
    let _ = place.set_attribute(
        OFFSET,
        &crate::diagnostic::utf16_offset(source, diagnostic.line, diagnostic.column).to_string(),
    );
    let _ = place.set_attribute(PLACE, &format!("{}:{}", diagnostic.line, diagnostic.column));
    place.set_text_content(Some(&format!("Line {}, column {}", diagnostic.line, diagnostic.column)));
    let _ = item.append_child(&place);
    let message = document.create_element("span").ok()?;
    message.set_class_name("diagnostic-message");
    message.set_text_content(Some(&format!("{severity}: {}", diagnostic.message)));
    let _ = item.append_child(&message);
    Some(item)
}

/// Moves the editor's caret to the place a clicked diagnostic button names.
pub fn go_to_clicked_place(target: &Element, editor: &Editor) -> Result<(), EditorError> {
    let Some(button) = target.closest(".diagnostic-place").ok().flatten() else { return Ok(()) };
    let offset = button.get_attribute(OFFSET).and_then(|offset| offset.parse::<u32>().ok());
    let place = button.get_attribute(PLACE);
    let place = place.as_deref().and_then(|place| place.split_once(':'));
    let line_column = place.and_then(|(line, column)| Some((line.parse().ok()?, column.parse().ok()?)));
    match (offset, line_column) {
        (Some(offset), Some((line, column))) => editor.go_to(line, column, offset),
        _ => Ok(()),
    }
}
