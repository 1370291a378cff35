//! What `mount` adds around the previewer when asked: drafts, files, and the status line and
//! alert they report to. Each is optional, so a CMS keeps only what it wants.

use wasm_bindgen::JsValue;
use web_sys::{HtmlElement, HtmlTextAreaElement};

use super::draft::{DraftOptions, Drafts};
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
    /// Whether these extras work on a `<textarea>` (drafts and files read and replace its text).
    pub fn needs_textarea(&self) -> bool {
        self.draft.is_some() || self.files.is_some()
    }
}

/// The running extras of one editor.
pub struct Extras {
    drafts: Option<Drafts>,
    files: Option<Files>,
}

impl Extras {
    /// No extras (an editor adapter's mount).
    pub fn none() -> Extras {
        Extras { drafts: None, files: None }
    }

    /// Starts them on `editor`. Call before the first render: a restored draft replaces the
    /// editor's text.
    pub fn start(editor: &HtmlTextAreaElement, options: ExtrasOptions) -> Result<Extras, JsValue> {
        if options.draft.is_none() && options.files.is_none() {
            // Nothing will report: no alert is created before the editor.
            return Ok(Extras::none());
        }
        let notices = Notices::new(editor, options.status, options.alert)?;
        let files = options.files.map(|controls| Files::start(editor, controls, &notices)).transpose()?;
        let drafts = options.draft.map(|draft| Drafts::start(editor.clone(), draft, notices));
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
