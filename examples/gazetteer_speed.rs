//! Gazetteer throughput on the bench corpora, in wall time and in on-CPU time: the default
//! lexicons and synthetic lexicons of 100 000 and 500 000 entries (see `benches/common`).
//!
//! `cargo run --release --example gazetteer_speed [ROUNDS]`
//!
//! With `ONLY=NAME` in the environment only that setup runs (`default`, `100k` or `500k`; the
//! others are not even built), for a profiler or a quick look at one lexicon size.
//!
//! criterion (`cargo bench --bench gazetteer`) is the reference; this example adds the thread's
//! on-CPU time (Linux `/proc/thread-self/schedstat`), which stays meaningful on a machine shared
//! with other jobs, and the build time of each gazetteer.
use kilde::gazetteer::Gazetteer;
use kilde::lexicon::LexiconSet;
use kilde::tokenize::Tokenizer;
use std::time::Instant;

#[path = "../benches/common/mod.rs"]
mod common;

/// Runs `f` `rounds` times and prints wall and on-CPU MB/s of `bytes` per round.
fn measure(name: &str, bytes: usize, rounds: usize, f: impl Fn() -> usize) {
    let mut n = f();
    let (wall, cpu) = (Instant::now(), common::cpu_ns());
    for _ in 0..rounds {
        n = f();
    }
    let secs = wall.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    print!("{name}: {n} items: wall {:.0} MB/s", mb / secs);
    if let (Some(a), Some(b)) = (cpu, common::cpu_ns()) {
        print!(", on-CPU {:.0} MB/s", mb / ((b - a) as f64 / 1e9));
    }
    println!();
}

fn main() -> Result<(), kilde::Error> {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let only = std::env::var("ONLY").ok();
    let wanted = |name: &str| only.as_deref().is_none_or(|o| o == name);
    let mut setups = Vec::new();
    if wanted("default") {
        setups.push((
            "default".to_string(),
            LexiconSet::embedded().clone(),
            common::corpus(4 << 20, 7),
        ));
    }
    for n in [100_000, 500_000] {
        if !wanted(&format!("{}k", n / 1000)) {
            continue;
        }
        let (lexicons, pool) = common::synthetic_lexicons(n, 11);
        let corpus = common::corpus_with_names(4 << 20, 7, &pool);
        setups.push((format!("{}k", n / 1000), lexicons, corpus));
    }
    for (name, lexicons, corpus) in &setups {
        let tokenizer = Tokenizer::with_abbreviations(lexicons.abbreviations().clone());
        let (wall, cpu) = (Instant::now(), common::cpu_ns());
        let gazetteer = Gazetteer::new(lexicons)?;
        print!(
            "{name}: build wall {:.0} ms",
            wall.elapsed().as_secs_f64() * 1e3
        );
        if let (Some(a), Some(b)) = (cpu, common::cpu_ns()) {
            print!(", on-CPU {:.0} ms", (b - a) as f64 / 1e6);
        }
        let (keys, states, entries) = gazetteer.stats();
        println!("; index: {keys} token keys, {states} trie states, {entries} entries");
        let doc = tokenizer.analyse(corpus);
        measure(&format!("{name} match"), corpus.len(), rounds, || {
            gazetteer.find_iter(&doc).count()
        });
        measure(&format!("{name} tokenize"), corpus.len(), rounds, || {
            tokenizer.tokenize(corpus).count()
        });
        measure(
            &format!("{name} tokenize+match"),
            corpus.len(),
            rounds,
            || {
                let doc = tokenizer.analyse(corpus);
                gazetteer.find_iter(&doc).count()
            },
        );
    }
    Ok(())
}
