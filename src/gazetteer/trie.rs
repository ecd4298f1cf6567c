//! The trie of token ids that walks multiword keys ("Innovasjon Norge") to their entries.
//!
//! The root is a dense table indexed by token id. The edges below it are one open-addressing
//! table of 12-byte slots (state, token, first entry), five to a 64-byte line and probed line
//! by line, so a step reads one cache line in the common case. A step returns the child's
//! first entry with the child, so the walk needs no table of accepting states.
//!
//! A state below the root is named by the place of its edge's slot, so the slot needs no field
//! for its child: at most half full, the table of a lexicon of 100 000 names (most of them
//! two-token keys) takes 2.4 MB where 16-byte slots took 4 MB. (Three quarters full, 1.6 MB,
//! it missed the second-level cache more often, not less: a name's edge is seldom still
//! cached at its next use either way, and more probes ran over two lines.)

use super::index::NONE;
use crate::error::{Error, Result};

/// Where a step leads: the child state and the index of its first entry (`NONE` when no key
/// ends there). `state` is `NONE` when no key goes on from there: when there is no such key
/// prefix, and at a key that starts no longer key (most keys found), so that the walk ends
/// there without a step that probes the edges for nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    pub(crate) state: u32,
    pub(crate) first: u32,
}

impl Node {
    /// No key prefix.
    pub(crate) const NONE: Node = Node {
        state: NONE,
        first: NONE,
    };
    /// The root.
    pub(crate) const ROOT: Node = Node {
        state: ROOT,
        first: NONE,
    };

    /// Some key has this prefix (it ends here, or goes on).
    #[inline]
    pub(crate) fn exists(&self) -> bool {
        self.state != NONE || self.first != NONE
    }
}

/// The root state.
pub(crate) const ROOT: u32 = 0;

/// The bit of [`Slot::first`] set when some key goes on from the child.
const INNER: u32 = 1 << 31;

/// [`Slot::first`] (without [`INNER`]) of a child at which no key ends.
const NO_ENTRY: u32 = INNER - 1;

/// One edge below the root (`state` is `NONE` in an empty slot). Its child is named by the
/// slot's place ([`Trie::base`] plus its index).
#[derive(Clone, Copy, Debug)]
struct Slot {
    state: u32,
    token: u32,
    /// The child's first entry ([`NO_ENTRY`] for none), with [`INNER`] set when some key goes
    /// on from the child.
    first: u32,
}

const EMPTY: Slot = Slot {
    state: NONE,
    token: NONE,
    first: NO_ENTRY,
};

/// Slots on one line.
const SLOTS: usize = 5;

/// Five slots on one cache line.
#[derive(Clone, Copy, Debug)]
#[repr(align(64))]
struct Line([Slot; SLOTS]);

/// The trie; immutable once built.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// The root's child for each token id; token `t`'s is state `t + 1`.
    root: Vec<Node>,
    /// The edges, at most half of the slots, probed linearly line by line from
    /// [`Trie::home`].
    lines: Vec<Line>,
    /// The state of the child of the edge in slot 0: the states below the root follow those
    /// of the root's children.
    base: u32,
    /// Number of states, the root included.
    states: usize,
}

/// An edge (state, token id) as one word: the key of the builder's edge map too.
#[inline]
pub(crate) fn edge_key(state: u32, token: u32) -> u64 {
    (u64::from(state) << 32) | u64::from(token)
}

/// The hash of an [`edge_key`], one multiply: the keys are not chosen by a text, and the hash
/// is on the hot path. The builder's edge map hashes with it as well.
#[inline]
pub(crate) fn edge_hash(k: u64) -> u64 {
    (k ^ (k >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Trie {
    /// The trie of `states` states with the root children `root` (per token id, `NONE` for
    /// none) and the `edges` (state, token, child) below the root, in the builder's numbering,
    /// where a child's number is above its parent's. `first` gives each state's first entry.
    ///
    /// # Errors
    /// When the states or entries do not fit the numbering.
    pub(crate) fn new(
        states: usize,
        root: &[u32],
        edges: impl Iterator<Item = (u32, u32, u32)>,
        first: impl Fn(u32) -> u32,
    ) -> Result<Trie> {
        let mut edges: Vec<(u32, u32, u32)> = edges.collect();
        // Parents before their children: a child's slot names it in its own edges' keys.
        edges.sort_unstable_by_key(|&(_, _, child)| child);
        let mut inner = vec![false; states];
        for &(state, _, _) in &edges {
            if let Some(x) = inner.get_mut(state as usize) {
                *x = true;
            }
        }
        let lines = edges.len() * 2 / SLOTS + 1;
        let base = root.len() + 1;
        if base + lines * SLOTS >= NONE as usize {
            return Err(Error::config(format!(
                "gazetteer: {} token keys and {} edges, too many",
                root.len(),
                edges.len()
            )));
        }
        let is_inner = |s: u32| inner.get(s as usize) == Some(&true);
        let mut trie = Trie {
            root: root
                .iter()
                .zip(1..)
                .map(|(&s, t)| match s {
                    NONE => Node::NONE,
                    s => Node {
                        state: if is_inner(s) { t } else { NONE },
                        first: first(s),
                    },
                })
                .collect(),
            lines: vec![Line([EMPTY; SLOTS]); lines],
            base: base as u32,
            states,
        };
        // The builder's states renamed: the root, its children by token, the rest by slot.
        let mut name = vec![NONE; states];
        if let Some(r) = name.get_mut(ROOT as usize) {
            *r = ROOT;
        }
        for (&s, t) in root.iter().zip(1..) {
            if let Some(n) = name.get_mut(s as usize) {
                *n = t;
            }
        }
        for (state, token, child) in edges {
            let parent = name.get(state as usize).copied().unwrap_or(NONE);
            let stored = match first(child) {
                NONE => NO_ENTRY,
                f if f < NO_ENTRY => f,
                _ => return Err(Error::config("gazetteer: too many entries")),
            } | if is_inner(child) { INNER } else { 0 };
            let mut l = trie.home(parent, token);
            let p = 'place: loop {
                if let Some(line) = trie.lines.get_mut(l) {
                    for (k, slot) in line.0.iter_mut().enumerate() {
                        if slot.state == NONE {
                            *slot = Slot {
                                state: parent,
                                token,
                                first: stored,
                            };
                            break 'place l * SLOTS + k;
                        }
                    }
                }
                l = if l + 1 == lines { 0 } else { l + 1 };
            };
            if let Some(n) = name.get_mut(child as usize) {
                *n = (base + p) as u32;
            }
        }
        Ok(trie)
    }

    /// The line an edge's probe starts at: the hash's high half scaled to the number of lines.
    #[inline]
    fn home(&self, state: u32, token: u32) -> usize {
        (((edge_hash(edge_key(state, token)) >> 32) * self.lines.len() as u64) >> 32) as usize
    }

    /// The node after `token` from `state` ([`Node::NONE`] when no key goes on so).
    #[inline(always)]
    pub(crate) fn step(&self, state: u32, token: u32) -> Node {
        if token == NONE || state == NONE {
            return Node::NONE;
        }
        if state == ROOT {
            return self.root.get(token as usize).copied().unwrap_or(Node::NONE);
        }
        let mut l = self.home(state, token);
        // The table is at most half full: an empty slot ends every probe.
        while let Some(line) = self.lines.get(l) {
            for (k, slot) in line.0.iter().enumerate() {
                if slot.state == state && slot.token == token {
                    let first = slot.first & !INNER;
                    return Node {
                        state: if slot.first & INNER != 0 {
                            self.base.wrapping_add((l * SLOTS + k) as u32)
                        } else {
                            NONE
                        },
                        first: if first == NO_ENTRY { NONE } else { first },
                    };
                }
                if slot.state == NONE {
                    return Node::NONE;
                }
            }
            l = if l + 1 == self.lines.len() { 0 } else { l + 1 };
        }
        Node::NONE
    }

    /// Number of states, the root included.
    pub(crate) fn states(&self) -> usize {
        self.states
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// The trie of `keys` (paths of token ids below `tokens`), numbered as the index's builder
    /// numbers states; key `i` has entry `i`. Returns it and each key prefix's (first entry,
    /// some key goes on) to check walks against.
    fn build(tokens: u32, keys: &[Vec<u32>]) -> (Trie, HashMap<Vec<u32>, (u32, bool)>) {
        let mut root = vec![NONE; tokens as usize];
        let mut edges: HashMap<(u32, u32), u32> = HashMap::new();
        let mut states = 1;
        let mut first = HashMap::new();
        let mut prefixes: HashMap<Vec<u32>, (u32, bool)> = HashMap::new();
        for (i, key) in keys.iter().enumerate() {
            let mut state = ROOT;
            for (j, &t) in key.iter().enumerate() {
                let slot = if state == ROOT {
                    &mut root[t as usize]
                } else {
                    edges.entry((state, t)).or_insert(NONE)
                };
                if *slot == NONE {
                    *slot = states;
                    states += 1;
                }
                state = *slot;
                let p = prefixes.entry(key[..=j].to_vec()).or_insert((NONE, false));
                p.1 |= j + 1 < key.len();
            }
            first.entry(state).or_insert(i as u32);
            let p = prefixes.entry(key.clone()).or_insert((NONE, false));
            p.0 = p.0.min(i as u32);
        }
        let trie = Trie::new(
            states as usize,
            &root,
            edges.iter().map(|(&(s, t), &c)| (s, t, c)),
            |s| first.get(&s).copied().unwrap_or(NONE),
        );
        let Ok(trie) = trie else {
            panic!("trie");
        };
        (trie, prefixes)
    }

    fn walk(trie: &Trie, tokens: &[u32]) -> Node {
        tokens
            .iter()
            .fold(Node::ROOT, |n, &t| trie.step(n.state, t))
    }

    #[test]
    fn steps_follow_edges() {
        // No key goes on from [0 1] and [2 1 0]: a step there gives no state.
        let (trie, _) = build(3, &[vec![0], vec![0, 1], vec![2, 1, 0]]);
        assert_eq!(walk(&trie, &[0]), Node { state: 1, first: 0 });
        assert_eq!(
            walk(&trie, &[0, 1]),
            Node {
                state: NONE,
                first: 1
            }
        );
        assert!(walk(&trie, &[0, 1]).exists() && !walk(&trie, &[0, 1, 0]).exists());
        let inner = walk(&trie, &[2, 1]);
        assert!(inner.state != NONE && inner.first == NONE, "{inner:?}");
        assert_eq!(
            walk(&trie, &[2, 1, 0]),
            Node {
                state: NONE,
                first: 2
            }
        );
        assert_eq!(walk(&trie, &[1]), Node::NONE);
        assert_eq!(walk(&trie, &[0, 0]), Node::NONE);
        assert_eq!(walk(&trie, &[0, 1, 1]), Node::NONE);
        assert_eq!(trie.step(1, NONE), Node::NONE);
        assert_eq!(trie.states(), 6);
    }

    /// Many keys of up to four tokens sharing prefixes, in a table whose probes wrap around
    /// and run over full lines: every prefix walks to its first entry and tells whether a key
    /// goes on, and the words that extend no key walk to nothing.
    #[test]
    fn every_prefix_of_many_keys_walks_to_its_entries() {
        let mut seed = 7u64;
        let mut next = |n: u32| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) % u64::from(n)) as u32
        };
        let tokens = 300;
        let keys: Vec<Vec<u32>> = (0..5000)
            .map(|_| {
                let len = 1 + next(4) as usize;
                (0..len).map(|_| next(tokens)).collect()
            })
            .collect();
        let (trie, prefixes) = build(tokens, &keys);
        assert!(
            trie.lines
                .iter()
                .any(|l| l.0.iter().all(|s| s.state != NONE))
        );
        for (prefix, &(first, goes_on)) in &prefixes {
            let node = walk(&trie, prefix);
            assert_eq!(node.first, first, "{prefix:?}");
            assert_eq!(node.state != NONE, goes_on, "{prefix:?}");
            for t in 0..tokens {
                let mut longer = prefix.clone();
                longer.push(t);
                if !prefixes.contains_key(&longer) {
                    assert_eq!(trie.step(node.state, t), Node::NONE, "{longer:?}");
                }
            }
        }
    }
}
