//! Stage 6: quotes, found, classified and attributed to their speaker.
//!
//! [`extract`] runs two steps. *Detection* (`detect.rs`) finds the quoted words and how they
//! are written: paragraphs opened by a quote dash (to ", sier X." or the paragraph's end),
//! quotation marks (« », “ ”, straight marks, nested), "Navn: – Sitat", headline quotes,
//! reported speech ("X sier at ...", "..., påpeker X:", "ifølge X") and short quoted fragments
//! in narrative; it rejects bullets, titles and scare quotes, the journalist's questions and
//! crossheads. *Attribution* (`attribute.rs`) finds the speaker next to the cue verb, in an
//! introduction ("Det sier X seg enig i:") or after the quote ("Det sier ROLLE NAVN"), or
//! carries it over from the quote before, and resolves names, pronouns and role nouns through
//! the coreference clusters.
//!
//! ```
//! use kilde::Extractor;
//! let text = "– Vi er klare, sier Kari Hansen.\n\n– Det blir en lang dag.";
//! let doc = Extractor::new().extract(text);
//! assert_eq!(doc.quotes.len(), 2);
//! assert_eq!(doc.quotes[0].text, "Vi er klare");
//! assert_eq!(doc.quotes[1].speaker.as_deref(), Some("Kari Hansen"));
//! ```

mod attribute;
mod cue;
mod detect;
mod names;
mod words;

use crate::coref::{Coreference, PersonId};
use crate::document::QuoteKind;
use crate::entity::view::View;
use crate::lexicon::LexiconSet;
use crate::span::Span;
use crate::tokenize::Tokenized;
use compact_str::CompactString;
use std::sync::Arc;

/// A quote with its attribution.
///
/// ```
/// use kilde::Extractor;
/// let text = "Kari Hansen sier at de er klare.";
/// let q = &Extractor::new().extract(text).quotes[0];
/// assert_eq!(&text[q.start..q.end], "de er klare");
/// assert_eq!(q.cue.as_deref(), Some("sier"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct FoundQuote {
    /// Byte span of the quoted words.
    pub span: Span,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The speaking person, if resolved to a coreference cluster.
    pub person: Option<PersonId>,
    /// The speaker's name: the person's fullest name when coreference has no cluster for it,
    /// or an organisation as source. `None` for an unnamed source. A [`CompactString`], as the
    /// Document's [`Quote::speaker`](crate::Quote::speaker) is, so that it moves there without
    /// a copy (a name of up to 24 bytes is stored inline).
    pub speaker_name: Option<CompactString>,
    /// Span of the cue verb.
    pub cue: Option<Span>,
    /// 0..=1: an explicit cue and name score highest, a carried-over speaker lower, a headline
    /// lowest.
    pub confidence: f32,
}

/// The quote stage, built once from the lexicons (cue verbs and name lookups hashed) and
/// shared: cheap to clone, `Send + Sync`.
///
/// ```
/// use kilde::coref::Coreference;
/// use kilde::lexicon::LexiconSet;
/// use kilde::quote::Quoter;
/// use kilde::tokenize::Tokenizer;
/// let quoter = Quoter::new(LexiconSet::embedded());
/// let doc = Tokenizer::new().analyse("– Vi er klare, sier Kari Hansen.");
/// let quotes = quoter.extract(&doc, &Coreference::default());
/// assert_eq!(quotes[0].speaker_name.as_deref(), Some("Kari Hansen"));
/// ```
#[derive(Clone, Debug)]
pub struct Quoter {
    inner: Arc<(cue::CueVerbs, names::Names)>,
}

impl Quoter {
    /// A quote stage for these lexicons.
    pub fn new(lexicons: &LexiconSet) -> Quoter {
        Quoter {
            inner: Arc::new((
                cue::CueVerbs::new(lexicons.cue_verbs()),
                names::Names::new(lexicons),
            )),
        }
    }

    /// Finds and attributes the quotes of `doc`, in text order.
    pub fn extract(&self, doc: &Tokenized<'_>, coref: &Coreference) -> Vec<FoundQuote> {
        self.extract_in(doc, &View::new(doc), coref, &mut Lists::default())
    }

    /// [`extract`](Self::extract) over the per-token facts the entity stage computed, in the
    /// room of `lists`, which the caller keeps for its next text.
    pub(crate) fn extract_in(
        &self,
        doc: &Tokenized<'_>,
        view: &View<'_>,
        coref: &Coreference,
        lists: &mut Lists,
    ) -> Vec<FoundQuote> {
        let (verbs, names) = &*self.inner;
        let cues = cue::Cues::new_in(verbs, doc, view, std::mem::take(&mut lists.cues));
        let candidates = std::mem::take(&mut lists.candidates);
        let candidates = detect::detect_in(doc, &cues, coref, candidates, &mut lists.found);
        let (quotes, candidates) = attribute::attribute_in(
            doc,
            view,
            coref,
            names,
            &cues,
            candidates,
            &mut lists.attribute,
        );
        lists.candidates = candidates;
        lists.cues = cues.into_lists();
        quotes
    }
}

/// The working lists of the quote stage (the cues, the candidates, attribution's tables), which
/// a caller keeps for its next text (the pipeline's per-thread lists): fresh, they cost some
/// fifteen allocations a text.
#[derive(Default)]
pub(crate) struct Lists {
    cues: cue::Lists,
    candidates: Vec<detect::Candidate>,
    /// A narrative paragraph's candidates.
    found: Vec<detect::Candidate>,
    attribute: attribute::Lists,
}

impl Lists {
    /// The most room a caller keeps: the lists of a text of about 4 MB (some 11 MB), not
    /// those of a longer one, which would be held while its document is built and written.
    const KEEP: usize = 12 << 20;

    /// Keeps the lists for the caller's next text, in place: a longer text's are given back.
    pub(crate) fn keep(&mut self) {
        let bytes = self.cues.bytes()
            + (self.candidates.capacity() + self.found.capacity()) * size_of::<detect::Candidate>()
            + self.attribute.bytes();
        if bytes > Self::KEEP {
            *self = Lists::default();
        }
    }
}

/// Finds and attributes the quotes of `doc`, in text order. Builds a [`Quoter`] on every call:
/// keep one instead when extracting from many texts.
pub fn extract(doc: &Tokenized<'_>, coref: &Coreference, lexicons: &LexiconSet) -> Vec<FoundQuote> {
    Quoter::new(lexicons).extract(doc, coref)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokenizer;

    /// Lists kept from text to text (long, short, empty, with and without marks, cues and
    /// headings) give each text the quotes fresh lists give: each list is emptied before use.
    #[test]
    fn kept_lists_give_what_fresh_lists_give() {
        let long: String = (0..200)
            .map(|i| format!("– Sitat {i} om «saken», sier Kari Hansen{i}. Ola Nordmann sier til NRK at det går.\n\n"))
            .collect();
        let texts = [
            long.as_str(),
            "– Vi er klare, sier Kari Hansen.\n\n– Det blir en lang dag.",
            "",
            "Ingen sitater her. Bare tekst.",
            "– Overskrift uten punktum\n\nHan sa «Overskrift uten punktum» i går, sier Per Olsen.",
            "Ifølge politiet var det «helt rolig». Hun mener politikerne har sviktet.",
        ];
        let quoter = Quoter::new(LexiconSet::embedded());
        let coref = Coreference::default();
        let mut kept = Lists::default();
        for text in texts.iter().chain(texts.iter().rev()) {
            let doc = Tokenizer::new().analyse(text);
            let view = View::new(&doc);
            let fresh = quoter.extract_in(&doc, &view, &coref, &mut Lists::default());
            assert_eq!(
                quoter.extract_in(&doc, &view, &coref, &mut kept),
                fresh,
                "{text:?}"
            );
            kept.keep();
        }
    }
}
