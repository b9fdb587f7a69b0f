//! Writes one language's index: the directory shards, the posting packs, the
//! document chunks and the text packs (see [`super`] for the layout).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rayon::prelude::*;

use super::codec::{fnv1a, put_varint};
use super::normalize::{bigram_key, tokenize, unigram_key};
use super::{layout, Field, IndexDoc};
use crate::render::OutFile;

/// Documents tokenised in parallel per batch, then merged in document order.
const BATCH: usize = 512;
/// Key partitions merged in parallel.
const PARTS: usize = 64;

/// One key's occurrences in one document.
struct Local {
    hash: u64,
    key: String,
    fields: u8,
    positions: Vec<u32>,
    with_positions: bool,
}

/// One document after tokenising: its keys by partition, and its text blob.
struct Tokenised {
    parts: Vec<Vec<Local>>,
    text: Vec<u8>,
    table_len: usize,
}

/// One key's posting list under construction.
struct Posting {
    key: String,
    df: u32,
    last: u32,
    docs: Vec<u8>,
    pos: Vec<u8>,
}

fn hash64(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= u64::from(b' ');
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
        for b in p.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    // Mix the high bits, which pick the partition.
    h ^ (h >> 29).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

fn tokenise(doc: &IndexDoc) -> Tokenised {
    let mut index: HashMap<u64, usize> = HashMap::new();
    let mut locals: Vec<Local> = Vec::new();
    let mut add = |parts: &[&str], field: Field, pos: u32, with_positions: bool| {
        let hash = hash64(parts);
        let i = *index.entry(hash).or_insert_with(|| {
            locals.push(Local {
                hash,
                key: if parts.len() == 1 {
                    unigram_key(parts[0])
                } else {
                    bigram_key(parts[0], parts[1])
                },
                fields: 0,
                positions: Vec::new(),
                with_positions,
            });
            locals.len() - 1
        });
        let l = &mut locals[i];
        l.fields |= field.bit();
        l.positions.push(pos);
    };
    let mut pos: u32 = 0;
    let mut table = String::from("[");
    let mut texts: Vec<u8> = Vec::new();
    for block in &doc.blocks {
        let toks = tokenize(&block.text);
        if toks.is_empty() {
            continue;
        }
        for (i, t) in toks.iter().enumerate() {
            let p = pos + i as u32;
            add(&[&t.text], block.field, p, false);
            if let Some(next) = toks.get(i + 1) {
                add(&[&t.text, &next.text], block.field, p, true);
            }
        }
        if table.len() > 1 {
            table.push(',');
        }
        let anchor = match &block.anchor {
            Some(a) => serde_json::to_string(a).expect("string"),
            None => "null".to_owned(),
        };
        let _ = write!(
            table,
            "[{pos},{anchor},{},{}]",
            texts.len(),
            block.text.len()
        );
        texts.extend_from_slice(block.text.as_bytes());
        pos += toks.len() as u32 + 1;
    }
    table.push(']');
    for f in &doc.facets {
        add(&[&f.key()], Field::Meta, 0, false);
    }
    let mut parts: Vec<Vec<Local>> = (0..PARTS).map(|_| Vec::new()).collect();
    for l in locals {
        parts[(l.hash >> 58) as usize % PARTS].push(l);
    }
    let table_len = table.len();
    let mut text = table.into_bytes();
    text.extend_from_slice(&texts);
    Tokenised {
        parts,
        text,
        table_len,
    }
}

fn merge(part: &mut HashMap<u64, Posting>, doc: u32, locals: Vec<Local>) {
    for l in locals {
        let p = part.entry(l.hash).or_insert_with(|| Posting {
            key: l.key,
            df: 0,
            last: 0,
            docs: Vec::new(),
            pos: Vec::new(),
        });
        put_varint(&mut p.docs, doc - p.last);
        p.docs.push(l.fields);
        put_varint(&mut p.docs, l.positions.len() as u32);
        put_varint(&mut p.docs, l.positions[0]);
        if l.with_positions {
            put_varint(&mut p.pos, l.positions.len() as u32);
            let mut prev = 0;
            for x in l.positions {
                put_varint(&mut p.pos, x - prev);
                prev = x;
            }
        }
        p.last = doc;
        p.df += 1;
    }
}

/// Appends `bytes` to the current pack, starting a new one when it is full;
/// returns (pack, offset).
struct Packer {
    dir: String,
    packs: Vec<Vec<u8>>,
}

impl Packer {
    fn new(dir: String) -> Self {
        Packer {
            dir,
            packs: vec![Vec::new()],
        }
    }

    fn put(&mut self, parts: &[&[u8]]) -> (usize, usize) {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let cur = self.packs.last().expect("one pack").len();
        if cur > 0 && cur + len > layout::PACK_BYTES {
            self.packs.push(Vec::new());
        }
        let n = self.packs.len() - 1;
        let pack = self.packs.last_mut().expect("one pack");
        let off = pack.len();
        for p in parts {
            pack.extend_from_slice(p);
        }
        (n, off)
    }

    fn files(self) -> impl Iterator<Item = OutFile> {
        let dir = self.dir;
        self.packs
            .into_iter()
            .enumerate()
            .filter(|(_, b)| !b.is_empty())
            .map(move |(i, bytes)| OutFile {
                path: format!("{dir}/{i}.bin"),
                bytes,
            })
    }
}

/// Builds the index files of one language under `search/<code>/`.
pub fn build(code: &str, docs: &[IndexDoc]) -> Vec<OutFile> {
    let base = format!("{}/{code}", layout::ROOT);
    let mut parts: Vec<HashMap<u64, Posting>> = (0..PARTS).map(|_| HashMap::new()).collect();
    let mut text_packs = Packer::new(format!("{base}/t"));
    let mut text_refs: Vec<(usize, usize, usize)> = Vec::with_capacity(docs.len());
    for (b, batch) in docs.chunks(BATCH).enumerate() {
        let toks: Vec<Tokenised> = batch.par_iter().map(tokenise).collect();
        let mut by_part: Vec<Vec<(u32, Vec<Local>)>> = (0..PARTS).map(|_| Vec::new()).collect();
        for (i, t) in toks.into_iter().enumerate() {
            let doc = (b * BATCH + i) as u32;
            let (pack, off) = text_packs.put(&[&t.text]);
            text_refs.push((pack, off, t.table_len));
            for (p, locals) in t.parts.into_iter().enumerate() {
                by_part[p].push((doc, locals));
            }
        }
        parts.par_iter_mut().zip(by_part).for_each(|(part, docs)| {
            for (doc, locals) in docs {
                merge(part, doc, locals);
            }
        });
    }

    let mut postings: Vec<Posting> = parts.into_iter().flat_map(|p| p.into_values()).collect();
    let dir_bytes: usize = postings.iter().map(|p| p.key.len() + 32).sum();
    let shards = (dir_bytes / layout::SHARD_BYTES)
        .max(1)
        .next_power_of_two()
        .min(layout::MAX_SHARDS);
    postings.par_sort_unstable_by(|a, b| {
        let sa = fnv1a(&a.key) as usize & (shards - 1);
        let sb = fnv1a(&b.key) as usize & (shards - 1);
        sa.cmp(&sb).then_with(|| a.key.cmp(&b.key))
    });

    let mut out = Vec::new();
    let mut packs = Packer::new(format!("{base}/p"));
    let mut dir: Vec<String> = vec![String::from("{"); shards];
    for p in &postings {
        let s = fnv1a(&p.key) as usize & (shards - 1);
        let (pack, off) = packs.put(&[&p.docs, &p.pos]);
        let d = &mut dir[s];
        if d.len() > 1 {
            d.push(',');
        }
        let _ = write!(
            d,
            "{}:[{pack},{off},{},{},{}]",
            serde_json::to_string(&p.key).expect("string"),
            p.docs.len(),
            p.pos.len(),
            p.df
        );
    }
    drop(postings);
    for (i, mut d) in dir.into_iter().enumerate() {
        d.push('}');
        out.push(OutFile {
            path: format!("{base}/k/{i}.json"),
            bytes: d.into_bytes(),
        });
    }
    out.extend(packs.files());
    out.extend(text_packs.files());

    for (c, chunk) in docs.chunks(layout::DOC_CHUNK).enumerate() {
        let metas: Vec<serde_json::Value> = chunk
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let (pack, off, tlen) = text_refs[c * layout::DOC_CHUNK + i];
                serde_json::json!({
                    "u": d.url, "s": d.slug, "t": d.title, "j": d.jurisdiction,
                    "d": d.date, "x": [pack, off, tlen],
                })
            })
            .collect();
        out.push(OutFile {
            path: format!("{base}/d/{c}.json"),
            bytes: serde_json::to_vec(&metas).expect("serializable"),
        });
    }

    let mut facets: BTreeMap<char, BTreeMap<String, (String, usize)>> = BTreeMap::new();
    for d in docs {
        for f in &d.facets {
            let e = facets
                .entry(f.kind.code())
                .or_default()
                .entry(f.value.clone())
                .or_insert_with(|| (f.label.clone(), 0));
            e.1 += 1;
        }
    }
    let facets: BTreeMap<String, Vec<(String, String, usize)>> = facets
        .into_iter()
        .map(|(k, m)| {
            let mut v: Vec<_> = m.into_iter().map(|(val, (l, n))| (val, l, n)).collect();
            if k == 'y' {
                v.reverse();
            }
            (k.to_string(), v)
        })
        .collect();
    out.push(OutFile {
        path: format!("{base}/meta.json"),
        bytes: serde_json::to_vec(&serde_json::json!({
            "version": layout::VERSION,
            "docs": docs.len(),
            "shards": shards,
            "chunk": layout::DOC_CHUNK,
            "facets": facets,
        }))
        .expect("serializable"),
    });
    out
}

/// The folding table split by code point, so a query fetches only the parts
/// its characters need: `search/fold/<code point % FOLD_SHARDS>.json`.
pub fn fold_files() -> Vec<OutFile> {
    let mut shards: Vec<BTreeMap<String, String>> =
        (0..layout::FOLD_SHARDS).map(|_| BTreeMap::new()).collect();
    for (t, s) in super::normalize::fold_table() {
        shards[*t as usize % layout::FOLD_SHARDS].insert(t.to_string(), s.to_string());
    }
    shards
        .into_iter()
        .enumerate()
        .map(|(i, m)| OutFile {
            path: format!("{}/fold/{i}.json", layout::ROOT),
            bytes: serde_json::to_vec(&m).expect("serializable"),
        })
        .collect()
}
