//! Runs kilde over a corpus: JSON Lines in, JSON Lines out, on all cores, in bounded memory.
//!
//! ```text
//! cargo run --release --example batch -- corpus.jsonl > out.jsonl
//! cargo run --release --example batch -- --threads 4 --summary - < corpus.jsonl > out.jsonl
//! cargo run --release --example batch -- articles/ > out.jsonl      # a folder of .txt files
//! ```
//!
//! Input: one article a line, `{"id": ..., "text": ..., ...}`; the other fields are passed
//! through (all but `text`, unless `--keep-text`). A folder gives its `.txt` files in name order,
//! with the file name as id. Output: one line per input line, in input order: the id, the
//! passed-through fields and the fields of kilde's JSON contract; or, for a line that cannot be
//! read or processed, `{"id": ..., "line": N, "error": "..."}`. The exit status is 0 when every
//! article went through, 1 when any error record was written, 2 when the run itself failed.
//!
//! Memory stays bounded whatever the corpus size: articles are read in batches (`--batch`
//! articles or `--batch-mb` megabytes, whichever comes first), at most three batches are alive
//! at once (being read, processed and written), and only the `--summary` table grows, with the
//! number of distinct people quoted.

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kilde::{CompactString, Document, Extractor, GenderRecord};
use rayon::prelude::*;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

#[derive(Parser, Debug)]
#[command(
    name = "batch",
    about = "Run kilde over a JSON Lines corpus (or a folder of .txt files), JSON Lines out"
)]
struct Args {
    /// JSON Lines file, `-` for standard input (the default), or a folder of .txt files.
    input: Option<PathBuf>,
    /// Write the JSON Lines here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Articles per batch: at most three batches are in memory at once.
    #[arg(long, default_value_t = 2048)]
    batch: usize,
    /// Megabytes of input per batch, whichever limit comes first.
    #[arg(long, default_value_t = 32)]
    batch_mb: usize,
    /// Print the source count ("kildetelling") table over the corpus on standard error.
    #[arg(long)]
    summary: bool,
    /// People in the summary table (the most quoted first).
    #[arg(long, default_value_t = 40)]
    top: usize,
    /// Include the tokens in each document.
    #[arg(long)]
    tokens: bool,
    /// Pass the input's `text` field through too.
    #[arg(long)]
    keep_text: bool,
    /// Never draw a progress bar (it is drawn only when standard error is a terminal).
    #[arg(long)]
    no_progress: bool,
}

/// One input unit: a JSON line or a .txt file, not yet parsed.
struct Record {
    /// 1-based line number (or file number in a folder).
    line: usize,
    /// The file name, for a folder's .txt files.
    file: Option<String>,
    bytes: Result<Vec<u8>, String>,
}

/// One output line and what it adds to the summary.
struct Processed {
    json: Vec<u8>,
    failed: bool,
    input_bytes: usize,
    sources: Vec<SourceMention>,
    quote_counts: QuoteCounts,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(1),
        Err(e) => {
            eprintln!("batch: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs the whole job; `Ok(true)` when any error record was written.
fn run(args: &Args) -> Result<bool, String> {
    install_panic_hook();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .map_err(|e| format!("thread pool: {e}"))?;
    let extractor = Extractor::builder()
        .tokens(args.tokens)
        .build()
        .map_err(|e| e.to_string())?;

    let input = args.input.as_deref().filter(|p| p != &Path::new("-"));
    let (total, unit_bytes) = match input {
        Some(p) if p.is_dir() => (txt_files(p)?.len() as u64, false),
        Some(p) => (
            std::fs::metadata(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .len(),
            true,
        ),
        None => (0, true),
    };
    let progress = progress_bar(args, total, unit_bytes);

    let (batch_tx, batch_rx) = sync_channel::<Vec<Record>>(1);
    let (out_tx, out_rx) = sync_channel::<Vec<Processed>>(1);
    let limits = (args.batch.max(1), args.batch_mb.max(1) << 20);
    let reader = {
        let input = input.map(Path::to_path_buf);
        std::thread::spawn(move || read_input(input.as_deref(), limits, batch_tx))
    };
    let writer = {
        let output = args.output.clone();
        let progress = progress.clone();
        let summary = args.summary;
        std::thread::spawn(move || write_output(output, out_rx, progress, summary))
    };

    for batch in batch_rx {
        let processed: Vec<Processed> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|r| {
                    let p = process(&extractor, r, args);
                    // Counted as each article is done, so the rate and ETA move smoothly
                    // instead of jumping once per batch.
                    progress.inc(if unit_bytes { p.input_bytes as u64 } else { 1 });
                    p
                })
                .collect()
        });
        if out_tx.send(processed).is_err() {
            break; // the writer stopped (closed pipe or write error): it says why
        }
    }
    drop(out_tx);
    let read_result = reader
        .join()
        .map_err(|_| "the reader thread panicked".to_string())?;
    let written = writer
        .join()
        .map_err(|_| "the writer thread panicked".to_string())??;
    progress.finish_and_clear();
    read_result?;

    if args.summary {
        eprint!("{}", written.summary.table(args.top));
    }
    if written.errors > 0 {
        eprintln!(
            "batch: {} of {} articles failed (error records in the output)",
            written.errors, written.lines
        );
    }
    Ok(written.errors > 0)
}

fn progress_bar(args: &Args, total: u64, unit_bytes: bool) -> ProgressBar {
    if args.no_progress || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = if total > 0 {
        ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    };
    let template = match (total > 0, unit_bytes) {
        (true, true) => {
            "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}"
        }
        (true, false) => {
            "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} files {per_sec} ETA {eta} {msg}"
        }
        (false, _) => "{spinner} {elapsed_precise} {bytes} {bytes_per_sec} {msg}",
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

// ---------------------------------------------------------------- reading

/// The .txt files of a folder, in name order.
fn txt_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads the input in batches bounded by count and bytes, and hands them on.
fn read_input(
    input: Option<&Path>,
    (max_records, max_bytes): (usize, usize),
    tx: SyncSender<Vec<Record>>,
) -> Result<(), String> {
    let mut batch = Vec::new();
    let mut bytes = 0;
    let mut push = |record: Record, batch: &mut Vec<Record>| -> bool {
        bytes += record.bytes.as_ref().map_or(0, Vec::len);
        batch.push(record);
        if batch.len() >= max_records || bytes >= max_bytes {
            bytes = 0;
            return tx.send(std::mem::take(batch)).is_ok();
        }
        true
    };
    match input {
        Some(dir) if dir.is_dir() => {
            for (i, path) in txt_files(dir)?.into_iter().enumerate() {
                let file = path.file_name().map(|f| f.to_string_lossy().into_owned());
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()));
                let record = Record {
                    line: i + 1,
                    file,
                    bytes,
                };
                if !push(record, &mut batch) {
                    return Ok(());
                }
            }
        }
        _ => {
            let reader: Box<dyn Read + Send> = match input {
                Some(p) => Box::new(File::open(p).map_err(|e| format!("{}: {e}", p.display()))?),
                None => Box::new(std::io::stdin()),
            };
            let mut reader = BufReader::with_capacity(1 << 20, reader);
            let mut line = 0;
            loop {
                let mut buf = Vec::new();
                let n = reader
                    .read_until(b'\n', &mut buf)
                    .map_err(|e| format!("reading line {}: {e}", line + 1))?;
                if n == 0 {
                    break;
                }
                line += 1;
                if buf.last() == Some(&b'\n') {
                    buf.pop();
                    if buf.last() == Some(&b'\r') {
                        buf.pop();
                    }
                }
                let record = Record {
                    line,
                    file: None,
                    bytes: Ok(buf),
                };
                if !push(record, &mut batch) {
                    return Ok(());
                }
            }
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(batch);
    }
    Ok(())
}

// ---------------------------------------------------------------- processing

/// Turns one record into its output line; never fails, never panics through.
fn process(extractor: &Extractor, record: Record, args: &Args) -> Processed {
    let input_bytes = record.bytes.as_ref().map_or(0, |b| b.len() + 1);
    let id_fallback = match &record.file {
        Some(f) => Value::String(f.clone()),
        None => Value::Null,
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        process_record(extractor, &record, args)
    }))
    .unwrap_or_else(|payload| Err((None, panic_message(payload))));
    match result {
        Ok((json, doc)) => {
            let (sources, quote_counts) = if args.summary {
                sources_of(&doc)
            } else {
                Default::default()
            };
            Processed {
                json,
                failed: false,
                input_bytes,
                sources,
                quote_counts,
            }
        }
        Err((id, error)) => {
            // Written by hand to keep the documented key order: id, line, error.
            let id = id.unwrap_or(id_fallback);
            let json = format!(
                "{{\"id\":{},\"line\":{},\"error\":{}}}",
                serde_json::to_string(&id).unwrap_or_else(|_| "null".into()),
                record.line,
                serde_json::to_string(&error).unwrap_or_else(|_| "\"?\"".into())
            );
            Processed {
                json: json.into_bytes(),
                failed: true,
                input_bytes,
                sources: Vec::new(),
                quote_counts: QuoteCounts::default(),
            }
        }
    }
}

type Failure = (Option<Value>, String);

fn process_record(
    extractor: &Extractor,
    record: &Record,
    args: &Args,
) -> Result<(Vec<u8>, Document), Failure> {
    let bytes = record.bytes.as_ref().map_err(|e| (None, e.clone()))?;
    if let Some(file) = &record.file {
        let doc = extractor
            .extract_bytes(bytes)
            .map_err(|e| (None, format!("{file}: {e}")))?;
        let mut fields = Map::new();
        fields.insert("id".into(), Value::String(file.clone()));
        return Ok((join_json(&fields, &doc)?, doc));
    }
    let line = std::str::from_utf8(bytes).map_err(|e| {
        // The id is still worth reporting when the bad byte is elsewhere in the line.
        let lossy = String::from_utf8_lossy(bytes);
        let id = match serde_json::from_str::<Value>(&lossy) {
            Ok(Value::Object(mut m)) => m.remove("id"),
            _ => None,
        };
        (
            id,
            format!(
                "invalid utf-8 at byte offset {} of the line",
                e.valid_up_to()
            ),
        )
    })?;
    let mut fields: Map<String, Value> = match serde_json::from_str(line) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return Err((None, "not a JSON object".into())),
        Err(e) => return Err((None, format!("malformed JSON: {e}"))),
    };
    let id = fields
        .remove("id")
        .unwrap_or_else(|| Value::from(record.line));
    let text = match fields.get("text") {
        Some(Value::String(t)) => t,
        Some(_) => return Err((Some(id), "\"text\" is not a string".into())),
        None => return Err((Some(id), "no \"text\" field".into())),
    };
    let doc = extractor.extract(text);
    if !args.keep_text {
        fields.remove("text");
    }
    let mut out = Map::new();
    out.insert("id".into(), id);
    out.extend(fields);
    Ok((join_json(&out, &doc)?, doc))
}

/// `{ fields..., document fields... }`, with the fields first, the id at the head. A passed
/// through field named like a document field is dropped: the document's own field wins.
fn join_json(fields: &Map<String, Value>, doc: &Document) -> Result<Vec<u8>, Failure> {
    let id = fields.get("id").cloned();
    let fail = |e: serde_json::Error| (id.clone(), format!("serializing: {e}"));
    let doc_json = serde_json::to_vec(doc).map_err(fail)?;
    let mut out = Vec::with_capacity(doc_json.len() + 64);
    out.push(b'{');
    let reserved = [
        "sentences",
        "tokens",
        "entities",
        "people",
        "organisations",
        "quotes",
    ];
    let mut keys: Vec<&String> = fields.keys().collect();
    keys.sort_by_key(|k| *k != "id");
    for key in keys {
        if reserved.contains(&key.as_str()) {
            continue;
        }
        serde_json::to_writer(&mut out, key).map_err(fail)?;
        out.push(b':');
        serde_json::to_writer(&mut out, &fields[key]).map_err(fail)?;
        out.push(b',');
    }
    // doc_json is `{...}`: splice its inside in.
    out.extend_from_slice(doc_json.get(1..).unwrap_or(b"}"));
    Ok(out)
}

// ---------------------------------------------------------------- panics

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keeps a panic's message and place for the error record instead of printing it over the
/// progress bar.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let msg = payload_str(info.payload()).unwrap_or("panic");
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("panic: {msg}{place}")));
    }));
}

fn payload_str(payload: &(dyn std::any::Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    LAST_PANIC
        .with(|p| p.borrow_mut().take())
        .unwrap_or_else(|| format!("panic: {}", payload_str(&*payload).unwrap_or("?")))
}

// ---------------------------------------------------------------- writing

struct Written {
    lines: usize,
    errors: usize,
    summary: Summary,
}

fn write_output(
    output: Option<PathBuf>,
    rx: Receiver<Vec<Processed>>,
    progress: ProgressBar,
    summary: bool,
) -> Result<Written, String> {
    let sink: Box<dyn Write> = match &output {
        Some(p) => Box::new(File::create(p).map_err(|e| format!("{}: {e}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, sink);
    let mut written = Written {
        lines: 0,
        errors: 0,
        summary: Summary::default(),
    };
    let write_err = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::BrokenPipe => "output closed (broken pipe)".to_string(),
        _ => format!("writing the output: {e}"),
    };
    for batch in rx {
        for p in batch {
            out.write_all(&p.json).map_err(write_err)?;
            out.write_all(b"\n").map_err(write_err)?;
            written.lines += 1;
            written.errors += usize::from(p.failed);
            if summary {
                written.summary.add(p.sources, p.quote_counts);
            }
        }
        progress.set_message(format!(
            "{} articles, {} errors",
            written.lines, written.errors
        ));
    }
    out.flush().map_err(write_err)?;
    Ok(written)
}

// ---------------------------------------------------------------- the kildetelling

/// A person quoted in one article.
struct SourceMention {
    name: CompactString,
    gender: Option<GenderRecord>,
    roles: Vec<CompactString>,
    organisations: Vec<CompactString>,
    quotes: usize,
}

/// Quotes of one article (or the corpus) by who gives them.
#[derive(Default, Clone, Copy)]
struct QuoteCounts {
    female: usize,
    male: usize,
    person_unknown_gender: usize,
    non_person: usize,
    unattributed: usize,
}

fn sources_of(doc: &Document) -> (Vec<SourceMention>, QuoteCounts) {
    let mut per_person = vec![0usize; doc.people.len()];
    let mut counts = QuoteCounts::default();
    for q in &doc.quotes {
        match (q.speaker_id.and_then(|i| doc.people.get(i)), &q.speaker) {
            (Some(p), _) => {
                if let Some(n) = per_person.get_mut(p.id) {
                    *n += 1;
                }
                match p.gender {
                    Some(GenderRecord::Female) => counts.female += 1,
                    Some(GenderRecord::Male) => counts.male += 1,
                    None => counts.person_unknown_gender += 1,
                }
            }
            (None, Some(_)) => counts.non_person += 1,
            (None, None) => counts.unattributed += 1,
        }
    }
    let sources = doc
        .people
        .iter()
        .zip(per_person)
        .filter(|(_, n)| *n > 0)
        .map(|(p, quotes)| SourceMention {
            name: p.name.clone(),
            gender: p.gender,
            roles: p.roles.clone(),
            organisations: p.organisations.clone(),
            quotes,
        })
        .collect();
    (sources, counts)
}

#[derive(Default)]
struct SourceTotal {
    name: String,
    gender: Option<GenderRecord>,
    quotes: usize,
    articles: usize,
    roles: HashMap<String, usize>,
    organisations: HashMap<String, usize>,
}

/// The corpus-wide source count, keyed by the person's name folded to lower case.
#[derive(Default)]
struct Summary {
    articles: usize,
    articles_with_quotes: usize,
    people: HashMap<String, SourceTotal>,
    counts: QuoteCounts,
}

impl Summary {
    fn add(&mut self, sources: Vec<SourceMention>, c: QuoteCounts) {
        self.articles += 1;
        let total = c.female + c.male + c.person_unknown_gender + c.non_person + c.unattributed;
        self.articles_with_quotes += usize::from(total > 0);
        self.counts.female += c.female;
        self.counts.male += c.male;
        self.counts.person_unknown_gender += c.person_unknown_gender;
        self.counts.non_person += c.non_person;
        self.counts.unattributed += c.unattributed;
        for s in sources {
            let key = s.name.split_whitespace().collect::<Vec<_>>().join(" ");
            let t = self.people.entry(key.to_lowercase()).or_default();
            if t.name.is_empty() {
                t.name = key;
            }
            t.gender = t.gender.or(s.gender);
            t.quotes += s.quotes;
            t.articles += 1;
            for r in s.roles {
                *t.roles.entry(r.into()).or_default() += 1;
            }
            for o in s.organisations {
                *t.organisations.entry(o.into()).or_default() += 1;
            }
        }
    }

    fn table(&self, top: usize) -> String {
        use std::fmt::Write as _;
        let c = self.counts;
        let person = c.female + c.male + c.person_unknown_gender;
        let all = person + c.non_person + c.unattributed;
        let pct = |n: usize, of: usize| {
            if of == 0 {
                0.0
            } else {
                100.0 * n as f64 / of as f64
            }
        };
        let mut s = String::new();
        let _ = writeln!(
            s,
            "\nkildetelling: {} articles ({} with quotes), {all} quotes: {person} by a named \
             person, {} by an organisation or other named source, {} unattributed; {} people \
             quoted",
            self.articles,
            self.articles_with_quotes,
            c.non_person,
            c.unattributed,
            self.people.len()
        );
        let _ = writeln!(
            s,
            "quotes by a person, by gender: women {:.1} % ({}), men {:.1} % ({}), unknown \
             {:.1} % ({})",
            pct(c.female, person),
            c.female,
            pct(c.male, person),
            c.male,
            pct(c.person_unknown_gender, person),
            c.person_unknown_gender
        );
        let mut people: Vec<&SourceTotal> = self.people.values().collect();
        people.sort_by(|a, b| {
            b.quotes
                .cmp(&a.quotes)
                .then(b.articles.cmp(&a.articles))
                .then(a.name.cmp(&b.name))
        });
        let _ = writeln!(
            s,
            "\n{:>7} {:>8}  {:<7} {:<28} {:<34} organisations",
            "quotes", "articles", "gender", "person", "roles"
        );
        for p in people.iter().take(top) {
            let gender = match p.gender {
                Some(GenderRecord::Female) => "female",
                Some(GenderRecord::Male) => "male",
                None => "?",
            };
            let _ = writeln!(
                s,
                "{:>7} {:>8}  {:<7} {:<28} {:<34} {}",
                p.quotes,
                p.articles,
                gender,
                p.name,
                ranked(&p.roles),
                ranked(&p.organisations)
            );
        }
        if people.len() > top {
            let _ = writeln!(
                s,
                "({} more people; --top N shows more)",
                people.len() - top
            );
        }
        s
    }
}

/// "a (3), b (1)": the most frequent first, at most four.
fn ranked(counts: &HashMap<String, usize>) -> String {
    let mut v: Vec<(&String, &usize)> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .take(4)
        .map(|(k, n)| format!("{k} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}
