//! Per-token facts the entity and coreference rules ask again and again, computed once per text.

use crate::tokenize::{TokenFlags, TokenKind, Tokenized};
use std::borrow::Cow;

/// What the rules need to know of one token.
#[derive(Clone, Debug)]
pub(crate) struct Tok<'t> {
    /// The surface.
    pub text: &'t str,
    /// Lower-cased surface (the key of every lexicon lookup).
    pub lower: Cow<'t, str>,
    pub kind: TokenKind,
    /// Upper-case first letter.
    pub cap: bool,
    /// Two or more letters, all upper case.
    pub all_caps: bool,
    /// First token of its sentence, ignoring opening quotes, dashes and bullets.
    pub initial: bool,
    /// No space before the token.
    pub glued: bool,
    /// Index of the sentence.
    pub sentence: usize,
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

/// The lower-cased surface, borrowed when it is lower case already (most words are). ASCII
/// words, most of the text, skip the Unicode case tables.
fn lower_case(surface: &str) -> Cow<'_, str> {
    if surface.is_ascii() {
        if surface.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(surface.to_ascii_lowercase())
        } else {
            Cow::Borrowed(surface)
        }
    } else if surface.chars().any(char::is_uppercase) {
        Cow::Owned(surface.to_lowercase())
    } else {
        Cow::Borrowed(surface)
    }
}

/// The tokens of a text as the rules see them.
#[derive(Clone, Debug)]
pub(crate) struct View<'t> {
    pub toks: Vec<Tok<'t>>,
}

impl<'t> View<'t> {
    pub fn new(doc: &Tokenized<'t>) -> View<'t> {
        let text = doc.text();
        let mut toks = Vec::with_capacity(doc.tokens().len());
        for (si, range) in doc.sentences().iter().enumerate() {
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
                toks.push(Tok {
                    text: surface,
                    // Most words are lower case already: borrow them.
                    lower: lower_case(surface),
                    kind,
                    cap: t.is(TokenFlags::CAPITALISED),
                    all_caps: t.is(TokenFlags::ALL_CAPS),
                    initial: opening && !skip,
                    glued: t.is(TokenFlags::GLUED),
                    sentence: si,
                });
                if !skip {
                    opening = false;
                }
            }
        }
        View { toks }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn get(&self, i: usize) -> Option<&Tok<'t>> {
        self.toks.get(i)
    }

    /// Lower-case surface of token `i`, "" past the end.
    pub fn lower(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| &*t.lower).unwrap_or("")
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
