//! Attribution: who said each quote. The speaker is named next to the cue verb (after it,
//! "sier Liv Dingsør"; or before it, "Mydske sier"), introduced before the quote ("Det sier X
//! seg enig i:", "... påpeker X:"), named after it ("Det sier ROLLE NAVN i ORG"), or carried
//! over from the quote before. Names, pronouns and role nouns go through the coreference
//! clusters; where those have no answer, a small register of the names seen in speaker
//! positions gives the fullest form of a surname and the antecedent of "han"/"hun".

use super::FoundQuote;
use super::cue::{
    CueVerbs, is_capitalised, is_cataphoric, is_indefinite, is_preposition, is_pronoun, is_punct,
    is_speaker_of_quote, is_word, lower,
};
use super::detect::{Candidate, Form, sentence_end, sentence_start};
use crate::coref::{Coreference, PersonId};
use crate::document::QuoteKind;
use crate::lexicon::{Gender, LexiconSet};
use crate::tokenize::{TokenFlags, Tokenized};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Longest run of capitalised words read as one name.
const MAX_NAME: usize = 5;
/// How far after a cue a role phrase may run before the name ("sa næringsminister NAVN").
const MAX_ROLE_PHRASE: usize = 10;

/// Who said something.
#[derive(Clone, Debug, PartialEq)]
enum Who {
    /// A person, with the coref cluster when there is one.
    Person { id: Option<PersonId>, name: String },
    /// An organisation or another named source that is not a person.
    Source(String),
    /// Said to be someone, but not named ("en kilde").
    Unnamed,
}

impl Who {
    fn name(&self) -> Option<&str> {
        match self {
            Who::Person { name, .. } | Who::Source(name) => Some(name),
            Who::Unnamed => None,
        }
    }
}

/// What the words next to a cue point at, before resolution.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    /// A capitalised run that is a name.
    Name(Range<usize>),
    /// A run after a preposition ("fra Mattilsynet"): a source, not a person.
    Source(Range<usize>),
    /// "han", "hun" or a definite role noun ("klyngelederen").
    Anaphor(usize),
    /// "en kilde".
    Unnamed,
}

/// How the speaker was found: the first part of the confidence.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Evidence {
    /// Cue and name together.
    Named,
    /// Cue with a pronoun, surname or role noun, resolved.
    Resolved,
    /// Introduced before the quote or named after it.
    Introduced,
    /// Carried over from the quote before.
    Carried,
    /// Nothing.
    None,
}

fn confidence(kind: QuoteKind, form: Form, evidence: Evidence) -> f32 {
    let base: f32 = match evidence {
        Evidence::Named => 0.95,
        Evidence::Resolved => 0.85,
        Evidence::Introduced => 0.8,
        Evidence::Carried => 0.7,
        Evidence::None => 0.4,
    };
    let shape: f32 = match (kind, form) {
        (_, Form::Headline) => 0.6,
        (QuoteKind::Mixed, _) => 0.7,
        (QuoteKind::Indirect, _) => 0.9,
        _ => 1.0,
    };
    base * shape
}

/// The names of the text that stand for people, grouped by surname, with the positions where
/// they are mentioned. Only used where coreference has no answer.
#[derive(Debug, Default)]
struct Register {
    /// Surname key (lower case) to the fullest name.
    full: HashMap<String, String>,
    /// (token, surname key) for every mention of a person outside quotes, in text order.
    mentions: Vec<(usize, String)>,
}

/// Attributes every candidate, in text order.
pub(crate) fn attribute(
    doc: &Tokenized<'_>,
    coref: &Coreference,
    lexicons: &LexiconSet,
    cues: &CueVerbs,
    candidates: Vec<Candidate>,
) -> Vec<FoundQuote> {
    let quoted = quoted_mask(doc, &candidates);
    let ctx = Context {
        doc,
        coref,
        lexicons,
        cues,
        register: Register::default(),
        quoted,
        capitalised_inside: capitalised_inside(doc),
    };
    let register = ctx.build_register();
    let ctx = Context { register, ..ctx };

    let mut out: Vec<(Candidate, FoundQuote)> = Vec::new();
    let mut last: Option<(usize, Option<Who>)> = None; // (end token, speaker) of the last quote
    for c in candidates {
        let (who, evidence) = ctx.speaker(&c, &last);
        if matches!(c.form, Form::Fragment | Form::Reported) && who.is_none() {
            // Scare quotes and titles: quoted words nobody in the sentence says; "Det sier seg
            // selv at": a cue with no one saying anything.
            continue;
        }
        if c.form != Form::Headline {
            last = Some((c.tokens.end, who.clone()));
        }
        let found = FoundQuote {
            span: c.span(doc),
            kind: c.kind,
            person: match &who {
                Some(Who::Person { id, .. }) => *id,
                _ => None,
            },
            speaker_name: who.as_ref().and_then(|w| w.name().map(str::to_string)),
            cue: c.cue.clone().map(|r| doc.span_of(r)),
            confidence: confidence(c.kind, c.form, evidence),
        };
        out.push((c, found));
    }
    resolve_headlines(doc, out)
}

/// A dash heading is a quote when a later quote repeats its words; it takes that quote's
/// speaker. Otherwise it is a crosshead and dropped.
fn resolve_headlines(doc: &Tokenized<'_>, quotes: Vec<(Candidate, FoundQuote)>) -> Vec<FoundQuote> {
    let words_of = |r: Range<usize>| -> Vec<String> {
        r.filter(|&i| is_word(doc, i))
            .map(|i| lower(doc, i))
            .collect()
    };
    let mut out = Vec::with_capacity(quotes.len());
    for (k, (c, q)) in quotes.iter().enumerate() {
        if c.form != Form::Headline {
            out.push(q.clone());
            continue;
        }
        let heading = words_of(c.tokens.clone());
        let source = quotes.iter().skip(k + 1).find(|(later, _)| {
            later.form != Form::Headline && {
                let body: HashSet<String> = words_of(later.tokens.clone()).into_iter().collect();
                heading.iter().all(|w| body.contains(w))
            }
        });
        if let Some((_, later)) = source {
            out.push(FoundQuote {
                person: later.person,
                speaker_name: later.speaker_name.clone(),
                ..q.clone()
            });
        }
    }
    out
}

/// Words written capitalised somewhere other than at the start of a sentence: "Kjell" in
/// "sier Kjell Reidar Mydske", which makes the sentence-initial "Kjell" a name too.
fn capitalised_inside(doc: &Tokenized<'_>) -> HashSet<String> {
    (0..doc.tokens().len())
        .filter(|&i| {
            is_capitalised(doc, i)
                && !doc
                    .tokens()
                    .get(i)
                    .is_some_and(|t| t.is(TokenFlags::SENTENCE_START))
        })
        .map(|i| doc.token_text(i).to_string())
        .collect()
}

/// True for every token inside a quote or inside quotation marks.
fn quoted_mask(doc: &Tokenized<'_>, candidates: &[Candidate]) -> Vec<bool> {
    let mut mask = vec![false; doc.tokens().len()];
    for c in candidates {
        for i in c.tokens.clone() {
            if let Some(m) = mask.get_mut(i) {
                *m = true;
            }
        }
    }
    for p in doc.paragraphs() {
        for (open, close) in super::detect::mark_pairs(doc, p.clone()) {
            for i in open..close.unwrap_or(p.end) {
                if let Some(m) = mask.get_mut(i) {
                    *m = true;
                }
            }
        }
    }
    mask
}

struct Context<'a, 't> {
    doc: &'a Tokenized<'t>,
    coref: &'a Coreference,
    lexicons: &'a LexiconSet,
    cues: &'a CueVerbs,
    register: Register,
    quoted: Vec<bool>,
    /// Words written capitalised somewhere other than at the start of a sentence.
    capitalised_inside: HashSet<String>,
}

impl Context<'_, '_> {
    fn quoted(&self, i: usize) -> bool {
        self.quoted.get(i).copied().unwrap_or(false)
    }

    /// The speaker of candidate `c`, given the last quote's end and speaker.
    fn speaker(
        &self,
        c: &Candidate,
        last: &Option<(usize, Option<Who>)>,
    ) -> (Option<Who>, Evidence) {
        if let Some(cue) = &c.cue {
            if let Some(t) = self.target(cue.clone(), c.zone.clone()) {
                let evidence = match t {
                    Target::Name(ref r) if r.len() > 1 => Evidence::Named,
                    _ => Evidence::Resolved,
                };
                return (self.resolve(&t), evidence);
            }
        } else if c.form == Form::Colon && !c.zone.is_empty() {
            // "Navn: – Sitat"
            let t = Target::Name(c.zone.clone());
            return (self.resolve(&t), Evidence::Named);
        }
        match c.form {
            // Reported speech names its speaker or is not reported speech.
            Form::Reported => (None, Evidence::None),
            Form::Fragment => {
                let who = self.subject(c.zone.clone(), c.tokens.clone());
                (who, Evidence::Resolved)
            }
            Form::Headline => (None, Evidence::None),
            _ => self.continuation(c, last),
        }
    }

    /// A quote paragraph without its own attribution.
    fn continuation(
        &self,
        c: &Candidate,
        last: &Option<(usize, Option<Who>)>,
    ) -> (Option<Who>, Evidence) {
        let doc = self.doc;
        // Introduced by the paragraph before, which ends in a colon.
        if let Some(prev) = c
            .paragraph
            .checked_sub(1)
            .and_then(|p| doc.paragraphs().get(p))
            && prev.end > prev.start
            && is_punct(doc, prev.end - 1, ":")
            && let Some(who) = self.introduction(prev.clone())
        {
            return (Some(who), Evidence::Introduced);
        }
        // Named after it: "Det sier ROLLE NAVN i ORG."
        if let Some(next) = doc.paragraphs().get(c.paragraph + 1)
            && is_word(doc, next.start)
            && is_cataphoric(&lower(doc, next.start))
            && let Some(cue) = self.cues.at(doc, next.start + 1)
            && let Some(t) = self.target(cue, next.start + 1..sentence_end(doc, next.start))
        {
            return (self.resolve(&t), Evidence::Introduced);
        }
        let Some((end, who)) = last else {
            return (None, Evidence::None);
        };
        // Someone new named in the narrative since the last quote takes over.
        // Compared by surname: coreference and the register may spell the name differently.
        let surname = |name: &str| name.split_whitespace().last().map(str::to_lowercase);
        let last_surname = who.as_ref().and_then(Who::name).and_then(surname);
        let newcomer = self
            .register
            .mentions
            .iter()
            .filter(|(i, _)| *end <= *i && *i < c.tokens.start)
            .filter_map(|(_, key)| self.register.full.get(key))
            .rfind(|name| surname(name) != last_surname);
        if let Some(name) = newcomer {
            return (
                Some(Who::Person {
                    id: None,
                    name: name.clone(),
                }),
                Evidence::Introduced,
            );
        }
        (who.clone(), Evidence::Carried)
    }

    /// The speaker a narrative paragraph ending in a colon introduces: the one its cue names,
    /// or the first person its last sentence names.
    fn introduction(&self, para: Range<usize>) -> Option<Who> {
        let last_sentence = sentence_start(self.doc, para.end - 1).max(para.start)..para.end;
        let cued = last_sentence
            .clone()
            .filter(|&i| !self.quoted(i))
            .find_map(|i| self.cues.at(self.doc, i))
            .and_then(|cue| self.target(cue, last_sentence.clone()))
            .and_then(|t| self.resolve(&t));
        cued.or_else(|| self.subject(last_sentence, 0..0))
    }

    /// The first person named (or referred to by a pronoun) in `zone`, outside `skip`.
    fn subject(&self, zone: Range<usize>, skip: Range<usize>) -> Option<Who> {
        let doc = self.doc;
        let mut i = zone.start;
        while i < zone.end {
            if skip.contains(&i) || self.quoted(i) {
                i += 1;
                continue;
            }
            if is_word(doc, i) && is_pronoun(&lower(doc, i)) {
                return self.resolve(&Target::Anaphor(i));
            }
            if is_capitalised(doc, i) {
                let run = self.run_from(i, zone.end);
                if self.is_person_run(run.clone()) {
                    return self.resolve(&Target::Name(run));
                }
                i = run.end.max(i + 1);
                continue;
            }
            i += 1;
        }
        None
    }

    /// What the words around `cue`, within `zone`, name as its speaker.
    fn target(&self, cue: Range<usize>, zone: Range<usize>) -> Option<Target> {
        let doc = self.doc;
        let end = zone.end;
        // Right after the cue: "sier Liv Dingsør", "sier han", "sier en kilde".
        let k = cue.end;
        if k < end && is_word(doc, k) {
            let w = lower(doc, k);
            if is_speaker_of_quote(&w) {
                return None;
            }
            if self.is_role_noun(&w) && k + 1 < end && is_capitalised(doc, k + 1) {
                // "sier lederen Kari Hansen": the name follows its role.
                return Some(Target::Name(self.run_from(k + 1, end)));
            }
            if is_pronoun(&w) || self.is_role_noun(&w) {
                return Some(Target::Anaphor(k));
            }
            if w == "de" {
                return Some(Target::Unnamed);
            }
            if is_capitalised(doc, k) {
                return Some(Target::Name(self.run_from(k, end)));
            }
            if is_indefinite(&w) {
                return Some(Target::Unnamed);
            }
        }
        // Right before it: "Mydske sier", "Han forteller", "klyngelederen mener".
        if let Some(j) = cue.start.checked_sub(1)
            && j >= zone.start
            && is_word(doc, j)
            && !doc
                .tokens()
                .get(cue.start)
                .is_some_and(|t| t.is(TokenFlags::SENTENCE_START))
        {
            let w = lower(doc, j);
            if is_speaker_of_quote(&w) {
                return None;
            }
            if is_pronoun(&w) || self.is_role_noun(&w) {
                return Some(Target::Anaphor(j));
            }
            if is_capitalised(doc, j) {
                let run = self.run_to(j + 1, zone.start);
                if !run.is_empty() && !is_cataphoric(&lower(doc, run.start)) {
                    // A lone sentence-initial word that is no name elsewhere is a noun
                    // ("Regjeringen mener at"): a source, not a person.
                    if run.len() == 1 && !self.is_known_name(run.start) {
                        return Some(Target::Source(run));
                    }
                    return Some(Target::Name(run));
                }
            }
        }
        // After a role phrase: "sa næringsminister Monica Mæland", "kommenterer ny direktør i
        // X, NAVN"; a run after a preposition is a source only if nothing better follows.
        let mut source = None;
        let mut i = k;
        let limit = (k + MAX_ROLE_PHRASE).min(end);
        while i < limit {
            if is_punct(doc, i, ".") || is_punct(doc, i, ":") || lower(doc, i) == "at" {
                break;
            }
            if is_capitalised(doc, i) {
                let run = self.run_from(i, end);
                let before = if i > 0 && is_word(doc, i - 1) {
                    lower(doc, i - 1)
                } else {
                    String::new()
                };
                if !is_preposition(&before) {
                    return Some(Target::Name(run));
                }
                // "sier til NRK" names the audience, "fra Mattilsynet" the source.
                if before != "til" {
                    source.get_or_insert(Target::Source(run.clone()));
                }
                i = run.end;
                continue;
            }
            i += 1;
        }
        // "ifølge produktivitetskommisjonen": the whole zone is the source.
        let according = matches!(lower(doc, cue.start).as_str(), "ifølge" | "i" | "iflg.");
        if source.is_none() && according && is_word(doc, cue.end) && cue.end < end {
            return Some(Target::Source(cue.end..cue.end + 1));
        }
        source
    }

    /// A maximal run of capitalised words from `i`, before `end`, within one sentence.
    fn run_from(&self, i: usize, end: usize) -> Range<usize> {
        let doc = self.doc;
        let mut j = i;
        while j < end
            && j - i < MAX_NAME
            && is_capitalised(doc, j)
            && (j == i
                || !doc
                    .tokens()
                    .get(j)
                    .is_some_and(|t| t.is(TokenFlags::SENTENCE_START)))
        {
            j += 1;
        }
        i..j
    }

    /// A maximal run of capitalised words ending before `end`, not before `start`.
    fn run_to(&self, end: usize, start: usize) -> Range<usize> {
        let doc = self.doc;
        let mut i = end;
        while i > start && end - i < MAX_NAME && is_capitalised(doc, i - 1) {
            i -= 1;
            if doc
                .tokens()
                .get(i)
                .is_some_and(|t| t.is(TokenFlags::SENTENCE_START))
            {
                break;
            }
        }
        self.without_initial_word(i..end)
    }

    /// `run` without a sentence-initial first word that is capitalised only because it starts
    /// the sentence ("Også Eirik Andreassen"): one that is not written capitalised elsewhere,
    /// is not a given name, and leaves a name of two words.
    fn without_initial_word(&self, run: Range<usize>) -> Range<usize> {
        let doc = self.doc;
        let initial = doc
            .tokens()
            .get(run.start)
            .is_some_and(|t| t.is(TokenFlags::SENTENCE_START));
        let word = doc.token_text(run.start);
        if initial
            && run.len() > 2
            && !self.capitalised_inside.contains(word)
            && !self.is_given_name(word)
        {
            run.start + 1..run.end
        } else {
            run
        }
    }

    /// A definite role noun ("klyngelederen", "direktøren") built on a role head.
    fn is_role_noun(&self, w: &str) -> bool {
        let stem = w
            .strip_suffix("en")
            .or_else(|| w.strip_suffix('a'))
            .or_else(|| w.strip_suffix('n'));
        let Some(stem) = stem else { return false };
        self.lexicons.role_heads().iter().any(|h| {
            h.len() >= 4 && (stem.ends_with(h.as_str()) || stem.ends_with(&format!("{h}e")))
        })
    }

    /// True when the run names a person the register knows, or starts with a given name.
    fn is_person_run(&self, run: Range<usize>) -> bool {
        if run.is_empty() {
            return false;
        }
        if run.clone().any(|t| self.coref.person_at(t).is_some()) {
            return true;
        }
        let key = lower(self.doc, run.end - 1);
        self.register.full.contains_key(&key)
            || self.is_given_name(self.doc.token_text(run.start)) && run.len() > 1
    }

    /// True when the word at token `i` is a name by more than its capital: written capitalised
    /// inside a sentence somewhere, a given name or surname of the lexicons, or a person's
    /// mention for coreference.
    fn is_known_name(&self, i: usize) -> bool {
        let w = self.doc.token_text(i);
        let sentence_initial = self
            .doc
            .tokens()
            .get(i)
            .is_some_and(|t| t.is(TokenFlags::SENTENCE_START));
        !sentence_initial
            || self.capitalised_inside.contains(w)
            || self.is_given_name(w)
            || self.lexicons.surnames().iter().any(|s| s == w)
            || self.coref.person_at(i).is_some()
    }

    fn is_given_name(&self, w: &str) -> bool {
        self.lexicons.given_names().iter().any(|g| g.name == w)
    }

    fn gender_of(&self, name: &str) -> Option<Gender> {
        let first = name.split_whitespace().next()?;
        self.lexicons
            .given_names()
            .iter()
            .find(|g| g.name == first)
            .and_then(|g| g.gender)
    }

    /// Turns a target into a speaker: coreference first, then the register.
    fn resolve(&self, t: &Target) -> Option<Who> {
        let doc = self.doc;
        let from_coref = |range: Range<usize>| {
            range.into_iter().find_map(|i| {
                let id = self.coref.person_at(i)?;
                let name = self.coref.people.get(id)?.name.clone();
                Some(Who::Person { id: Some(id), name })
            })
        };
        match t {
            Target::Unnamed => Some(Who::Unnamed),
            Target::Source(r) => Some(Who::Source(self.surface(r.clone()))),
            Target::Name(r) => {
                if let Some(w) = from_coref(r.clone()) {
                    return Some(w);
                }
                if r.is_empty() {
                    return None;
                }
                let key = lower(doc, r.end - 1);
                let name = self
                    .register
                    .full
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| self.surface(r.clone()));
                if self.looks_like_organisation(r.clone()) {
                    return Some(Who::Source(name));
                }
                Some(Who::Person { id: None, name })
            }
            Target::Anaphor(i) => {
                if let Some(w) = from_coref(*i..*i + 1) {
                    return Some(w);
                }
                // The last person named before the anaphor, outside quotes, of the pronoun's
                // gender when the given-name lexicon knows it.
                let want = match lower(doc, *i).as_str() {
                    "han" => Some(Gender::Male),
                    "hun" => Some(Gender::Female),
                    _ => None,
                };
                let mut fallback = None;
                for (_, key) in self.register.mentions.iter().rev().filter(|(m, _)| m < i) {
                    let Some(name) = self.register.full.get(key) else {
                        continue;
                    };
                    let g = self.gender_of(name);
                    if want.is_none() || g.is_none() || g == want {
                        return Some(Who::Person {
                            id: None,
                            name: name.clone(),
                        });
                    }
                    fallback.get_or_insert_with(|| name.clone());
                }
                fallback.map(|name| Who::Person { id: None, name })
            }
        }
    }

    fn surface(&self, r: Range<usize>) -> String {
        let span = self.doc.span_of(r);
        self.doc.text().get(span.range()).unwrap_or("").to_string()
    }

    /// An all-caps word ("SSB", "NRK"), a known organisation or a run ending in an
    /// organisation word ("AS", "kommune").
    fn looks_like_organisation(&self, r: Range<usize>) -> bool {
        let doc = self.doc;
        let text = self.surface(r.clone());
        (r.len() == 1
            && doc
                .tokens()
                .get(r.start)
                .is_some_and(|t| t.is(TokenFlags::ALL_CAPS)))
            || self
                .lexicons
                .organisations()
                .iter()
                .any(|o| o.name == text || o.aliases.contains(&text))
            || self
                .lexicons
                .organisation_words()
                .iter()
                .any(|w| w.word == doc.token_text(r.end - 1))
    }

    /// Finds the people of the text from where they are named: capitalised runs next to cue
    /// verbs, and runs that share their surname or start with a given name.
    fn build_register(&self) -> Register {
        let doc = self.doc;
        let n = doc.tokens().len();
        // Runs outside quotes; a sentence-initial word joins a name only if it is written
        // capitalised elsewhere too ("Kjell" but not "Også").
        let mut capitalised_inside: HashSet<String> = HashSet::new();
        for i in 0..n {
            if is_capitalised(doc, i)
                && !doc
                    .tokens()
                    .get(i)
                    .is_some_and(|t| t.is(TokenFlags::SENTENCE_START))
            {
                capitalised_inside.insert(doc.token_text(i).to_string());
            }
        }
        let mut runs: Vec<Range<usize>> = Vec::new();
        let mut i = 0;
        while i < n {
            if self.quoted(i) || !is_capitalised(doc, i) {
                i += 1;
                continue;
            }
            let mut run = self.run_from(i, n);
            while run.start < run.end && self.quoted(run.end - 1) {
                run.end -= 1;
            }
            let initial = doc
                .tokens()
                .get(i)
                .is_some_and(|t| t.is(TokenFlags::SENTENCE_START));
            if initial
                && !capitalised_inside.contains(doc.token_text(i))
                && !self.is_given_name(doc.token_text(i))
            {
                run.start += 1;
            }
            if !run.is_empty() {
                runs.push(run.clone());
            }
            i = run.end.max(i + 1);
        }
        // Names next to a cue are people (unless they look like organisations).
        let mut speakers: HashSet<String> = HashSet::new();
        let mut speaker_runs: HashSet<Range<usize>> = HashSet::new();
        for i in 0..n {
            if self.quoted(i) {
                continue;
            }
            let Some(cue) = self.cues.at(doc, i) else {
                continue;
            };
            let zone = sentence_start(doc, i)..sentence_end(doc, i);
            if let Some(Target::Name(r)) = self.target(cue, zone)
                && !r.is_empty()
                && !self.looks_like_organisation(r.clone())
            {
                speakers.insert(lower(doc, r.end - 1));
                speaker_runs.insert(r);
            }
        }
        // A name in a speaker position counts as written there, sentence-initial or not.
        for r in &speaker_runs {
            if !runs.contains(r) {
                runs.push(r.clone());
            }
        }
        runs.sort_by_key(|r| (r.start, r.end));
        let mut reg = Register::default();
        // The fullest name: the longest run in a speaker position if it has a given name and a
        // surname, else the longest run ("Statsråd Monica Mæland" loses to "sa statsråd Monica
        // Mæland").
        let mut best: HashMap<String, (bool, usize, String)> = HashMap::new();
        for run in runs {
            let key = lower(doc, run.end - 1);
            let person = speakers.contains(&key)
                || (run.len() > 1 && self.is_given_name(doc.token_text(run.start)))
                || run.clone().any(|t| self.coref.person_at(t).is_some());
            if !person || self.looks_like_organisation(run.clone()) {
                continue;
            }
            let name = self.surface(run.clone());
            let in_speaker_position = run.len() > 1 && speaker_runs.contains(&run);
            let entry = best.entry(key.clone()).or_insert((false, 0, String::new()));
            if (in_speaker_position, run.len()) > (entry.0, entry.1) {
                *entry = (in_speaker_position, run.len(), name);
            }
            reg.mentions.push((run.start, key));
        }
        reg.full = best
            .into_iter()
            .map(|(k, (_, _, name))| (k, name))
            .collect();
        reg
    }
}
