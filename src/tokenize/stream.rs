//! Streaming tokenization: chunks in, tokens with absolute offsets out, bounded memory.

use super::segment::{MAX_WINDOW, capped_window_end};
use super::{Token, Tokenizer};
use crate::error::{Error, Result};
use crate::span::Span;
use std::io::Read;

/// A tokenizer fed chunk by chunk that emits tokens as soon as they can no longer change.
///
/// It holds only the unfinished paragraph (at most about 64 KiB when a paragraph has no line
/// break). The tokens are identical to [`Tokenizer::tokenize`] on the concatenated text, however
/// the text is chunked, with offsets absolute from the start of the stream.
///
/// ```
/// use kilde::tokenize::Tokenizer;
/// let tokenizer = Tokenizer::new();
/// let text = "– Det er klart, sier hun.\nNeste avsnitt.";
/// let whole: Vec<_> = tokenizer.tokenize(text).collect();
/// let mut stream = tokenizer.stream();
/// let mut streamed: Vec<_> = Vec::new();
/// for chunk in ["– Det er kl", "art, sier hun.\nNeste ", "avsnitt."] {
///     streamed.extend(stream.feed(chunk));
/// }
/// streamed.extend(stream.finish());
/// assert_eq!(whole, streamed);
/// ```
#[derive(Debug)]
pub struct StreamTokenizer {
    tokenizer: Tokenizer,
    /// The text not yet handed out, from `buf[consumed..]`; the consumed prefix is dropped once
    /// per `feed`, not once per paragraph, so that a chunk of many paragraphs is not moved
    /// again for each of them.
    buf: String,
    consumed: usize,
    /// Absolute offset of `buf[0]`.
    offset: usize,
    /// Bytes after `consumed` already known to hold no line break.
    scanned: usize,
    paragraph_start: bool,
    out: Vec<Token>,
    scratch: super::window::Scratch,
}

impl StreamTokenizer {
    pub(crate) fn new(tokenizer: Tokenizer) -> StreamTokenizer {
        StreamTokenizer {
            tokenizer,
            buf: String::new(),
            consumed: 0,
            offset: 0,
            scanned: 0,
            paragraph_start: true,
            out: Vec::new(),
            scratch: Default::default(),
        }
    }

    /// Adds a chunk; returns the tokens that are now final.
    pub fn feed(&mut self, chunk: &str) -> std::vec::Drain<'_, Token> {
        self.out.clear();
        self.buf.drain(..self.consumed);
        self.offset += self.consumed;
        self.consumed = 0;
        self.buf.push_str(chunk);
        loop {
            let start = self.consumed;
            let bytes = self.buf.as_bytes();
            let limit = bytes.len().min(start + MAX_WINDOW);
            let from = (start + self.scanned).min(limit);
            if let Some(nl) = bytes
                .get(from..limit)
                .and_then(|b| memchr::memchr(b'\n', b))
            {
                self.emit(from + nl + 1, true);
            } else if bytes.len() - start > MAX_WINDOW {
                let end = capped_window_end(&self.buf, start, limit);
                self.emit(end, false);
            } else {
                self.scanned = bytes.len() - start;
                break;
            }
        }
        self.out.drain(..)
    }

    /// Ends the stream; returns the last tokens. The tokenizer can then start a new stream,
    /// whose offsets continue after this one's.
    pub fn finish(&mut self) -> std::vec::Drain<'_, Token> {
        self.out.clear();
        if self.consumed < self.buf.len() {
            let end = self.buf.len();
            self.emit(end, true);
        }
        self.paragraph_start = true;
        self.out.drain(..)
    }

    /// Absolute offset of the first byte not yet tokenized.
    pub fn position(&self) -> usize {
        self.offset + self.consumed
    }

    /// Tokenizes `buf[consumed..end]` and marks it consumed.
    fn emit(&mut self, end: usize, ends_at_break: bool) {
        let first = self.out.len();
        let place = super::window::WindowPlace {
            paragraph_start: self.paragraph_start,
            paragraph_end: ends_at_break,
        };
        self.tokenizer.tokenize_window(
            &self.buf,
            Span::new(self.consumed, end),
            place,
            &mut self.scratch,
            &mut self.out,
        );
        if self.offset > 0 {
            for t in &mut self.out[first..] {
                *t = t.shifted(self.offset);
            }
        }
        self.paragraph_start =
            ends_at_break && end > 0 && self.buf.as_bytes().get(end - 1) == Some(&b'\n');
        self.consumed = end;
        self.scanned = 0;
    }
}

/// Tokens of a [`Read`]er, for inputs larger than memory; see [`Tokenizer::tokenize_reader`].
#[derive(Debug)]
pub struct ReadTokens<R> {
    reader: R,
    stream: StreamTokenizer,
    pending: std::collections::VecDeque<Token>,
    carry: Vec<u8>,
    read_total: usize,
    source: String,
    done: bool,
    error: Option<Error>,
}

impl Tokenizer {
    /// Tokens of everything `reader` yields, read in 64 KiB chunks. A multi-byte character
    /// split across reads is handled; bytes that are not UTF-8 end the iteration with an
    /// [`Error`] giving the absolute byte offset. `source` names the input in errors.
    ///
    /// ```
    /// use kilde::tokenize::Tokenizer;
    /// let tokens: Vec<_> = Tokenizer::new()
    ///     .tokenize_reader(&b"Hei p\xc3\xa5 deg"[..], "<bytes>")
    ///     .collect::<Result<_, _>>()
    ///     .unwrap();
    /// assert_eq!(tokens.len(), 3);
    /// let err = Tokenizer::new()
    ///     .tokenize_reader(&b"ok \xff"[..], "x.txt")
    ///     .find_map(Result::err)
    ///     .unwrap();
    /// assert_eq!(err.to_string(), "x.txt: invalid utf-8 at byte offset 3");
    /// ```
    pub fn tokenize_reader<R: Read>(&self, reader: R, source: &str) -> ReadTokens<R> {
        ReadTokens {
            reader,
            stream: self.stream(),
            pending: Default::default(),
            carry: Vec::new(),
            read_total: 0,
            source: source.to_string(),
            done: false,
            error: None,
        }
    }
}

impl<R: Read> Iterator for ReadTokens<R> {
    type Item = Result<Token>;

    fn next(&mut self) -> Option<Result<Token>> {
        loop {
            if let Some(t) = self.pending.pop_front() {
                return Some(Ok(t));
            }
            if self.done {
                return self.error.take().map(Err);
            }
            let mut chunk = [0u8; 1 << 16];
            let n = match self.reader.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::io(Some(self.source.clone().into()), e)));
                }
            };
            if n == 0 {
                self.done = true;
                self.pending.extend(self.stream.finish());
                if !self.carry.is_empty() {
                    let at = self.read_total - self.carry.len();
                    self.error = Some(Error::invalid_utf8(self.source.clone(), at));
                }
                continue;
            }
            self.read_total += n;
            self.carry.extend_from_slice(&chunk[..n]);
            let base = self.read_total - self.carry.len();
            let valid = match std::str::from_utf8(&self.carry) {
                Ok(_) => self.carry.len(),
                Err(e) if e.error_len().is_none() => e.valid_up_to(),
                Err(e) => {
                    // Everything before the bad byte is still tokenized and handed out first.
                    let valid = e.valid_up_to();
                    let text = std::str::from_utf8(&self.carry[..valid]).unwrap_or_default();
                    self.pending.extend(self.stream.feed(text));
                    self.pending.extend(self.stream.finish());
                    self.error = Some(Error::invalid_utf8(self.source.clone(), base + valid));
                    self.done = true;
                    continue;
                }
            };
            let text = std::str::from_utf8(&self.carry[..valid]).unwrap_or_default();
            self.pending.extend(self.stream.feed(text));
            self.carry.drain(..valid);
        }
    }
}
