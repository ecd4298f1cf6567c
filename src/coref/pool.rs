//! The working lists of coreference, kept by the extractor's thread from one text to the next
//! (with its other lists, see `Extractor::extract`): a text of the bench corpus took some 30
//! of them (mentions by kind, names, clusters, tables by
//! token), each allocated and freed again, about 270 instructions a list in malloc and free.

/// Emptied lists by the size of their items in words (the items of every list kept are
/// word-aligned): a list of `&str` is one of two words, of `(usize, (usize, usize))` one of
/// three. A list taken is one given back earlier, of any item type of that size, its
/// allocation reused ([`recycle`]).
#[derive(Default)]
pub(crate) struct Pool {
    one: Vec<Vec<[usize; 1]>>,
    two: Vec<Vec<[usize; 2]>>,
    three: Vec<Vec<[usize; 3]>>,
    six: Vec<Vec<[usize; 6]>>,
    /// Lists of `u32`s (the places of an open-addressing table).
    quarter: Vec<Vec<u32>>,
    strings: Vec<String>,
    /// Organisation clusters by lexicon entry.
    listed: crate::fxhash::FxHashMap<u32, usize>,
    /// The list of person clusters, emptied by the `Document` that took them
    /// ([`people`](Self::people)).
    people: Vec<super::PersonCluster>,
}

/// The most a pool keeps, in bytes of capacity: the lists of a text of a few MB. A longer
/// text's are freed, as every text's were before.
const KEEP: usize = 32 << 20;

impl Pool {
    /// Keeps the pool as it is for its owner's next text, or empties it of everything when it
    /// holds more than [`KEEP`]. In place: the pool is some hundreds of bytes of list headers.
    pub fn keep(&mut self) {
        if self.bytes() > KEEP {
            *self = Pool::default();
        }
    }

    fn bytes(&self) -> usize {
        fn sum<T>(lists: &[Vec<T>]) -> usize {
            lists.iter().map(|l| l.capacity() * size_of::<T>()).sum()
        }
        sum(&self.one)
            + sum(&self.two)
            + sum(&self.three)
            + sum(&self.six)
            + sum(&self.quarter)
            + self.strings.iter().map(String::capacity).sum::<usize>()
            + self.listed.capacity() * 16
            + self.people.capacity() * size_of::<super::PersonCluster>()
    }

    /// An empty list with room for `n` items.
    #[inline]
    pub fn vec<T>(&mut self, n: usize) -> Vec<T> {
        if (size_of::<T>(), align_of::<T>()) == (4, 4) {
            recycle(take(&mut self.quarter, n))
        } else if align_of::<T>() != align_of::<usize>() {
            Vec::with_capacity(n)
        } else {
            match size_of::<T>() / size_of::<usize>() {
                1 => recycle(take(&mut self.one, n)),
                2 => recycle(take(&mut self.two, n)),
                3 => recycle(take(&mut self.three, n)),
                6 => recycle(take(&mut self.six, n)),
                _ => Vec::with_capacity(n),
            }
        }
    }

    /// `n` copies of `value`.
    #[inline]
    pub fn filled<T: Clone>(&mut self, n: usize, value: T) -> Vec<T> {
        let mut v = self.vec(n);
        v.resize(n, value);
        v
    }

    /// Keeps `v`'s allocation for a later [`vec`](Self::vec) of items of its size.
    #[inline]
    pub fn give<T>(&mut self, v: Vec<T>) {
        if v.capacity() == 0 {
            return;
        }
        if (size_of::<T>(), align_of::<T>()) == (4, 4) {
            self.quarter.push(recycle(v));
            return;
        }
        if align_of::<T>() != align_of::<usize>() {
            return;
        }
        match size_of::<T>() / size_of::<usize>() {
            1 => self.one.push(recycle(v)),
            2 => self.two.push(recycle(v)),
            3 => self.three.push(recycle(v)),
            6 => self.six.push(recycle(v)),
            _ => {}
        }
    }

    /// The map of organisation clusters by lexicon entry, empty, with room for `n`.
    pub fn listed(&mut self, n: usize) -> crate::fxhash::FxHashMap<u32, usize> {
        let mut map = std::mem::take(&mut self.listed);
        map.reserve(n);
        map
    }

    /// Keeps the map for a later [`listed`](Self::listed) when it is small: emptying a map
    /// writes all of its control bytes, which for a long text's would cost the next short
    /// text more than an allocation.
    pub fn give_listed(&mut self, mut map: crate::fxhash::FxHashMap<u32, usize>) {
        if map.capacity() <= 1024 {
            map.clear();
            self.listed = map;
        }
    }

    /// An empty list of person clusters with room for `n`. A text's first request of 1 KiB or
    /// more makes glibc merge the freed chunks of the last text's `Document`; a new list of
    /// clusters was that request, kept, it leaves the merge to a later one, after this text's
    /// small requests have taken many of those chunks again.
    pub fn people(&mut self, n: usize) -> Vec<super::PersonCluster> {
        let mut people = std::mem::take(&mut self.people);
        if people.capacity() < n {
            // As in `take`: a new list copies nothing.
            people = Vec::with_capacity(n);
        }
        people
    }

    /// Keeps the list of person clusters, emptied, for [`people`](Self::people).
    pub fn give_people(&mut self, mut people: Vec<super::PersonCluster>) {
        people.clear();
        self.people = people;
    }

    /// An empty string with room for `n` bytes.
    #[inline]
    pub fn string(&mut self, n: usize) -> String {
        match self.strings.iter().rposition(|s| s.capacity() >= n) {
            Some(i) => self.strings.swap_remove(i),
            None => {
                // As in `take`.
                self.strings.pop();
                String::with_capacity(n)
            }
        }
    }

    /// Keeps `s`'s allocation for a later [`string`](Self::string).
    #[inline]
    pub fn give_string(&mut self, mut s: String) {
        if s.capacity() > 0 {
            s.clear();
            self.strings.push(s);
        }
    }
}

/// A list of `shelf` with room for `n` items (the last given back of those), else a new one.
/// One too small is dropped, not grown: growing a list reallocates it, which copies all of its
/// old room (the allocator does not know that none of it is in use), where a new list copies
/// nothing.
#[inline]
fn take<T>(shelf: &mut Vec<Vec<T>>, n: usize) -> Vec<T> {
    match shelf.iter().rposition(|v| v.capacity() >= n) {
        Some(i) => shelf.swap_remove(i),
        None => {
            shelf.pop();
            Vec::with_capacity(n)
        }
    }
}

/// `v` emptied, as a list of items of another type, its allocation kept when the two item
/// types have the same size and alignment (the standard library collects a vector's iterator
/// into the vector's own allocation then; as no item is kept, none is converted).
#[inline]
fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list given back is taken again for items of the same size, with its room.
    #[test]
    fn lists_are_reused_across_item_types_of_one_size() {
        let mut pool = Pool::default();
        let mut a: Vec<(usize, usize)> = pool.vec(100);
        a.push((1, 2));
        let at = a.as_ptr() as usize;
        pool.give(a);
        let text = String::from("ord");
        let mut b: Vec<&str> = pool.vec(10);
        assert!(b.is_empty() && b.capacity() >= 100);
        assert_eq!(b.as_ptr() as usize, at);
        b.push(&text);
        pool.give(b);
        let c: Vec<(usize, (usize, usize))> = pool.vec(5);
        assert!(c.capacity() >= 5);
        // A size of no shelf is allocated and dropped as usual.
        let d: Vec<[u8; 2]> = pool.vec(3);
        pool.give(d);
        assert_eq!(pool.filled(4, 0usize), [0; 4]);
        pool.give(vec![1u32; 8]);
        assert!(pool.filled(8, 0u32).iter().all(|&x| x == 0));
    }
}
