//! Post metadata: the front matter keys the blog generators share, under their usual names and
//! aliases, normalised to one shape, with every other key kept as written.
//!
//! | field | keys (the first one written wins; a later alias warns and is kept in `extra`) |
//! | --- | --- |
//! | `title` | `title` |
//! | `date` | `date`, `pubDate` (Astro) |
//! | `updated` | `updated` (Hexo, Zola), `lastmod` (Hugo), `updatedDate` (Astro), `last_modified_at` (Jekyll) |
//! | `tags`, `categories` | `tags`, `categories`; or inside Zola's `[taxonomies]` |
//! | `draft` | `draft: true` (Hugo, Zola, Astro), `published: false` (Hexo, Jekyll) |
//! | `description` | `description` |
//! | `excerpt` | `excerpt` (Hexo, Jekyll), `summary` (Hugo) |
//! | `cover` | `cover`, `thumbnail`, `image`, `heroImage` (Astro); `cover: { image: … }` (Hugo themes) |
//! | `slug` | `slug`, `permalink` |

use serde::Serialize;

use super::date;
use super::value::{Map, Value};
use crate::diagnostic::{Diagnostic, Position};

/// What a post says about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PostMeta {
    pub title: Option<String>,
    pub date: Option<PostDate>,
    /// When the post was last changed (`updated`, `lastmod`, `updatedDate`, `last_modified_at`).
    pub updated: Option<PostDate>,
    /// Always a list: `tags: 线下活动` and `tags: [a, b]` both give a list.
    pub tags: Vec<String>,
    /// Always a list, one entry per category. A list inside the list (Hexo's
    /// `[[生活, 读书], [随笔]]`) is one category path, written `生活 / 读书`. (Hexo itself also
    /// reads a flat list `[生活, 读书]` as one path; postview shows it as two categories, as
    /// Jekyll, Hugo and Zola do.)
    pub categories: Vec<String>,
    /// `draft: true`, or `published: false`.
    pub draft: bool,
    /// `description`: what the post is about, for search engines and link previews.
    pub description: Option<String>,
    /// `excerpt` or `summary`: the author's own excerpt, text.
    pub excerpt: Option<String>,
    /// The cover image's URL as written (`cover`, `thumbnail`, `image`, `heroImage`).
    pub cover: Option<String>,
    /// The post's own address part (`slug`, `permalink`).
    pub slug: Option<String>,
    /// Every other key, in the author's order.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, Value>"))]
    pub extra: Map,
}

/// A date as written, and its ISO 8601 form when it is a real date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PostDate {
    pub text: String,
    pub iso: Option<String>,
}

/// The normalised fields, each named by the keys that give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Date,
    Updated,
    Tags,
    Categories,
    Draft,
    Published,
    Description,
    Excerpt,
    Cover,
    Slug,
    Taxonomies,
}

fn field_of(key: &str) -> Option<Field> {
    Some(match key {
        "title" => Field::Title,
        "date" | "pubDate" => Field::Date,
        "updated" | "lastmod" | "updatedDate" | "last_modified_at" => Field::Updated,
        "tags" => Field::Tags,
        "categories" => Field::Categories,
        "draft" => Field::Draft,
        "published" => Field::Published,
        "description" => Field::Description,
        "excerpt" | "summary" => Field::Excerpt,
        "cover" | "thumbnail" | "image" | "heroImage" => Field::Cover,
        "slug" | "permalink" => Field::Slug,
        "taxonomies" => Field::Taxonomies,
        _ => return None,
    })
}

/// Reads the metadata out of parsed front matter. `locate` finds where a key is written, so
/// diagnostics point at it.
pub fn normalise(data: &Value, locate: &dyn Fn(&str) -> Position) -> (PostMeta, Vec<Diagnostic>) {
    let mut meta = PostMeta::default();
    let mut diagnostics = Vec::new();
    let Value::Map(map) = data else {
        if *data != Value::Null {
            diagnostics.push(Diagnostic::warning(
                format!("front matter is {}, not `key: value` lines; it was ignored", data.kind()),
                locate(""),
            ));
        }
        return (meta, diagnostics);
    };
    let mut given: Vec<(Field, &str)> = Vec::new();
    for (key, value) in &map.0 {
        let mut warn = |message: String| diagnostics.push(Diagnostic::warning(message, locate(key)));
        let Some(field) = field_of(key) else {
            meta.extra.0.push((key.clone(), value.clone()));
            continue;
        };
        if let Some((_, first)) = given.iter().find(|(f, _)| *f == field) {
            warn(format!("`{key}` says again what `{first}` already said; `{first}` is used"));
            meta.extra.0.push((key.clone(), value.clone()));
            continue;
        }
        given.push((field, key));
        match field {
            Field::Title => meta.title = text_of(key, value, &mut warn),
            Field::Date => meta.date = date_of(key, value, &mut warn),
            Field::Updated => meta.updated = date_of(key, value, &mut warn),
            Field::Tags => meta.tags = list_of(key, value, &mut warn),
            Field::Categories => meta.categories = list_of(key, value, &mut warn),
            Field::Draft => meta.draft |= bool_of(key, value, &mut warn).unwrap_or(false),
            Field::Published => meta.draft |= !bool_of(key, value, &mut warn).unwrap_or(true),
            Field::Description => meta.description = text_of(key, value, &mut warn),
            Field::Excerpt => meta.excerpt = text_of(key, value, &mut warn),
            Field::Cover => meta.cover = cover_of(key, value, &mut warn),
            Field::Slug => meta.slug = text_of(key, value, &mut warn),
            Field::Taxonomies => taxonomies(key, value, &mut meta, &mut warn),
        }
    }
    (meta, diagnostics)
}

/// Zola's `[taxonomies]`: its `tags` and `categories` (unless given at the top level too);
/// any other taxonomy stays in `extra` under `taxonomies`.
fn taxonomies(key: &str, value: &Value, meta: &mut PostMeta, warn: &mut dyn FnMut(String)) {
    let Value::Map(taxonomies) = value else {
        meta.extra.0.push((key.to_string(), value.clone()));
        return;
    };
    let mut rest = Map::default();
    for (name, terms) in &taxonomies.0 {
        match name.as_str() {
            "tags" if meta.tags.is_empty() => meta.tags = list_of("taxonomies.tags", terms, warn),
            "categories" if meta.categories.is_empty() => {
                meta.categories = list_of("taxonomies.categories", terms, warn)
            }
            _ => rest.0.push((name.clone(), terms.clone())),
        }
    }
    if !rest.0.is_empty() {
        meta.extra.0.push((key.to_string(), Value::Map(rest)));
    }
}

fn bool_of(key: &str, value: &Value, warn: &mut dyn FnMut(String)) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Null => None,
        other => {
            warn(format!("`{key}` should be true or false, but it is {}", other.kind()));
            None
        }
    }
}

/// The cover's URL: text, or the `image` of a map (`cover: { image: …, alt: … }`).
fn cover_of(key: &str, value: &Value, warn: &mut dyn FnMut(String)) -> Option<String> {
    match value {
        Value::Map(map) => map.get("image").and_then(|image| text_of(&format!("{key}.image"), image, warn)),
        _ => text_of(key, value, warn),
    }
}

fn text_of(key: &str, value: &Value, warn: &mut dyn FnMut(String)) -> Option<String> {
    if *value == Value::Null {
        return None;
    }
    let text = value.as_scalar_text();
    if text.is_none() {
        warn(format!("`{key}` should be text, but it is {}", value.kind()));
    }
    text
}

fn date_of(key: &str, value: &Value, warn: &mut dyn FnMut(String)) -> Option<PostDate> {
    let text = text_of(key, value, warn)?;
    let iso = date::to_iso(&text);
    if iso.is_none() {
        warn(format!("`{key}: {text}` is not a date; write it like `2024-11-22` or `2024-11-22 23:14:24`"));
    }
    Some(PostDate { text, iso })
}

/// A scalar or a list of scalars, as a list of non-empty text.
fn list_of(key: &str, value: &Value, warn: &mut dyn FnMut(String)) -> Vec<String> {
    let items = match value {
        Value::Null => return Vec::new(),
        Value::List(items) => items.as_slice(),
        scalar => std::slice::from_ref(scalar),
    };
    let mut list = Vec::new();
    for item in items {
        match item {
            Value::List(path) => {
                list.push(path.iter().filter_map(Value::as_scalar_text).collect::<Vec<_>>().join(" / "))
            }
            Value::Null => {}
            other => match other.as_scalar_text() {
                Some(text) => list.push(text),
                None => warn(format!("`{key}` should be text or a list of text, but it holds {}", other.kind())),
            },
        }
    }
    list.retain(|item| !item.trim().is_empty());
    list
}
