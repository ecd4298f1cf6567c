//! Finding quotes and classifying them: dash paragraphs, quotation marks, "Navn: – Sitat",
//! reported speech ("X sier at ...", "..., påpeker X:", "ifølge X") and fragments in narrative.
//! Rejects bullets, titles and scare quotes without a speaker, journalist questions and
//! crossheads. Who speaks is decided in `attribute`; here we only note the cue verb and the
//! tokens (the *zone*) where the speaker is named.

use super::cue::{
    Cues, is_capitalised, is_cataphoric, is_punct, is_speaker_of_quote, is_terminal, is_word,
    is_word_kind, opens_sentence, word_is,
};
use crate::coref::Coreference;
use crate::document::QuoteKind;
use crate::entity::view::View;
use crate::span::Span;
use crate::tokenize::{TokenKind, Tokenized};
use std::ops::Range;

/// How a quote is written, which tells attribution where to look for its speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// A paragraph opened by a quote dash, or one that opens with a quotation mark.
    Dash,
    /// Quotation marks inside a narrative paragraph: «...», sier X / X sier: «...».
    Marks,
    /// "Navn: – Sitat".
    Colon,
    /// Reported speech: "X sier at ...", "..., påpeker X.", "ifølge X".
    Reported,
    /// A short quoted fragment in narrative.
    Fragment,
    /// A dash-initial heading: a quote only if a later quote repeats its words.
    Headline,
}

/// A quote found in the text, before attribution.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Candidate {
    /// Token range of the quoted words.
    pub tokens: Range<usize>,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// How it is written.
    pub form: Form,
    /// Index of its paragraph.
    pub paragraph: usize,
    /// Tokens of the cue verb, when the quote has one.
    pub cue: Option<Range<usize>>,
    /// Tokens where the speaker is named (empty when the quote names nobody).
    pub zone: Range<usize>,
}

impl Candidate {
    /// Byte span of the quoted words.
    pub(crate) fn span(&self, doc: &Tokenized<'_>) -> Span {
        doc.span_of(self.tokens.clone())
    }
}

/// Longest dash paragraph without terminal punctuation that is read as a heading.
const MAX_HEADING_WORDS: usize = 20;
/// Longest question paragraph read as the journalist's question in an interview.
const MAX_QUESTION_WORDS: usize = 40;
/// Longest question read as the journalist's even when it does not say "du" or "dere".
const MAX_SHORT_QUESTION_WORDS: usize = 8;
/// Fewest words for quoted words in narrative to be a direct quote rather than a fragment.
const MIN_DIRECT_WORDS: usize = 4;
/// Furthest a reporting "at" may stand from its cue ("sier Kari Hansen, leder i X, at").
const MAX_CUE_TO_AT: usize = 12;
/// Longest attribution tail after a reported sentence (", påpeker X, leder i Y.").
const MAX_TAIL: usize = 14;

/// Finds every quote candidate of `doc`, in text order.
#[cfg(test)]
pub(crate) fn detect(doc: &Tokenized<'_>, cues: &Cues, coref: &Coreference) -> Vec<Candidate> {
    detect_in(doc, cues, coref, Vec::new(), &mut Vec::new())
}

/// [`detect`] into `out` (emptied first), with `found`, a narrative paragraph's candidates,
/// as scratch space: both kept by the caller for its next text.
pub(crate) fn detect_in(
    doc: &Tokenized<'_>,
    cues: &Cues,
    coref: &Coreference,
    out: Vec<Candidate>,
    found: &mut Vec<Candidate>,
) -> Vec<Candidate> {
    // About one quote every second paragraph in press text: room for them at once.
    let mut out = super::cue::room(out, doc.paragraphs().len() / 2 + 4);
    for (p, range) in doc.paragraphs().iter().enumerate() {
        let range = range.clone();
        let Some(first) = cues.view().get(range.start) else {
            continue;
        };
        match first.kind {
            TokenKind::Bullet => {}
            TokenKind::QuoteDash | TokenKind::Dash => {
                dash_quote(cues, p, range.start + 1..range.end, &mut out);
            }
            _ => {
                if !colon_quote(cues, p, range.clone(), &mut out) {
                    narrative(doc, cues, coref, p, range, &mut out, found);
                }
            }
        }
    }
    out.sort_by_key(|c| (c.tokens.start, c.tokens.end));
    out
}

/// A quote that runs from `body.start` to ", sier X" or to the end of `body` (a dash
/// paragraph after its dash, or the words after an opening mark).
fn dash_quote(cues: &Cues, p: usize, body: Range<usize>, out: &mut Vec<Candidate>) {
    if words(cues.view(), body.clone(), 1) == 0 {
        return;
    }
    let pairs = cues.mark_pairs(body.clone());
    for cue in cues.starts_in(body.start + 1..body.end) {
        let i = cue.start;
        if inside(&pairs, i) {
            continue;
        }
        // "– Sitat. Det sier ROLLE NAVN.": the quote ends with the sentence before.
        if i > body.start + 1
            && is_cataphoric(cues.lower(i - 1))
            && opens_sentence(cues.view(), i - 1)
        {
            out.push(Candidate {
                tokens: trim(cues.view(), body.start..i - 1),
                kind: QuoteKind::Direct,
                form: Form::Dash,
                paragraph: p,
                cue: Some(cue.clone()),
                zone: i..sentence_end(cues, i).min(body.end),
            });
            return;
        }
        let Some(boundary) = tail_boundary(cues, body.start, i) else {
            continue;
        };
        if !attribution_follows(cues, cue.end, body.end) {
            continue;
        }
        // "ifølge X" attributes only at the very end (", ifølge NTB."); inside the words it is
        // part of what is said ("– Vi skal, ifølge planen, bygge mer").
        if is_according(cues, i) && sentence_end(cues, i).min(body.end) > cue.end + 4 {
            continue;
        }
        // A quote ending in "?" or "!" keeps its mark; a comma belongs to the attribution.
        let quote_end = if is_punct(cues.view(), boundary, ",") {
            boundary
        } else {
            boundary + 1
        };
        let zone_end = sentence_end(cues, cue.start).min(body.end);
        if words(cues.view(), body.start..quote_end, 1) > 0 {
            out.push(Candidate {
                tokens: trim(cues.view(), body.start..quote_end),
                kind: QuoteKind::Direct,
                form: Form::Dash,
                paragraph: p,
                cue: Some(cue),
                zone: boundary + 1..zone_end,
            });
        }
        // "– A, sier X. – B." : the words after the attribution are the same speaker's.
        if let Some(t) = cues.view().get(zone_end)
            && zone_end < body.end
            && matches!(t.kind, TokenKind::Dash | TokenKind::QuoteDash)
        {
            dash_quote(cues, p, zone_end + 1..body.end, out);
        }
        return;
    }
    // Counted only where a paragraph without a cue is compared with the longest question or
    // heading: one that ends its sentence otherwise than with "?" is neither.
    let n = || {
        words(
            cues.view(),
            body.clone(),
            MAX_QUESTION_WORDS.max(MAX_HEADING_WORDS) + 1,
        )
    };
    let last = body.end - 1;
    let ends_sentence = is_terminal(cues.view(), last)
        || (matches!(
            cues.view().get(last).map(|t| t.kind),
            Some(TokenKind::QuoteClose | TokenKind::Quote)
        ) && is_terminal(cues.view(), last.saturating_sub(1)));
    if let Some(n) = is_punct(cues.view(), last, "?")
        .then(n)
        .filter(|&n| n <= MAX_QUESTION_WORDS)
    {
        // The interviewer's question ("– Ble du redd?", "– Hva nå?"): the press writes it as a
        // dash paragraph, but nobody is quoted. It addresses the interviewee or is short; a
        // speaker's own question ("– Hvem skal betale for alt dette, spør vi oss?") is kept.
        let addresses = body
            .clone()
            .any(|i| is_word(cues.view(), i) && is_second_person(cues.lower(i)));
        if addresses || n <= MAX_SHORT_QUESTION_WORDS {
            return;
        }
    }
    let form = if !ends_sentence && n() <= MAX_HEADING_WORDS {
        Form::Headline
    } else {
        Form::Dash
    };
    out.push(Candidate {
        tokens: trim(cues.view(), body),
        kind: QuoteKind::Direct,
        form,
        paragraph: p,
        cue: None,
        zone: 0..0,
    });
}

/// "Navn: – Sitat" and "Navn: «Sitat»": a short capitalised run, a colon and a quote.
fn colon_quote(cues: &Cues, p: usize, range: Range<usize>, out: &mut Vec<Candidate>) -> bool {
    let mut k = range.start;
    while k < range.end && k - range.start < 4 && is_capitalised(cues.view(), k) {
        k += 1;
    }
    if k == range.start || !is_punct(cues.view(), k, ":") {
        return false;
    }
    let opener = k + 1;
    let is_opener = cues.view().get(opener).is_some_and(|t| {
        matches!(
            t.kind,
            TokenKind::Dash | TokenKind::QuoteDash | TokenKind::QuoteOpen | TokenKind::Quote
        )
    });
    if !is_opener || opener + 1 >= range.end {
        return false;
    }
    let mut body = opener + 1..range.end;
    let mut cue = None;
    if let Some(close) = matching_close(cues, opener, range.end) {
        body.end = close;
        cue = cues.first_in(close + 1..range.end);
    }
    out.push(Candidate {
        tokens: trim(cues.view(), body),
        kind: QuoteKind::Direct,
        form: Form::Colon,
        paragraph: p,
        cue,
        zone: range.start..k,
    });
    true
}

/// Quotation marks and reported speech in a narrative paragraph.
fn narrative(
    doc: &Tokenized<'_>,
    cues: &Cues,
    coref: &Coreference,
    p: usize,
    range: Range<usize>,
    out: &mut Vec<Candidate>,
    found: &mut Vec<Candidate>,
) {
    // "Hansen sier: – Vi er klare." : a dash after a colon opens a quote to the paragraph's
    // end (or its own attribution); the sentence before the colon names the speaker.
    let colon_dash = cues
        .dashes_in(range.start + 1..range.end)
        .find(|&i| is_punct(cues.view(), i - 1, ":"));
    if let Some(dash) = colon_dash {
        let mut quote = Vec::new();
        dash_quote(cues, p, dash + 1..range.end, &mut quote);
        let intro = sentence_start(cues, dash - 1).max(range.start)..dash - 1;
        for mut c in quote {
            if c.cue.is_none() {
                c.cue = cues.first_in(intro.clone());
                c.zone = intro.clone();
                c.form = Form::Dash;
            }
            out.push(c);
        }
        return;
    }
    let pairs = cues.mark_pairs(range.clone());
    found.clear();
    for &(open, close) in pairs.iter() {
        let Some(close) = close else {
            // An unbalanced mark opens a quote only at the start of the paragraph, and then
            // never beyond it.
            if open == range.start {
                dash_quote(cues, p, open + 1..range.end, found);
            }
            continue;
        };
        marked(cues, p, range.clone(), (open, close), found);
    }
    // Reported speech, and the sentence before "Det sier X.", have a cue or "ifølge" inside
    // their sentence: a paragraph with neither, most of them, has none.
    if cues.first_in(range.clone()).is_some() || cues.according_in(range.clone()).is_some() {
        let mut previous: Option<Range<usize>> = None;
        for s in sentences_in(doc, range.clone()) {
            if let Some(c) = reported(cues, coref, p, s.clone(), &pairs) {
                found.push(c);
                previous = None;
            } else if let Some(c) = previous
                .take()
                .and_then(|prev| said_before(cues, p, prev, s.clone(), &pairs))
            {
                found.push(c);
            } else {
                previous = Some(s);
            }
        }
    }
    // A candidate alone is never dropped by the tests below: a reported one is indirect, and
    // a fragment is not reported speech. Most paragraphs have none.
    if found.len() > 1 {
        // Fragments inside reported speech belong to it; a fragment is a quote of its own only
        // in narrative.
        let reported: Vec<Range<usize>> = found
            .iter()
            .filter(|c| c.form == Form::Reported)
            .map(|c| c.tokens.clone())
            .collect();
        // Words in marks followed by ", sier X" are a direct quote, not reported speech.
        let direct: Vec<Range<usize>> = found
            .iter()
            .filter(|c| c.kind == QuoteKind::Direct)
            .map(|c| c.tokens.clone())
            .collect();
        found.retain(|c| {
            c.form != Form::Reported
                || !direct
                    .iter()
                    .any(|d| d.start < c.tokens.end && c.tokens.start < d.end)
        });
        found.retain(|c| {
            c.form != Form::Fragment
                || !reported
                    .iter()
                    .any(|r| r.start <= c.tokens.start && c.tokens.end <= r.end + 1)
        });
    }
    out.append(found);
}

/// A closed pair of marks `open..=close` in a narrative paragraph.
fn marked(
    cues: &Cues,
    p: usize,
    range: Range<usize>,
    (open, close): (usize, usize),
    out: &mut Vec<Candidate>,
) {
    let inner = open + 1..close;
    let n = words(cues.view(), inner.clone(), MIN_DIRECT_WORDS);
    if n == 0 {
        return;
    }
    let ends_inside = is_terminal(cues.view(), close - 1) || is_punct(cues.view(), close - 1, ",");
    // «...», sier X  /  «...» sier X
    let mut after = close + 1;
    if is_punct(cues.view(), after, ",") {
        after += 1;
    }
    let cue_after = cues
        .at(after)
        .filter(|c| attribution_follows(cues, c.end, range.end));
    if let Some(cue) = cue_after {
        let zone_end = sentence_end(cues, cue.start).min(range.end);
        out.push(Candidate {
            tokens: trim(cues.view(), inner),
            kind: QuoteKind::Direct,
            form: Form::Marks,
            paragraph: p,
            cue: Some(cue),
            zone: after..zone_end,
        });
        return;
    }
    // X sier: «...» (the colon ends the sentence before the mark)
    let sentence_start = sentence_start(cues, open.saturating_sub(1)).max(range.start);
    if open > range.start && is_punct(cues.view(), open - 1, ":") && n >= MIN_DIRECT_WORDS {
        let zone = sentence_start.min(open - 1)..open - 1;
        let cue = cues.first_in(zone.clone());
        out.push(Candidate {
            tokens: trim(cues.view(), inner),
            kind: QuoteKind::Direct,
            form: Form::Marks,
            paragraph: p,
            cue,
            zone,
        });
        return;
    }
    // A paragraph that is one quote in marks, without attribution: a continuation.
    if open == range.start && ends_inside && n >= MIN_DIRECT_WORDS {
        out.push(Candidate {
            tokens: trim(cues.view(), inner),
            kind: QuoteKind::Direct,
            form: Form::Dash,
            paragraph: p,
            cue: None,
            zone: 0..0,
        });
        return;
    }
    // A capitalised fragment that is not a sentence is a title or a name
    // («Klyngene som omstillingsmotor»), not a quote.
    if is_capitalised(cues.view(), open + 1) && !ends_inside {
        return;
    }
    let zone = sentence_start.min(open)..sentence_end(cues, open).min(range.end);
    let cue = cues
        .starts_in(zone.clone())
        .find(|c| !(open..=close).contains(&c.start));
    // A whole sentence in marks after an attribution («Vi er klare», sier X, «men ...».) is
    // direct; a piece of one is mixed.
    let kind = if ends_inside && n >= MIN_DIRECT_WORDS && !is_punct(cues.view(), close - 1, ",") {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    };
    out.push(Candidate {
        tokens: inner,
        kind,
        form: Form::Fragment,
        paragraph: p,
        cue,
        zone,
    });
}

/// Reported speech in sentence `s`: "X sier at ...", "Til NRK sier X at ...", "..., påpeker
/// X." and "ifølge X".
fn reported(
    cues: &Cues,
    coref: &Coreference,
    p: usize,
    s: Range<usize>,
    pairs: &[(usize, Option<usize>)],
) -> Option<Candidate> {
    let end = clause_end(cues.view(), s.clone());
    let candidate = |tokens: Range<usize>, cue: Option<Range<usize>>, zone: Range<usize>| {
        reported_candidate(cues.view(), p, tokens, cue, zone)
    };
    let here = cues.starts_in(s.clone());
    // X sier at ...
    for cue in here.clone() {
        if inside(pairs, cue.start) {
            continue;
        }
        let limit = (cue.end + MAX_CUE_TO_AT).min(s.end);
        let mut j = cue.end;
        while j < limit && !is_terminal(cues.view(), j) && !word_is(cues.view(), j, "at") {
            j += 1;
        }
        if j < limit && word_is(cues.view(), j, "at") {
            return candidate(j + 1..end, Some(cue), s.start..j);
        }
    }
    // "Hun mener politikerne har sviktet": a clause without "at" after a verb that takes
    // one, when a subject stands before the verb and another opens the clause.
    for cue in here.clone() {
        let i = cue.start;
        if inside(pairs, i) || i == s.start {
            continue;
        }
        if cue.len() == 1
            && takes_bare_clause(cues.lower(i))
            && is_word(cues.view(), i - 1)
            && !is_cataphoric(cues.lower(i - 1))
            && opens_clause(cues, cue.end)
        {
            return candidate(cue.end..end, Some(cue.clone()), s.start..cue.end);
        }
    }
    // ..., påpeker X.  /  ..., sier X:
    for cue in here {
        let i = cue.start;
        if inside(pairs, i) || i == s.start || !is_punct(cues.view(), i - 1, ",") {
            continue;
        }
        // A cue of several words may run past the sentence ("har \n\n sagt"): it is turned
        // away before the subtraction, which would overflow.
        if end < cue.end || end - cue.end > MAX_TAIL || !attribution_follows(cues, cue.end, s.end) {
            continue;
        }
        return candidate(s.start..i - 1, Some(cue), i..s.end);
    }
    according(cues, coref, s, end).and_then(|(tokens, cue, zone)| candidate(tokens, cue, zone))
}

/// "ifølge X, ..." / "I følge X ..." / "..., ifølge X.": the reported words and the source.
#[allow(clippy::type_complexity)]
fn according(
    cues: &Cues,
    coref: &Coreference,
    s: Range<usize>,
    end: usize,
) -> Option<(Range<usize>, Option<Range<usize>>, Range<usize>)> {
    let at = cues.according_in(s.clone())?;
    // The source: an organisation the entity stage found ("Statistisk sentralbyrå"), a
    // capitalised run, or one word ("produktivitetskommisjonen").
    let mut src_end = at.end;
    if let Some(org) = coref.organisation_at(at.end) {
        while src_end < end && coref.organisation_at(src_end) == Some(org) {
            src_end += 1;
        }
    }
    while src_end < end && is_capitalised(cues.view(), src_end) {
        src_end += 1;
    }
    if src_end == at.end && is_word(cues.view(), src_end) {
        src_end += 1;
    } else if src_end < end
        && is_word(cues.view(), src_end)
        && !is_capitalised(cues.view(), src_end)
        && cues.view().text(src_end - 1).ends_with('s')
    {
        // A genitive names an institution with the noun after it: "Statens vegvesen",
        // "Norges bank".
        src_end += 1;
    }
    if at.start == s.start {
        let mut rest = src_end;
        if is_punct(cues.view(), rest, ",") {
            rest += 1;
        }
        Some((rest..end, Some(at.clone()), at.end..src_end))
    } else {
        let mut before = at.start;
        if is_punct(cues.view(), before - 1, ",") {
            before -= 1;
        }
        Some((s.start..before, Some(at.clone()), at.end..src_end))
    }
}

/// The token before an attribution tail: "," (or "?"/"!") directly before the cue, or before
/// a name or pronoun that precedes it (", Mydske sier").
fn tail_boundary(cues: &Cues, start: usize, cue: usize) -> Option<usize> {
    let before = cue.checked_sub(1)?;
    if before < start {
        return None;
    }
    if is_punct(cues.view(), before, ",") {
        return Some(before);
    }
    let lower_cue = !is_capitalised(cues.view(), cue);
    if lower_cue && (is_punct(cues.view(), before, "?") || is_punct(cues.view(), before, "!")) {
        return Some(before);
    }
    let mut k = before;
    while k > start && k + 4 > before && (is_capitalised(cues.view(), k) || is_pronoun_at(cues, k))
    {
        k -= 1;
    }
    (k < before && lower_cue && is_punct(cues.view(), k, ",")).then_some(k)
}

/// True when token `i` opens "ifølge" (or "i følge", "iflg.").
/// "Brannen startet i kjelleren. Det opplyser operasjonsleder Kari Lien.": a short sentence of
/// "Det"/"Dette", a cue and who says it makes the narrative sentence before it reported speech.
fn said_before(
    cues: &Cues,
    p: usize,
    prev: Range<usize>,
    s: Range<usize>,
    pairs: &[(usize, Option<usize>)],
) -> Option<Candidate> {
    if !(word_is(cues.view(), s.start, "det") || word_is(cues.view(), s.start, "dette")) {
        return None;
    }
    let cue = cues.at(s.start + 1)?;
    let end = clause_end(cues.view(), cue.end..s.end);
    // The attribution is a name and its titles, not a clause of its own; a colon introduces
    // what follows instead. A cue past the sentence ("Det" alone, the cue in the next
    // paragraph) attributes nothing: asked first, `end - cue.end` would overflow.
    if end <= cue.end || end - cue.end > MAX_TAIL || is_punct(cues.view(), s.end - 1, ":") {
        return None;
    }
    let tokens = prev.start..clause_end(cues.view(), prev.clone());
    if cues.first_in(tokens.clone()).is_some()
        || tokens.clone().any(|i| inside(pairs, i))
        || is_punct(cues.view(), prev.end - 1, "?")
    {
        return None;
    }
    reported_candidate(cues.view(), p, tokens, Some(cue), s)
}

/// Where `range` ends without its closing punctuation (. ! ? … :).
fn clause_end(view: &View<'_>, range: Range<usize>) -> usize {
    let mut end = range.end;
    while end > range.start && is_terminal(view, end - 1) {
        end -= 1;
    }
    end
}

/// Reported speech on `tokens` (three words at least), with its cue and the zone naming who
/// says it.
fn reported_candidate(
    view: &View<'_>,
    p: usize,
    tokens: Range<usize>,
    cue: Option<Range<usize>>,
    zone: Range<usize>,
) -> Option<Candidate> {
    (words(view, tokens.clone(), 3) >= 3).then(|| Candidate {
        tokens: trim(view, tokens),
        kind: QuoteKind::Indirect,
        form: Form::Reported,
        paragraph: p,
        cue,
        zone,
    })
}

/// Verbs of saying and thinking that take a clause without "at" ("Hun mener politikerne har
/// sviktet").
fn takes_bare_clause(verb: &str) -> bool {
    matches!(
        verb,
        "sier" | "sa" | "mener" | "mente" | "hevder" | "hevdet" | "tror" | "trodde"
    )
}

/// A clause starts at token `i`: a subject (a personal pronoun, a definite noun or a name)
/// followed by a lower-case word, its verb ("politikerne har", "han er", "Olsen vil").
fn opens_clause(cues: &Cues, i: usize) -> bool {
    if !is_word(cues.view(), i)
        || !is_word(cues.view(), i + 1)
        || is_capitalised(cues.view(), i + 1)
    {
        return false;
    }
    let w = cues.lower(i);
    let pronoun = matches!(
        w,
        "han" | "hun" | "de" | "vi" | "jeg" | "du" | "dere" | "man" | "det" | "den" | "dette"
    );
    let verb = cues.lower(i + 1);
    // "mener det er", but not "mener det samme", "sier de ansatte".
    let finite = verb.ends_with('r')
        || verb.ends_with("te")
        || verb.ends_with("de")
        || matches!(
            verb,
            "vil" | "skal" | "kan" | "må" | "bør" | "ble" | "var" | "fikk" | "gikk"
        );
    // Definite plurals end in "-ne" ("politikerne"), which `is_definite_noun` leaves out.
    let definite = super::cue::is_definite_noun(w) || (w.ends_with("ne") && w.chars().count() > 5);
    finite && (pronoun || is_capitalised(cues.view(), i) || definite)
}

pub(crate) fn is_according(cues: &Cues, i: usize) -> bool {
    match cues.lower(i) {
        "i" => word_is(cues.view(), i + 1, "følge"),
        w => super::cue::is_according_word(w),
    }
}

/// "du", "dere" and their forms: the interviewer addressing the interviewee.
fn is_second_person(word: &str) -> bool {
    matches!(
        word,
        "du" | "deg" | "din" | "ditt" | "dine" | "dere" | "deres"
    )
}

fn is_pronoun_at(cues: &Cues, i: usize) -> bool {
    is_word(cues.view(), i) && super::cue::is_pronoun(cues.lower(i))
}

/// False when the cue is followed by the quoted speaker's own words ("mener jeg") or by a
/// reporting "at" without a subject.
fn attribution_follows(cues: &Cues, after: usize, end: usize) -> bool {
    if after >= end {
        return true;
    }
    !(is_word(cues.view(), after)
        && (is_speaker_of_quote(cues.lower(after)) || word_is(cues.view(), after, "at")))
}

/// The closing mark that pairs with the opening mark at `open`, before `end`.
fn matching_close(cues: &Cues, open: usize, end: usize) -> Option<usize> {
    cues.mark_pairs(open..end)
        .first()
        .filter(|&&(o, _)| o == open)
        .and_then(|&(_, c)| c)
}

/// True when token `i` lies strictly inside one of `pairs` (an unclosed pair runs to the end).
///
/// `pairs` are top-level pairs as [`Cues::mark_pairs`] gives them: in order and disjoint, an
/// unclosed one last. Only the last pair opened before `i` can hold it, so it is found by a
/// binary search: a paragraph of thousands of quotes asked about each token was quadratic.
fn inside(pairs: &[(usize, Option<usize>)], i: usize) -> bool {
    let opened_before = pairs.partition_point(|&(o, _)| o < i);
    opened_before
        .checked_sub(1)
        .and_then(|k| pairs.get(k))
        .is_some_and(|&(_, c)| c.is_none_or(|c| i < c))
}

/// Number of word tokens in `range`, counted up to `cap`: every caller compares it with a
/// small number, and paragraphs run long.
pub(crate) fn words(view: &View<'_>, range: Range<usize>, cap: usize) -> usize {
    let n = view.len();
    let tokens = view
        .toks
        .get(range.start.min(n)..range.end.min(n))
        .unwrap_or_default();
    let mut count = 0;
    for t in tokens {
        if count >= cap {
            break;
        }
        count += usize::from(is_word_kind(t.kind));
    }
    count
}

/// `range` without the commas and dashes at its ends.
fn trim(view: &View<'_>, mut range: Range<usize>) -> Range<usize> {
    let loose = |i: usize| {
        view.get(i).is_some_and(|t| {
            matches!(t.kind, TokenKind::Dash | TokenKind::QuoteDash)
                || (t.kind == TokenKind::Punct && matches!(t.text, "," | ":" | ";"))
        })
    };
    while range.start < range.end && loose(range.start) {
        range.start += 1;
    }
    while range.end > range.start && loose(range.end - 1) {
        range.end -= 1;
    }
    range
}

/// First token of the sentence holding token `i`.
pub(crate) fn sentence_start(cues: &Cues, i: usize) -> usize {
    cues.sentence(i).map_or(i, |r| r.start)
}

/// One past the last token of the sentence holding token `i`.
pub(crate) fn sentence_end(cues: &Cues, i: usize) -> usize {
    cues.sentence(i).map_or(i + 1, |r| r.end)
}

/// The sentences of a paragraph, clamped to it.
pub(crate) fn sentences_in<'a>(
    doc: &'a Tokenized<'_>,
    range: Range<usize>,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let sentences = doc.sentences();
    let first = sentences.partition_point(|s| s.end <= range.start);
    sentences
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(move |s| s.start < range.end)
        .map(move |s| s.start.max(range.start)..s.end.min(range.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokenizer;

    /// `inside` by binary search answers as asking every pair does, on the pairs of texts
    /// with nested, unbalanced and stray marks.
    #[test]
    fn inside_answers_as_a_scan_of_every_pair() {
        let texts = [
            "Han sa «vi var «fanget» lenge» i går, og «ja» og «nei» og «kanskje.",
            "«Grønn by\" vil «fungere» som en \"pilot\" og «mer",
            "Dette» er «galt» og «» «a «b» c» d » e",
        ];
        for text in texts {
            with_pairs(text, |doc, pairs| {
                for i in 0..doc.tokens().len() + 2 {
                    let scan = pairs.iter().any(|&(o, c)| o < i && c.is_none_or(|c| i < c));
                    assert_eq!(inside(pairs, i), scan, "{text:?} token {i}");
                }
            });
        }
    }

    /// `f` of `text`'s tokens and the top-level mark pairs of all of them (no cue verbs).
    fn with_pairs<R>(
        text: &str,
        f: impl FnOnce(&Tokenized<'_>, &[(usize, Option<usize>)]) -> R,
    ) -> R {
        let doc = Tokenizer::new().analyse(text);
        let verbs = super::super::cue::CueVerbs::new(&[]);
        let view = crate::entity::view::View::new(&doc);
        let cues = Cues::new(&verbs, &doc, &view);
        f(&doc, &cues.mark_pairs(0..doc.tokens().len()))
    }

    /// The surfaces of the top-level mark pairs of `text`'s only paragraph.
    fn pairs(text: &str) -> Vec<String> {
        with_pairs(text, |doc, pairs| {
            pairs
                .iter()
                .map(|&(o, c)| {
                    let end = c.map_or(doc.tokens().len(), |c| c + 1);
                    text[doc.span_of(o..end)].to_string()
                })
                .collect()
        })
    }

    #[test]
    fn nested_marks_stay_in_their_pair() {
        assert_eq!(
            pairs("Han sa «vi var «fanget» lenge» i går."),
            ["«vi var «fanget» lenge»"]
        );
        assert_eq!(
            pairs("Hun sa «dette er \"feil\" og galt» og gikk."),
            ["«dette er \"feil\" og galt»"]
        );
    }

    #[test]
    fn regression_guillemet_closed_by_a_straight_mark() {
        assert_eq!(
            pairs("«Grønn by\" vil fungere som en pilot."),
            ["«Grønn by\""]
        );
    }

    #[test]
    fn regression_stray_closing_mark_and_unclosed_opening_mark() {
        assert_eq!(pairs("Dette» er «galt"), ["«galt"]);
        assert_eq!(pairs("Ingen merker her."), Vec::<String>::new());
    }
}
