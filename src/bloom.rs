//! A Bloom filter over 64-bit hashes, in front of the lexicon tables: most words are in no
//! table, and the filter turns them away with one cache line before a probe and its compare.

/// Words of bits picked by a hash's top bits: the storage and the one-word probe of a
/// [`Bloom`] sized to its items. The default holds no word, so that every test fails.
#[derive(Debug, Clone, Default)]
struct HashWords {
    bits: Vec<u64>,
    /// The right shift that takes a hash's top bits to a word of `bits`.
    word_shift: u32,
}

impl HashWords {
    /// `words` words (a power of two).
    fn with_words(words: usize) -> HashWords {
        HashWords {
            bits: vec![0; words],
            word_shift: 64 - words.trailing_zeros(),
        }
    }

    /// The word of `h`, from its top bits (the high half of a multiplicative hash depends on
    /// every input byte).
    #[inline(always)]
    fn word(&self, h: u64) -> usize {
        (h >> (self.word_shift & 63)) as usize
    }

    fn set(&mut self, h: u64, bits: u64) {
        let word = self.word(h);
        if let Some(w) = self.bits.get_mut(word) {
            *w |= bits;
        }
    }

    /// All of `bits` are set in the word of `h`.
    #[inline(always)]
    fn all(&self, h: u64, bits: u64) -> bool {
        self.bits
            .get(self.word(h))
            .is_some_and(|w| w & bits == bits)
    }
}

/// A Bloom filter over 64-bit hashes with two probes, both in one word. A hash it rejects was
/// never inserted; the default filter holds nothing and rejects everything.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bloom(HashWords);

impl Bloom {
    /// A filter for about `items` hashes at `bits_per_item` bits each (at least 256 items).
    pub(crate) fn with_items(items: usize, bits_per_item: usize) -> Bloom {
        let bits = (items.max(256).saturating_mul(bits_per_item)).next_power_of_two();
        Bloom(HashWords::with_words(bits / 64))
    }

    /// Both probes fall in one word: one cache line per lookup. The bits come from the high
    /// half of `h`.
    #[inline(always)]
    fn bits(h: u64) -> u64 {
        (1 << ((h >> 28) & 63)) | (1 << ((h >> 34) & 63))
    }

    pub(crate) fn insert(&mut self, h: u64) {
        self.0.set(h, Bloom::bits(h));
    }

    /// False when `h` was certainly never inserted.
    #[inline(always)]
    pub(crate) fn contains(&self, h: u64) -> bool {
        self.0.all(h, Bloom::bits(h))
    }
}

/// A Bloom filter over 64-bit hashes in four sets (the gazetteer's classes of token keys), one
/// probe: a hash picks a word, and in the word's 16-bit lane of its set one bit. A hash it
/// rejects was never inserted in that set; the default filter holds nothing and rejects
/// everything.
///
/// One bit in a lane rather than a [`Bloom`] per set: at one word per item (16 bits a
/// set), it says maybe to about one hash in sixteen of a full set, where two bits in four
/// filters said one in fifty; but a token asks it with half the instructions, no filter to
/// pick, and the sets share the cache line.
///
/// Fixed in size ([`SET_BLOOM_WORDS`], 256 KiB), like the gazetteer's `TailFilter`: the loop
/// over the tokens asks it at nearly every word, and a fixed size needs no shift or length to
/// be loaded and no bounds check. A set has 524 288 bits: the embedded lexicons' 15 000 token
/// keys fill at most about 1/35 of them, 100 000 entries' 20 000 about 1/26; a lexicon of
/// many more keys only makes it say maybe more often.
#[derive(Debug, Clone)]
pub(crate) struct SetBloom {
    bits: Box<[u64; SET_BLOOM_WORDS]>,
}

/// The size of a [`SetBloom`] in words.
const SET_BLOOM_WORDS: usize = 1 << 15;

impl Default for SetBloom {
    fn default() -> SetBloom {
        // Through a vector: the array is too large for a thread's stack in a debug build. The
        // conversion cannot fail (the vector has the array's length), so the fallback, which
        // would build the array on the stack, never runs.
        let bits = vec![0; SET_BLOOM_WORDS].into_boxed_slice().try_into();
        SetBloom {
            bits: bits.unwrap_or_else(|_| Box::new([0; SET_BLOOM_WORDS])),
        }
    }
}

impl SetBloom {
    /// The word of `h`, from its top bits (the high half of a multiplicative hash depends on
    /// every input byte).
    #[inline(always)]
    fn word(h: u64) -> usize {
        (h >> (64 - SET_BLOOM_WORDS.trailing_zeros())) as usize
    }

    /// The bit from bits 28..32 of `h`, in the 16-bit lane of `set`.
    #[inline(always)]
    fn bit(h: u64, set: usize) -> u64 {
        1 << ((set * 16 + (h >> 28) as usize % 16) % 64)
    }

    pub(crate) fn insert(&mut self, h: u64, set: usize) {
        if let Some(w) = self.bits.get_mut(SetBloom::word(h)) {
            *w |= SetBloom::bit(h, set);
        }
    }

    /// False when `h` was certainly never inserted in `set`.
    #[inline(always)]
    pub(crate) fn contains(&self, h: u64, set: usize) -> bool {
        let bit = SetBloom::bit(h, set);
        self.bits
            .get(SetBloom::word(h))
            .is_some_and(|w| w & bit == bit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_was_inserted_and_nothing_by_default() {
        let mut b = Bloom::with_items(100, 16);
        let hashes: Vec<u64> = (0..100u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        hashes.iter().for_each(|&h| b.insert(h));
        assert!(hashes.iter().all(|&h| b.contains(h)));
        assert!(!Bloom::default().contains(0));
    }

    #[test]
    fn sets_hold_what_was_inserted_in_them() {
        let mut b = SetBloom::default();
        let hashes: Vec<u64> = (0..100u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        hashes.iter().for_each(|&h| b.insert(h, 1));
        assert!(hashes.iter().all(|&h| b.contains(h, 1)));
        assert!(hashes.iter().any(|&h| !b.contains(h, 2)));
        assert!(!SetBloom::default().contains(0, 0));
    }
}
