//! Stage 6: quotes, found, classified and attributed to their speaker.
//!
//! First version: no quotes yet; the types are those the output uses.

use crate::coref::{Coreference, PersonId};
use crate::document::QuoteKind;
use crate::lexicon::LexiconSet;
use crate::span::Span;
use crate::tokenize::Tokenized;

/// A quote with its attribution.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundQuote {
    /// Byte span of the quoted words.
    pub span: Span,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The speaking person, if resolved to one.
    pub person: Option<PersonId>,
    /// The speaker's name when it is not a person (an organisation as source).
    pub speaker_name: Option<String>,
    /// Span of the cue verb.
    pub cue: Option<Span>,
    /// 0..=1.
    pub confidence: f32,
}

/// Finds and attributes the quotes of `doc`.
pub fn extract(
    _doc: &Tokenized<'_>,
    _coref: &Coreference,
    _lexicons: &LexiconSet,
) -> Vec<FoundQuote> {
    Vec::new()
}
