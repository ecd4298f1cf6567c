//! Helpers shared by the unit tests.

/// A seeded xorshift generator of numbers below its argument: the same cases on every run
/// and machine, without a dependency.
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    }
}

/// `count` seeded texts of one to `most` words drawn from `words`, joined by single spaces:
/// the generated sentences of the tests that hold a fast path to its general rule.
pub(crate) fn word_texts<'w>(
    words: &'w [&'w str],
    seed: u64,
    count: usize,
    most: usize,
) -> impl Iterator<Item = String> + 'w {
    let mut random = xorshift(seed);
    (0..count).map(move |_| {
        let n = 1 + random(most);
        let text: Vec<&str> = (0..n)
            .filter_map(|_| words.get(random(words.len())))
            .copied()
            .collect();
        text.join(" ")
    })
}
