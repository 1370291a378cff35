//! Fuzz target: incremental rendering after a script of edits. After each edit,
//! `Incremental::render` must give exactly what a fresh `render_with` of the same text gives
//! (the page's patched preview relies on it); a difference, a panic or a hang is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postview::{render_with, Flavor, Incremental, RawHtml, RenderOptions, Sanitizer};

/// Stands in for DOMPurify: marks what it hands back (so unsanitized HTML in a result would
/// differ) and refuses some HTML, so that the refused paths run too.
struct MarkingSanitizer;

impl Sanitizer for MarkingSanitizer {
    fn sanitize(&self, html: &str) -> Result<String, String> {
        match html.len() % 7 {
            0 => Err("refused".to_string()),
            _ => Ok(format!("<!--sanitized-->{html}")),
        }
    }
}

/// One edit of the script: at a character position, remove some characters, insert a text.
struct Edit<'a> {
    at: usize,
    remove: usize,
    insert: &'a [u8],
}

/// The bytes after the options byte: the first text, then edits, each after a 0xFF byte (never
/// part of UTF-8) as two bytes of position, one byte of length to remove and the text to insert.
fn script(data: &[u8]) -> (&[u8], Vec<Edit<'_>>) {
    let mut pieces = data.split(|&byte| byte == 0xFF);
    let first = pieces.next().unwrap_or_default();
    let edits = pieces
        .filter_map(|piece| match piece {
            [high, low, remove, insert @ ..] => Some(Edit {
                at: usize::from(*high) << 8 | usize::from(*low),
                remove: usize::from(*remove % 32),
                insert,
            }),
            _ => None,
        })
        .take(64)
        .collect();
    (first, edits)
}

/// `text` with the edit applied, positions taken modulo the text's length in characters.
fn apply(text: &str, edit: &Edit) -> String {
    let boundaries: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
    let start = edit.at % boundaries.len();
    let end = (start + edit.remove).min(boundaries.len() - 1);
    let insert = String::from_utf8_lossy(edit.insert);
    format!("{}{insert}{}", &text[..boundaries[start]], &text[boundaries[end]..])
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let flavor = if choice & 1 == 0 { Flavor::Post } else { Flavor::CommonMark };
    let raw_html = [RawHtml::Escape, RawHtml::Sanitize, RawHtml::Trust][usize::from(choice >> 1) % 3];
    let cjk_friendly_emphasis = [None, Some(false), Some(true)][usize::from(choice >> 3) % 3];
    let options = RenderOptions { flavor, raw_html, cjk_friendly_emphasis };
    let (first, edits) = script(rest);
    let mut text = String::from_utf8_lossy(first).into_owned();
    let mut incremental = Incremental::new(options.clone());
    let sanitizer: Option<&dyn Sanitizer> = Some(&MarkingSanitizer);
    incremental.render(&text, sanitizer);
    for edit in &edits {
        text = apply(&text, edit);
        let got = incremental.render(&text, sanitizer);
        let want = render_with(&text, &options, sanitizer);
        assert!(
            *got == want,
            "incremental render differs from a fresh one for {text:?}\npath {:?}",
            incremental.path()
        );
    }
});
