//! Paragraph windows, sentences and paragraphs as token ranges.

use super::window::Scratch;
use super::{Token, TokenFlags};
use crate::span::Span;
use std::ops::Range;

/// The longest window (bytes) tokenized at once when a paragraph has no line break: bounds the
/// memory the streaming tokenizer holds on pathological input.
pub(crate) const MAX_WINDOW: usize = 1 << 16;

/// The paragraph window that starts at `pos`: up to and including the next `\n`, or a cut at a
/// whitespace (else a char boundary) when no line break comes within [`MAX_WINDOW`] bytes.
///
/// The cut depends only on `text[pos..]` up to `MAX_WINDOW` bytes on, never on how the text
/// arrived, which is what keeps streaming output identical for every chunking.
#[inline]
pub(crate) fn next_window(text: &str, pos: usize) -> Span {
    let bytes = text.as_bytes();
    let limit = (pos + MAX_WINDOW).min(bytes.len());
    if let Some(nl) = memchr::memchr(b'\n', &bytes[pos..limit]) {
        return Span::new(pos, pos + nl + 1);
    }
    if limit == bytes.len() {
        return Span::new(pos, limit);
    }
    Span::new(pos, capped_window_end(text, pos, limit))
}

/// Where a window with no line break within `MAX_WINDOW` bytes ends: after the last ASCII
/// whitespace of its second half, else at the last char boundary before `limit`.
pub(crate) fn capped_window_end(text: &str, pos: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let half = pos + MAX_WINDOW / 2;
    if let Some(ws) = bytes[half..limit]
        .iter()
        .rposition(|b| matches!(b, b' ' | b'\t' | b'\r'))
    {
        return half + ws + 1;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// A text with its tokens, sentences and paragraphs: what the later stages read.
///
/// Sentences and paragraphs are ranges of token indices.
///
/// ```
/// use kilde::tokenize::Tokenizer;
/// let text = "Første setning. Andre setning!\nNytt avsnitt";
/// let doc = Tokenizer::new().analyse(text);
/// assert_eq!(doc.sentences().len(), 3);
/// assert_eq!(doc.paragraphs().len(), 2);
/// assert_eq!(&text[doc.sentence_span(1)], "Andre setning!");
/// ```
#[derive(Clone, Debug)]
pub struct Tokenized<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
    /// The tokenizer's window buffers, kept with the lists for the next text
    /// ([`into_buffers`](Self::into_buffers)): fresh for every text they grew a few times each.
    scratch: Scratch,
}

impl<'t> Tokenized<'t> {
    /// Groups `tokens` of `text` (as the tokenizer made them) into sentences and paragraphs.
    pub fn new(text: &'t str, mut tokens: Vec<Token>) -> Tokenized<'t> {
        // What the scanner told of a word's letters is of the text it read: tokens handed in
        // with a text are read afresh from that text, as they always were.
        for t in &mut tokens {
            t.case = super::WordCase::Unknown;
        }
        let (sentences, paragraphs) = group(&tokens);
        Tokenized {
            text,
            tokens,
            sentences,
            paragraphs,
            scratch: Scratch::default(),
        }
    }

    /// The input text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// All tokens in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Sentences as token index ranges.
    pub fn sentences(&self) -> &[Range<usize>] {
        &self.sentences
    }

    /// Paragraphs as token index ranges.
    pub fn paragraphs(&self) -> &[Range<usize>] {
        &self.paragraphs
    }

    /// Byte span of the tokens `range` (empty span for an empty range).
    pub fn span_of(&self, range: Range<usize>) -> Span {
        match (self.tokens.get(range.start), range.end.checked_sub(1)) {
            (Some(first), Some(last)) if last >= range.start && last < self.tokens.len() => {
                first.span().cover(self.tokens[last].span())
            }
            _ => Span::default(),
        }
    }

    /// Each token of `range` but the last is followed by one ASCII space and then the next:
    /// the text writes them as their surfaces joined by single spaces (how most names are
    /// written, so that a name can be borrowed from the text rather than joined). False for
    /// tokens past the end.
    pub(crate) fn single_spaced(&self, range: Range<usize>) -> bool {
        let text = self.text.as_bytes();
        self.tokens.get(range).is_some_and(|toks| {
            toks.windows(2).all(|pair| match pair {
                [a, b] => {
                    let gap = a.span().end;
                    gap + 1 == b.span().start && text.get(gap) == Some(&b' ')
                }
                _ => false,
            })
        })
    }

    /// Byte span of sentence `i`.
    pub fn sentence_span(&self, i: usize) -> Span {
        self.sentences
            .get(i)
            .map(|r| self.span_of(r.clone()))
            .unwrap_or_default()
    }

    /// Byte span of paragraph `i`.
    pub fn paragraph_span(&self, i: usize) -> Span {
        self.paragraphs
            .get(i)
            .map(|r| self.span_of(r.clone()))
            .unwrap_or_default()
    }

    /// Surface of token `i`.
    pub fn token_text(&self, i: usize) -> &'t str {
        self.tokens
            .get(i)
            .map(|t| &self.text[t.span()])
            .unwrap_or("")
    }

    /// Index of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> Option<usize> {
        index_of(&self.sentences, i)
    }

    /// Index of the paragraph holding token `i`.
    pub fn paragraph_of(&self, i: usize) -> Option<usize> {
        index_of(&self.paragraphs, i)
    }

    /// Iterator over sentence spans.
    pub fn sentence_spans(&self) -> Sentences<'_> {
        Sentences { doc: self, next: 0 }
    }

    /// The lists, emptied, for [`Tokenizer::analyse_in`](super::Tokenizer::analyse_in) to fill
    /// again without allocating.
    pub(crate) fn into_buffers(self) -> Buffers {
        let Tokenized {
            mut tokens,
            mut sentences,
            mut paragraphs,
            scratch,
            ..
        } = self;
        tokens.clear();
        sentences.clear();
        paragraphs.clear();
        Buffers {
            tokens,
            sentences,
            paragraphs,
            scratch,
        }
    }
}

/// The lists of a [`Tokenized`] kept for the next text, always empty: a long text's are
/// megabytes, which the allocator would otherwise map afresh (and the kernel fault in) for
/// every text.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
    scratch: Scratch,
}

impl Buffers {
    /// The bytes they hold.
    pub(crate) fn bytes(&self) -> usize {
        self.list_bytes() + self.scratch.bytes()
    }

    /// The bytes of the token, sentence and paragraph lists.
    pub(crate) fn list_bytes(&self) -> usize {
        use std::mem::size_of;
        self.tokens.capacity() * size_of::<Token>()
            + (self.sentences.capacity() + self.paragraphs.capacity()) * size_of::<Range<usize>>()
    }

    /// The token list, empty, the grouping of a text of `len` bytes and the window buffers, in
    /// these lists.
    pub(crate) fn start(self, len: usize) -> (Vec<Token>, Grouping, Scratch) {
        let Buffers {
            tokens,
            sentences,
            paragraphs,
            scratch,
        } = self;
        let mut grouping = Grouping {
            sentences,
            paragraphs,
            sentence: 0,
            paragraph: 0,
        };
        // Press text has a sentence every 110 bytes or so and a paragraph every 180: reserving
        // for one every 96 and 128 bytes spares the five or six copies of growing each list
        // from empty, for some 2 KB of an 8 KB article's memory. `try_reserve`, as for the
        // tokens: growing as needed decides on a huge text.
        let _ = grouping.sentences.try_reserve(len / 96 + 4);
        let _ = grouping.paragraphs.try_reserve(len / 128 + 4);
        (tokens, grouping, scratch)
    }
}

/// Iterator over the byte spans of a [`Tokenized`]'s sentences.
#[derive(Debug)]
pub struct Sentences<'a> {
    doc: &'a Tokenized<'a>,
    next: usize,
}

impl Iterator for Sentences<'_> {
    type Item = Span;
    fn next(&mut self) -> Option<Span> {
        let r = self.doc.sentences.get(self.next)?.clone();
        self.next += 1;
        Some(self.doc.span_of(r))
    }

    // Exact, so that collecting the spans allocates once.
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.doc.sentences.len().saturating_sub(self.next);
        (n, Some(n))
    }
}

impl ExactSizeIterator for Sentences<'_> {}

/// Sentences and paragraphs as token ranges, in one pass over the tokens (which a long text
/// holds far more of than the cache).
fn group(tokens: &[Token]) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (mut sentences, mut paragraphs) = (Vec::new(), Vec::new());
    let (mut sentence, mut paragraph) = (0, 0);
    for (i, t) in tokens.iter().enumerate() {
        if i > sentence && t.is(TokenFlags::SENTENCE_START) {
            sentences.push(sentence..i);
            sentence = i;
        }
        if i > paragraph && t.is(TokenFlags::PARAGRAPH_START) {
            paragraphs.push(paragraph..i);
            paragraph = i;
        }
    }
    for (out, start) in [(&mut sentences, sentence), (&mut paragraphs, paragraph)] {
        if start < tokens.len() {
            out.push(start..tokens.len());
        }
    }
    (sentences, paragraphs)
}

/// Sentences and paragraphs gathered window by window as the tokenizer marks them, which
/// spares [`group`]'s pass over every token.
#[derive(Debug, Default)]
pub(crate) struct Grouping {
    sentences: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
    sentence: usize,
    paragraph: usize,
}

impl Grouping {
    /// Takes in the window whose tokens are `tokens[first..]`, with its sentence starts
    /// (window-relative, in order).
    pub(crate) fn window(&mut self, tokens: &[Token], first: usize, starts: &[u32]) {
        for &k in starts {
            let i = first + k as usize;
            if i > self.sentence {
                self.sentences.push(self.sentence..i);
                self.sentence = i;
            }
        }
        let opens = tokens
            .get(first)
            .is_some_and(|t| t.is(TokenFlags::PARAGRAPH_START));
        if opens && first > self.paragraph {
            self.paragraphs.push(self.paragraph..first);
            self.paragraph = first;
        }
    }

    /// The result, once every window of `text` is in: what [`Tokenized::new`] makes of
    /// `tokens`.
    pub(crate) fn finish(
        mut self,
        text: &str,
        tokens: Vec<Token>,
        scratch: Scratch,
    ) -> Tokenized<'_> {
        for (out, start) in [
            (&mut self.sentences, self.sentence),
            (&mut self.paragraphs, self.paragraph),
        ] {
            if start < tokens.len() {
                out.push(start..tokens.len());
            }
        }
        Tokenized {
            text,
            tokens,
            sentences: self.sentences,
            paragraphs: self.paragraphs,
            scratch,
        }
    }
}

fn index_of(ranges: &[Range<usize>], i: usize) -> Option<usize> {
    let k = ranges.partition_point(|r| r.end <= i);
    ranges.get(k).filter(|r| r.contains(&i)).map(|_| k)
}
