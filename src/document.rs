//! The owned output: a [`Document`] that serializes to kilde's JSON contract.
//!
//! All offsets are UTF-8 byte offsets into the input text, end exclusive.
//!
//! The short strings (mention texts, names, roles, organisations, speakers, cues) are
//! [`CompactString`]s: up to 24 bytes (12 on 32-bit targets) they are stored inline, so a
//! document of a few hundred of them does not allocate and free each one. They serialize as
//! plain strings.

pub use compact_str::CompactString;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// Everything kilde found in one text.
///
/// ```
/// let doc = kilde::Extractor::new().extract("Hei. Hopp!");
/// assert_eq!(doc.sentences.len(), 2);
/// # #[cfg(feature = "serde")]
/// # {
/// let json = serde_json::to_string(&doc).unwrap();
/// assert!(json.starts_with(r#"{"sentences":[{"start":0,"end":4},{"start":5,"end":10}]"#));
/// # }
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Document {
    /// Sentence spans in order.
    pub sentences: Vec<SpanRecord>,
    /// Tokens, only when the extractor was asked for them.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub tokens: Option<Vec<TokenRecord>>,
    /// Mentions of people, organisations, roles and places, in text order.
    pub entities: Vec<Entity>,
    /// One record per real person, with everything the text says of them.
    pub people: Vec<Person>,
    /// One record per organisation.
    pub organisations: Vec<OrganisationRecord>,
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
}

/// A byte span as it appears in the output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SpanRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A token in the output.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TokenRecord {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The token kind in snake case ("word", "quote_dash", ...).
    pub kind: CompactString,
}

/// What an entity mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum EntityKind {
    /// A person's name.
    Person,
    /// An organisation's name.
    Organisation,
    /// A role or title.
    Role,
    /// A place.
    Place,
}

/// One mention of an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Entity {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The mention as written.
    pub text: CompactString,
    /// What it is.
    pub kind: EntityKind,
    /// Index into `people` (persons) or `organisations` (organisations), when resolved.
    #[cfg_attr(feature = "serde", serde(rename = "ref"))]
    pub reference: Option<usize>,
}

/// Gender of a person as the given-name lexicon tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum GenderRecord {
    /// Female.
    Female,
    /// Male.
    Male,
}

/// A person with everything the text says of them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Person {
    /// Index in `people`.
    pub id: usize,
    /// The fullest form of the name in the text.
    pub name: CompactString,
    /// From the given-name lexicon; `None` when unknown.
    pub gender: Option<GenderRecord>,
    /// Roles the text gives the person, in their base form ("daglig leder").
    pub roles: Vec<CompactString>,
    /// Organisations the person speaks for or belongs to.
    pub organisations: Vec<CompactString>,
    /// Byte spans of every mention (name, surname, pronoun, role noun) resolved to the person.
    pub mentions: Vec<[usize; 2]>,
}

/// An organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct OrganisationRecord {
    /// Index in `organisations`.
    pub id: usize,
    /// The fullest form of the name in the text.
    pub name: CompactString,
    /// Byte spans of every mention.
    pub mentions: Vec<[usize; 2]>,
}

/// How a quote is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum QuoteKind {
    /// The speaker's own words: a dash paragraph or text in quotation marks.
    Direct,
    /// Reported speech: "X sier at ...".
    Indirect,
    /// A short quoted fragment inside the writer's own sentence.
    Mixed,
}

/// A quote and its speaker.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Quote {
    /// First byte of the quoted words.
    pub start: usize,
    /// One past their last byte.
    pub end: usize,
    /// The quoted words.
    pub text: String,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The speaker's canonical name (a person's fullest name, or an organisation), if known.
    pub speaker: Option<CompactString>,
    /// Index in `people` when the speaker is a person.
    pub speaker_id: Option<usize>,
    /// The cue verb as written ("sier", "la til"), if any.
    pub cue: Option<CompactString>,
    /// How sure the attribution is, from 0 to 1.
    pub confidence: f32,
}

#[cfg(all(test, feature = "serde", feature = "embedded-lexicons"))]
mod tests {
    use super::*;

    /// The compact strings write plain JSON strings and read back, short (inline) and long.
    #[test]
    fn json_round_trips_short_and_long_strings() -> Result<(), Box<dyn std::error::Error>> {
        let text = "– Vi er klare, sier Anne-Marie Kristoffersen Haugland, avdelingsdirektør i \
                    Norges vassdrags- og energidirektorat. Hun smiler.";
        let doc = crate::Extractor::builder()
            .tokens(true)
            .build()?
            .extract(text);
        let json = serde_json::to_string(&doc)?;
        assert!(json.contains(r#""text":"Anne-Marie Kristoffersen Haugland","kind":"person""#));
        assert!(json.contains(r#""organisations":["Norges vassdrags- og energidirektorat"]"#));
        assert!(json.contains(r#""speaker":"Anne-Marie Kristoffersen Haugland""#));
        assert!(json.contains(r#""cue":"sier""#));
        assert!(json.contains(r#""kind":"quote_dash""#));
        let back: Document = serde_json::from_str(&json)?;
        assert_eq!(back, doc);
        Ok(())
    }
}
