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
