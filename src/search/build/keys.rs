//! Key numbers: how a token, a pair of tokens, a phrase or a facet value
//! becomes the `u64` a posting list is filed under, and the hasher of the
//! maps keyed by them.

use std::collections::HashMap;

use crate::search::normalize::Tok;

/// Key partitions merged in parallel.
pub(super) const PARTS: usize = 64;

/// Hashes already-mixed `u64` keys by one more multiply, for the maps below.
#[derive(Default, Clone, Copy)]
pub(in crate::search) struct MixHasher(u64);

impl std::hash::Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = mix(x);
    }
}

pub(super) type Map<V> = HashMap<u64, V, std::hash::BuildHasherDefault<MixHasher>>;

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    x ^= x >> 33;
    x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    x ^ (x >> 33)
}

/// Key numbers. The top two bits say what the key is: `00` a Han
/// character (its code point, exact), `01` two Han characters (exact), `10`
/// a word or a facet value (hashed), `11` a pair involving a word (hashed).
/// Keys with bit 62 set are pairs and carry positions.
pub(super) const TAG: u64 = 3 << 62;
pub(super) const PAIR: u64 = 1 << 62;

pub(super) fn hashed(seed: u64, bytes: &[u8], tag: u64) -> u64 {
    let mut h = seed;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    (mix(h) & !TAG) | tag
}

pub(super) fn tok_id(t: Tok<'_>) -> u64 {
    match t {
        Tok::Han(c) => u64::from(c as u32),
        Tok::Word(w) => hashed(0xCBF2_9CE4_8422_2325, w.as_bytes(), 2 << 62),
    }
}

/// The number of a phrase of three or four tokens: hashed, tagged `10`
/// (no positions), with a seed of its own.
pub(super) fn gram_id(ids: &[u64]) -> u64 {
    let mut h: u64 = 0x2545_F491_4F6C_DD1D;
    for &id in ids {
        h = mix(h ^ id);
    }
    (h & !TAG) | (2 << 62)
}

pub(super) fn pair_id(a: u64, b: u64) -> u64 {
    if a < (1 << 21) && b < (1 << 21) {
        PAIR | (a << 21) | b
    } else {
        (mix(a.rotate_left(17) ^ b) & !TAG) | TAG
    }
}

/// The text of a key whose number does not spell it.
pub(super) fn han(id: u64) -> char {
    char::from_u32(id as u32).unwrap_or('\u{FFFD}')
}

pub(super) fn partition(id: u64) -> u8 {
    (mix(id) >> 58) as u8 % PARTS as u8
}
