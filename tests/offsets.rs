//! Offset invariants: spans sorted, not overlapping, on char boundaries, covering every
//! non-whitespace byte and no whitespace; sentences and paragraphs tile the tokens; no panic.

mod common;

use kilde::tokenize::{TokenFlags, Tokenizer};
use proptest::prelude::*;

/// Checks every invariant on `text`; returns a message for the first one broken.
fn check(text: &str) -> Result<(), String> {
    let doc = Tokenizer::new().analyse(text);
    let tokens = doc.tokens();
    let mut pos = 0;
    for t in tokens {
        let span = t.span();
        if span.start < pos || span.end <= span.start {
            return Err(format!(
                "span {span:?} after {pos} (unsorted, overlapping or empty)"
            ));
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Err(format!("span {span:?} not on char boundaries"));
        }
        let gap = &text[pos..span.start];
        if !gap.chars().all(char::is_whitespace) {
            return Err(format!("bytes {pos}..{} not covered: {gap:?}", span.start));
        }
        if text[span].chars().any(char::is_whitespace) {
            return Err(format!("token {:?} holds whitespace", &text[span]));
        }
        pos = span.end;
    }
    if !text[pos..].chars().all(char::is_whitespace) {
        return Err(format!("tail {pos}.. not covered"));
    }
    for ranges in [doc.sentences(), doc.paragraphs()] {
        let mut next = 0;
        for r in ranges {
            if r.start != next || r.end <= r.start {
                return Err(format!("ranges do not tile the tokens: {ranges:?}"));
            }
            next = r.end;
        }
        if next != tokens.len() {
            return Err(format!("ranges end at {next} of {} tokens", tokens.len()));
        }
    }
    // Every paragraph start is a sentence start; a token is GLUED exactly when no whitespace
    // precedes it.
    for (i, t) in tokens.iter().enumerate() {
        if t.is(TokenFlags::PARAGRAPH_START) && !t.is(TokenFlags::SENTENCE_START) {
            return Err(format!("paragraph start {i} is not a sentence start"));
        }
        let glued = i > 0 && tokens[i - 1].span().end == t.span().start;
        if glued != t.is(TokenFlags::GLUED) {
            return Err(format!("GLUED wrong on token {i} {:?}", &text[t.span()]));
        }
    }
    Ok(())
}

#[test]
fn fixture_articles_hold_the_invariants() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("utf-8");
        if let Err(e) = check(&text) {
            panic!("{}: {e}", path.display());
        }
        // &text[span] is the surface: re-joining tokens and the whitespace between them gives
        // the input back.
        let doc = Tokenizer::new().analyse(&text);
        let mut joined = String::new();
        let mut pos = 0;
        for t in doc.tokens() {
            joined.push_str(&text[pos..t.span().start]);
            joined.push_str(t.text(&text));
            pos = t.span().end;
        }
        joined.push_str(&text[pos..]);
        assert_eq!(joined, text);
    }
}

#[test]
fn regression_whitespace_only_and_empty() {
    for text in [
        "",
        " ",
        "\n\n",
        "\r\n",
        "\u{a0}\u{2009}\u{3000}",
        "\u{2028}\u{2029}\u{85}",
    ] {
        assert_eq!(Tokenizer::new().tokenize(text).count(), 0, "{text:?}");
        assert_eq!(check(text), Ok(()));
    }
}

#[test]
fn regression_lone_marks_and_format_chars() {
    for text in [
        "\u{301}",
        "a \u{301}b",
        "\u{200d}\u{200d}",
        "\u{feff}Hei",
        "-\u{301}- x",
        "«\u{ad}»",
    ] {
        assert_eq!(check(text), Ok(()), "{text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn proptest_offsets_on_norwegian_like_text(text in common::norwegianish()) {
        prop_assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn proptest_no_panic_and_offsets_on_any_string(text in any::<String>()) {
        prop_assert_eq!(check(&text), Ok(()));
    }
}
