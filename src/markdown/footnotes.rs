//! Footnotes as GitHub numbers them, with ids no author can choose and links both ways.
//!
//! ```markdown
//! 会后有人问了一个问题[^问题]。
//!
//! [^问题]: 如果旧代码没有测试，先补什么样的测试？
//! ```
//!
//! - Notes are numbered in the order of their first reference (a reference inside a note
//!   counts where the note is written); a definition never referenced still shows, numbered
//!   after every referenced one. A reference to a label with no definition stays text
//!   (pulldown-cmark's GitHub-style footnotes do that). Labels match as GitHub matches them,
//!   ignoring case, so `[^Note]` and `[^note]` are one note with one number.
//! - Definitions render where they are written (not gathered at the end as on GitHub): each
//!   stays a top-level block with its own source lines, so the preview patches it and scrolls
//!   to it like any other block.
//! - Ids are made from the label but never are the label: `fn:` or `fnref:` before a slug of
//!   letters, digits, `_` and `-` (so an author can neither break out of the attribute nor
//!   name an element after a global such as `alert` or `config`, and heading ids, which never
//!   hold `:`, cannot collide). The first reference is `fnref:slug`, later ones `fnref:slug:2`,
//!   `fnref:slug:3`…; a label whose slug another label took first gets a number after it
//!   (`a-b-2`).
//! - Each definition ends with a back-link (↩, named "Back to reference N") to its first
//!   reference, inside its last paragraph as on GitHub.
//!
//! Numbers depend on the whole body, so the body is read once before it is written
//! ([`FootnoteIndex::read`], only when it holds `[^`); a block's HTML may then change when an
//! edit elsewhere renumbers it, and the preview replaces that block too.

use std::collections::{HashMap, HashSet, VecDeque};

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use unicase::UniCase;

use super::heading_ids::slug;

/// Every note of a body: its number and its id's slug, by label.
#[derive(Default)]
pub struct FootnoteIndex {
    by_label: HashMap<UniCase<String>, usize>,
    notes: Vec<Note>,
}

struct Note {
    /// 1-based; 0 until known.
    number: usize,
    slug: String,
    referenced: bool,
    /// References written so far.
    references_written: usize,
    /// Whether a definition with this label has been written (a second one gets no id).
    definition_written: bool,
}

impl FootnoteIndex {
    /// Reads the body's footnote references and definitions, in order.
    pub fn read(text: &str, options: Options) -> FootnoteIndex {
        let mut index = FootnoteIndex::default();
        if !options.contains(Options::ENABLE_FOOTNOTES) || !text.contains("[^") {
            return index;
        }
        let mut taken = HashSet::new();
        let mut referenced = 0;
        let mut unreferenced_definitions = Vec::new();
        for event in Parser::new_ext(text, options) {
            let (label, is_reference) = match event {
                Event::FootnoteReference(label) => (label, true),
                Event::Start(Tag::FootnoteDefinition(label)) => (label, false),
                _ => continue,
            };
            let at = index.find_or_add(&label, &mut taken);
            let note = &mut index.notes[at];
            if is_reference && !note.referenced {
                note.referenced = true;
                referenced += 1;
                note.number = referenced;
            } else if !is_reference && !note.referenced {
                unreferenced_definitions.push(at);
            }
        }
        for at in unreferenced_definitions {
            let note = &mut index.notes[at];
            if note.number == 0 {
                referenced += 1;
                note.number = referenced;
            }
        }
        index
    }

    fn find(&self, label: &str) -> Option<usize> {
        self.by_label.get(&UniCase::new(label.to_string())).copied()
    }

    fn find_or_add(&mut self, label: &str, taken: &mut HashSet<String>) -> usize {
        if let Some(at) = self.find(label) {
            return at;
        }
        let at = self.notes.len();
        let base = slug(label);
        let mut candidate = base.clone();
        let mut suffix = at;
        while taken.contains(&candidate) {
            suffix += 1;
            candidate = format!("{base}-{suffix}");
        }
        taken.insert(candidate.clone());
        self.notes.push(Note {
            number: 0,
            slug: candidate,
            referenced: false,
            references_written: 0,
            definition_written: false,
        });
        self.by_label.insert(UniCase::new(label.to_string()), at);
        at
    }
}

/// Writes footnote references and definitions with the numbers and ids of a [`FootnoteIndex`].
pub struct Footnotes<'a, I> {
    inner: I,
    index: FootnoteIndex,
    /// For each definition being written, its back-link until it is written.
    open: Vec<Option<String>>,
    /// Events already rewritten, to give out first.
    ready: VecDeque<Event<'a>>,
    /// One event read ahead and not yet rewritten.
    peeked: Option<Event<'a>>,
}

impl<'a, I> Footnotes<'a, I> {
    pub fn new(inner: I, index: FootnoteIndex) -> Self {
        Footnotes { inner, index, open: Vec::new(), ready: VecDeque::new(), peeked: None }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Footnotes<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.ready.pop_front() {
            return Some(event);
        }
        let event = match self.peeked.take() {
            Some(event) => event,
            None => self.inner.next()?,
        };
        Some(match event {
            Event::FootnoteReference(label) => match self.index.find(&label) {
                Some(at) => Event::InlineHtml(self.reference(at).into()),
                None => Event::Text(format!("[^{label}]").into()),
            },
            Event::Start(Tag::FootnoteDefinition(label)) => Event::InlineHtml(self.definition_start(&label).into()),
            Event::End(TagEnd::Paragraph) if matches!(self.open.last(), Some(Some(_))) => {
                // The definition's last paragraph gets the back-link: look one event ahead,
                // which is still inside this block (its end, at the latest).
                self.peeked = self.inner.next();
                if !matches!(self.peeked, Some(Event::End(TagEnd::FootnoteDefinition))) {
                    return Some(Event::End(TagEnd::Paragraph));
                }
                let back_link = self.open.last_mut().and_then(Option::take).unwrap_or_default();
                self.ready.push_back(Event::End(TagEnd::Paragraph));
                Event::InlineHtml(format!(" {back_link}").into())
            }
            Event::End(TagEnd::FootnoteDefinition) => match self.open.pop().flatten() {
                // The definition did not end with a paragraph: the back-link gets one of its own.
                Some(back_link) => Event::InlineHtml(format!("<p>{back_link}</p>\n</div>\n").into()),
                None => Event::InlineHtml(CowStr::Borrowed("</div>\n")),
            },
            event => event,
        })
    }
}

impl<'a, I> Footnotes<'a, I> {
    /// `<sup class="footnote-reference"><a href="#fn:slug" id="fnref:slug">1</a></sup>`
    fn reference(&mut self, at: usize) -> String {
        let note = &mut self.index.notes[at];
        note.references_written += 1;
        let mut html = String::from("<sup class=\"footnote-reference\"><a href=\"#fn:");
        push_escaped(&mut html, &note.slug);
        html.push_str("\" id=\"fnref:");
        push_escaped(&mut html, &note.slug);
        if note.references_written > 1 {
            html.push_str(&format!(":{}", note.references_written));
        }
        html.push_str(&format!("\">{}</a></sup>", note.number));
        html
    }

    /// The definition's opening tag and number; notes down its back-link for its end.
    fn definition_start(&mut self, label: &str) -> String {
        let Some(note) = self.index.find(label).map(|at| &mut self.index.notes[at]) else {
            self.open.push(None);
            return String::from("<div class=\"footnote-definition\">");
        };
        let mut html = String::from("<div class=\"footnote-definition\"");
        let first = !note.definition_written;
        note.definition_written = true;
        if first {
            html.push_str(" id=\"fn:");
            push_escaped(&mut html, &note.slug);
            html.push('"');
        }
        html.push_str(&format!("><sup class=\"footnote-definition-label\">{}</sup>", note.number));
        let back_link = (first && note.referenced).then(|| {
            let mut link = String::from("<a href=\"#fnref:");
            push_escaped(&mut link, &note.slug);
            link.push_str(&format!(
                "\" class=\"footnote-backref\" aria-label=\"Back to reference {}\">\u{21a9}</a>",
                note.number
            ));
            link
        });
        self.open.push(back_link);
        html
    }
}

fn push_escaped(html: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = escape_html(&mut *html, text);
}
