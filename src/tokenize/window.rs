//! One paragraph window: UAX#29 atoms merged into tokens by the Norwegian rules, then the
//! sentence ends.
//!
//! Everything here looks only inside the window, which is what makes the output independent of
//! how a stream was chunked.

use super::abbreviation::AbbreviationTable;
use super::rules::*;
use super::scan::{Atom, AtomClass, Sink, scan};
use super::segment::{Grouping, next_window};
use super::{Token, TokenFlags, TokenKind, WordCase};
use crate::span::Span;

/// Buffers reused from window to window, so that tokenizing allocates nothing once warmed up.
/// They ride along in a [`Tokenized`](super::Tokenized) between texts, so its `Clone` and
/// `Debug` must not copy or print a window's leftovers: a clone is empty, and `Debug` shows
/// no contents.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Atoms waiting to be merged.
    atoms: Vec<Atom>,
    /// Indices (in the window's tokens) of the tokens the sentence rules look at: sentence
    /// punctuation, quote marks and abbreviations; the words in between need no second look.
    marks: Vec<u32>,
    /// Indices (in the last window's tokens, in order) of the tokens that open a sentence,
    /// so that [`Tokenized`](super::Tokenized) need not look for them among all tokens.
    pub(crate) sentence_starts: Vec<u32>,
}

impl Clone for Scratch {
    fn clone(&self) -> Scratch {
        Scratch::default()
    }
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scratch").finish_non_exhaustive()
    }
}

impl Scratch {
    /// The bytes they hold.
    pub(crate) fn bytes(&self) -> usize {
        self.atoms.capacity() * size_of::<Atom>()
            + (self.marks.capacity() + self.sentence_starts.capacity()) * size_of::<u32>()
    }
}

/// Where a window sits in its paragraph.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WindowPlace {
    /// The window opens a paragraph (text start or after a line break).
    pub(crate) paragraph_start: bool,
    /// The window closes a paragraph (ends at a line break or at the end of the text).
    pub(crate) paragraph_end: bool,
}

impl WindowPlace {
    /// Where `window` sits in `text`: a paragraph opens after a line break, and closes at
    /// one or at the text's end.
    #[inline]
    pub(crate) fn of(text: &str, window: Span) -> WindowPlace {
        let bytes = text.as_bytes();
        WindowPlace {
            paragraph_start: window.start == 0
                || bytes.get(window.start.wrapping_sub(1)) == Some(&b'\n'),
            paragraph_end: window.end == bytes.len()
                || bytes.get(window.end.wrapping_sub(1)) == Some(&b'\n'),
        }
    }
}

/// Tokenizes every paragraph window of `text` (see [`next_window`]), appending absolute
/// tokens to `out` and each window's sentences and paragraph to `groups`: [`tokenize_window`]
/// in one loop, which spares a paragraph (some ninety bytes of press text) the calls and the
/// set-up of a window. Out of line: in line in its caller it measured 2 M more a pass.
#[inline(never)]
pub(crate) fn tokenize_text(
    abbreviations: &AbbreviationTable,
    text: &str,
    scratch: &mut Scratch,
    out: &mut Vec<Token>,
    groups: &mut Grouping,
) {
    let mut pos = 0;
    while pos < text.len() {
        let first = out.len();
        let window = next_window(text, pos);
        let place = WindowPlace::of(text, window);
        window_tokens(abbreviations, text, window, place, scratch, out);
        groups.window(out, first, &scratch.sentence_starts);
        pos = window.end;
    }
}

/// Tokenizes `text[window]`, appending absolute tokens to `out`.
pub(crate) fn tokenize_window(
    abbreviations: &AbbreviationTable,
    text: &str,
    window: Span,
    place: WindowPlace,
    scratch: &mut Scratch,
    out: &mut Vec<Token>,
) {
    window_tokens(abbreviations, text, window, place, scratch, out);
}

/// [`tokenize_window`]'s work, in line in both of its loops.
#[inline(always)]
fn window_tokens(
    abbreviations: &AbbreviationTable,
    text: &str,
    window: Span,
    place: WindowPlace,
    scratch: &mut Scratch,
    out: &mut Vec<Token>,
) {
    let Scratch {
        atoms,
        marks,
        sentence_starts,
    } = scratch;
    marks.clear();
    // Cleared first: a window that makes no tokens must not hand on the last one's starts.
    sentence_starts.clear();
    let Some(win) = text.get(window.range()) else {
        return;
    };
    let first = out.len();
    let base = window.start;
    let mut emit = Emit {
        win,
        text,
        base,
        abbreviations,
        out,
        first,
        paragraph_start: place.paragraph_start,
        marks,
    };
    let upto = text.as_bytes().get(..window.end).unwrap_or_default();
    scan(upto, win, base, atoms, &mut emit);
    // Most windows end on a shortcut's shape ("ord." and the line break), with no atom left.
    if !atoms.is_empty() {
        emit.merge(atoms, atoms.len());
    }
    if let Some(toks) = out.get_mut(first..) {
        mark_sentences(text, toks, marks, place, sentence_starts);
    }
}

/// Turns what the scanner finds into tokens: the atoms of the commonest shapes straight, the
/// rest through the [`Merger`].
struct Emit<'a> {
    /// The window: atoms are relative to it.
    win: &'a str,
    /// The whole text, and where the window starts in it: tokens are absolute.
    text: &'a str,
    base: usize,
    abbreviations: &'a AbbreviationTable,
    out: &'a mut Vec<Token>,
    first: usize,
    paragraph_start: bool,
    marks: &'a mut Vec<u32>,
}

impl Emit<'_> {
    /// Merges atoms `..n` of `a` into tokens (the atoms after `n` are only looked at).
    fn merge(&mut self, a: &[Atom], n: usize) {
        Merger { e: self, a }.run(n)
    }
}

impl Sink for Emit<'_> {
    // The atoms before a lone word are merged once the word is there to look ahead at (no
    // rule looks further: tokens end where whitespace does); the word is a token by itself.
    #[inline(always)]
    fn lone_word(
        &mut self,
        pending: &mut Vec<Atom>,
        start: usize,
        end: usize,
        first: u8,
        plain: bool,
    ) {
        let base = self.base;
        let word = || Atom {
            start: (start - base) as u32,
            end: (end - base) as u32,
            glued: false,
            dot: false,
            class: AtomClass::Word,
        };
        if !pending.is_empty() {
            pending.push(word());
            self.merge(pending, pending.len() - 1);
            pending.clear();
        }
        // A lower-case word, most of them, is a plain word token: the scanner's byte says so
        // without a second read of the window.
        let span = Span::new(start, end);
        if first.is_ascii_lowercase() {
            let case = if plain {
                WordCase::Lower
            } else {
                WordCase::Unknown
            };
            self.out.push(Token::word(span, TokenFlags::empty(), case));
            return;
        }
        // "Oslo": a capital, then a small letter (the word's, as a space ends it), is what
        // `word_token` would say, without its checks and their register shuffling. A push of
        // its own: one push for both branches, flags chosen first, measured 2.5 M a pass more.
        // A plain word is an ASCII letter and small letters: a capital, and its length says
        // whether a small letter follows, without reading it.
        let capitalised = if plain {
            end > start + 1
        } else {
            let second = self.text.as_bytes().get(start + 1);
            first.is_ascii_uppercase() && second.is_some_and(u8::is_ascii_lowercase)
        };
        if capitalised {
            let case = if plain {
                WordCase::Capitalised
            } else {
                WordCase::Unknown
            };
            self.out
                .push(Token::word(span, TokenFlags::CAPITALISED, case));
            return;
        }
        self.out.push(word_token(self.win, self.base, word()));
    }

    #[inline(always)]
    fn lower_word(&mut self, pending: &mut Vec<Atom>, start: usize, end: usize) {
        debug_assert!(pending.is_empty());
        let span = Span::new(start, end);
        self.out
            .push(Token::word(span, TokenFlags::empty(), WordCase::Lower));
    }

    /// The word and each mark are tokens, a word, punctuation and closing quotes, as
    /// `Merger::word` and `Merger::char` make them, unless the word may be an initial or an
    /// abbreviation with the period, or a URL scheme before a colon; or atoms wait before
    /// them, which need them to look ahead at.
    #[inline(always)]
    fn word_and_marks(&mut self, pending: &mut Vec<Atom>, word: Atom, marks: &[Atom]) {
        // The word itself is read only before a period or a colon (not before a comma, the
        // commonest mark).
        let stem = || self.win.get(word.range()).unwrap_or("");
        let plain = pending.is_empty()
            && match marks.first().map(|m| (m.class, m.end)) {
                // Read as bytes first: a word that starts with an ASCII byte is one capital
                // only as one byte, and the abbreviation filter reads bytes; the slices of
                // the window (and their boundary checks) only for what passes.
                Some((AtomClass::Char('.'), end)) => {
                    let range = word.start as usize..end as usize;
                    let with_period = self.win.as_bytes().get(range.clone()).unwrap_or_default();
                    let single_capital = match with_period {
                        [c, b'.'] if c.is_ascii() => c.is_ascii_uppercase(),
                        [c, ..] if c.is_ascii() => false,
                        _ => is_single_capital(stem()),
                    };
                    !single_capital
                        && (!self.abbreviations.may_contain(with_period)
                            || !self
                                .win
                                .get(range)
                                .is_some_and(|w| self.abbreviations.is_abbreviation(w)))
                }
                // "http: //…" would start a URL.
                Some((AtomClass::Char(':'), _)) => !is_scheme(stem()),
                _ => true,
            };
        if !plain {
            pending.push(word);
            pending.extend_from_slice(marks);
            return;
        }
        self.out.push(word_token(self.win, self.base, word));
        for mark in marks {
            // A mark is its own lower case: the view makes only its key, as for a plain word.
            let kind = match mark.class {
                AtomClass::Char('»') => TokenKind::QuoteClose,
                _ => TokenKind::Punct,
            };
            let case = WordCase::Lower;
            if is_sentence_mark(kind) {
                self.marks.push((self.out.len() - self.first) as u32);
            }
            let span = Span::new(
                self.base + mark.start as usize,
                self.base + mark.end as usize,
            );
            self.out
                .push(Token::with_case(span, kind, TokenFlags::GLUED, case));
        }
    }

    /// One word token, as `Merger::word` joins a hyphenated compound, unless the second word
    /// is "og", "eller" ... ("Nærings-og": a suspended first part); or atoms wait before it.
    #[inline(always)]
    fn compound(&mut self, pending: &mut Vec<Atom>, parts: [Atom; 3]) {
        let [first, _, second] = parts;
        let link = is_suspension_link(self.win.get(second.range()).unwrap_or(""));
        if !pending.is_empty() || link {
            return pending.extend_from_slice(&parts);
        }
        let whole = Atom {
            end: second.end,
            ..first
        };
        self.out.push(word_token(self.win, self.base, whole));
    }

    /// A bullet, or a dash as `Merger::char` makes it: with whitespace after it, a quote dash
    /// when it opens the paragraph and something follows, a dash otherwise.
    #[inline(always)]
    fn lone_mark(&mut self, pending: &mut Vec<Atom>, mark: Atom, follows: bool) {
        let AtomClass::Char(c) = mark.class else {
            return pending.push(mark);
        };
        let paragraph_first = self.paragraph_start && self.out.len() == self.first;
        let kind = match c {
            _ if !pending.is_empty() => return pending.push(mark),
            c if is_bullet(c) => TokenKind::Bullet,
            _ if !paragraph_first => TokenKind::Dash,
            _ if follows => TokenKind::QuoteDash,
            _ => return pending.push(mark),
        };
        let span = Span::new(
            self.base + mark.start as usize,
            self.base + mark.end as usize,
        );
        // A dash or a bullet is its own lower case, as an ASCII mark is.
        self.out.push(Token::with_case(
            span,
            kind,
            TokenFlags::empty(),
            WordCase::Lower,
        ));
    }
}

/// The merger of a run of atoms: the window's context is the [`Emit`]'s, the atoms its own.
struct Merger<'m, 'a> {
    e: &'m mut Emit<'a>,
    a: &'m [Atom],
}

impl Merger<'_, '_> {
    #[inline]
    fn text(&self, k: usize) -> &str {
        self.a
            .get(k)
            .and_then(|a| self.e.win.get(a.range()))
            .unwrap_or("")
    }

    /// The text from atom `i` through atom `last`.
    #[inline]
    fn slice(&self, i: usize, last: usize) -> &str {
        match (self.a.get(i), self.a.get(last)) {
            (Some(a), Some(b)) => self
                .e
                .win
                .get(a.start as usize..b.end as usize)
                .unwrap_or(""),
            _ => "",
        }
    }

    #[inline]
    fn ch(&self, k: usize) -> Option<char> {
        match self.a.get(k) {
            Some(Atom {
                class: AtomClass::Char(c),
                ..
            }) => Some(*c),
            _ => None,
        }
    }

    #[inline]
    fn glued(&self, k: usize) -> bool {
        self.a.get(k).is_some_and(|a| a.glued)
    }

    /// Atom `k` is a word or a number glued to the atom before it.
    #[inline]
    fn glued_alnum(&self, k: usize) -> bool {
        self.a
            .get(k)
            .is_some_and(|a| a.glued && matches!(a.class, AtomClass::Word | AtomClass::Num))
    }

    #[inline]
    fn is_num(&self, k: usize) -> bool {
        self.a.get(k).is_some_and(|a| a.class == AtomClass::Num)
    }

    /// One past the last atom of the whitespace-free run holding atom `k`.
    fn run_end(&self, k: usize) -> usize {
        let mut j = k + 1;
        while self.glued(j) {
            j += 1;
        }
        j
    }

    fn last_token(&self) -> Option<&Token> {
        self.e.out.get(self.e.first..).and_then(|t| t.last())
    }

    #[inline]
    fn push(&mut self, i: usize, j: usize, kind: TokenKind) {
        let (Some(first), Some(last)) = (self.a.get(i), self.a.get(j.saturating_sub(1))) else {
            return;
        };
        let span = Span::new(
            self.e.base + first.start as usize,
            self.e.base + last.end as usize,
        );
        let mut flags = TokenFlags::empty();
        if first.glued {
            flags.insert(TokenFlags::GLUED);
        }
        if is_sentence_mark(kind) {
            self.e.marks.push((self.e.out.len() - self.e.first) as u32);
        }
        if matches!(
            kind,
            TokenKind::Word | TokenKind::Abbreviation | TokenKind::Initial
        ) || matches!(first.class, AtomClass::Word)
        {
            let (capitalised, all_caps) = case_flags(&self.e.text[span]);
            if capitalised {
                flags.insert(TokenFlags::CAPITALISED);
            }
            if all_caps {
                flags.insert(TokenFlags::ALL_CAPS);
            }
        }
        self.e.out.push(Token::new(span, kind, flags));
    }

    /// Merges atoms `..n` into tokens (the atoms after `n` are only looked at).
    fn run(mut self, n: usize) {
        let mut i = 0;
        while let Some(&at) = self.a.get(i).filter(|_| i < n) {
            // A word with whitespace after it, which no rule touches.
            if matches!(at.class, AtomClass::Word) && !at.dot && !self.glued(i + 1) {
                self.e.out.push(word_token(self.e.win, self.e.base, at));
                i += 1;
                continue;
            }
            if matches!(at.class, AtomClass::Word) && at.dot && self.split_glued_sentence(at) {
                i += 1;
                continue;
            }
            let (j, kind) = match at.class {
                // Most tokens: a word or number with whitespace after it, which no rule joins.
                AtomClass::Word if !at.dot && !self.glued(i + 1) => (i + 1, TokenKind::Word),
                AtomClass::Num if !self.glued(i + 1) => (i + 1, TokenKind::Number),
                AtomClass::Word | AtomClass::Num => self.word(i),
                AtomClass::Char(c) => self.char(i, c),
                AtomClass::Other => (i + 1, TokenKind::Symbol),
            };
            let j = j.max(i + 1);
            self.push(i, j, kind);
            if kind == TokenKind::Number {
                self.mark_digit_group();
            }
            if kind == TokenKind::Abbreviation {
                let ends = self.last_token().is_some_and(|t| {
                    self.e
                        .abbreviations
                        .lookup(&self.e.text[t.span()])
                        .ends_sentence
                });
                if let (true, Some(t)) = (ends, self.e.out.last_mut()) {
                    // Carried to `mark_sentences`, which keeps it only where a sentence ends.
                    t.flags.insert(TokenFlags::SENTENCE_END);
                }
            }
            i = j;
        }
    }

    /// "på Kongsberg.Innovasjon Norge": a sentence and the next one (a photo credit, a
    /// heading) glued by a period without a space, as scraped articles have them. UAX#29 keeps
    /// the two words one; they are two words and the period. Not for domains, abbreviations
    /// ("St.Olav"), all-capital parts ("ASP.NET") or one-letter parts ("E.ON").
    fn split_glued_sentence(&mut self, at: Atom) -> bool {
        let word = self.e.win.get(at.range()).unwrap_or("");
        let Some((left, right)) = word.split_once('.') else {
            return false;
        };
        let letters = |s: &str| s.chars().count() >= 2 && s.chars().all(char::is_alphabetic);
        let mut rest = right.chars();
        let glued = letters(left)
            && letters(right)
            && rest.next().is_some_and(char::is_uppercase)
            && rest.any(char::is_lowercase)
            && !left.chars().all(char::is_uppercase);
        let with_period = word.get(..left.len() + 1).unwrap_or("");
        if !glued || self.e.abbreviations.is_abbreviation(with_period) || is_domain(word) {
            return false;
        }
        let dot = at.start + left.len() as u32;
        let first = Atom {
            end: dot,
            dot: false,
            ..at
        };
        let second = Atom {
            start: dot + 1,
            glued: true,
            dot: false,
            ..at
        };
        self.e.out.push(word_token(self.e.win, self.e.base, first));
        // The period is a mark like any other: `mark_sentences` decides whether it ends one.
        self.e.marks.push((self.e.out.len() - self.e.first) as u32);
        let period = Span::new(self.e.base + dot as usize, self.e.base + dot as usize + 1);
        self.e
            .out
            .push(Token::new(period, TokenKind::Punct, TokenFlags::GLUED));
        self.e.out.push(word_token(self.e.win, self.e.base, second));
        true
    }

    /// "10 000": the second group is its own token, as in the UD gold, flagged so that later
    /// stages can read both as one number.
    fn mark_digit_group(&mut self) {
        let toks = &self.e.out[self.e.first..];
        let [.., prev, cur] = toks else { return };
        let (p, c) = (&self.e.text[prev.span()], &self.e.text[cur.span()]);
        let head = prev.kind() == TokenKind::Number
            && (prev.is(TokenFlags::DIGIT_GROUP) || is_digits(p) && p.len() <= 3);
        let gap = self
            .e
            .text
            .get(prev.span().end..cur.span().start)
            .unwrap_or("");
        if head && !cur.is(TokenFlags::GLUED) && is_group_space(gap) && is_digit_group(c) {
            if let Some(t) = self.e.out.last_mut() {
                t.flags.insert(TokenFlags::DIGIT_GROUP);
            }
        }
    }

    /// A token that starts with a word or number atom.
    fn word(&self, i: usize) -> (usize, TokenKind) {
        let first_num = self.is_num(i);
        let mut kind = if first_num {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        // "ord," "ord)" "2015»": no rule below takes what follows a period-free word unless
        // it is a hyphen, a period or a URL, clock or name character.
        let joinable = |c: char| is_hyphen(c) || matches!(c, '.' | ':' | '/' | '@' | '´' | '`');
        let dot = self.a.get(i).is_some_and(|a| a.dot);
        if !(dot || self.glued(i + 1) && self.ch(i + 1).is_some_and(joinable)) {
            return (i + 1, kind);
        }
        if let Some(r) = self.url_or_email(i) {
            return r;
        }
        let mut last = i; // the last word/number atom taken
        let mut j = i + 1;
        let mut compound = false;
        while let Some(c) = self.ch(j) {
            if !self.glued(j) {
                break;
            }
            let next_alnum = self.glued_alnum(j + 1);
            match c {
                c if is_hyphen(c) => {
                    // "utenriks-og sikkerhetspolitikk" splits, "berg-og-dal-bane" does not.
                    let link = is_suspension_link(self.text(j + 1)) && !self.glued(j + 2);
                    if next_alnum && !link {
                        let left = self.text(last);
                        let right = self.text(j + 1);
                        // "4-1", "6.000-8.000" and "juli-10" split, as the UD gold has them.
                        if is_digits(right) && is_month(left)
                            || is_plain_number(left) && is_plain_number(right)
                        {
                            break;
                        }
                        last = j + 1;
                        j += 2;
                        compound = true;
                        continue;
                    }
                    // A suspended first part: "Nærings- og", "fag-, nærings-", "1950- og".
                    let following = self.text(j + 1);
                    let ok = is_suspension_link(following)
                        || j + 1 >= self.a.len() && !is_digits(self.text(last));
                    if ok {
                        j += 1;
                        compound = true;
                    }
                    break;
                }
                // Clock times and scores "10:13", fractions "22/7".
                ':' | '/'
                    if next_alnum
                        && is_digits(self.text(last))
                        && is_digits(self.text(j + 1))
                        && (c == ':'
                            || self.text(last).len() <= 2 && self.text(j + 1).len() <= 2) =>
                {
                    last = j + 1;
                    j += 2;
                }
                // "Michea´l": an accent used as an apostrophe inside a name.
                '´' | '`' if next_alnum && !first_num => {
                    last = j + 1;
                    j += 2;
                }
                _ => break,
            }
        }
        if compound {
            kind = TokenKind::Word;
        }
        if kind == TokenKind::Word && !compound && self.a[i].dot && is_domain(self.text(i)) {
            return (j, TokenKind::Url);
        }
        // The period after a word or number.
        if self.ch(j) == Some('.') && self.glued(j) && last == j - 1 {
            let after_alnum = self.glued_alnum(j + 1);
            let stem = self.slice(i, last);
            let with_period = self.slice(i, j);
            let next = self.text(j + 1);
            if !after_alnum && !compound {
                if is_single_capital(stem) && starts_upper(next) && !self.glued(j + 1) {
                    let after_name = match self.last_token() {
                        None => true,
                        Some(t) => {
                            t.is(TokenFlags::CAPITALISED)
                                && matches!(t.kind(), TokenKind::Word | TokenKind::Initial)
                                || t.kind() == TokenKind::QuoteDash
                        }
                    };
                    if after_name {
                        return (j + 1, TokenKind::Initial);
                    }
                }
                if !first_num && self.e.abbreviations.is_abbreviation(with_period) {
                    return (j + 1, TokenKind::Abbreviation);
                }
                // (A stem without a period is not dotted letters: saves the search.)
                if !first_num && (dot || last > i) && is_dotted_letters(stem) {
                    let kind = if starts_upper(stem) {
                        TokenKind::Initial
                    } else {
                        TokenKind::Abbreviation
                    };
                    return (j + 1, kind);
                }
                if first_num
                    && is_digits(stem)
                    && stem.len() <= 3
                    && !self.glued(j + 1)
                    && starts_lower(next)
                {
                    return (j + 1, TokenKind::Ordinal);
                }
            } else if after_alnum
                && first_num
                && is_digits(stem)
                && stem.len() <= 3
                && !self.is_num(j + 1)
            {
                // "19.plass"
                return (j + 1, TokenKind::Ordinal);
            }
        }
        (j, kind)
    }

    /// A URL ("https://…", "nrk.no/sport"), an e-mail address, from word atom `i`.
    fn url_or_email(&self, i: usize) -> Option<(usize, TokenKind)> {
        let next = self.ch(i + 1);
        if !matches!(next, Some(':' | '/' | '@')) || !self.glued(i + 1) {
            return None;
        }
        let t = self.text(i);
        let url = (next == Some(':') && self.ch(i + 2) == Some('/') && is_scheme(t))
            || (next == Some('/') && self.a[i].dot && is_domain(t));
        if url {
            return Some((self.trim_trailing(i, self.run_end(i)), TokenKind::Url));
        }
        if self.ch(i + 1) == Some('@') && self.glued(i + 1) && self.glued_alnum(i + 2) {
            // The domain: words joined by "." or "-", holding a period.
            let mut j = i + 3;
            while self.glued(j)
                && (self.glued_alnum(j)
                    || matches!(self.ch(j), Some('-' | '.')) && self.glued_alnum(j + 1))
            {
                j += 1;
            }
            let domain = self.slice(i + 2, j - 1);
            if domain.contains('.') && !domain.ends_with('.') {
                return Some((j, TokenKind::Email));
            }
        }
        None
    }

    /// Drops closing punctuation from the end of a URL run `i..end`.
    fn trim_trailing(&self, i: usize, mut end: usize) -> usize {
        while end > i + 1
            && self.ch(end - 1).is_some_and(|c| {
                matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']')
                    || is_close_quote(c)
                    || is_ambiguous_quote(c)
            })
        {
            end -= 1;
        }
        end
    }

    /// A token that starts with a one-character atom.
    fn char(&self, i: usize, c: char) -> (usize, TokenKind) {
        let j = i + 1;
        let paragraph_first = self.e.paragraph_start && self.e.out.len() == self.e.first;
        match c {
            '.' if self.ch(j) == Some('.') && self.glued(j) => {
                let mut j = j;
                while self.ch(j) == Some('.') && self.glued(j) {
                    j += 1;
                }
                (j, TokenKind::Punct)
            }
            // The commonest, which no arm below takes otherwise, without the tests on the way.
            ',' | '.' | ':' | ';' | '!' | '?' | '(' | ')' => (j, TokenKind::Punct),
            '@' | '#' if self.glued_alnum(j) && !self.glued_alnum(i) => {
                let mut j = j + 1;
                while self.glued_alnum(j) || self.ch(j) == Some('_') && self.glued(j) {
                    j += 1;
                }
                let kind = if c == '@' {
                    TokenKind::Handle
                } else {
                    TokenKind::Hashtag
                };
                (j, kind)
            }
            '§' => {
                let mut j = j;
                while self.ch(j) == Some('§') && self.glued(j) {
                    j += 1;
                }
                (j, TokenKind::Symbol)
            }
            c if is_dash(c) => {
                // "– Vi er", and "–Vi er" where the space was lost.
                if paragraph_first
                    && j < self.a.len()
                    && (!self.glued(j) || starts_upper(self.text(j)))
                {
                    return (j, TokenKind::QuoteDash);
                }
                // «Guitar Hero»-spillet: the hyphen goes with the word after the quote.
                let after_quote = self.last_token().is_some_and(|t| {
                    matches!(t.kind(), TokenKind::QuoteClose | TokenKind::Quote)
                        || self.e.text[t.span()] == *")"
                });
                if is_hyphen(c) && self.glued(i) && after_quote && self.glued_alnum(j) {
                    let (end, _) = self.word(j);
                    return (end, TokenKind::Word);
                }
                // "1951 til -63", "energi- og -transportformål": a leading hyphen.
                if c == '-'
                    && !self.glued(i)
                    && !paragraph_first
                    && self.glued_alnum(j)
                    && (self.is_num(j) || starts_lower(self.text(j)))
                {
                    let (end, kind) = self.word(j);
                    return (
                        end,
                        if kind == TokenKind::Number {
                            kind
                        } else {
                            TokenKind::Word
                        },
                    );
                }
                (j, TokenKind::Dash)
            }
            c if is_bullet(c) => (j, TokenKind::Bullet),
            '*' | '·' if paragraph_first && !self.glued(j) => (j, TokenKind::Bullet),
            c if is_open_quote(c) => (j, TokenKind::QuoteOpen),
            c if is_close_quote(c) => (j, TokenKind::QuoteClose),
            c if is_ambiguous_quote(c) => (j, self.quote_direction(i, c)),
            c if is_punct(c) => (j, TokenKind::Punct),
            _ => (j, TokenKind::Symbol),
        }
    }

    /// Opening or closing, from what the quote mark is glued to.
    fn quote_direction(&self, i: usize, c: char) -> TokenKind {
        let before = self.glued(i);
        let next = self.a.get(i + 1).filter(|a| a.glued);
        let opens_next = next.is_some_and(|a| match a.class {
            AtomClass::Word | AtomClass::Num | AtomClass::Other => true,
            AtomClass::Char(d) => is_dash(d) || is_open_quote(d) || d == '.' || d == '(',
        });
        let prev_closes = self.last_token().is_some_and(|t| {
            matches!(
                t.kind(),
                TokenKind::Word
                    | TokenKind::Number
                    | TokenKind::Abbreviation
                    | TokenKind::Ordinal
                    | TokenKind::Initial
                    | TokenKind::QuoteClose
                    | TokenKind::Url
            ) || t.kind() == TokenKind::Punct && !matches!(&self.e.text[t.span()], "(" | "[")
        });
        match (before, opens_next) {
            (false, true) => TokenKind::QuoteOpen,
            (true, false) if prev_closes => TokenKind::QuoteClose,
            (true, true) if !prev_closes => TokenKind::QuoteOpen,
            (false, false) if next.is_none() && c == '“' => TokenKind::QuoteOpen,
            (false, false) | (true, false) if c == '”' => TokenKind::QuoteClose,
            _ => TokenKind::Quote,
        }
    }
}

/// The token of a word atom of `win` (the window, at `base` in the text) that no rule merges
/// with its neighbours.
#[inline(always)]
fn word_token(win: &str, base: usize, at: Atom) -> Token {
    let mut flags = TokenFlags::empty();
    if at.glued {
        flags.insert(TokenFlags::GLUED);
    }
    let span = Span::new(base + at.start as usize, base + at.end as usize);
    let bytes = win.as_bytes();
    let start = at.start as usize;
    let first = bytes.get(start).copied().unwrap_or(0);
    // A lower-case word: ASCII, or a Latin-1 letter from U+00DF on ("å", "år", "øke"),
    // which `case_flags` would decode to say the same.
    if first.is_ascii_lowercase()
        || first == 0xC3 && bytes.get(start + 1).is_some_and(|&b| b >= 0x9F)
    {
        return Token::new(span, TokenKind::Word, flags);
    }
    // "Oslo", "Sæther": a capital, then a small letter, ASCII or Latin-1 from U+00DF on
    // (not U+00F7, no letter): what `case_flags` says of it, without the call and its
    // decoding.
    let second_small = match bytes.get(start + 1..at.end as usize) {
        Some([b, ..]) if b.is_ascii_lowercase() => true,
        Some([0xC3, b, ..]) => *b >= 0x9F && *b != 0xB7,
        _ => false,
    };
    if first.is_ascii_uppercase() && second_small {
        flags.insert(TokenFlags::CAPITALISED);
    } else {
        let (capitalised, all_caps) = case_flags(win.get(at.range()).unwrap_or(""));
        if capitalised {
            flags.insert(TokenFlags::CAPITALISED);
        }
        if all_caps {
            flags.insert(TokenFlags::ALL_CAPS);
        }
    }
    Token::new(span, TokenKind::Word, flags)
}

/// Tokens of the kinds `mark_sentences` reads (sentence punctuation, quote marks and
/// abbreviations), whose indices go to the window's marks; the merger and the shortcuts ask
/// the same question.
#[inline(always)]
fn is_sentence_mark(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Punct | TokenKind::QuoteOpen | TokenKind::QuoteClose | TokenKind::Abbreviation
    )
}

/// A closing quote comes before the next sentence terminator.
fn closes_before_end(text: &str, rest: &[Token]) -> bool {
    for t in rest {
        match t.kind() {
            TokenKind::QuoteClose => return true,
            TokenKind::Punct if text[t.span()].starts_with(is_terminator) => return false,
            _ => {}
        }
    }
    false
}

/// Marks sentence and paragraph starts and ends among the tokens of one window; `marks` are
/// the indices of its punctuation, quote and abbreviation tokens, in order. The indices of
/// the sentence starts go to `starts`, in order.
#[inline(always)]
fn mark_sentences(
    text: &str,
    toks: &mut [Token],
    marks: &[u32],
    place: WindowPlace,
    starts: &mut Vec<u32>,
) {
    let n = toks.len();
    if n == 0 {
        return;
    }
    if place.paragraph_start {
        toks[0]
            .flags
            .insert(TokenFlags::PARAGRAPH_START | TokenFlags::SENTENCE_START);
        starts.push(0);
    }
    // Most marks are ASCII: their first byte is their char, without the slice's boundary
    // checks and a decode.
    let first_char = |t: &Token| match text.as_bytes().get(t.span().start) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        _ => text.get(t.span().range()).and_then(|s| s.chars().next()),
    };
    let mut depth = 0usize; // open quotes
    let mut final_abbreviation = false;
    // Tokens before `next` were taken as closers of the sentence before.
    let mut next = 0;
    for &i in marks {
        let i = i as usize;
        let Some(&t) = toks.get(i).filter(|_| i >= next) else {
            continue;
        };
        let c = match t.kind() {
            TokenKind::Punct => first_char(&t),
            TokenKind::QuoteOpen => {
                depth += 1;
                None
            }
            TokenKind::QuoteClose => {
                depth = depth.saturating_sub(1);
                None
            }
            TokenKind::Abbreviation if t.is(TokenFlags::SENTENCE_END) => {
                final_abbreviation = true;
                Some('.')
            }
            _ => None,
        };
        let Some(c) = c else {
            continue;
        };
        let terminator = is_terminator(c);
        // «Guitar Hero: World Tour»: a colon inside a quote that closes before the next
        // sentence end does not end one.
        let colon = c == ':' && !(depth > 0 && closes_before_end(text, &toks[i + 1..]));
        if !(terminator || colon) {
            continue;
        }
        // Closing quotes and brackets stay with the sentence they close.
        let mut last = i;
        while let Some(next) = toks.get(last + 1) {
            let closes = match next.kind() {
                TokenKind::QuoteClose => true,
                TokenKind::Quote => next.is(TokenFlags::GLUED),
                TokenKind::Punct => first_char(next).is_some_and(is_close_bracket),
                _ => false,
            };
            if !closes {
                break;
            }
            if next.kind() == TokenKind::QuoteClose {
                depth = depth.saturating_sub(1);
            }
            last += 1;
        }
        if let Some(next) = toks.get(last + 1) {
            let opens = match next.kind() {
                TokenKind::QuoteOpen | TokenKind::Quote => {
                    // «...ønsket: a quote that goes on mid-sentence does not open one.
                    let after = toks.get(last + 2).map(|t| &text[t.span()]).unwrap_or("");
                    !starts_lower(after)
                }
                TokenKind::Dash | TokenKind::QuoteDash | TokenKind::Bullet => true,
                // "( NTB )", "* Debatten ...": a bracket or star before a capital.
                TokenKind::Punct | TokenKind::Symbol
                    if terminator && matches!(first_char(next), Some('(' | '*')) =>
                {
                    toks.get(last + 2)
                        .is_some_and(|t| t.is(TokenFlags::CAPITALISED))
                }
                TokenKind::Number | TokenKind::Ordinal => terminator,
                // "3D-motor", "13-åringen"
                _ => {
                    next.is(TokenFlags::CAPITALISED)
                        || terminator && first_char(next).is_some_and(|c| c.is_ascii_digit())
                }
            };
            if opens && !next.is(TokenFlags::GLUED) {
                toks[last].flags.insert(TokenFlags::SENTENCE_END);
                toks[last + 1].flags.insert(TokenFlags::SENTENCE_START);
                starts.push((last + 1) as u32);
            }
        }
        next = last + 1;
    }
    // An abbreviation's "may end a sentence" was carried in SENTENCE_END; it ends one only
    // where the loop above said so, so clear the marks that were not confirmed.
    for &k in if final_abbreviation { marks } else { &[] } {
        let k = k as usize;
        let Some(&t) = toks.get(k) else {
            continue;
        };
        if t.kind() == TokenKind::Abbreviation
            && t.is(TokenFlags::SENTENCE_END)
            && !toks
                .get(k + 1)
                .is_some_and(|u| u.is(TokenFlags::SENTENCE_START))
        {
            toks[k].flags.remove(TokenFlags::SENTENCE_END);
        }
    }
    if place.paragraph_end {
        toks[n - 1]
            .flags
            .insert(TokenFlags::SENTENCE_END | TokenFlags::PARAGRAPH_END);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokenizer;
    use proptest::prelude::*;

    /// The window's tokens with every atom through the merger, none of the scanner's
    /// shortcuts: what the shortcuts must give.
    fn merged(table: &AbbreviationTable, win: &str, place: WindowPlace) -> Vec<Token> {
        let mut atoms = Vec::new();
        super::super::scan::atoms(win, &mut atoms);
        let (mut out, mut marks, mut starts) = (Vec::new(), Vec::new(), Vec::new());
        let mut emit = Emit {
            win,
            text: win,
            base: 0,
            abbreviations: table,
            out: &mut out,
            first: 0,
            paragraph_start: place.paragraph_start,
            marks: &mut marks,
        };
        Merger {
            e: &mut emit,
            a: &atoms,
        }
        .run(atoms.len());
        mark_sentences(win, &mut out, &marks, place, &mut starts);
        out
    }

    /// A word, number or abbreviation with what may open, join and close it, and the
    /// whitespace after it (or none).
    fn piece() -> impl Strategy<Value = String> {
        let core = prop_oneof![
            6 => "[a-zæøåA-ZÆØÅ][a-zæøå0-9]{0,9}",
            2 => "(og|eller|til|http|bl\\.a|kl|f\\.eks|St|E|NRK|Ø|mai|nrk\\.no|www)",
            1 => "[0-9]{1,4}",
        ];
        (
            "(|||«|\\(|\"|– |- |— |• |–|-)",
            core.clone(),
            prop::option::weighted(0.2, ("[-/]", core)),
            "(|||[.,;:!?)»]|[.,;:!?)»]{2}|\\.»|»,)",
            "( | | |  |\u{a0}|\t|)",
        )
            .prop_map(|(open, word, joined, close, space)| {
                let joined = joined.map(|(j, w)| j + &w).unwrap_or_default();
                [open, word, joined, close, space].concat()
            })
    }

    /// Windows at the edges of the shortcuts (abbreviations, initials, URL schemes, suspended
    /// compounds, dashes, Unicode spaces, marks after a period, a window ending mid-word):
    /// each gives the tokens the merger makes of it.
    #[test]
    fn shortcuts_make_the_merger_tokens_at_their_edges() {
        let tokenizer = Tokenizer::new();
        let windows = [
            "St. Olav sa at Jan E. Melby kom kl. 10 i går.",
            "Se bl.a. nrk.no og http: //x eller https://nrk.no/sport i dag",
            "Nærings-og nærings- og fag-, utenriks-og sikkerhets-politikk berg-og-dal-bane",
            "Halden-baserte Ørland-ÆØÅ ordet-Og x-\u{301} juli-10 3-1 E-post\u{a0}neste",
            "– Hei, sa han.\n",
            "–  Hei\r\n",
            "— «Hei» sa hun – og • punkt - 5 -63",
            "–\u{a0}Ære være\u{85}ham\u{2003}nå\u{2028}da",
            "ord,» ord». ord.. ord?! ord:. ord.) ord;\u{301} ord.👍 Oslo.\u{301} X.",
            "Oslo, Norge. Han sa: «Nei!» Så gikk han",
            "«Guitar Hero»-spillet og E. ON, ASP.NET, på Kongsberg.Innovasjon Norge",
            "abcdefgæ abcdefgh, abcdefghijklmnop-abcdefghijklmnø ending mid-wo",
            "ªb µm ǅx Ŋ-ŋ Ångstrøm.",
            "å år Å Øke øke ßx ÞORN þorn ÿ À à Ö ö é É",
        ];
        for win in windows {
            for (paragraph_start, paragraph_end) in [(true, true), (false, false), (true, false)] {
                let place = WindowPlace {
                    paragraph_start,
                    paragraph_end,
                };
                let mut fast = Vec::new();
                let window = Span::new(0, win.len());
                let mut scratch = Scratch::default();
                tokenize_window(
                    &tokenizer.table,
                    win,
                    window,
                    place,
                    &mut scratch,
                    &mut fast,
                );
                assert_eq!(fast, merged(&tokenizer.table, win, place), "{win:?}");
            }
        }
    }

    /// A plain lower-case word after another is the token, with the case, that
    /// `Emit::lone_word` makes of it.
    #[test]
    fn lower_word_is_lone_word() {
        let tokenizer = Tokenizer::new();
        let text = "og i abcdefghijklmnop x";
        let (mut fast, mut slow, mut marks) = (Vec::new(), Vec::new(), Vec::new());
        let mut pending = Vec::new();
        let mut start = 0;
        for word in text.split(' ') {
            let end = start + word.len();
            for (out, lower) in [(&mut fast, true), (&mut slow, false)] {
                let mut emit = Emit {
                    win: text,
                    text,
                    base: 0,
                    abbreviations: &tokenizer.table,
                    out,
                    first: 0,
                    paragraph_start: false,
                    marks: &mut marks,
                };
                if lower {
                    emit.lower_word(&mut pending, start, end);
                } else {
                    emit.lone_word(&mut pending, start, end, text.as_bytes()[start], true);
                }
            }
            start = end + 1;
        }
        assert_eq!(fast, slow);
        let cases = |t: &[Token]| t.iter().map(Token::word_case).collect::<Vec<_>>();
        assert_eq!(cases(&fast), cases(&slow));
        assert_eq!(cases(&fast), [WordCase::Lower; 4]);
    }

    /// `word_token`'s shortcuts for a capital and a small letter say what `case_flags` says,
    /// with every Latin-1 letter (and the signs between them) after an ASCII capital.
    #[test]
    fn word_token_case_is_case_flags() {
        let mut words: Vec<String> = Vec::new();
        for second in (0xC0u32..=0xFF)
            .chain([0x61, 0x41, 0x31])
            .filter_map(char::from_u32)
        {
            for rest in ["", "a", "R", "æ", "Æ", "1"] {
                for first in ["S", "Ø", "s", "1"] {
                    words.push(format!("{first}{second}{rest}"));
                }
            }
        }
        for word in &words {
            let at = Atom {
                start: 0,
                end: word.len() as u32,
                glued: false,
                dot: false,
                class: AtomClass::Word,
            };
            let t = word_token(word, 0, at);
            let (capitalised, all_caps) = case_flags(word);
            assert_eq!(t.is(TokenFlags::CAPITALISED), capitalised, "{word:?}");
            assert_eq!(t.is(TokenFlags::ALL_CAPS), all_caps, "{word:?}");
        }
    }

    proptest! {
        /// Pieces, with the characters that end a shortcut's shape between them: other
        /// whitespace, marks, combining and format characters, emoji, any character.
        #[test]
        fn shortcuts_make_the_merger_tokens(
            pieces in prop::collection::vec(prop_oneof![
                6 => piece(),
                2 => "[ .,:;'’\\-–—•«»“”\"!?()/@#_§´…\u{a0}\u{85}\u{2003}\u{2028}\n\r\t]",
                1 => "[\u{301}\u{ad}\u{200b}\u{200d}👍🏽中\u{2060}éµªǅŊ]",
                1 => any::<char>().prop_map(String::from),
            ], 0..40),
            paragraph_start in any::<bool>(),
            paragraph_end in any::<bool>(),
        ) {
            let win = pieces.concat();
            let tokenizer = Tokenizer::new();
            let place = WindowPlace { paragraph_start, paragraph_end };
            let mut fast = Vec::new();
            let window = Span::new(0, win.len());
            tokenize_window(&tokenizer.table, &win, window, place, &mut Scratch::default(), &mut fast);
            prop_assert_eq!(fast, merged(&tokenizer.table, &win, place), "{:?}", win);
        }
    }
}
