//! Renders one benchmark input many times, for a profiler: `cargo run --release --example profile
//! -- [render|bare] [5KB|100KB|1MB|spec] [times]`. `render` is postview's whole pipeline,
//! `bare` pulldown-cmark's own `push_html` with the same parser options, for comparison. Under
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
    let mut bytes = 0;
    for _ in 0..times {
        bytes += match mode.as_str() {
            "render" => std::hint::black_box(postview::render(&source, &options)).html.len(),
            "bare" => {
                let mut out = String::with_capacity(source.len() * 3 / 2);
                html::push_html(&mut out, Parser::new_ext(&source, options.parser_options()));
                std::hint::black_box(out).len()
            }
            other => panic!("unknown mode {other}: render or bare"),
        };
    }
    println!("{mode} {input}: {} bytes in, {bytes} bytes of HTML out", source.len() * times);
}
