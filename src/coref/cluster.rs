//! One cluster per real person and per organisation: surnames and given names joined to the
//! full name, genitives to the base form.

use crate::entity::Mention;
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

/// Assigns each person mention (in text order) to a cluster; returns the
/// cluster of each mention and each cluster's name words.
pub(crate) fn people<'t>(view: &View<'t>, lx: &EntityLexicon, mentions: &[&Mention]) -> People<'t> {
    // A word seen without a genitive ending anywhere, to know when to strip one: asked only
    // when a name may end in one and after the lexicons.
    let plain: Among<&str> = Among::new();
    let words = || {
        mentions
            .iter()
            .flat_map(|m| m.tokens.clone())
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
        words: Vec::with_capacity(mentions.iter().map(|m| m.tokens.len()).sum()),
        spans: Vec::with_capacity(n),
        names: Vec::with_capacity(n),
    };
    for m in mentions {
        let start = p.words.len();
        push_name_words(view, m.tokens.clone(), &known, &mut p.words);
        p.spans.push(start..p.words.len());
    }

    // A mention adds its last word and perhaps its first: sized once, as growing a table
    // rehashes it.
    let mut table = Words {
        slots: HashMap::with_capacity_and_hasher(2 * n, Default::default()),
        info: Vec::with_capacity(2 * n),
    };
    // The slot of each mention's last word: one hash lookup a mention.
    let last_slot: Vec<usize> = (0..n)
        .map(|i| p.words_of(i).last().map_or(NONE, |&w| table.slot(w)))
        .collect();
    // The next cluster with the same surname, by cluster (a list per surname without a vector
    // for each).
    let mut next_same: Vec<usize> = Vec::with_capacity(n);

    // Full names first, so that a surname before the full name still finds it. Clusters are
    // looked up by surname, which keeps this linear in the number of mentions.
    for (i, &s) in last_slot.iter().enumerate() {
        let w = p.words_of(i);
        let Some(&first) = w.first() else {
            continue;
        };
        if w.len() < 2 {
            continue;
        }
        let (head, tail) = table.info.get(s).map_or((NONE, NONE), |x| x.surname);
        let mut found = None;
        let mut id = head;
        while let Some(&next) = next_same.get(id) {
            if compatible(p.name(id), w) {
                found = Some(id);
                break;
            }
            id = next;
        }
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
                let id = p.names.len();
                p.names.push(i);
                next_same.push(NONE);
                match next_same.get_mut(tail) {
                    Some(t) => *t = id,
                    None => {
                        if let Some(x) = table.info.get_mut(s) {
                            x.surname.0 = id;
                        }
                    }
                }
                if let Some(x) = table.info.get_mut(s) {
                    x.surname.1 = id;
                }
                id
            }
        };
        let g = table.slot(first);
        if let Some(x) = table.info.get_mut(g)
            && x.given == NONE
        {
            x.given = id;
        }
        if let Some(o) = p.of.get_mut(i) {
            *o = id;
        }
    }
    // Single words in text order: the nearest earlier person with this surname, else the first
    // with it, else one with it as a given name, else a person known by this word alone.
    for (i, &s) in last_slot.iter().enumerate() {
        let w = p.words_of(i);
        let (Some(&word), Some(&x)) = (w.last(), table.info.get(s)) else {
            continue;
        };
        if w.len() >= 2 {
            let id = p.of.get(i).copied().unwrap_or(NONE);
            if let Some(x) = table.info.get_mut(s) {
                x.last_seen = id;
            }
            continue;
        }
        let id = [x.last_seen, x.surname.0, x.given, x.alone]
            .into_iter()
            .find(|&id| id != NONE);
        let id = match id {
            Some(id) => id,
            None => {
                p.names.push(i);
                if let Some(x) = table.info.get_mut(s) {
                    x.alone = p.names.len() - 1;
                }
                p.names.len() - 1
            }
        };
        if p.name(id).last() == Some(&word)
            && let Some(x) = table.info.get_mut(s)
        {
            x.last_seen = id;
        }
        if let Some(o) = p.of.get_mut(i) {
            *o = id;
        }
    }
    p
}

/// The words the person mentions of a text end or start with, each with its clusters.
struct Words<'t> {
    /// The index of each word in `info`.
    slots: HashMap<&'t str, usize>,
    info: Vec<Word>,
}

impl<'t> Words<'t> {
    /// The index of `w` in `info`, added when new.
    fn slot(&mut self, w: &'t str) -> usize {
        let info = &mut self.info;
        *self.slots.entry(w).or_insert_with(|| {
            info.push(Word::NONE);
            info.len() - 1
        })
    }
}

/// No cluster.
const NONE: usize = usize::MAX;

/// The clusters a word of a text's person mentions stands for.
#[derive(Clone, Copy, Debug)]
struct Word {
    /// The first and the last cluster whose full name ends in the word.
    surname: (usize, usize),
    /// The first cluster whose full name starts with it.
    given: usize,
    /// The cluster of the last mention ending in it, while reading single words.
    last_seen: usize,
    /// A cluster named by the word alone.
    alone: usize,
}

impl Word {
    const NONE: Word = Word {
        surname: (NONE, NONE),
        given: NONE,
        last_seen: NONE,
        alone: NONE,
    };
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
