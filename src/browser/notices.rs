//! Where the live editor tells the author what happened (a status line) and what needs them (an
//! alert: a draft that cannot be stored, another tab's edits), built with DOM calls, never HTML.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element, HtmlElement};

/// The attribute on an alert's buttons that names the action the click asks for.
pub const ACTION: &str = "data-postview-action";

/// What an alert is about. Each topic has its own place in the alert area, so one never hides
/// another: a refused file must not sweep away the warning that drafts cannot be stored, nor the
/// buttons that settle a conflict between two tabs (without them nothing would be stored again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// Drafts cannot be stored in this browser.
    Storage,
    /// Another tab changed the draft; the author chooses.
    Conflict,
    /// A file could not be opened or saved.
    File,
}

impl Topic {
    fn name(self) -> &'static str {
        match self {
            Topic::Storage => "storage",
            Topic::Conflict => "conflict",
            Topic::File => "file",
        }
    }
}

/// The attribute that says which [`Topic`] an alert's message is about.
const TOPIC: &str = "data-postview-topic";

/// The page's status line (optional) and alert area (created before the editor, or the preview
/// of an editor adapter, when the page gives none: a storage problem must never be swallowed).
#[derive(Clone)]
pub struct Notices {
    status: Option<HtmlElement>,
    alert: HtmlElement,
}

impl Notices {
    /// `place` is where the alert area goes, before it, when `alert` is not given.
    pub fn new(place: &Element, status: Option<HtmlElement>, alert: Option<HtmlElement>) -> Result<Notices, JsValue> {
        let alert = match alert {
            Some(alert) => alert,
            None => create_alert_before(place)?,
        };
        if !alert.has_attribute("role") {
            alert.set_attribute("role", "alert")?;
        }
        alert.set_text_content(None);
        alert.set_hidden(true);
        Ok(Notices { status, alert })
    }

    /// Says what just happened in the status line, if there is one.
    pub fn say(&self, text: &str) {
        if let Some(status) = &self.status {
            status.set_text_content(Some(text));
        }
    }

    /// Shows a warning about `topic` that stays until it is cleared or replaced.
    pub fn warn(&self, topic: Topic, text: &str) {
        self.ask(topic, text, &[]);
    }

    /// Shows a message about `topic` with buttons; each button carries its action in [`ACTION`].
    /// It replaces the topic's previous message only.
    pub fn ask(&self, topic: Topic, text: &str, actions: &[(&str, &str)]) {
        if let Err(error) = self.show(topic, text, actions) {
            // The DOM refused; the console is the last place left to say it.
            web_sys::console::error_2(&JsValue::from_str(text), &error);
        }
    }

    /// Takes away the message about `topic`, if any; the area hides when no message is left.
    pub fn clear(&self, topic: Topic) {
        if let Some(message) = self.message_about(topic) {
            message.remove();
        }
        self.alert.set_hidden(self.alert.child_element_count() == 0);
    }

    /// The alert area, for listening to its buttons.
    pub fn alert(&self) -> &HtmlElement {
        &self.alert
    }

    fn message_about(&self, topic: Topic) -> Option<Element> {
        self.alert.query_selector(&format!(":scope > [{TOPIC}=\"{}\"]", topic.name())).ok().flatten()
    }

    fn show(&self, topic: Topic, text: &str, actions: &[(&str, &str)]) -> Result<(), JsValue> {
        let document = document_of(&self.alert)?;
        let message = document.create_element("div")?;
        message.set_attribute(TOPIC, topic.name())?;
        let paragraph = document.create_element("p")?;
        paragraph.set_text_content(Some(text));
        message.append_child(&paragraph)?;
        for (action, label) in actions {
            let button = document.create_element("button")?;
            button.set_attribute("type", "button")?;
            button.set_attribute(ACTION, action)?;
            button.set_text_content(Some(label));
            message.append_child(&button)?;
        }
        match self.message_about(topic) {
            Some(previous) => previous.replace_with_with_node_1(&message)?,
            None => self.alert.append_child(&message).map(drop)?,
        }
        self.alert.set_hidden(false);
        Ok(())
    }
}

fn create_alert_before(place: &Element) -> Result<HtmlElement, JsValue> {
    let alert: HtmlElement = wasm_bindgen::JsCast::unchecked_into(document_of(place)?.create_element("div")?);
    alert.set_class_name("postview-alert");
    place.before_with_node_1(&alert)?;
    Ok(alert)
}

fn document_of(element: &web_sys::Element) -> Result<Document, JsValue> {
    element.owner_document().ok_or_else(|| "the editor is not in a document".into())
}
