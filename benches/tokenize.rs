//! Tokenizer throughput on the bundled article and on a multi-megabyte diverse corpus.
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kilde::tokenize::Tokenizer;

mod common;

fn tokenize(c: &mut Criterion) {
    let tokenizer = Tokenizer::new();
    let corpus = common::corpus(4 << 20, 7);
    let mut g = c.benchmark_group("tokenize");
    for (name, text) in [
        ("article", common::ARTICLES[0]),
        ("corpus-4MB", corpus.as_str()),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("tokenize", name), text, |b, text| {
            b.iter(|| tokenizer.tokenize(text).count())
        });
    }
    g.finish();
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
