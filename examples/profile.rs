//! Renders one benchmark input many times, for a profiler: `cargo run --release --example profile
//! -- [render|bare|keystroke] [5KB|100KB|1MB|spec] [times]`. `render` is postview's whole
//! pipeline, `bare` pulldown-cmark's own `push_html` with the same parser options, for
//! comparison; `keystroke` renders the input once, then `times` times a character typed before
//! a full stop in the middle of it, re-rendered by `Incremental` as the live preview does. Under
//! `valgrind --tool=callgrind` the instruction counts do not depend on the machine's load.

#[path = "../benches/inputs/posts.rs"]
mod post_inputs;

use pulldown_cmark::{html, Parser};

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "render".into());
    let input = args.next().unwrap_or_else(|| "100KB".into());
    let times: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let source = match input.as_str() {
        "spec" => post_inputs::commonmark_spec().expect("node_modules/commonmark-spec/spec.txt (run `make setup`)"),
        name => {
            let &(_, size) = post_inputs::SIZES
                .iter()
                .find(|(size_name, _)| size_name.replace(' ', "") == name)
                .expect("an input: 5KB, 100KB, 1MB or spec");
            post_inputs::post_of_size(size)
        }
    };
    let options = postview::RenderOptions::default();
    if mode == "keystroke" {
        return type_into(source, &options, times);
    }
    let mut bytes = 0;
    for _ in 0..times {
        bytes += match mode.as_str() {
            "render" => std::hint::black_box(postview::render(&source, &options)).html.len(),
            "bare" => {
                let mut out = String::with_capacity(source.len() * 3 / 2);
                html::push_html(&mut out, Parser::new_ext(&source, options.parser_options()));
                std::hint::black_box(out).len()
            }
            other => panic!("unknown mode {other}: render, bare or keystroke"),
        };
    }
    println!("{mode} {input}: {} bytes in, {bytes} bytes of HTML out", source.len() * times);
}

/// Renders `source`, then `times` times a character typed into its middle, incrementally.
fn type_into(mut source: String, options: &postview::RenderOptions, times: usize) {
    let mut incremental = postview::Incremental::new(options.clone());
    incremental.render(&source, None);
    let mut middle = source.len() / 2;
    while !source.is_char_boundary(middle) {
        middle -= 1;
    }
    let mut at = source[middle..].find('。').map_or(source.len(), |n| middle + n);
    for _ in 0..times {
        source.insert(at, '嗯');
        at += '嗯'.len_utf8();
        std::hint::black_box(incremental.render(&source, None));
    }
    println!("keystroke: {times} characters typed, the last render {:?}", incremental.path());
}
