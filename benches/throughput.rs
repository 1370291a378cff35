//! Native throughput of the whole core (front matter + Markdown + safe HTML) on the benchmark posts
//! (5 KB, 100 KB, 1 MB) and the CommonMark spec text. Prints MB/s and writes them to
//! target/bench/native-throughput.json, which benches/browser/run.mjs puts in its table.

#[path = "inputs/posts.rs"]
mod post_inputs;

use std::time::{Duration, Instant};

use postview::{render, RenderOptions};

/// How long each input is timed, and the least time one timed batch of renders takes.
const TIMED: Duration = Duration::from_millis(600);
const BATCH: Duration = Duration::from_millis(20);

/// Median MB/s (10^6 bytes) over batches of renders, after a warm-up batch. Batches, not single
/// renders, so that a 5 KB render is not lost in timer noise; the median, so that a neighbour's
/// build stealing the CPU for a moment does not move the figure.
fn throughput(source: &str) -> f64 {
    let options = RenderOptions::default();
    let render_batch = |runs: u32| {
        let start = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(render(std::hint::black_box(source), &options));
        }
        start.elapsed()
    };
    let once = render_batch(1).max(Duration::from_nanos(1));
    let runs = (BATCH.as_secs_f64() / once.as_secs_f64()).ceil().max(1.0) as u32;
    let mut rates = vec![];
    let start = Instant::now();
    while rates.len() < 5 || start.elapsed() < TIMED {
        let elapsed = render_batch(runs);
        rates.push(source.len() as f64 * f64::from(runs) / elapsed.as_secs_f64() / 1e6);
    }
    rates.sort_by(f64::total_cmp);
    rates[rates.len() / 2]
}

fn main() {
    let mut inputs: Vec<(String, String)> = post_inputs::SIZES
        .iter()
        .map(|&(name, size)| (format!("post {name}"), post_inputs::post_of_size(size)))
        .collect();
    match post_inputs::commonmark_spec() {
        Some(spec) => inputs.push(("CommonMark spec".into(), spec)),
        None => eprintln!("node_modules/commonmark-spec/spec.txt is missing (run `make setup`); skipping it"),
    }
    println!("{:<20} {:>10} {:>10}", "input (native)", "bytes", "MB/s");
    let mut json = vec![];
    for (name, source) in &inputs {
        let mbs = throughput(source);
        println!("{name:<20} {:>10} {mbs:>10.1}", source.len());
        json.push(format!("{{\"input\":\"{name}\",\"bytes\":{},\"mbPerS\":{mbs:.2}}}", source.len()));
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench");
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(format!("{dir}/native-throughput.json"), format!("[{}]\n", json.join(","))));
    if let Err(error) = written {
        eprintln!("could not write {dir}/native-throughput.json: {error}");
    }
}
