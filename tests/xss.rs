//! The XSS corpus (tests/fixtures/xss/, one hostile post per file): every attack, rendered
//! natively, gives a body and a header that keep the DOM rules (tests/support/dom_rules.rs).
//! The same corpus runs in a real browser in tests/e2e/xss.test.mjs.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/dom_rules.rs"]
mod dom_rules;

use std::fs;
use std::path::PathBuf;

use postview::{render, Flavor, RawHtml, RenderOptions, Rendered, Value};

struct Attack {
    name: String,
    source: String,
}

fn corpus() -> Vec<Attack> {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xss");
    let mut attacks: Vec<Attack> = fs::read_dir(&folder)
        .expect("tests/fixtures/xss exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md") && !path.ends_with("README.md"))
        .map(|path| Attack {
            name: path.file_stem().unwrap().to_string_lossy().into_owned(),
            source: fs::read_to_string(&path).expect("UTF-8 fixture"),
        })
        .collect();
    attacks.sort_by(|a, b| a.name.cmp(&b.name));
    attacks
}

fn options(raw_html: RawHtml) -> RenderOptions {
    RenderOptions { flavor: Flavor::Post, raw_html, ..RenderOptions::default() }
}

/// Every rule broken by the header and the body of one render.
fn violations_of(rendered: &Rendered) -> Vec<String> {
    let mut found = dom_rules::violations(&rendered.header_html);
    found.extend(dom_rules::violations(&rendered.html));
    found
}

fn assert_corpus_keeps_the_rules(raw_html: RawHtml) {
    let mut failures = Vec::new();
    for attack in corpus() {
        let rendered = render(&attack.source, &options(raw_html));
        failures.extend(violations_of(&rendered).into_iter().map(|v| format!("{}: {v}", attack.name)));
    }
    assert!(failures.is_empty(), "{} violations under {raw_html:?}:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_corpus_holds_at_least_fifty_attacks() {
    assert!(corpus().len() >= 50, "only {} attacks", corpus().len());
}

#[test]
fn every_attack_rendered_with_the_default_options_keeps_the_dom_rules() {
    assert_corpus_keeps_the_rules(RenderOptions::default().raw_html);
}

#[test]
fn every_attack_rendered_with_raw_html_escaped_keeps_the_dom_rules() {
    assert_corpus_keeps_the_rules(RawHtml::Escape);
}

/// Tags postview's Markdown writer and header produce; with raw HTML escaped nothing else appears.
const MARKDOWN_ELEMENTS: &[&str] = &[
    "html",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "time",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "div",
    "input",
    "section",
    "dl",
    "dt",
    "dd",
    "span",
    "details",
    "summary",
];

#[test]
fn with_raw_html_escaped_only_elements_markdown_writes_appear() {
    for attack in corpus() {
        let rendered = render(&attack.source, &options(RawHtml::Escape));
        for html in [&rendered.header_html, &rendered.html] {
            let strays: Vec<String> = dom_rules::element_names(html)
                .into_iter()
                .filter(|n| !MARKDOWN_ELEMENTS.contains(&n.as_str()))
                .collect();
            assert!(strays.is_empty(), "{}: {strays:?} in {html}", attack.name);
        }
    }
}

/// Footnote labels are the author's: the ids made from them are prefixed, so no author can name
/// an element after a global (`alert`, `cookie`) or after another element of the page.
#[test]
fn every_id_in_the_body_is_a_heading_slug_or_a_prefixed_footnote_id() {
    let with_id = scraper::Selector::parse("[id]").unwrap();
    for attack in corpus() {
        let rendered = render(&attack.source, &options(RawHtml::Escape));
        let fragment = scraper::Html::parse_fragment(&rendered.html);
        for element in fragment.select(&with_id) {
            let (name, id) = (element.value().name(), element.value().id().unwrap_or(""));
            let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            let footnote = (name == "div" && id.starts_with("fn:")) || (name == "a" && id.starts_with("fnref:"));
            assert!(heading || footnote, "{}: <{name} id={id:?}>", attack.name);
        }
    }
}

#[test]
fn front_matter_values_are_shown_as_the_text_the_author_wrote() {
    for attack in corpus().into_iter().filter(|a| a.name.starts_with("front-matter-")) {
        let rendered = render(&attack.source, &RenderOptions::default());
        let header = scraper::Html::parse_fragment(&rendered.header_html);
        let shown: String = header.root_element().text().collect();
        let meta = &rendered.meta;
        let mut written: Vec<String> = meta.title.iter().chain(&meta.tags).chain(&meta.categories).cloned().collect();
        let texts = [&meta.description, &meta.excerpt, &meta.cover, &meta.slug];
        written.extend(texts.into_iter().flatten().cloned());
        written.extend(meta.date.iter().chain(&meta.updated).map(|date| date.text.clone()));
        for (key, value) in &meta.extra.0 {
            written.push(key.clone());
            scalars_within(value, 8, &mut written);
        }
        for value in &written {
            assert!(shown.contains(value.as_str()), "{}: {value:?} not shown as text in {shown:?}", attack.name);
        }
    }
}

/// Every key and scalar of `value` down to `depth` levels (the header's table shows that deep).
fn scalars_within(value: &Value, depth: usize, out: &mut Vec<String>) {
    match value {
        Value::List(items) if depth > 0 => items.iter().for_each(|item| scalars_within(item, depth - 1, out)),
        Value::Map(map) if depth > 0 => {
            for (key, item) in &map.0 {
                out.push(key.clone());
                scalars_within(item, depth - 1, out);
            }
        }
        scalar => out.extend(scalar.as_scalar_text()),
    }
}

/// Under `trust` raw HTML is the author's by definition, so only what postview writes itself is
/// checked: its links (`rel="noopener noreferrer"`) and images (`referrerpolicy="no-referrer"`).
#[test]
fn with_raw_html_trusted_markdown_links_and_images_are_still_filtered() {
    for attack in corpus() {
        let trusted = render(&attack.source, &options(RawHtml::Trust));
        let fragment = scraper::Html::parse_fragment(&trusted.html);
        let written_by_postview =
            scraper::Selector::parse("a[rel='noopener noreferrer'], img[referrerpolicy]").unwrap();
        for element in fragment.select(&written_by_postview) {
            let (attribute, is_image) = if element.value().name() == "img" { ("src", true) } else { ("href", false) };
            let url = element.value().attr(attribute).unwrap_or("");
            assert!(dom_rules::url_allowed(url, is_image), "{}: {}", attack.name, element.html());
        }
        let refusals = |r: &Rendered| r.diagnostics.iter().filter(|d| d.message.contains("was removed")).count();
        let escaped = render(&attack.source, &options(RawHtml::Escape));
        assert_eq!(refusals(&trusted), refusals(&escaped), "{}: Markdown URLs refused differently", attack.name);
    }
}

#[test]
fn the_rules_catch_what_they_are_meant_to_catch() {
    let unsafe_html = [
        "<script>x</script>",
        "<img src=x onerror=y>",
        "<a href=' java&#x09;script:x'>",
        "<img srcset='ok.png 1x, javascript:x 2x'>",
        "<a href='data:image/png;base64,AA'>",
        "<img src='data:image/svg+xml,x'>",
        "<svg><a xlink:href='vbscript:x'></a></svg>",
        "<form action=javascript:x>",
        "<p><base href=//x></p>",
    ];
    for html in unsafe_html {
        assert!(!dom_rules::violations(html).is_empty(), "{html} passed");
    }
    let safe =
        "<a href='https://x'>a</a><a href='./p:q'>b</a><img src='data:image/png;base64,AA'><a href='mailto:a@b'>c</a>";
    assert_eq!(dom_rules::violations(safe), Vec::<String>::new());
}
