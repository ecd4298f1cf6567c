//! One cluster per real person and per organisation: surnames and given names joined to the
//! full name, genitives to the base form.

use crate::entity::lexicon::EntityLexicon;
use crate::entity::rules::strip_genitive;
use crate::entity::view::View;
use std::collections::HashMap;
use std::ops::Range;

/// The words of a name mention, genitive removed from the last when the base is a name the text
/// or the lexicons know ("Andreassens" -> "Andreassen").
pub(crate) fn name_words(
    view: &View<'_>,
    tokens: Range<usize>,
    known: &dyn Fn(&str) -> bool,
) -> Vec<String> {
    let mut words: Vec<String> = tokens.map(|k| view.text(k).to_string()).collect();
    if let Some(last) = words.last_mut() {
        let base = strip_genitive(last);
        if base.len() < last.len() && known(base) {
            *last = base.to_string();
        }
    }
    words
}

/// Assigns each person mention (token ranges, in text order) to a cluster; returns the
/// cluster of each mention and each cluster's name words.
pub(crate) fn people(
    view: &View<'_>,
    lx: &EntityLexicon,
    mentions: &[Range<usize>],
) -> (Vec<usize>, Vec<Vec<String>>) {
    // Words seen without a genitive ending anywhere, to know when to strip one.
    let mut plain: HashMap<String, ()> = HashMap::new();
    for m in mentions {
        for k in m.clone() {
            plain.insert(view.text(k).to_string(), ());
        }
    }
    let known = |w: &str| plain.contains_key(w) || lx.is_given(w) || lx.is_surname(w);
    let words: Vec<Vec<String>> = mentions
        .iter()
        .map(|m| name_words(view, m.clone(), &known))
        .collect();

    let mut clusters: Vec<Vec<String>> = Vec::new();
    let mut of = vec![usize::MAX; mentions.len()];
    // Full names first, so that a surname before the full name still finds it.
    for (i, w) in words.iter().enumerate() {
        if w.len() < 2 {
            continue;
        }
        let found = clusters.iter().position(|c| compatible(c, w));
        let id = match found {
            Some(id) => {
                if w.len() > clusters[id].len() {
                    clusters[id] = w.clone();
                }
                id
            }
            None => {
                clusters.push(w.clone());
                clusters.len() - 1
            }
        };
        of[i] = id;
    }
    for (i, w) in words.iter().enumerate() {
        if w.len() != 1 {
            continue;
        }
        let word = &w[0];
        // The nearest earlier mention with this surname, else any cluster with it, else one
        // with it as a given name.
        let by_surname = |id: &usize| clusters.get(*id).and_then(|c| c.last()) == Some(word);
        let earlier = (0..i)
            .rev()
            .map(|j| of[j])
            .find(|id| *id != usize::MAX && by_surname(id));
        let any = (0..clusters.len()).find(|id| clusters[*id].len() >= 2 && by_surname(id));
        let given = (0..clusters.len())
            .find(|id| clusters[*id].first() == Some(word) && clusters[*id].len() >= 2);
        let single =
            (0..clusters.len()).find(|id| clusters[*id].len() == 1 && clusters[*id][0] == *word);
        of[i] = match earlier.or(any).or(given).or(single) {
            Some(id) => id,
            None => {
                clusters.push(w.clone());
                clusters.len() - 1
            }
        };
    }
    (of, clusters)
}

/// Two full names are the same person: same surname and the shorter's given names among the
/// longer's ("Kjell Mydske" and "Kjell Reidar Mydske").
fn compatible(a: &[String], b: &[String]) -> bool {
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

/// The key of an organisation name: lower case, genitive stripped from the last word when the
/// base is known (another mention, the lexicon).
pub(crate) fn org_key(words: &[String]) -> String {
    words.join(" ").to_lowercase()
}
