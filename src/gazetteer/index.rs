//! The gazetteer's index: the token vocabulary, the trie of token ids and the entry table,
//! built from a [`LexiconSet`].

use super::Inflection;
use super::forms::inflections;
use super::trie::{ROOT, Trie, edge_hash, edge_key};
use super::vocab::Vocab;
use crate::bloom::SetBloom;
use crate::error::{Error, Result};
use crate::lexicon::{LexiconKind, LexiconSet};
use crate::normalize;
use crate::tokenize::Tokenizer;
use aho_corasick::dfa::DFA;
use aho_corasick::{MatchKind, StartKind};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// No token id / no trie state.
pub(crate) const NONE: u32 = u32::MAX;

/// One lexicon entry reached by a key. 32 bytes on a 32-byte boundary, the spelling of most
/// case-sensitive entries inline: a name found reads one cache line for its entry and the case
/// check, where an entry of 16 bytes and its spelling in a table of their own read two lines,
/// each a miss in a lexicon of 100 000 names.
#[derive(Clone, Copy, Debug)]
#[repr(align(32))]
pub(crate) struct EntryRef {
    pub(crate) entry: u32,
    pub(crate) kind: LexiconKind,
    pub(crate) inflection: Inflection,
    pub(crate) case_sensitive: bool,
    /// The last entry of its trie state: the entries of a state are consecutive, and a step
    /// gives the first.
    pub(crate) last: bool,
    /// The length of the original spelling (tokens joined by `\0`), for the case check.
    original_len: u32,
    /// The original spelling when it has at most [`INLINE_SPELLING`] bytes; otherwise its
    /// first four bytes are the spelling's offset in `Index::originals`.
    spelling: [u8; INLINE_SPELLING],
}

/// The longest spelling [`EntryRef`] holds itself.
const INLINE_SPELLING: usize = 20;

/// The bit of a trie node's `first` that marks a solo entry: the node's only entry held in
/// `first` itself ([`Solo`]), where otherwise `first` indexes the entry table. A name found
/// at 100 000 entries read its entry's line from a table of 3.4 MB, most often a miss of the
/// last-level cache; the node's own line is read anyway.
pub(crate) const SOLO: u32 = 1 << 30;

/// The kinds and inflections by the numbers a [`Solo`] gives them.
const KINDS: [LexiconKind; 10] = LexiconKind::ALL;
const INFLECTIONS: [Inflection; 4] = [
    Inflection::Base,
    Inflection::Definite,
    Inflection::Plural,
    Inflection::DefinitePlural,
];

/// The bits of a [`Solo`]: the entry below `SOLO_ENTRIES`, then the case bit, the inflection's
/// and the kind's numbers. The largest, `SOLO` with kind 9, stays below the trie's `NO_ENTRY`.
const SOLO_ENTRIES: u32 = 1 << 23;
const SOLO_CASE: u32 = 1 << 23;
const SOLO_INFLECTION: u32 = 24;
const SOLO_KIND: u32 = 26;

/// A trie state's only entry, packed into the node's `first` ([`SOLO`] set): an entry below
/// 2^23 that matches in any case, or a name whose spelling is its key with each token's first
/// letter a capital ("Kari Hansen", "Øvre Eiker"), so that the case check needs no spelling
/// (see [`Solo::case_sensitive`]).
#[derive(Clone, Copy)]
pub(crate) struct Solo(u32);

impl Solo {
    /// The solo entry of `first`, a node's first entry, when it is one.
    #[inline(always)]
    pub(crate) fn of(first: u32) -> Option<Solo> {
        (first & SOLO != 0 && first != NONE).then_some(Solo(first))
    }

    /// The `first` of a state whose only entry is `e`, spelled `original`, when it packs.
    fn pack(e: &EntryRef, original: &[u8]) -> Option<u32> {
        let kind = KINDS.iter().position(|&k| k == e.kind)?;
        let inflection = INFLECTIONS.iter().position(|&i| i == e.inflection)?;
        if e.entry >= SOLO_ENTRIES || (e.case_sensitive && !title_spelled(original)) {
            return None;
        }
        Some(
            SOLO | (kind as u32) << SOLO_KIND
                | (inflection as u32) << SOLO_INFLECTION
                | if e.case_sensitive { SOLO_CASE } else { 0 }
                | e.entry,
        )
    }

    pub(crate) fn entry(self) -> usize {
        (self.0 & (SOLO_ENTRIES - 1)) as usize
    }

    pub(crate) fn kind(self) -> LexiconKind {
        let k = (self.0 >> SOLO_KIND) & 0xF;
        KINDS
            .get(k as usize)
            .copied()
            .unwrap_or(LexiconKind::Surnames)
    }

    pub(crate) fn inflection(self) -> Inflection {
        let i = (self.0 >> SOLO_INFLECTION) & 3;
        INFLECTIONS
            .get(i as usize)
            .copied()
            .unwrap_or(Inflection::Base)
    }

    /// The entry is a name: its spelling is its key's tokens, each with a capital first
    /// letter, joined by `\0` ([`title_spelled`]).
    pub(crate) fn case_sensitive(self) -> bool {
        self.0 & SOLO_CASE != 0
    }
}

/// `original` (tokens joined by `\0`) is its key's tokens with the first letter of each made a
/// capital, ASCII or two-byte Latin-1: each token of a text spelled so is told by its own bytes
/// ([`super::title_token`]), and the spelling is rebuilt from the keys when a text is not.
fn title_spelled(original: &[u8]) -> bool {
    let mut key = Vec::new();
    original.split(|&b| b == 0).all(|piece| {
        key.clear();
        let Ok(piece) = std::str::from_utf8(piece) else {
            return false;
        };
        normalize::push_key(piece, &mut key);
        title_case(&mut key) && key == piece.as_bytes()
    })
}

/// Makes the first letter of `key` a capital (ASCII, or two-byte Latin-1 but "÷"); false when
/// it is no such lower-case letter.
pub(crate) fn title_case(key: &mut [u8]) -> bool {
    match key {
        [a, ..] if a.is_ascii_lowercase() => {
            *a -= 0x20;
            true
        }
        [0xC3, b, ..] if (0xA0..=0xBE).contains(b) && *b != 0xB7 => {
            *b -= 0x20;
            true
        }
        _ => false,
    }
}

const _: () = assert!(std::mem::size_of::<EntryRef>() == 32);

impl EntryRef {
    /// An entry whose original spelling is `original_len` bytes at `original` in the
    /// builder's spellings, until [`inline_spellings`] moves it.
    fn new(
        entry: usize,
        kind: LexiconKind,
        inflection: Inflection,
        case_sensitive: bool,
        original: u32,
        original_len: u32,
    ) -> EntryRef {
        let mut spelling = [0; INLINE_SPELLING];
        if let Some(head) = spelling.get_mut(..4) {
            head.copy_from_slice(&original.to_le_bytes());
        }
        EntryRef {
            entry: entry as u32,
            kind,
            inflection,
            case_sensitive,
            last: false,
            original_len,
            spelling,
        }
    }

    /// The offset of a spelling not held inline.
    fn offset(&self) -> usize {
        let mut word = [0; 4];
        word.copy_from_slice(self.spelling.get(..4).unwrap_or(&[0; 4]));
        u32::from_le_bytes(word) as usize
    }
}

/// Moves the spellings of at most [`INLINE_SPELLING`] bytes of `entries` from `originals` into
/// the entries, and returns the longer ones, which the entries then point into.
fn inline_spellings(entries: &mut [EntryRef], originals: &str) -> String {
    let mut long = String::new();
    for e in entries {
        let start = e.offset();
        let len = e.original_len as usize;
        let original = originals.get(start..start + len).unwrap_or("");
        if len <= INLINE_SPELLING {
            e.spelling = [0; INLINE_SPELLING];
            if let Some(head) = e.spelling.get_mut(..len) {
                head.copy_from_slice(original.as_bytes());
            }
        } else {
            let at = long.len() as u32;
            long.push_str(original);
            if let Some(head) = e.spelling.get_mut(..4) {
                head.copy_from_slice(&at.to_le_bytes());
            }
        }
    }
    long
}

/// The original spelling of `e` (see [`Index::original`]); `originals` holds the long ones.
#[inline]
fn spelling<'a>(e: &'a EntryRef, originals: &'a str) -> &'a [u8] {
    let len = e.original_len as usize;
    match e.spelling.get(..len) {
        Some(inline) => inline,
        None => {
            let start = e.offset();
            originals.as_bytes().get(start..start + len).unwrap_or(&[])
        }
    }
}

/// Hashes a `u64` trie edge key (while building) with one multiply: the keys are (state, token id) pairs, not
/// attacker-chosen, and the hash is on the hot path.
#[derive(Default, Clone, Copy)]
pub(crate) struct EdgeHasher(u64);

impl Hasher for EdgeHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 = edge_hash(n);
    }
}

type Edges = HashMap<u64, u32, BuildHasherDefault<EdgeHasher>>;

/// Everything the matcher reads; immutable once built.
#[derive(Debug)]
pub(crate) struct Index {
    /// The distinct token keys; the id of a key is its token id.
    pub(crate) vocab: Vocab,
    /// The first bytes a token worth a look may start with: letters, digits, bytes of
    /// multibyte characters (their keys are not known from the first byte), and the ASCII
    /// bytes that start some token key. A token starting with another byte has no id and is
    /// no compound.
    pub(crate) may_start: [bool; 256],
    /// The first bytes of the token keys.
    pub(crate) key_first: [bool; 256],
    /// A Bloom filter of token-key hashes in four sets: a token whose key is not in the set
    /// that applies has no id worth finding, and costs no search.
    pub(crate) filters: TokenFilters,
    /// The multiword keys as paths of token ids.
    pub(crate) trie: Trie,
    /// The first two tokens of the keys of two tokens or more, for the search's test of
    /// whether a key goes on from a first token to the next.
    pub(crate) pairs: PairFilter,
    /// The entries, grouped by trie state.
    entries: Vec<EntryRef>,
    /// The original spellings longer than [`INLINE_SPELLING`] bytes.
    originals: String,
    /// Anchored automaton over the reversed keys of role-head forms, for compounds.
    pub(crate) suffixes: Option<DFA>,
    /// Per suffix pattern, its entries in `suffix_entries` (one more element than patterns).
    suffix_accept: Vec<u32>,
    suffix_entries: Vec<EntryRef>,
    /// Hashes of the last [`TAIL`] bytes of every head-form key: a word whose key does not
    /// end so is not a compound, without a search.
    pub(crate) suffix_filter: TailFilter,
    /// The compound filter of the short path (words of up to 16 bytes without a genitive
    /// suffix), from their last 5 bytes ([`end5`]): of a word ending in a head form of 5
    /// bytes or more, they are the form's last 5; of one ending in a form of 4 bytes ("sjef",
    /// "lege"; `suffix_min` is then 4), any byte and the form. The second kind is in the
    /// filter once for each folded byte before it: one probe instead of a second filter's.
    /// Four bytes alone said maybe to one word in seven, as common endings ("-eren") end head
    /// forms. With a head form shorter than [`TAIL`] it is full: it says maybe to every word,
    /// and the short path asks it without a test of `suffix_min` first.
    pub(crate) tail5_filter: TailFilter,
    /// The compound test of [`super::Matches::compound_at`] before its walk.
    pub(crate) head_ends: HeadEnds,
    /// Shortest head-form key in bytes.
    pub(crate) suffix_min: usize,
    /// The shortest key that may be a compound: two bytes more than `suffix_min`, or none
    /// (`usize::MAX`) without role heads.
    pub(crate) compound_min: usize,
    /// The ids of the one-byte tokens (ASCII: "i", ",", "."; one in nine tokens) by byte, after
    /// no candidate and after one, found once here. The exact id is all [`super::token_ids`]
    /// finds for a token this short, "s" and "as" too: a genitive base needs two characters
    /// before the -s, and a compound at least three bytes (`compound_min`, a head key is never
    /// empty).
    pub(crate) one_byte: [[u32; 2]; 256],
    /// The same for the two-byte ASCII tokens ("og", "er", "av"; one in six tokens) and the
    /// tokens of one two-byte Latin-1 character ("å": one in fifty), by [`two_byte_slot`].
    pub(crate) two_bytes: Vec<[u32; 2]>,
    /// The same for the tokens of one character of U+0080..=U+00BF or U+2000..=U+20BF that are
    /// not words (the quote dashes, bullets and quotation marks: one token in forty), by
    /// [`normalize::punctuation_slot`]; empty until [`super::Gazetteer::new`] fills it from the
    /// general path.
    pub(crate) punctuation: Vec<[u32; 2]>,
}

/// The index of the two-byte token `a b` in [`Index::two_bytes`] when both are ASCII or when
/// they are one character of U+00C0..=U+00FF ("å", "ø"; their keys are made as ASCII
/// tokens' are, from their bytes, on the short path of [`super::token_ids`]).
#[inline(always)]
pub(crate) fn two_byte_slot(a: u8, b: u8) -> Option<usize> {
    if (a | b) < 0x80 {
        return Some((usize::from(a) << 7) | usize::from(b));
    }
    (a == 0xC3 && b & 0xC0 == 0x80).then(|| TWO_BYTE_ASCII + usize::from(b & 0x3F))
}

/// The slots of the two-byte ASCII tokens in [`Index::two_bytes`]; 64 for U+00C0..=U+00FF
/// follow.
const TWO_BYTE_ASCII: usize = 1 << 14;

/// The Bloom filter of the token keys, in four sets. After a token without an id only keys
/// that start an entry matter ("i" and "og" of organisation names are looked up only after a
/// candidate), and a lower-case word only needs keys that some entry lets it match (a
/// case-sensitive name spelled with a capital never matches "per" or "berg").
/// In the order of [`TokenFilters::class`]: start, start lower, any, any lower.
#[derive(Debug, Clone)]
pub(crate) struct TokenFilters(SetBloom);

/// The set of [`TokenFilters`] that applies to a token.
#[derive(Clone, Copy)]
pub(crate) struct Filter<'a> {
    bloom: &'a SetBloom,
    set: usize,
}

impl Filter<'_> {
    /// False when no key of the set has the hash `h`.
    #[inline(always)]
    pub(crate) fn contains(&self, h: u64) -> bool {
        self.bloom.contains(h, self.set)
    }
}

impl TokenFilters {
    /// The set for a token that follows a candidate or not, and is lower case or not: an
    /// index rather than a match, so the pick costs no branch.
    #[inline(always)]
    fn class(after_candidate: bool, lower: bool) -> usize {
        usize::from(after_candidate) * 2 + usize::from(lower)
    }

    /// The set for a token that follows a candidate or not, and is lower case or not.
    #[inline(always)]
    pub(crate) fn pick(&self, after_candidate: bool, lower: bool) -> Filter<'_> {
        Filter {
            bloom: &self.0,
            set: Self::class(after_candidate, lower),
        }
    }
}

/// A one-probe Bloom filter of the pairs (first token id, second token id) that begin the keys
/// of two tokens or more. The search asks whether a key goes on from a hit that starts one to
/// the next hit, and nearly always none does ("og", "i" and "med" start keys and are followed
/// by a name): a probe of the trie's edges read a line of a table of megabytes, most often a
/// miss of the last-level cache, where this reads a line of a table of at most 1 MiB, sized
/// for its pairs.
#[derive(Debug, Clone)]
pub(crate) struct PairFilter {
    /// A power of two of words, at least 8 bits a pair.
    bits: Vec<u64>,
    /// Right shift that takes a hash's top bits to a bit index.
    shift: u32,
}

impl PairFilter {
    /// The most bits: past a million pairs the filter says maybe more often, no worse.
    const MAX_BITS: usize = 1 << 23;

    fn new(pairs: &[(u32, u32)]) -> PairFilter {
        let n = (pairs.len() * 8)
            .next_power_of_two()
            .clamp(64, Self::MAX_BITS);
        let mut filter = PairFilter {
            bits: vec![0; n / 64],
            shift: 64 - n.trailing_zeros(),
        };
        for &(first, second) in pairs {
            let i = filter.bit(first, second);
            if let Some(w) = filter.bits.get_mut(i / 64) {
                *w |= 1 << (i % 64);
            }
        }
        filter
    }

    #[inline(always)]
    fn bit(&self, first: u32, second: u32) -> usize {
        (edge_hash(edge_key(first, second)) >> (self.shift & 63)) as usize
    }

    /// False when no key starts with the token ids `first`, `second`.
    #[inline(always)]
    pub(crate) fn may_follow(&self, first: u32, second: u32) -> bool {
        let i = self.bit(first, second);
        self.bits
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

/// How many final key bytes the compound filter hashes.
pub(crate) const TAIL: usize = 4;

/// A one-probe filter of [`normalize::tail_word`]s: a bitmap of [`TAIL_FILTER_BITS`] bits
/// indexed by a multiplicative hash of the word. The words are few (the endings of role-head
/// forms: about a thousand keys of the embedded lexicons), so it says maybe to about 1 in 64
/// other words, with one multiply and one bit test. Fixed in size and held in the index: the
/// loop over the tokens asks it at every long word, and a fixed size needs no shift or length
/// to be loaded and no bounds check. Many more head forms only make it say maybe more often.
#[derive(Debug, Clone)]
pub(crate) struct TailFilter {
    bits: [u64; TAIL_FILTER_BITS / 64],
}

/// The size of a [`TailFilter`] in bits.
const TAIL_FILTER_BITS: usize = 1 << 16;

impl TailFilter {
    fn new() -> TailFilter {
        TailFilter {
            bits: [0; TAIL_FILTER_BITS / 64],
        }
    }

    #[inline(always)]
    fn bit(tail: u64) -> usize {
        (tail.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - TAIL_FILTER_BITS.trailing_zeros()))
            as usize
    }

    fn insert(&mut self, tail: u64) {
        let i = Self::bit(tail);
        if let Some(w) = self.bits.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    /// Every word said maybe to.
    fn fill(&mut self) {
        self.bits.fill(u64::MAX);
    }

    /// False when `tail` was certainly never inserted.
    #[inline(always)]
    pub(crate) fn contains(&self, tail: u64) -> bool {
        let i = Self::bit(tail);
        self.bits
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

/// The last bytes of the role-head forms: of each form, its last `k` key bytes (`k` the form's
/// length up to 8), ORed with `0x20` like [`end5`], as the low bytes of a word. The words the
/// compound filter ([`Index::tail5_filter`]) lets through end as some form's last five bytes
/// do, and most are no compound ("områder", "kommer"), which the walk of
/// [`super::may_end_in_head`] found in a few transitions each, at some 30 instructions a byte.
/// Here a word of ASCII and two-byte Latin-1 is told by a probe of an open-addressing table
/// for its last five bytes, and for a longer ending only when the table says some form ends
/// in five bytes so and in as many more as the word has: exact, so the cost of a word does not
/// grow with the number of forms that share an ending, however many a custom lexicon lists.
#[derive(Debug, Clone, Default)]
pub(crate) struct HeadEnds {
    /// A power of two of slots at most a quarter full, probed linearly.
    slots: Vec<EndSlot>,
    /// Right shift that takes a hash's top bits to a slot index.
    shift: u32,
    /// Every form has [`TAIL`] bytes or more; otherwise the walk decides.
    usable: bool,
}

/// An ending of [`HeadEnds`]: `key` its bytes (0 in an empty slot: an ending's bytes all have
/// bit 5 set, and endings of different lengths differ in their highest nonzero byte).
#[derive(Debug, Clone, Copy, Default)]
struct EndSlot {
    key: u64,
    /// Bit 0: a form ends so (of a 5-byte ending: a form of 5 bytes, or one of 4 and any byte
    /// before). Bit `k` (6 to 8), of a 5-byte ending: some form ends in `k` bytes that end so.
    ends: u32,
}

impl HeadEnds {
    /// The endings of the reversed head-form keys `suffix_keys`; the keys of the compound
    /// filter of the short path go into `tail5` (see [`Index::tail5_filter`]).
    fn new(suffix_keys: &[Vec<u8>], suffix_min: usize, tail5: &mut TailFilter) -> HeadEnds {
        let mut ends = HeadEnds {
            usable: suffix_min >= TAIL,
            ..HeadEnds::default()
        };
        // Never asked then; the compound filter is full.
        if !ends.usable {
            tail5.fill();
            return ends;
        }
        // The bytes before a 4-byte form, as `end5` folds them (ORed with 0x20).
        let folded: Vec<u8> = (0..=255u8).filter(|b| b & 0x20 != 0).collect();
        let mut endings: Vec<(u64, u32)> = Vec::with_capacity(suffix_keys.len() * 2);
        for k in suffix_keys {
            // The keys are reversed.
            let forward: Vec<u8> = k.iter().rev().copied().collect();
            let n = forward.len().min(8);
            let last = forward.get(forward.len() - n..).unwrap_or(&[]);
            let tail = (normalize::load_word(last) | normalize::FOLD) & normalize::low_bytes(n);
            match n {
                TAIL => endings.extend(folded.iter().map(|&b| (end5(u64::from(b) | tail << 8), 1))),
                TAIL5 => endings.push((tail, 1)),
                // Six to eight bytes: a form shorter than TAIL bytes leaves the table unusable
                // (returned above), so `n - TAIL5` does not wrap.
                _ => endings.extend([(tail, 1), (tail >> (8 * (n - TAIL5)), 1 << n)]),
            }
        }
        endings.sort_unstable_by_key(|&(key, _)| key);
        endings.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 |= b.1;
            }
            same
        });
        // At most a quarter full: most words asked are no ending, and their probes end at an
        // empty slot, which this makes the first one mostly.
        let size = (endings.len() * 4).next_power_of_two().max(16);
        ends.slots = vec![EndSlot::default(); size];
        ends.shift = 64 - size.trailing_zeros();
        for (key, bits) in endings {
            // The 5-byte endings are the filter's keys.
            if key >> 40 == 0 {
                tail5.insert(key);
            }
            let mut i = ends.home(key);
            while ends.slots.get(i).is_some_and(|s| s.key != 0) {
                i = (i + 1) & (size - 1);
            }
            if let Some(slot) = ends.slots.get_mut(i) {
                *slot = EndSlot { key, ends: bits };
            }
        }
        ends
    }

    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (self.shift & 63)) as usize
    }

    /// The `ends` of ending `key` (0 when it is none). The probe ends at an empty slot, which
    /// there always is: [`HeadEnds::new`] fills the table at most a quarter.
    #[inline(always)]
    fn get(&self, key: u64) -> u32 {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(key);
        while let Some(slot) = self.slots.get(i) {
            if slot.key == key {
                return slot.ends;
            }
            if slot.key == 0 {
                return 0;
            }
            i = (i + 1) & mask;
        }
        0
    }

    /// Does the key of `word` end in a head form? `None` when this cannot tell: a word
    /// shorter than [`TAIL5`] bytes, or whose last eight bytes are not all of ASCII and
    /// two-byte Latin-1 characters (their keys are not their bytes lower-cased). A form
    /// longer than eight bytes is a maybe when its last eight match.
    #[inline(always)]
    pub(crate) fn ends_in_head(&self, word: &[u8]) -> Option<bool> {
        let len = word.len();
        if !self.usable || len < TAIL5 {
            return None;
        }
        let last8 = match word.last_chunk::<8>() {
            Some(last) => u64::from_le_bytes(*last),
            None => normalize::load_short(word) << (8 * (8 - len)),
        };
        // A character of the last eight bytes that starts before them must be a Latin-1 one.
        let cut = len
            .checked_sub(8)
            .and_then(|i| word.get(i).zip(i.checked_sub(1)));
        let straddles =
            cut.is_some_and(|(&b, before)| b & 0xC0 == 0x80 && word.get(before) != Some(&0xC3));
        if straddles || !normalize::latin1_word(last8) {
            return None;
        }
        let folded = last8 | normalize::FOLD;
        let ends = self.get(folded >> 24);
        if ends & 1 != 0 {
            return Some(true);
        }
        // The longer endings, up to the word's length.
        let mut longer = ends & ((2 << len.min(8)) - 1);
        while longer != 0 {
            let k = longer.trailing_zeros();
            if self.get(folded >> (8 * (8 - k))) & 1 != 0 {
                return Some(true);
            }
            longer &= longer - 1;
        }
        Some(false)
    }
}

/// How many last bytes of a word the short path's compound filter reads ([`end5`]).
pub(crate) const TAIL5: usize = 5;

/// The low [`TAIL5`] bytes of the little-endian `word`, each ORed with `0x20` as
/// [`normalize::tail_word`] does: the word of a form's last 5 bytes (`word` loaded from
/// exactly those) or of a token's (`word` its last 8 bytes, shifted right by 3 bytes).
#[inline(always)]
pub(crate) fn end5(word: u64) -> u64 {
    (word & 0xFF_FFFF_FFFF) | 0x20_2020_2020
}

impl Index {
    /// The entries of a trie state, from its first ([`super::trie::Node::first`]), up to the
    /// one marked `last`, found as they are read.
    #[inline]
    pub(crate) fn entries_from(&self, first: u32) -> impl Iterator<Item = &EntryRef> {
        let mut rest = self.entries.get(first as usize..).unwrap_or(&[]);
        std::iter::from_fn(move || {
            let (e, after) = rest.split_first()?;
            rest = if e.last { &[] } else { after };
            Some(e)
        })
    }

    /// The entries of suffix pattern `pattern`.
    pub(crate) fn suffix_entries(&self, pattern: usize) -> &[EntryRef] {
        match (
            self.suffix_accept.get(pattern),
            self.suffix_accept.get(pattern + 1),
        ) {
            (Some(&a), Some(&b)) => self
                .suffix_entries
                .get(a as usize..b as usize)
                .unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The original spelling of `e`, its tokens joined by `\0`. Bytes: the compare with a
    /// token spelled as listed, nearly every one, then needs no char-boundary checks.
    #[inline]
    pub(crate) fn original<'a>(&'a self, e: &'a EntryRef) -> &'a [u8] {
        spelling(e, &self.originals)
    }

    /// Number of trie states and entries, for the bench report.
    pub(crate) fn sizes(&self) -> (usize, usize, usize) {
        (self.vocab.len(), self.trie.states(), self.entries.len())
    }
}

/// Builds the index.
pub(crate) struct IndexBuilder {
    tokenizer: Tokenizer,
    vocab_ids: HashMap<Box<[u8]>, u32>,
    vocab_keys: Vec<Box<[u8]>>,
    root: Vec<u32>,
    edges: Edges,
    states: u32,
    accepts: Vec<(u32, EntryRef)>,
    originals: String,
    suffix_ids: HashMap<Vec<u8>, u32>,
    suffix_keys: Vec<Vec<u8>>,
    suffix_accepts: Vec<(u32, EntryRef)>,
    tokens: Vec<String>,
    /// Per token id: some key has it, not first, in a spelling a lower-case word can match.
    lower: Vec<bool>,
    /// Per token id: the same as the first token of a key.
    start_lower: Vec<bool>,
    /// Pack the only entry of a state into its node ([`Solo`]); off only in tests, which
    /// compare the two.
    pub(crate) solo: bool,
}

impl IndexBuilder {
    pub(crate) fn new(lexicons: &LexiconSet) -> IndexBuilder {
        IndexBuilder {
            tokenizer: Tokenizer::with_abbreviations(lexicons.abbreviations().clone()),
            vocab_ids: HashMap::new(),
            vocab_keys: Vec::new(),
            root: Vec::new(),
            edges: Edges::default(),
            states: 1,
            accepts: Vec::new(),
            originals: String::new(),
            suffix_ids: HashMap::new(),
            suffix_keys: Vec::new(),
            suffix_accepts: Vec::new(),
            tokens: Vec::new(),
            lower: Vec::new(),
            start_lower: Vec::new(),
            solo: true,
        }
    }

    /// Adds every entry of `lexicons` except abbreviations (the tokenizer's data).
    pub(crate) fn add_lexicons(&mut self, lexicons: &LexiconSet) {
        use LexiconKind as K;
        for (i, g) in lexicons.given_names().iter().enumerate() {
            self.add(K::GivenNames, i, &g.name, true);
        }
        for (i, s) in lexicons.surnames().iter().enumerate() {
            self.add(K::Surnames, i, s, true);
        }
        for (i, o) in lexicons.organisations().iter().enumerate() {
            self.add(K::Organisations, i, &o.name, true);
            for alias in &o.aliases {
                self.add(K::Organisations, i, alias, true);
            }
        }
        for (i, w) in lexicons.organisation_words().iter().enumerate() {
            // "kommune" also heads "Verdal Kommune"; "AS" must not match "as".
            let lower = !w.word.chars().any(char::is_uppercase);
            self.add(K::OrganisationWords, i, &w.word, !lower);
        }
        for (i, r) in lexicons.roles().iter().enumerate() {
            self.add_role(K::Roles, i, r);
        }
        for (i, h) in lexicons.role_heads().iter().enumerate() {
            self.add_role(K::RoleHeads, i, h);
            self.add_head_suffix(i, h);
        }
        for (i, p) in lexicons.places().iter().enumerate() {
            self.add(K::Places, i, &p.name, true);
        }
        for (i, c) in lexicons.cue_verbs().iter().enumerate() {
            self.add(K::CueVerbs, i, &c.form, false);
        }
        for (i, w) in lexicons.name_words().iter().enumerate() {
            self.add(K::NameWords, i, w, true);
        }
    }

    /// A role in its base form and, when its last word is a plain noun, its inflected forms.
    fn add_role(&mut self, kind: LexiconKind, entry: usize, role: &str) {
        self.add_form(kind, entry, role, Inflection::Base, false);
        let Some((head, last)) = split_last_word(role) else {
            return;
        };
        for (form, inflection) in inflections(last) {
            self.add_form(kind, entry, &format!("{head}{form}"), inflection, false);
        }
    }

    /// The forms of a one-word role head as a reversed key, for compounds ("næringsminister").
    fn add_head_suffix(&mut self, entry: usize, head: &str) {
        if head.split_whitespace().nth(1).is_some() {
            return;
        }
        let mut forms = vec![(head.to_string(), Inflection::Base)];
        forms.extend(inflections(head));
        for (form, inflection) in forms {
            let mut key = normalize::key(&form);
            key.reverse();
            let next = self.suffix_keys.len() as u32;
            let id = *self.suffix_ids.entry(key.clone()).or_insert(next);
            if id == next {
                self.suffix_keys.push(key);
            }
            self.suffix_accepts.push((
                id,
                EntryRef::new(entry, LexiconKind::RoleHeads, inflection, false, 0, 0),
            ));
        }
    }

    fn add(&mut self, kind: LexiconKind, entry: usize, text: &str, case_sensitive: bool) {
        self.add_form(kind, entry, text, Inflection::Base, case_sensitive);
    }

    fn add_form(
        &mut self,
        kind: LexiconKind,
        entry: usize,
        text: &str,
        inflection: Inflection,
        case_sensitive: bool,
    ) {
        let mut tokens = std::mem::take(&mut self.tokens);
        split_tokens(&self.tokenizer, text, &mut tokens);
        if tokens.is_empty() {
            self.tokens = tokens;
            return;
        }
        let mut state = ROOT;
        let mut key = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            key.clear();
            normalize::push_key(t, &mut key);
            let id = self.token_id(&key);
            // A case-sensitive token spelled with a capital never matches a lower-case word.
            if !case_sensitive || !t.chars().next().is_some_and(char::is_uppercase) {
                let slot = if i == 0 {
                    &mut self.start_lower
                } else {
                    &mut self.lower
                };
                if let Some(flag) = slot.get_mut(id as usize) {
                    *flag = true;
                }
            }
            state = self.child(state, id);
        }
        let original = self.originals.len() as u32;
        if case_sensitive {
            for (i, t) in tokens.iter().enumerate() {
                if i > 0 {
                    self.originals.push('\0');
                }
                self.originals.push_str(t);
            }
        }
        let original_len = self.originals.len() as u32 - original;
        self.accepts.push((
            state,
            EntryRef::new(
                entry,
                kind,
                inflection,
                case_sensitive,
                original,
                original_len,
            ),
        ));
        self.tokens = tokens;
    }

    fn token_id(&mut self, key: &[u8]) -> u32 {
        if let Some(&id) = self.vocab_ids.get(key) {
            return id;
        }
        let id = self.vocab_keys.len() as u32;
        let key: Box<[u8]> = key.into();
        self.vocab_ids.insert(key.clone(), id);
        self.vocab_keys.push(key);
        self.root.push(NONE);
        self.lower.push(false);
        self.start_lower.push(false);
        id
    }

    fn child(&mut self, state: u32, token: u32) -> u32 {
        if state == ROOT {
            if let Some(slot) = self.root.get_mut(token as usize) {
                if *slot == NONE {
                    *slot = self.states;
                    self.states += 1;
                }
                return *slot;
            }
        }
        let next = self.states;
        let child = *self.edges.entry(edge_key(state, token)).or_insert(next);
        if child == next {
            self.states += 1;
        }
        child
    }

    pub(crate) fn build(self) -> Result<Index> {
        let vocab = Vocab::new(&self.vocab_keys);
        let mut may_start: [bool; 256] =
            std::array::from_fn(|b| b >= 0x80 || (b as u8).is_ascii_alphanumeric());
        let mut key_first = [false; 256];
        for k in &self.vocab_keys {
            if let Some(&b) = k.first() {
                may_start[b as usize] = true;
                key_first[b as usize] = true;
            }
        }
        if self.states == NONE {
            return Err(Error::config(format!(
                "gazetteer: {} trie states, more than {}",
                self.states,
                NONE - 1
            )));
        }
        let (accept, mut entries) = csr(self.states as usize, self.accepts);
        if entries.len() >= SOLO as usize {
            return Err(Error::config("gazetteer: too many entries"));
        }
        let originals = inline_spellings(&mut entries, &self.originals);
        for w in accept.windows(2) {
            if let [a, b] = *w {
                if let Some(e) = entries
                    .get_mut(b.wrapping_sub(1) as usize)
                    .filter(|_| a < b)
                {
                    e.last = true;
                }
            }
        }
        let first = |s: u32| {
            let s = s as usize;
            match (accept.get(s), accept.get(s + 1)) {
                (Some(&a), Some(&b)) if a + 1 == b && self.solo => entries
                    .get(a as usize)
                    .and_then(|e| Solo::pack(e, spelling(e, &originals)))
                    .unwrap_or(a),
                (Some(&a), Some(&b)) if a < b => a,
                _ => NONE,
            }
        };
        // The first token of each child of the root, by the builder's state number.
        let mut first_of = vec![NONE; self.states as usize];
        for (token, &s) in (0..).zip(&self.root) {
            if let Some(f) = first_of.get_mut(s as usize) {
                *f = token;
            }
        }
        let starts: Vec<(u32, u32)> = self
            .edges
            .keys()
            .filter_map(|&k| {
                let first = first_of.get((k >> 32) as usize).copied()?;
                (first != NONE).then_some((first, k as u32))
            })
            .collect();
        let pairs = PairFilter::new(&starts);
        let trie = Trie::new(
            self.states as usize,
            &self.root,
            self.edges
                .iter()
                .map(|(&k, &child)| ((k >> 32) as u32, k as u32, child)),
            first,
        )?;
        let root = self.root;
        let suffixes = if self.suffix_keys.is_empty() {
            None
        } else {
            Some(anchored(&self.suffix_keys)?)
        };
        let mut bloom = SetBloom::default();
        for (id, k) in self.vocab_keys.iter().enumerate() {
            let h = normalize::key_hash(k);
            let start_lower = self.start_lower.get(id) == Some(&true);
            let lower = start_lower || self.lower.get(id) == Some(&true);
            let start = root.get(id).is_some_and(|&r| r != NONE);
            for (after_candidate, lower_case, member) in [
                (false, false, start),
                (false, true, start_lower),
                (true, false, true),
                (true, true, lower),
            ] {
                if member {
                    bloom.insert(h, TokenFilters::class(after_candidate, lower_case));
                }
            }
        }
        let filters = TokenFilters(bloom);
        // The exact id of a token of these bytes (see `Index::one_byte`), as the short path
        // of `token_ids` finds it.
        let ids_of = |bytes: &[u8]| {
            let mut chunk = [0; 16];
            let mut ids = [NONE; 2];
            let Some(head) = chunk.get_mut(..bytes.len()) else {
                return ids;
            };
            head.copy_from_slice(bytes);
            let (lo, hi) = normalize::load_words(&chunk, bytes.len());
            let Some(hash) = normalize::scan_words(lo, hi, bytes.len()) else {
                return ids;
            };
            for (after_candidate, id) in [false, true].into_iter().zip(ids.iter_mut()) {
                if filters
                    .pick(after_candidate, super::is_lower(bytes))
                    .contains(hash)
                {
                    *id = vocab.find_words(hash, bytes.len(), lo, hi);
                }
            }
            ids
        };
        let mut one_byte = [[NONE; 2]; 256];
        for (b, ids) in (0..0x80u8).zip(one_byte.iter_mut()) {
            *ids = ids_of(&[b]);
        }
        let mut two_bytes = vec![[NONE; 2]; TWO_BYTE_ASCII + 64];
        let ascii = (0..0x80u8).flat_map(|a| (0..0x80u8).map(move |b| [a, b]));
        for pair in ascii.chain((0x80..0xC0u8).map(|b| [0xC3, b])) {
            if let Some(ids) = two_byte_slot(pair[0], pair[1]).and_then(|i| two_bytes.get_mut(i)) {
                *ids = ids_of(&pair);
            }
        }
        let mut suffix_filter = TailFilter::new();
        for k in &self.suffix_keys {
            // The keys are reversed: the forward key's last bytes are their first.
            let mut tail: Vec<u8> = k.iter().take(TAIL).copied().collect();
            tail.reverse();
            suffix_filter.insert(u64::from(normalize::tail_word(&tail)));
        }
        let suffix_min = self.suffix_keys.iter().map(Vec::len).min().unwrap_or(0);
        let mut tail5_filter = TailFilter::new();
        let head_ends = HeadEnds::new(&self.suffix_keys, suffix_min, &mut tail5_filter);
        let compound_min = if suffixes.is_some() {
            suffix_min + 2
        } else {
            usize::MAX
        };
        let (suffix_accept, suffix_entries) = csr(self.suffix_keys.len(), self.suffix_accepts);
        Ok(Index {
            vocab,
            may_start,
            key_first,
            filters,
            trie,
            pairs,
            entries,
            originals,
            suffixes,
            suffix_accept,
            suffix_entries,
            suffix_filter,
            tail5_filter,
            head_ends,
            suffix_min,
            compound_min,
            one_byte,
            two_bytes,
            punctuation: Vec::new(),
        })
    }
}

/// An anchored leftmost-longest automaton over `keys`: the longest key that is a prefix of the
/// haystack, so a full-token match is one search. A DFA: the role-head forms are a few thousand
/// short keys, so its tables stay small, and each byte is one transition with no failure
/// links to follow.
fn anchored<K: AsRef<[u8]>>(keys: &[K]) -> Result<DFA> {
    DFA::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Anchored)
        .prefilter(false)
        .build(keys)
        .map_err(|e| Error::config(format!("gazetteer automaton: {e}")))
}

/// Groups `(slot, entry)` pairs by slot: `starts[s]..starts[s + 1]` indexes the entries of slot
/// `s`, ordered by kind and entry.
fn csr(slots: usize, mut pairs: Vec<(u32, EntryRef)>) -> (Vec<u32>, Vec<EntryRef>) {
    pairs.sort_by_key(|(s, e)| (*s, e.kind, e.entry, e.inflection));
    pairs.dedup_by_key(|(s, e)| (*s, e.kind, e.entry, e.inflection));
    let mut starts = Vec::with_capacity(slots + 1);
    let mut entries = Vec::with_capacity(pairs.len());
    let mut it = pairs.into_iter().peekable();
    for s in 0..slots as u32 {
        starts.push(entries.len() as u32);
        while let Some((_, e)) = it.next_if(|(slot, _)| *slot == s) {
            entries.push(e);
        }
    }
    starts.push(entries.len() as u32);
    (starts, entries)
}

/// `text` without its last word, and the last word, when the last word is lower-case letters.
fn split_last_word(text: &str) -> Option<(&str, &str)> {
    let start = text.rfind(char::is_whitespace).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let last = &text[start..];
    (!last.is_empty()).then(|| (&text[..start], last))
}

/// The token surfaces of a lexicon key, as the tokenizer splits text (so keys and text agree).
/// Keys of letters and single spaces, nearly all of them, skip the tokenizer: it would split
/// them at the spaces only.
fn split_tokens(tokenizer: &Tokenizer, text: &str, out: &mut Vec<String>) {
    out.clear();
    let simple = text
        .split(' ')
        .all(|w| !w.is_empty() && w.chars().all(char::is_alphabetic) && w.chars().count() > 1);
    if simple {
        out.extend(text.split(' ').map(str::to_string));
    } else {
        out.extend(tokenizer.tokenize(text).map(|t| t.text(text).to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 5-byte endings (lower-case ASCII, so their own keys) whose home slot in a table of
    /// `size` slots is its last.
    fn endings_at_last_slot(size: usize, n: usize) -> Vec<Vec<u8>> {
        let at = HeadEnds {
            shift: 64 - size.trailing_zeros(),
            ..HeadEnds::default()
        };
        let mut found = Vec::new();
        for i in 0u32.. {
            let form: Vec<u8> = (0..TAIL5)
                .map(|k| b'a' + (i / 26u32.pow(k as u32) % 26) as u8)
                .collect();
            if at.home(normalize::load_word(&form)) == size - 1 {
                found.push(form);
                if found.len() == n {
                    break;
                }
            }
        }
        found
    }

    /// Head forms whose endings all hash to the table's last slot are found: the probes of all
    /// but the first wrap around to the table's start, when it is built and when it is asked.
    #[test]
    fn head_ends_find_the_endings_whose_probes_wrap_around() {
        // Three 5-byte forms: three endings, a table of 16 slots.
        let forms = endings_at_last_slot(16, 3);
        let keys: Vec<Vec<u8>> = forms
            .iter()
            .map(|f| f.iter().rev().copied().collect())
            .collect();
        let mut tail5 = TailFilter::new();
        let ends = HeadEnds::new(&keys, TAIL5, &mut tail5);
        assert_eq!(ends.slots.len(), 16);
        let wrapped = ends.slots.iter().take(2).filter(|s| s.key != 0).count();
        assert_eq!(wrapped, 2, "{:?}", ends.slots);
        for form in &forms {
            let word = [b"styre".as_slice(), form].concat();
            assert_eq!(ends.ends_in_head(&word), Some(true), "{word:?}");
            assert_eq!(ends.ends_in_head(form), Some(true), "{form:?}");
            assert!(tail5.contains(end5(normalize::load_word(form))));
        }
    }
}
