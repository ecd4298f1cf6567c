//! A fast non-cryptographic hasher for the word and token tables of the tokenizer
//! (abbreviations) and the entity, coreference and quote stages.
//!
//! The keys are short words and token indices looked up several times per token; the
//! standard SipHash costs more than the lookups it serves. This is the multiply-rotate hash of
//! the Rust compiler (`FxHasher`), written out here rather than adding a dependency for twenty
//! lines. It is not resistant to chosen collisions: a text crafted against it slows the
//! tables down (each lookup stays correct), it cannot change their answers.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The hasher state.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(c);
            self.add(u64::from_le_bytes(buf));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The rest zero-padded and read little-endian, in at most two loads: copying a
            // short slice of unknown length called `memcpy`, for every key.
            self.add(crate::normalize::load_short(rest));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// `HashSet` with [`FxHasher`].
pub(crate) type FxHashSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_hashes_as_a_zero_padded_word() {
        let bytes: Vec<u8> = (1..=23).map(|b| b * 11).collect();
        for len in 0..=bytes.len() {
            let word = &bytes[..len];
            let mut h = FxHasher::default();
            h.write(word);
            // The reference: whole words, then the tail zero-padded to eight bytes.
            let mut r = FxHasher::default();
            for c in word.chunks(8) {
                let mut buf = [0u8; 8];
                buf[..c.len()].copy_from_slice(c);
                r.add(u64::from_le_bytes(buf));
            }
            assert_eq!(h.finish(), r.finish(), "{len} bytes");
        }
    }

    #[test]
    fn tables_answer_as_std() {
        let words = [
            "",
            "a",
            "Andreassen",
            "Nærings- og fiskeridepartementet",
            "12345678",
        ];
        let mut fx: FxHashSet<String> = FxHashSet::default();
        fx.extend(words.iter().map(|w| w.to_string()));
        for w in words {
            assert!(fx.contains(w));
        }
        assert!(!fx.contains("b"));
        assert_eq!(fx.len(), words.len());
    }
}
