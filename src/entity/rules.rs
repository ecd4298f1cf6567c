//! Small closed word classes of Norwegian and named predicates on single words.
//!
//! These lists are grammar and general knowledge, not names: function words that start
//! sentences with a capital, name particles, the prepositions that tie a person to an
//! organisation, and common acronyms that name no organisation.

use super::lexicon::Endings;
use super::view::{Tok, View, word_key};
use std::sync::LazyLock;

/// Function words, pronouns, adverbs and the like that start sentences ("Også", "Det"); a
/// capitalised one is never the start of a name.
#[rustfmt::skip]
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "alle", "alt", "andre", "man", "at", "av", "bare", "begge", "da", "de", "dem", "den", "denne", "der",
    "dermed", "dessuten", "det", "dette", "deres", "disse", "du", "eller", "en", "ei", "et",
    "etter", "for", "fordi", "fra", "før", "han", "hans", "har", "her", "hun", "hennes", "hva",
    "hvem", "hvilke", "hvis", "hvor", "hvordan", "hvorfor", "i", "ikke", "ingen", "jeg", "kan",
    "med", "men", "mens", "mer", "min", "mitt", "mye", "må", "nå", "når", "og", "også", "om",
    "omtrent", "over", "på", "samtidig", "selv", "seg", "sin", "sine", "sitt", "skal", "slik",
    "som", "så", "til", "under", "ut", "uten", "ved", "vi", "vil", "vår", "våre", "ja", "nei",
    "hei", "takk", "dessverre", "heller", "likevel", "derfor", "først", "sist", "mange", "noen",
    "noe", "hele", "flere", "få", "enten", "både", "ifølge", "blant", "mot", "mellom", "gjennom",
    "rundt", "hos", "innen", "siden", "tross", "trolig", "kanskje", "bl.a.", "f.eks.", "dvs.",
    "ifjor", "i dag", "i går", "i morgen", "the", "a", "an", "of", "in", "on", "and", "to",
];

/// Particles inside names: "Ludwig van Beethoven", "Ursula von der Leyen".
const PARTICLES: &[&str] = &[
    "von", "van", "de", "af", "der", "den", "da", "di", "du", "la", "le",
];

/// Prepositions after which an organisation follows a person or a role: "daglig leder i X",
/// "direktør ved X", "CEO hos X", "fra Høyre", "leder for X", "medlem av X".
const ORG_PREPOSITIONS: &[&str] = &[
    "i", "ved", "hos", "fra", "for", "av", "på", "til", "in", "at",
];

/// Upper-case abbreviations that are common nouns, not organisations ("IKT", "CEO").
const NON_ORG_ACRONYMS: &[&str] = &[
    "AI", "BNP", "CEO", "CFO", "COO", "CTO", "CO2", "DNA", "EN", "GPS", "HR", "IKT", "IT", "KI",
    "PC", "PR", "TV", "USB", "VR", "AR", "OK", "FAQ", "PDF", "SMS", "MVA", "BA", "MA", "PHD", "PH",
    "KL", "NOK", "EUR", "USD", "ID", "IP", "UTC", "CET", "FOU", "OL", "VM", "EM", "NM", "II",
    "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "NB", "PS", "OBS", "MB", "GB", "KM", "KG",
    "MW", "GW", "KWH", "TWH", "API", "APP", "SEO", "B2B", "LED", "RSS", "HTML",
];

/// Endings of street names: "Universitetsgata", "Karl Johans gate".
const STREET_ENDINGS: &[&str] = &[
    "gata", "gate", "veien", "vei", "vegen", "plass", "allé", "torget",
];

/// Endings that make a single capitalised compound an organisation: "Forskningsrådet",
/// "Fellesforbundet", "Nærings- og fiskeridepartementet", "Bondelaget".
#[rustfmt::skip]
pub(crate) const ORG_HEAD_ENDINGS: &[&str] = &[
    "departementet", "direktoratet", "tilsynet", "rådet", "forbundet", "laget", "foreningen",
    "banken", "tinget", "partiet", "byrået", "verket", "universitetet", "høgskolen", "kommisjonen",
    "komiteen", "akademiet", "instituttet", "stiftelsen", "selskapet", "kirken", "styret",
    "fondet", "etaten", "politiet", "sykehuset", "klinikken", "nemnda", "konsernet",
    "utvalget", "regjeringen",
];

/// A [`FUNCTION_WORDS`] entry as it is compared: its [`word_key`], and its bytes ([`pack16`])
/// and length, so that a word is compared in three integer tests, not by a string compare;
/// then the bytes of the word with its first letter capitalised ([`title_case`]).
type FunctionWord = (u16, (u64, u64), usize, Option<(u64, u64)>);

/// `word` with its first character upper-cased, when that keeps its length (and lower-cases
/// back to it, as every letter of the [`FUNCTION_WORDS`] does): "Det" of "det".
fn title_case(word: &str) -> Option<String> {
    let mut chars = word.chars();
    let first = chars.next()?;
    let title: String = first.to_uppercase().chain(chars).collect();
    (title.len() == word.len() && title != word && title.to_lowercase() == word).then_some(title)
}

/// The [`FUNCTION_WORDS`] by their [`word_key`], in order, and for every key the place of its
/// first word there plus one (zero for a key of none): a word is compared only with the few
/// words of its key, found by one load rather than a search (a sentence-initial word is most
/// often a function word, so most words asked get that far).
static FUNCTION_KEYS: LazyLock<(Box<[u8]>, Vec<FunctionWord>)> = LazyLock::new(|| {
    let mut words: Vec<FunctionWord> = FUNCTION_WORDS
        .iter()
        .filter_map(|w| {
            let title = title_case(w).and_then(|t| pack16(t.as_bytes()));
            Some((word_key(w), pack16(w.as_bytes())?, w.len(), title))
        })
        .collect();
    words.sort_unstable();
    let mut first = vec![0u8; 1 << 16].into_boxed_slice();
    for (i, &(k, ..)) in words.iter().enumerate().rev() {
        if let (Some(slot), Ok(at)) = (first.get_mut(usize::from(k)), u8::try_from(i + 1)) {
            *slot = at;
        }
    }
    (first, words)
});

/// The up to sixteen bytes of `b` as two little-endian words (zero past its end), `None` for a
/// longer `b`: equal words of up to sixteen bytes and equal length give equal pairs.
#[inline]
fn pack16(b: &[u8]) -> Option<(u64, u64)> {
    (b.len() <= 16).then(|| crate::normalize::load16(b))
}

/// The lower case of `t`, a token of `view`, is one of the [`FUNCTION_WORDS`], asked by its key
/// ([`Tok::key`]) first. A capitalised word (most words asked open a sentence: "Det", "Men")
/// is first compared as written with the words' capitalised forms, which needs no lower case
/// of it from the view.
pub(crate) fn is_function_token(view: &View<'_>, t: &Tok<'_>) -> bool {
    if t.cap() && title_function_word(t.key(), t.text) {
        return true;
    }
    function_word_by_key(t.key(), || view.lower_of(t))
}

/// `word`, whose lower case's [`word_key`] is `key`, is one of the [`FUNCTION_WORDS`] with its
/// first letter capitalised ([`title_case`]).
#[inline]
fn title_function_word(key: u16, word: &str) -> bool {
    let Some(mut words) = function_words_of(key) else {
        return false;
    };
    let Some(packed) = pack16(word.as_bytes()) else {
        return false;
    };
    words.any(|&(_, _, len, title)| title == Some(packed) && len == word.len())
}

/// The [`FUNCTION_WORDS`] whose [`word_key`] is `key`; `None` when no word has it, so that
/// a caller makes nothing else (a lower case, a packed word) for a key of none.
#[inline]
fn function_words_of(key: u16) -> Option<impl Iterator<Item = &'static FunctionWord>> {
    let (first, words) = &*FUNCTION_KEYS;
    let from = match first.get(usize::from(key)) {
        Some(&at) if at > 0 => usize::from(at - 1),
        _ => return None,
    };
    Some(
        words
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |&&(k, ..)| k == key),
    )
}

/// The word `lower` gives, whose [`word_key`] is `key`, is one of the [`FUNCTION_WORDS`] (lower
/// case: "Det" is not).
#[inline]
fn function_word_by_key<'w>(key: u16, lower: impl FnOnce() -> &'w str) -> bool {
    let Some(mut words) = function_words_of(key) else {
        return false;
    };
    let lower = lower().as_bytes();
    let Some(packed) = pack16(lower) else {
        return false;
    };
    words.any(|&(_, p, len, _)| p == packed && len == lower.len())
}

/// The most bytes of a [`PARTICLES`] or [`ORG_PREPOSITIONS`] entry: a longer word, most words
/// asked, is none of them without a compare.
const SHORT_WORD: usize = 3;

/// Lower-case words that join two capitalised parts of an organisation's name ("Cluster for
/// Applied AI", "Johnson & Johnson").
pub(crate) const ORG_CONNECTORS: &[&str] = &["for", "of", "and", "&"];

/// The words that may join two capitalised parts of a name: the [`PARTICLES`] and the
/// [`ORG_CONNECTORS`].
pub(crate) fn name_joiners() -> impl Iterator<Item = &'static str> {
    PARTICLES.iter().chain(ORG_CONNECTORS).copied()
}

#[inline]
pub(crate) fn is_particle(lower: &str) -> bool {
    lower.len() <= SHORT_WORD && PARTICLES.contains(&lower)
}

#[inline]
pub(crate) fn is_org_preposition(lower: &str) -> bool {
    lower.len() <= SHORT_WORD && ORG_PREPOSITIONS.contains(&lower)
}

/// One of the [`NON_ORG_ACRONYMS`], in any ASCII case: asked of every acronym in the text,
/// found by a search of their packed forms ([`pack_upper`]), not by a comparison with each.
pub(crate) fn is_non_org_acronym(text: &str) -> bool {
    static PACKED: LazyLock<Vec<u64>> = LazyLock::new(|| {
        let mut packed: Vec<u64> = NON_ORG_ACRONYMS
            .iter()
            .filter_map(|a| pack_upper(a))
            .collect();
        packed.sort_unstable();
        packed
    });
    pack_upper(text).is_some_and(|p| PACKED.binary_search(&p).is_ok())
}

/// The ASCII upper case of a word of at most four bytes, every [`NON_ORG_ACRONYMS`] entry's
/// length, and its length, packed into one number; `None` for a longer word.
fn pack_upper(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.len() > 4 {
        return None;
    }
    let mut x = [0u8; 4];
    for (d, s) in x.iter_mut().zip(b) {
        *d = s.to_ascii_uppercase();
    }
    Some(u64::from(u32::from_le_bytes(x)) | (b.len() as u64) << 32)
}

/// A street name: a word ending in one of the [`STREET_ENDINGS`] with more before it. In line:
/// asked of most one-word runs, nearly all turned away by the ending filter's bit.
#[inline(always)]
pub(crate) fn is_street(lower: &str) -> bool {
    // Asked of most single capitalised words: a walk of a trie behind its filter of last
    // bytes, not a comparison with each ending.
    static ENDINGS: LazyLock<Endings> =
        LazyLock::new(|| Endings::new(STREET_ENDINGS.iter().copied()));
    ENDINGS.ends(lower, true)
}

/// The word without a genitive ending: "Norges" -> "Norge", "Andreassens" -> "Andreassen",
/// "Ross'" -> "Ross". Returns the word itself when there is none to strip.
#[inline(always)]
pub(crate) fn strip_genitive(word: &str) -> &str {
    // Most words end in no genitive mark ('s', '\'', or '’', whose last byte is 0x99): their
    // last byte answers, in line.
    if !matches!(word.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return word;
    }
    strip_genitive_mark(word)
}

/// [`strip_genitive`] of a word that ends in a genitive mark's last byte: an apostrophe
/// ("Ross'", "Ross’"), an apostrophe and s ("NRK's"), or an s after at least two characters
/// but another s ("Norges", not "Moss"). The marks are told by the last bytes, where suffix
/// strips and a count of every character cost some hundred instructions a word.
#[inline(never)]
fn strip_genitive_mark(word: &str) -> &str {
    const RIGHT_QUOTE: &[u8] = "’".as_bytes();
    let b = word.as_bytes();
    let cut = match b {
        [.., b'\''] => 1,
        [.., 0xE2, 0x80, 0x99] => RIGHT_QUOTE.len(),
        [.., b'\'', b's'] => 2,
        [.., 0xE2, 0x80, 0x99, b's'] => RIGHT_QUOTE.len() + 1,
        [.., b's', b's'] => 0,
        [.., b's'] => {
            // At least two characters before the s.
            let w = word.get(..b.len() - 1).unwrap_or("");
            usize::from(w.chars().nth(1).is_some())
        }
        _ => 0,
    };
    word.get(..b.len() - cut).unwrap_or(word)
}

/// The word without its genitive mark, `None` when it has none: the stem is then worth asking
/// about only when this says so (most words have no genitive).
#[inline(always)]
pub(crate) fn genitive_stem(word: &str) -> Option<&str> {
    let stem = strip_genitive(word);
    (stem.len() < word.len()).then_some(stem)
}

/// A word with a capital after its first letter ("DigitalNorway", "iKuben", "UiO"), as
/// organisation and brand names are written; hyphenated compounds and all-caps words are not.
pub(crate) fn is_camel_case(word: &str) -> bool {
    if word.is_ascii() {
        is_ascii_camel_case(word.as_bytes())
    } else {
        camel_case_by_chars(word)
    }
}

/// [`is_camel_case`] read character by character.
fn camel_case_by_chars(word: &str) -> bool {
    // Called on every word: no allocation, and a quick exit for the common word with no
    // capital after its first letter.
    if word.len() < 3
        || !upper_after_first(word)
        // An ASCII word without a lower-case letter ("NRK") is none either.
        || word.bytes().all(|b| b.is_ascii() && !b.is_ascii_lowercase())
        || word.bytes().any(|b| matches!(b, b'-' | b'.'))
        || word.starts_with("Mc")
        || word.starts_with("Mac")
    {
        return false;
    }
    // Counted over letters only, unlike `upper_after_first`: "4Kids" has none.
    let (mut letters, mut capital_after_letter, mut lower) = (0, false, false);
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if c.is_uppercase() {
            capital_after_letter |= letters > 0;
        } else {
            lower = true;
        }
        letters += 1;
    }
    letters >= 3 && capital_after_letter && lower
}

/// [`is_camel_case`] of an ASCII word, in one pass over its bytes: most words asked are
/// hyphenated names or acronyms, which the tests above read three or four times. A capital
/// after a letter is a capital after the first character, so the pass needs no
/// [`upper_after_first`].
fn is_ascii_camel_case(word: &[u8]) -> bool {
    if word.starts_with(b"Mc") || word.starts_with(b"Mac") {
        return false;
    }
    let (mut letters, mut capital_after_letter, mut lower) = (0u32, false, false);
    for &b in word {
        if b.is_ascii_uppercase() {
            capital_after_letter |= letters > 0;
            letters += 1;
        } else if b.is_ascii_lowercase() {
            lower = true;
            letters += 1;
        } else if b == b'-' || b == b'.' {
            return false;
        }
    }
    letters >= 3 && capital_after_letter && lower
}

/// Some character after the first is upper case ([`is_upper`]): what an acronym and a
/// camel-case word have and most names ("Bjørnstad") lack. Read eight bytes at a time when
/// every character after the first is ASCII or two-byte Latin-1, all of Norwegian (a Latin-1
/// capital is `C3 80..=9E` but `C3 97`, ×); the characters are decoded only when another is
/// there.
#[inline]
pub(crate) fn upper_after_first(word: &str) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Most words asked are ASCII of up to sixteen bytes: their capitals from two loads, the
    // first byte (the first character) cleared, without a loop.
    let b = word.as_bytes();
    if b.len() <= 16 {
        let (lo, hi) = crate::normalize::load16(b);
        if (lo | hi) & HIGH == 0 {
            let capitals = crate::normalize::ascii_capitals;
            return capitals(lo & !0xFF) | capitals(hi) != 0;
        }
    }
    upper_after_first_latin(word)
}

/// [`upper_after_first`] of a word longer than sixteen bytes or with a byte past ASCII.
#[inline(never)]
fn upper_after_first_latin(word: &str) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = |b: u8| u64::from(b) * 0x0101_0101_0101_0101;
    let zeros = crate::normalize::zero_bytes;
    let mut chars = word.chars();
    chars.next();
    let mut b = chars.as_str().as_bytes();
    let (mut capitals, mut other) = (0u64, 0u64);
    while !b.is_empty() {
        // The bytes past the end load as zero: no capital, no lead byte.
        let x = match b.split_first_chunk::<8>() {
            Some((chunk, rest)) => {
                b = rest;
                u64::from_le_bytes(*chunk)
            }
            None => {
                let x = crate::normalize::load_short(b);
                b = &[];
                x
            }
        };
        let high = x & HIGH;
        // The ASCII bytes alone (the others zeroed) for the ASCII capitals.
        capitals |= crate::normalize::ascii_capitals(x & !(high | (high - (high >> 7))));
        if high != 0 {
            // A lead byte (bits 7 and 6 set) other than C3 leaves two-byte Latin-1; with none,
            // every byte 80..=BF follows a C3.
            other |= x & (x << 1) & HIGH & !zeros(x ^ bytes(0xC3));
            capitals |= zeros((x & bytes(0xE0)) ^ bytes(0x80))
                & !zeros(x ^ bytes(0x97))
                & !zeros(x ^ bytes(0x9F));
        }
    }
    if other != 0 {
        return chars.any(is_upper);
    }
    capitals != 0
}

/// The word holds a hyphen. Eight bytes at a time: it is asked of every capitalised word, and
/// most have none.
#[inline]
pub(crate) fn has_hyphen(word: &str) -> bool {
    const HYPHENS: u64 = 0x0101_0101_0101_0101 * b'-' as u64;
    let zero_byte = |x: u64| crate::normalize::zero_bytes(x) != 0;
    let mut b = word.as_bytes();
    while let Some((chunk, rest)) = b.split_first_chunk::<8>() {
        if zero_byte(u64::from_le_bytes(*chunk) ^ HYPHENS) {
            return true;
        }
        b = rest;
    }
    // The bytes past the end load as zero, which is no hyphen.
    !b.is_empty() && zero_byte(crate::normalize::load_short(b) ^ HYPHENS)
}

/// [`has_hyphen`] of `word`, a slice of `text`: one SIMD compare of the sixteen bytes of the
/// text from the word's start, the bytes past the word left out, where the word-at-a-time
/// test took a loop and a load of the word's tail. A word over sixteen bytes, or too near the
/// text's end, is read by [`has_hyphen`].
#[inline]
pub(crate) fn has_hyphen_in(text: &[u8], word: &str) -> bool {
    use wide::{CmpEq, i8x16};
    let len = word.len();
    // The word's offset in the text: the sixteen bytes from there hold a word of up to
    // sixteen bytes of the text (one of another text lies past its end, or wraps).
    let at = (word.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    match text
        .get(at..at.wrapping_add(16))
        .and_then(<[u8]>::first_chunk::<16>)
    {
        Some(w) if len <= 16 => {
            let x = i8x16::new(w.map(|b| b as i8));
            let hyphens = x.cmp_eq(i8x16::splat(b'-' as i8)).move_mask() as u32;
            hyphens & ((1u32 << len) - 1) != 0
        }
        _ => has_hyphen(word),
    }
}

/// `char::is_uppercase`, with ASCII and Latin-1, all of Norwegian, answered without the
/// Unicode tables (the capitals of U+0080..=U+00FF are U+00C0..=U+00DE but U+00D7).
#[inline]
pub(crate) fn is_upper(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_uppercase(),
        0x80..=0xFF => matches!(c, '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}'),
        _ => c.is_uppercase(),
    }
}

/// A product's model code: letters and digits in one short word ("V60", "S8", "XC90").
pub(crate) fn is_model_code(word: &str) -> bool {
    // All ASCII, so bytes are characters.
    let b = word.as_bytes();
    if !(2..=6).contains(&b.len()) || !b.first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    // Asked of the last word of most runs of two or more, names without a digit: the digits
    // of a word of ASCII bytes from one load (bit 7 of `x + 0x50` is set from '0' on, of
    // `x + 0x46` from ':' on, and the zeros past the end are neither), before the loop.
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = crate::normalize::load_short(b);
    let digits = x.wrapping_add(0x5050_5050_5050_5050) & !x.wrapping_add(0x4646_4646_4646_4646);
    x & HIGH == 0 && digits & HIGH != 0 && b.iter().all(u8::is_ascii_alphanumeric)
}

/// An acronym-like word: two to six letters (digits allowed after the first), all capitals
/// ("NRK", "UiO" is camel case instead).
pub(crate) fn is_acronym(word: &str) -> bool {
    // The letter tests first: most words fail at their second letter, before any count; a
    // name of ASCII capital and lower-case letter ("Oslo") at its second byte.
    if let [first, second, ..] = word.as_bytes() {
        if first.is_ascii() && second.is_ascii_lowercase() {
            return false;
        }
    }
    word.len() >= 2
        && word.chars().next().is_some_and(is_upper)
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
        && (2..=6).contains(&word.chars().count())
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn genitive() {
        assert_eq!(strip_genitive("Norges"), "Norge");
        assert_eq!(strip_genitive("Ross'"), "Ross");
        assert_eq!(strip_genitive("Hans"), "Han");
        assert_eq!(strip_genitive("Moss"), "Moss");
        assert_eq!(strip_genitive("Norge"), "Norge");
        // The marks' bytes against the suffix strips and character count they replace.
        fn by_suffixes(word: &str) -> &str {
            if let Some(w) = word.strip_suffix('\'').or_else(|| word.strip_suffix('’')) {
                return w;
            }
            if let Some(w) = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")) {
                return w;
            }
            match word.strip_suffix('s') {
                Some(w) if w.chars().count() >= 2 && !w.ends_with('s') => w,
                _ => word,
            }
        }
        let parts = [
            "", "s", "S", "'", "’", "a", "ø", "€", "𝐀", "ss", "'s", "’s", "s'", "NRK",
        ];
        let mut stripped = 0;
        for a in parts {
            for b in parts {
                for c in parts {
                    let w = format!("{a}{b}{c}");
                    assert_eq!(strip_genitive(&w), by_suffixes(&w), "{w:?}");
                    stripped += usize::from(strip_genitive(&w) != w);
                }
            }
        }
        assert!(stripped > 500, "{stripped}");
    }

    #[test]
    fn is_upper_is_char_is_uppercase() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
        }
    }

    #[test]
    fn function_words_are_found_by_their_keys() {
        let is_function_word = |w: &str| function_word_by_key(word_key(w), || w);
        assert!(FUNCTION_WORDS.iter().all(|w| is_function_word(w)));
        // Every word's capitalised form is found as written, and only a function word's.
        for w in FUNCTION_WORDS {
            if let Some(title) = title_case(w) {
                assert!(title_function_word(word_key(w), &title), "{title:?}");
                assert!(!title_function_word(word_key(w), w), "{w:?}");
            }
        }
        assert!(
            FUNCTION_WORDS
                .iter()
                .filter(|w| title_case(w).is_some())
                .count()
                > 100
        );
        assert!(!title_function_word(word_key("hansen"), "Hansen"));
        assert!(!is_function_word("hansen") && !is_function_word("") && !is_function_word("Det"));
        let doc = crate::tokenize::Tokenizer::new()
            .analyse("Det sa Hansen, men I DAG er Også han der. Før Dét kom Så DEt, Ås og Bl.a.");
        let view = View::new(&doc);
        for t in &view.toks {
            let lower = view.lower_of(t);
            assert_eq!(
                is_function_token(&view, t),
                FUNCTION_WORDS.contains(&lower),
                "{lower:?}"
            );
        }
    }

    #[test]
    fn upper_after_first_and_has_hyphen_answer_as_the_characters_do() {
        let words = [
            "",
            "a",
            "A",
            "Ab",
            "aB",
            "UiO",
            "Bjørnstad",
            "BjØrn",
            "Øy",
            "øY",
            "ØÆÅ",
            "a×b",
            "aßc",
            "ÉÉ",
            "éÉ",
            "Ĳssel",
            "ĳSsel",
            "ǅemal",
            "aǅ",
            "ΟΔΟΣ",
            "οΔ",
            "Anne-Grete",
            "Kim Jong-il",
            "abcdefgh-",
            "abcdefghijklmnopq-r",
            "-",
            "a-",
            "abcdefgh",
            "Hansen–Olsen",
        ];
        for w in words {
            let upper = w.chars().skip(1).any(char::is_uppercase);
            assert_eq!(upper_after_first(w), upper, "{w:?}");
            assert_eq!(has_hyphen(w), w.contains('-'), "{w:?}");
        }
        // A hyphen at every place of words of every length the loads read, and none.
        for (len, fill) in (0..=20).flat_map(|len| [(len, "a"), (len, "aæ")]) {
            let plain = fill.repeat(len).chars().take(len).collect::<String>();
            assert!(!has_hyphen(&plain), "{plain:?}");
            for at in 0..len {
                let mut w: Vec<char> = plain.chars().collect();
                if let Some(c) = w.get_mut(at) {
                    *c = '-';
                }
                let w: String = w.into_iter().collect();
                assert!(has_hyphen(&w), "{w:?}");
            }
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            // Also across the eight-byte steps.
            for w in [
                format!("a{c}"),
                format!("{c}a"),
                format!("{c}{c}x"),
                format!("abcdefg{c}"),
                format!("Øabcdefghij{c}k"),
                format!("abcdefghij{c}k"),
                format!("abcdefghijklmno{c}"),
            ] {
                let upper = w.chars().skip(1).any(char::is_uppercase);
                assert_eq!(upper_after_first(&w), upper, "{w:?}");
            }
        }
    }

    #[test]
    fn has_hyphen_in_answers_as_has_hyphen_of_every_slice_of_a_text() {
        let text = "Anne-Grete Hansen-Olsen, Kim Jong-il og abcdefghijklmno-p. ø-Æ–x -- a-\
                    abcdefghijklmnop abcdefghijklmnopq-r Oslo-politiker- Ban Ki-moon";
        let mut hyphens = 0;
        for a in (0..=text.len()).filter(|&a| text.is_char_boundary(a)) {
            for b in (a..=text.len().min(a + 20)).filter(|&b| text.is_char_boundary(b)) {
                let w = &text[a..b];
                assert_eq!(has_hyphen_in(text.as_bytes(), w), has_hyphen(w), "{w:?}");
                hyphens += usize::from(has_hyphen(w));
            }
        }
        assert!(hyphens > 100, "{hyphens}");
        // A word of another text is read by itself.
        let other = String::from("Kari-Anne");
        assert!(has_hyphen_in(text.as_bytes(), &other));
        assert!(!has_hyphen_in(text.as_bytes(), &other[..4]));
        assert!(!has_hyphen_in(&text.as_bytes()[..0], ""));
    }

    #[test]
    fn particles_and_org_prepositions_are_short_words() {
        assert!(
            PARTICLES
                .iter()
                .chain(ORG_PREPOSITIONS)
                .all(|w| w.len() <= SHORT_WORD)
        );
    }

    #[test]
    fn non_org_acronyms_are_found_packed_in_any_ascii_case() {
        assert!(NON_ORG_ACRONYMS.iter().all(|a| pack_upper(a).is_some()));
        let words = [
            "AI", "ai", "Ai", "CO2", "co2", "HTML", "html", "VIII", "B2B", "NRK", "A", "", "AIX",
            "HTMLX", "AI\0", "AI\0\0", "Æ", "TV", "tv", "KWH", "KwH", "ÆØÅ",
        ];
        for w in words {
            let scan = NON_ORG_ACRONYMS.iter().any(|a| a.eq_ignore_ascii_case(w));
            assert_eq!(is_non_org_acronym(w), scan, "{w:?}");
        }
    }

    #[test]
    fn ascii_camel_case_answers_as_the_characters_do() {
        // Every word of up to four bytes over letters, digits and the bytes the tests read,
        // and longer words of the kinds asked.
        let alphabet = b"aAbZ-.4&";
        let mut words: Vec<String> = vec![String::new()];
        for len in 1..=4u32 {
            for mut n in 0..alphabet.len().pow(len) {
                let mut w = String::new();
                for _ in 0..len {
                    w.push(char::from(alphabet[n % alphabet.len()]));
                    n /= alphabet.len();
                }
                words.push(w);
            }
        }
        for w in [
            "DigitalNorway",
            "McKinsey",
            "MacBook",
            "Mcdonald",
            "Hansen-Olsen",
            "REGJERINGEN",
            "NRKs",
            "UiOs",
            "4Kids",
            "iPhone",
            "eBay",
            "ProtoMore",
            "Dagbladet.no",
            "MC",
            "Ma",
        ] {
            words.push(w.to_string());
        }
        for w in &words {
            assert_eq!(is_camel_case(w), camel_case_by_chars(w), "{w:?}");
        }
        assert!(words.iter().any(|w| is_camel_case(w)));
    }

    #[test]
    fn shapes() {
        assert!(is_camel_case("DigitalNorway"));
        assert!(is_camel_case("iKuben"));
        assert!(is_camel_case("UiO"));
        assert!(!is_camel_case("NRK"));
        assert!(!is_camel_case("Halden-baserte"));
        assert!(!is_camel_case("McDonald"));
        assert!(is_acronym("NRK"));
        assert!(!is_acronym("KrF"));
        assert!(!is_acronym("A"));
        assert!(is_street("universitetsgata"));
        for w in [
            "gata", "storgata", "vei", "xvei", "allé", "ballé", "plass", "hansen", "", "a",
        ] {
            let scan = STREET_ENDINGS
                .iter()
                .any(|e| w.ends_with(e) && w.len() > e.len());
            assert_eq!(is_street(w), scan, "{w:?}");
        }
        assert!(is_model_code("V60"));
        assert!(is_model_code("XC90"));
        assert!(!is_model_code("NRK"));
        assert!(!is_model_code("2009"));
    }

    /// The digit test from one load answers as the byte loops: every word of up to three of
    /// the characters around the digits' and letters' edges, and many longer ones.
    #[test]
    fn is_model_code_answers_as_the_byte_loops() {
        let scan = |w: &str| {
            let b = w.as_bytes();
            (2..=6).contains(&b.len())
                && b.first().is_some_and(u8::is_ascii_uppercase)
                && b.iter().all(u8::is_ascii_alphanumeric)
                && b.iter().any(u8::is_ascii_digit)
        };
        let chars = [
            'A', 'Z', 'a', 'z', '0', '9', '/', ':', '@', '[', '`', '{', 'Ø', 'é', '-', '\u{7f}',
        ];
        let mut words: Vec<String> = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| chars.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        let mut x = 7u64;
        for _ in 0..50_000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = 4 + (x >> 60) as usize % 5;
            let w: String = (0..len)
                .map(|k| {
                    chars
                        .get((x >> (4 * k)) as usize % chars.len())
                        .copied()
                        .unwrap_or('A')
                })
                .collect();
            words.push(w);
        }
        let mut found = 0;
        for w in &words {
            assert_eq!(is_model_code(w), scan(w), "{w:?}");
            found += usize::from(scan(w));
        }
        assert!(found > 100, "{found}");
    }

    /// The trie of [`is_street`] answers as comparing the word's end with each ending does,
    /// for every ending alone, with a byte or a letter before or after it, cut short, and for
    /// every place and surname of the embedded lexicons.
    #[test]
    fn is_street_is_the_scan_of_the_endings() {
        let scan = |w: &str| {
            STREET_ENDINGS
                .iter()
                .any(|e| w.ends_with(e) && w.len() > e.len())
        };
        let words = words_near_endings(STREET_ENDINGS);
        for w in &words {
            assert_eq!(is_street(w), scan(w), "{w:?}");
        }
        assert!(words.iter().filter(|w| scan(w)).count() > 2 * STREET_ENDINGS.len());
    }

    /// Words that end, or nearly end, in one of `endings`: each ending alone, with a byte or a
    /// letter before or after it, cut short at either end; and every place and surname of the
    /// embedded lexicons. The words that a filter by word ends must not get wrong.
    pub(crate) fn words_near_endings(endings: &[&str]) -> Vec<String> {
        let lx = crate::lexicon::LexiconSet::embedded();
        let mut words: Vec<String> = Vec::new();
        for e in endings {
            for (k, _) in e.char_indices() {
                words.extend(e.get(k..).map(str::to_string));
                words.extend(e.get(..k).map(str::to_string));
            }
            words.extend([
                e.to_string(),
                format!("x{e}"),
                format!("å{e}"),
                format!("{e}x"),
                format!("{e}s"),
            ]);
        }
        words.extend(lx.places().iter().map(|p| p.name.to_lowercase()));
        words.extend(lx.surnames().iter().map(|s| s.to_lowercase()));
        words
    }
}
