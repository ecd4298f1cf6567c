//! # kilde
//!
//! kilde reads Norwegian (Bokmål) press text and tells who is quoted, what they said, and in
//! which role and for which organisation they speak.
//!
//! ## The pipeline
//! 1. [`tokenize`]: a streaming tokenizer (UAX#29 words plus Norwegian rules) with byte spans,
//!    sentences and paragraphs.
//! 2. [`lexicon`]: names, organisations, roles, places, cue verbs and abbreviations from open
//!    sources, embedded by default.
//! 3. [`gazetteer`]: token-aligned matching of the lexicons (aho-corasick).
//! 4. [`entity`]: people, roles, organisations and places.
//! 5. [`coref`]: one cluster per real person or organisation; surnames, han/hun and role nouns
//!    resolved to the person.
//! 6. [`quote`]: direct, indirect and mixed quotes attributed to their speaker.
//! 7. [`Document`]: the owned result, which serializes to the JSON contract of the README.
//!
//! ```
//! use kilde::Extractor;
//! let text = "– Vi er klare, sier Kari Hansen.\nHun smiler.";
//! let doc = Extractor::new().extract(text);
//! assert_eq!(doc.sentences.len(), 2);
//! ```
//!
//! All offsets are UTF-8 byte offsets into the input ([`Span`]).
//!
//! # Crate features
//! - `embedded-lexicons` (default): the lexicons of `lexicons/` are compiled in, so
//!   [`Extractor::new`] needs no files.
//! - `serde` (default): `Serialize`/`Deserialize` on the [`Document`] types, and [`eval`], the
//!   scorer for hand-annotated articles.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod bloom;
pub mod coref;
mod document;
pub mod entity;
mod error;
#[cfg(feature = "serde")]
pub mod eval;
mod fxhash;
pub mod gazetteer;
pub mod lexicon;
mod normalize;
mod pipeline;
pub mod quote;
mod span;
#[cfg(test)]
mod testing;
pub mod tokenize;

pub use document::{
    CompactString, Document, Entity, EntityKind, GenderRecord, OrganisationRecord, Person, Quote,
    QuoteKind, SpanRecord, TokenRecord,
};
pub use error::{Error, ErrorKind, LexiconError, Result};
pub use pipeline::{Extractor, ExtractorBuilder, token_kind_name};
pub use span::Span;

#[cfg(test)]
mod testoibits {
    use super::*;
    use std::panic::{RefUnwindSafe, UnwindSafe};

    fn assert_all<T: Send + Sync + UnwindSafe + RefUnwindSafe>() {}

    #[test]
    fn public_types_are_send_sync_unwind_safe() {
        assert_all::<Extractor>();
        assert_all::<Document>();
        assert_all::<Span>();
        assert_all::<tokenize::Tokenizer>();
        assert_all::<tokenize::Token>();
        assert_all::<lexicon::LexiconSet>();
        assert_all::<gazetteer::Gazetteer>();
        // std::io::Error inside is not UnwindSafe; Send + Sync is what callers need.
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Error>();
    }
}

#[doc = include_str!("../README.md")]
#[cfg(all(doctest, feature = "embedded-lexicons"))]
pub struct ReadmeDoctests;
