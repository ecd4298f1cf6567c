//! Extracts speakers, roles, organisations and quotes from one Norwegian article.
//!
//! ```text
//! cargo run --release --example extract                 # the bundled sample article
//! cargo run --release --example extract -- FILE         # a report on FILE
//! cargo run --release --example extract -- --json FILE  # the JSON contract
//! cargo run --release --example extract -- --json --tokens - < FILE
//! ```
//! With no FILE (or `-`) the text is read from standard input; with no argument at all on a
//! terminal, the bundled sample article is used.

use kilde::{Document, Extractor, QuoteKind};
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

/// The sample article of the README's first command (from the project's brief).
const SAMPLE: &str = include_str!("articles/000_daef0d3acb2eb511.txt");

fn main() -> ExitCode {
    let mut json = false;
    let mut tokens = false;
    let mut file: Option<String> = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "--tokens" => tokens = true,
            "-h" | "--help" => {
                println!("usage: extract [--json] [--tokens] [FILE | -]");
                return ExitCode::SUCCESS;
            }
            _ if arg.starts_with("--") => {
                eprintln!("extract: unknown option {arg} (see --help)");
                return ExitCode::from(2);
            }
            _ => file = Some(arg),
        }
    }
    let (name, bytes) = match file.as_deref() {
        Some("-") => ("<stdin>".to_string(), read_stdin()),
        Some(path) => (
            path.to_string(),
            std::fs::read(path).map_err(|e| format!("{path}: {e}")),
        ),
        None if std::io::stdin().is_terminal() => {
            eprintln!("(no input given: using the bundled sample article)");
            ("<sample>".to_string(), Ok(SAMPLE.as_bytes().to_vec()))
        }
        None => ("<stdin>".to_string(), read_stdin()),
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            eprintln!("extract: {e}");
            return ExitCode::FAILURE;
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "extract: {name}: not valid UTF-8 at byte offset {}",
                e.valid_up_to()
            );
            return ExitCode::FAILURE;
        }
    };
    let extractor = match Extractor::builder().tokens(tokens).build() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("extract: {e}");
            return ExitCode::FAILURE;
        }
    };
    let doc = extractor.extract(text);
    if json {
        match serde_json::to_string_pretty(&doc) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("extract: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print_report(&name, text, &doc);
    }
    ExitCode::SUCCESS
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .map_err(|e| format!("<stdin>: {e}"))?;
    Ok(buf)
}

fn print_report(name: &str, text: &str, doc: &Document) {
    println!(
        "{name}: {} bytes, {} sentences",
        text.len(),
        doc.sentences.len()
    );
    if let Some(tokens) = &doc.tokens {
        println!("{} tokens", tokens.len());
    }
    println!("\nPeople ({})", doc.people.len());
    for p in &doc.people {
        let gender = p
            .gender
            .map(|g| format!("{g:?}").to_lowercase())
            .unwrap_or_else(|| "?".into());
        println!(
            "  {} ({gender}) roles: [{}] organisations: [{}] mentions: {}",
            p.name,
            p.roles.join(", "),
            p.organisations.join(", "),
            p.mentions.len()
        );
    }
    println!("\nOrganisations ({})", doc.organisations.len());
    for o in &doc.organisations {
        println!("  {} ({} mentions)", o.name, o.mentions.len());
    }
    println!("\nQuotes ({})", doc.quotes.len());
    let mut speakers: Vec<Option<&str>> = Vec::new();
    for q in &doc.quotes {
        if !speakers.contains(&q.speaker.as_deref()) {
            speakers.push(q.speaker.as_deref());
        }
    }
    for speaker in speakers {
        let quotes: Vec<_> = doc
            .quotes
            .iter()
            .filter(|q| q.speaker.as_deref() == speaker)
            .collect();
        // The speaker's roles and organisations, when the speaker is a person of the text.
        let person = quotes
            .iter()
            .find_map(|q| q.speaker_id)
            .and_then(|id| doc.people.iter().find(|p| p.id == id));
        let about = person
            .map(|p| {
                let mut parts = p.roles.clone();
                parts.extend(p.organisations.iter().cloned());
                parts
            })
            .filter(|parts| !parts.is_empty())
            .map(|parts| format!(" ({})", parts.join(", ")))
            .unwrap_or_default();
        println!(
            "  {}{about}: {} quote{}",
            speaker.unwrap_or("(unnamed or unknown source)"),
            quotes.len(),
            if quotes.len() == 1 { "" } else { "s" }
        );
        for q in quotes {
            let kind = match q.kind {
                QuoteKind::Direct => "direct",
                QuoteKind::Indirect => "indirect",
                QuoteKind::Mixed => "mixed",
            };
            let cue = q.cue.as_deref().unwrap_or("-");
            println!(
                "    [{kind}, cue {cue}, {:.2}] {}",
                q.confidence,
                shorten(&q.text, 140)
            );
        }
    }
}

fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    format!("{cut}…")
}
