//! A Bloom filter in front of a lexicon table: most words the rules ask about are in no table,
//! and the filter turns them away with one hash and two bit tests, before the table's probe
//! and string compare (and, with a large lexicon, before its cache misses).

use crate::fxhash::FxHasher;
use std::hash::Hasher;

/// The keys of one table, as bits. A word it rejects is not in the table; a word it passes
/// may be (about one in fifty that are not pass).
#[derive(Clone, Debug, Default)]
pub(crate) struct Sieve {
    bits: Vec<u64>,
    /// Bit count minus one (a power of two); 0 for an empty sieve, which passes nothing.
    mask: u64,
}

impl Sieve {
    /// A sieve over `keys` (of which there are `n`, to size it: twelve bits a key).
    pub fn new<'a>(n: usize, keys: impl IntoIterator<Item = &'a str>) -> Sieve {
        let nbits = (n.saturating_mul(12)).max(64).next_power_of_two();
        let mut s = Sieve {
            bits: vec![0; nbits / 64],
            mask: nbits as u64 - 1,
        };
        for k in keys {
            let (a, b) = s.bits_of(k);
            s.set(a);
            s.set(b);
        }
        s
    }

    /// `word` may be one of the keys.
    #[inline]
    pub fn may_hold(&self, word: &str) -> bool {
        let (a, b) = self.bits_of(word);
        self.get(a) && self.get(b)
    }

    /// Two bit positions from one hash: the Fx hash, mixed so that its low bits depend on
    /// every byte.
    #[inline]
    fn bits_of(&self, word: &str) -> (u64, u64) {
        let mut h = FxHasher::default();
        h.write(word.as_bytes());
        let mut x = h.finish();
        x ^= x >> 32;
        x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        x ^= x >> 29;
        (x & self.mask, (x >> 32) & self.mask)
    }

    #[inline]
    fn get(&self, bit: u64) -> bool {
        self.bits
            .get((bit / 64) as usize)
            .is_some_and(|w| w >> (bit % 64) & 1 == 1)
    }

    fn set(&mut self, bit: u64) {
        if let Some(w) = self.bits.get_mut((bit / 64) as usize) {
            *w |= 1 << (bit % 64);
        }
    }
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
}
