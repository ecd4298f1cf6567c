//! The trie of token ids that walks multiword keys ("Innovasjon Norge") to their entries.
//!
//! The root is a dense table indexed by token id. The edges below it are one open-addressing
//! table of 16-byte slots (state, token, child, first entry), four to a 64-byte line and probed
//! line by line, so a step reads one cache line in the common case. A step returns the child's
//! first entry with the child, so the walk needs no table of accepting states.

use super::index::NONE;

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

/// One edge below the root (`state` is `NONE` in an empty slot).
#[derive(Clone, Copy, Debug)]
struct Slot {
    state: u32,
    token: u32,
    child: Node,
}

const EMPTY: Slot = Slot {
    state: NONE,
    token: NONE,
    child: Node::NONE,
};

/// Four slots on one cache line.
#[derive(Clone, Copy, Debug)]
#[repr(align(64))]
struct Line([Slot; 4]);

/// The trie; immutable once built.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// The root's child for each token id.
    root: Vec<Node>,
    /// A power of two of lines, at most half full.
    lines: Vec<Line>,
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
    /// none) and the `edges` (state, token, child) below the root. `first` gives each state's
    /// first entry.
    pub(crate) fn new(
        states: usize,
        root: &[u32],
        edges: impl Iterator<Item = (u32, u32, u32)>,
        first: impl Fn(u32) -> u32,
    ) -> Trie {
        let edges: Vec<(u32, u32, u32)> = edges.collect();
        let mut inner = vec![false; states];
        for &(state, _, _) in &edges {
            if let Some(x) = inner.get_mut(state as usize) {
                *x = true;
            }
        }
        let node = |s: u32| Node {
            state: if inner.get(s as usize) == Some(&true) {
                s
            } else {
                NONE
            },
            first: first(s),
        };
        let lines = (edges.len() * 2 / 4).next_power_of_two().max(1);
        let mut trie = Trie {
            root: root
                .iter()
                .map(|&s| if s == NONE { Node::NONE } else { node(s) })
                .collect(),
            lines: vec![Line([EMPTY; 4]); lines],
            states,
        };
        for (state, token, child) in edges {
            let mut l = trie.home(state, token);
            'place: loop {
                if let Some(line) = trie.lines.get_mut(l) {
                    for slot in &mut line.0 {
                        if slot.state == NONE {
                            *slot = Slot {
                                state,
                                token,
                                child: node(child),
                            };
                            break 'place;
                        }
                    }
                }
                l = (l + 1) & (lines - 1);
            }
        }
        trie
    }

    #[inline]
    fn home(&self, state: u32, token: u32) -> usize {
        (edge_hash(edge_key(state, token)) >> 32) as usize & (self.lines.len() - 1)
    }

    /// The node after `token` from `state` ([`Node::NONE`] when no key goes on so).
    #[inline]
    pub(crate) fn step(&self, state: u32, token: u32) -> Node {
        if token == NONE || state == NONE {
            return Node::NONE;
        }
        if state == ROOT {
            return self.root.get(token as usize).copied().unwrap_or(Node::NONE);
        }
        let mask = self.lines.len() - 1;
        let mut l = self.home(state, token);
        // The table is at most half full: an empty slot ends every probe.
        while let Some(line) = self.lines.get(l) {
            for slot in &line.0 {
                if slot.state == state && slot.token == token {
                    return slot.child;
                }
                if slot.state == NONE {
                    return Node::NONE;
                }
            }
            l = (l + 1) & mask;
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

    #[test]
    fn steps_follow_edges() {
        // Keys: [0], [0 1], [2 1 0]; states 1 = [0], 2 = [0 1], 3 = [2], 4 = [2 1], 5 = [2 1 0].
        // No key goes on from 2 and 5: a step there gives no state.
        let root = [1, NONE, 3];
        let edges = vec![(1, 1, 2), (3, 1, 4), (4, 0, 5)];
        let first = |s: u32| match s {
            1 => 0,
            2 => 1,
            5 => 2,
            _ => NONE,
        };
        let trie = Trie::new(6, &root, edges.into_iter(), first);
        let walk = |tokens: &[u32]| {
            tokens
                .iter()
                .fold(Node::ROOT, |n, &t| trie.step(n.state, t))
        };
        assert_eq!(walk(&[0]), Node { state: 1, first: 0 });
        assert_eq!(
            walk(&[0, 1]),
            Node {
                state: NONE,
                first: 1
            }
        );
        assert!(walk(&[0, 1]).exists() && !walk(&[0, 1, 0]).exists());
        assert_eq!(
            walk(&[2, 1]),
            Node {
                state: 4,
                first: NONE
            }
        );
        assert_eq!(
            walk(&[2, 1, 0]),
            Node {
                state: NONE,
                first: 2
            }
        );
        assert_eq!(walk(&[1]), Node::NONE);
        assert_eq!(walk(&[0, 0]), Node::NONE);
        assert_eq!(walk(&[0, 1, 1]), Node::NONE);
        assert_eq!(trie.step(1, NONE), Node::NONE);
        assert_eq!(trie.states(), 6);
    }
}
