//! Tokenizer throughput on the bundled article and on a multi-megabyte diverse corpus, with
//! unicode-segmentation's word boundaries alone as the reference in the same run (the machine
//! is shared, so ratios within one run are what compare).
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kilde::tokenize::Tokenizer;
use unicode_segmentation::UnicodeSegmentation;

mod common;

fn tokenize(c: &mut Criterion) {
    let tokenizer = Tokenizer::new();
    let corpus = common::corpus(4 << 20, 7);
    // Warm the embedded lexicons before timing.
    tokenizer.tokenize(common::ARTICLES[0]).count();
    let mut g = c.benchmark_group("tokenize");
    for (name, text) in [
        ("article", common::ARTICLES[0]),
        ("corpus-4MB", corpus.as_str()),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("tokenize", name), text, |b, text| {
            b.iter(|| tokenizer.tokenize(text).count())
        });
        g.bench_with_input(BenchmarkId::new("stream-64KiB", name), text, |b, text| {
            b.iter(|| {
                let mut stream = tokenizer.stream();
                let mut n = 0;
                let mut pos = 0;
                while pos < text.len() {
                    let mut end = (pos + (1 << 16)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                    n += stream.feed(&text[pos..end]).count();
                    pos = end;
                }
                n + stream.finish().count()
            })
        });
        g.bench_with_input(BenchmarkId::new("uax29-only", name), text, |b, text| {
            b.iter(|| text.split_word_bounds().count())
        });
    }
    g.finish();
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
