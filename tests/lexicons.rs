//! The embedded lexicons: every file parses, is NFC, sorted and deduplicated as documented in
//! lexicons/README.md, has no stray whitespace; user lexicons fail with errors that name the file
//! and line.

use kilde::ErrorKind;
use kilde::lexicon::{Gender, LexiconKind, LexiconSet};
use std::path::PathBuf;
use unicode_normalization::{UnicodeNormalization, is_nfc};

const LEXICON_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons");

fn read(kind: LexiconKind) -> String {
    let path = PathBuf::from(LEXICON_DIR).join(kind.file_name());
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The data lines of a lexicon file with their 1-based line numbers.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
}

/// The key a file is sorted and deduplicated by: the first field, or the whole line for
/// organisation_words.tsv (a word may be both a prefix and a suffix).
fn key(kind: LexiconKind, line: &str) -> &str {
    match kind {
        LexiconKind::OrganisationWords => line,
        _ => line.split('\t').next().unwrap_or(line),
    }
}

#[test]
fn embedded_set_is_forced_and_holds_every_kind() {
    let set = LexiconSet::embedded();
    for kind in LexiconKind::ALL {
        let lines = data_lines(&read(kind)).count();
        assert!(set.len(kind) > 0, "{kind:?} is empty");
        assert_eq!(set.len(kind), lines, "{kind:?}: entries != data lines");
    }
}

#[test]
fn embedded_files_are_nfc_without_stray_whitespace() {
    for kind in LexiconKind::ALL {
        let text = read(kind);
        let name = kind.file_name();
        assert!(is_nfc(&text), "{name} is not NFC");
        assert!(!text.contains('\r'), "{name} has CR line ends");
        assert!(text.ends_with('\n'), "{name} does not end with a newline");
        for (n, line) in data_lines(&text) {
            for field in line.split('\t') {
                assert!(!field.is_empty(), "{name}:{n}: empty field");
                assert_eq!(field, field.trim(), "{name}:{n}: stray whitespace");
                assert!(
                    !field.contains("  ") && !field.contains('\u{a0}'),
                    "{name}:{n}: double or non-breaking space in {field:?}"
                );
            }
        }
    }
}

#[test]
fn generated_files_are_sorted_and_unique_by_key() {
    // abbreviations.txt belongs to the tokenizer and is ordered by hand; it is only checked
    // for duplicates.
    for kind in LexiconKind::ALL {
        let text = read(kind);
        let name = kind.file_name();
        let mut prev: Option<(usize, &str)> = None;
        let mut seen = std::collections::HashSet::new();
        for (n, line) in data_lines(&text) {
            let k = key(kind, line);
            assert!(seen.insert(k), "{name}:{n}: duplicate key {k:?}");
            if kind != LexiconKind::Abbreviations {
                if let Some((pn, p)) = prev {
                    assert!(p < k, "{name}:{n}: {k:?} sorts before {p:?} of line {pn}");
                }
            }
            prev = Some((n, k));
        }
    }
}

#[test]
fn embedded_entries_survive_nfc_normalisation_unchanged() {
    // Guards the parser, not only the files: entries equal their NFC form after parsing.
    let set = LexiconSet::embedded();
    let all = set
        .given_names()
        .iter()
        .map(|g| g.name.as_str())
        .chain(set.surnames().iter().map(String::as_str))
        .chain(set.organisations().iter().map(|o| o.name.as_str()))
        .chain(set.places().iter().map(|p| p.name.as_str()))
        .chain(set.roles().iter().map(String::as_str));
    for s in all {
        assert_eq!(s.nfc().collect::<String>(), s);
    }
}

#[test]
fn embedded_content_has_the_documented_categories() {
    let set = LexiconSet::embedded();
    let org_categories = [
        "public",
        "party",
        "company",
        "media",
        "university",
        "research",
        "ngo",
        "union",
        "sports",
        "international",
        "religious",
        "other",
    ];
    for o in set.organisations() {
        assert!(
            org_categories.contains(&o.category.as_str()),
            "organisation {:?} has category {:?}",
            o.name,
            o.category
        );
        for a in &o.aliases {
            assert!(
                !a.is_empty() && a != &o.name,
                "bad alias {a:?} of {:?}",
                o.name
            );
        }
    }
    let place_categories = [
        "kommune", "fylke", "country", "town", "city", "region", "other",
    ];
    for p in set.places() {
        assert!(
            place_categories.contains(&p.category.as_str()),
            "place {:?} has category {:?}",
            p.name,
            p.category
        );
    }
    for c in set.cue_verbs() {
        assert!(!c.lemma.is_empty(), "cue verb {:?} has no lemma", c.form);
    }
}

#[test]
fn aliases_belong_to_one_organisation() {
    let set = LexiconSet::embedded();
    let mut owner = std::collections::HashMap::new();
    for o in set.organisations() {
        for a in &o.aliases {
            if let Some(prev) = owner.insert(a.as_str(), o.name.as_str()) {
                panic!("alias {a:?} of both {prev:?} and {:?}", o.name);
            }
        }
    }
}

#[test]
fn both_genders_are_well_represented() {
    let set = LexiconSet::embedded();
    let count = |g| set.given_names().iter().filter(|n| n.gender == g).count();
    let (m, f, u) = (
        count(Some(Gender::Male)),
        count(Some(Gender::Female)),
        count(None),
    );
    assert!(m > 1000 && f > 1000, "male {m}, female {f}");
    assert!(u * 10 < m + f, "too many names of unknown gender: {u}");
}

macro_rules! malformed {
    ($($name:ident: $kind:ident, $text:expr => $msg:expr;)*) => {$(
        #[test]
        fn $name() {
            let err = LexiconSet::empty_builder()
                .add_str(LexiconKind::$kind, "user.tsv", $text)
                .unwrap_err();
            assert_eq!(err.to_string(), $msg);
            match err.kind() {
                ErrorKind::Lexicon(e) => assert_eq!(e.file, "user.tsv"),
                other => panic!("not a lexicon error: {other:?}"),
            }
        }
    )*};
}

malformed! {
    malformed_gender: GivenNames, "# c\nKari\tf\nOla\tmale\n"
        => "user.tsv:3: unknown gender \"male\" (expected m, f or u)";
    malformed_missing_column: Places, "Molde\tkommune\nBergen\n"
        => "user.tsv:2: expected 2 tab-separated fields, found 1";
    malformed_extra_column: Surnames, "Hansen\tx\n"
        => "user.tsv:1: expected 1 tab-separated fields, found 2";
    malformed_trailing_space: Roles, "ordfører \n"
        => "user.tsv:1: field 1 \"ordfører \" has leading or trailing whitespace";
    malformed_position: OrganisationWords, "AS\tsuffix\nNCE\tbefore\n"
        => "user.tsv:2: unknown position \"before\" (expected suffix, prefix or head)";
    malformed_empty_first_field: CueVerbs, "\tsi\n"
        => "user.tsv:1: empty first field";
}

fn temp_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("kilde-lexicons-{}-{name}", std::process::id()))
}

#[test]
fn add_file_on_a_missing_file_names_it() {
    let path = temp_path("missing.tsv");
    let err = LexiconSet::empty_builder()
        .add_file(LexiconKind::Surnames, &path)
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io { .. }));
    assert!(
        err.to_string().starts_with(&path.display().to_string()),
        "{err}"
    );
}

#[test]
fn add_file_on_invalid_utf8_gives_the_offset() {
    let path = temp_path("latin1.tsv");
    std::fs::write(&path, b"Hansen\nS\xf8rensen\n").unwrap();
    let err = LexiconSet::empty_builder()
        .add_file(LexiconKind::Surnames, &path)
        .unwrap_err();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        err.to_string(),
        format!("{}: invalid utf-8 at byte offset 8", path.display())
    );
}

#[test]
fn add_file_reports_the_file_and_line() {
    let path = temp_path("bad-names.tsv");
    std::fs::write(&path, "Kari\tf\nOla\n").unwrap();
    let err = LexiconSet::empty_builder()
        .add_file(LexiconKind::GivenNames, &path)
        .unwrap_err();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "{}:2: expected 2 tab-separated fields, found 1",
            path.display()
        )
    );
}

#[test]
fn add_dir_loads_known_files_and_ignores_others() {
    let dir = temp_path("dir");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("surnames.tsv"), "# s\nBrøgger\n").unwrap();
    std::fs::write(dir.join("given_names.tsv"), "Ådne\tm\n").unwrap();
    std::fs::write(dir.join("README.md"), "not a lexicon\n").unwrap();
    let set = LexiconSet::empty_builder().add_dir(&dir).unwrap().build();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(set.surnames(), ["Brøgger"]);
    assert_eq!(set.given_names()[0].gender, Some(Gender::Male));
    assert_eq!(set.len(LexiconKind::Places), 0);
}

#[test]
fn add_dir_without_lexicons_is_an_error() {
    let dir = temp_path("empty-dir");
    std::fs::create_dir_all(&dir).unwrap();
    let err = LexiconSet::empty_builder().add_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: no lexicon file of a known name in this directory",
            dir.display()
        )
    );
    let missing = temp_path("no-such-dir");
    let err = LexiconSet::empty_builder().add_dir(&missing).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io { .. }), "{err}");
}

#[test]
fn extra_lists_parse_in_the_same_formats() {
    // lexicons-extra/ is not packaged with the crate, so this runs only in the repository.
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons-extra"));
    let Ok(sources) = std::fs::read_dir(&root) else {
        return;
    };
    let mut loaded = 0;
    for source in sources {
        let path = source.unwrap().path();
        if path.is_dir() {
            let set = LexiconSet::empty_builder()
                .add_dir(&path)
                .unwrap_or_else(|e| panic!("{e}"))
                .build();
            loaded += LexiconKind::ALL.iter().map(|k| set.len(*k)).sum::<usize>();
        }
    }
    assert!(loaded > 0);
}

#[test]
fn replace_str_replaces_one_kind_only() {
    let base = LexiconSet::embedded();
    let set = LexiconSet::builder()
        .replace_str(LexiconKind::Roles, "roles.tsv", "klyngeleder\n")
        .unwrap()
        .build();
    assert_eq!(set.roles(), ["klyngeleder"]);
    assert_eq!(set.surnames().len(), base.surnames().len());
}

/// The entries issue 3 names as the minimum of each kind.
#[test]
fn embedded_lexicons_hold_the_entries_the_issue_names() {
    let set = LexiconSet::embedded();
    let has = |list: &[String], x: &str| list.iter().any(|e| e == x);
    for role in [
        "daglig leder",
        "administrerende direktør",
        "styreleder",
        "konsernsjef",
        "statsminister",
        "næringsminister",
        "statsråd",
        "statssekretær",
        "ordfører",
        "rådmann",
        "kommunedirektør",
        "dekan",
        "rektor",
        "professor",
        "klyngeleder",
        "generalsekretær",
        "partileder",
        "talsperson",
        "politiadvokat",
        "operasjonsleder",
        "sportssjef",
        "trener",
        "CEO",
    ] {
        assert!(has(set.roles(), role), "role {role:?} missing");
    }
    assert!(set.roles().len() >= 300, "only {} roles", set.roles().len());
    for head in [
        "leder",
        "direktør",
        "sjef",
        "minister",
        "rådgiver",
        "ordfører",
    ] {
        assert!(has(set.role_heads(), head), "role head {head:?} missing");
    }
    for (form, lemma) in [
        ("sier", "si"),
        ("sa", "si"),
        ("har sagt", "si"),
        ("forteller", "fortelle"),
        ("fortalte", "fortelle"),
        ("mener", "mene"),
        ("mente", "mene"),
        ("påpeker", "påpeke"),
        ("understreker", "understreke"),
        ("legger til", "legge til"),
        ("forklarer", "forklare"),
        ("opplyser", "opplyse"),
        ("skriver", "skrive"),
        ("uttaler", "uttale"),
        ("hevder", "hevde"),
        ("kommenterer", "kommentere"),
        ("avslutter", "avslutte"),
        ("fortsetter", "fortsette"),
        ("svarer", "svare"),
        ("spør", "spørre"),
        ("innrømmer", "innrømme"),
        ("bekrefter", "bekrefte"),
        ("utdyper", "utdype"),
        ("poengterer", "poengtere"),
        ("konstaterer", "konstatere"),
        ("erkjenner", "erkjenne"),
        ("advarer", "advare"),
        ("lover", "love"),
        ("tror", "tro"),
        ("slår fast", "slå fast"),
        ("ifølge", "ifølge"),
    ] {
        assert!(
            set.cue_verbs()
                .iter()
                .any(|c| c.form == form && c.lemma == lemma),
            "cue {form:?} ({lemma}) missing"
        );
    }
    for word in [
        "AS",
        "ASA",
        "SA",
        "BA",
        "ANS",
        "kommune",
        "fylkeskommune",
        "departementet",
        "direktoratet",
        "tilsynet",
        "universitet",
        "høgskole",
        "forbund",
        "forening",
        "klynge",
        "senter",
        "NCE",
        "Arena",
    ] {
        assert!(
            set.organisation_words().iter().any(|w| w.word == word),
            "organisation word {word:?} missing"
        );
    }
    for (party, alias) in [
        ("Arbeiderpartiet", "Ap"),
        ("Høyre", "H"),
        ("Fremskrittspartiet", "Frp"),
        ("Sosialistisk Venstreparti", "SV"),
        ("Senterpartiet", "Sp"),
        ("Kristelig Folkeparti", "KrF"),
        ("Venstre", "V"),
        ("Miljøpartiet De Grønne", "MDG"),
        ("Rødt", "R"),
    ] {
        assert!(
            set.organisations().iter().any(|o| o.name == party
                && o.category == "party"
                && o.aliases.iter().any(|a| a == alias)),
            "party {party:?} with alias {alias:?} missing"
        );
    }
    for word in ["Liv", "Finn", "Berg", "Høyre", "Venstre"] {
        assert!(has(set.name_words(), word), "name word {word:?} missing");
    }
    let places = |category: &str| {
        set.places()
            .iter()
            .filter(|p| p.category == category)
            .count()
    };
    assert!(places("kommune") >= 357, "kommuner: {}", places("kommune"));
    assert!(places("fylke") >= 15 && places("country") >= 200);
}
