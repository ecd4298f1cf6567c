//! Helpers shared by the integration tests.
#![allow(dead_code)]

use proptest::prelude::*;

/// Strings that look like Norwegian press text and are dense in the characters the rules and
/// the UTF-8 handling care about: quotes, dashes, Unicode spaces, line breaks, multi-byte
/// letters, combining marks, emoji.
pub fn norwegianish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => "[a-zæøåA-ZÆØÅ]{1,9}",
        3 => "[0-9]{1,4}",
        2 => prop_oneof![
            Just("bl.a."), Just("f.eks."), Just("kl. 14.30"), Just("17. mai"), Just("Jan E. Melby"),
            Just("10 000"), Just("3,5"), Just("nrk.no"), Just("https://vg.no/a?b=1"),
            Just("ola@nrk.no"), Just("@NRK"), Just("#valg"), Just("Halden-baserte"),
            Just("fag- og"), Just("– "), Just("- "), Just("• "), Just("..."), Just("\r\n"),
        ].prop_map(String::from),
        5 => "[ .,:;!?'’‘\\-–—«»“”„\"()/§%…\u{a0}\u{2009}\u{202f}\n\t]",
        1 => "[éüö\u{301}\u{ad}\u{200b}\u{200d}👍🏽中🇳🇴]",
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// A `Read` that hands out its bytes in the given chunk sizes (cycling), so reads end in the
/// middle of multi-byte characters.
pub struct ChunkedRead<'a> {
    pub bytes: &'a [u8],
    pub sizes: Vec<usize>,
    pub next: usize,
}

impl std::io::Read for ChunkedRead<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let size = self
            .sizes
            .get(self.next % self.sizes.len().max(1))
            .copied()
            .unwrap_or(1);
        self.next += 1;
        let n = size.max(1).min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// Fails, naming the first duplicate, when two table cases share a name: a duplicated name
/// would let a failing case hide behind a passing one in the report.
pub fn assert_unique_names<'a>(names: impl IntoIterator<Item = &'a str>) {
    let mut seen = std::collections::HashSet::new();
    for name in names {
        assert!(seen.insert(name), "duplicate case name {name}");
    }
}
