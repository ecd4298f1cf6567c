//! One cluster per real person and per organisation: surnames and given names joined to the
//! full name, genitives to the base form.

use crate::entity::lexicon::EntityLexicon;
use crate::entity::rules::strip_genitive;
use crate::entity::view::View;
use crate::fxhash::{FxHashMap as HashMap, FxHashSet};
use std::cell::{Cell, OnceCell};
use std::ops::Range;

/// A question about the words of a text's mentions ("is this word among them?"), answered by a
/// scan for the first few askings and from a set built once after: most texts ask it a few
/// times of a few words, where hashing them all costs more than scanning, but a long text
/// with many names that look genitive ("Lars", "Thomas") asks it once a mention, and scanning
/// every time would grow with the square of its length.
pub(crate) struct Among<T> {
    asked: Cell<u32>,
    set: OnceCell<FxHashSet<T>>,
}

impl<T: std::hash::Hash + Eq> Among<T> {
    /// Askings answered by a scan before the set is built.
    const SCANS: u32 = 8;

    pub fn new() -> Among<T> {
        Among {
            asked: Cell::new(0),
            set: OnceCell::new(),
        }
    }

    /// The answer of `scan` while few have been asked, else of `probe` on the set `build`
    /// makes (the same answer, by other means).
    pub fn ask(
        &self,
        scan: impl FnOnce() -> bool,
        build: impl FnOnce() -> FxHashSet<T>,
        probe: impl FnOnce(&FxHashSet<T>) -> bool,
    ) -> bool {
        let asked = self.asked.get();
        if asked < Self::SCANS {
            self.asked.set(asked + 1);
            scan()
        } else {
            probe(self.set.get_or_init(build))
        }
    }
}

/// Appends to `out` the words of a name mention, genitive removed from the last when the base
/// is a name the text or the lexicons know ("Andreassens" -> "Andreassen").
pub(crate) fn push_name_words<'t>(
    view: &View<'t>,
    tokens: Range<usize>,
    known: &dyn Fn(&str) -> bool,
    out: &mut Vec<&'t str>,
) {
    // Borrowed from the text: the genitive is removed by slicing, so no word is copied.
    let start = out.len();
    out.extend(tokens.map(|k| view.text(k)));
    if out.len() > start
        && let Some(last) = out.last_mut()
    {
        let base = strip_genitive(last);
        if base.len() < last.len() && known(base) {
            *last = base;
        }
    }
}

/// The people of a text: the cluster of each person mention and each cluster's name.
pub(crate) struct People<'t> {
    /// The cluster of each mention (`usize::MAX` for none).
    pub of: Vec<usize>,
    /// The words of every mention, end to end (one buffer, not one per mention).
    words: Vec<&'t str>,
    /// Each mention's words in `words`.
    spans: Vec<Range<usize>>,
    /// The mention whose words name each cluster.
    names: Vec<usize>,
}

impl<'t> People<'t> {
    /// The number of clusters.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The words of mention `i`.
    fn words_of(&self, i: usize) -> &[&'t str] {
        self.spans
            .get(i)
            .and_then(|r| self.words.get(r.clone()))
            .unwrap_or_default()
    }

    /// The name words of cluster `id`.
    pub fn name(&self, id: usize) -> &[&'t str] {
        self.names.get(id).map_or(&[], |&i| self.words_of(i))
    }
}

/// Assigns each person mention (token ranges, in text order) to a cluster; returns the
/// cluster of each mention and each cluster's name words.
pub(crate) fn people<'t>(
    view: &View<'t>,
    lx: &EntityLexicon,
    mentions: &[Range<usize>],
) -> People<'t> {
    // A word seen without a genitive ending anywhere, to know when to strip one: asked only
    // when a name may end in one and after the lexicons.
    let plain: Among<&str> = Among::new();
    let words = || {
        mentions
            .iter()
            .flat_map(|m| m.clone())
            .map(|k| view.text(k))
    };
    let known = |w: &str| {
        lx.is_given(w)
            || lx.is_surname(w)
            || plain.ask(
                || words().any(|t| t == w),
                || words().collect(),
                |set| set.contains(w),
            )
    };
    let n = mentions.len();
    let mut p = People {
        of: vec![usize::MAX; n],
        words: Vec::with_capacity(2 * n),
        spans: Vec::with_capacity(n),
        names: Vec::with_capacity(n),
    };
    for m in mentions {
        let start = p.words.len();
        push_name_words(view, m.clone(), &known, &mut p.words);
        p.spans.push(start..p.words.len());
    }

    // Full names first, so that a surname before the full name still finds it. Clusters are
    // looked up by surname, which keeps this linear in the number of mentions.
    // Sized once: growing a table rehashes it.
    let mut by_surname: HashMap<&'t str, Vec<usize>> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    let mut by_given: HashMap<&'t str, usize> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    for i in 0..n {
        let w = p.words_of(i);
        let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
            continue;
        };
        if w.len() < 2 {
            continue;
        }
        let same = by_surname.entry(last).or_default();
        let found = same.iter().copied().find(|&id| compatible(p.name(id), w));
        let id = match found {
            Some(id) => {
                if w.len() > p.name(id).len()
                    && let Some(name) = p.names.get_mut(id)
                {
                    *name = i;
                }
                id
            }
            None => {
                p.names.push(i);
                same.push(p.names.len() - 1);
                p.names.len() - 1
            }
        };
        by_given.entry(first).or_insert(id);
        if let Some(o) = p.of.get_mut(i) {
            *o = id;
        }
    }
    // Single words in text order: the nearest earlier person with this surname, else the first
    // with it, else one with it as a given name, else a person known by this word alone.
    let mut last_seen: HashMap<&'t str, usize> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    let mut alone: HashMap<&'t str, usize> = HashMap::default();
    for i in 0..n {
        let w = p.words_of(i);
        let Some(&word) = w.last() else { continue };
        if w.len() >= 2 {
            last_seen.insert(word, p.of.get(i).copied().unwrap_or(usize::MAX));
            continue;
        }
        let id = last_seen
            .get(word)
            .copied()
            .or_else(|| by_surname.get(word).and_then(|v| v.first().copied()))
            .or_else(|| by_given.get(word).copied())
            .or_else(|| alone.get(word).copied());
        let id = match id {
            Some(id) => id,
            None => {
                p.names.push(i);
                alone.insert(word, p.names.len() - 1);
                p.names.len() - 1
            }
        };
        if p.name(id).last() == Some(&word) {
            last_seen.insert(word, id);
        }
        if let Some(o) = p.of.get_mut(i) {
            *o = id;
        }
    }
    p
}

/// Two full names are the same person: same surname and the shorter's given names among the
/// longer's ("Kjell Mydske" and "Kjell Reidar Mydske").
fn compatible(a: &[&str], b: &[&str]) -> bool {
    if a.last() != b.last() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short[..short.len() - 1].iter().all(|w| {
        long[..long.len() - 1]
            .iter()
            .any(|x| x == w || (w.ends_with('.') && x.starts_with(w.trim_end_matches('.'))))
    })
}
