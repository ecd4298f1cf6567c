//! People, organisations, places and roles of a text, as JSON (the NorNE yardstick reads the
//! `entities`) or as a short report.
//!
//! ```text
//! cargo run --release --example entities -- FILE                  # report
//! cargo run --release --example entities -- --json FILE           # {"entities": [...], ...}
//! cargo run --release --example entities -- --lexicons DIR FILE   # lexicon files of DIR
//! ```
//! `--lexicons DIR` replaces every kind whose file (as named in `lexicons/`) is in DIR.

use kilde::Extractor;
use kilde::lexicon::{LexiconKind, LexiconSet};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut json = false;
    let mut dir: Option<String> = None;
    let mut file: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--lexicons" => dir = args.next(),
            "-h" | "--help" => {
                println!("usage: entities [--json] [--lexicons DIR] FILE");
                return ExitCode::SUCCESS;
            }
            _ => file = Some(a),
        }
    }
    let Some(path) = file else {
        eprintln!("entities: no FILE (see --help)");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("entities: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut builder = Extractor::builder();
    if let Some(dir) = dir {
        let mut lb = LexiconSet::builder();
        for kind in LexiconKind::ALL {
            let p = std::path::Path::new(&dir).join(kind.file_name());
            if p.exists() {
                lb.clear(kind);
                if let Err(e) = lb.add_file(kind, &p) {
                    eprintln!("entities: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        builder.lexicons(lb.build());
    }
    let extractor = match builder.build() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("entities: {e}");
            return ExitCode::FAILURE;
        }
    };
    let doc = extractor.extract(&text);
    if json {
        let out = serde_json::json!({
            "entities": doc.entities,
            "people": doc.people,
            "organisations": doc.organisations,
        });
        println!("{out}");
    } else {
        for p in &doc.people {
            println!(
                "person {} ({:?}) roles [{}] orgs [{}] mentions {}",
                p.name,
                p.gender,
                p.roles.join(", "),
                p.organisations.join(", "),
                p.mentions.len()
            );
        }
        for o in &doc.organisations {
            println!("org {} ({})", o.name, o.mentions.len());
        }
        for e in &doc.entities {
            if e.kind == kilde::entity::EntityKind::Place {
                println!("place {}", e.text);
            }
        }
    }
    ExitCode::SUCCESS
}
