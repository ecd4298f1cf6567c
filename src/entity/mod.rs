//! Stage 4: people, roles, organisations and places.
//!
//! First version: no recognition yet; the types are those the later stages use.

use crate::document::EntityKind;
use crate::gazetteer::GazetteerMatch;
use crate::lexicon::LexiconSet;
use crate::span::Span;
use crate::tokenize::Tokenized;
use std::ops::Range;

/// One entity mention found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte span.
    pub span: Span,
    /// Token index range.
    pub tokens: Range<usize>,
    /// What it is.
    pub kind: EntityKind,
}

/// Recognises entity mentions.
pub fn recognize(
    _doc: &Tokenized<'_>,
    _matches: &[GazetteerMatch],
    _lexicons: &LexiconSet,
) -> Vec<Mention> {
    Vec::new()
}
