//! Quotes on the gold fixtures (tests/fixtures) and one table per mechanism, with made-up
//! sentences in the style of press text.

use kilde::eval::{GoldArticle, Report, score};
use kilde::{Document, Extractor, QuoteKind};
use std::path::Path;

mod common;

/// Scores every fixture article against its gold file.
fn fixtures_report() -> Report {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(dir.join("gold"))
        .expect("tests/fixtures/gold")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no gold fixtures");
    let extractor = Extractor::new();
    let mut total = Report::default();
    for gold_path in names {
        let gold: GoldArticle =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold file"))
                .expect("gold json");
        let stem = gold_path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let text = std::fs::read_to_string(dir.join("articles").join(format!("{stem}.txt")))
            .expect("article");
        let doc = extractor.extract(&text);
        total.add(&score(&text, &doc, &gold));
    }
    total
}

#[test]
fn fixtures_quotes_and_speakers_reach_their_targets() {
    let r = fixtures_report();
    for e in r.errors.iter().filter(|e| e.contains("quote")) {
        println!("{e}");
    }
    let (q, s) = (r.quotes, r.quote_speakers);
    println!(
        "quotes: P {:.3} R {:.3} F1 {:.3} ({:?}); quote+speaker: P {:.3} R {:.3} F1 {:.3} ({:?})",
        q.precision(),
        q.recall(),
        q.f1(),
        q,
        s.precision(),
        s.recall(),
        s.f1(),
        s
    );
    assert!(q.f1() >= 0.97, "quote detection F1 {:.3} < 0.97", q.f1());
    assert!(s.f1() >= 0.95, "quote+speaker F1 {:.3} < 0.95", s.f1());
}

/// One made-up case: the text and every quote expected in it, as (quoted words, kind,
/// speaker).
struct Case {
    name: &'static str,
    text: &'static str,
    quotes: &'static [(&'static str, QuoteKind, Option<&'static str>)],
}

macro_rules! t {
    ($name:ident, $text:expr, [$(($q:expr, $kind:ident, $speaker:expr)),* $(,)?]) => {
        Case {
            name: stringify!($name),
            text: $text,
            quotes: &[$(($q, QuoteKind::$kind, $speaker)),*],
        }
    };
}

const NAMED: Option<&str> = None;

const CASES: &[Case] = &[
    // Direct quotes after a dash, to the attribution or the paragraph's end.
    t!(
        dash_cue_then_name_and_role,
        "– Vi har ventet lenge på dette, sier Kari Nordmann, daglig leder i Fjordkraft.",
        [(
            "Vi har ventet lenge på dette",
            Direct,
            Some("Kari Nordmann")
        )]
    ),
    t!(
        dash_several_sentences_are_one_quote,
        "– Det var en tøff vinter. Nå ser vi lyset igjen, sa Per Olsen.",
        [(
            "Det var en tøff vinter. Nå ser vi lyset igjen",
            Direct,
            Some("Per Olsen")
        )]
    ),
    t!(
        dash_hyphen_minus,
        "  - Vi gjør dette for kundene, sier Per Olsen.",
        [("Vi gjør dette for kundene", Direct, Some("Per Olsen"))]
    ),
    t!(
        dash_question_with_cue_keeps_its_mark,
        "– Hvem skal betale for dette? spør Per Olsen.",
        [("Hvem skal betale for dette?", Direct, Some("Per Olsen"))]
    ),
    t!(
        dash_surname_gives_the_full_name,
        "– Vi er klare, sier Per Olsen.\n\n– Det blir en lang høst, sier Olsen.",
        [
            ("Vi er klare", Direct, Some("Per Olsen")),
            ("Det blir en lang høst", Direct, Some("Per Olsen"))
        ]
    ),
    t!(
        dash_pronoun_gives_the_last_person,
        "– Vi er klare, sier Ingrid Berg i Havbruk AS.\n\n– Det blir en lang høst, sier hun.",
        [
            ("Vi er klare", Direct, Some("Ingrid Berg")),
            ("Det blir en lang høst", Direct, Some("Ingrid Berg"))
        ]
    ),
    t!(
        dash_role_and_organisation_before_the_name,
        "– Vi må tenke nytt, kommenterer nyvalgt styreleder i Havbruk AS, Eva Lien.",
        [("Vi må tenke nytt", Direct, Some("Eva Lien"))]
    ),
    t!(
        dash_role_before_the_name,
        "– Dette er en god dag, sa fiskeriminister Ola Berg under møtet på Hamar.",
        [("Dette er en god dag", Direct, Some("Ola Berg"))]
    ),
    t!(
        dash_continuation_inherits,
        "– Vi er klare, sier Per Olsen.\n\n– Nå venter vi bare på været.",
        [
            ("Vi er klare", Direct, Some("Per Olsen")),
            ("Nå venter vi bare på været.", Direct, Some("Per Olsen"))
        ]
    ),
    t!(
        dash_fortsetter_hands_over,
        "– Vi er klare, sier han og fortsetter:\n\n– Nå venter vi bare på været.",
        [
            ("Vi er klare", Direct, NAMED),
            ("Nå venter vi bare på været.", Direct, NAMED)
        ]
    ),
    t!(
        dash_continuation_after_a_newcomer,
        "– Vi er klare, sier Per Olsen.\n\nDaglig leder Kari Lien i Havbruk AS er enig.\n\n\
         – Nå venter vi bare på været.",
        [
            ("Vi er klare", Direct, Some("Per Olsen")),
            ("Nå venter vi bare på været.", Direct, Some("Kari Lien"))
        ]
    ),
    t!(
        cataphora_det_sier,
        "– Dette er den beste nyheten på lenge.\n\nDet sier daglig leder Eva Lien i Havbruk \
         AS til avisen.",
        [(
            "Dette er den beste nyheten på lenge.",
            Direct,
            Some("Eva Lien")
        )]
    ),
    t!(
        introduction_det_sier_x_seg_enig_i,
        "– Vi er klare, sier Per Olsen.\n\nDet sier Eva Lien i Havbruk AS seg helt enig i:\n\n\
         – Vi må samarbeide mer.",
        [
            ("Vi er klare", Direct, Some("Per Olsen")),
            ("Vi må samarbeide mer.", Direct, Some("Eva Lien"))
        ]
    ),
    t!(
        role_noun_resolves_to_the_person,
        "– Vi er klare, sier Eva Lien, leder i Havbruk AS.\n\nOmsetningen steg i fjor.\n\n\
         – Nå venter vi på været, sier klyngelederen.",
        [
            ("Vi er klare", Direct, Some("Eva Lien")),
            ("Nå venter vi på været", Direct, Some("Eva Lien"))
        ]
    ),
    // Quotation marks.
    t!(
        guillemets_then_cue,
        "«Vi kommer til å klare dette», sier Tone Dahl.",
        [("Vi kommer til å klare dette", Direct, Some("Tone Dahl"))]
    ),
    t!(
        guillemets_after_cue_and_colon,
        "Tone Dahl sier det slik: «Vi kommer til å klare dette sammen.»",
        [(
            "Vi kommer til å klare dette sammen.",
            Direct,
            Some("Tone Dahl")
        )]
    ),
    t!(
        curly_marks,
        "“Dette er en viktig dag for oss”, sa Arne Moe.",
        [("Dette er en viktig dag for oss", Direct, Some("Arne Moe"))]
    ),
    t!(
        straight_marks,
        "\"Dette er en viktig dag for oss\", sa Arne Moe.",
        [("Dette er en viktig dag for oss", Direct, Some("Arne Moe"))]
    ),
    t!(
        nested_marks_stay_inside,
        "«Vi var rett og slett «fanget av systemet» i mange år», sier Arne Moe.",
        [(
            "Vi var rett og slett «fanget av systemet» i mange år",
            Direct,
            Some("Arne Moe")
        )]
    ),
    t!(
        name_colon_dash,
        "Arne Moe: – Vi gir oss ikke nå.",
        [("Vi gir oss ikke nå.", Direct, Some("Arne Moe"))]
    ),
    t!(
        headline_quote_takes_the_speaker_of_the_body,
        "– Vi gir oss aldri\n\nFiskerne i nord protesterer.\n\n– Vi gir oss aldri, og det vet \
         de, sier Arne Moe.",
        [
            ("Vi gir oss aldri", Direct, Some("Arne Moe")),
            ("Vi gir oss aldri, og det vet de", Direct, Some("Arne Moe"))
        ]
    ),
    // Indirect quotes.
    t!(
        indirect_sier_at,
        "Kari Nordmann sier at selskapet vil ansette flere i år.",
        [(
            "selskapet vil ansette flere i år",
            Indirect,
            Some("Kari Nordmann")
        )]
    ),
    t!(
        indirect_pronoun,
        "– Vi er klare, sier Kari Nordmann.\n\nHun forteller at salget har økt kraftig.",
        [
            ("Vi er klare", Direct, Some("Kari Nordmann")),
            ("salget har økt kraftig", Indirect, Some("Kari Nordmann"))
        ]
    ),
    t!(
        indirect_til_nrk_sier_x_at,
        "Til NRK sier Kari Nordmann at hun er skuffet over vedtaket.",
        [(
            "hun er skuffet over vedtaket",
            Indirect,
            Some("Kari Nordmann")
        )]
    ),
    t!(
        indirect_mener_and_hevder,
        "Ola Berg mener at skatten bør ned. Eva Lien hevder at tallene er feil.",
        [
            ("skatten bør ned", Indirect, Some("Ola Berg")),
            ("tallene er feil", Indirect, Some("Eva Lien"))
        ]
    ),
    t!(
        indirect_ifolge,
        "Ifølge SSB steg prisene med fire prosent i fjor.",
        [(
            "steg prisene med fire prosent i fjor",
            Indirect,
            Some("SSB")
        )]
    ),
    t!(
        indirect_ifolge_at_the_end,
        "Prisene steg med fire prosent i fjor, ifølge Eva Lien.",
        [(
            "Prisene steg med fire prosent i fjor",
            Indirect,
            Some("Eva Lien")
        )]
    ),
    t!(
        indirect_iflg_abbreviation_at_the_end,
        "Prisene steg med fire prosent i fjor, iflg. Eva Lien.",
        [(
            "Prisene steg med fire prosent i fjor",
            Indirect,
            Some("Eva Lien")
        )]
    ),
    t!(
        indirect_iflg_abbreviation_opening_the_sentence,
        "Iflg. Eva Lien steg prisene med fire prosent i fjor.",
        [(
            "steg prisene med fire prosent i fjor",
            Indirect,
            Some("Eva Lien")
        )]
    ),
    t!(
        reported_paragraph_ending_in_cue_and_colon,
        "Prisene kommer til å stige videre neste år, påpeker Ola Berg:\n\n– Vi ser det \
         allerede i butikkene.",
        [
            (
                "Prisene kommer til å stige videre neste år",
                Indirect,
                Some("Ola Berg")
            ),
            ("Vi ser det allerede i butikkene.", Direct, Some("Ola Berg"))
        ]
    ),
    // Mixed.
    t!(
        mixed_fragment_with_speaker,
        "Ola Berg kaller forslaget «et skritt i riktig retning».",
        [("et skritt i riktig retning", Mixed, Some("Ola Berg"))]
    ),
    // Sources that are not people.
    t!(
        organisation_as_source,
        "– Arbeidsledigheten er på vei ned, skriver NAV i en pressemelding.",
        [("Arbeidsledigheten er på vei ned", Direct, Some("NAV"))]
    ),
    t!(
        organisation_in_heter_det,
        "– Maten kan inneholde bakterier, heter det i en pressemelding fra Mattilsynet.",
        [("Maten kan inneholde bakterier", Direct, Some("Mattilsynet"))]
    ),
    t!(
        unnamed_source,
        "– Ledelsen visste om problemet, sier en kilde i selskapet.",
        [("Ledelsen visste om problemet", Direct, None)]
    ),
    // Traps: nothing here is a quote.
    t!(
        trap_title_in_marks,
        "Regjeringen lanserte «Grønt skifte i nord» i går.",
        []
    ),
    t!(
        trap_scare_quotes,
        "Det såkalte «grønne skiftet» koster mye penger.",
        []
    ),
    t!(
        trap_journalist_question,
        "– Ble du redd?\n\n– Ja, jeg ble veldig redd, sier Ola Berg.",
        [("Ja, jeg ble veldig redd", Direct, Some("Ola Berg"))]
    ),
    t!(
        trap_crosshead_with_dash,
        "– Nye tider\n\nBedriften har vokst kraftig.\n\n– Vi har aldri hatt det bedre, sier \
         Ola Berg.",
        [("Vi har aldri hatt det bedre", Direct, Some("Ola Berg"))]
    ),
    t!(
        trap_bullets,
        "• Fire av ti sier at de er fornøyde.\n• Resten sier at de vil bytte.",
        []
    ),
    t!(
        trap_unbalanced_mark_stays_in_its_paragraph,
        "Rapporten «Veien videre ble lagt fram i går.\n\n– Vi er fornøyde, sier Eva Lien.",
        [("Vi er fornøyde", Direct, Some("Eva Lien"))]
    ),
    t!(
        trap_first_person_cue_is_inside_the_quote,
        "– Dette mener jeg er feil, og det har jeg sagt lenge, sier Eva Lien.",
        [(
            "Dette mener jeg er feil, og det har jeg sagt lenge",
            Direct,
            Some("Eva Lien")
        )]
    ),
    t!(
        role_noun_then_name,
        "– Vi er klare, sier lederen Kari Nordmann.",
        [("Vi er klare", Direct, Some("Kari Nordmann"))]
    ),
    t!(
        name_cue_colon_dash,
        "Kari Nordmann sier det slik: – Vi gir oss ikke.",
        [("Vi gir oss ikke.", Direct, Some("Kari Nordmann"))]
    ),
    t!(
        dash_then_det_sier_in_the_same_paragraph,
        "– Vi gir oss ikke. Det sier Kari Nordmann til avisen.",
        [("Vi gir oss ikke.", Direct, Some("Kari Nordmann"))]
    ),
    t!(
        marks_second_sentence_after_the_attribution,
        "«Vi er klare», sier Arne Moe, «men vi trenger mer hjelp nå.»",
        [
            ("Vi er klare", Direct, Some("Arne Moe")),
            ("men vi trenger mer hjelp nå.", Direct, Some("Arne Moe"))
        ]
    ),
    t!(
        indirect_ifolge_lowercase_organisation,
        "Ifølge politiet er dette helt avgjørende for saken.",
        [(
            "er dette helt avgjørende for saken",
            Indirect,
            Some("politiet")
        )]
    ),
    t!(
        trap_ifolge_a_document,
        "Ifølge planen skal bygget stå ferdig om to år.",
        []
    ),
    t!(
        indirect_ifolge_genitive_institution,
        "Ifølge Statens vegvesen vil trafikken øke med femten prosent.",
        [(
            "vil trafikken øke med femten prosent",
            Indirect,
            Some("Statens vegvesen")
        )]
    ),
    t!(
        plural_pronoun_is_unnamed,
        "– Vi er lei av dette, sier de til avisen.",
        [("Vi er lei av dette", Direct, None)]
    ),
    t!(
        indirect_name_with_parenthesis,
        "Ordfører Knut Hagen (Ap) mener at kommunen har gjort alt riktig.",
        [(
            "kommunen har gjort alt riktig",
            Indirect,
            Some("Knut Hagen")
        )]
    ),
    t!(
        source_named_by_a_common_noun,
        "– Vi etterforsker saken, sier politiet til avisen.",
        [("Vi etterforsker saken", Direct, Some("politiet"))]
    ),
    t!(
        anonymous_source_noun,
        "– Ledelsen visste alt, sier kilden.",
        [("Ledelsen visste alt", Direct, None)]
    ),
    t!(
        continuation_ignores_names_in_passing,
        "– Vi er klare, sier Kari Nordmann.\n\nHun fikk støtte av Per Olsen i fjor.\n\n\
         – Nå venter vi bare på været.",
        [
            ("Vi er klare", Direct, Some("Kari Nordmann")),
            ("Nå venter vi bare på været.", Direct, Some("Kari Nordmann"))
        ]
    ),
    t!(
        speaker_question_continues_the_quote,
        "– Vi har ventet i årevis, sier Ola Berg.\n\n– Hvor lenge skal innbyggerne i \
         kommunen egentlig vente på en ny vei?",
        [
            ("Vi har ventet i årevis", Direct, Some("Ola Berg")),
            (
                "Hvor lenge skal innbyggerne i kommunen egentlig vente på en ny vei?",
                Direct,
                Some("Ola Berg")
            )
        ]
    ),
    t!(
        trap_det_sier_seg_selv,
        "Det sier seg selv at dette blir dyrt.",
        []
    ),
    t!(
        trap_first_person_reporting_is_not_attributed,
        "Vi mener at dette er feil vei å gå.",
        []
    ),
    t!(
        trap_quantifier_subject_is_no_source,
        "Mange tror at prisene vil falle i år.",
        []
    ),
    t!(
        trap_ifolge_inside_the_quoted_words,
        "– Vi skal, ifølge planen, bygge to nye skoler, sier Knut Hagen.",
        [(
            "Vi skal, ifølge planen, bygge to nye skoler",
            Direct,
            Some("Knut Hagen")
        )]
    ),
    t!(
        trap_long_interview_question,
        "– Du har ledet selskapet i over ti år, og nå går du av. Hva er du mest stolt av når du \
         ser tilbake på tiden din?\n\n– Jeg er stolt av de ansatte, sier Ola Berg.",
        [("Jeg er stolt av de ansatte", Direct, Some("Ola Berg"))]
    ),
    t!(
        first_quote_takes_the_person_the_lead_introduced,
        "Konsernsjef Kari Lien i Havbruk AS er fornøyd med året.\n\n– Vi har aldri solgt mer.",
        [("Vi har aldri solgt mer.", Direct, Some("Kari Lien"))]
    ),
    t!(
        trap_title_after_a_colon,
        "Ordfører Kari Lien åpnet møtet.\n\nLes også: «Slik blir den nye skolen»",
        []
    ),
    t!(
        role_noun_without_a_holder_is_not_the_last_person,
        "Ordfører Kari Lien ledet møtet.\n\nRådmannen mener at to skoler bør slås sammen.",
        [("to skoler bør slås sammen", Indirect, Some("Rådmannen"))]
    ),
    t!(
        regression_cue_to_a_medium_names_the_audience,
        "Ordfører Per Olsen (Ap) i Bergen sier til NRK at kommunen vil gjøre mer.",
        [("kommunen vil gjøre mer", Indirect, Some("Per Olsen"))]
    ),
    t!(
        regression_subject_before_a_place_after_the_name,
        "Sjeføkonom Kari Lien i DNB Markets mener at renten må opp.",
        [("renten må opp", Indirect, Some("Kari Lien"))]
    ),
    t!(
        regression_according_to_a_listed_organisation_with_lower_case_words,
        "Ifølge Statistisk sentralbyrå økte prisene med 3,1 prosent i fjor.",
        [(
            "økte prisene med 3,1 prosent i fjor",
            Indirect,
            Some("Statistisk sentralbyrå")
        )]
    ),
    t!(
        regression_subject_between_commas_after_its_role,
        "Daglig leder i Havbruk AS, Kari Lien, sier i en pressemelding at hun er fornøyd med \
         året.",
        [("hun er fornøyd med året", Indirect, Some("Kari Lien"))]
    ),
    t!(
        indirect_sentence_before_det_and_a_cue,
        "Brannvesenet har ikke funnet årsaken. Det opplyser vakthavende brannsjef Kari Lien.",
        [(
            "Brannvesenet har ikke funnet årsaken",
            Indirect,
            Some("Kari Lien")
        )]
    ),
    t!(
        trap_det_and_a_cue_without_a_speaker,
        "Bedriften har vokst kraftig i år. Det sier seg selv.",
        []
    ),
    t!(
        indirect_without_at_after_a_verb_of_thinking,
        "Kari Lien er leder i Havbruk AS.\n\nHun mener politikerne har sviktet næringen.",
        [(
            "politikerne har sviktet næringen",
            Indirect,
            Some("Kari Lien")
        )]
    ),
    t!(
        trap_verb_of_thinking_with_an_object_is_no_quote,
        "Kari Lien sier det samme som i fjor.\n\nPer Olsen mener det.",
        []
    ),
    t!(
        no_quote_at_all,
        "Bedriften har vokst kraftig det siste året.",
        []
    ),
];

fn describe(text: &str, doc: &Document) -> Vec<(String, QuoteKind, Option<String>)> {
    doc.quotes
        .iter()
        .map(|q| {
            assert_eq!(q.text, text[q.start..q.end], "text and span disagree");
            (
                q.text.clone(),
                q.kind,
                q.speaker.as_ref().map(|s| s.to_string()),
            )
        })
        .collect()
}

#[test]
fn mechanisms() {
    let extractor = Extractor::new();
    let mut failures = Vec::new();
    for case in CASES {
        let doc = extractor.extract(case.text);
        let got = describe(case.text, &doc);
        let want: Vec<_> = case
            .quotes
            .iter()
            .map(|&(q, k, s)| (q.to_string(), k, s.map(str::to_string)))
            .collect();
        if got != want {
            failures.push(format!("{}:\n  want {want:?}\n  got  {got:?}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn case_names_are_unique() {
    common::assert_unique_names(CASES.iter().map(|c| c.name));
}

#[test]
fn quotes_never_cross_a_paragraph() {
    let text = "Han kalte det «en skandale og en\n\nskam», sa Per Olsen.\n\n«Vi er klare";
    let doc = Extractor::new().extract(text);
    for q in &doc.quotes {
        assert!(!text[q.start..q.end].contains("\n\n"), "{q:?}");
    }
}

#[test]
fn confidence_ranks_the_evidence() {
    let text = "– Vi er klare, sier Per Olsen.\n\n– Nå venter vi bare på været.";
    let doc = Extractor::new().extract(text);
    assert_eq!(doc.quotes.len(), 2);
    assert!(doc.quotes[0].confidence > doc.quotes[1].confidence);
    assert!(
        doc.quotes
            .iter()
            .all(|q| (0.0..=1.0).contains(&q.confidence))
    );
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_are_char_aligned(
        text in "[A-Za-zæøåÆØÅ ,.:?!–«»“”\"\n-]{0,200}"
    ) {
        let doc = Extractor::new().extract(&text);
        for q in &doc.quotes {
            proptest::prop_assert!(text.get(q.start..q.end).is_some());
            proptest::prop_assert!((0.0..=1.0).contains(&q.confidence));
        }
    }
}
