//! The token vocabulary: every distinct token key of the entries, with its token id, in an
//! open-addressing hash table keyed by [`normalize::key_hash`].
//!
//! A text token is looked up by the hash [`normalize::scan_key`] computed from its surface, and
//! the table compares the key with the surface itself (capitals allowed where the key has the
//! lower case), so an ASCII or Latin-1 token is found without building its key. This replaced an
//! anchored aho-corasick walk over the keys: one probe and one compare of a few words instead of
//! one state transition per byte.

use super::index::NONE;
use crate::normalize;

/// One table slot: a tag of the key's hash and length to skip most compares, and the token id
/// (`NONE` when the slot is empty). The key's first 8 bytes (the whole of most keys) are in
/// [`Vocab::words`], read only on a tag match: 8-byte slots where the key's word inline took 16
/// halve the table, whose random lines a gazetteer at 100 000 names missed about once a name.
#[derive(Clone, Copy, Debug)]
struct Slot {
    tag: u32,
    id: u32,
}

const EMPTY: Slot = Slot { tag: 0, id: NONE };

/// The tag of a key: middle bits of its hash (its low bits depend on few of the key's bytes,
/// see [`normalize::key_hash`]), and its length (up to 255) in the low byte.
#[inline]
fn tag(hash: u64, len: usize) -> u32 {
    ((hash >> 24) as u32 & !0xFF) | len.min(0xFF) as u32
}

/// The table; immutable once built.
#[derive(Debug, Clone)]
pub(crate) struct Vocab {
    /// Twice as many slots as keys (at least 16), probed linearly from [`Vocab::home`]: not a
    /// power of two, which left the table between a quarter and half full.
    slots: Vec<Slot>,
    /// Key `id`'s first 8 bytes, zero above a shorter key.
    words: Vec<u64>,
    /// The keys end to end: key `id` is `bytes[starts[id]..starts[id + 1]]`.
    bytes: Vec<u8>,
    starts: Vec<u32>,
}

impl Vocab {
    /// The table of `keys`; key `i` gets id `i`. The keys are distinct.
    pub(crate) fn new<K: AsRef<[u8]>>(keys: &[K]) -> Vocab {
        let size = (keys.len() * 2).max(16);
        let mut vocab = Vocab {
            slots: vec![EMPTY; size],
            words: Vec::with_capacity(keys.len()),
            bytes: Vec::with_capacity(keys.iter().map(|k| k.as_ref().len()).sum()),
            starts: Vec::with_capacity(keys.len() + 1),
        };
        for (id, key) in keys.iter().enumerate() {
            let key = key.as_ref();
            vocab.starts.push(vocab.bytes.len() as u32);
            vocab.bytes.extend_from_slice(key);
            vocab.words.push(normalize::load_word(key));
            let h = normalize::key_hash(key);
            let mut i = vocab.home(h);
            while vocab.slots.get(i).is_some_and(|s| s.id != NONE) {
                i = if i + 1 == size { 0 } else { i + 1 };
            }
            if let Some(slot) = vocab.slots.get_mut(i) {
                *slot = Slot {
                    tag: tag(h, key.len()),
                    id: id as u32,
                };
            }
        }
        vocab.starts.push(vocab.bytes.len() as u32);
        vocab
    }

    /// Number of keys.
    pub(crate) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The slot a probe starts at: the hash's high half scaled to the number of slots.
    #[inline]
    fn home(&self, hash: u64) -> usize {
        (((hash >> 32) * self.slots.len() as u64) >> 32) as usize
    }

    /// The key of token id `id` (empty for no key).
    pub(crate) fn key(&self, id: u32) -> &[u8] {
        let id = id as usize;
        match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&a), Some(&b)) => self.bytes.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The bytes of the key of token id `id` after its first 8.
    #[inline]
    fn key_rest(&self, id: u32) -> &[u8] {
        let id = id as usize;
        match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&a), Some(&b)) => self.bytes.get(a as usize + 8..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The id of the first key in the probe sequence of `hash` whose slot has the tag of
    /// `hash` and `len` and for which `same(its first word, its id)` holds (`NONE` when
    /// none does): the probe both lookups share, they differ in how they compare.
    #[inline]
    fn probe(&self, hash: u64, len: usize, same: impl Fn(u64, u32) -> bool) -> u32 {
        let tag = tag(hash, len);
        let mut i = self.home(hash);
        while let Some(&slot) = self.slots.get(i).filter(|s| s.id != NONE) {
            if slot.tag == tag {
                if let Some(&word) = self.words.get(slot.id as usize) {
                    if same(word, slot.id) {
                        return slot.id;
                    }
                }
            }
            i = if i + 1 == self.slots.len() { 0 } else { i + 1 };
        }
        NONE
    }

    /// The id of `key` (`NONE` when it is no token key); `hash` is its [`normalize::key_hash`].
    pub(crate) fn find_key(&self, hash: u64, key: &[u8]) -> u32 {
        let word = normalize::load_word(key);
        self.probe(hash, key.len(), |slot_word, id| {
            slot_word == word && (key.len() <= 8 || key.get(8..) == Some(self.key_rest(id)))
        })
    }

    /// [`Vocab::find_surface`] of a surface of `len` bytes, at most 16, given as its
    /// little-endian words `lo` and `hi` (zero above `len` bytes).
    #[inline]
    pub(crate) fn find_words(&self, hash: u64, len: usize, lo: u64, hi: u64) -> u32 {
        self.probe(hash, len, |slot_word, id| {
            normalize::is_key_word(lo, slot_word)
                && (len <= 8 || {
                    let rest = self.key_rest(id);
                    rest.len() == len - 8 && normalize::is_key_word(hi, normalize::load_word(rest))
                })
        })
    }

    /// The id of the key of `surface`, a token of ASCII and two-byte Latin-1 only
    /// ([`normalize::scan_key`] said so); `hash` is the hash it computed.
    #[inline]
    pub(crate) fn find_surface(&self, hash: u64, surface: &[u8]) -> u32 {
        let word = normalize::load_word(surface);
        self.probe(hash, surface.len(), |slot_word, id| {
            normalize::is_key_word(word, slot_word)
                && (surface.len() <= 8
                    || normalize::is_key_of(surface.get(8..).unwrap_or(&[]), self.key_rest(id)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_surfaces() {
        let keys: Vec<Vec<u8>> = [
            "kari",
            "hansen",
            "ørsted",
            "næringsminister",
            "[x]",
            "a",
            "a÷b",
            "`a",
        ]
        .iter()
        .map(|s| normalize::key(s))
        .collect();
        let vocab = Vocab::new(&keys);
        assert_eq!(vocab.len(), keys.len());
        for (id, k) in keys.iter().enumerate() {
            assert_eq!(vocab.find_key(normalize::key_hash(k), k), id as u32);
        }
        for (surface, want) in [
            ("Kari", 0),
            ("HANSEN", 1),
            ("ØRSTED", 2),
            ("Ørsted", 2),
            ("NæringsMinister", 3),
            ("[X]", 4),
            ("{x}", NONE),
            ("A", 5),
            ("b", NONE),
            ("karin", NONE),
            ("NæringsMINISTER", 3),
            ("NæringsMINISTEr", 3),
            ("NæringsMINISTERE", NONE),
            ("A÷B", 6),
            ("A×B", NONE),
            ("`A", 7),
            ("@A", NONE),
        ] {
            let scan = normalize::scan_key(surface.as_bytes(), surface.len());
            let found = scan.map(|s| vocab.find_surface(s.hash, surface.as_bytes()));
            assert_eq!(found, Some(want), "{surface}");
            let b = surface.as_bytes();
            let (lo, hi) = (
                normalize::load_word(b),
                normalize::load_word(b.get(8..).unwrap_or(&[])),
            );
            let words = normalize::scan_words(lo, hi, b.len());
            let found = words.map(|hash| vocab.find_words(hash, b.len(), lo, hi));
            assert_eq!(found, Some(want), "{surface}");
        }
    }

    /// Thousands of keys of 1 to 24 bytes, many sharing their first 8, in a table of twice as
    /// many slots whose probes wrap around its end: every key is found by its key, its
    /// capitalised surface and its words, and keys one byte longer or shorter are not.
    #[test]
    fn finds_every_key_of_a_full_table() {
        let mut seed = 11u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        const LETTERS: [&str; 8] = ["a", "b", "e", "n", "s", "ø", "æ", "-"];
        let mut keys: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while keys.len() < 3000 {
            let len = 1 + next(16) as usize;
            let mut k = if next(3) == 0 {
                String::from("andersen")
            } else {
                String::new()
            };
            while k.len() < len {
                k.push_str(LETTERS[next(8) as usize]);
            }
            if seen.insert(k.clone()) {
                keys.push(k);
            }
        }
        let vocab = Vocab::new(&keys);
        assert_eq!(vocab.slots.len(), 2 * keys.len());
        let wrapped = vocab.slots.iter().enumerate().any(|(i, s)| {
            keys.get(s.id as usize)
                .is_some_and(|k| vocab.home(normalize::key_hash(k.as_bytes())) > i)
        });
        assert!(wrapped);
        for (id, k) in keys.iter().enumerate() {
            let id = id as u32;
            let b = k.as_bytes();
            assert_eq!(vocab.find_key(normalize::key_hash(b), b), id, "{k}");
            assert_eq!(vocab.key(id), b);
            let upper = k.to_uppercase();
            let scan = normalize::scan_key(upper.as_bytes(), upper.len());
            assert_eq!(
                scan.map(|s| vocab.find_surface(s.hash, upper.as_bytes())),
                Some(id),
                "{upper}"
            );
            if b.len() <= 16 {
                let (lo, hi) = normalize::load16(b);
                let hash = normalize::scan_words(lo, hi, b.len());
                assert_eq!(hash.map(|h| vocab.find_words(h, b.len(), lo, hi)), Some(id));
            }
            for other in [format!("{k}a"), format!("a{k}")] {
                if !seen.contains(&other) {
                    let o = other.as_bytes();
                    assert_eq!(vocab.find_key(normalize::key_hash(o), o), NONE, "{other}");
                }
            }
        }
    }
}
