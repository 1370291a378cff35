//! Pins that `render` never panics, whatever it is given, and still reports sane positions.

use std::panic;

use postview::{render, RawHtml, RenderOptions};

fn awkward_inputs() -> Vec<String> {
    let fixed = [
        "",
        "---",
        "---\n",
        "---\n---",
        "---\n...\n",
        "...",
        "\u{feff}",
        "\u{feff}---",
        "\u{feff}\u{feff}---\n---\n",
        "---\n\u{feff}---\n",
        "\0",
        "---\n\0: \0\n---\n\0",
        "---\ntitle: \"\0\"\n---\n",
        "\r",
        "\r\r\r",
        "---\rtitle: a\r---\rbody\r",
        "---\r\n",
        "---\r\ntitle: a\r\n\r\n",
        "a\rb\r\n[x](javascript:y)\r![z](data:text/html,1)",
        "---\ntitle: 中\n  中: 中\n---\n中",
        "---\ntags: [a, b\n",
        "---\n\"\n---\n",
        "---\n'\n",
        "---\n: : :\n---\n",
        "---\n- - - -\n---\n",
        "---\n? [a]\n: {b: c}\n---\n",
        "---\n&a a: *a\n---\n",
        "---\ndate: 9999-99-99 99:99:99+99:99\n---\n",
        "---\ndate: \"2024-02-30T25:61\"\ntags: {a: [b]}\ncategories: [[], [[]], {}]\n---\n",
        "[^1]\n\n[^1]: [^1]\n",
        "| a |\n|---|\n| `|` |",
        "<!--",
        "<script>",
        "![](<>)",
        "[](#)",
        "#\n##\n# #\n",
        "😀\u{200b}\u{202e}\u{fffd}",
    ];
    let long = [
        "a".repeat(1 << 20),
        "中".repeat(200_000),
        "[".repeat(100_000),
        "*".repeat(100_000),
        "`".repeat(100_000),
        "> ".repeat(10_000),
        "- ".repeat(10_000),
        "#".repeat(100_000),
        "\n".repeat(100_000),
        format!("---\n{}\n---\n", "a: ".repeat(50_000)),
        format!("---\ntitle: {}\n", "字".repeat(100_000)),
        format!("[x]({})", "javascript:".repeat(10_000)),
    ];
    fixed.into_iter().map(String::from).chain(long).collect()
}

fn option_sets() -> Vec<RenderOptions> {
    let trusted = RenderOptions { raw_html: RawHtml::Trust, ..RenderOptions::default() };
    vec![
        RenderOptions::default(),
        RenderOptions { raw_html: RawHtml::Escape, ..trusted.clone() },
        trusted,
        RenderOptions::commonmark(),
    ]
}

/// The first few characters of an input, for a readable failure.
fn preview(input: &str) -> String {
    format!("{:?} ({} bytes)", input.chars().take(40).collect::<String>(), input.len())
}

#[test]
fn render_never_panics_on_awkward_inputs() {
    for options in option_sets() {
        for input in awkward_inputs() {
            let rendered = panic::catch_unwind(|| render(&input, &options))
                .unwrap_or_else(|_| panic!("render panicked on {} with {options:?}", preview(&input)));
            let lines = input.split('\n').count();
            for diagnostic in &rendered.diagnostics {
                assert!(
                    (1..=lines).contains(&diagnostic.line) && diagnostic.column >= 1,
                    "{diagnostic:?} for {}",
                    preview(&input)
                );
            }
        }
    }
}

#[test]
fn a_lone_byte_order_mark_renders_nothing() {
    let rendered = render("\u{feff}", &RenderOptions::default());
    assert_eq!((rendered.html.as_str(), rendered.header_html.as_str()), ("", ""));
    assert_eq!(rendered.front_matter, None);
    assert!(rendered.diagnostics.is_empty());
}
