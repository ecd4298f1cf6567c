//! The quote stage alone (on text already tokenized and resolved) and the whole pipeline
//! (tokenize → gazetteer → entities → coref → quotes), on the bundled article and the diverse
//! bench corpus.
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kilde::Extractor;
use kilde::coref::Coreference;
use kilde::lexicon::LexiconSet;
use kilde::quote::Quoter;
use kilde::tokenize::Tokenizer;

mod common;

fn quotes(c: &mut Criterion) {
    let extractor = Extractor::new();
    let quoter = Quoter::new(LexiconSet::embedded());
    let corpus = common::corpus(1 << 20, 7);
    // Warm the lazy statics before timing.
    let _ = extractor.extract(common::ARTICLES[0]);
    let mut g = c.benchmark_group("quotes");
    for (name, text) in [
        ("article", common::ARTICLES[0]),
        ("corpus-1MB", corpus.as_str()),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        let doc = Tokenizer::new().analyse(text);
        let coref = Coreference::default();
        g.bench_with_input(BenchmarkId::new("quote-stage", name), &doc, |b, doc| {
            b.iter(|| quoter.extract(doc, &coref).len())
        });
        g.bench_with_input(BenchmarkId::new("pipeline", name), text, |b, text| {
            b.iter(|| extractor.extract(text).quotes.len())
        });
    }
    g.finish();
}

criterion_group!(benches, quotes);
criterion_main!(benches);
