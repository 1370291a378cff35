//! The benchmark posts, natively: the same generator as benches/browser/inputs.mjs, over the same
//! seed (benches/inputs/post-seed.md), so native and browser figures are for byte-identical inputs.

/// The seed post: front matter, then one section that repeats with `{n}` numbered 1, 2, 3...
const SEED: &str = include_str!("post-seed.md");

/// The sizes the issue names, in bytes: 5 KB, 100 KB and 1 MB.
pub const SIZES: [(&str, usize); 3] = [("5 KB", 5 << 10), ("100 KB", 100 << 10), ("1 MB", 1 << 20)];

/// The seed's front matter (with the blank line after it) and its repeating section.
fn seed_parts() -> (&'static str, &'static str) {
    let end = SEED[4..].find("\n---\n").expect("the seed opens with front matter") + 4 + "\n---\n\n".len();
    SEED.split_at(end)
}

/// The front matter, then numbered sections until the post holds at least `size` bytes.
pub fn post_of_size(size: usize) -> String {
    let (front_matter, section) = seed_parts();
    let mut post = String::from(front_matter);
    let mut n = 1;
    while post.len() < size {
        post.push_str(&section.replace("{n}", &n.to_string()));
        n += 1;
    }
    post
}

/// The CommonMark spec text from npm's `commonmark-spec` (installed by `make setup`).
pub fn commonmark_spec() -> Option<String> {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/node_modules/commonmark-spec/spec.txt")).ok()
}
