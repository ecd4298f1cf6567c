//! Attribution: who said each quote. The speaker is named next to the cue verb (after it,
//! "sier Liv Dingsør"; or before it, "Mydske sier"), introduced before the quote ("Det sier X
//! seg enig i:", "... påpeker X:"), named after it ("Det sier ROLLE NAVN i ORG"), or carried
//! over from the quote before. Names, pronouns and role nouns go through the coreference
//! clusters; where those have no answer, a small register of the names seen in speaker
//! positions gives the fullest form of a surname and the antecedent of "han"/"hun".

use super::FoundQuote;
use super::cue::{
    Cues, is_capitalised, is_cataphoric, is_definite_noun, is_indefinite, is_preposition,
    is_pronoun, is_punct, is_speaker_of_quote, is_unnamed_source, is_word, is_word_kind,
    opens_sentence, word_is,
};
use super::detect::{Candidate, Form, sentence_end, sentence_start};
use super::names::Names;
use super::words::{KeyedWords, recycle};
use crate::coref::{Coreference, PersonId};
use crate::document::QuoteKind;
use crate::entity::view::{KeySet, Tok, View};
use crate::lexicon::Gender;
use crate::tokenize::Tokenized;
use compact_str::CompactString;
use std::ops::Range;

/// Longest run of capitalised words read as one name.
const MAX_NAME: usize = 5;
/// How far into its sentence a newly introduced person may be named ("Daglig leder NAVN").
const MAX_SUBJECT_OFFSET: usize = 4;
/// How many person mentions back a pronoun may find its antecedent.
const MAX_ANTECEDENT_DISTANCE: usize = 40;
/// How far after a cue a role phrase may run before the name ("sa næringsminister NAVN").
const MAX_ROLE_PHRASE: usize = 10;

/// Who said something.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Who<'a> {
    /// A person, with the coref cluster when there is one.
    Person { id: Option<PersonId>, name: &'a str },
    /// An organisation or another named source that is not a person.
    Source(&'a str),
    /// Said to be someone, but not named ("en kilde").
    Unnamed,
}

impl<'a> Who<'a> {
    fn name(&self) -> Option<&'a str> {
        match self {
            Who::Person { name, .. } | Who::Source(name) => Some(name),
            Who::Unnamed => None,
        }
    }
}

/// What the words next to a cue point at, before resolution.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    /// A capitalised run that is a name.
    Name(Range<usize>),
    /// A run after a preposition ("fra Mattilsynet"): a source, not a person.
    Source(Range<usize>),
    /// "han", "hun" or a definite role noun ("klyngelederen").
    Anaphor(usize),
    /// "en kilde".
    Unnamed,
}

/// How the speaker was found: the first part of the confidence.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Evidence {
    /// Cue and name together.
    Named,
    /// Cue with a pronoun, surname or role noun, resolved.
    Resolved,
    /// Introduced before the quote or named after it.
    Introduced,
    /// Carried over from the quote before.
    Carried,
    /// Nothing.
    None,
}

fn confidence(kind: QuoteKind, form: Form, evidence: Evidence) -> f32 {
    let base: f32 = match evidence {
        Evidence::Named => 0.95,
        Evidence::Resolved => 0.85,
        Evidence::Introduced => 0.8,
        Evidence::Carried => 0.7,
        Evidence::None => 0.4,
    };
    let shape: f32 = match (kind, form) {
        (_, Form::Headline) => 0.6,
        (QuoteKind::Mixed, _) => 0.7,
        (QuoteKind::Indirect, _) => 0.9,
        _ => 1.0,
    };
    base * shape
}

/// `a` and `b` are equal lower-cased by [`str::to_lowercase`], or both absent: compared a
/// character at a time, without a string of their lower case, except for a capital sigma, the
/// one letter `to_lowercase` lowers by its place in the word.
fn same_lower_case(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) if a.is_ascii() && b.is_ascii() => a.eq_ignore_ascii_case(b),
        (Some(a), Some(b)) if a.contains('Σ') || b.contains('Σ') => {
            a.to_lowercase() == b.to_lowercase()
        }
        (Some(a), Some(b)) => a
            .chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase)),
        _ => false,
    }
}

/// A word of the text by its lower case, with its token's [`Tok::key`] (equal words have equal
/// keys): the register's tables find it by the key and confirm it by the word.
#[derive(Clone, Copy, Debug)]
struct Word<'a> {
    key: u16,
    lower: &'a str,
}

/// The names of the text that stand for people, grouped by surname, with the positions where
/// they are mentioned. Only used where coreference has no answer.
#[derive(Debug, Default)]
struct Register<'a> {
    /// Surname (its last word, borrowed from the view) to the tokens of the fullest name, with
    /// what chose it (in a speaker position). The name is read from the text only when asked:
    /// most are never asked.
    full: KeyedWords<'a, (bool, Range<usize>)>,
    /// (token, surname) for every mention of a person outside quotes, in text order.
    mentions: Vec<(usize, Word<'a>)>,
}

/// The surnames of the names next to a cue, with a [`Signature`] of their keys that turns most
/// other surnames away unhashed.
struct Speakers<'a> {
    keys: Signature,
    /// A set of every key, when the speakers are more than [`MAX_SIGNED_SPEAKERS`]: a long
    /// text's thousands of surnames set every bit of the signature.
    all_keys: Option<KeySet>,
    words: KeyedWords<'a, ()>,
}

/// The most speakers' surnames whose keys a [`Signature`] alone sorts: its 256 bits then turn
/// most other surnames away.
const MAX_SIGNED_SPEAKERS: usize = 64;

impl Speakers<'_> {
    /// False when no speaker's surname has the key `key`.
    #[inline]
    fn may_have(&self, key: u16) -> bool {
        match &self.all_keys {
            Some(keys) => keys.may_hold(key),
            None => self.keys.may_have(key),
        }
    }
}

/// The working lists of attribution, emptied, kept for the next text's.
#[derive(Default)]
pub(crate) struct Lists {
    facts: Vec<u8>,
    speaker_runs: Vec<Range<usize>>,
    /// [`Register::mentions`], as items of their size ([`recycle`]).
    mentions: Vec<[usize; 4]>,
    /// The tokens and form of each kept quote, beside the quotes themselves.
    written: Vec<Written>,
    /// The slots and entries of the three word tables: [`named_inside`]'s, the speakers' and
    /// the register's ([`KeyedWords::into_lists`]).
    slots: [Vec<u64>; 3],
    entries: [Vec<[usize; 3]>; 2],
    full: Vec<[usize; 6]>,
    /// [`named_inside`]'s lists.
    others: Vec<usize>,
    asked: Vec<(usize, usize)>,
}

// The kept lists' items are of the size of the items they stand for, so that `recycle` keeps
// their room.
const _: () = assert!(
    size_of::<[usize; 4]>() == size_of::<(usize, Word<'static>)>()
        && size_of::<[usize; 3]>() == size_of::<(u16, &str, bool)>()
        && size_of::<[usize; 3]>() == size_of::<(u16, &str, ())>()
        && size_of::<[usize; 6]>() == size_of::<(u16, &str, (bool, Range<usize>))>()
);

impl Lists {
    /// Bytes of room held.
    pub(crate) fn bytes(&self) -> usize {
        self.facts.capacity()
            + self.speaker_runs.capacity() * size_of::<Range<usize>>()
            + self.mentions.capacity() * size_of::<[usize; 4]>()
            + self.written.capacity() * size_of::<Written>()
            + self.slots.iter().map(Vec::capacity).sum::<usize>() * size_of::<u64>()
            + self.entries.iter().map(Vec::capacity).sum::<usize>() * size_of::<[usize; 3]>()
            + self.full.capacity() * size_of::<[usize; 6]>()
            + self.others.capacity() * size_of::<usize>()
            + self.asked.capacity() * size_of::<(usize, usize)>()
    }
}

/// Attributes every candidate, in text order, in the room of `lists`; gives back the
/// candidates' list, emptied.
pub(crate) fn attribute_in(
    doc: &Tokenized<'_>,
    view: &View<'_>,
    coref: &Coreference,
    names: &Names,
    cues: &Cues,
    mut candidates: Vec<Candidate>,
    lists: &mut Lists,
) -> (Vec<FoundQuote>, Vec<Candidate>) {
    let facts = std::mem::take(&mut lists.facts);
    let ctx = Context {
        doc,
        view,
        coref,
        names,
        cues,
        register: Register::default(),
        facts: token_facts(doc, view, cues, coref, &candidates, facts, lists),
    };
    let register = ctx.build_register(lists);
    let ctx = Context { register, ..ctx };

    // The quotes go straight into the list returned; their tokens and forms, which only the
    // headlines ask, into a kept list beside it.
    let mut out = Vec::with_capacity(candidates.len());
    let mut written = super::cue::room(std::mem::take(&mut lists.written), candidates.len());
    let mut last: Option<(usize, Option<Who>)> = None; // (end token, speaker) of the last quote
    for c in candidates.drain(..) {
        let (who, evidence) = ctx.speaker(&c, &last);
        let introduced_by_nobody = c.form == Form::Marks && c.cue.is_none() && !c.zone.is_empty();
        if (matches!(c.form, Form::Fragment | Form::Reported) || introduced_by_nobody)
            && who.is_none()
        {
            // Scare quotes and titles: quoted words nobody in the sentence says ("Les også:
            // «...»"); "Det sier seg selv at": a cue with no one saying anything.
            continue;
        }
        if c.form != Form::Headline {
            last = Some((c.tokens.end, who));
        }
        let found = FoundQuote {
            span: c.span(doc),
            kind: c.kind,
            person: match &who {
                Some(Who::Person { id, .. }) => *id,
                _ => None,
            },
            speaker_name: who.as_ref().and_then(|w| w.name().map(CompactString::new)),
            cue: c.cue.clone().map(|r| doc.span_of(r)),
            confidence: confidence(c.kind, c.form, evidence),
        };
        written.push(Written {
            tokens: c.tokens,
            form: c.form,
        });
        out.push(found);
    }
    let Context {
        facts, register, ..
    } = ctx;
    lists.facts = facts;
    lists.mentions = recycle(register.mentions);
    (lists.slots[2], lists.full) = register.full.into_lists();
    resolve_headlines(view, &written, &mut out);
    written.clear();
    lists.written = written;
    (out, candidates)
}

/// The tokens and form of a kept quote: what a heading is compared by.
#[derive(Clone, Debug)]
struct Written {
    tokens: Range<usize>,
    form: Form,
}

/// A dash heading is a quote when a later quote repeats its words; it takes that quote's
/// speaker. Otherwise it is a crosshead and dropped. `written` holds the tokens and form of
/// each of `quotes`.
fn resolve_headlines(view: &View<'_>, written: &[Written], quotes: &mut Vec<FoundQuote>) {
    // Most texts have no heading: their quotes stay as they are, unmoved.
    if !written.iter().any(|w| w.form == Form::Headline) {
        return;
    }
    // Every later quote is tried in a text of few quotes; a long one (a corpus as one text)
    // would try each of its quotes for each heading, and asks an index by word instead.
    let sources = headline_sources(view, written, written.len() > MAX_SCANNED_QUOTES);
    // A heading's source is a later quote that is no heading: it is read before it could be
    // dropped, and is not changed.
    let mut drop = vec![false; quotes.len()];
    for &(k, j) in &sources {
        let later = j
            .and_then(|j| quotes.get(j))
            .map(|later| (later.person, later.speaker_name.clone()));
        match (later, quotes.get_mut(k)) {
            (Some((person, speaker_name)), Some(q)) => {
                q.person = person;
                q.speaker_name = speaker_name;
            }
            _ => {
                if let Some(d) = drop.get_mut(k) {
                    *d = true;
                }
            }
        }
    }
    let mut k = 0;
    quotes.retain(|_| {
        k += 1;
        !drop.get(k - 1).copied().unwrap_or(false)
    });
}

/// (headline, the first later quote that holds all its words) of every headline of
/// `quotes`, in order: found by trying every later quote, or `by_word` through a
/// [`QuotesByWord`]. Asked only of quotes among which there is a headline
/// ([`resolve_headlines`] tests that first), so the index is not built in vain.
fn headline_sources(
    view: &View<'_>,
    quotes: &[Written],
    by_word: bool,
) -> Vec<(usize, Option<usize>)> {
    // The tokens of a quote, and its word tokens.
    let toks = |r: Range<usize>| {
        let n = view.toks.len();
        view.toks
            .get(r.start.min(n)..r.end.min(n))
            .unwrap_or_default()
    };
    let words = move |r: Range<usize>| toks(r).iter().filter(|t| is_word_kind(t.kind));
    // A signature of the words of every quote that is not a headline, made when a heading
    // first asks for it: a heading whose words set a bit the quote's do not is not in it,
    // which turns most quotes away without a table.
    let mut bodies: Vec<Option<Signature>> = Vec::new();
    // Equal words have equal keys: the key is compared before the words.
    let contains = |j: usize, w: &Tok<'_>| {
        let lower = view.lower_of(w);
        quotes.get(j).is_some_and(|c| {
            words(c.tokens.clone()).any(|b| b.key() == w.key() && view.lower_of(b) == lower)
        })
    };
    // Quotes a later quote is the source of if it holds every word of headline `c`.
    let mut is_source = |j: usize, c: &Written, signature: &Signature| {
        let Some(body) = quotes.get(j).filter(|b| b.form != Form::Headline) else {
            return false;
        };
        if bodies.is_empty() {
            bodies.resize(quotes.len(), None);
        }
        let Some(slot) = bodies.get_mut(j) else {
            return false;
        };
        // Of every token, not only the words: a superset of the words' bits, which turns away
        // the same quotes a signature of the words would (minus a few that share bits, which
        // `contains` turns away), without asking each token's kind.
        slot.get_or_insert_with(|| Signature::of(toks(body.tokens.clone()).iter()))
            .may_hold(signature)
            && words(c.tokens.clone()).all(|w| contains(j, w))
    };
    // Every token of the quotes is listed under its key, not only their words: a quote listed
    // for a word it lacks is turned away by `is_source`, as one that shares a bucket is, and
    // the kind of each of their many tokens is not asked.
    let tokens = |r: Range<usize>| toks(r).iter().map(Tok::key);
    let index = by_word.then(|| QuotesByWord::new(quotes, |r| words(r).map(Tok::key), tokens));
    // (headline, the later quote that repeats it)
    let mut sources: Vec<(usize, Option<usize>)> = Vec::new();
    for (k, c) in quotes.iter().enumerate() {
        if c.form != Form::Headline {
            continue;
        }
        let signature = Signature::of(words(c.tokens.clone()));
        // The later quotes that may hold the heading's rarest word.
        let rarest = index.as_ref().and_then(|ix| {
            words(c.tokens.clone())
                .map(|w| ix.bucket_of(w.key()))
                .min_by_key(|&(_, n)| n)
        });
        let source = match (&index, rarest) {
            (Some(ix), Some((bucket, _))) => ix
                .holding(bucket)
                .skip_while(|&j| j <= k)
                .find(|&j| is_source(j, c, &signature)),
            _ => (k + 1..quotes.len()).find(|&j| is_source(j, c, &signature)),
        };
        sources.push((k, source));
    }
    sources
}

/// The most quotes a text's headings are tried against one by one; a text of more asks a
/// [`QuotesByWord`] instead.
const MAX_SCANNED_QUOTES: usize = 256;

/// The quotes that are not headlines, listed by the words of the headlines they hold: one
/// list per bucket of word keys (their low 12 bits), in quote order. A heading's source holds
/// every word of it, so it is in the list of each of them: the shortest is searched. Only the
/// headlines' words are listed: they are few, the quotes' words many.
struct QuotesByWord {
    /// The first entry of each bucket's list, [`QuotesByWord::END`] for none.
    heads: Vec<u32>,
    /// How many entries each bucket's list has.
    counts: Vec<u32>,
    /// (quote, next entry of its list) for every bucket of the keys of a quote's tokens that
    /// the headlines' words may have.
    entries: Vec<(u32, u32)>,
}

impl QuotesByWord {
    const BUCKETS: usize = 1 << 12;
    /// The end of a list.
    const END: u32 = u32::MAX;

    /// The index of `quotes`, whose words' keys `keys` gives, listed under the keys `listed`
    /// gives (their words' at least).
    fn new<I: Iterator<Item = u16>, J: Iterator<Item = u16>>(
        quotes: &[Written],
        keys: impl Fn(Range<usize>) -> I,
        listed: impl Fn(Range<usize>) -> J,
    ) -> QuotesByWord {
        let headlines = || quotes.iter().filter(|c| c.form == Form::Headline);
        let wanted = KeySet::of_keys(headlines().flat_map(|c| keys(c.tokens.clone())));
        let mut ix = QuotesByWord {
            heads: vec![Self::END; Self::BUCKETS],
            counts: vec![0; Self::BUCKETS],
            entries: Vec::new(),
        };
        // Each list is built from its end, the last quote first: it is then in quote order,
        // and a quote's second word of one bucket finds itself at the head.
        for (j, c) in quotes.iter().enumerate().rev() {
            let Ok(j) = u32::try_from(j) else { continue };
            if c.form == Form::Headline {
                continue;
            }
            for key in listed(c.tokens.clone()).filter(|&k| wanted.may_hold(k)) {
                let b = usize::from(key) & (Self::BUCKETS - 1);
                let (Some(head), Some(count)) = (ix.heads.get_mut(b), ix.counts.get_mut(b)) else {
                    continue;
                };
                if ix.entries.get(*head as usize).is_some_and(|&(q, _)| q == j) {
                    continue;
                }
                let Ok(at) = u32::try_from(ix.entries.len()) else {
                    continue;
                };
                ix.entries.push((j, *head));
                *head = at;
                *count += 1;
            }
        }
        ix
    }

    /// The bucket of word key `key`, with the length of its list.
    fn bucket_of(&self, key: u16) -> (usize, u32) {
        let b = usize::from(key) & (Self::BUCKETS - 1);
        (b, self.counts.get(b).copied().unwrap_or(0))
    }

    /// The quotes listed in `bucket`, in order.
    fn holding(&self, bucket: usize) -> impl Iterator<Item = usize> + '_ {
        let mut at = self.heads.get(bucket).copied().unwrap_or(Self::END);
        std::iter::from_fn(move || {
            let &(j, next) = self.entries.get(at as usize)?;
            at = next;
            Some(j as usize)
        })
    }
}

/// A 256-bit summary of a set of words, one bit a word (of its key): a set holds another only
/// if its signature has every bit of the other's.
#[derive(Clone, Copy, Debug, Default)]
struct Signature([u64; 4]);

impl Signature {
    fn of<'a, 't: 'a>(words: impl Iterator<Item = &'a Tok<'t>>) -> Signature {
        let mut s = Signature::default();
        for w in words {
            s.insert(w.key());
        }
        s
    }

    /// Adds the word of [`Tok::key`] `key`.
    fn insert(&mut self, key: u16) {
        let (k, bit) = Signature::bit(key);
        if let Some(word) = self.0.get_mut(k) {
            *word |= bit;
        }
    }

    /// False when no word of key `key` is in the set.
    fn may_have(&self, key: u16) -> bool {
        let (k, bit) = Signature::bit(key);
        self.0.get(k).is_some_and(|word| word & bit != 0)
    }

    fn bit(key: u16) -> (usize, u64) {
        (usize::from(key >> 14), 1 << ((key >> 8) & 63))
    }

    /// False when the words of `other` are surely not all among these.
    fn may_hold(&self, other: &Signature) -> bool {
        self.0.iter().zip(other.0).all(|(&a, b)| b & !a == 0)
    }
}

// Token facts (bits of one byte a token) that attribution asks about again and again,
// gathered once per text from the quotes, the cue pass and coreference: one load answers
// where a mask, a word set and coreference's binary searches were asked before.

/// The token is inside a quote or inside quotation marks.
const QUOTED: u8 = 1;
/// Coreference has a person at the token ([`Coreference::person_at`]).
const PERSON: u8 = 2;
/// Coreference has an organisation at the token.
const ORGANISATION: u8 = 4;
/// A capitalised word that opens a sentence and is written capitalised somewhere other than
/// at the start of a sentence too: "Kjell" before "sier Kjell Reidar Mydske", which makes the
/// sentence-initial "Kjell" a name.
const NAMED_INSIDE: u8 = 8;

/// The facts of every token of `doc`.
fn token_facts(
    doc: &Tokenized<'_>,
    view: &View<'_>,
    cues: &Cues,
    coref: &Coreference,
    candidates: &[Candidate],
    mut facts: Vec<u8>,
    lists: &mut Lists,
) -> Vec<u8> {
    let n = doc.tokens().len();
    facts.clear();
    facts.resize(n, 0);
    // Only QUOTED is set yet: a range is filled with it, not read and or-ed a byte at a time.
    let mut set = |range: Range<usize>| {
        let range = range.start.min(n)..range.end.min(n);
        if let Some(s) = facts.get_mut(range) {
            s.fill(QUOTED);
        }
    };
    for c in candidates {
        set(c.tokens.clone());
    }
    // Only the paragraphs with a quotation mark have pairs.
    let mut done = 0;
    for m in cues.mark_tokens() {
        if m < done {
            continue;
        }
        let Some(p) = doc.paragraph_of(m).and_then(|p| doc.paragraphs().get(p)) else {
            continue;
        };
        for &(open, close) in cues.mark_pairs(p.clone()).iter() {
            set(open..close.unwrap_or(p.end));
        }
        done = p.end;
    }
    // One token at a time: a range of one, clamped and sliced, cost four times the store.
    let mut set_at = |k: usize, bit: u8| {
        if let Some(f) = facts.get_mut(k) {
            *f |= bit;
        }
    };
    for k in coref.person_tokens() {
        set_at(k, PERSON);
    }
    for k in coref.organisation_tokens() {
        set_at(k, ORGANISATION);
    }
    named_inside(view, cues, &mut facts, lists);
    facts
}

/// Sets [`NAMED_INSIDE`]. Only a word whose shape (the high bits of its [`Tok::key`]: equal
/// words have equal keys) both an opener and another capitalised word have is hashed: the
/// openers among them are numbered, the others looked up.
fn named_inside(view: &View<'_>, cues: &Cues, facts: &mut [u8], lists: &mut Lists) {
    // 1024 shapes serve an article; a long text (a corpus as one text) would have every one
    // of them, and hash every opener: it has one a key.
    if cues.capitalised().len() > MAX_SMALL_SHAPES {
        named_inside_by(&mut Box::new([[0; 1024]; 2]), view, cues, facts, lists);
    } else {
        named_inside_by(&mut [[0; 16]; 2], view, cues, facts, lists);
    }
}

/// The most capitalised words whose shapes are sorted into 1024 bits.
const MAX_SMALL_SHAPES: usize = 4096;

/// [`named_inside`] with filters of `64 * N` bits over the shapes of the openers and of the
/// other capitalised words.
fn named_inside_by<const N: usize>(
    [opening, other]: &mut [[u64; N]; 2],
    view: &View<'_>,
    cues: &Cues,
    facts: &mut [u8],
    lists: &mut Lists,
) {
    let openers = cues.openers();
    if openers.is_empty() {
        return;
    }
    let shift = 16 - (64 * N).trailing_zeros();
    let shape = |i: usize| {
        view.toks
            .get(i)
            .map_or(0, |t| usize::from(t.key() >> shift))
    };
    let has = |shapes: &[u64; N], bit: usize| {
        shapes
            .get(bit / 64)
            .is_some_and(|s| s >> (bit % 64) & 1 == 1)
    };
    let set = |shapes: &mut [u64; N], bit: usize| {
        if let Some(s) = shapes.get_mut(bit / 64) {
            *s |= 1 << (bit % 64);
        }
    };
    for &i in openers {
        set(opening, shape(i));
    }
    // The other words with an opener's shape. `other` is asked only of the openers' shapes:
    // a word of another shape sets no bit of it.
    let mut others = super::cue::room(
        std::mem::take(&mut lists.others),
        cues.capitalised().len().saturating_sub(openers.len()),
    );
    for &i in cues.capitalised() {
        // The openers are the capitalised words that open their sentence.
        let Some(t) = view.toks.get(i).filter(|t| !t.sentence_start()) else {
            continue;
        };
        let bit = usize::from(t.key() >> shift);
        if has(opening, bit) {
            set(other, bit);
            others.push(i);
        }
    }
    if others.is_empty() {
        lists.others = others;
        return;
    }
    // The openers asked about, each with its word's index in the table of their words.
    let mut asked = super::cue::room(std::mem::take(&mut lists.asked), openers.len());
    // Each asked opener's word, with whether another capitalised word writes it.
    let [slots, _, _] = &mut lists.slots;
    let [entries, _] = &mut lists.entries;
    let mut words: KeyedWords<'_, bool> = KeyedWords::with_capacity_in(
        openers.len(),
        std::mem::take(slots),
        std::mem::take(entries),
    );
    for &i in openers.iter().filter(|&&i| has(other, shape(i))) {
        if let Some(t) = view.toks.get(i) {
            asked.push((i, words.index_or_insert(t.key(), t.text, || false)));
        }
    }
    for &i in &others {
        if let Some(inside) = view
            .toks
            .get(i)
            .and_then(|t| words.find(t.key(), t.text))
            .and_then(|k| words.value_mut(k))
        {
            *inside = true;
        }
    }
    let inside = words.entries();
    for &(i, k) in &asked {
        if inside.get(k).is_some_and(|&(_, _, inside)| inside) {
            if let Some(f) = facts.get_mut(i) {
                *f |= NAMED_INSIDE;
            }
        }
    }
    (*slots, *entries) = words.into_lists();
    lists.others = others;
    lists.asked = asked;
}

struct Context<'a, 't> {
    doc: &'a Tokenized<'t>,
    view: &'a View<'t>,
    coref: &'a Coreference,
    names: &'a Names,
    cues: &'a Cues<'a>,
    register: Register<'a>,
    /// The [`token_facts`].
    facts: Vec<u8>,
}

/// [`Context::name_runs`]: the runs read off the list of capitalised words from its `k`th.
struct NameRuns<'c, 'a, 't> {
    ctx: &'c Context<'a, 't>,
    k: usize,
}

impl Iterator for NameRuns<'_, '_, '_> {
    type Item = Range<usize>;

    // One call site, in the register's loop: out of line, each run cost a call.
    #[inline(always)]
    fn next(&mut self) -> Option<Range<usize>> {
        let ctx = self.ctx;
        let capitalised = ctx.cues.capitalised();
        let opens = |i: usize| opens_sentence(ctx.view, i);
        // The run from each capitalised word is `run_from`'s, read off the list: the words of
        // a run are capitalised tokens that follow one another, so they follow one another in
        // the list too, and no token is read to find where the run ends.
        while let Some(&i) = capitalised.get(self.k) {
            if ctx.quoted(i) {
                self.k += 1;
                continue;
            }
            let k = self.k;
            let mut len = 1;
            while len < MAX_NAME && capitalised.get(k + len) == Some(&(i + len)) && !opens(i + len)
            {
                len += 1;
            }
            let mut run = i..i + len;
            while run.start < run.end && ctx.quoted(run.end - 1) {
                run.end -= 1;
            }
            if opens(i) && !ctx.is(i, NAMED_INSIDE) && !ctx.is_given_at(i) {
                run.start += 1;
            }
            // The next run starts after this one: the words up to its end are `i`, `i + 1`,
            // ..., the next entries of the list.
            self.k += run.end.max(i + 1) - i;
            if !run.is_empty() {
                return Some(run);
            }
        }
        None
    }
}

impl<'a, 't> Context<'a, 't> {
    /// True when token `i` has the fact `bit`.
    fn is(&self, i: usize, bit: u8) -> bool {
        self.facts.get(i).is_some_and(|f| f & bit != 0)
    }

    fn quoted(&self, i: usize) -> bool {
        self.is(i, QUOTED)
    }

    /// The word at token `i` ("" past the end).
    fn word(&self, i: usize) -> Word<'a> {
        let view: &'a View<'t> = self.view;
        Word {
            key: view.get(i).map_or(0, Tok::key),
            lower: view.lower(i),
        }
    }

    /// The speaker of candidate `c`, given the last quote's end and speaker.
    fn speaker(
        &self,
        c: &Candidate,
        last: &Option<(usize, Option<Who<'a>>)>,
    ) -> (Option<Who<'a>>, Evidence) {
        if let Some(cue) = &c.cue {
            if let Some(t) = self.target(cue.clone(), c.zone.clone()) {
                let evidence = match t {
                    Target::Name(ref r) if r.len() > 1 => Evidence::Named,
                    _ => Evidence::Resolved,
                };
                return (self.resolve(&t), evidence);
            }
        } else if c.form == Form::Colon && !c.zone.is_empty() {
            // "Navn: – Sitat"
            let t = Target::Name(c.zone.clone());
            return (self.resolve(&t), Evidence::Named);
        }
        match c.form {
            // Reported speech names its speaker or is not reported speech.
            Form::Reported => (None, Evidence::None),
            Form::Fragment => {
                let who = self.subject(c.zone.clone(), c.tokens.clone());
                (who, Evidence::Resolved)
            }
            Form::Headline => (None, Evidence::None),
            // "X var klar: «...»": the intro before the colon must name who speaks.
            Form::Marks if !c.zone.is_empty() => {
                let who = self.subject(c.zone.clone(), c.tokens.clone());
                (who, Evidence::Resolved)
            }
            _ => self.continuation(c, last),
        }
    }

    /// A quote paragraph without its own attribution.
    fn continuation(
        &self,
        c: &Candidate,
        last: &Option<(usize, Option<Who<'a>>)>,
    ) -> (Option<Who<'a>>, Evidence) {
        let coref: &'a Coreference = self.coref;
        let doc = self.doc;
        // Introduced by the paragraph before, which ends in a colon.
        let introduced = c
            .paragraph
            .checked_sub(1)
            .and_then(|p| doc.paragraphs().get(p))
            .filter(|prev| prev.end > prev.start && is_punct(self.view, prev.end - 1, ":"))
            .and_then(|prev| self.introduction(prev.clone()));
        if let Some(who) = introduced {
            return (Some(who), Evidence::Introduced);
        }
        // Named after it: "Det sier ROLLE NAVN i ORG."
        let cataphoric = doc
            .paragraphs()
            .get(c.paragraph + 1)
            .filter(|next| {
                is_word(self.view, next.start) && is_cataphoric(self.view.lower(next.start))
            })
            .and_then(|next| {
                let cue = self.cues.at(next.start + 1)?;
                self.target(cue, next.start + 1..sentence_end(self.cues, next.start))
            });
        if let Some(t) = cataphoric {
            return (self.resolve(&t), Evidence::Introduced);
        }
        // The first quote of a text has no quote before it: the narrative from the start counts.
        let (end, who) = match last {
            Some((end, who)) => (Some(*end), *who),
            None => (None, None),
        };
        // Someone new named in the narrative since the last quote takes over.
        // Compared by surname: coreference and the register may spell the name differently.
        let surname = |name: &'a str| name.split_whitespace().last();
        // Found only when a mention asks: most quotes have none since the last.
        let last_surname = std::cell::OnceCell::new();
        let start = end.unwrap_or(0);
        let from = self.register.mentions.partition_point(|(i, _)| *i < start);
        let to = self
            .register
            .mentions
            .partition_point(|(i, _)| *i < c.tokens.start);
        let last_paragraph = end.and_then(|e| self.doc.paragraph_of(e.saturating_sub(1)));
        let newcomer = self
            .register
            .mentions
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .filter(|(i, _)| {
                // Only the narrative between the two quote paragraphs (the last quote's own
                // attribution, "sier X, direktør i Y", introduces no one new), and only a
                // person who is the subject near the start of a sentence ("Daglig leder NAVN i
                // X ser ..."), not one named in passing.
                // The paragraph is searched for last.
                *i - sentence_start(self.cues, *i) <= MAX_SUBJECT_OFFSET
                    && !(*i > 0 && is_preposition(self.view.lower(*i - 1)))
                    && (last_paragraph.is_none() || self.doc.paragraph_of(*i) > last_paragraph)
            })
            .filter_map(|(i, key)| Some((*i, self.registered_name(key)?)))
            .rfind(|(_, name)| {
                let last = *last_surname
                    .get_or_init(|| who.as_ref().and_then(Who::name).and_then(surname));
                !same_lower_case(surname(name), last)
            });
        if let Some((i, name)) = newcomer {
            let who = self.coref.person_at(i).and_then(|id| {
                let name = coref.people.get(id)?.name.as_str();
                Some(Who::Person { id: Some(id), name })
            });
            let who = who.unwrap_or(Who::Person { id: None, name });
            return (Some(who), Evidence::Introduced);
        }
        if who.is_none() {
            return (None, Evidence::None);
        }
        (who, Evidence::Carried)
    }

    /// The speaker a narrative paragraph ending in a colon introduces: the one its cue names,
    /// or the first person its last sentence names.
    fn introduction(&self, para: Range<usize>) -> Option<Who<'a>> {
        let last_sentence = sentence_start(self.cues, para.end - 1).max(para.start)..para.end;
        let cued = self
            .cues
            .starts_in(last_sentence.clone())
            .find(|c| !self.quoted(c.start))
            .and_then(|cue| self.target(cue, last_sentence.clone()))
            .and_then(|t| self.resolve(&t));
        cued.or_else(|| self.subject(last_sentence, 0..0))
    }

    /// The first person named (or referred to by a pronoun) in `zone`, outside `skip`.
    fn subject(&self, zone: Range<usize>, skip: Range<usize>) -> Option<Who<'a>> {
        let mut i = zone.start;
        while i < zone.end {
            if skip.contains(&i) || self.quoted(i) {
                i += 1;
                continue;
            }
            if is_word(self.view, i) && is_pronoun(self.view.lower(i)) {
                return self.resolve(&Target::Anaphor(i));
            }
            if is_capitalised(self.view, i) {
                let run = self.run_from(i, zone.end);
                if self.is_person_run(run.clone()) {
                    return self.resolve(&Target::Name(run));
                }
                i = run.end.max(i + 1);
                continue;
            }
            i += 1;
        }
        None
    }

    /// What the words around `cue`, within `zone`, name as its speaker.
    fn target(&self, cue: Range<usize>, zone: Range<usize>) -> Option<Target> {
        let end = zone.end;
        // "ifølge X": detection has put the source, and only it, in the zone.
        let first = self.view.lower(cue.start);
        let according = first == "i" || super::cue::is_according_word(first);
        if according && zone.start >= cue.end && !zone.is_empty() {
            return Some(if is_indefinite(self.view.lower(zone.start)) {
                Target::Unnamed
            } else if is_pronoun(self.view.lower(zone.start)) {
                Target::Anaphor(zone.start)
            } else if self.is_person_run(zone.clone()) {
                Target::Name(zone)
            } else if is_capitalised(self.view, zone.start)
                || self
                    .names
                    .is_organisation_lower(&self.surface_str(zone.clone()).to_lowercase())
            {
                Target::Source(zone)
            } else {
                // "ifølge planen", "ifølge loven": a document or a rule, not a source.
                return None;
            });
        }
        // Right after the cue: "sier Liv Dingsør", "sier han", "sier en kilde".
        let k = cue.end;
        // "sier til NRK at": the name after the cue is the audience, the speaker comes before.
        if k < end && is_word(self.view, k) && !self.cues.to_audience(cue.start) {
            let w = self.view.lower(k);
            if is_speaker_of_quote(w) {
                return None;
            }
            let role = self.is_role_noun(w);
            if role && k + 1 < end && is_capitalised(self.view, k + 1) {
                // "sier lederen Kari Hansen": the name follows its role.
                return Some(Target::Name(self.run_from(k + 1, end)));
            }
            if is_pronoun(w) || role {
                return Some(Target::Anaphor(k));
            }
            if w == "de" || is_unnamed_source(w) {
                return Some(Target::Unnamed);
            }

            if is_capitalised(self.view, k) {
                return Some(Target::Name(self.run_from(k, end)));
            }
            if is_indefinite(w) {
                return Some(Target::Unnamed);
            }
        }
        // Right before it: "Mydske sier", "Han forteller", "klyngelederen mener", past a
        // parenthesis ("Kari Hansen (45) sier", "Knut Hagen (Ap) mener").
        let before = self.past_name_complements(cue.start, zone.start);
        if let Some(j) = before.checked_sub(1)
            && j >= zone.start
            && is_word(self.view, j)
            && !opens_sentence(self.view, cue.start)
        {
            let w = self.view.lower(j);
            // "Vi mener at", "Mange tror at": nobody is quoted.
            if is_speaker_of_quote(w) || is_indefinite(w) || w == "alle" {
                return None;
            }
            if is_pronoun(w) || self.is_role_noun(w) {
                return Some(Target::Anaphor(j));
            }
            if is_capitalised(self.view, j) {
                let run = self.run_to(j + 1, zone.start);
                if !run.is_empty() && !is_cataphoric(self.view.lower(run.start)) {
                    // A lone sentence-initial word that is no name elsewhere is a noun
                    // ("Regjeringen mener at"): a source, not a person.
                    if run.len() == 1 && !self.is_known_name(run.start) {
                        return Some(Target::Source(run));
                    }
                    return Some(Target::Name(run));
                }
            }
        }
        // "sier politiet", "skriver selskapet": a source named by a common noun (after the
        // subject check, so that "X kaller forslaget" keeps X).
        if k < end
            && is_word(self.view, k)
            && !is_capitalised(self.view, k)
            && is_definite_noun(self.view.lower(k))
        {
            return Some(Target::Source(k..k + 1));
        }
        // After a role phrase: "sa næringsminister Monica Mæland", "kommenterer ny direktør i
        // X, NAVN"; a run after a preposition is a source only if nothing better follows.
        let mut source = None;
        let mut i = k;
        let limit = (k + MAX_ROLE_PHRASE).min(end);
        while i < limit {
            if is_punct(self.view, i, ".")
                || is_punct(self.view, i, ":")
                || word_is(self.view, i, "at")
            {
                break;
            }
            if is_capitalised(self.view, i) {
                let run = self.run_from(i, end);
                let before = if i > 0 && is_word(self.view, i - 1) {
                    self.view.lower(i - 1)
                } else {
                    ""
                };
                if !is_preposition(before) {
                    return Some(Target::Name(run));
                }
                // "sier til NRK" names the audience, "fra Mattilsynet" the source.
                if before != "til" {
                    source.get_or_insert(Target::Source(run.clone()));
                }
                i = run.end;
                continue;
            }
            i += 1;
        }
        // ", ifølge politiet.": the word after it is the source, when it names one.
        if source.is_none()
            && according
            && is_word(self.view, cue.end)
            && cue.end < end
            && self.names.is_organisation_lower(self.view.lower(cue.end))
        {
            return Some(Target::Source(cue.end..cue.end + 1));
        }
        source
    }

    /// Where the subject of a cue at `cue` ends: before the parenthesis, the place or
    /// organisation and the comma that may follow a name ("Kari Hansen (45) sier", "Knut
    /// Hagen (Ap) i Bergen sier", "Kari Hansen i DNB mener", "direktør i X, Kari Hansen,
    /// sier"), not before `start`.
    fn past_name_complements(&self, cue: usize, start: usize) -> usize {
        let mut before = cue;
        // At most a parenthesis, a complement and a comma: "Per Olsen (Ap) i Bergen, sier".
        for _ in 0..3 {
            if before > start + 1 && is_punct(self.view, before - 1, ")") {
                let mut k = before - 1;
                while k > start && before - k <= 6 && !is_punct(self.view, k, "(") {
                    k -= 1;
                }
                if is_punct(self.view, k, "(") {
                    before = k;
                    continue;
                }
            }
            // "ROLLE i ORG, Kari Hansen, sier": the name stands between commas.
            if before > start + 2
                && is_punct(self.view, before - 1, ",")
                && is_capitalised(self.view, before - 2)
            {
                before -= 1;
                continue;
            }
            // "i Bergen", "fra DNB" right after a name or its parenthesis.
            if before > start + 2 && is_capitalised(self.view, before - 1) {
                let run = self.run_to(before, start);
                let prep = run.start.checked_sub(1).filter(|&p| {
                    p > start
                        && matches!(self.view.lower(p), "i" | "fra" | "ved" | "hos" | "på")
                        && (is_capitalised(self.view, p - 1) || is_punct(self.view, p - 1, ")"))
                });
                if let Some(p) = prep {
                    before = p;
                    continue;
                }
            }
            break;
        }
        before
    }

    /// A maximal run of capitalised words from `i`, before `end`, within one sentence.
    fn run_from(&self, i: usize, end: usize) -> Range<usize> {
        let mut j = i;
        while j < end
            && j - i < MAX_NAME
            && is_capitalised(self.view, j)
            && (j == i || !opens_sentence(self.view, j))
        {
            j += 1;
        }
        i..j
    }

    /// A maximal run of capitalised words ending before `end`, not before `start`.
    fn run_to(&self, end: usize, start: usize) -> Range<usize> {
        let mut i = end;
        while i > start && end - i < MAX_NAME && is_capitalised(self.view, i - 1) {
            i -= 1;
            if opens_sentence(self.view, i) {
                break;
            }
        }
        self.without_initial_word(i..end)
    }

    /// `run` without a sentence-initial first word that is capitalised only because it starts
    /// the sentence ("Også Eirik Andreassen"): one that is not written capitalised elsewhere,
    /// is not a given name, and leaves a name of two words.
    fn without_initial_word(&self, run: Range<usize>) -> Range<usize> {
        let initial = opens_sentence(self.view, run.start);
        if initial
            && run.len() > 2
            && !self.is(run.start, NAMED_INSIDE)
            && !self.is_given_at(run.start)
        {
            run.start + 1..run.end
        } else {
            run
        }
    }

    fn is_role_noun(&self, w: &str) -> bool {
        self.names.is_role_noun(w)
    }

    /// True when the run names a person the register knows, or starts with a given name.
    fn is_person_run(&self, run: Range<usize>) -> bool {
        if run.is_empty() {
            return false;
        }
        if run.clone().any(|t| self.is(t, PERSON)) {
            return true;
        }
        let surname = self.word(run.end - 1);
        self.register
            .full
            .find(surname.key, surname.lower)
            .is_some()
            || self.is_given_at(run.start) && run.len() > 1
    }

    /// True when the word at token `i` is a name by more than its capital: written capitalised
    /// inside a sentence somewhere, a given name or surname of the lexicons, or a person's
    /// mention for coreference.
    fn is_known_name(&self, i: usize) -> bool {
        let w = self.doc.token_text(i);
        let sentence_initial = opens_sentence(self.view, i);
        !sentence_initial
            || self.is(i, NAMED_INSIDE)
            || self.is(i, PERSON)
            || self.is_given_at(i)
            || self.names.is_surname(w)
    }

    /// Token `i` is a given name of the lexicon.
    fn is_given_at(&self, i: usize) -> bool {
        self.view.get(i).is_some_and(|t| self.names.is_given_tok(t))
    }

    fn gender_of(&self, name: &str) -> Option<Gender> {
        self.names.gender_of(name)
    }

    /// Turns a target into a speaker: coreference first, then the register.
    fn resolve(&self, t: &Target) -> Option<Who<'a>> {
        let coref: &'a Coreference = self.coref;
        let from_coref = |range: Range<usize>| {
            range.into_iter().find_map(|i| {
                let id = self.coref.person_at(i)?;
                let name = coref.people.get(id)?.name.as_str();
                Some(Who::Person { id: Some(id), name })
            })
        };
        match t {
            Target::Unnamed => Some(Who::Unnamed),
            // An organisation as source keeps the name the text gives it ("skriver SSB"), as a
            // reader would write it down.
            Target::Source(r) => Some(Who::Source(self.surface_str(r.clone()))),
            Target::Name(r) => {
                if let Some(w) = from_coref(r.clone()) {
                    return Some(w);
                }
                if r.is_empty() {
                    return None;
                }
                let name = self
                    .registered_name(&self.word(r.end - 1))
                    .unwrap_or_else(|| self.surface_str(r.clone()));
                if self.looks_like_organisation(r.clone()) {
                    return Some(Who::Source(name));
                }
                Some(Who::Person { id: None, name })
            }
            Target::Anaphor(i) => {
                if let Some(w) = from_coref(*i..*i + 1) {
                    return Some(w);
                }
                let w = self.view.lower(*i);
                if !is_pronoun(w) {
                    // A role noun ("rådmannen", "klyngelederen"): the person who holds the role
                    // by coreference, else the role itself names the source; never just the
                    // last person named, who may hold another role.
                    let holder = self
                        .names
                        .role_head_of(w)
                        .and_then(|head| self.coref.person_with_role(head, *i))
                        .and_then(|id| {
                            let name = coref.people.get(id)?.name.as_str();
                            Some(Who::Person { id: Some(id), name })
                        });
                    if holder.is_some() {
                        return holder;
                    }
                    // The last person named, unless coreference knows them in another role.
                    let last_named = self.last_named_before(*i);
                    let other_role = last_named.as_ref().is_some_and(|name| {
                        self.coref
                            .people
                            .iter()
                            .any(|p| p.name == *name && !p.roles.is_empty())
                    });
                    return match last_named {
                        Some(name) if !other_role => Some(Who::Person { id: None, name }),
                        _ => Some(Who::Source(self.surface_str(*i..*i + 1))),
                    };
                }
                // The last person named before the anaphor, outside quotes, of the pronoun's
                // gender when the given-name lexicon knows it.
                let want = match self.view.lower(*i) {
                    "han" => Some(Gender::Male),
                    "hun" => Some(Gender::Female),
                    _ => None,
                };
                let mut fallback = None;
                let before = self.register.mentions.partition_point(|(m, _)| m < i);
                let earlier = self.register.mentions.get(..before).unwrap_or_default();
                // Press text does not reach far back for "han"/"hun".
                for (_, key) in earlier.iter().rev().take(MAX_ANTECEDENT_DISTANCE) {
                    let Some(name) = self.registered_name(key) else {
                        continue;
                    };
                    let g = self.gender_of(name);
                    if want.is_none() || g.is_none() || g == want {
                        return Some(Who::Person { id: None, name });
                    }
                    fallback.get_or_insert(name);
                }
                fallback.map(|name| Who::Person { id: None, name })
            }
        }
    }

    /// The fullest name of the surname `key` in the register.
    fn registered_name(&self, key: &Word<'a>) -> Option<&'a str> {
        let (_, run) = self.register.full.get(key.key, key.lower)?;
        Some(self.surface_str(run.clone()))
    }

    /// The fullest name of the last person named before token `i`.
    fn last_named_before(&self, i: usize) -> Option<&'a str> {
        let before = self.register.mentions.partition_point(|(m, _)| *m < i);
        let (_, key) = self.register.mentions.get(..before)?.last()?;
        self.registered_name(key)
    }

    /// The text of tokens `r`, borrowed.
    fn surface_str(&self, r: Range<usize>) -> &'t str {
        let span = self.doc.span_of(r);
        self.doc.text().get(span.range()).unwrap_or("")
    }

    /// [`surface_str`](Self::surface_str) of a run: a one-word run's is its token's surface,
    /// read without finding its span.
    fn run_surface(&self, r: Range<usize>) -> &'t str {
        match self.view.get(r.start) {
            Some(t) if r.len() == 1 => t.text,
            _ => self.surface_str(r),
        }
    }

    /// An all-caps word ("SSB", "NRK"), a known organisation or a run ending in an
    /// organisation word ("AS", "kommune").
    fn looks_like_organisation(&self, r: Range<usize>) -> bool {
        r.clone().any(|i| self.is(i, ORGANISATION))
            || (r.len() == 1 && self.view.get(r.start).is_some_and(Tok::all_caps))
            || self.names.is_organisation(self.run_surface(r.clone()))
            || self
                .view
                .get(r.end - 1)
                .is_some_and(|t| self.names.is_organisation_word(t))
    }

    /// The capitalised runs outside quotes, in text order: where names may stand. A
    /// sentence-initial word joins a name only if it is written capitalised elsewhere too
    /// ("Kjell" but not "Også"). Only the capitalised words the cue pass found can start one.
    /// Each run starts after the one before: they come in order, without repeats. Read as the
    /// register asks for them, not gathered in a list.
    fn name_runs(&self) -> NameRuns<'_, 'a, 't> {
        NameRuns { ctx: self, k: 0 }
    }

    /// Finds the people of the text from where they are named: capitalised runs next to cue
    /// verbs, and runs that share their surname or start with a given name.
    fn build_register(&self, lists: &mut Lists) -> Register<'a> {
        let doc = self.doc;
        let n = doc.tokens().len();
        // Names next to a cue are people (unless they look like organisations).
        let cues = self.cues.starts_in(0..n);
        let mut speakers = Speakers {
            keys: Signature::default(),
            all_keys: None,
            words: KeyedWords::with_capacity_in(
                cues.len(),
                std::mem::take(&mut lists.slots[1]),
                std::mem::take(&mut lists.entries[1]),
            ),
        };
        let mut speaker_runs =
            super::cue::room(std::mem::take(&mut lists.speaker_runs), cues.len());
        for cue in cues {
            let i = cue.start;
            if self.quoted(i) {
                continue;
            }
            let zone = sentence_start(self.cues, i)..sentence_end(self.cues, i);
            if let Some(Target::Name(r)) = self.target(cue, zone)
                && !r.is_empty()
                && !self.looks_like_organisation(r.clone())
            {
                let surname = self.word(r.end - 1);
                speakers.keys.insert(surname.key);
                speakers
                    .words
                    .index_or_insert(surname.key, surname.lower, || ());
                speaker_runs.push(r);
            }
        }
        if speakers.words.len() > MAX_SIGNED_SPEAKERS {
            let keys = speakers.words.entries().iter().map(|&(key, _, _)| key);
            speakers.all_keys = Some(KeySet::of_keys(keys));
        }
        speaker_runs.sort_unstable_by_key(|r| (r.start, r.end));
        speaker_runs.dedup();
        // Sized at once: the tables would otherwise grow step by step. A surname is named by
        // about two runs in an article and by five in a long text: a table for every run
        // would be read at random over twice the memory it needs (3 MB for a corpus as one
        // text). The runs are about one capitalised word in three: the others are quoted, in a
        // run, or open their sentence without being a name.
        let runs = self.cues.capitalised().len() / 3;
        let mut reg = Register {
            full: KeyedWords::with_capacity_in(
                runs / 2,
                std::mem::take(&mut lists.slots[2]),
                std::mem::take(&mut lists.full),
            ),
            mentions: super::cue::room(recycle(std::mem::take(&mut lists.mentions)), runs),
        };
        // A name in a speaker position counts as written there, sentence-initial or not: the
        // two ordered lists are merged, a run in both counted once.
        // One call of `register_run`, which is then made in line.
        let key = |r: &Range<usize>| (r.start, r.end);
        let mut spoken = speaker_runs.iter().peekable();
        let mut runs = self.name_runs();
        let mut written = runs.next();
        loop {
            let (run, is_spoken) = match (&written, spoken.peek()) {
                (Some(run), Some(&s)) if key(s) < key(run) => {
                    spoken.next();
                    (s.clone(), true)
                }
                (Some(run), _) => {
                    let run = run.clone();
                    let is_spoken = spoken.next_if(|s| key(s) == key(&run)).is_some();
                    written = runs.next();
                    (run, is_spoken)
                }
                (None, Some(&s)) => {
                    spoken.next();
                    (s.clone(), true)
                }
                (None, None) => break,
            };
            self.register_run(&mut reg, &speakers, run, is_spoken);
        }
        lists.speaker_runs = speaker_runs;
        (lists.slots[1], lists.entries[1]) = speakers.words.into_lists();
        reg
    }

    /// Registers `run` when it names a person: the fullest name of its surname is the longest
    /// run in a speaker position if it has a given name and a surname, else the longest run
    /// ("Statsråd Monica Mæland" loses to "sa statsråd Monica Mæland").
    #[inline]
    fn register_run(
        &self,
        reg: &mut Register<'a>,
        speakers: &Speakers<'a>,
        run: Range<usize>,
        spoken: bool,
    ) {
        // The surname is read, and the set hashed, only for a run that may name a person and
        // whose surname's key a speaker's has: most runs are turned away before.
        let read_surname = || self.word(run.end - 1);
        // A run in a speaker position was asked both when it was found: its surname is a
        // speaker's, and it looks like no organisation.
        if !spoken {
            let surname_key = self.view.get(run.end - 1).map_or(0, Tok::key);
            let person = run.clone().any(|t| self.is(t, PERSON))
                || (run.len() > 1 && self.is_given_at(run.start))
                || (speakers.may_have(surname_key) && {
                    let surname = read_surname();
                    speakers.words.find(surname.key, surname.lower).is_some()
                });
            if !person || self.looks_like_organisation(run.clone()) {
                return;
            }
        }
        let surname = read_surname();
        let in_speaker_position = run.len() > 1 && spoken;
        let k = reg
            .full
            .index_or_insert(surname.key, surname.lower, || (false, 0..0));
        if let Some(entry) = reg.full.value_mut(k)
            && (in_speaker_position, run.len()) > (entry.0, entry.1.len())
        {
            *entry = (in_speaker_position, run.clone());
        }
        reg.mentions.push((run.start, surname));
    }
}

#[cfg(test)]
mod tests {
    use super::super::cue::CueVerbs;
    use super::*;
    use crate::fxhash::FxHashSet;
    use crate::tokenize::{TokenFlags, Tokenizer};

    /// `f` of the attribution context of `text` (embedded lexicons, no coreference), before
    /// its register is built.
    fn with_context<R>(text: &str, f: impl FnOnce(&Context<'_, '_>) -> R) -> R {
        let lexicons = crate::lexicon::LexiconSet::embedded();
        let doc = Tokenizer::new().analyse(text);
        let view = View::new(&doc);
        let coref = Coreference::default();
        let names = Names::new(lexicons);
        let verbs = CueVerbs::new(lexicons.cue_verbs());
        let cues = Cues::new(&verbs, &doc, &view);
        let candidates = super::super::detect::detect(&doc, &cues, &coref);
        let ctx = Context {
            doc: &doc,
            view: &view,
            coref: &coref,
            names: &names,
            cues: &cues,
            register: Register::default(),
            facts: token_facts(
                &doc,
                &view,
                &cues,
                &coref,
                &candidates,
                Vec::new(),
                &mut Lists::default(),
            ),
        };
        f(&ctx)
    }

    /// [`same_lower_case`] answers as comparing the strings `to_lowercase` makes: ASCII and
    /// Norwegian letters, letters that lower to two characters, and the sigma whose lower case
    /// depends on its place.
    #[test]
    fn same_lower_case_is_equality_of_to_lowercase() {
        let words = [
            "",
            "Hansen",
            "HANSEN",
            "hansen",
            "Hansén",
            "HANSÉN",
            "Ærø",
            "ÆRØ",
            "ærø",
            "Øye",
            "øye",
            "İz",
            "i\u{307}z",
            "iz",
            "ΟΔΟΣ",
            "οδος",
            "οδοσ",
            "Σ",
            "σ",
            "ς",
            "ΣΑ",
            "σα",
            "ǅ",
            "ǆ",
            "Ǆ",
            "ß",
            "SS",
            "K",
            "k",
            "\u{212a}",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    same_lower_case(Some(a), Some(b)),
                    a.to_lowercase() == b.to_lowercase(),
                    "{a:?} {b:?}"
                );
            }
            assert!(!same_lower_case(Some(a), None) && !same_lower_case(None, Some(a)));
        }
        assert!(same_lower_case(None, None));
    }

    /// Texts of capitalised words, sentence ends, quotes and cues drawn at random (a fixed
    /// sequence): runs longer than a name, runs cut by a sentence start or a quote.
    fn random_texts(count: usize) -> Vec<String> {
        const WORDS: [&str; 22] = [
            "Kari", "Hansen", "Ola", "NRK", "Oslo", "Det", "sier", "sa", "at", "og", "han", ".",
            ",", ":", "«", "»", "\"", "–", "\n\n", "Også", "ved", "Per",
        ];
        let mut next = crate::testing::xorshift(0x2545_f491_4f6c_dd1d);
        (0..count)
            .map(|_| {
                let len = 1 + next(120);
                (0..len)
                    .map(|_| WORDS.get(next(WORDS.len())).copied().unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The runs read off the list of capitalised words are those that `run_from` finds from
    /// each of them, a token at a time.
    #[test]
    fn name_runs_are_those_of_run_from() {
        let mut texts = random_texts(400);
        texts.push("Kari Ola Per Hansen Oslo Nrk Bergen. Også Kari Hansen «Ola» Per".into());
        texts.push("– Ja, sier Kari «Hansen Ola» Per Oslo. Det Ola Per.".into());
        for text in &texts {
            with_context(text, |ctx| {
                let n = ctx.doc.tokens().len();
                let mut want = Vec::new();
                let mut next = 0;
                for &i in ctx.cues.capitalised() {
                    if i < next || ctx.quoted(i) {
                        continue;
                    }
                    let mut run = ctx.run_from(i, n);
                    while run.start < run.end && ctx.quoted(run.end - 1) {
                        run.end -= 1;
                    }
                    let initial = ctx
                        .doc
                        .tokens()
                        .get(i)
                        .is_some_and(|t| t.is(TokenFlags::SENTENCE_START));
                    if initial && !ctx.is(i, NAMED_INSIDE) && !ctx.is_given_at(i) {
                        run.start += 1;
                    }
                    if !run.is_empty() {
                        want.push(run.clone());
                    }
                    next = run.end.max(i + 1);
                }
                assert_eq!(ctx.name_runs().collect::<Vec<_>>(), want, "{text:?}");
            });
        }
    }

    /// [`named_inside`] filters by shape before it compares words: words of one shape
    /// ("Kjell", "Kjall") must still be told apart, as a set of the words would. The openers
    /// are the tokenizer's sentence starts, not the view's first words ([`Tok::initial`]): a
    /// word behind a sentence's opening quote, dash or bullet is written inside.
    #[test]
    fn named_inside_marks_exactly_the_openers_written_capitalised_inside() {
        // And a text of more capitalised words than the small filters take.
        let long: String = (0..3000)
            .map(|i| format!("Navn{} kom. Så sa Navn{} Hansen. ", i % 700, i % 1100 + 350))
            .collect();
        let texts = [
            "Kjell kom. Så sa Kjell Hansen det. Kjall gikk. Også Kjall? Nei. Også.",
            "Kjall kom. Så sa Kjell Hansen det. Kjell gikk. Ola sa Ola. Oslo. Oslo og Olso.",
            "Ærlig talt. Det sa Ærlig. Å nei. Han sa Å. X. X X. Y. Z Y.",
            "«Kjell kom.» Kjell gikk. – Ola sa nei. Ola gikk.\n• Åse kom.\nÅse gikk.",
            &long,
        ];
        let mut lists = Lists::default();
        for text in texts.iter().chain(texts.iter().rev()) {
            let doc = Tokenizer::new().analyse(text);
            let view = View::new(&doc);
            let cues = Cues::new(&CueVerbs::new(&[]), &doc, &view);
            let mut facts = vec![0u8; doc.tokens().len()];
            // One set of lists for every text, as a thread keeps them.
            named_inside(&view, &cues, &mut facts, &mut lists);
            let initial = |i: usize| {
                doc.tokens()
                    .get(i)
                    .is_some_and(|t| t.is(TokenFlags::SENTENCE_START))
            };
            let inside: FxHashSet<&str> = cues
                .capitalised()
                .iter()
                .filter(|&&i| !initial(i))
                .map(|&i| doc.token_text(i))
                .collect();
            for (i, f) in facts.iter().enumerate() {
                let want = cues.capitalised().binary_search(&i).is_ok()
                    && initial(i)
                    && inside.contains(doc.token_text(i));
                assert_eq!(
                    f & NAMED_INSIDE != 0,
                    want,
                    "{:?} token {i}",
                    text.get(..80)
                );
            }
            assert!(
                facts.iter().any(|f| f & NAMED_INSIDE != 0),
                "{:?}",
                text.get(..80)
            );
        }
    }
    /// One word alone looks like an organisation when the tokenizer writes it all in capitals
    /// ([`TokenFlags::ALL_CAPS`], which the rule reads from the view's record), not when it is
    /// only capitalised: "XQZB" and "ÆØÅQ", not "Xqzb", "Æøåq" or "X".
    #[test]
    fn a_lone_word_looks_like_an_organisation_when_written_in_capitals() {
        let text = "XQZB sa det. Xqzb sa det. X sa det. ÆØÅQ sa det. Æøåq sa det. Sa XqZB det.";
        with_context(text, |ctx| {
            let mut words = [0, 0];
            for (i, t) in ctx.doc.tokens().iter().enumerate() {
                if t.kind() != crate::tokenize::TokenKind::Word || !t.is(TokenFlags::CAPITALISED) {
                    continue;
                }
                let capitals = t.is(TokenFlags::ALL_CAPS);
                words[usize::from(capitals)] += 1;
                assert_eq!(
                    ctx.looks_like_organisation(i..i + 1),
                    capitals,
                    "{:?}",
                    ctx.doc.token_text(i)
                );
            }
            assert!(words[0] >= 3 && words[1] >= 2, "{words:?}");
        });
    }

    /// The headings' sources found through the index by word are the ones found by trying
    /// every later quote: headings repeated later or not, words shared by many quotes, a word
    /// twice in a quote.
    #[test]
    fn headline_sources_by_word_are_those_of_trying_every_quote() {
        let mut text = String::new();
        for i in 0..400 {
            let para = match i % 7 {
                0 => format!("Ord{} og vi er klare", i % 13),
                1 => format!("Vi er klare og ord{} er ord{} her.", i % 13, i % 13),
                2 => "Det er klart".to_string(),
                3 => format!("Dette er ord{} som ingen gjentar", i),
                4 => format!("Ja, vi er klare, og ord{} og ord{} er her.", i % 5, i % 13),
                5 => "Klare er vi".to_string(),
                _ => format!("Alt annet ord{} enn det.", i % 11),
            };
            text.push_str(&para);
            text.push_str("\n\n");
        }
        let doc = Tokenizer::new().analyse(&text);
        let view = View::new(&doc);
        let quotes: Vec<Written> = doc
            .paragraphs()
            .iter()
            .map(|r| {
                let headline = !matches!(doc.token_text(r.end - 1), ".");
                Written {
                    tokens: r.clone(),
                    form: if headline { Form::Headline } else { Form::Dash },
                }
            })
            .collect();
        let scanned = headline_sources(&view, &quotes, false);
        assert_eq!(headline_sources(&view, &quotes, true), scanned);
        assert!(scanned.iter().filter(|(_, j)| j.is_some()).count() > 50);
        assert!(scanned.iter().filter(|(_, j)| j.is_none()).count() > 50);
    }
    /// Names that share their first sixteen bytes and their length share their
    /// [`Tok::key`]: the register must not put them all in one bucket of its tables, which
    /// made it quadratic in such names (20 000 of them took 1.1 s where other names took 42 ms).
    /// The register keeps the tokens of each surname's fullest name and reads them when asked:
    /// a fuller name later in the text replaces a shorter one, across paragraphs and quotes,
    /// and a name in a speaker position replaces a longer one that is not in one.
    #[test]
    fn register_names_a_surname_by_its_fullest_run() {
        let text = "Hansen kom inn. Senere var Kari Hansen der.\n\n«Nei», sa Kari Marie Hansen.\n\n\
                    Nordmann kom. Så kom Per Nordmann. «Ja», sa han. Senere kom Ola Per Nordmann.";
        with_context(text, |ctx| {
            let ctx = Context {
                register: ctx.build_register(&mut Lists::default()),
                facts: ctx.facts.clone(),
                ..*ctx
            };
            let name = |surname: &str| {
                let i = ctx.view.toks.iter().position(|t| t.text == surname)?;
                ctx.registered_name(&ctx.word(i))
            };
            assert_eq!(name("Hansen"), Some("Kari Marie Hansen"));
            assert_eq!(name("Nordmann"), Some("Ola Per Nordmann"));
            assert_eq!(name("Ja"), None);
        });
    }
}
