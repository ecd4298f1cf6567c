//! Splitting a paragraph window into UAX#29 word segments ("atoms"), whitespace dropped.
//!
//! The reference is unicode-segmentation's `split_word_bound_indices` run on each stretch
//! between whitespace characters (`char::is_whitespace`). It costs about 25 ns a byte, so a
//! table-driven scanner handles the stretches made only of characters whose word-break class
//! is simple (ASCII, Latin letters with diacritics, the common punctuation and quote marks) and
//! reproduces UAX#29 for them; any stretch holding another character (combining marks, emoji,
//! CJK, format characters ...) goes to unicode-segmentation whole. A property test checks that
//! both paths agree.

use unicode_segmentation::UnicodeSegmentation;

impl Atom {
    #[inline]
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// What a segment is, as far as the Norwegian rules care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AtomClass {
    /// Starts with a letter (or `_`): "Oslo", "f.eks", "nrk.no", "CO2".
    Word,
    /// Starts with a digit: "2015", "3,5", "14.30", "3D".
    Num,
    /// One character that is neither: ".", "«", "–".
    Char(char),
    /// Anything else unicode-segmentation returns (an emoji sequence, a mark on punctuation).
    Other,
}

/// One UAX#29 segment, window-relative (windows are at most 64 KiB, so `u32` offsets keep
/// the atom small).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Atom {
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// No whitespace between this atom and the one before it.
    pub(crate) glued: bool,
    /// The segment holds a period ("f.eks", "nrk.no", "."): saves looking for one.
    pub(crate) dot: bool,
    pub(crate) class: AtomClass,
}

// Word-break classes of the fast path (UAX#29 names; MID_NUM_LET includes Single_Quote).
const WS: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const EXTEND_NUM_LET: u8 = 3;
const MID_LETTER: u8 = 4;
const MID_NUM_LET: u8 = 5;
const MID_NUM: u8 = 6;
const OTHER: u8 = 7;
const COMPLEX: u8 = 8;

static ASCII: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = match c {
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b'_' => EXTEND_NUM_LET,
            b':' => MID_LETTER,
            b'.' | b'\'' => MID_NUM_LET,
            b',' | b';' => MID_NUM,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => WS,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// `LETTER` or `DIGIT` for the ASCII letters and digits, 0 for every other byte.
static ALNUM: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 128 {
        if ASCII[b] == LETTER || ASCII[b] == DIGIT {
            t[b] = ASCII[b];
        }
        b += 1;
    }
    t
};

/// The fast-path class of a non-ASCII character; `COMPLEX` for those left to
/// unicode-segmentation.
const fn wide_class(c: u32) -> u8 {
    match c {
        0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 => WS,
        0xAA | 0xB5 | 0xBA | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F => LETTER,
        0xB7 | 0x2027 => MID_LETTER,
        0x2018 | 0x2019 | 0x2024 => MID_NUM_LET,
        0xAD | 0xB8 => COMPLEX,
        0x80..=0xBF | 0xD7 | 0xF7 => OTHER,
        0x2010..=0x2026 | 0x2030..=0x203E => OTHER,
        0x20AC | 0x2122 | 0x2212 | 0x25AA | 0x25CF | 0x25E6 => OTHER,
        _ => COMPLEX,
    }
}

/// The class of every code point below U+0800 (one or two UTF-8 bytes), so that Norwegian
/// letters (æ ø å é) and the Latin-1 punctuation (« » § NBSP) cost a table load, not a
/// decode and a chain of range tests.
static NARROW: [u8; 0x800] = {
    let mut t = [COMPLEX; 0x800];
    let mut c = 0;
    while c < 0x800 {
        t[c] = if c < 0x80 {
            ASCII[c]
        } else {
            wide_class(c as u32)
        };
        c += 1;
    }
    t
};

/// Class, length and value of the character at byte `i` of `s` (`i` on a char boundary, in
/// bounds).
#[inline(always)]
fn class_at(s: &str, i: usize) -> (u8, usize, char) {
    let bytes = s.as_bytes();
    let b = bytes.get(i).copied().unwrap_or(b' ');
    if b < 0x80 {
        return (ASCII[b as usize], 1, b as char);
    }
    if b < 0xE0 {
        // A two-byte sequence (the text is UTF-8 and `i` a char boundary).
        let b1 = bytes.get(i + 1).copied().unwrap_or(0x80);
        let cp = (u32::from(b & 0x1F) << 6) | u32::from(b1 & 0x3F);
        let c = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
        return (NARROW[cp as usize & 0x7FF], 2, c);
    }
    match s.get(i..).and_then(|r| r.chars().next()) {
        Some(c) => (wide_class(c as u32), c.len_utf8(), c),
        None => (COMPLEX, 1, char::REPLACEMENT_CHARACTER),
    }
}

/// How many of the bytes from `i` on are ASCII letters or digits, counted up to the first
/// other byte and at most sixteen: one SIMD compare of sixteen bytes (SSE2 on x86-64, NEON,
/// wasm SIMD, or plain arrays elsewhere, as `wide` picks), whose byte mask's trailing zeros
/// are the count, instead of a branch per byte. In the last sixteen bytes of the window the
/// window's last sixteen are tested and the mask shifted, so that a count stops at its end;
/// only a window shorter than sixteen bytes is counted byte by byte.
#[inline(always)]
fn alnum_run(bytes: &[u8], i: usize) -> usize {
    if let Some(&c) = bytes.get(i..).and_then(<[u8]>::first_chunk::<16>) {
        return (!alnum_bits(c)).trailing_zeros() as usize;
    }
    alnum_run_near_end(bytes, i)
}

/// [`alnum_run`] where fewer than sixteen bytes are left.
#[inline(never)]
fn alnum_run_near_end(bytes: &[u8], i: usize) -> usize {
    let start = bytes.len().saturating_sub(16);
    match bytes.get(start..).and_then(<[u8]>::first_chunk::<16>) {
        Some(&c) => {
            let shift = u32::try_from(i.saturating_sub(start)).unwrap_or(u32::MAX);
            let mask = alnum_bits(c).checked_shr(shift).unwrap_or(0);
            (!mask).trailing_zeros() as usize
        }
        None => bytes
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| ALNUM[usize::from(b)] != 0)
            .count(),
    }
}

/// Bit `k` set when byte `k` of `c` is an ASCII letter or digit, the bits from 16 on clear.
#[inline(always)]
fn alnum_bits(c: [u8; 16]) -> u32 {
    ByteMasks::of(c).alnum
}

/// Which of sixteen bytes are ASCII letters or digits, and which are spaces: bit `k` for
/// byte `k`.
struct ByteMasks {
    alnum: u32,
    space: u32,
}

impl ByteMasks {
    #[inline(always)]
    fn of(c: [u8; 16]) -> ByteMasks {
        use wide::{CmpEq, CmpLt, i8x16};
        // Per byte, as signed: `y + (0x80 - lo)` is below `-0x80 + n` when `y` is one of the
        // `n` bytes from `lo` on. A byte from 0x80 on lands at -0x41 or higher through either
        // sum.
        let x = i8x16::new(c.map(|b| b as i8));
        let lower = x | i8x16::splat(0x20);
        let letter = (lower + i8x16::splat(0x1F)).cmp_lt(i8x16::splat(-0x80 + 26));
        let digit = (x + i8x16::splat(0x50)).cmp_lt(i8x16::splat(-0x80 + 10));
        let space = x.cmp_eq(i8x16::splat(b' ' as i8));
        ByteMasks {
            alnum: (letter | digit).move_mask() as u32,
            space: space.move_mask() as u32,
        }
    }

    /// Bit `k` set when byte `k` of `c` is an ASCII small letter (the bits from 16 on clear):
    /// the bytes whose lower case is themselves and that make a word after a capital a
    /// capitalised one. Without the digits, which a plain word's test would pay for on every
    /// word and few words hold.
    #[inline(always)]
    fn small(c: [u8; 16]) -> u32 {
        use wide::{CmpLt, i8x16};
        let x = i8x16::new(c.map(|b| b as i8));
        let small = (x + i8x16::splat(0x1F)).cmp_lt(i8x16::splat(-0x80 + 26));
        small.move_mask() as u32
    }

    /// Bit `k` set when byte `k` of `c` is a space (U+0020), the bits from 16 on clear.
    #[inline(always)]
    fn spaces(c: [u8; 16]) -> u32 {
        use wide::{CmpEq, i8x16};
        let x = i8x16::new(c.map(|b| b as i8));
        x.cmp_eq(i8x16::splat(b' ' as i8)).move_mask() as u32
    }
}

/// The class of the character that ends at byte `i` of `win`.
#[inline]
fn class_before(win: &str, i: usize) -> u8 {
    match win.as_bytes().get(i.wrapping_sub(1)) {
        Some(&b) if b < 0x80 => ASCII[usize::from(b)],
        _ => match win.get(..i).and_then(|s| s.chars().next_back()) {
            Some(c) if (c as u32) < 0x800 => NARROW[c as usize],
            Some(c) => wide_class(c as u32),
            None => COMPLEX,
        },
    }
}

/// Appends the atoms of `win` to `out` (cleared first).
#[cfg(test)]
pub(crate) fn atoms(win: &str, out: &mut Vec<Atom>) {
    struct Collect;
    impl Sink for Collect {
        // `atoms` scans with the window at 0: positions are the atoms' own.
        fn lone_word(&mut self, pending: &mut Vec<Atom>, start: usize, end: usize, _: u8, _: bool) {
            pending.push(Atom {
                start: start as u32,
                end: end as u32,
                glued: false,
                dot: false,
                class: AtomClass::Word,
            });
        }
        fn word_and_marks(&mut self, pending: &mut Vec<Atom>, word: Atom, marks: &[Atom]) {
            pending.push(word);
            pending.extend_from_slice(marks);
        }
        fn lone_mark(&mut self, pending: &mut Vec<Atom>, mark: Atom, _: bool) {
            pending.push(mark);
        }
        fn compound(&mut self, pending: &mut Vec<Atom>, parts: [Atom; 3]) {
            pending.extend_from_slice(&parts);
        }
    }
    scan(win.as_bytes(), win, 0, out, &mut Collect);
}

/// Where the scanner hands the atoms of the commonest shapes, which the rules have little or
/// nothing to do with; every other atom goes to `pending`.
pub(crate) trait Sink {
    /// A word (class `Word`, no period) that opens its whitespace-free run and ends it, at
    /// `start..end` in the text (not in the window, as atoms are). The atoms gathered in
    /// `pending` since the last such word come before it. `first` is its first byte; `plain`
    /// says that it is an ASCII letter followed by nothing but ASCII small letters,
    /// sixteen bytes at most in all.
    fn lone_word(
        &mut self,
        pending: &mut Vec<Atom>,
        start: usize,
        end: usize,
        first: u8,
        plain: bool,
    );

    /// A lone word as [`lone_word`](Sink::lone_word) has it, plain and starting with an ASCII
    /// small letter, right after another lone word: nothing is pending.
    fn lower_word(&mut self, pending: &mut Vec<Atom>, start: usize, end: usize) {
        self.lone_word(pending, start, end, b'a', true);
    }

    /// A word that opens its whitespace-free run, with one or two of `, . ; : ! ? ) »` glued
    /// after it (not two periods) and whitespace (or the window end) after them: "sier,"
    /// "Oslo." "igjen»," (one atom each).
    fn word_and_marks(&mut self, pending: &mut Vec<Atom>, word: Atom, marks: &[Atom]);

    /// Two such words joined by a hyphen, the run they make ended by whitespace:
    /// "Halden-baserte" (the words and the hyphen, one atom each).
    fn compound(&mut self, pending: &mut Vec<Atom>, parts: [Atom; 3]);

    /// A dash (`-` `–` `—`) or a bullet (`•`) that opens its whitespace-free run and ends it;
    /// `follows` when a character other than whitespace comes after the whitespace after it
    /// (when it is not, another atom may or may not follow in the window).
    fn lone_mark(&mut self, pending: &mut Vec<Atom>, mark: Atom, follows: bool);
}

/// Scans the window `win`, which starts at `base` in the text and ends where `bytes` (the
/// text up to the window's end) does, into atoms: the commonest shapes go to `sink` (see
/// [`Sink`]), every other atom is appended to `pending` (cleared first).
///
/// The scanner's positions are the text's: a lone word, most tokens, becomes a token's span
/// without an addition; only the atoms, window-relative, are made with a subtraction.
#[inline(always)]
pub(crate) fn scan(
    bytes: &[u8],
    win: &str,
    base: usize,
    pending: &mut Vec<Atom>,
    sink: &mut impl Sink,
) {
    pending.clear();
    let at = |p: usize| (p - base) as u32;
    let mut i = base;
    while i < bytes.len() {
        let Some((end, space, plain)) = word_end(bytes, i) else {
            if let Some((c, len)) = lone_mark(bytes, i) {
                let mark = Atom {
                    start: at(i),
                    end: at(i + len),
                    glued: false,
                    dot: false,
                    class: AtomClass::Char(c),
                };
                let next = i + len + space_len(bytes, i + len);
                let follows = bytes
                    .get(next)
                    .is_some_and(|&b| b < 0x80 && ASCII[usize::from(b)] != WS);
                sink.lone_mark(pending, mark, follows);
                i = next;
                continue;
            }
            // The line break that ends most windows, and other common whitespace, without
            // the general scanner.
            i += match space_len(bytes, i) {
                0 => base + scan_run(win, i - base, pending) - i,
                n => n,
            };
            continue;
        };
        if space > 0 {
            let first = bytes.get(i).copied().unwrap_or(0);
            // Two calls, each with its constant: the flag is not carried in a register through
            // the sink's branches.
            // A plain word ends at one space (U+0020): the step after it is that constant.
            if plain {
                sink.lone_word(pending, i, end, first, true);
                i = end + 1;
                // Two of every three plain lower-case words follow a plain word: a loop of their
                // own, whose few values stay in registers, where the scanner's dispatch spills.
                while let Some(end) = lower_word_end(bytes, i) {
                    sink.lower_word(pending, i, end);
                    i = end + 1;
                }
            } else {
                sink.lone_word(pending, i, end, first, false);
                i = end + space;
            }
            continue;
        }
        let word = Atom {
            start: at(i),
            end: at(end),
            glued: false,
            dot: false,
            class: AtomClass::Word,
        };
        if bytes.get(end) == Some(&b'-') {
            if let Some((right, space, _)) = word_end(bytes, end + 1) {
                if space > 0 {
                    let hyphen = Atom {
                        start: at(end),
                        end: at(end) + 1,
                        glued: true,
                        dot: false,
                        class: AtomClass::Char('-'),
                    };
                    let second = Atom {
                        start: at(end) + 1,
                        end: at(right),
                        glued: true,
                        ..word
                    };
                    sink.compound(pending, [word, hyphen, second]);
                    i = right + space;
                    continue;
                }
            }
        }
        if let Some((first, len)) = closing_mark(bytes, end) {
            let mark = |start: usize, len: usize, c: char| Atom {
                start: at(start),
                end: at(start + len),
                glued: true,
                dot: c == '.',
                class: AtomClass::Char(c),
            };
            let next = end + len;
            if next == bytes.len() || space_len(bytes, next) > 0 {
                sink.word_and_marks(pending, word, &[mark(end, len, first)]);
                i = next + space_len(bytes, next);
                continue;
            }
            if let Some((second, len2)) = closing_mark(bytes, next) {
                let last = next + len2;
                let spaced = last == bytes.len() || space_len(bytes, last) > 0;
                if spaced && !(first == '.' && second == '.') {
                    let marks = [mark(end, len, first), mark(next, len2, second)];
                    sink.word_and_marks(pending, word, &marks);
                    i = last + space_len(bytes, last);
                    continue;
                }
            }
        }
        i = base + scan_run(win, i - base, pending);
    }
}

/// The length of the whitespace character at `i` when it is ASCII whitespace or a no-break
/// space (or U+0085), the ones of press text; 0 otherwise (other whitespace included).
#[inline(always)]
fn space_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b' ') => 1,
        Some(&b) if b < 0x80 => usize::from(ASCII[usize::from(b)] == WS),
        Some(0xC2) if matches!(bytes.get(i + 1), Some(0x85 | 0xA0)) => 2,
        _ => 0,
    }
}

/// The end of the word at `i` when it starts with a letter and goes on with letters and
/// digits (ASCII, or two-byte UTF-8 like æ ø å é) up to an ASCII character that is neither
/// or a no-break space, and the length of the whitespace after it ([`space_len`]); `None`
/// otherwise, and when the window ends first. UAX#29 keeps such a run one segment when
/// whitespace, a hyphen or closing punctuation follows (the caller looks). This is the path
/// of most words: one sixteen-byte test says where the word ends and whether a space
/// follows, no dispatch. The third value is true when the word is an ASCII letter and up
/// to fifteen ASCII small letters, a space after them: the first test after the
/// first letter asks for those rather than for any letter or digit, and says it too.
#[inline(always)]
fn word_end(bytes: &[u8], i: usize) -> Option<(usize, usize, bool)> {
    let mut i = i;
    match bytes.get(i) {
        Some(&b) if ALNUM[usize::from(b)] == LETTER => {
            i += 1;
            if let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<16>) {
                let c = *chunk;
                if let Some(k) = small_letters_to_space(c) {
                    return Some((i + k, 1, true));
                }
                // A capital, a mark or a wider letter stopped it: the same sixteen bytes
                // again, for any letter or digit.
                let m = ByteMasks::of(c);
                match word_end_in(bytes, i, !m.alnum, m.space) {
                    Ok(end) => return end,
                    Err(next) => i = next,
                }
            }
        }
        Some(&b) if narrow_letter(bytes, i, b) => i += 2,
        _ => return None,
    }
    loop {
        // A run of sixteen goes on into the next sixteen; a shorter one stopped at a byte that
        // is no ASCII letter or digit, or at the window's end.
        let Some(&c) = bytes.get(i..).and_then(<[u8]>::first_chunk::<16>) else {
            i += alnum_run_near_end(bytes, i);
            match word_end_at(bytes, i)? {
                Ok(end) => return Some(end),
                Err(next) => i = next,
            }
            continue;
        };
        let m = ByteMasks::of(c);
        match word_end_in(bytes, i, !m.alnum, m.space) {
            Ok(end) => return end,
            Err(next) => i = next,
        }
    }
}

/// [`word_end`]'s answer where it is a plain word (its third value) that starts with an ASCII
/// small letter: that word's end and its first byte; `None` for any other word or byte,
/// whatever `word_end` says of it.
#[inline(always)]
fn lower_word_end(bytes: &[u8], i: usize) -> Option<usize> {
    let [first, rest @ ..] = bytes.get(i..)?.first_chunk::<17>()?;
    if !first.is_ascii_lowercase() {
        return None;
    }
    small_letters_to_space(*rest).map(|k| i + 1 + k)
}

/// How many of the bytes of `c` are ASCII small letters before the first that is none, when
/// that one is a space (U+0020).
#[inline(always)]
fn small_letters_to_space(c: [u8; 16]) -> Option<usize> {
    // The small letters' mask plus one: the bit of the first byte that is none (bit 16 when
    // all sixteen are) and the small letters' bits above it, which are no spaces. Masks, not
    // that byte read: its read went through a copy of the sixteen bytes on the stack.
    let stop = ByteMasks::small(c) + 1;
    (ByteMasks::spaces(c) & stop != 0).then(|| stop.trailing_zeros() as usize)
}

/// [`word_end`] in the sixteen bytes from `i`, whose bytes that are no ASCII letter or digit
/// are set in `stops` (and every bit from 16 on) and whose spaces in `spaces`: `Ok` with the
/// answer when the word ends in them, `Err` with where it goes on past them. A two-byte letter
/// ("æ", "ø", "å") is stepped over within the same bytes, not tested afresh from there.
#[inline(always)]
fn word_end_in(
    bytes: &[u8],
    i: usize,
    stops: u32,
    spaces: u32,
) -> Result<Option<(usize, usize, bool)>, usize> {
    let mut k = 0;
    loop {
        // `k` is at most 17 here (a two-byte letter from byte 15), and every bit of `stops`
        // from 16 on is set: the next stop is at 16 at the latest, or `k` itself past it.
        k += stops.wrapping_shr(k).trailing_zeros();
        if k >= 16 {
            return Err(i + k as usize);
        }
        // The same test says whether that byte is a space, the commonest end.
        if (spaces >> k) & 1 != 0 {
            return Ok(Some((i + k as usize, 1, false)));
        }
        match word_end_at(bytes, i + k as usize) {
            Some(Ok(end)) => return Ok(Some(end)),
            Some(Err(_)) => k += 2,
            None => return Ok(None),
        }
    }
}

/// [`word_end`] at `i`, the first byte that is no ASCII letter or digit: `Ok` with the word's
/// end and the whitespace after it, `Err` with where the word goes on after a two-byte letter,
/// `None` when the word is no such word.
#[inline(always)]
fn word_end_at(bytes: &[u8], i: usize) -> Option<Result<(usize, usize, bool), usize>> {
    match bytes.get(i) {
        Some(&b) if b < 0x80 => Some(Ok((i, space_len(bytes, i), false))),
        Some(&b) if narrow_letter(bytes, i, b) => Some(Err(i + 2)),
        Some(0xC2) if bytes.get(i + 1) == Some(&0xA0) => Some(Ok((i, 2, false))),
        _ => None,
    }
}

/// The closing punctuation at `i` that may follow a word (see [`Sink::word_and_marks`]) and
/// its length in bytes.
#[inline(always)]
fn closing_mark(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    match bytes.get(i..)? {
        [b @ (b',' | b'.' | b';' | b':' | b'!' | b'?' | b')'), ..] => Some((char::from(*b), 1)),
        [0xC2, 0xBB, ..] => Some(('»', 2)),
        _ => None,
    }
}

/// The dash or bullet at `i` and its length in bytes, when whitespace follows it (see
/// [`Sink::lone_mark`]).
#[inline(always)]
fn lone_mark(bytes: &[u8], i: usize) -> Option<(char, usize)> {
    let (c, len) = match bytes.get(i..)? {
        [b'-', ..] => ('-', 1),
        [0xE2, 0x80, 0x93, ..] => ('–', 3),
        [0xE2, 0x80, 0x94, ..] => ('—', 3),
        [0xE2, 0x80, 0xA2, ..] => ('•', 3),
        _ => return None,
    };
    (space_len(bytes, i + len) > 0).then_some((c, len))
}

/// The two-byte character at `i`, whose lead byte is `b`, is a letter.
#[inline(always)]
fn narrow_letter(bytes: &[u8], i: usize, b: u8) -> bool {
    (0xC2..0xE0).contains(&b)
        && bytes.get(i + 1).is_some_and(|&b1| {
            let cp = (usize::from(b & 0x1F) << 6) | usize::from(b1 & 0x3F);
            NARROW[cp] == LETTER
        })
}

/// Scans the whitespace at `start`, or the whitespace-free run that starts there (after
/// whitespace or at the window start) and the space after it, appending its atoms to `out`;
/// returns where scanning goes on.
#[inline(never)]
fn scan_run(win: &str, start: usize, out: &mut Vec<Atom>) -> usize {
    let bytes = win.as_bytes();
    let len = bytes.len();
    let mut i = start;
    while i < len {
        let (cls, n, _) = class_at(win, i);
        if cls != WS {
            break;
        }
        i += n;
    }
    if i > start {
        return i;
    }
    // Where the run starts in `out`, to redo it with unicode-segmentation if it needs it.
    let run_first = out.len();
    let mut glued = false;
    while i < len {
        let (cls, n, c) = class_at(win, i);
        if cls == WS {
            return i;
        }
        let seg_start = i;
        let mut dot = false;
        let mut complex = cls == COMPLEX;
        let class = if complex {
            AtomClass::Other
        } else if cls <= EXTEND_NUM_LET {
            i += n;
            loop {
                // The ASCII letters and digits that make up most of a word go sixteen at a
                // time, and without the general dispatch below.
                i += alnum_run(bytes, i);
                let Some(&b) = bytes.get(i) else {
                    break;
                };
                if b == b' ' {
                    break;
                }
                if ALNUM[usize::from(b)] != 0 {
                    i += 1;
                    continue;
                }
                let (c1, n1, _) = class_at(win, i);
                match c1 {
                    LETTER | DIGIT | EXTEND_NUM_LET => i += n1,
                    MID_LETTER | MID_NUM_LET | MID_NUM if i + n1 < len => {
                        // The class of the character before: looked up here, not tracked
                        // through the loop, where it lengthened every step.
                        let last = class_before(win, i);
                        let (c2, n2, _) = class_at(win, i + n1);
                        let joins = (last == LETTER && c2 == LETTER && c1 != MID_NUM)
                            || (last == DIGIT && c2 == DIGIT && c1 != MID_LETTER);
                        if !joins {
                            break;
                        }
                        dot |= b == b'.';
                        i += n1 + n2;
                    }
                    COMPLEX => {
                        complex = true;
                        break;
                    }
                    _ => break,
                }
            }
            if cls == DIGIT {
                AtomClass::Num
            } else {
                AtomClass::Word
            }
        } else {
            i += n;
            dot = c == '.';
            // The only numeric characters of the fast path's punctuation and symbols.
            if matches!(c, '²' | '³' | '¹' | '¼' | '½' | '¾') {
                AtomClass::Num
            } else {
                AtomClass::Char(c)
            }
        };
        if complex {
            out.truncate(run_first);
            let end = run_end(win, start);
            reference_run(win, start, end, out);
            return end;
        }
        out.push(Atom {
            start: seg_start as u32,
            end: i as u32,
            glued,
            dot,
            class,
        });
        if bytes.get(i) == Some(&b' ') {
            return i + 1;
        }
        glued = true;
    }
    i
}

/// End of the whitespace-free run starting at `start`.
fn run_end(win: &str, start: usize) -> usize {
    win.get(start..)
        .and_then(|rest| rest.char_indices().find(|&(_, c)| c.is_whitespace()))
        .map_or(win.len(), |(k, _)| start + k)
}

/// The class of a segment, from its characters.
fn classify(seg: &str) -> AtomClass {
    let mut chars = seg.chars();
    match (chars.next(), chars.next()) {
        (Some(c), _) if c.is_alphabetic() || c == '_' => AtomClass::Word,
        (Some(c), _) if c.is_numeric() => AtomClass::Num,
        (Some(c), None) => AtomClass::Char(c),
        _ => AtomClass::Other,
    }
}

/// The reference segmentation of the run `win[start..end]`.
fn reference_run(win: &str, start: usize, end: usize, out: &mut Vec<Atom>) {
    let mut glued = false;
    for (k, seg) in win.get(start..end).unwrap_or("").split_word_bound_indices() {
        out.push(Atom {
            start: (start + k) as u32,
            end: (start + k + seg.len()) as u32,
            glued,
            dot: seg.contains('.'),
            class: classify(seg),
        });
        glued = true;
    }
}

/// The reference path alone (every run through unicode-segmentation), for tests.
#[cfg(test)]
pub(crate) fn atoms_reference(win: &str, out: &mut Vec<Atom>) {
    out.clear();
    let mut i = 0;
    while i < win.len() {
        match win[i..].chars().next() {
            Some(c) if c.is_whitespace() => i += c.len_utf8(),
            Some(_) => {
                let end = run_end(win, i);
                reference_run(win, i, end, out);
                i = end;
            }
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn both(s: &str) -> (Vec<Atom>, Vec<Atom>) {
        let (mut fast, mut reference) = (Vec::new(), Vec::new());
        atoms(s, &mut fast);
        atoms_reference(s, &mut reference);
        (fast, reference)
    }

    /// What `alnum_run` must say: the ASCII letters and digits from `i` on, at most sixteen.
    fn alnum_run_reference(b: &[u8], i: usize) -> usize {
        b[i..]
            .iter()
            .take(16)
            .take_while(|c| c.is_ascii_alphanumeric())
            .count()
    }

    #[test]
    fn alnum_run_counts_ascii_letters_and_digits() {
        for s in [
            "abcdefgh",
            "abc defgh",
            "ABCxyz09",
            "a@[`{/:z",
            "æbcdefgh",
            "abcdefgæ",
            "Zz9\x7f0aaa",
            "abc",
            "",
            "0123456789",
            "ab_cdefg",
            "abcdefghijklmnopqrs",
            "abcdefghijk.mnopqrs",
            "abcdefghijklmnopqrstuvwxyz0123456789 abcdefghijklmnopqrstuvwxyz0123456789",
            "abcdefghijklmnoæ abcdefghijklmnop",
        ] {
            let b = s.as_bytes();
            for i in 0..=b.len() {
                assert_eq!(alnum_run(b, i), alnum_run_reference(b, i), "{s:?} at {i}");
            }
        }
        // Every byte value in every position, and every window length around sixteen.
        for v in 0..=255u8 {
            for len in [1, 8, 15, 16, 17, 31, 32, 33] {
                for pos in 0..len {
                    let mut b = vec![b'a'; len];
                    b[pos] = v;
                    for i in 0..=len {
                        let want = alnum_run_reference(&b, i);
                        assert_eq!(alnum_run(&b, i), want, "{v:#x} at {pos} of {len}, from {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn small_letters_to_space_counts_to_a_space() {
        let reference = |c: &[u8; 16]| {
            let k = c.iter().take_while(|b| b.is_ascii_lowercase()).count();
            (k < 16 && c[k] == b' ').then_some(k)
        };
        // Every byte value at every place after small letters, and a space or another byte
        // after it.
        for v in 0..=255u8 {
            for pos in 0..16 {
                for after in [b' ', b'a', b'A', 0xC3] {
                    let mut c = [b'q'; 16];
                    c[pos] = v;
                    if let Some(b) = c.get_mut(pos + 1) {
                        *b = after;
                    }
                    assert_eq!(small_letters_to_space(c), reference(&c), "{c:?}");
                }
            }
        }
        assert_eq!(small_letters_to_space([b'z'; 16]), None);
    }

    /// What `lower_word_end` must say: `word_end`'s plain word when it starts with an ASCII
    /// small letter.
    fn lower_word_end_reference(b: &[u8], i: usize) -> Option<usize> {
        word_end(b, i)
            .filter(|&(_, _, plain)| plain && b[i].is_ascii_lowercase())
            .map(|(end, _, _)| end)
    }

    #[test]
    fn lower_word_end_is_word_ends_plain_lower_case_word() {
        // Words of 1 to 18 bytes, each byte value after them, windows ending at every place
        // around the seventeen bytes read.
        let stops = (0..=255u8).map(|b| vec![b]).chain(
            ["æ", "Ø", "é", "\u{a0}", "–", "中"]
                .iter()
                .map(|s| s.as_bytes().to_vec()),
        );
        for stop in stops {
            for len in 1..=18 {
                for (first, pad) in [(b'k', 0), (b'a', 1), (b'z', 7), (b'K', 3), (b'5', 20)] {
                    let mut b = vec![b' '; pad];
                    let at = b.len();
                    b.push(first);
                    b.extend(std::iter::repeat_n(b'q', len - 1));
                    b.extend_from_slice(&stop);
                    b.extend_from_slice(b"ab cd efghijklmnopqrstu");
                    for cut in at..=b.len() {
                        let w = &b[..cut];
                        for i in at.saturating_sub(1)..=cut {
                            let want = lower_word_end_reference(w, i);
                            assert_eq!(lower_word_end(w, i), want, "{w:?} from {i}");
                        }
                    }
                }
            }
        }
        // Generated texts, from every position.
        let pieces = [
            "a",
            "q",
            "z",
            "A",
            "Q",
            "0",
            "9",
            " ",
            "  ",
            ".",
            ",",
            "-",
            "æ",
            "ø",
            "É",
            "\n",
            "\u{a0}",
            "abcdefgh",
            "ijklmnopqrs",
            "`",
            "{",
            "@",
            "[",
        ];
        let mut rng = crate::testing::xorshift(0x5eed_1ee7);
        for _ in 0..20_000 {
            let n = rng(24);
            let s: String = (0..n).map(|_| pieces[rng(pieces.len())]).collect();
            let b = s.as_bytes();
            for i in 0..=b.len() {
                if s.is_char_boundary(i) {
                    let want = lower_word_end_reference(b, i);
                    assert_eq!(lower_word_end(b, i), want, "{s:?} from {i}");
                }
            }
        }
    }

    #[test]
    fn fast_path_examples() {
        for s in [
            "Halden-baserte f.eks. 3,5 14.30 nrk.no Mulligan's «Hei» – ja…",
            "Kl.14:30 a:b 1:2 a_b 1_a _x ø.å 1'000 a.1 1.a ær'øy",
            "Michea´l «Guitar Hero»-spillet 10\u{a0}000 x\u{2009}y § ° ¼ ×÷",
            "e\u{301}tt 👍🏽 ok\u{ad}ay 中文 a\u{200d}b",
        ] {
            let (fast, reference) = both(s);
            assert_eq!(fast, reference, "{s:?}");
        }
    }

    #[test]
    fn every_latin_and_punctuation_char_agrees() {
        // Each char between letters, between digits, alone and doubled: the contexts the
        // UAX#29 rules look at.
        let mut bad = Vec::new();
        for cp in (0x20u32..0x250).chain(0x2000..0x2070).chain(0x20A0..0x20B0) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            for s in [
                format!("a{c}b"),
                format!("1{c}2"),
                format!("{c}"),
                format!("{c}{c}a"),
                format!("a{c}1{c}"),
            ] {
                let (fast, reference) = both(&s);
                if fast != reference {
                    bad.push(format!("U+{cp:04X} in {s:?}"));
                }
            }
        }
        assert!(bad.is_empty(), "{bad:#?}");
    }

    fn norwegianish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            6 => "[a-zæøåA-ZÆØÅ]{1,8}",
            2 => "[0-9]{1,4}",
            3 => "[ .,:;'’‘\\-–—«»“”„\"!?()/@#_%§´…\u{a0}\u{2009}\n\r\t]",
            1 => "[éèüöäçñß×·ªº°€]",
            1 => "[\u{301}\u{ad}\u{200b}\u{200d}👍🏽中🇳🇴\u{2060}]",
            1 => any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        /// Any bytes, high ones included, from any position of windows shorter and longer
        /// than the sixteen bytes tested at once.
        #[test]
        fn proptest_alnum_run_on_any_bytes(
            b in prop::collection::vec(prop_oneof![
                3 => prop::sample::select(b"azAZ09mQ5".to_vec()),
                1 => any::<u8>(),
            ], 0..40),
            from in 0usize..40,
        ) {
            let i = from.min(b.len());
            prop_assert_eq!(alnum_run(&b, i), alnum_run_reference(&b, i));
        }

        #[test]
        fn proptest_fast_path_matches_unicode_segmentation(s in norwegianish()) {
            let (fast, reference) = both(&s);
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn proptest_fast_path_matches_on_any_string(s in any::<String>()) {
            let (fast, reference) = both(&s);
            prop_assert_eq!(fast, reference);
        }
    }
}
