//! Roles and organisations of a person from the constructions press text uses:
//! "NAVN, ROLLE i ORG", "ROLLE NAVN i ORG", "ROLLE i ORG, NAVN", "NAVN (ORG)", "NAVN fra ORG",
//! "NAVN, ORG" (captions), "Foto: NAVN / ORG", and "NAVN og NAVN i ORG".

use super::pool::Pool;
use crate::entity::role;
use crate::entity::view::View;
use compact_str::CompactString;

/// Values by token for the few tokens that have one (mention starts and ends, the tokens of
/// person and organisation mentions), sorted by token. A text has a mention on one token in
/// ten or fewer: a table over every token, zeroed and filled for each text, cost more than
/// all the lookups it served.
#[derive(Clone, Debug)]
pub(crate) struct ByToken<T> {
    entries: Vec<(usize, T)>,
}

impl<T> Default for ByToken<T> {
    fn default() -> Self {
        ByToken {
            entries: Vec::new(),
        }
    }
}

impl<T: Copy> ByToken<T> {
    /// The table of `entries`, in any order; where a token has several, the last one given
    /// counts (as when writing them into a table one after the other).
    pub fn new(mut entries: Vec<(usize, T)>) -> ByToken<T> {
        // Most tables have each token once, in order: nothing to sort or drop.
        if entries.is_sorted_by(|a, b| a.0 < b.0) {
            return ByToken { entries };
        }
        // A stable sort keeps the order of a token's entries; the last of each run is kept.
        // Tables in token order with a token repeated need no sort.
        if !entries.is_sorted_by_key(|&(k, _)| k) {
            entries.sort_by_key(|&(k, _)| k);
        }
        // `dedup_by` keeps the first of a run: it is given the value of the later one.
        entries.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                *kept = *later;
            }
            same
        });
        ByToken { entries }
    }

    /// The table of `entries` in token order, each token once (a merge of two such tables),
    /// taken as they are: [`new`](Self::new) would read them all to find them in order.
    pub fn sorted(entries: Vec<(usize, T)>) -> ByToken<T> {
        debug_assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
        ByToken { entries }
    }

    /// The value at `token`.
    pub fn get(&self, token: usize) -> Option<T> {
        let i = self
            .entries
            .binary_search_by_key(&token, |&(k, _)| k)
            .ok()?;
        self.entries.get(i).map(|&(_, v)| v)
    }

    /// The entries before `token`, in token order.
    pub fn before(&self, token: usize) -> &[(usize, T)] {
        let end = self.entries.partition_point(|&(k, _)| k < token);
        self.entries.get(..end).unwrap_or_default()
    }

    /// The entries, in token order.
    pub fn entries(&self) -> &[(usize, T)] {
        &self.entries
    }

    /// Calls `each` with the value at each of `tokens`, as [`get`](Self::get) gives it: a few
    /// steps along the table while the tokens rise a little (the first tokens of a text's
    /// mentions), by a search where they fall back or rise far. A walk as far as they rise
    /// took time growing with the square of a caller's mentions asked low and high in turn.
    pub fn get_each(
        &self,
        tokens: impl IntoIterator<Item = usize>,
        mut each: impl FnMut(Option<T>),
    ) {
        let entries = self.entries.as_slice();
        let (mut at, mut last) = (0, 0);
        for token in tokens {
            if token < last {
                at = entries.partition_point(|&(k, _)| k < token);
            } else {
                let rest = entries.get(at..).unwrap_or_default();
                at += match rest.iter().take(8).position(|&(k, _)| k >= token) {
                    Some(i) => i,
                    None => rest.partition_point(|&(k, _)| k < token),
                };
            }
            last = token;
            each(entries.get(at).filter(|e| e.0 == token).map(|e| e.1));
        }
    }

    /// The list of the entries, for another use.
    pub fn into_entries(self) -> Vec<(usize, T)> {
        self.entries
    }
}

/// Where the mentions are, by token.
pub(crate) struct Layout<'a> {
    view: &'a View<'a>,
    /// Organisation cluster and end token of the organisation mention starting at a token.
    org_start: ByToken<(usize, usize)>,
    /// Organisation cluster and start token of the organisation mention ending at a token
    /// (exclusive end).
    org_end: ByToken<(usize, usize)>,
    /// Role mention (start, end) by start token and by end token.
    role_start: ByToken<usize>,
    role_end: ByToken<usize>,
    /// The tokens each table has an entry for, a bit a token and table ([`Plane`]): most
    /// tokens asked about have none, which one bit answers where a search of a long text's
    /// table took a dozen steps.
    marks: Vec<u64>,
}

/// The table of a [`Layout`] a bit of its `marks` is for: the bit of token `k` is bit `k % 64`
/// of word `k / 64 * PLANES + plane`.
#[derive(Clone, Copy)]
enum Plane {
    OrgStart,
    OrgEnd,
    RoleStart,
    RoleEnd,
}

const PLANES: usize = 4;

impl Plane {
    /// The word of `marks` holding the bit of token `k`, and the bit.
    #[inline]
    fn at(self, k: usize) -> (usize, u64) {
        ((k >> 6) * PLANES + self as usize, 1 << (k & 63))
    }
}

/// What a person mention's context says of them. One is filled for mention after mention:
/// only a new role allocates.
#[derive(Clone, Debug, Default)]
pub(crate) struct Links {
    pub roles: Vec<CompactString>,
    pub orgs: Vec<usize>,
    /// Organisations from "NAVN i ORG" right after the name (shared with a coordinated name).
    pub direct_orgs: Vec<usize>,
}

impl Links {
    pub fn clear(&mut self) {
        self.roles.clear();
        self.orgs.clear();
        self.direct_orgs.clear();
    }

    /// Empty lists from `pool`.
    pub fn from_pool(pool: &mut Pool) -> Links {
        Links {
            roles: pool.vec(0),
            orgs: pool.vec(0),
            direct_orgs: pool.vec(0),
        }
    }

    /// Gives the lists back to `pool`.
    pub fn give(self, pool: &mut Pool) {
        pool.give(self.roles);
        pool.give(self.orgs);
        pool.give(self.direct_orgs);
    }
}

impl<'a> Layout<'a> {
    /// The layout of the mentions of a text of `view`'s tokens, its bits in a list from
    /// `pool`. Out of line: built once a text, it made its caller too large to take the calls
    /// made for every mention inline.
    #[inline(never)]
    pub fn new(
        view: &'a View<'a>,
        org_start: ByToken<(usize, usize)>,
        org_end: ByToken<(usize, usize)>,
        role_start: ByToken<usize>,
        role_end: ByToken<usize>,
        pool: &mut Pool,
    ) -> Layout<'a> {
        // An end is past its mention's last token: up to one past the last token.
        let mut marks = pool.filled((view.len() / 64 + 1) * PLANES, 0u64);
        let mut mark = |plane: Plane, tokens: &mut dyn Iterator<Item = usize>| {
            for k in tokens {
                let (word, bit) = plane.at(k);
                if let Some(w) = marks.get_mut(word) {
                    *w |= bit;
                }
            }
        };
        mark(
            Plane::OrgStart,
            &mut org_start.entries().iter().map(|e| e.0),
        );
        mark(Plane::OrgEnd, &mut org_end.entries().iter().map(|e| e.0));
        mark(
            Plane::RoleStart,
            &mut role_start.entries().iter().map(|e| e.0),
        );
        mark(Plane::RoleEnd, &mut role_end.entries().iter().map(|e| e.0));
        Layout {
            view,
            org_start,
            org_end,
            role_start,
            role_end,
            marks,
        }
    }

    /// Gives the tables' lists back to `pool`.
    pub fn give(self, pool: &mut Pool) {
        pool.give(self.org_start.into_entries());
        pool.give(self.org_end.into_entries());
        pool.give(self.role_start.into_entries());
        pool.give(self.role_end.into_entries());
        pool.give(self.marks);
    }

    /// Whether the table of `plane` may have an entry at token `k` (it has none when false).
    /// A token past the bits is searched: [`crate::coref::resolve`] takes its mentions from
    /// its caller, whose token ranges may run past the text's tokens.
    #[inline]
    fn marked(&self, plane: Plane, k: usize) -> bool {
        let (word, bit) = plane.at(k);
        self.marks.get(word).is_none_or(|w| w & bit != 0)
    }

    /// Whether the table of `plane` may have an entry at one of the four tokens from `k` (it
    /// has none at any of them when false): one or two words of the bits, as
    /// [`marked`](Self::marked) tests one token.
    #[inline]
    fn marked_in_four(&self, plane: Plane, k: usize) -> bool {
        let (word, _) = plane.at(k);
        let shift = k & 63;
        // Tokens past the bits may have one, as in `marked`.
        let low = self.marks.get(word).map_or(u64::MAX, |&w| w >> shift);
        let high = if shift > 60 {
            self.marks
                .get(word + PLANES)
                .map_or(u64::MAX, |&w| w << (64 - shift))
        } else {
            0
        };
        (low | high) & 0b1111 != 0
    }

    /// The organisation mention starting at `k`: cluster and end token.
    #[inline]
    fn org_start(&self, k: usize) -> Option<(usize, usize)> {
        self.marked(Plane::OrgStart, k)
            .then(|| self.org_start.get(k))
            .flatten()
    }

    /// The organisation mention ending at `k`: cluster and start token.
    #[inline]
    fn org_end(&self, k: usize) -> Option<(usize, usize)> {
        self.marked(Plane::OrgEnd, k)
            .then(|| self.org_end.get(k))
            .flatten()
    }

    /// The end of the role mention starting at `k`.
    #[inline]
    fn role_start(&self, k: usize) -> Option<usize> {
        self.marked(Plane::RoleStart, k)
            .then(|| self.role_start.get(k))
            .flatten()
    }

    /// The start of the role mention ending at `k`.
    #[inline]
    fn role_end(&self, k: usize) -> Option<usize> {
        self.marked(Plane::RoleEnd, k)
            .then(|| self.role_end.get(k))
            .flatten()
    }

    fn role_text(&self, start: usize, end: usize) -> CompactString {
        let mut text = CompactString::with_capacity(self.text_len(start, end));
        self.push_role_text(&mut text, start, end);
        text
    }

    /// Room for the lower-cased words `start..end` and a space after each: a role's string is
    /// allocated once, not grown word by word.
    fn text_len(&self, start: usize, end: usize) -> usize {
        (start..end).map(|k| self.view.lower(k).len() + 1).sum()
    }

    /// Appends the lower-cased words `start..end`, space-separated, to `text`.
    fn push_role_text(&self, text: &mut CompactString, start: usize, end: usize) {
        for k in start..end {
            if k > start {
                text.push(' ');
            }
            text.push_str(self.view.lower(k));
        }
    }

    /// The role starting at `k` with its complement: (text, end token).
    fn role_from(&self, k: usize) -> Option<(CompactString, usize)> {
        let end = self.role_start(k)?;
        let complement = role::complement_end(self.view, end);
        let last = complement.unwrap_or(end);
        let mut text = CompactString::with_capacity(self.text_len(k, last) + 1);
        self.push_role_text(&mut text, k, end);
        if let Some(c) = complement {
            text.push(' ');
            self.push_role_text(&mut text, end, c);
        }
        Some((text, last))
    }

    /// The organisation after a position-preposition at `k` ("i", "ved", "hos", "fra",
    /// "for"), or right at `k` when `bare`; a few lower-case words may come between ("i det
    /// Molde-baserte innovasjonsselskapet ProtoMore").
    fn org_after(&self, k: usize, bare: bool) -> Option<usize> {
        let v = self.view;
        let mut j = k;
        if !bare {
            let prep = v.get(k)?;
            // No organisation starts within the four tokens after it (most words): the word
            // need not be asked.
            if !self.marked_in_four(Plane::OrgStart, k + 1) {
                return None;
            }
            if !crate::entity::rules::is_org_preposition(self.view.lower_of(prep)) {
                return None;
            }
            j += 1;
        }
        let sentence = v.get(k)?.sentence;
        for _ in 0..4 {
            if let Some((org, _)) = self.org_start(j) {
                return Some(org);
            }
            let t = v.get(j)?;
            if bare || t.sentence != sentence || !t.is_word() {
                return None;
            }
            // Lower-case words and place adjectives may come between: "det Molde-baserte".
            let adjective = || {
                t.text.contains('-')
                    && t.text
                        .rsplit('-')
                        .next()
                        .is_some_and(|l| l.chars().next().is_some_and(char::is_lowercase))
            };
            if t.cap() && !adjective() {
                return None;
            }
            j += 1;
        }
        None
    }

    /// Adds to `l` the roles and organisations of the person mention on tokens `a..b`.
    #[inline]
    pub fn link(&self, a: usize, b: usize, l: &mut Links) {
        if self.may_link(a, b) {
            self.link_found(a, b, l);
        }
    }

    /// False when no construction [`link_found`](Self::link_found) reads is around the person
    /// mention on tokens `a..b`: no role ends at its start, no comma before it, no comma,
    /// bracket or slash after it, no organisation starts within four tokens after it. Most
    /// names have none, which these few tests tell before a call.
    #[inline]
    fn may_link(&self, a: usize, b: usize) -> bool {
        let v = self.view;
        let after = v.get(b).is_some_and(|t| matches!(t.text, "," | "(" | "/"));
        after
            || self.marked(Plane::RoleEnd, a)
            || a.checked_sub(1)
                .is_some_and(|p| v.get(p).is_some_and(|t| t.is(",")))
            || b.checked_add(1)
                .is_some_and(|j| self.marked_in_four(Plane::OrgStart, j))
    }

    /// [`link`](Self::link) of a mention [`may_link`](Self::may_link) lets through.
    #[inline(never)]
    fn link_found(&self, a: usize, b: usize, l: &mut Links) {
        let v = self.view;
        // ROLLE NAVN: a title right before the name, perhaps after "nyansatt" and the like.
        if let Some(rs) = self.role_end(a) {
            l.roles.push(self.role_text(rs, a));
            // ROLLE i ORG, NAVN
        }
        if a >= 1 && v.get(a - 1).is_some_and(|t| t.is(",")) {
            if let Some((org, os)) = self.org_end(a - 1) {
                let prep = os.checked_sub(1);
                if let Some(p) =
                    prep.filter(|&p| crate::entity::rules::is_org_preposition(v.lower(p)))
                {
                    if let Some(rs) = self.role_end(p) {
                        l.roles.push(self.role_text(rs, p));
                        l.orgs.push(org);
                    }
                } else if let Some(rs) = self.role_end(os) {
                    // ROLLE ORG, NAVN
                    l.roles.push(self.role_text(rs, os));
                    l.orgs.push(org);
                }
            } else if let Some(rs) = self.role_end(a - 1) {
                // "Daglig leder, Kari Hansen"
                l.roles.push(self.role_text(rs, a - 1));
            }
        }
        // After the name.
        if v.get(b).is_some_and(|t| t.is(",")) {
            let mut r = b + 1;
            // "nyansatt administrerende direktør": one lower-case word before the title.
            if self.role_start(r).is_none()
                && v.get(r).is_some_and(|t| t.is_word() && !t.cap())
                && self.role_start(r + 1).is_some()
            {
                r += 1;
            }
            if let Some((role, end)) = self.role_from(r) {
                l.roles.push(role);
                if let Some(org) = self
                    .org_after(end, false)
                    .or_else(|| self.org_after(end, true))
                {
                    l.orgs.push(org);
                }
            } else if let Some((org, oe)) = self.org_start(b + 1) {
                // Caption "Navn, Org, Navn, Org": the organisation ends the item.
                let ends = v.get(oe).is_none_or(|t| {
                    matches!(t.text, "," | "." | ";" | ")")
                        || v.lower_of(t) == "og"
                        || !v.same_sentence(oe, b)
                });
                if ends {
                    l.orgs.push(org);
                }
            }
            return;
        }
        if v.get(b).is_some_and(|t| t.is("(") || t.is("/")) {
            if let Some((org, _)) = self.org_start(b + 1) {
                l.orgs.push(org);
                l.direct_orgs.push(org);
            }
            return;
        }
        // "NAVN i ORG", "NAVN fra ORG"; "sier Nordmann til E24" names whom she spoke to.
        if let Some(org) = self
            .org_after(b, false)
            .filter(|_| v.get(b).is_none_or(|t| v.lower_of(t) != "til"))
        {
            l.orgs.push(org);
            l.direct_orgs.push(org);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_each_answers_as_get_in_any_order() {
        let t = ByToken::new((0..40).map(|k| (3 * k + k % 2, k)).collect());
        let mut asked: Vec<usize> = (0..130).collect();
        asked.extend((0..130).rev());
        asked.extend((0..130).map(|k| (k * 37) % 131));
        asked.extend([usize::MAX, 0, 5, 5, 200]);
        let mut got = Vec::new();
        t.get_each(asked.iter().copied(), |v| got.push(v));
        let want: Vec<Option<usize>> = asked.iter().map(|&k| t.get(k)).collect();
        assert_eq!(got, want);
    }

    /// Tokens asked low and high in turn (a caller's mentions out of text order): each rise
    /// past the next few entries is a search, so the answers are `get`'s. (The walk this
    /// replaced was quadratic here; speed is measured in benches, not asserted in tests.)
    #[test]
    fn get_each_answers_tokens_asked_low_and_high_in_turn() {
        let n = 10_000;
        let t = ByToken::new((0..n).map(|k| (2 * k, k)).collect());
        let asked: Vec<usize> = (0..n).flat_map(|k| [k, 2 * n - k, k + 3]).collect();
        let want: Vec<Option<usize>> = asked.iter().map(|&k| t.get(k)).collect();
        let mut got = Vec::with_capacity(asked.len());
        t.get_each(asked.iter().copied(), |v| got.push(v));
        assert_eq!(got, want);
    }

    #[test]
    fn by_token_keeps_the_last_value_given_for_a_token() {
        let t = ByToken::new(vec![(7, 'a'), (2, 'b'), (7, 'c'), (4, 'd')]);
        assert_eq!(t.get(7), Some('c'));
        assert_eq!(t.get(2), Some('b'));
        assert_eq!(t.get(3), None);
        assert_eq!(t.get(usize::MAX), None);
        assert_eq!(t.before(7), [(2, 'b'), (4, 'd')]);
        assert_eq!(t.entries().len(), 3);
        let sorted = ByToken::sorted(vec![(2, 'b'), (4, 'd'), (7, 'c')]);
        assert_eq!(sorted.entries(), t.entries());
        assert_eq!(sorted.get(4), Some('d'));
    }

    /// The bit asked before a table's search says no only where the table has no entry: at
    /// tokens inside the text, at one past its last, and at tokens of mentions that run past
    /// its tokens (a caller's mentions, which `resolve` takes as they are).
    #[test]
    fn layout_finds_what_its_tables_hold() {
        let doc =
            crate::tokenize::Tokenizer::new().analyse("Kari Hansen sier at daglig leder kom.");
        let view = View::new(&doc);
        let n = view.len();
        let keys = [0, 1, 3, n - 1, n, n + 1, 63, 64, 65, 127, 128, 200, 1000];
        let pairs = || -> ByToken<(usize, usize)> {
            ByToken::new(keys.iter().map(|&k| (k, (k, k + 1))).collect())
        };
        let ends = |d: usize| -> ByToken<usize> {
            ByToken::new(keys.iter().map(|&k| (k + d, k)).collect())
        };
        let layout = Layout::new(
            &view,
            pairs(),
            pairs(),
            ends(0),
            ends(1),
            &mut Pool::default(),
        );
        let (org, role_start, role_end) = (pairs(), ends(0), ends(1));
        for k in (0..1100).chain([usize::MAX - 1, usize::MAX]) {
            assert_eq!(layout.org_start(k), org.get(k), "{k}");
            assert_eq!(layout.org_end(k), org.get(k), "{k}");
            assert_eq!(layout.role_start(k), role_start.get(k), "{k}");
            assert_eq!(layout.role_end(k), role_end.get(k), "{k}");
        }
        // Four tokens at a time, across the words of the bits and past them.
        for k in (0..1100).chain(usize::MAX - 70..=usize::MAX) {
            let four = (0..4).filter_map(|d| k.checked_add(d));
            let any = four.clone().any(|j| layout.marked(Plane::OrgStart, j));
            assert_eq!(layout.marked_in_four(Plane::OrgStart, k), any, "{k}");
        }
    }

    /// A mention [`Layout::may_link`] turns away gets nothing from [`Layout::link_found`]:
    /// mentions of every start and end (past the text too) in texts of the constructions, over
    /// tables of roles and organisations at many tokens.
    #[test]
    fn mentions_turned_away_have_no_links() {
        let texts = [
            "Kari Hansen, daglig leder i NRK, sa ja. Per (Equinor) og Ola / DNB kom.",
            "Leder i NRK, Kari Hansen, og sjef Per Olsen fra det nye selskapet Equinor ASA kom.",
            ", ( / Kari , Per i det Molde-baserte firmaet Ola",
        ];
        let mut next = crate::testing::xorshift(0x0DDB_A11C_0FFE_E123u64);
        for text in texts {
            let doc = crate::tokenize::Tokenizer::new().analyse(text);
            let view = View::new(&doc);
            let n = view.len();
            for _ in 0..40 {
                let mut spans = || -> Vec<(usize, usize)> {
                    (0..next(8))
                        .map(|_| {
                            let k = next(n + 2);
                            (k, k + 1 + next(3))
                        })
                        .collect()
                };
                let (orgs, roles) = (spans(), spans());
                let layout = Layout::new(
                    &view,
                    ByToken::new(orgs.iter().map(|&(s, e)| (s, (7, e))).collect()),
                    ByToken::new(orgs.iter().map(|&(s, e)| (e, (7, s))).collect()),
                    ByToken::new(roles.to_vec()),
                    ByToken::new(roles.iter().map(|&(s, e)| (e, s)).collect()),
                    &mut Pool::default(),
                );
                for a in 0..n + 3 {
                    for b in a..n + 3 {
                        let mut found = Links::default();
                        layout.link_found(a, b, &mut found);
                        let empty = found.roles.is_empty()
                            && found.orgs.is_empty()
                            && found.direct_orgs.is_empty();
                        assert!(layout.may_link(a, b) || empty, "{text:?} {a}..{b}");
                    }
                }
            }
        }
    }
}
