//! Renders a post file and prints the result: `cargo run --example render -- post.md`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: render <post.md>");
    let source = std::fs::read_to_string(&path).expect("readable UTF-8 file");
    let rendered = postview::render(&source, &postview::RenderOptions::default());
    println!("{}{}", rendered.header_html, rendered.html);
    for d in rendered.diagnostics {
        eprintln!("{path}:{}:{}: {:?}: {}", d.line, d.column, d.severity, d.message);
    }
}
