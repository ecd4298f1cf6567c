//! Lexicon answers about single tokens that several rules ask of the same token (is it a given
//! name, a surname, an organisation by its shape): each is worked out once per text and kept
//! in two bits of the token.

use super::lexicon::EntityLexicon;
use super::org;
use super::view::View;
use std::cell::Cell;

/// The tokens of one text with the lexicons, and what was already asked of them.
pub(crate) struct Facts<'a, 't> {
    /// The text's tokens; a fact of token `i` is a fact of `view`'s token `i`.
    pub view: &'a View<'t>,
    /// The lexicons the facts are asked of.
    pub lx: &'a EntityLexicon,
    /// The text of `view`'s tokens, for the hyphen tests of [`super::rules::has_hyphen_in`].
    text: &'a [u8],
    /// Per token, for each fact: bit `2k` set once fact `k` is known, bit `2k + 1` its answer.
    bits: &'a [Cell<u8>],
}

// The facts kept, by their bit pair: three pairs fit the token's byte.
const GIVEN: u8 = 0;
const SURNAME: u8 = 1;
const SINGLE_WORD_ORG: u8 = 2;

impl<'a, 't> Facts<'a, 't> {
    /// Nothing known yet: each fact is worked out when a rule first asks it. The bits are kept
    /// in `room`, which a caller keeps from text to text. `text` is the text of `view`'s tokens.
    pub fn new(
        view: &'a View<'t>,
        lx: &'a EntityLexicon,
        text: &'a [u8],
        room: &'a mut Vec<u8>,
    ) -> Facts<'a, 't> {
        room.clear();
        room.resize(view.len(), 0);
        Facts {
            view,
            lx,
            text,
            bits: Cell::from_mut(room.as_mut_slice()).as_slice_of_cells(),
        }
    }

    /// The token's surface is a given name ([`EntityLexicon::is_given`]).
    #[inline(always)]
    pub fn given(&self, i: usize) -> bool {
        self.memo(i, GIVEN, || self.ask_given(i))
    }

    /// The token's surface is a surname ([`EntityLexicon::is_surname`]).
    #[inline(always)]
    pub fn surname(&self, i: usize) -> bool {
        self.memo(i, SURNAME, || self.ask_surname(i))
    }

    /// [`org::single_word_org`] of the token.
    #[inline(always)]
    pub fn single_word_org(&self, i: usize) -> bool {
        self.memo(i, SINGLE_WORD_ORG, || {
            org::single_word_org(self.view, self.lx, i, None)
        })
    }

    /// [`single_word_org`](Self::single_word_org) of a token whose lower case the caller holds
    /// (`lower`), which it would otherwise take from the view again.
    #[inline(always)]
    pub fn single_word_org_lower(&self, i: usize, lower: &str) -> bool {
        self.memo(i, SINGLE_WORD_ORG, || {
            org::single_word_org(self.view, self.lx, i, Some(lower))
        })
    }

    // The lookups out of line, the memo inlined: most questions are asked again of a token
    // whose answer is kept, and cost a load and a test.

    #[inline(never)]
    fn ask_given(&self, i: usize) -> bool {
        // The lexicons hold no empty word (a form is never empty): no token, no name.
        self.view
            .get(i)
            .is_some_and(|t| self.lx.is_given_token_in(self.text, t))
    }

    #[inline(never)]
    fn ask_surname(&self, i: usize) -> bool {
        // The lexicons hold no empty word (a form is never empty): no token, no name.
        self.view
            .get(i)
            .is_some_and(|t| self.lx.is_surname_token_in(self.text, t))
    }

    /// The fact `k` of token `i`, worked out by `answer` the first time it is asked. A token
    /// past the end is answered each time (there is none to keep it).
    #[inline(always)]
    fn memo(&self, i: usize, k: u8, answer: impl FnOnce() -> bool) -> bool {
        let (known, yes) = (1u8 << (2 * k), 2u8 << (2 * k));
        let Some(cell) = self.bits.get(i) else {
            return answer();
        };
        let bits = cell.get();
        if bits & known != 0 {
            return bits & yes != 0;
        }
        let a = answer();
        cell.set(bits | known | if a { yes } else { 0 });
        a
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{LexiconKind, LexiconSet};
    use crate::tokenize::Tokenizer;

    #[test]
    fn facts_answer_as_the_lexicons_per_token_and_again_when_asked_twice() -> crate::Result<()> {
        let lexicons = LexiconSet::empty_builder()
            .add_str(LexiconKind::GivenNames, "g.tsv", "Anne\tf\nKari\tf\n")?
            .add_str(LexiconKind::Surnames, "s.tsv", "Berg\nHansen\n")?
            .build();
        let lx = EntityLexicon::new(&lexicons);
        let mut room = vec![1; 3];
        // Hyphenated names too, known by their parts through the text's hyphen test.
        let text = "Hansen møtte Kari Hansen og NRK i Oslo, og Anne-Kari Hansen-Berg.";
        let doc = Tokenizer::new().analyse(text);
        let view = View::new(&doc);
        let facts = Facts::new(&view, &lx, text.as_bytes(), &mut room);
        // Twice each, in both orders, and one token past the end.
        for _ in 0..2 {
            for i in (0..=view.len()).chain((0..=view.len()).rev()) {
                let w = view.text(i);
                assert_eq!(facts.given(i), lx.is_given(w), "given {i} {w:?}");
                assert_eq!(facts.surname(i), lx.is_surname(w), "surname {i} {w:?}");
                assert_eq!(
                    facts.single_word_org(i),
                    org::single_word_org(&view, &lx, i, None),
                    "org {i} {w:?}"
                );
                assert_eq!(
                    org::single_word_org(&view, &lx, i, Some(view.lower(i))),
                    org::single_word_org(&view, &lx, i, None),
                    "org {i} {w:?}"
                );
            }
        }
        assert!((0..view.len()).any(|i| facts.given(i)));
        assert!((0..view.len()).any(|i| facts.surname(i)));
        assert!((0..view.len()).any(|i| facts.single_word_org(i)));
        let at = |w: &str| (0..view.len()).find(|&i| view.text(i) == w);
        assert!(at("Anne-Kari").is_some_and(|i| facts.given(i)));
        assert!(at("Hansen-Berg").is_some_and(|i| facts.surname(i)));
        Ok(())
    }
}
