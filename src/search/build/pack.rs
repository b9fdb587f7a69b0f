//! Posting lists and texts packed into numbered files, and the directory
//! that locates each list.

use rayon::prelude::*;

use crate::output::{Emit, OutFile};
use crate::search::codec::{fnv1a, put_ids};
use crate::search::layout;
use crate::search::runs::{Posting, Sections};

/// Whether an entry of `len` bytes starts a new pack after one holding
/// `filled` bytes: packs hold at most [`layout::PACK_BYTES`], or one entry
/// that is larger alone.
fn starts_pack(filled: usize, len: usize) -> bool {
    filled > 0 && filled + len > layout::PACK_BYTES
}

/// Appends byte strings to numbered packs, passing each pack on as soon as
/// it is full, so only one pack per kind is held in memory.
pub(super) struct Packer<'e> {
    dir: String,
    emit: &'e Emit<'e>,
    n: usize,
    pack: Vec<u8>,
}

impl<'e> Packer<'e> {
    pub(super) fn new(dir: String, emit: &'e Emit<'e>) -> Self {
        Packer {
            dir,
            emit,
            n: 0,
            pack: Vec::new(),
        }
    }

    /// Appends `parts` as one entry; returns (pack, offset).
    pub(super) fn put(&mut self, parts: &[&[u8]]) -> (usize, usize) {
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

    pub(super) fn flush(&mut self) {
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

/// Lists packed at a time: their sections are encoded in parallel.
const PACK_CHUNK: usize = 4096;

/// Writes the posting lists `lists` (in key order) into packs of at most
/// [`layout::PACK_BYTES`] (one list may exceed it alone) under `dir`, and
/// returns the directory's shard count and its shards, which locate them.
/// A read error of a run is kept in `emit` and ends the lists.
pub(super) fn pack_postings(
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
