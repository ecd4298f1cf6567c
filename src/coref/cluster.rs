//! One cluster per real person and per organisation: surnames and given names joined to the
//! full name, genitives to the base form.

use crate::entity::lexicon::EntityLexicon;
use crate::entity::rules::strip_genitive;
use crate::entity::view::View;
use crate::fxhash::{FxHashMap as HashMap, FxHashSet};
use std::cell::OnceCell;
use std::ops::Range;

/// The words of a name mention, genitive removed from the last when the base is a name the text
/// or the lexicons know ("Andreassens" -> "Andreassen").
pub(crate) fn name_words<'t>(
    view: &View<'t>,
    tokens: Range<usize>,
    known: &dyn Fn(&str) -> bool,
) -> Vec<&'t str> {
    // Borrowed from the text: the genitive is removed by slicing, so no word is copied.
    let mut words: Vec<&'t str> = tokens.map(|k| view.text(k)).collect();
    if let Some(last) = words.last_mut() {
        let base = strip_genitive(last);
        if base.len() < last.len() && known(base) {
            *last = base;
        }
    }
    words
}

/// Assigns each person mention (token ranges, in text order) to a cluster; returns the
/// cluster of each mention and each cluster's name words.
pub(crate) fn people<'t>(
    view: &View<'t>,
    lx: &EntityLexicon,
    mentions: &[Range<usize>],
) -> (Vec<usize>, Vec<Vec<&'t str>>) {
    // Words seen without a genitive ending anywhere, to know when to strip one: hashed only
    // when a name may end in one, and after the lexicons.
    let plain: OnceCell<FxHashSet<&str>> = OnceCell::new();
    let known = |w: &str| {
        lx.is_given(w)
            || lx.is_surname(w)
            || plain
                .get_or_init(|| {
                    mentions
                        .iter()
                        .flat_map(|m| m.clone())
                        .map(|k| view.text(k))
                        .collect()
                })
                .contains(w)
    };
    let words: Vec<Vec<&'t str>> = mentions
        .iter()
        .map(|m| name_words(view, m.clone(), &known))
        .collect();

    let mut clusters: Vec<Vec<&'t str>> = Vec::with_capacity(mentions.len());
    let mut of = vec![usize::MAX; mentions.len()];
    // Full names first, so that a surname before the full name still finds it. Clusters are
    // looked up by surname, which keeps this linear in the number of mentions.
    // Sized once: growing a table rehashes it.
    let n = mentions.len();
    let mut by_surname: HashMap<&'t str, Vec<usize>> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    let mut by_given: HashMap<&'t str, usize> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    for (i, w) in words.iter().enumerate() {
        let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
            continue;
        };
        if w.len() < 2 {
            continue;
        }
        let same = by_surname.entry(last).or_default();
        let found = same
            .iter()
            .copied()
            .find(|&id| compatible(&clusters[id], w));
        let id = match found {
            Some(id) => {
                if w.len() > clusters[id].len() {
                    clusters[id] = w.clone();
                }
                id
            }
            None => {
                clusters.push(w.clone());
                same.push(clusters.len() - 1);
                clusters.len() - 1
            }
        };
        by_given.entry(first).or_insert(id);
        of[i] = id;
    }
    // Single words in text order: the nearest earlier person with this surname, else the first
    // with it, else one with it as a given name, else a person known by this word alone.
    let mut last_seen: HashMap<&'t str, usize> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    let mut alone: HashMap<&'t str, usize> = HashMap::default();
    for (i, w) in words.iter().enumerate() {
        let Some(&word) = w.last() else { continue };
        if w.len() >= 2 {
            last_seen.insert(word, of[i]);
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
                clusters.push(w.clone());
                alone.insert(word, clusters.len() - 1);
                clusters.len() - 1
            }
        };
        if clusters.get(id).and_then(|c| c.last()) == Some(&word) {
            last_seen.insert(word, id);
        }
        of[i] = id;
    }
    (of, clusters)
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
