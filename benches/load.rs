//! Cold start: lexicon parsing and gazetteer building, measured separately, for the default
//! lexicons and for synthetic lexicons of 100 000 and 500 000 entries; and the heap a 500k
//! build needs (peak during the build, and what the built gazetteer keeps).
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kilde::gazetteer::Gazetteer;
use kilde::lexicon::{LexiconKind, LexiconSet};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

mod common;

/// Counts live and peak heap bytes, for the memory report.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The default lexicon files, read before timing.
fn default_files() -> Vec<(LexiconKind, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
    LexiconKind::ALL
        .iter()
        .filter_map(|&k| {
            std::fs::read_to_string(dir.join(k.file_name()))
                .ok()
                .map(|t| (k, t))
        })
        .collect()
}

fn parse(files: &[(LexiconKind, String)]) -> LexiconSet {
    let mut b = LexiconSet::empty_builder();
    for (kind, text) in files {
        if let Err(e) = b.add_str(*kind, kind.file_name(), text) {
            panic!("lexicon: {e}");
        }
    }
    b.build()
}

fn build(lexicons: &LexiconSet) -> Gazetteer {
    match Gazetteer::new(lexicons) {
        Ok(g) => g,
        Err(e) => panic!("gazetteer: {e}"),
    }
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

fn load(c: &mut Criterion) {
    let files = default_files();
    let defaults = parse(&files);
    let mut g = c.benchmark_group("load");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    g.bench_function(BenchmarkId::new("parse", "default"), |b| {
        b.iter(|| parse(&files))
    });
    g.bench_function(BenchmarkId::new("build", "default"), |b| {
        b.iter(|| build(&defaults))
    });
    g.bench_function(BenchmarkId::new("cold-start", "default"), |b| {
        b.iter(|| build(&parse(&files)))
    });
    for n in [100_000, 500_000] {
        let (lexicons, _) = common::synthetic_lexicons(n, 11);
        let name = format!("{}k", n / 1000);
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let gazetteer = build(&lexicons);
        let kept = LIVE.load(Ordering::Relaxed) - before;
        let peak = PEAK.load(Ordering::Relaxed) - before;
        eprintln!(
            "{name}: build heap peak {:.1} MB, kept {:.1} MB; index (keys, states, entries) {:?}",
            mb(peak),
            mb(kept),
            gazetteer.stats()
        );
        drop(gazetteer);
        g.bench_function(BenchmarkId::new("build", &name), |b| {
            b.iter(|| build(&lexicons))
        });
    }
    g.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
