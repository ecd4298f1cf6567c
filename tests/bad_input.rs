//! Bad input, tried: the whole pipeline on texts no newsroom would send, and on arbitrary
//! strings and bytes (proptest). The library must not panic, and every offset it returns must
//! be a char boundary inside the input, with the surface texts it reports equal to the spans.
//! The 100 MB single line, with its memory bound, is in `tests/bounded_memory.rs`.
#![cfg(feature = "embedded-lexicons")]

use kilde::lexicon::{LexiconKind, LexiconSet};
use kilde::tokenize::Tokenizer;
use kilde::{Document, ErrorKind, Extractor};
use proptest::prelude::*;
use std::io::Read;

fn extractor() -> Extractor {
    Extractor::builder()
        .tokens(true)
        .build()
        .expect("default extractor builds")
}

fn span_ok(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Every invariant of a [`Document`] made from `text`; returns what is wrong.
fn problems(text: &str, doc: &Document) -> Vec<String> {
    let mut bad = Vec::new();
    let mut check = |what: &str, s: usize, e: usize| {
        if !span_ok(text, s, e) {
            bad.push(format!("{what} {s}..{e} (text {} bytes)", text.len()));
        }
    };
    let mut last_end = 0;
    for s in &doc.sentences {
        check("sentence", s.start, s.end);
        if s.start < last_end || s.start >= s.end {
            check("sentence out of order or empty", s.start, usize::MAX);
        }
        last_end = s.end;
    }
    let mut last_end = 0;
    for t in doc.tokens.iter().flatten() {
        check("token", t.start, t.end);
        if t.start < last_end || t.start >= t.end {
            check("token out of order or empty", t.start, usize::MAX);
        }
        last_end = t.end;
        if text
            .get(t.start..t.end)
            .is_some_and(|s| s.chars().any(char::is_whitespace))
        {
            check("token holding whitespace", t.start, usize::MAX);
        }
    }
    for e in &doc.entities {
        check("entity", e.start, e.end);
        if text.get(e.start..e.end) != Some(e.text.as_str()) {
            check("entity text differs from its span", e.start, usize::MAX);
        }
    }
    for (i, p) in doc.people.iter().enumerate() {
        if p.id != i {
            check("person id is not its index", i, usize::MAX);
        }
        for m in &p.mentions {
            check("person mention", m[0], m[1]);
        }
    }
    for o in &doc.organisations {
        for m in &o.mentions {
            check("organisation mention", m[0], m[1]);
        }
    }
    for q in &doc.quotes {
        check("quote", q.start, q.end);
        if text.get(q.start..q.end) != Some(q.text.as_str()) {
            check("quote text differs from its span", q.start, usize::MAX);
        }
        if q.speaker_id.is_some_and(|i| i >= doc.people.len()) {
            check("quote speaker_id out of range", q.start, usize::MAX);
        }
        if !(0.0..=1.0).contains(&q.confidence) {
            check("quote confidence outside 0..=1", q.start, usize::MAX);
        }
    }
    for e in &doc.entities {
        if let Some(r) = e.reference {
            let n = match e.kind {
                kilde::EntityKind::Person => doc.people.len(),
                kilde::EntityKind::Organisation => doc.organisations.len(),
                _ => 0,
            };
            if r >= n {
                check("entity ref out of range", e.start, usize::MAX);
            }
        }
    }
    bad
}

/// Extracts `text` and asserts every invariant.
fn check(name: &str, text: &str) -> Document {
    let doc = extractor().extract(text);
    let bad = problems(text, &doc);
    assert!(bad.is_empty(), "{name}: {}", bad.join("; "));
    doc
}

/// A table of named cases, each a text built inside the test.
macro_rules! t {
    ($($name:ident: $text:expr,)*) => {
        $(
            #[test]
            fn $name() {
                let text: String = $text;
                check(stringify!($name), &text);
            }
        )*
        #[test]
        fn case_names_are_unique() {
            let names = [$(stringify!($name)),*];
            let set: std::collections::HashSet<_> = names.iter().collect();
            assert_eq!(set.len(), names.len());
        }
    };
}

/// Every character with the Unicode White_Space property, and the zero-width look-alikes.
const SPACES: &[char] = &[
    '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}',
    '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
    '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}', '\u{180e}',
    '\u{200b}', '\u{feff}',
];

t! {
    empty: String::new(),
    only_spaces: "   ".into(),
    only_line_breaks: "\n\n\n\r\n\r\n".into(),
    only_unicode_spaces: SPACES.iter().collect(),
    every_unicode_space_between_words: SPACES
        .iter()
        .map(|c| format!("Kari{c}Nordmann{c}sier{c}«hei».{c}"))
        .collect(),
    thousands_of_guillemets: "«".repeat(5000) + &"»".repeat(5000),
    thousands_of_straight_quotes: "\"".repeat(10_000),
    thousands_of_mixed_quote_marks: "«»“”„\"'‹›‘’".repeat(2000),
    unbalanced_guillemets: "«Dette er et sitat som aldri slutter, sier Kari Nordmann. ".repeat(2000),
    unbalanced_closing_guillemets: "Det er slutt» sier Ola Hansen. ".repeat(2000),
    deeply_nested_quotes: "«".repeat(2000) + "Vi er klare" + &"»".repeat(2000) + ", sier Kari Hansen.",
    nested_mixed_quotes: "«“‘".repeat(1000) + "hei" + &"’”»".repeat(1000),
    dashes_on_every_line: "– \n".repeat(10_000),
    quote_dashes_on_every_line: "– Vi er klare, sier Kari Hansen.\n- Ja.\n— Nei!\n".repeat(3000),
    dashes_only: "–".repeat(20_000) + &"-".repeat(20_000),
    bullets_on_every_line: "• punkt\n▪ punkt\n* punkt\n".repeat(3000),
    long_word_over_the_window_cap: "a".repeat(300_000),
    long_multibyte_word_over_the_window_cap: "ø".repeat(200_000),
    long_emoji_run: "👩‍👩‍👧‍👦".repeat(20_000),
    long_combining_marks: format!("a{}", "\u{301}".repeat(100_000)),
    long_url: format!("https://{}.no/{}", "x".repeat(100_000), "y/".repeat(50_000)),
    long_number: "1".repeat(200_000),
    long_number_with_separators: "1 000,5.".repeat(30_000),
    long_abbreviation_run: "bl.a.".repeat(50_000),
    long_initial_run: "K. ".repeat(50_000),
    long_line_without_breaks: "Kari Nordmann sier at det er bra, og «dette» – sa hun – er fint. "
        .repeat(20_000),
    crlf_line_breaks: "– Vi er klare, sier Kari Hansen.\r\nHun smiler.\r\n\r\n".repeat(2000),
    mixed_line_breaks: "– Ja.\rsier Ola.\n– Nei.\r\nsa Kari.\u{2028}«Kanskje»\u{2029}\u{85}"
        .repeat(2000),
    lone_carriage_returns: "\r".repeat(50_000),
    control_characters: (0u8..32).map(char::from).collect::<String>().repeat(1000),
    replacement_characters: "\u{fffd}«\u{fffd}»".repeat(10_000),
    private_use_and_noncharacters: "\u{e000}\u{fdd0}\u{10ffff} Kari\u{fffe}".repeat(5000),
    right_to_left_text: "שלום «עולם» – אמר Kari Hansen.\n".repeat(2000),
    names_repeated: "Kari Nordmann ".repeat(100_000),
    names_and_cues_repeated: "– Ja, sier Kari Nordmann. Hun er leder i NRK.\n".repeat(20_000),
    surnames_and_pronouns_repeated: "Nordmann sier at han og hun er enige. ".repeat(20_000),
    // "Det" alone before a cue in the next paragraph: `said_before` subtracted past zero (a
    // panic in a debug build).
    // A cue of two words across a paragraph break after a comma: `reported` subtracted past
    // zero (a panic in a debug build).
    cue_across_a_paragraph_break: "Det var bra, har\n\nsagt Kari Hansen.".into(),
    det_alone_before_a_cue_paragraph: "Han kom. Det\n\nsier Kari Hansen. . Det \n\nifølge ".into(),
    // Names that share their first sixteen bytes and their length share their 16-bit word key:
    // the attribution register once put them all in one bucket, quadratic in them.
    names_sharing_their_first_sixteen_bytes: (0..20_000)
        .map(|i| format!("Kari Qbcdefghijklmnop{i:05} sier at det går bra. "))
        .collect(),
}

#[test]
fn a_few_megabytes_on_one_line_go_through_extract() {
    let text =
        "– Vi er klare, sier Kari Nordmann, som er leder i NRK. «Ja», sa han. ".repeat(40_000);
    assert!(text.len() > 2 << 20);
    check("a few megabytes on one line", &text);
}

#[test]
fn binary_garbage_and_lone_surrogates_through_the_byte_apis() {
    let x = extractor();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut garbage = vec![0u8; 1 << 20];
    for b in garbage.iter_mut() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        *b = seed as u8;
    }
    let cases: [(&str, &[u8]); 5] = [
        ("random bytes", &garbage),
        ("lone high surrogate (WTF-8)", b"Kari \xed\xa0\x80 sier"),
        ("lone low surrogate (WTF-8)", b"\xed\xbf\xbf"),
        ("overlong slash", b"a \xc0\xaf b"),
        ("truncated at the end", b"Kari N\xc3"),
    ];
    for (name, bytes) in cases {
        let valid = std::str::from_utf8(bytes).map_err(|e| e.valid_up_to());
        match (x.extract_bytes(bytes), valid) {
            (Ok(doc), Ok(text)) => assert!(problems(text, &doc).is_empty(), "{name}"),
            (Err(e), Err(at)) => match e.kind() {
                ErrorKind::InvalidUtf8 { offset, .. } => assert_eq!(*offset, at, "{name}"),
                other => panic!("{name}: unexpected error {other:?}"),
            },
            (r, v) => panic!("{name}: extract_bytes {:?} but from_utf8 {v:?}", r.is_ok()),
        }
        let mut last = 0;
        let mut error = None;
        for t in Tokenizer::new().tokenize_reader(bytes, name) {
            match t {
                Ok(t) => {
                    assert!(
                        t.span().start >= last && t.span().end <= bytes.len(),
                        "{name}"
                    );
                    let prefix = &bytes[..t.span().end];
                    let boundary =
                        |i: usize| i == prefix.len() || !(0x80..0xc0).contains(&prefix[i]);
                    assert!(boundary(t.span().start) && boundary(t.span().end), "{name}");
                    last = t.span().end;
                }
                Err(e) => error = Some(e),
            }
        }
        assert_eq!(error.is_some(), valid.is_err(), "{name}: {error:?}");
        if let (Some(e), Err(at)) = (error, valid) {
            assert_eq!(
                e.to_string(),
                format!("{name}: invalid utf-8 at byte offset {at}")
            );
        }
    }
}

#[test]
fn invalid_utf8_files_are_errors_with_the_offset() {
    let dir = std::env::temp_dir().join(format!("kilde-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("latin1.txt");
    // Latin-1 "Tromsø" in an otherwise UTF-8 file.
    std::fs::write(&path, b"Hei fra Troms\xf8.\n").expect("write temp file");
    let file = std::fs::File::open(&path).expect("open temp file");
    let source = path.display().to_string();
    let err = Tokenizer::new()
        .tokenize_reader(file, &source)
        .find_map(Result::err)
        .expect("an error");
    assert_eq!(
        err.to_string(),
        format!("{source}: invalid utf-8 at byte offset 13")
    );
    let bytes = std::fs::read(&path).expect("read temp file");
    let err = extractor().extract_bytes(&bytes).expect_err("not UTF-8");
    assert_eq!(err.to_string(), "invalid utf-8 at byte offset 13");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn malformed_lexicon_files_name_the_file_and_line() {
    let dir = std::env::temp_dir().join(format!("kilde-bad-lexicon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad_lines = [
        ("leading space", " Kari"),
        ("too many fields", "a\tb\tc\td\te\tf\tg"),
        ("empty first field", "\tx"),
    ];
    for kind in LexiconKind::ALL {
        for (what, line) in bad_lines {
            let path = dir.join(kind.file_name());
            std::fs::write(&path, format!("# a comment\n\n{line}\n")).expect("write lexicon");
            let err = LexiconSet::builder()
                .add_file(kind, &path)
                .map(|_| ())
                .expect_err(what);
            match err.kind() {
                ErrorKind::Lexicon(e) => {
                    assert_eq!(e.line, 3, "{kind:?} {what}: {err}");
                    assert!(e.file.ends_with(kind.file_name()), "{kind:?} {what}: {err}");
                }
                other => panic!("{kind:?} {what}: {other:?}"),
            }
            let msg = err.to_string();
            assert!(
                msg.contains(&format!("{}:3:", kind.file_name())),
                "{kind:?} {what}: {msg}"
            );
        }
    }
    let path = dir.join("surnames.tsv");
    std::fs::write(&path, b"Hansen\nTroms\xf8\n").expect("write lexicon");
    let err = LexiconSet::builder()
        .add_file(LexiconKind::Surnames, &path)
        .map(|_| ())
        .expect_err("not UTF-8");
    assert!(err.to_string().contains("surnames.tsv"), "{err}");
    let missing = dir.join("does-not-exist.tsv");
    let err = LexiconSet::builder()
        .add_file(LexiconKind::Roles, &missing)
        .map(|_| ())
        .expect_err("missing file");
    assert!(err.to_string().contains("does-not-exist.tsv"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Pieces of press text and of trouble, to build texts that reach deep into the pipeline.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "Kari", "Nordmann", "Ola", "Hansen", "sier", "sa", "forteller", "hun", "han", "NRK",
            "Innovasjon Norge", "daglig leder", "i", "og", "at", "leder", "direktør", "AS",
            "bl.a.", "f.eks.", "17.", "mai", "10 000", "3,5", "kl.", "Jan E. Melby", "Oslo",
        ])
        .prop_map(str::to_string),
        4 => prop::sample::select(vec![
            " ", " ", "\n", "\r\n", "\r", "\n\n", "\u{a0}", "\u{2009}", ",", ".", "!", "?", ":",
            "«", "»", "\"", "“", "”", "„", "'", "– ", "- ", "—", "•", "(", ")", "…", "@", "#",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn press_like() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn press_like_text_keeps_every_invariant(text in press_like()) {
        let doc = extractor().extract(&text);
        let bad = problems(&text, &doc);
        prop_assert!(bad.is_empty(), "{}", bad.join("; "));
    }

    #[test]
    fn arbitrary_strings_keep_every_invariant(text in any::<String>()) {
        let doc = extractor().extract(&text);
        let bad = problems(&text, &doc);
        prop_assert!(bad.is_empty(), "{}", bad.join("; "));
    }

    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        chunk in 1usize..40,
    ) {
        let x = extractor();
        match (x.extract_bytes(&bytes), std::str::from_utf8(&bytes)) {
            (Ok(doc), Ok(text)) => prop_assert!(problems(text, &doc).is_empty()),
            (Err(_), Err(_)) => {}
            (r, v) => prop_assert!(false, "extract_bytes ok {} but from_utf8 ok {}", r.is_ok(), v.is_ok()),
        }
        // Through the reader in small chunks, so multi-byte characters are split across reads.
        struct Chunked<'a>(&'a [u8], usize);
        impl Read for Chunked<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut last = 0;
        for t in Tokenizer::new().tokenize_reader(Chunked(&bytes, chunk), "<bytes>") {
            let Ok(t) = t else { break };
            let s = t.span();
            prop_assert!(s.start >= last && s.start < s.end && s.end <= bytes.len());
            prop_assert!(std::str::from_utf8(&bytes[s.start..s.end]).is_ok());
            last = s.end;
        }
    }
}
