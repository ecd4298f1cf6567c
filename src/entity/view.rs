//! Per-token facts the entity, coreference and quote rules ask again and again, computed once
//! per text.

use super::rules;
use crate::tokenize::{TokenFlags, TokenKind, Tokenized};
use std::borrow::Cow;

/// What the rules need to know of one token.
#[derive(Clone, Debug)]
pub(crate) struct Tok<'t> {
    /// The surface.
    pub text: &'t str,
    /// Where the lower-cased surface is (read it with [`View::lower_of`]).
    lower: Lower,
    pub kind: TokenKind,
    /// Upper-case first letter.
    pub cap: bool,
    /// Two or more letters, all upper case.
    pub all_caps: bool,
    /// Some letter is upper case (or title case): lower-casing changes the word.
    pub has_upper: bool,
    /// First token of its sentence, ignoring opening quotes, dashes and bullets.
    pub initial: bool,
    /// No space before the token.
    pub glued: bool,
    /// Index of the sentence (u32 keeps a token's facts small: one is built per token).
    pub sentence: u32,
}

impl Tok<'_> {
    /// A word or an initial: what names are made of.
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Initial)
    }

    /// A capitalised word or initial.
    pub fn is_cap_word(&self) -> bool {
        self.cap && self.is_word()
    }

    /// Punctuation with this exact surface.
    pub fn is(&self, s: &str) -> bool {
        self.text == s
    }
}

/// Where a token's lower-cased surface is: the surface itself (most words), or a range of
/// [`View::lowered`], so that no token owns an allocation.
#[derive(Clone, Copy, Debug)]
enum Lower {
    Surface,
    Lowered(u32, u32),
}

/// "Any ASCII capital?" and "all ASCII?" of a token of up to eight bytes at `start` in `text`
/// (`None` for a longer one or one at the text's very end): one eight-byte read of the text,
/// where a loop over the bytes cost some fourteen instructions a byte.
#[inline]
fn short_ascii_upper(text: &[u8], start: usize, len: usize) -> Option<(bool, bool)> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let w: [u8; 8] = text.get(start..start.checked_add(8)?)?.try_into().ok()?;
    // The bytes past the token are cleared (little-endian: the high ones).
    let keep = u64::MAX.checked_shr(64u32.checked_sub(8 * u32::try_from(len).ok()?)?)?;
    let x = u64::from_le_bytes(w) & keep;
    // The capitals answer only matters for an all-ASCII word.
    Some((x & HIGH == 0, crate::normalize::ascii_capitals(x) != 0))
}

/// Appends the lower-cased `surface` to `lowered` unless it is lower case already; says also
/// whether it was not. `short` is [`short_ascii_upper`] of the surface when it answered.
fn lower_into(surface: &str, short: Option<(bool, bool)>, lowered: &mut String) -> (Lower, bool) {
    let (ascii, upper) = short.unwrap_or_else(|| {
        // One branch-free pass answers both "ASCII?" and "any capital?".
        let (mut upper, mut high) = (false, 0u8);
        for &b in surface.as_bytes() {
            upper |= b.is_ascii_uppercase();
            high |= b;
        }
        (high < 0x80, upper)
    });
    let start = lowered.len();
    if ascii {
        if !upper {
            return (Lower::Surface, false);
        }
        lowered.push_str(surface);
        if let Some(added) = lowered.get_mut(start..) {
            added.make_ascii_lowercase();
        }
    } else if surface.chars().any(lowers) {
        lowered.push_str(&surface.to_lowercase());
    } else {
        return (Lower::Surface, false);
    }
    // Texts over 4 GiB would need wider offsets; they then keep their surface form, which only
    // costs case-insensitive lookups in such a text, never a wrong offset.
    match (u32::try_from(start), u32::try_from(lowered.len())) {
        (Ok(a), Ok(b)) => (Lower::Lowered(a, b), true),
        _ => (Lower::Surface, true),
    }
}

/// True when lower-casing may change `surface`. ASCII words, most of the text, skip the Unicode
/// case tables.
fn changes_when_lowered(surface: &str) -> bool {
    if surface.is_ascii() {
        surface.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        surface.chars().any(lowers)
    }
}

/// The lower-cased surface (as `str::to_lowercase` gives it), borrowed when it is lower case
/// already, as most words are.
pub(crate) fn lower_case(surface: &str) -> Cow<'_, str> {
    if !changes_when_lowered(surface) {
        Cow::Borrowed(surface)
    } else if surface.is_ascii() {
        Cow::Owned(surface.to_ascii_lowercase())
    } else {
        Cow::Owned(surface.to_lowercase())
    }
}

/// True when `char::to_lowercase` may change `c`: upper-case letters ([`rules::is_upper`],
/// which answers Latin-1, all of Norwegian, without the Unicode tables) and title-case ones.
#[inline]
fn lowers(c: char) -> bool {
    // The title-case letters all lie above Latin-1: a Norwegian letter is not compared.
    rules::is_upper(c)
        || u32::from(c) > 0xFF
            && (matches!(c, '\u{1C5}' | '\u{1C8}' | '\u{1CB}' | '\u{1F2}')
                || matches!(c, '\u{1F88}'..='\u{1F8F}' | '\u{1F98}'..='\u{1F9F}')
                || matches!(
                    c,
                    '\u{1FA8}'..='\u{1FAF}' | '\u{1FBC}' | '\u{1FCC}' | '\u{1FFC}'
                ))
}

/// The tokens of a text as the rules see them.
#[derive(Clone, Debug)]
pub(crate) struct View<'t> {
    pub toks: Vec<Tok<'t>>,
    /// The lower-cased surfaces of the tokens that are not lower case already, end to end.
    lowered: String,
}

impl<'t> View<'t> {
    pub fn new(doc: &Tokenized<'t>) -> View<'t> {
        let text = doc.text();
        let bytes = text.as_bytes();
        let mut toks = Vec::with_capacity(doc.tokens().len());
        // About one token in six is capitalised.
        let mut lowered = String::with_capacity(text.len() / 8);
        let mut si = 0u32;
        for range in doc.sentences() {
            let mut opening = true;
            for t in doc.tokens().get(range.clone()).unwrap_or(&[]) {
                let surface = &text[t.span()];
                let kind = t.kind();
                let skip = matches!(
                    kind,
                    TokenKind::QuoteDash
                        | TokenKind::Dash
                        | TokenKind::QuoteOpen
                        | TokenKind::Quote
                        | TokenKind::Bullet
                );
                let short = match t.span().len() {
                    len @ 1..=8 => short_ascii_upper(bytes, t.span().start, len),
                    _ => None,
                };
                let (lower, has_upper) = lower_into(surface, short, &mut lowered);
                toks.push(Tok {
                    text: surface,
                    lower,
                    kind,
                    cap: t.is(TokenFlags::CAPITALISED),
                    all_caps: t.is(TokenFlags::ALL_CAPS),
                    has_upper,
                    initial: opening && !skip,
                    glued: t.is(TokenFlags::GLUED),
                    sentence: si,
                });
                if !skip {
                    opening = false;
                }
            }
            si = si.saturating_add(1);
        }
        View { toks, lowered }
    }

    /// The lower-cased surface of `t`, a token of this view.
    pub fn lower_of<'a>(&'a self, t: &'a Tok<'t>) -> &'a str {
        match t.lower {
            Lower::Surface => t.text,
            Lower::Lowered(a, b) => self.lowered.get(a as usize..b as usize).unwrap_or(t.text),
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn get(&self, i: usize) -> Option<&Tok<'t>> {
        self.toks.get(i)
    }

    /// Lower-case surface of token `i`, "" past the end.
    pub fn lower(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| self.lower_of(t))
    }

    /// Surface of token `i`, "" past the end.
    pub fn text(&self, i: usize) -> &'t str {
        self.toks.get(i).map(|t| t.text).unwrap_or("")
    }

    /// True when tokens `i` and `j` are in the same sentence.
    pub fn same_sentence(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.sentence == b.sentence,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_misses_no_char_that_lower_casing_changes() {
        // `lowers` may say yes to an upper-case letter without a lower-case form (the word is
        // then lower-cased to itself); it must never say no to a letter that changes.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let changes = !c.to_lowercase().eq(std::iter::once(c));
            assert!(lowers(c) || !changes, "{c:?} U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn short_ascii_upper_reads_words_at_any_offset() {
        let text = "aZ Øst iKuben NRK abcdefghijQ @[`{ 12345678 ABCDEFGHIJ xyz ";
        let bytes = text.as_bytes();
        for start in 0..text.len() {
            for end in start + 1..=(start + 8).min(text.len()) {
                let Some(word) = text.get(start..end) else {
                    continue;
                };
                let Some((ascii, upper)) = short_ascii_upper(bytes, start, end - start) else {
                    assert!(start + 8 > text.len(), "{word:?}");
                    continue;
                };
                assert_eq!(ascii, word.is_ascii(), "{word:?}");
                if ascii {
                    assert_eq!(
                        upper,
                        word.bytes().any(|b| b.is_ascii_uppercase()),
                        "{word:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn lower_case_borrows_lower_case_words() {
        assert!(matches!(lower_case("sier"), Cow::Borrowed("sier")));
        assert!(matches!(lower_case("påpeker"), Cow::Borrowed(_)));
        assert_eq!(lower_case("Ærlig"), "ærlig");
        assert_eq!(lower_case("ΟΔΟΣ"), "ΟΔΟΣ".to_lowercase());
    }
}
