//! The [`Extractor`]: the only place that knows the order of the stages.

use crate::coref;
use crate::document::{
    CompactString, Document, Entity, GenderRecord, OrganisationRecord, Person, Quote, SpanRecord,
    TokenRecord,
};
use crate::entity;
use crate::entity::view::{self, View};
use crate::error::{Error, Result};
use crate::gazetteer::{Gazetteer, GazetteerMatch};
use crate::lexicon::{Gender, LexiconSet};
use crate::quote;
use crate::span::Span;
use crate::tokenize::{TokenKind, Tokenizer};
use std::cell::RefCell;
use std::sync::Arc;

/// What an extractor needs: the lexicons, the tokenizer built from them and the gazetteer.
#[derive(Debug)]
struct Resources {
    lexicons: Arc<LexiconSet>,
    tokenizer: Tokenizer,
    gazetteer: Gazetteer,
    entities: entity::EntityRecognizer,
    quotes: quote::Quoter,
}

/// The per-token lists of the last text a thread extracted, emptied, which the next text fills
/// again: a 4 MB text's are some 60 MB, which glibc would otherwise map afresh (or give back and
/// take again) for every text, each page faulted in by the kernel. The price is memory held
/// between calls: up to `KEEP` bytes a thread (see [`Extractor::extract_with`]), and the
/// stages' lists up to their own caps (`coref::Pool::keep`, `entity::Lists::keep`,
/// `quote::Lists::keep`).
#[derive(Default)]
struct Lists {
    tokens: crate::tokenize::Buffers,
    views: view::Buffers,
    matches: Vec<GazetteerMatch>,
    search: crate::gazetteer::Scratch,
    pool: coref::Pool,
    found: entity::Lists,
    quoted: quote::Lists,
    /// Set while a text is being extracted: still set at the next call when the last one
    /// unwound (a panic its caller caught, as the batch example does), whose half-filled lists
    /// must not reach the next text.
    in_use: bool,
}

thread_local! {
    static LISTS: RefCell<Lists> = RefCell::default();
}

/// Turns Norwegian text into a [`Document`]: sentences, entities, people, organisations and
/// quotes. Immutable, cheap to clone, `Send + Sync`: build it once and share it.
///
/// ```
/// use kilde::Extractor;
/// let text = "– Vi er klare, sier Kari Hansen.";
/// let doc = Extractor::new().extract(text);
/// assert_eq!(doc.sentences.len(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Extractor {
    resources: Arc<Resources>,
    with_tokens: bool,
}

#[cfg(feature = "embedded-lexicons")]
impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the embedded default lexicons.
    #[cfg(feature = "embedded-lexicons")]
    pub fn new() -> Extractor {
        use std::sync::LazyLock;
        // The default resources are built once per process and shared by every default
        // extractor.
        static DEFAULT: LazyLock<Arc<Resources>> = LazyLock::new(|| {
            let lexicons = LexiconSet::embedded().clone();
            match Resources::new(lexicons) {
                Ok(r) => Arc::new(r),
                Err(e) => panic!("embedded lexicons do not build a gazetteer: {e}"),
            }
        });
        Extractor {
            resources: DEFAULT.clone(),
            with_tokens: false,
        }
    }

    /// A builder to choose lexicons and output options.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder {
            lexicons: None,
            with_tokens: false,
        }
    }

    /// The lexicons in use.
    pub fn lexicons(&self) -> &LexiconSet {
        &self.resources.lexicons
    }

    /// The tokenizer in use.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.resources.tokenizer
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.resources.gazetteer
    }

    /// Extracts everything from `text`. Never panics, whatever the text.
    ///
    /// Memory: each thread that calls it keeps the emptied working lists of its last text for
    /// the next one: the tokens, per-token facts and lexicon matches up to 64 MiB, the
    /// coreference lists up to 32 MiB, entity recognition's and the quote stage's up to 16 MiB
    /// each (each the lists of a text of about 4 MB; a longer text's are freed after it), and
    /// the gazetteer's search lists (at most a window's, some 200 KB). A pool of N threads
    /// that has read long texts can hold N times that until its threads end. The tokens,
    /// facts and matches take some 16 bytes a byte of text (about 130 KB a thread for 8 KB
    /// articles); the coreference lists grow with the mentions.
    pub fn extract(&self, text: &str) -> Document {
        // Borrowed where they lie: taking them out and putting them back copied some 2 KB of
        // list headers a text. Fresh lists when the thread's are gone (a call from a
        // destructor at thread exit).
        LISTS
            .try_with(|lists| {
                let mut lists = lists.try_borrow_mut().ok()?;
                if lists.in_use {
                    *lists = Lists::default();
                }
                lists.in_use = true;
                let document = self.extract_with(text, &mut lists);
                lists.in_use = false;
                Some(document)
            })
            .ok()
            .flatten()
            .unwrap_or_else(|| self.extract_with(text, &mut Lists::default()))
    }

    /// [`extract`](Self::extract) with `lists` for its working lists, which it leaves empty
    /// for the next text (or freed, past their caps).
    fn extract_with(&self, text: &str, lists: &mut Lists) -> Document {
        /// The most a thread keeps: the lists of a text of about 4 MB (some 16 bytes of
        /// capacity a byte of text). A longer text's are freed, as every text's were before.
        const KEEP: usize = 64 << 20;
        let r = &*self.resources;
        let doc = r
            .tokenizer
            .analyse_in(text, std::mem::take(&mut lists.tokens));
        // About one token in ten starts a lexicon match in press text (at most one in six in
        // the bench corpus): sized for one in five, the list is not copied as it grows.
        lists.matches.reserve(doc.tokens().len() / 5 + 8);
        r.gazetteer
            .find_into_with(&doc, &mut lists.matches, &mut lists.search);
        // Per-token facts (lower-cased forms, shapes) serve recognition, coreference and quotes.
        let view = View::new_in(&doc, std::mem::take(&mut lists.views));
        let mentions = r
            .entities
            .recognize_in(&doc, &view, &lists.matches, &mut lists.found);
        let coref = coref::resolve_in(&doc, &view, mentions, &r.entities, &mut lists.pool);
        let quotes = r.quotes.extract_in(&doc, &view, &coref, &mut lists.quoted);

        let document = self.document(text, &doc, mentions, coref, quotes, &mut lists.pool);
        lists.matches.clear();
        let (tokens, views) = (doc.into_buffers(), view.into_buffers());
        let bytes =
            tokens.bytes() + views.bytes() + lists.matches.capacity() * size_of::<GazetteerMatch>();
        if bytes <= KEEP {
            lists.tokens = tokens;
            lists.views = views;
        } else {
            lists.matches = Vec::new();
        }
        // The search's lists are bounded by a window, the other stages' by their own caps;
        // kept in place, where taking each out and putting it back copied its headers and
        // dropped the empty lists left behind.
        lists.pool.keep();
        lists.found.keep();
        lists.quoted.keep();
        document
    }

    /// The owned [`Document`] of the stages' products.
    // Out of line (one call a text) so that a profile shows its cost apart from the stages'.
    #[inline(never)]
    fn document(
        &self,
        text: &str,
        doc: &crate::tokenize::Tokenized<'_>,
        mentions: &[entity::Mention],
        mut coref: coref::Coreference,
        quotes: Vec<quote::FoundQuote>,
        pool: &mut coref::Pool,
    ) -> Document {
        let sentences = doc
            .sentences()
            .iter()
            .map(|r| {
                let s = doc.span_of(r.clone());
                SpanRecord {
                    start: s.start,
                    end: s.end,
                }
            })
            .collect();
        let tokens = self.with_tokens.then(|| {
            doc.tokens()
                .iter()
                .map(|t| TokenRecord {
                    start: t.span().start,
                    end: t.span().end,
                    kind: CompactString::const_new(token_kind_name(t.kind())),
                })
                .collect()
        });
        let entities = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| Entity {
                start: m.span.start,
                end: m.span.end,
                text: CompactString::new(&text[m.span]),
                kind: m.kind,
                reference: coref.reference(i),
            })
            .collect();
        let quotes = quotes
            .into_iter()
            .map(|q| {
                // A person's quote names them by the cluster's name, which attribution has
                // usually copied already.
                let speaker = match (q.person.and_then(|p| coref.people.get(p)), q.speaker_name) {
                    (Some(p), Some(name)) if name == p.name => Some(name),
                    (Some(p), _) => Some(p.name.clone()),
                    (None, name) => name,
                };
                Quote {
                    start: q.span.start,
                    end: q.span.end,
                    text: text[q.span].to_string(),
                    kind: q.kind,
                    speaker,
                    speaker_id: q.person,
                    cue: q.cue.map(|c| CompactString::new(&text[c])),
                    confidence: q.confidence,
                }
            })
            .collect();
        coref.give_lists(pool);
        // The clusters are moved into the records (spans become pairs in place).
        let pair = |s: Span| [s.start, s.end];
        // The emptied lists of clusters go back to the pool, for the next text's clusters.
        let (mut orgs, mut persons) = (
            std::mem::take(&mut coref.organisations),
            std::mem::take(&mut coref.people),
        );
        // The organisations first: a person's organisations copy their names, which short names
        // do without allocating.
        let organisations: Vec<OrganisationRecord> = orgs
            .drain(..)
            .enumerate()
            .map(|(id, o)| OrganisationRecord {
                id,
                name: o.name,
                mentions: o.mentions.into_iter().map(pair).collect(),
            })
            .collect();
        let people = persons
            .drain(..)
            .enumerate()
            .map(|(id, p)| Person {
                id,
                name: p.name,
                gender: p.gender.map(|g| match g {
                    Gender::Female => GenderRecord::Female,
                    Gender::Male => GenderRecord::Male,
                }),
                roles: p.roles,
                // Most people have none: no call into the collector for an empty list.
                organisations: if p.organisations.is_empty() {
                    Vec::new()
                } else {
                    p.organisations
                        .iter()
                        .filter_map(|&o| organisations.get(o).map(|o| o.name.clone()))
                        .collect()
                },
                mentions: p.mentions.into_iter().map(pair).collect(),
            })
            .collect();
        pool.give(orgs);
        pool.give_people(persons);
        Document {
            sentences,
            tokens,
            entities,
            people,
            organisations,
            quotes,
        }
    }

    /// Like [`extract`](Self::extract) for bytes that should be UTF-8.
    ///
    /// # Errors
    /// Bytes that are not UTF-8: the error gives the byte offset of the first bad byte.
    ///
    /// ```
    /// let err = kilde::Extractor::new().extract_bytes(b"Hei \xff").unwrap_err();
    /// assert_eq!(err.to_string(), "invalid utf-8 at byte offset 4");
    /// ```
    pub fn extract_bytes(&self, bytes: &[u8]) -> Result<Document> {
        let text =
            std::str::from_utf8(bytes).map_err(|e| Error::invalid_utf8("", e.valid_up_to()))?;
        Ok(self.extract(text))
    }
}

impl Resources {
    fn new(lexicons: LexiconSet) -> Result<Resources> {
        let tokenizer = Tokenizer::with_abbreviations(lexicons.abbreviations().clone());
        let gazetteer = Gazetteer::new(&lexicons)?;
        let entities = entity::EntityRecognizer::new(&lexicons);
        let quotes = quote::Quoter::new(&lexicons);
        Ok(Resources {
            lexicons: Arc::new(lexicons),
            tokenizer,
            gazetteer,
            entities,
            quotes,
        })
    }
}

/// Builds an [`Extractor`] with other lexicons or output options.
///
/// ```
/// use kilde::{Extractor, lexicon::{LexiconKind, LexiconSet}};
/// let lexicons = LexiconSet::builder()
///     .add_str(LexiconKind::Roles, "roller.tsv", "klyngeleder\n")?
///     .build();
/// let extractor = Extractor::builder().lexicons(lexicons).tokens(true).build()?;
/// assert!(extractor.extract("Hei").tokens.is_some());
/// # Ok::<(), kilde::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    lexicons: Option<LexiconSet>,
    with_tokens: bool,
}

impl ExtractorBuilder {
    /// Use these lexicons instead of the embedded defaults.
    pub fn lexicons(&mut self, lexicons: LexiconSet) -> &mut Self {
        self.lexicons = Some(lexicons);
        self
    }

    /// Include the tokens in every [`Document`].
    pub fn tokens(&mut self, yes: bool) -> &mut Self {
        self.with_tokens = yes;
        self
    }

    /// The extractor.
    ///
    /// # Errors
    /// When the gazetteer cannot be built from the lexicons.
    pub fn build(&self) -> Result<Extractor> {
        let resources = match &self.lexicons {
            Some(l) => Arc::new(Resources::new(l.clone())?),
            #[cfg(feature = "embedded-lexicons")]
            None => Extractor::new().resources,
            #[cfg(not(feature = "embedded-lexicons"))]
            None => Arc::new(Resources::new(LexiconSet::default())?),
        };
        Ok(Extractor {
            resources,
            with_tokens: self.with_tokens,
        })
    }
}

/// The snake-case name of a token kind, as in the JSON output.
pub fn token_kind_name(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Word => "word",
        TokenKind::Number => "number",
        TokenKind::Ordinal => "ordinal",
        TokenKind::Abbreviation => "abbreviation",
        TokenKind::Initial => "initial",
        TokenKind::Url => "url",
        TokenKind::Email => "email",
        TokenKind::Handle => "handle",
        TokenKind::Hashtag => "hashtag",
        TokenKind::QuoteOpen => "quote_open",
        TokenKind::QuoteClose => "quote_close",
        TokenKind::Quote => "quote",
        TokenKind::QuoteDash => "quote_dash",
        TokenKind::Dash => "dash",
        TokenKind::Bullet => "bullet",
        TokenKind::Punct => "punct",
        TokenKind::Symbol => "symbol",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A thread keeps the emptied lists of its last text for the next ([`Extractor::extract`]):
    /// a text after a longer, a shorter or an empty one, with other sentences, paragraphs,
    /// lexicon matches and lower cases of another length, is extracted as on a fresh thread.
    #[test]
    fn a_text_after_others_on_one_thread_is_extracted_as_on_a_fresh_thread() {
        let extractor = Extractor::builder().tokens(true).build().unwrap();
        let long = "– Vi er klare, sier Kari Hansen-Østby, leder i NRK.\n\n«Nei», sa Per Olsen \
                    i Oslo kommune. Også DigitalNorway og Fellesforbundet var der.\n\n"
            .repeat(40);
        let texts = [
            long.as_str(),
            "Kort, sier Ola.",
            "",
            "İSTANBUL ẞTRASSE og ΟΔΟΣ, sa Ole Østby i Stortinget.\n\nStyrelederen i DNB sier «ja».",
            long.as_str(),
            "\n\n",
            "Per Olsen",
            "– Det er feil, sier Kari Hansen, leder i Equinor.",
            "– Det er feil, sier Lars Mehl, sjef ved Xyzabc.",
            "Equinor og Oslo kommune",
            "Abcdef og Ghijkl lmnopq",
        ];
        // The documents of a fresh thread for each text.
        let fresh: Vec<Document> = std::thread::scope(|scope| {
            let extractor = &extractor;
            let threads: Vec<_> = texts
                .iter()
                .map(|&text| scope.spawn(move || extractor.extract(text)))
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        // One thread, every text in turn, twice: each after a longer, a shorter and an empty
        // text ("Abcdef og Ghijkl lmnopq" takes in a lexicon match of the text before it if
        // the kept match list is not emptied).
        for (text, fresh) in texts.iter().zip(&fresh).chain(texts.iter().zip(&fresh)) {
            assert_eq!(&extractor.extract(text), fresh, "{text:?}");
        }
        assert!(fresh.iter().any(|d| !d.quotes.is_empty()));
    }

    /// The stages' lists are kept in place after a text ([`Extractor::extract_with`]): within
    /// their cap with their room for the next text, past it given back.
    #[test]
    fn kept_lists_keep_their_room_within_their_cap_only() {
        let mut pool = coref::Pool::default();
        pool.give(Vec::<usize>::with_capacity(1000));
        pool.keep();
        assert!(pool.vec::<usize>(1).capacity() >= 1000);
        // Past the pool's cap of 32 MiB (capacity only: the pages are never touched).
        pool.give(Vec::<usize>::with_capacity(
            (32 << 20) / size_of::<usize>() + 1,
        ));
        pool.keep();
        assert!(pool.vec::<usize>(1).capacity() < 1000);
    }

    /// A call that unwound (a panic a caller caught) leaves its lists half-filled and marked in
    /// use: the next call on the thread starts from fresh lists, not from the last text's.
    #[test]
    fn lists_left_by_an_unwound_call_are_not_reused() {
        let extractor = Extractor::new();
        let (before, text) = (
            "Equinor og Oslo kommune, sier Kari Hansen.",
            "Abcdef og Ghijkl lmnopq",
        );
        let fresh = extractor.extract(text);
        let stale = extractor.extract(before);
        // As an unwound call would leave them: the matches of another text, still in use.
        let stale_matches: Vec<GazetteerMatch> = extractor
            .gazetteer()
            .find_iter(&extractor.tokenizer().analyse(before))
            .collect();
        assert!(!stale_matches.is_empty());
        LISTS.with(|lists| {
            let mut lists = lists.borrow_mut();
            lists.matches = stale_matches;
            lists.in_use = true;
        });
        assert_eq!(extractor.extract(text), fresh);
        assert_ne!(fresh, stale);
        assert!(LISTS.with(|lists| !lists.borrow().in_use));
    }
}
