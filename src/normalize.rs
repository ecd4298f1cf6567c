//! Match keys: the one place that decides when two spellings of a token are the same key.
//!
//! A key is the lower-cased token with typographic variants folded (curly apostrophes to `'`,
//! Unicode hyphens to `-`). Whitespace never appears in a key: keys are per token, and multiword
//! names are sequences of token keys, so NBSP, tabs and line breaks between the words of a name
//! all match. The Norwegian genitive (`-s`, `'s`) is a suffix that [`genitive_suffix_len`] finds
//! on a key or a surface. Case is checked afterwards, against the original spelling, by
//! [`case_compatible`], for the kinds that are case-sensitive.

/// Appends the key of the token `surface` to `out`.
#[inline]
pub(crate) fn push_key(surface: &str, out: &mut Vec<u8>) {
    if surface.is_ascii() {
        out.extend(surface.bytes().map(|b| b.to_ascii_lowercase()));
        return;
    }
    let mut utf8 = [0u8; 4];
    for c in surface.chars() {
        let c = fold_char(c);
        if c.is_ascii() {
            out.push((c as u8).to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                out.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes());
            }
        }
    }
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
    let Some(rest) = s.strip_suffix(['s', 'S']) else {
        return 0;
    };
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
