//! Organisations: names built with organisation words ("Lilleseth Kjetting AS", "Verdal
//! kommune", "NCE Raufoss"), acronyms, camel-case brands, head nouns ("Forskningsrådet"),
//! names ending in a place ("Innovasjon Norge"), and the nouns that announce one
//! ("innovasjonsselskapet ProtoMore").

use super::facts::Facts;
use super::lexicon::{Endings, EntityLexicon};
use super::phrase::Hits;
use super::rules;
use super::view::View;
use super::{Cand, Label};
use crate::tokenize::TokenKind;
use std::sync::LazyLock;

/// Common nouns that, right before a capitalised name, say it is an organisation:
/// "innovasjonsselskapet ProtoMore", "klyngen NCE iKuben", "partiet Venstre".
#[rustfmt::skip]
const ANNOUNCING_ENDINGS: &[&str] = &[
    "selskapet", "selskap", "klyngen", "bedriften", "firmaet", "organisasjonen", "foreningen",
    "partiet", "konsernet", "aktøren", "avisen", "avisa", "kanalen", "stiftelsen", "gruppen",
    "nettverket", "instituttet", "banken", "forbundet", "rederiet", "byrået", "senteret",
    "oppstartsselskapet", "startupen", "kjeden", "klubben", "laget", "universitetet",
    "magasinet", "forlaget", "bandet",
    // Plural: "partiene Høyre og Frp", "selskapene X og Y".
    "selskapene", "partiene", "avisene", "bedriftene", "organisasjonene", "klubbene",
    "bankene", "kjedene", "gruppene", "kanalene", "forbundene",
];

/// Plural nouns that announce examples with "som": "grupper som Ansar Dine, al-Qaida og
/// MUJAO", "selskaper som Equinor".
#[rustfmt::skip]
const ANNOUNCING_PLURALS: &[&str] = &[
    "grupper", "selskaper", "organisasjoner", "partier", "aviser", "bedrifter", "klubber",
    "foreninger", "banker", "kjeder", "firmaer", "aktører", "medier", "institusjoner",
    "kanaler", "konsern", "forlag", "band",
];

/// The noun before token `i` announces an organisation. In line: asked of most one-word runs,
/// and its tests are a few loads and the ending filter's bit.
#[inline(always)]
pub(crate) fn announced(view: &View<'_>, i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| view.get(p)) else {
        return false;
    };
    if prev.cap() || !prev.is_word() {
        return false;
    }
    if view.lower_of(prev) == "som" {
        return i.checked_sub(2).and_then(|p| view.get(p)).is_some_and(|n| {
            n.sentence == prev.sentence && ANNOUNCING_PLURALS.contains(&view.lower_of(n))
        });
    }
    // Asked for most single capitalised words: a walk of a trie, not a scan of the list.
    static ENDINGS: LazyLock<Endings> =
        LazyLock::new(|| Endings::new(ANNOUNCING_ENDINGS.iter().copied()));
    ENDINGS.ends(view.lower_of(prev), false)
}

/// Verbs of working somewhere: "jobbet i Dagbladet" is the employer, not the paper.
const WORK_VERBS: &[&str] = &[
    "jobber", "jobbet", "jobba", "arbeider", "arbeidet", "begynte", "begynner", "ansatt",
    "ansatte", "sluttet", "slutter", "startet", "var",
];

/// A media house (the caller asks it of one) on tokens `start..` read as its publication or
/// programme: "i Aftenposten", "på NRK" (in the paper, on the channel), as press text and
/// NorNE's annotation (a product, not an organisation) read it. After a name, a role or a verb
/// of working ("Kari Hansen i NRK", "journalist i VG", "begynte i Dagbladet") it is the
/// employer.
pub(crate) fn publication(view: &View<'_>, lx: &EntityLexicon, start: usize) -> bool {
    let Some(prep) = start.checked_sub(1).and_then(|p| view.get(p)) else {
        return false;
    };
    if !matches!(view.lower_of(prep), "i" | "på") {
        return false;
    }
    let before = start.checked_sub(2).and_then(|p| view.get(p));
    // "Kari Hansen i NRK" gives a person's employer, as "NAVN i ORG" does everywhere.
    !before.is_some_and(|b| {
        b.sentence == prep.sentence
            && b.is_word()
            && (b.cap()
                || WORK_VERBS.contains(&view.lower_of(b))
                || lx.is_role_word(b, view.lower_of(b), true))
    })
}

/// A name right after a role and a preposition of membership is the organisation the role is
/// held in: "forlagssjef i Oktober", "daglig leder i Hustadmarmor", "redaktør for Elle". The
/// preposition's test in line: it turns most words away, and a call cost more.
#[inline(always)]
pub(crate) fn after_role(view: &View<'_>, lx: &EntityLexicon, i: usize) -> bool {
    let Some(prep) = i.checked_sub(1).and_then(|p| view.get(p)) else {
        return false;
    };
    matches!(view.lower_of(prep), "i" | "ved" | "hos" | "for") && role_before(view, lx, i)
}

/// [`after_role`] past its preposition's test.
#[inline(never)]
fn role_before(view: &View<'_>, lx: &EntityLexicon, i: usize) -> bool {
    let (Some(prep), Some(role)) = (
        i.checked_sub(1).and_then(|p| view.get(p)),
        i.checked_sub(2).and_then(|p| view.get(p)),
    ) else {
        return false;
    };
    // A genitive owns the noun after it ("statsministeren i Norges første regjering"); asked
    // after the preposition, which turns most words away.
    let genitive = || {
        view.get(i)
            .is_some_and(|t| rules::genitive_stem(t.text).is_some())
    };
    matches!(view.lower_of(prep), "i" | "ved" | "hos" | "for")
        && !genitive()
        && role.is_word()
        && (!role.cap() || role.initial())
        && role.sentence == prep.sentence
        && lx.is_role_word(role, view.lower_of(role), true)
}

/// "Universitetet i Bergen", "Høgskolen på Vestlandet": an organisation named by its head noun
/// alone, then "i" or "på" and a place, is one name with its seat.
pub(crate) fn join_seat(view: &View<'_>, lx: &EntityLexicon, cands: &mut Vec<Cand>) {
    let seat = |a: &Cand, b: &Cand| is_seat(view, lx, a, b);
    // Most texts join none: the first join is found before any candidate is moved.
    let Some(first) = cands
        .windows(2)
        .position(|w| matches!(w, [a, b] if seat(a, b)))
    else {
        return;
    };
    // One pass in place from there: the place joins the organisation before it; `kept`
    // candidates stay.
    let from = first + 1;
    let mut kept = from;
    for i in from..cands.len() {
        let Some(c) = cands.get(i).copied() else {
            break;
        };
        match kept.checked_sub(1).and_then(|k| cands.get_mut(k)) {
            Some(last) if seat(last, &c) => last.end = c.end,
            _ => {
                if let Some(slot) = cands.get_mut(kept) {
                    *slot = c;
                }
                kept += 1;
            }
        }
    }
    cands.truncate(kept);
}

/// A bare web domain with a capital ("Dagbladet.no", "Finn.no"): in press text the site and
/// the house that runs it, not an address.
pub(crate) fn site_name(view: &View<'_>, i: usize) -> bool {
    let Some(t) = view.get(i) else { return false };
    if t.kind != TokenKind::Url || !t.text.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let Some((name, tld)) = t.text.rsplit_once('.') else {
        return false;
    };
    matches!(tld, "no" | "com" | "se" | "dk" | "net" | "org" | "nu")
        && name.chars().count() >= 2
        && name.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// How strongly a single capitalised word looks like an organisation by its shape alone;
/// `lower`, when given, is the token's lower case ([`View::lower`]).
pub(crate) fn single_word_org(
    view: &View<'_>,
    lx: &EntityLexicon,
    i: usize,
    lower: Option<&str>,
) -> bool {
    let Some(t) = view.get(i) else { return false };
    // An acronym (also in the genitive) and a camel-case word have a capital after their first
    // letter; most names have none, and are asked only for their head.
    let shaped = rules::upper_after_first(t.text)
        && ((rules::is_acronym(t.text) && !rules::is_non_org_acronym(t.text))
            // Without a genitive this test is the first again.
            || (t.text.ends_with('s')
                && rules::genitive_stem(t.text)
                    .is_some_and(|w| rules::is_acronym(w) && !rules::is_non_org_acronym(w)))
            || rules::is_camel_case(rules::strip_genitive(t.text)));
    shaped || (!t.initial() && lx.has_org_head(lower.unwrap_or_else(|| view.lower_of(t))))
}

/// Organisation by construction over `start..end`, possibly extended by a following
/// lower-case suffix ("Verdal kommune"): the span it covers.
#[inline]
pub(crate) fn built_org(
    f: &Facts<'_, '_>,
    hits: &Hits,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let (view, lx) = (f.view, f.lx);
    // "Verdal kommune", "Oslo universitetssykehus": a lower-case suffix word after the name.
    if let Some(next) = view.get(end) {
        // "Bergen tingrett", "Molde fotballklubb": a place and a lower-case organisation noun.
        let place = hits.get(start).is_some_and(|h| h.place && h.end == end);
        let org_noun = || {
            lx.is_org_suffix_token(next, || view.lower_of(next))
                || (place && lx.has_org_head(view.lower_of(next)))
        };
        // A lone unknown word opening the sentence is as likely an adjective: "Nytt sykehus".
        let first = view.get(start)?;
        let unknown_opening = || {
            end - start == 1
                && first.initial()
                && !hits.starts_at(start)
                && !f.given(start)
                && !f.surname(start)
        };
        // The lookups last, and only as far as they decide.
        if !next.cap() && next.sentence == first.sentence && org_noun() && !unknown_opening() {
            return Some((start, end + 1));
        }
    }
    // `start..end` is a run of the view: its tokens are there.
    let suffix = || {
        view.get(end - 1).is_some_and(|last| {
            lx.is_org_suffix_token(last, || last.text)
                || rules::genitive_stem(last.text).is_some_and(|w| lx.is_org_suffix(w))
        })
    };
    if end - start >= 2 && suffix() {
        return Some((start, end));
    }
    if end - start >= 2 && view.get(start).is_some_and(|t| lx.is_org_prefix_token(t)) {
        return Some((start, end));
    }
    // "Innovasjon Norge", "Media City Bergen", "Smart Energy Halden": a name that ends in a
    // place but does not start with a given name.
    if end - start >= 2 && !f.given(start) {
        let last_is_place = hits
            .get(end - 1)
            .is_some_and(|h| h.major_place && h.end == end);
        if last_is_place {
            return Some((start, end));
        }
    }
    None
}

/// "Nærings- og fiskeridepartementet": a suspended first part, a conjunction and a compound
/// with an organisation head. Returns the end token.
pub(crate) fn suspended_org(view: &View<'_>, lx: &EntityLexicon, i: usize) -> Option<usize> {
    let t = view.get(i)?;
    if !(t.cap() && t.text.ends_with('-')) {
        return None;
    }
    let conj = view.get(i + 1)?;
    let head = view.get(i + 2)?;
    (matches!(view.lower_of(conj), "og" | "eller")
        && head.is_word()
        && lx.has_org_head(view.lower_of(head)))
    .then_some(i + 3)
}

/// An organisation named by its head noun alone, then "i" or "på" and a place (`b`), in one
/// sentence: [`join_seat`]'s pair. The labels in line: most neighbouring candidates are no
/// organisation before a place, and a call for each pair cost more than its tests.
#[inline]
fn is_seat(view: &View<'_>, lx: &EntityLexicon, a: &Cand, b: &Cand) -> bool {
    a.label == Label::Org && b.label == Label::Place && is_seat_by_words(view, lx, a, b)
}

/// [`is_seat`] of an organisation `a` before a place `b`: the words. Out of line: few pairs
/// get here.
#[inline(never)]
fn is_seat_by_words(view: &View<'_>, lx: &EntityLexicon, a: &Cand, b: &Cand) -> bool {
    a.end == a.start + 1
        && a.end + 1 == b.start
        && view
            .get(a.start)
            .is_some_and(|t| !t.all_caps() && lx.is_org_head_word(view.lower_of(t)))
        && matches!(view.lower(a.end), "i" | "på")
        && view.same_sentence(a.start, b.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LexiconSet;
    use crate::tokenize::Tokenizer;

    /// [`join_seat`] as one pass over every candidate, moving each: what the search for the
    /// first join must give.
    fn join_seat_every(view: &View<'_>, lx: &EntityLexicon, cands: &mut Vec<Cand>) {
        let seat = |a: &Cand, b: &Cand| is_seat(view, lx, a, b);
        let mut out: Vec<Cand> = Vec::new();
        for &c in cands.iter() {
            match out.last_mut() {
                Some(last) if seat(last, &c) => last.end = c.end,
                _ => out.push(c),
            }
        }
        *cands = out;
    }

    /// Random candidates over a text of seats (joined, chained, at the ends, across a
    /// sentence) are joined as a pass over every candidate joins them.
    #[test]
    fn join_seat_joins_as_a_pass_over_every_candidate() {
        let lx = EntityLexicon::new(LexiconSet::embedded());
        let text = "Universitetet i Bergen og Høgskolen på Vestlandet. Universitetet i Oslo i \
                    Norge. Sykehuset i. Bergen Universitetet på Vestlandet";
        let doc = Tokenizer::new().analyse(text);
        let view = View::new(&doc);
        let n = view.len();
        let mut random = crate::testing::xorshift(11);
        let labels = [Label::Org, Label::Place, Label::Person, Label::Pending];
        let mut joined = 0;
        for _ in 0..4000 {
            let mut cands = Vec::new();
            let mut at = random(3);
            while at < n {
                let len = 1 + random(2) * random(2);
                let label = labels.get(random(4) % 2 * 2 % 4 + random(2)).copied();
                cands.push(Cand {
                    start: at,
                    end: at + len,
                    label: label.unwrap_or(Label::Org),
                });
                at += len + random(3);
            }
            let mut every = cands.clone();
            join_seat_every(&view, &lx, &mut every);
            let before = cands.len();
            join_seat(&view, &lx, &mut cands);
            joined += before - cands.len();
            let key = |c: &Cand| (c.start, c.end, c.label);
            assert_eq!(
                cands.iter().map(key).collect::<Vec<_>>(),
                every.iter().map(key).collect::<Vec<_>>()
            );
        }
        assert!(joined > 100, "{joined}");
    }
}
