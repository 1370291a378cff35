//! Pins every front matter shape bloggers write (YAML, Hexo's YAML without the opening fence,
//! TOML, Hugo's JSON object, Hexo's JSON members, unknown `---lang` fences): what is read, the
//! diagnostics and where they point, the excerpt and the body.
//!
//! Each fixture is `tests/fixtures/front_matter/NAME.md`, with what it gives in
//! `NAME.expected.yaml` beside it: the format, the metadata, the diagnostics (line, column,
//! message), the excerpt and the body HTML. `POSTVIEW_BLESS=1 cargo test --test
//! front_matter_formats` rewrites the expectations from what renders now; read them before
//! committing.

use std::{env, fs, path::PathBuf};

use postview::{render, Diagnostic, Excerpt, FrontMatterFormat, PostMeta, RenderOptions, Rendered};
use serde::Serialize;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/front_matter")
}

/// What a fixture is checked against.
#[derive(Serialize)]
struct Outcome<'r> {
    format: Option<FrontMatterFormat>,
    closed: Option<bool>,
    meta: &'r PostMeta,
    diagnostics: &'r [Diagnostic],
    excerpt: &'r Option<Excerpt>,
    body: &'r str,
}

fn outcome(rendered: &Rendered) -> String {
    let front_matter = rendered.front_matter.as_ref();
    let outcome = Outcome {
        format: front_matter.map(|f| f.format),
        closed: front_matter.map(|f| f.closed),
        meta: &rendered.meta,
        diagnostics: &rendered.diagnostics,
        excerpt: &rendered.excerpt,
        body: &rendered.html,
    };
    serde_yaml::to_string(&outcome).expect("plain data serializes")
}

/// Renders `NAME.md` and checks it against `NAME.expected.yaml`.
#[track_caller]
fn assert_fixture(name: &str) -> Rendered {
    let source = fs::read_to_string(folder().join(format!("{name}.md"))).expect("the fixture exists");
    let rendered = render(&source, &RenderOptions::default());
    let got = outcome(&rendered);
    let expected_path = folder().join(format!("{name}.expected.yaml"));
    if env::var("POSTVIEW_BLESS").is_ok_and(|bless| bless == "1") {
        fs::write(&expected_path, &got).expect("the expectation is writable");
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    assert!(
        got == expected,
        "{name}.expected.yaml does not match.\n----- input -----\n{source}\n----- got -----\n{got}\n----- expected \
         -----\n{expected}\n-----\n(POSTVIEW_BLESS=1 rewrites expectations; read them before committing)"
    );
    if let Some(front_matter) = &rendered.front_matter {
        for line in front_matter.raw.lines().filter(|line| line.trim().len() > 3) {
            assert!(!rendered.html.contains(line.trim()), "{name}: front matter line {line:?} is in the body");
        }
    }
    rendered
}

#[track_caller]
fn messages(rendered: &Rendered) -> Vec<(usize, usize, &str)> {
    rendered.diagnostics.iter().map(|d| (d.line, d.column, d.message.as_str())).collect()
}

#[test]
fn every_fixture_has_its_expectation_and_every_expectation_its_fixture() {
    let names: Vec<String> = fs::read_dir(folder())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in &names {
        let (stem, twin) = match name.strip_suffix(".expected.yaml") {
            Some(stem) => (stem, format!("{stem}.md")),
            None => (
                name.strip_suffix(".md").expect("only .md and .expected.yaml"),
                format!("{}.expected.yaml", &name[..name.len() - 3]),
            ),
        };
        assert!(names.contains(&twin), "{name} has no {twin}");
        assert!(!stem.is_empty());
    }
}

#[test]
fn toml_between_pluses_is_read_with_hugo_keys_and_datetimes_as_dates() {
    let rendered = assert_fixture("toml-hugo-post");
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
    let meta = &rendered.meta;
    assert_eq!(meta.title.as_deref(), Some("在成都吃了一周火锅"));
    assert_eq!(meta.date.as_ref().and_then(|d| d.iso.as_deref()), Some("2024-11-22T23:14:24+08:00"));
    assert_eq!(meta.updated.as_ref().and_then(|d| d.iso.as_deref()), Some("2024-11-30"));
    assert!(meta.draft);
    assert_eq!(meta.cover.as_deref(), Some("/images/hotpot.jpg"));
    assert!(rendered.header_html.contains("Front matter: TOML"), "{}", rendered.header_html);
}

#[test]
fn zola_taxonomies_give_tags_and_categories() {
    let rendered = assert_fixture("zola-post");
    assert_eq!(rendered.meta.tags, ["Zola", "建站"]);
    assert_eq!(rendered.meta.categories, ["技术"]);
}

#[test]
fn hugo_json_object_ends_at_its_matching_brace() {
    let rendered = assert_fixture("json-hugo-post");
    assert_eq!(rendered.front_matter.as_ref().map(|f| f.format), Some(FrontMatterFormat::Json));
    assert_eq!(rendered.meta.slug.as_deref(), Some("json-front-matter"));
    assert_eq!(rendered.html, "<p>正文从这里开始。</p>\n");
}

#[test]
fn hexo_json_members_before_semicolons_are_read_with_or_without_the_opening_line() {
    let members = assert_fixture("json-hexo-members");
    assert_eq!(members.meta.title.as_deref(), Some("没有花括号的 JSON"));
    assert_eq!(members.meta.date.as_ref().and_then(|d| d.iso.as_deref()), Some("2013-07-13T20:46:25"));
    let fenced = assert_fixture("json-hexo-fenced");
    assert_eq!(fenced.meta.categories, ["技术 / 前端", "随笔"]);
    assert!(fenced.meta.draft, "published: false is a draft");
}

#[test]
fn hexo_yaml_without_the_opening_fence_is_front_matter() {
    let rendered = assert_fixture("hexo-yaml-without-opening-fence");
    assert_eq!(rendered.front_matter.as_ref().map(|f| f.format), Some(FrontMatterFormat::HexoYaml));
    assert_eq!(rendered.meta.tags, ["随笔", "读书"]);
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
}

#[test]
fn text_then_dashes_stays_a_setext_heading() {
    for name in ["setext-heading-is-not-front-matter", "paragraph-then-dashes-is-not-front-matter"] {
        let rendered = assert_fixture(name);
        assert!(rendered.front_matter.is_none(), "{name}");
        assert!(rendered.html.starts_with("<h2"), "{name}: {}", rendered.html);
    }
}

#[test]
fn pluses_around_text_that_is_not_toml_give_the_toml_error_at_its_line() {
    let rendered = assert_fixture("toml-fence-with-yaml-inside");
    let messages = messages(&rendered);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!((messages[0].0, messages[0].1), (2, 8), "where toml says the `=` is missing");
    assert!(messages[0].2.starts_with("front matter is not valid TOML"), "{}", messages[0].2);
    assert_eq!(rendered.html, "<p>正文照常显示。</p>\n");
}

#[test]
fn a_fence_naming_an_unknown_language_is_kept_out_of_the_body_and_reported() {
    let rendered = assert_fixture("unknown-language-fence");
    assert_eq!(rendered.front_matter.as_ref().map(|f| f.format), Some(FrontMatterFormat::Unknown));
    assert!(messages(&rendered)[0].2.contains("`coffee` is not read"), "{:?}", messages(&rendered));
    assert_eq!(rendered.html, "<p>正文照常显示。</p>\n");
}

#[test]
fn a_front_matter_never_closed_is_reported_in_every_format_and_the_body_renders() {
    for (name, fix) in [
        ("toml-never-closed", "add a `+++` line"),
        ("json-object-never-closed", "matching `}`"),
        ("hexo-json-fenced-never-closed", "add a `;;;` line"),
    ] {
        let rendered = assert_fixture(name);
        let never_closed = rendered.diagnostics.iter().find(|d| d.message.contains("never closed"));
        let never_closed = never_closed.unwrap_or_else(|| panic!("{name}: {:#?}", rendered.diagnostics));
        assert_eq!((never_closed.line, never_closed.column), (1, 1), "{name}");
        assert!(never_closed.message.contains(fix), "{name}: {}", never_closed.message);
        assert_eq!(rendered.html, "<p>正文照常显示。</p>\n", "{name}");
    }
}

#[test]
fn a_duplicate_key_is_an_error_at_its_second_appearance_in_every_format() {
    for (name, place) in
        [("toml-duplicate-key", (4, 1)), ("json-duplicate-key", (3, 3)), ("hexo-yaml-duplicate-key", (3, 1))]
    {
        let rendered = assert_fixture(name);
        let messages = messages(&rendered);
        assert_eq!(messages.len(), 1, "{name}: {messages:?}");
        assert_eq!((messages[0].0, messages[0].1), place, "{name}");
        assert!(messages[0].2.contains("duplicate"), "{name}: {}", messages[0].2);
        assert_eq!(rendered.html, "<p>正文照常显示。</p>\n", "{name}");
    }
}

#[test]
fn a_second_alias_for_the_same_field_warns_and_the_first_is_used() {
    let rendered = assert_fixture("aliases-given-twice");
    assert_eq!(rendered.meta.updated.as_ref().map(|d| d.text.as_str()), Some("2024-12-01"));
    assert_eq!(rendered.meta.cover.as_deref(), Some("/a.png"));
    let lines: Vec<usize> = rendered.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(lines, [4, 6]);
}

#[test]
fn jekyll_and_astro_keys_are_read_under_their_own_names() {
    let jekyll = assert_fixture("jekyll-post");
    assert_eq!(jekyll.meta.date.as_ref().and_then(|d| d.iso.as_deref()), Some("2024-02-10T09:30:00+08:00"));
    assert_eq!(jekyll.meta.slug.as_deref(), Some("/2024/jekyll-post/"));
    assert!(jekyll.meta.draft);
    let astro = assert_fixture("astro-post");
    assert_eq!(astro.meta.date.as_ref().and_then(|d| d.iso.as_deref()), Some("2024-07-01"));
    assert_eq!(astro.meta.cover.as_deref(), Some("/blog-placeholder.jpg"));
}

#[test]
fn values_of_the_wrong_type_in_toml_warn_at_their_keys() {
    let rendered = assert_fixture("wrong-types-in-toml");
    let places: Vec<(usize, usize)> = rendered.diagnostics.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(places, [(3, 1), (4, 1), (5, 1)]);
    assert_eq!(rendered.meta.title.as_deref(), Some("类型不对"));
}

#[test]
fn a_toml_table_of_the_wrong_kind_warns_at_its_header() {
    let rendered = assert_fixture("toml-table-of-the-wrong-kind");
    let places: Vec<(usize, usize)> = rendered.diagnostics.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(places, [(10, 1)], "{:#?}", rendered.diagnostics);
    assert_eq!(rendered.meta.cover, None);
}

#[test]
fn a_first_line_with_a_quoted_key_is_yaml_when_no_semicolons_close_it() {
    let rendered = assert_fixture("quoted-key-yaml-without-opening-fence");
    assert_eq!(rendered.front_matter.as_ref().map(|f| f.format), Some(FrontMatterFormat::HexoYaml));
    assert_eq!(rendered.meta.title.as_deref(), Some("新标题"));
}

#[test]
fn a_paragraph_opening_with_a_quote_is_not_json_even_before_semicolons() {
    let rendered = assert_fixture("quote-opening-a-paragraph-is-not-front-matter");
    assert!(rendered.front_matter.is_none());
    assert!(rendered.diagnostics.is_empty(), "{:#?}", rendered.diagnostics);
}
