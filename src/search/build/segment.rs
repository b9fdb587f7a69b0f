//! One segment of an index: documents added a batch at a time, lists held
//! or set aside, then written.

use rayon::prelude::*;

use super::grams::Grams;
use super::keys::{Map, PARTS};
use super::merge::merge;
use super::pack::{pack_postings, Packer};
use super::tokenise::{tokenise, Tokenised};
use crate::output::{Emit, OutFile};
use crate::search::runs::{Posting, Runs};
use crate::search::IndexDoc;

/// Documents tokenised in parallel per batch, then merged in document order
/// (a batch holds every key occurrence of its documents, some 350 KB for a
/// plan of 20 KB: 32 plans hold 11 MB, and 128 held 36 MiB more at the
/// peak of a 10,000-plan build in the same time).
pub(super) const BATCH: usize = 32;

/// Bytes of posting lists a segment holds before it sets them aside in a
/// run file ([`Runs`]). At 10,000 plans the Chinese lists take 213 MB and
/// are held; setting aside half of them cost 3% of the build's time for
/// 160 MiB less at the peak (bench/RECORD.md, section 12).
const HELD_BYTES: usize = 256 << 20;

/// Where each document's record went in a segment's text packs: (pack,
/// offset, length of its metadata and block table).
pub(super) type TextRef = (usize, usize, usize);

/// One segment's posting lists and text packs, built from documents given
/// a batch at a time ([`Segment::add`]) and written by [`Segment::finish`].
/// Lists past the budget are set aside in [`Runs`].
pub(super) struct Segment<'e> {
    base: String,
    parts: Vec<Map<Posting>>,
    /// Bytes the lists in `parts` hold, about.
    held: usize,
    /// Most bytes of lists held before they are set aside.
    pub(super) budget: usize,
    pub(super) runs: Runs,
    text_packs: Packer<'e>,
    text_refs: Vec<TextRef>,
    pub(super) emit: &'e Emit<'e>,
}

impl<'e> Segment<'e> {
    /// A segment to be written under `base`.
    pub(super) fn new(base: &str, emit: &'e Emit<'e>) -> Self {
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
    pub(super) fn add(&mut self, docs: Vec<IndexDoc<'_>>, numbers: &[u32], grams: &Grams) {
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
    pub(super) fn finish(mut self) -> (usize, Vec<TextRef>) {
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
