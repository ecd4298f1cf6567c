//! Roles: listed titles ("daglig leder"), compounds of role heads ("klyngeleder") and their
//! complements ("direktør for vekstbedrifter og klynger").

use super::lexicon::EntityLexicon;
use super::phrase::Hits;
use super::view::View;
use std::ops::Range;

/// The role title starting at token `i`, if any: its tokens. A capitalised title counts only
/// at a sentence start or right before another capitalised word ("Statsråd Monica Mæland").
///
/// With `from_hits`, the phrases (the gazetteer's matches, which include role-head compounds)
/// are the only source; else the lexicon tables are asked for every word.
pub(crate) fn role_at(
    view: &View<'_>,
    lx: &EntityLexicon,
    hits: &Hits,
    i: usize,
    from_hits: bool,
) -> Option<Range<usize>> {
    let t = view.get(i)?;
    if !t.is_word() && !t.all_caps() {
        return None;
    }
    if t.cap() && !t.all_caps() {
        let next_cap = view.get(i + 1).is_some_and(|n| n.is_cap_word());
        if !t.initial() && !next_cap {
            return None;
        }
    }
    if let Some(h) = hits.get(i) {
        if h.role {
            return Some(h.start..h.end);
        }
    }
    if from_hits || view.lower_of(t).contains('-') || t.all_caps() && t.text.len() > 4 {
        return None;
    }
    lx.is_role_word(t, view.lower_of(t), false)
        .then_some(i..i + 1)
}

/// A role's complement that is not an organisation: "for vekstbedrifter og klynger" after
/// "direktør". Returns the end token of the complement, or `None` when there is none (or when a
/// capitalised word follows the preposition: that is an organisation, linked elsewhere).
pub(crate) fn complement_end(view: &View<'_>, role_end: usize) -> Option<usize> {
    let prep = view.get(role_end)?;
    if !matches!(view.lower_of(prep), "for" | "med" | "av") {
        return None;
    }
    let mut j = role_end + 1;
    let mut words = 0;
    while let Some(t) = view.get(j) {
        if t.sentence != prep.sentence || !t.is_word() || t.cap() {
            break;
        }
        // A preposition that opens an organisation ends the complement.
        if matches!(
            view.lower_of(t),
            "i" | "ved" | "hos" | "på" | "som" | "fra" | "til"
        ) {
            break;
        }
        words += 1;
        j += 1;
        if words > 5 {
            return None;
        }
    }
    // A complement that stops before a capitalised word belongs to an organisation ("leder
    // for Olympiatoppens ...").
    if words == 0 || view.get(j).is_some_and(|t| t.is_cap_word()) {
        return None;
    }
    // "og" or "eller" cannot end a complement.
    if matches!(view.lower(j - 1), "og" | "eller" | "for" | "av" | "med") {
        return None;
    }
    Some(j)
}
