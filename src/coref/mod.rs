//! Stage 5: linking and coreference: one cluster per real person or organisation, with roles
//! and organisations; surnames, pronouns and role nouns resolved to the person.
//!
//! - Person mentions join a cluster by name: a full name joins the cluster of the same
//!   surname with compatible given names; a single word joins the nearest earlier person with
//!   that surname (else any with it, else one with it as a given name). The cluster's name is
//!   its fullest form, its gender the given-name lexicon's.
//! - Organisation mentions join by their name, the genitive removed ("Innovasjon Norges").
//! - Roles and organisations come from the constructions around each mention (see `link`),
//!   gathered over the whole text.
//! - "han"/"hun" resolve to the most recent person of that gender (else of unknown gender),
//!   and definite role nouns ("direktøren", "ministeren") to the most recent holder of the role.
//!
//! ```
//! use kilde::coref;
//! use kilde::entity::EntityRecognizer;
//! use kilde::lexicon::{LexiconKind, LexiconSet};
//! use kilde::tokenize::Tokenizer;
//! let lexicons = LexiconSet::empty_builder()
//!     .add_str(LexiconKind::GivenNames, "g.tsv", "Eirik\tm\n")?
//!     .build();
//! let text = "Eirik Andreassen i DigitalNorway var glad. Andreassen sa at han kom.";
//! let doc = Tokenizer::new().analyse(text);
//! let recognizer = EntityRecognizer::new(&lexicons);
//! let mentions = recognizer.recognize(&doc, &[]);
//! let c = coref::resolve_with(&doc, &mentions, &recognizer);
//! assert_eq!(c.people.len(), 1);
//! assert_eq!(c.people[0].name, "Eirik Andreassen");
//! assert_eq!(c.organisations[0].name, "DigitalNorway");
//! assert_eq!(c.people[0].organisations, [0]);
//! // "Andreassen" (token 7) and "han" (token 10) are the same person.
//! assert_eq!(c.person_at(7), Some(0));
//! assert_eq!(c.person_at(10), Some(0));
//! # Ok::<(), kilde::Error>(())
//! ```

mod cluster;
pub(crate) mod link;
mod pool;
pub(crate) use pool::Pool;
mod pronoun;

use crate::entity::view::{View, lower_case};
use crate::entity::{EntityKind, EntityRecognizer, Mention};
use crate::fxhash::FxHashMap as HashMap;
use crate::lexicon::{Gender, LexiconSet};
use crate::span::Span;
use crate::tokenize::Tokenized;
use compact_str::CompactString;
use link::ByToken;
use std::ops::Range;

/// Index of a person cluster in [`Coreference::people`].
pub type PersonId = usize;
/// Index of an organisation cluster in [`Coreference::organisations`].
pub type OrgId = usize;

/// A real person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonCluster {
    /// The fullest form of the name.
    pub name: CompactString,
    /// From the given-name lexicon.
    pub gender: Option<Gender>,
    /// Roles in base form. [`CompactString`]s, as the Document's
    /// [`Person::roles`](crate::Person::roles) are, so that they move there without a copy (a
    /// role of up to 24 bytes is stored inline).
    pub roles: Vec<CompactString>,
    /// Organisations.
    pub organisations: Vec<OrgId>,
    /// Every mention resolved to the person (names, surnames, pronouns, role nouns).
    pub mentions: Vec<Span>,
}

/// An organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgCluster {
    /// The fullest form of the name.
    pub name: CompactString,
    /// Every mention.
    pub mentions: Vec<Span>,
}

/// The resolved people and organisations of one text.
///
/// ```
/// let text = "Kari Hansen, daglig leder i NRK, kom. Hun sa ja.";
/// let doc = kilde::Extractor::new().extract(text);
/// assert_eq!(doc.people[0].name, "Kari Hansen");
/// assert_eq!(doc.people[0].organisations, ["NRK"]);
/// // The name and "Hun" are both mentions of her.
/// assert_eq!(doc.people[0].mentions.len(), 2);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Coreference {
    /// People, in order of first mention.
    pub people: Vec<PersonCluster>,
    /// Organisations, in order of first mention.
    pub organisations: Vec<OrgCluster>,
    /// The person of every token inside a person mention, pronoun or role noun, by token.
    person_tokens: ByToken<PersonId>,
    /// The organisation of every token inside an organisation mention, by token.
    org_tokens: ByToken<OrgId>,
    /// The cluster of each mention resolved, by its index among them ([`NO_CLUSTER`] for
    /// none): what [`person_at`](Self::person_at) or
    /// [`organisation_at`](Self::organisation_at) says of its first token.
    references: Vec<usize>,
}

/// No cluster, in [`Coreference::references`].
const NO_CLUSTER: usize = usize::MAX;

impl Coreference {
    /// The person a mention at token `token` refers to (a name, a surname, a pronoun or a
    /// role noun): any token inside the mention answers.
    pub fn person_at(&self, token: usize) -> Option<PersonId> {
        self.person_tokens.get(token)
    }

    /// The organisation a mention at token `token` refers to (any token inside it).
    pub fn organisation_at(&self, token: usize) -> Option<OrgId> {
        self.org_tokens.get(token)
    }

    /// The person or organisation that mention `i` of those resolved refers to, by its kind:
    /// what [`person_at`](Self::person_at) or [`organisation_at`](Self::organisation_at)
    /// answers for its first token.
    #[inline]
    pub(crate) fn reference(&self, i: usize) -> Option<usize> {
        self.references.get(i).copied().filter(|&r| r != NO_CLUSTER)
    }

    /// Gives the lists that are not clusters (the tables by token, the references) to `pool`,
    /// for the next text: the clusters move into a `Document`, the rest would be freed.
    pub(crate) fn give_lists(&mut self, pool: &mut Pool) {
        pool.give(std::mem::take(&mut self.person_tokens).into_entries());
        pool.give(std::mem::take(&mut self.org_tokens).into_entries());
        pool.give(std::mem::take(&mut self.references));
    }

    /// The tokens [`person_at`](Self::person_at) answers for, in token order.
    pub(crate) fn person_tokens(&self) -> impl Iterator<Item = usize> + '_ {
        self.person_tokens.entries().iter().map(|&(k, _)| k)
    }

    /// The tokens [`organisation_at`](Self::organisation_at) answers for, in token order.
    pub(crate) fn organisation_tokens(&self) -> impl Iterator<Item = usize> + '_ {
        self.org_tokens.entries().iter().map(|&(k, _)| k)
    }

    /// The person holding a role (base form, "klyngeleder", or a head, "leder"), the one
    /// mentioned last before token `before` when several do.
    pub fn person_with_role(&self, role: &str, before: usize) -> Option<PersonId> {
        let role = role.to_lowercase();
        // The last token before `before` whose person holds the role.
        self.person_tokens
            .before(before)
            .iter()
            .rev()
            .map(|&(_, p)| p)
            .find(|&p| {
                self.people.get(p).is_some_and(|c| {
                    c.roles
                        .iter()
                        .any(|r| *r == role || r.ends_with(role.as_str()))
                })
            })
    }
}

/// The lower-cased name of the mention on `tokens`, piece by piece to `piece`: its words as
/// the view lower-cases them, a space between two, with `last` (its last word, or that word
/// without its genitive ending) lower-cased in place of the last. [`push_lower_name`] appends
/// them and [`lower_name_hash`] hashes them, so that a name hashes as its string does.
#[inline]
fn lower_name_pieces(
    view: &View<'_>,
    tokens: Range<usize>,
    last: &str,
    mut piece: impl FnMut(&str),
) {
    for k in tokens.clone() {
        if k > tokens.start {
            piece(" ");
        }
        // Lower-cased word by word as the view has them: the space between two words keeps
        // the one from the other in `str::to_lowercase` too.
        if k + 1 == tokens.end && last != view.text(k) {
            piece(&lower_case(last));
        } else {
            piece(view.lower(k));
        }
    }
}

/// Appends [`lower_name_pieces`].
fn push_lower_name(view: &View<'_>, tokens: Range<usize>, last: &str, out: &mut String) {
    lower_name_pieces(view, tokens, last, |piece| out.push_str(piece));
}

/// Feeds `bytes` to `h` one at a time: a string hashes the same however it was cut into the
/// pieces given.
fn write_bytes(h: &mut crate::fxhash::FxHasher, bytes: &[u8]) {
    for &b in bytes {
        std::hash::Hasher::write_u8(h, b);
    }
}

/// The hash of `bytes` given whole ([`write_bytes`]).
fn bytes_hash(bytes: &[u8]) -> u64 {
    let mut h = crate::fxhash::FxHasher::default();
    write_bytes(&mut h, bytes);
    std::hash::Hasher::finish(&h)
}

/// [`bytes_hash`] of the lower-cased surface of mention `o`: of the view's lower-cased words
/// one space apart when the text writes the mention so ([`lower_name_pieces`], as
/// [`push_lower_name`] joins them), without a string made for it.
fn lower_name_hash(doc: &Tokenized<'_>, view: &View<'_>, o: &Mention) -> u64 {
    let tokens = o.tokens.clone();
    if tokens.end <= view.len()
        && o.span == doc.span_of(tokens.clone())
        && doc.single_spaced(tokens.clone())
    {
        let mut h = crate::fxhash::FxHasher::default();
        // Its own last word: the view's lower case of every word.
        let last = tokens.end.checked_sub(1).map_or("", |k| view.text(k));
        lower_name_pieces(view, tokens, last, |piece| {
            write_bytes(&mut h, piece.as_bytes())
        });
        std::hash::Hasher::finish(&h)
    } else {
        let surface = doc.text().get(o.span.range()).unwrap_or("");
        bytes_hash(lower_case(surface).as_bytes())
    }
}

/// Resolves mentions into people and organisations. Builds the lookup tables on every call:
/// for many texts use [`resolve_with`] and one [`EntityRecognizer`].
pub fn resolve(doc: &Tokenized<'_>, mentions: &[Mention], lexicons: &LexiconSet) -> Coreference {
    resolve_with(doc, mentions, &EntityRecognizer::new(lexicons))
}

/// Resolves mentions into people and organisations with the tables of `recognizer`.
pub fn resolve_with(
    doc: &Tokenized<'_>,
    mentions: &[Mention],
    recognizer: &EntityRecognizer,
) -> Coreference {
    resolve_in(
        doc,
        &View::new(doc),
        mentions,
        recognizer,
        &mut Pool::default(),
    )
}

/// [`resolve_with`] over per-token facts the caller already computed for recognition, with
/// the working lists of the caller's last text in `pool` (left there for its next).
pub(crate) fn resolve_in(
    doc: &Tokenized<'_>,
    view: &View<'_>,
    mentions: &[Mention],
    recognizer: &EntityRecognizer,
    pool: &mut Pool,
) -> Coreference {
    let lx = recognizer.lexicon();
    let n = view.len();
    let mut c = Coreference::default();

    // The mentions by kind, in lists sized by one count and filled in one pass over them.
    let mut kinds = [0usize; 4];
    for m in mentions {
        if let Some(k) = kinds.get_mut(m.kind as usize) {
            *k += 1;
        }
    }
    let count = |kind: EntityKind| kinds.get(kind as usize).copied().unwrap_or(0);
    let mut orgs: Vec<&Mention> = pool.vec(count(EntityKind::Organisation));
    let mut persons: Vec<&Mention> = pool.vec(count(EntityKind::Person));
    let mut role_start: Vec<(usize, usize)> = pool.vec(count(EntityKind::Role));
    let mut role_end: Vec<(usize, usize)> = pool.vec(count(EntityKind::Role));
    // Where each organisation and person mention is among the mentions, for its reference.
    let mut org_at: Vec<usize> = pool.vec(count(EntityKind::Organisation));
    let mut person_at: Vec<usize> = pool.vec(count(EntityKind::Person));
    for (k, m) in mentions.iter().enumerate() {
        match m.kind {
            EntityKind::Organisation => {
                orgs.push(m);
                org_at.push(k);
            }
            EntityKind::Person => {
                persons.push(m);
                person_at.push(k);
            }
            EntityKind::Role => {
                role_start.push((m.tokens.start, m.tokens.end));
                role_end.push((m.tokens.end, m.tokens.start));
            }
            EntityKind::Place => {}
        }
    }

    // Organisations.
    // Each mention's name (its words, the genitive removed) and lower-cased name, end to end
    // in one buffer each (no string a mention), and where they are in them.
    let surfaces: usize = orgs.iter().map(|m| m.span.len() + 1).sum();
    let (mut names, mut lowers) = (pool.string(surfaces), pool.string(surfaces));
    let mut org_names: Vec<(Piece<'_>, Piece<'_>)> = pool.vec(orgs.len());
    let mut words: Vec<&str> = pool.vec(0);
    // The mentions by a hash of their lower-cased names (the first of each hash), for the
    // genitive test below: a name is hashed as it is lower-cased, with no string made for it.
    let plain: cluster::Among<HashMap<u64, usize>> = cluster::Among::new(orgs.len());
    let surface = |o: &Mention| doc.text().get(o.span.range()).unwrap_or("");
    for m in &orgs {
        // Asked only for a name with a genitive ending.
        let known = |w: &str| {
            if crate::entity::rules::is_acronym(w) {
                return true;
            }
            let mut key = String::with_capacity(doc.span_of(m.tokens.clone()).range().len() + 8);
            push_lower_name(view, m.tokens.clone(), w, &mut key);
            // The key has no ASCII capital: an ASCII name is compared without lower-casing it.
            let is_key = |name: &str| {
                if name.is_ascii() {
                    name.eq_ignore_ascii_case(&key)
                } else if name.contains('Σ') {
                    // Final sigma lower-cases by its context, which only the whole string knows.
                    lower_case(name) == key
                } else {
                    name.chars().flat_map(char::to_lowercase).eq(key.chars())
                }
            };
            lx.phrase(&key).is_some_and(|p| p.org.is_some() || p.place)
                || plain.ask(
                    || orgs.iter().any(|o| is_key(surface(o))),
                    || {
                        let mut firsts =
                            HashMap::with_capacity_and_hasher(orgs.len(), Default::default());
                        for (i, o) in orgs.iter().enumerate() {
                            firsts.entry(lower_name_hash(doc, view, o)).or_insert(i);
                        }
                        firsts
                    },
                    // A name of the key's hash is the key, else (two names of one hash) the
                    // others are scanned.
                    |firsts| {
                        firsts.get(&bytes_hash(key.as_bytes())).is_some_and(|&i| {
                            orgs.get(i).is_some_and(|o| is_key(surface(o)))
                                || orgs.iter().any(|o| is_key(surface(o)))
                        })
                    },
                )
        };
        words.clear();
        cluster::push_name_words(view, m.tokens.clone(), &known, &mut words);
        // A one-word name is the word (or its base) and its lower-cased form the view's.
        if let ([w], 1) = (words.as_slice(), m.tokens.len())
            && *w == view.text(m.tokens.start)
        {
            let lower = view.lower(m.tokens.start);
            org_names.push((Piece::Borrowed(w), Piece::Borrowed(lower)));
            continue;
        }
        let name_start = names.len();
        push_joined(&words, &mut names);
        let lower_start = lowers.len();
        push_lower_name(
            view,
            m.tokens.clone(),
            words.last().unwrap_or(&""),
            &mut lowers,
        );
        org_names.push((
            Piece::Built(name_start..names.len()),
            Piece::Built(lower_start..lowers.len()),
        ));
    }
    let name_of = |i: usize| org_names.get(i).map_or("", |(p, _)| p.read(&names));
    // A listed organisation's mentions join by its entry ("UiO" and "Universitetet i Oslo"),
    // the others by their lower-cased name.
    // Sized once: growing a table rehashes it.
    let mut listed = pool.listed(orgs.len());
    // The clusters of the others by a hash of the name, each told by the name of its fullest
    // mention (every mention of such a cluster has the same lower-cased name).
    let mut named: cluster::Slots<OrgId> = cluster::Slots::with_capacity(orgs.len(), pool);
    // The cluster of each mention; the mention with each cluster's fullest name and that
    // name's length in chars, counted once another mention is compared with it.
    let mut org_of: Vec<OrgId> = pool.vec(orgs.len());
    let mut fullest: Vec<(usize, Option<usize>)> = pool.vec(orgs.len());
    let mut org_tokens: Vec<(usize, OrgId)> = pool.vec(2 * orgs.len());
    // Each mention's reference: the cluster the table by token has for its first token. Written
    // as each mention's own cluster while `own` holds: the mentions have tokens inside the text
    // (so that they are in the table), and a cluster (persons); checked below that no token is
    // in two (so that the table has no other value at a mention's token). Else read from the
    // tables, for a caller's mentions that overlap or run past the text.
    c.references = pool.filled(mentions.len(), NO_CLUSTER);
    let inside = |m: &Mention| m.tokens.start < m.tokens.end && m.tokens.end <= n;
    let mut own = true;
    let mut org_start: Vec<(usize, (usize, usize))> = pool.vec(orgs.len());
    let mut org_end: Vec<(usize, (usize, usize))> = pool.vec(orgs.len());
    for (i, (m, (_, lower))) in orgs.iter().zip(&org_names).enumerate() {
        let lower = lower.read(&lowers);
        let next = fullest.len();
        let id = match lx.phrase(lower).and_then(|p| p.org) {
            Some(entry) => *listed.entry(entry).or_insert(next),
            None => {
                let lower_of = |id: &OrgId| {
                    let mention = fullest.get(*id).and_then(|&(i, _)| org_names.get(i));
                    mention.map_or("", |(_, lower)| lower.read(&lowers))
                };
                let is = |id: &OrgId| lower_of(id) == lower;
                let (Ok(k) | Err(k)) = named.find_or_add(cluster::hash_word(lower), is, || next);
                named.item(k).copied().unwrap_or(next)
            }
        };
        if id == next {
            fullest.push((i, None));
        } else if let Some(f) = fullest.get_mut(id)
            && name_of(i) != name_of(f.0)
        {
            // The cluster keeps the fullest name the text gives (a name as its fullest's, as
            // most repeats are, is not counted).
            let longest = f.1.unwrap_or_else(|| name_of(f.0).chars().count());
            let chars = name_of(i).chars().count();
            *f = if chars > longest {
                (i, Some(chars))
            } else {
                (f.0, Some(longest))
            };
        }
        org_of.push(id);
        if m.tokens.end <= view.len() {
            // One by one, as the persons' below.
            for k in m.tokens.clone() {
                org_tokens.push((k, id));
            }
        }
        own &= inside(m);
        if let Some(r) = org_at.get(i).and_then(|&k| c.references.get_mut(k)) {
            *r = id;
        }
        org_start.push((m.tokens.start, (id, m.tokens.end)));
        org_end.push((m.tokens.end, (id, m.tokens.start)));
    }
    pool.give_listed(listed);
    named.give(pool);
    pool.give_string(lowers);
    // Each cluster's mentions, in text order, in a list of its own size.
    let mut counts = pool.filled(fullest.len(), 0usize);
    for &id in &org_of {
        if let Some(n) = counts.get_mut(id) {
            *n += 1;
        }
    }
    // The lists of clusters from the pool, which the `Document` hands back ([`Pool::people`]).
    c.organisations = pool.vec(fullest.len());
    c.organisations.extend(
        fullest
            .iter()
            .zip(&counts)
            .map(|(&(best, _), &n)| OrgCluster {
                name: CompactString::new(name_of(best)),
                mentions: Vec::with_capacity(n),
            }),
    );
    for (m, &id) in orgs.iter().zip(&org_of) {
        if let Some(o) = c.organisations.get_mut(id) {
            o.mentions.push(m.span);
        }
    }
    // No token is in two mentions when the table dropped none.
    let tokens = org_tokens.len();
    c.org_tokens = ByToken::new(org_tokens);
    if !own || c.org_tokens.entries().len() != tokens {
        let mut at = org_at.iter();
        let starts = orgs.iter().map(|m| m.tokens.start);
        c.org_tokens.get_each(starts, |found| {
            if let Some(r) = at.next().and_then(|&k| c.references.get_mut(k)) {
                *r = found.unwrap_or(NO_CLUSTER);
            }
        });
    }
    pool.give(org_at);
    // Now of the persons.
    own = true;
    pool.give(fullest);
    pool.give(org_names);
    pool.give_string(names);
    pool.give(words);
    pool.give(orgs);
    let org_start = ByToken::new(org_start);
    let org_end = ByToken::new(org_end);

    // Roles by position.
    let role_start = ByToken::new(role_start);
    let role_end = ByToken::new(role_end);

    // People.
    let clusters = cluster::people(view, lx, &persons, pool);
    let of = &clusters.of;
    // Clusters in order of first mention, and old cluster id -> id in that order (an
    // unassigned mention maps past the end, where every lookup below finds nothing).
    let mut order: Vec<usize> = pool.vec(clusters.len());
    let mut new_id = pool.filled(clusters.len(), usize::MAX);
    for &id in of {
        if let Some(slot) = new_id.get_mut(id)
            && *slot == usize::MAX
        {
            *slot = order.len();
            order.push(id);
        }
    }
    let new_ids = new_id;
    let new_id = |old: usize| new_ids.get(old).copied().unwrap_or(usize::MAX);
    // The person of each mention (past the end for none).
    let person_of = |i: usize| of.get(i).map_or(usize::MAX, |&old| new_id(old));
    c.people = pool.people(order.len());
    c.people.extend(order.iter().map(|&old| {
        let words = clusters.name(old);
        // Copied from the text in one piece when it writes the words one space apart;
        // else joined, sized first: up to 24 bytes a name stays inline, a longer one
        // allocates once.
        let name = written_joined(doc.text(), words).map_or_else(
            || {
                let len = words.iter().map(|w| w.len() + 1).sum::<usize>();
                let mut name = CompactString::with_capacity(len.saturating_sub(1));
                push_joined(words, &mut name);
                name
            },
            CompactString::from,
        );
        PersonCluster {
            name,
            gender: words.first().and_then(|w| lx.given(w)).flatten(),
            ..PersonCluster::default()
        }
    }));
    pool.give(order);
    let people = c.people.len();
    let layout = link::Layout::new(view, org_start, org_end, role_start, role_end, pool);
    // The links of a mention, and of the next when a bare name before "og" shares its
    // organisation, in two buffers for the whole text.
    let (mut here, mut next) = (link::Links::from_pool(pool), link::Links::from_pool(pool));
    let mut person_seq: Vec<(usize, PersonId)> = pool.vec(persons.len());
    // The ends of the people's roles, for the role nouns below.
    let mut role_ends = pronoun::RoleEnds::default();
    let mut person_tokens: Vec<(usize, PersonId)> = pool.vec(2 * persons.len());
    // The tokens are pushed in token order, each once, while every mention starts at or past
    // the end of the one before (the recognizer's always do): known as they are pushed, not
    // read again by `ByToken::new`.
    let (mut in_order, mut pushed_end) = (true, 0);
    for (i, m) in persons.iter().enumerate() {
        let id = person_of(i);
        let Some(p) = c.people.get_mut(id) else {
            own = false;
            continue;
        };
        own &= inside(m);
        if let Some(r) = person_at.get(i).and_then(|&k| c.references.get_mut(k)) {
            *r = id;
        }
        here.clear();
        layout.link(m.tokens.start, m.tokens.end, &mut here);
        if m.tokens.end <= n {
            // Pushed one by one: a name has two or three tokens, where `extend` sets up an
            // unrolled loop.
            in_order &= m.tokens.start >= pushed_end;
            pushed_end = m.tokens.end;
            for k in m.tokens.clone() {
                person_tokens.push((k, id));
            }
        }
        person_seq.push((m.tokens.start, id));
        // "Frode Bergan og Per Håvard Kleven i Devotek AS": a bare name before "og" shares the
        // organisation of the next.
        if let Some(b) = persons.get(i + 1) {
            let joined = m.tokens.end + 1 == b.tokens.start && view.lower(m.tokens.end) == "og";
            if joined && here.roles.is_empty() && here.orgs.is_empty() && person_of(i + 1) < people
            {
                next.clear();
                layout.link(b.tokens.start, b.tokens.end, &mut next);
                here.orgs.extend_from_slice(&next.direct_orgs);
            }
        }
        // A person's roles and organisations, each once, in order of first mention. A list
        // is searched while it is short; past `SEARCHED` items everything is appended and the
        // repeats dropped once, below: a text naming one person with thousands of distinct
        // roles ("leder for X-klubben" ...) searched the whole list for each, in time growing
        // with the square of their number.
        // Most names have neither: no drain set up and dropped for an empty list.
        if !here.roles.is_empty() {
            for r in here.roles.drain(..) {
                if p.roles.len() >= SEARCHED || !p.roles.contains(&r) {
                    role_ends.add(lx, &r);
                    p.roles.push(r);
                }
            }
        }
        for &o in &here.orgs {
            if p.organisations.len() >= SEARCHED || !p.organisations.contains(&o) {
                p.organisations.push(o);
            }
        }
    }
    for p in &mut c.people {
        first_of_each(&mut p.roles);
        first_of_each(&mut p.organisations);
    }
    layout.give(pool);
    here.give(pool);
    next.give(pool);

    // Pronouns and role nouns, in text order over the person mentions before them.
    let tokens = person_tokens.len();
    let named = if in_order {
        ByToken::sorted(person_tokens)
    } else {
        ByToken::new(person_tokens)
    };
    // As for the organisations (the resolved tokens below are outside every mention).
    own &= named.entries().len() == tokens;
    let mut resolved: Vec<(usize, PersonId)> = pool.vec(0);
    // Without a person there is nobody to refer to.
    if !c.people.is_empty() {
        let gender_of = |p: usize| c.people.get(p).and_then(|p| p.gender);
        let mut seq_pos = 0;
        let mut seen: Vec<(usize, PersonId)> = pool.vec(person_seq.len());
        // Before the first person mention there is nobody to refer to.
        let first = person_seq.first().map_or(n, |&(k, _)| k + 1);
        // Only pronouns and words a role noun of the text's people can be are looked at.
        let mut found: Vec<(usize, Option<Gender>)> = pool.vec(0);
        pronoun::candidates(view, first, &role_ends, &mut found);
        for &(k, pronoun) in &found {
            while let Some(&s) = person_seq.get(seq_pos)
                && s.0 < k
            {
                seen.push(s);
                seq_pos += 1;
            }
            if named.get(k).is_some() {
                continue;
            }
            let target = if let Some(g) = pronoun {
                pronoun::resolve_pronoun(&seen, g, &gender_of)
            } else if let Some(noun) = pronoun::role_noun(view, lx, k) {
                let head = lx.role_head(&noun);
                seen.iter().rev().take(50).map(|&(_, p)| p).find(|&p| {
                    c.people.get(p).is_some_and(|pc| {
                        pc.roles
                            .iter()
                            .any(|r| pronoun::role_matches(lx, r, &noun, head))
                    })
                })
            } else {
                None
            };
            if let Some(p) = target {
                resolved.push((k, p));
                // A resolved reference is a mention too: the next pronoun may follow it.
                seen.push((k, p));
            }
        }
        pool.give(found);
        pool.give(seen);
    }
    pool.give(person_seq);
    // Each person's mentions (names, pronouns and role nouns) in a list of their number, in
    // text order.
    counts.clear();
    counts.resize(c.people.len(), 0);
    let referred = resolved.iter().map(|&(_, p)| p);
    for p in (0..persons.len()).map(person_of).chain(referred) {
        if let Some(n) = counts.get_mut(p) {
            *n += 1;
        }
    }
    for (p, &n) in c.people.iter_mut().zip(&counts) {
        p.mentions = Vec::with_capacity(n);
    }
    for (i, m) in persons.iter().enumerate() {
        if let Some(p) = c.people.get_mut(person_of(i)) {
            p.mentions.push(m.span);
        }
    }
    for &(k, p) in &resolved {
        if let Some(pc) = c.people.get_mut(p) {
            pc.mentions.push(doc.span_of(k..k + 1));
        }
    }
    for p in &mut c.people {
        p.mentions.sort();
    }
    // The resolved tokens are outside every mention: the two lists, each in token order, do
    // not share a token, and merge into one in token order.
    let named = named.into_entries();
    let mut all = pool.vec(named.len() + resolved.len());
    // The named tokens between two resolved ones are copied in one piece: most tokens are
    // named, few resolved.
    let mut rest = named.as_slice();
    for &r in &resolved {
        let (before, after) = rest.split_at(rest.partition_point(|e| e.0 < r.0));
        all.extend_from_slice(before);
        all.push(r);
        rest = after;
    }
    all.extend_from_slice(rest);
    c.person_tokens = ByToken::sorted(all);
    if !own {
        let mut at = person_at.iter();
        let starts = persons.iter().map(|m| m.tokens.start);
        c.person_tokens.get_each(starts, |found| {
            if let Some(r) = at.next().and_then(|&k| c.references.get_mut(k)) {
                *r = found.unwrap_or(NO_CLUSTER);
            }
        });
    }
    pool.give(person_at);
    pool.give(org_of);
    pool.give(named);
    pool.give(resolved);
    pool.give(counts);
    pool.give(new_ids);
    clusters.give(pool);
    pool.give(persons);
    c
}

/// How long a person's list of roles or of organisations is searched for a repeat before
/// one is added; a longer list takes every one and drops the repeats in [`first_of_each`].
const SEARCHED: usize = 16;

/// Keeps the first of each value of `items`, in order. A list no longer than [`SEARCHED`] has
/// none repeated (the values were searched for before they were added).
fn first_of_each<T: std::hash::Hash + Eq + Clone>(items: &mut Vec<T>) {
    if items.len() <= SEARCHED {
        return;
    }
    let mut seen: crate::fxhash::FxHashSet<T> =
        crate::fxhash::FxHashSet::with_capacity_and_hasher(items.len(), Default::default());
    items.retain(|x| seen.insert(x.clone()));
}

/// A name or key borrowed from the text or the view, or built into a buffer.
#[derive(Clone, Debug)]
enum Piece<'a> {
    Borrowed(&'a str),
    /// Where in the buffer.
    Built(Range<usize>),
}

impl<'a> Piece<'a> {
    /// The string, reading a built one from `buffer`.
    fn read<'b>(&'b self, buffer: &'b str) -> &'b str
    where
        'a: 'b,
    {
        match self {
            Piece::Borrowed(s) => s,
            Piece::Built(r) => buffer.get(r.clone()).unwrap_or(""),
        }
    }
}

/// The words joined by single spaces, when the text writes them so: the text from the first
/// word to the end of the last, borrowed, where joining copies word by word. The words are
/// slices of the text (a token's surface, or the beginning of one without its genitive
/// ending), placed in it by their addresses: each but the last is followed by one ASCII space
/// and then the next.
fn written_joined<'t>(text: &'t str, words: &[&str]) -> Option<&'t str> {
    let at = |w: &str| (w.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    let (first, last) = (words.first()?, words.last()?);
    for pair in words.windows(2) {
        let [a, b] = pair else {
            return None;
        };
        let end = at(a).wrapping_add(a.len());
        if at(b) != end.wrapping_add(1) || text.as_bytes().get(end) != Some(&b' ') {
            return None;
        }
    }
    // A slice of the text at the first word's address is the first word (the same bytes),
    // and each next word is where the last ended, past its space: the slice is the words.
    let name = text.get(at(first)..at(last).wrapping_add(last.len()))?;
    (name.as_ptr() == first.as_ptr()).then_some(name)
}

/// Appends the words joined by single spaces.
fn push_joined<'w>(words: &[&'w str], out: &mut impl Extend<&'w str>) {
    for (k, &w) in words.iter().enumerate() {
        if k > 0 {
            out.extend([" "]);
        }
        out.extend([w]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokenizer;

    /// Each mention's reference is what the token tables say of its first token: for the
    /// recognizer's mentions (one after another, read from the clusters) and for a caller's
    /// that overlap, repeat, are empty or run past the text (read from the tables).
    #[test]
    fn references_are_the_token_tables_at_each_first_token() {
        let text = "Kari Hansen, daglig leder i NRK, sa at hun og Per Olsen fra Equinor kom. \
                    Hansen og NRKs sjef sa ja. Hun smilte, og Olsen fra NRK likte det.";
        let doc = Tokenizer::new().analyse(text);
        let recognizer = EntityRecognizer::new(LexiconSet::embedded());
        let found = recognizer.recognize(&doc, &[]);
        assert!(found.iter().any(|m| m.kind == EntityKind::Person));
        assert!(found.iter().any(|m| m.kind == EntityKind::Organisation));
        let n = doc.tokens().len();
        let mut next = crate::testing::xorshift(0x5DEE_CE66_D1CE_4E5Bu64);
        let kinds = [
            EntityKind::Person,
            EntityKind::Organisation,
            EntityKind::Role,
        ];
        let mut sets = vec![found.clone()];
        for _ in 0..300 {
            let mut mentions = found.clone();
            for _ in 0..next(4) {
                let start = next(n + 2);
                let tokens = start..start + next(4);
                mentions.insert(
                    next(mentions.len() + 1),
                    Mention {
                        span: doc.span_of(tokens.start.min(n)..tokens.end.min(n)),
                        tokens,
                        kind: kinds[next(kinds.len())],
                    },
                );
            }
            sets.push(mentions);
        }
        for mentions in &sets {
            let c = resolve_with(&doc, mentions, &recognizer);
            for (i, m) in mentions.iter().enumerate() {
                let want = match m.kind {
                    EntityKind::Person => c.person_at(m.tokens.start),
                    EntityKind::Organisation => c.organisation_at(m.tokens.start),
                    _ => None,
                };
                assert_eq!(c.reference(i), want, "{i} {mentions:?}");
            }
        }
    }

    /// One person with more distinct roles than a list is searched for (and each named again
    /// later): each role once, in order of first mention, as when every one was searched for.
    #[test]
    fn many_roles_of_one_person_each_once_in_order() {
        let club = |i: usize| {
            let letters: String = [i / 26 % 26, i % 26]
                .iter()
                .map(|&d| char::from(b'a' + d as u8))
                .collect();
            format!("leder for {letters}klubben")
        };
        let mut text = String::new();
        let mut want: Vec<String> = Vec::new();
        for i in 0..3 * SEARCHED {
            // Each new role, then one named before (the first again, and the one before).
            for k in [i, 0, i / 2] {
                text.push_str(&format!("Kari Hansen, {}, sa det. ", club(k)));
                if !want.contains(&club(k)) {
                    want.push(club(k));
                }
            }
        }
        let doc = crate::Extractor::new().extract(&text);
        let [kari] = doc.people.as_slice() else {
            panic!("{:?}", doc.people);
        };
        assert_eq!(kari.roles, want);
        let mut items = vec![3, 1, 3, 2, 1, 3];
        items.extend(4..4 + SEARCHED);
        items.extend([2, 5, 3]);
        first_of_each(&mut items);
        let mut want: Vec<usize> = vec![3, 1, 2];
        want.extend(4..4 + SEARCHED);
        assert_eq!(items, want);
    }

    /// A name borrowed from the text is the words joined by single spaces: for runs of a
    /// text's tokens (one space apart, two, a line break, glued), the last perhaps without its
    /// genitive ending, words out of order or repeated, and words of another string.
    #[test]
    fn written_names_are_the_words_joined() {
        let text = "Kari Hansens  Per\nOlsen-Berg, «Ola» Nordmann's Åse Ødegård A. B. Ås";
        let doc = Tokenizer::new().analyse(text);
        let surfaces: Vec<&str> = doc.tokens().iter().map(|t| t.text(text)).collect();
        let other = String::from("Kari Hansen");
        let mut next = crate::testing::xorshift(0x3C6E_F372_FE94_F82Bu64);
        let mut borrowed = 0;
        for _ in 0..3000 {
            let start = next(surfaces.len());
            let len = next(4) + 1;
            let mut words: Vec<&str> = surfaces.iter().skip(start).take(len).copied().collect();
            match next(6) {
                0 => words.reverse(),
                1 => words.push(surfaces[next(surfaces.len())]),
                2 => words.push(other.split(' ').nth(next(2)).unwrap_or("")),
                3 => {
                    if let Some(w) = words.last_mut() {
                        *w = &w[..w.len() - w.chars().last().map_or(0, char::len_utf8)];
                    }
                }
                _ => {}
            }
            let mut joined = String::new();
            push_joined(&words, &mut joined);
            if let Some(name) = written_joined(text, &words) {
                assert_eq!(name, joined, "{words:?}");
                borrowed += 1;
            }
        }
        assert!(borrowed > 1000, "{borrowed}");
        assert_eq!(written_joined(text, &["Kari", "Hansen"]), None);
        assert_eq!(
            written_joined(text, &[&text[..4], &text[5..11]]),
            Some("Kari Hansen")
        );
    }

    /// A mention's name hash is the hash of its surface lower-cased whole, for mentions written
    /// one space apart and otherwise (final sigma, Kelvin sign, dotted I, two spaces, a
    /// line break, glued tokens).
    #[test]
    fn name_hashes_are_of_the_surface_lower_cased() {
        let texts = [
            "ΟΔΟΣ ΣΑΣ Σ  ΑΣ'Σ .Σ",
            "KELVIN \u{212A}ommune Aß\nİSTANBUL ǅemal",
            "Universitetet i Oslo's NRKs  Equinor ASA Ørsted-Æ",
        ];
        for text in texts {
            let doc = Tokenizer::new().analyse(text);
            let view = View::new(&doc);
            let n = view.len();
            for start in 0..n {
                for end in start + 1..=n + 1 {
                    let m = Mention {
                        span: doc.span_of(start..end.min(n)),
                        tokens: start..end,
                        kind: EntityKind::Organisation,
                    };
                    let surface = &text[m.span.range()];
                    assert_eq!(
                        lower_name_hash(&doc, &view, &m),
                        bytes_hash(surface.to_lowercase().as_bytes()),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    /// An organisation's genitive ("Ærfjord Veksts", "Ærfjord Vekst's") loses its ending when
    /// the text names the base too, found by a scan in a text of few organisations and by the
    /// table of name hashes in one of thousands (past [`cluster::Among`]'s scans): the same
    /// clusters either way. A base written otherwise (two spaces) or only in the genitive
    /// ("Østre Bølges") keeps the ending.
    #[test]
    fn organisation_genitives_are_found_in_short_and_long_texts() {
        let names = [
            "Ærfjord Vekst",
            "Ærfjord Veksts",
            "Østre Bølges",
            "Ærfjord Vekst's",
            "Nedre  Dal",
            "Nedre Dals",
            "Élan Østfold",
            "élan østfolds",
        ];
        for fillers in [0, 2100] {
            // Filler names of two letters and a number ("Ab17"), none a base of the others.
            let filler = |i: usize| {
                let (a, b) = (b'A' + (i % 26) as u8, b'a' + (i / 26 % 26) as u8);
                format!("{}{}{i}", char::from(a), char::from(b))
            };
            let mut pieces: Vec<String> = (0..fillers).map(filler).collect();
            pieces.splice(
                fillers / 2..fillers / 2,
                names.iter().map(|s| s.to_string()),
            );
            let mut text = String::new();
            let mut spans = Vec::new();
            for p in &pieces {
                let start = text.len();
                text.push_str(p);
                spans.push(start..text.len());
                text.push_str(" og ");
            }
            let doc = Tokenizer::new().analyse(&text);
            let mentions: Vec<Mention> = spans
                .iter()
                .map(|r| {
                    let inside = |k: &usize| {
                        let s = doc.tokens()[*k].span();
                        r.start <= s.start && s.end <= r.end
                    };
                    let ks: Vec<usize> = (0..doc.tokens().len()).filter(inside).collect();
                    let tokens = ks[0]..ks[ks.len() - 1] + 1;
                    Mention {
                        span: doc.span_of(tokens.clone()),
                        tokens,
                        kind: EntityKind::Organisation,
                    }
                })
                .collect();
            let c = resolve(&doc, &mentions, LexiconSet::embedded());
            let clusters: Vec<(&str, usize)> = c
                .organisations
                .iter()
                .filter(|o| !o.name.is_ascii() || o.name.contains(' '))
                .map(|o| (o.name.as_str(), o.mentions.len()))
                .collect();
            assert_eq!(
                clusters,
                [
                    ("Ærfjord Vekst", 3),
                    ("Østre Bølges", 1),
                    ("Nedre Dal", 1),
                    ("Nedre Dals", 1),
                    ("Élan Østfold", 2)
                ],
                "{fillers} fillers"
            );
        }
    }

    /// The organisation keys are lower-cased word by word; they must equal the name
    /// lower-cased whole, as the keys were built before (final sigma, Kelvin sign, dotted I).
    #[test]
    fn lower_names_are_the_joined_words_lower_cased() {
        let texts = [
            "ΟΔΟΣ ΣΑΣ Σ ΑΣ'Σ .Σ",
            "KELVIN \u{212A}ommune Aß İSTANBUL ǅemal",
            "Universitetet i Oslo's NRKs Equinor ASA",
        ];
        for text in texts {
            let doc = Tokenizer::new().analyse(text);
            let view = View::new(&doc);
            let n = view.len();
            for start in 0..n {
                for end in start + 1..=n {
                    let words: Vec<&str> = (start..end).map(|k| view.text(k)).collect();
                    for last in [view.text(end - 1), "ΟΔΟΣ", "Σ", "Aß", "oslo"] {
                        let mut whole = words.clone();
                        if let Some(l) = whole.last_mut() {
                            *l = last;
                        }
                        let mut out = String::new();
                        push_lower_name(&view, start..end, last, &mut out);
                        assert_eq!(
                            out,
                            whole.join(" ").to_lowercase(),
                            "{text:?} {start}..{end}"
                        );
                    }
                }
            }
        }
    }
}
