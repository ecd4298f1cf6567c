//! Stage 5: linking and coreference: one cluster per real person or organisation, with roles
//! and organisations; surnames, pronouns and role nouns resolved to the person.
//!
//! First version: no resolution yet; the types are those the later stages use.

use crate::entity::Mention;
use crate::lexicon::{Gender, LexiconSet};
use crate::span::Span;
use crate::tokenize::Tokenized;

/// Index of a person cluster in [`Coreference::people`].
pub type PersonId = usize;
/// Index of an organisation cluster in [`Coreference::organisations`].
pub type OrgId = usize;

/// A real person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonCluster {
    /// The fullest form of the name.
    pub name: String,
    /// From the given-name lexicon.
    pub gender: Option<Gender>,
    /// Roles in base form.
    pub roles: Vec<String>,
    /// Organisations.
    pub organisations: Vec<OrgId>,
    /// Every mention resolved to the person (names, surnames, pronouns, role nouns).
    pub mentions: Vec<Span>,
}

/// An organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgCluster {
    /// The fullest form of the name.
    pub name: String,
    /// Every mention.
    pub mentions: Vec<Span>,
}

/// The resolved people and organisations of one text.
#[derive(Clone, Debug, Default)]
pub struct Coreference {
    /// People, in order of first mention.
    pub people: Vec<PersonCluster>,
    /// Organisations, in order of first mention.
    pub organisations: Vec<OrgCluster>,
}

impl Coreference {
    /// The person a mention starting at token `token` refers to (a name, a surname, a pronoun
    /// or a role noun).
    pub fn person_at(&self, _token: usize) -> Option<PersonId> {
        None
    }

    /// The organisation a mention starting at token `token` refers to.
    pub fn organisation_at(&self, _token: usize) -> Option<OrgId> {
        None
    }
}

/// Resolves mentions into people and organisations.
pub fn resolve(_doc: &Tokenized<'_>, _mentions: &[Mention], _lexicons: &LexiconSet) -> Coreference {
    Coreference::default()
}
