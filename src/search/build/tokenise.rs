//! One document's text turned into key occurrences, grouped by key and
//! partition, with the record a result shows.

use super::grams::Grams;
use super::keys::{gram_id, han, hashed, pair_id, partition, tok_id, Map, PARTS, TAG};
use super::record::Record;
use crate::search::normalize::{bigram_key, each_token, unigram_key, Tok};
use crate::search::{Field, IndexDoc};

/// Han character keys below this code point (the basic multilingual plane
/// and the first supplementary ideographs) take a direct slot in [`Keys`].
const HAN_SLOTS: usize = 0x3_0000;

/// One document after tokenising: every key occurrence as (key number,
/// position, field bit), ordered by partition, each key's occurrences one
/// run with its positions in order; the texts of keys that hold
/// words; and the document's record for results: its metadata and block
/// table (compressed, `table_len` bytes), then its compressed block texts
/// ([`Record`]).
pub(super) struct Tokenised {
    pub(super) occ: Vec<(u64, u32, u8)>,
    /// Where each partition's occurrences start in `occ` (and end, at the
    /// next one's start).
    pub(super) parts: [u32; PARTS + 1],
    pub(super) words: Spelling,
    pub(super) text: Vec<u8>,
    pub(super) table_len: usize,
}

/// How a document spells the keys whose numbers do not: its words (and
/// facet values, and the phrases an edit segment finds) by their text, and
/// the pairs involving a word by their two tokens, spelt out only for a key
/// the index does not hold yet (most pairs of a document are not new).
#[derive(Default)]
pub(super) struct Spelling {
    words: Map<String>,
    pairs: Map<(u64, u64)>,
}

impl Spelling {
    /// The text of key `id` (empty when the document has no such key).
    pub(super) fn key(&self, id: u64) -> String {
        if let Some(w) = self.words.get(&id) {
            return w.clone();
        }
        match self.pairs.get(&id) {
            Some(&(a, b)) => bigram_key(&token_text(a, &self.words), &token_text(b, &self.words)),
            None => String::new(),
        }
    }
}

/// The text of token `id`: its word, or the Han character it numbers.
fn token_text(id: u64, words: &Map<String>) -> String {
    match words.get(&id) {
        Some(w) => w.clone(),
        None => han(id).to_string(),
    }
}

/// The chosen phrases found in one document.
#[derive(Default)]
struct Found {
    /// Each occurrence: phrase, position, where its pairs are in `pairs`,
    /// token count.
    at: Vec<(u64, u32, usize, usize)>,
    /// The pairs of each phrase found, one run per phrase.
    pairs: Vec<u64>,
    /// Where each phrase found has its pairs in `pairs`.
    seen: Map<usize>,
}

impl Found {
    /// Notes the chosen phrases of three and four tokens that start at
    /// token `i` of a block's tokens `ids`, at position `p`.
    fn note(&mut self, grams: &Grams, ids: &[u64], i: usize, p: u32, words: &mut Map<String>) {
        for n in [3, 4] {
            let Some(w) = ids.get(i..i + n) else {
                return;
            };
            let gid = gram_id(w);
            if !grams.has(gid) {
                continue;
            }
            let at = match self.seen.get(&gid) {
                Some(&at) => at,
                None => {
                    if grams.text(gid).is_none() {
                        let texts: Vec<String> =
                            w.iter().map(|&id| token_text(id, words)).collect();
                        words.insert(gid, texts.join(" "));
                    }
                    let at = self.pairs.len();
                    self.pairs.extend(w.windows(2).map(|p| pair_id(p[0], p[1])));
                    self.seen.insert(gid, at);
                    at
                }
            };
            self.at.push((gid, p, at, n));
        }
    }

    /// The phrases' occurrences, each with as fields those common to all
    /// its pairs over the document, as the pair path computes them; `keys`
    /// holds every pair of the document, with its fields.
    fn occurrences<'a>(&'a self, keys: &'a Keys) -> impl Iterator<Item = (u64, u32, u8)> + 'a {
        self.at.iter().map(|&(gid, p, at, n)| {
            let bit = self.pairs[at..at + n - 1]
                .iter()
                .fold(0xFF, |acc, &pair| acc & keys.fields(pair));
            (gid, p, bit)
        })
    }
}

/// A document's key occurrences (key, position, field bit) grouped by key
/// as they are added: each distinct key gets a slot, in the order first
/// seen, with its occurrence count and the fields it occurs in.
struct Keys {
    /// The slot of each Han character key seen (by code point, below
    /// [`HAN_SLOTS`]), valid where its stamp is `stamp`: half of all
    /// occurrences, found without hashing.
    han_slot: Vec<(u32, u32)>,
    stamp: u32,
    slot_of: Map<u32>,
    keys: Vec<u64>,
    counts: Vec<u32>,
    fields: Vec<u8>,
    /// Each occurrence, with its key's slot.
    occ: Vec<(u32, u32, u8)>,
}

impl Keys {
    fn new() -> Self {
        Keys {
            han_slot: vec![(0, 0); HAN_SLOTS],
            stamp: 1,
            slot_of: Map::default(),
            keys: Vec::new(),
            counts: Vec::new(),
            fields: Vec::new(),
            occ: Vec::new(),
        }
    }

    /// Empties it for the next document, keeping its memory: each thread
    /// reuses one (a document's occurrences take some 300 KB, which would
    /// otherwise be fresh pages from the system for every document).
    fn clear(&mut self) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.han_slot.fill((0, 0));
            self.stamp = 1;
        }
        self.slot_of.clear();
        self.keys.clear();
        self.counts.clear();
        self.fields.clear();
        self.occ.clear();
    }

    fn add(&mut self, key: u64, pos: u32, bit: u8) {
        let next = self.keys.len() as u32;
        // Keys past the table (pairs, words) have their tag bits set.
        let slot = match usize::try_from(key)
            .ok()
            .and_then(|k| self.han_slot.get_mut(k))
        {
            Some(e) => {
                if e.0 != self.stamp {
                    *e = (self.stamp, next);
                }
                e.1
            }
            None => *self.slot_of.entry(key).or_insert(next),
        };
        if slot == next {
            self.keys.push(key);
            self.counts.push(0);
            self.fields.push(0);
        }
        let s = slot as usize;
        self.counts[s] += 1;
        self.fields[s] |= bit;
        self.occ.push((slot, pos, bit));
    }

    /// The fields `key` occurs in (none if it does not).
    fn fields(&self, key: u64) -> u8 {
        let slot = match usize::try_from(key).ok().and_then(|k| self.han_slot.get(k)) {
            Some(e) => (e.0 == self.stamp).then_some(e.1),
            None => self.slot_of.get(&key).copied(),
        };
        slot.map_or(0, |s| self.fields[s as usize])
    }

    /// The occurrences as (partition, key, position, field bit), ordered by
    /// partition, each key's occurrences one run in the order added (their
    /// positions ascend). A counting sort: a plan of 20 KB has some 15,000
    /// occurrences of some 4,000 keys, and comparing them was the index's
    /// largest cost. The order of keys within a partition is the order
    /// first seen, which [`merge`] does not depend on.
    fn sorted(&self) -> (Vec<(u64, u32, u8)>, [u32; PARTS + 1]) {
        let parts: Vec<u8> = self.keys.iter().map(|&k| partition(k)).collect();
        let mut bounds = [0u32; PARTS + 1];
        for (&p, &n) in parts.iter().zip(&self.counts) {
            bounds[p as usize + 1] += n;
        }
        for i in 0..PARTS {
            bounds[i + 1] += bounds[i];
        }
        let mut start = bounds;
        let mut next = vec![0u32; self.keys.len()];
        for (s, (&p, &n)) in parts.iter().zip(&self.counts).enumerate() {
            next[s] = start[p as usize];
            start[p as usize] += n;
        }
        let mut out = vec![(0u64, 0u32, 0u8); self.occ.len()];
        for &(slot, pos, bit) in &self.occ {
            let s = slot as usize;
            out[next[s] as usize] = (self.keys[s], pos, bit);
            next[s] += 1;
        }
        (out, bounds)
    }
}

pub(super) fn tokenise(doc: &IndexDoc<'_>, grams: &Grams) -> Tokenised {
    thread_local! {
        static KEYS: std::cell::RefCell<Keys> = std::cell::RefCell::new(Keys::new());
    }
    KEYS.with_borrow_mut(|keys| {
        keys.clear();
        tokenise_with(doc, grams, keys)
    })
}

/// [`tokenise`], grouping the occurrences in `occ` (empty).
fn tokenise_with(doc: &IndexDoc<'_>, grams: &Grams, occ: &mut Keys) -> Tokenised {
    let mut found = Found::default();
    let mut words = Spelling::default();
    let mut pos: u32 = 0;
    let mut record = Record::new(
        &doc.url,
        &doc.slug,
        &doc.title,
        &doc.jurisdiction,
        &doc.date,
    );
    let mut ids: Vec<u64> = Vec::new();
    for (block, text) in doc.texts() {
        ids.clear();
        each_token(text, |t, _, _| {
            let id = tok_id(t);
            if let Tok::Word(w) = t {
                words.words.entry(id).or_insert_with(|| unigram_key(w));
            }
            ids.push(id);
        });
        if ids.is_empty() {
            continue;
        }
        let bit = block.field.bit();
        for (i, &id) in ids.iter().enumerate() {
            let p = pos + i as u32;
            occ.add(id, p, bit);
            if let Some(&next) = ids.get(i + 1) {
                let pid = pair_id(id, next);
                occ.add(pid, p, bit);
                if grams.may_start(pid) {
                    found.note(grams, &ids, i, p, &mut words.words);
                }
                if pid & TAG == TAG {
                    words.pairs.entry(pid).or_insert((id, next));
                }
            }
        }
        record.block(pos, block.anchor.as_deref(), text);
        pos += ids.len() as u32 + 1;
    }
    let phrases: Vec<(u64, u32, u8)> = found.occurrences(occ).collect();
    for (gid, p, bit) in phrases {
        occ.add(gid, p, bit);
    }
    for f in &doc.facets {
        let key = f.key();
        let id = hashed(0x9E37_79B9_7F4A_7C15, key.as_bytes(), 2 << 62);
        occ.add(id, 0, Field::Meta.bit());
        words.words.insert(id, key);
    }
    let (occ, parts) = occ.sorted();
    let (text, table_len) = record.finish();
    Tokenised {
        occ,
        parts,
        words,
        text,
        table_len,
    }
}
