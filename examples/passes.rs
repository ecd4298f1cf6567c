//! Passes of `Extractor::extract` over the 4 MB bench corpus, for wall-clock runs and for
//! instruction counts: the numbers of the README's "Speed" since the eighteenth session.
//!
//! `cargo run --release --example passes -- [--lexicon-100k] [--cut] [--passes N] [--hash]`
//!
//! `--cut` cuts the corpus into 8 KB articles (as `pipeline_speed` does), `--lexicon-100k` uses
//! the synthetic 100k-entry lexicon, `--hash` prints a hash of every document's JSON instead of
//! timing (equal before and after a speed change). Instructions of one pass, documents built
//! and dropped, are callgrind's count of `passes::one_pass` with `--passes 2` less that with
//! `--passes 1`:
//!
//! ```sh
//! valgrind --tool=callgrind --toggle-collect=passes::one_pass \
//!     target/release/examples/passes --passes 2 --cut --lexicon-100k
//! ```
use kilde::Extractor;
use std::time::Instant;
#[path = "../benches/common/mod.rs"]
mod common;

fn main() -> Result<(), kilde::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |f: &str| args.iter().any(|a| a == f);
    let passes: usize = args
        .iter()
        .position(|a| a == "--passes")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let (extractor, corpus) = if has("--lexicon-100k") {
        let (lexicons, pool) = common::synthetic_lexicons(100_000, 11);
        let extractor = Extractor::builder().lexicons(lexicons).build()?;
        (extractor, common::corpus_with_names(4 << 20, 7, &pool))
    } else {
        (Extractor::new(), common::corpus(4 << 20, 7))
    };
    let texts: Vec<&str> = if has("--cut") {
        common::cut(&corpus, 8 << 10)
    } else {
        vec![corpus.as_str()]
    };
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    if has("--hash") {
        use std::hash::{DefaultHasher, Hasher};
        let mut h = DefaultHasher::new();
        for t in &texts {
            match serde_json::to_string(&extractor.extract(t)) {
                Ok(json) => h.write(json.as_bytes()),
                Err(e) => h.write(e.to_string().as_bytes()),
            }
        }
        println!("hash {:016x}", h.finish());
        return Ok(());
    }
    let mut n = 0;
    let wall = Instant::now();
    for _ in 0..passes {
        n += one_pass(&extractor, &texts);
    }
    let secs = wall.elapsed().as_secs_f64();
    println!(
        "passes {passes} entities {n} MB/s {:.1}",
        (bytes * passes) as f64 / 1e6 / secs
    );
    Ok(())
}

/// One pass, documents dropped inside: callgrind's --toggle-collect=passes::one_pass counts
/// what a caller pays, building and dropping included.
#[inline(never)]
fn one_pass(extractor: &Extractor, texts: &[&str]) -> usize {
    let mut n = 0;
    for t in texts {
        n += std::hint::black_box(extractor.extract(t)).entities.len();
    }
    n
}
