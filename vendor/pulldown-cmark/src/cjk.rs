//! CJK-friendly flanking rules (added by postview; see POSTVIEW.md at the crate root).
//!
//! CommonMark cannot close `**` in `**真，**她`: the run is preceded by punctuation (`，`) and
//! followed by a letter (`她`), so it is not right-flanking. The markdown-cjk-friendly
//! amendments (<https://github.com/tats-u/markdown-cjk-friendly/blob/main/specification.md>,
//! commonmark-spec issue 650) count CJK punctuation as a letter for flanking, let CJK
//! characters stand on the far side of non-CJK punctuation, and look through variation
//! selectors. Text without CJK characters or variation selectors parses exactly as before.
//!
//! Each function answers one question that CommonMark's rules ask about the characters beside
//! a delimiter run; `firstpass.rs` asks these instead of `is_punctuation` when
//! `Options::ENABLE_CJK_FRIENDLY_EMPHASIS` is on.

use crate::puncttable::is_punctuation;

/// The character just before a delimiter run, seen through a trailing variation selector.
struct Before {
    /// The last character before the run, or the one before a non-emoji variation selector.
    base: char,
    /// The run directly follows an Ideographic Variation Selector (U+E0100–U+E01EF).
    ivs: bool,
    /// `base` and its selector form a CJK ambiguous punctuation sequence (`“︁`, fullwidth quotes).
    ambiguous_punctuation: bool,
}

impl Before {
    /// `None` at the start of the text (which counts as whitespace).
    fn of(before: &str) -> Option<Before> {
        let mut chars = before.chars().rev();
        let last = chars.next()?;
        if is_ideographic_variation_selector(last) {
            return Some(Before { base: last, ivs: true, ambiguous_punctuation: false });
        }
        if is_non_emoji_variation_selector(last) {
            if let Some(base) = chars.next() {
                let ambiguous_punctuation =
                    last == '\u{FE01}' && matches!(base, '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}');
                return Some(Before { base, ivs: false, ambiguous_punctuation });
            }
        }
        Some(Before { base: last, ivs: false, ambiguous_punctuation: false })
    }

    /// A CJK character, or punctuation that behaves as one (a CJK ambiguous punctuation sequence).
    fn is_cjk(&self) -> bool {
        self.ambiguous_punctuation || (!self.ivs && is_cjk(self.base))
    }

    /// A Unicode punctuation sequence that is not CJK punctuation.
    fn is_non_cjk_punctuation(&self) -> bool {
        !self.ivs && is_punctuation(self.base) && !self.is_cjk()
    }
}

/// Is `before` (the text before a run) a Unicode punctuation sequence: punctuation, perhaps
/// followed by a variation selector? (Amended rules 2 and 6: when `_` may open.)
pub(crate) fn punctuation_before(before: &str) -> bool {
    Before::of(before).is_some_and(|b| !b.ivs && is_punctuation(b.base))
}

/// Is the character before a run a non-CJK punctuation sequence? In CommonMark any punctuation
/// before a run stops it closing unless whitespace or punctuation follows; amended, CJK
/// punctuation (`，` `。` `：`) no longer does.
pub(crate) fn non_cjk_punctuation_before(before: &str) -> bool {
    Before::of(before).is_some_and(|b| b.is_non_cjk_punctuation())
}

/// Is the character after a run non-CJK punctuation? Amended left-flanking rule (2a).
pub(crate) fn non_cjk_punctuation_after(next: char) -> bool {
    is_punctuation(next) && !is_cjk(next)
}

/// May a run followed by non-CJK punctuation still open? Amended left-flanking rule (2b): when
/// preceded by whitespace (or nothing), a non-CJK punctuation sequence, a CJK sequence or an
/// Ideographic Variation Selector.
pub(crate) fn left_flanking_before_punctuation(before: &str) -> bool {
    match Before::of(before) {
        None => true,
        Some(b) => b.base.is_whitespace() || b.ivs || b.is_cjk() || b.is_non_cjk_punctuation(),
    }
}

/// May a run preceded by non-CJK punctuation still close? Amended right-flanking rule (2b):
/// when followed by whitespace, non-CJK punctuation or a CJK character (the end of the text
/// is whitespace, and `firstpass.rs` answers that itself).
pub(crate) fn right_flanking_after_punctuation(next: char) -> bool {
    next.is_whitespace() || is_punctuation(next) || is_cjk(next)
}

fn is_ideographic_variation_selector(c: char) -> bool {
    ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

/// U+FE00–U+FE0E: every variation selector of the basic block but the emoji one (U+FE0F).
fn is_non_emoji_variation_selector(c: char) -> bool {
    ('\u{FE00}'..='\u{FE0E}').contains(&c)
}

/// A CJK character as the amendments define it: East Asian Width W, F or H and not an emoji
/// by default, or Hangul. The ranges are those of the specification's ranges.md (Unicode 16).
pub(crate) fn is_cjk(c: char) -> bool {
    let c = c as u32;
    if c < 0x1100 {
        return false;
    }
    let index = CJK_RANGES.partition_point(|&(_, last)| last < c);
    CJK_RANGES.get(index).is_some_and(|&(first, _)| first <= c)
}

/// Inclusive ranges, sorted.
const CJK_RANGES: &[(u32, u32)] = &[
    (0x1100, 0x11FF),
    (0x20A9, 0x20A9),
    (0x2329, 0x232A),
    (0x2630, 0x2637),
    (0x268A, 0x268F),
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x2FF0, 0x303E),
    (0x3041, 0x3096),
    (0x3099, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x3190, 0x31E5),
    (0x31EF, 0x321E),
    (0x3220, 0x3247),
    (0x3250, 0xA48C),
    (0xA490, 0xA4C6),
    (0xA960, 0xA97C),
    (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6),
    (0xD7CB, 0xD7FB),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE52),
    (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B),
    (0xFF01, 0xFFBE),
    (0xFFC2, 0xFFC7),
    (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC),
    (0xFFE0, 0xFFE6),
    (0xFFE8, 0xFFEE),
    (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF6),
    (0x17000, 0x18CD5),
    (0x18CFF, 0x18D1E),
    (0x18D80, 0x18DF2),
    (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB),
    (0x1AFFD, 0x1AFFE),
    (0x1B000, 0x1B122),
    (0x1B132, 0x1B132),
    (0x1B150, 0x1B152),
    (0x1B155, 0x1B155),
    (0x1B164, 0x1B167),
    (0x1B170, 0x1B2FB),
    (0x1D300, 0x1D356),
    (0x1D360, 0x1D376),
    (0x1F200, 0x1F200),
    (0x1F202, 0x1F202),
    (0x1F210, 0x1F219),
    (0x1F21B, 0x1F22E),
    (0x1F230, 0x1F231),
    (0x1F237, 0x1F237),
    (0x1F23B, 0x1F23B),
    (0x1F240, 0x1F248),
    (0x1F260, 0x1F265),
    (0x20000, 0x3FFFD),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_are_the_specifications_ranges() {
        for c in ['真', '，', '。', '（', 'あ', 'ア', '가', 'ᄀ', '〰', '〽', '🈂', '🈷', '㊗', '㊙', '𠮟', '０'] {
            assert!(is_cjk(c), "{c} is CJK");
        }
        for c in ['a', ',', '(', '“', '«', '🈯', '⭕', '❌', '😀', '\u{FE01}', '\u{E0100}', '\u{3FFFE}'] {
            assert!(!is_cjk(c), "{c} is not CJK");
        }
    }

    #[test]
    fn variation_selectors_are_looked_through_before_a_run() {
        assert!(punctuation_before("正體字。\u{FE01}"));
        assert!(!non_cjk_punctuation_before("正體字。\u{FE01}"));
        assert!(non_cjk_punctuation_before("a(\u{FE00}"));
        // A fullwidth-form quote is CJK punctuation, not a non-CJK punctuation sequence.
        assert!(!non_cjk_punctuation_before("Git\u{201D}\u{FE01}"));
        assert!(non_cjk_punctuation_before("Git\u{201D}"));
        assert!(left_flanking_before_punctuation("葛\u{E0100}"));
        assert!(left_flanking_before_punctuation(""));
    }
}
