//! Writes one language's index: the directory shards, the posting packs, the
//! document chunks and the text packs (see [`super`] for the layout).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rayon::prelude::*;

use super::codec::{fnv1a, locator, put_ids, put_payload, put_varint};
use super::normalize::{bigram_key, each_token, unigram_key, Tok};
use super::runs::{Posting, Runs, Sections};
use super::{layout, Facet, Field, IndexDoc};
use crate::output::Emit;
use crate::output::OutFile;

/// Documents tokenised in parallel per batch, then merged in document order
/// (a batch holds every key occurrence of its documents, some 350 KB for a
/// plan of 20 KB: 32 plans hold 11 MB, and 128 held 36 MiB more at the
/// peak of a 10,000-plan build in the same time).
const BATCH: usize = 32;
/// Most documents read to choose the phrases indexed as keys of their own.
const GRAM_SAMPLE: usize = 512;
/// A phrase is chosen when at least this share (1/n) of the sampled
/// documents contains it.
const GRAM_SHARE: usize = 16;
/// Most phrases chosen per language.
const MAX_GRAMS: usize = 1024;
/// Key partitions merged in parallel.
const PARTS: usize = 64;
/// Bytes of posting lists a segment holds before it sets them aside in a
/// run file ([`Runs`]). At 10,000 plans the Chinese lists take 213 MB and
/// are held; setting aside half of them cost 3% of the build's time for
/// 160 MiB less at the peak (bench/RECORD.md, section 12).
const HELD_BYTES: usize = 256 << 20;
/// What a key's list costs beyond its bytes: the map's entry (72 bytes,
/// with room to spare as the map grows) and its two allocations.
const KEY_BYTES: usize = 128;
/// Han character keys below this code point (the basic multilingual plane
/// and the first supplementary ideographs) take a direct slot in [`Keys`].
const HAN_SLOTS: usize = 0x3_0000;

/// One document after tokenising: every key occurrence as (key number,
/// position, field bit), ordered by partition, each key's occurrences one
/// run with its positions in order; the texts of keys that hold
/// words; and the document's record for results: its metadata and block
/// table (JSON, `table_len` bytes), then its block texts.
struct Tokenised {
    occ: Vec<(u64, u32, u8)>,
    /// Where each partition's occurrences start in `occ` (and end, at the
    /// next one's start).
    parts: [u32; PARTS + 1],
    words: Spelling,
    text: Vec<u8>,
    table_len: usize,
}

/// Hashes already-mixed `u64` keys by one more multiply, for the maps below.
#[derive(Default, Clone, Copy)]
pub(super) struct MixHasher(u64);

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

type Map<V> = HashMap<u64, V, std::hash::BuildHasherDefault<MixHasher>>;

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
const TAG: u64 = 3 << 62;
const PAIR: u64 = 1 << 62;

fn hashed(seed: u64, bytes: &[u8], tag: u64) -> u64 {
    let mut h = seed;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    (mix(h) & !TAG) | tag
}

fn tok_id(t: Tok<'_>) -> u64 {
    match t {
        Tok::Han(c) => u64::from(c as u32),
        Tok::Word(w) => hashed(0xCBF2_9CE4_8422_2325, w.as_bytes(), 2 << 62),
    }
}

/// The number of a phrase of three or four tokens: hashed, tagged `10`
/// (no positions), with a seed of its own.
fn gram_id(ids: &[u64]) -> u64 {
    let mut h: u64 = 0x2545_F491_4F6C_DD1D;
    for &id in ids {
        h = mix(h ^ id);
    }
    (h & !TAG) | (2 << 62)
}

/// Phrases of three and four tokens that get a posting list of their own,
/// so that a query for a common phrase reads one list of documents instead
/// of the positions of its pairs in every document. Each phrase's entry is
/// what the pair path computes for it (occurrences, first position, and as
/// fields the documents' fields common to all its pairs), so the two paths
/// answer alike and a query may take either.
pub(super) enum Grams {
    /// Every phrase (an edit segment: few documents, and it must hold every
    /// phrase the built index chose).
    All,
    /// The chosen phrases with their key texts, and the pairs they start
    /// with.
    Only { starts: IdSet, texts: Map<String> },
}

type IdSet = std::collections::HashSet<u64, std::hash::BuildHasherDefault<MixHasher>>;

impl Grams {
    /// No phrase.
    #[cfg(test)]
    pub(super) fn none() -> Grams {
        Grams::Only {
            starts: IdSet::default(),
            texts: Map::default(),
        }
    }

    /// Whether a chosen phrase may start with the pair `pair`.
    fn may_start(&self, pair: u64) -> bool {
        match self {
            Grams::All => true,
            Grams::Only { starts, .. } => starts.contains(&pair),
        }
    }

    fn has(&self, id: u64) -> bool {
        match self {
            Grams::All => true,
            Grams::Only { texts, .. } => texts.contains_key(&id),
        }
    }

    /// The key text of chosen phrase `id`, when it was found while choosing
    /// (so documents need not spell it each time they contain it).
    fn text(&self, id: u64) -> Option<&String> {
        match self {
            Grams::All => None,
            Grams::Only { texts, .. } => texts.get(&id),
        }
    }

    /// The phrases found in at least 1/[`GRAM_SHARE`] of the first
    /// [`GRAM_SAMPLE`] of `docs` (at least two), the [`MAX_GRAMS`] most
    /// common. The first, not a spread: a build indexes its documents as
    /// they are parsed, a batch at a time.
    pub(super) fn choose(docs: &[IndexDoc<'_>]) -> Grams {
        let sample: Vec<&IndexDoc<'_>> = docs.iter().take(GRAM_SAMPLE).collect();
        let found: Vec<Vec<(u64, u64)>> = sample
            .par_iter()
            .map(|d| {
                let mut set: Map<u64> = Map::default();
                let mut ids: Vec<u64> = Vec::new();
                for (_, text) in d.texts() {
                    ids.clear();
                    each_token(text, |t, _, _| ids.push(tok_id(t)));
                    for n in [3, 4] {
                        for w in ids.windows(n) {
                            set.insert(gram_id(w), pair_id(w[0], w[1]));
                        }
                    }
                }
                set.into_iter().collect()
            })
            .collect();
        let mut counts: Map<(u32, u64)> = Map::default();
        for (id, start) in found.into_iter().flatten() {
            counts.entry(id).or_insert((0, start)).0 += 1;
        }
        let least = (sample.len() / GRAM_SHARE).max(2) as u32;
        let mut common: Vec<(u32, u64, u64)> = counts
            .into_iter()
            .filter(|&(_, (n, _))| n >= least)
            .map(|(id, (n, start))| (n, id, start))
            .collect();
        common.sort_unstable_by(|a, b| b.cmp(a));
        common.truncate(MAX_GRAMS);
        let mut texts: Map<String> = Map::default();
        let mut wanted: IdSet = common.iter().map(|c| c.1).collect();
        // Each chosen phrase's text, from the first sampled document that
        // holds it.
        'docs: for d in &sample {
            for (_, text) in d.texts() {
                let mut toks: Vec<(u64, String)> = Vec::new();
                each_token(text, |t, _, _| {
                    let text = match t {
                        Tok::Han(c) => c.to_string(),
                        Tok::Word(w) => unigram_key(w),
                    };
                    toks.push((tok_id(t), text));
                });
                let ids: Vec<u64> = toks.iter().map(|t| t.0).collect();
                for n in [3, 4] {
                    for (i, w) in ids.windows(n).enumerate() {
                        let gid = gram_id(w);
                        if wanted.remove(&gid) {
                            let words: Vec<&str> =
                                toks[i..i + n].iter().map(|t| t.1.as_str()).collect();
                            texts.insert(gid, words.join(" "));
                        }
                    }
                }
                if wanted.is_empty() {
                    break 'docs;
                }
            }
        }
        Grams::Only {
            starts: common.iter().map(|c| c.2).collect(),
            texts,
        }
    }
}

fn pair_id(a: u64, b: u64) -> u64 {
    if a < (1 << 21) && b < (1 << 21) {
        PAIR | (a << 21) | b
    } else {
        (mix(a.rotate_left(17) ^ b) & !TAG) | TAG
    }
}

/// The text of a key whose number does not spell it.
fn han(id: u64) -> char {
    char::from_u32(id as u32).unwrap_or('\u{FFFD}')
}

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

fn partition(id: u64) -> u8 {
    (mix(id) >> 58) as u8 % PARTS as u8
}

/// How a document spells the keys whose numbers do not: its words (and
/// facet values, and the phrases an edit segment finds) by their text, and
/// the pairs involving a word by their two tokens, spelt out only for a key
/// the index does not hold yet (most pairs of a document are not new).
#[derive(Default)]
struct Spelling {
    words: Map<String>,
    pairs: Map<(u64, u64)>,
}

impl Spelling {
    /// The text of key `id` (empty when the document has no such key).
    fn key(&self, id: u64) -> String {
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

fn tokenise(doc: &IndexDoc<'_>, grams: &Grams) -> Tokenised {
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
    // The document's record: its metadata and block table, as JSON.
    let mut table = serde_json::json!({
        "u": doc.url, "s": doc.slug, "t": doc.title, "j": doc.jurisdiction, "d": doc.date,
    })
    .to_string();
    table.pop();
    table.push_str(",\"b\":[");
    let empty = table.len();
    let mut texts: Vec<u8> = Vec::new();
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
        if table.len() > empty {
            table.push(',');
        }
        let anchor = match &block.anchor {
            Some(a) => serde_json::to_string(a).expect("string"),
            None => "null".to_owned(),
        };
        let _ = write!(table, "[{pos},{anchor},{},{}]", texts.len(), text.len());
        texts.extend_from_slice(text.as_bytes());
        pos += ids.len() as u32 + 1;
    }
    table.push_str("]}");
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
    let table_len = table.len();
    let mut text = table.into_bytes();
    text.extend_from_slice(&texts);
    Tokenised {
        occ,
        parts,
        words,
        text,
        table_len,
    }
}

/// Appends one document's occurrences of one partition's keys; returns
/// about how many bytes the lists grew by.
fn merge(
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
            put_varint(r, run.len() as u32);
            let mut prev = 0;
            for o in run {
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

/// Whether an entry of `len` bytes starts a new pack after one holding
/// `filled` bytes: packs hold at most [`layout::PACK_BYTES`], or one entry
/// that is larger alone.
fn starts_pack(filled: usize, len: usize) -> bool {
    filled > 0 && filled + len > layout::PACK_BYTES
}

/// Appends byte strings to numbered packs, passing each pack on as soon as
/// it is full, so only one pack per kind is held in memory.
struct Packer<'e> {
    dir: String,
    emit: &'e Emit<'e>,
    n: usize,
    pack: Vec<u8>,
}

impl<'e> Packer<'e> {
    fn new(dir: String, emit: &'e Emit<'e>) -> Self {
        Packer {
            dir,
            emit,
            n: 0,
            pack: Vec::new(),
        }
    }

    /// Appends `parts` as one entry; returns (pack, offset).
    fn put(&mut self, parts: &[&[u8]]) -> (usize, usize) {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        if starts_pack(self.pack.len(), len) {
            self.flush();
        }
        let off = self.pack.len();
        for p in parts {
            self.pack.extend_from_slice(p);
        }
        (self.n, off)
    }

    fn flush(&mut self) {
        if self.pack.is_empty() {
            return;
        }
        self.emit.put(OutFile {
            path: format!("{}/{}.bin", self.dir, self.n),
            bytes: std::mem::take(&mut self.pack),
        });
        self.n += 1;
    }
}

/// Where each document's record went in a segment's text packs: (pack,
/// offset, length of its metadata and block table).
type TextRef = (usize, usize, usize);

/// One segment's posting lists and text packs, built from documents given
/// a batch at a time ([`Segment::add`]) and written by [`Segment::finish`].
/// Lists past the budget are set aside in [`Runs`].
struct Segment<'e> {
    base: String,
    parts: Vec<Map<Posting>>,
    /// Bytes the lists in `parts` hold, about.
    held: usize,
    /// Most bytes of lists held before they are set aside.
    budget: usize,
    runs: Runs,
    text_packs: Packer<'e>,
    text_refs: Vec<TextRef>,
    emit: &'e Emit<'e>,
}

impl<'e> Segment<'e> {
    /// A segment to be written under `base`.
    fn new(base: &str, emit: &'e Emit<'e>) -> Self {
        Segment {
            base: base.to_owned(),
            parts: (0..PARTS).map(|_| Map::default()).collect(),
            held: 0,
            budget: HELD_BYTES,
            runs: Runs::default(),
            text_packs: Packer::new(format!("{base}/t"), emit),
            text_refs: Vec::new(),
            emit,
        }
    }

    /// Indexes `docs`, numbering `docs[i]` as `numbers[i]` (above every
    /// number given before).
    fn add(&mut self, docs: Vec<IndexDoc<'_>>, numbers: &[u32], grams: &Grams) {
        // Each batch is dropped once tokenised: documents that own their
        // text free it while the posting lists grow.
        let mut docs = docs.into_iter();
        for numbers in numbers.chunks(BATCH) {
            let batch: Vec<IndexDoc<'_>> = docs.by_ref().take(numbers.len()).collect();
            let toks: Vec<Tokenised> = batch.par_iter().map(|d| tokenise(d, grams)).collect();
            drop(batch);
            for t in &toks {
                let (pack, off) = self.text_packs.put(&[&t.text]);
                self.text_refs.push((pack, off, t.table_len));
            }
            let grown: usize = self
                .parts
                .par_iter_mut()
                .enumerate()
                .map(|(p, part)| {
                    let mut grown = 0;
                    for (t, &doc) in toks.iter().zip(numbers) {
                        let (lo, hi) = (t.parts[p] as usize, t.parts[p + 1] as usize);
                        grown += merge(part, doc, &t.occ[lo..hi], &t.words, grams);
                    }
                    grown
                })
                .sum();
            self.held += grown;
            if self.held > self.budget {
                let lists = self.take_lists();
                self.runs.push(lists);
            }
        }
    }

    /// The lists held, sorted by key, leaving none.
    fn take_lists(&mut self) -> Vec<Posting> {
        let mut lists: Vec<Posting> = self
            .parts
            .iter_mut()
            .flat_map(|p| p.drain().map(|(_, list)| list))
            .collect();
        lists.par_sort_unstable_by(|a, b| a.key.cmp(&b.key));
        self.held = 0;
        lists
    }

    /// Writes the directory shards and the remaining packs; returns the
    /// shard count and each document's text reference.
    fn finish(mut self) -> (usize, Vec<TextRef>) {
        let last = self.take_lists();
        let Segment {
            base,
            runs,
            mut text_packs,
            text_refs,
            emit,
            ..
        } = self;
        text_packs.flush();
        let (shards, dir) = match runs.merged(last) {
            Ok(lists) => pack_postings(&format!("{base}/p"), lists, emit),
            Err(e) => {
                emit.fail(e);
                (1, vec![String::from("{")])
            }
        };
        for (i, mut d) in dir.into_iter().enumerate() {
            d.push('}');
            emit.put(OutFile {
                path: format!("{base}/k/{i}.json"),
                bytes: d.into_bytes(),
            });
        }
        (shards, text_refs)
    }
}

/// Lists packed at a time: their sections are encoded in parallel.
const PACK_CHUNK: usize = 4096;

/// Writes the posting lists `lists` (in key order) into packs of at most
/// [`layout::PACK_BYTES`] (one list may exceed it alone) under `dir`, and
/// returns the directory's shard count and its shards, which locate them.
/// A read error of a run is kept in `emit` and ends the lists.
fn pack_postings(
    dir: &str,
    mut lists: impl Iterator<Item = std::io::Result<Posting>>,
    emit: &Emit<'_>,
) -> (usize, Vec<String>) {
    let mut pack = Packer::new(dir.to_owned(), emit);
    // Each list's directory entry, with its key's hash (which picks its
    // shard once the shard count is known, at the end).
    let mut entries: Vec<(u32, String)> = Vec::new();
    let mut dir_bytes = 0;
    let mut chunk: Vec<Posting> = Vec::with_capacity(PACK_CHUNK);
    let mut failed = false;
    while !failed {
        for list in lists.by_ref().take(PACK_CHUNK) {
            match list {
                Ok(p) => chunk.push(p),
                Err(e) => {
                    emit.fail(e);
                    failed = true;
                    break;
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        let sections: Vec<Option<Sections>> = chunk
            .par_iter()
            .map(|p| {
                let mut s = p.sections()?;
                let mut ids = Vec::with_capacity(s.ids.len() + 1);
                put_ids(&mut ids, &s.ids);
                s.ids = ids;
                Some(s)
            })
            .collect();
        for (p, s) in chunk.drain(..).zip(sections) {
            let Some(s) = s else {
                emit.fail(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("search index list of {:?} is cut short", p.key),
                ));
                failed = true;
                break;
            };
            let (n, off) = pack.put(&[&s.ids, &s.docs, &s.pos]);
            let entry = format!(
                "{}:[{n},{off},{},{},{},{}]",
                serde_json::to_string(&p.key).expect("string"),
                s.ids.len(),
                s.docs.len(),
                s.pos.len(),
                p.df
            );
            dir_bytes += p.key.len() + 32;
            entries.push((fnv1a(&p.key), entry));
        }
    }
    pack.flush();
    let shards = (dir_bytes / layout::SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(layout::MAX_SHARDS);
    let mut out: Vec<String> = vec![String::from("{"); shards];
    for (h, entry) in entries {
        let d = &mut out[h as usize & (shards - 1)];
        if d.len() > 1 {
            d.push(',');
        }
        d.push_str(&entry);
    }
    (shards, out)
}

/// Documents per facet value, as `meta.json` lists them: by facet code,
/// each value with its label and count (years newest first).
pub fn facet_counts<F: std::borrow::Borrow<Facet>>(
    facets: impl IntoIterator<Item = F>,
) -> FacetCounts {
    let mut counts: BTreeMap<char, BTreeMap<String, (String, usize)>> = BTreeMap::new();
    for f in facets {
        let f = f.borrow();
        let e = counts
            .entry(f.kind.code())
            .or_default()
            .entry(f.value.clone())
            .or_insert_with(|| (f.label.clone(), 0));
        e.1 += 1;
    }
    counts
        .into_iter()
        .map(|(k, m)| {
            let mut v: Vec<_> = m.into_iter().map(|(val, (l, n))| (val, l, n)).collect();
            if k == 'y' {
                v.reverse();
            }
            (k.to_string(), v)
        })
        .collect()
}

/// Facet values counted per kind (see [`facet_counts`]).
pub type FacetCounts = BTreeMap<String, Vec<(String, String, usize)>>;

/// Writes a language's `<base>/meta.json` (format version, document and
/// shard counts, the short facet lists, and the edit segment when there is
/// one) and `<base>/facets.json`: the values of the facets whose number
/// grows with the site ([`layout::LONG_FACETS`]: jurisdictions), which the
/// search page fetches only when its reader opens such a list or a link
/// chose a value.
fn put_meta(
    base: &str,
    docs: usize,
    shards: usize,
    mut facets: FacetCounts,
    edits: Option<serde_json::Value>,
    emit: &Emit<'_>,
) {
    let long: FacetCounts = layout::LONG_FACETS
        .iter()
        .filter_map(|code| facets.remove_entry(&code.to_string()))
        .collect();
    emit.put(OutFile {
        path: format!("{base}/facets.json"),
        bytes: serde_json::to_vec(&long).expect("serializable"),
    });
    let mut meta = serde_json::json!({
        "version": layout::VERSION,
        "docs": docs,
        "shards": shards,
        "chunk": layout::DOC_CHUNK,
        "facets": facets,
    });
    if let Some(e) = edits {
        meta["edits"] = e;
    }
    emit.put(OutFile {
        path: format!("{base}/meta.json"),
        bytes: serde_json::to_vec(&meta).expect("serializable"),
    });
}

/// Builds the index files of one language under `search/<code>/`, passing
/// each to `emit` as soon as it is complete.
pub fn build(code: &str, docs: Vec<IndexDoc<'_>>, emit: &Emit<'_>) {
    let mut b = Builder::new(code, emit);
    b.add(docs);
    b.finish();
}

/// [`build`] with the phrases `grams` indexed as keys of their own.
#[cfg(test)]
pub(super) fn build_with(code: &str, docs: Vec<IndexDoc<'_>>, grams: Grams, emit: &Emit<'_>) {
    let mut b = Builder::new(code, emit);
    b.grams = Some(grams);
    b.add(docs);
    b.finish();
}

/// One language's index under `search/<code>/`, built from its documents
/// given a batch at a time in document order ([`Builder::add`]), so a
/// build need not hold every document's text at once. Each file is passed
/// to `emit` as soon as it is complete.
pub struct Builder<'d, 'e> {
    base: String,
    /// The phrases indexed as keys of their own, chosen from the first
    /// [`GRAM_SAMPLE`] documents.
    grams: Option<Grams>,
    /// Documents given before the phrases are chosen.
    pending: Vec<IndexDoc<'d>>,
    segment: Segment<'e>,
    facets: Vec<Facet>,
    /// Documents indexed so far (all given, once `grams` are chosen).
    indexed: u32,
}

impl<'d, 'e> Builder<'d, 'e> {
    /// An empty index of language `code`.
    pub fn new(code: &str, emit: &'e Emit<'e>) -> Self {
        let base = format!("{}/{code}", layout::ROOT);
        Builder {
            segment: Segment::new(&base, emit),
            base,
            grams: None,
            pending: Vec::new(),
            facets: Vec::new(),
            indexed: 0,
        }
    }

    /// Adds the next documents, numbered in the order given.
    pub fn add(&mut self, docs: Vec<IndexDoc<'d>>) {
        self.facets
            .extend(docs.iter().flat_map(|d| d.facets.iter().cloned()));
        match &self.grams {
            Some(_) => self.index(docs),
            None => {
                self.pending.extend(docs);
                if self.pending.len() >= GRAM_SAMPLE {
                    self.choose();
                }
            }
        }
    }

    /// Chooses the phrases from the documents held, and indexes them.
    fn choose(&mut self) {
        self.grams = Some(Grams::choose(&self.pending));
        let pending = std::mem::take(&mut self.pending);
        self.index(pending);
    }

    fn index(&mut self, docs: Vec<IndexDoc<'_>>) {
        let n = u32::try_from(docs.len()).expect("fewer than 4 billion documents");
        let numbers: Vec<u32> = (self.indexed..self.indexed + n).collect();
        let grams = self.grams.as_ref().expect("phrases chosen before indexing");
        self.segment.add(docs, &numbers, grams);
        self.indexed += n;
    }

    /// Writes what remains: the last packs, the directory, the document
    /// table and `meta.json`.
    pub fn finish(mut self) {
        if self.grams.is_none() {
            self.choose();
        }
        let emit = self.segment.emit;
        let (shards, text_refs) = self.segment.finish();
        let base = &self.base;
        for (c, refs) in text_refs.chunks(layout::DOC_CHUNK).enumerate() {
            emit.put(OutFile {
                path: format!("{base}/d/{c}.bin"),
                bytes: refs.iter().flat_map(|&r| locator(r)).collect(),
            });
        }
        let facets = facet_counts(&self.facets);
        put_meta(base, self.indexed as usize, shards, facets, None, emit);
    }
}

/// Writes an edit segment of one language's index: the documents `edited`
/// (each with its number in the built index) indexed on their own under
/// `search/<code>/e/`, and a `meta.json` that names them, so a query reads
/// their postings from the segment and the built index's for every other
/// document. `total` is the document count and `facets` the facet counts of
/// the site as edited. This is what `serve` writes after an edit, instead of
/// rebuilding the whole index.
pub fn build_edits(
    code: &str,
    total: usize,
    facets: FacetCounts,
    shards: usize,
    edited: &[(u32, IndexDoc<'_>)],
    emit: &Emit<'_>,
) {
    let base = format!("{}/{code}", layout::ROOT);
    let seg = format!("{base}/{}", layout::EDITS);
    let numbers: Vec<u32> = edited.iter().map(|(n, _)| *n).collect();
    let docs: Vec<IndexDoc<'_>> = edited.iter().map(|(_, d)| d.clone()).collect();
    let mut segment = Segment::new(&seg, emit);
    segment.add(docs, &numbers, &Grams::All);
    let (edit_shards, text_refs) = segment.finish();
    let metas: BTreeMap<String, TextRef> = numbers
        .iter()
        .zip(text_refs)
        .map(|(n, r)| (n.to_string(), r))
        .collect();
    emit.put(OutFile {
        path: format!("{seg}/d.json"),
        bytes: serde_json::to_vec(&metas).expect("serializable"),
    });
    let edits = serde_json::json!({ "docs": numbers, "shards": edit_shards });
    put_meta(&base, total, shards, facets, Some(edits), emit);
}

/// The folding table split by code point, so a query fetches only the parts
/// its characters need: `search/fold/<code point % FOLD_SHARDS>.json`
/// (traditional → simplified, by the traditional character), and the same
/// table inverted, `search/fold/v<n>.json` (simplified → its traditional
/// forms, by the simplified character), with which the browser marks a
/// simplified query's matches in traditional text.
pub fn fold_files() -> Vec<OutFile> {
    let mut shards: Vec<BTreeMap<String, String>> =
        (0..layout::FOLD_SHARDS).map(|_| BTreeMap::new()).collect();
    let mut variants: Vec<BTreeMap<String, String>> =
        (0..layout::FOLD_SHARDS).map(|_| BTreeMap::new()).collect();
    let mut table: Vec<(char, char)> = super::normalize::fold_table()
        .iter()
        .map(|(t, s)| (*t, *s))
        .collect();
    table.sort_unstable();
    for (t, s) in table {
        shards[t as usize % layout::FOLD_SHARDS].insert(t.to_string(), s.to_string());
        variants[s as usize % layout::FOLD_SHARDS]
            .entry(s.to_string())
            .or_default()
            .push(t);
    }
    let file = |name: String, m: &BTreeMap<String, String>| OutFile {
        path: format!("{}/fold/{name}.json", layout::ROOT),
        bytes: serde_json::to_vec(m).expect("serializable"),
    };
    let mut out: Vec<OutFile> = shards
        .iter()
        .enumerate()
        .map(|(i, m)| file(i.to_string(), m))
        .collect();
    out.extend(
        variants
            .iter()
            .enumerate()
            .map(|(i, m)| file(format!("v{i}"), m)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Memory;
    use crate::search::IndexBlock;
    use std::borrow::Cow;

    /// `n` documents whose sentences recur across them, in both scripts
    /// and in English, so most keys have lists over many batches.
    fn docs(n: usize) -> Vec<IndexDoc<'static>> {
        const SENTENCES: [&str; 7] = [
            "推进知识产权质押融资,扩大知识产权保护范围",
            "專利導航產業發展,提升知識產權運用水平",
            "patent pledge financing reached 12.5 billion yuan",
            "建设知识产权保护中心和快速维权中心",
            "trademark brands and geographical indications",
            "每万人口高价值发明专利拥有量达到18件",
            "知识产权服务业集聚发展区",
        ];
        (0..n)
            .map(|i| {
                let body: String = (0..5)
                    .map(|k| SENTENCES[(i * 3 + k * k) % SENTENCES.len()])
                    .collect::<Vec<_>>()
                    .join("\n");
                let len = body.len();
                IndexDoc {
                    url: format!("plans/p{i}/"),
                    slug: format!("p{i}"),
                    title: format!("规划 {i}"),
                    jurisdiction: "J".to_owned(),
                    date: String::new(),
                    facets: Vec::new(),
                    blocks: vec![
                        IndexBlock {
                            field: Field::Title,
                            text: format!("规划 {i}").into(),
                            anchor: None,
                        },
                        IndexBlock {
                            field: Field::Body,
                            text: super::super::BlockText::Body(0..len),
                            anchor: Some("a".to_owned()),
                        },
                    ],
                    body: Cow::Owned(body),
                }
            })
            .collect()
    }

    /// The index of `docs` with lists held up to `budget` bytes, and how
    /// many runs were set aside.
    /// The index of `docs`, setting lists aside past `budget` bytes in
    /// run files made under `runs` (or the system's temporary folder);
    /// with how many runs were set aside, and how many of them held.
    fn index_with(
        docs: Vec<IndexDoc<'static>>,
        budget: usize,
        runs: Option<std::path::PathBuf>,
    ) -> (Vec<OutFile>, (usize, usize)) {
        let mem = Memory::default();
        let emit = Emit::new(&mem, false);
        let mut b = Builder::new("zh", &emit);
        b.segment.budget = budget;
        if let Some(under) = runs {
            b.segment.runs = Runs::under(under);
        }
        // Chosen now, so the documents are indexed as they are added.
        b.grams = Some(Grams::choose(&docs));
        b.add(docs);
        let runs = b.segment.runs.count();
        b.finish();
        emit.finish().expect("in memory");
        (mem.into_files(), runs)
    }

    fn index(docs: Vec<IndexDoc<'static>>, budget: usize) -> (Vec<OutFile>, usize) {
        let (files, (runs, _)) = index_with(docs, budget, None);
        (files, runs)
    }

    #[test]
    fn lists_set_aside_and_merged_back_make_the_same_index() {
        let n = BATCH * 3 + 5;
        let (held, none) = index(docs(n), usize::MAX);
        let (set_aside, runs) = index(docs(n), 0);
        assert_eq!(none, 0);
        assert_eq!(runs, 4, "one run per batch");
        assert_eq!(held.len(), set_aside.len());
        for (a, b) in held.iter().zip(&set_aside) {
            assert_eq!(a.path, b.path);
            assert!(a.bytes == b.bytes, "{} differs", a.path);
        }
    }

    #[test]
    fn lists_that_cannot_be_written_are_held_and_make_the_same_index() {
        // A file where the runs' folder would be made: no run file can be
        // written, and the build holds the lists instead of failing.
        let blocked = std::env::temp_dir().join(format!("plansite-no-runs-{}", std::process::id()));
        std::fs::write(&blocked, "a file, not a folder").expect("write");
        let n = BATCH * 2 + 3;
        let (held, _) = index(docs(n), usize::MAX);
        let (fallback, (runs, in_memory)) = index_with(docs(n), 0, Some(blocked.clone()));
        let _ = std::fs::remove_file(&blocked);
        assert_eq!((runs, in_memory), (3, 3), "every run held in memory");
        assert_eq!(held.len(), fallback.len());
        for (a, b) in held.iter().zip(&fallback) {
            assert_eq!(a.path, b.path);
            assert!(a.bytes == b.bytes, "{} differs", a.path);
        }
    }
}
