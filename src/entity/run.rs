//! Capitalised runs: the candidate names of a sentence.

use super::lexicon::EntityLexicon;
use super::phrase::Hits;
use super::rules;
use super::view::{Tok, View};

/// A run of name-like tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Run {
    pub start: usize,
    pub end: usize,
    /// The run holds a lower-case connector ("Cluster for Applied AI").
    pub connector: bool,
    /// Some token after the first [`may_split`]s the run; false when none does, so that
    /// [`super::classify`] looks for no function word inside (most runs have none, and the
    /// scan cost a token's read and a mispredicted branch a run). A part of the run may
    /// keep its run's answer.
    pub may_split: bool,
}

/// A capitalised word, not all capitals, whose key is a function word's: only such a token
/// inside a run may start a sentence the text did not mark ([`super::classify`] asks the
/// word itself of it).
#[inline]
pub(crate) fn may_split(lx: &EntityLexicon, t: &Tok<'_>) -> bool {
    t.cap() && !t.all_caps() && lx.may_be_function_token(t)
}

/// A word that may be part of a name: capitalised, an initial, or all capitals; a hyphenated
/// compound only when its last part is capitalised too ("Anne-Grete", not "Halden-baserte").
/// `text` is the text of `view`'s tokens.
#[inline]
fn name_token(view: &View<'_>, text: &[u8], lx: &EntityLexicon, i: usize) -> bool {
    let Some(t) = view.get(i) else { return false };
    // Most tokens have no capital at all: one test, inlined in the loops, turns them away; most
    // of the rest are capitalised words without a hyphen, names by their shape alone.
    may_name(t) && (t.is_cap_word() && !rules::has_hyphen_in(text, t.text) || name_shape(lx, t))
}

/// [`name_token`] of a token with a capital somewhere: out of line, so that the loops inline
/// only the test before it.
#[inline(never)]
fn name_shape(lx: &EntityLexicon, t: &Tok<'_>) -> bool {
    // Brand names with a lower-case first letter: "iKuben", "eBay".
    if !(t.is_cap_word()
        || t.all_caps()
        || (t.is_word() && t.has_upper() && rules::is_camel_case(t.text)))
    {
        return false;
    }
    match last_part(t.text) {
        // "Gjønnes-utvalget" names an organisation by its head.
        Some(last) => {
            last.chars().next().is_some_and(|c| c.is_uppercase()) || lx.has_org_head(last)
        }
        None => true,
    }
}

/// A token with a capital somewhere: only those can be [`name_token`]s.
#[inline]
fn may_name(t: &Tok<'_>) -> bool {
    t.has_upper() || t.cap() || t.all_caps()
}

/// The part of a hyphenated word after its last hyphen, `None` without a hyphen (most words,
/// known without a scan byte by byte).
fn last_part(word: &str) -> Option<&str> {
    if !rules::has_hyphen(word) {
        return None;
    }
    let at = word.bytes().rposition(|b| b == b'-')?;
    word.get(at + 1..)
}

/// The runs of the text, skipping tokens in `blocked` (role titles), in `out` (emptied first:
/// a caller keeps it from text to text). `marked` holds, in order, at least every token with a
/// capital: a run starts only at one. `text` is the text of `view`'s tokens, `hits` the
/// lexicon phrases on them.
///
/// A capitalised function word alone opening its sentence ("Det", "Men"; about a quarter of
/// the runs) is left out: it is no name and starts no listed one, so classifying it would
/// give nothing.
pub(crate) fn runs(
    view: &View<'_>,
    text: &[u8],
    lx: &EntityLexicon,
    hits: &Hits,
    blocked: &[bool],
    marked: &[usize],
    out: &mut Vec<Run>,
) {
    out.clear();
    // Sized once, not grown: at most a run for every marked token.
    out.reserve(marked.len());
    let n = view.len();
    let ok = |k: usize| name_token(view, text, lx, k) && !blocked.get(k).copied().unwrap_or(false);
    let mut starts = marked
        .iter()
        .copied()
        .filter(|&k| view.toks.get(k).is_some_and(may_name));
    // The first token after the last run.
    let mut i = 0;
    while let Some(start) = starts.find(|&k| k >= i) {
        if !ok(start) {
            i = start + 1;
            continue;
        }
        let mut end = start + 1;
        let mut connector = false;
        let mut splits = false;
        while end < n && view.same_sentence(start, end) {
            // "Kim Jong-il", "Ban Ki-moon": a short lower-case part after a hyphen, inside a name.
            let Some(t) = view.get(end) else { break };
            // Asked only of a token that is no name word by itself.
            let asian = || {
                t.cap()
                    && last_part(t.text)
                        .is_some_and(|l| l.len() <= 3 && l.chars().all(char::is_lowercase))
            };
            if !t.glued() && (ok(end) || asian()) {
                splits |= may_split(lx, t);
                end += 1;
                continue;
            }
            // Particles ("Ursula von der Leyen") and connectors of organisation names
            // ("Cluster for Applied AI") join two capitalised parts.
            let mut k = end;
            while k < end + 2
                && view.get(k).is_some_and(|t| {
                    // The key first: the word after most runs joins nothing.
                    !t.cap()
                        && t.is_word()
                        && lx.may_join_names(t)
                        && (rules::is_particle(view.lower_of(t))
                            || rules::ORG_CONNECTORS.contains(&view.lower_of(t)))
                })
            {
                k += 1;
            }
            // "der", "den", "da", "de" and "du" are Norwegian words too: a particle only
            // after a given name or another particle ("Leonardo da Vinci", "van der Waals"),
            // not in "Hordaland der Lars Sponheim" or "Og da BBC".
            let norwegian = (end..k).any(|x| {
                matches!(view.lower(x), "der" | "den" | "da" | "de" | "du")
                    && !(x > end && rules::is_particle(view.lower(x - 1))
                        || x > 0 && lx.is_given(view.text(x - 1)))
            });
            if k > end && ok(k) && view.same_sentence(start, k) && !norwegian {
                connector |= !(end..k).all(|x| rules::is_particle(view.lower(x)));
                // The joining words are lower case: only the word after them may split.
                splits |= view.get(k).is_some_and(|t| may_split(lx, t));
                end = k + 1;
                continue;
            }
            break;
        }
        i = end;
        let lone_function_word = end == start + 1
            && !hits.starts_at(start)
            && view
                .get(start)
                .is_some_and(|t| t.initial() && !t.all_caps() && lx.is_function_token(view, t));
        if lone_function_word {
            continue;
        }
        out.push(Run {
            start,
            end,
            connector,
            may_split: splits,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LexiconSet;
    use crate::tokenize::Tokenizer;

    /// A run may split exactly when some token after its first is a [`may_split`] one: the
    /// scan the flag spares finds a split only there. Generated sentences of names, capitalised
    /// and lower-case function words, particles, connectors, acronyms and hyphenated words.
    #[test]
    fn a_run_may_split_where_a_token_after_its_first_may() {
        let lx = EntityLexicon::new(LexiconSet::embedded());
        let words = [
            "Kari",
            "Hansen",
            "Det",
            "det",
            "Men",
            "Og",
            "og",
            "NRK",
            "SSB",
            "Et",
            "et",
            "for",
            "von",
            "der",
            "da",
            "Da",
            "Oslo",
            "Anne-Grete",
            "Halden-baserte",
            "Ki-moon",
            "iKuben",
            "sa",
            "I",
            "i",
            "DET",
            "Cluster",
            "Applied",
            "AI",
            ",",
            ".",
            "«",
            "»",
            "Også",
        ];
        let (mut found, mut split, mut long) = (Vec::new(), 0, 0);
        for text in crate::testing::word_texts(&words, 23, 3000, 12) {
            let doc = Tokenizer::new().analyse(&text);
            let view = View::new(&doc);
            let blocked = vec![false; view.len()];
            runs(
                &view,
                text.as_bytes(),
                &lx,
                &Hits::default(),
                &blocked,
                view.marked(),
                &mut found,
            );
            for r in &found {
                let any =
                    (r.start + 1..r.end).any(|k| view.get(k).is_some_and(|t| may_split(&lx, t)));
                assert_eq!(r.may_split, any, "{text:?} {r:?}");
                split += usize::from(any);
                long += usize::from(r.end - r.start >= 2);
            }
        }
        assert!(split > 100 && long > split, "{split} {long}");
    }
}
