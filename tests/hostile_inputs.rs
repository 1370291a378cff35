//! Hostile inputs (tests/support/hostile.rs): each renders, or is refused with a diagnostic,
//! and the rest of the post still renders. How fast is for `make bench` (benches/hostile.rs).

#[path = "support/hostile.rs"]
mod hostile;

use postview::{render, RenderOptions, Severity};

#[test]
fn every_hostile_input_renders_or_is_refused_with_a_diagnostic() {
    for input in hostile::all() {
        let rendered = render(&input.source, &RenderOptions::default());
        assert!(
            !rendered.html.is_empty() || !rendered.diagnostics.is_empty(),
            "{}: neither HTML nor a diagnostic",
            input.name
        );
    }
}

#[test]
fn front_matter_bombs_are_refused_and_the_body_still_renders() {
    let bombs = [
        "yaml alias bomb",
        "yaml flow nesting 10^5",
        "yaml flow maps 2*10^4",
        "yaml scalar of 1 MB",
        "toml flow nesting 10^5",
        "toml inline tables 10^5",
        "toml dotted key 10^5",
        "toml table header 10^5",
        "toml string of 1 MB",
        "json object nesting 2*10^4",
        "hexo json members of 1 MB",
        "hexo yaml without fence 10^5 keys",
    ];
    let inputs: Vec<_> = hostile::all().into_iter().filter(|input| bombs.contains(&input.name)).collect();
    assert_eq!(inputs.len(), bombs.len(), "every bomb is generated");
    for input in inputs {
        let rendered = render(&input.source, &RenderOptions::default());
        let front_matter_end = rendered.front_matter.as_ref().map_or(0, |f| f.end_line);
        let error = rendered.diagnostics.iter().find(|d| d.severity == Severity::Error);
        assert!(error.is_some_and(|e| e.line <= front_matter_end), "{}: {:?}", input.name, rendered.diagnostics);
        assert!(rendered.html.contains("正文照常显示"), "{}", input.name);
    }
}

#[test]
fn deep_nesting_renders_every_level_without_overflowing_the_stack() {
    let source = format!("{}deep\n", "> ".repeat(100_000));
    let html = render(&source, &RenderOptions::default()).html;
    assert_eq!(html.matches("<blockquote>").count(), 100_000);
    assert!(html.contains("deep"));
}

#[test]
fn a_ten_megabyte_post_renders_whole() {
    let source = hostile::post_of_size(10 << 20);
    let rendered = render(&source, &RenderOptions::default());
    assert_eq!(rendered.meta.title.as_deref(), Some("周末读书会的记录"));
    assert_eq!(rendered.html.matches("<blockquote>").count(), source.matches("\n> ").count());
}

#[test]
fn dashes_inside_a_code_block_are_code_not_front_matter() {
    let rendered = render("```\n---\ntitle: no\n---\n```\n", &RenderOptions::default());
    assert!(rendered.front_matter.is_none());
    assert!(rendered.html.contains("<pre><code>---\ntitle: no\n---\n</code></pre>"));
}
