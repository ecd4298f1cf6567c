//! Streaming: the tokens are the same for every chunking, through `feed`/`finish` and through
//! `tokenize_reader` (reads that end inside a multi-byte character), with bounded memory.

mod common;

use common::ChunkedRead;
use kilde::tokenize::{Token, Tokenizer};
use proptest::prelude::*;

fn whole(text: &str) -> Vec<Token> {
    Tokenizer::new().tokenize(text).collect()
}

/// Feeds `text` cut at the given byte offsets (moved back to char boundaries).
fn fed(text: &str, cuts: &[usize]) -> Vec<Token> {
    let mut cuts: Vec<usize> = cuts
        .iter()
        .map(|&c| {
            let mut c = c.min(text.len());
            while !text.is_char_boundary(c) {
                c -= 1;
            }
            c
        })
        .collect();
    cuts.sort_unstable();
    let mut stream = Tokenizer::new().stream();
    let mut out = Vec::new();
    let mut pos = 0;
    for c in cuts.into_iter().chain([text.len()]) {
        out.extend(stream.feed(&text[pos..c]));
        pos = c;
    }
    out.extend(stream.finish());
    out
}

fn read(text: &str, sizes: Vec<usize>) -> Vec<Token> {
    let reader = ChunkedRead {
        bytes: text.as_bytes(),
        sizes,
        next: 0,
    };
    Tokenizer::new()
        .tokenize_reader(reader, "<test>")
        .collect::<Result<_, _>>()
        .expect("valid UTF-8")
}

#[test]
fn fixture_articles_stream_like_whole() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("utf-8");
        let want = whole(&text);
        for step in [1, 2, 3, 7, 64, 4096] {
            let cuts: Vec<usize> = (step..text.len()).step_by(step).collect();
            assert_eq!(fed(&text, &cuts), want, "feed step {step}");
            assert_eq!(read(&text, vec![step]), want, "read step {step}");
        }
    }
}

#[test]
fn regression_read_splits_o_slash() {
    // "ø" is 0xC3 0xB8: one-byte reads end between the two bytes.
    let text = "Dingsør sier: – Vi får ø.";
    assert!(text.contains('ø'));
    assert_eq!(read(text, vec![1]), whole(text));
    let cut = text.find('ø').expect("ø") + 1;
    assert_eq!(read(text, vec![cut, 100]), whole(text));
}

#[test]
fn regression_read_splits_guillemet() {
    // "«" is 0xC2 0xAB, split after its first byte; the quote token must stay one token.
    let text = "Hun kalte det «viktig og godt».";
    let cut = text.find('«').expect("«") + 1;
    let tokens = read(text, vec![cut, 1, 2]);
    assert_eq!(tokens, whole(text));
    assert!(tokens.iter().any(|t| t.text(text) == "«"));
}

#[test]
fn regression_read_splits_four_byte_char() {
    let text = "Bra 👍🏽! Neste 𝔘nicode.";
    for size in 1..=5 {
        assert_eq!(read(text, vec![size]), whole(text), "size {size}");
    }
}

#[test]
fn regression_invalid_utf8_names_offset() {
    let bytes = b"Hei p\xc3\xa5 deg \xff og mer";
    let reader = ChunkedRead {
        bytes,
        sizes: vec![3],
        next: 0,
    };
    let results: Vec<_> = Tokenizer::new().tokenize_reader(reader, "x.txt").collect();
    let ok: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(ok.len(), 3, "the valid prefix is tokenized first");
    let err = results
        .iter()
        .find_map(|r| r.as_ref().err())
        .expect("an error");
    assert_eq!(err.to_string(), "x.txt: invalid utf-8 at byte offset 12");
}

#[test]
fn regression_truncated_char_at_end_is_an_error() {
    let bytes = b"Hei \xc3";
    let reader = ChunkedRead {
        bytes,
        sizes: vec![1],
        next: 0,
    };
    let err = Tokenizer::new()
        .tokenize_reader(reader, "cut.txt")
        .find_map(Result::err)
        .expect("an error");
    assert_eq!(err.to_string(), "cut.txt: invalid utf-8 at byte offset 4");
}

#[test]
fn regression_paragraph_longer_than_the_window_cap() {
    // 300 KiB without a line break: the stream holds at most the 64 KiB window (plus the
    // chunk being fed), and the tokens equal the whole-text ones.
    let sentence = "Det er langt, og det blir lengre – «men» ikke 10 000 ganger. ";
    let mut text = sentence.repeat(300 * 1024 / sentence.len());
    text.push_str("Slutt.\nNytt avsnitt.");
    let want = whole(&text);
    let mut stream = Tokenizer::new().stream();
    let mut got = Vec::new();
    let mut fed_bytes = 0;
    let mut pos = 0;
    while pos < text.len() {
        let mut end = (pos + 1000).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let chunk = &text[pos..end];
        pos = end;
        got.extend(stream.feed(chunk));
        fed_bytes += chunk.len();
        assert!(
            fed_bytes - stream.position() <= (1 << 16) + 1000,
            "holds {} bytes",
            fed_bytes - stream.position()
        );
    }
    got.extend(stream.finish());
    assert_eq!(got, want);
}

#[test]
fn regression_window_cap_without_spaces() {
    // No whitespace at all and multi-byte chars: the cap falls on a char boundary.
    let text = "ø".repeat(70_000) + "«a»";
    assert_eq!(fed(&text, &[1, 65_535, 65_536, 100_001]), whole(&text));
    assert_eq!(read(&text, vec![4095, 1]), whole(&text));
}

#[test]
fn stream_offsets_continue_after_finish() {
    let tokenizer = Tokenizer::new();
    let mut stream = tokenizer.stream();
    let first: Vec<Token> = stream.feed("Hei.").chain([]).collect();
    assert!(first.is_empty(), "the paragraph may go on");
    let first: Vec<Token> = stream.finish().collect();
    assert_eq!(first.len(), 2);
    let second: Vec<Token> = stream.feed("Hallo\n").collect();
    assert_eq!(second[0].span().start, 4);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn proptest_feed_any_chunking_equals_whole(
        text in common::norwegianish(),
        cuts in prop::collection::vec(0usize..400, 0..12),
    ) {
        prop_assert_eq!(fed(&text, &cuts), whole(&text));
    }

    #[test]
    fn proptest_reader_any_chunking_equals_whole(
        text in common::norwegianish(),
        sizes in prop::collection::vec(1usize..9, 1..6),
    ) {
        prop_assert_eq!(read(&text, sizes), whole(&text));
    }

    #[test]
    fn proptest_feed_any_string(
        text in any::<String>(),
        cuts in prop::collection::vec(0usize..200, 0..8),
    ) {
        prop_assert_eq!(fed(&text, &cuts), whole(&text));
    }
}

#[test]
fn streaming_types_are_send_and_sync() {
    fn send_sync<T: Send + Sync + std::panic::UnwindSafe>() {}
    send_sync::<kilde::tokenize::StreamTokenizer>();
    // It may hold an `io::Error`, which is not `UnwindSafe`; Send + Sync is what callers need.
    fn send_sync_only<T: Send + Sync>() {}
    send_sync_only::<kilde::tokenize::ReadTokens<&[u8]>>();
    send_sync::<kilde::tokenize::Tokens<'static>>();
    send_sync::<kilde::tokenize::Tokenized<'static>>();
}
