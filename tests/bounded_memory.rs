//! A 100 MB single line through the streaming tokenizer, in bounded memory.
//!
//! This test binary holds one test only, so the counting allocator below sees nothing else: it
//! records the peak of live heap bytes while 100 MB without a line break stream through
//! `Tokenizer::tokenize_reader` (the text is generated on the fly, never held whole).
#![cfg(feature = "embedded-lexicons")]

use kilde::tokenize::Tokenizer;
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn a_100_mb_single_line_streams_through_the_tokenizer_in_bounded_memory() {
    const PIECE: &[u8] = "Kari Nordmann sier «hei» – og bl.a. 17. mai 10 000 kr. ".as_bytes();
    const TOTAL: usize = 100 << 20;
    struct Repeat(usize);
    impl Read for Repeat {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(TOTAL - self.0);
            for (i, b) in buf[..n].iter_mut().enumerate() {
                *b = PIECE[(self.0 + i) % PIECE.len()];
            }
            self.0 += n;
            Ok(n)
        }
    }
    let tokenizer = Tokenizer::new();
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let mut count = 0usize;
    let mut last_end = 0;
    for token in tokenizer.tokenize_reader(Repeat(0), "<generated>") {
        let span = token.expect("valid UTF-8").span();
        assert!(span.start >= last_end && span.end > span.start && span.end <= TOTAL);
        // The text is periodic: a span starts on a char boundary when the piece's byte there
        // is not a UTF-8 continuation byte.
        let at = |i: usize| PIECE[i % PIECE.len()];
        assert!(
            !(0x80..0xc0).contains(&at(span.start)),
            "span inside a char at {}",
            span.start
        );
        assert!(
            span.end == TOTAL || !(0x80..0xc0).contains(&at(span.end)),
            "span ends inside a char at {}",
            span.end
        );
        last_end = span.end;
        count += 1;
    }
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    assert!(count > 10_000_000, "{count} tokens");
    assert!(
        last_end > TOTAL - PIECE.len(),
        "the stream ended early at {last_end}"
    );
    // The stream holds one capped window (64 KiB) and its tokens: a few MB at the very most,
    // whatever the input's length.
    assert!(
        peak < 8 << 20,
        "peak heap {peak} bytes while streaming 100 MB"
    );
}
