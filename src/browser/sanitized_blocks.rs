//! Sanitized blocks remembered from one render to the next, so that typing in one block sends
//! at most that block to the sanitizer, never every block of the post that holds raw HTML (a
//! render in part asks only about its window; a whole render, about every block).

use std::cell::RefCell;
use std::collections::HashMap;

use crate::Sanitizer;

/// What the sanitizer made of each block of the latest render, by the block's HTML.
#[derive(Default)]
pub struct SanitizedBlocks {
    kept: HashMap<String, String>,
    /// What was kept before the latest render.
    earlier: HashMap<String, String>,
}

/// How many blocks may be kept from renders in part before only the latest render's are.
const MOST_KEPT: usize = 4096;

impl SanitizedBlocks {
    /// Runs `render` with a sanitizer that answers from the previous render's blocks and asks
    /// `sanitizer` only about blocks it has not seen; afterwards it keeps this render's blocks
    /// only, so what it holds stays the size of one post (see [`SanitizedBlocks::keep_earlier`]).
    pub fn render<R>(&mut self, sanitizer: &dyn Sanitizer, render: impl FnOnce(&dyn Sanitizer) -> R) -> R {
        let remembering =
            Remembering { sanitizer, previous: std::mem::take(&mut self.kept), current: RefCell::default() };
        let result = render(&remembering);
        self.kept = remembering.current.into_inner();
        self.earlier = remembering.previous;
        result
    }

    /// After a render in part (`partial`), keeps the blocks kept before it too: the post's
    /// other blocks, which it did not ask about. Up to [`MOST_KEPT`] blocks, beyond which
    /// edits have left too many blocks that no longer exist: then only the latest render's.
    pub fn keep_earlier(&mut self, partial: bool) {
        let earlier = std::mem::take(&mut self.earlier);
        if partial && self.kept.len() + earlier.len() <= MOST_KEPT {
            for (html, sanitized) in earlier {
                self.kept.entry(html).or_insert(sanitized);
            }
        }
    }
}

struct Remembering<'s> {
    sanitizer: &'s dyn Sanitizer,
    previous: HashMap<String, String>,
    current: RefCell<HashMap<String, String>>,
}

impl Sanitizer for Remembering<'_> {
    fn sanitize(&self, html: &str) -> Result<String, String> {
        let sanitized = match self.previous.get(html) {
            Some(sanitized) => sanitized.clone(),
            // A refusal is not remembered: the next render asks again.
            None => self.sanitizer.sanitize(html)?,
        };
        self.current.borrow_mut().insert(html.to_string(), sanitized.clone());
        Ok(sanitized)
    }
}
