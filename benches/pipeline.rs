//! The whole pipeline, end to end, on one thread: MB/s of input with the default lexicons and
//! with a 100k-entry lexicon, beside the tokenizer alone on the same text.
//!
//! Corpora: the bundled article, and about 4 MB of shuffled press paragraphs whose names are
//! drawn from the lexicons in use (see `common`), so a big lexicon is matched on text that
//! holds its names. The 100k-entry lexicon is built here from the embedded name lists (given
//! names, surnames, places, organisations and their combinations, with generated surnames when
//! the lists are short); its build time is printed once, as it is what a one-shot job pays.
//! Batch throughput on all cores is measured with `examples/batch.rs` (see the README).
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kilde::Extractor;
use kilde::lexicon::{LexiconKind, LexiconSet};
use std::collections::HashSet;
use std::time::Instant;

mod common;

/// Surname endings and organisation words to grow the name lists with.
const ENDINGS: [&str; 16] = [
    "sen", "rud", "stad", "vik", "heim", "berg", "dal", "land", "nes", "bakken", "haug", "lie",
    "strand", "seth", "mo", "li",
];
const ORG_WORDS: [&str; 8] = [
    "AS",
    "ASA",
    "Bygg",
    "Eiendom",
    "Consulting",
    "Holding",
    "Transport",
    "Regnskap",
];

/// The embedded lexicons plus generated surnames, organisations and places: `entries` in all.
fn big_lexicons(entries: usize) -> LexiconSet {
    let base = LexiconSet::embedded();
    let mut stems: Vec<String> = common::name_pool(base)
        .into_iter()
        .filter(|n| !n.contains(' '))
        .collect();
    // Syllable stems (two and three syllables) keep the generator going when the lists are
    // short: 24^3 stems with 16 endings are far more than 100k names.
    let syllables = [
        "Ka", "Ri", "Ol", "Ber", "Sol", "Tor", "Vi", "Ha", "Nor", "Lu", "Ma", "Sig", "Ei", "Ru",
        "Gun", "Hal", "Ing", "Jo", "Kjell", "Le", "Mo", "Ny", "Ås", "Sve",
    ];
    for a in syllables {
        for b in syllables {
            stems.push(format!("{a}{}", b.to_lowercase()));
            for c in syllables {
                stems.push(format!("{a}{}{}", b.to_lowercase(), c.to_lowercase()));
            }
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    let (mut surnames, mut orgs, mut places) = (String::new(), String::new(), String::new());
    let mut rng = common::Rng::new(11);
    let existing: usize = LexiconKind::ALL.iter().map(|k| base.len(*k)).sum();
    let mut added = 0;
    let mut tries = 0;
    while existing + added < entries && tries < entries * 20 {
        tries += 1;
        let stem = &stems[rng.below(stems.len())];
        let name = match rng.below(10) {
            0..=5 => format!("{stem}{}", ENDINGS[rng.below(ENDINGS.len())]),
            6..=8 => format!(
                "{stem}{} {}",
                ENDINGS[rng.below(ENDINGS.len())],
                ORG_WORDS[rng.below(ORG_WORDS.len())]
            ),
            _ => format!("{stem}{}", ["vågen", "fjord", "øy", "by"][rng.below(4)]),
        };
        if !seen.insert(name.clone()) {
            continue;
        }
        added += 1;
        if name.contains(' ') {
            orgs.push_str(&format!("{name}\tcompany\n"));
        } else if ["vågen", "fjord", "øy", "by"]
            .iter()
            .any(|e| name.ends_with(e))
        {
            places.push_str(&format!("{name}\tplace\n"));
        } else {
            surnames.push_str(&format!("{name}\n"));
        }
    }
    let mut builder = LexiconSet::builder();
    for (kind, text) in [
        (LexiconKind::Surnames, &surnames),
        (LexiconKind::Organisations, &orgs),
        (LexiconKind::Places, &places),
    ] {
        if let Err(e) = builder.add_str(kind, "bench-100k", text) {
            panic!("generated lexicon does not parse: {e}");
        }
    }
    builder.build()
}

fn pipeline(c: &mut Criterion) {
    let default = Extractor::new();
    // Warm the lazy statics before timing.
    let _ = default.extract(common::ARTICLES[0]);
    let corpus = common::corpus(4 << 20, 7);

    let lexicons = big_lexicons(100_000);
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
    let big_corpus = common::corpus_with(&lexicons, 4 << 20, 7);

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
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
