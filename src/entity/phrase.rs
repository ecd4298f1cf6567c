//! Lexicon phrases (organisations, places, roles) found on the tokens: from the gazetteer's
//! matches when it gives them, else by a longest-match lookup of the lexicon tables.

use super::lexicon::{EntityLexicon, PhraseInfo};
use super::rules::strip_genitive;
use super::view::{Tok, View};
use crate::gazetteer::{GazetteerMatch, Inflection};
use crate::lexicon::LexiconKind;
use crate::tokenize::TokenKind;

/// One lexicon phrase on tokens `start..end`, as [`Hits::get`] reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    /// An organisation's name.
    pub org: bool,
    /// The organisation (the first listed under the phrase) is a media house
    /// ([`EntityLexicon::is_media`]).
    pub media: bool,
    pub place: bool,
    /// See [`PhraseInfo::major_place`].
    pub major_place: bool,
    pub role: bool,
}

// A phrase's kinds, the low bits of its byte in [`Hits`].
const ORG: u8 = 1;
const MEDIA: u8 = 2;
const PLACE: u8 = 4;
const MAJOR_PLACE: u8 = 8;
const ROLE: u8 = 16;
/// The bits below a phrase's length.
const KIND_BITS: u32 = 5;
/// The length in a byte of [`Hits`] that says the phrase's end is in [`Hits::long`].
const LONG: u8 = 7;

/// The longest phrase starting at each token: one byte a token, zero for none, else the
/// phrase's kinds and above them its length, up to six tokens (a longer one's end is kept
/// apart). A long text's list by token was as large as its view at thirty-two bytes a token.
#[derive(Default)]
pub(crate) struct Hits {
    at: Vec<u8>,
    /// The ends of the phrases longer than six tokens, by their starts, in order.
    long: Vec<(usize, usize)>,
    /// The marked tokens that are web addresses or capitalised words ending in a hyphen, in
    /// order ([`Hits::compound_starts`]).
    compound_starts: Vec<usize>,
}

impl Hits {
    /// No phrase on `n` tokens, in the room of the last text's phrases.
    fn reset(&mut self, n: usize) {
        self.at.clear();
        self.at.resize(n, 0);
        self.long.clear();
        self.compound_starts.clear();
    }

    /// The room kept for the next text, some bytes a token.
    pub fn bytes(&self) -> usize {
        self.at.capacity()
            + self.long.capacity() * size_of::<(usize, usize)>()
            + self.compound_starts.capacity() * size_of::<usize>()
    }

    /// The marked tokens, in order, that may start a suspended compound ("Nærings- og
    /// fiskeridepartementet") or name a site ("Dagbladet.no"): the web addresses and the
    /// capitalised words ending in a hyphen, noted by the pass over the marked tokens that
    /// looks up the phrases, where a pass of their own cost a token's read again.
    pub fn compound_starts(&self) -> &[usize] {
        &self.compound_starts
    }

    /// Notes `t`, marked token `i`, in [`compound_starts`](Self::compound_starts) when it is one.
    #[inline]
    fn note_compound_start(&mut self, i: usize, t: &Tok<'_>) {
        if t.kind == TokenKind::Url || (t.cap() && t.text.as_bytes().last() == Some(&b'-')) {
            self.compound_starts.push(i);
        }
    }

    /// The phrase starting at token `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<Hit> {
        let b = self.at.get(i).copied().filter(|&b| b != 0)?;
        let len = b >> KIND_BITS;
        let end = if len < LONG {
            i + usize::from(len)
        } else {
            self.long_end(i)?
        };
        Some(Hit {
            start: i,
            end,
            org: b & ORG != 0,
            media: b & MEDIA != 0,
            place: b & PLACE != 0,
            major_place: b & MAJOR_PLACE != 0,
            role: b & ROLE != 0,
        })
    }

    /// Some phrase starts at token `i`.
    #[inline]
    pub fn starts_at(&self, i: usize) -> bool {
        self.at.get(i).is_some_and(|&b| b != 0)
    }

    /// The end of the long phrase at `start`.
    #[inline(never)]
    fn long_end(&self, start: usize) -> Option<usize> {
        let k = self.long.binary_search_by_key(&start, |l| l.0).ok()?;
        self.long.get(k).map(|l| l.1)
    }

    /// Records the phrase `start..end` of `kinds`: a longer one at the same start wins, and one
    /// of the same span adds its kinds (one key of several kinds, "Norge" the place and the
    /// organisation, gives one match per entry), an organisation's media bit that of the first.
    /// Long phrases are kept in order only when added in order of their starts.
    #[inline]
    fn add(&mut self, start: usize, end: usize, kinds: u8) {
        if end <= start {
            return;
        }
        let old = self.get(start);
        let Some(slot) = self.at.get_mut(start) else {
            return;
        };
        let kinds = match old {
            Some(h) if h.end > end => return,
            Some(h) if h.end == end => {
                let org = if *slot & ORG != 0 { 0 } else { ORG | MEDIA };
                (*slot | kinds & !(ORG | MEDIA) | kinds & org) & !(LONG << KIND_BITS)
            }
            _ => kinds,
        };
        let len = match u8::try_from(end - start) {
            Ok(len) if len < LONG => len,
            _ => {
                // The side list is searched by start: phrases come in order of their starts.
                debug_assert!(self.long.last().is_none_or(|l| l.0 <= start));
                match self.long.last_mut() {
                    Some(last) if last.0 == start => last.1 = end,
                    _ => self.long.push((start, end)),
                }
                LONG
            }
        };
        *slot = len << KIND_BITS | kinds;
    }

    /// Forgets the phrase at token `i`.
    fn clear(&mut self, i: usize) {
        if let Some(slot) = self.at.get_mut(i) {
            *slot = 0;
        }
    }
}

/// The kinds' bits of a lexicon phrase.
fn kinds_of(lx: &EntityLexicon, info: &PhraseInfo) -> u8 {
    let mut kinds = info.org.map_or(0, |org| org_bits(lx, org));
    for (yes, bit) in [
        (info.place, PLACE),
        (info.major_place, MAJOR_PLACE),
        (info.role, ROLE),
    ] {
        if yes {
            kinds |= bit;
        }
    }
    kinds
}

/// The bits of organisation `org` of the lexicons, the media bit where they set it: the same
/// whether the gazetteer or the lexicon tables found the phrase.
#[inline]
fn org_bits(lx: &EntityLexicon, org: u32) -> u8 {
    ORG | if lx.is_media(org) { MEDIA } else { 0 }
}

/// The longest phrase starting at each token, in `out`; with `matches`, also the tokens where
/// a role phrase may start, in order (a superset: ask the phrase there), in `role_starts`, so
/// that roles are looked for without a walk over every token. Without matches that list is
/// empty. `marked` holds, in order, at least every token with a capital or opening a
/// sentence. Both lists are emptied first: a caller keeps them from text to text. The marked
/// tokens that may start a suspended compound are noted on the way
/// ([`Hits::compound_starts`]).
pub(crate) fn find(
    view: &View<'_>,
    lx: &EntityLexicon,
    matches: &[GazetteerMatch],
    marked: &[usize],
    out: &mut Hits,
    role_starts: &mut Vec<usize>,
) {
    let n = view.len();
    out.reset(n);
    role_starts.clear();
    /// Records the phrase of match `m`, and a role's start. In line: it is the loop's body.
    #[inline(always)]
    fn add(lx: &EntityLexicon, out: &mut Hits, role_starts: &mut Vec<usize>, m: &GazetteerMatch) {
        let kinds = match m.kind {
            LexiconKind::Organisations => org_bits(lx, m.entry as u32),
            LexiconKind::Places => {
                let major = lx.major_places.get(m.entry).copied().unwrap_or(false);
                PLACE | if major { MAJOR_PLACE } else { 0 }
            }
            // Only the base form is a title; "direktøren" is a role noun, for coreference.
            LexiconKind::Roles | LexiconKind::RoleHeads
                if m.form.inflection == Inflection::Base && !m.form.genitive =>
            {
                role_starts.push(m.tokens.start);
                ROLE
            }
            _ => return,
        };
        out.add(m.tokens.start, m.tokens.end, kinds);
    }
    // The gazetteer gives its matches in token order, as `Hits` keeps long phrases; the
    // matches of one start keep their order, in which their kinds are merged. They are added
    // as they come while they are in order (one walk, where a test of the order took another);
    // matches out of order are all added again, sorted.
    let mut last = 0;
    let in_order = matches.iter().all(|m| {
        let ok = m.tokens.start >= last;
        if ok {
            last = m.tokens.start;
            add(lx, out, role_starts, m);
        }
        ok
    });
    if !in_order {
        out.reset(n);
        role_starts.clear();
        let mut sorted: Vec<&GazetteerMatch> = matches.iter().collect();
        sorted.sort_by_key(|m| m.tokens.start);
        for m in sorted {
            add(lx, out, role_starts, m);
        }
    }
    // The gazetteer's matches, when there are any, are the lexicon phrases; looking the
    // tables up here is the fallback for callers without a gazetteer.
    if !matches.is_empty() {
        // Single capitalised words the matches leave out are still looked up: aliases such as
        // "Ap" or "Frp" are not always among the gazetteer's keys.
        // One pass also drops the capitalised acronyms (see [`capitalised_acronym`]).
        for &i in marked {
            let Some(t) = view.get(i) else { continue };
            out.note_compound_start(i, t);
            // A marked token with a capital inside only ("iKuben") is asked nothing below.
            if !(t.cap() || t.all_caps() || t.initial()) {
                continue;
            }
            if (t.cap() || t.all_caps()) && !out.starts_at(i) && t.is_word() {
                if let Some(info) = lx.org_phrase_of_token(t, || view.lower_of(t)) {
                    if info.role {
                        role_starts.push(i);
                    }
                    out.add(i, i + 1, kinds_of(lx, &info));
                }
            }
            // What `capitalised_acronym` asks of the token, asked before the phrase.
            if t.initial()
                && !t.all_caps()
                && out
                    .get(i)
                    .is_some_and(|h| capitalised_acronym(view, lx, &h))
            {
                out.clear(i);
            }
        }
        role_starts.sort_unstable();
        role_starts.dedup();
        return;
    }
    for &i in marked {
        if let Some(t) = view.get(i) {
            out.note_compound_start(i, t);
        }
    }
    let mut key = String::new();
    for (i, t) in view.toks.iter().enumerate() {
        if !t.is_word() && !t.all_caps() {
            continue;
        }
        key.clear();
        // The end and kinds of the longest phrase found.
        let mut best: Option<(usize, u8)> = None;
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
                best = Some((j + 1, kinds_of(lx, &info)));
            } else {
                let stripped = strip_genitive(view.lower_of(tj));
                if stripped.len() < view.lower_of(tj).len() {
                    let mut g = key[..len_before].to_string();
                    g.push_str(stripped);
                    if let Some(info) = lx.phrase(&g) {
                        // A genitive names only organisations and places, never a role.
                        if info.org.is_some() || info.place {
                            best = Some((j + 1, kinds_of(lx, &info) & !ROLE));
                        }
                    }
                }
            }
        }
        if let Some((end, kinds)) = best {
            out.add(i, end, kinds);
            // A word capitalised by its sentence start matches an organisation listed only in
            // capitals by letter case alone: "Ta kontakt" is not "TA" (Telemarksavisa).
            if out
                .get(i)
                .is_some_and(|h| capitalised_acronym(view, lx, &h))
            {
                out.clear(i);
            }
        }
    }
}

/// The hit `h` is an organisation listed only in capitals, matched by a word capitalised by its
/// sentence start.
fn capitalised_acronym(view: &View<'_>, lx: &EntityLexicon, h: &Hit) -> bool {
    h.end == h.start + 1
        && h.org
        && !h.place
        && view
            .get(h.start)
            .is_some_and(|t| t.initial() && !t.all_caps() && lx.is_caps_only(view.lower_of(t)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::lexicon::LexiconSet;
    use crate::tokenize::Tokenizer;

    /// Phrases added at random, as a list of `Option<(end, kinds)>` a token records them: the
    /// longest wins, one of the same span adds its kinds (the first organisation's media bit),
    /// and phrases of seven tokens and more keep their ends apart.
    #[test]
    fn hits_record_the_longest_phrase_at_each_start_of_any_length() {
        let mut random = crate::testing::xorshift(7);
        for n in [1usize, 5, 64, 200] {
            let mut hits = Hits::default();
            hits.reset(n);
            let mut model: Vec<Option<(usize, u8)>> = vec![None; n];
            // In order of their starts, as `find` adds them.
            for (start, slot) in model.iter_mut().enumerate() {
                for _ in 0..random(4) {
                    let len = random(12);
                    let kinds = random(32) as u8;
                    let end = start + len;
                    hits.add(start, end, kinds);
                    match *slot {
                        _ if len == 0 => {}
                        Some((e, _)) if e > end => {}
                        Some((e, k)) if e == end => {
                            let org = if k & ORG != 0 { 0 } else { ORG | MEDIA };
                            *slot = Some((e, k | kinds & !(ORG | MEDIA) | kinds & org));
                        }
                        _ => *slot = Some((end, kinds)),
                    }
                }
            }
            for (i, m) in model.iter().enumerate() {
                let h = hits.get(i);
                assert_eq!(h.is_some(), hits.starts_at(i));
                let kinds = h.map(|h| {
                    [h.org, h.media, h.place, h.major_place, h.role]
                        .iter()
                        .enumerate()
                        .map(|(b, &yes)| u8::from(yes) << b)
                        .sum::<u8>()
                });
                assert_eq!(
                    h.map(|h| (h.start, h.end)),
                    m.map(|(e, _)| (i, e)),
                    "{n} {i}"
                );
                assert_eq!(kinds, m.map(|(_, k)| k), "{n} {i}");
            }
            assert_eq!(hits.get(n), None);
        }
    }

    /// The compound starts noted on the way are the marked web addresses and capitalised words
    /// ending in a hyphen, in order, with and without the gazetteer's matches, and a second
    /// text in the same lists notes only its own.
    #[test]
    fn compound_starts_are_the_marked_addresses_and_hyphened_capitals() -> crate::Result<()> {
        let lexicons = LexiconSet::embedded();
        let lx = EntityLexicon::new(lexicons);
        let gazetteer = Gazetteer::new(lexicons)?;
        let (mut hits, mut roles) = Default::default();
        for text in [
            "Nærings- og fiskeridepartementet og Olje- og energidepartementet skrev på \
             Dagbladet.no og vg.no at NRK- og TV2-folk, nærings- og Helse- tok Finn.no.",
            "Det sa Kari Hansen i NRK.",
            "",
        ] {
            let doc = Tokenizer::new().analyse(text);
            let view = View::new(&doc);
            let matches: Vec<GazetteerMatch> = gazetteer.find_iter(&doc).collect();
            let marked = view.marked();
            let expected: Vec<usize> = marked
                .iter()
                .copied()
                .filter(|&i| {
                    view.get(i).is_some_and(|t| {
                        t.kind == TokenKind::Url || t.cap() && t.text.ends_with('-')
                    })
                })
                .collect();
            for with in [&matches[..], &[]] {
                find(&view, &lx, with, marked, &mut hits, &mut roles);
                assert_eq!(hits.compound_starts(), expected, "{text:?}");
            }
            assert_eq!(expected.is_empty(), !text.contains('-'), "{text:?}");
        }
        Ok(())
    }

    /// The gazetteer's matches in another order give the same phrases.
    #[test]
    fn matches_out_of_order_give_the_same_phrases() -> crate::Result<()> {
        let lexicons = LexiconSet::embedded();
        let lx = EntityLexicon::new(lexicons);
        let text = "Statsminister Jonas Gahr Støre møtte NRK, Norge og Den norske kirke i Oslo. \
                    Daglig leder i Statistisk sentralbyrå sa det til Aftenposten.";
        let doc = Tokenizer::new().analyse(text);
        let view = View::new(&doc);
        let matches: Vec<GazetteerMatch> = Gazetteer::new(lexicons)?.find_iter(&doc).collect();
        assert!(matches.len() > 5);
        let marked: Vec<usize> = (0..view.len()).collect();
        let (mut hits, mut roles) = Default::default();
        find(&view, &lx, &matches, &marked, &mut hits, &mut roles);
        let reversed: Vec<GazetteerMatch> = matches.iter().rev().cloned().collect();
        let (mut again, mut roles_again) = Default::default();
        find(&view, &lx, &reversed, &marked, &mut again, &mut roles_again);
        assert_eq!(roles, roles_again);
        for i in 0..=view.len() {
            // The kinds of one span merge in any order but the media bit's organisation.
            let strip = |h: Option<Hit>| h.map(|h| (h.start, h.end, h.org, h.place, h.role));
            assert_eq!(strip(hits.get(i)), strip(again.get(i)), "{i}");
        }
        assert!((0..view.len()).filter(|&i| hits.starts_at(i)).count() > 5);
        Ok(())
    }
}
