//! CJK-friendly emphasis: `**真，**她` is bold in the `post` flavor, as the markdown-cjk-friendly
//! amendments to CommonMark's flanking rules say, and turning the option off gives CommonMark's
//! result again.
//!
//! Each fixture is `tests/fixtures/cjk/NAME.md` with the body it must render to (default options)
//! in `NAME.html`; tests/fixtures/cjk/README.md says where each comes from.

use std::{fs, path::PathBuf};

use postview::{render, Flavor, RenderOptions};

fn fixture(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cjk").join(file);
    fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Renders `NAME.md` with the default options and compares its body with `NAME.html`, line by
/// line so that a failure names the paragraph.
#[track_caller]
fn assert_fixture(name: &str) {
    let source = fixture(&format!("{name}.md"));
    let got = render(&source, &RenderOptions::default()).html;
    let expected = fixture(&format!("{name}.html"));
    for (got, expected) in got.lines().zip(expected.lines()) {
        assert_eq!(got, expected, "in {name}.md");
    }
    assert_eq!(got, expected, "{name}.md renders to {name}.html");
}

fn html(source: &str, options: &RenderOptions) -> String {
    render(source, options).html
}

fn post_without_cjk_emphasis() -> RenderOptions {
    RenderOptions { cjk_friendly_emphasis: Some(false), ..RenderOptions::default() }
}

#[test]
fn chinese_sentences_with_punctuation_inside_the_stars_are_bold() {
    assert_fixture("chinese-posts");
}

#[test]
fn the_specifications_kana_and_han_examples_are_bold() {
    assert_fixture("kana-han-strong");
}

#[test]
fn the_specifications_korean_examples_are_bold() {
    assert_fixture("korean");
}

#[test]
fn cjk_symbols_that_are_also_emoji_count_as_cjk() {
    assert_fixture("pseudo-emoji");
}

#[test]
fn non_cjk_punctuation_outside_the_basic_plane_still_blocks_emphasis() {
    assert_fixture("non-bmp-punctuation");
}

#[test]
fn underscores_open_after_cjk_punctuation_and_its_variation_selectors() {
    assert_fixture("underscore-cjk-punctuation");
}

#[test]
fn strikethrough_follows_the_same_rules() {
    assert_fixture("strikethrough");
}

#[test]
fn the_specifications_readme_examples_are_bold() {
    assert_fixture("readme-examples");
}

#[test]
fn turning_the_option_off_gives_commonmarks_result() {
    let off = post_without_cjk_emphasis();
    assert_eq!(html("**真，**她\n", &off), "<p>**真，**她</p>\n");
    assert_eq!(html("**中文：**后\n", &off), "<p>**中文：**后</p>\n");
    assert_eq!(html("这是**我想做的事。**所以继续。\n", &off), "<p>这是**我想做的事。**所以继续。</p>\n");
    assert_eq!(html("a~~a()~~あ\n", &off), "<p>a~~a()~~あ</p>\n");
    // What CommonMark already makes bold stays bold either way.
    assert_eq!(html("太郎は**こんにちわ**といった\n", &off), "<p>太郎は<strong>こんにちわ</strong>といった</p>\n");
}

#[test]
fn the_commonmark_flavor_leaves_it_off_unless_asked() {
    let plain = RenderOptions::commonmark();
    assert_eq!(html("**真，**她\n", &plain), "<p>**真，**她</p>\n");
    let asked = RenderOptions { cjk_friendly_emphasis: Some(true), ..RenderOptions::commonmark() };
    assert_eq!(html("**真，**她\n", &asked), "<p><strong>真，</strong>她</p>\n");
    assert_eq!(RenderOptions::default().flavor, Flavor::Post);
}

#[test]
fn text_without_cjk_renders_the_same_with_the_option_on_or_off() {
    // The amendments only add cases: text with nothing CJK around its stars is untouched.
    let source = "*foo*bar **foo, bar** a**\"b\"**c __a__b _a_ foo-_(bar)_ *(**a**)* ~~x~~ **a.**b\n";
    assert_eq!(html(source, &RenderOptions::default()), html(source, &post_without_cjk_emphasis()));
}
