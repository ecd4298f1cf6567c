//! Definite and plural forms of Bokmål role nouns, generated from the base form.
//!
//! Role titles are listed in their base form ("direktør", "daglig leder"); press text uses the
//! definite and plural forms as well ("direktøren", "lederne", "rådmenn"). Only the last word
//! inflects. Generating a form that Bokmål does not use ("ministere" beside "ministre") costs one
//! key that never matches, so both variants are generated where usage varies.

use super::Inflection;

/// The inflected forms of the lower-case noun `word`, with their inflection. Empty for words
/// that are not plain lower-case letters (acronyms such as "CEO" do not inflect this way).
pub(crate) fn inflections(word: &str) -> Vec<(String, Inflection)> {
    let mut out = Vec::new();
    if word.chars().count() < 2 || !word.chars().all(|c| c.is_alphabetic() && c.is_lowercase()) {
        return out;
    }
    let mut add = |s: String, i: Inflection| out.push((s, i));
    if let Some(stem) = word.strip_suffix("mann") {
        add(format!("{word}en"), Inflection::Definite);
        add(format!("{stem}menn"), Inflection::Plural);
        add(format!("{stem}mennene"), Inflection::DefinitePlural);
    } else if let Some(stem) = word.strip_suffix("er") {
        add(format!("{word}en"), Inflection::Definite);
        add(format!("{word}e"), Inflection::Plural);
        add(format!("{word}ne"), Inflection::DefinitePlural);
        // minister -> ministre, ministrene
        add(format!("{stem}re"), Inflection::Plural);
        add(format!("{stem}rene"), Inflection::DefinitePlural);
    } else if word.ends_with('e') {
        add(format!("{word}n"), Inflection::Definite);
        add(format!("{word}r"), Inflection::Plural);
        add(format!("{word}ne"), Inflection::DefinitePlural);
    } else {
        add(format!("{word}en"), Inflection::Definite);
        add(format!("{word}er"), Inflection::Plural);
        add(format!("{word}ene"), Inflection::DefinitePlural);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(word: &str) -> Vec<String> {
        inflections(word).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn role_nouns_inflect() {
        assert_eq!(
            forms("direktør"),
            ["direktøren", "direktører", "direktørene"]
        );
        assert!(forms("leder").contains(&"lederen".to_string()));
        assert!(forms("leder").contains(&"lederne".to_string()));
        assert!(forms("minister").contains(&"ministre".to_string()));
        assert_eq!(forms("rådmann"), ["rådmannen", "rådmenn", "rådmennene"]);
        assert!(forms("CEO").is_empty());
        assert!(forms("ceo-er").is_empty());
    }
}
