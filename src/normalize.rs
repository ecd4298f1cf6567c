//! Match keys: the one place that decides when two spellings of a token are the same key.
//!
//! A key is the lower-cased token with typographic variants folded (curly apostrophes to `'`,
//! Unicode hyphens to `-`). Whitespace never appears in a key: keys are per token, and multiword
//! names are sequences of token keys, so NBSP, tabs and line breaks between the words of a name
//! all match. The Norwegian genitive (`-s`, `'s`) is a suffix that [`genitive_suffix_len`] finds
//! on a key or a surface. Case is checked afterwards, against the original spelling, by
//! [`case_compatible`], for the kinds that are case-sensitive.

/// Appends the key of the token `surface` to `out`.
///
/// Bytes are mapped one by one where UTF-8 allows it (ASCII, and the Latin-1 letters of
/// Norwegian: "Æ" is `C3 86`, "æ" is `C3 A6`); other characters take the Unicode path.
#[inline]
pub(crate) fn push_key(surface: &str, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(surface.as_bytes());
    let Some(new) = out.get_mut(start..) else {
        return;
    };
    if surface.is_ascii() {
        new.make_ascii_lowercase();
        return;
    }
    let mut i = 0;
    while let Some(&b) = new.get(i) {
        if b < 0x80 {
            new[i] = b.to_ascii_lowercase();
            i += 1;
        } else if b == 0xC3 {
            // U+00C0..=U+00DE except U+00D7 (×): the lower case is 0x20 further on.
            if let Some(c) = new.get_mut(i + 1) {
                if (0x80..=0x9E).contains(c) && *c != 0x97 {
                    *c += 0x20;
                }
            }
            i += 2;
        } else {
            // Any other character: the Unicode path for the rest. `i` is a char boundary, as
            // only whole ASCII and two-byte characters were passed.
            out.truncate(start + i);
            for c in surface.get(i..).unwrap_or("").chars() {
                push_char(c, out);
            }
            return;
        }
    }
}

fn push_char(c: char, out: &mut Vec<u8>) {
    let mut utf8 = [0u8; 4];
    let c = fold_char(c);
    if c.is_ascii() {
        out.push((c as u8).to_ascii_lowercase());
    } else {
        for l in c.to_lowercase() {
            out.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes());
        }
    }
}

/// A 64-bit hash of a key, for the gazetteer's prefilters and vocabulary table. [`scan_key`]
/// computes the same hash from a surface without building the key.
///
/// The bytes are read 8 at a time and each is ORed with `0x20` before hashing: that folds ASCII
/// capitals and the two-byte Latin-1 capitals ("Æ" is `C3 86`, "æ" `C3 A6`) onto their lower
/// case, so a surface of ASCII and Latin-1 hashes like its key with no per-byte work. Other
/// bytes that meet under the fold ("[" and "{") only collide in the hash: the table compares
/// the key itself.
///
/// The hash is the last [`mix`], not finished further: the multiply leaves its low bits
/// depending on the low bits only, but its high half depends on every byte, and its users
/// (the Bloom filters, the vocabulary's slot and tag) take their bits from there. A finishing
/// step cost every token of a text eight instructions.
#[inline]
pub(crate) fn key_hash(key: &[u8]) -> u64 {
    hash_bytes(key).0
}

/// [`key_hash`] of `bytes`, and the OR of all its bytes (spread over a word) to tell whether
/// any is not ASCII.
#[inline]
fn hash_bytes(bytes: &[u8]) -> (u64, u64) {
    let mut h = SEED ^ bytes.len() as u64;
    let mut any = 0;
    let mut rest = bytes;
    while let Some((chunk, tail)) = rest.split_first_chunk::<8>() {
        let word = u64::from_le_bytes(*chunk);
        any |= word;
        h = mix(h, word);
        rest = tail;
    }
    if !rest.is_empty() {
        let word = load_short(rest);
        any |= word;
        h = mix(h, word);
    }
    (h, any)
}

const SEED: u64 = 0xCBF2_9CE4_8422_2325;

/// The case fold of [`key_hash`], on 8 bytes.
pub(crate) const FOLD: u64 = 0x2020_2020_2020_2020;

#[inline]
fn mix(h: u64, word: u64) -> u64 {
    (h.rotate_left(23) ^ (word | FOLD)).wrapping_mul(MUL)
}

/// The multiplier of [`mix`].
const MUL: u64 = 0x9E37_79B9_7F4A_7C15;

/// The up to 7 bytes of `b` as a little-endian word (zero above), in at most two loads that
/// may overlap rather than a byte loop. [`crate::fxhash`] reads its tails with it too.
#[inline]
pub(crate) fn load_short(b: &[u8]) -> u64 {
    let n = b.len();
    if let (Some(lo), Some(hi)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) {
        let (lo, hi) = (u32::from_le_bytes(*lo), u32::from_le_bytes(*hi));
        return u64::from(lo) | (u64::from(hi) << (8 * (n - 4)));
    }
    if let (Some(lo), Some(hi)) = (b.first_chunk::<2>(), b.last_chunk::<2>()) {
        let (lo, hi) = (u16::from_le_bytes(*lo), u16::from_le_bytes(*hi));
        return u64::from(lo) | (u64::from(hi) << (8 * (n - 2)));
    }
    b.first().map_or(0, |&b| u64::from(b))
}

/// What [`scan_key`] learns of a surface's key in one pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Scan {
    /// [`key_hash`] of the key.
    pub(crate) hash: u64,
    /// [`key_hash`] of the key's first `base` bytes.
    pub(crate) base_hash: u64,
    /// [`tail_word`] of the key.
    pub(crate) tail: u32,
    /// [`tail_word`] of the key's first `base` bytes.
    pub(crate) base_tail: u32,
}

/// Without building the key: the hashes and tail words of the key of `surface` and of its
/// first `base` bytes. `None` when `surface` has a character outside ASCII and two-byte Latin-1
/// (then build the key with [`push_key`]).
#[inline]
pub(crate) fn scan_key(surface: &[u8], base: usize) -> Option<Scan> {
    let (hash, any) = hash_bytes(surface);
    // Valid UTF-8: when every lead byte is `C3`, every character is ASCII or two-byte
    // Latin-1, which [`push_key`] maps byte by byte (OR `0x20` on the capitals).
    if any & 0x8080_8080_8080_8080 != 0 && !surface.iter().all(|&b| b < 0xC0 || b == 0xC3) {
        return None;
    }
    let tail = tail_word(surface);
    let (base_hash, base_tail) = match surface.get(..base) {
        // Only words ending in -s have a shorter base.
        Some(b) if base < surface.len() => (key_hash(b), tail_word(b)),
        _ => (hash, tail),
    };
    Some(Scan {
        hash,
        base_hash,
        tail,
        base_tail,
    })
}

/// The slot (0 to 255) of a token of one character of U+0080..=U+00BF or U+2000..=U+20BF
/// (Latin-1 punctuation and signs, general punctuation, super- and subscripts, currency signs:
/// none changes in lower case), read from its bytes without decoding it; `None` for any other.
#[inline(always)]
pub(crate) fn punctuation_slot(bytes: &[u8]) -> Option<usize> {
    match *bytes {
        [0xC2, b] => Some(usize::from(b & 0x3F)),
        [0xE2, m @ 0x80..=0x82, b] => Some(64 + 64 * usize::from(m - 0x80) + usize::from(b & 0x3F)),
        _ => None,
    }
}

/// The first `len` bytes of `chunk` (1 to 16) as two little-endian words, zero above `len`
/// bytes (`hi` is 0 up to 8 bytes): what [`scan_words`] takes.
#[inline(always)]
pub(crate) fn load_words(chunk: &[u8; 16], len: usize) -> (u64, u64) {
    let (lo, hi) = chunk.split_at(8);
    let lo = u64::from_le_bytes(lo.try_into().unwrap_or_default());
    let hi = u64::from_le_bytes(hi.try_into().unwrap_or_default());
    if len <= 8 {
        (lo & low_bytes(len), 0)
    } else {
        (lo, hi & low_bytes(len - 8))
    }
}

/// The low `n` bytes of a word set (0 as 1: [`load_words`] of an empty surface keeps its first
/// byte, as it always did; over 8 as 8). From a table: one load where the shifts took five
/// instructions a token.
#[inline(always)]
pub(crate) fn low_bytes(n: usize) -> u64 {
    LOW_BYTES.get(n).copied().unwrap_or(u64::MAX)
}

/// [`low_bytes`] by `n`.
const LOW_BYTES: [u64; 9] = {
    let mut masks = [u64::MAX; 9];
    let mut n = 0;
    while n < 8 {
        masks[n] = u64::MAX >> (64 - 8 * if n == 0 { 1 } else { n });
        n += 1;
    }
    masks
};

/// [`scan_key`] of a surface of 1 to 16 bytes given as its little-endian words `lo` and `hi`
/// (zero above `len` bytes; `hi` is 0 up to 8 bytes), with no shorter base: its key's
/// [`key_hash`], or `None` when it has a character outside ASCII and two-byte Latin-1
/// ([`words_tail`] gives its tail word). Word operations only: most tokens are this short,
/// and the gazetteer asks this of every one.
#[inline(always)]
pub(crate) fn scan_words(lo: u64, hi: u64, len: usize) -> Option<u64> {
    if (lo | hi) & HIGH != 0 && !(latin1_word(lo) && latin1_word(hi)) {
        return None;
    }
    // `mix(SEED ^ len, lo)` with the seed's rotation done at compile time (a rotation
    // distributes over xor, and `len` is below 2^41): two instructions less a token.
    let h = (SEED.rotate_left(23) ^ ((len as u64) << 23) ^ (lo | FOLD)).wrapping_mul(MUL);
    let h = if len > 8 { mix(h, hi) } else { h };
    Some(h)
}

/// [`tail_word`] of the key of a surface that [`scan_words`] accepts.
#[inline(always)]
pub(crate) fn words_tail(lo: u64, hi: u64, len: usize) -> u32 {
    let tail = if len <= 8 {
        lo >> (8 * len.saturating_sub(4))
    } else if len >= 12 {
        hi >> (8 * (len - 12))
    } else {
        // The last four bytes straddle the words.
        (lo >> (8 * (len - 4))) | (hi << (8 * (12 - len)))
    };
    tail as u32 | 0x2020_2020
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// Every lead byte of the little-endian `word` (0xC0 and up: bits 7 and 6 set) is 0xC3, the
/// lead of two-byte Latin-1.
#[inline]
pub(crate) fn latin1_word(word: u64) -> bool {
    let lead = word & (word << 1) & HIGH;
    // Bit 7 set in each byte that is not 0xC3.
    let x = word ^ 0xC3C3_C3C3_C3C3_C3C3;
    let other = (((x & !HIGH) + !HIGH) | x) & HIGH;
    lead & other == 0
}

/// True when `key` is the key of `surface`, a surface of ASCII and two-byte Latin-1 only (one
/// [`scan_key`] accepts), without building that key: 8 bytes at a time by [`is_key_word`].
#[inline]
pub(crate) fn is_key_of(surface: &[u8], key: &[u8]) -> bool {
    if surface.len() != key.len() {
        return false;
    }
    let (mut s, mut k) = (surface, key);
    while let (Some((x, s_rest)), Some((y, k_rest))) =
        (s.split_first_chunk::<8>(), k.split_first_chunk::<8>())
    {
        if !is_key_word(u64::from_le_bytes(*x), u64::from_le_bytes(*y)) {
            return false;
        }
        (s, k) = (s_rest, k_rest);
    }
    is_key_word(load_short(s), load_short(k))
}

/// The first 8 bytes of `b` (fewer, zero above, for a shorter `b`) as a little-endian word.
#[inline]
pub(crate) fn load_word(b: &[u8]) -> u64 {
    match b.first_chunk::<8>() {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => load_short(b),
    }
}

/// The first 16 bytes of `b` (fewer, zero above, for a shorter `b`) as two little-endian
/// words: what the 16-bit word key and the packed function words are made of.
#[inline]
pub(crate) fn load16(b: &[u8]) -> (u64, u64) {
    (load_word(b), load_word(b.get(8..).unwrap_or(&[])))
}

/// [`is_key_of`] on 8 bytes of each, as little-endian words: the bytes may differ only where
/// the surface `x` has a capital that [`push_key`] lower-cases, by the bit `0x20`. The same
/// words, most tokens found (spelled in lower case), and words that differ only in an ASCII
/// capital first letter, most of the rest (names), are told in line; the rest by a call
/// (inlined, it spilled the registers of the gazetteer's loop over every token).
#[inline(always)]
pub(crate) fn is_key_word(x: u64, y: u64) -> bool {
    x == y || (x ^ y == 0x20 && (x as u8).is_ascii_uppercase()) || capitals_of_key_word(x, y)
}

/// [`is_key_word`] of two different words.
#[inline(never)]
fn capitals_of_key_word(x: u64, y: u64) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let diff = x ^ y;
    // Only bit 5 may differ, set in the key: a capital against its lower case.
    if diff & !FOLD != 0 || diff & x != 0 {
        return false;
    }
    if x & HIGH == 0 {
        // All ASCII: every difference (0x20, shifted to 0x80) must be at a capital.
        return (diff << 2) & !ascii_capitals(x) == 0;
    }
    x.to_le_bytes()
        .iter()
        .zip(y.to_le_bytes())
        .all(|(&a, b)| a == b || lowers(a))
}

/// Bit 7 set in each byte of `x` that is zero, and no other bit: exact byte by byte, as no
/// byte's sum carries into the next (the bytes below 0x80 add 0x7F; a byte is zero when neither
/// its sum nor itself has bit 7).
#[inline(always)]
pub(crate) fn zero_bytes(x: u64) -> u64 {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    !(((x & LOW).wrapping_add(LOW)) | x | LOW)
}

/// Bit 7 set in each byte of `x` that is an ASCII capital, for a word of ASCII bytes only
/// (every byte below `0x80`): bit 7 of `x + 0x3F` is set from 'A' on, of `x + 0x25` from '['
/// on, and no byte's sum carries into the next.
#[inline]
pub(crate) fn ascii_capitals(x: u64) -> u64 {
    x.wrapping_add(0x3F3F_3F3F_3F3F_3F3F)
        & !x.wrapping_add(0x2525_2525_2525_2525)
        & 0x8080_8080_8080_8080
}

/// True when [`push_key`] lower-cases the byte `b` of a surface of ASCII and two-byte Latin-1
/// (by adding `0x20`): an ASCII capital, or the second byte of a Latin-1 capital ("Æ" is
/// `C3 86`; "×" `C3 97` and "ß" `C3 9F` have no lower case there).
#[inline]
fn lowers(b: u8) -> bool {
    b.is_ascii_uppercase() || ((0x80..=0x9E).contains(&b) && b != 0x97)
}

/// The last four bytes of `key` (fewer for a shorter key) ORed with `0x20` like [`key_hash`],
/// packed into a word, for the compound filter.
#[inline]
pub(crate) fn tail_word(key: &[u8]) -> u32 {
    let word = match key.last_chunk::<4>() {
        Some(last) => u32::from_le_bytes(*last),
        None => load_short(key) as u32,
    };
    word | 0x2020_2020
}

/// The key of `surface` as a new vector.
pub(crate) fn key(surface: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(surface.len());
    push_key(surface, &mut out);
    out
}

/// The first byte of the key of a token that starts with the character `c`: [`push_key`]
/// maps each character on its own, so this is the first byte of `c`'s own key.
pub(crate) fn key_first_byte(c: char) -> u8 {
    let c = fold_char(c);
    if c.is_ascii() {
        return (c as u8).to_ascii_lowercase();
    }
    // Latin-1 signs and punctuation ("«", NBSP) and general punctuation ("–", "…") have no
    // lower case but themselves: the lookup of one is not needed.
    let first = if matches!(c, '\u{80}'..='\u{BF}' | '\u{2000}'..='\u{206F}') {
        c
    } else {
        c.to_lowercase().next().unwrap_or(c)
    };
    let mut utf8 = [0u8; 4];
    first.encode_utf8(&mut utf8);
    utf8[0]
}

/// True when the key of the one-character token `c` is `c` itself, known without a lookup:
/// the Latin-1 signs and punctuation and the general punctuation ("–", "…") that no fold
/// touches have no lower case but themselves.
pub(crate) fn is_own_key(c: char) -> bool {
    matches!(c, '\u{80}'..='\u{BF}' | '\u{2000}'..='\u{206F}') && fold_char(c) == c
}

/// Folds the typographic variants a key must not distinguish; case is left alone.
#[inline]
fn fold_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        c => c,
    }
}

/// [`genitive_suffix_len`] of a `surface` of ASCII and two-byte Latin-1 only (one
/// [`scan_words`] accepts), from its bytes: no decoding, and every two-byte Latin-1 letter is
/// alphabetic but "×" (`C3 97`) and "÷" (`C3 B7`).
#[inline]
pub(crate) fn latin1_genitive_suffix_len(surface: &[u8]) -> usize {
    let [rest @ .., last] = surface else {
        return 0;
    };
    if *last | 0x20 != b's' {
        return 0;
    }
    let (body, len) = match rest {
        [body @ .., b'\''] => (body, 2),
        [.., p] if p.is_ascii_alphabetic() => (rest, 1),
        [.., 0xC3, p] if *p != 0x97 && *p != 0xB7 => (rest, 1),
        _ => return 0,
    };
    // Two characters before the suffix: three bytes always hold two, two bytes unless they
    // are one Latin-1 letter.
    match body {
        [] | [_] | [0xC3, _] => 0,
        _ => len,
    }
}

#[inline]
/// Length in bytes of a Norwegian genitive suffix at the end of `s` (a key or a surface): 1 for
/// `-s` ("Norges", "USAs"), the bytes of `'s`/`’s` ("USA's"), or 0. The part before the suffix
/// must have at least two characters, and a bare `-s` must follow a letter, so "AS" and "os" have
/// none.
pub(crate) fn genitive_suffix_len(s: &str) -> usize {
    if !matches!(s.as_bytes().last(), Some(b's' | b'S')) {
        return 0;
    }
    let rest = &s[..s.len() - 1];
    let (rest, len) = match rest.char_indices().next_back() {
        Some((i, c)) if fold_char(c) == '\'' => (&rest[..i], 1 + c.len_utf8()),
        Some((_, c)) if c.is_alphabetic() => (rest, 1),
        _ => return 0,
    };
    let mut chars = rest.chars();
    if chars.next().is_some() && chars.next().is_some() {
        len
    } else {
        0
    }
}

/// True when `surface` may stand for the key spelled `key` in a case-sensitive lexicon (the two
/// already have the same [`push_key`] key): the same spelling; or all capitals (a heading: "KARI
/// HANSEN"); or, when `may_capitalise` (sentence start), a capital first letter on a key that
/// starts in lower case ("Van der Berg" for "van der Berg").
pub(crate) fn case_compatible(surface: &str, key: &str, may_capitalise: bool) -> bool {
    if surface == key {
        return true;
    }
    // The common rejection, a lower-case word against a capitalised name, without decoding.
    if let (Some(s), Some(k)) = (surface.as_bytes().first(), key.as_bytes().first()) {
        if s.is_ascii_lowercase() && k.is_ascii_uppercase() {
            return false;
        }
    }
    let mut s = surface.chars().map(fold_char);
    let mut k = key.chars().map(fold_char);
    if !surface.chars().any(char::is_lowercase) && surface.chars().any(char::is_uppercase) {
        return true;
    }
    let mut first = true;
    loop {
        match (s.next(), k.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) if first && may_capitalise && b.is_lowercase() => {
                if !b.to_uppercase().eq(std::iter::once(a)) {
                    return false;
                }
            }
            _ => return false,
        }
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_and_typography() {
        assert_eq!(key("Næringsminister"), "næringsminister".as_bytes());
        assert_eq!(key("ØKOKRIM"), "økokrim".as_bytes());
        assert_eq!(key("USA’s"), "usa's".as_bytes());
        assert_eq!(key("Nord\u{2010}Trøndelag"), "nord-trøndelag".as_bytes());
        assert_eq!(key("ÆØÅ×ß"), "æøå×ß".as_bytes());
        assert_eq!(key("İSTANBUL Ǆ"), "i̇stanbul ǆ".as_bytes());
        for s in [
            "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ",
            "Ærlig Øst",
            "Straße",
            "ΑΒΓ",
        ] {
            assert_eq!(key(s), s.to_lowercase().as_bytes(), "{s}");
        }
    }

    #[test]
    fn short_scans_agree() {
        for s in [
            "a",
            "Kari",
            "ØKOKRIM",
            "Ås",
            "aÆ×ß",
            "Straße",
            "İst",
            "«",
            "–",
            "ΑΒΓ",
            "ÿ",
            "12345678",
            "Øå",
            "a\u{80}",
            "123456789",
            "Næringsminister",
            "NÆRINGSMINISTER",
            "abcdefgh«",
            "abcdefghijklmnop",
            "abcdefghijklmnø",
        ] {
            let b = s.as_bytes();
            let want = scan_key(b, b.len()).map(|s| (s.hash, s.tail));
            let hi = load_word(b.get(8..).unwrap_or(&[]));
            let lo = load_word(b);
            let got = scan_words(lo, hi, b.len()).map(|h| (h, words_tail(lo, hi, b.len())));
            assert_eq!(got, want, "{s}");
            let mut chunk = [0xAA; 16];
            chunk[..b.len()].copy_from_slice(b);
            assert_eq!(load_words(&chunk, b.len()), (load_word(b), hi), "{s}");
        }
    }

    #[test]
    fn scans_hash_like_keys() {
        for s in [
            "Kari",
            "ØKOKRIM",
            "Næringsministerens",
            "aÆ×ß",
            "USA's",
            "Istanbul",
            "Ås",
        ] {
            let k = key(s);
            let base = k.len() - 1;
            let want = Scan {
                hash: key_hash(&k),
                base_hash: key_hash(&k[..base]),
                tail: tail_word(&k),
                base_tail: tail_word(&k[..base]),
            };
            assert_eq!(scan_key(s.as_bytes(), base), Some(want), "{s}");
        }
        assert_eq!(scan_key("İstanbul".as_bytes(), 3), None);
        assert_eq!(scan_key("USA’s".as_bytes(), 3), None);
    }

    #[test]
    fn surfaces_compare_like_their_keys() {
        let words = [
            "Kari",
            "kari",
            "KARI",
            "[x]",
            "{x}",
            "[X]",
            "@a",
            "`a",
            "Ærlig",
            "ærlig",
            "ÆRLIG",
            "×",
            "÷",
            "ß",
            "ÿ",
            "Næringsministeren",
            "NÆRINGSMINISTEREN",
            "næringsministeren",
            "a_b",
            "a\u{7f}b",
            "Ab1-2",
            "ab1-2",
            "AB1\r2",
            "ab1-",
            "Å",
            "å",
            "Ø",
            "ø",
        ];
        // Every key of the list against every surface (a key is lower case: "Kari" is none).
        for s in words {
            for k in words.map(key) {
                let want = key(s) == k;
                assert_eq!(is_key_of(s.as_bytes(), &k), want, "{s} {k:?}");
            }
        }
    }

    #[test]
    fn first_key_bytes() {
        for s in [
            "«",
            "–",
            "…",
            "’s",
            "\u{2010}x",
            "İs",
            "Ωmega",
            "\u{212A}",
            "Ꮎ",
            "ǅ",
            "a",
            "Ø",
        ] {
            let want = key(s).first().copied();
            assert_eq!(s.chars().next().map(key_first_byte), want, "{s}");
        }
        for c in ('\u{80}'..='\u{BF}').chain('\u{2000}'..='\u{206F}') {
            let s = c.to_string();
            assert_eq!(Some(key_first_byte(c)), key(&s).first().copied(), "{c}");
            if is_own_key(c) {
                assert_eq!(key(&s), s.as_bytes(), "{c}");
            }
        }
        assert!(is_own_key('–') && !is_own_key('\u{2019}') && !is_own_key('a'));
    }

    #[test]
    fn latin1_genitive_suffixes_agree() {
        let parts = [
            "", "a", "A", "1", "-", "'", "Æ", "æ", "×", "÷", "ß", "Ås", "s", "S", "ø",
        ];
        for a in parts {
            for b in parts {
                for c in parts {
                    for end in ["s", "S", "'s", "x"] {
                        let s = format!("{a}{b}{c}{end}");
                        assert_eq!(
                            latin1_genitive_suffix_len(s.as_bytes()),
                            genitive_suffix_len(&s),
                            "{s}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn genitive_suffixes() {
        for (s, n) in [
            ("Norges", 1),
            ("USAs", 1),
            ("USA's", 2),
            ("USA’s", 4),
            ("AS", 0),
            ("os", 0),
            ("Aps", 1),
            ("3s", 0),
            ("s", 0),
            ("", 0),
        ] {
            assert_eq!(genitive_suffix_len(s), n, "{s}");
        }
    }

    #[test]
    fn case_rules() {
        assert!(case_compatible("Hansen", "Hansen", false));
        assert!(!case_compatible("hansen", "Hansen", true));
        assert!(case_compatible("HANSEN", "Hansen", false));
        assert!(case_compatible("Van", "van", true));
        assert!(!case_compatible("Van", "van", false));
        assert!(!case_compatible("DigitalnOrway", "DigitalNorway", true));
        assert!(case_compatible(
            "Nord\u{2010}Trøndelag",
            "Nord-Trøndelag",
            false
        ));
    }
}
