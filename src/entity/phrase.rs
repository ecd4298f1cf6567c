//! Lexicon phrases (organisations, places, roles) found on the tokens: from the gazetteer's
//! matches when it gives them, else by a longest-match lookup of the lexicon tables.

use super::lexicon::{EntityLexicon, PhraseInfo};
use super::rules::strip_genitive;
use super::view::View;
use crate::gazetteer::{GazetteerMatch, Inflection};
use crate::lexicon::LexiconKind;

/// One lexicon phrase on tokens `start..end`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub info: PhraseInfo,
}

/// The longest phrase starting at each token, or `None`; with `matches`, also the tokens where
/// a role phrase may start, in order (a superset: ask the phrase there), so that roles are
/// looked for without a walk over every token. Without matches that list is empty. `marked`
/// holds, in order, at least every token with a capital or opening a sentence.
pub(crate) fn find(
    view: &View<'_>,
    lx: &EntityLexicon,
    matches: &[GazetteerMatch],
    marked: &[usize],
) -> (Vec<Option<Hit>>, Vec<usize>) {
    let n = view.len();
    let mut out: Vec<Option<Hit>> = vec![None; n];
    let mut role_starts = Vec::new();
    for m in matches {
        let mut info = PhraseInfo::default();
        match m.kind {
            LexiconKind::Organisations => info.org = Some(m.entry as u32),
            LexiconKind::Places => {
                info.place = true;
                info.major_place = lx.major_places.get(m.entry).copied().unwrap_or(false);
            }
            // Only the base form is a title; "direktøren" is a role noun, for coreference.
            LexiconKind::Roles | LexiconKind::RoleHeads
                if m.form.inflection == Inflection::Base && !m.form.genitive =>
            {
                info.role = true
            }
            _ => continue,
        }
        if info.role {
            role_starts.push(m.tokens.start);
        }
        if let Some(slot) = out.get_mut(m.tokens.start) {
            match slot {
                // One key of several kinds ("Norge" the place and the organisation) gives one
                // match per entry, with the same span.
                Some(h) if h.end == m.tokens.end => {
                    h.info.org = h.info.org.or(info.org);
                    h.info.place |= info.place;
                    h.info.major_place |= info.major_place;
                    h.info.role |= info.role;
                }
                Some(h) if h.end > m.tokens.end => {}
                _ if m.tokens.end > m.tokens.start => {
                    *slot = Some(Hit {
                        start: m.tokens.start,
                        end: m.tokens.end,
                        info,
                    })
                }
                _ => {}
            }
        }
    }
    // The gazetteer's matches, when there are any, are the lexicon phrases; looking the
    // tables up here is the fallback for callers without a gazetteer.
    if !matches.is_empty() {
        // Single capitalised words the matches leave out are still looked up: aliases such as
        // "Ap" or "Frp" are not always among the gazetteer's keys.
        // One pass also drops the capitalised acronyms (see `drop_capitalised_acronyms`).
        for &i in marked {
            let Some(t) = view.get(i) else { continue };
            // A marked token with a capital inside only ("iKuben") is asked nothing below.
            if !(t.cap() || t.all_caps() || t.initial()) {
                continue;
            }
            let Some(slot) = out.get_mut(i) else {
                break;
            };
            if (t.cap() || t.all_caps()) && slot.is_none() && t.is_word() {
                if let Some(info) = lx
                    .phrase_of_token(t, || view.lower_of(t))
                    .filter(|p| p.org.is_some())
                {
                    if info.role {
                        role_starts.push(i);
                    }
                    *slot = Some(Hit {
                        start: i,
                        end: i + 1,
                        info,
                    });
                }
            }
            // What `capitalised_acronym` asks of the token, asked before the slot.
            if t.initial()
                && !t.all_caps()
                && slot.is_some_and(|h| capitalised_acronym(view, lx, i, &h))
            {
                *slot = None;
            }
        }
        role_starts.sort_unstable();
        role_starts.dedup();
        return (out, role_starts);
    }
    let mut key = String::new();
    for (i, t) in view.toks.iter().enumerate() {
        if !t.is_word() && !t.all_caps() {
            continue;
        }
        key.clear();
        let mut best: Option<Hit> = None;
        for j in i..(i + lx.max_phrase).min(n) {
            let Some(tj) = view.get(j) else { break };
            if tj.sentence != t.sentence {
                break;
            }
            if j > i {
                key.push(' ');
            }
            let len_before = key.len();
            key.push_str(view.lower_of(tj));
            if let Some(info) = lx.phrase(&key) {
                best = Some(Hit {
                    start: i,
                    end: j + 1,
                    info,
                });
            } else {
                let stripped = strip_genitive(view.lower_of(tj));
                if stripped.len() < view.lower_of(tj).len() {
                    let mut g = key[..len_before].to_string();
                    g.push_str(stripped);
                    if let Some(info) = lx.phrase(&g) {
                        // A genitive names only organisations and places, never a role.
                        if info.org.is_some() || info.place {
                            best = Some(Hit {
                                start: i,
                                end: j + 1,
                                info: PhraseInfo {
                                    role: false,
                                    ..info
                                },
                            });
                        }
                    }
                }
            }
        }
        if let (Some(b), Some(slot)) = (best, out.get_mut(i)) {
            match slot {
                Some(h) if h.end == b.end => {
                    h.info.org = h.info.org.or(b.info.org);
                    h.info.place |= b.info.place;
                    h.info.major_place |= b.info.major_place;
                    h.info.role |= b.info.role;
                }
                Some(h) if h.end > b.end => {}
                _ => *slot = Some(b),
            }
        }
    }
    drop_capitalised_acronyms(view, lx, &mut out);
    (out, Vec::new())
}

/// A word capitalised by its sentence start matches an organisation listed only in capitals
/// by letter case alone: "Ta kontakt" is not "TA" (Telemarksavisa).
fn drop_capitalised_acronyms(view: &View<'_>, lx: &EntityLexicon, hits: &mut [Option<Hit>]) {
    for (i, slot) in hits.iter_mut().enumerate() {
        if slot.is_some_and(|h| capitalised_acronym(view, lx, i, &h)) {
            *slot = None;
        }
    }
}

/// The hit `h` at token `i` is an organisation listed only in capitals, matched by a word
/// capitalised by its sentence start.
fn capitalised_acronym(view: &View<'_>, lx: &EntityLexicon, i: usize, h: &Hit) -> bool {
    h.end == i + 1
        && h.info.org.is_some()
        && !h.info.place
        && view
            .get(i)
            .is_some_and(|t| t.initial() && !t.all_caps() && lx.is_caps_only(view.lower_of(t)))
}
