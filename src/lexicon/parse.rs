//! Parsing lexicon text into entries, with line-numbered errors.

use super::{
    CueVerb, Gender, GivenName, LexiconKind, LexiconSet, OrgWordPosition, Organisation,
    OrganisationWord, Place,
};
use crate::error::{Error, Result};

/// Parses `text` as a `kind` lexicon into `set`; on error `set` is left unchanged.
pub(crate) fn parse_into(
    set: &mut LexiconSet,
    kind: LexiconKind,
    source: &str,
    text: &str,
) -> Result<()> {
    let mut staged = LexiconSet::default();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        // A fixed array instead of a Vec per line: parsing is on the cold-start path.
        let mut fields = [""; MAX_FIELDS];
        let mut n_fields = 0;
        for f in line.split('\t') {
            if let Some(slot) = fields.get_mut(n_fields) {
                *slot = f;
            }
            n_fields += 1;
        }
        let err = |msg: String| Error::lexicon(source, line_no, msg);
        for (i, f) in fields.iter().take(n_fields).enumerate() {
            if f.trim() != *f {
                return Err(err(format!(
                    "field {} {f:?} has leading or trailing whitespace",
                    i + 1
                )));
            }
        }
        let form = fields[0];
        if form.is_empty() {
            return Err(err("empty first field".to_string()));
        }
        let (min, max) = columns(kind);
        if n_fields < min || n_fields > max {
            return Err(err(if min == max {
                format!("expected {min} tab-separated fields, found {n_fields}")
            } else {
                format!("expected {min} to {max} tab-separated fields, found {n_fields}")
            }));
        }
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        match kind {
            LexiconKind::Abbreviations => {
                let can_end = match field(1) {
                    "" => false,
                    "final" => true,
                    other => {
                        return Err(err(format!(
                            "unknown abbreviation class {other:?} (expected final or nothing)"
                        )));
                    }
                };
                if !form.ends_with('.') {
                    return Err(err(format!(
                        "abbreviation {form:?} does not end in a period"
                    )));
                }
                staged.abbreviations.insert(form, can_end);
            }
            LexiconKind::GivenNames => {
                let gender = match field(1) {
                    "m" => Some(Gender::Male),
                    "f" => Some(Gender::Female),
                    "u" => None,
                    other => {
                        return Err(err(format!(
                            "unknown gender {other:?} (expected m, f or u)"
                        )));
                    }
                };
                staged.given_names.push(GivenName {
                    name: form.to_string(),
                    gender,
                });
            }
            LexiconKind::Surnames => staged.surnames.push(form.to_string()),
            LexiconKind::Organisations => staged.organisations.push(Organisation {
                name: form.to_string(),
                category: field(1).to_string(),
                aliases: field(2)
                    .split('|')
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect(),
            }),
            LexiconKind::OrganisationWords => {
                let position = match field(1) {
                    "suffix" => OrgWordPosition::Suffix,
                    "prefix" => OrgWordPosition::Prefix,
                    "head" => OrgWordPosition::Head,
                    other => {
                        return Err(err(format!(
                            "unknown position {other:?} (expected suffix, prefix or head)"
                        )));
                    }
                };
                staged.organisation_words.push(OrganisationWord {
                    word: form.to_string(),
                    position,
                });
            }
            LexiconKind::Roles => staged.roles.push(form.to_string()),
            LexiconKind::RoleHeads => staged.role_heads.push(form.to_string()),
            LexiconKind::Places => staged.places.push(Place {
                name: form.to_string(),
                category: field(1).to_string(),
            }),
            LexiconKind::CueVerbs => staged.cue_verbs.push(CueVerb {
                form: form.to_string(),
                lemma: field(1).to_string(),
            }),
            LexiconKind::NameWords => staged.name_words.push(form.to_string()),
        }
    }
    merge(set, staged);
    Ok(())
}

/// The most fields any kind has; more are counted for the error but not kept.
const MAX_FIELDS: usize = 3;

/// How many tab-separated fields a line of `kind` has: (min, max).
fn columns(kind: LexiconKind) -> (usize, usize) {
    match kind {
        LexiconKind::Abbreviations => (1, 2),
        LexiconKind::GivenNames => (2, 2),
        LexiconKind::Surnames | LexiconKind::Roles | LexiconKind::RoleHeads => (1, 1),
        LexiconKind::NameWords => (1, 1),
        LexiconKind::Organisations => (2, 3),
        LexiconKind::OrganisationWords | LexiconKind::Places | LexiconKind::CueVerbs => (2, 2),
    }
}

fn merge(set: &mut LexiconSet, staged: LexiconSet) {
    for form in staged.abbreviations.iter() {
        let can_end = staged.abbreviations.ends_sentence(form);
        set.abbreviations.insert(form, can_end);
    }
    set.given_names.extend(staged.given_names);
    set.surnames.extend(staged.surnames);
    set.organisations.extend(staged.organisations);
    set.organisation_words.extend(staged.organisation_words);
    set.roles.extend(staged.roles);
    set.role_heads.extend(staged.role_heads);
    set.places.extend(staged.places);
    set.cue_verbs.extend(staged.cue_verbs);
    set.name_words.extend(staged.name_words);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_source_and_line() {
        let mut set = LexiconSet::default();
        let e = parse_into(
            &mut set,
            LexiconKind::Places,
            "p.tsv",
            "# c\nOslo\tkommune\nMolde\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.tsv:3: expected 2 tab-separated fields, found 1"
        );
        assert!(set.places.is_empty(), "nothing is added on error");
    }

    #[test]
    fn abbreviation_classes() {
        let mut set = LexiconSet::default();
        parse_into(
            &mut set,
            LexiconKind::Abbreviations,
            "a",
            "osv.\tfinal\nkl.\n",
        )
        .unwrap();
        assert!(set.abbreviations.ends_sentence("osv."));
        assert!(set.abbreviations.contains("kl.") && !set.abbreviations.ends_sentence("kl."));
        let e = parse_into(&mut set, LexiconKind::Abbreviations, "a", "kl\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "a:1: abbreviation \"kl\" does not end in a period"
        );
    }
}
