//! Scoring a [`Document`] against hand annotation in kilde's gold format.
//!
//! The gold format (one JSON file per article, as in `tests/fixtures/gold/`):
//!
//! ```json
//! { "file": "article.txt",
//!   "quotes": [{"anchor": "words inside the quote", "speaker": "Full Name" | null,
//!               "kind": "direct" | "indirect" | "mixed", "cue": "sier", "optional": false}],
//!   "not_quotes": ["words of a passage that is not a quote"],
//!   "people": [{"name": "Full Name", "roles": ["daglig leder|leder"],
//!               "organisations": ["DigitalNorway"], "secondary": false}],
//!   "organisations": ["Innovasjon Norge|Innovasjon Norges"],
//!   "optional_organisations": ["Arena"] }
//! ```
//!
//! An anchor is a passage that lies inside the quote. `a|b` lists alternatives that all count as
//! the same answer. Optional quotes, secondary people and optional organisations are neither
//! required nor counted against a system that finds them.
//!
//! ```
//! use kilde::eval::{GoldArticle, score};
//! let text = "– Vi er klare, sier Kari Hansen.";
//! let gold: GoldArticle = serde_json::from_str(r#"{"quotes": [{"anchor": "Vi er klare",
//!     "speaker": "Kari Hansen", "kind": "direct"}]}"#)?;
//! let doc = kilde::Extractor::new().extract(text);
//! let report = score(text, &doc, &gold);
//! assert_eq!(report.quotes.tp + report.quotes.fn_, 1);
//! # Ok::<(), serde_json::Error>(())
//! ```

use crate::document::{Document, QuoteKind};
use serde::Deserialize;

pub mod conllu;

/// One annotated article.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoldArticle {
    /// The article's file name.
    pub file: Option<String>,
    /// Every quote, by an anchor inside it.
    pub quotes: Vec<GoldQuote>,
    /// Anchors of passages that are not quotes.
    pub not_quotes: Vec<String>,
    /// People with roles and organisations.
    pub people: Vec<GoldPerson>,
    /// Organisations that must be found (`a|b` alternatives).
    pub organisations: Vec<String>,
    /// Organisations that may be found.
    pub optional_organisations: Vec<String>,
}

/// A gold quote.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoldQuote {
    /// A passage inside the quote.
    pub anchor: String,
    /// Canonical speaker name, `None` for an unnamed source.
    pub speaker: Option<String>,
    /// "direct", "indirect" or "mixed".
    pub kind: Option<String>,
    /// The cue verb.
    pub cue: Option<String>,
    /// Neither required nor an error when found.
    pub optional: bool,
    /// The annotator's note.
    pub note: Option<String>,
}

/// A gold person.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GoldPerson {
    /// Full name.
    pub name: String,
    /// Roles, each with `a|b` alternatives.
    pub roles: Vec<String>,
    /// Organisations, each with `a|b` alternatives.
    pub organisations: Vec<String>,
    /// A person only mentioned (photo credit ...): optional.
    pub secondary: bool,
}

/// True positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found and right.
    pub tp: usize,
    /// Found but wrong.
    pub fp: usize,
    /// Missed.
    pub fn_: usize,
}

impl Counts {
    /// tp / (tp + fp); 1 when nothing was predicted and nothing expected.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// tp / (tp + fn); 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Adds another count.
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Scores of one article (or of many, added up), with every miss and false hit described.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Quote detection.
    pub quotes: Counts,
    /// Quote found with the right speaker.
    pub quote_speakers: Counts,
    /// Non-secondary people found by name.
    pub people: Counts,
    /// Roles of the people found.
    pub roles: Counts,
    /// Organisations of the people found.
    pub person_organisations: Counts,
    /// Organisations.
    pub organisations: Counts,
    /// One line per miss (`-`) or false hit (`+`).
    pub errors: Vec<String>,
}

impl Report {
    /// Adds another report's counts and errors.
    pub fn add(&mut self, other: &Report) {
        self.quotes.add(other.quotes);
        self.quote_speakers.add(other.quote_speakers);
        self.people.add(other.people);
        self.roles.add(other.roles);
        self.person_organisations.add(other.person_organisations);
        self.organisations.add(other.organisations);
        self.errors.extend(other.errors.iter().cloned());
    }

    /// The counts by name, in a fixed order.
    pub fn rows(&self) -> [(&'static str, Counts); 6] {
        [
            ("quotes", self.quotes),
            ("quote+speaker", self.quote_speakers),
            ("people", self.people),
            ("roles", self.roles),
            ("person organisations", self.person_organisations),
            ("organisations", self.organisations),
        ]
    }
}

/// Whitespace folded to single spaces, for comparing anchors with text.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same_name(a: &str, b: &str) -> bool {
    fold(a).to_lowercase() == fold(b).to_lowercase()
}

fn alternatives(gold: &str) -> impl Iterator<Item = &str> {
    gold.split('|').map(str::trim).filter(|s| !s.is_empty())
}

fn matches_any(gold: &str, predicted: &str) -> bool {
    alternatives(gold).any(|g| same_name(g, predicted))
}

fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

/// Scores `doc`, extracted from `text`, against `gold`.
pub fn score(text: &str, doc: &Document, gold: &GoldArticle) -> Report {
    let mut r = Report::default();
    let file = gold.file.as_deref().unwrap_or("");

    // Quotes: a predicted quote matches a gold quote when its text holds the anchor; each gold
    // quote is matched at most once, in text order.
    let mut used = vec![false; gold.quotes.len()];
    for q in &doc.quotes {
        let qtext = fold(text.get(q.start..q.end).unwrap_or(&q.text));
        let hit =
            gold.quotes.iter().enumerate().find(|(i, g)| {
                !used[*i] && !g.anchor.is_empty() && qtext.contains(&fold(&g.anchor))
            });
        match hit {
            Some((i, g)) => {
                used[i] = true;
                if g.optional {
                    continue;
                }
                r.quotes.tp += 1;
                let speaker_ok = match (&g.speaker, &q.speaker) {
                    (None, None) => true,
                    (Some(a), Some(b)) => same_name(a, b),
                    _ => false,
                };
                if speaker_ok {
                    r.quote_speakers.tp += 1;
                } else {
                    r.quote_speakers.fp += 1;
                    r.quote_speakers.fn_ += 1;
                    r.errors.push(format!(
                        "{file}: quote «{}»: speaker {:?}, gold {:?}",
                        g.anchor, q.speaker, g.speaker
                    ));
                }
            }
            None => {
                r.quotes.fp += 1;
                r.quote_speakers.fp += 1;
                let why = if gold.not_quotes.iter().any(|n| qtext.contains(&fold(n))) {
                    " (annotated as not a quote)"
                } else {
                    ""
                };
                r.errors.push(format!(
                    "{file}: + quote{why} [{}, {:?}] «{}»",
                    kind_name(q.kind),
                    q.speaker,
                    shorten(&qtext, 90)
                ));
            }
        }
    }
    for (g, used) in gold.quotes.iter().zip(&used) {
        if !used && !g.optional {
            r.quotes.fn_ += 1;
            r.quote_speakers.fn_ += 1;
            r.errors.push(format!(
                "{file}: - quote [{}, {:?}] «{}»",
                g.kind.as_deref().unwrap_or("?"),
                g.speaker,
                g.anchor
            ));
        }
    }

    // People by name; roles and organisations of the people found.
    let mut found = vec![false; doc.people.len()];
    for g in &gold.people {
        let hit = doc.people.iter().position(|p| same_name(&p.name, &g.name));
        let Some(i) = hit else {
            if !g.secondary {
                r.people.fn_ += 1;
                r.errors.push(format!("{file}: - person {}", g.name));
            }
            continue;
        };
        found[i] = true;
        if g.secondary {
            continue;
        }
        r.people.tp += 1;
        let p = &doc.people[i];
        let (roles, errs) = compare_lists(&g.roles, &p.roles);
        r.roles.add(roles);
        r.errors.extend(
            errs.into_iter()
                .map(|e| format!("{file}: {} role {e}", g.name)),
        );
        let (orgs, errs) = compare_lists(&g.organisations, &p.organisations);
        r.person_organisations.add(orgs);
        r.errors.extend(
            errs.into_iter()
                .map(|e| format!("{file}: {} organisation {e}", g.name)),
        );
    }
    for (p, found) in doc.people.iter().zip(found) {
        if !found {
            r.people.fp += 1;
            r.errors.push(format!("{file}: + person {}", p.name));
        }
    }

    // Organisations.
    let mut hit_gold = vec![false; gold.organisations.len()];
    for o in &doc.organisations {
        if let Some(i) = gold
            .organisations
            .iter()
            .position(|g| matches_any(g, &o.name))
        {
            if !hit_gold[i] {
                hit_gold[i] = true;
                r.organisations.tp += 1;
            }
        } else if !gold
            .optional_organisations
            .iter()
            .any(|g| matches_any(g, &o.name))
        {
            r.organisations.fp += 1;
            r.errors.push(format!("{file}: + organisation {}", o.name));
        }
    }
    for (g, hit) in gold.organisations.iter().zip(hit_gold) {
        if !hit {
            r.organisations.fn_ += 1;
            r.errors.push(format!("{file}: - organisation {g}"));
        }
    }
    r
}

/// Compares gold items (with alternatives) with predicted strings.
fn compare_lists(gold: &[String], predicted: &[crate::CompactString]) -> (Counts, Vec<String>) {
    let mut c = Counts::default();
    let mut errors = Vec::new();
    for g in gold {
        if predicted.iter().any(|p| matches_any(g, p)) {
            c.tp += 1;
        } else {
            c.fn_ += 1;
            errors.push(format!("- {g}"));
        }
    }
    for p in predicted {
        if !gold.iter().any(|g| matches_any(g, p)) {
            c.fp += 1;
            errors.push(format!("+ {p}"));
        }
    }
    (c, errors)
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Person, Quote};

    fn quote(text: &str, inner: &str, speaker: Option<&str>) -> Quote {
        let start = text.find(inner).unwrap_or(0);
        Quote {
            start,
            end: start + inner.len(),
            text: inner.to_string(),
            kind: QuoteKind::Direct,
            speaker: speaker.map(Into::into),
            speaker_id: None,
            cue: None,
            confidence: 1.0,
        }
    }

    #[test]
    fn quotes_match_by_anchor_and_speaker() {
        let text = "– Vi er klare. – Vi er ikke klare.";
        let gold: GoldArticle = serde_json::from_str(
            r#"{"quotes": [{"anchor": "Vi er klare", "speaker": "A"},
                           {"anchor": "ikke klare", "speaker": "B"},
                           {"anchor": "finnes ikke", "speaker": "C"}]}"#,
        )
        .unwrap();
        let doc = Document {
            quotes: vec![
                quote(text, "Vi er klare.", Some("A")),
                quote(text, "Vi er ikke klare.", Some("A")),
            ],
            ..Document::default()
        };
        let r = score(text, &doc, &gold);
        assert_eq!(
            r.quotes,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            r.quote_speakers,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 2
            }
        );
    }

    #[test]
    fn people_roles_and_alternatives() {
        let gold: GoldArticle = serde_json::from_str(
            r#"{"people": [{"name": "Mona Skaret", "roles": ["direktør for klynger|direktør"],
                            "organisations": ["Innovasjon Norge"]},
                           {"name": "Frode Bergan", "secondary": true}],
                "organisations": ["Innovasjon Norge"], "optional_organisations": ["EU"]}"#,
        )
        .unwrap();
        let doc = Document {
            people: vec![Person {
                id: 0,
                name: "Mona Skaret".into(),
                gender: None,
                roles: vec!["direktør".into(), "leder".into()],
                organisations: vec!["Innovasjon Norge".into()],
                mentions: vec![],
            }],
            ..Document::default()
        };
        let r = score("", &doc, &gold);
        assert_eq!(
            r.people,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            r.roles,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            r.person_organisations,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            r.organisations,
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
    }
}
