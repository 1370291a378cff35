//! Stages: a change too big to render at once (a huge paste, a long file opened) is rendered a
//! step at a time, each step a text with a little more of the change in it, so that a live
//! preview can show the post's beginning at once and the rest over the next frames instead of
//! freezing for one long render. Each stage after the first is an ordinary edit of the one
//! before (text inserted at one place), which [`Incremental`](super::Incremental) renders as a
//! window the size of the step.

use std::borrow::Cow;

use super::edit::Edit;
use super::global_syntax;

/// The stage to render on the way to `source`, `edit` away from the text rendered last: none
/// when what the edit put in is at most `step` bytes, or when the stage would bring in what
/// makes every render whole (reference definitions, footnotes, Hexo code tags: the rest of the
/// change is rendered at once, not in stages each rendered whole); else `source` with only the
/// first `step` bytes or so of what the edit put in, up to the end of a line (a blank line when
/// one comes soon after), and the text after the edit.
pub fn stage(source: &str, edit: Edit, step: usize) -> Option<Cow<'_, str>> {
    if edit.new_end - edit.start <= step {
        return None;
    }
    let cut = edit.start + cut_after(&source[edit.start..edit.new_end], step)?;
    // Only what this stage adds is looked at (the stages look at each byte once), with the few
    // bytes before it that a `]:` or an `endcode` could begin in. The text after the edit was
    // in the text rendered last, which the caller has looked at.
    let mut from = edit.start.saturating_sub("endcod".len());
    while !source.is_char_boundary(from) {
        from -= 1;
    }
    if global_syntax(&source[from..cut]).is_some() {
        return None;
    }
    if edit.new_end == source.len() {
        return Some(Cow::Borrowed(&source[..cut]));
    }
    Some(Cow::Owned([&source[..cut], &source[edit.new_end..]].concat()))
}

/// Where to end a stage that takes about `step` bytes of `inserted`: after the first blank line
/// within a further `step` bytes, else after the first line end from `step` on. None when the
/// rest has no line end (one long line): it is rendered whole.
fn cut_after(inserted: &str, step: usize) -> Option<usize> {
    let bytes = inserted.as_bytes();
    let from = step.min(bytes.len());
    let near = &bytes[from..bytes.len().min(from.saturating_add(step))];
    let cut = match near.windows(2).position(|pair| pair == b"\n\n") {
        Some(blank) => from + blank + 2,
        None => from + bytes[from..].iter().position(|&b| b == b'\n')? + 1,
    };
    // At the insertion's end nothing would be left for a later stage: no stage.
    (cut < bytes.len()).then_some(cut)
}

#[cfg(test)]
mod tests {
    use super::{stage, Edit};

    /// The text to render next on the way from `last` to `source`.
    fn next_stage(last: &str, source: &str, step: usize) -> String {
        stage(source, Edit::between(last, source), step).map_or_else(|| source.to_string(), |stage| stage.into_owned())
    }

    #[test]
    fn a_small_change_is_its_own_stage() {
        assert_eq!(next_stage("abc\n", "abXc\n", 8), "abXc\n");
    }

    #[test]
    fn a_big_insertion_stops_after_the_first_blank_line_past_the_step() {
        let source = "# A\n\none\ntwo\n\nthree\n\nfour\n";
        assert_eq!(next_stage("", source, 8), "# A\n\none\ntwo\n\n");
    }

    #[test]
    fn without_a_blank_line_near_a_stage_ends_at_a_line_end() {
        let source = format!("{}\n{}\n{}\n", "a".repeat(10), "b".repeat(40), "c".repeat(10));
        assert_eq!(next_stage("", &source, 5), format!("{}\n", "a".repeat(10)));
    }

    #[test]
    fn the_text_after_the_change_stays_in_every_stage() {
        let (last, source) = ("intro\n\noutro\n", "intro\n\nnew one\n\nnew two\n\nnew three\n\noutro\n");
        let stage = next_stage(last, source, 8);
        assert_eq!(stage, "intro\n\nnew one\n\noutro\n");
        assert_eq!(next_stage(&stage, source, 8), "intro\n\nnew one\n\nnew two\n\noutro\n");
    }

    #[test]
    fn stages_reach_the_source() {
        let source = "para\n\n".repeat(50);
        let mut last = String::new();
        let mut stages = 0;
        while last != source {
            last = next_stage(&last, &source, 20);
            stages += 1;
        }
        assert!(stages > 5, "{stages} stages");
    }

    #[test]
    fn a_stage_that_would_bring_in_a_reference_definition_is_the_whole_source() {
        let source = format!("[a]: /x\n\n{}", "para\n\n".repeat(50));
        assert_eq!(next_stage("", &source, 20), source);
        // A `]:` split between the text rendered and the stage.
        let source = format!("{}[a]\n\n{}", "para\n\n".repeat(5), "para\n\n".repeat(50));
        let last = &source[..source.find("]").unwrap() + 1];
        let source = source.replacen("[a]\n", "[a]:/x\n", 1);
        assert_eq!(next_stage(last, &source, 20), source);
    }

    #[test]
    fn a_cut_at_the_end_of_the_change_is_no_stage() {
        // The first blank line, or line end, after the step ends the text: it is all one render.
        for source in ["aaaaaaaa\nbbb\n\n", "aaaaaaaabbb\n"] {
            assert_eq!(stage(source, Edit::between("", source), 8), None, "{source:?}");
        }
    }

    #[test]
    fn one_long_line_is_not_cut() {
        let source = "x".repeat(100);
        assert_eq!(next_stage("", &source, 10), source);
    }
}
