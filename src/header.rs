//! The post header a reader sees above the body: title, date, tags and categories, then what
//! `meta_table` adds (update date, draft, format, other keys), built from the normalised
//! metadata with every value escaped.

use pulldown_cmark_escape::escape_html;

use crate::front_matter::meta::PostMeta;
use crate::front_matter::FrontMatterFormat;
use crate::meta_table;

/// The `<header>` for a post, or an empty string when it has no front matter and nothing to show.
pub fn render(meta: &PostMeta, format: Option<FrontMatterFormat>) -> String {
    let empty = meta.title.is_none() && meta.date.is_none() && meta.tags.is_empty() && meta.categories.is_empty();
    if empty && format.is_none() {
        return String::new();
    }
    let mut html = String::from("<header class=\"post-header\">\n");
    if let Some(title) = &meta.title {
        element(&mut html, "<h1 class=\"post-title\">", title, "</h1>\n");
    }
    if let Some(date) = &meta.date {
        html.push_str("<p class=\"post-date\">");
        meta_table::date(&mut html, date);
        html.push_str("</p>\n");
    }
    list(&mut html, "post-tags", "Tags", &meta.tags);
    list(&mut html, "post-categories", "Categories", &meta.categories);
    html.push_str(&meta_table::render(meta, format));
    html.push_str("</header>\n");
    html
}

fn list(html: &mut String, class: &str, label: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    html.push_str(&format!("<ul class=\"{class}\" aria-label=\"{label}\">"));
    for item in items {
        element(html, "<li>", item, "</li>");
    }
    html.push_str("</ul>\n");
}

fn element(html: &mut String, open: &str, text: &str, close: &str) {
    html.push_str(open);
    escape(html, text);
    html.push_str(close);
}

fn escape(html: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = escape_html(html, text);
}
