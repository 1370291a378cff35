//! Throughput on hostile inputs (tests/support/hostile.rs) against an ordinary post, natively:
//! `make bench` prints MB/s for each and the worst ratio; the target is at least 1/20 of the
//! ordinary post's throughput for every input.

#[path = "../tests/support/hostile.rs"]
mod hostile;

use std::time::{Duration, Instant};

use postview::{render, RenderOptions};

/// MB/s over as many runs as fit in about half a second (at least one).
fn throughput(source: &str) -> f64 {
    let options = RenderOptions::default();
    let start = Instant::now();
    let mut runs = 0u32;
    while runs == 0 || start.elapsed() < Duration::from_millis(500) {
        std::hint::black_box(render(std::hint::black_box(source), &options));
        runs += 1;
    }
    source.len() as f64 * f64::from(runs) / start.elapsed().as_secs_f64() / 1e6
}

fn main() {
    let filter = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    let ordinary = throughput(&hostile::post_of_size(100_000));
    println!("{:<40} {:>10} {:>10} {:>8}", "input", "size", "MB/s", "ratio");
    println!("{:<40} {:>10} {:>10.1} {:>8.2}", "ordinary post, 100 KB", 100_000, ordinary, 1.0);
    let mut worst = ("", f64::INFINITY);
    for input in hostile::all() {
        if filter.as_deref().is_some_and(|f| !input.name.contains(f)) {
            continue;
        }
        let mbs = throughput(&input.source);
        let ratio = mbs / ordinary;
        println!("{:<40} {:>10} {:>10.1} {:>8.2}", input.name, input.source.len(), mbs, ratio);
        if ratio < worst.1 {
            worst = (input.name, ratio);
        }
    }
    let verdict = if worst.1 >= 0.05 { "meets" } else { "MISSES" };
    println!("\nworst: {} at {:.3} of the ordinary throughput ({verdict} the 1/20 target)", worst.0, worst.1);
}
