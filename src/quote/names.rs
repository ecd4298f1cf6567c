//! The lexicon facts attribution asks about, hashed once per [`Quoter`](super::Quoter):
//! given names with their gender, surnames, organisations and their words, role heads.

use crate::entity::lexicon::Endings;
use crate::entity::view::{KeySet, Tok, word_key};
use crate::fxhash::{FxHashMap, FxHashSet};
use crate::lexicon::{Gender, LexiconSet};

/// Hashed lookups into the lexicons, built once and shared by every extraction.
#[derive(Clone, Debug, Default)]
pub(crate) struct Names {
    given: FxHashMap<String, Option<Gender>>,
    /// The keys of the given names: most words are turned away without hashing them.
    given_keys: KeySet,
    surnames: FxHashSet<String>,
    organisations: FxHashSet<String>,
    /// The [`word_key`]s of the organisations' names as written (not lower-cased).
    organisation_keys: KeySet,
    /// The same, lower-cased: "ifølge politiet".
    organisations_lower: FxHashSet<String>,
    organisation_words: FxHashSet<String>,
    organisation_word_keys: KeySet,
    /// Role heads long enough to find inside a compound ("leder" in "klyngelederen").
    role_heads: Vec<String>,
    /// The same as the entity lexicon's ending trie, in the same order: one walk back from a
    /// word's end finds the first head it ends in.
    head_set: Endings,
}

impl Names {
    pub(crate) fn new(lexicons: &LexiconSet) -> Names {
        let organisations: FxHashSet<String> = lexicons
            .organisations()
            .iter()
            .flat_map(|o| std::iter::once(&o.name).chain(&o.aliases))
            .cloned()
            .collect();
        let role_heads: Vec<String> = lexicons
            .role_heads()
            .iter()
            .filter(|h| h.chars().count() >= 4)
            .map(|h| h.to_lowercase())
            .collect();
        Names {
            organisation_keys: KeySet::of_keys(organisations.iter().map(|o| word_key(o))),
            head_set: Endings::new(role_heads.iter().map(String::as_str)),
            role_heads,
            organisations_lower: organisations.iter().map(|o| o.to_lowercase()).collect(),
            organisations,
            given: lexicons
                .given_names()
                .iter()
                .map(|g| (g.name.clone(), g.gender))
                .collect(),
            given_keys: KeySet::of(lexicons.given_names().iter().map(|g| g.name.as_str())),
            organisation_word_keys: KeySet::of(
                lexicons
                    .organisation_words()
                    .iter()
                    .map(|w| w.word.as_str()),
            ),
            surnames: lexicons.surnames().iter().cloned().collect(),
            organisation_words: lexicons
                .organisation_words()
                .iter()
                .map(|w| w.word.clone())
                .collect(),
        }
    }

    #[inline]
    pub(crate) fn is_given(&self, word: &str) -> bool {
        self.given.contains_key(word)
    }

    /// [`is_given`](Self::is_given) of a token's surface.
    #[inline]
    pub(crate) fn is_given_tok(&self, t: &Tok<'_>) -> bool {
        self.given_keys.may_hold(t.key()) && self.is_given(t.text)
    }

    /// The gender of a name's first word, when the given-name lexicon knows one.
    pub(crate) fn gender_of(&self, name: &str) -> Option<Gender> {
        let first = name.split_whitespace().next()?;
        self.given.get(first).copied().flatten()
    }

    #[inline]
    pub(crate) fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }

    #[inline]
    pub(crate) fn is_organisation(&self, name: &str) -> bool {
        self.organisation_keys.may_hold(word_key(name)) && self.organisations.contains(name)
    }

    /// True for a lower-cased organisation name ("politiet", "regjeringen").
    pub(crate) fn is_organisation_lower(&self, lower: &str) -> bool {
        self.organisations_lower.contains(lower)
    }

    /// A token whose surface is an organisation word ("AS", "kommune").
    #[inline]
    pub(crate) fn is_organisation_word(&self, t: &Tok<'_>) -> bool {
        self.organisation_word_keys.may_hold(t.key()) && self.organisation_words.contains(t.text)
    }

    /// A definite role noun ("klyngelederen", "direktøren") built on a role head.
    pub(crate) fn is_role_noun(&self, lower: &str) -> bool {
        self.role_head_of(lower).is_some()
    }

    /// The role head a definite role noun is built on ("leder" for "klyngelederen").
    pub(crate) fn role_head_of(&self, lower: &str) -> Option<&str> {
        let stem = lower
            .strip_suffix("en")
            .or_else(|| lower.strip_suffix('a'))
            .or_else(|| lower.strip_suffix('n'))?;
        // The first head in lexicon order that the stem, or the stem without an "e", ends in.
        let first = [Some(stem), stem.strip_suffix('e')]
            .into_iter()
            .flatten()
            .filter_map(|s| self.head_set.first_ending(s).map(|(place, _)| place))
            .min()?;
        self.role_heads.get(first).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LexiconKind;

    #[test]
    fn role_nouns_are_definite_forms_of_role_heads() {
        let lexicons = LexiconSet::empty_builder()
            .add_str(LexiconKind::RoleHeads, "h.tsv", "leder\ndirektør\n")
            .map(|b| b.build())
            .unwrap_or_default();
        let names = Names::new(&lexicons);
        assert!(names.is_role_noun("klyngelederen"));
        assert!(names.is_role_noun("direktøren"));
        assert!(!names.is_role_noun("leder"));
        assert!(!names.is_role_noun("avisen"));
    }

    #[test]
    fn role_heads_are_found_as_by_trying_each_in_turn() {
        let names = Names::new(LexiconSet::embedded());
        // The reference: the first head in lexicon order the stem (or the stem without "e")
        // ends in.
        let reference = |lower: &str| {
            let stem = lower
                .strip_suffix("en")
                .or_else(|| lower.strip_suffix('a'))
                .or_else(|| lower.strip_suffix('n'))?;
            names
                .role_heads
                .iter()
                .find(|h| {
                    stem.ends_with(h.as_str())
                        || stem
                            .strip_suffix('e')
                            .is_some_and(|s| s.ends_with(h.as_str()))
                })
                .map(String::as_str)
        };
        let mut words: Vec<String> = names
            .role_heads
            .iter()
            .flat_map(|h| {
                [
                    format!("{h}en"),
                    format!("klynge{h}en"),
                    format!("{h}n"),
                    h.clone(),
                ]
            })
            .collect();
        words.extend(["avisen", "lederen", "a", "", "ø", "sjefa", "direktøren"].map(String::from));
        for w in &words {
            assert_eq!(names.role_head_of(w), reference(w), "{w}");
        }
    }
}
