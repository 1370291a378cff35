//! Where two versions of a text differ: one edit, found as their common prefix and suffix.

use crate::bytes;

/// The bytes `start..old_end` of the old text became `start..new_end` of the new one; both ends
/// are character boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Edit {
    /// The smallest edit that turns `old` into `new`.
    pub fn between(old: &str, new: &str) -> Edit {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let mut start = bytes::common_prefix(a, b);
        // Bytes before `start` are the same in both, so a boundary in one is one in the other.
        while !old.is_char_boundary(start) {
            start -= 1;
        }
        // Within what follows the prefix: the suffix cannot overlap it.
        let mut suffix = bytes::common_suffix(&a[start..], &b[start..]);
        while !old.is_char_boundary(a.len() - suffix) || !new.is_char_boundary(b.len() - suffix) {
            suffix -= 1;
        }
        Edit { start, old_end: a.len() - suffix, new_end: b.len() - suffix }
    }

    /// How many bytes longer the new text is.
    pub fn growth(&self) -> isize {
        self.new_end as isize - self.old_end as isize
    }

    /// The same edit in a part of both texts that starts `at` bytes in (before the edit).
    pub fn within(&self, at: usize) -> Edit {
        Edit { start: self.start - at, old_end: self.old_end - at, new_end: self.new_end - at }
    }
}

/// How many lines `new` has more than `old` (fewer when negative).
pub fn line_growth(old: &str, new: &str) -> isize {
    bytes::newlines(new.as_bytes()) as isize - bytes::newlines(old.as_bytes()) as isize
}

/// `value` moved by `by`.
pub fn shifted(value: usize, by: isize) -> usize {
    value.saturating_add_signed(by)
}

#[cfg(test)]
mod tests {
    use super::Edit;

    #[test]
    fn an_edit_is_what_lies_between_the_common_prefix_and_suffix() {
        assert_eq!(Edit::between("abcdef", "abXdef"), Edit { start: 2, old_end: 3, new_end: 3 });
        assert_eq!(Edit::between("aaaa", "aaaaa"), Edit { start: 4, old_end: 4, new_end: 5 });
        assert_eq!(Edit::between("same", "same"), Edit { start: 4, old_end: 4, new_end: 4 });
        assert_eq!(Edit::between("", "x"), Edit { start: 0, old_end: 0, new_end: 1 });
    }

    #[test]
    fn an_edit_never_cuts_a_character() {
        // 中 is E4 B8 AD, 丰 is E4 B8 B0: the same first two bytes.
        assert_eq!(Edit::between("a中b", "a丰b"), Edit { start: 1, old_end: 4, new_end: 4 });
        // 一 is E4 B8 80, 丁 is E4 B8 81 (a shared suffix would start inside the character).
        let edit = Edit::between("一丁", "丁丁");
        assert_eq!(edit, Edit { start: 0, old_end: 3, new_end: 3 });
    }
}
