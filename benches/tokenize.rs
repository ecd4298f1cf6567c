//! Tokenizer throughput (placeholder until the corpus bench lands).
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kilde::tokenize::Tokenizer;

const ARTICLE: &str = include_str!("../examples/articles/000_daef0d3acb2eb511.txt");

fn tokenize(c: &mut Criterion) {
    let tokenizer = Tokenizer::new();
    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Bytes(ARTICLE.len() as u64));
    g.bench_function("article", |b| {
        b.iter(|| tokenizer.tokenize(ARTICLE).count())
    });
    g.finish();
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
