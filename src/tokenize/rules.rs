//! Norwegian tokenization rules over UAX#29 word segments, one paragraph window at a time.
//!
//! First version: UAX#29 segments of each whitespace-separated run, merged by the Norwegian
//! rules; sentence ends decided on the merged tokens.

use super::{Token, TokenFlags, TokenKind};
use crate::lexicon::Abbreviations;
use crate::span::Span;
use unicode_segmentation::UnicodeSegmentation;

/// Tokenizes `text[window]`, appending absolute tokens to `out`.
pub(crate) fn tokenize_window(
    abbreviations: &Abbreviations,
    text: &str,
    window: Span,
    paragraph_start: bool,
    out: &mut Vec<Token>,
) {
    let first = out.len();
    let win = &text[window];
    let mut atoms: Vec<(usize, usize, bool)> = Vec::new(); // window-relative start, end, glued
    for (run_start, run) in whitespace_runs(win) {
        let mut glued = false;
        if let Some(len) = url_like(run) {
            atoms.push((run_start, run_start + len, false));
            for (i, seg) in run[len..].split_word_bound_indices() {
                atoms.push((run_start + len + i, run_start + len + i + seg.len(), true));
            }
            continue;
        }
        for (i, seg) in run.split_word_bound_indices() {
            atoms.push((run_start + i, run_start + i + seg.len(), glued));
            glued = true;
        }
    }
    let mut i = 0;
    while i < atoms.len() {
        let (s, mut e, glued) = atoms[i];
        let mut j = i + 1;
        let word = &win[s..e];
        let next_glued = |k: usize| atoms.get(k).is_some_and(|a| a.2);
        let at = |k: usize| atoms.get(k).map(|a| &win[a.0..a.1]).unwrap_or("");
        // "..." as one token
        if word == "." && at(j) == "." && next_glued(j) {
            while at(j) == "." && next_glued(j) {
                e = atoms[j].1;
                j += 1;
            }
        } else if is_wordlike(word) {
            // hyphenated compounds and suspended first parts
            while (at(j) == "-" || at(j) == "‐") && next_glued(j) {
                if next_glued(j + 1)
                    && is_wordlike(at(j + 1))
                    && !(is_digits(&win[s..e]) && is_digits(at(j + 1)))
                {
                    e = atoms[j + 1].1;
                    j += 2;
                } else if !next_glued(j + 1) && !is_digits(&win[s..e]) {
                    e = atoms[j].1;
                    j += 1;
                    break;
                } else {
                    break;
                }
            }
            // abbreviations, initials and ordinals keep their period
            if at(j) == "." && next_glued(j) && !next_glued(j + 1) {
                let with_period = &win[s..atoms[j].1];
                let next_word = atoms.get(j + 1).map(|a| &win[a.0..a.1]).unwrap_or("");
                if abbreviations.contains(with_period)
                    || is_initial(&win[s..e]) && starts_upper(next_word)
                    || is_digits(&win[s..e]) && starts_lower(next_word)
                {
                    e = atoms[j].1;
                    j += 1;
                }
            }
        } else if (word == "@" || word == "#") && next_glued(j) && is_wordlike(at(j)) {
            e = atoms[j].1;
            j += 1;
        }
        let surface = &win[s..e];
        let kind = classify(
            abbreviations,
            surface,
            out.len() == first && paragraph_start,
            at(j),
            next_glued(j),
        );
        let mut flags = TokenFlags::empty();
        if glued {
            flags.insert(TokenFlags::GLUED);
        }
        let mut letters = surface.chars().filter(|c| c.is_alphabetic());
        if let Some(c) = letters.next() {
            if surface.chars().next().is_some_and(char::is_uppercase) {
                flags.insert(TokenFlags::CAPITALISED);
            }
            if c.is_uppercase()
                && letters.clone().next().is_some()
                && letters.all(|c| !c.is_lowercase())
            {
                flags.insert(TokenFlags::ALL_CAPS);
            }
        }
        out.push(Token::new(Span::new(s, e), kind, flags).shifted(window.start));
        i = j;
    }
    let paragraph_end = win.ends_with('\n') || window.end == text.len();
    mark_sentences(
        abbreviations,
        text,
        &mut out[first..],
        paragraph_start,
        paragraph_end,
    );
}

/// The non-whitespace runs of `win` with their offsets (every Unicode space separates).
fn whitespace_runs(win: &str) -> impl Iterator<Item = (usize, &str)> {
    let base = win.as_ptr() as usize;
    win.split(char::is_whitespace)
        .filter(|run| !run.is_empty())
        .map(move |run| (run.as_ptr() as usize - base, run))
}

/// Length of a URL, e-mail address or handle-free domain at the start of `run`, trailing
/// punctuation excluded.
fn url_like(run: &str) -> Option<usize> {
    let looks = run.contains("://") || run.starts_with("www.") || {
        let at = run.find('@');
        at.is_some_and(|a| a > 0 && run[a..].contains('.'))
    };
    if !looks {
        return None;
    }
    let end = run
        .trim_end_matches(|c: char| ".,;:!?)»”\"'’".contains(c))
        .len();
    (end > 0).then_some(end)
}

fn is_wordlike(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_initial(s: &str) -> bool {
    let mut c = s.chars();
    matches!((c.next(), c.next()), (Some(a), None) if a.is_uppercase())
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

fn classify(
    abbreviations: &Abbreviations,
    s: &str,
    paragraph_first: bool,
    next: &str,
    next_glued: bool,
) -> TokenKind {
    let Some(c) = s.chars().next() else {
        return TokenKind::Symbol;
    };
    match s {
        "–" | "—" | "-" | "‒" | "―" if paragraph_first && !next.is_empty() && !next_glued => {
            TokenKind::QuoteDash
        }
        "–" | "—" | "-" | "‒" | "―" | "−" => TokenKind::Dash,
        "•" | "▪" | "●" | "◦" | "‣" => TokenKind::Bullet,
        "«" | "“" | "„" | "‹" => TokenKind::QuoteOpen,
        "»" | "”" | "›" => TokenKind::QuoteClose,
        "\"" | "'" | "‘" | "’" => TokenKind::Quote,
        _ if s.contains("://") || s.starts_with("www.") => TokenKind::Url,
        _ if s.contains('@') && !s.starts_with('@') => TokenKind::Email,
        _ if s.starts_with('@') && s.len() > 1 => TokenKind::Handle,
        _ if s.starts_with('#') && s.len() > 1 => TokenKind::Hashtag,
        _ if c.is_ascii_digit() && s.ends_with('.') => TokenKind::Ordinal,
        _ if c.is_ascii_digit() && s.chars().all(|c| c.is_ascii_digit() || ".,:".contains(c)) => {
            TokenKind::Number
        }
        _ if s.ends_with('.') && s.len() > 1 && abbreviations.contains(s) => {
            TokenKind::Abbreviation
        }
        _ if s.ends_with('.') && s.len() > 1 && is_initial(&s[..s.len() - 1]) => TokenKind::Initial,
        _ if c.is_alphanumeric() => TokenKind::Word,
        _ if ".,:;!?…()[]{}/".contains(c) || s == "..." => TokenKind::Punct,
        _ => TokenKind::Symbol,
    }
}

fn mark_sentences(
    abbreviations: &Abbreviations,
    text: &str,
    toks: &mut [Token],
    paragraph_start: bool,
    paragraph_end: bool,
) {
    if toks.is_empty() {
        return;
    }
    if paragraph_start {
        toks[0]
            .flags
            .insert(TokenFlags::PARAGRAPH_START | TokenFlags::SENTENCE_START);
    }
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let t = toks[i];
        let s = t.text(text);
        let ends = matches!(s, "." | "!" | "?" | "…" | "...")
            || t.kind() == TokenKind::Abbreviation && abbreviations.ends_sentence(s);
        let mut last = i;
        if ends || s == ":" {
            while toks.get(last + 1).is_some_and(|t| {
                matches!(t.kind(), TokenKind::QuoteClose | TokenKind::Quote) || t.text(text) == ")"
            }) {
                last += 1;
            }
            if let Some(next) = toks.get(last + 1) {
                let nt = next.text(text);
                let opener = next.is(TokenFlags::CAPITALISED)
                    || matches!(
                        next.kind(),
                        TokenKind::QuoteOpen
                            | TokenKind::Quote
                            | TokenKind::Dash
                            | TokenKind::QuoteDash
                    )
                    || ends && nt.chars().next().is_some_and(|c| c.is_ascii_digit());
                if opener && !next.is(TokenFlags::GLUED) {
                    toks[last].flags.insert(TokenFlags::SENTENCE_END);
                    toks[last + 1].flags.insert(TokenFlags::SENTENCE_START);
                }
            }
        }
        i = last + 1;
    }
    if paragraph_end {
        toks[n - 1]
            .flags
            .insert(TokenFlags::SENTENCE_END | TokenFlags::PARAGRAPH_END);
    }
}
