//! The whole pipeline, end to end, on one thread: MB/s of input with the default lexicons and
//! with a 100k-entry lexicon, beside the tokenizer alone on the same text.
//!
//! Corpora: the bundled article, and about 4 MB of shuffled press paragraphs with diverse names
//! (see `common`), as one text and cut into articles of about 8 KB. The 100k-entry lexicon is
//! `common::synthetic_lexicons`, built from the embedded name lists as in the gazetteer bench,
//! and its corpus holds its own entries; the extractor's build time is printed once, as it is
//! what a one-shot job pays.
//! Batch throughput on all cores is measured with `examples/batch.rs` (see the README).
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kilde::Extractor;
use kilde::lexicon::LexiconKind;
use std::time::Instant;

mod common;

fn pipeline(c: &mut Criterion) {
    let default = Extractor::new();
    // Warm the lazy statics before timing.
    let _ = default.extract(common::ARTICLES[0]);
    let corpus = common::corpus(4 << 20, 7);

    let (lexicons, pool) = common::synthetic_lexicons(100_000, 11);
    let entries: usize = LexiconKind::ALL.iter().map(|k| lexicons.len(*k)).sum();
    let t0 = Instant::now();
    let big = Extractor::builder()
        .lexicons(lexicons.clone())
        .build()
        .unwrap_or_else(|e| panic!("the 100k-entry extractor builds: {e}"));
    eprintln!(
        "100k lexicon: {entries} entries, extractor built in {:.2} s",
        t0.elapsed().as_secs_f64()
    );
    let big_corpus = common::corpus_with_names(4 << 20, 7, &pool);

    let mut g = c.benchmark_group("pipeline");
    // Multi-megabyte inputs: ten samples give stable medians without minutes per bench.
    g.sample_size(10);
    for (name, text) in [
        ("article", common::ARTICLES[0]),
        ("corpus-4MB", corpus.as_str()),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("extract-default", name), text, |b, t| {
            b.iter(|| default.extract(t))
        });
        g.bench_with_input(BenchmarkId::new("tokenize", name), text, |b, t| {
            b.iter(|| default.tokenizer().tokenize(t).count())
        });
    }
    g.throughput(Throughput::Bytes(big_corpus.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("extract-100k", "corpus-4MB"),
        big_corpus.as_str(),
        |b, t| b.iter(|| big.extract(t)),
    );
    // Archives come as articles: the same corpora cut at paragraph ends into texts of about
    // 8 KB, one `extract` each, which keeps each text's per-token tables in the caches.
    for (name, extractor, text) in [
        ("extract-default", &default, corpus.as_str()),
        ("extract-100k", &big, big_corpus.as_str()),
    ] {
        let articles = common::cut(text, 8 << 10);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::new(name, "corpus-4MB-as-articles"),
            &articles,
            |b, texts| {
                b.iter(|| {
                    texts
                        .iter()
                        .map(|t| extractor.extract(t).entities.len())
                        .sum::<usize>()
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
