//! The Norwegian tokenizer rules, as tables of named cases. Examples come from real press text
//! (the articles under tests/fixtures/articles and the kind of text UD Norwegian Bokmål holds).
// The abbreviation cases need the embedded lexicon.
#![cfg(feature = "embedded-lexicons")]

use kilde::tokenize::{TokenFlags, TokenKind, Tokenizer};
use std::collections::HashSet;

/// One case: a name, an input, and what is expected of it.
struct Case {
    name: &'static str,
    input: &'static str,
    expect: Expect,
}

enum Expect {
    /// The surfaces of all tokens, in order.
    Tokens(&'static [&'static str]),
    /// The token with this surface (the first one) has this kind.
    Kind(&'static str, TokenKind),
    /// The token with this surface has these flags.
    Flags(&'static str, TokenFlags),
    /// The token with this surface lacks these flags.
    NotFlags(&'static str, TokenFlags),
    /// The sentences' surfaces, in order.
    Sentences(&'static [&'static str]),
}

macro_rules! t {
    ($name:ident, $input:expr, tokens: [$($tok:expr),* $(,)?]) => {
        Case { name: stringify!($name), input: $input, expect: Expect::Tokens(&[$($tok),*]) }
    };
    ($name:ident, $input:expr, kind: $surface:expr => $kind:ident) => {
        Case { name: stringify!($name), input: $input, expect: Expect::Kind($surface, TokenKind::$kind) }
    };
    ($name:ident, $input:expr, flags: $surface:expr => $($flag:ident)|+) => {
        Case {
            name: stringify!($name),
            input: $input,
            expect: Expect::Flags($surface, TokenFlags::empty()$(.union(TokenFlags::$flag))+),
        }
    };
    ($name:ident, $input:expr, not_flags: $surface:expr => $($flag:ident)|+) => {
        Case {
            name: stringify!($name),
            input: $input,
            expect: Expect::NotFlags($surface, TokenFlags::empty()$(.union(TokenFlags::$flag))+),
        }
    };
    ($name:ident, $input:expr, sentences: [$($s:expr),* $(,)?]) => {
        Case { name: stringify!($name), input: $input, expect: Expect::Sentences(&[$($s),*]) }
    };
}

const ABBREVIATIONS: &[Case] = &[
    t!(abbr_bla, "i bl.a. olje og gassnæringen", tokens: ["i", "bl.a.", "olje", "og", "gassnæringen"]),
    t!(glued_sentence_and_credit, "programmet på Kongsberg.Innovasjon Norge",
       tokens: ["programmet", "på", "Kongsberg", ".", "Innovasjon", "Norge"]),
    t!(glued_sentence_lower_case_end, "det nye programmet.Foto: NTB",
       tokens: ["det", "nye", "programmet", ".", "Foto", ":", "NTB"]),
    t!(glued_period_all_caps_part_stays, "bygget i ASP.NET i fjor", tokens: ["bygget", "i", "ASP.NET", "i", "fjor"]),
    t!(glued_period_domain_stays, "les mer på Dagbladet.no i dag", kind: "Dagbladet.no" => Url),
    t!(abbr_feks_kind, "for eksempel f.eks. Teams", kind: "f.eks." => Abbreviation),
    t!(abbr_kl_time, "Møtet er kl. 14.30 i dag.", tokens: ["Møtet", "er", "kl.", "14.30", "i", "dag", "."]),
    t!(abbr_adm_dir, "adm.dir. Liv Dingsør", tokens: ["adm.dir.", "Liv", "Dingsør"]),
    t!(abbr_tom, "t.o.m. fredag", tokens: ["t.o.m.", "fredag"]),
    t!(abbr_capitalised, "Ca. 40 deltok.", tokens: ["Ca.", "40", "deltok", "."]),
    t!(abbr_before_comma, "olje, gass mv., og mer", tokens: ["olje", ",", "gass", "mv.", ",", "og", "mer"]),
    t!(abbr_in_brackets, "(jf. loven)", tokens: ["(", "jf.", "loven", ")"]),
    t!(abbr_dotted_letters_unknown, "Øverland (f.v.) og", tokens: ["Øverland", "(", "f.v.", ")", "og"]),
    t!(abbr_st_not_end, "snøen på St. Hanshaugen i går.", sentences: ["snøen på St. Hanshaugen i går."]),
    t!(abbr_dr_not_end, "Han møtte dr. Hansen.", sentences: ["Han møtte dr. Hansen."]),
    t!(abbr_osv_final, "Epler, pærer osv. Så gikk vi.", sentences: ["Epler, pærer osv.", "Så gikk vi."]),
    t!(abbr_osv_final_lower, "epler, pærer osv. og mer", sentences: ["epler, pærer osv. og mer"]),
    t!(abbr_mrd_final, "Det koster 2,5 mrd. Pengene kommer.", sentences: ["Det koster 2,5 mrd.", "Pengene kommer."]),
    t!(abbr_word_not_abbr, "Vi var to. Det holdt.", tokens: ["Vi", "var", "to", ".", "Det", "holdt", "."]),
];

const ORDINALS_INITIALS: &[Case] = &[
    t!(ordinal_date, "den 17. mai", tokens: ["den", "17.", "mai"]),
    t!(ordinal_date_kind, "den 3. januar", kind: "3." => Ordinal),
    t!(ordinal_gang, "for 8. gang", tokens: ["for", "8.", "gang"]),
    t!(ordinal_glued, "en sterk 19.plass", tokens: ["en", "sterk", "19.", "plass"]),
    t!(ordinal_not_end, "Han kom på 5. plass i går.", sentences: ["Han kom på 5. plass i går."]),
    t!(number_sentence_final, "Det skjedde i 2005. Da var alt over.", tokens: ["Det", "skjedde", "i", "2005", ".", "Da", "var", "alt", "over", "."]),
    t!(number_sentence_final_splits, "Vi bor i nr. 24. Det er fint.", sentences: ["Vi bor i nr. 24.", "Det er fint."]),
    t!(initial_middle, "Jan E. Melby sier", tokens: ["Jan", "E.", "Melby", "sier"]),
    t!(initial_kind, "Knut S. Vikør skriver", kind: "S." => Initial),
    t!(initial_not_end, "Det sa Tore O. Sandvik i går.", sentences: ["Det sa Tore O. Sandvik i går."]),
    t!(initial_two, "J.R.R. Tolkien", kind: "J.R.R." => Initial),
    t!(capital_after_lowercase_ends, "Vi valgte plan B. Den virket.", sentences: ["Vi valgte plan B.", "Den virket."]),
];

const NUMBERS: &[Case] = &[
    t!(number_decimal, "3,5 prosent", tokens: ["3,5", "prosent"]),
    t!(number_percent, "50 % av dem", tokens: ["50", "%", "av", "dem"]),
    t!(number_time, "kl. 14.30", kind: "14.30" => Number),
    t!(number_clock_colon, "klokken 10:13 i dag", tokens: ["klokken", "10:13", "i", "dag"]),
    t!(number_billions, "2,5 mrd. kroner", tokens: ["2,5", "mrd.", "kroner"]),
    t!(number_year_range, "i 2015–2016 var", tokens: ["i", "2015", "–", "2016", "var"]),
    t!(number_score_splits, "vant 4-1 borte", tokens: ["vant", "4", "-", "1", "borte"]),
    t!(number_range_thousands, "skape 6.000-8.000 nye", tokens: ["skape", "6.000", "-", "8.000", "nye"]),
    t!(number_month_range, "26 juli-10 august", tokens: ["26", "juli", "-", "10", "august"]),
    t!(number_thousands_dot, "600.000 kroner", tokens: ["600.000", "kroner"]),
    t!(number_fraction, "i antologien «Respons 22/7»", tokens: ["i", "antologien", "«", "Respons", "22/7", "»"]),
    t!(digit_group_space, "10 000 kroner", tokens: ["10", "000", "kroner"]),
    t!(digit_group_flag, "10 000 kroner", flags: "000" => DIGIT_GROUP),
    t!(digit_group_not_glued, "10 000 kroner", not_flags: "000" => GLUED),
    t!(digit_group_nbsp, "33\u{a0}200 tilskuere", flags: "200" => DIGIT_GROUP),
    t!(digit_group_chain, "1 000 000 kroner", tokens: ["1", "000", "000", "kroner"]),
    t!(digit_group_not_year, "i 2015 200 personer", not_flags: "200" => DIGIT_GROUP),
    t!(digit_group_not_two, "de 3 20 siste", not_flags: "20" => DIGIT_GROUP),
    t!(negative_year, "I årene 1951 til -63 ble", tokens: ["I", "årene", "1951", "til", "-63", "ble"]),
];

const COMPOUNDS: &[Case] = &[
    t!(compound_halden, "Den Halden-baserte innovasjonsaktøren", tokens: ["Den", "Halden-baserte", "innovasjonsaktøren"]),
    t!(compound_teams, "av Teams-møter»:", tokens: ["av", "Teams-møter", "»", ":"]),
    t!(compound_space_name, "et nytt Innovasjon Norge-program.", tokens: ["et", "nytt", "Innovasjon", "Norge-program", "."]),
    t!(compound_digits, "på 1990-tallet", tokens: ["på", "1990-tallet"]),
    t!(compound_co2, "CO2-frie løsninger", tokens: ["CO2-frie", "løsninger"]),
    t!(compound_many, "berg-og-dal-bane", tokens: ["berg-og-dal-bane"]),
    t!(suspended_og, "fag- og sektorgrenser", tokens: ["fag-", "og", "sektorgrenser"]),
    t!(suspended_department, "Nærings- og fiskeridepartementet", tokens: ["Nærings-", "og", "fiskeridepartementet"]),
    t!(suspended_comma, "industri-, energi- og transportformål", tokens: ["industri-", ",", "energi-", "og", "transportformål"]),
    t!(suspended_digits, "på 1950- og 1960-tallet", tokens: ["på", "1950-", "og", "1960-tallet"]),
    t!(suspended_glued_og, "den felles utenriks-og sikkerhetspolitikk", tokens: ["den", "felles", "utenriks-", "og", "sikkerhetspolitikk"]),
    t!(suspended_kind, "kompetanse- og innovasjonsmiljøer", kind: "kompetanse-" => Word),
    t!(hyphen_not_suspended, "er norsk- går", tokens: ["er", "norsk", "-", "går"]),
    t!(quote_hyphen_word, "«Guitar Hero»-spillet var", tokens: ["«", "Guitar", "Hero", "»", "-spillet", "var"]),
    t!(apostrophe_inside, "Mulligan's bar", tokens: ["Mulligan's", "bar"]),
    t!(accent_as_apostrophe, "Denne Michea´l Martin", tokens: ["Denne", "Michea´l", "Martin"]),
];

const WEB: &[Case] = &[
    t!(bare_domain, "Kilde: prestasjonskultur.no", tokens: ["Kilde", ":", "prestasjonskultur.no"]),
    t!(bare_domain_kind, "Kilde: prestasjonskultur.no", kind: "prestasjonskultur.no" => Url),
    t!(domain_sentence_end, "Les mer på Dagbladet.no. Det er gratis.", tokens: ["Les", "mer", "på", "Dagbladet.no", ".", "Det", "er", "gratis", "."]),
    t!(url_scheme, "Se https://www.nrk.no/sport/a-1.2?x=1, sa han", tokens: ["Se", "https://www.nrk.no/sport/a-1.2?x=1", ",", "sa", "han"]),
    t!(url_in_brackets, "(www.vg.no)", tokens: ["(", "www.vg.no", ")"]),
    t!(url_path_no_scheme, "på nrk.no/sport.", tokens: ["på", "nrk.no/sport", "."]),
    t!(email, "Skriv til ola.nordmann@kilde-media.no.", tokens: ["Skriv", "til", "ola.nordmann@kilde-media.no", "."]),
    t!(email_kind, "post@nrk.no", kind: "post@nrk.no" => Email),
    t!(handle, "følg @NRKnyheter nå", tokens: ["følg", "@NRKnyheter", "nå"]),
    t!(handle_kind, "følg @NRKnyheter nå", kind: "@NRKnyheter" => Handle),
    t!(hashtag, "under #metoo-kampanjen", kind: "#metoo" => Hashtag),
];

const QUOTES: &[Case] = &[
    t!(guillemets, "som «viktig og godt»:", tokens: ["som", "«", "viktig", "og", "godt", "»", ":"]),
    t!(guillemet_open_kind, "«Hei»", kind: "«" => QuoteOpen),
    t!(guillemet_close_kind, "«Hei»", kind: "»" => QuoteClose),
    t!(straight_open, "programmet \"Klyngene\" hvor", kind: "\"" => QuoteOpen),
    t!(straight_mixed_close, "«Klyngene som omstillingsmotor\" vil", tokens: ["«", "Klyngene", "som", "omstillingsmotor", "\"", "vil"]),
    t!(straight_mixed_close_kind, "«Klyngene som omstillingsmotor\" vil", kind: "\"" => QuoteClose),
    t!(curly_english, "“Hei” sa hun", tokens: ["“", "Hei", "”", "sa", "hun"]),
    t!(curly_open_kind, "sa “Hei” til", kind: "“" => QuoteOpen),
    t!(low_nine_open, "„Ja“ sa han", kind: "„" => QuoteOpen),
    t!(low_nine_reversed_close, "„Ja“ sa han", kind: "“" => QuoteClose),
    t!(single_quotes, "et 'ja' fra", tokens: ["et", "'", "ja", "'", "fra"]),
    t!(single_angle, "‹Nei›", tokens: ["‹", "Nei", "›"]),
    t!(quote_dash_en, "– Vi er klare, sier hun.", kind: "–" => QuoteDash),
    t!(quote_dash_em, "— Vi er klare", kind: "—" => QuoteDash),
    t!(quote_dash_hyphen, "- Vi er klare", kind: "-" => QuoteDash),
    t!(quote_dash_glued, "–Vi er klare", tokens: ["–", "Vi", "er", "klare"]),
    t!(quote_dash_glued_kind, "–Vi er klare", kind: "–" => QuoteDash),
    t!(dash_in_sentence, "vi er et lag – og må", kind: "–" => Dash),
    t!(dash_second_paragraph, "Hei.\n– Ja, sier han.", tokens: ["Hei", ".", "–", "Ja", ",", "sier", "han", "."]),
    t!(dash_second_paragraph_kind, "Hei.\n– Ja, sier han.", kind: "–" => QuoteDash),
    t!(bullet, "  • Olympiatoppen har", kind: "•" => Bullet),
    t!(bullet_not_quote, "• Logg inn", tokens: ["•", "Logg", "inn"]),
    t!(star_bullet, "* Debatten om flyene", kind: "*" => Bullet),
];

const WHITESPACE: &[Case] = &[
    t!(nbsp_separates, "Liv\u{a0}Dingsør", tokens: ["Liv", "Dingsør"]),
    t!(thin_space, "a\u{2009}b\u{202f}c\u{3000}d", tokens: ["a", "b", "c", "d"]),
    t!(crlf, "Hei.\r\nHallo.\r\n", tokens: ["Hei", ".", "Hallo", "."]),
    t!(crlf_paragraphs, "Hei\r\nHallo\r\n", sentences: ["Hei", "Hallo"]),
    t!(ellipsis_dots, "og så ... kanskje", tokens: ["og", "så", "...", "kanskje"]),
    t!(ellipsis_char, "og så… kanskje", tokens: ["og", "så", "…", "kanskje"]),
    t!(emoji, "Bra 👍🏽!", tokens: ["Bra", "👍🏽", "!"]),
    t!(combining, "Rene\u{301}e kom", tokens: ["Rene\u{301}e", "kom"]),
    t!(section_signs, "(§§ 7-8)", tokens: ["(", "§§", "7", "-", "8", ")"]),
];

const SENTENCES: &[Case] = &[
    t!(sentence_basic, "Første setning. Andre setning! Tredje?", sentences: ["Første setning.", "Andre setning!", "Tredje?"]),
    t!(sentence_closing_quote, "«Det var grusomt.» Så gikk hun.", sentences: ["«Det var grusomt.»", "Så gikk hun."]),
    t!(sentence_closing_bracket, "(Det var grusomt.) Så gikk hun.", sentences: ["(Det var grusomt.)", "Så gikk hun."]),
    t!(sentence_straight_quote_opens, "Det er sant. \"Giske er reaksjonær,\" sier han.", sentences: ["Det er sant.", "\"Giske er reaksjonær,\" sier han."]),
    t!(sentence_question_lowercase, "– Hva nå? spør han.", sentences: ["– Hva nå? spør han."]),
    t!(sentence_dash_after, "Han sa det. – Vi er klare.", sentences: ["Han sa det.", "– Vi er klare."]),
    t!(sentence_digit_start, "Det var mange. 20 av dem kom.", sentences: ["Det var mange.", "20 av dem kom."]),
    t!(sentence_colon_capital, "Han sier: Det er klart.", sentences: ["Han sier:", "Det er klart."]),
    t!(sentence_colon_quote, "Hun sa: «Vi kommer.»", sentences: ["Hun sa:", "«Vi kommer.»"]),
    t!(sentence_colon_dash, "sa Djuvik: - Jeg sjekker.", sentences: ["sa Djuvik:", "- Jeg sjekker."]),
    t!(sentence_colon_lower, "med ett mål: å få dem fri.", sentences: ["med ett mål: å få dem fri."]),
    t!(sentence_colon_in_title, "«Guitar Hero: World Tour» er bra.", sentences: ["«Guitar Hero: World Tour» er bra."]),
    t!(sentence_colon_quote_lower, "meddommeren som: «ønsket å tro»", sentences: ["meddommeren som: «ønsket å tro»"]),
    t!(sentence_ellipsis, "Vi får se... Kanskje.", sentences: ["Vi får se...", "Kanskje."]),
    t!(sentence_heading, "Ikke «bygd mot by» – men «bygd i by»\nDet er målet.", sentences: ["Ikke «bygd mot by» – men «bygd i by»", "Det er målet."]),
    t!(sentence_line_break, "uten punktum\nNeste linje", sentences: ["uten punktum", "Neste linje"]),
    t!(sentence_blank_line, "Én.\n\nTo.", sentences: ["Én.", "To."]),
    t!(sentence_ntb, "sier Tore O. Sandvik. ( NTB )", sentences: ["sier Tore O. Sandvik.", "( NTB )"]),
    t!(sentence_bullets, "Punkt:\n• Først\n• Så", sentences: ["Punkt:", "• Først", "• Så"]),
    t!(sentence_url_end, "Les mer på nrk.no. Det er gratis.", sentences: ["Les mer på nrk.no.", "Det er gratis."]),
];

const FLAGS: &[Case] = &[
    t!(flag_capitalised, "sier Liv Dingsør", flags: "Liv" => CAPITALISED),
    t!(flag_all_caps, "daglig leder i NRK", flags: "NRK" => CAPITALISED | ALL_CAPS),
    t!(flag_single_capital_not_all_caps, "plan B nå", not_flags: "B" => ALL_CAPS),
    t!(flag_sentence_start, "Hei. Hallo", flags: "Hallo" => SENTENCE_START),
    t!(flag_paragraph_start, "Hei.\nHallo", flags: "Hallo" => PARAGRAPH_START | SENTENCE_START),
    t!(flag_paragraph_end, "Hei.\nHallo", flags: "." => PARAGRAPH_END | SENTENCE_END),
    t!(flag_glued, "Hei.", flags: "." => GLUED),
    t!(flag_not_glued, "Hei .", not_flags: "." => GLUED),
];

const ALL: &[(&str, &[Case])] = &[
    ("abbreviations", ABBREVIATIONS),
    ("ordinals_initials", ORDINALS_INITIALS),
    ("numbers", NUMBERS),
    ("compounds", COMPOUNDS),
    ("web", WEB),
    ("quotes", QUOTES),
    ("whitespace", WHITESPACE),
    ("sentences", SENTENCES),
    ("flags", FLAGS),
];

/// Runs a table; collects every failure so one run shows them all.
fn run(table: &[Case]) {
    let tokenizer = Tokenizer::new();
    let mut failures = Vec::new();
    for case in table {
        let doc = tokenizer.analyse(case.input);
        let text = case.input;
        let surfaces: Vec<&str> = doc.tokens().iter().map(|t| t.text(text)).collect();
        let find = |surface: &str| doc.tokens().iter().find(|t| t.text(text) == surface);
        let ok = match &case.expect {
            Expect::Tokens(want) => surfaces == *want,
            Expect::Kind(surface, kind) => find(surface).is_some_and(|t| t.kind() == *kind),
            Expect::Flags(surface, flags) => {
                find(surface).is_some_and(|t| t.flags().contains(*flags))
            }
            Expect::NotFlags(surface, flags) => find(surface)
                .is_some_and(|t| !t.flags().contains(*flags) && (*flags != TokenFlags::empty())),
            Expect::Sentences(want) => {
                let got: Vec<&str> = doc.sentence_spans().map(|s| &text[s]).collect();
                got == *want
            }
        };
        if !ok {
            let kinds: Vec<String> = doc
                .tokens()
                .iter()
                .map(|t| format!("{}:{:?}:{:?}", t.text(text), t.kind(), t.flags()))
                .collect();
            let sentences: Vec<&str> = doc.sentence_spans().map(|s| &text[s]).collect();
            failures.push(format!(
                "{}: {:?}\n  tokens {kinds:?}\n  sentences {sentences:?}",
                case.name, text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn abbreviations() {
    run(ABBREVIATIONS);
}

#[test]
fn ordinals_and_initials() {
    run(ORDINALS_INITIALS);
}

#[test]
fn numbers() {
    run(NUMBERS);
}

#[test]
fn compounds() {
    run(COMPOUNDS);
}

#[test]
fn urls_emails_handles() {
    run(WEB);
}

#[test]
fn quotes_and_dashes() {
    run(QUOTES);
}

#[test]
fn whitespace_and_symbols() {
    run(WHITESPACE);
}

#[test]
fn sentences() {
    run(SENTENCES);
}

#[test]
fn flags() {
    run(FLAGS);
}

#[test]
fn case_names_are_unique() {
    let mut seen = HashSet::new();
    for (table, cases) in ALL {
        for case in *cases {
            assert!(
                seen.insert(case.name),
                "duplicate case name {} in {table}",
                case.name
            );
        }
    }
}

#[test]
fn abbreviation_lexicon_is_what_the_tokenizer_uses() {
    // The abbreviations come from lexicons/abbreviations.txt, not from code: a tokenizer
    // without them splits the period off.
    let bare = Tokenizer::with_abbreviations(Default::default());
    let text = "i bl.a. olje";
    let surfaces: Vec<&str> = bare.tokenize(text).map(|t| t.text(text)).collect();
    assert_eq!(surfaces, ["i", "bl.a", ".", "olje"]);
    assert!(Tokenizer::new().abbreviations().len() > 100);
}

#[test]
fn fixture_articles_keep_quote_dashes_and_bullets_apart() {
    let tokenizer = Tokenizer::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
    let mut dashes = 0;
    let mut bullets = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("utf-8");
        for t in tokenizer.tokenize(&text) {
            match t.kind() {
                TokenKind::QuoteDash => {
                    dashes += 1;
                    assert!(t.is(TokenFlags::PARAGRAPH_START), "{:?}", t);
                }
                TokenKind::Bullet => bullets += 1,
                _ => {}
            }
        }
    }
    assert!(
        dashes >= 3 && bullets >= 5,
        "{dashes} quote dashes, {bullets} bullets"
    );
}
