//! Quotes on the gold fixtures (tests/fixtures) and one table per mechanism, with made-up
//! sentences in the style of press text.

use kilde::Extractor;
use kilde::eval::{GoldArticle, Report, score};
use std::path::Path;

/// Scores every fixture article against its gold file.
fn fixtures_report() -> Report {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(dir.join("gold"))
        .expect("tests/fixtures/gold")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no gold fixtures");
    let extractor = Extractor::new();
    let mut total = Report::default();
    for gold_path in names {
        let gold: GoldArticle =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold file"))
                .expect("gold json");
        let stem = gold_path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let text = std::fs::read_to_string(dir.join("articles").join(format!("{stem}.txt")))
            .expect("article");
        let doc = extractor.extract(&text);
        total.add(&score(&text, &doc, &gold));
    }
    total
}

#[test]
fn fixtures_quotes_and_speakers_reach_their_targets() {
    let r = fixtures_report();
    for e in r.errors.iter().filter(|e| e.contains("quote")) {
        println!("{e}");
    }
    let (q, s) = (r.quotes, r.quote_speakers);
    println!(
        "quotes: P {:.3} R {:.3} F1 {:.3} ({:?}); quote+speaker: P {:.3} R {:.3} F1 {:.3} ({:?})",
        q.precision(),
        q.recall(),
        q.f1(),
        q,
        s.precision(),
        s.recall(),
        s.f1(),
        s
    );
    assert!(q.f1() >= 0.97, "quote detection F1 {:.3} < 0.97", q.f1());
    assert!(s.f1() >= 0.95, "quote+speaker F1 {:.3} < 0.95", s.f1());
}
