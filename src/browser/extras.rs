//! What `mount` adds around the previewer when asked: drafts, files, and the status line and
//! alert they report to. Each is optional, so a CMS keeps only what it wants.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

use super::draft::{DraftOptions, Drafts};
use super::editor::Editor;
use super::files::{FileControls, Files};
use super::notices::Notices;

/// The options of `mount` beyond rendering.
#[derive(Default)]
pub struct ExtrasOptions {
    /// Keep a draft in localStorage; `None`: nothing is stored.
    pub draft: Option<DraftOptions>,
    /// Open and save buttons; `None`: no buttons and no dropping files on the editor.
    pub files: Option<FileControls>,
    /// Where to say what happened (restored a draft, opened a file).
    pub status: Option<HtmlElement>,
    /// Where to show what needs the author; created before the editor when needed and not given.
    pub alert: Option<HtmlElement>,
}

impl ExtrasOptions {
    /// Whether these extras replace the editor's text (a restored draft, an opened file), which
    /// an editor adapter needs `setText` for.
    pub fn replace_text(&self) -> bool {
        self.draft.is_some() || self.files.is_some()
    }
}

/// The running extras of one editor.
pub struct Extras {
    drafts: Option<Drafts>,
    files: Option<Files>,
}

impl Extras {
    /// Starts them on `editor` (a textarea, or an adapter with `setText`: see
    /// [`Editor::check_replaceable`]), whose preview is `preview`. Call before the first render:
    /// a restored draft replaces the editor's text.
    pub fn start(editor: &Editor, preview: &HtmlElement, options: ExtrasOptions) -> Result<Extras, JsValue> {
        if !options.replace_text() {
            // Nothing will report: no alert is created before the editor.
            return Ok(Extras { drafts: None, files: None });
        }
        // The alert goes before the editor when it is an element of the page, else before the preview.
        let place: &Element = match editor.textarea() {
            Some(textarea) => textarea.unchecked_ref(),
            None => preview.unchecked_ref(),
        };
        let document = place.owner_document().ok_or("the editor is not in a document")?;
        let notices = Notices::new(place, options.status, options.alert)?;
        let files = options.files.map(|controls| Files::start(editor, &document, controls, &notices)).transpose()?;
        let drafts = match options.draft.map(|draft| Drafts::start(editor.clone(), draft, notices)).transpose() {
            Ok(drafts) => drafts,
            Err(error) => {
                if let Some(files) = files {
                    files.destroy();
                }
                return Err(error.into());
            }
        };
        Ok(Extras { drafts, files })
    }

    /// Stores what the draft has not stored yet and stops listening. Until then they stay live
    /// whether or not this handle is kept.
    pub fn destroy(self) {
        if let Some(drafts) = self.drafts {
            drafts.destroy();
        }
        if let Some(files) = self.files {
            files.destroy();
        }
    }
}
