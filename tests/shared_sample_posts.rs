//! The real posts the project was given (`../shared/sample-posts/`, beside the checkout; never
//! copied into it) render whole: header from the front matter, every heading, image, quote and
//! rule of the body, no front matter text in the body, no diagnostics.

use std::{fs, path::PathBuf};

use postview::{render, RenderOptions};

fn sample_posts() -> Vec<(PathBuf, String)> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/sample-posts");
    let Ok(entries) = fs::read_dir(&folder) else {
        eprintln!("{} is not beside this checkout: nothing to check", folder.display());
        return Vec::new();
    };
    let mut posts: Vec<(PathBuf, String)> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt" || ext == "md"))
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, text)
        })
        .collect();
    posts.sort();
    posts
}

/// Lines of the body (after the front matter) that start with `prefix`, outside code fences.
fn body_lines_starting_with(source: &str, prefix: &str) -> usize {
    let body = source.splitn(3, "---\n").nth(2).unwrap_or(source);
    let mut in_fence = false;
    body.lines()
        .filter(|line| {
            if line.starts_with("```") {
                in_fence = !in_fence;
            }
            !in_fence && line.starts_with(prefix)
        })
        .count()
}

#[test]
fn every_shared_sample_post_renders_with_its_header_and_every_part() {
    for (path, source) in sample_posts() {
        let name = path.display();
        let rendered = render(&source, &RenderOptions::default());
        assert!(rendered.diagnostics.is_empty(), "{name}: {:#?}", rendered.diagnostics);
        let title = rendered.meta.title.as_deref().unwrap_or_else(|| panic!("{name}: no title"));
        assert!(rendered.header_html.contains("<h1 class=\"post-title\">"), "{name}");
        assert!(rendered.meta.date.as_ref().is_some_and(|d| d.iso.is_some()), "{name}: the date did not parse");
        assert!(!rendered.meta.tags.is_empty(), "{name}: no tags");
        let html = &rendered.html;
        assert!(!html.contains(title), "{name}: the title leaked into the body");
        assert!(!html.contains("title:") && !html.contains("tags:"), "{name}: front matter in the body");
        assert_eq!(html.matches("<h2 ").count(), body_lines_starting_with(&source, "## "), "{name}: headings");
        assert_eq!(html.matches("<img ").count(), source.matches("![").count(), "{name}: images");
        assert_eq!(html.matches("<blockquote>").count(), body_lines_starting_with(&source, "> "), "{name}: quotes");
        assert_eq!(html.matches("<hr />").count(), body_lines_starting_with(&source, "***"), "{name}: rules");
        assert_eq!(html.matches("referrerpolicy=\"no-referrer\"").count(), source.matches("![").count(), "{name}");
        if source.trim_end().ends_with('`') {
            assert!(html.trim_end().ends_with("</code></p>"), "{name}: the closing inline code paragraph");
        }
    }
}
