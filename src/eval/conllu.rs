//! Scoring tokens, sentence ends and name spans against CoNLL-U treebanks (UD Norwegian Bokmål,
//! NorNE), the way the project's yardsticks `tokeval.py` and `nereval.py` do, so the figures
//! agree with theirs to the last digit.
//!
//! 1. [`parse`] reads the sentences of a CoNLL-U file; [`parse_docmap`] the documents and
//!    paragraphs of a `docmap.tsv`.
//! 2. [`build`] rebuilds the running text: documents separated by a blank line, a sentence that
//!    opens a paragraph on a new line (in [`Layout::Paragraphs`]), other sentences joined by one
//!    space, with the gold token, sentence and entity byte spans.
//! 3. [`score_tokens`], [`score_sentence_ends`] and [`score_entities`] compare predictions with
//!    the gold spans.
//!
//! ```
//! use kilde::eval::conllu::{Layout, build, parse, score_tokens};
//! let conllu = "# sent_id = 1\n# text = Hei, Kari.\n\
//!     1\tHei\thei\tINTJ\t_\t_\t0\troot\t_\tSpaceAfter=No|name=O\n\
//!     2\t,\t$,\tPUNCT\t_\t_\t1\tpunct\t_\tname=O\n\
//!     3\tKari\tKari\tPROPN\t_\t_\t1\tvocative\t_\tSpaceAfter=No|name=B-PER\n\
//!     4\t.\t$.\tPUNCT\t_\t_\t1\tpunct\t_\tname=O\n\n";
//! let sentences = parse(conllu);
//! let gold = build(&sentences, &Default::default(), Layout::Paragraphs)?;
//! assert_eq!(gold.text, "Hei, Kari.\n");
//! assert_eq!(&gold.text[gold.entities[0].1.range()], "Kari");
//! let tokens = kilde::tokenize::Tokenizer::new().tokenize(&gold.text);
//! let score = score_tokens(&gold.text, &gold.tokens, tokens.map(|t| (t.span().start, t.span().end)));
//! assert_eq!(score.counts.f1(), 1.0);
//! # Ok::<(), kilde::eval::conllu::AlignError>(())
//! ```

use crate::span::Span;
use std::collections::{BTreeSet, HashMap};

/// One surface token of a CoNLL-U sentence.
///
/// ```
/// let s = kilde::eval::conllu::parse("1\tOslo\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No|name=B-GPE_LOC\n");
/// assert_eq!(s[0].tokens[0].form, "Oslo");
/// assert!(!s[0].tokens[0].space_after);
/// assert_eq!(s[0].tokens[0].name_label(), "B-GPE_LOC");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConlluToken {
    /// The FORM column.
    pub form: String,
    /// False when the MISC column says `SpaceAfter=No`.
    pub space_after: bool,
    /// The MISC columns of the token's words (one for a plain token, one per word of a
    /// multiword token).
    pub miscs: Vec<String>,
}

impl ConlluToken {
    /// The NorNE label (`B-PER`, `I-ORG`, `O`): the `name=` of the first word that has one
    /// other than `O`, as nereval.py reads it.
    pub fn name_label(&self) -> &str {
        let labelled: Vec<&String> = self
            .miscs
            .iter()
            .filter(|m| m.contains("name=") && !m.contains("name=O"))
            .collect();
        let miscs: Vec<&String> = if labelled.is_empty() {
            self.miscs.iter().collect()
        } else {
            labelled
        };
        miscs
            .iter()
            .flat_map(|m| m.split('|'))
            .find_map(|kv| kv.strip_prefix("name="))
            .unwrap_or("O")
    }
}

/// One CoNLL-U sentence.
///
/// ```
/// let s = kilde::eval::conllu::parse("# newpar\n# sent_id = 7 \n1\tJa\t_\t_\t_\t_\t_\t_\t_\t_\n");
/// assert_eq!(s[0].sent_id.as_deref(), Some("7"));
/// assert!(s[0].newpar);
/// assert_eq!(s[0].text, "Ja"); // rebuilt from the forms: no `# text` line
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConlluSentence {
    /// `# sent_id`, trimmed.
    pub sent_id: Option<String>,
    /// `# text`, or the forms joined by their spacing when there is none.
    pub text: String,
    /// `# newpar` was given.
    pub newpar: bool,
    /// `# newdoc` was given.
    pub newdoc: bool,
    /// Surface tokens; empty nodes are skipped.
    pub tokens: Vec<ConlluToken>,
}

/// Python's `str.isspace`, which the yardsticks' `\s` and `isspace()` use: Unicode White_Space
/// plus the information separators U+001C..U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `# key = value` with the yardsticks' leniency about spaces; `None` for another comment.
fn comment_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix('#')?.trim_start_matches(py_space);
    let rest = rest.strip_prefix(key)?.trim_start_matches(py_space);
    let rest = rest.strip_prefix('=')?;
    let mut chars = rest.chars();
    Some(match chars.next() {
        Some(c) if py_space(c) => chars.as_str(),
        _ => rest,
    })
}

/// `# newpar` / `# newdoc`, followed by a word boundary.
fn comment_flag(line: &str, key: &str) -> bool {
    line.strip_prefix('#')
        .map(|r| r.trim_start_matches(py_space))
        .and_then(|r| r.strip_prefix(key))
        .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
}

/// The sentences of a CoNLL-U text. Lines that do not parse are skipped, never a panic.
pub fn parse(conllu: &str) -> Vec<ConlluSentence> {
    let mut out = Vec::new();
    let mut cur: Option<ConlluSentence> = None;
    let mut has_text = false;
    let mut skip_to = 0usize;
    let finish = |cur: Option<ConlluSentence>, has_text: bool, out: &mut Vec<ConlluSentence>| {
        if let Some(mut s) = cur.filter(|s| !s.tokens.is_empty()) {
            if !has_text {
                let mut t = String::new();
                for tok in &s.tokens {
                    t.push_str(&tok.form);
                    if tok.space_after {
                        t.push(' ');
                    }
                }
                s.text = t.trim_end_matches(' ').to_string();
            }
            out.push(s);
        }
    };
    for line in conllu.split('\n') {
        if line.is_empty() {
            finish(cur.take(), has_text, &mut out);
            has_text = false;
            continue;
        }
        let s = cur.get_or_insert_with(|| {
            skip_to = 0;
            ConlluSentence::default()
        });
        if line.starts_with('#') {
            if let Some(v) = comment_value(line, "sent_id") {
                s.sent_id = Some(v.trim_matches(py_space).to_string());
            } else if let Some(v) = comment_value(line, "text") {
                s.text = v.to_string();
                has_text = true;
            } else if comment_flag(line, "newpar") {
                s.newpar = true;
            } else if comment_flag(line, "newdoc") {
                s.newdoc = true;
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let id = cols.first().copied().unwrap_or("");
        let form = cols.get(1).copied().unwrap_or("").to_string();
        let misc = cols.get(9).copied().unwrap_or("");
        let space_after = !misc.split('|').any(|m| m == "SpaceAfter=No");
        if id.contains('.') {
            continue;
        }
        if let Some((_, last)) = id.split_once('-') {
            skip_to = last.parse().unwrap_or(0);
            s.tokens.push(ConlluToken {
                form,
                space_after,
                miscs: Vec::new(),
            });
            continue;
        }
        let Ok(n) = id.parse::<usize>() else { continue };
        if n <= skip_to {
            if let Some(t) = s.tokens.last_mut() {
                t.miscs.push(misc.to_string());
            }
            continue;
        }
        s.tokens.push(ConlluToken {
            form,
            space_after,
            miscs: vec![misc.to_string()],
        });
    }
    finish(cur, has_text, &mut out);
    out
}

/// A sentence's row of `docmap.tsv`.
///
/// ```
/// let tsv = "corpus\tsplit\tsent_id\tgenre\tdoc\tpar\tcomplete\nud\tdev\t1\tnews\tap/1\t1\t0\n";
/// let map = kilde::eval::conllu::parse_docmap(tsv, "ud", "dev");
/// assert_eq!(map["1"].doc, "ap/1");
/// assert!(map["1"].par && !map["1"].complete);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocmapRow {
    /// The document (article, or stretch of one source) the sentence belongs to.
    pub doc: String,
    /// The sentence opens a paragraph.
    pub par: bool,
    /// news, blog, parliament, report.
    pub genre: String,
    /// The document is a whole article.
    pub complete: bool,
}

/// Docmap rows by sentence id.
pub type Docmap = HashMap<String, DocmapRow>;

/// The rows of a `docmap.tsv` text for one corpus (`ud` or `norne`) and split.
pub fn parse_docmap(tsv: &str, corpus: &str, split: &str) -> Docmap {
    let mut lines = tsv.split('\n');
    let head: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |name: &str| head.iter().position(|h| *h == name);
    let (c_corpus, c_split, c_id) = (col("corpus"), col("split"), col("sent_id"));
    let (c_doc, c_par, c_genre, c_complete) =
        (col("doc"), col("par"), col("genre"), col("complete"));
    let mut out = Docmap::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let row: Vec<&str> = line.split('\t').collect();
        let get = |c: Option<usize>| c.and_then(|c| row.get(c).copied());
        if get(c_corpus) != Some(corpus) || get(c_split) != Some(split) {
            continue;
        }
        let Some(id) = get(c_id) else { continue };
        out.insert(
            id.to_string(),
            DocmapRow {
                doc: get(c_doc).unwrap_or("all").to_string(),
                par: get(c_par) == Some("1"),
                genre: get(c_genre).unwrap_or("?").to_string(),
                complete: get(c_complete) == Some("1"),
            },
        );
    }
    out
}

/// How sentences are laid out in the running text.
///
/// ```
/// use kilde::eval::conllu::{Layout, build, parse};
/// let two = parse("1\tA\t_\t_\t_\t_\t_\t_\t_\t_\n\n1\tB\t_\t_\t_\t_\t_\t_\t_\t_\n");
/// assert_eq!(build(&two, &Default::default(), Layout::Lines)?.text, "A\nB\n");
/// assert_eq!(build(&two, &Default::default(), Layout::Single)?.text, "A B\n");
/// # Ok::<(), kilde::eval::conllu::AlignError>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// Documents separated by a blank line, a paragraph-opening sentence on a new line, other
    /// sentences joined by one space (the yardsticks' default).
    #[default]
    Paragraphs,
    /// Documents separated by a blank line, every sentence joined by one space.
    Flat,
    /// One sentence a line.
    Lines,
    /// Everything on one line.
    Single,
}

/// The running text of a treebank split and its gold spans.
///
/// ```
/// use kilde::eval::conllu::{Layout, build, parse};
/// let s = parse("# text = Hei!\n1\tHei\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\t!\t_\t_\t_\t_\t_\t_\t_\t_\n");
/// let r = build(&s, &Default::default(), Layout::Paragraphs)?;
/// assert_eq!(r.tokens.iter().map(|t| &r.text[t.range()]).collect::<Vec<_>>(), ["Hei", "!"]);
/// assert_eq!(r.sentences[0].range(), 0..4);
/// # Ok::<(), kilde::eval::conllu::AlignError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct RunningText {
    /// The text, ending with a line break.
    pub text: String,
    /// Gold token spans.
    pub tokens: Vec<Span>,
    /// Gold sentence spans (first token's start to last token's end).
    pub sentences: Vec<Span>,
    /// Gold name spans with their NorNE type (`PER`, `ORG`, `GPE_ORG` ...).
    pub entities: Vec<(String, Span)>,
}

/// A token's form was not found in its sentence's text.
///
/// ```
/// use kilde::eval::conllu::{Layout, build, parse};
/// let s = parse("# sent_id = 3\n# text = Hei\n1\tHallo\t_\t_\t_\t_\t_\t_\t_\t_\n");
/// let err = build(&s, &Default::default(), Layout::Paragraphs).unwrap_err();
/// assert_eq!(err.to_string(), "sentence 3: token \"Hallo\" not found at byte 0 of its text");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlignError {
    /// The sentence.
    pub sent_id: Option<String>,
    /// The token that was not found.
    pub form: String,
    /// Byte offset in the sentence's text where it was expected.
    pub at: usize,
}

impl std::fmt::Display for AlignError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "sentence {}: token {:?} not found at byte {} of its text",
            self.sent_id.as_deref().unwrap_or("?"),
            self.form,
            self.at
        )
    }
}

impl std::error::Error for AlignError {}

/// Rebuilds the running text of `sentences` as tokeval.py and nereval.py do.
///
/// # Errors
/// When a token's form is not in its sentence's text where the previous token ended.
pub fn build(
    sentences: &[ConlluSentence],
    docmap: &Docmap,
    layout: Layout,
) -> Result<RunningText, AlignError> {
    let mut out = RunningText::default();
    let mut prev_doc: Option<&str> = None;
    for (k, s) in sentences.iter().enumerate() {
        let dm = s.sent_id.as_ref().and_then(|id| docmap.get(id));
        let doc = dm.map_or("all", |d| d.doc.as_str());
        let sep = if k == 0 {
            ""
        } else if layout == Layout::Single {
            " "
        } else if prev_doc != Some(doc) || s.newdoc {
            "\n\n"
        } else if layout == Layout::Lines
            || (layout == Layout::Paragraphs && (s.newpar || dm.is_some_and(|d| d.par)))
        {
            "\n"
        } else {
            " "
        };
        out.text.push_str(sep);
        prev_doc = Some(doc);
        let pos = out.text.len();
        let raw = s.text.as_str();
        let (mut i, first) = (0usize, out.tokens.len());
        let mut open: Option<(String, Span)> = None;
        for tok in &s.tokens {
            let form = tok.form.as_str();
            while let Some(c) = raw.get(i..).and_then(|r| r.chars().next()) {
                if !py_space(c) || raw[i..].starts_with(form) {
                    break;
                }
                i += c.len_utf8();
            }
            if !raw.get(i..).is_some_and(|r| r.starts_with(form)) {
                return Err(AlignError {
                    sent_id: s.sent_id.clone(),
                    form: form.to_string(),
                    at: i,
                });
            }
            let span = Span::new(pos + i, pos + i + form.len());
            out.tokens.push(span);
            i += form.len();
            let label = tok.name_label();
            match label.split_once('-').filter(|_| label != "O") {
                None => out.entities.extend(open.take()),
                Some((bio, typ)) => match &mut open {
                    Some((t, e)) if bio != "B" && t == typ => e.end = span.end,
                    _ => {
                        out.entities.extend(open.take());
                        open = Some((typ.to_string(), span));
                    }
                },
            }
        }
        out.entities.extend(open);
        if let (Some(a), Some(b)) = (out.tokens.get(first), out.tokens.last()) {
            out.sentences.push(Span::new(a.start, b.end));
        }
        out.text.push_str(raw);
    }
    out.text.push('\n');
    Ok(out)
}

/// Matches, predictions and gold items, with the yardsticks' convention that precision is 0
/// when nothing is predicted (and recall 0 when nothing is expected).
///
/// ```
/// let s = kilde::eval::conllu::Score { tp: 3, pred: 4, gold: 6 };
/// assert_eq!((s.precision(), s.recall()), (0.75, 0.5));
/// assert!((s.f1() - 0.6).abs() < 1e-12);
/// assert_eq!(kilde::eval::conllu::Score { tp: 0, pred: 0, gold: 2 }.precision(), 0.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Predictions that match gold.
    pub tp: usize,
    /// Predictions scored.
    pub pred: usize,
    /// Gold items.
    pub gold: usize,
}

impl Score {
    fn of<T: Ord>(pred: &BTreeSet<T>, gold: &BTreeSet<T>) -> Score {
        Score {
            tp: pred.intersection(gold).count(),
            pred: pred.len(),
            gold: gold.len(),
        }
    }
    /// tp / pred.
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    /// tp / gold.
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

/// Token scores with the spans that differ.
///
/// ```
/// use kilde::Span;
/// let text = "Hei, du.";
/// let gold = [Span::new(0, 3), Span::new(3, 4), Span::new(5, 7), Span::new(7, 8)];
/// let s = kilde::eval::conllu::score_tokens(text, &gold, [(0, 4), (4, 5), (5, 7), (7, 8)]);
/// assert_eq!((s.counts.tp, s.counts.pred, s.whitespace_only), (2, 3, 1));
/// assert_eq!(s.missed, [Span::new(0, 3), Span::new(3, 4)]);
/// ```
#[derive(Clone, Debug, Default)]
pub struct TokenScore {
    /// The counts.
    pub counts: Score,
    /// Predicted spans dropped because they hold only whitespace.
    pub whitespace_only: usize,
    /// Predicted spans dropped because they lie outside the text or are empty.
    pub out_of_range: usize,
    /// Gold spans not predicted, in text order.
    pub missed: Vec<Span>,
    /// Predicted spans not in the gold, in text order.
    pub spurious: Vec<Span>,
}

/// Python's `bytes.strip()` is empty: only ASCII whitespace.
fn blank(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c))
}

/// Scores predicted token spans `(start, end)` (byte offsets into `text`) against `gold`:
/// a token counts when both ends match; whitespace-only predictions are dropped.
pub fn score_tokens(
    text: &str,
    gold: &[Span],
    predicted: impl IntoIterator<Item = (usize, usize)>,
) -> TokenScore {
    let b = text.as_bytes();
    let mut out = TokenScore::default();
    let mut pred = BTreeSet::new();
    for (s, e) in predicted {
        match b.get(s..e).filter(|_| s < e) {
            None => out.out_of_range += 1,
            Some(t) if blank(t) => out.whitespace_only += 1,
            Some(_) => {
                pred.insert((s, e));
            }
        }
    }
    let gold: BTreeSet<(usize, usize)> = gold.iter().map(|s| (s.start, s.end)).collect();
    out.counts = Score::of(&pred, &gold);
    out.missed = gold
        .difference(&pred)
        .map(|&(s, e)| Span::new(s, e))
        .collect();
    out.spurious = pred
        .difference(&gold)
        .map(|&(s, e)| Span::new(s, e))
        .collect();
    out
}

/// Sentence-end scores, overall and for the ends that lie inside a line.
///
/// ```
/// use kilde::Span;
/// let text = "Ja. Nei.\n";
/// let gold = [Span::new(0, 3), Span::new(4, 8)];
/// let s = kilde::eval::conllu::score_sentence_ends(text, &gold, [(0, 9)]);
/// assert_eq!((s.ends.tp, s.ends.pred, s.ends.gold), (1, 1, 2));
/// assert_eq!(s.missed, [3]);
/// assert_eq!(s.in_line.map(|c| c.tp), Some(0));
/// ```
#[derive(Clone, Debug, Default)]
pub struct SentenceScore {
    /// Every sentence end.
    pub ends: Score,
    /// Ends not followed by a line break or the end of the text; `None` when the gold has none.
    pub in_line: Option<Score>,
    /// Gold ends not predicted.
    pub missed: Vec<usize>,
    /// Predicted ends not in the gold.
    pub spurious: Vec<usize>,
}

/// Scores predicted sentence spans `(start, end)` against `gold` by their end offsets, with
/// the predicted sentence's trailing whitespace ignored.
pub fn score_sentence_ends(
    text: &str,
    gold: &[Span],
    predicted: impl IntoIterator<Item = (usize, usize)>,
) -> SentenceScore {
    let b = text.as_bytes();
    let n = b.len();
    let mut pred = BTreeSet::new();
    for (st, e) in predicted {
        let mut e = e.min(n);
        while e > st && e > 0 && matches!(b[e - 1], b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c) {
            e -= 1;
        }
        if e > 0 && b.get(st..e).is_some_and(|t| !t.is_empty() && !blank(t)) {
            pred.insert(e);
        }
    }
    let gold: BTreeSet<usize> = gold.iter().map(|s| s.end).collect();
    let in_line = |e: &&usize| **e < n && b[**e] != b'\n' && !blank(&b[**e..]);
    let pi: BTreeSet<usize> = pred.iter().filter(in_line).copied().collect();
    let gi: BTreeSet<usize> = gold.iter().filter(in_line).copied().collect();
    SentenceScore {
        ends: Score::of(&pred, &gold),
        in_line: (!gi.is_empty()).then(|| Score::of(&pi, &gi)),
        missed: gold.difference(&pred).copied().collect(),
        spurious: pred.difference(&gold).copied().collect(),
    }
}

/// One of nereval.py's three entity scores.
///
/// ```
/// use kilde::Span;
/// let gold = [("PER".to_string(), Span::new(0, 4)), ("GPE_ORG".to_string(), Span::new(8, 12))];
/// let [per, org, org_gpe] =
///     kilde::eval::conllu::score_entities("Kari i  Oslo", &gold, [("person", 0, 4), ("organisation", 8, 12)]);
/// assert_eq!((per.name, per.counts.tp), ("PER", 1));
/// assert_eq!((org.counts.tp, org.counts.gold), (0, 0));
/// assert_eq!((org_gpe.counts.tp, org_gpe.counts.gold), (1, 1));
/// ```
#[derive(Clone, Debug, Default)]
pub struct EntityScore {
    /// `PER`, `ORG` or `ORG+GPE_ORG`.
    pub name: &'static str,
    /// The counts.
    pub counts: Score,
    /// Gold spans not predicted.
    pub missed: Vec<Span>,
    /// Predicted spans not in the gold.
    pub spurious: Vec<Span>,
}

/// Scores predicted entities `(kind, start, end)` (kind as in kilde's JSON: `person`,
/// `organisation`) against `gold` by exact span: PER, ORG (strict) and ORG+GPE_ORG.
pub fn score_entities<'k>(
    text: &str,
    gold: &[(String, Span)],
    predicted: impl IntoIterator<Item = (&'k str, usize, usize)>,
) -> [EntityScore; 3] {
    let n = text.len();
    let mut pred: HashMap<&str, BTreeSet<(usize, usize)>> = HashMap::new();
    for (kind, s, e) in predicted {
        let kind = if kind == "organization" {
            "organisation"
        } else {
            kind
        };
        if s < e && e <= n {
            pred.entry(kind).or_default().insert((s, e));
        }
    }
    let gold_of = |types: &[&str]| -> BTreeSet<(usize, usize)> {
        gold.iter()
            .filter(|(t, _)| types.contains(&t.as_str()))
            .map(|(_, s)| (s.start, s.end))
            .collect()
    };
    let empty = BTreeSet::new();
    let one = |name: &'static str, kind: &str, types: &[&str]| {
        let p = pred.get(kind).unwrap_or(&empty);
        let g = gold_of(types);
        EntityScore {
            name,
            counts: Score::of(p, &g),
            missed: g.difference(p).map(|&(s, e)| Span::new(s, e)).collect(),
            spurious: p.difference(&g).map(|&(s, e)| Span::new(s, e)).collect(),
        }
    };
    [
        one("PER", "person", &["PER"]),
        one("ORG", "organisation", &["ORG"]),
        one("ORG+GPE_ORG", "organisation", &["ORG", "GPE_ORG"]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "# newdoc\n# sent_id = a\n# text = Kari Nordmann i NRK.\n\
        1\tKari\t_\t_\t_\t_\t_\t_\t_\tname=B-PER\n\
        2\tNordmann\t_\t_\t_\t_\t_\t_\t_\tname=I-PER\n\
        3\ti\t_\t_\t_\t_\t_\t_\t_\tname=O\n\
        4\tNRK\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No|name=B-ORG\n\
        5\t.\t_\t_\t_\t_\t_\t_\t_\tname=O\n\n\
        # sent_id = b\n\
        1-2\tDen's\t_\t_\t_\t_\t_\t_\t_\t_\n\
        1\tDen\t_\t_\t_\t_\t_\t_\t_\tname=B-GPE_ORG\n\
        2\t's\t_\t_\t_\t_\t_\t_\t_\tname=O\n\
        2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n\
        3\tslutt\t_\t_\t_\t_\t_\t_\t_\tname=O\n\n";

    #[test]
    fn parses_multiword_tokens_and_missing_text() {
        let s = parse(TWO);
        assert_eq!(s.len(), 2);
        assert!(s[0].newdoc);
        assert_eq!(s[1].text, "Den's slutt");
        assert_eq!(s[1].tokens.len(), 2);
        assert_eq!(s[1].tokens[0].name_label(), "B-GPE_ORG");
    }

    #[test]
    fn builds_text_and_entities() {
        let mut docmap = Docmap::new();
        docmap.insert(
            "b".into(),
            DocmapRow {
                doc: "all".into(),
                par: true,
                ..Default::default()
            },
        );
        let r = build(&parse(TWO), &docmap, Layout::Paragraphs).unwrap();
        assert_eq!(r.text, "Kari Nordmann i NRK.\nDen's slutt\n");
        let names: Vec<(&str, &str)> = r
            .entities
            .iter()
            .map(|(t, s)| (t.as_str(), &r.text[s.range()]))
            .collect();
        assert_eq!(
            names,
            [
                ("PER", "Kari Nordmann"),
                ("ORG", "NRK"),
                ("GPE_ORG", "Den's")
            ]
        );
        let flat = build(&parse(TWO), &Docmap::new(), Layout::Flat).unwrap();
        assert_eq!(flat.text, "Kari Nordmann i NRK. Den's slutt\n");
    }

    #[test]
    fn sentence_ends_ignore_trailing_space_and_count_in_line() {
        let text = "A b. C d.\nE.\n";
        let gold = [Span::new(0, 4), Span::new(5, 9), Span::new(10, 12)];
        let s = score_sentence_ends(text, &gold, [(0, 5), (5, 10), (10, 13)]);
        assert_eq!(
            s.ends,
            Score {
                tp: 3,
                pred: 3,
                gold: 3
            }
        );
        assert_eq!(
            s.in_line,
            Some(Score {
                tp: 1,
                pred: 1,
                gold: 1
            })
        );
    }

    #[test]
    fn nothing_predicted_scores_zero_as_the_yardsticks_do() {
        let s = score_entities("Kari", &[("PER".into(), Span::new(0, 4))], []);
        assert_eq!(s[0].counts.precision(), 0.0);
        assert_eq!(s[0].counts.f1(), 0.0);
        assert_eq!(s[0].missed, [Span::new(0, 4)]);
    }
}
