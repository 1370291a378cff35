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
    let cleaned: String =
        url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    match scheme(&cleaned) {
        None => true,
        Some(scheme) => match scheme.as_str() {
            "http" | "https" | "mailto" => true,
            "data" => usage == UrlUse::Image && is_inline_image(&cleaned["data:".len()..]),
            _ => false,
        },
    }
}

/// The lower-cased scheme, if the URL has one: letters first, then letters, digits, `+`, `-`,
/// `.`, up to a `:`.
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| candidate.to_ascii_lowercase())
}

fn is_inline_image(after_scheme: &str) -> bool {
    let lower = after_scheme.to_ascii_lowercase();
    ["image/png", "image/gif", "image/jpeg", "image/webp"]
        .iter()
        .any(|mime| lower.strip_prefix(mime).is_some_and(|rest| rest.starts_with([';', ','])))
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
    fn inline_images_are_allowed_only_as_images() {
        assert!(is_safe("data:image/png;base64,AAAA", UrlUse::Image));
        assert!(is_safe("DATA:image/webp,xyz", UrlUse::Image));
        assert!(!is_safe("data:image/svg+xml,<svg/onload=alert(1)>", UrlUse::Image));
        assert!(!is_safe("data:image/png;base64,AAAA", UrlUse::Link));
    }
}
