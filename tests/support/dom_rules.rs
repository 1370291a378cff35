//! The DOM rules a rendered post must keep to be safe to insert into a page, checked on the tree
//! a real HTML parser (html5ever, through scraper) builds from it, as a browser would.

use scraper::{ElementRef, Html};

/// Elements that must never reach the page: they run script, load other documents, submit,
/// restyle the whole page or change where its links go.
pub const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "base", "meta", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "style", "link",
    "noscript", "template",
];

/// Attributes that hold a URL the browser may load or navigate to.
const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "srcset", "action", "formaction", "poster", "cite", "background", "data"];

/// Every way `html` breaks the rules, one line each; empty when it is safe.
pub fn violations(html: &str) -> Vec<String> {
    let fragment = Html::parse_fragment(html);
    fragment.root_element().descendants().filter_map(ElementRef::wrap).flat_map(element_violations).collect()
}

fn element_violations(element: ElementRef<'_>) -> Vec<String> {
    let name = element.value().name();
    let mut found = Vec::new();
    if FORBIDDEN_ELEMENTS.contains(&name) {
        found.push(format!("a <{name}> element"));
    }
    for (attribute, value) in element.value().attrs() {
        if attribute.to_ascii_lowercase().starts_with("on") {
            found.push(format!("<{name} {attribute}=…>: an event handler"));
        }
        if URL_ATTRIBUTES.contains(&attribute) {
            let inline_image_allowed = name == "img" && attribute == "src";
            for url in urls_in(attribute, value) {
                if !url_allowed(url, inline_image_allowed) {
                    found.push(format!(
                        "<{name} {attribute}={url:?}>: a URL that is not http, https, mailto or relative"
                    ));
                }
            }
        }
    }
    found
}

/// The URLs an attribute holds: a `srcset` is a comma-separated list of `url descriptor`.
fn urls_in<'v>(attribute: &str, value: &'v str) -> Vec<&'v str> {
    if attribute != "srcset" {
        return vec![value];
    }
    value.split(',').filter_map(|candidate| candidate.split_whitespace().next()).collect()
}

/// Judged as the WHATWG URL parser reads a scheme, written independently of src/markdown/url.rs
/// so that the two are not wrong the same way.
pub fn url_allowed(url: &str, inline_image_allowed: bool) -> bool {
    let trimmed = url.trim_matches(|c: char| c.is_ascii_control() || c == ' ');
    let seen: String = trimmed.chars().filter(|&c| c != '\t' && c != '\n' && c != '\r').collect();
    let Some((scheme, rest)) = seen.split_once(':') else { return true };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.');
    if !is_scheme {
        return true;
    }
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" | "mailto" => true,
        "data" => inline_image_allowed && is_raster_image(rest),
        _ => false,
    }
}

fn is_raster_image(data: &str) -> bool {
    let media_type = data.split([';', ',']).next().unwrap_or("").trim().to_ascii_lowercase();
    data.contains(',') && ["image/png", "image/gif", "image/jpeg", "image/webp"].contains(&media_type.as_str())
}

/// The names of every element in `html`, in document order.
pub fn element_names(html: &str) -> Vec<String> {
    let fragment = Html::parse_fragment(html);
    fragment.root_element().descendants().filter_map(ElementRef::wrap).map(|e| e.value().name().to_string()).collect()
}
