//! A document's key occurrences appended to the posting lists.

use super::grams::Grams;
use super::keys::{han, Map, PAIR, TAG};
use super::tokenise::Spelling;
use crate::search::codec::{put_payload, put_varint};
use crate::search::normalize::bigram_key;
use crate::search::runs::Posting;

/// What a key's list costs beyond its bytes: the map's entry (72 bytes,
/// with room to spare as the map grows) and its two allocations.
const KEY_BYTES: usize = 128;

fn key_text(id: u64, words: &Spelling, grams: &Grams) -> String {
    if let Some(t) = grams.text(id) {
        return t.clone();
    }
    match id & TAG {
        0 => han(id).to_string(),
        PAIR => bigram_key(
            &han((id >> 21) & 0x1F_FFFF).to_string(),
            &han(id & 0x1F_FFFF).to_string(),
        ),
        _ => words.key(id),
    }
}

/// Appends one document's occurrences of one partition's keys; returns
/// about how many bytes the lists grew by.
pub(super) fn merge(
    part: &mut Map<Posting>,
    doc: u32,
    occ: &[(u64, u32, u8)],
    words: &Spelling,
    grams: &Grams,
) -> usize {
    let mut grown = 0;
    let mut i = 0;
    while i < occ.len() {
        let id = occ[i].0;
        let mut j = i;
        let mut fields = 0u8;
        while j < occ.len() && occ[j].0 == id {
            fields |= occ[j].2;
            j += 1;
        }
        let run = &occ[i..j];
        let p = part.entry(id).or_insert_with(|| {
            let key = key_text(id, words, grams);
            // The list's own size, and its key's, with the map's entry.
            grown += KEY_BYTES + key.len();
            Posting::new(key, id & PAIR != 0)
        });
        let before = p.recs.len();
        let positions = p.has_positions();
        let delta = doc - p.last;
        let r = &mut p.recs;
        room(r, if positions { 20 + 5 * run.len() } else { 15 });
        put_varint(r, delta);
        put_payload(r, fields, run.len() as u32, run[0].1);
        if positions {
            // The count and the first position are the payload's.
            let mut prev = run[0].1;
            for o in &run[1..] {
                put_varint(r, o.1 - prev);
                prev = o.1;
            }
        }
        p.last = doc;
        p.df += 1;
        grown += p.recs.len() - before;
        i = j;
    }
    grown
}

/// Makes room for `n` more bytes in a list under construction, growing it
/// by a quarter rather than doubling it: the lists of a language are held
/// until the last document is merged (213 MB of them at 10,000 plans), and
/// doubling left 92 MB of that unused.
fn room(v: &mut Vec<u8>, n: usize) {
    if v.capacity() - v.len() < n {
        v.reserve_exact(n.max(v.len() / 4).max(16));
    }
}
