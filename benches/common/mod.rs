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
    corpus_with_names(target_bytes, seed, &name_pool(LexiconSet::embedded()))
}

/// Like [`corpus`], with the names substituted from `pool` (e.g. the entries of a synthetic
/// lexicon, so that a big automaton meets its own keys as often as press text meets names).
pub fn corpus_with_names(target_bytes: usize, seed: u64, pool: &[String]) -> String {
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

/// Cuts `corpus` at paragraph ends into texts of about `size` characters: the corpus as
/// articles come, for the benches and examples that measure a stream of articles.
pub fn cut(corpus: &str, size: usize) -> Vec<&str> {
    let mut texts = Vec::new();
    let mut start = 0;
    while start < corpus.len() {
        let end = corpus[start..]
            .char_indices()
            .skip(size)
            .find(|&(_, c)| c == '\n')
            .map_or(corpus.len(), |(i, _)| start + i + 1);
        texts.push(&corpus[start..end]);
        start = end;
    }
    texts
}

/// A synthetic lexicon set of about `entries` entries for scale benches, and a sample of its
/// multiword entries to substitute into a corpus.
///
/// Built from name lists: the embedded given names, surnames and places, topped up with
/// pseudo-Norwegian names made from syllables (the default lexicons are far smaller than 500k),
/// then given name x surname (as surname entries: the kind does not change the matching cost),
/// "<Surname> <Trade> AS" organisations and "<Place> kommune" places.
pub fn synthetic_lexicons(entries: usize, seed: u64) -> (LexiconSet, Vec<String>) {
    let base = LexiconSet::embedded();
    let mut rng = Rng::new(seed);
    let mut given: Vec<String> = base.given_names().iter().map(|g| g.name.clone()).collect();
    let mut surnames: Vec<String> = base.surnames().to_vec();
    let mut places: Vec<String> = base.places().iter().map(|p| p.name.clone()).collect();
    let n_given = (entries / 50).max(200);
    let n_surnames = (entries / 12).max(500);
    let n_places = (entries / 50).max(100);
    top_up(
        &mut given,
        n_given,
        &mut rng,
        &["", "a", "e", "ar", "in", "un", "ild", "ve"],
    );
    top_up(
        &mut surnames,
        n_surnames,
        &mut rng,
        &[
            "sen", "rud", "dal", "berg", "vik", "stad", "land", "heim", "bakken", "lie", "haug",
        ],
    );
    top_up(
        &mut places,
        n_places,
        &mut rng,
        &["by", "fjord", "øy", "vik", "dal", "nes"],
    );
    const TRADES: [&str; 10] = [
        "Bygg",
        "Eiendom",
        "Transport",
        "Holding",
        "Invest",
        "Consult",
        "Maskin",
        "Elektro",
        "Rør",
        "Data",
    ];
    let mut names = String::new();
    let mut orgs = String::new();
    let mut place_lines = String::new();
    let mut sample = Vec::new();
    let mut count = 0;
    let mut seen = std::collections::HashSet::new();
    for g in &given {
        names.push_str(&format!("{g}\tu\n"));
        count += 1;
    }
    let mut surname_lines: String = surnames.iter().map(|s| format!("{s}\n")).collect();
    count += surnames.len();
    for p in &places {
        place_lines.push_str(&format!("{p}\tkommune\n{p} kommune\tkommune\n"));
        count += 2;
    }
    for s in surnames.iter().take(entries / 20) {
        let t = TRADES[rng.below(TRADES.len())];
        orgs.push_str(&format!("{s} {t} AS\tcompany\n"));
        sample.push(format!("{s} {t} AS"));
        count += 1;
    }
    while count < entries {
        let full = format!(
            "{} {}",
            given[rng.below(given.len())],
            surnames[rng.below(surnames.len())]
        );
        if seen.insert(full.clone()) {
            if sample.len() < 200_000 {
                sample.push(full.clone());
            }
            surname_lines.push_str(&full);
            surname_lines.push('\n');
            count += 1;
        }
    }
    let mut b = LexiconSet::empty_builder();
    let added = b
        .add_str(
            kilde::lexicon::LexiconKind::GivenNames,
            "synthetic-given",
            &names,
        )
        .and_then(|b| {
            b.add_str(
                kilde::lexicon::LexiconKind::Surnames,
                "synthetic-surnames",
                &surname_lines,
            )
        })
        .and_then(|b| {
            b.add_str(
                kilde::lexicon::LexiconKind::Organisations,
                "synthetic-orgs",
                &orgs,
            )
        })
        .and_then(|b| {
            b.add_str(
                kilde::lexicon::LexiconKind::Places,
                "synthetic-places",
                &place_lines,
            )
        });
    if let Err(e) = added {
        panic!("synthetic lexicon: {e}");
    }
    for kind in [
        kilde::lexicon::LexiconKind::Roles,
        kilde::lexicon::LexiconKind::RoleHeads,
        kilde::lexicon::LexiconKind::CueVerbs,
        kilde::lexicon::LexiconKind::OrganisationWords,
    ] {
        // The small closed classes come from the defaults, as a real deployment would have them.
        let text = lines_of(base, kind);
        if let Err(e) = b.add_str(kind, "defaults", &text) {
            panic!("synthetic lexicon: {e}");
        }
    }
    sample.extend(given.iter().take(2000).cloned());
    sample.extend(surnames.iter().take(5000).cloned());
    (b.build(), sample)
}

fn lines_of(set: &LexiconSet, kind: kilde::lexicon::LexiconKind) -> String {
    use kilde::lexicon::{LexiconKind as K, OrgWordPosition};
    match kind {
        K::Roles => set.roles().iter().map(|r| format!("{r}\n")).collect(),
        K::RoleHeads => set.role_heads().iter().map(|r| format!("{r}\n")).collect(),
        K::CueVerbs => set
            .cue_verbs()
            .iter()
            .map(|c| format!("{}\t{}\n", c.form, c.lemma))
            .collect(),
        K::OrganisationWords => set
            .organisation_words()
            .iter()
            .map(|w| {
                let pos = match w.position {
                    OrgWordPosition::Suffix => "suffix",
                    OrgWordPosition::Prefix => "prefix",
                    OrgWordPosition::Head => "head",
                };
                format!("{}\t{pos}\n", w.word)
            })
            .collect(),
        _ => String::new(),
    }
}

/// Adds distinct pseudo-Norwegian names until `list` has `n`.
fn top_up(list: &mut Vec<String>, n: usize, rng: &mut Rng, endings: &[&str]) {
    const ONSETS: [&str; 24] = [
        "K", "S", "T", "B", "H", "M", "L", "R", "J", "E", "A", "I", "O", "G", "V", "N", "Fr", "Br",
        "St", "Kj", "Sv", "Tr", "Gr", "Bj",
    ];
    const VOWELS: [&str; 11] = ["a", "e", "i", "o", "u", "y", "ø", "å", "æ", "ei", "au"];
    const CODAS: [&str; 12] = [
        "", "n", "r", "l", "s", "t", "nd", "rt", "ll", "nn", "k", "m",
    ];
    let mut seen: std::collections::HashSet<String> = list.iter().cloned().collect();
    let mut tries = 0;
    while list.len() < n && tries < n * 50 {
        tries += 1;
        let mut s = String::new();
        s.push_str(ONSETS[rng.below(ONSETS.len())]);
        s.push_str(VOWELS[rng.below(VOWELS.len())]);
        s.push_str(CODAS[rng.below(CODAS.len())]);
        if rng.below(2) == 0 {
            s.push_str(VOWELS[rng.below(VOWELS.len())]);
            s.push_str(CODAS[rng.below(CODAS.len())]);
        }
        s.push_str(endings[rng.below(endings.len())]);
        if s.chars().count() > 2 && seen.insert(s.clone()) {
            list.push(s);
        }
    }
}

/// The calling thread's on-CPU time in nanoseconds (Linux `/proc/thread-self/schedstat`), for
/// the throughput examples: it stays meaningful on a machine shared with other jobs. `None`
/// elsewhere.
pub fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
