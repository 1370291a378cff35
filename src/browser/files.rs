//! Files: opening a Markdown file into the editor (a picker button, or dropping it onto the
//! editor: a `<textarea>`, or the element given as `drop`) and saving the post as a `.md` file
//! named after its title.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Blob, BlobPropertyBag, Document, DragEvent, Event, File, HtmlAnchorElement, HtmlDocument, HtmlElement,
    HtmlInputElement, HtmlTextAreaElement, Url,
};

use super::crash::Listener;
use super::editor::Editor;
use super::events;
use super::guard;
use super::later::call_later;
use super::notices::{Notices, Topic};
use super::undo_open::UndoOpen;

/// What the picker offers; a dropped file must look like one of these too.
const ACCEPT: &str = ".md,.markdown,.txt,text/markdown,text/plain";
const TEXT_EXTENSIONS: [&str; 3] = [".md", ".markdown", ".txt"];

/// `files` in `mount`'s options: the page's buttons. Any may be left out.
#[derive(Default)]
pub struct FileControls {
    /// Opens the file picker.
    pub open: Option<HtmlElement>,
    /// The `<input type=file>` the picker belongs to; created (detached) when not given.
    pub input: Option<HtmlInputElement>,
    /// Saves the editor's text as a `.md` file.
    pub save: Option<HtmlElement>,
    /// Where a dropped file opens; default: a `<textarea>` editor (an adapter's editor, without
    /// it, handles drops itself). It hears drops on their way down and keeps them from the
    /// elements inside it (CodeMirror would insert the file's text where it falls).
    pub drop: Option<HtmlElement>,
}

/// The listeners that open and save files, live until [`Files::destroy`] whether or not the
/// handle is kept: each of them holds the list they are in (a cycle on purpose, as in the
/// previewer), and `destroy` empties it.
pub struct Files {
    listeners: Rc<RefCell<Vec<Listener>>>,
}

impl Files {
    /// Wires `controls` to `editor` (a textarea, or an adapter with `setText`) in `document`.
    pub fn start(
        editor: &Editor,
        document: &Document,
        controls: FileControls,
        notices: &Notices,
    ) -> Result<Files, JsValue> {
        let kept = Rc::new(RefCell::new(Vec::new()));
        let keep = || Rc::clone(&kept);
        let opener = Opener { editor: editor.clone(), notices: notices.clone(), undo: UndoOpen::default() };
        let mut listeners = match (&controls.drop, editor.textarea()) {
            (Some(target), _) => listen_for_drops(target, Inside::Stop, &opener, keep()),
            (None, Some(textarea)) => listen_for_drops(textarea, Inside::Reach, &opener, keep()),
            (None, None) => vec![],
        };
        if let Some(textarea) = editor.textarea() {
            listeners.extend(opener.undo.listen(editor, textarea, notices));
        }
        if controls.open.is_some() || controls.input.is_some() {
            let input = match controls.input {
                Some(input) => input,
                None => create_file_input(document)?,
            };
            input.set_accept(ACCEPT);
            let (opener, alive) = (opener.clone(), keep());
            let picked = input.clone();
            listeners.push(Listener::new(&input, "change", move |_| {
                let _alive = &alive;
                if let Some(file) = picked.files().and_then(|files| files.get(0)) {
                    opener.open(file);
                }
                // So that picking the same file again is a change too.
                picked.set_value("");
            }));
            if let Some(open) = controls.open {
                listeners.push(Listener::new(&open, "click", move |_| input.click()));
            }
        }
        if let Some(save) = controls.save {
            let (editor, document, notices, alive) = (editor.clone(), document.clone(), notices.clone(), keep());
            listeners.push(Listener::new(&save, "click", move |_| {
                let _alive = &alive;
                save_file(&editor, &document, &notices);
            }));
        }
        *kept.borrow_mut() = listeners;
        Ok(Files { listeners: kept })
    }

    pub fn destroy(self) {
        let listeners = std::mem::take(&mut *self.listeners.borrow_mut());
        drop(listeners);
    }
}

/// Whether a dropped file that opens still reaches the elements inside the drop target.
#[derive(Clone, Copy, PartialEq)]
enum Inside {
    Reach,
    Stop,
}

/// A file dragged over `target` may be dropped there (instead of the browser navigating to it).
fn listen_for_drops(
    target: &HtmlElement,
    inside: Inside,
    opener: &Opener,
    kept: Rc<RefCell<Vec<Listener>>>,
) -> Vec<Listener> {
    let on_over = Listener::capturing(target, "dragover", move |event| {
        let _alive = &kept;
        if carries_files(event) {
            event.prevent_default();
        }
    });
    let opener = opener.clone();
    let on_drop = Listener::capturing(target, "drop", move |event| {
        let file =
            event.dyn_ref::<DragEvent>().and_then(|e| e.data_transfer()).and_then(|d| d.files()).and_then(|f| f.get(0));
        if let Some(file) = file {
            event.prevent_default();
            if inside == Inside::Stop {
                event.stop_propagation();
            }
            opener.open(file);
        }
    });
    vec![on_over, on_drop]
}

fn carries_files(event: &Event) -> bool {
    let types = event.dyn_ref::<DragEvent>().and_then(|e| e.data_transfer()).map(|d| d.types());
    types.is_some_and(|types| types.includes(&JsValue::from_str("Files"), 0))
}

/// What opens a file into the editor, and says how that went.
#[derive(Clone)]
struct Opener {
    editor: Editor,
    notices: Notices,
    undo: UndoOpen,
}

impl Opener {
    /// Reads `file` and puts its text in the editor, or says why not.
    fn open(&self, file: File) {
        let name = file.name();
        let notices = &self.notices;
        if !is_text_file(&name, &file.type_()) {
            let message = format!("{name} is not a Markdown or text file: open a .md, .markdown or .txt file.");
            notices.warn(Topic::File, &message);
            return;
        }
        let opener = self.clone();
        guard::when_settled(&file.text(), move |text| {
            let notices = &opener.notices;
            match text.ok().and_then(|text| text.as_string()) {
                Some(text) => match opener.replace_text(&name, &text) {
                    Ok(()) => notices.say(&format!("Opened {name}")),
                    Err(why) => notices.warn(Topic::File, &format!("{name} could not be put in the editor: {why}")),
                },
                None => notices.warn(Topic::File, &format!("{name} could not be read.")),
            }
        });
    }

    /// Replaces the editor's text as an edit: it is rendered and stored as the author's. An
    /// adapter's `setText` puts it in (CodeMirror's undo brings the old text back), and the
    /// change is reported to the previewer and the draft. A textarea's `postview:open` comes
    /// first: a listener that cancels it puts the text in itself (the page puts a long one into
    /// CodeMirror). Else a textarea takes it as the browser's undoable edit, or when it has many
    /// lines, at once with an "Undo open" button (see `undo_open`).
    fn replace_text(&self, name: &str, text: &str) -> Result<(), String> {
        self.notices.clear(Topic::File);
        match self.editor.textarea() {
            Some(textarea) if !events::fire_open(textarea, &events::OpenDetail { name, text }) => {}
            Some(_) if UndoOpen::is_for(text) => self.undo.open(&self.editor, &self.notices, name, text)?,
            Some(textarea) => replace_textarea_text(&self.editor, textarea, text)?,
            None => {
                self.editor.set_text(text)?;
                self.editor.report_change();
            }
        }
        Ok(())
    }
}

fn is_text_file(name: &str, mime: &str) -> bool {
    let name = name.to_lowercase();
    mime.starts_with("text/") || TEXT_EXTENSIONS.iter().any(|extension| name.ends_with(extension))
}

/// Replaces a textarea's text as typing would: the browser's undo brings the old text back, and
/// the `input` event it fires renders and stores the new one. Where the browser refuses the
/// command, the text is set directly and the event sent by hand.
fn replace_textarea_text(editor: &Editor, textarea: &HtmlTextAreaElement, text: &str) -> Result<(), String> {
    textarea.focus().ok();
    textarea.select();
    let document = textarea.owner_document().and_then(|d| d.dyn_into::<HtmlDocument>().ok());
    let inserted =
        document.is_some_and(|d| d.exec_command_with_show_ui_and_value("insertText", false, text).unwrap_or(false));
    if !inserted || textarea.value() != text {
        editor.set_text(text)?;
        editor.report_change();
    }
    Ok(())
}

/// Downloads the editor's text as `<title slug>.md` (or `post.md`).
fn save_file(editor: &Editor, document: &Document, notices: &Notices) {
    let text = match editor.text() {
        Ok(text) => text,
        Err(why) => return notices.warn(Topic::File, &format!("The post could not be saved: {why}")),
    };
    let name = file_name(&text);
    match download(document, &text, &name) {
        Ok(()) => {
            notices.clear(Topic::File);
            notices.say(&format!("Saved {name}"));
        }
        Err(_) => notices.warn(Topic::File, &format!("{name} could not be saved.")),
    }
}

/// The post's title as a file name: `post.md` when it has none.
pub fn file_name(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let title = crate::front_matter::read(text).meta.title;
    match title.map(|t| crate::markdown::slug(&t)) {
        Some(slug) if slug != "section" => format!("{slug}.md"),
        _ => "post.md".into(),
    }
}

fn download(document: &Document, text: &str, name: &str) -> Result<(), JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type("text/markdown;charset=utf-8");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The download has taken its copy once this task ends; the URL can go then.
    let url_class: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"URL".into())?.dyn_into()?;
    let revoke: js_sys::Function = js_sys::Reflect::get(&url_class, &"revokeObjectURL".into())?.dyn_into()?;
    call_later(&revoke.bind1(&url_class, &url.into()).unchecked_into(), 0)?.detach();
    Ok(())
}

fn create_file_input(document: &Document) -> Result<HtmlInputElement, JsValue> {
    let input: HtmlInputElement = document.create_element("input")?.unchecked_into();
    input.set_type("file");
    Ok(input)
}
