//! The trie of token ids that walks multiword keys ("Innovasjon Norge") to their entries.
//!
//! The root is a dense table indexed by token id. Below it, each state's edges are a region of
//! 8-byte slots (token, child) of its own, a small open-addressing table probed linearly
//! within the region and never past it. A state is named by its region: the region's place
//! and a size class in one word, so a step reads no table of states, and its slot needs no
//! field for the parent's state. A step returns the child's first entry with the child, so the
//! walk needs no table of accepting states.
//!
//! At 100 000 names (most of them two-token keys) the regions take 0.94 MB where one
//! shared table of 12-byte slots (state, token, first) took 2.4 MB: nearly every two-token
//! name's edge missed the last-level cache, and a smaller table keeps more of them.

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

/// The bit of [`Slot::child`] set when some key goes on from the child: the rest indexes
/// [`Trie::inner`]. Without it, the rest is the child's first entry ([`NO_ENTRY`] for none).
const INNER: u32 = 1 << 31;

/// [`Slot::child`] of a child at which no key ends and none goes on (none is built so).
const NO_ENTRY: u32 = INNER - 1;

/// One edge below the root: `token` is `NONE` in an empty slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    token: u32,
    child: u32,
}

const EMPTY: Slot = Slot {
    token: NONE,
    child: NO_ENTRY,
};

/// The bits of a state's name that give its region's size class; the rest is the region's
/// first slot.
const CLASS_BITS: u32 = 6;
const CLASS_MASK: u32 = (1 << CLASS_BITS) - 1;

/// The class of a region too large for [`SIZES`]: its size is the `token` of the slot before it.
const HEADER: u32 = CLASS_MASK;

/// The slots of a region by its size class: each size up to 16, then four to a doubling (at
/// most 25 % more slots than asked), up to 57 344.
const SIZES: [u32; HEADER as usize] = {
    let mut sizes = [0; HEADER as usize];
    let mut c = 0;
    while c < sizes.len() {
        sizes[c] = if c < 16 {
            c as u32 + 1
        } else {
            let j = c as u32 - 7;
            (4 + (j & 3)) << (j >> 2)
        };
        c += 1;
    }
    sizes
};

/// The slots a region of `children` edges asks for: as many for up to two, so that such a
/// state's probe reads at most two slots, and at most four fifths full above.
fn wanted(children: usize) -> usize {
    if children <= 2 {
        children
    } else {
        children + children.div_ceil(4)
    }
}

/// The smallest size class of at least `slots` slots ([`HEADER`] when none is so large).
fn class_of(slots: usize) -> u32 {
    SIZES
        .iter()
        .position(|&m| m as usize >= slots)
        .map_or(HEADER, |c| c as u32)
}

/// The trie; immutable once built.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// The root's child for each token id.
    root: Vec<Node>,
    /// The regions of the states below the root end to end, slot 0 unused (state 0 is the
    /// root).
    slots: Vec<Slot>,
    /// The children below the root from which some key goes on.
    inner: Vec<Node>,
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

/// The slot of `token`'s probe to start at in a region of `size` slots: a multiplicative hash
/// of the token alone (the region is the state's), its high half scaled to the size.
#[inline]
fn home(token: u32, size: u32) -> usize {
    (((u64::from(token).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) * u64::from(size)) >> 32)
        as usize
}

impl Trie {
    /// The trie of `states` states with the root children `root` (per token id, `NONE` for
    /// none) and the `edges` (state, token, child) below the root, in the builder's numbering.
    /// `first` gives each state's first entry.
    ///
    /// # Errors
    /// When the regions or entries do not fit the numbering.
    pub(crate) fn new(
        states: usize,
        root: &[u32],
        edges: impl Iterator<Item = (u32, u32, u32)>,
        first: impl Fn(u32) -> u32,
    ) -> Result<Trie> {
        let mut edges: Vec<(u32, u32, u32)> = edges.collect();
        edges.sort_unstable_by_key(|&(state, token, _)| (state, token));
        // Each parent's region: its name (place and class) and size.
        let mut name = vec![NONE; states];
        let mut regions = Vec::new();
        let mut len = 1;
        for group in edges.chunk_by(|a, b| a.0 == b.0) {
            let Some(&(parent, _, _)) = group.first() else {
                continue;
            };
            let want = wanted(group.len());
            let class = class_of(want);
            let (start, size) = match SIZES.get(class as usize) {
                Some(&size) => (len, size as usize),
                None => (len + 1, want),
            };
            let state = (len << CLASS_BITS) | class as usize;
            len = start + size;
            if len >= (NONE >> CLASS_BITS) as usize || size > NONE as usize {
                return Err(Error::config(format!(
                    "gazetteer: {} trie edges, too many",
                    edges.len()
                )));
            }
            if let Some(n) = name.get_mut(parent as usize) {
                *n = state as u32;
            }
            regions.push((state as u32, start, size, group));
        }
        let node = |s: u32| Node {
            state: name.get(s as usize).copied().unwrap_or(NONE),
            first: first(s),
        };
        let mut trie = Trie {
            root: root
                .iter()
                .map(|&s| if s == NONE { Node::NONE } else { node(s) })
                .collect(),
            slots: vec![EMPTY; len],
            inner: Vec::new(),
            states,
        };
        for (state, start, size, group) in regions {
            if state & CLASS_MASK == HEADER {
                if let Some(h) = trie.slots.get_mut(start - 1) {
                    h.token = size as u32;
                }
            }
            for &(_, token, child) in group {
                let child = match node(child) {
                    n if n.state != NONE => {
                        trie.inner.push(n);
                        INNER | (trie.inner.len() - 1) as u32
                    }
                    n if n.first == NONE => NO_ENTRY,
                    n if n.first < NO_ENTRY && trie.inner.len() < NO_ENTRY as usize => n.first,
                    _ => return Err(Error::config("gazetteer: too many entries")),
                };
                // An ordered hash table (Amble and Knuth): along a probe, the tokens before a
                // token's slot are smaller, so that a probe for a token no edge has ends at the
                // first larger one or an empty slot (`NONE`, larger than every token).
                let mut edge = Slot { token, child };
                let mut k = home(token, size as u32);
                while let Some(slot) = trie.slots.get_mut(start + k) {
                    if slot.token > edge.token {
                        edge = std::mem::replace(slot, edge);
                        if edge.token == NONE {
                            break;
                        }
                    }
                    k = if k + 1 == size { 0 } else { k + 1 };
                }
            }
        }
        Ok(trie)
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
        let mut start = (state >> CLASS_BITS) as usize;
        let size = match SIZES.get((state & CLASS_MASK) as usize) {
            Some(&size) => size,
            None => {
                start += 1;
                self.slots.get(start - 1).map_or(0, |h| h.token)
            }
        };
        let region = self.slots.get(start..start + size as usize).unwrap_or(&[]);
        // The probe ends at a larger token or an empty slot, or after the whole region when
        // it is full.
        let (front, back) = region.split_at(home(token, size).min(region.len()));
        match back.iter().chain(front).find(|s| s.token >= token) {
            Some(slot) if slot.token == token => {
                if slot.child & INNER != 0 {
                    self.inner
                        .get((slot.child & !INNER) as usize)
                        .copied()
                        .unwrap_or(Node::NONE)
                } else {
                    Node {
                        state: NONE,
                        first: if slot.child == NO_ENTRY {
                            NONE
                        } else {
                            slot.child
                        },
                    }
                }
            }
            _ => Node::NONE,
        }
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
        let zero = walk(&trie, &[0]);
        assert!(zero.state != NONE && zero.first == 0, "{zero:?}");
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
        assert_eq!(trie.step(walk(&trie, &[0]).state, NONE), Node::NONE);
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
        assert_eq!(trie.states(), prefixes.len() + 1);
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

    /// The size classes grow by at most a quarter, so that a region is at most four fifths
    /// full and at least half, and every number of edges up to the largest class has one.
    #[test]
    fn size_classes_fit_every_region() {
        assert_eq!(
            SIZES[..16],
            core::array::from_fn::<u32, 16, _>(|c| c as u32 + 1)
        );
        for w in SIZES.windows(2) {
            assert!(w[0] < w[1] && (w[0] < 16 || w[1] * 4 <= w[0] * 5), "{w:?}");
        }
        assert_eq!(SIZES.last(), Some(&57_344));
        for children in 1..45_000 {
            let want = wanted(children);
            let size = SIZES[class_of(want) as usize] as usize;
            assert!(want >= children && size >= want, "{children}");
            assert!(children <= 2 || children * 5 <= want * 4, "{children}");
        }
        assert_eq!(class_of(57_345), HEADER);
    }

    /// A state of 50 000 children, too many for a size class, keeps its region's size in the
    /// slot before it; its neighbours' regions are full ones of one and two slots.
    #[test]
    fn a_region_beyond_the_classes_walks_by_its_header() {
        let mut keys: Vec<Vec<u32>> = (1..=50_000).map(|t| vec![0, t]).collect();
        keys.extend([
            vec![1, 7],
            vec![2, 7],
            vec![2, 8],
            vec![0, 9, 3],
            vec![3, 0],
        ]);
        let (trie, prefixes) = build(50_001, &keys);
        let zero = walk(&trie, &[0]);
        assert_eq!(zero.state & CLASS_MASK, HEADER);
        for (prefix, &(first, goes_on)) in &prefixes {
            let node = walk(&trie, prefix);
            assert_eq!(node.first, first, "{prefix:?}");
            assert_eq!(node.state != NONE, goes_on, "{prefix:?}");
        }
        for t in [0, 50_001, 50_002] {
            assert_eq!(trie.step(zero.state, t), Node::NONE, "{t}");
        }
        for (from, t) in [(1, 8), (1, 0), (2, 0), (2, 9), (3, 7)] {
            let state = walk(&trie, &[from]).state;
            assert_eq!(trie.step(state, t), Node::NONE, "{from} {t}");
        }
    }
}
