//! Byte spans into the original input: the one offset unit of kilde.

use std::ops::{Index, Range};

/// A half-open range of UTF-8 byte offsets into the text a stage was given.
///
/// Every public result of kilde (token, gazetteer hit, mention, quote, cue) carries one, and
/// `&text[span]` is its surface form. Character offsets are never stored; compute them at the
/// output boundary if a consumer needs them.
///
/// ```
/// use kilde::Span;
/// let text = "Liv Dingsør sier";
/// let span = Span::new(4, 12);
/// assert_eq!(&text[span], "Dingsør");
/// assert_eq!(span.len(), 8);
/// assert_eq!(Span::from(0..3).range(), 0..3);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    #[inline]
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no byte.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The span as a `Range<usize>`.
    #[inline]
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The span moved right by `offset` bytes: turns a window-relative span into an absolute one.
    #[inline]
    pub const fn offset(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// True when `other` lies inside this span.
    #[inline]
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    #[inline]
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

impl From<Range<usize>> for Span {
    #[inline]
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

impl From<Span> for Range<usize> {
    #[inline]
    fn from(span: Span) -> Range<usize> {
        span.range()
    }
}

impl Index<Span> for str {
    type Output = str;

    #[inline]
    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_and_overlap() {
        let a = Span::new(2, 5);
        let b = Span::new(4, 9);
        assert_eq!(a.cover(b), Span::new(2, 9));
        assert!(a.overlaps(b));
        assert!(!a.overlaps(Span::new(5, 6)));
        assert!(Span::new(0, 10).contains(a));
        assert_eq!(a.offset(10), Span::new(12, 15));
    }
}
