//! A table of the words of one text, found by their token's 16-bit key and confirmed by the
//! words themselves: attribution's per-text word tables, built for each text.

use crate::fxhash::FxHashMap;
use std::collections::hash_map::Entry;

/// Words of one text, a value each, found by the [`Tok::key`](crate::entity::view::Tok::key)
/// of their token (equal words have equal keys) and confirmed by comparing the words: one
/// slot read and a compare, where a map hashed by the whole word (some 100 instructions a
/// lookup) was asked before. The key is a 16-bit hash of a word's first sixteen bytes and its
/// length, so many words may share one (crafted ones do): a word whose first [`MAX_PROBE`]
/// slots are taken goes to a map hashed by the whole word, so that such words never make the
/// table quadratic.
#[derive(Debug)]
pub(crate) struct KeyedWords<'t, V> {
    /// Open addressing from the key, at most half full: an entry's key in the low 16 bits, one
    /// more than its index above them; 0 for an empty slot. A slot of another key is passed
    /// without reading its entry.
    slots: Vec<u64>,
    /// How far the key is shifted to reach every slot of a table of more than 2^16.
    shift: u32,
    /// (key, word, value) in the order they were added.
    entries: Vec<(u16, &'t str, V)>,
    /// The entries whose first [`MAX_PROBE`] slots were taken, by their whole word.
    overflow: FxHashMap<&'t str, usize>,
}

/// `v` emptied, as a list of items of another type, its allocation kept when the two item
/// types have the same size and alignment (the standard library collects a vector's iterator
/// into the vector's own allocation then; as no item is kept, none is converted).
pub(crate) fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

/// The most slots a word is looked for in before the overflow map.
const MAX_PROBE: usize = 8;

/// Where a word's slots led.
enum Probe {
    Found(usize),
    /// Not in the table: the first empty slot of the word's, where it would go.
    Empty(usize),
    /// Every slot of the word's is taken by another: the overflow map answers.
    Full,
}

impl<V> Default for KeyedWords<'_, V> {
    /// An empty table without room: its first word makes some.
    fn default() -> Self {
        KeyedWords {
            slots: Vec::new(),
            shift: 0,
            entries: Vec::new(),
            overflow: FxHashMap::default(),
        }
    }
}

impl<'t, V> KeyedWords<'t, V> {
    /// An empty table with room for `n` words (none allocated for none).
    #[cfg(test)]
    pub(crate) fn with_capacity(n: usize) -> KeyedWords<'t, V> {
        if n == 0 {
            return KeyedWords::default();
        }
        let mut table = KeyedWords {
            entries: Vec::with_capacity(n),
            ..KeyedWords::default()
        };
        table.resize((2 * n).next_power_of_two().max(16));
        table
    }

    /// [`with_capacity`](Self::with_capacity) in the room of `slots` and `entries`, lists an
    /// earlier table gave back ([`into_lists`](Self::into_lists)), of entries of any type of
    /// the size of this table's.
    pub(crate) fn with_capacity_in<E>(n: usize, slots: Vec<u64>, entries: Vec<E>) -> Self {
        let mut table = KeyedWords {
            slots,
            entries: super::cue::room(recycle(entries), n),
            ..KeyedWords::default()
        };
        // A table without slots is one made by `default`: its first word makes some.
        if n == 0 {
            table.slots.clear();
        } else {
            table.resize((2 * n).next_power_of_two().max(16));
        }
        table
    }

    /// The table's lists, emptied, for a later table's
    /// [`with_capacity_in`](Self::with_capacity_in).
    pub(crate) fn into_lists<E>(self) -> (Vec<u64>, Vec<E>) {
        (self.slots, recycle(self.entries))
    }

    /// How many words the table holds.
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// The (key, word, value) of every word, in the order they were added.
    pub(crate) fn entries(&self) -> &[(u16, &'t str, V)] {
        &self.entries
    }

    /// The index of word `word` of key `key`, if the table has it.
    #[inline]
    pub(crate) fn find(&self, key: u16, word: &str) -> Option<usize> {
        match self.probe(key, word) {
            Probe::Found(i) => Some(i),
            Probe::Empty(_) => None,
            Probe::Full => self.overflow.get(word).copied(),
        }
    }

    /// The value of word `word` of key `key`, if the table has it.
    #[inline]
    pub(crate) fn get(&self, key: u16, word: &str) -> Option<&V> {
        let i = self.find(key, word)?;
        self.entries.get(i).map(|(_, _, v)| v)
    }

    /// The value of the word of index `i`.
    #[inline]
    pub(crate) fn value_mut(&mut self, i: usize) -> Option<&mut V> {
        self.entries.get_mut(i).map(|(_, _, v)| v)
    }

    /// The index of word `word` of key `key`, added with the value `value()` when the table
    /// does not have it.
    #[inline]
    pub(crate) fn index_or_insert(
        &mut self,
        key: u16,
        word: &'t str,
        value: impl FnOnce() -> V,
    ) -> usize {
        let i = self.entries.len();
        if 2 * (i + 1) > self.slots.len() {
            self.resize((2 * self.slots.len()).max(16));
        }
        match self.probe(key, word) {
            Probe::Found(i) => return i,
            Probe::Empty(at) => {
                if let Some(slot) = self.slots.get_mut(at) {
                    *slot = Self::slot(key, i);
                }
            }
            Probe::Full => match self.overflow.entry(word) {
                Entry::Occupied(e) => return *e.get(),
                Entry::Vacant(e) => {
                    e.insert(i);
                }
            },
        }
        self.entries.push((key, word, value()));
        i
    }

    /// The slot of the entry of index `i` and key `key`.
    #[inline]
    fn slot(key: u16, i: usize) -> u64 {
        (i as u64 + 1) << 16 | u64::from(key)
    }

    #[inline(always)]
    fn probe(&self, key: u16, word: &str) -> Probe {
        // No slot at all in a table made by `default`: its overflow map, empty, answers.
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = (usize::from(key) << self.shift) & mask;
        for _ in 0..MAX_PROBE {
            let Some(&slot) = self.slots.get(at) else {
                break;
            };
            if slot == 0 {
                return Probe::Empty(at);
            }
            if slot as u16 == key {
                // Words of one key are told apart by the words: the key is only a filter.
                let i = (slot >> 16) as usize - 1;
                if self.entries.get(i).is_some_and(|&(_, w, _)| w == word) {
                    return Probe::Found(i);
                }
            }
            at = (at + 1) & mask;
        }
        Probe::Full
    }

    /// Places every entry again in `n` slots (a power of two).
    fn resize(&mut self, n: usize) {
        self.slots.clear();
        self.slots.resize(n, 0);
        self.shift = n.trailing_zeros().saturating_sub(16);
        self.overflow.clear();
        let mask = n - 1;
        for (i, &(key, word, _)) in self.entries.iter().enumerate() {
            // The words are distinct: each goes to the first empty slot of its key's.
            let mut at = (usize::from(key) << self.shift) & mask;
            let mut placed = false;
            for _ in 0..MAX_PROBE {
                if let Some(slot) = self.slots.get_mut(at)
                    && *slot == 0
                {
                    *slot = Self::slot(key, i);
                    placed = true;
                    break;
                }
                at = (at + 1) & mask;
            }
            if !placed {
                self.overflow.insert(word, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of one key are told apart by the words: a table that trusted the key would
    /// find "abc0" for "abc1". Many of them overflow the slots of their key, before and after
    /// the table grows, and are all still found.
    #[test]
    fn words_of_one_key_are_found_by_the_words() {
        let words: Vec<String> = (0..300).map(|i| format!("abc{i}")).collect();
        let others: Vec<String> = (0..300).map(|i| format!("x{i}")).collect();
        let mut table = KeyedWords::with_capacity(1);
        assert_eq!(table.index_or_insert(7, &words[0], || 0), 0);
        assert_eq!(table.find(7, &words[1]), None);
        assert_eq!(table.find(7, &words[0]), Some(0));
        for (i, (w, other)) in words.iter().zip(&others).enumerate() {
            assert_eq!(table.index_or_insert(7, w, || 2 * i), 2 * i, "{w}");
            // Words of other keys between them, which take their slots.
            assert_eq!(
                table.index_or_insert(8 + i as u16 % 11, other, || 0),
                2 * i + 1
            );
        }
        assert!(!table.overflow.is_empty());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(7, w), Some(&(2 * i)), "{w}");
            assert_eq!(table.find(7, &format!("{w}z")), None, "{w}z");
            // Added again, a word keeps its index, in the slots or in the overflow map.
            assert_eq!(table.index_or_insert(7, w, || usize::MAX), 2 * i, "{w}");
        }
        assert_eq!(table.len(), 600);
    }

    /// A table grown past 2^16 slots reaches them all from the 16-bit keys, and finds every
    /// word as a map does.
    #[test]
    fn a_large_table_finds_every_word() {
        let mut next = crate::testing::xorshift(0x9e37_79b9_7f4a_7c15);
        // A word's key is a function of the word, as a token's is.
        let keys: Vec<u16> = (0..50_000).map(|_| next(1 << 16) as u16).collect();
        let words: Vec<(u16, String)> = (0..70_000)
            .map(|_| {
                let w = next(keys.len());
                (keys[w], format!("w{w}"))
            })
            .collect();
        let mut table = KeyedWords::with_capacity(16);
        let mut want: FxHashMap<&str, usize> = FxHashMap::default();
        for (key, w) in &words {
            let n = want.len();
            let i = *want.entry(w).or_insert(n);
            assert_eq!(table.index_or_insert(*key, w, || ()), i);
        }
        assert!(table.slots.len() > 1 << 16);
        for (key, w) in &words {
            assert_eq!(table.find(*key, w), want.get(w.as_str()).copied());
        }
    }

    /// A table made in the lists an earlier table gave back (larger, smaller, none) finds
    /// its own words and none of the earlier table's, as a fresh table does.
    #[test]
    fn a_table_in_kept_lists_finds_what_a_fresh_one_finds() {
        let sizes = [300, 0, 5, 1000, 1, 40];
        let texts: Vec<Vec<String>> = sizes
            .iter()
            .enumerate()
            .map(|(t, &n)| (0..n).map(|i| format!("t{t}w{i}")).collect())
            .collect();
        let key = |w: &str| crate::entity::view::word_key(w) & 0x0f0f;
        let (mut slots, mut entries): (Vec<u64>, Vec<[usize; 3]>) = (Vec::new(), Vec::new());
        for (t, words) in texts.iter().enumerate() {
            let mut kept = KeyedWords::with_capacity_in(words.len() / 2, slots, entries);
            let mut fresh = KeyedWords::with_capacity(words.len() / 2);
            for (i, w) in words.iter().enumerate() {
                assert_eq!(kept.index_or_insert(key(w), w, || i as u32), i);
                assert_eq!(fresh.index_or_insert(key(w), w, || i as u32), i);
            }
            for other in texts.iter().flatten() {
                assert_eq!(
                    kept.find(key(other), other),
                    fresh.find(key(other), other),
                    "{t}"
                );
                assert_eq!(kept.get(key(other), other), fresh.get(key(other), other));
            }
            (slots, entries) = kept.into_lists();
            // The entries' list is kept: (key, word, u32) is of the size of three words.
            assert!(words.is_empty() || entries.capacity() >= words.len() / 2);
        }
    }
}
