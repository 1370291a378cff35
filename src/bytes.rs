//! Byte strings compared eight bytes at a time. WebAssembly has no `memcmp` of its own: the one
//! Rust links in goes a byte at a time, and a live preview compares a long post's text and
//! HTML with the last ones on every keystroke (about a millisecond a megabyte that way).

const WORD: usize = 8;

fn word(bytes: &[u8]) -> u64 {
    let mut word = [0; WORD];
    word.copy_from_slice(bytes);
    // Little-endian: the first byte is the lowest, where `trailing_zeros` looks first.
    u64::from_le_bytes(word)
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
    let mut words = text.as_bytes().chunks_exact(WORD);
    let units: usize = words.by_ref().map(|chunk| word_units(word(chunk)) as usize).sum();
    units + words.remainder().iter().map(|&byte| byte_units(byte)).sum::<usize>()
}

/// The byte offset in `text` of UTF-16 offset `units` (a JavaScript string index): the start of
/// the first character at or after it, or the end of the text.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // The browser layer's: carets, edits.
pub fn byte_offset(text: &str, units: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut at, mut counted) = (0, 0);
    // Whole words while every character starting in them ends before `units`.
    for chunk in bytes.chunks_exact(WORD) {
        let more = word_units(word(chunk)) as usize;
        if counted + more >= units {
            break;
        }
        counted += more;
        at += WORD;
    }
    for &byte in &bytes[at..] {
        if byte & 0xC0 != 0x80 && counted >= units {
            return at;
        }
        counted += byte_units(byte);
        at += 1;
    }
    bytes.len()
}

/// How many line feeds `bytes` holds.
pub fn newlines(bytes: &[u8]) -> usize {
    let mut words = bytes.chunks_exact(WORD);
    let found: u32 = words.by_ref().map(|chunk| bytes_equal(word(chunk), b'\n').count_ones()).sum();
    found as usize + words.remainder().iter().filter(|&&byte| byte == b'\n').count()
}

/// The offset of each line's start in `bytes`: 0, then one past each line feed.
pub fn line_starts(bytes: &[u8]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(1 + bytes.len() / 64);
    starts.push(0);
    each_of(bytes, [b'\n'], |at| starts.push(at + 1));
    starts
}

/// Calls `found` with the offset of each byte of `bytes` that is one of `wanted`, in order: one
/// pass for all of them.
pub fn each_of<const N: usize>(bytes: &[u8], wanted: [u8; N], mut found: impl FnMut(usize)) {
    let mut words = bytes.chunks_exact(WORD);
    for (at, chunk) in words.by_ref().enumerate() {
        let word = word(chunk);
        let mut hits = wanted.iter().fold(0, |hits, &byte| hits | bytes_equal(word, byte));
        while hits != 0 {
            found(at * WORD + hits.trailing_zeros() as usize / 8);
            hits &= hits - 1;
        }
    }
    let tail = bytes.len() - words.remainder().len();
    for (at, byte) in words.remainder().iter().enumerate() {
        if wanted.contains(byte) {
            found(tail + at);
        }
    }
}

/// Bit 7 of each byte of `word` that is `byte`, and no other bit (exact: no carries between
/// bytes).
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let zeroed = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    !(((zeroed & LOW) + LOW) | zeroed | LOW)
}

/// UTF-16 units of the characters that start in these eight bytes of UTF-8: one for each byte
/// but a continuation byte (`10xxxxxx`), two for a lead byte of `11110xxx`.
fn word_units(word: u64) -> u32 {
    // Bit 7 of each byte of `ones(n)`: that byte's bit 7 and the `n - 1` bits below it are set.
    let ones = |n: u32| (0..n).fold(HIGH, |bits, shift| bits & (word << shift));
    let continuation = (word & !(word << 1) & HIGH).count_ones();
    WORD as u32 - continuation + ones(4).count_ones()
}

/// [`word_units`] of one byte.
fn byte_units(byte: u8) -> usize {
    usize::from(byte & 0xC0 != 0x80) + usize::from(byte >= 0xF0)
}

const HIGH: u64 = 0x8080_8080_8080_8080;

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
    fn byte_offsets_of_utf16_offsets_land_on_character_starts() {
        let text = "a中文，“引号”😀\n第二行 é ü 😀🎉 and some ascii after it";
        let mut units = 0;
        for (at, c) in text.char_indices() {
            assert_eq!(byte_offset(text, units), at, "unit {units}");
            if c.len_utf16() == 2 {
                // Inside a surrogate pair: the next character.
                assert_eq!(byte_offset(text, units + 1), at + c.len_utf8());
            }
            units += c.len_utf16();
        }
        assert_eq!(byte_offset(text, units), text.len());
        assert_eq!(byte_offset(text, units + 5), text.len());
    }

    #[test]
    fn line_feeds_are_counted_in_every_byte_of_a_word() {
        let text = "\n中\n\n😀 line\nfeeds\n\n\n\n\n\n\n\n\n\nx\u{8a}\n";
        for end in 0..=text.len() {
            let bytes = &text.as_bytes()[..end];
            assert_eq!(newlines(bytes), bytes.iter().filter(|&&b| b == b'\n').count(), "{end}");
        }
    }

    /// `check` on every slice of `text` that starts in its first word: each byte lands in every
    /// place of a word, and in the tail after the last whole one.
    fn every_slice(text: &str, check: impl Fn(&[u8], String)) {
        for start in 0..WORD {
            for end in start..=text.len() {
                check(&text.as_bytes()[start..end], format!("{start}..{end}"));
            }
        }
    }

    #[test]
    fn each_of_finds_every_wanted_byte_in_order() {
        every_slice("[a]{%$<!中\u{80}[[x<<$$$$$$$$😀{\u{7b}", |bytes, slice| {
            let mut found = vec![];
            each_of(bytes, [b'[', b'{', b'$', b'<'], |at| found.push(at));
            let expected: Vec<usize> = (0..bytes.len()).filter(|&at| b"[{$<".contains(&bytes[at])).collect();
            assert_eq!(found, expected, "{slice}");
        });
    }

    #[test]
    fn line_starts_follow_every_line_feed_in_every_byte_of_a_word() {
        every_slice("\n中\n\n😀 line\nfeeds\n\n\n\n\n\n\n\n\n\nx\u{8a}\n\u{10a}\n", |bytes, slice| {
            let expected: Vec<usize> = std::iter::once(0)
                .chain(bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(at, _)| at + 1))
                .collect();
            assert_eq!(line_starts(bytes), expected, "{slice}");
        });
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
