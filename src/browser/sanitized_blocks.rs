//! Sanitized blocks remembered from one render to the next, so that typing in one block sends
//! at most that block to the sanitizer, never every block of the post that holds raw HTML.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::Sanitizer;

/// What the sanitizer made of each block of the latest render, by the block's HTML.
#[derive(Default)]
pub struct SanitizedBlocks {
    kept: HashMap<String, String>,
}

impl SanitizedBlocks {
    /// Runs `render` with a sanitizer that answers from the previous render's blocks and asks
    /// `sanitizer` only about blocks it has not seen; afterwards it keeps this render's blocks
    /// only, so what it holds stays the size of one post.
    pub fn render<R>(&mut self, sanitizer: &dyn Sanitizer, render: impl FnOnce(&dyn Sanitizer) -> R) -> R {
        let remembering =
            Remembering { sanitizer, previous: std::mem::take(&mut self.kept), current: RefCell::default() };
        let result = render(&remembering);
        self.kept = remembering.current.into_inner();
        result
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
