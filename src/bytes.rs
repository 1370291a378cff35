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
}
