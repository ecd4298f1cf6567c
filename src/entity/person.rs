//! People: known given names followed by capitalised words, surnames, and the contexts that
//! make an unknown capitalised word a person ("sier Mydske", "næringsminister X", "X, leder").

use super::facts::Facts;
use super::lexicon::EntityLexicon;
use super::view::View;

/// The run `start..end` starts with a given name that is evidence of a person. A given name
/// that is also a common word ("Liv", "Finn") is evidence only inside a sentence or when a
/// capitalised word follows.
///
/// In line: asked of most runs, most of which its first tests answer (the token's given-name
/// fact is most often kept), so a call cost more than they do.
#[inline(always)]
pub(crate) fn starts_with_given_name(f: &Facts<'_, '_>, start: usize, end: usize) -> bool {
    let Some(t) = f.view.get(start) else {
        return false;
    };
    if !f.given(start) {
        // A single given name in the genitive: "Karis". The run's length and place first:
        // most runs asked are longer or open a sentence, and need no lookup.
        if end - start != 1 || t.initial() {
            return false;
        }
        // Most words end in no genitive mark: their last byte answers, in line.
        return matches!(t.text.as_bytes().last(), Some(b's' | b'\'' | 0x99))
            && given_genitive(f.lx, t.text);
    }
    !(t.initial() && end - start == 1 && f.lx.is_name_word(t.text))
}

/// `word` is a given name in the genitive ("Karis").
#[inline(never)]
fn given_genitive(lx: &EntityLexicon, word: &str) -> bool {
    let stripped = super::rules::strip_genitive(word);
    stripped.len() < word.len() && lx.is_given(stripped)
}

/// The words around `start..end` say it is a person: a role title or a cue verb right before,
/// a cue verb right after, or an apposition ", ROLE".
pub(crate) fn person_context(
    view: &View<'_>,
    lx: &EntityLexicon,
    start: usize,
    end: usize,
) -> bool {
    // By-lines and credits: "Foto: Navn", "Tekst: Navn".
    if start >= 2 && view.text(start - 1) == ":" {
        let label = view.lower(start - 2);
        if matches!(
            label,
            "foto" | "tekst" | "illustrasjon" | "fotograf" | "journalist" | "av"
        ) {
            return true;
        }
    }
    let prev = start.checked_sub(1).and_then(|p| view.get(p));
    if let Some(p) = prev {
        // A title opening the sentence is capitalised: "Partileder Ine Søreide".
        if p.is_word()
            && (!p.cap() || p.initial() && !p.all_caps())
            && (lx.is_cue_word(view.lower_of(p)) || lx.is_role_word(p, view.lower_of(p), false))
        {
            return true;
        }
    }
    if let Some(n) = view.get(end) {
        if n.is_word()
            && !n.cap()
            && lx.is_cue_word(view.lower_of(n))
            && view.same_sentence(start, end)
        {
            return true;
        }
        if n.is(",") {
            if let Some(r) = view.get(end + 1) {
                if r.is_word() && !r.cap() && lx.is_role_word(r, view.lower_of(r), false) {
                    return true;
                }
            }
        }
    }
    false
}
