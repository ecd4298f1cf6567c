//! The gold evaluation on the bundled fixtures, held to the numbers the README reports.
//!
//! The README's gold table (after the `<!-- gold-table` marker) is what
//! `cargo run --release --example evaluate -- gold --gold tests/fixtures/gold --articles
//! tests/fixtures/articles --markdown` printed. This test recomputes it: F1 may rise (then
//! update the README) but never fall below the table, and the gold counts (tp + fn) must be the
//! table's, so the table and the fixtures stay in step.
#![cfg(all(feature = "serde", feature = "embedded-lexicons"))]

use kilde::Extractor;
use kilde::eval::{GoldArticle, Report, score};
use std::path::Path;

/// Scores every gold fixture and adds the reports up.
fn evaluate_fixtures() -> (usize, Report) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(root.join("gold"))
        .expect("tests/fixtures/gold exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let extractor = Extractor::new();
    let mut total = Report::default();
    for path in &files {
        let json = std::fs::read_to_string(path).expect("gold file is readable");
        let mut gold: GoldArticle = serde_json::from_str(&json).expect("gold file parses");
        let name = gold.file.clone().unwrap_or_else(|| {
            let stem = path.file_stem().expect("gold file has a name");
            format!("{}.txt", stem.to_string_lossy())
        });
        gold.file = Some(name.clone());
        let text = std::fs::read_to_string(root.join("articles").join(&name))
            .expect("the article of every gold file is bundled");
        total.add(&score(&text, &extractor.extract(&text), &gold));
    }
    (files.len(), total)
}

/// A row of the README's gold table: name, F1 (None for "–"), tp, fp, fn.
#[derive(Debug)]
struct Row {
    name: String,
    f1: Option<f64>,
    tp: usize,
    fn_: usize,
}

fn readme_table() -> Vec<Row> {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- gold-table")
        .expect("the README has the gold table marker");
    readme[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // header and alignment row
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            assert_eq!(cells.len(), 7, "gold table row: {line}");
            let num = |s: &str| s.parse::<usize>().expect("count in the gold table");
            Row {
                name: cells[0].to_string(),
                f1: cells[3].parse().ok(),
                tp: num(cells[4]),
                fn_: num(cells[6]),
            }
        })
        .collect()
}

#[test]
fn gold_fixtures_do_not_fall_below_the_readme() {
    let (articles, report) = evaluate_fixtures();
    assert!(articles >= 3, "expected the bundled gold articles");
    let table = readme_table();
    let measured = report.rows();
    assert_eq!(
        table.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        measured.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "the README's gold table has one row per measure, in order"
    );
    let mut failures = Vec::new();
    for (row, (name, counts)) in table.iter().zip(measured) {
        if let Some(f1) = row.f1 {
            // The table rounds to three decimals.
            if counts.f1() + 0.0005 < f1 {
                failures.push(format!(
                    "{name}: F1 {:.3} fell below the README's {f1:.3}",
                    counts.f1()
                ));
            }
        }
        // People, quotes and organisations are counted over the gold, whatever is found.
        if ["quotes", "quote+speaker", "people", "organisations"].contains(&name)
            && counts.tp + counts.fn_ != row.tp + row.fn_
        {
            failures.push(format!(
                "{name}: {} gold items, the README's table says {}",
                counts.tp + counts.fn_,
                row.tp + row.fn_
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn scoring_the_gold_itself_is_perfect() {
    // A document that repeats the gold must score 1 everywhere: checks the scorer and the
    // fixtures' anchors (every anchor occurs in its article).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let json = std::fs::read_to_string(root.join("gold/000_daef0d3acb2eb511.json"))
        .expect("fixture exists");
    let gold: GoldArticle = serde_json::from_str(&json).expect("fixture parses");
    let text = std::fs::read_to_string(root.join("articles/000_daef0d3acb2eb511.txt"))
        .expect("fixture exists");
    let mut doc = kilde::Document::default();
    for q in gold.quotes.iter().filter(|q| !q.optional) {
        let start = text.find(&q.anchor).expect("anchor occurs in the article");
        doc.quotes.push(kilde::Quote {
            start,
            end: start + q.anchor.len(),
            text: q.anchor.clone(),
            kind: kilde::QuoteKind::Direct,
            speaker: q.speaker.as_deref().map(Into::into),
            speaker_id: None,
            cue: None,
            confidence: 1.0,
        });
    }
    let first = |alternatives: &str| alternatives.split('|').next().unwrap_or("").into();
    for (id, p) in gold.people.iter().filter(|p| !p.secondary).enumerate() {
        doc.people.push(kilde::Person {
            id,
            name: p.name.as_str().into(),
            gender: None,
            roles: p.roles.iter().map(|r| first(r)).collect(),
            organisations: p.organisations.iter().map(|o| first(o)).collect(),
            mentions: Vec::new(),
        });
    }
    for (id, o) in gold.organisations.iter().enumerate() {
        doc.organisations.push(kilde::OrganisationRecord {
            id,
            name: first(o),
            mentions: Vec::new(),
        });
    }
    let report = score(&text, &doc, &gold);
    for (name, c) in report.rows() {
        assert_eq!((c.fp, c.fn_), (0, 0), "{name}: {:?}", report.errors);
    }
}
