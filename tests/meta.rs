//! Pins how front matter becomes normalised post metadata: title, date, tags, categories and the rest.

use postview::{render, Diagnostic, Map, PostDate, PostMeta, RenderOptions, Severity, Value};

/// The metadata and diagnostics of a post whose front matter is `yaml`.
fn read(yaml: &str) -> (PostMeta, Vec<Diagnostic>) {
    let rendered = render(&format!("---\n{yaml}---\n\n正文\n"), &RenderOptions::default());
    (rendered.meta, rendered.diagnostics)
}

#[track_caller]
fn meta(yaml: &str) -> PostMeta {
    let (meta, diagnostics) = read(yaml);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    meta
}

/// The one diagnostic `yaml` gives, which must be of `severity`.
#[track_caller]
fn the_diagnostic(yaml: &str, severity: Severity) -> (PostMeta, Diagnostic) {
    let (meta, mut diagnostics) = read(yaml);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let diagnostic = diagnostics.remove(0);
    assert_eq!(diagnostic.severity, severity, "{diagnostic:#?}");
    (meta, diagnostic)
}

fn text(s: &str) -> Value {
    Value::String(s.into())
}

#[test]
fn tags_given_as_a_scalar_become_a_list() {
    assert_eq!(meta("tags: 线下活动\n").tags, ["线下活动"]);
}

#[test]
fn tags_given_as_a_block_list_or_a_flow_list_read_the_same() {
    assert_eq!(meta("tags:\n  - 生活\n  - 读书\n").tags, ["生活", "读书"]);
    assert_eq!(meta("tags:\n- 生活\n- 读书\n").tags, ["生活", "读书"]);
    assert_eq!(meta("tags: [生活, 读书]\n").tags, ["生活", "读书"]);
}

#[test]
fn numeric_tags_become_text() {
    assert_eq!(meta("tags: 2024\n").tags, ["2024"]);
    assert_eq!(meta("tags: [2024, 3.5, true]\n").tags, ["2024", "3.5", "true"]);
}

#[test]
fn empty_tags_are_left_out() {
    assert_eq!(meta("tags:\n").tags, Vec::<String>::new());
    assert_eq!(meta("tags: [生活, \"\", ~]\n").tags, ["生活"]);
}

#[test]
fn categories_are_a_list_and_a_nested_list_is_one_path() {
    assert_eq!(meta("categories: 随笔\n").categories, ["随笔"]);
    assert_eq!(meta("categories:\n  - [生活, 读书]\n  - 随笔\n").categories, ["生活 / 读书", "随笔"]);
    assert_eq!(meta("categories: [[Parent, Child]]\n").categories, ["Parent / Child"]);
}

#[test]
fn a_title_that_is_a_number_becomes_text() {
    assert_eq!(meta("title: 2024\n").title.as_deref(), Some("2024"));
    assert_eq!(meta("title: 3.14\n").title.as_deref(), Some("3.14"));
}

#[test]
fn an_empty_title_is_no_title() {
    assert_eq!(meta("title:\n").title, None);
}

#[test]
fn dates_as_bloggers_write_them_get_an_iso_form() {
    for (written, iso) in [
        ("2024-11-22 23:14:24", "2024-11-22T23:14:24"),
        ("2024-11-22", "2024-11-22"),
        ("2024-11-22T23:14:24", "2024-11-22T23:14:24"),
        ("2024-11-22T23:14:24+08:00", "2024-11-22T23:14:24+08:00"),
        ("2024-11-22T15:14:24Z", "2024-11-22T15:14:24Z"),
        ("2024-11-22 23:14", "2024-11-22T23:14"),
        ("2024/11/22 23:14:24", "2024-11-22T23:14:24"),
        ("2024/1/5", "2024-01-05"),
    ] {
        let date = meta(&format!("date: {written}\n")).date;
        assert_eq!(date, Some(PostDate { text: written.into(), iso: Some(iso.into()) }), "{written}");
    }
}

#[test]
fn a_date_that_does_not_parse_warns_at_its_key_and_keeps_its_text() {
    let (meta, warning) = the_diagnostic("title: 冬天\n\ndate: 去年冬天\n", Severity::Warning);
    assert_eq!((warning.line, warning.column), (4, 1));
    assert!(warning.message.contains("去年冬天"), "{}", warning.message);
    assert_eq!(meta.date, Some(PostDate { text: "去年冬天".into(), iso: None }));
    assert_eq!(meta.title.as_deref(), Some("冬天"));
}

#[test]
fn an_impossible_date_warns() {
    let (meta, warning) = the_diagnostic("date: 2023-02-29\n", Severity::Warning);
    assert_eq!((warning.line, warning.column), (2, 1));
    assert_eq!(meta.date.and_then(|date| date.iso), None);
}

#[test]
fn tags_given_as_a_map_warn_at_their_key() {
    let (meta, warning) = the_diagnostic("title: a\ntags:\n  生活: 1\n", Severity::Warning);
    assert_eq!((warning.line, warning.column), (3, 1));
    assert!(warning.message.contains("tags"), "{}", warning.message);
    assert!(meta.tags.is_empty());
    assert_eq!(meta.title.as_deref(), Some("a"));
}

#[test]
fn a_title_given_as_a_list_warns() {
    let (meta, warning) = the_diagnostic("title: [a, b]\n", Severity::Warning);
    assert_eq!((warning.line, warning.column), (2, 1));
    assert_eq!(meta.title, None);
}

#[test]
fn other_keys_are_kept_in_extra_in_the_authors_order() {
    let meta = meta("layout: post\ntitle: a\ncomments: true\nmusic: /audio/a.mp3\nauthor:\n  name: 小明\nviews: 12\n");
    let author = Value::Map(Map(vec![("name".into(), text("小明"))]));
    let expected = vec![
        ("layout".to_string(), text("post")),
        ("comments".to_string(), Value::Bool(true)),
        ("music".to_string(), text("/audio/a.mp3")),
        ("author".to_string(), author),
        ("views".to_string(), Value::Number(12.0)),
    ];
    assert_eq!(meta.extra, Map(expected));
    assert_eq!(meta.title.as_deref(), Some("a"));
}

#[test]
fn front_matter_that_is_a_list_warns_and_is_ignored() {
    let (meta, warning) = the_diagnostic("- 生活\n- 读书\n", Severity::Warning);
    assert_eq!((warning.line, warning.column), (2, 1));
    assert!(warning.message.contains("a list"), "{}", warning.message);
    assert_eq!(meta, PostMeta::default());
}

#[test]
fn front_matter_that_is_a_scalar_warns_and_is_ignored() {
    let (meta, warning) = the_diagnostic("只是一句话\n", Severity::Warning);
    assert_eq!((warning.line, warning.column), (2, 1));
    assert!(warning.message.contains("text"), "{}", warning.message);
    assert_eq!(meta, PostMeta::default());
}

#[test]
fn empty_front_matter_is_no_metadata_and_no_warning() {
    assert_eq!(meta(""), PostMeta::default());
    assert_eq!(meta("# 只有注释\n"), PostMeta::default());
}

#[test]
fn a_duplicate_key_is_an_error_at_its_second_appearance() {
    let (meta, error) = the_diagnostic("title: 一\ntags: a\ntitle: 二\n", Severity::Error);
    assert_eq!((error.line, error.column), (4, 1));
    assert!(error.message.contains("duplicate") && error.message.contains("title"), "{}", error.message);
    assert_eq!(meta, PostMeta::default());
}

#[test]
fn a_duplicate_nested_key_is_an_error_at_its_second_appearance() {
    let (_, error) = the_diagnostic("author:\n  name: 小明\n  site: a.cn\n  name: 小红\n", Severity::Error);
    assert_eq!((error.line, error.column), (5, 3));
}
