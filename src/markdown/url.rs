//! Which URLs a preview may carry: judged the way a browser parses them, so that
//! `JaVaScRiPt:`, ` javascript:` and `java\tscript:` are all seen for what they are.

/// Where a URL is going to be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlUse {
    /// An `href`.
    Link,
    /// An `img src`, which may also be an inline PNG, GIF, JPEG or WebP (`data:image/png;…`).
    Image,
}

/// True for http, https and mailto URLs and for relative ones (no scheme): nothing else can
/// run script or reach into the page.
pub fn is_safe(url: &str, usage: UrlUse) -> bool {
    // Browsers drop leading and trailing C0 controls and spaces, and every tab and newline.
    let mut cleaned = url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    match scheme(&mut cleaned) {
        None => true,
        Some(Scheme::Web) => true,
        Some(Scheme::Data) => usage == UrlUse::Image && is_inline_image(cleaned),
        Some(Scheme::Other) => false,
    }
}

/// The schemes that matter here.
enum Scheme {
    /// `http`, `https`, `mailto`.
    Web,
    Data,
    Other,
}

/// The URL's scheme, if it has one (letters first, then letters, digits, `+`, `-`, `.`, up to a
/// `:`), read from `chars` up to its colon; read without copying the URL, which is often long.
fn scheme(chars: &mut impl Iterator<Item = char>) -> Option<Scheme> {
    // The longest scheme we tell apart is `mailto`: a longer one is `Other` whatever it says.
    let mut name = [0u8; 6];
    for (len, c) in chars.by_ref().enumerate() {
        if c == ':' {
            return (len > 0).then(|| match &name[..len.min(name.len())] {
                _ if len > name.len() => Scheme::Other,
                b"http" | b"https" | b"mailto" => Scheme::Web,
                b"data" => Scheme::Data,
                _ => Scheme::Other,
            });
        }
        let valid = if len == 0 { c.is_ascii_alphabetic() } else { c.is_ascii_alphanumeric() || "+-.".contains(c) };
        if !valid {
            return None;
        }
        if let Some(slot) = name.get_mut(len) {
            *slot = c.to_ascii_lowercase() as u8;
        }
    }
    None
}

/// Whether what follows `data:` names an image type allowed inline, then `;` or `,`.
fn is_inline_image(after_scheme: impl Iterator<Item = char>) -> bool {
    let mut start = [0u8; 11];
    let len = start
        .iter_mut()
        .zip(after_scheme)
        .map(|(slot, c)| *slot = if c.is_ascii() { c.to_ascii_lowercase() as u8 } else { 0 })
        .count();
    let start = &start[..len];
    ["image/png", "image/gif", "image/jpeg", "image/webp"].iter().any(|mime| {
        start.strip_prefix(mime.as_bytes()).is_some_and(|rest| rest.first().is_some_and(|b| matches!(b, b';' | b',')))
    })
}

#[cfg(test)]
mod tests {
    use super::{is_safe, UrlUse};

    #[test]
    fn web_and_relative_urls_are_safe() {
        for url in
            ["https://example.com/a?b#c", "http://x", "mailto:a@b.c", "/posts/1", "#top", "./a:b", "?q=1", "中文/路径"]
        {
            assert!(is_safe(url, UrlUse::Link), "{url}");
        }
    }

    #[test]
    fn script_schemes_are_caught_however_they_are_disguised() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            " \u{1}javascript:x",
            "java\tscript:x",
            "java\nscript:x",
            "vbscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe(url, UrlUse::Link), "{url:?}");
        }
    }

    #[test]
    fn schemes_that_only_begin_like_allowed_ones_are_refused() {
        for url in ["mailtoo:x", "httpsx:x", "https2:x", "datax:image/png,x", "h:x"] {
            assert!(!is_safe(url, UrlUse::Image), "{url:?}");
        }
        assert!(is_safe("HtTpS:x", UrlUse::Link));
        assert!(!is_safe("data:image/pngx,x", UrlUse::Image));
        assert!(!is_safe("data:image/png", UrlUse::Image));
    }

    #[test]
    fn inline_images_are_allowed_only_as_images() {
        assert!(is_safe("data:image/png;base64,AAAA", UrlUse::Image));
        assert!(is_safe("DATA:image/webp,xyz", UrlUse::Image));
        assert!(!is_safe("data:image/svg+xml,<svg/onload=alert(1)>", UrlUse::Image));
        assert!(!is_safe("data:image/png;base64,AAAA", UrlUse::Link));
    }
}
