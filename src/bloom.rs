//! A Bloom filter over 64-bit hashes, in front of the lexicon tables: most words are in no
//! table, and the filter turns them away with one cache line before a probe and its compare.

/// A Bloom filter over 64-bit hashes with two probes, both in one word. A hash it rejects was
/// never inserted; the default filter holds nothing and rejects everything.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bloom {
    bits: Vec<u64>,
    /// The right shift that takes a hash's top bits to a word of `bits`.
    word_shift: u32,
}

impl Bloom {
    /// A filter for about `items` hashes at `bits_per_item` bits each (at least 256 items).
    pub(crate) fn with_items(items: usize, bits_per_item: usize) -> Bloom {
        let bits = (items.max(256).saturating_mul(bits_per_item)).next_power_of_two();
        Bloom {
            bits: vec![0; bits / 64],
            word_shift: 64 - (bits / 64).trailing_zeros(),
        }
    }

    /// Both probes fall in one word: one cache line per lookup. The bits come from the high
    /// half of `h`, the bits of a multiplicative hash that depend on every input byte.
    #[inline(always)]
    fn probe(&self, h: u64) -> (usize, u64) {
        let word = (h >> (self.word_shift & 63)) as usize;
        (word, (1 << ((h >> 28) & 63)) | (1 << ((h >> 34) & 63)))
    }

    pub(crate) fn insert(&mut self, h: u64) {
        let (word, bits) = self.probe(h);
        if let Some(w) = self.bits.get_mut(word) {
            *w |= bits;
        }
    }

    /// False when `h` was certainly never inserted.
    #[inline(always)]
    pub(crate) fn contains(&self, h: u64) -> bool {
        let (word, bits) = self.probe(h);
        self.bits.get(word).is_some_and(|w| w & bits == bits)
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
#[derive(Debug, Clone, Default)]
pub(crate) struct SetBloom {
    bits: Vec<u64>,
    /// The right shift that takes a hash's top bits to a word of `bits`.
    word_shift: u32,
}

impl SetBloom {
    /// A filter for about `items` hashes in each set (at least 256 items).
    pub(crate) fn with_items(items: usize) -> SetBloom {
        let words = items.max(256).next_power_of_two();
        SetBloom {
            bits: vec![0; words],
            word_shift: 64 - words.trailing_zeros(),
        }
    }

    /// The word from the hash's top bits; the bit from bits 28..32 (the high half of a
    /// multiplicative hash depends on every input byte), in the 16-bit lane of `set`.
    #[inline(always)]
    fn probe(&self, h: u64, set: usize) -> (usize, u64) {
        let word = (h >> (self.word_shift & 63)) as usize;
        let bit = (set * 16 + (h >> 28) as usize % 16) % 64;
        (word, 1 << bit)
    }

    pub(crate) fn insert(&mut self, h: u64, set: usize) {
        let (word, bit) = self.probe(h, set);
        if let Some(w) = self.bits.get_mut(word) {
            *w |= bit;
        }
    }

    /// False when `h` was certainly never inserted in `set`.
    #[inline(always)]
    pub(crate) fn contains(&self, h: u64, set: usize) -> bool {
        let (word, bit) = self.probe(h, set);
        self.bits.get(word).is_some_and(|w| w & bit != 0)
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
        let mut b = SetBloom::with_items(100);
        let hashes: Vec<u64> = (0..100u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        hashes.iter().for_each(|&h| b.insert(h, 1));
        assert!(hashes.iter().all(|&h| b.contains(h, 1)));
        assert!(hashes.iter().any(|&h| !b.contains(h, 2)));
        assert!(!SetBloom::default().contains(0, 0));
    }
}
