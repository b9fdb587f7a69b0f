//! Byte-level pieces of the index format, mirrored in `search.js`: LEB128
//! varints, the FNV-1a hash that assigns a key to its directory shard, and the
//! posting list layout.
//!
//! A posting list is three sections, stored back to back:
//!
//! ```text
//! ids:       the df document numbers, either
//!              u8 0, then df times varint(doc - previous doc)           (deltas), or
//!              u8 1, varint(first doc), then a bitmap: bit i (byte i / 8,
//!              bit i % 8) set when document first + i is in the list      (dense lists)
//!            whichever is shorter
//! payload:   df times: varint(tf << 4 | fields), varint(first position)
//! positions: df times: tf - 1 varints, each position after the first minus the previous one
//!            (the count and the first position are the payload's)
//! ```
//!
//! A query that needs only which documents hold a key (facets, the bonus
//! for adjacent terms) reads the ids alone. Single-token keys have an empty
//! positions section; two-token keys carry one, which a query needs only
//! for phrases of three tokens or more.
//!
//! A document's record in a text pack is zlib streams back to back (read
//! by browsers with `DecompressionStream("deflate")`):
//!
//! ```text
//! table:     JSON {"u": url, "s": slug, "t": title, "j": jurisdiction, "d": date,
//!                  "b": [[position, anchor or null, chunk, offset, length], …],
//!                  "c": [compressed length of chunk 0, of chunk 1, …]}
//!            its compressed length is the third number of the document's locator
//! chunks:    each a stream of block texts back to back, at most TEXT_CHUNK bytes
//!            (or one longer block); a block is bytes offset .. offset + length
//!            of its chunk once inflated
//! ```

use std::io::Read as _;

use super::layout::LOCATOR;

/// Most bytes one stream of a record inflates to: a larger one is refused
/// as damaged, not read into memory.
const MAX_INFLATED: u64 = 64 << 20;

/// The bytes of one zlib stream, inflated; `None` when it is not one, or
/// holds more than [`MAX_INFLATED`] bytes.
pub fn inflate(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() * 3);
    flate2::read::ZlibDecoder::new(bytes)
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut out)
        .ok()?;
    (out.len() as u64 <= MAX_INFLATED).then_some(out)
}

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

/// Encodes a list's document numbers, given as varint deltas (the first
/// from 0), as an ids section: deltas or a bitmap, whichever is shorter.
pub fn put_ids(out: &mut Vec<u8>, deltas: &[u8]) {
    let mut docs = Vec::new();
    let (mut at, mut doc) = (0, 0u32);
    while let Some(d) = get_varint(deltas, &mut at) {
        doc += d;
        docs.push(doc);
    }
    let (Some(&first), Some(&last)) = (docs.first(), docs.last()) else {
        out.push(0);
        return;
    };
    let mut head = Vec::new();
    put_varint(&mut head, first);
    let bitmap = (last - first) as usize / 8 + 1;
    if head.len() + bitmap < deltas.len() {
        out.push(1);
        out.extend_from_slice(&head);
        let start = out.len();
        out.resize(start + bitmap, 0);
        for d in docs {
            let i = (d - first) as usize;
            out[start + i / 8] |= 1 << (i % 8);
        }
    } else {
        out.push(0);
        out.extend_from_slice(deltas);
    }
}

/// Decodes an ids section of `df` documents.
pub fn read_ids(bytes: &[u8], df: usize) -> Option<Vec<u32>> {
    // `df` comes from a directory shard: a list holds at most eight
    // documents per byte, so a larger count is not allocated for.
    let mut out = Vec::with_capacity(df.min(bytes.len().saturating_mul(8)));
    let mut at = 1;
    match bytes.first() {
        None if df == 0 => {}
        Some(0) => {
            let mut doc = 0u32;
            for _ in 0..df {
                doc = doc.checked_add(get_varint(bytes, &mut at)?)?;
                out.push(doc);
            }
        }
        Some(1) => {
            let first = get_varint(bytes, &mut at)?;
            for (i, &b) in bytes[at..].iter().enumerate() {
                for bit in 0..8 {
                    if b & (1 << bit) != 0 {
                        out.push(first.checked_add((i * 8 + bit) as u32)?);
                    }
                }
            }
        }
        _ => return None,
    }
    (out.len() == df).then_some(out)
}

/// Appends one document's payload entry.
pub fn put_payload(out: &mut Vec<u8>, fields: u8, tf: u32, first: u32) {
    put_varint(out, tf << 4 | u32::from(fields & 0x0F));
    put_varint(out, first);
}

/// Decodes the ids and payload sections of a list of `df` documents.
pub fn read_docs(ids: &[u8], payload: &[u8], df: usize) -> Option<Vec<DocEntry>> {
    let ids = read_ids(ids, df)?;
    let mut out = Vec::with_capacity(df);
    let mut at = 0;
    for doc in ids {
        let tf_fields = get_varint(payload, &mut at)?;
        let first = get_varint(payload, &mut at)?;
        out.push(DocEntry {
            doc,
            fields: (tf_fields & 0x0F) as u8,
            tf: tf_fields >> 4,
            first,
        });
    }
    (at == payload.len()).then_some(out)
}

/// A document's locator (`d/<c>.bin`): where its record is, as pack,
/// offset and length, each a little-endian `u32`.
pub fn locator((pack, off, len): (usize, usize, usize)) -> [u8; LOCATOR] {
    let mut out = [0; LOCATOR];
    for (i, v) in [pack, off, len].into_iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&(v as u32).to_le_bytes());
    }
    out
}

/// Decodes a [`locator`].
pub fn read_locator(b: &[u8]) -> Option<(usize, usize, usize)> {
    let n = |i: usize| -> Option<usize> {
        Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize)
    };
    Some((n(0)?, n(4)?, n(8)?))
}

/// Decodes the positions section of a list whose ids and payload gave
/// `docs`: each document's positions, in order.
pub fn read_positions(bytes: &[u8], docs: &[DocEntry]) -> Option<Vec<Vec<u32>>> {
    // Each position after the first takes at least a byte: larger counts
    // (read from the files) are not allocated for.
    let mut out = Vec::with_capacity(docs.len());
    let mut at = 0;
    for d in docs {
        let mut p = d.first;
        let mut list = Vec::with_capacity((d.tf as usize).min(bytes.len() - at + 1));
        list.push(p);
        for _ in 1..d.tf {
            p = p.checked_add(get_varint(bytes, &mut at)?)?;
            list.push(p);
        }
        out.push(list);
    }
    (at == bytes.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_start_from_the_payloads_first() {
        let doc = |tf, first| DocEntry {
            doc: 0,
            fields: 1,
            tf,
            first,
        };
        let docs = [doc(3, 5), doc(1, 40), doc(2, 0)];
        let mut b = Vec::new();
        for d in [2, 300, 7] {
            put_varint(&mut b, d);
        }
        assert_eq!(
            read_positions(&b, &docs),
            Some(vec![vec![5, 7, 307], vec![40], vec![0, 7]])
        );
        assert_eq!(read_positions(&b[..2], &docs), None, "cut short");
        b.push(1);
        assert_eq!(read_positions(&b, &docs), None, "bytes left over");
    }

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
    fn ids_take_the_shorter_form_and_round_trip() {
        let deltas = |docs: &[u32]| {
            let (mut out, mut prev) = (Vec::new(), 0);
            for &d in docs {
                put_varint(&mut out, d - prev);
                prev = d;
            }
            out
        };
        let sparse = [3, 900, 70_000];
        let dense: Vec<u32> = (1000..3000).filter(|d| d % 3 != 0).collect();
        for (docs, kind) in [
            (&sparse[..], 0),
            (&dense[..], 1),
            (&[][..], 0),
            (&[5][..], 0),
        ] {
            let mut b = Vec::new();
            put_ids(&mut b, &deltas(docs));
            assert_eq!(b.first(), Some(&kind), "{docs:?}");
            assert_eq!(read_ids(&b, docs.len()).as_deref(), Some(docs));
        }
        // The dense list takes a bit per document in its span.
        let mut b = Vec::new();
        put_ids(&mut b, &deltas(&dense));
        assert_eq!(b.len(), 1 + 2 + 2000 / 8);
        assert_eq!(
            read_ids(&b, dense.len() + 1),
            None,
            "a wrong count is an error"
        );
    }

    #[test]
    fn payload_round_trips_with_its_ids() {
        let mut ids = Vec::new();
        put_ids(&mut ids, &[2, 5]);
        let mut payload = Vec::new();
        put_payload(&mut payload, 0b1001, 1, 40);
        put_payload(&mut payload, 0b0100, 300, 0);
        let got = read_docs(&ids, &payload, 2).unwrap();
        assert_eq!(
            got,
            [
                DocEntry {
                    doc: 2,
                    fields: 9,
                    tf: 1,
                    first: 40
                },
                DocEntry {
                    doc: 7,
                    fields: 4,
                    tf: 300,
                    first: 0
                },
            ]
        );
        assert_eq!(read_docs(&ids, &payload[..payload.len() - 1], 2), None);
    }

    #[test]
    fn locators_round_trip() {
        let l = (3, 4_000_000, 1_234);
        assert_eq!(read_locator(&locator(l)), Some(l));
        assert_eq!(read_locator(&locator(l)[..11]), None);
    }

    #[test]
    fn fnv_matches_reference_values() {
        // Reference values of 32-bit FNV-1a.
        assert_eq!(fnv1a(""), 0x811C_9DC5);
        assert_eq!(fnv1a("a"), 0xE40C_292C);
        assert_eq!(fnv1a("foobar"), 0xBF9C_F968);
    }
}
