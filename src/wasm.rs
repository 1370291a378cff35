//! The `#[wasm_bindgen]` edge: `render`, `mount` and `enhance` for JavaScript, and nothing else.
//!
//! Results cross as plain JavaScript objects (serde-wasm-bindgen), typed by the TypeScript
//! declarations tsify writes into `postview.d.ts`. Bad options are a thrown `Error`; problems in
//! the post are diagnostics inside a successful result. Each export does its work through the
//! door (`guard::call`), so that a trap in it gives up the instance as a panic does.

use std::collections::BTreeMap;

use js_sys::{Object, Reflect};
use serde::de::IgnoredAny;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use crate::browser::{guard, DraftOptions, Editor, Extras, ExtrasOptions, FileControls, Previewer as LivePreviewer};
use crate::RenderOptions;

#[wasm_bindgen(typescript_custom_section)]
const VALUE_TYPE: &'static str = r#"
/** A front matter value: what YAML can say, as plain JavaScript data. */
export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** `mount`'s options: how to render, and what the live editor keeps and where it reports. */
export interface MountOptions extends RenderOptions {
  /** Keep the editor's text in localStorage as the author types, restored on the next mount.
   *  Off when left out or `false`; `true` uses the key `postview:draft`. */
  draft?: boolean | DraftOptions;
  /** Buttons postview wires to open a Markdown file and to save the post as one; with `files`,
   *  a file dropped onto a `<textarea>` editor (or onto `files.drop`) opens too. */
  files?: FileControls;
  /** Where postview says what it did (restored a draft, opened a file): a role=status element. */
  status?: HTMLElement;
  /** Where postview shows what needs the author (a draft that cannot be stored, another tab's
   *  edits). Created before the editor (before the preview, for an editor adapter) when drafts
   *  or files are on and it is left out. */
  alert?: HTMLElement;
  /** Where postview lists the post's headings as links (an `<ol class="postview-toc">` it adds
   *  and keeps up to date as the author types; clicking one scrolls the preview to it). */
  toc?: HTMLElement;
}

/** `mount`'s object form: `mount({ editor, preview, options })`. */
export interface MountParts {
  /** What the author types in: a `<textarea>`, or an adapter for any other editor. */
  editor: HTMLTextAreaElement | EditorAdapter;
  /** Where the preview goes; postview empties it and takes it over until `destroy()`. */
  preview: HTMLElement;
  options?: MountOptions;
}

/**
 * Mounts a live previewer: renders the editor's text into `preview` now, and again on the
 * animation frame after every change the editor reports. Scroll sync, the caret's block,
 * `draft` and `files` work with either kind of editor (an adapter needs `setText` for `draft`
 * and `files`: a restored draft and an opened file replace its text).
 */
export function mount(parts: MountParts): Previewer;
/** The positional form of `mount({ editor, preview, options })`. */
export function mount(editor: HTMLTextAreaElement | EditorAdapter, preview: HTMLElement, options?: MountOptions): Previewer;

/**
 * Any editor postview can follow besides a `<textarea>` (CodeMirror, Monaco, a CMS's own). The
 * adapter only reports and obeys; postview decides what to render, when, and where to scroll.
 * Lines are 1-based editor lines, as in diagnostics and `data-line`.
 */
export interface EditorAdapter {
  /** The editor's whole text now. Read on the frame after a `'change'`, once however many came. */
  text(): string;
  /** The line at the top of the editor's visible area, with the fraction of it scrolled past
   *  (12.5: half of line 12 is above the top). */
  topLine(): number;
  /** Scrolls so that `line` (fractional, as `topLine` says) is at the top of the visible area. */
  scrollToLine(line: number): void;
  /** True when `text()` already gives the new text while the adapter reports `'change'` (as
   *  CodeMirror's does from its update listener): postview may then render a short text, or
   *  after a quick render, inside that call, before the next frame, as it does for a textarea's
   *  edit (and `postview:render` fires there). Left out: every change waits for the next frame. */
  textReadyOnChange?: boolean;
  /** Called once by `mount`: from then on the adapter calls `notify('change')` after every edit,
   *  `notify('scroll')` when the editor scrolled, and `notify('caret')` when the caret moved
   *  without an edit. Returns what stops that; `destroy()` calls it. A change may come with the
   *  edit that made it (`notify('change', { from, to, insert })`, reported as soon as it is made,
   *  in the task that made it): postview then keeps the text it last read with the edits applied
   *  and stops copying the whole text out of `text()` on every change. A wrong edit gives a wrong
   *  preview; a change without one (or one that does not fit) makes postview read `text()` again. */
  listen(notify: (what: EditorReport, change?: TextChange) => void): () => void;
  /** The line the caret is on, for marking its block in the preview; without it no block is marked. */
  caretLine?(): number;
  /** Replaces the editor's text: for `Previewer.update`, a restored draft, another tab's draft
   *  and an opened file. Required with `draft` or `files`; without it `update` renders the text
   *  it was given and the editor keeps its own. A `'change'` the adapter reports while in it is
   *  not taken as the author's edit: postview says itself what the new text is (an opened file
   *  is an edit, stored as the draft; `update` is not). */
  setText?(text: string): void;
  /** Puts the caret at `line`, `column` (1-based, characters) and focuses the editor: a problem
   *  in the preview's list was clicked. */
  setCaret?(line: number, column: number): void;
}

/** What an editor adapter reports. */
export type EditorReport = 'change' | 'caret' | 'scroll';

/** The edit behind a `'change'`: `insert` in place of the text from `from` to `to`, offsets in
 *  UTF-16 code units (JavaScript string indices) into the text before the edit. Several edits at
 *  once are one change: from the first place changed to the last. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** `postview:render`'s `detail`: fired on the preview once it shows a render whole. */
export interface RenderEventDetail {
  meta: PostMeta;
  /** The front matter's format; `undefined` without front matter. */
  frontMatterFormat: FrontMatterFormat | undefined;
  diagnostics: Diagnostic[];
  stats: Stats;
  timings: RenderTimings;
}

/** How long a render took, in milliseconds (`performance.now()` differences). */
export interface RenderTimings {
  /** Rendering the text in WebAssembly: front matter, Markdown, sanitizing. */
  renderMs: number;
  /** Putting it into the preview, over every frame it took. */
  patchMs: number;
  /** Animation frames the preview took to show it all (1 unless the body was too long for one). */
  frames: number;
}

/** `postview:error`'s `detail`: something could not be rendered; the last good render stays. */
export interface PostviewErrorDetail {
  /** `input`: `update` was given something else than a string; `editor`: the editor adapter
   *  threw or answered something unusable; `preview`: the preview could not be patched;
   *  `crash`: postview itself failed (`postview:crash` fires too). */
  kind: 'input' | 'editor' | 'preview' | 'crash';
  message: string;
}

/** `postview:open`'s `detail`: fired (cancelable) on a `<textarea>` editor before an opened or
 *  dropped file's text replaces its own. Cancel it to put the text in yourself (the page puts a
 *  long text into CodeMirror); postview then only says it opened the file. */
export interface OpenEventDetail {
  /** The file's name. */
  name: string;
  /** The file's whole text. */
  text: string;
}

declare global {
  interface HTMLElementEventMap {
    'postview:render': CustomEvent<RenderEventDetail>;
    'postview:error': CustomEvent<PostviewErrorDetail>;
    'postview:open': CustomEvent<OpenEventDetail>;
    /** postview panicked or trapped; `detail` is the message. Mount again to restart. */
    'postview:crash': CustomEvent<string>;
  }
}

/** `loadFormats`' options. */
export interface LoadFormatsOptions {
  /** Where the TOML parser's `.wasm` is, or its bytes or compiled module (as `init` takes it);
   *  left out: `lazy/toml/postview_toml_bg.wasm` in the package. */
  toml?: string | URL | Response | BufferSource | WebAssembly.Module;
}

/** The page's file buttons; any may be left out. */
export interface FileControls {
  open?: HTMLElement;
  /** The picker's `<input type=file>`; created, unattached, when left out. */
  input?: HTMLInputElement;
  save?: HTMLElement;
  /** Where a dropped Markdown file opens (its drops are kept from the elements inside it).
   *  Left out: a `<textarea>` editor; an adapter's editor then handles drops itself. */
  drop?: HTMLElement;
}
"#;

/// The keys `mount` reads besides the render options.
const MOUNT_KEYS: &[&str] = &["draft", "files", "status", "alert", "toc"];
/// The keys of `mount`'s object form.
const PART_KEYS: &[&str] = &["editor", "preview", "options"];
/// The keys of `files`.
const FILE_KEYS: &[&str] = &["open", "input", "save", "drop"];

#[wasm_bindgen(start)]
fn start() {
    crate::browser::crash::install_panic_hook();
    #[cfg(not(feature = "toml"))]
    crate::browser::formats::provide();
}

/// Loads the front matter parsers the page fetches on first need (TOML's, `pkg/lazy/toml/`), so
/// that every `render` after it reads every format. Without it, the first `render` of a TOML
/// post starts the load and says in a warning that the front matter is not read yet.
/// `options.toml` is where the TOML parser's `.wasm` is, as `init` takes it (a URL, a
/// `Response`, bytes or a `WebAssembly.Module`; left out: beside its module). Resolves once the
/// parsers are in; rejects with why one could not be loaded (`render` then says so in an error
/// diagnostic, and renders the rest).
#[wasm_bindgen(js_name = loadFormats, unchecked_return_type = "Promise<void>")]
pub fn load_formats(
    #[wasm_bindgen(unchecked_optional_param_type = "LoadFormatsOptions")] options: JsValue,
) -> Result<js_sys::Promise, JsError> {
    guard::call(|| {
        let toml = match options.is_undefined() || options.is_null() {
            true => JsValue::UNDEFINED,
            false => {
                reject_unknown_keys(&options, &["toml"], &["toml"], "")?;
                Reflect::get(&options, &"toml".into()).map_err(|_| invalid("toml"))?
            }
        };
        Ok(crate::browser::formats::load(&toml))
    })
}

/// Panics on purpose, to test crash recovery: every mounted preview shows a notice and fires
/// `postview:crash`, and the next call runs in a fresh instance. Not for anything else.
#[doc(hidden)]
#[wasm_bindgen(js_name = __panicForTesting)]
pub fn panic_for_testing() {
    panic!("a panic asked for by __panicForTesting");
}

/// Renders a post: its body as safe HTML, its header, front matter, metadata and diagnostics.
///
/// `source` crosses as a JavaScript value, not `&str`: the glue copies a `&str` into the
/// instance's memory before its check for a panicked instance, so the first call after a panic
/// would copy it into the dead instance and trap there, every time (or read garbage in the fresh
/// one). A JavaScript value is read inside the fresh instance.
#[wasm_bindgen(js_name = render, unchecked_return_type = "Rendered")]
pub fn render_value(
    #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RenderOptions")] options: JsValue,
) -> Result<JsValue, JsError> {
    guard::call(|| {
        let source = source.as_string().ok_or_else(|| JsError::new("the post to render must be a string"))?;
        render_post(&source, options)
    })
}

/// `render` for Rust callers (the wasm-bindgen tests).
pub fn render_post(source: &str, options: JsValue) -> Result<JsValue, JsError> {
    let options = options_from(options)?;
    rendered_to_js(crate::browser::with_sanitizer(|s| crate::render_with(source, &options, Some(s))))
}

#[wasm_bindgen(module = "/src/browser/blocks.js")]
extern "C" {
    #[wasm_bindgen(js_name = blocksFromFields)]
    fn blocks_from_fields(html: &JsValue, fields: &[u32]) -> JsValue;
}

/// A render as the plain object `Rendered` describes, made cheaply: the body's HTML crosses
/// once, and each block's `html` is a slice of it made in JavaScript from its UTF-16 offsets.
fn rendered_to_js(mut rendered: crate::Rendered) -> Result<JsValue, JsError> {
    let blocks = std::mem::take(&mut rendered.blocks);
    let object = to_js(&rendered)?;
    let mut fields = Vec::with_capacity(blocks.len() * 5);
    let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut at = 0;
    for block in &blocks {
        let end = at + crate::bytes::utf16_len(&block.html);
        fields.extend([number(at), number(end), block.key, number(block.start_line), number(block.end_line)]);
        at = end;
    }
    let html = Reflect::get(&object, &"html".into()).map_err(|_| JsError::new("no html in the result"))?;
    Reflect::set(&object, &"blocks".into(), &blocks_from_fields(&html, &fields))
        .map_err(|_| JsError::new("could not set the result's blocks"))?;
    Ok(object)
}

/// Sanitizes raw HTML (the `sanitize` policy) with DOMPurify on `window`'s DOM from now on, for
/// `render` and every previewer. The page's own window is used until then; where there is none
/// (Node, a worker), raw HTML is shown as text with a warning. In Node, `postview/node` gives it
/// a jsdom window, so the HTML is the browser's. Throws when DOMPurify cannot run on `window`.
#[wasm_bindgen(js_name = sanitizeOn)]
pub fn sanitize_on(#[wasm_bindgen(unchecked_param_type = "Window")] window: JsValue) -> Result<(), JsError> {
    guard::call(|| crate::browser::sanitize_on(&window).map_err(|error| JsError::new(&error)))
}

/// A live preview: renders `editor` into `preview` now and on the frame after every edit, with
/// the drafts and files `mount` was asked for.
#[wasm_bindgen]
pub struct Previewer {
    live: LivePreviewer,
    extras: Extras,
}

#[wasm_bindgen]
impl Previewer {
    /// Replaces the editor's text and renders it at once (not an edit: it is not stored as a
    /// draft until the author edits it); a huge change, its beginning at once and the rest over
    /// the next frames, with one `postview:render` once all of it is shown. Anything else than a string fires `postview:error` on
    /// the preview, which keeps showing the last render.
    #[wasm_bindgen(js_name = update)]
    pub fn update_from_js(&self, #[wasm_bindgen(unchecked_param_type = "string")] source: JsValue) {
        guard::call(|| match source.as_string() {
            Some(source) => self.live.update(&source),
            None => self.live.refuse("update() needs the post's text, a string"),
        })
    }

    /// The latest render, as `render` returns it: of all of the text, even while a huge change
    /// is still being shown in stages (the rest is rendered now).
    #[wasm_bindgen(unchecked_return_type = "Rendered | undefined")]
    pub fn rendered(&self) -> Result<JsValue, JsError> {
        guard::call(|| self.live.last().map_or(Ok(JsValue::UNDEFINED), rendered_to_js))
    }

    /// Stores the draft's last edits, stops listening to the editor and empties the preview.
    pub fn destroy(self) {
        guard::call(|| {
            self.extras.destroy();
            self.live.destroy();
        })
    }
}

/// What Rust callers (the browser tests) use.
impl Previewer {
    /// `update` with a string.
    pub fn update(&self, source: &str) {
        self.live.update(source);
    }
}

/// The positional form of `mount` with a `<textarea>`, for Rust callers (the browser tests).
pub fn mount(editor: HtmlTextAreaElement, preview: HtmlElement, options: JsValue) -> Result<Previewer, JsError> {
    mount_from_js(editor.into(), preview.into(), options)
}

/// Mounts a live previewer of `editor` (a `<textarea>` or an editor adapter) into `preview`:
/// `mount(editor, preview, options)`, or `mount({ editor, preview, options })`. (Its
/// TypeScript overloads are in the custom section above.)
#[wasm_bindgen(js_name = mount, skip_typescript)]
pub fn mount_from_js(editor: JsValue, preview: JsValue, options: JsValue) -> Result<Previewer, JsError> {
    guard::call(|| mount_live(editor, preview, options))
}

/// `mount`'s work, inside the door.
fn mount_live(editor: JsValue, preview: JsValue, options: JsValue) -> Result<Previewer, JsError> {
    let (editor, preview, options) = if preview.is_undefined() && !editor.is_instance_of::<HtmlElement>() {
        mount_parts_from(&editor)?
    } else {
        (editor, preview, options)
    };
    let editor = Editor::from_js(editor).map_err(invalid)?;
    let preview: HtmlElement = preview.dyn_into().map_err(|_| invalid("`preview` must be an HTML element"))?;
    let (render_options, extras_options, toc) = mount_options_from(options)?;
    if extras_options.replace_text() {
        editor.check_replaceable().map_err(invalid)?;
    }
    // First: a restored draft is what the first render shows.
    let extras = Extras::start(&editor, &preview, extras_options).map_err(|error| mount_error(&error))?;
    match LivePreviewer::mount(editor, preview, render_options, toc) {
        Ok(live) => Ok(Previewer { live, extras }),
        Err(error) => {
            extras.destroy();
            Err(mount_error(&error))
        }
    }
}

/// `{ editor, preview, options }`, each taken out of `mount`'s object form.
fn mount_parts_from(parts: &JsValue) -> Result<(JsValue, JsValue, JsValue), JsError> {
    if !parts.is_object() {
        return Err(invalid("mount takes { editor, preview, options }, or an editor, a preview and options"));
    }
    let keys = Object::keys(parts.unchecked_ref::<Object>());
    if let Some(unknown) = keys.iter().filter_map(|key| key.as_string()).find(|key| !PART_KEYS.contains(&key.as_str()))
    {
        return Err(invalid(format!(
            "unknown part `{unknown}` of mount's argument; the parts are {}",
            PART_KEYS.join(", ")
        )));
    }
    let part = |key: &str| Reflect::get(parts, &key.into()).map_err(|_| invalid(key));
    Ok((part("editor")?, part("preview")?, part("options")?))
}

/// Enhances HTML a page put in itself from `render()` (the live preview does this on its own):
/// gives fenced code its language label and a Copy code button, and highlights it, renders
/// math and draws diagrams as the lazy parts load. Calling it again on the same element
/// enhances only what is new.
#[wasm_bindgen]
pub fn enhance(#[wasm_bindgen(unchecked_param_type = "Element")] element: JsValue) -> Result<(), JsError> {
    // An element of another document (an iframe's, as a CMS preview pane is) is taken too.
    guard::call(|| {
        if !crate::browser::is_element(&element) {
            return Err(invalid("enhance() needs an element"));
        }
        crate::browser::enhance_inserted(element.unchecked_ref::<Element>()).map_err(|error| mount_error(&error))
    })
}

fn mount_error(error: &JsValue) -> JsError {
    JsError::new(&error.as_string().unwrap_or_else(|| "could not mount the previewer".into()))
}

fn invalid(why: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("invalid postview options: {why}"))
}

fn options_from(options: JsValue) -> Result<RenderOptions, JsError> {
    render_options_from(options, RenderOptions::KEYS)
}

/// Render options from `options`; `known` is every key the caller accepts, for the message.
fn render_options_from(options: JsValue, known: &[&str]) -> Result<RenderOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(RenderOptions::default());
    }
    reject_unknown_keys(&options, RenderOptions::KEYS, known, "")?;
    serde_wasm_bindgen::from_value(options).map_err(invalid)
}

/// serde-wasm-bindgen reads only the fields a struct knows (`deny_unknown_fields` sees nothing),
/// so names are checked here: a typo like `rawHTML` is an error, not silently ignored. `prefix`
/// names the option the keys are inside (`draft.`).
fn reject_unknown_keys(value: &JsValue, allowed: &[&str], listed: &[&str], prefix: &str) -> Result<(), JsError> {
    let keys: BTreeMap<String, IgnoredAny> = serde_wasm_bindgen::from_value(value.clone()).map_err(invalid)?;
    match keys.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(unknown) => {
            Err(invalid(format!("unknown option `{prefix}{unknown}`; the options are {}", listed.join(", "))))
        }
        None => Ok(()),
    }
}

/// `mount`'s options: the extras' keys (and `toc`) taken out of a copy, the rest read as render
/// options.
fn mount_options_from(options: JsValue) -> Result<(RenderOptions, ExtrasOptions, Option<HtmlElement>), JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok((RenderOptions::default(), ExtrasOptions::default(), None));
    }
    if !options.is_object() {
        return Err(invalid("expected an object"));
    }
    let rest = Object::assign(&Object::new(), options.unchecked_ref());
    let take = |key: &str| -> Result<JsValue, JsError> {
        let value = Reflect::get(&rest, &key.into()).map_err(|_| invalid(key))?;
        Reflect::delete_property(&rest, &key.into()).map_err(|_| invalid(key))?;
        Ok(value)
    };
    let extras = ExtrasOptions {
        draft: draft_option(take("draft")?)?,
        files: files_option(take("files")?)?,
        status: element_option(take("status")?, "status")?,
        alert: element_option(take("alert")?, "alert")?,
    };
    let toc = element_option(take("toc")?, "toc")?;
    let known: Vec<&str> = RenderOptions::KEYS.iter().chain(MOUNT_KEYS).copied().collect();
    Ok((render_options_from(rest.into(), &known)?, extras, toc))
}

/// `draft`: left out or `false` is off, `true` the default key, an object its own key.
fn draft_option(value: JsValue) -> Result<Option<DraftOptions>, JsError> {
    match value.as_bool() {
        Some(on) => Ok(on.then(DraftOptions::default)),
        None if value.is_undefined() || value.is_null() => Ok(None),
        None => {
            reject_unknown_keys(&value, DraftOptions::KEYS, DraftOptions::KEYS, "draft.")?;
            serde_wasm_bindgen::from_value(value).map(Some).map_err(|e| invalid(format!("draft: {e}")))
        }
    }
}

fn files_option(value: JsValue) -> Result<Option<FileControls>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    reject_unknown_keys(&value, FILE_KEYS, FILE_KEYS, "files.")?;
    let field = |key: &str| Reflect::get(&value, &key.into()).unwrap_or(JsValue::UNDEFINED);
    Ok(Some(FileControls {
        open: element_option(field("open"), "files.open")?,
        input: element_option::<HtmlInputElement>(field("input"), "files.input")?,
        save: element_option(field("save"), "files.save")?,
        drop: element_option(field("drop"), "files.drop")?,
    }))
}

/// An element option of type `T`, or a thrown error naming `what`.
fn element_option<T: JsCast>(value: JsValue, what: &str) -> Result<Option<T>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.dyn_into().map(Some).map_err(|_| invalid(format!("`{what}` must be an element of the right kind")))
}

fn to_js(value: &impl Serialize) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(|error| JsError::new(&error.to_string()))
}

/// Traps on the next animation frame without a panic (as running out of memory does), to test
/// that a trap is recovered from as a panic is. Not for anything else.
#[doc(hidden)]
#[wasm_bindgen(js_name = __trapForTesting)]
pub fn trap_for_testing() {
    // Kept pending on purpose: dropping the frame would cancel it.
    std::mem::forget(crate::browser::guard::Frame::next(|| std::process::abort()));
}

/// Traps without a panic at once, inside a call the embedder makes (as `render()` running out of
/// memory would), leaving the instance half-updated (the sanitizer borrowed), to test that it is
/// replaced then too. Not for anything else.
#[doc(hidden)]
#[wasm_bindgen(js_name = __trapNowForTesting)]
pub fn trap_now_for_testing() {
    guard::call(crate::browser::trap_while_in_use)
}

/// Traps without a panic once a promise settles (as code after an awaited file read would), to
/// test that such a trap is recovered from too. Not for anything else.
#[doc(hidden)]
#[wasm_bindgen(js_name = __trapAfterPromiseForTesting)]
pub fn trap_after_promise_for_testing() {
    let settled = js_sys::Promise::resolve(&JsValue::UNDEFINED);
    crate::browser::guard::when_settled(&settled, |_| std::process::abort());
}
