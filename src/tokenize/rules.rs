//! Norwegian boundary predicates: pure functions of a string or a character.

/// All ASCII digits, at least one: "2015", "000".
#[inline]
pub(crate) fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Digits with decimal or thousands separators inside: "4", "6.000", "3,5".
pub(crate) fn is_plain_number(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// One upper-case letter: the "E" of "Jan E. Melby".
pub(crate) fn is_single_capital(s: &str) -> bool {
    let mut c = s.chars();
    matches!((c.next(), c.next()), (Some(a), None) if a.is_uppercase())
}

/// Letters joined by periods, each a single letter: "f.v", "t.h", "J.R.R" (the period after
/// the last comes separately).
pub(crate) fn is_dotted_letters(s: &str) -> bool {
    s.contains('.')
        && s.split('.').all(|part| {
            let mut c = part.chars();
            matches!((c.next(), c.next()), (Some(a), None) if a.is_alphabetic())
        })
}

/// The first character is upper case.
#[inline]
pub(crate) fn starts_upper(s: &str) -> bool {
    let b = s.as_bytes().first().copied().unwrap_or(0);
    if b < 0x80 {
        return b.is_ascii_uppercase();
    }
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The first character is lower case.
#[inline]
pub(crate) fn starts_lower(s: &str) -> bool {
    let b = s.as_bytes().first().copied().unwrap_or(0);
    if b < 0x80 {
        return b.is_ascii_lowercase();
    }
    s.chars().next().is_some_and(char::is_lowercase)
}

/// (capitalised, all capitals): the first character is upper case; every letter is upper case
/// and there are at least two.
pub(crate) fn case_flags(s: &str) -> (bool, bool) {
    let capitalised = starts_upper(s);
    if !capitalised {
        return (false, false);
    }
    // "Oslo", "Ørland", "NRK": most capitalised words tell by their second letter, or are
    // ASCII and tell without decoding a char.
    let bytes = s.as_bytes();
    let first_len = match bytes.first() {
        Some(&b) if b < 0x80 => 1,
        Some(&b) if b < 0xE0 => 2,
        Some(&b) if b < 0xF0 => 3,
        _ => 4,
    };
    if bytes.get(first_len).is_some_and(u8::is_ascii_lowercase) {
        return (true, false);
    }
    if bytes.is_ascii() {
        let mut letters = 0;
        for &b in bytes {
            if b.is_ascii_lowercase() {
                return (true, false);
            }
            letters += usize::from(b.is_ascii_uppercase());
        }
        return (true, letters >= 2);
    }
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return (true, false);
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    (true, letters >= 2)
}

/// Norwegian month names, lower case: "juli-10" splits at the hyphen ("26 juli-10 august").
pub(crate) fn is_month(s: &str) -> bool {
    matches!(
        s,
        "januar"
            | "februar"
            | "mars"
            | "april"
            | "mai"
            | "juni"
            | "juli"
            | "august"
            | "september"
            | "oktober"
            | "november"
            | "desember"
    )
}

/// Top-level domains that make "word.tld" a bare domain ("prestasjonskultur.no").
pub(crate) fn is_tld(s: &str) -> bool {
    const TLDS: [&str; 23] = [
        "no", "com", "net", "org", "se", "dk", "fi", "is", "uk", "de", "eu", "io", "info", "edu",
        "gov", "int", "fr", "nl", "us", "tv", "ai", "app", "dev",
    ];
    s.len() <= 4 && TLDS.iter().any(|t| t.eq_ignore_ascii_case(s))
}

/// A word with a domain's shape: "nrk.no", "www.vg.no", "Dagbladet.no".
pub(crate) fn is_domain(s: &str) -> bool {
    s.starts_with("www.")
        || s.rsplit_once('.')
            .is_some_and(|(head, tld)| head.len() >= 2 && is_tld(tld) && !is_dotted_letters(s))
}

/// URL schemes written before "://".
pub(crate) fn is_scheme(s: &str) -> bool {
    ["http", "https", "ftp", "mailto"]
        .iter()
        .any(|t| t.eq_ignore_ascii_case(s))
}

/// Dashes and hyphens that stand alone as tokens.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―' | '−' | '‐')
}

/// Hyphens that join a compound: "Halden-baserte".
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// List bullets.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '▪' | '●' | '◦' | '‣' | '∙' | '■' | '□' | '►' | '▶')
}

/// Quotation marks that only open.
pub(crate) fn is_open_quote(c: char) -> bool {
    matches!(c, '«' | '„' | '‹' | '‚')
}

/// Quotation marks that only close.
pub(crate) fn is_close_quote(c: char) -> bool {
    matches!(c, '»' | '›')
}

/// Quotation marks whose direction the context tells: straight, curly, and reversed
/// low-nine styles (“ opens in English but closes „German“ quotes).
pub(crate) fn is_ambiguous_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '‘' | '’' | '“' | '”' | '‛' | '‟' | '`')
}

/// Every character of [`is_dash`], [`is_open_quote`], [`is_close_quote`] and
/// [`is_ambiguous_quote`]: those the tokenizer makes a quotation mark or a dash of, for a
/// stage that tells such tokens by their key (the quote stage's cue pass). A test holds the
/// list to the four predicates over every character.
pub(crate) const MARKS_AND_DASHES: [char; 22] = [
    '-', '–', '—', '‒', '―', '−', '‐', '«', '„', '‹', '‚', '»', '›', '"', '\'', '‘', '’', '“', '”',
    '‛', '‟', '`',
];

/// Characters that end a sentence.
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Punctuation (as opposed to other symbols).
pub(crate) fn is_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ':'
            | ';'
            | '!'
            | '?'
            | '…'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '/'
            | '\\'
            | '¡'
            | '¿'
            | '‼'
    )
}

/// Brackets that close.
pub(crate) fn is_close_bracket(c: char) -> bool {
    matches!(c, ')' | ']' | '}')
}

/// Whitespace that may sit inside a number's digit groups ("10 000"): not a line break.
pub(crate) fn is_group_space(s: &str) -> bool {
    matches!(s, " " | "\u{a0}" | "\u{202f}" | "\u{2009}" | "\u{2007}")
}

/// A digit group that continues a number: three digits, maybe with decimals ("000", "500,50").
pub(crate) fn is_digit_group(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3
        && b[..3].iter().all(u8::is_ascii_digit)
        && match b.get(3) {
            None => true,
            Some(b',' | b'.') => b.len() > 4 && b[4..].iter().all(u8::is_ascii_digit),
            Some(_) => false,
        }
}

/// Words after which a "1950-" or "lese-" is a suspended first part.
pub(crate) fn is_suspension_link(s: &str) -> bool {
    matches!(s, "og" | "eller" | "til" | "enn" | "samt" | "," | "/" | "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list is the four predicates' characters, no more and no fewer.
    #[test]
    fn marks_and_dashes_are_those_of_the_predicates() {
        let of_predicates: Vec<char> = ('\0'..=char::MAX)
            .filter(|&c| {
                is_dash(c) || is_open_quote(c) || is_close_quote(c) || is_ambiguous_quote(c)
            })
            .collect();
        let mut listed = MARKS_AND_DASHES.to_vec();
        listed.sort_unstable();
        listed.dedup();
        assert_eq!(listed, of_predicates);
    }

    #[test]
    fn predicates() {
        assert!(is_dotted_letters("f.v") && is_dotted_letters("J.R.R"));
        assert!(!is_dotted_letters("adm.dir") && !is_dotted_letters("nrk"));
        assert!(is_domain("prestasjonskultur.no") && is_domain("www.example"));
        assert!(!is_domain("t.no") && !is_domain("f.eks"));
        assert!(is_digit_group("000") && is_digit_group("500,50"));
        assert!(!is_digit_group("0000") && !is_digit_group("00"));
        assert_eq!(case_flags("NRK"), (true, true));
        assert_eq!(case_flags("Øst"), (true, false));
        assert_eq!(case_flags("E"), (true, false));
        assert_eq!(case_flags("eu"), (false, false));
        assert_eq!(case_flags("NRK-sjefen"), (true, false));
        assert_eq!(case_flags("A4"), (true, false));
        assert_eq!(case_flags("CO2"), (true, true));
        assert_eq!(case_flags("F.EKS."), (true, true));
        assert_eq!(case_flags("ØSTLANDET"), (true, true));
        assert_eq!(case_flags("ÆØå"), (true, false));
        assert_eq!(case_flags("Ørland"), (true, false));
        assert_eq!(case_flags("ÅS"), (true, true));
        assert_eq!(case_flags("Ā"), (true, false));
    }
}
