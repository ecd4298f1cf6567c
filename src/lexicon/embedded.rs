//! The default lexicons, embedded in the library and parsed once, lazily.

use super::{LexiconKind, LexiconSet};
use std::sync::LazyLock;

macro_rules! lexicon_files {
    ($($kind:ident => $file:literal),* $(,)?) => {
        /// Every embedded file with its kind and name.
        pub(crate) const FILES: &[(LexiconKind, &str, &str)] = &[
            $((LexiconKind::$kind, $file, include_str!(concat!("../../lexicons/", $file)))),*
        ];
    };
}

lexicon_files! {
    Abbreviations => "abbreviations.txt",
    GivenNames => "given_names.tsv",
    Surnames => "surnames.tsv",
    Organisations => "organisations.tsv",
    OrganisationWords => "organisation_words.tsv",
    Roles => "roles.tsv",
    RoleHeads => "role_heads.tsv",
    Places => "places.tsv",
    CueVerbs => "cue_verbs.tsv",
    NameWords => "name_words.tsv",
}

/// The parsed defaults. The embedded files are checked by `tests/lexicons.rs`, so a parse error
/// here is a build defect, not a user input error.
pub(crate) static DEFAULT: LazyLock<LexiconSet> = LazyLock::new(|| {
    let mut builder = LexiconSet::empty_builder();
    for (kind, name, text) in FILES {
        if let Err(e) = builder.add_str(*kind, name, text) {
            panic!("embedded lexicon is malformed: {e}");
        }
    }
    builder.build()
});
