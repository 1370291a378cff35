//! Byte strings compared eight bytes at a time. WebAssembly has no `memcmp` of its own: the one
//! Rust links in goes a byte at a time, and a live preview compares a long post's text and
//! HTML with the last ones on every keystroke (about a millisecond a megabyte that way).

const WORD: usize = 8;

fn word(bytes: &[u8]) -> u64 {
    let mut word = [0; WORD];
    word.copy_from_slice(bytes);
    u64::from_ne_bytes(word)
}

/// How many leading bytes `a` and `b` share.
pub fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let words = a.chunks_exact(WORD).zip(b.chunks_exact(WORD)).take_while(|(x, y)| word(x) == word(y)).count();
    let at = words * WORD;
    at + a[at..].iter().zip(&b[at..]).take_while(|(x, y)| x == y).count()
}

/// How many trailing bytes `a` and `b` share.
pub fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let words = a.rchunks_exact(WORD).zip(b.rchunks_exact(WORD)).take_while(|(x, y)| word(x) == word(y)).count();
    let at = words * WORD;
    let (a, b) = (&a[..a.len() - at], &b[..b.len() - at]);
    at + a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// How many UTF-16 code units (JavaScript string indices) `text` takes: one for each character,
/// two for those beyond the Basic Multilingual Plane. Counted from the UTF-8 bytes, eight at a
/// time: every byte but a continuation byte (`10xxxxxx`) starts a character, and a lead byte of
/// `11110xxx` starts one that takes two units. (A render hands the offsets of every block to
/// JavaScript: a byte at a time, that was a twentieth of a render in WebAssembly.)
pub fn utf16_len(text: &str) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 7 of each byte of the result: that byte's bit 7 and the `n - 1` bits below it are set.
    let leading_ones = |word: u64, n: u32| (0..n).fold(HIGH, |bits, shift| bits & (word << shift));
    let count = |word: u64| {
        let continuation = (word & !(word << 1) & HIGH).count_ones();
        let four_byte_lead = leading_ones(word, 4).count_ones();
        WORD as u32 - continuation + four_byte_lead
    };
    let bytes = text.as_bytes();
    let mut words = bytes.chunks_exact(WORD);
    let mut units: usize = words.by_ref().map(|chunk| count(word(chunk)) as usize).sum();
    for &byte in words.remainder() {
        units += usize::from(byte & 0xC0 != 0x80) + usize::from(byte >= 0xF0);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_ends_are_counted_across_word_boundaries() {
        let a = b"0123456789abcdefXYZ0123456789abcdef";
        let b = b"0123456789abcdef-0123456789abcdef";
        assert_eq!(common_prefix(a, b), 16);
        assert_eq!(common_suffix(a, b), 16);
        assert_eq!(common_prefix(b"0123456789", b"0123456789ab"), 10);
        assert_eq!(common_suffix(b"ab0123456789", b"0123456789"), 10);
        assert_eq!(common_prefix(b"", b"x"), 0);
        assert_eq!(common_suffix(b"short", b"short"), 5);
    }

    #[test]
    fn utf16_length_counts_two_units_for_characters_beyond_the_basic_plane() {
        let texts = ["", "plain ascii text, longer than a word", "中文，“引号”与 emoji 😀🎉 mixed é ü", "😀😀😀😀😀"];
        for text in texts {
            for end in (0..=text.len()).filter(|&end| text.is_char_boundary(end)) {
                assert_eq!(utf16_len(&text[..end]), text[..end].encode_utf16().count(), "{:?}", &text[..end]);
            }
        }
    }
}
