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
        self.extract_in(doc, &View::new(doc), coref)
    }

    /// [`extract`](Self::extract) over the per-token facts the entity stage computed.
    pub(crate) fn extract_in(
        &self,
        doc: &Tokenized<'_>,
        view: &View<'_>,
        coref: &Coreference,
    ) -> Vec<FoundQuote> {
        let (verbs, names) = &*self.inner;
        let cues = cue::Cues::new(verbs, doc, view);
        let candidates = detect::detect(doc, &cues, coref);
        attribute::attribute(doc, view, coref, names, &cues, candidates)
    }
}

/// Finds and attributes the quotes of `doc`, in text order. Builds a [`Quoter`] on every call:
/// keep one instead when extracting from many texts.
pub fn extract(doc: &Tokenized<'_>, coref: &Coreference, lexicons: &LexiconSet) -> Vec<FoundQuote> {
    Quoter::new(lexicons).extract(doc, coref)
}
