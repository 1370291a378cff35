//! Heading ids: readable slugs (Chinese stays Chinese), unique across a post.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::toc::FoundHeading;

/// Gives every heading an id made from its text: `## 什么是 PyCon？` gets `什么是-pycon`.
/// A second heading with the same text gets `-1`, a third `-2`, and so on. Each heading is also
/// noted in `found` (its offset left 0: this adapter sees no source ranges).
pub struct HeadingIds<'a, 'f, I> {
    inner: I,
    found: &'f mut Vec<FoundHeading>,
    pending: std::collections::VecDeque<Event<'a>>,
    ids: UniqueIds,
}

/// The ids given so far, and the next one for a slug.
#[derive(Debug, Default)]
pub struct UniqueIds {
    taken: HashSet<String>,
    /// The next suffix to try for each slug, so that 10^5 headings with the same text cost
    /// linear time, not a scan past every earlier suffix.
    next_suffix: HashMap<String, usize>,
}

impl UniqueIds {
    /// The ids that follow `taken`, the ids of the headings before, in any order. (Which
    /// suffixes were tried need not be known: every suffix tried before was taken, and still is.)
    pub fn after(taken: impl IntoIterator<Item = String>) -> Self {
        UniqueIds { taken: taken.into_iter().collect(), next_suffix: HashMap::new() }
    }

    /// The id for the next heading, whose slug is `base`.
    pub fn unique(&mut self, base: String) -> String {
        // Most headings are the first of their slug.
        if !self.taken.contains(&base) {
            self.taken.insert(base.clone());
            return base;
        }
        let n = self.next_suffix.entry(base.clone()).or_insert(0);
        // A suffix can still be taken by a heading whose own text ended in it (`a` `a` `a-1`).
        let id = loop {
            *n += 1;
            let id = format!("{base}-{n}");
            if !self.taken.contains(&id) {
                break id;
            }
        };
        self.taken.insert(id.clone());
        id
    }
}

impl<'a, 'f, I: Iterator<Item = Event<'a>>> HeadingIds<'a, 'f, I> {
    /// Headings from `inner`, their ids unique among `ids` too.
    pub fn new(inner: I, found: &'f mut Vec<FoundHeading>, ids: UniqueIds) -> Self {
        HeadingIds { inner, found, pending: Default::default(), ids }
    }

    /// Reads a whole heading, so its text is known before its start tag is written.
    fn heading(&mut self, start: Event<'a>) -> Event<'a> {
        let mut text = String::new();
        for event in self.inner.by_ref() {
            let done = matches!(event, Event::End(TagEnd::Heading(_)));
            if let Event::Text(t) | Event::Code(t) = &event {
                text.push_str(t);
            }
            self.pending.push_back(event);
            if done {
                break;
            }
        }
        let id = self.ids.unique(slug(&text));
        match start {
            Event::Start(Tag::Heading { level, classes, attrs, .. }) => {
                self.found.push(FoundHeading { offset: 0, level: level as u8, id: id.clone(), text });
                Event::Start(Tag::Heading { level, id: Some(CowStr::from(id)), classes, attrs })
            }
            other => other,
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for HeadingIds<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.pending.pop_front() {
            return Some(event);
        }
        match self.inner.next()? {
            start @ Event::Start(Tag::Heading { .. }) => Some(self.heading(start)),
            event => Some(event),
        }
    }
}

/// Lower-cased letters and digits of any script, with each run of spaces and punctuation
/// turned into one `-`; `section` when nothing is left.
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        // ASCII and the main Han block (most of a Chinese heading) without the Unicode tables
        // that `is_alphanumeric` and `to_lowercase` search: Han characters are letters with no
        // case (a test checks the whole block).
        match c {
            'a'..='z' | '0'..='9' | '_' | '\u{4E00}'..='\u{9FFF}' => {
                push_after_gap(&mut slug, &mut gap);
                slug.push(c);
            }
            'A'..='Z' => {
                push_after_gap(&mut slug, &mut gap);
                slug.push(c.to_ascii_lowercase());
            }
            _ if !c.is_ascii() && c.is_alphanumeric() => {
                push_after_gap(&mut slug, &mut gap);
                slug.extend(c.to_lowercase());
            }
            _ => gap = true,
        }
    }
    if slug.is_empty() {
        slug.push_str("section");
    }
    slug
}

/// The `-` for a run of spaces and punctuation, once a letter follows it (never first).
fn push_after_gap(slug: &mut String, gap: &mut bool) {
    if *gap && !slug.is_empty() {
        slug.push('-');
    }
    *gap = false;
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn main_han_block_characters_are_letters_without_case() {
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert!(c.is_alphanumeric() && c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    #[test]
    fn every_character_slugs_as_the_unicode_rule_has_it() {
        let reference = |c: char| match c.is_alphanumeric() || c == '_' {
            true => c.to_lowercase().collect::<String>(),
            false => "-".to_string(),
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = reference(c);
            let got = slug(&format!("a{c}b"));
            let expected = if expected == "-" { "a-b".to_string() } else { format!("a{expected}b") };
            assert_eq!(got, expected, "{c:?} (U+{:04X})", u32::from(c));
        }
    }

    #[test]
    fn chinese_headings_keep_their_characters() {
        assert_eq!(slug("什么是Python中国大会（PyCon）？"), "什么是python中国大会-pycon");
        assert_eq!(slug("  收获远大于付出 "), "收获远大于付出");
        assert_eq!(slug("Hello, World!"), "hello-world");
        assert_eq!(slug("？！"), "section");
    }

    #[test]
    fn repeated_headings_get_numbered_ids_that_never_collide() {
        let html = crate::markdown::render("# a\n# a\n# a-1\n# a\n", &Default::default(), false).html;
        let ids: Vec<&str> = html.split("id=\"").skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
        assert_eq!(ids, ["a", "a-1", "a-1-1", "a-2"]);
    }
}
