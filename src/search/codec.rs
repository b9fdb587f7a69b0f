//! Byte-level pieces of the index format, mirrored in `search.js`: LEB128
//! varints, the FNV-1a hash that assigns a key to its directory shard, and the
//! posting list layout.
//!
//! A posting list is two sections, stored back to back:
//!
//! ```text
//! docs:      repeat df times: varint(doc - previous doc), u8 fields, varint(tf), varint(first position)
//! positions: repeat df times: varint(n), then n varints, each position minus the previous one (from 0)
//! ```
//!
//! Single-token keys have an empty positions section; two-token keys carry
//! one, which a query needs only for phrases of three tokens or more.

/// Appends `v` as an unsigned LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*at`, advancing it; `None` at a truncated end.
pub fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 28 {
            return None;
        }
    }
}

/// 32-bit FNV-1a of the key's UTF-8 bytes.
pub fn fnv1a(key: &str) -> u32 {
    let mut h: u32 = 0x811C_9DC5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// One document's entry in a docs section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocEntry {
    /// Document number.
    pub doc: u32,
    /// The fields it occurs in ([`super::Field`] bits).
    pub fields: u8,
    /// Occurrences.
    pub tf: u32,
    /// Position of the first occurrence.
    pub first: u32,
}

/// Decodes a docs section.
pub fn read_docs(bytes: &[u8]) -> Option<Vec<DocEntry>> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut doc = 0u32;
    while at < bytes.len() {
        doc = doc.checked_add(get_varint(bytes, &mut at)?)?;
        let fields = *bytes.get(at)?;
        at += 1;
        let tf = get_varint(bytes, &mut at)?;
        let first = get_varint(bytes, &mut at)?;
        out.push(DocEntry {
            doc,
            fields,
            tf,
            first,
        });
    }
    Some(out)
}

/// Decodes a positions section into one sorted list per document.
pub fn read_positions(bytes: &[u8], docs: usize) -> Option<Vec<Vec<u32>>> {
    let mut out = Vec::with_capacity(docs);
    let mut at = 0;
    for _ in 0..docs {
        let n = get_varint(bytes, &mut at)?;
        let mut p = 0u32;
        let mut list = Vec::with_capacity(n as usize);
        for _ in 0..n {
            p = p.checked_add(get_varint(bytes, &mut at)?)?;
            list.push(p);
        }
        out.push(list);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut b = Vec::new();
        for v in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            put_varint(&mut b, v);
        }
        let mut at = 0;
        for v in [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX] {
            assert_eq!(get_varint(&b, &mut at), Some(v));
        }
        assert_eq!(at, b.len());
        assert_eq!(get_varint(&[0x80], &mut 0), None);
    }

    #[test]
    fn fnv_matches_reference_values() {
        // Reference values of 32-bit FNV-1a.
        assert_eq!(fnv1a(""), 0x811C_9DC5);
        assert_eq!(fnv1a("a"), 0xE40C_292C);
        assert_eq!(fnv1a("foobar"), 0xBF9C_F968);
    }
}
