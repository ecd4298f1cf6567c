//! Stage 3: gazetteer matching of the lexicons against the tokens.
//!
//! First version: no matching yet; the types are those the later stages use.

use crate::error::Result;
use crate::lexicon::{LexiconKind, LexiconSet};
use crate::span::Span;
use crate::tokenize::Tokenized;
use std::ops::Range;

/// One gazetteer hit: a run of whole tokens that is a lexicon entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// Byte span of the matched tokens.
    pub span: Span,
    /// Token index range.
    pub tokens: Range<usize>,
    /// The lexicon kind of the entry.
    pub kind: LexiconKind,
    /// Index of the entry in that kind's list of the [`LexiconSet`].
    pub entry: usize,
}

/// Finds lexicon entries in tokenized text.
#[derive(Clone, Debug)]
pub struct Gazetteer {}

impl Gazetteer {
    /// Builds the matcher over `lexicons`.
    ///
    /// # Errors
    /// When the automaton cannot be built (too large).
    pub fn new(_lexicons: &LexiconSet) -> Result<Gazetteer> {
        Ok(Gazetteer {})
    }

    /// Every match in `doc`, in text order.
    pub fn find_iter<'a>(
        &'a self,
        _doc: &'a Tokenized<'_>,
    ) -> impl Iterator<Item = GazetteerMatch> + 'a {
        std::iter::empty()
    }
}
