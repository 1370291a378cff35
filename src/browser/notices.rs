//! Where the live editor tells the author what happened (a status line) and what needs them (an
//! alert: a draft that cannot be stored, another tab's edits), built with DOM calls, never HTML.

use wasm_bindgen::JsValue;
use web_sys::{Document, HtmlElement, HtmlTextAreaElement};

/// The attribute on an alert's buttons that names the action the click asks for.
pub const ACTION: &str = "data-postview-action";

/// The page's status line (optional) and alert area (created before the editor when the page
/// gives none: a storage problem must never be swallowed).
#[derive(Clone)]
pub struct Notices {
    status: Option<HtmlElement>,
    alert: HtmlElement,
}

impl Notices {
    pub fn new(
        editor: &HtmlTextAreaElement,
        status: Option<HtmlElement>,
        alert: Option<HtmlElement>,
    ) -> Result<Notices, JsValue> {
        let alert = match alert {
            Some(alert) => alert,
            None => create_alert_before(editor)?,
        };
        if !alert.has_attribute("role") {
            alert.set_attribute("role", "alert")?;
        }
        let notices = Notices { status, alert };
        notices.clear_alert();
        Ok(notices)
    }

    /// Says what just happened in the status line, if there is one.
    pub fn say(&self, text: &str) {
        if let Some(status) = &self.status {
            status.set_text_content(Some(text));
        }
    }

    /// Shows a warning that stays until it is cleared or replaced.
    pub fn warn(&self, text: &str) {
        self.ask(text, &[]);
    }

    /// Shows a message with buttons; each button carries its action name in [`ACTION`].
    pub fn ask(&self, text: &str, actions: &[(&str, &str)]) {
        if let Err(error) = self.fill_alert(text, actions) {
            // The DOM refused; the console is the last place left to say it.
            web_sys::console::error_2(&JsValue::from_str(text), &error);
        }
    }

    pub fn clear_alert(&self) {
        self.alert.set_text_content(None);
        self.alert.set_hidden(true);
    }

    /// The alert area, for listening to its buttons.
    pub fn alert(&self) -> &HtmlElement {
        &self.alert
    }

    fn fill_alert(&self, text: &str, actions: &[(&str, &str)]) -> Result<(), JsValue> {
        let document = document_of(&self.alert)?;
        self.alert.set_text_content(None);
        let message = document.create_element("p")?;
        message.set_text_content(Some(text));
        self.alert.append_child(&message)?;
        for (action, label) in actions {
            let button = document.create_element("button")?;
            button.set_attribute("type", "button")?;
            button.set_attribute(ACTION, action)?;
            button.set_text_content(Some(label));
            self.alert.append_child(&button)?;
        }
        self.alert.set_hidden(false);
        Ok(())
    }
}

fn create_alert_before(editor: &HtmlTextAreaElement) -> Result<HtmlElement, JsValue> {
    let alert: HtmlElement = wasm_bindgen::JsCast::unchecked_into(document_of(editor)?.create_element("div")?);
    alert.set_class_name("postview-alert");
    editor.before_with_node_1(&alert)?;
    Ok(alert)
}

fn document_of(element: &web_sys::Element) -> Result<Document, JsValue> {
    element.owner_document().ok_or_else(|| "the editor is not in a document".into())
}
