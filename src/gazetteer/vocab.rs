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

/// One table slot: the low half of the key's hash, to skip most compares, and the token id
/// (`NONE` when the slot is empty).
#[derive(Clone, Copy, Debug)]
struct Slot {
    tag: u32,
    id: u32,
}

const EMPTY: Slot = Slot { tag: 0, id: NONE };

/// The table; immutable once built.
#[derive(Debug, Clone)]
pub(crate) struct Vocab {
    /// A power of two of slots, at most half full, probed linearly.
    slots: Vec<Slot>,
    /// Right shift that takes a hash's top bits to a slot index.
    shift: u32,
    /// The keys end to end: key `id` is `bytes[starts[id]..starts[id + 1]]`.
    bytes: Vec<u8>,
    starts: Vec<u32>,
}

impl Vocab {
    /// The table of `keys`; key `i` gets id `i`. The keys are distinct.
    pub(crate) fn new<K: AsRef<[u8]>>(keys: &[K]) -> Vocab {
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut vocab = Vocab {
            slots: vec![EMPTY; size],
            shift: 64 - size.trailing_zeros(),
            bytes: Vec::with_capacity(keys.iter().map(|k| k.as_ref().len()).sum()),
            starts: Vec::with_capacity(keys.len() + 1),
        };
        for (id, key) in keys.iter().enumerate() {
            let key = key.as_ref();
            vocab.starts.push(vocab.bytes.len() as u32);
            vocab.bytes.extend_from_slice(key);
            let h = normalize::key_hash(key);
            let mut i = vocab.home(h);
            while vocab.slots.get(i).is_some_and(|s| s.id != NONE) {
                i = (i + 1) & (size - 1);
            }
            if let Some(slot) = vocab.slots.get_mut(i) {
                *slot = Slot {
                    tag: h as u32,
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

    #[inline]
    fn home(&self, hash: u64) -> usize {
        (hash >> self.shift) as usize
    }

    /// The key of token id `id`.
    #[inline]
    fn key(&self, id: u32) -> &[u8] {
        let id = id as usize;
        match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&a), Some(&b)) => self.bytes.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The id of the key whose [`normalize::key_hash`] is `hash` and for which `same` holds.
    #[inline]
    fn find(&self, hash: u64, same: impl Fn(&[u8]) -> bool) -> u32 {
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        while let Some(&slot) = self.slots.get(i) {
            if slot.id == NONE {
                break;
            }
            if slot.tag == hash as u32 && same(self.key(slot.id)) {
                return slot.id;
            }
            i = (i + 1) & mask;
        }
        NONE
    }

    /// The id of `key` (`NONE` when it is no token key); `hash` is its [`normalize::key_hash`].
    #[inline]
    pub(crate) fn find_key(&self, hash: u64, key: &[u8]) -> u32 {
        self.find(hash, |k| k == key)
    }

    /// The id of the key of `surface`, a token of ASCII and two-byte Latin-1 only
    /// ([`normalize::scan_key`] said so); `hash` is the hash it computed.
    #[inline]
    pub(crate) fn find_surface(&self, hash: u64, surface: &[u8]) -> u32 {
        self.find(hash, |k| normalize::is_key_of(surface, k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_surfaces() {
        let keys: Vec<Vec<u8>> = ["kari", "hansen", "ørsted", "næringsminister", "[x]", "a"]
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
        ] {
            let scan = normalize::scan_key(surface.as_bytes(), surface.len());
            let found = scan.map(|s| vocab.find_surface(s.hash, surface.as_bytes()));
            assert_eq!(found, Some(want), "{surface}");
        }
    }
}
