//! Prints the entry count of every embedded lexicon and how long parsing them takes.
//!
//! ```sh
//! cargo run --release --example lexicons                 # embedded lexicons
//! cargo run --release --example lexicons -- lexicons-extra/apertium lexicons-extra/giellalt
//! ```
//!
//! The first access to `LexiconSet::embedded()` in a fresh process is the lexicon part of the
//! cold start; the re-parse of `lexicons/` (the same files, read from disk, 20 runs) gives a
//! steadier number; `Extractor::new()` after that is the rest of the cold start (the gazetteer
//! and the entity tables built from the parsed lexicons, 5 runs). Extra directories given as
//! arguments are added on top, to show their counts and cost.

use kilde::lexicon::{LexiconKind, LexiconSet};
use std::time::{Duration, Instant};

fn main() -> Result<(), kilde::Error> {
    let start = Instant::now();
    let embedded = LexiconSet::embedded();
    let cold = start.elapsed();

    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons");
    let mut runs: Vec<Duration> = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let set = LexiconSet::empty_builder().add_dir(dir)?.build();
        runs.push(t.elapsed());
        std::hint::black_box(set);
    }
    runs.sort();

    let mut extractor_runs: Vec<Duration> = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let extractor = kilde::Extractor::new();
        extractor_runs.push(t.elapsed());
        std::hint::black_box(extractor);
    }
    extractor_runs.sort();

    let extra_dirs: Vec<String> = std::env::args().skip(1).collect();
    let mut with_extra = LexiconSet::builder();
    let t = Instant::now();
    for d in &extra_dirs {
        with_extra.add_dir(d)?;
    }
    let with_extra = with_extra.build();
    let extra_time = t.elapsed();

    println!("{:<20} {:>9} {:>12}", "kind", "embedded", "with extra");
    for kind in LexiconKind::ALL {
        println!(
            "{:<20} {:>9} {:>12}",
            kind.file_name(),
            embedded.len(kind),
            with_extra.len(kind)
        );
    }
    println!("cold start (first LexiconSet::embedded()): {cold:.2?}");
    println!(
        "re-parse of lexicons/ from disk: median {:.2?}, min {:.2?} (20 runs)",
        runs[runs.len() / 2],
        runs[0]
    );
    println!(
        "Extractor::new() after that: median {:.2?}, min {:.2?} (5 runs)",
        extractor_runs[extractor_runs.len() / 2],
        extractor_runs[0]
    );
    if !extra_dirs.is_empty() {
        println!("adding {} extra dir(s): {extra_time:.2?}", extra_dirs.len());
    }
    Ok(())
}
