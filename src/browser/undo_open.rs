//! Opening a long file into a `<textarea>` at once, with an "Undo open" button in its place.
//!
//! A file opened into a textarea goes in as an undoable edit (the browser's own undo brings the
//! text before it back), but Chromium's undoable insert takes time that grows faster than the
//! lines put in: 400 lines 0.6 s, 800 1.6 s, 1 600 5.1 s here, the page frozen meanwhile (the
//! page sends such files to CodeMirror through `postview:open`; an embedder may not). A file of
//! more than [`UNDOABLE_LINES`] lines is therefore set as the textarea's value, at once, and
//! the alert area offers to undo the open. The offer stands until the author edits the text
//! (an undo then would drop their edits) or opens another file.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlTextAreaElement;

use super::crash::Listener;
use super::editor::{Editor, EditorError};
use super::notices::{Notices, Topic, ACTION};

/// A file of more lines than this goes into a textarea at once, not as the browser's undoable
/// edit (which took about 0.4 s for 300 lines here, and grows faster than the lines).
pub const UNDOABLE_LINES: usize = 300;

/// The action of the alert's button.
const UNDO_OPEN: &str = "undo-open";

/// The standing offer to undo an open, shared by the listeners that make and take it.
#[derive(Clone, Default)]
pub struct UndoOpen {
    offer: Rc<RefCell<Option<Offer>>>,
}

/// What undoing the open puts back: the text before it, as the JavaScript string the textarea
/// gave (kept and put back without a copy into the module and out again).
struct Offer {
    name: String,
    before: JsValue,
}

impl UndoOpen {
    /// Whether `text` is too long to put in a textarea as an undoable edit.
    pub fn is_for(text: &str) -> bool {
        crate::bytes::newlines(text.as_bytes()) > UNDOABLE_LINES
    }

    /// Sets `text` (file `name`) as the textarea `editor`'s value, renders and stores it (its
    /// `input` event), and offers to undo that.
    pub fn open(&self, editor: &Editor, notices: &Notices, name: &str, text: &str) -> Result<(), EditorError> {
        let before = editor.text_value()?;
        editor.set_text(text)?;
        editor.report_change();
        *self.offer.borrow_mut() = Some(Offer { name: name.to_string(), before });
        let message = format!("Opened {name} at once: it is too long for the editor's own undo to take back quickly.");
        notices.ask(Topic::File, &message, &[(UNDO_OPEN, "Undo open")]);
        Ok(())
    }

    /// The button (in `notices`' alert area) puts the text before the open back; the author's
    /// next edit of the textarea `editor` withdraws the offer.
    pub fn listen(&self, editor: &Editor, textarea: &HtmlTextAreaElement, notices: &Notices) -> Vec<Listener> {
        let on_click = {
            let (undo, editor, alert, notices) =
                (self.clone(), editor.clone(), notices.alert().clone(), notices.clone());
            Listener::new(&alert, "click", move |event| {
                let action = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|t| t.get_attribute(ACTION));
                if action.as_deref() != Some(UNDO_OPEN) {
                    return;
                }
                let Some(offer) = undo.offer.borrow_mut().take() else { return };
                notices.clear(Topic::File);
                if let Err(why) = editor.set_text_value(&offer.before) {
                    return notices
                        .warn(Topic::File, &format!("The text before {} could not be put back: {why}", offer.name));
                }
                editor.report_change();
                notices.say(&format!("Undid opening {}", offer.name));
            })
        };
        let on_edit = {
            let (undo, notices) = (self.clone(), notices.clone());
            Listener::new(textarea, "input", move |_| undo.withdraw(&notices))
        };
        vec![on_click, on_edit]
    }

    /// Takes the offer back, if one stands.
    pub fn withdraw(&self, notices: &Notices) {
        if self.offer.borrow_mut().take().is_some() {
            notices.clear(Topic::File);
        }
    }
}
