//! The CommonMark 0.31.2 spec examples (npm `commonmark-spec`'s spec.txt, 652 of them), each
//! rendered through the whole pipeline in plain-CommonMark mode and compared the way the spec's
//! own runner compares: exactly, or else after both sides are normalised as its normalize.py does.

#[path = "support/spec_html.rs"]
mod spec_html;

use std::fs;
use std::path::Path;

use postview::{render, RenderOptions};

const SPEC: &str = "node_modules/commonmark-spec/spec.txt";
const FENCE: &str = "````````````````````````````````";

/// One example: its number (as the spec counts them), section, Markdown and expected HTML.
struct Example {
    number: usize,
    section: String,
    markdown: String,
    html: String,
}

/// Reads the examples the way the package's index.js does; `→` stands for a tab.
fn examples(spec: &str) -> Vec<Example> {
    let spec = spec.split("\n<!-- END TESTS -->").next().unwrap_or(spec);
    let mut examples = Vec::new();
    let mut section = String::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if let Some(title) = heading_title(line) {
            section = title.to_string();
        } else if line == format!("{FENCE} example") {
            let markdown: Vec<&str> = lines.by_ref().take_while(|l| *l != ".").collect();
            let html: Vec<&str> = lines.by_ref().take_while(|l| *l != FENCE).collect();
            examples.push(Example {
                number: examples.len() + 1,
                section: section.clone(),
                markdown: joined(&markdown).replace('→', "\t"),
                html: joined(&html).replace('→', "\t"),
            });
        }
    }
    examples
}

fn heading_title(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with(' '))).then(|| rest.trim_start())
}

fn joined(lines: &[&str]) -> String {
    lines.iter().map(|line| format!("{line}\n")).collect()
}

fn spec_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SPEC);
    fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{} is missing ({error}): run `npm ci` (`make test` does)", path.display()))
}

#[test]
fn the_spec_file_holds_all_652_examples() {
    let examples = examples(&spec_text());
    assert_eq!(examples.len(), 652);
    assert_eq!(examples[0].section, "Tabs");
    assert_eq!(examples[0].markdown, "\tfoo\tbaz\t\tbim\n");
    assert_eq!(examples[0].html, "<pre><code>foo\tbaz\t\tbim\n</code></pre>\n");
    assert!(examples.iter().all(|example| !example.section.is_empty()));
}

#[test]
fn every_commonmark_spec_example_passes_in_commonmark_mode() {
    assert_every_example_passes(&RenderOptions::commonmark());
}

/// The CJK-friendly amendments change nothing for text without CJK characters or variation
/// selectors: with them on, plain CommonMark still passes every example.
#[test]
fn every_commonmark_spec_example_passes_with_cjk_friendly_emphasis_on() {
    assert_every_example_passes(&RenderOptions { cjk_friendly_emphasis: Some(true), ..RenderOptions::commonmark() });
}

#[track_caller]
fn assert_every_example_passes(options: &RenderOptions) {
    let failures: Vec<String> = examples(&spec_text())
        .into_iter()
        .filter_map(|example| {
            let actual = render(&example.markdown, options).html;
            let same = actual == example.html || spec_html::normalize(&actual) == spec_html::normalize(&example.html);
            (!same).then(|| {
                format!(
                    "example {} ({}):\n  markdown: {:?}\n  expected: {:?}\n  actual:   {:?}",
                    example.number, example.section, example.markdown, example.html, actual
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "{} of 652 examples fail:\n{}", failures.len(), failures.join("\n"));
}
