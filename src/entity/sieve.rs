//! A Bloom filter in front of a lexicon table: most words the rules ask about are in no table,
//! and the filter turns them away with one hash and two bit tests, before the table's probe
//! and string compare (and, with a large lexicon, before its cache misses).

use crate::bloom::Bloom;
use crate::fxhash::FxHasher;
use crate::normalize::load16;
use std::hash::Hasher;

/// The keys of one table, as a [`Bloom`] filter of their hashes. A word it rejects is not in
/// the table; a word it passes may be.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sieve(Bloom);

impl Sieve {
    /// A sieve over `keys` (of which there are `n`, to size it: twelve bits a key).
    pub fn new<'a>(n: usize, keys: impl IntoIterator<Item = &'a str>) -> Sieve {
        let mut bloom = Bloom::with_items(n, 12);
        for k in keys {
            bloom.insert(hash(k));
        }
        Sieve(bloom)
    }

    /// `word` may be one of the keys.
    #[inline]
    pub fn may_hold(&self, word: &str) -> bool {
        self.0.contains(hash(word))
    }
}

/// Words and their values behind a [`Sieve`] of them, found by the hash the sieve computed: a
/// word the sieve passes (a listed name, most of the names the rules ask at 100 000 entries)
/// costs no second hash, and a probe compares whole hashes before any bytes.
#[derive(Clone, Debug)]
pub(crate) struct WordTable<V> {
    sieve: Sieve,
    /// Open addressing by the hash's low bits, at most half full: each slot a word's hash, one
    /// more than the index of its entry (0 for an empty slot) and the word's length.
    slots: Vec<Slot>,
    entries: Vec<(Box<str>, V)>,
    /// Each entry's first sixteen bytes ([`load16`]): a word of up to sixteen bytes is
    /// compared as two numbers and its length, without a call to compare bytes.
    heads: Vec<(u64, u64)>,
}

/// A [`WordTable`] slot: the word's hash, its entry's index plus one, and its length.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    hash: u64,
    id: u32,
    len: u32,
}

impl<V> Default for WordTable<V> {
    fn default() -> WordTable<V> {
        WordTable {
            sieve: Sieve::default(),
            slots: Vec::new(),
            entries: Vec::new(),
            heads: Vec::new(),
        }
    }
}

impl<V> WordTable<V> {
    /// The table of `words`, which are distinct (the keys of a map).
    pub fn new(words: impl IntoIterator<Item = (String, V)>) -> WordTable<V> {
        let entries: Vec<(Box<str>, V)> = words
            .into_iter()
            .map(|(w, v)| (w.into_boxed_str(), v))
            .collect();
        let sieve = Sieve::new(entries.len(), entries.iter().map(|(w, _)| &**w));
        let n_slots = (2 * entries.len()).next_power_of_two().max(16);
        let mask = n_slots - 1;
        let mut slots = vec![Slot::default(); n_slots];
        for (i, (w, _)) in entries.iter().enumerate() {
            // More than four billion words are no lexicon: past them a word is not found.
            let (Ok(id), Ok(len)) = (u32::try_from(i + 1), u32::try_from(w.len())) else {
                break;
            };
            let h = hash(w);
            let mut at = h as usize & mask;
            while let Some(slot) = slots.get_mut(at) {
                if slot.id == 0 {
                    *slot = Slot { hash: h, id, len };
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        let heads = entries.iter().map(|(w, _)| load16(w.as_bytes())).collect();
        WordTable {
            sieve,
            slots,
            entries,
            heads,
        }
    }

    /// The value of `word`, if listed.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        self.get_sifted(word, true)
    }

    /// [`get`](Self::get) of a word a caller's own filter passed, when most such words are
    /// listed (the given names whose key is a given name's): the sieve would pass them too,
    /// and its test is left out for a word of up to sixteen bytes. A word that is not listed
    /// costs a probe of the table, as one the sieve passes does.
    #[inline]
    pub fn get_passed(&self, word: &str) -> Option<&V> {
        self.get_sifted(word, false)
    }

    /// [`get`](Self::get), the sieve asked first when `sift`.
    #[inline(always)]
    fn get_sifted(&self, word: &str, sift: bool) -> Option<&V> {
        let b = word.as_bytes();
        if b.len() > HEAD {
            return self.get_long(word);
        }
        let head = load16(b);
        let h = hash_head(head, b.len());
        if sift && !self.sieve.0.contains(h) {
            return None;
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = h as usize & mask;
        // The table is at most half full: a probe meets an empty slot. Two words of at most
        // sixteen bytes are equal when their lengths and heads are.
        while let Some(&Slot { hash, id, len }) = self.slots.get(at) {
            let entry = id.checked_sub(1)? as usize;
            if hash == h && len as usize == b.len() && self.heads.get(entry) == Some(&head) {
                return self.entries.get(entry).map(|(_, v)| v);
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// [`get`](Self::get) of a word longer than sixteen bytes, compared byte by byte.
    #[inline(never)]
    fn get_long(&self, word: &str) -> Option<&V> {
        let h = hash(word);
        if !self.sieve.0.contains(h) {
            return None;
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = h as usize & mask;
        while let Some(&Slot { hash, id, .. }) = self.slots.get(at) {
            let entry = id.checked_sub(1)?;
            if hash == h {
                if let Some((w, v)) = self.entries.get(entry as usize) {
                    if **w == *word {
                        return Some(v);
                    }
                }
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// `word` is listed.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }
}

/// The most bytes of a word hashed and compared by its two words ([`load16`]).
const HEAD: usize = 16;

/// The hash of `word`, mixed so that the bits the filter reads depend on every byte: a word of
/// up to [`HEAD`] bytes from its two words ([`hash_head`]), a longer one by Fx.
#[inline]
fn hash(word: &str) -> u64 {
    let b = word.as_bytes();
    if b.len() <= HEAD {
        hash_head(load16(b), b.len())
    } else {
        hash_long(b)
    }
}

/// [`hash`] of a word longer than [`HEAD`] bytes (few words asked): out of line.
#[inline(never)]
fn hash_long(b: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(b);
    mix(h.finish())
}

/// [`hash`] of a word of `len` bytes, at most [`HEAD`], whose [`load16`] is `head`: two
/// multiplications where the Fx loop took a word a round and its tail in up to two loads.
#[inline]
fn hash_head((lo, hi): (u64, u64), len: usize) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let x = (lo ^ len as u64).wrapping_mul(SEED);
    mix((x.rotate_left(26) ^ hi).wrapping_mul(SEED))
}

/// The final mix of a hash: its high bits, which the filter and the table read, depend on all
/// of its bits.
#[inline]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 32;
    x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_every_key_and_turns_most_others_away() {
        let keys: Vec<String> = (0..1000).map(|i| format!("navn{i}")).collect();
        let s = Sieve::new(keys.len(), keys.iter().map(String::as_str));
        assert!(keys.iter().all(|k| s.may_hold(k)));
        let passed = (0..1000).filter(|i| s.may_hold(&format!("ord{i}"))).count();
        assert!(passed < 100, "{passed}");
        assert!(!Sieve::default().may_hold("a"));
    }

    #[test]
    fn word_tables_find_every_word_with_its_value_and_no_other() {
        let words: Vec<(String, usize)> = (0..1000).map(|i| (format!("navn{i}"), i)).collect();
        let table = WordTable::new(words.clone());
        for (w, i) in &words {
            assert_eq!(table.get(w), Some(i), "{w}");
            assert_eq!(table.get_passed(w), Some(i), "{w}");
        }
        assert!((0..1000).all(|i| !table.contains(&format!("ord{i}"))));
        assert!((0..1000).all(|i| table.get_passed(&format!("ord{i}")).is_none()));
        assert!(!table.contains("") && !table.contains("navn"));
        assert_eq!(WordTable::<()>::default().get("a"), None);
        // Around the sixteen bytes compared as numbers: words that share their first sixteen
        // bytes, or differ only in their last byte or their length, and non-ASCII ones.
        let stem = "Kari Nordmann-Østbyåsen Hansen";
        let mut words: Vec<String> = Vec::new();
        for (end, _) in stem.char_indices().skip(1) {
            words.push(stem[..end].to_string());
        }
        words.push(stem.to_string());
        let table = WordTable::new(words.iter().map(|w| (w.clone(), w.len())));
        for w in &words {
            assert_eq!(table.get(w), Some(&w.len()), "{w:?}");
            for other in [format!("{w}x"), format!("{w}\0"), w.replacen('K', "k", 1)] {
                if !words.contains(&other) {
                    assert_eq!(table.get(&other), None, "{other:?}");
                    assert_eq!(table.get_passed(&other), None, "{other:?}");
                }
            }
        }
        assert_eq!(WordTable::<()>::new([]).get("a"), None);
        assert_eq!(WordTable::<()>::new([]).get_passed("a"), None);
        assert_eq!(WordTable::<()>::default().get_passed("a"), None);
    }
}
