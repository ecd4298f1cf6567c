//! The lexicons as the entity rules look them up: hash tables built once per [`LexiconSet`].

use super::rules;
use super::sieve::{Sieve, WordTable};
use super::view::{KeySet, Tok, View, word_key};
use crate::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::lexicon::{Gender, LexiconSet, OrgWordPosition};
use crate::tokenize::Tokenizer;

/// What a lexicon phrase (one or more tokens, lower-cased, joined by single spaces) is.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PhraseInfo {
    /// Index of the organisation in [`LexiconSet::organisations`].
    pub org: Option<u32>,
    pub place: bool,
    /// A country, fylke, kommune, city or region: a name ending in one is an organisation
    /// ("Innovasjon Norge"), while a town is often a surname too ("Signy Fardal").
    pub major_place: bool,
    pub role: bool,
}

/// Lookup tables over a [`LexiconSet`].
#[derive(Clone, Debug, Default)]
pub(crate) struct EntityLexicon {
    /// Given names as written, with their gender.
    given: WordTable<Option<Gender>>,
    surnames: WordTable<()>,
    /// Capitalised names that are also common words ("Liv", "Finn").
    name_words: WordTable<()>,
    /// Organisations, places and roles by their lower-cased token sequence.
    phrases: WordTable<PhraseInfo>,
    /// The most tokens of any phrase.
    pub max_phrase: usize,
    /// Whether each place (by index in [`LexiconSet::places`]) is a major one.
    pub major_places: Vec<bool>,
    /// Canonical organisation names, by index.
    pub org_names: Vec<String>,
    /// Whether each organisation (by index) is a newspaper, broadcaster or other media house:
    /// "i Aftenposten" is then the publication, not the organisation.
    pub org_media: Vec<bool>,
    org_suffix: HashSet<String>,
    org_prefix: HashSet<String>,
    /// The lexicon's organisation head nouns, lower case: asked for whole words.
    org_head_words: HashSet<String>,
    /// The same and the grammar's organisation endings ([`rules::ORG_HEAD_ENDINGS`]), to ask
    /// whether a word ends in any of them.
    org_head_set: Endings,
    /// The role heads, in the lexicon's order ([`role_head`](Self::role_head) takes the first
    /// that fits).
    role_head_set: Endings,
    /// Single-word cue verb forms, lower case ("sier", "sa").
    cue_words: HashSet<String>,
    /// Lower-cased keys of organisations listed only in capitals ("TA", not "Ta").
    caps_only: HashSet<String>,
    /// Bloom filters in front of the tables asked most that are no [`WordTable`]s.
    sieves: Sieves,
    /// The same tables' words by their token keys, asked for a token's own word.
    keys: Keys,
}

/// The [`Tok::key`]s of the lower case of the words of the tables asked for a token's own word:
/// a token whose key is in none is not in the table, known from its key alone, without the
/// sieve's hash of its surface. Most capitalised words are in none.
#[derive(Clone, Debug, Default)]
struct Keys {
    given: KeySet,
    surnames: KeySet,
    /// The keys of the phrases that name organisations: a capitalised word's own word is asked
    /// only as one (most phrases at 100 000 entries are places and longer names).
    org_phrases: KeySet,
    org_suffix: KeySet,
    org_prefix: KeySet,
    roles: KeySet,
    /// The keys of [`rules::FUNCTION_WORDS`]: most capitalised words are turned away by their
    /// key in line, without a call.
    function_words: KeySet,
    /// The keys of the definite forms of the listed roles ("direktøren", "direktørn"): a word
    /// whose key is none of them ("Hansen", most words ending in "-en") is no listed role's
    /// definite form, known without hashing its base ("hans", "hanse").
    definite_roles: KeySet,
    /// The keys of the words that join two capitalised parts of a name
    /// ([`rules::name_joiners`]): the word after most runs is none of them, known from its key.
    joiners: KeySet,
}

/// A [`Sieve`] for each of the tables asked for most words that holds none of its own.
#[derive(Clone, Debug, Default)]
struct Sieves {
    org_suffix: Sieve,
    org_prefix: Sieve,
    /// The phrase keys that are roles.
    roles: Sieve,
}

impl EntityLexicon {
    pub fn new(lexicons: &LexiconSet) -> EntityLexicon {
        let tokenizer = Tokenizer::with_abbreviations(lexicons.abbreviations().clone());
        let mut lx = EntityLexicon::default();
        // The tables are built as maps, then made [`WordTable`]s.
        let mut given: HashMap<String, Option<Gender>> = HashMap::default();
        for g in lexicons.given_names() {
            // A name listed with two genders is of unknown gender.
            given
                .entry(g.name.clone())
                .and_modify(|old| {
                    if *old != g.gender {
                        *old = None
                    }
                })
                .or_insert(g.gender);
        }
        let surnames: HashSet<String> = lexicons.surnames().iter().cloned().collect();
        let name_words: HashSet<String> = lexicons.name_words().iter().cloned().collect();
        let mut phrases: HashMap<String, PhraseInfo> = HashMap::default();
        let key_of = |s: &str| -> String {
            let text = s.trim();
            tokenizer
                .tokenize(text)
                .map(|t| text[t.span()].to_lowercase())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut max = 1;
        let mut add = |phrases: &mut HashMap<String, PhraseInfo>,
                       key: String,
                       f: &dyn Fn(&mut PhraseInfo)| {
            if key.is_empty() {
                return;
            }
            max = max.max(key.split(' ').count());
            f(phrases.entry(key).or_default());
        };
        let mut mixed_case: HashSet<String> = HashSet::default();
        for o in lexicons.organisations() {
            for name in std::iter::once(&o.name).chain(o.aliases.iter()) {
                if rules::is_acronym(name) {
                    lx.caps_only.insert(name.to_lowercase());
                } else {
                    mixed_case.insert(name.to_lowercase());
                }
            }
        }
        lx.caps_only.retain(|k| !mixed_case.contains(k));
        for (i, o) in lexicons.organisations().iter().enumerate() {
            lx.org_names.push(o.name.clone());
            lx.org_media.push(o.category == "media");
            let idx = i as u32;
            for name in std::iter::once(&o.name).chain(o.aliases.iter()) {
                add(&mut phrases, key_of(name), &|p: &mut PhraseInfo| {
                    p.org.get_or_insert(idx);
                });
            }
        }
        for p in lexicons.places() {
            let major = is_major_place(&p.category);
            lx.major_places.push(major);
            add(&mut phrases, key_of(&p.name), &|p: &mut PhraseInfo| {
                p.place = true;
                p.major_place |= major;
            });
        }
        for r in lexicons.roles() {
            add(&mut phrases, key_of(r), &|p: &mut PhraseInfo| p.role = true);
        }
        lx.max_phrase = max.min(12);
        // The head nouns: kept only in the two forms below.
        let mut org_heads = Vec::new();
        for w in lexicons.organisation_words() {
            match w.position {
                OrgWordPosition::Suffix => {
                    lx.org_suffix.insert(w.word.clone());
                }
                OrgWordPosition::Prefix => {
                    lx.org_prefix.insert(w.word.clone());
                }
                OrgWordPosition::Head => org_heads.push(w.word.to_lowercase()),
            }
        }
        lx.org_head_words = org_heads.iter().cloned().collect();
        // The lexicon's head words make a name only with more before them ("Fellesforbundet");
        // the grammar's endings also alone.
        lx.org_head_set
            .extend(org_heads.iter().map(String::as_str), End::Proper);
        lx.org_head_set
            .extend(rules::ORG_HEAD_ENDINGS.iter().copied(), End::Any);
        let role_heads: Vec<String> = lexicons
            .role_heads()
            .iter()
            .map(|h| h.to_lowercase())
            .collect();
        lx.role_head_set = Endings::new(role_heads.iter().map(String::as_str));
        let roles = || {
            phrases
                .iter()
                .filter(|(_, p)| p.role)
                .map(|(k, _)| k.as_str())
        };
        lx.sieves = Sieves {
            org_suffix: Sieve::new(
                lx.org_suffix.len(),
                lx.org_suffix.iter().map(String::as_str),
            ),
            org_prefix: Sieve::new(
                lx.org_prefix.len(),
                lx.org_prefix.iter().map(String::as_str),
            ),
            roles: Sieve::new(roles().count(), roles()),
        };
        // The phrase keys are lower case already: their keys are asked of no lower-casing.
        lx.keys = Keys {
            given: KeySet::of(given.keys().map(String::as_str)),
            surnames: KeySet::of(surnames.iter().map(String::as_str)),
            org_phrases: KeySet::of_keys(
                phrases
                    .iter()
                    .filter(|(_, p)| p.org.is_some())
                    .map(|(k, _)| word_key(k)),
            ),
            org_suffix: KeySet::of(lx.org_suffix.iter().map(String::as_str)),
            org_prefix: KeySet::of(lx.org_prefix.iter().map(String::as_str)),
            roles: KeySet::of_keys(roles().map(word_key)),
            function_words: KeySet::of(rules::FUNCTION_WORDS.iter().copied()),
            definite_roles: KeySet::of_keys(
                roles()
                    .flat_map(|r| DEFINITE_ENDINGS.map(|ending| word_key(&format!("{r}{ending}")))),
            ),
            joiners: KeySet::of(rules::name_joiners()),
        };
        lx.cue_words = lexicons
            .cue_verbs()
            .iter()
            .filter(|c| !c.form.contains(' '))
            .map(|c| c.form.to_lowercase())
            .collect();
        lx.given = WordTable::new(given);
        lx.surnames = WordTable::new(surnames.into_iter().map(|w| (w, ())));
        lx.name_words = WordTable::new(name_words.into_iter().map(|w| (w, ())));
        lx.phrases = WordTable::new(phrases);
        lx
    }

    /// The gender of a given name, `Some(None)` for a known name of unknown gender. Hyphenated
    /// names ("Anne-Grete") are known when every part is.
    pub fn given(&self, word: &str) -> Option<Option<Gender>> {
        if let Some(g) = self.given_get(word) {
            return Some(*g);
        }
        self.given_by_parts(word)
    }

    /// A hyphenated word every part of which is a given name: the first part's gender. The
    /// hyphen test in line: most words asked have none, and cost no call.
    #[inline]
    fn given_by_parts(&self, word: &str) -> Option<Option<Gender>> {
        if rules::has_hyphen(word) {
            self.given_of_parts(word)
        } else {
            None
        }
    }

    /// [`given_by_parts`](Self::given_by_parts) of a hyphenated word.
    #[inline(never)]
    fn given_of_parts(&self, word: &str) -> Option<Option<Gender>> {
        let mut parts = word.split('-');
        let first = parts.next().and_then(|p| self.given_get(p))?;
        parts.all(|p| self.given_get(p).is_some()).then_some(*first)
    }

    /// The given-name table.
    fn given_get(&self, word: &str) -> Option<&Option<Gender>> {
        self.given.get(word)
    }

    pub fn is_given(&self, word: &str) -> bool {
        self.given(word).is_some()
    }

    /// [`is_given`](Self::is_given) of the token's surface; `text` is the text of the token,
    /// for the hyphen test in [`rules::has_hyphen_in`]. Most words whose key is a given name's
    /// are one (nine in ten at 100 000 entries): they are looked up without the table's sieve.
    pub fn is_given_token_in(&self, text: &[u8], t: &Tok<'_>) -> bool {
        self.keys.given.may_hold(t.key()) && self.given.get_passed(t.text).is_some()
            || rules::has_hyphen_in(text, t.text) && self.given_of_parts(t.text).is_some()
    }

    /// The token's key is that of a word that may join two capitalised parts of a name
    /// ([`rules::name_joiners`]): false for a token that is none of them.
    #[inline]
    pub fn may_join_names(&self, t: &Tok<'_>) -> bool {
        self.keys.joiners.may_hold(t.key())
    }

    /// [`rules::is_function_token`], asked of the token's key first, in line.
    #[inline]
    pub fn is_function_token(&self, view: &View<'_>, t: &Tok<'_>) -> bool {
        self.may_be_function_token(t) && rules::is_function_token(view, t)
    }

    /// The token's key is a function word's ([`rules::FUNCTION_WORDS`]): false for a token
    /// that is none of them.
    #[inline]
    pub fn may_be_function_token(&self, t: &Tok<'_>) -> bool {
        self.keys.function_words.may_hold(t.key())
    }

    pub fn is_surname(&self, word: &str) -> bool {
        self.is_listed_surname(word) || self.surname_by_parts(word)
    }

    /// [`is_surname`](Self::is_surname) of the token's surface; `text` is the text of the
    /// token, for the hyphen test in [`rules::has_hyphen_in`].
    pub fn is_surname_token_in(&self, text: &[u8], t: &Tok<'_>) -> bool {
        self.keys.surnames.may_hold(t.key()) && self.is_listed_surname(t.text)
            || rules::has_hyphen_in(text, t.text) && self.surname_of_parts(t.text)
    }

    fn is_listed_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }

    /// A hyphenated word every part of which is a surname. The hyphen test in line, as in
    /// [`given_by_parts`](Self::given_by_parts).
    #[inline]
    fn surname_by_parts(&self, word: &str) -> bool {
        rules::has_hyphen(word) && self.surname_of_parts(word)
    }

    /// [`surname_by_parts`](Self::surname_by_parts) of a hyphenated word.
    #[inline(never)]
    fn surname_of_parts(&self, word: &str) -> bool {
        word.split('-').all(|w| self.is_listed_surname(w))
    }

    /// A name that is also a common word, so a capital at a sentence start proves nothing.
    pub fn is_name_word(&self, word: &str) -> bool {
        self.name_words.contains(word)
    }

    pub fn phrase(&self, key: &str) -> Option<PhraseInfo> {
        self.phrases.get(key).copied()
    }

    /// [`phrase`](Self::phrase) of a token's own word when it names an organisation, `lower`
    /// its lower case (read only when the key may be an organisation phrase's).
    pub fn org_phrase_of_token<'w>(
        &self,
        t: &Tok<'_>,
        lower: impl FnOnce() -> &'w str,
    ) -> Option<PhraseInfo> {
        self.keys
            .org_phrases
            .may_hold(t.key())
            .then(|| self.phrase(lower()))
            .flatten()
            .filter(|p| p.org.is_some())
    }

    pub fn is_org_suffix(&self, word: &str) -> bool {
        self.sieves.org_suffix.may_hold(word) && self.org_suffix.contains(word)
    }

    /// [`is_org_suffix`](Self::is_org_suffix) of `word`, the token's surface or its lower case
    /// (both have its key), read only when the key may be a suffix's. The key test in line:
    /// asked of most runs' first, last and next tokens, nearly all turned away by it.
    #[inline]
    pub fn is_org_suffix_token<'w>(&self, t: &Tok<'_>, word: impl FnOnce() -> &'w str) -> bool {
        self.keys.org_suffix.may_hold(t.key()) && self.is_org_suffix(word())
    }

    pub fn is_org_prefix(&self, word: &str) -> bool {
        self.sieves.org_prefix.may_hold(word) && self.org_prefix.contains(word)
    }

    /// [`is_org_prefix`](Self::is_org_prefix) of the token's surface, the key test in line.
    #[inline]
    pub fn is_org_prefix_token(&self, t: &Tok<'_>) -> bool {
        self.keys.org_prefix.may_hold(t.key()) && self.is_org_prefix(t.text)
    }

    /// A capitalised compound whose head makes it an organisation ("Fellesforbundet").
    pub fn has_org_head(&self, lower: &str) -> bool {
        self.org_head_set.ends(lower, false)
    }

    /// A word that is itself an organisation head noun ("senter" in "Capio Anoreksi Senter").
    pub fn is_org_head_word(&self, lower: &str) -> bool {
        self.org_head_words.contains(lower)
    }

    /// Whether the token `t`, whose lower case is `lower`, is a role: a listed title or a
    /// compound of a role head ("klyngeleder"), also in the definite form when `definite`
    /// ("klyngelederen"); [`role_base`](Self::role_base) without its base form.
    ///
    /// In line, the definite forms' test out of line: asked of most one-word runs, nearly all
    /// turned away by the ending filter's bit and the key.
    #[inline(always)]
    pub fn is_role_word(&self, t: &Tok<'_>, lower: &str, definite: bool) -> bool {
        let listed = || self.keys.roles.may_hold(t.key()) && self.is_listed_role(lower);
        self.role_head_set.ends(lower, false)
            || listed()
            // Every definite ending ends in "n": a word ending otherwise costs no call.
            || definite
                && lower.as_bytes().last() == Some(&b'n')
                && self.is_definite_role_token(t, lower)
    }

    /// [`definite_base`](Self::definite_base) of the token `t`, whose lower case is `lower`, is
    /// some role: its base is a listed role only when `t`'s key is a listed role's definite
    /// form's, asked before the base is hashed.
    #[inline(never)]
    fn is_definite_role_token(&self, t: &Tok<'_>, lower: &str) -> bool {
        let listed = self.keys.definite_roles.may_hold(t.key());
        DEFINITE_ENDINGS.iter().any(|ending| {
            lower.strip_suffix(ending).is_some_and(|base| {
                base.len() >= 3
                    && (self.role_head_set.ends(base, false) || listed && self.is_listed_role(base))
            })
        })
    }

    /// The role a single lower-case word is, in base form: what
    /// [`is_role_word`](Self::is_role_word) answers without its key, for the tests.
    #[cfg(test)]
    fn role_base<'w>(&self, lower: &'w str, definite: bool) -> Option<&'w str> {
        if self.is_role(lower) {
            return Some(lower);
        }
        if definite {
            return self.definite_base(lower);
        }
        None
    }

    /// The base of `lower` read as the definite form of a role ("klyngelederen").
    #[cfg(test)]
    fn definite_base<'w>(&self, lower: &'w str) -> Option<&'w str> {
        for ending in DEFINITE_ENDINGS {
            if let Some(base) = lower.strip_suffix(ending) {
                if base.len() >= 3 && self.is_role(base) {
                    return Some(base);
                }
            }
        }
        None
    }

    /// A listed role title or a compound of a role head, in base form.
    fn is_role(&self, w: &str) -> bool {
        self.role_head_set.ends(w, false) || self.is_listed_role(w)
    }

    /// A listed role title: asked behind a sieve of the role keys alone, so that the names of
    /// places and organisations, common among capitalised words, cost no table probe.
    fn is_listed_role(&self, key: &str) -> bool {
        self.sieves.roles.may_hold(key) && self.phrases.get(key).is_some_and(|p| p.role)
    }

    /// The base of a definite role noun ("direktøren" -> "direktør"), or `None`: only the
    /// definite endings are tried, so most words cost no lookup.
    pub fn definite_role(&self, lower: &str) -> Option<String> {
        let base = lower
            .strip_suffix("en")
            .or_else(|| lower.strip_suffix('n'))?;
        if base.len() < 3 {
            return None;
        }
        self.is_role(base).then(|| base.to_string())
    }

    /// The head of a role ("leder" of "klyngeleder"), for matching a role noun to a holder.
    pub fn role_head<'a>(&self, role: &'a str) -> &'a str {
        // A role is a few short words: a plain scan back, not a searcher's set-up.
        let last = match role.bytes().rposition(|b| b == b' ') {
            Some(at) => role.get(at + 1..).unwrap_or(role),
            None => role,
        };
        // The first head of the list that `last` ends with: one walk of the endings' trie, not
        // a comparison with every head (some 800 instructions a call).
        self.role_head_set
            .first_ending(last)
            .and_then(|(_, len)| last.get(last.len() - len..))
            .unwrap_or(last)
    }

    /// An organisation key listed only in capitals: "Ta" at a sentence start is not "TA".
    pub fn is_caps_only(&self, lower: &str) -> bool {
        self.caps_only.contains(lower)
    }

    /// The organisation at `index` is a media house.
    pub fn is_media(&self, index: u32) -> bool {
        self.org_media.get(index as usize).copied().unwrap_or(false)
    }

    pub fn is_cue_word(&self, lower: &str) -> bool {
        self.cue_words.contains(lower)
    }
}

/// The endings of a role noun's definite form, tried in this order ("klyngelederen",
/// "klyngeledern").
const DEFINITE_ENDINGS: [&str; 2] = ["en", "n"];

// [`EntityLexicon::is_role_word`] asks only words ending in "n".
const _: () =
    assert!(DEFINITE_ENDINGS[0].as_bytes()[1] == b'n' && DEFINITE_ENDINGS[1].as_bytes()[0] == b'n');

/// A set of word endings in a trie read from a word's last byte back: one walk over the
/// word's end answers, where a hash lookup per listed length did before.
#[derive(Clone, Debug, Default)]
pub(crate) struct Endings {
    /// Node 0 is the root (the empty ending).
    nodes: Vec<Node>,
    /// The last [`tail_len`](Self::tail_len) bytes of every ending, a bit each ([`tail_bit`]):
    /// a word that ends otherwise, most words, costs no walk. Empty when an ending is shorter
    /// than two bytes.
    tails: Vec<u64>,
    /// Three when every ending has three bytes or more (two-byte tails such as "en" and "er"
    /// end most Norwegian words), else two.
    tail_len: usize,
    /// With three-byte tails, the nodes three bytes from the root by those bytes: open
    /// addressing, at most half full, each slot the tail ([`tail_word`], zero for an empty
    /// slot) and its node. A walk starts there, where the root's and the next nodes' lists
    /// of children took most of its steps (the root has a child for most letters).
    third: Vec<(u32, u32)>,
    /// How many endings were added (the next one's [`Node::rank`]).
    added: u32,
}

#[derive(Clone, Debug, Default)]
struct Node {
    /// Children by the byte before, few per node.
    next: Vec<(u8, u32)>,
    /// An ending ends here.
    end: End,
    /// The place among the endings added of the first one that ends here.
    rank: u32,
}

/// Whether an ending ends at a node, and whether it may be the whole word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum End {
    #[default]
    No,
    /// Only with more before it ("Fellesforbundet", not "forbundet").
    Proper,
    Any,
}

impl Endings {
    /// Endings that also match as the whole word.
    pub fn new<'a>(endings: impl IntoIterator<Item = &'a str>) -> Endings {
        let mut e = Endings::default();
        e.extend(endings, End::Any);
        e
    }

    /// Adds `endings`; with `proper`, each matches only with more before it (a word that is the
    /// ending itself is not asked by it). An ending added both ways matches the whole word.
    fn extend<'a>(&mut self, endings: impl IntoIterator<Item = &'a str>, end: End) {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        for ending in endings {
            let rank = self.added;
            self.added = self.added.saturating_add(1);
            let mut at = 0usize;
            for &b in ending.as_bytes().iter().rev() {
                let found = self
                    .nodes
                    .get(at)
                    .and_then(|n| n.next.iter().find(|(c, _)| *c == b))
                    .map(|&(_, i)| i as usize);
                at = match found {
                    Some(i) => i,
                    None => {
                        let i = self.nodes.len();
                        self.nodes.push(Node::default());
                        if let Some(n) = self.nodes.get_mut(at) {
                            n.next.push((b, i as u32));
                        }
                        i
                    }
                };
            }
            if let Some(n) = self.nodes.get_mut(at) {
                if n.end == End::No {
                    n.rank = rank;
                }
                n.end = match (n.end, end) {
                    (End::Any, _) | (_, End::Any) => End::Any,
                    _ => End::Proper,
                };
            }
        }
        (self.tails, self.tail_len) = Self::tails(&self.nodes);
        self.third = if self.tail_len == 3 {
            Self::third(&self.nodes)
        } else {
            Vec::new()
        };
    }

    /// The table of the nodes three bytes from the root ([`third`](Self::third)).
    fn third(nodes: &[Node]) -> Vec<(u32, u32)> {
        let children = |at: u32| nodes.get(at as usize).map_or(&[][..], |n| &n.next[..]);
        let mut found = Vec::new();
        for &(c, one) in children(0) {
            for &(b, two) in children(one) {
                for &(a, three) in children(two) {
                    found.push((tail_word([a, b, c]), three));
                }
            }
        }
        let mut table = vec![(0, 0); (2 * found.len()).next_power_of_two().max(8)];
        let mask = table.len() - 1;
        for (tail, node) in found {
            let mut at = third_slot(tail, mask);
            while let Some(slot) = table.get_mut(at) {
                if slot.0 == 0 {
                    *slot = (tail, node);
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        table
    }

    /// The node three bytes from the root along `tail`, the last three bytes of a word (with
    /// three-byte tails only).
    #[inline]
    fn third_node(&self, tail: [u8; 3]) -> Option<&Node> {
        let key = tail_word(tail);
        let mask = self.third.len().wrapping_sub(1);
        let mut at = third_slot(key, mask);
        // At most half full: a probe meets an empty slot. The tails come from the lexicon, and
        // one written to pile into a region of the table could make every word probe far:
        // past a few slots the node is walked to from the root, as without the table.
        for _ in 0..THIRD_PROBES {
            let &(k, node) = self.third.get(at)?;
            if k == key {
                return self.nodes.get(node as usize);
            }
            if k == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
        self.walked_third_node(tail)
    }

    /// The node three bytes from the root along `tail`, walked to from the root (last byte
    /// first).
    fn walked_third_node(&self, [a, b, c]: [u8; 3]) -> Option<&Node> {
        let mut node = self.nodes.first()?;
        for byte in [c, b, a] {
            let &(_, i) = node.next.iter().find(|(x, _)| *x == byte)?;
            node = self.nodes.get(i as usize)?;
        }
        Some(node)
    }

    /// The tail filter and its length: the longest of three and two bytes that no ending is
    /// shorter than, none when one is shorter than two.
    fn tails(nodes: &[Node]) -> (Vec<u64>, usize) {
        // The endings' last `len` bytes, last byte first: the paths of that length from the
        // root, `None` when an ending is shorter.
        fn paths(
            nodes: &[Node],
            at: usize,
            len: usize,
            path: &mut Vec<u8>,
            out: &mut Vec<Vec<u8>>,
        ) -> bool {
            let Some(node) = nodes.get(at) else {
                return true;
            };
            if path.len() == len {
                out.push(path.clone());
                return true;
            }
            if node.end != End::No {
                return false;
            }
            node.next.iter().all(|&(b, i)| {
                path.push(b);
                let whole = paths(nodes, i as usize, len, path, out);
                path.pop();
                whole
            })
        }
        for len in [3, 2] {
            let mut tails = Vec::new();
            if paths(nodes, 0, len, &mut Vec::new(), &mut tails) {
                let mut bits = vec![0u64; (1 << 16) / 64];
                for t in tails {
                    let mut word = t;
                    word.reverse();
                    if let Some(bit) = tail_bit(&word, len) {
                        if let Some(w) = bits.get_mut(bit / 64) {
                            *w |= 1 << (bit % 64);
                        }
                    }
                }
                return (bits, len);
            }
        }
        (Vec::new(), 0)
    }

    /// `word` ends with one of the endings; with `proper`, with more before it. The tail
    /// filter in line, the walk out of line: most words asked end in no ending's tail.
    #[inline]
    pub fn ends(&self, word: &str, proper: bool) -> bool {
        let bytes = word.as_bytes();
        self.may_end(bytes) && self.walk(bytes, proper)
    }

    /// The tail filter: false when `bytes` end in no ending's tail, so in no ending.
    #[inline]
    fn may_end(&self, bytes: &[u8]) -> bool {
        self.tails.is_empty()
            || tail_bit(bytes, self.tail_len).is_some_and(|bit| {
                self.tails
                    .get(bit / 64)
                    .is_some_and(|w| w >> (bit % 64) & 1 == 1)
            })
    }

    /// The first ending added (in the order of [`extend`](Self::extend)) that `word` ends
    /// with, the whole word included whatever the ending's [`End`]: its place among the
    /// endings added and its length.
    pub fn first_ending(&self, word: &str) -> Option<(usize, usize)> {
        let bytes = word.as_bytes();
        if !self.may_end(bytes) {
            return None;
        }
        // With three-byte tails no ending is shorter than three bytes: the walk starts at the
        // node of the word's last three, as in [`walk`](Self::walk).
        let (mut node, before) = match bytes {
            [.., a, b, c] if self.tail_len == 3 => {
                (self.third_node([*a, *b, *c])?, bytes.len() - 3)
            }
            _ if self.tail_len == 3 => return None,
            _ => (self.nodes.first()?, bytes.len()),
        };
        // The rank and length of the first ending found so far.
        let mut first = (node.end != End::No).then_some((node.rank, bytes.len() - before));
        for (k, &b) in bytes.get(..before).unwrap_or(&[]).iter().enumerate().rev() {
            let Some(&(_, i)) = node.next.iter().find(|(c, _)| *c == b) else {
                break;
            };
            let Some(n) = self.nodes.get(i as usize) else {
                break;
            };
            if n.end != End::No && first.is_none_or(|(rank, _)| n.rank < rank) {
                first = Some((n.rank, bytes.len() - k));
            }
            node = n;
        }
        first.map(|(rank, len)| (rank as usize, len))
    }

    /// [`ends`](Self::ends) without the tail filter.
    #[inline(never)]
    fn walk(&self, bytes: &[u8], proper: bool) -> bool {
        let matches = |end: End, rest: usize| match end {
            End::No => false,
            // `rest` bytes are left before the ending.
            End::Proper => rest > 0,
            End::Any => rest > 0 || !proper,
        };
        // With three-byte tails no ending is shorter than three bytes: the walk starts at the
        // node of the word's last three, if there is one.
        let (mut node, before) = match bytes {
            [.., a, b, c] if self.tail_len == 3 => {
                let Some(node) = self.third_node([*a, *b, *c]) else {
                    return false;
                };
                (node, bytes.len() - 3)
            }
            _ if self.tail_len == 3 => return false,
            _ => match self.nodes.first() {
                Some(root) => (root, bytes.len()),
                None => return false,
            },
        };
        if matches(node.end, before) {
            return true;
        }
        for (k, &b) in bytes.get(..before).unwrap_or(&[]).iter().enumerate().rev() {
            let Some(&(_, i)) = node.next.iter().find(|(c, _)| *c == b) else {
                return false;
            };
            let Some(n) = self.nodes.get(i as usize) else {
                return false;
            };
            // An ending is whole characters, so it starts at a character boundary of the word.
            if matches(n.end, k) {
                return true;
            }
            node = n;
        }
        false
    }
}

/// The index of a word's last `len` bytes (three or two) in [`Endings::tails`]: two bytes are
/// the index, three are hashed to sixteen bits; `None` for a shorter word.
#[inline]
fn tail_bit(word: &[u8], len: usize) -> Option<usize> {
    match (word, len) {
        ([.., a, b, c], 3) => {
            let x = u32::from(*a) << 16 | u32::from(*b) << 8 | u32::from(*c);
            Some((x.wrapping_mul(0x9E37_79B1) >> 16) as usize)
        }
        ([.., a, b], 2) => Some(usize::from(*a) << 8 | usize::from(*b)),
        _ => None,
    }
}

/// The most slots [`Endings::third_node`] probes before walking from the root.
const THIRD_PROBES: usize = 8;

/// Three bytes as one number with a bit above them, so that no tail is zero (an empty slot of
/// [`Endings::third`]).
#[inline]
fn tail_word([a, b, c]: [u8; 3]) -> u32 {
    1 << 24 | u32::from(a) << 16 | u32::from(b) << 8 | u32::from(c)
}

/// The first slot of `tail` ([`tail_word`]) in a table of `mask + 1` slots.
#[inline]
fn third_slot(tail: u32, mask: usize) -> usize {
    (tail.wrapping_mul(0x9E37_79B1) >> 12) as usize & mask
}

/// Places whose names end organisation names: not towns and villages, whose names are often
/// surnames.
fn is_major_place(category: &str) -> bool {
    matches!(
        category,
        "country" | "fylke" | "kommune" | "city" | "region"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_answer_as_a_scan_of_the_endings_with_each_tail_filter() {
        let sets: [&[&str]; 9] = [
            rules::ORG_HEAD_ENDINGS,
            // Three bytes and more: the walk starts at the node of the last three.
            &[
                "leder",
                "sjef",
                "direktør",
                "abc",
                "xabc",
                "øre",
                "fører",
                "ære",
            ],
            &["abc"],
            &["lag", "gata", "øx", "æøå"],
            &["leder", "sjef", "vd", "direktør"],
            &["en", "a", "ene"],
            &["lag", "gata", "ø", "æø"],
            &["ab"],
            &[],
        ];
        for endings in sets {
            let set = Endings::new(endings.iter().copied());
            let mut words = rules::tests::words_near_endings(endings);
            words.extend(["", "a", "b", "en", "hansen", "ab", "xab"].map(str::to_string));
            for w in &words {
                for proper in [false, true] {
                    let scan = endings
                        .iter()
                        .any(|e| w.ends_with(e) && (w.len() > e.len() || !proper));
                    assert_eq!(set.ends(w, proper), scan, "{endings:?} {w:?} {proper}");
                }
            }
        }
        // The tails: three bytes when every ending has them, else two, else none.
        let len = |endings: &[&str]| Endings::new(endings.iter().copied()).tail_len;
        assert_eq!(len(rules::ORG_HEAD_ENDINGS), 3);
        // The nodes three bytes from the root, each found by its bytes.
        let set = Endings::new(["abc", "xabc", "dbc", "fører"]);
        assert_eq!(set.third.iter().filter(|s| s.0 != 0).count(), 3);
        assert!(set.third_node(*b"abc").is_some() && set.third_node(*b"rer").is_some());
        assert!(
            set.third_node(*b"bbc").is_none() && Endings::default().third_node(*b"abc").is_none()
        );
        assert_eq!(len(&["leder", "vd"]), 2);
        assert_eq!(len(&["en", "a"]), 0);
    }

    /// The first ending of the list a word ends with, by the trie, is the one a scan of the
    /// list in order finds: endings inside others both ways round, repeated, empty.
    #[test]
    fn regression_third_nodes_past_the_probe_limit_are_walked_to() {
        // 64 three-byte endings chosen so that their tails start probing in the same four
        // slots of the 128-slot table: most probes run past the limit, where the node is walked
        // to from the root. Every tail must find the node the walk finds.
        let letters = || b'a'..=b'z';
        let all =
            letters().flat_map(|a| letters().flat_map(move |b| letters().map(move |c| [a, b, c])));
        let piled: Vec<String> = all
            .clone()
            .filter(|&t| third_slot(tail_word(t), 127) < 4)
            .take(64)
            .map(|t| String::from_utf8(t.to_vec()).unwrap_or_default())
            .collect();
        let set = Endings::new(piled.iter().map(String::as_str));
        assert_eq!((set.tail_len, set.third.len()), (3, 128));
        let mut past_limit = 0;
        for tail in all {
            let walked = set.walked_third_node(tail).map(|n| n as *const Node);
            assert_eq!(set.third_node(tail).map(|n| n as *const Node), walked);
            let key = tail_word(tail);
            let start = third_slot(key, 127);
            let probes = (0..128)
                .position(|d| matches!(set.third[(start + d) & 127], (k, _) if k == key || k == 0))
                .unwrap_or(0);
            past_limit += usize::from(probes >= THIRD_PROBES);
        }
        assert!(past_limit > 0, "the set exercises the walk past the limit");
        for ending in &piled {
            assert!(set.ends(ending, false) && set.first_ending(ending).is_some());
        }
    }

    #[test]
    fn first_ending_is_the_first_of_the_list_the_word_ends_with() {
        let sets: [&[&str]; 7] = [
            &["leder", "klyngeleder", "sjef", "direktør", "minister"],
            &["xabc", "abc", "yxabc", "dbc", "æøå"],
            &["klyngeleder", "leder", "er", "r", "leder"],
            &["vd", "ø", "æø", "ø"],
            &["ab", ""],
            &["", "ab"],
            &[],
        ];
        for endings in sets {
            let set = Endings::new(endings.iter().copied());
            let mut words = rules::tests::words_near_endings(endings);
            words.extend(
                ["", "a", "klyngeleder", "næringsminister", "statsleder"].map(str::to_string),
            );
            for w in &words {
                let scan = endings.iter().position(|e| w.ends_with(*e));
                let scan = scan.and_then(|i| Some((i, endings.get(i)?.len())));
                assert_eq!(set.first_ending(w), scan, "{endings:?} {w:?}");
            }
        }
        let lx = EntityLexicon::new(LexiconSet::embedded());
        let heads = LexiconSet::embedded().role_heads();
        assert!(!heads.is_empty());
        for w in [
            "styreleder",
            "daglig leder",
            "næringsminister",
            "hansen",
            "",
            "leder",
        ] {
            let last = w.rsplit(' ').next().unwrap_or(w);
            let scan = heads
                .iter()
                .map(|h| h.to_lowercase())
                .find(|h| last.ends_with(h.as_str()))
                .map_or(last, |h| &last[last.len() - h.len()..]);
            assert_eq!(lx.role_head(w), scan, "{w:?}");
        }
    }

    #[test]
    fn every_word_that_joins_names_may_by_its_key() {
        let lx = EntityLexicon::new(LexiconSet::embedded());
        let text = "Ursula von der Leyen, Leonardo da Vinci, Johnson & Johnson, Cluster for \
                    Applied AI, Bank of America, Procter and Gamble, Van Der Waals og De La Rue \
                    sa at Kari Hansen og Statistisk sentralbyrå kom for sent.";
        let doc = Tokenizer::new().analyse(text);
        let view = View::new(&doc);
        let (mut joiners, mut others) = (0, 0);
        for t in &view.toks {
            let lower = view.lower_of(t);
            if rules::name_joiners().any(|j| j == lower) {
                assert!(lx.may_join_names(t), "{:?}", t.text);
                joiners += 1;
            } else {
                others += usize::from(!lx.may_join_names(t));
            }
        }
        assert!(joiners >= 12, "{joiners}");
        // The key turns the others away.
        assert!(others + 2 >= view.len() - joiners, "{others}");
    }

    #[test]
    fn token_lookups_answer_as_the_lookups_of_their_words() {
        let lx = EntityLexicon::new(LexiconSet::embedded());
        let text = "– Lederen Kari Hansen-Olsen i NRK og Anne-Grete Strøm fra Verdal kommune \
                    sa det til Lilleseth Kjetting AS og KARI HANSEN. Klyngelederen, direktøren \
                    og daglig leder i Statistisk sentralbyrå; Oslo, Norge, NAV, Ap. Øyvind \
                    Ødegård og ΟΔΟΣ Ĳssel ǅemal Direktør Stiftelsen Høyre i Arena Oslo. Det \
                    Også Hun DET Ifølge";
        let doc = Tokenizer::new().analyse(text);
        let view = View::new(&doc);
        let (mut found, mut role) = ([false; 7], false);
        for t in &view.toks {
            let lower = view.lower_of(t);
            let answers = [
                (
                    lx.is_function_token(&view, t),
                    rules::is_function_token(&view, t),
                ),
                (
                    lx.is_given_token_in(text.as_bytes(), t),
                    lx.is_given(t.text),
                ),
                (
                    lx.is_surname_token_in(text.as_bytes(), t),
                    lx.is_surname(t.text),
                ),
                (
                    lx.is_org_suffix_token(t, || t.text),
                    lx.is_org_suffix(t.text),
                ),
                (lx.is_org_suffix_token(t, || lower), lx.is_org_suffix(lower)),
                (lx.is_org_prefix_token(t), lx.is_org_prefix(t.text)),
                (
                    lx.org_phrase_of_token(t, || lower).is_some(),
                    lx.phrase(lower).is_some_and(|p| p.org.is_some()),
                ),
            ];
            for (k, (token, word)) in answers.into_iter().enumerate() {
                assert_eq!(token, word, "{k} {:?}", t.text);
                found[k] |= word;
            }
            for definite in [false, true] {
                assert_eq!(
                    lx.is_role_word(t, lower, definite),
                    lx.role_base(lower, definite).is_some(),
                    "{:?} {definite}",
                    t.text
                );
                role |= lx.role_base(lower, definite).is_some();
            }
        }
        // Every table is asked a word it holds.
        assert!(found == [true; 7] && role);
    }
}
