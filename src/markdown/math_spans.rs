//! Math (`$…$` inline, `$$…$$` display) as pulldown-cmark reads it with `ENABLE_MATH`, with one
//! more rule so that prices stay prices.
//!
//! pulldown-cmark writes math as `<span class="math math-inline">TeX</span>` and `<span
//! class="math math-display">TeX</span>`, the TeX escaped; the browser renders those spans
//! (keep the class names: they are the contract). Its rule: a `$` opens if the next character is
//! not a space, and closes if the one before is not a space. So `售价 $5，会员 $3` stays text,
//! but `售价$5，会员$3` would be the formula `5，会员`, and a `$` on the next line can close a
//! `$` on this one. The rule added here is pandoc's: a closing `$` followed at once by a digit
//! does not close, so such a span is put back as the text it was written as.
//! `$$…$$` is left as pulldown-cmark reads it.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

/// Passes events through, turning inline math whose closing `$` is followed by a digit back
/// into text. `text` is the body as parsed.
pub struct DollarPrices<'a, I> {
    inner: I,
    text: &'a str,
}

impl<'a, I> DollarPrices<'a, I> {
    pub fn new(inner: I, text: &'a str) -> Self {
        DollarPrices { inner, text }
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for DollarPrices<'a, I> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let (event, range) = self.inner.next()?;
        let followed_by_digit = self.text.as_bytes().get(range.end).is_some_and(u8::is_ascii_digit);
        match event {
            Event::InlineMath(_) if followed_by_digit => match self.text.get(range.clone()) {
                Some(written) => Some((Event::Text(CowStr::Borrowed(written)), range)),
                None => Some((event, range)),
            },
            event => Some((event, range)),
        }
    }
}
