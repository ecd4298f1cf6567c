//! Tokenizer + gazetteer throughput on multi-megabyte corpora with diverse names: the default
//! lexicons, and synthetic lexicons of 100 000 and 500 000 entries whose own entries are
//! substituted into the corpus (so a big automaton meets its keys as often as text meets names).
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kilde::gazetteer::Gazetteer;
use kilde::lexicon::LexiconSet;
use kilde::tokenize::Tokenizer;
use std::time::Duration;

mod common;

const CORPUS_BYTES: usize = 4 << 20;

fn gazetteer(c: &mut Criterion) {
    let mut setups = vec![(
        "default".to_string(),
        LexiconSet::embedded().clone(),
        common::corpus(CORPUS_BYTES, 7),
    )];
    for n in [100_000, 500_000] {
        let (lexicons, pool) = common::synthetic_lexicons(n, 11);
        let corpus = common::corpus_with_names(CORPUS_BYTES, 7, &pool);
        setups.push((format!("{}k", n / 1000), lexicons, corpus));
    }
    let mut g = c.benchmark_group("gazetteer");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    for (name, lexicons, corpus) in &setups {
        let tokenizer = Tokenizer::with_abbreviations(lexicons.abbreviations().clone());
        let gazetteer = match Gazetteer::new(lexicons) {
            Ok(g) => g,
            Err(e) => panic!("gazetteer: {e}"),
        };
        let doc = tokenizer.analyse(corpus);
        let found = gazetteer.find_iter(&doc).count();
        eprintln!(
            "{name}: {} tokens, {found} matches, index (keys, states, entries) {:?}",
            doc.tokens().len(),
            gazetteer.stats()
        );
        g.throughput(Throughput::Bytes(corpus.len() as u64));
        g.bench_with_input(
            BenchmarkId::new("tokenize+match", name),
            corpus.as_str(),
            |b, text| {
                b.iter(|| {
                    let doc = tokenizer.analyse(text);
                    gazetteer.find_iter(&doc).count()
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("match", name), &doc, |b, doc| {
            b.iter(|| gazetteer.find_iter(doc).count())
        });
    }
    g.finish();
}

criterion_group!(benches, gazetteer);
criterion_main!(benches);
