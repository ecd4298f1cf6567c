//! A Bloom filter in front of a lexicon table: most words the rules ask about are in no table,
//! and the filter turns them away with one hash and two bit tests, before the table's probe
//! and string compare (and, with a large lexicon, before its cache misses).

use crate::bloom::Bloom;
use crate::fxhash::FxHasher;
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

/// The Fx hash of `word`, mixed so that the bits the filter reads depend on every byte.
#[inline]
fn hash(word: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(word.as_bytes());
    let mut x = h.finish();
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
}
