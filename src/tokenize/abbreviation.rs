//! The tokenizer's own copy of the abbreviation set, for the lookups it makes per
//! candidate word.
//!
//! [`Abbreviations::contains`] hashes with SipHash and, for every word whose exact form is not
//! known, allocates its lower-cased form: about a microsecond a sentence-final word, the
//! costliest single step of tokenizing. This table answers the same questions with the Fx
//! hasher, one probe per form, and lower-cases an ASCII first letter on the stack.

use crate::fxhash::FxHashMap;
use crate::lexicon::Abbreviations;

/// The longest form lower-cased on the stack; longer ones (never in the default list) take an
/// allocation, as before.
const STACK: usize = 32;

/// Known abbreviations, each with whether it may end a sentence.
#[derive(Clone, Debug, Default)]
pub(crate) struct AbbreviationTable {
    /// Form (as listed, with its periods) -> may end a sentence.
    forms: FxHashMap<Box<str>, bool>,
    filter: AbbreviationFilter,
}

/// What the table says of a form, as written or with a lower-case first letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Known {
    /// The form is an abbreviation.
    pub(crate) abbreviation: bool,
    /// It may end a sentence.
    pub(crate) ends_sentence: bool,
}

impl AbbreviationTable {
    pub(crate) fn new(abbreviations: &Abbreviations) -> AbbreviationTable {
        let forms = abbreviations
            .iter()
            .map(|form| (Box::from(form), abbreviations.ends_sentence(form)))
            .collect();
        AbbreviationTable {
            forms,
            filter: AbbreviationFilter::new(abbreviations),
        }
    }

    /// False when `form` is certainly not an abbreviation (as written or with its first letter
    /// lower-cased; but, as the tokenizer always had it, by the length of the form as
    /// written, which lower-casing a non-ASCII first letter may change).
    #[inline]
    pub(crate) fn may_contain(&self, form: impl AsRef<[u8]>) -> bool {
        self.filter.may_contain(form.as_ref())
    }

    /// `form` ("bl.a.", "St.") is a listed abbreviation; the filter turns most words away
    /// before the table is read.
    #[inline]
    pub(crate) fn is_abbreviation(&self, form: &str) -> bool {
        self.may_contain(form) && self.lookup(form).abbreviation
    }

    /// Answers [`Abbreviations::contains`] and [`Abbreviations::ends_sentence`] for `form`
    /// at once: the form is known as written or with its first letter lower-cased.
    pub(crate) fn lookup(&self, form: &str) -> Known {
        let exact = self.forms.get(form).copied();
        if exact == Some(true) {
            return Known {
                abbreviation: true,
                ends_sentence: true,
            };
        }
        let lower = self.lookup_lower_first(form);
        Known {
            abbreviation: exact.is_some() || lower.is_some(),
            ends_sentence: lower == Some(true),
        }
    }

    /// The entry of `form` with its first character lower-cased (as the lexicon's
    /// `lower_first` does), without allocating for an ASCII first letter.
    fn lookup_lower_first(&self, form: &str) -> Option<bool> {
        let bytes = form.as_bytes();
        match bytes.first() {
            None => self.forms.get("").copied(),
            Some(b) if b.is_ascii_lowercase() || !b.is_ascii_alphabetic() && b.is_ascii() => {
                // Lower-casing changes nothing: the exact probe already answered.
                self.forms.get(form).copied()
            }
            Some(b) if b.is_ascii() && bytes.len() <= STACK => {
                let mut buf = [0u8; STACK];
                let buf = buf.get_mut(..bytes.len())?;
                buf.copy_from_slice(bytes);
                buf[0] = b.to_ascii_lowercase();
                let lower = std::str::from_utf8(buf).ok()?;
                self.forms.get(lower).copied()
            }
            Some(_) => {
                let mut chars = form.chars();
                let lower: String = chars
                    .next()
                    .map(|f| f.to_lowercase().chain(chars).collect())
                    .unwrap_or_default();
                self.forms.get(lower.as_str()).copied()
            }
        }
    }
}

/// A cheap test that rules most candidates out before the table is asked: the lengths of the
/// known abbreviations, and a one-hash Bloom filter over (length, first byte, byte before the
/// last), both bytes ASCII-lower-cased. Every sentence-final word is a candidate, and most
/// share their length and first letter with some abbreviation; few share all three.
#[derive(Clone, Debug)]
struct AbbreviationFilter {
    lengths: u64,
    bits: Box<[u64; FILTER_WORDS]>,
}

const FILTER_WORDS: usize = 64;

impl Default for AbbreviationFilter {
    fn default() -> Self {
        AbbreviationFilter {
            lengths: 0,
            bits: Box::new([0; FILTER_WORDS]),
        }
    }
}

impl AbbreviationFilter {
    fn new(abbreviations: &Abbreviations) -> AbbreviationFilter {
        let mut f = AbbreviationFilter::default();
        for form in abbreviations.iter() {
            f.lengths |= 1 << form.len().min(63);
            let bit = Self::bit(form.as_bytes());
            f.bits[bit / 64] |= 1 << (bit % 64);
        }
        f
    }

    /// The filter bit of `form`. The exact form and the form with its first letter
    /// lower-cased (which the lexicon also accepts) share it when that letter is ASCII.
    #[inline]
    fn bit(b: &[u8]) -> usize {
        let first = b.first().map_or(0, u8::to_ascii_lowercase);
        let before_last = b
            .len()
            .checked_sub(2)
            .and_then(|k| b.get(k))
            .map_or(0, u8::to_ascii_lowercase);
        let h = (b.len() as u32)
            .wrapping_mul(0x9E37_79B9)
            .wrapping_add(u32::from(first) << 8 | u32::from(before_last))
            .wrapping_mul(0x85EB_CA6B);
        (h >> 20) as usize % (FILTER_WORDS * 64)
    }

    /// False when `form` is certainly not an abbreviation.
    #[inline]
    fn may_contain(&self, form: &[u8]) -> bool {
        let first = form.first().copied().unwrap_or(0);
        if self.lengths & (1 << form.len().min(63)) == 0 {
            return false;
        }
        // A non-ASCII first letter may lower-case to a different first byte.
        let bit = Self::bit(form);
        first >= 0x80 || self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table answers exactly as the lexicon's own set, for listed forms, their capitalised
    /// and upper-case variants, and words that are not listed.
    #[test]
    fn answers_as_the_lexicon() {
        let a = Abbreviations::from_entries([
            ("f.eks.", false),
            ("osv.", true),
            ("Dr.", false),
            ("dr.", true),
            ("ca.", false),
            ("Ca.", true),
            ("é.", false),
            ("øvr.", true),
        ]);
        let table = AbbreviationTable::new(&a);
        for form in [
            "f.eks.", "F.eks.", "F.EKS.", "osv.", "Osv.", "OSV.", "Dr.", "dr.", "DR.", "ca.",
            "Ca.", "É.", "é.", "Øvr.", "øvr.", "hus.", "", ".", "1.", "İ.",
        ] {
            let known = table.lookup(form);
            assert!(!known.abbreviation || table.may_contain(form), "{form:?}");
            assert_eq!(known.abbreviation, a.contains(form), "{form:?}");
            assert_eq!(known.ends_sentence, a.ends_sentence(form), "{form:?}");
        }
    }

    #[cfg(feature = "embedded-lexicons")]
    #[test]
    fn answers_as_the_embedded_lexicon() {
        let a = crate::lexicon::LexiconSet::embedded().abbreviations();
        let table = AbbreviationTable::new(a);
        for form in a.iter() {
            let mut chars = form.chars();
            let upper: String = chars
                .next()
                .map(|f| f.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            for f in [form, upper.as_str(), &form.to_uppercase()] {
                let known = table.lookup(f);
                assert!(!known.abbreviation || table.may_contain(f), "{f:?}");
                assert_eq!(known.abbreviation, a.contains(f), "{f:?}");
                assert_eq!(known.ends_sentence, a.ends_sentence(f), "{f:?}");
            }
        }
    }
}
