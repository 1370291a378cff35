//! A TOML parser provided from outside the core (the browser build's, fetched on first need)
//! stands in for the linked one: while it loads, a TOML post renders with a warning and without
//! its keys; once it is in, the same post renders as with the linked parser; if it failed to
//! load, an error says so and the body still renders. Each test runs on its own thread, and the
//! provided parser is per thread.

use std::cell::Cell;
use std::rc::Rc;
use std::{fs, path::PathBuf};

use postview::front_matter::guard::ParseError;
use postview::front_matter::toml::{provide_parser, Provided};
use postview::{render, FrontMatterFormat, Incremental, RenderOptions, Rendered, Severity, Value};

/// The Hugo post of the front matter fixtures (tests/fixtures/front_matter/toml-hugo-post.md).
fn hugo_post() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/front_matter/toml-hugo-post.md");
    fs::read_to_string(path).expect("the fixture exists")
}

fn render_post(source: &str) -> Rendered {
    render(source, &RenderOptions::default())
}

#[test]
fn while_the_parser_loads_a_toml_post_renders_its_body_with_a_warning_at_the_front_matter() {
    let linked = render_post(&hugo_post());
    provide_parser(Box::new(|_| Provided::Loading));
    let loading = render_post(&hugo_post());
    assert_eq!(loading.html, linked.html, "the body renders as it does with the parser in");
    assert_eq!(loading.front_matter.as_ref().map(|f| f.format), Some(FrontMatterFormat::Toml));
    assert_eq!(loading.front_matter.as_ref().map(|f| &f.data), Some(&Value::Null));
    assert_eq!(loading.meta.title, None);
    let [diagnostic] = loading.diagnostics.as_slice() else { panic!("{:?}", loading.diagnostics) };
    assert_eq!(diagnostic.severity, Severity::Warning);
    assert_eq!((diagnostic.line, diagnostic.column), (2, 1), "the front matter's first line");
    assert!(diagnostic.message.contains("not read yet") && diagnostic.message.contains("loadFormats()"));
}

/// Provides a parser that answers `Loading` until the returned flag is set, then parses.
fn parser_that_arrives_later() -> Rc<Cell<bool>> {
    let arrived = Rc::new(Cell::new(false));
    let seen = Rc::clone(&arrived);
    provide_parser(Box::new(move |text| match seen.get() {
        false => Provided::Loading,
        true => Provided::Parsed(parse_as_the_linked_parser_does(text)),
    }));
    arrived
}

#[test]
fn once_the_parser_is_in_the_same_post_renders_as_with_the_linked_parser() {
    let linked = render_post(&hugo_post());
    let arrived = parser_that_arrives_later();
    assert_ne!(render_post(&hugo_post()), linked);
    arrived.set(true);
    assert_eq!(render_post(&hugo_post()), linked);
}

#[test]
fn a_live_preview_reads_the_toml_again_once_the_parser_is_in_though_the_text_is_the_same() {
    let linked = render_post(&hugo_post());
    let arrived = parser_that_arrives_later();
    let mut live = Incremental::new(RenderOptions::default());
    assert_eq!(live.render(&hugo_post(), None).meta.title, None);
    arrived.set(true);
    assert_eq!(live.render(&hugo_post(), None), &linked);
}

#[test]
fn a_parser_that_failed_to_load_gives_an_error_and_the_rest_still_renders() {
    let linked = render_post(&hugo_post());
    provide_parser(Box::new(|_| Provided::Unavailable("it could not be loaded: 404".into())));
    let failed = render_post(&hugo_post());
    assert_eq!(failed.html, linked.html);
    let [diagnostic] = failed.diagnostics.as_slice() else { panic!("{:?}", failed.diagnostics) };
    assert_eq!(diagnostic.severity, Severity::Error);
    assert_eq!(
        diagnostic.message,
        "TOML front matter is not read: postview's TOML parser is not available (it could not be loaded: 404); its keys are not shown"
    );
}

#[test]
fn an_error_from_the_provided_parser_is_placed_in_the_editor_and_named_as_toml() {
    provide_parser(Box::new(|text| {
        let offset = text.find("= =").expect("the broken line") + 2;
        Provided::Parsed(Err(ParseError::invalid("expected a value".into(), offset)))
    }));
    let rendered = render_post("+++\ntitle = \"ok\"\ndate = = 1\n+++\n\n正文。\n");
    let [diagnostic] = rendered.diagnostics.as_slice() else { panic!("{:?}", rendered.diagnostics) };
    assert_eq!((diagnostic.line, diagnostic.column), (3, 8));
    assert_eq!(diagnostic.message, "front matter is not valid TOML: expected a value");
    assert_eq!(rendered.html, "<p>正文。</p>\n");
}

#[test]
fn the_size_and_nesting_guard_runs_before_a_provided_parser_is_asked() {
    provide_parser(Box::new(|_| panic!("a refused front matter must not reach the parser")));
    let deep = format!("+++\na = {}{}\n+++\n\n正文。\n", "[".repeat(100), "]".repeat(100));
    let rendered = render_post(&deep);
    assert_eq!(rendered.diagnostics.len(), 1, "{:?}", rendered.diagnostics);
    assert_eq!(rendered.html, "<p>正文。</p>\n");
}

/// The answer a loaded parser gives: what the linked parser reads (the crate is linked natively).
/// The provided parser is this thread's, so the linked one is asked on a fresh thread.
fn parse_as_the_linked_parser_does(text: &str) -> Result<Value, ParseError> {
    let text = text.to_string();
    std::thread::spawn(move || postview::front_matter::toml::parse(&text))
        .join()
        .expect("the linked parser does not panic")
}
