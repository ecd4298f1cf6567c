//! Stage 1: the Norwegian tokenizer.
//!
//! Tokens are UAX#29 word segments refined by the rules Norwegian press text needs
//! (abbreviations, ordinals, initials, numbers and digit groups, hyphenated compounds, URLs,
//! quote marks and the quote dash). Each token is a [`Token`]: a byte [`Span`] into the input,
//! a [`TokenKind`] and [`TokenFlags`].
//!
//! The text is processed one paragraph window at a time (a line, at most 64 KiB), which is what
//! makes the [`StreamTokenizer`] give exactly the same tokens as [`Tokenizer::tokenize`]. In a
//! window, `scan` cuts the segments (a table-driven scanner for the simple characters,
//! unicode-segmentation for the rest), `window` merges them by the pure predicates of `rules`
//! and marks the sentence ends, and `segment` groups tokens into sentences and paragraphs.
//! The commonest shapes (a word between spaces, a word and its punctuation, a compound, a
//! dash) go from `scan` to `window` straight, which makes the tokens the merger would.
//!
//! ```
//! use kilde::tokenize::{Tokenizer, TokenKind};
//! let text = "– Vi er klare, sier Liv Dingsør.";
//! let tokens: Vec<_> = Tokenizer::new().tokenize(text).collect();
//! assert_eq!(tokens[0].kind(), TokenKind::QuoteDash);
//! assert_eq!(&text[tokens[1].span()], "Vi");
//! ```

mod abbreviation;
mod rules;
mod scan;
mod segment;
mod stream;
mod window;

pub(crate) use rules::MARKS_AND_DASHES;
pub(crate) use segment::Buffers;
pub use segment::{Sentences, Tokenized};
pub use stream::{ReadTokens, StreamTokenizer};

use crate::lexicon::Abbreviations;
use crate::span::Span;
use abbreviation::AbbreviationTable;
use std::sync::Arc;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// A word, including hyphenated compounds ("Halden-baserte") and suspended first parts
    /// ("Nærings-").
    Word,
    /// A number: "2015", "3,5", "14.30".
    Number,
    /// An ordinal or a number with its period kept: "17." in "17. mai".
    Ordinal,
    /// An abbreviation with its periods: "bl.a.", "f.eks.", "kl.".
    Abbreviation,
    /// An initial with its period: "E." in "Jan E. Melby".
    Initial,
    /// A URL or a bare domain: `https://nrk.no/x`, "prestasjonskultur.no".
    Url,
    /// An e-mail address.
    Email,
    /// An @handle.
    Handle,
    /// A #tag.
    Hashtag,
    /// An opening quotation mark: « “ „ and straight marks in opening position.
    QuoteOpen,
    /// A closing quotation mark: » ” and straight marks in closing position.
    QuoteClose,
    /// A quotation mark whose direction the text does not tell.
    Quote,
    /// The dash that opens a quote paragraph ("– Vi er ...", "- Vi er ...").
    QuoteDash,
    /// A dash inside a sentence ("et lag – og må") or standing alone.
    Dash,
    /// A list bullet (•, ▪, ·, * at the start of a line).
    Bullet,
    /// Sentence punctuation and brackets: . , : ; ! ? ( ) … and the like.
    Punct,
    /// Any other symbol (%, §, &, emoji ...).
    Symbol,
}

/// Boolean properties of a token, as a small bit set.
///
/// ```
/// use kilde::tokenize::{TokenFlags, Tokenizer};
/// let t = Tokenizer::new().tokenize("NRK melder").next().unwrap();
/// assert!(t.flags().contains(TokenFlags::ALL_CAPS | TokenFlags::CAPITALISED));
/// assert!(t.flags().contains(TokenFlags::SENTENCE_START | TokenFlags::PARAGRAPH_START));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TokenFlags(u16);

impl TokenFlags {
    /// The first character is an upper-case letter.
    pub const CAPITALISED: TokenFlags = TokenFlags(1);
    /// Every letter is upper case and there are at least two letters.
    pub const ALL_CAPS: TokenFlags = TokenFlags(1 << 1);
    /// The token opens a sentence.
    pub const SENTENCE_START: TokenFlags = TokenFlags(1 << 2);
    /// The token opens a paragraph.
    pub const PARAGRAPH_START: TokenFlags = TokenFlags(1 << 3);
    /// The token closes a sentence.
    pub const SENTENCE_END: TokenFlags = TokenFlags(1 << 4);
    /// A digit group that continues the number before it across a space ("000" in "10 000").
    pub const DIGIT_GROUP: TokenFlags = TokenFlags(1 << 5);
    /// No whitespace separates the token from the one before it.
    pub const GLUED: TokenFlags = TokenFlags(1 << 6);
    /// The token is a paragraph's last.
    pub const PARAGRAPH_END: TokenFlags = TokenFlags(1 << 7);

    /// No flag set.
    pub const fn empty() -> TokenFlags {
        TokenFlags(0)
    }

    /// Both sets together, usable in constants (`a | b` is the same).
    ///
    /// ```
    /// use kilde::tokenize::TokenFlags;
    /// const START: TokenFlags = TokenFlags::SENTENCE_START.union(TokenFlags::PARAGRAPH_START);
    /// assert_eq!(START, TokenFlags::SENTENCE_START | TokenFlags::PARAGRAPH_START);
    /// ```
    pub const fn union(self, other: TokenFlags) -> TokenFlags {
        TokenFlags(self.0 | other.0)
    }

    /// The flags as bits, each at the position of its constant: for a record that keeps some
    /// of them in one byte, one mask instead of a test a flag.
    #[inline]
    pub(crate) const fn bits(self) -> u16 {
        self.0
    }

    /// True when every flag of `other` is set here.
    #[inline]
    pub const fn contains(self, other: TokenFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Sets the flags of `other`.
    #[inline]
    pub fn insert(&mut self, other: TokenFlags) {
        self.0 |= other.0;
    }

    /// Clears the flags of `other`.
    #[inline]
    pub fn remove(&mut self, other: TokenFlags) {
        self.0 &= !other.0;
    }
}

impl std::ops::BitOr for TokenFlags {
    type Output = TokenFlags;
    fn bitor(self, rhs: TokenFlags) -> TokenFlags {
        TokenFlags(self.0 | rhs.0)
    }
}

/// One token: where it is, what it is, and its flags. `&text[token.span()]` is its surface.
#[derive(Clone, Copy)]
pub struct Token {
    span: Span,
    kind: TokenKind,
    flags: TokenFlags,
    /// What the scanner saw of a plain word's letters ([`Token::word_case`]). Not part of the
    /// token's value: equality, hashing and `Debug` leave it out, as a token is the same
    /// whichever path made it.
    case: WordCase,
}

// The case sits in what was the record's padding: the list of tokens is no larger.
const _: () = assert!(std::mem::size_of::<Token>() == 24);

impl PartialEq for Token {
    fn eq(&self, other: &Token) -> bool {
        self.span == other.span && self.kind == other.kind && self.flags == other.flags
    }
}

impl Eq for Token {}

impl std::hash::Hash for Token {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.span.hash(state);
        self.kind.hash(state);
        self.flags.hash(state);
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("span", &self.span)
            .field("kind", &self.kind)
            .field("flags", &self.flags)
            .finish()
    }
}

/// The letters of a word of up to sixteen bytes of ASCII letters, as the scanner read them
/// while it looked for the word's end: the view's records take it instead of
/// testing the word's bytes again.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum WordCase {
    /// Not told (any other token).
    #[default]
    Unknown,
    /// No capital: ASCII small letters, at most sixteen bytes; or one punctuation
    /// mark, a dash or a bullet (its own lower case).
    Lower,
    /// An ASCII capital, then ASCII small letters, at most sixteen bytes in all.
    Capitalised,
}

impl Token {
    pub(crate) fn new(span: Span, kind: TokenKind, flags: TokenFlags) -> Token {
        Token::with_case(span, kind, flags, WordCase::Unknown)
    }

    /// A word token whose letters the scanner told ([`Token::word_case`]).
    #[inline]
    pub(crate) fn word(span: Span, flags: TokenFlags, case: WordCase) -> Token {
        Token::with_case(span, TokenKind::Word, flags, case)
    }

    /// A token whose letters the scanner told ([`Token::word_case`]).
    #[inline]
    pub(crate) fn with_case(
        span: Span,
        kind: TokenKind,
        flags: TokenFlags,
        case: WordCase,
    ) -> Token {
        Token {
            span,
            kind,
            flags,
            case,
        }
    }

    /// The case of a word of up to sixteen bytes of ASCII letters when the scanner told it (a
    /// word with a digit is not told), [`WordCase::Unknown`] otherwise.
    #[inline]
    pub(crate) fn word_case(&self) -> WordCase {
        self.case
    }

    /// Byte span into the input.
    #[inline]
    pub fn span(&self) -> Span {
        self.span
    }

    /// What the token is.
    #[inline]
    pub fn kind(&self) -> TokenKind {
        self.kind
    }

    /// The token's flags.
    #[inline]
    pub fn flags(&self) -> TokenFlags {
        self.flags
    }

    /// Shorthand for `self.flags().contains(flag)`.
    #[inline]
    pub fn is(&self, flag: TokenFlags) -> bool {
        self.flags.contains(flag)
    }

    /// The token's surface in `text`, the input it was made from.
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span]
    }

    pub(crate) fn shifted(self, offset: usize) -> Token {
        Token {
            span: self.span.offset(offset),
            ..self
        }
    }
}

/// The Norwegian tokenizer. Cheap to clone (an `Arc` inside), `Send + Sync`.
///
/// ```
/// use kilde::tokenize::Tokenizer;
/// let text = "Møtet er kl. 14.30 den 17. mai, bl.a. med Jan E. Melby.";
/// let words: Vec<&str> = Tokenizer::new().tokenize(text).map(|t| t.text(text)).collect();
/// assert_eq!(
///     words,
///     ["Møtet", "er", "kl.", "14.30", "den", "17.", "mai", ",", "bl.a.", "med", "Jan", "E.",
///      "Melby", "."]
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Tokenizer {
    abbreviations: Arc<Abbreviations>,
    table: Arc<AbbreviationTable>,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Tokenizer::new()
    }
}

impl Tokenizer {
    /// A tokenizer with the default abbreviation list (`lexicons/abbreviations.txt`).
    #[cfg(feature = "embedded-lexicons")]
    pub fn new() -> Tokenizer {
        Tokenizer::with_abbreviations(
            crate::lexicon::LexiconSet::embedded()
                .abbreviations()
                .clone(),
        )
    }

    /// A tokenizer with no abbreviations (the `embedded-lexicons` feature is off).
    #[cfg(not(feature = "embedded-lexicons"))]
    pub fn new() -> Tokenizer {
        Tokenizer::with_abbreviations(Abbreviations::default())
    }

    /// A tokenizer that knows these abbreviations.
    pub fn with_abbreviations(abbreviations: Abbreviations) -> Tokenizer {
        Tokenizer {
            table: Arc::new(AbbreviationTable::new(&abbreviations)),
            abbreviations: Arc::new(abbreviations),
        }
    }

    /// The abbreviations this tokenizer keeps whole.
    pub fn abbreviations(&self) -> &Abbreviations {
        &self.abbreviations
    }

    /// Tokens of `text`, lazily, one paragraph window at a time.
    pub fn tokenize<'t>(&self, text: &'t str) -> Tokens<'t> {
        Tokens {
            tokenizer: self.clone(),
            text,
            pos: 0,
            buf: Vec::new(),
            next: 0,
            scratch: Default::default(),
        }
    }

    /// Tokens, sentences and paragraphs of `text`, collected for the later stages.
    pub fn analyse<'t>(&self, text: &'t str) -> Tokenized<'t> {
        self.analyse_in(text, Buffers::default())
    }

    /// [`analyse`](Self::analyse) into the lists of an earlier text
    /// ([`Tokenized::into_buffers`]).
    pub(crate) fn analyse_in<'t>(&self, text: &'t str, buffers: Buffers) -> Tokenized<'t> {
        // The windows append straight to the result: no per-token trip through `Tokens`.
        // Press text has a token every six bytes or so: reserving for one every four spares
        // the copies of growing, and leaves less unused than doubling does on average.
        // `try_reserve`: on a 32-bit target a text of some hundred MB would ask for more than
        // the address space; growing as needed then decides, never a capacity panic here.
        let (mut tokens, mut groups, mut scratch) = buffers.start(text.len());
        let _ = tokens.try_reserve(text.len() / 4 + 8);
        window::tokenize_text(&self.table, text, &mut scratch, &mut tokens, &mut groups);
        groups.finish(text, tokens, scratch)
    }

    /// A streaming tokenizer fed chunk by chunk.
    pub fn stream(&self) -> StreamTokenizer {
        StreamTokenizer::new(self.clone())
    }

    /// Tokenizes the paragraph window of `text` that starts at `pos`, appending its tokens to
    /// `out`; returns where the next window starts.
    fn next_window(
        &self,
        text: &str,
        pos: usize,
        scratch: &mut window::Scratch,
        out: &mut Vec<Token>,
    ) -> usize {
        let window = segment::next_window(text, pos);
        let place = window::WindowPlace::of(text, window);
        self.tokenize_window(text, window, place, scratch, out);
        window.end
    }

    /// Tokenizes one paragraph window `text[window]`, appending absolute tokens to `out`.
    pub(crate) fn tokenize_window(
        &self,
        text: &str,
        window: Span,
        place: window::WindowPlace,
        scratch: &mut window::Scratch,
        out: &mut Vec<Token>,
    ) {
        window::tokenize_window(&self.table, text, window, place, scratch, out);
    }
}

/// Iterator over the tokens of a text; see [`Tokenizer::tokenize`].
#[derive(Debug)]
pub struct Tokens<'t> {
    tokenizer: Tokenizer,
    text: &'t str,
    pos: usize,
    buf: Vec<Token>,
    next: usize,
    scratch: window::Scratch,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            if let Some(t) = self.buf.get(self.next) {
                self.next += 1;
                return Some(*t);
            }
            if self.pos >= self.text.len() {
                return None;
            }
            self.buf.clear();
            self.next = 0;
            self.pos =
                self.tokenizer
                    .next_window(self.text, self.pos, &mut self.scratch, &mut self.buf);
        }
    }

    /// Window by window, without the per-token bookkeeping of `next` (`count`, `for_each`,
    /// `sum` and most adapters go through here).
    fn fold<B, F: FnMut(B, Token) -> B>(mut self, init: B, mut f: F) -> B {
        let mut acc = init;
        for &t in self.buf.get(self.next..).unwrap_or_default() {
            acc = f(acc, t);
        }
        while self.pos < self.text.len() {
            self.buf.clear();
            self.pos =
                self.tokenizer
                    .next_window(self.text, self.pos, &mut self.scratch, &mut self.buf);
            for &t in &self.buf {
                acc = f(acc, t);
            }
        }
        acc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fold` (behind `count`, `for_each` ...) gives what `next` gives, also after `next` has
    /// taken part of a window, and `analyse` holds the same tokens.
    #[test]
    fn fold_and_analyse_agree_with_next() {
        let text = "– Vi er klare, sier Liv.\n\nNeste avsnitt, bl.a. med «sitat».\nSlutt";
        let tokenizer = Tokenizer::new();
        let all: Vec<Token> = std::iter::from_fn({
            let mut it = tokenizer.tokenize(text);
            move || it.next()
        })
        .collect();
        assert!(all.len() > 10);
        for taken in 0..all.len() {
            let mut it = tokenizer.tokenize(text);
            let mut got: Vec<Token> = it.by_ref().take(taken).collect();
            it.for_each(|t| got.push(t));
            assert_eq!(got, all, "after {taken}");
        }
        assert_eq!(tokenizer.tokenize(text).count(), all.len());
        assert_eq!(tokenizer.analyse(text).tokens(), &all[..]);
    }

    #[test]
    fn analyse_in_the_lists_of_another_text_is_analyse() {
        let texts = [
            "– Vi er klare, sier Liv.\n\nNeste avsnitt, bl.a. med «sitat».",
            "",
            "Ja",
        ];
        let tokenizer = Tokenizer::new();
        let mut buffers = Buffers::default();
        for text in texts.iter().chain(&texts).chain(&texts) {
            let doc = tokenizer.analyse_in(text, buffers);
            let fresh = tokenizer.analyse(text);
            assert_eq!(doc.tokens(), fresh.tokens(), "{text:?}");
            assert_eq!(doc.sentences(), fresh.sentences(), "{text:?}");
            assert_eq!(doc.paragraphs(), fresh.paragraphs(), "{text:?}");
            buffers = doc.into_buffers();
        }
    }

    /// A document's clone and its `Debug` carry none of the window buffers it holds for the
    /// next text.
    #[test]
    fn a_clone_holds_no_window_buffers() {
        let text = "«Ja», sa hun. Dr. Hansen kom kl. 10. ".repeat(200);
        let doc = Tokenizer::new().analyse(&text);
        let tokens = doc.tokens().len();
        let clone = doc.clone();
        assert_eq!(clone.tokens().len(), tokens);
        assert!(format!("{doc:?}").contains("Scratch { .. }"));
        assert!(!format!("{doc:?}").contains("atoms"));
        let window_room = |d: Tokenized<'_>| {
            let b = d.into_buffers();
            b.bytes() - b.list_bytes()
        };
        assert!(window_room(doc) > 0);
        assert_eq!(window_room(clone), 0);
    }

    /// Whether a token's letters are as [`Token::word_case`] says, from its surface.
    fn case_holds(text: &str, t: &Token) -> bool {
        let w = text[t.span()].as_bytes();
        let rest = w.len() <= 16
            && w.get(1..).is_some_and(|r| {
                r.iter()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        match t.word_case() {
            WordCase::Unknown => true,
            WordCase::Lower => {
                let s = &text[t.span()];
                let mark = s.chars().count() == 1 && !s.chars().any(char::is_alphanumeric);
                rest && w.first().is_some_and(u8::is_ascii_lowercase)
                    || mark && s.to_lowercase() == s
            }
            WordCase::Capitalised => rest && w.first().is_some_and(u8::is_ascii_uppercase),
        }
    }

    #[test]
    fn word_case_holds_of_the_word_and_is_told_of_plain_words() {
        let text = "Vi er klare, sier Kari i NRK. iPhone og blåbær og abcdefghijklmnop \
                    abcdefghijklmnopq Oslo2 Ab A b 12ab «sitat» x, sa hun» og et lag – og\n\nTo ORD- og \
                    Halden-baserte aBc";
        let doc = Tokenizer::new().analyse(text);
        let told: Vec<(&str, WordCase)> = doc
            .tokens()
            .iter()
            .inspect(|t| assert!(case_holds(text, t), "{:?}", &text[t.span()]))
            .filter(|t| t.word_case() != WordCase::Unknown)
            .map(|t| (&text[t.span()], t.word_case()))
            .collect();
        for (word, case) in [
            ("er", WordCase::Lower),
            ("Kari", WordCase::Capitalised),
            ("abcdefghijklmnop", WordCase::Lower),
            ("og", WordCase::Lower),
            (",", WordCase::Lower),
            ("–", WordCase::Lower),
        ] {
            assert!(told.contains(&(word, case)), "{word:?} in {told:?}");
        }
        // A plain word's test asks for small letters only: a digit, or a capital alone, leaves
        // the word to be read by whoever needs its case.
        for word in ["Oslo2", "12ab", "A"] {
            assert!(told.iter().all(|&(w, _)| w != word), "{word:?} in {told:?}");
        }
        // Tokens handed in with a text are read afresh: nothing told.
        let again = Tokenized::new(text, doc.tokens().to_vec());
        assert!(
            again
                .tokens()
                .iter()
                .all(|t| t.word_case() == WordCase::Unknown)
        );
        assert_eq!(again.tokens(), doc.tokens());
    }

    proptest::proptest! {
        /// What the scanner tells of a word's letters holds, however the text is made.
        #[test]
        fn word_case_holds_of_random_text(
            pieces in proptest::collection::vec(
                "([a-zæA-Z0-9]{1,20}|[.,«»\"–-]| |  |\n|\u{a0}|[ÆØé])",
                0..60,
            )
        ) {
            let text = pieces.concat();
            for t in Tokenizer::new().analyse(&text).tokens() {
                proptest::prop_assert!(case_holds(&text, t), "{:?} in {:?}", t.text(&text), text);
            }
        }

        /// The sentences and paragraphs `analyse` gathers window by window are those
        /// `Tokenized::new` finds in the token flags.
        #[test]
        fn analyse_groups_as_the_flags_say(
            pieces in proptest::collection::vec(
                "([A-ZÆØa-zå]{1,6}|[0-9]{1,3}|[.!?:,«»\"–-]|bl\\.a\\.|kl\\.|E\\.| |\n|\n\n)",
                0..60,
            )
        ) {
            let text = pieces.concat();
            let doc = Tokenizer::new().analyse(&text);
            let again = Tokenized::new(&text, doc.tokens().to_vec());
            proptest::prop_assert_eq!(doc.sentences(), again.sentences());
            proptest::prop_assert_eq!(doc.paragraphs(), again.paragraphs());
        }
    }
}
