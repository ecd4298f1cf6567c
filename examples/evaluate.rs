//! Measures kilde on annotated data: your own gold articles, UD Norwegian Bokmål tokens and
//! sentences, or NorNE person and organisation spans.
//!
//! ```text
//! # gold articles (kilde's gold format, see the README) and the articles they annotate
//! cargo run --release --example evaluate -- gold --gold tests/fixtures/gold --articles tests/fixtures/articles [-v]
//! # UD: token and sentence-end P/R/F1, as ../shared/yardsticks/tokeval.py computes them
//! cargo run --release --example evaluate -- ud test --data ../shared/data/ud-nb [--errors 20]
//! # NorNE: PER / ORG / ORG+GPE_ORG exact spans, as ../shared/yardsticks/nereval.py computes them
//! cargo run --release --example evaluate -- norne test --data ../shared/data/norne-nb
//! ```
//! CoNLL-U files may be plain or `.xz`-compressed. No data is copied anywhere: the running text
//! is rebuilt in memory (`--write-text FILE` saves it, to compare with the yardsticks' copy).

use clap::{Parser, Subcommand, ValueEnum};
use kilde::eval::conllu::{self, Layout, RunningText, Score};
use kilde::eval::{GoldArticle, Report, score};
use kilde::{Extractor, Span};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser, Debug)]
#[command(name = "evaluate", about = "Measure kilde on annotated data")]
struct Args {
    #[command(subcommand)]
    mode: Mode,
}

#[derive(Subcommand, Debug)]
enum Mode {
    /// Gold articles in kilde's JSON format: quotes, speakers, people, roles, organisations.
    Gold {
        /// Folder of gold .json files.
        #[arg(long)]
        gold: PathBuf,
        /// Folder of the articles they annotate (.txt).
        #[arg(long)]
        articles: PathBuf,
        /// List every miss (-) and false hit (+).
        #[arg(short, long)]
        verbose: bool,
        /// Print the totals as the README's Markdown table.
        #[arg(long)]
        markdown: bool,
    },
    /// UD Norwegian Bokmål: tokens and sentence ends (agrees with tokeval.py).
    Ud(Treebank),
    /// NorNE: PER, ORG and ORG+GPE_ORG spans (agrees with nereval.py).
    Norne(Treebank),
}

#[derive(clap::Args, Debug)]
struct Treebank {
    /// The split.
    #[arg(value_enum)]
    split: Split,
    /// Folder holding no_bokmaal-ud-SPLIT.conllu[.xz] (and docmap.tsv[.xz] for UD).
    #[arg(long)]
    data: Option<PathBuf>,
    /// A CoNLL-U file instead of DATA/no_bokmaal-ud-SPLIT.conllu.
    #[arg(long)]
    conllu: Option<PathBuf>,
    /// The docmap (documents and paragraphs). UD: default DATA/docmap.tsv[.xz]. NorNE: none
    /// unless given, as nereval.py runs by default.
    #[arg(long)]
    docmap: Option<PathBuf>,
    /// Docmap rows to use (default: ud for UD, norne for NorNE).
    #[arg(long)]
    corpus: Option<String>,
    /// How sentences are laid out in the running text.
    #[arg(long, value_enum, default_value_t = LayoutArg::Paragraphs)]
    layout: LayoutArg,
    /// all, or a comma list of news, blog, parliament, report (needs the docmap).
    #[arg(long, default_value = "all")]
    genre: String,
    /// Only whole articles (needs the docmap).
    #[arg(long)]
    complete_only: bool,
    /// List this many errors of each sort.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Save the rebuilt running text here.
    #[arg(long)]
    write_text: Option<PathBuf>,
    /// Score this saved JSON output (kilde's contract: tokens, sentences, entities) instead of
    /// running kilde.
    #[arg(long)]
    pred: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Split {
    Dev,
    Test,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum LayoutArg {
    Paragraphs,
    Flat,
    Lines,
    Single,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let result = match &args.mode {
        Mode::Gold {
            gold,
            articles,
            verbose,
            markdown,
        } => run_gold(gold, articles, *verbose, *markdown),
        Mode::Ud(t) => run_treebank(t, false),
        Mode::Norne(t) => run_treebank(t, true),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------- gold articles

fn run_gold(gold_dir: &Path, articles: &Path, verbose: bool, markdown: bool) -> Result<(), String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .map_err(|e| format!("{}: {e}", gold_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no .json gold files", gold_dir.display()));
    }
    let extractor = Extractor::new();
    let mut total = Report::default();
    println!(
        "{:<32} {:>9}{:>10}{:>9}{:>9}{:>10}{:>9}   (F1; - when nothing was expected or found)",
        "article", "quotes", "+speaker", "people", "roles", "pers.org", "orgs"
    );
    for path in &files {
        let json = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut gold: GoldArticle =
            serde_json::from_str(&json).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = match &gold.file {
            Some(f) => f.clone(),
            None => {
                let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                format!("{stem}.txt")
            }
        };
        gold.file = Some(name.clone());
        let article = articles.join(&name);
        let text =
            std::fs::read_to_string(&article).map_err(|e| format!("{}: {e}", article.display()))?;
        let report = score(&text, &extractor.extract(&text), &gold);
        println!(
            "{:<32} {}",
            name,
            report
                .rows()
                .iter()
                .zip([9, 10, 9, 9, 10, 9])
                .map(|((_, c), w)| format!("{:>w$}", f1_cell(c)))
                .collect::<String>()
        );
        if verbose {
            for e in &report.errors {
                println!("    {e}");
            }
        }
        total.add(&report);
    }
    println!(
        "\ntotal over {} gold articles   P      R      F1      tp   fp   fn",
        files.len()
    );
    for (name, c) in total.rows() {
        println!(
            "  {:<28} {:.3}  {:.3}  {:.3}  {:>4} {:>4} {:>4}",
            name,
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    if markdown {
        println!("\n| measure | P | R | F1 | tp | fp | fn |\n|---|---:|---:|---:|---:|---:|---:|");
        for (name, c) in total.rows() {
            let cell = |x: f64| {
                if c.tp + c.fp + c.fn_ == 0 {
                    "–".to_string()
                } else {
                    format!("{x:.3}")
                }
            };
            println!(
                "| {name} | {} | {} | {} | {} | {} | {} |",
                cell(c.precision()),
                cell(c.recall()),
                cell(c.f1()),
                c.tp,
                c.fp,
                c.fn_
            );
        }
    }
    Ok(())
}

/// F1 with three decimals, or "-" when there was nothing to score.
fn f1_cell(c: &kilde::eval::Counts) -> String {
    if c.tp + c.fp + c.fn_ == 0 {
        "-".into()
    } else {
        format!("{:.3}", c.f1())
    }
}

// ---------------------------------------------------------------- CoNLL-U treebanks

/// A data file, plain or .xz.
fn read_text(path: &Path) -> Result<String, String> {
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| err(&e))?;
    if path.extension().is_some_and(|x| x == "xz") {
        let mut out = Vec::new();
        lzma_rs::xz_decompress(&mut &bytes[..], &mut out).map_err(|e| err(&e))?;
        bytes = out;
    } else if path.extension().is_some_and(|x| x == "gz") {
        return Err(err(&"gzip is not supported: decompress it or use .xz"));
    }
    String::from_utf8(bytes).map_err(|e| err(&e))
}

/// DIR/STEM, DIR/STEM.xz or DIR/STEM.gz, whichever exists first.
fn find_file(dir: &Path, stem: &str) -> Option<PathBuf> {
    ["", ".xz", ".gz"]
        .iter()
        .map(|ext| dir.join(format!("{stem}{ext}")))
        .find(|p| p.exists())
}

fn run_treebank(t: &Treebank, norne: bool) -> Result<(), String> {
    let split = match t.split {
        Split::Dev => "dev",
        Split::Test => "test",
    };
    let stem = format!("no_bokmaal-ud-{split}.conllu");
    let path = match (&t.conllu, &t.data) {
        (Some(p), _) => p.clone(),
        (None, Some(d)) => {
            find_file(d, &stem).ok_or_else(|| format!("no {stem}[.xz|.gz] in {}", d.display()))?
        }
        (None, None) => return Err("give --data DIR or --conllu FILE".into()),
    };
    let docmap_path = match (&t.docmap, &t.data, norne) {
        (Some(p), _, _) => Some(p.clone()),
        (None, Some(d), false) => find_file(d, "docmap.tsv"),
        _ => None,
    };
    let corpus = t
        .corpus
        .clone()
        .unwrap_or_else(|| if norne { "norne" } else { "ud" }.to_string());
    let docmap = match &docmap_path {
        Some(p) if p.exists() => conllu::parse_docmap(&read_text(p)?, &corpus, split),
        _ => Default::default(),
    };
    let mut sentences = conllu::parse(&read_text(&path)?);
    if t.genre != "all" || t.complete_only {
        if docmap.is_empty() {
            return Err("--genre and --complete-only need the docmap".into());
        }
        let keep: Vec<&str> = t.genre.split(',').collect();
        sentences.retain(|s| {
            let row = s.sent_id.as_ref().and_then(|id| docmap.get(id));
            (t.genre == "all" || row.is_some_and(|r| keep.contains(&r.genre.as_str())))
                && (!t.complete_only || row.is_some_and(|r| r.complete))
        });
    }
    let layout = match t.layout {
        LayoutArg::Paragraphs => Layout::Paragraphs,
        LayoutArg::Flat => Layout::Flat,
        LayoutArg::Lines => Layout::Lines,
        LayoutArg::Single => Layout::Single,
    };
    let gold = conllu::build(&sentences, &docmap, layout).map_err(|e| e.to_string())?;
    if let Some(out) = &t.write_text {
        std::fs::write(out, &gold.text).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let docs: std::collections::HashSet<&str> = sentences
        .iter()
        .map(|s| {
            s.sent_id
                .as_ref()
                .and_then(|id| docmap.get(id))
                .map_or("all", |r| r.doc.as_str())
        })
        .collect();
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    println!(
        "{file}: {} sentences, {} tokens,{} {} documents, {} bytes, layout {}, genre {}{}",
        sentences.len(),
        gold.tokens.len(),
        if norne {
            format!(" {} entities,", gold.entities.len())
        } else {
            String::new()
        },
        docs.len(),
        gold.text.len(),
        format!("{:?}", t.layout).to_lowercase(),
        t.genre,
        if t.complete_only {
            ", complete articles only"
        } else {
            ""
        }
    );
    let doc = match &t.pred {
        Some(p) => {
            let json: serde_json::Value = serde_json::from_str(&read_text(p)?)
                .map_err(|e| format!("{}: {e}", p.display()))?;
            println!("saved output {}", p.display());
            Predicted::from_json(&json)
        }
        None => {
            let extractor = Extractor::builder()
                .tokens(!norne)
                .build()
                .map_err(|e| e.to_string())?;
            let started = Instant::now();
            let doc = extractor.extract(&gold.text);
            let secs = started.elapsed().as_secs_f64();
            println!(
                "kilde in-process: {secs:.3}s = {:.2} MB/s",
                gold.text.len() as f64 / secs.max(1e-9) / 1e6
            );
            Predicted::from_document(&doc)
        }
    };
    if norne {
        print_entities(&gold, &doc, t.errors);
    } else {
        print_tokens(&gold, &doc, t.errors);
    }
    Ok(())
}

/// What a system predicted, from a [`kilde::Document`] or saved JSON output.
#[derive(Default)]
struct Predicted {
    tokens: Vec<(usize, usize)>,
    sentences: Vec<(usize, usize)>,
    entities: Vec<(String, usize, usize)>,
}

impl Predicted {
    fn from_document(doc: &kilde::Document) -> Predicted {
        let kind = |k: kilde::EntityKind| match k {
            kilde::EntityKind::Person => "person",
            kilde::EntityKind::Organisation => "organisation",
            kilde::EntityKind::Role => "role",
            kilde::EntityKind::Place => "place",
        };
        Predicted {
            tokens: doc
                .tokens
                .iter()
                .flatten()
                .map(|t| (t.start, t.end))
                .collect(),
            sentences: doc.sentences.iter().map(|s| (s.start, s.end)).collect(),
            entities: doc
                .entities
                .iter()
                .map(|e| (kind(e.kind).to_string(), e.start, e.end))
                .collect(),
        }
    }

    /// `{"tokens": [{"start", "end"}], "sentences": [...], "entities": [{"start", "end",
    /// "kind"}]}`; entries without numeric offsets are skipped.
    fn from_json(v: &serde_json::Value) -> Predicted {
        let spans = |key: &str| -> Vec<(usize, usize, String)> {
            v.get(key)
                .and_then(|a| a.as_array())
                .into_iter()
                .flatten()
                .filter_map(|x| {
                    let n = |k: &str| x.get(k).and_then(|n| n.as_u64()).map(|n| n as usize);
                    let kind = x.get("kind").and_then(|k| k.as_str()).unwrap_or("");
                    Some((n("start")?, n("end")?, kind.to_string()))
                })
                .collect()
        };
        Predicted {
            tokens: spans("tokens")
                .into_iter()
                .map(|(s, e, _)| (s, e))
                .collect(),
            sentences: spans("sentences")
                .into_iter()
                .map(|(s, e, _)| (s, e))
                .collect(),
            entities: spans("entities")
                .into_iter()
                .map(|(s, e, k)| (k, s, e))
                .collect(),
        }
    }
}

/// tokeval.py's line format.
fn fmt_score(name: &str, s: Score, digits: usize) -> String {
    format!(
        "{name:<w$} P {:.d$}  R {:.d$}  F1 {:.d$}   (tp {}, pred {}, gold {}",
        s.precision(),
        s.recall(),
        s.f1(),
        s.tp,
        s.pred,
        s.gold,
        w = if digits == 4 { 26 } else { 12 },
        d = digits
    )
}

/// `…before[span]after…` on one line, as the yardsticks show errors.
fn context(text: &str, span: Span, width: usize, marks: (&str, &str)) -> String {
    let b = text.as_bytes();
    let lossy = |r: std::ops::Range<usize>| String::from_utf8_lossy(&b[r]).into_owned();
    let s = span.start.min(b.len());
    let e = span.end.min(b.len()).max(s);
    format!(
        "{}{}{}{}{}",
        lossy(s.saturating_sub(width)..s),
        marks.0,
        lossy(s..e),
        marks.1,
        lossy(e..(e + width).min(b.len()))
    )
    .replace('\n', "⏎")
}

fn print_tokens(gold: &RunningText, doc: &Predicted, errors: usize) {
    let text = &gold.text;
    let predicted = doc.tokens.iter().copied();
    let tokens = conllu::score_tokens(text, &gold.tokens, predicted);
    println!("{})", fmt_score("tokens", tokens.counts, 4));
    if tokens.whitespace_only > 0 || tokens.out_of_range > 0 {
        println!(
            "  (dropped {} whitespace-only and {} out-of-range predicted tokens)",
            tokens.whitespace_only, tokens.out_of_range
        );
    }
    if errors > 0 {
        println!(
            "  missed gold tokens ({}), first {errors}:",
            tokens.missed.len()
        );
        for s in tokens.missed.iter().take(errors) {
            println!("    {}", context(text, *s, 25, ("[", "]")));
        }
        println!(
            "  spurious predicted tokens ({}), first {errors}:",
            tokens.spurious.len()
        );
        for s in tokens.spurious.iter().take(errors) {
            println!("    {}", context(text, *s, 25, ("[", "]")));
        }
    }
    let predicted = doc.sentences.iter().copied();
    let sentences = conllu::score_sentence_ends(text, &gold.sentences, predicted);
    println!("{})", fmt_score("sentence ends", sentences.ends, 4));
    match sentences.in_line {
        Some(s) => println!("{})", fmt_score("sentence ends in-line", s, 4)),
        None => println!(
            "sentence ends in-line      n/a (every gold sentence ends at a line break in this layout)"
        ),
    }
    if errors > 0 {
        for (what, ends) in [
            ("missed", &sentences.missed),
            ("spurious", &sentences.spurious),
        ] {
            println!("  {what} sentence ends ({}), first {errors}:", ends.len());
            for &e in ends.iter().take(errors) {
                let before = Span::new(e.saturating_sub(40), e);
                let line = context(text, before, 0, ("", ""));
                println!(
                    "    {line}‖{}",
                    context(text, Span::new(e, e), 30, ("", ""))
                );
            }
        }
    }
}

fn print_entities(gold: &RunningText, doc: &Predicted, errors: usize) {
    let text = &gold.text;
    let predicted: Vec<(&str, usize, usize)> = doc
        .entities
        .iter()
        .map(|(k, s, e)| {
            let k = if k == "organization" {
                "organisation"
            } else {
                k.as_str()
            };
            (k, *s, *e)
        })
        .collect();
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for (k, _, _) in &predicted {
        match kinds.iter_mut().find(|(n, _)| n == k) {
            Some((_, c)) => *c += 1,
            None => kinds.push((k, 1)),
        }
    }
    println!(
        "predicted kinds: {{{}}}",
        kinds
            .iter()
            .map(|(k, n)| format!("'{k}': {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let types = [
        "PER", "ORG", "GPE_ORG", "GPE_LOC", "LOC", "PROD", "EVT", "DRV", "MISC",
    ];
    println!(
        "gold types: {}",
        types
            .iter()
            .filter_map(|t| {
                let spans: std::collections::BTreeSet<Span> = gold
                    .entities
                    .iter()
                    .filter(|(g, _)| g == t)
                    .map(|(_, s)| *s)
                    .collect();
                (!spans.is_empty()).then(|| format!("{t} {}", spans.len()))
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    let scores = conllu::score_entities(text, &gold.entities, predicted.iter().copied());
    for s in &scores {
        let wanted = if s.name == "PER" {
            "person"
        } else {
            "organisation"
        };
        let gold_spans: Vec<Span> = s.missed.clone();
        // Misses that are only boundary errors, and right spans predicted with another kind,
        // as nereval.py counts them.
        let all_gold: Vec<Span> = gold
            .entities
            .iter()
            .filter(|(t, _)| match s.name {
                "PER" => t == "PER",
                "ORG" => t == "ORG",
                _ => t == "ORG" || t == "GPE_ORG",
            })
            .map(|(_, sp)| *sp)
            .collect();
        let overlap = s
            .spurious
            .iter()
            .filter(|p| all_gold.iter().any(|g| p.start < g.end && g.start < p.end))
            .count();
        let other: std::collections::BTreeSet<(usize, usize)> = predicted
            .iter()
            .filter(|(k, s0, e0)| *k != wanted && *s0 < *e0 && *e0 <= text.len())
            .map(|(_, a, b)| (*a, *b))
            .collect();
        let wrong_kind = gold_spans
            .iter()
            .filter(|g| other.contains(&(g.start, g.end)))
            .count();
        println!(
            "{}; {overlap} predicted spans overlap gold without matching, {wrong_kind} gold spans found with another kind)",
            fmt_score(s.name, s.counts, 3)
        );
        if errors > 0 {
            println!("  missed ({}), first {errors}:", s.missed.len());
            for sp in s.missed.iter().take(errors) {
                println!("    {}", context(text, *sp, 30, ("[", "]")));
            }
            println!("  spurious ({}), first {errors}:", s.spurious.len());
            for sp in s.spurious.iter().take(errors) {
                println!("    {}", context(text, *sp, 30, ("[", "]")));
            }
        }
    }
}
