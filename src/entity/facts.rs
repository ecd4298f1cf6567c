//! Lexicon answers about single tokens that several rules ask of the same token (is it a given
//! name, a surname, an organisation by its shape): each is worked out once per text and kept
//! in two bits of the token.

use super::lexicon::EntityLexicon;
use super::org;
use super::view::View;
use std::cell::Cell;

/// The tokens of one text with the lexicons, and what was already asked of them.
pub(crate) struct Facts<'a, 't> {
    pub view: &'a View<'t>,
    pub lx: &'a EntityLexicon,
    /// Per token, for each fact: bit `2k` set once fact `k` is known, bit `2k + 1` its answer.
    bits: Vec<Cell<u8>>,
}

/// The facts kept, by their bit pair.
const GIVEN: u8 = 0;
const SURNAME: u8 = 1;
const SINGLE_WORD_ORG: u8 = 2;

impl<'a, 't> Facts<'a, 't> {
    pub fn new(view: &'a View<'t>, lx: &'a EntityLexicon) -> Facts<'a, 't> {
        Facts {
            view,
            lx,
            bits: vec![Cell::new(0); view.len()],
        }
    }

    /// The token's surface is a given name ([`EntityLexicon::is_given`]).
    pub fn given(&self, i: usize) -> bool {
        self.memo(i, GIVEN, || self.lx.is_given(self.view.text(i)))
    }

    /// The token's surface is a surname ([`EntityLexicon::is_surname`]).
    pub fn surname(&self, i: usize) -> bool {
        self.memo(i, SURNAME, || self.lx.is_surname(self.view.text(i)))
    }

    /// [`org::single_word_org`] of the token.
    pub fn single_word_org(&self, i: usize) -> bool {
        self.memo(i, SINGLE_WORD_ORG, || {
            org::single_word_org(self.view, self.lx, i)
        })
    }

    /// The fact `k` of token `i`, worked out by `answer` the first time it is asked. A token
    /// past the end is answered each time (there is none to keep it).
    #[inline]
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
