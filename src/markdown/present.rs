//! Which optional constructs a body may hold, found in one pass over its bytes, so that the
//! event adapters for the others are left out of the render (each adapter costs a little on
//! every event, and most posts use none of these).

/// What the body may hold. `false` is a promise (the construct cannot be there); `true` only
/// says its opening characters are.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Present {
    /// `[^`: footnote references and definitions.
    pub footnotes: bool,
    /// `[!`: GitHub alerts.
    pub alerts: bool,
    /// `{%`: Hexo tags.
    pub hexo_tags: bool,
    /// `$`: math (and prices).
    pub dollars: bool,
    /// `<!`: HTML comments, among them the excerpt marker.
    pub comments: bool,
}

impl Present {
    pub fn scan(text: &str) -> Present {
        // One pass, eight bytes at a time, for the bytes that open any of them (four searches
        // for one byte each were 3% of a render of a long post).
        let bytes = text.as_bytes();
        let mut present = Present::default();
        crate::bytes::each_of(bytes, [b'[', b'{', b'$', b'<'], |at| {
            let next = bytes.get(at + 1).copied();
            match (bytes[at], next) {
                (b'[', Some(b'^')) => present.footnotes = true,
                (b'[', Some(b'!')) => present.alerts = true,
                (b'{', Some(b'%')) => present.hexo_tags = true,
                (b'$', _) => present.dollars = true,
                (b'<', Some(b'!')) => present.comments = true,
                _ => {}
            }
        });
        present
    }
}

/// One of two event iterators as one type: an adapter that runs only when `on` (otherwise the
/// events pass by untouched), or one flavor's chain or the other's (see `render`).
pub enum Maybe<A, I> {
    On(A),
    Off(I),
}

impl<A, I> Maybe<A, I> {
    pub fn new(on: bool, inner: I, adapter: impl FnOnce(I) -> A) -> Self {
        match on {
            true => Maybe::On(adapter(inner)),
            false => Maybe::Off(inner),
        }
    }
}

impl<A: Iterator, I: Iterator<Item = A::Item>> Iterator for Maybe<A, I> {
    type Item = A::Item;

    fn next(&mut self) -> Option<A::Item> {
        match self {
            Maybe::On(adapter) => adapter.next(),
            Maybe::Off(inner) => inner.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Present;

    #[test]
    fn each_construct_is_noticed_by_its_opening_characters() {
        assert_eq!(Present::scan("plain [link](x) {a} <b> text"), Present::default());
        let all = Present::scan("a[^1] > [!NOTE] {% x %} $5 <!-- more -->");
        assert_eq!(all, Present { footnotes: true, alerts: true, hexo_tags: true, dollars: true, comments: true });
        assert!(!Present::scan("ends with [").footnotes);
    }
}
