//! Whole-pipeline throughput, stage by stage, in wall time and in on-CPU time.
//!
//! `cargo run --release --example pipeline_speed [ROUNDS] [--lexicon-100k]`
//!
//! With `STAGE=NAME` in the environment only the stages whose name starts so are timed (for a
//! profiler: `STAGE=quotes perf record ...`).
//!
//! Each stage is timed alone on its own input (the tokens, the matches, the mentions ...), and
//! the whole `Extractor::extract` last, on the bundled articles and on the 4 MB bench corpus cut
//! into article-sized texts (see `benches/common`). criterion (`cargo bench --bench pipeline`)
//! is the reference; this example shows where the time goes and adds the thread's on-CPU time
//! (Linux `/proc/thread-self/schedstat`), which stays meaningful on a shared machine. Under a
//! sampling profiler (`perf record`) it runs only the library, not the bench setup. The output
//! fingerprint (a hash of every document's JSON) shows whether a speed change altered results.
use kilde::Extractor;
use kilde::coref;
use kilde::gazetteer::GazetteerMatch;
use std::time::Instant;

#[path = "../benches/common/mod.rs"]
mod common;

/// Runs `f` over every text `rounds` times and prints wall and on-CPU MB/s.
fn measure(name: &str, texts: &[&str], rounds: usize, mut f: impl FnMut(usize) -> usize) {
    if std::env::var("STAGE").is_ok_and(|only| !name.starts_with(only.as_str())) {
        return;
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut n: usize = (0..texts.len()).map(&mut f).sum();
    let (wall, cpu) = (Instant::now(), common::cpu_ns());
    for _ in 0..rounds {
        n = (0..texts.len()).map(&mut f).sum();
    }
    let secs = wall.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    print!("  {name:<22} {n:>8} items  wall {:>7.1} MB/s", mb / secs);
    if let (Some(a), Some(b)) = (cpu, common::cpu_ns()) {
        print!("  on-CPU {:>7.1} MB/s", mb / ((b - a) as f64 / 1e9));
    }
    println!();
}

/// A hash of every document's JSON: equal before and after a change that must not alter the
/// output (a speed change), different when it does.
fn fingerprint(extractor: &Extractor, texts: &[&str]) -> u64 {
    use std::hash::{DefaultHasher, Hasher};
    let mut h = DefaultHasher::new();
    for t in texts {
        match serde_json::to_string(&extractor.extract(t)) {
            Ok(json) => h.write(json.as_bytes()),
            Err(e) => h.write(e.to_string().as_bytes()),
        }
    }
    h.finish()
}

fn main() -> Result<(), kilde::Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(20);
    let (extractor, corpus) = if args.iter().any(|a| a == "--lexicon-100k") {
        let (lexicons, pool) = common::synthetic_lexicons(100_000, 11);
        let extractor = Extractor::builder().lexicons(lexicons).build()?;
        (extractor, common::corpus_with_names(4 << 20, 7, &pool))
    } else {
        (Extractor::new(), common::corpus(4 << 20, 7))
    };
    let tokenizer = extractor.tokenizer();
    let gazetteer = extractor.gazetteer();
    let recognizer = kilde::entity::EntityRecognizer::new(extractor.lexicons());
    let quoter = kilde::quote::Quoter::new(extractor.lexicons());

    for (label, texts, rounds) in [
        ("bundled articles", common::ARTICLES.to_vec(), rounds * 50),
        (
            "corpus cut into 8 KB texts",
            common::cut(&corpus, 8 << 10),
            rounds,
        ),
    ] {
        println!("{label}: {} texts", texts.len());
        let docs: Vec<_> = texts.iter().map(|t| tokenizer.analyse(t)).collect();
        let matches: Vec<Vec<GazetteerMatch>> = docs
            .iter()
            .map(|d| gazetteer.find_iter(d).collect())
            .collect();
        let mentions: Vec<_> = docs
            .iter()
            .zip(&matches)
            .map(|(d, m)| recognizer.recognize(d, m))
            .collect();
        let corefs: Vec<_> = docs
            .iter()
            .zip(&mentions)
            .map(|(d, m)| coref::resolve_with(d, m, &recognizer))
            .collect();
        measure("tokenize", &texts, rounds, |i| {
            tokenizer.tokenize(texts[i]).count()
        });
        measure("tokenize+sentences", &texts, rounds, |i| {
            tokenizer.analyse(texts[i]).tokens().len()
        });
        measure("gazetteer", &texts, rounds, |i| {
            gazetteer.find_iter(&docs[i]).count()
        });
        measure("entities", &texts, rounds, |i| {
            recognizer.recognize(&docs[i], &matches[i]).len()
        });
        measure("coreference", &texts, rounds, |i| {
            coref::resolve_with(&docs[i], &mentions[i], &recognizer)
                .people
                .len()
        });
        measure("quotes", &texts, rounds, |i| {
            quoter.extract(&docs[i], &corefs[i]).len()
        });
        measure("extract (all)", &texts, rounds, |i| {
            extractor.extract(texts[i]).entities.len()
        });
        println!(
            "  output fingerprint     {:016x}",
            fingerprint(&extractor, &texts)
        );
    }
    Ok(())
}
