//! Gazetteer behaviour as named cases over a synthetic lexicon (independent of `lexicons/`).

use kilde::gazetteer::{Gazetteer, GazetteerMatch, Inflection};
use kilde::lexicon::{LexiconKind as K, LexiconSet};
use kilde::tokenize::{Tokenized, Tokenizer};
use proptest::prelude::*;
use std::sync::LazyLock;

mod common;

static LEXICONS: LazyLock<LexiconSet> = LazyLock::new(|| {
    let mut b = LexiconSet::empty_builder();
    let files: &[(K, &str)] = &[
        (K::GivenNames, "Kari\tf\nOla\tm\nLiv\tf\nLars\tm\n"),
        (K::Surnames, "Hansen\nOlsen\nBerg\nde Vries\n"),
        (
            K::Places,
            "Norge\tcountry\nOslo\tkommune\nBerg\tkommune\nUSA\tcountry\n",
        ),
        (
            K::Organisations,
            "Innovasjon Norge\tpublic\nDigitalNorway\tother\nNCE iKuben\tother\n\
             Nærings- og fiskeridepartementet\tpublic\tNFD\n\
             Alfa\tother\nAlfa Beta\tother\nAlfa Beta GammaX\tother\n\
             Alfa Beta GammaX DeltaX\tother\n",
        ),
        (K::OrganisationWords, "AS\tsuffix\nkommune\tsuffix\n"),
        (K::Roles, "daglig leder\nstatsminister\nCEO\n"),
        (K::RoleHeads, "leder\ndirektør\nminister\nrådmann\n"),
        (K::CueVerbs, "sier\tsi\nsa\tsi\nlegger til\tlegge til\n"),
        (K::NameWords, "Liv\n"),
    ];
    for (kind, text) in files {
        if let Err(e) = b.add_str(*kind, "test", text) {
            panic!("test lexicon: {e}");
        }
    }
    b.build()
});

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| match Gazetteer::new(&LEXICONS) {
    Ok(g) => g,
    Err(e) => panic!("gazetteer: {e}"),
});

fn analyse(text: &str) -> Tokenized<'_> {
    Tokenizer::with_abbreviations(LEXICONS.abbreviations().clone()).analyse(text)
}

/// A match as the cases write it: surface, kind and form ("" base, "gen", "def", "pl",
/// "defpl", "head=<surface of the head>", several joined by "+").
fn describe(text: &str, m: &GazetteerMatch) -> (String, K, String) {
    let mut form = Vec::new();
    match m.form.inflection {
        Inflection::Base => {}
        Inflection::Definite => form.push("def".to_string()),
        Inflection::Plural => form.push("pl".to_string()),
        Inflection::DefinitePlural => form.push("defpl".to_string()),
        _ => form.push("?".to_string()),
    }
    if m.form.genitive {
        form.push("gen".to_string());
    }
    if let Some(h) = m.form.head {
        form.push(format!("head={}", &text[h]));
    }
    (text[m.span].to_string(), m.kind, form.join("+"))
}

struct Case {
    name: &'static str,
    text: &'static str,
    expect: &'static [(&'static str, K, &'static str)],
}

macro_rules! t {
    ($name:ident, $text:expr, [$(($s:expr, $k:ident, $f:expr)),* $(,)?]) => {
        Case { name: stringify!($name), text: $text, expect: &[$(($s, K::$k, $f)),*] }
    };
}

const CASES: &[Case] = &[
    t!(
        person_parts_and_cue,
        "– Ja, sier Kari Hansen.",
        [
            ("sier", CueVerbs, ""),
            ("Kari", GivenNames, ""),
            ("Hansen", Surnames, "")
        ]
    ),
    t!(
        multiword_organisation,
        "hos Innovasjon Norge i dag",
        [("Innovasjon Norge", Organisations, "")]
    ),
    t!(
        genitive_multiword,
        "Innovasjon Norges direktør",
        [
            ("Innovasjon Norges", Organisations, "gen"),
            ("direktør", RoleHeads, "")
        ]
    ),
    t!(
        genitive_glued_name,
        "DigitalNorways satsing",
        [("DigitalNorways", Organisations, "gen")]
    ),
    t!(
        genitive_acronym,
        "USAs president og USA's",
        [("USAs", Places, "gen"), ("USA's", Places, "gen")]
    ),
    t!(
        genitive_curly_apostrophe,
        "USA’s president",
        [("USA’s", Places, "gen")]
    ),
    t!(
        genitive_apostrophe_after_s,
        "Det er Lars' bil.",
        [("Lars'", GivenNames, "gen")]
    ),
    t!(
        genitive_surname,
        "Olsens bil",
        [("Olsens", Surnames, "gen")]
    ),
    t!(lower_case_name_rejected, "et godt liv og en berg", []),
    t!(
        several_entries_one_key,
        "Liv Berg kom",
        [
            ("Liv", GivenNames, ""),
            ("Liv", NameWords, ""),
            ("Berg", Surnames, ""),
            ("Berg", Places, "")
        ]
    ),
    t!(
        sentence_initial_capital,
        "De Vries sa nei. Han så De Vries.",
        [("De Vries", Surnames, ""), ("sa", CueVerbs, "")]
    ),
    t!(
        after_quote_capital,
        "«De Vries kommer»",
        [("De Vries", Surnames, "")]
    ),
    t!(
        all_caps_heading,
        "KARI HANSEN TIL DIGITALNORWAY",
        [
            ("KARI", GivenNames, ""),
            ("HANSEN", Surnames, ""),
            ("DIGITALNORWAY", Organisations, "")
        ]
    ),
    t!(
        nbsp_inside_name,
        "i Innovasjon\u{a0}Norge",
        [("Innovasjon\u{a0}Norge", Organisations, "")]
    ),
    t!(
        line_break_inside_name,
        "i Innovasjon\nNorge sier",
        [
            ("Innovasjon\nNorge", Organisations, ""),
            ("sier", CueVerbs, "")
        ]
    ),
    t!(
        blank_line_ends_match,
        "Innovasjon\n\nNorge",
        [("Norge", Places, "")]
    ),
    t!(
        role_definite,
        "Direktøren sa at lederen og ministeren",
        [
            ("Direktøren", RoleHeads, "def"),
            ("sa", CueVerbs, ""),
            ("lederen", RoleHeads, "def"),
            ("ministeren", RoleHeads, "def")
        ]
    ),
    t!(
        role_plurals,
        "lederne, direktører og rådmenn",
        [
            ("lederne", RoleHeads, "defpl"),
            ("direktører", RoleHeads, "pl"),
            ("rådmenn", RoleHeads, "pl")
        ]
    ),
    t!(
        role_case_insensitive,
        "Daglig leder og STATSMINISTER",
        [("Daglig leder", Roles, ""), ("STATSMINISTER", Roles, "")]
    ),
    t!(
        role_multiword_longest,
        "daglig leder Kari",
        [("daglig leder", Roles, ""), ("Kari", GivenNames, "")]
    ),
    t!(
        role_compounds,
        "næringsministeren og kommunikasjonsdirektør og Klyngeleder",
        [
            ("næringsministeren", RoleHeads, "def+head=ministeren"),
            ("kommunikasjonsdirektør", RoleHeads, "head=direktør"),
            ("Klyngeleder", RoleHeads, "head=leder")
        ]
    ),
    t!(
        role_compound_genitive,
        "klyngelederens mål",
        [("klyngelederens", RoleHeads, "def+gen+head=lederen")]
    ),
    t!(
        listed_role_is_not_compound,
        "statsministeren",
        [("statsministeren", Roles, "def")]
    ),
    t!(
        acronym_role,
        "CEO Kari",
        [("CEO", Roles, ""), ("Kari", GivenNames, "")]
    ),
    t!(
        token_aligned_hyphen,
        "en Oslo-politiker og Hansenfamilien",
        []
    ),
    t!(
        token_aligned_prefix,
        "Kari Hansenius",
        [("Kari", GivenNames, "")]
    ),
    t!(
        alias,
        "NFD og Nærings- og fiskeridepartementet",
        [
            ("NFD", Organisations, ""),
            ("Nærings- og fiskeridepartementet", Organisations, "")
        ]
    ),
    t!(
        organisation_words_case,
        "Berg AS og as, Verdal Kommune",
        [
            ("Berg", Surnames, ""),
            ("Berg", Places, ""),
            ("AS", OrganisationWords, ""),
            ("Kommune", OrganisationWords, "")
        ]
    ),
    t!(
        multiword_cue_verb,
        "legger til Kari",
        [("legger til", CueVerbs, ""), ("Kari", GivenNames, "")]
    ),
    t!(
        mixed_case_org_rejected,
        "Digitalnorway og NCE iKuben",
        [("NCE iKuben", Organisations, "")]
    ),
    // Four keys from one token, the longest spelled otherwise: the longest that passes the
    // case check wins, however many longer ones fail before it.
    t!(
        longest_key_spelled_as_listed_among_many,
        "Alfa Beta Gammax Deltax og Alfa Beta GammaX Deltax",
        [
            ("Alfa Beta", Organisations, ""),
            ("Alfa Beta GammaX", Organisations, "")
        ]
    ),
    t!(empty_text, "", []),
];

#[test]
fn cases() {
    let mut failures = Vec::new();
    for case in CASES {
        let doc = analyse(case.text);
        let got: Vec<_> = GAZETTEER
            .find_iter(&doc)
            .map(|m| describe(case.text, &m))
            .collect();
        let want: Vec<_> = case
            .expect
            .iter()
            .map(|(s, k, f)| (s.to_string(), *k, f.to_string()))
            .collect();
        if got != want {
            failures.push(format!("{}:\n  got  {got:?}\n  want {want:?}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn case_names_are_unique() {
    common::assert_unique_names(CASES.iter().map(|c| c.name));
}

#[test]
fn entries_index_their_kind() {
    let text = "Kari Hansen i Innovasjon Norge, daglig leder";
    let doc = analyse(text);
    for m in GAZETTEER.find_iter(&doc) {
        assert!(m.entry < LEXICONS.len(m.kind), "{m:?}");
        let listed = match m.kind {
            K::GivenNames => LEXICONS.given_names()[m.entry].name.clone(),
            K::Surnames => LEXICONS.surnames()[m.entry].clone(),
            K::Organisations => LEXICONS.organisations()[m.entry].name.clone(),
            K::Roles => LEXICONS.roles()[m.entry].clone(),
            _ => continue,
        };
        assert_eq!(text[m.span].to_lowercase(), listed.to_lowercase());
    }
}

/// Spans on token boundaries, matching their token range, in order, overlapping only when
/// they are the same span (several entries of one key).
fn check_invariants(text: &str) {
    let doc = analyse(text);
    let matches: Vec<_> = GAZETTEER.find_iter(&doc).collect();
    let tokens = doc.tokens();
    let mut prev: Option<&GazetteerMatch> = None;
    for m in &matches {
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert!(!m.tokens.is_empty() && m.tokens.end <= tokens.len());
        assert_eq!(m.span.start, tokens[m.tokens.start].span().start);
        assert_eq!(m.span.end, tokens[m.tokens.end - 1].span().end);
        if let Some(h) = m.form.head {
            assert!(m.span.contains(h) && text.is_char_boundary(h.start));
        }
        if let Some(p) = prev {
            assert!(
                p.span == m.span || p.span.end <= m.span.start,
                "{p:?} {m:?}"
            );
        }
        prev = Some(m);
    }
}

proptest! {
    #[test]
    fn arbitrary_text_keeps_invariants(text in "\\PC{0,80}") {
        check_invariants(&text);
    }

    #[test]
    fn lexicon_words_keep_invariants(words in proptest::collection::vec(
        prop_oneof![
            Just("Kari"), Just("Hansen"), Just("Innovasjon"), Just("Norges"), Just("USA’s"),
            Just("leder"), Just("næringsministerens"), Just("\u{a0}"), Just("\n"), Just("\n\n"),
            Just("."), Just("«"), Just("'"), Just("s"), Just("KARI"), Just("de"), Just("Vries"),
            Just("İstanbul"), Just("ǅ"), Just("-"),
        ], 0..30)) {
        check_invariants(&words.join(" "));
        check_invariants(&words.concat());
    }
}

/// Every word of up to 16 bytes ending in a role head's form, in any case, is found as a
/// compound (or as an entry of its own): the compound filter of the short path, on the last
/// five bytes (four for a four-byte head), may only say maybe.
#[test]
fn compounds_of_every_role_head_are_found_in_any_case() {
    let lexicons = LexiconSet::embedded();
    let gazetteer = Gazetteer::new(lexicons).expect("gazetteer");
    let mut tried = 0;
    for head in lexicons.role_heads() {
        for prefix in ["nærings", "klynge", "ass", "Øy", "ba"] {
            let word = format!("{prefix}{head}");
            let mut capitalised = word.chars();
            let capitalised = capitalised
                .next()
                .map(|c| c.to_uppercase().chain(capitalised).collect::<String>())
                .unwrap_or_default();
            for w in [word.clone(), word.to_uppercase(), capitalised] {
                let text = format!("Det var {w} i går.");
                let doc = analyse(&text);
                let found = gazetteer
                    .find_iter(&doc)
                    .any(|m| m.tokens.start <= 2 && m.tokens.end > 2);
                assert!(found, "{text:?}");
                tried += usize::from(w.len() <= 16);
            }
        }
    }
    assert!(tried > 500, "{tried}");
}
