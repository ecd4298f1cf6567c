//! The bench corpus: press paragraphs shuffled, with diverse names substituted.
//!
//! A corpus made by repeating a few articles flatters every cache and large automata most of
//! all, so the paragraphs of the bundled articles are shuffled and every capitalised word after
//! the first of its sentence is replaced, with a fixed-seed generator, by a given name, surname,
//! place or organisation drawn from the embedded lexicons.
#![allow(dead_code)]

use kilde::lexicon::LexiconSet;

/// The bundled articles (from the project's brief; see `examples/articles/`).
pub const ARTICLES: [&str; 3] = [
    include_str!("../../examples/articles/000_daef0d3acb2eb511.txt"),
    include_str!("../../examples/articles/001_7876552d86531a97.txt"),
    include_str!("../../examples/articles/003_f8aa208d7947fb4d.txt"),
];

/// A small deterministic generator (SplitMix64), so runs are comparable.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Names to substitute, from the lexicons.
pub fn name_pool(lexicons: &LexiconSet) -> Vec<String> {
    let mut pool: Vec<String> = Vec::new();
    pool.extend(lexicons.given_names().iter().map(|g| g.name.clone()));
    pool.extend(lexicons.surnames().iter().cloned());
    pool.extend(lexicons.places().iter().map(|p| p.name.clone()));
    pool.extend(lexicons.organisations().iter().map(|o| o.name.clone()));
    pool.retain(|n| !n.is_empty());
    pool
}

/// About `target_bytes` of press text with shuffled paragraphs and substituted names.
pub fn corpus(target_bytes: usize, seed: u64) -> String {
    corpus_with(LexiconSet::embedded(), target_bytes, seed)
}

/// Like [`corpus`], with the names drawn from `lexicons`.
pub fn corpus_with(lexicons: &LexiconSet, target_bytes: usize, seed: u64) -> String {
    let pool = name_pool(lexicons);
    let paragraphs: Vec<&str> = ARTICLES
        .iter()
        .flat_map(|a| a.lines())
        .map(str::trim_end)
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(target_bytes + 4096);
    while out.len() < target_bytes {
        let p = paragraphs[rng.below(paragraphs.len())];
        let mut first = true;
        for (i, word) in p.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let capitalised = word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().all(char::is_alphabetic);
            if capitalised && !first && !pool.is_empty() && rng.below(4) != 0 {
                out.push_str(&pool[rng.below(pool.len())]);
            } else {
                out.push_str(word);
            }
            first = word.ends_with(['.', '!', '?', ':']) || word.starts_with(['–', '-', '«']);
        }
        out.push('\n');
    }
    out
}
