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
        let other = self.other + usize::from(self.in_word && self.word_has_letter);
        let words = self.cjk + other;
        // cjk / 300 + other / 200 minutes, in 600ths of a minute, rounded up.
        let sixhundredths = self.cjk * (600 / CJK_CHARACTERS_PER_MINUTE) + other * (600 / WORDS_PER_MINUTE);
        Stats { words, cjk_characters: self.cjk, reading_minutes: sixhundredths.div_ceil(600) }
    }

    /// Byte by byte for ASCII, which most Latin text is: this runs over every character of the
    /// body, and must stay cheap even in unoptimised (test) builds.
    fn count(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            if byte.is_ascii() {
                at += 1;
                if byte.is_ascii_whitespace() {
                    self.end_word();
                } else {
                    self.in_word = true;
                    self.word_has_letter |= byte.is_ascii_alphanumeric();
                }
                continue;
            }
            let Some(c) = text[at..].chars().next() else { break };
            at += c.len_utf8();
            if is_cjk_character(c) {
                self.end_word();
                self.cjk += 1;
            } else if c.is_whitespace() || is_cjk_punctuation(c) {
                self.end_word();
            } else {
                self.in_word = true;
                self.word_has_letter |= c.is_alphanumeric();
            }
        }
    }

    fn end_word(&mut self) {
        if self.in_word && self.word_has_letter {
            self.other += 1;
        }
        self.in_word = false;
        self.word_has_letter = false;
    }
}

/// A character read as a word of its own: Han ideographs, kana and bopomofo.
fn is_cjk_character(c: char) -> bool {
    matches!(c as u32,
        0x3041..=0x3096 | 0x309D..=0x309F // hiragana
        | 0x30A1..=0x30FA | 0x30FD..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9D // katakana
        | 0x3105..=0x312F | 0x31A0..=0x31BF // bopomofo
        | 0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B // 々 〇 and Hangzhou numerals
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF // Han
        | 0x20000..=0x3FFFF)
}

/// CJK punctuation and fullwidth forms that separate words like spaces do (`，` `。` `（`).
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x30FB | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F | 0xFF01..=0xFF0F
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
