//! Entity recognition, linking and coreference as named cases over a synthetic lexicon
//! (independent of `lexicons/`), and the F1 on the bundled gold articles.

use kilde::coref;
use kilde::entity::{EntityKind, EntityRecognizer};
use kilde::eval::{GoldArticle, Report, score};
use kilde::gazetteer::{Gazetteer, GazetteerMatch};
use kilde::lexicon::{LexiconKind as K, LexiconSet};
use kilde::tokenize::Tokenizer;
use kilde::{Document, Extractor};
use proptest::prelude::*;
use std::sync::LazyLock;

static LEXICONS: LazyLock<LexiconSet> = LazyLock::new(|| {
    let mut b = LexiconSet::empty_builder();
    let files: &[(K, &str)] = &[
        (
            K::GivenNames,
            "Kari\tf\nOla\tm\nLiv\tf\nJan\tm\nFinn\tm\nFrode\tm\nMona\tf\nPer\tm\nKjell\tm\nReidar\tm\n\
             Anne\tf\nGrete\tf\nUrsula\tf\nJarle\tm\nEirik\tm\n",
        ),
        (K::Surnames, "Hansen\nOlsen\nBerg\n"),
        (
            K::Places,
            "Norge\tcountry\nOslo\tkommune\nMolde\tkommune\nVerdal\tkommune\nHalden\tkommune\n\
             Vestre\ttown\n",
        ),
        (
            K::Organisations,
            "Innovasjon Norge\tpublic\nHøyre\tparty\tH\nOlympiatoppen\tsports\n\
             Aftenposten\tmedia\nRegjeringen\tpublic\nDen norske kirke\treligious\n\
             Telemarksavisa\tmedia\tTA\nVolvo\tcompany\nStatistisk sentralbyrå\tpublic\tSSB\n\
             E24\tmedia\nTV 2\tmedia\n",
        ),
        (
            K::OrganisationWords,
            "AS\tsuffix\nASA\tsuffix\nkommune\tsuffix\nNCE\tprefix\nuniversitetet\thead\n",
        ),
        (
            K::Roles,
            "daglig leder\nadministrerende direktør\nstatsminister\nCEO\nmedlem\n",
        ),
        (K::RoleHeads, "leder\ndirektør\nminister\nrådmann\nsjef\n"),
        (K::CueVerbs, "sier\tsi\nsa\tsi\nforteller\tfortelle\n"),
        (K::NameWords, "Liv\nFinn\n"),
    ];
    for (kind, text) in files {
        if let Err(e) = b.add_str(*kind, "test", text) {
            panic!("test lexicon: {e}");
        }
    }
    b.build()
});

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(
        || match Extractor::builder().lexicons(LEXICONS.clone()).build() {
            Ok(x) => x,
            Err(e) => panic!("extractor: {e}"),
        },
    );

fn kind_name(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "per",
        EntityKind::Organisation => "org",
        EntityKind::Place => "place",
        EntityKind::Role => "role",
    }
}

/// The mentions of `text` as (surface, kind), roles left out unless `roles`.
fn mentions(text: &str, roles: bool) -> Vec<(String, &'static str)> {
    EXTRACTOR
        .extract(text)
        .entities
        .iter()
        .filter(|e| roles || e.kind != EntityKind::Role)
        .map(|e| {
            assert_eq!(&text[e.start..e.end], e.text, "span and text disagree");
            (e.text.to_string(), kind_name(e.kind))
        })
        .collect()
}

macro_rules! t {
    ($name:ident, $text:expr, [$(($s:expr, $k:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            let want: Vec<(String, &str)> = vec![$(($s.to_string(), $k)),*];
            assert_eq!(mentions($text, false), want, "text: {}", $text);
        }
    };
}

// Organisations: what a capital or a listed name does not make one.
t!(
    org_media_in_the_paper_is_the_publication,
    "Det sto i Aftenposten i går. Kari Hansen sa til Aftenposten at hun begynte i Aftenposten. \
     Det mener Ola Olsen i Aftenposten.",
    [
        ("Kari Hansen", "per"),
        ("Aftenposten", "org"),
        ("Aftenposten", "org"),
        ("Ola Olsen", "per"),
        ("Aftenposten", "org")
    ]
);
t!(
    org_initial_common_noun_written_lower_elsewhere,
    "Regjeringen vil kutte. Det mener regjeringen selv. Men Regjeringen sa nei.",
    [("Regjeringen", "org")]
);
t!(
    org_listed_name_starting_with_function_word,
    "Han er biskop i Den norske kirke nå.",
    [("Den norske kirke", "org")]
);
t!(
    org_run_split_at_capitalised_function_word,
    "Kilder: Oslo kommune, NRK Et spørsmål om tid.",
    [("Oslo kommune", "org"), ("NRK", "org")]
);
t!(
    org_norwegian_word_is_no_name_particle,
    "Målingen i Molde der Kari Hansen stiller. Og da NRK ringte, svarte hun.",
    [("Molde", "place"), ("Kari Hansen", "per"), ("NRK", "org")]
);

t!(
    org_capitalised_site_name,
    "Det sier Kari Hansen til Dagbladet.no i dag.",
    [("Kari Hansen", "per"), ("Dagbladet.no", "org")]
);
t!(
    org_unknown_name_after_role_and_preposition,
    "Hun er daglig leder i Hustadmarmor nå.",
    [("Hustadmarmor", "org")]
);
t!(
    org_bracketed_party_and_abbreviation,
    "Det mener Kari Hansen (A) og Gjønnes-utvalget (GU) i dag.",
    [
        ("Kari Hansen", "per"),
        ("A", "org"),
        ("Gjønnes-utvalget", "org"),
        ("GU", "org")
    ]
);
t!(
    org_head_noun_with_its_seat,
    "Han er forsker ved Universitetet i Oslo nå.",
    [("Universitetet i Oslo", "org")]
);

t!(
    org_capitals_only_entry_needs_capitals_at_sentence_start,
    "Ta kontakt med oss. Det sa hun til TA i går.",
    [("TA", "org")]
);
t!(
    org_title_in_guillemets_is_a_work,
    "Hun spilte «FM» 2009 og «FM» i fjor med Kari Hansen.",
    [("Kari Hansen", "per")]
);
t!(
    org_acronym_spelled_like_a_function_word,
    "Svaret kom fra DA i går.",
    [("DA", "org")]
);

t!(
    org_genitive_after_role_is_no_organisation,
    "Hun ble statsminister i Nordlands første regjering.",
    []
);

t!(
    org_examples_after_plural_noun_and_som,
    "De kjemper mot grupper som Ansar Dine og Boko Haram i dag.",
    [("Ansar Dine", "org"), ("Boko Haram", "org")]
);

#[test]
fn regression_run_with_many_function_words_does_not_recurse() {
    // One sentence of 60,000 capitalised words: splitting the run at each "Det" must not
    // recurse once per split (a test thread has a small stack).
    let text = "Oslo Det ".repeat(30_000);
    let doc = EXTRACTOR.extract(&text);
    assert!(doc.entities.iter().all(|e| e.text == "Oslo"));
    assert!(!doc.entities.is_empty());
}

t!(
    org_brand_and_model_code_is_a_product,
    "Ved huset står en Volvo V60 fra Olympiatoppen.",
    [("Olympiatoppen", "org")]
);

// People.
t!(
    person_given_and_unknown_surname,
    "Det sier Kari Mydske i dag.",
    [("Kari Mydske", "per")]
);
t!(
    person_middle_and_double_surname,
    "Han møtte Jan Kårstein Eidem Løvaas.",
    [("Jan Kårstein Eidem Løvaas", "per")]
);
t!(
    person_initial,
    "Møtet ledes av Jan E. Melby i morgen.",
    [("Jan E. Melby", "per")]
);
t!(
    person_hyphenated_given_name,
    "Her er Anne-Grete Aambø med.",
    [("Anne-Grete Aambø", "per")]
);
t!(
    person_particle,
    "Dette sa Ursula von der Leyen.",
    [("Ursula von der Leyen", "per")]
);
t!(
    person_title_excluded,
    "Det mener statsminister Ola Nordmann.",
    [("Ola Nordmann", "per")]
);
t!(
    person_genitive_kept_in_span,
    "Det er Kari Hansens bil.",
    [("Kari Hansens", "per")]
);
t!(
    person_surname_after_full_name,
    "Jarle Aambø kom. Aambø gikk.",
    [("Jarle Aambø", "per"), ("Aambø", "per")]
);
t!(
    person_name_word_needs_a_surname,
    "Liv og lære. Liv Dingsør kom.",
    [("Liv Dingsør", "per")]
);
t!(
    person_sentence_start_without_evidence,
    "Bruker verktøyene aktivt.",
    []
);
t!(
    person_function_word_trimmed,
    "Også Eirik Andreassen kom.",
    [("Eirik Andreassen", "per")]
);
t!(
    person_unknown_after_cue_verb,
    "– Ja, sier Mydske.",
    [("Mydske", "per")]
);
t!(
    person_photo_credit,
    "Foto: Johnny Vaet / NewsLab",
    [("Johnny Vaet", "per"), ("NewsLab", "org")]
);

// Organisations and places.
t!(
    org_suffix_as,
    "Hun jobber i Lilleseth Kjetting AS nå.",
    [("Lilleseth Kjetting AS", "org")]
);
t!(
    org_kommune_after_place,
    "Han er ansatt i Verdal kommune.",
    [("Verdal kommune", "org")]
);
t!(
    org_prefix_nce,
    "Klyngen NCE Raufoss vokser.",
    [("NCE Raufoss", "org")]
);
t!(org_acronym, "Han ringte NRK i går.", [("NRK", "org")]);
t!(
    trap_sentence_initial_adjective_before_an_org_noun,
    "Ny kommune får nytt navn.",
    []
);
t!(
    org_unknown_name_and_org_noun_inside_a_sentence,
    "Han flyttet til Frosta kommune i fjor.",
    [("Frosta kommune", "org")]
);
t!(
    person_after_a_sentence_initial_title,
    "Partileder Ine Søreide reagerer.",
    [("Ine Søreide", "per")]
);
t!(
    person_of_three_words_after_a_title_with_a_known_name_part,
    "Det sa partileder Ine Berg Søreide i går.",
    [("Ine Berg Søreide", "per")]
);
t!(
    listed_org_with_a_number_after_the_capital,
    "Det sa han til TV 2 søndag.",
    [("TV 2", "org")]
);
t!(
    regression_listed_org_with_lower_case_words_after_the_capital,
    "Statistisk sentralbyrå melder at prisene økte.",
    [("Statistisk sentralbyrå", "org")]
);
t!(org_common_acronym_is_not, "Vi satser på IKT og IT.", []);
t!(
    org_camel_case,
    "Hun leder DigitalNorway og iKuben.",
    [("DigitalNorway", "org"), ("iKuben", "org")]
);
t!(
    org_genitive_lexicon,
    "Han leder Innovasjon Norges kontor.",
    [("Innovasjon Norges", "org")]
);
t!(
    org_genitive_head,
    "De signerte med Olympiatoppens Prestasjonsklynge.",
    [("Olympiatoppens Prestasjonsklynge", "org")]
);
t!(
    org_ends_in_place,
    "Partnere er Talent Norge og Media City Oslo.",
    [("Talent Norge", "org"), ("Media City Oslo", "org")]
);
t!(
    org_head_noun,
    "Det mener Forskningsrådet.",
    [("Forskningsrådet", "org")]
);
t!(
    org_suspended_compound,
    "Ordningen eies av Nærings- og fiskeridepartementet.",
    [("Nærings- og fiskeridepartementet", "org")]
);
t!(
    org_announced_by_noun,
    "Hun startet innovasjonsselskapet Protomor i fjor.",
    [("Protomor", "org")]
);
t!(
    org_list_with_known_org,
    "Partnerne er Olympiatoppen, Sivaro og Enovix.",
    [
        ("Olympiatoppen", "org"),
        ("Sivaro", "org"),
        ("Enovix", "org")
    ]
);
t!(
    org_connector,
    "Han leder Cluster for Applied AI nå.",
    [("Cluster for Applied AI", "org")]
);
t!(
    place_not_org_or_person,
    "Han bor i Molde og Oslo.",
    [("Molde", "place"), ("Oslo", "place")]
);
t!(
    place_street,
    "Kontoret ligger i Universitetsgata 2.",
    [("Universitetsgata", "place")]
);
t!(
    place_or_person_by_context,
    "Jan Vestre kom til Molde. Vestre sier ja.",
    [("Jan Vestre", "per"), ("Molde", "place"), ("Vestre", "per")]
);

// Roles are mentions too.
#[test]
fn roles_are_mentions() {
    let m = mentions("– Ja, sier Kari Hansen, daglig leder i Foo AS.", true);
    assert!(m.contains(&("daglig leder".to_string(), "role")), "{m:?}");
}

/// The people of `text` as (name, roles, organisations).
fn people(text: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
    let doc: Document = EXTRACTOR.extract(text);
    doc.people
        .into_iter()
        .map(|p| {
            let strings = |v: Vec<kilde::CompactString>| v.into_iter().map(String::from).collect();
            (p.name.into(), strings(p.roles), strings(p.organisations))
        })
        .collect()
}

macro_rules! link {
    ($name:ident, $text:expr, $person:expr, [$($role:expr),*], [$($org:expr),*]) => {
        #[test]
        fn $name() {
            let all = people($text);
            let Some(p) = all.iter().find(|p| p.0 == $person) else {
                panic!("{} not found in {:?}", $person, all);
            };
            let roles: Vec<&str> = vec![$($role),*];
            let orgs: Vec<&str> = vec![$($org),*];
            assert_eq!(p.1, roles, "roles of {} in {:?}", $person, $text);
            assert_eq!(p.2, orgs, "organisations of {} in {:?}", $person, $text);
        }
    };
}

link!(
    regression_name_to_a_medium_is_the_audience_not_an_affiliation,
    "– Vi er klare, sier Kari Hansen til E24.",
    "Kari Hansen",
    [],
    []
);
link!(
    link_name_role_in_org,
    "– Ja, sa Liv Dingsør, daglig leder i DigitalNorway.",
    "Liv Dingsør",
    ["daglig leder"],
    ["DigitalNorway"]
);
link!(
    link_role_name_in_org,
    "Daglig leder Finn Amundsen i det Molde-baserte innovasjonsselskapet ProtoMore kom.",
    "Finn Amundsen",
    ["daglig leder"],
    ["ProtoMore"]
);
link!(
    link_role_in_org_comma_name,
    "Det sier administrerende direktør i Smart Energy AS, Kjell Reidar Mydske.",
    "Kjell Reidar Mydske",
    ["administrerende direktør"],
    ["Smart Energy AS"]
);
link!(
    link_name_role_org_without_preposition,
    "Kjell Mydske, administrerende direktør Smart Innovation Norge.",
    "Kjell Mydske",
    ["administrerende direktør"],
    ["Smart Innovation Norge"]
);
link!(
    link_role_complement,
    "– Ja, sier Mona Skaret, direktør for vekstbedrifter og klynger.",
    "Mona Skaret",
    ["direktør for vekstbedrifter og klynger"],
    []
);
link!(
    link_role_for_org,
    "– Ja, sier Jarle Aambø, leder for Olympiatoppens Prestasjonsklynge.",
    "Jarle Aambø",
    ["leder"],
    ["Olympiatoppens Prestasjonsklynge"]
);
link!(
    link_party_in_brackets,
    "Forslaget kom fra Kari Hansen (H) i går. Høyre sa ja.",
    "Kari Hansen",
    [],
    ["Høyre"]
);
link!(
    link_name_from_party,
    "Forslaget kom fra Kari Hansen fra Høyre i går.",
    "Kari Hansen",
    [],
    ["Høyre"]
);
link!(
    link_coordinated_names_share_org,
    "Frode Bergan og Per Kleven i Devotek AS var vertskap.",
    "Frode Bergan",
    [],
    ["Devotek AS"]
);
link!(
    link_titled_name_keeps_own,
    "Statsminister Kari Hansen og Mona Skaret fra Innovasjon Norge kom.",
    "Kari Hansen",
    ["statsminister"],
    []
);
link!(
    link_caption_list,
    "Foran fra venstre: Kari Hansen, NRK, Ola Olsen, Innovasjon Norge.",
    "Ola Olsen",
    [],
    ["Innovasjon Norge"]
);
link!(
    link_gathered_over_text,
    "Kari Hansen i NRK kom. Senere sa Hansen, statsminister, nei.",
    "Kari Hansen",
    ["statsminister"],
    ["NRK"]
);

/// The person (canonical name) that the `nth` occurrence of `word` in `text` refers to.
fn person_of(text: &str, word: &str, nth: usize) -> Option<String> {
    let doc = Tokenizer::new().analyse(text);
    let gazetteer = match Gazetteer::new(&LEXICONS) {
        Ok(g) => g,
        Err(e) => panic!("gazetteer: {e}"),
    };
    let matches: Vec<GazetteerMatch> = gazetteer.find_iter(&doc).collect();
    let recognizer = EntityRecognizer::new(&LEXICONS);
    let mentions = recognizer.recognize(&doc, &matches);
    let c = coref::resolve_with(&doc, &mentions, &recognizer);
    let token = doc
        .tokens()
        .iter()
        .enumerate()
        .filter(|(_, t)| &text[t.span()] == word)
        .nth(nth)
        .map(|(i, _)| i)?;
    c.person_at(token).map(|p| c.people[p].name.to_string())
}

macro_rules! refers {
    ($name:ident, $text:expr, $word:expr, $nth:expr, $want:expr) => {
        #[test]
        fn $name() {
            let want: Option<&str> = $want;
            assert_eq!(
                person_of($text, $word, $nth).as_deref(),
                want,
                "{:?} #{} in {:?}",
                $word,
                $nth,
                $text
            );
        }
    };
}

refers!(
    coref_surname,
    "Eirik Andreassen kom. – Ja, sier Andreassen.",
    "Andreassen",
    1,
    Some("Eirik Andreassen")
);
refers!(
    coref_surname_before_full_name,
    "Andreassen kom tidlig. Eirik Andreassen sa ja.",
    "Andreassen",
    0,
    Some("Eirik Andreassen")
);
refers!(
    coref_any_token_of_name,
    "– Ja, sier Kjell Reidar Mydske.",
    "Reidar",
    0,
    Some("Kjell Reidar Mydske")
);
refers!(
    coref_canonical_is_fullest,
    "Kjell Mydske kom. Kjell Reidar Mydske gikk.",
    "Kjell",
    0,
    Some("Kjell Reidar Mydske")
);
refers!(
    coref_han_to_male,
    "Kari Hansen og Ola Olsen kom. Han sa ja.",
    "Han",
    0,
    Some("Ola Olsen")
);
refers!(
    coref_hun_skips_male,
    "Kari Hansen møtte Ola Olsen. Hun sa ja.",
    "Hun",
    0,
    Some("Kari Hansen")
);
refers!(
    coref_hun_without_female,
    "Ola Olsen kom. Hun sa ja.",
    "Hun",
    0,
    None
);
refers!(
    coref_role_noun,
    "Kari Hansen, daglig leder i NRK, kom. Ola Olsen var der. Lederen sa ja.",
    "Lederen",
    0,
    Some("Kari Hansen")
);
refers!(
    coref_role_noun_compound,
    "Det mener statsminister Kari Hansen. Ola Olsen er enig. Ministeren sa ja.",
    "Ministeren",
    0,
    Some("Kari Hansen")
);
refers!(
    coref_org_surname_by_context,
    "Jan Vestre i Vestre AS kom. – Ja, sier Vestre.",
    "Vestre",
    2,
    Some("Jan Vestre")
);

#[test]
fn person_with_role_finds_holder() {
    let text = "Det mener statsminister Kari Hansen. Ola Olsen, daglig leder i NRK, er enig.";
    let doc = Tokenizer::new().analyse(text);
    let recognizer = EntityRecognizer::new(&LEXICONS);
    let mentions = recognizer.recognize(&doc, &[]);
    let c = coref::resolve_with(&doc, &mentions, &recognizer);
    let p = c.person_with_role("statsminister", doc.tokens().len());
    assert_eq!(p.map(|p| c.people[p].name.as_str()), Some("Kari Hansen"));
    let p = c.person_with_role("leder", doc.tokens().len());
    assert_eq!(p.map(|p| c.people[p].name.as_str()), Some("Ola Olsen"));
}

#[test]
fn gender_from_lexicon_else_none() {
    let doc = EXTRACTOR.extract("Kari Hansen og Xyzzy Olsen kom.");
    let genders: Vec<_> = doc
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.gender))
        .collect();
    assert_eq!(
        genders,
        [
            ("Kari Hansen", Some(kilde::GenderRecord::Female)),
            ("Xyzzy Olsen", None)
        ]
    );
}

#[test]
fn entity_case_names_are_unique() {
    let src = include_str!("entities.rs");
    let mut names = std::collections::HashSet::new();
    for mac in ["\nt!(", "\nlink!(", "\nrefers!("] {
        for (at, _) in src.match_indices(mac) {
            let rest = src[at + mac.len()..].trim_start();
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            assert!(names.insert(name.clone()), "duplicate case name {name}");
        }
    }
    assert!(names.len() > 40);
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_sound(s in "\\PC{0,200}") {
        let doc = EXTRACTOR.extract(&s);
        for e in &doc.entities {
            prop_assert!(s.is_char_boundary(e.start) && s.is_char_boundary(e.end));
            prop_assert!(e.start < e.end);
        }
        for w in doc.entities.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
    }

    #[test]
    fn names_in_any_text_never_panic(
        words in proptest::collection::vec("(Kari|Hansen|han|hun|AS|NCE|i|,|og|\\(|\\)|Lederen|sier|Molde|[A-Z][a-zæøå]{1,6})", 0..40)
    ) {
        let s = words.join(" ");
        let doc = EXTRACTOR.extract(&s);
        for p in &doc.people {
            prop_assert!(!p.name.is_empty());
        }
    }
}

/// The bundled gold articles, scored with the embedded lexicons.
fn fixture_report() -> Report {
    let extractor = Extractor::new();
    let mut total = Report::default();
    for (name, text, gold) in [
        (
            "000",
            include_str!("fixtures/articles/000_daef0d3acb2eb511.txt"),
            include_str!("fixtures/gold/000_daef0d3acb2eb511.json"),
        ),
        (
            "001",
            include_str!("fixtures/articles/001_7876552d86531a97.txt"),
            include_str!("fixtures/gold/001_7876552d86531a97.json"),
        ),
        (
            "003",
            include_str!("fixtures/articles/003_f8aa208d7947fb4d.txt"),
            include_str!("fixtures/gold/003_f8aa208d7947fb4d.json"),
        ),
    ] {
        let gold: GoldArticle = match serde_json::from_str(gold) {
            Ok(g) => g,
            Err(e) => panic!("gold {name}: {e}"),
        };
        let doc = extractor.extract(text);
        total.add(&score(text, &doc, &gold));
    }
    total
}

#[test]
fn fixture_entities_f1() {
    let r = fixture_report();
    let errors: Vec<&String> = r.errors.iter().filter(|e| !e.contains("quote")).collect();
    for e in &errors {
        eprintln!("{e}");
    }
    for (name, c) in r.rows() {
        eprintln!(
            "{name:<22} P {:.3} R {:.3} F1 {:.3}",
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    // Floors just under what the embedded lexicons reach (see README "Entities").
    let floors = [
        ("people", r.people, 0.97),
        ("roles", r.roles, 0.97),
        ("person organisations", r.person_organisations, 0.97),
        ("organisations", r.organisations, 0.96),
    ];
    for (name, c, floor) in floors {
        assert!(
            c.f1() >= floor,
            "{name} F1 {:.3} < {floor}: {errors:#?}",
            c.f1()
        );
    }
}
