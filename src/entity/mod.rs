//! Stage 4: people, roles, organisations and places.
//!
//! An [`EntityRecognizer`] holds lookup tables built once from a [`LexiconSet`] and finds, in
//! tokenized text:
//! - **people**: a known given name and the capitalised words after it ("Kjell Reidar
//!   Mydske", "Jan E. Melby", "Ursula von der Leyen"), listed surnames, and unknown words in a
//!   person's context ("sier Aambø"); a surname seen in a full name earlier or later in the text
//!   is the person everywhere;
//! - **organisations**: the lexicon (also in the genitive), names built with organisation
//!   words ("Lilleseth Kjetting AS", "Verdal kommune", "NCE Raufoss"), acronyms, camel-case
//!   names, head nouns ("Forskningsrådet"), names ending in a place ("Innovasjon Norge"), names
//!   announced by a noun ("innovasjonsselskapet ProtoMore") or listed with organisations;
//! - **places** from the lexicon, so that "Molde" is neither a person nor an organisation;
//! - **roles**: listed titles and compounds of role heads ("klyngeleder").
//!
//! A capitalised word at a sentence start is a name only with evidence (a lexicon, or the
//! same word inside a sentence elsewhere in the text).
//!
//! ```
//! use kilde::entity::EntityRecognizer;
//! use kilde::entity::EntityKind;
//! use kilde::lexicon::{LexiconKind, LexiconSet};
//! use kilde::tokenize::Tokenizer;
//! let lexicons = LexiconSet::empty_builder()
//!     .add_str(LexiconKind::GivenNames, "g.tsv", "Jarle\tm\n")?
//!     .add_str(LexiconKind::OrganisationWords, "w.tsv", "AS\tsuffix\n")?
//!     .build();
//! let text = "Det sier Jarle Aambø i Lilleseth Kjetting AS.";
//! let doc = Tokenizer::new().analyse(text);
//! let mentions = EntityRecognizer::new(&lexicons).recognize(&doc, &[]);
//! let found: Vec<(&str, EntityKind)> = mentions.iter().map(|m| (&text[m.span], m.kind)).collect();
//! assert_eq!(found, [("Jarle Aambø", EntityKind::Person),
//!                    ("Lilleseth Kjetting AS", EntityKind::Organisation)]);
//! # Ok::<(), kilde::Error>(())
//! ```

mod facts;
pub(crate) mod lexicon;
mod org;
mod person;
pub(crate) mod phrase;
pub(crate) mod role;
pub(crate) mod rules;
mod run;
mod sieve;
pub(crate) mod view;

pub use crate::document::EntityKind;
use crate::fxhash::FxHashMap as HashMap;
use crate::gazetteer::GazetteerMatch;
use crate::lexicon::LexiconSet;
use crate::span::Span;
use crate::tokenize::{TokenKind, Tokenized};
use facts::Facts;
use lexicon::EntityLexicon;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;
use view::View;

/// One entity mention found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte span.
    pub span: Span,
    /// Token index range.
    pub tokens: Range<usize>,
    /// What it is.
    pub kind: EntityKind,
}

/// Finds people, organisations, places and roles. Build it once per [`LexiconSet`]: it holds
/// the lookup tables (cheap to clone, an `Arc` inside, `Send + Sync`).
///
/// ```
/// use kilde::entity::{EntityKind, EntityRecognizer};
/// use kilde::lexicon::LexiconSet;
/// use kilde::tokenize::Tokenizer;
/// let recognizer = EntityRecognizer::new(LexiconSet::embedded());
/// let text = "Hun ringte NRK og DigitalNorway fra Molde.";
/// let doc = Tokenizer::new().analyse(text);
/// let kinds: Vec<(&str, EntityKind)> = recognizer
///     .recognize(&doc, &[])
///     .iter()
///     .map(|m| (&text[m.span], m.kind))
///     .collect();
/// assert_eq!(kinds, [("NRK", EntityKind::Organisation),
///                    ("DigitalNorway", EntityKind::Organisation),
///                    ("Molde", EntityKind::Place)]);
/// ```
#[derive(Clone, Debug)]
pub struct EntityRecognizer {
    lexicon: Arc<EntityLexicon>,
}

impl EntityRecognizer {
    /// Builds the lookup tables over `lexicons`.
    pub fn new(lexicons: &LexiconSet) -> EntityRecognizer {
        EntityRecognizer {
            lexicon: Arc::new(EntityLexicon::new(lexicons)),
        }
    }

    pub(crate) fn lexicon(&self) -> &EntityLexicon {
        &self.lexicon
    }

    /// The mentions in `doc`, in text order, not overlapping. `matches` are the gazetteer's
    /// (organisations, places and roles); without them the recognizer looks the lexicons up
    /// itself.
    pub fn recognize(&self, doc: &Tokenized<'_>, matches: &[GazetteerMatch]) -> Vec<Mention> {
        let mut lists = Lists::default();
        self.recognize_in(doc, &View::new(doc), matches, &mut lists);
        lists.mentions
    }

    /// [`recognize`](Self::recognize) over per-token facts the caller already computed, so the
    /// pipeline computes them once for recognition and coreference, in `lists` kept from the
    /// caller's last text; the mentions are in `lists` too, which the caller reads before its
    /// next text (the list of a text's mentions cost an allocation every text, where glibc
    /// settled the frees of the text before).
    pub(crate) fn recognize_in<'l>(
        &self,
        doc: &Tokenized<'_>,
        view: &View<'_>,
        matches: &[GazetteerMatch],
        lists: &'l mut Lists,
    ) -> &'l [Mention] {
        recognize_view(doc, view, &self.lexicon, matches, lists);
        &lists.mentions
    }
}

/// The working lists recognition fills for each text, which a caller keeps for its next text
/// (the pipeline's per-thread lists): fresh, the lists by token cost an allocation each and
/// their zeroing every text, and a long text's fresh pages.
#[derive(Default)]
pub(crate) struct Lists {
    hits: phrase::Hits,
    role_starts: Vec<usize>,
    blocked: Vec<bool>,
    facts: Vec<u8>,
    runs: Vec<run::Run>,
    cands: Vec<Cand>,
    names: NameLists,
    /// The roles found, then those no mention covers.
    roles: Vec<Range<usize>>,
    unnamed: Vec<Mention>,
    /// The text's mentions: what [`EntityRecognizer::recognize_in`] returns.
    mentions: Vec<Mention>,
}

impl Lists {
    /// The most room a caller keeps: the lists of a text of about 4 MB (some 12 bytes a token).
    const KEEP: usize = 16 << 20;

    /// Keeps the lists for the caller's next text, in place: a longer text's are given back.
    /// The name rounds' lists are given back first, so that they never cost a text the
    /// others.
    pub fn keep(&mut self) {
        let bytes = self.hits.bytes()
            + self.role_starts.capacity() * size_of::<usize>()
            + self.blocked.capacity()
            + self.facts.capacity()
            + self.runs.capacity() * size_of::<run::Run>()
            + self.cands.capacity() * size_of::<Cand>()
            + self.roles.capacity() * size_of::<Range<usize>>()
            + (self.unnamed.capacity() + self.mentions.capacity()) * size_of::<Mention>();
        if bytes > Self::KEEP {
            *self = Lists::default();
        } else if bytes + self.names.bytes() > Self::KEEP {
            self.names = NameLists::default();
        }
    }
}

/// Recognises entity mentions. Builds the lookup tables on every call: to recognise many
/// texts, build an [`EntityRecognizer`] once.
pub fn recognize(
    doc: &Tokenized<'_>,
    matches: &[GazetteerMatch],
    lexicons: &LexiconSet,
) -> Vec<Mention> {
    EntityRecognizer::new(lexicons).recognize(doc, matches)
}

/// What a candidate run was found to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Person,
    Org,
    Place,
    /// A capitalised word with no evidence yet: decided by the rest of the text.
    Pending,
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    start: usize,
    end: usize,
    label: Label,
}

impl Cand {
    /// Whether the first name round looks this candidate up: a pending one, or a one-word
    /// place (the second round, for organisations, asks only the pending ones).
    fn looked_up_by_names(&self) -> bool {
        self.label == Label::Pending || self.label == Label::Place && self.end == self.start + 1
    }
}

fn recognize_view(
    doc: &Tokenized<'_>,
    view: &View<'_>,
    lx: &EntityLexicon,
    matches: &[GazetteerMatch],
    lists: &mut Lists,
) {
    let n = view.len();
    let marked = marked(view);
    let Lists {
        hits,
        role_starts,
        blocked,
        facts,
        runs,
        cands,
        names,
        roles,
        unnamed,
        mentions: out,
    } = lists;
    phrase::find(view, lx, matches, marked, hits, role_starts);
    let hits = &*hits;

    // Roles first: their words never start a name ("Statsråd Monica Mæland").
    blocked.clear();
    blocked.resize(n, false);
    roles.clear();
    let from_hits = !matches.is_empty();
    // Only tokens that may start a role are asked, in order: with the gazetteer's matches,
    // those where a role phrase starts; else the words. `next` skips the words of a role found.
    let mut next = 0;
    let mut ask = |i: usize| {
        if i < next {
            return;
        }
        if let Some(r) = role::role_at(view, lx, hits, i, from_hits) {
            blocked[r.start..r.end].iter_mut().for_each(|b| *b = true);
            next = r.end;
            roles.push(r);
        }
    };
    if from_hits {
        for &i in role_starts.iter() {
            if hits.get(i).is_some_and(|h| h.role) {
                ask(i);
            }
        }
    } else {
        for (i, t) in view.toks.iter().enumerate() {
            if t.is_word() || t.all_caps() {
                ask(i);
            }
        }
    }

    // Suspended compounds and sites, found before the runs: merged with theirs after them.
    let mut early: Vec<Cand> = Vec::new();
    // Suspended compounds ("Nærings- og fiskeridepartementet") are not runs. Only a web address
    // or a capitalised word ending in a hyphen is asked: the phrase pass noted them.
    let mut next = 0;
    for &k in hits.compound_starts() {
        if k < next {
            continue;
        }
        // A bare capitalised domain is the site and the house behind it ("Dagbladet.no").
        if org::site_name(view, k) {
            early.push(Cand {
                start: k,
                end: k + 1,
                label: Label::Org,
            });
        } else if let Some(end) = org::suspended_org(view, lx, k) {
            early.push(Cand {
                start: k,
                end,
                label: Label::Org,
            });
            blocked[k..end].iter_mut().for_each(|b| *b = true);
            next = end;
        }
    }
    // A run inside a listed name that went on past it ("Statistisk sentralbyrå", "Den
    // katolske kirke") was classified with that name; a run that goes on after it is the rest.
    let facts = Facts::new(view, lx, doc.text().as_bytes(), facts);
    // About one candidate for every marked token or fewer: sized once, not grown.
    let mut cands: Vec<Cand> = std::mem::take(cands);
    cands.clear();
    cands.reserve(marked.len());
    let mut covered = 0;
    run::runs(view, doc.text().as_bytes(), lx, hits, blocked, marked, runs);
    for mut r in runs.iter().copied() {
        if r.end <= covered {
            continue;
        }
        r.start = r.start.max(covered);
        let before = cands.len();
        classify(&facts, hits, r, &mut cands);
        for c in cands.get(before..).unwrap_or(&[]) {
            covered = covered.max(c.end);
        }
    }
    // The few found before the runs go before the runs' candidates of the same start. The
    // runs' candidates are in order of their starts (each run's from its start on, past the
    // ends of those before): with none found before, there is nothing to merge.
    debug_assert!(cands.is_sorted_by_key(|c| c.start));
    if !early.is_empty() {
        merge_by_start(&mut cands, &mut early, true, |c| c.start);
    }
    resolve_pending(view, lx, &mut cands, names);
    resolve_bracketed(view, &mut cands);
    org::join_seat(view, lx, &mut cands);
    drop_initial_common_nouns(view, &mut cands);
    drop_titles(view, hits, &mut cands);

    out.clear();
    out.reserve(cands.len() + roles.len());
    out.extend(cands.iter().filter_map(|c| {
        let kind = match c.label {
            Label::Person => EntityKind::Person,
            Label::Org => EntityKind::Organisation,
            Label::Place => EntityKind::Place,
            Label::Pending => return None,
        };
        Some(mention(doc, c.start..c.end, kind))
    }));
    // A role with a token in a mention is dropped. The roles are in order and apart, the
    // mentions in order of their starts: the mentions that start before a role's end are a
    // prefix that grows role by role, and one of them covers a token of the role when the
    // furthest end among them is past the role's start.
    debug_assert!(out.is_sorted_by_key(|m| m.tokens.start));
    debug_assert!(roles.is_sorted_by(|a, b| a.end <= b.start));
    // The mentions before the next role's end start at `before`; one that is no span of
    // the text covers no role's token.
    let (mut before, mut furthest) = (0, 0);
    unnamed.clear();
    unnamed.extend(
        roles
            .iter()
            .filter(|r| {
                while let Some(m) = out.get(before).filter(|m| m.tokens.start < r.end) {
                    if m.tokens.start < m.tokens.end && m.tokens.end <= n {
                        furthest = furthest.max(m.tokens.end);
                    }
                    before += 1;
                }
                r.start >= furthest || r.end > n || r.start >= r.end
            })
            .map(|r| mention(doc, r.start..r.end, EntityKind::Role)),
    );
    // The roles left go after the mentions of the same start. With no role left there is
    // nothing to merge (the merge's test of their order was a walk of them all): this relies on
    // the mentions being in order here, as the `debug_assert` above holds; the merge would
    // have sorted an unsorted list, so a change that breaks the order must sort them itself.
    if !unnamed.is_empty() {
        merge_by_start(out, unnamed, false, |m| m.tokens.start);
    }
    lists.cands = cands;
}

/// The most entries [`merge_by_start`] inserts one by one into a sorted list rather than
/// sorting in: an insert moves the entries after it, so the work stays linear in the list.
const FEW_INSERTS: usize = 16;

/// Merges `few` into `list` in the order a stable sort by `start` of the two appended gives
/// (`few_first`: `few` before `list` on equal starts, else after): each inserted at its place
/// when they are few and `list` is sorted, none of the many moved but by the inserts; else
/// appended and sorted, as inserting thousands (sites, roles) took time growing with the
/// square of their number. `few` is left empty (its room may be `list`'s old one).
fn merge_by_start<T>(
    list: &mut Vec<T>,
    few: &mut Vec<T>,
    few_first: bool,
    start: impl Fn(&T) -> usize,
) {
    if few.len() <= FEW_INSERTS && list.is_sorted_by_key(&start) {
        // Each insert goes past the ones already made of its start on the side that keeps
        // `few`'s own order: from the last before the list's, from the first after them.
        if few_first {
            for e in few.drain(..).rev() {
                let at = list.partition_point(|x| start(x) < start(&e));
                list.insert(at, e);
            }
        } else {
            for e in few.drain(..) {
                let at = list.partition_point(|x| start(x) <= start(&e));
                list.insert(at, e);
            }
        }
    } else {
        if few_first {
            few.append(list);
            std::mem::swap(list, few);
        } else {
            list.append(few);
        }
        list.sort_by_key(start);
    }
}

/// The tokens the passes over the text start from, in order: those with a capital anywhere
/// and the sentence openers, about one token in seven; the view notes them as it writes its
/// records, for all the passes. A capitalised or all-caps word, or a web address that starts
/// with a capital, is among them: its first letter is upper case, so lower-casing changes it.
fn marked<'v>(view: &'v View<'_>) -> &'v [usize] {
    view.marked()
}

fn mention(doc: &Tokenized<'_>, tokens: Range<usize>, kind: EntityKind) -> Mention {
    Mention {
        span: doc.span_of(tokens.clone()),
        tokens,
        kind,
    }
}

/// Decides what one capitalised run is; pushes one or more candidates.
fn classify(f: &Facts<'_, '_>, hits: &phrase::Hits, r: run::Run, out: &mut Vec<Cand>) {
    let (view, lx) = (f.view, f.lx);
    let mut s = r.start;
    let e = r.end;
    // A listed organisation that starts with a function word: "Den katolske kirke", "Det
    // Norske Nobelinstitutt". A loop, not recursion: the run may hold many.
    let listed_function_org = move |k: usize| {
        let function_word = move || {
            view.get(k)
                .is_some_and(|t| !t.all_caps() && lx.is_function_token(view, t))
        };
        // The phrase first: most words start none, and need no lookup.
        hits.get(k)
            .filter(|h| h.org && !h.place && h.end > k + 1 && function_word())
            .map(|h| h.end)
    };
    while let Some(end) = listed_function_org(s) {
        out.push(Cand {
            start: s,
            end,
            label: Label::Org,
        });
        if end >= e {
            return;
        }
        s = end;
    }
    // A capitalised function word opens a sentence, not a name ("Også Eirik Andreassen");
    // an acronym is none ("DA", the Domstolsadministrasjonen).
    while s < e
        && view
            .get(s)
            .is_some_and(|t| t.initial() && !t.all_caps() && lx.is_function_token(view, t))
    {
        s += 1;
    }
    // A capitalised function word inside a run starts a new sentence the text did not mark
    // (a headline without a stop: "SSB Et spørsmål om ..."). Each part is a run of its own
    // with no such word inside, so this splits once, not recursively.
    let splits_at = move |k: &usize| {
        view.get(*k)
            .is_some_and(|t| t.cap() && !t.all_caps() && lx.is_function_token(view, t))
    };
    // Iterated, not collected: most runs have no split, and none allocates. A run with no
    // token that may split ([`run::may_split`]) is not scanned.
    let split = if r.may_split {
        (s + 1..e).find(splits_at)
    } else {
        None
    };
    if let Some(split) = split {
        let mut a = s;
        let splits = (split..e).filter(splits_at);
        for k in splits.chain(std::iter::once(e)) {
            if a < k {
                let part = run::Run {
                    start: a,
                    end: k,
                    connector: r.connector,
                    may_split: r.may_split,
                };
                classify(f, hits, part, out);
            }
            // The function word is dropped unless it starts a listed name.
            a = if listed_function_org(k).is_some() {
                k
            } else {
                k + 1
            };
        }
        return;
    }
    if s >= e {
        return;
    }
    let push = |out: &mut Vec<Cand>, start, end, label| out.push(Cand { start, end, label });
    let first = match view.get(s) {
        Some(t) => t,
        None => return,
    };

    // A capitalised function word alone is no name ("men Det hvite hus" is the lexicon's),
    // but a bracketed letter is a party ("Kari Hansen (A)").
    let bracketed = move || s > 0 && view.text(s - 1) == "(" && view.text(e) == ")";
    // A sentence-initial first word was asked above: it is no function word.
    if e - s == 1
        && !first.all_caps()
        && !first.initial()
        && lx.is_function_token(view, first)
        && !bracketed()
    {
        return;
    }
    // The lower case of a one-word run, which the rules below ask more than once.
    let lower = if e - s == 1 { view.lower_of(first) } else { "" };
    // A definite role noun ("Lederen sa") is a reference, not a name.
    if e - s == 1 && lx.is_role_word(first, lower, true) {
        return;
    }
    // A sentence-initial common word before a name with evidence: "Klyngen NCE Raufoss". The
    // word's own evidence is asked last: most such runs go on with no listed name or
    // organisation prefix, and need none of its lookups.
    let name_follows =
        || hits.starts_at(s + 1) || view.get(s + 1).is_some_and(|t| lx.is_org_prefix_token(t));
    if first.initial() && e - s >= 2 && name_follows() && !has_evidence(f, hits, s) {
        return classify(
            f,
            hits,
            run::Run {
                start: s + 1,
                end: e,
                connector: r.connector,
                may_split: r.may_split,
            },
            out,
        );
    }
    // "Volvo V60", "Audi S8": a brand and a model code name a product.
    let listed_whole = hits.get(s).is_some_and(|h| h.end == e);
    if e - s >= 2 && rules::is_model_code(view.text(e - 1)) && !listed_whole {
        return push(out, s, e, Label::Pending);
    }
    if let Some((a, b)) = org::built_org(f, hits, s, e) {
        return push(out, a, b, Label::Org);
    }
    // A lexicon phrase at the start of the run. Alone it is what the lexicon says (a place
    // when it is both); followed by more capitalised words it starts a longer organisation
    // name ("Olympiatoppens Prestasjonsklynge", "Kongsberg Gruppen"), unless a person's name
    // follows ("Oslo Kari Hansen" in a caption).
    // Whether the run starts with a given name: asked only when a rule below needs it, and
    // twice only in a rare case, where the second answer comes from the facts' memo (a cell
    // kept for it cost more, out of line, than the question).
    let given_s = move || person::starts_with_given_name(f, s, e);
    if let Some(h) = hits.get(s) {
        // A listed organisation or place with lower-case words or numbers after the run:
        // "Statistisk sentralbyrå", "Den norske kirke", "TV 2".
        let listed = h.org || h.place;
        let words_after = h.end > e
            && view.same_sentence(s, h.end - 1)
            && (e..h.end).all(|k| {
                view.get(k)
                    .is_some_and(|t| t.is_word() || t.kind == TokenKind::Number)
            });
        if listed && words_after {
            let label = if h.place && !org::announced(view, s) {
                Label::Place
            } else {
                Label::Org
            };
            return push(out, s, h.end, label);
        }
        let given_start = move || given_s() && e - s >= 2;
        // A listed name that is the whole run wins over a given name in it ("Jan Mayen").
        if h.end <= e && (h.org || h.place) && (h.end == e || !given_start()) {
            if h.end == e {
                let label = if h.place && !org::announced(view, s) {
                    Label::Place
                } else {
                    Label::Org
                };
                if label == Label::Org && h.media && org::publication(view, lx, s) {
                    return;
                }
                return push(out, s, e, label);
            }
            if person::starts_with_given_name(f, h.end, e) {
                let label = if h.place { Label::Place } else { Label::Org };
                push(out, s, h.end, label);
                return classify(
                    f,
                    hits,
                    run::Run {
                        start: h.end,
                        end: e,
                        connector: false,
                        may_split: r.may_split,
                    },
                    out,
                );
            }
            return push(out, s, e, Label::Org);
        }
    }
    if !r.connector && given_s() {
        // A lexicon organisation after the name splits off: "Kari Nordmann NRK" is rare, but a
        // caption "Navn Org" is not.
        for k in s + 1..e {
            if let Some(h) = hits.get(k) {
                if h.org && h.end == e && !f.given(k) {
                    push(out, s, k, Label::Person);
                    push(out, k, e, Label::Org);
                    return;
                }
            }
        }
        return push(out, s, e, Label::Person);
    }
    if r.connector {
        // "Representanter for SV": a sentence-initial common word does not open a name.
        if first.initial() && !has_evidence(f, hits, s) {
            let after =
                (s + 1..e).find(|&k| view.get(k).is_some_and(|t| !t.cap() && !t.all_caps()));
            if let Some(c) = after {
                let rest = run::Run {
                    start: c + 1,
                    end: e,
                    connector: false,
                    may_split: r.may_split,
                };
                return classify(f, hits, rest, out);
            }
        }
        return push(out, s, e, Label::Org);
    }
    if e - s == 1 {
        let label = if f.single_word_org_lower(s, lower) {
            Label::Org
        } else if rules::is_street(lower) {
            Label::Place
        } else if (f.surname(s)
            || rules::genitive_stem(first.text).is_some_and(|w| lx.is_surname(w)))
            && !(first.initial() && lx.is_name_word(first.text))
        {
            Label::Person
        } else if org::announced(view, s) || org::after_role(view, lx, s) {
            Label::Org
        } else {
            Label::Pending
        };
        return push(out, s, e, label);
    }
    // A sentence-initial word before a name: "Direktør Kari Hansen" with an unknown title.
    if first.initial() && person::starts_with_given_name(f, s + 1, e) {
        return classify(
            f,
            hits,
            run::Run {
                start: s + 1,
                end: e,
                connector: false,
                may_split: r.may_split,
            },
            out,
        );
    }
    // "Capio Anoreksi Senter": a name ending in an organisation head noun.
    if lx.is_org_head_word(view.lower(e - 1)) {
        return push(out, s, e, Label::Org);
    }
    // "Jyllands-Posten Jon Helt Haarder": a given name inside a run of unknown words starts a
    // person.
    if let Some(k) = (s + 1..e).find(|&k| e - k >= 2 && person::starts_with_given_name(f, k, e)) {
        classify(
            f,
            hits,
            run::Run {
                start: s,
                end: k,
                connector: false,
                may_split: r.may_split,
            },
            out,
        );
        return push(out, k, e, Label::Person);
    }
    // "Olympiatoppens Prestasjonsklynge", "Norges Bank": a genitive name before a
    // capitalised noun.
    let genitive_head = rules::genitive_stem(first.text).is_some() && !f.given(s);
    if genitive_head || (s..e).any(|k| f.single_word_org(k)) || org::announced(view, s) {
        return push(out, s, e, Label::Org);
    }
    // Two words after a title or a cue verb are a name ("direktør Bulat Atabajev"); three
    // rarely are ("direktør Smart Innovation Norway"), unless one of them is a known name part
    // and none looks like an organisation's ("partileder Ine Eriksen Søreide").
    let named_three = e - s == 3
        && (s..e).any(|k| {
            let w = rules::strip_genitive(view.text(k));
            lx.is_given(w) || lx.is_surname(w)
        })
        && !(s..e).any(|k| {
            view.get(k).is_some_and(|t| t.all_caps()) || lx.is_org_head_word(view.lower(k))
        });
    if ((e - s <= 2 || named_three) && person::person_context(view, lx, s, e))
        || lx.is_surname(rules::strip_genitive(view.text(e - 1)))
    {
        return push(out, s, e, Label::Person);
    }
    push(out, s, e, Label::Pending)
}

/// A short name in brackets right after a person or an organisation: the person's party
/// ("Karita Bekkemellem Orheim (A)") or the organisation's abbreviation ("al-Qaida i Maghreb
/// (Aqim)").
fn resolve_bracketed(view: &View<'_>, cands: &mut [Cand]) {
    for i in 1..cands.len() {
        let (Some(prev), Some(c)) = (cands.get(i - 1).copied(), cands.get(i)) else {
            continue;
        };
        // Asked last: counting characters costs more than the other tests.
        let short = || {
            view.get(c.start)
                .is_some_and(|t| t.all_caps() || t.text.chars().count() <= 4)
        };
        if c.label == Label::Pending
            && c.end == c.start + 1
            && matches!(prev.label, Label::Person | Label::Org)
            && prev.end + 1 == c.start
            && view.text(prev.end) == "("
            && view.text(c.end) == ")"
            && short()
        {
            if let Some(c) = cands.get_mut(i) {
                c.label = Label::Org;
            }
        }
    }
}

/// «Football Manager», «FM» 2009: a name that fills a pair of guillemets is the title of a
/// work (a game, a book, a programme), not an organisation, unless the lexicon lists it.
fn drop_titles(view: &View<'_>, hits: &phrase::Hits, cands: &mut [Cand]) {
    let is = |i: usize, kinds: &[TokenKind]| view.get(i).is_some_and(|t| kinds.contains(&t.kind));
    let open = [TokenKind::QuoteOpen, TokenKind::Quote];
    let close = [TokenKind::QuoteClose, TokenKind::Quote];
    for c in cands.iter_mut() {
        if c.label != Label::Org || c.start == 0 || !is(c.start - 1, &open) {
            continue;
        }
        let closed =
            is(c.end, &close) || (is(c.end, &[TokenKind::Number]) && is(c.end + 1, &close));
        let listed = hits.get(c.start).is_some_and(|h| h.org);
        if closed && !listed {
            c.label = Label::Pending;
        }
    }
}

/// "Regjeringen vil ...": a word the text also writes in lower case ("regjeringen") is a
/// common noun, and its capital at a sentence start proves no name. Only definite nouns are
/// asked ("-en", "-et", "-a", "-ene", also in the genitive), so "Høyre" the party stays one
/// although "til høyre" is in the text.
fn drop_initial_common_nouns(view: &View<'_>, cands: &mut [Cand]) {
    /// A one-word organisation at a sentence start, capitalised but not all capitals, with a
    /// definite noun's ending. Inlined: it is asked of every candidate.
    #[inline(always)]
    fn asked(view: &View<'_>, c: &Cand) -> bool {
        let definite = |lower: &str| {
            let w = lower.strip_suffix('s').unwrap_or(lower);
            w.chars().count() >= 5 && ["en", "et", "a", "ene"].iter().any(|e| w.ends_with(e))
        };
        c.label == Label::Org
            && c.end == c.start + 1
            && view.get(c.start).is_some_and(|t| {
                t.initial() && t.cap() && !t.all_caps() && definite(view.lower_of(t))
            })
    }
    let asked = |c: &Cand| asked(view, c);
    // One pass over the candidates notes the first eight asked and counts them all.
    let mut words: [(usize, &str, bool); 8] = [(0, "", false); 8];
    let key_bit = |t: &view::Tok<'_>| 1u64 << (t.key() & 63);
    let mut keys = 0u64;
    let mut n_asked = 0;
    for (i, c) in cands.iter().enumerate() {
        if !asked(c) {
            continue;
        }
        if let (Some(t), Some(slot)) = (view.get(c.start), words.get_mut(n_asked)) {
            *slot = (i, view.lower_of(t), false);
            keys |= key_bit(t);
        }
        n_asked += 1;
    }
    if n_asked == 0 {
        return;
    }
    // A few words are looked for in one scan of the text; many by a set of theirs in the same
    // scan, so a text made of such sentences stays linear. The set is of the words asked, not
    // of the text's: a set of every lower-case word of a long text (the 4 MB corpus as one
    // text) cost a third of the recognizer's time, rehashed as it grew.
    let word_of = |c: &Cand| view.get(c.start).map(|t| view.lower_of(t));
    if n_asked > 8 {
        // Each asked word, and whether the text writes it in lower case.
        let mut common: HashMap<&str, bool> =
            HashMap::with_capacity_and_hasher(n_asked, Default::default());
        let keys = view::KeySet::of_keys(cands.iter().filter(|c| asked(c)).filter_map(|c| {
            let t = view.get(c.start)?;
            common.insert(view.lower_of(t), false);
            Some(t.key())
        }));
        // A word written as one of them has its lower case, so its key: most are turned away
        // by the key without a lookup.
        for t in &view.toks {
            if keys.may_hold(t.key()) && t.is_word() && !t.cap() {
                if let Some(seen) = common.get_mut(t.text) {
                    *seen = true;
                }
            }
        }
        for c in cands.iter_mut() {
            if asked(c) && word_of(c).is_some_and(|w| common.get(w) == Some(&true)) {
                c.label = Label::Pending;
            }
        }
        return;
    }
    // At most eight words: the scan compares a word of the text only when its key
    // ([`view::word_key`] of its lower case) has a bit of theirs. A word written as one of them
    // has its lower case, so its key, and most others are turned away without reading them,
    // four records by one test.
    let words = words.get_mut(..n_asked).unwrap_or(&mut []);
    let mut compare = |t: &view::Tok<'_>| {
        if keys & key_bit(t) != 0 && t.is_word() && !t.cap() {
            for (_, asked, common) in words.iter_mut() {
                *common |= *asked == t.text;
            }
        }
    };
    let mut chunks = view.toks.chunks_exact(4);
    for chunk in &mut chunks {
        if let [a, b, c, d] = chunk {
            if (key_bit(a) | key_bit(b) | key_bit(c) | key_bit(d)) & keys != 0 {
                chunk.iter().for_each(&mut compare);
            }
        }
    }
    chunks.remainder().iter().for_each(compare);
    for &(i, _, common) in words.iter() {
        if let (true, Some(c)) = (common, cands.get_mut(i)) {
            c.label = Label::Pending;
        }
    }
}

/// The lexicons know the word at `i` as a name, or its shape makes it one.
fn has_evidence(f: &Facts<'_, '_>, hits: &phrase::Hits, i: usize) -> bool {
    // The phrase first: it needs no lookup.
    hits.starts_at(i) || f.given(i) || f.surname(i) || f.single_word_org(i)
}

/// Decides the pending candidates from the rest of the text: a word that is a person's name
/// part elsewhere is that person; one that names an organisation elsewhere is it; a word in a
/// list of organisations is one; a word in a person's context is a person.
fn resolve_pending(view: &View<'_>, lx: &EntityLexicon, cands: &mut [Cand], lists: &mut NameLists) {
    // A list can make an organisation of a word that names decide elsewhere, and back.
    // Only organisation names are taken from the second round: a person found by context
    // must not spread.
    // The rounds decide pending candidates and single places, and never make a candidate
    // pending; the lists decide pending ones. The others keep their labels throughout.
    let NameLists {
        names,
        named,
        pending,
    } = lists;
    names.fill(view, cands);
    if names.is_empty() {
        // No candidate for the name rounds to decide, so none pending for the lists.
        return;
    }
    #[cfg(debug_assertions)]
    let labels: Vec<Label> = cands.iter().map(|c| c.label).collect();
    resolve_by_names(view, lx, cands, names, named);
    // The candidates left pending, in order: only they are asked from here on.
    pending.clear();
    pending.extend(
        (names.asked.iter().map(|a| a.cand))
            .filter(|&i| cands.get(i).is_some_and(|c| c.label == Label::Pending)),
    );
    resolve_by_lists(view, cands, pending);
    resolve_orgs_again(cands, names, named, pending);
    resolve_by_lists(view, cands, pending);
    #[cfg(debug_assertions)]
    for (i, (c, was)) in cands.iter().zip(labels).enumerate() {
        debug_assert!(
            c.label == was || names.asked.binary_search_by_key(&i, |a| a.cand).is_ok(),
            "only a candidate the names round asks changes"
        );
    }
}

/// A name the rounds of [`resolve_by_names`] compare across the text: the words of tokens
/// `start..end` joined by single spaces, the last one's `cut` bytes (a genitive mark, see
/// [`rules::strip_genitive`]) left off. No token holds whitespace (`tests/offsets.rs`), so two
/// names are the same string exactly when they have as many words and each is the same word.
#[derive(Clone, Copy, Debug)]
struct NameAt {
    start: usize,
    end: usize,
    cut: usize,
}

impl NameAt {
    /// The candidate's words; its key ([`NameAt::key`]) strips a genitive off the last.
    fn whole(c: &Cand) -> NameAt {
        NameAt {
            start: c.start,
            end: c.end,
            cut: 0,
        }
    }

    /// The one word at `k`, its last `cut` bytes left off.
    fn word(k: usize, cut: usize) -> NameAt {
        NameAt {
            start: k,
            end: k + 1,
            cut,
        }
    }

    /// Word `k` of the name (counted from its first token).
    #[inline]
    fn text<'t>(self, view: &View<'t>, k: usize) -> &'t str {
        let w = view.text(k);
        if k + 1 == self.end && self.cut > 0 {
            w.get(..w.len().saturating_sub(self.cut)).unwrap_or("")
        } else {
            w
        }
    }

    /// The name as one string, its words joined by single spaces: the overflow map's key.
    #[inline(never)]
    fn string(self, view: &View<'_>) -> String {
        let mut s = String::new();
        for k in self.start..self.end {
            if k > self.start {
                s.push(' ');
            }
            s.push_str(self.text(view, k));
        }
        s
    }

    /// The same string as `other`, told word by word.
    #[inline]
    fn same(self, view: &View<'_>, other: NameAt) -> bool {
        let n = self.end.wrapping_sub(self.start);
        if n != other.end.wrapping_sub(other.start) {
            return false;
        }
        // Most names are one word: a plain loop, where the zip of two ranges cost more than
        // the comparison.
        for j in 0..n {
            if self.text(view, self.start + j) != other.text(view, other.start + j) {
                return false;
            }
        }
        true
    }

    /// A candidate's words and its key ([`NameAt::key`]), with their [`NameAt::hash`]es: the
    /// words before the last hashed once for both.
    #[inline(always)]
    fn of_cand(view: &View<'_>, c: &Cand) -> ((NameAt, u64), (NameAt, u64)) {
        let whole = NameAt::whole(c);
        let last = c.end.wrapping_sub(1);
        let Some(t) = view.get(last) else {
            let h = whole.hash(view);
            return ((whole, h), (whole, h));
        };
        let mut h = 0;
        for k in c.start..last {
            if let Some(t) = view.get(k) {
                h = fold(h, word_bits(t.key(), t.text.len()));
            }
        }
        let hw = fold(h, word_bits(t.key(), t.text.len()));
        let cut = genitive_cut(t.text);
        if cut == 0 {
            return ((whole, hw), (whole, hw));
        }
        let len = t.text.len() - cut;
        let hk = fold(h, word_bits(stem_key(view, t, len), len));
        ((whole, hw), (NameAt { cut, ..whole }, hk))
    }

    /// A hash of the name from its words' keys ([`view::Tok::key`], of the lower case) and
    /// lengths, which the records hold: no byte of the text is read but for a genitive's stem.
    /// Equal names have equal hashes; names that differ only in case ("NRK", "Nrk") share
    /// theirs, and [`Names`] tells them apart by [`NameAt::same`]. A name of one word hashes as
    /// [`word_hash`] of its token.
    #[inline]
    fn hash(self, view: &View<'_>) -> u64 {
        let mut h = 0u64;
        for k in self.start..self.end {
            let Some(t) = view.get(k) else { break };
            let word = if k + 1 == self.end && self.cut > 0 {
                let len = t.text.len().saturating_sub(self.cut);
                word_bits(stem_key(view, t, len), len)
            } else {
                word_bits(t.key(), t.text.len())
            };
            h = fold(h, word);
        }
        h
    }
}

/// The hash of a name made of the words hashed to `h` and a word of [`word_bits`] `word`.
#[inline(always)]
fn fold(h: u64, word: u64) -> u64 {
    (h.rotate_left(23) ^ word).wrapping_mul(HASH_FACTOR)
}

/// The bytes [`rules::strip_genitive`] takes off `word`. Its first test, of the last byte, is
/// made here in line: most words end in no genitive mark, and the call cost more than the test.
#[inline(always)]
fn genitive_cut(word: &str) -> usize {
    if !matches!(word.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return 0;
    }
    word.len() - rules::strip_genitive(word).len()
}

/// The multiplier of [`NameAt::hash`]: the top bits of a product depend on every bit below
/// them, and [`Names`] takes its slot from them.
const HASH_FACTOR: u64 = 0x9E37_79B9_7F4A_7C15;

/// What [`NameAt::hash`] takes of a word: its key and its length.
#[inline(always)]
fn word_bits(key: u16, len: usize) -> u64 {
    u64::from(key) | (len as u64) << 16
}

/// [`NameAt::hash`] of the one word of `t`, whole.
#[inline(always)]
fn word_hash(t: &view::Tok<'_>) -> u64 {
    fold(0, word_bits(t.key(), t.text.len()))
}

/// The [`view::word_key`] of the first `len` bytes of `t` (a genitive's stem), as the record
/// of a token written so holds it: taken from `t`'s lower case, which is its stem's lower case
/// and the mark ("s", "'", "’", which have no case). Out of line: few words have a genitive.
#[inline(never)]
fn stem_key(view: &View<'_>, t: &view::Tok<'_>, len: usize) -> u16 {
    let stem = t.text.get(..len).unwrap_or("");
    // Letters lower-case one by one but for the Greek capital sigma (its lead byte 0xCE),
    // whose lower case depends on the letter after it: such a stem is lower-cased alone.
    let lower: Cow<'_, str> = if stem.as_bytes().contains(&0xCE) {
        view::lower_case(stem)
    } else {
        let lower = view.lower_of(t);
        let cut = t.text.len() - len;
        Cow::Borrowed(lower.get(..lower.len().saturating_sub(cut)).unwrap_or(""))
    };
    view::word_key(&lower)
}

/// The most other names of a name's hash its probe compares before [`Names`]' overflow map
/// answers.
const MAX_SAME_HASH: usize = 8;

/// Where a name's slots in [`Names`] led.
enum Probe {
    /// Its number.
    Found(usize),
    /// Not numbered: the first empty slot of its probe, where it would go.
    Empty(usize),
    /// [`MAX_SAME_HASH`] other names of its hash: the overflow map answers.
    Full,
}

/// The candidates' names, each distinct one numbered once for both rounds of
/// [`resolve_by_names`], so that a round keeps what it learns in a vector by number. Only the
/// names of the candidates a round may decide (pending ones, single places) are numbered: a
/// name no such candidate has is never asked. A name is found by its [`NameAt::hash`], made
/// of what the view's records hold, and checked word by word on a hit: no string is built.
#[derive(Default)]
struct Names {
    /// An open-addressing table over the names' hashes: the low half of a name's hash and
    /// its number plus one (0: an empty slot). At most half full.
    slots: Vec<(u32, u32)>,
    /// The shift that takes a hash's top bits to a slot.
    shift: u32,
    /// Each numbered name, compared with a name whose hash hits its slot.
    numbered: Vec<NameAt>,
    /// The names whose slots' first [`MAX_SAME_HASH`] names of their hash were other names, by
    /// their string: crafted names can share a hash by the thousand (words over sixteen bytes
    /// alike in those, a word in many cases), and a probe past all of them would make the
    /// table quadratic.
    overflow: HashMap<String, usize>,
    /// Bit `n` (63 for any more) set when a numbered name has `n` words: a name of a length
    /// no numbered name has is not hashed or probed (most candidates asked are one word, most
    /// people's names two or three).
    lengths: u64,
    /// The candidates asked ([`Cand::looked_up_by_names`] when numbered), in order, with their
    /// names' numbers: the others' are found where a round asks them ([`Names::name_of`]), as
    /// most are asked once, and many never.
    asked: Vec<Asked>,
}

/// A candidate [`Names`] numbers, and the numbers of its words and of its key (whether they
/// differ: the key is the whole name unless its last word is a genitive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Asked {
    cand: usize,
    whole: u32,
    key: u32,
    genitive: bool,
}

impl Asked {
    /// [`Names::name_of`] of the candidate.
    #[inline]
    fn name(self) -> (usize, usize, bool) {
        (self.whole as usize, self.key as usize, self.genitive)
    }
}

impl Names {
    const NONE: u32 = u32::MAX;

    /// The names of `cands`; those of the candidates [`Cand::looked_up_by_names`] are
    /// numbered.
    #[cfg(test)]
    fn new(view: &View<'_>, cands: &[Cand]) -> Names {
        let mut names = Names::default();
        names.fill(view, cands);
        names
    }

    /// [`Names::new`] in the lists of the last text's names: the text's own table of a few
    /// hundred slots cost an allocation of over a kilobyte and its zeroing every text, and the
    /// lists by candidate theirs.
    fn fill(&mut self, view: &View<'_>, cands: &[Cand]) {
        let mut asked = std::mem::take(&mut self.asked);
        asked.clear();
        asked.extend(cands.iter().enumerate().filter_map(|(cand, c)| {
            c.looked_up_by_names().then_some(Asked {
                cand,
                whole: Self::NONE,
                key: Self::NONE,
                genitive: false,
            })
        }));
        // Two names at most a candidate asked, in at most half the slots.
        let n_slots = if asked.is_empty() {
            0
        } else {
            (4 * asked.len()).next_power_of_two().max(16)
        };
        self.slots.clear();
        self.slots.resize(n_slots, (0, 0));
        self.shift = 64 - n_slots.max(2).trailing_zeros();
        self.numbered.clear();
        self.numbered.reserve(asked.len());
        self.overflow.clear();
        self.lengths = 0;
        // An asked name keeps the number it is given; the others are looked up once all are
        // numbered.
        for a in asked.iter_mut() {
            let Some(c) = cands.get(a.cand) else { continue };
            let ((whole, hw), (key, hk)) = NameAt::of_cand(view, c);
            let genitive = key.cut > 0;
            let w = self.number(view, whole, hw);
            let k = if genitive {
                self.number(view, key, hk)
            } else {
                w
            };
            (a.whole, a.key, a.genitive) = (Self::as_id(w), Self::as_id(k), genitive);
        }
        self.asked = asked;
    }

    /// A name's number as [`Asked`] holds it: fewer than four billion names, so a number
    /// past them is none.
    #[inline(always)]
    fn as_id(n: usize) -> u32 {
        u32::try_from(n).unwrap_or(Self::NONE)
    }

    /// The room kept for the next text.
    fn bytes(&self) -> usize {
        self.slots.capacity() * size_of::<(u32, u32)>()
            + self.numbered.capacity() * size_of::<NameAt>()
            + self.overflow.capacity() * size_of::<(String, usize)>()
            + self.asked.capacity() * size_of::<Asked>()
    }

    /// No name is numbered: no candidate is asked.
    fn is_empty(&self) -> bool {
        self.numbered.is_empty()
    }

    /// How many names are numbered (their numbers are `0..len`).
    fn len(&self) -> usize {
        self.numbered.len()
    }

    /// The number of `name` (whose [`NameAt::hash`] is `h`), numbered anew when it has none.
    #[inline]
    fn number(&mut self, view: &View<'_>, name: NameAt, h: u64) -> usize {
        let i = self.numbered.len();
        match self.probe(view, name, h) {
            Probe::Found(i) => return i,
            Probe::Empty(at) => {
                if let (Some(slot), Ok(id)) = (self.slots.get_mut(at), u32::try_from(i + 1)) {
                    *slot = (h as u32, id);
                }
            }
            Probe::Full => match self.overflow.entry(name.string(view)) {
                std::collections::hash_map::Entry::Occupied(e) => return *e.get(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(i);
                }
            },
        }
        self.lengths |= Self::length_bit(name);
        self.numbered.push(name);
        i
    }

    /// The bit of [`Names::lengths`] of `name`'s number of words.
    #[inline(always)]
    fn length_bit(name: NameAt) -> u64 {
        1 << name.end.wrapping_sub(name.start).min(63)
    }

    /// Some numbered name has as many words as `name`: else it has no number.
    #[inline(always)]
    fn may_number(&self, name: NameAt) -> bool {
        self.lengths & Self::length_bit(name) != 0
    }

    /// The number of `name` (whose [`NameAt::hash`] is `h`), if it has one.
    #[inline(always)]
    fn find(&self, view: &View<'_>, name: NameAt, h: u64) -> Option<usize> {
        match self.probe(view, name, h) {
            Probe::Found(i) => Some(i),
            Probe::Empty(_) => None,
            Probe::Full => self.overflow.get(&name.string(view)).copied(),
        }
    }

    /// Where the slots of `name` (whose [`NameAt::hash`] is `h`) lead. The table is made once
    /// and only gains names, so a name's probe passes the same names each time it is asked:
    /// one sent to the overflow map is always looked for there.
    #[inline(always)]
    fn probe(&self, view: &View<'_>, name: NameAt, h: u64) -> Probe {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = (h >> (self.shift & 63)) as usize;
        let mut same_hash = 0;
        // At most half full: a probe meets an empty slot.
        while let Some(&(tag, id)) = self.slots.get(at) {
            let Some(i) = (id as usize).checked_sub(1) else {
                return Probe::Empty(at);
            };
            // The hashes of names that differ only in case are equal: a hit is compared.
            if tag == h as u32 {
                if self.numbered.get(i).is_some_and(|&n| n.same(view, name)) {
                    return Probe::Found(i);
                }
                same_hash += 1;
                if same_hash == MAX_SAME_HASH {
                    return Probe::Full;
                }
            }
            at = (at + 1) & mask;
        }
        // No slots: no name is numbered (at most half full, a probe of a table meets an empty
        // slot).
        Probe::Empty(usize::MAX)
    }

    /// The numbers of candidate `c`'s words and of its key ([`NONE`](Self::NONE) for a name
    /// never asked, as `usize`), and whether they differ: the key is the whole name unless its
    /// last word is a genitive, and is then asked as well. An asked candidate's are in
    /// [`Names::asked`].
    #[inline(always)]
    fn name_of(&self, view: &View<'_>, c: &Cand) -> (usize, usize, bool) {
        // Its words and its key have as many words as the candidate.
        if !self.may_number(NameAt::whole(c)) {
            let last = view.text(c.end.wrapping_sub(1));
            let none = Self::NONE as usize;
            return (none, none, genitive_cut(last) > 0);
        }
        let ((whole, hw), (key, hk)) = NameAt::of_cand(view, c);
        let genitive = key.cut > 0;
        let id = |n: NameAt, h: u64| self.find(view, n, h).map_or(Self::NONE, Self::as_id) as usize;
        let w = id(whole, hw);
        (w, if genitive { id(key, hk) } else { w }, genitive)
    }

    /// [`Names::name_of`] candidate `i` of `cands` (those [`Names::fill`] was given).
    #[cfg(test)]
    fn name(&self, view: &View<'_>, cands: &[Cand], i: usize) -> (usize, usize, bool) {
        match self.asked.binary_search_by_key(&i, |a| a.cand) {
            Ok(at) => self.asked[at].name(),
            Err(_) => self.name_of(view, &cands[i]),
        }
    }

    /// The number of `name` when it is asked.
    #[inline]
    fn id(&self, view: &View<'_>, name: NameAt) -> Option<usize> {
        self.find(view, name, name.hash(view))
    }

    /// [`Names::id`] of the word at `k`, whole: the words of the text's people, most of which
    /// no candidate asked has, are turned away by one slot.
    #[inline(always)]
    fn id_of_word(&self, view: &View<'_>, k: usize) -> Option<usize> {
        let t = view.get(k)?;
        self.find(view, NameAt::word(k, 0), word_hash(t))
    }
}

/// The lists of [`resolve_pending`], kept from text to text in [`Lists`].
#[derive(Default)]
pub(crate) struct NameLists {
    names: Names,
    /// What [`resolve_by_names`] found of each name, by number.
    named: Vec<Named>,
    /// The candidates left pending after it, in order.
    pending: Vec<usize>,
}

impl NameLists {
    /// The room kept for the next text.
    fn bytes(&self) -> usize {
        self.names.bytes()
            + self.named.capacity() * size_of::<Named>()
            + self.pending.capacity() * size_of::<usize>()
    }
}

/// What the rest of the text says of one name (a word, or a candidate's words).
#[derive(Clone, Copy, Debug, Default)]
struct Named {
    /// A word of a person's name, or its genitive stem.
    person_word: bool,
    /// The last word of a person's full name, genitive stripped.
    surname: bool,
    /// An organisation's name (or its key).
    org: bool,
    /// The label of the last candidate inside a sentence with this key.
    mid: Option<Label>,
}

/// Pending words that the rest of the text names: a person's name part, an organisation
/// mentioned elsewhere, a word seen inside a sentence with a label, a person's context. Returns
/// what it found of each name in `named`, for [`resolve_orgs_again`].
fn resolve_by_names(
    view: &View<'_>,
    lx: &EntityLexicon,
    cands: &mut [Cand],
    names: &Names,
    named: &mut Vec<Named>,
) {
    // One entry for every name: a name in several kinds (an organisation's whole name is
    // most often its key) is found once.
    named.clear();
    named.resize(names.len(), Named::default());
    // A name no candidate has is never asked: it needs no entry.
    fn entry(named: &mut [Named], id: Option<usize>) -> Option<&mut Named> {
        id.and_then(|i| named.get_mut(i))
    }
    // The asked candidates, met in order: their names' numbers are in the list, the next one
    // at `next`.
    let mut next = 0;
    for (i, c) in cands.iter().enumerate() {
        let this = names.asked.get(next).filter(|a| a.cand == i);
        next += usize::from(this.is_some());
        if c.label == Label::Person {
            for k in c.start..c.end {
                let word = names.id_of_word(view, k);
                // A stem is asked only where the word has a genitive, as most words have none.
                let cut = view.get(k).map_or(0, |t| genitive_cut(t.text));
                let stem = if cut > 0 {
                    let stem = names.id(view, NameAt::word(k, cut));
                    if let Some(n) = entry(named, stem) {
                        n.person_word = true;
                    }
                    stem
                } else {
                    word
                };
                if let Some(n) = entry(named, word) {
                    n.person_word = true;
                }
                if k + 1 == c.end && c.end - c.start >= 2 {
                    if let Some(n) = entry(named, stem) {
                        n.surname = true;
                    }
                }
            }
        }
        // An organisation's name, and any label seen inside a sentence, are asked by their
        // words: built once for both.
        let org = c.label == Label::Org;
        let mid = c.label != Label::Pending && view.get(c.start).is_some_and(|t| !t.initial());
        if !(org || mid) {
            continue;
        }
        let (whole, key, genitive) = match this {
            Some(a) => a.name(),
            None => names.name_of(view, c),
        };
        if let Some(n) = entry(named, Some(key)) {
            n.org |= org;
            if mid {
                n.mid = Some(c.label);
            }
        }
        if let (true, Some(n)) = (org && genitive, entry(named, Some(whole))) {
            n.org = true;
        }
    }
    let at = |id: usize| named.get(id).copied().unwrap_or_default();
    // The candidates asked are those still looked up: only the one at hand changes.
    for a in &names.asked {
        let Some(c) = cands.get_mut(a.cand) else {
            continue;
        };
        let single = c.end - c.start == 1;
        let (whole, k, genitive) = a.name();
        let at_whole = at(whole);
        let at_k = if genitive { at(k) } else { at_whole };
        let is_org = at_whole.org || genitive && at_k.org;
        match c.label {
            Label::Pending => {
                let t = view.get(c.start);
                let initial_word = t.is_some_and(|t| t.initial() && lx.is_name_word(t.text));
                let initial = t.is_some_and(|t| t.initial());
                // At a sentence start only a surname is evidence ("Helt" may be a middle name,
                // but "Helt frivillig" is an adverb).
                let has = if initial {
                    at_whole.surname || genitive && at_k.surname
                } else {
                    at_whole.person_word || genitive && at_k.person_word
                };
                if single && !initial_word && has {
                    c.label = Label::Person;
                } else if is_org {
                    c.label = Label::Org;
                } else if let Some(l) = at_k.mid {
                    c.label = l;
                } else if c.end - c.start <= 2
                    && !initial
                    && person::person_context(view, lx, c.start, c.end)
                {
                    c.label = Label::Person;
                }
            }
            // "Vestre" the person, not the place, once "Jan Christian Vestre" is in the text.
            Label::Place if single && at_k.person_word => c.label = Label::Person,
            _ => {}
        }
    }
}

/// The second round of [`resolve_by_names`], for organisations only: a pending name that a
/// candidate found an organisation since the first round (by that round or by a list) names
/// is one too. Organisations only grow in number, so the first round's entries (`named`) are
/// kept and only the names of the new ones marked; when that marks no name anew, every
/// pending candidate stays pending, as the first round found none of them an organisation.
/// The new organisations are among the candidates the first round asked, which were none
/// before it; `pending` holds the candidates pending, in order, and is kept so.
fn resolve_orgs_again(
    cands: &mut [Cand],
    names: &Names,
    named: &mut [Named],
    pending: &mut Vec<usize>,
) {
    let mut more = false;
    let mut mark = |id: usize| {
        if let Some(n) = named.get_mut(id) {
            more |= !n.org;
            n.org = true;
        }
    };
    for a in &names.asked {
        if cands.get(a.cand).is_none_or(|c| c.label != Label::Org) {
            continue;
        }
        let (whole, key, genitive) = a.name();
        mark(key);
        if genitive {
            mark(whole);
        }
    }
    if !more {
        return;
    }
    let org = |id: usize| named.get(id).is_some_and(|n| n.org);
    // The pending candidates are among the asked, in the same order: one walk finds theirs.
    let mut asked = names.asked.iter();
    let none = (Names::NONE as usize, Names::NONE as usize, false);
    pending.retain(|&i| {
        let (whole, key, genitive) = asked.find(|a| a.cand == i).map_or(none, |a| a.name());
        let Some(c) = cands.get_mut(i) else {
            return false;
        };
        if org(whole) || genitive && org(key) {
            c.label = Label::Org;
        }
        c.label == Label::Pending
    });
}

/// Pending words listed with organisations: "Olympiatoppen, NRK, Talent Norge og Smart
/// Innovation Norway". `pending` holds the candidates pending, in order, and is kept so.
fn resolve_by_lists(view: &View<'_>, cands: &mut [Cand], pending: &mut Vec<usize>) {
    // Each pass goes through the candidates in order, and an organisation makes its pending
    // neighbours organisations at once: a pending one becomes one when the candidate before it
    // is one by then (an organisation, or a pending one this pass made one) or the one after
    // it was one as the pass began. Only the pending candidates are asked that, so a pass does
    // no work for the others.
    let listed = |cands: &[Cand], a: usize, b: usize| {
        let (Some(ca), Some(cb)) = (cands.get(a), cands.get(b)) else {
            return false;
        };
        ca.end + 1 == cb.start
            && matches!(view.lower(ca.end), "," | "og" | "eller" | "samt" | "&")
            && view.same_sentence(ca.start, cb.start)
    };
    let org = |cands: &[Cand], i: usize| cands.get(i).is_some_and(|c| c.label == Label::Org);
    // A second pass changes one only after a first that did.
    for _ in 0..2 {
        let mut changed = false;
        for &p in pending.iter() {
            let before = p > 0 && org(cands, p - 1) && listed(cands, p - 1, p);
            if before || org(cands, p + 1) && listed(cands, p, p + 1) {
                if let Some(c) = cands.get_mut(p) {
                    c.label = Label::Org;
                    changed = true;
                }
            }
        }
        if !changed {
            return;
        }
        pending.retain(|&p| cands.get(p).is_some_and(|c| c.label == Label::Pending));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokenizer;

    #[test]
    fn marked_holds_every_token_a_pass_starts_from() {
        let text = "– Vi er klare, sier Kari Hansen-Østby i NRK. ÆRLIG talt, iKuben og \
                    Dagbladet.no, ifølge Nærings- og fiskeridepartementet. ǅemal Ĳssel ΟΔΟΣ \
                    www.Nrk.no 17. mai. «Det» sa hun. Éric og Åse. "
            // Several sentences of each kind of opener, in one view's list.
            .repeat(3);
        let doc = Tokenizer::new().analyse(&text);
        let view = View::new(&doc);
        let marked = marked(&view);
        assert!(marked.is_sorted() && marked.windows(2).all(|w| w[0] < w[1]));
        for (i, t) in view.toks.iter().enumerate() {
            let asked = t.cap()
                || t.all_caps()
                || t.has_upper()
                || t.initial()
                || t.kind == TokenKind::Url
                    && t.text.chars().next().is_some_and(char::is_uppercase);
            assert_eq!(
                marked.contains(&i),
                t.has_upper() || t.initial(),
                "{:?}",
                t.text
            );
            assert!(!asked || marked.contains(&i), "{:?}", t.text);
        }
        assert!(marked.len() > 10 && marked.len() < view.len());
    }

    /// A text of each length around 64, 128 and 192 tokens (where `marked` once read the
    /// tokens in chunks), marked at every place, at none, and at the first and last places
    /// of each chunk only, gives the tokens a token-by-token filter gives.
    #[test]
    fn marked_at_the_edges_of_its_chunks() {
        for len in [1, 2, 63, 64, 65, 127, 128, 129, 191, 192, 193] {
            for pattern in 0..3 {
                let words: Vec<&str> = (0..len)
                    .map(|i| match pattern {
                        0 => "Oslo",
                        1 => "og",
                        _ if matches!(i % 64, 0 | 63) || i + 1 == len => "Oslo",
                        _ => "og",
                    })
                    .collect();
                let text = words.join(" ");
                let doc = Tokenizer::new().analyse(&text);
                let view = View::new(&doc);
                assert_eq!(view.len(), len, "{len}");
                let expected: Vec<usize> = (0..view.len())
                    .filter(|&i| view.toks[i].has_upper() || view.toks[i].initial())
                    .collect();
                // Every "Oslo" is marked (and the first token, which opens the sentence).
                let capitalised = words.iter().enumerate().filter(|(_, w)| **w == "Oslo");
                assert!(capitalised.map(|(i, _)| i).all(|i| expected.contains(&i)));
                assert_eq!(marked(&view), expected, "{len} {pattern}");
            }
        }
    }

    /// A role with a token in a mention is dropped, one the mentions before it leave alone is
    /// kept: the walk of the mentions in order keeps the furthest end of those that start
    /// before the role's end. "Canutte EØS-" is a name on the first token of the role "EØS- og
    /// EU-minister" only.
    #[test]
    fn roles_with_a_token_in_a_mention_are_dropped() {
        let text =
            "Canutte EØS- og EU-minister sa det. Statsminister Jonas Gahr Støre sa det. ".repeat(3);
        let doc = crate::Extractor::new().extract(&text);
        let found: Vec<(&str, EntityKind)> = doc
            .entities
            .iter()
            .map(|e| (&text[e.start..e.end], e.kind))
            .collect();
        let once = [
            ("Canutte EØS-", EntityKind::Person),
            ("Statsminister", EntityKind::Role),
            ("Jonas Gahr Støre", EntityKind::Person),
        ];
        assert_eq!(found, once.repeat(3));
    }

    /// A capitalised function word alone opening its sentence with no lexicon phrase at it,
    /// which `run::runs` leaves out, is a run `classify` gives nothing for, whatever the run's
    /// flags: generated sentences, their phrases looked up by the lexicons.
    #[test]
    fn lone_sentence_opening_function_words_classify_as_nothing() {
        let lx = EntityLexicon::new(crate::lexicon::LexiconSet::embedded());
        let words = [
            "Det", "Men", "I", "Og", "Den", "De", "Han", "Også", "Kari", "Hansen", "Oslo", "NRK",
            "norske", "kirke", "Norske", "det", "sa", "DET", "(", ")", ".", ".", ",",
        ];
        let mut lone = 0;
        for text in crate::testing::word_texts(&words, 31, 2000, 10) {
            let doc = Tokenizer::new().analyse(&text);
            let view = View::new(&doc);
            let (mut hits, mut role_starts, mut room) = (phrase::Hits::default(), vec![], vec![]);
            phrase::find(&view, &lx, &[], view.marked(), &mut hits, &mut role_starts);
            let facts = Facts::new(&view, &lx, text.as_bytes(), &mut room);
            for k in 0..view.len() {
                let left_out = !hits.starts_at(k)
                    && view.get(k).is_some_and(|t| {
                        t.initial() && !t.all_caps() && lx.is_function_token(&view, t)
                    });
                if !left_out {
                    continue;
                }
                for (connector, may_split) in [(false, false), (true, true)] {
                    let mut out = Vec::new();
                    let r = run::Run {
                        start: k,
                        end: k + 1,
                        connector,
                        may_split,
                    };
                    classify(&facts, &hits, r, &mut out);
                    assert!(out.is_empty(), "{text:?} {k} {out:?}");
                }
                lone += 1;
            }
        }
        assert!(lone > 500, "{lone}");
    }

    /// The words of tokens `start..end` joined by single spaces, the last one's genitive
    /// stripped when `key`: the string a name stands for ([`NameAt`]).
    fn joined(view: &View<'_>, start: usize, end: usize, key: bool) -> String {
        let mut words: Vec<&str> = (start..end).map(|k| view.text(k)).collect();
        if let (true, Some(last)) = (key, words.last_mut()) {
            *last = rules::strip_genitive(last);
        }
        words.join(" ")
    }

    /// Every name of one and two words in a text of names in several cases, with and without
    /// a genitive: two candidates get the same number exactly when their strings are equal,
    /// for their words and their keys, and a word is found exactly when a name is it.
    #[test]
    fn names_are_numbered_as_their_strings() {
        let text = "Kari Hansen møtte HANSEN og hansen. Kari Hansens bok, KARI HANSEN's bok og \
                    Hansen's. NRK, Nrk og NRKs sjef. ΟΔΟΣ og ΟΔΟΣs. Ås, Åss og ÅS' hus. ' s. \
                    Stoltenberg, STOLTENBERGs og Stoltenbergs. Kommunaldepartementet og \
                    Kommunaldepartementets. Ødegård og Ødegårds.";
        assert_numbered_as_strings(text);
    }

    /// Words over sixteen bytes alike in those and as long share their key, so their names
    /// share a hash: past [`MAX_SAME_HASH`] of them the overflow map numbers them, as their
    /// strings say (a probe over all of them made 20 000 such names take a second). Fails
    /// when the overflow map is not asked or not filled.
    #[test]
    fn regression_names_past_the_same_hash_limit_are_numbered_by_their_strings() {
        let mut text = String::new();
        for round in 0..3 {
            for c in 'a'..='t' {
                let word = format!("Kommunaldepartementet{c}{c}");
                let word = if round == 1 {
                    word.to_uppercase()
                } else {
                    word
                };
                text.push_str(&format!("Vi møtte {word} og {word}s i går. "));
            }
        }
        assert!(assert_numbered_as_strings(&text) > 0);
    }

    /// A candidate at every run of one and of two of `n` tokens, the `i`th of `len` words
    /// labelled `label(i, len)`.
    fn one_and_two_word_candidates(n: usize, label: impl Fn(usize, usize) -> Label) -> Vec<Cand> {
        let mut cands = Vec::new();
        for len in [1, 2] {
            for start in 0..n.saturating_sub(len - 1) {
                cands.push(Cand {
                    start,
                    end: start + len,
                    label: label(cands.len(), len),
                });
            }
        }
        cands
    }

    /// Checks [`Names`] on every name of one and two words of `text`; gives how many names
    /// went to the overflow map.
    fn assert_numbered_as_strings(text: &str) -> usize {
        let doc = Tokenizer::new().analyse(text);
        let view = View::new(&doc);
        let n = view.len();
        let cands = one_and_two_word_candidates(n, |_, _| Label::Pending);
        let names = Names::new(&view, &cands);
        let string = |i: usize, key: bool| joined(&view, cands[i].start, cands[i].end, key);
        for i in 0..cands.len() {
            let (w, k, genitive) = names.name(&view, &cands, i);
            assert_eq!(
                genitive,
                string(i, true) != string(i, false),
                "{}",
                string(i, false)
            );
            for j in 0..cands.len() {
                let (w2, k2, _) = names.name(&view, &cands, j);
                for ((a, b), (x, y)) in [((w, w2), (false, false)), ((k, k2), (true, true))] {
                    let same = string(i, x) == string(j, y);
                    assert_eq!(a == b, same, "{:?} {:?}", string(i, x), string(j, y));
                }
            }
        }
        // The words a round asks: each found exactly when some name is that word.
        let strings: Vec<String> = (0..cands.len())
            .flat_map(|i| [string(i, false), string(i, true)])
            .collect();
        for k in 0..n {
            for asked in [
                NameAt::word(k, 0),
                NameAt::word(k, genitive_cut(view.text(k))),
            ] {
                let word = joined(&view, k, k + 1, asked.cut > 0);
                let id = names.id(&view, asked);
                assert_eq!(id.is_some(), strings.contains(&word), "{word:?}");
                if let Some(id) = id {
                    assert_eq!(joined_at(&view, names.numbered[id]), word);
                }
            }
        }
        names.overflow.len()
    }

    /// Only the names of the candidates asked are numbered; a name of as many words as none of
    /// them ([`Names::lengths`]) is found to have no number without a probe, and the others
    /// are found as their strings say: names of one word and of seventy asked, of two and three
    /// not, each written twice, in the genitive too. Fails when a length is noted wrongly.
    #[test]
    fn names_of_a_length_no_asked_name_has_have_no_number() {
        let long = (0..70)
            .map(|k| format!("Ord{k}"))
            .collect::<Vec<_>>()
            .join(" ");
        let text = format!(
            "Kari Hansen møtte Hansen og Kari Hansens Hansens. {long} og {long}s. Ola Nordmann \
             Hansen, Ola Nordmann Hansens og Nordmann Hansen."
        );
        let doc = Tokenizer::new().analyse(&text);
        let view = View::new(&doc);
        let n = view.len();
        let mut cands = Vec::new();
        for len in [1, 2, 3, 70] {
            for start in 0..n.saturating_sub(len - 1) {
                let label = if matches!(len, 1 | 70) {
                    Label::Pending
                } else {
                    Label::Org
                };
                cands.push(Cand {
                    start,
                    end: start + len,
                    label,
                });
            }
        }
        let names = Names::new(&view, &cands);
        let string = |i: usize, key: bool| joined(&view, cands[i].start, cands[i].end, key);
        let asked: Vec<String> = (0..cands.len())
            .filter(|&i| cands[i].looked_up_by_names())
            .flat_map(|i| [string(i, false), string(i, true)])
            .collect();
        let (mut found, mut unasked) = (0, 0);
        for i in 0..cands.len() {
            let (w, k, genitive) = names.name(&view, &cands, i);
            assert_eq!(genitive, string(i, true) != string(i, false));
            for (id, key) in [(w, false), (k, true)] {
                let s = string(i, key);
                if asked.contains(&s) {
                    assert_eq!(joined_at(&view, names.numbered[id]), s);
                    found += usize::from(cands[i].end - cands[i].start == 70);
                } else {
                    assert_eq!(id, Names::NONE as usize, "{s:?}");
                    unasked += 1;
                }
            }
        }
        assert!(found >= 4 && unasked > 100, "{found} {unasked}");
        assert_eq!(names.lengths, 1 << 1 | 1 << 63);
    }

    /// [`joined`] of a numbered name.
    fn joined_at(view: &View<'_>, n: NameAt) -> String {
        (n.start..n.end)
            .map(|k| n.text(view, k))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// [`Names`] filled in the lists of the texts before it ([`NameLists`], kept in [`Lists`])
    /// numbers and finds every name as a fresh one: texts longer and shorter than the last,
    /// with and without names past the same-hash limit (numbered otherwise than in the text
    /// before), and without any. Fails when the slots, the overflow map or the lists by
    /// candidate keep a name of an earlier text.
    #[test]
    fn names_in_kept_lists_are_numbered_as_in_fresh_ones() {
        let mut crowded = String::new();
        for c in 'a'..='t' {
            let word = format!("Kommunaldepartementet{c}{c}");
            crowded.push_str(&format!("Vi møtte {word} og {word}s i går. "));
        }
        let shifted = format!("Kari Hansen og NRK. {}", crowded.replace("Vi", "Nå"));
        let texts = [
            crowded.as_str(),
            "Kari Hansen møtte HANSEN og Hansens. NRK, Nrk og NRKs sjef.",
            &shifted,
            "",
            "Hansen",
            &crowded,
        ];
        let labels = [Label::Pending, Label::Org, Label::Person, Label::Place];
        let mut kept = Names::default();
        for text in texts.iter().chain(&texts) {
            let doc = Tokenizer::new().analyse(text);
            let view = View::new(&doc);
            let n = view.len();
            let cands = one_and_two_word_candidates(n, |i, len| match labels[i % labels.len()] {
                Label::Place if len == 2 => Label::Pending,
                label => label,
            });
            kept.fill(&view, &cands);
            let fresh = Names::new(&view, &cands);
            assert_eq!(kept.len(), fresh.len(), "{text:?}");
            assert_eq!(kept.asked, fresh.asked, "{text:?}");
            assert_eq!(kept.overflow.len(), fresh.overflow.len(), "{text:?}");
            for i in 0..cands.len() {
                assert_eq!(
                    kept.name(&view, &cands, i),
                    fresh.name(&view, &cands, i),
                    "{text:?} {i}"
                );
            }
            for k in 0..n {
                for asked in [
                    NameAt::word(k, 0),
                    NameAt::word(k, genitive_cut(view.text(k))),
                ] {
                    assert_eq!(kept.id(&view, asked), fresh.id(&view, asked), "{text:?}");
                }
            }
        }
    }

    /// [`drop_initial_common_nouns`] with a few words asked (compared in one scan) and with
    /// many (a set of theirs): a sentence-initial definite noun is made pending exactly when
    /// the text writes it in lower case, as a walk over every word for every candidate finds.
    /// Fails when a word past the eighth is not looked for, or its candidate not made pending.
    #[test]
    fn initial_common_nouns_are_those_written_in_lower_case() {
        for n in [1, 7, 8, 9, 12, 40] {
            let mut text = String::new();
            for k in 0..n {
                let (a, b) = (
                    (b'a' + (k % 26) as u8) as char,
                    (b'a' + (k / 26) as u8) as char,
                );
                text.push_str(&format!("Bil{a}{b}en vil kutte. "));
                if k % 3 != 1 {
                    text.push_str(&format!("Det mener bil{a}{b}en selv. "));
                }
            }
            let doc = Tokenizer::new().analyse(&text);
            let view = View::new(&doc);
            let mut cands: Vec<Cand> = (0..view.len())
                .filter(|&k| view.get(k).is_some_and(|t| t.initial() && t.cap()))
                .map(|k| Cand {
                    start: k,
                    end: k + 1,
                    label: if view.text(k) == "Det" {
                        Label::Person
                    } else {
                        Label::Org
                    },
                })
                .collect();
            let expected: Vec<Label> = cands
                .iter()
                .map(|c| {
                    let lower = view.lower(c.start);
                    let written = (0..view.len()).any(|k| {
                        view.get(k)
                            .is_some_and(|t| t.is_word() && !t.cap() && t.text == lower)
                    });
                    if c.label == Label::Org && written {
                        Label::Pending
                    } else {
                        c.label
                    }
                })
                .collect();
            assert!(expected.contains(&Label::Pending));
            assert!(n < 2 || expected.contains(&Label::Org));
            drop_initial_common_nouns(&view, &mut cands);
            let labels: Vec<Label> = cands.iter().map(|c| c.label).collect();
            assert_eq!(labels, expected, "{n} words asked");
        }
    }

    /// Names that differ only in case hash alike (the hash is made of the words' lower-case
    /// keys): "HANSEN" is not the "Hansen" numbered before it, and a stem ("HANSEN's")
    /// neither. Fails when a hit is not compared word by word.
    #[test]
    fn regression_names_of_equal_hashes_are_told_apart() {
        let text = "Hansen kom. HANSEN gikk. HANSEN's bok. Kari Hansen og KARI HANSEN.";
        let doc = Tokenizer::new().analyse(text);
        let view = View::new(&doc);
        let at = |w: &str, nth: usize| {
            let mut places = (0..view.len()).filter(|&k| view.text(k) == w);
            places.nth(nth).unwrap()
        };
        let one = |start: usize, end: usize| Cand {
            start,
            end,
            label: Label::Pending,
        };
        let (hansen, upper, genitive) = (at("Hansen", 0), at("HANSEN", 0), at("HANSEN's", 0));
        let (kari, upper_kari) = (at("Kari", 0), at("KARI", 0));
        let cands = [
            one(hansen, hansen + 1),
            one(upper, upper + 1),
            one(genitive, genitive + 1),
            one(kari, kari + 2),
            one(upper_kari, upper_kari + 2),
        ];
        // The hashes collide.
        let hash = |start: usize, end: usize| NameAt { start, end, cut: 0 }.hash(&view);
        assert_eq!(hash(hansen, hansen + 1), hash(upper, upper + 1));
        assert_eq!(hash(kari, kari + 2), hash(upper_kari, upper_kari + 2));
        let stem = NameAt::word(genitive, genitive_cut(view.text(genitive)));
        assert_eq!(stem.hash(&view), hash(hansen, hansen + 1));
        // The names do not.
        let names = Names::new(&view, &cands);
        let ids: Vec<(usize, usize)> = (0..cands.len())
            .map(|i| {
                (
                    names.name(&view, &cands, i).0,
                    names.name(&view, &cands, i).1,
                )
            })
            .collect();
        assert_eq!(names.len(), 5, "{ids:?}");
        assert_ne!(ids[0].0, ids[1].0);
        assert_eq!(ids[2].1, ids[1].0, "the stem of HANSEN's is HANSEN");
        assert_ne!(ids[3].0, ids[4].0);
        assert_eq!(names.id(&view, NameAt::word(upper, 0)), Some(ids[1].0));
        assert_eq!(names.id(&view, stem), Some(ids[1].0));
    }

    /// [`resolve_by_lists`] as it was written first: each organisation in order makes its
    /// pending neighbours organisations.
    fn resolve_by_lists_by_organisations(view: &View<'_>, cands: &mut [Cand]) {
        let mut changed = cands.iter().any(|c| c.label == Label::Pending);
        for _ in 0..2 {
            if !changed {
                return;
            }
            changed = false;
            for i in 0..cands.len() {
                if cands[i].label != Label::Org {
                    continue;
                }
                for j in [i.wrapping_sub(1), i + 1] {
                    let (a, b) = if j < i { (j, i) } else { (i, j) };
                    let (Some(ca), Some(cb)) = (cands.get(a), cands.get(b)) else {
                        continue;
                    };
                    let sep = ca.end + 1 == cb.start
                        && matches!(view.lower(ca.end), "," | "og" | "eller" | "samt" | "&");
                    if sep && view.same_sentence(ca.start, cb.start) {
                        if let Some(c) = cands.get_mut(j) {
                            if c.label == Label::Pending {
                                c.label = Label::Org;
                                changed = true;
                            }
                        }
                    }
                }
            }
        }
    }

    /// Lists of every mix of labels (organisations and pending ones in chains both ways, other
    /// labels between, separators and none, across a sentence's end): asking the pending
    /// candidates decides them as the walk over the organisations did.
    #[test]
    fn lists_decide_pending_names_as_the_walk_over_organisations() {
        let text = "A , B og C eller D samt E & F G , H . I , J og K , L M , N";
        let doc = Tokenizer::new().analyse(text);
        let view = View::new(&doc);
        let words: Vec<usize> = (0..view.len())
            .filter(|&k| view.text(k).chars().all(|c| c.is_ascii_uppercase()))
            .collect();
        assert_eq!(words.len(), 14);
        let labels = [Label::Org, Label::Pending, Label::Person, Label::Place];
        // A small generator: every text gets labels from its own seed.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut cands: Vec<Cand> = words
                .iter()
                .map(|&k| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    // Mostly organisations and pending ones: the chains are what is tested.
                    let label = labels[[0, 0, 1, 1, 1, 2, 3][(seed % 7) as usize]];
                    Cand {
                        start: k,
                        end: k + 1,
                        label,
                    }
                })
                .collect();
            let mut expected = cands.clone();
            resolve_by_lists_by_organisations(&view, &mut expected);
            let mut pending: Vec<usize> = (0..cands.len())
                .filter(|&i| cands[i].label == Label::Pending)
                .collect();
            resolve_by_lists(&view, &mut cands, &mut pending);
            let still = (0..cands.len()).filter(|&i| cands[i].label == Label::Pending);
            assert_eq!(pending, still.collect::<Vec<_>>());
            let labels = |c: &[Cand]| c.iter().map(|c| c.label).collect::<Vec<_>>();
            assert_eq!(labels(&cands), labels(&expected));
        }
    }

    /// A name that a list makes an organisation after the first name round is an organisation
    /// where the text writes it alone too (the second round), and a name no list or lexicon
    /// names stays undecided.
    #[test]
    fn a_name_listed_with_organisations_is_one_everywhere() {
        let text = "Zorbex vokser. Avtalen med NRK, Zorbex og Telenor er klar. Qwylle vokser.";
        let doc = crate::Extractor::new().extract(text);
        let found: Vec<(&str, EntityKind)> = doc
            .entities
            .iter()
            .map(|e| (&text[e.start..e.end], e.kind))
            .collect();
        let org = EntityKind::Organisation;
        assert_eq!(
            found,
            [
                ("Zorbex", org),
                ("NRK", org),
                ("Zorbex", org),
                ("Telenor", org)
            ]
        );
    }

    /// Recognition keeps its lists from text to text ([`Lists`], the pipeline's per-thread
    /// lists): each text, with the gazetteer's matches and without, is recognised as with fresh
    /// lists. The pairs leave what a list not emptied would carry over: a role's blocked token
    /// where the next text has a name ("styreleder", then "Kari" at token 2), and phrases of
    /// over six tokens (kept apart by their starts) after the next text's first one.
    #[test]
    fn a_text_after_another_is_recognised_as_with_fresh_lists() -> crate::Result<()> {
        let lexicons = LexiconSet::embedded();
        let recognizer = EntityRecognizer::new(lexicons);
        let gazetteer = crate::gazetteer::Gazetteer::new(lexicons)?;
        let osse = "Organisasjonen for sikkerhet og samarbeid i Europa";
        let three = format!("Vi møtte {osse}, {osse} og {osse}.");
        let one = format!("{osse} sier nei.");
        let texts = [
            "Vi møtte styreleder Per i går.",
            "Vi møtte Kari Hansen i går.",
            &three,
            &one,
            "",
            "Kari Hansen",
        ];
        let mut lists = Lists::default();
        for text in texts.iter().chain(&texts) {
            let doc = Tokenizer::new().analyse(text);
            let view = View::new(&doc);
            let matches: Vec<GazetteerMatch> = gazetteer.find_iter(&doc).collect();
            for matches in [&matches[..], &[]] {
                let kept = recognizer.recognize_in(&doc, &view, matches, &mut lists);
                assert_eq!(kept, recognizer.recognize(&doc, matches), "{text:?}");
            }
        }
        Ok(())
    }

    /// Thousands of sites, or of roles, before the names of a text: sorted in with the
    /// candidates or the mentions, not inserted one by one, each insert moving all after it
    /// (20 000 took a second in a release build, growing with the square of their number).
    #[test]
    fn regression_many_sites_or_roles_before_names() {
        const N: usize = 20_000;
        let extractor = crate::Extractor::new();
        for (word, kind) in [
            ("Dagbladet.no", EntityKind::Organisation),
            ("statsminister", EntityKind::Role),
        ] {
            let text = format!("{word} og ").repeat(N) + &"Kari Hansen og ".repeat(N);
            let doc = extractor.extract(&text);
            let count = |k: EntityKind| doc.entities.iter().filter(|e| e.kind == k).count();
            assert_eq!((count(kind), count(EntityKind::Person)), (N, N), "{word}");
            assert!(doc.entities.is_sorted_by_key(|e| e.start), "{word}");
        }
    }
}
