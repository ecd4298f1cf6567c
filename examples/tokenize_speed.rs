//! Tokenizer throughput on the bench corpus, in wall time and in on-CPU time.
//!
//! `cargo run --release --example tokenize_speed [MB] [ROUNDS]`
//!
//! criterion (`cargo bench --bench tokenize`) is the reference; this example adds the thread's
//! on-CPU time (Linux `/proc/thread-self/schedstat`), which stays meaningful on a machine shared
//! with other jobs, where wall-clock MB/s understate the tokenizer.
use kilde::tokenize::Tokenizer;
use std::time::Instant;
use unicode_segmentation::UnicodeSegmentation;

#[path = "../benches/common/mod.rs"]
mod common;

/// Runs `f` `rounds` times over `text` and prints wall and on-CPU MB/s.
fn measure(name: &str, text: &str, rounds: usize, f: impl Fn(&str) -> usize) {
    let mut n = f(text); // warm the lexicons and caches
    let (wall, cpu) = (Instant::now(), common::cpu_ns());
    for _ in 0..rounds {
        n = f(text);
    }
    let secs = wall.elapsed().as_secs_f64();
    let bytes = (text.len() * rounds) as f64 / 1e6;
    print!(
        "{name}: {} bytes, {n} items: wall {:.0} MB/s",
        text.len(),
        bytes / secs
    );
    if let (Some(a), Some(b)) = (cpu, common::cpu_ns()) {
        print!(", on-CPU {:.0} MB/s", bytes / ((b - a) as f64 / 1e9));
    }
    println!();
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(4);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let tokenizer = Tokenizer::new();
    let corpus = common::corpus(mb << 20, 7);
    measure("kilde tokenize", &corpus, rounds, |t| {
        tokenizer.tokenize(t).count()
    });
    measure(
        "unicode-segmentation split_word_bounds",
        &corpus,
        rounds.div_ceil(4),
        |t| t.split_word_bounds().count(),
    );
}
