//! "han"/"hun" to the most recent person of that gender; definite role nouns ("klyngelederen",
//! "ministeren") to the person holding the role.

use crate::entity::lexicon::EntityLexicon;
use crate::entity::view::View;
use crate::lexicon::Gender;

/// The gender a personal pronoun refers to.
pub(crate) fn pronoun_gender(lower: &str) -> Option<Gender> {
    match lower {
        "han" | "ham" | "hans" => Some(Gender::Male),
        "hun" | "henne" | "hennes" => Some(Gender::Female),
        _ => None,
    }
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

/// The role a definite role noun names ("direktøren" -> "direktør"), or `None` for a word that
/// is not one.
pub(crate) fn role_noun(view: &View<'_>, lx: &EntityLexicon, i: usize) -> Option<String> {
    let t = view.get(i)?;
    if !t.is_word() || t.cap && !t.initial {
        return None;
    }
    lx.definite_role(view.lower_of(t))
}

/// True when a person holding `role` is referred to by the role noun `noun`: the same role,
/// the same head ("klyngelederen" for a "leder"), or a compound of it ("ministeren" for a
/// "næringsminister").
pub(crate) fn role_matches(lx: &EntityLexicon, role: &str, noun: &str) -> bool {
    let role_main = role.split(" for ").next().unwrap_or(role);
    role_main == noun || role_main.ends_with(noun) || lx.role_head(role_main) == lx.role_head(noun)
}
