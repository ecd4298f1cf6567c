//! One cluster per real person and per organisation: surnames and given names joined to the
//! full name, genitives to the base form.

use super::pool::Pool;
use crate::entity::Mention;
use crate::entity::lexicon::EntityLexicon;
use crate::entity::rules::strip_genitive;
use crate::entity::view::View;
use std::cell::{Cell, OnceCell};
use std::collections::BTreeSet;
use std::ops::Bound;
use std::ops::Range;

/// A question about the mentions of a text ("is this name among them?"), answered by a scan
/// for the first few askings and from a set built once after: most texts ask it a few times
/// of a few mentions, where hashing them all costs more than scanning, but a long text with
/// many names that look genitive asks it again and again, and scanning every time would grow
/// with the square of its length. A text of many mentions is scanned fewer times, none past
/// [`SCANNED_WORDS`] mentions: it will ask often.
pub(crate) struct Among<S> {
    /// The scans left.
    scans: Cell<usize>,
    set: OnceCell<S>,
}

impl<S> Among<S> {
    /// Askings answered by a scan before the set is built, at most.
    const SCANS: usize = 8;

    /// The question about `items` mentions.
    pub fn new(items: usize) -> Among<S> {
        Among {
            scans: Cell::new(Self::SCANS.min(SCANNED_WORDS / items.max(1))),
            set: OnceCell::new(),
        }
    }

    /// The answer of `scan` while few have been asked, else of `probe` on the set `build`
    /// makes (the same answer, by other means).
    pub fn ask(
        &self,
        scan: impl FnOnce() -> bool,
        build: impl FnOnce() -> S,
        probe: impl FnOnce(&S) -> bool,
    ) -> bool {
        let scans = self.scans.get();
        if scans > 0 {
            self.scans.set(scans - 1);
            scan()
        } else {
            probe(self.set.get_or_init(build))
        }
    }
}

/// Appends to `out` the words of a name mention, genitive removed from the last when the base
/// is a name the text or the lexicons know ("Andreassens" -> "Andreassen").
pub(crate) fn push_name_words<'t>(
    view: &View<'t>,
    tokens: Range<usize>,
    known: &dyn Fn(&str) -> bool,
    out: &mut Vec<&'t str>,
) {
    // Borrowed from the text: the genitive is removed by slicing, so no word is copied.
    let start = out.len();
    out.extend(tokens.map(|k| view.text(k)));
    if out.len() > start {
        if let Some(last) = out.last_mut() {
            let base = strip_genitive(last);
            if base.len() < last.len() && known(base) {
                *last = base;
            }
        }
    }
}

/// The people of a text: the cluster of each person mention and each cluster's name.
pub(crate) struct People<'t> {
    /// The cluster of each mention (`usize::MAX` for none).
    pub of: Vec<usize>,
    /// The words of every mention, end to end (one buffer, not one per mention).
    words: Vec<&'t str>,
    /// Each mention's words in `words`.
    spans: Vec<Range<usize>>,
    /// The mention whose words name each cluster.
    names: Vec<usize>,
}

impl<'t> People<'t> {
    /// The number of clusters.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The words of mention `i`.
    fn words_of(&self, i: usize) -> &[&'t str] {
        self.spans
            .get(i)
            .and_then(|r| self.words.get(r.clone()))
            .unwrap_or_default()
    }

    /// The name words of cluster `id`.
    pub fn name(&self, id: usize) -> &[&'t str] {
        self.names.get(id).map_or(&[], |&i| self.words_of(i))
    }

    /// Gives the lists back to `pool`.
    pub fn give(self, pool: &mut Pool) {
        pool.give(self.of);
        pool.give(self.words);
        pool.give(self.spans);
        pool.give(self.names);
    }
}

/// Assigns each person mention (in text order) to a cluster; returns the
/// cluster of each mention and each cluster's name words, in lists from `pool`.
pub(crate) fn people<'t>(
    view: &View<'t>,
    lx: &EntityLexicon,
    mentions: &[&Mention],
    pool: &mut Pool,
) -> People<'t> {
    people_with(view, lx, mentions, SCANNED, pool)
}

/// How many mention words (or mentions) a text's mentions are scanned for the base of a
/// genitive, in all, before a table of them all is asked instead: most texts ask a few times,
/// of a hundred words or so.
const SCANNED_WORDS: usize = 2048;

/// How many clusters of one surname a full name is compared with, one by one, before the
/// surname's clusters are indexed by given name ([`ByGiven`]): most surnames have one or two.
const SCANNED: usize = 16;

/// [`people`], indexing a surname's clusters once a full name was compared with more than
/// `scanned` of them.
fn people_with<'t>(
    view: &View<'t>,
    lx: &EntityLexicon,
    mentions: &[&Mention],
    scanned: usize,
    pool: &mut Pool,
) -> People<'t> {
    let n = mentions.len();
    let mut p = People {
        of: pool.filled(n, usize::MAX),
        words: pool.vec(mentions.iter().map(|m| m.tokens.len()).sum()),
        spans: pool.vec(n),
        names: pool.vec(n),
    };
    // The last words of the mentions, which clusters are found by: sized once for them all (a
    // smaller table, grown when full, cost more: most words of the bench corpus are
    // distinct). Their slots, one lookup a word; a last word that may end in a genitive is
    // looked up once that is settled, below. A first word is looked up only when a single
    // word may name its cluster ([`Firsts`]): few do.
    let mut table = Words::with_capacity(n, pool);
    // The slot of each mention's last word.
    let mut ends: Vec<usize> = pool.vec(n);
    // The mentions whose last word may end in a genitive, in order: the few the loop below
    // settles, noted here where a walk over every mention looked for them.
    let mut genitives: Vec<usize> = pool.vec(0);
    let mut firsts = Firsts::new();
    for (i, m) in mentions.iter().enumerate() {
        let start = p.words.len();
        // The tokens' records in one slice: one bound check a mention, not one a word.
        match view.toks.get(m.tokens.clone()) {
            Some(toks) => p.words.extend(toks.iter().map(|t| t.text)),
            None => p.words.extend(m.tokens.clone().map(|k| view.text(k))),
        }
        p.spans.push(start..p.words.len());
        let words = p.words.get(start..).unwrap_or_default();
        if let [first, _, ..] = words {
            firsts.note(first);
        }
        let last = words.last();
        // A word whose last byte is no genitive mark has no genitive, known without a call.
        let plain = last.filter(|w| {
            let plain = !matches!(w.as_bytes().last(), Some(b's' | b'\'' | 0x99));
            debug_assert!(!plain || strip_genitive(w) == **w);
            plain || strip_genitive(w).len() == w.len()
        });
        match plain {
            Some(&w) => ends.push(table.slot(w)),
            None => {
                if last.is_some() {
                    genitives.push(i);
                }
                ends.push(NONE);
            }
        }
    }
    // The last word without its genitive ending when the base is a name the lexicons know or
    // a word of the text's mentions ("Andreassens" -> "Andreassen"), as [`push_name_words`]
    // has it. A text with few mention words is scanned for the base; a longer one asks the
    // table once it has every mention word (a scan each time, or a set of its own, grew with
    // a long text). A base added to the table is one whose answer was yes, and so is again.
    let raw = || {
        mentions
            .iter()
            .flat_map(|m| m.tokens.clone())
            .map(|k| view.text(k))
    };
    let (mut read, mut complete) = (0, false);
    for &i in &genitives {
        let (Some(r), Some(slot)) = (p.spans.get(i), ends.get_mut(i)) else {
            continue;
        };
        let at = r.end.wrapping_sub(1);
        let Some(&last) = p.words.get(at).filter(|_| !r.is_empty()) else {
            continue;
        };
        let base = strip_genitive(last);
        let known = if lx.is_given(base) || lx.is_surname(base) {
            true
        } else if read + p.words.len() <= SCANNED_WORDS {
            read += p.words.len();
            raw().any(|w| w == base)
        } else {
            if !complete {
                complete = true;
                // The plain last words are in it; the first words go in with the mention of
                // each that [`Firsts`] asks for, the others after.
                table.reserve(p.words.len());
                firsts.index(&mut table, &p.spans, &p.words);
                for (m, r) in mentions.iter().zip(&p.spans) {
                    let inner = p.words.get(r.start + 1..r.end.saturating_sub(1));
                    for &w in inner.unwrap_or_default() {
                        table.slot(w);
                    }
                    let last = m.tokens.end.checked_sub(1).filter(|_| !r.is_empty());
                    if let Some(w) = last.map(|k| view.text(k))
                        && strip_genitive(w).len() < w.len()
                    {
                        table.slot(w);
                    }
                }
            }
            table.find(base).is_some()
        };
        let word = if known { base } else { last };
        *slot = table.slot(word);
        if let Some(w) = p.words.get_mut(at) {
            *w = word;
        }
    }
    // The next cluster with the same surname, by cluster (a list per surname without a vector
    // for each).
    let mut next_same: Vec<usize> = pool.vec(n);
    // The clusters of the surnames with many by their given names (made for the first).
    let mut by_given: Option<ByGiven> = None;

    // Full names first, so that a surname before the full name still finds it. Clusters are
    // looked up by surname, and those of a surname with many by given name, which keeps this
    // linear in the number of mentions.
    for (i, &s) in ends.iter().enumerate() {
        let w = p.words_of(i);
        if w.len() < 2 {
            continue;
        }
        let Word {
            surname: (head, tail),
            indexed,
            ..
        } = table.info.get(s).copied().unwrap_or(Word::NONE);
        let mut walked = 0;
        let found = if let Some(by_given) = by_given.as_mut().filter(|_| indexed) {
            by_given.first(s, w, |id| compatible(p.name(id), w))
        } else {
            same_surname(&next_same, head)
                .inspect(|_| walked += 1)
                .find(|&id| compatible(p.name(id), w))
        };
        let (id, renamed) = match found {
            Some(id) => {
                let longer = w.len() > p.name(id).len();
                if let Some(name) = p.names.get_mut(id).filter(|_| longer) {
                    *name = i;
                }
                (id, longer)
            }
            None => {
                let id = p.names.len();
                p.names.push(i);
                next_same.push(NONE);
                match next_same.get_mut(tail) {
                    Some(t) => *t = id,
                    None => {
                        if let Some(x) = table.info.get_mut(s) {
                            x.surname.0 = id;
                        }
                    }
                }
                if let Some(x) = table.info.get_mut(s) {
                    x.surname.1 = id;
                }
                (id, true)
            }
        };
        if indexed {
            if let Some(by_given) = by_given.as_mut().filter(|_| renamed) {
                by_given.add(s, id, p.name(id));
            }
        } else if walked > scanned {
            // Every cluster of the surname, under the name it has now.
            let by_given =
                by_given.get_or_insert_with(|| ByGiven::with_capacity(n - i + p.names.len()));
            if let Some(x) = table.info.get_mut(s) {
                x.indexed = true;
                for id in same_surname(&next_same, x.surname.0) {
                    by_given.add(s, id, p.name(id));
                }
            }
        }
        if let Some(o) = p.of.get_mut(i) {
            *o = id;
        }
    }
    // Single words in text order: the nearest earlier person with this surname, else the first
    // with it, else one with it as a given name, else a person known by this word alone.
    for (i, &s) in ends.iter().enumerate() {
        let w = p.words_of(i);
        let (Some(&word), Some(&x)) = (w.last(), table.info.get(s)) else {
            continue;
        };
        if w.len() >= 2 {
            let id = p.of.get(i).copied().unwrap_or(NONE);
            if let Some(x) = table.info.get_mut(s) {
                x.last_seen = id;
            }
            continue;
        }
        // A cluster named by the word alone was made when none had it as a given name: of the
        // two, only one is ever found, and the given name is asked only while neither is.
        let given = |mention: usize| p.of.get(mention).copied().unwrap_or(NONE);
        let id = [x.last_seen, x.surname.0, given(x.given), x.alone]
            .into_iter()
            .find(|&id| id != NONE)
            .or_else(|| {
                let mention = firsts.mention(&mut table, &p.spans, &p.words, word)?;
                if let Some(x) = table.info.get_mut(s) {
                    x.given = mention;
                }
                Some(given(mention))
            });
        let id = match id {
            Some(id) => id,
            None => {
                p.names.push(i);
                if let Some(x) = table.info.get_mut(s) {
                    x.alone = p.names.len() - 1;
                }
                p.names.len() - 1
            }
        };
        if p.name(id).last() == Some(&word) {
            if let Some(x) = table.info.get_mut(s) {
                x.last_seen = id;
            }
        }
        if let Some(o) = p.of.get_mut(i) {
            *o = id;
        }
    }
    table.give(pool);
    pool.give(genitives);
    pool.give(ends);
    pool.give(next_same);
    p
}

/// Items by a 64-bit hash, each with its hash, numbered in the order they were added: an
/// open-addressing table of their hashes, sized once for what a text can add. A general map,
/// allocated and probed through its entry API for every mention's words, cost about three
/// times the lookups, and rehashed every key as it grew, where this places the stored hashes
/// again.
pub(super) struct Slots<T> {
    /// By the top bits of a hash, 1 + the item's index (probed forward, 0 ends).
    places: Vec<u32>,
    /// `places.len() - 1`, a power of two less one.
    mask: usize,
    /// The bits of a hash that are not the place.
    shift: u32,
    /// Each item with its hash, by index.
    items: Vec<(u64, T)>,
}

impl<T> Slots<T> {
    /// A table for `items` items before it grows, in lists from `pool`.
    pub(super) fn with_capacity(items: usize, pool: &mut Pool) -> Slots<T> {
        // At most half full: probes stay short.
        let places = (2 * items).max(8).next_power_of_two();
        Slots {
            places: pool.filled(places, 0),
            mask: places - 1,
            shift: 64 - places.trailing_zeros(),
            items: pool.vec(items),
        }
    }

    /// Gives the lists back to `pool`.
    pub(super) fn give(self, pool: &mut Pool) {
        pool.give(self.places);
        pool.give(self.items);
    }

    /// The item of index `k`.
    pub(super) fn item(&self, k: usize) -> Option<&T> {
        self.items.get(k).map(|(_, item)| item)
    }

    /// The index of the item of hash `hash` that `is` says is the one sought, else (as `Err`)
    /// of the item `new` makes, added.
    #[inline(always)]
    pub(super) fn find_or_add(
        &mut self,
        hash: u64,
        is: impl Fn(&T) -> bool,
        new: impl FnOnce() -> T,
    ) -> Result<usize, usize> {
        // A table half full is grown first: probes stay short, and always end.
        if 2 * self.items.len() >= self.places.len() {
            self.grow();
        }
        self.probe(hash, is).map_err(|at| {
            let k = self.items.len();
            self.items.push((hash, new()));
            if let Some(p) = self.places.get_mut(at) {
                *p = place_of(k);
            }
            k
        })
    }

    /// The index of the item of hash `hash` that `is` says is the one sought, or the free
    /// place where it goes.
    #[inline]
    fn probe(&self, hash: u64, is: impl Fn(&T) -> bool) -> Result<usize, usize> {
        let mut at = (hash >> self.shift) as usize & self.mask;
        loop {
            match self.places.get(at).copied() {
                Some(0) | None => return Err(at),
                Some(k) => {
                    let k = k as usize - 1;
                    if let Some((h, item)) = self.items.get(k)
                        && *h == hash
                        && is(item)
                    {
                        return Ok(k);
                    }
                }
            }
            at = (at + 1) & self.mask;
        }
    }

    /// Room for `more` items more before the table grows.
    fn reserve(&mut self, more: usize) {
        let places = (2 * (self.items.len() + more) + 1).next_power_of_two();
        if places > self.places.len() {
            self.grow_to(places);
        }
        self.items.reserve(more);
    }

    /// Twice the places, every item placed again.
    #[cold]
    fn grow(&mut self) {
        self.grow_to(2 * self.places.len());
    }

    /// `places` places (a power of two), every item placed again.
    fn grow_to(&mut self, places: usize) {
        self.places = vec![0; places];
        self.mask = places - 1;
        self.shift = 64 - places.trailing_zeros();
        for (k, &(hash, _)) in self.items.iter().enumerate() {
            let mut at = (hash >> self.shift) as usize & self.mask;
            while self.places.get(at).is_some_and(|&p| p != 0) {
                at = (at + 1) & self.mask;
            }
            if let Some(p) = self.places.get_mut(at) {
                *p = place_of(k);
            }
        }
    }
}

/// The words the person mentions of a text end or start with, each with its clusters.
struct Words<'t> {
    /// Each word, by its index in `info`.
    words: Slots<&'t str>,
    info: Vec<Word>,
}

impl<'t> Words<'t> {
    /// A table for `words` words before it grows, in lists from `pool`.
    fn with_capacity(words: usize, pool: &mut Pool) -> Words<'t> {
        Words {
            words: Slots::with_capacity(words, pool),
            info: pool.vec(words),
        }
    }

    /// Gives the lists back to `pool`.
    fn give(self, pool: &mut Pool) {
        self.words.give(pool);
        pool.give(self.info);
    }

    /// The index of `w` in `info`, added when new.
    #[inline(always)]
    fn slot(&mut self, w: &'t str) -> usize {
        match self.words.find_or_add(hash_word(w), |&x| x == w, || w) {
            Ok(k) => k,
            Err(k) => {
                self.info.push(Word::NONE);
                k
            }
        }
    }

    /// Room for `more` words more before the table grows.
    fn reserve(&mut self, more: usize) {
        self.words.reserve(more);
        self.info.reserve(more);
    }

    /// The index of `w` in `info`, if it is there.
    fn find(&self, w: &str) -> Option<usize> {
        self.words.probe(hash_word(w), |&x| x == w).ok()
    }
}

/// The hash [`Words`] places a word by.
#[inline]
pub(super) fn hash_word(w: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = crate::fxhash::FxHasher::default();
    hasher.write(w.as_bytes());
    hasher.finish()
}

/// What [`Slots::places`] holds for index `k`: past `u32::MAX - 1` (16 GiB of mentions) none,
/// and such an item is added again when met again.
fn place_of(k: usize) -> u32 {
    u32::try_from(k + 1).unwrap_or(0)
}

/// No cluster.
const NONE: usize = usize::MAX;

/// The clusters a word of a text's person mentions stands for.
#[derive(Clone, Copy, Debug)]
struct Word {
    /// The first and the last cluster whose full name ends in the word.
    surname: (usize, usize),
    /// The first mention of a full name that starts with it, once asked ([`Firsts`]).
    given: usize,
    /// The cluster of the last mention ending in it, while reading single words.
    last_seen: usize,
    /// A cluster named by the word alone.
    alone: usize,
    /// The clusters with this surname are in [`ByGiven`].
    indexed: bool,
}

impl Word {
    const NONE: Word = Word {
        surname: (NONE, NONE),
        given: NONE,
        last_seen: NONE,
        alone: NONE,
        indexed: false,
    };
}

/// The clusters of one surname in the order they were made, from its first (`head`) along
/// `next_same` (the next cluster of the same surname, [`NONE`] after the last).
fn same_surname(next_same: &[usize], head: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(Some(head), |&id| next_same.get(id).copied())
        .take_while(|&id| id < next_same.len())
}

/// The first full name (in mention order) that starts with a word, asked of the few single
/// words that name no surname. A word no full name starts with is mostly turned away by a
/// 256-bit filter of the first words; the others are answered by a scan of the names while
/// few have been scanned (most texts ask a few times, of a few dozen names), then from the
/// word table, given every first word with its first mention once [`SCANNED_WORDS`] have
/// been: a long text asking again and again takes one lookup a question, where scanning every
/// time would grow with the square of its length.
struct Firsts {
    /// A bit for each full name's first word ([`Firsts::bit`]).
    filter: [u64; 4],
    /// Names left to scan before the table has the first words.
    scans: usize,
    /// The table has every full name's first word, with its first mention ([`Word::given`]).
    indexed: bool,
}

impl Firsts {
    fn new() -> Firsts {
        Firsts {
            filter: [0; 4],
            scans: SCANNED_WORDS,
            indexed: false,
        }
    }

    /// The filter's bit of `w`: of its length and its first and last bytes.
    #[inline]
    fn bit(w: &str) -> (usize, u64) {
        let b = w.as_bytes();
        let (first, last) = (b.first().copied(), b.last().copied());
        let mix = (b.len() as u8).wrapping_mul(0x9d)
            ^ first.unwrap_or(0)
            ^ last.unwrap_or(0).rotate_left(3);
        (usize::from(mix >> 6), 1 << (mix & 63))
    }

    /// Notes the first word `w` of a full name.
    #[inline]
    fn note(&mut self, w: &str) {
        let (k, bit) = Self::bit(w);
        if let Some(f) = self.filter.get_mut(k) {
            *f |= bit;
        }
    }

    /// Puts every full name's first word into `table`, with the first mention of each (the
    /// mentions' words in `spans` of `words`).
    fn index<'t>(&mut self, table: &mut Words<'t>, spans: &[Range<usize>], words: &[&'t str]) {
        if self.indexed {
            return;
        }
        self.indexed = true;
        for (i, r) in spans.iter().enumerate() {
            if let Some(&first) = words.get(r.start).filter(|_| r.len() >= 2) {
                let k = table.slot(first);
                if let Some(x) = table.info.get_mut(k)
                    && x.given == NONE
                {
                    x.given = i;
                }
            }
        }
    }

    /// The first mention of a full name whose first word is `w` (the mentions' words in
    /// `spans` of `words`).
    fn mention<'t>(
        &mut self,
        table: &mut Words<'t>,
        spans: &[Range<usize>],
        words: &[&'t str],
        w: &str,
    ) -> Option<usize> {
        let (k, bit) = Self::bit(w);
        if self.filter.get(k).is_none_or(|f| f & bit == 0) {
            return None;
        }
        if !self.indexed && self.scans >= spans.len() {
            self.scans -= spans.len();
            return spans
                .iter()
                .position(|r| r.len() >= 2 && words.get(r.start) == Some(&w));
        }
        self.index(table, spans, words);
        let x = table.info.get(table.find(w)?)?;
        (x.given != NONE).then_some(x.given)
    }
}

/// The clusters of the surnames with many, by the given words of their names, to find the
/// first cluster of a surname whose name is [`compatible`] with a full name without comparing
/// it with every one: a text naming thousands of people with one surname compared each new
/// name with all those before, in time growing with the square of their number.
///
/// A cluster is listed under every name it had (a stale list only adds a candidate, which the
/// comparison turns away), and a name is looked for in the lists some compatible name must be
/// in, the first (lowest) cluster of them all first: the cluster the walk through the
/// surname's clusters finds. A list is found by a hash of its surname slot and [`Key`], the
/// words in it by their hashes: two keys of one hash share a list, which also only adds
/// candidates.
struct ByGiven {
    /// The clusters under each key ([`list_key`]), which is their hash: a list is told from
    /// another by its key alone.
    lists: Slots<Ids>,
    /// The links of the lists' chains: a cluster and the next link of its list.
    chain: Vec<(usize, usize)>,
    /// The most words a name of each surname slot has (0 for none), by slot.
    longest: Vec<usize>,
    /// The hashes of a name's given words other than initials, sorted, each once (kept for
    /// the next name: no vector a name).
    plain: Vec<u64>,
    /// The lists a name is looked for in, by index in `lists`, and a place in each of their
    /// parts (kept for the next name, as `plain`).
    found: Vec<usize>,
    heads: Vec<Head>,
}

impl ByGiven {
    /// An index for the clusters of `clusters` full names (a bound: those of the mentions
    /// not yet read, and those made): sized once, as [`Words`] is, for a list or two a given
    /// word and the lists of its length and given words.
    fn with_capacity(clusters: usize) -> ByGiven {
        let lists = 4 * clusters;
        ByGiven {
            // Made for few texts: its lists are not kept.
            lists: Slots::with_capacity(lists, &mut Pool::default()),
            chain: Vec::with_capacity(lists),
            longest: Vec::new(),
            plain: Vec::new(),
            found: Vec::new(),
            heads: Vec::new(),
        }
    }
}

/// Where a name is listed in [`ByGiven`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// Every name with this given word (its hash).
    Word(u64),
    /// Every name of this many words with a given word starting with this letter.
    Letter(char, usize),
    /// Every name of this many words.
    Words(usize),
    /// Every name whose given words other than initials are these (a hash of their hashes,
    /// sorted, each once).
    Plain(u64),
    /// Every name of initials only whose first initial, without its dots, starts with this
    /// letter (`None`: is empty).
    Initials(Option<char>),
}

/// The key of the list of [`Key`] `key` of surname slot `s` in [`ByGiven::lists`].
fn list_key(s: usize, key: Key) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = crate::fxhash::FxHasher::default();
    (s, key).hash(&mut h);
    h.finish()
}

/// Clusters in cluster order: those added in order in a chain through [`ByGiven::chain`] (no
/// vector a list: most lists hold one or two), the few added after a higher one (a cluster
/// renamed) in a set, so that no addition moves or searches the chain. A cluster can be in
/// both, which the merge in [`ByGiven::first`] takes once.
struct Ids {
    /// The first and the last link of the chain ([`NONE`]: empty).
    head: usize,
    tail: usize,
    /// The clusters added, a cluster added again counted again.
    len: usize,
    late: BTreeSet<usize>,
}

impl Ids {
    const EMPTY: Ids = Ids {
        head: NONE,
        tail: NONE,
        len: 0,
        late: BTreeSet::new(),
    };

    /// Adds cluster `id`, linking it into `chain` when it is past the last.
    fn insert(&mut self, chain: &mut Vec<(usize, usize)>, id: usize) {
        match chain.get(self.tail) {
            Some(&(last, _)) if last == id => return,
            Some(&(last, _)) if last > id => {
                self.late.insert(id);
            }
            _ => {
                let link = chain.len();
                chain.push((id, NONE));
                match chain.get_mut(self.tail) {
                    Some(t) => t.1 = link,
                    None => self.head = link,
                }
                self.tail = link;
            }
        }
        self.len += 1;
    }
}

/// A place in one part of an [`Ids`], whose clusters are read in cluster order: the cluster
/// it is at ([`NONE`] past the last) and the next link of the chain, or for the set of late
/// ones (`late`) the index of its list in [`ByGiven::lists`].
#[derive(Clone, Copy, Debug)]
struct Head {
    id: usize,
    next: usize,
    late: bool,
}

impl Head {
    /// The place at link `at` of `chain` (past the last for [`NONE`]).
    fn chain(chain: &[(usize, usize)], at: usize) -> Head {
        let (id, next) = chain.get(at).copied().unwrap_or((NONE, NONE));
        Head {
            id,
            next,
            late: false,
        }
    }

    /// Moves to the next cluster of its part.
    fn advance(&mut self, chain: &[(usize, usize)], lists: &Slots<Ids>) {
        *self = if self.late {
            let late = lists.items.get(self.next).map(|(_, l)| &l.late);
            let after = (Bound::Excluded(self.id), Bound::Unbounded);
            let id = late.and_then(|l| l.range(after).next().copied());
            Head {
                id: id.unwrap_or(NONE),
                ..*self
            }
        } else {
            Head::chain(chain, self.next)
        };
    }
}

/// Name lists of at most this many distinct given words other than initials are looked for
/// under each subset of them ([`Key::Plain`]); a longer one under each word.
const SUBSETS: usize = 8;

impl ByGiven {
    /// Fills `plain` with the hashes of the given words that are not initials, sorted, each
    /// once.
    fn plain_words(plain: &mut Vec<u64>, given: &[&str]) {
        plain.clear();
        for g in given {
            Self::note_plain(plain, g, hash_word(g));
        }
        plain.sort_unstable();
        plain.dedup();
    }

    /// Adds the hash of given word `g` to the plain words unless it is an initial ("K.").
    /// [`ByGiven::add`] calls it with a hash it needs anyway, then sorts and dedups as
    /// [`ByGiven::plain_words`] does.
    #[inline]
    fn note_plain(plain: &mut Vec<u64>, g: &str, hash: u64) {
        if !g.ends_with('.') {
            plain.push(hash);
        }
    }

    /// Lists cluster `id` of surname slot `s` under its name `name`.
    fn add(&mut self, s: usize, id: usize, name: &[&str]) {
        let Some((_, given)) = name.split_last() else {
            return;
        };
        let words = name.len();
        if self.longest.len() <= s {
            self.longest.resize(s + 1, 0);
        }
        if let Some(longest) = self.longest.get_mut(s) {
            *longest = words.max(*longest);
        }
        // Each given word hashed once, for its list and for the plain words' key.
        self.plain.clear();
        for &g in given {
            let hash = hash_word(g);
            Self::note_plain(&mut self.plain, g, hash);
            self.list(s, Key::Word(hash), id);
            if let Some(c) = g.chars().next() {
                self.list(s, Key::Letter(c, words), id);
            }
        }
        self.plain.sort_unstable();
        self.plain.dedup();
        let whole = match self.plain.as_slice() {
            [] => Key::Initials(given.first().and_then(|g| first_letter(g))),
            plain => Key::Plain(hash_hashes(plain.iter().copied())),
        };
        self.list(s, Key::Words(words), id);
        self.list(s, whole, id);
    }

    /// Adds cluster `id` to the list of `key` of surname slot `s`.
    #[inline]
    fn list(&mut self, s: usize, key: Key, id: usize) {
        let (Ok(k) | Err(k)) = self
            .lists
            .find_or_add(list_key(s, key), |_| true, || Ids::EMPTY);
        if let Some((_, list)) = self.lists.items.get_mut(k) {
            list.insert(&mut self.chain, id);
        }
    }

    /// The first cluster of surname slot `s` that `is_match` says yes to among those that may
    /// be compatible with the full name `name`.
    fn first(
        &mut self,
        s: usize,
        name: &[&str],
        is_match: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let (_, given) = name.split_last()?;
        let ByGiven {
            lists: by_key,
            chain,
            longest,
            plain,
            found,
            heads,
        } = self;
        let get = |key| by_key.probe(list_key(s, key), |_| true).ok();
        let size = |k: Option<usize>| {
            k.and_then(|k| by_key.items.get(k))
                .map_or(0, |(_, l)| l.len)
        };
        Self::plain_words(plain, given);
        found.clear();
        // A longer name has each given word of this one: a word as it is, an initial as the
        // start of one of its words. The shortest list of one of them holds them all (the
        // first of the shortest; no list holds none).
        if plain.is_empty() {
            let longest = longest.get(s).copied().unwrap_or(0);
            for words in name.len() + 1..=longest {
                let mut fewest = get(Key::Words(words));
                for c in given.iter().filter_map(|g| first_letter(g)) {
                    let list = get(Key::Letter(c, words));
                    if size(list) < size(fewest) {
                        fewest = list;
                    }
                }
                found.extend(fewest);
            }
        } else {
            let mut fewest = None;
            for &g in plain.iter() {
                let list = get(Key::Word(g));
                if fewest.is_none_or(|f| size(list) < size(f)) {
                    fewest = Some(list);
                }
            }
            found.extend(fewest.flatten());
        }
        // A name no longer than this one has its given words among this one's: those that
        // are not initials are some of this one's, or it has none and its first initial
        // starts one of this one's given words.
        if plain.len() <= SUBSETS {
            for subset in 1..1u32 << plain.len() {
                let words = plain
                    .iter()
                    .enumerate()
                    .filter(|&(k, _)| subset >> k & 1 == 1)
                    .map(|(_, &w)| w);
                found.extend(get(Key::Plain(hash_hashes(words))));
            }
        } else {
            found.extend(plain.iter().filter_map(|&g| get(Key::Word(g))));
        }
        let letters = given.iter().filter_map(|g| g.chars().next());
        found.extend(letters.filter_map(|c| get(Key::Initials(Some(c)))));
        found.extend(get(Key::Initials(None)));
        // The lists merged in cluster order, each cluster once.
        heads.clear();
        for &k in found.iter() {
            let Some((_, list)) = by_key.items.get(k) else {
                continue;
            };
            heads.push(Head::chain(chain, list.head));
            if let Some(&id) = list.late.first() {
                heads.push(Head {
                    id,
                    next: k,
                    late: true,
                });
            }
        }
        loop {
            let id = heads.iter().map(|h| h.id).min().filter(|&id| id != NONE)?;
            for h in heads.iter_mut().filter(|h| h.id == id) {
                h.advance(chain, by_key);
            }
            if is_match(id) {
                return Some(id);
            }
        }
    }
}

/// A hash of word hashes, in order.
fn hash_hashes(hashes: impl Iterator<Item = u64>) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::fxhash::FxHasher::default();
    for w in hashes {
        h.write_u64(w);
    }
    h.finish()
}

/// The first letter of an initial without its dots, which [`compatible`] compares as the
/// start of a word.
fn first_letter(initial: &str) -> Option<char> {
    initial.trim_end_matches('.').chars().next()
}

/// Two full names of one surname are the same person: the shorter's given names are among the
/// longer's ("Kjell Mydske" and "Kjell Reidar Mydske"). Asked only of names of one surname
/// (the clusters listed under the surname's word), so the surnames are not compared again.
fn compatible(a: &[&str], b: &[&str]) -> bool {
    debug_assert_eq!(a.last(), b.last());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (Some((_, short)), Some((_, long))) = (short.split_last(), long.split_last()) else {
        return false;
    };
    short.iter().all(|w| {
        long.iter()
            .any(|x| x == w || (w.ends_with('.') && x.starts_with(w.trim_end_matches('.'))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::EntityKind;
    use crate::fxhash::FxHashMap as HashMap;
    use crate::lexicon::LexiconSet;
    use crate::span::Span;
    use crate::tokenize::{Tokenized, Tokenizer};

    /// Person mentions on the tokens inside each byte range of the text.
    fn mentions_at(doc: &Tokenized<'_>, ranges: &[Range<usize>]) -> Vec<Mention> {
        let tokens = doc.tokens();
        ranges
            .iter()
            .map(|r| Mention {
                span: Span::from(r.clone()),
                tokens: tokens.partition_point(|t| t.span().start < r.start)
                    ..tokens.partition_point(|t| t.span().end <= r.end),
                kind: EntityKind::Person,
            })
            .collect()
    }

    /// Each cluster's name words.
    fn names<'a, 't>(p: &'a People<'t>) -> Vec<&'a [&'t str]> {
        (0..p.len()).map(|id| p.name(id)).collect()
    }

    /// The word table numbers each distinct word once, in order of first sight, also past
    /// the words it was sized for (it grows).
    #[test]
    fn word_table_numbers_each_word_once() {
        let words: Vec<String> = (0..3000).map(|i| format!("Ord{}", i % 1100)).collect();
        for capacity in [0, 1, 7, 5000] {
            let mut table = Words::with_capacity(capacity, &mut Pool::default());
            let mut want: HashMap<&str, usize> = HashMap::default();
            for w in &words {
                let next = want.len();
                let id = *want.entry(w.as_str()).or_insert(next);
                assert_eq!(table.slot(w), id, "{capacity} {w}");
            }
            assert_eq!(table.info.len(), 1100);
        }
    }

    /// A text of `count` names, each written by `name`, and their ranges. A capitalised word
    /// after each name makes a following "J." an initial, not "J" and ".".
    fn names_text(
        count: usize,
        mut name: impl FnMut(&mut String),
    ) -> (String, Vec<std::ops::Range<usize>>) {
        let (mut text, mut ranges) = (String::new(), Vec::new());
        for _ in 0..count {
            let start = text.len();
            name(&mut text);
            ranges.push(start..text.len());
            text.push_str(" , Ved ");
        }
        (text, ranges)
    }

    /// Full names of given words, initials (also a bare ".") and two surnames in random
    /// order: the index finds the clusters the walk through all of a surname's clusters finds.
    #[test]
    fn clusters_by_given_name_are_those_of_the_walk() {
        let lx = EntityLexicon::new(LexiconSet::embedded());
        let given = [
            "Jon", "Jonas", "Jo.", "J.", "K.", "Kari", "Kr.", "Per", "Pål", "P.", "Å.", "Åse", ".",
        ];
        let surnames = ["Hansen", "Berg"];
        let mut next = crate::testing::xorshift(0x9E37_79B9_7F4A_7C15u64);
        let mut initials = 0;
        for _ in 0..400 {
            let count = next(80) + 1;
            let (text, ranges) = names_text(count, |text| {
                for _ in 0..next(4) {
                    text.push_str(given[next(given.len())]);
                    text.push(' ');
                }
                text.push_str(surnames[next(surnames.len())]);
            });
            let doc = Tokenizer::new().analyse(&text);
            let view = View::new(&doc);
            let mentions = mentions_at(&doc, &ranges);
            let mentions: Vec<&Mention> = mentions.iter().collect();
            let mut pool = Pool::default();
            let walk = people_with(&view, &lx, &mentions, usize::MAX, &mut pool);
            initials += (0..mentions.len())
                .filter(|&i| {
                    walk.words_of(i)
                        .iter()
                        .any(|w| w.len() > 1 && w.ends_with('.'))
                })
                .count();
            for scanned in [0, 1, 3] {
                let index = people_with(&view, &lx, &mentions, scanned, &mut pool);
                assert_eq!(walk.of, index.of, "{scanned} {text:?}");
                assert_eq!(names(&walk), names(&index), "{scanned} {text:?}");
            }
        }
        // The initials reach the clusters as words of their own.
        assert!(initials > 1000, "{initials}");
    }

    /// Thousands of people with one surname: each full name is looked up among the clusters
    /// of its given names, not compared with every cluster of the surname (20 000 took some
    /// seconds in a release build, growing with the square of their number).
    #[test]
    fn regression_many_full_names_with_one_surname() {
        const N: usize = 20_000;
        // Distinct given names; the first letter cycles through the alphabet.
        let given = |i: usize| {
            let mut g: String = [i % 26, i / 26 % 26, i / 676 % 26, i / 17_576]
                .iter()
                .map(|&d| char::from(b'a' + d as u8))
                .collect();
            g[..1].make_ascii_uppercase();
            g
        };
        let (mut text, mut ranges) = (String::new(), Vec::new());
        let mut push = |name: &str| {
            ranges.push(text.len()..text.len() + name.len());
            text.push_str(name);
            text.push_str(" , Ved ");
        };
        // Each name, then each again with a middle name (the same cluster, renamed), then an
        // initial and the surname alone.
        for i in 0..N {
            push(&format!("{} Hansen", given(i)));
        }
        for i in 0..N {
            push(&format!("{} Mads Hansen", given(i)));
        }
        push("J. Hansen");
        push("Hansen");
        let doc = Tokenizer::new().analyse(&text);
        let view = View::new(&doc);
        let mentions = mentions_at(&doc, &ranges);
        let mentions: Vec<&Mention> = mentions.iter().collect();
        let lx = EntityLexicon::new(LexiconSet::embedded());
        let p = people(&view, &lx, &mentions, &mut Pool::default());
        assert_eq!(p.len(), N);
        for i in 0..N {
            assert_eq!(p.of.get(i), Some(&i));
            assert_eq!(p.of.get(N + i), Some(&i));
            let name = format!("{} Mads Hansen", given(i));
            assert_eq!(p.name(i).join(" "), name);
        }
        // "J." starts the given name of the tenth, the first whose name starts with "J".
        assert_eq!(p.of.get(2 * N..), Some(&[9, 9][..]));
    }

    /// The first full name that starts with a word is the one a scan of the names finds, for words no name starts with, words sharing the filter's bit with one,
    /// words of one and of many names, and names of one word (never a full name): in texts
    /// of few names (scanned) and of thousands (the word table, once the scans are spent).
    #[test]
    fn first_full_names_are_those_of_a_scan() {
        let pool: Vec<String> = (0..300).map(|i| format!("N{}", i * 7 % 1000)).collect();
        let mut next = crate::testing::xorshift(0xA076_1D64_78BD_642Fu64);
        for mentions in [1, 5, 60, 700, 4000] {
            let mut p = People {
                of: Vec::new(),
                words: Vec::new(),
                spans: Vec::new(),
                names: Vec::new(),
            };
            let mut firsts = Firsts::new();
            for _ in 0..mentions {
                let start = p.words.len();
                let len = next(3) + 1;
                p.words
                    .extend((0..len).map(|_| pool[next(pool.len() / 2)].as_str()));
                if len >= 2 {
                    firsts.note(p.words[start]);
                }
                p.spans.push(start..p.words.len());
                p.of.push(next(mentions));
            }
            let mut table = Words::with_capacity(0, &mut Pool::default());
            for _ in 0..20 {
                for w in &pool {
                    let want = p
                        .spans
                        .iter()
                        .position(|r| r.len() >= 2 && p.words[r.start] == w.as_str());
                    let got = firsts.mention(&mut table, &p.spans, &p.words, w);
                    assert_eq!(got, want, "{mentions} {w}");
                    // As the caller keeps it.
                    if let Some(i) = got {
                        let k = table.slot(w);
                        table.info[k].given = i;
                    }
                }
            }
            assert!(firsts.indexed || mentions < 700, "{mentions}");
        }
    }

    /// A genitive ending is taken off a name's last word when the base is a name the
    /// lexicons know or any word of the text's mentions (a first, inner or last word, with a
    /// genitive ending or not, before or after it), as [`push_name_words`] has it: in a text of
    /// few mention words (scanned) and of many (the word table, given every mention word once
    /// it is asked).
    #[test]
    fn regression_genitive_bases_are_mention_words_in_short_and_long_texts() {
        let lx = EntityLexicon::new(LexiconSet::embedded());
        // Each word is a first, an inner or a last word only: "Tjum" inner, "Tjums" last and
        // "Tjums's" its genitive ("Bøes'" ends in a quotation mark of its own).
        let first = ["Vrakk", "Hansens", "Ås"];
        let inner = ["Tjum", "Bøe", "s"];
        let last = [
            "Vrakks",
            "Tjums",
            "Tjums's",
            "Bøes",
            "Bøes'",
            "Qirs",
            "Zorbs",
            "Zorbs’s",
            "Vrakk",
        ];
        let mut next = crate::testing::xorshift(0x2545_F491_4F6C_DD1Du64);
        for mentions_n in [3, 40, 400, 1500] {
            let (text, ranges) = names_text(mentions_n, |text| {
                let n = next(4);
                if n > 0 {
                    text.push_str(first[next(first.len())]);
                    text.push(' ');
                }
                for _ in 1..n {
                    text.push_str(inner[next(inner.len())]);
                    text.push(' ');
                }
                text.push_str(last[next(last.len())]);
            });
            let doc = Tokenizer::new().analyse(&text);
            let view = View::new(&doc);
            let mentions = mentions_at(&doc, &ranges);
            let mentions: Vec<&Mention> = mentions.iter().collect();
            let all: Vec<&str> = mentions
                .iter()
                .flat_map(|m| m.tokens.clone())
                .map(|k| view.text(k))
                .collect();
            let known = |w: &str| lx.is_given(w) || lx.is_surname(w) || all.contains(&w);
            let p = people_with(&view, &lx, &mentions, SCANNED, &mut Pool::default());
            for (i, m) in mentions.iter().enumerate() {
                let mut want = Vec::new();
                push_name_words(&view, m.tokens.clone(), &known, &mut want);
                assert_eq!(p.words_of(i), &want[..], "{mentions_n} mention {i}");
            }
        }
    }
}
