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
    let bytes = surface.as_bytes();
    if bytes.is_ascii() {
        out.extend(bytes.iter().map(u8::to_ascii_lowercase));
        return;
    }
    out.reserve(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            out.push(b.to_ascii_lowercase());
            i += 1;
        } else if b == 0xC3 {
            match bytes.get(i + 1) {
                // U+00C0..=U+00DE except U+00D7 (×): the lower case is 0x20 further on.
                Some(&c @ 0x80..=0x9E) if c != 0x97 => out.extend_from_slice(&[b, c + 0x20]),
                Some(&c) => out.extend_from_slice(&[b, c]),
                None => {}
            }
            i += 2;
        } else {
            let rest = surface.get(i..).unwrap_or("");
            let Some(c) = rest.chars().next() else {
                return;
            };
            push_char(c, out);
            i += c.len_utf8();
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

/// A 64-bit hash of a key, for the gazetteer's prefilters.
#[inline]
pub(crate) fn key_hash(key: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // Byte by byte: a variable-length copy into a buffer costs a memcpy call here.
        let w = rest
            .iter()
            .rev()
            .fold(0u64, |w, &b| (w << 8) | u64::from(b));
        h = (h.rotate_left(23) ^ w).wrapping_mul(K);
    }
    h ^ (h >> 32)
}

/// The key of `surface` as a new vector.
pub(crate) fn key(surface: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(surface.len());
    push_key(surface, &mut out);
    out
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
