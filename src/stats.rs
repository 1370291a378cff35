//! Word count and reading time, counted as CJK and space-separated text are read: each Chinese
//! or Japanese character is a word, and so is each space-separated word of other scripts.
//!
//! What is counted: the body's text (paragraphs, headings, lists, quotes, tables, footnotes,
//! link text and inline code). What is not: code blocks (read at another pace, if at all), image
//! alt text (not shown), raw HTML, math, and the front matter.

use pulldown_cmark::{Event, Tag, TagEnd};
use serde::Serialize;

/// Reading speed for CJK text: characters per minute.
pub const CJK_CHARACTERS_PER_MINUTE: usize = 300;
/// Reading speed for space-separated text: words per minute.
pub const WORDS_PER_MINUTE: usize = 200;

/// How long the body is, and how long it takes to read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Words: each CJK character (Han, kana, bopomofo) plus each space-separated word of other
    /// scripts (a run of characters between spaces and CJK characters that holds a letter or
    /// digit; Korean, written with spaces, counts by words).
    pub words: usize,
    /// How many of `words` are CJK characters.
    pub cjk_characters: usize,
    /// Minutes to read, rounded up, at [`CJK_CHARACTERS_PER_MINUTE`] and [`WORDS_PER_MINUTE`];
    /// 0 only for a body without words.
    pub reading_minutes: usize,
}

/// Words counted so far, before reading times are worked out: the CJK characters and the other
/// words. Counts of separate top-level blocks add up (a word never runs from one into the next).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordTally {
    pub cjk: usize,
    pub other: usize,
}

impl std::ops::Add for WordTally {
    type Output = WordTally;

    fn add(self, more: WordTally) -> WordTally {
        WordTally { cjk: self.cjk + more.cjk, other: self.other + more.other }
    }
}

impl std::ops::Sub for WordTally {
    type Output = WordTally;

    fn sub(self, less: WordTally) -> WordTally {
        WordTally { cjk: self.cjk - less.cjk, other: self.other - less.other }
    }
}

impl From<WordTally> for Stats {
    fn from(tally: WordTally) -> Stats {
        let WordTally { cjk, other } = tally;
        // cjk / 300 + other / 200 minutes, in 600ths of a minute, rounded up.
        let sixhundredths = cjk * (600 / CJK_CHARACTERS_PER_MINUTE) + other * (600 / WORDS_PER_MINUTE);
        Stats { words: cjk + other, cjk_characters: cjk, reading_minutes: sixhundredths.div_ceil(600) }
    }
}

/// Counts words in a body's events as they go by.
#[derive(Debug, Default)]
pub struct WordCounter {
    cjk: usize,
    other: usize,
    /// Inside a word that may go on in the next text event (`foo**bar**` is one word).
    in_word: bool,
    /// The current word holds a letter or digit (a lone `—` is not a word).
    word_has_letter: bool,
    /// Depth of code blocks and images, whose text is not counted.
    skipped: usize,
}

impl WordCounter {
    /// Takes in one event of the body.
    pub fn observe(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => {
                self.end_word();
                self.skipped += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::Image) => self.skipped = self.skipped.saturating_sub(1),
            Event::Text(text) | Event::Code(text) if self.skipped == 0 => self.count(text),
            // Emphasis, links and the like sit inside words; every other tag ends one.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {}
            Event::Start(_) | Event::End(_) | Event::SoftBreak | Event::HardBreak | Event::Rule => self.end_word(),
            _ => {}
        }
    }

    /// The totals so far.
    pub fn stats(&self) -> Stats {
        self.tally().into()
    }

    /// The counts so far, the word being read included.
    pub fn tally(&self) -> WordTally {
        WordTally { cjk: self.cjk, other: self.other + usize::from(self.in_word && self.word_has_letter) }
    }

    /// A character at a time, each sorted into its [`Class`]; the state stays in locals for the
    /// loop (through `self` it was stored and reloaded on every character: 24 instructions a
    /// byte of ASCII). Runs over every character of the body's text.
    fn count(&mut self, text: &str) {
        let (mut in_word, mut has_letter, mut cjk, mut other) =
            (self.in_word, self.word_has_letter, self.cjk, self.other);
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            let class = if byte.is_ascii() {
                at += 1;
                ASCII_CLASSES[usize::from(byte)]
            } else if starts_main_han(bytes, at) {
                // Most of a Chinese text: runs of the main Han block, counted without decoding
                // (a word each, nothing between them to look at).
                other += usize::from(in_word && has_letter);
                (in_word, has_letter) = (false, false);
                let run = at;
                while at < bytes.len() && starts_main_han(bytes, at) {
                    at += 3;
                }
                cjk += (at - run) / 3;
                continue;
            } else {
                let (code, len) = decode(bytes, at);
                at += len;
                class_of(code)
            };
            match class {
                Class::Cjk | Class::Space => {
                    other += usize::from(in_word && has_letter);
                    (in_word, has_letter) = (false, false);
                    cjk += usize::from(class == Class::Cjk);
                }
                Class::Letter => (in_word, has_letter) = (true, true),
                Class::Other => in_word = true,
            }
        }
        (self.in_word, self.word_has_letter, self.cjk, self.other) = (in_word, has_letter, cjk, other);
    }

    fn end_word(&mut self) {
        if self.in_word && self.word_has_letter {
            self.other += 1;
        }
        self.in_word = false;
        self.word_has_letter = false;
    }
}

/// What a character is to the word count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A CJK character: a word of its own, which ends the word before it.
    Cjk,
    /// White space or CJK punctuation: ends a word.
    Space,
    /// A letter or digit: part of a word, and makes it one.
    Letter,
    /// Anything else (`-`, `'`, `—`): part of a word, but not a word alone.
    Other,
}

/// [`Class`] of each ASCII character.
const ASCII_CLASSES: [Class; 128] = {
    let mut classes = [Class::Other; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        // White space as `char::is_whitespace` has it (beyond ASCII too): the vertical tab as well.
        if b.is_ascii_whitespace() || b == 0x0B {
            classes[byte] = Class::Space;
        } else if b.is_ascii_alphanumeric() {
            classes[byte] = Class::Letter;
        }
        byte += 1;
    }
    classes
};

/// [`Class`] of a character beyond ASCII.
fn class_of(code: u32) -> Class {
    // General Punctuation (`—` `“` `…`, and spaces): common in Chinese text, and a range check
    // here, where `is_whitespace` and `is_alphanumeric` look it up in tables. It holds no
    // letter or digit (a test checks every character against the general rule below).
    if (0x2000..=0x206F).contains(&code) {
        return match code {
            0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F => Class::Space,
            _ => Class::Other,
        };
    }
    // CJK symbols and punctuation (`。` `、` `「`): punctuation but for a few characters.
    if (0x3000..=0x303F).contains(&code) {
        return match code {
            0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B => Class::Cjk,
            _ => Class::Space,
        };
    }
    // Fullwidth punctuation (`，` `！` `：` `？`).
    if matches!(code, 0xFF01..=0xFF0F | 0xFF1A..=0xFF20) {
        return Class::Space;
    }
    if is_cjk_character(code) {
        return Class::Cjk;
    }
    let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
    // CJK punctuation first: most of what is left in Chinese text, and a range check.
    if is_cjk_punctuation(code) || c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() {
        Class::Letter
    } else {
        Class::Other
    }
}

/// Whether a character of U+4E00–U+9FFF, the main Han block, starts at `at`: its UTF-8 lead
/// byte is 0xE5 to 0xE9, or 0xE4 followed by 0xB8 or more.
fn starts_main_han(bytes: &[u8], at: usize) -> bool {
    matches!((bytes[at], bytes.get(at + 1)), (0xE5..=0xE9, _) | (0xE4, Some(0xB8..)))
}

/// The scalar value of the non-ASCII character that starts at `at` in valid UTF-8, and its
/// length in bytes: by hand, since `str::chars` on a fresh slice for every character cost more
/// than the rest of the word count.
fn decode(bytes: &[u8], at: usize) -> (u32, usize) {
    let len = match bytes[at] {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let mut code = u32::from(bytes[at]) & (0x7F >> len);
    for &byte in bytes.get(at + 1..at + len).unwrap_or_default() {
        code = (code << 6) | u32::from(byte & 0x3F);
    }
    (code, len)
}

/// A character read as a word of its own: Han ideographs, kana and bopomofo.
fn is_cjk_character(code: u32) -> bool {
    // The common case first: the main Han block.
    (0x4E00..=0x9FFF).contains(&code)
        || matches!(code,
        0x3041..=0x3096 | 0x309D..=0x309F // hiragana
        | 0x30A1..=0x30FA | 0x30FD..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9D // katakana
        | 0x3105..=0x312F | 0x31A0..=0x31BF // bopomofo
        | 0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B // 々 〇 and Hangzhou numerals
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF // Han
        | 0x20000..=0x3FFFF)
}

/// CJK punctuation and fullwidth forms that separate words like spaces do (`，` `。` `（`).
fn is_cjk_punctuation(code: u32) -> bool {
    matches!(code, 0x3000..=0x303F | 0x30FB | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats_of(text: &str) -> Stats {
        let mut counter = WordCounter::default();
        counter.observe(&Event::Text(text.into()));
        counter.stats()
    }

    #[test]
    fn each_cjk_character_and_each_latin_word_is_a_word() {
        assert_eq!(stats_of("我们在 PyCon 2024 见面，好吗？").words, 7 + 2);
        assert_eq!(stats_of("我们在 PyCon 2024 见面，好吗？").cjk_characters, 7);
        assert_eq!(stats_of("Don't panic — it's e-mail.").words, 4);
        assert_eq!(stats_of("ひらがなとカタカナ").words, 9);
        assert_eq!(stats_of("안녕하세요 세계").words, 2);
        assert_eq!(stats_of("（）。，— ...").words, 0);
        // Either side of where the main Han block starts (U+4E00), and its last character.
        assert_eq!(stats_of("\u{4dff}\u{4e00}\u{9fff}\u{a000}").cjk_characters, 2);
    }

    #[test]
    fn every_character_is_classed_by_the_general_rule() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let code = u32::from(c);
            let general = if is_cjk_character(code) {
                Class::Cjk
            } else if is_cjk_punctuation(code) || c.is_whitespace() {
                Class::Space
            } else if c.is_alphanumeric() {
                Class::Letter
            } else {
                Class::Other
            };
            let class = if c.is_ascii() { ASCII_CLASSES[code as usize] } else { class_of(code) };
            assert_eq!(class, general, "{c:?} (U+{code:04X})");
        }
    }

    #[test]
    fn words_run_on_from_one_text_event_into_the_next() {
        let mut counter = WordCounter::default();
        for part in ["foo", "bar — ", "e-", "mail", "：中", "文x"] {
            counter.observe(&Event::Text(part.into()));
        }
        // foobar, e-mail, 中, 文, x
        assert_eq!(counter.stats().words, 5);
        assert_eq!(counter.stats().cjk_characters, 2);
    }

    #[test]
    fn characters_decoded_by_hand_are_the_characters_of_the_text() {
        let text = "aé中😀ｶ\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}";
        let mut at = 0;
        let mut decoded = vec![];
        while at < text.len() {
            let (code, len) = match text.as_bytes()[at] {
                byte @ 0..=0x7F => (u32::from(byte), 1),
                _ => decode(text.as_bytes(), at),
            };
            decoded.push(char::from_u32(code).unwrap());
            at += len;
        }
        assert_eq!(decoded, text.chars().collect::<Vec<_>>());
    }

    #[test]
    fn reading_time_is_300_cjk_characters_or_200_words_a_minute_rounded_up() {
        assert_eq!(stats_of("").reading_minutes, 0);
        assert_eq!(stats_of("字").reading_minutes, 1);
        assert_eq!(stats_of(&"字".repeat(300)).reading_minutes, 1);
        assert_eq!(stats_of(&"字".repeat(301)).reading_minutes, 2);
        assert_eq!(stats_of(&"word ".repeat(400)).reading_minutes, 2);
        // 150 characters (half a minute) and 100 words (half a minute): one minute.
        assert_eq!(stats_of(&format!("{}{}", "字".repeat(150), " word".repeat(100))).reading_minutes, 1);
    }
}
