//! "han"/"hun" to the most recent person of that gender; definite role nouns ("klyngelederen",
//! "ministeren") to the person holding the role.

#[cfg(test)]
use super::PersonCluster;
use crate::entity::lexicon::EntityLexicon;
use crate::entity::view::{Tok, View, word_key};
use crate::lexicon::Gender;

/// The personal pronouns that refer to a person, lower case, with the gender they refer to.
const PRONOUNS: [(&str, Gender); 6] = [
    ("han", Gender::Male),
    ("ham", Gender::Male),
    ("hans", Gender::Male),
    ("hun", Gender::Female),
    ("henne", Gender::Female),
    ("hennes", Gender::Female),
];

/// The gender a personal pronoun refers to.
pub(crate) fn pronoun_gender(lower: &str) -> Option<Gender> {
    PRONOUNS
        .iter()
        .find(|&&(word, _)| word == lower)
        .map(|&(_, gender)| gender)
}

/// The person a pronoun of `gender` at a token refers to: walking back over the person
/// mentions before it (`(token, person)`, in text order), the first of that gender, else the
/// first of unknown gender.
pub(crate) fn resolve_pronoun(
    before: &[(usize, usize)],
    gender: Gender,
    gender_of: &dyn Fn(usize) -> Option<Gender>,
) -> Option<usize> {
    let mut unknown = None;
    for &(_, p) in before.iter().rev().take(12) {
        match gender_of(p) {
            Some(g) if g == gender => return Some(p),
            None if unknown.is_none() => unknown = Some(p),
            _ => {}
        }
    }
    unknown
}

/// The tokens of `view` from `from` on that may refer to a person, in order, to `out`: the
/// personal pronouns with their gender, and (`None`) the words that `role_ends` lets through
/// as definite role nouns and [`role_noun`] does not turn away by their capital. Out of line,
/// its loop over every token small: in the caller's loop each word looked at spilled and
/// reloaded its many registers.
#[inline(never)]
pub(crate) fn candidates(
    view: &View<'_>,
    from: usize,
    role_ends: &RoleEnds,
    out: &mut Vec<(usize, Option<Gender>)>,
) {
    if role_ends.may_name_any() {
        candidates_of::<true>(view, from, role_ends, out);
    } else {
        candidates_of::<false>(view, from, role_ends, out);
    }
}

/// [`candidates`], role nouns looked for when `NOUNS` (some role of the text's people may be
/// named by one).
#[inline(always)]
fn candidates_of<const NOUNS: bool>(
    view: &View<'_>,
    from: usize,
    role_ends: &RoleEnds,
    out: &mut Vec<(usize, Option<Gender>)>,
) {
    let toks = view.toks.get(from..).unwrap_or_default();
    let pronoun_keys = pronoun_key_bits();
    // A candidate's token from its record's address: a count kept beside the walk cost every
    // token an instruction, for the few found.
    let start = toks.as_ptr() as usize;
    let token = |t: &Tok<'_>| from + (t as *const Tok<'_> as usize - start) / size_of::<Tok<'_>>();
    for t in toks {
        // A pronoun starts with a first byte of the [`PRONOUNS`], a definite role noun ends
        // in "n" and its lower case has four bytes or more (`RoleEnds::may_name`): an ASCII
        // word of fewer has not ("en", "den"). Read from the surface: no other letter
        // lower-cases to these ASCII letters, and no byte but their capitals is them with the
        // case bit set.
        let b = t.text.as_bytes();
        let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
            continue;
        };
        // One load a byte and one test: a table each, where two tests cost a token more.
        let n = if NOUNS { ENDS_N[usize::from(last)] } else { 0 };
        let h = STARTS_PRONOUN[usize::from(first)];
        if h | n == 0 {
            continue;
        }
        // A word whose key has no pronoun's bit is no pronoun, told from its record: most
        // words starting with "h" ("har", "hadde", "hva") are not, and their lower case is not
        // read for it.
        let h = h != 0 && pronoun_keys >> (t.key() & 63) & 1 != 0;
        if !h && b.len() < 4 && b.is_ascii() {
            continue;
        }
        if !t.is_word() {
            continue;
        }
        // A capitalised word inside its sentence is no role noun ([`role_noun`] turns it
        // away): such a word, a surname in "-sen" most often, is asked only as a pronoun.
        let noun = NOUNS && last | 0x20 == b'n' && (!t.cap() || t.initial());
        if !h && !noun {
            continue;
        }
        let lower = view.lower_of(t);
        // Each question only of the words it can be yes for.
        let pronoun = if h { pronoun_gender(lower) } else { None };
        if pronoun.is_some() || noun && role_ends.may_name(lower) {
            out.push((token(t), pronoun));
        }
    }
}

/// A bit for each of the [`PRONOUNS`], bit `key % 64` of its [`word_key`]: a word (the key of
/// its lower case, [`Tok::key`](crate::entity::view::Tok::key)) whose bit is clear is no
/// pronoun.
fn pronoun_key_bits() -> u64 {
    PRONOUNS
        .iter()
        .fold(0, |bits, &(word, _)| bits | 1 << (word_key(word) & 63))
}

/// The bytes a word may start with to be a personal pronoun: the first bytes of the
/// [`PRONOUNS`] and their capitals (all ASCII: no other letter lower-cases to one).
static STARTS_PRONOUN: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < PRONOUNS.len() {
        let first = PRONOUNS[i].0.as_bytes()[0];
        assert!(first.is_ascii_lowercase());
        table = with_case_pair(table, first);
        i += 1;
    }
    table
};
/// The bytes a word may end with to be a definite role noun: "n" and "N".
static ENDS_N: [u8; 256] = with_case_pair([0; 256], b'n');

/// `table` with 1 at the ASCII small letter `small` and at its capital.
const fn with_case_pair(mut table: [u8; 256], small: u8) -> [u8; 256] {
    table[small as usize] = 1;
    table[(small & !0x20) as usize] = 1;
    table
}

/// The role a definite role noun names ("direktøren" -> "direktør"), or `None` for a word that
/// is not one.
pub(crate) fn role_noun(view: &View<'_>, lx: &EntityLexicon, i: usize) -> Option<String> {
    let t = view.get(i)?;
    if !t.is_word() || t.cap() && !t.initial() {
        return None;
    }
    lx.definite_role(view.lower_of(t))
}

/// True when a person holding `role` is referred to by the role noun `noun`: the same role,
/// the same head ("klyngelederen" for a "leder"), or a compound of it ("ministeren" for a
/// "næringsminister"). `noun_head` is `lx.role_head(noun)`, asked once for all the roles it
/// is compared with.
pub(crate) fn role_matches(lx: &EntityLexicon, role: &str, noun: &str, noun_head: &str) -> bool {
    let role_main = role_main(role);
    role_main == noun || role_main.ends_with(noun) || lx.role_head(role_main) == noun_head
}

/// The role without its complement ("leder" of "leder for klyngen").
fn role_main(role: &str) -> &str {
    // A plain scan: a role is a few words, where a substring searcher's setup costs more than
    // the search.
    role.as_bytes()
        .windows(5)
        .position(|w| w == b" for ")
        .and_then(|i| role.get(..i))
        .unwrap_or(role)
}

/// The last two bytes a role noun can end in to match a role of the text's people: a word
/// that ends otherwise costs no lexicon lookup.
///
/// A noun matches a role when the role ends with it or both end in the same role head
/// (`role_matches`), so noun and role share their last two bytes whenever the noun, the role
/// and its head have two bytes or more (a shorter head lets every word through).
#[derive(Debug, Default)]
pub(crate) struct RoleEnds {
    tails: Vec<[u8; 2]>,
    /// Some role has a head too short to tell by its end.
    any: bool,
}

impl RoleEnds {
    /// The ends of the roles of `people`, as [`add`](Self::add) notes them one by one.
    #[cfg(test)]
    pub(crate) fn new(lx: &EntityLexicon, people: &[PersonCluster]) -> RoleEnds {
        let mut ends = RoleEnds::default();
        for role in people.iter().flat_map(|p| &p.roles) {
            ends.add(lx, role);
        }
        ends
    }

    /// Notes the end of a role of the text's people: as each role is given its person, where
    /// a walk over every person's list after cost every person without one.
    pub(crate) fn add(&mut self, lx: &EntityLexicon, role: &str) {
        let main = role_main(role);
        match tail(main) {
            Some(t) if lx.role_head(main).len() >= 2 => {
                if !self.tails.contains(&t) {
                    self.tails.push(t);
                }
            }
            _ => self.any = true,
        }
    }

    /// False when no word can be a definite role noun matching one of the roles
    /// ([`may_name`](Self::may_name) is false of every word).
    pub(crate) fn may_name_any(&self) -> bool {
        !self.tails.is_empty() || self.any
    }

    /// False when `lower` cannot be a definite role noun matching one of the roles (it may be
    /// one of another role, which finds nobody).
    pub(crate) fn may_name(&self, lower: &str) -> bool {
        if self.tails.is_empty() && !self.any {
            return false;
        }
        // The base `EntityLexicon::definite_role` gives, three bytes at least.
        let Some(base) = lower
            .strip_suffix("en")
            .or_else(|| lower.strip_suffix('n'))
            .filter(|b| b.len() >= 3)
        else {
            return false;
        };
        self.any || tail(base).is_some_and(|t| self.tails.contains(&t))
    }
}

/// The last two bytes of `word`.
fn tail(word: &str) -> Option<[u8; 2]> {
    match word.as_bytes() {
        [.., a, b] => Some([*a, *b]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LexiconSet;
    use compact_str::CompactString;

    /// The candidates are the words every token is asked of, in order, from the first token
    /// asked: pronouns with their gender, and the words `may_name` lets through (short words
    /// whose lower case is longer than their surface, "İn", and capitals, "HUN", "LEDEREN",
    /// included) but for capitals inside a sentence, which `role_noun` turns away, for roles
    /// whose ends let nouns through and for people with no role.
    #[test]
    fn candidates_are_the_pronouns_and_the_role_nouns_let_through() {
        let lx = EntityLexicon::new(LexiconSet::embedded());
        let text = "Han og hun, HUN og Henne. Lederen, LEDEREN og lederen sa en ting. \
                    Den nye sjefen og İn, İİn, Ka\u{212A}n og x\u{130}n kom. ham hans hennes \
                    h n H N hen ren ministeren - «han» 3n ledern. Lederen sa at Lederen, \
                    SJEFEN og Hansen kom.";
        let doc = crate::tokenize::Tokenizer::new().analyse(text);
        let view = View::new(&doc);
        let role = |r: &str| PersonCluster {
            roles: vec![CompactString::new(r)],
            ..PersonCluster::default()
        };
        let peoples = [
            vec![role("klyngeleder"), role("sjef"), role("i")],
            vec![role("klyngeleder")],
            vec![role("x\u{307}")],
            vec![PersonCluster::default()],
        ];
        for people in &peoples {
            let ends = RoleEnds::new(&lx, people);
            for from in [0, 1, 7, view.len(), view.len() + 3] {
                let mut got = Vec::new();
                candidates(&view, from, &ends, &mut got);
                assert_eq!(
                    got,
                    asked_of_every_token(&view, from, &ends),
                    "{from} {people:?}"
                );
            }
        }
    }

    /// What [`candidates`] finds, by asking every token from `from` on.
    fn asked_of_every_token(
        view: &View<'_>,
        from: usize,
        ends: &RoleEnds,
    ) -> Vec<(usize, Option<Gender>)> {
        (from..view.len())
            .filter_map(|k| {
                let t = view.get(k)?;
                let lower = view.lower_of(t);
                let pronoun = pronoun_gender(lower);
                let noun = ends.may_name(lower) && (!t.cap() || t.initial());
                (t.is_word() && (pronoun.is_some() || noun)).then_some((k, pronoun))
            })
            .collect()
    }

    /// Generated texts of pronouns in every case, words of their first letters and ends
    /// ("har", "hen", "Hennes"), role nouns and short words: the candidates are those of the
    /// rules asked of every token, the pronouns' keys turning away only words that are none.
    #[test]
    fn candidates_of_generated_texts_are_those_asked_of_every_token() {
        let lx = EntityLexicon::new(LexiconSet::embedded());
        let words = [
            "han",
            "Han",
            "HAN",
            "ham",
            "hAm",
            "hans",
            "Hans",
            "hun",
            "HUN",
            "henne",
            "hennes",
            "Hennes",
            "har",
            "hadde",
            "hva",
            "her",
            "hen",
            "h",
            "H",
            "lederen",
            "Lederen",
            "LEDEREN",
            "sjefen",
            "ministeren",
            "den",
            "en",
            "men",
            "kan",
            "avisen",
            "İn",
            "Kari",
            "Hansen",
            ".",
            ",",
            "«",
            "»",
            "-",
            "3n",
            "\n\n",
        ];
        let letters = ['h', 'a', 'n', 'u', 'e', 's', 'm', 'H', 'N', 'ø', 'İ', 'K'];
        let role = |r: &str| PersonCluster {
            roles: vec![CompactString::new(r)],
            ..PersonCluster::default()
        };
        let people = [role("leder"), role("sjef")];
        let ends = RoleEnds::new(&lx, &people);
        let nobody = RoleEnds::new(&lx, &[]);
        let mut next = crate::testing::xorshift(0x6A09_E667_F3BC_C908u64);
        let mut pronouns = 0;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..next(60) {
                if next(3) == 0 {
                    let len = next(7) + 1;
                    text.extend((0..len).map(|_| letters[next(letters.len())]));
                } else {
                    text.push_str(words[next(words.len())]);
                }
                text.push(' ');
            }
            let doc = crate::tokenize::Tokenizer::new().analyse(&text);
            let view = View::new(&doc);
            for ends in [&ends, &nobody] {
                let mut got = Vec::new();
                candidates(&view, 0, ends, &mut got);
                assert_eq!(got, asked_of_every_token(&view, 0, ends), "{text:?}");
                pronouns += got.iter().filter(|(_, g)| g.is_some()).count();
            }
        }
        assert!(pronouns > 1000, "{pronouns}");
    }

    #[test]
    fn role_ends_let_through_every_noun_that_matches_a_role() {
        let lx = EntityLexicon::new(LexiconSet::embedded());
        let roles = [
            "klyngeleder",
            "næringsminister",
            "daglig leder for klyngen",
            "rådmann",
            "sjef",
        ];
        let people = [PersonCluster {
            roles: roles.iter().map(|&r| CompactString::new(r)).collect(),
            ..PersonCluster::default()
        }];
        let ends = RoleEnds::new(&lx, &people);
        let words = [
            "klyngelederen",
            "lederen",
            "ministeren",
            "rådmannen",
            "sjefen",
            "direktøren",
            "avisen",
            "han",
            "den",
        ];
        for w in words {
            let matches = lx.definite_role(w).is_some_and(|noun| {
                let head = lx.role_head(&noun);
                roles.iter().any(|r| role_matches(&lx, r, &noun, head))
            });
            assert!(ends.may_name(w) || !matches, "{w}");
        }
        assert!(ends.may_name("lederen"));
        assert!(!ends.may_name("avisen"));
        let nobody = RoleEnds::new(&lx, &[PersonCluster::default()]);
        assert!(!nobody.may_name("lederen"));
    }
}
