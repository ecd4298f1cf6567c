//! Cue verbs ("sier", "legger til") matched on tokens, and the closed word classes that
//! attribution reads around them.

use crate::entity::view::{KeySet, Tok, View, word_key};
use crate::fxhash::FxHashMap;
use crate::lexicon::CueVerb;
use crate::tokenize::{MARKS_AND_DASHES, TokenKind, Tokenized};
use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

/// The cue-verb lexicon as a token matcher: first word (lower case) to the remaining words of
/// every form that starts with it, longest first so "legger til" wins over "legger".
#[derive(Debug)]
pub(crate) struct CueVerbs {
    /// The first words by their [`word_key`] (a short hash, which words seldom share).
    by_first: ByKey<FirstWord>,
    /// The [`word_key`]s of the first words: a word whose key is not among them skips the hash
    /// lookup.
    first_keys: KeySet,
    /// The [`word_key`]s of the second words of the forms of two words or more: a word after
    /// a first word ("i", "har", "med") whose key is not among them starts no longer form,
    /// known without hashing it.
    second_keys: KeySet,
    /// The [`word_key`]s of the first words that are a form alone ("sier", not "har"): a
    /// first word of another key, not followed by a second word, starts no form.
    alone_keys: KeySet,
    /// The [`word_key`]s of the one-word forms of "ifølge" ([`ACCORDING`]) and of "i", which
    /// "i følge" starts with.
    according: ([u16; 2], u16),
    /// The keys of the first words, of [`ACCORDING`] and of "i": the words the cue pass looks
    /// at.
    wanted: KeySet,
    /// [`wanted`](Self::wanted) and the keys of the quotation marks and dashes
    /// ([`MARKS_AND_DASHES`]): a token of another key is none of the tokens the cue pass
    /// notes, known without asking its kind.
    looked_at: KeySet,
    /// The keys of the first words that are a form alone and of [`ACCORDING`]: a word the
    /// cue pass looks at that is none of them ("har", "i") starts a cue or "i følge" only
    /// before a word of [`after_first`](Self::after_first).
    alone_or_according: KeySet,
    /// [`second_keys`](Self::second_keys) and the key of "følge".
    after_first: KeySet,
}

/// The one-word forms of "ifølge" ("according to"), lower case; "i følge" is its two-word form.
pub(crate) const ACCORDING: [&str; 2] = ["ifølge", "iflg."];

/// True when `lower`, a lower-cased word, is a one-word form of "ifølge".
pub(crate) fn is_according_word(lower: &str) -> bool {
    ACCORDING.contains(&lower)
}

/// Words (lower case) by their [`word_key`], with what each stands for: a token is looked up
/// by its key, hashed for much less than its bytes, and compared with the few words of it.
type ByKey<T> = FxHashMap<u16, Vec<(Box<str>, T)>>;

/// The forms that start with one word. "har" and "hadde" start about ninety each ("har
/// sagt", "har fortalt"), so forms of two words or more are found by their second word, not
/// tried one by one.
#[derive(Debug, Default)]
struct FirstWord {
    /// The forms of two or more words by their second word (found by its [`word_key`]),
    /// longest first (in lexicon order among equals).
    by_second: ByKey<Vec<CueForm>>,
    /// The first form of this one word.
    alone: Option<CueForm>,
}

/// The words of a cue form after its first.
#[derive(Debug)]
struct CueForm {
    rest: Vec<String>,
    /// The form ends in "til" that is no part of the verb ("sier til", not "legger til"): the
    /// name after it is whom the speaker spoke to.
    audience: bool,
}

/// A cue verb found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CueAt {
    pub tokens: Range<usize>,
    /// See [`CueForm::audience`].
    pub audience: bool,
}

impl CueVerbs {
    pub(crate) fn new(verbs: &[CueVerb]) -> CueVerbs {
        let mut forms_of: FxHashMap<Box<str>, Vec<CueForm>> = FxHashMap::default();
        for v in verbs {
            let mut words = v.form.split_whitespace().map(str::to_lowercase);
            let Some(first) = words.next() else { continue };
            let first: Box<str> = first.into();
            let rest: Vec<String> = words.collect();
            let audience = rest.last().is_some_and(|w| w == "til")
                && !v.lemma.split_whitespace().any(|w| w == "til");
            forms_of
                .entry(first)
                .or_default()
                .push(CueForm { rest, audience });
        }
        let mut by_first: ByKey<FirstWord> = FxHashMap::default();
        // The forms are lower case already: their keys are asked of no lower-casing.
        let first_keys = KeySet::of_keys(forms_of.keys().map(|k| word_key(k)));
        let wanted_keys = || {
            forms_of
                .keys()
                .map(|k| &**k)
                .chain(ACCORDING)
                .chain(["i"])
                .map(word_key)
        };
        let wanted = KeySet::of_keys(wanted_keys());
        // The marks are their own lower case.
        let looked_at = KeySet::of_keys(
            MARKS_AND_DASHES
                .iter()
                .map(|c| word_key(c.encode_utf8(&mut [0; 4])))
                .chain(wanted_keys()),
        );
        let alone = || {
            forms_of
                .iter()
                .filter(|(_, forms)| forms.iter().any(|f| f.rest.is_empty()))
                .map(|(first, _)| word_key(first))
        };
        let alone_keys = KeySet::of_keys(alone());
        let alone_or_according = KeySet::of_keys(alone().chain(ACCORDING.map(word_key)));
        let seconds = || {
            forms_of
                .values()
                .flatten()
                .filter_map(|f| f.rest.first())
                .map(|w| word_key(w))
        };
        let second_keys = KeySet::of_keys(seconds());
        let after_first = KeySet::of_keys(seconds().chain([word_key("følge")]));
        for (first, mut forms) in forms_of {
            // Longest first, so "legger til" wins over "legger"; a stable sort keeps the
            // lexicon order among equals, and the first form that matches wins.
            forms.sort_by_key(|f| std::cmp::Reverse(f.rest.len()));
            let mut w = FirstWord::default();
            for f in forms {
                let Some(second) = f.rest.first() else {
                    w.alone.get_or_insert(f);
                    continue;
                };
                let same_key = w.by_second.entry(word_key(second)).or_default();
                match same_key.iter_mut().find(|(word, _)| **word == **second) {
                    Some((_, forms)) => forms.push(f),
                    None => same_key.push((second.as_str().into(), vec![f])),
                }
            }
            by_first
                .entry(word_key(&first))
                .or_default()
                .push((first, w));
        }
        CueVerbs {
            by_first,
            looked_at,
            wanted,
            first_keys,
            second_keys,
            alone_keys,
            alone_or_according,
            after_first,
            according: (ACCORDING.map(word_key), word_key("i")),
        }
    }

    /// The tokens of a cue verb starting at token `i`, if one does.
    #[cfg(test)]
    pub(crate) fn at(&self, view: &View<'_>, i: usize) -> Option<CueAt> {
        self.at_tok(view, i, view.toks.get(i)?)
    }

    /// [`at`](Self::at) for token `t`, token `i` of `view`.
    #[inline]
    fn at_tok(&self, view: &View<'_>, i: usize, t: &Tok<'_>) -> Option<CueAt> {
        // Asked once per token of every text: most tokens are turned away by their key before
        // any hashing.
        if !self.first_keys.may_hold(t.key()) || !is_word_kind(t.kind) {
            return None;
        }
        let next = view
            .toks
            .get(i + 1)
            .filter(|n| self.second_keys.may_hold(n.key()) && is_word_kind(n.kind));
        // "i", "har", "med" before a word that no form has second: no form, known unhashed.
        if next.is_none() && !self.alone_keys.may_hold(t.key()) {
            return None;
        }
        let lower = view.lower_of(t);
        let (_, first) = self
            .by_first
            .get(&t.key())?
            .iter()
            .find(|(w, _)| **w == *lower)?;
        let word_at = |k: usize| {
            view.toks
                .get(k)
                .filter(|t| is_word_kind(t.kind))
                .map(|t| view.lower_of(t))
        };
        let longer = if first.by_second.is_empty() {
            None
        } else {
            next.and_then(|n| {
                let second = view.lower_of(n);
                let same_key = first.by_second.get(&n.key())?;
                same_key.iter().find(|(w, _)| **w == *second)
            })
            .and_then(|(_, forms)| {
                forms.iter().find(|f| {
                    f.rest
                        .iter()
                        .enumerate()
                        .skip(1)
                        .all(|(k, w)| word_at(i + 1 + k) == Some(w.as_str()))
                })
            })
        };
        longer.or(first.alone.as_ref()).map(|f| CueAt {
            tokens: i..i + 1 + f.rest.len(),
            audience: f.audience,
        })
    }
}

/// A quotation mark of a text.
#[derive(Clone, Copy, Debug)]
struct Mark {
    token: usize,
    kind: TokenKind,
    /// No space before it.
    glued: bool,
    /// The index of its paragraph's entry in [`Cues::paragraphs`], [`NO_PARAGRAPH`] for none.
    paragraph: u32,
}

/// [`Mark::paragraph`] of a mark whose paragraph has no entry.
const NO_PARAGRAPH: u32 = u32::MAX;

/// The quotation marks of one paragraph and their pairs.
#[derive(Clone, Debug)]
struct MarkedParagraph {
    /// Its range of [`Cues::marks`].
    marks: Range<usize>,
    /// Its range of [`Cues::pairs`].
    pairs: Range<usize>,
}

/// The tokens of one text that quote detection and attribution look for, found in one pass
/// over the tokens: cue verbs, quotation marks and "ifølge". Detection and attribution then
/// visit these positions instead of asking every token again.
#[derive(Debug)]
pub(crate) struct Cues<'a> {
    /// The view the cues were found in: the lower-cased words are read from it.
    view: &'a View<'a>,
    /// The tokenized text, whose sentences the view's tokens index.
    doc: &'a Tokenized<'a>,
    /// (first token, length in tokens with [`AUDIENCE`]) of every cue verb, in text order.
    cues: Vec<(usize, u8)>,
    /// The first tokens of the cues with [`AUDIENCE`], in text order: few texts have any.
    audience: Vec<usize>,
    /// Every quotation mark, in text order.
    marks: Vec<Mark>,
    /// (first token, length) of every "ifølge" or "iflg." (1) and "i følge" (2), in text order.
    according: Vec<(usize, u8)>,
    /// Every capitalised word (or abbreviation or initial), in text order: where names start.
    capitalised: Vec<usize>,
    /// The capitalised words that open their sentence ([`Tok::sentence_start`]), in text
    /// order.
    openers: Vec<usize>,
    /// Every dash and quote dash, in text order.
    dashes: Vec<usize>,
    /// [`pair_marks`]' scratch space, kept with the lists.
    stack: Vec<(usize, bool)>,
    /// The top-level pairs of quotation marks of every paragraph with marks, paragraph by
    /// paragraph ([`mark_pairs`](Self::mark_pairs) of each, in text order): detection and
    /// attribution both ask for a paragraph's pairs, which are paired once.
    pairs: Vec<(usize, Option<usize>)>,
    /// The paragraphs with marks, in text order.
    paragraphs: Vec<MarkedParagraph>,
    /// Where the last question about each list found its first entry: detection and
    /// attribution ask about ranges mostly in text order, which are found from there by a
    /// few steps rather than a search of the whole list (long in a long text).
    hints: Hints,
}

/// [`Cues::hints`], one a list.
#[derive(Debug, Default)]
struct Hints {
    cues: Cell<usize>,
    marks: Cell<usize>,
    according: Cell<usize>,
    dashes: Cell<usize>,
}

/// The bit of a cue's length that marks a cue whose next name is the audience.
const AUDIENCE: u8 = 0x80;

/// The lists of a [`Cues`], emptied, kept for the next text's ([`Cues::new_in`]).
#[derive(Debug, Default)]
pub(crate) struct Lists {
    cues: Vec<(usize, u8)>,
    marks: Vec<Mark>,
    according: Vec<(usize, u8)>,
    audience: Vec<usize>,
    capitalised: Vec<usize>,
    openers: Vec<usize>,
    dashes: Vec<usize>,
    pairs: Vec<(usize, Option<usize>)>,
    paragraphs: Vec<MarkedParagraph>,
    /// [`pair_marks`]' scratch space.
    stack: Vec<(usize, bool)>,
}

impl Lists {
    /// Bytes of room held.
    pub(crate) fn bytes(&self) -> usize {
        fn room<T>(v: &Vec<T>) -> usize {
            v.capacity() * size_of::<T>()
        }
        room(&self.cues)
            + room(&self.marks)
            + room(&self.according)
            + room(&self.audience)
            + room(&self.capitalised)
            + room(&self.openers)
            + room(&self.dashes)
            + room(&self.pairs)
            + room(&self.paragraphs)
            + room(&self.stack)
    }
}

/// `v` emptied, with room for `n` items: a list too small is dropped, not grown (growing
/// copies all of its old room, which the allocator does not know is unused).
pub(crate) fn room<T>(mut v: Vec<T>, n: usize) -> Vec<T> {
    v.clear();
    if v.capacity() < n {
        return Vec::with_capacity(n);
    }
    v
}

impl<'a> Cues<'a> {
    #[cfg(test)]
    pub(crate) fn new(verbs: &CueVerbs, doc: &'a Tokenized<'a>, view: &'a View<'a>) -> Cues<'a> {
        Cues::new_in(verbs, doc, view, Lists::default())
    }

    /// The cues of `doc`, in the room of `lists` (see [`Cues::into_lists`]).
    pub(crate) fn new_in(
        verbs: &CueVerbs,
        doc: &'a Tokenized<'a>,
        view: &'a View<'a>,
        lists: Lists,
    ) -> Cues<'a> {
        let toks = &view.toks;
        // Marks and dashes are about one token in thirty: room for them at once spares the
        // vectors growing step by step. The capitalised words and openers are among the
        // view's marked tokens ([`Cues::note_capitalised`]).
        let n = toks.len();
        let marked = view.marked().len();
        let mut c = Cues {
            view,
            doc,
            capitalised: room(lists.capitalised, marked),
            openers: room(lists.openers, marked),
            marks: room(lists.marks, n / 32),
            dashes: room(lists.dashes, n / 32),
            cues: room(lists.cues, n / 64),
            according: room(lists.according, 0),
            audience: room(lists.audience, 0),
            pairs: room(lists.pairs, 0),
            paragraphs: room(lists.paragraphs, 0),
            stack: room(lists.stack, 0),
            hints: Default::default(),
        };
        let looked_at = &verbs.looked_at;
        // One test of the key passes most tokens, of every kind: the few it lets through are
        // asked their kind out of the loop, which then keeps its values in registers. Eight
        // tokens a round (the loop unrolled): the loop's own steps (pointer, index, end) are
        // a third of a token's instructions when taken one at a time.
        const ROUND: usize = 8;
        let mut rounds = toks.chunks_exact(ROUND);
        let mut i = 0;
        for round in &mut rounds {
            for (k, t) in round.iter().enumerate() {
                if looked_at.may_hold(t.key()) {
                    c.look(verbs, i + k, t);
                }
            }
            i += ROUND;
        }
        for (k, t) in rounds.remainder().iter().enumerate() {
            if looked_at.may_hold(t.key()) {
                c.look(verbs, i + k, t);
            }
        }
        // A capitalised word's first letter is upper case, which lower-casing changes: the
        // view marks it (`Tok::has_upper`), so the capitalised words are among the marked
        // tokens (one in seven), and the token loop does not ask every word for its capital.
        c.note_capitalised(view.marked());
        c.pair_paragraphs();
        c
    }

    /// Lists the capitalised words among `marked`, the view's marked tokens, and the openers
    /// among them.
    fn note_capitalised(&mut self, marked: &[usize]) {
        let toks = self.view.toks.as_slice();
        // Gathered 64 marked tokens at a time in local arrays, whose counts stay in registers,
        // and appended in one copy: a push a word stored and reloaded each list's length and
        // tested its room (some 30 instructions a word, now about 20). The arrays are made
        // once, not zeroed again for each chunk: a chunk copies out only what it wrote.
        let mut capitalised = [0; 64];
        let mut openers = [0; 64];
        for chunk in marked.chunks(64) {
            let (mut n, mut m) = (0, 0);
            for &i in chunk {
                if let Some(t) = toks.get(i)
                    && t.cap()
                    && is_word_kind(t.kind)
                {
                    // A chunk's counts stay below 64 before each write: the remainder only
                    // spares the bounds test.
                    capitalised[n % 64] = i;
                    n += 1;
                    if t.sentence_start() {
                        openers[m % 64] = i;
                        m += 1;
                    }
                }
            }
            self.capitalised
                .extend_from_slice(capitalised.get(..n).unwrap_or_default());
            self.openers
                .extend_from_slice(openers.get(..m).unwrap_or_default());
        }
    }

    /// Notes token `i`, `t`, whose key is one the cue pass looks at
    /// ([`CueVerbs::looked_at`]): a quotation mark or a dash, or the cue a word starts.
    // Out of the token loop (one token in eleven).
    #[inline(never)]
    fn look(&mut self, verbs: &CueVerbs, i: usize, t: &Tok<'_>) {
        if is_word_kind(t.kind) {
            if verbs.wanted.may_hold(t.key()) {
                self.wanted(verbs, i, t);
            }
        } else if is_mark_or_dash(t.kind) {
            self.note(i, t);
        }
    }

    /// Notes token `i`, `t`, when it is a quotation mark or a dash.
    // Out of the token loop (one token in forty), which then keeps its values in registers.
    #[inline(never)]
    fn note(&mut self, i: usize, t: &Tok<'_>) {
        match t.kind {
            TokenKind::QuoteOpen | TokenKind::QuoteClose | TokenKind::Quote => {
                self.marks.push(Mark {
                    token: i,
                    kind: t.kind,
                    glued: t.glued(),
                    paragraph: NO_PARAGRAPH,
                });
            }
            TokenKind::Dash | TokenKind::QuoteDash => self.dashes.push(i),
            _ => {}
        }
    }

    /// Notes the cue verb or the "ifølge" starting at token `i`, `t`, a word whose key the
    /// cue pass looks at ([`CueVerbs::wanted`]).
    // Out of the token loop (one word in thirteen), which then keeps its values in registers.
    #[inline(never)]
    fn wanted(&mut self, verbs: &CueVerbs, i: usize, t: &Tok<'_>) {
        // Most words are none of those asked about, and most of the rest ("i", "har", "med")
        // start a longer form or "i følge" only, before a word no form has after them: one
        // key each tells, before any call.
        if verbs.alone_or_according.may_hold(t.key())
            || self
                .view
                .toks
                .get(i + 1)
                .is_some_and(|n| verbs.after_first.may_hold(n.key()))
        {
            self.cue_or_according(verbs, i, t);
        }
    }

    /// Notes the cue verb or the "ifølge" ([`ACCORDING`], "i følge") starting at token `i`,
    /// `t`, a word whose key the cue pass looks at.
    // Out of the token loop, which then keeps its few values in registers.
    #[inline(never)]
    fn cue_or_according(&mut self, verbs: &CueVerbs, i: usize, t: &Tok<'_>) {
        let toks = &self.view.toks;
        if let Some(cue) = verbs.at_tok(self.view, i, t) {
            let n = u8::try_from(cue.tokens.len()).unwrap_or(!AUDIENCE) & !AUDIENCE;
            self.cues
                .push((i, if cue.audience { n | AUDIENCE } else { n }));
            if cue.audience {
                self.audience.push(i);
            }
        }
        // "ifølge", "iflg." or "i følge", in any case of their ASCII letters (as `word_is`
        // asks), which lower-case to words of these keys.
        let (one_word, i_key) = verbs.according;
        if ACCORDING
            .iter()
            .zip(one_word)
            .any(|(w, k)| t.key() == k && t.text.eq_ignore_ascii_case(w))
        {
            self.according.push((i, 1));
        } else if t.key() == i_key
            && t.text.eq_ignore_ascii_case("i")
            && toks
                .get(i + 1)
                .is_some_and(|n| is_word_kind(n.kind) && n.text.eq_ignore_ascii_case("følge"))
        {
            self.according.push((i, 2));
        }
    }

    /// Pairs the marks of every paragraph with marks ([`Cues::pairs`]).
    fn pair_paragraphs(&mut self) {
        let mut stack = std::mem::take(&mut self.stack);
        let mut k = 0;
        while let Some(first) = self.marks.get(k) {
            let paragraph = self
                .doc
                .paragraph_of(first.token)
                .and_then(|p| self.doc.paragraphs().get(p));
            // A paragraph's marks follow one another; a mark outside every paragraph keeps
            // no entry.
            let Some(p) = paragraph else {
                k += 1;
                continue;
            };
            let rest = self.marks.get(k..).unwrap_or_default();
            let marks = k..k + rest.iter().take_while(|m| m.token < p.end).count().max(1);
            let id = u32::try_from(self.paragraphs.len()).unwrap_or(NO_PARAGRAPH);
            let from = self.pairs.len();
            if let Some(marks) = self.marks.get_mut(marks.clone()) {
                pair_marks(marks, &mut stack, &mut self.pairs);
                marks.iter_mut().for_each(|m| m.paragraph = id);
            }
            k = marks.end;
            let pairs = from..self.pairs.len();
            self.paragraphs.push(MarkedParagraph { marks, pairs });
        }
        self.stack = stack;
    }

    /// The lists, emptied, for the next text's [`Cues::new_in`].
    pub(crate) fn into_lists(self) -> Lists {
        let mut lists = Lists {
            cues: self.cues,
            marks: self.marks,
            according: self.according,
            audience: self.audience,
            capitalised: self.capitalised,
            openers: self.openers,
            dashes: self.dashes,
            pairs: self.pairs,
            paragraphs: self.paragraphs,
            stack: self.stack,
        };
        lists.cues.clear();
        lists.marks.clear();
        lists.according.clear();
        lists.audience.clear();
        lists.capitalised.clear();
        lists.openers.clear();
        lists.dashes.clear();
        lists.pairs.clear();
        lists.paragraphs.clear();
        lists
    }

    /// The view the cues were found in.
    pub(crate) fn view(&self) -> &'a View<'a> {
        self.view
    }

    /// The lower-cased surface of token `i`, "" past the end.
    pub(crate) fn lower(&self, i: usize) -> &'a str {
        self.view.lower(i)
    }

    /// The sentence holding token `i`, read from the token: no search, unless the token's
    /// number does not hold it (past `u32::MAX` sentences, where the number saturates).
    pub(crate) fn sentence(&self, i: usize) -> Option<Range<usize>> {
        let s = self.view.get(i)?.sentence;
        let sentences = self.doc.sentences();
        if let Some(r) = sentences.get(usize::try_from(s).ok()?)
            && r.contains(&i)
        {
            return Some(r.clone());
        }
        sentences.get(self.doc.sentence_of(i)?).cloned()
    }

    /// The dashes and quote dashes inside `range`, in text order.
    pub(crate) fn dashes_in(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        inside(&self.hints.dashes, &self.dashes, range, |&t| t)
            .iter()
            .copied()
    }

    /// The tokens of the quotation marks, in text order.
    pub(crate) fn mark_tokens(&self) -> impl Iterator<Item = usize> + '_ {
        self.marks.iter().map(|m| m.token)
    }

    /// The capitalised words (`is_capitalised`), in text order.
    pub(crate) fn capitalised(&self) -> &[usize] {
        &self.capitalised
    }

    /// The capitalised words that open their sentence, in text order.
    pub(crate) fn openers(&self) -> &[usize] {
        &self.openers
    }

    /// The cue entry starting at token `i`.
    fn entry(&self, i: usize) -> Option<u8> {
        // Often the cue a range was last asked about.
        if let Some(&(t, n)) = self.cues.get(self.hints.cues.get())
            && t == i
        {
            return Some(n);
        }
        let k = self.cues.binary_search_by_key(&i, |&(t, _)| t).ok()?;
        self.cues.get(k).map(|&(_, n)| n)
    }

    /// The tokens of the cue starting at token `i`, if one does.
    pub(crate) fn at(&self, i: usize) -> Option<Range<usize>> {
        let n = self.entry(i)? & !AUDIENCE;
        Some(i..i + usize::from(n))
    }

    /// The cues starting inside `range`, in text order.
    pub(crate) fn starts_in(
        &self,
        range: Range<usize>,
    ) -> impl ExactSizeIterator<Item = Range<usize>> + Clone + '_ {
        inside(&self.hints.cues, &self.cues, range, |&(t, _)| t)
            .iter()
            .map(|&(t, n)| t..t + usize::from(n & !AUDIENCE))
    }

    /// The first cue starting inside `range`.
    pub(crate) fn first_in(&self, range: Range<usize>) -> Option<Range<usize>> {
        self.starts_in(range).next()
    }

    /// The cue starting at token `i` ends in "til" that names whom the speaker spoke to
    /// ("sier til NRK at").
    pub(crate) fn to_audience(&self, i: usize) -> bool {
        // Asked for every cue attribution reads: a search of the few such cues, where the
        // search of every cue cost some forty instructions.
        !self.audience.is_empty() && self.audience.binary_search(&i).is_ok()
    }

    /// The tokens of the first "ifølge", "iflg." or "i følge" starting inside `range`.
    pub(crate) fn according_in(&self, range: Range<usize>) -> Option<Range<usize>> {
        inside(&self.hints.according, &self.according, range, |&(t, _)| t)
            .first()
            .map(|&(t, n)| t..t + usize::from(n))
    }

    /// Top-level pairs of quotation marks in `range` (nested marks are inside their pair). An
    /// unbalanced opening mark gives `(open, None)`; stray closing marks are ignored.
    pub(crate) fn mark_pairs(&self, range: Range<usize>) -> Cow<'_, [(usize, Option<usize>)]> {
        let at = inside_at(&self.hints.marks, &self.marks, range, |m| m.token);
        let marks = self.marks.get(at.clone()).unwrap_or_default();
        let Some(first) = marks.first() else {
            return Cow::Borrowed(&[]);
        };
        // The marks of a whole paragraph (all of them, and only them) were paired by
        // `pair_paragraphs`.
        if let Some(p) = usize::try_from(first.paragraph)
            .ok()
            .and_then(|p| self.paragraphs.get(p))
            && p.marks == at
        {
            return Cow::Borrowed(self.pairs.get(p.pairs.clone()).unwrap_or_default());
        }
        let mut pairs = Vec::new();
        pair_marks(marks, &mut Vec::new(), &mut pairs);
        Cow::Owned(pairs)
    }
}

/// Appends the top-level pairs of `marks` (see [`Cues::mark_pairs`]) to `pairs`, in order.
/// `stack` is scratch space, left empty.
fn pair_marks(
    marks: &[Mark],
    stack: &mut Vec<(usize, bool)>,
    pairs: &mut Vec<(usize, Option<usize>)>,
) {
    let from = pairs.len();
    // (index, opened by a straight mark)
    stack.clear();
    for m in marks {
        let i = m.token;
        let opens = match m.kind {
            TokenKind::QuoteOpen => true,
            TokenKind::Quote => {
                // A straight mark closes what a straight mark opened, or closes when glued
                // to the word before it; otherwise it opens.
                let top_straight = stack.last().is_some_and(|&(_, s)| s);
                let glued = m.glued && i > 0;
                !(top_straight || (glued && !stack.is_empty()))
            }
            _ => false,
        };
        if opens {
            stack.push((i, m.kind == TokenKind::Quote));
        } else if let Some((open, _)) = stack.pop()
            && stack.is_empty()
        {
            pairs.push((open, Some(i)));
        }
    }
    if let Some(&(open, _)) = stack.first() {
        pairs.push((open, None));
    }
    stack.clear();
    if let Some(new) = pairs.get_mut(from..) {
        new.sort_unstable();
    }
}

/// Quotation marks and dashes: the tokens [`Cues::note`] keeps.
#[inline]
fn is_mark_or_dash(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::QuoteOpen
            | TokenKind::QuoteClose
            | TokenKind::Quote
            | TokenKind::Dash
            | TokenKind::QuoteDash
    )
}

/// Words, abbreviations and initials: what cue verbs and names are made of.
pub(crate) fn is_word_kind(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Word | TokenKind::Abbreviation | TokenKind::Initial
    )
}

/// True when token `i` is a word (or an abbreviation or initial, which names may contain).
// These read the view's record, not the tokenizer's token: the quote rules then walk one
// array of the two (a long text's tokens and records are some 20 MB each).
#[inline]
pub(crate) fn is_word(view: &View<'_>, i: usize) -> bool {
    view.get(i).is_some_and(|t| is_word_kind(t.kind))
}

/// True when token `i` is `word` in any case of its ASCII letters, without allocating (`word`
/// is lower case).
#[inline]
pub(crate) fn word_is(view: &View<'_>, i: usize, word: &str) -> bool {
    view.get(i)
        .is_some_and(|t| is_word_kind(t.kind) && t.text.eq_ignore_ascii_case(word))
}

/// True when token `i` is a word that starts with an upper-case letter.
#[inline]
pub(crate) fn is_capitalised(view: &View<'_>, i: usize) -> bool {
    // The tokenizer flags every word, abbreviation and initial whose first letter is upper case.
    view.get(i).is_some_and(|t| t.cap() && is_word_kind(t.kind))
}

/// True when token `i` opens its sentence ([`Tok::sentence_start`]).
#[inline]
pub(crate) fn opens_sentence(view: &View<'_>, i: usize) -> bool {
    view.get(i).is_some_and(Tok::sentence_start)
}

/// True when token `i` is exactly `punct`.
#[inline]
pub(crate) fn is_punct(view: &View<'_>, i: usize, punct: &str) -> bool {
    view.get(i)
        .is_some_and(|t| t.kind == TokenKind::Punct && t.text == punct)
}

/// True when token `i` ends a sentence by its punctuation (. ! ? … and a closing colon).
#[inline]
pub(crate) fn is_terminal(view: &View<'_>, i: usize) -> bool {
    view.get(i).is_some_and(|t| {
        t.kind == TokenKind::Punct && matches!(t.text, "." | "!" | "?" | "…" | ":")
    })
}

/// Third-person pronouns that stand for a speaker.
pub(crate) fn is_pronoun(word: &str) -> bool {
    matches!(word, "han" | "hun")
}

/// First- and second-person pronouns and "man": a cue followed by one of them is part of the
/// quoted words ("mener jeg"), not an attribution.
pub(crate) fn is_speaker_of_quote(word: &str) -> bool {
    matches!(word, "jeg" | "vi" | "du" | "dere" | "man")
}

/// Prepositions that put a capitalised run in an adverbial ("i DigitalNorway", "fra
/// Mattilsynet") rather than in subject position.
pub(crate) fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "i" | "fra" | "hos" | "for" | "ved" | "på" | "til" | "med" | "av" | "om" | "under" | "mot"
    )
}

/// Words that make the noun phrase after a cue an unnamed source ("en kilde", "flere
/// ansatte").
pub(crate) fn is_indefinite(word: &str) -> bool {
    matches!(
        word,
        "en" | "ei" | "et" | "flere" | "noen" | "mange" | "enkelte" | "ingen" | "andre"
    )
}

/// Nouns that say a source is kept anonymous ("sier kilden", "opplyser kilder").
pub(crate) fn is_unnamed_source(word: &str) -> bool {
    matches!(
        word,
        "kilde" | "kilden" | "kilder" | "kildene" | "informant" | "informanten"
    )
}

/// A definite noun after a cue, read as a source named by a common noun ("sier politiet",
/// "skriver selskapet", "opplyser kommunen"); adverbs that end like one are left out.
pub(crate) fn is_definite_noun(word: &str) -> bool {
    const ADVERBS: [&str; 8] = [
        "igjen",
        "deretter",
        "etterpå",
        "siden",
        "dessuten",
        "allerede",
        "lenger",
        "tidligere",
    ];
    word.chars().count() > 4
        && !ADVERBS.contains(&word)
        && ["et", "en", "ene", "a"].iter().any(|s| word.ends_with(s))
}

/// Words that, before a cue, make the cue point at a quote elsewhere ("Det sier X seg enig
/// i", "Dette sier X").
pub(crate) fn is_cataphoric(word: &str) -> bool {
    matches!(word, "det" | "dette" | "slik" | "så")
}

/// The index of the first entry of `list` (in token order by `at`) whose token is not before
/// `start`, searched from `hint`: by galloping forward when every entry before the hint is
/// before `start`, else among the entries before it.
#[inline]
fn first_from<T>(list: &[T], start: usize, at: &impl Fn(&T) -> usize, hint: usize) -> usize {
    let hint = hint.min(list.len());
    let before = |k: usize| list.get(k).is_some_and(|e| at(e) < start);
    if hint > 0 && !before(hint - 1) {
        return list
            .get(..hint)
            .unwrap_or_default()
            .partition_point(|e| at(e) < start);
    }
    if !before(hint) {
        return hint;
    }
    // Every entry before `lo` is before `start`; the step doubles until one is not.
    let (mut lo, mut step) = (hint + 1, 1);
    while before(lo + step - 1) {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(list.len());
    lo + list
        .get(lo..hi)
        .unwrap_or_default()
        .partition_point(|e| at(e) < start)
}

/// The entries of `list` (in token order by `at`) whose token is inside `range`, found from
/// `hint` (see [`first_from`]), which is left at the first of them.
fn inside<'l, T>(
    hint: &Cell<usize>,
    list: &'l [T],
    range: Range<usize>,
    at: impl Fn(&T) -> usize,
) -> &'l [T] {
    list.get(inside_at(hint, list, range, at))
        .unwrap_or_default()
}

/// The indices in `list` (in token order by `at`) of the entries whose token is inside
/// `range`, found from `hint` (see [`first_from`]), which is left at the first of them.
#[inline]
fn inside_at<T>(
    hint: &Cell<usize>,
    list: &[T],
    range: Range<usize>,
    at: impl Fn(&T) -> usize,
) -> Range<usize> {
    let from = first_from(list, range.start, &at, hint.get());
    hint.set(from);
    let rest = list.get(from..).unwrap_or_default();
    // Ranges asked about hold few entries: counted forward, not searched for.
    let n = rest.iter().take_while(|e| at(e) < range.end).count();
    from..from + n
}

#[cfg(test)]
mod tests {
    use super::super::detect::{sentence_end, sentence_start};
    use super::*;
    use crate::tokenize::Tokenizer;

    #[test]
    fn multiword_forms_win_over_their_first_word() {
        let verbs = [
            CueVerb {
                form: "legger".into(),
                lemma: "legge".into(),
            },
            CueVerb {
                form: "legger til".into(),
                lemma: "legge til".into(),
            },
            CueVerb {
                form: "sier til".into(),
                lemma: "si".into(),
            },
        ];
        let cues = CueVerbs::new(&verbs);
        let doc = Tokenizer::new().analyse("– Vi er klare, legger hun til.");
        let doc2 = Tokenizer::new().analyse("Hun legger til at de er klare.");
        let (view, view2) = (View::new(&doc), View::new(&doc2));
        let tokens = |c: Option<CueAt>| c.map(|c| c.tokens);
        assert_eq!(tokens(cues.at(&view, 5)), Some(5..6));
        assert_eq!(tokens(cues.at(&view2, 1)), Some(1..3));
        assert_eq!(tokens(cues.at(&view2, 0)), None);
        assert_eq!(tokens(cues.at(&view2, 99)), None);
        assert!(!cues.at(&view2, 1).is_some_and(|c| c.audience));
        let doc3 = Tokenizer::new().analyse("Hun sier til NRK at de er klare.");
        let c = cues.at(&View::new(&doc3), 1);
        assert_eq!(
            c,
            Some(CueAt {
                tokens: 1..3,
                audience: true
            })
        );
    }
    /// The cues whose next name is the audience are listed apart: every token answers as the
    /// cue list's own mark says, in texts with none, one and several such cues.
    #[test]
    fn audience_cues_are_those_marked_in_the_cue_list() {
        let verb = |form: &str, lemma: &str| CueVerb {
            form: form.into(),
            lemma: lemma.into(),
        };
        let verbs = CueVerbs::new(&[
            verb("sier", "si"),
            verb("sier til", "si"),
            verb("legger til", "legge til"),
        ]);
        let texts = [
            "Hun sier at de er klare.",
            "Hun sier til NRK at de er klare.",
            "Han sier til VG at det går. Hun legger til at det er sant. Per sier til NTB: ja. \
             Ola sier nei, sier til slutt Kari.",
        ];
        let mut marked = 0;
        for text in texts {
            let doc = Tokenizer::new().analyse(text);
            let view = View::new(&doc);
            let cues = Cues::new(&verbs, &doc, &view);
            for i in 0..=doc.tokens().len() {
                let want = cues.cues.iter().any(|&(t, n)| t == i && n & AUDIENCE != 0);
                marked += usize::from(want);
                assert_eq!(cues.to_audience(i), want, "{text:?} token {i}");
            }
        }
        assert_eq!(marked, 4);
    }

    /// The capitalised words and openers read off the view's marked tokens are those of
    /// every token: capitals of every kind (ASCII, Latin-1, Greek, Cyrillic, title case,
    /// upper-case letters without a lower case such as "ℂ" and "ϒ"), in words,
    /// abbreviations and initials, at and after sentence starts. The marked tokens must hold
    /// every capitalised word: this fails if they ever do not.
    #[test]
    fn capitalised_words_are_those_of_every_token() {
        let texts = [
            "Kari Hansen sier at Ørland og Åsen er klare. Ærlig talt, sa E. Melby.",
            "ℂorp og ϒpsilon kom. ℂorp sa nei. ǅamal og Ǆemal og Σοφία og Дмитрий.",
            "İstanbul, Ǉubljana og ᾈ kom. «Kari» sa: – Ja. • Punkt. 3M og 'Kari og Bl.a. Per.",
            "ΣΟΦΙΑ og NRK og ÆØÅ. ß er liten. Ⅻ og Ⓐ og 𝐀𝐁 og 𐐀bc kom.",
            "",
            "ℂ",
        ];
        let mut seen = Vec::new();
        for text in texts {
            let doc = Tokenizer::new().analyse(text);
            let view = View::new(&doc);
            let cues = Cues::new(&CueVerbs::new(&[]), &doc, &view);
            let capitalised: Vec<usize> = (0..view.len())
                .filter(|&i| is_capitalised(&view, i))
                .collect();
            let openers: Vec<usize> = capitalised
                .iter()
                .copied()
                .filter(|&i| opens_sentence(&view, i))
                .collect();
            assert_eq!(cues.capitalised(), capitalised, "{text:?}");
            assert_eq!(cues.openers(), openers, "{text:?}");
            seen.extend(capitalised.iter().map(|&i| view.text(i).to_string()));
        }
        // The capitals without a lower case are among them, inside sentences and opening them.
        for word in ["ℂorp", "ϒpsilon", "ℂ", "Дмитрий", "Ⓐ", "Bl.a."] {
            assert!(seen.iter().any(|w| w == word), "{word}: {seen:?}");
        }
    }

    /// The token loop asks a token's kind only when its key is one it looks at: every
    /// quotation mark and dash the tokenizer makes must be of [`MARKS_AND_DASHES`]. Every
    /// punctuation and symbol character of ASCII, Latin-1, the general and supplemental
    /// punctuation, CJK and full-width blocks, in the places a mark or dash takes (opening a
    /// paragraph before a word or a space, glued before and after words, alone, doubled, at the
    /// text's end): the marks and dashes noted are those of every token. This fails if the
    /// tokenizer ever makes a mark or dash of another character.
    #[test]
    fn marks_and_dashes_noted_are_those_of_every_token() {
        let verbs = CueVerbs::new(&[]);
        let chars = ('!'..='/')
            .chain(':'..='@')
            .chain('['..='`')
            .chain('{'..='~')
            .chain('\u{a1}'..='\u{bf}')
            .chain('\u{2000}'..='\u{206f}')
            .chain('\u{2190}'..='\u{22ff}')
            .chain('\u{2500}'..='\u{25ff}')
            .chain('\u{2e00}'..='\u{2e7f}')
            .chain('\u{3000}'..='\u{303f}')
            .chain('\u{fe10}'..='\u{fe6f}')
            .chain('\u{ff00}'..='\u{ff65}');
        let places = [
            "C Ord sa C ord.",
            "COrd sier ordC, sa C ja C.",
            "Ord C ord CC ordC CCord",
            "C\n\nC \n\nCC Ord\n\nOrdC» «C» C",
        ];
        let mut made: Vec<(TokenKind, String)> = Vec::new();
        for c in chars {
            let text: String = places
                .iter()
                .map(|p| p.replace('C', c.encode_utf8(&mut [0; 4])))
                .collect::<Vec<_>>()
                .join("\n\n");
            let doc = Tokenizer::new().analyse(&text);
            let view = View::new(&doc);
            let cues = Cues::new(&verbs, &doc, &view);
            let of_kind = |want: fn(TokenKind) -> bool| {
                (0..view.len())
                    .filter(|&i| view.get(i).is_some_and(|t| want(t.kind)))
                    .collect::<Vec<_>>()
            };
            let marks = of_kind(|k| {
                matches!(
                    k,
                    TokenKind::QuoteOpen | TokenKind::QuoteClose | TokenKind::Quote
                )
            });
            let dashes = of_kind(|k| matches!(k, TokenKind::Dash | TokenKind::QuoteDash));
            assert_eq!(cues.mark_tokens().collect::<Vec<_>>(), marks, "{text:?}");
            assert_eq!(cues.dashes, dashes, "{text:?}");
            let tokens = marks.iter().chain(&dashes).filter_map(|&i| view.get(i));
            made.extend(tokens.map(|t| (t.kind, t.text.to_string())));
        }
        // Every kind of mark and dash was made, of every listed character.
        for kind in [
            TokenKind::QuoteOpen,
            TokenKind::QuoteClose,
            TokenKind::Quote,
            TokenKind::Dash,
            TokenKind::QuoteDash,
        ] {
            assert!(made.iter().any(|(k, _)| *k == kind), "{kind:?}");
        }
        for c in MARKS_AND_DASHES {
            assert!(
                made.iter().any(|(_, text)| text.chars().eq([c])),
                "{c:?} is no mark or dash"
            );
        }
    }

    /// A whole paragraph's pairs are lent from the ones paired once; any other range is paired
    /// again: every range answers as pairing its marks afresh does.
    #[test]
    fn mark_pairs_of_any_range_are_its_marks_paired() {
        let text = "Han sa «vi var «fanget» lenge» i går. \"Ja\" sa hun.\n\n«Åpen og «lukket» \
                    \"rett\n\nDette» er «galt\n\nIngen merker.\n\n– «Sitat», sier han.";
        let doc = Tokenizer::new().analyse(text);
        let view = View::new(&doc);
        let cues = Cues::new(&CueVerbs::new(&[]), &doc, &view);
        assert!(!cues.paragraphs.is_empty());
        let n = doc.tokens().len();
        for a in 0..=n {
            for b in a..=n + 1 {
                let mut fresh = Vec::new();
                pair_marks(
                    inside(&Cell::new(0), &cues.marks, a..b, |m| m.token),
                    &mut Vec::new(),
                    &mut fresh,
                );
                assert_eq!(*cues.mark_pairs(a..b), *fresh, "{a}..{b}");
            }
        }
    }

    /// Found from any hint, the first entry not before a token is the one a search of the
    /// whole list finds: lists with repeats and gaps, hints before, at, after it and past the
    /// end.
    #[test]
    fn first_from_any_hint_is_the_partition_point() {
        let lists: [&[usize]; 4] = [&[], &[3], &[1, 2, 2, 5, 9, 9, 9, 14, 20], &[0, 0, 0, 0]];
        for list in lists {
            for start in 0..24 {
                let want = list.partition_point(|&t| t < start);
                for hint in 0..list.len() + 3 {
                    assert_eq!(
                        first_from(list, start, &|&t| t, hint),
                        want,
                        "{list:?} {start} {hint}"
                    );
                }
            }
        }
    }

    /// A first word that is no form alone ("har", "i") is turned away before its lookup
    /// only when no second word follows it.
    #[test]
    fn first_words_of_longer_forms_alone_are_no_cue() {
        let verb = |form: &str| CueVerb {
            form: form.into(),
            lemma: form.into(),
        };
        let cues = CueVerbs::new(&[verb("har sagt"), verb("sier"), verb("i følge")]);
        let doc =
            Tokenizer::new().analyse("Han har sagt det. Han har ikke. Hun sier i dag i følge NTB.");
        let view = View::new(&doc);
        let found: Vec<Range<usize>> = (0..doc.tokens().len())
            .filter_map(|i| cues.at(&view, i).map(|c| c.tokens))
            .collect();
        assert_eq!(found, [1..3, 10..11, 13..15]);
    }

    /// A token's sentence number saturates past `u32::MAX` sentences: the sentence is then
    /// searched, never one that does not hold the token (whose start after it made
    /// `i - sentence_start(i)` overflow).
    #[test]
    fn a_saturated_sentence_number_still_finds_the_sentence() {
        let doc = Tokenizer::new().analyse("Han kom. Hun sier ja. Det var alt.");
        // Numbers past the sentences, and numbers of sentences that do not hold the token.
        for number in [u32::MAX, 0, 1] {
            let mut view = View::new(&doc);
            for t in &mut view.toks {
                t.sentence = number;
            }
            let cues = Cues::new(&CueVerbs::new(&[]), &doc, &view);
            for i in 0..doc.tokens().len() {
                let want = doc
                    .sentence_of(i)
                    .and_then(|s| doc.sentences().get(s))
                    .cloned();
                assert_eq!(cues.sentence(i), want, "token {i}");
                assert!(sentence_start(&cues, i) <= i && i < sentence_end(&cues, i));
            }
            assert_eq!(cues.sentence(doc.tokens().len()), None);
        }
    }
}
