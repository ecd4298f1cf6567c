//! Stage 3: gazetteer matching of the lexicons against the tokens.
//!
//! Matches are runs of whole tokens (never starting or ending inside a token) whose keys
//! (`crate::normalize`: lower case, typographic variants folded) spell a lexicon entry. At
//! each token the longest entry wins (leftmost-longest), and the search continues after it.
//!
//! - Case: roles, role heads and cue verbs match in any case; names (people, places,
//!   organisations, name words) match as spelled, in ALL CAPS (headings), or with a capital
//!   first letter at a sentence start. Lower-case organisation words ("kommune") match in any
//!   case; "AS" does not match "as".
//! - Whitespace: keys are per token, so NBSP, tabs and single line breaks between the words of
//!   a name all match. A blank line (paragraph break) ends every match.
//! - Genitive: "Innovasjon Norges", "USAs", "USA's" match their entry with
//!   [`MatchForm::genitive`] set; a listed form ending in -s ("Hansens") is preferred as itself.
//! - Roles and role heads also match in their definite and plural forms ("direktøren",
//!   "lederne", "rådmenn"), and a single word that ends in a role head's form
//!   ("næringsminister", "klyngelederen") matches that head as a compound ([`MatchForm::head`])
//!   when no entry matches the word itself.
//! - A key that belongs to several entries (a surname that is also a place) gives one match per
//!   entry, consecutive, with the same span.
//!
//! How: each text token gets its id from an open-addressing table of the distinct token keys
//! (its hash computed from the token's bytes, 8 at a time, behind a Bloom filter), and a trie
//! over token ids (a dense root table plus a table of 16-byte edge slots) walks multiword keys
//! to the entry table. A small anchored aho-corasick DFA over the reversed forms of role heads
//! finds compounds. The text is searched one paragraph window at a time, so the working memory
//! is bounded by the longest paragraph. DESIGN.md has the reasons.
//!
//! ```
//! use kilde::gazetteer::Gazetteer;
//! use kilde::lexicon::{LexiconKind, LexiconSet};
//! use kilde::tokenize::Tokenizer;
//! let lexicons = LexiconSet::empty_builder()
//!     .add_str(LexiconKind::Organisations, "orgs.tsv", "Innovasjon Norge\tpublic\n")?
//!     .add_str(LexiconKind::RoleHeads, "heads.tsv", "direktør\n")?
//!     .build();
//! let gazetteer = Gazetteer::new(&lexicons)?;
//! let text = "Kommunikasjonsdirektøren i Innovasjon Norges kontor";
//! let doc = Tokenizer::new().analyse(text);
//! let found: Vec<&str> = gazetteer.find_iter(&doc).map(|m| &text[m.span]).collect();
//! assert_eq!(found, ["Kommunikasjonsdirektøren", "Innovasjon Norges"]);
//! # Ok::<(), kilde::Error>(())
//! ```

mod forms;
mod index;
mod trie;
mod vocab;

use crate::error::Result;
use crate::lexicon::{LexiconKind, LexiconSet};
use crate::normalize;
use crate::span::Span;
use crate::tokenize::{Token, TokenFlags, TokenKind, Tokenized, WordCase};
use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, Input};
use index::{HeadEnds, Index, IndexBuilder, NONE, Solo, TAIL, end5};
use std::ops::Range;
use std::sync::Arc;
use trie::{Node, ROOT};

/// The grammatical form a role matched in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Inflection {
    /// As listed: "direktør", "Kari Hansen".
    Base,
    /// Definite singular: "direktøren", "lederen".
    Definite,
    /// Indefinite plural: "direktører", "ledere", "rådmenn".
    Plural,
    /// Definite plural: "direktørene", "lederne".
    DefinitePlural,
}

/// How the matched text relates to the entry's listed form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MatchForm {
    /// Definite or plural form of a role (always [`Inflection::Base`] for names).
    pub inflection: Inflection,
    /// The last word carries a genitive -s or 's ("Norges", "USA's"), or is followed by a
    /// genitive apostrophe ("Lars'").
    pub genitive: bool,
    /// For a compound ("næringsministeren"): the span of the role head's form it ends with
    /// ("ministeren"); the entry is then that [`LexiconKind::RoleHeads`] entry.
    pub head: Option<Span>,
}

/// One gazetteer hit: a run of whole tokens that is a lexicon entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// Byte span of the matched tokens.
    pub span: Span,
    /// Token index range.
    pub tokens: Range<usize>,
    /// The lexicon kind of the entry.
    pub kind: LexiconKind,
    /// Index of the entry in that kind's list of the [`LexiconSet`].
    pub entry: usize,
    /// The form the entry matched in.
    pub form: MatchForm,
}

/// Finds lexicon entries in tokenized text. Immutable, cheap to clone (an `Arc` inside),
/// `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    index: Arc<Index>,
}

impl Gazetteer {
    /// Builds the matcher over `lexicons` (every kind except abbreviations, which are the
    /// tokenizer's).
    ///
    /// # Errors
    /// When the automaton cannot be built (too large).
    pub fn new(lexicons: &LexiconSet) -> Result<Gazetteer> {
        let mut builder = IndexBuilder::new(lexicons);
        builder.add_lexicons(lexicons);
        let mut index = builder.build()?;
        index.punctuation = punctuation_ids(&index);
        Ok(Gazetteer {
            index: Arc::new(index),
        })
    }

    /// Every match in `doc`, in text order.
    pub fn find_iter<'a>(
        &'a self,
        doc: &'a Tokenized<'_>,
    ) -> impl Iterator<Item = GazetteerMatch> + 'a {
        // Room for a paragraph's worth: growing a vector doubling by doubling cost more than
        // the search of a short text.
        self.matches(doc, Vec::with_capacity(256), Scratch::new())
    }

    /// Appends every match in `doc` to `out`, in text order: what [`Gazetteer::find_iter`]
    /// yields, written straight into `out` rather than into a buffer per paragraph and
    /// then copied out one by one.
    pub fn find_into(&self, doc: &Tokenized<'_>, out: &mut Vec<GazetteerMatch>) {
        self.find_into_with(doc, out, &mut Scratch::new());
    }

    /// [`Gazetteer::find_into`] with the search's working lists of the caller's last search,
    /// left in `scratch` for its next: a text's hits took a fresh vector of 12 KB or more,
    /// whose allocation cost glibc a consolidation of the chunks the last text freed (some
    /// 2 700 instructions a text). They hold at most a window's hits ([`MAX_WINDOW_TOKENS`])
    /// and a short key ([`Scratch::kept`]).
    pub(crate) fn find_into_with(
        &self,
        doc: &Tokenized<'_>,
        out: &mut Vec<GazetteerMatch>,
        scratch: &mut Scratch,
    ) {
        let mut matches = self.matches(doc, std::mem::take(out), std::mem::take(scratch));
        while matches.next_window < matches.tokens.len() {
            matches.next_window = matches.hits_of_window(matches.next_window);
            matches.search_hits();
        }
        *out = matches.out;
        *scratch = matches.scratch;
        scratch.keep();
    }

    /// The search of `doc`, its matches going to the end of `out`.
    fn matches<'a, 't>(
        &'a self,
        doc: &'a Tokenized<'t>,
        out: Vec<GazetteerMatch>,
        scratch: Scratch,
    ) -> Matches<'a, 't> {
        Matches {
            index: &self.index,
            text: doc.text(),
            tokens: doc.tokens(),
            paragraphs: doc.paragraphs(),
            next_paragraph: 0,
            next_window: 0,
            out,
            next_out: 0,
            scratch,
        }
    }

    /// Sizes of the index: distinct token keys, trie states, entry references.
    #[doc(hidden)]
    pub fn stats(&self) -> (usize, usize, usize) {
        self.index.sizes()
    }
}

/// The most tokens searched at once when a paragraph is longer: bounds memory on one-line
/// streams. A name cut at this boundary is missed, once per 8192 tokens at most.
const MAX_WINDOW_TOKENS: usize = 8192;

/// The ids of one text token: of its key, and of its key without a genitive suffix.
#[derive(Clone, Copy)]
struct TokenIds {
    exact: u32,
    genitive: u32,
    /// The word may be a compound ending in a role head (the filter said maybe).
    compound: bool,
}

impl TokenIds {
    /// No id: the token starts and continues no key.
    const NONE: TokenIds = TokenIds {
        exact: NONE,
        genitive: NONE,
        compound: false,
    };

    /// Some key may start or go on at the token.
    #[inline]
    fn any(&self) -> bool {
        self.exact != NONE || self.genitive != NONE
    }
}

/// A token of the window with an id or that may be a compound: most tokens are neither, and
/// the search visits only these.
#[derive(Clone, Copy)]
struct Hit {
    token: usize,
    ids: TokenIds,
}

/// A key that ends at token `last`, with its first entry.
#[derive(Clone, Copy)]
struct Candidate {
    last: usize,
    first: u32,
    genitive: bool,
}

/// The working lists of a search, which [`Gazetteer::find_into_with`] leaves for the next.
#[derive(Default)]
pub(crate) struct Scratch {
    hits: Vec<Hit>,
    key: Vec<u8>,
    candidates: Vec<Candidate>,
}

impl Scratch {
    /// The most room for a key a thread keeps.
    const KEPT_KEY_BYTES: usize = 4 << 10;

    /// The lists as the thread keeps them for its next search. The key is one token's: a
    /// giant token's room is given back rather than held for every later text.
    fn keep(&mut self) {
        if self.key.capacity() > Self::KEPT_KEY_BYTES {
            self.key = Vec::new();
        }
    }

    /// Lists with room for a paragraph's hits.
    fn new() -> Scratch {
        Scratch {
            hits: Vec::with_capacity(512),
            key: Vec::with_capacity(32),
            candidates: Vec::with_capacity(8),
        }
    }
}

struct Matches<'a, 't> {
    index: &'a Index,
    text: &'t str,
    tokens: &'a [Token],
    /// The paragraphs of the tokenizer (a paragraph opens after a line break), of which a
    /// blank line before one ends a window.
    paragraphs: &'a [Range<usize>],
    /// The first paragraph whose start no window end has yet passed.
    next_paragraph: usize,
    next_window: usize,
    out: Vec<GazetteerMatch>,
    next_out: usize,
    scratch: Scratch,
}

impl Iterator for Matches<'_, '_> {
    type Item = GazetteerMatch;

    fn next(&mut self) -> Option<GazetteerMatch> {
        loop {
            if let Some(m) = self.out.get(self.next_out) {
                self.next_out += 1;
                return Some(m.clone());
            }
            if self.next_window >= self.tokens.len() {
                return None;
            }
            self.out.clear();
            self.next_out = 0;
            self.next_window = self.hits_of_window(self.next_window);
            self.search_hits();
        }
    }
}

impl Matches<'_, '_> {
    /// The end of the window of tokens from `start`: the first paragraph start after `start`
    /// with a blank line before it, or [`MAX_WINDOW_TOKENS`] on. Paragraph by paragraph, not
    /// token by token: the loop over a window's tokens then tests no flag at each one.
    fn window_end(&mut self, start: usize) -> usize {
        let limit = (start + MAX_WINDOW_TOKENS).min(self.tokens.len());
        while let Some(p) = self.paragraphs.get(self.next_paragraph) {
            if p.start >= limit {
                break;
            }
            self.next_paragraph += 1;
            if p.start > start && self.blank_line_before(p.start) {
                return p.start;
            }
        }
        limit
    }

    /// A blank line (two line breaks) lies between token `end` and the token before it.
    fn blank_line_before(&self, end: usize) -> bool {
        let (Some(prev), Some(t)) = (
            end.checked_sub(1).and_then(|p| self.tokens.get(p)),
            self.tokens.get(end),
        ) else {
            return false;
        };
        let gap = self
            .text
            .as_bytes()
            .get(prev.span().end..t.span().start)
            .unwrap_or(&[]);
        gap.len() >= 2 && memchr::memchr_iter(b'\n', gap).nth(1).is_some()
    }

    /// Finds the hits of the window of tokens from `start` up to a blank line (or
    /// [`MAX_WINDOW_TOKENS`]), which [`Matches::search_hits`] then searches; returns its end.
    /// The window's end is found first ([`Matches::window_end`]), then one pass over its
    /// tokens finds their ids.
    ///
    /// The per-token path ([`token_ids`]) is inlined into this loop, and what runs for few
    /// tokens (the long-token path, the search at a hit, compounds, the case check) is kept
    /// out of line: inlined, it spilled the loop's registers, and the loop cost a quarter more
    /// instructions. The search at the hits is not called from here either: a change to it
    /// alone (a branch in `longest_at`) made the register allocator spill the loop's
    /// `index` (+4.6 M a pass).
    #[inline(never)]
    fn hits_of_window(&mut self, start: usize) -> usize {
        self.scratch.hits.clear();
        let limit = self.window_end(start);
        // Locals, not fields: the loop keeps them in registers across the pushes and calls.
        let (index, text, tokens) = (self.index, self.text, self.tokens);
        let mut after_candidate = false;
        let mut end = start;
        for t in tokens.get(start..limit).unwrap_or(&[]) {
            let ids = token_ids(index, t, text, after_candidate, &mut self.scratch.key);
            after_candidate = ids.any();
            if after_candidate || ids.compound {
                self.scratch.hits.push(Hit { token: end, ids });
            }
            end += 1;
        }
        end
    }

    /// Emits the keys at the hits of the window, leftmost-longest. Its own function: inlined
    /// into [`Matches::hits_of_window`], its registers spilled those of the loop over every
    /// token, which cost 1.7 % more.
    #[inline(never)]
    fn search_hits(&mut self) {
        let mut h = 0;
        while let Some(&hit) = self.scratch.hits.get(h) {
            // Most hits start no key (the function words after a name): the root says so
            // before a search is set up. A key of several tokens needs the next token to go
            // on from the first: "og", "i" and "med" start keys ("og Sønner", "i følge") and
            // are followed by a name far more often, which one step turns away; the pair
            // filter turns away most of those steps first (each a probe of the edges at a
            // line of their own: 22 400 a pass, nearly all of them failing).
            let (trie, pairs) = (&self.index.trie, &self.index.pairs);
            let root = trie.step(ROOT, hit.ids.exact);
            let starts = root.first != NONE
                || trie.step(ROOT, hit.ids.genitive).first != NONE
                || (root.state != NONE
                    && self.scratch.hits.get(h + 1).is_some_and(|next| {
                        let (first, ids) = (hit.ids.exact, next.ids);
                        next.token == hit.token + 1
                            && ((pairs.may_follow(first, ids.exact)
                                && trie.step(root.state, ids.exact).exists())
                                || (ids.genitive != NONE
                                    && pairs.may_follow(first, ids.genitive)
                                    && trie.step(root.state, ids.genitive).first != NONE))
                    }));
            // A key of one token without a genitive reading, its only entry packed in its node
            // (most names and cue verbs found), from which no longer key goes on at the next
            // hit (it starts none, or the pair filter says no longer key starts with the two:
            // at 100 000 most names start longer ones, and most of the words after them go on
            // with none): its match needs none of `longest_at`'s walk and candidate list.
            let found = match Solo::of(root.first) {
                Some(solo)
                    if hit.ids.genitive == NONE
                        && (root.state == NONE
                            || !self.scratch.hits.get(h + 1).is_some_and(|next| {
                                next.token == hit.token + 1
                                    && (pairs.may_follow(hit.ids.exact, next.ids.exact)
                                        || (next.ids.genitive != NONE
                                            && pairs.may_follow(hit.ids.exact, next.ids.genitive)))
                            })) =>
                {
                    self.solo_at(h, hit.token, hit.token, solo)
                }
                Some(solo) if hit.ids.genitive == NONE => self.pair_at(h, root, solo),
                _ if starts => self.longest_at(h, root),
                _ => None,
            };
            if let Some(next) = found {
                // Go on after the match (a few tokens on).
                while self.scratch.hits.get(h).is_some_and(|x| x.token < next) {
                    h += 1;
                }
                continue;
            }
            if hit.ids.compound {
                self.compound_at(hit.token);
            }
            h += 1;
        }
    }

    /// Emits the longest key at the token of hit `h` whose entries pass the case check;
    /// returns the token after it. The key's tokens are the hits from `h` on with consecutive
    /// token indices: a token that is no hit has no id and ends every key. `root` is the step
    /// from the root by the hit's exact id, which [`Matches::search_hits`] made.
    #[inline(never)]
    fn longest_at(&mut self, h: usize, root: Node) -> Option<usize> {
        let i = self.scratch.hits.get(h)?.token;
        // The keys found, tried the longest first: the one or two of most walks in locals, any
        // older ones in `self.scratch.candidates`.
        let (mut newest, mut older) = (None, None);
        self.scratch.candidates.clear();
        let mut found = |c: Candidate, spill: &mut Vec<Candidate>| {
            if let Some(o) = std::mem::replace(&mut older, newest.replace(c)) {
                spill.push(o);
            }
        };
        let trie = &self.index.trie;
        let mut node = Node::ROOT;
        for (j, hit) in (i..).zip(self.scratch.hits.get(h..).unwrap_or(&[])) {
            if hit.token != j || !hit.ids.any() {
                break;
            }
            let ids = hit.ids;
            let g = trie.step(node.state, ids.genitive);
            if g.first != NONE {
                let c = Candidate {
                    last: j,
                    first: g.first,
                    genitive: true,
                };
                found(c, &mut self.scratch.candidates);
            }
            node = if j == i {
                root
            } else {
                trie.step(node.state, ids.exact)
            };
            if node.first != NONE {
                let c = Candidate {
                    last: j,
                    first: node.first,
                    genitive: false,
                };
                found(c, &mut self.scratch.candidates);
            }
            if node.state == NONE {
                break;
            }
        }
        while let Some(c) = newest
            .take()
            .or_else(|| older.take())
            .or_else(|| self.scratch.candidates.pop())
        {
            let before = self.out.len();
            let mut end = c.last + 1;
            let mut genitive = c.genitive;
            let glued = |t: &Token| t.is(TokenFlags::GLUED);
            if !genitive
                && self.tokens.get(c.last + 1).is_some_and(glued)
                && self.apostrophe_genitive(c.last)
            {
                genitive = true;
                end += 1;
            }
            // The key's tokens, and the match's (with a glued apostrophe after them).
            let (Some(a), Some(b)) = (self.tokens.get(i), self.tokens.get(c.last)) else {
                return None;
            };
            let key = Span::new(a.span().start, b.span().end);
            let span = match self.tokens.get(end - 1) {
                Some(t) if end > c.last + 1 => key.cover(t.span()),
                _ => key,
            };
            // A packed entry and the entry table's give the same match.
            let found = |kind: LexiconKind, entry: usize, inflection: Inflection| GazetteerMatch {
                span,
                tokens: i..end,
                kind,
                entry,
                form: MatchForm {
                    inflection,
                    genitive,
                    head: None,
                },
            };
            if let Some(solo) = Solo::of(c.first) {
                if !solo.case_sensitive() || self.solo_case_ok(h, key, i, c.last, c.genitive) {
                    self.out
                        .push(found(solo.kind(), solo.entry(), solo.inflection()));
                    return Some(end);
                }
                continue;
            }
            for e in self.index.entries_from(c.first) {
                if !e.case_sensitive
                    || self.case_ok(self.index.original(e), key, i, c.last, c.genitive)
                {
                    self.out.push(found(e.kind, e.entry as usize, e.inflection));
                }
            }
            if self.out.len() > before {
                return Some(end);
            }
        }
        None
    }

    /// [`Matches::longest_at`] of hit `h`, whose one-token key (entry `solo`) starts longer
    /// keys and whose next hit the pair filter lets go on, when that step ends a key of two
    /// tokens and no longer one, its entry packed too (most two-word names at 100 000, which
    /// start no longer name): that key, else the shorter, as the walk tries them, without
    /// its candidate list. Other steps are left to the walk.
    #[inline(never)]
    fn pair_at(&mut self, h: usize, root: Node, solo: Solo) -> Option<usize> {
        let (Some(&hit), Some(&next)) = (self.scratch.hits.get(h), self.scratch.hits.get(h + 1))
        else {
            return None;
        };
        if next.ids.genitive == NONE {
            let node = self.index.trie.step(root.state, next.ids.exact);
            if node.state == NONE {
                if node.first == NONE {
                    return self.solo_at(h, hit.token, hit.token, solo);
                }
                if let Some(pair) = Solo::of(node.first) {
                    return self
                        .solo_at(h, hit.token, next.token, pair)
                        .or_else(|| self.solo_at(h, hit.token, hit.token, solo));
                }
            }
        }
        self.longest_at(h, root)
    }

    /// [`Matches::longest_at`] of hit `h` at token `first` when the key of tokens
    /// `first..=last` is the longest there, its only entry `solo` (no genitive reading): the
    /// match of that key, if its case passes, and the token after it.
    #[inline(never)]
    fn solo_at(&mut self, h: usize, first: usize, last: usize, solo: Solo) -> Option<usize> {
        let key = Span::new(
            self.tokens.get(first)?.span().start,
            self.tokens.get(last)?.span().end,
        );
        let mut end = last + 1;
        let mut span = key;
        let mut genitive = false;
        if self
            .tokens
            .get(last + 1)
            .is_some_and(|t| t.is(TokenFlags::GLUED))
            && self.apostrophe_genitive(last)
        {
            genitive = true;
            end += 1;
            span = self
                .tokens
                .get(last + 1)
                .map_or(key, |t| key.cover(t.span()));
        }
        if solo.case_sensitive() && !self.solo_case_ok(h, key, first, last, false) {
            return None;
        }
        self.out.push(GazetteerMatch {
            span,
            tokens: first..end,
            kind: solo.kind(),
            entry: solo.entry(),
            form: MatchForm {
                inflection: solo.inflection(),
                genitive,
                head: None,
            },
        });
        Some(end)
    }

    /// "Lars'": a name ending in s, x or z followed by a glued apostrophe.
    #[inline(never)]
    fn apostrophe_genitive(&self, last: usize) -> bool {
        let (Some(t), Some(next)) = (self.tokens.get(last), self.tokens.get(last + 1)) else {
            return false;
        };
        next.is(TokenFlags::GLUED)
            && matches!(next.text(self.text), "'" | "\u{2019}")
            && t.text(self.text).ends_with(['s', 'x', 'z'])
            && !self
                .tokens
                .get(last + 2)
                .is_some_and(|t| t.is(TokenFlags::GLUED))
    }

    /// The case check of a [`Solo`] name (its spelling is its keys' tokens with capital first
    /// letters) against tokens `first..=last` (text `key`), the first of them hit `h`: each
    /// token spelled with a capital first letter and no other is told by its bytes; for the
    /// rest the spelling is rebuilt from the keys, the entry having none of its own here.
    #[inline(always)]
    fn solo_case_ok(
        &mut self,
        h: usize,
        key: Span,
        first: usize,
        last: usize,
        genitive: bool,
    ) -> bool {
        // A lower-case first letter: the name's is a capital (its key's is a letter), so
        // `case_ok` says no at once, as here.
        if self
            .text
            .as_bytes()
            .get(key.start)
            .is_some_and(u8::is_ascii_lowercase)
        {
            return false;
        }
        let mut k = first;
        while k <= last {
            if !self.title_token(k, genitive && k == last) {
                return self.rebuilt_case_ok(h, key, first, last, genitive);
            }
            k += 1;
        }
        true
    }

    /// Token `k` (without its genitive suffix when `genitive`) is a capital letter and letters
    /// that [`normalize::push_key`] leaves as they are: its key with a capital first letter.
    #[inline(always)]
    fn title_token(&self, k: usize, genitive: bool) -> bool {
        let Some(t) = self.tokens.get(k) else {
            return false;
        };
        // The scanner told it: an ASCII capital, then ASCII small letters (most names found),
        // and the bytes need no test.
        if !genitive && t.word_case() == WordCase::Capitalised {
            return true;
        }
        self.title_bytes_of(t, genitive)
    }

    /// [`Matches::title_token`] of token `t` from its bytes.
    #[inline(always)]
    fn title_bytes_of(&self, t: &Token, genitive: bool) -> bool {
        let span = t.span();
        let mut len = span.end.wrapping_sub(span.start);
        if genitive {
            len -= normalize::genitive_suffix_len(t.text(self.text)).min(len);
        }
        if let (true, Some(chunk)) = (len.wrapping_sub(1) < 16, window16(self.text, span.start)) {
            let (lo, hi) = normalize::load_words(chunk, len);
            // The capital's byte: the first, or the second of a Latin-1 letter.
            return matches!(lowered_bytes(lo), Some(0x80 | 0x8000))
                && lowered_bytes(hi) == Some(0);
        }
        let bytes = self.text.as_bytes().get(span.start..span.start + len);
        title_bytes(bytes.unwrap_or(&[]))
    }

    /// [`Matches::solo_case_ok`] when some token is not spelled so: the full case check
    /// against the spelling rebuilt from the keys of the hits' ids.
    #[inline(never)]
    fn rebuilt_case_ok(
        &mut self,
        h: usize,
        key: Span,
        first: usize,
        last: usize,
        genitive: bool,
    ) -> bool {
        let mut original = std::mem::take(&mut self.scratch.key);
        original.clear();
        let hits = self.scratch.hits.get(h..).unwrap_or(&[]);
        for (k, hit) in (first..=last).zip(hits) {
            let id = if genitive && k == last {
                hit.ids.genitive
            } else {
                hit.ids.exact
            };
            if k > first {
                original.push(0);
            }
            let start = original.len();
            original.extend_from_slice(self.index.vocab.key(id));
            index::title_case(original.get_mut(start..).unwrap_or(&mut []));
        }
        let ok = self.case_ok(&original, key, first, last, genitive);
        self.scratch.key = original;
        ok
    }

    /// The case check of a case-sensitive entry spelled `original` against tokens
    /// `first..=last`, whose text is `key` (made once for all the entries of a key). Most
    /// case-sensitive keys found are spelled as listed, one space between their tokens: one
    /// compare of the text here, in line. A lower-case word against a name listed with a
    /// capital, the common rejection, is told here too; the rest [`Matches::case_ok_tokens`].
    #[inline(always)]
    fn case_ok(
        &self,
        original: &[u8],
        key: Span,
        first: usize,
        last: usize,
        genitive: bool,
    ) -> bool {
        let surface = self.text.as_bytes().get(key.start..key.end).unwrap_or(&[]);
        if !genitive && spelled_as_listed(surface, original) {
            return true;
        }
        // `case_compatible` says no to this before anything else, on the first token.
        if let (Some(s), Some(o)) = (surface.first(), original.first()) {
            if s.is_ascii_lowercase() && o.is_ascii_uppercase() {
                return false;
            }
        }
        self.case_ok_tokens(original, first, last, genitive)
    }

    /// [`Matches::case_ok`] token by token. The original spelling's tokens are joined by `\0`;
    /// a token spelled as listed costs one compare.
    #[inline(never)]
    fn case_ok_tokens(&self, original: &[u8], first: usize, last: usize, genitive: bool) -> bool {
        let mut rest = original;
        let mut at = 0;
        for k in first..=last {
            if k > first {
                // The separator of the previous token.
                if rest.first() != Some(&0) {
                    return false;
                }
                rest = rest.get(1..).unwrap_or(&[]);
                at += 1;
            }
            let Some(t) = self.tokens.get(k) else {
                return false;
            };
            // Bytes, not `str`: the compare of a token spelled as listed, nearly every one,
            // then needs no char-boundary checks, and two word loads instead of `bcmp`.
            let span = t.span();
            let mut surface = self
                .text
                .as_bytes()
                .get(span.start..span.end)
                .unwrap_or(&[]);
            if genitive && k == last {
                let n = normalize::genitive_suffix_len(t.text(self.text));
                surface = surface.get(..surface.len() - n).unwrap_or(surface);
            }
            let n = surface.len();
            if rest.get(..n).is_some_and(|r| same_bytes(r, surface))
                && matches!(rest.get(n), None | Some(0))
            {
                rest = rest.get(n..).unwrap_or(&[]);
                at += n;
                continue;
            }
            let len = memchr::memchr(0, rest).unwrap_or(rest.len());
            let (Some(Ok(piece)), Some(surface)) = (
                original.get(at..at + len).map(std::str::from_utf8),
                self.text.get(span.start..span.start + n),
            ) else {
                return false;
            };
            let may_capitalise = k == first && self.sentence_initial(k);
            if !normalize::case_compatible(surface, piece, may_capitalise) {
                return false;
            }
            rest = rest.get(len..).unwrap_or(&[]);
            at += len;
        }
        rest.is_empty()
    }

    /// Token `k` opens a sentence, a paragraph, a quote or a list item.
    #[inline(never)]
    fn sentence_initial(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        t.is(TokenFlags::SENTENCE_START)
            || t.is(TokenFlags::PARAGRAPH_START)
            || k.checked_sub(1)
                .and_then(|p| self.tokens.get(p))
                .is_some_and(|p| {
                    matches!(
                        p.kind(),
                        TokenKind::QuoteOpen
                            | TokenKind::Quote
                            | TokenKind::QuoteDash
                            | TokenKind::Bullet
                    )
                })
    }

    /// A single word ending in a role head's form: "næringsminister", "klyngelederen". The
    /// test that turns away most words is here; the search, in [`Matches::compound_search`],
    /// has a stack frame of its own that these words do not set up.
    #[inline(never)]
    fn compound_at(&mut self, i: usize) {
        let Some(suffixes) = &self.index.suffixes else {
            return;
        };
        let Some(t) = self.tokens.get(i).filter(|t| t.kind() == TokenKind::Word) else {
            return;
        };
        // Bytes: the `str` is needed only for the search.
        let bytes = self.text.as_bytes().get(t.span().start..t.span().end);
        if may_end_in_head(suffixes, &self.index.head_ends, bytes.unwrap_or(&[])) {
            self.compound_search(i);
        }
    }

    /// [`Matches::compound_at`] of a word that may end in a head form.
    #[inline(never)]
    fn compound_search(&mut self, i: usize) {
        let index = self.index;
        let Some(suffixes) = &index.suffixes else {
            return;
        };
        let t = &self.tokens[i];
        let surface = t.text(self.text);
        let key = &mut self.scratch.key;
        key.clear();
        normalize::push_key(surface, key);
        key.reverse();
        let mut genitive = false;
        let mut found = longest_prefix(suffixes, key, key.len());
        if found.is_none() {
            let n = normalize::genitive_suffix_len(surface).min(2);
            if n > 0 {
                // The reversed key starts with the reversed suffix ("s" or "s'").
                found = longest_prefix(suffixes, &key[n..], key.len() - n);
                genitive = found.is_some();
            }
        }
        let Some((pattern, head_len)) = found else {
            return;
        };
        let n = if genitive {
            normalize::genitive_suffix_len(surface).min(2)
        } else {
            0
        };
        let rest = key.len() - n - head_len;
        if rest < 2 {
            return;
        }
        let head = head_span(surface, t.span(), key, n, head_len);
        for e in index.suffix_entries(pattern) {
            self.out.push(GazetteerMatch {
                span: t.span(),
                tokens: i..i + 1,
                kind: e.kind,
                entry: e.entry as usize,
                form: MatchForm {
                    inflection: e.inflection,
                    genitive,
                    head: Some(head),
                },
            });
        }
    }
}

/// The longest key of `ac` that is a proper prefix of `hay` (shorter than `whole`), as
/// (pattern, length).
#[inline(never)]
fn longest_prefix(dfa: &DFA, hay: &[u8], whole: usize) -> Option<(usize, usize)> {
    let m = dfa
        .try_find(&Input::new(hay).anchored(Anchored::Yes))
        .ok()
        .flatten()?;
    (m.end() < whole).then(|| (m.pattern().as_usize(), m.end()))
}

/// False when [`Matches::compound_at`] certainly finds no head form at the end of the word
/// `surface`: [`HeadEnds`] tells most words by their last bytes, and for the rest the
/// automaton walks the reversed key from the surface's last bytes, so most words cost a few
/// transitions and no key. Such a search, and the ones without the genitive -s or 's, end
/// before any head form; a character outside ASCII and two-byte Latin-1 ends the walk with a
/// maybe.
#[inline(always)]
fn may_end_in_head(dfa: &DFA, ends: &HeadEnds, surface: &[u8]) -> bool {
    ends_in_head(dfa, ends, surface)
        || match surface {
            [base @ .., b's' | b'S'] => genitive_base_ends_in_head(dfa, ends, base),
            _ => false,
        }
}

/// [`may_end_in_head`] of a word without its genitive -s: the word `base` or, after an
/// apostrophe, the word before it ("minister's"). Out of line: few words end in -s here.
#[inline(never)]
fn genitive_base_ends_in_head(dfa: &DFA, ends: &HeadEnds, base: &[u8]) -> bool {
    ends_in_head(dfa, ends, base)
        || matches!(base, [before @ .., b'\''] if ends_in_head(dfa, ends, before))
}

/// Does `word` end in a head form (maybe)? [`HeadEnds`] tells, or else the walk.
#[inline(always)]
fn ends_in_head(dfa: &DFA, ends: &HeadEnds, word: &[u8]) -> bool {
    ends.ends_in_head(word)
        .unwrap_or_else(|| walk_reversed(dfa, word))
}

/// Does an anchored match start the reversed key of `surface` (see [`may_end_in_head`])?
#[inline(never)]
fn walk_reversed(dfa: &DFA, surface: &[u8]) -> bool {
    let Ok(mut sid) = dfa.start_state(Anchored::Yes) else {
        return true;
    };
    let mut depth = 0;
    let mut rest = surface;
    while let Some((&b, before)) = rest.split_last() {
        // The key's bytes, last first: ASCII lower-cased; the second byte of a Latin-1 letter
        // lower-cased as `push_key` does (its lead `C3` comes next, as it is).
        let k = match (b, before.last()) {
            (..0x80 | 0xC3, _) => b.to_ascii_lowercase(),
            (0x80..0xC0, Some(0xC3)) => {
                b + 0x20 * u8::from((0x80..=0x9E).contains(&b) && b != 0x97)
            }
            _ => return true,
        };
        sid = dfa.next_state(Anchored::Yes, sid, k);
        depth += 1;
        if dfa.is_special(sid) {
            if dfa.is_dead(sid) {
                return false;
            }
            if dfa.is_match(sid) && dfa.pattern_len(dfa.match_pattern(sid, 0)) == depth {
                return true;
            }
        }
        rest = before;
    }
    false
}

/// The span of the head within the compound token: the last characters of the surface that
/// correspond to the `head_len` key bytes before the `suffix` genitive bytes. `reversed` is the
/// reversed key.
#[inline(never)]
fn head_span(surface: &str, span: Span, reversed: &[u8], suffix: usize, head_len: usize) -> Span {
    let head_chars = reversed
        .get(suffix..suffix + head_len)
        .map_or(0, |b| b.iter().filter(|&&b| (b & 0xC0) != 0x80).count());
    let suffix_bytes = normalize::genitive_suffix_len(surface) * usize::from(suffix > 0);
    let body = surface
        .get(..surface.len() - suffix_bytes)
        .unwrap_or(surface);
    let start = body
        .char_indices()
        .rev()
        .nth(head_chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    Span::new(span.start + start, span.start + body.len())
}

/// The 16 bytes of `text` from `start`, when there are 16: most tokens are at most that long
/// and not at the text's end, and two word loads read them.
#[inline(always)]
fn window16(text: &str, start: usize) -> Option<&[u8; 16]> {
    text.as_bytes()
        .get(start..start.wrapping_add(16))
        .and_then(|c| <&[u8; 16]>::try_from(c).ok())
}

/// The ids of `token` of `text`: its key's, and its genitive base's; and whether it may be a
/// compound. The Bloom filter runs on hashes computed from the surface, so most tokens cost
/// one pass over their bytes and no key is built; only keys that start an entry are looked up,
/// unless the token follows one with an id (`after_candidate`), and a lower-case word only
/// where some entry lets a lower-case word match. Tokens of up to 16 bytes of ASCII and
/// Latin-1 without a genitive -s, most of them, take a path of word operations here; the rest
/// [`token_ids_long`].
#[inline(always)]
fn token_ids(
    index: &Index,
    token: &Token,
    text: &str,
    after_candidate: bool,
    key: &mut Vec<u8>,
) -> TokenIds {
    let mut ids = TokenIds::NONE;
    let span = token.span();
    let len = span.end.wrapping_sub(span.start);
    // Most tokens are at most 16 bytes and not at the text's end: two loads read them. (One
    // bounds check for the chunk, one compare for the length.)
    let chunk = window16(text, span.start);
    if let (true, Some(chunk)) = (len.wrapping_sub(1) < 16, chunk) {
        // No genitive and no compound this short: the exact id is all (`Index::one_byte`).
        if len <= 2 {
            let found = if len == 1 {
                index.one_byte.get(usize::from(chunk[0]))
            } else {
                index::two_byte_slot(chunk[0], chunk[1]).and_then(|i| index.two_bytes.get(i))
            };
            if let Some(found) = found {
                ids.exact = found[usize::from(after_candidate)];
                return ids;
            }
        }
        let (lo, hi) = normalize::load_words(chunk, len);
        // Without a genitive -s the key has no shorter base: the whole search is one hash.
        if chunk.get(len - 1).is_some_and(|&b| b | 0x20 != b's') {
            if let Some(hash) = normalize::scan_words(lo, hi, len) {
                if token.kind() == TokenKind::Word && len >= index.compound_min {
                    // `maybe_compound` of a key without a shorter base, from its last 8
                    // bytes. When every head has `TAIL` bytes or more, the token has at least
                    // two more: the five bytes it reads are the token's own (with a shorter
                    // head the filter is full and says maybe to every word).
                    let last8 = match chunk.get(len.wrapping_sub(8)..len) {
                        Some(b) => b.try_into().map_or(0, u64::from_le_bytes),
                        None => lo << (64usize.wrapping_sub(8 * len) & 63),
                    };
                    // `may_start` is asked only here: its key starts with the token's first
                    // byte, so a token it turns away has no id, and the lookup says so as
                    // well. It turns away few words (a leading hyphen: "-transportformål"),
                    // so it is asked after the filter, of the one word in fifteen it lets by.
                    ids.compound = index.tail5_filter.contains(end5(last8 >> 24))
                        && index.may_start[usize::from(lo as u8)];
                }
                let lower = is_lower(chunk);
                if index.filters.pick(after_candidate, lower).contains(hash) {
                    ids.exact = index.vocab.find_words(hash, len, lo, hi);
                }
                return ids;
            }
        }
    }
    token_ids_long(index, token, text, after_candidate, key)
}

/// [`token_ids`] of the other tokens. Not inlined: its registers and stack would burden the
/// loop over every token.
#[inline(never)]
fn token_ids_long(
    index: &Index,
    token: &Token,
    text: &str,
    after_candidate: bool,
    key: &mut Vec<u8>,
) -> TokenIds {
    let mut ids = TokenIds::NONE;
    let span = token.span();
    let bytes = text.as_bytes().get(span.start..span.end).unwrap_or(&[]);
    if token.kind() != TokenKind::Word {
        let slot = normalize::punctuation_slot(bytes).and_then(|s| index.punctuation.get(s));
        if let Some(found) = slot {
            ids.exact = found[usize::from(after_candidate)];
            return ids;
        }
    }
    let Some(&b0) = bytes.first() else {
        return ids;
    };
    if !index.may_start[usize::from(b0)] {
        return ids;
    }
    let window = window16(text, span.start);
    if let Some(ids) = genitive_ids(index, token, bytes, window, after_candidate) {
        return ids;
    }
    if b0 >= 0x80 && b0 != 0xC3 && token.kind() != TokenKind::Word {
        // Punctuation outside Latin-1 ("«", "–", "…"): when no key starts as its first
        // character's key does, it has no id, found without building its key.
        let first = token
            .text(text)
            .chars()
            .next()
            .map(normalize::key_first_byte);
        if first.is_some_and(|b| !index.key_first[usize::from(b)]) {
            return ids;
        }
        let mut chars = token.text(text).chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if normalize::is_own_key(c) {
                // A dash or a quotation mark is its own key: no key to build.
                let mut ids = ids;
                let hash = normalize::key_hash(bytes);
                if index.filters.pick(after_candidate, false).contains(hash) {
                    ids.exact = index.vocab.find_key(hash, bytes);
                }
                return ids;
            }
        }
    }
    // Only a word ending in s has a genitive suffix: the str is needed only then.
    let suffix = if matches!(bytes.last(), Some(b's' | b'S')) {
        normalize::genitive_suffix_len(token.text(text)).min(2)
    } else {
        0
    };
    let word = token.kind() == TokenKind::Word && index.suffixes.is_some();
    let filter = index.filters.pick(after_candidate, is_lower(bytes));
    if let Some(scan) = normalize::scan_key(bytes, bytes.len() - suffix) {
        // The byte path: the surface hashes and compares like its key, which is not built.
        let base = bytes.len() - suffix;
        if word {
            ids.compound = maybe_compound(index, bytes.len(), base, scan.tail, scan.base_tail);
        }
        let in_vocab = filter.contains(scan.hash);
        let base_in_vocab = suffix > 0 && filter.contains(scan.base_hash);
        if in_vocab || base_in_vocab {
            ids.exact = index.vocab.find_surface(scan.hash, bytes);
            if let Some(b) = bytes.get(..base).filter(|_| suffix > 0) {
                ids.genitive = index.vocab.find_surface(scan.base_hash, b);
            }
        }
        return ids;
    }
    key.clear();
    normalize::push_key(token.text(text), key);
    let base = key.len().saturating_sub(suffix);
    let base_key = key.get(..base).unwrap_or(&[]);
    if word {
        let (tail, base_tail) = (normalize::tail_word(key), normalize::tail_word(base_key));
        ids.compound = maybe_compound(index, key.len(), base, tail, base_tail);
    }
    let hash = normalize::key_hash(key);
    let base_hash = normalize::key_hash(base_key);
    let in_vocab = filter.contains(hash);
    let base_in_vocab = suffix > 0 && filter.contains(base_hash);
    if in_vocab || base_in_vocab {
        ids.exact = index.vocab.find_key(hash, key);
        if suffix > 0 {
            ids.genitive = index.vocab.find_key(base_hash, base_key);
        }
    }
    ids
}

/// [`Index::punctuation`]: the exact ids [`token_ids_long`] finds for each token that
/// [`normalize::punctuation_slot`] places and that is not a word, after no candidate and after
/// one. Such a token has no genitive and is no compound, and which kind of punctuation it is
/// does not matter: the bytes decide.
fn punctuation_ids(index: &Index) -> Vec<[u32; 2]> {
    let mut key = Vec::new();
    let firsts = (0x80..0xC0u32).chain(0x2000..0x20C0);
    firsts
        .map(|code| {
            let Some(c) = char::from_u32(code) else {
                return [NONE; 2];
            };
            let text = c.to_string();
            let token = Token::new(
                Span::new(0, text.len()),
                TokenKind::Dash,
                TokenFlags::empty(),
            );
            [false, true].map(|after| token_ids_long(index, &token, &text, after, &mut key).exact)
        })
        .collect()
}

/// [`token_ids_long`] of a token of up to 16 bytes of ASCII and Latin-1 with a genitive
/// suffix (`None` for other tokens), from word loads like the short path of [`token_ids`]:
/// the key and its base are both looked up when either passes the filter. `window` is the 16
/// bytes from the surface's start when the text has them: they spare the copy.
fn genitive_ids(
    index: &Index,
    token: &Token,
    surface: &[u8],
    window: Option<&[u8; 16]>,
    after_candidate: bool,
) -> Option<TokenIds> {
    // Most tokens here have no genitive suffix (punctuation outside Latin-1, long words):
    // asked first, before any load.
    let n = normalize::latin1_genitive_suffix_len(surface);
    let len = surface.len();
    let base = len.checked_sub(n).filter(|_| n > 0 && len <= 16)?;
    let mut copy = [0; 16];
    let chunk = match window {
        Some(w) => w,
        None => {
            copy.get_mut(..len)?.copy_from_slice(surface);
            &copy
        }
    };
    let (lo, hi) = normalize::load_words(chunk, len);
    let hash = normalize::scan_words(lo, hi, len)?;
    let (base_lo, base_hi) = normalize::load_words(chunk, base);
    let base_hash = normalize::scan_words(base_lo, base_hi, base)?;
    let mut ids = TokenIds::NONE;
    if token.kind() == TokenKind::Word && index.suffixes.is_some() {
        let tail = normalize::words_tail(lo, hi, len);
        let base_tail = normalize::words_tail(base_lo, base_hi, base);
        ids.compound = maybe_compound(index, len, base, tail, base_tail);
    }
    let filter = index.filters.pick(after_candidate, is_lower(surface));
    if filter.contains(hash) || filter.contains(base_hash) {
        ids.exact = index.vocab.find_surface(hash, surface);
        ids.genitive = index.vocab.find_surface(base_hash, surface.get(..base)?);
    }
    Some(ids)
}

/// The compound filter: does a key of `len` bytes, or its genitive base (the first `base`
/// bytes), end in the last [`TAIL`] bytes of a head form (`tail`, `base_tail`: their
/// [`normalize::tail_word`]s), with room for a first part?
#[inline(always)]
fn maybe_compound(index: &Index, len: usize, base: usize, tail: u32, base_tail: u32) -> bool {
    if len < index.suffix_min + 2 {
        return false;
    }
    if index.suffix_min < TAIL {
        return true;
    }
    let hit = |w: u32| index.suffix_filter.contains(u64::from(w));
    hit(tail) || (base < len && hit(base_tail))
}

/// `a == b`, for the few bytes of a name's token: up to 8 bytes as two words, not a call.
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len()
        && if a.len() <= 8 {
            normalize::load_word(a) == normalize::load_word(b)
        } else {
            a == b
        }
}

/// `surface`, the text from a key's first token to its last, is `original`, the entry's spelling
/// with its tokens joined by `\0`, with one space between the tokens. Then each token is
/// spelled as listed: the tokens' keys are the listed tokens' keys, and a key grows with each
/// character, so no token can end before or after its listed one.
#[inline(always)]
fn spelled_as_listed(surface: &[u8], original: &[u8]) -> bool {
    let n = surface.len();
    if n != original.len() {
        return false;
    }
    if n < 8 {
        let mask = (1u64 << (8 * n)).wrapping_sub(1);
        return same_spelling(
            normalize::load_short(surface),
            normalize::load_short(original),
            mask,
        );
    }
    // Words of 8 bytes, the last one overlapping the one before.
    let word = |c: &[u8]| c.try_into().map_or(0, u64::from_le_bytes);
    let whole = surface.chunks_exact(8).zip(original.chunks_exact(8));
    for (x, y) in whole.take((n - 1) / 8) {
        if !same_spelling(word(x), word(y), u64::MAX) {
            return false;
        }
    }
    match (surface.last_chunk::<8>(), original.last_chunk::<8>()) {
        (Some(x), Some(y)) => {
            same_spelling(u64::from_le_bytes(*x), u64::from_le_bytes(*y), u64::MAX)
        }
        _ => false,
    }
}

/// [`spelled_as_listed`] on the bytes of `mask` of two little-endian words: the text `x` has a
/// space where the listed `y` has a `\0`, and elsewhere its bytes.
#[inline(always)]
fn same_spelling(x: u64, y: u64, mask: u64) -> bool {
    // Bit 7 of each zero byte of `y` moved to bit 5: a space.
    x == y | ((normalize::zero_bytes(y) >> 2) & mask)
}

/// Bit 7 set in each byte of the little-endian `word` (a surface's bytes, zero after its end)
/// that [`normalize::push_key`] changes: ASCII capitals, and the second bytes of two-byte
/// Latin-1 capitals (`80..=9E` but `97`, "×"). `None` when a character of the word is neither
/// ASCII nor two-byte Latin-1 (a lead byte other than `C3`): its key is not made so.
#[inline(always)]
fn lowered_bytes(word: u64) -> Option<u64> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if word & HIGH == 0 {
        return Some(normalize::ascii_capitals(word));
    }
    if !normalize::latin1_word(word) {
        return None;
    }
    let ascii = normalize::ascii_capitals(word & !HIGH) & !word;
    // Bytes 80..=9F (bit 7 set, bits 6 and 5 clear), but 97 and 9F ("×", "ß"): the only two
    // of them with bits 0, 1, 2 and 4 set.
    let upper_half = word & !(word << 1) & !(word << 2) & HIGH;
    let kept = normalize::zero_bytes((word & 0x1717_1717_1717_1717) ^ 0x1717_1717_1717_1717);
    Some(ascii | (upper_half & !kept))
}

/// `bytes` are a capital letter (ASCII, or two-byte Latin-1 but "×") and then only characters
/// that [`normalize::push_key`] leaves as they are: ASCII but capitals, two-byte Latin-1 but
/// capitals. Such a token's key is its bytes with the first letter in lower case.
fn title_bytes(bytes: &[u8]) -> bool {
    let lowered = |b: u8| (0x80..=0x9E).contains(&b) && b != 0x97;
    let mut rest = match bytes {
        [a, rest @ ..] if a.is_ascii_uppercase() => rest,
        [0xC3, b, rest @ ..] if lowered(*b) => rest,
        _ => return false,
    };
    loop {
        rest = match rest {
            [] => return true,
            [a, more @ ..] if *a < 0x80 && !a.is_ascii_uppercase() => more,
            [0xC3, b, more @ ..] if !lowered(*b) => more,
            _ => return false,
        };
    }
}

/// The token starts with a lower-case letter (ASCII, or two-byte Latin-1 such as "æ", "ø").
#[inline(always)]
fn is_lower(bytes: &[u8]) -> bool {
    match bytes {
        [b, ..] if b.is_ascii_lowercase() => true,
        [0xC3, c, ..] => (0xA0..=0xBF).contains(c) && *c != 0xB7,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gazetteer of `lexicons` with every entry read from the entry table, none packed
    /// into its trie node.
    /// The gazetteer of surname lines (and the cue verbs "sier", "sa") as built, and the same
    /// without the packed one-token entries, whose every search walks the trie.
    fn solo_and_walk(lines: &str) -> (Gazetteer, Gazetteer) {
        let mut builder = LexiconSet::empty_builder();
        let _ = builder.add_str(crate::lexicon::LexiconKind::Surnames, "test", lines);
        let _ = builder.add_str(crate::lexicon::LexiconKind::CueVerbs, "test", "sier\nsa\n");
        let lexicons = builder.build();
        let Ok(solo) = Gazetteer::new(&lexicons) else {
            panic!("gazetteer");
        };
        (solo, without_solo(&lexicons))
    }

    fn without_solo(lexicons: &LexiconSet) -> Gazetteer {
        let mut builder = IndexBuilder::new(lexicons);
        builder.solo = false;
        builder.add_lexicons(lexicons);
        let Ok(mut index) = builder.build() else {
            panic!("index");
        };
        index.punctuation = punctuation_ids(&index);
        Gazetteer {
            index: Arc::new(index),
        }
    }

    /// Words of ASCII, two-byte Latin-1 (capitals, small letters, "×", "÷", "ß") and a few
    /// other characters, of 1 to 20 bytes.
    fn odd_words(n: usize) -> Vec<String> {
        let chars = [
            'a', 'k', 'z', 'A', 'K', 'Z', '@', '[', '`', '{', '0', '-', '\'', 'æ', 'ø', 'å', 'Æ',
            'Ø', 'Å', 'é', 'É', '×', '÷', 'ß', 'ÿ', 'À', 'Þ', 'þ', 'ĳ', 'Ĳ', '–', '’',
        ];
        let mut seed = 11u64;
        let mut next = |m: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % m
        };
        (0..n)
            .map(|_| {
                let mut w: String = (0..1 + next(12))
                    .map(|_| chars[next(chars.len())])
                    .collect();
                // Most of them capitalised and in lower case after, as names are.
                if next(3) > 0 {
                    w = w.to_lowercase();
                    let first = ['K', 'A', 'Ø', 'Å', 'É', 'Þ', 'k', '×'][next(8)];
                    w.insert(0, first);
                }
                w
            })
            .collect()
    }

    /// The word test of the solo case check, by words and by bytes, against the definition:
    /// a word spelled as its key with a capital first letter.
    #[test]
    fn title_tokens_are_their_keys_with_a_capital() {
        let mut titles = 0;
        for w in odd_words(20_000) {
            let mut key = normalize::key(&w);
            let want = index::title_case(&mut key) && key == w.as_bytes();
            let latin1 = w.chars().all(|c| (c as u32) < 0x100);
            let bytes = title_bytes(w.as_bytes());
            // Outside Latin-1 the bytes say no, and the spelling rebuilt from the key decides.
            assert_eq!(bytes, want && latin1, "{w:?}");
            titles += usize::from(bytes);
            if let Some(chunk) = w.as_bytes().get(..16).filter(|_| w.len() <= 16) {
                let mut padded = [0; 16];
                padded[..w.len()].copy_from_slice(&chunk[..w.len()]);
                let (lo, hi) = normalize::load_words(&padded, w.len());
                let words = matches!(lowered_bytes(lo), Some(0x80 | 0x8000))
                    && lowered_bytes(hi) == Some(0);
                assert_eq!(words, bytes, "{w:?}");
            }
        }
        assert!(titles > 2_000, "{titles}");
    }

    /// A word the scanner told capitalised is a title token as its bytes say: the shortcut of
    /// `title_token` agrees with the byte test on every token, with and without a genitive.
    #[test]
    fn scanner_told_capitals_are_title_tokens() {
        let mut text = String::from(
            "Kari Hansen, KARI og kari. Ørsted Aas A B2 Abc123 Hansens Ola's O. \
             Abcdefghijklmnop Abcdefghijklmnopq «Sitat» – Xø iPhone NRK Nrk\n\n",
        );
        for w in odd_words(2_000) {
            text.push_str(&w);
            text.push(' ');
        }
        // Plain capitalised words of 1 to 20 bytes, some with digits.
        let letters = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for n in 0..600usize {
            text.push(char::from(b'A' + (n % 26) as u8));
            for k in 0..n % 20 {
                text.push(char::from(letters[(n * 7 + k * 13) % letters.len()]));
            }
            text.push_str(if n % 5 == 0 { "s " } else { " " });
        }
        let gazetteer = embedded();
        let doc = crate::tokenize::Tokenizer::new().analyse(&text);
        let matches = gazetteer.matches(&doc, Vec::new(), Scratch::new());
        let mut told = 0;
        for (k, t) in doc.tokens().iter().enumerate() {
            for genitive in [false, true] {
                let bytes = matches.title_bytes_of(t, genitive);
                assert_eq!(
                    matches.title_token(k, genitive),
                    bytes,
                    "{:?}",
                    t.text(&text)
                );
            }
            if t.word_case() == WordCase::Capitalised {
                told += 1;
                assert!(matches.title_bytes_of(t, false), "{:?}", t.text(&text));
            }
        }
        assert!(told > 50, "{told}");
    }

    /// Names packed into their trie nodes ([`Solo`]) match where and as the entry table's do:
    /// odd names of one to three words, among them names that pack and names that do not,
    /// written as listed, in capitals, in lower case, with the first letter changed, with a
    /// genitive and glued to punctuation.
    #[test]
    fn solo_entries_match_as_the_entry_tables_do() {
        use crate::lexicon::LexiconKind as K;
        let words = odd_words(3_000);
        let names: Vec<String> = words
            .chunks(3)
            .enumerate()
            .map(|(i, w)| w[..1 + i % 3].join(" "))
            .collect();
        let mut builder = LexiconSet::empty_builder();
        let lines: String = names.iter().map(|n| format!("{n}\n")).collect();
        let _ = builder.add_str(K::Surnames, "test", &lines);
        let roles: String = ["direktør\n", "daglig leder\n"].concat();
        let _ = builder.add_str(K::Roles, "test", &roles);
        let lexicons = builder.build();
        let Ok(solo) = Gazetteer::new(&lexicons) else {
            panic!("gazetteer");
        };
        let table = without_solo(&lexicons);
        let packed = |g: &Gazetteer| {
            (0..g.index.vocab.len() as u32)
                .filter(|&id| Solo::of(g.index.trie.step(ROOT, id).first).is_some())
                .count()
        };
        assert!(
            packed(&solo) > 20 && packed(&table) == 0,
            "{}",
            packed(&solo)
        );
        let tokenizer = crate::tokenize::Tokenizer::new();
        let mut text = String::new();
        for (i, name) in names.iter().enumerate() {
            let written = match i % 6 {
                0 => name.clone(),
                1 => name.to_uppercase(),
                2 => name.to_lowercase(),
                3 => format!("{name}s"),
                4 => format!("{name}'s daglige lederne"),
                _ => {
                    let mut w = name.clone();
                    w.insert(0, 'X');
                    w
                }
            };
            text.push_str(&format!(
                "Direktøren møtte {written}. {name}, og så {written}»\n"
            ));
        }
        let doc = tokenizer.analyse(&text);
        let found: Vec<_> = solo.find_iter(&doc).collect();
        assert_eq!(found, table.find_iter(&doc).collect::<Vec<_>>());
        assert!(found.len() > 2 * names.len(), "{}", found.len());
    }

    /// Keys of one token, found by `solo_at`, give what the walk of `longest_at` gives (with
    /// every entry in the entry table): names that also start longer keys or not, in every
    /// case, with genitives, glued apostrophes ("Lars'") and words after them.
    #[test]
    fn single_token_keys_match_as_the_walk_finds_them() {
        let words = odd_words(2_000);
        let mut lines = String::new();
        for (i, w) in words.iter().enumerate() {
            // Single names, some ending in s, x or z; every fifth also starts a name of two.
            let name = format!("{w}{}", ["", "s", "x", "z", ""][i % 5]);
            lines.push_str(&format!("{name}\n"));
            if i % 5 == 4 {
                lines.push_str(&format!("{name} {}\n", words[(i + 1) % words.len()]));
            }
        }
        let (solo, table) = solo_and_walk(&lines);
        let mut text = String::new();
        for (i, line) in lines.lines().enumerate() {
            let written = match i % 7 {
                0 => line.to_string(),
                1 => line.to_uppercase(),
                2 => line.to_lowercase(),
                3 => format!("{line}s"),
                4 => format!("{line}' sier"),
                5 => format!("{line}\u{2019}s sa"),
                _ => format!("{line}'"),
            };
            text.push_str(&format!("Sier {written} og {line}, sa {written}.\n"));
        }
        let doc = crate::tokenize::Tokenizer::new().analyse(&text);
        let found: Vec<_> = solo.find_iter(&doc).collect();
        assert_eq!(found, table.find_iter(&doc).collect::<Vec<_>>());
        let genitives = found.iter().filter(|m| m.form.genitive).count();
        assert!(
            found.len() > 3 * words.len() && genitives > 100,
            "{}",
            found.len()
        );
    }

    /// Names of one token that also start names of two, found by `solo_at` when the pair
    /// filter says no name of two goes on at the next token and by `pair_at` when it says
    /// maybe, give what the walk of `longest_at` gives (every entry in the entry table):
    /// followed by the second word of their own name (as is, with a genitive, in capitals, in
    /// a case that fails the check, so that the shorter name is taken), by another such name
    /// (the pair filter says maybe to some of those pairs), by a word of no key, punctuation
    /// or a glued apostrophe, in every case.
    #[test]
    fn names_that_start_longer_ones_match_as_the_walk_finds_them() {
        // Capitalised words of 2 to 10 letters, some with Latin-1 letters.
        let mut next = crate::testing::xorshift(0x9E37_79B9);
        let letters: Vec<char> = "abcdefghijklmnopqrstuvwxyzæøåé".chars().collect();
        let mut words: Vec<String> = (0..4_000)
            .map(|_| {
                let first = letters[next(30)].to_uppercase();
                first
                    .chain((0..1 + next(9)).map(|_| letters[next(30)]))
                    .collect()
            })
            .collect();
        words.sort();
        words.dedup();
        let mut lines = String::new();
        for pair in words.chunks_exact(2) {
            lines.push_str(&format!("{}\n{} {}\n", pair[0], pair[0], pair[1]));
        }
        let (solo, table) = solo_and_walk(&lines);
        let mut text = String::new();
        let firsts: Vec<&String> = words.chunks_exact(2).map(|p| &p[0]).collect();
        for (i, first) in firsts.iter().enumerate() {
            let own = &words[2 * i + 1];
            let other = firsts[next(firsts.len())];
            // Capitals but the last letter: a name's case check says no to such a word.
            let (body, last) = own.split_at(own.char_indices().last().map_or(0, |(k, _)| k));
            let mixed = format!("{}{last}", body.to_uppercase());
            let after = match next(10) {
                0 => own.clone(),
                1 => format!("{own}s"),
                2 => other.to_string(),
                3 => format!("{other} {}", firsts[next(firsts.len())]),
                4 => "og sier".to_string(),
                5 => ", sa".to_string(),
                6 => "' sier".to_string(),
                7 => own.to_uppercase(),
                8 => mixed,
                _ => other.to_lowercase(),
            };
            let first = match next(4) {
                0 => first.to_uppercase(),
                1 => first.to_lowercase(),
                _ => first.to_string(),
            };
            text.push_str(&format!("Sier {first} {after}.\n"));
        }
        let doc = crate::tokenize::Tokenizer::new().analyse(&text);
        let found: Vec<_> = solo.find_iter(&doc).collect();
        assert_eq!(found, table.find_iter(&doc).collect::<Vec<_>>());
        let pairs = found.iter().filter(|m| m.tokens.len() == 2).count();
        let singles = found.iter().filter(|m| m.tokens.len() == 1).count();
        assert!(pairs > 300 && singles > 1_000, "{pairs} {singles}");
    }

    /// The pair filter says maybe to the first two tokens of every key of two or more, so
    /// that a key after a token that starts others is found ("og Sønner" after "og").
    #[test]
    fn pair_filter_holds_every_keys_first_two_tokens() {
        use crate::lexicon::LexiconKind as K;
        // Words the lexicon splits at their spaces only, as the test below does.
        let mut words = odd_words(9_000);
        let plain = |c: char| c.is_alphabetic() && (c as u32) < 0x100;
        words.retain(|w| w.chars().all(plain) && w.chars().count() > 1);
        let names: Vec<String> = words
            .chunks_exact(3)
            .enumerate()
            .map(|(i, w)| w[..2 + i % 2].join(" "))
            .collect();
        let lines: String = names.iter().map(|n| format!("{n}\n")).collect();
        let mut builder = LexiconSet::empty_builder();
        let _ = builder.add_str(K::Surnames, "test", &lines);
        let Ok(gazetteer) = Gazetteer::new(&builder.build()) else {
            panic!("gazetteer");
        };
        let index = &gazetteer.index;
        let id = |w: &str| {
            let key = normalize::key(w);
            index.vocab.find_key(normalize::key_hash(&key), &key)
        };
        let mut ids = Vec::new();
        for name in &names {
            let mut tokens = name.split(' ').map(id);
            let (Some(a), Some(b)) = (tokens.next(), tokens.next()) else {
                panic!("{name}");
            };
            assert!(a != NONE && b != NONE, "{name}");
            assert!(index.pairs.may_follow(a, b), "{name}");
            ids.push(a);
        }
        // Pairs of no key: most are turned away.
        let (mut asked, mut maybe) = (0, 0);
        for (k, &a) in ids.iter().enumerate() {
            for &b in ids.iter().skip(k % 97).step_by(97).take(20) {
                asked += 1;
                maybe += usize::from(index.pairs.may_follow(a, b));
            }
        }
        assert!(maybe * 5 < asked, "{maybe} of {asked}");
        // In a text: each name after a word that starts other keys.
        let mut text = String::new();
        for name in names.iter().step_by(7) {
            text.push_str(&format!(
                "Ved {} {name} i dag.\n",
                names[0].split(' ').next().unwrap_or("")
            ));
        }
        let doc = crate::tokenize::Tokenizer::new().analyse(&text);
        let found = gazetteer.find_iter(&doc).count();
        assert!(found >= names.len() / 7, "{found}");
    }

    /// The windows end where the token-by-token rule ended them: at the first token after the
    /// window's first that opens a paragraph with a blank line before it, or after
    /// [`MAX_WINDOW_TOKENS`] tokens; for texts of line breaks, blank lines, blank lines with
    /// spaces or carriage returns in them, and paragraphs longer than a window.
    #[test]
    fn windows_end_at_blank_lines_as_the_token_rule_says() {
        let g = embedded();
        let tokenizer = crate::tokenize::Tokenizer::new();
        let breaks = [
            "\n", "\n\n", " \n \n ", "\r\n\r\n", "\n\n\n", "\u{2028}", " ",
        ];
        let mut next = crate::testing::xorshift(7);
        let mut texts = vec![String::new(), "\n\nKari".into(), "Kari\n\n".into()];
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..next(40) {
                text.push_str(["Kari Hansen", "sa", "Nav", "og", "–", "«Ja»", "."][next(7)]);
                text.push_str(breaks[next(breaks.len())]);
            }
            texts.push(text);
        }
        texts.push("ord ".repeat(3 * MAX_WINDOW_TOKENS) + "\n\n" + &"ord ".repeat(100));
        texts.push("ord\n".repeat(MAX_WINDOW_TOKENS + 5) + "\n\nord");
        for text in &texts {
            let doc = tokenizer.analyse(text);
            let mut matches = g.matches(&doc, Vec::new(), Scratch::new());
            let tokens = doc.tokens();
            let mut start = 0;
            while start < tokens.len() {
                let limit = (start + MAX_WINDOW_TOKENS).min(tokens.len());
                let want = (start + 1..limit)
                    .find(|&i| {
                        let gap =
                            &text.as_bytes()[tokens[i - 1].span().end..tokens[i].span().start];
                        tokens[i].is(TokenFlags::PARAGRAPH_START)
                            && gap.iter().filter(|&&b| b == b'\n').count() >= 2
                    })
                    .unwrap_or(limit);
                assert_eq!(matches.window_end(start), want, "{text:?} from {start}");
                start = want;
            }
        }
    }

    fn embedded() -> Gazetteer {
        let Ok(gazetteer) = Gazetteer::new(LexiconSet::embedded()) else {
            panic!("gazetteer of the embedded lexicons");
        };
        gazetteer
    }

    /// A text with one giant token: its key's room is not what the thread keeps, and the
    /// next search finds the same matches as before it.
    #[test]
    fn a_giant_tokens_key_is_not_kept() {
        let g = embedded();
        let tokenizer = crate::tokenize::Tokenizer::new();
        let text = "Statsminister Jonas Gahr Støre sa at Nav og Equinor kommer.";
        let before: Vec<_> = g.find_iter(&tokenizer.analyse(text)).collect();
        // Outside Latin-1: the whole key is built.
        let giant = format!("{} og Nav.", "ą".repeat(50_000));
        let (mut out, mut scratch) = (Vec::new(), Scratch::new());
        g.find_into_with(&tokenizer.analyse(&giant), &mut out, &mut scratch);
        assert!(scratch.key.capacity() <= Scratch::KEPT_KEY_BYTES);
        out.clear();
        g.find_into_with(&tokenizer.analyse(text), &mut out, &mut scratch);
        assert_eq!(out, before);
        let mut short = Scratch::new();
        short.key.extend_from_slice("ordet".as_bytes());
        short.keep();
        assert!(short.key.capacity() >= 5, "a short key's room is kept");
    }

    #[test]
    fn one_and_two_byte_ids_are_the_general_paths() {
        assert_short_ids_are_the_general_paths(&embedded(), 10);
    }

    /// One- and two-letter entries of every kind, and a one-letter role head: a compound may
    /// then start at three bytes, and "Xs" ends as a genitive does.
    #[test]
    fn one_and_two_byte_ids_are_the_general_paths_with_short_entries() {
        use crate::lexicon::LexiconKind as K;
        let mut builder = LexiconSet::empty_builder();
        let added = [
            (
                K::Organisations,
                "X\tother\nAB\tcompany\nAs\tcompany\n,\tother\n-\tother\n",
            ),
            (K::Places, "Å\tother\nOs\tkommune\ni\tother\n"),
            (K::Roles, "PM\nog\n"),
            (K::RoleHeads, "s\nPM\n"),
            (K::GivenNames, "Al\tm\nA\tf\n"),
            (K::Surnames, "Xs\ns\nOg\n"),
            (K::OrganisationWords, "AS\tsuffix\nX\thead\n"),
            (K::NameWords, "I\n"),
        ]
        .into_iter()
        .try_for_each(|(kind, text)| builder.add_str(kind, "test", text).map(|_| ()));
        let Ok(()) = added else {
            panic!("short entries: {added:?}");
        };
        let Ok(gazetteer) = Gazetteer::new(&builder.build()) else {
            panic!("gazetteer of the short entries");
        };
        assert_eq!(gazetteer.index.compound_min, 3);
        assert_short_ids_are_the_general_paths(&gazetteer, 100);
    }

    /// Every one- and two-byte ASCII token's table ids are those of [`token_ids_long`], and
    /// more than `min_found` of them are ids.
    fn assert_short_ids_are_the_general_paths(gazetteer: &Gazetteer, min_found: usize) {
        let index = &gazetteer.index;
        let ascii = (0x21..0x7Fu8).map(char::from);
        let mut text: String = ascii.clone().flat_map(|c| [c, ' ']).collect();
        for a in ascii.clone() {
            text.extend(ascii.clone().flat_map(|b| [a, b, ' ']));
        }
        // The characters of two bytes the table holds: U+00C0..=U+00FF, "×" and "÷" too.
        text.extend(('\u{C0}'..='\u{FF}').flat_map(|c| [c, ' ']));
        let doc = crate::tokenize::Tokenizer::new().analyse(&text);
        let mut key = Vec::new();
        let (mut found, mut pairs, mut latin1) = (0, 0, 0);
        for t in doc.tokens() {
            let (Some(&a), b) = (
                text.as_bytes().get(t.span().start),
                text.as_bytes().get(t.span().start + 1).copied(),
            ) else {
                continue;
            };
            let table = match t.span().len() {
                1 => index.one_byte.get(usize::from(a)),
                2 => {
                    index::two_byte_slot(a, b.unwrap_or(0xFF)).and_then(|i| index.two_bytes.get(i))
                }
                _ => continue,
            };
            let Some(table) = table else {
                panic!("no table entry for {a} {b:?}");
            };
            pairs += usize::from(t.span().len() == 2);
            latin1 += usize::from(a == 0xC3);
            for after in [false, true] {
                let ids = token_ids_long(index, t, &text, after, &mut key);
                assert!(!ids.compound && ids.genitive == NONE, "{a} {b:?}");
                assert_eq!(table[usize::from(after)], ids.exact, "{a} {b:?}");
                found += usize::from(ids.exact != NONE);
            }
        }
        assert!(
            found > min_found && pairs > 1000 && latin1 == 64,
            "{found} {pairs} {latin1}"
        );
    }

    /// The table of one-character punctuation gives what the general path finds, for every
    /// character it holds and every kind the tokenizer gives them (words take the general
    /// path), with the embedded lexicons and with short entries of such characters.
    #[test]
    fn punctuation_ids_are_the_general_path() {
        use crate::lexicon::LexiconKind as K;
        let mut builder = LexiconSet::empty_builder();
        let added = builder
            .add_str(K::Organisations, "test", "–\tother\n«\tother\n§\tother\n")
            .map(|_| ());
        assert!(added.is_ok(), "{added:?}");
        let short = builder.build();
        let text: String = ('\u{80}'..='\u{BF}')
            .chain('\u{2000}'..='\u{20BF}')
            .flat_map(|c| [c, ' ', 'a', c, ' ', c, 'a', ' ', c, c, ' '])
            .collect();
        let doc = crate::tokenize::Tokenizer::new().analyse(&text);
        let mut found = 0;
        for lexicons in [LexiconSet::embedded(), &short] {
            let (Ok(gazetteer), Ok(mut general)) =
                (Gazetteer::new(lexicons), Gazetteer::new(lexicons))
            else {
                panic!("gazetteers");
            };
            let Some(index) = Arc::get_mut(&mut general.index) else {
                panic!("an index of its own");
            };
            assert_eq!(index.punctuation.len(), 256);
            index.punctuation.clear();
            let mut key = Vec::new();
            for t in doc.tokens() {
                for after in [false, true] {
                    let got = token_ids_long(&gazetteer.index, t, &text, after, &mut key);
                    let want = token_ids_long(&general.index, t, &text, after, &mut key);
                    let (got, want) = (
                        (got.exact, got.genitive, got.compound),
                        (want.exact, want.genitive, want.compound),
                    );
                    assert_eq!(got, want, "{:?} {after}", t.text(&text));
                    found += usize::from(got.0 != NONE);
                }
            }
        }
        assert!(found >= 3, "{found}");
    }

    #[test]
    fn find_into_appends_what_find_iter_yields() {
        let gazetteer = embedded();
        let text = "Kari Nordmann, direktør i Innovasjon Norge, sa det.\n\nNæringsministeren \
                    og ordføreren i Oslo kommune. Lars' bil.";
        let doc = crate::tokenize::Tokenizer::new().analyse(text);
        let want: Vec<GazetteerMatch> = gazetteer.find_iter(&doc).collect();
        assert!(want.len() > 5, "{want:?}");
        let mut got = want.clone();
        gazetteer.find_into(&doc, &mut got);
        assert_eq!(got.get(..want.len()), Some(&want[..]));
        assert_eq!(got.get(want.len()..), Some(&want[..]));
    }

    /// Case-sensitive names whose spellings the entries hold themselves (up to 20 bytes) and
    /// longer ones in the table of spellings, of one and several tokens, ASCII and not: each
    /// matches as listed, in capitals and with other separators, and not in lower case.
    #[test]
    fn names_match_by_their_spelling_inline_or_not() {
        use crate::lexicon::LexiconKind as K;
        let names = [
            "Ål",
            "Kari Nordmann Hansen",
            "Karin Nordmann Hansen",
            "Øystein Ærlighetsen Åsheim",
            "Bjørnstjerne Martinius Bjørnson-Aasen",
            "Jonas Gahr Støre",
            "ÆØÅ Holding",
        ];
        let mut builder = LexiconSet::empty_builder();
        let lines: String = names.iter().map(|n| format!("{n}\n")).collect();
        let added = builder.add_str(K::Surnames, "test", &lines).map(|_| ());
        assert!(added.is_ok(), "{added:?}");
        let Ok(gazetteer) = Gazetteer::new(&builder.build()) else {
            panic!("gazetteer of the names");
        };
        let tokenizer = crate::tokenize::Tokenizer::new();
        for (entry, name) in names.iter().enumerate() {
            for (written, want) in [
                (name.to_string(), true),
                (name.to_uppercase(), true),
                (name.replace(' ', "\u{a0}"), true),
                (name.to_lowercase(), false),
            ] {
                let text = format!("Han møtte {written} i går.");
                let found: Vec<_> = gazetteer
                    .find_iter(&tokenizer.analyse(&text))
                    .filter(|m| m.entry == entry)
                    .map(|m| &text[m.span.start..m.span.end])
                    .collect();
                let expected = if want { vec![written.as_str()] } else { vec![] };
                assert_eq!(found, expected, "{text}");
            }
        }
    }

    #[test]
    fn spelled_as_listed_takes_one_space_for_each_separator() {
        for (text, listed, want) in [
            ("Kari Hansen", "Kari\0Hansen", true),
            ("Kari Hansen", "Kari Hansen", true),
            ("Kari  Hansen", "Kari\0Hansen", false),
            ("Kari\u{a0}Hansen", "Kari\0Hansen", false),
            ("Kari hansen", "Kari\0Hansen", false),
            ("A B", "A\0B", true),
            ("A", "A", true),
            ("a", "A", false),
            ("Eiendom AS", "Eiendom\0AS", true),
            ("Ola Nordmann Bygg AS", "Ola\0Nordmann\0Bygg\0AS", true),
            ("Ola Nordmann Bygg As", "Ola\0Nordmann\0Bygg\0AS", false),
            ("Ola Nordmann", "Ola\0Nordman", false),
            ("Nordmann", "Nordmann", true),
            ("Nordmanns", "Nordmann", false),
        ] {
            let got = spelled_as_listed(text.as_bytes(), listed.as_bytes());
            assert_eq!(got, want, "{text:?} {listed:?}");
        }
    }

    #[test]
    fn head_walk_says_maybe_for_every_compound() {
        let keys: Vec<Vec<u8>> = ["minister", "leder", "sjåfør"]
            .iter()
            .map(|k| normalize::key(k).into_iter().rev().collect())
            .collect();
        let Ok(dfa) = DFA::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&keys)
        else {
            panic!("automaton");
        };
        for (word, want) in [
            ("næringsminister", true),
            ("NÆRINGSMINISTER", true),
            ("ministers", true),
            ("minister's", true),
            ("klyngeleder", true),
            ("BUSSJÅFØR", true),
            ("bussjåførs", true),
            ("hus", false),
            ("Ærlig", false),
            ("ministere", false),
            ("lederne", false),
            ("ministær", false),
            ("ministe\u{2019}r", true),
        ] {
            assert_eq!(
                may_end_in_head(&dfa, &HeadEnds::default(), word.as_bytes()),
                want,
                "{word}"
            );
        }
    }

    /// Every role head of `lexicons` and its inflected forms.
    fn head_forms(lexicons: &LexiconSet) -> Vec<String> {
        let mut forms = Vec::new();
        for head in lexicons.role_heads() {
            forms.push(head.clone());
            forms.extend(forms::inflections(head).into_iter().map(|(f, _)| f));
        }
        forms
    }

    /// Asks [`HeadEnds`] and the walk of `index` about every `prefix + variant + suffix`:
    /// fails where the walk finds a head that [`HeadEnds`] denies, and fails unless more than a
    /// quarter of the words get a no (the fast path is used).
    fn assert_head_ends_agree<'a>(
        index: &Index,
        variants: impl IntoIterator<Item = String>,
        prefixes: &[&'a str],
        suffixes: &[&'a str],
    ) {
        let Some(dfa) = &index.suffixes else {
            panic!("role heads");
        };
        let (mut no, mut words) = (0, 0);
        for v in variants {
            for prefix in prefixes {
                for suffix in suffixes {
                    let word = format!("{prefix}{v}{suffix}");
                    let walk = walk_reversed(dfa, word.as_bytes());
                    let fast = index.head_ends.ends_in_head(word.as_bytes());
                    assert!(!(walk && fast == Some(false)), "{word}");
                    no += usize::from(fast == Some(false));
                    words += 1;
                }
            }
        }
        assert!(no * 4 > words, "{no} of {words}");
    }

    /// [`HeadEnds`] never says no where the walk finds a head form, and says no to most words
    /// that end as a form does but are none (a form with a byte changed).
    #[test]
    fn head_ends_say_no_only_where_the_walk_does() {
        let gazetteer = embedded();
        let mut variants = Vec::new();
        for form in head_forms(LexiconSet::embedded()) {
            variants.push(form.to_uppercase());
            // A byte changed at each place of the form's last ten.
            for i in form.len().saturating_sub(10)..form.len() {
                let mut bytes = form.clone().into_bytes();
                if bytes[i].is_ascii_lowercase() {
                    bytes[i] = if bytes[i] == b'z' { b'a' } else { bytes[i] + 1 };
                    variants.extend(String::from_utf8(bytes).ok());
                }
            }
            variants.push(form);
        }
        let prefixes = ["", "x", "næring", "BUSS", "ā", "\u{2011}", "kommunikasjons"];
        assert_head_ends_agree(&gazetteer.index, variants, &prefixes, &["", "s", "'s", "S"]);
    }

    /// [`HeadEnds`] of a custom lexicon whose role heads (4 to 12 key bytes, so that it is
    /// asked) end in Latin-1, in letters outside it and in a folded apostrophe: it never says
    /// no where the walk finds a head form, for words of every case ending in them, with a
    /// letter changed, and before and after characters of one to four bytes.
    #[test]
    fn head_ends_say_no_only_where_the_walk_does_for_custom_heads() {
        use crate::lexicon::LexiconKind as K;
        let heads = "boß\nchefā\nлидер\nledaré\nsjef\nøære\nΣοφός\nİnspektør\nabcdefghijkl\n\
                     ledé\ndøéx\nñañá\nʼsjef\nsje’f\ndir×ør\nÿÿÿÿ\nkapteinā\nééééé\nho\u{301}de\n";
        let mut builder = LexiconSet::empty_builder();
        let added = builder.add_str(K::RoleHeads, "test", heads).map(|_| ());
        assert!(added.is_ok(), "{added:?}");
        let lexicons = builder.build();
        let Ok(gazetteer) = Gazetteer::new(&lexicons) else {
            panic!("gazetteer of the custom heads");
        };
        let index = &gazetteer.index;
        assert!(index.suffix_min >= TAIL, "{}", index.suffix_min);
        let odd = [
            "", "a", "é", "É", "ā", "ж", "’", "\u{301}", "🙂", "ß", "ẞ", "×", "İ", "ǅ",
        ];
        let mut variants = Vec::new();
        for form in head_forms(&lexicons) {
            let chars: Vec<char> = form.chars().collect();
            for i in chars.len().saturating_sub(6)..chars.len() {
                for c in ['a', 'é', 'ā', 'E', 'Æ'] {
                    let mut changed = chars.clone();
                    changed[i] = c;
                    variants.push(changed.into_iter().collect());
                }
            }
            variants.extend([form.to_uppercase(), form.to_lowercase(), form]);
        }
        let prefixes: Vec<&str> = odd
            .iter()
            .copied()
            .chain(["næring", "BUSS", "xæ"])
            .collect();
        let suffixes: Vec<&str> = odd.iter().copied().chain(["s", "'s", "S", "’s"]).collect();
        assert_head_ends_agree(index, variants, &prefixes, &suffixes);
    }
}
