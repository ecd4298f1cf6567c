//! Entity stage throughput (recognition, linking and coreference) on the bundled article and
//! on the multi-megabyte bench corpus; tokens and gazetteer matches are made before timing.
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kilde::coref;
use kilde::entity::EntityRecognizer;
use kilde::gazetteer::{Gazetteer, GazetteerMatch};
use kilde::lexicon::LexiconSet;
use kilde::tokenize::Tokenizer;

mod common;

fn entities(c: &mut Criterion) {
    let lexicons = LexiconSet::embedded();
    let tokenizer = Tokenizer::new();
    let gazetteer = match Gazetteer::new(lexicons) {
        Ok(g) => g,
        Err(e) => panic!("gazetteer: {e}"),
    };
    let recognizer = EntityRecognizer::new(lexicons);
    let corpus = common::corpus(4 << 20, 7);
    let mut g = c.benchmark_group("entities");
    for (name, text) in [
        ("article", common::ARTICLES[0]),
        ("corpus-4MB", corpus.as_str()),
    ] {
        let doc = tokenizer.analyse(text);
        let matches: Vec<GazetteerMatch> = gazetteer.find_iter(&doc).collect();
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("recognize", name), &doc, |b, doc| {
            b.iter(|| recognizer.recognize(doc, &matches).len())
        });
        g.bench_with_input(BenchmarkId::new("recognize+coref", name), &doc, |b, doc| {
            b.iter(|| {
                let mentions = recognizer.recognize(doc, &matches);
                coref::resolve_with(doc, &mentions, &recognizer)
                    .people
                    .len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, entities);
criterion_main!(benches);
