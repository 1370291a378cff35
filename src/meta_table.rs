//! The post header's second half: the update date, a draft badge, the front matter's format, and
//! every other key in a collapsible table. Every value is escaped; nested values are lists.

use pulldown_cmark_escape::escape_html;

use crate::front_matter::meta::{PostDate, PostMeta};
use crate::front_matter::value::Value;
use crate::front_matter::FrontMatterFormat;

/// Nested values deeper than this show as `…` (parsers stop at 64 to 128 levels; no one reads
/// that deep in a table).
const MAX_DEPTH: usize = 8;

/// The HTML that goes after the tags and categories in the `<header>`.
pub fn render(meta: &PostMeta, format: Option<FrontMatterFormat>) -> String {
    let mut html = String::new();
    if let Some(updated) = &meta.updated {
        html.push_str("<p class=\"post-updated\">Updated ");
        date(&mut html, updated);
        html.push_str("</p>\n");
    }
    if meta.draft || format.is_some() {
        html.push_str("<p class=\"post-front-matter\">");
        if meta.draft {
            html.push_str("<span class=\"post-draft\">Draft</span> ");
        }
        if let Some(format) = format {
            html.push_str("<span class=\"post-format\">Front matter: ");
            escape(&mut html, format.label());
            html.push_str("</span>");
        }
        html.push_str("</p>\n");
    }
    let normalised =
        [("description", &meta.description), ("excerpt", &meta.excerpt), ("cover", &meta.cover), ("slug", &meta.slug)];
    let rows: Vec<(&str, Value)> = normalised
        .into_iter()
        .filter_map(|(name, text)| text.as_ref().map(|t| (name, Value::String(t.clone()))))
        .chain(meta.extra.0.iter().map(|(key, value)| (key.as_str(), value.clone())))
        .collect();
    if rows.is_empty() {
        return html;
    }
    html.push_str("<details class=\"post-meta\"><summary>Front matter</summary>\n<table>\n<tbody>\n");
    for (key, value) in rows {
        html.push_str("<tr><th scope=\"row\">");
        escape(&mut html, key);
        html.push_str("</th><td>");
        write_value(&mut html, &value, 0);
        html.push_str("</td></tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</details>\n");
    html
}

/// A `<time datetime>` when the date is a real one, its text otherwise.
pub fn date(html: &mut String, date: &PostDate) {
    match &date.iso {
        Some(iso) => {
            html.push_str("<time datetime=\"");
            escape(html, iso);
            html.push_str("\">");
            escape(html, &date.text);
            html.push_str("</time>");
        }
        None => escape(html, &date.text),
    }
}

/// A value readably: text as text, a list as a list, a map as a list of `key: value`.
fn write_value(html: &mut String, value: &Value, depth: usize) {
    if depth > MAX_DEPTH {
        html.push('…');
        return;
    }
    match value {
        Value::Null => html.push_str("<span class=\"meta-empty\">(empty)</span>"),
        Value::List(items) => {
            html.push_str("<ul>");
            for item in items {
                html.push_str("<li>");
                write_value(html, item, depth + 1);
                html.push_str("</li>");
            }
            html.push_str("</ul>");
        }
        Value::Map(map) => {
            html.push_str("<ul>");
            for (key, item) in &map.0 {
                html.push_str("<li><span class=\"meta-key\">");
                escape(html, key);
                html.push_str("</span>: ");
                write_value(html, item, depth + 1);
                html.push_str("</li>");
            }
            html.push_str("</ul>");
        }
        scalar => escape(html, &scalar.as_scalar_text().unwrap_or_default()),
    }
}

fn escape(html: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = escape_html(html, text);
}
